"""Pages stay bounded as the briefing grows: long lists split into pages (paging.py) that
link to each other under MkDocs' strict build, and at a few thousand synthetic claims no
page passes 1 MB and the search index stays within its share of 8 MB per 10,000 claims, with
MkDocs and with Zensical (which refuses a search field over 64 KiB)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.generate import generate

from .browser import Watch, chromium, serve
from .conftest import build, project_copy
from .test_site import broken_links

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("scale")]
MB = 1_000_000
PAGE_LIMIT = 1 * MB  # at any size
INDEX_PER_CLAIM = 8 * MB / 10_000  # the search index: under 8 MB at 10,000 claims
CLAIMS = 2_000
SEARCH_INDEX = {"mkdocs": "search/search_index.json", "zensical": "search.json"}


def with_budget(project: Path, lines: int) -> Path:
    """The project's mkdocs.yml with another page budget (extra.briefing.lines_per_page)."""
    config = project / "mkdocs.yml"
    text = config.read_text()
    marker = "    feed_id:"
    assert marker in text
    config.write_text(text.replace(marker, f"    lines_per_page: {lines}\n{marker}", 1))
    return project


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real facts with a budget of 12 lines: every long list is split."""
    project = with_budget(project_copy(tmp_path_factory.mktemp("split")), 12)
    result = build(project)  # strict: a link or anchor MkDocs cannot resolve fails it
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_split_lists_link_to_every_part_and_back(split_site: Path):
    assert broken_links(split_site) == []
    briefing = split_site / "briefing"
    for folder in ("sources", "timeline", "print"):
        index = (briefing / folder / "index.html").read_text()
        parts = [
            p for p in (briefing / folder).rglob("index.html") if p.parent != briefing / folder
        ]
        assert len(parts) > 1, folder
        for part in parts:  # reached from the index, directly or through its year or topic
            text = part.read_text()
            assert 'class="bf-pages"' in text or part.parent.parent.name == folder, part
        assert 'href="' in index
    years = sorted(p.name for p in (briefing / "timeline").iterdir() if p.is_dir())
    assert years and all(y.isdigit() for y in years)
    assert any((briefing / "entities").glob("*/page-2/index.html"))


@pytest.mark.browser
def test_index_and_part_pages_are_accessible(split_site: Path):
    from axe_playwright_python.sync_playwright import Axe

    briefing = split_site / "briefing"
    year = next(p for p in sorted((briefing / "timeline").iterdir()) if p.is_dir())
    pages = [
        "briefing/sources/",
        "briefing/sources/page-2/",
        "briefing/timeline/",
        f"briefing/timeline/{year.name}/",
        "briefing/print/",
        next(p for p in (briefing / "entities").glob("*/page-2")).relative_to(split_site),
    ]
    with serve(split_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        watch = Watch(page, base)
        for path in pages:
            page.goto(f"{base}{Path(path).as_posix().rstrip('/')}/")
            violations = Axe().run(page).response["violations"]
            serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
            assert serious == [], (path, serious)
        assert watch.errors == [] and watch.foreign == []
        page.close()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("synthetic") / "facts", CLAIMS).folder


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_pages_and_search_index_stay_bounded(synthetic: Path, tmp_path: Path, engine: str):
    project = project_copy(tmp_path, synthetic)
    result = build(project, "--engine", engine)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    too_big = {page: size for page, size in sizes.items() if size > PAGE_LIMIT}
    assert too_big == {}
    # The long lists were split, not merely small: each has more than one page.
    for folder in ("sources", "timeline", "print"):
        assert sum(1 for page in sizes if page.startswith(f"briefing/{folder}/")) > 2, folder
    index = (site / SEARCH_INDEX[engine]).stat().st_size
    assert index < INDEX_PER_CLAIM * CLAIMS, f"{index / MB:.2f} MB"
    claims = json.loads((site / "facts.json").read_text())["claims"]
    assert len(claims) == CLAIMS
