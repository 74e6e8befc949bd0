"""Builders of the course's tables from the raw public files (see ``build.py``).

Each builder takes the :class:`Inputs` (raw folder and curated folder) and returns a
:class:`Table`: the frame, sorted and rounded, and its manifest entry (title, description,
sources, licence and terms, raw files, year, schema). Code mapping is explicit: a code or a
name that does not match is either mapped in ``_codes.py`` or a curated file, with the reason,
or the build stops and names it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from coursekit.countries import normalize_name
from coursekit.data._codes import (
    CEPII_CODES,
    ES_UNLABELLED_BLOCKS,
    EXCLUDED_ALIASES,
    EXTRA_COUNTRIES,
    HOFSTEDE_CODES,
    NAME_OVERRIDES,
)

__all__ = [
    "Inputs",
    "Table",
    "BUILDERS",
    "CURATED",
    "COURSE_LICENCE",
    "field_",
    "lpi_codes",
    "unmapped_codes",
    "normalize_name",
]

# ---- raw files (paths relative to the raw folder) ------------------------------------------

HOFSTEDE_RAW = "hofstede/6-dimensions-for-website-2015-08-16.csv"
GEO = "cepii/geo_cepii.dta"
DIST = "cepii/dist_cepii.dta"
CODES = "country_reference/country-codes.csv"
WDI_META = "worldbank/wdi/Metadata_Country_API_NY.GDP.PCAP.CD_DS2_en_csv_v2_76.csv"
LPI_RAW = "worldbank/lpi/International_LPI_from_2007_to_2023.csv"
ES_RAW = "worldbank/enterprise_surveys/fig_sdg17_enterprise_exports.csv"
DB_RAW = "worldbank/doing_business/DB18-Historical-data-complete-data-with-DTFs.xlsx"
DB_MAP = "worldbank/doing_business/db_main_city_iso3c_mapping.csv"

#: column -> (raw file, indicator code, unit, label, vintage as documented in PROVENANCE.md)
WDI_SERIES: dict[str, tuple[str, str, str, str, str]] = {
    "gdp_pc_usd": (
        "worldbank/wdi/API_NY.GDP.PCAP.CD_DS2_en_csv_v2_76.csv",
        "NY.GDP.PCAP.CD",
        "current US$",
        "GDP per capita",
        "WDI release of 2024-12-16",
    ),
    "gdp_pc_ppp": (
        "worldbank/wdi/API_NY.GDP.PCAP.PP.CD_DS2_en_csv_v2_31760.csv",
        "NY.GDP.PCAP.PP.CD",
        "current international $ (PPP)",
        "GDP per capita, purchasing power parity",
        "WDI release of 2024-09-19; PPP data start in 1990",
    ),
    "gdp_growth": (
        "worldbank/wdi/API_NY.GDP.MKTP.KD.ZG_DS2_en_csv_v2_6298243.csv",
        "NY.GDP.MKTP.KD.ZG",
        "% per year",
        "GDP growth at constant prices",
        "probably the WDI release of 2023-12-18 (inferred); copy re-saved by its uploader; "
        "data to 2022",
    ),
    "population": (
        "worldbank/wdi/API_SP.POP.TOTL_DS2_en_csv_v2_6298256.csv",
        "SP.POP.TOTL",
        "people",
        "Population, total",
        "WDI release of 2023-12-18; copy re-saved by its uploader; data to 2022",
    ),
    "exports_pct_gdp": (
        "worldbank/wdi/API_NE.EXP.GNFS.ZS_DS2_en_csv_v2_6299802.csv",
        "NE.EXP.GNFS.ZS",
        "% of GDP",
        "Exports of goods and services",
        "WDI release of 2023-12-18; data to 2022",
    ),
    "political_stability": (
        "worldbank/wgi/API_PV.EST_DS2_en_csv_v2_7919.csv",
        "PV.EST",
        "standard normal units (about -2.5 to 2.5)",
        "Political stability and absence of violence/terrorism, estimate (WGI)",
        "WDI release of 2025-07-01; WGI data for 1996, 1998, 2000 and 2002-2023",
    ),
}
YEARS = range(2000, 2024)

# ---- curated inputs (file names in the curated folder) -------------------------------------


class Curated(NamedTuple):
    """A curated input table: its file in ``data/curated``, columns, primary key and manifest
    title and description."""

    file: str
    columns: list[str]
    key: list[str]
    title: str
    description: str


CURATED: dict[str, Curated] = {
    "unmapped_codes": Curated(
        "unmapped_codes.csv",
        ["code", "source", "reason"],
        ["code", "source"],
        "Country codes that deliberately match nothing, with the reason",
        "Every code in a raw file that does not become a row of the countries table (or, for "
        "World Bank economies, that has no CEPII distances), with the reason in a sentence: "
        "territories CEPII covers but the World Bank does not, economies CEPII lacks, the World "
        "Bank's regional and income-group aggregates, Hofstede's regional and language-group "
        "rows, and Doing Business second-city rows. The build stops on a code that goes "
        "unmatched without a row here, and the tests also fail on a row here that no longer "
        "describes an unmatched code.",
    ),
    "lpi_names": Curated(
        "lpi_names.csv",
        ["economy", "iso3", "reason"],
        ["economy"],
        "Hand matches of LPI economy names",
        "The Logistics Performance Index file names economies without codes. Most names equal a "
        "World Bank, ISO or CLDR name and are matched automatically; this table lists, with the "
        "reason, the few that do not. The build stops on any LPI name that is neither matched "
        "automatically nor listed here, and the tests fail on an entry that is no longer needed.",
    ),
    "country_aliases": Curated(
        "country_aliases.csv",
        ["alias", "iso3", "note"],
        ["alias"],
        "Everyday country names that no source spells",
        "Short forms and everyday names (Britain, Holland, UAE, DRC...) that the course accepts "
        "wherever a country is asked for, on top of the names the sources use. They feed the "
        "country_names table and coursekit.countries.resolve.",
    ),
    "memberships": Curated(
        "memberships.csv",
        ["bloc", "iso3", "since"],
        ["bloc", "iso3"],
        "Members of the European Union and of the euro area on 1 January 2024",
        "One row per member country and bloc: the 27 member states of the European Union (27 "
        "since the United Kingdom left on 31 January 2020; Croatia, on 1 July 2013, joined last) "
        "and the 20 countries of the euro area (20 since Croatia adopted the euro on 1 January "
        "2023), each with the date it joined. The reference date is 1 January 2024: membership "
        "changes (accessions, euro adoptions, a withdrawal), so the table must be updated when it "
        "does, and it says nothing about earlier years except through the joining date (a "
        "country left before the reference date, such as the United Kingdom, is not listed). "
        "EFTA and the wider European Economic Area are not included. coursekit.markets derives "
        "from it the administrative CAGE criteria 'both in the EU' (single market) and 'same "
        "currency' (both in the euro area).",
    ),
    "case_studies": Curated(
        "case_studies.csv",
        [
            "case_id",
            "firm",
            "home",
            "sector",
            "source",
            "reported",
            "speed",
            "first_markets",
            "markets_chosen_by",
            "dominant",
            "supporting",
            "supporting_note",
            "clue",
            "coding_note",
        ],
        ["case_id"],
        "Documented firm cases from published case studies, coded for chapter 5",
        "Real firms (or anonymised samples of real firms) from published case studies of SME "
        "internationalization: what each study reports, in the course team's words, and the "
        "course's coding of it: speed, the distance of the first markets, who chose the markets "
        "('not reported' where the study, as checked, does not say), the theory whose mechanism "
        "dominates and those that support it, with the reason. The coding is the course's "
        "reading, not the authors'; each source is a key of book/references.bib, and how each "
        "report was checked is recorded in docs/attributions.md. coursekit.theories matches and "
        "tests the theories on these cases.",
    ),
}

#: Manifest fields that replace the generic ones of a curated table (its sources, licence).
CURATED_META: dict[str, dict[str, object]] = {
    "memberships": {
        "sources": [
            {
                "title": "EU countries (the 27 member countries and their year of entry)",
                "publisher": "European Union (europa.eu)",
                "path": "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
            },
            {
                "title": "Euro area (the countries whose currency is the euro, with the dates "
                "they adopted it)",
                "publisher": "European Central Bank",
                "path": "https://www.ecb.europa.eu/euro/intro/html/index.en.html",
            },
        ],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Compiled by the course team, CC BY 4.0; the facts are public records of "
                "the EU and the ECB",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "terms": "Public facts compiled by the course team (CC BY 4.0); the EU's and the ECB's "
        "lists are the authority.",
        "provenance": "Kept by hand in data/curated/memberships.csv from the EU's list of member "
        "countries (europa.eu, year of entry) and the ECB's list of euro-area countries (with "
        "their dates of adoption), as of 1 January 2024; validated and kept sorted by the build. "
        "Update it when a country joins or leaves.",
        "year": "members on 2024-01-01",
    },
    "case_studies": {
        "sources": [
            {
                "title": "The internationalization of the firm: four Swedish cases",
                "publisher": "Journal of Management Studies 12(3), 1975 (Johanson & "
                "Wiedersheim-Paul)",
                "path": "https://doi.org/10.1111/j.1467-6486.1975.tb00514.x",
            },
            {
                "title": "Explaining the formation of international new ventures",
                "publisher": "Journal of Business Venturing 9(6), 1994 (McDougall, Shane & Oviatt)",
                "path": "https://doi.org/10.1016/0883-9026(94)90017-5",
            },
            {
                "title": "Network relationships and the internationalisation process of small "
                "software firms",
                "publisher": "International Business Review 6(4), 1997 (Coviello & Munro)",
                "path": "https://doi.org/10.1016/S0969-5931(97)00010-3",
            },
            {
                "title": "Internationalisation of small to medium-sized manufacturing firms: a "
                "network approach",
                "publisher": "International Business Review 9(1), 2000 (Chetty & Blankenburg Holm)",
                "path": "https://www.sciencedirect.com/journal/international-business-review",
            },
            {
                "title": "A strategic approach to internationalization: a traditional versus a "
                "born-global approach",
                "publisher": "Journal of International Marketing 12(1), 2004 (Chetty & "
                "Campbell-Hunt)",
                "path": "https://journals.sagepub.com/home/jig",
            },
            {
                "title": "The impacts of network relationships on SMEs' internationalization "
                "process",
                "publisher": "Thunderbird International Business Review 48(2), 2006 (Zain & Ng)",
                "path": "https://onlinelibrary.wiley.com/journal/15206874",
            },
            {
                "title": "Born global or born regional? Evidence from an exploratory study in the "
                "Costa Rican software industry",
                "publisher": "Journal of International Business Studies 40(7), 2009 (Lopez, Kundu "
                "& Ciravegna)",
                "path": "https://doi.org/10.1057/jibs.2008.69",
            },
        ],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Summaries and coding written by the course team, CC BY 4.0; the "
                "findings belong to the cited studies",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "terms": "Summaries and coding by the course team (CC BY 4.0); cite the studies for "
        "their findings.",
        "provenance": "Kept by hand in data/curated/case_studies.csv; each row summarises one "
        "published study in our own words and codes it; kept sorted by the build; its codes "
        "and theory ids are validated by coursekit.theories when loaded and its sources "
        "against book/references.bib by tests/test_theories.py. Checks of each summary: "
        "docs/attributions.md.",
        "year": "studies of 1975-2009",
    },
}

WB_TERMS = "CC BY 4.0 under the World Bank's open-data terms of use."
CC_BY = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
ETALAB = {
    "name": "Etalab-2.0",
    "title": "Etalab Open Licence 2.0 (reported; not confirmed on CEPII's page)",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
PDDL = {
    "name": "ODC-PDDL-1.0",
    "title": "Open Data Commons Public Domain Dedication and License",
    "path": "https://opendatacommons.org/licenses/pddl/",
}
COURSE_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 (course material)",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
CEPII_TERMS = (
    "Reported as the Etalab Open Licence 2.0, which asks for attribution and the date of the "
    "data: a third-party data statement gives 'free to use and redistribute' with a link to that "
    "licence, and CEPII usually releases its databases under it. Not confirmed on CEPII's own "
    "page when the files were collected."
)
CODES_TERMS = (
    "ODC Public Domain Dedication and License (PDDL), as stated by the datahub.io repository, "
    "which adds that ISO's own rights position on the codes is 'somewhat unclear'."
)
ATLAS_TERMS = (
    "CC BY 4.0 as stated in inputs/README.md of the World Bank's sdgatlas2018 repository (data "
    "from the World Bank API and other World Bank sources are under the World Bank's default "
    "CC BY 4.0 licence unless otherwise specified). Not confirmed on the {site} site when the "
    "files were collected."
)
SRC_WDI = {
    "title": "World Development Indicators",
    "publisher": "World Bank",
    "path": "https://data.worldbank.org/",
}
SRC_LPI = {
    "title": "Logistics Performance Index 2023",
    "publisher": "World Bank",
    "path": "https://lpi.worldbank.org/international/global",
}
SRC_CEPII = {
    "title": "GeoDist database",
    "publisher": "CEPII",
    "path": "https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=6",
}
SRC_CODES = {
    "title": "Country codes (core dataset; from ISO 3166, UN M49, Unicode CLDR and GeoNames)",
    "publisher": "datahub.io / Frictionless Data",
    "path": "https://datahub.io/core/country-codes",
}
SRC_HOFSTEDE = {
    "title": "Dimension data matrix (6-dimensions-for-website-2015-08-16)",
    "publisher": "Geert Hofstede / Hofstede Centre",
    "path": "https://geerthofstede.com/research-and-vsm/dimension-data-matrix/",
}


# ---- helpers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A built table: the frame and its manifest entry (without the computed fields)."""

    frame: pd.DataFrame
    meta: dict[str, Any]


