"""The instructor guide's grading commands, run exactly as written there."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "book" / "instructor_guide.md"
pytestmark = pytest.mark.slow


def workflow_block() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    marker = text.index("% The test suite runs the block below exactly as written")
    match = re.compile(r"```bash\n(.*?)```", re.S).search(text, marker)
    assert match, "the grading workflow block is missing from the instructor guide"
    return match.group(1)


def test_the_guides_grading_commands_run_as_written(tmp_path):
    block = workflow_block()
    assert "coursekit grade" in block and "--merge-marks" in block
    coursekit = shutil.which("coursekit", path=str(Path(sys.executable).parent))
    assert coursekit, "the coursekit command is not installed next to this Python"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    run = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    with (tmp_path / "sample-results" / "gradebook.csv").open(encoding="utf-8") as fh:
        book = {r["student"]: r for r in csv.DictReader(fh)}
    assert book["ada"]["total"] == "1" and book["ben"]["total"] == "0"
    # dan loops forever after one answer: stopped at the guide's --timeout, the answer kept (the
    # only looping notebook of the grading tests, see tests/test_grading.py)
    assert book["dan"]["status"] == "timed out" and book["dan"]["total"] == "1"
    (timeout,) = re.findall(r"--timeout (\d+)", block)
    stopped = f"stopped after {timeout} s; answers checked before count"
    assert stopped in book["dan"]["detail"]
    assert book["jo"]["total"] == "0"  # its forged result line earns nothing
    assert book["gus"]["status"] == "not a notebook"
    assert (tmp_path / "sample-results" / "canvas.csv").is_file()
    assert "merged 0 mark(s)" in run.stdout
