"""The theory comparison: table and cases as data, match_case feedback, and the matcher widget."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from widget_support import no_widget_built

from coursekit import theories
from coursekit.theories import CASES, THEORIES, match_case

BIB = Path(__file__).resolve().parents[1] / "book" / "references.bib"

COLUMNS = [
    "theory",
    "name",
    "unit",
    "unit_detail",
    "construct",
    "construct_level",
    "speed",
    "mechanism",
    "predicts",
    "explains",
    "misses",
    "evidence",
    "references",
]


def test_table_has_one_complete_row_per_theory():
    table = theories.comparison_table()
    assert list(table.columns) == COLUMNS
    assert list(table["theory"]) == list(THEORIES)
    assert not table.isna().any().any()
    assert (table.drop(columns="theory").map(len) > 3).all().all(), "no empty cells"
    assert set(table["speed"]) <= set(theories.SPEEDS)


def test_table_states_the_contrasts_the_chapter_teaches():
    table = theories.comparison_table().set_index("theory")
    assert table.loc["stage", "speed"] == "slow"
    assert table.loc["born_global", "speed"] == "fast"
    # Unit of analysis = the entity studied; the environment is an explanatory construct.
    assert table.loc["institutional", "unit"] == "firm"
    assert table.loc["institutional", "construct_level"] == "environment"
    assert set(table["construct_level"]) <= set(theories.CONSTRUCT_LEVELS)
    assert "Johanson & Vahlne 1977" in table.loc["stage", "references"]
    assert "Barney 1991" in table.loc["resource_based", "references"]
    assert "Dunning 1988" in table.loc["economic", "references"]
    assert theories.theories_with_unit("firm") == [
        "economic",
        "stage",
        "integrated",
        "resource_based",
        "dynamic_capabilities",
        "institutional",
    ]
    assert theories.theories_with_construct_level("environment") == ["institutional"]
    assert theories.theories_with_speed("not addressed") == ["economic"]


def test_table_is_a_fresh_copy():
    first = theories.comparison_table()
    first.loc[0, "speed"] = "changed"
    assert theories.comparison_table().loc[0, "speed"] == "not addressed"


def test_cases_are_invented_unique_and_each_has_a_valid_answer():
    ids = theories.case_ids()
    assert 5 <= len(ids) <= 8 and len(set(ids)) == len(ids)
    for c in CASES:
        assert c.best in THEORIES
        assert c.best not in c.partial, "a partial remark cannot be about the right answer"
        assert c.best not in c.supporting
        assert set(c.partial) <= set(THEORIES) and set(c.supporting) <= set(THEORIES)
        assert not set(c.partial) & set(c.supporting)
        assert c.story and c.why and c.clue
    assert any(c.supporting for c in CASES), "the cases allow more than one defensible theory"
    assert len({c.best for c in CASES}) == len(CASES), "each case illustrates a different theory"


def test_cases_table_hides_the_answers():
    table = theories.cases_table()
    assert list(table.columns) == ["case_id", "title", "story"]
    assert list(table["case_id"]) == theories.case_ids()


def test_answer_key_agrees_with_best_theory_and_match_case():
    key = theories.answer_key()
    assert list(key) == theories.case_ids()
    for case_id, theory in key.items():
        assert theories.best_theory(case_id) == theory
        assert match_case(case_id, theory).correct


@given(case_id=st.sampled_from([c.case_id for c in CASES]), theory=st.sampled_from(THEORIES))
def test_exactly_the_best_theory_is_right_and_a_wrong_choice_never_names_it(case_id, theory):
    verdict = match_case(case_id, theory)
    best = theories.best_theory(case_id)
    assert verdict.correct == (theory == best)
    assert bool(verdict) == verdict.correct
    assert verdict.partly == (theory in theories.case(case_id).supporting)
    assert (theory in theories.defensible(case_id)) == (verdict.correct or verdict.partly)
    if not verdict.correct:
        assert verdict.message.startswith("Partly." if verdict.partly else "Not quite.")
        assert "Clue:" in verdict.message
        assert theories.THEORY_NAMES[best] not in verdict.message
    else:
        assert verdict.message.startswith("Yes.")


def test_stage_case_climbs_the_chain_within_one_market():
    """The review's defect: the establishment chain runs within a market, not across four."""
    story = theories.case("fjord_furniture").story
    for step in (
        "occasional orders from Swedish",
        "agent in Stockholm",
        "sales office there",
        "workshop near Gothenburg",
    ):
        assert step in story


