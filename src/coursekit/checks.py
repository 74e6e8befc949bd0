"""Exercise checks: question specs are data (TOML); one pure evaluator gives the verdict.

A student calls ``coursekit.check("ch10.kogut_singh", answer)`` and gets a :class:`CheckResult`
whose text says *correct*, *not yet* (with a hint), *not answered yet* (for ``...``), *recorded*
(a written answer, marked by the instructor with a rubric) or why the answer could not be read.
A check never raises on a student's answer and never reveals the expected value of a question
the student got wrong.

When ``coursekit grade`` runs a notebook it sets ``COURSEKIT_ANSWERS_FILE``: each check then also
appends the student's *answer* (never a verdict) to that file, encoded by
:mod:`coursekit._answers`. The grader judges those answers itself with :func:`judge`, in its own
process, so nothing a notebook writes can become a score.
"""

from __future__ import annotations

import html
import importlib
import json
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import numpy as np
import pandas as pd

from coursekit import _answers

__all__ = [
    "CheckResult",
    "Question",
    "check",
    "progress",
    "question",
    "questions",
    "chapters",
    "reset_session",
    "judge",
    "judge_function_outputs",
]

KINDS = (
    "number",
    "text",
    "choice",
    "multi",
    "sequence",
    "mapping",
    "country",
    "function",
    "bool",
    "written",
)
# "recorded": a written answer was received; the instructor marks it with the question's rubric.
STATUSES = ("correct", "incorrect", "not_attempted", "invalid", "recorded")


@dataclass(frozen=True)
class Question:
    """One question spec, as read from ``questions/chNN_<slug>.toml``."""

    qid: str
    prompt: str
    kind: str
    expected: Any
    hint: str = ""
    rel_tol: float = 1e-6
    abs_tol: float = 0.0
    options: tuple[str, ...] = ()
    normalize: str = ""
    cases: tuple[Mapping[str, Any], ...] = ()
    points: float = 1.0
    success: str = ""
    rubric: str = ""  # written questions: for the instructor's marking, never shown by check()
    min_words: int = 0
    # mapping questions: {key: [other values that earn the key's point]}, e.g. a supporting
    # mechanism where the chapter says theories complement each other (a call, like expected)
    also_accepted: Any = None

    def __post_init__(self) -> None:
        if not isinstance(self.qid, str):
            raise TypeError(
                f"Question qid must be text like 'ch10.kogut_singh', not {type(self.qid).__name__}"
            )
        if not self.qid.strip():
            raise ValueError("Question qid must not be empty; use an id like 'ch10.kogut_singh'")
        if self.kind not in KINDS:
            raise ValueError(
                f"{self.qid}: kind must be one of {', '.join(KINDS)}, not {self.kind!r}"
            )
        for name in ("rel_tol", "abs_tol", "points"):
            _non_negative(getattr(self, name), f"{self.qid}: {name}")
        for name in ("options", "cases"):
            if not isinstance(getattr(self, name), tuple):
                raise TypeError(
                    f"{self.qid}: {name} must be a tuple, not {type(getattr(self, name)).__name__}"
                )


