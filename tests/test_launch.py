"""The launch paths, tested as a learner uses them (the Binder and Live Code browser tests are in
tests/test_launch_binder.py and tests/test_launch_live.py, so the test workers share them).

* One repository setting: every copy of the repository, branch and release tag in the
  repository agrees with ``coursekit.project``.
* Colab: the generated ``notebooks/chNN_*.ipynb`` match their pages, import no ``myst_nb``, and
  run top to bottom in a fresh venv that holds only the built coursekit wheel (plus the
  third-party packages a Colab runtime has), with the kernel's cwd outside the repository. Their
  install cell stops with a clear message when the install fails.
* Binder: a local JupyterLab configured by ``binder/postBuild`` opens every chapter's Binder
  ``urlpath`` target, and every exercise link's, as a notebook with a kernel (not in an editor).
* Thebe: exactly the cells the built page exposes to Thebe run, in order, in a fresh kernel,
  and they are every code cell the page shows (``remove-input`` would hide one; a shown cell
  never needs a ``remove-cell`` cell: ``coursekit.launch.live_code_tags``).
* The exercise links at the end of each chapter exist and the download is served by the site.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from launch_support import CHAPTERS, ROOT
from launch_support import nb_of as _nb_of
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import coursekit
from coursekit import launch, project

# ---- one repository setting ----------------------------------------------------------------

_GITHUB = re.compile(r"github\.com/([\w.-]+/going-global[\w.-]*?)(?=[/@\"'\s)#?]|\.git|$)")
_BINDER = re.compile(r"mybinder\.org/v2/gh/([\w.-]+/[\w.-]+)/([\w.%-]+)")
_COLAB = re.compile(r"colab\.research\.google\.com/github/([\w.-]+/[\w.-]+)/blob/([\w.-]+)/")
_PIP = re.compile(r"coursekit @ git\+https://github\.com/([\w.-]+/[\w.-]+?)(?:@([\w.-]+))?\\?\"")


def disagreements(text: str) -> list[str]:
    """Every copy of the repository, branch or release tag in ``text`` that differs from
    ``coursekit.project``, as readable strings (empty: all agree)."""
    bad = [f"repository {m}" for m in _GITHUB.findall(text) if m != project.REPO]
    for repo, ref in _BINDER.findall(text):
        if (repo, ref) != (project.REPO, project.BRANCH):
            bad.append(f"Binder {repo}@{ref}")
    for repo, ref in _COLAB.findall(text):
        if (repo, ref) != (project.REPO, project.BRANCH):
            bad.append(f"Colab {repo}@{ref}")
    for repo, ref in _PIP.findall(text):
        if (repo, ref) != (project.REPO, project.RELEASE_TAG):
            bad.append(f"pip install {repo}@{ref or '(no tag)'}")
    return bad


def test_the_copy_scanner_finds_a_wrong_copy():
    good = f'%pip install -q "{project.PIP_SPEC}"\n{project.binder_url("a.ipynb")}'
    assert disagreements(good) == []
    assert disagreements(good.replace(project.RELEASE_TAG, "main")) == [
        "pip install " + (f"{project.REPO}@main")
    ]
    assert disagreements("https://github.com/someone/going-global-x/") == [
        "repository someone/going-global-x"
    ]
    assert disagreements(project.colab_url("x.ipynb").replace("/main/", "/dev/"))


def _tracked_text_files() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    skip = {"tests/test_launch.py", "docs/review-responses.md"}
    out = []
    for name in names:
        path = ROOT / name
        if name in skip or name.startswith(("book/_static/", "data/")) or not path.is_file():
            continue
        if path.suffix in {".png", ".jpg", ".pdf", ".woff2", ".ico", ".xlsx", ".xls"}:
            continue
        out.append(path)
    return out


def test_every_copy_of_the_repository_setting_agrees():
    found = {}
    for path in _tracked_text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        bad = disagreements(text)
        if bad:
            found[str(path.relative_to(ROOT))] = sorted(set(bad))
    assert found == {}, (
        f"these copies disagree with coursekit.project (REPO={project.REPO!r}, "
        f"BRANCH={project.BRANCH!r}, RELEASE_TAG={project.RELEASE_TAG!r}): {found}"
    )


def test_config_and_citation_name_the_one_repository():
    config = (ROOT / "_config.yml").read_text()
    assert f"  url: {project.REPO_URL}\n  branch: {project.BRANCH}\n" in config
    cff = (ROOT / "CITATION.cff").read_text()
    assert f'repository-code: "{project.REPO_URL}"' in cff


def test_release_tag_is_the_books_version():
    version = coursekit.__version__  # the one version (tests/test_project.py checks the copies)
    assert project.RELEASE_TAG == f"v{version}"
    assert project.PIP_SPEC.endswith(f"@v{version}")


# ---- Binder environment ----------------------------------------------------------------------


def test_binder_installs_runtime_and_live_pins_only():
    lines = [
        ln.strip()
        for ln in (ROOT / "binder" / "requirements.txt").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    assert lines == ["-c ../requirements/constraints.txt", "-e .[live]"]
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    live = {re.split(r"[<>=]", d)[0] for d in meta["optional-dependencies"]["live"]}
    assert live == {"jupyterlab", "jupytext", "myst-nb"}
    assert "jupytext-config set-default-viewer" in (ROOT / "binder" / "postBuild").read_text()


# ---- Colab notebooks -------------------------------------------------------------------------


def test_there_is_a_colab_notebook_and_an_exercise_for_every_chapter():
    assert len(CHAPTERS) == 14
    assert all(c.exercise for c in CHAPTERS)


def test_colab_notebooks_match_their_pages():
    assert launch.write_notebooks(ROOT, check=True) == [], "run `python -m coursekit.launch`"


def test_colab_notebooks_install_first_and_import_no_myst_nb():
    for chapter in CHAPTERS:
        nb = nbformat.read(ROOT / chapter.notebook, as_version=4)
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        assert code[0] == launch.install_cell_source(), chapter.notebook
        assert project.PIP_SPEC in code[0]
        assert not any(re.search(r"^\s*(from|import) myst_nb", s, re.M) for s in code)
        assert any(launch.GLUE_STAND_IN in src for src in code), chapter.notebook


def test_install_cell_stops_with_a_clear_message_when_the_install_fails(tmp_path):
    # Hide the installed coursekit from this kernel, as on Colab, and install from nowhere.
    hide = (
        "import sys\n"
        "class _Hide:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'coursekit' or name.startswith('coursekit.'):\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, _Hide())\n"
        "import importlib.util\n"
        "_orig = importlib.util.find_spec\n"
        "def _find(name, package=None):\n"
        "    return None if name == 'coursekit' else _orig(name, package)\n"
        "importlib.util.find_spec = _find"
    )
    cell = launch.install_cell_source(spec=f"coursekit @ file://{tmp_path}/missing")
    nb = _nb_of(hide, cell, "print('carried on')")
    client = NotebookClient(nb, timeout=240, resources={"metadata": {"path": str(tmp_path)}})
    with pytest.raises(CellExecutionError, match="Installing coursekit failed"):
        client.execute()
    assert nb.cells[-1].outputs == [], "the cells after a failed install must not run"


@pytest.fixture(scope="session")
def wheel_venv(tmp_path_factory) -> Path:
    """A fresh venv with only the built coursekit wheel installed (``--no-deps``). Offline, its
    third-party packages (pandas, matplotlib, ipywidgets, ipykernel: what Colab provides) come
    from the test venv's site-packages through a ``.pth`` line, which does not run that venv's
    editable coursekit hook. The book's tools (myst_nb, jupytext, sphinx, jupyter_book) are
    blocked, as they are missing on Colab."""
    tmp = tmp_path_factory.mktemp("colab")
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-w", str(dist), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    outer = [p for p in sys.path if p.endswith("site-packages")]
    (site / "outer.pth").write_text("\n".join(outer) + "\n")
    (site / "sitecustomize.py").write_text(
        "import sys\n"
        "_MISSING = {'myst_nb', 'jupytext', 'sphinx', 'jupyter_book'}\n"
        "class _NotOnColab:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in _MISSING:\n"
        "            raise ModuleNotFoundError(f'No module named {name!r} (not on Colab)')\n"
        "sys.meta_path.insert(0, _NotOnColab())\n"
    )
    wheel = next(dist.glob("coursekit-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps",
         "--no-index", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    where = subprocess.run(
        [str(py), "-c", "import coursekit, sys; print(coursekit.__file__)"],
        capture_output=True, text=True, check=True, cwd=tmp, env={"PATH": os.environ["PATH"]},
    ).stdout  # fmt: skip
    assert str(venv) in where, where
    kernels = tmp / "kernels"
    subprocess.run(
        [str(py), "-m", "ipykernel", "install", "--prefix", str(kernels), "--name", "colab"],
        check=True, capture_output=True,
    )  # fmt: skip
    return kernels / "share" / "jupyter"


# Each notebook runs in its own fresh kernel, as on Colab; the kernels run a few at a time. Most
# of a notebook's wall time is its kernel starting and importing pandas and matplotlib, and the
# test worker only waits for it, so three at once take about half the worker time of one after
# another (BENCHMARKS.md, "The test command"). Each chapter's test still reports its own run.
_COLAB_AT_ONCE = 3


def _run_colab_notebook(chapter: launch.Chapter, kernels: Path, cwd: Path) -> nbformat.NotebookNode:
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(JUPYTER_PATH=str(kernels), MPLBACKEND="agg")
    specs = KernelSpecManager(kernel_dirs=[str(kernels / "kernels")])
    km = KernelManager(kernel_name="colab", kernel_spec_manager=specs)
    assert str(kernels) in km.kernel_spec.resource_dir, km.kernel_spec.resource_dir
    nb = nbformat.read(ROOT / chapter.notebook, as_version=4)
    NotebookClient(nb, km=km, timeout=300, resources={"metadata": {"path": str(cwd)}}).execute(
        env=env
    )
    return nb


@pytest.fixture(scope="module")
def colab_runs(request, wheel_venv, tmp_path_factory) -> dict[str, Future]:
    """Every selected chapter's Colab notebook, started in the wheel's venv (each in a fresh
    kernel whose cwd is an empty folder outside the repository), a few at a time."""
    wanted = [
        item.callspec.params["chapter"]
        for item in request.session.items
        if item.originalname == "test_colab_notebook_runs_with_only_the_wheel"
    ]
    pool = ThreadPoolExecutor(max_workers=_COLAB_AT_ONCE)
    runs = {
        c.notebook: pool.submit(_run_colab_notebook, c, wheel_venv, tmp_path_factory.mktemp("nb"))
        for c in wanted
    }
    yield runs
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.notebook for c in CHAPTERS])
def test_colab_notebook_runs_with_only_the_wheel(chapter, colab_runs):
    nb = colab_runs[chapter.notebook].result(timeout=600)  # a failing cell raises here
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert "(not on Colab)" not in json.dumps(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code), "a cell did not run"


# ---- exercise links and the Colab button on the built site ---------------------------------


def _page(built_site: Path, chapter: launch.Chapter) -> BeautifulSoup:
    html = (built_site / f"{chapter.docname}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def test_each_chapter_ends_with_its_exercise_links(built_site):
    for chapter in CHAPTERS:
        soup = _page(built_site, chapter)
        section = soup.find(id="exercise-notebook")
        assert section is not None, chapter.page
        links = section.find_all("a")
        hrefs = [a["href"] for a in links if "headerlink" not in a.get("class", [])]
        assert hrefs == [
            f"../{chapter.exercise}",
            project.binder_url(chapter.exercise),
            project.colab_url(chapter.exercise),
        ]
        served = (built_site / chapter.docname).parent / hrefs[0]
        assert served.resolve().read_bytes() == (ROOT / chapter.exercise).read_bytes()


def test_colab_button_opens_the_generated_notebook(built_site):
    for chapter in CHAPTERS:
        soup = _page(built_site, chapter)
        colab = [a["href"] for a in soup.find_all("a", href=True) if "colab.research" in a["href"]]
        assert project.colab_url(chapter.notebook) in colab, chapter.page
        assert not any(h.endswith(".md") for h in colab)


def _binder_urlpaths(built_site: Path, chapter: launch.Chapter) -> list[str]:
    soup = _page(built_site, chapter)
    out = []
    for a in soup.find_all("a", href=True):
        m = re.match(r"https://mybinder\.org/v2/gh/[^?]+\?urlpath=(.+)$", a["href"])
        if m:
            out.append(m.group(1))
    return out


def test_binder_targets_are_the_page_and_its_exercise(built_site):
    for chapter in CHAPTERS:
        assert set(_binder_urlpaths(built_site, chapter)) == {
            f"lab/tree/{chapter.page}",
            f"lab/tree/{chapter.exercise}",
        }, chapter.page


# ---- Thebe: the cells a built page gives Thebe run in order in a fresh kernel ---------------


def _md_page(*cells: tuple[str, str]) -> str:
    """A MyST page of code cells, each given as (options block, code)."""
    parts = ["# A page\n"]
    for options, code in cells:
        parts.append(f"```{{code-cell}} ipython3\n{options}{code}\n```\n\nText.\n")
    return "\n".join(parts)


def test_live_code_tags_show_the_code_of_figures_and_widgets():
    yaml = "---\ntags: [remove-input]\nmystnb:\n  figure:\n    name: fig-x\n---\n"
    page = _md_page((":tags: [hide-cell]\n", "import math"), (":tags: [remove-input]\n", "math.pi"),
                 (yaml, "math.e"))  # fmt: skip
    fixed = launch.live_code_tags(page)
    assert ":tags: [hide-input]\n" in fixed and "\ntags: [hide-input]\nmystnb:" in fixed
    assert "remove-input" not in fixed
    # only the tags lines change
    assert fixed.replace("hide-input", "remove-input") == page


def test_answers_behind_a_toggle_keep_their_code_removed_unless_a_shown_cell_needs_it():
    answers = "---\ntags: [remove-input, hide-output]\n---\n"
    page = _md_page(("", "import math"), (answers, "math.pi"), ("", "math.e"))
    assert launch.live_code_tags(page) == page
    page = _md_page(("", "import math"), (answers, "r = 2\nmath.pi * r"), ("", "r"))
    assert "tags: [hide-input, hide-output]" in launch.live_code_tags(page)


def test_live_code_tags_show_a_removed_cell_only_when_a_shown_cell_needs_it():
    page = _md_page(
        ("", "import math"),
        (":tags: [remove-cell]\n", "radius = 2\nglue('r', radius, display=False)"),
        (":tags: [remove-cell]\n", "area = math.pi * radius**2"),  # needed through `area`
        (":tags: [remove-cell]\n", "glue('area', area, display=False)"),  # needed by no one
        (":tags: [remove-cell]\n", "width = 1"),  # shadowed: the shown cell sets its own
        ("", "width = 3\n[w for w in range(width)]\nf'{area:.1f}'"),
    )
    fixed = launch.live_code_tags(page)
    tags = re.findall(r":tags: \[([^\]]*)\]", fixed)
    assert tags == ["hide-cell", "hide-cell", "remove-cell", "remove-cell"]
    assert launch.live_code_tags(fixed) == fixed  # nothing more to do


def test_live_code_tags_follow_changes_made_in_a_removed_cell():
    page = _md_page(
        ("", "import pandas as pd\ntable = pd.DataFrame({'a': [1]})"),
        (":tags: [remove-cell]\n", "%matplotlib inline\ntable['b'] = table['a'] * 2"),
        ("", "table['b']"),
    )
    assert ":tags: [hide-cell]" in launch.live_code_tags(page)


def test_a_page_that_is_ready_for_live_code_comes_back_unchanged():
    page = _md_page((":tags: [hide-cell]\n", "import math"), ("", "def f(x):\n    return x + 1"),
                 ("", "f(math.pi)"))  # fmt: skip
    assert launch.live_code_tags(page) == page


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        (b"```{code-cell}\n```", TypeError, r"text must be the page's text \(str\), not bytes"),
        ("```{code-cell} ipython3\nx = (\n```\n", ValueError,
         r"code cell at offset 0 is not valid Python .*Live Code would fail"),
        ("```{code-cell} ipython3\nx = 1\n", ValueError, r"code cell at offset 0 is never closed"),
        ("```{code-cell} ipython3\n---\ntags: [a]\nx = 1\n```\n", ValueError,
         r"option block opens with --- but never closes"),
    ],
)  # fmt: skip
def test_live_code_tags_bad_input(text, error, message):
    with pytest.raises(error, match=message):
        launch.live_code_tags(text)


def test_chapter_pages_carry_the_live_code_tags():
    assert launch.write_live_code_tags(ROOT, check=True) == [], "run `python -m coursekit.launch`"


def test_write_live_code_tags_fixes_a_page_and_the_check_names_it(tmp_path, capsys):
    (tmp_path / "book").mkdir()
    page = tmp_path / "book" / "ch01_x.md"
    page.write_text(_md_page(("", "import math"), (":tags: [remove-input]\n", "math.pi")))
    assert launch.write_live_code_tags(tmp_path, check=True) == ["book/ch01_x.md"]
    assert "remove-input" in page.read_text()
    assert launch.write_live_code_tags(tmp_path) == ["book/ch01_x.md"]
    assert "hide-input" in page.read_text()
    assert launch.write_live_code_tags(tmp_path, check=True) == []


def test_launch_check_names_a_page_that_hides_needed_code(monkeypatch, capsys):
    monkeypatch.setattr(launch, "write_live_code_tags", lambda check: ["book/ch01_x.md"])
    monkeypatch.setattr(launch, "write_notebooks", lambda check: [])
    assert launch.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert "book/ch01_x.md" in err and "hide-input" in err