@dataclass
class Inputs:
    """The raw and curated folders, with the parsed files the builders share (read once)."""

    raw: Path
    curated: Path
    _cache: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    @cached_property
    def countries_table(self) -> Table:
        """The countries table, built once: ``country_names`` reuses its display names."""
        return build_countries(self)

    @cached_property
    def codes(self) -> pd.DataFrame:
        """datahub.io country codes; Namibia's alpha-2 ``NA`` stays a string."""
        return pd.read_csv(self.raw / CODES, keep_default_na=False, dtype=str)

    @cached_property
    def economies(self) -> pd.DataFrame:
        """The World Bank's economies: aggregates have no region and are left out."""
        meta = pd.read_csv(self.raw / WDI_META, keep_default_na=False, dtype=str)
        return meta[meta["Region"] != ""].reset_index(drop=True)

    @cached_property
    def country_codes(self) -> list[str]:
        """ISO3 codes of the course's countries: the World Bank's economies and the extras."""
        return sorted(set(self.economies["Country Code"]) | set(EXTRA_COUNTRIES))

    @cached_property
    def geo_raw(self) -> pd.DataFrame:
        """CEPII's geography file, as published."""
        return pd.read_stata(self.raw / GEO)

    @cached_property
    def geo(self) -> pd.DataFrame:
        """CEPII's geography file with ISO3 codes (legacy codes mapped; ANT left out)."""
        geo = self.geo_raw.copy()
        geo["iso3"] = geo["iso3"].map(lambda c: CEPII_CODES.get(c, c))
        return geo[geo["iso3"].notna()].reset_index(drop=True)

    @cached_property
    def dist(self) -> pd.DataFrame:
        """CEPII's dyadic file, as published."""
        return pd.read_stata(self.raw / DIST)

    @cached_property
    def hofstede_raw(self) -> pd.DataFrame:
        """Hofstede's matrix; ``#NULL!`` is missing, codes stay strings."""
        return pd.read_csv(
            self.raw / HOFSTEDE_RAW, sep=";", na_values=["#NULL!"], keep_default_na=False
        )

    @cached_property
    def lpi(self) -> pd.DataFrame:
        """The LPI 2023 sheet (names only, no codes)."""
        return pd.read_csv(self.raw / LPI_RAW, keep_default_na=False)

    @cached_property
    def db(self) -> pd.DataFrame:
        """Doing Business 2018, sheet 'All Data' (second header row)."""
        return pd.read_excel(self.raw / DB_RAW, "All Data", header=1)

    @cached_property
    def db_map(self) -> dict[str, str]:
        """The Atlas team's DB code -> ISO3 mapping; '' marks a city row (CR line endings)."""
        mapping = pd.read_csv(self.raw / DB_MAP, keep_default_na=False, dtype=str)
        return dict(zip(mapping["db_country_code"], mapping["iso3c"], strict=True))

    @cached_property
    def wdi(self) -> dict[str, pd.Series]:
        """Each WDI/WGI series as a (code, year) -> value series."""
        return {col: _wdi_long(self.raw, path) for col, (path, *_) in WDI_SERIES.items()}

    def curated_table(self, name: str) -> pd.DataFrame:
        """A curated CSV, checked for its columns, empty cells and unique key."""
        if name not in self._cache:
            spec = CURATED[name]
            file, columns, key = spec.file, spec.columns, spec.key
            path = self.curated / file
            if not path.is_file():
                raise FileNotFoundError(f"curated input {path} is missing")
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            if list(frame.columns) != columns:
                raise ValueError(f"{path}: columns {list(frame.columns)}, expected {columns}")
            empty = frame[(frame == "").any(axis=1)]
            if len(empty):
                raise ValueError(f"{path}: empty cells in rows {empty.index.tolist()}")
            if frame.duplicated(key).any():
                raise ValueError(f"{path}: duplicate {key}:\n{frame[frame.duplicated(key)]}")
            self._cache[name] = frame
        return self._cache[name].copy()


