"""Find, cite and follow a single claim: search lands on claims, every claim has a permalink
and a citation, [n] stays on the page, the All claims table filters and remembers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .browser import Watch, chromium, search, serve
from .test_reader import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def chrome(built_site: Path):
    """The site served, and one Chromium (Playwright allows one per thread)."""
    with serve(built_site) as base, chromium() as browser:
        yield base, browser


@pytest.fixture(scope="module")
def desktop(chrome):
    base, browser = chrome
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    yield base, context
    context.close()


def current_claims(built_site: Path) -> dict[str, dict]:
    data = json.loads((built_site / "facts.json").read_text())
    return {c["id"]: c for c in data["claims"] if not c["superseded_by"]}


def test_the_search_index_has_one_entry_per_current_claim_at_its_anchor(built_site: Path):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    locations = [doc["location"] for doc in index["docs"]]
    for claim_id, claim in current_claims(built_site).items():
        entries = [loc for loc in locations if loc.endswith(f"#{claim_id}")]
        assert len(entries) == 1, (claim_id, entries)
        assert entries[0].startswith("briefing/")
        doc = next(d for d in index["docs"] if d["location"] == entries[0])
        assert doc["title"]  # the statement is the entry's title
        status = {"confirmed": "Confirmed", "reported": "Reported", "disputed": "Disputed"}
        assert status.get(claim["status"], "") in doc["text"]


@pytest.mark.parametrize(
    ("query", "words"),
    [("Chery", ["Chery"]), ("recall", ["recall"]), ("雷军", ["Lei Jun"]), ("北汽", ["BAIC"])],
)
def test_search_lands_on_a_claim_about_it(desktop, built_site: Path, query, words):
    base, ctx = desktop
    page = ctx.new_page()
    watch = Watch(page, base)
    page.goto(base)
    search(page, query)
    if query == "Chery":
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "search-results.png"))
    first = page.locator(".md-search-result__link:visible").first
    href = first.get_attribute("href")
    claim_id = href.split("#", 1)[1]
    assert claim_id in current_claims(built_site) or "#" in href, href
    first.click()
    page.wait_for_load_state()
    heading = page.locator(f"[id='{claim_id}']")
    assert heading.is_visible()
    # The claim is about what was searched for (its text or the entities it names).
    block = page.locator("article.bf-claim", has=heading).inner_text()
    assert any(word.lower() in block.lower() for word in words), block
    # It is highlighted as the target.
    outline = heading.evaluate("h => getComputedStyle(h.closest('article')).outlineStyle")
    assert outline == "solid"
    assert watch.errors == [] and watch.foreign == []
    page.close()


def test_every_claim_has_a_permalink_and_a_citation_that_works_by_keyboard(desktop):
    base, ctx = desktop
    page = ctx.new_page()
    page.goto(base + "briefing/partnerships/")
    claim = page.locator("article.bf-claim").first
    claim_id = claim.locator("h3").get_attribute("id")
    assert claim.locator(f"a.bf-permalink[href='#{claim_id}']").count() == 1
    summary = claim.locator("details.bf-citebox summary")
    summary.focus()
    page.keyboard.press("Enter")
    text = claim.locator(".bf-citebox__text").inner_text()
    assert f"/briefing/partnerships/#{claim_id}" in text  # the claim's permanent address
    assert "Xiaomi EV briefing" in text and "Sources:" in text
    assert "Accessed 20" in text  # the reader's access date
    SCREENSHOTS.mkdir(exist_ok=True)
    claim.screenshot(path=str(SCREENSHOTS / "cite.png"))
    codes = claim.locator(".bf-citebox__code").all_inner_texts()
    assert codes[0].startswith(f"@misc{{{claim_id},")
    csl = json.loads(codes[1])
    assert csl[0]["id"] == claim_id and csl[0]["URL"].endswith(f"#{claim_id}")
    page.close()


def test_the_citation_is_in_the_page_without_javascript(chrome):
    base, browser = chrome
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "briefing/partnerships/")
    claim = page.locator("article.bf-claim").first
    claim.locator("details.bf-citebox summary").click()
    text = claim.locator(".bf-citebox__text").inner_text()
    assert "Sources:" in text and "#" in text
    context.close()


def test_a_citation_stays_on_the_page_and_its_back_link_returns(desktop):
    base, ctx = desktop
    page = ctx.new_page()
    page.goto(base + "briefing/company-profile/")
    page.evaluate("window.__stayed = true")
    claim = page.locator("article.bf-claim").nth(3)
    claim_id = claim.locator("h3").get_attribute("id")
    claim.locator("a.bf-cite").first.click()
    assert "/briefing/company-profile/#ref-" in page.url
    reference = page.locator(f"[id='{page.url.split('#', 1)[1]}']")
    assert reference.is_visible()
    assert reference.locator("a.bf-url").count() + reference.inner_text().count("No address") == 1
    reference.locator(f".bf-backlinks a[href='#{claim_id}']").click()
    assert page.url.endswith(f"#{claim_id}")
    assert page.evaluate("window.__stayed") is True
    # Numbers run in order of first appearance on the page.
    numbers = [
        int(n.strip("[]"))
        for n in page.locator("article.bf-claim .bf-claim__meta a.bf-cite").all_inner_texts()
    ]
    seen = []
    for n in numbers:
        if n not in seen:
            seen.append(n)
    assert seen == sorted(seen)
    page.close()


def test_a_tap_on_a_citation_opens_its_preview_on_a_phone(chrome):
    base, browser = chrome
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.goto(base + "briefing/partnerships/")
    cite = page.locator("a.bf-cite").first
    cite.tap()
    tip = page.locator(".bf-tip")
    tip.wait_for()
    assert cite.get_attribute("data-title") in tip.inner_text()
    assert "/briefing/partnerships/" in page.url and "#ref-" not in page.url
    context.close()


def test_all_claims_table_filters_sorts_and_restores_from_the_url(desktop, built_site: Path):
    base, ctx = desktop
    page = ctx.new_page()
    watch = Watch(page, base)
    page.goto(base + "briefing/claims/")
    page.evaluate("window.__stayed = true")
    rows = page.locator("#claims-table tbody tr")
    total = len(current_claims(built_site))
    page.locator("#claims-filter").wait_for(state="visible")
    assert (
        f"{total} of {total} claims"
        in page.locator("#claims-filter .bf-filter__count").inner_text()
    )
    for status in ("reported", "disputed", "forecast", "speculation"):
        page.locator(f"input[name=status][value={status}]").uncheck()
    confirmed = sum(1 for c in current_claims(built_site).values() if c["status"] == "confirmed")
    assert rows.count() == min(confirmed, 100)
    assert all(s == "confirmed" for s in rows.evaluate_all("rs => rs.map(r => r.dataset.status)"))
    page.locator("th[data-sort=statement] button").click()
    statements = rows.evaluate_all("rs => rs.map(r => r.cells[0].innerText.toLowerCase())")
    assert statements == sorted(statements)
    assert page.evaluate("window.__stayed") is True
    assert "status=confirmed" in page.url and "sort=statement" in page.url
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "all-claims.png"))
    page.reload()
    page.locator("#claims-filter").wait_for(state="visible")
    assert not page.locator("input[name=status][value=reported]").is_checked()
    assert rows.evaluate_all("rs => rs.map(r => r.cells[0].innerText.toLowerCase())") == statements
    assert watch.errors == [] and watch.foreign == []
    page.close()
