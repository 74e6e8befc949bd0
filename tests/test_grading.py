"""The grader on a class of good, partial, broken and hostile submissions made here."""

from __future__ import annotations

import argparse
import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit import grading
from coursekit.grading import find_submissions, grade, write_sample_submissions

pytestmark = pytest.mark.slow


def tree_fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    subs = tmp_path_factory.mktemp("submissions")
    write_sample_submissions(subs)
    before = tree_fingerprint(subs)
    out = tmp_path_factory.mktemp("results") / "run1"
    outcomes = grade(subs, out, timeout=8, progress=False)
    return subs, out, outcomes, before


def rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "gradebook.csv").open(encoding="utf-8") as fh:
        return {r["student"]: r for r in csv.DictReader(fh)}


def test_every_submission_is_reported_with_the_right_status(graded):
    _, out, outcomes, _ = graded
    book = rows(out)
    assert set(book) == {"ada", "ben", "cleo", "dan", "eve", "finn", "gus", "hana", "ivan"}
    expected = {
        "ada": "ok",
        "ben": "ok",
        "cleo": "error",
        "dan": "timed out",
        "eve": "ok",
        "finn": "ok",
        "gus": "not a notebook",
        "hana": "not a notebook",
        "ivan": "not a notebook",
    }
    assert {s: r["status"] for s, r in book.items()} == expected
    assert len(outcomes) == 9


def test_scores_come_from_the_checks_the_notebook_ran(graded):
    book = rows(graded[1])
    assert book["ada"]["ch10.symmetric"] == "1" and book["ben"]["ch10.symmetric"] == "0"
    # answers given before a crash, a loop or a flood still count
    for student in ("cleo", "dan", "eve", "finn"):
        assert book[student]["ch10.symmetric"] == "1", student
    assert book["gus"]["total"] == "0" and book["gus"]["ch10.symmetric"] == "0"
    assert float(book["ada"]["max"]) >= 5


def test_submissions_are_never_modified(graded):
    subs, _, _, before = graded
    assert tree_fingerprint(subs) == before


def test_feedback_gives_hints_not_answers(graded):
    _, out, _, _ = graded
    ben = (out / "feedback" / "ben.md").read_text(encoding="utf-8")
    assert "ch10.symmetric`: not yet. Hint:" in ben
    assert "True" not in ben  # the expected answer is not revealed
    ada = (out / "feedback" / "ada.md").read_text(encoding="utf-8")
    assert "ch10.symmetric`: correct" in ada and "ch10.usa_jpn_four`: not answered" in ada
    gus = (out / "feedback" / "gus.md").read_text(encoding="utf-8")
    assert "not valid notebook JSON" in gus


def test_refuses_to_overwrite_results(graded, tmp_path):
    subs, out, _, _ = graded
    with pytest.raises(FileExistsError, match="--force"):
        grade(subs, out, timeout=8, progress=False)


def test_refuses_results_inside_submissions(graded):
    subs = graded[0]
    with pytest.raises(ValueError, match="inside the submissions folder"):
        grade(subs, subs / "results", progress=False)
    assert not (subs / "results").exists()


