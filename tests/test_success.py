"""Chapter 6: marginal analysis, sensitivity, readiness, literature; laws, bad input, widgets."""

from __future__ import annotations

import math
import tomllib
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from widget_support import FIG_WANTED, NAN, no_widget_built

from coursekit import success
from coursekit.success import (
    AREAS,
    EXAMPLE_FIRM,
    EXAMPLE_READINESS,
    RECOMMENDATIONS,
    SCORE_MIN,
    break_even_probability,
    marginal_analysis,
    readiness,
    sensitivity,
)

# ---- strategies ------------------------------------------------------------------------------

VALUES = st.floats(min_value=0, max_value=1e4, allow_nan=False, allow_infinity=False)
PROBS = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def sides(draw, min_size=1, max_size=5):
    """Benefits and impediments with unique KPI names across both."""
    n_b = draw(st.integers(min_size, max_size))
    n_i = draw(st.integers(min_size, max_size))
    b = [{"kpi": f"b{k}", "value": draw(VALUES), "probability": draw(PROBS)} for k in range(n_b)]
    i = [{"kpi": f"i{k}", "value": draw(VALUES), "probability": draw(PROBS)} for k in range(n_i)]
    return b, i


BEN = [
    {"kpi": "sales", "value": 100, "probability": 0.5},
    {"kpi": "growth", "value": 50, "probability": 0.9},
]
IMP = [{"kpi": "risk", "value": 40, "probability": 0.5}]


# ---- marginal analysis -----------------------------------------------------------------------


def test_marginal_analysis_by_hand():
    r = marginal_analysis(BEN, IMP)
    assert r.expected_benefit == pytest.approx(100 * 0.5 + 50 * 0.9)
    assert r.expected_impediment == pytest.approx(40 * 0.5)
    assert r.net == pytest.approx(95 - 20)
    assert r.decision == "go"
    c = r.contributions
    assert list(c["kpi"]) == ["sales", "growth", "risk"]
    assert list(c["side"]) == ["benefit", "benefit", "impediment"]
    np.testing.assert_allclose(c["effect"], [50, 45, -20])
    assert c["effect"].sum() == pytest.approx(r.net)


def test_dataframe_and_list_agree_and_extra_columns_are_ignored():
    frame_b = pd.DataFrame(BEN).assign(note="x")
    a = marginal_analysis(BEN, IMP)
    b = marginal_analysis(frame_b, pd.DataFrame(IMP))
    assert (a.net, a.expected_benefit) == (b.net, b.expected_benefit)
    pd.testing.assert_frame_equal(a.contributions, b.contributions)


def test_decision_labels():
    assert marginal_analysis(IMP, BEN).decision == "no-go"
    even = marginal_analysis(
        [{"kpi": "a", "value": 10, "probability": 0.5}],
        [{"kpi": "b", "value": 5, "probability": 1.0}],
    )
    assert even.decision == "indifferent"


def test_example_firm_net_and_sensitivity():
    b, i = success.example_firm()
    r = marginal_analysis(b, i)
    by_hand = sum(d["value"] * d["probability"] for d in EXAMPLE_FIRM["benefits"]) - sum(
        d["value"] * d["probability"] for d in EXAMPLE_FIRM["impediments"]
    )
    assert r.net == pytest.approx(by_hand)
    sens = sensitivity(b, i)
    # The KPI with the largest value (buyer default) is not the most sensitive: its probability
    # is near 0, so the -0.1 move is clipped.
    largest_value = max(
        EXAMPLE_FIRM["impediments"] + EXAMPLE_FIRM["benefits"], key=lambda d: d["value"]
    )["kpi"]
    assert success.most_sensitive_kpi(b, i) != largest_value
    row = sens.set_index("kpi").loc[largest_value]
    assert row["p_low"] == 0.0
    assert row["swing"] == pytest.approx(row["value"] * (row["p_high"] - 0.0))


def test_example_firm_is_not_mutated():
    b, _ = success.example_firm()
    b.loc[0, "value"] = -1
    assert success.example_firm()[0].loc[0, "value"] == EXAMPLE_FIRM["benefits"][0]["value"]


def test_sensitivity_table_by_hand():
    sens = sensitivity(BEN, IMP, delta=0.2)
    assert sens.attrs["net"] == pytest.approx(75)
    row = sens.set_index("kpi").loc["growth"]  # p = 0.9: up-move clipped at 1
    assert (row["p_low"], row["p_high"]) == pytest.approx((0.7, 1.0))
    assert row["net_at_p_low"] == pytest.approx(75 - 50 * 0.2)
    assert row["net_at_p_high"] == pytest.approx(75 + 50 * 0.1)
    risk = sens.set_index("kpi").loc["risk"]  # an impediment: a higher probability lowers the net
    assert risk["net_at_p_high"] < risk["net_at_p_low"]
    # swings: sales 100 x 0.4 = 40, risk 40 x 0.4 = 16, growth 50 x 0.3 = 15
    assert list(sens["kpi"]) == ["sales", "risk", "growth"]


def test_break_even_by_hand():
    # net = 95 - 40 p_risk = 0 at p = 2.375: no probability of risk alone flips the decision.
    assert break_even_probability(BEN, IMP, "risk") == pytest.approx(95 / 40)
    # net = 100 p_sales + 45 - 20 = 0 at p_sales = -0.25.
    assert break_even_probability(BEN, IMP, "sales") == pytest.approx(-0.25)


# ---- laws (hypothesis) -----------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(sides(), st.data())
def test_net_is_linear_in_each_probability(bi, data):
    b, i = bi
    side = data.draw(st.sampled_from(["b", "i"]))
    items = b if side == "b" else i
    k = data.draw(st.integers(0, len(items) - 1))

    def net_at(p):
        moved = [dict(d) for d in items]
        moved[k]["probability"] = p
        return marginal_analysis(moved, i).net if side == "b" else marginal_analysis(b, moved).net

    n0, n_half, n1 = net_at(0.0), net_at(0.5), net_at(1.0)
    scale = 1 + sum(d["value"] for d in b + i)
    assert n_half == pytest.approx((n0 + n1) / 2, abs=1e-9 * scale)
    slope = n1 - n0
    expected = items[k]["value"] * (1 if side == "b" else -1)
    assert slope == pytest.approx(expected, abs=1e-9 * scale)


