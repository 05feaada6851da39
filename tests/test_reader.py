"""Readers' experience in Chromium: search (English and Chinese), citation previews, the
timeline filter, superseded history, dark mode, a phone-width viewport, accessibility
(axe-core), privacy (no request to another origin) and screenshots for reviewers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .browser import Watch, chromium, search, serve
from .conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
# Reviewers' copies live in screenshots/ (refreshed by `make screenshots`); a plain test run
# writes to the git-ignored tests/screenshots/ so it never dirties the work tree.
SCREENSHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS") or ROOT / "tests" / "screenshots")
SCREENSHOT_PAGES = ("home", "topic", "timeline", "sources", "entities", "entity")
PAGE_TYPES = {
    "home": "",
    "topic": "briefing/regulatory-status/",
    "timeline": "briefing/timeline/",
    "sources": "briefing/sources/",
    "entities": "briefing/entities/",
    "entity": "briefing/entities/xiaomi/",
    "whats-new": "briefing/whats-new/",
    "data": "briefing/data/",
    "print": "briefing/print/",
    "claims": "briefing/claims/",
    "figures": "briefing/figures/",
    "how-to-read": "how-to-read/",
    "contributing": "contributing/",
}


@pytest.fixture(scope="module")
def browser(built_site: Path):
    with serve(built_site) as base, chromium() as browser:
        yield base, browser


@pytest.fixture(scope="module")
def desktop(browser):
    base, chrome = browser
    context = chrome.new_context(viewport={"width": 1280, "height": 900})
    yield base, context
    context.close()


@pytest.fixture(scope="module")
def mobile(browser):
    base, chrome = browser
    context = chrome.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield base, context
    context.close()


@pytest.mark.parametrize("query", ["小米", "Chery", "Reuters"])
def test_every_claim_result_comes_before_sources_and_entities(desktop, built_site, query):
    """Sources and entities are search results of their own, but never above a claim that
    holds what was searched for."""
    base, ctx = desktop
    claims = {c["id"] for c in json.loads((built_site / "facts.json").read_text())["claims"]}
    page = ctx.new_page()
    page.goto(base)
    search(page, query)
    page.wait_for_timeout(500)  # every page's results are in
    found = page.locator(".md-search-result__link").evaluate_all(
        """links => links
            .filter(a => Number(a.querySelector('article').dataset.mdScore) > 0)
            .map(a => new URL(a.href).pathname + new URL(a.href).hash)"""
    )
    kinds = [
        "claim"
        if url.split("#")[-1] in claims
        else "record"
        if url.startswith(("/briefing/sources/", "/briefing/entities/"))
        else "other"
        for url in found
    ]
    assert "claim" in kinds and "record" in kinds, found
    last_claim = max(i for i, kind in enumerate(kinds) if kind == "claim")
    first_record = kinds.index("record")
    assert last_claim < first_record, found
    if query == "Chery":
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "search-records.png"))
    page.close()


@pytest.mark.parametrize("query", ["小米", "雷军", "北汽", "Lei Jun"])
def test_search_finds_claims_by_chinese_and_english_names(desktop, query):
    base, ctx = desktop
    page = ctx.new_page()
    watch = Watch(page, base)
    page.goto(base)
    results = search(page, query)
    assert results.count() >= 1
    assert watch.errors == [] and watch.foreign == []
    page.close()


@pytest.mark.parametrize("number", ["410,000", "34.40"])
def test_a_number_is_one_search_word(desktop, number):
    """ "410,000" finds the claim that states it, not every claim with a "000" in it."""
    base, ctx = desktop
    page = ctx.new_page()
    page.goto(base)
    results = search(page, number)
    first = results.first.inner_text()
    assert number in first and first.split("\n")[0].endswith(("Confirmed", "Reported")), first
    texts = [results.nth(i).inner_text() for i in range(results.count())]
    assert all(number in text for text in texts), texts  # no match on "410" or "000" alone
    page.close()


def test_citation_preview_on_hover_and_focus(desktop):
    base, ctx = desktop
    page = ctx.new_page()
    page.goto(base + "briefing/partnerships/")
    cite = page.locator("a.bf-cite").first
    title = cite.get_attribute("data-title")
    cite.hover()
    tip = page.locator(".bf-tip")
    tip.wait_for()
    assert title in tip.inner_text()
    page.mouse.move(0, 0)
    assert tip.count() == 0
    cite.focus()  # keyboard users get the same preview
    assert title in page.locator(".bf-tip").inner_text()
    assert cite.get_attribute("aria-describedby") == "bf-tip"
    page.keyboard.press("Escape")
    assert page.locator(".bf-tip").count() == 0
    page.close()


def shown_dates(page) -> list[str]:
    """The dates of the timeline items shown, in the page's order."""
    return page.locator(".bf-timeline__item:not([hidden]) time").evaluate_all(
        "times => times.map(t => t.getAttribute('datetime'))"
    )


