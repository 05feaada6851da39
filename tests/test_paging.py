"""Long lists stay one page while small and split past a budget of lines (paging.py): every
source, entity, dated claim and printed claim lands on exactly one page of its list, no page
holds more lines than the budget, and every link the generated pages make between them
reaches a page and an anchor that exist (MkDocs' strict build checks the real site)."""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit

import pytest

from briefing import layout
from briefing.paging import plan, split
from briefing.pipeline import check, generate
from briefing.render import RenderOptions
from briefing.settings import Settings
from briefing.urls import page_url

from .conftest import FACTS, MINI

TODAY = date(2026, 12, 31)
HREF = re.compile(r'href="([^"]+)"')
ANCHOR = re.compile(r'id="([^"]+)"|\{: #([\w-]+)')


@functools.cache
def briefing_of(facts):
    return check(facts, today=TODAY)


@functools.cache
def pages_with_budget(facts, budget: int) -> dict[str, str]:
    options = RenderOptions(today=TODAY, settings=replace(Settings(), lines_per_page=budget))
    return generate(briefing_of(facts), options)


def test_split_keeps_order_and_budget_and_never_returns_nothing():
    assert split([], 3, len) == [()]
    runs = split(["aa", "b", "c", "dddd", "e"], 3, len)
    assert runs == [("aa", "b"), ("c",), ("dddd",), ("e",)]  # too heavy: a run of its own
    assert [x for run in runs for x in run] == ["aa", "b", "c", "dddd", "e"]


def test_an_entity_named_index_does_not_take_the_entities_page():
    assert layout.entity_page("index") == "briefing/entities/index-.md"
    assert page_url(layout.entity_page("index")) != page_url(layout.PAGES["entities"])
    assert layout.entity_page("xiaomi", 2) == "briefing/entities/xiaomi/page-2.md"


def test_the_real_briefing_keeps_its_lists_on_one_page_with_a_page_per_entity():
    briefing = briefing_of(FACTS)
    found = plan(briefing)
    assert found.sources == () and found.years == () and found.print_topics == ()
    assert set(found.source_page.values()) == {layout.PAGES["sources"]}
    assert all(len(parts) == 1 for parts in found.entities.values())
    assert len(found.dated) == sum(1 for c in briefing.claims if c.as_of)


@pytest.mark.parametrize("budget", [2, 5])
def test_past_the_budget_every_item_is_on_exactly_one_page(budget: int):
    briefing = briefing_of(FACTS)
    found = plan(briefing, budget)
    on_pages = [s.id for part in found.sources for s in part.items]
    assert sorted(on_pages) == sorted(s.id for s in briefing.sources)
    publishers = [
        (s.publisher or "\uffff").casefold() for part in found.sources for s in part.items
    ]
    assert publishers == sorted(publishers)  # by publisher, unknown last
    dated = [c.id for _, parts in found.years for part in parts for c in part.items]
    assert dated == [c.id for c in found.dated]  # newest first, year after year
    printed = [c.id for _, parts in found.print_topics for part in parts for c in part.items]
    assert sorted(printed) == sorted(c.id for c in briefing.current_claims)
    for entity in briefing.entities:
        about = [c.id for part in found.entities[entity.id] for c in part.items]
        assert sorted(about) == sorted(c.id for c in briefing.about(entity.id))
        assert all(len(part.items) <= budget for part in found.entities[entity.id])
    for _, parts in found.years:
        assert all(len(part.items) <= budget for part in parts)


def _lines(text: str) -> int:
    return text.count("<li")


def test_split_pages_hold_at_most_the_budget_and_link_to_each_other():
    budget = 12
    files = pages_with_budget(FACTS, budget)
    split_pages = [
        path
        for path in files
        if path.endswith(".md")
        and any(path.startswith(f"briefing/{f}/") for f in ("sources", "timeline", "print"))
    ]
    assert split_pages, "a budget of 12 lines splits the real facts' lists"
    for path in split_pages:
        # A record is one line plus one per claim citing it; an item heavier than the budget
        # has a page of its own.
        assert _lines(files[path]) <= 2 * budget + 60, path
    index = files[layout.PAGES["sources"]]
    assert "search:\n  exclude: true" in index  # the records are entries on their own pages
    for part in re.findall(r'href="(page-\d+/)#', index):
        assert f"briefing/sources/{part.rstrip('/')}.md" in files


@pytest.mark.parametrize(
    ("facts", "budget"),
    [(MINI, 1), (MINI, 3), (MINI, 1000), (FACTS, 12), (FACTS, 1000)],
    ids=["mini-1", "mini-3", "mini-whole", "real-12", "real-whole"],
)
def test_every_link_between_generated_pages_reaches_a_page_and_an_anchor(facts, budget):
    files = pages_with_budget(facts, budget)
    by_url = {page_url(path): path for path in files if path.endswith(".md")}
    anchors = {
        path: {a or b for a, b in ANCHOR.findall(text)}
        for path, text in files.items()
        if path.endswith(".md")
    }
    broken = []
    for path, text in files.items():
        if not path.endswith(".md"):
            continue
        here = page_url(path)
        for href in HREF.findall(text):
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = posixpath.normpath(posixpath.join(here or ".", parts.path))
            target = "" if target == "." else target + "/"
            if not parts.path:  # an anchor on the same page
                target = here
            if target not in by_url:
                if not posixpath.splitext(target.rstrip("/"))[1]:  # a data file is no page
                    broken.append(f"{path}: {href}")
                continue
            if parts.fragment and parts.fragment not in anchors[by_url[target]]:
                broken.append(f"{path}: {href} (no anchor)")
    assert broken == []


def test_sources_and_entities_are_linked_where_their_records_are():
    files = pages_with_budget(FACTS, 12)
    topic = files["briefing/company-profile.md"]
    assert 'href="../entities/xiaomi/"' in topic
    records = re.findall(r'class="bf-record" href="\.\./sources/(page-\d+)/#([\w-]+)"', topic)
    assert records
    for part, source_id in records:
        assert f'id="{source_id}"' in files[f"briefing/sources/{part}.md"]
