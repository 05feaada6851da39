"""The points of a series of figures: the one place that turns claims into series points.

The series CSVs, the charts, the comparison tables and the home page's target-and-result
pair all read them from here. A point is a claim whose figure names the series; it keeps the
claim (status, date, supersession) and the figure as its source gave it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import Period
from .model import Briefing, Claim, Figure, Series


@dataclass(frozen=True, slots=True)
class Point:
    series: Series
    claim: Claim
    figure: Figure
    subject: str | None  # for a series per car model: the model's entity id

    @property
    def period(self) -> Period | None:
        return self.figure.period

    @property
    def current(self) -> bool:
        """Not replaced by a later claim (a raised target replaces the earlier one)."""
        return self.claim.current


def series_points(briefing: Briefing, series_id: str) -> tuple[Point, ...]:
    """Every point of the series (superseded ones included), in the order of the facts."""
    series = briefing.one_series(series_id)
    points = []
    for claim in briefing.points(series_id):
        figure = claim.figure
        assert figure is not None  # Briefing.points holds only claims with a figure
        points.append(Point(series, claim, figure, _model(briefing, series, claim)))
    return tuple(points)


def _model(briefing: Briefing, series: Series, claim: Claim) -> str | None:
    if series.per != "model":
        return None
    products = [s for s in claim.subjects if briefing.entity(s).kind == "product"]
    return products[0] if products else None


def by_period(points: tuple[Point, ...]) -> list[Point]:
    """Oldest period first; within a period, the order of the facts."""
    return sorted(
        (p for p in points if p.period is not None),
        key=lambda p: p.period.sort_key if p.period else (0, 0),
    )


def span(periods: list[Period]) -> list[Period]:
    """Every period from the first to the last of ``periods`` (which share one precision), so
    that a period with no figure shows as a gap, never as a line drawn across it."""
    if not periods:
        return []
    first, last = min(periods), max(periods)
    out = [first]
    while out[-1] < last and len(out) < 1000:
        out.append(out[-1].following())
    return out


def current_by_period(points: tuple[Point, ...]) -> dict[str, Point]:
    """The current point of each period (the validator allows one), by the period's ISO."""
    return {p.period.iso: p for p in by_period(points) if p.current and p.period is not None}
