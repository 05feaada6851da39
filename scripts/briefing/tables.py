"""Comparison tables from the series points: Xiaomi's car models side by side, and each
year's target against its result. Also the target-and-result pair the home page shows."""

from __future__ import annotations

from dataclasses import dataclass

from . import figtext
from .dates import Period
from .model import Briefing, Entity, Series
from .points import Point, by_period, current_by_period, series_points

# The models table: one column per series of one point per car model, with its short name.
MODEL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("model-starting-price", "Starting price"),
    ("model-first-orders", "First orders"),
)


def as_written(point: Point) -> str:
    """The figure as its statement words it; for orders, the statement's own kind of order
    ("289,000 pre-orders", "15,000 locked orders"), since the kinds differ."""
    figure = point.figure
    if figure.unit == "orders":
        noun = figtext.counted(point.claim.statement, figure.written)
        if noun:
            return f"{figure.number} {noun}"
    return figure.display


@dataclass(frozen=True, slots=True)
class ModelRow:
    model: Entity
    launched: Period | None  # the earliest period among its points: the launch
    cells: tuple[Point | None, ...]  # one per column


@dataclass(frozen=True, slots=True)
class ModelsTable:
    columns: tuple[tuple[Series, str], ...]  # (series, short name)
    rows: tuple[ModelRow, ...]


def models_table(briefing: Briefing) -> ModelsTable | None:
    """Each car model with a point in the model series, oldest launch first."""
    known = {s.id for s in briefing.series}
    columns = tuple((briefing.one_series(sid), name) for sid, name in MODEL_COLUMNS if sid in known)
    if not columns:
        return None
    cells: dict[str, dict[str, Point]] = {}
    for series, _ in columns:
        for point in series_points(briefing, series.id):
            if point.current and point.subject:
                cells.setdefault(point.subject, {})[series.id] = point
    rows = []
    for model_id, found in cells.items():
        periods = [p.period for p in found.values() if p.period is not None]
        row = tuple(found.get(series.id) for series, _ in columns)
        rows.append(ModelRow(briefing.entity(model_id), min(periods, default=None), row))
    rows.sort(key=lambda r: (r.launched.sort_key if r.launched else (0, 0), r.model.id))
    return ModelsTable(columns, tuple(rows)) if rows else None


@dataclass(frozen=True, slots=True)
class TargetRow:
    period: Period
    target: Point | None  # the target in force
    earlier: tuple[Point, ...]  # targets it replaced, oldest first
    actual: Point | None  # the result


@dataclass(frozen=True, slots=True)
class TargetTable:
    target: Series
    actual: Series
    rows: tuple[TargetRow, ...]


def target_tables(briefing: Briefing) -> list[TargetTable]:
    """For each series of targets, every period with its target, earlier targets and result."""
    tables = []
    for target in briefing.series:
        if target.target_for is None:
            continue
        targets = by_period(series_points(briefing, target.id))
        actuals = current_by_period(series_points(briefing, target.target_for))
        periods = sorted(
            {p.period for p in targets if p.period}
            | {a.period for a in actuals.values() if a.period}
        )
        rows = []
        for period in periods:
            here = [p for p in targets if p.period == period]
            current = next((p for p in here if p.current), None)
            earlier = tuple(p for p in here if not p.current)
            rows.append(TargetRow(period, current, earlier, actuals.get(period.iso)))
        tables.append(TargetTable(target, briefing.one_series(target.target_for), tuple(rows)))
    return tables


def latest_pair(briefing: Briefing) -> TargetRow | None:
    """The latest period with both a target in force and a result (for the home page)."""
    pairs = [r for t in target_tables(briefing) for r in t.rows if r.target and r.actual]
    return max(pairs, key=lambda r: r.period.sort_key, default=None)