def _non_negative(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, not {type(value).__name__} {value!r}")
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a finite number of at least 0, not {value!r}")


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one answer: ``passed`` and a message written for the student."""

    qid: str
    status: str
    message: str
    hint: str = ""
    points: float = 0.0
    max_points: float = 1.0
    details: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(
                f"status must be one of {', '.join(map(repr, STATUSES))}, not {self.status!r}"
            )
        if not isinstance(self.qid, str):
            raise TypeError(f"qid must be a question id (a str), not {type(self.qid).__name__}")
        _non_negative(self.points, "points")
        _non_negative(self.max_points, "max_points")
        if not isinstance(self.details, tuple):
            raise TypeError(f"details must be a tuple of lines, not {type(self.details).__name__}")

    @property
    def passed(self) -> bool:
        return self.status == "correct"

    def __bool__(self) -> bool:
        return self.passed

    def _label(self) -> str:
        return {
            "correct": "Correct",
            "incorrect": "Not yet",
            "not_attempted": "Not answered yet",
            "invalid": "Cannot check this answer",
            "recorded": "Recorded",
        }[self.status]

    def __repr__(self) -> str:
        lines = [f"[{self.qid}] {self._label()}: {self.message}"]
        lines += [f"  - {d}" for d in self.details]
        if self.hint and self.status in ("incorrect", "invalid"):
            lines.append(f"  Hint: {self.hint}")
        return "\n".join(lines)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        colour = {
            "correct": "#00704F",
            "incorrect": "#A84A00",
            "not_attempted": "#555555",
            "invalid": "#9B4D7C",
            "recorded": "#1F4E79",
        }[self.status]
        icon = {
            "correct": "✔",
            "incorrect": "✘",
            "not_attempted": "…",
            "invalid": "?",
            "recorded": "✎",
        }[self.status]
        parts = [
            f'<div class="coursekit-check coursekit-{self.status}" '
            f'style="border-left:4px solid {colour};padding:0.3em 0.8em;margin:0.3em 0">',
            f'<strong style="color:{colour}">{icon} {self._label()}</strong> '
            f"<code>{html.escape(self.qid)}</code>: {html.escape(self.message)}",
        ]
        if self.details:
            items = "".join(f"<li>{html.escape(d)}</li>" for d in self.details)
            parts.append(f"<ul>{items}</ul>")
        if self.hint and self.status in ("incorrect", "invalid"):
            parts.append(f"<div><em>Hint:</em> {html.escape(self.hint)}</div>")
        parts.append("</div>")
        return "".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "qid": self.qid,
            "status": self.status,
            "passed": self.passed,
            "points": self.points,
            "max_points": self.max_points,
            "message": self.message,
        }


# --------------------------------------------------------------------------------------------
# Loading specs


def chapters() -> list[str]:
    """The chapters that have questions, e.g. ``['ch10']``."""
    return sorted(_question_files())


def _question_files() -> dict[str, Traversable]:
    """Chapter key -> its question file, named like the chapter's page (``ch10_culture.toml``
    holds the ``ch10.*`` questions)."""
    folder = resources.files("coursekit") / "questions"
    return {
        p.name.split("_", 1)[0]: p
        for p in folder.iterdir()
        if p.name.endswith(".toml") and re.fullmatch(r"ch\d\d_\w+\.toml", p.name)
    }


_SPEC_KEYS = {
    "prompt",
    "kind",
    "expected",
    "hint",
    "rel_tol",
    "abs_tol",
    "options",
    "normalize",
    "cases",
    "points",
    "success",
    "rubric",
    "min_words",
    "also_accepted",
}


@cache
def _chapter_specs(chapter: str) -> dict[str, Question]:
    path = _question_files().get(chapter)
    if path is None:
        raise KeyError(chapter)
    return specs_from_toml(chapter, tomllib.loads(path.read_text(encoding="utf-8")))


def specs_from_toml(chapter: str, raw: Mapping[str, Any]) -> dict[str, Question]:
    """The questions of one chapter's TOML table, checked (known keys, kinds, expected)."""
    specs: dict[str, Question] = {}
    for name, spec in raw.items():
        qid = f"{chapter}.{name}"
        unknown = sorted(set(spec) - _SPEC_KEYS)
        if unknown:  # a typo such as rel_tl would otherwise leave the default silently
            raise ValueError(
                f"{qid}: unknown key(s) {', '.join(unknown)}; a question may have "
                f"{', '.join(sorted(_SPEC_KEYS))}"
            )
        kind = spec.get("kind")
        if kind not in KINDS:
            raise ValueError(f"{qid}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if kind == "written":
            if "expected" in spec:
                raise ValueError(f"{qid}: a written question has a rubric, not an 'expected' value")
            if not spec.get("rubric"):
                raise ValueError(f"{qid}: a written question needs a 'rubric' for the instructor")
        elif "expected" not in spec:
            raise ValueError(f"{qid}: a question needs an 'expected' value")
        if "also_accepted" in spec and kind != "mapping":
            raise ValueError(f"{qid}: 'also_accepted' is for mapping questions, not {kind!r}")
        specs[qid] = Question(
            qid=qid,
            prompt=spec.get("prompt", ""),
            kind=kind,
            expected=spec.get("expected"),
            hint=spec.get("hint", ""),
            rel_tol=float(spec.get("rel_tol", 1e-6)),
            abs_tol=float(spec.get("abs_tol", 0.0)),
            options=tuple(spec.get("options", ())),
            normalize=spec.get("normalize", ""),
            cases=tuple(spec.get("cases", ())),
            points=float(spec.get("points", 1.0)),
            success=spec.get("success", ""),
            rubric=spec.get("rubric", ""),
            min_words=int(spec.get("min_words", 0)),
            also_accepted=spec.get("also_accepted"),
        )
    return specs


def questions(chapter: str | None = None) -> list[Question]:
    """Every question spec, or those of one chapter (``'ch10'``)."""
    names = [chapter] if chapter else chapters()
    out: list[Question] = []
    for name in names:
        try:
            out.extend(_chapter_specs(name).values())
        except KeyError:
            raise ValueError(
                f"No questions for chapter {name!r}. "
                f"Chapters with questions: {', '.join(chapters())}"
            ) from None
    return out


def question(qid: str) -> Question:
    """The spec of one question; an unknown id raises ``ValueError`` naming close matches."""
    if not isinstance(qid, str):
        raise TypeError(
            "A question id is text like 'ch10.kogut_singh' (check takes the id first, then "
            f"your answer), not {type(qid).__name__} {qid!r:.40}"
        )
    if "." not in qid:
        raise ValueError(f"A question id looks like 'ch10.kogut_singh', not {qid!r}")
    chapter = qid.split(".", 1)[0]
    try:
        return _chapter_specs(chapter)[qid]
    except KeyError:
        import difflib

        known = [q.qid for q in questions()]
        close = difflib.get_close_matches(qid, known, n=3)
        tip = f" Did you mean {', '.join(close)}?" if close else ""
        raise ValueError(f"Unknown question id {qid!r}.{tip}") from None


# --------------------------------------------------------------------------------------------
# Evaluating


class _Invalid(Exception):
    """The answer cannot be read as the kind the question asks for."""


def _resolve_expected(value: Any) -> Any:
    if isinstance(value, dict) and "call" in value:
        module_name, _, func_name = value["call"].partition(":")
        func = getattr(importlib.import_module(module_name), func_name)
        return func(*value.get("args", ()), **value.get("kwargs", {}))
    return value


def _expected_callable(value: Any) -> Callable[..., Any]:
    if not (isinstance(value, dict) and "call" in value):
        raise ValueError("a 'function' question needs expected = { call = 'module:function' }")
    module_name, _, func_name = value["call"].partition(":")
    return getattr(importlib.import_module(module_name), func_name)


def _as_number(answer: Any) -> float:
    if isinstance(answer, bool):
        raise _Invalid("expected a number, got True/False")
    if isinstance(answer, (pd.Series, pd.DataFrame, np.ndarray, list, tuple, dict)):
        raise _Invalid(f"expected a single number, got a {type(answer).__name__}")
    if isinstance(answer, _answers.Unsupported):
        raise _Invalid(f"expected a number, got {answer.what}")
    try:
        x = float(answer)
    except OverflowError:
        raise _Invalid("the number is too large to be an answer here") from None
    except Exception:  # TypeError, ValueError, or whatever a student's __float__ raises
        raise _Invalid(f"expected a number, got {type(answer).__name__}") from None
    if math.isnan(x):
        raise _Invalid("the answer is NaN (not a number): check for missing data")
    if math.isinf(x):
        raise _Invalid("the answer is infinite: check for a division by zero")
    return x


def _norm_text(x: Any) -> str:
    if not isinstance(x, str):
        raise _Invalid(f"expected text, got {type(x).__name__}")
    return " ".join(x.strip().lower().split())


def _norm_item(x: Any, how: str) -> Any:
    if how == "country":
        from coursekit import countries

        if not isinstance(x, str):
            raise _Invalid(f"expected a country name or code, got {type(x).__name__}")
        try:
            return countries.resolve(x)
        except ValueError as err:
            raise _Invalid(str(err)) from None
    if isinstance(x, str):
        return _norm_text(x)
    return x


def _names_or_items(answer: Any, want: list[Any]) -> list[Any]:
    """The answer's items; a Series of numbers where names are expected is the common slip of
    giving a ranking's scores instead of its labels, so say where the names are."""
    if (
        isinstance(answer, pd.Series)
        and want
        and all(isinstance(w, str) for w in want)
        and not any(isinstance(v, str) for v in answer.tolist())
    ):
        raise _Invalid(
            "expected a list of names, got a Series of numbers: the names are in its index "
            "(use .index.tolist())"
        )
    return _as_list(answer)


def _as_list(answer: Any) -> list[Any]:
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray)):
        return list(answer)
    if isinstance(answer, pd.DataFrame):
        raise _Invalid("expected a list, got a DataFrame: pick the column you mean")
    if isinstance(answer, (list, tuple)):
        return list(answer)
    if isinstance(answer, (set, frozenset)):
        return sorted(answer, key=str)
    raise _Invalid(f"expected a list, got {type(answer).__name__}")