def when_key(when: str) -> tuple[int, int, int]:
    """A timeline date ("2025", "2025-03", "2025-03-28") as its place in time: a year or a
    month closes the fuller dates inside it."""
    parts = [int(part) for part in when.split("-")] + [13, 32][len(when.split("-")) - 1 :]
    return (parts[0], parts[1], parts[2])


def test_timeline_filters_without_reloading_and_keeps_its_state_in_the_url(desktop):
    base, ctx = desktop
    page = ctx.new_page()
    page.goto(base + "briefing/timeline/")
    page.evaluate("window.__stayed = true")
    items = page.locator(".bf-timeline__item")
    total = items.count()
    # Newest first, a year-only or month-only date above the fuller dates inside it.
    dates = shown_dates(page)
    assert [when_key(when) for when in dates] == sorted(map(when_key, dates), reverse=True)
    years = {when for when in dates if len(when) == 4}
    assert any(when[:4] in years for when in dates if len(when) == 10)  # the case is there
    visible = "document.querySelectorAll('.bf-timeline__item:not([hidden])').length"
    views = page.locator(".bf-timeline__item[data-kind=view]").count()
    assert 0 < views < total
    assert page.evaluate(visible) == total - views  # sources' views are not events
    page.locator("input[name=status][value=confirmed]").uncheck()
    page.locator("input[name=topic][value=market-outlook]").uncheck()
    shown = page.evaluate(visible)
    expected = page.locator(
        ".bf-timeline__item:not([data-status=confirmed]):not([data-topic=market-outlook])"
        ":not([data-kind=view])"
    ).count()
    assert shown == expected
    count = page.locator(".bf-filter__count").inner_text()
    assert count == f"{shown} of {total} claims shown, newest first"
    # Newest first by default; the toggle reverses the order without a reload.
    first = page.locator(".bf-timeline__item:not([hidden]) time").first.get_attribute("datetime")
    page.locator("input[name=order][value=oldest]").check()
    oldest = page.locator(".bf-timeline__item:not([hidden]) time").first.get_attribute("datetime")
    assert oldest < first
    assert page.evaluate("window.__stayed") is True  # no reload happened
    # Mixed precisions read true in either order: "2025" stands after every fuller date of
    # 2025 (it may run to the year's end).
    keys = [when_key(when) for when in shown_dates(page)]
    assert keys == sorted(keys)
    # The state is in the address: a reload (or a shared link) restores it.
    assert "order=oldest" in page.url and "status=" in page.url and "topic=" in page.url
    page.reload()
    assert not page.locator("input[name=status][value=confirmed]").is_checked()
    assert page.locator("input[name=order][value=oldest]").is_checked()
    assert page.evaluate(visible) == shown
    # Each entry links to its claim's anchor on its topic page.
    link = page.locator(".bf-timeline__item:not([hidden]) a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    anchor = href.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").is_visible()
    page.close()