def test_a_supporting_choice_is_partly_right_and_the_dominant_names_the_supporters():
    partly = match_case("baltic_enzymes", "institutional")
    assert partly.partly and not partly.correct
    assert "supporting mechanism" in partly.message
    right = match_case("baltic_enzymes", "economic")
    assert "Supporting mechanisms:" in right.message
    assert theories.THEORY_NAMES["resource_based"] in right.message
    assert theories.defensible("baltic_enzymes") == ["economic", "resource_based", "institutional"]


def test_partial_remarks_are_used():
    c = theories.case("fjord_furniture")
    assert c.partial["integrated"] in match_case("fjord_furniture", "integrated").message


def test_theory_ids_are_forgiving_about_case_and_separators():
    assert match_case("microvalve", "Resource-based").correct
    assert match_case("tecelagem", "dynamic capabilities").correct


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: match_case("microvalve", "uppsala"), ValueError, "Unknown theory 'uppsala'"),
        (lambda: match_case("microvalve", "netwrk"), ValueError, "Did you mean 'network'"),
        (lambda: match_case("microvalve", 3), TypeError, "theory must be one of the ids"),
        (lambda: match_case("microvalves", "network"), ValueError, "Did you mean 'microvalve'"),
        (lambda: match_case(None, "network"), TypeError, "case_id must be a string"),
        (lambda: theories.theory_row("rbv"), ValueError, "Valid ids"),
        (lambda: theories.theories_with_unit("nation"), ValueError, "unit must be one of"),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_theory_row():
    row = theories.theory_row("network")
    assert row["name"] == "Network approach"
    assert "Johanson & Mattsson 1988" in row["references"]


# ---- the widget ----------------------------------------------------------------------------


def test_widget_builds_with_a_case_and_no_choice():
    from coursekit.widgets.theories import theory_matcher

    box = theory_matcher()
    assert set(box.controls) == {"case", "theory"}
    assert box.controls["theory"].value is None
    assert "invented case" in box.outputs["story"].value
    assert CASES[0].title in box.outputs["story"].value
    assert "Choose the theory" in box.outputs["feedback"].value


def test_widget_feedback_follows_the_choice():
    from coursekit.widgets.theories import feedback_html, theory_matcher

    box = theory_matcher(case_id="alpine_gears")
    box.controls["theory"].value = "stage"
    box.update()  # call the handler directly: ipywidgets swallows errors in observers
    assert "Not quite" in box.outputs["feedback"].value
    box.controls["theory"].value = "network"
    box.update()
    assert "Yes." in box.outputs["feedback"].value
    assert box.outputs["feedback"].value == feedback_html("alpine_gears", "network")


def test_widget_new_case_clears_the_choice():
    from coursekit.widgets.theories import theory_matcher

    box = theory_matcher(case_id="alpine_gears", theory="network")
    assert "Yes." in box.outputs["feedback"].value
    box.controls["case"].value = "pesa_pay"
    assert box.controls["theory"].value is None
    box.update()
    assert "PesaPay" in box.outputs["story"].value
    assert "Choose the theory" in box.outputs["feedback"].value


def test_widget_bad_arguments():
    from coursekit.widgets.theories import theory_matcher

    with pytest.raises(ValueError, match="Unknown case"):
        theory_matcher(case_id="acme")
    with pytest.raises(ValueError, match="Unknown theory"):
        theory_matcher(theory="marxist")


def test_feedback_html_shows_the_row_of_the_chosen_theory():
    from coursekit.widgets.theories import feedback_html

    out = feedback_html("pesa_pay", "institutional")
    assert "Institutional theory" in out and "mechanism" in out
    assert "rules of the game" in out


# ---- the widget's bad input: its builder and drawing functions -----------------------------------


def test_theory_matcher_bad_case_and_theory():
    from coursekit.widgets.theories import theory_matcher

    with no_widget_built(), pytest.raises(ValueError, match="Unknown case 'nope'"):
        theory_matcher(case_id="nope")
    with no_widget_built(), pytest.raises(TypeError, match="case_id must be a string"):
        theory_matcher(case_id=3)
    with no_widget_built(), pytest.raises(ValueError, match="Unknown theory 'upsala'"):
        theory_matcher(theory="upsala")
    with no_widget_built(), pytest.raises(TypeError, match="theory must be one of the ids"):
        theory_matcher(theory=3)


def test_speed_filter_and_case_for():
    assert theories.theories_with_speed("slow") == ["stage"]
    assert theories.theories_with_speed("fast") == ["born_global"]
    all_ids = sum((theories.theories_with_speed(s) for s in theories.SPEEDS), [])
    assert sorted(all_ids) == sorted(THEORIES)
    for c in CASES:
        assert theories.case_for(c.best) == c.case_id
    with pytest.raises(ValueError, match="no case illustrates 'integrated'"):
        theories.case_for("integrated")
    with pytest.raises(ValueError, match="speed must be one of slow, variable, fast"):
        theories.theories_with_speed("quick")
    with pytest.raises(ValueError, match="level must be one of firm, relationships"):
        theories.theories_with_construct_level("nation")


