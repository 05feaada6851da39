"""How current a claim is: events never go stale, states are reviewed, nothing says "last
checked" about a claim nobody checked."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.freshness import freshness
from briefing.pipeline import check

from .conftest import MINI

TOPIC = """\
title: Plans
summary: What the phone maker plans.
review_after_days: 180
claims:
{claims}"""
CLAIMS = """\
  - id: launch
    statement: The phone maker launched a car.
    status: reported
    kind: event
    as_of: "2021-03-30"
    sources: [wire-copy]
  - id: target-dated
    statement: The phone maker aims to sell cars.
    status: forecast
    kind: state
    as_of: "2021-03"
    sources: [wire-copy]
  - id: target-checked
    statement: The phone maker still aims to sell cars.
    status: forecast
    kind: state
    as_of: "2021-03"
    checked: "2026-10-01"
    sources: [wire-copy]
  - id: plan-undated
    statement: The phone maker plans a second car.
    status: reported
    kind: state
    sources: [undated-article]
  - id: view
    statement: The article thinks the market is big.
    status: reported
    kind: view
    as_of: "2021"
    sources: [undated-article]
"""
TODAY = date(2026, 11, 24)


@pytest.fixture
def briefing(facts_dir):
    folder = facts_dir({"plans.yaml": TOPIC.format(claims=CLAIMS)})
    return check(folder, today=TODAY)


def fresh(briefing, claim_id, today=TODAY):
    return freshness(briefing, briefing.claim(claim_id), today)


def test_an_event_never_goes_out_of_date(briefing):
    launch = fresh(briefing, "launch")
    assert not launch.reviewed and not launch.due
    assert launch.age_days == (TODAY - date(2021, 3, 30)).days  # old, and that is fine


def test_a_view_never_goes_out_of_date(briefing):
    assert not fresh(briefing, "view").due


def test_a_state_never_checked_counts_from_its_newest_source(briefing):
    target = fresh(briefing, "target-dated")
    assert target.reviewed and target.due
    assert target.checked is None
    assert target.known is not None and target.known.iso == "2021-03-30"
    assert target.note() == "Not re-checked since its source of 30 March 2021"
    assert "last checked" not in target.note().lower()
    # Within its review period it is not due.
    assert not fresh(briefing, "target-dated", date(2021, 6, 1)).due


def test_a_checked_state_counts_from_its_check(briefing):
    target = fresh(briefing, "target-checked")
    assert target.note() == "Last checked 1 October 2026"
    assert target.age_days == 54 and not target.due
    assert fresh(briefing, "target-checked", date(2027, 6, 1)).due


def test_a_state_with_no_date_at_all_is_due(briefing):
    plan = fresh(briefing, "plan-undated")
    assert plan.age_days is None and plan.due
    assert plan.note() == "Never checked; its sources are undated"


def test_no_review_period_means_never_due(facts_dir):
    folder = facts_dir(
        {"plans.yaml": TOPIC.replace("review_after_days: 180\n", "").format(claims=CLAIMS)}
    )
    briefing = check(folder, today=TODAY)
    assert not any(freshness(briefing, c, TODAY).due for c in briefing.claims)
    # The audit's default period applies to such topics.
    assert freshness(briefing, briefing.claim("target-dated"), TODAY, 365).due


TARGETS = """\
  - id: target-2025
    statement: The phone maker aims to sell 300,000 cars in 2025.
    status: forecast
    kind: state
    as_of: "2021-03"
    sources: [wire-copy, undated-article]
    figure: {value: 300000, unit: vehicles, series: sales-target, period: "2025"}
  - id: target-2027
    statement: The phone maker aims to sell 500,000 cars in 2027.
    status: forecast
    kind: state
    as_of: "2021-03"
    sources: [wire-copy]
    figure: {value: 500000, unit: vehicles, series: sales-target, period: "2027"}
"""
TARGET_SERIES = """\
  - id: sales-target
    title: Cars the phone maker aims to sell per year
    unit: vehicles
    measure: target
    per: year
    description: The phone maker's own sales target for each year.
"""


def test_a_target_for_a_period_that_has_ended_is_settled(facts_dir):
    series = (MINI / "series.yaml").read_text(encoding="utf-8") + TARGET_SERIES
    folder = facts_dir({"plans.yaml": TOPIC.format(claims=TARGETS), "series.yaml": series})
    briefing = check(folder, today=TODAY)
    over = freshness(briefing, briefing.claim("target-2025"), TODAY)
    assert not over.reviewed and not over.due  # 2025 is over: nothing can change its target
    running = freshness(briefing, briefing.claim("target-2027"), TODAY)
    assert running.reviewed and running.due  # 2027's target can still change
    # While its year runs, a target is reviewed like any other state.
    assert freshness(briefing, briefing.claim("target-2025"), date(2025, 11, 1)).due
