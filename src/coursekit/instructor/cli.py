"""The instructor command line: ``coursekit release`` and ``coursekit grade``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["main"]


def _find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "solutions").is_dir() and (folder / "_toc.yml").is_file():
            return folder
    raise SystemExit(
        f"coursekit: no course repository (solutions/ and _toc.yml) at or above {start}"
    )


def _cmd_release(args: argparse.Namespace) -> int:
    from coursekit.instructor.release import release

    root = Path(args.root).resolve() if args.root else _find_root(Path.cwd())
    try:
        report = release(root, check=args.check)
    except ValueError as err:
        print(f"coursekit release: {err}", file=sys.stderr)
        return 2
    for line in report.problems:
        print(f"error: {line}", file=sys.stderr)
    if args.check:
        for line in report.stale:
            print(f"stale: {line}", file=sys.stderr)
        if report.ok:
            print("exercises/ is up to date with solutions/")
        else:
            print("run `coursekit release` to regenerate the exercises", file=sys.stderr)
        return 0 if report.ok else 1
    for line in report.written:
        print(f"wrote {line}")
    if not report.written and not report.problems:
        print("exercises/ already up to date")
    return 1 if report.problems else 0


def _check_argv(argv: object, example: str) -> list[str] | None:
    """``argv`` as argparse wants it: None (use sys.argv) or a list of strings."""
    if argv is None:
        return None
    if isinstance(argv, (str, bytes)) or not isinstance(argv, (list, tuple)):
        raise TypeError(
            f"argv must be a list of argument strings such as {example}, "
            f"not {type(argv).__name__} {argv!r:.60}"
        )
    bad = [a for a in argv if not isinstance(a, str)]
    if bad:
        raise TypeError(
            f"argv must hold only strings (write numbers and paths as text, e.g. '5' or "
            f"str(path)), not {type(bad[0]).__name__} {bad[0]!r:.40}"
        )
    return list(argv)


def _cmd_grade(args: argparse.Namespace) -> int:
    from coursekit.instructor import grading

    try:
        if args.merge_marks:
            n = grading.merge_marks(Path(args.out), Path(args.merge_marks))
            print(f"merged {n} mark(s) into {Path(args.out) / 'gradebook.csv'}")
            return 0
        if not args.submissions:
            print(
                "coursekit grade: give the submissions folder (or --merge-marks)", file=sys.stderr
            )
            return 2
        outcomes = grading.grade(
            Path(args.submissions),
            Path(args.out),
            timeout=args.timeout,
            jobs=args.jobs,
            force=args.force,
            key=Path(args.key) if args.key else None,
            formats=args.format or ["csv"],
            unsafe=args.unsafe,
            progress=not args.quiet,
        )
    except (ValueError, FileExistsError, RuntimeError) as err:
        print(f"coursekit grade: {err}", file=sys.stderr)
        return 2
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no files found"
    print(f"graded {len(outcomes)} file(s): {summary}")
    print(f"gradebook: {Path(args.out) / 'gradebook.csv'}; feedback: {Path(args.out) / 'feedback'}")
    return 0


def _cmd_samples(args: argparse.Namespace) -> int:
    from coursekit.instructor import grading

    try:
        paths = grading.write_sample_submissions(Path(args.folder))
    except FileExistsError as err:
        print(f"coursekit samples: {err}", file=sys.stderr)
        return 2
    print(f"wrote {len(paths)} sample submissions under {args.folder}")
    return 0


def _add_grading(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("samples", help="write a folder of sample submissions to try grading on")
    s.add_argument("folder")
    s.set_defaults(func=_cmd_samples)
    p = sub.add_parser(
        "grade",
        help="run submitted notebooks in a sandbox and write a gradebook",
        description="Run each submitted notebook in a bubblewrap sandbox, judge its answers, and "
        "write gradebook.csv, per-student feedback and instructor files to --out.",
    )
    p.add_argument("submissions", nargs="?", help="folder of <student>/<notebook>.ipynb files")
    p.add_argument("--out", required=True, help="results folder (outside the submissions)")
    p.add_argument(
        "--timeout", type=float, default=120.0, help="seconds each notebook may run (default 120)"
    )
    p.add_argument("--jobs", type=int, default=None, help="notebooks at once (default: cores)")
    p.add_argument("--force", action="store_true", help="replace earlier results in --out")
    p.add_argument("--key", help="TOML file of hidden cases (kept outside the student package)")
    p.add_argument(
        "--format",
        action="append",
        choices=["csv", "canvas", "moodle"],
        help="also write canvas.csv / moodle.csv for LMS import (repeatable)",
    )
    p.add_argument(
        "--merge-marks", metavar="MARKS.csv", help="merge marks for written answers into --out"
    )
    p.add_argument(
        "--unsafe",
        action="store_true",
        help="grade without the sandbox (students' code gets your rights; only for code you trust)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_grade)


def main(argv: list[str] | None = None) -> int:
    """Run the ``coursekit`` command with ``argv`` (default: the command line's arguments).

    Bad arguments make argparse print a usage message and exit (``SystemExit`` with code 2);
    an ``argv`` that is not a list of strings raises ``TypeError``.
    """
    argv = _check_argv(argv, "['release', '--check']")
    parser = argparse.ArgumentParser(prog="coursekit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    rel = sub.add_parser("release", help="regenerate exercises/ from solutions/")
    rel.add_argument("--check", action="store_true", help="only report stale or unpaired notebooks")
    rel.add_argument(
        "--root", help="the course repository (default: found from the current folder)"
    )
    rel.set_defaults(func=_cmd_release)
    _add_grading(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
