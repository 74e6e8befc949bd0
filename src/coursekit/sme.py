"""Chapter 1 model (book/ch01_small_firms.md).

Small firms in a global economy: the EU SME definition and export intensity by country group.

Two parts, both pure functions:

* :func:`classify_firm` puts a firm into the size classes of the European Commission's
  Recommendation 2003/361/EC (micro, small, medium-sized, or large) from its staff headcount and,
  optionally, its annual turnover and balance-sheet total in millions of euros.
* :func:`latest_by_country` and :func:`summary_by` describe the World Bank Enterprise Surveys
  indicator IC.FRM.TRD.TR5: the mean share of annual sales that surveyed firms export
  **directly**, averaged over all firms (non-exporters count as zero), by economy and survey year.
  The published series has **no breakdown by firm size**, so the "size barrier" of the literature
  cannot be measured with it; what it shows is how export intensity differs between regions and
  income groups.

Tables: ``exports`` is the ``enterprise_exports`` table (columns ``iso3``, ``year`` and the
export share in percent of sales) and ``countries`` the ``countries`` table (``iso3``, ``name``,
``region``, ``income_group``); ``None`` loads the course's copy. Both can be small frames built by
hand, which is how the tests use them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from coursekit import _validate

__all__ = [
    "SIZE_CLASSES",
    "EU_CEILINGS",
    "GROUPINGS",
    "GROUP_LABELS",
    "INCOME_ORDER",
    "VALUE",
    "classify_firm",
    "classify_many",
    "export_table",
    "latest_by_country",
    "summary_by",
    "summarize",
    "group_median",
    "medians",
    "highest_group",
    "count_economies",
    "median_ratio",
    "group_count",
    "median_without_region",
    "MedianInterval",
    "median_interval",
    "without_region",
    "median_intervals",
    "Lead",
    "lead_check",
    "spearman",
    "with_indicators",
    "association",
    "rank_correlation",
]

#: The size classes, smallest first.
SIZE_CLASSES: tuple[str, ...] = ("micro", "small", "medium", "large")

#: Recommendation 2003/361/EC, Annex, Article 2: a class's headcount limit (staff must be
#: *fewer than* it) and its financial ceilings in million euros (turnover, balance-sheet total;
#: a firm must *not exceed* at least one of them).
EU_CEILINGS: dict[str, tuple[int, float, float]] = {
    "micro": (10, 2.0, 2.0),
    "small": (50, 10.0, 10.0),
    "medium": (250, 50.0, 43.0),
}

#: The ways the economies can be grouped, with the label used in figures.
GROUPINGS: tuple[str, ...] = ("region", "income_group")
GROUP_LABELS: dict[str, str] = {"region": "World Bank region", "income_group": "Income group"}

#: World Bank income groups, poorest first (the order figures use).
INCOME_ORDER: tuple[str, ...] = (
    "Low income",
    "Lower middle income",
    "Upper middle income",
    "High income",
)

#: The name of the export-share column in every frame this module returns.
VALUE = "export_share"
_VALUE_ALIASES = ("export_share", "direct_export_share_pct", "value")


# ---------------------------------------------------------------------------------------------
# The EU definition


def _check_amount(value: object, what: str, *, optional: bool) -> float | None:
    if value is None and optional:
        return None
    example = "250 (or None: unknown)" if optional else "250"
    return _validate.number(value, what, low=0, example=example)


def classify_firm(
    employees: float,
    turnover_eur_m: float | None = None,
    balance_sheet_eur_m: float | None = None,
) -> str:
    """The firm's size class under Commission Recommendation 2003/361/EC.

    ``employees`` is the staff headcount in annual work units (part-time staff count as
    fractions, so 9.5 is allowed); ``turnover_eur_m`` and ``balance_sheet_eur_m`` are the annual
    turnover and the balance-sheet total in **million euros**, or ``None`` when unknown.

    A firm belongs to the smallest class whose headcount limit it is *below* (fewer than 10,
    50 or 250 staff) **and** one of whose financial ceilings it does *not exceed* (turnover
    EUR 2m / 10m / 50m, or balance sheet EUR 2m / 10m / 43m). The definition's "and/or" means
    either financial figure may qualify the firm, so a firm over the turnover ceiling still
    qualifies on a small enough balance sheet. When neither figure is given, only the headcount
    is used. Anything above the medium limits is ``"large"``.

    This is the size test only: the Recommendation also counts the staff and money of partner
    and linked enterprises, and a firm changes class only after two consecutive years over or
    under a limit. Neither is modelled here.

    >>> classify_firm(8, turnover_eur_m=1.5)
    'micro'
    >>> classify_firm(40, turnover_eur_m=12.0, balance_sheet_eur_m=9.0)
    'small'
    """
    staff = _check_amount(employees, "employees (staff headcount)", optional=False)
    assert staff is not None  # for the type checker: optional=False never returns None
    turnover = _check_amount(turnover_eur_m, "turnover_eur_m", optional=True)
    balance = _check_amount(balance_sheet_eur_m, "balance_sheet_eur_m", optional=True)
    for size in SIZE_CLASSES[:-1]:
        limit, max_turnover, max_balance = EU_CEILINGS[size]
        if staff >= limit:
            continue
        money = []
        if turnover is not None:
            money.append(turnover <= max_turnover)
        if balance is not None:
            money.append(balance <= max_balance)
        if not money or any(money):
            return size
    return "large"


def classify_many(firms: Mapping[str, Mapping[str, float | None]]) -> dict[str, str]:
    """Classify several firms: ``{name: {"employees": ..., "turnover_eur_m": ...}}`` → classes.

    Each firm's table holds the keyword arguments of :func:`classify_firm`.
    """
    if not isinstance(firms, Mapping):
        raise TypeError(f"firms must be a dict of name -> figures, not {type(firms).__name__}")
    allowed = {"employees", "turnover_eur_m", "balance_sheet_eur_m"}
    out: dict[str, str] = {}
    for name, figures in firms.items():
        if not isinstance(figures, Mapping):
            raise TypeError(
                f"the figures of {name!r} must be a dict such as {{'employees': 12}}, "
                f"not {type(figures).__name__}"
            )
        unknown = sorted(set(figures) - allowed)
        if unknown:
            raise ValueError(
                f"unknown figure(s) {unknown} for {name!r}; use {', '.join(sorted(allowed))}"
            )
        if "employees" not in figures:
            raise ValueError(f"{name!r} needs an 'employees' figure (staff headcount)")
        out[str(name)] = classify_firm(**figures)  # type: ignore[arg-type]  # checked there
    return out


# ---------------------------------------------------------------------------------------------
# Export intensity by economy and group


@lru_cache(maxsize=1)
def _default_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The course's two tables, loaded and checked once."""
    from coursekit import data

    return (
        _prepare_exports(data.load("enterprise_exports")),
        _prepare_countries(data.load("countries")),
    )