def test_missing_folder_and_bad_timeout(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        find_submissions(tmp_path / "nope")
    with pytest.raises(ValueError, match="positive"):
        grade(tmp_path, tmp_path.parent / "out-bad-timeout", timeout=0, progress=False)


def test_command_line_round_trip(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    run = [sys.executable, "-m", "coursekit.cli"]
    assert subprocess.run([*run, "samples", str(subs)], capture_output=True).returncode == 0
    (subs / "dan").rename(tmp_path / "dan-removed")  # keep the CLI test quick: no endless loop
    result = subprocess.run(
        [*run, "grade", str(subs), "--out", str(out), "--quiet", "--timeout", "20"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "graded 8 file(s)" in result.stdout
    again = subprocess.run(
        [*run, "grade", str(subs), "--out", str(out), "--quiet"], capture_output=True, text=True
    )
    assert again.returncode == 2 and "--force" in again.stderr


# ---- bad input: records, one submission, samples, the parser --------------------------------


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        (("ada", None, "ada/ch10.ipynb"), TypeError, r"Submission notebook must be text"),
        ((7, "ch10_culture", "x.ipynb"), TypeError, r"Submission student must be text .* int 7"),
        (("ada", "ch10_culture", 3), TypeError, r"Submission path must be the notebook's path"),
    ],
)
def test_submission_rejects_wrong_types(fields, error, message):
    with pytest.raises(error, match=message):
        grading.Submission(*fields)


def test_submission_accepts_a_text_path_and_an_empty_student():
    sub = grading.Submission("", "x", "__x.ipynb")  # a flat file named "__x.ipynb"
    assert sub.path == Path("__x.ipynb")


def test_outcome_rejects_wrong_parts():
    sub = grading.Submission("ada", "ch10_culture", Path("ada/ch10_culture.ipynb"))
    with pytest.raises(ValueError, match=r"Outcome status must be one of 'ok', 'error', .*'fine'"):
        grading.Outcome(sub, "fine")
    with pytest.raises(TypeError, match=r"Outcome submission must be a grading\.Submission"):
        grading.Outcome("ada/ch10_culture.ipynb", "ok")
    with pytest.raises(TypeError, match=r"Outcome results must be a dict of qid -> result"):
        grading.Outcome(sub, "ok", "", [])


@pytest.mark.parametrize(
    ("timeout", "error", "message"),
    [
        (0, ValueError, r"timeout must be a positive number of seconds, not 0"),
        (-5.0, ValueError, r"timeout must be a positive number of seconds, not -5\.0"),
        (float("nan"), ValueError, r"timeout must be a positive number of seconds, not nan"),
        ("60", TypeError, r"timeout must be a number of seconds, not str '60'"),
        (True, TypeError, r"timeout must be a number of seconds, not bool"),
    ],
)
def test_grade_one_rejects_a_bad_timeout(tmp_path, timeout, error, message):
    sub = grading.Submission("ada", "ch10_culture", tmp_path / "ch10_culture.ipynb")
    with pytest.raises(error, match=message):
        grading.grade_one(sub, timeout=timeout)


def test_grade_one_rejects_what_is_not_a_submission(tmp_path):
    path = tmp_path / "ada" / "ch10_culture.ipynb"
    with pytest.raises(TypeError, match=r"sub must be a grading\.Submission, as listed by find_"):
        grading.grade_one(path)
    with pytest.raises(TypeError, match=r"sub must be a grading\.Submission.* not tuple"):
        grading.grade_one(("ada", "ch10_culture", path))


def test_grade_one_reports_a_vanished_file_and_writes_nothing(tmp_path):
    sub = grading.Submission("ada", "ch10_culture", tmp_path / "gone.ipynb")
    outcome = grading.grade_one(sub, timeout=5)
    assert outcome.status == "not a notebook" and "does not exist" in outcome.detail
    assert list(tmp_path.iterdir()) == []


def test_write_sample_submissions_refuses_bad_folders(tmp_path):
    with pytest.raises(TypeError, match=r"folder must be a folder path \(a str or pathlib"):
        write_sample_submissions(None)
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError, match=r"is not empty; choose a new folder"):
        write_sample_submissions(taken)
    assert [p.name for p in taken.iterdir()] == ["keep.txt"]
    assert (taken / "keep.txt").read_text() == "mine"
    a_file = tmp_path / "a_file"
    a_file.write_text("mine")
    with pytest.raises(FileExistsError, match=r"is a file; choose a new folder"):
        write_sample_submissions(a_file)
    assert a_file.read_text() == "mine"
    written = write_sample_submissions(str(tmp_path / "fresh"))  # a str path works too
    assert len(written) == 9


def test_add_parser_needs_the_subparsers_object():
    with pytest.raises(TypeError, match=r"sub must be the object returned by parser\.add_sub"):
        grading.add_parser(argparse.ArgumentParser())
    parser = argparse.ArgumentParser(prog="coursekit")
    grading.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["grade", "subs", "--out", "res", "--timeout", "9"])
    assert args.timeout == 9.0 and args.func is grading._cmd_grade
