"""Culture explorer: pick a home country and up to four others, see their Hofstede profiles side by
side and each one's Kogut–Singh distance from home."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from coursekit import countries
from coursekit._validate import _shown
from coursekit.culture import (
    DIMENSION_NAMES,
    DIMENSIONS,
    DimensionsDroppedWarning,
    country_scores,
    kogut_singh_detail,
)
from coursekit.plotting import PALETTE
from coursekit.widgets import _checks
from coursekit.widgets._display import new_figure, show_figure, show_table
from coursekit.widgets._states import static_states

__all__ = ["culture_explorer", "draw_profiles"]

MAX_TARGETS = 4


def _country_list(value: object, name: str) -> list[Any]:
    """``targets`` as a list: one country given as a string counts as a list of one."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        raise TypeError(
            f"{name} must be a list of countries such as ['JPN', 'USA'], "
            f"not {type(value).__name__} {_shown(value)}"
        )
    return list(value)


def _scored_code(value: object, scores: pd.DataFrame) -> str:
    """A row label of ``scores``: an ISO3 code there as it is, else a name resolved to one."""
    if isinstance(value, str) and value in scores.index:
        return value
    # resolve checks the type itself (a clear TypeError for a non-string)
    return countries.resolve(cast(str, value), candidates=scores.index, what="Hofstede scores")


def distance_summary(
    home: str, targets: Sequence[str], scores: pd.DataFrame, dimensions: Sequence[str]
) -> pd.DataFrame:
    """One row per target: its Kogut–Singh index from ``home`` and the dimensions it rests on."""
    rows = []
    for target in targets:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DimensionsDroppedWarning)
            detail = kogut_singh_detail(home, target, scores, dimensions)
        biggest = detail.contributions.idxmax()
        rows.append(
            {
                "country": countries.name(detail.target),
                "Kogut–Singh index": round(detail.index, 2),
                "dimensions used": len(detail.dimensions),
                "largest gap": DIMENSION_NAMES[biggest],
            }
        )
    return pd.DataFrame(rows).sort_values("Kogut–Singh index", kind="stable")


def draw_profiles(fig: Figure, home: str, targets: Sequence[str], scores: pd.DataFrame) -> None:
    """Draw grouped bars of the six dimension scores of ``home`` and ``targets`` on ``fig``."""
    _checks.figure(fig)
    _checks.result_frame(scores, "scores", "culture.country_scores()", DIMENSIONS)
    home = _scored_code(home, scores)
    targets = [_scored_code(t, scores) for t in _country_list(targets, "targets")]
    fig.clear()
    ax = fig.add_subplot()
    codes = [home, *targets]
    width = 0.8 / len(codes)
    x = np.arange(len(DIMENSIONS))
    for i, code in enumerate(codes):
        values = scores.loc[code, list(DIMENSIONS)].to_numpy(dtype=float)
        ax.bar(
            x + (i - (len(codes) - 1) / 2) * width,
            np.nan_to_num(values, nan=0.0),
            width,
            label=f"{countries.name(code)}{' (home)' if i == 0 else ''}",
            color=PALETTE[i % len(PALETTE)],
            hatch=None if i == 0 else ("//", "..", "xx", "\\\\")[(i - 1) % 4],
            edgecolor="white",
        )
    ax.set_xticks(x, [DIMENSION_NAMES[d].replace(" ", "\n", 1) for d in DIMENSIONS])
    ax.set_ylabel("Hofstede score")
    ax.set_ylim(0, 120)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(codes), fontsize=9)
    ax.set_title("Hofstede profiles (a missing score is an empty slot)", pad=24)
    fig.tight_layout()


@static_states(
    home=["DEU", "JPN", "BRA", "SWE"],
    dimensions=[("pdi", "idv", "mas", "uai", "lto", "ivr"), ("pdi", "idv", "mas", "uai")],
)  # the compared markets stay those of the page
def culture_explorer(
    scores: pd.DataFrame | None = None,
    *,
    home: str = "DEU",
    targets: Sequence[str] = ("JPN", "USA"),
    dimensions: Sequence[str] = DIMENSIONS,
) -> widgets.VBox:
    """Build the explorer; returns the widget (display it as a cell's last expression)."""
    table = country_scores(scores)
    options = sorted(((countries.name(c), c) for c in table.index), key=lambda p: p[0])
    home_code = countries.resolve(home, candidates=table.index)
    targets = _country_list(targets, "targets")
    target_codes = [countries.resolve(t, candidates=table.index) for t in targets]
    if not 1 <= len(target_codes) <= MAX_TARGETS:
        raise ValueError(f"choose between 1 and {MAX_TARGETS} target countries, not {len(targets)}")
    dimensions = _checks.keys(
        dimensions, "dimensions", DIMENSIONS, example=str(list(DIMENSIONS[:4])), what="dimension"
    )
    if not dimensions:
        raise ValueError(f"dimensions must name at least one of {', '.join(DIMENSIONS)}")

    label_style = {"description_width": "initial"}
    home_box = widgets.Dropdown(
        options=options, value=home_code, description="Home country", style=label_style
    )
    target_box = widgets.SelectMultiple(
        options=options,
        value=tuple(target_codes),
        rows=6,
        description="Compare with (Ctrl-click, or tap, for several)",
        style=label_style,
    )
    dims_box = widgets.ToggleButtons(
        options=[("All six dimensions", tuple(dimensions)), ("Original four", DIMENSIONS[:4])],
        value=tuple(dimensions),
        description="Index on",
        # The label sits beside its buttons, as the other controls' labels do.
        style=label_style,
    )
    message = widgets.HTML()
    chart = widgets.Output()
    table_out = widgets.Output()
    fig = new_figure(figsize=(7.5, 3.8))

    def update(*_: object) -> None:
        chosen = [c for c in target_box.value if c != home_box.value][:MAX_TARGETS]
        if not chosen:
            message.value = "<em>Pick at least one country other than the home country.</em>"
            return
        message.value = (
            f"Kogut–Singh distance from <strong>{countries.name(home_box.value)}</strong> "
            f"(0 = identical profile; larger = more distant)."
        )
        draw_profiles(fig, home_box.value, chosen, table)
        summary = distance_summary(home_box.value, chosen, table, dims_box.value)
        names = ", ".join(countries.name(c) for c in chosen)
        show_figure(
            chart,
            fig,
            alt=f"Grouped bars of the six Hofstede scores of {countries.name(home_box.value)} "
            f"(home) and {names}.",
        )
        show_table(table_out, summary)

    for control in (home_box, target_box, dims_box):
        control.observe(update, names="value")
    update()
    box = widgets.VBox(
        [widgets.HBox([home_box, target_box]), dims_box, message, table_out, chart],
        layout=widgets.Layout(width="100%"),
    )
    box.update = update  # exposed so tests can drive it directly
    box.figure = fig
    box.controls = {"home": home_box, "targets": target_box, "dimensions": dims_box}
    box.outputs = {"chart": chart, "table": table_out, "message": message}
    return box
