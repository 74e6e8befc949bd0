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
    ratings = capstone.derived_market_ratings("DEU", plan.target)
    profile = {**EXAMPLE_FIRM.profile, "market_risk": ratings["market_risk"]}
    modes = entry_modes.score(
        entry_modes.FirmMarketProfile(**profile, distance=ratings["distance"])
    )
    assert plan.entry_mode == modes.iloc[0]["label"]
    assert plan.strategy in ("waterfall", "sprinkler")
    text = plan.to_markdown()
    for heading in (
        "## 1. Readiness",
        "## 2. Goals",
        "## 3. Where to go",
        "## 4. How to enter",
        "## 5. What to offer",
        "## 6. When and how fast",
        "## 7. Budget and cash need",
        "## 8. Go or no-go",
        "## 9. Barriers and remedies",
        "## 10. Timeline and organisation",
        "## 11. Risks and exit triggers",
        "## 12. KPIs",
        "## 13. Consistency",
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


# ---- bad input: goals, firms, plans and the shortcuts --------------------------------------


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        (("export sales", "NLD", "lots", "EUR", 2028), TypeError, r"Goal target must be a num"),
        (("export sales", "NLD", True, "EUR", 2028), TypeError, r"target must be a number.*True"),
        (("export sales", "NLD", 2, "EUR", "2028"), TypeError, r"Goal by_year must be a year"),
        ((None, "NLD", 2, "EUR", 2028), TypeError, r"Goal metric must be text \(a str"),
        (("export sales", 528, 2, "EUR", 2028), TypeError, r"Goal market must be text .* int"),
        (("export sales", "NLD", 2, None, 2028), TypeError, r"Goal unit must be text"),
    ],
)
def test_goal_rejects_wrong_types(fields, error, message):
    with pytest.raises(error, match=message):
        Goal(*fields)


def test_goal_problems_rejects_what_is_not_a_goal():
    good = EXAMPLE_FIRM.goals[0]
    with pytest.raises(TypeError, match=r"goal must be a capstone\.Goal\(metric, .* not dict"):
        goal_problems({"metric": "export sales"}, plan_year=2025)
    with pytest.raises(TypeError, match=r"plan_year must be a whole number, not str '2025'"):
        goal_problems(good, plan_year="2025")
    with pytest.raises(ValueError, match=r"plan_year must be .*1900.*, not 25"):
        goal_problems(good, plan_year=25)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"name": ""}, ValueError, r"CaseFirm name must not be empty"),
        ({"name": ...}, TypeError, r"CaseFirm name must be text \(a str\), not ellipsis"),
        ({"description": None}, TypeError, r"CaseFirm description must be text"),
        ({"home": 276}, TypeError, r"CaseFirm home must be a country name or ISO3 code"),
        ({"plan_year": 2025.5}, ValueError, r"CaseFirm plan_year must be a whole number"),
        ({"plan_year": 25}, ValueError, r"CaseFirm plan_year must be .*1900"),
        ({"readiness": [3, 2]}, TypeError, r"CaseFirm readiness must be a dict of area"),
        ({"goals": "export sales"}, TypeError, r"CaseFirm goals must be a list of capstone\.Goal"),
        ({"goals": [("x", "NLD", 2, "EUR", 2028)]}, TypeError, r"goals\[0\] must be a capstone"),
        ({"screen_weights": 0.5}, TypeError, r"screen_weights must be a dict of criterion"),
        ({"candidates": "FRA"}, TypeError, r"candidates must be a list of country codes"),
        ({"profile": ["resources"]}, TypeError, r"CaseFirm profile must be a dict"),
        ({"rollout": None}, TypeError, r"CaseFirm rollout must be a dict"),
    ],
)
def test_case_firm_rejects_wrong_fields(change, error, message):
    fields = {f.name: getattr(EXAMPLE_FIRM, f.name) for f in dataclasses.fields(EXAMPLE_FIRM)}
    with pytest.raises(error, match=message):
        capstone.CaseFirm(**{**fields, **change})


def test_plan_rejects_parts_that_are_not_the_models_results(plan):
    parts = {f.name: getattr(plan, f.name) for f in dataclasses.fields(plan)}
    with pytest.raises(TypeError, match=r"firm must be a capstone\.CaseFirm .* not str"):
        capstone.Plan(**{**parts, "firm": "Lumen"})
    with pytest.raises(TypeError, match=r"Plan screen must be a pandas DataFrame, not list"):
        capstone.Plan(**{**parts, "screen": ["NLD"]})


