"""What's new and the feed list every kind of change, and say how many a long change leaves
out rather than cutting it silently."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from briefing.changelist import change_list
from briefing.factdiff import compare
from briefing.history import Change, History
from briefing.layout import DATA_FILES, PAGES
from briefing.pipeline import check
from briefing.rawfacts import parse_facts
from briefing.render import RenderOptions, render_pages

from .conftest import FACTS


def fact_files() -> dict[str, str]:
    return {path.name: path.read_text() for path in sorted(FACTS.glob("*.yaml"))}


def reworded(files: dict[str, str]) -> dict[str, str]:
    """Every statement of the facts reworded (a word added at its start)."""
    start = re.compile(r"^(\s*statement: (?:[>|]-?\n\s+)?)(['\"]?)", re.M)
    return {name: start.sub(r"\1\2Reportedly ", text) for name, text in files.items()}


def test_a_long_change_is_cut_with_the_count_of_the_rest():
    before = fact_files()
    diff = compare(parse_facts(before), parse_facts(reworded(before)))
    total = len(diff.reworded)
    assert total > 30
    listed = change_list(diff, limit=25)
    assert len(listed.reworded.items) == 25 and listed.reworded.more == total - 25
    assert not listed.added and listed.added.more == 0
    assert listed.records == ()  # no source or entity changed


def test_whats_new_and_the_feed_say_what_they_leave_out():
    before = fact_files()
    after = reworded(before)
    after["partnerships.yaml"] = after["partnerships.yaml"].replace(
        "status: reported", "status: disputed", 1
    )
    diff = compare(parse_facts(before), parse_facts(after), "a", "b")
    when = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    history = History((Change("0123456789abcdef", when, "Reword every claim", diff),))
    briefing = check(FACTS, today=date(2026, 12, 31))
    pages = render_pages(briefing, RenderOptions(today=date(2026, 12, 31)), history)
    page = pages[PAGES["whatsnew"]]
    assert page.count("<li>Reworded: ") == 25
    assert f"… and {len(diff.reworded) - 25} more claims reworded." in page
    assert "<li>Status: " in page and "(reported → disputed)" in page
    assert '<time datetime="2026-03-02T09:30:00Z">2 March 2026</time>' in page
    assert "\n\n" not in page[page.index("<section") :]  # one raw HTML block, never broken
    feed = pages[DATA_FILES["feed"]]
    assert "<updated>2026-03-02T09:30:00Z</updated>" in feed
    assert "Status reported → disputed: " in feed
