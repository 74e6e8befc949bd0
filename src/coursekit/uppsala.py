"""Chapter 2 model (book/ch02_stage_models.md).

The Uppsala model: a psychic-distance proxy built from data, and a small learning simulator.

**Psychic distance** (:func:`psychic_distance`). Johanson & Vahlne (1977) define psychic distance
as the sum of factors that disturb the flow of information between a firm and a market:
language, culture, education, business practice, industrial development. It is a perception
and cannot be read off a table, so the course builds a **proxy** from three measurable parts,
each scaled to 0–1 over the candidate markets:

``cultural``
    the Kogut–Singh index from Hofstede's scores (:mod:`coursekit.culture`), min–max normalised
    over the candidates (0 = the culturally nearest candidate, 1 = the farthest);
``language``
    1 when home and market share no official language (CEPII ``comlang_off`` = 0), else 0. The
    indicator is already on the 0–1 scale and is used as it is;
``geographic``
    the logarithm of the great-circle distance in km between the two countries' main cities,
    min–max normalised over the candidates (the log: the step from 500 to 1,000 km matters as
    much as the step from 5,000 to 10,000 km).

The proxy is their weighted mean (equal weights by default). When a market lacks a part (no
Hofstede scores, say), the mean is taken over the parts it has, with their weights rescaled, and
the columns ``n_components`` and ``missing`` say so: no value is silently filled in.

**The simulator** (:func:`simulate`). Markets are described by their psychic distance ``d``
(0–1). Each period:

1. *Learning from current activities*: every market the firm serves gains experiential
   knowledge ``learning_rate x (stage + 1) x (1 - distance_drag x d)`` — more at a higher
   commitment (more activity, more people on the ground), less in a more distant market.
2. *Commitment decisions*: a market whose knowledge has passed the threshold of the next stage
   of the establishment chain moves up **one** stage (never more per period, never down):
   0 no regular export → 1 export via independent agents → 2 sales subsidiary →
   3 production abroad.
3. *Entering new markets*: general international experience, ``spillover x`` the knowledge
   summed over the markets served, opens market ``m`` once it reaches ``entry_threshold x d_m``.
   The required experience grows with psychic distance, so markets open nearest first; in the
   first period the firm enters its nearest market(s) without prior experience.

**Optional resource constraint** (``commitment_budget``, off by default). A small firm cannot
commit everywhere at once. With a budget ``B``, the sum of the stages over all markets may never
exceed ``B``: a market whose knowledge has passed its next threshold steps up only while the
budget allows, nearest markets first; the others wait (their knowledge keeps growing). Entering a
market (stage 0) costs nothing, so the budget limits *depth*, not breadth. Assumptions: the budget
is fixed (the firm does not grow), a step once taken is never undone, and there is no choice of
where to commit other than "nearest first". ``None`` (the default) is the unconstrained model,
identical to the rules above; any ``B >= 3 x`` the number of markets never binds.

**Optional de-commitment after a setback** (``setbacks``, off by default). Johanson and Vahlne
allow commitment to fall when prospects worsen; the default rules never let it. ``setbacks``
maps a market to the period in which a bad outcome hits it (a lost customer, a failed agent):
if the firm serves the market then, it steps **down** one rung (not below stage 0) and its
knowledge of the market falls to the level the remaining stage required (the experience behind
the lost step is written off), so it must re-learn before climbing again, and the general
experience that opens other markets shrinks with it. Assumptions: the setback is given, not
drawn at random; it hits after that period's learning and commitment decisions; nothing else
(other markets, the thresholds) changes. ``None`` (the default) keeps the rules above.

**Optional network pull** (``partner_pull``, off by default). In the 2009 revision a partner
can take a firm into a market it would not yet have chosen. ``partner_pull`` maps a market to
the period in which a partner (a customer going abroad, a distributor) takes the firm there: the
market is entered in that period at the latest, whatever the firm's experience, and from then on
it is learned like any other. Assumptions: the pull is given, not chosen; it opens the market
but commits nothing beyond stage 0. ``None`` (the default) keeps the rules above. With a pull
the entry order can break the order of psychic distance, which the default rules cannot.

Everything is deterministic; ties in distance are broken by market code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from coursekit import _validate

__all__ = [
    "COMPONENTS",
    "STAGE_NAMES",
    "NOT_ENTERED",
    "psychic_distance",
    "distance_ranking",
    "proxy_value",
    "simulate",
    "entry_order",
    "entry_periods",
    "market_summary",
    "simulated_entry_order",
    "markets_entered",
    "entry_year_correlation",
]

#: The parts of the psychic-distance proxy, in the order of the output columns.
COMPONENTS: tuple[str, ...] = ("cultural", "language", "geographic")
#: The establishment chain (Johanson & Wiedersheim-Paul 1975), stage 0 to 3.
STAGE_NAMES: tuple[str, ...] = (
    "no regular export",
    "export via independent agents",
    "sales subsidiary",
    "production abroad",
)
#: The ``stage_name`` of a market the firm has not entered yet (its ``stage`` is 0).
NOT_ENTERED = "not entered"

DEFAULT_THRESHOLDS: tuple[float, float, float] = (1.0, 2.5, 4.5)
_MAX_PERIODS = 1000

# Column names accepted for the pairwise distance table (the course's ``distances`` table first).
_ORIGIN = ("iso_o", "origin", "home", "iso3_o", "from")
_DEST = ("iso_d", "destination", "target", "iso3_d", "to")
_KM = ("dist_km", "dist", "distance_km", "km")
_LANG = ("comlang_off", "common_official_language", "common_language")


# --------------------------------------------------------------------------------------------
# Psychic distance from data


def _pick(frame: pd.DataFrame, names: Sequence[str], what: str) -> str:
    for name in names:
        if name in frame.columns:
            return name
    raise ValueError(
        f"the distance table has no {what} column; expected one of {', '.join(names)} "
        f"(columns present: {', '.join(map(str, frame.columns))})"
    )


@dataclass(frozen=True)
class _Pairs:
    """The pairwise table reduced to km and common language, grouped by origin."""

    codes: frozenset[str]
    by_origin: Mapping[str, pd.DataFrame]

    def from_home(self, home: str) -> pd.DataFrame:
        empty = pd.DataFrame({"km": [], "common_language": []}, dtype=float)
        return self.by_origin.get(home, empty)

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(self.by_origin)


def _distance_pairs(distances: pd.DataFrame | None) -> _Pairs:
    """Check and reduce a pairwise distance table (``None``: the course's, cached)."""
    if distances is None:
        return _default_pairs()
    if not isinstance(distances, pd.DataFrame):
        raise TypeError(f"distances must be a pandas DataFrame, not {type(distances).__name__}")
    o, d = _pick(distances, _ORIGIN, "origin"), _pick(distances, _DEST, "destination")
    km, lang = _pick(distances, _KM, "distance (km)"), _pick(distances, _LANG, "common-language")
    frame = pd.DataFrame(
        {
            "origin": distances[o].astype(str).to_numpy(dtype=object),
            "dest": distances[d].astype(str).to_numpy(dtype=object),
            "km": pd.to_numeric(distances[km], errors="coerce").to_numpy(dtype=float),
            "common_language": pd.to_numeric(
                distances[lang].astype("Float64"), errors="coerce"
            ).to_numpy(dtype=float, na_value=np.nan),
        }
    )
    groups = {
        str(origin): group.drop_duplicates("dest").set_index("dest")[["km", "common_language"]]
        for origin, group in frame.groupby("origin", sort=False)
    }
    codes = frozenset(frame["origin"].unique()) | frozenset(frame["dest"].unique())
    return _Pairs(codes=codes, by_origin=groups)


@lru_cache(maxsize=1)
def _default_pairs() -> _Pairs:
    from coursekit import data

    return _distance_pairs(data.load("distances"))


@lru_cache(maxsize=1)
def _default_scores() -> pd.DataFrame:
    from coursekit import culture

    return culture.country_scores()


def _check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    if weights is None:
        return {c: 1.0 / len(COMPONENTS) for c in COMPONENTS}
    _validate.mapping(
        weights,
        "weights",
        allow_empty=True,
        example="{'cultural': 2, 'language': 1, 'geographic': 1}",
    )
    unknown = [k for k in weights if k not in COMPONENTS]
    if unknown:
        shown = ", ".join(_validate.with_suggestion(k, COMPONENTS) for k in unknown)
        raise ValueError(
            f"unknown weight key(s) {shown}; the components are {', '.join(COMPONENTS)}"
        )
    clean: dict[str, float] = {}
    for key in COMPONENTS:
        value = _validate.number(
            weights.get(key, 0.0), f"the weight of {key!r}", nonfinite_error=TypeError
        )
        if value < 0:
            raise ValueError(f"the weight of {key!r} is negative ({value:g}); weights must be >= 0")
        clean[key] = value
    total = sum(clean.values())
    if total <= 0:
        raise ValueError("all weights are zero; give at least one component a positive weight")
    return {k: v / total for k, v in clean.items()}


def _minmax(values: np.ndarray) -> np.ndarray:
    """Scale to 0–1 over the non-missing values; all 0 when they do not differ."""
    if np.all(np.isnan(values)):
        return values
    low, high = np.nanmin(values), np.nanmax(values)
    if not np.isfinite(high - low) or high == low:
        # No spread: the component does not discriminate between the candidates.
        return np.where(np.isnan(values), np.nan, 0.0)
    return (values - low) / (high - low)


def _cultural(home: str, score_frame: pd.DataFrame) -> pd.Series:
    from coursekit import culture

    if home not in score_frame.index:
        return pd.Series(dtype=float)
    table = culture.distance_table(home, score_frame)
    return pd.Series(table["kogut_singh"].to_numpy(dtype=float), index=table["iso3"].astype(str))


@lru_cache(maxsize=512)
def _default_cultural(home: str) -> pd.Series:
    return _cultural(home, _default_scores())


def psychic_distance(
    home: str,
    targets: Sequence[str] | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    scores: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """A 0–1 psychic-distance proxy of candidate markets seen from ``home``, nearest first.

    Parameters
    ----------
    home
        The home country (ISO3 code or English name).
    targets
        The candidate markets. ``None``: every country with Hofstede scores (when ``home`` has
        scores), otherwise every country in the distance table. The normalisation to 0–1 is
        over the candidates, so the same market can get a different value in another set.
    weights
        ``{'cultural': w1, 'language': w2, 'geographic': w3}``; omitted keys weigh 0; only the
        ratios matter (default: equal).
    scores, distances
        The ``hofstede`` and ``distances`` tables (default: loaded).

    Returns
    -------
    DataFrame indexed by ``iso3`` with ``name``, the raw inputs (``kogut_singh``,
    ``common_language``, ``distance_km``), the normalised components (``cultural``,
    ``language``, ``geographic``), ``psychic_distance``, ``n_components`` (how many weighted
    parts the value rests on) and ``missing`` (the weighted parts it lacks, ``""`` if none).
    """
    from coursekit import countries, culture

    w = _check_weights(weights)
    score_frame = _default_scores() if scores is None else culture.country_scores(scores)
    pairs = _distance_pairs(distances)
    if not isinstance(home, str):
        raise TypeError(
            f"home must be a country name or ISO 3166 alpha-3 code (a string), "
            f"not {type(home).__name__}"
        )
    known = pairs.codes | frozenset(score_frame.index)
    h = countries.resolve(home, candidates=known, what="country with culture or distance data")
    from_home = pairs.from_home(h)

    cultural_raw = _default_cultural(h) if scores is None else _cultural(h, score_frame)

    if targets is None:
        pool = cultural_raw.index if len(cultural_raw) else from_home.index
        codes = [c for c in pool if c != h]
    else:
        if isinstance(targets, str):
            raise TypeError(
                f"targets must be a list of countries such as ['NOR', 'DEU'], not the string "
                f"{targets!r}"
            )
        codes = [
            countries.resolve(t, candidates=known, what="country with culture or distance data")
            if isinstance(t, str)
            else _bad_target(t)
            for t in targets
        ]
        dup = sorted({c for c in codes if codes.count(c) > 1})
        if dup:
            raise ValueError(f"targets lists {dup} more than once")
        if h in codes:
            raise ValueError(f"targets include the home country {h}; leave it out")
    if not codes:
        raise ValueError("no candidate markets: give at least one target country")

    ks = cultural_raw.reindex(codes).to_numpy(dtype=float)
    lang = from_home["common_language"].reindex(codes).to_numpy(dtype=float)
    lang = np.where(np.isin(lang, (0.0, 1.0)), lang, np.nan)
    km = from_home["km"].reindex(codes).to_numpy(dtype=float)
    km = np.where(km > 0, km, np.nan)
    parts = np.column_stack([_minmax(ks), 1.0 - lang, _minmax(np.log(km))])
    weight = np.array([w[c] for c in COMPONENTS])
    active = weight > 0
    have = ~np.isnan(parts) & active
    num = np.where(have, parts, 0.0) @ weight
    den = have.astype(float) @ weight
    with np.errstate(invalid="ignore", divide="ignore"):
        proxy = np.where(den > 0, np.clip(num / den, 0.0, 1.0), np.nan)
    names = np.array(COMPONENTS)
    missing = [", ".join(names[active & ~row]) for row in have]
    common = pd.array([None if np.isnan(x) else bool(x) for x in lang], dtype="boolean")
    out = pd.DataFrame(
        {
            "name": [countries.name(c) for c in codes],
            "kogut_singh": ks,
            "common_language": common,
            "distance_km": km,
            "cultural": parts[:, 0],
            "language": parts[:, 1],
            "geographic": parts[:, 2],
            "psychic_distance": proxy,
            "n_components": have.sum(axis=1).astype("int64"),
            "missing": missing,
        },
        index=pd.Index(codes, name="iso3"),
    )
    order = np.lexsort((np.array(codes, dtype=object).astype(str), np.nan_to_num(proxy, nan=2.0)))
    return out.iloc[order]


def _bad_target(value: object) -> str:
    raise TypeError(f"every target must be a country name or ISO3 code (a string), not {value!r}")


def distance_ranking(
    home: str,
    targets: Sequence[str] | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    scores: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
) -> list[str]:
    """ISO3 codes of the candidates, nearest first by the psychic-distance proxy."""
    table = psychic_distance(home, targets, weights=weights, scores=scores, distances=distances)
    return table.index[table["psychic_distance"].notna()].tolist()


def proxy_value(
    home: str,
    target: str,
    targets: Sequence[str] | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    scores: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
) -> float:
    """The psychic-distance proxy of one ``target`` within the candidate set ``targets``."""
    table = psychic_distance(home, targets, weights=weights, scores=scores, distances=distances)
    from coursekit import countries

    code = countries.resolve(target, candidates=table.index, what="candidate market")
    return float(table.at[code, "psychic_distance"])


# --------------------------------------------------------------------------------------------
# The simulator


def _market_series(markets: object) -> pd.Series:
    if isinstance(markets, pd.DataFrame):
        frame = markets
        if "iso3" in frame.columns:
            frame = frame.set_index("iso3")
        if "psychic_distance" in frame.columns:
            series = frame["psychic_distance"]
        else:
            numeric = frame.select_dtypes("number")
            if numeric.shape[1] != 1:
                raise ValueError(
                    "markets is a DataFrame without a 'psychic_distance' column; pass that "
                    "column (or a Series of distances indexed by market code)"
                )
            series = numeric.iloc[:, 0]
    elif isinstance(markets, pd.Series):
        series = markets
    elif isinstance(markets, Mapping):
        series = pd.Series(dict(markets), dtype=object)
    else:
        raise TypeError(
            "markets must be a Series of psychic distances indexed by market code (or the "
            f"DataFrame from psychic_distance), not {type(markets).__name__}"
        )
    if len(series) == 0:
        raise ValueError("markets is empty: give at least one market with its psychic distance")
    codes = [str(c) for c in series.index]
    dup = sorted({c for c in codes if codes.count(c) > 1})
    if dup:
        raise ValueError(f"markets lists {dup} more than once; give each market once")
    values = []
    for code, value in zip(codes, series.to_numpy(), strict=True):
        if isinstance(value, bool) or not isinstance(value, (Real, np.number)):
            raise TypeError(
                f"the psychic distance of {code} must be a number between 0 and 1, not {value!r}"
            )
        values.append(float(value))
    out = pd.Series(values, index=pd.Index(codes, name="market"), name="psychic_distance")
    nan = out.index[out.isna()].tolist()
    if nan:
        raise ValueError(
            f"psychic distance is missing (NaN) for {nan}; drop those markets (.dropna()) "
            "or fill them in"
        )
    bad = out[(out < 0) | (out > 1)]
    if len(bad):
        shown = ", ".join(f"{c}={v:g}" for c, v in bad.head(5).items())
        raise ValueError(f"psychic distances must lie between 0 and 1; got {shown}")
    order = sorted(out.index, key=lambda c: (out[c], c))
    return out.loc[order]


def _nonneg(value: object, what: str) -> float:
    return _validate.number(value, what, low=0, nonfinite_error=TypeError)


def _check_thresholds(thresholds: object) -> tuple[float, float, float]:
    if isinstance(thresholds, (str, bytes)) or not isinstance(thresholds, Sequence):
        raise TypeError(
            f"thresholds must be three numbers such as (1.0, 2.5, 4.5), not {thresholds!r}"
        )
    if len(thresholds) != len(STAGE_NAMES) - 1:
        raise ValueError(
            f"thresholds needs {len(STAGE_NAMES) - 1} numbers, one per step up the "
            f"establishment chain, not {len(thresholds)}"
        )
    values = tuple(_nonneg(t, "every threshold") for t in thresholds)
    if values[0] <= 0:
        raise ValueError(f"the first threshold must be positive, not {values[0]:g}")
    if not all(b > a for a, b in zip(values, values[1:], strict=False)):
        raise ValueError(
            f"thresholds must be strictly increasing (each step needs more knowledge than the "
            f"last), not {values}"
        )
    return values  # type: ignore[return-value]


def _market_periods(
    value: object, name: str, what: str, codes: pd.Index, periods: int
) -> np.ndarray:
    """Check a ``{market: period}`` option; an array of periods per market (0 = none)."""
    out = np.zeros(len(codes), dtype=np.int64)
    if value is None:
        return out
    if not isinstance(value, Mapping):
        raise TypeError(
            f"{name} must be a dict of market -> period such as {{'NOR': 12}} (or None), "
            f"not {type(value).__name__}"
        )
    position = {str(code): i for i, code in enumerate(codes)}
    for market, when in value.items():
        if str(market) not in position:
            raise ValueError(
                f"{name} names {market!r}, which is not one of the markets "
                f"({', '.join(map(str, codes))})"
            )
        out[position[str(market)]] = _validate.whole(
            when, f"the {what} period of {market}", low=1, high=periods, strict=True
        )
    return out


def simulate(
    markets: pd.Series | pd.DataFrame | Mapping[str, float],
    periods: int = 30,
    learning_rate: float = 0.3,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
    spillover: float = 0.2,
    entry_threshold: float = 4.0,
    distance_drag: float = 0.5,
    commitment_budget: int | None = None,
    setbacks: Mapping[str, int] | None = None,
    partner_pull: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Simulate Uppsala-style internationalization over ``periods`` periods.

    Parameters
    ----------
    markets
        Psychic distances (0–1) indexed by market code: a Series, a dict, or the DataFrame of
        :func:`psychic_distance`.
    periods
        Number of periods to simulate (a whole number, at least 1).
    learning_rate
        Knowledge gained per period from a market served at stage 0 with distance 0.
    thresholds
        Knowledge needed to move to stages 1, 2 and 3 (strictly increasing).
    spillover
        Share of the knowledge of served markets that counts as general experience.
    entry_threshold
        Experience needed to enter a market at psychic distance 1 (``x d`` for distance ``d``).
    distance_drag
        How much distance slows learning: a market at distance 1 learns ``1 - distance_drag``
        as fast as one at distance 0 (0 to below 1).
    commitment_budget
        Optional resource constraint: the most stages the firm can hold in total across all
        markets (a whole number, 0 or more). ``None`` (default): no constraint. Steps up are
        granted nearest market first while the budget allows.
    setbacks
        Optional de-commitment: ``{market: period}``; in that period a served market steps
        down one stage and its knowledge falls to what the remaining stage required.
        ``None`` (default): commitment never falls.
    partner_pull
        Optional network pull (the 2009 model): ``{market: period}``; a partner takes the firm
        into that market in that period (at the latest), whatever its experience.
        ``None`` (default): markets open by experience only.

    Returns
    -------
    DataFrame with one row per period and market: ``period`` (1..periods), ``market``,
    ``psychic_distance``, ``entered``, ``knowledge``, ``stage`` (0–3) and ``stage_name``.
    """
    dist = _market_series(markets)
    periods = _validate.whole(
        periods, "periods", low=1, high=_MAX_PERIODS, example="30", strict=True
    )
    rate = _nonneg(learning_rate, "learning_rate")
    steps = np.array(_check_thresholds(thresholds))
    spill = _nonneg(spillover, "spillover")
    need = _nonneg(entry_threshold, "entry_threshold")
    drag = _nonneg(distance_drag, "distance_drag")
    if drag >= 1:
        raise ValueError(
            f"distance_drag must be below 1 (at 1 the most distant market never learns), "
            f"not {drag:g}"
        )
    budget: int | None = None
    if commitment_budget is not None:
        budget = _validate.whole(
            commitment_budget,
            "commitment_budget",
            low=0,
            example="6 (or None for no limit)",
            strict=True,
        )
    hit_at = _market_periods(setbacks, "setbacks", "setback", dist.index, int(periods))
    pull_at = _market_periods(
        partner_pull, "partner_pull", "partner-pull", dist.index, int(periods)
    )

    n_periods, d = int(periods), dist.to_numpy()
    n = len(d)
    speed = rate * (1.0 - drag * d)
    required = need * d
    knowledge = np.zeros(n)
    stage = np.zeros(n, dtype=np.int64)
    entered = np.zeros(n, dtype=bool)
    hist_k = np.empty((n_periods, n))
    hist_s = np.empty((n_periods, n), dtype=np.int64)
    hist_e = np.empty((n_periods, n), dtype=bool)
    for t in range(n_periods):
        # 1. current activities -> market knowledge (only where the firm is active)
        knowledge = knowledge + np.where(entered, speed * (stage + 1), 0.0)
        # 2. commitment decisions: one step up when knowledge passes the next threshold
        can_step = entered & (stage < len(steps))
        next_need = steps[np.minimum(stage, len(steps) - 1)]
        step = can_step & (knowledge >= next_need)
        if budget is not None:
            # resource constraint: grant steps nearest market first while the budget allows
            room = max(budget - int(stage.sum()), 0)
            granted = np.flatnonzero(step)[:room]
            step = np.zeros(n, dtype=bool)
            step[granted] = True
        stage = stage + step
        # optional de-commitment: a setback takes one rung and the experience behind it
        hit = entered & (hit_at == t + 1)
        if hit.any():
            stage = np.where(hit, np.maximum(stage - 1, 0), stage)
            held = np.where(stage > 0, steps[np.maximum(stage - 1, 0)], 0.0)
            knowledge = np.where(hit, np.minimum(knowledge, held), knowledge)
        # 3. new markets: experience from the markets served opens the nearer ones first
        experience = spill * np.where(entered, knowledge, 0.0).sum()
        opening = ~entered & (required <= experience)
        if t == 0:
            opening |= d == d.min()
        # optional network pull: a partner takes the firm into a market, ready or not
        opening |= ~entered & (pull_at == t + 1)
        entered = entered | opening
        hist_k[t], hist_s[t], hist_e[t] = knowledge, stage, entered

    names = np.array(STAGE_NAMES, dtype=object)[hist_s]
    names[~hist_e] = NOT_ENTERED
    return pd.DataFrame(
        {
            "period": np.repeat(np.arange(1, n_periods + 1), n),
            "market": np.tile(dist.index.to_numpy(dtype=object), n_periods),
            "psychic_distance": np.tile(d, n_periods),
            "entered": hist_e.ravel(),
            "knowledge": hist_k.ravel(),
            "stage": hist_s.ravel(),
            "stage_name": names.ravel(),
        }
    )


_RESULT_COLUMNS = ("period", "market", "psychic_distance", "entered", "stage")


def _check_result(result: object) -> pd.DataFrame:
    if not isinstance(result, pd.DataFrame):
        raise TypeError(
            f"result must be the DataFrame from simulate(), not {type(result).__name__}"
        )
    missing = [c for c in _RESULT_COLUMNS if c not in result.columns]
    if missing:
        raise ValueError(f"result lacks column(s) {missing}; pass the DataFrame from simulate()")
    if result.empty:
        raise ValueError("result is empty: pass the DataFrame from simulate(), which has rows")
    return result


def entry_periods(result: pd.DataFrame) -> pd.Series:
    """The period in which each market was entered (``<NA>`` if never), nearest market first."""
    frame = _check_result(result)
    markets = frame.drop_duplicates("market")
    first = frame[frame["entered"].astype(bool)].groupby("market", sort=False)["period"].min()
    out = first.reindex(markets["market"]).astype("Int64")
    out.index.name = "market"
    return out.rename("entry_period")


def entry_order(result: pd.DataFrame) -> list[str]:
    """Markets in the order they were entered (same period: nearer first, then by code)."""
    frame = _check_result(result)
    periods = entry_periods(frame).dropna()
    dist = frame.drop_duplicates("market").set_index("market")["psychic_distance"]
    return sorted(periods.index, key=lambda m: (int(periods[m]), float(dist[m]), str(m)))


def market_summary(result: pd.DataFrame) -> pd.DataFrame:
    """One row per market: distance, entry period, final stage and when each stage was reached."""
    frame = _check_result(result)
    last = frame[frame["period"] == frame["period"].max()].set_index("market")
    out = pd.DataFrame(
        {
            "psychic_distance": last["psychic_distance"],
            "entry_period": entry_periods(frame),
            "final_stage": last["stage"].astype("int64"),
        }
    )
    out["final_stage_name"] = [
        STAGE_NAMES[s] if e else NOT_ENTERED
        for s, e in zip(out["final_stage"], last["entered"], strict=True)
    ]
    for k in range(1, len(STAGE_NAMES)):
        reached = frame[frame["stage"] >= k].groupby("market", sort=False)["period"].min()
        out[f"stage_{k}_period"] = reached.reindex(out.index).astype("Int64")
    out.index.name = "market"
    return out


def simulated_entry_order(
    home: str,
    targets: Sequence[str] | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    # forwarded to simulate() after _check_params: simulate's signature types them
    **params: Any,
) -> list[str]:
    """Entry order of the simulator run on the psychic-distance proxy (``params`` to simulate)."""
    _check_params(params)
    table = psychic_distance(home, targets, weights=weights)
    return entry_order(simulate(table["psychic_distance"].dropna(), **params))


_SIM_PARAMS = (
    "periods",
    "learning_rate",
    "thresholds",
    "spillover",
    "entry_threshold",
    "distance_drag",
    "commitment_budget",
    "setbacks",
    "partner_pull",
)


def _check_params(params: Mapping[str, Any]) -> None:
    unknown = [k for k in params if k not in _SIM_PARAMS]
    if unknown:
        tips = [_validate.with_suggestion(name, _SIM_PARAMS) for name in unknown]
        raise TypeError(
            f"unknown simulator parameter(s) {', '.join(tips)}; the parameters of simulate() "
            f"are {', '.join(_SIM_PARAMS)}"
        )


def markets_entered(
    home: str,
    targets: Sequence[str] | None = None,
    *,
    weights: Mapping[str, float] | None = None,
    **params: object,
) -> int:
    """How many of the candidates the simulated firm has entered by the last period."""
    return len(simulated_entry_order(home, targets, weights=weights, **params))


def entry_year_correlation(
    home: str,
    entry_years: Mapping[str, float] | pd.Series,
    targets: Sequence[str] | None = None,
    *,
    weights: Mapping[str, float] | None = None,
) -> float:
    """Spearman's rank correlation between real entry years and the psychic-distance proxy.

    A test of the proxy against data: ``entry_years`` maps each market a firm entered (ISO3 code
    or name) to the year it entered. The proxy is computed over ``targets`` (default: the
    markets of ``entry_years``), so the 0-1 scaling follows the candidate set; the correlation
    uses the markets that have both a year and a proxy value (at least three). A positive value
    means the firm entered markets that are nearer on the proxy earlier. Ties get average ranks.
    """
    from coursekit import countries, sme

    if isinstance(entry_years, pd.Series):
        entry_years = entry_years.to_dict()
    if not isinstance(entry_years, Mapping):
        raise TypeError(
            "entry_years must be a dict of market -> year such as {'NOR': 1963, 'DNK': 1969}, "
            f"not {type(entry_years).__name__}"
        )
    table = psychic_distance(
        home, targets if targets is not None else list(entry_years), weights=weights
    )
    years: dict[str, float] = {}
    for market, year in entry_years.items():
        if not isinstance(market, str):
            raise TypeError(f"every market must be a country name or ISO3 code, not {market!r}")
        code = countries.resolve(market, candidates=table.index, what="candidate market")
        years[code] = _validate.number(
            year, f"the entry year of {code}", example="1974", nonfinite_error=TypeError
        )
    proxy = table["psychic_distance"].reindex(list(years))
    return sme.spearman(pd.Series(years), proxy)
