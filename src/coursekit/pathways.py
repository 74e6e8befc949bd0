"""Chapter 4 model (book/ch04_born_globals.md).

Internationalization pathways: domestic, gradual, born global or born-again global.

:func:`classify_pathway` reads a firm's founding year and its share of sales made abroad in the
years observed, and applies three rules, in this order:

1. **Domestic** — the share never reaches ``share_threshold`` (default 25 %) in any observed year.
2. **Born global** — it reaches the threshold at most ``window_years`` (default 3) years after
   founding. This is the operational test common in the born-global literature (from Knight &
   Cavusgil 1996, used in their 2004 study): a quarter or more of sales abroad within three
   years of founding.
3. **Born-again global** — the firm first stayed *essentially domestic* (every observed share
   below ``domestic_ceiling``, default 10 %) for at least ``born_again_gap`` *observed* years
   (default 10, counted from the first observed year, since unobserved years are unknown), and
   then reached the threshold at most ``window_years`` after the **trigger
   year**, the last year it was still essentially domestic. This codifies Bell, McNaughton &
   Young's (2001) description of established, domestically oriented firms that suddenly
   internationalize fast, usually after a critical incident (new owners or managers, an
   acquisition, a client that goes abroad). The numbers (10 %, 10 years) are the course's
   choice, not a standard: change them and see which firms move.
4. **Gradual** — everything else: the threshold is reached, but later than the window and not in
   the born-again pattern.

The classification uses only the years observed. A year missing from the data is unknown, not
zero: a firm first observed six years after founding with half its sales abroad is classified
*gradual*, and the rule says which years were not observed, because it might have been born
global.

Two opt-in extensions (the defaults leave every verdict as above):

- ``undetermined=True``: a firm that is not born global on the observed years, but has a year of
  its founding window that was not observed, is **undetermined**: that year might have been at
  the threshold, so the data cannot decide whether it was born global. Assumes nothing about the
  missing year's share (any value in [0, 1] is possible). The law the tests check: when the
  verdict is not "undetermined", no filling of the missing window years changes whether the firm
  is born global.
- ``outside_region={year: share}``: the share of the firm's *foreign* sales made outside its
  home world region, by year (scope, after Kuivalainen et al. 2007 and Lopez et al. 2009). A firm
  that passes the born-global test is a **born regional** when that share, in the year it first
  reached the threshold, is below ``global_share`` (default 0.5, the course's choice), a born
  global at or above it, and **undetermined** when that year's scope was not observed.

:data:`CASE_PROFILES` holds illustrative, invented firms for the exercise, several of them chosen
to sit on the edges of the rules.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from numbers import Integral, Real
from typing import NotRequired, TypedDict, cast

import pandas as pd

from coursekit import _validate

__all__ = [
    "PATHWAYS",
    "VERDICTS",
    "CASE_PROFILES",
    "PathwayResult",
    "classify_pathway",
    "classify_cases",
    "case_pathways",
    "case_result",
    "case_value",
    "window_peak",
    "reclassified",
    "share_series",
    "years_to_threshold",
]

#: The four pathways, from least to most international at the start.
PATHWAYS: tuple[str, ...] = ("domestic", "gradual", "born-again global", "born global")
#: Every verdict: the pathways, plus the opt-in "born regional" (scope) and "undetermined".
VERDICTS: tuple[str, ...] = (*PATHWAYS, "born regional", "undetermined")
DEFAULT_GLOBAL_SHARE = 0.5

DEFAULT_THRESHOLD = 0.25
DEFAULT_WINDOW = 3
DEFAULT_GAP = 10
DEFAULT_CEILING = 0.10


@dataclass(frozen=True)
class PathwayResult:
    """The verdict of :func:`classify_pathway`, with the rule that decided it in words.

    ``first_year`` is the first observed year with a foreign-sales share at or over the
    threshold (``None`` if there is none), ``years_from_founding`` that year minus the founding
    year, and ``trigger_year`` the last essentially domestic year before ``first_year`` (``None``
    if no observed year before ``first_year`` was below the domestic ceiling).
    """

    pathway: str
    rule: str
    first_year: int | None
    years_from_founding: int | None
    trigger_year: int | None = None

    def __post_init__(self) -> None:
        if self.pathway not in VERDICTS:
            raise ValueError(
                f"pathway must be one of {', '.join(map(repr, VERDICTS))}, not {self.pathway!r}"
            )
        if not isinstance(self.rule, str) or not self.rule.strip():
            raise TypeError(
                f"rule must be the reason in words (a non-empty str), not {self.rule!r}"
            )
        for name in ("first_year", "years_from_founding", "trigger_year"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, Integral)):
                raise TypeError(
                    f"{name} must be a whole number of years or None, "
                    f"not {type(value).__name__} {value!r}"
                )

    def __str__(self) -> str:
        return f"{self.pathway}: {self.rule}"


# --------------------------------------------------------------------------------------------
# Input checks


def _check_year(value: object, what: str) -> int:
    return _validate.whole(
        value,
        what,
        low=1600,
        high=2200,
        why="a calendar year",
        example="2005 (a year)",
        fraction_error=TypeError,
    )


def share_series(shares: Mapping[int, float] | pd.Series) -> pd.Series:
    """The foreign-sales shares as a float Series indexed by year, after checking them.

    ``shares`` maps each observed year to the share of sales made abroad that year, as a
    fraction between 0 and 1 (0.3 means 30 %). Years must be whole numbers, listed in
    increasing order, each once; shares must be numbers in [0, 1], not missing.
    """
    if isinstance(shares, pd.DataFrame):
        raise TypeError(
            "shares must be one Series (index = year) or a dict {year: share}, not a DataFrame: "
            "pick the column that holds the foreign-sales share"
        )
    if isinstance(shares, pd.Series):
        years, values = list(shares.index), list(shares.to_numpy())
    elif isinstance(shares, Mapping):
        years, values = list(shares.keys()), list(shares.values())
    else:
        raise TypeError(
            f"shares must be a dict {{year: share}} or a pandas Series indexed by year, "
            f"not {type(shares).__name__}"
        )
    if not years:
        raise ValueError("shares is empty: give at least one year with its foreign-sales share")
    years = [_check_year(y, "every year in shares") for y in years]
    dup = sorted({y for y in years if years.count(y) > 1})
    if dup:
        raise ValueError(f"shares lists year(s) {dup} more than once; give each year once")
    backwards = [(a, b) for a, b in zip(years, years[1:], strict=False) if b < a]
    if backwards:
        a, b = backwards[0]
        raise ValueError(
            f"the years in shares are out of order ({a} comes before {b}); list them in "
            "increasing order, e.g. sort the Series with .sort_index()"
        )
    clean: list[float] = []
    for year, value in zip(years, values, strict=True):
        if isinstance(value, bool) or not isinstance(value, Real):
            raise TypeError(f"the share for {year} must be a number between 0 and 1, not {value!r}")
        x = float(value)
        if math.isnan(x):
            raise ValueError(
                f"the share for {year} is missing (NaN); drop the year instead of leaving a gap"
            )
        if not 0.0 <= x <= 1.0:
            tip = " (a percentage? divide by 100)" if 1.0 < x <= 100.0 else ""
            raise ValueError(
                f"the share for {year} is {x:g}; shares are fractions between 0 and 1{tip}"
            )
        clean.append(x)
    return pd.Series(clean, index=pd.Index(years, name="year", dtype="int64"), name="share")


def _check_fraction(value: object, what: str, *, allow_zero: bool) -> float:
    # NaN is a TypeError in this model (as it always was)
    return _validate.number(
        value,
        what,
        low=0,
        high=1,
        low_open=not allow_zero,
        example="0.25",
        nonfinite_error=TypeError,
    )


def _check_count(value: object, what: str, minimum: int) -> int:
    return _validate.whole(value, what, low=minimum, example="5 (years)", strict=True)


#: The settings of :func:`classify_pathway` that the case helpers pass on.
_SETTINGS = (
    "share_threshold",
    "window_years",
    "born_again_gap",
    "domestic_ceiling",
    "undetermined",
)


class ClassifierSettings(TypedDict, total=False):
    """The settings of :func:`classify_pathway` that the case helpers pass on (all optional)."""

    share_threshold: float
    window_years: int
    born_again_gap: int
    domestic_ceiling: float
    undetermined: bool


def _check_settings(settings: object, what: str = "settings") -> ClassifierSettings:
    """``settings`` as a dict, refusing anything but the classifier's settings.

    Only the names are checked here; the values are checked by :func:`classify_pathway`."""
    given = _validate.mapping(
        settings, what, allow_empty=True, example="{'window_years': 5} (classifier settings)"
    )
    unknown = [k for k in given if k not in _SETTINGS]
    if unknown:
        tip = _validate.suggest(unknown[0], _SETTINGS)
        raise ValueError(
            f"Unknown setting(s) {unknown} in {what}. Valid settings: {', '.join(_SETTINGS)}.{tip}"
        )
    return cast(ClassifierSettings, dict(given))


# --------------------------------------------------------------------------------------------
# The classifier


def _pct(x: float) -> str:
    text = f"{100 * x:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _span(years: list[int]) -> str:
    return f"{years[0]}" if len(years) == 1 or years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def _n_years(n: int) -> str:
    return f"{n} year" if n == 1 else f"{n} years"


def classify_pathway(
    founding_year: int,
    shares: Mapping[int, float] | pd.Series,
    *,
    share_threshold: float = DEFAULT_THRESHOLD,
    window_years: int = DEFAULT_WINDOW,
    born_again_gap: int = DEFAULT_GAP,
    domestic_ceiling: float = DEFAULT_CEILING,
    undetermined: bool = False,
    outside_region: Mapping[int, float] | pd.Series | None = None,
    global_share: float = DEFAULT_GLOBAL_SHARE,
) -> PathwayResult:
    """Classify a firm's pathway; the opt-in ``undetermined`` and ``outside_region`` are described
    in the module docstring (see :func:`_classify` for the other parameters)."""
    if not isinstance(undetermined, bool):
        raise TypeError(f"undetermined must be True or False, not {undetermined!r}")
    result = _classify(
        founding_year,
        shares,
        share_threshold=share_threshold,
        window_years=window_years,
        born_again_gap=born_again_gap,
        domestic_ceiling=domestic_ceiling,
    )
    scope = None if outside_region is None else share_series(outside_region)
    cut = _check_fraction(global_share, "global_share", allow_zero=False)
    founded, window = int(founding_year), int(window_years)
    observed = set(share_series(shares).index)
    if undetermined and result.pathway != "born global":
        missing = [y for y in range(founded, founded + window + 1) if y not in observed]
        if missing:
            return PathwayResult(
                "undetermined",
                f"{result.pathway} on the years observed, but {_span(missing)} in the "
                f"{window}-year window after founding {'was' if len(missing) == 1 else 'were'} "
                "not observed: the share may have reached the threshold then, so the data "
                "cannot decide whether the firm was born global.",
                result.first_year,
                result.years_from_founding,
                result.trigger_year,
            )
    if scope is not None and result.pathway == "born global":
        first = result.first_year
        if first not in scope.index:
            return PathwayResult(
                "undetermined",
                f"born global by scale ({result.rule}) but the scope in {first} (the share of "
                "foreign sales outside the home region) was not observed, so born global and "
                "born regional cannot be told apart.",
                first,
                result.years_from_founding,
            )
        outside = float(scope[first])
        verdict = "born regional" if outside < cut else "born global"
        relation = "below" if outside < cut else "at or above"
        return PathwayResult(
            verdict,
            f"{result.rule} In {first}, {_pct(outside)} of its foreign sales were outside its "
            f"home region, {relation} the {_pct(cut)} that counts as global.",
            first,
            result.years_from_founding,
        )
    return result


def _classify(
    founding_year: int,
    shares: Mapping[int, float] | pd.Series,
    *,
    share_threshold: float = DEFAULT_THRESHOLD,
    window_years: int = DEFAULT_WINDOW,
    born_again_gap: int = DEFAULT_GAP,
    domestic_ceiling: float = DEFAULT_CEILING,
) -> PathwayResult:
    """Classify a firm's internationalization pathway from its yearly foreign-sales shares.

    Parameters
    ----------
    founding_year
        The year the firm was founded.
    shares
        ``{year: share}`` or a Series indexed by year: the fraction of sales made abroad in each
        observed year (0.3 = 30 %). No year may precede ``founding_year``.
    share_threshold
        The share that counts as "international" (default 0.25, a quarter of sales).
    window_years
        How many years after founding (or after the trigger year, for a born-again global) the
        firm may take to reach the threshold (default 3).
    born_again_gap
        The minimum number of essentially domestic years after founding before a firm can be a
        born-again global (default 10).
    domestic_ceiling
        A share below this counts as essentially domestic (default 0.10); must lie below
        ``share_threshold``.

    Returns
    -------
    PathwayResult
        ``pathway`` (one of :data:`PATHWAYS`), ``rule`` (why, in words), ``first_year``,
        ``years_from_founding`` and ``trigger_year``.
    """
    firm = _checked_firm(
        founding_year, shares, share_threshold, window_years, born_again_gap, domestic_ceiling
    )
    over = firm.series[firm.series >= firm.threshold]
    if over.empty:
        return _domestic(firm)
    first = int(over.index[0])
    if first - firm.founded <= firm.window:
        return _born_global(firm, first)
    trigger = _trigger_year(firm, first)
    if trigger is None:
        why = f"no observed year before {first} had a share below {_pct(firm.ceiling)}"
        return _gradual(firm, first, trigger, why)
    why_not = _why_not_born_again(firm, first, trigger)
    if why_not is None:
        return _born_again(firm, first, trigger)
    return _gradual(firm, first, trigger, why_not)


@dataclass(frozen=True)
class _Firm:
    """One firm's checked inputs and the classifier's checked settings, as the rules read them."""

    founded: int
    series: pd.Series
    threshold: float
    window: int
    gap: int
    ceiling: float


def _checked_firm(
    founding_year: object,
    shares: Mapping[int, float] | pd.Series,
    share_threshold: object,
    window_years: object,
    born_again_gap: object,
    domestic_ceiling: object,
) -> _Firm:
    """The inputs checked in the order the errors have always been raised."""
    founded = _check_year(founding_year, "founding_year")
    series = share_series(shares)
    threshold = _check_fraction(share_threshold, "share_threshold", allow_zero=False)
    window = _check_count(window_years, "window_years", 0)
    gap = _check_count(born_again_gap, "born_again_gap", 1)
    ceiling = _check_fraction(domestic_ceiling, "domestic_ceiling", allow_zero=False)
    if ceiling >= threshold:
        raise ValueError(
            f"domestic_ceiling ({ceiling:g}) must be below share_threshold ({threshold:g}): a "
            "firm cannot be essentially domestic at a share that already counts as international"
        )
    early = [int(y) for y in series.index if y < founded]
    if early:
        raise ValueError(
            f"shares has year(s) {early} before the founding year {founded}; a firm has no "
            "sales before it exists (check the founding year)"
        )
    return _Firm(founded, series, threshold, window, gap, ceiling)


def _domestic(firm: _Firm) -> PathwayResult:
    """Rule 1: the share never reaches the threshold."""
    series = firm.series
    return PathwayResult(
        "domestic",
        f"the foreign share never reached {_pct(firm.threshold)} of sales in the years observed "
        f"({_span([int(y) for y in series.index])}; highest {_pct(series.max())} in "
        f"{int(series.idxmax())}).",
        None,
        None,
    )


def _born_global(firm: _Firm, first: int) -> PathwayResult:
    """Rule 2: the threshold is reached in ``first``, within the window after founding."""
    elapsed = first - firm.founded
    return PathwayResult(
        "born global",
        f"{_pct(firm.series[first])} of sales abroad in {first}, {_n_years(elapsed)} after "
        f"founding in {firm.founded}: within the {firm.window}-year window for reaching "
        f"{_pct(firm.threshold)}.",
        first,
        elapsed,
    )


def _trigger_year(firm: _Firm, first: int) -> int | None:
    """The last essentially domestic observed year before ``first`` (``None`` if none)."""
    before = firm.series[firm.series.index < first]
    domestic_years = before[before < firm.ceiling]
    return int(domestic_years.index[-1]) if not domestic_years.empty else None


def _first_observed(firm: _Firm) -> int:
    # Unobserved years are unknown, not domestic: the domestic period is counted from the
    # first observed year, not from founding.
    return int(firm.series.index[0])


def _why_not_born_again(firm: _Firm, first: int, trigger: int) -> str | None:
    """Rule 3's three conditions; ``None`` when all hold, else the first that fails, in words."""
    up_to_trigger = firm.series[firm.series.index <= trigger]
    first_observed = _first_observed(firm)
    domestic_span = trigger - first_observed
    if not bool((up_to_trigger < firm.ceiling).all()):
        earlier = up_to_trigger[up_to_trigger >= firm.ceiling]
        return (
            f"it already sold {_pct(earlier.iloc[0])} abroad in {int(earlier.index[0])}, "
            f"so {_span([firm.founded, trigger])} was not an essentially domestic period"
        )
    if domestic_span < firm.gap:
        unobserved = (
            f"; the years {_span(list(range(firm.founded, first_observed)))} before it "
            "were not observed and count as unknown, not domestic"
            if first_observed > firm.founded
            else ""
        )
        return (
            f"its observed domestic period ({_span([first_observed, trigger])}, "
            f"{_n_years(domestic_span)}) is shorter than the {firm.gap} years a born-again "
            "global needs" + unobserved
        )
    jump = first - trigger
    if jump > firm.window:
        return (
            f"the jump from {trigger} to {first} took {_n_years(jump)}, more than the "
            f"{firm.window}-year window"
        )
    return None


