"""Chapter 14 model (book/ch14_capstone.md).

Capstone: one internationalization plan for one firm, the course's models chained.

:func:`make_plan` takes a :class:`CaseFirm` and returns a :class:`Plan` whose
:meth:`Plan.to_markdown` is the one-page plan. Each step feeds the next; no step takes a
hand-typed value that ignores the one before:

1. readiness (chapter 6) and goals checked for being specific, measurable and time-bound;
2. the market screen (chapter 9) picks the target and the rollout markets (its top ``N``);
3. the target's Kogut-Singh distance (chapter 10) and its geographic distance give the market
   ``distance`` rating, and its political stability the ``market_risk`` rating, of the
   entry-mode profile (:func:`derived_market_ratings`);
4. the entry-mode advisor (chapter 11) ranks the modes for the firm's own ratings plus those
   derived ratings;
5. the chosen mode's resource commitment sets the entry cost per market
   (:data:`ENTRY_COST_BY_COMMITMENT`), and the waterfall-or-sprinkler simulation (chapter 12)
   runs over the ``N`` screened markets with that cost and the firm's budget;
6. the adaptation matrix (chapter 13) gets its cultural-distance factor from step 3;
7. :func:`consistency` checks the goals against the market, the mode and the rollout.

**The conversion rules are the course's own choices**: a rating of 1-5 is
``1 + 4 x`` the share of the world's countries that are nearer (or more stable) than the target,
and the entry costs per commitment level are stated in thousands of euros. They are there so the
chain is explicit and can be argued with, not because the literature fixes them.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from coursekit import adaptation, countries, culture, entry_modes, markets, success, timing
from coursekit._validate import mapping, text, whole

__all__ = [
    "Goal",
    "CaseFirm",
    "Plan",
    "goal_problems",
    "make_plan",
    "plan_target",
    "plan_entry_mode",
    "plan_strategy",
    "plan_consistent",
    "sensitivity",
    "conflicts_with",
    "derived_market_ratings",
    "consistency",
    "ENTRY_COST_BY_COMMITMENT",
    "FIRM_PROFILE_FIELDS",
    "MODES_FOR_METRIC",
    "EXAMPLE_FIRM",
]

#: Entry cost per market (thousand EUR) by the chosen mode's resource commitment (1-5): the
#: course's assumption, from a home-based rep's travel budget to a subsidiary's set-up.
ENTRY_COST_BY_COMMITMENT: dict[int, float] = {1: 40.0, 2: 80.0, 3: 150.0, 4: 300.0, 5: 600.0}

#: The entry-mode profile fields the firm rates itself; market_risk and distance are derived.
FIRM_PROFILE_FIELDS = ("resources", "risk_appetite", "control_wish", "tacitness")

#: Goals whose metric only makes sense with certain entry modes.
MODES_FOR_METRIC: dict[str, tuple[str, ...]] = {
    "distributors signed": ("direct_export_agent",),
}

_DERIVED_ROLLOUT = ("markets", "entry_cost")

METRICS = (
    "export sales",
    "export share of sales",
    "foreign customers",
    "markets entered",
    "foreign revenue",
    "distributors signed",
)


@dataclass(frozen=True)
class Goal:
    """A goal written to be checked: what, in which market, how much, in what unit, by when."""

    metric: str
    market: str
    target: float
    unit: str
    by_year: int

    def __post_init__(self) -> None:
        # Wrong *types* are refused here; vague or missing *content* (an empty market, a
        # negative target, a deadline too far away) is what goal_problems() reports.
        for name in ("metric", "market", "unit"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(
                    f"Goal {name} must be text (a str, possibly empty), "
                    f"not {type(value).__name__} {value!r}"
                )
        if isinstance(self.target, bool) or not isinstance(self.target, numbers.Real):
            raise TypeError(
                f"Goal target must be a number such as 2.5, "
                f"not {type(self.target).__name__} {self.target!r}"
            )
        if isinstance(self.by_year, bool) or not isinstance(self.by_year, numbers.Real):
            raise TypeError(
                f"Goal by_year must be a year such as 2028, "
                f"not {type(self.by_year).__name__} {self.by_year!r}"
            )


def _check_firm(firm: object) -> CaseFirm:
    if not isinstance(firm, CaseFirm):
        raise TypeError(
            f"firm must be a capstone.CaseFirm (see capstone.EXAMPLE_FIRM); "
            f"make_plan needs a CaseFirm, not {type(firm).__name__}"
        )
    return firm


def goal_problems(goal: Goal, *, plan_year: int) -> list[str]:
    """What keeps ``goal`` from being specific, measurable and time-bound (empty if nothing)."""
    if not isinstance(goal, Goal):
        raise TypeError(
            "goal must be a capstone.Goal(metric, market, target, unit, by_year), "
            f"not {type(goal).__name__}"
        )
    plan_year = whole(plan_year, "plan_year", low=1900, high=2200)
    problems = []
    if goal.metric not in METRICS:
        problems.append(f"metric {goal.metric!r} is vague; use one of: {', '.join(METRICS)}")
    if not goal.market:
        problems.append("no market named: say where the goal applies")
    else:
        try:
            countries.resolve(goal.market)
        except ValueError:
            if goal.market != "all":
                problems.append(f"market {goal.market!r} is not a country the course knows")
    if (
        isinstance(goal.target, bool)
        or not isinstance(goal.target, (int, float))
        or (math.isnan(goal.target) or goal.target <= 0)
    ):
        problems.append(f"target {goal.target!r} is not a positive number")
    if not goal.unit:
        problems.append("no unit: say what the number counts (EUR, %, customers, ...)")
    if not isinstance(goal.by_year, int) or not plan_year < goal.by_year <= plan_year + 10:
        problems.append(
            f"deadline {goal.by_year!r} must be a year within ten years after {plan_year}"
        )
    return problems


@dataclass(frozen=True)
class CaseFirm:
    """Everything the plan needs to know about a firm (see :data:`EXAMPLE_FIRM`)."""

    name: str
    description: str
    home: str
    plan_year: int
    readiness: Mapping[str, float]
    goals: Sequence[Goal]
    screen_weights: Mapping[str, float] | None = None
    candidates: Sequence[str] | None = None
    profile: Mapping[str, float] = field(default_factory=dict)
    rollout: Mapping[str, Any] = field(default_factory=dict)
    rollout_markets: int = 4
    adaptation: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        text(self.name, "CaseFirm name")
        if not isinstance(self.description, str):
            raise TypeError(
                f"CaseFirm description must be text (a str), not {type(self.description).__name__}"
            )
        if not isinstance(self.home, str):
            raise TypeError(
                "CaseFirm home must be a country name or ISO3 code (a str such as 'DEU'), "
                f"not {type(self.home).__name__}"
            )
        whole(self.plan_year, "CaseFirm plan_year", low=1900, high=2200)
        if not isinstance(self.readiness, (Mapping, pd.Series)):
            raise TypeError(
                "CaseFirm readiness must be a dict of area -> score (1-5), "
                f"not {type(self.readiness).__name__}"
            )
        if isinstance(self.goals, (str, Mapping)) or not isinstance(self.goals, Sequence):
            raise TypeError(
                f"CaseFirm goals must be a list of capstone.Goal, not {type(self.goals).__name__}"
            )
        for i, goal in enumerate(self.goals):
            if not isinstance(goal, Goal):
                raise TypeError(
                    f"CaseFirm goals[{i}] must be a capstone.Goal(metric, market, target, unit, "
                    f"by_year), not {type(goal).__name__}"
                )
        if self.screen_weights is not None and not isinstance(
            self.screen_weights, (Mapping, pd.Series)
        ):
            raise TypeError(
                "CaseFirm screen_weights must be a dict of criterion -> weight, or None, "
                f"not {type(self.screen_weights).__name__}"
            )
        if self.candidates is not None and (
            isinstance(self.candidates, (str, Mapping)) or not isinstance(self.candidates, Iterable)
        ):
            raise TypeError(
                "CaseFirm candidates must be a list of country codes such as ['FRA', 'POL'], "
                f"not {type(self.candidates).__name__}"
            )
        mapping(self.profile, "CaseFirm profile", allow_empty=True)
        mapping(self.rollout, "CaseFirm rollout", allow_empty=True)
        mapping(self.adaptation, "CaseFirm adaptation", allow_empty=True)
        derived = sorted(set(self.profile) - set(FIRM_PROFILE_FIELDS))
        if derived:
            raise ValueError(
                f"CaseFirm profile has {', '.join(derived)}: the profile holds the firm's own "
                f"ratings ({', '.join(FIRM_PROFILE_FIELDS)}); the market's risk and distance "
                "are derived from the screened target market"
            )
        fixed = sorted(set(self.rollout) & set(_DERIVED_ROLLOUT))
        if fixed:
            raise ValueError(
                f"CaseFirm rollout sets {', '.join(fixed)}: the number of markets comes from "
                "rollout_markets (the screen's top markets) and the entry cost from the chosen "
                "entry mode; set the budget, window and the other parameters only"
            )
        if "cultural_distance" in self.adaptation:
            raise ValueError(
                "CaseFirm adaptation rates cultural_distance: that factor is derived from the "
                "target market's Kogut-Singh distance; rate the other factors only"
            )
        whole(self.rollout_markets, "CaseFirm rollout_markets", low=1, high=20)


@dataclass(frozen=True)
class Plan:
    """The plan's parts, as tables and numbers; :meth:`to_markdown` writes the page."""

    firm: CaseFirm
    readiness: Any
    goals: pd.DataFrame
    screen: pd.DataFrame
    target: str
    cultural_distance: float
    modes: pd.DataFrame
    rollout: pd.DataFrame
    market_ratings: Mapping[str, float] = field(default_factory=dict)
    rollout_markets: tuple[str, ...] = ()
    rollout_params: Mapping[str, Any] = field(default_factory=dict)
    entries: pd.DataFrame = field(default_factory=pd.DataFrame)
    offer: Any = None
    checks: pd.DataFrame = field(default_factory=pd.DataFrame)

    def __post_init__(self) -> None:
        _check_firm(self.firm)
        for name in ("goals", "screen", "modes", "rollout", "entries", "checks"):
            value = getattr(self, name)
            if not isinstance(value, pd.DataFrame):
                raise TypeError(
                    f"Plan {name} must be a pandas DataFrame, not {type(value).__name__}; "
                    "a Plan comes from capstone.make_plan(firm)"
                )

    @property
    def entry_mode(self) -> str:
        return str(self.modes.iloc[0]["label"])

    @property
    def entry_mode_key(self) -> str:
        return str(self.modes.iloc[0]["mode"])

    @property
    def consistent(self) -> bool:
        """True when every consistency check passes."""
        return bool(self.checks.empty or self.checks["ok"].all())

    @property
    def strategy(self) -> str:
        return str(self.rollout.index[self.rollout["winner"].astype(bool)][0])

    def to_markdown(self) -> str:
        f = self.firm
        weakest = self.readiness.weakest
        weak_lines = "\n".join(
            f"- **{row.label}** ({row.score:g}/5)" for row in weakest.itertuples()
        )
        goal_lines = "\n".join(
            f"- {g.metric} in {g.market}: {g.target:g} {g.unit} by {g.by_year}"
            + (f" — *fix: {p}*" if p else "")
            for g, p in zip(f.goals, self.goals["problems"], strict=True)
        )
        top = self.screen.head(5)
        market_lines = "\n".join(
            f"{int(r.rank)}. {r.name} (score {r.score:.2f})" for r in top.itertuples()
        )
        mode_lines = "\n".join(
            f"- {r.label} (score {r.score:+.2f}): {r.reasons}"
            for r in self.modes.head(2).itertuples()
        )
        ro = self.rollout
        mr = self.market_ratings
        rp = self.rollout_params
        entry_lines = "\n".join(
            f"- {countries.name(r.iso3)}: period {int(r.period)} (year {int(r.year)})"
            for r in self.entries.itertuples()
        )
        offer = (
            f"Adaptation matrix position {self.offer.position:+.2f}: **{self.offer.band}** "
            f"(cultural-distance factor {mr.get('cultural_rating', float('nan')):.0f}/5, "
            "from the target's Kogut–Singh distance)."
            if self.offer is not None
            else "No adaptation ratings given."
        )
        check_lines = (
            "\n".join(
                f"- {'OK' if r.ok else 'CONFLICT'}: {r.check} — {r.detail}"
                for r in self.checks.itertuples()
            )
            or "- no checks"
        )
        return "\n".join(
            [
                f"# Internationalization plan: {f.name}",
                "",
                f"*{f.description}* Home: {countries.name(countries.resolve(f.home))}. "
                f"Plan year: {f.plan_year}.",
                "",
                "## 1. Readiness",
                f"Mean readiness {self.readiness.mean:.1f} of 5. Weakest areas to work on first:",
                weak_lines,
                "",
                "## 2. Goals",
                goal_lines,
                "",
                "## 3. Where to go",
                "Top markets of the screen:",
                market_lines,
                "",
                f"**Target market: {countries.name(self.target)}.** Kogut–Singh cultural distance "
                f"from home: {self.cultural_distance:.2f} (nearer than "
                f"{100 * (1 - mr['cultural_share']):.0f}% of the countries scored).",
                "",
                "## 4. How to enter",
                f"From the target market: distance rating {mr['distance']:.1f}/5 (cultural and "
                f"geographic), market risk {mr['market_risk']:.1f}/5 (political stability).",
                mode_lines,
                "",
                f"**Entry mode: {self.entry_mode}.**",
                "",
                "## 5. What to offer",
                offer,
                "",
                "## 6. When and how fast",
                f"Rollout over the screen's top {len(self.rollout_markets)} markets at an "
                f"entry cost of {rp['entry_cost']:g} per market (the mode's commitment), budget "
                f"{rp.get('budget_per_period', timing.DEFAULTS['budget_per_period']):g} per "
                f"quarter: waterfall NPV {ro.loc['waterfall', 'npv']:,.0f} vs sprinkler "
                f"{ro.loc['sprinkler', 'npv']:,.0f}. **Strategy: {self.strategy}.** Entries:",
                entry_lines or "- none: no market pays back",
                "",
                "## 7. Consistency",
                check_lines,
                "",
            ]
        )

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


