"""Export-intensity explorer: group the surveyed economies by region or by income group, leave
one region out if you like, and see each group's median share of sales exported directly with
its interval and number of economies, one dot per economy, and whether the top group's lead is
larger than the intervals allow."""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from coursekit._validate import _shown
from coursekit.plotting import PALETTE
from coursekit.sme import (
    GROUPINGS,
    VALUE,
    Lead,
    latest_by_country,
    lead_check,
    median_intervals,
    summarize,
    without_region,
)
from coursekit.widgets import _checks
from coursekit.widgets._display import new_figure, show_figure, show_table
from coursekit.widgets._states import static_states

__all__ = ["export_explorer", "draw_distribution", "draw_intervals", "lead_sentence"]


_PHRASE = {"region": "region", "income_group": "income group"}


def _short(label: str) -> str:
    return (
        label.replace(" & ", " &\n").replace(" income", "\nincome").replace("n Africa", "n\nAfrica")
    )


def _check_drawing(fig: Figure, group: str, highlight: str | None) -> None:
    _checks.figure(fig)
    if highlight is not None and not isinstance(highlight, str):
        raise TypeError(
            "highlight must be an ISO3 code (text) such as 'KEN', or None, "
            f"not {type(highlight).__name__} {_shown(highlight)}"
        )
    if not isinstance(group, str):
        raise TypeError(
            f"group must be one of {', '.join(GROUPINGS)} (text), "
            f"not {type(group).__name__} {_shown(group)}"
        )
    if group not in GROUPINGS:
        raise ValueError(f"group must be one of {', '.join(GROUPINGS)}, not {group!r}")


def _resolve(latest: pd.DataFrame, highlight: str | None) -> str | None:
    if highlight and highlight not in set(latest["iso3"]):
        from coursekit import countries as cty

        return cty.resolve(highlight, candidates=set(latest["iso3"]), what="survey data")
    return highlight


def _dots(ax: Axes, latest: pd.DataFrame, group: str, order: list[str]) -> None:
    """One row of jittered dots per group, one dot per economy."""
    rng = np.random.default_rng(0)  # fixed jitter: the same picture every time
    for i, name in enumerate(order):
        values = latest.loc[latest[group] == name, VALUE].to_numpy(dtype=float)
        y = i + rng.uniform(-0.18, 0.18, size=len(values))
        ax.scatter(values, y, s=22, color=PALETTE[0], alpha=0.65, edgecolor="white", lw=0.4)


def _median_bar(ax: Axes, i: int, med: float) -> None:
    ax.plot([med, med], [i - 0.32, i + 0.32], color=PALETTE[1], lw=3, solid_capstyle="butt")


def _right_label(ax: Axes, i: int, text: str) -> None:
    ax.text(
        1.01,
        i,
        text,
        transform=blended_transform_factory(ax.transAxes, ax.transData),
        fontsize=8.5,
        ha="left",
        va="center",
        color="#333333",
    )


def _mark(ax: Axes, latest: pd.DataFrame, group: str, order: list[str], code: str | None) -> None:
    if not code or code not in set(latest["iso3"]):
        return
    row = latest.loc[latest["iso3"] == code].iloc[0]
    if pd.notna(row[group]) and row[group] in order:
        i = order.index(row[group])
        ax.scatter([row[VALUE]], [i], s=90, marker="D", color=PALETTE[3], zorder=5)
        ax.annotate(
            f"{row['name']} ({int(row['year'])}): {row[VALUE]:.1f}%",
            (row[VALUE], i),
            xytext=(6, -12),
            textcoords="offset points",
            fontsize=8.5,
            color=PALETTE[3],
        )


def _finish(ax: Axes, fig: Figure, labels: list[str], group: str, title: str) -> None:
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.6)
    ax.set_xlim(left=0)
    ax.set_xlabel("Share of sales exported directly (%, mean over all surveyed firms)")
    ax.set_title(title)
    ax.grid(axis="y", visible=False)
    fig.subplots_adjust(left=0.19, right=0.83, top=0.91, bottom=0.13)


def draw_distribution(
    fig: Figure, latest: pd.DataFrame, group: str, *, highlight: str | None = None
) -> pd.DataFrame:
    """Draw one row of dots per group (one dot per economy) with each group's median as a bar.

    ``latest`` is the frame of :func:`coursekit.sme.latest_by_country`; ``highlight`` an ISO3
    code to mark. Returns the summary the chart shows (that of :func:`coursekit.sme.summary_by`).
    """
    _check_drawing(fig, group, highlight)
    stats = summarize(latest, group)
    highlight = _resolve(latest, highlight)
    fig.clear()
    ax = fig.add_subplot()
    order = stats["group"].tolist()
    _dots(ax, latest, group, order)
    for i, (med, n) in enumerate(zip(stats["median"], stats["count"], strict=True)):
        _median_bar(ax, i, float(med))
        _right_label(ax, i, f"median {med:.1f}%\n{n} economies")
    _mark(ax, latest, group, order, highlight)
    title = f"Direct exports by {_PHRASE[group]}: latest survey of each economy"
    _finish(ax, fig, [_short(g) for g in order], group, title)
    return stats


