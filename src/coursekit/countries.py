"""Country names and codes: ``resolve("Germany") == "DEU"``, with close matches on a typo.

Accepted spellings: ISO 3166 alpha-3 and alpha-2 codes (any case; Namibia's ``NA`` too), and
every name in the ``country_names`` table: the World Bank's, CLDR's, ISO's and the UN's names,
CEPII's, Hofstede's (``U.S.A.``, ``Korea South``), the LPI's, and everyday aliases kept in
``data/curated/country_aliases.csv`` (``UK``, ``Britain``, ``Holland``...). Case, accents,
punctuation, ``&``/``and``, ``Saint``/``St.`` and a leading or trailing ``the`` do not matter.
Hofstede's own codes (``GER``, ``CHI``) are not accepted as codes: ``CHI`` is the Channel
Islands, as at the World Bank.

The lookup tables are built once, on first use, from the course data; after that a call is a
dictionary lookup.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from coursekit import data

__all__ = ["resolve", "name", "known_codes"]


def normalize_name(text: str) -> str:
    """The comparison form of a country name or code: case, accents, punctuation, '&', 'Saint'
    and a leading or trailing 'the' do not matter (``"Côte d’Ivoire" -> "cote divoire"``).
    The data build (``coursekit.data.build``) keys its name tables with it too."""
    t = unicodedata.normalize("NFKD", text.casefold())
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = t.replace("&", " and ")
    t = re.sub(r"[.'’`´]", "", t)
    t = re.sub(r"[^a-z0-9]+", " ", t).strip()
    t = re.sub(r"\bsaint\b", "st", t)
    return re.sub(r"^the | the$", "", t)


class _Lookup(NamedTuple):
    codes: dict[str, str]  # normalized ISO3 / ISO2 code -> ISO3
    names: dict[str, str]  # normalized name -> ISO3
    display: dict[str, str]  # ISO3 -> display name


#: Sources in the order their spelling is preferred as a display name, for codes that are not
#: rows of the countries table (CEPII's territories).
_DISPLAY_ORDER = ("course", "CLDR", "World Bank", "CEPII", "UN", "ISO", "Hofstede", "LPI")


@lru_cache(maxsize=1)
def _lookup() -> _Lookup:
    """Build the lookup dictionaries from the course data (once)."""
    available = set(data.names())
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    display: dict[str, str] = {}
    if "countries" in available:
        table = data.load("countries")
        for iso3, iso2, label, wb in table[["iso3", "iso2", "name", "wb_name"]].itertuples(
            index=False
        ):
            display[iso3] = label
            codes[normalize_name(iso3)] = iso3
            if isinstance(iso2, str) and iso2:
                codes.setdefault(normalize_name(iso2), iso3)
            names.setdefault(normalize_name(label), iso3)
            names.setdefault(normalize_name(wb), iso3)
    if "country_names" in available:
        spelled = data.load("country_names")
        rank = {s: i for i, s in enumerate(_DISPLAY_ORDER)}
        spelled["rank"] = [
            min(rank.get(s, len(rank)) for s in str(srcs).split(";")) for srcs in spelled["sources"]
        ]
        for iso3, label in spelled.sort_values(["rank", "iso3", "name"])[
            ["iso3", "name"]
        ].itertuples(index=False):
            names.setdefault(normalize_name(label), iso3)
            display.setdefault(iso3, label)
            codes.setdefault(normalize_name(iso3), iso3)
    hofstede = data.load("hofstede")  # works before the other tables exist
    for iso3, label in hofstede.loc[hofstede["is_country"], ["iso3", "name"]].itertuples(
        index=False
    ):
        display.setdefault(iso3, label)
        codes.setdefault(normalize_name(iso3), iso3)
        names.setdefault(normalize_name(label), iso3)
    return _Lookup(codes, names, display)


def _check_text(value: object, argument: str) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"{argument} is given as a name or an ISO 3166 alpha-3 code (a string such as "
            f"'DEU' or 'Germany'), not {type(value).__name__}"
        )
    return value


def known_codes() -> list[str]:
    """Every ISO3 code the course's data name, sorted."""
    return sorted(_lookup().display)


def name(iso3: str) -> str:
    """The English display name of an ISO3 code (any case): ``name("DEU") == "Germany"``.

    Codes the course's data do not know are returned unchanged, so a label can always be
    shown; use :func:`resolve` to check a code.
    """
    code = _check_text(iso3, "a country code").strip()
    found = _lookup().codes.get(normalize_name(code), code)
    return _lookup().display.get(found, code)


def _suggestions(key: str, lookup: _Lookup, n: int = 3) -> list[str]:
    spellings = difflib.get_close_matches(key, list(lookup.names), n=12, cutoff=0.6)
    codes: list[str] = []
    for spelling in spellings:
        code = lookup.names[spelling]
        if code not in codes:
            codes.append(code)
    return codes[:n]


def resolve(value: str, candidates: Iterable[str] | None = None, *, what: str = "country") -> str:
    """The ISO 3166 alpha-3 code of a country given by code or English name (any case).

    ``resolve("germany") == resolve("DEU") == resolve("DE") == "DEU"``;
    ``resolve("U.S.A.") == "USA"``; ``resolve("Korea, Rep.") == "KOR"``.

    With ``candidates`` (ISO3 codes), a country outside them is refused with a message that
    names ``what`` (e.g. ``what="country with Hofstede scores"``).

    Raises ``TypeError`` for a non-string and ``ValueError`` for an unknown name (suggesting
    up to three close matches) or a country outside ``candidates``.
    """
    text = _check_text(value, "a country")
    lookup = _lookup()
    key = normalize_name(text)
    code = lookup.codes.get(key) or lookup.names.get(key)
    if code is None:
        close = _suggestions(key, lookup) if key else []
        tip = (
            " Did you mean: " + ", ".join(f"{lookup.display.get(c, c)} ({c})" for c in close) + "?"
            if close
            else ""
        )
        raise ValueError(
            f"Unknown country {text!r}.{tip} Use an ISO 3166 alpha-3 code such as 'DEU' or an "
            "English country name."
        )
    if candidates is not None:
        allowed = candidates if isinstance(candidates, (set, frozenset)) else set(candidates)
        if code not in allowed:
            raise ValueError(
                f"No {what} for {lookup.display.get(code, code)} ({code}): it is not among "
                f"the {len(allowed)} available. Choose another, e.g. "
                + ", ".join(sorted(allowed)[:5])
                + ("..." if len(allowed) > 5 else "")
            )
    return code
