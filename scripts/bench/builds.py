"""``briefing build`` with an engine against a plain build by the same engine of the same
generated pages, and the weight of the site it built."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from briefing.engines import ENGINES, clean_output, overlay

from .fmt import short
from .plan import Bench
from .process import CommandFailed, Run, briefing_cmd, run, say
from .project import project_copy
from .results import EngineResult
from .samples import Sample, merge, sample
from .weights import site_weight

_ERROR = re.compile(r"error|exceed|limit|refus|abort", re.IGNORECASE)


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


def reason(output: str) -> str:
    """One line saying why a build failed: the engine's own error where it gives one."""
    lines = [line.strip() for line in clean_output(output).splitlines() if line.strip()]
    errors = [line for line in lines if _ERROR.search(line)]
    found = (errors or lines or ["no output"])[-1]
    return found if len(found) <= 240 else found[:239] + "…"


def build_runs(bench: Bench, n: int, engine: str) -> tuple[int, bool]:
    """How many builds of size ``n`` with ``engine``, and whether each is paired with a
    plain build: every engine at the engine sizes (the default engine most often at the
    reference size); the default engine alone at the other sizes, for growth."""
    plan, default = bench.plan, engine == bench.engines[0]
    if n == bench.base:
        return (plan.build if default else plan.engine_build), True
    if n in bench.engine_sizes:
        return plan.small_build, True
    return (plan.other_build if default else 0), False


def _one(bench: Bench, n: int, engine: str, project: Path, paired: bool) -> None:
    found = bench.results[n].engines.setdefault(engine, EngineResult(engine))
    if found.failed:
        return
    try:
        built = briefing_build(bench, n, engine, project)
    except CommandFailed as failure:
        found.failed = reason(failure.output)
        say(f"{short(n)}: {engine} failed: {found.failed}")
        return
    found.build = _add(found.build, built)
    if found.weight is None:
        found.weight = site_weight(project / "site", engine)
    if paired:
        try:
            found.plain = _add(found.plain, plain_build(bench, engine, project))
        except CommandFailed as failure:
            found.failed = f"the plain build failed: {reason(failure.output)}"


def measure_builds(bench: Bench) -> None:
    """Each engine's ``briefing build`` paired with its plain build (a busy minute then
    weighs on both sides of the ratio), interleaving sizes and engines run by run."""
    plan = bench.plan
    wanted = {(n, e): build_runs(bench, n, e) for n in bench.sizes for e in bench.engines}
    wanted = {key: value for key, value in wanted.items() if value[0]}
    projects = {key: project_copy(bench.work / f"project-{key[0]}-{key[1]}") for key in wanted}
    sizes = ", ".join(map(short, sorted(bench.engine_sizes)))
    say(
        f"briefing build with {', '.join(bench.engines)} at {sizes}, each paired with a plain "
        f"build ({bench.engines[0]} x{plan.build} at {short(bench.base)}, the others "
        f"x{plan.engine_build}; x{plan.small_build} at the other engine sizes)"
    )
    for i in range(max(runs for runs, _ in wanted.values())):
        for (n, engine), (runs, paired) in wanted.items():
            if i < runs:
                _one(bench, n, engine, projects[n, engine], paired)


def _add(before: Sample | None, run_: Run) -> Sample:
    return sample([run_]) if before is None else merge(before, sample([run_]))
