"""Local Sphinx extension: keep every page self-contained and free of console errors.

* Sphinx 7 can list the same inline script twice (for example sphinx-thebe's
  ``const THEBE_JS_URL = ...``), which throws "Identifier has already been declared" in the
  browser; drop exact duplicates from the page's script list.
"""

from __future__ import annotations

from typing import Any

__all__ = ["setup"]


def _dedupe_scripts(app, pagename, templatename, context, doctree) -> None:  # noqa: ANN001
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[str, str]] = set()
    unique = []
    for script in scripts:
        # An inline script is registered once with filename None and once with '': same script.
        key = (
            str(getattr(script, "filename", script) or ""),
            str(getattr(script, "attributes", {}).get("body", "")),
        )
        if key in seen:
            continue
        seen.add(key)
        unique.append(script)
    scripts[:] = unique


def setup(app) -> dict[str, Any]:  # noqa: ANN001
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
