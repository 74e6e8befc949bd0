"""Browser tests of the built book: served on 127.0.0.1 and driven in Chromium by Playwright."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SITE = Path(__file__).resolve().parents[1] / "_build" / "html"
SKIP_DIRS = {
    "_static",
    "_sources",
    "_images",
    "_sphinx_design_static",
    "_panels_static",
    "jupyter_execute",
}


# Scroll to the page's first widget, as a reader does: the page fetches its widget renderer only
# when a widget nears the screen (book/_ext/lazy_assets.py), and the renderer then draws every
# widget of the page.
SHOW_WIDGETS = """() => {
  const view = document.querySelector(
    'script[type="application/vnd.jupyter.widget-view+json"]');
  if (view) (view.closest('.cell') || view.parentElement).scrollIntoView();
}"""


def show_widgets(page) -> None:
    """Scroll to the page's first widget (SHOW_WIDGETS), with a sync Playwright page."""
    page.evaluate(SHOW_WIDGETS)


def built_pages() -> list[str]:
    if not SITE.exists():
        # Collected before the site exists (pytest run without scripts/test): the built_site
        # fixture builds it; list the pages the table of contents promises instead.
        return ["index.html"]
    pages = []
    for path in sorted(SITE.rglob("*.html")):
        rel = path.relative_to(SITE)
        if SKIP_DIRS & set(rel.parts):
            continue
        pages.append(rel.as_posix())
    return pages


@pytest.mark.parametrize("page_path", built_pages())
def test_page_loads_cleanly(watched_page, site_url, page_path):
    response = watched_page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    assert response is not None and response.ok, f"{page_path}: HTTP {response and response.status}"
    assert watched_page.problems.all() == [], page_path


def toc_files(*, with_root: bool = True) -> list[str]:
    """The pages _toc.yml lists, as paths without suffix (e.g. "book/ch10_culture")."""
    import yaml

    toc = yaml.safe_load((SITE.parents[1] / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] if with_root else []
    for part in toc.get("parts", []):
        files += [c["file"] for c in part["chapters"]]
    return files


def test_every_toc_page_was_built(built_site):
    missing = [f for f in toc_files() if not (built_site / f"{f}.html").exists()]
    assert missing == []


def test_sidebar_leads_to_culture_chapter(watched_page, site_url):
    watched_page.goto(f"{site_url}/book/intro.html")
    nav = watched_page.locator("nav.bd-docs-nav")
    nav.get_by_role("link", name=re.compile("Culture and cultural distance")).click()
    expect(watched_page).to_have_url(re.compile(r"ch10_culture\.html"))
    expect(
        watched_page.get_by_role(
            "heading", level=1, name=re.compile("Culture and cultural distance")
        )
    ).to_be_visible()
    assert watched_page.problems.all() == []


def test_search_finds_kogut(watched_page, site_url):
    watched_page.goto(f"{site_url}/search.html?q=Kogut")
    results = watched_page.locator("#search-results ul.search li")
    expect(results.first).to_be_visible(timeout=15_000)
    hrefs = [a.get_attribute("href") for a in watched_page.locator("#search-results a").all()]
    assert any("ch10_culture" in (h or "") for h in hrefs), hrefs
    assert watched_page.problems.all() == []


def test_culture_chapter_shows_prose_figure_and_widget(watched_page, site_url, artifacts):
    watched_page.set_viewport_size({"width": 1280, "height": 900})
    watched_page.goto(f"{site_url}/book/ch10_culture.html", wait_until="networkidle")
    figure = watched_page.locator("figure#fig-ch10-profiles img")
    expect(figure).to_be_visible()
    assert "Germany" in (figure.get_attribute("alt") or "")
    # The widget renders from its saved state: the home-country dropdown and the chart.
    show_widgets(watched_page)
    widget = watched_page.locator(".jupyter-widgets.widget-vbox").first
    widget.scroll_into_view_if_needed()
    expect(widget).to_be_visible(timeout=15_000)
    expect(widget.locator("select").first).to_be_visible()
    expect(widget.locator("img").first).to_be_visible()
    # MathJax loads when a formula comes near the screen (book/_ext/lazy_assets.py).
    watched_page.locator("div.math").first.scroll_into_view_if_needed()
    expect(watched_page.locator("mjx-container").first).to_be_attached(timeout=20_000)
    watched_page.screenshot(path=str(artifacts / "ch10_culture.png"), full_page=True)
    assert watched_page.problems.all() == []


def test_header_icons_draw_without_the_font_awesome_script(watched_page, site_url):
    # book/_static/scripts/fontawesome.js replaces the theme's 1.5 MB SVG-in-JS icon script
    # with a comment: the theme's stylesheet and web fonts must then draw every icon.
    watched_page.goto(f"{site_url}/book/ch10_culture.html", wait_until="networkidle")
    assert watched_page.locator("svg.svg-inline--fa").count() == 0  # the script did not run
    icons = watched_page.locator(".article-header-buttons i[class*='fa-']")
    assert icons.count() >= 3  # launch, repository, download, full screen
    for i in range(icons.count()):
        icon = icons.nth(i)
        if not icon.is_visible():
            continue
        drawn = icon.evaluate(
            """el => {
                const before = getComputedStyle(el, '::before');
                const family = before.fontFamily;
                const weight = before.fontWeight;
                return {
                    content: before.content,
                    family,
                    loaded: document.fonts.check(`${weight} 16px ${family}`),
                    width: el.getBoundingClientRect().width,
                };
            }"""
        )
        assert drawn["content"] not in ("", "none", "normal"), drawn
        assert "Font Awesome" in drawn["family"], drawn
        assert drawn["loaded"] and drawn["width"] > 4, drawn
    assert watched_page.problems.all() == []


def test_mathjax_loads_only_where_there_is_maths(watched_page, site_url):
    # Sphinx would load MathJax (1.2 MB) on the intro page too, because its toctree holds the
    # chapters with formulas; book/_ext/lazy_assets.py keeps it to pages with maths.
    requested: list[str] = []
    watched_page.on("request", lambda request: requested.append(request.url))
    watched_page.goto(f"{site_url}/book/intro.html", wait_until="networkidle")
    assert not [url for url in requested if "mathjax" in url]
    watched_page.goto(f"{site_url}/book/ch10_culture.html", wait_until="networkidle")
    watched_page.locator("div.math").first.scroll_into_view_if_needed()
    expect(watched_page.locator("mjx-container").first).to_be_attached(timeout=20_000)
    assert [url for url in requested if "tex-chtml.js" in url]
    assert watched_page.problems.all() == []
