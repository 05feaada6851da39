"""Running a measured command: wall time, CPU time and peak memory of a child process (and of
the processes it starts), its output, and the environment every measured command gets."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


class CommandFailed(Exception):
    """A measured command exited with an error (or did not say what it should)."""

    def __init__(self, command: Sequence[str | Path], code: int, output: str) -> None:
        super().__init__(f"command failed (exit {code}): {' '.join(map(str, command))}")
        self.code = code
        self.output = output


def say(message: str) -> None:
    """Progress on stderr; the report goes elsewhere."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Run:
    seconds: float  # wall
    cpu: float  # user + system time of the child and its waited-for children
    peak_rss: int  # bytes: the largest process of the child's tree
    output: str
    tree_rss: int = 0  # bytes: the largest sum over the tree's processes alive together


def _parents() -> dict[int, int]:
    found: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
                found[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    return found


def descendants(pid: int) -> set[int]:
    """``pid`` and every process below it (Linux /proc)."""
    parents = _parents()
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        tree.update(children)
        frontier.extend(children)
    return tree


class TreeMemory(threading.Thread):
    """Samples the summed resident memory of a process and its descendants every 200 ms.

    ``ru_maxrss`` gives the peak of the largest single process; while ``briefing build``
    waits for the engine both processes hold memory, so this sums them (a scan of /proc
    costs a few milliseconds, small beside the build it watches).
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()
        self.page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def _tree_rss(self) -> int:
        total = 0
        for pid in descendants(self.pid):
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self.page
            except (OSError, ValueError, IndexError):
                continue
        return total

    def run(self) -> None:
        while not self.done.wait(0.2):
            self.peak = max(self.peak, self._tree_rss())


@functools.cache
def gnu_time() -> str | None:
    """GNU time, when installed: it reports the command's own peak RSS (see ``run``)."""
    path = shutil.which("time") or "/usr/bin/time"
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
        try:
            done = subprocess.run(
                [path, "-f", "%M", "-o", report.name, "true"], capture_output=True, check=False
            )
        except OSError:
            return None
        return path if done.returncode == 0 and report.read().strip().isdigit() else None


def _peak(reported: list[str], maxrss: int, launcher: str | None) -> int:
    if launcher and reported and reported[-1].isdigit():
        return int(reported[-1]) * 1024  # GNU time: KiB
    return maxrss * (1 if sys.platform == "darwin" else 1024)  # ru_maxrss: KiB but on macOS


def run(
    command: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    expect: str | None = None,
    tree: bool = False,
) -> Run:
    """Run ``command`` as a child process; its wall time, CPU time, peak RSS and output.

    CPU time comes from ``os.wait4``. Its ``ru_maxrss`` alone would count the memory the
    child had between fork and exec, a copy of this process, so the command runs under GNU
    ``time -f %M`` where available (whose small process is what gets copied). With ``tree``,
    the summed memory of the processes alive together is also sampled. Raises CommandFailed.
    """
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        argv = [str(c) for c in command]
        launcher = gnu_time()
        if launcher:
            argv = [launcher, "-f", "%M", "-o", rss.name, *argv]
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeMemory(proc.pid) if tree and Path("/proc/self/statm").exists() else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        if sampler:
            sampler.done.set()
            sampler.join()
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
        peak = _peak(rss.read().split(), usage.ru_maxrss, launcher)
    if code != 0 or (expect is not None and expect not in text):
        raise CommandFailed(command, code, text)
    tree_rss = max(sampler.peak, peak) if sampler else 0
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak, text, tree_rss)


def child_env(pycache: Path) -> dict[str, str]:
    """The environment of every measured command.

    Bytecode is cached (in ``pycache``, not in the source tree) even where the environment
    says ``PYTHONDONTWRITEBYTECODE``: users run with cached bytecode, and recompiling every
    module at each start would be measured instead of the pipeline.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.setdefault("SOURCE_DATE_EPOCH", "1798675200")
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def briefing_cmd(*args: str | Path) -> list[str | Path]:
    return [BIN / "briefing", *args]
