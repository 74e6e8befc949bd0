"""Light pages (issue 20): no script blocks the first paint, and what a page makes the browser
fetch when it opens stays within its budgets (sent and unpacked). MathJax, the widget renderer
and below-the-fold images wait until the reader scrolls near them."""

from __future__ import annotations

import asyncio
import gzip
import json
import re
from html.parser import HTMLParser

import pytest
from site_survey import result, selected_pages, survey
from test_site import SITE, built_pages, show_widgets

pytestmark = pytest.mark.browser

# What a page may make the browser fetch when it opens (no scrolling), counted as a static host
# such as GitHub Pages sends it: text gzip-compressed, images and fonts as they are.
SENT_BUDGET = 1_000_000
# The same files decompressed (issue 20): the widget renderer waits until a widget nears the
# screen, so a page opens within this too.
UNPACKED_BUDGET = 2_000_000
TEXT_TYPES = ("text/", "javascript", "json", "xml", "svg")
# Scripts allowed to run while the page is parsed: inline scripts in <head> assign to
# DOCUMENTATION_OPTIONS, which this file defines. Its size is checked, so the exception stays
# small.
MAY_BLOCK = {"documentation_options.js": 2_000}


class _HeadScripts(HTMLParser):
    """The external scripts in a page's <head>, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = True
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_head = False
        if tag == "script" and self.in_head:
            attributes = dict(attrs)
            if attributes.get("src"):
                self.scripts.append(attributes)


def blocking_scripts(html: str) -> list[str]:
    """The external scripts in <head> that the browser must fetch and run before it can paint:
    those without ``async``, ``defer`` or ``type="module"``."""
    parser = _HeadScripts()
    parser.feed(html)
    return [
        str(s["src"])
        for s in parser.scripts
        if "async" not in s and "defer" not in s and s.get("type") != "module"
    ]


def test_blocking_scripts_are_found():
    # The check itself: a plain <script src> in <head> is blocking; defer/async/module are not.
    html = (
        "<html><head><script src='a.js'></script><script defer src='b.js'></script>"
        "<script async='async' src='c.js'></script><script type='module' src='d.js'></script>"
        "<script>inline()</script></head><body><script src='e.js'></script></body></html>"
    )
    assert blocking_scripts(html) == ["a.js"]


@pytest.mark.parametrize("page_path", built_pages())
def test_no_script_blocks_rendering(built_site, page_path):
    path = built_site / page_path
    blocking = blocking_scripts(path.read_text(encoding="utf-8"))
    unexpected = []
    for src in blocking:
        name = src.split("?")[0].rsplit("/", 1)[-1]
        limit = MAY_BLOCK.get(name)
        file = (path.parent / src.split("?")[0]).resolve()
        if limit is None or not file.exists() or file.stat().st_size > limit:
            unexpected.append(src)
    assert unexpected == [], f"{page_path}: render-blocking scripts in <head>"


def _sent(body: bytes, kind: str) -> int:
    return len(gzip.compress(body, 6)) if any(t in kind for t in TEXT_TYPES) else len(body)


def _open(browser, site_url, page_path, width=1366):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    bodies: dict[str, tuple[bytes, str]] = {}

    def keep(response) -> None:
        if response.status == 200:
            try:
                bodies[response.url] = (response.body(), response.headers.get("content-type", ""))
            except Exception:
                pass

    page.on("response", keep)
    page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    page.wait_for_timeout(1000)  # what scripts fetch after the load (fonts)
    return context, page, bodies


# Every page on a laptop screen (where most of a page is near the first screen), and the three
# heaviest on a phone.
LOADS = [(p, 1366) for p in built_pages()] + [
    (f"book/{name}.html", 390)
    for name in ("ch06_success_factors", "ch09_market_selection", "ch10_culture")
]


def _initial_load(site_url: str, page_path: str):
    """What the browser fetches when the page opens, as _open counts it, with the async API."""

    async def visit(page) -> dict[str, tuple[bytes, str]]:
        bodies: dict[str, tuple[bytes, str]] = {}
        reads: list[asyncio.Task] = []

        async def keep(response) -> None:
            if response.status == 200:
                try:
                    bodies[response.url] = (
                        await response.body(),
                        response.headers.get("content-type", ""),
                    )
                except Exception:
                    pass

        page.on("response", lambda r: reads.append(asyncio.ensure_future(keep(r))))
        await page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
        await page.wait_for_timeout(1000)  # what scripts fetch after the load (fonts)
        await asyncio.gather(*reads)
        return bodies

    return visit


@pytest.fixture(scope="module")
def loads(request, browser_type_launch_args, site_url) -> dict:
    """Every load of LOADS in a fresh context, several at a time (tests/site_survey.py)."""
    jobs = {
        (page_path, width): (
            {"viewport": {"width": width, "height": 900}},
            _initial_load(site_url, page_path),
        )
        for page_path, width in LOADS
        if page_path in selected_pages(request)
    }
    return survey(browser_type_launch_args, jobs)


@pytest.mark.parametrize(("page_path", "width"), LOADS)
def test_initial_load_within_budget(loads, page_path, width):
    bodies = result(loads, (page_path, width))
    sent = sum(_sent(body, kind) for body, kind in bodies.values())
    heaviest = sorted(bodies, key=lambda url: -_sent(*bodies[url]))[:3]
    assert sent <= SENT_BUDGET, (
        f"{page_path} at {width} px sends {sent / 1e6:.2f} MB on opening "
        f"(budget {SENT_BUDGET / 1e6:.1f} MB); heaviest: {heaviest}"
    )
    unpacked = sum(len(body) for body, _ in bodies.values())
    assert unpacked <= UNPACKED_BUDGET, (
        f"{page_path} at {width} px fetches {unpacked / 1e6:.2f} MB unpacked on opening "
        f"(budget {UNPACKED_BUDGET / 1e6:.1f} MB); heaviest: {heaviest}"
    )


def test_mathjax_waits_until_the_reader_nears_a_formula(browser, site_url):
    # ch09's one equation sits far below the first screen: MathJax (about 0.26 MB sent) is not
    # fetched on opening, and is fetched and typesets the formula when the reader scrolls to it.
    context, page, bodies = _open(browser, site_url, "book/ch09_market_selection.html")
    assert not [url for url in bodies if "tex-chtml.js" in url]
    page.locator("div.math").first.scroll_into_view_if_needed()
    page.locator("mjx-container").first.wait_for(state="attached", timeout=20_000)
    assert [url for url in bodies if "tex-chtml.js" in url]
    context.close()


def test_widget_renderer_waits_until_the_reader_nears_a_widget(browser, site_url):
    # ch09's screener sits far below the first screen: the renderer (1.3 MB unpacked) is not
    # fetched on opening; scrolling to the widget fetches it and draws the widget.
    context, page, bodies = _open(browser, site_url, "book/ch09_market_selection.html")
    assert not [url for url in bodies if "course-widgets.js" in url]
    assert page.locator(".jupyter-widgets").count() == 0
    show_widgets(page)
    page.locator(".cell_output .jupyter-widgets").first.wait_for(timeout=20_000)
    assert [url for url in bodies if "course-widgets.js" in url]
    context.close()


def test_search_index_only_on_the_search_page(built_site):
    # The theme's search-as-you-type is off: other pages do not need searchindex.js (0.12 MB).
    for page in ("book/intro.html", "book/ch09_market_selection.html"):
        assert "searchindex.js" not in (built_site / page).read_text(encoding="utf-8")
    assert "searchindex.js" in (built_site / "search.html").read_text(encoding="utf-8")


def test_figures_load_lazily(built_site):
    html = (SITE / "book" / "ch09_market_selection.html").read_text(encoding="utf-8")
    images = html.split("<article", 1)[1].count("<img ")
    assert images >= 2
    assert html.count('<img loading="lazy" ') == images


def _ext(name: str):
    import importlib
    import sys

    sys.path.insert(0, str(SITE.parents[1] / "book" / "_ext"))
    return importlib.import_module(name)


def test_widget_state_keeps_only_what_the_views_draw():
    shown_widget_state = _ext("prune_widget_state").shown_widget_state
    a, b, c, d, e = (f"{i:032x}" for i in range(1, 6))
    state = {
        "version_major": 2,
        "state": {
            a: {"state": {"children": [f"IPY_MODEL_{b}"], "layout": f"IPY_MODEL_{c}"}},
            b: {"state": {"outputs": [{"data": {"x": {"model_id": d}}}]}},
            c: {"state": {}},
            d: {"state": {}},
            e: {"state": {"layout": f"IPY_MODEL_{c}"}},  # a copy no view draws
        },
    }
    kept = shown_widget_state(state, [a])
    assert set(kept["state"]) == {a, b, c, d}
    assert kept["version_major"] == 2
    assert shown_widget_state(state, [])["state"] == {}


@pytest.mark.parametrize("page_path", built_pages())
def test_pages_save_no_widget_model_that_no_view_draws(built_site, page_path):
    html = (built_site / page_path).read_text(encoding="utf-8")
    found = re.search(r'widget-state\+json">(.*?)</script>', html, re.DOTALL)
    if not found:
        return
    state = json.loads(found.group(1))
    views = [
        json.loads(v)["model_id"] for v in re.findall(r'widget-view\+json">(.*?)</script>', html)
    ]
    kept = _ext("prune_widget_state").shown_widget_state(state, views)
    assert set(kept["state"]) == set(state["state"])


def test_citation_from_citation_cff():
    reader_pages = _ext("reader_pages")
    cff = {
        "title": "A book",
        "authors": [{"name": "A team"}, {"given-names": "Ann", "family-names": "Lee"}],
        "version": "1.2.0",
        "date-released": "2026-11-22",
        "repository-code": "https://example.org/repo",
    }
    assert reader_pages.citation_text(cff) == (
        "A team, Ann Lee (2026). A book (version 1.2.0). https://example.org/repo"
    )
    entry = reader_pages.bibtex(cff)
    assert entry.startswith("@misc{going_global_2026,")
    assert "author  = {{A team} and {Ann Lee}}" in entry and "version = {1.2.0}" in entry


def test_how_to_cite_page_agrees_with_citation_cff(built_site):
    import yaml

    cff = yaml.safe_load((SITE.parents[1] / "CITATION.cff").read_text(encoding="utf-8"))
    html = (built_site / "book" / "how_to_cite.html").read_text(encoding="utf-8")
    assert f"version {cff['version']}" in html
    assert str(cff["date-released"])[:4] in html and cff["repository-code"] in html


def test_glossary_has_an_a_to_z_line(built_site):
    initials = _ext("reader_pages").initials
    assert initials([("Öresund", "t1"), ("Agent", "t2"), ("Adaptation", "t3")]) == [
        ("A", "t2"),
        ("O", "t1"),
    ]
    html = (built_site / "book" / "glossary.html").read_text(encoding="utf-8")
    line = html.split('class="glossary-letters"', 1)[1].split("</p>", 1)[0]
    targets = re.findall(r'href="#(term-[^"]+)"', line)
    assert len(targets) >= 15
    assert all(f'id="{t}"' in html for t in targets)


def test_solution_titles_have_one_space_before_their_link(built_site):
    html = (built_site / "book" / "ch10_culture.html").read_text(encoding="utf-8")
    assert "Solution to<a" not in html and '"> Exercise' not in html
    assert re.search(
        r'Solution to <a class="reference internal" href="#[^"]+">Exercise 10\.1</a>', html
    )