def _close(a: float, b: float, q: Question) -> bool:
    return math.isclose(a, b, rel_tol=q.rel_tol, abs_tol=q.abs_tol)


def _verdict(q: Question, ok: bool, details: tuple[str, ...] = ()) -> CheckResult:
    if ok:
        return CheckResult(q.qid, "correct", q.success or "well done.", "", q.points, q.points)
    return CheckResult(q.qid, "incorrect", "that is not it yet.", q.hint, 0.0, q.points, details)


def _what(answer: Any) -> str:
    if isinstance(answer, _answers.Unsupported):
        return answer.what
    return f"a {type(answer).__name__}"


def function_outputs(func: Callable[..., Any], cases: tuple[Mapping[str, Any], ...]) -> list[dict]:
    """Call a student's function on each case: its encoded result, or the exception it raised."""
    out: list[dict] = []
    for case in cases:
        try:
            got = func(**case)
        except (Exception, SystemExit) as err:  # a student's function may fail in any way
            out.append({"t": "raised", "what": type(err).__name__, "msg": str(err)[:200]})
            continue
        out.append(_answers.encode(got))
    return out


def judge_function_outputs(
    q: Question, cases: tuple[Mapping[str, Any], ...], outputs: Any, *, own: bool = False
) -> CheckResult:
    """Compare what a student's function returned on ``cases`` with the reference function.

    ``outputs`` come from :func:`function_outputs`; in a graded run they arrive from the
    sandbox, so they are decoded and checked here like any other answer. ``own=True`` (the
    student's own session) adds the error message a failing case raised.
    """
    reference = _expected_callable(q.expected)
    if not isinstance(outputs, list) or len(outputs) != len(cases):
        raise _Invalid("the function's results on the test cases are missing")
    wrong = 0
    for case, node in zip(cases, outputs, strict=True):
        want = reference(**case)
        if isinstance(node, dict) and node.get("t") == "raised":
            name = str(node.get("what", "an error"))
            name = name if name.isidentifier() and len(name) <= 40 else "an error"
            msg = f": {node.get('msg', '')}" if own and node.get("msg") else ""
            return CheckResult(
                q.qid, "incorrect", f"your function raised {name}{msg}", q.hint, 0.0, q.points
            )
        try:
            got = _answers.decode(node)
        except _answers.DecodeError:
            raise _Invalid("the function's result could not be read") from None
        if got is None or got is Ellipsis:
            return CheckResult(
                q.qid, "not_attempted", "your function returns nothing yet.", "", 0.0, q.points
            )
        try:
            if not _close(_as_number(got), float(want), q):
                wrong += 1
        except _Invalid as err:
            raise _Invalid(f"your function should return a number: {err}") from None
    details = (f"{wrong} of {len(cases)} test cases gave a different result",) if wrong else ()
    return _verdict(q, wrong == 0, details)


