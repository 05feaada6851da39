"""Every measurement of a benchmark run, phase by phase; each phase interleaves the sizes
run by run, so that a busy moment on a shared machine does not skew the ratios."""

from __future__ import annotations

from .builds import measure_builds
from .checks import measure_check_jsonschema, measure_checks
from .plan import Bench
from .process import ROOT, briefing_cmd, run, say
from .project import project_copy
from .renders import measure_render
from .samples import Sample
from .stages import InProcess, in_child


def warm_up(bench: Bench) -> None:
    """Bytecode and the Chinese segmenter's dictionary cache, as on a machine that built
    before: a build of ./facts, not measured."""
    say("warm-up: a build of ./facts")
    warm = project_copy(bench.work / "project-warm-up")
    command = briefing_cmd("build", "--facts", ROOT / "facts", "--docs-dir", warm / "docs")
    command += ["--config", warm / "mkdocs.yml", "--site-dir", warm / "site"]
    run(command, cwd=warm, env=bench.env)


def measure_stages(bench: Bench) -> None:
    """Load, validate, model and render apart, a fresh interpreter per run and size."""
    say(f"load, validate, model and render in process x{bench.plan.render} per size")
    for n in bench.sizes:
        bench.results[n].in_process = InProcess()
    for _ in range(bench.plan.render):
        for n in bench.sizes:
            found = bench.results[n].in_process
            assert found is not None
            found.extend(in_child(bench.results[n].facts.folder, 1, bench.env))


def measure(bench: Bench) -> Sample:
    """Every phase in turn; returns the check of ./facts (the others are in the results)."""
    warm_up(bench)
    default_check = measure_checks(bench)
    measure_check_jsonschema(bench)
    measure_stages(bench)
    measure_builds(bench)
    measure_render(bench)
    return default_check
