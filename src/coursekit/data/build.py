"""Rebuild the course's processed data in ``data/`` from the raw public files.

    python -m coursekit.data.build                 # raw files from ../shared/data/raw
    python -m coursekit.data.build --raw PATH      # elsewhere
    python -m coursekit.data.build --check         # rebuild in a temporary folder and compare

Deterministic: sorted rows, fixed column order, fixed float format, ``\\n`` line endings, a
manifest with sorted keys and no timestamps; running it twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from coursekit.data import _literature, _tables
from coursekit.data._hofstede_codes import HOFSTEDE_CODES

__all__ = ["build", "main", "TABLES"]

REPO = Path(__file__).resolve().parents[3]
DEFAULT_RAW = REPO.parent / "shared" / "data" / "raw"


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    # Values are rounded explicitly by each builder; floats are then written in full.
    frame.to_csv(path, index=False, lineterminator="\n")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------------------------
# hofstede

HOFSTEDE_RAW = "hofstede/6-dimensions-for-website-2015-08-16.csv"
DIMENSION_COLUMNS = {
    "pdi": "Power distance",
    "idv": "Individualism",
    "mas": "Masculinity",
    "uai": "Uncertainty avoidance",
    "lto": "Long-term orientation (WVS-based, column ltowvs)",
    "ivr": "Indulgence versus restraint",
}


def build_hofstede(raw: Path) -> tuple[pd.DataFrame, dict]:
    src = pd.read_csv(raw / HOFSTEDE_RAW, sep=";", na_values=["#NULL!"], keep_default_na=False)
    unknown = sorted(set(src["ctr"]) - set(HOFSTEDE_CODES))
    if unknown:
        raise ValueError(f"Hofstede codes without a mapping: {unknown}")
    frame = pd.DataFrame(
        {
            "hofstede_code": src["ctr"],
            "iso3": [HOFSTEDE_CODES[c][0] or "" for c in src["ctr"]],
            "name": [HOFSTEDE_CODES[c][1] for c in src["ctr"]],
            "is_country": [HOFSTEDE_CODES[c][0] is not None for c in src["ctr"]],
            "source_name": src["country"],
        }
    )
    for new, old in zip(
        DIMENSION_COLUMNS, ["pdi", "idv", "mas", "uai", "ltowvs", "ivr"], strict=True
    ):
        frame[new] = src[old].round().astype("Int64")
    iso = frame.loc[frame["is_country"], "iso3"]
    if iso.duplicated().any():
        raise ValueError(f"ISO3 codes mapped twice: {sorted(iso[iso.duplicated()])}")
    frame = frame.sort_values("hofstede_code", kind="stable").reset_index(drop=True)
    fields = [
        {
            "name": "hofstede_code",
            "type": "string",
            "description": "Hofstede's own three-letter code (not ISO 3166: GER is Germany)",
        },
        {
            "name": "iso3",
            "type": "string",
            "description": "ISO 3166-1 alpha-3 code; empty for regions and sub-national groups",
        },
        {"name": "name", "type": "string", "description": "English name"},
        {
            "name": "is_country",
            "type": "boolean",
            "description": "False for regional and sub-national rows (e.g. Africa East)",
        },
        {"name": "source_name", "type": "string", "description": "The name as published"},
    ] + [
        {"name": k, "type": "integer", "unit": "index points (roughly 0-100)", "description": label}
        for k, label in DIMENSION_COLUMNS.items()
    ]
    meta = {
        "title": "Hofstede's six dimensions of national culture",
        "description": (
            "Country (and some regional) scores on Hofstede's six dimensions, as published in "
            "the dimension data matrix of 2015-08-16. Codes mapped by hand to ISO 3166 alpha-3; "
            "rows that are regions or language groups are kept and flagged is_country = False. "
            "Missing scores (#NULL! in the source) are left empty. Long-term orientation is the "
            "World Values Survey based score (ltowvs)."
        ),
        "sources": [
            {
                "title": "Dimension data matrix",
                "publisher": "Geert Hofstede / Hofstede Centre",
                "path": "https://geerthofstede.com/research-and-vsm/dimension-data-matrix/",
            }
        ],
        "licenses": [
            {
                "name": "research-use",
                "title": "Free to download for research use; no formal open licence "
                "found; terms not confirmed on the publisher's page",
            }
        ],
        "citation": "Hofstede, G., Hofstede, G. J. & Minkov, M. (2010). Cultures and "
        "Organizations: Software of the Mind (3rd ed.). McGraw-Hill.",
        "raw_files": [HOFSTEDE_RAW],
        "year": "2015",
        "primary_key": ["hofstede_code"],
        "schema": {"fields": fields},
    }
    return frame, meta


#: name -> builder(raw) returning (frame, manifest entry)
TABLES: dict[str, Callable[[Path], tuple[pd.DataFrame, dict]]] = {
    "countries": _tables.build_countries,
    "distances": _tables.build_distances,
    "enterprise_exports": _tables.build_enterprise_exports,
    "hofstede": build_hofstede,
    "indicators": _tables.build_indicators,
    "literature": _literature.literature_table,
    "trading_across_borders": _tables.build_trading_across_borders,
}


def build(raw: Path, out: Path) -> list[Path]:
    """Write every table and ``datapackage.json`` into ``out``; return the files written."""
    if not raw.is_dir():
        raise SystemExit(f"raw data folder not found: {raw} (pass --raw PATH)")
    out.mkdir(parents=True, exist_ok=True)
    resources = []
    written = []
    for name, builder in TABLES.items():
        frame, meta = builder(raw)
        path = out / f"{name}.csv"
        _write_csv(frame, path)
        written.append(path)
        resource = {
            "name": name,
            "path": path.name,
            "format": "csv",
            "rows": int(len(frame)),
            "missing": {c: int(frame[c].isna().sum()) for c in frame.columns},
            "sha256": _sha256(path),
            **meta,
        }
        resources.append(resource)
    package = {
        "name": "going-global-course-data",
        "title": "Data of the Going Global course",
        "profile": "data-package",
        "resources": resources,
    }
    manifest = out / "datapackage.json"
    manifest.write_text(
        json.dumps(package, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    written.append(manifest)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW)
    parser.add_argument("--out", type=Path, default=REPO / "data")
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild into a temporary folder and compare with --out",
    )
    args = parser.parse_args(argv)
    if not args.check:
        for path in build(args.raw, args.out):
            print(f"wrote {path}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = build(args.raw, Path(tmp))
        differ = [
            p.name
            for p in fresh
            if not (args.out / p.name).exists()
            or not filecmp.cmp(p, args.out / p.name, shallow=False)
        ]
    for name in differ:
        print(f"differs from a fresh build: data/{name}", file=sys.stderr)
    if not differ:
        print("data/ matches a fresh build from the raw files")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