def field_(name: str, type_: str, description: str, unit: str | None = None) -> dict[str, str]:
    """A manifest column entry (a Frictionless field, with an optional unit)."""
    entry = {"name": name, "type": type_, "description": description}
    if unit:
        entry["unit"] = unit
    return entry


def _name_index(inp: Inputs) -> dict[str, str]:
    """Normalized reference names (World Bank, CLDR, ISO official, UN short) -> ISO3, for the
    course's countries only; a name claimed by two codes is left out (never guessed)."""
    claims: dict[str, set[str]] = {}
    allowed = set(inp.country_codes)
    pairs = list(zip(inp.economies["TableName"], inp.economies["Country Code"], strict=True))
    for col in ("CLDR display name", "official_name_en", "UNTERM English Short"):
        pairs += list(zip(inp.codes[col], inp.codes["ISO3166-1-Alpha-3"], strict=True))
    pairs += [(name, iso) for iso, (name, _, _) in EXTRA_COUNTRIES.items()]
    for name, iso in pairs:
        if name and iso in allowed:
            claims.setdefault(normalize_name(name), set()).add(iso)
    return {k: next(iter(v)) for k, v in claims.items() if len(v) == 1}


def _wdi_long(raw: Path, path: str) -> pd.Series:
    """A WDI bulk file as a (code, year) -> value series. The header row is found by content:
    the untouched files have 4 preamble lines, one re-saved copy has none."""
    lines = (raw / path).read_text(encoding="utf-8-sig").splitlines()
    header = next(i for i, line in enumerate(lines) if line.lstrip('"').startswith("Country Name"))
    wide = pd.read_csv(raw / path, skiprows=header, encoding="utf-8-sig", keep_default_na=False)
    wide = wide.loc[:, ~wide.columns.str.startswith("Unnamed")]
    years = [str(y) for y in YEARS if str(y) in wide.columns]
    long = wide.melt(id_vars="Country Code", value_vars=years, var_name="year")
    long["year"] = long["year"].astype(int)
    long["value"] = pd.to_numeric(long["value"].replace("", np.nan))
    return long.set_index(["Country Code", "year"])["value"]


# ---- hofstede ------------------------------------------------------------------------------

DIMENSIONS = {
    "pdi": ("pdi", "Power distance"),
    "idv": ("idv", "Individualism (versus collectivism)"),
    "mas": ("mas", "Masculinity (versus femininity)"),
    "uai": ("uai", "Uncertainty avoidance"),
    "lto": ("ltowvs", "Long-term orientation, World Values Survey based (source column ltowvs)"),
    "ivr": ("ivr", "Indulgence (versus restraint)"),
}


def build_hofstede(inp: Inputs) -> Table:
    """Hofstede's six dimensions, one row per row of the matrix, codes mapped by hand."""
    src = inp.hofstede_raw
    unknown = sorted(set(src["ctr"]) - set(HOFSTEDE_CODES))
    if unknown:
        raise ValueError(f"Hofstede codes without a mapping in _codes.HOFSTEDE_CODES: {unknown}")
    stale = sorted(set(HOFSTEDE_CODES) - set(src["ctr"]))
    if stale:
        raise ValueError(f"HOFSTEDE_CODES has codes the raw file lacks: {stale}")
    mismatched = [
        (code, name)
        for code, name in zip(src["ctr"], src["country"], strict=True)
        if HOFSTEDE_CODES[code].published != name
    ]
    if mismatched:
        raise ValueError(f"Hofstede names differ from the mapping's record: {mismatched}")
    frame = pd.DataFrame(
        {
            "hofstede_code": src["ctr"].astype(str),
            "iso3": [HOFSTEDE_CODES[c].iso3 or "" for c in src["ctr"]],
            "name": [HOFSTEDE_CODES[c].name for c in src["ctr"]],
            "is_country": [HOFSTEDE_CODES[c].iso3 is not None for c in src["ctr"]],
        }
    )
    for new, (old, _) in DIMENSIONS.items():
        values = pd.to_numeric(src[old])
        if not (values.dropna() == values.dropna().round()).all():
            raise ValueError(f"Hofstede column {old} has non-integer values")
        frame[new] = values.astype("Int64")
    iso = frame.loc[frame["is_country"], "iso3"]
    if iso.duplicated().any():
        raise ValueError(
            f"ISO3 codes mapped from two Hofstede rows: {sorted(iso[iso.duplicated()])}"
        )
    outside = sorted(set(iso) - set(inp.country_codes))
    if outside:
        raise ValueError(f"Hofstede countries outside the countries table: {outside}")
    frame = frame.sort_values("hofstede_code").reset_index(drop=True)
    n_country = int(frame["is_country"].sum())
    fields = [
        field_(
            "hofstede_code",
            "string",
            "Hofstede's own three-letter code (not ISO 3166: GER is Germany, CHI is China); unique",
        ),
        field_(
            "iso3",
            "string",
            "ISO 3166-1 alpha-3 code; empty for the regional, language-group and sub-national rows",
        ),
        field_("name", "string", "English name (regional rows say what they cover)"),
        field_(
            "is_country",
            "boolean",
            "True for the one row per country; False for the rows that are regions (Africa "
            "East, Arab countries...), language groups (Belgium French, Switzerland German...) "
            "or parts of a population (Germany East, South Africa white)",
        ),
    ] + [
        field_(col, "integer", label, "index points (about 0-100; some exceed 100)")
        for col, (_, label) in DIMENSIONS.items()
    ]
    complete6 = int(frame[list(DIMENSIONS)].notna().all(axis=1).sum())
    complete4 = int(frame[["pdi", "idv", "mas", "uai"]].notna().all(axis=1).sum())
    meta = {
        "title": "Hofstede's six dimensions of national culture",
        "description": (
            f"Scores on Hofstede's six dimensions of national culture for {n_country} countries "
            f"and {len(frame) - n_country} regions or groups, as published in the dimension data "
            "matrix of 16 August 2015. Hofstede's own codes are mapped by hand to ISO 3166 "
            f"alpha-3 (each of the {len(frame)} rows checked); regions and sub-national groups "
            "keep their row, flagged is_country = False, with an empty ISO code. Long-term "
            "orientation is the World-Values-Survey-based score (ltowvs). Scores missing in the "
            f"source (#NULL!) stay missing: {complete6} rows have all six dimensions and "
            f"{complete4} the original four."
        ),
        "sources": [SRC_HOFSTEDE],
        "licenses": [
            {
                "name": "research-use",
                "title": "Free download for research; no open licence found; terms not confirmed",
            }
        ],
        "terms": (
            "The publisher offers the matrix as a free download for research, and a third-party "
            "summary says it is available to researchers without asking for permission. No "
            "formal open licence was found, and the terms were not confirmed on the publisher's "
            "page when the file was collected. Cite Hofstede, Hofstede & Minkov (2010)."
        ),
        "provenance": (
            "Copied byte for byte from GitHub HoaMacDanh/GEO at commit 2f17b109 (the first "
            "upload, which still has all 111 rows; later commits deleted the Dominican Republic)."
        ),
        "citation": (
            "Hofstede, G., Hofstede, G. J. & Minkov, M. (2010). Cultures and Organizations: "
            "Software of the Mind (3rd ed.). McGraw-Hill."
        ),
        "raw_files": [HOFSTEDE_RAW],
        "year": "2015 (matrix of 2015-08-16)",
        "schema": {"fields": fields, "primaryKey": ["hofstede_code"]},
    }
    return Table(frame, meta)