def _born_again(firm: _Firm, first: int, trigger: int) -> PathwayResult:
    """Rule 3: essentially domestic until ``trigger``, then at the threshold in ``first``."""
    first_observed = _first_observed(firm)
    since = (
        f"from founding in {firm.founded}"
        if first_observed == firm.founded
        else f"in every observed year from {first_observed} (founded {firm.founded}; "
        f"{_span(list(range(firm.founded, first_observed)))} not observed)"
    )
    return PathwayResult(
        "born-again global",
        f"below {_pct(firm.ceiling)} abroad {since} until {trigger} "
        f"({_n_years(trigger - first_observed)} observed, at least {firm.gap}), then "
        f"{_pct(firm.series[first])} in {first}, {_n_years(first - trigger)} after that trigger "
        f"year: within the {firm.window}-year window.",
        first,
        first - firm.founded,
        trigger,
    )


def _gradual(firm: _Firm, first: int, trigger: int | None, why: str) -> PathwayResult:
    """Rule 4: at the threshold in ``first``, after the window and not born-again (``why``)."""
    elapsed = first - firm.founded
    founding_window = range(firm.founded, firm.founded + firm.window + 1)
    unobserved = [y for y in founding_window if y not in firm.series.index]
    caveat = (
        f" Note: {_span(unobserved)} not observed, so an earlier take-off cannot be ruled out."
        if len(unobserved) == firm.window + 1
        else ""
    )
    return PathwayResult(
        "gradual",
        f"{_pct(firm.series[first])} abroad first in {first}, {_n_years(elapsed)} after founding "
        f"in {firm.founded} (later than the {firm.window}-year window); not born-again because "
        f"{why}.{caveat}",
        first,
        elapsed,
        trigger,
    )