def draw_intervals(
    fig: Figure,
    latest: pd.DataFrame,
    group: str,
    *,
    highlight: str | None = None,
    leave_out: str | None = None,
    level: float = 0.9,
) -> pd.DataFrame:
    """The dots of :func:`draw_distribution` with each group's median, its interval as a grey
    band, and ``n`` under the group's name; ``leave_out`` drops a region's economies first.

    Returns the frame of :func:`coursekit.sme.median_intervals` that the chart shows.
    """
    _check_drawing(fig, group, highlight)
    table = median_intervals(latest, group, leave_out=leave_out, level=level)
    kept = without_region(latest, leave_out)
    highlight = _resolve(latest, highlight)
    fig.clear()
    ax = fig.add_subplot()
    order = table["group"].tolist()
    for i, (low, high) in enumerate(zip(table["low"], table["high"], strict=True)):
        ax.plot([low, high], [i, i], color="#9a9a9a", lw=9, alpha=0.45, solid_capstyle="butt")
    _dots(ax, kept, group, order)
    for i, row in enumerate(table.itertuples(index=False)):
        _median_bar(ax, i, float(row.median))
        text = f"median {row.median:.1f}%\ninterval {row.low:.1f}\u2013{row.high:.1f}%"
        if row.coverage < level:
            text += f"\n(covers only {100 * row.coverage:.0f}%)"
        _right_label(ax, i, text)
    _mark(ax, kept, group, order, highlight)
    labels = [f"{_short(g)}\nn = {n}" for g, n in zip(order, table["count"], strict=True)]
    without = f", without {leave_out}" if leave_out else ""
    title = f"Median direct exports by {_PHRASE[group]}, {100 * level:.0f}% intervals{without}"
    _finish(ax, fig, labels, group, title)
    return table


def distribution_alt(stats: pd.DataFrame, group: str) -> str:
    """Alt text that states what the chart shows, group by group."""
    parts = [
        f"{g}: median {m:.1f}% over {n}" for g, m, n in stats[["group", "median", "count"]].values
    ]
    return (
        f"Dot plot of the share of sales exported directly by {_PHRASE[group]}, "
        f"one dot per economy, with each group's median marked. " + "; ".join(parts) + "."
    )


def summary_display(stats: pd.DataFrame) -> pd.DataFrame:
    """The summary with readable column names, rounded, for the table under the chart."""
    out = stats.rename(
        columns={
            "group": "group",
            "median": "median %",
            "mean": "mean %",
            "min": "min %",
            "max": "max %",
            "count": "economies",
        }
    )
    return out.round(1)


def lead_sentence(lead: Lead) -> str:
    """One sentence: is the top group's lead over the second larger than the intervals'
    overlap would allow? (A plain reading of the intervals, not a formal test; it says so.)"""
    if not isinstance(lead, Lead):
        raise TypeError(
            f"lead must be the result of sme.lead_check(), not {type(lead).__name__} {_shown(lead)}"
        )
    head = (
        f"Read plainly (this is not a formal test), the lead of {lead.top} (median "
        f"{lead.top_median:.1f}%, n = {lead.top_n}) over {lead.second} "
        f"({lead.second_median:.1f}%, n = {lead.second_n})"
    )
    if lead.clear:
        return (
            f"{head} is larger than the intervals' overlap would allow: its interval starts at "
            f"{lead.top_low:.1f}%, above the {lead.second_high:.1f}% at which the other's ends."
        )
    where = "at" if lead.top_low == lead.second_high else "below"
    return (
        f"{head} is not larger than the intervals' overlap would allow: its interval starts at "
        f"{lead.top_low:.1f}%, {where} the {lead.second_high:.1f}% at which the other's ends, "
        f"so these data do not show which of the two is higher."
    )


def intervals_alt(table: pd.DataFrame, group: str, leave_out: str | None = None) -> str:
    """Alt text that states what the interval chart shows, group by group."""
    parts = [
        f"{r.group}: median {r.median:.1f}% over {r.count}, interval {r.low:.1f} to {r.high:.1f}%"
        for r in table.itertuples(index=False)
    ]
    without = f", {leave_out} left out" if leave_out else ""
    return (
        f"Dot plot of the share of sales exported directly by {_PHRASE[group]}{without}, one dot "
        f"per economy, with each group's median and its interval marked. " + "; ".join(parts) + "."
    )


