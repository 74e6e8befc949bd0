"""check() never raises on a student's answer; answers survive the trip to the grader."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import _answers, checks

QUESTIONS = checks.questions()


class Hostile:
    """An answer whose every dunder raises, as a student's odd object might."""

    def __eq__(self, other):
        raise RuntimeError("no comparing")

    def __hash__(self):
        raise RuntimeError("no hashing")

    def __float__(self):
        raise RuntimeError("no float")

    def __iter__(self):
        raise RuntimeError("no iterating")

    def __len__(self):
        raise RuntimeError("no len")

    def __repr__(self):
        raise RuntimeError("no repr")

    def __str__(self):
        raise RuntimeError("no str")


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=50),
    st.just(Ellipsis),
)
answers = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.text(max_size=8), inner, max_size=4),
        st.lists(inner, max_size=5).map(tuple),
    ),
    max_leaves=12,
)
ODD = (
    Hostile(),
    [[1, 2]],
    [{"a": 1}],
    pd.Series([1.0, float("nan")], index=["a", "b"]),
    pd.DataFrame({"a": [1, 2]}),
    np.array([[1, 2], [3, 4]]),
    np.float64("nan"),
    10**400,
    {"x": Hostile()},
    [Hostile()],
    lambda **kw: Hostile(),
    lambda **kw: 1 / 0,
    lambda **kw: 10**400,
    object(),
)
# Hypothesis hashes and prints what it draws: draw an index, not the hostile object itself.
odd = st.integers(0, len(ODD) - 1).map(lambda i: ODD[i])


@settings(max_examples=300, deadline=None)
@given(q=st.sampled_from(QUESTIONS), answer=st.one_of(answers, odd))
def test_check_never_raises_and_answers_are_recorded_safely(q, answer):
    result = checks.check(q.qid, answer)
    assert result.status in checks.STATUSES
    assert 0 <= result.points <= q.points
    repr(result), result._repr_html_()
    # The grader's view of the same answer: encoded, decoded, judged; never raises either.
    node = _answers.encode(answer)
    again = checks.judge(q, _answers.decode(node))
    assert again.status in checks.STATUSES
    if again.passed:
        assert result.passed


@pytest.mark.parametrize(
    "answer, shown",
    [
        (None, "your answer is None"),
        (10**400, "too large"),
        (float("inf"), "infinite"),
        (Hostile(), "expected a number"),
    ],
)
def test_unreadable_numbers_say_why(answer, shown):
    q = next(q for q in QUESTIONS if q.kind == "number")
    result = checks.check(q.qid, answer)
    assert result.status == "invalid" and shown in result.message


plain = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**300), max_value=10**300),  # within MAX_INT_DIGITS
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=50),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(plain)
def test_encoding_round_trips_plain_answers(answer):
    back = _answers.decode(_answers.encode(answer))

    def same(a, b):
        if isinstance(a, float) and math.isnan(a):
            return isinstance(b, float) and math.isnan(b)
        if isinstance(a, (list, tuple)):
            return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
        if isinstance(a, dict):
            return isinstance(b, dict) and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
        return type(a) is type(b) and a == b

    assert same(answer, back)


@pytest.mark.parametrize(
    "forged",
    [
        {"t": "float", "v": "1" * 100},
        {"t": "int", "v": 5},
        {"t": "list", "v": [{"t": "none"}] * (_answers.MAX_ITEMS + 1)},
        {"t": "code", "v": "import os"},
        {"t": "dict", "v": [[{"t": "list", "v": []}, {"t": "none"}]]},
        ["not", "a", "node"],
    ],
)
def test_forged_records_are_refused(forged):
    with pytest.raises(_answers.DecodeError):
        _answers.decode(forged)


def test_written_questions_record_text_and_keep_the_rubric_for_the_instructor(tmp_path):
    q = checks.Question(
        "chXX.essay", "Argue a choice.", "written", None, rubric="2 points: ...", min_words=5
    )
    assert checks.judge(q, "Too short.").status == "incorrect"
    recorded = checks.judge(q, "Five words make an answer here.")
    assert recorded.status == "recorded" and recorded.points == 0
    assert "2 points" not in repr(recorded) + recorded._repr_html_()
    assert checks.judge(q, 42).status == "invalid"
    assert checks.judge(q, "   ").status == "not_attempted"
