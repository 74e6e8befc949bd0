"""Adaptation matrix: a slider per factor, the product's position on the scale, and why."""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
from matplotlib.figure import Figure

from coursekit._validate import _shown, instance, mapping
from coursekit.adaptation import FACTORS, AdaptationResult, by_element, decide
from coursekit.plotting import PALETTE
from coursekit.widgets import _checks
from coursekit.widgets._display import new_figure, show_figure
from coursekit.widgets._states import static_states

__all__ = ["adaptation_matrix", "draw_position", "EXAMPLE_RATINGS"]

#: An illustrative, invented product: a premium packaged snack going from Italy to Japan.
EXAMPLE_RATINGS: dict[str, int] = {
    "global_segments": 2,
    "scale_economies": 3,
    "brand_consistency": 4,
    "technical_product": 1,
    "central_control": 3,
    "cultural_distance": 4,
    "regulation": 4,
    "local_competition": 4,
    "income_gap": 2,
    "usage_conditions": 3,
}


def draw_position(fig: Figure, result: AdaptationResult) -> None:
    """Bars of each factor's signed push, and the resulting position on the scale."""
    _checks.figure(fig)
    instance(
        result, "result", AdaptationResult, "the AdaptationResult returned by adaptation.decide()"
    )
    fig.clear()
    ax, scale = fig.subplots(2, 1, height_ratios=[4, 1])
    c = result.contributions.sort_values()
    colours = [PALETTE[0] if v < 0 else PALETTE[1] for v in c]
    ax.barh([FACTORS[k][1] for k in c.index], c.to_numpy(), color=colours)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("push (blue: toward standardization, orange: toward adaptation)")
    scale.set_xlim(-1, 1)
    scale.set_yticks([])
    for x0, x1, name, col in [
        (-1, -0.2, "standardize", PALETTE[0]),
        (-0.2, 0.2, "glocalize", PALETTE[2]),
        (0.2, 1, "adapt", PALETTE[1]),
    ]:
        scale.axvspan(x0, x1, color=col, alpha=0.25, lw=0)
        scale.text((x0 + x1) / 2, 0.5, name, ha="center", va="center", fontsize=9)
    scale.plot([result.position], [0.5], marker="v", markersize=14, color="black")
    scale.grid(False)
    scale.set_xlabel(f"position {result.position:+.2f}")
    fig.tight_layout()


@static_states(cultural_distance=[1, 3, 5], scale_economies=[1, 3, 5])
def adaptation_matrix(ratings: Mapping[str, int] | None = None) -> widgets.VBox:
    """Build the matrix widget (sliders 1-5 per factor); returns it, never displays it."""
    if ratings is not None:
        mapping(ratings, "ratings", allow_empty=True)
    start = dict(EXAMPLE_RATINGS if ratings is None else ratings)
    decide(start)  # validates before any widget is built
    for key, value in start.items():  # the sliders move in whole steps: say so, don't truncate
        if float(value) != int(value):
            raise ValueError(
                f"rating of {key!r} must be a whole number from 1 to 5 for the matrix's sliders, "
                f"not {_shown(value)}"
            )
    sliders = {
        k: widgets.IntSlider(
            value=int(start.get(k, 1)),
            min=1,
            max=5,
            description=label,
            style={"description_width": "16em"},
            layout=widgets.Layout(width="30em"),
        )
        for k, (_, label, _) in FACTORS.items()
    }
    verdict = widgets.HTML()
    chart = widgets.Output()
    fig = new_figure(figsize=(7, 4.6))

    def update(*_: object) -> None:
        ratings = {k: s.value for k, s in sliders.items()}
        result = decide(ratings)
        items = "".join(f"<li>{r}</li>" for r in result.reasons)
        elements = ", ".join(
            f"{e} {r.position:+.2f} ({r.band})" for e, r in by_element(ratings).iterrows()
        )
        verdict.value = (
            f"<strong>{result.band.capitalize()}</strong> "
            f"(position {result.position:+.2f} on a scale from -1, standardize, "
            f"to +1, adapt)<ul>{items}</ul>"
            f"Element by element (the course's relevance weights): {elements}"
        )
        draw_position(fig, result)
        show_figure(
            chart,
            fig,
            alt=f"Bar chart of how strongly each factor pushes toward "
            f"standardization or adaptation; the product lands at "
            f"{result.position:+.2f}, in the {result.band} band.",
        )

    for s in sliders.values():
        s.observe(update, names="value")
    update()
    std = [sliders[k] for k, v in FACTORS.items() if v[0] == "standardize"]
    adp = [sliders[k] for k, v in FACTORS.items() if v[0] == "adapt"]
    box = widgets.VBox(
        [
            widgets.HTML("<strong>Factors for standardization</strong> (1 = not at all, 5 = very)"),
            *std,
            widgets.HTML("<strong>Factors for adaptation</strong>"),
            *adp,
            verdict,
            chart,
        ]
    )
    box.update = update
    box.controls = sliders
    box.outputs = {"verdict": verdict, "chart": chart}
    box.figure = fig
    return box
