"""Local Sphinx extension: keep every page self-contained (no request to another origin) and
free of console errors.

* Sphinx 7 can list the same inline script twice (for example sphinx-thebe's
  ``const THEBE_JS_URL = ...``), which throws "Identifier 'THEBE_JS_URL' has already been
  declared" in the browser. Exact duplicates are dropped from the page's script and
  stylesheet lists.
* A build-time guard: a warning (so ``jupyter-book build -W`` fails) when a page would load
  something from another origin: a script or stylesheet given by URL (a CDN default coming
  back, e.g. myst-nb's ``nb_ipywidgets_js`` or Sphinx's ``mathjax_path``), an external
  favicon or logo, a ``src=`` to another origin in the page body (an image, iframe or script
  in an output), or a saved widget whose JavaScript module is not in the vendored widget
  manager (the manager would fetch it from a CDN). Also a warning when vendored files are in
  ``html_js_files`` / ``html_css_files``: jupyter-book 1 adds every ``*.js``/``*.css`` under
  every ``html_static_path`` to every page as soon as a ``_static/`` folder exists next to
  ``_config.yml`` (all of MathJax's extensions and the 4 MB widget manager on every page).

Light pages (issue 20; budgets in tests/test_page_weight.py):

* Every script file runs with ``defer`` (none blocks the first paint) but
  ``documentation_options.js``, which inline scripts in ``<head>`` need at once; the theme's
  search scripts are deferred in ``book/_templates/layout.html``.
* MathJax is fetched when a formula comes within a screen of the viewport, or before printing.
* Figures load lazily (``loading="lazy"``).
* The widget renderer is fetched when a widget comes within a screen of the viewport, or
  before printing.
* A page's saved widget state keeps only the models its widget views draw (the kernel also
  reports the copies the static-widget precomputation builds and closes), with its figures
  as palette PNGs.

Live Code (issue 17): sphinx-thebe's inline ``THEBE_JS_URL`` names thebe 0.8.2 on a CDN; it is
pointed at ``_static/thebe-local.js``, which loads the vendored thebe 0.9.3
(``_static/vendor/thebe-0.9.3``) when the reader presses the button, so no page loads anything
from another origin before or after, but for thebe's requests to the Binder service. A warning
when an inline ``THEBE_JS_URL`` still names another origin. Other inline scripts are not
inspected.

Configuration (``conf.py`` / ``sphinx: config:``):
``local_assets_allowed_origins``: origins that may be used anyway, e.g.
``["https://example.org"]``. Warnings have type ``local_assets`` and subtypes ``external``,
``widget_module`` and ``global``.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from sphinx.util import logging

__all__ = ["setup"]

logger = logging.getLogger(__name__)

# Widget modules built into the site's widget renderer, js/course-widgets (ipywidgets 8 core).
BUILTIN_WIDGET_MODULES = frozenset(
    {"@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/output"}
)
WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"
_EXTERNAL_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//")
_BODY_SRC = re.compile(r"""\bsrc\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.IGNORECASE)