def _judge_function(q: Question, answer: Any) -> CheckResult:
    if not callable(answer):
        raise _Invalid(f"expected a function, got {_what(answer)}")
    return judge_function_outputs(q, q.cases, function_outputs(answer, q.cases), own=True)


def _judge_written(q: Question, answer: Any) -> CheckResult:
    if not isinstance(answer, str):
        raise _Invalid(
            f'a written answer is text in quotes, e.g. """My answer ...""", not {_what(answer)}'
        )
    words = len(answer.split())
    if words == 0:
        return CheckResult(
            q.qid, "not_attempted", "write your answer in the quotes.", "", 0.0, q.points
        )
    if words < q.min_words:
        return CheckResult(
            q.qid,
            "incorrect",
            f"you wrote {words} words; a full answer needs at least {q.min_words}.",
            q.hint,
            0.0,
            q.points,
        )
    return CheckResult(
        q.qid,
        "recorded",
        f"recorded ({words} words). Your instructor marks written answers with a rubric.",
        "",
        0.0,
        q.points,
    )


def _judge_number(q: Question, answer: Any) -> CheckResult:
    return _verdict(q, _close(_as_number(answer), float(_resolve_expected(q.expected)), q))


def _judge_bool(q: Question, answer: Any) -> CheckResult:
    if not isinstance(answer, (bool, np.bool_)):
        raise _Invalid(f"expected True or False, got {type(answer).__name__}")
    return _verdict(q, bool(answer) == bool(_resolve_expected(q.expected)))


def _judge_text(q: Question, answer: Any) -> CheckResult:
    return _verdict(q, _norm_text(answer) == _norm_text(_resolve_expected(q.expected)))


