"""Binder: a local JupyterLab configured by ``binder/postBuild`` serves every chapter's Binder
``urlpath`` target, and every exercise link's, as a notebook with an installed kernel, and opens
a page and an exercise in Chromium as a notebook with a running kernel (not in an editor)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import urllib.parse
import urllib.request

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


def _api(base: str, token: str, path: str, **query: str) -> dict:
    url = f"{base}/api/{path}?" + urllib.parse.urlencode({**query, "token": token})
    with urllib.request.urlopen(url, timeout=60) as answer:
        return json.load(answer)


@pytest.mark.slow
def test_every_binder_target_is_served_as_a_notebook_with_an_installed_kernel(binder_lab):
    """What decides, for each of the 28 targets, whether JupyterLab opens it as a notebook
    with a kernel: the server hands the file over as a notebook (jupytext reads the MyST
    pages) holding code cells, and the notebook names a kernel the server has. The browser
    test below shows, for one page and one exercise, that the UI then opens it so."""
    base, token = binder_lab
    kernels = set(_api(base, token, "kernelspecs")["kernelspecs"])
    problems = []
    for urlpath in _targets():
        path = urllib.parse.quote(urlpath.removeprefix("lab/tree/"))
        model = _api(base, token, f"contents/{path}", type="notebook", content="1")
        cells = [c for c in model["content"]["cells"] if c["cell_type"] == "code"]
        kernel = model["content"]["metadata"].get("kernelspec", {}).get("name")
        if model["type"] != "notebook" or not cells:
            problems.append(f"{urlpath}: served as {model['type']} with {len(cells)} code cells")
        elif kernel not in kernels:
            problems.append(f"{urlpath}: kernel {kernel!r}, the server has {sorted(kernels)}")
    assert problems == []


# One chapter page (MyST, opened through jupytext's viewer) and one exercise (.ipynb): the two
# kinds of target the 28 links point at. Each costs about 5 s of JupyterLab in Chromium, so the
# other 26 are checked through the server's API above (BENCHMARKS.md, "The test command").
_OPENED_IN_THE_BROWSER = ["lab/tree/book/ch10_culture.md", "lab/tree/exercises/ch03_networks.ipynb"]


def test_the_browser_targets_are_binder_targets():
    assert set(_OPENED_IN_THE_BROWSER) <= set(_targets())


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("urlpath", _OPENED_IN_THE_BROWSER)
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