def years_to_threshold(
    founding_year: int,
    shares: Mapping[int, float] | pd.Series,
    share_threshold: float = DEFAULT_THRESHOLD,
) -> int | None:
    """Years from founding to the first observed year at or over the threshold (or ``None``)."""
    threshold = _check_fraction(share_threshold, "share_threshold", allow_zero=False)
    # The domestic ceiling plays no part in the answer; keep it below a low threshold.
    ceiling = DEFAULT_CEILING if threshold > DEFAULT_CEILING else threshold / 2
    return classify_pathway(
        founding_year,
        shares,
        share_threshold=share_threshold,
        window_years=0,
        domestic_ceiling=ceiling,
    ).years_from_founding


# --------------------------------------------------------------------------------------------
# Illustrative, invented case profiles for the exercise


class CaseProfile(TypedDict):
    """One firm: its founding year, its foreign-sales share by year and (optionally) a story."""

    founding_year: int
    shares: Mapping[int, float]
    story: NotRequired[str]


#: Illustrative, **invented** firms (not real companies): founding year, yearly foreign-sales
#: shares and a one-line story. Several sit on the edges of the rules on purpose.
CASE_PROFILES: dict[str, CaseProfile] = {
    "Nordlys Analytics": {
        "founding_year": 2012,
        "shares": {2012: 0.05, 2013: 0.18, 2014: 0.31, 2015: 0.52, 2016: 0.64, 2017: 0.71},
        "story": "Software start-up whose founders met while working abroad; sells online "
        "to hospitals in several countries from its second year.",
    },
    "Marlow Furniture": {
        "founding_year": 1978,
        "shares": {
            1990: 0.02,
            1995: 0.03,
            2000: 0.04,
            2004: 0.05,
            2005: 0.14,
            2006: 0.29,
            2007: 0.38,
            2008: 0.41,
        },
        "story": "Family furniture maker that sold at home for decades; a new owner in 2005 "
        "brought contacts with retail chains abroad.",
    },
    "Valle Foods": {
        "founding_year": 1996,
        "shares": {
            1996: 0.0,
            1998: 0.02,
            2000: 0.06,
            2002: 0.11,
            2004: 0.15,
            2006: 0.19,
            2008: 0.23,
            2010: 0.27,
            2012: 0.33,
        },
        "story": "Regional food producer that added one neighbouring market after another.",
    },
    "Harbour Bakery": {
        "founding_year": 2001,
        "shares": {2001: 0.0, 2005: 0.01, 2010: 0.02, 2015: 0.03, 2020: 0.03},
        "story": "Bakery chain in one city, with a few online orders from visitors abroad.",
    },
    "Kestrel Sensors": {
        "founding_year": 2015,
        "shares": {2015: 0.0, 2016: 0.12, 2017: 0.2, 2018: 0.25, 2019: 0.4},
        "story": "Hardware start-up that reaches a quarter of sales abroad exactly in its "
        "third year.",
    },
    "Ostrava Tools": {
        "founding_year": 2010,
        "shares": {2010: 0.03, 2011: 0.1, 2012: 0.2, 2013: 0.24, 2014: 0.45, 2015: 0.55},
        "story": "Tool maker that just misses the threshold in year three and doubles its "
        "foreign share in year four.",
    },
    "Pampa Textiles": {
        "founding_year": 2008,
        "shares": {2008: 0.3, 2009: 0.06, 2010: 0.05, 2011: 0.04, 2012: 0.05, 2013: 0.06},
        "story": "One large foreign order in the first year, then almost only home sales.",
    },
    "Cedar Medical": {
        "founding_year": 2005,
        "shares": {2011: 0.44, 2012: 0.5, 2013: 0.58},
        "story": "Medical-device firm; sales data exist only from its sixth year on.",
    },
}


