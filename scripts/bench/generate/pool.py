"""Sources by publication date, so that a claim cites sources written on or after the day it
describes (the validator refuses a claim dated after all its sources)."""

from __future__ import annotations

import bisect
import random
from datetime import date, timedelta

from briefing.vocab import PRIMARY_SOURCE_KINDS

from .records import Source


class _Dated:
    def __init__(self, sources: list[Source]) -> None:
        dated = [(s.published, s.id, s) for s in sources if s.published is not None]
        dated.sort(key=lambda item: (item[0], item[1]))
        self.sources = [source for _, _, source in dated]
        self.days = [day for day, _, _ in dated]

    def after(self, rng: random.Random, day: date, window: int) -> Source | None:
        """A source published within ``window`` days from ``day``, else any one after it."""
        start = bisect.bisect_left(self.days, day)
        end = bisect.bisect_right(self.days, day + timedelta(days=window))
        if start < end:
            return self.sources[rng.randrange(start, end)]
        if start < len(self.sources):
            return self.sources[rng.randrange(start, len(self.sources))]
        return None


class SourcePool:
    """Every source, and the primary ones (which earn 'confirmed' alone), by date."""

    def __init__(self, sources: list[Source]) -> None:
        self.all = sources
        self.by_id = {s.id: s for s in sources}
        self._any = _Dated(sources)
        self._primary = _Dated([s for s in sources if s.kind in PRIMARY_SOURCE_KINDS])
        self.primary = [s for s in sources if s.kind in PRIMARY_SOURCE_KINDS]
        self.relaying = [s for s in sources if s.relays]

    def after(
        self, rng: random.Random, day: date, *, primary: bool = False, window: int = 60
    ) -> Source | None:
        return (self._primary if primary else self._any).after(rng, day, window)
