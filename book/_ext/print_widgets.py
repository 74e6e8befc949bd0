"""Local Sphinx extension: in the PDF, say where to find each interactive widget.

A widget's saved output has two forms: the widget view (drawn by the widget manager on the
web page) and a ``text/plain`` fallback, which is the widget's Python repr
(``VBox(children=(HBox(...``). The LaTeX builder can only print the fallback, which means
nothing to a reader. For builders other than HTML, this replaces every output that holds a
widget view with a short note pointing to the web book, Binder and Colab.

It runs before myst-nb's ``SelectMimeType`` (priority 4), which picks one form per output.

It also keeps collapsed code out of print. A ``hide-input`` cell (a figure's or widget's code,
there for Live Code) and a ``hide-cell`` cell (the setup, and computations the shown cells need)
are closed toggles on the web page; myst-nb turns them into toggles for HTML only, so the LaTeX
builder would print every such cell's code. For builders other than HTML the code of a
``hide-input`` cell is dropped (its output stays) and a ``hide-cell`` cell is dropped whole,
as the web page shows them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

__all__ = ["setup"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NOTE = (
    "Interactive model: this control panel works in the web version of the book, where the "
    "sliders and menus respond to you, and in this chapter's notebook launched on Binder or "
    "Colab (the rocket button at the top of each web page)."
)


class ReplaceWidgetsForPrint(SphinxPostTransform):
    default_priority = 3  # before myst-nb's SelectMimeType (4)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for bundle in list(self.document.findall(nodes.container)):
            if bundle.get("nb_element") != "mime_bundle":
                continue
            if not any(child.get("mime_type") == WIDGET_VIEW for child in bundle.children):
                continue
            note = nodes.note("", nodes.paragraph("", NOTE))
            bundle.replace_self(note)


class DropHiddenCodeForPrint(SphinxPostTransform):
    default_priority = 3
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for cell in list(self.document.findall(nodes.container)):
            if cell.get("nb_element") != "cell_code":
                continue
            tags = set((cell.get("cell_metadata") or {}).get("tags") or ())
            if "hide-cell" in tags:
                cell.parent.remove(cell)
            elif "hide-input" in tags:
                for child in list(cell.children):
                    if child.get("nb_element") == "cell_code_source":
                        cell.remove(child)


def setup(app) -> dict[str, Any]:
    app.add_post_transform(ReplaceWidgetsForPrint)
    app.add_post_transform(DropHiddenCodeForPrint)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