def make_plan(firm: CaseFirm) -> Plan:
    """Run every model for ``firm`` and return the plan."""
    _check_firm(firm)
    if not firm.goals:
        raise ValueError("A plan needs at least one goal")
    ready = success.readiness(firm.readiness)
    goals = pd.DataFrame(
        [
            {
                "metric": g.metric,
                "market": g.market,
                "target": g.target,
                "unit": g.unit,
                "by_year": g.by_year,
                "problems": "; ".join(goal_problems(g, plan_year=firm.plan_year)),
            }
            for g in firm.goals
        ]
    )
    screen = markets.screen(firm.home, firm.screen_weights, candidates=firm.candidates)
    target = str(screen.iloc[0]["iso3"])
    cd = (
        culture.kogut_singh(firm.home, target)
        if target in culture.country_scores().index
        else float("nan")
    )
    ratings = derived_market_ratings(firm.home, target)
    profile = {
        **{k: firm.profile[k] for k in FIRM_PROFILE_FIELDS if k in firm.profile},
        "market_risk": ratings["market_risk"],
        "distance": ratings["distance"],
    }
    modes = entry_modes.score(entry_modes.FirmMarketProfile(**profile))
    commitment = int(entry_modes.MODES.loc[str(modes.iloc[0]["mode"]), "commitment"])
    rollout_markets = tuple(str(c) for c in screen["iso3"].head(firm.rollout_markets))
    params = {
        **dict(firm.rollout),
        "markets": len(rollout_markets),
        "entry_cost": ENTRY_COST_BY_COMMITMENT[commitment],
    }
    rollout = timing.compare(**params)
    best = str(rollout.index[rollout["winner"].astype(bool)][0])
    run = timing.simulate_rollout(best, **params)
    entered = run.index[run["entries"] > 0]
    periods = [p for p in entered for _ in range(int(run.loc[p, "entries"]))]
    entries = pd.DataFrame(
        {
            "iso3": list(rollout_markets[: len(periods)]),
            "period": periods,
            "year": [_year_of(firm.plan_year, p) for p in periods],
        },
        columns=["iso3", "period", "year"],
    )
    offer = (
        adaptation.decide(
            {**dict(firm.adaptation), "cultural_distance": ratings["cultural_rating"]}
        )
        if firm.adaptation
        else None
    )
    plan = Plan(
        firm, ready, goals, screen, target, cd, modes, rollout,
        market_ratings=ratings,
        rollout_markets=rollout_markets,
        rollout_params=params,
        entries=entries,
        offer=offer,
    )  # fmt: skip
    return dataclasses.replace(plan, checks=consistency(plan))


