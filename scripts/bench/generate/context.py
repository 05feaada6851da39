"""What the claim generators share: the random source, the entities and sources to cite, the
topics to place claims in."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from .pool import SourcePool
from .records import Citation, Entity, Source
from .text import mark_up, words

LOCATORS = ("paragraph", "table", "page")


@dataclass
class Context:
    rng: random.Random
    topics: int
    entities: list[Entity]
    pool: SourcePool

    @property
    def names(self) -> tuple[str, ...]:
        """Chinese names that statements mention now and then."""
        return tuple(e.native_name for e in self.entities if e.native_name)

    def topic_near(self, home: int) -> int:
        """Mostly ``home``; now and then another topic (so chains cross topics)."""
        return home if self.rng.random() < 0.75 else self.rng.randrange(self.topics)

    def citation(self, source: Source) -> Citation:
        if self.rng.random() < 0.15:
            return Citation(source.id, f"{self.rng.choice(LOCATORS)} {self.rng.randint(1, 12)}")
        return Citation(source.id)

    def citations_after(self, day: date, *, primary: bool) -> list[Citation]:
        """One source published on or after ``day`` (a primary one if asked), sometimes a
        second."""
        first = self.pool.after(self.rng, day, primary=primary)
        if first is None:
            raise ValueError(f"no source published on or after {day}")
        found = [first]
        second = self.pool.after(self.rng, day, window=120)
        if second is not None and second.id != first.id and self.rng.random() < 0.4:
            found.append(second)
        return [self.citation(s) for s in found]

    def tail(self) -> str:
        """A clause after the statement's figure, or nothing."""
        if self.rng.random() < 0.5:
            return ""
        return ", " + " ".join(mark_up(self.rng, words(self.rng, 20, 90), self.names))
