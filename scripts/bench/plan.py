"""How much a benchmark run measures: the full run of ``make bench`` and the quick one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .results import SizeResult


@dataclass(frozen=True)
class Plan:
    check: int  # runs of each `briefing check`
    cjs: int  # runs of check-jsonschema at the reference size
    render: int  # in-process stage timings per size
    build: int  # `briefing build` (each followed by a plain build) at the reference size
    other_build: int  # builds at the other sizes
    commits: int  # fact commits in the git-history measurement


FULL = Plan(check=5, cjs=3, render=3, build=3, other_build=1, commits=5)
QUICK = Plan(check=3, cjs=1, render=1, build=1, other_build=0, commits=2)


@dataclass
class Bench:
    """One benchmark run: what it measures, where, and what it found so far."""

    results: dict[int, SizeResult]
    plan: Plan
    env: dict[str, str]
    work: Path
    base: int  # the reference size
    engines: tuple[str, ...]

    @property
    def sizes(self) -> list[int]:
        return sorted(self.results)

    @property
    def reference(self) -> SizeResult:
        return self.results[self.base]
