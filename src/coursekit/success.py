"""Chapter 6 model (book/ch06_success_factors.md).

Critical success factors of SME internationalization: marginal analysis, readiness, literature.

The literature review behind chapter 6 (Bose, 2016) arranges the success factors of small-firm
internationalization in four phases: the **current internationalization scenario** exposes what a
firm could gain and lose abroad; a **marginal analysis** of those benefits and impediments,
each a key performance indicator (KPI) with a probability, gives the **future prospects**; the
firm's **competencies** (capacity building, policy support, clusters and networks, innovation)
decide whether it can turn prospects into results; and its **strategies** (entry mode, timing,
destination, operational decisions) decide whether it does. This module turns the second and
the last two phases into small models:

* :func:`marginal_analysis` — every benefit and impediment is a KPI with an estimated ``value``
  (money or a score, never negative) and a ``probability`` (0-1). The expected benefit is
  ``sum(value x probability)`` over the benefits, the expected impediment the same over the
  impediments, and the **net** is their difference. The net is linear in every probability.
* :func:`sensitivity` — how far the net moves when each probability alone moves by ``±delta``
  (clipped to 0-1): the numbers behind a tornado chart. :func:`most_sensitive_kpi` names the KPI
  whose probability matters most; :func:`break_even_probability` says at what probability of one
  KPI the net would be zero.
* :func:`readiness` — a self-assessment (1-5) of the four competencies and the four strategy
  decisions, with the weakest areas and what the course recommends for each
  (:data:`RECOMMENDATIONS`, kept as data).
* :func:`literature_summary` / :func:`filter_literature` — the reviewed studies (the
  ``literature`` table) filtered by factor group and year, and counted.

The probabilities and values are the firm's own estimates: the model makes them explicit and
comparable, it does not make them right.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit import _validate

__all__ = [
    "AREAS",
    "ANCHORS",
    "AREA_GROUPS",
    "BENEFIT",
    "EXAMPLE_FIRM",
    "EXAMPLE_READINESS",
    "GROUP_LABELS",
    "IMPEDIMENT",
    "RECOMMENDATIONS",
    "SCORE_MAX",
    "SCORE_MIN",
    "MarginalResult",
    "ReadinessResult",
    "RiskResult",
    "break_even_probability",
    "entry_tree",
    "outcome_distribution",
    "example_firm",
    "expected_benefit",
    "expected_net",
    "filter_literature",
    "group_label",
    "literature_groups",
    "literature_summary",
    "loss_probability",
    "anchors",
    "rater_gaps",
    "marginal_analysis",
    "most_sensitive_kpi",
    "readiness",
    "sensitivity",
    "weakest_areas",
]

BENEFIT, IMPEDIMENT = "benefit", "impediment"
_ITEM_COLUMNS = ("kpi", "value", "probability")
_EXAMPLE_ITEM = "{'kpi': 'sales', 'value': 120, 'probability': 0.6}"

# ---------------------------------------------------------------------------------------------
# Marginal analysis of benefits and impediments


@dataclass(frozen=True)
class MarginalResult:
    """The outcome of :func:`marginal_analysis`.

    ``contributions`` has one row per KPI (benefits first, in the order given, then
    impediments): ``kpi``, ``side`` (``'benefit'`` / ``'impediment'``), ``value``,
    ``probability``, ``expected`` (value x probability) and ``effect`` (the signed contribution
    to the net: ``+expected`` for a benefit, ``-expected`` for an impediment).
    """

    expected_benefit: float
    expected_impediment: float
    net: float
    contributions: pd.DataFrame

    @property
    def decision(self) -> str:
        """``'go'`` when the net is positive, ``'no-go'`` when negative, else ``'indifferent'``."""
        if self.net > 0:
            return "go"
        if self.net < 0:
            return "no-go"
        return "indifferent"

    def __post_init__(self) -> None:
        for name in ("expected_benefit", "expected_impediment", "net"):
            _validate.number(getattr(self, name), name)
        _result_frame(
            self.contributions, "contributions", _CONTRIBUTION_COLUMNS, "marginal_analysis()"
        )

    def __repr__(self) -> str:
        return (
            f"MarginalResult(expected_benefit={self.expected_benefit:.4g}, "
            f"expected_impediment={self.expected_impediment:.4g}, net={self.net:.4g}, "
            f"{len(self.contributions)} KPIs)"
        )


_CONTRIBUTION_COLUMNS = ("kpi", "side", "value", "probability", "expected", "effect")


def _result_frame(value: object, name: str, columns: Sequence[str], maker: str) -> None:
    """Check a table inside a result record: a DataFrame holding ``columns``."""
    if not isinstance(value, pd.DataFrame):
        raise TypeError(
            f"{name} must be a DataFrame (build the result with {maker} rather than by "
            f"hand), not {type(value).__name__}"
        )
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ValueError(
            f"{name} lacks the column(s) {', '.join(missing)}; it needs {', '.join(columns)}"
        )


def _is_missing(value: object) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _records(items: object, side: str) -> list[Mapping[str, Any]]:
    if isinstance(items, pd.DataFrame):
        missing = [c for c in _ITEM_COLUMNS if c not in items.columns]
        if missing:
            raise ValueError(
                f"the {side}s table lacks the column(s) {', '.join(missing)}; it needs the "
                f"columns kpi, value and probability (found: {', '.join(map(str, items.columns))})"
            )
        return [
            {c: None if _is_missing(v) else v for c, v in row.items()}
            for row in items[list(_ITEM_COLUMNS)].to_dict("records")
        ]
    if isinstance(items, (str, bytes)) or not isinstance(items, (list, tuple)):
        raise TypeError(
            f"{side}s must be a DataFrame with columns kpi, value, probability or a list of dicts "
            f"such as {_EXAMPLE_ITEM}; got {type(items).__name__}"
        )
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise TypeError(
                f"{side} number {i + 1} must be a dict such as {_EXAMPLE_ITEM}, "
                f"not {type(item).__name__}"
            )
        missing = [c for c in _ITEM_COLUMNS if c not in item]
        if missing:
            raise ValueError(
                f"{side} number {i + 1} lacks the key(s) {', '.join(missing)}; every item needs "
                f"kpi, value and probability, e.g. {_EXAMPLE_ITEM}"
            )
        out.append(item)
    return out


def _items(items: object, side: str) -> pd.DataFrame:
    """Validate one side (benefits or impediments) into a frame kpi/value/probability."""
    rows = _records(items, side)
    if not rows:
        raise ValueError(
            f"the list of {side}s is empty: list at least one {side} "
            f"(an item with value 0 if you really expect none)"
        )
    kpis, values, probs = [], [], []
    for i, row in enumerate(rows):
        kpi = row["kpi"]
        if not isinstance(kpi, str) or not kpi.strip():
            raise TypeError(
                f"{side} number {i + 1}: kpi must be a non-empty name (text), not {kpi!r:.40}"
            )
        name = kpi.strip()
        if _is_missing(row["value"]):
            raise ValueError(f"{side} {name!r}: value is missing: give an estimate (0 or more)")
        if _is_missing(row["probability"]):
            raise ValueError(f"{side} {name!r}: probability is missing: give a number from 0 to 1")
        value = _validate.number(row["value"], f"{side} {name!r}: value", example="250")
        if value < 0:
            raise ValueError(
                f"{side} {name!r}: value is {value:g}; values are sizes (0 or more): put a loss "
                f"among the impediments with a positive value instead of a negative benefit"
            )
        p = _validate.number(
            row["probability"],
            f"{side} {name!r}: probability",
            low=0,
            high=1,
            why="write 60% as 0.6",
            example="0.6",
        )
        kpis.append(name)
        values.append(value)
        probs.append(p)
    return pd.DataFrame({"kpi": kpis, "value": values, "probability": probs})


def _both(benefits: object, impediments: object) -> pd.DataFrame:
    b = _items(benefits, BENEFIT).assign(side=BENEFIT)
    i = _items(impediments, IMPEDIMENT).assign(side=IMPEDIMENT)
    table = pd.concat([b, i], ignore_index=True)[["kpi", "side", "value", "probability"]]
    dupes = table["kpi"][table["kpi"].duplicated()].unique().tolist()
    if dupes:
        raise ValueError(
            f"duplicate KPI name(s): {', '.join(map(repr, dupes))}; every KPI must appear once "
            f"across benefits and impediments (rename one, e.g. 'sales abroad' and 'sales lost')"
        )
    return table


def _net(table: pd.DataFrame) -> float:
    sign = table["side"].map({BENEFIT: 1.0, IMPEDIMENT: -1.0})
    return float((sign * table["value"] * table["probability"]).sum())


def marginal_analysis(benefits: object, impediments: object) -> MarginalResult:
    """Expected benefit, expected impediment and their difference (the net) for a set of KPIs.

    ``benefits`` and ``impediments`` are each a DataFrame with columns ``kpi``, ``value`` and
    ``probability`` or a list of dicts with those keys. ``value`` is the estimated size (money or
    a score, 0 or more; an impediment's value is the size of the loss or cost) and
    ``probability`` the chance (0-1) that it happens. KPI names must be unique across both.

    >>> r = marginal_analysis(
    ...     [{"kpi": "sales", "value": 100, "probability": 0.5}],
    ...     [{"kpi": "risk", "value": 40, "probability": 0.5}],
    ... )
    >>> r.net
    30.0
    """
    table = _both(benefits, impediments)
    table["expected"] = table["value"] * table["probability"]
    table["effect"] = table["expected"].where(table["side"] == BENEFIT, -table["expected"])
    expected_benefit = float(table.loc[table["side"] == BENEFIT, "expected"].sum())
    expected_impediment = float(table.loc[table["side"] == IMPEDIMENT, "expected"].sum())
    return MarginalResult(
        expected_benefit=expected_benefit,
        expected_impediment=expected_impediment,
        net=expected_benefit - expected_impediment,
        contributions=table,
    )


#: An illustrative, invented firm for chapter 6 and its exercise: a maker of leather bags with
#: 60 employees weighing its first exports. Values are thousand US$ over three years; the
#: probabilities are the owners' own estimates.
EXAMPLE_FIRM: dict[str, Any] = {
    "name": "Padma Leather (an illustrative, invented firm)",
    "unit": "thousand US$ over three years",
    "benefits": (
        {"kpi": "export sales margin", "value": 380.0, "probability": 0.60},
        {"kpi": "premium prices", "value": 120.0, "probability": 0.45},
        {"kpi": "scale economies", "value": 100.0, "probability": 0.70},
        {"kpi": "market share and brand", "value": 80.0, "probability": 0.50},
    ),
    "impediments": (
        {"kpi": "buyer default", "value": 420.0, "probability": 0.05},
        {"kpi": "certification costs", "value": 110.0, "probability": 0.95},
        {"kpi": "currency losses", "value": 90.0, "probability": 0.35},
        {"kpi": "management time", "value": 70.0, "probability": 0.90},
    ),
}


#: The same invented firm's readiness self-assessment (1-5 per area).
EXAMPLE_READINESS: dict[str, int] = {
    "capacity_building": 3,
    "policy_support": 2,
    "clusters_networks": 1,
    "innovation": 4,
    "mode": 3,
    "timing": 4,
    "destination": 3,
    "operations": 4,
}


def example_firm() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The benefits and impediments of :data:`EXAMPLE_FIRM` as two fresh DataFrames."""
    return (
        pd.DataFrame(list(EXAMPLE_FIRM["benefits"])),
        pd.DataFrame(list(EXAMPLE_FIRM["impediments"])),
    )


def expected_net(benefits: object, impediments: object) -> float:
    """The net expected benefit alone (``marginal_analysis(...).net``), for exercise checks."""
    return marginal_analysis(benefits, impediments).net


def expected_benefit(benefits: object, impediments: object) -> float:
    """The expected benefit alone (``marginal_analysis(...).expected_benefit``)."""
    return marginal_analysis(benefits, impediments).expected_benefit


def sensitivity(
    benefits: object,
    impediments: object,
    delta: float = 0.1,
    *,
    ranges: Mapping[str, Mapping[str, Sequence[float]]] | None = None,
) -> pd.DataFrame:
    """How the net moves when each KPI's probability alone moves by ``±delta`` (clipped to 0-1).

    Returns one row per KPI, the largest swing first (ties keep the input order): ``kpi``,
    ``side``, ``value``, ``probability``, ``p_low`` / ``p_high`` (the moved probabilities),
    ``net_at_p_low`` / ``net_at_p_high`` (the net with that one probability moved) and
    ``swing`` (``|net_at_p_high - net_at_p_low|`` = value x (p_high - p_low)). The base net is in
    ``.attrs['net']``. These are the bars of a tornado chart.

    ``ranges`` (optional) replaces the arbitrary ``±delta`` by the owners' own low and high
    estimates, values included: ``{"export sales margin": {"value": (250, 450),
    "probability": (0.4, 0.75)}}``. Each named input becomes a row of its own (column ``input``:
    ``'value'`` or ``'probability'``; ``low`` / ``high``: the estimates), moved alone between its
    low and its high while everything else stays at the base; the probabilities of KPIs not
    named in ``ranges`` still move by ``±delta``. Without ``ranges`` every row and column of the
    earlier result is unchanged; three columns are added (``input`` = ``'probability'``, and
    ``low`` / ``high`` = ``p_low`` / ``p_high``).
    """
    d = _validate.number(delta, "delta", low=0, high=1, low_open=True, example="0.1")
    table = _both(benefits, impediments)
    base = _net(table)
    sign = table["side"].map({BENEFIT: 1.0, IMPEDIMENT: -1.0})
    p_low = (table["probability"] - d).clip(lower=0.0)
    p_high = (table["probability"] + d).clip(upper=1.0)
    out = table.assign(
        p_low=p_low,
        p_high=p_high,
        net_at_p_low=base + sign * table["value"] * (p_low - table["probability"]),
        net_at_p_high=base + sign * table["value"] * (p_high - table["probability"]),
    )
    out["input"] = "probability"
    out["low"], out["high"] = out["p_low"], out["p_high"]
    if ranges is not None:
        out = _elicited(out, table, base, sign, ranges)
    out["swing"] = (out["net_at_p_high"] - out["net_at_p_low"]).abs()
    order = out["swing"].round(9).sort_values(ascending=False, kind="stable").index
    out = out.loc[order].reset_index(drop=True)
    out.attrs["net"] = base
    out.attrs["delta"] = d
    return out


def _elicited(
    out: pd.DataFrame,
    table: pd.DataFrame,
    base: float,
    sign: pd.Series,
    ranges: object,
) -> pd.DataFrame:
    """Rows of :func:`sensitivity` for the inputs named in ``ranges`` (low/high estimates)."""
    ranges = _validate.mapping(
        ranges,
        "ranges",
        allow_empty=True,
        example="{KPI: {'value': (low, high), 'probability': (low, high)}}",
    )
    names = table["kpi"].tolist()
    rows = []
    replaced = set()
    for kpi, spec in ranges.items():
        if not isinstance(kpi, str) or kpi not in names:
            tip = _validate.suggest(kpi, names)
            raise ValueError(f"ranges names an unknown KPI {kpi!r}.{tip} KPIs: {', '.join(names)}")
        _validate.mapping(spec, f"ranges[{kpi!r}]", example="{'value': (250, 450)}")
        _validate.known_keys(spec, f"ranges[{kpi!r}]", ("value", "probability"), what="input")
        i = names.index(kpi)
        value, p = float(table.at[i, "value"]), float(table.at[i, "probability"])
        for which, pair in spec.items():
            if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
                raise TypeError(
                    f"ranges[{kpi!r}][{which!r}] must be a (low, high) pair, not {pair!r:.40}"
                )
            what = f"ranges[{kpi!r}][{which!r}]"
            if which == "value":
                low = _validate.number(pair[0], f"{what} low", low=0)
                high = _validate.number(pair[1], f"{what} high", low=0)
            else:
                low = _validate.probability(pair[0], f"{what} low")
                high = _validate.probability(pair[1], f"{what} high")
            if low > high:
                raise ValueError(f"{what}: low {low:g} is above high {high:g}; give (low, high)")
            if which == "value":
                at_low = base + sign[i] * p * (low - value)
                at_high = base + sign[i] * p * (high - value)
            else:
                at_low = base + sign[i] * value * (low - p)
                at_high = base + sign[i] * value * (high - p)
                replaced.add(kpi)
            row = out.loc[i].copy()
            row["input"], row["low"], row["high"] = which, low, high
            row["net_at_p_low"], row["net_at_p_high"] = at_low, at_high
            rows.append(row)
    kept = out[~out["kpi"].isin(replaced)]
    return pd.concat([kept, pd.DataFrame(rows)], ignore_index=True)


# --------------------------------------------------------------------------------------------
# Risk: the distribution of outcomes behind the expected value

#: At most this many uncertain outcomes are enumerated (2**n combinations).
MAX_OUTCOMES = 16


@dataclass(frozen=True)
class RiskResult:
    """The distribution of the net over every combination of outcomes happening or not.

    ``outcomes`` has one row per combination with a positive probability: ``net``,
    ``probability`` and ``happened`` (the outcomes that occur, joined by ", "), the worst first.
    ``mean`` is the expected net, ``sd`` its standard deviation, ``p_loss`` the probability of a
    net below 0, ``worst`` / ``best`` the extreme nets that can occur, ``p10`` the net that is
    undercut with at most 10% probability.
    """

    mean: float
    sd: float
    p_loss: float
    worst: float
    best: float
    p10: float
    outcomes: pd.DataFrame

    def __post_init__(self) -> None:
        for name in ("mean", "sd", "p_loss", "worst", "best", "p10"):
            _validate.number(getattr(self, name), name)
        _result_frame(
            self.outcomes, "outcomes", ("net", "probability", "happened"), "outcome_distribution()"
        )

    def __repr__(self) -> str:
        return (
            f"RiskResult(mean={self.mean:.4g}, sd={self.sd:.4g}, p_loss={self.p_loss:.3f}, "
            f"worst={self.worst:.4g}, p10={self.p10:.4g}, {len(self.outcomes)} outcomes)"
        )


def _risk(nets: np.ndarray, probs: np.ndarray, labels: list[str]) -> RiskResult:
    keep = probs > 0
    nets, probs = nets[keep], probs[keep]
    labels = [lab for lab, k in zip(labels, keep, strict=True) if k]
    order = np.argsort(nets, kind="stable")
    nets, probs = nets[order], probs[order]
    labels = [labels[i] for i in order]
    mean = float(np.sum(nets * probs))
    sd = float(np.sqrt(max(np.sum(probs * (nets - mean) ** 2), 0.0)))
    cum = np.cumsum(probs)
    p10 = float(nets[np.searchsorted(cum, 0.10 - 1e-12)])
    outcomes = pd.DataFrame({"net": nets, "probability": probs, "happened": labels})
    return RiskResult(
        mean=mean,
        sd=sd,
        p_loss=float(probs[nets < -1e-9].sum()),
        worst=float(nets[0]),
        best=float(nets[-1]),
        p10=p10,
        outcomes=outcomes,
    )


def _combinations(table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(table)
    if n > MAX_OUTCOMES:
        raise ValueError(
            f"{n} outcomes are too many to enumerate (2**{n} combinations); "
            f"give at most {MAX_OUTCOMES}"
        )
    grid = ((np.arange(2**n)[:, None] >> np.arange(n)) & 1).astype(bool)  # combos x outcomes
    sign = np.where(table["side"].to_numpy() == BENEFIT, 1.0, -1.0)
    signed = sign * table["value"].to_numpy(dtype=float)
    return grid, signed, table["probability"].to_numpy(dtype=float)


def _labels(grid: np.ndarray, names: Sequence[str]) -> list[str]:
    return [
        ", ".join(n for n, hit in zip(names, row, strict=True) if hit) or "none" for row in grid
    ]


def outcome_distribution(benefits: object, impediments: object) -> RiskResult:
    """The net's distribution if every benefit and impediment happens independently.

    This is the assumption the additive expected value leaves implicit: each outcome happens
    with its own probability, whatever the others do. Every one of the 2**n combinations is
    enumerated (n at most :data:`MAX_OUTCOMES`); ``mean`` equals :func:`expected_net`.
    """
    table = _both(benefits, impediments)
    grid, signed, p = _combinations(table)
    probs = np.prod(np.where(grid, p, 1.0 - p), axis=1)
    nets = grid.astype(float) @ signed
    return _risk(nets, probs, _labels(grid, table["kpi"].tolist()))


def loss_probability(benefits: object, impediments: object) -> float:
    """P(net < 0) if every outcome happens independently (``outcome_distribution(...).p_loss``)."""
    return outcome_distribution(benefits, impediments).p_loss


def entry_tree(
    benefits: object, impediments: object, entry: str, always: Iterable[str] = ()
) -> RiskResult:
    """A two-branch decision tree: entry succeeds with the probability of ``entry``, or fails.

    ``entry`` names the outcome that decides the branch (such as export sales happening). The
    outcomes named in ``always`` (fixed and sunk costs such as certification) happen with their
    own probability on both branches. Every other outcome can only happen if entry succeeds,
    and its probability is read as conditional on success: premium prices or a buyer default
    need export sales first. Outcomes within a branch are independent.
    """
    table = _both(benefits, impediments)
    names = table["kpi"].tolist()
    if not isinstance(entry, str) or entry not in names:
        tip = _validate.suggest(entry, names)
        raise ValueError(f"entry must name one of the outcomes ({', '.join(names)}).{tip}")
    if isinstance(always, str) or not isinstance(always, Iterable):
        raise TypeError(f"always must be a list of outcome names, not {always!r}")
    always = list(always)
    unknown = [a for a in always if a not in names]
    if unknown or entry in always:
        raise ValueError(
            f"always must name outcomes other than the entry outcome {entry!r}, from: "
            f"{', '.join(n for n in names if n != entry)}; not {unknown or [entry]}"
        )
    grid, signed, p = _combinations(table)
    is_entry = np.array([n == entry for n in names])
    is_always = np.array([n in always for n in names])
    conditional = ~is_entry & ~is_always
    entered = grid[:, is_entry][:, 0]
    # outcomes that need entry cannot happen on the failure branch
    possible = ~(conditional[None, :] & ~entered[:, None] & grid)
    probs = np.prod(np.where(grid, p, 1.0 - p), axis=1)
    # on the failure branch the conditional outcomes do not happen (probability 1 of "not")
    fail_rows = ~entered
    fail_probs = np.prod(
        np.where(grid[:, ~conditional], p[~conditional], 1.0 - p[~conditional]), axis=1
    )
    probs = np.where(fail_rows, fail_probs, probs)
    probs = np.where(possible.all(axis=1), probs, 0.0)
    nets = grid.astype(float) @ signed
    return _risk(nets, probs, _labels(grid, names))


def most_sensitive_kpi(benefits: object, impediments: object, delta: float = 0.1) -> str:
    """The KPI whose probability, moved by ``±delta``, moves the net most (first on ties)."""
    return str(sensitivity(benefits, impediments, delta)["kpi"].iloc[0])


def break_even_probability(benefits: object, impediments: object, kpi: str) -> float:
    """The probability of ``kpi`` at which the net would be exactly 0, all else unchanged.

    A result outside 0-1 means that no probability of this KPI alone can change the sign of
    the net. A KPI whose value is 0 cannot move the net at all and raises ``ValueError``.
    """
    table = _both(benefits, impediments)
    if not isinstance(kpi, str):
        raise TypeError(f"kpi must be a KPI name (text), not {type(kpi).__name__}")
    names = table["kpi"].tolist()
    if kpi not in names:
        tip = _validate.suggest(kpi, names)
        raise ValueError(f"Unknown KPI {kpi!r}.{tip} KPIs given: {', '.join(names)}")
    row = table.set_index("kpi").loc[kpi]
    if row["value"] == 0:
        raise ValueError(f"KPI {kpi!r} has value 0: its probability cannot change the net")
    sign = 1.0 if row["side"] == BENEFIT else -1.0
    others = _net(table) - sign * row["value"] * row["probability"]
    return float(-others / (sign * row["value"]))


# ---------------------------------------------------------------------------------------------
# Readiness: competencies and strategy decisions

SCORE_MIN, SCORE_MAX = 1, 5

#: The eight areas of the self-assessment: key -> (phase of the model, label).
AREAS: dict[str, tuple[str, str]] = {
    "capacity_building": ("competencies", "Capacity building"),
    "policy_support": ("competencies", "Policy support"),
    "clusters_networks": ("competencies", "Clusters and networks"),
    "innovation": ("competencies", "Innovation"),
    "mode": ("strategies", "Entry mode"),
    "timing": ("strategies", "Timing"),
    "destination": ("strategies", "Destination"),
    "operations": ("strategies", "Operational decisions"),
}
AREA_GROUPS: tuple[str, ...] = ("competencies", "strategies")

#: Behavioural anchors for each score of each area (1 to 5): what a firm at that level has or
#: does. They are the course's own, untested descriptors: they make two raters' "3" mean the same
#: thing, they do not make the scale interval or validated.
ANCHORS: dict[str, tuple[str, str, str, str, str]] = {
    "capacity_building": (
        "No one in the firm has handled an export order or its paperwork.",
        "One person has handled a few enquiries from abroad, ad hoc.",
        "A few staff have export training; quotes, documents and payment terms are known.",
        "A documented export process, languages covered, finance planned for larger orders.",
        "Dedicated export staff, trained regularly; online channels and export finance in place.",
    ),
    "policy_support": (
        "The firm does not know which public programmes exist for exporters.",
        "It knows of the export promotion agency but has never contacted it.",
        "It has used one programme (a trade-fair stand, a market report, training).",
        "It uses programmes that fit its stage and belongs to an exporters' association.",
        "It combines several programmes each year and helps shape them through its association.",
    ),
    "clusters_networks": (
        "No contacts with other exporters, distributors or business associations.",
        "A few personal contacts who have exported, never asked for help.",
        "Member of an association or cluster; occasional joint activity.",
        "Regular cooperation (joint fairs, shared logistics) and one trusted foreign partner.",
        "Several partners abroad and at home; alliances that share costs and risks.",
    ),
    "innovation": (
        "The product has not changed in years; nothing is spent on development.",
        "Occasional small improvements, when a customer complains.",
        "Regular incremental improvements; a small budget for adaptation.",
        "A development plan; products adapted to foreign requirements and certified.",
        "A stream of new products or processes that foreign rivals lack; R&D budgeted.",
    ),
    "mode": (
        "No idea how the firm would sell abroad.",
        "One mode considered (a buyer's enquiry), alternatives not compared.",
        "Direct and indirect exporting compared on cost and control.",
        "A mode chosen for a market with its risks, costs and exit terms written down.",
        "Modes chosen market by market and reviewed as commitment grows.",
    ),
    "timing": (
        "No view on when to go or how fast.",
        "Going when an order arrives, with no plan for what follows.",
        "A first market and a rough year chosen; pace not decided.",
        "A timed plan: one market at a time or several, with conditions to withdraw or re-enter.",
        "Timing reviewed against competitors' moves and the firm's capacity each year.",
    ),
    "destination": (
        "No market chosen; the first enquiry would decide.",
        "A market picked by familiarity or a contact, without comparison.",
        "A few markets compared on size and distance.",
        "A systematic screen on size, growth, risk, distance and culture, with sources.",
        "Screening repeated and checked against the firm's own sales data and field visits.",
    ),
    "operations": (
        "No plan for marketing, logistics or payment abroad.",
        "Functions improvised for each order.",
        "Standard terms for price, delivery (Incoterms) and payment.",
        "Planned marketing, logistics, payment security and staffing per market.",
        "Integrated export operations: what to standardise or adapt decided and monitored.",
    ),
}

#: What the course recommends for a weak area, and the chapter that teaches it.
RECOMMENDATIONS: dict[str, tuple[str, str]] = {
    "capacity_building": (
        "Build export capacity before committing: train staff in export practice and foreign "
        "languages, adopt e-commerce and online channels, and secure finance that matches the "
        "pace of growth.",
        "ch06",
    ),
    "policy_support": (
        "Find out which public programmes fit your stage (information, trade fairs, export "
        "credit and insurance, training) and use them; join the business association that "
        "speaks for exporters.",
        "ch08",
    ),
    "clusters_networks": (
        "Work through partners: join a cluster or export consortium, use personal and "
        "business contacts to find distributors, and consider an alliance to share costs and "
        "risks.",
        "ch03",
    ),
    "innovation": (
        "Keep improving the product and the process (incremental innovation) and look for a "
        "new offer the foreign market lacks (radical innovation); budget for R&D and "
        "adaptation.",
        "ch06",
    ),
    "mode": (
        "Compare the entry modes on control, commitment, risk, speed and return, and start "
        "with one your resources can carry.",
        "ch11",
    ),
    "timing": (
        "Decide when and how fast to go: one market at a time or several at once, and what "
        "would make you withdraw or re-enter.",
        "ch12",
    ),
    "destination": (
        "Screen markets systematically on size, growth, risk, distance and culture before "
        "choosing; do not follow the first enquiry.",
        "ch09",
    ),
    "operations": (
        "Plan the functions abroad — marketing, finance, logistics, people, information "
        "systems — and decide what to standardize and what to adapt.",
        "ch13",
    ),
}


@dataclass(frozen=True)
class ReadinessResult:
    """The outcome of :func:`readiness`.

    ``profile``: one row per area in :data:`AREAS` order (``area``, ``label``, ``group``,
    ``score``); ``mean``: the mean of the eight scores; ``group_means``: the mean of the
    competencies and of the strategies; ``weakest``: the lowest-scoring areas (``area``,
    ``label``, ``group``, ``score``, ``recommendation``, ``chapter``).
    """

    profile: pd.DataFrame
    mean: float
    group_means: dict[str, float]
    weakest: pd.DataFrame

    def __post_init__(self) -> None:
        _result_frame(self.profile, "profile", ("area", "label", "group", "score"), "readiness()")
        _validate.number(self.mean, "mean", low=SCORE_MIN, high=SCORE_MAX)
        _validate.mapping(self.group_means, "group_means")
        _result_frame(
            self.weakest,
            "weakest",
            ("area", "label", "group", "score", "recommendation", "chapter"),
            "readiness()",
        )

    def __repr__(self) -> str:
        weak = ", ".join(self.weakest["label"])
        return f"ReadinessResult(mean={self.mean:.2f}, weakest: {weak})"


def _scores(scores: object) -> dict[str, float]:
    if isinstance(scores, pd.Series):
        scores = scores.to_dict()
    scores = _validate.mapping(
        scores, "scores", allow_empty=True, example="{'capacity_building': 3, ...} (scores 1-5)"
    )
    unknown = [k for k in scores if k not in AREAS]
    if unknown:
        hints = [_validate.with_suggestion(key, AREAS) for key in unknown]
        raise ValueError(f"Unknown area(s): {', '.join(hints)}. The areas are: {', '.join(AREAS)}")
    missing = [k for k in AREAS if k not in scores]
    if missing:
        raise ValueError(
            f"Missing area(s): {', '.join(missing)}. Score all eight areas from "
            f"{SCORE_MIN} to {SCORE_MAX}: {', '.join(AREAS)}"
        )
    out = {}
    for key in AREAS:
        out[key] = _validate.number(
            scores[key], f"the score of {key}", low=SCORE_MIN, high=SCORE_MAX, example="3"
        )
    return out


def anchors(area: str | None = None) -> pd.DataFrame:
    """The behavioural anchors of :data:`ANCHORS` as a table: ``area``, ``label``, ``score``
    (1-5) and ``description``; one area's five rows if ``area`` is given."""
    if area is not None and (not isinstance(area, str) or area not in AREAS):
        tip = _validate.suggest(area, AREAS)
        raise ValueError(f"Unknown area {area!r}.{tip} The areas are: {', '.join(AREAS)}")
    keys = list(AREAS) if area is None else [area]
    rows = [
        (key, AREAS[key][1], level, text)
        for key in keys
        for level, text in enumerate(ANCHORS[key], start=SCORE_MIN)
    ]
    return pd.DataFrame(rows, columns=["area", "label", "score", "description"])


def rater_gaps(
    first: Mapping[str, float], second: Mapping[str, float], min_gap: int = 2
) -> list[str]:
    """The areas (in :data:`AREAS` order) where two raters' scores differ by ``min_gap`` or more.

    Two people rating the same firm on the anchored scale should mostly agree; a gap of two
    levels or more means they read the firm, or the anchors, differently and should compare
    evidence before anyone averages the scores.
    """
    a, b = _scores(first), _scores(second)
    gap = _validate.whole(min_gap, "min_gap", low=1, high=SCORE_MAX - SCORE_MIN)
    return [k for k in AREAS if abs(a[k] - b[k]) >= gap]


def weakest_areas(scores: Mapping[str, float], n: int = 3) -> list[str]:
    """The keys of the ``n`` lowest-scoring areas, lowest first.

    Ties keep the order of :data:`AREAS`: competencies before strategies, because in the model
    competencies come first.
    """
    n = _validate.whole(n, "n", low=1, high=len(AREAS), why="the areas", strict=True)
    clean = _scores(scores)
    order = sorted(AREAS, key=lambda k: (clean[k], list(AREAS).index(k)))
    return order[:n]


def readiness(scores: Mapping[str, float], n_weakest: int = 3) -> ReadinessResult:
    """Profile a firm's readiness from 1-5 scores on the eight areas of :data:`AREAS`.

    Returns the profile, the mean, the mean per group (competencies, strategies) and the
    ``n_weakest`` lowest areas with the course's recommendation for each (see
    :func:`weakest_areas` for ties).
    """
    clean = _scores(scores)
    profile = pd.DataFrame(
        {
            "area": list(AREAS),
            "label": [AREAS[k][1] for k in AREAS],
            "group": [AREAS[k][0] for k in AREAS],
            "score": [clean[k] for k in AREAS],
        }
    )
    weak_keys = weakest_areas(clean, n_weakest)
    weakest = (
        profile.set_index("area")
        .loc[weak_keys]
        .reset_index()
        .assign(
            recommendation=[RECOMMENDATIONS[k][0] for k in weak_keys],
            chapter=[RECOMMENDATIONS[k][1] for k in weak_keys],
        )
    )
    group_means = {
        g: float(profile.loc[profile["group"] == g, "score"].mean()) for g in AREA_GROUPS
    }
    return ReadinessResult(
        profile=profile,
        mean=float(profile["score"].mean()),
        group_means=group_means,
        weakest=weakest,
    )


# ---------------------------------------------------------------------------------------------
# The reviewed literature

#: The factor groups of the review (its sections), in the review's order, with labels.
GROUP_LABELS: dict[str, str] = {
    "theory": "Theories and approaches",
    "networks_alliances_clusters": "Networks, alliances, clusters",
    "capacity_building": "Capacity building",
    "policy": "Policy",
    "innovation": "Innovation",
    "benefits_barriers": "Benefits and barriers",
    "future_prospects": "Future prospects",
    "timing": "Timing",
    "modes": "Modes",
    "destinations": "Destinations",
    "operational_decisions": "Operational decisions",
}


def group_label(group: str) -> str:
    """A readable label for a factor group key (the key itself when it is not a known group).

    A missing value (``None`` or NaN, as in a table column) comes back unchanged.
    """
    if _is_missing(group):
        return group
    if not isinstance(group, str):
        raise TypeError(
            f"group must be a factor group key (text) such as 'policy', "
            f"not {type(group).__name__} {group!r:.40}"
        )
    return GROUP_LABELS.get(group, group)


def _literature(literature: pd.DataFrame | None) -> pd.DataFrame:
    if literature is None:
        from coursekit import data

        literature = data.load("literature")
    if not isinstance(literature, pd.DataFrame):
        raise TypeError(
            f"literature must be a DataFrame (or None for the course table), "
            f"not {type(literature).__name__}"
        )
    if "group" not in literature.columns and "factor_group" in literature.columns:
        literature = literature.rename(columns={"factor_group": "group"})
    missing = [c for c in ("group", "year") if c not in literature.columns]
    if missing:
        raise ValueError(
            f"the literature table lacks the column(s) {', '.join(missing)}; it needs at least "
            f"'group' (the factor group) and 'year'"
        )
    return literature


def literature_groups(literature: pd.DataFrame | None = None) -> list[str]:
    """The factor groups in the literature table: the review's groups in the review's order
    (:data:`GROUP_LABELS`), then any other group in order of first appearance."""
    present = list(dict.fromkeys(_literature(literature)["group"].dropna().astype(str)))
    return [g for g in GROUP_LABELS if g in present] + [g for g in present if g not in GROUP_LABELS]


def _year_range(years: object) -> tuple[int, int] | None:
    if years is None:
        return None
    if isinstance(years, (str, bytes)) or not isinstance(years, (Sequence, range)):
        raise TypeError(
            f"years must be a (first, last) pair such as (2005, 2013), not {type(years).__name__}"
        )
    if isinstance(years, range):
        if len(years) == 0:
            raise ValueError("years is an empty range; give (first, last), e.g. (2005, 2013)")
        years = (years[0], years[-1])
    if len(years) != 2:
        raise ValueError(f"years must be a (first, last) pair such as (2005, 2013), not {years!r}")
    first, last = years
    for y in (first, last):
        # a fractional year is a TypeError here (pinned by the tests), unlike _validate.whole
        if isinstance(y, float) and not y.is_integer():
            raise TypeError(f"years must be whole numbers such as (2005, 2013), not {years!r}")
    first = _validate.whole(first, "years (first)", example="(2005, 2013)")
    last = _validate.whole(last, "years (last)", example="(2005, 2013)")
    if first > last:
        raise ValueError(f"years: the first year ({first}) comes after the last ({last})")
    return first, last


def _group_list(groups: object, valid: list[str]) -> list[str] | None:
    if groups is None:
        return None
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, Iterable):
        raise TypeError(f"groups must be a list of factor groups, not {type(groups).__name__}")
    chosen = list(groups)
    for g in chosen:
        if not isinstance(g, str):
            raise TypeError(f"groups must be names (text), not {type(g).__name__} {g!r:.40}")
    unknown = [g for g in chosen if g not in valid]
    if unknown:
        hints = [_validate.with_suggestion(g, valid) for g in unknown]
        raise ValueError(
            f"Unknown factor group(s): {', '.join(hints)}. Valid groups: {', '.join(valid)}"
        )
    return chosen


def filter_literature(
    literature: pd.DataFrame | None = None,
    groups: Iterable[str] | str | None = None,
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """The studies of the chosen factor ``groups`` published within ``years`` (inclusive).

    ``None`` means no filter. ``literature=None`` loads the course's ``literature`` table, whose
    ``factor_group`` column is returned as ``group``.
    """
    table = _literature(literature)
    chosen = _group_list(groups, literature_groups(table))
    span = _year_range(years)
    keep = pd.Series(True, index=table.index)
    if chosen is not None:
        keep &= table["group"].isin(chosen)
    if span is not None:
        year = pd.to_numeric(table["year"], errors="coerce")
        keep &= year.between(span[0], span[1]).fillna(False).astype(bool)
    return table.loc[keep].reset_index(drop=True)


def literature_summary(
    literature: pd.DataFrame | None = None,
    groups: Iterable[str] | str | None = None,
    years: tuple[int, int] | None = None,
    by: str | Sequence[str] = ("group", "year"),
) -> pd.DataFrame:
    """Count the studies by factor group and/or year, after :func:`filter_literature`.

    ``by`` is ``'group'``, ``'year'`` or both (the default). Returns the ``by`` columns and
    ``n_studies``, sorted by group (in the table's order) and year; only combinations that occur
    are listed.
    """
    keys = [by] if isinstance(by, str) else list(by)
    if not keys or any(k not in ("group", "year") for k in keys) or len(set(keys)) != len(keys):
        raise ValueError(f"by must be 'group', 'year' or both, not {by!r}")
    table = _literature(literature)
    order = literature_groups(table)
    rows = filter_literature(table, groups, years)
    counts = rows.groupby(keys, sort=False, dropna=True).size().rename("n_studies").reset_index()
    if "group" in keys:
        counts["group"] = pd.Categorical(counts["group"], categories=order, ordered=True)
    counts = counts.sort_values(keys, ignore_index=True)
    if "group" in keys:
        counts["group"] = counts["group"].astype(str)
    if "year" in keys:
        counts["year"] = counts["year"].astype(int)
    counts["n_studies"] = counts["n_studies"].astype(int)
    return counts
