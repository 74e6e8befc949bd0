"""Shared fixtures: the built site served on 127.0.0.1, and Playwright on a system Chromium."""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import settings

# The test command (scripts/test, and so CI) uses the "ci" profile: the same examples every run,
# so a red run means a change broke something, never an unlucky draw. Running pytest by hand
# uses "dev", which draws new examples each time to find what the fixed ones miss.
# No deadline in "ci": on a shared or loaded runner a slow example is not a failure (how fast the
# models are is measured in benchmarks/), and no example database, so parallel workers
# (pytest -n auto) never share one.
settings.register_profile("ci", derandomize=True, deadline=None, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test that reads the built site (directly or through a fixture) is in the "site" tier:
    # the fast tier (-m "not slow and not browser and not site") never starts a book build.
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)


# A 1x1 PNG: what a widget shows in tests after its first real render (see fast_widget_figures).
_PLACEHOLDER_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture(autouse=True)
def fast_widget_figures(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each figure a widget draws is encoded as a real PNG once (its first render, when the
    widget is built); later redraws of the same figure, one per control change in a test, get a
    placeholder image with the same alt text and markup. Encoding a PNG per change was most of
    the widget tests' time, and no test but tests/test_static_widgets.py (marked
    ``real_figures``) reads the pixels. The figure itself is still drawn on every change."""
    if request.node.get_closest_marker("real_figures"):
        return
    from coursekit.widgets import _display

    real = _display.figure_html
    rendered: set[int] = set()

    def figure_html(fig, alt: str) -> str:
        if id(fig) not in rendered:
            rendered.add(id(fig))
            return real(fig, alt)
        fig.canvas.draw()  # drawing errors still surface; only the PNG encoding is skipped
        width = round(fig.get_figwidth() * fig.dpi)
        return (
            f'<img src="data:image/png;base64,{_PLACEHOLDER_PNG}" '
            f'alt="{html.escape(alt, quote=True)}" width="{width}" '
            'style="max-width:100%;height:auto">'
        )

    monkeypatch.setattr(_display, "figure_html", figure_html)


def _chromium() -> str | None:
    configured = os.environ.get("COURSEKIT_CHROMIUM")
    if configured:
        return configured
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return None  # Playwright's own download, where one was installed


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    exe = _chromium()
    if exe:
        args["executable_path"] = exe
    return args


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The built book; built here if the test command did not build it first (never skipped).
    Under pytest -n the workers wait for one build instead of each starting its own."""
    (ROOT / "_build").mkdir(exist_ok=True)
    with FileLock(ROOT / "_build" / ".site-build.lock"):
        _build_site_if_missing()
    return SITE


def _build_site_if_missing() -> None:
    if not (SITE / "index.html").exists():
        subprocess.run(
            [
                shutil.which("jupyter-book") or "jupyter-book",
                "build",
                str(ROOT),
                "-W",
                "-n",
                "--keep-going",
            ],
            check=True,
            cwd=ROOT,
        )


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(built_site),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "/index.html", timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(f"the site server on {url} did not start") from None
            time.sleep(0.1)
    yield url
    server.terminate()
    server.wait(timeout=10)


@dataclass
class PageProblems:
    """Console errors, page errors, failed and foreign requests seen while a page loaded."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on(
            "console",
            lambda m: (
                m.type == "error"
                and self.console_errors.append(f"{m.text} @ {m.location.get('url', '')}")
            ),
        )
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed_requests.append(f"{r.url} ({r.failure})"))
        page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith((self.origin, "data:", "blob:", "about:"))
                else self.foreign_requests.append(r.url)
            ),
        )

    def all(self) -> list[str]:
        return [
            *(f"console error: {m}" for m in self.console_errors),
            *(f"page error: {m}" for m in self.page_errors),
            *(f"failed request: {m}" for m in self.failed_requests),
            *(f"request to another origin: {m}" for m in self.foreign_requests),
        ]


@pytest.fixture
def watched_page(page, site_url):
    problems = PageProblems(origin=site_url)
    problems.attach(page)
    page.problems = problems
    return page


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
