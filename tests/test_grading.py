"""The grader against the attacks of the grading audit (../shared/reviews/grading_audit.md).

One class of submissions is graded once (module fixture) in the real sandbox: the official
solutions of every chapter (ch10's is also the honest work the attackers aim at), blank work,
and notebooks that forge results, patch the checks, tamper with other files, read secrets, leave
processes behind, exhaust memory or disk, and odd entries (links, pipes, sparse files,
duplicates, unusual names). Each test asserts one
promise against that run. The sandbox needs bubblewrap (scripts/test installs it) and root or
user namespaces; CI runs as root.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import re
import shutil
import sys
import uuid
from pathlib import Path

import pytest

import coursekit
from coursekit import checks
from coursekit.instructor import cli, grading, sandbox
from coursekit.instructor.grading import _notebook, find_submissions, grade, merge_marks

ROOT = Path(__file__).resolve().parents[1]
CANARY = f"canary-{uuid.uuid4().hex}"
MARK = f"left-behind-{uuid.uuid4().hex}"
# A hidden case for ch10's function question: score profiles the package does not hold.
HIDDEN_CASE = {
    "home": {"pdi": 20, "idv": 80, "mas": 30, "uai": 40},
    "target": {"pdi": 70, "idv": 30, "mas": 60, "uai": 90},
    "variances": {"pdi": 450.0, "idv": 600.0, "mas": 380.0, "uai": 520.0},
}
HIDDEN_KEY = (
    "[ch10.my_kogut_singh]\ncases = [{ "
    + ", ".join(
        f"{k} = {{ " + ", ".join(f"{d} = {v}" for d, v in profile.items()) + " }"
        for k, profile in HIDDEN_CASE.items()
    )
    + " }]\n"
)
CH10_MAX = sum(q.points for q in checks.questions("ch10"))
CH10_AUTO = sum(q.points for q in checks.questions("ch10") if q.kind != "written")
SYMMETRIC_TRUE = 'import coursekit\ncoursekit.check("ch10.symmetric", True)'
HYPERLINK = '=HYPERLINK("http:__example.invalid","click")'
# Students with unusual names hand in official solutions, which are graded anyway: each name is
# then shown to grade like any other without a sandbox run of its own. The rest are "official".
OFFICIAL_HOMES = {"ch01": "a b", "ch02": "L" * 250, "ch03": HYPERLINK, "ch04": "dup"}


def official_file(chapter_file: str) -> str:
    return f"{OFFICIAL_HOMES.get(chapter_file[:4], 'official')}/{chapter_file}"


def auto_points(chapter: str) -> float:
    """A chapter's automatic points: all but the written answers (marked by hand)."""
    return sum(q.points for q in checks.questions(chapter) if q.kind != "written")


def fingerprint(folder: Path) -> dict[str, str]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(os.fsencode(folder)):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            rel = os.path.relpath(path, os.fsencode(folder))
            if os.path.isfile(path) and not os.path.islink(path) and st.st_size < 2**22:
                out[rel] = hashlib.sha256(open(path, "rb").read()).hexdigest()
            else:
                out[rel] = f"{st.st_mode}:{st.st_size}"
    return out


def package_fingerprint() -> dict[str, str]:
    package = Path(coursekit.__file__).parent
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(package.rglob("*"))
        if p.is_file() and p.suffix in (".py", ".toml")
    }


def exercise(chapter_file: str = "ch10_culture.ipynb") -> str:
    return (ROOT / "exercises" / chapter_file).read_text(encoding="utf-8")


