"""Fuzz the student boundary: every public function of the models, widgets, data loaders and
helpers a notebook calls, given garbage for its required arguments, either works or raises
ValueError or TypeError (the clear errors of ``coursekit._validate``), never anything else
(OverflowError, KeyError, AttributeError, ...)."""

from __future__ import annotations

import importlib
import inspect
import warnings
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import chapters

STUDENT_MODULES = sorted(
    {m for c in chapters.CHAPTERS for m in c.models}
    | {w.rsplit(".", 1)[0] for c in chapters.CHAPTERS for w in c.widgets}
    | {"coursekit.chapters", "coursekit.countries", "coursekit.data", "coursekit.plotting"}
)


def _public_functions() -> list[tuple[str, Callable[..., object], list[str]]]:
    out = []
    for name in STUDENT_MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            fn = getattr(module, attr)
            if not inspect.isfunction(fn):
                continue
            required = [
                p.name
                for p in inspect.signature(fn).parameters.values()
                if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
            ]
            if required:
                out.append((f"{name}.{attr}", fn, required))
    return out


FUNCTIONS = _public_functions()
# Values a student might pass by mistake, and values that broke checks before (10**400, [[1, 2]]).
GARBAGE = [None, object(), "", "no such name", -1, 10**400, float("nan"), float("inf")]
GARBAGE += [[[1, 2]], {"a": 1}, b"x", True]
ANY_GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.just(10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=6),
    st.binary(max_size=3),
    st.lists(st.one_of(st.integers(), st.lists(st.integers(), max_size=2)), max_size=3),
    st.dictionaries(st.text(max_size=3), st.one_of(st.integers(), st.text(max_size=3)), max_size=2),
    st.builds(object),
)


def _call(fn: Callable[..., object], args: dict[str, object]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fn(**args)
        except (ValueError, TypeError):
            pass  # the clear errors of the student boundary


def test_the_fuzz_reaches_every_chapter_module():
    reached = {qualname.rsplit(".", 1)[0] for qualname, _, _ in FUNCTIONS}
    assert {m for c in chapters.CHAPTERS for m in c.models} <= reached
    assert len(FUNCTIONS) > 100


@pytest.mark.parametrize(("qualname", "fn", "required"), FUNCTIONS, ids=[f[0] for f in FUNCTIONS])
def test_only_clear_errors_escape_for_each_garbage_value(qualname, fn, required):
    for value in GARBAGE:
        _call(fn, dict.fromkeys(required, value))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_only_clear_errors_escape_for_mixed_garbage(data):
    qualname, fn, required = data.draw(st.sampled_from(FUNCTIONS), label="function")
    _call(fn, {name: data.draw(ANY_GARBAGE, label=name) for name in required})
