"""Generate exercise notebooks from solution notebooks, so the two never drift.

The transformation (pure: a notebook in, a notebook out):

* cells tagged ``solution`` or ``test-only`` are dropped;
* ``name = <expr>  # SOLUTION`` becomes ``name = ...``, and a dict entry
  ``"key": <expr>,  # SOLUTION`` becomes ``"key": ...,``;
* lines from ``# BEGIN SOLUTION`` to ``# END SOLUTION`` become ``...  # your code here``;
* outputs, execution counts and cell ids are reset and notebook metadata reduced to the kernel;
* a "how to run" header, a setup cell that installs ``coursekit`` where it is missing (Colab),
  and a closing ``coursekit.progress(...)`` cell are added.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from coursekit.launch import install_cell_source
from coursekit.project import binder_url, colab_url

__all__ = ["make_exercise", "clean_solution", "release", "ReleaseReport", "chapter_of"]

DROP_TAGS = {"solution", "test-only"}
_LINE_MARK = re.compile(r"^(?P<lhs>\s*[A-Za-z_][\w\.\[\]'\", ]*?\s*=)\s*.+?\s*#\s*SOLUTION\s*$")
_ITEM_MARK = re.compile(r"^(?P<lhs>\s*(['\"]).*?\2\s*:)\s*.+?,\s*#\s*SOLUTION\s*$")
_BEGIN = re.compile(r"^(?P<indent>\s*)#\s*BEGIN SOLUTION\s*$")
_END = re.compile(r"^\s*#\s*END SOLUTION\s*$")
_CHAPTER = re.compile(r"^(ch\d\d)_")


def _path(value: object, name: str) -> Path:
    if isinstance(value, bool) or not isinstance(value, (str, os.PathLike)):
        raise TypeError(
            f"{name} must be a path (a str or pathlib.Path), not {type(value).__name__} "
            f"{value!r:.40}"
        )
    return Path(value)


def _notebook(value: object, name: str) -> nbformat.NotebookNode:
    """A notebook as nbformat reads it; a path or a plain string is refused with a pointer."""
    if not isinstance(value, nbformat.NotebookNode):
        raise TypeError(
            f"{name} must be a notebook read with nbformat.read(path, as_version=4), "
            f"not {type(value).__name__} {value!r:.40}"
        )
    missing = [k for k in ("cells", "metadata") if k not in value]
    if missing:
        raise ValueError(
            f"{name} is not a notebook: it has no {' or '.join(missing)}; read it with "
            "nbformat.read(path, as_version=4)"
        )
    return value


def chapter_of(path: Path) -> str:
    """``solutions/ch10_culture.ipynb`` → ``'ch10'``; other names raise ``ValueError``."""
    path = _path(path, "path")
    m = _CHAPTER.match(path.name)
    if not m:
        raise ValueError(
            f"{path.name}: notebook names start with the chapter, like 'ch10_culture.ipynb'"
        )
    return m.group(1)


def _reduced_metadata(metadata: dict) -> dict:
    """Only the kernel and the language name: versions would change with every machine."""
    out = {}
    if "kernelspec" in metadata:
        out["kernelspec"] = copy.deepcopy(metadata["kernelspec"])
    if "language_info" in metadata:
        out["language_info"] = {"name": metadata["language_info"].get("name", "python")}
    return out


def _strip_source(source: str, where: str) -> str:
    out: list[str] = []
    inside: str | None = None
    for line in source.splitlines():
        if inside is not None:
            if _END.match(line):
                out.append(f"{inside}...  # your code here")
                inside = None
            continue
        begin = _BEGIN.match(line)
        if begin:
            inside = begin.group("indent")
            continue
        if _END.match(line):
            raise ValueError(f"{where}: '# END SOLUTION' without a matching '# BEGIN SOLUTION'")
        marked = _LINE_MARK.match(line)
        if marked:
            out.append(f"{marked.group('lhs')} ...")
            continue
        item = _ITEM_MARK.match(line)
        if item:  # a dict entry: '"key": value,  # SOLUTION' -> '"key": ...,'
            out.append(f"{item.group('lhs')} ...,")
            continue
        if re.search(r"#\s*SOLUTION\s*$", line):
            raise ValueError(
                f"{where}: '# SOLUTION' must end an assignment like 'x = 1  # SOLUTION'"
            )
        out.append(line)
    if inside is not None:
        raise ValueError(f"{where}: '# BEGIN SOLUTION' is never closed by '# END SOLUTION'")
    return "\n".join(out)


def _header_cells(rel_path: str, chapter: str) -> list[nbformat.NotebookNode]:
    md = (
        f"> **How to run this notebook.** Online: [open it on Binder]({binder_url(rel_path)}) "
        f"or [in Colab]({colab_url(rel_path)}) (the first code cell installs `coursekit`). "
        "Locally: clone the course repository, run `scripts/build` once (it creates `.venv` with "
        "everything), then `.venv/bin/jupyter lab` and open this file.\n>\n"
        "> Replace each `...` with your answer and run the cell: `coursekit.check` says "
        "*correct*, or *not yet* with a hint. Your last cell shows what you have solved."
    )

    setup = install_cell_source()  # stops with a clear message if the install fails
    return [nbformat.v4.new_markdown_cell(md), nbformat.v4.new_code_cell(setup)]


def _footer_cells(chapter: str) -> list[nbformat.NotebookNode]:
    return [
        nbformat.v4.new_markdown_cell(
            "## Your progress\n\nRun this cell to see which checks pass."
        ),
        nbformat.v4.new_code_cell(f'import coursekit\n\ncoursekit.progress("{chapter}")'),
    ]


def make_exercise(
    solution: nbformat.NotebookNode, rel_path: str, chapter: str
) -> nbformat.NotebookNode:
    """Return the exercise notebook for ``solution`` (which is not modified)."""
    _notebook(solution, "solution")
    nb = nbformat.v4.new_notebook()
    nb.metadata = _reduced_metadata(solution.metadata)
    # coursekit grade reads the chapter from here, so a renamed file ("Copy of ...") still counts.
    nb.metadata["coursekit"] = {"chapter": chapter}
    cells = _header_cells(rel_path, chapter)
    for index, cell in enumerate(solution.cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & DROP_TAGS:
            continue
        where = f"{rel_path} cell {index}"
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(_strip_source(cell.source, where))
            keep = sorted(tags - {"nbval-ignore-output"})
            if keep:
                new.metadata["tags"] = keep
        elif cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source)
        else:
            new = nbformat.v4.new_raw_cell(cell.source)
        cells.append(new)
    cells += _footer_cells(chapter)
    # Stable ids keep regenerated files byte-identical.
    for i, cell in enumerate(cells):
        cell["id"] = f"{chapter}-{i:03d}"
    nb.cells = cells
    return nb


def clean_solution(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The solution with only what nbval needs: no outputs in cells whose output nbval ignores
    (figures, widgets), no execution timings, and metadata reduced to the kernel."""
    _notebook(solution, "solution")
    nb = copy.deepcopy(solution)
    nb.metadata = _reduced_metadata(nb.metadata)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code" and "nbval-ignore-output" in cell.metadata.get("tags", []):
            cell.outputs = []
            cell.execution_count = None
    return nb


