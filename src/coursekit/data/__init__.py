"""The course's datasets: ``load(name)``, ``names()`` and ``describe(name)``.

The files are looked for, in order:

1. ``$COURSEKIT_DATA_DIR``, when set (it must then hold ``datapackage.json``);
2. the copy shipped inside an installed wheel, ``coursekit/_data``;
3. the repository's ``data/`` folder, found by walking up from this file (a clone or an
   editable install).

Every table is checked against its manifest entry (``datapackage.json``) when it is read:
columns, types and a unique key. Reads are cached; each call returns a fresh copy.
"""

from __future__ import annotations

import difflib
import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["load", "names", "describe", "data_dir", "DataError"]

ENV_VAR = "COURSEKIT_DATA_DIR"
MANIFEST = "datapackage.json"

#: manifest (Frictionless) type -> pandas dtype
_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
}
_BOOLEANS = {"True": True, "False": False}


class DataError(ValueError):
    """A data file does not match its manifest entry."""


def data_dir() -> Path:
    """The folder the data are read from (see the module docstring for the order)."""
    return _locate(os.environ.get(ENV_VAR) or None)


@lru_cache(maxsize=8)
def _locate(env: str | None) -> Path:
    if env is not None:
        path = Path(env).expanduser()
        if (path / MANIFEST).is_file():
            return path.resolve()
        raise FileNotFoundError(
            f"${ENV_VAR} is set to {env!r}, but {path / MANIFEST} does not exist. Point it at "
            f"a folder holding {MANIFEST} and the tables, or unset it."
        )
    tried = []
    shipped = resources.files("coursekit") / "_data"
    if (shipped / MANIFEST).is_file():
        return Path(str(shipped))
    tried.append(str(shipped))
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "data"
        if (candidate / MANIFEST).is_file():
            return candidate
        tried.append(str(candidate))
    raise FileNotFoundError(
        f"The course data ({MANIFEST}) were not found. Looked in: {'; '.join(tried)}. Set "
        f"${ENV_VAR} to the data folder, or rebuild it with python -m coursekit.data.build."
    )


@lru_cache(maxsize=8)
def _manifest(folder: Path) -> dict[str, dict[str, Any]]:
    package = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return {r["name"]: r for r in package["resources"]}


def names() -> list[str]:
    """The names of every dataset, sorted, for :func:`load` and :func:`describe`."""
    return sorted(_manifest(data_dir()))


def _entry(name: str) -> dict[str, Any]:
    if not isinstance(name, str):
        raise TypeError(f"a dataset name is a string such as 'hofstede', not {type(name).__name__}")
    manifest = _manifest(data_dir())
    if name not in manifest:
        close = difflib.get_close_matches(name, list(manifest), n=1, cutoff=0.6)
        tip = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"No dataset {name!r}.{tip} Valid names: {', '.join(sorted(manifest))}")
    return manifest[name]


def describe(name: str) -> dict[str, Any]:
    """The manifest entry of dataset ``name``: title, description, sources, licence and terms,
    raw files, columns with types and units, row count, missing counts, coverage, sha256.
    The result is a copy the caller may change."""
    return json.loads(json.dumps(_entry(name)))


def _convert(frame: pd.DataFrame, field: dict[str, Any], where: str) -> pd.Series:
    """One column, converted to its manifest type; a clear error on a value that does not fit."""
    column, kind = field["name"], field["type"]
    values = frame[column]
    if kind == "string":
        return values.astype("string")
    if kind == "boolean":
        bad = sorted(set(values.dropna()) - set(_BOOLEANS))
        if bad:
            raise DataError(f"{where}: column {column!r} is boolean, but holds {bad[:5]}")
        return values.map(_BOOLEANS).astype("boolean")
    numbers = pd.to_numeric(values, errors="coerce")
    bad = values[numbers.isna() & values.notna()]
    if len(bad):
        raise DataError(
            f"{where}: column {column!r} is {kind}, but holds {sorted(set(bad))[:5]} "
            f"(first at data row {bad.index[0] + 1})"
        )
    if kind == "integer":
        fractional = numbers.dropna() % 1 != 0
        if fractional.any():
            raise DataError(f"{where}: column {column!r} is integer, but holds fractions")
        return numbers.astype("Int64")
    if kind == "number":
        return numbers.astype("float64")
    raise DataError(f"{where}: column {column!r} has the unknown type {kind!r}")


@lru_cache(maxsize=32)
def _read(folder: Path, name: str) -> pd.DataFrame:
    entry = _manifest(folder)[name]
    path = folder / entry["path"]
    where = f"{path} (dataset {name!r})"
    fields = entry["schema"]["fields"]
    expected = [f["name"] for f in fields]
    numeric = [f["name"] for f in fields if f["type"] not in ("string",)]
    # Everything is read as text first, so codes stay strings (Namibia's "NA" is never missing)
    # and only the empty cell of a non-string column means missing.
    frame = pd.read_csv(
        path,
        dtype=str,
        keep_default_na=False,
        na_values={c: [""] for c in numeric},
        encoding="utf-8",
    )
    if list(frame.columns) != expected:
        raise DataError(f"{where}: columns {list(frame.columns)}; the manifest says {expected}")
    for field in fields:
        frame[field["name"]] = _convert(frame, field, where)
    key = entry["schema"].get("primaryKey") or entry.get("primary_key")
    if key and frame.duplicated(key).any():
        dup = frame.loc[frame.duplicated(key, keep=False), key].head(4).to_dict("records")
        raise DataError(f"{where}: the key {key} is not unique, e.g. {dup}")
    if len(frame) != entry["rows"]:
        raise DataError(f"{where}: {len(frame)} rows; the manifest says {entry['rows']}")
    return frame


def load(name: str) -> pd.DataFrame:
    """Dataset ``name`` (see :func:`names`) as a DataFrame, typed and checked against the
    manifest. Unknown name: ``ValueError`` listing the valid ones. The result is a fresh copy,
    so changing it never changes what the next call returns."""
    _entry(name)
    return _read(data_dir(), name).copy()
