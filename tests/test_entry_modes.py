"""The entry-mode advisor: the table of modes, the scoring laws (hypothesis), bad input, widget."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from widget_support import FIG_WANTED, NAN, no_widget_built

from coursekit import entry_modes as em
from coursekit.entry_modes import MODES, PROFILE_FIELDS, TERMS, FirmMarketProfile, score

RATING = st.floats(min_value=1, max_value=5, allow_nan=False)
PROFILES = st.builds(FirmMarketProfile, *(RATING for _ in PROFILE_FIELDS))


# ---- the table of modes ----------------------------------------------------------------------


def test_modes_table_is_complete_and_on_the_scale():
    assert MODES.index.is_unique
    for column in em.CHARACTERISTICS:
        values = MODES[column]
        assert values.between(1, 5).all(), column
        assert (values == values.round()).all(), f"{column} is an ordinal 1-5 rating"
    assert MODES["source"].str.len().gt(20).all(), "every row says where its ratings come from"
    assert set(MODES["family"]) <= set(em.FAMILIES)
    # The modes COURSE.md names are all there.
    for key in (
        "indirect_export",
        "licensing",
        "franchising",
        "equity_joint_venture",
        "strategic_alliance",
        "acquisition",
        "greenfield",
        "subcontracting",
        "e_commerce",
    ):
        assert key in MODES.index


def test_ratings_follow_the_literature_orderings():
    m = MODES
    # Anderson & Gatignon: wholly owned > shared (JV) > licensing / indirect export in control.
    assert m.loc["greenfield", "control"] > m.loc["equity_joint_venture", "control"]
    assert m.loc["equity_joint_venture", "control"] > m.loc["licensing", "control"]
    # Root: commitment rises from export through contractual to investment modes.
    assert m.loc["indirect_export", "commitment"] < m.loc["sales_subsidiary", "commitment"]
    assert m.loc["licensing", "commitment"] < m.loc["equity_joint_venture", "commitment"]
    # Hill: licensing risks know-how; acquisition is faster than greenfield.
    assert m.loc["licensing", "dissemination"] == m["dissemination"].max()
    assert m.loc["acquisition", "speed"] > m.loc["greenfield", "speed"]


# ---- scoring ---------------------------------------------------------------------------------


def test_score_has_every_mode_terms_that_sum_and_reasons():
    table = score(FirmMarketProfile(2, 3, 4, 5, 2, 3))
    assert sorted(table["mode"]) == sorted(MODES.index)
    assert list(table["rank"]) == list(range(1, len(MODES) + 1))
    np.testing.assert_allclose(table[list(TERMS)].sum(axis=1), table["score"])
    assert table["score"].is_monotonic_decreasing
    assert table["reasons"].str.startswith("return potential").all()


def test_score_recomputed_by_hand_for_one_mode():
    p = FirmMarketProfile(
        resources=2, risk_appetite=3, control_wish=4, tacitness=5, market_risk=2, distance=3
    )
    row = MODES.loc["equity_joint_venture"]
    w = em.TERM_WEIGHTS
    by_hand = (
        row["return"]
        - w["resources"] * max(0, row["commitment"] - 2)
        - w["risk_appetite"] * max(0, row["risk"] - 3)
        - w["control"] * max(0, 4 - row["control"])
        - w["know_how"] * (5 - 1) / 4 * (row["dissemination"] - 1)
        - w["market_risk"] * (2 - 1) / 4 * (row["risk"] - 1)
        - w["distance"] * (3 - 1) / 4 * (5 - row["local_knowledge"])
        + w["speed"] * (row["speed"] - 3)
    )
    got = score(p).set_index("mode").loc["equity_joint_venture", "score"]
    assert got == pytest.approx(by_hand)
    assert em.mode_score("equity_joint_venture", **vars(p)) == pytest.approx(by_hand)


def test_reasons_name_the_misfit_in_words():
    table = score(
        FirmMarketProfile(
            resources=1, risk_appetite=1, control_wish=5, tacitness=5, market_risk=5, distance=5
        )
    ).set_index("mode")
    assert "resources" in table.loc["greenfield", "reasons"]
    assert "control" in table.loc["licensing", "reasons"]
    assert "know-how" in table.loc["licensing", "reasons"]
    easy = score(FirmMarketProfile(5, 5, 1, 1, 1, 1)).set_index("mode")
    assert "no misfit" in easy.loc["acquisition", "reasons"]


def test_textbook_cases():
    # Rich, risk-loving, control-seeking firm with tacit know-how in a safe, near market: FDI.
    assert em.best_mode(
        resources=5, risk_appetite=5, control_wish=5, tacitness=5, market_risk=1, distance=1
    ) in {"acquisition", "greenfield"}
    # A firm with no resources, no appetite for risk and codified know-how: a low-commitment mode.
    best = em.best_mode(
        resources=1, risk_appetite=1, control_wish=1, tacitness=1, market_risk=5, distance=5
    )
    assert MODES.loc[best, "commitment"] == 1


@settings(max_examples=150, deadline=None)
@given(PROFILES, RATING, RATING)
def test_more_wish_for_control_never_favours_the_lower_control_mode(p, w1, w2):
    low_w, high_w = sorted((w1, w2))
    before = score(FirmMarketProfile(**{**vars(p), "control_wish": low_w})).set_index("mode")
    after = score(FirmMarketProfile(**{**vars(p), "control_wish": high_w})).set_index("mode")
    control = MODES["control"]
    for hi in MODES.index:
        for lo in MODES.index[control < control[hi]]:
            gap_before = before.loc[hi, "score"] - before.loc[lo, "score"]
            gap_after = after.loc[hi, "score"] - after.loc[lo, "score"]
            assert gap_after >= gap_before - 1e-9, (hi, lo)


@settings(max_examples=200, deadline=None)
@given(PROFILES, st.floats(min_value=1, max_value=2))
def test_scarce_resources_keep_a_low_commitment_mode_ahead(p, resources):
    table = score(FirmMarketProfile(**{**vars(p), "resources": resources}))
    commitment = table["mode"].map(MODES["commitment"])
    best_high = table.loc[commitment >= 4, "rank"].min()
    best_low = table.loc[commitment <= 2, "rank"].min()
    assert best_low < best_high


@settings(max_examples=60, deadline=None)
@given(PROFILES)
def test_deterministic_and_terms_add_up(p):
    a, b = score(p), score(p)
    pd.testing.assert_frame_equal(a, b)
    np.testing.assert_allclose(a[list(TERMS)].sum(axis=1), a["score"], atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(PROFILES)
def test_ties_are_broken_by_mode_key(p):
    table = score(p)
    for (s1, m1), (s2, m2) in zip(
        zip(table["score"], table["mode"], strict=True),
        zip(table["score"][1:], table["mode"][1:], strict=True),
        strict=False,
    ):
        if math.isclose(s1, s2, abs_tol=1e-9):
            assert m1 < m2


@settings(max_examples=60, deadline=None)
@given(PROFILES, RATING)
def test_more_resources_never_lower_a_score(p, more):
    richer = FirmMarketProfile(**{**vars(p), "resources": max(p.resources, more)})
    a = score(p).set_index("mode")["score"]
    b = score(richer).set_index("mode")["score"].reindex(a.index)
    assert (b >= a - 1e-12).all()


def test_a_dict_is_accepted_and_defaults_to_three():
    assert score({"resources": 2}).equals(score(FirmMarketProfile(resources=2)))


# ---- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("field", list(PROFILE_FIELDS))
@pytest.mark.parametrize("value", [0, 5.5, -1, float("nan")])
def test_out_of_range_names_the_field(field, value):
    with pytest.raises(ValueError, match=rf"{field} must be .*between 1 and 5"):
        FirmMarketProfile(**{field: value})


@pytest.mark.parametrize("value", ["3", None, True, [3]])
def test_non_numbers_are_type_errors(value):
    with pytest.raises(TypeError, match="resources must be a number"):
        FirmMarketProfile(resources=value)


def test_unknown_profile_key_lists_the_valid_ones():
    with pytest.raises(ValueError, match=r"Unknown profile input.*'budget'.*resources, risk_app"):
        score({"budget": 3})


def test_profile_of_the_wrong_type():
    with pytest.raises(TypeError, match="FirmMarketProfile or a dict"):
        score([3, 3, 3, 3, 3, 3])


def test_unknown_mode():
    with pytest.raises(ValueError, match=r"unknown mode 'export'.*'indirect_export'"):
        em.mode_score("export")


# ---- the widget ------------------------------------------------------------------------------


def test_widget_builds_with_six_sliders_and_draws():
    from coursekit.widgets.entry_modes import entry_mode_advisor

    box = entry_mode_advisor()
    assert set(box.controls) == {*PROFILE_FIELDS, *em.OPTIONAL_FIELDS, "derive_control"}
    assert box.figure.axes, "the chart is drawn at construction"
    assert len(box.figure.axes[0].patches) == len(MODES), "one bar per mode"
    assert "Best fit" in box.outputs["reasons"].value


def test_widget_update_follows_the_sliders():
    from coursekit.widgets.entry_modes import entry_mode_advisor

    box = entry_mode_advisor({"resources": 1, "risk_appetite": 1, "control_wish": 1})
    first = box.outputs["reasons"].value
    for name in PROFILE_FIELDS:
        box.controls[name].value = 5 if name in ("resources", "risk_appetite") else 1
    box.controls["control_wish"].value = 5
    table = box.update()  # call the handler directly: ipywidgets swallows errors in observers
    assert table["mode"].iloc[0] == em.best_mode(
        resources=5, risk_appetite=5, control_wish=5, tacitness=1, market_risk=1, distance=1
    )
    assert box.outputs["reasons"].value != first
    assert table["short"].iloc[0] in box.outputs["reasons"].value or (
        table["label"].iloc[0].replace("'", "&#x27;") in box.outputs["reasons"].value
    )
    labels = [t.get_text() for t in box.figure.axes[0].get_yticklabels()]
    assert labels[-1] == table["short"].iloc[0], "the best mode is drawn at the top"


def test_widget_refinements_start_off_and_switch_on():
    from coursekit.widgets.entry_modes import entry_mode_advisor

    box = entry_mode_advisor(CASE)
    table = box.update()
    np.testing.assert_allclose(table["score"], score(CASE)["score"])  # off: six-input result
    assert box.controls["asset_specificity"].disabled and not box.controls["control_wish"].disabled
    box.controls["derive_control"].value = True
    box.controls["asset_specificity"].value = 1.5
    box.controls["service_intensity"].value = 4
    table = box.update()
    want = score({**CASE, "asset_specificity": 1.5, "learning_value": 1, "service_intensity": 4})
    assert list(table["mode"]) == list(want["mode"])
    np.testing.assert_allclose(table["score"], want["score"])
    assert box.controls["control_wish"].disabled, "the wish no longer counts"
    started = entry_mode_advisor({**CASE, "asset_specificity": 4, "learning_value": 5})
    assert started.controls["derive_control"].value
    assert started.controls["learning_value"].value == 5


def test_widget_rejects_a_bad_start_profile():
    from coursekit.widgets.entry_modes import entry_mode_advisor

    with pytest.raises(ValueError, match="distance must be between"):
        entry_mode_advisor({"distance": 9})


# ---- the widget's bad input: its builder and drawing functions -----------------------------------


def test_draw_mode_scores_wants_the_table_of_score():
    from matplotlib.figure import Figure

    from coursekit.widgets.entry_modes import draw_mode_scores

    fig = Figure()
    table = em.score(em.FirmMarketProfile())
    with pytest.raises(TypeError, match=r"table must be the DataFrame returned by entry_modes"):
        draw_mode_scores(fig, table.to_dict())
    with pytest.raises(ValueError, match=r"table lacks the column\(s\) 'family'"):
        draw_mode_scores(fig, table.drop(columns="family"))
    with pytest.raises(ValueError, match=r"table is empty: pass the DataFrame returned by"):
        draw_mode_scores(fig, table.iloc[0:0])
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_mode_scores(Figure().subplots(), table)  # an Axes, not its Figure


def test_entry_mode_advisor_bad_profile():
    from coursekit.widgets.entry_modes import entry_mode_advisor

    with no_widget_built(), pytest.raises(TypeError, match="FirmMarketProfile or a dict"):
        entry_mode_advisor([3, 3])
    with no_widget_built(), pytest.raises(ValueError, match=r"Unknown profile input.*'resourcs'"):
        entry_mode_advisor({"resourcs": 3})
    with no_widget_built(), pytest.raises(ValueError, match="resources must be .*between 1"):
        entry_mode_advisor({"resources": NAN})
    with no_widget_built(), pytest.raises(ValueError, match="resources must be .*between 1"):
        entry_mode_advisor({"resources": 9})
    with no_widget_built(), pytest.raises(TypeError, match="resources must be a number"):
        entry_mode_advisor({"resources": "high"})


# ---- helpers used by the exercise ------------------------------------------------------------

CASE = dict(resources=2, risk_appetite=2, control_wish=4, tacitness=4, market_risk=3, distance=4)


def test_helpers_agree_with_score():
    table = score(CASE)
    assert em.top_modes(3, **CASE) == list(table["mode"].head(3))
    assert em.score_gap(**CASE) == pytest.approx(table["score"].iloc[0] - table["score"].iloc[1])
    row = table.set_index("mode").loc["acquisition", list(TERMS)]
    assert em.largest_penalty("acquisition", **CASE) == row.astype(float).idxmin()
    assert em.largest_penalty("indirect_export", resources=5, risk_appetite=5, control_wish=1,
                              tacitness=1, market_risk=1, distance=1) == "none"  # fmt: skip


def test_first_rank_threshold_is_the_first_winning_level():
    t = em.first_rank_threshold("sales_subsidiary", "resources", **CASE)
    assert em.best_mode(**{**CASE, "resources": t}) == "sales_subsidiary"
    assert em.best_mode(**{**CASE, "resources": t - 0.5}) != "sales_subsidiary"
    assert math.isnan(em.first_rank_threshold("licensing", "resources", **CASE))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: em.top_modes(0), "n must be a whole number between 1 and 12"),
        (lambda: em.first_rank_threshold("greenfield", "money"), "unknown profile input 'money'"),
        (lambda: em.first_rank_threshold("greenfield", "resources", step=0), "step must be"),
        (lambda: em.largest_penalty("fdi"), "unknown mode 'fdi'"),
    ],
)
def test_helper_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ---- bad input: every helper called directly -------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "error", "message"),
    [
        ({"budget": 3}, ValueError, r"Unknown profile input\(s\) \['budget'\].*Valid inputs: res"),
        ({"resources": 6}, ValueError, r"resources must be .*between 1 and 5 \(1 = low, 5 = high"),
        ({"distance": float("nan")}, ValueError, "distance must be .*between 1"),
        ({"risk_appetite": "high"}, TypeError, "risk_appetite must be a number"),
    ],
)
def test_best_mode_bad_profile(profile, error, message):
    with pytest.raises(error, match=message):
        em.best_mode(**profile)


@pytest.mark.parametrize(
    ("profile", "error", "message"),
    [
        ({"resource": 3}, ValueError, r"Unknown profile input\(s\) \['resource'\]"),
        ({"tacitness": 0}, ValueError, r"tacitness must be .*between 1 and 5 \(1 = low, 5 = high"),
        ({"control_wish": None}, TypeError, "control_wish must be a number"),
    ],
)
def test_score_gap_bad_profile(profile, error, message):
    with pytest.raises(error, match=message):
        em.score_gap(**profile)


@pytest.mark.parametrize(
    ("n", "error", "message"),
    [
        (0, ValueError, "n must be a whole number.*, not 0"),
        (13, ValueError, "n must be a whole number.*, not 13"),
        (-2, ValueError, "n must be a whole number.*, not -2"),
        ("3", TypeError, "n must be a whole number.*, not str '3'"),
        (2.5, TypeError, "n must be a whole number.*, not float 2.5"),
        (True, TypeError, "n must be a whole number.*, not bool True"),
    ],
)
def test_top_modes_bad_n(n, error, message):
    with pytest.raises(error, match=message):
        em.top_modes(n)


def test_top_modes_bad_profile():
    with pytest.raises(ValueError, match=r"market_risk must be .*between 1 and 5"):
        em.top_modes(3, market_risk=7)


@pytest.mark.parametrize(
    ("mode", "error", "message"),
    [
        ("fdi", ValueError, r"unknown mode 'fdi'; choose one of 'indirect_export'"),
        ("licencing", ValueError, r"unknown mode 'licencing'.*Did you mean 'licensing'\?"),
        (3, TypeError, r"mode must be one of 'indirect_export'.*'licensing'.*, not int 3"),
        (None, TypeError, r"mode must be one of .*not NoneType"),
    ],
)
def test_largest_penalty_bad_mode(mode, error, message):
    with pytest.raises(error, match=message):
        em.largest_penalty(mode)


def test_largest_penalty_bad_profile():
    with pytest.raises(ValueError, match=r"Unknown profile input\(s\) \['cash'\]"):
        em.largest_penalty("greenfield", cash=5)


def test_mode_score_bad_mode_type():
    with pytest.raises(TypeError, match=r"mode must be one of .*not list"):
        em.mode_score(["greenfield"])


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        (("fdi", "resources"), {}, ValueError, "unknown mode 'fdi'"),
        (
            ("greenfield", "money"),
            {},
            ValueError,
            r"unknown profile input 'money'; choose one of 'resources'",
        ),
        (
            ("greenfield", "resource"),
            {},
            ValueError,
            r"unknown profile input 'resource'.*Did you mean 'resources'\?",
        ),
        (("greenfield", 1), {}, TypeError, r"field must be one of 'resources'.*not int 1"),
        (("greenfield", "resources"), {"step": 0}, ValueError, r"step .*\(exclusive\) and 4"),
        (("greenfield", "resources"), {"step": 5}, ValueError, "and 4, not 5"),
        (
            ("greenfield", "resources"),
            {"step": float("nan")},
            ValueError,
            "step must be .*, not nan",
        ),
        (("greenfield", "resources"), {"step": "0.5"}, TypeError, "step must be a number.*str"),
        (("greenfield", "resources"), {"distance": 9}, ValueError, "distance must be .*between 1"),
    ],
)
def test_first_rank_threshold_bad_input(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        em.first_rank_threshold(*args, **kwargs)


# ---- more laws -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(PROFILES, RATING)
def test_more_risk_appetite_never_lowers_a_score(p, more):
    bolder = FirmMarketProfile(**{**vars(p), "risk_appetite": max(p.risk_appetite, more)})
    a = score(p).set_index("mode")["score"]
    b = score(bolder).set_index("mode")["score"].reindex(a.index)
    assert (b >= a - 1e-12).all()


@settings(max_examples=60, deadline=None)
@given(PROFILES, RATING)
def test_a_farther_or_riskier_market_never_raises_a_score(p, more):
    a = score(p).set_index("mode")["score"]
    for name in ("distance", "market_risk"):
        worse = FirmMarketProfile(**{**vars(p), name: max(getattr(p, name), more)})
        b = score(worse).set_index("mode")["score"].reindex(a.index)
        assert (b <= a + 1e-12).all(), name


def test_every_term_names_its_source_and_labels_its_weight_as_the_course_s_judgement():
    from coursekit.entry_modes import TERM_SOURCES, TERM_WEIGHTS, TERMS

    assert set(TERM_SOURCES) == set(TERMS) == set(TERM_WEIGHTS)
    for term, entry in TERM_SOURCES.items():
        assert entry["construct"] and entry["source"], term
        assert entry["weight"].startswith("course's judgement"), term
        if TERM_WEIGHTS[term] != 1.0:  # a non-unit weight states its value
            assert f"{TERM_WEIGHTS[term]:g}" in entry["weight"], term
    cited = " ".join(e["source"] for e in TERM_SOURCES.values())
    for work in ("Anderson & Gatignon (1986)", "Hill, Hwang & Kim (1990)", "Root (1994)"):
        assert work in cited


# ---- opt-in inputs: the defaults are unchanged ------------------------------------------------


def _six_input_scores(p: FirmMarketProfile) -> pd.Series:
    """The advisor's score as the chapter states it for the six inputs, rebuilt independently."""
    out = {}
    for mode, m in MODES.iterrows():
        out[mode] = (
            m["return"]
            - 2.5 * max(0, m["commitment"] - p.resources)
            - max(0, m["risk"] - p.risk_appetite)
            - max(0, p.control_wish - m["control"])
            - (p.tacitness - 1) / 4 * (m["dissemination"] - 1)
            - (p.market_risk - 1) / 4 * (m["risk"] - 1)
            - 0.5 * (p.distance - 1) / 4 * (5 - m["local_knowledge"])
            + 0.25 * (m["speed"] - 3)
        )
    return pd.Series(out)