@pytest.mark.parametrize(
    ("firm", "error", "message"),
    [
        ({}, TypeError, r"firm must be a capstone\.CaseFirm .* not dict"),
        ("Lumen Pumps", TypeError, r"firm must be a capstone\.CaseFirm .* not str"),
        (dataclasses.replace(EXAMPLE_FIRM, goals=()), ValueError, r"at least one goal"),
        (dataclasses.replace(EXAMPLE_FIRM, home="Atlantis"), ValueError, r"Unknown country"),
    ],
)
def test_plan_shortcuts_reject_a_wrong_firm(firm, error, message):
    with pytest.raises(error, match=message):
        capstone.plan_target(firm)
    with pytest.raises(error, match=message):
        capstone.plan_entry_mode(firm)
    with pytest.raises(error, match=message):
        capstone.plan_strategy(firm)


# ---- the chain: each step's inputs come from the step before ------------------------------


def test_each_step_takes_its_inputs_from_the_previous_one(plan):
    # screen -> rollout markets
    assert plan.rollout_markets == tuple(plan.screen["iso3"].head(EXAMPLE_FIRM.rollout_markets))
    assert plan.rollout_markets[0] == plan.target
    # target -> distance and risk ratings of the advisor's profile
    ratings = capstone.derived_market_ratings(EXAMPLE_FIRM.home, plan.target)
    assert plan.market_ratings == ratings
    assert 1 <= ratings["distance"] <= 5 and 1 <= ratings["market_risk"] <= 5
    # mode -> entry cost; rollout markets -> number of markets
    commitment = int(entry_modes.MODES.loc[plan.entry_mode_key, "commitment"])
    assert plan.rollout_params["entry_cost"] == capstone.ENTRY_COST_BY_COMMITMENT[commitment]
    assert plan.rollout_params["markets"] == len(plan.rollout_markets)
    from coursekit import timing

    again = timing.compare(**plan.rollout_params)
    assert again["npv"].tolist() == pytest.approx(plan.rollout["npv"].tolist())
    # target distance -> the adaptation matrix's cultural-distance factor
    assert plan.offer is not None
    from coursekit import adaptation

    expected = adaptation.decide(
        {**EXAMPLE_FIRM.adaptation, "cultural_distance": ratings["cultural_rating"]}
    )
    assert plan.offer.position == pytest.approx(expected.position)
    assert plan.offer.contributions["cultural_distance"] == pytest.approx(
        expected.contributions["cultural_distance"]
    )
    # the entries are the rollout markets in screen order, in the winner's entry periods
    assert list(plan.entries["iso3"]) == list(plan.rollout_markets[: len(plan.entries)])


def test_a_different_screen_moves_the_whole_chain():
    far = dataclasses.replace(EXAMPLE_FIRM, candidates=("USA", "TUR", "MEX"))
    near = make_plan(EXAMPLE_FIRM)
    other = make_plan(far)
    assert other.target != near.target
    assert other.market_ratings["distance"] != near.market_ratings["distance"]
    assert set(other.rollout_markets) <= {"USA", "TUR", "MEX"}
    assert other.rollout_params["markets"] == 3
    # the entry cost follows whatever mode the new profile selects
    commitment = int(entry_modes.MODES.loc[other.entry_mode_key, "commitment"])
    assert other.rollout_params["entry_cost"] == capstone.ENTRY_COST_BY_COMMITMENT[commitment]


def test_more_resources_can_change_the_mode_and_so_the_entry_cost():
    rich = dataclasses.replace(
        EXAMPLE_FIRM, profile={**EXAMPLE_FIRM.profile, "resources": 5, "risk_appetite": 5}
    )
    plan = make_plan(rich)
    assert plan.entry_mode_key != make_plan(EXAMPLE_FIRM).entry_mode_key
    commitment = int(entry_modes.MODES.loc[plan.entry_mode_key, "commitment"])
    assert plan.rollout_params["entry_cost"] == capstone.ENTRY_COST_BY_COMMITMENT[commitment]


def test_the_example_plan_is_consistent(plan):
    assert plan.consistent and not plan.checks.empty
    assert capstone.plan_consistent() is True