def hostile_class(subs: Path, results_parent: Path) -> None:
    """Write the class; paths the attackers aim at are written into their notebooks."""

    def write(rel: str, text: str) -> None:
        (subs / rel).parent.mkdir(parents=True, exist_ok=True)
        (subs / rel).write_text(text, encoding="utf-8")

    for sol in sorted((ROOT / "solutions").glob("ch*.ipynb")):
        write(official_file(sol.name), sol.read_text(encoding="utf-8"))
    write("a_b/Copy of ch10_culture.ipynb", exercise())  # blank, and a name like "a b"
    # 2.1/2.2: forged verdict rows, other chapters' ids, invented ids, text and NaN points.
    forged = [
        {"qid": "ch10.symmetric", "status": "correct", "points": 1000},
        {"qid": "ch11.first_mode", "answer": {"t": "str", "v": "x"}, "points": 5},
        {"qid": "zz.bonus", "answer": {"t": "bool", "v": True}},
        {"qid": ["ch10.symmetric"], "answer": {"t": "bool", "v": True}},
        {"qid": "ch10.usa_jpn_four", "answer": {"t": "float", "v": "nan"}, "points": "1e3"},
        {"qid": "ch10.dominant_dimension", "answer": {"t": "code", "v": "import os"}},
    ]
    write(
        "forger/ch10_culture.ipynb",
        _notebook(
            "import json, os\nwith open(os.environ['COURSEKIT_ANSWERS_FILE'], 'a') as fh:\n"
            + "".join(f"    fh.write({json.dumps(json.dumps(r))} + '\\n')\n" for r in forged)
            + "    fh.write('{not json\\n')",
        ),
    )
    # 2.1: a patched check accepts everything, and the installed package is rewritten.
    write(
        "patcher/ch10_culture.ipynb",
        _notebook(
            "import coursekit\nfrom coursekit import checks\n"
            "checks.judge = lambda q, a: checks._verdict(q, True)\n"
            "checks._evaluate = lambda q, a: checks._verdict(q, True)",
            "try:\n    open(checks.__file__, 'a').write('\\n# backdoor\\n')\nexcept OSError:\n"
            "    pass",
            'coursekit.check("ch10.symmetric", False)\n'
            'coursekit.check("ch10.dominant_dimension", "ivr")',
        ),
    )
    # 2.3/2.4: write among the submissions and results, read the solution, key and environment.
    # If any attempt works, the notebook answers ch10.symmetric correctly (True).
    targets = {
        "victim": str(subs / "official" / "ch10_culture.ipynb"),  # honest work
        "subs": str(subs),
        "results": str(results_parent),
        "solution": str(ROOT / "solutions" / "ch10_culture.ipynb"),
        "key": str(results_parent / "key.toml"),
    }
    write(
        "tamper/ch10_culture.ipynb",
        _notebook(
            f"import os, coursekit\nT = {targets!r}\nworked = []",
            # Writes: judged by their effect on the host (the test's fingerprints), since inside
            # the sandbox they may land in its own private /tmp.
            "for how in [\n"
            "    lambda: open(T['victim'], 'w').write('{}'),\n"
            "    lambda: os.remove(T['victim']),\n"
            "    lambda: os.makedirs(T['subs'] + '/z99_ghost'),\n"
            "    lambda: open(T['results'] + '/planted.csv', 'w').write('x'),\n"
            "]:\n"
            "    try:\n        how()\n    except OSError:\n        pass",
            # Reads: if anything the notebook should not see is readable, it scores the point.
            "for name in ('victim', 'solution', 'key'):\n"
            "    try:\n        if open(T[name]).read():\n            worked.append(name)\n"
            "    except OSError:\n        pass",
            f"if any({CANARY!r} in v for v in os.environ.values()):\n    worked.append('env')",
            "import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=2)\n"
            "    worked.append('network')\nexcept OSError:\n    pass",
            "coursekit.check('ch10.symmetric', bool(worked))",
        ),
    )
    # 2.5: processes that try to outlive the run (setsid daemon, double fork).
    write(
        "procs/ch10_culture.ipynb",
        _notebook(
            "import os, subprocess, sys\n"
            f"cmd = [sys.executable, '-c', 'import time; time.sleep(900)', {MARK!r}]\n"
            "subprocess.Popen(cmd, start_new_session=True)\n"
            "if os.fork() == 0:\n    if os.fork() == 0:\n        os.setsid()\n"
            "        os.execv(sys.executable, cmd)\n    os._exit(0)",
            SYMMETRIC_TRUE,
        ),
    )
    write(
        "hog/ch10_culture.ipynb",
        _notebook(SYMMETRIC_TRUE, "blocks = [bytearray(2**30) for _ in range(16)]"),
    )
    write(
        "filler/ch10_culture.ipynb",
        _notebook(
            SYMMETRIC_TRUE,
            "with open('/scratch/fill', 'wb') as fh:\n    for _ in range(1024):\n"
            "        fh.write(b'x' * 2**20)",
        ),
    )
    # 2.6: names and entries.
    # "a b", "a_b", the long name, the formula and dup's winner: see OFFICIAL_HOMES above
    write("dup/ch04_born_globals (1).ipynb", exercise("ch04_born_globals.ipynb"))
    write(".hidden_student/ch10_culture.ipynb", _notebook(SYMMETRIC_TRUE))
    write("notes/readme.ipynb", _notebook("1 + 1", chapter="none"))
    raw = os.path.join(os.fsencode(subs), b"Jos\xe9")
    os.mkdir(raw)
    with open(os.path.join(raw, b"ch10_culture.ipynb"), "w", encoding="utf-8") as fh:
        fh.write(_notebook(SYMMETRIC_TRUE))
    (subs / "sym_solution").mkdir()
    os.symlink(ROOT / "solutions" / "ch10_culture.ipynb", subs / "sym_solution" / "ch10_x.ipynb")
    os.symlink(subs / "official", subs / "sym_folder")
    (subs / "pipe").mkdir()
    os.mkfifo(subs / "pipe" / "ch10_culture.ipynb")
    (subs / "sparse").mkdir()
    with open(subs / "sparse" / "ch10_culture.ipynb", "wb") as fh:
        fh.truncate(2**30)


