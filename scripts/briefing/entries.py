"""The entries of the facts (claims, sources, entities, series) as the validator sees them.

Each entry carries the fields its schema check could not trust (``bad``), so that every rule
can still run on an entry with problems, as long as the fields the rule reads are sound.
The ``Index`` holds every entry by kind and id, and the dates parsed once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .dates import PartialDate, parse_cached
from .errors import Code, Problem
from .kinds import EntryKind
from .load import Document, Pointer


@dataclass(slots=True)
class Entry:
    """One item of a fact file's list, with where it is and which fields are unsound."""

    doc: Document
    kind: EntryKind
    pointer: Pointer
    raw: dict[str, Any]
    bad: frozenset[str] = frozenset()

    @property
    def id(self) -> str | None:
        value = self.raw.get("id")
        return value if isinstance(value, str) else None

    def ok(self, *names: str) -> bool:
        """True when none of the named fields is missing-but-required or wrongly shaped."""
        return not self.bad.intersection(names)

    def get(self, name: str) -> Any:
        """The field's value when it is sound (None when absent or unsound)."""
        return None if name in self.bad else self.raw.get(name)

    def problem(self, sub: Pointer, code: Code, message: str, *, key: bool = False) -> Problem:
        return self.doc.problem((*self.pointer, *sub), code, message, key=key)

    def line(self) -> int:
        return self.doc.position(self.pointer)[0]


def citation_ids(raw: Any) -> Iterator[tuple[int, str, Pointer]]:
    """Each citation of a ``sources`` list: its index, source id and pointer to the id."""
    for j, item in enumerate(raw if isinstance(raw, list) else ()):
        if isinstance(item, str):
            yield j, item, (j,)
        elif isinstance(item, dict) and isinstance(item.get("source"), str):
            yield j, item["source"], (j, "source")


@dataclass
class Index:
    """Every entry by kind and id (the first of a duplicated id), and today's date."""

    today: date
    entries: dict[EntryKind, list[Entry]] = field(default_factory=dict)
    by_id: dict[EntryKind, dict[str, Entry]] = field(default_factory=dict)
    # False when a file of that kind could not be read: "unknown id" would only be noise.
    complete: dict[EntryKind, bool] = field(default_factory=dict)

    def all(self, kind: EntryKind) -> list[Entry]:
        return self.entries.get(kind, [])

    def find(self, kind: EntryKind, entry_id: str) -> Entry | None:
        return self.by_id.get(kind, {}).get(entry_id)

    def knows(self, kind: EntryKind, entry_id: str) -> bool | None:
        """Whether the id exists; None when that cannot be known (a file was unreadable)."""
        if entry_id in self.by_id.get(kind, {}):
            return True
        return False if self.complete.get(kind, False) else None


def sound_date(entry: Entry, name: str) -> PartialDate | None:
    """The field as a date when it is a sound, real date (problems are reported elsewhere)."""
    value = entry.get(name)
    if value is None or isinstance(value, bool):
        return None
    try:
        parsed = parse_cached(value)
    except ValueError:
        return None
    return parsed if parsed.year >= 1 else None
