"""The data files: facts.json, claims.csv, one CSV per series and the data package."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from datetime import UTC, date, datetime

import pytest

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
        "words": "",
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
        "2021-03-30 (day)",
        "2021",
        "3",
        "30",
    )
    month = next(r for r in rows if r["id"] == "plans-cars")
    assert (month["as_of"], month["as_of_month"], month["as_of_day"]) == (
        "2021-03 (month)",
        "3",
        "",
    )
    sales = next(r for r in rows if r["id"] == "market-sales-2023")
    assert sales["figure_qualifier"] == "exact" and sales["figure_amount"] == "30094000"
    assert sales["url"] == "https://briefing.example.org/briefing/market/#market-sales-2023"


def test_one_csv_per_series_and_a_data_package_for_every_file():
    files = data_files(*exported())
    rows = list(csv.DictReader(io.StringIO(files["briefing/series/market-sales.csv"])))
    assert [(r["period"], r["value"], r["claim"], r["current"]) for r in rows] == [
        ("2023 (year)", "30.094", "market-sales-2023", "yes")
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
    # The package's constraints are real: a status outside the vocabulary fails.
    claims = tmp_path / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",reported,", ",rumoured,", 1))
    broken = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not broken.valid
    assert ["status", "constraint-error"] in broken.flatten(["fieldName", "type"])


# The real build's data files -----------------------------------------------------------------
DATE_COLUMNS = ("as_of", "figure_period", "period")
TEXT_DATE = re.compile(r"^\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)? \((year|quarter|month|day)\)$")


def published_csvs(site):
    return [site / "claims.csv", *sorted((site / "briefing" / "series").glob("*.csv"))]


@pytest.mark.slow
def test_frictionless_validates_the_real_built_data_package(built_site):
    import frictionless

    package = json.loads((built_site / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    published = {p.relative_to(built_site).as_posix() for p in published_csvs(built_site)}
    assert published | {"facts.json"} == paths  # every published data file is described
    report = frictionless.validate(str(built_site / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == len(paths)


@pytest.mark.slow
def test_dates_and_periods_in_the_real_csvs_are_text_no_spreadsheet_reads_as_a_date(built_site):
    seen = 0
    for path in published_csvs(built_site):
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
            for column in DATE_COLUMNS:
                if row.get(column):
                    assert TEXT_DATE.match(row[column]), (path.name, column, row[column])
                    seen += 1
    assert seen > 150


@pytest.mark.slow
def test_libreoffice_keeps_dates_and_periods_as_text(built_site, tmp_path):
    """Where LibreOffice is installed: open the CSVs as a user would and read the cell types."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc)")
    csvs = published_csvs(built_site)[:3]
    for path in csvs:
        shutil.copy(path, tmp_path / path.name)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "ods", "--outdir", str(tmp_path), *(str(tmp_path / p.name) for p in csvs)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    for path in csvs:
        header, *rows = ods_cells(tmp_path / (path.stem + ".ods"))
        columns = [i for i, name in enumerate(header) if name[1] in DATE_COLUMNS]
        assert columns, path.name
        for row in rows:
            for i in columns:
                kind, text = row[i]
                assert kind == "string" or text == "", (path.name, header[i][1], kind, text)


def ods_cells(path):
    """Every row of an .ods file's first sheet as (value type, text) per cell."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    root = ET.fromstring(zipfile.ZipFile(path).read("content.xml"))
    rows = []
    for row in root.iter(f"{{{table}}}table-row"):
        cells = []
        for cell in row.findall(f"{{{table}}}table-cell"):
            repeat = int(cell.get(f"{{{table}}}number-columns-repeated", "1"))
            cells += [(cell.get(f"{{{office}}}value-type"), "".join(cell.itertext()))] * repeat
        rows.append(cells)
    return rows
