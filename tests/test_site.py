"""End to end: the real facts built into a site, checked page by page."""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .conftest import MINI, build, project_copy

pytestmark = pytest.mark.slow
TOPICS = ("company-profile", "motivations", "regulatory-status", "market-outlook", "partnerships")


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])  # type: ignore[arg-type]
        for name in ("href", "src"):
            if values.get(name):
                self.links.append((tag, values[name]))  # type: ignore[arg-type]


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_pages_exist(built_site: Path):
    for slug in TOPICS:
        assert (built_site / "briefing" / slug / "index.html").is_file()
    for page in (
        "index.html",
        "briefing/sources/index.html",
        "how-to-read/index.html",
        "briefing/timeline/index.html",
        "briefing/entities/index.html",
        "briefing/data/index.html",
        "contributing/index.html",
    ):
        assert (built_site / page).is_file(), page


def broken_links(site: Path) -> list[str]:
    """Every link or anchor between the site's pages that leads nowhere."""
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        base = "/" + path.relative_to(site).as_posix()
        for _tag, url in page.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue
            target = urlsplit(urljoin(base, url))
            file = site / unquote(target.path).lstrip("/")
            if target.path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{base}: {url}")
            elif (
                target.fragment
                and file.suffix == ".html"
                and unquote(target.fragment) not in pages[file].ids
            ):
                broken.append(f"{base}: {url} (no anchor)")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site: Path):
    assert broken_links(built_site) == []