@settings(max_examples=80, deadline=None)
@given(PROFILES)
def test_left_out_optional_inputs_leave_the_six_input_scores_unchanged(p):
    assert all(getattr(p, name) is None for name in em.OPTIONAL_FIELDS)
    table = score(p).set_index("mode")
    expected = _six_input_scores(p).reindex(table.index)
    np.testing.assert_allclose(table["score"], expected, atol=1e-12)
    assert score(vars(p)).equals(score(p)), "the dict of a default profile scores the same"


# ---- the derived need for control (opt-in) ---------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(RATING, RATING, RATING, RATING)
def test_more_specificity_or_tacitness_never_lowers_the_derived_need(a1, a2, t, u):
    low, high = sorted((a1, a2))
    assert em.control_need(high, t, u) >= em.control_need(low, t, u) - 1e-12
    assert em.control_need(t, high, u) >= em.control_need(t, low, u) - 1e-12
    assert 1 <= em.control_need(a1, t, u) <= 5


@settings(max_examples=150, deadline=None)
@given(st.floats(min_value=1, max_value=5), RATING, RATING, RATING)
def test_market_risk_raises_the_need_only_with_specific_assets(a, t, u1, u2):
    low, high = sorted((u1, u2))
    before, after = em.control_need(a, t, low), em.control_need(a, t, high)
    if a > 3:
        assert after >= before - 1e-12  # external uncertainty x specific assets: more control
    elif a < 3:
        assert after <= before + 1e-12  # external uncertainty alone: less control
    else:
        assert after == pytest.approx(before)


