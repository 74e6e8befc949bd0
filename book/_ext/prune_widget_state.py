"""Local Sphinx extension: a page's saved widget state keeps only the models its widget views
draw, with its figures as palette PNGs (issue 20; tests/test_page_weight.py).

The kernel reports every widget it ever created, including the copies the static-widget
precomputation builds and closes (src/coursekit/widgets/_states.py), which doubled each page's
widget state with figures no reader sees.

The hook warns (type ``widget_state``, subtype ``missing``; ``-W`` makes it an error) when it
finds nothing to act on where it expects something, so that a myst-nb update that changes how
widgets are written cannot make it stop silently: a page whose body names widget views none
of which it can read, a page with widget views but no saved state in its script list, a saved
state it cannot read, or a saved state with no widget view on the page.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from _page_assets import attributes, inline_script, is_inline
from sphinx.util import logging

__all__ = ["prune_widget_state", "setup", "shown_widget_state"]

logger = logging.getLogger(__name__)

WIDGET_STATE_TYPE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW_TYPE = "application/vnd.jupyter.widget-view+json"
_VIEW_TAG = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', re.DOTALL
)
_MODEL_ID = re.compile(r"[0-9a-f]{32}")
_PNG_DATA = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")


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


def _warn(message: str, pagename: str) -> None:
    logger.warning(message, location=pagename, type="widget_state", subtype="missing")


def prune_widget_state(pagename: str, context: dict) -> None:
    """Drop saved widget models that no view on the page draws."""
    body = context.get("body") or ""
    scripts = context.get("script_files") or []
    states = [
        i
        for i, js in enumerate(scripts)
        if is_inline(js) and attributes(js).get("type") == WIDGET_STATE_TYPE
    ]
    tags = _VIEW_TAG.findall(body)
    if WIDGET_VIEW_TYPE in body and not tags:
        _warn(
            "the page's body names widget views but has no "
            f'<script type="{WIDGET_VIEW_TYPE}"> tag to read them from; state kept whole',
            pagename,
        )
        return
    view_ids = []
    for tag in tags:
        try:
            view_ids.append(json.loads(tag)["model_id"])
        except (ValueError, KeyError, TypeError):
            _warn(f"a widget view it cannot read: {tag.strip()[:80]}; state kept whole", pagename)
            return
    if view_ids and not states:
        _warn(
            f"the page shows {len(view_ids)} widget views but its scripts hold no saved "
            f"widget state ({WIDGET_STATE_TYPE})",
            pagename,
        )
    for i in states:
        js = scripts[i]
        attrs = attributes(js)
        try:
            state = json.loads(str(attrs.get("body", "")))
        except ValueError:
            _warn("a saved widget state it cannot read (not JSON); kept whole", pagename)
            continue
        if not view_ids:
            _warn("saved widget state but no widget view on the page; kept whole", pagename)
            continue
        # Escaped as myst-nb escapes it, so the JSON cannot end its <script> early.
        text = _compact_pngs(json.dumps(shown_widget_state(state, view_ids)))
        attrs["body"] = text.replace("</script>", r"<\/script>")
        scripts[i] = inline_script(js, **attrs)


def _page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    prune_widget_state(pagename, context)


def setup(app: Any) -> dict[str, Any]:
    # After myst-nb adds the page's widget state (500), before lazy_assets (902) and the
    # self_hosting guard (904), which checks the pruned state's widget modules.
    app.connect("html-page-context", _page_context, priority=901)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
