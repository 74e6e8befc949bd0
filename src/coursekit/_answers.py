"""Answers as plain data: what a graded notebook hands to the grader, and nothing else.

When ``coursekit grade`` runs a notebook, each ``coursekit.check(qid, answer)`` appends the
*answer* (not a verdict) to the file named by ``COURSEKIT_ANSWERS_FILE``, encoded by
:func:`encode` into a small, JSON-only tree. The grader decodes it with :func:`decode` in its own
process and judges it there against the question specs: nothing the notebook writes can be a
score. Pickle is never used (unpickling runs code); the encoding is size-capped and schema-checked,
and anything it cannot represent becomes an ``unsupported`` marker, which the checks treat as an
answer that cannot be read.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["encode", "decode", "Unsupported", "MAX_ITEMS", "MAX_TEXT", "MAX_DEPTH"]

MAX_ITEMS = 2_000  # items in one list or mapping
MAX_TEXT = 20_000  # characters of one text (a written answer of several pages)
MAX_DEPTH = 6
MAX_INT_DIGITS = 400


class Unsupported:
    """An answer the encoding could not carry (a DataFrame, an object, a huge structure)."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __repr__(self) -> str:
        return f"<{self.what}>"


def _encode(x: object, depth: int) -> dict:
    if depth > MAX_DEPTH:
        return {"t": "unsupported", "what": "a structure nested too deeply"}
    if x is None:
        return {"t": "none"}
    if x is Ellipsis:
        return {"t": "ellipsis"}
    if isinstance(x, (bool, np.bool_)):
        return {"t": "bool", "v": bool(x)}
    if isinstance(x, (int, np.integer)):
        digits = str(int(x))
        if len(digits) > MAX_INT_DIGITS:
            return {"t": "unsupported", "what": "an integer too large to read"}
        return {"t": "int", "v": digits}
    if isinstance(x, (float, np.floating)):
        v = float(x)
        return {"t": "float", "v": repr(v) if math.isfinite(v) else str(v)}
    if isinstance(x, str):
        text = str.__str__(x)
        return {"t": "str", "v": text[:MAX_TEXT], "cut": len(text) > MAX_TEXT}
    if callable(x) and not isinstance(x, type):
        return {"t": "function"}  # exercised after the run, inside the sandbox
    if isinstance(x, pd.DataFrame):
        return {"t": "unsupported", "what": "a DataFrame"}
    if isinstance(x, pd.Series):
        if len(x) > MAX_ITEMS:
            return {"t": "unsupported", "what": "a Series too long to read"}
        return {
            "t": "series",
            "index": [_encode(k, depth + 1) for k in list(x.index)],
            "v": [_encode(v, depth + 1) for v in list(x.array)],
        }
    if isinstance(x, dict):
        if len(x) > MAX_ITEMS:
            return {"t": "unsupported", "what": "a dict too long to read"}
        return {
            "t": "dict",
            "v": [[_encode(k, depth + 1), _encode(v, depth + 1)] for k, v in x.items()],
        }
    if isinstance(x, (list, tuple, set, frozenset, pd.Index, np.ndarray)):
        items = list(x) if not isinstance(x, (set, frozenset)) else sorted(x, key=repr)
        if len(items) > MAX_ITEMS:
            return {"t": "unsupported", "what": "a list too long to read"}
        kind = "set" if isinstance(x, (set, frozenset)) else "list"
        return {"t": kind, "v": [_encode(v, depth + 1) for v in items]}
    return {"t": "unsupported", "what": f"a {type(x).__name__}"}


def encode(answer: object) -> dict:
    """``answer`` as a JSON-ready tree; never raises (whatever the student's object does)."""
    try:
        return _encode(answer, 0)
    except Exception:  # an object whose __len__, __iter__ or __repr__ raises, say
        return {"t": "unsupported", "what": "an object that could not be read"}


class DecodeError(ValueError):
    """The record is not in the shape :func:`encode` writes (a forged or damaged line)."""


# -> Any: a decoded answer is whatever the student answered (a number, a DataFrame, a set...)
def _decode(node: object, depth: int) -> Any:
    if depth > MAX_DEPTH + 1 or not isinstance(node, dict) or not isinstance(node.get("t"), str):
        raise DecodeError("not an encoded answer")
    t, v = node["t"], node.get("v")
    if t == "none":
        return None
    if t == "ellipsis":
        return Ellipsis
    if t == "bool" and isinstance(v, bool):
        return v
    if t == "int" and isinstance(v, str) and len(v) <= MAX_INT_DIGITS + 1:
        try:
            return int(v)
        except ValueError:
            raise DecodeError("bad integer") from None
    if t == "float" and isinstance(v, str) and len(v) <= 40:
        try:
            return float(v)
        except ValueError:
            raise DecodeError("bad float") from None
    if t == "str" and isinstance(v, str) and len(v) <= MAX_TEXT:
        return v
    if t == "function":
        return Unsupported("function")
    if t == "unsupported":
        what = node.get("what")
        return Unsupported(what[:80] if isinstance(what, str) else "an unreadable answer")
    if t in ("list", "set") and isinstance(v, list) and len(v) <= MAX_ITEMS:
        items = [_decode(x, depth + 1) for x in v]
        return items if t == "list" else _frozen(items)
    if t == "dict" and isinstance(v, list) and len(v) <= MAX_ITEMS:
        out = {}
        for pair in v:
            if not (isinstance(pair, list) and len(pair) == 2):
                raise DecodeError("bad mapping item")
            key = _decode(pair[0], depth + 1)
            try:
                out[key] = _decode(pair[1], depth + 1)
            except TypeError:  # an unhashable key
                raise DecodeError("unhashable key") from None
        return out
    if t == "series":
        index = node.get("index")
        if not (isinstance(v, list) and isinstance(index, list) and len(v) == len(index)):
            raise DecodeError("bad series")
        if len(v) > MAX_ITEMS:
            raise DecodeError("series too long")
        values = [_decode(x, depth + 1) for x in v]
        keys = [_decode(x, depth + 1) for x in index]
        if any(isinstance(x, (list, dict, Unsupported)) for x in keys):
            raise DecodeError("bad series index")
        return pd.Series(values, index=keys, dtype=object)
    raise DecodeError(f"unknown answer type {t!r:.20}")


def _frozen(items: list[object]) -> set[object] | list[object]:
    try:
        return set(items)
    except TypeError:  # unhashable members: keep them as a list
        return items


# -> Any: see _decode
def decode(node: object) -> Any:
    """The answer :func:`encode` wrote; raises :class:`DecodeError` for anything else."""
    return _decode(node, 0)
