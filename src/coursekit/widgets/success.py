"""Chapter 6 widgets: a marginal-analysis calculator, a readiness radar and a literature explorer.

Each builder returns an ipywidgets container, draws its first state at construction, keeps one
matplotlib figure (kept out of pyplot) and redraws it into an ``Output`` on change, as an image
with alt text. The
drawing functions (:func:`draw_tornado`, :func:`draw_radar`, :func:`draw_literature_counts`) are
plain functions the book calls for its static figures.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any, cast

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.projections.polar import PolarAxes

from coursekit import success
from coursekit._validate import _shown, instance, mapping, whole
from coursekit.plotting import PALETTE
from coursekit.success import AREAS, BENEFIT, EXAMPLE_FIRM, IMPEDIMENT
from coursekit.widgets import _checks
from coursekit.widgets._display import new_figure, show_figure
from coursekit.widgets._states import static_states

__all__ = [
    "SIDE_COLOURS",
    "draw_literature_counts",
    "draw_profile",
    "draw_radar",
    "draw_tornado",
    "literature_explorer",
    "marginal_calculator",
    "readiness_radar",
]

_SENSITIVITY_COLUMNS = ("kpi", "side", "probability", "net_at_p_low", "net_at_p_high", "swing")

#: Benefits in blue, impediments in vermillion (Okabe–Ito).
SIDE_COLOURS: dict[str, str] = {BENEFIT: PALETTE[0], IMPEDIMENT: PALETTE[3]}

# ---------------------------------------------------------------------------------------------
# Marginal analysis


def draw_tornado(fig: Figure, sens: pd.DataFrame, *, unit: str = "") -> None:
    """Draw a tornado chart of :func:`coursekit.success.sensitivity`'s table.

    One bar per KPI, from the net at the lower probability to the net at the higher one, the
    widest bar at the top; the vertical line is the base net, the dashed line zero.
    """
    _checks.figure(fig)
    _checks.result_frame(sens, "sens", "success.sensitivity()", _SENSITIVITY_COLUMNS)
    _checks.optional_text(unit, "unit", "thousand US$")
    fig.clear()
    ax = fig.add_subplot()
    base = float(sens.attrs.get("net", 0.0))
    delta = float(sens.attrs.get("delta", 0.1))
    shown = sens.iloc[::-1].reset_index(drop=True)
    y = np.arange(len(shown))
    lows = np.minimum(shown["net_at_p_low"], shown["net_at_p_high"])
    highs = np.maximum(shown["net_at_p_low"], shown["net_at_p_high"])
    colours = [SIDE_COLOURS[s] for s in shown["side"]]
    ax.barh(y, highs - lows, left=lows, color=colours, edgecolor="white", height=0.7)
    ax.axvline(base, color="black", linewidth=1.2)
    ax.axvline(0, color="black", linewidth=0.8, linestyle="--")
    labels = [f"{k} (p = {p:.2f})" for k, p in zip(shown["kpi"], shown["probability"], strict=True)]
    if "input" in shown and (shown["input"] == "value").any():  # elicited ranges: name the input
        labels = [
            f"{k}: {w} {lo:g}-{hi:g}"
            for k, w, lo, hi in zip(
                shown["kpi"], shown["input"], shown["low"], shown["high"], strict=True
            )
        ]
    ax.set_yticks(y, labels, fontsize=9)
    for yi, hi, swing in zip(y, highs, shown["swing"], strict=True):
        ax.annotate(
            f"{swing:,.1f}",
            (hi, yi),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    span = max(float(highs.max() - lows.min()), abs(base), 1.0)
    ax.set_xlim(
        min(0.0, float(lows.min())) - 0.05 * span, max(0.0, float(highs.max())) + 0.15 * span
    )
    suffix = f", {unit}" if unit else ""
    ax.set_xlabel(f"Net expected benefit{suffix}")
    ax.grid(axis="y", visible=False)
    ax.set_title(f"One probability moved by ±{delta:g} (base net {base:,.1f})", fontsize=10.5)
    fig.legend(
        handles=[
            Patch(color=SIDE_COLOURS[BENEFIT], label="benefit"),
            Patch(color=SIDE_COLOURS[IMPEDIMENT], label="impediment"),
            Patch(color="white", label="(numbers: swing of the net)"),
        ],
        loc="lower center",
        ncols=3,
        fontsize=9,
    )
    fig.tight_layout(rect=(0, 0.06, 1, 1))


def tornado_alt(sens: pd.DataFrame) -> str:
    """Alt text for :func:`draw_tornado`: the base net and the KPIs by swing."""
    parts = ", ".join(f"{k} {w:,.1f}" for k, w in zip(sens["kpi"], sens["swing"], strict=True))
    return (
        f"Tornado chart of the net expected benefit (base {sens.attrs.get('net', 0.0):,.1f}) "
        f"when one probability moves by ±{sens.attrs.get('delta', 0.1):g}; swings, largest "
        f"first: {parts}."
    )


def summary_html(result: success.MarginalResult, *, unit: str = "") -> str:
    """Expected benefit, expected impediment, net and the decision as a small HTML block."""
    colour = {"go": "#00704F", "no-go": "#A84A00", "indifferent": "#555555"}[result.decision]
    suffix = f" <small>({html.escape(unit)})</small>" if unit else ""
    return (
        "<div>"
        f"Expected benefit <strong>{result.expected_benefit:,.1f}</strong> − "
        f"expected impediment <strong>{result.expected_impediment:,.1f}</strong> = "
        f"net <strong style='color:{colour}'>{result.net:,.1f}</strong>{suffix} "
        f"&rarr; <strong style='color:{colour}'>{result.decision}</strong>"
        "</div>"
    )


def _item_list(items: object, side: str) -> list[dict[str, Any]]:
    table = success._items(items, side)  # validates and names the problem
    return table.to_dict("records")


# a dotted control name is not a Python keyword, hence the ** (mypy cannot tell it is not
# `one_at_a_time`)
@static_states(**{"benefits.export sales margin": [0.2, 0.6, 0.9], "delta": [0.05, 0.1, 0.2]})  # type: ignore[arg-type]
def marginal_calculator(
    benefits: object = None,
    impediments: object = None,
    *,
    delta: float = 0.1,
    unit: str | None = None,
) -> widgets.VBox:
    """A probability slider per KPI, the expected values and a tornado chart (default: the
    invented firm of :data:`coursekit.success.EXAMPLE_FIRM`)."""
    if benefits is None and impediments is None:
        benefits, impediments = EXAMPLE_FIRM["benefits"], EXAMPLE_FIRM["impediments"]
        unit = EXAMPLE_FIRM["unit"] if unit is None else unit
    elif benefits is None or impediments is None:
        raise ValueError("give both benefits and impediments, or neither for the example firm")
    _checks.between(delta, "delta", 0.05, 0.5, "the delta slider's range")
    if unit is not None:
        _checks.optional_text(unit, "unit", "thousand US$")
    b_items = _item_list(benefits, BENEFIT)
    i_items = _item_list(impediments, IMPEDIMENT)
    success.marginal_analysis(b_items, i_items)  # checks duplicates across the two sides
    unit = unit or ""

    def slider(item: Mapping[str, Any]) -> widgets.FloatSlider:
        return widgets.FloatSlider(
            value=float(item["probability"]),
            min=0.0,
            max=1.0,
            step=0.01,
            description=f"{item['kpi']} ({item['value']:,.0f})",
            style={"description_width": "14em"},
            layout=widgets.Layout(width="26em"),
            continuous_update=False,
            readout_format=".2f",
        )

    b_sliders = {item["kpi"]: slider(item) for item in b_items}
    i_sliders = {item["kpi"]: slider(item) for item in i_items}
    delta_slider = widgets.FloatSlider(
        value=float(delta),
        min=0.05,
        max=0.5,
        step=0.05,
        description="± delta",
        continuous_update=False,
        readout_format=".2f",
    )
    summary = widgets.HTML()
    chart = widgets.Output()
    fig = new_figure(figsize=(7.5, 4.4))

    def current() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        b = [{**item, "probability": b_sliders[item["kpi"]].value} for item in b_items]
        i = [{**item, "probability": i_sliders[item["kpi"]].value} for item in i_items]
        return b, i

    def update(*_: object) -> tuple[success.MarginalResult, pd.DataFrame]:
        b, i = current()
        result = success.marginal_analysis(b, i)
        sens = success.sensitivity(b, i, delta_slider.value)
        summary.value = summary_html(result, unit=unit) + (
            f"<div>Most sensitive: <strong>{html.escape(str(sens['kpi'].iloc[0]))}</strong>"
            f" (the net moves by up to {sens['swing'].iloc[0]:,.1f})</div>"
        )
        draw_tornado(fig, sens, unit=unit)
        show_figure(chart, fig, alt=tornado_alt(sens))
        return result, sens

    for s in [*b_sliders.values(), *i_sliders.values(), delta_slider]:
        s.observe(update, names="value")
    update()
    columns = widgets.HBox(
        [
            widgets.VBox(
                [widgets.HTML("<strong>Benefits: probability</strong>"), *b_sliders.values()]
            ),
            widgets.VBox(
                [widgets.HTML("<strong>Impediments: probability</strong>"), *i_sliders.values()]
            ),
        ]
    )
    box = widgets.VBox([columns, delta_slider, summary, chart], layout=widgets.Layout(width="100%"))
    box.update = update  # exposed so tests can drive it directly
    box.figure = fig
    box.controls = {"benefits": b_sliders, "impediments": i_sliders, "delta": delta_slider}
    box.outputs = {"summary": summary, "chart": chart}
    return box


# ---------------------------------------------------------------------------------------------
# Readiness radar


def draw_radar(fig: Figure, result: success.ReadinessResult) -> None:
    """Draw the eight readiness scores on a radar (1 at the centre ring, 5 at the edge)."""
    _checks.figure(fig)
    instance(
        result, "result", success.ReadinessResult, "the ReadinessResult of success.readiness()"
    )
    fig.clear()
    ax = cast(PolarAxes, fig.add_subplot(projection="polar"))
    profile = result.profile
    n = len(profile)
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
    closed = np.append(angles, angles[0])
    values = np.append(profile["score"].to_numpy(float), profile["score"].iloc[0])
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    ax.plot(closed, values, color=PALETTE[0], linewidth=2)
    ax.fill(closed, values, color=PALETTE[0], alpha=0.25)
    weak = set(result.weakest["area"])
    colours = [PALETTE[3] if a in weak else PALETTE[0] for a in profile["area"]]
    ax.scatter(angles, profile["score"], color=colours, zorder=3, s=40)
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5], ["1", "2", "3", "4", "5"], fontsize=8)
    labels = [
        f"{lab}\n({'competency' if g == 'competencies' else 'strategy'})"
        for lab, g in zip(profile["label"], profile["group"], strict=True)
    ]
    ax.set_xticks(angles, labels, fontsize=8.5)
    ax.xaxis.set_tick_params(pad=14)
    ax.set_title(
        f"Readiness profile (mean {result.mean:.1f}; weakest in vermillion)", fontsize=10.5
    )
    fig.tight_layout()


def draw_profile(fig: Figure, result: success.ReadinessResult) -> None:
    """Draw the readiness scores as a sorted dot plot on a 1-5 scale, weakest at the top.

    A radar's area depends on the order of the axes and grows with the square of the scores,
    and its origin is 0 on a scale that starts at 1; a sorted dot plot shows each score as a
    position on the scale, which is all an ordinal rating supports.
    """
    _checks.figure(fig)
    instance(
        result, "result", success.ReadinessResult, "the ReadinessResult of success.readiness()"
    )
    fig.clear()
    ax = fig.add_subplot()
    order = list(AREAS)
    profile = result.profile.assign(_k=[order.index(a) for a in result.profile["area"]])
    profile = profile.sort_values(["score", "_k"], ascending=[False, False], kind="stable")
    weak = set(result.weakest["area"])
    y = np.arange(len(profile))
    colours = [PALETTE[3] if a in weak else PALETTE[0] for a in profile["area"]]
    ax.hlines(y, success.SCORE_MIN, profile["score"], color="0.8", linewidth=1.5)
    ax.scatter(profile["score"], y, color=colours, s=60, zorder=3)
    labels = [
        f"{lab} ({'competency' if g == 'competencies' else 'strategy'})"
        for lab, g in zip(profile["label"], profile["group"], strict=True)
    ]
    ax.set_yticks(y, labels, fontsize=8.5)
    ax.set_xlim(success.SCORE_MIN - 0.2, success.SCORE_MAX + 0.2)
    ax.set_xticks(range(success.SCORE_MIN, success.SCORE_MAX + 1))
    ax.set_xlabel("score (1 = weak, 5 = strong; see the anchors)")
    ax.grid(axis="y", visible=False)
    ax.set_title("Readiness profile, sorted (weakest in vermillion)", fontsize=10.5)
    fig.tight_layout()


def profile_alt(result: success.ReadinessResult) -> str:
    """Alt text for :func:`draw_profile`: every score, lowest first, and the weakest areas."""
    rows = result.profile.sort_values("score", kind="stable")
    scores = ", ".join(
        f"{lab} {sc:g}" for lab, sc in zip(rows["label"], rows["score"], strict=True)
    )
    return (
        f"Dot plot of readiness scores from 1 to 5, lowest first: {scores}. Weakest: "
        f"{', '.join(result.weakest['label'])}."
    )


def radar_alt(result: success.ReadinessResult) -> str:
    """Alt text for :func:`draw_radar`: every score and the weakest areas."""
    scores = ", ".join(
        f"{lab} {sc:g}"
        for lab, sc in zip(result.profile["label"], result.profile["score"], strict=True)
    )
    return (
        f"Radar chart of readiness scores from 1 to 5: {scores}. Weakest: "
        f"{', '.join(result.weakest['label'])}."
    )


def weakest_html(result: success.ReadinessResult) -> str:
    """The weakest areas with the course's recommendations, as HTML."""
    items = "".join(
        f"<li><strong>{html.escape(r.label)}</strong> ({r.score:g}): "
        f"{html.escape(r.recommendation)} <em>(see {html.escape(r.chapter)})</em></li>"
        for r in result.weakest.itertuples()
    )
    groups = ", ".join(f"{g} {m:.1f}" for g, m in result.group_means.items())
    return (
        f"<div>Mean score <strong>{result.mean:.1f}</strong> ({groups}). "
        f"Work on these first:<ol>{items}</ol></div>"
    )