# ---- countries -----------------------------------------------------------------------------


def _languages(rows: pd.DataFrame) -> str:
    values = [str(v) for v in rows.iloc[0][["langoff_1", "langoff_2", "langoff_3"]]]
    return ";".join(v for v in values if v and v not in (".", "nan"))


def build_countries(inp: Inputs) -> Table:
    """One row per economy: codes, names, region, income group, capital and languages."""
    eco = inp.economies
    frame = pd.DataFrame(
        {
            "iso3": eco["Country Code"],
            "region": eco["Region"],
            "income_group": eco["IncomeGroup"],
            "wb_name": eco["TableName"],
        }
    )
    extra = pd.DataFrame(
        [(iso, region, income, name) for iso, (name, region, income) in EXTRA_COUNTRIES.items()],
        columns=frame.columns,
    )
    frame = pd.concat([frame, extra], ignore_index=True)
    codes = inp.codes.set_index("ISO3166-1-Alpha-3")

    def from_codes(column: str) -> list[str]:
        return [codes.loc[c, column] if c in codes.index else "" for c in frame["iso3"]]

    frame["iso2"] = from_codes("ISO3166-1-Alpha-2")
    frame["name"] = [
        NAME_OVERRIDES.get(code) or (cldr or wb).replace(" & ", " and ")
        for code, cldr, wb in zip(
            frame["iso3"], from_codes("CLDR display name"), frame["wb_name"], strict=True
        )
    ]
    frame["capital"] = from_codes("Capital")
    geo = inp.geo
    caps = geo[geo["cap"] == 1].drop_duplicates("iso3").set_index("iso3")

    def from_caps(column: str, default: object) -> list[Any]:
        return [caps.loc[c, column] if c in caps.index else default for c in frame["iso3"]]

    frame["capital_cepii"] = from_caps("city_en", "")
    frame["capital_lat"] = np.array(from_caps("lat", np.nan), dtype=float).round(4)
    frame["capital_lon"] = np.array(from_caps("lon", np.nan), dtype=float).round(4)
    groups = dict(tuple(geo.groupby("iso3", sort=True)))
    frame["official_languages"] = [
        _languages(groups[c]) if c in groups else "" for c in frame["iso3"]
    ]
    columns = ["iso3", "iso2", "name", "wb_name", "region", "income_group", "capital"]
    columns += ["capital_cepii", "capital_lat", "capital_lon", "official_languages"]
    frame = frame[columns].sort_values("iso3").reset_index(drop=True)
    differ = int(
        ((frame["capital"] != frame["capital_cepii"]) & (frame["capital_cepii"] != "")).sum()
    )
    fields = [
        field_(
            "iso3",
            "string",
            "ISO 3166-1 alpha-3 code (the World Bank's XKX for Kosovo and CHI for the Channel "
            "Islands, which have no ISO code)",
        ),
        field_(
            "iso2",
            "string",
            "ISO 3166-1 alpha-2 code (Namibia's is the string NA); empty for Kosovo and the "
            "Channel Islands",
        ),
        field_(
            "name",
            "string",
            "Short English name (Unicode CLDR; '&' written 'and'; a few forms chosen for "
            "charts, e.g. United States, DR Congo)",
        ),
        field_("wb_name", "string", "The World Bank's name (e.g. 'Korea, Rep.')"),
        field_("region", "string", "World Bank region"),
        field_(
            "income_group",
            "string",
            "World Bank income group; empty for Taiwan, which the World Bank does not list, and "
            "for economies it left unclassified in this release ("
            + ", ".join(sorted(set(eco.loc[eco["IncomeGroup"] == "", "TableName"])))
            + ")",
        ),
        field_("capital", "string", "Capital city (GeoNames, via datahub.io country codes)"),
        field_(
            "capital_cepii",
            "string",
            "The city CEPII codes as capital (cap = 1), to which capital_lat and capital_lon "
            "refer; its 2011 naming can differ from capital",
        ),
        field_("capital_lat", "number", "Latitude of CEPII's capital", "degrees north"),
        field_("capital_lon", "number", "Longitude of CEPII's capital", "degrees east"),
        field_(
            "official_languages",
            "string",
            "Official languages (CEPII, up to three), separated by ';'",
        ),
    ]
    meta = {
        "title": "Countries",
        "description": (
            f"One row per economy: the World Bank's {len(eco)} economies plus Taiwan, which "
            "Hofstede, CEPII, the LPI and Doing Business cover. The World Bank's regional and "
            "income-group aggregates are not economies and never appear here. Names come from "
            "Unicode CLDR and capitals from GeoNames (both through the datahub.io country-codes "
            "package); capital coordinates and official languages come from CEPII's GeoDist "
            "geography file, whose row flagged as capital gives the coordinates. CEPII and "
            f"GeoNames name the capital differently for {differ} economies, mostly spellings "
            "(Kiev (Kyyiv)) but some real differences (Israel: Tel Aviv; Myanmar: Rangoon); "
            "capital_cepii shows which city the coordinates belong to. Economies without a "
            "CEPII row (e.g. Montenegro, South Sudan, Kosovo) have no coordinates or languages."
        ),
        "sources": [
            {**SRC_WDI, "title": "World Development Indicators, country metadata"},
            SRC_CODES,
            SRC_CEPII,
        ],
        "licenses": [CC_BY, PDDL, ETALAB],
        "terms": (
            f"World Bank metadata: {WB_TERMS} Country codes: {CODES_TERMS} CEPII: {CEPII_TERMS}"
        ),
        "provenance": (
            "World Bank metadata from fhaarn/Data-visualization-Final-Project @ bccafddc (WDI "
            "release of 2024-12-16); country codes from datasets/country-codes @ caa72d1e; "
            "CEPII geography file from mmcky/pyeconlab @ 490be421 (md5 matches CEPII's 2014 "
            "download)."
        ),
        "citation": (
            "World Bank, World Development Indicators (country metadata); datahub.io country "
            "codes; Mayer, T. & Zignago, S. (2011), CEPII Working Paper 2011-25."
        ),
        "raw_files": [WDI_META, CODES, GEO],
        "year": "World Bank classification of the December 2024 WDI release; CEPII 2011",
        "schema": {"fields": fields, "primaryKey": ["iso3"]},
    }
    return Table(frame, meta)