def intervals_display(table: pd.DataFrame) -> pd.DataFrame:
    """The intervals with readable column names, for the table under the chart."""
    out = table.assign(coverage=100 * table["coverage"]).rename(
        columns={
            "count": "economies",
            "median": "median %",
            "low": "interval from %",
            "high": "interval to %",
            "coverage": "coverage %",
        }
    )
    return out.round(1)


#: The regions the static page precomputes for the "leave out" control ("" = none): Europe &
#: Central Asia (does the income gradient survive without it?) and Sub-Saharan Africa (what is
#: left of the low-income group?). The other regions work in a kernel (Live Code, Binder,
#: Colab) only. 2 groupings x 5 marks x 3 = 30 states.
STATIC_LEAVE_OUT = ["", "Europe & Central Asia", "Sub-Saharan Africa"]


@static_states(
    group=["region", "income_group"],
    highlight=["", "KEN", "BRA", "VNM", "IND"],
    leave_out=STATIC_LEAVE_OUT,
)
def export_explorer(
    exports: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    *,
    group: str = "region",
    highlight: str | None = None,
    leave_out: str | None = None,
    level: float = 0.9,
) -> widgets.VBox:
    """Build the explorer; returns the widget (display it as a cell's last expression).

    The chart shows each group's median with its interval (:func:`coursekit.sme.median_intervals`
    at ``level``) and ``n``; ``leave_out`` starts it with one region's economies left out.
    """
    latest = latest_by_country(exports, countries)
    if group not in GROUPINGS:
        raise ValueError(f"group must be one of {', '.join(GROUPINGS)}, not {group!r}")
    without_region(latest, leave_out)  # a bad region is an error before any widget is built
    median_intervals(latest, group, level=level)  # and so is a bad level
    options = [("(none)", "")] + sorted(
        ((f"{n} ({c})", c) for c, n in latest[["iso3", "name"]].values), key=lambda p: p[0]
    )
    codes = set(latest["iso3"])
    if highlight is not None and highlight not in codes:
        from coursekit import countries as cty

        highlight = cty.resolve(highlight, candidates=codes, what="economy with survey data")
    regions = sorted(str(r) for r in latest["region"].dropna().unique())

    group_box = widgets.ToggleButtons(
        options=[("By region", "region"), ("By income group", "income_group")],
        value=group,
        description="Group",
    )
    highlight_box = widgets.Dropdown(
        options=options, value=highlight or "", description="Mark economy"
    )
    leave_box = widgets.Dropdown(
        options=[("none", ""), *((r, r) for r in regions)],
        value=leave_out or "",
        description="Leave out",
    )
    message = widgets.HTML()
    chart = widgets.Output()
    table_out = widgets.Output()
    fig = new_figure(figsize=(7.5, 4.8))

    def update(*_: object) -> None:
        left = leave_box.value or None
        table = draw_intervals(
            fig, latest, group_box.value, highlight=highlight_box.value, leave_out=left, level=level
        )
        kept = without_region(latest, left)
        n_left = len(latest) - len(kept)
        dropped = f"; the {n_left} economies of {html.escape(left)} are left out" if left else ""
        note = ""
        code = highlight_box.value
        if left and code and code not in set(kept["iso3"]):
            name = latest.loc[latest["iso3"] == code, "name"].iloc[0]
            note = f" {html.escape(str(name))} is in {html.escape(left)}, so it is not marked."
        message.value = (
            f"Each dot is one of {len(kept)} economies (its latest survey){dropped}. The orange "
            f"bar marks each group's median, the grey band its {100 * level:.0f}% interval (from "
            f"the ranks of the values; the table gives how much it actually covers).{note}<br>"
            f"{html.escape(lead_sentence(lead_check(table)))}"
        )
        show_figure(chart, fig, alt=intervals_alt(table, group_box.value, left))
        show_table(table_out, intervals_display(table), precision=1)

    for control in (group_box, highlight_box, leave_box):
        control.observe(update, names="value")
    update()
    box = widgets.VBox(
        [widgets.HBox([group_box, highlight_box, leave_box]), message, chart, table_out],
        layout=widgets.Layout(width="100%"),
    )
    box.update = update  # exposed so tests can drive it directly
    box.figure = fig
    box.controls = {"group": group_box, "highlight": highlight_box, "leave_out": leave_box}
    box.outputs = {"chart": chart, "table": table_out, "message": message}
    return box