def _profile(name: object) -> CaseProfile:
    if not isinstance(name, str):
        raise TypeError(
            f"a case is named by its profile name (a str) such as 'Marlow Furniture', not "
            f"{type(name).__name__} {name!r}. Profiles: {', '.join(CASE_PROFILES)}"
        )
    if name not in CASE_PROFILES:
        tip = _validate.suggest(name, CASE_PROFILES, loose=True)  # also a part, e.g. 'nordlys'
        raise ValueError(f"No case profile {name!r}.{tip} Profiles: {', '.join(CASE_PROFILES)}")
    return CASE_PROFILES[name]


def case_result(name: str, **settings: object) -> PathwayResult:
    """Classify one profile of :data:`CASE_PROFILES` (``settings`` go to the classifier)."""
    case = _profile(name)
    return classify_pathway(case["founding_year"], case["shares"], **_check_settings(settings))


def case_value(case: str, field: str, **settings: object) -> str | int | None:
    """One field of :func:`case_result` (``"first_year"``, ``"trigger_year"``, ...)."""
    names = [f.name for f in fields(PathwayResult)]
    if not isinstance(field, str):
        raise TypeError(
            f"field must be the name of a result field (a str), one of {', '.join(names)}, "
            f"not {type(field).__name__} {field!r}"
        )
    if field not in names:
        tip = _validate.suggest(field, names)
        raise ValueError(f"field must be one of {', '.join(names)}, not {field!r}.{tip}")
    return getattr(case_result(case, **settings), field)


