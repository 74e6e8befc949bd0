"""Rebuild every processed file in ``data/`` from the raw public files.

    python -m coursekit.data.build                  # raw files from data/raw
    python -m coursekit.data.build --raw PATH       # raw files elsewhere
    python -m coursekit.data.build --out PATH       # write somewhere other than data/
    python -m coursekit.data.build --check          # rebuild in a temporary folder and compare

The default paths are relative to the repository root (the folder holding ``pyproject.toml``):
raw files in ``data/raw`` (with their provenance and terms), hand-made inputs in
``data/curated``, output in ``data/``.
The build is deterministic: sorted rows, fixed column order, values rounded by each builder,
``\\n`` line endings, UTF-8, and a manifest with sorted keys and no timestamps; running it
twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

from coursekit.data import _tables
from coursekit.data._tables import CURATED, Inputs, Table

__all__ = ["build", "check", "differences", "main", "repo_root"]


def repo_root() -> Path:
    """The repository root: the first folder above this file with ``pyproject.toml`` and
    ``data/``; the working directory when run from an installed copy."""
    for folder in Path(__file__).resolve().parents:
        if (folder / "pyproject.toml").is_file() and (folder / "data").is_dir():
            return folder
    return Path.cwd()


def _in_repository(raw_file: str) -> str:
    """A manifest's raw file as a repository path: raw inputs are named relative to the raw
    folder by the builders (``cepii/dist_cepii.dta``), curated ones already from the root."""
    return raw_file if raw_file.startswith("data/") else f"data/raw/{raw_file}"


def _resources(folder: Path) -> list[dict[str, Any]]:
    manifest = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return manifest["resources"]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write deterministically: fixed columns, no index, ``\\n``, UTF-8. Floats are rounded
    by the builders and then written in Python's shortest round-trip form."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def _coverage(frame: pd.DataFrame) -> dict[str, Any]:
    """How many countries and which years a table covers (for the manifest)."""
    out: dict[str, Any] = {}
    for col in ("iso3", "iso_o"):
        if col in frame.columns:
            codes = frame[col].dropna().astype(str)
            out["countries"] = int(codes[codes != ""].nunique())
            break
    for col in ("year", "db_year"):
        if col in frame.columns and frame[col].notna().any():
            out["years"] = f"{int(frame[col].min())}-{int(frame[col].max())}"
            break
    return out


def _literature(inp: Inputs) -> Table | None:
    """The ``literature`` table, built by ``_literature`` from ``data/curated/literature.csv``
    (which it validates) when that file exists; ``None`` with a printed note otherwise."""
    curated = inp.curated / "literature.csv"
    if not curated.is_file():
        print(f"note: {curated} not found; the literature table is skipped")
        return None
    from coursekit.data import _literature

    frame, meta = _literature.literature_table(inp.curated)
    meta = dict(meta)
    key = meta.pop("primary_key", None)
    meta["schema"] = {**meta["schema"], **({"primaryKey": key} if key else {})}
    meta.setdefault("kind", "curated")
    meta.setdefault(
        "terms",
        "Bibliographic facts; the findings are written by the course team (CC BY 4.0).",
    )
    meta.setdefault(
        "provenance",
        "Kept by hand in data/curated/literature.csv (see literature_README.md there); the "
        "topic codes of the studies in the review's Table 1 are in "
        "data/curated/literature_topics.csv.",
    )
    return Table(frame, meta)


def _check_unmapped(inp: Inputs) -> None:
    """Stop when a code matches no country and ``unmapped_codes.csv`` does not explain it."""
    found = _tables.unmapped_codes(inp)
    explained = inp.curated_table("unmapped_codes")
    known = set(zip(explained["code"], explained["source"], strict=True))
    missing = [
        (c, s) for c, s in zip(found["code"], found["source"], strict=True) if (c, s) not in known
    ]
    if missing:
        raise ValueError(
            f"codes that match no country and are not explained: {missing}. Add each, with the "
            f"reason, to {inp.curated / 'unmapped_codes.csv'}"
        )


def _folder(value: object, name: str) -> Path:
    """A folder argument as a Path; a clear TypeError for anything that is not a path."""
    if isinstance(value, bool) or not isinstance(value, (str, os.PathLike)):
        raise TypeError(
            f"{name} must be a folder path (a str or pathlib.Path), "
            f"not {type(value).__name__} {value!r:.40}"
        )
    if isinstance(value, str) and not value.strip():
        raise ValueError(f"{name} must name a folder, not an empty string")
    return Path(value)


def build(
    raw: Path, out: Path, curated: Path | None = None, *, verbose: bool = False
) -> list[Path]:
    """Write every table, the curated tables and ``datapackage.json`` into ``out``.

    ``curated`` is the folder of hand-made inputs (default: the repository's
    ``data/curated``). Returns the files written, the manifest last.
    """
    raw, out = _folder(raw, "raw"), _folder(out, "out")
    curated = _folder(curated, "curated") if curated else repo_root() / "data" / "curated"
    if not raw.is_dir():
        raise FileNotFoundError(f"raw data folder not found: {raw} (pass --raw PATH)")
    if not curated.is_dir():
        raise FileNotFoundError(f"curated inputs not found: {curated} (pass --curated PATH)")
    inp = Inputs(raw=raw, curated=curated)
    _check_unmapped(inp)
    tables: dict[str, Table] = {}
    for name, builder in _tables.BUILDERS.items():
        start = time.perf_counter()
        tables[name] = builder(inp)
        if verbose:
            print(f"built {name} in {time.perf_counter() - start:.1f} s")
    literature = _literature(inp)
    if literature is not None:
        tables["literature"] = literature
    out.mkdir(parents=True, exist_ok=True)
    resources, written = [], []
    for name in sorted(tables):
        frame, meta = tables[name].frame, tables[name].meta
        columns = [f["name"] for f in meta["schema"]["fields"]]
        if list(frame.columns) != columns:
            raise AssertionError(f"{name}: columns {list(frame.columns)} != schema {columns}")
        relative = f"curated/{CURATED[name].file}" if name in CURATED else f"{name}.csv"
        path = out / relative
        _write_csv(frame, path)
        written.append(path)
        resources.append(
            {
                **meta,
                "name": name,
                "path": relative,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "kind": meta.get("kind", "derived"),
                "raw_files": [_in_repository(f) for f in meta["raw_files"]],
                "bytes": path.stat().st_size,
                "sha256": _sha256(path),
                "rows": int(len(frame)),
                "missing": {c: int(frame[c].isna().sum()) for c in frame.columns},
                "coverage": _coverage(frame),
            }
        )
    package = {
        "name": "going-global-course-data",
        "title": "Data of the Going Global course",
        "description": (
            "Tidy tables keyed by ISO 3166 alpha-3 codes, rebuilt from public raw files by "
            "python -m coursekit.data.build. Each resource records its own sources, licence "
            "or terms, raw files, checksum, row count and missing values."
        ),
        "profile": "data-package",
        "resources": resources,
    }
    manifest = out / "datapackage.json"
    manifest.write_text(
        json.dumps(package, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    written.append(manifest)
    return written


def differences(fresh: Path, out: Path) -> list[str]:
    """Compare a fresh build in ``fresh`` with ``out`` byte for byte: every file (relative to
    ``out``) that differs or is missing, and every stale top-level table the build no longer
    makes."""
    fresh, out = Path(fresh), Path(out)
    made = [fresh / "datapackage.json"] + [fresh / r["path"] for r in _resources(fresh)]
    produced = {p.relative_to(fresh).as_posix(): p.read_bytes() for p in made}
    differ = sorted(
        rel
        for rel, content in produced.items()
        if not (out / rel).is_file() or (out / rel).read_bytes() != content
    )
    stale = sorted(
        p.name
        for p in out.glob("*")
        if p.is_file() and p.suffix in (".csv", ".json") and p.name not in produced
    )
    return differ + [f"{name} (stale: the build no longer makes it)" for name in stale]


def check(raw: Path, out: Path, curated: Path | None = None) -> list[str]:
    """Rebuild into a temporary folder and compare it with ``out`` (see :func:`differences`)."""
    raw, out = _folder(raw, "raw"), _folder(out, "out")
    if curated is not None:
        curated = _folder(curated, "curated")
    with tempfile.TemporaryDirectory() as tmp:
        build(raw, Path(tmp), curated)
        return differences(Path(tmp), out)


def main(argv: list[str] | None = None) -> int:
    """Command line: build, or ``--check`` the committed files against a fresh build.

    Bad arguments make argparse print a usage message and exit (``SystemExit`` with code 2);
    an ``argv`` that is not a list of strings raises ``TypeError``.
    """
    if argv is not None:
        if isinstance(argv, (str, bytes)) or not isinstance(argv, (list, tuple)):
            raise TypeError(
                "argv must be a list of argument strings such as ['--check'], "
                f"not {type(argv).__name__} {argv!r:.60}"
            )
        bad = [a for a in argv if not isinstance(a, str)]
        if bad:
            raise TypeError(
                "argv must hold only strings (write paths as text, e.g. str(path)), "
                f"not {type(bad[0]).__name__} {bad[0]!r:.40}"
            )
        argv = list(argv)
    root = repo_root()
    parser = argparse.ArgumentParser(
        prog="python -m coursekit.data.build", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument(
        "--raw",
        type=Path,
        default=root / "data" / "raw",
        help="folder of the raw files (default: data/raw)",
    )
    parser.add_argument(
        "--out", type=Path, default=root / "data", help="output folder (default: data/)"
    )
    parser.add_argument(
        "--curated",
        type=Path,
        default=root / "data" / "curated",
        help="hand-made inputs (default: data/curated)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild into a temporary folder and compare bytes with --out; exit 1 on a difference",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        if args.check:
            differ = check(args.raw, args.out, args.curated)
            for rel in differ:
                print(f"differs from a fresh build: {args.out / rel}", file=sys.stderr)
            if not differ:
                seconds = time.perf_counter() - start
                print(f"{args.out} matches a fresh build from {args.raw} ({seconds:.1f} s)")
            return 1 if differ else 0
        for path in build(args.raw, args.out, args.curated, verbose=True):
            print(f"wrote {path}")
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"done in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