@settings(max_examples=120, deadline=None)
@given(sides(), st.data(), PROBS)
def test_raising_a_benefit_probability_never_lowers_the_net(bi, data, p):
    b, i = bi
    k = data.draw(st.integers(0, len(b) - 1))
    higher = [dict(d) for d in b]
    higher[k]["probability"] = max(p, b[k]["probability"])
    assert marginal_analysis(higher, i).net >= marginal_analysis(b, i).net - 1e-9
    worse = [dict(d) for d in i]
    j = data.draw(st.integers(0, len(i) - 1))
    worse[j]["probability"] = max(p, i[j]["probability"])
    assert marginal_analysis(b, worse).net <= marginal_analysis(b, i).net + 1e-9


@settings(max_examples=120, deadline=None)
@given(sides())
def test_swapping_benefits_and_impediments_negates_the_net(bi):
    b, i = bi
    a, s = marginal_analysis(b, i), marginal_analysis(i, b)
    assert s.net == pytest.approx(-a.net, abs=1e-9)
    assert s.expected_benefit == pytest.approx(a.expected_impediment)


@settings(max_examples=80, deadline=None)
@given(sides(), st.floats(min_value=0.01, max_value=100))
def test_scaling_every_value_scales_the_net(bi, k):
    b, i = bi
    scale = lambda items: [{**d, "value": d["value"] * k} for d in items]  # noqa: E731
    base = marginal_analysis(b, i).net
    assert marginal_analysis(scale(b), scale(i)).net == pytest.approx(k * base, rel=1e-9, abs=1e-6)


@settings(max_examples=120, deadline=None)
@given(sides(), st.floats(min_value=0.01, max_value=1))
def test_sensitivity_rows_are_recomputations_of_the_net(bi, delta):
    b, i = bi
    sens = sensitivity(b, i, delta)
    base = marginal_analysis(b, i).net
    assert sens.attrs["net"] == pytest.approx(base)
    assert sorted(sens["kpi"]) == sorted(d["kpi"] for d in b + i)
    assert (sens["swing"].diff().dropna() <= 1e-9).all(), "largest swing first"
    for row in sens.itertuples():
        assert 0 <= row.p_low <= row.probability <= row.p_high <= 1
        items = b if row.side == "benefit" else i
        for p, net in ((row.p_low, row.net_at_p_low), (row.p_high, row.net_at_p_high)):
            moved = [{**d, "probability": p} if d["kpi"] == row.kpi else d for d in items]
            again = (
                marginal_analysis(moved, i)
                if row.side == "benefit"
                else marginal_analysis(b, moved)
            )
            assert net == pytest.approx(again.net, abs=1e-6)
        assert row.swing == pytest.approx(row.value * (row.p_high - row.p_low), abs=1e-6)
    assert success.most_sensitive_kpi(b, i, delta) == sens["kpi"].iloc[0]


@settings(max_examples=120, deadline=None)
@given(sides(), st.data())
def test_break_even_probability_zeroes_the_net(bi, data):
    b, i = bi
    everyone = b + i
    d = data.draw(st.sampled_from(everyone))
    assume(d["value"] > 1e-3)
    p = break_even_probability(b, i, d["kpi"])
    side_items = b if d in b else i
    moved = [{**x, "probability": p} if x["kpi"] == d["kpi"] else x for x in side_items]
    # Bypass the 0-1 check: compute the net of the moved table by hand.
    sign = {id(x): 1 for x in b} | {id(x): -1 for x in i}
    others = sum(sign[id(x)] * x["value"] * x["probability"] for x in everyone if x is not d)
    own = (1 if d in b else -1) * d["value"] * p
    assert others + own == pytest.approx(0, abs=1e-6 * (1 + sum(x["value"] for x in everyone)))
    assert len(moved) == len(side_items)


# ---- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("p", [1.5, -0.1, 2])
def test_probability_outside_0_1(p):
    with pytest.raises(ValueError, match=r"'sales': probability must be between 0 and 1"):
        marginal_analysis([{"kpi": "sales", "value": 10, "probability": p}], IMP)


def test_percent_instead_of_probability_gets_a_tip():
    with pytest.raises(ValueError, match="write 60% as 0.6"):
        marginal_analysis([{"kpi": "sales", "value": 10, "probability": 60}], IMP)


def test_nan_values_and_probabilities():
    with pytest.raises(ValueError, match=r"'sales': value is missing"):
        marginal_analysis([{"kpi": "sales", "value": float("nan"), "probability": 0.5}], IMP)
    frame = pd.DataFrame([{"kpi": "sales", "value": 10.0, "probability": np.nan}])
    with pytest.raises(ValueError, match=r"'sales': probability is missing"):
        marginal_analysis(frame, IMP)
    with pytest.raises(ValueError, match=r"'sales': value is missing"):
        marginal_analysis([{"kpi": "sales", "value": None, "probability": 0.5}], IMP)


def test_infinite_and_negative_values():
    with pytest.raises(ValueError, match="value must be a finite number.*, not inf"):
        marginal_analysis([{"kpi": "sales", "value": float("inf"), "probability": 0.5}], IMP)
    with pytest.raises(ValueError, match=r"value is -5.*impediments"):
        marginal_analysis([{"kpi": "sales", "value": -5, "probability": 0.5}], IMP)


@pytest.mark.parametrize("empty", [[], (), pd.DataFrame(columns=["kpi", "value", "probability"])])
def test_empty_lists(empty):
    with pytest.raises(ValueError, match="list of benefits is empty"):
        marginal_analysis(empty, IMP)
    with pytest.raises(ValueError, match="list of impediments is empty"):
        marginal_analysis(BEN, empty)


def test_duplicate_kpis_within_and_across_sides():
    with pytest.raises(ValueError, match=r"duplicate KPI name\(s\): 'sales'"):
        marginal_analysis([*BEN, {"kpi": "sales", "value": 1, "probability": 0.1}], IMP)
    with pytest.raises(ValueError, match=r"duplicate KPI name\(s\): 'risk'"):
        marginal_analysis([*BEN, {"kpi": "risk", "value": 1, "probability": 0.1}], IMP)