def _year_of(plan_year: int, period: int) -> int:
    """Period 1 is the first quarter of the year after the plan year."""
    return int(plan_year) + 1 + (int(period) - 1) // 4


def _share_below(values: pd.Series, value: float) -> float:
    """Share of ``values`` (NaN ignored) strictly below ``value``."""
    v = values.dropna()
    return float((v < value).mean()) if len(v) else math.nan


@functools.lru_cache(maxsize=8)
def _world_tables(home: str) -> tuple[pd.DataFrame, pd.Series]:
    """Every economy's raw criteria and Kogut-Singh distance from ``home`` (course data)."""
    table = markets.criteria_table(home)
    ks = culture.distance_table(home).set_index("iso3")["kogut_singh"]
    return table, ks


def derived_market_ratings(home: str, target: str) -> dict[str, float]:
    """The target market's ``distance`` and ``market_risk`` ratings (1-5) for the advisor.

    ``cultural_share``: share of the countries scored from ``home`` that are culturally nearer
    than ``target`` (Kogut-Singh); ``geographic_share``: the same for km between main cities;
    ``distance = 1 + 4 x`` their mean. ``market_risk = 1 + 4 x`` the share of economies more
    politically stable than ``target`` (World Bank WGI). ``cultural_rating`` is
    ``1 + 4 x cultural_share`` rounded to a whole rating, for the adaptation matrix.
    """
    table, ks = _world_tables(countries.resolve(home))
    row = table.set_index("iso3").loc[target]
    cultural = _share_below(ks, float(ks[target])) if target in ks.index else 0.5
    geographic = _share_below(table["distance"], float(row["distance"]))
    if math.isnan(geographic):
        geographic = 0.5
    stability = table["stability"]
    risk_share = (
        float((stability.dropna() > row["stability"]).mean()) if pd.notna(row["stability"]) else 0.5
    )
    return {
        "cultural_share": cultural,
        "geographic_share": geographic,
        "distance": round(1 + 4 * (cultural + geographic) / 2, 2),
        "market_risk": round(1 + 4 * risk_share, 2),
        "cultural_rating": float(min(5, max(1, round(1 + 4 * cultural)))),
    }


