"""Chapter 14 model (book/ch14_capstone.md).

Capstone: one internationalization plan for one firm, built from every model of the course.

:func:`make_plan` takes a :class:`CaseFirm` (home country, readiness scores, goals, screening
weights, entry-mode profile, rollout parameters) and returns a :class:`Plan` whose
:meth:`Plan.to_markdown` is the one-page plan. Each section comes from a course model:
readiness (chapter 6), goals checked for being specific, measurable and time-bound, market
screening (chapter 9), cultural distance (chapter 10), entry modes (chapter 11) and the
waterfall-or-sprinkler comparison (chapter 12).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from coursekit import countries, culture, entry_modes, markets, success, timing
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
    "EXAMPLE_FIRM",
]

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

    def __post_init__(self) -> None:
        _check_firm(self.firm)
        for name in ("goals", "screen", "modes", "rollout"):
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
                f"from home: {self.cultural_distance:.2f}.",
                "",
                "## 4. How to enter",
                mode_lines,
                "",
                f"**Entry mode: {self.entry_mode}.**",
                "",
                "## 5. When and how fast",
                f"Simulated rollout: waterfall {ro.loc['waterfall', 'cumulative_cash']:,.0f} vs "
                f"sprinkler {ro.loc['sprinkler', 'cumulative_cash']:,.0f} cumulative cash. "
                f"**Strategy: {self.strategy}.**",
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
    modes = entry_modes.score(entry_modes.FirmMarketProfile(**firm.profile))
    rollout = timing.compare(**firm.rollout)
    return Plan(firm, ready, goals, screen, target, cd, modes, rollout)


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
        Goal("export sales", "NLD", 2.0, "EUR million", 2028),
        Goal("distributors signed", "FRA", 3, "distributors", 2027),
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
    profile={
        "resources": 2,
        "risk_appetite": 3,
        "control_wish": 4,
        "tacitness": 4,
        "market_risk": 2,
        "distance": 2,
    },
    rollout={"markets": 4, "window": 12},
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
