"""Grade a folder of submitted notebooks: ``coursekit grade SUBMISSIONS_DIR --out RESULTS_DIR``.

Each notebook runs in a temporary copy, in its own process group with a time limit, with
``COURSEKIT_RESULTS_FILE`` pointing at a file where every ``coursekit.check`` call appends its
verdict. Nothing under the submissions folder is ever written, moved or deleted; earlier results
are never overwritten unless asked for. A notebook that loops, raises, floods its output, deletes
files, is not JSON or is empty is reported with a status and grading goes on.

Layout of the submissions folder: ``SUBMISSIONS_DIR/<student>/<chNN_name>.ipynb`` (one folder per
student), or flat files ``SUBMISSIONS_DIR/<student>__<chNN_name>.ipynb``.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from coursekit import checks

__all__ = [
    "Submission",
    "Outcome",
    "find_submissions",
    "grade_one",
    "grade",
    "write_sample_submissions",
    "add_parser",
]

STATUSES = ("ok", "error", "timed out", "not a notebook")
OUTPUT_CAP = 64_000  # bytes of a notebook's own stdout/stderr kept for the feedback


@dataclass(frozen=True)
class Submission:
    student: str
    notebook: str  # e.g. "ch10_culture"
    path: Path

    def __post_init__(self) -> None:
        # Only types: a file named "__x.ipynb" gives an empty student, and is still graded.
        for name in ("student", "notebook"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(
                    f"Submission {name} must be text (a str), not {type(value).__name__} "
                    f"{value!r:.40}"
                )
        if isinstance(self.path, str):
            object.__setattr__(self, "path", Path(self.path))
        if not isinstance(self.path, Path):
            raise TypeError(
                "Submission path must be the notebook's path (a pathlib.Path or str), "
                f"not {type(self.path).__name__}"
            )


@dataclass
class Outcome:
    submission: Submission
    status: str
    detail: str = ""
    results: dict[str, dict] = field(default_factory=dict)  # qid -> last result

    def __post_init__(self) -> None:
        if not isinstance(self.submission, Submission):
            raise TypeError(
                "Outcome submission must be a grading.Submission (see find_submissions()), "
                f"not {type(self.submission).__name__}"
            )
        if self.status not in STATUSES:
            raise ValueError(
                f"Outcome status must be one of {', '.join(map(repr, STATUSES))}, "
                f"not {self.status!r}"
            )
        if not isinstance(self.results, dict):
            raise TypeError(
                f"Outcome results must be a dict of qid -> result, "
                f"not {type(self.results).__name__}"
            )

    @property
    def chapter(self) -> str | None:
        name = self.submission.notebook
        return name[:4] if len(name) >= 4 and name[:2] == "ch" and name[2:4].isdigit() else None


def find_submissions(folder: Path) -> list[Submission]:
    """Every file under ``folder``, as (student, notebook) pairs, sorted; hidden files skipped."""
    if not folder.is_dir():
        raise ValueError(f"Submissions folder {folder} does not exist or is not a folder")
    found: list[Submission] = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        if len(rel.parts) >= 2:
            student, notebook = rel.parts[0], Path(*rel.parts[1:]).with_suffix("").as_posix()
        elif "__" in path.stem:
            student, notebook = path.stem.split("__", 1)
        else:
            student, notebook = path.stem, path.stem
        found.append(Submission(student, notebook, path))
    return found


def _read_results(path: Path) -> dict[str, dict]:
    results: dict[str, dict] = {}
    if not path.exists():
        return results
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                row = json.loads(line)
                results[str(row["qid"])] = row  # the last verdict for a question counts
            except (ValueError, KeyError, TypeError):
                continue
    return results


def _validate_notebook(path: Path) -> str | None:
    """Why ``path`` is not a runnable notebook, or None if it is one."""
    if path.suffix != ".ipynb":
        return f"not a notebook file ({path.suffix or 'no extension'})"
    if path.stat().st_size == 0:
        return "the file is empty"
    try:
        import nbformat

        nb = nbformat.read(path, as_version=4)
    except Exception as err:  # any parse failure is the student's file, not ours
        return f"not valid notebook JSON ({type(err).__name__})"
    if not nb.cells:
        return "the notebook has no cells"
    return None


def _check_timeout(timeout: object) -> None:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(
            f"timeout must be a number of seconds, not {type(timeout).__name__} {timeout!r:.40}"
        )
    if not (math.isfinite(timeout) and timeout > 0):
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout}")


def grade_one(sub: Submission, *, timeout: float = 120.0) -> Outcome:
    """Run one submission in a scratch copy and collect its check results."""
    if not isinstance(sub, Submission):
        raise TypeError(
            "sub must be a grading.Submission, as listed by find_submissions(folder), "
            f"not {type(sub).__name__}"
        )
    _check_timeout(timeout)
    if not sub.path.is_file():  # gone since it was listed: report it, grading goes on
        return Outcome(sub, "not a notebook", "the file does not exist (any more)")
    problem = _validate_notebook(sub.path)
    if problem:
        return Outcome(sub, "not a notebook", problem)
    with tempfile.TemporaryDirectory(prefix="coursekit-grade-") as scratch:
        work = Path(scratch) / "work"
        work.mkdir()
        home = Path(scratch) / "home"  # kernels write config here, not among the student's files
        home.mkdir()
        copy = work / sub.path.name
        shutil.copyfile(sub.path, copy)
        results_file = Path(scratch) / "results.jsonl"
        summary_file = Path(scratch) / "summary.json"
        log_file = Path(scratch) / "log.txt"
        env = {
            **os.environ,
            "COURSEKIT_RESULTS_FILE": str(results_file),
            "HOME": str(home),
            "MPLBACKEND": "Agg",
            "PYTHONHASHSEED": "0",
        }
        with log_file.open("wb") as log:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "coursekit.grading",
                    "--run-one",
                    str(copy),
                    str(summary_file),
                    str(timeout),
                ],
                cwd=work,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # so the kernel dies with it on a timeout
            )
            try:
                proc.wait(timeout=timeout + 30)
                timed_out = False
            except subprocess.TimeoutExpired:
                timed_out = True
            finally:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        results = _read_results(results_file)
        summary = {}
        if summary_file.exists():
            try:
                summary = json.loads(summary_file.read_text(encoding="utf-8"))
            except ValueError:
                summary = {}
        if timed_out or summary.get("timed_out"):
            return Outcome(sub, "timed out", f"stopped after {timeout:g} s", results)
        if summary.get("errors"):
            first = summary.get("first_error", "")
            return Outcome(
                sub, "error", f"{summary['errors']} cell(s) raised; first: {first}", results
            )
        if proc.returncode != 0 or not summary:
            tail = log_file.read_bytes()[-OUTPUT_CAP:].decode("utf-8", "replace").strip()
            last = tail.splitlines()[-1] if tail else f"exit code {proc.returncode}"
            return Outcome(sub, "error", f"the notebook could not be run: {last}", results)
        return Outcome(sub, "ok", "", results)


def _run_one(notebook: str, summary_path: str, timeout: str) -> int:
    """Worker: execute one notebook (in the current folder) and write a summary."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        timeout=float(timeout),
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(Path(notebook).parent)}},
    )
    summary: dict[str, object] = {"timed_out": False}
    try:
        client.execute()
    except CellTimeoutError:
        summary["timed_out"] = True
    except DeadKernelError as err:
        summary["errors"] = 1
        summary["first_error"] = f"the kernel died ({err})"[:300]
    errors = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.append(f"{out.get('ename')}: {out.get('evalue')}"[:300])
    if errors:
        summary["errors"] = len(errors)
        summary["first_error"] = errors[0]
    Path(summary_path).write_text(json.dumps(summary), encoding="utf-8")
    return 0