def _key(asset: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    # An inline script is registered once with filename None and once with '': same script.
    filename = str(getattr(asset, "filename", asset) or "")
    attributes = getattr(asset, "attributes", {}) or {}
    return filename, tuple(sorted((str(k), str(v)) for k, v in attributes.items()))


def _dedupe(assets: list[Any]) -> None:
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    unique = []
    for asset in assets:
        key = _key(asset)
        if key in seen:
            continue
        seen.add(key)
        unique.append(asset)
    assets[:] = unique


def _is_external(url: str, allowed: list[str]) -> bool:
    if not _EXTERNAL_URL.match(url):
        return False
    return not any(url.startswith(origin.rstrip("/") + "/") for origin in allowed)


def _warn(message: str, pagename: str, subtype: str = "external") -> None:
    logger.warning(message, location=pagename, type="local_assets", subtype=subtype)


def _check_widget_state(body: str, pagename: str) -> None:
    try:
        state = json.loads(body).get("state", {})
    except (ValueError, AttributeError):
        return
    modules = set()
    for model in state.values():
        for key in ("model_module", "view_module"):
            module = (model or {}).get(key)
            if module and module not in BUILTIN_WIDGET_MODULES:
                modules.add(module)
    for module in sorted(modules):
        _warn(
            f"widget module {module!r} is not in the vendored widget manager; "
            "readers' browsers would fetch it from a CDN",
            pagename,
            subtype="widget_module",
        )


def _drop_unneeded_mathjax(app, pagename: str, context: dict) -> None:
    """Sphinx loads MathJax on a page whose toctree includes a page with maths, so the root page
    (whose toctree holds every chapter) loaded 1.2 MB of MathJax for no formula. Keep it only on
    pages that have maths themselves."""
    if app.builder.format != "html" or not app.config.mathjax_path:
        return
    if app.env.get_domain("math").data.get("has_equations", {}).get(pagename, False):
        return
    scripts = context.get("script_files") or []
    mathjax = str(app.config.mathjax_path)
    scripts[:] = [js for js in scripts if mathjax not in str(getattr(js, "filename", js) or "")]


# MathJax (1.2 MB) is fetched when a formula comes within a screen's height of the viewport, or
# before printing, so that a page whose formulas sit far down shows its text without it.
_MATHJAX_LOADER = """(function () {
  var src = __SRC__, loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    document.head.appendChild(script);
  }
  function watch() {
    var maths = document.querySelectorAll("div.math, span.math");
    if (!maths.length) return;
    if (!("IntersectionObserver" in window)) return load();
    var near = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        near.disconnect();
        load();
      }
    }, { rootMargin: "100% 0px" });
    maths.forEach(function (m) { near.observe(m); });
  }
  window.courseLoadMathJax = load; // book/_static/widget-math.js: a widget label with math
  window.addEventListener("beforeprint", load);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();"""

# The widget renderer (1.3 MB unpacked, 0.35 MB sent) is fetched when a widget comes within a
# screen's height of the viewport, or before printing: a chapter opens with its text, and its
# widgets sit further down.
_WIDGETS_LOADER = """(function () {
  var src = __SRC__, loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = src;
    document.head.appendChild(script);
  }
  function watch() {
    var views = document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]');
    if (!views.length) return;
    if (!("IntersectionObserver" in window)) return load();
    var near = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        near.disconnect();
        load();
      }
    }, { rootMargin: "100% 0px" });
    views.forEach(function (v) { near.observe(v.closest(".cell") || v.parentElement); });
  }
  window.courseLoadWidgets = load;
  window.addEventListener("beforeprint", load);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();"""

_RENDERER = "course-widgets.js"


def _load_widgets_lazily(context: dict) -> None:
    """The page's widget renderer is fetched by the loader above instead of a script tag."""
    scripts = context.get("script_files") or []
    for i, js in enumerate(scripts):
        filename = str(getattr(js, "filename", js) or "")
        if filename.split("?")[0].endswith(_RENDERER):
            url = context["pathto"](filename, 1)
            scripts[i] = type(js)(
                None, priority=js.priority, body=_WIDGETS_LOADER.replace("__SRC__", json.dumps(url))
            )


# Scripts that must run while the page is parsed: inline scripts later in <head> assign to
# DOCUMENTATION_OPTIONS. It is under 1 KB.
_KEEP_BLOCKING = ("documentation_options.js",)


def _load_mathjax_lazily(app, context: dict) -> None:
    if app.builder.format != "html" or not app.config.mathjax_path:
        return
    scripts = context.get("script_files") or []
    mathjax = str(app.config.mathjax_path)
    for i, js in enumerate(scripts):
        filename = str(getattr(js, "filename", js) or "")
        if mathjax in filename:
            url = context["pathto"](filename, 1)  # filename is "_static/..."
            scripts[i] = type(js)(
                None, priority=js.priority, body=_MATHJAX_LOADER.replace("__SRC__", json.dumps(url))
            )


def _defer_scripts(context: dict) -> None:
    """Every script file the page loads runs after the page is parsed (``defer``, in document
    order), so none blocks the first paint; inline scripts stay where they are."""
    scripts = context.get("script_files") or []
    for i, js in enumerate(scripts):
        filename = str(getattr(js, "filename", js) or "")
        attributes = dict(getattr(js, "attributes", {}) or {})
        if not filename or filename.endswith(_KEEP_BLOCKING):
            continue
        if "async" in attributes or "defer" in attributes or attributes.get("type") == "module":
            continue
        attributes["defer"] = "defer"
        scripts[i] = type(js)(filename, priority=js.priority, **attributes)


_IMG_WITHOUT_LOADING = re.compile(r"<img (?![^>]*\bloading=)")


def _lazy_images(context: dict) -> None:
    """Figures are fetched as the reader scrolls near them. A chapter opens with its title,
    overview and prose, so no figure is in the first screen; the browser still fetches those
    within about a screen of the viewport at once."""
    body = context.get("body") or ""
    context["body"] = _IMG_WITHOUT_LOADING.sub('<img loading="lazy" ', body)


_VIEW_TAG = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', re.DOTALL
)
_MODEL_ID = re.compile(r"[0-9a-f]{32}")


def shown_widget_state(state: dict, view_ids: list[str]) -> dict:
    """The models of ``state`` that the page's widget views draw: the viewed models and every
    model they refer to (``IPY_MODEL_<id>`` references, widgets nested in outputs)."""
    models = state.get("state", {})
    keep: set[str] = set()
    todo = [i for i in view_ids if i in models]
    while todo:
        model_id = todo.pop()
        if model_id in keep:
            continue
        keep.add(model_id)
        todo += [i for i in _MODEL_ID.findall(json.dumps(models[model_id])) if i in models]
    return {**state, "state": {k: v for k, v in models.items() if k in keep}}


