"""Shared argument checks: each raises a ValueError or TypeError that names the argument,
what it got and what would be right, so a student's typo gets an answer, not a traceback
from deep inside pandas."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from difflib import get_close_matches
from typing import Any, TypeVar

import numpy as np
import pandas as pd

_T = TypeVar("_T")


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


def _bounds(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    if low is not None and high is not None:
        if low_open and high_open:
            return f"between {low:g} and {high:g} (both exclusive)"
        if low_open:
            return f"between {low:g} (exclusive) and {high:g}"
        if high_open:
            return f"at least {low:g} and below {high:g}"
        return f"between {low:g} and {high:g}"
    if low is not None:
        return f"greater than {low:g}" if low_open else f"at least {low:g}"
    assert high is not None
    return f"less than {high:g}" if high_open else f"at most {high:g}"


def _why(why: str | None) -> str:
    return f" ({why})" if why else ""


def _such(example: str | None) -> str:
    return f" such as {example}" if example else ""


def number(
    value: object,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    why: str | None = None,
    example: str | None = None,
    nonfinite_error: type[TypeError] | type[ValueError] = ValueError,
) -> float:
    """A finite real number, optionally within [low, high] (``low_open``/``high_open`` exclude
    an end). ``why`` says where the bounds come from and ``example`` shows a good value; both
    go into the message. NaN and infinities raise ``nonfinite_error`` (a ValueError, or a
    TypeError where a model has always said so)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number{_such(example)}, not {type(value).__name__} {_shown(value)}"
        )
    out = as_float(value, name)
    if math.isnan(out) or math.isinf(out):
        bounded = low is not None or high is not None
        within = _bounds(low, high, low_open, high_open) if bounded else ""
        if within:
            within = f" {within}" if within.startswith("between") else f" of {within}"
        raise nonfinite_error(f"{name} must be a finite number{within}{_such(example)}, not {out}")
    too_low = low is not None and (out <= low if low_open else out < low)
    too_high = high is not None and (out >= high if high_open else out > high)
    if too_low or too_high:
        raise ValueError(
            f"{name} must be {_bounds(low, high, low_open, high_open)}{_why(why)}, not {out:g}"
        )
    return out


def probability(value: object, name: str) -> float:
    """A probability: a finite number from 0 to 1."""
    return number(value, name, low=0, high=1, why="a probability", example="0.5")


def whole(
    value: object,
    name: str,
    *,
    low: int | None = None,
    high: int | None = None,
    why: str | None = None,
    example: str | None = None,
    strict: bool = False,
    fraction_error: type[TypeError] | type[ValueError] = ValueError,
) -> int:
    """A whole number (int, or a float with no fractional part; only an int if ``strict``),
    optionally within bounds. A float with a fractional part (or NaN, inf) raises
    ``fraction_error`` (a ValueError, or a TypeError where a model has always said so)."""
    integral = isinstance(value, (numbers.Integral, np.integer))
    if (strict and not integral) or isinstance(value, bool):
        such = _such(example) if example else " (an int)"
        raise TypeError(
            f"{name} must be a whole number{such}, not {type(value).__name__} {_shown(value)}"
        )
    if not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a whole number{_such(example)}, "
            f"not {type(value).__name__} {_shown(value)}"
        )
    if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
        raise fraction_error(f"{name} must be a whole number{_such(example)}, not {value}")
    out = int(math.trunc(value))  # a whole Real (checked above); math.trunc keeps big ints exact
    if (low is not None and out < low) or (high is not None and out > high):
        bounds = _bounds(low, high, False, False)
        of = "" if bounds.startswith("between") else "of "
        raise ValueError(f"{name} must be a whole number {of}{bounds}{_why(why)}, not {out}")
    return out


