"""Shared argument checks: each raises a ValueError or TypeError that names the argument,
what it got and what would be right, so a student's typo gets an answer, not a traceback
from deep inside pandas."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from difflib import get_close_matches
from typing import Any

import pandas as pd


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_float(value: numbers.Real, name: str) -> float:
    """``float(value)``; an int too large for a float is a ValueError naming ``name``, not an
    OverflowError (found by tests/test_fuzz.py)."""
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"{name} must be a finite number, not {_shown(value)}") from None


def number(
    value: object,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
) -> float:
    """A finite real number, optionally within [low, high] (or (low, high] with low_open)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {type(value).__name__} {_shown(value)}")
    out = as_float(value, name)
    if math.isnan(out) or math.isinf(out):
        raise ValueError(f"{name} must be a finite number, not {out}")
    if low is not None and (out <= low if low_open else out < low):
        bound = f"greater than {low:g}" if low_open else f"at least {low:g}"
        raise ValueError(f"{name} must be {bound}, not {out:g}")
    if high is not None and out > high:
        raise ValueError(f"{name} must be at most {high:g}, not {out:g}")
    return out


def whole(value: object, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """A whole number (int, or a float with no fractional part), optionally within bounds."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a whole number, not {type(value).__name__} {_shown(value)}"
        )
    if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
        raise ValueError(f"{name} must be a whole number, not {value}")
    out = int(math.trunc(value))  # a whole Real (checked above); math.trunc keeps big ints exact
    if low is not None and out < low:
        raise ValueError(f"{name} must be at least {low}, not {out}")
    if high is not None and out > high:
        raise ValueError(f"{name} must be at most {high}, not {out}")
    return out


def text(value: object, name: str) -> str:
    """A non-empty string."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text (a str), not {type(value).__name__} {_shown(value)}")
    if not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value


def choice(value: object, name: str, options: Iterable[str]) -> str:
    """One of ``options``; a near miss is suggested ("did you mean ...?")."""
    options = list(options)
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be one of {', '.join(map(repr, options))}, "
            f"not {type(value).__name__} {_shown(value)}"
        )
    if value in options:
        return value
    close = get_close_matches(value, options, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(
        f"unknown {name} {value!r}; choose one of {', '.join(map(repr, options))}.{hint}"
    )


def mapping(value: object, name: str, *, allow_empty: bool = False) -> Mapping[str, Any]:
    """A dict-like mapping, non-empty unless ``allow_empty``."""
    if not isinstance(value, Mapping):
        raise TypeError(
            f"{name} must be a dict (a mapping of names to values), "
            f"not {type(value).__name__} {_shown(value)}"
        )
    if not value and not allow_empty:
        raise ValueError(f"{name} must not be empty")
    return value


def frame(value: object, name: str, *, columns: Iterable[str] = ()) -> pd.DataFrame:
    """A non-empty DataFrame holding ``columns``."""
    if not isinstance(value, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(value).__name__}")
    if value.empty:
        raise ValueError(f"{name} is empty: it needs at least one row")
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ValueError(
            f"{name} lacks the column(s) {', '.join(map(repr, missing))}; "
            f"it has {', '.join(map(repr, value.columns))}"
        )
    return value


def instance(value: object, name: str, kind: type | tuple[type, ...], what: str) -> Any:
    """An instance of ``kind``; ``what`` says in words what was expected and where it comes
    from, e.g. "the result of uppsala.simulate()"."""
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be {what}, not {type(value).__name__} {_shown(value)}")
    return value
