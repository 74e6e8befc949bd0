"""Project-level promises: one source of pinned versions, version numbers agree, licences exist,
every executable page and exercise can install coursekit on a bare kernel (Colab)."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest

import coursekit
from coursekit import project

ROOT = Path(__file__).resolve().parents[1]


def test_every_pin_is_exact():
    lines = (ROOT / "requirements" / "constraints.txt").read_text().splitlines()
    # scripts/lock (pip-compile) writes pins and, at the end, comments naming what it leaves out
    pins = [line for line in lines if line and not line.startswith("#")]
    assert pins and all(re.fullmatch(r"[a-z0-9.\-]+==[\w.\-+]+", p) for p in pins), "pins only"
    names = [p.split("==")[0] for p in pins]
    assert names == sorted(names), "in pip-compile's order: regenerate with scripts/lock"
    # Binder's environment (tests/test_launch.py) is constrained by this same list.
    assert (
        "-c ../requirements/constraints.txt" in (ROOT / "binder" / "requirements.txt").read_text()
    )


def test_every_dependency_of_the_package_is_pinned():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pinned = {
        p.split("==")[0].lower().replace("_", "-")
        for p in (ROOT / "requirements" / "constraints.txt").read_text().split()
    }
    deps = list(meta["project"]["dependencies"])
    for extra in meta["project"]["optional-dependencies"].values():
        deps += [d for d in extra if not d.startswith("coursekit")]
    names = {re.split(r"[<>=!\[ ;]", d)[0].lower().replace("_", "-") for d in deps}
    assert names - pinned == set()


def test_version_numbers_agree():
    # one version: coursekit.__version__; pyproject.toml reads it (hatch's dynamic version),
    # the copies that cannot be derived are checked here
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in meta["project"] and "version" in meta["project"]["dynamic"]
    assert meta["tool"]["hatch"]["version"]["path"] == "src/coursekit/__init__.py"
    version = coursekit.__version__
    assert importlib.metadata.version("coursekit") == version  # the installed package's
    assert re.search(rf"^version: {re.escape(version)}$", (ROOT / "CITATION.cff").read_text(), re.M)
    assert re.search(rf"^## {re.escape(version)} ", (ROOT / "CHANGELOG.md").read_text(), re.M)


def test_licence_files():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert "CC BY 4.0" in (ROOT / "LICENSE-CONTENT.md").read_text()


def test_chapter_setup_cells_are_kept_for_live_code():
    # The setup cell is collapsed, not removed, so Thebe gets it; the Colab twins (not the
    # pages) carry the install cell (tests/test_launch.py).
    pages = sorted((ROOT / "book").glob("ch*_*.md"))
    assert pages
    for page in pages:
        first_cell = page.read_text(encoding="utf-8").split("```{code-cell}", 2)[1]
        assert ":tags: [hide-cell]" in first_cell, page.name
        assert "%pip" not in first_cell, page.name


def test_publish_workflow_deploys_on_tags_only_what_the_full_tests_built():
    wf = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    assert 'tags: ["v*"]' in wf and "deploy-pages" in wf
    # the tests run before the upload, in the job the deploy needs: nothing untested is published
    assert wf.index("run: .ci/run") < wf.index("upload-pages-artifact")
    assert "needs: test-and-build" in wf
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("exec scripts/test")


def test_ci_runs_the_local_commands_on_pushes_pull_requests_main_and_nightly():
    wf = (ROOT / ".github" / "workflows" / "tests.yml").read_text()
    for trigger in ("push:", "pull_request:", "schedule:"):
        assert trigger in wf, trigger
    assert "run: scripts/check" in wf and "run: .ci/run" in wf
    assert "github.ref == 'refs/heads/main'" in wf
    check = (ROOT / "scripts" / "check").read_text()
    for step in ("pre-commit run --all-files", "mypy", "-n auto", "--cov-branch", "-W -n"):
        assert step in check, step


def test_pull_requests_get_a_preview_and_links_are_checked_weekly():
    tests = (ROOT / ".github" / "workflows" / "tests.yml").read_text()
    check_job = tests[tests.index("  check:") : tests.index("  full:")]
    assert "upload-artifact" in check_job and "path: _build/html" in check_job
    links = (ROOT / ".github" / "workflows" / "linkcheck.yml").read_text()
    assert "schedule:" in links and "run: scripts/build --builder linkcheck" in links
    # scripts/build hands unknown arguments to jupyter-book, so the workflow runs the local command
    assert '*) args+=("$arg")' in (ROOT / "scripts" / "build").read_text()


# ---- bad input: launch links ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        (None, TypeError, r"path must be a file's path inside the repository, as text .*NoneType"),
        (Path("exercises/ch10.ipynb"), TypeError, r"as text like 'exercises/ch10_culture\.ipy"),
        ("", ValueError, r"path must not be empty: give a file inside the repository"),
        ("/home/me/ch10.ipynb", ValueError, r"path must be relative to the repository root"),
        ("https://x.org/a.ipynb", ValueError, r"path must be relative to the repository root"),
        ("C:/course/ch10.ipynb", ValueError, r"path must be relative to the repository root"),
        ("../secret.ipynb", ValueError, r"path must use '/' and stay inside the repository"),
        ("exercises\\ch10.ipynb", ValueError, r"path must use '/' and stay inside"),
    ],
)
def test_launch_links_reject_bad_paths(path, error, message):
    with pytest.raises(error, match=message):
        project.binder_url(path)
    with pytest.raises(error, match=message):
        project.colab_url(path)


def test_launch_links_for_a_good_path():
    rel = "exercises/ch10_culture.ipynb"
    assert project.binder_url(rel).endswith(f"?urlpath=lab/tree/{rel}")
    assert project.colab_url(rel).endswith(f"/blob/{project.BRANCH}/{rel}")