def test_missing_keys_and_columns():
    with pytest.raises(ValueError, match=r"benefit number 1 lacks the key\(s\) probability"):
        marginal_analysis([{"kpi": "sales", "value": 1, "prob": 0.1}], IMP)
    with pytest.raises(ValueError, match=r"impediments table lacks the column\(s\) value"):
        marginal_analysis(BEN, pd.DataFrame({"kpi": ["x"], "probability": [0.1]}))


@pytest.mark.parametrize("bad", ["sales", 42, {"kpi": "sales"}, None])
def test_wrong_container_types(bad):
    with pytest.raises(TypeError, match="benefits must be a DataFrame with columns kpi, value"):
        marginal_analysis(bad, IMP)


def test_wrong_item_and_field_types():
    with pytest.raises(TypeError, match="impediment number 1 must be a dict"):
        marginal_analysis(BEN, [("risk", 40, 0.5)])
    with pytest.raises(TypeError, match="kpi must be a non-empty name"):
        marginal_analysis([{"kpi": 3, "value": 1, "probability": 0.1}], IMP)
    with pytest.raises(TypeError, match=r"'sales': value must be a number.*, not str '100'"):
        marginal_analysis([{"kpi": "sales", "value": "100", "probability": 0.1}], IMP)
    with pytest.raises(TypeError, match=r"'sales': probability must be a number.*, not bool"):
        marginal_analysis([{"kpi": "sales", "value": 100, "probability": True}], IMP)


@pytest.mark.parametrize("delta", [0, -0.1, 1.5, float("nan")])
def test_bad_delta(delta):
    with pytest.raises(ValueError, match=r"delta must be .*between 0 \(exclusive\) and 1"):
        sensitivity(BEN, IMP, delta)
    with pytest.raises(TypeError, match="delta must be a number"):
        sensitivity(BEN, IMP, "0.1")


def test_break_even_bad_kpi():
    with pytest.raises(ValueError, match=r"Unknown KPI 'sale'. Did you mean 'sales'\?"):
        break_even_probability(BEN, IMP, "sale")
    with pytest.raises(TypeError, match="kpi must be a KPI name"):
        break_even_probability(BEN, IMP, 3)
    zero = [{"kpi": "fx", "value": 0, "probability": 0.3}]
    with pytest.raises(ValueError, match="'fx' has value 0"):
        break_even_probability(BEN, zero, "fx")


# ---- readiness -------------------------------------------------------------------------------

SCORES = st.fixed_dictionaries({k: st.integers(1, 5) for k in AREAS})


def test_readiness_profile_mean_and_weakest():
    r = readiness(EXAMPLE_READINESS)
    assert list(r.profile["area"]) == list(AREAS)
    assert r.mean == pytest.approx(sum(EXAMPLE_READINESS.values()) / len(AREAS))
    comp = [EXAMPLE_READINESS[k] for k in AREAS if AREAS[k][0] == "competencies"]
    assert r.group_means["competencies"] == pytest.approx(sum(comp) / len(comp))
    assert list(r.weakest["area"]) == ["clusters_networks", "policy_support", "capacity_building"]
    assert r.weakest["recommendation"].str.len().gt(40).all()
    assert set(r.weakest["chapter"]) <= {f"ch{n:02d}" for n in range(1, 15)}


def test_ties_keep_the_order_of_areas():
    flat = dict.fromkeys(AREAS, 3)
    assert success.weakest_areas(flat, 3) == list(AREAS)[:3]
    flat["timing"] = 2
    assert success.weakest_areas(flat, 2) == ["timing", "capacity_building"]


def test_every_area_has_a_recommendation():
    assert set(RECOMMENDATIONS) == set(AREAS)
    assert {g for g, _ in AREAS.values()} == set(success.AREA_GROUPS)


@settings(max_examples=100, deadline=None)
@given(SCORES, st.integers(1, 8))
def test_weakest_areas_score_no_higher_than_the_rest(scores, n):
    weak = success.weakest_areas(scores, n)
    assert len(weak) == n and len(set(weak)) == n
    rest = [k for k in AREAS if k not in weak]
    if rest:
        assert max(scores[k] for k in weak) <= min(scores[k] for k in rest)
    r = readiness(scores)
    assert min(scores.values()) <= r.mean <= max(scores.values())


@settings(max_examples=60, deadline=None)
@given(SCORES)
def test_raising_the_weakest_area_to_5_removes_it_unless_all_are_5(scores):
    first = success.weakest_areas(scores, 1)[0]
    better = {**scores, first: 5}
    if any(v < 5 for v in better.values()):
        assert success.weakest_areas(better, 1)[0] != first or all(
            better[k] == 5 for k in AREAS if list(AREAS).index(k) < list(AREAS).index(first)
        )


def test_readiness_missing_and_unknown_areas():
    partial = dict(EXAMPLE_READINESS)
    del partial["timing"]
    with pytest.raises(ValueError, match=r"Missing area\(s\): timing"):
        readiness(partial)
    with pytest.raises(
        ValueError, match=r"Unknown area\(s\): 'inovation' \(did you mean 'innovation'"
    ):
        readiness({**EXAMPLE_READINESS, "inovation": 3})


@pytest.mark.parametrize("value", [0, 6, -1, float("nan"), 5.5])
def test_readiness_out_of_range(value):
    with pytest.raises(ValueError, match="the score of mode must be .*between 1 and 5"):
        readiness({**EXAMPLE_READINESS, "mode": value})


def test_readiness_wrong_types():
    with pytest.raises(TypeError, match="the score of mode must be a number"):
        readiness({**EXAMPLE_READINESS, "mode": "3"})
    with pytest.raises(TypeError, match="scores must be a dict such as .*, not list"):
        readiness([3] * 8)
    with pytest.raises(ValueError, match="n must be a whole number between 1 and 8.*, not 0"):
        success.weakest_areas(EXAMPLE_READINESS, 0)
    with pytest.raises(TypeError, match="n must be a whole number"):
        success.weakest_areas(EXAMPLE_READINESS, 2.0)


def test_readiness_accepts_a_series():
    assert readiness(pd.Series(EXAMPLE_READINESS)).mean == readiness(EXAMPLE_READINESS).mean


