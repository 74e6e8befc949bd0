"""Binder: a local JupyterLab configured by ``binder/postBuild`` opens every chapter's Binder
``urlpath`` target, and every exercise link's, as a notebook with a kernel (not in an editor)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from launch_support import CHAPTERS, ROOT, jupyter_server

# ---- Binder: a local JupyterLab with the Binder settings opens each target as a notebook ----


@pytest.fixture(scope="module")
def binder_lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 serving the repository, configured by running binder/postBuild
    (jupytext's default viewer) in a fresh Jupyter config folder."""
    tmp = tmp_path_factory.mktemp("binder")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(tmp / "config" / "lab" / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
        "HOME": str(tmp),
    }
    subprocess.run(["bash", str(ROOT / "binder" / "postBuild")], check=True, env=env, cwd=ROOT)
    # JupyterLab saves a notebook it opens (kernel metadata): serve a copy of what Binder
    # would open, never the repository itself.
    served = tmp / "repo"
    for folder in ("book", "exercises", "notebooks"):
        shutil.copytree(ROOT / folder, served / folder, ignore=shutil.ignore_patterns("_*"))
    token = "launch-test"
    with jupyter_server(
        ["jupyter", "lab"], root=served, env=env, log=tmp / "lab.log", token=token
    ) as base:
        yield base, token


def _targets() -> list[str]:
    return [f"lab/tree/{c.page}" for c in CHAPTERS] + [f"lab/tree/{c.exercise}" for c in CHAPTERS]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("urlpath", _targets())
def test_binder_target_opens_a_notebook_with_a_kernel(urlpath, binder_lab, page, artifacts):
    base, token = binder_lab
    page.goto(f"{base}/{urlpath}?token={token}&reset", timeout=120_000)
    panel = page.locator(".jp-NotebookPanel:visible")
    panel.wait_for(timeout=120_000)
    assert page.locator(".jp-FileEditor:visible").count() == 0, "opened in the text editor"
    # The status bar names the notebook's kernel and its state: started and idle.
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=120_000)
    assert page.locator(".jp-NotebookPanel:visible .jp-CodeCell").count() > 0
    if urlpath.endswith("ch10_culture.md"):
        page.screenshot(path=str(artifacts / "binder_ch10_culture_md_in_jupyterlab.png"))
