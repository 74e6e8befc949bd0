"""Chapter 10 model (book/ch10_culture.md).

Hofstede's cultural dimensions and the Kogut–Singh index of cultural distance.

Kogut & Singh (1988) combine the gaps between two countries on each cultural dimension into one
number::

    CD = (1/n) * sum_d (I_d,target - I_d,home)^2 / V_d

where ``V_d`` is the variance of dimension ``d``. **Our choice of variance:** the sample variance
(``ddof=1``) of each dimension over every *country* row of the score table that has a value on that
dimension (regional and sub-national rows such as "Africa East" are left out), so the scale of
each dimension is set by the same population of countries whichever pair is compared. A pair is
compared on the dimensions **both** countries have; when some are missing, a
:class:`DimensionsDroppedWarning` names them, and :func:`distance_table` reports how many
dimensions each value rests on.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from coursekit import _validate, countries, data

__all__ = [
    "DIMENSIONS",
    "DIMENSION_NAMES",
    "DimensionsDroppedWarning",
    "KogutSinghDetail",
    "country_scores",
    "kogut_singh",
    "kogut_singh_detail",
    "kogut_singh_scores",
    "distance_table",
    "mahalanobis_table",
    "dominant_dimension",
    "nearest",
    "variances",
]

#: Hofstede's six dimensions, in the order of the published matrix.
DIMENSIONS: tuple[str, ...] = ("pdi", "idv", "mas", "uai", "lto", "ivr")
DIMENSION_NAMES: dict[str, str] = {
    "pdi": "Power distance",
    "idv": "Individualism",
    "mas": "Masculinity",
    "uai": "Uncertainty avoidance",
    "lto": "Long-term orientation",
    "ivr": "Indulgence",
}
MIN_SHARED_DIMENSIONS = 2


class DimensionsDroppedWarning(UserWarning):
    """A Kogut–Singh value was computed on fewer dimensions than asked for."""


@dataclass(frozen=True)
class KogutSinghDetail:
    """The index with its parts: which dimensions it used and what each contributed."""

    home: str
    target: str
    index: float
    dimensions: tuple[str, ...]
    dropped: tuple[str, ...]
    contributions: pd.Series  # (gap^2 / variance) / n per dimension; sums to ``index``
    gaps: pd.Series  # target minus home, in score points

    def __post_init__(self) -> None:
        for name in ("home", "target"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(
                    f"KogutSinghDetail {name} must be an ISO3 code (a str), "
                    f"not {type(getattr(self, name)).__name__}"
                )
        _validate.number(self.index, "KogutSinghDetail index", low=0)
        for name in ("contributions", "gaps"):
            if not isinstance(getattr(self, name), pd.Series):
                raise TypeError(
                    f"KogutSinghDetail {name} must be a pandas Series indexed by dimension, "
                    f"not {type(getattr(self, name)).__name__}; a KogutSinghDetail comes from "
                    "culture.kogut_singh_detail()"
                )


def _check_dimensions(dimensions: Sequence[str] | None) -> tuple[str, ...]:
    if dimensions is None:
        return DIMENSIONS
    if isinstance(dimensions, str):
        raise TypeError(
            f"dimensions must be a list such as ['pdi', 'idv'], not the string {dimensions!r}"
        )
    dims = tuple(dimensions)
    unknown = [d for d in dims if d not in DIMENSIONS]
    if unknown:
        raise ValueError(
            f"Unknown dimension(s) {unknown}. Valid dimensions: {', '.join(DIMENSIONS)} "
            f"({', '.join(DIMENSION_NAMES.values())})."
        )
    if len(set(dims)) != len(dims):
        raise ValueError(f"dimensions lists a dimension twice: {list(dims)}")
    if len(dims) < MIN_SHARED_DIMENSIONS:
        raise ValueError(
            f"The index needs at least {MIN_SHARED_DIMENSIONS} dimensions, got {list(dims)}"
        )
    return dims


@lru_cache(maxsize=1)
def _default_scores() -> pd.DataFrame:
    return country_scores(data.load("hofstede"))


def country_scores(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Scores of countries only, indexed by ISO3 code, one float column per dimension.

    ``table`` is the ``hofstede`` table (default: loaded) or any frame with ``iso3`` and the
    dimension columns; rows flagged ``is_country == False`` are dropped.
    """
    if table is None:
        return _default_scores().copy()
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"scores must be a pandas DataFrame, not {type(table).__name__}")
    frame = table
    if "is_country" in frame.columns:
        frame = frame[frame["is_country"].astype(bool)]
    if "iso3" in frame.columns:
        frame = frame.set_index("iso3")
    missing = [d for d in DIMENSIONS if d not in frame.columns]
    if missing:
        raise ValueError(
            f"The score table lacks column(s) {missing}; it needs {', '.join(DIMENSIONS)}"
        )
    if frame.index.has_duplicates:
        dup = sorted(set(frame.index[frame.index.duplicated()]))
        raise ValueError(f"The score table has more than one row for {dup}")
    try:
        out = frame.loc[:, list(DIMENSIONS)].astype("float64")
    except (TypeError, ValueError):
        for d in DIMENSIONS:
            converted = pd.to_numeric(frame[d], errors="coerce")
            bad = frame[d][converted.isna() & frame[d].notna()]
            if len(bad):
                raise ValueError(
                    f"The score table's column {d!r} must hold numbers (or be empty), but holds "
                    f"{bad.iloc[0]!r} for {bad.index[0]!r}"
                ) from None
        raise
    out.index = out.index.astype(str)
    return out