_PNG_DATA = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")


def _compact_pngs(text: str) -> str:
    """The widgets' saved figures as 256-colour palette PNGs, as their precomputed states are
    (coursekit.widgets._states.compact_png): about a quarter of the bytes."""
    try:
        from coursekit.widgets._states import compact_png
    except ImportError:  # building without coursekit importable: keep the PNGs as they are
        return text

    def compact(match: re.Match) -> str:
        data = base64.b64decode(match.group(1))
        return "data:image/png;base64," + base64.b64encode(compact_png(data)).decode("ascii")

    return _PNG_DATA.sub(compact, text)


def _prune_widget_state(context: dict) -> None:
    """Drop saved widget models that no view on the page draws. The kernel reports every widget
    it ever created, including the copies the static-widget precomputation builds and closes
    (src/coursekit/widgets/_states.py), which doubled each page's widget state with figures
    no reader sees."""
    view_ids = []
    for tag in _VIEW_TAG.findall(context.get("body") or ""):
        try:
            view_ids.append(json.loads(tag)["model_id"])
        except (ValueError, KeyError, TypeError):
            return  # a view we cannot read: keep everything
    scripts = context.get("script_files") or []
    for i, js in enumerate(scripts):
        attributes = dict(getattr(js, "attributes", {}) or {})
        if getattr(js, "filename", None) or attributes.get("type") != WIDGET_STATE_TYPE:
            continue
        try:
            state = json.loads(str(attributes.get("body", "")))
        except ValueError:
            continue
        if not view_ids:
            continue
        # Escaped as myst-nb escapes it, so the JSON cannot end its <script> early.
        body = _compact_pngs(json.dumps(shown_widget_state(state, view_ids)))
        attributes["body"] = body.replace("</script>", r"<\/script>")
        scripts[i] = type(js)(None, priority=js.priority, **attributes)


THEBE_SHIM = "_static/thebe-local.js"
_THEBE_JS_URL = re.compile(r'(const THEBE_JS_URL = )"([^"]*)"')


def _self_host_thebe(context: dict, pagename: str, allowed: list[str]) -> None:
    """Point sphinx-thebe's ``THEBE_JS_URL`` at the site's own Live Code loader."""
    scripts = context.get("script_files") or []
    shim = context["pathto"](THEBE_SHIM, 1) if "pathto" in context else THEBE_SHIM
    for i, js in enumerate(scripts):
        attributes = dict(getattr(js, "attributes", {}) or {})
        body = str(attributes.get("body") or "")
        if getattr(js, "filename", None) or "THEBE_JS_URL" not in body:
            continue
        body = _THEBE_JS_URL.sub(lambda m: m.group(1) + json.dumps(shim), body)
        attributes["body"] = body
        scripts[i] = type(js)(None, priority=js.priority, **attributes)
        for url in (m.group(2) for m in _THEBE_JS_URL.finditer(body)):
            if _is_external(url, allowed):
                _warn(f"Live Code would load thebe from another origin: {url}", pagename)


def _page_context(app, pagename, templatename, context, doctree) -> None:
    _self_host_thebe(context, pagename, list(app.config.local_assets_allowed_origins or []))
    _prune_widget_state(context)
    _drop_unneeded_mathjax(app, pagename, context)
    _load_mathjax_lazily(app, context)
    _load_widgets_lazily(context)
    _defer_scripts(context)
    _lazy_images(context)
    allowed = list(app.config.local_assets_allowed_origins or [])
    for name in ("script_files", "css_files"):
        assets = context.get(name)
        if not assets:
            continue
        _dedupe(assets)
        for asset in assets:
            filename = str(getattr(asset, "filename", asset) or "")
            attributes = getattr(asset, "attributes", {}) or {}
            if filename and _is_external(filename, allowed):
                _warn(f"{name[:-6]} from another origin: {filename}", pagename)
            if not filename and attributes.get("type") == WIDGET_STATE_TYPE:
                _check_widget_state(str(attributes.get("body", "")), pagename)
    for name in ("favicon_url", "logo_url"):
        url = context.get(name)
        if url and _is_external(str(url), allowed):
            _warn(f"{name[:-4]} from another origin: {url}", pagename)
    for url in sorted(set(_BODY_SRC.findall(context.get("body") or ""))):
        if _is_external(url, allowed):
            _warn(f"page content loads from another origin: {url}", pagename)


def _check_global_assets(app) -> None:
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
                type="local_assets",
                subtype="global",
            )


def setup(app) -> dict[str, Any]:
    app.add_config_value("local_assets_allowed_origins", [], "html", types=[list])
    # After the handlers that add per-page assets (myst-nb's widget scripts, MathJax) at 500.
    app.connect("builder-inited", _check_global_assets)
    app.connect("html-page-context", _page_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
