from __future__ import annotations

import csv
import io
import json
from datetime import date

from briefing.export import claims_csv, facts_json
from briefing.pipeline import check

from .conftest import MINI


def briefing():
    return check(MINI, today=date(2026, 11, 24))


def test_facts_json_has_the_documented_shape():
    data = json.loads(facts_json(briefing()))
    assert data["schema_version"] == 1
    assert {s["id"] for s in data["sources"]} == {"undated-article", "wire-copy", "stats-office"}
    assert [e["native_name"] for e in data["entities"]] == ["手机公司", None]
    claim = next(c for c in data["claims"] if c["id"] == "plans-partner")
    assert set(claim) >= {
        "id",
        "topic",
        "statement",
        "status",
        "as_of",
        "sources",
        "subjects",
        "superseded_by",
        "figure",
    }
    assert claim["topic"] == "plans"
    assert claim["sources"] == ["undated-article"]
    assert claim["superseded_by"] == "plans-own-factory"
    assert claim["as_of"] == "2021"
    figure = next(c for c in data["claims"] if c["id"] == "market-sales-2023")["figure"]
    assert figure == {"value": 30.094, "unit": "million vehicles"}
    undated = next(s for s in data["sources"] if s["id"] == "undated-article")
    assert undated["published"] is None and undated["publisher"] is None


def test_claims_csv_round_trips():
    rows = list(csv.DictReader(io.StringIO(claims_csv(briefing()))))
    assert len(rows) == 5
    row = next(r for r in rows if r["id"] == "plans-own-factory")
    assert row["sources"] == "wire-copy;undated-article"
    assert row["status"] == "reported"
    assert row["as_of"] == "2021-03-30"