# ---- literature ------------------------------------------------------------------------------

LIT = pd.DataFrame(
    {
        "authors": ["A", "B", "C", "D", "E", "F"],
        "year": [2002, 2006, 2006, 2010, 2012, 2013],
        "group": ["Networks", "Policy", "Networks", "Policy", "Innovation", "Networks"],
    }
)


def test_literature_filter_and_counts():
    assert success.literature_groups(LIT) == ["Networks", "Policy", "Innovation"]
    rows = success.filter_literature(LIT, ["Networks"], (2005, 2013))
    assert list(rows["authors"]) == ["C", "F"]
    by_group = success.literature_summary(LIT, by="group")
    assert dict(zip(by_group["group"], by_group["n_studies"], strict=True)) == {
        "Networks": 3,
        "Policy": 2,
        "Innovation": 1,
    }
    both = success.literature_summary(LIT, years=(2006, 2012))
    assert both["n_studies"].sum() == len(success.filter_literature(LIT, years=(2006, 2012)))
    assert list(both.columns) == ["group", "year", "n_studies"]
    by_year = success.literature_summary(LIT, "Policy", by="year")
    assert list(by_year["year"]) == [2006, 2010]


@settings(max_examples=60, deadline=None)
@given(
    st.sets(st.sampled_from(["Networks", "Policy", "Innovation"])),
    st.integers(2000, 2014),
    st.integers(0, 14),
)
def test_counts_add_up_to_the_filtered_rows(groups, first, span):
    years = (first, first + span)
    rows = success.filter_literature(LIT, sorted(groups), years)
    for by in ("group", "year", ("group", "year")):
        counts = success.literature_summary(LIT, sorted(groups), years, by=by)
        assert counts["n_studies"].sum() == len(rows)
    assert rows["group"].isin(groups).all()
    assert rows["year"].between(*years).all()


def test_literature_bad_input():
    with pytest.raises(ValueError, match=r"Unknown factor group\(s\): 'Network' \(did you mean"):
        success.filter_literature(LIT, ["Network"])
    with pytest.raises(ValueError, match=r"first year \(2013\) comes after the last \(2002\)"):
        success.filter_literature(LIT, years=(2013, 2002))
    with pytest.raises(TypeError, match="years must be a \\(first, last\\) pair"):
        success.filter_literature(LIT, years="2010")
    with pytest.raises(TypeError, match="years must be whole numbers"):
        success.filter_literature(LIT, years=(2010.5, 2012))
    with pytest.raises(ValueError, match=r"lacks the column\(s\) group"):
        success.filter_literature(LIT.drop(columns="group"))
    with pytest.raises(TypeError, match="literature must be a DataFrame"):
        success.filter_literature([1, 2])
    with pytest.raises(ValueError, match="by must be 'group', 'year' or both"):
        success.literature_summary(LIT, by="author")


def test_the_course_literature_table_loads_and_counts():
    table = success.filter_literature()
    groups = success.literature_groups()
    assert len(table) >= 40, "the review discusses dozens of studies"
    assert groups == [g for g in success.GROUP_LABELS if g in groups], "the review's order"
    assert set(groups) == set(success.GROUP_LABELS)
    counts = success.literature_summary(by="group")
    assert counts["n_studies"].sum() == len(table)
    assert list(counts["group"]) == groups
    policy_rows = success.filter_literature(groups=["policy"], years=(2006, 2009))
    assert {"ahmed2006", "shamsuddoha2009"} <= set(policy_rows["id"])


def test_factor_group_column_is_read_as_group():
    renamed = LIT.rename(columns={"group": "factor_group"})
    pd.testing.assert_frame_equal(
        success.literature_summary(renamed), success.literature_summary(LIT)
    )
    assert success.group_label("capacity_building") == "Capacity building"
    assert success.group_label("Networks") == "Networks"


# ---- questions -------------------------------------------------------------------------------


def test_question_cases_use_the_example_firm():
    spec = tomllib.loads(
        (resources.files("coursekit") / "questions" / "ch06_success_factors.toml").read_text(
            encoding="utf-8"
        )
    )
    for name in ("expected_benefit", "net_benefit", "most_sensitive", "break_even_default"):
        kwargs = spec[name]["expected"]["kwargs"]
        assert kwargs["benefits"] == list(EXAMPLE_FIRM["benefits"]), name
        assert kwargs["impediments"] == list(EXAMPLE_FIRM["impediments"]), name
    assert spec["weakest_two"]["expected"]["kwargs"]["scores"] == EXAMPLE_READINESS
    assert set(spec["most_sensitive"]["options"]) == {
        d["kpi"] for d in EXAMPLE_FIRM["benefits"] + EXAMPLE_FIRM["impediments"]
    }


# ---- widgets ---------------------------------------------------------------------------------


def test_calculator_builds_with_a_slider_per_kpi_and_draws():
    from coursekit.widgets.success import marginal_calculator

    box = marginal_calculator()
    assert set(box.controls["benefits"]) == {d["kpi"] for d in EXAMPLE_FIRM["benefits"]}
    assert set(box.controls["impediments"]) == {d["kpi"] for d in EXAMPLE_FIRM["impediments"]}
    assert box.figure.axes and len(box.figure.axes[0].patches) == 8, "one bar per KPI"
    assert "net" in box.outputs["summary"].value
    shown = box.outputs["chart"].outputs[0]["data"]["text/html"]
    assert shown.startswith("<img") and 'alt="Tornado chart' in shown
    assert "export sales margin" in shown, "the alt text names the KPIs"


def test_calculator_update_follows_the_sliders():
    from coursekit.widgets.success import marginal_calculator

    box = marginal_calculator(BEN, IMP)
    before = box.outputs["summary"].value
    box.controls["impediments"]["risk"].value = 1.0
    box.controls["benefits"]["sales"].value = 0.0
    result, sens = box.update()  # call the handler directly: ipywidgets swallows errors
    assert result.net == pytest.approx(0 * 100 + 0.9 * 50 - 40)
    assert result.decision == "go"
    assert box.outputs["summary"].value != before
    assert f"{result.net:,.1f}" in box.outputs["summary"].value
    labels = [t.get_text() for t in box.figure.axes[0].get_yticklabels()]
    assert labels[-1].startswith(sens["kpi"].iloc[0]), "the largest swing is drawn at the top"
    box.controls["delta"].value = 0.5
    _, wider = box.update()
    assert wider["swing"].max() >= sens["swing"].max()


