"""Run untrusted code (a student's notebook) inside bubblewrap, the sandbox Flatpak uses.

We do not write our own isolation: bubblewrap (Debian package ``bubblewrap``) makes the mount,
PID, network, IPC and UTS namespaces. What the sandboxed process gets:

* a read-only view of the system (``/usr``), of Python (``sys.base_prefix`` and the virtualenv)
  and of the installed ``coursekit`` package; nothing else of the host: no home folder, no
  project checkout (so no ``solutions/``), no submissions, results or key;
* a private, size-limited tmpfs ``/scratch`` (its working folder and ``HOME``) and ``/tmp``;
* no network (a new network namespace holds only loopback);
* an environment built from an allow-list (:data:`ENV_ALLOW`), never the grader's;
* an unprivileged user: as root the grader drops to a uid of its own with ``setpriv`` (no
  capabilities, ``no_new_privs``); as a normal user bubblewrap's user namespace maps the
  instructor to ``nobody``;
* resource limits (``setrlimit``: address space, processes, open files, file size, no core
  files) and a wall-clock limit;
* its own PID namespace: when the run ends (or is killed) the kernel tears the namespace down,
  so every process it started (kernels, ``setsid`` daemons, double forks) is gone.

Input files are copied in (``--file``); the only ways out are the *record* pipe (its fd number
is passed as ``--record-fd N``; size-capped) and the log (stdout/stderr, of which the last bytes
are kept for the instructor). Both are untrusted: the grader parses them as data.
"""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

__all__ = ["Limits", "RunResult", "SandboxUnavailable", "unavailable_reason", "run"]

# The variables a sandboxed run may see; values are set by the grader, never copied from its env.
ENV_ALLOW = (
    "HOME",
    "PATH",
    "LANG",
    "LC_ALL",
    "MPLBACKEND",
    "MPLCONFIGDIR",
    "PYTHONHASHSEED",
    "PYTHONDONTWRITEBYTECODE",
    "JUPYTER_RUNTIME_DIR",
    "JUPYTER_CONFIG_DIR",
    "JUPYTER_DATA_DIR",
    "JUPYTER_PLATFORM_DIRS",
    "IPYTHONDIR",
    "COURSEKIT_ANSWERS_FILE",
    "COURSEKIT_DATA_DIR",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
)
# /etc entries Python, fontconfig and the dynamic loader read; the rest of /etc stays out.
ETC_FILES = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "fonts",
    "passwd",
    "group",
    "nsswitch.conf",
    "localtime",
    "mime.types",
)
FIRST_UID, UID_COUNT = 61000, 1000  # sandbox uids when the grader runs as root


