"""Live Code (Thebe): the cells the built page exposes to Thebe are every code cell the page
shows, in order; in Chromium, pressing Live Code loads thebe from the site itself, and all of
them run, in order, in a fresh kernel standing in for Binder's."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from launch_support import CHAPTERS, ROOT, jupyter_server

from coursekit import launch


def _shown_code_cells(page: Path) -> list[str]:
    """The code cells a page shows (all but ``remove-cell`` and ``remove-input``: the answers
    kept behind a toggle), as Thebe should get them."""
    import jupytext

    nb = jupytext.read(page)
    hidden = {"remove-cell", "remove-input"}
    return [
        c.source.strip()
        for c in nb.cells
        if c.cell_type == "code" and not hidden & set(c.metadata.get("tags", []))
    ]


def thebe_cells(html: str) -> list[str]:
    """The code Thebe would run on this page: sphinx-thebe's selector (read from the page),
    the first element matching its input selector inside each match, in document order."""
    selector = re.search(r'const thebe_selector = "([^"]+)"', html).group(1)
    selector_input = re.search(r'const thebe_selector_input = "([^"]+)"', html).group(1)
    soup = BeautifulSoup(html, "html.parser")
    cells = []
    for element in soup.select(selector):
        code = element.select_one(selector_input)
        if code is not None:
            cells.append(code.get_text())
    return cells


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.page for c in CHAPTERS])
def test_thebe_gets_every_shown_cell_in_order(chapter, built_site):
    html = (built_site / f"{chapter.docname}.html").read_text(encoding="utf-8")
    cells = thebe_cells(html)
    assert cells, "Thebe finds no code on this page"
    assert "import" in cells[0], "the setup comes first"
    # Thebe gets every code cell the page shows, and nothing else (an output's <pre> would
    # become a "cell" if a cell's input were removed). That these cells run, in this order, in
    # a fresh kernel is test_live_code_runs_the_chapter_with_a_kernel (through thebe itself).
    shown = _shown_code_cells(ROOT / chapter.page)
    assert [c.strip() for c in cells] == shown, "a shown cell's code is not on the page"


# ---- Live Code in the browser: thebe from the site itself, a kernel in place of Binder's ------


@pytest.fixture(scope="module")
def live_code_server(site_url, tmp_path_factory):
    """A Jupyter server on 127.0.0.1 that stands in for the one Binder would start: it accepts
    the book's pages (site_url) as an origin, like a Binder server accepts any. Its root is a
    copy of book/, as the kernel path in the pages' thebe config (./book) expects."""
    tmp = tmp_path_factory.mktemp("live-code")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "HOME": str(tmp),
    }
    served = tmp / "repo"
    shutil.copytree(ROOT / "book", served / "book", ignore=shutil.ignore_patterns("_*"))
    token = "live-code-test"
    with jupyter_server(
        ["jupyter-server"], root=served, env=env, log=tmp / "server.log", token=token,
        extra=[f"--ServerApp.allow_origin={site_url}"],
    ) as base:  # fmt: skip
        yield base, token


def _press_live_code(page, site_url: str, chapter: launch.Chapter, binder) -> list[str]:
    """Open the chapter, press the launch menu's Live Code button; every request to another
    origin but the Binder service is aborted, the Binder service answers with ``binder``.
    Returns every URL the page asked for."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.route(lambda url: url.startswith(BINDER_SERVICE), binder)
    page.route(lambda url: not url.startswith((*LOCAL, BINDER_SERVICE)), lambda r: r.abort())
    page.goto(f"{site_url}/{chapter.docname}.html", wait_until="networkidle")
    before = [u for u in asked if not u.startswith((site_url, "data:", "blob:"))]
    assert before == [], f"requests to another origin before Live Code: {before}"
    page.locator("button[aria-label='Launch interactive content']").first.click()
    page.locator("button.btn-launch-thebe").first.click()
    return asked


BINDER_SERVICE = "https://mybinder.org/"
# This machine (the site; the server that stands in for Binder's) and what a page makes itself.
LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:")


def _assert_every_cell_is_an_editor(page, html: str) -> None:
    """The page's Thebe cells became CodeMirror editors holding the cells' code, in order,
    and none is read-only."""
    cells = thebe_cells(html)
    editors = page.locator(".thebe-cell .CodeMirror")
    editors.nth(len(cells) - 1).wait_for(state="attached", timeout=60_000)
    assert editors.count() == len(cells)
    codes = page.evaluate(
        """() => [...document.querySelectorAll('.thebe-cell .CodeMirror')].map(e => ({
            code: e.CodeMirror.getValue(), readOnly: e.CodeMirror.getOption('readOnly')}))"""
    )
    assert [c["code"].strip() for c in codes] == [c.strip() for c in cells]
    assert not any(c["readOnly"] for c in codes)


# With Binder unreachable, one chapter is enough: the editors and the self-hosted thebe do not
# depend on the chapter, and every chapter's editors are checked with a kernel below (one page
# load per chapter instead of two; BENCHMARKS.md, "The test command").
@pytest.mark.browser
def test_live_code_loads_thebe_from_the_site_and_makes_cells_editable_without_binder(
    page, site_url, built_site
):
    (chapter,) = [c for c in CHAPTERS if c.page == "book/ch10_culture.md"]
    # Binder is unreachable here: its build endpoint is refused, as a blocked network would.
    asked = _press_live_code(page, site_url, chapter, lambda route: route.abort())
    _assert_every_cell_is_an_editor(
        page, (built_site / f"{chapter.docname}.html").read_text(encoding="utf-8")
    )
    foreign = [u for u in asked if not u.startswith(LOCAL)]
    assert foreign and all(u.startswith(BINDER_SERVICE) for u in foreign), foreign
    assert any(u.startswith(f"{site_url}/_static/vendor/thebe-0.9.3/") for u in asked)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.page for c in CHAPTERS])
def test_live_code_runs_the_chapter_with_a_kernel(
    chapter, page, site_url, live_code_server, artifacts
):
    base, token = live_code_server
    ready = json.dumps({"phase": "ready", "url": f"{base}/", "token": token, "message": "stub"})

    def binder(route):
        route.fulfill(
            status=200,
            headers={"Content-Type": "text/event-stream", "Access-Control-Allow-Origin": "*"},
            body=f"data: {ready}\n\n",
        )

    asked = _press_live_code(page, site_url, chapter, binder)
    page.wait_for_function("() => window.thebe && window.thebe.session", timeout=120_000)
    page.evaluate("async () => { await window.thebe.notebook.executeAll(); }")
    runs = page.evaluate(
        """() => window.thebe.notebook.cells.map(c => ({
            count: c.executionCount,
            errors: (c.outputs || []).filter(o => o.output_type === 'error')
                .map(o => o.ename + ': ' + o.evalue)}))"""
    )
    if chapter.page == "book/ch10_culture.md":
        page.screenshot(path=str(artifacts / "live_code_ch10_culture.png"))
    html = (ROOT / "_build" / "html" / f"{chapter.docname}.html").read_text(encoding="utf-8")
    _assert_every_cell_is_an_editor(page, html)
    assert any(u.startswith(f"{site_url}/_static/vendor/thebe-0.9.3/") for u in asked)
    assert len(runs) == len(thebe_cells(html))
    assert [r["errors"] for r in runs if r["errors"]] == []
    assert all(r["count"] for r in runs), runs
    foreign = [u for u in asked if not u.startswith(LOCAL)]
    assert all(u.startswith(BINDER_SERVICE) for u in foreign), foreign
