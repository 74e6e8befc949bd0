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

From the winner's simulated cash flows (chapter 12) the plan then computes, with no typed-in
numbers: a budget with the NPV and the cash need (:func:`budget`, :func:`cash_by_year`); a
go/no-go marginal analysis (chapter 6, :func:`prospects`) in which the rollout's NPV is the main
benefit; the firm's barriers and the chapter 7 remedies (:func:`barrier_plan`); a timeline of
milestones (:func:`timeline`) and who runs each market (:func:`organisation`); a risk register
with exit triggers (:func:`risk_register`); and KPI checkpoints tied to the goals (:func:`kpis`).
:func:`plan_html` writes the whole plan as a standalone page with room for the student's argument.

**The conversion rules are the course's own choices**: a rating of 1-5 is
``1 + 4 x`` the share of the world's countries that are nearer (or more stable) than the target,
and the entry costs per commitment level are stated in thousands of euros. So are the review and
exit thresholds of the risk register (:data:`EXIT_SHARE`, :data:`CASH_OVERRUN`) and the way the
KPI checkpoints follow the simulated margins. They are there so the chain is explicit and can be
argued with, not because the literature fixes them.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from coursekit import adaptation, countries, culture, entry_modes, markets, success, timing
from coursekit import barriers as barrier_model
from coursekit._validate import mapping, number, text, whole

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
    "cash_need_with",
    "derived_market_ratings",
    "consistency",
    "budget",
    "cash_by_year",
    "prospects",
    "barrier_plan",
    "timeline",
    "risk_register",
    "kpis",
    "organisation",
    "plan_html",
    "STAFFING_BY_MODE",
    "ENTRY_COST_BY_COMMITMENT",
    "EXIT_SHARE",
    "CASH_OVERRUN",
    "ADIRA_2018",
    "FIRM_PROFILE_FIELDS",
    "MODES_FOR_METRIC",
    "EXAMPLE_FIRM",
]

#: Entry cost per market (thousand EUR) by the chosen mode's resource commitment (1-5): the
#: course's assumption, from a home-based rep's travel budget to a subsidiary's set-up.
ENTRY_COST_BY_COMMITMENT: dict[int, float] = {1: 40.0, 2: 80.0, 3: 150.0, 4: 300.0, 5: 600.0}

#: A market is reviewed for exit when its margin over its first ``establish_periods`` quarters
#: falls below this share of what the plan's simulation expects (the course's choice).
EXIT_SHARE = 0.5

#: New entries stop for a review when the venture's cumulative cash falls below this multiple
#: of the plan's cash need (the deepest simulated cumulative cash; the course's choice).
CASH_OVERRUN = 1.5

#: Who runs a market under each entry mode, and the staffing orientation it starts from
#: (Perlmutter's terms, chapter 13): the course's own summary, not a published mapping.
STAFFING_BY_MODE: dict[str, tuple[str, str]] = {
    "indirect_export": ("the intermediary's people at home; nobody of the firm's own abroad",
                        "ethnocentric (decisions at home)"),
    "direct_export_agent": ("the agent's or distributor's local staff (host-country nationals); "
                            "an export manager at home", "polycentric in the market"),
    "direct_export_reps": ("the firm's own sales staff, travelling from home (parent-country "
                           "nationals)", "ethnocentric"),
    "sales_subsidiary": ("a manager from home (parent-country national) with locally hired "
                         "sales and service staff", "ethnocentric start, polycentric later"),
    "e_commerce": ("a home team with local-language service and a logistics partner",
                   "ethnocentric"),
    "licensing": ("the licensee's people; a home contact for know-how and quality",
                  "polycentric"),
    "franchising": ("the franchisees' people; a home team that trains and audits",
                    "polycentric with central standards"),
    "subcontracting": ("the partner's people; a home engineer for quality",
                       "polycentric"),
    "strategic_alliance": ("shared teams of both partners", "geocentric in the alliance"),
    "equity_joint_venture": ("a joint management of both partners' people, local staff",
                             "polycentric or geocentric"),
    "acquisition": ("the acquired firm's local managers, a manager from home",
                    "polycentric, often moving to geocentric"),
    "greenfield": ("a manager from home who hires and trains local staff",
                   "ethnocentric start"),
}  # fmt: skip

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
    success_probability: float = 0.7
    benefits: Sequence[Mapping[str, Any]] = ()
    impediments: Sequence[Mapping[str, Any]] = ()
    barriers: Sequence[str] = ()

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
        number(self.success_probability, "CaseFirm success_probability (0-1)", low=0.0, high=1.0)
        for name in ("benefits", "impediments", "barriers"):
            value = getattr(self, name)
            if isinstance(value, (str, Mapping)) or not isinstance(value, Sequence):
                example = (
                    "['market_knowledge', 'currency']"
                    if name == "barriers"
                    else "[{'kpi': 'sales', 'value': 120, 'probability': 0.6}]"
                )
                raise TypeError(
                    f"CaseFirm {name} must be a list such as {example}, not {type(value).__name__}"
                )
        for b in self.barriers:
            barrier_model.classify(b)  # an unknown id raises ValueError with close matches


