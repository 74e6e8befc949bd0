"""Measure what the course costs to build, test and use; write BENCHMARKS.md.

    .venv/bin/python benchmarks/run.py              # everything (about 15-25 minutes)
    .venv/bin/python benchmarks/run.py --only models,data,pages

Parts:
  models  every model function a widget calls: median and p95 over many calls (target p95 <= 20 ms)
  data    loading each table cold (first load in a fresh process) and warm
  build   cold build (fresh cache) vs the floor (the same notebooks run with nbconvert, serially),
          and a rebuild after a prose-only edit as a fraction of the cold build
  tests   the full test command (scripts/test)
  coverage  branch coverage of src/coursekit by the fast test tier (what scripts/check enforces)
  pages   the bytes each built page makes Chromium fetch, sent gzip-compressed (target <= 1.0 MB)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"
REPORT = ROOT / "BENCHMARKS.md"
sys.path.insert(0, str(ROOT / "benchmarks"))


# ------------------------------------------------------------------------------------------
# model calls


def model_cases() -> dict[str, Callable[[], object]]:
    """The calls the widgets make, one representative call each (data loaded beforehand)."""
    from model_cases import CASES  # benchmarks/model_cases.py: one entry per model function

    return CASES


def time_calls(fn: Callable[[], object], *, repeat: int = 200) -> dict[str, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(5):  # warm caches, as a slider after the first move
            fn()
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {
        "median_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * (len(times) - 1))],
        "calls": repeat,
    }


def bench_models() -> dict[str, dict[str, float]]:
    return {name: time_calls(fn) for name, fn in model_cases().items()}


# ------------------------------------------------------------------------------------------
# data


def bench_data() -> dict[str, dict[str, float]]:
    from coursekit import data

    out = {}
    for name in data.names():
        code = (
            "import time; t=time.perf_counter(); from coursekit import data; "
            f"data.load({name!r}); print((time.perf_counter()-t)*1000)"
        )
        cold = float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout.strip()
        )
        data.load(name)
        warm = time_calls(lambda n=name: data.load(n), repeat=50)["median_ms"]
        out[name] = {"cold_ms_incl_import": cold, "warm_ms": warm}
    return out


# ------------------------------------------------------------------------------------------
# build


def _run(cmd: list[str], cwd: Path = ROOT) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _book_pages() -> list[Path]:
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for p in toc.get("parts", []) for c in p["chapters"]]
    pages = []
    for f in files:
        md = ROOT / f"{f}.md"
        if md.exists() and md.read_text(encoding="utf-8").startswith("---\njupytext"):
            pages.append(md)
    return pages


def bench_build() -> dict[str, float]:
    bin_dir = Path(sys.executable).parent
    jb = str(bin_dir / "jupyter-book")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "book"
        shutil.copytree(
            ROOT, copy, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "test-artifacts")
        )
        cold = _run([jb, "build", ".", "-W", "-n", "--keep-going"], cwd=copy)
        # prose-only edit: one sentence added to the culture chapter
        page = copy / "book" / "ch10_culture.md"
        page.write_text(
            page.read_text(encoding="utf-8").replace(
                "## The limits of national culture scores",
                "## The limits of national culture scores\n\nA benchmark sentence.",
                1,
            ),
            encoding="utf-8",
        )
        rebuild = _run([jb, "build", ".", "-W", "-n", "--keep-going"], cwd=copy)
        # the floor: the same notebooks executed directly, serially
        nb_dir = Path(tmp) / "floor"
        nb_dir.mkdir()
        floor = 0.0
        for md in _book_pages():
            nb = nb_dir / (md.stem + ".ipynb")
            subprocess.run(
                [str(bin_dir / "jupytext"), "--to", "ipynb", "-o", str(nb), str(md)],
                check=True,
                capture_output=True,
            )
            floor += _run(
                [
                    str(bin_dir / "jupyter"),
                    "nbconvert",
                    "--to",
                    "notebook",
                    "--execute",
                    "--output",
                    str(nb_dir / ("run-" + nb.name)),
                    str(nb),
                ],
                cwd=copy,
            )
    return {
        "cold_build_s": cold,
        "floor_nbconvert_serial_s": floor,
        "cold_over_floor": cold / floor if floor else float("nan"),
        "prose_rebuild_s": rebuild,
        "prose_rebuild_fraction": rebuild / cold,
        "executed_pages": len(_book_pages()),
    }


def bench_tests() -> dict[str, float]:
    return {"test_command_s": _run(["scripts/test", "-q"])}


# ------------------------------------------------------------------------------------------
# page weight


TEXT_TYPES = ("text/", "javascript", "json", "xml", "svg")


def _serve(site: Path):
    import functools
    import http.server
    import socketserver
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def bench_pages() -> dict[str, dict[str, float]]:
    """Every byte each built page makes Chromium fetch: the HTML and every script, stylesheet,
    image and font, including what scripts load after the page (MathJax's fonts, the widget
    renderer's output). Text is also counted gzip-compressed (level 6), as static hosts such as
    GitHub Pages send it; images and fonts are already compressed and count as they are."""
    from playwright.sync_api import sync_playwright

    site = (ROOT / "_build" / "html").resolve()
    if not site.exists():
        raise SystemExit("build the book first (scripts/build)")
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0].startswith("_")
    )
    server = _serve(site)
    port = server.server_address[1]
    out: dict[str, dict[str, float]] = {}
    chromium = next(
        (c for c in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(c).exists()), None
    )
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for rel in pages:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                bodies: dict[str, tuple[bytes, str]] = {}

                def keep(response, bodies=bodies) -> None:
                    if response.status == 200:
                        try:
                            kind = response.headers.get("content-type", "")
                            bodies[response.url] = (response.body(), kind)
                        except Exception:
                            pass

                page.on("response", keep)
                page.goto(f"http://127.0.0.1:{port}/{rel}", wait_until="networkidle")
                page.wait_for_timeout(1000)  # scripts that load more after the page
                page.close()
                raw = sum(len(body) for body, _ in bodies.values())
                sent = sum(
                    len(gzip.compress(body, 6)) if any(t in kind for t in TEXT_TYPES) else len(body)
                    for body, kind in bodies.values()
                )
                biggest = max(bodies.items(), key=lambda kv: len(kv[1][0]))
                out[rel] = {
                    "bytes": raw,
                    "gzip_bytes": sent,
                    "files": len(bodies),
                    "largest": biggest[0].split(str(port), 1)[1].split("?")[0],
                    "largest_bytes": len(biggest[1][0]),
                }
            browser.close()
    finally:
        server.shutdown()
    return out


# ------------------------------------------------------------------------------------------
# bad-input coverage


def bench_coverage() -> dict[str, object]:
    """Branch coverage of src/coursekit by the fast tier, as scripts/check measures it."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "coverage.json"
        subprocess.run(
            [sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"]
            + ["-m", "not slow and not browser and not site", "-n", "auto"]
            + ["--cov=coursekit", "--cov-branch", f"--cov-report=json:{report}"],
            cwd=ROOT,
            check=True,
            env={**os.environ, "HYPOTHESIS_PROFILE": "ci"},
        )
        totals = json.loads(report.read_text(encoding="utf-8"))["totals"]
    return {
        "percent": round(totals["percent_covered"], 1),
        "branches": totals["num_branches"],
        "missing_branches": totals["missing_branches"],
        "lines": totals["num_statements"],
        "missing_lines": totals["missing_lines"],
    }


# ------------------------------------------------------------------------------------------
# report


def versions() -> dict[str, str]:
    from importlib.metadata import version

    names = [
        "coursekit",
        "jupyter-book",
        "myst-nb",
        "sphinx",
        "pandas",
        "numpy",
        "matplotlib",
        "ipywidgets",
        "pytest",
        "playwright",
    ]
    return {n: version(n) for n in names}


def machine() -> dict[str, str]:
    import os

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def write_report(results: dict) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"Measured {results['date']} by `benchmarks/run.py` on: {results['machine']['cpu']}, "
        f"{results['machine']['cores']} cores, Python {results['machine']['python']} "
        f"({results['machine']['system']}).",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in results["versions"].items()) + ".",
        "",
    ]
    if "build" in results:
        b = results["build"]
        ok1 = "met" if b["cold_over_floor"] <= 1.25 else "missed"
        ok2 = "met" if b["prose_rebuild_fraction"] <= 0.10 else "missed"
        lines += [
            "## Building the book",
            "",
            "| measure | value | target |",
            "|---|---|---|",
            f"| cold build (fresh cache, `-W`) | {b['cold_build_s']:.1f} s | |",
            f"| floor: the {b['executed_pages']} executed pages run with nbconvert, "
            f"serially | {b['floor_nbconvert_serial_s']:.1f} s | |",
            f"| cold build / floor | {b['cold_over_floor']:.2f} | ≤ 1.25 ({ok1}) |",
            f"| rebuild after a prose-only edit | {b['prose_rebuild_s']:.1f} s "
            f"({100 * b['prose_rebuild_fraction']:.0f}% of cold) | ≤ 10% ({ok2}) |",
            "",
        ]
    if "tests" in results:
        t = results["tests"]["test_command_s"]
        lines += [
            "## The test command",
            "",
            f"`scripts/test`: {t / 60:.1f} minutes "
            f"(target under 10 minutes: {'met' if t < 600 else 'missed'}).",
            "",
        ]
    if "models" in results:
        lines += [
            "## Model calls (what a widget calls on each change)",
            "",
            "| function | median (ms) | p95 (ms) | target p95 ≤ 20 ms |",
            "|---|---|---|---|",
        ]
        for name, m in sorted(results["models"].items()):
            lines.append(
                f"| `{name}` | {m['median_ms']:.2f} | {m['p95_ms']:.2f} | "
                f"{'met' if m['p95_ms'] <= 20 else 'MISSED'} |"
            )
        lines.append("")
    if "data" in results:
        lines += [
            "## Loading data",
            "",
            "| table | first load in a new process, incl. import (ms) | cached load (ms) |",
            "|---|---|---|",
        ]
        for name, d in sorted(results["data"].items()):
            lines.append(f"| `{name}` | {d['cold_ms_incl_import']:.0f} | {d['warm_ms']:.2f} |")
        lines.append("")
    if "pages" in results:
        pages = results["pages"]
        heavy_gz = max(pages.items(), key=lambda kv: kv[1]["gzip_bytes"])
        heavy_raw = max(pages.items(), key=lambda kv: kv[1]["bytes"])
        ok = "met" if heavy_gz[1]["gzip_bytes"] <= 1.0e6 else "missed"
        lines += [
            "## Page weight (everything a page makes the browser fetch)",
            "",
            "Measured in Chromium: the HTML and every script, stylesheet, image and font each "
            "page loads, including what its scripts fetch afterwards. *Sent* counts text "
            "gzip-compressed, as GitHub Pages sends it, and images and fonts as they are: "
            "what a reader downloads. *Unpacked* is the same files decompressed.",
            "",
            f"Heaviest as sent: `{heavy_gz[0]}`, {heavy_gz[1]['gzip_bytes'] / 1e6:.2f} MB "
            f"(target ≤ 1.0 MB: {ok}). Heaviest unpacked: `{heavy_raw[0]}`, "
            f"{heavy_raw[1]['bytes'] / 1e6:.2f} MB.",
            "",
            "| page | MB sent | MB unpacked | files | largest file (MB unpacked) |",
            "|---|---|---|---|---|",
        ]
        for name, p in sorted(pages.items()):
            lines.append(
                f"| `{name}` | {p['gzip_bytes'] / 1e6:.2f} | {p['bytes'] / 1e6:.2f} "
                f"| {p['files']} | `{p.get('largest', '')}` "
                f"({p.get('largest_bytes', 0) / 1e6:.2f}) |"
            )
        lines.append("")
        before_file = ROOT / "benchmarks" / "pages-before.json"
        if before_file.exists():
            before = json.loads(before_file.read_text())
            lines += [
                f"Before and after the page-weight work (before: commit {before['commit']}, "
                "measured the same way; see the notes below):",
                "",
                "| page | MB sent, before | MB sent, now | MB unpacked, before | "
                "MB unpacked, now |",
                "|---|---|---|---|---|",
            ]
            for name, p in sorted(pages.items()):
                b = before["pages"].get(name)
                if b:
                    lines.append(
                        f"| `{name}` | {b['gzip_bytes'] / 1e6:.2f} | {p['gzip_bytes'] / 1e6:.2f} "
                        f"| {b['bytes'] / 1e6:.2f} | {p['bytes'] / 1e6:.2f} |"
                    )
            lines.append("")
    if "coverage" in results:
        c = results["coverage"]
        lines += [
            "## Branch coverage (bad input included)",
            "",
            f"The fast test tier covers {c['percent']}% of `src/coursekit` (statements and "
            f"branches: {c['lines'] - c['missing_lines']} of {c['lines']} lines, "
            f"{c['branches'] - c['missing_branches']} of {c['branches']} branches). "
            "`scripts/check` fails under the `fail_under` of `[tool.coverage.report]` in "
            "pyproject.toml. The raise branches of the student-facing checks are among these; "
            "`tests/test_fuzz.py` checks that only ValueError and TypeError escape them.",
            "",
        ]
    notes = ROOT / "benchmarks" / "NOTES.md"
    if notes.exists():
        lines += [notes.read_text(encoding="utf-8").strip(), ""]
    REPORT.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="models,data,pages,build,tests,coverage")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results.update({"date": date.today().isoformat(), "machine": machine(), "versions": versions()})
    for name, fn in [
        ("models", bench_models),
        ("data", bench_data),
        ("pages", bench_pages),
        ("build", bench_build),
        ("tests", bench_tests),
        ("coverage", bench_coverage),
    ]:
        if name in parts:
            print(f"== {name}", flush=True)
            results[name] = fn()
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    write_report(results)
    print(f"wrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
