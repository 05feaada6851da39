"""Rendering on two cores: a build forks once and the child renders one group of pages, and
writes them, while this process renders the other. The pages are the same either way; a
child that fails has its group rendered here. Never used where threads run (the preview).

The groups are made by what their pages share, not by size alone: each process makes its own
copy of what pages look up once and reuse (a claim's freshness, its line in a list, a parsed
statement, a source's markup), so pages that share much are kept together. Split that way
the second core costs a tenth more CPU time; split by weight alone it cost two fifths more.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import TypeVar

Job = Callable[[], dict[str, str]]  # renders some files: {path under docs/: text}
T = TypeVar("T")


def run_here(*groups: Sequence[Job]) -> dict[str, str]:
    """Every job's files, rendered in this process."""
    out: dict[str, str] = {}
    for jobs in groups:
        for job in jobs:
            out.update(job())
    return out


def _child(jobs: Sequence[Job], keep: Callable[[dict[str, str]], object], fd: int) -> None:
    """In the forked child: render, keep the files (``keep``), send its answer back, exit
    without clean-up."""
    status = 1
    try:
        data = pickle.dumps(keep(run_here(jobs)), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def run(
    here: Sequence[Job], there: Sequence[Job], keep: Callable[[dict[str, str]], T]
) -> tuple[dict[str, str], T]:
    """``here``'s files, rendered in this process, and what ``keep`` (writing them) makes of
    ``there``'s files, rendered and kept in a forked process where the machine has two cores:
    only that answer comes back, not the files."""
    if not here or not there or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return run_here(here), keep(run_here(there))
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        _child(there, keep, write)
    os.close(write)
    try:
        out = run_here(here)
    except BaseException:
        os.close(read)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status == 0 and data:
        kept: T = pickle.loads(data)
        return out, kept
    return out, keep(run_here(there))
