"""The check engine: every kind of question, every way an answer can be wrong, never a traceback."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from coursekit import checks
from coursekit.checks import Question, _evaluate, check

ALL_QUESTIONS = checks.questions()


def make(kind: str, expected, **extra) -> Question:
    return Question(qid="t.q", prompt="", kind=kind, expected=expected, hint="think again", **extra)


def verdict(q: Question, answer):
    try:
        return _evaluate(q, answer).status
    except checks._Invalid:
        return "invalid"


@pytest.mark.parametrize(
    ("q", "right", "wrong", "unreadable"),
    [
        (make("number", 2.5, rel_tol=0.01), 2.51, 2.7, "two"),
        (make("bool", True), True, False, "yes"),
        (make("text", "Power distance"), "  power   DISTANCE ", "individualism", 3),
        (make("choice", "b", options=("a", "b")), "B", "a", "c"),
        (make("multi", ["x", "y"]), {"y", "x"}, ["x"], 7),
        (make("sequence", ["a", "b", "c"]), ("a", "b", "c"), ["a", "c", "b"], ["a"]),
        (
            make("mapping", {"k1": "v1", "k2": 2.0}),
            {"K1": "v1", "k2": 2},
            {"k1": "v2", "k2": 2},
            {"zz": 1},
        ),
    ],
)
def test_each_kind_passes_right_fails_wrong_and_explains_unreadable(q, right, wrong, unreadable):
    assert verdict(q, right) == "correct"
    assert verdict(q, wrong) == "incorrect"
    assert verdict(q, unreadable) == "invalid"


def test_function_kind_compares_with_the_reference_on_each_case():
    q = make("function", {"call": "statistics:fmean"}, cases=({"data": [3, 4]}, {"data": [1]}))
    assert verdict(q, lambda data: sum(data) / len(data)) == "correct"
    assert verdict(q, lambda data: max(data)) == "incorrect"
    assert _evaluate(q, lambda data: None).status == "not_attempted"
    raised = _evaluate(q, lambda data: 1 / 0)
    assert raised.status == "incorrect" and "ZeroDivisionError" in raised.message
    assert verdict(q, 42) == "invalid"


def test_number_rejects_nan_and_arrays_with_a_reason():
    q = make("number", 1.0)
    with pytest.raises(checks._Invalid, match="NaN"):
        _evaluate(q, float("nan"))
    with pytest.raises(checks._Invalid, match="single number"):
        _evaluate(q, np.array([1.0]))
    assert _evaluate(q, np.float64(1.0)).passed


def test_mapping_gives_feedback_per_key_and_partial_points_without_revealing_values():
    q = make("mapping", {"currency risk": "hedging", "red tape": "agent"})
    result = _evaluate(q, {"currency risk": "hedging", "red tape": "subsidiary"})
    assert result.status == "incorrect"
    assert result.points == pytest.approx(0.5)
    assert "red tape: not yet" in result.details
    assert "agent" not in repr(result)


def test_mapping_gives_an_also_accepted_answer_its_point_without_naming_the_expected_one():
    q = checks.Question(
        qid="ch05.t",
        prompt="",
        kind="mapping",
        expected={"a": "stage", "b": "network"},
        also_accepted={"a": ["economic"]},
    )
    result = _evaluate(q, {"a": "economic", "b": "network"})
    assert result.passed and result.points == q.points
    assert "a: defensible, but not the answer expected first" in result.details
    assert "stage" not in repr(result)
    expected_first = _evaluate(q, {"a": "stage", "b": "network"})
    assert expected_first.passed and "defensible" not in repr(expected_first)
    # an alternative for one key is not accepted for another
    assert not _evaluate(q, {"a": "stage", "b": "economic"}).passed


@pytest.mark.parametrize("kind", ["sequence", "multi"])
def test_a_series_of_scores_for_a_list_of_names_points_to_its_index(kind):
    q = checks.Question(qid="ch10.t", prompt="", kind=kind, expected=["CHE", "AUT"])
    scores = pd.Series({"CHE": 0.1, "AUT": 0.2})
    result = checks.judge(q, scores)
    assert result.status == "invalid" and ".index" in result.message
    assert checks.judge(q, scores.index).passed
    assert checks.judge(q, pd.Series(["CHE", "AUT"])).passed


def test_also_accepted_belongs_to_mapping_questions_only():
    with pytest.raises(ValueError, match="also_accepted.*mapping"):
        checks.specs_from_toml(
            "ch10", {"x": {"kind": "text", "expected": "a", "also_accepted": {"x": ["b"]}}}
        )


@pytest.mark.parametrize("q", ALL_QUESTIONS, ids=[q.qid for q in ALL_QUESTIONS])
def test_every_registered_question_is_well_formed(q):
    assert q.prompt, f"{q.qid} has no prompt"
    assert q.hint, f"{q.qid} has no hint"
    placeholder = check(q.qid, ...)
    assert placeholder.status == "not_attempted"
    assert "not answered" in repr(placeholder).lower()
    if q.kind == "written":
        assert q.rubric, f"{q.qid}: a written question needs a rubric for the instructor"
        enough = " ".join(["word"] * max(q.min_words, 1))
        assert check(q.qid, enough).status == "recorded"
    elif q.kind != "function":
        expected = checks._resolve_expected(q.expected)  # the data behind it must exist
        assert check(q.qid, expected).passed, f"{q.qid}: its own expected value does not pass"
    # a clearly unreadable answer never raises
    assert check(q.qid, object()).status in ("invalid", "incorrect")


def test_unknown_question_is_reported_not_raised():
    result = check("ch10.kogut_sing", 1.0)
    assert result.status == "invalid" and "Unknown question id" in result.message


def test_wrong_answer_message_never_contains_expected_value():
    for q in ALL_QUESTIONS:
        if q.kind != "number":
            continue
        expected = float(checks._resolve_expected(q.expected))
        result = check(q.qid, expected * 3 + 17)
        assert result.status == "incorrect"
        shown = repr(result) + result._repr_html_()
        assert f"{expected:.2f}" not in shown and f"{expected:.3f}" not in shown


def test_a_graded_run_records_answers_never_verdicts(tmp_path, monkeypatch):
    target = tmp_path / "answers.jsonl"
    monkeypatch.setenv("COURSEKIT_ANSWERS_FILE", str(target))
    q = next(q for q in ALL_QUESTIONS if q.kind == "number")
    check(q.qid, 2.5)
    line = json.loads(target.read_text().splitlines()[-1])
    assert line == {"qid": q.qid, "answer": {"t": "float", "v": "2.5"}}
    assert "status" not in line and "points" not in line


def test_progress_reflects_the_session():
    checks.reset_session()
    chapter = ALL_QUESTIONS[0].qid.split(".")[0]
    specs = checks.questions(chapter)
    before = checks.progress(chapter)
    assert before.passed == 0 and len(before.rows) == len(specs)
    first = specs[0]
    if first.kind != "function":
        check(first.qid, checks._resolve_expected(first.expected))
        after = checks.progress(chapter)
        assert after.passed == 1
        assert "1 of" in repr(after) and "<li>" in after._repr_html_()


def test_results_have_text_and_html_reprs():
    r = checks.CheckResult("a.b", "incorrect", "that is not it yet.", "a hint", 0, 1)
    assert repr(r).startswith("[a.b] Not yet") and "Hint: a hint" in repr(r)
    assert "coursekit-incorrect" in r._repr_html_()
    assert not r and not r.passed


def test_unknown_chapter_lists_the_known_ones():
    with pytest.raises(ValueError, match="Chapters with questions"):
        checks.questions("ch99")


def test_series_answers_are_accepted_for_lists():
    q = make("sequence", ["a", "b"])
    assert verdict(q, pd.Series(["a", "b"])) == "correct"


def test_mapping_of_placeholders_is_not_answered_yet():
    q = make("mapping", {"a": "x", "b": "y"})
    assert _evaluate(q, {"a": ..., "b": ...}).status == "not_attempted"
    assert _evaluate(q, {"a": "x", "b": ...}).status == "incorrect"


# ---- bad input: ids, chapters and records (a student's *answer* never raises) ---------------


@pytest.mark.parametrize(
    ("qid", "error", "message"),
    [
        ("kogut_singh", ValueError, r"A question id looks like 'ch10\.kogut_singh', not 'kogut_"),
        ("ch10.kogut_sing", ValueError, r"Unknown question id 'ch10\.kogut_sing'\. Did you mean"),
        ("ch99.anything", ValueError, r"Unknown question id 'ch99\.anything'"),
        (10, TypeError, r"A question id is text like 'ch10\.kogut_singh' .* not int 10"),
        (None, TypeError, r"A question id is text .* not NoneType None"),
    ],
)
def test_question_rejects_bad_ids(qid, error, message):
    with pytest.raises(error, match=message):
        checks.question(qid)


@pytest.mark.parametrize("qid", [0.42, None, ["ch10.symmetric"]])
def test_check_with_an_answer_in_place_of_the_id_says_so(qid):
    with pytest.raises(TypeError, match=r"check takes the id first, then your answer"):
        check(qid, 0.42)


def test_check_reports_an_unknown_id_but_raises_on_a_non_text_id():
    assert check("ch10.nope", 1).status == "invalid"
    with pytest.raises(TypeError, match=r"A question id is text like .* not float 1\.5"):
        check(1.5)


@pytest.mark.parametrize(
    ("chapter", "error", "message"),
    [
        ("ch99", ValueError, r"No questions for chapter 'ch99'\. Chapters with questions: ch"),
        ("", ValueError, r"chapter must be a chapter id such as 'ch10', not ''"),
        (None, TypeError, r"chapter must be a chapter id such as 'ch10', not NoneType"),
        (10, TypeError, r"chapter must be a chapter id such as 'ch10', not int 10"),
    ],
)
def test_progress_rejects_bad_chapters(chapter, error, message):
    with pytest.raises(error, match=message):
        checks.progress(chapter)


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"kind": "numbr"}, ValueError, r"t\.q: kind must be one of number, text, .* 'numbr'"),
        ({"qid": 3}, TypeError, r"Question qid must be text like 'ch10\.kogut_singh', not int"),
        ({"qid": " "}, ValueError, r"Question qid must not be empty"),
        ({"rel_tol": -0.1}, ValueError, r"t\.q: rel_tol must be a finite number of at least 0"),
        ({"abs_tol": "0.1"}, TypeError, r"t\.q: abs_tol must be a number, not str"),
        ({"points": float("nan")}, ValueError, r"t\.q: points must be a finite number"),
        ({"options": ["a", "b"]}, TypeError, r"t\.q: options must be a tuple, not list"),
        ({"cases": {"x": 1}}, TypeError, r"t\.q: cases must be a tuple, not dict"),
    ],
)
def test_question_spec_rejects_bad_fields(fields, error, message):
    spec = {"qid": "t.q", "prompt": "", "kind": "number", "expected": 1.0, **fields}
    with pytest.raises(error, match=message):
        Question(**spec)


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"status": "passed"}, ValueError, r"status must be one of 'correct', 'incorrect', "),
        ({"qid": None}, TypeError, r"qid must be a question id \(a str\), not NoneType"),
        ({"points": -1}, ValueError, r"points must be a finite number of at least 0, not -1"),
        ({"max_points": "1"}, TypeError, r"max_points must be a number, not str"),
        ({"details": ["a line"]}, TypeError, r"details must be a tuple of lines, not list"),
    ],
)
def test_check_result_rejects_bad_fields(fields, error, message):
    record = {"qid": "a.b", "status": "correct", "message": "well done.", **fields}
    with pytest.raises(error, match=message):
        checks.CheckResult(**record)


def test_the_instructor_guides_example_questions_load_and_the_expected_value_passes():
    import re
    import tomllib
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[1] / "book" / "instructor_guide.md").read_text()
    block = re.search(r"\*\*Add a question\.\*\*.*?```toml\n(.*?)```", guide, re.S).group(1)
    specs = checks.specs_from_toml("ch10", tomllib.loads(block))
    number, essay = specs["ch10.deu_bra_distance"], specs["ch10.distance_or_networks"]
    assert checks.judge(number, checks._resolve_expected(number.expected)).passed
    assert essay.kind == "written" and essay.rubric
    assert checks.judge(essay, "word " * 100).status == "recorded"


def test_an_unknown_key_in_a_question_is_an_error():
    with pytest.raises(ValueError, match="unknown key.*rel_tl"):
        checks.specs_from_toml("ch10", {"x": {"kind": "number", "expected": 1, "rel_tl": 0.1}})


def test_every_kind_has_one_judge():
    assert set(checks._JUDGES) == set(checks.KINDS)
