"""Chapter 9 model (book/ch09_market_selection.md).

Market screening: rank foreign markets from a home country by weighted, explained criteria.

Each candidate market is described by market-attractiveness criteria taken from the data (size,
growth, wealth, openness, political stability, logistics) and by its CAGE distances from the home
country (Ghemawat 2001): cultural (Kogut–Singh index, a language spoken by at least 9% of both
populations), administrative (a colonial link; and, opt-in with a default weight of 0, both
countries in the European Union and both in the euro area, from the course's ``memberships``
table as of 1 January 2024), geographic (population-weighted distance in km, a
shared border) and economic (the gap in income per head). :data:`CRITERIA` lists them as data.

How a score is made (:func:`screen`):

0. **Knock-out.** A candidate with no GDP figure, or with a GDP below
   :data:`MIN_SIZE_SHARE` (0.1%) of the largest candidate's, is dropped before anything is scored
   (``min_size_share=0`` turns this off); ``result.attrs["knocked_out"]`` lists them.
1. **Raw values.** For each criterion and candidate, the value in the chosen year (see *Years*).
   A Kogut–Singh index resting on fewer than :data:`MIN_HOFSTEDE_DIMENSIONS` of Hofstede's six
   dimensions counts as no data (``criteria_table`` reports the count in ``hofstede_dimensions``).
2. **Transform.** Criteria marked ``log`` (market size, population, wealth, openness, distance)
   are replaced by their natural logarithm, so that a market twice as large gains the same
   amount whether it is small or huge.
3. **Normalise.** Growth, whose extremes are freak years of tiny economies, is first winsorised:
   values beyond its 5th and 95th percentiles (over the candidates) are set to those percentiles.
   Then min–max over the candidates that have a value, turned so that 1 is always best:
   ``(x - min) / (max - min)`` where more is better, ``(max - x) / (max - min)`` where less is
   better (distances). If every candidate has the same value, every one scores 1. Market size is
   the exception: it is scored on a fixed log scale below the largest candidate,
   ``1 - ln(max / x) / ln(1 / MIN_SIZE_SHARE)`` (1 for the largest, 0 at 0.1% of it), so that
   micro-states at the bottom of the list do not make a small market look mid-sized.
   Normalisation depends on the candidate set, never on the weights.
4. **Missing values.** A market that lacks a criterion with a positive weight gets, by default
   (``missing="median"``), the **median normalised score of the candidates that have it**: no
   data is neither a reward nor a penalty, and it is reported, never silent. The columns
   ``n_criteria`` (weighted criteria with data) and ``missing`` (which ones were imputed) report
   it. ``missing="worst"`` scores them 0 instead ("no data" as a risk); ``missing="exclude"``
   drops such markets and lists them in ``result.attrs["excluded"]``.
5. **Weight.** Weights are non-negative numbers per criterion name; criteria not named weigh 0;
   the weights are divided by their sum. A criterion's *contribution* is its weight times its
   normalised score; the ``score`` is the sum of the contributions, between 0 and 1.
6. **Rank.** Highest score first; equal scores share a rank and are listed by ISO3 code.

Years: with ``year=None`` each indicator is read at its own latest year with data; with a year,
every weighted indicator is read at that year. A country's value is its most recent one in the
:data:`LOOKBACK` years up to that year; growth is the mean annual growth over the five years to
that year (at least three needed). The Logistics Performance Index exists in one edition (2023)
in the course data and is used whatever the year. A year in which a weighted indicator has no
data at all raises ``ValueError``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from numbers import Real
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

import numpy as np
import pandas as pd

from coursekit import _validate, countries

_P = ParamSpec("_P")
_T = TypeVar("_T")

__all__ = [
    "CRITERIA",
    "CRITERION_NAMES",
    "CRITERIA_BY_NAME",
    "DEFAULT_WEIGHTS",
    "LOOKBACK",
    "GROWTH_YEARS",
    "MIN_SIZE_SHARE",
    "MIN_HOFSTEDE_DIMENSIONS",
    "MISSING_RULES",
    "MEMBERSHIP_DATE",
    "administrative_ties",
    "gravity_expectation",
    "face_validity",
    "rank_acceptability",
    "Criterion",
    "MarketData",
    "market_data",
    "default_data",
    "criteria_table",
    "normalised_table",
    "screen",
    "top_markets",
    "market_score",
    "weight_sensitivity",
    "robust_top",
    "fragile_criteria",
    "attractiveness_strength_matrix",
    "matrix_zone",
    "matrix_level",
    "zone_of",
    "MATRIX_ZONES",
    "MATRIX_CUTS",
    "MATRIX_SCALES",
    "ATTRACTIVENESS_WEIGHTS",
    "ZONE_ADVICE",
]

LOOKBACK = 3  # years: a country's value is its most recent one in this many years up to the year
GROWTH_YEARS = 5  # growth is averaged over this many years up to the year ...
GROWTH_MIN_YEARS = 3  # ... and needs at least this many of them
#: Markets below this share of the largest candidate's GDP are knocked out before scoring, and
#: market size is scored on a log scale from this share (0) to the largest candidate (1).
MIN_SIZE_SHARE = 0.001
#: A Kogut–Singh index on fewer of Hofstede's six dimensions is treated as no data: an index on
#: two dimensions is not comparable with one on six (Nigeria's rests on LTO and IVR only).
MIN_HOFSTEDE_DIMENSIONS = 4
#: How a missing value of a weighted criterion is scored (see the module docstring, step 4).
MISSING_RULES = ("median", "worst", "exclude")
#: The reference date of the course's ``memberships`` table (EU and euro area). Membership
#: changes: the EU and euro-area dummies describe the blocs on this date, whatever the year
#: screened.
MEMBERSHIP_DATE = "2024-01-01"


@dataclass(frozen=True)
class Criterion:
    """One screening criterion: where its value comes from and how it is scored."""

    name: str
    label: str
    column: str  # column of the raw criteria table (see :func:`criteria_table`)
    source: str
    direction: int  # +1: more is better; -1: less is better
    transform: str  # "log" or "linear"
    dimension: str  # "market" (attractiveness) or a CAGE dimension
    unit: str
    clip: float = 0.0  # winsorise at this share from each end before min-max (0 = no clipping)

    def __post_init__(self) -> None:
        for name in ("name", "label", "column", "source", "unit"):
            _validate.text(getattr(self, name), f"Criterion {name}")
        if self.direction not in (1, -1) or isinstance(self.direction, bool):
            raise ValueError(
                f"Criterion direction must be +1 (more is better) or -1 (less is better), "
                f"not {self.direction!r}"
            )
        _validate.choice(self.transform, "Criterion transform", ("log", "linear"))
        _validate.choice(self.dimension, "Criterion dimension", _DIMENSIONS)
        _validate.number(
            self.clip,
            "Criterion clip",
            low=0.0,
            high=0.5,
            high_open=True,
            why="a share below 0.5 cut from each end; 0 = no clipping",
        )


_DIMENSIONS = ("market", "cultural", "administrative", "geographic", "economic")


#: The criteria, as data. ``dimension`` is "market" for attractiveness or one of Ghemawat's
#: cultural / administrative / geographic / economic distances.
CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "market_size",
        "Market size (GDP)",
        "gdp_usd",
        "World Bank WDI: GDP per capita (current US$) x population",
        +1,
        "log",
        "market",
        "US$",
    ),
    Criterion(
        "population",
        "Population",
        "population",
        "World Bank WDI: population, total",
        +1,
        "log",
        "market",
        "people",
    ),
    Criterion(
        "growth",
        "Growth (real GDP, 5-year mean)",
        "growth",
        "World Bank WDI: GDP growth (annual %), mean of five years",
        +1,
        "linear",
        "market",
        "% per year",
        clip=0.05,
    ),
    Criterion(
        "wealth",
        "Income per head (PPP)",
        "gdp_pc_ppp",
        "World Bank WDI: GDP per capita, PPP (current international $)",
        +1,
        "log",
        "market",
        "international $",
    ),
    Criterion(
        "openness",
        "Openness (exports % of GDP)",
        "exports_pct_gdp",
        "World Bank WDI: exports of goods and services (% of GDP)",
        +1,
        "log",
        "market",
        "% of GDP",
    ),
    Criterion(
        "stability",
        "Political stability",
        "political_stability",
        "World Bank WGI: political stability and absence of violence (estimate)",
        +1,
        "linear",
        "market",
        "WGI estimate (about -2.5 to 2.5)",
    ),
    Criterion(
        "logistics",
        "Logistics (LPI 2023)",
        "lpi",
        "World Bank Logistics Performance Index 2023",
        +1,
        "linear",
        "market",
        "score 1-5",
    ),
    Criterion(
        "cultural_distance",
        "Cultural distance (Kogut–Singh)",
        "kogut_singh",
        "Hofstede scores, Kogut–Singh index (coursekit.culture)",
        -1,
        "linear",
        "cultural",
        "index",
    ),
    Criterion(
        "common_language",
        "Common language (spoken by 9%+)",
        "common_language",
        "CEPII GeoDist: comlang_ethno (a language spoken by at least 9% in both countries)",
        +1,
        "linear",
        "cultural",
        "yes = 1",
    ),
    Criterion(
        "colonial_link",
        "Colonial link",
        "colonial_link",
        "CEPII GeoDist: colony (ever in a colonial relationship)",
        +1,
        "linear",
        "administrative",
        "yes = 1",
    ),
    Criterion(
        "single_market",
        "Both in the EU (single market)",
        "both_eu",
        "EU member states on 2024-01-01 (europa.eu; course table memberships): 1 when home and "
        "market are both members",
        +1,
        "linear",
        "administrative",
        "yes = 1",
    ),
    Criterion(
        "common_currency",
        "Same currency (both in the euro area)",
        "same_currency",
        "Euro-area countries on 2024-01-01 (ECB; course table memberships): 1 when home and "
        "market both use the euro",
        +1,
        "linear",
        "administrative",
        "yes = 1",
    ),
    Criterion(
        "distance",
        "Geographic distance",
        "distance_km",
        "CEPII GeoDist: distw (km, population-weighted between the main cities of both)",
        -1,
        "log",
        "geographic",
        "km",
    ),
    Criterion(
        "contiguity",
        "Shared border",
        "contiguity",
        "CEPII GeoDist: contig",
        +1,
        "linear",
        "geographic",
        "yes = 1",
    ),
    Criterion(
        "income_gap",
        "Income gap",
        "income_gap",
        "|ln GDP per capita PPP of market - ln of home| (World Bank WDI)",
        -1,
        "linear",
        "economic",
        "log points",
    ),
)
CRITERION_NAMES: tuple[str, ...] = tuple(c.name for c in CRITERIA)
CRITERIA_BY_NAME: dict[str, Criterion] = {c.name: c for c in CRITERIA}

#: The course's default weights (they sum to 1): a balance of market size and stability against
#: the four CAGE distances, for a small firm exporting goods.
DEFAULT_WEIGHTS: dict[str, float] = {
    "market_size": 0.20,
    "growth": 0.05,
    "wealth": 0.10,
    "stability": 0.10,
    "logistics": 0.10,
    "cultural_distance": 0.10,
    "common_language": 0.05,
    "colonial_link": 0.0,
    # opt-in (weight 0 by default): book/ch09_market_selection.md shows what a weight would change
    "single_market": 0.0,
    "common_currency": 0.0,
    "distance": 0.20,
    "contiguity": 0.05,
    "income_gap": 0.05,
}

# Indicator columns of the data and how each is read for a year.
_LEVEL_INDICATORS = ("gdp_pc_usd", "gdp_pc_ppp", "population", "exports_pct_gdp",
                     "political_stability")  # fmt: skip
_INDICATOR_LABELS: dict[str, str] = {
    "gdp_pc_usd": "GDP per capita (gdp_pc_usd)",
    "gdp_pc_ppp": "GDP per capita, PPP (gdp_pc_ppp)",
    "population": "population",
    "gdp_growth": "GDP growth (gdp_growth)",
    "exports_pct_gdp": "exports % of GDP (exports_pct_gdp)",
    "political_stability": "political stability (political_stability)",
}
_INDICATOR_OF_CRITERION: dict[str, tuple[str, ...]] = {
    "market_size": ("gdp_pc_usd", "population"),
    "population": ("population",),
    "growth": ("gdp_growth",),
    "wealth": ("gdp_pc_ppp",),
    "openness": ("exports_pct_gdp",),
    "stability": ("political_stability",),
    "income_gap": ("gdp_pc_ppp",),
}


# --------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True, eq=False)
class MarketData:
    """The tables the screener needs, in the screener's own column names.

    ``indicators``: one row per (``iso3``, ``year``) with ``gdp_pc_usd``, ``gdp_pc_ppp``,
    ``gdp_growth``, ``population``, ``exports_pct_gdp``, ``political_stability``.
    ``lpi``: ``iso3``, ``lpi``. ``distances``: pairs ``iso_o``, ``iso_d`` with ``distance_km``,
    ``contiguity``, ``common_language``, ``colonial_link``. ``scores``: Hofstede scores as
    :func:`coursekit.culture.country_scores` returns them (``None``: no cultural distance).
    ``economies``: ISO3 code → name of every economy that may be a market (no aggregates).
    ``memberships``: ``bloc`` (``"eu"`` or ``"euro_area"``) and ``iso3`` of each member, as the
    course table ``memberships`` (``None``: the EU and euro-area criteria have no data).
    Build it with :func:`market_data`.
    """

    indicators: pd.DataFrame
    lpi: pd.DataFrame
    distances: pd.DataFrame
    scores: pd.DataFrame | None
    economies: pd.Series
    default_scores: bool = False
    memberships: pd.DataFrame | None = None
    _cache: dict[tuple[object, ...], object] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for name in ("indicators", "lpi", "distances"):
            _check_frame(getattr(self, name), name)
        if self.indicators.empty:
            raise ValueError("The indicators table is empty: it needs at least one row")
        if self.scores is not None and not isinstance(self.scores, pd.DataFrame):
            raise TypeError(
                "scores must be None or a DataFrame of Hofstede scores "
                f"(see culture.country_scores()), not {type(self.scores).__name__}"
            )
        if not isinstance(self.economies, pd.Series):
            raise TypeError(
                "economies must be a pandas Series of ISO3 code -> name (build MarketData with "
                f"market_data()), not {type(self.economies).__name__}"
            )
        if self.economies.empty:
            raise ValueError("economies is empty: list at least the markets to screen")
        if self.memberships is not None:
            _check_frame(self.memberships, "memberships")


_REQUIRED = {
    "indicators": (
        "iso3",
        "year",
        "gdp_pc_usd",
        "gdp_pc_ppp",
        "gdp_growth",
        "population",
        "exports_pct_gdp",
        "political_stability",
    ),  # fmt: skip
    "lpi": ("iso3", "lpi"),
    "distances": (
        "iso_o",
        "iso_d",
        "distance_km",
        "contiguity",
        "common_language",
        "colonial_link",
    ),  # fmt: skip
    "memberships": ("bloc", "iso3"),
}


def _check_frame(frame: object, name: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(frame).__name__}")
    missing = [c for c in _REQUIRED[name] if c not in frame.columns]
    if missing:
        raise ValueError(
            f"The {name} table lacks column(s) {missing}; it needs {', '.join(_REQUIRED[name])}"
        )
    return frame


def market_data(
    indicators: pd.DataFrame | None = None,
    distances: pd.DataFrame | None = None,
    scores: pd.DataFrame | None = None,
    economies: Mapping[str, str] | pd.Series | None = None,
    lpi: pd.DataFrame | None = None,
    memberships: pd.DataFrame | None = None,
) -> MarketData:
    """Bundle the screener's tables; ``None`` loads the course data for that table.

    Give your own frames (in the column names of :class:`MarketData`) to screen other data;
    ``economies`` defaults to every ISO3 code in ``indicators`` (named by the code itself) when
    ``indicators`` is given, and to the course's list of economies otherwise. ``memberships``
    (``bloc``, ``iso3``) defaults to the course's EU and euro-area table.
    """
    if indicators is None and distances is None and economies is None and lpi is None:
        if scores is None and memberships is None:
            return _default_data()
    base = None
    if indicators is None or distances is None or lpi is None or economies is None:
        base = _default_data()
    # _default_data() is cached: asking again costs nothing and needs no None check on base
    ind = (
        _check_frame(indicators, "indicators")
        if indicators is not None
        else _default_data().indicators
    )
    dist = (
        _check_frame(distances, "distances") if distances is not None else _default_data().distances
    )
    if lpi is not None:
        lp = _check_frame(lpi, "lpi")
    elif indicators is not None and "lpi" in indicators.columns:
        lp = indicators.dropna(subset=["lpi"]).drop_duplicates("iso3", keep="last")[["iso3", "lpi"]]
    else:
        lp = base.lpi if base is not None else pd.DataFrame({"iso3": [], "lpi": []})
    if economies is None:
        econ = (
            pd.Series({c: c for c in sorted(ind["iso3"].unique())})
            if indicators is not None
            else _default_data().economies
        )
    else:
        if not isinstance(economies, (Mapping, pd.Series)):
            raise TypeError(
                "economies must be a dict (or Series) of ISO3 code -> name, "
                f"not {type(economies).__name__}"
            )
        econ = pd.Series(dict(economies), dtype=object)
    default_scores = False
    if scores is None:
        sc = None
        if base is not None and indicators is None:
            sc, default_scores = base.scores, base.default_scores
    else:
        from coursekit import culture

        sc = culture.country_scores(scores)
    blocs = (
        _check_frame(memberships, "memberships")
        if memberships is not None
        else _course_memberships()
    )
    return MarketData(
        ind, lp, dist, sc, econ.sort_index(), default_scores=default_scores, memberships=blocs
    )


@lru_cache(maxsize=1)
def _course_memberships() -> pd.DataFrame:
    from coursekit import data

    return data.load("memberships")[["bloc", "iso3"]]


def default_data() -> MarketData:
    """The course's data for the screener, loaded once and cached."""
    return _default_data()


