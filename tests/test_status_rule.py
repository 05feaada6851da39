"""The confirmed rule (issue 11): 'confirmed' needs the party's own statement or an official
record, or two independent publishers, where a copy counts as the report it copies."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.load import load_dir
from briefing.validate import validate

from .conftest import MINI

TODAY = date(2026, 11, 24)
EXTRA_SOURCES = """\
  - id: release
    title: The phone maker announces its car
    publisher: Phone Maker Corp.
    url: https://phone-maker.example.org/news/car
    published: "2021-03-30"
    retrieved: "2026-11-24"
    kind: press-release
  - id: wire-on-portal
    title: Phone maker said to plan a car (wire report)
    publisher: Example Portal
    url: https://portal.example.org/phone-maker-car
    published: "2021-03-26"
    retrieved: "2026-11-24"
    kind: news
    copy_of: Example Wire
  - id: wire-on-daily
    title: Phone maker said to plan a car
    publisher: Example Daily
    url: https://daily.example.org/phone-maker-car
    published: "2021-03-26"
    retrieved: "2026-11-24"
    kind: news
    copy_of: Example Wire
  - id: own-reporting
    title: Phone maker's car plan, our reporting
    publisher: Example Times
    url: https://times.example.org/phone-maker-car
    published: "2021-03-27"
    retrieved: "2026-11-24"
    kind: news
  - id: quotes-the-maker
    title: Phone maker confirms its car plan
    publisher: Example Gazette
    url: https://gazette.example.org/phone-maker-confirms
    published: "2021-03-31"
    retrieved: "2026-11-24"
    kind: news
    relays: [phone-maker]
"""
TOPIC = """\
title: Rule
summary: One claim whose status is judged.
claims:
  - id: judged
    statement: The phone maker plans a car.
    status: confirmed
    kind: event
    as_of: "2021-03"
    sources: [{sources}]
    subjects: [phone-maker]
"""


def problems_for(facts_dir, sources: str) -> list[str]:
    registry = (MINI / "sources.yaml").read_text(encoding="utf-8") + EXTRA_SOURCES
    # Every source must be cited (E305): the mini topics do not cite the new ones.
    cited = "release, wire-on-portal, wire-on-daily, own-reporting, quotes-the-maker"
    folder = facts_dir(
        {
            "sources.yaml": registry,
            "rule.yaml": TOPIC.format(sources=sources),
            "also.yaml": TOPIC.replace("id: judged", "id: cites-all")
            .replace("status: confirmed", "status: reported")
            .format(sources=cited),
        },
    )
    return [f"{p.code.value} {p.message}" for p in validate(load_dir(folder), today=TODAY)]


@pytest.mark.parametrize(
    ("sources", "earned"),
    [
        ("own-reporting", False),  # one news page of one publisher: not earned
        ("release", True),  # the party's own press release
        ("wire-on-portal, wire-on-daily", False),  # two copies of one wire report
        ("wire-on-portal, own-reporting", True),  # two independent publishers
        ("quotes-the-maker", True),  # a page carrying the party's own statement
    ],
)
def test_confirmed_is_earned_only_by_the_rule(facts_dir, sources, earned):
    found = problems_for(facts_dir, sources)
    unearned = [p for p in found if p.startswith("E314")]
    assert found == unearned, found  # no other problem muddies the case
    assert (not unearned) is earned, found
    if unearned:
        assert "independent publishers found: 1" in unearned[0]
