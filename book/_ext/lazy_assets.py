"""Local Sphinx extension: light pages (issue 20; budgets in tests/test_page_weight.py).

* MathJax stays only on pages that have maths themselves (Sphinx also puts it on a page whose
  toctree includes a page with maths: the root page loaded 1.2 MB for no formula).
* MathJax and the widget renderer are fetched when a formula or a widget comes within a
  screen's height of the viewport, or before printing: their script tag is replaced by an
  inline loader, ``lazy_load.js`` next to this file (one copy for both).
* Every script file runs with ``defer`` (none blocks the first paint) but
  ``documentation_options.js``, which inline scripts in ``<head>`` need at once; the theme's
  search scripts are left out in ``book/_templates/layout.html``.
* Figures load lazily (``loading="lazy"``).

Each hook warns (type ``lazy_assets``, subtype ``missing``; ``-W`` makes it an error) when it
finds nothing to act on where the page needs it, so that a Sphinx, myst-nb or theme update
that renames a file or changes the markup cannot make it stop silently:

* a page with maths whose script list has no MathJax (``mathjax_path``);
* a page with saved widget views whose script list has no widget renderer;
* a page whose script list has no ``documentation_options.js`` (the one script kept
  blocking) or no other script file to defer;
* a page whose document has images but whose body has no ``<img `` tag the rewrite
  recognises, or an ``<img`` tag left without ``loading``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from _page_assets import attributes, filename, inline_script
from docutils import nodes
from sphinx.util import logging

__all__ = ["loader", "setup"]

logger = logging.getLogger(__name__)

_LOADER_FILE = Path(__file__).with_name("lazy_load.js")
_ARGUMENTS = "__ARGUMENTS__"
# The widget renderer (js/course-widgets, vendored; nb_ipywidgets_js in _config.yml).
RENDERER = "course-widgets.js"
WIDGET_VIEW_TYPE = "application/vnd.jupyter.widget-view+json"
# What needs each script, and the global function that loads it at once.
MATHJAX_NEEDS = ("div.math, span.math", None, "courseLoadMathJax")
# A saved widget view is a <script> (not drawn): the loader watches its cell.
WIDGETS_NEED = (f'script[type="{WIDGET_VIEW_TYPE}"]', ".cell", "courseLoadWidgets")
# Scripts that must run while the page is parsed: inline scripts later in <head> assign to
# DOCUMENTATION_OPTIONS. It is under 1 KB.
KEEP_BLOCKING = ("documentation_options.js",)

_IMG = re.compile(r"<img\b", re.IGNORECASE)
_IMG_WITHOUT_LOADING = re.compile(r"<img (?![^>]*\bloading=)")
_IMG_UNHANDLED = re.compile(r"<img\b(?![^>]*\bloading=)[^>]*>", re.IGNORECASE)


def _loader_source() -> str:
    lines = _LOADER_FILE.read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("//"):  # the file's comment is not sent to readers
        lines.pop(0)
    source = "\n".join(lines)
    if source.count(_ARGUMENTS) != 1:
        raise RuntimeError(f"{_LOADER_FILE} must contain {_ARGUMENTS} exactly once")
    return source


_LOADER = _loader_source()


def loader(src: str, selector: str, box: str | None, name: str) -> str:
    """The inline script that fetches ``src`` when an element matching ``selector`` (or, with
    ``box``, its closest ``box``) nears the viewport, or when ``window[name]()`` is called."""
    arguments = ", ".join(json.dumps(a) for a in (src, selector, box, name))
    return _LOADER.replace(_ARGUMENTS, arguments)


def _warn(message: str, pagename: str) -> None:
    logger.warning(message, location=pagename, type="lazy_assets", subtype="missing")


def _has_maths(app: Any, pagename: str) -> bool:
    return bool(app.env.get_domain("math").data.get("has_equations", {}).get(pagename, False))


def drop_unneeded_mathjax(app: Any, pagename: str, context: dict) -> None:
    """MathJax only on pages with maths of their own."""
    if app.builder.format != "html" or not app.config.mathjax_path or _has_maths(app, pagename):
        return
    scripts = context.get("script_files") or []
    mathjax = str(app.config.mathjax_path)
    scripts[:] = [js for js in scripts if mathjax not in filename(js)]


def _replace_by_loader(context: dict, matches: Any, needs: tuple) -> int:
    """Replace each script file for which ``matches(filename)`` by the lazy loader; how many
    matched. A script from another origin keeps its tag, so that the self_hosting guard, which
    does not read inline scripts, still sees it."""
    scripts = context.get("script_files") or []
    found = 0
    for i, js in enumerate(scripts):
        name = filename(js)
        if name and matches(name):
            found += 1
            if "//" in name.split("?")[0]:
                continue
            url = context["pathto"](name, 1)  # name is "_static/..."
            scripts[i] = inline_script(js, body=loader(url, *needs))
    return found


def load_mathjax_lazily(app: Any, pagename: str, context: dict) -> None:
    if app.builder.format != "html" or not app.config.mathjax_path:
        return
    mathjax = str(app.config.mathjax_path)
    found = _replace_by_loader(context, lambda name: mathjax in name, MATHJAX_NEEDS)
    if not found and _has_maths(app, pagename):
        _warn(
            f"the page has maths but its scripts do not include MathJax ({mathjax}); "
            "nothing was made to load lazily",
            pagename,
        )


def load_widgets_lazily(pagename: str, context: dict) -> None:
    """The page's widget renderer is fetched by the loader instead of a script tag."""
    found = _replace_by_loader(
        context, lambda name: name.split("?")[0].endswith(RENDERER), WIDGETS_NEED
    )
    if not found and WIDGET_VIEW_TYPE in (context.get("body") or ""):
        _warn(
            f"the page shows saved widgets but its scripts do not include the widget renderer "
            f"{RENDERER} (nb_ipywidgets_js); nothing was made to load lazily",
            pagename,
        )