@lru_cache(maxsize=1)
def _default_data() -> MarketData:
    from coursekit import culture, data

    ind = data.load("indicators")
    dist = data.load("distances")
    cty = data.load("countries")
    return _from_course_tables(ind, dist, cty, culture.country_scores(), _course_memberships())


def _from_course_tables(
    ind: pd.DataFrame,
    dist: pd.DataFrame,
    cty: pd.DataFrame,
    scores: pd.DataFrame,
    memberships: pd.DataFrame | None = None,
) -> MarketData:
    """Rename the course's tables (``coursekit.data``) into the screener's columns."""
    dist = dist.rename(columns=_COURSE_DISTANCE_COLUMNS)
    lpi = ind.dropna(subset=["lpi"]).sort_values("year").drop_duplicates("iso3", keep="last")
    econ = cty
    for flag in ("is_economy", "is_country"):
        if flag in econ.columns:
            econ = econ[econ[flag].astype(bool)]
            break
    economies = pd.Series(econ["name"].to_numpy(), index=econ["iso3"].to_numpy(), dtype=object)
    economies = economies[economies.index.isin(set(ind["iso3"]))]
    return MarketData(
        ind[list(_REQUIRED["indicators"])],
        lpi[["iso3", "lpi"]].reset_index(drop=True),
        dist[list(_REQUIRED["distances"])],
        scores,
        economies.sort_index(),
        default_scores=True,
        memberships=memberships,
    )