@dataclass(frozen=True)
class Plan:
    """The plan's parts, as tables and numbers; :meth:`to_markdown` writes the page."""

    firm: CaseFirm
    readiness: success.ReadinessResult
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
    offer: adaptation.AdaptationResult | None = None
    checks: pd.DataFrame = field(default_factory=pd.DataFrame)
    cash_flows: pd.DataFrame = field(default_factory=pd.DataFrame)
    prospects: success.MarginalResult | None = None

    def __post_init__(self) -> None:
        _check_firm(self.firm)
        for name in ("goals", "screen", "modes", "rollout", "entries", "checks", "cash_flows"):
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
                *self._computed_sections(),
                "## 13. Consistency",
                check_lines,
                "",
            ]
        )

    def _computed_sections(self) -> list[str]:
        """Sections 7-12, each computed from the chain's results (no typed-in numbers)."""
        money = budget(self)
        by_year = cash_by_year(self)
        budget_lines = [
            f"- {r.item}: "
            + (
                "never"
                if not math.isfinite(r.value)
                else f"{r.value:.0f}"
                if r.unit in ("quarter", "year")
                else f"{r.value:,.0f} {r.unit}"
            )
            for r in money.itertuples()
        ]
        year_lines = [
            f"- {y}: entry costs {r.entry_costs:,.0f}, margins {r.margins:,.0f}, cumulative "
            f"cash {r.cumulative_cash:,.0f}, cumulative NPV {r.cumulative_npv:,.0f}"
            for y, r in by_year.iterrows()
        ]
        pr = self.prospects if self.prospects is not None else prospects(self)
        kpi_lines = [
            f"- {r.kpi} ({r.side}): {r.value:,.0f} x {r.probability:.2f} = {r.effect:+,.0f}"
            for r in pr.contributions.itertuples()
        ]
        bar = barrier_plan(self)
        bar_lines = [
            f"- {r.label} ({r.side}): {r.remedy}"
            + (f" (also works on {r.also_addresses})" if r.also_addresses else "")
            for r in bar.itertuples()
        ] or ["- none listed by the firm"]
        time_lines = [
            f"- {r.year} Q{r.quarter}: {r.milestone}" for r in timeline(self).itertuples()
        ]
        risk_lines = [
            f"- **{r.risk}** — watch {r.indicator}; trigger: {r.trigger}; then: {r.response}"
            for r in risk_register(self).itertuples()
        ]
        k = kpis(self)
        kpi_goal_lines = []
        for goal, rows in k.groupby("goal", sort=False):
            marks = ", ".join(f"{int(r.year)}: {r.checkpoint:,.3g}" for r in rows.itertuples())
            kpi_goal_lines.append(f"- {goal} — checkpoints {marks}")
        return [
            "## 7. Budget and cash need",
            f"From the {self.strategy} rollout's cash flows (thousand EUR):",
            *budget_lines,
            "",
            "By year:",
            *year_lines,
            "",
            "## 8. Go or no-go",
            f"Marginal analysis (chapter 6): expected net {pr.net:+,.0f} — **{pr.decision}**.",
            *kpi_lines,
            "",
            "## 9. Barriers and remedies",
            *bar_lines,
            "",
            "## 10. Timeline and organisation",
            *(time_lines or ["- no entries"]),
            "",
            "Who runs the markets (the chosen mode's staffing):",
            *[
                f"- {r.market} from {r.year}: {r.who} — {r.orientation}"
                for r in organisation(self).itertuples()
            ],
            "",
            "## 11. Risks and exit triggers",
            *risk_lines,
            "",
            "## 12. KPIs",
            *(kpi_goal_lines or ["- no well-formed goals"]),
            "",
        ]

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
        cash_flows=run,
    )  # fmt: skip
    return dataclasses.replace(plan, checks=consistency(plan), prospects=prospects(plan))


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


