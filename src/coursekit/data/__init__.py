"""The course's datasets: ``load(name)``, ``names()`` and ``describe(name)``.

Files are read from, in order: ``$COURSEKIT_DATA_DIR``; the copy shipped inside an installed
wheel (``coursekit/_data``); the repository's ``data/`` folder (a clone or editable install).
Every table is checked against its manifest entry (``data/datapackage.json``) when loaded.
"""

from __future__ import annotations

import difflib
import json
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["load", "names", "describe", "data_dir"]

_PANDAS_TYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "year": "Int64",
}


@cache
def data_dir() -> Path:
    """The folder the data are read from (see the module docstring for the order)."""
    tried = []
    env = os.environ.get("COURSEKIT_DATA_DIR")
    if env:
        path = Path(env)
        if (path / "datapackage.json").is_file():
            return path
        tried.append(f"$COURSEKIT_DATA_DIR={env}")
    shipped = resources.files("coursekit") / "_data"
    if shipped.is_dir() and (shipped / "datapackage.json").is_file():
        return Path(str(shipped))
    tried.append(str(shipped))
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "data"
        if (candidate / "datapackage.json").is_file():
            return candidate
    tried.append("a data/ folder above " + str(Path(__file__).parent))
    raise FileNotFoundError("The course data were not found. Looked in: " + "; ".join(tried))


@cache
def _manifest() -> dict[str, dict[str, Any]]:
    package = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r for r in package["resources"]}


def names() -> list[str]:
    """The names of every dataset, for :func:`load`."""
    return sorted(_manifest())


def _entry(name: str) -> dict[str, Any]:
    if not isinstance(name, str):
        raise TypeError(f"a dataset name is a string such as 'hofstede', not {type(name).__name__}")
    manifest = _manifest()
    if name not in manifest:
        close = difflib.get_close_matches(name, manifest, n=1)
        tip = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"No dataset {name!r}.{tip} Valid names: {', '.join(sorted(manifest))}")
    return manifest[name]


def describe(name: str) -> dict[str, Any]:
    """The manifest entry of dataset ``name``: source, licence, columns, coverage, checksum."""
    return json.loads(json.dumps(_entry(name)))  # a deep copy the caller may change


@cache
def _read(name: str) -> pd.DataFrame:
    entry = _entry(name)
    fields = entry["schema"]["fields"]
    dtypes = {f["name"]: _PANDAS_TYPES.get(f["type"], "string") for f in fields}
    strings = [f["name"] for f in fields if f["type"] == "string"]
    frame = pd.read_csv(
        data_dir() / entry["path"],
        dtype={c: ("string" if t == "string" else "object") for c, t in dtypes.items()},
        keep_default_na=False,
        na_values={c: [""] for c in dtypes if c not in strings},
    )
    expected = [f["name"] for f in fields]
    if list(frame.columns) != expected:
        raise ValueError(
            f"data/{entry['path']} has columns {list(frame.columns)}; the manifest says {expected}"
        )
    for column, dtype in dtypes.items():
        if dtype == "boolean":
            frame[column] = frame[column].map({"True": True, "False": False}).astype("boolean")
        elif dtype != "string":
            frame[column] = pd.to_numeric(frame[column]).astype(dtype)
    key = entry.get("primary_key")
    if key and frame.duplicated(key).any():
        raise ValueError(f"data/{entry['path']}: the key {key} is not unique")
    if len(frame) != entry["rows"]:
        raise ValueError(
            f"data/{entry['path']}: {len(frame)} rows, the manifest says {entry['rows']}"
        )
    return frame


def load(name: str) -> pd.DataFrame:
    """A validated copy of dataset ``name`` (see :func:`names`)."""
    return _read(name).copy()
