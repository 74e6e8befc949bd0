"""The grader on a class of good, partial, broken and hostile submissions made here."""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

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