def _dumps(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb, version=4) + "\n"


@dataclass(frozen=True)
class ReleaseReport:
    written: tuple[str, ...]
    stale: tuple[str, ...]
    problems: tuple[str, ...]

    def __post_init__(self) -> None:
        for name in ("written", "stale", "problems"):
            value = getattr(self, name)
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                raise TypeError(
                    f"ReleaseReport {name} must be a tuple of str (one line each), "
                    f"not {type(value).__name__} {value!r:.40}"
                )

    @property
    def ok(self) -> bool:
        return not self.stale and not self.problems


def release(root: Path, *, check: bool = False) -> ReleaseReport:
    """Regenerate ``root/exercises`` from ``root/solutions``; with ``check``, only compare."""
    root = _path(root, "root")
    if not isinstance(check, bool):
        raise TypeError(f"check must be True or False, not {type(check).__name__} {check!r:.40}")
    sol_dir, ex_dir = root / "solutions", root / "exercises"
    if not sol_dir.is_dir():
        raise ValueError(f"No solutions/ folder under {root}: run this from the course repository")
    written: list[str] = []
    stale: list[str] = []
    problems: list[str] = []
    solutions = sorted(sol_dir.glob("*.ipynb"))
    for sol in solutions:
        rel = f"exercises/{sol.name}"
        try:
            chapter = chapter_of(sol)
            solution = nbformat.read(sol, as_version=4)
            text = _dumps(make_exercise(solution, rel, chapter))
            cleaned = _dumps(clean_solution(solution))
        except Exception as err:  # report every broken notebook, not just the first
            problems.append(f"{sol.relative_to(root)}: {err}")
            continue
        if sol.read_text(encoding="utf-8") != cleaned:
            if check:
                stale.append(f"solutions/{sol.name}: holds outputs or metadata nbval does not need")
            else:
                sol.write_text(cleaned, encoding="utf-8")
                written.append(f"solutions/{sol.name}")
        target = ex_dir / sol.name
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        if check:
            stale.append(f"{rel}: {'missing' if current is None else 'out of date'}")
        else:
            ex_dir.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(rel)
    names = {s.name for s in solutions}
    for ex in sorted(ex_dir.glob("*.ipynb")) if ex_dir.is_dir() else []:
        if ex.name not in names:
            problems.append(f"exercises/{ex.name}: no partner in solutions/")
    return ReleaseReport(tuple(written), tuple(stale), tuple(problems))
