"""Grade a folder of submitted notebooks: ``coursekit grade SUBMISSIONS --out RESULTS``.

What an instructor can rely on (each promise has a test in ``tests/test_grading*.py``):

* **Every notebook runs in a sandbox** (:mod:`coursekit.instructor.sandbox`: bubblewrap, no
  network, a private scratch holding only that notebook, read-only Python, limits, its own PID
  namespace). Where the sandbox cannot start, grading stops and says why, unless ``unsafe=True``
  (``--unsafe``) is given, which runs the same worker without isolation.
* **The grader computes every score.** From a run it takes *answers* only; it judges them with
  :func:`coursekit.checks.judge` in its own process, points come from the question specs (capped
  per question), ids that are not the notebook's chapter's are ignored and reported, and the
  official solution of every chapter scores full marks.
* **Nothing is lost.** Nothing under SUBMISSIONS is written, moved or deleted (files are hashed
  before and after; a change is reported); RESULTS may not equal, contain or lie inside
  SUBMISSIONS; results are written to a temporary folder and moved into place when complete,
  and ``force=True`` replaces only files an earlier ``coursekit grade`` wrote.
* **One row per entry**: every file, folder link, FIFO or hidden file under SUBMISSIONS gets one
  gradebook row with a status (:data:`STATUSES`); feedback names are distinct for every student.
* **Feedback leaks nothing**: correct / not yet with the hint, never an expected value, and a
  fixed-vocabulary error line ("cell 7 raised ValueError"); logs go to the instructor only.

Layout of SUBMISSIONS: ``<student>/<any name>.ipynb`` (one folder per student) or flat files
``<student>__<any name>.ipynb``. The chapter comes from the metadata ``coursekit release`` writes
into every exercise, or else from ``chNN`` in the file name ("Copy of ch10_culture.ipynb").
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import math
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import coursekit
from coursekit import _answers, checks
from coursekit.instructor import sandbox

__all__ = [
    "STATUSES",
    "Entry",
    "Outcome",
    "find_submissions",
    "load_key",
    "grade",
    "merge_marks",
    "write_sample_submissions",
]

STATUSES = (
    "ok",
    "error",
    "timed out",
    "out of memory",
    "not a notebook",
    "duplicate",
    "not a course notebook",
)
MAX_NOTEBOOK_BYTES = 20 * 2**20
MARKER = ".coursekit-results.json"  # in every results folder: the files this tool wrote there
FORMATS = ("csv", "canvas", "moodle")
# Run as a script, not with -m: the worker then imports neither coursekit nor pandas (faster).
WORKER = str(Path(__file__).with_name("_worker.py"))
_CHAPTER_IN_NAME = re.compile(r"ch(\d{2})", re.IGNORECASE)


# --------------------------------------------------------------------------------------------
# Finding submissions


@dataclass(frozen=True)
class Entry:
    """One thing found under the submissions folder (a notebook or not)."""

    rel: bytes  # path relative to the submissions folder, raw bytes (names need not be UTF-8)
    student_raw: bytes
    problem: str = ""  # why it cannot be graded, found without opening it ("" if it can)
    size: int = 0

    @property
    def student(self) -> str:
        return self.student_raw.decode("utf-8", "replace")

    @property
    def file(self) -> str:
        return self.rel.decode("utf-8", "replace")


def _student_of(parts: list[bytes]) -> bytes:
    if len(parts) >= 2:
        return parts[0]
    stem = parts[0].rsplit(b".", 1)[0] if b"." in parts[0][1:] else parts[0]
    return stem.split(b"__", 1)[0] if b"__" in stem else stem


def find_submissions(folder: Path) -> list[Entry]:
    """Every entry under ``folder``, sorted, symlinks and special files included (not followed)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"Submissions folder {folder} does not exist or is not a folder")
    root = os.fsencode(folder)
    found: list[Entry] = []

    def walk(here: bytes, parts: list[bytes]) -> None:
        with os.scandir(here) as it:
            items = sorted(it, key=lambda e: e.name)
        for item in items:
            rel_parts = [*parts, os.fsencode(item.name)]
            if len(rel_parts) > 12:  # a folder nested this deep is not a student's submission
                continue
            rel = b"/".join(rel_parts)
            student = _student_of(rel_parts)
            st = item.stat(follow_symlinks=False)
            problem = ""
            if stat.S_ISLNK(st.st_mode):
                problem = "a symbolic link: not followed"
            elif stat.S_ISDIR(st.st_mode):
                walk(item.path, rel_parts)
                continue
            elif not stat.S_ISREG(st.st_mode):
                problem = "not a regular file (a pipe, socket or device)"
            elif any(p.startswith(b".") for p in rel_parts):
                problem = "a hidden file or folder (such as .ipynb_checkpoints): not graded"
            elif not os.fsdecode(item.name).lower().endswith(".ipynb"):
                suffix = os.path.splitext(os.fsdecode(item.name))[1] or "no extension"
                problem = f"not a notebook file ({suffix})"
            elif st.st_size == 0:
                problem = "the file is empty"
            elif st.st_size > MAX_NOTEBOOK_BYTES:
                problem = f"too large ({st.st_size / 2**20:.0f} MB; the limit is 20 MB)"
            elif st.st_blocks * 512 < st.st_size // 2:
                problem = "a sparse file (mostly holes), not a notebook"
            found.append(Entry(rel, student, problem, st.st_size))

    walk(root, [])
    return found


