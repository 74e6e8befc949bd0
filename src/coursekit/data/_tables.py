"""Builders of the World Bank, CEPII and reference tables (see ``build.py``).

Each builder takes the raw folder and returns ``(frame, manifest entry)``. Code mapping is explicit:
every code or name that does not match is either mapped here, with the reason, or the build fails.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

WB_LICENCE = [
    {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }
]
WDI_META = "worldbank/wdi/Metadata_Country_API_NY.GDP.PCAP.CD_DS2_en_csv_v2_76.csv"
GEO = "cepii/geo_cepii.dta"
DIST = "cepii/dist_cepii.dta"
CODES = "country_reference/country-codes.csv"

#: CEPII's legacy codes → ISO 3166 alpha-3 (None: no present-day country; rows dropped).
CEPII_CODES: dict[str, str | None] = {
    "ROM": "ROU",  # Romania
    "ZAR": "COD",  # DR Congo (Zaire)
    "YUG": "SRB",  # Serbia and Montenegro → Serbia, its legal successor
    "PAL": "PSE",  # Palestine
    "TMP": "TLS",  # Timor-Leste (East Timor)
    "ANT": None,  # Netherlands Antilles, dissolved in 2010: no single successor
}

#: Where CLDR's short name reads poorly in a chart or a sentence.
NAME_OVERRIDES = {
    "GBR": "United Kingdom",
    "USA": "United States",
    "BIH": "Bosnia and Herzegovina",
    "COD": "DR Congo",
    "COG": "Republic of the Congo",
    "PSE": "Palestine",
}

#: Economies outside the World Bank's list that the course still needs as countries.
EXTRA_COUNTRIES = {"TWN": ("Taiwan", "East Asia & Pacific", "")}

#: LPI 2023 names that do not match a country name in the reference tables.
LPI_NAMES: dict[str, str] = {
    "Hong Kong SAR, China": "HKG",
    "Korea, Rep.": "KOR",
    "Taiwan, China": "TWN",
    "Congo, Dem. Rep.": "COD",
    "Congo, Rep.": "COG",
    "Egypt, Arab Rep.": "EGY",
    "Iran, Islamic Rep.": "IRN",
    "Kyrgyz Republic": "KGZ",
    "Lao PDR": "LAO",
    "Russian Federation": "RUS",
    "Slovak Republic": "SVK",
    "Syrian Arab Republic": "SYR",
    "Venezuela, RB": "VEN",
    "Yemen, Rep.": "YEM",
    "Gambia, The": "GMB",
    "Bahamas, The": "BHS",
    "Turkey": "TUR",
    "Türkiye": "TUR",
    "TC<rkiye": "TUR",  # Türkiye, garbled by the uploader's CSV export of the LPI workbook
    "Côte d'Ivoire": "CIV",
    "Cote d'Ivoire": "CIV",
    "Micronesia, Fed. Sts.": "FSM",
    "North Macedonia": "MKD",
    "Moldova": "MDA",
    "Vietnam": "VNM",
    "Viet Nam": "VNM",
    "Czech Republic": "CZE",
    "Czechia": "CZE",
    "Bosnia and Herzegovina": "BIH",
    "Brunei Darussalam": "BRN",
    "United States": "USA",
    "United Kingdom": "GBR",
}


def _read_codes(raw: Path) -> pd.DataFrame:
    # Namibia's alpha-2 code is "NA": never let pandas read it as missing.
    return pd.read_csv(raw / CODES, keep_default_na=False, dtype=str)


def _wb_meta(raw: Path) -> pd.DataFrame:
    meta = pd.read_csv(raw / WDI_META, keep_default_na=False, dtype=str)
    return meta[meta["Region"] != ""]  # aggregates (regions, income groups) have no region


@cache
def _name_index(raw: Path) -> dict[str, str]:
    """Lower-cased English names (several spellings) → ISO3."""
    codes = _read_codes(raw)
    index: dict[str, str] = {}
    for col in ("CLDR display name", "official_name_en", "UNTERM English Short"):
        for name, iso in zip(codes[col], codes["ISO3166-1-Alpha-3"], strict=True):
            if name and iso:
                index.setdefault(name.strip().lower(), iso)
    meta = pd.read_csv(raw / WDI_META, keep_default_na=False, dtype=str)
    for name, iso in zip(meta["TableName"], meta["Country Code"], strict=True):
        index.setdefault(name.strip().lower(), iso)
    return index


def _geo(raw: Path) -> pd.DataFrame:
    geo = pd.read_stata(raw / GEO)
    geo["iso3"] = geo["iso3"].map(lambda c: CEPII_CODES.get(c, c))
    return geo[geo["iso3"].notna()]


def _languages(row: pd.Series) -> str:
    langs = [str(row[c]) for c in ("langoff_1", "langoff_2", "langoff_3")]
    return ";".join(x for x in langs if x and x not in (".", "nan"))


# ---------------------------------------------------------------------------------------------


def build_countries(raw: Path) -> tuple[pd.DataFrame, dict]:
    meta = _wb_meta(raw)
    codes = _read_codes(raw).set_index("ISO3166-1-Alpha-3")
    rows = []
    for iso, region, income, table_name in zip(
        meta["Country Code"], meta["Region"], meta["IncomeGroup"], meta["TableName"], strict=True
    ):
        rows.append((iso, region, income, table_name))
    for iso, (name, region, income) in EXTRA_COUNTRIES.items():
        rows.append((iso, region, income, name))
    frame = pd.DataFrame(rows, columns=["iso3", "region", "income_group", "wb_name"])
    frame["iso2"] = [
        codes.loc[c, "ISO3166-1-Alpha-2"] if c in codes.index else "" for c in frame["iso3"]
    ]
    frame["name"] = [
        NAME_OVERRIDES.get(c)
        or ((codes.loc[c, "CLDR display name"] or w) if c in codes.index else w).replace(
            " & ", " and "
        )
        for c, w in zip(frame["iso3"], frame["wb_name"], strict=True)
    ]
    frame["capital"] = [codes.loc[c, "Capital"] if c in codes.index else "" for c in frame["iso3"]]
    geo = _geo(raw)
    caps = geo[geo["cap"] == 1].drop_duplicates("iso3").set_index("iso3")
    frame["capital_lat"] = [
        float(caps.loc[c, "lat"]) if c in caps.index else np.nan for c in frame["iso3"]
    ]
    frame["capital_lon"] = [
        float(caps.loc[c, "lon"]) if c in caps.index else np.nan for c in frame["iso3"]
    ]
    firsts = geo.drop_duplicates("iso3").set_index("iso3")
    frame["official_languages"] = [
        _languages(firsts.loc[c]) if c in firsts.index else "" for c in frame["iso3"]
    ]
    frame["region"] = frame["region"].astype(str)
    frame = frame[
        [
            "iso3",
            "iso2",
            "name",
            "wb_name",
            "region",
            "income_group",
            "capital",
            "capital_lat",
            "capital_lon",
            "official_languages",
        ]
    ]
    frame = frame.sort_values("iso3").reset_index(drop=True)
    frame[["capital_lat", "capital_lon"]] = frame[["capital_lat", "capital_lon"]].round(4)
    fields = [
        {"name": "iso3", "type": "string", "description": "ISO 3166-1 alpha-3 code"},
        {"name": "iso2", "type": "string", "description": "ISO 3166-1 alpha-2 (Namibia is NA)"},
        {
            "name": "name",
            "type": "string",
            "description": "Short English name (Unicode CLDR, '&' written 'and', a few long forms "
            "restored: United Kingdom, United States, ...)",
        },
        {"name": "wb_name", "type": "string", "description": "World Bank's name"},
        {"name": "region", "type": "string", "description": "World Bank region"},
        {
            "name": "income_group",
            "type": "string",
            "description": "World Bank income group (empty for Taiwan, not classified)",
        },
        {"name": "capital", "type": "string", "description": "Capital city (GeoNames)"},
        {
            "name": "capital_lat",
            "type": "number",
            "unit": "degrees",
            "description": "Latitude of the capital (CEPII)",
        },
        {
            "name": "capital_lon",
            "type": "number",
            "unit": "degrees",
            "description": "Longitude of the capital (CEPII)",
        },
        {
            "name": "official_languages",
            "type": "string",
            "description": "Official languages (CEPII), separated by ';'",
        },
    ]
    return frame, {
        "title": "Countries",
        "description": (
            "One row per economy: the World Bank's 217 economies (its regions and income groups "
            "are aggregates and are not rows here) plus Taiwan, which the course's other data "
            "cover. Names from Unicode CLDR, capitals from GeoNames (both via the datahub.io "
            "country-codes package), capital coordinates and official languages from CEPII's "
            "GeoDist file."
        ),
        "sources": [
            {
                "title": "World Development Indicators, country metadata",
                "publisher": "World Bank",
                "path": "https://data.worldbank.org/",
            },
            {
                "title": "Country codes (core dataset)",
                "publisher": "datahub.io",
                "path": "https://datahub.io/core/country-codes",
            },
            {
                "title": "GeoDist",
                "publisher": "CEPII",
                "path": "https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=6",
            },
        ],
        "licenses": WB_LICENCE
        + [
            {"name": "ODC-PDDL", "title": "Open Data Commons Public Domain Dedication (codes)"},
            {
                "name": "Etalab-2.0",
                "title": "Etalab Open Licence 2.0 (CEPII; reported, not confirmed on CEPII's page)",
            },
        ],
        "raw_files": [WDI_META, CODES, GEO],
        "year": "2023 classification",
        "primary_key": ["iso3"],
        "schema": {"fields": fields},
    }


WDI_SERIES = {
    "gdp_pc_usd": (
        "worldbank/wdi/API_NY.GDP.PCAP.CD_DS2_en_csv_v2_76.csv",
        "NY.GDP.PCAP.CD",
        "current US$",
        "GDP per capita",
    ),
    "gdp_pc_ppp": (
        "worldbank/wdi/API_NY.GDP.PCAP.PP.CD_DS2_en_csv_v2_31760.csv",
        "NY.GDP.PCAP.PP.CD",
        "current international $ (PPP)",
        "GDP per capita, PPP",
    ),
    "gdp_growth": (
        "worldbank/wdi/API_NY.GDP.MKTP.KD.ZG_DS2_en_csv_v2_6298243.csv",
        "NY.GDP.MKTP.KD.ZG",
        "% per year",
        "GDP growth (constant prices)",
    ),
    "population": (
        "worldbank/wdi/API_SP.POP.TOTL_DS2_en_csv_v2_6298256.csv",
        "SP.POP.TOTL",
        "people",
        "Population, total",
    ),
    "exports_pct_gdp": (
        "worldbank/wdi/API_NE.EXP.GNFS.ZS_DS2_en_csv_v2_6299802.csv",
        "NE.EXP.GNFS.ZS",
        "% of GDP",
        "Exports of goods and services",
    ),
    "political_stability": (
        "worldbank/wgi/API_PV.EST_DS2_en_csv_v2_7919.csv",
        "PV.EST",
        "standard normal units (about -2.5 to 2.5)",
        "Political stability and absence of violence/terrorism (WGI)",
    ),
}
LPI_RAW = "worldbank/lpi/International_LPI_from_2007_to_2023.csv"
YEARS = range(2000, 2024)


def _wdi_long(raw: Path, path: str) -> pd.Series:
    # The header is usually preceded by 4 preamble lines; re-saved copies may lack them.
    lines = (raw / path).read_text(encoding="utf-8-sig").splitlines()
    header = next(i for i, line in enumerate(lines) if line.lstrip('"').startswith("Country Name"))
    wide = pd.read_csv(raw / path, skiprows=header, encoding="utf-8-sig")
    wide = wide.loc[:, ~wide.columns.str.startswith("Unnamed")]
    years = [str(y) for y in YEARS if str(y) in wide.columns]
    long = wide.melt(id_vars="Country Code", value_vars=years, var_name="year")
    long["year"] = long["year"].astype(int)
    long["value"] = pd.to_numeric(long["value"], errors="coerce")
    return long.set_index(["Country Code", "year"])["value"]


def lpi_codes(raw: Path) -> pd.DataFrame:
    """Every LPI economy name with the ISO3 code it was matched to, and how."""
    lpi = pd.read_csv(raw / LPI_RAW)
    index = _name_index(raw)
    rows = []
    for name in lpi["Economy"]:
        if name in LPI_NAMES:
            rows.append((name, LPI_NAMES[name], "hand mapping"))
        elif name.strip().lower() in index:
            rows.append((name, index[name.strip().lower()], "name match"))
        else:
            rows.append((name, "", "unmatched"))
    return pd.DataFrame(rows, columns=["economy", "iso3", "how"])


def build_indicators(raw: Path) -> tuple[pd.DataFrame, dict]:
    economies = sorted(set(_wb_meta(raw)["Country Code"]) | set(EXTRA_COUNTRIES))
    index = pd.MultiIndex.from_product([economies, list(YEARS)], names=["iso3", "year"])
    frame = pd.DataFrame(index=index)
    for column, (path, _, _, _) in WDI_SERIES.items():
        series = _wdi_long(raw, path)
        series.index = series.index.set_names(["iso3", "year"])
        frame[column] = series.reindex(index)
    lpi = pd.read_csv(raw / LPI_RAW)
    matched = lpi_codes(raw)
    unmatched = matched.loc[matched["iso3"] == "", "economy"].tolist()
    if unmatched:
        raise ValueError(f"LPI names not matched to a country (add them to LPI_NAMES): {unmatched}")
    if matched["iso3"].duplicated().any():
        raise ValueError(f"LPI names matched twice: {matched[matched['iso3'].duplicated()]}")
    outside = sorted(set(matched["iso3"]) - set(economies))
    if outside:
        raise ValueError(f"LPI economies outside the country list: {outside}")
    lpi_by_code = pd.Series(lpi["LPI Score"].to_numpy(), index=matched["iso3"].to_numpy())
    frame["lpi"] = np.nan
    for code, score in lpi_by_code.items():
        frame.loc[(code, 2023), "lpi"] = float(score)
    frame = frame.reset_index()
    frame["population"] = frame["population"].round(0).astype("Int64")
    for col in ("gdp_pc_usd", "gdp_pc_ppp"):
        frame[col] = frame[col].round(2)
    for col in ("gdp_growth", "exports_pct_gdp", "political_stability", "lpi"):
        frame[col] = frame[col].round(4)
    fields = (
        [
            {"name": "iso3", "type": "string", "description": "ISO 3166-1 alpha-3 code"},
            {"name": "year", "type": "integer", "description": "Calendar year"},
        ]
        + [
            {
                "name": col,
                "type": "integer" if col == "population" else "number",
                "unit": unit,
                "description": f"{label} ({code})",
            }
            for col, (_, code, unit, label) in WDI_SERIES.items()
        ]
        + [
            {
                "name": "lpi",
                "type": "number",
                "unit": "score 1-5",
                "description": "Logistics Performance Index 2023, overall score (year 2023 only)",
            },
        ]
    )
    return frame, {
        "title": "Economic, governance and logistics indicators",
        "description": (
            "Country x year (2000-2023) for the World Bank's 217 economies plus Taiwan; "
            "aggregates are not included. WDI series come from four bulk releases "
            "(Dec 2023 to Jul 2025), so overlapping years may reflect different revisions; "
            "the growth and population files were re-saved by their uploader (values checked). "
            "The LPI exists only for 2023 here and is matched to countries by name: "
            f"{int((matched['how'] == 'hand mapping').sum())} of {len(matched)} names by a hand "
            "mapping kept in the build code, the rest by exact name; none is left unmatched. "
            "Missing values are left empty, never filled."
        ),
        "sources": [
            {
                "title": "World Development Indicators",
                "publisher": "World Bank",
                "path": "https://data.worldbank.org/",
            },
            {
                "title": "Worldwide Governance Indicators",
                "publisher": "World Bank",
                "path": "https://www.worldbank.org/en/publication/worldwide-governance-indicators",
            },
            {
                "title": "Logistics Performance Index 2023",
                "publisher": "World Bank",
                "path": "https://lpi.worldbank.org/international/global",
            },
        ],
        "licenses": WB_LICENCE,
        "citation": "World Bank, World Development Indicators; Kaufmann, Kraay & Mastruzzi, "
        "Worldwide Governance Indicators; Arvis et al. (2023), Connecting to Compete.",
        "raw_files": [p for p, *_ in WDI_SERIES.values()] + [LPI_RAW, WDI_META],
        "year": "2000-2023",
        "primary_key": ["iso3", "year"],
        "schema": {"fields": fields},
    }


def build_distances(raw: Path) -> tuple[pd.DataFrame, dict]:
    dist = pd.read_stata(raw / DIST)
    for col in ("iso_o", "iso_d"):
        dist[col] = dist[col].map(lambda c: CEPII_CODES.get(c, c))
    dist = dist[dist["iso_o"].notna() & dist["iso_d"].notna()]
    out = pd.DataFrame(
        {
            "iso_o": dist["iso_o"],
            "iso_d": dist["iso_d"],
            "dist_km": dist["dist"].astype(float).round(1),
            "distcap_km": dist["distcap"].astype(float).round(1),
            "distw_km": dist["distw"].astype(float).round(1),
            "distwces_km": dist["distwces"].astype(float).round(1),
        }
    )
    for col in ("contig", "comlang_off", "comlang_ethno", "colony", "comcol", "col45", "smctry"):
        out[col] = dist[col].astype(bool)
    out = out.sort_values(["iso_o", "iso_d"]).reset_index(drop=True)
    flags = {
        "contig": "The two share a land border",
        "comlang_off": "They share an official language",
        "comlang_ethno": "A language is spoken by at least 9% of the population in both",
        "colony": "Ever in a colonial relationship",
        "comcol": "Common colonizer after 1945",
        "col45": "Colonial relationship after 1945",
        "smctry": "Were or are the same country",
    }
    fields = [
        {"name": "iso_o", "type": "string", "description": "Origin (ISO3)"},
        {"name": "iso_d", "type": "string", "description": "Destination (ISO3)"},
        {
            "name": "dist_km",
            "type": "number",
            "unit": "km",
            "description": "Great-circle distance between the most populated cities",
        },
        {
            "name": "distcap_km",
            "type": "number",
            "unit": "km",
            "description": "Distance between capitals",
        },
        {
            "name": "distw_km",
            "type": "number",
            "unit": "km",
            "description": "Population-weighted distance (theta = 1)",
        },
        {
            "name": "distwces_km",
            "type": "number",
            "unit": "km",
            "description": "Population-weighted distance (theta = -1)",
        },
    ] + [{"name": k, "type": "boolean", "description": v} for k, v in flags.items()]
    return out, {
        "title": "Distances and links between countries",
        "description": (
            "Every ordered pair of countries in CEPII's GeoDist (2011 release): distances in km "
            "and binary links (border, language, colonial history). CEPII's legacy codes are "
            "mapped to ISO 3166 (ROM to ROU, ZAR to COD, YUG to SRB, PAL to PSE, TMP to TLS); "
            "the Netherlands Antilles (ANT), dissolved in 2010, have no successor and their "
            "pairs are left out. Weighted distances are missing for some pairs in the source."
        ),
        "sources": [
            {
                "title": "GeoDist",
                "publisher": "CEPII",
                "path": "https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=6",
            }
        ],
        "licenses": [
            {
                "name": "Etalab-2.0",
                "title": "Etalab Open Licence 2.0 (reported; not confirmed on CEPII's page)",
            }
        ],
        "citation": "Mayer, T. & Zignago, S. (2011). Notes on CEPII's distances measures: "
        "the GeoDist database. CEPII Working Paper 2011-25.",
        "raw_files": [DIST],
        "year": "2011",
        "primary_key": ["iso_o", "iso_d"],
        "schema": {"fields": fields},
    }


ES_RAW = "worldbank/enterprise_surveys/fig_sdg17_enterprise_exports.csv"


def build_enterprise_exports(raw: Path) -> tuple[pd.DataFrame, dict]:
    src = pd.read_csv(raw / ES_RAW, dtype=str, keep_default_na=False)
    original = src["Country Code"].tolist()
    codes = list(original)
    # Two blocks of 12 rows carry ".." instead of a code: recode them by position (PROVENANCE).
    for i, code in enumerate(original):
        if code == "..":
            before = next(c for c in reversed(original[:i]) if c != "..")
            codes[i] = {"CHE": "CHI", "WSM": "XKX"}[before]
    src["iso3"] = codes
    src["value"] = pd.to_numeric(src["Value"].replace("..", ""), errors="coerce")
    kept = src[src["value"].notna()]
    out = (
        pd.DataFrame(
            {
                "iso3": kept["iso3"],
                "year": kept["Time"].astype(int),
                "direct_export_share_pct": kept["value"].round(4),
            }
        )
        .sort_values(["iso3", "year"])
        .reset_index(drop=True)
    )
    fields = [
        {"name": "iso3", "type": "string", "description": "ISO3 (Kosovo is XKX)"},
        {"name": "year", "type": "integer", "description": "Survey year"},
        {
            "name": "direct_export_share_pct",
            "type": "number",
            "unit": "% of sales",
            "description": "Proportion of total sales exported directly, mean over all surveyed "
            "firms, exporters and non-exporters (IC.FRM.TRD.TR5)",
        },
    ]
    return out, {
        "title": "Direct exports of surveyed firms (Enterprise Surveys)",
        "description": (
            "The share of sales that firms export directly, averaged over every firm the "
            "World Bank's Enterprise Surveys interviewed in a country and year (non-exporters "
            "count as zero). Only country-years with a survey are rows. This is NOT the share "
            "of firms that export, it leaves out indirect exports, and the source holds no "
            "breakdown by firm size: export participation by size class is not available in the "
            "course's raw data. Two blocks of the source carry '..' instead of a country code; "
            "by their position they are the Channel Islands (no values) and Kosovo (XKX)."
        ),
        "sources": [
            {
                "title": "Enterprise Surveys (via the World Bank API, cached by the SDG "
                "Atlas 2018 team)",
                "publisher": "World Bank",
                "path": "https://www.enterprisesurveys.org/",
            }
        ],
        "licenses": WB_LICENCE,
        "raw_files": [ES_RAW],
        "year": "2006-2017",
        "primary_key": ["iso3", "year"],
        "schema": {"fields": fields},
    }


DB_RAW = "worldbank/doing_business/DB18-Historical-data-complete-data-with-DTFs.xlsx"
DB_MAP = "worldbank/doing_business/db_main_city_iso3c_mapping.csv"
DB_COLUMNS = {
    "dtf_trading_db06_15": "DTF - Trading across borders\n(DB06-15 methodology)",
    "dtf_trading_db16_18": "DTF - Trading across borders\n(DB16-18 methodology)",
    "documents_to_export": "Documents to export (number) (DB06-15 methodology)",
    "time_to_export_days": "Time to export (days) (DB06-15 methodology)",
    "cost_to_export_usd_container": "Cost to export (US$ per container deflated) "
    "(DB06-15 methodology)",
    "export_border_hours": "Time to export: Border compliance (hours) (DB16-18 methodology)",
    "export_documentary_hours": "Time to export: Documentary compliance (hours) "
    "(DB16-18 methodology)",
    "export_border_usd": "Cost to export: Border compliance (USD) (DB16-18 methodology)",
    "export_documentary_usd": "Cost to export: Documentary compliance (USD) (DB16-18 methodology)",
}


def build_trading_across_borders(raw: Path) -> tuple[pd.DataFrame, dict]:
    db = pd.read_excel(raw / DB_RAW, "All Data", header=1).copy()
    mapping = pd.read_csv(raw / DB_MAP, keep_default_na=False, dtype=str)
    to_iso = dict(zip(mapping["db_country_code"], mapping["iso3c"], strict=True))
    db = db.assign(iso3=[to_iso.get(c, c) for c in db["Country code"]])
    db = db[db["iso3"] != ""]  # city rows of two-city economies (the weighted row is kept)
    db = db[db["DB Year"] >= 2006]
    out = pd.DataFrame({"iso3": db["iso3"], "db_year": db["DB Year"].astype(int)})
    no_practice = pd.Series(False, index=db.index)
    for new, old in DB_COLUMNS.items():
        col = db[old]
        no_practice |= col.astype(str).str.strip().eq("No Practice")
        out[new] = pd.to_numeric(col, errors="coerce").round(2)
    out["no_practice"] = no_practice
    out = out.sort_values(["iso3", "db_year"]).reset_index(drop=True)
    fields = (
        [
            {
                "name": "iso3",
                "type": "string",
                "description": "ISO3 (via the Atlas team's mapping)",
            },
            {
                "name": "db_year",
                "type": "integer",
                "description": "Doing Business edition; data refer mostly to the previous year",
            },
        ]
        + [
            {
                "name": k,
                "type": "number",
                "unit": "score 0-100"
                if k.startswith("dtf")
                else (
                    "hours"
                    if "hours" in k
                    else "days"
                    if "days" in k
                    else "US$"
                    if "usd" in k
                    else "number"
                ),
                "description": v.replace("\n", " "),
            }
            for k, v in DB_COLUMNS.items()
        ]
        + [
            {
                "name": "no_practice",
                "type": "boolean",
                "description": "A measure was 'No Practice' in the source (left empty here)",
            }
        ]
    )
    return out, {
        "title": "Trading across borders (Doing Business 2018)",
        "description": (
            "Time, cost and documents to export and the distance-to-frontier score of the "
            "trading-across-borders topic, editions 2006-2018, in two methodologies (DB06-15 "
            "and DB16-18). Economies measured in two cities keep their population-weighted "
            "national row; the city rows are left out. Caution: the World Bank discontinued "
            "Doing Business in 2021 after a review found data irregularities in the 2018 and "
            "2020 editions; teach these numbers as historical and approximate."
        ),
        "sources": [
            {
                "title": "Doing Business 2018 historical data",
                "publisher": "World Bank",
                "path": "https://archive.doingbusiness.org/",
            }
        ],
        "licenses": WB_LICENCE,
        "raw_files": [DB_RAW, DB_MAP],
        "year": "2006-2018 editions",
        "primary_key": ["iso3", "db_year"],
        "schema": {"fields": fields},
    }