@contextmanager
def _claim_uid():
    """A sandbox uid no other run uses meanwhile (a lock file per uid), so process limits and
    the left-behind check see this run's processes only, even with parallel graders."""
    folder = Path(tempfile.gettempdir()) / "coursekit-sandbox-uids"
    folder.mkdir(mode=0o700, exist_ok=True)
    start = os.getpid() % UID_COUNT
    for i in range(UID_COUNT):
        uid = FIRST_UID + (start + i) % UID_COUNT
        fh = open(folder / str(uid), "a")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            continue
        try:
            yield uid
        finally:
            fh.close()
        return
    raise SandboxUnavailable(f"all {UID_COUNT} sandbox uids are in use")


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot start here; the message says why and what to do."""


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 180.0
    memory_bytes: int = 3 * 2**30  # address space of each process (RLIMIT_AS)
    processes: int = 96
    open_files: int = 512
    file_bytes: int = 64 * 2**20  # largest file a run may write
    scratch_bytes: int = 256 * 2**20  # size of /scratch and of /tmp
    log_bytes: int = 64_000  # tail of stdout/stderr kept for the instructor
    record_bytes: int = 8 * 2**20


@dataclass
class RunResult:
    returncode: int | None
    timed_out: bool
    record: bytes | None  # None: nothing written; too large records are cut to None as well
    record_too_large: bool
    log_tail: bytes
    left_behind: list[int] = field(default_factory=list)  # PIDs still alive after the run


def _ancestors(path: Path) -> list[Path]:
    return [p for p in reversed(path.parents) if p != Path("/")]


def _mount_args(ro_binds: Iterable[tuple[Path, str]]) -> list[str]:
    args: list[str] = []
    made: set[str] = set()

    def dirs_for(dest: str) -> None:
        for parent in _ancestors(Path(dest)):
            skip = str(parent).startswith(("/usr", "/etc")) or str(parent) in ("/tmp", "/scratch")
            if str(parent) not in made and not skip:
                args.extend(["--perms", "0755", "--dir", str(parent)])
                made.add(str(parent))

    args += ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        host = Path("/") / name
        if host.is_symlink():
            args += ["--symlink", os.readlink(host), f"/{name}"]
        elif host.is_dir():
            args += ["--ro-bind", str(host), f"/{name}"]
    for name in ETC_FILES:
        if (Path("/etc") / name).exists():
            args += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    for src, dest in ro_binds:
        dirs_for(dest)
        args += ["--ro-bind", str(src), dest]
        made.add(dest)
    return args


@cache
def python_binds() -> tuple[tuple[Path, str], ...]:
    """Read-only binds that give the sandbox this Python, its packages and ``coursekit``
    (found once per process: every run of a class binds the same paths)."""
    import coursekit
    from coursekit.data import data_dir

    paths = {Path(sys.base_prefix).resolve(), Path(sys.prefix)}
    package = Path(coursekit.__file__).resolve().parent
    if not any(package.is_relative_to(p) for p in paths):
        paths.add(package)  # an editable install: the package only, not the project checkout
        try:
            paths.add(data_dir())  # ... and the course data it reads from the checkout
        except FileNotFoundError:
            pass
    exe = Path(sys.executable).resolve().parent
    if not any(exe.is_relative_to(p) for p in paths):
        paths.add(exe)
    # Nested paths are covered by their parent's bind.
    keep = [p for p in paths if not any(p != q and p.is_relative_to(q) for q in paths)]
    return tuple((p, str(p)) for p in sorted(keep))


def _bwrap_argv(
    argv: list[str],
    *,
    files: dict[str, int],
    ro_binds: Iterable[tuple[Path, str]],
    env: dict[str, str],
    limits: Limits,
    uid: int,
) -> list[str]:
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed: `apt-get install bubblewrap` (Debian/Ubuntu) "
            "or your distribution's package"
        )
    unknown = sorted(set(env) - set(ENV_ALLOW))
    if unknown:
        raise ValueError(f"environment variables outside the sandbox allow-list: {unknown}")
    root = os.geteuid() == 0
    cmd = [bwrap, "--die-with-parent", "--new-session", "--hostname", "sandbox"]
    if root:
        # No user namespace: a real unprivileged uid (setpriv below), so process limits apply.
        cmd += ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts"]
        cmd += ["--unshare-cgroup-try"]
        cmd += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP"]
    else:
        cmd += ["--unshare-all", "--uid", "65534", "--gid", "65534"]
    # The tmpfs mounts come first: a venv or checkout under /tmp (a CI clone) is then bound on
    # top of the private /tmp instead of being hidden by it.
    for where in ("/scratch", "/tmp"):
        cmd += ["--size", str(limits.scratch_bytes), "--tmpfs", where, "--chmod", "1777", where]
    cmd += _mount_args(ro_binds)
    cmd += ["--proc", "/proc", "--dev", "/dev"]
    made: set[str] = set()
    for dest, fd in files.items():
        for parent in _ancestors(Path(dest)):
            # Folders for the copied files, writable by the sandbox's user (matplotlib ignores
            # a config folder it cannot write to, and would rebuild its font list).
            if parent.is_relative_to("/scratch") and parent != Path("/scratch"):
                if str(parent) not in made:
                    cmd += ["--perms", "1777", "--dir", str(parent)]
                    made.add(str(parent))
        cmd += ["--perms", "0444", "--file", str(fd), dest]
    cmd += ["--chdir", "/scratch", "--clearenv"]
    for key, value in env.items():
        cmd += ["--setenv", key, value]
    cmd.append("--")
    if root:
        setpriv = shutil.which("setpriv") or "/usr/bin/setpriv"
        cmd += [setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
        cmd += ["--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]
    return cmd + argv


def _limit(limits: Limits):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))

    return apply


def _drain(stream, cap: int, keep_tail: bool, out: dict) -> None:
    """Read ``stream`` to its end, keeping at most ``cap`` bytes (head or tail), never more."""
    kept = bytearray()
    total = 0
    while chunk := stream.read(65536):
        total += len(chunk)
        if keep_tail:
            kept += chunk
            del kept[:-cap]
        elif len(kept) <= cap:
            kept += chunk[: cap + 1 - len(kept)]
    out["data"], out["total"] = bytes(kept), total


def _uid_processes(uid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def run(
    argv: list[str],
    *,
    files: dict[str, bytes] | None = None,
    stdin: bytes = b"",
    ro_binds: Iterable[tuple[Path, str]] | None = None,
    env: dict[str, str] | None = None,
    limits: Limits = Limits(),
) -> RunResult:
    """Run ``argv`` in a fresh sandbox; ``files`` (path inside -> bytes) are copied in first.

    The sandboxed program gets ``--record-fd N`` appended to ``argv`` and may write its record to
    that fd. Raises :class:`SandboxUnavailable` if bubblewrap is missing; everything the
    sandboxed program does is reported, never raised.
    """
    files = files or {}
    root = os.geteuid() == 0
    with (
        tempfile.TemporaryDirectory(prefix="coursekit-sandbox-") as private,
        _claim_uid() if root else nullcontext(0) as uid,
    ):
        fds: dict[str, int] = {}
        try:
            for i, (dest, data) in enumerate(files.items()):
                host = Path(private) / f"in-{i}"
                host.write_bytes(data)
                fds[dest] = os.open(host, os.O_RDONLY)
            rec_r, rec_w = os.pipe()
            cmd = _bwrap_argv(
                argv + ["--record-fd", str(rec_w)],
                files=fds,
                ro_binds=(ro_binds if ro_binds is not None else python_binds()),
                env=env or {},
                limits=limits,
                uid=uid,
            )
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                pass_fds=(rec_w, *fds.values()),
                preexec_fn=_limit(limits),
                start_new_session=True,
                close_fds=True,
            )
        finally:
            for fd in fds.values():
                os.close(fd)
        os.close(rec_w)
        log: dict = {}
        record: dict = {}
        readers = [
            threading.Thread(target=_drain, args=(proc.stdout, limits.log_bytes, True, log)),
            threading.Thread(
                target=_drain,
                args=(os.fdopen(rec_r, "rb", buffering=0), limits.record_bytes, False, record),
            ),
        ]
        for t in readers:
            t.daemon = True
            t.start()
        assert proc.stdin is not None
        try:
            proc.stdin.write(stdin)
            proc.stdin.close()
        except BrokenPipeError:
            pass
        timed_out = False
        try:
            proc.wait(timeout=limits.wall_seconds)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            try:  # bwrap and its namespace's init: the kernel then kills the whole namespace
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        for t in readers:
            t.join(timeout=10)
        left = _uid_processes(uid) if root else []
        for pid in left:  # should never happen (PID namespace); killed and reported if it does
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        got: bytes | None = record.get("data")
        too_large = record.get("total", 0) > limits.record_bytes
        return RunResult(
            returncode=proc.returncode,
            timed_out=timed_out,
            record=None if (too_large or not got) else got,
            record_too_large=too_large,
            log_tail=log.get("data", b""),
            left_behind=left,
        )


@cache
def unavailable_reason() -> str | None:
    """Why the sandbox cannot run here (None when it can): tried once with a trivial program."""
    try:
        result = run(
            [sys.executable, "-c", "import sys, os; os.write(int(sys.argv[-1]), b'ok')"],
            limits=Limits(wall_seconds=60),
        )
    except SandboxUnavailable as err:
        return str(err)
    except OSError as err:
        return f"bubblewrap could not be started: {err}"
    if result.record != b"ok":
        tail = result.log_tail.decode("utf-8", "replace").strip().splitlines()
        why = tail[-1] if tail else f"exit code {result.returncode}"
        return (
            f"bubblewrap is installed but a trial run failed ({why}); user namespaces may be "
            "disabled (sysctl kernel.unprivileged_userns_clone=1) or the grader needs root"
        )
    return None
