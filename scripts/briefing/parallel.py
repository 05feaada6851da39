"""Rendering on two cores: a build forks once and the child renders half of the pages (by
weight) while this process renders the other half. The pages are the same either way; a
child that fails has its share rendered here. Never used where threads run (the preview)."""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable, Sequence

Job = tuple[int, Callable[[], dict[str, str]]]  # (weight, what renders some files)


def run_here(jobs: Sequence[Job]) -> dict[str, str]:
    """Every job's files, rendered in this process."""
    return _run(jobs)


def _run(jobs: Sequence[Job]) -> dict[str, str]:
    out: dict[str, str] = {}
    for _, job in jobs:
        out.update(job())
    return out


def _halves(jobs: Sequence[Job]) -> tuple[list[Job], list[Job]]:
    """Heaviest first, each to the lighter side."""
    sides: tuple[list[Job], list[Job]] = ([], [])
    loads = [0, 0]
    for job in sorted(jobs, key=lambda j: -j[0]):
        side = 0 if loads[0] <= loads[1] else 1
        sides[side].append(job)
        loads[side] += job[0]
    return sides


def _child(jobs: Sequence[Job], fd: int) -> None:
    """In the forked child: render, send the files back, exit without clean-up."""
    status = 1
    try:
        data = pickle.dumps(_run(jobs), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def run(jobs: Sequence[Job]) -> dict[str, str]:
    """Every job's files, rendered in two processes where the machine has two cores."""
    if len(jobs) < 2 or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return _run(jobs)
    mine, theirs = _halves(jobs)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        _child(theirs, write)
    os.close(write)
    try:
        out = _run(mine)
    except BaseException:
        os.close(read)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status == 0 and data:
        out.update(pickle.loads(data))
    else:
        out.update(_run(theirs))
    return out
