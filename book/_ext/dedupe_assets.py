"""Local Sphinx extension: a page lists each script and stylesheet once.

Sphinx 7.4 lists an inline script registered by an extension after the builder started
twice, once with file name ``None`` and once with ``""``: ``app.add_js_file`` adds it to the
builder's list and to the registry, and ``StandaloneHTMLBuilder.prepare_writing`` adds the
registry's entries again with ``filename or ""`` (seen for sphinx-thebe's and
sphinx-togglebutton's inline scripts, on every page). sphinx-thebe's
``const THEBE_JS_URL = ...`` then runs twice and the browser reports "Identifier
'THEBE_JS_URL' has already been declared" (docs/static-assets.md, pitfall 2). Exact
duplicates are dropped from each page's ``script_files`` and ``css_files``.

When a whole build drops nothing, a warning (type ``dedupe_assets``, subtype ``missing``)
says so: either Sphinx no longer duplicates and this extension can go, or the lists have
changed shape and it no longer sees them. (Not under parallel writing, where pages are
written in other processes and the count is not known here.)
"""

from __future__ import annotations

from typing import Any

from _page_assets import attributes, filename
from sphinx.util import logging

__all__ = ["dedupe", "setup"]

logger = logging.getLogger(__name__)


def _key(asset: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    # An inline script is listed once with filename None and once with "": the same script.
    return filename(asset), tuple(sorted((str(k), str(v)) for k, v in attributes(asset).items()))


def dedupe(assets: list[Any]) -> int:
    """Drop exact duplicates from ``assets`` in place, keeping the first; how many went."""
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    unique = []
    for asset in assets:
        key = _key(asset)
        if key in seen:
            continue
        seen.add(key)
        unique.append(asset)
    dropped = len(assets) - len(unique)
    assets[:] = unique
    return dropped


def _page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    counts = app.builder.__dict__.setdefault("_dedupe_assets_counts", {"pages": 0, "dropped": 0})
    counts["pages"] += 1
    for name in ("script_files", "css_files"):
        counts["dropped"] += dedupe(context.get(name) or [])


def _build_finished(app: Any, exception: Exception | None) -> None:
    counts = getattr(app.builder, "_dedupe_assets_counts", None)
    if exception is not None or not counts or app.parallel > 1:
        return
    if counts["pages"] and not counts["dropped"]:
        logger.warning(
            f"no duplicate script or stylesheet on any of {counts['pages']} pages: if Sphinx "
            "no longer lists inline scripts twice, remove book/_ext/dedupe_assets.py",
            type="dedupe_assets",
            subtype="missing",
        )


def setup(app: Any) -> dict[str, Any]:
    # After the other rewrites of the lists (900-902), before the self_hosting guard (904),
    # so that the guard reports each asset once.
    app.connect("html-page-context", _page_context, priority=903)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
