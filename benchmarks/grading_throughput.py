"""Throughput of ``coursekit grade``: a class of N copies of a correct ch10 submission.

    python benchmarks/grading_throughput.py [N] [JOBS]

Prints notebooks per minute and checks every copy scored full marks. Runs the real sandbox;
record the result (and the machine's load) in BENCHMARKS.md.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from coursekit import checks
from coursekit.instructor.grading import grade

ROOT = Path(__file__).resolve().parents[1]


def main(n: int = 60, jobs: int | None = None) -> None:
    solution = (ROOT / "solutions" / "ch10_culture.ipynb").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as d:
        subs = Path(d) / "subs"
        for i in range(n):
            (subs / f"s{i:03d}").mkdir(parents=True)
            (subs / f"s{i:03d}" / "ch10_culture.ipynb").write_text(solution, encoding="utf-8")
        load = os.getloadavg()[0]
        start = time.perf_counter()
        outcomes = grade(subs, Path(d) / "out", jobs=jobs, progress=True)
        seconds = time.perf_counter() - start
    # Written answers are marked by hand: full marks here are all the automatic points.
    auto = sum(q.points for q in checks.questions("ch10") if q.kind != "written")
    full = sum(o.status == "ok" and o.points == auto for o in outcomes)
    print(
        f"{n} notebooks, {jobs or 'default'} jobs, {os.cpu_count()} cores, load before "
        f"{load:.1f}: {seconds:.0f} s, {60 * n / seconds:.1f} notebooks/min; {full}/{n} "
        "with every automatic point"
    )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