def _prepared(scores: pd.DataFrame | None) -> pd.DataFrame:
    return _default_scores() if scores is None else country_scores(scores)


@lru_cache(maxsize=1)
def _default_variances() -> pd.Series:
    return variances(_default_scores())


def variances(scores: pd.DataFrame | None = None) -> pd.Series:
    """Sample variance (ddof=1) of each dimension over the countries that have a value on it."""
    frame = _prepared(scores)
    var = frame.var(ddof=1)
    bad = [d for d in DIMENSIONS if not np.isfinite(var[d]) or var[d] <= 0]
    if bad and scores is not None:
        # A dimension with no spread cannot scale a gap; the caller's table is too small.
        var = var.drop(bad)
    return var


def _resolve(value: str, frame: pd.DataFrame, role: str) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"{role} must be a country name or ISO 3166 alpha-3 code (a string), "
            f"not {type(value).__name__}"
        )
    return countries.resolve(value, candidates=frame.index, what="country with Hofstede scores")


def kogut_singh_detail(
    home: str,
    target: str,
    scores: pd.DataFrame | None = None,
    dimensions: Sequence[str] | None = None,
) -> KogutSinghDetail:
    """The Kogut–Singh index of ``target`` seen from ``home``, with per-dimension parts."""
    dims = _check_dimensions(dimensions)
    frame = _prepared(scores)
    var = _default_variances() if scores is None else variances(frame)
    h = _resolve(home, frame, "home")
    t = _resolve(target, frame, "target")
    a, b = frame.loc[h, list(dims)], frame.loc[t, list(dims)]
    usable = [d for d in dims if pd.notna(a[d]) and pd.notna(b[d]) and d in var.index]
    dropped = tuple(d for d in dims if d not in usable)
    if len(usable) < MIN_SHARED_DIMENSIONS:
        raise ValueError(
            f"{countries.name(h)} ({h}) and {countries.name(t)} ({t}) share only "
            f"{len(usable)} scored dimension(s) ({', '.join(usable) or 'none'}) of "
            f"{', '.join(dims)}; the index needs at least {MIN_SHARED_DIMENSIONS}."
        )
    gaps = (b[usable] - a[usable]).astype("float64")
    contributions = (gaps**2 / var[usable]) / len(usable)
    return KogutSinghDetail(
        home=h,
        target=t,
        index=float(contributions.sum()),
        dimensions=tuple(usable),
        dropped=dropped,
        contributions=contributions,
        gaps=gaps,
    )