# --------------------------------------------------------------------------------------------
# The plan's computed sections: budget, go/no-go, barriers, timeline, risks, KPIs


def _plan(plan: object) -> Plan:
    if not isinstance(plan, Plan):
        raise TypeError(f"plan must be a capstone.Plan from make_plan, not {type(plan).__name__}")
    return plan


def _params_of(plan: Plan) -> dict[str, Any]:
    return timing.parameters(**plan.rollout_params)


def _quarter(period: int) -> int:
    return (int(period) - 1) % 4 + 1


def _entered(plan: Plan) -> list[tuple[int, str, int]]:
    """(market column number, iso3, entry period) for each market the winner enters."""
    return [(i + 1, str(r.iso3), int(r.period)) for i, r in enumerate(plan.entries.itertuples())]


def budget(plan: Plan) -> pd.DataFrame:
    """The plan's money, from the winning strategy's simulated cash flows (thousand EUR).

    One row per item (columns ``item``, ``value``, ``unit``): the entry costs, the margins,
    the venture's net cash at the horizon, its NPV at the rollout's discount rate, the cash
    need (the deepest the venture's cumulative cash goes, which the budget must cover), the
    payback period and year, and the budget set aside (initial cash plus the budget per
    quarter over the horizon). Every value is read off :func:`coursekit.timing` results.
    """
    plan = _plan(plan)
    p = _params_of(plan)
    run = plan.cash_flows
    row = plan.rollout.loc[plan.strategy]
    payback = float(row["payback_period"])
    rows = [
        ("entry costs, all markets", float(run["entry_costs"].sum()), "thousand EUR"),
        ("margins over the horizon", float(run["margins"].sum()), "thousand EUR"),
        ("net cash of the venture at the horizon", float(row["cumulative_cash"]), "thousand EUR"),
        (
            f"net present value at {100 * p['discount_rate']:g}% a quarter",
            float(row["npv"]),
            "thousand EUR",
        ),
        (
            "cash need (deepest cumulative cash)",
            -float(row["lowest_cumulative_cash"]),
            "thousand EUR",
        ),
        ("payback quarter", payback, "quarter"),
        (
            "payback year",
            float(_year_of(plan.firm.plan_year, int(payback)))
            if math.isfinite(payback)
            else math.nan,
            "year",
        ),
        (
            "budget set aside (initial cash + budget per quarter)",
            float(p["initial_cash"] + p["budget_per_period"] * p["periods"]),
            "thousand EUR",
        ),
    ]
    return pd.DataFrame(rows, columns=["item", "value", "unit"])


def _budget_value(plan: Plan, start: str) -> float:
    table = budget(plan)
    return float(table.loc[table["item"].str.startswith(start), "value"].iloc[0])


def cash_by_year(plan: Plan) -> pd.DataFrame:
    """The winner's cash flows summed by calendar year (thousand EUR; index ``year``).

    Columns ``entry_costs``, ``margins``, ``net_cash_flow``, ``discounted_net`` (each quarter's
    flow discounted to the first quarter), ``cumulative_cash`` and ``cumulative_npv`` at the
    year's end and ``markets_active`` at the year's end.
    """
    plan = _plan(plan)
    p = _params_of(plan)
    run = plan.cash_flows.copy()
    periods = run.index.to_numpy()
    run["discounted_net"] = run["net_cash_flow"].to_numpy() / (1 + p["discount_rate"]) ** (
        periods - 1
    )
    run["year"] = [_year_of(plan.firm.plan_year, q) for q in periods]
    grouped = run.groupby("year")
    out = grouped[["entry_costs", "margins", "net_cash_flow", "discounted_net"]].sum()
    for col in ("cumulative_cash", "cumulative_npv", "markets_active"):
        out[col] = grouped[col].last()
    return out


