"""The project's speed and size targets (issues 7 and 15), each met or missed by a run."""

from __future__ import annotations

import statistics
from collections.abc import Iterator

from .fmt import mb, mbytes, row, secs, short, verdict
from .plan import Bench
from .results import SizeResult
from .samples import Sample

TARGET_SIZE = 10_000  # the size issue 15's targets are set at
# Issue 15.
SITE_OVERHEAD = 0.10  # `make site` over a plain build of the same pages by the same engine
EDIT_TO_VISIBLE = 3.0  # seconds
PAGE_BYTES = 1_000_000  # no HTML page larger
SEARCH_BYTES = 8_000_000  # the search index smaller
BUILDS_EVERYWHERE = "zensical"  # the engine that must build the target size too
# Issue 7.
CHECK_10K = 1.0  # seconds, wall, interpreter start included
CHECK_DEFAULT = 0.3  # seconds
VS_CHECK_JSONSCHEMA = 3.0  # times faster
GROWTH = 2.2  # 2x the claims cost at most 2.2 times as much
BUILD_MEMORY = 500_000_000  # bytes
NOT_MEASURED = "not measured in this run"


def overhead(build: Sample, plain: Sample) -> tuple[float, float]:
    """Median over paired runs of (briefing build / plain build - 1), wall and CPU."""
    wall = statistics.median(x / y - 1 for x, y in zip(build.wall, plain.wall, strict=True))
    cpu = statistics.median(x / y - 1 for x, y in zip(build.cpu, plain.cpu, strict=True))
    return wall, cpu


def _cpu(s: Sample | None) -> float | None:
    return s.cpu_median if s else None


def growth(bench: Bench) -> dict[str, float]:
    """CPU time at twice the reference size over CPU time at the reference size, by stage
    (CPU time, which other jobs on the machine disturb far less than wall time)."""
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
    ratios = {k: (_cpu(x), _cpu(y)) for k, (x, y) in pairs.items()}
    return {k: x / y for k, (x, y) in ratios.items() if x and y}


def _missing(label: str) -> str:
    return row(label, NOT_MEASURED, "–")


def site_rows(bench: Bench, at: SizeResult | None) -> Iterator[str]:
    """`make site` overhead and edit-to-visible, with the default engine."""
    engine, size = bench.engines[0], short(TARGET_SIZE)
    label = f"`make site` ≤ {SITE_OVERHEAD:.0%} over a plain {engine} build, {size} claims"
    found = at.engines.get(engine) if at else None
    if found and found.build and found.plain:
        # Judged as the issue measures it, on the time a user waits (wall); the CPU time is
        # shown beside it: it also counts the second core the render uses meanwhile.
        wall, cpu = overhead(found.build, found.plain)
        result = f"{wall:+.1%} wall, {cpu:+.1%} CPU (median of {found.build.runs} paired runs)"
        yield row(label, result, verdict(wall <= SITE_OVERHEAD))
    else:
        yield _missing(label)
    label = f"edit to visible in `briefing serve` < {EDIT_TO_VISIBLE:g} s, {size} claims"
    served = at.serve.get(engine) if at else None
    if served and served.edits:
        seconds = statistics.median(served.edits)
        result = f"{secs(seconds)}, median of {len(served.edits)} edits (fastest "
        result += f"{secs(min(served.edits))}; {engine})"
        yield row(label, result, verdict(seconds < EDIT_TO_VISIBLE))
    elif served and served.failed:
        yield row(label, f"failed: {served.failed}", verdict(False))
    else:
        yield _missing(label)


def weight_rows(bench: Bench, at: SizeResult | None) -> Iterator[str]:
    """Page and search-index bounds for every engine, and the engine that must build."""
    size = short(TARGET_SIZE)
    for engine in bench.engines:
        found = at.engines.get(engine) if at else None
        w = found.weight if found else None
        pages = f"{engine}: no HTML page over {PAGE_BYTES / 1e6:g} MB, {size} claims"
        index = f"{engine}: search index under {SEARCH_BYTES / 1e6:g} MB, {size} claims"
        if w is None or not w.biggest:
            result = "did not build (below)" if found and found.failed else NOT_MEASURED
            yield from (row(pages, result, "–"), row(index, result, "–"))
            continue
        top = w.biggest[0]
        yield row(pages, f"{mb(top.raw)} (`{top.path}`)", verdict(top.raw <= PAGE_BYTES))
        if w.search:
            yield row(index, mb(w.search.raw), verdict(w.search.raw < SEARCH_BYTES))
    if BUILDS_EVERYWHERE in bench.engines:
        label = f"{BUILDS_EVERYWHERE} builds {size} claims"
        found = at.engines.get(BUILDS_EVERYWHERE) if at else None
        if found is None:
            yield _missing(label)
        else:
            result = f"failed: {found.failed}" if found.failed else "built"
            yield row(label, result, verdict(found.failed is None and found.build is not None))


def _best(s: Sample) -> str:
    return (
        f"{secs(min(s.wall))} best of {s.runs} (median {secs(s.median)}, CPU {secs(s.cpu_median)})"
    )


def check_rows(bench: Bench, default_check: Sample) -> Iterator[str]:
    """The check as a user waits for it: the best wall time of the runs, the one other
    jobs on the machine disturbed least."""
    at = bench.results.get(TARGET_SIZE)
    label = f"check of {short(TARGET_SIZE)} claims ≤ {CHECK_10K:g} s"
    if at and at.check:
        yield row(label, _best(at.check), verdict(min(at.check.wall) <= CHECK_10K))
    else:
        yield _missing(label)
    label = f"check of ./facts ≤ {CHECK_DEFAULT:g} s"
    yield row(label, _best(default_check), verdict(min(default_check.wall) <= CHECK_DEFAULT))
    b = bench.reference
    if b.cjs and b.check:
        ratio = b.cjs.median / b.check.median
        label = f"≥ {VS_CHECK_JSONSCHEMA:g}× faster than check-jsonschema ({short(bench.base)})"
        yield row(label, f"{ratio:.1f}×", verdict(ratio >= VS_CHECK_JSONSCHEMA))


def growth_rows(bench: Bench, at: SizeResult | None) -> Iterator[str]:
    for name, value in growth(bench).items():
        label = f"{name}: 2× the claims ≤ {GROWTH:g}× the CPU time"
        yield row(label, f"{value:.2f}×", verdict(value <= GROWTH))
    built = at.built(bench.engines[0]) if at else None
    label = f"peak memory of the {short(TARGET_SIZE)} claims build < {mbytes(BUILD_MEMORY)}"
    if built:
        result = f"{mbytes(built.memory)} (processes alive together; largest one "
        result += f"{mbytes(built.peak_rss)})"
        yield row(label, result, verdict(built.memory < BUILD_MEMORY))
    else:
        yield _missing(label)


def target_rows(bench: Bench, default_check: Sample) -> list[str]:
    at = bench.results.get(TARGET_SIZE)
    return [
        *site_rows(bench, at),
        *weight_rows(bench, at),
        *check_rows(bench, default_check),
        *growth_rows(bench, at),
    ]
