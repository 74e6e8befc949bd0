"""Standardization versus adaptation: laws of the decision matrix and its bad inputs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
        ({"regulation": "high"}, None, TypeError, "number from 1 to 5"),
        ([("regulation", 3)], None, TypeError, "dict"),
        ({"regulation": 3}, {"regulation": -1}, ValueError, "negative"),
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
    assert 'alt="' in box.outputs["chart"].outputs[0]["data"]["text/html"]