def _question_columns(outcomes: Iterable[Outcome]) -> list[str]:
    chapters = sorted({o.chapter for o in outcomes if o.chapter})
    known = set(checks.chapters())
    cols: list[str] = []
    for ch in chapters:
        if ch in known:
            cols += [q.qid for q in checks.questions(ch)]
    return cols


def _max_points(chapter: str | None) -> float:
    if chapter and chapter in checks.chapters():
        return sum(q.points for q in checks.questions(chapter))
    return 0.0


def _feedback(student: str, outcomes: list[Outcome]) -> str:
    lines = [f"# Feedback for {student}", ""]
    for o in outcomes:
        lines.append(f"## {o.submission.notebook}")
        lines.append("")
        lines.append(f"Status: **{o.status}**" + (f" — {o.detail}" if o.detail else ""))
        lines.append("")
        if o.chapter and o.chapter in checks.chapters():
            for q in checks.questions(o.chapter):
                r = o.results.get(q.qid)
                if r is None or r.get("status") == "not_attempted":
                    lines.append(f"- `{q.qid}`: not answered")
                elif r.get("status") == "correct":
                    lines.append(f"- `{q.qid}`: correct")
                else:
                    # The hint, never the expected answer.
                    lines.append(f"- `{q.qid}`: not yet. Hint: {q.hint}")
            got = sum(float(r.get("points", 0)) for r in o.results.values())
            lines += ["", f"Score: {got:g} of {_max_points(o.chapter):g}", ""]
        else:
            lines += ["No questions of the course were found for this file.", ""]
    return "\n".join(lines) + "\n"


