"""Every exercise notebook runs top to bottom as handed out, and every check says it is not
answered yet (the exercise hides the answers, not the code around them)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))

pytestmark = pytest.mark.slow


def _text(output: dict) -> str:
    if "text" in output:
        return output["text"]
    return output.get("data", {}).get("text/plain", "")


@pytest.mark.parametrize("path", EXERCISES, ids=[p.stem for p in EXERCISES])
def test_exercise_runs_clean_and_nothing_is_answered(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    verdicts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            assert out.output_type != "error", (
                f"{path.name}: {out.get('ename')}: {out.get('evalue')}"
            )
            verdicts += re.findall(r"^\[(ch\d\d\.\w+)\] ([A-Za-z ]+?):", _text(out), re.M)
    assert verdicts, f"{path.name} runs no coursekit.check"
    wrong = [(q, v) for q, v in verdicts if v != "Not answered yet"]
    assert wrong == [], f"{path.name}: checks that do not say 'not answered yet': {wrong}"
    last = _text(nb.cells[-1].outputs[0]) if nb.cells[-1].outputs else ""
    assert re.search(r"0 of \d+ questions correct", last), last
