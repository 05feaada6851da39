"""Repeated runs of one measure, summarised: medians of wall and CPU time, peak memory."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .process import Run


@dataclass(frozen=True)
class Sample:
    wall: tuple[float, ...]
    cpu: tuple[float, ...] = ()
    peak_rss: int = 0
    tree_rss: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None

    @property
    def runs(self) -> int:
        return len(self.wall)

    @property
    def memory(self) -> int:
        """A build's memory: its processes' summed peak where sampled, else the largest one."""
        return self.tree_rss or self.peak_rss


def sample(runs: Sequence[Run]) -> Sample:
    return Sample(
        tuple(r.seconds for r in runs),
        tuple(r.cpu for r in runs),
        max(r.peak_rss for r in runs),
        max(r.tree_rss for r in runs),
    )


def repeat(times: int, once: Callable[[], Run]) -> Sample:
    return sample([once() for _ in range(times)])
