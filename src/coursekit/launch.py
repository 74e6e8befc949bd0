"""Launch targets of the book: the Colab notebooks and the exercise links of each chapter.

Colab opens only ``.ipynb`` files, and a chapter page (``book/chNN_slug.md``, MyST) needs the
book build (``from myst_nb import glue``). So each chapter page gets a generated twin,
``notebooks/chNN_slug.ipynb``: the same cells, with

* an install cell first that installs the tagged release of ``coursekit`` matching the book
  (:data:`coursekit.project.PIP_SPEC`), checks the import works and stops with a clear message
  if it does not;
* ``from myst_nb import glue`` replaced by a small stand-in (:data:`GLUE_STAND_IN`): in the
  book, ``glue`` stores a value for the prose; outside the build nothing reads it, so the
  stand-in only shows the value when ``display=True`` (what ``glue`` does in a live kernel).

The notebooks are committed (Colab reads them from GitHub) and kept in sync like the
exercises: ``python -m coursekit.launch`` writes them, ``python -m coursekit.launch --check``
fails when one drifts from its page (``tests/test_launch.py`` runs the check).

:func:`chapters` is the one table of chapter -> exercise notebook that the book's exercise
links (``book/_ext/exercise_links.py``) and the tests use.

Live Code (Thebe) runs the code cells a page shows, in order, in a fresh kernel, so a page must
show every cell the cells it shows depend on. :func:`live_code_tags` rewrites a page's cell tags
for that: ``remove-input`` becomes ``hide-input`` (the code is there, collapsed; answers kept
behind a ``hide-output`` toggle stay as they are), and a ``remove-cell`` cell that defines a
name a shown cell uses becomes ``hide-cell``; it changes only the tags lines.
``python -m coursekit.launch`` applies it to the chapter pages before it writes the notebooks,
and ``--check`` fails when a page needs it.

Generating needs ``jupytext`` (the book's dependencies); the rest needs nothing extra.
"""

from __future__ import annotations

import argparse
import ast
import builtins
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from coursekit import __version__
from coursekit.project import PIP_SPEC, RELEASE_TAG, binder_url, colab_url

__all__ = [
    "Chapter",
    "GLUE_IMPORT",
    "GLUE_STAND_IN",
    "NOTEBOOK_DIR",
    "chapters",
    "colab_notebook",
    "install_cell_source",
    "live_code_tags",
    "main",
    "write_notebooks",
]

#: Where the generated Colab notebooks live, relative to the repository root.
NOTEBOOK_DIR = "notebooks"
GLUE_IMPORT = "from myst_nb import glue"
#: What replaces :data:`GLUE_IMPORT` outside the book build (see the module docstring).
GLUE_STAND_IN = (
    "# Outside the book build there is no myst_nb: this stand-in for myst_nb.glue only shows\n"
    "# the value when asked to (in the book, glue stores it for the text around it).\n"
    "def glue(name, value, display=True):\n"
    "    if display:\n"
    "        from IPython.display import display as _show\n"
    "\n"
    "        _show(value)"
)
_CHAPTER_PAGE = re.compile(r"ch\d\d_[a-z0-9_]+\.md")


def _root() -> Path:
    """The repository root (this file is ``src/coursekit/launch.py``)."""
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Chapter:
    """One chapter page and its launch targets, as repository-relative paths."""

    page: str  # book/ch10_culture.md
    notebook: str  # notebooks/ch10_culture.ipynb (the Colab twin)
    exercise: str | None  # exercises/ch10_culture.ipynb, or None when there is none

    @property
    def docname(self) -> str:
        """The page's Sphinx document name, e.g. ``book/ch10_culture``."""
        return self.page.removesuffix(".md")

    @property
    def exercise_links(self) -> dict[str, str]:
        """Binder and Colab links of the exercise notebook (empty when there is none)."""
        if self.exercise is None:
            return {}
        return {"binder": binder_url(self.exercise), "colab": colab_url(self.exercise)}