@static_states(innovation=[1, 3, 5], operations=[1, 3, 5])
def readiness_radar(
    scores: Mapping[str, float] | None = None, *, n_weakest: int = 3
) -> widgets.VBox:
    """A slider per area (1-5), the sorted profile and the weakest areas with recommendations.

    (The name is kept from when the profile was a radar chart.)"""
    if scores is not None:
        mapping(scores, "scores", allow_empty=True)
    whole(n_weakest, "n_weakest", low=1, high=len(AREAS))
    start = {k: 3 for k in AREAS} if scores is None else dict(scores)
    first = success.readiness(start, n_weakest)  # validates the start scores
    for key, value in start.items():  # the sliders move in whole steps: say so, don't round
        if float(value) != round(float(value)):
            raise ValueError(
                f"the score of {key} must be a whole number from {success.SCORE_MIN} to "
                f"{success.SCORE_MAX} for the radar's sliders, not {_shown(value)}"
            )
    sliders = {
        key: widgets.IntSlider(
            value=int(round(score)),
            min=success.SCORE_MIN,
            max=success.SCORE_MAX,
            step=1,
            description=label,
            style={"description_width": "11em"},
            continuous_update=False,
        )
        for key, label, score in zip(
            first.profile["area"], first.profile["label"], first.profile["score"], strict=True
        )
    }
    advice = widgets.HTML()
    chart = widgets.Output()
    fig = new_figure(figsize=(6.4, 5.6))

    def update(*_: object) -> success.ReadinessResult:
        result = success.readiness({k: s.value for k, s in sliders.items()}, n_weakest)
        draw_profile(fig, result)  # a sorted dot plot, not a radar (see draw_profile)
        advice.value = weakest_html(result)
        show_figure(chart, fig, alt=profile_alt(result))
        return result

    for s in sliders.values():
        s.observe(update, names="value")
    update()
    keys = list(AREAS)
    controls = widgets.HBox(
        [
            widgets.VBox(
                [widgets.HTML("<strong>Competencies</strong>"), *(sliders[k] for k in keys[:4])]
            ),
            widgets.VBox(
                [
                    widgets.HTML("<strong>Strategy decisions</strong>"),
                    *(sliders[k] for k in keys[4:]),
                ]
            ),
        ]
    )
    box = widgets.VBox([controls, chart, advice], layout=widgets.Layout(width="100%"))
    box.update = update
    box.figure = fig
    box.controls = sliders
    box.outputs = {"advice": advice, "chart": chart}
    return box


