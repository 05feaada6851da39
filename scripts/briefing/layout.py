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


# Pages that list many things (Sources, Entities, Timeline, Print) stay whole while they hold
# at most this many lines (a claim, a source's record, a citing claim: one line each) and are
# split past it. A line weighs 0.3-0.85 kB of HTML (a timeline item at 10,000 claims: 0.83 kB),
# so a page stays under about 0.7 MB, with room for statements longer than the benchmark's.
LINES_PER_PAGE = 800


def part_page(page: str, number: int) -> str:
    """Part ``number`` (from 1) of ``page`` split in parts: the page itself, then
    ``<page>/page-<number>.md`` (``page-2`` cannot be an id: ids never reach into a folder)."""
    return page if number == 1 else f"{page.removesuffix('.md')}/page-{number}.md"


def claims_page(number: int) -> str:
    """Page ``number`` (from 1) of the All claims table."""
    return part_page(PAGES["claims"], number)


def _member(folder: str, name: str) -> str:
    """The page of ``name`` in ``folder``; "index" would be the folder's own page, and "index-"
    is no id (ids never end in a hyphen), so it takes that name."""
    return f"{folder}/{name if name != 'index' else 'index-'}.md"


def entity_page(entity_id: str, number: int = 1) -> str:
    """The page of one entity (and its further parts when its claims overflow one page)."""
    return part_page(_member(f"{GENERATED_DIR}/entities", entity_id), number)


def timeline_page(year: int, number: int = 1) -> str:
    """The timeline of one year, once the timeline is too long for one page."""
    return part_page(f"{GENERATED_DIR}/timeline/{year}.md", number)


def print_page(topic_slug: str, number: int = 1) -> str:
    """The print edition of one topic, once the whole briefing is too long for one page."""
    return part_page(_member(f"{GENERATED_DIR}/print", topic_slug), number)


def sources_page(number: int) -> str:
    """Page ``number`` (from 1) of the source records, once they are too many for one page
    (the Sources page is then the index of publishers)."""
    return f"{GENERATED_DIR}/sources/page-{number}.md"


# Pages reached from another page rather than from the navigation (the generated nav.yml
# gives them to ``not_in_nav``): the parts of split pages and the entities' pages, and the
# hand-written benchmark results (written by `make bench`, linked from Contributing facts).
NOT_IN_NAV = (
    *(
        f"{GENERATED_DIR}/{folder}/"
        for folder in ("claims", "entities", "timeline", "print", "sources")
    ),
    "/benchmark.md",
)

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