def consistency(plan: Plan) -> pd.DataFrame:
    """Check the goals against the plan's market, mode and rollout; one row per check.

    Columns ``check``, ``ok``, ``detail``. A goal's market must be ``"all"`` or one of the
    rollout markets; a goal that needs a particular mode (:data:`MODES_FOR_METRIC`) must match
    the chosen mode; a goal's market must be entered by its deadline; a "markets entered" goal
    must be reachable by its deadline in the simulated rollout.
    """
    if not isinstance(plan, Plan):
        raise TypeError(f"plan must be a capstone.Plan from make_plan, not {type(plan).__name__}")
    rows = []
    names = {c: countries.name(c) for c in plan.rollout_markets}
    entered_year = dict(zip(plan.entries["iso3"], plan.entries["year"], strict=True))
    for g in plan.firm.goals:
        label = f"{g.metric} in {g.market} by {g.by_year}"
        code = None
        if g.market and g.market != "all":
            try:
                code = countries.resolve(g.market)
            except ValueError:
                code = None
        if code is not None:
            ok = code in plan.rollout_markets
            rows.append(
                {
                    "check": f"goal market is in the rollout ({label})",
                    "ok": ok,
                    "detail": (
                        f"{countries.name(code)} is one of the rollout markets"
                        if ok
                        else f"{countries.name(code)} is not among the screen's top "
                        f"{len(plan.rollout_markets)} ({', '.join(names.values())})"
                    ),
                }
            )
            if ok:
                year = entered_year.get(code)
                ok_time = year is not None and year <= g.by_year
                rows.append(
                    {
                        "check": f"goal market entered before the deadline ({label})",
                        "ok": ok_time,
                        "detail": (f"entered in {year}" if year is not None else "never entered"),
                    }
                )
        needed = MODES_FOR_METRIC.get(g.metric)
        if needed:
            ok = plan.entry_mode_key in needed
            rows.append(
                {
                    "check": f"goal fits the entry mode ({label})",
                    "ok": ok,
                    "detail": (
                        f"the plan uses {plan.entry_mode.lower()}"
                        if ok
                        else f"'{g.metric}' needs {', '.join(needed)}, but the plan uses "
                        f"{plan.entry_mode.lower()}"
                    ),
                }
            )
        if g.metric == "markets entered" and isinstance(g.target, (int, float)):
            reached = int((plan.entries["year"] <= g.by_year).sum())
            rows.append(
                {
                    "check": f"rollout reaches the goal ({label})",
                    "ok": reached >= g.target,
                    "detail": f"{reached} markets entered by {g.by_year} in the simulated rollout",
                }
            )
    return pd.DataFrame(rows, columns=["check", "ok", "detail"])