# ---- bad input, one call per check (issue 9) -------------------------------------------------


@pytest.mark.parametrize(
    ("theory", "error", "words"),
    [
        ("uppsala", ValueError, r"Unknown theory 'uppsala'. Valid ids: economic, stage, network"),
        ("netwrk", ValueError, r"Did you mean 'network'\?"),
        ("", ValueError, "Unknown theory ''"),
        (None, TypeError, "theory must be one of the ids economic, stage, network"),
        (["stage"], TypeError, "theory must be one of the ids"),
    ],
)
def test_bad_theory_is_named(theory, error, words):
    with pytest.raises(error, match=words):
        theories.theory_row(theory)
    with pytest.raises(error, match=words):
        match_case("microvalve", theory)


@pytest.mark.parametrize(
    ("case_id", "error", "words"),
    [
        ("microvalves", ValueError, r"Unknown case 'microvalves'. Did you mean 'microvalve'\?"),
        ("atlantis", ValueError, "Valid ids: fjord_furniture, alpine_gears"),
        (3, TypeError, "case_id must be a string such as 'microvalve', not int"),
        (None, TypeError, "case_id must be a string"),
    ],
)
def test_bad_case_id_is_named(case_id, error, words):
    with pytest.raises(error, match=words):
        theories.case(case_id)
    with pytest.raises(error, match=words):
        theories.best_theory(case_id)
    with pytest.raises(error, match=words):
        match_case(case_id, "network")


def test_bad_unit_and_speed():
    with pytest.raises(ValueError, match="unit must be one of firm, firm in its network, new"):
        theories.theories_with_unit("nation")
    with pytest.raises(TypeError, match="unit must be one of .* \\(text\\), not int"):
        theories.theories_with_unit(1)
    with pytest.raises(
        TypeError, match="speed must be one of slow, variable, fast, not addressed \\(text\\)"
    ):
        theories.theories_with_speed(None)


def _case_fields(**change):
    fields = {
        "case_id": "new_case",
        "title": "New Case (invented)",
        "story": "A firm did something.",
        "best": "network",
        "why": "Because of its partners.",
        "clue": "Who opened the door?",
        "partial": {"stage": "Not gradual here."},
    }
    return {**fields, **change}


def test_a_teacher_can_add_a_valid_case():
    made = theories.Case(**_case_fields())
    assert made.best == "network" and made.partial == {"stage": "Not gradual here."}


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"best": "netwrk"}, ValueError, r"Unknown theory 'netwrk'. Did you mean 'network'\?"),
        ({"best": "Network"}, ValueError, "best must be a theory id exactly as in THEORIES"),
        ({"best": None}, TypeError, "theory must be one of the ids"),
        ({"title": ""}, ValueError, "title must not be empty"),
        ({"story": 42}, TypeError, "story must be text \\(a str\\), not int"),
        ({"partial": ["stage"]}, TypeError, "partial must be a dict of theory id -> remark"),
        ({"partial": {"rbv": "x"}}, ValueError, "Unknown theory 'rbv'"),
        ({"partial": {"stage": None}}, TypeError, "the remark for 'stage' in partial must be"),
        ({"partial": {"network": "x"}}, ValueError, "partial has a remark for 'network', the best"),
        ({"supporting": ["stage"]}, TypeError, "supporting must be a dict of theory id"),
        ({"supporting": {"network": "x"}}, ValueError, "supporting names 'network', the dominant"),
        ({"supporting": {"stage": "x"}}, ValueError, r"\['stage'\] appear in both supporting"),
    ],
)
def test_case_checks_its_fields(change, error, words):
    with pytest.raises(error, match=words):
        theories.Case(**_case_fields(**change))


@pytest.mark.parametrize(
    ("fields", "error", "words"),
    [
        (("microvalve", "rbv", True, "Yes."), ValueError, "Unknown theory 'rbv'"),
        (("microvalve", "network", "yes", "Yes."), TypeError, "correct must be True or False"),
        (("microvalve", "network", False, ""), ValueError, "message must not be empty"),
        (("microvalve", "network", True, "Yes.", True), ValueError, "either the dominant"),
        ((None, "network", False, "No."), TypeError, "case_id must be text"),
    ],
)
def test_feedback_checks_its_fields(fields, error, words):
    with pytest.raises(error, match=words):
        theories.Feedback(*fields)