# ---- indicators ----------------------------------------------------------------------------


def lpi_codes(inp: Inputs) -> pd.DataFrame:
    """Every LPI economy name with its ISO3 code and how it was matched ('name' when it equals
    a reference name, 'curated' when ``lpi_names.csv`` gives it, 'unmatched' otherwise)."""
    index = _name_index(inp)
    curated = inp.curated_table("lpi_names").set_index("economy")["iso3"]
    rows = []
    for economy in inp.lpi["Economy"]:
        key = normalize_name(economy)
        if key in index:
            rows.append((economy, index[key], "name"))
        elif economy in curated.index:
            rows.append((economy, curated[economy], "curated"))
        else:
            rows.append((economy, "", "unmatched"))
    return pd.DataFrame(rows, columns=["economy", "iso3", "how"])


def build_indicators(inp: Inputs) -> Table:
    """Country x year, 2000-2023: WDI series, WGI political stability and the LPI 2023."""
    economies = inp.country_codes
    index = pd.MultiIndex.from_product([economies, list(YEARS)], names=["iso3", "year"])
    frame = pd.DataFrame(index=index)
    for column, series in inp.wdi.items():
        frame[column] = series.rename_axis(["iso3", "year"]).reindex(index)
    matched = lpi_codes(inp)
    unmatched = matched.loc[matched["how"] == "unmatched", "economy"].tolist()
    if unmatched:
        raise ValueError(
            f"LPI names matched to no country: {unmatched}. Add each, with the reason, to "
            f"{inp.curated / 'lpi_names.csv'}"
        )
    if matched["iso3"].duplicated().any():
        raise ValueError(f"LPI names matched twice:\n{matched[matched['iso3'].duplicated(False)]}")
    outside = sorted(set(matched["iso3"]) - set(economies))
    if outside:
        raise ValueError(f"LPI economies outside the countries table: {outside}")
    lpi = pd.Series(
        pd.to_numeric(inp.lpi["LPI Score"]).to_numpy(),
        index=pd.MultiIndex.from_arrays([matched["iso3"], [2023] * len(matched)]),
    )
    frame["lpi"] = lpi.reindex(index).to_numpy()
    frame = frame.reset_index()
    frame["population"] = frame["population"].round(0).astype("Int64")
    for col in ("gdp_pc_usd", "gdp_pc_ppp"):
        frame[col] = frame[col].round(2)
    for col in ("gdp_growth", "exports_pct_gdp", "political_stability", "lpi"):
        frame[col] = frame[col].round(4)
    n_curated = int((matched["how"] == "curated").sum())
    fields = [
        field_("iso3", "string", "ISO 3166-1 alpha-3 code"),
        field_("year", "integer", "Calendar year", "year"),
    ]
    fields += [
        field_(
            col,
            "integer" if col == "population" else "number",
            f"{label} ({code}; {vintage})",
            unit,
        )
        for col, (_, code, unit, label, vintage) in WDI_SERIES.items()
    ]
    fields.append(
        field_(
            "lpi",
            "number",
            f"Logistics Performance Index 2023, overall score (year 2023 only; {len(matched)} "
            "economies)",
            "score 1-5",
        )
    )
    meta = {
        "title": "Economic, governance and logistics indicators",
        "description": (
            f"Country x year, 2000-2023, for the {len(economies)} economies of the countries "
            "table: GDP per capita in current US$ and at PPP, GDP growth, population, exports "
            "of goods and services as a share of GDP, the Worldwide Governance Indicators' "
            "political-stability estimate, and the Logistics Performance Index 2023. The World "
            "Bank's aggregates (regions, income groups, 'World', 'Not classified') are left "
            "out. The WDI series come from four different bulk releases (December 2023 to July "
            "2025), so one country-year may mix revisions; growth, population and exports stop "
            "in 2022. The growth and population copies were re-saved by their uploaders; their "
            "values were checked against published WDI. The LPI file has names but no codes: "
            f"{len(matched) - n_curated} of its {len(matched)} names equal a World Bank, ISO or "
            f"CLDR name, the other {n_curated} are matched by hand in lpi_names; none is "
            "dropped. Values are rounded (GDP per capita to cents, rates to 4 decimals); "
            "missing values stay missing."
        ),
        "sources": [
            SRC_WDI,
            {
                "title": "Worldwide Governance Indicators (via the WDI bulk download)",
                "publisher": "World Bank",
                "path": "https://www.worldbank.org/en/publication/worldwide-governance-indicators",
            },
            SRC_LPI,
        ],
        "licenses": [CC_BY],
        "terms": (
            f"WDI and WGI: {WB_TERMS} LPI: World Bank data, listed as CC BY 4.0 in the World "
            "Bank Data Catalog; not confirmed for this particular file, a one-sheet CSV export "
            "of the LPI workbook made by the uploader."
        ),
        "provenance": (
            "Each WDI file is a copy from a public GitHub repository (PROVENANCE.md names the "
            "repository and commit of each); the LPI sheet comes from "
            "sbalkunde/supply_chain_analysis_project @ 9e4be91c."
        ),
        "citation": (
            "World Bank, World Development Indicators; Kaufmann, D. & Kraay, A., Worldwide "
            "Governance Indicators; Arvis, J.-F. et al. (2023), Connecting to Compete 2023, "
            "World Bank."
        ),
        "raw_files": [p for p, *_ in WDI_SERIES.values()] + [LPI_RAW, WDI_META],
        "year": "2000-2023 (LPI 2023 only)",
        "schema": {"fields": fields, "primaryKey": ["iso3", "year"]},
    }
    return Table(frame, meta)


# ---- distances -----------------------------------------------------------------------------

DIST_FLAGS = {
    "contig": "The two countries share a land border",
    "comlang_off": "They share an official language",
    "comlang_ethno": "A language is spoken by at least 9% of the population in both",
    "colony": "They were ever in a colonial relationship",
    "comcol": "They had a common colonizer after 1945",
    "col45": "They were in a colonial relationship after 1945",
    "smctry": "They were or are the same country",
}
DIST_KM = {
    "dist_km": ("dist", "Great-circle distance between the most populated cities (simple)"),
    "distcap_km": ("distcap", "Great-circle distance between the capitals"),
    "distw_km": ("distw", "Population-weighted distance between the countries' cities (theta = 1)"),
    "distwces_km": ("distwces", "Population-weighted distance (theta = -1, CES form)"),
}