def chapters(root: Path | None = None) -> list[Chapter]:
    """Every chapter page ``book/chNN_*.md`` with its Colab twin and its exercise notebook."""
    root = _root() if root is None else Path(root)
    out = []
    for page in sorted((root / "book").glob("ch*.md")):
        if not _CHAPTER_PAGE.fullmatch(page.name):
            continue
        exercise = f"exercises/{page.stem}.ipynb"
        out.append(
            Chapter(
                page=f"book/{page.name}",
                notebook=f"{NOTEBOOK_DIR}/{page.stem}.ipynb",
                exercise=exercise if (root / exercise).is_file() else None,
            )
        )
    return out


def install_cell_source(spec: str = PIP_SPEC, version: str = __version__) -> str:
    """The first code cell of a Colab notebook: install ``spec`` where coursekit is missing,
    then stop with a clear message unless ``coursekit`` ``version`` imports."""
    return (
        f"# Installs coursekit {version} (release {RELEASE_TAG}) where it is missing (Colab, a\n"
        "# bare kernel); does nothing where it is installed (Binder, a local clone).\n"
        "import importlib\n"
        "import importlib.util\n"
        "\n"
        'if importlib.util.find_spec("coursekit") is None:\n'
        f'    %pip install -q "{spec}"\n'
        "    importlib.invalidate_caches()\n"
        '    if importlib.util.find_spec("coursekit") is None:\n'
        "        raise RuntimeError(\n"
        '            "Installing coursekit failed (pip\'s message is above), so the cells below "\n'
        '            "cannot run. Check the internet connection and run this cell again, or "\n'
        f'            "install it yourself: pip install \\"{spec}\\""\n'
        "        )\n"
        "    import coursekit\n"
        "\n"
        f'    if coursekit.__version__ != "{version}":\n'
        "        raise RuntimeError(\n"
        f'            f"This notebook needs coursekit {version}, but {{coursekit.__version__}} "\n'
        '            "was installed. Restart the runtime (Runtime > Restart session) and run "\n'
        '            "this cell again."\n'
        "        )"
    )


# ---- Live Code: every cell a shown cell needs is shown too ----------------------------------

_FENCE = re.compile(r"^(`{3,})\{code-cell\}[^\n]*\n", re.MULTILINE)
_TAGS_LINE = re.compile(r"^(:?tags:\s*\[)([^\]\n]*)(\].*)$")


@dataclass
class _Cell:
    start: int  # offset of the first line after the fence line
    end: int  # offset of the closing fence
    tags: list[str]
    tags_line: tuple[int, int] | None  # offsets of the tags line
    defines: set[str]
    uses: set[str]


def _split_options(body: str) -> tuple[list[str], str]:
    """The option lines of a code cell (``:key: value`` lines or a ``---`` YAML block) and
    its code."""
    lines = body.split("\n")
    if lines and lines[0].strip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if close is None:
            raise ValueError("a code cell's option block opens with --- but never closes")
        return lines[: close + 1], "\n".join(lines[close + 1 :])
    n = 0
    while n < len(lines) and lines[n].startswith(":"):
        n += 1
    return lines[:n], "\n".join(lines[n:])


def _names(code: str) -> tuple[set[str], set[str]]:
    """(names the code defines or changes, names it reads that it does not define itself)."""
    # IPython magics and shell lines are not Python; they define nothing.
    code = "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in code.split("\n"))
    tree = ast.parse(code)
    defines: set[str] = set()
    reads: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (reads if isinstance(node.ctx, ast.Load) else defines).add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            defines.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            defines.add(node.name)
        elif isinstance(node, ast.arg):
            defines.add(node.arg)
        elif isinstance(node, ast.Subscript | ast.Attribute) and not isinstance(node.ctx, ast.Load):
            base = node.value
            while isinstance(base, ast.Subscript | ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name):  # df["x"] = ...: a change of df
                defines.add(base.id)
    return defines, reads - defines - set(dir(builtins))


