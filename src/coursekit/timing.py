"""Chapter 12 model (book/ch12_timing.md).

Waterfall or sprinkler: a small cash-flow simulation of rolling out into several markets.

A firm wants to enter ``markets`` identical foreign markets over ``periods`` periods (think of
quarters). It can follow one of two strategies (Ayal & Zif 1979; Kalish, Mahajan & Muller 1995):

``"waterfall"``
    one market at a time: the next market is entered only when the previous one has been
    active for ``establish_periods`` periods (it is *established*), and only one per period;
``"sprinkler"``
    many at once: every period, as many markets as the firm can pay for are entered.

**The rules**, applied every period ``p = 1, ..., periods`` (all deterministic):

1. *Money arrives.* ``budget_per_period`` is added to the firm's cash (in period 1 on top of
   ``initial_cash``). Unspent money is kept.
2. *Entries.* Markets are entered in order, market 1 first. Entering costs
   ``entry_cost x (k + 1) ** log2(1 - learning_effect)``, paid at once, where ``k`` is the
   number of markets that are already established, i.e. entered at least ``establish_periods``
   periods earlier: experience from running earlier markets makes later entries cheaper. This is
   an experience curve in Wright's form: every *doubling* of the markets the firm has
   experience of (1 -> 2 -> 4 ...) cuts the cost by the share ``learning_effect`` (0.2: an
   "80% curve"), so each further market saves less than the one before and the saving does not
   compound market by market. A market is
   entered only if
   (a) the strategy allows it now (waterfall: no market yet, or the last one is established;
   sprinkler: always),
   (b) the cash covers the cost: **the firm can never spend more than it has** (the resource
   limit), and
   (c) it pays back: the margins the market will earn until the last period, discounted at
   ``discount_rate`` to the period of entry, exceed its cost. The firm foresees them exactly.
   If a market fails (b) or (c), no further market is entered in that period.
3. *Margins.* Each market holds a pool of margin to be earned over the product's life there:
   ``market_potential`` if the market was entered within the first ``window`` periods
   (``e <= window``), only ``late_share x market_potential`` if it was entered later, after
   competitors moved in (``window=None``: the window never closes). Every period the firm
   earns the share ``growth_rate`` of the pool it has not yet earned, so a market entered in
   period ``e`` earns ``pool x growth_rate x (1 - growth_rate) ** (p - e)`` in period
   ``p >= e``: sales come early and fade as the market is covered. Margins are added to cash
   at the end of the period and can pay for later entries. What is not earned by the last
   period is lost to the simulation.

   *Ramp-up (opt-in).* With ``imitation`` above 0, a market's pool is earned along a Bass
   diffusion curve instead: the share earned by age ``t`` is
   ``F(t) = (1 - exp(-c t)) / (1 + s / (1 - s) x exp(-c t))`` with ``c = -ln(1 - growth_rate)``
   and ``s = imitation``, the share of imitation in Bass's ``p + q`` (``p = c (1 - s)``,
   ``q = c s``). Sales then start slowly, peak later and fade: the same pool, earned later.
   ``imitation=0`` (the default) is exactly the rule above, ``F(t) = 1 - (1 - growth_rate) ** t``.
   *Assumptions:* the ramp is the same in every market, does not depend on the firm's other
   markets (no spill-over of word of mouth between countries) and does not change the pool.

4. *Time value of money.* Cash is worth less the later it comes: a flow in period ``p`` counts
   ``(1 + discount_rate) ** -(p - 1)`` in the net present value (NPV). The default, 3% a
   quarter (about 12.6% a year), is the course's stated choice of a small firm's cost of
   capital for a risky venture abroad, not a measured value (see chapter 12); set
   ``discount_rate=0`` for undiscounted cash.

**What is left out** (and what it does to the result): markets are identical and riskless (no
market fails, so neither the risk-spreading case for the sprinkler nor the avoid-failure case
for the waterfall can appear); by default sales peak in the period of entry and then fade (no
ramp-up, unless ``imitation`` is set), which front-loads margins; management capacity is
unlimited.

**What is reported.** :func:`simulate_rollout` returns one row per period: each market's net
cash flow (margin minus any entry cost), the totals, the cumulative cash of the international
venture (margins minus entry costs so far, *not* counting the budget), its discounted
counterpart ``cumulative_npv``, the markets active and the cash available. :func:`compare` runs
both strategies; :func:`winner` names the better one (by NPV unless ``by="cumulative_cash"``);
:func:`winning_region` maps the winner over two parameters.

**Laws these rules guarantee** (proved in the chapter and checked in ``tests/test_timing.py``):

* Waterfall: more budget, more initial cash, a stronger learning effect or a longer window never
  lower its cumulative cash or NPV (each market is entered no later and costs no more).
* Sprinkler: the same holds for budget and window *when there is no learning effect*. With
  learning it can fail: a richer sprinkler enters markets before it has learned from the
  first ones and pays more for them.
* Without learning, the sprinkler never does worse than the waterfall: waiting only costs. In
  particular, with no learning and no discounting the sprinkler's cumulative cash is at least
  the waterfall's, and equal when both enter the same markets in the same periods.
* With money no constraint (``initial_cash + budget_per_period >= markets x entry_cost``) and a
  window of at least one period, the sprinkler enters every market in period 1, so its result
  does not depend on the window or the learning effect, while the waterfall's can only improve
  with both: a shorter window or weaker learning never helps the waterfall relative to the
  sprinkler.
* With money no constraint, no window and no discounting, if the waterfall manages to enter
  every market and the saving on each later entry is at least what its last market leaves
  unearned by the end (``entry_cost x learning_effect >= market_potential x (1 - growth_rate)
  ** (periods - (markets - 1) x establish_periods)``), the waterfall wins or ties: learning on
  expensive entries beats the margin lost by waiting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from coursekit import _validate

__all__ = [
    "STRATEGIES",
    "DEFAULTS",
    "ANNUAL_DISCOUNT_RATE",
    "MEASURES",
    "entry_cost_after",
    "parameters",
    "ramp_shares",
    "simulate_rollout",
    "compare",
    "winner",
    "advantage",
    "winning_region",
    "winning_values",
    "risk_profile",
    "compare_risk",
]

STRATEGIES: tuple[str, ...] = ("waterfall", "sprinkler")
#: What :func:`winner` and :func:`winning_region` compare by.
MEASURES: tuple[str, ...] = ("cumulative_cash", "npv")

#: The default scenario (money in thousands of euros, a period is a quarter).
DEFAULTS: dict[str, Any] = {
    "markets": 6,
    "periods": 32,
    "budget_per_period": 40.0,
    "entry_cost": 150.0,
    "market_potential": 400.0,
    "growth_rate": 0.1,
    "learning_effect": 0.2,
    "window": None,
    "late_share": 0.4,
    "establish_periods": 3,
    "initial_cash": 150.0,
    "discount_rate": 0.03,
    "imitation": 0.0,
}

#: The default discount rate per period (a quarter), 3%: about 12.6% a year.
ANNUAL_DISCOUNT_RATE = (1 + DEFAULTS["discount_rate"]) ** 4 - 1

#: The largest ``imitation`` share accepted (at 1 nobody would ever start buying).
MAX_IMITATION = 0.95

_MAX_PERIODS = 400
_MAX_MARKETS = 100
_EPS = 1e-9


# --------------------------------------------------------------------------------------------
# Checking the inputs


def _whole(value: object, name: str, *, low: int, high: int) -> int:
    # a fractional number of periods or markets is a TypeError in this model (as it always was)
    return _validate.whole(value, name, low=low, high=high, example="6", fraction_error=TypeError)


def _window(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, Real) and not isinstance(value, bool) and math.isinf(float(value)):
        if float(value) > 0:
            return None
        raise ValueError("window must be 0 or more periods, or None (never closes), not -inf")
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(
            "window is a whole number of periods, or None for a window that never closes, "
            f"not {type(value).__name__} {value!r:.40}"
        )
    return _validate.whole(
        value, "window", low=0, why="periods; None never closes", fraction_error=TypeError
    )


def _strategy(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"strategy is 'waterfall' or 'sprinkler', not {type(value).__name__}")
    key = value.strip().lower()
    if key not in STRATEGIES:
        tip = _validate.suggest(key, STRATEGIES, cutoff=0.5)
        raise ValueError(f"Unknown strategy {value!r}: use 'waterfall' or 'sprinkler'.{tip}")
    return key


def _params(**given: object) -> dict[str, Any]:
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        tips = [_validate.with_suggestion(name, DEFAULTS) for name in unknown]
        raise TypeError(
            f"unknown parameter(s) {', '.join(tips)}; the parameters are {', '.join(DEFAULTS)}"
        )
    p = {**DEFAULTS, **given}
    return {
        "markets": _whole(p["markets"], "markets", low=1, high=_MAX_MARKETS),
        "periods": _whole(p["periods"], "periods", low=1, high=_MAX_PERIODS),
        "budget_per_period": _validate.number(p["budget_per_period"], "budget_per_period", low=0.0),
        "entry_cost": _validate.number(p["entry_cost"], "entry_cost", low=0.0),
        "market_potential": _validate.number(p["market_potential"], "market_potential", low=0.0),
        "growth_rate": _growth(p["growth_rate"]),
        "learning_effect": _validate.number(
            p["learning_effect"], "learning_effect", low=0.0, high=1.0
        ),
        "window": _window(p["window"]),
        "late_share": _validate.number(p["late_share"], "late_share", low=0.0, high=1.0),
        "establish_periods": _whole(
            p["establish_periods"], "establish_periods", low=1, high=_MAX_PERIODS
        ),
        "initial_cash": _validate.number(p["initial_cash"], "initial_cash", low=0.0),
        "discount_rate": _validate.number(p["discount_rate"], "discount_rate", low=0.0, high=1.0),
        "imitation": _validate.number(p["imitation"], "imitation", low=0.0, high=MAX_IMITATION),
    }


def parameters(**params: object) -> dict[str, Any]:
    """The full parameter set: ``params`` checked and completed with :data:`DEFAULTS`.

    ``window`` comes back as ``None`` (never closes) or a whole number of periods.
    """
    return _params(**params)


def _growth(value: object) -> float:
    x = _validate.number(value, "growth_rate", low=0.0, high=1.0)
    if x == 0.0:
        raise ValueError(
            "growth_rate must be above 0 (a market where nobody ever buys earns nothing); "
            "use a value in (0, 1], such as 0.25"
        )
    return x


def _ramp(horizon: int, growth_rate: float, imitation: float) -> np.ndarray:
    """Share of a market's pool earned at age 0, 1, ..., ``horizon - 1`` (see rule 3)."""
    ages = np.arange(horizon)
    if imitation == 0.0 or growth_rate >= 1.0:
        return growth_rate * (1.0 - growth_rate) ** ages
    c = -math.log(1.0 - growth_rate)
    t = np.arange(horizon + 1)
    decay = np.exp(-c * t)
    earned = (1.0 - decay) / (1.0 + imitation / (1.0 - imitation) * decay)
    return np.diff(earned)