def build_distances(inp: Inputs) -> Table:
    """Every ordered pair of CEPII GeoDist countries: distances and bilateral links."""
    dist = inp.dist.copy()
    for col in ("iso_o", "iso_d"):
        dist[col] = dist[col].map(lambda c: CEPII_CODES.get(c, c))
    dist = dist[dist["iso_o"].notna() & dist["iso_d"].notna()]
    out = pd.DataFrame({"iso_o": dist["iso_o"].astype(str), "iso_d": dist["iso_d"].astype(str)})
    for new, (old, _) in DIST_KM.items():
        out[new] = dist[old].astype(float).round(1)
    for col in DIST_FLAGS:
        if not dist[col].isin([0, 1]).all():
            raise ValueError(f"CEPII column {col} is not 0/1")
        out[col] = dist[col].astype(bool)
    if out.duplicated(["iso_o", "iso_d"]).any():
        raise ValueError("two CEPII codes map to the same ISO3 code")
    out = out.sort_values(["iso_o", "iso_d"]).reset_index(drop=True)
    n = out["iso_o"].nunique()
    fields = [
        field_("iso_o", "string", "Origin country (ISO3; CEPII's legacy codes mapped)"),
        field_("iso_d", "string", "Destination country (ISO3)"),
    ]
    fields += [field_(k, "number", label, "km") for k, (_, label) in DIST_KM.items()]
    fields += [field_(k, "boolean", v) for k, v in DIST_FLAGS.items()]
    meta = {
        "title": "Distances and links between countries",
        "description": (
            f"Every ordered pair of the {n} countries and territories of CEPII's GeoDist "
            f"({n} x {n} = {len(out):,} rows, each country with itself included): distances in "
            "km, simple and population-weighted, and true/false links for a shared border, a "
            "common official or spoken language, and colonial ties. CEPII's legacy codes are "
            "mapped to ISO 3166: ROM to ROU, ZAR to COD, PAL to PSE, TMP to TLS, and YUG "
            "(Serbia and Montenegro) to SRB, its legal successor. The Netherlands Antilles "
            "(ANT), dissolved in 2010, have no successor and their pairs are left out. "
            "Territories that are not World Bank economies (Anguilla, Reunion...) are kept; "
            "unmapped_codes explains each. Weighted distances are missing in the source for "
            "some pairs. Distances are rounded to 0.1 km; curcol (a current colonial link) is "
            "not carried over."
        ),
        "sources": [SRC_CEPII],
        "licenses": [ETALAB],
        "terms": CEPII_TERMS,
        "provenance": (
            "Copied from mmcky/pyeconlab @ 490be421, where it was stored as cepii_dist_cepii.dta "
            "after a download from CEPII on 2014-08-04; the md5 matches the one recorded then."
        ),
        "citation": (
            "Mayer, T. & Zignago, S. (2011). Notes on CEPII's distances measures: the GeoDist "
            "database. CEPII Working Paper 2011-25."
        ),
        "raw_files": [DIST],
        "year": "2011 (GeoDist as downloaded in 2014)",
        "schema": {"fields": fields, "primaryKey": ["iso_o", "iso_d"]},
    }
    return Table(out, meta)


# ---- enterprise exports --------------------------------------------------------------------


def recode_es_blocks(codes: list[str]) -> list[str]:
    """Replace the ``..`` country codes by the code their position implies (see
    ``ES_UNLABELLED_BLOCKS``); fail on a block of unknown position or of unexpected size."""
    out = list(codes)
    i = 0
    while i < len(codes):
        if codes[i] != "..":
            i += 1
            continue
        j = i
        while j < len(codes) and codes[j] == "..":
            j += 1
        neighbours = (codes[i - 1] if i else "", codes[j] if j < len(codes) else "")
        if neighbours not in ES_UNLABELLED_BLOCKS:
            raise ValueError(
                f"data rows {i + 1}-{j} have no country code and sit between {neighbours}: "
                "not a block documented in _codes.ES_UNLABELLED_BLOCKS"
            )
        if j - i != 12:
            raise ValueError(f"the unlabelled block between {neighbours} has {j - i} rows, not 12")
        out[i:j] = [ES_UNLABELLED_BLOCKS[neighbours]] * (j - i)
        i = j
    return out


def build_enterprise_exports(inp: Inputs) -> Table:
    """Direct exports as a share of sales, all surveyed firms (Enterprise Surveys)."""
    src = pd.read_csv(inp.raw / ES_RAW, dtype=str, keep_default_na=False)
    if set(src["Series Code"]) != {"IC.FRM.TRD.TR5"}:
        raise ValueError(f"unexpected series in {ES_RAW}: {sorted(set(src['Series Code']))}")
    src["iso3"] = recode_es_blocks(src["Country Code"].tolist())
    outside = sorted(set(src["iso3"]) - set(inp.country_codes))
    if outside:
        raise ValueError(f"Enterprise Surveys codes outside the countries table: {outside}")
    src["value"] = pd.to_numeric(src["Value"].replace("..", np.nan))
    kept = src[src["value"].notna()]
    out = pd.DataFrame(
        {
            "iso3": kept["iso3"],
            "year": kept["Time"].astype(int),
            "direct_export_share_pct": kept["value"].round(4),
        }
    )
    out = out.sort_values(["iso3", "year"]).reset_index(drop=True)
    fields = [
        field_("iso3", "string", "ISO3 code (Kosovo is XKX)"),
        field_("year", "integer", "Survey year", "year"),
        field_(
            "direct_export_share_pct",
            "number",
            "Share of total sales exported directly, averaged over all surveyed firms, "
            "exporters and non-exporters alike (IC.FRM.TRD.TR5)",
            "% of sales",
        ),
    ]
    meta = {
        "title": "Direct exports of surveyed firms (Enterprise Surveys)",
        "description": (
            "The share of their sales that firms export directly, averaged over every firm the "
            "World Bank's Enterprise Surveys interviewed in a country and year; firms that do "
            f"not export count as zero, so values are small. {len(out)} country-years with a "
            f"survey, {out['iso3'].nunique()} economies, 2006-2017; years without a survey are "
            "not rows. This is not the share of firms that export, and indirect exports are "
            "left out. No breakdown by firm size is available: the course's raw data hold no "
            "export participation by size class (small, medium, large), so this all-firm series "
            "is the closest measure at hand. High-income OECD economies are mostly absent. Two "
            "blocks of the source have '..' instead of a country code; their place in the "
            "sorted file shows they are the Channel Islands (no values) and Kosovo (XKX). The "
            "SDG Atlas figure that used this series describes it as manufacturing firms; "
            "whether the series covers manufacturing only was not confirmed."
        ),
        "sources": [
            {
                "title": "Enterprise Surveys indicator IC.FRM.TRD.TR5 (World Bank API download "
                "cached by the Atlas of Sustainable Development Goals 2018 team)",
                "publisher": "World Bank",
                "path": "https://www.enterprisesurveys.org/",
            }
        ],
        "licenses": [CC_BY],
        "terms": ATLAS_TERMS.format(site="Enterprise Surveys"),
        "provenance": (
            "Copied from worldbank/sdgatlas2018 @ fe886153, "
            "inputs/cached_api_data/fig_sdg17_enterprise_exports.csv."
        ),
        "citation": (
            "World Bank, Enterprise Surveys (www.enterprisesurveys.org), via the Atlas of "
            "Sustainable Development Goals 2018."
        ),
        "raw_files": [ES_RAW],
        "year": "2006-2017 (survey years)",
        "schema": {"fields": fields, "primaryKey": ["iso3", "year"]},
    }
    return Table(out, meta)


# ---- trading across borders ----------------------------------------------------------------

#: column -> (source column, unit)
DB_COLUMNS = {
    "dtf_trading_db06_15": (
        "DTF - Trading across borders\n(DB06-15 methodology)",
        "score 0-100 (100 = best performer)",
    ),
    "dtf_trading_db16_18": (
        "DTF - Trading across borders\n(DB16-18 methodology)",
        "score 0-100 (100 = best performer)",
    ),
    "documents_to_export": ("Documents to export (number) (DB06-15 methodology)", "documents"),
    "time_to_export_days": ("Time to export (days) (DB06-15 methodology)", "days"),
    "cost_to_export_usd_container": (
        "Cost to export (US$ per container deflated) (DB06-15 methodology)",
        "US$ per container (deflated)",
    ),
    "export_border_hours": (
        "Time to export: Border compliance (hours) (DB16-18 methodology)",
        "hours",
    ),
    "export_documentary_hours": (
        "Time to export: Documentary compliance (hours) (DB16-18 methodology)",
        "hours",
    ),
    "export_border_usd": ("Cost to export: Border compliance (USD) (DB16-18 methodology)", "US$"),
    "export_documentary_usd": (
        "Cost to export: Documentary compliance (USD) (DB16-18 methodology)",
        "US$",
    ),
}


