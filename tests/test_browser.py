"""The built site in a real browser (Chromium through Playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser import Watch, browser_context, search, serve

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def site(built_site: Path):
    with serve(built_site) as base, browser_context() as context:
        yield base, context


def test_search_finds_a_claim(site):
    base, context = site
    page = context.new_page()
    watch = Watch(page, base)
    page.goto(base)
    search(page, "Brilliance")
    first = page.locator(".md-search-result__link:visible").first
    assert "Brilliance" in first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert "/briefing/partnerships/" in page.url and "#" in page.url
    anchor = page.url.split("#", 1)[1]
    assert "Brilliance" in page.locator(f"[id='{anchor}']").inner_text()
    assert watch.errors == []
    assert watch.foreign == []
    page.close()


def test_topic_page_shows_status_date_and_citations(site):
    base, context = site
    page = context.new_page()
    watch = Watch(page, base)
    page.goto(base + "briefing/regulatory-status/")
    claim = page.locator("article.bf-claim").first
    assert claim.locator(".bf-status__text").first.inner_text() in {
        "Confirmed",
        "Reported",
        "Disputed",
        "Forecast",
        "Speculation",
    }
    claim_id = claim.locator("h3").get_attribute("id")
    cite = claim.locator("a.bf-cite").first
    cite.click()
    # [n] stays on the page: it goes to the page's own reference list...
    assert "/briefing/regulatory-status/#ref-" in page.url
    anchor = page.url.split("#", 1)[1]
    reference = page.locator(f"[id='{anchor}']")
    assert reference.is_visible()
    # ...whose back-link returns to the claim.
    reference.locator(f".bf-backlinks a[href='#{claim_id}']").click()
    assert page.url.endswith(f"#{claim_id}")
    assert page.locator(f"[id='{claim_id}']").is_visible()
    assert watch.errors == [] and watch.foreign == []
    page.close()