def prospects(plan: Plan) -> success.MarginalResult:
    """Go or no-go: chapter 6's marginal analysis with the rollout as its main KPI pair.

    Benefit ``rollout NPV`` = the winner's NPV (if positive) with the firm's
    ``success_probability``; impediment ``entry costs lost if the markets fail`` = the
    discounted entry costs with ``1 - success_probability``; then the firm's own
    ``benefits`` and ``impediments`` (thousand EUR). A negative NPV is an impediment with the
    success probability. The two-outcome reading (the rollout works as simulated, or its entry
    costs are lost) is the course's simplification.
    """
    plan = _plan(plan)
    f = plan.firm
    p = _params_of(plan)
    npv = float(plan.rollout.loc[plan.strategy, "npv"])
    run = plan.cash_flows
    discounted_costs = float(
        (run["entry_costs"] / (1 + p["discount_rate"]) ** (run.index.to_numpy() - 1)).sum()
    )
    prob = float(f.success_probability)
    gains: list[Mapping[str, Any]] = []
    losses: list[Mapping[str, Any]] = []
    if npv >= 0:
        gains.append({"kpi": "rollout NPV (chapter 12)", "value": npv, "probability": prob})
    else:
        losses.append({"kpi": "rollout NPV below zero", "value": -npv, "probability": prob})
    losses.append(
        {
            "kpi": "entry costs lost if the markets fail",
            "value": discounted_costs,
            "probability": 1 - prob,
        }
    )
    gains += list(f.benefits)
    losses += list(f.impediments)
    if not gains:
        gains.append({"kpi": "no benefit listed", "value": 0.0, "probability": 0.0})
    return success.marginal_analysis(gains, losses)


def barrier_plan(plan: Plan) -> pd.DataFrame:
    """The firm's barriers (chapter 7) with the remedy the chapter names first for each.

    Columns ``barrier``, ``label``, ``side`` (internal/external), ``remedy`` (its label) and
    ``also_addresses`` (the firm's other barriers the same remedy works on). Empty when the
    firm lists no barriers.
    """
    plan = _plan(plan)
    ids = list(dict.fromkeys(plan.firm.barriers))
    columns = ["barrier", "label", "side", "remedy", "also_addresses"]
    if not ids:
        return pd.DataFrame(columns=columns)
    table = barrier_model.remedies_for(ids).set_index("remedy")
    rows = []
    for b in ids:
        best = barrier_model.best_remedy(b)
        others = [x for x in str(table.loc[best, "addresses"]).split(", ") if x and x != b]
        rows.append(
            (
                b,
                barrier_model.BARRIERS[b][0],
                barrier_model.classify(b),
                barrier_model.REMEDIES[best][0],
                ", ".join(others),
            )
        )
    return pd.DataFrame(rows, columns=columns)


def _market_expectations(plan: Plan) -> list[dict[str, Any]]:
    """Per entered market: entry period, review period and the margin expected by then."""
    p = _params_of(plan)
    run = plan.cash_flows
    out = []
    for col, iso3, entry in _entered(plan):
        review = min(entry + int(p["establish_periods"]), int(p["periods"]))
        flows = run[f"market_{col}"]
        # the market's margins from entry to the review (its net flow plus what entry cost)
        margin = float(flows.loc[entry:review].sum()) + float(
            run.loc[entry, "entry_costs"] / max(1, int(run.loc[entry, "entries"]))
        )
        out.append({"iso3": iso3, "entry": entry, "review": review, "margin": margin})
    return out