def _read_capped(path: bytes) -> bytes:
    """A regular file's bytes, refusing links and anything over the size limit."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_NOTEBOOK_BYTES:
            raise OSError("not a regular file within the size limit")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_NOTEBOOK_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise OSError("grew past the size limit")
    return data


def _fingerprints(folder: Path, entries: Iterable[Entry]) -> dict[bytes, str]:
    root = os.fsencode(folder)
    out = {}
    for e in entries:
        path = os.path.join(root, e.rel)
        try:
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode) and st.st_size <= MAX_NOTEBOOK_BYTES:
                out[e.rel] = hashlib.sha256(_read_capped(path)).hexdigest()
            else:
                out[e.rel] = f"{stat.S_IFMT(st.st_mode)}:{st.st_size}"
        except OSError:
            out[e.rel] = "unreadable"
    return out


def _chapter_of(entry: Entry, nb: dict) -> str | None:
    known = set(checks.chapters())
    meta = nb.get("metadata", {}) if isinstance(nb, dict) else {}
    tagged = meta.get("coursekit", {}) if isinstance(meta, dict) else {}
    chapter = tagged.get("chapter") if isinstance(tagged, dict) else None
    if isinstance(chapter, str) and chapter in known:
        return chapter
    for match in _CHAPTER_IN_NAME.finditer(os.path.basename(entry.file)):
        if f"ch{match.group(1)}" in known:
            return f"ch{match.group(1)}"
    return None


# --------------------------------------------------------------------------------------------
# The hidden key


def load_key(path: Path) -> dict[str, list[dict]]:
    """Extra test cases per function question, from a TOML file outside the student package.

    ``[ch10.kogut_singh]`` / ``cases = [{...}, ...]``: each case gives the same arguments as the
    question's own cases; the reference function is run on each now, so a bad case fails here.
    """
    import coursekit

    path = Path(path).resolve()
    package = Path(coursekit.__file__).resolve().parent
    if path.is_relative_to(package):
        raise ValueError(
            f"The key {path} is inside the student package; keep it outside, where students "
            "who install coursekit cannot read it"
        )
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ValueError(f"The key {path} could not be read as TOML: {err}") from None
    key: dict[str, list[dict]] = {}
    for chapter, questions in raw.items():
        if not isinstance(questions, dict):
            raise ValueError(f"key: [{chapter}] must hold questions, like [ch10.kogut_singh]")
        for name, spec in questions.items():
            qid = f"{chapter}.{name}"
            try:
                q = checks.question(qid)
            except ValueError as err:
                raise ValueError(f"key: {err}") from None
            if q.kind != "function":
                raise ValueError(
                    f"key: {qid} is a {q.kind} question; hidden cases apply to function questions"
                )
            cases = spec.get("cases") if isinstance(spec, dict) else None
            if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
                raise ValueError(f"key: {qid} needs cases = [{{...}}, ...], a list of tables")
            want = set(q.cases[0]) if q.cases else None
            reference = checks._expected_callable(q.expected)
            for i, case in enumerate(cases, 1):
                if want is not None and set(case) != want:
                    raise ValueError(
                        f"key: {qid} case {i} has arguments {sorted(case)}; the question's cases "
                        f"use {sorted(want)}"
                    )
                try:
                    float(reference(**case))
                except Exception as err:
                    raise ValueError(
                        f"key: {qid} case {i}: the reference function fails on it ({err})"
                    ) from None
            key[qid] = [dict(c) for c in cases]
    return key


# --------------------------------------------------------------------------------------------
# Running and scoring one notebook


@dataclass
class Outcome:
    entry: Entry
    status: str
    detail: str = ""  # fixed vocabulary: safe to show the student
    chapter: str | None = None
    verdicts: dict[str, checks.CheckResult] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # qid -> text, for the instructor
    ignored_ids: int = 0  # answers to questions of other chapters or invented ids
    log: str = ""  # instructor only
    feedback_name: str = ""

    @property
    def points(self) -> float:
        return sum(v.points for v in self.verdicts.values())

    @property
    def max_points(self) -> float:
        return sum(q.points for q in checks.questions(self.chapter)) if self.chapter else 0.0


def _worker_env() -> dict[str, str]:
    from coursekit.data import data_dir

    try:
        data = {"COURSEKIT_DATA_DIR": str(data_dir())}  # bound read-only at the same path
    except FileNotFoundError:
        data = {}
    return {
        **data,
        "HOME": "/scratch",
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": "/scratch/.config/matplotlib",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "JUPYTER_RUNTIME_DIR": "/scratch/.jupyter/runtime",
        "JUPYTER_CONFIG_DIR": "/scratch/.jupyter/config",
        "JUPYTER_PLATFORM_DIRS": "1",
        "IPYTHONDIR": "/scratch/.ipython",
        "COURSEKIT_ANSWERS_FILE": "/scratch/.coursekit/answers.jsonl",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
    }


def _font_cache() -> dict[str, bytes]:
    """matplotlib's font list, built once by the grader and copied into each sandbox.

    A fresh HOME otherwise rebuilds it in every notebook (3-4 s each); a copy (not a shared
    folder) means no notebook can plant a file for the next one.
    """
    with tempfile.TemporaryDirectory(prefix="coursekit-mpl-") as d:
        subprocess.run(
            [sys.executable, "-c", "import matplotlib.font_manager"],
            env={"MPLCONFIGDIR": d, "PATH": os.environ.get("PATH", "/usr/bin")},
            check=False,
            capture_output=True,
            timeout=300,
        )
        return {
            f"/scratch/.config/matplotlib/{p.name}": p.read_bytes()
            for p in Path(d).glob("fontlist-*.json")
        }


def _run_unsafe(
    data: bytes, name: str, stdin: bytes, timeout: float, limits: sandbox.Limits
) -> sandbox.RunResult:
    """``--unsafe``: the same worker with no isolation (an explicit choice, said so in the log)."""
    with tempfile.TemporaryDirectory(prefix="coursekit-unsafe-") as d:
        nb = Path(d) / name
        nb.write_bytes(data)
        r, w = os.pipe()
        env = {k: v.replace("/scratch", d) for k, v in _worker_env().items()}
        proc = subprocess.Popen(
            [
                sys.executable,
                WORKER,
                str(nb),
                str(timeout),
            ]
            + ["--record-fd", str(w), "--scratch", d],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            pass_fds=(w,),
            env=env,
            cwd=d,
            start_new_session=True,
        )
        os.close(w)
        try:
            out, _ = proc.communicate(stdin, timeout=limits.wall_seconds + 60)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            out, _ = proc.communicate()
            timed_out = True
        with os.fdopen(r, "rb") as fh:
            record = fh.read(limits.record_bytes + 1)
        return sandbox.RunResult(
            proc.returncode, timed_out, record or None, False, out[-limits.log_bytes :]
        )


def _parse_record(raw: bytes | None) -> dict | None:
    if raw is None:
        return None
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _last_answers(text: object, chapter: str) -> tuple[dict[str, object], int]:
    """The last answer given to each question of ``chapter``; and how many lines were ignored."""
    answers: dict[str, object] = {}
    ignored = 0
    if not isinstance(text, str):
        return answers, 0
    own = {q.qid for q in checks.questions(chapter)}
    for line in text.splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            ignored += 1
            continue
        qid = row.get("qid") if isinstance(row, dict) else None
        if not isinstance(qid, str) or qid not in own or "answer" not in row:
            ignored += 1
            continue
        answers[qid] = row["answer"]
    return answers, ignored


def _score(chapter: str, record: dict, cases: dict[str, list[dict]]) -> tuple[dict, dict, int]:
    """Judge a run's answers; ``cases`` are each function question's public and hidden cases
    (a question not in it is judged on its public cases)."""
    answers, ignored = _last_answers(record.get("answers"), chapter)
    try:
        functions = json.loads(record.get("functions") or "{}")
    except (TypeError, ValueError):
        functions = {}
    functions = functions if isinstance(functions, dict) else {}
    verdicts: dict[str, checks.CheckResult] = {}
    written: dict[str, str] = {}
    for q in checks.questions(chapter):
        node = answers.get(q.qid)
        if node is None:
            verdicts[q.qid] = checks.judge(q, ...)
            continue
        try:
            answer = _answers.decode(node)
        except _answers.DecodeError:
            answer = _answers.Unsupported("an answer that could not be read")
        if q.kind == "function":
            if isinstance(answer, _answers.Unsupported) and answer.what == "function":
                given = tuple(cases.get(q.qid, q.cases))
                try:
                    result = checks.judge_function_outputs(q, given, functions.get(q.qid))
                except checks._Invalid as err:
                    result = checks.CheckResult(q.qid, "invalid", str(err), q.hint, 0.0, q.points)
            else:
                result = checks.judge(q, answer)
        else:
            result = checks.judge(q, answer)
            if q.kind == "written" and result.status == "recorded":
                written[q.qid] = answer
        points = result.points if math.isfinite(result.points) else 0.0
        verdicts[q.qid] = checks.CheckResult(
            q.qid,
            result.status,
            result.message,
            result.hint,
            min(max(points, 0.0), q.points),
            q.points,
            result.details,
        )
    return verdicts, written, ignored


def _grade_entry(
    folder: Path, entry: Entry, *, timeout: float, key: dict, unsafe: bool, fonts: dict
) -> Outcome:
    if entry.problem:
        return Outcome(entry, "not a notebook", entry.problem)
    try:
        data = _read_capped(os.path.join(os.fsencode(folder), entry.rel))
    except OSError:
        return Outcome(entry, "not a notebook", "the file could not be read (gone or changed)")
    try:
        nb = json.loads(data)
    except ValueError:
        return Outcome(entry, "not a notebook", "not valid notebook JSON")
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return Outcome(entry, "not a notebook", "not valid notebook JSON (no cells)")
    chapter = _chapter_of(entry, nb)
    if chapter is None:
        return Outcome(
            entry, "not a course notebook", "no course chapter in its metadata or file name"
        )
    del nb
    cases = {
        q.qid: list(q.cases) + key.get(q.qid, [])
        for q in checks.questions(chapter)
        if q.kind == "function"
    }
    name = f"{chapter}_submission.ipynb"
    limits = sandbox.Limits(wall_seconds=timeout + 60)
    stdin = json.dumps(cases).encode()
    if unsafe:
        run = _run_unsafe(data, name, stdin, timeout, limits)
    else:
        run = sandbox.run(
            [
                sys.executable,
                WORKER,
                f"/scratch/{name}",
                str(timeout),
            ],
            files={f"/scratch/{name}": data, **fonts},
            stdin=stdin,
            env=_worker_env(),
            limits=limits,
        )
    log = run.log_tail.decode("utf-8", "replace")
    record = _parse_record(run.record)
    if record is None:
        if run.timed_out:
            return Outcome(entry, "timed out", f"stopped after {timeout:g} s", chapter, log=log)
        why = "its record was too large" if run.record_too_large else "it stopped early"
        return Outcome(entry, "error", f"the notebook could not be run ({why})", chapter, log=log)
    if record.get("status") == "not a notebook":
        reason = record.get("reason")
        detail = reason if isinstance(reason, str) and reason.isprintable() else "not readable"
        return Outcome(entry, "not a notebook", detail[:80], chapter, log=log)
    verdicts, written, ignored = _score(chapter, record, cases)
    raw_errors = record.get("errors")
    errors: list = raw_errors if isinstance(raw_errors, list) else []
    names = [e[1] for e in errors if isinstance(e, list) and len(e) == 2 and isinstance(e[1], str)]
    status, detail = "ok", ""
    if record.get("timed_out") is True or run.timed_out:
        status, detail = "timed out", f"stopped after {timeout:g} s; answers checked before count"
    elif "MemoryError" in names:
        status, detail = "out of memory", "a cell ran out of memory (MemoryError)"
    elif record.get("dead_kernel") is True:
        status, detail = "error", "the kernel stopped (it may have run out of memory)"
    elif errors:
        first = errors[0]
        cell = first[0] + 1 if isinstance(first[0], int) else "?"
        kind = first[1] if re.fullmatch(r"[A-Za-z_][\w.]{0,60}", str(first[1])) else "an error"
        n = record.get("n_errors") if isinstance(record.get("n_errors"), int) else len(errors)
        status, detail = "error", f"{n} cell(s) raised an error; the first: cell {cell}, {kind}"
    if ignored:
        log += f"\n[grader] {ignored} answer line(s) ignored (other chapters, unknown ids, damaged)"
    return Outcome(entry, status, detail, chapter, verdicts, written, ignored, log)


def _mark_duplicates(entries: list[Entry], outcomes: dict[bytes, Outcome]) -> None:
    """One graded notebook per student and chapter; the others are listed as duplicates.

    Rule: the file named like the exercise (``chNN_slug.ipynb``) wins; else the first in order.
    """
    groups: dict[tuple[bytes, str], list[Outcome]] = {}
    for e in entries:
        o = outcomes[e.rel]
        if o.chapter and o.status not in ("not a notebook", "not a course notebook"):
            groups.setdefault((e.student_raw, o.chapter), []).append(o)
    for (_, chapter), items in groups.items():
        if len(items) < 2:
            continue
        canonical = re.compile(rf"^{chapter}_[a-z0-9_]+\.ipynb$")
        items.sort(key=lambda o: (not canonical.match(os.path.basename(o.entry.file)), o.entry.rel))
        kept = items[0]
        for o in items[1:]:
            o.status = "duplicate"
            o.detail = f"another notebook for {chapter} is graded: {_plain(kept.entry.file, 60)}"
            o.verdicts = {}
            o.written = {}


# --------------------------------------------------------------------------------------------
# Writing the results


def _plain(text: str, limit: int = 120) -> str:
    """Text safe for a gradebook cell or a feedback line: printable, bounded."""
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell(text: str) -> str:
    """A CSV text cell that a spreadsheet will not run as a formula."""
    text = _plain(text, 300)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _feedback_names(outcomes: list[Outcome]) -> None:
    """Distinct, portable feedback file names: a readable part plus a hash of the raw name."""
    for o in outcomes:
        raw = o.entry.student_raw
        readable = re.sub(r"[^A-Za-z0-9_-]+", "_", o.entry.student)[:40].strip("_") or "student"
        o.feedback_name = f"{readable}-{hashlib.sha256(raw).hexdigest()[:8]}"


_LABEL = {
    "correct": "correct",
    "incorrect": "not yet",
    "invalid": "not yet (the answer could not be read)",
    "not_attempted": "not answered",
    "recorded": "recorded; your instructor marks it with a rubric",
}


def _feedback_md(student: str, items: list[Outcome]) -> str:
    lines = [f"# Feedback for {_plain(student, 80)}", ""]
    for o in items:
        lines += [f"## {_plain(o.entry.file, 120)}", "", f"Status: **{o.status}**"]
        if o.detail:
            lines[-1] += f" — {_plain(o.detail)}"
        lines.append("")
        if o.chapter and o.status not in ("duplicate", "not a notebook", "not a course notebook"):
            for q in checks.questions(o.chapter):
                v = o.verdicts.get(q.qid)
                status = v.status if v is not None else "not_attempted"
                line = f"- `{q.qid}`: {_LABEL[status]}"
                if status in ("incorrect", "invalid") and q.hint:
                    line += f". Hint: {q.hint}"  # the hint, never the expected answer
                lines.append(line)
            lines += ["", f"Score: {o.points:g} of {o.max_points:g} (written answers marked later)"]
            lines.append("")
    return "\n".join(lines) + "\n"


def _feedback_html(markdown_text: str) -> str:
    body = []
    for line in markdown_text.splitlines():
        esc = html.escape(line)
        esc = re.sub(r"`([^`]*)`", r"<code>\1</code>", esc)
        esc = re.sub(r"\*\*([^*]*)\*\*", r"<strong>\1</strong>", esc)
        if line.startswith("# "):
            body.append(f"<h1>{esc[2:]}</h1>")
        elif line.startswith("## "):
            body.append(f"<h2>{esc[3:]}</h2>")
        elif line.startswith("- "):
            body.append(f"<li>{esc[2:]}</li>")
        elif line:
            body.append(f"<p>{esc}</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Feedback</title></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _columns(outcomes: list[Outcome]) -> list[str]:
    chapters = sorted({o.chapter for o in outcomes if o.chapter})
    return [q.qid for ch in chapters for q in checks.questions(ch)]


def _gradebook_rows(outcomes: list[Outcome], columns: list[str]) -> list[list[str]]:
    rows = []
    for o in outcomes:
        row = [_cell(o.entry.student), _cell(o.entry.file), o.chapter or "", o.status]
        pending = 0
        graded = o.chapter and o.status not in ("duplicate", "not a notebook")
        for qid in columns:
            if not (graded and qid.startswith(f"{o.chapter}.")):
                row.append("")
                continue
            q = checks.question(qid)
            if q.kind == "written" and qid in o.written:
                pending += 1
                row.append("")  # an answer to mark: filled by --merge-marks
            elif q.kind == "written":
                row.append("0")  # not answered: nothing to mark
            else:
                v = o.verdicts.get(qid)
                row.append(f"{v.points:g}" if v is not None else "0")
        total = o.points if graded else 0.0
        row += [f"{total:g}", f"{o.max_points:g}" if graded else "0", str(pending)]
        row.append(_cell(o.detail))
        rows.append(row)
    return rows


HEADER_START = ["student", "file", "chapter", "status"]
HEADER_END = ["total", "max", "to_mark", "detail"]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("x", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _replace_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Rewrite ``path`` in one step: a complete new file, then an atomic rename over it."""
    tmp = path.with_name(f".{path.name}.new")
    tmp.unlink(missing_ok=True)
    _write_csv(tmp, header, rows)
    os.replace(tmp, path)


