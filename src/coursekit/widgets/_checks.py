"""Argument checks shared by the widget modules' drawing functions and builders.

Each raises a ``TypeError`` (wrong kind of object) or ``ValueError`` (right kind, wrong content)
whose message names the argument, what it got and what to pass instead, so that a student who
hands ``draw_stages`` a dict learns to pass the DataFrame of ``uppsala.simulate()`` rather than
reading a ``KeyError`` from deep inside pandas or matplotlib. The checks are cheap (no copies).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from coursekit._validate import _shown, instance, keys, number, whole

__all__ = [
    "axes",
    "between",
    "figure",
    "keys",
    "mapping_or_none",
    "optional_text",
    "result_frame",
    "whole_between",
]


def figure(fig: object, name: str = "fig") -> Figure:
    """A matplotlib ``Figure`` to draw on."""
    return instance(fig, name, Figure, "a matplotlib Figure, e.g. fig = plt.figure(figsize=(7, 4))")


def axes(ax: object, name: str = "ax") -> Axes:
    """A matplotlib ``Axes`` to draw on."""
    return instance(ax, name, Axes, "a matplotlib Axes, e.g. fig, ax = plt.subplots()")


def result_frame(
    value: object,
    name: str,
    source: str,
    columns: Iterable[str],
    *,
    allow_empty: bool = False,
) -> pd.DataFrame:
    """A DataFrame as returned by ``source`` (e.g. "uppsala.simulate()"), holding ``columns``."""
    if not isinstance(value, pd.DataFrame):
        raise TypeError(
            f"{name} must be the DataFrame returned by {source}, "
            f"not {type(value).__name__} {_shown(value)}"
        )
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ValueError(
            f"{name} lacks the column(s) {', '.join(map(repr, missing))}: pass the DataFrame "
            f"returned by {source}, which has the columns {', '.join(map(repr, columns))}"
        )
    if value.empty and not allow_empty:
        raise ValueError(f"{name} is empty: pass the DataFrame returned by {source}")
    return value


def optional_text(value: object, name: str, example: str) -> str:
    """A string (may be empty), e.g. a title or a unit."""
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be text (a str such as {example!r}), "
            f"not {type(value).__name__} {_shown(value)}"
        )
    return value


def between(value: object, name: str, low: float, high: float, why: str) -> float:
    """A finite number within [low, high]; ``why`` says where the bounds come from."""
    return number(value, name, low=low, high=high, why=why)


def whole_between(value: object, name: str, low: int, high: int, why: str) -> int:
    """A whole number within [low, high]; ``why`` says where the bounds come from."""
    return whole(value, name, low=low, high=high, why=why)


def mapping_or_none(value: object, name: str, example: str) -> Mapping[str, Any] | None:
    """``None`` or a dict-like mapping."""
    if value is None or isinstance(value, Mapping):
        return value
    raise TypeError(
        f"{name} must be a dict such as {example}, or None, "
        f"not {type(value).__name__} {_shown(value)}"
    )