def kogut_singh(
    home: str,
    target: str,
    scores: pd.DataFrame | None = None,
    dimensions: Sequence[str] | None = None,
) -> float:
    """Kogut–Singh cultural distance between two countries (0 = identical profiles).

    ``home`` and ``target`` are ISO3 codes or English names. ``dimensions`` defaults to all six;
    the index uses those both countries have and warns (:class:`DimensionsDroppedWarning`) about
    the rest. Raises ``ValueError`` for an unknown country (naming close matches) or when fewer
    than two dimensions are shared.
    """
    detail = kogut_singh_detail(home, target, scores, dimensions)
    if detail.dropped:
        warnings.warn(
            f"Kogut–Singh {detail.home}–{detail.target} uses {len(detail.dimensions)} "
            f"dimension(s) ({', '.join(detail.dimensions)}); no score for "
            f"{', '.join(detail.dropped)} in one of the two countries.",
            DimensionsDroppedWarning,
            stacklevel=2,
        )
    return detail.index


def _profile(value: object, name: str) -> dict[str, float]:
    """A score profile: a mapping (dict or Series) of dimension code -> score; missing or NaN
    entries are left out."""
    if isinstance(value, pd.Series):
        value = value.to_dict()
    given = _validate.mapping(value, name)
    unknown = sorted(str(k) for k in given if k not in DIMENSIONS)
    if unknown:
        raise ValueError(
            f"{name} has unknown dimension(s) {', '.join(unknown)}; use {', '.join(DIMENSIONS)}"
        )
    out = {}
    for key, v in given.items():
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            continue
        out[key] = _validate.number(v, f"{name}[{key!r}]")
    return out


def kogut_singh_scores(home: object, target: object, variances: object) -> float:
    """The Kogut–Singh index computed from score profiles rather than country names.

    ``home`` and ``target`` map dimension codes to scores (a dict or a pandas Series; missing
    dimensions may be left out or NaN); ``variances`` maps each dimension to its variance
    (above 0). The index averages ``gap ** 2 / variance`` over the dimensions both profiles and
    ``variances`` have; fewer than two such dimensions raise ``ValueError``.

    >>> kogut_singh_scores({"pdi": 10, "idv": 50}, {"pdi": 20, "idv": 50}, {"pdi": 100, "idv": 4})
    0.5
    """
    a, b = _profile(home, "home"), _profile(target, "target")
    var = _profile(variances, "variances")
    for key, v in var.items():
        if v <= 0:
            raise ValueError(f"variances[{key!r}] must be above 0, not {v:g}")
    shared = [d for d in DIMENSIONS if d in a and d in b and d in var]
    if len(shared) < MIN_SHARED_DIMENSIONS:
        raise ValueError(
            f"the two profiles share only {len(shared)} dimension(s) with a variance "
            f"({', '.join(shared) or 'none'}); the index needs at least {MIN_SHARED_DIMENSIONS}"
        )
    return float(sum((b[d] - a[d]) ** 2 / var[d] for d in shared) / len(shared))