def _lms_tables(header: list[str], rows: list[list[str]], fmt: str) -> tuple[list, list]:
    """One row per student, one column per notebook, in Canvas's or Moodle's import layout."""
    i_student, i_chapter, i_total, i_max, i_status = (
        header.index("student"),
        header.index("chapter"),
        header.index("total"),
        header.index("max"),
        header.index("status"),
    )
    chapters = sorted({r[i_chapter] for r in rows if r[i_chapter]})
    maxima: dict[str, str] = {}
    scores: dict[str, dict[str, str]] = {}
    for r in rows:
        if not r[i_chapter] or r[i_status] in ("duplicate", "not a notebook"):
            continue
        maxima[r[i_chapter]] = r[i_max]
        scores.setdefault(r[i_student], {})[r[i_chapter]] = r[i_total]
    names = {ch: f"Going Global {ch}" for ch in chapters}
    if fmt == "canvas":
        # Canvas gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then one
        # column per assignment; a "Points Possible" row under the header.
        head = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *names.values()]
        body = [["Points Possible", "", "", "", "", *(maxima[ch] for ch in chapters)]]
        for student, got in sorted(scores.items()):
            body.append([student, "", "", student, "", *(got.get(ch, "") for ch in chapters)])
        return head, body
    # Moodle grade import (CSV): a user identifier column (mapped to "username" on import) and
    # one column per grade item.
    head = ["Username", *names.values()]
    body = [[s, *(got.get(ch, "") for ch in chapters)] for s, got in sorted(scores.items())]
    return head, body


