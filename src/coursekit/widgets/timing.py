"""Waterfall or sprinkler: sliders for the window, the learning effect and the budget; the
discounted cumulative cash (cumulative NPV) of both strategies, updated in place, and the
winner by NPV."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from coursekit.plotting import PALETTE
from coursekit.timing import STRATEGIES, compare, parameters, simulate_rollout
from coursekit.widgets import _checks
from coursekit.widgets._display import explorer_box, show_figure
from coursekit.widgets._states import static_states

__all__ = ["timing_explorer", "STYLE"]

#: Colour and line style of each strategy in every timing figure.
STYLE: dict[str, dict[str, Any]] = {
    "waterfall": {"color": PALETTE[0], "ls": "-", "marker": "v"},
    "sprinkler": {"color": PALETTE[1], "ls": "--", "marker": "^"},
}


def draw_rollout(fig: Figure, **params: object) -> pd.DataFrame:
    """Draw both strategies' cumulative NPV on ``fig``; returns :func:`~coursekit.timing.compare`.

    Entries are marked on each curve; a dotted line shows when the window closes.
    """
    _checks.figure(fig)
    p = parameters(**params)
    result = compare(**p)
    fig.clear()
    ax = fig.add_subplot()
    for strategy in STRATEGIES:
        table = simulate_rollout(strategy, **p)
        style = STYLE[strategy]
        x = np.concatenate([[0], table.index.to_numpy()])
        y = np.concatenate([[0.0], table["cumulative_npv"].to_numpy()])
        ax.plot(
            x,
            y,
            color=style["color"],
            ls=style["ls"],
            lw=2,
            label=f"{strategy} ({int(result.loc[strategy, 'markets_entered'])} markets)",
        )
        entries = table[table["entries"] > 0]
        ax.scatter(
            entries.index,
            entries["cumulative_npv"],
            color=style["color"],
            marker=style["marker"],
            s=36,
            zorder=3,
            edgecolors="white",
            linewidths=0.5,
        )
    if p["window"] is not None and p["window"] < p["periods"]:
        ax.axvline(p["window"] + 0.5, color="grey", ls=":", lw=1.2)
        ax.text(
            p["window"] + 0.7,
            0.02,
            "window closes",
            transform=ax.get_xaxis_transform(),
            fontsize=8.5,
            color="grey",
            va="bottom",
        )
    ax.axhline(0, color="black", lw=0.6)
    ax.set_xlim(0, p["periods"])
    ax.set_xlabel("period (markers: a market entered)")
    ax.set_ylabel(f"cumulative cash, discounted at {100 * p['discount_rate']:g}%/period")
    best = result.index[result["winner"]].tolist()
    ax.set_title("Tie" if len(best) == 2 else f"The {best[0]} wins", fontsize=11)
    ax.legend(loc="upper left")
    fig.tight_layout()
    return result


def rollout_summary(result: pd.DataFrame) -> str:
    """An HTML paragraph naming the winner and the two strategies' numbers."""
    w, s = result.loc["waterfall"], result.loc["sprinkler"]
    best = result.index[result["winner"]].tolist()
    if len(best) == 2:
        head = "<strong>A tie</strong>: both strategies end with the same NPV."
    else:
        gap = abs(s["npv"] - w["npv"])
        head = f"<strong>The {best[0]} wins</strong> by {gap:,.0f} in NPV."

    def line(name: str, row: pd.Series) -> str:
        payback = (
            f"cash positive from period {int(row['payback_period'])}"
            if row["payback_period"] == row["payback_period"]
            else "not back in the black by the end"
        )
        return (
            f"{name}: {int(row['markets_entered'])} markets, NPV {row['npv']:,.0f} "
            f"(undiscounted cash {row['cumulative_cash']:,.0f}), "
            f"deepest point {row['lowest_cumulative_cash']:,.0f}, "
            f"{payback}"
        )

    return f"<p>{head}<br>{line('Waterfall', w)}<br>{line('Sprinkler', s)}</p>"


def rollout_alt(result: pd.DataFrame, params: dict[str, Any]) -> str:
    """Alt text for the chart."""
    window = "no window" if params["window"] is None else f"window {params['window']} periods"
    return (
        "Line chart of the discounted cumulative cash of the waterfall and the sprinkler strategy "
        f"over {params['periods']} periods ({window}, learning effect "
        f"{params['learning_effect']:.2f}, budget {params['budget_per_period']:g} per period, "
        f"discount rate {100 * params['discount_rate']:g}% per period). The waterfall ends at an "
        f"NPV of {result.loc['waterfall', 'npv']:,.0f}, the sprinkler at "
        f"{result.loc['sprinkler', 'npv']:,.0f}."
    )


@static_states(
    learning_effect=[0.0, 0.2, 0.4], budget_per_period=[20.0, 40.0, 80.0]
)  # the window stays as the page sets it
def timing_explorer(**params: object) -> widgets.VBox:
    """Build the explorer; returns the widget (display it as a cell's last expression).

    ``params`` set the starting scenario (see :data:`coursekit.timing.DEFAULTS`); the sliders
    then move the window, the learning effect and the budget.
    """
    p = parameters(**params)
    open_window = p["window"] is None
    window = widgets.IntSlider(
        value=min(p["window"] if not open_window else 12, p["periods"]),
        min=0,
        max=p["periods"],
        description="Window",
        continuous_update=False,
        disabled=open_window,
        style={"description_width": "initial"},
    )
    no_window = widgets.Checkbox(value=open_window, description="no window (never closes)")
    learning = widgets.FloatSlider(
        value=p["learning_effect"],
        min=0.0,
        max=1.0,
        step=0.05,
        description="Learning effect",
        continuous_update=False,
        style={"description_width": "initial"},
    )
    budget = widgets.FloatSlider(
        value=p["budget_per_period"],
        min=0.0,
        max=max(300.0, p["budget_per_period"]),
        step=10.0,
        description="Budget per period",
        continuous_update=False,
        style={"description_width": "initial"},
    )
    message = widgets.HTML()
    chart = widgets.Output()
    fig = Figure(figsize=(7.5, 4.2))
    state: dict[str, object] = {}

    def current() -> dict[str, Any]:
        return {
            **p,
            "window": None if no_window.value else window.value,
            "learning_effect": learning.value,
            "budget_per_period": budget.value,
        }

    def update(*_: object) -> pd.DataFrame:
        window.disabled = no_window.value
        q = current()
        result = draw_rollout(fig, **q)
        message.value = rollout_summary(result)
        show_figure(chart, fig, alt=rollout_alt(result, q))
        state["result"] = result
        state["params"] = q
        return result

    for control in (window, no_window, learning, budget):
        control.observe(update, names="value")
    update()
    return explorer_box(
        [
            widgets.HBox([window, no_window]),
            widgets.HBox([learning, budget]),
            message,
            chart,
        ],
        update=update,
        figure=fig,
        state=state,
        controls={
            "window": window,
            "no_window": no_window,
            "learning_effect": learning,
            "budget_per_period": budget,
        },
        outputs={"chart": chart, "message": message},
    )
