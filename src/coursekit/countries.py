"""Country names and codes: ``resolve("Germany") == "DEU"``, with close matches on a typo."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache

from coursekit import data

__all__ = ["resolve", "name", "known_codes"]

#: Spellings people use that the data's names do not cover.
ALIASES: dict[str, str] = {
    "usa": "USA",
    "us": "USA",
    "u.s.": "USA",
    "u.s.a.": "USA",
    "united states of america": "USA",
    "america": "USA",
    "uk": "GBR",
    "u.k.": "GBR",
    "great britain": "GBR",
    "britain": "GBR",
    "england": "GBR",
    "south korea": "KOR",
    "korea": "KOR",
    "korea, rep.": "KOR",
    "republic of korea": "KOR",
    "czech republic": "CZE",
    "czech rep": "CZE",
    "russia": "RUS",
    "russian federation": "RUS",
    "iran": "IRN",
    "iran, islamic rep.": "IRN",
    "vietnam": "VNM",
    "viet nam": "VNM",
    "holland": "NLD",
    "the netherlands": "NLD",
    "turkiye": "TUR",
    "türkiye": "TUR",
    "macedonia": "MKD",
    "slovak republic": "SVK",
    "kyrgyz republic": "KGZ",
    "egypt, arab rep.": "EGY",
    "hong kong sar, china": "HKG",
    "taiwan, china": "TWN",
    "bosnia": "BIH",
    "ivory coast": "CIV",
    "cote d'ivoire": "CIV",
    "uae": "ARE",
}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(lookup from any spelling to ISO3, ISO3 to display name)."""
    names: dict[str, str] = {}
    lookup: dict[str, str] = {}
    if "countries" in data.names():
        table = data.load("countries")
        code_col = "iso3" if "iso3" in table.columns else "code"
        for row in table.itertuples(index=False):
            code = str(getattr(row, code_col))
            names.setdefault(code, str(row.name))
            lookup[_key(str(row.name))] = code
            if "iso2" in table.columns and isinstance(getattr(row, "iso2", None), str):
                lookup.setdefault(_key(row.iso2), code)
    hof = data.load("hofstede")
    for row in hof[hof["is_country"]].itertuples(index=False):
        code = str(row.iso3)
        names.setdefault(code, str(row.name))
        lookup.setdefault(_key(str(row.name)), code)
        lookup.setdefault(_key(str(row.source_name)), code)
    for alias, code in ALIASES.items():
        lookup.setdefault(alias, code)
    for code in names:
        lookup[_key(code)] = code
    return lookup, names


def known_codes() -> list[str]:
    """Every ISO3 code the course's data name."""
    return sorted(_tables()[1])


def name(iso3: str) -> str:
    """The English name of a country code (the code itself if the data do not name it)."""
    return _tables()[1].get(iso3, iso3)


def resolve(value: str, candidates: Iterable[str] | None = None, *, what: str = "country") -> str:
    """The ISO 3166 alpha-3 code for a code or English name (any case); ``ValueError`` if unknown.

    With ``candidates`` (ISO3 codes), a known country outside them is refused, naming ``what``.
    """
    if not isinstance(value, str):
        raise TypeError(
            f"a country is given as a name or ISO 3166 alpha-3 code (a string), "
            f"not {type(value).__name__}"
        )
    lookup, names = _tables()
    code = lookup.get(_key(value))
    if code is None:
        spellings = difflib.get_close_matches(_key(value), list(lookup), n=6, cutoff=0.6)
        seen: list[str] = []
        for s in spellings:
            if lookup[s] not in seen:
                seen.append(lookup[s])
        tip = (
            " Did you mean: " + ", ".join(f"{names.get(c, c)} ({c})" for c in seen[:3]) + "?"
            if seen
            else ""
        )
        raise ValueError(
            f"Unknown country {value!r}.{tip} Use an ISO 3166 alpha-3 code such as 'DEU' or an "
            "English country name."
        )
    if candidates is not None:
        allowed = set(candidates)
        if code not in allowed:
            raise ValueError(
                f"No {what} for {names.get(code, code)} ({code}): it is not in the data"
            )
    return code
