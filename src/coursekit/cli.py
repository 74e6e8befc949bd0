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
    from coursekit.release import release

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
    try:
        from coursekit import grading
    except ImportError:
        grading = None
    if grading is not None:
        grading.add_parser(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