def test_goals_that_contradict_the_plan_are_flagged():
    # the old example's goals: a market chosen before the screen, distributors with a mode
    # that uses none
    firm = dataclasses.replace(
        EXAMPLE_FIRM,
        goals=(
            Goal("export sales", "TUR", 2.0, "EUR million", 2028),
            Goal("distributors signed", "FRA", 3, "distributors", 2027),
            Goal("markets entered", "all", 9, "markets", 2027),
        ),
    )
    plan = make_plan(firm)
    assert not plan.consistent
    failed = " ".join(plan.checks.loc[~plan.checks["ok"], "detail"])
    assert "Türkiye" in failed or "Turkey" in failed
    assert "distributors signed' needs direct_export_agent" in failed
    assert "markets entered by 2027" in failed
    assert "CONFLICT" in plan.to_markdown()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"profile": {"resources": 2, "distance": 2}}, "market's risk and distance are derived"),
        ({"rollout": {"markets": 4}}, "number of markets comes from rollout_markets"),
        ({"rollout": {"entry_cost": 10}}, "entry cost from the chosen entry mode"),
        ({"adaptation": {"cultural_distance": 3}}, "derived from the target market"),
        ({"rollout_markets": 0}, "rollout_markets must be .*1.*, not 0"),
    ],
)
def test_derived_inputs_cannot_be_typed_in(change, message):
    fields = {f.name: getattr(EXAMPLE_FIRM, f.name) for f in dataclasses.fields(EXAMPLE_FIRM)}
    with pytest.raises(ValueError, match=message):
        capstone.CaseFirm(**{**fields, **change})


def test_consistency_rejects_what_is_not_a_plan():
    with pytest.raises(TypeError, match="plan must be a capstone.Plan"):
        capstone.consistency("plan")


def test_sensitivity_reports_what_moves_and_agrees_with_single_plans():
    table = capstone.sensitivity()
    assert list(table.columns) == ["change", "target", "entry_mode", "strategy", "moved"]
    base = make_plan(EXAMPLE_FIRM)
    row = table.set_index("change").loc["resources 2 -> 3"]
    richer = make_plan(
        dataclasses.replace(EXAMPLE_FIRM, profile={**EXAMPLE_FIRM.profile, "resources": 3})
    )
    assert row["entry_mode"] == richer.entry_mode_key
    assert ("entry mode" in row["moved"]) == (richer.entry_mode_key != base.entry_mode_key)
    # every row's 'moved' is exactly the decisions that differ from the base plan
    for r in table.itertuples():
        moved = {
            "target": r.target != base.target,
            "entry mode": r.entry_mode != base.entry_mode_key,
            "strategy": r.strategy != base.strategy,
        }
        assert set(filter(None, r.moved.split(", "))) == {k for k, v in moved.items() if v}


def test_chain_helpers_reject_bad_input():
    with pytest.raises(TypeError, match="candidates must be a list of country codes"):
        capstone.conflicts_with("USA", "FRA")
    with pytest.raises(ValueError, match="Atlantis"):
        capstone.derived_market_ratings("Atlantis", "NLD")
    with pytest.raises(TypeError, match=r"firm must be a capstone\.CaseFirm"):
        capstone.plan_consistent({})
    with pytest.raises(TypeError, match=r"firm must be a capstone\.CaseFirm"):
        capstone.sensitivity("Lumen")
    assert capstone.conflicts_with(["USA", "TUR", "MEX"], "FRA") == 1


# ---- the computed plan sections: budget, go/no-go, barriers, timeline, risks, KPIs --------


def _money(plan, start):
    table = capstone.budget(plan)
    return float(table.loc[table["item"].str.startswith(start), "value"].iloc[0])


def test_budget_comes_from_the_winners_simulated_cash_flows(plan):
    from coursekit import timing

    run = timing.simulate_rollout(plan.strategy, **plan.rollout_params)
    summary = timing.compare(**plan.rollout_params).loc[plan.strategy]
    assert _money(plan, "entry costs") == pytest.approx(run["entry_costs"].sum())
    assert _money(plan, "margins") == pytest.approx(run["margins"].sum())
    assert _money(plan, "net present value") == pytest.approx(summary["npv"])
    assert _money(plan, "cash need") == pytest.approx(-summary["lowest_cumulative_cash"])
    assert _money(plan, "cash need") == pytest.approx(max(0.0, -run["cumulative_cash"].min()))
    by_year = capstone.cash_by_year(plan)
    assert by_year["entry_costs"].sum() == pytest.approx(run["entry_costs"].sum())
    assert by_year["cumulative_npv"].iloc[-1] == pytest.approx(summary["npv"])
    assert by_year.index[0] == EXAMPLE_FIRM.plan_year + 1


