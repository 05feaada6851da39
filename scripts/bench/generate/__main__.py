"""``python -m bench.generate DIR [--claims N]``: write a synthetic fact set into DIR."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import BASE_CLAIMS, SEED, generate


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Write a deterministic synthetic fact set that passes `briefing check`.",
    )
    parser.add_argument("folder", type=Path, help="where to write the fact files (created)")
    parser.add_argument("--claims", type=int, default=BASE_CLAIMS, help="default %(default)s")
    parser.add_argument("--seed", type=int, default=SEED, help="default %(default)s")
    args = parser.parse_args(argv)
    if args.claims < 10:
        parser.error("--claims must be at least 10")
    if args.folder.exists() and any(args.folder.glob("*.yaml")):
        parser.error(f"{args.folder} already holds fact files; give an empty or new folder")
    made = generate(args.folder, args.claims, seed=args.seed)
    print(
        f"Wrote {made.claims:,} claims in {made.topics} topics, {made.sources:,} sources, "
        f"{made.entities} entities and {made.series} series to {made.folder}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
