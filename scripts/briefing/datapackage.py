"""``datapackage.json``: a Frictionless Data Package that describes every published data file,
so a data user (or ``frictionless validate``) knows each column's type and meaning."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import vocab
from .dates import rfc3339
from .layout import DATA_FILES, GENERATED_DIR

if TYPE_CHECKING:  # pragma: no cover
    from .export import ExportOptions
    from .model import Briefing

_TEXT = "string"


def _either(names: tuple[str, ...]) -> str:
    """``a, b or c``: a vocabulary's names for a column description."""
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


# Columns whose values are a vocabulary of vocab.py (checked as an enum constraint).
ENUMS: dict[str, tuple[str, ...]] = {
    "status": vocab.STATUSES,
    "kind": vocab.CLAIM_KINDS,
    "figure_scale": vocab.SCALES,
    "scale": vocab.SCALES,
    "figure_unit": vocab.UNITS,
    "figure_qualifier": vocab.QUALIFIERS,
    "qualifier": vocab.QUALIFIERS,
}
# Every CSV column: (type, description). Empty cells are missing values.
COLUMNS: dict[str, tuple[str, str]] = {
    "id": (_TEXT, "The claim's permanent id; also its anchor on its topic page."),
    "url": (_TEXT, "The claim's permanent URL (empty when the site has no base URL)."),
    "topic": (_TEXT, "The slug of the claim's topic page."),
    "status": (_TEXT, f"How sure the claim is: {_either(vocab.STATUSES)}."),
    "kind": (_TEXT, f"What the claim is about: {_either(vocab.CLAIM_KINDS)}."),
    "as_of": (
        _TEXT,
        "The time the claim describes, with its precision: 'YYYY (year)', 'YYYY-MM (month)' or "
        "'YYYY-MM-DD (day)'; text no spreadsheet reads as a date.",
    ),
    "as_of_year": ("integer", "Year of as_of."),
    "as_of_month": ("integer", "Month of as_of (empty when as_of gives only a year)."),
    "as_of_day": ("integer", "Day of as_of (empty when as_of gives no day)."),
    "statement": (_TEXT, "The claim in the project's own words (inline Markdown)."),
    "superseded_by": (_TEXT, "The id of the claim that replaced this one."),
    "figure_value": ("number", "The claim's number as written, in figure_scale."),
    "figure_scale": (_TEXT, f"The figure's scale: {_either(vocab.SCALES)}."),
    "figure_unit": (_TEXT, f"The figure's unit: {_either(vocab.UNITS)}."),
    "figure_qualifier": (_TEXT, f"How exact the number is: {_either(vocab.QUALIFIERS)}."),
    "figure_amount": ("number", "figure_value times its scale."),
    "figure_display": (
        _TEXT,
        "The figure in words, qualified as the statement words it, e.g. 'more than 410,000 "
        "vehicles', 'close to 600,000 vehicles'.",
    ),
    "figure_series": (_TEXT, "The series the figure is a point of."),
    "figure_period": (
        _TEXT,
        "The period the figure covers, with its precision: 'YYYY (year)', 'YYYY-Qn (quarter)', "
        "'YYYY-MM (month)' or 'YYYY-MM-DD (day)'.",
    ),
    "subjects": (_TEXT, "Entity ids, separated by ';'."),
    "sources": (_TEXT, "Source ids, separated by ';'."),
    "source_titles": (_TEXT, "Source titles, separated by ' | '."),
    "source_urls": (_TEXT, "Source URLs, separated by ' | ' (empty where unknown)."),
    "series": (_TEXT, "The series id."),
    "period": (_TEXT, "The period the point covers, with its precision, e.g. '2025-Q1 (quarter)'."),
    "year": ("integer", "Year of the period."),
    "month": ("integer", "First month of the period (empty for a year)."),
    "day": ("integer", "Day of the period (empty unless it is a day)."),
    "subject": (_TEXT, "For a series per car model: the model's entity id."),
    "value": ("number", "The number as written, in scale."),
    "scale": (_TEXT, f"The value's scale: {_either(vocab.SCALES)}."),
    "unit": (_TEXT, "The unit of the series."),
    "qualifier": (_TEXT, f"How exact the number is: {_either(vocab.QUALIFIERS)}."),
    "amount": ("number", "value times its scale."),
    "display": (_TEXT, "The figure in words, qualified as the statement words it."),
    "current": (_TEXT, "yes, or no when a later claim replaced this point."),
    "claim": (_TEXT, "The id of the claim the point comes from."),
    "claim_url": (_TEXT, "The claim's permanent URL."),
}


# Dates and periods in the CSVs: ISO with the precision in words, so no spreadsheet parses them.
_PERIOD_PATTERN = r"\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)? \((year|quarter|month|day)\)"
PATTERNS = {"as_of": _PERIOD_PATTERN, "figure_period": _PERIOD_PATTERN, "period": _PERIOD_PATTERN}


def _field(name: str) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": name,
        "type": COLUMNS[name][0],
        "description": COLUMNS[name][1],
    }
    if name in PATTERNS:
        field["constraints"] = {"pattern": PATTERNS[name]}
    if name in ENUMS:
        field["constraints"] = {"enum": list(ENUMS[name])}
    return field


def _schema(header: list[str]) -> dict[str, Any]:
    return {"fields": [_field(name) for name in header], "missingValues": [""]}


def _resource(path: str, header: list[str] | None, title: str) -> dict[str, Any]:
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", "-").lower()
    if header is None:
        return {
            "name": name,
            "path": path,
            "title": title,
            "format": "json",
            "mediatype": "application/json",
        }
    return {
        "name": name,
        "path": path,
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": _schema(header),
    }


def datapackage_json(briefing: Briefing, options: ExportOptions, paths: list[str]) -> str:
    from .export import CSV_FIELDS, SERIES_FIELDS

    resources = []
    for path in paths:
        if path == DATA_FILES["facts"]:
            resources.append(_resource(path, None, "Every claim, source, entity, series and topic"))
        elif path == DATA_FILES["claims"]:
            resources.append(_resource(path, list(CSV_FIELDS), "One row per claim"))
        elif path.startswith(f"{GENERATED_DIR}/series/"):
            series = briefing.one_series(path.rsplit("/", 1)[-1].removesuffix(".csv"))
            resources.append(_resource(path, list(SERIES_FIELDS), series.title))
    settings = options.settings
    package = {
        "profile": "data-package",
        "name": "xiaomi-ev-briefing",
        "title": settings.site_name,
        "description": "Sourced claims about Xiaomi's entry into electric vehicles, each with "
        "a status, a date and its sources; figures as their sources gave them.",
        "homepage": settings.site_url or None,
        "created": rfc3339(options.generated_at),
        "licenses": [
            {
                "name": settings.license.id,
                "title": settings.license.name,
                "path": settings.license.url,
            }
        ],
        "resources": resources,
    }
    if not package["homepage"]:
        del package["homepage"]
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
