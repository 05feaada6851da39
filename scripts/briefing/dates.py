"""Dates at the precision they have: 2023, October 2023 or 13 October 2023."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date

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
