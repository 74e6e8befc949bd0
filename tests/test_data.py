"""The course's data: rebuilt from the raw files byte for byte, documented, typed, loadable from
a clone and from a wheel, and true to the sources (known values read from the raw files or
listed in their provenance notes)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from coursekit import chapters, data
from coursekit.data import _literature, _tables
from coursekit.data import build as data_build
from coursekit.data._codes import ES_UNLABELLED_BLOCKS, HOFSTEDE_CODES
from coursekit.data.build import differences

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RAW = DATA / "raw"  # the raw public files, in the repository (data/raw/README.md)
# The review's text (the source of the literature table's topic labels) is not in the
# repository; the cross-check against it runs only where it is present.
REVIEW_TEXT = ROOT.parent / "shared" / _literature.SEED
MANIFEST = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in MANIFEST["resources"]}
DERIVED = sorted(n for n, r in RESOURCES.items() if r["kind"] == "derived")
DTYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}


def wdi(file: str) -> pd.DataFrame:
    """A raw WDI bulk file, indexed by country code (the header is found by content)."""
    path = RAW / "worldbank" / file
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    skip = next(i for i, line in enumerate(lines) if line.lstrip('"').startswith("Country Name"))
    return pd.read_csv(path, skiprows=skip, encoding="utf-8-sig").set_index("Country Code")


# ---- the build -------------------------------------------------------------------------------


# bad input to the build: nothing is written when an argument is wrong


@pytest.mark.parametrize(
    ("raw", "out", "curated", "error", "message"),
    [
        (
            3,
            "out",
            None,
            TypeError,
            r"raw must be a folder path \(a str or pathlib\.Path\), not int",
        ),
        ("raw", None, None, TypeError, r"out must be a folder path .* not NoneType"),
        ("raw", "out", 2.5, TypeError, r"curated must be a folder path .* not float"),
        (" ", "out", None, ValueError, r"raw must name a folder, not an empty string"),
        ("no-such-raw", "out", None, FileNotFoundError, r"raw data folder not found: .*--raw"),
        (".", "out", "no-such-curated", FileNotFoundError, r"curated inputs not found: .*--cur"),
    ],
)
def test_build_rejects_bad_folders_and_writes_nothing(
    tmp_path, monkeypatch, raw, out, curated, error, message
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=message):
        data_build.build(raw, out, curated)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("raw", "out", "error", "message"),
    [
        (None, DATA, TypeError, r"raw must be a folder path \(a str or pathlib\.Path\)"),
        ("no-such-raw", ["data"], TypeError, r"out must be a folder path .* not list"),
        ("no-such-raw", DATA, FileNotFoundError, r"raw data folder not found: no-such-raw"),
    ],
)
def test_check_rejects_bad_folders(tmp_path, monkeypatch, raw, out, error, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=message):
        data_build.check(raw, out)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ("--check", r"argv must be a list of argument strings such as \['--check'\], not str"),
        (["--raw", Path("raw")], r"argv must hold only strings .* not PosixPath"),
    ],
)
def test_build_main_rejects_an_argv_that_is_not_a_list_of_strings(argv, message):
    with pytest.raises(TypeError, match=message):
        data_build.main(argv)


# The scanner counts only ValueError/TypeError-like errors; bad command-line *arguments* are
# argparse's job: it prints the usage and exits with code 2.
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--chek"], "unrecognized arguments: --chek"),
        (["--raw"], "argument --raw: expected one argument"),
    ],
)
def test_build_main_bad_arguments_print_usage_and_exit_2(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        data_build.main(argv)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_build_main_reports_a_missing_raw_folder(tmp_path, capsys):
    out = tmp_path / "out"
    code = data_build.main(["--raw", str(tmp_path / "nope"), "--out", str(out)])
    assert code == 2 and "error: raw data folder not found" in capsys.readouterr().err
    assert not out.exists()


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory) -> Path:
    """One fresh build of every table from data/raw, shared by the tests that need one (a build
    takes 10-40 s). It runs as the command line does, in a new process with another hash seed
    than the tests, from another working directory: the committed files must not depend on any
    of these."""
    out = tmp_path_factory.mktemp("fresh") / "data"
    result = subprocess.run(
        [sys.executable, "-m", "coursekit.data.build", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path_factory.getbasetemp(),
        env={**os.environ, "PYTHONHASHSEED": "1"},
    )
    assert result.returncode == 0, result.stderr
    return out


def test_committed_data_match_a_fresh_build_byte_for_byte(fresh_build):
    assert differences(fresh_build, DATA) == []


def test_check_names_every_differing_missing_and_stale_file(tmp_path, fresh_build):
    out = tmp_path / "data"
    shutil.copytree(DATA, out)
    (out / "hofstede.csv").write_text("changed\n", encoding="utf-8")
    (out / "distances.csv").unlink()
    (out / "old_table.csv").write_text("a\n1\n", encoding="utf-8")
    differ = differences(fresh_build, out)
    assert "hofstede.csv" in differ and "distances.csv" in differ
    assert any(d.startswith("old_table.csv") and "stale" in d for d in differ)
    assert "countries.csv" not in differ  # untouched files still match


def test_every_file_in_data_is_described_by_the_manifest():
    paths = {r["path"] for r in MANIFEST["resources"]}
    raw_inputs = {f for r in MANIFEST["resources"] for f in r["raw_files"]}
    for path in sorted(DATA.rglob("*")):
        rel = path.relative_to(DATA).as_posix()
        if path.is_dir() or rel in ("datapackage.json", "raw/SHA256SUMS") or rel.endswith(".md"):
            continue
        assert rel in paths or f"data/{rel}" in raw_inputs, f"data/{rel} has no manifest entry"
    for rel in paths:
        assert (DATA / rel).is_file(), f"the manifest lists data/{rel}, which does not exist"


def test_manifest_is_stable_json():
    text = (DATA / "datapackage.json").read_text(encoding="utf-8")
    assert text == json.dumps(MANIFEST, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    for word in ("generated", "timestamp", "created"):
        assert word not in MANIFEST


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_checksum_rows_and_missing_counts_match_the_manifest(name):
    entry = RESOURCES[name]
    path = DATA / entry["path"]
    content = path.read_bytes()
    assert hashlib.sha256(content).hexdigest() == entry["sha256"]
    assert len(content) == entry["bytes"]
    assert b"\r" not in content and content.endswith(b"\n")
    frame = data.load(name)
    assert len(frame) == entry["rows"]
    # loading neither fills nor drops: the missing counts are those recorded at build time
    assert {c: int(frame[c].isna().sum()) for c in frame.columns} == entry["missing"]


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_manifest_documents_every_table(name):
    entry = RESOURCES[name]
    for key in ("title", "description", "sources", "licenses", "terms", "provenance"):
        assert entry.get(key), f"{name}: no {key}"
    for key in ("raw_files", "year", "schema", "coverage"):
        assert key in entry, f"{name}: no {key}"
    for source in entry["sources"]:
        assert source["publisher"] and source["path"] and source["title"]
    for lic in entry["licenses"]:
        assert lic["name"] and lic["title"]
    for raw_file in entry["raw_files"]:
        assert raw_file.startswith("data/") and (ROOT / raw_file).is_file(), raw_file
    frame = data.load(name)
    fields = entry["schema"]["fields"]
    assert [f["name"] for f in fields] == list(frame.columns)
    assert frame.set_index(entry["schema"]["primaryKey"]).index.is_unique
    for field in fields:
        assert str(frame[field["name"]].dtype) == DTYPES[field["type"]], field["name"]
        assert len(field.get("description", "")) > 3, f"{name}.{field['name']} undocumented"
        if field["type"] == "number" and entry["kind"] == "derived":
            assert field.get("unit"), f"{name}.{field['name']} has no unit"


def test_terms_keep_the_honest_wording_of_the_provenance_notes():
    for name in ("hofstede", "distances", "enterprise_exports", "trading_across_borders"):
        assert "not confirmed" in RESOURCES[name]["terms"].lower(), name
    assert "not confirmed for this particular file" in RESOURCES["indicators"]["terms"]
    assert "no formal open licence" in RESOURCES["hofstede"]["terms"].lower()
    es = RESOURCES["enterprise_exports"]["description"]
    assert "No breakdown by firm size" in es
    db = RESOURCES["trading_across_borders"]["description"]
    assert "discontinued Doing Business in September 2021" in db and "irregularities" in db


def test_coverage_is_recorded():
    assert RESOURCES["indicators"]["coverage"] == {"countries": 218, "years": "2000-2023"}
    assert RESOURCES["enterprise_exports"]["coverage"]["years"] == "2006-2017"
    assert RESOURCES["trading_across_borders"]["coverage"]["years"] == "2006-2018"


def test_data_stay_small():
    # the processed tables ship in the wheel; the raw files stay in the repository
    total = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file() and RAW not in p.parents)
    assert total < 5_500_000, f"data/ holds {total:,} bytes besides data/raw"
    raw = sum(p.stat().st_size for p in RAW.rglob("*") if p.is_file())
    assert raw < 8_000_000, f"data/raw holds {raw:,} bytes"


def _raw_sums() -> dict[str, str]:
    lines = (RAW / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines)}


def test_raw_files_are_the_collected_bytes():
    # a re-saved, converted (line endings) or truncated raw file is caught here
    sums = _raw_sums()
    on_disk = sorted(
        p.relative_to(RAW).as_posix()
        for p in RAW.rglob("*")
        if p.is_file() and p.suffix != ".md" and p.name != "SHA256SUMS"
    )
    assert on_disk == sorted(sums)
    for name, digest in sums.items():
        assert hashlib.sha256((RAW / name).read_bytes()).hexdigest() == digest, name


def test_every_raw_file_is_read_by_the_build_and_documented():
    read = {f for r in MANIFEST["resources"] for f in r["raw_files"] if f.startswith("data/raw/")}
    assert read == {f"data/raw/{name}" for name in _raw_sums()}
    provenance = (RAW / "PROVENANCE.md").read_text(encoding="utf-8")
    terms = (RAW / "README.md").read_text(encoding="utf-8")
    for name in _raw_sums():
        assert name in provenance, name
        assert name.split("/")[0] + "/" in terms or name in terms, name


# ---- the loaders -----------------------------------------------------------------------------


def test_names_and_describe():
    assert set(data.names()) >= {
        "countries",
        "indicators",
        "distances",
        "hofstede",
        "enterprise_exports",
        "trading_across_borders",
    }
    assert data.names() == sorted(data.names())
    entry = data.describe("hofstede")
    assert entry["sha256"] == RESOURCES["hofstede"]["sha256"]
    entry["title"] = "changed"
    entry["schema"]["fields"].clear()
    assert data.describe("hofstede")["title"] != "changed"  # a deep copy
    assert data.describe("hofstede")["schema"]["fields"]


def test_unknown_dataset_lists_valid_names():
    with pytest.raises(ValueError, match=r"Did you mean 'hofstede'\?.*Valid names: .*countries"):
        data.load("hofstde")
    with pytest.raises(ValueError, match=r"No dataset 'xyz'\. Valid names"):
        data.describe("xyz")
    with pytest.raises(TypeError, match="dataset name is a string"):
        data.load(3)


def test_loaded_frames_are_copies():
    a = data.load("countries")
    a.loc[0, "name"] = "Changed"
    a.pop("iso2")
    b = data.load("countries")
    assert b.loc[0, "name"] != "Changed" and "iso2" in b.columns


def test_codes_stay_strings():
    c = data.load("countries").set_index("iso3")
    assert c.loc["NAM", "iso2"] == "NA"  # Namibia, not a missing value
    assert c["iso2"].isna().sum() == 0
    assert str(data.load("hofstede")["hofstede_code"].dtype) == "string"


def _copy_data(tmp_path: Path) -> Path:
    out = tmp_path / "data"
    shutil.copytree(DATA, out)
    return out


def test_data_dir_override_and_validation_errors(tmp_path, monkeypatch):
    out = _copy_data(tmp_path)
    monkeypatch.setenv("COURSEKIT_DATA_DIR", str(out))
    assert data.data_dir() == out.resolve()
    assert len(data.load("hofstede")) == RESOURCES["hofstede"]["rows"]

    path = out / "hofstede.csv"
    text = path.read_text(encoding="utf-8")
    bad = {
        "columns": text.replace("hofstede_code,", "code,", 1),
        "boolean": text.replace(",True,", ",yes,", 1),
        "integer": text.replace(",35,", ",35.5,", 1),
        "number text": text.replace(",35,", ",many,", 1),
        "key": text + text.splitlines()[1] + "\n",
    }
    messages = {
        "columns": r"columns .* the manifest says",
        "boolean": r"'is_country' is boolean, but holds \['yes'\]",
        "integer": r"'pdi' is integer, but holds fractions",
        "number text": r"'pdi' is integer, but holds \['many'\]",
        "key": r"key \['hofstede_code'\] is not unique",
    }
    for case, content in bad.items():
        case_dir = tmp_path / case.replace(" ", "_")
        shutil.copytree(out, case_dir)
        (case_dir / "hofstede.csv").write_text(content, encoding="utf-8")
        monkeypatch.setenv("COURSEKIT_DATA_DIR", str(case_dir))
        with pytest.raises(data.DataError, match=messages[case]):
            data.load("hofstede")


def test_a_wrong_data_dir_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="COURSEKIT_DATA_DIR is set to"):
        data.load("hofstede")


@pytest.mark.slow
def test_loads_from_an_installed_wheel(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("coursekit-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        files = set(archive.namelist())
    # the student package: models, widgets, checks, loaders and the processed data; the data
    # build (ETL) and the raw files stay in the repository
    etl = {f"coursekit/data/{m}.py" for m in ("build", "_tables", "_codes", "_literature")}
    assert not etl & files, sorted(etl & files)
    assert not any("/raw/" in f for f in files)
    assert "coursekit/data/__init__.py" in files and "coursekit/countries.py" in files
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    env = {k: v for k, v in os.environ.items() if k != "COURSEKIT_DATA_DIR"}
    env["PYTHONPATH"] = str(target)
    # every model and widget module of the chapter registry imports without the ETL
    modules = sorted(
        {m for c in chapters.CHAPTERS for m in c.models}
        | {w.rsplit(".", 1)[0] for c in chapters.CHAPTERS for w in c.widgets}
    )
    code = (
        "import importlib, coursekit, coursekit.data as d, coursekit.countries as c; "
        "print(coursekit.__file__); print(d.data_dir()); "
        "print(*[len(d.load(n)) for n in d.names()]); print(c.resolve('U.S.A.')); "
        f"[importlib.import_module(m) for m in {modules!r}]; "
        "print(len(coursekit.checks.chapters()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert out[0].startswith(str(target))
    assert out[1].startswith(str(target)) and out[1].endswith("_data")
    assert out[2].split() == [str(RESOURCES[n]["rows"]) for n in sorted(RESOURCES)]
    assert out[3] == "USA"
    assert out[4] == str(len(chapters.CHAPTERS))  # every chapter's question file ships


# ---- hofstede --------------------------------------------------------------------------------


def test_hofstede_columns_and_known_values():
    h = data.load("hofstede").set_index("hofstede_code")
    assert list(h.reset_index().columns) == [
        "hofstede_code",
        "iso3",
        "name",
        "is_country",
        "pdi",
        "idv",
        "mas",
        "uai",
        "lto",
        "ivr",
    ]
    assert h.loc["GER", ["iso3", "pdi", "idv", "mas", "uai", "lto", "ivr"]].tolist() == [
        "DEU",
        35,
        67,
        66,
        65,
        83,
        40,
    ]
    assert h.loc["JPN", "mas"] == 95
    assert h.loc["USA", ["name", "pdi", "idv", "mas", "uai", "lto", "ivr"]].tolist() == [
        "United States",
        40,
        91,
        62,
        46,
        26,
        68,
    ]
    assert h.loc["DEN", ["iso3", "pdi", "idv", "mas", "uai", "lto", "ivr"]].tolist() == [
        "DNK",
        18,
        74,
        16,
        23,
        35,
        70,
    ]
    assert h.loc["SWE", "mas"] == 5
    assert {"CHI": "CHN", "NET": "NLD", "SIN": "SGP", "SLV": "SVN", "SAL": "SLV"} == {
        k: h.loc[k, "iso3"] for k in ("CHI", "NET", "SIN", "SLV", "SAL")
    }
    counts = h[["pdi", "idv", "mas", "uai", "lto", "ivr"]].notna().sum().tolist()
    assert counts == [78, 78, 78, 78, 96, 97]
    assert (h[["pdi", "mas", "uai"]].max() > 100).all()  # as published, not clipped


def test_hofstede_regional_rows_are_flagged_and_one_row_per_country():
    h = data.load("hofstede")
    groups = {
        "Africa East",
        "Africa West",
        "Arab countries",
        "Belgium French",
        "Belgium Netherl",
        "Canada French",
        "Germany East",
        "South Africa white",
        "Switzerland French",
        "Switzerland German",
    }
    published = {c: m.published for c, m in HOFSTEDE_CODES.items()}
    flagged = {published[c] for c in h.loc[~h["is_country"], "hofstede_code"]}
    assert flagged == groups
    assert (h.loc[~h["is_country"], "iso3"] == "").all()
    countries_ = h.loc[h["is_country"], "iso3"]
    assert countries_.is_unique and countries_.str.fullmatch("[A-Z]{3}").all()
    assert set(countries_) <= set(data.load("countries")["iso3"])


def test_every_hofstede_row_is_mapped_from_the_raw_file():
    raw = pd.read_csv(RAW / _tables.HOFSTEDE_RAW, sep=";", keep_default_na=False)
    assert len(raw) == 111
    assert dict(zip(raw["ctr"], raw["country"], strict=True)) == {
        c: m.published for c, m in HOFSTEDE_CODES.items()
    }


# ---- countries and codes -------------------------------------------------------------------


def test_countries_known_values_and_no_aggregates():
    c = data.load("countries").set_index("iso3")
    assert len(c) == 218  # 217 World Bank economies + Taiwan
    assert c.loc["DEU", ["iso2", "name", "capital", "region"]].tolist() == [
        "DE",
        "Germany",
        "Berlin",
        "Europe & Central Asia",
    ]
    assert c.loc["DEU", ["capital_lat", "capital_lon"]].tolist() == pytest.approx(
        [52.53, 13.42], abs=0.01
    )
    assert c.loc["USA", "capital_cepii"] == "Washington, DC"  # the capital, not New York
    assert c.loc["JPN", "capital"] == "Tokyo" and c.loc["NAM", "capital"] == "Windhoek"
    assert c.loc["CHE", "official_languages"] == "German;French;Italian"
    counts = c["income_group"].value_counts()
    assert counts[
        ["High income", "Upper middle income", "Lower middle income", "Low income"]
    ].tolist() == [85, 54, 51, 26]
    aggregates = {"WLD", "EUU", "HIC", "LMC", "SSF", "EAS", "OED", "AFE", "AFW", "ARB", "INX"}
    for name in ("countries", "indicators", "enterprise_exports", "trading_across_borders"):
        assert set(data.load(name)["iso3"]).isdisjoint(aggregates), name
    assert c.index.str.fullmatch("[A-Z]{3}").all()


def test_every_code_in_the_tables_is_a_country_or_explained():
    explained = data.load("unmapped_codes")
    assert explained["reason"].str.len().min() > 20
    countries_ = set(data.load("countries")["iso3"])
    cepii = set(data.load("distances")["iso_o"])
    cepii_only = set(explained.loc[explained["source"] == "CEPII", "code"])
    assert cepii - countries_ <= cepii_only
    no_cepii = set(explained.loc[explained["source"] == "World Bank", "code"])
    assert countries_ - cepii == no_cepii
    for name in ("indicators", "enterprise_exports", "trading_across_borders"):
        assert set(data.load(name)["iso3"]) <= countries_, name


def test_every_code_that_does_not_map_is_explained_and_nothing_more():
    inp = _tables.Inputs(RAW, DATA / "curated")
    found = _tables.unmapped_codes(inp)
    found = set(zip(found["code"], found["source"], strict=True))
    explained = data.load("unmapped_codes")
    explained = set(zip(explained["code"], explained["source"], strict=True))
    assert sorted(found - explained) == [], "codes that match nothing and are not explained"
    assert sorted(explained - found) == [], "explanations of codes that now match"


def test_lpi_names_all_resolved_and_every_hand_match_needed():
    inp = _tables.Inputs(RAW, DATA / "curated")
    matched = _tables.lpi_codes(inp)
    assert len(matched) == 139
    assert (matched["how"] != "unmatched").all(), matched[matched["how"] == "unmatched"]
    assert matched["iso3"].is_unique
    curated = data.load("lpi_names")
    used = set(matched.loc[matched["how"] == "curated", "economy"])
    assert set(curated["economy"]) == used


def test_country_names_never_name_two_countries():
    names = data.load("country_names")
    keys = names.assign(key=names["name"].map(_tables.normalize_name))
    assert (keys.groupby("key")["iso3"].nunique() == 1).all()
    countries_ = data.load("countries")
    pairs = set(zip(names["iso3"], names["name"], strict=True))
    assert all((i, n) in pairs for i, n in zip(countries_["iso3"], countries_["name"], strict=True))
    assert "Belgium and Luxembourg" not in set(names["name"])


# ---- distances -------------------------------------------------------------------------------


def test_distances_known_values_and_symmetry():
    d = data.load("distances").set_index(["iso_o", "iso_d"])
    assert d.loc[("DEU", "FRA"), "dist_km"] == pytest.approx(439.9)
    assert d.loc[("DEU", "FRA"), "distcap_km"] == pytest.approx(880.2)
    assert d.loc[("DEU", "FRA"), "contig"]
    assert d.loc[("DEU", "AUT"), ["contig", "comlang_off"]].tolist() == [True, True]
    assert d.loc[("GBR", "USA"), ["comlang_off", "colony"]].tolist() == [True, True]
    assert d.loc[("GBR", "USA"), "dist_km"] == pytest.approx(5570, abs=1)
    assert d.loc[("JPN", "CHN"), "dist_km"] == pytest.approx(2098, abs=1)
    assert not d.loc[("JPN", "CHN"), "comlang_off"] and d.loc[("USA", "CAN"), "contig"]
    for pair in [("ESP", "MEX"), ("FRA", "DZA"), ("GBR", "IND")]:
        assert d.loc[pair, "colony"]
    flipped = d.reset_index().rename(columns={"iso_o": "iso_d", "iso_d": "iso_o"})
    merged = d.reset_index().merge(flipped, on=["iso_o", "iso_d"], suffixes=("", "_r"))
    assert len(merged) == len(d)
    assert (merged["dist_km"] == merged["dist_km_r"]).all()
    assert (merged["contig"] == merged["contig_r"]).all()
    codes = set(d.index.get_level_values(0))
    assert {"ROM", "ZAR", "YUG", "PAL", "TMP", "ANT"}.isdisjoint(codes)
    assert {"ROU", "COD", "SRB", "PSE", "TLS"} <= codes
    n = len(codes)
    assert len(d) == n * n
    assert d[["dist_km", "distcap_km", "contig", "comlang_off"]].notna().all().all()


def test_distances_match_the_raw_file():
    raw = pd.read_stata(RAW / "cepii/dist_cepii.dta").set_index(["iso_o", "iso_d"])
    d = data.load("distances").set_index(["iso_o", "iso_d"])
    assert d.loc[("ROU", "COD"), "dist_km"] == pytest.approx(
        raw.loc[("ROM", "ZAR"), "dist"], abs=0.05
    )
    assert d.loc[("ITA", "ESP"), "distw_km"] == pytest.approx(
        raw.loc[("ITA", "ESP"), "distw"], abs=0.05
    )
    assert d["distw_km"].isna().sum() < raw["distw"].isna().sum() + 1


# ---- indicators ------------------------------------------------------------------------------


def test_indicators_match_the_raw_files():
    ind = data.load("indicators").set_index(["iso3", "year"])
    gdp = wdi("wdi/API_NY.GDP.PCAP.CD_DS2_en_csv_v2_76.csv")
    for code, year in [("DEU", 2015), ("BRA", 2003), ("KEN", 2019), ("USA", 2023)]:
        assert ind.loc[(code, year), "gdp_pc_usd"] == pytest.approx(
            gdp.loc[code, str(year)], abs=0.006
        )
    ppp = wdi("wdi/API_NY.GDP.PCAP.PP.CD_DS2_en_csv_v2_31760.csv")
    assert ind.loc[("IND", 2023), "gdp_pc_ppp"] == pytest.approx(ppp.loc["IND", "2023"], abs=0.006)
    pop = wdi("wdi/API_SP.POP.TOTL_DS2_en_csv_v2_6298256.csv")
    assert ind.loc[("DEU", 2022), "population"] == int(pop.loc["DEU", "2022"])
    pv = wdi("wgi/API_PV.EST_DS2_en_csv_v2_7919.csv")
    assert ind.loc[("JPN", 2023), "political_stability"] == pytest.approx(
        pv.loc["JPN", "2023"], abs=5e-5
    )


def test_indicators_known_values_from_the_provenance_notes():
    ind = data.load("indicators").set_index(["iso3", "year"])
    assert ind.loc[("DEU", 2023), "gdp_pc_usd"] == pytest.approx(54_343, abs=1)
    assert ind.loc[("DEU", 2023), "gdp_pc_ppp"] == pytest.approx(69_338, abs=1)
    assert ind.loc[("DEU", 2009), "gdp_growth"] == pytest.approx(-5.69, abs=0.005)
    assert ind.loc[("CHN", 2022), "gdp_growth"] == pytest.approx(2.99, abs=0.005)
    assert ind.loc[("IRL", 2022), "exports_pct_gdp"] == pytest.approx(137.1, abs=0.05)
    assert pd.isna(ind.loc[("USA", 2022), "exports_pct_gdp"])  # empty at this vintage
    assert ind.loc[("IND", 2022), "population"] == pytest.approx(1_417.2e6, rel=1e-3)
    assert ind.loc[("DEU", 2023), "political_stability"] == pytest.approx(0.59, abs=0.005)
    assert ind.loc[("CHE", 2023), "political_stability"] == pytest.approx(1.07, abs=0.005)
    assert ind.loc[("SYR", 2023), "political_stability"] == pytest.approx(-2.75, abs=0.005)
    lpi = ind["lpi"].dropna()
    assert {c: lpi[(c, 2023)] for c in ("SGP", "FIN", "DEU", "DNK", "JPN", "USA", "NGA")} == {
        "SGP": 4.3,
        "FIN": 4.2,
        "DEU": 4.1,
        "DNK": 4.1,
        "JPN": 3.9,
        "USA": 3.8,
        "NGA": 2.6,
    }
    assert lpi.loc[("TWN", 2023)] > 0 and lpi.loc[("TUR", 2023)] > 0  # the hand matches
    assert len(lpi) == 139  # every LPI economy matched, none dropped
    assert lpi.index.get_level_values("year").unique().tolist() == [2023]
    assert ind.index.get_level_values("year").unique().tolist() == list(range(2000, 2024))


# ---- enterprise exports and Doing Business --------------------------------------------------


def test_enterprise_exports_recoded_blocks_and_range():
    es = data.load("enterprise_exports").set_index(["iso3", "year"])["direct_export_share_pct"]
    assert len(es) == 238 and es.index.get_level_values(0).nunique() == 139
    assert es.xs("XKX").to_dict() == {2009: 3.8, 2013: 5.0}
    assert "CHI" not in es.index.get_level_values(0)  # the Channel Islands have no values
    assert es.between(0, 100).all()
    assert es[("TLS", 2015)] == pytest.approx(30.1, abs=0.05)
    assert es[("VEN", 2010)] == pytest.approx(0.1, abs=0.05)
    assert es[("VNM", 2009)] == pytest.approx(8.6, abs=0.05)
    assert es[("KEN", 2013)] == pytest.approx(10.9, abs=0.05)
    assert not {"DEU", "USA", "FRA", "GBR", "JPN"} & set(es.index.get_level_values(0))


def test_unlabelled_enterprise_survey_blocks_are_recoded_by_position_only():
    (before, after), code = next(iter(ES_UNLABELLED_BLOCKS.items()))
    codes = [before] * 12 + [".."] * 12 + [after] * 12
    assert _tables.recode_es_blocks(codes)[12:24] == [code] * 12
    with pytest.raises(ValueError, match="not a block documented"):
        _tables.recode_es_blocks(["AAA"] + [".."] * 12 + ["BBB"])
    with pytest.raises(ValueError, match="has 3 rows, not 12"):
        _tables.recode_es_blocks([before] + [".."] * 3 + [after])


def test_trading_across_borders_known_values():
    t = data.load("trading_across_borders").set_index(["iso3", "db_year"])
    assert t.loc[("DEU", 2018), "dtf_trading_db16_18"] == pytest.approx(91.77)
    assert t.loc[("DEU", 2018), ["export_border_hours", "export_border_usd"]].tolist() == [36, 345]
    assert t.loc[("USA", 2018), "dtf_trading_db16_18"] == pytest.approx(92.01)
    assert t.loc[("USA", 2018), ["export_border_hours", "export_border_usd"]].tolist() == [1.5, 175]
    assert t.loc[("COD", 2018), "dtf_trading_db16_18"] == pytest.approx(1.26)
    for code in ("POL", "SVN", "SVK", "ESP", "PRT"):
        assert t.loc[(code, 2018), "dtf_trading_db16_18"] == 100
    eri = t.loc[("ERI", 2018)]
    assert eri["no_practice"] and pd.isna(eri["export_border_hours"])
    assert len(t.xs(2018, level="db_year")) == 190
    assert t.index.get_level_values("db_year").min() == 2006


def test_two_city_economies_keep_one_row_per_edition():
    t = data.load("trading_across_borders").set_index(["iso3", "db_year"])
    # before DB2014 the main city was the only measurement: kept and flagged
    assert t.loc[("USA", 2010), "from_city_row"]
    assert t.loc[("USA", 2010), "time_to_export_days"] > 0
    assert not t.loc[("USA", 2014), "from_city_row"]  # the weighted national row from DB2014
    years = t.xs("CHN", level="iso3").index.tolist()
    assert years == list(range(2006, 2019))
    assert (
        not t.loc[t["from_city_row"]]
        .index.get_level_values("db_year")
        .isin(range(2014, 2019))
        .any()
    )


# ---- memberships (EU and euro area; curated) -------------------------------------------------


def test_memberships_known_members_and_reference_date():
    table = data.load("memberships")
    eu = set(table.loc[table["bloc"] == "eu", "iso3"])
    euro = set(table.loc[table["bloc"] == "euro_area", "iso3"])
    # 27 EU members since the United Kingdom left (31 January 2020); 20 euro-area members since
    # Croatia adopted the euro (1 January 2023): the reference date of the table is 2024-01-01
    assert len(eu) == 27 and "GBR" not in eu
    assert len(euro) == 20 and euro <= eu
    assert {"DEU", "FRA", "POL", "HRV"} <= eu and {"CHE", "NOR", "TUR"}.isdisjoint(eu)
    assert {"DEU", "FRA", "HRV"} <= euro and {"POL", "DNK", "SWE", "BGR"}.isdisjoint(euro)
    since = table.set_index(["bloc", "iso3"])["since"]
    assert since[("euro_area", "HRV")] == "2023-01-01" and since[("eu", "HRV")] == "2013-07-01"
    assert since.max() <= "2024-01-01"
    # nobody adopted the euro before joining the EU (the six founders count from 1958)
    for code in euro:
        assert since[("eu", code)] <= since[("euro_area", code)], code
    assert set(table["iso3"]) <= set(data.load("countries")["iso3"])
    assert "1 January 2024" in RESOURCES["memberships"]["title"]
    assert "membership changes" in RESOURCES["memberships"]["description"].lower()


def test_frictionless_catches_an_unknown_bloc(tmp_path):
    out = _copy_data(tmp_path)
    path = out / "curated" / "memberships.csv"
    path.write_text(path.read_text(encoding="utf-8") + "efta,CHE,1960-05-03\n", encoding="utf-8")
    found = {kind for name, kind in _frictionless_errors(out) if name == "memberships"}
    assert "constraint-error" in found, found


# ---- literature (curated elsewhere; validated and copied by the build) ----------------------


def test_literature_is_the_curated_file():
    curated_path = DATA / "curated" / "literature.csv"
    if not curated_path.is_file():
        assert "literature" not in RESOURCES
        return
    curated = pd.read_csv(curated_path, dtype=str, keep_default_na=False)
    lit = data.load("literature")
    assert list(lit.columns[: len(curated.columns)]) == list(curated.columns)
    assert sorted(lit["id"]) == sorted(curated["id"]) and lit["id"].is_unique
    merged = lit.astype(str).merge(curated, on="id", suffixes=("", "_c"))
    for column in ("authors", "title", "journal", "factor_group", "finding", "year"):
        assert (merged[column] == merged[f"{column}_c"]).all(), column


def test_topics_are_codes_of_the_documented_list():
    lit = data.load("literature").set_index("id")
    field = next(f for f in RESOURCES["literature"]["schema"]["fields"] if f["name"] == "topic")
    assert field["constraints"]["enum"] == sorted(_literature.TOPICS_VOCABULARY)
    for code in _literature.TOPICS_VOCABULARY:
        assert code in field["description"], code
    coded = lit.loc[lit["topic"] != "", "topic"]
    assert len(coded) == 45 and set(coded) <= set(_literature.TOPICS_VOCABULARY)
    assert set(coded) == set(_literature.TOPICS_VOCABULARY)  # no code goes unused
    # the review's defects, corrected: its e-business label sat on the wrong Fillis paper, and
    # Kenny (2011) and Koksal (2006) had no topic
    assert lit.loc["fillis2004a", "topic"] == "e_business"
    assert lit.loc["kenny2011", "topic"] and lit.loc["koksal2006", "topic"] == "training_and_skills"
    # codes, not the review's garbled sentences
    assert coded.str.fullmatch(r"[a-z_]+").all()
    readme = (DATA / "curated" / "literature_README.md").read_text(encoding="utf-8")
    for code in _literature.TOPICS_VOCABULARY:
        assert f"`{code}`" in readme, code


def test_a_topic_outside_the_list_stops_the_build(tmp_path):
    folder = tmp_path / "curated"
    shutil.copytree(DATA / "curated", folder)
    path = folder / "literature_topics.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("fillis2004a,e_business", "fillis2004a,E-biz"),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"unknown topics \['E-biz'\]; valid: .*'e_business'"):
        _literature.literature_table(folder)


@pytest.mark.skipif(
    not REVIEW_TEXT.is_file(),
    reason="the review's text (Bose 2016) is not in the repository; its Table 1 was checked "
    "against the topic codes where it is present",
)
def test_every_study_of_the_reviews_table_1_has_a_topic():
    text = REVIEW_TEXT.read_text(encoding="utf-8")
    table = text.split("Table 1:", 1)[1].split("\n\n", 2)[1]
    # the author cells of the table's two halves: "Surname et al, 2007"
    cells = [c for line in table.splitlines() for c in line.split("\t")]
    entries = [c for c in cells if re.fullmatch(r"[A-Z][^\t]*, \d{4}", c.strip())]
    coded = pd.read_csv(_literature.TOPICS, dtype=str, keep_default_na=False)
    assert len(entries) == len(coded) == 45
    # every study the old label parser matched (the spellings both lists share) is coded
    parsed = _literature.build_literature(REVIEW_TEXT.parents[1])
    matched = set(parsed.loc[parsed["topic"] != "", "id"])
    ids = set(pd.read_csv(_literature.CURATED, dtype=str)["id"])
    assert matched & ids <= set(coded["id"])


def test_the_wheel_ships_every_table_and_no_raw_file():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = set(config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"])
    for resource in MANIFEST["resources"]:
        top = resource["path"].split("/")[0]
        assert f"data/{top}" in shipped, resource["path"]
    assert "data/datapackage.json" in shipped
    assert "data" not in shipped  # the whole folder would bring data/raw along
    assert not any(path.startswith("data/raw") for path in shipped)


# ---- the manifest, validated by the Frictionless Data reference library -----------------------


def _frictionless_errors(folder: Path) -> list[tuple[str, str]]:
    from frictionless import validate

    report = validate(str(folder / "datapackage.json"))
    errors = [("package", e.type) for e in report.errors]
    return errors + [(task.name, e.type) for task in report.tasks for e in task.errors]


def test_the_manifest_is_a_valid_data_package_and_every_table_matches_it():
    # types, primary keys, row shapes and byte counts of every resource, by the standard's own
    # validator (frictionless), not by checks written here
    assert _frictionless_errors(DATA) == []


def test_frictionless_catches_a_duplicate_key_and_a_wrong_type(tmp_path):
    out = _copy_data(tmp_path)
    lines = (out / "hofstede.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    bad = list(row)
    bad[header.index("pdi")] = "lots"
    text = "\n".join([*lines, lines[1], ",".join(bad)]) + "\n"
    (out / "hofstede.csv").write_text(text, encoding="utf-8")
    found = {kind for name, kind in _frictionless_errors(out) if name == "hofstede"}
    assert {"primary-key", "type-error"} <= found, found
