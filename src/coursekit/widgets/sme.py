"""Export-intensity explorer: group the surveyed economies by region or by income group and see
the spread of the share of sales that firms export directly, one dot per economy."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from coursekit._validate import _shown
from coursekit.plotting import PALETTE
from coursekit.sme import GROUPINGS, VALUE, latest_by_country, summarize
from coursekit.widgets import _checks
from coursekit.widgets._display import new_figure, show_figure, show_table
from coursekit.widgets._states import static_states

__all__ = ["export_explorer", "draw_distribution"]


_PHRASE = {"region": "region", "income_group": "income group"}


def _short(label: str) -> str:
    return (
        label.replace(" & ", " &\n").replace(" income", "\nincome").replace("n Africa", "n\nAfrica")
    )


def draw_distribution(
    fig: Figure, latest: pd.DataFrame, group: str, *, highlight: str | None = None
) -> pd.DataFrame:
    """Draw one row of dots per group (one dot per economy) with each group's median as a bar.

    ``latest`` is the frame of :func:`coursekit.sme.latest_by_country`; ``highlight`` an ISO3
    code to mark. Returns the summary the chart shows (that of :func:`coursekit.sme.summary_by`).
    """
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
    stats = summarize(latest, group)
    if highlight and highlight not in set(latest["iso3"]):
        from coursekit import countries as cty

        highlight = cty.resolve(highlight, candidates=set(latest["iso3"]), what="survey data")
    fig.clear()
    ax = fig.add_subplot()
    order = stats["group"].tolist()
    rng = np.random.default_rng(0)  # fixed jitter: the same picture every time
    for i, name in enumerate(order):
        values = latest.loc[latest[group] == name, VALUE].to_numpy(dtype=float)
        y = i + rng.uniform(-0.18, 0.18, size=len(values))
        ax.scatter(values, y, s=22, color=PALETTE[0], alpha=0.65, edgecolor="white", lw=0.4)
        med = float(np.median(values))
        ax.plot([med, med], [i - 0.32, i + 0.32], color=PALETTE[1], lw=3, solid_capstyle="butt")
        ax.text(
            1.01,
            i,
            f"median {med:.1f}%\n{len(values)} economies",
            transform=blended_transform_factory(ax.transAxes, ax.transData),
            fontsize=8.5,
            ha="left",
            va="center",
            color="#333333",
        )
    if highlight and highlight in set(latest["iso3"]):
        row = latest.loc[latest["iso3"] == highlight].iloc[0]
        if pd.notna(row[group]):
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
    ax.set_yticks(range(len(order)), [_short(g) for g in order])
    ax.set_ylim(len(order) - 0.5, -0.6)
    ax.set_xlim(left=0)
    ax.set_xlabel("Share of sales exported directly (%, mean over all surveyed firms)")
    ax.set_title(f"Direct exports by {_PHRASE[group]}: latest survey of each economy")
    ax.grid(axis="y", visible=False)
    fig.subplots_adjust(left=0.19, right=0.83, top=0.91, bottom=0.13)
    return stats


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


@static_states(group=["region", "income_group"], highlight=["", "KEN", "BRA", "VNM", "IND"])
def export_explorer(
    exports: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    *,
    group: str = "region",
    highlight: str | None = None,
) -> widgets.VBox:
    """Build the explorer; returns the widget (display it as a cell's last expression)."""
    latest = latest_by_country(exports, countries)
    if group not in GROUPINGS:
        raise ValueError(f"group must be one of {', '.join(GROUPINGS)}, not {group!r}")
    options = [("(none)", "")] + sorted(
        ((f"{n} ({c})", c) for c, n in latest[["iso3", "name"]].values), key=lambda p: p[0]
    )
    codes = set(latest["iso3"])
    if highlight is not None and highlight not in codes:
        from coursekit import countries as cty

        highlight = cty.resolve(highlight, candidates=codes, what="economy with survey data")

    group_box = widgets.ToggleButtons(
        options=[("By region", "region"), ("By income group", "income_group")],
        value=group,
        description="Group",
    )
    highlight_box = widgets.Dropdown(
        options=options, value=highlight or "", description="Mark economy"
    )
    message = widgets.HTML()
    chart = widgets.Output()
    table_out = widgets.Output()
    fig = new_figure(figsize=(7.5, 4.4))

    def update(*_: object) -> None:
        stats = draw_distribution(fig, latest, group_box.value, highlight=highlight_box.value)
        top = stats.loc[stats["median"].idxmax()]
        message.value = (
            f"Each dot is one of {len(latest)} economies (its latest survey); the orange bar marks "
            f"the group's median. Highest median: <strong>{top['group']}</strong> "
            f"({top['median']:.1f}% of sales exported directly)."
        )
        show_figure(chart, fig, alt=distribution_alt(stats, group_box.value))
        show_table(table_out, summary_display(stats), precision=1)

    for control in (group_box, highlight_box):
        control.observe(update, names="value")
    update()
    box = widgets.VBox(
        [widgets.HBox([group_box, highlight_box]), message, chart, table_out],
        layout=widgets.Layout(width="100%"),
    )
    box.update = update  # exposed so tests can drive it directly
    box.figure = fig
    box.controls = {"group": group_box, "highlight": highlight_box}
    box.outputs = {"chart": chart, "table": table_out, "message": message}
    return box