def defer_scripts(pagename: str, context: dict) -> None:
    """Every script file the page loads runs after the page is parsed (``defer``, in document
    order), so none blocks the first paint; inline scripts stay where they are."""
    scripts = context.get("script_files") or []
    kept = others = 0
    for i, js in enumerate(scripts):
        name = filename(js)
        attrs = attributes(js)
        if not name:
            continue
        if name.split("?")[0].endswith(KEEP_BLOCKING):
            kept += 1
            continue
        others += 1
        if "async" in attrs or "defer" in attrs or attrs.get("type") == "module":
            continue
        attrs["defer"] = "defer"
        scripts[i] = type(js)(name, priority=js.priority, **attrs)
    if not kept:
        _warn(
            f"the page's scripts do not include {', '.join(KEEP_BLOCKING)}, the script kept "
            "blocking for the inline scripts in <head>: has Sphinx renamed it?",
            pagename,
        )
    if not others:
        _warn("the page lists no script file to defer", pagename)


def lazy_images(pagename: str, context: dict, doctree: Any) -> None:
    """Figures are fetched as the reader scrolls near them. A chapter opens with its title,
    overview and prose, so no figure is in the first screen; the browser still fetches those
    within about a screen of the viewport at once."""
    body = context.get("body") or ""
    body = _IMG_WITHOUT_LOADING.sub('<img loading="lazy" ', body)
    context["body"] = body
    images = len(_IMG.findall(body))
    unhandled = _IMG_UNHANDLED.findall(body)
    if unhandled:
        _warn(
            f"{len(unhandled)} <img> tags the lazy-image rewrite did not recognise, "
            f"e.g. {unhandled[0][:80]}",
            pagename,
        )
    elif doctree is not None and not images and any(doctree.findall(nodes.image)):
        _warn("the page has images but its body has no <img> tag to load lazily", pagename)


def _page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    drop_unneeded_mathjax(app, pagename, context)
    load_mathjax_lazily(app, pagename, context)
    load_widgets_lazily(pagename, context)
    defer_scripts(pagename, context)
    lazy_images(pagename, context, doctree)


def setup(app: Any) -> dict[str, Any]:
    # After the handlers that add per-page assets (myst-nb's widget scripts, MathJax) at 500,
    # after self_hosting (900) and prune_widget_state (901).
    app.connect("html-page-context", _page_context, priority=902)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
