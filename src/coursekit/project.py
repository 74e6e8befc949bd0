"""Where the course lives: one place for the repository and launch addresses."""

from __future__ import annotations

__all__ = ["REPO", "REPO_URL", "BRANCH", "binder_url", "colab_url", "PIP_SPEC"]

REPO = "going-global-course/going-global"
REPO_URL = f"https://github.com/{REPO}"
BRANCH = "main"
#: What a fresh kernel (Colab, Binder without the package) installs.
PIP_SPEC = f"coursekit @ git+{REPO_URL}@{BRANCH}"


def binder_url(path: str) -> str:
    """A mybinder.org link that opens ``path`` (relative to the repository root) in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{REPO}/{BRANCH}?urlpath=lab/tree/{path}"


def colab_url(path: str) -> str:
    """A Google Colab link that opens ``path`` from the repository."""
    return f"https://colab.research.google.com/github/{REPO}/blob/{BRANCH}/{path}"