def text(value: object, name: str) -> str:
    """A non-empty string."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be text (a str), not {type(value).__name__} {_shown(value)}")
    if not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value


def suggest(
    value: object,
    options: Iterable[str],
    *,
    n: int = 1,
    cutoff: float = 0.6,
    loose: bool = False,
) -> str:
    """The hint " Did you mean 'x'?" for the closest of ``options`` to ``value`` (up to ``n``
    of them), or "" when none is close: the one "did you mean" of the package. With ``loose``,
    when nothing is close it also tries case-insensitively and then by a part of the name
    ('nordlys' for 'Nordlys Analytics')."""
    names = [str(o) for o in options]
    close = get_close_matches(str(value), names, n=n, cutoff=cutoff)
    if not close and loose and str(value).strip():
        lowered = {o.lower(): o for o in names}
        key = str(value).strip().lower()
        close = [lowered[m] for m in get_close_matches(key, list(lowered), n=n, cutoff=cutoff)]
        close += [o for o in names if key in o.lower() and o not in close]
        close = close[:n]
    if not close:
        return ""
    shown = [repr(c) for c in close]
    said = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
    return f" Did you mean {said}?"


def with_suggestion(value: object, options: Iterable[str]) -> str:
    """``value`` shown with a near miss among ``options``, for lists of unknown names:
    "'inovation' (did you mean 'innovation'?)"."""
    hint = suggest(value, options)
    return f"{value!r} ({hint[1].lower()}{hint[2:]})" if hint else repr(value)


def choice(
    value: object,
    name: str,
    options: Iterable[str],
    *,
    what: str | None = None,
    cutoff: float = 0.6,
) -> str:
    """One of ``options``; a near miss is suggested ("did you mean ...?"). ``what`` names one
    option in words (e.g. "KPI"; default: ``name``)."""
    options = list(options)
    listed = ", ".join(map(repr, options))
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be one of {listed}, not {type(value).__name__} {_shown(value)}"
        )
    if value in options:
        return value
    hint = suggest(value, options, cutoff=cutoff)
    raise ValueError(f"unknown {what or name} {value!r}; choose one of {listed}.{hint}")


def keys(value: object, name: str, valid: Iterable[str], *, example: str, what: str) -> list[str]:
    """A list of names from ``valid`` (a single string counts as a list of one); ``what`` names
    one of them in words, e.g. "barrier key"."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable) or isinstance(value, (bytes, Mapping)):
        raise TypeError(
            f"{name} must be a list of {what}s such as {example}, "
            f"not {type(value).__name__} {_shown(value)}"
        )
    options = list(valid)
    out: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise TypeError(
                f"{name} must hold {what}s (text) such as {example}, "
                f"not {type(item).__name__} {_shown(item)}"
            )
        if item not in options:
            raise ValueError(
                f"unknown {what} {item!r} in {name}.{suggest(item, options)} "
                f"Choose from {', '.join(map(repr, options))}"
            )
        out.append(item)
    return out


def known_keys(
    value: object,
    name: str,
    valid: Iterable[str],
    *,
    what: str = "key",
    allow_empty: bool = True,
) -> Mapping[str, Any]:
    """A mapping whose keys all come from ``valid``; an unknown key gets a suggestion."""
    out = mapping(value, name, allow_empty=allow_empty)
    options = list(valid)
    for key in out:
        if key not in options:
            raise ValueError(
                f"unknown {what} {key!r} in {name}.{suggest(key, options)} "
                f"Choose from {', '.join(map(repr, options))}"
            )
    return out


def mapping(
    value: object, name: str, *, allow_empty: bool = False, example: str | None = None
) -> Mapping[str, Any]:
    """A dict-like mapping, non-empty unless ``allow_empty``; ``example`` shows a good one."""
    if not isinstance(value, Mapping):
        such = f" such as {example}" if example else " (a mapping of names to values)"
        raise TypeError(f"{name} must be a dict{such}, not {type(value).__name__} {_shown(value)}")
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


def instance(value: object, name: str, kind: type[_T] | tuple[type[_T], ...], what: str) -> _T:
    """An instance of ``kind``; ``what`` says in words what was expected and where it comes
    from, e.g. "the result of uppsala.simulate()"."""
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be {what}, not {type(value).__name__} {_shown(value)}")
    return value