def _safe_name(student: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in student) or "student"


def grade(
    submissions: Path,
    out: Path,
    *,
    timeout: float = 120.0,
    jobs: int | None = None,
    force: bool = False,
    progress: bool = True,
) -> list[Outcome]:
    """Grade every submission; write ``gradebook.csv`` and ``feedback/<student>.md`` to ``out``."""
    _check_timeout(timeout)
    submissions, out = Path(submissions).resolve(), Path(out).resolve()
    if out == submissions or submissions in out.parents:
        raise ValueError(
            f"The results folder {out} is inside the submissions folder; choose a folder outside "
            "it so that nothing is ever written among the students' files"
        )
    if out.exists() and any(out.iterdir()) and not force:
        raise FileExistsError(
            f"{out} already holds results; pass --force to replace them, or choose a new folder"
        )
    subs = find_submissions(submissions)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(subs) or 1))
    outcomes: list[Outcome] = []
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(subs), desc="grading", unit="notebook")
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(lambda s: grade_one(s, timeout=timeout), subs):
            outcomes.append(outcome)
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()

    if out.exists() and force:
        shutil.rmtree(out)
    (out / "feedback").mkdir(parents=True)
    columns = _question_columns(outcomes)
    with (out / "gradebook.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["student", "notebook", "status", *columns, "total", "max", "detail"])
        for o in outcomes:
            row = [o.submission.student, o.submission.notebook, o.status]
            for qid in columns:
                r = o.results.get(qid)
                applicable = o.chapter and qid.startswith(o.chapter + ".")
                row.append("" if not applicable else f"{float(r['points']):g}" if r else "0")
            total = sum(float(r.get("points", 0)) for r in o.results.values())
            row += [f"{total:g}", f"{_max_points(o.chapter):g}", o.detail]
            writer.writerow(row)
    by_student: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_student.setdefault(o.submission.student, []).append(o)
    for student, items in sorted(by_student.items()):
        path = out / "feedback" / f"{_safe_name(student)}.md"
        path.write_text(_feedback(student, items), encoding="utf-8")
    return outcomes


def _cmd_grade(args: argparse.Namespace) -> int:
    try:
        outcomes = grade(
            Path(args.submissions),
            Path(args.out),
            timeout=args.timeout,
            jobs=args.jobs,
            force=args.force,
            progress=not args.quiet,
        )
    except (ValueError, FileExistsError) as err:
        print(f"coursekit grade: {err}", file=sys.stderr)
        return 2
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no files found"
    print(f"graded {len(outcomes)} file(s): {summary}")
    print(f"gradebook: {Path(args.out) / 'gradebook.csv'}; feedback: {Path(args.out) / 'feedback'}")
    return 0


def _notebook(*sources: str) -> str:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    return nbformat.writes(nb)


def write_sample_submissions(folder: Path) -> list[Path]:
    """Write a small class of submissions (good, partial, broken, hostile) for trying the grader.

    Every file answers chapter 10's symmetry question, which needs no data; the hostile ones
    loop forever, raise, flood their output, or delete the files in their working folder.
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
    }
    written = []
    for rel, text in samples.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _cmd_samples(args: argparse.Namespace) -> int:
    try:
        paths = write_sample_submissions(Path(args.folder))
    except FileExistsError as err:
        print(f"coursekit samples: {err}", file=sys.stderr)
        return 2
    print(f"wrote {len(paths)} sample submissions under {args.folder}")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add the ``samples`` and ``grade`` commands to ``sub``, the object returned by
    ``parser.add_subparsers()``."""
    if not isinstance(sub, argparse._SubParsersAction):
        raise TypeError(
            f"sub must be the object returned by parser.add_subparsers(), not {type(sub).__name__}"
        )
    s = sub.add_parser("samples", help="write a folder of sample submissions to try grading on")
    s.add_argument("folder")
    s.set_defaults(func=_cmd_samples)
    p = sub.add_parser("grade", help="run submitted notebooks and write a gradebook")
    p.add_argument("submissions", help="folder of submissions: <student>/<chNN_name>.ipynb")
    p.add_argument("--out", required=True, help="folder for gradebook.csv and feedback/")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per notebook")
    p.add_argument("--jobs", type=int, default=None, help="notebooks at once (default: cores)")
    p.add_argument("--force", action="store_true", help="replace earlier results in --out")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_grade)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--run-one":
        sys.exit(_run_one(*sys.argv[2:]))
    print("usage: coursekit grade SUBMISSIONS_DIR --out RESULTS_DIR", file=sys.stderr)
    sys.exit(2)
