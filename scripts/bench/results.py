"""What a benchmark run found, per size of the synthetic briefing and per engine."""

from __future__ import annotations

from dataclasses import dataclass, field

from .generate import Synthetic
from .process import Run
from .samples import Sample
from .stages import InProcess
from .weights import SiteWeight


@dataclass
class EngineResult:
    """One engine at one size: ``briefing build`` and a plain build of the same pages."""

    engine: str
    build: Sample | None = None
    plain: Sample | None = None
    weight: SiteWeight | None = None
    failed: str | None = None  # why the build failed, in one line


@dataclass
class ServeResult:
    """``briefing serve``: from start to the first page, and from a saved edit to the page
    showing it."""

    engine: str
    claims: int
    start: float | None = None
    edits: list[float] = field(default_factory=list)
    failed: str | None = None


@dataclass
class SizeResult:
    facts: Synthetic
    yaml_bytes: int
    check: Sample | None = None
    in_process: InProcess | None = None
    engines: dict[str, EngineResult] = field(default_factory=dict)
    render_only: Run | None = None
    with_history: Run | None = None
    commits: int = 0
    cjs: Sample | None = None
    serve: dict[str, ServeResult] = field(default_factory=dict)

    def built(self, engine: str) -> Sample | None:
        found = self.engines.get(engine)
        return found.build if found else None