#: An illustrative, invented case firm (not a real company).
EXAMPLE_FIRM = CaseFirm(
    name="Lumen Pumps (invented case)",
    description="A 60-person maker of energy-saving circulation pumps for buildings, family "
    "owned, exporting a little to Austria through one agent.",
    home="DEU",
    plan_year=2025,
    readiness={
        "capacity_building": 3,
        "policy_support": 2,
        "clusters_networks": 4,
        "innovation": 4,
        "mode": 2,
        "timing": 3,
        "destination": 2,
        "operations": 3,
    },
    goals=(
        Goal("markets entered", "all", 3, "markets", 2028),
        Goal("export sales", "all", 2.0, "EUR million", 2029),
        Goal("export share of sales", "all", 30, "% of sales", 2029),
    ),
    screen_weights={
        "market_size": 0.15,
        "growth": 0.15,
        "wealth": 0.1,
        "stability": 0.1,
        "logistics": 0.1,
        "cultural_distance": 0.15,
        "distance": 0.15,
        "income_gap": 0.1,
    },
    candidates=("POL", "CZE", "FRA", "ITA", "ESP", "SWE", "USA", "GBR", "NLD", "HUN", "ROU", "TUR"),
    profile={"resources": 2, "risk_appetite": 3, "control_wish": 4, "tacitness": 4},
    rollout={"window": 12},
    rollout_markets=4,
    adaptation={
        "global_segments": 4,
        "scale_economies": 4,
        "brand_consistency": 3,
        "technical_product": 5,
        "central_control": 3,
        "regulation": 3,
        "local_competition": 3,
        "income_gap": 1,
        "usage_conditions": 2,
    },
)


