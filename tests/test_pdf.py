"""The PDF of the book: built by the LaTeX builder, complete, readable, and linked from the
intro page of the site.

The test command builds it (``scripts/test`` runs the ``pdflatex`` builder after the HTML
build); when it is missing, the fixture builds it here, so these tests are never skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from filelock import FileLock
from pypdf import PdfReader
from test_site import toc_files

ROOT = Path(__file__).resolve().parents[1]
SITE_PDF = ROOT / "_build" / "html" / "going-global.pdf"
LATEX_PDF = ROOT / "_build" / "latex" / "going-global.pdf"


def _chapters() -> list[Path]:
    return [ROOT / f"{name}.md" for name in toc_files(with_root=False)]


def _title(page: Path) -> str:
    lines = page.read_text(encoding="utf-8").splitlines()
    if lines and lines[0] == "---":  # skip the front matter, whose YAML may hold "# " comments
        lines = lines[lines.index("---", 1) + 1 :]
    for line in lines:
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"{page} has no '# ' title")


def _normalise(text: str) -> str:
    # PDF text comes back with hyphenation, ligatures and odd spacing: compare letters only.
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl")
    return re.sub(r"[^a-z]", "", text.lower())


@pytest.fixture(scope="module")
def pdf(built_site: Path) -> PdfReader:
    with FileLock(ROOT / "_build" / ".pdf-build.lock"):  # one build under pytest -n
        _build_pdf_if_missing()
    return PdfReader(SITE_PDF)


def _build_pdf_if_missing() -> None:
    if not SITE_PDF.exists():
        subprocess.run(
            [shutil.which("jupyter-book") or "jupyter-book", "build", str(ROOT)]
            + ["--builder", "pdflatex", "-W", "-n", "--keep-going", "-q"],
            check=True,
            cwd=ROOT,
        )
        shutil.copy(LATEX_PDF, SITE_PDF)


@pytest.fixture(scope="module")
def pdf_text(pdf: PdfReader) -> str:
    return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_pdf_is_the_book(pdf: PdfReader) -> None:
    assert pdf.metadata is not None and pdf.metadata.title == "Going Global"
    # 14 chapters with figures, a glossary and a bibliography: well over a hundred pages.
    assert len(pdf.pages) > 100


def test_every_chapter_and_reference_page_is_in_the_pdf(pdf_text: str) -> None:
    text = _normalise(pdf_text)
    missing = [_title(page) for page in _chapters() if _normalise(_title(page)) not in text]
    assert not missing, f"chapters missing from the PDF: {missing}"


def test_pdf_has_figures(pdf: PdfReader) -> None:
    pages_with_images = sum(1 for page in pdf.pages if page.images)
    # Every chapter but the capstone draws at least one figure from the data.
    assert pages_with_images >= 13


def test_widgets_become_a_note_not_python_repr(built_site: Path, pdf_text: str) -> None:
    # The LaTeX builder can only print a widget's text fallback ("VBox(children=(...") unless
    # book/_ext/print_widgets.py replaces it by a note pointing to the web book.
    assert "VBox(children" not in pdf_text
    assert "HBox(children" not in pdf_text
    # One note per widget the web book shows.
    widgets_on_site = sum(
        # the widget views, not the lazy loader's script that names their type
        page.read_text(encoding="utf-8").count(
            '<script type="application/vnd.jupyter.widget-view+json">'
        )
        for page in (built_site / "book").glob("*.html")
    )
    assert widgets_on_site >= 13
    notes = _normalise(pdf_text).count(_normalise("Interactive model: this control panel"))
    assert notes == widgets_on_site


def test_bibliography_is_in_the_pdf(pdf_text: str) -> None:
    text = _normalise(pdf_text)
    # Two works cited in the chapters, with their authors, as the bibliography prints them.
    for author, title in [
        ("Johanson", "The internationalization process of the firm"),
        ("Kogut and Harbir Singh", "The effect of national culture on the choice of entry mode"),
    ]:
        assert _normalise(author) in text and _normalise(title) in text, (author, title)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def test_intro_page_links_to_the_pdf(built_site: Path, pdf: PdfReader) -> None:
    intro = built_site / "book" / "intro.html"
    parser = _Links()
    parser.feed(intro.read_text(encoding="utf-8"))
    pdf_links = [h for h in parser.hrefs if h.endswith(".pdf")]
    assert pdf_links, "the intro page has no link to the PDF"
    for href in pdf_links:
        assert (intro.parent / href).resolve() == SITE_PDF.resolve(), href


def test_collapsed_code_is_not_printed() -> None:
    # hide-input / hide-cell cells are closed toggles on the web page; the LaTeX builder would
    # print their code, so print_widgets drops it (a hide-input cell keeps its output).
    import sys

    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    from print_widgets import DropHiddenCodeForPrint

    def cell(tags: list[str], name: str) -> nodes.container:
        source = nodes.container(nb_element="cell_code_source")
        source += nodes.literal_block(text=f"code of {name}")
        output = nodes.container(nb_element="cell_code_output")
        output += nodes.paragraph(text=f"output of {name}")
        return nodes.container(
            "", source, output, nb_element="cell_code", cell_metadata={"tags": tags}
        )

    doc = new_document("page", get_default_settings(Parser))
    doc += [cell(["hide-cell"], "setup"), cell(["hide-input"], "figure"), cell([], "shown")]
    DropHiddenCodeForPrint(doc).run()
    text = doc.astext()
    assert "setup" not in text
    assert "code of figure" not in text and "output of figure" in text
    assert "code of shown" in text and "output of shown" in text
