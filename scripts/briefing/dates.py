"""Dates at the precision they have: 2023, October 2023 or 13 October 2023."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = tuple(calendar.month_name)


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A year, a month or a day. Orders by (year, month, day) with missing parts as 0."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, value: str | int) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ValueError says what is wrong."""
        match = _PARTIAL.match(str(value).strip())
        if match is None:
            raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match.group(1))
        month = int(match.group(2) or 0)
        day = int(match.group(3) or 0)
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"{value!r} has no month {month:02d}")
        if match.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{value!r} is not a real day: {MONTHS[month]} {year} has {last}")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def display(self) -> str:
        if self.day:
            return f"{self.day} {MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)

    @property
    def text(self) -> str:
        """The date as text no spreadsheet reads as a date or a number: "2023-10 (month)"."""
        return f"{self.iso} ({self.precision})"

    def truncate(self, precision: str) -> PartialDate:
        if precision == "year":
            return PartialDate(self.year)
        if precision == "month":
            return PartialDate(self.year, self.month)
        return self

    def earliest(self) -> date:
        """The first day this date can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day this date can mean."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


# Facts repeat the same few thousand dates; PartialDate is immutable, so each distinct value
# is parsed once and the result shared (a failed parse raises again, it is not cached).
parse_cached = functools.lru_cache(maxsize=8192, typed=True)(PartialDate.parse)


_PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")
QUARTER_MONTHS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}


@dataclass(frozen=True, slots=True)
class Period:
    """The span a figure covers: a year, a quarter, a month or a day.

    Orders by when the span ends, then by its start, so that in a list of mixed precisions a
    year comes after the quarters, months and days inside it ("during 2025" after "Q3 2025").
    """

    end: date
    start: date
    precision: str  # "year" | "quarter" | "month" | "day"

    @classmethod
    def parse(cls, value: str | int) -> Period:
        """``YYYY``, ``YYYY-Qn``, ``YYYY-MM`` or ``YYYY-MM-DD``; ValueError says what is wrong."""
        match = _PERIOD.match(str(value).strip())
        if match is None:
            try:
                return cls.of(PartialDate.parse(value))
            except ValueError:
                raise ValueError(
                    f"{value!r} is not a period: write YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD"
                ) from None
        year, quarter = int(match.group(1)), int(match.group(2))
        first, last = QUARTER_MONTHS[quarter]
        start = PartialDate(year, first).earliest()
        return cls(PartialDate(year, last).latest(), start, "quarter")

    @property
    def sort_key(self) -> tuple[int, int]:
        """By the day the span ends, the longer span last (a year after its December)."""
        return (self.end.toordinal(), -self.start.toordinal())

    def __lt__(self, other: Period) -> bool:
        return self.sort_key < other.sort_key

    @classmethod
    def of(cls, when: PartialDate) -> Period:
        return cls(when.latest(), when.earliest(), when.precision)

    @property
    def iso(self) -> str:
        if self.precision == "quarter":
            return f"{self.start.year:04d}-Q{(self.start.month - 1) // 3 + 1}"
        return self.partial().iso

    @property
    def display(self) -> str:
        if self.precision == "quarter":
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        return self.partial().display

    @property
    def text(self) -> str:
        """The period as text no spreadsheet reads as a date or a number: "2023-10 (month)",
        "2025-Q1 (quarter)", "2025 (year)"."""
        return f"{self.iso} ({self.precision})"

    def following(self) -> Period:
        """The next period of the same precision: 2025 → 2026, Q4 2025 → Q1 2026."""
        after = self.end + timedelta(days=1)
        if self.precision == "quarter":
            return Period.parse(f"{after.year}-Q{(after.month - 1) // 3 + 1}")
        return Period.of(PartialDate(after.year, after.month, after.day).truncate(self.precision))

    def partial(self) -> PartialDate:
        """The period as a date of its precision (a quarter becomes its first month's year)."""
        if self.precision == "year":
            return PartialDate(self.start.year)
        if self.precision == "day":
            return PartialDate(self.start.year, self.start.month, self.start.day)
        if self.precision == "month":
            return PartialDate(self.start.year, self.start.month)
        return PartialDate(self.start.year)


parse_period = functools.lru_cache(maxsize=4096, typed=True)(Period.parse)


def chronological_key(when: PartialDate) -> tuple[int, int, int]:
    """Sort key that puts a partial date after every fuller date inside it: 2025 after
    December 2025, October 2023 after 31 October 2023 ("during 2025" closes the year)."""
    return (when.year, when.month or 13, when.day or 32)


def rfc3339(value: datetime) -> str:
    """A UTC time as Atom, HTML and the data files write it: 2026-03-02T09:30:00Z."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")
