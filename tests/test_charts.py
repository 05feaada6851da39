"""Charts and comparison tables from the real facts: their data against golden files
(``pytest --update-golden`` rewrites tests/golden/charts/), gaps never filled in, qualifiers
kept, accessible and self-contained SVG, the same bytes from the same facts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from briefing import charts, chartspec, chartsvg, tables
from briefing.pipeline import check

from .conftest import FACTS, ROOT

GOLDEN = Path(__file__).parent / "golden" / "charts"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def real():
    return check(FACTS, today=date(2026, 12, 31))


@pytest.fixture(scope="module")
def drawn(real):
    return {data.chart.id: data for data in charts.all_charts(real)}


def test_every_chart_finds_its_series_in_the_facts(drawn):
    assert list(drawn) == [chart.id for chart in charts.CHARTS]


@pytest.mark.parametrize("chart", [c.id for c in charts.CHARTS])
def test_chart_data_matches_golden(drawn, chart, request):
    text = json.dumps(drawn[chart].as_json(), ensure_ascii=False, indent=2) + "\n"
    path = GOLDEN / f"{chart}.json"
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_missing_years_are_gaps_and_never_drawn(drawn):
    sales = drawn["chart-china-sales"]
    assert sales.periods == ("2021", "2022", "2023", "2024", "2025")
    gaps = {(r.period, r.series) for r in sales.rows if r.role == "gap"}
    assert gaps == {
        ("2022", "china-vehicle-sales-annual"),
        ("2022", "china-nev-sales-annual"),
        ("2024", "china-vehicle-sales-annual"),
    }
    spec = chartspec.spec(sales)
    # No line or area that could join the points across a gap; a gap has no value to draw.
    assert {layer["mark"]["type"] for layer in spec["layer"]} <= {"bar", "point", "text"}
    for datum in spec["data"]["values"]:
        if datum["role"] == "gap":
            assert datum["y"] is None and datum["number"] == "no figure"
    svg = str(chartsvg.chart_svg(sales))
    assert svg.count(">no figure</text>") == 3


def test_targets_and_results_are_told_apart_and_keep_their_qualifiers(drawn):
    data = drawn["chart-xiaomi-deliveries-targets"]
    roles = {(r.period, r.role, r.label) for r in data.rows}
    assert ("2025", "actual", "more than 410,000") in roles
    assert ("2025", "target", "more than 400,000") in roles
    assert ("2025", "earlier-target", "300,000") in roles
    assert ("2026", "gap", "no figure") in roles
    marks = {layer["name"]: layer["mark"] for layer in chartspec.spec(data)["layer"]}
    # A target is a dashed outline, an earlier one a dotted line, a result a filled bar:
    # shape and line, not colour alone.
    assert marks["target"]["fill"] == "none" and marks["target"]["strokeDash"]
    assert marks["earlier"]["shape"] == "stroke" and marks["earlier"]["strokeDash"]
    assert marks["solid"]["fill"] == chartspec.FILL
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", str(chartsvg.chart_svg(data)))
    assert texts.count("more than") == 3  # 2024 and 2025 results, the 2025 target
    assert "410,000" in texts and "550,000" in texts


@pytest.mark.parametrize("chart", [c.id for c in charts.CHARTS])
def test_the_svg_is_one_named_described_self_contained_image(drawn, chart):
    data = drawn[chart]
    svg = str(chartsvg.chart_svg(data))
    assert "\n" not in svg  # one line: it sits in a Markdown raw HTML block
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby"), root.get("aria-describedby")
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.get("id") == title_id and title.text == data.chart.title
    assert desc.get("id") == desc_id
    for label in data.period_labels:
        assert f"{label}:" in desc.text
    # Nothing fetched: no image, link, stylesheet or font; text in the page's own fonts.
    assert not re.search(r"<image|href=|url\(http|@import|@font-face", svg)
    assert chartspec.MEASURE_FONT not in svg
    assert set(re.findall(r'font-family="([^"]*)"', svg)) == {chartsvg.PAGE_FONTS}
    # One image: Vega's per-mark roles are dropped.
    assert [e.get("role") for e in root.iter() if e.get("role")] == ["img"]


_DRAW = """
import hashlib, sys
from datetime import date
from pathlib import Path
from briefing.charts import all_charts
from briefing.chartsvg import chart_svg
from briefing.pipeline import check
briefing = check(Path(sys.argv[1]), today=date(2026, 12, 31))
print(hashlib.sha256("".join(chart_svg(c) for c in all_charts(briefing)).encode()).hexdigest())
"""


def test_the_same_facts_draw_the_same_bytes_in_fresh_processes():
    runs = {
        subprocess.run(
            [sys.executable, "-c", _DRAW, str(FACTS)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1 and len(runs.pop()) == 65


def test_the_models_table_gives_each_models_figures_as_written(real):
    table = tables.models_table(real)
    assert [name for _, name in table.columns] == ["Starting price", "First orders"]
    rows = {row.model.id: row for row in table.rows}
    assert list(rows) == ["su7", "yu7", "su7-new-generation"]  # by launch
    assert rows["su7"].launched.iso == "2024-03-28"
    price, orders = rows["yu7"].cells
    assert tables.as_written(price) == "253,500 yuan"
    assert tables.as_written(orders) == "289,000 pre-orders"  # the statement's kind
    assert (
        tables.as_written(rows["su7-new-generation"].cells[1]) == "more than 15,000 locked orders"
    )


def test_the_target_table_pairs_each_year_with_its_result(real):
    (table,) = tables.target_tables(real)
    rows = {row.period.iso: row for row in table.rows}
    assert list(rows) == ["2024", "2025", "2026"]
    assert rows["2025"].target.figure.display == "more than 400,000 vehicles"
    assert [p.claim.id for p in rows["2025"].earlier] == [
        "xiaomi-2025-target-300000",
        "xiaomi-2025-target-350000",
    ]
    assert rows["2025"].actual.figure.display == "more than 410,000 vehicles"
    assert rows["2026"].actual is None
    pair = tables.latest_pair(real)
    assert (pair.period.iso, pair.target.claim.id, pair.actual.claim.id) == (
        "2025",
        "xiaomi-2025-target-400000",
        "xiaomi-deliveries-2025",
    )
