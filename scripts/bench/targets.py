"""The project's speed and size targets, each met or missed by a benchmark run."""

from __future__ import annotations

import statistics
from collections.abc import Iterator

from .fmt import mbytes, row, secs, short, verdict
from .generate import BASE_CLAIMS
from .plan import Bench
from .samples import Sample

# Issue 7.
CHECK_10K = 1.0  # seconds, wall, interpreter start included
CHECK_DEFAULT = 0.3  # seconds
VS_CHECK_JSONSCHEMA = 3.0  # times faster
GROWTH = 2.2  # 2x the claims cost at most 2.2 times as much
BUILD_MEMORY = 500_000_000  # bytes
BUILD_OVERHEAD = 0.15  # over a plain build of the same pages by the same engine


def overhead(build: Sample, plain: Sample) -> tuple[float, float]:
    """Median over paired runs of (briefing build / plain build - 1), wall and CPU."""
    wall = statistics.median(x / y - 1 for x, y in zip(build.wall, plain.wall, strict=True))
    cpu = statistics.median(x / y - 1 for x, y in zip(build.cpu, plain.cpu, strict=True))
    return wall, cpu


def growth(bench: Bench) -> dict[str, float]:
    """Cost at twice the reference size over cost at the reference size, by stage."""
    b, twice = bench.reference, bench.results.get(bench.base * 2)
    if twice is None:
        return {}
    pairs = {
        "check": (twice.check, b.check),
        "render": (
            twice.in_process.sample("render") if twice.in_process else None,
            b.in_process.sample("render") if b.in_process else None,
        ),
        "build": (twice.built(bench.engines[0]), b.built(bench.engines[0])),
    }
    return {k: x.median / y.median for k, (x, y) in pairs.items() if x and y}


def check_rows(bench: Bench, default_check: Sample) -> Iterator[str]:
    b = bench.reference
    if bench.base == BASE_CLAIMS and b.check:
        v = b.check.median
        yield row(f"check of 10k claims ≤ {CHECK_10K:g} s", secs(v), verdict(v <= CHECK_10K))
    v = default_check.median
    yield row(f"check of ./facts ≤ {CHECK_DEFAULT:g} s", secs(v), verdict(v <= CHECK_DEFAULT))
    if b.cjs and b.check:
        ratio = b.cjs.median / b.check.median
        yield row(
            f"≥ {VS_CHECK_JSONSCHEMA:g}× faster than check-jsonschema",
            f"{ratio:.1f}×",
            verdict(ratio >= VS_CHECK_JSONSCHEMA),
        )


def build_rows(bench: Bench) -> Iterator[str]:
    b, engine = bench.reference, bench.engines[0]
    found = b.engines.get(engine)
    size = f"{short(bench.base)} claims"
    if found and found.build and found.plain:
        wall, cpu = overhead(found.build, found.plain)
        yield row(
            f"build overhead over a plain {engine} build ≤ {BUILD_OVERHEAD:.0%}",
            f"{wall:+.1%} wall, {cpu:+.1%} CPU (median of {found.build.runs} paired runs)",
            verdict(wall <= BUILD_OVERHEAD),
        )
    for name, value in growth(bench).items():
        yield row(
            f"{name}: 2× the claims ≤ {GROWTH:g}× the time",
            f"{value:.2f}×",
            verdict(value <= GROWTH),
        )
    if found and found.build:
        single, together = found.build.peak_rss, found.build.memory
        yield row(
            f"peak memory of the {size} build < {mbytes(BUILD_MEMORY)}",
            f"{mbytes(together)} (processes alive together; largest one {mbytes(single)})",
            verdict(together < BUILD_MEMORY),
        )
