"""``python -m bench``: generate the synthetic sets, measure, print the report."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from briefing.engines import DEFAULT_ENGINE, ENGINES

from .fmt import mb
from .generate import BASE_CLAIMS, generate
from .host import load_average
from .measure import measure
from .plan import FULL, QUICK, Bench
from .process import ROOT, CommandFailed, child_env, say
from .report import RunInfo, report
from .results import SizeResult


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark check, render and build on synthetic facts (see README).",
    )
    p.add_argument(
        "--quick", action="store_true", help=f"a smoke run: fewer runs, {QUICK_SIZES} claims"
    )
    p.add_argument(
        "--sizes",
        help=f"claim counts, comma-separated (default {FULL_SIZES}); 10000 is the reference "
        "size when present; every engine builds at 1000, 10000 and the reference size",
    )
    p.add_argument(
        "--engines",
        default=",".join(engine_order()),
        help="engines to compare, comma-separated (default %(default)s; the first one is "
        "measured at every size)",
    )
    p.add_argument(
        "--serve-all",
        action="store_true",
        help="also time the preview of every engine at the smallest size",
    )
    p.add_argument(
        "--output",
        metavar="PATH",
        help="where the report goes: a Markdown file, or - for standard output (default: "
        f"{PAGE.relative_to(ROOT)}, or standard output for --quick)",
    )
    p.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="work in DIR and keep the generated facts and sites",
    )
    return p


PAGE = ROOT / "docs" / "benchmark.md"
FULL_SIZES = "1000,10000,20000"
QUICK_SIZES = "1000"


def engine_order() -> list[str]:
    """Every engine, the default one first."""
    return [DEFAULT_ENGINE, *(e for e in ENGINES if e != DEFAULT_ENGINE)]


def sizes_of(args: argparse.Namespace, p: argparse.ArgumentParser) -> list[int]:
    text = args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)
    try:
        sizes = sorted({int(s.replace("_", "")) for s in text.split(",") if s.strip()})
    except ValueError:
        p.error("--sizes takes whole numbers, e.g. 1000,10000,20000")
    if not sizes or sizes[0] < 10:
        p.error("sizes must be at least 10 claims")
    return sizes


def engines_of(args: argparse.Namespace, p: argparse.ArgumentParser) -> tuple[str, ...]:
    engines = tuple(dict.fromkeys(e.strip() for e in args.engines.split(",") if e.strip()))
    unknown = [e for e in engines if e not in ENGINES]
    if unknown or not engines:
        p.error(f"--engines takes some of: {', '.join(engine_order())}")
    missing = [e for e in engines if not ENGINES[e].installed()]
    if missing:
        p.error(f"not installed here: {', '.join(missing)} (`make bench` installs every engine)")
    return engines


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


def write(text: str, output: str) -> None:
    if output == "-":
        print(text, end="")
        return
    Path(output).write_text(text, encoding="utf-8")
    say(f"wrote {output}")


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    sizes = sizes_of(args, p)
    base = BASE_CLAIMS if BASE_CLAIMS in sizes else sizes[len(sizes) // 2]
    now = time.localtime()
    started = f"{now.tm_mday} {time.strftime('%B %Y, %H:%M %Z', now)}"
    loads_before = load_average()
    clock = time.perf_counter()
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        plan = replace(QUICK if args.quick else FULL, serve_all_engines=args.serve_all)
        env = child_env(work / "pycache")
        bench = Bench(generated(work, sizes), plan, env, work, base, engines_of(args, p))
        try:
            default_check = measure(bench)
        except CommandFailed as failure:
            print(f"bench: {failure}\n{failure.output[-4000:]}", file=sys.stderr)
            return 1
        minutes = (time.perf_counter() - clock) / 60
        info = RunInfo(started, (loads_before, load_average()), minutes, args.quick)
        text = report(bench, default_check, info)
        write(text, args.output or ("-" if args.quick else str(PAGE)))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0
