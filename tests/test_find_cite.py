"""Find, cite and follow a single claim: search lands on claims, every claim has a permalink
and a citation, [n] stays on the page, the All claims table filters and remembers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.vocab import STATUS_BY_NAME

from .browser import PHONE, Watch, chromium, search, serve
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
        # The statement is the entry's title, and the title ends with its status: a result
        # says how sure the claim is whatever part of the entry matched.
        label = STATUS_BY_NAME[claim["status"]].label
        assert doc["title"].endswith(f" — {label}"), doc["title"]
        assert doc["title"].startswith(claim["statement"][:20]), doc["title"]
        assert doc["text"].startswith(f"<p>{label} "), doc["text"]


def test_every_superseded_claim_is_a_search_entry_marked_earlier(built_site: Path):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    docs = {doc["location"].split("#", 1)[-1]: doc for doc in index["docs"]}
    data = json.loads((built_site / "facts.json").read_text())
    superseded = [c for c in data["claims"] if c["superseded_by"]]
    assert superseded
    for claim in superseded:
        title = docs[claim["id"]]["title"]
        label = STATUS_BY_NAME[claim["status"]].label
        assert title.startswith("Earlier: ") and title.endswith(f" — {label}"), title


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
    assert "#" in href, href  # a claim's entry, not a whole page
    claim_id = href.split("#", 1)[1]
    claims = current_claims(built_site)
    assert claim_id in claims, href
    # The result says how sure the claim is, whatever part of the entry matched.
    title = first.locator(".md-search-result__article h1, .md-search-result__article h2").first
    label = STATUS_BY_NAME[claims[claim_id]["status"]].label
    assert title.inner_text().endswith(f"— {label}"), title.inner_text()
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


def test_search_on_a_phone_lists_claims_with_their_status(chrome, built_site: Path):
    base, browser = chrome
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base)
    page.locator("label.md-header__button[for=__search]").tap()  # the header's search icon
    search(page, "recall")
    first = page.locator(".md-search-result__link:visible").first
    claim_id = first.get_attribute("href").split("#", 1)[1]
    label = STATUS_BY_NAME[current_claims(built_site)[claim_id]["status"]].label
    assert first.locator("h2").inner_text().endswith(f"— {label}")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search-results-mobile.png"))
    context.close()


def test_searching_a_superseded_claims_words_finds_it_marked_as_earlier(desktop, built_site):
    data = json.loads((built_site / "facts.json").read_text())
    claims = {c["id"]: c for c in data["claims"]}
    base, ctx = desktop
    page = ctx.new_page()
    page.goto(base)
    # Words only a superseded claim has: "Lei Jun still hoped to unveil ... in 2024".
    search(page, "hoped")
    first = page.locator(".md-search-result__link:visible").first
    claim_id = first.get_attribute("href").split("#", 1)[1]
    claim = claims[claim_id]
    assert claim["superseded_by"], claim_id
    title = first.locator(".md-search-result__article h1, .md-search-result__article h2").first
    label = STATUS_BY_NAME[claim["status"]].label
    assert title.inner_text().startswith("Earlier:"), title.inner_text()
    assert title.inner_text().endswith(f"— {label}"), title.inner_text()
    first.click()
    page.wait_for_load_state()
    # It lands on the earlier claim, under the claim that replaced it, highlighted.
    earlier = page.locator(f"[id='{claim_id}']")
    assert earlier.is_visible() and "Earlier:" in earlier.inner_text()
    box = page.locator(".bf-earlier", has=earlier)
    assert box.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    head = page.locator("article.bf-claim", has=earlier).locator("h3").get_attribute("id")
    assert claims[head]["superseded_by"] is None
    page.close()


def test_every_claim_has_a_permalink_and_a_citation_that_works_by_keyboard(chrome):
    base, browser = chrome
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    page = context.new_page()
    watch = Watch(page, base)
    page.goto(base + "briefing/partnerships/")
    claim = page.locator("article.bf-claim").first
    claim_id = claim.locator("h3").get_attribute("id")
    assert claim.locator(f"a.bf-permalink[href='#{claim_id}']").count() == 1
    # By keyboard: Tab from the permalink reaches "Copy link", then "Cite".
    claim.locator("a.bf-permalink").focus()
    page.keyboard.press("Tab")
    copy = claim.locator("button.bf-copy", has_text="Copy link")
    assert copy.evaluate("b => b === document.activeElement")
    page.keyboard.press("Enter")
    status = page.locator("#bf-copy-status[role=status][aria-live=polite]")
    status.wait_for(state="attached")
    page.wait_for_function("() => document.getElementById('bf-copy-status').textContent")
    assert status.inner_text() == "Link copied"  # said to screen readers, not only shown
    clipboard = page.evaluate("navigator.clipboard.readText()")
    assert clipboard == base + f"briefing/partnerships/#{claim_id}"
    page.keyboard.press("Tab")
    summary = claim.locator("details.bf-citebox summary")
    assert summary.evaluate("s => s === document.activeElement")
    page.keyboard.press("Enter")
    assert claim.locator("details.bf-citebox").evaluate("d => d.open")
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
    # The citation's own copy button, by keyboard too.
    claim.locator("button.bf-copy", has_text="Copy citation").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('bf-copy-status').textContent === 'Citation copied'"
    )
    assert page.evaluate("navigator.clipboard.readText()") == text
    # The Cite box is a plain control, not one of Material's boxed admonitions.
    style = claim.locator("details.bf-citebox").evaluate(
        "d => { const s = getComputedStyle(d); return [s.boxShadow, s.borderTopWidth]; }"
    )
    assert style == ["none", "0px"], style
    assert watch.errors == [] and watch.foreign == []
    context.close()


def test_the_cite_controls_work_by_touch_on_a_phone(chrome):
    base, browser = chrome
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base + "briefing/partnerships/")
    claim = page.locator("article.bf-claim").nth(1)
    controls = [
        claim.locator("a.bf-permalink"),
        claim.locator("button.bf-copy", has_text="Copy link"),
        claim.locator("details.bf-citebox summary"),
    ]
    for control in controls:
        box = control.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, box  # WCAG 2.5.8 target size
    controls[2].tap()
    assert claim.locator("details.bf-citebox").evaluate("d => d.open")
    body = claim.locator(".bf-citebox__body")
    body.locator(".bf-citebox__code").first.wait_for()
    # The opened box fits the phone's width: nothing runs off the screen.
    right = body.evaluate("b => b.getBoundingClientRect().right")
    assert right <= 390, right
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(exist_ok=True)
    claim.screenshot(path=str(SCREENSHOTS / "cite-mobile.png"))
    context.close()


def test_the_citation_is_in_the_page_without_javascript(chrome):
    base, browser = chrome
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "briefing/partnerships/")
    claim = page.locator("article.bf-claim").first
    claim_id = claim.locator("h3").get_attribute("id")
    claim.locator("details.bf-citebox summary").click()
    text = claim.locator(".bf-citebox__text").inner_text()
    assert "Sources:" in text and "Accessed [the date you read it]" in text
    # The address is whole: the site's own when it is known, else honestly a placeholder
    # for it, followed by the claim's path from the site's root (never a bare "./#id").
    url = claim.locator(".bf-cite-url").inner_text()
    assert url.endswith(f"/briefing/partnerships/#{claim_id}"), url
    assert url.startswith(("https://", "http://", "[this site's address]/")), url
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
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base + "briefing/partnerships/")
    cite = page.locator("a.bf-cite").first
    cite.tap()
    tip = page.locator(".bf-tip")
    tip.wait_for()
    assert cite.get_attribute("data-title") in tip.inner_text()
    assert "/briefing/partnerships/" in page.url and "#ref-" not in page.url
    # Title, facts and the way on each on a line of their own, never run together.
    lines = [line.strip() for line in tip.inner_text().splitlines() if line.strip()]
    assert lines[-1] == "Go to the reference", lines
    assert len(lines) == 3, lines
    assert " Go to the reference" in tip.text_content()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.evaluate(
        "window.scrollBy(0, document.querySelector('.bf-tip').getBoundingClientRect().top - 320)"
    )
    page.screenshot(path=str(SCREENSHOTS / "tap-preview-mobile.png"), animations="disabled")
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
    page.reload()
    page.locator("#claims-filter").wait_for(state="visible")
    assert not page.locator("input[name=status][value=reported]").is_checked()
    assert rows.evaluate_all("rs => rs.map(r => r.cells[0].innerText.toLowerCase())") == statements
    assert watch.errors == [] and watch.foreign == []
    page.close()


def expected_rows(built_site: Path, entity: str, first: int, last: int) -> set[str]:
    """The current claims about ``entity`` dated from year ``first`` to ``last``."""
    return {
        c["id"]
        for c in current_claims(built_site).values()
        if entity in c["subjects"] and c["as_of"] and first <= int(c["as_of"][:4]) <= last
    }


def shown_ids(page) -> set[str]:
    hrefs = page.locator("#claims-table tbody tr td:first-child a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return {href.split("#", 1)[1] for href in hrefs}


def test_all_claims_table_filters_by_entity_and_years_and_restores_them(desktop, built_site):
    base, ctx = desktop
    page = ctx.new_page()
    watch = Watch(page, base)
    page.goto(base + "briefing/claims/")
    form = page.locator("#claims-filter")
    form.wait_for(state="visible")
    page.select_option("select[name=entity]", "baic-group")
    page.select_option("select[name=from]", "2022")
    page.select_option("select[name=to]", "2023")
    wanted = expected_rows(built_site, "baic-group", 2022, 2023)
    assert wanted and shown_ids(page) == wanted
    assert "entity=baic-group" in page.url and "from=2022" in page.url and "to=2023" in page.url
    # Sorted by entities, then restored whole from the address (a shared link).
    page.locator("th[data-sort=entities] button").click()
    names = page.locator("#claims-table tbody td[data-label=Entities]").all_inner_texts()
    assert [n.lower() for n in names] == sorted(n.lower() for n in names)
    assert "sort=entities" in page.url
    shared = page.url
    page.goto(base)
    page.goto(shared)
    form.wait_for(state="visible")
    assert page.locator("select[name=entity]").input_value() == "baic-group"
    assert page.locator("select[name=from]").input_value() == "2022"
    assert page.locator("select[name=to]").input_value() == "2023"
    assert page.locator("select[name=sort]").input_value() == "entities:asc"
    assert page.locator("th[data-sort=entities]").get_attribute("aria-sort") == "ascending"
    assert shown_ids(page) == wanted
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "all-claims.png"))
    # Nothing is clipped at 1366 px: the table fits its column.
    wrap = page.locator(".bf-table-wrap").evaluate("w => [w.scrollWidth, w.clientWidth]")
    assert wrap[0] <= wrap[1], wrap
    # Words match the entities' other names too: 北汽 is BAIC Group's short name.
    page.locator("#claims-filter button[type=reset]").click()
    page.wait_for_function("() => !location.search")
    page.fill("input[name=words]", "北汽")
    assert shown_ids(page) == {
        c["id"] for c in current_claims(built_site).values() if "baic-group" in c["subjects"]
    }
    assert "words=%E5%8C%97%E6%B1%BD" in page.url
    # Restored from the address without opening the site search (which reads ?q=).
    page.reload()
    page.locator("#claims-filter").wait_for(state="visible")
    assert page.locator("input[name=words]").input_value() == "北汽"
    assert not page.locator("#__search").is_checked()
    assert watch.errors == [] and watch.foreign == []
    page.close()


def test_all_claims_on_a_phone_and_without_javascript(chrome, built_site: Path):
    base, browser = chrome
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base + "briefing/claims/?status=confirmed&topic=company-profile")
    page.locator("#claims-filter").wait_for(state="visible")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # rows as cards
    # Each row is a card: the claim across the whole width, its facts below it.
    claim = page.locator("#claims-table tbody tr td[data-label=Claim]").first.bounding_box()
    date = page.locator("#claims-table tbody tr td[data-label=Date]").first.bounding_box()
    assert claim["width"] > 300 and date["y"] >= claim["y"] + claim["height"], (claim, date)
    SCREENSHOTS.mkdir(exist_ok=True)
    # From the filter's last lines down: scrolled down only (scrolling up brings Material's
    # "Back to top" button over the page).
    page.evaluate(
        "window.scrollTo(0, document.querySelector('#claims-filter .bf-filter__count')"
        ".getBoundingClientRect().top + window.scrollY - 160)"
    )
    page.screenshot(path=str(SCREENSHOTS / "all-claims-mobile.png"), animations="disabled")
    context.close()
    # Without JavaScript: the server-side page lists the claims, newest first; no filter.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "briefing/claims/")
    assert page.locator("#claims-filter").is_hidden()
    rows = page.locator("#claims-table tbody tr")
    assert rows.count() == min(len(current_claims(built_site)), 200)
    dates = rows.locator("time").evaluate_all("ts => ts.map(t => t.dateTime)")
    assert dates[0] >= dates[-1]
    context.close()


@pytest.mark.parametrize(
    "address",
    [
        "briefing/claims/?status=reported,disputed&entity=xiaomi&from=2021&to=2024",
        "briefing/claims/?words=zzzz-no-such-word",
    ],
)
def test_the_filtered_all_claims_page_and_an_open_cite_box_are_accessible(desktop, address):
    from axe_playwright_python.sync_playwright import Axe

    base, ctx = desktop
    page = ctx.new_page()
    page.goto(base + address)
    page.locator("#claims-filter").wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    results = [Axe().run(page)]
    page.goto(base + "briefing/partnerships/")
    page.locator("details.bf-citebox summary").first.click()
    page.locator(".bf-citebox__code").first.wait_for()
    results.append(Axe().run(page))
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for result in results
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_are_accessible(chrome, scheme):
    from axe_playwright_python.sync_playwright import Axe

    base, browser = chrome
    context = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base)
    search(page, "recall")
    page.locator(".md-search-result__link:visible").first.wait_for()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    context.close()


def test_weak_sourcing_and_due_for_review_explain_themselves_on_a_phone(chrome):
    """A title cannot be read on a touch screen: the notes link to How to read."""
    base, browser = chrome
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base + "briefing/company-profile/")
    for note, anchor in ((".bf-weak", "citations"), (".bf-due", "dates")):
        link = page.locator(f"a{note}").first
        if note == ".bf-due" and link.count() == 0:
            continue  # nothing due on this page today
        link.tap()
        page.wait_for_url(f"**/how-to-read/#{anchor}")
        assert page.locator(f"[id='{anchor}']").is_visible()
        page.go_back()
    context.close()
