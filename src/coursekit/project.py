"""Where the course lives: one place for the repository and launch addresses."""

from __future__ import annotations

__all__ = ["REPO", "REPO_URL", "BRANCH", "binder_url", "colab_url", "PIP_SPEC"]

REPO = "going-global-course/going-global"
REPO_URL = f"https://github.com/{REPO}"
BRANCH = "main"
#: What a fresh kernel (Colab, Binder without the package) installs.
PIP_SPEC = f"coursekit @ git+{REPO_URL}@{BRANCH}"


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
