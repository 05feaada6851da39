"""Rendering on two cores: a build forks once and the child renders one group of pages while
this process renders the other; once both have, each writes its own. The pages are the same
either way; nothing is written unless both groups rendered; a child that fails has its
group rendered here. Never used where threads run (the preview).

The groups are made by what their pages share, not by size alone: each process makes its own
copy of what pages look up once and reuse (a claim's freshness, its line in a list, a parsed
statement, a source's markup), so pages that share much are kept together. Split that way
the second core costs a tenth more CPU time; split by weight alone it cost two fifths more.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
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


def _child(
    jobs: Sequence[Job], keep: Callable[[dict[str, str]], object], go: int, answer: int
) -> None:
    """In the forked child: render, wait for the parent's word that its own pages rendered
    too, keep the files (``keep``), send its answer back; exit without clean-up."""
    status = 1
    try:
        files = run_here(jobs)
        if os.read(go, 1) == GO:  # nothing on the pipe: the parent failed, nothing is kept
            data = pickle.dumps(keep(files), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(answer, "wb") as pipe:
                pipe.write(data)
            status = 0
    finally:
        os._exit(status)


GO = b"g"


def run(
    here: Sequence[Job], there: Sequence[Job], keep: Callable[[dict[str, str]], T]
) -> tuple[T, T]:
    """What ``keep`` (writing them) makes of ``here``'s files and of ``there``'s: ``there``
    rendered and kept by a forked process where the machine has two cores (only its answer
    comes back, not the files). Nothing is kept unless both groups rendered."""
    if not here or not there or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return _both(here, there, keep)
    go_read, go_write = os.pipe()
    answer_read, answer_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(go_write)
        os.close(answer_read)
        _child(there, keep, go_read, answer_write)
    os.close(go_read)
    os.close(answer_write)
    try:
        files = run_here(here)
    except BaseException:
        os.close(go_write)  # no word to go on: the child keeps nothing
        os.close(answer_read)
        _stop(pid)
        raise
    os.write(go_write, GO)
    os.close(go_write)
    with os.fdopen(answer_read, "rb") as pipe:
        try:
            mine = keep(files)
            data = pipe.read()
        except BaseException:
            _stop(pid)
            raise
    _, status = os.waitpid(pid, 0)
    if status == 0 and data:
        theirs: T = pickle.loads(data)
        return mine, theirs
    print("The second process did not render its pages; rendering them here.", file=sys.stderr)
    return mine, keep(run_here(there))


def _stop(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _both(
    here: Sequence[Job], there: Sequence[Job], keep: Callable[[dict[str, str]], T]
) -> tuple[T, T]:
    """``run`` in this process alone."""
    files_here, files_there = run_here(here), run_here(there)
    return keep(files_here), keep(files_there)
