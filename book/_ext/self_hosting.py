"""Local Sphinx extension: every page is served from the site itself (no request to another
origin; docs/static-assets.md).

* Live Code (issue 17): sphinx-thebe's inline ``THEBE_JS_URL`` names thebe 0.8.2 on a CDN; it
  is pointed at ``_static/thebe-local.js``, which loads the vendored thebe 0.9.3
  (``_static/vendor/thebe-0.9.3``) when the reader presses the button, so no page loads
  anything from another origin before or after, but for thebe's requests to the Binder
  service.
* A build-time guard: a warning (so ``jupyter-book build -W`` fails) when a page would load
  something from another origin: a script or stylesheet given by URL (a CDN default coming
  back, e.g. myst-nb's ``nb_ipywidgets_js`` or Sphinx's ``mathjax_path``), an external
  favicon or logo, a ``src=`` to another origin in the page body (an image, iframe or script
  in an output), an inline ``THEBE_JS_URL`` that still names another origin, or a saved
  widget whose JavaScript module is not in the vendored widget renderer (it would be fetched
  from a CDN). Other inline scripts are not inspected.
* Also a warning when vendored files are in ``html_js_files`` / ``html_css_files``:
  jupyter-book 1 adds every ``*.js``/``*.css`` under every ``html_static_path`` to every page
  as soon as a ``_static/`` folder exists next to ``_config.yml`` (all of MathJax's extensions
  and the widget renderer on every page).

It warns as well when a hook finds nothing to act on where it expects something (subtype
``missing``): sphinx-thebe is loaded but a page has no inline ``THEBE_JS_URL``, or has one in
a form the rewrite does not recognise; a page lists no script or stylesheet to check; a saved
widget state cannot be read.

Configuration (``conf.py`` / ``sphinx: config:``): ``self_hosting_allowed_origins``: origins
that may be used anyway, e.g. ``["https://example.org"]``. Warnings have type
``self_hosting`` and subtypes ``external``, ``widget_module``, ``global`` and ``missing``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from _page_assets import attributes, filename, inline_script, is_inline
from sphinx.util import logging

__all__ = ["check_page", "self_host_thebe", "setup"]

logger = logging.getLogger(__name__)

# Widget modules built into the site's widget renderer, js/course-widgets (ipywidgets 8 core).
BUILTIN_WIDGET_MODULES = frozenset(
    {"@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/output"}
)
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"
THEBE_SHIM = "_static/thebe-local.js"
_THEBE_JS_URL = re.compile(r'(const THEBE_JS_URL = )"([^"]*)"')
_EXTERNAL_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//")
_BODY_SRC = re.compile(r"""\bsrc\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.IGNORECASE)
_QUOTED_URL = re.compile(r"""["']((?:https?:)?//[^"'\s]+)["']""")


def _allowed(app: Any) -> list[str]:
    return list(app.config.self_hosting_allowed_origins or [])


def _is_external(url: str, allowed: list[str]) -> bool:
    if not _EXTERNAL_URL.match(url):
        return False
    return not any(url.startswith(origin.rstrip("/") + "/") for origin in allowed)


def _warn(message: str, pagename: str, subtype: str = "external") -> None:
    logger.warning(message, location=pagename, type="self_hosting", subtype=subtype)


def self_host_thebe(pagename: str, context: dict, allowed: list[str], expected: bool) -> None:
    """Point sphinx-thebe's ``THEBE_JS_URL`` at the site's own Live Code loader. ``expected``:
    sphinx-thebe is loaded, so the page should have the inline script."""
    scripts = context.get("script_files") or []
    shim = context["pathto"](THEBE_SHIM, 1) if "pathto" in context else THEBE_SHIM
    found = 0
    for i, js in enumerate(scripts):
        attrs = attributes(js)
        body = str(attrs.get("body") or "")
        if not is_inline(js) or "THEBE_JS_URL" not in body:
            continue
        found += 1
        body, rewritten = _THEBE_JS_URL.subn(lambda m: m.group(1) + json.dumps(shim), body)
        if not rewritten:
            _warn(
                "an inline script names THEBE_JS_URL in a form the rewrite does not "
                f"recognise (sphinx-thebe updated?): {body[:80]}",
                pagename,
                subtype="missing",
            )
        attrs["body"] = body
        scripts[i] = inline_script(js, **attrs)
        for url in _QUOTED_URL.findall(body):
            if _is_external(url, allowed):
                _warn(f"Live Code would load thebe from another origin: {url}", pagename)
    if expected and not found:
        _warn(
            "sphinx-thebe is loaded but the page has no inline THEBE_JS_URL to point at "
            f"{THEBE_SHIM} (sphinx-thebe updated?)",
            pagename,
            subtype="missing",
        )


def _check_widget_state(body: str, pagename: str) -> None:
    try:
        state = json.loads(body).get("state", {})
    except (ValueError, AttributeError):
        _warn("a saved widget state it cannot read (not JSON)", pagename, subtype="missing")
        return
    modules = set()
    for model in state.values():
        for key in ("model_module", "view_module"):
            module = (model or {}).get(key)
            if module and module not in BUILTIN_WIDGET_MODULES:
                modules.add(module)
    for module in sorted(modules):
        _warn(
            f"widget module {module!r} is not in the vendored widget renderer; "
            "readers' browsers would fetch it from a CDN",
            pagename,
            subtype="widget_module",
        )


def check_page(pagename: str, context: dict, allowed: list[str]) -> None:
    """The guard: warn about anything on the page that would come from another origin."""
    if not context.get("script_files") and not context.get("css_files"):
        _warn("the page lists no script or stylesheet to check", pagename, subtype="missing")
    for name in ("script_files", "css_files"):
        for asset in context.get(name) or []:
            file = filename(asset)
            attrs = attributes(asset)
            if file and _is_external(file, allowed):
                _warn(f"{name[:-6]} from another origin: {file}", pagename)
            if not file and attrs.get("type") == WIDGET_STATE_TYPE:
                _check_widget_state(str(attrs.get("body", "")), pagename)
    for name in ("favicon_url", "logo_url"):
        url = context.get(name)
        if url and _is_external(str(url), allowed):
            _warn(f"{name[:-4]} from another origin: {url}", pagename)
    for url in sorted(set(_BODY_SRC.findall(context.get("body") or ""))):
        if _is_external(url, allowed):
            _warn(f"page content loads from another origin: {url}", pagename)


def _check_global_assets(app: Any) -> None:
    for name in ("html_js_files", "html_css_files"):
        vendored = [
            str(entry[0] if isinstance(entry, (tuple, list)) else entry)
            for entry in getattr(app.config, name, None) or []
        ]
        vendored = [f for f in vendored if f.startswith("vendor/")]
        if vendored:
            logger.warning(
                f"{len(vendored)} vendored files are in {name} and so load on every page "
                f"(e.g. {vendored[0]}); is there a _static/ folder next to _config.yml? "
                "jupyter-book then adds every file under html_static_path",
                type="self_hosting",
                subtype="global",
            )


def _rewrite(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    self_host_thebe(pagename, context, _allowed(app), "sphinx_thebe" in app.extensions)


def _guard(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    check_page(pagename, context, _allowed(app))


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("self_hosting_allowed_origins", [], "html", types=[list])
    app.connect("builder-inited", _check_global_assets)
    # The rewrite first (900, after the handlers that add per-page assets at 500); the guard
    # last (904), after prune_widget_state (901), lazy_assets (902) and dedupe_assets (903),
    # so it checks what the page will load.
    app.connect("html-page-context", _rewrite, priority=900)
    app.connect("html-page-context", _guard, priority=904)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
