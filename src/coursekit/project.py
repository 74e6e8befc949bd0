"""Where the course lives: THE one place for the repository, branch and release tag.

Every copy elsewhere (``_config.yml``, ``CITATION.cff``, ``CONTRIBUTING.md``, the install cells
of the exercise and Colab notebooks, the exercise links of the book) is derived from these
values or checked against them by ``tests/test_launch.py``. The real public repository is not
known yet: change ``REPO`` here, then run ``python -m coursekit.launch``, ``coursekit release``
and the tests, which name every copy that still disagrees.
"""

from __future__ import annotations

from coursekit import __version__

__all__ = [
    "REPO",
    "REPO_URL",
    "BRANCH",
    "RELEASE_TAG",
    "binder_url",
    "colab_url",
    "PIP_SPEC",
]

REPO = "going-global-course/going-global"
REPO_URL = f"https://github.com/{REPO}"
#: The branch the launch buttons open (Binder, Colab, Thebe).
BRANCH = "main"
#: The git tag of the release that matches this book: what a fresh kernel installs.
RELEASE_TAG = f"v{__version__}"
#: What a fresh kernel (Colab, a bare kernel) installs: the tagged release, not ``main``.
PIP_SPEC = f"coursekit @ git+{REPO_URL}@{RELEASE_TAG}"


def _relative(path: object) -> str:
    """``path`` as a repository-relative POSIX path, or a clear error."""
    if not isinstance(path, str):
        raise TypeError(
            "path must be a file's path inside the repository, as text like "
            f"'exercises/ch10_culture.ipynb', not {type(path).__name__} {path!r:.40}"
        )
    if not path.strip():
        raise ValueError(
            "path must not be empty: give a file inside the repository, "
            "like 'exercises/ch10_culture.ipynb'"
        )
    if "://" in path or path.startswith(("/", "\\")) or ":" in path.split("/", 1)[0]:
        raise ValueError(
            f"path must be relative to the repository root, like "
            f"'exercises/ch10_culture.ipynb', not {path!r}"
        )
    if "\\" in path or ".." in path.split("/"):
        raise ValueError(
            f"path must use '/' and stay inside the repository (no '..' or '\\'), not {path!r}"
        )
    return path


def binder_url(path: str) -> str:
    """A mybinder.org link that opens ``path`` (relative to the repository root) in JupyterLab."""
    path = _relative(path)
    return f"https://mybinder.org/v2/gh/{REPO}/{BRANCH}?urlpath=lab/tree/{path}"


def colab_url(path: str) -> str:
    """A Google Colab link that opens ``path`` from the repository."""
    path = _relative(path)
    return f"https://colab.research.google.com/github/{REPO}/blob/{BRANCH}/{path}"