def distance_table(
    home: str,
    scores: pd.DataFrame | None = None,
    dimensions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every other country's Kogut–Singh distance from ``home``, nearest first.

    Columns: ``iso3``, ``name``, ``kogut_singh``, ``n_dimensions`` (how many dimensions the value
    rests on). Countries sharing fewer than two dimensions with ``home`` are left out.
    """
    dims = _check_dimensions(dimensions)
    frame = _prepared(scores)
    var = _default_variances() if scores is None else variances(frame)
    h = _resolve(home, frame, "home")
    usable_dims = [d for d in dims if d in var.index]
    block = frame.loc[:, usable_dims]
    gaps2 = (block - block.loc[h]) ** 2 / var[usable_dims]
    n = gaps2.notna().sum(axis=1)
    index = gaps2.sum(axis=1, min_count=1) / n
    table = pd.DataFrame({"kogut_singh": index, "n_dimensions": n})
    table = table[(table.index != h) & (table["n_dimensions"] >= MIN_SHARED_DIMENSIONS)]
    table = table.rename_axis("iso3").reset_index()
    table.insert(1, "name", [countries.name(c) for c in table["iso3"]])
    table["n_dimensions"] = table["n_dimensions"].astype("int64")
    return table.sort_values(["kogut_singh", "iso3"], kind="stable").reset_index(drop=True)


def dominant_dimension(
    home: str,
    target: str,
    scores: pd.DataFrame | None = None,
    dimensions: Sequence[str] | None = None,
) -> str:
    """The dimension that contributes most to the index between ``home`` and ``target``."""
    return str(kogut_singh_detail(home, target, scores, dimensions).contributions.idxmax())


def nearest(
    home: str,
    n: int = 3,
    scores: pd.DataFrame | None = None,
    dimensions: Sequence[str] | None = None,
    *,
    complete_only: bool = True,
) -> list[str]:
    """ISO3 codes of the ``n`` countries culturally nearest to ``home``.

    With ``complete_only`` (the default) only countries scored on every requested dimension are
    ranked, so that values resting on fewer dimensions do not jump the queue.
    """
    n = _validate.whole(n, "n", low=1, example="5", strict=True)
    table = distance_table(home, scores, dimensions)
    if complete_only:
        table = table[table["n_dimensions"] == len(_check_dimensions(dimensions))]
    return table["iso3"].head(n).tolist()


def mahalanobis_table(
    home: str,
    scores: pd.DataFrame | None = None,
    dimensions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every other country's Mahalanobis distance from ``home``, nearest first.

    The squared gap vector ``g`` (target minus home) is weighted by the inverse of the
    dimensions' covariance matrix ``S``: ``g' S^-1 g / n``, divided by the number of dimensions
    ``n`` so that it is on the scale of the Kogut–Singh index (with uncorrelated dimensions and
    the same variances the two are equal). Correlated gaps are not counted twice.

    *Assumptions:* ``S`` is the sample covariance (ddof=1) of the countries that have a score on
    **every** requested dimension, and only those countries are compared, so the country set
    (and the variances) can differ from :func:`distance_table`'s. ``home`` must have every
    requested dimension. Columns: ``iso3``, ``name``, ``mahalanobis``, ``kogut_singh`` (on the
    same dimensions, for comparison).
    """
    dims = list(_check_dimensions(dimensions))
    frame = _prepared(scores)
    h = _resolve(home, frame, "home")
    block = frame.loc[:, dims].dropna()
    if h not in block.index:
        missing = [d for d in dims if pd.isna(frame.loc[h, d])]
        raise ValueError(
            f"home {h!r} has no score on {missing}; choose dimensions it has, "
            f"for example dimensions={[d for d in dims if d not in missing]}"
        )
    if len(block) <= len(dims):
        raise ValueError(
            f"the covariance of {len(dims)} dimensions needs more than {len(dims)} countries "
            f"with every score, not {len(block)}"
        )
    values = block.to_numpy(float)
    inverse = np.linalg.pinv(np.cov(values, rowvar=False, ddof=1))
    gaps = values - block.loc[h].to_numpy(float)
    d2 = np.einsum("ij,jk,ik->i", gaps, inverse, gaps) / len(dims)
    var = _default_variances() if scores is None else variances(frame)
    ks = ((gaps**2) / var[dims].to_numpy(float)).mean(axis=1)
    table = pd.DataFrame({"iso3": block.index, "mahalanobis": d2, "kogut_singh": ks})
    table = table[table["iso3"] != h]
    table.insert(1, "name", [countries.name(c) for c in table["iso3"]])
    return table.sort_values(["mahalanobis", "iso3"], kind="stable").reset_index(drop=True)