def _written_md(o: Outcome) -> str:
    lines = [f"# Written answers: {_plain(o.entry.student, 80)} — {_plain(o.entry.file)}", ""]
    for qid, text in o.written.items():
        q = checks.question(qid)
        lines += [f"## {qid} ({q.points:g} points)", "", f"**Prompt.** {q.prompt}", ""]
        lines += [f"**Rubric.** {q.rubric}", "", "**Answer.**", "", text, ""]
    return "\n".join(lines) + "\n"


def _check_out(submissions: Path, out: Path, force: bool) -> None:
    if out == submissions or out.is_relative_to(submissions) or submissions.is_relative_to(out):
        raise ValueError(
            f"The results folder {out} and the submissions folder {submissions} overlap (one is "
            "inside the other); choose a results folder outside the submissions"
        )
    if out.is_symlink():
        raise ValueError(f"The results folder {out} is a symbolic link; give a real folder")
    if out.exists():
        if not out.is_dir():
            raise FileExistsError(f"{out} is a file; choose a folder for the results")
        if any(out.iterdir()):
            if not force:
                raise FileExistsError(
                    f"{out} already holds results; pass --force to replace them, or choose a "
                    "new folder"
                )
            if not (out / MARKER).is_file():
                raise FileExistsError(
                    f"{out} holds files that coursekit grade did not write (no {MARKER}); "
                    "--force replaces only earlier results of coursekit grade"
                )