def ramp_shares(**params: object) -> pd.Series:
    """The share of a market's pool earned in each period after entry (index ``age``, 0 first).

    With ``imitation=0`` (the default) this is ``growth_rate x (1 - growth_rate) ** age``; a
    higher ``imitation`` earns the same pool later (a Bass-type ramp-up). The shares are never
    negative and add up to at most 1 over ``periods``.

    >>> round(float(ramp_shares(growth_rate=0.5, periods=2).sum()), 6)
    0.75
    """
    p = _params(**params)
    shares = _ramp(p["periods"], p["growth_rate"], p["imitation"])
    return pd.Series(shares, index=pd.RangeIndex(len(shares), name="age"), name="share")


# --------------------------------------------------------------------------------------------
# The simulation


def _experience_factor(established: int, learning_effect: float) -> float:
    """Cost share of an entry after ``established`` markets: ``(k + 1) ** log2(1 - L)``."""
    if established == 0 or learning_effect == 0.0:
        return 1.0
    if learning_effect >= 1.0:
        return 0.0
    return float((established + 1) ** math.log2(1.0 - learning_effect))


def entry_cost_after(established: int, **params: object) -> float:
    """What entering a market costs once ``established`` markets are established.

    >>> round(entry_cost_after(1, entry_cost=100, learning_effect=0.2), 6)  # one doubling
    80.0
    """
    p = _params(**params)
    k = _whole(established, "established", low=0, high=_MAX_MARKETS)
    return p["entry_cost"] * _experience_factor(k, p["learning_effect"])