def test_calculator_rejects_bad_input():
    from coursekit.widgets.success import marginal_calculator

    with pytest.raises(ValueError, match="probability must be between 0 and 1"):
        marginal_calculator([{"kpi": "x", "value": 1, "probability": 3}], IMP)
    with pytest.raises(ValueError, match="give both benefits and impediments"):
        marginal_calculator(BEN)


def test_radar_builds_and_updates():
    from coursekit.widgets.success import readiness_radar

    box = readiness_radar(EXAMPLE_READINESS)
    assert set(box.controls) == set(AREAS)
    assert "Clusters and networks" in box.outputs["advice"].value
    for key in AREAS:
        box.controls[key].value = 5
    box.controls["timing"].value = 1
    result = box.update()
    assert result.weakest["area"].iloc[0] == "timing"
    assert box.outputs["advice"].value.index("Timing") < box.outputs["advice"].value.index(
        "Capacity building"
    )
    assert "Weakest: Timing" in box.outputs["chart"].outputs[0]["data"]["text/html"]
    dots = box.figure.axes[0].collections[-1].get_offsets()
    assert len(dots) == len(AREAS)
    assert dots[-1][0] == 1, "the weakest area sits at the bottom end of the sorted profile"


def test_radar_rejects_bad_scores():
    from coursekit.widgets.success import readiness_radar

    with pytest.raises(ValueError, match="the score of timing must be between 1 and 5"):
        readiness_radar({**EXAMPLE_READINESS, "timing": 9})


def test_literature_explorer_filters():
    from coursekit.widgets.success import literature_explorer

    box = literature_explorer(LIT)
    assert "<strong>6</strong> of 6" in box.outputs["count"].value
    box.controls["groups"].value = ("Policy",)
    rows = box.update()
    assert list(rows["authors"]) == ["B", "D"]
    assert "<strong>2</strong> of 6" in box.outputs["count"].value
    box.controls["years"].value = (2008, 2013)
    rows = box.update()
    assert list(rows["authors"]) == ["D"]
    assert ">D<" in box.outputs["studies"].value
    assert "Policy 1" in box.outputs["chart"].outputs[0]["data"]["text/html"]
    box.controls["groups"].value = ()
    assert len(box.update()) == 0


def test_literature_explorer_on_the_course_table():
    from coursekit.widgets.success import literature_explorer

    box = literature_explorer()
    assert len(box.controls["groups"].options) == len(success.literature_groups())
    assert not math.isnan(len(box.update()))


# ---- the widget's bad input: its builder and drawing functions -----------------------------------


@pytest.fixture(scope="module")
def example_sensitivity() -> pd.DataFrame:
    firm = success.EXAMPLE_FIRM
    return success.sensitivity(firm["benefits"], firm["impediments"], 0.1)


def test_draw_tornado_wants_the_table_of_sensitivity(example_sensitivity):
    from matplotlib.figure import Figure

    from coursekit.widgets.success import draw_tornado

    fig, sens = Figure(), example_sensitivity
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_tornado(None, sens)
    with pytest.raises(TypeError, match=r"sens must be the DataFrame returned by success\.sens"):
        draw_tornado(fig, {"kpi": ["sales"]})
    with pytest.raises(ValueError, match=r"sens lacks the column\(s\) 'net_at_p_low'"):
        draw_tornado(fig, sens.drop(columns="net_at_p_low"))
    with pytest.raises(ValueError, match="sens is empty: pass the DataFrame returned by"):
        draw_tornado(fig, sens.iloc[0:0])
    with pytest.raises(TypeError, match="unit must be text .a str such as 'thousand US\\$'."):
        draw_tornado(fig, sens, unit=1000)


def test_draw_radar_wants_a_readiness_result():
    from matplotlib.figure import Figure

    from coursekit.widgets.success import draw_radar

    fig = Figure()
    ready = success.readiness(dict.fromkeys(success.AREAS, 3))
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_radar(None, ready)
    with pytest.raises(TypeError, match=r"result must be the ReadinessResult of success\.readi"):
        draw_radar(fig, dict.fromkeys(success.AREAS, 3))


def test_draw_literature_counts_wants_the_summaries():
    from matplotlib.figure import Figure

    from coursekit.widgets.success import draw_literature_counts

    fig = Figure()
    table = success.filter_literature(None)
    by_group = success.literature_summary(table, by="group")
    by_year = success.literature_summary(table)
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_literature_counts(None, by_group, by_year)
    with pytest.raises(TypeError, match=r"by_group must be the DataFrame returned by success\."):
        draw_literature_counts(fig, {"group": []}, by_year)
    with pytest.raises(ValueError, match=r"by_year lacks the column\(s\) 'year'"):
        draw_literature_counts(fig, by_group, by_group)
    with pytest.raises(TypeError, match=r"groups must be a list of factor-group keys"):
        draw_literature_counts(fig, by_group, by_year, groups=3)
    with pytest.raises(TypeError, match=r"groups must hold factor-group keys \(text\)"):
        draw_literature_counts(fig, by_group, by_year, groups=[None])


def test_draw_literature_counts_accepts_empty_summaries():
    from matplotlib.figure import Figure

    from coursekit.widgets.success import draw_literature_counts

    fig = Figure()
    table = success.filter_literature(None)
    by_group = success.literature_summary(table, by="group").iloc[0:0]
    by_year = success.literature_summary(table).iloc[0:0]
    draw_literature_counts(fig, by_group, by_year, groups=[])
    assert len(fig.axes) == 2


def test_the_alt_text_and_html_helpers_stay_importable():
    from coursekit.widgets.success import radar_alt, weakest_html

    ready = success.readiness(dict.fromkeys(success.AREAS, 3))
    assert radar_alt(ready).startswith("Radar chart")
    assert "Mean score" in weakest_html(ready)