def test_superseded_claims_stay_visible_as_history(desktop, built_site):
    base, ctx = desktop
    claims = {c["id"]: c for c in json.loads((built_site / "facts.json").read_text())["claims"]}
    superseded = [c for c in claims.values() if c["superseded_by"]]
    assert superseded
    page = ctx.new_page()
    for claim in superseded:
        head = claim
        while head["superseded_by"]:
            head = claims[head["superseded_by"]]
        # Shown on the page of the claim that finally replaced it, under that claim.
        page.goto(base + f"briefing/{head['topic']}/#{claim['id']}")
        earlier = page.locator(f"[id='{claim['id']}']")
        assert "bf-earlier__statement" in earlier.get_attribute("class")
        assert earlier.is_visible()
        assert "Earlier:" in earlier.inner_text()
        successor = page.locator("article.bf-claim", has=page.locator(f"[id='{head['id']}']"))
        assert successor.locator(f"[id='{claim['id']}']").count() == 1
    page.close()


def test_dark_mode_toggle(desktop):
    base, ctx = desktop
    page = ctx.new_page()
    page.goto(base)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("label.md-header__button[for^='__palette']").first.click()
    assert page.evaluate(scheme) == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.goto(base + "briefing/regulatory-status/")
    page.screenshot(path=str(SCREENSHOTS / "topic-dark.png"))
    # The choice is remembered for the whole browser context: back to light, so the other
    # tests (and their screenshots, such as topic-desktop.png) see the default scheme.
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.evaluate(scheme) == "default"
    page.close()


@pytest.mark.parametrize(
    "name", ["home", "topic", "timeline", "sources", "entities", "entity", "print", "claims"]
)
def test_phone_width_has_no_horizontal_scroll(mobile, name):
    base, ctx = mobile
    page = ctx.new_page()
    watch = Watch(page, base)
    page.goto(base + PAGE_TYPES[name])
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    if name in SCREENSHOT_PAGES:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-mobile.png"))
    assert watch.errors == [] and watch.foreign == []
    page.close()


SECTIONS = [
    "Figures",
    "Timeline",
    "All claims",
    "What's new",
    "Entities",
    "Sources",
    "Data",
    "Print",
]


@pytest.mark.parametrize("width", [1366, 390])
def test_the_home_page_links_to_every_section_at_desktop_and_phone_width(browser, width):
    base, chrome = browser
    context = chrome.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base)
    links = page.locator("nav.bf-sections a")
    visible = {links.nth(i).inner_text() for i in range(links.count()) if links.nth(i).is_visible()}
    assert set(SECTIONS) <= visible, visible
    for name in SECTIONS:  # each one leads somewhere real
        href = page.locator("nav.bf-sections a", has_text=name).first.get_attribute("href")
        assert href and not href.startswith(("http", "/")), href
    if width == 1366:  # the navigation itself is not hidden on the home page
        assert page.locator(".md-sidebar--primary").is_visible()
    context.close()


def test_a_claim_nobody_checked_never_says_last_checked(desktop, built_site):
    base, ctx = desktop
    from briefing.checkstage import build_date, check
    from briefing.freshness import target_period_ended

    claims = json.loads((built_site / "facts.json").read_text())["claims"]
    briefing = check(ROOT / "facts")
    # A target whose period has ended is settled: it says nothing about checking.
    never = [
        c
        for c in claims
        if c["checked"] is None
        and c["kind"] == "state"
        and not c["superseded_by"]
        and not target_period_ended(briefing, briefing.claim(c["id"]), build_date())
    ]
    assert never
    page = ctx.new_page()
    for claim in never[:5]:
        page.goto(base + f"briefing/{claim['topic']}/")
        block = page.locator("article.bf-claim", has=page.locator(f"[id='{claim['id']}']"))
        text = block.locator(".bf-claim__meta").first.inner_text()
        assert "last checked" not in text.lower()
        assert "not re-checked" in text.lower() or "never checked" in text.lower(), text
        events = page.locator("article.bf-claim[data-kind=event] .bf-claim__meta")
        for i in range(events.count()):
            assert "Due for review" not in events.nth(i).inner_text()
    page.close()


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_every_page_type_is_accessible_private_and_error_free(desktop, name):
    from axe_playwright_python.sync_playwright import Axe

    base, ctx = desktop
    page = ctx.new_page()
    watch = Watch(page, base)
    page.goto(base + PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert watch.errors == []
    assert watch.foreign == []
    if name in SCREENSHOT_PAGES:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"))
    page.close()