def test_control_need_corners_and_midpoint():
    assert em.control_need(1, 1, 1) == 1
    assert em.control_need(5, 5, 5) == 5
    assert em.control_need(3, 3, 1) == pytest.approx(3)  # middling assets, a safe market


@settings(max_examples=80, deadline=None)
@given(PROFILES, RATING)
def test_asset_specificity_replaces_the_wish_by_the_derived_need(p, a):
    derived = FirmMarketProfile(**{**vars(p), "asset_specificity": a})
    need = em.control_need(a, p.tacitness, p.market_risk)
    as_wish = FirmMarketProfile(**{**vars(p), "control_wish": need})
    got = score(derived).set_index("mode")["score"]
    want = score(as_wish).set_index("mode")["score"].reindex(got.index)
    np.testing.assert_allclose(got, want, atol=1e-12)
    # the stated wish no longer matters once the need is derived
    other = FirmMarketProfile(**{**vars(derived), "control_wish": 6 - p.control_wish})
    np.testing.assert_allclose(
        score(other).set_index("mode")["score"].reindex(got.index), got, atol=1e-12
    )


@settings(max_examples=80, deadline=None)
@given(PROFILES, RATING, RATING)
def test_more_specificity_never_favours_the_lower_control_mode(p, a1, a2):
    low, high = sorted((a1, a2))
    before = score(FirmMarketProfile(**{**vars(p), "asset_specificity": low})).set_index("mode")
    after = score(FirmMarketProfile(**{**vars(p), "asset_specificity": high})).set_index("mode")
    control = MODES["control"]
    for hi in MODES.index:
        for lo in MODES.index[control < control[hi]]:
            gap_before = before.loc[hi, "score"] - before.loc[lo, "score"]
            gap_after = after.loc[hi, "score"] - after.loc[lo, "score"]
            assert gap_after >= gap_before - 1e-9, (hi, lo)