def test_nothing_is_loaded_from_another_origin(built_site: Path):
    for path in built_site.rglob("*.html"):
        for tag, url in parse(path).links:
            if tag in ("script", "link", "img", "iframe", "source"):
                assert not re.match(r"^(https?:)?//", url), f"{path}: {tag} {url}"
    css = "".join(p.read_text() for p in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_every_claim_is_on_its_page_with_status_and_citations(built_site: Path):
    data = json.loads((built_site / "facts.json").read_text())
    html = "".join((built_site / "briefing" / slug / "index.html").read_text() for slug in TOPICS)
    for claim in data["claims"]:
        start = html.index(f'id="{claim["id"]}"')
        # The claim's own block ends where the next claim or earlier claim starts.
        ends = [html.find(marker, start + 1) for marker in ("<article", 'class="bf-earlier"')]
        block = html[start : min([e for e in ends if e != -1] + [len(html)])]
        assert block.count("bf-claim__meta") == 1
        assert f"bf-status--{claim['status']}" in block
        for source_id in claim["sources"]:
            assert f'href="#ref-{source_id}"' in block  # the page's own reference list
    for slug in TOPICS:
        page = (built_site / "briefing" / slug / "index.html").read_text()
        for source_id in set(re.findall(r'href="#ref-([a-z0-9-]+)"', page)):
            assert f'id="ref-{source_id}"' in page


def test_sources_page_links_back_to_claims(built_site: Path):
    html = (built_site / "briefing" / "sources" / "index.html").read_text()
    start = html.index('id="seed-article"')
    entry = html[start : html.index("</article>", start)]
    assert "undated" in entry
    assert entry.count('href="../') >= 10


def test_every_entity_has_a_page_with_its_claims(built_site: Path):
    data = json.loads((built_site / "facts.json").read_text())
    index = (built_site / "briefing" / "entities" / "index.html").read_text()
    for entity in data["entities"]:
        assert f'href="{entity["id"]}/"' in index
        page = (built_site / "briefing" / "entities" / entity["id"] / "index.html").read_text()
        about = [c for c in data["claims"] if entity["id"] in c["subjects"]]
        for claim in about:
            assert f'#{claim["id"]}"' in page, (entity["id"], claim["id"])


def _search_docs(site: Path) -> list[dict]:
    docs: list[dict] = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    for doc in docs:  # jieba separates Chinese words with zero-width spaces
        doc["title"] = doc["title"].replace("\u200b", "")
        doc["text"] = doc["text"].replace("\u200b", "")
    return docs


def test_sources_and_entities_are_readable_search_records_below_claims(built_site: Path):
    data = json.loads((built_site / "facts.json").read_text())
    docs = _search_docs(built_site)
    claim_boost = min(
        d.get("boost", 1) for d in docs if d["location"].startswith("briefing/company")
    )
    for source in data["sources"]:
        entries = [d for d in docs if d["location"] == f"briefing/sources/#{source['id']}"]
        assert len(entries) == 1, source["id"]  # one entry, landing on the record
        entry = entries[0]
        assert html.unescape(entry["title"]) == source["title"]
        publisher = source["publisher"] or "Publisher unknown"
        assert entry["text"].startswith(f"<p>{publisher}"), entry["text"][:80]
        # Field labels never run into their values; the claims citing it are not repeated.
        labels = r"(Publisher|Published|Kind|Address|Recorded)[A-Z0-9]|Cited by \d"
        assert not re.search(labels, entry["text"]), entry["text"][:80]
        assert entry["boost"] < claim_boost
    for entity in data["entities"]:
        location = f"briefing/entities/{entity['id']}/"
        entries = [d for d in docs if d["location"].startswith(location)]
        assert [e["location"] for e in entries] == [location], entity["id"]
        assert entity["name"] in entries[0]["title"]
        assert "Claims about" not in entries[0]["text"] and entries[0]["boost"] < claim_boost
    pages = {d["location"].split("#")[0] for d in docs}
    assert not pages & {"briefing/entities/", "briefing/timeline/", "briefing/print/"}


def test_export_matches_the_facts(built_site: Path):
    data = json.loads((built_site / "facts.json").read_text())
    assert data["schema_version"] == 2
    assert {c["topic"] for c in data["claims"]} == set(TOPICS)
    csv_text = (built_site / "claims.csv").read_text()
    assert csv_text.count("\n") == len(data["claims"]) + 1


def test_search_index_holds_claims_and_entity_names(built_site: Path):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Brilliance" in text and "Chery" in text and "Lei Jun" in text


def test_failed_build_leaves_the_last_good_site(tmp_path: Path):
    project = project_copy(tmp_path, MINI)
    assert build(project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    (project / "facts" / "plans.yaml").write_text("title: [broken\n")
    result = build(project)
    assert result.returncode == 1
    assert "facts/plans.yaml:2:1: E101" in result.stdout
    assert "started at line 1, column 8" in result.stdout
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


def test_mkdocs_failure_also_leaves_the_site(tmp_path: Path):
    project = project_copy(tmp_path, MINI)
    assert build(project).returncode == 0
    marker = (project / "site" / "index.html").read_bytes()
    (project / "docs" / "contributing.md").write_text("[broken](missing-page.md)\n")
    result = build(project)
    assert result.returncode == 1
    assert "missing-page.md" in result.stderr
    assert (project / "site" / "index.html").read_bytes() == marker


def test_removed_topic_leaves_no_stale_page(tmp_path: Path):
    project = project_copy(tmp_path, MINI)
    assert build(project).returncode == 0
    assert (project / "docs" / "briefing" / "market.md").exists()
    shutil.rmtree(project / "facts")
    shutil.copytree(MINI, project / "facts")
    text = (project / "facts" / "plans.yaml").read_text()
    (project / "facts" / "market.yaml").unlink()
    # The stats source is only cited from market.yaml: cite it here so the facts stay valid.
    text = text.replace(
        "sources: [wire-copy]\n    subjects", "sources: [wire-copy, stats-office]\n    subjects", 1
    )
    (project / "facts" / "plans.yaml").write_text(text)
    (project / "facts" / "series.yaml").unlink()  # its only points were in market.yaml
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert not (project / "docs" / "briefing" / "market.md").exists()
    assert not (project / "site" / "briefing" / "market").exists()


def test_unchanged_pages_are_not_rewritten(tmp_path: Path):
    project = project_copy(tmp_path, MINI)
    from .conftest import run_briefing

    assert run_briefing("render", cwd=project).returncode == 0
    page = project / "docs" / "briefing" / "plans.md"
    stamp = page.stat().st_mtime_ns
    result = run_briefing("render", cwd=project)
    assert "0 changed" in result.stdout
    assert page.stat().st_mtime_ns == stamp
