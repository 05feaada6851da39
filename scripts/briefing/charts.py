"""What the charts show: their definitions and their data, taken from the series points.

A chart's data is a list of rows, one per mark (or gap) on the chart and per row of the data
table beside it: the period, what the mark stands for (a result, the current target, an
earlier target, or a period with no figure), the figure as its statement words it, and the
claim it comes from. ``chartspec`` turns the rows into a Vega-Lite specification and
``chartsvg`` into static SVG; the rows themselves are what the golden tests pin.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from .dates import Period
from .model import Briefing, Series
from .points import Point, by_period, current_by_period, series_points, span
from .vocab import CHART_ROLE_TERMS, SCALE_FACTORS, UNIT_TERMS, label

ChartKind = Literal["target-vs-actual", "bars"]


@dataclass(frozen=True, slots=True)
class ChartDef:
    """One chart: its id (the anchor of its figure), title, kind and the result series it
    draws, each with a short name for the key and the table, and how its bars are drawn
    ("solid", or "outlined" for a total drawn beside a part of it)."""

    id: str
    title: str
    kind: ChartKind
    series: tuple[tuple[str, str, str], ...]  # (series id, short name, bar style)


# The charts, in the order pages show them. A "target-vs-actual" chart also draws every
# series whose `target_for` is its series. A chart whose series the facts lack is left out.
CHARTS: tuple[ChartDef, ...] = (
    ChartDef(
        "chart-xiaomi-deliveries-targets",
        "Xiaomi's deliveries per year against its targets",
        "target-vs-actual",
        (("xiaomi-deliveries-annual", "Delivered", "solid"),),
    ),
    ChartDef(
        "chart-xiaomi-deliveries-quarterly",
        "Xiaomi's deliveries per quarter",
        "bars",
        (("xiaomi-deliveries-quarterly", "Delivered", "solid"),),
    ),
    ChartDef(
        "chart-china-sales",
        "China's vehicle sales and new-energy-vehicle sales per year (CAAM)",
        "bars",
        (
            ("china-vehicle-sales-annual", "All vehicles", "outlined"),
            ("china-nev-sales-annual", "New energy vehicles", "solid"),
        ),
    ),
    ChartDef(
        "chart-china-nev-share",
        "New energy vehicles' share of China's vehicle sales per year (CAAM)",
        "bars",
        (("china-nev-share-annual", "NEV share", "solid"),),
    ),
)


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One mark of a chart and one row of its data table."""

    period: str  # ISO: "2025", "2025-Q1"
    period_label: str  # "2025", "Q1 2025"
    series: str  # series id
    name: str  # the series' short name, or the role's label for targets
    role: str  # vocab.CHART_ROLES
    style: str  # how a result's bar is drawn: "solid" or "outlined" ("" otherwise)
    amount: int | float | None  # value times scale; None for a gap
    label: str  # "more than 410,000", "26.275 million", "no figure"
    display: str  # the figure in words, with its unit
    written: str  # the number as the statement writes it ("" for a gap)
    words: str  # the statement's qualifying words ("" when exact)
    qualifier: str  # vocab.QUALIFIERS ("" for a gap)
    status: str  # the claim's status ("" for a gap)
    as_of: str  # the claim's date, for the table ("" for a gap)
    claim: str  # the claim's id ("" for a gap)


@dataclass(frozen=True, slots=True)
class ChartData:
    chart: ChartDef
    series: tuple[Series, ...]  # every series drawn, targets included
    periods: tuple[str, ...]  # the x axis: every period from first to last (ISO)
    period_labels: tuple[str, ...]
    scale: str  # the axis' scale: "one", "million", ...
    unit: str  # the series' unit (one chart, one unit)
    rows: tuple[ChartRow, ...]

    @property
    def axis_title(self) -> str:
        unit = label(UNIT_TERMS, self.unit)
        return unit if self.scale == "one" else f"{self.scale} {unit}"

    @property
    def claims(self) -> tuple[str, ...]:
        """The claims the chart cites, in the order of its rows."""
        return tuple(dict.fromkeys(r.claim for r in self.rows if r.claim))

    def description(self) -> str:
        """The chart in words, for its SVG <desc>: every period and what it shows."""
        parts = []
        for period, period_label in zip(self.periods, self.period_labels, strict=True):
            rows = [r for r in self.rows if r.period == period]
            said = "; ".join(_said(r) for r in rows)
            parts.append(f"{period_label}: {said}.")
        first, last = self.period_labels[0], self.period_labels[-1]
        unit = "per cent" if self.unit == "percent" else self.axis_title
        return f"Bar chart, {first} to {last}, in {unit}. " + " ".join(parts)

    def as_json(self) -> dict[str, Any]:
        """The chart's data as plain values (for the golden tests)."""
        return {
            "id": self.chart.id,
            "title": self.chart.title,
            "series": [s.id for s in self.series],
            "periods": list(self.periods),
            "axis": self.axis_title,
            "rows": [{k: getattr(r, k) for k in ChartRow.__slots__} for r in self.rows],
        }


