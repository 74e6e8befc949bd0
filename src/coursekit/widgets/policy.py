"""Chapter 8 widget: pick a firm's stage, its barriers and a budget; see a support package.

The package comes from :func:`coursekit.policy.design_package`; the chart shows which measure
covers which barrier (coloured by the kind of policy), the table gives the reasons.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from coursekit import policy
from coursekit.plotting import PALETTE
from coursekit.widgets import _checks
from coursekit.widgets._display import new_figure, show_figure
from coursekit.widgets._states import static_states

__all__ = ["TYPE_COLOURS", "draw_package", "support_designer"]

_PACKAGE_COLUMNS = ("rank", "measure", "name", "type", "cost", "addresses")
_MAX_BUDGET = 15  # the top of the designer's budget slider

#: One colour per kind of policy (Okabe–Ito).
TYPE_COLOURS: dict[str, str] = {
    "stimulatory": PALETTE[1],
    "supporting": PALETTE[0],
    "sustaining": PALETTE[2],
}


def draw_package(fig: Figure, package: pd.DataFrame, barriers: Iterable[str]) -> None:
    """A grid: the package's measures (rows, in the order chosen) against the chosen barriers
    (columns); a filled cell means the measure addresses the barrier. Uncovered barriers are
    marked in red."""
    _checks.figure(fig)
    _checks.result_frame(
        package, "package", "policy.design_package()", _PACKAGE_COLUMNS, allow_empty=True
    )
    cols = _checks.keys(
        barriers,
        "barriers",
        policy.BARRIERS,
        example="['information', 'finance']",
        what="barrier key",
    )
    fig.clear()
    ax = fig.add_subplot()
    rows = list(package["measure"])
    for r, row in enumerate(package.itertuples()):
        hits = set(filter(None, str(row.addresses).split(", ")))
        for c, barrier in enumerate(cols):
            if barrier in hits:
                ax.add_patch(
                    Rectangle((c + 0.06, r + 0.06), 0.88, 0.88, color=TYPE_COLOURS[row.type])
                )
    ax.set_xlim(0, max(len(cols), 1))
    ax.set_ylim(max(len(rows), 1), 0)
    ax.set_xticks(np.arange(len(cols)) + 0.5, cols, rotation=30, ha="right", fontsize=9)
    ax.set_yticks(
        np.arange(len(rows)) + 0.5,
        [
            textwrap.fill(f"{i}. {n} ({c} pt)", 34)
            for i, n, c in zip(package["rank"], package["name"], package["cost"], strict=True)
        ],
        fontsize=8.5,
    )
    uncovered = set(package.attrs.get("uncovered", []))
    for label in ax.get_xticklabels():
        if label.get_text() in uncovered:
            label.set_color("#D55E00")
            label.set_fontweight("bold")
    ax.set_xticks(np.arange(len(cols) + 1), minor=True)
    ax.set_yticks(np.arange(len(rows) + 1), minor=True)
    ax.grid(which="minor", color="#cccccc", linewidth=0.6)
    ax.grid(which="major", visible=False)
    ax.tick_params(which="minor", length=0)
    stage = package.attrs.get("stage", "")
    spent = int(package["cost"].sum()) if len(package) else 0
    budget = package.attrs.get("budget_points", spent)
    label = policy.STAGE_LABELS.get(stage, stage).capitalize()
    title = f"{label} stage: {spent} of {budget} points spent"
    if not rows:
        title += " (no measure fits)"
    ax.set_title(title, fontsize=10.5)
    fig.legend(
        handles=[Patch(color=c, label=t) for t, c in TYPE_COLOURS.items()],
        loc="lower center",
        ncols=3,
        fontsize=9,
    )
    fig.tight_layout(rect=(0, 0.07, 1, 1))


def package_alt(package: pd.DataFrame, barriers: Iterable[str]) -> str:
    """Alt text for :func:`draw_package`: the measures in order and what each covers."""
    rows = "; ".join(
        f"{r.rank}. {r.name} ({r.type}, {r.cost} points) covers {r.addresses}"
        for r in package.itertuples()
    )
    uncovered = package.attrs.get("uncovered", [])
    chosen = ", ".join(barriers) or "(none)"
    text = f"Grid of the package's measures against the barriers {chosen}: {rows or 'no measure'}."
    return text + (f" Not covered: {', '.join(uncovered)}." if uncovered else "")


def package_html(package: pd.DataFrame) -> str:
    """The package as an HTML list with the reason for each measure and the uncovered barriers."""
    items = "".join(
        f"<li><strong>{html.escape(r.name)}</strong> "
        f"<small>({html.escape(r.type)}, {r.cost} pt)</small>: {html.escape(r.reason)}</li>"
        for r in package.itertuples()
    )
    uncovered = package.attrs.get("uncovered", [])
    note = (
        "<div style='color:#D55E00'>Not covered: "
        + html.escape(", ".join(uncovered))
        + " (no fitting measure for this stage, or the budget ran out)</div>"
        if uncovered
        else "<div>Every chosen barrier is covered.</div>"
    )
    return f"<div><ol>{items}</ol>{note}</div>" if items else f"<div>{note}</div>"


@static_states(stage=["pre_export", "experimental", "committed"], budget=[3, 6, 10])
def support_designer(
    stage: str = "experimental",
    barriers: Iterable[str] = ("information", "contacts", "finance"),
    budget_points: int = 6,
) -> widgets.VBox:
    """Stage buttons, barrier checkboxes and a budget slider; a package chart and its reasons."""
    start_stage = policy._stage(stage)
    start_barriers = policy._barriers(barriers)
    policy.design_package(start_stage, start_barriers, budget_points)  # validates the budget
    _checks.whole_between(
        budget_points, "budget_points", 1, _MAX_BUDGET, "the budget slider's range"
    )
    stage_buttons = widgets.ToggleButtons(
        options=[(k.replace("_", "-"), k) for k in policy.STAGES],
        value=start_stage,
        description="Stage",
        tooltips=list(policy.STAGES.values()),
    )
    boxes = {
        key: widgets.Checkbox(
            value=key in start_barriers,
            description=f"{key} ({kind})",
            indent=False,
            tooltip=text,
            layout=widgets.Layout(width="13em"),
        )
        for key, (kind, text) in policy.BARRIERS.items()
    }
    budget = widgets.IntSlider(
        value=int(budget_points),
        min=1,
        max=_MAX_BUDGET,
        step=1,
        description="Budget (points)",
        style={"description_width": "initial"},
        continuous_update=False,
    )
    reasons = widgets.HTML()
    chart = widgets.Output()
    fig = new_figure(figsize=(7.5, 4.2))

    def update(*_: object) -> pd.DataFrame:
        chosen = [k for k, b in boxes.items() if b.value]
        if not chosen:
            reasons.value = "<div>Tick at least one barrier.</div>"
            empty = pd.DataFrame(columns=["rank", "measure", "name", "type", "cost", "addresses"])
            empty.attrs.update(stage=stage_buttons.value, budget_points=budget.value, uncovered=[])
            draw_package(fig, empty, [])
            chosen_for_alt: list[str] = []
        else:
            package = policy.design_package(stage_buttons.value, chosen, budget.value)
            reasons.value = package_html(package)
            draw_package(fig, package, chosen)
            empty = package
            chosen_for_alt = chosen
        show_figure(chart, fig, alt=package_alt(empty, chosen_for_alt))
        return empty

    stage_buttons.observe(update, names="value")
    budget.observe(update, names="value")
    for b in boxes.values():
        b.observe(update, names="value")
    update()
    keys = list(boxes)
    grid = widgets.GridBox(
        [boxes[k] for k in keys],
        layout=widgets.Layout(grid_template_columns="repeat(4, 14em)"),
    )
    box = widgets.VBox(
        [
            stage_buttons,
            widgets.HTML("<strong>Barriers the firm faces</strong>"),
            grid,
            budget,
            chart,
            reasons,
        ],
        layout=widgets.Layout(width="100%"),
    )
    box.update = update
    box.figure = fig
    box.controls = {"stage": stage_buttons, "barriers": boxes, "budget": budget}
    box.outputs = {"reasons": reasons, "chart": chart}
    return box