def test_plan_sections_change_when_an_input_changes(plan):
    # a smaller budget per quarter and a costlier start: the money, the timeline and the
    # KPI path must follow the new simulation, not stay as typed-in numbers
    poorer = make_plan(
        dataclasses.replace(
            EXAMPLE_FIRM, rollout={**EXAMPLE_FIRM.rollout, "budget_per_period": 10.0,
                                   "initial_cash": 40.0}
        )
    )  # fmt: skip
    assert _money(poorer, "budget set aside") != _money(plan, "budget set aside")
    assert (
        capstone.timeline(poorer)["milestone"].tolist()
        != capstone.timeline(plan)["milestone"].tolist()
    )
    assert not capstone.kpis(poorer)["checkpoint"].equals(capstone.kpis(plan)["checkpoint"])
    # another target market moves the risk register's market rows
    far = make_plan(dataclasses.replace(EXAMPLE_FIRM, candidates=("USA", "TUR", "MEX")))
    assert (
        capstone.risk_register(far)["risk"].tolist()
        != capstone.risk_register(plan)["risk"].tolist()
    )


def test_go_no_go_is_chapter_6s_marginal_analysis_of_the_rollout(plan):
    from coursekit import success

    npv = _money(plan, "net present value")
    pr = plan.prospects
    rows = pr.contributions.set_index("kpi")
    assert rows.loc["rollout NPV (chapter 12)", "value"] == pytest.approx(npv)
    assert rows.loc["rollout NPV (chapter 12)", "probability"] == EXAMPLE_FIRM.success_probability
    again = success.marginal_analysis(
        pr.contributions.query("side == 'benefit'")[["kpi", "value", "probability"]],
        pr.contributions.query("side == 'impediment'")[["kpi", "value", "probability"]],
    )
    assert pr.net == pytest.approx(again.net)
    # a lower chance of success lowers the net, by the NPV plus the lost costs per point
    doubtful = make_plan(dataclasses.replace(EXAMPLE_FIRM, success_probability=0.3))
    assert doubtful.prospects.net < pr.net
    lost = rows.loc["entry costs lost if the markets fail", "value"]
    assert pr.net - doubtful.prospects.net == pytest.approx(0.4 * (npv + lost))


def test_barriers_get_chapter_7s_remedies_and_enter_the_risk_register(plan):
    from coursekit import barriers

    table = capstone.barrier_plan(plan)
    assert table["barrier"].tolist() == list(EXAMPLE_FIRM.barriers)
    for r in table.itertuples():
        assert r.remedy == barriers.REMEDIES[barriers.best_remedy(r.barrier)][0]
    risks = capstone.risk_register(plan)
    assert sum(risks["source"].str.startswith("barriers")) == len(EXAMPLE_FIRM.barriers)
    none = make_plan(dataclasses.replace(EXAMPLE_FIRM, barriers=()))
    assert capstone.barrier_plan(none).empty
    assert "none listed" in none.to_markdown()


def test_timeline_and_exit_triggers_follow_the_entries(plan):
    line = capstone.timeline(plan)
    assert line["period"].is_monotonic_increasing
    est = 3  # timing.DEFAULTS["establish_periods"]
    for r in plan.entries.itertuples():
        name = capstone.countries.name(r.iso3)
        assert (line["milestone"] == f"enter {name} ({plan.entry_mode.lower()})").any()
        review = line[line["milestone"].str.startswith(f"review {name}")]
        assert review["period"].iloc[0] == r.period + est
    risks = capstone.risk_register(plan)
    market_rows = risks[risks["risk"].str.endswith("does not take off")]
    assert len(market_rows) == len(plan.entries)
    need = _money(plan, "cash need")
    cash = risks[risks["risk"] == "cash need deeper than planned"]["trigger"].iloc[0]
    assert f"{capstone.CASH_OVERRUN * need:,.0f}" in cash


