"""Chapter 13 model (book/ch13_operations.md).

Standardization versus adaptation: a transparent decision matrix.

Each factor pushes toward standardizing the offer (one product, one message for every market) or
toward adapting it. The user rates how strongly each factor holds for a product and market, from 1
(not at all) to 5 (very strongly). The position on the scale is

    position = (adaptation pressure - standardization pressure) / (total pressure)

where each side's pressure is the weighted sum over its factors of (rating - 1), so a rating of 1
adds nothing. The position runs from -1 (standardize everything) to +1 (adapt everything); the band
is *standardize* below -0.2, *adapt* above +0.2, and *glocalize* (a standard core with local
adaptations) in between. The reasons are the factors that pushed hardest each way.

**Element by element.** One position for the whole offer hides *what* to adapt. The factor x
mix-element matrix (:func:`element_matrix`, :func:`by_element`) weighs each factor by how much it
bears on each element of the marketing mix (product, price, promotion, place), from 0 (not at
all) to 1 (fully), and places each element on the same scale: the element's position is the
formula above with those weights. **The relevance weights in** :data:`RELEVANCE` **are the
course's own judgement** (for example, purchasing power bears fully on price and only partly on
the product, through pack sizes), like the band edges and the equal weights; the literature
names the factors, not these numbers. With every weight 1 each element's position equals the
whole offer's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from coursekit import _validate

__all__ = [
    "FACTORS",
    "BANDS",
    "ELEMENTS",
    "RELEVANCE",
    "AdaptationResult",
    "factors",
    "decide",
    "position",
    "band",
    "element_matrix",
    "by_element",
    "most_adapted_element",
]

#: factor id: (side, label, why)
FACTORS: dict[str, tuple[str, str, str]] = {
    "global_segments": (
        "standardize",
        "Customers alike across markets",
        "similar needs and tastes make one offer fit many markets",
    ),
    "scale_economies": (
        "standardize",
        "Economies of scale in production",
        "one version spreads fixed costs over more units",
    ),
    "brand_consistency": (
        "standardize",
        "A global brand image",
        "a consistent brand travels with mobile customers and media",
    ),
    "technical_product": (
        "standardize",
        "Technical or industrial product",
        "performance and standards matter more than taste",
    ),
    "central_control": (
        "standardize",
        "Need for central control",
        "one offer is easier to coordinate, price and protect",
    ),
    "cultural_distance": (
        "adapt",
        "Large cultural distance",
        "different values, habits and language call for a different offer",
    ),
    "regulation": (
        "adapt",
        "Different rules and standards",
        "labelling, safety and technical rules force changes",
    ),
    "local_competition": (
        "adapt",
        "Strong local competitors",
        "local rivals set expectations a foreign offer must meet",
    ),
    "income_gap": (
        "adapt",
        "Different purchasing power",
        "price points, pack sizes and features must match what buyers can pay",
    ),
    "usage_conditions": (
        "adapt",
        "Different conditions of use",
        "climate, infrastructure or usage habits change what works",
    ),
}
#: (upper bound of the position, band name), checked in order
BANDS: tuple[tuple[float, str], ...] = ((-0.2, "standardize"), (0.2, "glocalize"), (1.0, "adapt"))


def factors() -> pd.DataFrame:
    """The factors as a table: id, side, label, why."""
    return pd.DataFrame(
        [(k, side, label, why) for k, (side, label, why) in FACTORS.items()],
        columns=["factor", "side", "label", "why"],
    )


@dataclass(frozen=True)
class AdaptationResult:
    """Where a product lands on the standardize–glocalize–adapt scale, and why."""

    position: float
    band: str
    standardization_pressure: float
    adaptation_pressure: float
    contributions: pd.Series  # signed: negative pushes toward standardization
    reasons: tuple[str, ...]

    def __post_init__(self) -> None:
        bands = [name for _, name in BANDS]
        if self.band not in bands:
            raise ValueError(
                f"band must be one of {', '.join(map(repr, bands))}, not {self.band!r}; "
                "an AdaptationResult comes from adaptation.decide()"
            )
        if (
            isinstance(self.position, bool)
            or not isinstance(self.position, (int, float))
            or not -1.0 <= self.position <= 1.0
        ):
            raise ValueError(
                f"position must be a number from -1 (standardize) to +1 (adapt), "
                f"not {self.position!r}"
            )
        if not isinstance(self.contributions, pd.Series):
            raise TypeError(
                "contributions must be a pandas Series of factor -> signed contribution, "
                f"not {type(self.contributions).__name__}"
            )

    def __repr__(self) -> str:
        return (
            f"AdaptationResult(position={self.position:+.2f}, band={self.band!r}, "
            f"reasons={list(self.reasons)})"
        )


def _checked(ratings: Mapping[str, float], weights: Mapping[str, float] | None) -> dict:
    _validate.mapping(ratings, "ratings", allow_empty=True, example="{factor: rating 1-5}")
    unknown = sorted(set(ratings) - set(FACTORS))
    if unknown:
        hints = "".join(_validate.suggest(k, FACTORS) for k in unknown)
        raise ValueError(f"Unknown factor(s) {unknown}.{hints} Valid factors: {', '.join(FACTORS)}")
    if not ratings:
        raise ValueError("Rate at least one factor from 1 (not at all) to 5 (very strongly)")
    clean = {}
    for key, value in ratings.items():
        clean[key] = _validate.number(
            value, f"rating of {key!r}", low=1, high=5, example="3 (from 1 to 5)"
        )
    w = {k: 1.0 for k in clean}
    if weights is not None:
        _validate.mapping(weights, "weights", allow_empty=True, example="{factor: weight}")
        bad = sorted(set(weights) - set(FACTORS))
        if bad:
            hints = "".join(_validate.suggest(k, FACTORS) for k in bad)
            raise ValueError(
                f"Unknown factor(s) in weights {bad}.{hints} Valid: {', '.join(FACTORS)}"
            )
        for key, value in weights.items():
            # NaN is a TypeError in this model (as it always was)
            _validate.number(value, f"weight of {key!r}", low=0, nonfinite_error=TypeError)
        w.update({k: float(v) for k, v in weights.items() if k in clean})
        if all(w[k] == 0 for k in clean):
            raise ValueError("All weights are zero: at least one rated factor must count")
    return {"ratings": clean, "weights": w}


def decide(
    ratings: Mapping[str, float], weights: Mapping[str, float] | None = None
) -> AdaptationResult:
    """Position a product on the standardize (-1) … adapt (+1) scale from factor ratings (1-5)."""
    v = _checked(ratings, weights)
    contributions = {}
    for key, rating in v["ratings"].items():
        sign = 1.0 if FACTORS[key][0] == "adapt" else -1.0
        contributions[key] = sign * v["weights"][key] * (rating - 1.0)
    series = pd.Series(contributions, dtype="float64").sort_index()
    adapt = float(series[series > 0].sum())
    standard = float(-series[series < 0].sum())
    total = adapt + standard
    pos = 0.0 if total == 0 else (adapt - standard) / total
    band = next(name for upper, name in BANDS if pos <= upper)
    order = series.abs().sort_values(ascending=False, kind="stable")
    reasons = tuple(
        f"{FACTORS[k][1]} pushes toward {'adaptation' if series[k] > 0 else 'standardization'}: "
        f"{FACTORS[k][2]}"
        for k in order.index[:3]
        if series[k] != 0
    )
    return AdaptationResult(pos, band, standard, adapt, series, reasons)


def position(ratings: Mapping[str, float], weights: Mapping[str, float] | None = None) -> float:
    """Just the position of :func:`decide` (for checks and quick use)."""
    return decide(ratings, weights).position


def band(ratings: Mapping[str, float], weights: Mapping[str, float] | None = None) -> str:
    """Just the band of :func:`decide`: ``'standardize'``, ``'glocalize'`` or ``'adapt'``."""
    return decide(ratings, weights).band


#: The elements of the marketing mix the matrix places one by one.
ELEMENTS: tuple[str, ...] = ("product", "price", "promotion", "place")

#: How much each factor bears on each element (0-1): the course's own judgement, not a
#: published weighting (see the module docstring).
RELEVANCE: dict[str, dict[str, float]] = {
    "global_segments": {"product": 1.0, "price": 0.5, "promotion": 1.0, "place": 0.5},
    "scale_economies": {"product": 1.0, "price": 0.5, "promotion": 0.5, "place": 0.5},
    "brand_consistency": {"product": 0.5, "price": 0.5, "promotion": 1.0, "place": 0.5},
    "technical_product": {"product": 1.0, "price": 0.0, "promotion": 0.5, "place": 0.0},
    "central_control": {"product": 0.5, "price": 1.0, "promotion": 0.5, "place": 1.0},
    "cultural_distance": {"product": 0.5, "price": 0.0, "promotion": 1.0, "place": 0.5},
    "regulation": {"product": 1.0, "price": 0.0, "promotion": 0.5, "place": 0.5},
    "local_competition": {"product": 0.5, "price": 1.0, "promotion": 0.5, "place": 0.5},
    "income_gap": {"product": 0.5, "price": 1.0, "promotion": 0.0, "place": 0.0},
    "usage_conditions": {"product": 1.0, "price": 0.0, "promotion": 0.0, "place": 0.5},
}


def _relevance(relevance: Mapping[str, Mapping[str, float]] | None) -> dict[str, dict[str, float]]:
    if relevance is None:
        return {f: dict(r) for f, r in RELEVANCE.items()}
    if not isinstance(relevance, Mapping):
        raise TypeError(
            "relevance must be a dict of factor -> {element: weight 0-1} like "
            f"adaptation.RELEVANCE, not {type(relevance).__name__}"
        )
    out = {f: dict(r) for f, r in RELEVANCE.items()}
    for factor, row in relevance.items():
        if factor not in FACTORS:
            raise ValueError(
                f"Unknown factor {factor!r} in relevance. Valid factors: {', '.join(FACTORS)}"
            )
        if not isinstance(row, Mapping):
            raise TypeError(
                f"relevance of {factor!r} must be a dict of element -> weight such as "
                f"{{'product': 1.0, 'price': 0.5}}, not {type(row).__name__}"
            )
        for element, w in row.items():
            if element not in ELEMENTS:
                raise ValueError(
                    f"Unknown mix element {element!r} for {factor!r}; "
                    f"the elements are {', '.join(ELEMENTS)}"
                )
            out[factor][element] = _validate.number(
                w,
                f"relevance of {factor!r} for {element!r}",
                low=0,
                high=1,
                nonfinite_error=TypeError,
            )
    return out


def element_matrix(
    ratings: Mapping[str, float], relevance: Mapping[str, Mapping[str, float]] | None = None
) -> pd.DataFrame:
    """The factor x mix-element matrix: each rated factor's signed push on each element.

    One row per rated factor, one column per element (:data:`ELEMENTS`): ``relevance x (rating
    - 1)``, positive toward adaptation, negative toward standardization. ``relevance`` overrides
    rows of :data:`RELEVANCE`.
    """
    v = _checked(ratings, None)
    rel = _relevance(relevance)
    rows = {}
    for key, rating in v["ratings"].items():
        sign = 1.0 if FACTORS[key][0] == "adapt" else -1.0
        rows[key] = {e: sign * rel[key][e] * (rating - 1.0) + 0.0 for e in ELEMENTS}
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(ELEMENTS)).sort_index()


def by_element(
    ratings: Mapping[str, float], relevance: Mapping[str, Mapping[str, float]] | None = None
) -> pd.DataFrame:
    """Each mix element's position and band (index ``element``).

    Columns ``position`` (-1 standardize ... +1 adapt, the module's formula with the element's
    relevance weights), ``band`` and ``strongest`` (the factor that pushes that element
    hardest). An element no rated factor bears on gets position 0, band ``glocalize`` and
    strongest ``""``.
    """
    matrix = element_matrix(ratings, relevance)
    rows = []
    for e in ELEMENTS:
        col = matrix[e]
        adapt = float(col[col > 0].sum())
        standard = float(-col[col < 0].sum())
        total = adapt + standard
        pos = 0.0 if total == 0 else (adapt - standard) / total
        strongest = "" if total == 0 else str(col.abs().idxmax())
        rows.append((e, pos, next(name for upper, name in BANDS if pos <= upper), strongest))
    return pd.DataFrame(rows, columns=["element", "position", "band", "strongest"]).set_index(
        "element"
    )


def most_adapted_element(
    ratings: Mapping[str, float], relevance: Mapping[str, Mapping[str, float]] | None = None
) -> str:
    """The mix element with the highest position (the one to adapt first)."""
    return str(by_element(ratings, relevance)["position"].idxmax())