def window_peak(case: str, window_years: int = DEFAULT_WINDOW) -> float:
    """The highest share a case reached within ``window_years`` of founding (NaN if none seen).

    This is the highest threshold at which the case still counts as a born global.
    """
    profile = _profile(case)
    series = share_series(profile["shares"])
    founded = int(profile["founding_year"])
    window = _check_count(window_years, "window_years", 0)
    inside = series[series.index <= founded + window]
    return float(inside.max()) if len(inside) else float("nan")


def classify_cases(
    profiles: Mapping[str, CaseProfile] | None = None, **settings: object
) -> pd.DataFrame:
    """One row per profile: its pathway, first year at the threshold, years from founding, rule.

    ``profiles`` maps a name to ``{"founding_year": ..., "shares": {...}}`` (default:
    :data:`CASE_PROFILES`); ``settings`` (``share_threshold``, ``window_years``, ...) go to
    :func:`classify_pathway`.
    """
    chosen = CASE_PROFILES if profiles is None else profiles
    if not isinstance(chosen, Mapping):
        raise TypeError(
            "profiles must be a dict of name -> {'founding_year': ..., 'shares': {...}}, "
            f"not {type(chosen).__name__}"
        )
    if not chosen:
        raise ValueError("profiles is empty: give at least one profile (or None for the cases)")
    checked = _check_settings(settings)
    rows = []
    for name, case in chosen.items():
        try:
            founded, shares = case["founding_year"], case["shares"]
        except (KeyError, TypeError):
            raise ValueError(
                f"profile {name!r} needs a 'founding_year' and a 'shares' entry"
            ) from None
        result = classify_pathway(founded, shares, **checked)
        rows.append(
            {
                "case": name,
                "founding_year": founded,
                "pathway": result.pathway,
                "first_year": result.first_year,
                "years_from_founding": result.years_from_founding,
                "rule": result.rule,
            }
        )
    table = pd.DataFrame(rows)
    for col in ("first_year", "years_from_founding"):
        table[col] = table[col].astype("Int64")
    return table


def case_pathways(**settings: object) -> dict[str, str]:
    """``{case name: pathway}`` for :data:`CASE_PROFILES` under ``settings``."""
    checked = _check_settings(settings)
    return {name: case_result(name, **checked).pathway for name in CASE_PROFILES}


def reclassified(
    before: Mapping[str, object] | None = None, after: Mapping[str, object] | None = None
) -> list[str]:
    """Names of the case profiles whose pathway differs between two sets of settings."""
    a = case_pathways(**_check_settings({} if before is None else before, "before"))
    b = case_pathways(**_check_settings({} if after is None else after, "after"))
    return [name for name in CASE_PROFILES if a[name] != b[name]]
