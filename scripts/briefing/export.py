"""Stage 4b: the validated facts as downloadable data.

- ``facts.json``: everything, with ``generated_at``, ``base_url`` and ``license``, and how
  current the briefing and each topic are (``updated``, ``newest_fact``), as the pages say;
- ``claims.csv``: one row per claim, with its figure as the source gave it (qualifier,
  scale, unit, period, series), its sources' titles and URLs, and its permanent URL; dates
  and periods are written with their precision ("2023-10 (month)"), text that no
  spreadsheet turns into 1 October 2023, and are also split into year, month and day numbers;
- ``briefing/series/<id>.csv``: one file per series of figures, one row per point;
- ``datapackage.json``: a Frictionless Data Package describing every file above.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from .dates import PartialDate, Period, rfc3339
from .layout import DATA_FILES, series_csv
from .model import Briefing, Claim, Figure, Series, Source, Topic
from .points import series_points
from .settings import Settings
from .updated import newest_fact, page_updated

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class ExportOptions:
    generated_at: datetime
    settings: Settings
    claim_url: Any = None  # Callable[[Claim], str]: the claim's permanent URL
    updated: Mapping[str, date] = field(default_factory=dict)  # fact file -> last change


def _iso(value: PartialDate | Period | None) -> str | None:
    return None if value is None else value.iso


def figure_dict(figure: Figure) -> dict[str, Any]:
    return {
        "value": figure.value,
        "scale": figure.scale,
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "amount": figure.amount,
        "written": figure.written,
        "words": figure.words,
        "display": figure.display,
        "series": figure.series,
        "period": _iso(figure.period),
    }


def _claim(claim: Claim, options: ExportOptions) -> dict[str, Any]:
    return {
        "id": claim.id,
        "url": options.claim_url(claim) if options.claim_url else None,
        "topic": claim.topic,
        "statement": claim.statement,
        "status": claim.status,
        "kind": claim.kind,
        "as_of": _iso(claim.as_of),
        "checked": _iso(claim.checked),
        "sources": list(claim.source_ids),
        "locators": {c.source: c.locator for c in claim.sources if c.locator},
        "subjects": list(claim.subjects),
        "tags": list(claim.tags),
        "superseded_by": claim.superseded_by,
        "figure": figure_dict(claim.figure) if claim.figure else None,
    }


def _source(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "copy_of": source.copy_of,
        "url": source.url,
        "published": _iso(source.published),
        "date_note": source.date_note,
        "retrieved": _iso(source.retrieved),
        "kind": source.kind,
        "relays": list(source.relays),
        "notes": source.notes,
    }


def facts_json(briefing: Briefing, options: ExportOptions) -> str:
    settings = options.settings
    data = {
        "schema_version": SCHEMA_VERSION,
        "title": settings.site_name,
        "generated_at": rfc3339(options.generated_at),
        "base_url": settings.site_url or None,
        "license": {
            "id": settings.license.id,
            "name": settings.license.name,
            "url": settings.license.url,
        },
        **_currency(briefing.current_claims, options, None),
        "topics": [_topic(t, options) for t in briefing.topics],
        "series": [_series(s) for s in briefing.series],
        "sources": [_source(s) for s in briefing.sources],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "native_name": e.native_name,
                "aliases": list(e.aliases),
                "kind": e.kind,
                "description": e.description,
                "website": e.website,
                "sources": [c.source for c in e.sources],
            }
            for e in briefing.entities
        ],
        "claims": [_claim(c, options) for c in briefing.claims],
    }
    return json_records(data)


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def json_records(data: Mapping[str, Any]) -> str:
    """A JSON object with each record of its lists on a line of its own: readable, a change
    to a claim is a one-line diff, and written by the C encoder (``indent`` would take the
    pure-Python one, four times slower on 10,000 claims)."""
    members = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            records = ",\n".join(f"    {_ENCODE(item)}" for item in value)
            members.append(f"  {_ENCODE(key)}: [\n{records}\n  ]")
        else:
            members.append(f"  {_ENCODE(key)}: {_ENCODE(value)}")
    return "{\n" + ",\n".join(members) + "\n}\n"


def _currency(claims: Iterable[Claim], options: ExportOptions, path: str | None) -> dict[str, Any]:
    """How current a page is, as its pages say: when its fact file last changed (None: any
    fact file) and the newest date its current claims describe."""
    today = options.generated_at.date()
    newest = newest_fact(claims)
    return {
        "updated": page_updated(options.updated, today, path).isoformat(),
        "newest_fact": None if newest is None else newest.iso,
    }


def _topic(topic: Topic, options: ExportOptions) -> dict[str, Any]:
    return {
        "slug": topic.slug,
        "title": topic.title,
        "summary": topic.summary,
        "order": topic.order,
        "review_after_days": topic.review_after_days,
        **_currency(topic.current, options, topic.path),
    }


def _series(series: Series) -> dict[str, Any]:
    return {
        "id": series.id,
        "title": series.title,
        "unit": series.unit,
        "measure": series.measure,
        "per": series.per,
        "target_for": series.target_for,
        "description": series.description,
    }


def _text(value: PartialDate | Period | None) -> str:
    """A date or period for a CSV cell, as text no spreadsheet turns into a date or a number
    ("2023-10 (month)"); facts.json keeps the bare ISO form."""
    return "" if value is None else value.text


_FORMULA_STARTS = frozenset("=+-@\t\r")


def _cell(value: Any) -> Any:
    """A CSV cell: numbers as they are, text that starts like a spreadsheet formula made
    literal (formula injection)."""
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text[:1] in _FORMULA_STARTS else text


def _parts(value: PartialDate | Period | None) -> list[str]:
    """Year, month and day of a date as numbers (empty where the date does not say)."""
    if value is None:
        return ["", "", ""]
    partial = value.partial() if isinstance(value, Period) else value
    return [str(partial.year), str(partial.month or ""), str(partial.day or "")]


CSV_FIELDS = (
    "id",
    "url",
    "topic",
    "status",
    "kind",
    "as_of",
    "as_of_year",
    "as_of_month",
    "as_of_day",
    "statement",
    "superseded_by",
    "figure_value",
    "figure_scale",
    "figure_unit",
    "figure_qualifier",
    "figure_amount",
    "figure_display",
    "figure_series",
    "figure_period",
    "subjects",
    "sources",
    "source_titles",
    "source_urls",
)


def _figure_cells(figure: Figure | None) -> list[Any]:
    if figure is None:
        return ["", "", "", "", "", "", "", ""]
    return [
        figure.value,
        figure.scale,
        figure.unit,
        figure.qualifier,
        figure.amount,
        figure.display,
        figure.series or "",
        _text(figure.period),
    ]


def _claim_row(briefing: Briefing, claim: Claim, options: ExportOptions) -> list[Any]:
    sources = briefing.sources_of(claim)
    return [
        claim.id,
        options.claim_url(claim) if options.claim_url else "",
        claim.topic,
        claim.status,
        claim.kind,
        _text(claim.as_of),
        *_parts(claim.as_of),
        claim.statement,
        claim.superseded_by or "",
        *_figure_cells(claim.figure),
        ";".join(claim.subjects),
        ";".join(s.id for s in sources),
        " | ".join(s.title for s in sources),
        " | ".join(s.url or "" for s in sources),
    ]


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def claims_csv(briefing: Briefing, options: ExportOptions) -> str:
    return _csv(CSV_FIELDS, (_claim_row(briefing, c, options) for c in briefing.claims))


SERIES_FIELDS = (
    "series",
    "period",
    "year",
    "month",
    "day",
    "subject",
    "value",
    "scale",
    "unit",
    "qualifier",
    "amount",
    "display",
    "status",
    "current",
    "claim",
    "claim_url",
)


def series_rows(briefing: Briefing, series: Series, options: ExportOptions) -> list[list[Any]]:
    rows = []
    for point in series_points(briefing, series.id):
        figure, claim = point.figure, point.claim
        rows.append(
            [
                series.id,
                _text(figure.period),
                *_parts(figure.period),
                point.subject or "",
                figure.value,
                figure.scale,
                figure.unit,
                figure.qualifier,
                figure.amount,
                figure.display,
                claim.status,
                "yes" if point.current else "no",
                claim.id,
                options.claim_url(claim) if options.claim_url else "",
            ]
        )
    return rows


def series_files(briefing: Briefing, options: ExportOptions) -> dict[str, str]:
    return {
        series_csv(s.id): _csv(SERIES_FIELDS, series_rows(briefing, s, options))
        for s in briefing.series
    }


def data_files(briefing: Briefing, options: ExportOptions) -> dict[str, str]:
    from .datapackage import datapackage_json

    files = {
        DATA_FILES["facts"]: facts_json(briefing, options),
        DATA_FILES["claims"]: claims_csv(briefing, options),
        **series_files(briefing, options),
    }
    files[DATA_FILES["package"]] = datapackage_json(briefing, options, sorted(files))
    return files


def generated_at(epoch_date: Any) -> datetime:
    """Midnight UTC of the build date: the same facts and SOURCE_DATE_EPOCH give one value."""
    return datetime(epoch_date.year, epoch_date.month, epoch_date.day, tzinfo=UTC)