def _judge_country(q: Question, answer: Any) -> CheckResult:
    expected = _resolve_expected(q.expected)
    return _verdict(q, _norm_item(answer, "country") == _norm_item(expected, "country"))


def _judge_choice(q: Question, answer: Any) -> CheckResult:
    got = _norm_text(answer)
    options = [_norm_text(o) for o in q.options]
    if options and got not in options:
        raise _Invalid(f"choose one of: {', '.join(q.options)}")
    return _verdict(q, got == _norm_text(_resolve_expected(q.expected)))


def _judge_multi(q: Question, answer: Any) -> CheckResult:
    how = q.normalize
    want = list(_resolve_expected(q.expected))
    got_set = {_norm_item(x, how) for x in _names_or_items(answer, want)}
    want_set = {_norm_item(x, how) for x in want}
    if q.options:
        allowed = {_norm_text(o) for o in q.options}
        stray = sorted(str(x) for x in got_set if x not in allowed)
        if stray:
            raise _Invalid(f"not among the options: {', '.join(stray)}")
    missing, extra = len(want_set - got_set), len(got_set - want_set)
    details = tuple(
        d
        for d in (
            f"{missing} right item(s) missing" if missing else "",
            f"{extra} item(s) that do not belong" if extra else "",
        )
        if d
    )
    return _verdict(q, not missing and not extra, details)


def _judge_sequence(q: Question, answer: Any) -> CheckResult:
    how = q.normalize
    want = list(_resolve_expected(q.expected))
    got_list = [_norm_item(x, how) for x in _names_or_items(answer, want)]
    want_list = [_norm_item(x, how) for x in want]
    if len(got_list) != len(want_list):
        raise _Invalid(f"expected a list of {len(want_list)} items, got {len(got_list)}")
    wrong_pos = sum(1 for a, b in zip(got_list, want_list, strict=True) if a != b)
    details = (f"{wrong_pos} of {len(want_list)} positions differ",) if wrong_pos else ()
    return _verdict(q, wrong_pos == 0, details)


def _judge_mapping(q: Question, answer: Any) -> CheckResult:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, Mapping):
        raise _Invalid(f"expected a dict, got {type(answer).__name__}")
    want = {_norm_text(k): v for k, v in _resolve_expected(q.expected).items()}
    got = {_norm_text(str(k)): v for k, v in answer.items()}
    if got and all(v is Ellipsis for v in got.values()):
        return CheckResult(
            q.qid, "not_attempted", "replace each ... with your answer.", "", 0.0, q.points
        )
    unknown = sorted(set(got) - set(want))
    if unknown:
        raise _Invalid(f"unexpected key(s): {', '.join(unknown)}; use the keys given")
    also = {
        _norm_text(k): {_norm_text(str(v)) for v in vs}
        for k, vs in (_resolve_expected(q.also_accepted) or {}).items()
    }
    lines, right, alternatives = [], 0, 0
    for key, value in want.items():
        if key not in got or got[key] is Ellipsis:
            lines.append(f"{key}: not answered")
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            ok = _close(_as_number(got[key]), float(value), q)
        else:
            ok = _norm_text(str(got[key])) == _norm_text(str(value))
        if not ok and _norm_text(str(got[key])) in also.get(key, set()):
            # earns the point; the line says another answer is the expected one, not which
            alternatives += 1
            right += 1
            lines.append(f"{key}: defensible, but not the answer expected first")
            continue
        right += ok
        lines.append(f"{key}: {'right' if ok else 'not yet'}")
    if right == len(want) and alternatives:
        return CheckResult(
            q.qid,
            "correct",
            f"every answer is defensible; {len(want) - alternatives} of {len(want)} are the "
            "answers expected first.",
            "",
            q.points,
            q.points,
            tuple(lines),
        )
    if right == len(want):
        return _verdict(q, True, tuple(lines))
    return CheckResult(
        q.qid,
        "incorrect",
        f"{right} of {len(want)} right so far.",
        q.hint,
        q.points * right / len(want),
        q.points,
        tuple(lines),
    )


# One judge per kind: a new kind is one function and one entry here (and in KINDS).
_JUDGES: dict[str, Callable[[Question, Any], CheckResult]] = {
    "number": _judge_number,
    "text": _judge_text,
    "choice": _judge_choice,
    "multi": _judge_multi,
    "sequence": _judge_sequence,
    "mapping": _judge_mapping,
    "country": _judge_country,
    "function": _judge_function,
    "bool": _judge_bool,
    "written": _judge_written,
}


