"""The preview re-renders only the pages an edit touches (tracking.py), and that gives, edit
after edit, exactly the pages a full render gives."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from briefing.model import Briefing
from briefing.pipeline import Live, check, render_live, render_to
from briefing.render import RenderOptions, render_pages
from briefing.settings import Settings
from briefing.tracking import Digests, PageMemo

from .conftest import FACTS, MINI

TODAY = date(2026, 12, 31)
EDIT_URL = "https://github.com/example/briefing/blob/main/"

# (file, text, replacement): each edit keeps the facts valid.
MINI_EDITS = [
    ("plans.yaml", "would build **electric cars**.", "would build **electric cars** soon."),
    ("plans.yaml", "status: confirmed\n    kind: event", "status: reported\n    kind: event"),
    ("sources.yaml", "title: Car sales in 2023", "title: Car sales, 2023"),
    ("sources.yaml", "publisher: Statistics Office", "publisher: The Statistics Office"),
    ("entities.yaml", "name: The car market", "name: The car market as a whole"),
    ("entities.yaml", "aliases: [PhoneCo, 手机]", "aliases: [PhoneCo, 手机, PC]"),
    ("market.yaml", "title: Market\n", "title: Markets\n"),
    ("plans.yaml", "order: 1\n", "order: 3\n"),
    ("plans.yaml", "claims:\n", "# A note that moves every claim one line down.\nclaims:\n"),
    (
        "market.yaml",
        "    tags: [growth]\n",
        "    tags: [growth]\n  - id: market-new\n    statement: A new claim about the market.\n"
        "    status: reported\n    kind: event\n    as_of: '2024'\n    sources: [stats-office]\n"
        "    subjects: [car-market, phone-maker]\n",
    ),
    ("market.yaml", "    subjects: [car-market, phone-maker]\n", "    subjects: [car-market]\n"),
    ("plans.yaml", "    superseded_by: plans-own-factory\n", ""),
]


def apply(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def options(budget: int, **changes: object) -> RenderOptions:
    settings = replace(Settings(), lines_per_page=budget)
    return replace(RenderOptions(today=TODAY, edit_url=EDIT_URL, settings=settings), **changes)


@pytest.mark.parametrize("budget", [1, 1000], ids=["split", "whole"])
def test_edit_after_edit_the_preview_renders_what_a_full_render_does(tmp_path: Path, budget):
    folder = tmp_path / "facts"
    shutil.copytree(MINI, folder)
    memo = PageMemo()
    opts = options(budget)
    first = render_pages(check(folder, today=TODAY, lines=True), opts, memo=memo)
    assert first == render_pages(check(folder, today=TODAY, lines=True), opts)
    for name, old, new in MINI_EDITS:
        apply(folder, name, old, new)
        briefing = check(folder, today=TODAY, lines=True)
        assert render_pages(briefing, opts, memo=memo) == render_pages(briefing, opts), old
        assert memo.rendered < len(first) or (name == "market.yaml" and "title" in old)
    # A file's date of last change is one more input of the pages that show it.
    opts = replace(opts, updated={"plans.yaml": date(2026, 12, 1)})
    briefing = check(folder, today=TODAY, lines=True)
    assert render_pages(briefing, opts, memo=memo) == render_pages(briefing, opts)


def test_a_change_of_wording_renders_few_pages_again(tmp_path: Path):
    folder = tmp_path / "facts"
    shutil.copytree(FACTS, folder)
    memo = PageMemo()
    opts = options(12)
    pages = render_pages(check(folder, today=TODAY, lines=True), opts, memo=memo)
    apply(
        folder,
        "company-profile.yaml",
        "Lei Jun is Xiaomi's founder",
        "Lei Jun is Xiaomi's co-founder",
    )
    briefing = check(folder, today=TODAY, lines=True)
    assert render_pages(briefing, opts, memo=memo) == render_pages(briefing, opts)
    # Its topic, its year of the timeline, its entities, its sources, its printed part...
    assert 0 < memo.rendered < len(pages) // 4, (memo.rendered, len(pages))
    assert memo.reused > len(pages) // 2


def test_a_claim_moved_down_its_file_is_the_same_to_every_page_but_its_edit_link():
    briefing = check(MINI, today=TODAY, lines=True)
    moved = replace(briefing.claim("plans-cars"), line=99)
    reworded = replace(briefing.claim("plans-cars"), statement="Other.")

    def digests(claim):
        topic = briefing.topic("plans")
        claims = tuple(claim if c.id == claim.id else c for c in topic.claims)
        changed = Briefing(
            briefing.sources,
            briefing.entities,
            tuple(replace(t, claims=claims) if t.slug == "plans" else t for t in briefing.topics),
            briefing.series,
        )
        now = Digests(changed, {}, {})
        return now[("claim", "plans-cars")], now[("line", "plans-cars")]

    before = digests(briefing.claim("plans-cars"))
    assert digests(moved)[0] == before[0] and digests(moved)[1] != before[1]
    assert digests(reworded)[0] != before[0]


@pytest.mark.parametrize("topics_first", [False, True], ids=["at-once", "topics-first"])
def test_the_preview_writes_the_same_files_as_a_render(tmp_path: Path, topics_first, monkeypatch):
    """pipeline.render_live (the preview: files read once, pages kept, topic pages first)
    leaves docs/ as pipeline.render_to does."""
    monkeypatch.setattr("briefing.pipeline.FIRST_PASS_CLAIMS", 0)  # the mini facts are small
    firsts: list[str] = []

    def write_first(write):
        report = write()
        firsts.extend(report.written)
        return report

    first = write_first if topics_first else None
    folder = tmp_path / "facts"
    shutil.copytree(MINI, folder)
    live = Live()
    opts = options(1, updated={"plans.yaml": TODAY})
    render_live(folder, tmp_path / "live", opts, live)
    for name, old, new in MINI_EDITS[:4]:
        apply(folder, name, old, new)
        report = render_live(folder, tmp_path / "live", opts, live, first)
        assert report.report.written, old
        render_to(folder, tmp_path / "full", opts)
        live_files = {
            p.relative_to(tmp_path / "live"): p.read_bytes()
            for p in (tmp_path / "live").rglob("*")
            if p.is_file()
        }
        full_files = {
            p.relative_to(tmp_path / "full"): p.read_bytes()
            for p in (tmp_path / "full").rglob("*")
            if p.is_file()
        }
        assert live_files == full_files, old
    assert bool(firsts) == topics_first  # the edited topics' pages went first