def test_derived_need_is_named_in_the_reasons():
    table = score({"asset_specificity": 4, "tacitness": 3}).set_index("mode")
    need = em.control_need(4, 3, 3)
    assert 3 < need < 4
    assert f"assets need {need:.2f}" in table.loc["licensing", "reasons"]
    assert "wants" not in table.loc["licensing", "reasons"]


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((0,), ValueError, r"asset_specificity must be between 1 and 5 .*, not 0"),
        ((3, 6), ValueError, r"tacitness must be between 1 and 5 .*, not 6"),
        ((3, 3, float("nan")), ValueError, "market_risk must be .*between 1"),
        (("4",), TypeError, r"asset_specificity must be a number.*, not str '4'"),
        ((None,), TypeError, "asset_specificity must be a number.*, not NoneType"),
        ((True,), TypeError, "asset_specificity must be a number.*, not bool"),
        ((10**400,), ValueError, "asset_specificity must be a finite number"),
    ],
)
def test_control_need_bad_input(args, error, message):
    with pytest.raises(error, match=message):
        em.control_need(*args)


@pytest.mark.parametrize(
    ("profile", "error", "message"),
    [
        ({"asset_specificity": 7}, ValueError, r"asset_specificity must be .*between 1 and 5"),
        ({"asset_specificity": "high"}, TypeError, "asset_specificity must be a number"),
        ({"asset_specifity": 4}, ValueError, r"Unknown profile input\(s\) \['asset_specifity'\]"),
    ],
)
def test_profile_bad_asset_specificity(profile, error, message):
    with pytest.raises(error, match=message):
        score(profile)


