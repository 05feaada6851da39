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
    build: int  # paired (briefing, plain) builds of the default engine at the reference size
    engine_build: int  # paired builds of each other engine at the reference size
    small_build: int  # paired builds of every engine at the other engine sizes
    other_build: int  # builds of the default engine at the other sizes (growth)
    commits: int  # fact commits in the git-history measurement (and under the preview)
    edits: int  # timed edits per preview
    serve_all_engines: bool = False  # also a preview of every engine at the smallest size


FULL = Plan(
    check=3, cjs=1, render=2, build=5, engine_build=1, small_build=2, other_build=1,
    commits=5, edits=3,
)  # fmt: skip
QUICK = Plan(
    check=3, cjs=1, render=1, build=1, engine_build=1, small_build=1, other_build=0,
    commits=2, edits=2,
)  # fmt: skip
# Where every engine builds side by side (issue 15), when the run has these sizes.
ENGINE_SIZES = (1_000, 10_000)


@dataclass
class Bench:
    """One benchmark run: what it measures, where, and what it found so far."""

    results: dict[int, SizeResult]
    plan: Plan
    env: dict[str, str]
    work: Path
    base: int  # the reference size
    engines: tuple[str, ...]  # the default engine first

    @property
    def sizes(self) -> list[int]:
        return sorted(self.results)

    @property
    def reference(self) -> SizeResult:
        return self.results[self.base]

    @property
    def engine_sizes(self) -> set[int]:
        """Sizes where every engine builds: those of ENGINE_SIZES in this run, and the
        reference size."""
        return {n for n in self.sizes if n in ENGINE_SIZES} | {self.base}