# ---------------------------------------------------------------------------------------------
# Literature explorer


def draw_literature_counts(
    fig: Figure, by_group: pd.DataFrame, by_year: pd.DataFrame, *, groups: list[str] | None = None
) -> None:
    """Two panels: studies per factor group (bars) and per year (factor studies and the theory
    works stacked). ``by_year`` has the columns ``group``, ``year`` and ``n_studies``."""
    _checks.figure(fig)
    _checks.result_frame(
        by_group,
        "by_group",
        "success.literature_summary(by='group')",
        ("group", "n_studies"),
        allow_empty=True,
    )
    _checks.result_frame(
        by_year,
        "by_year",
        "success.literature_summary()",
        ("group", "year", "n_studies"),
        allow_empty=True,
    )
    if groups is not None:
        if isinstance(groups, str):
            groups = [groups]
        if isinstance(groups, Mapping) or not isinstance(groups, Iterable):
            raise TypeError(
                "groups must be a list of factor-group keys such as ['theory'], or None, "
                f"not {type(groups).__name__} {_shown(groups)}"
            )
        groups = list(groups)
        bad = [g for g in groups if not isinstance(g, str)]
        if bad:
            raise TypeError(
                f"groups must hold factor-group keys (text), not {type(bad[0]).__name__} "
                f"{_shown(bad[0])}"
            )
    fig.clear()
    ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.2]})
    order = groups if groups is not None else list(by_group["group"])
    theory_colour, factor_colour = "#999999", PALETTE[0]
    counts = by_group.set_index("group")["n_studies"].reindex(order).fillna(0)
    y = np.arange(len(counts))[::-1]
    colours = [theory_colour if g == "theory" else factor_colour for g in counts.index]
    ax1.barh(y, counts.to_numpy(), color=colours)
    ax1.set_yticks(y, [success.group_label(g) for g in counts.index], fontsize=8.5)
    for yi, v in zip(y, counts.to_numpy(), strict=True):
        ax1.annotate(
            f"{int(v)}", (v, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8
        )
    ax1.set_xlabel("Studies")
    ax1.set_title("Per section of the review", fontsize=10)
    ax1.grid(axis="y", visible=False)
    if len(by_year):
        kind = np.where(by_year["group"] == "theory", "theory", "factors")
        wide = (
            by_year.assign(kind=kind)
            .pivot_table(index="year", columns="kind", values="n_studies", aggfunc="sum")
            .reindex(columns=["factors", "theory"])
            .fillna(0)
        )
        years = wide.index.to_numpy(int)
        ax2.bar(years, wide["factors"], color=factor_colour, width=0.8, label="success factors")
        ax2.bar(
            years,
            wide["theory"],
            bottom=wide["factors"],
            color=theory_colour,
            width=0.8,
            label="theories and approaches",
        )
        ax2.legend(fontsize=8.5, loc="upper left")
    ax2.set_xlabel("Year of publication")
    ax2.set_ylabel("Studies")
    ax2.set_title("Per year", fontsize=10)
    ax2.grid(axis="x", visible=False)
    fig.tight_layout()


def literature_alt(by_group: pd.DataFrame) -> str:
    """Alt text for :func:`draw_literature_counts`: the count of every group shown."""
    parts = ", ".join(
        f"{success.group_label(g)} {n}"
        for g, n in zip(by_group["group"], by_group["n_studies"], strict=True)
    )
    return f"Bar charts of reviewed studies per section ({parts or 'none'}) and per year."


def literature_table_html(rows: pd.DataFrame, max_rows: int = 60) -> str:
    """The filtered studies as an HTML table (first ``max_rows``)."""
    cols = [c for c in ("authors", "year", "title", "group", "topic") if c in rows.columns]
    if not cols:
        cols = list(rows.columns)
    shown = rows[cols].head(max_rows).copy()
    if "group" in shown.columns:
        shown["group"] = shown["group"].map(success.group_label)
    if "topic" in shown.columns:  # a code of the table's fixed list, e.g. "business_networks"
        shown["topic"] = shown["topic"].astype("string").str.replace("_", " ", regex=False)
    more = len(rows) - len(shown)
    note = f"<p>… and {more} more.</p>" if more > 0 else ""
    return shown.to_html(index=False, escape=True, border=0, classes="coursekit-table") + note


@static_states(years=[(1961, 2013), (1990, 2013), (2006, 2013)])
def literature_explorer(literature: pd.DataFrame | None = None) -> widgets.VBox:
    """Factor-group and year-range filters, the matching studies and their counts."""
    table = success.filter_literature(literature)
    groups = success.literature_groups(table)
    years = pd.to_numeric(table["year"], errors="coerce").dropna().astype(int)
    lo, hi = (int(years.min()), int(years.max())) if len(years) else (2000, 2020)
    group_select = widgets.SelectMultiple(
        options=[(success.group_label(g), g) for g in groups],
        value=tuple(groups),
        description="Groups",
        rows=min(len(groups), 11),
        layout=widgets.Layout(width="24em"),
    )
    year_range = widgets.IntRangeSlider(
        value=(lo, hi), min=lo, max=hi, step=1, description="Years", continuous_update=False
    )
    count = widgets.HTML()
    studies = widgets.HTML()
    chart = widgets.Output()
    fig = new_figure(figsize=(8.5, 4.0))

    def update(*_: object) -> pd.DataFrame:
        chosen = list(group_select.value)
        span = tuple(year_range.value)
        rows = success.filter_literature(table, chosen, span)
        by_group = success.literature_summary(table, chosen, span, by="group")
        by_year = success.literature_summary(table, chosen, span)
        draw_literature_counts(fig, by_group, by_year, groups=chosen)
        count.value = (
            f"<div><strong>{len(rows)}</strong> of {len(table)} studies "
            f"({span[0]}–{span[1]}, {len(chosen)} of {len(groups)} groups)</div>"
        )
        studies.value = literature_table_html(rows)
        show_figure(chart, fig, alt=literature_alt(by_group))
        return rows

    group_select.observe(update, names="value")
    year_range.observe(update, names="value")
    update()
    box = widgets.VBox(
        [widgets.HBox([group_select, year_range]), count, chart, studies],
        layout=widgets.Layout(width="100%"),
    )
    box.update = update
    box.figure = fig
    box.controls = {"groups": group_select, "years": year_range}
    box.outputs = {"count": count, "studies": studies, "chart": chart}
    return box