# ---- local knowledge split from the firm's own learning (opt-in) -----------------------------


def test_learning_follows_the_establishment_chain_and_differs_from_access():
    m = MODES
    # Johanson & Vahlne: agent < sales subsidiary < own production in what the firm learns.
    assert m.loc["indirect_export", "learning"] < m.loc["direct_export_agent", "learning"]
    assert m.loc["direct_export_agent", "learning"] < m.loc["sales_subsidiary", "learning"]
    assert m.loc["sales_subsidiary", "learning"] < m.loc["greenfield", "learning"]
    # The split: an intermediary knows the market, the firm learns little through it.
    assert m.loc["indirect_export", "learning"] < m.loc["indirect_export", "local_knowledge"]
    assert m.loc["licensing", "learning"] < m.loc["licensing", "local_knowledge"]


@settings(max_examples=60, deadline=None)
@given(PROFILES)
def test_learning_value_of_one_is_the_default(p):
    a = score(p).set_index("mode")["score"]
    b = score(FirmMarketProfile(**{**vars(p), "learning_value": 1})).set_index("mode")["score"]
    np.testing.assert_allclose(b.reindex(a.index), a, atol=1e-12)
    assert (score(p)["learning"] == 0).all()


def _gap_never_shrinks(before, after, column):
    """For every pair of modes where ``hi`` rates higher than ``lo`` on ``MODES[column]``,
    the score gap hi - lo after the change is at least the gap before it."""
    rating = MODES[column]
    for hi in MODES.index:
        for lo in MODES.index[rating < rating[hi]]:
            gap_before = before.loc[hi, "score"] - before.loc[lo, "score"]
            gap_after = after.loc[hi, "score"] - after.loc[lo, "score"]
            assert gap_after >= gap_before - 1e-9, (column, hi, lo)