def test_marginal_calculator_bad_items_delta_and_unit():
    from coursekit.widgets.success import marginal_calculator

    one = [{"kpi": "sales", "value": 100, "probability": 0.5}]
    two = [{"kpi": "costs", "value": 50, "probability": 0.5}]
    with no_widget_built(), pytest.raises(ValueError, match="give both benefits and impediments"):
        marginal_calculator(benefits=one)
    with no_widget_built(), pytest.raises(TypeError, match="benefits must be a DataFrame"):
        marginal_calculator({"sales": 100}, two)
    with no_widget_built(), pytest.raises(ValueError, match="probability is missing"):
        marginal_calculator([{**one[0], "probability": NAN}], two)
    with no_widget_built(), pytest.raises(ValueError, match="delta must be a finite number"):
        marginal_calculator(delta=NAN)
    with no_widget_built(), pytest.raises(ValueError, match=r"delta must be between 0\.05 and 0"):
        marginal_calculator(delta=0.9)
    with no_widget_built(), pytest.raises(TypeError, match="delta must be a number, not str"):
        marginal_calculator(delta="0.1")
    with no_widget_built(), pytest.raises(TypeError, match="unit must be text"):
        marginal_calculator(unit=1000)


def test_readiness_radar_bad_scores():
    from coursekit.widgets.success import readiness_radar

    with no_widget_built(), pytest.raises(TypeError, match="scores must be a dict"):
        readiness_radar([3] * 8)
    with no_widget_built(), pytest.raises(ValueError, match="Unknown area.*'inovation'"):
        readiness_radar({"inovation": 3})
    nan_score = "building must be .*between 1 and 5.*, not nan"
    with no_widget_built(), pytest.raises(ValueError, match=nan_score):
        readiness_radar(dict.fromkeys(success.AREAS, NAN))
    with no_widget_built(), pytest.raises(ValueError, match="must be .*between 1 and 5, not 9"):
        readiness_radar(dict.fromkeys(success.AREAS, 9))
    with no_widget_built(), pytest.raises(ValueError, match="whole number from 1 to 5 for the"):
        readiness_radar(dict.fromkeys(success.AREAS, 2.5))
    with no_widget_built(), pytest.raises(ValueError, match="n_weakest must be .*8, not 99"):
        readiness_radar(n_weakest=99)
    with no_widget_built(), pytest.raises(ValueError, match="n_weakest must be .*1.*, not 0"):
        readiness_radar(n_weakest=0)


def test_literature_explorer_bad_table():
    from coursekit.widgets.success import literature_explorer

    with no_widget_built(), pytest.raises(TypeError, match="literature must be a DataFrame"):
        literature_explorer({"group": ["theory"]})
    with no_widget_built(), pytest.raises(ValueError, match="lacks the column"):
        literature_explorer(pd.DataFrame({"title": ["x"]}))


# ---- bad input of the helpers and result records (issue 9) -----------------------------------


@pytest.mark.parametrize(
    ("benefits", "impediments", "error", "message"),
    [
        ("sales", IMP, TypeError, "benefits must be a DataFrame with columns kpi, value"),
        (BEN, None, TypeError, "impediments must be a DataFrame with columns kpi, value"),
        ([], IMP, ValueError, "the list of benefits is empty"),
        (BEN, [{"kpi": "risk", "value": 40}], ValueError, r"lacks the key\(s\) probability"),
        (
            [{"kpi": "sales", "value": 100, "probability": 60}],
            IMP,
            ValueError,
            r"'sales': probability must be between 0 and 1 .*write 60% as 0.6.*, not 60",
        ),
        (
            [{"kpi": "sales", "value": float("nan"), "probability": 0.5}],
            IMP,
            ValueError,
            "benefit 'sales': value is missing",
        ),
        (BEN, [{"kpi": "sales", "value": 1, "probability": 0.5}], ValueError, "duplicate KPI"),
    ],
)
def test_shortcut_helpers_name_the_bad_input(benefits, impediments, error, message):
    with pytest.raises(error, match=message):
        success.expected_net(benefits, impediments)
    with pytest.raises(error, match=message):
        success.expected_benefit(benefits, impediments)
    with pytest.raises(error, match=message):
        success.most_sensitive_kpi(benefits, impediments)


@pytest.mark.parametrize(
    ("delta", "error", "message"),
    [
        (0, ValueError, r"delta must be .*between 0 \(exclusive\) and 1"),
        (1.5, ValueError, r"delta must be .*between 0 \(exclusive\) and 1"),
        (float("nan"), ValueError, r"delta must be .*between 0 \(exclusive\) and 1"),
        ("0.1", TypeError, "delta must be a number such as 0.1, not str"),
    ],
)
def test_most_sensitive_kpi_bad_delta(delta, error, message):
    with pytest.raises(error, match=message):
        success.most_sensitive_kpi(BEN, IMP, delta)


@pytest.mark.parametrize("group", [3, ["policy"], b"policy"])
def test_group_label_wants_text(group):
    with pytest.raises(TypeError, match="group must be a factor group key \\(text\\)"):
        success.group_label(group)


def test_group_label_passes_unknown_and_missing_keys_through():
    assert success.group_label("policy") == "Policy"
    assert success.group_label("exports") == "exports"
    assert success.group_label(None) is None
    assert math.isnan(success.group_label(float("nan")))


def test_literature_groups_bad_input():
    with pytest.raises(TypeError, match=r"literature must be a DataFrame \(or None"):
        success.literature_groups(LIT.to_dict("records"))
    with pytest.raises(ValueError, match=r"literature table lacks the column\(s\) group"):
        success.literature_groups(LIT.drop(columns="group"))
    with pytest.raises(ValueError, match=r"lacks the column\(s\) year; it needs at least"):
        success.literature_groups(LIT.drop(columns="year"))


def _marginal_fields():
    r = marginal_analysis(BEN, IMP)
    return {
        "expected_benefit": r.expected_benefit,
        "expected_impediment": r.expected_impediment,
        "net": r.net,
        "contributions": r.contributions,
    }


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"net": "95"}, TypeError, "net must be a number, not str"),
        ({"expected_benefit": float("nan")}, ValueError, "expected_benefit must be a finite"),
        ({"contributions": [1, 2]}, TypeError, r"contributions must be a DataFrame \(build"),
        (
            {"contributions": pd.DataFrame({"kpi": ["a"]})},
            ValueError,
            r"contributions lacks the column\(s\) side, value",
        ),
    ],
)
def test_marginal_result_checks_its_fields(change, error, message):
    with pytest.raises(error, match=message):
        success.MarginalResult(**{**_marginal_fields(), **change})


