"""Put a figure, a table or HTML into an ``Output`` widget in one state change.

Setting ``Output.outputs`` directly (instead of ``with out: display(...)``) works the same in a
live kernel, in a test without a kernel, and in the saved widget state that the static book
shows; a single assignment does not flicker; and figures go in as ``<img>`` with alt text, which
screen readers need and accessibility checkers demand.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

__all__ = [
    "new_figure",
    "show_figure",
    "show_html",
    "show_table",
    "figure_html",
    "explorer_box",
]


# forwarded to matplotlib.figure.Figure, whose signature types each keyword
def new_figure(**kwargs: Any) -> Figure:
    """A figure for a widget, *not* registered with pyplot: a later ``plt.show()`` in the same
    notebook must not display it a second time (as it would a ``plt.figure()``)."""
    return Figure(**kwargs)


def figure_html(fig: Figure, alt: str) -> str:
    """The figure as an ``<img>`` tag (PNG, embedded) with ``alt`` text."""
    buf = io.BytesIO()
    # Twice the pixel density, shown at the figure's own size: sharp on high-density screens.
    fig.savefig(buf, format="png", dpi=2 * fig.dpi, metadata={"Software": None})
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    width = round(fig.get_figwidth() * fig.dpi)
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
        f'width="{width}" style="max-width:100%;height:auto">'
    )


def show_html(output: widgets.Output, markup: str, text: str = "") -> None:
    output.outputs = (
        {
            "output_type": "display_data",
            "data": {"text/html": markup, "text/plain": text or "(HTML output)"},
            "metadata": {},
        },
    )


def show_figure(output: widgets.Output, fig: Figure, alt: str) -> None:
    """Replace the contents of ``output`` with ``fig``, described by ``alt``."""
    show_html(output, figure_html(fig, alt), text=alt)


def show_table(output: widgets.Output, table: pd.DataFrame, *, precision: int = 2) -> None:
    """Replace the contents of ``output`` with ``table`` as an HTML table (no index)."""
    styled = table.style.hide(axis="index").format(precision=precision)
    styled = styled.set_table_styles(
        [{"selector": "th, td", "props": [("padding", "0.2em 0.9em"), ("text-align", "left")]}]
    )
    markup = styled.to_html()
    show_html(output, markup, text=table.to_string(index=False))


def explorer_box(
    rows: Sequence[widgets.Widget],
    *,
    update: Callable[..., object],
    figure: Figure,
    state: dict[str, object],
    controls: Mapping[str, widgets.Widget],
    outputs: Mapping[str, widgets.Widget],
) -> widgets.VBox:
    """``rows`` stacked full width, with the hooks tests drive attached to the box: ``update``,
    ``figure``, ``state``, ``controls`` and ``outputs``."""
    box = widgets.VBox(list(rows), layout=widgets.Layout(width="100%"))
    box.update = update  # exposed so tests can drive it directly
    box.figure = figure
    box.state = state
    box.controls = controls
    box.outputs = outputs
    return box