def build_trading_across_borders(inp: Inputs) -> Table:
    """Doing Business trading-across-borders scores and export time/cost, DB2006-DB2018."""
    db = inp.db
    missing = [c for c, _ in DB_COLUMNS.values() if c not in db.columns]
    if missing:
        raise ValueError(f"Doing Business columns not found: {missing}")
    code = db["Country code"].astype(str)
    iso = code.map(lambda c: inp.db_map.get(c, c))
    # Main-city rows carry the economy's own ISO code (USA = New York City), second cities an
    # underscore (USA_Losa). Before DB2014 the main city was the economy's only measurement.
    main_city = (iso == "") & ~code.str.contains("_")
    rows = db[["DB Year"] + [c for c, _ in DB_COLUMNS.values()]].assign(
        iso3=np.where(main_city, code, iso), city=main_city.to_numpy()
    )
    rows = rows[(rows["iso3"] != "") & (rows["DB Year"] >= 2006)]  # the topic starts in DB2006
    national = rows.loc[~rows["city"], ["iso3", "DB Year"]]
    has_national = pd.MultiIndex.from_frame(rows[["iso3", "DB Year"]]).isin(
        pd.MultiIndex.from_frame(national)
    )
    rows = rows[~(rows["city"].to_numpy() & has_national)]
    outside = sorted(set(rows["iso3"]) - set(inp.country_codes))
    if outside:
        raise ValueError(f"Doing Business codes outside the countries table: {outside}")
    out = pd.DataFrame({"iso3": rows["iso3"].astype(str), "db_year": rows["DB Year"].astype(int)})
    no_practice = pd.Series(False, index=rows.index)
    for new, (old, _) in DB_COLUMNS.items():
        flagged = rows[old].astype(str).str.strip().eq("No Practice")
        no_practice |= flagged
        out[new] = pd.to_numeric(rows[old].where(~flagged)).astype(float).round(2)
    out["no_practice"] = no_practice
    out["from_city_row"] = rows["city"].astype(bool)
    if out.duplicated(["iso3", "db_year"]).any():
        raise ValueError("two Doing Business rows for one economy and year")
    out = out.sort_values(["iso3", "db_year"]).reset_index(drop=True)
    n_city = int(out["from_city_row"].sum())
    fields = [
        field_("iso3", "string", "ISO3 code (via the Atlas team's mapping of DB codes)"),
        field_(
            "db_year",
            "integer",
            "Doing Business edition (DB Year); the data mostly refer to the previous year",
            "year",
        ),
    ]
    fields += [
        field_(k, "number", old.replace("\n", " "), unit) for k, (old, unit) in DB_COLUMNS.items()
    ]
    fields += [
        field_(
            "no_practice",
            "boolean",
            "At least one measure was 'No Practice' in the source (e.g. Eritrea, Yemen); those "
            "measures are left empty",
        ),
        field_(
            "from_city_row",
            "boolean",
            "True where the values come from the main business city's row because Doing "
            "Business then measured only that city (two-city economies before DB2014)",
        ),
    ]
    meta = {
        "title": "Trading across borders (Doing Business 2018)",
        "description": (
            "The Doing Business trading-across-borders topic for editions DB2006-DB2018: the "
            "distance-to-frontier score (0-100, higher is better) and the time, cost and "
            "documents needed to export, in its two methodologies (DB06-15 and DB16-18; a "
            "value is missing where an edition did not use that methodology). Doing Business "
            "codes are mapped to ISO3 with the World Bank Atlas team's table. For the 11 "
            "economies measured in two cities since DB2014 (e.g. United States, China, India) "
            "the population-weighted national row is kept and the city rows are left out; "
            "before DB2014 the main-city row was the only measurement and is kept, flagged "
            f"from_city_row ({n_city} rows). 'No Practice' cells become missing and are "
            "flagged. Caution: the World Bank discontinued Doing Business in September 2021 "
            "after an external review found data irregularities in the DB2018 and DB2020 "
            "editions (for DB2018 they concerned China). These are the figures as originally "
            "published: treat them as historical and approximate. The discontinuation is "
            "public record; it is not stated in the raw files themselves."
        ),
        "sources": [
            {
                "title": "Doing Business 2018 historical data with DTFs (copy kept by the Atlas "
                "of Sustainable Development Goals 2018 team)",
                "publisher": "World Bank",
                "path": "https://archive.doingbusiness.org/",
            }
        ],
        "licenses": [CC_BY],
        "terms": ATLAS_TERMS.format(site="Doing Business"),
        "provenance": (
            "Copied from worldbank/sdgatlas2018 @ fe886153 (inputs/sdg17/), with the Atlas "
            "team's hand-compiled db_main_city_iso3c_mapping.csv."
        ),
        "citation": (
            "World Bank, Doing Business 2018 (historical data), via the Atlas of Sustainable "
            "Development Goals 2018."
        ),
        "raw_files": [DB_RAW, DB_MAP],
        "year": "DB2006-DB2018 editions (data for 2005-2017)",
        "schema": {"fields": fields, "primaryKey": ["iso3", "db_year"]},
    }
    return Table(out, meta)


# ---- country names -------------------------------------------------------------------------


def _code_keys(inp: Inputs, scope: set[str]) -> dict[str, str]:
    """Normalized ISO3 and ISO2 codes of the countries in scope -> ISO3."""
    keys = {normalize_name(c): c for c in scope}
    for iso3, iso2 in zip(
        inp.codes["ISO3166-1-Alpha-3"], inp.codes["ISO3166-1-Alpha-2"], strict=True
    ):
        if iso3 in scope and iso2:
            keys.setdefault(normalize_name(iso2), iso3)
    return keys


def build_country_names(inp: Inputs) -> Table:
    """Every spelling of a country's name used by a source or the course, with its ISO3."""
    cepii = {CEPII_CODES.get(c, c) for c in inp.dist["iso_o"]} - {None}
    scope = set(inp.country_codes) | cepii
    eco = inp.economies
    rows = list(zip(eco["Country Code"], eco["TableName"], ["World Bank"] * len(eco), strict=True))
    shown = inp.countries_table.frame  # the course's display names, built once
    rows += list(zip(shown["iso3"], shown["name"], ["course"] * len(shown), strict=True))
    for col, label in (
        ("CLDR display name", "CLDR"),
        ("official_name_en", "ISO"),
        ("UNTERM English Short", "UN"),
    ):
        rows += [
            (i, n, label)
            for i, n in zip(inp.codes["ISO3166-1-Alpha-3"], inp.codes[col], strict=True)
        ]
    rows += [(i, n, "CEPII") for i, n in zip(inp.geo["iso3"], inp.geo["country"], strict=True)]
    rows += [
        (h.iso3, n, "Hofstede")
        for h in HOFSTEDE_CODES.values()
        if h.iso3
        for n in (h.name, h.published)
    ]
    matched = lpi_codes(inp)
    rows += [
        (i, n, "LPI")
        for i, n in zip(matched["iso3"], matched["economy"], strict=True)
        if "<" not in n
    ]  # not the garbled TC<rkiye
    aliases = inp.curated_table("country_aliases")
    unknown = sorted(set(aliases["iso3"]) - scope)
    if unknown:
        raise ValueError(f"country_aliases.csv names unknown codes: {unknown}")
    rows += [(i, a, "course") for i, a in zip(aliases["iso3"], aliases["alias"], strict=True)]
    frame = pd.DataFrame(rows, columns=["iso3", "name", "source"])
    frame["name"] = frame["name"].astype(str).str.replace(r"\s*\*$", "", regex=True).str.strip()
    keep = (frame["name"] != "") & frame["iso3"].isin(scope) & ~frame["name"].isin(EXCLUDED_ALIASES)
    frame = (
        frame[keep]
        .groupby(["iso3", "name"], sort=True)["source"]
        .agg(lambda s: ";".join(sorted(set(s))))
        .reset_index()
        .rename(columns={"source": "sources"})
    )
    keyed = frame.assign(key=frame["name"].map(normalize_name))
    clash = keyed.groupby("key")["iso3"].nunique()
    if (clash > 1).any():
        bad = keyed[keyed["key"].isin(clash[clash > 1].index)]
        raise ValueError(f"names that would resolve to two countries:\n{bad.to_string()}")
    codes = _code_keys(inp, scope)
    wrong = keyed[
        keyed["key"].map(lambda k: codes.get(k, "")).isin(scope)
        & (keyed["key"].map(codes.get) != keyed["iso3"])
    ]
    if len(wrong):
        raise ValueError(f"names equal to another country's code:\n{wrong.to_string()}")
    fields = [
        field_("iso3", "string", "ISO 3166-1 alpha-3 code"),
        field_("name", "string", "A spelling of the country's name"),
        field_(
            "sources",
            "string",
            "Who uses this spelling, separated by ';': World Bank, CLDR, ISO (official name), "
            "UN (UNTERM short name), CEPII, Hofstede, LPI, course (the course's display names "
            "and everyday aliases)",
        ),
    ]
    meta = {
        "title": "Country names and their codes",
        "description": (
            f"{len(frame):,} spellings of the names of {frame['iso3'].nunique()} countries and "
            "territories (the countries table plus CEPII's territories), each with its ISO3 "
            "code and the sources that use it; coursekit.countries.resolve accepts any of them. "
            "The build checks that no spelling, once case, accents and punctuation are ignored, "
            "names two countries or equals another country's code. Source names that cover "
            "more than one present-day country (CEPII's 'Belgium and Luxembourg', 'Serbia and "
            "Montenegro') are left out."
        ),
        "sources": [SRC_WDI, SRC_CODES, SRC_CEPII, SRC_HOFSTEDE, SRC_LPI],
        "licenses": [CC_BY, PDDL, ETALAB],
        "terms": (
            "Names are facts taken from the sources; see each source's own table for its terms. "
            "The course's aliases are CC BY 4.0."
        ),
        "provenance": (
            "Collected from the raw files of the other tables and data/curated/country_aliases.csv."
        ),
        "raw_files": [WDI_META, CODES, GEO, DIST, HOFSTEDE_RAW, LPI_RAW],
        "year": "as the sources",
        "schema": {"fields": fields, "primaryKey": ["iso3", "name"]},
    }
    return Table(frame, meta)


