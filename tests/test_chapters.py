"""The chapter registry (coursekit.chapters) against the files: every part it names exists,
every chapter page, model, widget builder and question file in the repository is in it."""

from __future__ import annotations

import importlib
import json
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from coursekit import chapters

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "coursekit"
# Modules of the package that are not a chapter's model: shared runtime, the exercise engine,
# instructor tools, the registry itself.
NOT_MODELS = {
    "__init__",
    "__main__",
    "_answers",
    "_validate",
    "chapters",
    "checks",
    "countries",
    "launch",
    "plotting",
    "project",
}
BY_SLUG = {c.slug: c for c in chapters.CHAPTERS}


def test_numbers_run_from_one_without_gaps_and_slugs_are_unique():
    numbers = [c.number for c in chapters.CHAPTERS]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(BY_SLUG) == len(numbers)
    assert all(c.slug.startswith(f"{c.key}_") for c in chapters.CHAPTERS)


def test_every_chapter_page_in_the_book_and_the_toc_is_registered():
    pages = sorted(p.stem for p in (ROOT / "book").glob("ch[0-9][0-9]_*.md"))
    assert pages == sorted(BY_SLUG)
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for slug in BY_SLUG:
        assert f"file: book/{slug}\n" in toc, slug


@pytest.mark.parametrize("parts", chapters.CHAPTERS, ids=lambda c: c.slug)
def test_every_file_of_the_chain_exists(parts):
    for path in (parts.page, parts.solution, parts.exercise, parts.notebook, *parts.tests):
        assert (ROOT / path).is_file(), path
    assert (resources.files("coursekit") / parts.question_file).is_file(), parts.question_file


@pytest.mark.parametrize("parts", chapters.CHAPTERS, ids=lambda c: c.slug)
def test_questions_of_the_file_belong_to_the_chapter(parts):
    text = (resources.files("coursekit") / parts.question_file).read_text(encoding="utf-8")
    qids = list(tomllib.loads(text))
    assert qids, parts.question_file
    # the ids of the solution's checks are the chapter's (ch10.symmetric, ...)
    solution = (ROOT / parts.solution).read_text(encoding="utf-8")
    assert f"{parts.key}." in solution


@pytest.mark.parametrize("parts", chapters.CHAPTERS, ids=lambda c: c.slug)
def test_models_name_their_chapter_and_widgets_are_their_public_builders(parts):
    for name in parts.models:
        module = importlib.import_module(name)
        doc = module.__doc__ or ""
        assert doc.startswith(f"Chapter {parts.number} "), (name, doc.splitlines()[:1])
        assert parts.page in doc.split("\n\n", 1)[0], name
        page = (ROOT / parts.page).read_text(encoding="utf-8")
        assert re.search(rf"from coursekit import .*\b{name.rsplit('.', 1)[-1]}\b", page), name
    for dotted in parts.widgets:
        module_name, builder = dotted.rsplit(".", 1)
        module = importlib.import_module(module_name)
        assert callable(getattr(module, builder)), dotted
        assert builder in module.__all__, dotted
        assert f"{builder}(" in (ROOT / parts.page).read_text(encoding="utf-8"), dotted


def test_every_model_module_and_question_file_belongs_to_a_chapter():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - NOT_MODELS
    claimed = {m.rsplit(".", 1)[-1] for c in chapters.CHAPTERS for m in c.models}
    assert modules == claimed
    files = {f"questions/{p.name}" for p in (PACKAGE / "questions").glob("*.toml")}
    assert files == {c.question_file for c in chapters.CHAPTERS}
    widget_modules = {
        p.stem for p in (PACKAGE / "widgets").glob("*.py") if not p.stem.startswith("_")
    }
    assert widget_modules <= claimed


@pytest.mark.parametrize(
    "name", [10, "ch10", "ch10_culture", "culture", "coursekit.culture"], ids=repr
)
def test_get_finds_a_chapter_by_any_of_its_names(name):
    assert chapters.get(name).slug == "ch10_culture"


def test_a_model_named_unlike_its_chapter_is_found_by_the_model():
    assert chapters.get("adaptation").slug == "ch13_operations"


@pytest.mark.parametrize(
    ("bad", "error", "match"),
    [
        (True, TypeError, "not bool"),
        (10.0, TypeError, "not float"),
        (None, TypeError, "not NoneType"),
        (15, ValueError, "no chapter 15"),
        ("ch15", ValueError, "no chapter 'ch15'"),
        ("Culture", ValueError, "no chapter 'Culture'"),
    ],
)
def test_get_rejects_what_names_no_chapter(bad, error, match):
    with pytest.raises(error, match=match):
        chapters.get(bad)


# ---- the public API of the widget modules -------------------------------------------------------

WIDGET_MODULES = sorted({w.rsplit(".", 1)[0] for c in chapters.CHAPTERS for w in c.widgets})
WIDGET_IMPORT = re.compile(r"from coursekit\.widgets\.(\w+) import (\([^)]*\)|[\w, ]+)")


def _imports_in_course_material() -> dict[str, set[str]]:
    """Widget module -> the names the book pages and notebooks import from it."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "book").glob("*.md"))]
    for folder in ("solutions", "exercises"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            texts += ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    found: dict[str, set[str]] = {}
    for text in texts:
        for module, names in WIDGET_IMPORT.findall(text):
            cleaned = names.replace("(", " ").replace(")", " ").replace("\n", " ")
            found.setdefault(module, set()).update(
                n.strip() for n in cleaned.split(",") if n.strip()
            )
    return found


def test_the_book_and_notebooks_import_only_exported_names():
    imported = _imports_in_course_material()
    assert imported, "no widget imports found in the book: the pattern is out of date"
    for module, names in imported.items():
        if module.startswith("_"):
            continue
        exported = set(importlib.import_module(f"coursekit.widgets.{module}").__all__)
        assert names <= exported, f"coursekit.widgets.{module} does not export {names - exported}"


def test_every_widget_module_has_a_chapter():
    on_disk = {p.stem for p in (PACKAGE / "widgets").glob("*.py") if not p.stem.startswith("_")}
    assert {f"coursekit.widgets.{m}" for m in on_disk} == set(WIDGET_MODULES)


@pytest.mark.parametrize("module", WIDGET_MODULES, ids=lambda m: m.rsplit(".", 1)[-1])
def test_all_lists_defined_names_and_every_builder(module):
    # (Whether helpers are exported no longer matters: bad input is measured by branch coverage
    # and tests/test_fuzz.py, not by counting the functions in __all__.)
    mod = importlib.import_module(module)
    assert all(hasattr(mod, name) for name in mod.__all__)
    builders = [
        n for n, f in vars(mod).items() if callable(f) and n.endswith(("_explorer", "_matrix"))
    ]
    assert set(builders) <= set(mod.__all__)