def plan_target(firm: CaseFirm | None = None) -> str:
    """The target market the plan picks for ``firm`` (default: :data:`EXAMPLE_FIRM`)."""
    return make_plan(EXAMPLE_FIRM if firm is None else firm).target


def plan_entry_mode(firm: CaseFirm | None = None) -> str:
    """The entry mode (label) the plan picks for ``firm`` (default: :data:`EXAMPLE_FIRM`)."""
    return make_plan(EXAMPLE_FIRM if firm is None else firm).entry_mode


def plan_strategy(firm: CaseFirm | None = None) -> str:
    """``'waterfall'`` or ``'sprinkler'`` for ``firm`` (default: :data:`EXAMPLE_FIRM`)."""
    return make_plan(EXAMPLE_FIRM if firm is None else firm).strategy


def plan_consistent(firm: CaseFirm | None = None) -> bool:
    """Whether every consistency check of the plan for ``firm`` passes."""
    return make_plan(EXAMPLE_FIRM if firm is None else firm).consistent


def sensitivity(firm: CaseFirm | None = None) -> pd.DataFrame:
    """Which of the plan's decisions move when one input changes; one row per change.

    The changes: each of the firm's own profile ratings one point up and one down (within
    1-5), and each screening weight halved and doubled. Columns ``change``, ``target``,
    ``entry_mode``, ``strategy`` (the plan's decisions after the change) and ``moved`` (which of
    the three differ from the base plan, or ``""``).
    """
    firm = _check_firm(EXAMPLE_FIRM if firm is None else firm)
    base = make_plan(firm)
    variants: list[tuple[str, CaseFirm]] = []
    for key in FIRM_PROFILE_FIELDS:
        value = float(firm.profile.get(key, 3))
        for step in (-1, 1):
            new = value + step
            if 1 <= new <= 5:
                profile = {**dict(firm.profile), key: new}
                variants.append(
                    (f"{key} {value:g} -> {new:g}", dataclasses.replace(firm, profile=profile))
                )
    weights = dict(firm.screen_weights or markets.DEFAULT_WEIGHTS)
    for key, w in weights.items():
        for factor, word in ((0.5, "halved"), (2.0, "doubled")):
            changed = {**weights, key: w * factor}
            variants.append(
                (f"weight of {key} {word}", dataclasses.replace(firm, screen_weights=changed))
            )
    rows = []
    for label, variant in variants:
        plan = make_plan(variant)
        moved = [
            name
            for name, a, b in (
                ("target", plan.target, base.target),
                ("entry mode", plan.entry_mode_key, base.entry_mode_key),
                ("strategy", plan.strategy, base.strategy),
            )
            if a != b
        ]
        rows.append(
            {
                "change": label,
                "target": plan.target,
                "entry_mode": plan.entry_mode_key,
                "strategy": plan.strategy,
                "moved": ", ".join(moved),
            }
        )
    return pd.DataFrame(rows, columns=["change", "target", "entry_mode", "strategy", "moved"])


def conflicts_with(candidates: Sequence[str], market: str, by_year: int = 2028) -> int:
    """Failed consistency checks of the example plan when the screen may only choose among
    ``candidates`` and the firm adds the goal "1 EUR million of export sales in ``market`` by
    ``by_year``" (for the chapter 14 exercise)."""
    if isinstance(candidates, (str, Mapping)) or not isinstance(candidates, Iterable):
        raise TypeError(
            "candidates must be a list of country codes such as ['USA', 'TUR'], "
            f"not {type(candidates).__name__}"
        )
    goal = Goal("export sales", text(market, "market"), 1.0, "EUR million", by_year)
    firm = dataclasses.replace(
        EXAMPLE_FIRM, candidates=tuple(candidates), goals=(*EXAMPLE_FIRM.goals, goal)
    )
    return int((~make_plan(firm).checks["ok"]).sum())