# ---- curated tables ------------------------------------------------------------------------

CURATED_FIELDS: dict[str, list[dict[str, Any]]] = {
    "unmapped_codes": [
        field_("code", "string", "The code as it appears in the source"),
        field_(
            "source",
            "string",
            "Where it appears: CEPII (a GeoDist code), World Bank (an economy CEPII lacks), "
            "WDI (an aggregate in the WDI files), Hofstede (a non-country row), Doing Business "
            "(a second-city row)",
        ),
        field_("reason", "string", "Why it matches nothing"),
    ],
    "lpi_names": [
        field_("economy", "string", "The name exactly as in the LPI file"),
        field_("iso3", "string", "The ISO3 code it stands for"),
        field_("reason", "string", "Why an automatic match fails"),
    ],
    "country_aliases": [
        field_("alias", "string", "An everyday name or short form"),
        field_("iso3", "string", "The ISO3 code it stands for"),
        field_("note", "string", "Why it is accepted"),
    ],
    "memberships": [
        field_(
            "bloc",
            "string",
            "The bloc: 'eu' (member state of the European Union) or 'euro_area' (the euro is "
            "its currency; every euro-area country is also in 'eu')",
        )
        | {"constraints": {"required": True, "enum": ["eu", "euro_area"]}},
        field_("iso3", "string", "ISO3 code of the member country"),
        field_(
            "since",
            "string",
            "Date it joined the bloc (YYYY-MM-DD): EU accession (1958-01-01 for the six "
            "founders of the European Economic Community), or adoption of the euro",
        )
        | {"constraints": {"required": True, "pattern": r"\d{4}-\d{2}-\d{2}"}},
    ],
    "case_studies": [
        field_("case_id", "string", "Short id of the case"),
        field_("firm", "string", "The firm, or the anonymised sample of firms, studied"),
        field_("home", "string", "ISO3 code of the firms' home country"),
        field_("sector", "string", "Industry of the firms"),
        field_("source", "string", "The study: its key in book/references.bib"),
        field_("reported", "string", "What the study reports, in the course team's words"),
        field_("speed", "string", "Coded speed: gradual, rapid, mixed or not reported"),
        field_(
            "first_markets",
            "string",
            "Coded distance of the first foreign markets: close, distant, mixed or not reported",
        ),
        field_(
            "markets_chosen_by",
            "string",
            "Coded chooser of the markets: firm, partners, founders, rules, mixed or not reported",
        ),
        field_("dominant", "string", "Theory id (coursekit.theories.THEORIES) that dominates"),
        field_("supporting", "string", "Supporting theory ids separated by ';', or 'none'"),
        field_("supporting_note", "string", "Why the supporting theories support, or 'none'"),
        field_("clue", "string", "A question that points to the dominant mechanism"),
        field_("coding_note", "string", "Why the case is coded so, and what would change it"),
    ],
}


def curated_builder(name: str) -> Callable[[Inputs], Table]:
    """A builder that validates a curated file and passes it through, sorted by its key."""
    spec = CURATED[name]
    file, columns, key, title, description = spec
    fields = CURATED_FIELDS[name]
    if [f["name"] for f in fields] != columns:
        raise ValueError(
            f"CURATED_FIELDS[{name!r}] names the fields {[f['name'] for f in fields]}, but "
            f"CURATED[{name!r}].columns is {columns}: make the two lists the same"
        )

    def build(inp: Inputs) -> Table:
        frame = inp.curated_table(name).sort_values(key).reset_index(drop=True)
        meta: dict[str, object] = {
            "title": title,
            "description": description + " Kept by hand by the course team.",
            "sources": [
                {
                    "title": "Going Global course team",
                    "publisher": "Going Global",
                    "path": "data/curated/" + file,
                }
            ],
            "licenses": [COURSE_LICENCE],
            "terms": "Course material, CC BY 4.0.",
            "provenance": f"Kept by hand in data/curated/{file}; validated and kept sorted.",
            "raw_files": ["data/curated/" + file],
            "year": "current",
            "kind": "curated",
            "schema": {"fields": fields, "primaryKey": key},
        }
        meta.update(CURATED_META.get(name, {}))
        return Table(frame, meta)

    return build


#: name -> builder
BUILDERS: dict[str, Callable[[Inputs], Table]] = {
    "countries": lambda inp: inp.countries_table,
    "country_names": build_country_names,
    "distances": build_distances,
    "enterprise_exports": build_enterprise_exports,
    "hofstede": build_hofstede,
    "indicators": build_indicators,
    "trading_across_borders": build_trading_across_borders,
    **{name: curated_builder(name) for name in CURATED},
}


# ---- codes that map to nothing -------------------------------------------------------------


def unmapped_codes(inp: Inputs) -> pd.DataFrame:
    """Every code in a raw file that does not become a country of the course, as
    ``(code, source)`` rows; ``unmapped_codes.csv`` must explain each."""
    countries = set(inp.country_codes)
    cepii_raw = set(inp.dist["iso_o"]) | set(inp.dist["iso_d"]) | set(inp.geo_raw["iso3"])
    cepii = {CEPII_CODES.get(c, c) for c in cepii_raw}
    rows = {(c, "CEPII") for c in cepii_raw if CEPII_CODES.get(c, c) not in countries}
    rows |= {(c, "World Bank") for c in countries - cepii}
    for series in inp.wdi.values():
        rows |= {(c, "WDI") for c in set(series.index.get_level_values(0)) - countries}
    rows |= {(code, "Hofstede") for code, h in HOFSTEDE_CODES.items() if h.iso3 is None}
    rows |= {
        (code, "Doing Business") for code, iso in inp.db_map.items() if iso == "" and "_" in code
    }
    return pd.DataFrame(sorted(rows), columns=["code", "source"])
