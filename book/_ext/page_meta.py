"""Local Sphinx extension: a ``<meta name="description">`` on every page, for search engines and
link previews (Lighthouse SEO audit "meta-description").

The description is the page's first paragraph of prose (after the title), cut at a word
boundary to at most 160 characters. Generated pages without prose (the index, search) get their
title and the root page's first paragraph. A page whose front matter already sets ``html_meta``
``description`` keeps its own.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes

__all__ = ["setup", "describe"]

LIMIT = 160


def describe(text: str, limit: int = LIMIT) -> str:
    """``text`` on one line, cut at the last word boundary before ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"


def _first_paragraph(doctree: nodes.document) -> str:
    for para in doctree.findall(nodes.paragraph):
        # Skip paragraphs inside admonitions (the chapter "Overview" box) and captions.
        if any(isinstance(p, (nodes.Admonition, nodes.caption)) for p in _ancestors(para)):
            continue
        text = para.astext().strip()
        if len(text) >= 40:
            return text
    return ""


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    out = []
    while node.parent is not None:
        node = node.parent
        out.append(node)
    return out


def _book_description(app: Any) -> str:
    """The root page's first paragraph: the description of pages without prose of their own."""
    try:
        return _first_paragraph(app.env.get_doctree(app.config.root_doc))
    except Exception:
        return ""


def _add_description(app: Any, pagename: str, templatename: str, context: dict, doctree) -> None:
    if 'name="description"' in context.get("metatags", ""):
        return
    if doctree is None:
        # Generated pages (the index, search): their title and what the book is.
        book = _book_description(app)
        title = html.unescape(str(context.get("title") or "")).strip()
        text = describe(f"{title} of {app.config.project}. {book}" if title else book)
    else:
        text = describe(_first_paragraph(doctree))
    if text:
        tag = f'<meta name="description" content="{html.escape(text, quote=True)}" />\n'
        context["metatags"] = context.get("metatags", "") + tag


def setup(app: Any) -> dict[str, Any]:
    app.connect("html-page-context", _add_description)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