def test_defensible_names_a_bad_case_id():
    with pytest.raises(ValueError, match="Unknown case 'atlantis'"):
        theories.defensible("atlantis")
    with pytest.raises(TypeError, match="case_id must be a string"):
        theories.defensible(7)


# ---- documented cases (data table case_studies) ---------------------------------------------


def _bib_keys() -> set[str]:
    return set(re.findall(r"^@\w+\{([^,]+),", BIB.read_text(encoding="utf-8"), flags=re.M))


def test_documented_cases_are_cited_coded_and_at_least_three():
    table = theories.documented_cases()
    assert len(table) >= 3 and table["case_id"].is_unique
    assert set(table["source"]) <= _bib_keys(), "every documented case cites a bib entry"
    for column, allowed in theories.CODES.items():
        assert set(table[column]) <= set(allowed), column
    assert set(table["dominant"]) <= set(THEORIES)
    # the documented cases are not the invented ones, and vice versa
    assert not set(table["case_id"]) & set(theories.case_ids())
    assert all(c.source is None for c in CASES)


def test_the_matcher_works_on_documented_cases():
    key = theories.documented_answer_key()
    assert list(key) == theories.documented_ids()
    table = theories.documented_cases().set_index("case_id")
    for case_id, dominant in key.items():
        assert dominant == table.loc[case_id, "dominant"]
        assert match_case(case_id, dominant).correct
        c = theories.case(case_id)
        assert c.source == table.loc[case_id, "source"]
        assert c.story == table.loc[case_id, "reported"]
        for theory in c.supporting:
            verdict = match_case(case_id, theory)
            assert verdict.partly and not verdict.correct
        assert theories.defensible(case_id) == [dominant, *c.supporting]
        wrong = next(t for t in THEORIES if t not in theories.defensible(case_id))
        verdict = match_case(case_id, wrong)
        assert verdict.message.startswith("Not quite.") and c.clue in verdict.message


def test_documented_table_hides_the_coding():
    table = theories.documented_table()
    assert list(table.columns) == ["case_id", "firm", "home", "sector", "source", "reported"]


def _recompute(checks, theory, unknown):
    column = checks[theory]
    known = [bool(v) for v in column if v is not pd.NA]
    total = len(known) if unknown == "skip" else len(column)
    return sum(known) / total


@pytest.mark.parametrize("theory", sorted(theories.PREDICTIONS))
def test_hit_rate_counts_unknown_cases_as_told(theory):
    checks = theories.prediction_checks()
    assert list(checks.index) == list(theories.documented_cases()["case_id"])
    skip = theories.hit_rate(theory)
    fail = theories.hit_rate(theory, unknown="fail")
    assert skip == pytest.approx(_recompute(checks, theory, "skip"))
    assert fail == pytest.approx(_recompute(checks, theory, "fail"))
    assert 0 <= fail <= skip <= 1
    # the two rules agree exactly when no case is unknown for this theory
    assert (fail == skip) == (not checks[theory].isna().any() or skip == 0)


def test_prediction_checks_follow_the_coding():
    checks = theories.prediction_checks()
    table = theories.documented_cases().set_index("case_id")
    for case_id, row in table.iterrows():
        network = checks.loc[case_id, "network"]
        if row["markets_chosen_by"] == "not reported":
            assert network is pd.NA
        else:
            assert bool(network) == (row["markets_chosen_by"] == "partners")
        if row["speed"] not in ("gradual", "not reported"):
            assert checks.loc[case_id, "stage"] is not pd.NA and not checks.loc[case_id, "stage"]


three = st.sampled_from([True, False, None])


@given(st.lists(three, min_size=1, max_size=5))
def test_three_valued_and(values):
    result = theories._and(*values)
    if False in values:
        assert result is False
    elif None in values:
        assert result is None
    else:
        assert result is True
    assert theories._and(*reversed(values)) is result  # order does not matter


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"theory": "institutional"}, ValueError, "theory must be one with a prediction"),
        ({"theory": "netwrk"}, ValueError, "Did you mean 'network'"),
        ({"theory": 3}, TypeError, "theory must be one of the ids"),
        ({"theory": "stage", "unknown": "drop"}, ValueError, "unknown must be 'skip' or 'fail'"),
        ({"theory": "stage", "unknown": None}, ValueError, "unknown must be 'skip' or 'fail'"),
    ],
)
def test_hit_rate_bad_input(kwargs, error, words):
    with pytest.raises(error, match=words):
        theories.hit_rate(**kwargs)


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("speed", "fast", r"case_studies.speed has codes \['fast'\]"),
        ("dominant", "uppsala", "Unknown theory 'uppsala'"),
        ("supporting", "rbv", "Unknown theory 'rbv'"),
        ("supporting_note", "none", "supporting theories need a supporting_note"),
    ],
)
def test_documented_coding_is_checked(column, value, words):
    table = theories.documented_cases()
    row = table.index[table["supporting"] != "none"][0]
    table.loc[row, column] = value
    with pytest.raises(ValueError, match=words):
        theories._check_documented(table)