def timeline(plan: Plan) -> pd.DataFrame:
    """Dated milestones from the rollout and the goals; one row per milestone, in order.

    Columns ``period`` (quarter of the plan, 1 = first quarter after the plan year), ``year``,
    ``quarter``, ``milestone`` and ``source``: each market's entry and its review (after
    ``establish_periods`` quarters), the quarter of the deepest cash need, payback, and each
    goal's deadline (its year's last quarter).
    """
    plan = _plan(plan)
    f = plan.firm
    mode = plan.entry_mode.lower()
    rows: list[tuple[int, str, str]] = []
    for m in _market_expectations(plan):
        name = countries.name(m["iso3"])
        rows.append((m["entry"], f"enter {name} ({mode})", "rollout (chapter 12)"))
        rows.append(
            (
                m["review"],
                f"review {name}: continue if its margin so far reaches "
                f"{EXIT_SHARE * m['margin']:,.0f} (half the plan's {m['margin']:,.0f})",
                "risk register",
            )
        )
    run = plan.cash_flows
    if float(run["cumulative_cash"].min()) < 0:
        trough = int(run["cumulative_cash"].idxmin())
        rows.append((trough, f"deepest cash need: {-run['cumulative_cash'].min():,.0f}", "budget"))
    payback = float(plan.rollout.loc[plan.strategy, "payback_period"])
    if math.isfinite(payback):
        rows.append((int(payback), "payback: the venture's cumulative cash stays at or above 0",
                     "budget"))  # fmt: skip
    for g in f.goals:
        if isinstance(g.by_year, int) and g.by_year > f.plan_year:
            period = (g.by_year - f.plan_year) * 4
            rows.append(
                (period, f"deadline: {g.metric} in {g.market}, {g.target:g} {g.unit}", "goals")
            )
    table = pd.DataFrame(rows, columns=["period", "milestone", "source"])
    table.insert(1, "year", [_year_of(f.plan_year, q) for q in table["period"]])
    table.insert(2, "quarter", [_quarter(q) for q in table["period"]])
    return table.sort_values("period", kind="stable").reset_index(drop=True)


def risk_register(plan: Plan) -> pd.DataFrame:
    """The plan's risks, each with what to watch, the trigger and the response.

    Columns ``risk``, ``source``, ``indicator``, ``trigger`` and ``response``. Rows: a cash
    overrun (trigger: cumulative cash below :data:`CASH_OVERRUN` x the cash need); each entered
    market failing to take off (trigger: its margin by the review below :data:`EXIT_SHARE` of
    the simulated margin; response: exit, chapter 12's de-internationalization); the target's
    market risk (from its risk rating); the mode's exposure (its control and commitment
    ratings); and each of the firm's barriers with the chapter 7 remedy.
    """
    plan = _plan(plan)
    rows = []
    need = _budget_value(plan, "cash need")
    if need > 0:
        rows.append(
            (
                "cash need deeper than planned",
                "budget (chapter 12 rollout)",
                "the venture's cumulative cash",
                f"below -{CASH_OVERRUN * need:,.0f} (1.5 x the planned need of {need:,.0f})",
                "stop new entries; review the pace (waterfall) and the budget",
            )
        )
    for m in _market_expectations(plan):
        name = countries.name(m["iso3"])
        rows.append(
            (
                f"{name} does not take off",
                "rollout (chapter 12)",
                f"{name}'s margin from entry (period {m['entry']}) to the review "
                f"(period {m['review']})",
                f"below {EXIT_SHARE * m['margin']:,.0f} "
                f"({100 * EXIT_SHARE:.0f}% of the simulated {m['margin']:,.0f})",
                "exit or scale back the market (de-internationalization) and move its budget "
                "to the next market",
            )
        )
    mr = plan.market_ratings
    rating = float(mr["market_risk"])
    rows.append(
        (
            f"political and economic risk in {countries.name(plan.target)} (rating {rating:.1f}/5)",
            "market screen and WGI stability (chapters 9, 11)",
            "the target's political-stability score",
            "the market-risk rating rises by a point (more than "
            f"{100 * min(1.0, rating / 4):.0f}% of economies more stable than the target)",
            "rerun the advisor with the new rating; prefer a mode with less commitment",
        )
    )
    mode = entry_modes.MODES.loc[plan.entry_mode_key]
    rows.append(
        (
            f"the mode's exposure: {plan.entry_mode.lower()} (control {int(mode['control'])}/5,"
            f" commitment {int(mode['commitment'])}/5)",
            "entry-mode advisor (chapter 11)",
            "service quality and know-how in the market"
            if int(mode["control"]) <= 2
            else "the cost of the market organisation",
            "complaints or lost customers the firm cannot fix from home"
            if int(mode["control"]) <= 2
            else "its cost per market above the planned entry cost "
            f"{plan.rollout_params['entry_cost']:g}",
            "move up to a mode with more control"
            if int(mode["control"]) <= 2
            else "fall back to a partner mode in the next markets",
        )
    )
    for r in barrier_plan(plan).itertuples():
        rows.append(
            (
                f"barrier: {r.label.lower()}",
                "barriers (chapter 7)",
                "progress on the remedy (the firm sets the measure)",
                "the barrier delays an entry of the timeline",
                f"remedy: {r.remedy.lower()}",
            )
        )
    return pd.DataFrame(rows, columns=["risk", "source", "indicator", "trigger", "response"])