def _replace_folder(tmp: Path, out: Path) -> str:
    """Move the finished results into place; remove only the files an earlier run wrote."""
    if not out.exists():
        os.rename(tmp, out)
        return ""
    old = out.parent / f".{out.name}.replaced-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    os.rename(out, old)
    os.rename(tmp, out)
    try:
        listed = json.loads((old / MARKER).read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        listed = []
    for rel in [*listed, MARKER]:
        target = old / rel
        if isinstance(rel, str) and target.is_file() and not target.is_symlink():
            target.unlink()
    for folder in sorted((p for p in old.rglob("*") if p.is_dir()), reverse=True):
        try:
            folder.rmdir()
        except OSError:
            pass
    try:
        old.rmdir()
        return ""
    except OSError:
        return f"files coursekit grade did not write were kept in {old}"


def grade(
    submissions: Path,
    out: Path,
    *,
    timeout: float = 120.0,
    jobs: int | None = None,
    force: bool = False,
    key: Path | None = None,
    formats: Iterable[str] = ("csv",),
    unsafe: bool = False,
    progress: bool = True,
) -> list[Outcome]:
    """Grade every entry under ``submissions``; write gradebook, feedback and instructor files.

    ``out`` gets ``gradebook.csv`` (and ``canvas.csv`` / ``moodle.csv`` when asked),
    ``feedback/<name>.md`` and ``.html`` for each student, and for the instructor only
    ``written/`` (answers with their rubric), ``marks-template.csv``, ``logs/`` and
    ``integrity.txt``.
    """
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(f"timeout must be a number of seconds, not {type(timeout).__name__}")
    if not (math.isfinite(timeout) and timeout > 0):
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout}")
    formats = list(dict.fromkeys(["csv", *formats]))
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"unknown format {bad[0]!r}; choose from {', '.join(FORMATS)}")
    submissions, out = Path(submissions).resolve(), Path(out).absolute()
    out = out.parent.resolve() / out.name
    if not submissions.is_dir():
        raise ValueError(f"Submissions folder {submissions} does not exist or is not a folder")
    _check_out(submissions, out, force)
    hidden = load_key(key) if key else {}
    if not unsafe:
        reason = sandbox.unavailable_reason()
        if reason:
            raise RuntimeError(
                f"The grading sandbox cannot start: {reason}. Students' code would run with your "
                "rights; install bubblewrap, or pass --unsafe to grade without isolation anyway"
            )
    entries = find_submissions(submissions)
    before = _fingerprints(submissions, entries)
    fonts = {} if unsafe else _font_cache()
    # One more notebook than cores: each run waits (kernel start, messages) for part of its
    # time; on 2 cores 3 at once grade about a sixth faster than 2 (BENCHMARKS.md).
    workers = max(1, min(jobs or (os.cpu_count() or 1) + 1, len(entries) or 1))

    def one(e: Entry) -> Outcome:
        try:
            return _grade_entry(
                submissions, e, timeout=timeout, key=hidden, unsafe=unsafe, fonts=fonts
            )
        except Exception as err:  # one entry's failure is its own row, never the class's
            return Outcome(
                e, "error", f"the grader could not handle this file ({type(err).__name__})"
            )

    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(entries), desc="grading", unit="notebook")
    results: dict[bytes, Outcome] = {}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(one, e): e for e in entries}
        for fut in as_completed(futures):  # the bar moves as notebooks finish, in any order
            results[futures[fut].rel] = fut.result()
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    _mark_duplicates(entries, results)
    outcomes = [results[e.rel] for e in entries]
    after = _fingerprints(submissions, find_submissions(submissions))
    changed = sorted(
        k.decode("utf-8", "replace")
        for k in set(before) | set(after)
        if before.get(k) != after.get(k)
    )
    _feedback_names(outcomes)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    try:
        written = _write_results(tmp, outcomes, formats, changed)
        (tmp / MARKER).write_text(
            # the version that graded: a re-grade with another release is then visible
            json.dumps(
                {"files": written, "formats": formats, "coursekit": coursekit.__version__},
                indent=1,
            ),
            encoding="utf-8",
        )
        note = _replace_folder(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)  # our own temporary folder only
        raise
    if note:
        print(f"coursekit grade: {note}", file=sys.stderr)
    return outcomes