def test_kpi_checkpoints_end_at_each_goals_target(plan):
    k = capstone.kpis(plan)
    for g in EXAMPLE_FIRM.goals:
        rows = k[k["goal"].str.startswith(f"{g.metric} in {g.market}")]
        assert rows["year"].max() == g.by_year
        assert rows["checkpoint"].is_monotonic_increasing
        if g.metric == "markets entered":
            assert rows["checkpoint"].iloc[-1] == (plan.entries["year"] <= g.by_year).sum()
        else:
            assert rows["checkpoint"].iloc[-1] == pytest.approx(g.target)


def test_new_case_firm_fields_reject_bad_input():
    fields = {f.name: getattr(EXAMPLE_FIRM, f.name) for f in dataclasses.fields(EXAMPLE_FIRM)}
    with pytest.raises(ValueError, match=r"success_probability \(0-1\) must be .* 1, not 1.5"):
        capstone.CaseFirm(**{**fields, "success_probability": 1.5})
    with pytest.raises(TypeError, match=r"CaseFirm barriers must be a list"):
        capstone.CaseFirm(**{**fields, "barriers": "currency"})
    with pytest.raises(ValueError, match=r"Unknown barrier 'curency'"):
        capstone.CaseFirm(**{**fields, "barriers": ("curency",)})
    with pytest.raises(TypeError, match=r"CaseFirm impediments must be a list"):
        capstone.CaseFirm(**{**fields, "impediments": {"kpi": "x"}})
    for fn in (capstone.budget, capstone.timeline, capstone.risk_register, capstone.kpis,
               capstone.prospects, capstone.barrier_plan, capstone.cash_by_year):  # fmt: skip
        with pytest.raises(TypeError, match=r"plan must be a capstone\.Plan"):
            fn("plan")


def test_the_documented_case_runs_through_the_chain():
    adira = make_plan(capstone.ADIRA_2018)
    assert adira.target in capstone.ADIRA_2018.candidates
    assert set(adira.rollout_markets) <= set(capstone.ADIRA_2018.candidates)
    assert "documented" in adira.to_markdown()


def test_cash_need_helper_agrees_with_the_budget_section():
    poorer = make_plan(
        dataclasses.replace(
            EXAMPLE_FIRM,
            rollout={**EXAMPLE_FIRM.rollout, "budget_per_period": 10.0, "initial_cash": 40.0},
        )
    )
    assert capstone.cash_need_with(10.0, 40.0) == pytest.approx(_money(poorer, "cash need"))
    assert capstone.cash_need_with(10.0, 40.0) != capstone.cash_need_with(40.0, 150.0)
    with pytest.raises(ValueError, match=r"budget_per_period must be at least 0, not -1"):
        capstone.cash_need_with(-1, 40.0)
    with pytest.raises(TypeError, match=r"initial_cash must be a number, not str"):
        capstone.cash_need_with(10.0, "40")


def test_organisation_follows_the_mode_and_the_entries(plan):
    assert set(capstone.STAFFING_BY_MODE) == set(entry_modes.MODES.index)
    org = capstone.organisation(plan)
    assert len(org) == len(plan.entries)
    assert (org["who"] == capstone.STAFFING_BY_MODE[plan.entry_mode_key][0]).all()
    richer = make_plan(
        dataclasses.replace(EXAMPLE_FIRM, profile={**EXAMPLE_FIRM.profile, "resources": 3})
    )
    assert richer.entry_mode_key != plan.entry_mode_key and not richer.entries.empty
    assert capstone.organisation(richer)["who"].iloc[0] != org["who"].iloc[0]
    with pytest.raises(TypeError, match=r"plan must be a capstone\.Plan"):
        capstone.organisation(None)


def test_plan_html_is_a_whole_escaped_page_with_room_for_the_argument(plan):
    page = capstone.plan_html(plan)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    for n in range(1, 16):
        assert f"<h2>{n}. " in page
    assert page.count("<ul>") == page.count("</ul>") and page.count("<ol>") == page.count("</ol>")
    assert "<strong>Target market:" in page
    odd = make_plan(dataclasses.replace(EXAMPLE_FIRM, name="Pumps <b>& Co</b>"))
    assert "Pumps &lt;b&gt;&amp; Co&lt;/b&gt;" in capstone.plan_html(odd)
    assert "<b>&" not in capstone.plan_html(odd)
    with pytest.raises(TypeError, match=r"plan must be a capstone\.Plan"):
        capstone.plan_html("plan")
