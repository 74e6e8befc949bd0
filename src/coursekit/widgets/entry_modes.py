"""Entry-mode advisor: six sliders describe a firm and a market; every mode is scored, ranked and
explained (the chart shows all scores, the text gives the top mode's reasons). Three optional
refinements (the derived need for control, the value of learning, service intensity) start
switched off, so the advisor first shows the six-input result."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from coursekit.entry_modes import (
    FAMILIES,
    OPTIONAL_FIELDS,
    PROFILE_FIELDS,
    FirmMarketProfile,
    score,
)
from coursekit.plotting import PALETTE
from coursekit.widgets import _checks
from coursekit.widgets._display import new_figure, show_figure
from coursekit.widgets._states import static_states

__all__ = ["entry_mode_advisor", "draw_mode_scores", "FAMILY_COLOURS"]

#: One colour per family of modes (Okabe–Ito).
FAMILY_COLOURS: dict[str, str] = {
    family: PALETTE[i % len(PALETTE)] for i, family in enumerate(FAMILIES)
}

_SLIDER_LABELS: dict[str, str] = {
    "resources": "Resources",
    "risk_appetite": "Risk appetite",
    "control_wish": "Wish for control",
    "tacitness": "Tacit know-how",
    "market_risk": "Market risk",
    "distance": "Distance",
    "asset_specificity": "Asset specificity",
    "learning_value": "Value of learning",
    "service_intensity": "Service intensity",
}


def draw_mode_scores(fig: Figure, table: pd.DataFrame) -> None:
    """Draw every mode's score as a horizontal bar, best at the top, coloured by family."""
    _checks.figure(fig)
    _checks.result_frame(table, "table", "entry_modes.score()", ("short", "family", "score"))
    fig.clear()
    ax = fig.add_subplot()
    shown = table.iloc[::-1]
    y = np.arange(len(shown))
    colours = [FAMILY_COLOURS[f] for f in shown["family"]]
    ax.barh(y, shown["score"], color=colours, edgecolor="white")
    ax.set_yticks(y, list(shown["short"]), fontsize=9)
    ax.get_yticklabels()[-1].set_fontweight("bold")  # the best mode sits at the top
    ax.axvline(0, color="black", linewidth=0.8)
    for yi, value in zip(y, shown["score"], strict=True):
        ax.annotate(
            f"{value:+.2f}",
            (value, yi),
            xytext=(3 if value >= 0 else -3, 0),
            textcoords="offset points",
            ha="left" if value >= 0 else "right",
            va="center",
            fontsize=8,
        )
    low, high = float(table["score"].min()), float(table["score"].max())
    pad = 0.15 * max(1.0, high - low)
    ax.set_xlim(min(0.0, low) - pad, max(0.0, high) + pad)
    ax.set_xlabel("Score (higher = better fit)")
    families = [f for f in FAMILIES if f in set(table["family"])]
    fig.legend(
        handles=[Patch(color=FAMILY_COLOURS[f], label=FAMILIES[f]) for f in families],
        loc="lower center",
        ncols=len(families),
        fontsize=8.5,
    )
    ax.grid(axis="y", visible=False)
    ax.set_title("Entry modes ranked for this firm and market", fontsize=10.5)
    fig.tight_layout(rect=(0, 0.06, 1, 1))


def reasons_html(table: pd.DataFrame) -> str:
    """The top mode's name, score and reasons as a small HTML block."""
    top = table.iloc[0]
    items = "".join(f"<li>{html.escape(part)}</li>" for part in str(top["reasons"]).split("; "))
    runner = table.iloc[1]
    return (
        f"<div><strong>Best fit: {html.escape(str(top['label']))}</strong> "
        f"(score {top['score']:+.2f}; next: {html.escape(str(runner['short']))}, "
        f"{runner['score']:+.2f})<ul>{items}</ul></div>"
    )


@static_states(resources=[1.0, 3.0, 5.0], control_wish=[1.0, 3.0, 5.0])
def entry_mode_advisor(
    profile: FirmMarketProfile | Mapping[str, Any] | None = None,
) -> widgets.VBox:
    """Build the advisor, starting from ``profile`` (default: every input at 3, the optional
    refinements off)."""
    start = FirmMarketProfile() if profile is None else profile
    if not isinstance(start, FirmMarketProfile):
        start = FirmMarketProfile.from_mapping(start)

    def start_value(name: str) -> float:
        value = getattr(start, name)
        if value is None:  # an optional input left out: 3 for specificity, 1 (= no term) else
            return 3.0 if name == "asset_specificity" else 1.0
        return float(value)

    sliders = {
        name: widgets.FloatSlider(
            value=start_value(name),
            min=1,
            max=5,
            step=0.5,
            readout_format=".1f",  # ratings 1-5 in half steps: "2.5", not "2.50"
            description=_SLIDER_LABELS[name],
            tooltip={**PROFILE_FIELDS, **OPTIONAL_FIELDS}[name],
            style={"description_width": "initial"},
            continuous_update=False,
        )
        for name in [*PROFILE_FIELDS, *OPTIONAL_FIELDS]
    }
    derive = widgets.Checkbox(
        value=start.asset_specificity is not None,
        description="Derive control need from asset specificity",
        indent=False,
        # The default width (300 px) cut the label off with an ellipsis; "auto" lets it be read.
        layout=widgets.Layout(width="auto"),
    )
    controls: dict[str, widgets.Widget] = {**sliders, "derive_control": derive}
    reasons = widgets.HTML()
    chart = widgets.Output()
    fig = new_figure(figsize=(7.5, 4.6))

    def update(*_: object) -> pd.DataFrame:
        values = {n: s.value for n, s in sliders.items()}
        if not derive.value:
            values["asset_specificity"] = None  # the stated wish for control counts
        sliders["asset_specificity"].disabled = not derive.value
        sliders["control_wish"].disabled = derive.value
        current = FirmMarketProfile(**values)
        table = score(current)
        draw_mode_scores(fig, table)
        reasons.value = reasons_html(table)
        show_figure(
            chart,
            fig,
            alt=f"Bar chart of the {len(table)} entry modes ranked by score for this firm and "
            f"market; best fit: {table.iloc[0]['label']}.",
        )
        return table

    for control in controls.values():
        control.observe(update, names="value")
    update()
    names = list(PROFILE_FIELDS)
    firm = widgets.VBox(
        [widgets.HTML("<strong>The firm</strong>"), *(sliders[n] for n in names[:4])]
    )
    market = widgets.VBox(
        [widgets.HTML("<strong>The market</strong>"), *(sliders[n] for n in names[4:])]
    )
    refinements = widgets.VBox(
        [
            widgets.HTML(
                "<strong>Refinements</strong> (optional; at 1, or unticked, they change nothing)"
            ),
            derive,
            sliders["asset_specificity"],
            sliders["learning_value"],
            sliders["service_intensity"],
        ]
    )
    box = widgets.VBox(
        [widgets.HBox([firm, market]), refinements, reasons, chart],
        layout=widgets.Layout(width="100%"),
    )
    box.update = update  # exposed so tests can drive it directly
    box.figure = fig
    box.controls = controls
    box.outputs = {"chart": chart, "reasons": reasons}
    return box
