"""Stage 4b: the validated facts as downloadable data (``facts.json``, ``claims.csv``)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .model import Briefing, Claim

SCHEMA_VERSION = 1


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "topic": claim.topic,
        "statement": claim.statement,
        "status": claim.status,
        "as_of": claim.as_of.iso if claim.as_of else None,
        "checked": claim.checked.iso if claim.checked else None,
        "sources": list(claim.source_ids),
        "locators": {c.source: c.locator for c in claim.sources if c.locator},
        "subjects": list(claim.subjects),
        "tags": list(claim.tags),
        "superseded_by": claim.superseded_by,
        "figure": (
            {"value": claim.figure.value, "unit": claim.figure.unit} if claim.figure else None
        ),
    }


def facts_json(briefing: Briefing) -> str:
    data = {
        "schema_version": SCHEMA_VERSION,
        "topics": [
            {
                "slug": t.slug,
                "title": t.title,
                "summary": t.summary,
                "order": t.order,
                "review_after_days": t.review_after_days,
            }
            for t in briefing.topics
        ],
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "url": s.url,
                "published": s.published.iso if s.published else None,
                "retrieved": s.retrieved.iso if s.retrieved else None,
                "kind": s.kind,
                "notes": s.notes,
            }
            for s in briefing.sources
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "native_name": e.native_name,
                "kind": e.kind,
                "description": e.description,
                "website": e.website,
            }
            for e in briefing.entities
        ],
        "claims": [_claim(c) for c in briefing.claims],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


CSV_FIELDS = (
    "id",
    "topic",
    "status",
    "as_of",
    "statement",
    "sources",
    "subjects",
    "superseded_by",
    "figure_value",
    "figure_unit",
)


def _cell(value: str) -> str:
    # Spreadsheet formula injection: a cell that starts like a formula is made literal.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def claims_csv(briefing: Briefing) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for claim in briefing.claims:
        writer.writerow(
            v if isinstance(v, int | float) else _cell(str(v))
            for v in (
                claim.id,
                claim.topic,
                claim.status,
                claim.as_of.iso if claim.as_of else "",
                claim.statement,
                ";".join(claim.source_ids),
                ";".join(claim.subjects),
                claim.superseded_by or "",
                "" if claim.figure is None else claim.figure.value,
                "" if claim.figure is None else claim.figure.unit,
            )
        )
    return buffer.getvalue()


def data_files(briefing: Briefing) -> dict[str, str]:
    return {"facts.json": facts_json(briefing), "claims.csv": claims_csv(briefing)}
