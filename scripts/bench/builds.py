"""``briefing build`` with an engine against a plain build by the same engine of the same
generated pages, and the weight of the site it built."""

from __future__ import annotations

import contextlib
from pathlib import Path

from briefing.engines import ENGINES, overlay

from .fmt import short
from .plan import Bench
from .process import Run, briefing_cmd, run, say
from .project import project_copy
from .results import EngineResult
from .samples import sample
from .weights import site_weight


def briefing_build(bench: Bench, n: int, engine: str, project: Path) -> Run:
    command = briefing_cmd(
        "build",
        "--engine",
        engine,
        "--facts",
        bench.results[n].facts.folder,
        "--docs-dir",
        project / "docs",
        "--config",
        project / "mkdocs.yml",
        "--site-dir",
        project / "site",
    )
    return run(command, cwd=project, env=bench.env, expect="Built", tree=True)


def plain_build(bench: Bench, engine: str, project: Path) -> Run:
    """The engine alone on the pages ``briefing build`` left in docs/, as that build runs it
    (``briefing.engines``: the same command line, and an overlay where the engine needs one)."""
    spec = ENGINES[engine]
    config, site = project / "mkdocs.yml", project / "site-plain"
    with contextlib.ExitStack() as stack:
        if spec.site_dir_option:
            command = spec.build_command(config, site, strict=True)
        else:
            settings = {"site_dir": str(site)}
            command = spec.build_command(
                stack.enter_context(overlay(spec, config, settings)), None, strict=True
            )
        return run(command, cwd=project, env=bench.env, tree=True)


def measure_builds(bench: Bench) -> None:
    """At the reference size, each engine's build paired with its plain build (so a busy
    minute weighs on both sides of the ratio); one build at the other sizes, for growth."""
    plan = bench.plan
    projects = {
        (n, e): project_copy(bench.work / f"project-{n}-{e}")
        for n in bench.sizes
        for e in bench.engines
    }
    say(
        f"briefing build x{plan.build} at {short(bench.base)} ({', '.join(bench.engines)}), "
        "each followed by a plain build"
        + (f"; x{plan.other_build} at the other sizes" if plan.other_build else "")
    )
    built: dict[tuple[int, str], list[Run]] = {key: [] for key in projects}
    plains: dict[str, list[Run]] = {e: [] for e in bench.engines}
    for i in range(plan.build):
        for n in bench.sizes:
            for engine in bench.engines:
                if n == bench.base:
                    built[n, engine].append(briefing_build(bench, n, engine, projects[n, engine]))
                    plains[engine].append(plain_build(bench, engine, projects[n, engine]))
                elif i < plan.other_build and engine == bench.engines[0]:
                    built[n, engine].append(briefing_build(bench, n, engine, projects[n, engine]))
    for (n, engine), runs in built.items():
        if runs:
            found = EngineResult(engine, sample(runs))
            if n == bench.base:
                found.plain = sample(plains[engine])
                found.weight = site_weight(projects[n, engine] / "site", engine)
            bench.results[n].engines[engine] = found
