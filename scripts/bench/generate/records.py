"""The synthetic briefing's records, as the generator builds them before writing YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

FIRST_DAY = date(2019, 1, 1)
# Every date stays in the past, whenever the benchmark runs (and before the tests' build date).
LAST_DAY = date(2026, 10, 31)


@dataclass(frozen=True)
class Citation:
    source: str
    locator: str | None = None


@dataclass
class Entity:
    id: str
    name: str
    kind: str
    sources: list[Citation]
    native_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    website: str | None = None


@dataclass
class Source:
    id: str
    title: str
    publisher: str | None
    url: str | None
    published: date | None
    retrieved: date
    kind: str
    copy_of: str | None = None
    relays: list[str] = field(default_factory=list)
    notes: str | None = None

    @property
    def outlet(self) -> str | None:
        """Who counts as the publisher for independence: a copy counts as its original."""
        return self.copy_of or self.publisher


@dataclass
class Series:
    id: str
    title: str
    unit: str
    measure: str
    per: str
    description: str
    target_for: str | None = None


@dataclass
class Figure:
    value: int | float
    unit: str
    scale: str = "one"
    qualifier: str = "exact"
    series: str | None = None
    period: str | None = None


@dataclass
class Claim:
    id: str
    topic: int
    statement: str
    status: str
    kind: str
    sources: list[Citation]
    day: date  # the day the claim describes (as_of is this day, its month or its year)
    precision: str | None = "day"  # of as_of: "day", "month", "year" or None (no as_of)
    checked: date | None = None
    subjects: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    superseded_by: str | None = None
    figure: Figure | None = None

    @property
    def as_of(self) -> str | None:
        formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
        return self.day.strftime(formats[self.precision]) if self.precision else None


@dataclass
class Synthetic:
    """A generated fact set: where it is and what it holds."""

    folder: Path
    claims: int
    topics: int
    sources: int
    entities: int
    series: int
    superseded: int
    figures: int
    points: int  # figures that are points of a series
    files: dict[str, list[Path]] = field(default_factory=dict)
