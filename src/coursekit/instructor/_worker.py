"""Inside the sandbox: execute one notebook and write what it answered to the record fd.

``python -m coursekit.instructor._worker NOTEBOOK SECONDS --record-fd N``; the cases of the
notebook's function questions (public and hidden) arrive on stdin, read before any student code
runs, and are given to the student's functions only after every cell has run. Everything here
runs as the student's code does, so the grader trusts none of it: the record is data it checks.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

ANSWER_BYTES = 4 * 2**20  # the tail of the answers file that is kept
DROP_TAGS = {"test-only"}  # the solution's self-tests: not the student's answers
_NAME = re.compile(r"[A-Za-z_][\w.]{0,60}")

# Run in the kernel after the notebook: the student's last function for each function question,
# called on the cases. The cases file is written just before and removed just after.
FUNCTION_CELL = """
def __coursekit_exercise_functions():
    import json, os
    from coursekit import checks
    with open({cases!r}) as fh:
        cases = json.load(fh)
    os.remove({cases!r})
    out = {{}}
    for qid, fn in checks._FUNCTION_ANSWERS.items():
        if qid in cases:
            out[qid] = checks.function_outputs(fn, tuple(cases[qid]))
    with open({functions!r}, "w") as fh:
        json.dump(out, fh)
__coursekit_exercise_functions()
"""


def _tail(path: Path, cap: int) -> str:
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - cap))
            data = fh.read(cap)
    except OSError:
        return ""
    if size > cap:
        data = data.split(b"\n", 1)[-1]  # drop the cut first line
    return data.decode("utf-8", "replace")


def execute(notebook: str, seconds: float, cases: dict, scratch: Path) -> dict:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as err:  # any parse failure is the student's file
        return {
            "status": "not a notebook",
            "reason": f"not valid notebook JSON ({type(err).__name__})",
        }
    nb.cells = [c for c in nb.cells if not DROP_TAGS & set(c.get("metadata", {}).get("tags", []))]
    code = [c for c in nb.cells if c.cell_type == "code"]
    if not code:
        return {"status": "not a notebook", "reason": "the notebook has no code cells"}
    for cell in code:
        cell.outputs, cell.execution_count = [], None
    answers = scratch / ".coursekit" / "answers.jsonl"
    functions_file = scratch / ".coursekit" / "functions.json"
    cases_file = scratch / ".coursekit" / "cases.json"
    answers.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + seconds
    client = NotebookClient(
        nb,
        timeout=max(1, int(seconds)),
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(scratch)}},
    )
    timed_out = dead = False
    errors: list[list] = []
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            client.timeout = max(1, int(left))
            try:
                client.execute_cell(cell, index)
            except CellTimeoutError:
                timed_out = True
                break
            except DeadKernelError:
                dead = True
                break
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    name = str(out.get("ename", ""))
                    errors.append([index, name if _NAME.fullmatch(name) else "Error"])
        if cases and not (timed_out or dead):
            cases_file.write_text(json.dumps(cases), encoding="utf-8")
            client.timeout = max(1, min(60, int(deadline - time.monotonic()) + 30))
            source = FUNCTION_CELL.format(cases=str(cases_file), functions=str(functions_file))
            nb.cells.append(nbformat.v4.new_code_cell(source))
            try:
                client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
            except (CellTimeoutError, DeadKernelError):
                pass
    functions = _tail(functions_file, ANSWER_BYTES) if functions_file.exists() else ""
    return {
        "status": "ran",
        "timed_out": timed_out,
        "dead_kernel": dead,
        "errors": errors[:50],
        "n_errors": len(errors),
        "answers": _tail(answers, ANSWER_BYTES),
        "functions": functions,
    }


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("seconds", type=float)
    parser.add_argument("--record-fd", type=int, required=True)
    parser.add_argument("--scratch", default="/scratch")
    args = parser.parse_args(argv)
    fd = args.record_fd
    scratch = Path(args.scratch)
    cases = json.loads(sys.stdin.read() or "{}")  # before any student code runs
    os.environ["COURSEKIT_ANSWERS_FILE"] = str(scratch / ".coursekit" / "answers.jsonl")
    record = execute(args.notebook, args.seconds, cases, scratch)
    with os.fdopen(int(fd), "wb") as out:
        out.write(json.dumps(record).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
