"""Local Sphinx extension: cut the theme's Font Awesome web fonts down to the icons the site uses.

pydata-sphinx-theme draws its icons (launch, repository, download, search, theme switch,
admonition titles ...) with Font Awesome 6's CSS and web fonts: about 275 KB of woff2 that
every page downloads for a dozen glyphs. After an HTML build, this replaces each copied
``_static/vendor/fontawesome/webfonts/*.woff2`` in the output with a subset (fontTools)
holding only:

* the icons named by a ``fa-<name>`` class anywhere in the built pages or their scripts,
  mapped to code points through the theme's stylesheet (``.fa-<name>:before{content:"\\f..."}``);
* every Font Awesome code point the stylesheets use directly (e.g. the admonition icons in
  ``--pst-icon-*`` variables, written as literal private-use characters).

``tests/test_site_quality.py`` checks that every icon class used on the site has its glyph in
the subset fonts, and the browser tests check that the icons draw.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.util import logging

__all__ = ["setup", "icons_in_use", "icon_table"]

logger = logging.getLogger(__name__)

WEBFONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_TABLE_SELECTOR = re.compile(r"^\.fa-([a-z0-9-]+)::?before$")
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,5})")
_CLASS = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _code_points(declarations: str) -> set[int]:
    points = {int(h, 16) for h in _ESCAPE.findall(declarations)}
    points |= {ord(c) for c in _PRIVATE_USE.findall(declarations)}
    return {p for p in points if 0xE000 <= p <= 0xF8FF}


def icon_table(css_files: list[Path]) -> tuple[dict[str, set[int]], set[int]]:
    """(icon name -> code points, code points the stylesheets use outside that table)."""
    table: dict[str, set[int]] = {}
    direct: set[int] = set()
    for css in css_files:
        text = css.read_text(encoding="utf-8", errors="replace")
        for selectors, declarations in _RULE.findall(text):
            points = _code_points(declarations)
            if not points:
                continue
            names = [_TABLE_SELECTOR.match(s.strip()) for s in selectors.split(",")]
            if all(names):
                for match in names:
                    table.setdefault(match.group(1), set()).update(points)
            else:
                direct |= points
    return table, direct


def icons_in_use(outdir: Path) -> set[str]:
    """Every ``fa-<name>`` in the built pages and in the scripts they load."""
    used: set[str] = set()
    scripts = (outdir / "_static").rglob("*.js")
    # MathJax's own scripts name no Font Awesome icon; skipping them saves reading 7 MB.
    files = list(outdir.rglob("*.html")) + [js for js in scripts if "mathjax" not in js.as_posix()]
    for path in files:
        used |= set(_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return used


def _subset(app, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    fonts = sorted((outdir / WEBFONTS).glob("*.woff2"))
    if not fonts:
        return
    from fontTools import subset
    from fontTools.ttLib import TTFont

    css_files = list((outdir / "_static").rglob("*.css"))
    table, direct = icon_table(css_files)
    keep = set(direct)
    for name in icons_in_use(outdir):
        keep |= table.get(name, set())
    for font_path in fonts:
        font = TTFont(font_path)
        has = set(font.getBestCmap())
        if len(has) <= len(keep & has):  # already a subset (an incremental build)
            continue
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(keep & has))
        subsetter.subset(font)
        before = font_path.stat().st_size
        font.flavor = "woff2"
        font.save(font_path)
        logger.info(
            f"icon_subset: {font_path.name}: {len(keep & has)} of {len(has)} icons, "
            f"{before // 1024} KB -> {font_path.stat().st_size // 1024} KB"
        )


def setup(app) -> dict[str, Any]:
    app.connect("build-finished", _subset)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
