"""Load, validate, model and render timed apart, in a fresh interpreter per run:
``python -m bench.stages FACTS TIMES`` prints the times as JSON."""

from __future__ import annotations

import gc
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .process import run
from .samples import Sample

STAGES = {
    "load": "load (in process)",
    "validate": "validate (in process)",
    "model": "model (in process)",
    "render": "render pages + data (in process)",
}


@dataclass
class InProcess:
    """Wall and CPU seconds of each stage, one entry per run."""

    wall: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)

    def add(self, stage: str, wall: float, cpu: float) -> None:
        self.wall.setdefault(stage, []).append(wall)
        self.cpu.setdefault(stage, []).append(cpu)

    def extend(self, other: InProcess) -> None:
        for stage in other.wall:
            for wall, cpu in zip(other.wall[stage], other.cpu[stage], strict=True):
                self.add(stage, wall, cpu)

    def sample(self, stage: str) -> Sample:
        return Sample(tuple(self.wall[stage]), tuple(self.cpu[stage]))


def in_process(facts: Path, times: int) -> InProcess:
    """load → validate → model (what ``checkstage.check`` does), then render, each timed."""
    from briefing import pipeline
    from briefing.checkstage import build_date
    from briefing.load import load_dir
    from briefing.model import build_model
    from briefing.render import RenderOptions
    from briefing.validate import validate

    found = InProcess()
    options = RenderOptions(today=build_date())
    for _ in range(times):
        gc.collect()
        marks = [(time.perf_counter(), time.process_time())]
        corpus = load_dir(facts)
        marks.append((time.perf_counter(), time.process_time()))
        problems = validate(corpus)
        marks.append((time.perf_counter(), time.process_time()))
        if problems:
            raise SystemExit(f"bench: the synthetic facts have {len(problems)} problem(s)")
        briefing = build_model(corpus)
        marks.append((time.perf_counter(), time.process_time()))
        pipeline.generate(briefing, options)
        marks.append((time.perf_counter(), time.process_time()))
        for stage, before, after in zip(STAGES, marks, marks[1:], strict=False):
            found.add(stage, after[0] - before[0], after[1] - before[1])
        del corpus, briefing
    return found


def in_child(facts: Path, times: int, env: dict[str, str]) -> InProcess:
    """``in_process`` in a fresh interpreter: sizes do not share one heap, and the bench's
    own process stays small (see ``process.run``)."""
    done = run([sys.executable, "-m", "bench.stages", facts, str(times)], env=env)
    data = json.loads(done.output.strip().splitlines()[-1])
    return InProcess(data["wall"], data["cpu"])


def main(argv: list[str]) -> int:
    from .generate import generate

    with tempfile.TemporaryDirectory() as warm:  # imports and first calls, not measured
        in_process(generate(Path(warm) / "facts", 100).folder, 1)
    found = in_process(Path(argv[0]), int(argv[1]))
    print(json.dumps({"wall": found.wall, "cpu": found.cpu}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