def _cells(text: str) -> list[_Cell]:
    cells = []
    for fence in _FENCE.finditer(text):
        start = fence.end()
        close = re.compile(rf"^{fence.group(1)}\s*$", re.MULTILINE).search(text, start)
        if close is None:
            raise ValueError(f"a code cell at offset {fence.start()} is never closed")
        body = text[start : close.start()]
        options, code = _split_options(body.rstrip("\n"))
        tags: list[str] = []
        tags_line = None
        offset = start
        for line in options:
            m = _TAGS_LINE.match(line.strip())
            if m and (line.startswith(":tags:") or line.startswith("tags:")):
                tags = [t.strip() for t in m.group(2).split(",") if t.strip()]
                tags_line = (offset, offset + len(line))
            offset += len(line) + 1
        try:
            defines, uses = _names(code)
        except SyntaxError as err:
            raise ValueError(
                f"the code cell at offset {fence.start()} is not valid Python ({err.msg}, "
                f"line {err.lineno}); Live Code would fail on it"
            ) from None
        cells.append(_Cell(start, close.start(), tags, tags_line, defines, uses))
    return cells


def _hidden(tags: list[str]) -> bool:
    """Whether a cell shows no code: ``remove-cell``, or ``remove-input`` together with
    ``hide-output`` (answers behind a toggle: showing the code would add a second toggle with
    the same label, and no later cell needs it unless :func:`_needed_hidden` says so)."""
    return "remove-cell" in tags or ("remove-input" in tags and "hide-output" in tags)


def _needed_hidden(cells: list[_Cell]) -> set[int]:
    """Indexes of hidden cells (:func:`_hidden`) that a shown cell needs: the last cell before
    it that defines a name it reads, for every shown cell and every such name, until nothing
    changes."""
    shown = {i for i, c in enumerate(cells) if not _hidden(c.tags)}
    needed: set[int] = set()
    todo = sorted(shown)
    while todo:
        j = todo.pop()
        for name in cells[j].uses:
            definer = next((i for i in range(j - 1, -1, -1) if name in cells[i].defines), None)
            if definer is not None and definer not in shown and definer not in needed:
                needed.add(definer)
                todo.append(definer)
    return needed


def live_code_tags(text: str) -> str:
    """``text`` (a MyST notebook page) with the cell tags Live Code needs: ``remove-input``
    becomes ``hide-input`` (but on answers kept behind a ``hide-output`` toggle that no shown
    cell needs), and a ``remove-cell`` cell that a shown cell needs becomes ``hide-cell``.
    Only tags lines change; a page that needs nothing comes back as it was."""
    if not isinstance(text, str):
        raise TypeError(f"text must be the page's text (str), not {type(text).__name__}")
    cells = _cells(text)
    needed = _needed_hidden(cells)
    edits = []
    for i, cell in enumerate(cells):
        tags = cell.tags
        if not _hidden(tags) or i in needed:
            tags = ["hide-input" if t == "remove-input" else t for t in tags]
            tags = ["hide-cell" if t == "remove-cell" else t for t in tags]
        if tags != cell.tags and cell.tags_line is not None:
            a, b = cell.tags_line
            line = text[a:b]
            m = _TAGS_LINE.match(line)
            if m is None:  # pragma: no cover - _cells found this line with the same pattern
                continue
            edits.append((a, b, m.group(1) + ", ".join(tags) + m.group(3)))
    for a, b, line in reversed(edits):
        text = text[:a] + line + text[b:]
    return text


def write_live_code_tags(root: Path | None = None, check: bool = False) -> list[str]:
    """Give every chapter page the tags of :func:`live_code_tags`; with ``check``, write
    nothing and return the pages that need it (an empty list: all are ready)."""
    root = _root() if root is None else Path(root)
    changed = []
    for chapter in chapters(root):
        page = root / chapter.page
        text = page.read_text(encoding="utf-8")
        fixed = live_code_tags(text)
        if fixed != text:
            changed.append(chapter.page)
            if not check:
                page.write_text(fixed, encoding="utf-8")
    return changed


