"""Local Sphinx extension: small repairs for readers (issue 20).

* Self-check solutions: sphinx-exercise titles them "Solution to" + a link whose text starts with
  a space (" Exercise 10.1"), so the link's underline starts one space early and the title reads
  "Solution to  Exercise". The space moves out of the link.
* The glossary (one long page of terms) gets an A-Z line that jumps to the first term of each
  letter.
* ``{citation-cff}``: how to cite the book, written from the repository's ``CITATION.cff`` (the
  file GitHub's "Cite this repository" reads), so the page and the file cannot disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

__all__ = ["setup", "initials", "citation_text", "bibtex"]


def _year(cff: dict) -> str:
    return str(cff.get("date-released", ""))[:4]


def _authors(cff: dict) -> list[str]:
    names = []
    for author in cff.get("authors", []):
        if "name" in author:
            names.append(str(author["name"]))
        else:
            names.append(
                " ".join(str(author[k]) for k in ("given-names", "family-names") if k in author)
            )
    return names


def citation_text(cff: dict) -> str:
    """A reference-list entry for the book from ``CITATION.cff`` (author-date style)."""
    authors = ", ".join(_authors(cff))
    version = f" (version {cff['version']})" if cff.get("version") else ""
    url = cff.get("url") or cff.get("repository-code") or ""
    return f"{authors} ({_year(cff)}). {cff['title']}{version}. {url}".strip()


def bibtex(cff: dict) -> str:
    """A BibTeX entry for the book from ``CITATION.cff``."""
    fields = {
        "author": "{" + " and ".join("{" + a + "}" for a in _authors(cff)) + "}",
        "title": "{" + str(cff["title"]) + "}",
        "year": "{" + _year(cff) + "}",
        "version": "{" + str(cff.get("version", "")) + "}",
        "url": "{" + str(cff.get("url") or cff.get("repository-code") or "") + "}",
    }
    body = ",\n".join(f"  {k:<7} = {v}" for k, v in fields.items() if v not in ("{}", "{{}}"))
    return f"@misc{{going_global_{_year(cff)},\n{body}\n}}"


class CitationCff(SphinxDirective):
    """How to cite the book: the reference and a BibTeX entry from ``CITATION.cff``."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        import yaml

        path = Path(self.env.app.confdir) / "CITATION.cff"
        self.env.note_dependency(str(path))
        cff = yaml.safe_load(path.read_text(encoding="utf-8"))
        # citation_text's parts, with the title in italics and the address a link.
        url = str(cff.get("url") or cff.get("repository-code") or "")
        version = f" (version {cff['version']})" if cff.get("version") else ""
        reference = nodes.paragraph(classes=["citation-cff"])
        reference += nodes.Text(f"{', '.join(_authors(cff))} ({_year(cff)}). ")
        reference += nodes.emphasis(text=str(cff["title"]))
        reference += nodes.Text(f"{version}. ")
        if url:
            reference += nodes.reference(url, url, refuri=url)
        entry = nodes.literal_block(bibtex(cff), bibtex(cff), language="bibtex")
        return [reference, nodes.paragraph(text="As a BibTeX entry:"), entry]


def _solution_titles(doctree: nodes.document) -> None:
    try:
        from sphinx_exercise.nodes import solution_node
    except ImportError:  # pragma: no cover - sphinx-exercise is a pinned dependency
        return
    for solution in doctree.findall(solution_node):
        title = solution.children[0] if solution.children else None
        if not isinstance(title, nodes.title) or len(title.children) < 2:
            continue
        lead, link = title.children[0], title.children[1]
        if not (isinstance(lead, nodes.Text) and isinstance(link, nodes.reference)):
            continue
        first = link.children[0] if link.children else None
        if isinstance(first, nodes.Text) and first.startswith(" "):
            link.replace(first, nodes.Text(first.lstrip()))
            title.replace(lead, nodes.Text(lead.rstrip() + " "))


def initials(terms: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(letter, id)`` of the first term under each initial letter, in alphabetical order;
    ``terms`` are ``(term text, id)`` pairs. Accents are folded (Ö under O)."""
    import unicodedata

    first: dict[str, str] = {}
    for text, term_id in terms:
        letter = unicodedata.normalize("NFKD", text.strip()[:1]).encode("ascii", "ignore")
        letter = letter.decode().upper() or text.strip()[:1].upper()
        first.setdefault(letter, term_id)
    return sorted(first.items())


def _glossary_jump_list(doctree: nodes.document) -> None:
    for glossary in list(doctree.findall(addnodes.glossary)):
        terms = [
            (term.astext(), term["ids"][0])
            for term in glossary.findall(nodes.term)
            if term.get("ids")
        ]
        letters = initials(terms)
        if len(letters) < 2:
            continue
        line = nodes.paragraph(classes=["glossary-letters"])
        for i, (letter, term_id) in enumerate(letters):
            if i:
                line += nodes.Text(" ")
            ref = nodes.reference("", letter, internal=True, refuri="#" + term_id)
            ref["reftitle"] = f"Terms starting with {letter}"
            line += ref
        nav = nodes.container(classes=["glossary-jump"])
        nav += line
        glossary.parent.insert(glossary.parent.index(glossary), nav)


def _doctree_resolved(app: Any, doctree: nodes.document, docname: str) -> None:
    _solution_titles(doctree)
    _glossary_jump_list(doctree)


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("citation-cff", CitationCff)
    app.connect("doctree-resolved", _doctree_resolved)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
