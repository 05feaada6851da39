"""``briefing check`` as a user runs it, and the same schema check by check-jsonschema."""

from __future__ import annotations

from pathlib import Path

from .fmt import short
from .plan import Bench
from .process import BIN, ROOT, Run, briefing_cmd, run, say
from .samples import Sample, repeat, sample

SCHEMAS = ROOT / "scripts" / "briefing" / "schemas"


def measure_checks(bench: Bench) -> Sample:
    """``briefing check`` of ./facts and of every size, interleaved run by run (a busy moment
    slows one run of each, not every run of one); a warm-up run each, which must pass. The
    sample of ./facts is returned, the others stored."""
    checks: dict[int, tuple[list[str | Path], Path, str]] = {
        0: (briefing_cmd("check"), ROOT, "OK: "),
        **{
            n: (briefing_cmd("check", "--facts", r.facts.folder), bench.work, f"OK: {n} ")
            for n, r in bench.results.items()
        },
    }
    times = bench.plan.check
    say(f"briefing check x{times} on ./facts and on {', '.join(map(short, bench.sizes))}")
    runs: dict[int, list[Run]] = {n: [] for n in checks}
    for command, cwd, expect in checks.values():
        run(command, cwd=cwd, env=bench.env, expect=expect)
    for _ in range(times):
        for n, (command, cwd, expect) in checks.items():
            runs[n].append(run(command, cwd=cwd, env=bench.env, expect=expect))
    for n in bench.sizes:
        bench.results[n].check = sample(runs[n])
    return sample(runs[0])


def measure_check_jsonschema(bench: Bench) -> None:
    """The schemas alone, by check-jsonschema, on the reference set's files."""
    facts = bench.reference.facts
    commands: list[list[str | Path]] = [
        [BIN / "check-jsonschema", "--schemafile", SCHEMAS / f"{kind}.schema.json", *files]
        for kind, files in facts.files.items()
    ]

    def once() -> Run:
        done = [run(cmd, cwd=bench.work, env=bench.env, expect="ok") for cmd in commands]
        return Run(
            sum(r.seconds for r in done),
            sum(r.cpu for r in done),
            max(r.peak_rss for r in done),
            "",
        )

    say(f"{short(bench.base)}: check-jsonschema ({len(commands)} calls) x{bench.plan.cjs}")
    bench.reference.cjs = repeat(bench.plan.cjs, once)
