"""The capstone plan: every section comes from the course's models, goals are checked."""

from __future__ import annotations

import dataclasses

import pytest

from coursekit import capstone, culture, entry_modes, markets
from coursekit.capstone import EXAMPLE_FIRM, Goal, goal_problems, make_plan


@pytest.fixture(scope="module")
def plan():
    return make_plan(EXAMPLE_FIRM)


def test_plan_sections_come_from_the_models(plan):
    screen = markets.screen(
        EXAMPLE_FIRM.home, EXAMPLE_FIRM.screen_weights, candidates=EXAMPLE_FIRM.candidates
    )
    assert plan.target == screen.iloc[0]["iso3"]
    assert plan.cultural_distance == pytest.approx(culture.kogut_singh("DEU", plan.target))
    modes = entry_modes.score(entry_modes.FirmMarketProfile(**EXAMPLE_FIRM.profile))
    assert plan.entry_mode == modes.iloc[0]["label"]
    assert plan.strategy in ("waterfall", "sprinkler")
    text = plan.to_markdown()
    for heading in (
        "## 1. Readiness",
        "## 2. Goals",
        "## 3. Where to go",
        "## 4. How to enter",
        "## 5. When and how fast",
    ):
        assert heading in text
    assert plan.entry_mode in text and "invented" in text
    assert plan._repr_markdown_() == text


def test_example_goals_are_all_well_formed(plan):
    assert (plan.goals["problems"] == "").all()


@pytest.mark.parametrize(
    ("goal", "problem"),
    [
        (Goal("grow a lot", "NLD", 2, "EUR million", 2028), "vague"),
        (Goal("export sales", "", 2, "EUR million", 2028), "no market"),
        (Goal("export sales", "Atlantis", 2, "EUR million", 2028), "not a country"),
        (Goal("export sales", "NLD", -1, "EUR million", 2028), "positive number"),
        (Goal("export sales", "NLD", 2, "", 2028), "no unit"),
        (Goal("export sales", "NLD", 2, "EUR million", 2020), "deadline"),
    ],
)
def test_goal_problems_name_what_is_missing(goal, problem):
    problems = goal_problems(goal, plan_year=2025)
    assert any(problem in p for p in problems), problems


def test_flawed_goal_is_flagged_in_the_plan():
    firm = dataclasses.replace(EXAMPLE_FIRM, goals=(Goal("grow", "NLD", 5, "", 2040),))
    text = make_plan(firm).to_markdown()
    assert "*fix:" in text and "vague" in text


def test_bad_input():
    with pytest.raises(TypeError, match="CaseFirm"):
        make_plan({"name": "x"})
    with pytest.raises(ValueError, match="at least one goal"):
        make_plan(dataclasses.replace(EXAMPLE_FIRM, goals=()))
    with pytest.raises(ValueError, match="Atlantis"):
        make_plan(dataclasses.replace(EXAMPLE_FIRM, home="Atlantis"))


def test_helpers_agree_with_the_plan(plan):
    assert capstone.plan_target() == plan.target
    assert capstone.plan_entry_mode() == plan.entry_mode
    assert capstone.plan_strategy() == plan.strategy
