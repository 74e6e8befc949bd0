"""Standardization versus adaptation: laws of the decision matrix and its bad inputs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from widget_support import FIG_WANTED, NAN, no_widget_built

from coursekit import adaptation
from coursekit.adaptation import FACTORS, decide

ADAPT = [k for k, v in FACTORS.items() if v[0] == "adapt"]
STANDARD = [k for k, v in FACTORS.items() if v[0] == "standardize"]
ratings_st = st.fixed_dictionaries({k: st.integers(1, 5) for k in FACTORS})


def test_extremes_and_bands():
    all_adapt = {k: (5 if k in ADAPT else 1) for k in FACTORS}
    all_standard = {k: (1 if k in ADAPT else 5) for k in FACTORS}
    assert decide(all_adapt).position == 1.0 and decide(all_adapt).band == "adapt"
    assert decide(all_standard).position == -1.0 and decide(all_standard).band == "standardize"
    assert decide({k: 3 for k in FACTORS}).band == "glocalize"
    assert decide({k: 1 for k in FACTORS}).position == 0.0  # no pressure either way


@given(ratings_st, st.sampled_from(ADAPT))
def test_raising_an_adaptation_factor_never_moves_toward_standardization(ratings, factor):
    before = decide(ratings).position
    raised = {**ratings, factor: min(5, ratings[factor] + 1)}
    assert decide(raised).position >= before - 1e-12


@given(ratings_st, st.floats(0.1, 100))
def test_scaling_all_weights_leaves_the_position_unchanged(ratings, factor):
    weights = {k: 1.0 + i for i, k in enumerate(FACTORS)}
    scaled = {k: v * factor for k, v in weights.items()}
    assert decide(ratings, scaled).position == pytest.approx(decide(ratings, weights).position)


@given(ratings_st)
def test_position_in_range_and_contributions_consistent(ratings):
    r = decide(ratings)
    assert -1.0 <= r.position <= 1.0
    assert r.adaptation_pressure == pytest.approx(r.contributions.clip(lower=0).sum())
    assert len(r.reasons) <= 3


def test_symmetric_inputs_give_zero():
    ratings = {"cultural_distance": 4, "scale_economies": 4}
    assert decide(ratings).position == 0.0


def test_reasons_name_the_strongest_factors():
    r = decide({"cultural_distance": 5, "regulation": 2, "scale_economies": 3})
    assert r.reasons[0].startswith("Large cultural distance pushes toward adaptation")


@pytest.mark.parametrize(
    ("ratings", "weights", "error", "message"),
    [
        ({"taste": 3}, None, ValueError, "Unknown factor"),
        ({}, None, ValueError, "at least one factor"),
        ({"regulation": 6}, None, ValueError, "between 1 and 5"),
        ({"regulation": float("nan")}, None, ValueError, "between 1 and 5"),
        ({"regulation": "high"}, None, TypeError, "must be a number such as 3 .*from 1 to 5"),
        ([("regulation", 3)], None, TypeError, "dict"),
        ({"regulation": 3}, {"regulation": -1}, ValueError, "must be at least 0, not -1"),
        ({"regulation": 3}, {"regulation": 0}, ValueError, "zero"),
        ({"regulation": 3}, {"nope": 1}, ValueError, "Unknown factor"),
    ],
)
def test_bad_input(ratings, weights, error, message):
    with pytest.raises(error, match=message):
        decide(ratings, weights)


def test_factor_table():
    table = adaptation.factors()
    assert set(table["side"]) == {"standardize", "adapt"} and len(table) == len(FACTORS)


def test_widget_builds_and_updates():
    from coursekit.widgets.adaptation import adaptation_matrix

    box = adaptation_matrix()
    assert "glocalize" in box.outputs["verdict"].value or "adapt" in box.outputs["verdict"].value
    for k in ADAPT:
        box.controls[k].value = 5
    for k in STANDARD:
        box.controls[k].value = 1
    box.update()
    assert "adapt" in box.outputs["verdict"].value and "+1.00" in box.outputs["verdict"].value
    # the element-by-element line follows the sliders
    assert "product +1.00 (adapt)" in box.outputs["verdict"].value
    box.controls["income_gap"].value = 1
    box.update()
    ratings = {k: c.value for k, c in box.controls.items()}
    price = adaptation.by_element(ratings).loc["price"]
    assert f"price {price['position']:+.2f} ({price['band']})" in box.outputs["verdict"].value
    assert 'alt="' in box.outputs["chart"].outputs[0]["data"]["text/html"]


# ---- the widget's bad input: its builder and drawing functions -----------------------------------


def test_draw_position_rejects_a_dict_and_a_non_figure():
    from matplotlib.figure import Figure

    from coursekit.widgets.adaptation import EXAMPLE_RATINGS, draw_position

    fig = Figure()
    result = adaptation.decide(EXAMPLE_RATINGS)
    with pytest.raises(TypeError, match="result must be the AdaptationResult returned by"):
        draw_position(fig, {"position": 0.1})
    with pytest.raises(TypeError, match=FIG_WANTED):
        draw_position("fig", result)


def test_adaptation_matrix_bad_ratings():
    from coursekit.widgets.adaptation import EXAMPLE_RATINGS, adaptation_matrix

    with no_widget_built(), pytest.raises(TypeError, match="ratings must be a dict"):
        adaptation_matrix([("regulation", 3)])
    with no_widget_built(), pytest.raises(ValueError, match=r"Unknown factor.*'regulaton'"):
        adaptation_matrix({"regulaton": 3})
    with no_widget_built(), pytest.raises(ValueError, match="'regulation' must be .*between 1"):
        adaptation_matrix({**EXAMPLE_RATINGS, "regulation": NAN})
    with no_widget_built(), pytest.raises(ValueError, match="'regulation' must be .*between 1"):
        adaptation_matrix({**EXAMPLE_RATINGS, "regulation": 7})
    with no_widget_built(), pytest.raises(ValueError, match="whole number from 1 to 5 for the"):
        adaptation_matrix({**EXAMPLE_RATINGS, "regulation": 2.5})


# ---- bad input: the shortcuts and the result record ----------------------------------------


@pytest.mark.parametrize(
    ("ratings", "weights", "error", "message"),
    [
        ({"tast": 3}, None, ValueError, r"Unknown factor\(s\) \['tast'\]\. Valid factors: "),
        ({}, None, ValueError, r"Rate at least one factor from 1 \(not at all\) to 5"),
        ({"regulation": 0}, None, ValueError, r"rating of 'regulation' must be between 1 and 5"),
        ({"regulation": "4"}, None, TypeError, r"rating of 'regulation' must be a number .*from 1"),
        ("regulation", None, TypeError, r"ratings must be a dict such as .*, not str"),
        ({"regulation": 3}, [1], TypeError, r"weights must be a dict such as .*, not"),
        ({"regulation": 3}, {"regulation": float("nan")}, TypeError, r"weight of 'regulation'"),
    ],
)
def test_position_rejects_bad_input(ratings, weights, error, message):
    with pytest.raises(error, match=message):
        adaptation.position(ratings, weights)


@pytest.mark.parametrize(
    ("ratings", "weights", "error", "message"),
    [
        ({"scale": 3}, None, ValueError, r"Unknown factor\(s\) \['scale'\]"),
        ({"regulation": 5.5}, None, ValueError, r"must be between 1 and 5, not 5\.5"),
        ({"regulation": True}, None, TypeError, r"must be a number .*, not bool True"),
        ({"regulation": 3}, {"regulation": -2}, ValueError, r"must be at least 0, not -2"),
        ({"regulation": 3}, {"cultur": 1}, ValueError, r"Unknown factor\(s\) in weights"),
    ],
)
def test_band_rejects_bad_input(ratings, weights, error, message):
    with pytest.raises(error, match=message):
        adaptation.band(ratings, weights)


def test_adaptation_result_rejects_an_impossible_record():
    good = decide({"regulation": 4})
    parts = dict(
        standardization_pressure=0.0,
        adaptation_pressure=3.0,
        contributions=good.contributions,
        reasons=good.reasons,
    )
    with pytest.raises(ValueError, match=r"band must be one of 'standardize', 'glocalize'"):
        adaptation.AdaptationResult(position=1.0, band="local", **parts)
    with pytest.raises(ValueError, match=r"position must be a number from -1 .* not 1\.5"):
        adaptation.AdaptationResult(position=1.5, band="adapt", **parts)
    with pytest.raises(ValueError, match=r"position must be a number .* not nan"):
        adaptation.AdaptationResult(position=float("nan"), band="adapt", **parts)
    with pytest.raises(TypeError, match=r"contributions must be a pandas Series .* not dict"):
        adaptation.AdaptationResult(
            position=1.0, band="adapt", **{**parts, "contributions": {"regulation": 3.0}}
        )


@given(ratings_st, st.sampled_from(STANDARD))
def test_raising_a_standardization_factor_never_moves_toward_adaptation(ratings, factor):
    before = adaptation.position(ratings)
    raised = {**ratings, factor: min(5, ratings[factor] + 1)}
    assert adaptation.position(raised) <= before + 1e-12
    assert adaptation.band(raised) in {name for _, name in adaptation.BANDS}


# ---- the factor x mix-element matrix --------------------------------------------------------


@given(ratings_st)
def test_with_full_relevance_every_element_equals_the_whole_offer(ratings):
    ones = {f: {e: 1.0 for e in adaptation.ELEMENTS} for f in FACTORS}
    table = adaptation.by_element(ratings, ones)
    assert table["position"].tolist() == pytest.approx([decide(ratings).position] * 4)


@given(ratings_st)
def test_each_element_is_the_matrix_with_its_relevance_weights(ratings):
    table = adaptation.by_element(ratings)
    for e in adaptation.ELEMENTS:
        weights = {f: adaptation.RELEVANCE[f][e] for f in ratings}
        if any(weights[f] > 0 and ratings[f] > 1 for f in ratings):
            assert table.loc[e, "position"] == pytest.approx(decide(ratings, weights).position)
        assert -1.0 <= table.loc[e, "position"] <= 1.0


def test_matrix_signs_and_what_to_adapt():
    ratings = {"income_gap": 5, "technical_product": 5}
    m = adaptation.element_matrix(ratings)
    assert m.loc["income_gap", "price"] == 4.0 and m.loc["technical_product", "product"] == -4.0
    table = adaptation.by_element(ratings)
    # purchasing power bears fully on price, a technical product not at all: adapt the price
    assert table.loc["price", "band"] == "adapt" and table.loc["product", "band"] == "standardize"
    assert adaptation.most_adapted_element(ratings) == "price"
    # an element no rated factor bears on is neutral
    assert adaptation.by_element({"income_gap": 5}).loc["promotion", "strongest"] == ""


def test_relevance_can_be_overridden_and_is_checked():
    ratings = {"income_gap": 5, "technical_product": 5}
    flat = adaptation.by_element(ratings, {"income_gap": {"price": 0.0}})
    assert flat.loc["price", "position"] == 0.0
    with pytest.raises(ValueError, match=r"Unknown factor 'brand'"):
        adaptation.by_element(ratings, {"brand": {"price": 1}})
    with pytest.raises(ValueError, match=r"Unknown mix element 'packaging'"):
        adaptation.by_element(ratings, {"income_gap": {"packaging": 1}})
    with pytest.raises(ValueError, match=r"between 0 and 1, not 2"):
        adaptation.by_element(ratings, {"income_gap": {"price": 2}})
    with pytest.raises(TypeError, match=r"must be a number"):
        adaptation.by_element(ratings, {"income_gap": {"price": "high"}})
    with pytest.raises(TypeError, match=r"relevance of 'income_gap' must be a dict"):
        adaptation.by_element(ratings, {"income_gap": 1.0})
    with pytest.raises(TypeError, match=r"relevance must be a dict of factor"):
        adaptation.by_element(ratings, [("income_gap", 1)])
    with pytest.raises(ValueError, match=r"Unknown factor"):
        adaptation.element_matrix({"colour": 3})