def _run(
    strategy: str,
    p: dict[str, Any],
    failed: np.ndarray | None = None,
    failure_prob: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(flows: periods x markets net cash flow, entry period of each market or -1, its cost).

    ``failed`` (one flag per market, in entry order) and ``failure_prob`` are the risk rules of
    :func:`risk_profile`; without them the run is the deterministic one.
    """
    n, horizon = p["markets"], p["periods"]
    budget, cost0, potential = p["budget_per_period"], p["entry_cost"], p["market_potential"]
    g, learn, window = p["growth_rate"], p["learning_effect"], p["window"]
    late, settle = p["late_share"], p["establish_periods"]
    delta = 1.0 / (1.0 + p["discount_rate"])
    ages = np.arange(horizon)
    ramp = _ramp(horizon, g, p["imitation"])  # share of the pool earned at age 0, 1, ...
    # annuity[m]: the discounted share of the pool earned in the first m periods of a market
    annuity = np.concatenate([[0.0], np.cumsum(ramp * delta**ages)])

    flows = np.zeros((horizon, n))
    entered_at = np.full(n, -1, dtype=int)
    potentials = np.zeros(n)
    paid = np.zeros(n)
    cash = p["initial_cash"]
    nxt = 0
    for t in range(horizon):  # t = 0 is period 1
        cash += budget
        if failed is not None and np.any(failed[:nxt] & (entered_at[:nxt] <= t - settle)):
            nxt_allowed = False  # a failure is known: the cautious firm enters no more markets
        else:
            nxt_allowed = True
        while nxt_allowed and nxt < n:
            if strategy == "waterfall" and nxt > 0 and t < entered_at[nxt - 1] + settle:
                break
            established = int(np.count_nonzero((entered_at >= 0) & (entered_at <= t - settle)))
            cost = cost0 * _experience_factor(established, learn)
            pot = potential if window is None or t < window else late * potential
            if (1.0 - failure_prob) * pot * annuity[horizon - t] - cost <= _EPS * max(1.0, cost):
                break  # does not pay back before the horizon
            if cash + _EPS * max(1.0, cost) < cost:
                break  # cannot pay for it now
            cash -= cost
            flows[t, nxt] -= cost
            entered_at[nxt] = t
            paid[nxt] = cost
            potentials[nxt] = 0.0 if failed is not None and failed[nxt] else pot
            nxt += 1
        active = entered_at[:nxt]
        margins = potentials[:nxt] * ramp[t - active]
        flows[t, :nxt] += margins
        cash += float(margins.sum())
    return flows, entered_at, paid


def simulate_rollout(strategy: str, **params: object) -> pd.DataFrame:
    """Simulate one strategy; one row per period (index ``period``, 1 to ``periods``).

    Columns: ``market_1`` ... ``market_N`` (each market's net cash flow: margin minus any entry
    cost), ``entries``, ``entry_costs``, ``margins``, ``net_cash_flow``, ``cumulative_cash``
    (margins minus entry costs so far), ``cumulative_npv`` (the same, each flow discounted at
    ``discount_rate`` to period 1), ``markets_active`` and ``cash_available`` (the firm's
    cash at the end of the period, budget included). Parameters and their defaults are in
    :data:`DEFAULTS`; the rules are in the module's documentation.
    """
    strategy = _strategy(strategy)
    p = _params(**params)
    flows, entered_at, paid = _run(strategy, p)
    horizon, n = flows.shape
    periods = np.arange(1, horizon + 1)
    table = pd.DataFrame(flows, columns=[f"market_{i + 1}" for i in range(n)])
    done = entered_at >= 0
    entries = np.bincount(entered_at[done], minlength=horizon)[:horizon]
    costs = np.bincount(entered_at[done], weights=paid[done], minlength=horizon)[:horizon]
    net = flows.sum(axis=1)
    table["entries"] = entries.astype("int64")
    table["entry_costs"] = costs
    table["margins"] = net + costs
    table["net_cash_flow"] = net
    table["cumulative_cash"] = np.cumsum(net)
    table["cumulative_npv"] = np.cumsum(net / (1.0 + p["discount_rate"]) ** np.arange(horizon))
    table["markets_active"] = np.cumsum(entries).astype("int64")
    table["cash_available"] = p["initial_cash"] + p["budget_per_period"] * periods + np.cumsum(net)
    table.index = pd.RangeIndex(1, horizon + 1, name="period")
    return table


def _summary(table: pd.DataFrame, discount_rate: float) -> dict[str, float]:
    cum = table["cumulative_cash"].to_numpy()
    net = table["net_cash_flow"].to_numpy()
    t = np.arange(len(net))
    npv = float(np.sum(net / (1.0 + discount_rate) ** t))
    entries = table["entries"].to_numpy()
    entered = np.flatnonzero(entries)
    negative = np.flatnonzero(cum < -_EPS)
    if not len(entered) or cum[-1] < -_EPS:
        payback = math.nan
    else:
        payback = float(negative[-1] + 2) if len(negative) else float(entered[0] + 1)
    return {
        "cumulative_cash": float(cum[-1]),
        "npv": npv,
        "markets_entered": int(entries.sum()),
        "first_entry": float(entered[0] + 1) if len(entered) else math.nan,
        "last_entry": float(entered[-1] + 1) if len(entered) else math.nan,
        "lowest_cumulative_cash": float(min(0.0, cum.min())),
        "payback_period": payback,
    }


def _pick(values: dict[str, float]) -> str:
    w, s = values["waterfall"], values["sprinkler"]
    if abs(s - w) <= 1e-9 * max(1.0, abs(s), abs(w)):
        return "tie"
    return "sprinkler" if s > w else "waterfall"


def compare(by: str = "npv", **params: object) -> pd.DataFrame:
    """Run both strategies; one row per strategy (index ``strategy``).

    Columns: ``cumulative_cash`` (at the last period), ``npv`` (net cash flows discounted at
    ``discount_rate`` to period 1), ``markets_entered``, ``first_entry``, ``last_entry``,
    ``lowest_cumulative_cash`` (the deepest the venture's cash went: the money it needed),
    ``payback_period`` (from which period on cumulative cash stays at or above 0; NaN if it
    ends below) and ``winner`` (True for the better strategy by ``by``; True for both on a tie).
    """
    measure = _measure(by)
    p = _params(**params)
    rows = {s: _summary(simulate_rollout(s, **p), p["discount_rate"]) for s in STRATEGIES}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "strategy"
    best = _pick({s: rows[s][measure] for s in STRATEGIES})
    table["winner"] = [best in (s, "tie") for s in STRATEGIES]
    return table


def _measure(by: object) -> str:
    if not isinstance(by, str):
        raise TypeError(f"by must be one of {', '.join(MEASURES)} (text), not {type(by).__name__}")
    if by not in MEASURES:
        raise ValueError(f"by must be one of {', '.join(MEASURES)}, not {by!r}")
    return str(by)


def _final(strategy: str, p: dict[str, Any], measure: str) -> float:
    flows, _, _ = _run(strategy, p)
    net = flows.sum(axis=1)
    if measure == "cumulative_cash":
        return float(net.sum())
    return float(np.sum(net / (1.0 + p["discount_rate"]) ** np.arange(len(net))))


def advantage(by: str = "npv", **params: object) -> float:
    """The sprinkler's result minus the waterfall's (positive: the sprinkler does better)."""
    measure = _measure(by)
    p = _params(**params)
    return _final("sprinkler", p, measure) - _final("waterfall", p, measure)


def winner(by: str = "npv", **params: object) -> str:
    """``'waterfall'``, ``'sprinkler'`` or ``'tie'`` (equal to within a billionth)."""
    measure = _measure(by)
    p = _params(**params)
    return _pick({s: _final(s, p, measure) for s in STRATEGIES})


def winning_region(
    param_x: str,
    x_values: Iterable[Any],
    param_y: str,
    y_values: Iterable[Any],
    *,
    by: str = "npv",
    **params: object,
) -> pd.DataFrame:
    """Compare the strategies over a grid of two parameters (for a "when does sprinkler win" map).

    Returns one row per grid point with columns ``param_x``, ``param_y``, ``waterfall``,
    ``sprinkler`` (each strategy's result by ``by``), ``advantage`` (sprinkler minus waterfall)
    and ``winner``. The other parameters are ``params`` or their defaults. A ``window`` of
    ``None`` (never closes) appears as ``inf`` in the table.
    """
    measure = _measure(by)
    for name in (param_x, param_y):
        _param_name(name)
        if name not in DEFAULTS:
            tip = _validate.suggest(name, DEFAULTS)
            raise ValueError(
                f"Unknown parameter {name!r} for the grid; choose from {', '.join(DEFAULTS)}.{tip}"
            )
    if param_x == param_y:
        raise ValueError(f"choose two different parameters, not {param_x!r} twice")
    if param_x in params or param_y in params:
        raise ValueError(
            f"{param_x!r} and {param_y!r} vary over the grid: do not also pass them as fixed values"
        )
    xs, ys = _grid_values(x_values, param_x), _grid_values(y_values, param_y)
    rows = []
    for y in ys:
        for x in xs:
            p = _params(**{**params, param_x: x, param_y: y})
            w, s = _final("waterfall", p, measure), _final("sprinkler", p, measure)
            rows.append(
                {  # a window that never closes is shown as inf, so the column stays numeric
                    param_x: math.inf if x is None else x,
                    param_y: math.inf if y is None else y,
                    "waterfall": w,
                    "sprinkler": s,
                    "advantage": s - w,
                    "winner": _pick({"waterfall": w, "sprinkler": s}),
                }
            )
    return pd.DataFrame(rows)


def _param_name(name: object) -> str:
    if not isinstance(name, str):
        raise TypeError(
            f"the parameter to vary must be a name (text) such as 'learning_effect', "
            f"not {type(name).__name__} {name!r:.40}"
        )
    return name


def _grid_values(values: Iterable[Any], name: str) -> list[Any]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"the values of {name} must be a list of numbers, not {values!r:.40}")
    out = [v.item() if isinstance(v, np.generic) else v for v in values]
    if not out:
        raise ValueError(f"give at least one value of {name} for the grid")
    return out


def winning_values(
    param: str,
    values: Iterable[Any],
    strategy: str = "sprinkler",
    *,
    by: str = "npv",
    **params: object,
) -> list[Any]:
    """The values of ``param``, in the order given, at which ``strategy`` wins outright.

    >>> winning_values("learning_effect", [0.0, 0.5])  # doctest: +SKIP
    [0.0]
    """
    strategy = _strategy(strategy)
    measure = _measure(by)
    _param_name(param)
    if param not in DEFAULTS:
        tip = _validate.suggest(param, DEFAULTS)
        raise ValueError(f"Unknown parameter {param!r}; choose from {', '.join(DEFAULTS)}.{tip}")
    if param in params:
        raise ValueError(f"{param!r} varies: do not also pass it as a fixed value")
    out = []
    for value in _grid_values(values, param):
        p = _params(**{**params, param: value})
        result = {s: _final(s, p, measure) for s in STRATEGIES}
        if _pick(result) == strategy:
            out.append(value)
    return out


# --------------------------------------------------------------------------------------------
# Risk: markets that fail (the risk side of Ayal & Zif)

_MAX_RISK_MARKETS = 10


def _outcomes(n: int, f: float, rho: float) -> list[tuple[np.ndarray, float]]:
    """Every failure pattern of ``n`` markets with its probability (weight-0 patterns left out)."""
    weights: dict[tuple[bool, ...], float] = {}
    for k in range(2**n):
        pattern = tuple(bool(k >> i & 1) for i in range(n))
        fails = sum(pattern)
        w = (1.0 - rho) * f**fails * (1.0 - f) ** (n - fails)
        if fails == n:
            w += rho * f
        if fails == 0:
            w += rho * (1.0 - f)
        if w > 0:
            weights[pattern] = w
    return [(np.array(pat, dtype=bool), w) for pat, w in weights.items()]


def _risk_params(
    failure_prob: object, failure_correlation: object, params: dict[str, Any]
) -> tuple[dict[str, Any], float, float]:
    f = _validate.probability(failure_prob, "failure_prob")
    rho = _validate.number(failure_correlation, "failure_correlation", low=0.0, high=1.0)
    p = _params(**params)
    if p["markets"] > _MAX_RISK_MARKETS:
        raise ValueError(
            f"risk_profile enumerates every failure pattern, so markets must be at most "
            f"{_MAX_RISK_MARKETS}, not {p['markets']}"
        )
    return p, f, rho


def risk_profile(
    strategy: str,
    failure_prob: float = 0.2,
    failure_correlation: float = 0.0,
    **params: object,
) -> pd.Series:
    """Expected NPV and its spread when markets can fail (opt-in; the other functions are riskless).

    **The risk rules**, on top of the module's rules: each market fails with probability
    ``failure_prob``; with probability ``failure_correlation`` one draw decides for all markets
    at once (the product does or does not travel), otherwise every market draws on its own. A
    failed market earns nothing and its entry cost is lost. The firm learns that a market failed
    when it would count as established (``establish_periods`` after entry), and from then on
    enters no further market (a cautious rule). Before that it judges pay-back on the expected
    pool, ``(1 - failure_prob) x pool``. A failed market still counts as experience for learning.

    *Assumptions:* failures are known only at establishment; the cautious rule applies to both
    strategies; markets stay identical. The sprinkler spreads its bets before it can learn; the
    waterfall learns from its first market before betting on the next, which is the case for
    concentration when failures are correlated.

    Every failure pattern is enumerated (``markets`` at most 10), so the result is exact, not a
    simulation. Returns ``expected_npv``, ``sd_npv`` (standard deviation), ``p_loss``
    (probability that the NPV is below 0), ``worst_npv`` and ``best_npv``.
    """
    strategy = _strategy(strategy)
    p, f, rho = _risk_params(failure_prob, failure_correlation, params)
    delta = (1.0 + p["discount_rate"]) ** -np.arange(p["periods"])
    values, weights = [], []
    for pattern, chance in _outcomes(p["markets"], f, rho):
        flows, _, _ = _run(strategy, p, failed=pattern, failure_prob=f)
        values.append(float(flows.sum(axis=1) @ delta))
        weights.append(chance)
    v, w = np.array(values), np.array(weights)
    w = w / w.sum()
    mean = float(v @ w)
    return pd.Series(
        {
            "expected_npv": mean,
            "sd_npv": float(np.sqrt(max(0.0, ((v - mean) ** 2) @ w))),
            "p_loss": float(w[v < -_EPS].sum()),
            "worst_npv": float(v.min()),
            "best_npv": float(v.max()),
        },
        name=strategy,
    )


def compare_risk(
    failure_prob: float = 0.2, failure_correlation: float = 0.0, **params: object
) -> pd.DataFrame:
    """:func:`risk_profile` for both strategies; one row per strategy (index ``strategy``)."""
    rows = [risk_profile(s, failure_prob, failure_correlation, **params) for s in STRATEGIES]
    table = pd.DataFrame(rows)
    table.index.name = "strategy"
    return table