def _cell_id(path: str, index: int) -> str:
    """A stable cell id (nbformat would make random ones, and the check would always drift)."""
    return hashlib.sha1(f"{path}:{index}".encode()).hexdigest()[:8]


def colab_notebook(page: str, root: Path | None = None):
    """The Colab twin of chapter ``page`` (e.g. ``book/ch10_culture.md``) as a notebook."""
    import jupytext
    import nbformat

    root = _root() if root is None else Path(root)
    source = jupytext.read(root / page)
    header = nbformat.v4.new_markdown_cell(
        f"> **Generated from `{page}`** of the Going Global course by "
        "`python -m coursekit.launch`: edit that page, not this notebook. The first code cell "
        "installs `coursekit`; then run the cells in order. References such as {cite:p}`...` "
        "and the figures' cross-references are resolved only in the online book."
    )
    cells = [header, nbformat.v4.new_code_cell(install_cell_source())]
    for cell in source.cells:
        text = cell.source
        if cell.cell_type == "code" and GLUE_IMPORT in text:
            lines = [GLUE_STAND_IN if ln.strip() == GLUE_IMPORT else ln for ln in text.split("\n")]
            text = "\n".join(lines)
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(text)
        elif cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(text)
        else:
            new = nbformat.v4.new_raw_cell(text)
        tags = cell.metadata.get("tags")
        if tags:
            new.metadata["tags"] = list(tags)
        cells.append(new)
    for i, cell in enumerate(cells):
        cell["id"] = _cell_id(page, i)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "colab": {"provenance": []},
    }
    return nb


def _render(page: str, root: Path) -> str:
    import nbformat

    return nbformat.writes(colab_notebook(page, root), version=4) + "\n"


def write_notebooks(root: Path | None = None, check: bool = False) -> list[str]:
    """Write every chapter's Colab twin; with ``check``, write nothing and return the paths
    that are missing or differ from their page (an empty list: all in sync)."""
    root = _root() if root is None else Path(root)
    drifted = []
    wanted = set()
    for chapter in chapters(root):
        target = root / chapter.notebook
        wanted.add(target.name)
        text = _render(chapter.page, root)
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        drifted.append(chapter.notebook)
        if not check:
            target.parent.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
    folder = root / NOTEBOOK_DIR
    if folder.is_dir():  # a notebook whose page is gone
        for stale in sorted(folder.glob("*.ipynb")):
            if stale.name not in wanted:
                drifted.append(f"{NOTEBOOK_DIR}/{stale.name}")
                if not check:
                    stale.unlink()
    return drifted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m coursekit.launch",
        description=(
            "Give the chapter pages the cell tags Live Code needs, then write "
            "notebooks/chNN_*.ipynb (the Colab twins of the chapter pages)."
        ),
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail if a page needs Live Code tags or a notebook drifted",
    )
    args = parser.parse_args(argv)
    pages = write_live_code_tags(check=args.check)
    drifted = write_notebooks(check=args.check)
    if args.check and pages:
        print(
            "These chapter pages hide code that the code they show needs, so Live Code would "
            "fail on them: " + ", ".join(pages) + ". Run `python -m coursekit.launch` "
            "(remove-input becomes hide-input; a needed remove-cell becomes hide-cell) and "
            "commit the result.",
            file=sys.stderr,
        )
    if args.check and drifted:
        print(
            "These Colab notebooks differ from their chapter pages: "
            + ", ".join(drifted)
            + ". Run `python -m coursekit.launch` and commit the result.",
            file=sys.stderr,
        )
    if args.check and (pages or drifted):
        return 1
    for path in [*pages, *drifted]:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
