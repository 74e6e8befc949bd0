"""Widgets that answer on the static page: serve the states their builders precomputed.

Before any notebook runs, this sets ``COURSEKIT_WIDGET_STATES`` to ``_build/widget-states``; a
widget builder declared with ``coursekit.widgets._states.static_states`` then writes its states
there while the page's notebook executes (so the notebook execution cache caches them too: a
prose-only rebuild re-runs nothing). After the HTML build, the states of every widget that a page
shows (its box carries the class ``cw-states-<key>``) are copied to
``_static/widget-states/<key>/``, where the page's renderer fetches them when a control changes.
A page whose widget has no precomputed states, or a state file over the size budget, is a build
warning (an error under ``-W``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

ENV = "COURSEKIT_WIDGET_STATES"  # the same name as coursekit.widgets._states.ENV
MAX_FILE_BYTES = 60_000
_KEY = re.compile(r"cw-states-([A-Za-z0-9_]+-[0-9a-f]{10})")


def _states_folder(app: Sphinx) -> Path:
    return Path(app.outdir).parent / "widget-states"


def _set_folder(app: Sphinx) -> None:
    folder = _states_folder(app)
    folder.mkdir(parents=True, exist_ok=True)
    os.environ[ENV] = str(folder)


def _copy_states(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = _states_folder(app)
    target = Path(app.outdir) / "_static" / "widget-states"
    shutil.rmtree(target, ignore_errors=True)
    summary = {}
    for page in sorted(Path(app.outdir).rglob("*.html")):
        for key in sorted(set(_KEY.findall(page.read_text(encoding="utf-8")))):
            states = source / key
            if not (states / "manifest.json").exists():
                logger.warning(
                    "%s: widget %s has no precomputed states in %s; its notebook was cached "
                    "before the states were declared: clear the cache (jupyter-book clean .) "
                    "and build again",
                    page.name,
                    key,
                    source,
                    type="static_widgets",
                )
                continue
            shutil.copytree(states, target / key, dirs_exist_ok=True)
            files = [f for f in states.iterdir() if f.name != "manifest.json"]
            for f in files:
                if f.stat().st_size > MAX_FILE_BYTES:
                    logger.warning(
                        "%s: state file %s is %d bytes (budget %d)",
                        key,
                        f.name,
                        f.stat().st_size,
                        MAX_FILE_BYTES,
                        type="static_widgets",
                    )
            manifest = json.loads((states / "manifest.json").read_text())
            summary[key] = {
                "page": page.relative_to(app.outdir).as_posix(),
                "states": len(manifest["states"]),
                "files": len(files),
                "bytes": sum(f.stat().st_size for f in files),
                "largest_file_bytes": max((f.stat().st_size for f in files), default=0),
                "seconds": manifest["seconds"],
            }
    # For BENCHMARKS.md and the tests: what was precomputed, how big, how long.
    (source / "summary.json").write_text(json.dumps(summary, indent=1))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _set_folder)
    app.connect("build-finished", _copy_states)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