def _evaluate(q: Question, answer: Any) -> CheckResult:
    return _JUDGES[q.kind](q, answer)


_SESSION: dict[str, CheckResult] = {}
# The last function given for each function question, for the grader's run on its cases.
_FUNCTION_ANSWERS: dict[str, Callable[..., Any]] = {}


def reset_session() -> None:
    """Forget the results recorded by :func:`check` in this session."""
    _SESSION.clear()
    _FUNCTION_ANSWERS.clear()


def _record(q: Question, answer: Any, result: CheckResult) -> None:
    _SESSION[q.qid] = result
    target = os.environ.get("COURSEKIT_ANSWERS_FILE")
    if not target:
        return
    if q.kind == "function" and callable(answer):
        _FUNCTION_ANSWERS[q.qid] = answer
    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"qid": q.qid, "answer": _answers.encode(answer)}) + "\n")
    except (OSError, ValueError):
        pass  # grading bookkeeping must never break a student's notebook


def judge(q: Question, answer: Any) -> CheckResult:
    """The verdict on ``answer`` for question ``q``; pure, and never raises on an answer."""
    if answer is Ellipsis:
        return CheckResult(
            q.qid, "not_attempted", "replace ... with your answer.", "", 0.0, q.points
        )
    if answer is None:
        return CheckResult(
            q.qid,
            "invalid",
            "your answer is None: the cell that computes it returned nothing "
            "(a function without return, or print instead of a value?).",
            q.hint,
            0.0,
            q.points,
        )
    try:
        return _evaluate(q, answer)
    except _Invalid as err:
        return CheckResult(q.qid, "invalid", str(err), q.hint, 0.0, q.points)
    except Exception as err:  # an answer object that misbehaves when compared, hashed, ...
        return CheckResult(
            q.qid,
            "invalid",
            f"this answer could not be checked ({type(err).__name__}); give a plain value",
            q.hint,
            0.0,
            q.points,
        )


def check(qid: str, answer: Any = ...) -> CheckResult:
    """Check ``answer`` against question ``qid`` and return a verdict (never raises on answers).

    An unknown question id is reported in the verdict; a ``qid`` that is not text at all (the
    answer given first, say) raises ``TypeError``.

    >>> check("ch10.most_distant_dimension", ...)  # doctest: +SKIP
    [ch10.most_distant_dimension] Not answered yet: replace ... with your answer.
    """
    try:
        q = question(qid)
    except ValueError as err:
        return CheckResult(str(qid), "invalid", str(err), "", 0.0, 0.0)
    result = judge(q, answer)
    _record(q, answer, result)
    return result


_PROGRESS_LABEL = {
    "correct": "correct",
    "incorrect": "not yet",
    "invalid": "not yet",
    "not_attempted": "not answered yet",
    "recorded": "recorded for marking",
}


@dataclass(frozen=True)
class Progress:
    """Which questions of a chapter passed in this session."""

    chapter: str
    rows: tuple[tuple[str, str], ...]

    @property
    def passed(self) -> int:
        return sum(1 for _, s in self.rows if s == "correct")

    def __repr__(self) -> str:
        lines = [f"{self.chapter}: {self.passed} of {len(self.rows)} questions correct"]
        lines += [
            f"  {'✔' if s == 'correct' else '·'} {qid}: {_PROGRESS_LABEL[s]}"
            for qid, s in self.rows
        ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li>{'✔' if s == 'correct' else '·'} <code>{html.escape(q)}</code>: "
            f"{_PROGRESS_LABEL[s]}</li>"
            for q, s in self.rows
        )
        return (
            f"<div class='coursekit-progress'><strong>{html.escape(self.chapter)}: "
            f"{self.passed} of {len(self.rows)} questions correct</strong><ul>{items}</ul></div>"
        )


def progress(chapter: str) -> Progress:
    """Summarise the checks of ``chapter`` run in this session (the end of every exercise)."""
    if not isinstance(chapter, str):
        raise TypeError(
            f"chapter must be a chapter id such as 'ch10', not {type(chapter).__name__} "
            f"{chapter!r:.40}"
        )
    if not chapter:
        raise ValueError(f"chapter must be a chapter id such as 'ch10', not {chapter!r}")
    specs = questions(chapter)
    rows = tuple(
        (q.qid, _SESSION[q.qid].status if q.qid in _SESSION else "not_attempted") for q in specs
    )
    return Progress(chapter, rows)
