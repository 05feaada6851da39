"""The report's engine tables: every engine side by side at each engine size (issue 15), and
the edit-to-visible time of ``briefing serve``."""

from __future__ import annotations

import statistics

from .fmt import header, mb, mbytes, row, secs, short
from .plan import Bench
from .results import EngineResult, ServeResult
from .samples import Sample
from .targets import overhead


def _timed(s: Sample | None) -> str:
    if s is None:
        return "–"
    return f"{secs(s.median)} ({s.runs}); CPU {secs(s.cpu_median)}"


def _overhead(found: EngineResult) -> str:
    if found.build is None or found.plain is None:
        return "–"
    wall, cpu = overhead(found.build, found.plain)
    return f"{cpu:+.0%} CPU, {wall:+.0%} wall"


def engine_row(n: int, found: EngineResult) -> str:
    if found.failed and found.build is None:
        return row(found.engine, short(n), f"**failed**: {found.failed}", "", "", "", "", "")
    w = found.weight
    biggest = f"{mb(w.biggest[0].raw)} `{w.biggest[0].path}`" if w and w.biggest else "–"
    search = f"{mb(w.search.raw)} (gzip {mb(w.search.gzipped)})" if w and w.search else "–"
    memory = mbytes(found.build.memory) if found.build else "–"
    return row(
        found.engine, short(n), _timed(found.build), _timed(found.plain), _overhead(found),
        memory, biggest, search,
    )  # fmt: skip


def engines_table(bench: Bench) -> list[str]:
    out = header("Engine", "Claims", "`briefing build`: wall (runs); CPU",
                 "plain engine build, same pages", "`briefing` overhead", "Peak memory",
                 "Biggest HTML page", "Search index", align="lrrrrrrr")  # fmt: skip
    for n in sorted(bench.engine_sizes):
        for engine in bench.engines:
            found = bench.results[n].engines.get(engine)
            if found is not None:
                out.append(engine_row(n, found))
    return out


def serve_row(found: ServeResult) -> str:
    edits = found.edits
    if edits:
        spread = f"{secs(min(edits))} – {secs(max(edits))}" if len(edits) > 1 else ""
        visible = f"{secs(statistics.median(edits))} ({len(edits)})"
    else:
        visible, spread = "–", ""
    note = f"**failed**: {found.failed}" if found.failed else ""
    return row(found.engine, short(found.claims), secs(found.start), visible, spread, note)


def serve_table(bench: Bench) -> list[str]:
    rows = [serve_row(r.serve[e]) for n in bench.sizes for e in bench.engines
            if e in (r := bench.results[n]).serve]  # fmt: skip
    if not rows:
        return []
    out = header("Engine", "Claims", "Start to first page", "Edit to visible (median, edits)",
                 "Fastest – slowest", "Note", align="lrrrrl")  # fmt: skip
    return out + rows
