"""What the launch-path tests share (tests/test_launch*.py): the repository, its chapters, a free
port for a local Jupyter server and a notebook built from code cells."""

from __future__ import annotations

import socket
from pathlib import Path

import nbformat

from coursekit import launch

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = launch.chapters(ROOT)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nb_of(*sources: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