def test_marginal_result_rebuilds_from_its_own_fields():
    assert success.MarginalResult(**_marginal_fields()).net == marginal_analysis(BEN, IMP).net


def _readiness_fields():
    r = readiness(EXAMPLE_READINESS)
    return {
        "profile": r.profile,
        "mean": r.mean,
        "group_means": r.group_means,
        "weakest": r.weakest,
    }


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"mean": 7}, ValueError, "mean must be .*5, not 7"),
        ({"mean": None}, TypeError, "mean must be a number, not NoneType"),
        ({"group_means": [3, 4]}, TypeError, "group_means must be a dict"),
        ({"profile": "profile"}, TypeError, r"profile must be a DataFrame \(build .*readiness"),
        (
            {"weakest": pd.DataFrame({"area": ["mode"]})},
            ValueError,
            r"weakest lacks the column\(s\) label, group, score, recommendation, chapter",
        ),
    ],
)
def test_readiness_result_checks_its_fields(change, error, message):
    with pytest.raises(error, match=message):
        success.ReadinessResult(**{**_readiness_fields(), **change})


@settings(max_examples=100, deadline=None)
@given(SCORES)
def test_readiness_mean_is_the_mean_of_the_two_group_means(scores):
    # four competencies and four strategies: the overall mean is the mean of the group means
    r = readiness(scores)
    assert r.mean == pytest.approx(sum(r.group_means.values()) / 2)
    assert SCORE_MIN <= min(r.group_means.values()) <= r.mean <= max(r.group_means.values())


# ---- risk: the distribution behind the expected value ----------------------------------------


def test_outcome_distribution_by_hand():
    r = success.outcome_distribution(
        [{"kpi": "sales", "value": 100, "probability": 0.5}],
        [{"kpi": "risk", "value": 40, "probability": 0.5}],
    )
    # four equally likely outcomes: 0, 100, -40, 60
    assert r.mean == pytest.approx(30)
    assert r.p_loss == pytest.approx(0.25)
    assert r.worst == -40 and r.best == 100
    assert r.sd == pytest.approx(np.sqrt(np.mean((np.array([0, 100, -40, 60]) - 30) ** 2)))
    assert r.outcomes["probability"].sum() == pytest.approx(1)


def test_example_firm_risk_under_independence():
    b, i = success.example_firm()
    r = success.outcome_distribution(b, i)
    assert r.mean == pytest.approx(success.expected_net(b, i))
    assert r.worst == pytest.approx(-sum(x["value"] for x in EXAMPLE_FIRM["impediments"]))
    assert 0.2 < r.p_loss < 0.3  # a positive expected net, and a loss one time in four


@settings(max_examples=40, deadline=None)
@given(sides())
def test_the_distribution_averages_to_the_expected_net(bi):
    b, i = bi
    assume(len(b) + len(i) <= 10)
    r = success.outcome_distribution(b, i)
    assert r.mean == pytest.approx(success.expected_net(b, i), rel=1e-9, abs=1e-6)
    assert r.outcomes["probability"].sum() == pytest.approx(1)
    assert r.worst <= r.p10 <= r.best and r.sd >= 0


def test_entry_tree_by_hand_and_the_flip():
    b, i = success.example_firm()
    always = ["certification costs", "management time"]
    t = success.entry_tree(b, i, "export sales margin", always)
    rows = {x["kpi"]: x for x in (*EXAMPLE_FIRM["benefits"], *EXAMPLE_FIRM["impediments"])}
    ev = lambda k: rows[k]["value"] * rows[k]["probability"]  # noqa: E731
    sign = {k: (1 if k in {x["kpi"] for x in EXAMPLE_FIRM["benefits"]} else -1) for k in rows}
    entry = rows["export sales margin"]
    conditional = sum(sign[k] * ev(k) for k in rows if k not in always and k != entry["kpi"])
    expected = entry["probability"] * (entry["value"] + conditional) - sum(ev(k) for k in always)
    assert t.mean == pytest.approx(expected)
    assert t.outcomes["probability"].sum() == pytest.approx(1)
    # the reading flips: the tree's expected net is lower and a loss far more likely
    flat = success.outcome_distribution(b, i)
    assert t.mean < flat.mean and t.p_loss > flat.p_loss
    # without export sales nothing that needs them can happen
    failed = t.outcomes[~t.outcomes["happened"].str.contains("export sales margin")]
    assert not failed["happened"].str.contains("premium prices|buyer default").any()
    # if entry succeeded for sure, the tree is the independent model of the rest
    sure = b.assign(probability=np.where(b["kpi"] == "export sales margin", 1.0, b["probability"]))
    assert success.entry_tree(sure, i, "export sales margin", always).mean == pytest.approx(
        success.expected_net(sure, i)
    )


def test_risk_bad_input():
    b, i = success.example_firm()
    with pytest.raises(ValueError, match="entry must name one of the outcomes"):
        success.entry_tree(b, i, "export sales")
    with pytest.raises(ValueError, match="always must name outcomes other than"):
        success.entry_tree(b, i, "export sales margin", ["export sales margin"])
    with pytest.raises(ValueError, match="always must name outcomes other than"):
        success.entry_tree(b, i, "export sales margin", ["certification"])
    with pytest.raises(TypeError, match="always must be a list"):
        success.entry_tree(b, i, "export sales margin", "certification costs")
    with pytest.raises(ValueError, match="impediments is empty"):
        success.loss_probability(b, [])
    good = success.outcome_distribution(b, i)
    with pytest.raises(TypeError, match="mean"):
        success.RiskResult("a lot", 1, 0.1, -1, 1, 0, good.outcomes)
    with pytest.raises(ValueError, match="outcomes"):
        success.RiskResult(1, 1, 0.1, -1, 1, 0, good.outcomes.drop(columns="net"))
    many = [{"kpi": f"k{n}", "value": 1, "probability": 0.5} for n in range(17)]
    with pytest.raises(ValueError, match="too many to enumerate"):
        success.outcome_distribution(many, [{"kpi": "risk", "value": 1, "probability": 0.5}])