@settings(max_examples=80, deadline=None)
@given(PROFILES, RATING, RATING)
def test_valuing_learning_more_never_favours_the_mode_that_teaches_less(p, v1, v2):
    low, high = sorted((v1, v2))
    before = score(FirmMarketProfile(**{**vars(p), "learning_value": low})).set_index("mode")
    after = score(FirmMarketProfile(**{**vars(p), "learning_value": high})).set_index("mode")
    _gap_never_shrinks(before, after, "learning")
    assert (after["score"] <= before["score"].reindex(after.index) + 1e-12).all()
    full = MODES.index[MODES["learning"] == 5]
    np.testing.assert_allclose(after.loc[full, "learning"], 0.0)


def test_learning_is_named_in_the_reasons():
    table = score({"learning_value": 5}).set_index("mode")
    assert "own learning of the market very low (1)" in table.loc["licensing", "reasons"]
    assert "learning" not in score({}).set_index("mode").loc["licensing", "reasons"]


@pytest.mark.parametrize(
    ("profile", "error", "message"),
    [
        ({"learning_value": 0.5}, ValueError, r"learning_value must be .*between 1 and 5"),
        ({"learning_value": [4]}, TypeError, "learning_value must be a number"),
    ],
)
def test_profile_bad_learning_value(profile, error, message):
    with pytest.raises(error, match=message):
        score(profile)