def _said(row: ChartRow) -> str:
    if row.role == "gap":
        return f"{row.name}: no figure"
    return f"{row.name} {row.label} ({row.status})"


def chart_data(briefing: Briefing, chart: ChartDef) -> ChartData | None:
    """The chart's data, or None when the facts lack one of its series or every point."""
    known = {s.id for s in briefing.series}
    if any(series_id not in known for series_id, _, _ in chart.series):
        return None
    drawn = [(briefing.one_series(sid), name, style) for sid, name, style in chart.series]
    if chart.kind == "target-vs-actual":
        actual = drawn[0][0]
        drawn += [(s, "", "") for s in briefing.series if s.target_for == actual.id]
    points = [
        (s, name, style, by_period(series_points(briefing, s.id))) for s, name, style in drawn
    ]
    periods = span([p.period for *_, pts in points for p in pts if p.period is not None])
    if not periods:
        return None
    order = [p.iso for p in periods]
    rows = [row for s, name, style, pts in points for row in _rows(s, name, style, pts, periods)]
    rows.sort(key=lambda r: order.index(r.period))
    scales = {p.figure.scale for *_, pts in points for p in pts}
    return ChartData(
        chart=chart,
        series=tuple(series for series, _, _ in drawn),
        periods=tuple(order),
        period_labels=tuple(p.display for p in periods),
        scale=scales.pop() if len(scales) == 1 else "one",
        unit=drawn[0][0].unit,
        rows=tuple(rows),
    )


def _rows(
    series: Series, name: str, style: str, points: list[Point], periods: list[Period]
) -> list[ChartRow]:
    """The series' rows: its points, and for a result series a gap where it has none."""
    if series.measure == "target":
        return [_point_row(series, name, "", p) for p in points]
    rows = [_point_row(series, name, style, p) for p in points if p.current]
    current = current_by_period(tuple(points))
    gap = label(CHART_ROLE_TERMS, "gap")
    for period in periods:
        if period.iso not in current:
            rows.append(
                ChartRow(
                    period.iso,
                    period.display,
                    series.id,
                    name,
                    "gap",
                    "",
                    None,
                    gap.lower(),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                )
            )
    return rows


def _point_row(series: Series, name: str, style: str, point: Point) -> ChartRow:
    figure, claim = point.figure, point.claim
    assert point.period is not None
    role = "actual"
    if series.measure == "target":
        role = "target" if point.current else "earlier-target"
        name = label(CHART_ROLE_TERMS, role)
    return ChartRow(
        period=point.period.iso,
        period_label=point.period.display,
        series=series.id,
        name=name,
        role=role,
        style=style,
        amount=figure.amount,
        label=figure.number,
        display=figure.display,
        written=figure.written,
        words=figure.words,
        qualifier=figure.qualifier,
        status=claim.status,
        as_of=claim.as_of.display if claim.as_of else "",
        claim=claim.id,
    )


def all_charts(briefing: Briefing) -> list[ChartData]:
    """Every chart the facts can fill, in the order of ``CHARTS``."""
    return [data for chart in CHARTS if (data := chart_data(briefing, chart)) is not None]


def plotted(row: ChartRow, scale: str) -> float | None:
    """The row's amount in the axis' scale (26,275,000 → 26.275 on a million axis)."""
    if row.amount is None:
        return None
    return float(Decimal(repr(row.amount)) / SCALE_FACTORS[scale])


def key(data: ChartData) -> list[tuple[str, str]]:
    """The chart's key: (swatch, words) for each kind of mark it draws, and a word on its
    qualifiers and gaps when it has any."""
    items = [(style, name) for _, name, style in data.chart.series]
    roles = {r.role for r in data.rows}
    for term in CHART_ROLE_TERMS:
        if term.name in roles and term.name != "actual":
            swatch = "" if term.name == "gap" else term.name
            items.append((swatch, f"{term.label}: {term.meaning}."))
    if any(r.qualifier not in ("", "exact") for r in data.rows):
        items.append(("", QUALIFIED_NOTE))
    return items


QUALIFIED_NOTE = (
    "Words over a number (“more than”, “about”) are the source's own: the bar stands at the "
    "number given, and the figure lies above, near or below it, as the words say."
)