def test_anchors_describe_every_level_of_every_area():
    table = success.anchors()
    assert set(table["area"]) == set(AREAS)
    for area, rows in table.groupby("area"):
        assert rows["score"].tolist() == list(range(success.SCORE_MIN, success.SCORE_MAX + 1))
        assert rows["description"].str.len().min() > 20, area
        assert rows["description"].is_unique, area
    assert len(success.anchors("timing")) == success.SCORE_MAX - success.SCORE_MIN + 1
    with pytest.raises(ValueError, match="Unknown area 'timng'.*'timing'"):
        success.anchors("timng")


def test_profile_is_sorted_and_marks_the_weakest():
    import matplotlib.pyplot as plt

    from coursekit.widgets.success import draw_profile, profile_alt

    ready = success.readiness(EXAMPLE_READINESS)
    fig = plt.figure()
    draw_profile(fig, ready)
    xs = [x for x, _ in fig.axes[0].collections[-1].get_offsets()]
    assert xs == sorted(xs, reverse=True)
    assert profile_alt(ready).startswith("Dot plot")
    assert ready.weakest["label"].iloc[0] in profile_alt(ready)
    plt.close(fig)


def test_sensitivity_without_ranges_is_unchanged_and_with_ranges_moves_values():
    b, i = success.example_firm()
    plain = success.sensitivity(b, i, 0.1)
    assert (plain["input"] == "probability").all()
    assert (plain["low"] == plain["p_low"]).all() and (plain["high"] == plain["p_high"]).all()
    ranges = {
        "export sales margin": {"value": (250, 450)},
        "buyer default": {"probability": (0, 0.2)},
    }
    sens = success.sensitivity(b, i, 0.1, ranges=ranges)
    row = sens[(sens["kpi"] == "export sales margin") & (sens["input"] == "value")].iloc[0]
    p = float(b.set_index("kpi").loc["export sales margin", "probability"])
    assert math.isclose(row["swing"], p * (450 - 250))
    assert row["net_at_p_low"] < plain.attrs["net"] < row["net_at_p_high"]
    # the named probability is replaced, the others still move by delta
    default = sens[sens["kpi"] == "buyer default"]
    assert default["input"].tolist() == ["probability"]
    assert math.isclose(default["swing"].iloc[0], 420 * 0.2)
    assert len(sens) == len(plain) + 1
    assert sens["swing"].is_monotonic_decreasing
    # a wide enough elicited range can put a value at the top of the tornado
    wide = success.sensitivity(b, i, 0.1, ranges={"certification costs": {"value": (0, 400)}})
    assert wide["kpi"].iloc[0] == "certification costs" and wide["input"].iloc[0] == "value"


def test_sensitivity_ranges_bad_input():
    b, i = success.example_firm()
    with pytest.raises(TypeError, match="ranges must be a dict"):
        success.sensitivity(b, i, ranges=[1, 2])
    with pytest.raises(ValueError, match="unknown KPI 'export sale margin'"):
        success.sensitivity(b, i, ranges={"export sale margin": {"value": (1, 2)}})
    with pytest.raises(ValueError, match="unknown input 'p' in ranges.*'value', 'probability'"):
        success.sensitivity(b, i, ranges={"buyer default": {"p": (0, 1)}})
    with pytest.raises(ValueError, match="low 0.5 is above high 0.1"):
        success.sensitivity(b, i, ranges={"buyer default": {"probability": (0.5, 0.1)}})
    with pytest.raises(ValueError, match="probability'\\] high"):
        success.sensitivity(b, i, ranges={"buyer default": {"probability": (0, 2)}})
    with pytest.raises(TypeError, match="a \\(low, high\\) pair"):
        success.sensitivity(b, i, ranges={"buyer default": {"value": 3}})


def test_tornado_names_the_input_with_elicited_ranges():
    import matplotlib.pyplot as plt

    from coursekit.widgets.success import draw_tornado

    b, i = success.example_firm()
    sens = success.sensitivity(b, i, ranges={"export sales margin": {"value": (250, 450)}})
    fig = plt.figure()
    draw_tornado(fig, sens)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any("export sales margin: value 250-450" in t for t in labels)
    plt.close(fig)


@given(st.dictionaries(st.sampled_from(list(AREAS)), st.integers(1, 5)), st.integers(1, 4))
def test_rater_gaps_are_symmetric_and_follow_the_threshold(changes, gap):
    other = {**EXAMPLE_READINESS, **changes}
    found = success.rater_gaps(EXAMPLE_READINESS, other, gap)
    assert found == success.rater_gaps(other, EXAMPLE_READINESS, gap)
    assert found == [k for k in AREAS if abs(EXAMPLE_READINESS[k] - other[k]) >= gap]
    assert success.rater_gaps(other, other, 1) == []


def test_rater_gaps_bad_input():
    with pytest.raises(ValueError, match="min_gap must be .*4, not 9"):
        success.rater_gaps(EXAMPLE_READINESS, EXAMPLE_READINESS, 9)
    with pytest.raises(ValueError, match="Missing area"):
        success.rater_gaps(EXAMPLE_READINESS, {"timing": 3})


def test_more_bad_input_for_ranges_and_the_profile():
    import matplotlib.pyplot as plt

    from coursekit.widgets.success import draw_profile

    b, i = success.example_firm()
    with pytest.raises(TypeError, match=r"ranges\['buyer default'\] must be a dict"):
        success.sensitivity(b, i, ranges={"buyer default": (0, 1)})
    fig = plt.figure()
    with pytest.raises(TypeError):
        draw_profile(fig, dict.fromkeys(AREAS, 3))
    with pytest.raises(TypeError):
        draw_profile(None, success.readiness(EXAMPLE_READINESS))
    plt.close(fig)


def test_literature_table_shows_topic_codes_as_words():
    from coursekit.widgets.success import literature_table_html

    table = success.filter_literature()
    html = literature_table_html(table[table["topic"] == "business_networks"], max_rows=200)
    assert "business networks" in html and "business_networks" not in html
    assert "<th>topic</th>" in html