def kpis(plan: Plan) -> pd.DataFrame:
    """Yearly KPI checkpoints that lead to each goal; one row per goal and year.

    Columns ``goal``, ``year``, ``checkpoint``, ``unit`` and ``basis``. A "markets entered"
    goal's checkpoints are the markets the rollout has entered by each year's end. Any other
    goal's checkpoint is the goal's target times the share of the margins (of the goal's market,
    or of all markets) that the simulation earns by that year, relative to the deadline year:
    the KPI path follows the plan's own timing (the course's rule). Goals with problems
    (:func:`goal_problems`) get no checkpoints.
    """
    plan = _plan(plan)
    f = plan.firm
    run = plan.cash_flows
    years = pd.Series([_year_of(f.plan_year, q) for q in run.index], index=run.index)
    columns_of = {iso3: f"market_{col}" for col, iso3, _ in _entered(plan)}
    rows = []
    for g, problems in zip(f.goals, plan.goals["problems"], strict=True):
        if problems:
            continue
        label = f"{g.metric} in {g.market}: {g.target:g} {g.unit} by {g.by_year}"
        span = range(f.plan_year + 1, g.by_year + 1)
        if g.metric == "markets entered":
            for y in span:
                rows.append(
                    (label, y, float((plan.entries["year"] <= y).sum()), "markets",
                     "markets the rollout has entered by the year's end")
                )  # fmt: skip
            continue
        code = None if g.market == "all" else countries.resolve(g.market)
        if code is None:
            margins = run["margins"]
        elif code in columns_of:
            margins = run[columns_of[code]].clip(lower=0)
        else:
            margins = pd.Series(0.0, index=run.index)
        by_deadline = float(margins[years <= g.by_year].sum())
        for y in span:
            share = float(margins[years <= y].sum()) / by_deadline if by_deadline > 0 else math.nan
            rows.append(
                (label, y, g.target * share, g.unit,
                 "target x the share of the simulated margins earned by then")
            )  # fmt: skip
    return pd.DataFrame(rows, columns=["goal", "year", "checkpoint", "unit", "basis"])


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
    success_probability=0.7,
    impediments=(
        {"kpi": "certification of the pumps abroad", "value": 60.0, "probability": 0.9},
        {"kpi": "management time", "value": 90.0, "probability": 0.8},
    ),
    barriers=("market_knowledge", "finance_internal", "regulation"),
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


def organisation(plan: Plan) -> pd.DataFrame:
    """Who runs each entered market, from the chosen mode (:data:`STAFFING_BY_MODE`).

    One row per entered market: ``market``, ``year`` of entry, ``who`` runs it and the
    ``orientation`` it starts from (Perlmutter's staffing orientations, chapter 13).
    """
    plan = _plan(plan)
    who, orientation = STAFFING_BY_MODE[plan.entry_mode_key]
    return pd.DataFrame(
        [
            (countries.name(r.iso3), int(r.year), who, orientation)
            for r in plan.entries.itertuples()
        ],
        columns=["market", "year", "who", "orientation"],
    )


