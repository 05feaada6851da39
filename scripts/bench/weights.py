"""What a built site weighs: its biggest HTML pages and the engine's search index, raw and
gzipped, found by walking the site (so page splitting needs no change here)."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

from briefing.engines import ENGINES

from .generate.pick import covering

# Each engine's own search index, under the site folder.
SEARCH_INDEX = covering(
    tuple(ENGINES),
    {
        "mkdocs": "search/search_index.json",
        "properdocs": "search/search_index.json",
        "zensical": "search.json",
    },
)
_ELEMENT = re.compile(rb"<[A-Za-z]")


@dataclass(frozen=True)
class Weight:
    path: str  # relative to the site folder
    raw: int
    gzipped: int
    elements: int  # HTML elements (0 for other files)


def weigh(site: Path, rel: str) -> Weight | None:
    path = site / rel
    if not path.is_file():
        return None
    data = path.read_bytes()
    elements = len(_ELEMENT.findall(data)) if rel.endswith(".html") else 0
    return Weight(rel, len(data), len(gzip.compress(data, compresslevel=6)), elements)


@dataclass(frozen=True)
class SiteWeight:
    pages: int  # HTML pages
    html_bytes: int  # all HTML pages together
    biggest: list[Weight]  # the biggest pages, biggest first
    search: Weight | None  # the engine's search index


def site_weight(site: Path, engine: str, top: int = 5) -> SiteWeight:
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)
    biggest = [w for p in pages[:top] if (w := weigh(site, p.relative_to(site).as_posix()))]
    total = sum(p.stat().st_size for p in pages)
    return SiteWeight(len(pages), total, biggest, weigh(site, SEARCH_INDEX[engine]))
