"""What the launch-path tests share (tests/test_launch*.py): the repository, its chapters, a local
Jupyter server (JupyterLab for Binder, jupyter-server for Live Code) and a notebook built from
code cells."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat

from coursekit import launch

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = launch.chapters(ROOT)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def jupyter_server(
    program: list[str], *, root: Path, env: dict[str, str], log: Path, token: str, extra=()
) -> Iterator[str]:
    """Run ``program`` (``["jupyter", "lab"]`` or ``["jupyter-server"]``) on 127.0.0.1 serving
    ``root``; yield its base URL once its API answers; stop it on exit. ``log`` gets its output
    and is quoted if it never starts."""
    port = free_port()
    command = [shutil.which(program[0]) or program[0], *program[1:], "--no-browser",
               f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}", *extra, "--allow-root"]  # fmt: skip
    with log.open("w") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            else:
                raise RuntimeError(f"{' '.join(program)} did not start: {log.read_text()}")
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def nb_of(*sources: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