def _inline_html(text: str) -> str:
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    return re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<em>\1</em>", out)


def plan_html(plan: Plan, *, title: str | None = None) -> str:
    """The plan as a standalone HTML page, with empty sections for the student's argument.

    Converts the plan's own Markdown (headings, lists, bold and italic text) without an extra
    library; save it with ``open("plan.html", "w").write(capstone.plan_html(plan))`` and print
    it to PDF from a browser.
    """
    plan = _plan(plan)
    lines = plan.to_markdown().splitlines() + [
        "## 14. Rationale (your own argument)",
        "*Why this market, this mode and this pace, in your words, with sources.*",
        "## 15. Defence of the two most fragile numbers",
        "*Use the sensitivity table and the consistency checks.*",
    ]
    body: list[str] = []
    open_list = ""
    for line in lines:
        kind = "ul" if line.startswith("- ") else "ol" if re.match(r"\d+\. ", line) else ""
        if open_list and kind != open_list:
            body.append(f"</{open_list}>")
            open_list = ""
        if kind and not open_list:
            body.append(f"<{kind}>")
            open_list = kind
        if kind:
            item = line[2:] if kind == "ul" else line.split(". ", 1)[1]
            body.append(f"<li>{_inline_html(item)}</li>")
        elif line.startswith("## "):
            body.append(f"<h2>{_inline_html(line[3:])}</h2>")
        elif line.startswith("# "):
            body.append(f"<h1>{_inline_html(line[2:])}</h1>")
        elif line.strip():
            body.append(f"<p>{_inline_html(line)}</p>")
    if open_list:
        body.append(f"</{open_list}>")
    name = html.escape(title or f"Internationalization plan: {plan.firm.name}")
    style = (
        "body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.4}"
        "h2{border-bottom:1px solid #999;margin-top:1.4em}"
        "@media print{body{margin:0}h2{break-after:avoid}}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{name}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


#: A documented real firm (chapter 14): Adira, a Portuguese maker of press brakes and guillotine
#: shears, as it stood in 2018, before its 2019 distribution agreement for North America.
#: Documented: exporting since the late 1960s because the home market was small, a preference
#: for export modes linked to risk aversion and limited resources (Meneres 2015); 9.8 million
#: EUR turnover and 70% of production exported in 2019, markets on every continent (among them
#: Spain, the United States, Egypt, Australia, Argentina, the UAE, Thailand and Korea), the United
#: States, Canada and Mexico entered through an exclusive distribution agreement with a
#: Mitsubishi company signed in 2019 (Dinheiro Vivo, June 2020). NOT documented, and so set by
#: the course: the readiness scores (all 3, "no information"), the control wish and tacitness
#: (3, neutral), resources and risk appetite (2, from the documented resource limits and risk
#: aversion), the goal (the documented 2019 export share restated as a goal) and the candidates
#: (the markets the article names). The chapter compares the chain's advice with what Adira did.
ADIRA_2018 = CaseFirm(
    name="Adira (documented case, inputs partly set by the course)",
    description="A Porto-area maker of press brakes and guillotine shears that has exported "
    "since the late 1960s.",
    home="PRT",
    plan_year=2018,
    readiness={area: 3 for area in success.AREAS},
    goals=(Goal("export share of sales", "all", 70, "% of sales", 2019),),
    candidates=("ESP", "USA", "CAN", "MEX", "EGY", "AUS", "ARG", "ARE", "THA", "KOR"),
    profile={"resources": 2, "risk_appetite": 2, "control_wish": 3, "tacitness": 3},
    rollout_markets=4,
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


def cash_need_with(budget_per_period: float, initial_cash: float) -> float:
    """The cash need (thousand EUR) of the example plan with another budget per quarter and
    initial cash (for the chapter 14 exercise)."""
    rollout = {
        **dict(EXAMPLE_FIRM.rollout),
        "budget_per_period": number(budget_per_period, "budget_per_period", low=0.0),
        "initial_cash": number(initial_cash, "initial_cash", low=0.0),
    }
    plan = make_plan(dataclasses.replace(EXAMPLE_FIRM, rollout=rollout))
    return _budget_value(plan, "cash need")