@pytest.fixture(scope="module", autouse=True)
def one_font_list():
    """matplotlib's font list, which ``grade`` builds for every class (1.5 s), built once for
    this module's classes: the same matplotlib makes the same list, and each sandbox still gets
    its own copy of it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(grading, "_font_cache", functools.cache(grading._font_cache))
        yield


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    subs, results = base / "submissions", base / "results"
    subs.mkdir()
    results.mkdir()
    (results / "key.toml").write_text(HIDDEN_KEY, encoding="utf-8")
    hostile_class(subs, results)
    before, package_before = fingerprint(subs), package_fingerprint()
    os.environ["AUDIT_CANARY_SECRET"] = CANARY
    try:
        outcomes = grade(
            subs,
            results / "run",
            timeout=120,
            jobs=3,  # the grader's default on 2 cores (cores + 1)
            key=results / "key.toml",
            formats=["canvas", "moodle"],
            progress=False,
        )
    finally:
        del os.environ["AUDIT_CANARY_SECRET"]
    return {
        "subs": subs,
        "out": results / "run",
        "outcomes": outcomes,
        "before": before,
        "package_before": package_before,
    }


def rows(out: Path) -> list[dict[str, str]]:
    with (out / "gradebook.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def row(out: Path, file: str) -> dict[str, str]:
    """The gradebook row of ``file`` (a formula-like name is written with a leading quote)."""
    (match,) = [r for r in rows(out) if r["file"] == grading._cell(file)]
    return match


# ---- scores come from the grader ------------------------------------------------------------


@pytest.mark.slow  # runs notebooks in the sandbox
def test_every_official_solution_scores_full_marks_and_a_blank_exercise_zero(graded):
    sols = sorted((ROOT / "solutions").glob("ch*.ipynb"))
    official = [row(graded["out"], official_file(sol.name)) for sol in sols]
    assert len(official) == len(checks.chapters())
    for r in official:
        qs = checks.questions(r["chapter"])
        written = [q for q in qs if q.kind == "written"]  # marked by hand, not scored here
        auto = sum(q.points for q in qs) - sum(q.points for q in written)
        assert r["status"] == "ok", r["file"]
        assert (float(r["total"]), r["to_mark"]) == (auto, str(len(written))), r["file"]
    blank = row(graded["out"], "a_b/Copy of ch10_culture.ipynb")  # chapter from metadata
    assert (blank["chapter"], blank["status"], blank["total"]) == ("ch10", "ok", "0")
    assert float(blank["max"]) == CH10_MAX


@pytest.mark.slow  # runs notebooks in the sandbox
def test_forged_rows_and_foreign_ids_earn_nothing(graded):
    r = row(graded["out"], "forger/ch10_culture.ipynb")
    assert r["total"] == "0" and float(r["max"]) == CH10_MAX
    log = next((graded["out"] / "logs").glob("forger-*.txt")).read_text()
    assert "answer line(s) ignored" in log


@pytest.mark.slow  # runs notebooks in the sandbox
def test_a_patched_check_in_the_kernel_changes_no_score(graded):
    r = row(graded["out"], "patcher/ch10_culture.ipynb")
    assert r["ch10.symmetric"] == "0" and r["total"] == "0"
    # The package is read-only in the sandbox: the notebook's backdoor line is nowhere.
    assert not any("# backdoor" in Path(p).read_text() for p in graded["package_before"])


@pytest.mark.slow  # runs notebooks in the sandbox
def test_hidden_cases_count_and_the_key_stays_out_of_the_package(graded, tmp_path):
    # The official solution's function passes the hidden case too (it is the reference).
    assert row(graded["out"], "official/ch10_culture.ipynb")["ch10.my_kogut_singh"] == "1"
    q = checks.question("ch10.my_kogut_singh")
    hidden = [HIDDEN_CASE]
    reference = checks._expected_callable(q.expected)
    outputs = checks.function_outputs(reference, q.cases) + [{"t": "float", "v": "0.0"}]
    verdict = checks.judge_function_outputs(q, tuple(q.cases) + tuple(hidden), outputs)
    assert not verdict.passed  # right on the public cases, wrong on the hidden one
    inside = Path(coursekit.__file__).parent / "key.toml"
    with pytest.raises(ValueError, match="inside the student package"):
        grading.load_key(inside)
    bad = tmp_path / "k.toml"
    bad.write_text("[ch10.symmetric]\ncases = [{ a = 1 }]\n")
    with pytest.raises(ValueError, match="hidden cases apply to function questions"):
        grading.load_key(bad)
    bad.write_text('[ch10.my_kogut_singh]\ncases = [{ home = "USA" }]\n')
    with pytest.raises(ValueError, match="has arguments"):
        grading.load_key(bad)


# ---- nothing lost -------------------------------------------------------------------------


@pytest.mark.slow  # runs notebooks in the sandbox
def test_submissions_are_unchanged_and_attacks_on_other_files_fail(graded):
    assert fingerprint(graded["subs"]) == graded["before"]
    integrity = (graded["out"] / "integrity.txt").read_text()
    assert integrity.startswith("Submissions unchanged")
    # the version that graded is on record, in the report and the results folder's marker
    assert f"Graded with coursekit {coursekit.__version__}." in integrity
    marker = json.loads((graded["out"] / grading.MARKER).read_text())
    assert marker["coursekit"] == coursekit.__version__
    tamper = row(graded["out"], "tamper/ch10_culture.ipynb")
    assert tamper["ch10.symmetric"] == "0"  # no read, environment or network attempt worked
    assert not (graded["out"].parent / "planted.csv").exists()
    assert not (graded["subs"] / "z99_ghost").exists()
    # the honest work the attacks aimed at still scores what it earns
    assert float(row(graded["out"], "official/ch10_culture.ipynb")["total"]) == CH10_AUTO


@pytest.mark.slow  # runs notebooks in the sandbox
def test_no_process_outlives_grading(graded):
    alive = []
    for entry in Path("/proc").iterdir():
        try:
            if MARK.encode() in (entry / "cmdline").read_bytes():
                alive.append(entry.name)
        except OSError:
            continue
    assert alive == []
    assert row(graded["out"], "procs/ch10_culture.ipynb")["ch10.symmetric"] == "1"


@pytest.mark.slow  # runs notebooks in the sandbox
def test_memory_and_disk_limits_hold_and_keep_the_answers(graded):
    hog = row(graded["out"], "hog/ch10_culture.ipynb")
    assert hog["status"] == "out of memory" and hog["ch10.symmetric"] == "1"
    filler = row(graded["out"], "filler/ch10_culture.ipynb")
    assert filler["status"] == "error" and "OSError" in filler["detail"]
    assert filler["ch10.symmetric"] == "1"


@pytest.mark.parametrize(
    "outside, inside",
    [("same", None), ("parent", None), ("child", None)],
)
def test_results_never_overlap_the_submissions(tmp_path, outside, inside):
    subs = tmp_path / "class" / "subs"
    (subs / "ada").mkdir(parents=True)
    (subs / "ada" / "ch10_culture.ipynb").write_text(exercise())
    before = fingerprint(subs)
    out = {"same": subs, "parent": subs.parent, "child": subs / "results"}[outside]
    with pytest.raises(ValueError, match="overlap"):
        grade(subs, out, force=True, progress=False)
    assert fingerprint(subs) == before


@pytest.mark.slow  # runs notebooks in the sandbox
def test_force_replaces_only_what_grade_wrote_and_a_crash_keeps_the_old_results(
    graded, tmp_path, monkeypatch
):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ivan__notes.txt").write_text("no notebook")  # graded without running anything
    out = tmp_path / "out"
    shutil.copytree(graded["out"], out)
    (out / "my notes.txt").write_text("the instructor's own file")
    old = (out / "gradebook.csv").read_text()

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(grading, "_write_results", crash)
    with pytest.raises(RuntimeError, match="disk full"):
        grade(subs, out, force=True, progress=False)
    assert (out / "gradebook.csv").read_text() == old
    assert not list(tmp_path.glob(".out.partial-*"))
    monkeypatch.undo()
    grade(subs, out, force=True, progress=False)
    assert "ivan" in (out / "gradebook.csv").read_text()
    (kept,) = tmp_path.glob(".out.replaced-*")
    assert sorted(p.name for p in kept.iterdir()) == ["my notes.txt"]
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "other.csv").write_text("not ours")
    with pytest.raises(FileExistsError, match="did not write"):
        grade(subs, plain, force=True, progress=False)


# ---- one row per entry; names ---------------------------------------------------------------


@pytest.mark.slow  # runs notebooks in the sandbox
def test_every_entry_gets_exactly_one_row_with_a_status(graded):
    found = find_submissions(graded["subs"])
    book = rows(graded["out"])
    assert len(book) == len(found)
    assert all(r["status"] in grading.STATUSES for r in book)
    by_file = {r["file"]: r for r in book}
    expect = {
        "sym_solution/ch10_x.ipynb": ("not a notebook", "symbolic link"),
        "sym_folder": ("not a notebook", "symbolic link"),
        "pipe/ch10_culture.ipynb": ("not a notebook", "not a regular file"),
        "sparse/ch10_culture.ipynb": ("not a notebook", ""),
        ".hidden_student/ch10_culture.ipynb": ("not a notebook", "hidden"),
        "notes/readme.ipynb": ("not a course notebook", ""),
        "dup/ch04_born_globals (1).ipynb": ("duplicate", "dup/ch04_born_globals.ipynb"),
    }
    for file, (status, words) in expect.items():
        assert by_file[file]["status"] == status and words in by_file[file]["detail"], file
    assert float(by_file["dup/ch04_born_globals.ipynb"]["total"]) == auto_points("ch04")


@pytest.mark.slow  # runs notebooks in the sandbox
def test_unusual_names_get_distinct_feedback_and_safe_cells(graded):
    names = [p.name for p in (graded["out"] / "feedback").glob("*.md")]
    assert len(names) == len(set(names)) == len({o.entry.student_raw for o in graded["outcomes"]})
    assert all(len(n.encode()) < 100 for n in names)
    text = (graded["out"] / "gradebook.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in text
    assert "\n=HYPERLINK" not in text and '\n"=HYPERLINK' not in text
    assert row(graded["out"], "Jos\ufffd/ch10_culture.ipynb")["total"] == "1"
    for chapter_file in ("ch01_small_firms.ipynb", "ch02_stage_models.ipynb"):  # "a b", "LLL..."
        got = row(graded["out"], official_file(chapter_file))
        assert float(got["total"]) == auto_points(chapter_file[:4]), chapter_file
    assert row(graded["out"], "a_b/Copy of ch10_culture.ipynb")["total"] == "0"


# ---- feedback --------------------------------------------------------------------------------


def expected_texts(q: checks.Question) -> set[str]:
    if q.kind in ("function", "written"):
        return set()
    value = checks._resolve_expected(q.expected)
    if isinstance(value, bool):
        return set()  # True/False appear in ordinary words
    if isinstance(value, (int, float)):
        return {f"{value:.2f}", f"{value:.3f}", f"{value:.4g}"}
    if isinstance(value, str):
        return {value} if len(value) > 3 else set()
    if isinstance(value, (list, tuple)):
        return {", ".join(map(str, value))}
    return set()


@pytest.mark.slow  # runs notebooks in the sandbox
def test_feedback_never_shows_an_expected_answer_nor_student_text(graded):
    for o in graded["outcomes"]:
        if not o.feedback_name:
            continue
        text = (graded["out"] / "feedback" / f"{o.feedback_name}.md").read_text()
        html_text = (graded["out"] / "feedback" / f"{o.feedback_name}.html").read_text()
        assert CANARY not in text + html_text
        assert "Traceback" not in text and "<script" not in html_text
        for qid, verdict in o.verdicts.items():
            if verdict.passed:
                continue
            q = checks.question(qid)
            for shown in expected_texts(q) - ({q.hint} if q.hint else set()):
                assert shown not in text.replace(q.hint, ""), (o.entry.file, qid)
    every_file = "".join(
        p.read_text(errors="replace") for p in graded["out"].rglob("*") if p.is_file()
    )
    assert CANARY not in every_file  # not even in the instructor's logs: never in the sandbox


# ---- written answers, marks, LMS formats ------------------------------------------------------


@pytest.fixture
def with_essay(monkeypatch):
    """ch10 with an extra written question (no chapter has one of its own yet)."""
    real = checks._chapter_specs
    essay = checks.Question(
        "ch10.essay",
        "Argue a choice.",
        "written",
        None,
        rubric="2: a claim and evidence",
        points=2.0,
        min_words=3,
    )

    def specs(chapter):
        found = dict(real(chapter))
        if chapter == "ch10":
            found["ch10.essay"] = essay
        return found

    monkeypatch.setattr(checks, "_chapter_specs", specs)
    return essay


def test_written_answers_reach_the_instructor_and_marks_merge(with_essay, tmp_path):
    text = "Distance matters less than networks, because the firm already has a partner."
    record = {
        "answers": json.dumps({"qid": "ch10.essay", "answer": {"t": "str", "v": text}}) + "\n"
    }
    verdicts, written, _ = grading._score("ch10", record, {})
    assert verdicts["ch10.essay"].status == "recorded" and written == {"ch10.essay": text}
    entry = grading.Entry(b"ada/ch10_culture.ipynb", b"ada")
    outcome = grading.Outcome(entry, "ok", "", "ch10", verdicts, written)
    grading._feedback_names([outcome])
    out = tmp_path / "out"
    out.mkdir()
    files = grading._write_results(out, [outcome], ["csv", "canvas", "moodle"], [])
    (out / grading.MARKER).write_text(json.dumps({"files": files, "formats": ["canvas", "moodle"]}))
    (answers,) = (out / "written").glob("*.md")
    assert text in answers.read_text() and "2: a claim and evidence" in answers.read_text()
    feedback = next((out / "feedback").glob("*.md")).read_text()
    assert "2: a claim and evidence" not in feedback and text not in feedback
    assert rows(out)[0]["to_mark"] == "1" and rows(out)[0]["ch10.essay"] == ""
    marks = tmp_path / "marks.csv"
    template = (out / "marks-template.csv").read_text()
    assert template.splitlines()[1] == "ada,ada/ch10_culture.ipynb,ch10.essay,"
    marks.write_text(template.replace("ch10.essay,\n", "ch10.essay,3\n"))
    with pytest.raises(ValueError, match="between 0 and 2"):
        merge_marks(out, marks)
    marks.write_text(template.replace("ch10.essay,\n", "ch10.essay,1.5\n") + "zoe,x.ipynb,q,1\n")
    with pytest.raises(ValueError, match="no gradebook row for student 'zoe'"):
        merge_marks(out, marks)
    assert rows(out)[0]["ch10.essay"] == ""  # nothing merged while any line is wrong
    marks.write_text(template.replace("ch10.essay,\n", "ch10.essay,1.5\n"))
    assert merge_marks(out, marks) == 1
    merged = rows(out)[0]
    chapter_max = sum(q.points for q in checks.questions("ch10"))  # the essay's 2 included
    assert (merged["ch10.essay"], merged["to_mark"]) == ("1.5", "0")
    assert float(merged["max"]) == chapter_max
    assert float(merged["total"]) == 1.5 + sum(
        v.points for q, v in verdicts.items() if q != "ch10.essay"
    )
    canvas = (out / "canvas.csv").read_text().splitlines()
    assert canvas[0] == "Student,ID,SIS User ID,SIS Login ID,Section,Going Global ch10"
    assert canvas[1] == f"Points Possible,,,,,{chapter_max:g}"
    assert canvas[2] == f"ada,,,ada,,{merged['total']}"
    assert (out / "moodle.csv").read_text().splitlines()[0] == "Username,Going Global ch10"


# ---- refusing to run unsafely; the command line ----------------------------------------------


def test_no_sandbox_means_no_grading_unless_asked(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sandbox, "unavailable_reason", lambda: "bwrap is not installed")
    subs = tmp_path / "subs"
    subs.mkdir()
    with pytest.raises(RuntimeError, match="bwrap is not installed.*--unsafe"):
        grade(subs, tmp_path / "out", progress=False)
    assert cli.main(["grade", str(subs), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    assert "--unsafe" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow  # runs notebooks in the sandbox
def test_unsafe_grading_runs_the_same_worker_and_scores_alike(tmp_path):
    subs = tmp_path / "subs"
    (subs / "ada").mkdir(parents=True)
    (subs / "ada" / "ch10_culture.ipynb").write_text(_notebook(SYMMETRIC_TRUE))
    (outcome,) = grade(subs, tmp_path / "out", unsafe=True, progress=False)
    assert (outcome.status, outcome.points) == ("ok", 1)
    assert outcome.max_points == sum(q.points for q in checks.questions("ch10"))
    assert not Path("/scratch").exists()  # nothing of the sandbox's layout on the host


# A notebook that loops forever is stopped at its timeout and keeps the answers it checked
# before: asserted in tests/test_grading_workflow.py on the guide's sample class, whose "dan"
# loops after one answer and is graded with the guide's --timeout 30 (a second looping notebook
# here burnt another 15 s of a core to assert the same).


def test_sandbox_environment_is_an_allow_list():
    with pytest.raises(ValueError, match="allow-list"):
        sandbox.run([sys.executable, "-c", "pass"], env={"AWS_SECRET_ACCESS_KEY": "x"})


@pytest.mark.slow  # runs notebooks in the sandbox
def test_parallel_sandboxes_do_not_disturb_each_other():
    """Two graders at once (two instructors, or xdist) get different uids; neither is killed."""
    from concurrent.futures import ThreadPoolExecutor

    script = "import os, sys, time; time.sleep(2); os.write(int(sys.argv[-1]), b'%d' % os.getuid())"
    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda _: sandbox.run([sys.executable, "-c", script]), range(4)))
    assert all(r.returncode == 0 and r.record for r in runs)
    if os.geteuid() == 0:
        assert len({r.record for r in runs}) == 4


@pytest.mark.parametrize(
    "options, error, message",
    [
        ({"timeout": "10"}, TypeError, "timeout must be a number of seconds, not str"),
        ({"timeout": -1}, ValueError, "timeout must be a positive number of seconds, not -1"),
        ({"timeout": float("nan")}, ValueError, "positive number of seconds, not nan"),
        ({"formats": ["xls"]}, ValueError, "unknown format 'xls'; choose from csv, canvas, moodle"),
    ],
)
def test_bad_grading_options_say_what_would_be_right(tmp_path, options, error, message):
    with pytest.raises(error, match=re.escape(message)):
        grade(tmp_path, tmp_path.parent / "out", progress=False, **options)


def test_a_missing_submissions_folder_is_named(tmp_path):
    with pytest.raises(ValueError, match="does not exist or is not a folder"):
        grade(tmp_path / "nowhere", tmp_path / "out", progress=False)
