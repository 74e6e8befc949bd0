"""Exercises are generated from solutions, and the repository's exercises are up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from coursekit.instructor import cli
from coursekit.instructor.release import ReleaseReport, chapter_of, clean_solution, make_exercise, release

ROOT = Path(__file__).resolve().parents[1]


def solution_nb() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["widgets"] = {"state": "big"}
    code = nbformat.v4.new_code_cell("x = 41 + 1  # SOLUTION\ncoursekit.check('ch10.q', x)")
    code.outputs = [nbformat.v4.new_output("stream", text="correct")]
    code.execution_count = 3
    mapping = nbformat.v4.new_code_cell(
        "answer = {\n    \"a\": 1,  # SOLUTION\n    'b': f(2),  # SOLUTION\n}"
    )
    block = nbformat.v4.new_code_cell(
        "def f(a):\n    # BEGIN SOLUTION\n    b = a * 2\n    return b\n    # END SOLUTION\n"
    )
    hidden = nbformat.v4.new_code_cell("secret = 1")
    hidden.metadata["tags"] = ["solution"]
    selftest = nbformat.v4.new_code_cell("assert not coursekit.check('ch10.q', 0).passed")
    selftest.metadata["tags"] = ["test-only"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), code, mapping, block, hidden, selftest]
    return nb


def test_make_exercise_hides_solutions_and_keeps_the_rest():
    sol = solution_nb()
    ex = make_exercise(sol, "exercises/ch10_x.ipynb", "ch10")
    sources = [c.source for c in ex.cells]
    joined = "\n".join(sources)
    assert "x = ..." in joined and "41 + 1" not in joined
    assert '    "a": ...,' in joined and "    'b': ...," in joined and "f(2)" not in joined
    assert "    ...  # your code here" in joined and "a * 2" not in joined
    assert "secret" not in joined and "assert not" not in joined
    assert "coursekit.check('ch10.q', x)" in joined
    assert "mybinder.org" in sources[0] and "colab.research.google.com" in sources[0]
    assert 'find_spec("coursekit")' in sources[1]
    assert sources[-1].endswith('coursekit.progress("ch10")')
    assert all(c.get("outputs", []) == [] for c in ex.cells if c.cell_type == "code")
    assert "widgets" not in ex.metadata
    assert sol.cells[1].outputs, "the solution must not be modified"
    compile(
        "\n".join(
            s
            for s, c in zip(sources, ex.cells, strict=True)
            if c.cell_type == "code" and "%pip" not in s
        ),
        "ex",
        "exec",
    )


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("# BEGIN SOLUTION\nx = 1\n", "never closed"),
        ("x = 1\n# END SOLUTION\n", "without a matching"),
        ("print(1)  # SOLUTION\n", "must end an assignment"),
    ],
)
def test_bad_markers_are_named(source, problem):
    nb = solution_nb()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    with pytest.raises(ValueError, match=problem):
        make_exercise(nb, "exercises/ch10_x.ipynb", "ch10")


def test_release_writes_then_check_passes_and_detects_drift(tmp_path):
    (tmp_path / "solutions").mkdir()
    nbformat.write(solution_nb(), tmp_path / "solutions" / "ch10_x.ipynb")
    assert not release(tmp_path, check=True).ok  # missing exercise
    # the solution is cleaned (its "widgets" metadata dropped) and the exercise written
    assert release(tmp_path).written == ("solutions/ch10_x.ipynb", "exercises/ch10_x.ipynb")
    assert release(tmp_path, check=True).ok
    first = (tmp_path / "exercises" / "ch10_x.ipynb").read_bytes()
    release(tmp_path)
    assert (tmp_path / "exercises" / "ch10_x.ipynb").read_bytes() == first  # byte-stable
    (tmp_path / "exercises" / "ch10_x.ipynb").write_text(first.decode().replace("Title", "T"))
    report = release(tmp_path, check=True)
    assert report.stale == ("exercises/ch10_x.ipynb: out of date",)
    (tmp_path / "exercises" / "ch99_orphan.ipynb").write_text("{}")
    assert any("no partner" in p for p in release(tmp_path, check=True).problems)


def test_badly_named_solution_is_reported(tmp_path):
    (tmp_path / "solutions").mkdir()
    nbformat.write(solution_nb(), tmp_path / "solutions" / "culture.ipynb")
    report = release(tmp_path, check=True)
    assert any("start with the chapter" in p for p in report.problems)


def test_repository_exercises_are_up_to_date():
    result = subprocess.run(
        [sys.executable, "-m", "coursekit.instructor.cli", "release", "--check", "--root", str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_clean_solution_keeps_what_nbval_compares_and_drops_the_rest():
    from coursekit.instructor.release import clean_solution

    nb = solution_nb()
    plot = nbformat.v4.new_code_cell("plt.plot([1, 2]);")
    plot.metadata["tags"] = ["nbval-ignore-output"]
    plot.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "AAAA"})]
    plot.metadata["execution"] = {"iopub.status.busy": "2026-11-22T18:00:00"}
    nb.cells.append(plot)
    cleaned = clean_solution(nb)
    assert cleaned.cells[1].outputs, "compared outputs stay"
    assert cleaned.cells[-1].outputs == [] and "execution" not in cleaned.cells[-1].metadata
    assert "widgets" not in cleaned.metadata and nb.cells[-1].outputs, "input not modified"


# ---- bad input: paths, notebooks, reports and the command line ------------------------------


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        (Path("solutions/culture.ipynb"), ValueError, r"culture\.ipynb: notebook names start with"),
        ("solutions/10_culture.ipynb", ValueError, r"10_culture\.ipynb: notebook names start"),
        (10, TypeError, r"path must be a path \(a str or pathlib\.Path\), not int 10"),
        (None, TypeError, r"path must be a path \(a str or pathlib\.Path\), not NoneType"),
    ],
)
def test_chapter_of_rejects_bad_names(path, error, message):
    with pytest.raises(error, match=message):
        chapter_of(path)


def test_chapter_of_accepts_a_text_path():
    assert chapter_of("solutions/ch10_culture.ipynb") == chapter_of(Path("ch10_culture.ipynb"))


@pytest.mark.parametrize(
    ("notebook", "error", "message"),
    [
        ("solutions/ch10_x.ipynb", TypeError, r"solution must be a notebook read with nbformat"),
        ({"cells": []}, TypeError, r"solution must be a notebook read with .* not dict"),
        (nbformat.NotebookNode(cells=[]), ValueError, r"solution is not a notebook: it has no me"),
    ],
)
def test_clean_solution_rejects_what_is_not_a_notebook(notebook, error, message):
    with pytest.raises(error, match=message):
        clean_solution(notebook)


def test_make_exercise_rejects_a_path_in_place_of_the_notebook():
    with pytest.raises(TypeError, match=r"solution must be a notebook read with nbformat\.read"):
        make_exercise(Path("solutions/ch10_x.ipynb"), "exercises/ch10_x.ipynb", "ch10")


def test_release_rejects_bad_roots(tmp_path):
    with pytest.raises(ValueError, match=r"No solutions/ folder under .*: run this from the"):
        release(tmp_path)
    with pytest.raises(TypeError, match=r"root must be a path \(a str or pathlib\.Path\), not int"):
        release(3)
    with pytest.raises(TypeError, match=r"check must be True or False, not str 'yes'"):
        release(tmp_path, check="yes")
    (tmp_path / "solutions").mkdir()
    assert release(str(tmp_path), check=True).ok  # a str root works too


def test_release_report_rejects_wrong_fields():
    with pytest.raises(TypeError, match=r"ReleaseReport written must be a tuple of str .* list"):
        ReleaseReport(["exercises/ch10_x.ipynb"], (), ())
    with pytest.raises(TypeError, match=r"ReleaseReport problems must be a tuple of str"):
        ReleaseReport((), (), (1,))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ("release --check", r"argv must be a list of argument strings such as \['release'"),
        (["release", "--root", Path("x")], r"argv must hold only strings .* not PosixPath"),
    ],
)
def test_cli_main_rejects_an_argv_that_is_not_a_list_of_strings(argv, message):
    with pytest.raises(TypeError, match=message):
        cli.main(argv)


# The scanner (tests/bad_input_coverage.py) counts only ValueError/TypeError-like errors; bad
# *arguments* on the command line are argparse's job, which prints usage and exits with 2.
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: command"),
        (["relase"], "invalid choice: 'relase'"),
        (["release", "--chek"], "unrecognized arguments: --chek"),
        (["grade", "subs"], "the following arguments are required: --out"),
        (["grade", "subs", "--out", "o", "--timeout", "soon"], "invalid float value: 'soon'"),
    ],
)
def test_cli_main_bad_arguments_print_usage_and_exit_2(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_release_of_a_folder_without_solutions_is_an_error_message(tmp_path, capsys):
    assert cli.main(["release", "--check", "--root", str(tmp_path)]) == 2
    assert "coursekit release: No solutions/ folder under" in capsys.readouterr().err