# ---- service intensity (opt-in) --------------------------------------------------------------


def test_local_service_ratings_follow_presence_in_the_market():
    m = MODES["local_service"]
    # Nobody on the ground: home-based intermediaries, online selling, contract production.
    assert m["indirect_export"] == m["e_commerce"] == m["subcontracting"] == 1
    # Own presence serves best; travelling staff serve less than a local distributor.
    assert m["direct_export_reps"] < m["direct_export_agent"] < m["sales_subsidiary"]
    assert m["sales_subsidiary"] <= m["acquisition"] == m["greenfield"] == m.max()


@settings(max_examples=60, deadline=None)
@given(PROFILES)
def test_service_intensity_of_one_is_the_default(p):
    a = score(p).set_index("mode")["score"]
    b = score(FirmMarketProfile(**{**vars(p), "service_intensity": 1})).set_index("mode")
    np.testing.assert_allclose(b["score"].reindex(a.index), a, atol=1e-12)
    assert (score(p)["service"] == 0).all()


@settings(max_examples=80, deadline=None)
@given(PROFILES, RATING, RATING)
def test_more_service_intensity_never_favours_the_mode_that_serves_less(p, v1, v2):
    low, high = sorted((v1, v2))
    before = score(FirmMarketProfile(**{**vars(p), "service_intensity": low})).set_index("mode")
    after = score(FirmMarketProfile(**{**vars(p), "service_intensity": high})).set_index("mode")
    _gap_never_shrinks(before, after, "local_service")
    assert (after["score"] <= before["score"].reindex(after.index) + 1e-12).all()


def test_service_intensity_moves_kalibra_off_travelling_reps():
    base = em.best_mode(**CASE)
    served = em.best_mode(**CASE, service_intensity=5)
    assert MODES.loc[served, "local_service"] > MODES.loc[base, "local_service"]
    table = score({**CASE, "service_intensity": 4}).set_index("mode")
    assert "on-site service" in table.loc["direct_export_reps", "reasons"]
    assert em.first_rank_threshold("sales_subsidiary", "service_intensity", **CASE) > 1


@pytest.mark.parametrize(
    ("profile", "error", "message"),
    [
        ({"service_intensity": 9}, ValueError, r"service_intensity must be .*between 1 and 5"),
        ({"service_intensity": "4"}, TypeError, "service_intensity must be a number"),
    ],
)
def test_profile_bad_service_intensity(profile, error, message):
    with pytest.raises(error, match=message):
        score(profile)
