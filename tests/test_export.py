"""The data files: facts.json, claims.csv, one CSV per series and the data package."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

from briefing.export import claims_csv, data_files, facts_json
from briefing.pipeline import check, export_options
from briefing.render import RenderOptions
from briefing.settings import Settings

from .conftest import MINI

OPTIONS = RenderOptions(
    today=date(2026, 11, 24),
    settings=Settings(site_url="https://briefing.example.org/"),
    generated_at=datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
)


def briefing():
    return check(MINI, today=date(2026, 11, 24))


def exported():
    b = briefing()
    return b, export_options(b, OPTIONS)


def test_facts_json_has_the_documented_shape():
    data = json.loads(facts_json(*exported()))
    assert data["schema_version"] == 2
    assert data["generated_at"] == "2026-11-24T12:00:00Z"
    assert data["base_url"] == "https://briefing.example.org/"
    assert data["license"]["id"] == "CC-BY-4.0"
    assert {s["id"] for s in data["sources"]} == {"undated-article", "wire-copy", "stats-office"}
    assert [e["native_name"] for e in data["entities"]] == ["手机公司", None]
    assert data["entities"][0]["aliases"] == ["PhoneCo", "手机"]
    claim = next(c for c in data["claims"] if c["id"] == "plans-partner")
    assert set(claim) >= {"id", "url", "topic", "statement", "status", "kind", "as_of"}
    assert claim["topic"] == "plans" and claim["kind"] == "view"
    assert claim["sources"] == ["undated-article"]
    assert claim["superseded_by"] == "plans-own-factory"
    assert claim["as_of"] == "2021"
    # A superseded claim's permanent URL is on the page it is shown on (its successor's).
    assert claim["url"] == "https://briefing.example.org/briefing/plans/#plans-partner"
    figure = next(c for c in data["claims"] if c["id"] == "market-sales-2023")["figure"]
    assert figure == {
        "value": 30.094,
        "scale": "million",
        "unit": "vehicles",
        "qualifier": "exact",
        "amount": 30094000,
        "written": "30.094",
        "display": "30.094 million vehicles",
        "series": "market-sales",
        "period": "2023",
    }
    undated = next(s for s in data["sources"] if s["id"] == "undated-article")
    assert undated["published"] is None and undated["publisher"] is None
    wire = next(s for s in data["sources"] if s["id"] == "wire-copy")
    assert wire["copy_of"] == "Example Wire" and wire["relays"] == ["phone-maker"]


def test_claims_csv_round_trips_and_keeps_dates_as_text():
    rows = list(csv.DictReader(io.StringIO(claims_csv(*exported()))))
    assert len(rows) == 5
    row = next(r for r in rows if r["id"] == "plans-own-factory")
    assert row["sources"] == "wire-copy;undated-article"
    assert row["source_titles"] == (
        "Phone maker says it will build cars | An undated article about a phone maker"
    )
    assert row["source_urls"] == "https://news.example.org/phone-maker-cars | "
    assert row["status"] == "reported"
    assert (row["as_of"], row["as_of_year"], row["as_of_month"], row["as_of_day"]) == (
        "2021-03-30",
        "2021",
        "3",
        "30",
    )
    month = next(r for r in rows if r["id"] == "plans-cars")
    assert (month["as_of"], month["as_of_month"], month["as_of_day"]) == ("2021-03", "3", "")
    sales = next(r for r in rows if r["id"] == "market-sales-2023")
    assert sales["figure_qualifier"] == "exact" and sales["figure_amount"] == "30094000"
    assert sales["url"] == "https://briefing.example.org/briefing/market/#market-sales-2023"


def test_one_csv_per_series_and_a_data_package_for_every_file():
    files = data_files(*exported())
    rows = list(csv.DictReader(io.StringIO(files["briefing/series/market-sales.csv"])))
    assert [(r["period"], r["value"], r["claim"], r["current"]) for r in rows] == [
        ("2023", "30.094", "market-sales-2023", "yes")
    ]
    package = json.loads(files["datapackage.json"])
    paths = {r["path"] for r in package["resources"]}
    assert paths == {"facts.json", "claims.csv", "briefing/series/market-sales.csv"}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_frictionless_validates_the_data_package(tmp_path):
    import frictionless

    for rel, text in data_files(*exported()).items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