def _write_results(
    tmp: Path, outcomes: list[Outcome], formats: list[str], changed: list[str]
) -> list[str]:
    written: list[str] = []
    columns = _columns(outcomes)
    header = [*HEADER_START, *columns, *HEADER_END]
    rows = _gradebook_rows(outcomes, columns)
    _write_csv(tmp / "gradebook.csv", header, rows)
    written.append("gradebook.csv")
    for fmt in formats:
        if fmt != "csv":
            head, body = _lms_tables(header, rows, fmt)
            _write_csv(tmp / f"{fmt}.csv", head, body)
            written.append(f"{fmt}.csv")
    for sub in ("feedback", "written", "logs"):
        (tmp / sub).mkdir()
    by_student: dict[bytes, list[Outcome]] = {}
    for o in outcomes:
        by_student.setdefault(o.entry.student_raw, []).append(o)
    for items in by_student.values():
        name = items[0].feedback_name
        text = _feedback_md(items[0].entry.student, items)
        for rel, content in (
            (f"feedback/{name}.md", text),
            (f"feedback/{name}.html", _feedback_html(text)),
        ):
            (tmp / rel).open("x", encoding="utf-8").write(content)
            written.append(rel)
    marks = []
    for i, o in enumerate(outcomes):
        stem = f"{o.feedback_name}-{i:03d}"
        if o.written:
            rel = f"written/{stem}.md"
            (tmp / rel).open("x", encoding="utf-8").write(_written_md(o))
            written.append(rel)
            marks += [[_cell(o.entry.student), _cell(o.entry.file), qid, ""] for qid in o.written]
        if o.log.strip():
            rel = f"logs/{stem}.txt"
            (tmp / rel).open("x", encoding="utf-8").write(o.log)
            written.append(rel)
    _write_csv(tmp / "marks-template.csv", ["student", "file", "qid", "points"], marks)
    written.append("marks-template.csv")
    report = (
        ["Submissions unchanged by grading."]
        if not changed
        else [
            "Files under the submissions folder that changed while grading ran (not the grader):",
            *changed,
        ]
    )
    report.append(f"Graded with coursekit {coursekit.__version__}.")
    (tmp / "integrity.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    written.append("integrity.txt")
    return written


# --------------------------------------------------------------------------------------------
# Manual marks for written answers


def merge_marks(out: Path, marks: Path) -> int:
    """Put an instructor's marks for written answers into ``out/gradebook.csv``.

    ``marks`` is a CSV with columns ``student, file, qid, points`` (``marks-template.csv``
    filled in). Every row is checked first (a known row, a written question of that notebook's
    chapter, 0 <= points <= the question's points); if any is wrong nothing is changed and the
    error lists them all. Returns the number of marks merged.
    """
    out = Path(out)
    book = out / "gradebook.csv"
    if not (out / MARKER).is_file() or not book.is_file():
        raise ValueError(f"{out} is not a results folder of coursekit grade (no gradebook.csv)")
    with book.open(encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    header, rows = table[0], table[1:]
    try:
        with Path(marks).open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            given = list(reader)
            fields = set(reader.fieldnames or ())
    except OSError as err:
        raise ValueError(f"The marks file {marks} could not be read: {err}") from None
    need = {"student", "file", "qid", "points"}
    if not need <= fields:
        raise ValueError(f"The marks file needs the columns {', '.join(sorted(need))}")
    index = {(r[0], r[1]): r for r in rows}
    problems, updates = [], []
    for n, m in enumerate(given, start=2):
        where = f"line {n}"
        row = index.get((m["student"], m["file"]))
        if row is None:
            problems.append(
                f"{where}: no gradebook row for student {m['student']!r}, file {m['file']!r}"
            )
            continue
        qid = m["qid"]
        if qid not in header:
            problems.append(f"{where}: {qid!r} is not a question of this gradebook")
            continue
        q = checks.question(qid)
        if q.kind != "written" or not qid.startswith(f"{row[2]}."):
            problems.append(f"{where}: {qid} is not a written question of that notebook's chapter")
            continue
        if not (m["points"] or "").strip():
            continue  # not marked yet: left pending
        try:
            points = float(m["points"])
        except (TypeError, ValueError):
            problems.append(f"{where}: points must be a number, not {m['points']!r}")
            continue
        if not (math.isfinite(points) and 0 <= points <= q.points):
            problems.append(
                f"{where}: points must be between 0 and {q.points:g}, not {m['points']}"
            )
            continue
        updates.append((row, header.index(qid), points))
    if problems:
        raise ValueError("No marks merged; fix these lines first:\n" + "\n".join(problems))
    i_total, i_mark = header.index("total"), header.index("to_mark")
    for row, col, points in updates:
        if row[col] == "":
            row[i_mark] = str(int(row[i_mark]) - 1)
        row[col] = f"{points:g}"
    first_q, last_q = len(HEADER_START), len(header) - len(HEADER_END)
    for row in rows:
        row[i_total] = f"{sum(float(x) for x in row[first_q:last_q] if x):g}"
    _replace_csv(book, header, rows)
    formats = json.loads((out / MARKER).read_text(encoding="utf-8")).get("formats", [])
    for fmt in formats:
        if fmt != "csv":
            _replace_csv(out / f"{fmt}.csv", *_lms_tables(header, rows, fmt))
    return len(updates)


# --------------------------------------------------------------------------------------------
# Sample submissions


def _notebook(*sources: str, chapter: str = "ch10") -> str:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["coursekit"] = {"chapter": chapter}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    return nbformat.writes(nb)


def write_sample_submissions(folder: Path) -> list[Path]:
    """Write a small class (good, partial, broken, hostile) for trying the grader.

    Every file answers chapter 10's symmetry question, which needs no data; the hostile ones
    loop forever, raise, flood their output, forge results or try to reach other files.
    """
    if isinstance(folder, bool) or not isinstance(folder, (str, os.PathLike)):
        raise TypeError(
            f"folder must be a folder path (a str or pathlib.Path), not {type(folder).__name__}"
        )
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"{folder} is a file; choose a new folder for the samples")
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty; choose a new folder for the samples")
    q = 'import coursekit\ncoursekit.check("ch10.symmetric", {})'
    forge = (
        "import json, os\n"
        "with open(os.environ['COURSEKIT_ANSWERS_FILE'], 'a') as fh:\n"
        "    fh.write(json.dumps({'qid': 'ch10.symmetric', 'status': 'correct', 'points': 1000}))"
    )
    samples = {
        "ada/ch10_culture.ipynb": _notebook(
            q.format("True"), 'coursekit.check("ch10.usa_jpn_four", ...)'
        ),
        "ben/ch10_culture.ipynb": _notebook(q.format("False")),
        "cleo/ch10_culture.ipynb": _notebook(q.format("True"), "raise RuntimeError('oops')"),
        "dan/ch10_culture.ipynb": _notebook(q.format("True"), "while True:\n    pass"),
        "eve/ch10_culture.ipynb": _notebook(q.format("True"), "print('x' * 5_000_000)"),
        "finn/ch10_culture.ipynb": _notebook(
            "import os\nfor f in os.listdir('.'):\n    os.remove(f)", q.format("True")
        ),
        "gus/ch10_culture.ipynb": '{"cells": [ this is not json',
        "hana/ch10_culture.ipynb": "",
        "ivan/ch10_culture.txt": "I could not get Jupyter to work, sorry.",
        "jo/ch10_culture.ipynb": _notebook(q.format("False"), forge),
    }
    written = []
    for rel, text in samples.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