# Column names of the course's data tables (data/datapackage.json), mapped to the screener's.
_COURSE_DISTANCE_COLUMNS: dict[str, str] = {
    "distw_km": "distance_km",
    "contig": "contiguity",
    "comlang_ethno": "common_language",
    "colony": "colonial_link",
}


# --------------------------------------------------------------------------------------------
# Raw values per home country


def _resolve_home(home: object, md: MarketData) -> str:
    if not isinstance(home, str):
        raise TypeError(
            f"home must be a country name or ISO 3166 alpha-3 code (a string), "
            f"not {type(home).__name__}"
        )
    return countries.resolve(home, candidates=md.economies.index, what="economy")


_CACHE_ENTRIES = 512  # a widget session builds one table per (home, years, candidates, share)


def _per_data(
    fn: Callable[Concatenate[MarketData, _P], _T],
) -> Callable[Concatenate[MarketData, _P], _T]:
    """Cache ``fn(md, *args)`` on ``md`` itself, keyed by the function and its (hashable)
    arguments. MarketData is frozen and compared by identity, so its tables never change under
    the cache, and the cache goes with the object (a module-level ``lru_cache`` would keep
    every MarketData a student built alive). Past ``_CACHE_ENTRIES`` entries it starts again."""

    @functools.wraps(fn)
    def cached(md: MarketData, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        key = (fn.__name__, *args, *sorted(kwargs.items()))
        if key in md._cache:
            return cast(_T, md._cache[key])
        if len(md._cache) >= _CACHE_ENTRIES:
            md._cache.clear()
        out = md._cache[key] = fn(md, *args, **kwargs)
        return out

    return cached


@_per_data
def _indicator_years(md: MarketData) -> dict[str, tuple[int, int]]:
    out = {}
    for col in (*_LEVEL_INDICATORS, "gdp_growth"):
        years = md.indicators.loc[md.indicators[col].notna(), "year"]
        if len(years):
            out[col] = (int(years.min()), int(years.max()))
    return out


@_per_data
def _wide(md: MarketData, col: str) -> pd.DataFrame:
    """Indicator ``col`` as a country x year table (``"gdp_usd"``: GDP per capita x
    population, year by year)."""
    if col == "gdp_usd":
        return _wide(md, "gdp_pc_usd") * _wide(md, "population")
    return md.indicators.pivot_table(index="iso3", columns="year", values=col, aggfunc="last")


def _latest_in_window(wide: pd.DataFrame, year: int) -> pd.Series:
    """Each row's most recent value in the LOOKBACK years up to ``year``."""
    cols = [y for y in wide.columns if year - LOOKBACK < y <= year]
    if not cols:
        return pd.Series(dtype="float64")
    return wide[cols].ffill(axis=1).iloc[:, -1]


@_per_data
def _level_at(md: MarketData, col: str, year: int) -> pd.Series:
    """Each country's most recent value of ``col`` in the LOOKBACK years up to ``year``."""
    return _latest_in_window(_wide(md, col), year)


@_per_data
def _growth_at(md: MarketData, year: int) -> pd.Series:
    wide = _wide(md, "gdp_growth")
    cols = [y for y in wide.columns if year - GROWTH_YEARS < y <= year]
    if not cols:
        return pd.Series(dtype="float64")
    block = wide[cols]
    mean = block.mean(axis=1)
    return mean.where(block.notna().sum(axis=1) >= GROWTH_MIN_YEARS)


def _gdp_at(md: MarketData, year: int) -> pd.Series:
    """GDP in current US$ = GDP per capita x population, both in the same year, most recent in
    the LOOKBACK years up to ``year``."""
    return _level_at(md, "gdp_usd", year)


def _reference_years(md: MarketData, year: object, needed: Iterable[str]) -> dict[str, int]:
    """The year each needed indicator is read at; a year without data raises ``ValueError``."""
    spans = _indicator_years(md)
    if year is not None:
        year = _validate.whole(year, "year", example="2022 or None", strict=True)
    out: dict[str, int] = {}
    for col in needed:
        if col not in spans:
            raise ValueError(f"The indicators table has no data at all for {col}")
        first, last = spans[col]
        if year is None:
            out[col] = last
        elif first <= year <= last and _has_data(md, col, year):
            out[col] = year
        else:
            raise ValueError(
                f"No {_INDICATOR_LABELS.get(col, col)} data for {year}: that indicator has "
                f"data for {first}-{last}. Choose a year in that range, or year=None for the "
                "latest data."
            )
    if "gdp_pc_usd" in out and "population" in out:
        # market size multiplies the two: read both at the later of their common years
        out["gdp_usd"] = min(out["gdp_pc_usd"], out["population"])
    return out


def _has_data(md: MarketData, col: str, year: int) -> bool:
    wide = _wide(md, col)
    return year in wide.columns and bool(wide[year].notna().any())


def _needed_indicators(names: Iterable[str]) -> list[str]:
    cols: list[str] = []
    for n in names:
        for col in _INDICATOR_OF_CRITERION.get(n, ()):
            if col not in cols:
                cols.append(col)
    return cols


@_per_data
def _raw_table(md: MarketData, home: str, year_items: tuple[tuple[str, int], ...]) -> pd.DataFrame:
    """Every criterion's raw value for every economy but ``home`` (cached per home and the
    sorted (indicator, year) pairs)."""
    years = dict(year_items)
    idx = md.economies.index[md.economies.index != home].rename("iso3")
    raw = pd.DataFrame(index=pd.Index(idx, name="iso3"))
    if "gdp_usd" in years:
        raw["gdp_usd"] = _gdp_at(md, years["gdp_usd"]).reindex(idx)
    if "population" in years:
        raw["population"] = _level_at(md, "population", years["population"]).reindex(idx)
    if "gdp_growth" in years:
        raw["growth"] = _growth_at(md, years["gdp_growth"]).reindex(idx)
    if "gdp_pc_ppp" in years:
        ppp = _level_at(md, "gdp_pc_ppp", years["gdp_pc_ppp"])
        raw["gdp_pc_ppp"] = ppp.reindex(idx)
        home_ppp = ppp.get(home, np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            raw["income_gap"] = np.abs(np.log(raw["gdp_pc_ppp"]) - np.log(home_ppp))
    if "exports_pct_gdp" in years:
        raw["exports_pct_gdp"] = _level_at(md, "exports_pct_gdp", years["exports_pct_gdp"]).reindex(
            idx
        )
    if "political_stability" in years:
        raw["political_stability"] = _level_at(
            md, "political_stability", years["political_stability"]
        ).reindex(idx)
    raw["lpi"] = md.lpi.drop_duplicates("iso3", keep="last").set_index("iso3")["lpi"].reindex(idx)
    pairs = _pairs_from(md, home)
    for col in ("distance_km", "contiguity", "common_language", "colonial_link"):
        raw[col] = pairs[col].reindex(idx).astype("float64")
    for col, bloc in (("both_eu", "eu"), ("same_currency", "euro_area")):
        raw[col] = _both_members(md, home, idx, bloc)
    ks = _kogut_singh_from(md, home)
    dims = ks["n_dimensions"].reindex(idx).fillna(0)
    raw["hofstede_dimensions"] = dims
    # an index on too few dimensions is not comparable with one on six: no data, not a value
    raw["kogut_singh"] = ks["kogut_singh"].reindex(idx).where(dims >= MIN_HOFSTEDE_DIMENSIONS)
    return raw.astype("float64")


@_per_data
def _pairs_by_origin(md: MarketData) -> dict[str, pd.DataFrame]:
    """The distance rows grouped by origin, each indexed by destination (grouped once)."""
    return {
        str(origin): block.drop_duplicates("iso_d", keep="last").set_index("iso_d")
        for origin, block in md.distances.groupby("iso_o", sort=False)
    }


def _pairs_from(md: MarketData, home: str) -> pd.DataFrame:
    """The distance rows with ``home`` as origin, indexed by destination."""
    empty = pd.DataFrame(columns=list(_REQUIRED["distances"])).set_index("iso_d")
    return _pairs_by_origin(md).get(home, empty)


@_per_data
def _members(md: MarketData, bloc: str) -> frozenset[str]:
    """ISO3 codes of the members of ``bloc`` in ``md.memberships`` (cached)."""
    table = md.memberships
    codes = [] if table is None else table.loc[table["bloc"] == bloc, "iso3"]
    return frozenset(str(c) for c in codes)


def _both_members(md: MarketData, home: str, markets: pd.Index, bloc: str) -> pd.Series:
    """1.0 where ``home`` and the market are both members of ``bloc``, else 0.0; NaN for every
    market when there is no membership table."""
    if md.memberships is None:
        return pd.Series(np.nan, index=markets, dtype="float64")
    members = _members(md, bloc)
    both = [home in members and m in members for m in markets]
    return pd.Series(np.array(both, dtype="float64"), index=markets)


def administrative_ties(
    home: str, market: str, *, data: MarketData | None = None
) -> dict[str, int]:
    """The EU and euro-area dummies of a pair of countries (either order: they are symmetric).

    ``both_eu`` is 1 when both are member states of the European Union (one single market: no
    customs border, common product rules), ``same_currency`` is 1 when both use the euro (no
    exchange-rate risk or cost), each 0 otherwise; membership as on :data:`MEMBERSHIP_DATE`
    (course table ``memberships``). These are the criteria ``single_market`` and
    ``common_currency`` of :func:`screen`. Germany–France: both 1; Germany–Poland: EU but not
    the same currency; Germany–Switzerland: neither.
    """
    md = _default_data() if data is None else data
    if not isinstance(md, MarketData):
        raise TypeError(f"data must be a MarketData (see market_data()), not {type(md).__name__}")
    codes = []
    for value, name in ((home, "home"), (market, "market")):
        if not isinstance(value, str):
            raise TypeError(
                f"{name} must be a country name or ISO 3166 alpha-3 code (a string), "
                f"not {type(value).__name__} {value!r:.40}"
            )
        codes.append(countries.resolve(value, candidates=md.economies.index, what="economy"))
    a, b = codes
    if a == b:
        raise ValueError(
            f"home and market are the same country ({a}); give two different countries"
        )
    if md.memberships is None:
        raise ValueError(
            "data has no memberships table (bloc, iso3); build it with "
            "market_data(memberships=...) or use the course data"
        )
    eu, euro = _members(md, "eu"), _members(md, "euro_area")
    return {"both_eu": int(a in eu and b in eu), "same_currency": int(a in euro and b in euro)}


def _kogut_singh_from(md: MarketData, home: str) -> pd.DataFrame:
    """``kogut_singh`` and ``n_dimensions`` (how many of the six it rests on) by market."""
    if md.scores is None or home not in md.scores.index:
        return pd.DataFrame({"kogut_singh": [], "n_dimensions": []}, dtype="float64")
    from coursekit import culture

    if md.default_scores:
        table = culture.distance_table(home)
    else:
        table = culture.distance_table(home, scores=md.scores.rename_axis("iso3").reset_index())
    return table.set_index("iso3")[["kogut_singh", "n_dimensions"]]


# --------------------------------------------------------------------------------------------
# Validation


def _check_weights(weights: object) -> dict[str, float]:
    if weights is None:
        weights = DEFAULT_WEIGHTS
    weights = _validate.mapping(
        weights, "weights", allow_empty=True, example="{'growth': 1} (criterion name -> weight)"
    )
    unknown = sorted(str(k) for k in weights if k not in CRITERIA_BY_NAME)
    if unknown:
        hints = "".join(_validate.suggest(k, CRITERION_NAMES) for k in unknown)
        raise ValueError(
            f"Unknown criterion name(s) {unknown}.{hints} "
            f"Valid names: {', '.join(CRITERION_NAMES)}."
        )
    clean: dict[str, float] = {}
    for name, weight in weights.items():
        w = _validate.number(weight, f"the weight of {name}", example="1")
        if w < 0:
            raise ValueError(
                f"the weight of {name} is negative ({w:g}); weights must be 0 or more "
                f"(a criterion where less is better, such as distance, is already turned round)."
            )
        clean[name] = w
    total = sum(clean.values())
    if total <= 0:
        raise ValueError(
            "All weights are zero: give at least one criterion a positive weight. "
            f"Valid names: {', '.join(CRITERION_NAMES)}."
        )
    return {n: clean.get(n, 0.0) / total for n in CRITERION_NAMES}


def _check_missing(missing: object) -> str:
    if not isinstance(missing, str) or missing not in MISSING_RULES:
        raise ValueError(
            f"missing must be 'median' (impute the candidates' median score, the default), "
            f"'worst' (score 0) or 'exclude' (drop the market), not {missing!r}"
        )
    return missing


def _check_share(share: object) -> float:
    return _validate.number(
        share,
        "min_size_share",
        low=0,
        high=1,
        high_open=True,
        why="a share of the largest candidate's GDP; 0 = no knock-out",
        example=str(MIN_SIZE_SHARE),
    )


def _candidates(md: MarketData, home: str, candidates: object) -> pd.Index:
    pool = md.economies.index[md.economies.index != home].rename("iso3")
    if candidates is None:
        return pool
    if isinstance(candidates, str) or not isinstance(candidates, Iterable):
        raise TypeError(
            "candidates must be a list of country names or ISO3 codes, "
            f"not {type(candidates).__name__}"
        )
    codes: list[str] = []
    for c in candidates:
        if not isinstance(c, str):
            raise TypeError(f"candidates must be names or ISO3 codes, not {type(c).__name__}")
        code = countries.resolve(c, candidates=md.economies.index, what="economy")
        if code == home:
            raise ValueError(
                f"{md.economies[home]} ({home}) is the home country and cannot be a candidate"
            )
        if code not in codes:
            codes.append(code)
    if len(codes) < 2:
        raise ValueError(f"screen at least 2 candidate markets, not {len(codes)}")
    return pd.Index(sorted(codes), name="iso3")


# --------------------------------------------------------------------------------------------
# Scoring


@_per_data
def _normalised(
    md: MarketData,
    home: str,
    year_items: tuple[tuple[str, int], ...],
    candidates: tuple[str, ...],
    size_share: float,
) -> pd.DataFrame:
    """:func:`_normalise` of the raw table of ``candidates`` (those left after the knock-out),
    cached per home, years, candidates and share."""
    return _normalise(_raw_table(md, home, year_items).reindex(list(candidates)), size_share)


def _normalise(raw: pd.DataFrame, size_share: float = MIN_SIZE_SHARE) -> pd.DataFrame:
    """Transform and min–max each criterion over the rows given; 1 = best, NaN = no data.

    Market size (with ``size_share`` > 0) is scored on a fixed log scale instead: 1 for the
    largest candidate, 0 at ``size_share`` of it (and below), so it does not hang on the smallest.
    """
    out = pd.DataFrame(index=raw.index)
    for c in CRITERIA:
        if c.column not in raw.columns:
            out[c.name] = np.nan
            continue
        x = raw[c.column].to_numpy(dtype="float64", copy=True)
        if c.name == "market_size" and size_share > 0:
            out[c.name] = _size_score(x, size_share)
            continue
        if c.transform == "log":
            with np.errstate(divide="ignore", invalid="ignore"):
                x = np.where(x > 0, np.log(np.where(x > 0, x, 1.0)), np.nan)
        if c.clip and np.isfinite(x).sum() > 2:
            lo_q, hi_q = np.nanquantile(x, [c.clip, 1 - c.clip])
            x = np.where(np.isnan(x), np.nan, np.clip(x, lo_q, hi_q))
        lo, hi = (
            np.nanmin(x) if np.isfinite(x).any() else np.nan,
            (np.nanmax(x) if np.isfinite(x).any() else np.nan),
        )
        if not np.isfinite(lo):
            s = np.full_like(x, np.nan)
        elif hi == lo:
            s = np.where(np.isnan(x), np.nan, 1.0)
        else:
            s = (x - lo) / (hi - lo) if c.direction > 0 else (hi - x) / (hi - lo)
        out[c.name] = s
    return out


def _size_score(gdp: np.ndarray, share: float) -> np.ndarray:
    """1 - ln(max / x) / ln(1 / share), cut at 0: a fixed log scale below the largest market."""
    with np.errstate(divide="ignore", invalid="ignore"):
        top = np.nanmax(gdp) if np.isfinite(gdp).any() else np.nan
        s = 1.0 - np.log(top / gdp) / np.log(1.0 / share)
    return np.where(np.isfinite(s), np.clip(s, 0.0, 1.0), np.nan)


def _knocked_out(raw: pd.DataFrame, share: float) -> list[str]:
    """Candidates without a GDP figure, or below ``share`` of the largest candidate's GDP."""
    if share <= 0 or "gdp_usd" not in raw.columns:
        return []
    gdp = raw["gdp_usd"]
    if not gdp.notna().any():
        return []
    out = gdp.isna() | (gdp < share * gdp.max())
    return list(raw.index[out.to_numpy()])


def _prepared(
    home: object,
    year: object,
    candidates: object,
    md: MarketData | None,
    names: Iterable[str],
    size_share: object = MIN_SIZE_SHARE,
) -> tuple[MarketData, str, pd.DataFrame, pd.DataFrame, dict[str, int]]:
    md = _default_data() if md is None else md
    if not isinstance(md, MarketData):
        raise TypeError(f"data must be a MarketData (see market_data()), not {type(md).__name__}")
    share = _check_share(size_share)
    h = _resolve_home(home, md)
    cand = _candidates(md, h, candidates)
    names = list(names)
    if share > 0 and "market_size" not in names:
        names.append("market_size")  # the knock-out reads GDP whatever the weights
    years = _reference_years(md, year, _needed_indicators(names))
    full = _reference_years(md, year, _needed_indicators(CRITERION_NAMES)) if year is None else {}
    years_used = full or years
    year_items = tuple(sorted(years_used.items()))
    raw = _raw_table(md, h, year_items).reindex(cand)
    out = _knocked_out(raw, share)
    if out:
        if len(out) > len(raw) - 2:
            raise ValueError(
                f"Fewer than 2 candidates are left after the market-size knock-out (markets below "
                f"{share:g} of the largest candidate's GDP, or without GDP data, are dropped); "
                "lower min_size_share or give more candidates"
            )
        raw = raw.drop(index=out)
        cand = raw.index
    raw.attrs["knocked_out"] = out
    norm = _normalised(md, h, year_items, tuple(cand), share)
    return md, h, raw, norm, years_used


def criteria_table(
    home: str,
    year: int | None = None,
    candidates: Sequence[str] | None = None,
    *,
    data: MarketData | None = None,
    min_size_share: float = MIN_SIZE_SHARE,
) -> pd.DataFrame:
    """Every candidate's raw value on every criterion, before any transform (one row per market).

    Columns: ``iso3``, ``name``, one column per criterion name (units in :data:`CRITERIA`) and
    ``hofstede_dimensions`` (how many of Hofstede's six dimensions the Kogut–Singh index of the
    pair could rest on; below :data:`MIN_HOFSTEDE_DIMENSIONS` the index is reported as no data).
    Markets knocked out by size (see :func:`screen`) are left out and listed in
    ``attrs["knocked_out"]``.
    """
    md, h, raw, _, years = _prepared(home, year, candidates, data, CRITERION_NAMES, min_size_share)
    out = pd.DataFrame({"iso3": raw.index, "name": md.economies.reindex(raw.index).to_numpy()})
    for c in CRITERIA:
        out[c.name] = raw[c.column].to_numpy() if c.column in raw.columns else np.nan
    out["hofstede_dimensions"] = raw["hofstede_dimensions"].to_numpy().astype("int64")
    out.attrs.update(home=h, years=dict(years), knocked_out=list(raw.attrs["knocked_out"]))
    return out


def normalised_table(
    home: str,
    year: int | None = None,
    candidates: Sequence[str] | None = None,
    *,
    data: MarketData | None = None,
    min_size_share: float = MIN_SIZE_SHARE,
) -> pd.DataFrame:
    """Every candidate's normalised score (0 worst, 1 best; NaN = no data) on every criterion."""
    md, h, _, norm, years = _prepared(home, year, candidates, data, CRITERION_NAMES, min_size_share)
    out = norm.copy()
    out.insert(0, "name", md.economies.reindex(out.index).to_numpy())
    out = out.reset_index()
    out.attrs.update(home=h, years=dict(years))
    return out


def screen(
    home: str,
    weights: Mapping[str, float] | None = None,
    year: int | None = None,
    candidates: Sequence[str] | None = None,
    *,
    data: MarketData | None = None,
    missing: str = "median",
    min_size_share: float = MIN_SIZE_SHARE,
) -> pd.DataFrame:
    """Rank candidate markets from ``home`` by a weighted score (see the module docstring).

    ``weights`` maps criterion names (:data:`CRITERION_NAMES`) to non-negative numbers
    (default :data:`DEFAULT_WEIGHTS`); ``year`` is a year or ``None`` (latest data);
    ``candidates`` a list of names or ISO3 codes (default: every economy but ``home``).

    Returns one row per market, best first: ``rank``, ``iso3``, ``name``, ``score`` (0-1), one
    column per weighted criterion with its contribution (they sum to ``score``), ``n_criteria``
    (weighted criteria with data) and ``missing`` (the weighted criteria it lacked, scored by the
    ``missing`` rule: ``"median"``, ``"worst"`` or ``"exclude"``). Candidates below
    ``min_size_share`` of the largest candidate's GDP (or without GDP data) are knocked out first.
    ``result.attrs`` holds ``home``, ``weights`` (normalised), ``years``, ``excluded``,
    ``knocked_out`` and ``missing_policy``.
    """
    w = _check_weights(weights)
    policy = _check_missing(missing)
    active = [n for n in CRITERION_NAMES if w[n] > 0]
    md, h, raw, norm, years = _prepared(home, year, candidates, data, active, min_size_share)
    block = norm[active].to_numpy()
    has = ~np.isnan(block)
    excluded: list[str] = []
    index = norm.index
    if policy == "exclude":
        keep = has.all(axis=1)
        excluded = list(index[~keep])
        block, has, index = block[keep], has[keep], index[keep]
        if len(index) == 0:
            raise ValueError(
                "Every candidate lacks at least one weighted criterion; "
                "use missing='worst' or drop the criteria without data"
            )
    weight_vec = np.array([w[n] for n in active])
    contrib = _filled(block, has, policy) * weight_vec
    total = contrib.sum(axis=1)
    out = pd.DataFrame(
        {"iso3": index, "name": md.economies.reindex(index).to_numpy(), "score": total}
    )
    for j, n in enumerate(active):
        out[n] = contrib[:, j]
    out["n_criteria"] = has.sum(axis=1).astype("int64")
    names = np.array(active, dtype=object)
    out["missing"] = [", ".join(names[~row]) for row in has]
    key = np.round(total, 12)
    out["_key"] = key
    out = out.sort_values(["_key", "iso3"], ascending=[False, True], kind="stable")
    ranked = np.sort(key)[::-1]
    out.insert(
        0, "rank", len(ranked) - np.searchsorted(ranked[::-1], out["_key"], side="right") + 1
    )
    out = out.drop(columns="_key").reset_index(drop=True)
    out["rank"] = out["rank"].astype("int64")
    out.attrs.update(
        home=h,
        weights={n: w[n] for n in active},
        years=dict(years),
        excluded=excluded,
        knocked_out=list(raw.attrs["knocked_out"]),
        missing_policy=policy,
    )
    return out


def _filled(block: np.ndarray, has: np.ndarray, policy: str) -> np.ndarray:
    """Normalised scores with the gaps filled: the column's median of those with data, or 0."""
    if policy != "median" or has.all():
        return np.where(has, block, 0.0)
    medians = np.array(
        [np.median(block[has[:, j], j]) if has[:, j].any() else 0.0 for j in range(block.shape[1])]
    )
    return np.where(has, block, medians)


# --------------------------------------------------------------------------------------------
# Helpers for the exercise and the book


def _check_factors(factors: object) -> tuple[float, ...]:
    if isinstance(factors, str) or not isinstance(factors, Iterable):
        raise TypeError(
            "factors must be a list of numbers to multiply each weight by, such as (0.5, 2.0), "
            f"not {type(factors).__name__} {factors!r}"
        )
    factors = tuple(factors)
    if not factors:
        raise ValueError("factors is empty: give at least one factor, such as (0.5, 2.0)")
    for i, f in enumerate(factors):
        _validate.number(f, f"factors[{i}] (in {list(factors)!r})", low=0, example="0.5")
    return factors


def top_markets(
    home: str,
    n: int = 3,
    weights: Mapping[str, float] | None = None,
    year: int | None = None,
    *,
    data: MarketData | None = None,
) -> list[str]:
    """ISO3 codes of the ``n`` best markets from ``home``."""
    _validate.whole(n, "n", low=1)
    return screen(home, weights, year, data=data)["iso3"].head(n).tolist()


def market_score(
    home: str,
    market: str,
    weights: Mapping[str, float] | None = None,
    year: int | None = None,
    *,
    data: MarketData | None = None,
) -> float:
    """The score of one market from ``home`` among all economies (see :func:`screen`)."""
    _validate.text(market, "market (a country name or ISO3 code)")
    result = screen(home, weights, year, data=data)
    code = countries.resolve(market, candidates=result["iso3"], what="candidate market")
    return float(result.loc[result["iso3"] == code, "score"].iloc[0])


def weight_sensitivity(
    home: str,
    weights: Mapping[str, float] | None = None,
    factors: Sequence[float] = (0.5, 2.0),
    n: int = 3,
    year: int | None = None,
    *,
    data: MarketData | None = None,
) -> pd.DataFrame:
    """Change one weight at a time (times each factor) and report the top ``n`` each time.

    One row per (criterion with a positive weight, factor): ``criterion``, ``factor``, ``top``
    (the top ``n`` ISO3 codes, best first), ``same_set`` (the same markets as with the original
    weights, in any order) and ``same_order``.
    """
    base_w = _check_weights(weights)
    factors = _check_factors(factors)
    _validate.whole(n, "n", low=1)
    base = top_markets(home, n, base_w, year, data=data)
    rows = []
    for name in CRITERION_NAMES:
        if base_w[name] <= 0:
            continue
        for f in factors:
            trial = {**base_w, name: base_w[name] * float(f)}
            if sum(trial.values()) <= 0:
                continue
            top = top_markets(home, n, trial, year, data=data)
            rows.append(
                {
                    "criterion": name,
                    "factor": float(f),
                    "top": top,
                    "same_set": set(top) == set(base),
                    "same_order": top == base,
                }
            )
    out = pd.DataFrame(rows)
    out.attrs["base"] = base
    return out


def rank_acceptability(
    home: str,
    weights: Mapping[str, float] | None = None,
    draws: int = 2000,
    concentration: float = 50.0,
    n: int = 3,
    year: int | None = None,
    *,
    seed: int = 0,
    data: MarketData | None = None,
    missing: str = "median",
    min_size_share: float = MIN_SIZE_SHARE,
) -> pd.DataFrame:
    """How often each market is first and in the top ``n`` under random weights near ``weights``.

    Each draw takes the weights from a Dirichlet distribution centred on ``weights`` (the
    positive ones); ``concentration`` sets how close to them (50: each weight typically moves by
    about a third of itself; larger is closer). Scores use the same rules as :func:`screen`
    (``missing`` and ``min_size_share`` as there). Returns ``iso3``, ``name``, ``share_first``,
    ``share_top`` (the shares of draws, 0-1) and ``base_rank``, for the markets that are ever in
    the top ``n``, most often first. The seed makes the result reproducible; a one-at-a-time test
    (:func:`weight_sensitivity`) cannot show how often a rank holds.
    """
    w = _check_weights(weights)
    _validate.whole(n, "n", low=1)
    _validate.whole(draws, "draws", low=1, example="2000", strict=True)
    _validate.number(concentration, "concentration", low=0, low_open=True, example="50")
    policy = _check_missing(missing)
    active = [c for c in CRITERION_NAMES if w[c] > 0]
    md, h, _, norm, _years = _prepared(home, year, None, data, active, min_size_share)
    block = norm[active].to_numpy()
    has = ~np.isnan(block)
    if policy == "exclude":
        keep = has.all(axis=1)
        norm, block, has = norm[keep], block[keep], has[keep]
    block = _filled(block, has, policy)  # the same rule as screen
    centre = np.array([w[c] for c in active])
    centre = centre / centre.sum()
    rng = np.random.default_rng(seed)
    sampled = rng.dirichlet(centre * float(concentration), size=int(draws))
    scores = sampled @ block.T  # draws x markets
    order = np.argsort(-scores, axis=1, kind="stable")
    k = min(n, block.shape[0])
    first = np.bincount(order[:, 0], minlength=block.shape[0]) / draws
    top = np.bincount(order[:, :k].ravel(), minlength=block.shape[0]) / draws
    base = screen(h, w, year, data=data, missing=policy, min_size_share=min_size_share).set_index(
        "iso3"
    )["rank"]
    out = pd.DataFrame(
        {
            "iso3": norm.index,
            "name": md.economies.reindex(norm.index).to_numpy(),
            "share_first": first,
            "share_top": top,
        }
    )
    out["base_rank"] = base.reindex(out["iso3"]).to_numpy().astype("int64")
    out = out[out["share_top"] > 0].sort_values(
        ["share_first", "share_top", "base_rank"], ascending=[False, False, True]
    )
    return out.reset_index(drop=True)


def robust_top(
    home: str,
    weights: Mapping[str, float] | None = None,
    factors: Sequence[float] = (0.5, 2.0),
    n: int = 3,
    year: int | None = None,
    *,
    data: MarketData | None = None,
) -> int:
    """In how many one-at-a-time weight changes the top ``n`` stays the same set of markets."""
    table = weight_sensitivity(home, weights, factors, n, year, data=data)
    return int(table["same_set"].sum())


def fragile_criteria(
    home: str,
    weights: Mapping[str, float] | None = None,
    factors: Sequence[float] = (0.5, 2.0),
    n: int = 3,
    year: int | None = None,
    *,
    data: MarketData | None = None,
) -> list[str]:
    """The criteria whose weight, halved or doubled (``factors``), changes the top-``n`` set."""
    table = weight_sensitivity(home, weights, factors, n, year, data=data)
    return sorted(set(table.loc[~table["same_set"], "criterion"]))


# --------------------------------------------------------------------------------------------
# Face validity: the screen against a gravity expectation


def gravity_expectation(
    home: str, year: int | None = None, *, data: MarketData | None = None
) -> pd.DataFrame:
    """The simplest gravity expectation of where ``home`` exports: GDP of the market / distance.

    Gravity equations explain bilateral trade by the two economies' sizes and the distance
    between them; estimated elasticities cluster near +1 for the importer's GDP and near -1 for
    distance (Head & Mayer 2014), so with unit elasticities a market's expected share of the
    home's exports is proportional to ``GDP / distance`` (the population-weighted CEPII
    distance). No trade data are used; it is a benchmark, not a forecast.

    Returns ``iso3``, ``name``, ``gdp_usd``, ``distance_km`` and ``share`` (the expected share of
    exports, summing to 1 over the economies with both figures), largest first.
    """
    raw = criteria_table(home, year, data=data, min_size_share=0.0)
    out = raw[["iso3", "name", "market_size", "distance"]].rename(
        columns={"market_size": "gdp_usd", "distance": "distance_km"}
    )
    out = out.dropna(subset=["gdp_usd", "distance_km"])
    out = out[(out["gdp_usd"] > 0) & (out["distance_km"] > 0)].copy()
    pull = out["gdp_usd"] / out["distance_km"]
    out["share"] = pull / pull.sum()
    out = out.sort_values(["share", "iso3"], ascending=[False, True], kind="stable")
    out.attrs["home"] = raw.attrs["home"]
    return out.reset_index(drop=True)


def face_validity(
    homes: Sequence[str],
    n: int = 10,
    weights: Mapping[str, float] | None = None,
    *,
    data: MarketData | None = None,
    # forwarded to screen(), which checks each option (and whose signature types them)
    **screen_options: Any,
) -> pd.DataFrame:
    """For each home country, how many of the screen's top ``n`` are in the gravity top ``n``.

    One row per home: ``home`` (ISO3), ``name``, ``overlap`` (markets in both lists),
    ``screen_only`` and ``gravity_only`` (ISO3 codes, in rank order), ``screen_top`` and
    ``gravity_top``. ``screen_options`` go to :func:`screen` (``missing``, ``min_size_share``).
    """
    if isinstance(homes, str) or not isinstance(homes, Iterable):
        raise TypeError(
            "homes must be a list of country names or ISO3 codes, such as ['DEU', 'JPN'], "
            f"not {type(homes).__name__} {homes!r}"
        )
    homes = list(homes)
    if not homes:
        raise ValueError("homes is empty: give at least one home country, such as ['DEU']")
    _validate.whole(n, "n", low=1)
    rows = []
    for home in homes:
        ranked = screen(home, weights, data=data, **screen_options)
        top = ranked["iso3"].head(n).tolist()
        grav = gravity_expectation(home, data=data)["iso3"].head(n).tolist()
        code = ranked.attrs["home"]
        rows.append(
            {
                "home": code,
                "name": countries.name(code),
                "overlap": len(set(top) & set(grav)),
                "screen_only": [c for c in top if c not in grav],
                "gravity_only": [c for c in grav if c not in top],
                "screen_top": top,
                "gravity_top": grav,
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# The attractiveness / competitive-strength matrix

#: The nine cells of the matrix (attractiveness level, strength level) → zone.
MATRIX_ZONES: dict[tuple[str, str], str] = {
    ("high", "high"): "invest/grow",
    ("high", "medium"): "invest/grow",
    ("medium", "high"): "invest/grow",
    ("high", "low"): "selective",
    ("medium", "medium"): "selective",
    ("low", "high"): "selective",
    ("medium", "low"): "harvest/avoid",
    ("low", "medium"): "harvest/avoid",
    ("low", "low"): "harvest/avoid",
}
#: The zones, best first (a market "moves up" when it moves towards the start of this dict).
ZONE_ADVICE: dict[str, str] = {
    "invest/grow": "enter or expand: commit resources here first",
    "selective": "enter selectively: a niche, a partner, or build strength first",
    "harvest/avoid": "avoid, or serve only opportunistically with little commitment",
}
#: Where both axes are cut into low / medium / high: a value below the first cut is low, one at
#: or above the second is high. On the score scale these are fixed points of the 0-1 composite
#: score (a weighted mean of criteria each scored from 0, the worst candidate, to 1, the best):
#: "high" means at least two-thirds of the way from the worst to the best candidate on average
#: over the weighted criteria, "low" less than one-third of the way. Equal thirds of the scale,
#: the same on the strength axis, so that both axes read alike.
MATRIX_CUTS: tuple[float, float] = (1 / 3, 2 / 3)
#: How a market's attractiveness is read from the screen: ``"score"`` (its composite score, cut
#: at fixed points) or ``"rank"`` (its percentile position among the markets screened).
MATRIX_SCALES: tuple[str, ...] = ("score", "rank")
#: The default weights of the market criteria only (no CAGE distance): attractiveness for the
#: matrix, since the cost of serving a distant market belongs to the firm's strength there.
ATTRACTIVENESS_WEIGHTS: dict[str, float] = {
    name: w
    for name, w in DEFAULT_WEIGHTS.items()
    if CRITERIA_BY_NAME[name].dimension == "market" and w > 0
}


def _level(x: float, cuts: tuple[float, float]) -> str:
    return "low" if x < cuts[0] else ("medium" if x < cuts[1] else "high")


def _check_cuts(cuts: object) -> tuple[float, float]:
    if (
        isinstance(cuts, str)
        or not isinstance(cuts, (Sequence, np.ndarray))
        or len(cuts) != 2
        or any(isinstance(c, bool) or not isinstance(c, Real) for c in cuts)
    ):
        raise TypeError(f"cuts must be two numbers (low, high) such as (1/3, 2/3), not {cuts!r}")
    c0, c1 = (float(c) for c in cuts)
    if not 0 < c0 < c1 < 1:
        raise ValueError(f"cuts must be two numbers with 0 < low < high < 1, not {cuts!r}")
    return c0, c1


def matrix_level(value: float, cuts: tuple[float, float] = MATRIX_CUTS) -> str:
    """``"low"``, ``"medium"`` or ``"high"``: where ``value`` (0 to 1) falls against ``cuts``.

    Below ``cuts[0]`` is low, at or above ``cuts[1]`` is high (by default 1/3 and 2/3).
    """
    x = _validate.number(value, "value (a score from 0 to 1)", low=0.0, high=1.0)
    return _level(x, _check_cuts(cuts))


def zone_of(
    attractiveness: float, strength: float, *, cuts: tuple[float, float] = MATRIX_CUTS
) -> str:
    """The matrix zone of a market with this ``attractiveness`` and ``strength`` (both 0 to 1).

    Each axis is cut into low / medium / high at ``cuts`` (:data:`MATRIX_CUTS`) and the cell
    names the zone (:data:`MATRIX_ZONES`): ``"invest/grow"``, ``"selective"`` or
    ``"harvest/avoid"``. The zone depends on these two numbers only.
    """
    a = _validate.number(attractiveness, "attractiveness (0 to 1)", low=0.0, high=1.0)
    s = _validate.number(strength, "strength (0 to 1)", low=0.0, high=1.0)
    c = _check_cuts(cuts)
    return MATRIX_ZONES[(_level(a, c), _level(s, c))]


def attractiveness_strength_matrix(
    screen_result: pd.DataFrame,
    strength: Mapping[str, float],
    *,
    scale: str = "score",
    cuts: tuple[float, float] = MATRIX_CUTS,
) -> pd.DataFrame:
    """Place markets on the attractiveness / competitive-strength matrix (GE–McKinsey style).

    ``screen_result`` is a :func:`screen` result; its ``score`` gives the market's
    attractiveness. ``strength`` maps markets (names or ISO3 codes among the screened ones) to
    the firm's competitive strength there, from 0 (none) to 1 (as strong as the best rival).

    ``scale`` says how attractiveness is read (:data:`MATRIX_SCALES`):

    - ``"score"`` (default): the market's composite score itself, cut at fixed points
      (:data:`MATRIX_CUTS`: high at 2/3 and above, low below 1/3). A market's zone then depends
      on its own score and strength only, not on which other markets are in ``screen_result``
      or ``strength``, and a shortlist of good markets can be all "high". (The score itself
      still rests on the candidates that :func:`screen` normalised over: screen every economy
      and pass the whole result, or the rows of a shortlist taken from it.)
    - ``"rank"``: the market's percentile position among the markets in ``screen_result`` — the
      share of the others that score lower (best 1, worst 0) — so with the default cuts "high"
      means "in the top third of the markets screened", whatever their scores.

    Both axes are cut into low / medium / high at ``cuts``.

    Returns one row per market in ``strength``: ``iso3``, ``name``, ``attractiveness``,
    ``strength``, ``attractiveness_level``, ``strength_level``, ``zone`` (invest/grow,
    selective, harvest/avoid) and ``advice``; sorted by zone, then attractiveness;
    ``attrs["scale"]`` and ``attrs["cuts"]`` record how it was made.
    """
    if not isinstance(screen_result, pd.DataFrame):
        raise TypeError(
            "screen_result must be the DataFrame that screen() returns, "
            f"not {type(screen_result).__name__}"
        )
    lacking = [c for c in ("iso3", "score") if c not in screen_result.columns]
    if lacking:
        raise ValueError(
            f"screen_result lacks the column(s) {lacking}: pass the DataFrame that screen() "
            f"returns (it has {', '.join(map(str, screen_result.columns)) or 'no columns'})"
        )
    if screen_result.empty:
        raise ValueError("screen_result is empty: screen at least one market first")
    _validate.mapping(
        strength, "strength", allow_empty=True, example="{'AUT': 0.6} (market -> strength 0 to 1)"
    )
    if not strength:
        raise ValueError("strength must be a non-empty dict of market -> strength (0 to 1)")
    scale = _validate.choice(scale, "scale (how attractiveness is read)", MATRIX_SCALES)
    c0, c1 = _check_cuts(cuts)
    scores = screen_result.set_index("iso3")["score"].astype(float)
    names = screen_result.set_index("iso3")["name"] if "name" in screen_result else scores
    if scale == "rank":
        # percentile position: the share of the other screened markets with a lower score
        below = scores.rank(method="min") - 1
        attract = below / (len(scores) - 1) if len(scores) > 1 else scores * 0 + 1.0
    else:
        bad = scores[~scores.between(0.0, 1.0)]
        if not bad.empty:
            raise ValueError(
                f"scale='score' needs scores from 0 to 1, as screen() gives; {bad.index[0]} has "
                f"{bad.iloc[0]!r}. Pass screen()'s result, or use scale='rank'"
            )
        attract = scores
    rows: list[dict[str, Any]] = []
    for market, s in strength.items():
        if not isinstance(market, str):
            raise TypeError(f"strength keys must be names or ISO3 codes, not {market!r}")
        code = countries.resolve(market, candidates=scores.index, what="screened market")
        s = _validate.number(s, f"the strength in {market}", low=0, high=1, example="0.6")
        a = float(attract[code])
        a_level, s_level = _level(a, (c0, c1)), _level(s, (c0, c1))
        zone = MATRIX_ZONES[(a_level, s_level)]
        rows.append(
            {
                "iso3": code,
                "name": names[code],
                "attractiveness": a,
                "strength": float(s),
                "attractiveness_level": a_level,
                "strength_level": s_level,
                "zone": zone,
                "advice": ZONE_ADVICE[zone],
            }
        )
    out = pd.DataFrame(rows).drop_duplicates("iso3")
    order = {z: i for i, z in enumerate(ZONE_ADVICE)}
    out["_zone"] = out["zone"].map(order)
    out["_neg"] = -out["attractiveness"]
    out = out.sort_values(["_zone", "_neg", "iso3"], kind="stable")
    out = out.drop(columns=["_zone", "_neg"]).reset_index(drop=True)
    out.attrs["scale"] = scale
    out.attrs["cuts"] = (c0, c1)
    return out


def matrix_zone(
    home: str,
    market: str,
    strength: float,
    weights: Mapping[str, float] | None = None,
    year: int | None = None,
    *,
    scale: str = "score",
    data: MarketData | None = None,
) -> str:
    """The matrix zone of one market from ``home``: every economy screened with ``weights``
    (default :data:`ATTRACTIVENESS_WEIGHTS`, the market criteria only), attractiveness read on
    ``scale`` (default ``"score"``: the composite score cut at :data:`MATRIX_CUTS`)."""
    _validate.text(market, "market (a country name or ISO3 code)")
    _validate.number(strength, f"the strength in {market}", low=0.0, high=1.0)
    scale = _validate.choice(scale, "scale (how attractiveness is read)", MATRIX_SCALES)
    result = screen(home, ATTRACTIVENESS_WEIGHTS if weights is None else weights, year, data=data)
    table = attractiveness_strength_matrix(result, {market: strength}, scale=scale)
    return str(table["zone"].iloc[0])
