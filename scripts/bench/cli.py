"""``python -m bench``: generate the synthetic sets, measure, print the report."""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from .fmt import mb
from .generate import BASE_CLAIMS, generate
from .host import load_average
from .measure import measure
from .plan import FULL, QUICK, Bench
from .process import child_env, say
from .report import report
from .results import SizeResult


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark check, render and build on synthetic facts (see README).",
    )
    p.add_argument(
        "--quick", action="store_true", help="a smoke run: fewer runs, no size above 10k"
    )
    p.add_argument(
        "--sizes",
        default="5000,10000,20000",
        help="claim counts, comma-separated (default %(default)s); 10000 is the reference "
        "size when present",
    )
    p.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="work in DIR and keep the generated facts and sites",
    )
    return p


def sizes_of(args: argparse.Namespace, p: argparse.ArgumentParser) -> list[int]:
    try:
        sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        p.error("--sizes takes whole numbers, e.g. 5000,10000,20000")
    if args.quick:
        sizes = [s for s in sizes if s <= BASE_CLAIMS] or sizes[:1]
    if not sizes or sizes[0] < 10:
        p.error("sizes must be at least 10 claims")
    return sizes


def generated(work: Path, sizes: list[int]) -> dict[int, SizeResult]:
    results = {}
    for n in sizes:
        folder = work / f"facts-{n}"
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        facts = generate(folder, n)
        size = sum(p.stat().st_size for p in folder.glob("*.yaml"))
        results[n] = SizeResult(facts, size)
        say(
            f"generated {n:,} claims in {facts.topics} topics ({mb(size)}) in "
            f"{time.perf_counter() - started:.1f} s"
        )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    sizes = sizes_of(args, p)
    base = BASE_CLAIMS if BASE_CLAIMS in sizes else sizes[len(sizes) // 2]
    started, loads_before = time.strftime("%Y-%m-%d %H:%M %Z"), load_average()
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        plan = QUICK if args.quick else FULL
        bench = Bench(generated(work, sizes), plan, child_env(work / "pycache"), work, base,
                      ("mkdocs",))  # fmt: skip
        default_check = measure(bench)
        print(report(bench, default_check, started, (loads_before, load_average())))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0
