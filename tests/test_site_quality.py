"""Quality of the built site: accessibility (axe-core), internal links and anchors, widgets from
saved state, and readable layouts on a phone and at 200% zoom."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from conftest import PageProblems
from playwright.sync_api import expect
from site_survey import result, selected_pages, survey
from test_site import SHOW_WIDGETS, SITE, built_pages

pytestmark = pytest.mark.browser
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag in ("a", "link") and a.get("href"):
            self.hrefs.append(a["href"])
        if tag in ("img", "script") and a.get("src"):
            self.hrefs.append(a["src"])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def test_internal_links_and_anchors_resolve(built_site, artifacts):
    pages = [built_site / p for p in built_pages()]
    parsed = {p: _parse(p) for p in pages}
    broken, external = [], set()
    for page, links in parsed.items():
        for href in links.hrefs:
            if href.startswith(("mailto:", "javascript:", "data:")):
                continue
            if urlparse(href).scheme in ("http", "https"):
                external.add(href)
                continue
            target_ref, anchor = urldefrag(href)
            target_ref = target_ref.split("?", 1)[0]
            target = (page.parent / unquote(target_ref)).resolve() if target_ref else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)} → {href} (no such file)")
                continue
            if anchor and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(anchor) not in ids:
                    broken.append(f"{page.relative_to(built_site)} → {href} (no such anchor)")
    (artifacts / "external-links.txt").write_text("\n".join(sorted(external)) + "\n")
    assert broken == []


# Rendered widgets (checked in test_every_widget_renders_from_saved_state) and their controls.
RENDERED = ".jupyter-widgets.widget-vbox, .jupyter-widgets.widget-hbox"
CONTROLS = (
    ".widget-dropdown select, .widget-slider, .widget-select-multiple select, "
    ".widget-toggle-buttons, .widget-checkbox, .widget-text input, .widget-button"
)


def _visit(site_url: str, page_path: str, widgets: bool):
    """One load of a page (Playwright's default 1280x720 window) serving both browser tests of
    this file: on a widget page, the widgets drawn from saved state (with the console errors,
    page errors and failed or foreign requests seen until then), then axe on the whole page,
    drawn widgets included."""

    async def visit(page) -> dict:
        problems = PageProblems(origin=site_url)
        problems.attach(page)
        await page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
        found: dict = {}
        if widgets or await page.evaluate("() => !!window.courseLoadWidgets"):
            await page.evaluate(SHOW_WIDGETS)
            views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]')
            found["n_views"] = await views.count()
            found["not_drawn"] = found["controls_missing"] = None
            try:
                await page.locator(RENDERED).first.wait_for(state="visible", timeout=20_000)
            except Exception as error:
                found["not_drawn"] = str(error).splitlines()[0]
            try:
                await page.locator(CONTROLS).first.wait_for(state="visible", timeout=5_000)
            except Exception as error:
                found["controls_missing"] = str(error).splitlines()[0]
            found["problems"] = problems.all()
            # axe checks the drawn widgets too
            await page.locator(".cell_output .jupyter-widgets").first.wait_for(timeout=20_000)
            await page.wait_for_load_state("networkidle")
        await page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        found["axe"] = await page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        return found

    return visit


@pytest.fixture(scope="module")
def loads(request, browser_type_launch_args, site_url) -> dict:
    """Every page loaded once, several at a time (tests/site_survey.py)."""
    with_widgets = set(widget_pages())
    jobs = {
        p: ({}, _visit(site_url, p, p in with_widgets))
        for p in dict.fromkeys([*built_pages(), *with_widgets])
        if p in selected_pages(request)
    }
    return survey(browser_type_launch_args, jobs)


@pytest.mark.parametrize("page_path", built_pages())
def test_no_serious_accessibility_violations(loads, page_path):
    axe = result(loads, page_path)["axe"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['target']}"
        for v in axe["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{page_path}: " + json.dumps(serious, indent=1)


def test_figures_have_alt_text(built_site):
    missing = []
    for rel in built_pages():
        html = (built_site / rel).read_text(encoding="utf-8", errors="replace")
        for img in re.findall(r"<img\b[^>]*>", html):
            alt = re.search(r'\balt="([^"]*)"', img)
            if "_images/" in img and (alt is None or len(alt.group(1).strip()) < 15):
                missing.append(f"{rel}: {img[:120]}")
    assert missing == []


def widget_pages() -> list[str]:
    return [
        p
        for p in built_pages()
        if SITE.exists()
        and "application/vnd.jupyter.widget-view+json"
        in (SITE / p).read_text(encoding="utf-8", errors="replace")
    ]


@pytest.mark.parametrize("page_path", widget_pages() or ["book/ch10_culture.html"])
def test_every_widget_renders_from_saved_state(loads, page_path):
    found = result(loads, page_path)
    assert found.get("n_views", 0) >= 1, f"{page_path} has no widget view"
    assert found["not_drawn"] is None, f"{page_path}: no widget drawn: {found['not_drawn']}"
    assert found["controls_missing"] is None, (
        f"{page_path}: no widget control visible: {found['controls_missing']}"
    )
    assert found["problems"] == [], f"{page_path}: {found['problems']}"


@pytest.mark.parametrize(
    ("name", "viewport", "zoom"),
    [
        ("phone", {"width": 390, "height": 844}, 1.0),
        # Browser zoom at 200% on a 1280x900 window: half as many CSS pixels, each drawn twice
        # as large, so the page reflows through its media queries as it would for a reader.
        ("intro-200pct", {"width": 640, "height": 450}, 2.0),
    ],
)
def test_readable_on_phone_and_at_200_percent(browser, site_url, artifacts, name, viewport, zoom):
    context = browser.new_context(viewport=viewport, device_scale_factor=zoom)
    page = context.new_page()
    page.goto(f"{site_url}/book/intro.html", wait_until="networkidle")
    heading = page.get_by_role("heading", level=1, name="Going Global")
    expect(heading).to_be_visible()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=False)
    context.close()
    assert overflow <= 5, f"the page scrolls sideways by {overflow}px"


def test_icon_fonts_are_subset_but_keep_every_icon_the_site_uses(built_site):
    # book/_ext/icon_subset.py cuts Font Awesome's fonts to the icons in use; a glyph missing
    # from the subset would draw as an empty box.
    import sys

    from fontTools.ttLib import TTFont

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
    import icon_subset

    fonts = sorted((built_site / icon_subset.WEBFONTS).glob("*.woff2"))
    assert len(fonts) == 3, fonts
    glyphs = set()
    for font in fonts:
        glyphs |= set(TTFont(font).getBestCmap())
    table, direct = icon_subset.icon_table(list((built_site / "_static").rglob("*.css")))
    assert len(table) > 1000 and direct, "the theme's Font Awesome table was not found"
    html_icons = set()
    for page in built_site.rglob("*.html"):
        html_icons |= set(re.findall(r'class="[^"]*\bfa-([a-z0-9-]+)', page.read_text()))
    used = {name for name in html_icons if name in table}
    assert {"rocket", "github", "download"} <= used, used  # the chapter header's buttons
    missing = {name: table[name] for name in used if not table[name] & glyphs}
    assert not missing, f"icons used on the site but cut from the fonts: {missing}"
    assert direct <= glyphs, "icons the theme's CSS uses directly were cut"
    # The point of it: the three fonts together stay small (the full ones are about 275 KB).
    assert sum(f.stat().st_size for f in fonts) < 30_000