def _is_blank(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _prepare_exports(exports: pd.DataFrame) -> pd.DataFrame:
    """Checked rows ``iso3``, ``year``, ``export_share`` (rows without a value dropped)."""
    if not isinstance(exports, pd.DataFrame):
        raise TypeError(f"exports must be a pandas DataFrame, not {type(exports).__name__}")
    value_col = next((c for c in _VALUE_ALIASES if c in exports.columns), None)
    missing = [c for c in ("iso3", "year") if c not in exports.columns]
    if value_col is None:
        missing.append(VALUE)
    if missing:
        raise ValueError(
            f"the exports table lacks column(s) {missing}; it needs iso3, year and {VALUE} "
            f"(the share of sales exported directly, in percent)"
        )
    if exports.empty:
        raise ValueError(
            f"the exports table is empty: it needs at least one row of iso3, year and {VALUE}"
        )
    codes, years, values = [], [], []
    seen: set[tuple[str, int]] = set()
    for code, year, value in zip(
        exports["iso3"].tolist(), exports["year"].tolist(), exports[value_col].tolist(), strict=True
    ):
        if _is_blank(code) or _is_blank(value):
            continue
        try:
            share = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{VALUE} must be numeric; found {value!r} for {code}") from None
        if not 0 <= share <= 100:
            raise ValueError(
                f"{VALUE} is a percentage of sales and must lie between 0 and 100; "
                f"{code} {year} has {share}"
            )
        try:
            key = (str(code), int(year))
        except (TypeError, ValueError):
            raise ValueError(
                f"year must be a whole number such as 2019; found {year!r} for {code}"
            ) from None
        if key in seen:
            raise ValueError(f"the exports table has more than one row for {key[0]} {key[1]}")
        seen.add(key)
        codes.append(key[0])
        years.append(key[1])
        values.append(share)
    return pd.DataFrame(
        {
            "iso3": pd.Series(codes, dtype=object),
            "year": pd.Series(years, dtype="int64"),
            VALUE: pd.Series(values, dtype="float64"),
        }
    )


def _prepare_countries(countries: pd.DataFrame) -> dict[str, tuple[str | None, ...]]:
    """``{iso3: (name, region, income_group)}``, blanks as ``None``."""
    if not isinstance(countries, pd.DataFrame):
        raise TypeError(f"countries must be a pandas DataFrame, not {type(countries).__name__}")
    needed = ["iso3", "name", *GROUPINGS]
    missing = [c for c in needed if c not in countries.columns]
    if missing:
        raise ValueError(
            f"the countries table lacks column(s) {missing}; it needs {', '.join(needed)}"
        )
    lookup: dict[str, tuple[str | None, ...]] = {}
    columns = [countries[c].tolist() for c in needed]
    for code, *rest in zip(*columns, strict=True):
        key = str(code)
        if key in lookup:
            raise ValueError(f"the countries table has more than one row for {key}")
        lookup[key] = tuple(None if _is_blank(v) else str(v) for v in rest)
    return lookup


def _tables(
    exports: pd.DataFrame | None, countries: pd.DataFrame | None
) -> tuple[pd.DataFrame, dict[str, tuple[str | None, ...]]]:
    if exports is None or countries is None:
        default_exports, default_countries = _default_tables()
    ex = default_exports if exports is None else _prepare_exports(exports)
    cty = default_countries if countries is None else _prepare_countries(countries)
    return ex, cty


def export_table(
    exports: pd.DataFrame | None = None, countries: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every survey value with its economy's name, region and income group.

    Columns ``iso3``, ``name``, ``year``, ``export_share`` (percent of sales exported directly,
    mean over all surveyed firms), ``region``, ``income_group``; sorted by ``iso3`` and
    ``year``. Values whose economy is not in ``countries`` keep empty group columns.
    """
    ex, cty = _tables(exports, countries)
    table = ex.sort_values(["iso3", "year"], kind="stable").reset_index(drop=True)
    blank: tuple[None, ...] = (None, None, None)
    info = [cty.get(code, blank) for code in table["iso3"].tolist()]
    for i, col in enumerate(("name", *GROUPINGS)):
        table[col] = pd.Series([row[i] for row in info], dtype=object)
    return table.loc[:, ["iso3", "name", "year", VALUE, *GROUPINGS]]


def latest_by_country(
    exports: pd.DataFrame | None = None, countries: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per economy: its most recent survey year with a value.

    Same columns as :func:`export_table`; sorted by ``export_share``, highest first (ties by
    ``iso3``). Economies surveyed in different years are compared as they are, which is the
    usual practice with Enterprise Surveys but worth saying when the numbers are used.
    """
    if exports is None and countries is None:
        return _default_latest().copy()
    return _latest(export_table(exports, countries))


def _latest(table: pd.DataFrame) -> pd.DataFrame:
    latest = table.drop_duplicates("iso3", keep="last")
    latest = latest.sort_values([VALUE, "iso3"], ascending=[False, True], kind="stable")
    return latest.reset_index(drop=True)


@lru_cache(maxsize=1)
def _default_latest() -> pd.DataFrame:
    return _latest(export_table())


def _check_group(group: str) -> str:
    if not isinstance(group, str):
        raise TypeError(f"group must be 'region' or 'income_group', not {type(group).__name__}")
    if group not in GROUPINGS:
        raise ValueError(f"group must be one of {', '.join(GROUPINGS)}, not {group!r}")
    return group


def _group_order(group: str, present: list[str]) -> list[str]:
    if group == "income_group":
        return [g for g in INCOME_ORDER if g in present] + sorted(
            g for g in present if g not in INCOME_ORDER
        )
    return sorted(present)


def summary_by(
    group: str = "region",
    exports: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Export intensity by country group, over each economy's latest survey.

    ``group`` is ``"region"`` or ``"income_group"``. One row per group with columns ``group``
    (the group's name), ``median``, ``mean``, ``min``, ``max`` (all in percent of sales) and
    ``count`` (economies). Regions are sorted by median, highest first; income groups from low
    to high income. Economies without a group are left out.
    """
    group = _check_group(group)
    if exports is None and countries is None:
        return _default_summary(group).copy()
    return summarize(latest_by_country(exports, countries), group)


@lru_cache(maxsize=len(GROUPINGS))
def _default_summary(group: str) -> pd.DataFrame:
    return summarize(latest_by_country(), group)


def summarize(latest: pd.DataFrame, group: str = "region") -> pd.DataFrame:
    """:func:`summary_by` for a frame already in the shape of :func:`latest_by_country`.

    Widgets call this on the frame they hold, so the tables are not checked again.
    """
    group = _check_group(group)
    if not isinstance(latest, pd.DataFrame):
        raise TypeError(
            f"latest must be the DataFrame of latest_by_country(), not {type(latest).__name__}"
        )
    if VALUE not in latest or group not in latest:
        raise ValueError(
            f"latest must be the DataFrame of latest_by_country(), with {VALUE} and {group}"
        )
    latest = latest.dropna(subset=[group])
    if latest.empty:
        raise ValueError(
            f"no economy has both an export value and a {group}; check that the two tables "
            f"share iso3 codes"
        )
    by = latest.groupby(group, sort=True)[VALUE]
    stats = pd.DataFrame(
        {"median": by.median(), "mean": by.mean(), "min": by.min(), "max": by.max()}
    )
    stats["count"] = by.size()
    stats = stats.rename_axis("group").reset_index()
    stats["count"] = stats["count"].astype("int64")
    if group == "income_group":
        order = _group_order(group, stats["group"].tolist())
        stats = stats.set_index("group").loc[order].reset_index()
    else:
        stats = stats.sort_values(["median", "group"], ascending=[False, True], kind="stable")
    return stats.reset_index(drop=True)


def group_median(
    group: str,
    name: str,
    exports: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> float:
    """The median export share (percent of sales) of one group, e.g. ``"South Asia"``."""
    stats = summary_by(group, exports, countries).set_index("group")
    if not isinstance(name, str):
        raise TypeError(f"name must be the group's name as text, not {type(name).__name__}")
    if name not in stats.index:
        raise ValueError(f"no {group} called {name!r}; the groups are: {', '.join(stats.index)}")
    return float(stats.loc[name, "median"])


def medians(
    group: str = "region",
    exports: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> dict[str, float]:
    """``{group name: median export share}``, in the order of :func:`summary_by`."""
    stats = summary_by(group, exports, countries)
    return {str(g): float(m) for g, m in zip(stats["group"], stats["median"], strict=True)}


def highest_group(
    group: str = "region",
    exports: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> str:
    """The group whose median export share is highest."""
    stats = summary_by(group, exports, countries)
    return str(stats.loc[stats["median"].idxmax(), "group"])


def count_economies(
    exports: pd.DataFrame | None = None, countries: pd.DataFrame | None = None
) -> int:
    """How many economies have at least one survey value."""
    return int(len(latest_by_country(exports, countries)))


def median_ratio(
    high: str = "High income",
    low: str = "Low income",
    group: str = "income_group",
    exports: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> float:
    """How many times larger the median export share of ``high`` is than that of ``low``."""
    top = group_median(group, high, exports, countries)
    bottom = group_median(group, low, exports, countries)
    if bottom == 0:
        raise ValueError(f"the median of {low!r} is zero, so the ratio is undefined")
    return float(np.float64(top) / np.float64(bottom))


def group_count(
    group: str,
    name: str,
    exports: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> int:
    """How many economies a group's median rests on (latest survey of each economy)."""
    stats = summary_by(group, exports, countries).set_index("group")
    if not isinstance(name, str):
        raise TypeError(f"name must be the group's name as text, not {type(name).__name__}")
    if name not in stats.index:
        raise ValueError(f"no {group} called {name!r}; the groups are: {', '.join(stats.index)}")
    return int(stats.loc[name, "count"])


def median_without_region(
    income_group: str = "High income",
    region: str = "Europe & Central Asia",
    exports: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
) -> float:
    """A robustness check: the median of one income group with one region's economies left out.

    The chapter uses it to ask how much of the high-income median comes from the Central and
    Eastern European economies classed as high-income today.
    """
    latest = latest_by_country(exports, countries)
    for value, column in ((income_group, "income_group"), (region, "region")):
        if not isinstance(value, str):
            raise TypeError(f"{column} must be a group name as text, not {type(value).__name__}")
        known = sorted(latest[column].dropna().unique())
        if value not in known:
            raise ValueError(f"no {column} called {value!r}; the groups are: {', '.join(known)}")
    keep = (latest["income_group"] == income_group) & (latest["region"] != region)
    if not keep.any():
        raise ValueError(f"no {income_group!r} economy is left once {region!r} is left out")
    return float(latest.loc[keep, VALUE].median())


# ---------------------------------------------------------------------------------------------
# How sure is a group's median? An interval that needs no assumption about the distribution


class MedianInterval(NamedTuple):
    """A sample median with its distribution-free interval (see :func:`median_interval`)."""

    median: float
    low: float
    high: float
    coverage: float  # the interval's exact coverage for a continuous distribution
    n: int


def _values(values: object) -> np.ndarray:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray | pd.Series):
        raise TypeError(
            "values must be a list of numbers such as [2.5, 4.0, 7.1], "
            f"not {type(values).__name__} {_validate._shown(values)}"
        )
    checked = [_validate.number(v, "each of values") for v in list(values)]
    if not checked:
        raise ValueError("values is empty: an interval for the median needs at least one value")
    return np.sort(np.asarray(checked, dtype=float))


def median_interval(values: Sequence[float], level: float = 0.9) -> MedianInterval:
    """The median of ``values`` and an interval for the median of the population they come from.

    The interval runs from the ``j``-th smallest to the ``j``-th largest value. Each value lies
    below the population median with probability one half, so the number below it is binomial
    (``n``, 1/2), and the chance that the interval misses the median on either side is the
    binomial tail ``2 P(B <= j - 1)``. ``j`` is the largest rank whose coverage
    ``1 - 2 P(B <= j - 1)`` is still at least ``level``: the narrowest such interval. It needs no
    random numbers and no assumption about the shape of the distribution (only that the
    economies are like independent draws from it, which a survey of whichever economies the
    World Bank happened to survey is not quite).

    Because ranks are whole numbers, the coverage is usually *above* ``level`` (with 10 values a
    90% interval covers 97.9%); ``coverage`` reports it. With so few values that even the range
    from the smallest to the largest covers less than ``level`` (four values or fewer at 90%),
    the interval is that range and ``coverage`` is below ``level``: read it as "too few to say".
    Ties (equal values) only make the closed interval cover more.

    >>> median_interval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    MedianInterval(median=5.5, low=2.0, high=9.0, coverage=0.978515625, n=10)
    """
    ordered = _values(values)
    level = _validate.number(level, "level", low=0, low_open=True)
    if level >= 1:
        raise ValueError(f"level must be below 1 (e.g. 0.9 for a 90% interval), not {level:g}")
    n = len(ordered)
    total = 2**n
    wanted = Fraction(level)
    best, best_coverage = 1, Fraction(total - 2, total)  # j = 1: the whole range
    tail, term = 0, 1  # tail = P(B <= j - 1) * 2**n, term = C(n, j - 1)
    for j in range(1, (n + 1) // 2 + 1):
        tail += term
        term = term * (n - j + 1) // j
        coverage = Fraction(total - 2 * tail, total)
        if coverage < wanted:
            break
        best, best_coverage = j, coverage
    return MedianInterval(
        median=float(np.median(ordered)),
        low=float(ordered[best - 1]),
        high=float(ordered[n - best]),
        coverage=float(best_coverage),
        n=n,
    )


def without_region(latest: pd.DataFrame, region: str | None) -> pd.DataFrame:
    """``latest`` without the economies of ``region`` (``None`` or ``""``: all of them).

    Economies without a region are kept: they are not in the region left out.
    """
    _validate.frame(latest, "latest (the DataFrame of latest_by_country())", columns=["region"])
    if region is None or region == "":
        return latest.copy()
    known = sorted(str(r) for r in latest["region"].dropna().unique())
    region = _validate.choice(region, "region to leave out", known)
    kept = latest.loc[latest["region"] != region]
    if kept.empty:
        raise ValueError(f"no economy is left once {region!r} is left out")
    return kept.reset_index(drop=True)


def median_intervals(
    latest: pd.DataFrame | None = None,
    group: str = "region",
    *,
    leave_out: str | None = None,
    level: float = 0.9,
) -> pd.DataFrame:
    """Each group's median export share with ``n`` and its :func:`median_interval`.

    ``latest`` is the frame of :func:`latest_by_country` (``None``: the course's data);
    ``leave_out`` names a region whose economies are dropped *before* grouping, e.g.
    ``"Europe & Central Asia"`` to ask whether the income gradient survives without it.
    Columns ``group``, ``count``, ``median``, ``low``, ``high`` (percent of sales) and
    ``coverage``; groups in the order of :func:`summarize`.
    """
    if latest is None:
        latest = _default_latest()
    group = _check_group(group)
    kept = without_region(latest, leave_out)
    stats = summarize(kept, group)
    rows = []
    for name in stats["group"].tolist():
        found = median_interval(kept.loc[kept[group] == name, VALUE].tolist(), level)
        rows.append(
            {
                "group": name,
                "count": found.n,
                "median": found.median,
                "low": found.low,
                "high": found.high,
                "coverage": found.coverage,
            }
        )
    out = pd.DataFrame(rows)
    out["count"] = out["count"].astype("int64")
    return out


class Lead(NamedTuple):
    """The top group against the second (:func:`lead_check`)."""

    top: str
    second: str
    top_median: float
    second_median: float
    top_low: float
    second_high: float
    clear: bool  # the top group's interval lies wholly above the second's
    top_n: int
    second_n: int


def lead_check(intervals: pd.DataFrame) -> Lead:
    """Is the group with the highest median ahead of the runner-up by more than their
    intervals' overlap allows?

    ``intervals`` is a frame of :func:`median_intervals`. The lead is called ``clear`` when the
    lower end of the top group's interval lies above the upper end of the second's, so that
    the intervals do not overlap. That is a plain reading, not a formal test of the difference:
    two intervals can overlap a little while the difference is still unlikely to be chance, so
    an overlap says "not shown", not "no difference".
    """
    table = _validate.frame(
        intervals,
        "intervals (the DataFrame of median_intervals())",
        columns=["group", "count", "median", "low", "high"],
    )
    if len(table) < 2:
        raise ValueError(
            f"a lead needs at least two groups; intervals has {len(table)}: leave out less"
        )
    ranked = table.sort_values(["median", "group"], ascending=[False, True], kind="stable")
    top, second = ranked.iloc[0], ranked.iloc[1]
    return Lead(
        top=str(top["group"]),
        second=str(second["group"]),
        top_median=float(top["median"]),
        second_median=float(second["median"]),
        top_low=float(top["low"]),
        second_high=float(second["high"]),
        clear=bool(top["low"] > second["high"]),
        top_n=int(top["count"]),
        second_n=int(second["count"]),
    )


# ---------------------------------------------------------------------------------------------
# Testing a claim across all economies rather than on hand-picked examples


def spearman(x: pd.Series | list[float], y: pd.Series | list[float]) -> float:
    """Spearman's rank correlation of two equally long sequences (average ranks for ties).

    Computed as the Pearson correlation of the ranks, so it needs no SciPy. Pairs with a missing
    value are dropped; fewer than three complete pairs, or a constant sequence, is an error,
    because the coefficient is then undefined.
    """
    frame = pd.DataFrame({"x": list(x), "y": list(y)}).apply(pd.to_numeric, errors="coerce")
    frame = frame.dropna()
    if len(frame) < 3:
        raise ValueError(f"need at least 3 complete pairs for a rank correlation, got {len(frame)}")
    ranks = frame.rank(method="average")
    if ranks["x"].nunique() < 2 or ranks["y"].nunique() < 2:
        raise ValueError("a constant sequence has no rank correlation; give values that vary")
    return float(np.corrcoef(ranks["x"], ranks["y"])[0, 1])


def with_indicators(
    latest: pd.DataFrame | None = None, indicators: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each economy's latest survey value with its population and GDP per head *in that year*.

    Using the survey year (not today's values) keeps the comparison in the period the firms were
    surveyed, which a present-day income classification does not.
    """
    if latest is None:
        latest = _default_latest()
    if indicators is None:
        from coursekit import data

        indicators = data.load("indicators")
    cols = ["iso3", "year", "population", "gdp_pc_usd"]
    missing = [c for c in cols if c not in indicators.columns]
    if missing:
        raise ValueError(f"indicators needs the column(s) {missing}; it has {list(indicators)}")
    merged = latest.merge(indicators[cols], on=["iso3", "year"], how="left")
    return merged.dropna(subset=["population", "gdp_pc_usd"]).reset_index(drop=True)


def association(
    variable: str, latest: pd.DataFrame | None = None, indicators: pd.DataFrame | None = None
) -> tuple[float, int]:
    """Spearman's rho between export share and ``variable`` over all economies, and their count.

    ``variable`` is ``"population"`` (home-market size) or ``"gdp_pc_usd"`` (income in the
    survey year). A rank correlation is unchanged by taking logs, so none are taken.
    """
    allowed = ("population", "gdp_pc_usd")
    if variable not in allowed:
        raise ValueError(f"variable must be one of {allowed}, not {variable!r}")
    merged = with_indicators(latest, indicators)
    return spearman(merged[VALUE], merged[variable]), int(len(merged))


def rank_correlation(
    variable: str, latest: pd.DataFrame | None = None, indicators: pd.DataFrame | None = None
) -> float:
    """Spearman's rho of :func:`association` alone (the number the exercise checks)."""
    return association(variable, latest, indicators)[0]
