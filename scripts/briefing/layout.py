"""Where generated pages live. Shared by the validator (topic slugs and claim ids must not
take these names) and the renderer (which writes them); it depends on nothing."""

from __future__ import annotations

import posixpath

GENERATED_DIR = "briefing"

# Pages other than topics, by name, as paths under docs/.
PAGES = {
    "home": "index.md",
    "sources": f"{GENERATED_DIR}/sources.md",
    "timeline": f"{GENERATED_DIR}/timeline.md",
    "entities": f"{GENERATED_DIR}/entities.md",
    "data": f"{GENERATED_DIR}/data.md",
    "whatsnew": f"{GENERATED_DIR}/whats-new.md",
    "print": f"{GENERATED_DIR}/print.md",
    "claims": f"{GENERATED_DIR}/claims.md",
    "figures": f"{GENERATED_DIR}/figures.md",
    "how-to-read": "how-to-read.md",
    "contributing": "contributing.md",
}
# Data files, as paths under docs/ (published at the same paths under the site).
DATA_FILES = {
    "facts": "facts.json",
    "claims": "claims.csv",
    "package": "datapackage.json",
    "feed": "feed.xml",
}
# Files the generator owns at the top of docs/; it owns everything under GENERATED_DIR.
OWNED_ROOT_FILES = (PAGES["home"], PAGES["how-to-read"], *DATA_FILES.values())


def series_csv(series_id: str) -> str:
    return f"{GENERATED_DIR}/series/{series_id}.csv"


# The All claims table: its pages (for readers without JavaScript), and for filtering and
# sorting in the browser an index (topics, statuses, entities, the row files) and the rows,
# in files of at most CLAIMS_ROWS_BYTES: no file grows past that however many claims.
CLAIMS_INDEX = f"{GENERATED_DIR}/claims-index.json"
CLAIMS_PER_PAGE = 200
CLAIMS_ROWS_BYTES = 256 * 1024


def claims_rows(number: int) -> str:
    """Row file ``number`` (from 1) of the All claims table."""
    return f"{GENERATED_DIR}/claims-index/rows-{number}.json"


def claims_page(number: int) -> str:
    """Page ``number`` (from 1) of the All claims table."""
    return PAGES["claims"] if number == 1 else f"{GENERATED_DIR}/claims/page-{number}.md"


# Hand-written pages under docs/ (the generator never writes them).
HAND_WRITTEN = frozenset({"contributing"})
ICONS_CSS = f"{GENERATED_DIR}/icons.css"
NAV_FILE = f"{GENERATED_DIR}/nav.yml"

# A topic file may not be named like a generated page of the same folder.
RESERVED_SLUGS = frozenset(
    posixpath.splitext(posixpath.basename(path))[0]
    for path in (*PAGES.values(), NAV_FILE, ICONS_CSS, CLAIMS_INDEX)
    if path.startswith(GENERATED_DIR + "/")
) | {"series"}
# Anchors the generated pages use for their own headings and lists; claim ids are anchors too.
RESERVED_PREFIXES = ("section-", "glance-", "change-", "endnote-", "print-", "ref-", "chart-")


def topic_page(slug: str) -> str:
    return f"{GENERATED_DIR}/{slug}.md"
