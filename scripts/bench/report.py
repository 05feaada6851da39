"""The benchmark's report: Markdown tables of what a run measured, and the targets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from briefing.settings import load_settings

from .fmt import header, mb, mbytes, row, secs, short
from .host import machine
from .plan import Bench
from .process import ROOT, Run
from .report_engines import engines_table, serve_table
from .samples import Sample
from .stages import STAGES
from .targets import target_rows

FRONT_MATTER = """---
title: Benchmark
search:
  exclude: true
---
"""
METHOD = (
    "Synthetic briefings of each size are written by `python -m bench.generate` (deterministic, "
    "and passing `briefing check`). Wall times are medians (runs in brackets) and include "
    "interpreter start; CPU is user + system time of the process tree; peak memory is the "
    "largest process's resident set, and for builds the sum of the processes alive together. "
    "A plain build is the engine's own build, with the same command line `briefing build` "
    "uses, of the pages that build left in `docs/`. Every phase interleaves sizes and engines "
    "run by run, so a busy moment on a shared machine weighs on both sides of a ratio. The "
    "overhead of `make site` is judged on wall time, the time a user waits (as issue 15 sets "
    "it), as the median over paired runs; its CPU time is shown beside it and is higher, since "
    "the render uses the second core while the engine's process starts. The growth targets are "
    "judged on CPU time, which a busy moment disturbs less."
)


@dataclass(frozen=True)
class RunInfo:
    """When and how the run went."""

    started: str
    loads: tuple[str, str]  # load average before and after
    minutes: float
    quick: bool


def intro(bench: Bench, info: RunInfo) -> list[str]:
    facts, b = bench.reference.facts, bench.reference
    kind = "A quick run (`python -m bench --quick`)" if info.quick else "`make bench`"
    return [
        "# Benchmark",
        "",
        f"{kind}, {info.started}, on {machine()}; it took {info.minutes:.0f} minutes, with a "
        f"load average of {info.loads[0]} before and {info.loads[1]} after (other jobs share "
        "the machine when the load exceeds its cores). Written by `scripts/bench/`; run `make "
        "bench` to measure again.",
        "",
        f"The reference set: {facts.claims:,} claims in {facts.topics} topics citing "
        f"{facts.sources:,} sources, {facts.entities} entities, {facts.series} series; "
        f"{facts.superseded} claims superseded, {facts.figures:,} with a figure "
        f"({facts.points:,} of them points of a series); {mb(b.yaml_bytes)} of YAML.",
        "",
        METHOD,
    ]


def sample_row(label: str, what: str, s: Sample | None) -> Iterator[str]:
    if s is None:
        return
    cpu = secs(s.cpu_median) if s.cpu else "–"
    rss = mbytes(s.peak_rss) if s.peak_rss else "–"
    if s.tree_rss > s.peak_rss:
        rss += f" (together {mbytes(s.tree_rss)})"
    yield row(label, what, f"{secs(s.median)} ({s.runs})", secs(min(s.wall)), cpu, rss)


def run_row(label: str, what: str, r: Run | None) -> Iterator[str]:
    if r is not None:
        cells = (f"{secs(r.seconds)} (1)", secs(r.seconds), secs(r.cpu), mbytes(r.peak_rss))
        yield row(label, what, *cells)


def measures(bench: Bench, default_check: Sample) -> list[str]:
    b, size, engine = bench.reference, f"{short(bench.base)} claims", bench.engines[0]
    found = b.engines.get(engine)
    out = header("Measure", "Facts", "Wall (median)", "Wall (min)", "CPU (median)", "Peak RSS",
                 align="llrrrr")  # fmt: skip
    out += sample_row("`briefing check`", "./facts", default_check)
    out += sample_row("`briefing check`", size, b.check)
    out += sample_row("`check-jsonschema` (every fact file)", size, b.cjs)
    for stage, label in STAGES.items():
        out += sample_row(label, size, b.in_process.sample(stage) if b.in_process else None)
    build, plain = (found.build, found.plain) if found else (None, None)
    out += sample_row(f"`briefing build --engine {engine}`", size, build)
    out += sample_row(f"plain `{engine} build --strict`, same pages", size, plain)
    out += run_row("`briefing render` (the build's own process)", size, b.render_only)
    out += run_row(
        f"`briefing render`, facts in git ({b.commits} fact commits)", size, b.with_history
    )
    return out + history_note(bench)


def history_note(bench: Bench) -> list[str]:
    depth = load_settings(ROOT / "mkdocs.yml").history_depth
    b = bench.reference
    if b.with_history is None or b.render_only is None or not b.commits:
        return []
    per_commit = (b.with_history.cpu - b.render_only.cpu) / b.commits
    return [
        "",
        f"Reading the facts' git history costs {per_commit:.2f} s of CPU per fact commit at "
        f"{short(bench.base)} claims; with the {depth} commits the history reads at most "
        f"(`history_depth`), that is about {per_commit * depth:.0f} s more for every "
        "`briefing build` and every re-render of `briefing serve`.",
    ]


def growth_table(bench: Bench) -> list[str]:
    engine = bench.engines[0]
    out = header("Claims", "Topics", "Sources", "YAML", "`briefing check`", "render (in process)",
                 "`briefing build`", "build memory", align="rrrrrrrr")  # fmt: skip
    for n, r in sorted(bench.results.items()):
        render = r.in_process.sample("render").median if r.in_process else None
        built = r.built(engine)
        out.append(
            row(
                f"{n:,}",
                r.facts.topics,
                f"{r.facts.sources:,}",
                mb(r.yaml_bytes),
                secs(r.check.median if r.check else None),
                secs(render),
                secs(built.median if built else None),
                mbytes(built.memory) if built else "–",
            )
        )
    return out


def weights_table(bench: Bench) -> list[str]:
    engine = bench.engines[0]
    found = bench.reference.engines.get(engine)
    if found is None or found.weight is None:
        return []
    w = found.weight
    out = header(f"Built file ({short(bench.base)} claims, {engine})", "Raw", "gzip -6",
                 "HTML elements", align="lrrr")  # fmt: skip
    for page in [*w.biggest, *([w.search] if w.search else [])]:
        elements = f"{page.elements:,}" if page.elements else "–"
        out.append(row(f"`{page.path}`", mb(page.raw), mb(page.gzipped), elements))
    return out


def section(title: str, lines: list[str]) -> list[str]:
    return ["", f"## {title}", "", *lines] if lines else []


def report(bench: Bench, default_check: Sample, info: RunInfo) -> str:
    """The page docs/benchmark.md: what was measured, and the targets met or missed."""
    targets = header("Target", "Result", "Verdict") + target_rows(bench, default_check)
    out = [FRONT_MATTER.rstrip("\n"), *intro(bench, info)]
    out += section("Targets", targets)
    out += section("Engines side by side", engines_table(bench))
    out += section("Edit to visible in `briefing serve`", serve_table(bench))
    out += section(
        f"Check, render and build at {short(bench.base)} claims", measures(bench, default_check)
    )
    out += section("Growth", growth_table(bench))
    out += section("Heaviest files", weights_table(bench))
    return "\n".join(out) + "\n"
