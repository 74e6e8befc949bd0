"""Local Sphinx extension: the launch targets of each chapter, from one table.

* Each chapter page ends with an "Exercise notebook" section: a download link to the exercise
  notebook served by the site (copied to ``exercises/`` in the HTML output), and links that
  open it on Binder and in Colab. The table is :func:`coursekit.launch.chapters`; the links
  come from :mod:`coursekit.project` (the one repository setting).
* The theme's "Launch > Colab" button points at the page's ``.md`` file, which Colab cannot
  open; on chapter pages it is pointed at the page's generated Colab notebook
  (``notebooks/chNN_slug.ipynb``) instead. The Binder button keeps the ``.md``: Binder's
  postBuild makes jupytext open it as a notebook.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util import logging

from coursekit import launch, project

__all__ = ["setup"]

logger = logging.getLogger(__name__)


def _table(app) -> dict[str, launch.Chapter]:
    return {c.docname: c for c in launch.chapters(Path(app.srcdir))}


def _link(text: str, uri: str) -> nodes.reference:
    return nodes.reference("", text, refuri=uri, internal=False)


def append_exercise_section(app, doctree: nodes.document) -> None:
    chapter = _table(app).get(app.env.docname)
    if chapter is None or chapter.exercise is None:
        return
    section = nodes.section(ids=["exercise-notebook"], names=["exercise notebook"])
    section += nodes.title("", "Exercise notebook")
    name = Path(chapter.exercise).name
    para = nodes.paragraph()
    para += nodes.Text(f"This chapter's exercises are in the notebook {name}: ")
    if app.builder.format == "html":
        # The page is book/chNN.html; the notebook is copied to exercises/ at the site root.
        para += _link("download it", f"../{chapter.exercise}")
        para += nodes.Text(", ")
    links = chapter.exercise_links
    para += _link("open it on Binder", links["binder"])
    para += nodes.Text(" or ")
    para += _link("open it in Colab", links["colab"])
    para += nodes.Text(
        ". Its first code cell installs coursekit where it is missing; "
        "each check tells you whether your answer is right."
    )
    section += para
    # Inside the chapter's own (first) section, so it is an h2 at the end of the chapter.
    main = doctree.next_node(nodes.section)
    (main if main is not None else doctree).append(section)


def point_colab_at_notebook(app, pagename: str, templatename, context: dict[str, Any], doctree):
    chapter = _table(app).get(pagename)
    if chapter is None:
        return
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []) if isinstance(group, dict) else []:
            if button.get("text") == "Colab":
                button["url"] = project.colab_url(chapter.notebook)


def copy_exercises(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir) / "exercises"
    out.mkdir(exist_ok=True)
    for chapter in _table(app).values():
        if chapter.exercise:
            shutil.copy2(Path(app.srcdir) / chapter.exercise, out / Path(chapter.exercise).name)


def setup(app) -> dict[str, Any]:
    app.connect("doctree-read", append_exercise_section)
    # After sphinx-book-theme builds its launch buttons (priority 501).
    app.connect("html-page-context", point_colab_at_notebook, priority=600)
    app.connect("build-finished", copy_exercises)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
