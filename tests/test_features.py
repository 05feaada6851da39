"""Reader features that need no browser: the change feed, print edition, data page, entities,
dates at their precision, staleness and source counts."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from briefing.dates import PartialDate, chronological_key
from briefing.pipeline import check, generate
from briefing.render import RenderOptions

from .conftest import MINI, build, project_copy

ATOM = "{http://www.w3.org/2005/Atom}"


def git(repo: Path, *args: str, when: str = "2026-01-15T10:00:00+00:00") -> None:
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "PATH": "/usr/bin:/bin"}
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=E", "-c", "user.email=e@example.org", *args],
        check=True,
        capture_output=True,
        env=env,
    )


def committed_project(tmp_path: Path) -> Path:
    """The mini facts in a fresh git repository, with one commit."""
    project = project_copy(tmp_path, MINI)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "facts")
    git(project, "commit", "-qm", "First facts", when="2026-01-10T09:00:00+00:00")
    return project


@pytest.mark.slow
def test_feed_without_history_is_empty_with_a_note(tmp_path: Path):
    project = project_copy(tmp_path, MINI)
    assert build(project).returncode == 0
    feed = ET.parse(project / "site" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed" and feed.findall(f"{ATOM}entry") == []
    page = (project / "site" / "briefing" / "whats-new" / "index.html").read_text()
    assert "No git history is available" in page


@pytest.mark.slow
def test_feed_entries_come_from_fact_commits(tmp_path: Path):
    project = committed_project(tmp_path)
    plans = project / "facts" / "plans.yaml"
    plans.write_text(plans.read_text().replace("status: speculation", "status: reported"))
    git(project, "commit", "-qam", "Partner report confirmed", when="2026-02-03T12:30:00+00:00")
    assert build(project).returncode == 0
    feed = ET.parse(project / "site" / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Partner report confirmed",
        "First facts",
    ]
    assert entries[0].findtext(f"{ATOM}updated") == "2026-02-03T12:30:00Z"
    assert "Status speculation → reported" in entries[0].findtext(f"{ATOM}content")
    assert feed.findtext(f"{ATOM}updated") == "2026-02-03T12:30:00Z"
    page = (project / "site" / "briefing" / "whats-new" / "index.html").read_text()
    assert "3 February 2026" in page and "(speculation → reported)" in page
    assert 'href="../plans/#plans-partner"' in page


@pytest.fixture(scope="module")
def pages(mini_pages) -> dict[str, str]:
    return mini_pages


def test_print_edition_has_every_current_claim_and_endnotes_with_urls(pages):
    page = pages["briefing/print.md"]
    assert "The phone maker announced it would build" in page
    assert "Earlier: It is speculated" in page
    assert '<li id="endnote-1" value="1">' in page
    assert "https://news.example.org/phone-maker-cars" in page
    assert "No address on record." in page  # the undated article


def test_data_page_has_dataset_metadata(pages):
    page = pages["briefing/data.md"]
    match = re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>', page, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Dataset"
    assert {d["contentUrl"] for d in data["distribution"]} == {
        "../../facts.json",
        "../../claims.csv",
    }


def test_entities_page_lists_native_names_and_each_entity_has_a_page_of_its_claims(pages):
    index = pages["briefing/entities.md"]
    assert '<span lang="zh">手机公司</span>' in index
    assert '<a href="phone-maker/">Phone Maker Corp.</a>' in index
    assert "search:\n  exclude: true" in index  # each entity's page is its search entry
    page = pages["briefing/entities/phone-maker.md"]
    assert 'title: "Phone Maker Corp. 手机公司"' in page
    assert "Also known as: " in page and '<span lang="zh">手机</span>' in page
    # Its claims, newest first, link to their places on the topic pages; they repeat the
    # topic pages, so search leaves them out.
    claims = page[page.index('id="section-claims" data-search-exclude') :]
    newest_first = ("plans-partner", "plans-cars", "plans-own-factory")  # 2021, March, 30 March
    order = [claims.index(f'href="../../plans/#{c}"') for c in newest_first]
    assert order == sorted(order)
    assert 'href="../../sources/#wire-copy"' in page  # its sources' records
    topic = pages["briefing/plans.md"]
    assert 'href="../entities/phone-maker/"' in topic


def test_independent_sources_are_counted_by_their_original_publisher(pages, facts_dir):
    # A wire copy plus an article of unknown publisher: one source that can be shown
    # independent, so no count is claimed.
    page = pages["briefing/plans.md"]
    block = page[page.index('id="plans-own-factory"') :]
    assert "bf-count" not in block[: block.index("bf-earlier")]
    folder = facts_dir()
    plans = folder / "plans.yaml"
    plans.write_text(
        plans.read_text().replace(
            "sources: [wire-copy, undated-article]", "sources: [wire-copy, stats-office]"
        )
    )
    page = generate(check(folder, today=date(2026, 11, 24)), RenderOptions())["briefing/plans.md"]
    block = page[page.index('id="plans-own-factory"') :]
    assert '<span class="bf-count">2 independent sources</span>' in block


def test_figure_cards_on_home_and_topic(pages):
    for rel in ("index.md", "briefing/market.md"):
        assert '<p class="bf-figure__value"><a href="' in pages[rel]
        assert '#market-sales-2023">30.094 million vehicles</a>' in pages[rel]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("2023", "2023"),
        ("2023-10", "October 2023"),
        ("2023-10-13", "13 October 2023"),
        (2021, "2021"),
    ],
)
def test_dates_are_shown_at_their_precision(raw, shown):
    assert PartialDate.parse(raw).display == shown


def test_timeline_is_in_date_order_and_links_claims(pages):
    page = pages["briefing/timeline.md"]
    dates = re.findall(r'<li class="bf-timeline__item"[^>]*><time datetime="([^"]+)"', page)
    # Newest first; a date known only to the year or month counts as the end of its span,
    # so it is listed above the fuller dates inside it: 2021, then March 2021, then
    # 30 March 2021.
    assert dates == ["2023", "2021", "2021-03", "2021-03-30"]
    assert dates == sorted(
        dates, key=lambda d: chronological_key(PartialDate.parse(d)), reverse=True
    )
    assert "during 2023" in page  # a year-only date says so


@pytest.mark.slow
def test_a_bad_file_in_history_does_not_break_the_build(tmp_path: Path):
    project = committed_project(tmp_path)
    plans = project / "facts" / "plans.yaml"
    good = plans.read_bytes()
    plans.write_bytes(good.replace(b"Plans", b"Pl\xe9ns", 1))  # not UTF-8
    git(project, "commit", "-qam", "Oops", when="2026-01-11T09:00:00+00:00")
    plans.write_bytes(good)
    git(project, "commit", "-qam", "Fixed", when="2026-01-12T09:00:00+00:00")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_pages_and_facts_json_say_when_each_topic_was_updated(tmp_path: Path):
    from briefing.pipeline import render_to

    project = committed_project(tmp_path)  # every fact file committed on 10 January 2026
    plans = project / "facts" / "plans.yaml"
    plans.write_text(plans.read_text().replace("status: speculation", "status: reported"))
    git(project, "commit", "-qam", "Partner report", when="2026-02-03T12:30:00+00:00")
    market = project / "facts" / "market.yaml"
    market.write_text(market.read_text() + "\n")  # changed, not committed: the build day

    def currency(built_on: date) -> tuple[dict[str, str], dict[str, str], str]:
        render_to(project / "facts", project / "docs", RenderOptions(today=built_on))
        data = json.loads((project / "docs" / "facts.json").read_text())
        shown = {
            slug: re.search(
                r'class="bf-currency">Updated <time datetime="([\d-]+)"',
                (project / "docs" / "briefing" / f"{slug}.md").read_text(),
            ).group(1)
            for slug in ("plans", "market")
        }
        exported = {t["slug"]: t["updated"] for t in data["topics"]}
        return shown, exported, data["updated"]

    shown, exported, overall = currency(date(2026, 12, 1))
    assert shown == exported == {"plans": "2026-02-03", "market": "2026-12-01"}
    assert overall == "2026-12-01"  # the newest change of any fact file
    git(project, "commit", "-qam", "Market", when="2026-02-20T08:00:00+00:00")
    shown, exported, overall = currency(date(2026, 12, 1))
    assert shown == exported == {"plans": "2026-02-03", "market": "2026-02-20"}
    assert overall == "2026-02-20"
    data = json.loads((project / "docs" / "facts.json").read_text())
    newest = {t["slug"]: t["newest_fact"] for t in data["topics"]}
    assert newest == {"plans": "2021-03-30", "market": "2023"}  # the newest date described
    page = (project / "docs" / "briefing" / "plans.md").read_text()
    assert 'newest fact <time datetime="2021-03-30">30 March 2021</time>' in page
