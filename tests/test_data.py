"""The course's data: rebuilt from the raw files byte for byte, documented, typed, and true to
the sources (known values taken from the raw files and their provenance notes)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from coursekit import countries, data
from coursekit.data import _tables
from coursekit.data._hofstede_codes import HOFSTEDE_CODES

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "data" / "raw"
MANIFEST = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in MANIFEST["resources"]}
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason=f"raw data folder {RAW} not present")


@needs_raw
def test_committed_data_match_a_fresh_build():
    result = subprocess.run(
        [sys.executable, "-m", "coursekit.data.build", "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_checksum_rows_and_missing_counts_match_the_manifest(name):
    entry = RESOURCES[name]
    path = ROOT / "data" / entry["path"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    frame = data.load(name)
    assert len(frame) == entry["rows"]
    # loading never silently fills or drops: missing counts are those recorded at build time
    assert {c: int(frame[c].isna().sum()) for c in frame.columns} == entry["missing"]


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_manifest_documents_every_table(name):
    entry = RESOURCES[name]
    for key in ("title", "description", "sources", "licenses", "raw_files", "year", "schema"):
        assert entry.get(key), f"{name}: no {key}"
    for raw_file in entry["raw_files"]:
        assert (RAW / raw_file).exists() or not RAW.is_dir(), raw_file
    frame = data.load(name)
    kinds = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
    for field in entry["schema"]["fields"]:
        assert str(frame[field["name"]].dtype) == kinds[field["type"]], field["name"]
        assert field.get("description"), f"{name}.{field['name']} undocumented"


def test_names_and_describe():
    assert set(data.names()) >= {
        "countries",
        "indicators",
        "distances",
        "hofstede",
        "enterprise_exports",
        "trading_across_borders",
    }
    entry = data.describe("hofstede")
    entry["title"] = "changed"
    assert data.describe("hofstede")["title"] != "changed"  # a copy


def test_unknown_dataset_lists_valid_names():
    with pytest.raises(ValueError, match=r"Did you mean 'hofstede'.*Valid names: .*countries"):
        data.load("hofstde")
    with pytest.raises(TypeError, match="dataset name is a string"):
        data.load(3)


def test_loaded_frames_are_copies():
    a = data.load("countries")
    a.loc[0, "name"] = "Changed"
    assert data.load("countries").loc[0, "name"] != "Changed"


# ---- known values, from the raw files and PROVENANCE.md --------------------------------------


def test_hofstede_known_values():
    h = data.load("hofstede").set_index("hofstede_code")
    assert h.loc["GER", ["pdi", "idv", "mas", "uai"]].tolist() == [35, 67, 66, 65]
    assert h.loc["GER", "iso3"] == "DEU" and h.loc["CHI", "iso3"] == "CHN"
    assert h.loc["JPN", "mas"] == 95
    assert h.loc["USA", ["pdi", "idv", "mas", "uai", "lto", "ivr"]].tolist() == [
        40,
        91,
        62,
        46,
        26,
        68,
    ]
    assert not h.loc["AFE", "is_country"] and not h.loc["SWF", "is_country"]
    counts = h[["pdi", "idv", "mas", "uai", "lto", "ivr"]].notna().sum().tolist()
    assert counts == [78, 78, 78, 78, 96, 97]


@needs_raw
def test_every_hofstede_code_is_mapped_and_none_twice():
    raw = pd.read_csv(RAW / "hofstede/6-dimensions-for-website-2015-08-16.csv", sep=";")
    assert set(raw["ctr"]) == set(HOFSTEDE_CODES)
    isos = [iso for iso, _ in HOFSTEDE_CODES.values() if iso]
    assert len(isos) == len(set(isos))
    known = set(data.load("countries")["iso3"])
    # every Hofstede country is a country of the course, except Puerto Rico and Andorra-like
    # territories the World Bank lists too; none is unexplained
    assert set(isos) - known == set()


def test_distances_known_values_and_symmetry():
    d = data.load("distances").set_index(["iso_o", "iso_d"])
    assert d.loc[("DEU", "FRA"), "dist_km"] == pytest.approx(439.9)
    assert d.loc[("DEU", "FRA"), "distcap_km"] == pytest.approx(880.2)
    assert d.loc[("DEU", "AUT"), ["contig", "comlang_off"]].tolist() == [True, True]
    assert d.loc[("GBR", "USA"), ["comlang_off", "colony"]].tolist() == [True, True]
    assert d.loc[("GBR", "USA"), "dist_km"] == pytest.approx(5570, abs=1)
    assert not d.loc[("JPN", "CHN"), "comlang_off"]
    for pair in [("ESP", "MEX"), ("FRA", "DZA"), ("GBR", "IND")]:
        assert d.loc[pair, "colony"]
    flipped = d.reset_index().rename(columns={"iso_o": "iso_d", "iso_d": "iso_o"})
    merged = d.reset_index().merge(flipped, on=["iso_o", "iso_d"], suffixes=("", "_r"))
    assert (merged["dist_km"] == merged["dist_km_r"]).all()
    assert {"ROM", "ZAR", "YUG", "PAL", "TMP", "ANT"}.isdisjoint(set(d.index.get_level_values(0)))
    assert {"ROU", "COD", "SRB", "PSE", "TLS"} <= set(d.index.get_level_values(0))


@needs_raw
def test_indicators_match_the_raw_files():
    ind = data.load("indicators").set_index(["iso3", "year"])
    raw = pd.read_csv(RAW / "worldbank/wdi/API_NY.GDP.PCAP.CD_DS2_en_csv_v2_76.csv", skiprows=4)
    raw_deu = raw.set_index("Country Code").loc["DEU", "2015"]
    assert ind.loc[("DEU", 2015), "gdp_pc_usd"] == pytest.approx(raw_deu, abs=0.01)
    assert ind.loc[("DEU", 2022), "population"] == 83_797_985
    assert ind.loc[("DEU", 2023), "political_stability"] == pytest.approx(0.59, abs=0.005)
    assert ind.loc[("SYR", 2023), "political_stability"] == pytest.approx(-2.75, abs=0.005)
    assert ind.loc[("SGP", 2023), "lpi"] == pytest.approx(4.3)
    assert ind.loc[("NGA", 2023), "lpi"] == pytest.approx(2.6)
    assert ind["lpi"].notna().sum() == 139  # every LPI economy matched, none dropped
    assert ind.loc[ind["lpi"].notna()].index.get_level_values("year").unique().tolist() == [2023]


def test_aggregates_never_appear_as_countries():
    aggregates = {"WLD", "EUU", "HIC", "LMC", "SSF", "EAS", "OED", "AFE", "AFW", "ARB"}
    for name in ("countries", "indicators"):
        codes = set(data.load(name)["iso3"])
        assert codes.isdisjoint(aggregates), name
    assert len(data.load("countries")) == 218  # 217 World Bank economies + Taiwan


@needs_raw
def test_lpi_names_all_resolved():
    matched = _tables.lpi_codes(RAW)
    assert (matched["how"] != "unmatched").all(), matched[matched["how"] == "unmatched"]
    assert not matched["iso3"].duplicated().any()


def test_namibia_is_na_not_missing():
    c = data.load("countries").set_index("iso3")
    assert c.loc["NAM", "iso2"] == "NA"
    assert countries.resolve("NA") == "NAM"


def test_enterprise_exports_recoded_blocks_and_range():
    es = data.load("enterprise_exports")
    assert len(es) == 238 and es["iso3"].nunique() == 139
    kosovo = es[es["iso3"] == "XKX"].set_index("year")["direct_export_share_pct"]
    assert kosovo.to_dict() == {2009: 3.8, 2013: 5.0}
    assert es["direct_export_share_pct"].between(0, 100).all()
    assert es.set_index(["iso3", "year"]).loc[("TLS", 2015)].iloc[0] == pytest.approx(
        30.1, abs=0.05
    )


def test_trading_across_borders_known_values():
    t = data.load("trading_across_borders").set_index(["iso3", "db_year"])
    assert t.loc[("DEU", 2018), "dtf_trading_db16_18"] == pytest.approx(91.77)
    assert t.loc[("DEU", 2018), ["export_border_hours", "export_border_usd"]].tolist() == [36, 345]
    assert t.loc[("USA", 2018), "export_border_hours"] == pytest.approx(1.5)
    assert t.loc[("ERI", 2018), "no_practice"]
    assert len(t.xs(2018, level="db_year")) == 190


def test_country_resolution():
    assert countries.resolve("germany") == "DEU" == countries.resolve("DEU")
    assert countries.resolve("U.S.A.") == "USA" == countries.resolve("united states")
    assert countries.resolve("Korea, Rep.") == "KOR"
    with pytest.raises(ValueError, match=r"Unknown country 'Germny'\. Did you mean: Germany"):
        countries.resolve("Germny")
    with pytest.raises(ValueError, match="No country with Hofstede scores for Kenya"):
        countries.resolve("Kenya", candidates=["DEU"], what="country with Hofstede scores")
    with pytest.raises(TypeError, match="ISO 3166 alpha-3 code"):
        countries.resolve(None)


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
    code = (
        "import coursekit, coursekit.data as d; print(coursekit.__file__); "
        "print(d.data_dir()); print(len(d.load('hofstede')), len(d.load('distances')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert out[0].startswith(str(target)) and "_data" in out[1]
    assert out[2] == f"111 {RESOURCES['distances']['rows']}"


def test_literature_covers_the_review():
    lit = data.load("literature").set_index("id")
    assert len(lit) >= 110 and lit.index.is_unique
    allowed = {
        "networks_alliances_clusters",
        "capacity_building",
        "policy",
        "innovation",
        "benefits_barriers",
        "future_prospects",
        "timing",
        "modes",
        "destinations",
        "operational_decisions",
        "theory",
    }
    assert set(lit["factor_group"]) <= allowed
    assert set(lit["factor_group"]) - {"theory"} == allowed - {"theory"}  # every group present
    assert lit.loc["hutchinson2009", "factor_group"] == "benefits_barriers"
    assert lit.loc["gumede2002", "factor_group"] == "networks_alliances_clusters"
    assert lit.loc["freeman2013", "factor_group"] == "timing"
    assert (
        lit.loc["hutchinson2009", "journal"]
        == "Journal of Small Business and Enterprise Development"
    )
    assert lit["year"].between(1950, 2016).all()


def test_every_code_that_does_not_map_is_explained():
    explained = pd.read_csv(ROOT / "data" / "curated" / "unmapped_codes.csv", keep_default_na=False)
    assert explained["reason"].str.len().min() > 10
    cepii = set(data.load("distances")["iso_o"])
    countries_ = set(data.load("countries")["iso3"])
    unmapped = (cepii - countries_) | (countries_ - cepii)
    unexplained = sorted(unmapped - set(explained["code"]))
    assert unexplained == [], f"codes that match nothing and are not explained: {unexplained}"
    hof = data.load("hofstede")
    assert set(hof.loc[hof["is_country"], "iso3"]) <= countries_