def test_documented_dominant_cannot_also_support():
    table = theories.documented_cases()
    row = table.index[table["supporting"] != "none"][0]
    table.loc[row, "supporting"] = table.loc[row, "dominant"]
    with pytest.raises(ValueError, match="dominant theory is also listed as supporting"):
        theories._check_documented(table)


def test_an_unknown_case_lists_both_kinds_of_id():
    with pytest.raises(ValueError, match=r"\(invented\); .*logitech.* \(documented\)"):
        theories.case("atlantis")
    with pytest.raises(ValueError, match="Did you mean 'logitech'"):
        theories.case("logitec")


def test_every_row_of_the_table_has_evidence_with_a_study():
    table = theories.comparison_table()
    for theory, text in zip(table["theory"], table["evidence"], strict=True):
        assert re.search(r"(19|20)\d\d", text), f"{theory}: the evidence names no study"


# ---- a whole matching, read as the chapter reads it (dominant or supporting) -------------


_SUPPORTED = [(c.case_id, t) for c in CASES for t in c.supporting]


def test_review_of_the_dominant_answers_passes():
    review = theories.review_matches(theories.answer_key())
    assert review["case_id"].tolist() == theories.case_ids()
    assert (review["verdict"] == "dominant").all() and review["passed"].all()
    assert review.attrs == {"passed": True, "dominant": len(CASES)}
    assert all(text.startswith("Yes.") for text in review["feedback"])


@pytest.mark.parametrize(("case_id", "theory"), _SUPPORTED)
def test_a_supporting_answer_passes_and_the_feedback_names_the_dominant_mechanism(case_id, theory):
    c = theories.case(case_id)
    review = theories.review_matches({**theories.answer_key(), case_id: theory})
    row = review.set_index("case_id").loc[case_id]
    assert row["verdict"] == "defensible" and row["passed"]
    assert row["feedback"].startswith(
        f"Defensible, but the dominant mechanism is {theories.THEORY_NAMES[c.best]} ({c.best})."
    )
    assert c.supporting[theory] in row["feedback"] and c.why in row["feedback"]
    assert review.attrs == {"passed": True, "dominant": len(CASES) - 1}


@given(
    case_id=st.sampled_from(theories.case_ids()),
    theory=st.sampled_from(THEORIES),
)
def test_an_answer_passes_exactly_when_the_case_supports_it(case_id, theory):
    c = theories.case(case_id)
    row = theories.review_matches({case_id: theory}).iloc[0]
    assert row["passed"] == (theory in theories.defensible(case_id))
    if not row["passed"]:
        # a wrong answer fails, and its feedback does not give the answer away
        assert row["verdict"] == "not supported"
        assert row["feedback"] == match_case(case_id, theory).message
        assert theories.THEORY_NAMES[c.best] not in row["feedback"]


def test_a_wrong_or_missing_answer_fails_the_whole_matching():
    wrong = theories.review_matches({**theories.answer_key(), "fjord_furniture": "born_global"})
    assert not wrong.attrs["passed"]
    assert wrong.set_index("case_id").loc["fjord_furniture", "verdict"] == "not supported"
    blank = theories.review_matches({"microvalve": ..., "tecelagem": "resource_based"})
    assert blank["verdict"].tolist() == ["not answered", "defensible"]
    assert not blank.attrs["passed"]


def test_review_works_on_documented_cases():
    review = theories.review_matches(theories.documented_answer_key())
    assert review.attrs["passed"] and (review["verdict"] == "dominant").all()


@pytest.mark.parametrize(
    ("answers", "error", "words"),
    [
        (["microvalve", "stage"], TypeError, "answers must be a dict {case_id: theory_id}"),
        ({}, ValueError, "answers is empty"),
        ({"microvalv": "stage"}, ValueError, "Did you mean 'microvalve'"),
        ({"microvalve": "stages"}, ValueError, "Unknown theory 'stages'"),
        ({"microvalve": 3}, TypeError, "theory must be one of the ids"),
    ],
)
def test_review_bad_input_is_named(answers, error, words):
    with pytest.raises(error, match=re.escape(words)):
        theories.review_matches(answers)
