"""The All claims table at scale: its rows come in files of at most CLAIMS_ROWS_BYTES, so no
resource the page loads grows past 1 MB however many claims there are; checked on a few
thousand synthetic claims, rendered and then built and browsed in Chromium."""

from __future__ import annotations

import json
import random
import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from briefing.claimstable import FIELDS, pack, table_order
from briefing.layout import CLAIMS_INDEX, CLAIMS_PER_PAGE, CLAIMS_ROWS_BYTES, claims_page
from briefing.pipeline import check
from briefing.render import RenderOptions, render_pages

from .browser import Watch, chromium, serve
from .conftest import MINI, build, project_copy

MB = 1024 * 1024
WORDS = [
    "battery",
    "factory",
    "deliveries",
    "orders",
    "price",
    "sedan",
    "supplier",
    "approval",
    "launch",
    "plant",
    "capacity",
    "rumour",
    "target",
    "chip",
    "software",
    "dealer",
    "export",
    "电池",
    "工厂",
]
PER_TOPIC = 1000  # a topic file of 1,000 such claims stays under the 1 MB file limit


def synthetic_facts(target: Path, claims: int) -> Path:
    """The mini fact set plus ``claims`` generated claims (statements of 12 to 40 words,
    dated 2015-2023, about one or two entities), in topics of PER_TOPIC claims."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(MINI, target)
    rng = random.Random(14)
    for first in range(0, claims, PER_TOPIC):
        number = first // PER_TOPIC
        lines = [f"title: Synthetic {number}", "summary: Generated claims.", "claims:"]
        for i in range(first, min(claims, first + PER_TOPIC)):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40)))
            subjects = "[phone-maker, car-market]" if i % 3 else "[car-market]"
            lines += [
                f"  - id: phone-maker-{rng.choice(WORDS[:17])}-{i}",
                f'    statement: "Claim {i} says the phone maker {text}."',
                "    status: reported",
                "    kind: event",
                f'    as_of: "{rng.randint(2015, 2023)}-{rng.randint(1, 12):02d}"',
                "    sources: [stats-office]",
                f"    subjects: {subjects}",
            ]
        (target / f"synthetic-{number}.yaml").write_text("\n".join(lines) + "\n")
    return target


def test_pack_keeps_every_row_in_order_within_the_budget():
    rows = [json.dumps(["x" * n, n]) for n in range(1, 400)]
    files = pack(rows, budget=2000)
    assert len(files) > 1
    assert all(len(f.encode()) <= 2000 for f in files)
    assert [row for f in files for row in json.loads(f)] == [json.loads(r) for r in rows]
    # A single row larger than the budget gets a file of its own; an empty table, one file.
    big = json.dumps(["y" * 3000])
    assert pack([rows[0], big, rows[1]], budget=2000)[1] == f"[{big}]\n"
    assert pack([]) == ["[]\n"]


def test_four_thousand_claims_make_small_files_holding_every_claim_once(tmp_path: Path):
    briefing = check(synthetic_facts(tmp_path / "facts", 4000), today=date(2026, 11, 24))
    files = render_pages(briefing, RenderOptions(today=date(2026, 11, 24)))
    index = json.loads(files[CLAIMS_INDEX])
    assert index["fields"] == list(FIELDS)
    assert len(files[CLAIMS_INDEX].encode()) < 16 * 1024  # grows with entities, not claims
    rows_files = ["briefing/" + path for path in index["rows"]]
    assert len(rows_files) > 1
    sizes = [len(files[path].encode()) for path in rows_files]
    assert max(sizes) <= CLAIMS_ROWS_BYTES < MB, sizes
    rows = [row for path in rows_files for row in json.loads(files[path])]
    current = table_order(briefing)
    assert [row[0] for row in rows] == [claim.id for claim in current]
    mini = len(check(MINI, today=date(2026, 11, 24)).current_claims)
    assert index["count"] == len(current) == 4000 + mini
    statuses = [name for name, _ in index["statuses"]]
    topics = [slug for slug, _, _ in index["topics"]]
    entities = [entity_id for entity_id, _, _ in index["entities"]]
    for row, claim in zip(rows, current, strict=True):
        assert statuses[row[2]] == claim.status and topics[row[3]] == claim.topic
        assert row[4] == (claim.as_of.iso if claim.as_of else "")
        assert [entities[at] for at in row[5]] == list(claim.subjects)
    # The pages for readers without JavaScript: CLAIMS_PER_PAGE rows each, far below 1 MB.
    pages = [claims_page(n) for n in range(1, -(-len(current) // CLAIMS_PER_PAGE) + 1)]
    assert all(page in files for page in pages) and claims_page(len(pages) + 1) not in files
    assert max(len(files[page].encode()) for page in pages) < MB / 4
    # Bytes per claim of the rows, to extrapolate: 10,000 claims stay well under 10 files.
    per_claim = sum(sizes) / len(current)
    assert per_claim * 10_000 / CLAIMS_ROWS_BYTES < 12, per_claim


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,500 synthetic claims built into a site with the default engine."""
    project = tmp_path_factory.mktemp("big")
    project_copy(project, synthetic_facts(project / "generated-facts", 2500))
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_all_claims_page_at_2500_claims_loads_nothing_over_1_mb_and_filters_them_all(
    big_site: Path,
):
    with serve(big_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        watch = Watch(page, base)
        sizes: dict[str, int] = {}
        page.on("requestfinished", lambda r: sizes.update({r.url: r.sizes()["responseBodySize"]}))
        started = time.perf_counter()
        page.goto(base + "briefing/claims/")
        page.locator("#claims-filter").wait_for(state="visible")
        ready = time.perf_counter() - started
        page.wait_for_load_state("networkidle")
        count = page.locator(".bf-filter__count")
        facts = json.loads((big_site / "facts.json").read_text())
        total = sum(1 for claim in facts["claims"] if not claim["superseded_by"])
        assert total > 2500
        assert count.inner_text() == f"{total} of {total} claims, page 1 of {-(-total // 100)}"
        # Material's search index is the site's, fetched by every page: another matter.
        own = {url: size for url, size in sizes.items() if "search_index.json" not in url}
        assert sum(1 for url in own if "/claims-index/rows-" in url) >= 2
        assert max(own.values()) < MB, sorted(own.items(), key=lambda kv: -kv[1])[:3]
        # Filters work on every claim, not only the first page's.
        page.select_option("select[name=entity]", "phone-maker")
        page.select_option("select[name=from]", "2020")
        filtered = int(count.inner_text().split()[0])
        assert 0 < filtered < total
        page.reload()
        page.locator("#claims-filter").wait_for(state="visible")
        assert int(count.inner_text().split()[0]) == filtered
        assert watch.errors == [] and watch.foreign == []
        print(f"All claims page ready in {ready:.2f} s at {total} claims; files: {len(own)}")
