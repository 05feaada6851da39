"""The entries of the facts (claims, sources, entities, series) as the validator sees them.

Each entry carries the places its schema check (or the loader) could not trust (``bad``:
pointers into the entry, such as ``("status",)`` or ``("sources", 2, "source")``), so that
every rule can still run on an entry with problems, as long as what the rule reads is sound.
A list is judged item by item: one malformed citation leaves the others to be checked.
The ``Index`` holds every entry by kind and id, and today's date.
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


@dataclass(frozen=True, slots=True)
class Skip:
    """A judgement a rule could not make because what it reads is unsound (a problem that
    is reported elsewhere); counted per file in the report's closing note."""

    path: str


Found = Iterator[Problem | Skip]  # what a rule yields


def _overlaps(a: Pointer, b: Pointer) -> bool:
    """Whether one pointer lies on the other's path (one is a prefix of the other)."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def need_path(need: str) -> tuple[Pointer, bool]:
    """A rule's need as a pointer, and whether it walks the list item by item.

    ``"figure.value"`` is the pointer ``("figure", "value")``; ``"sources[]"`` is the list
    ``sources``, whose unsound items the rule passes over (``Entry.items``).
    """
    each = need.endswith("[]")
    return tuple(need.removesuffix("[]").split(".")), each


@dataclass(slots=True)
class Entry:
    """One item of a fact file's list, with where it is and which parts are unsound."""

    doc: Document
    kind: EntryKind
    pointer: Pointer
    raw: dict[str, Any]
    bad: frozenset[Pointer] = frozenset()

    @property
    def id(self) -> str | None:
        value = self.get("id")
        return value if isinstance(value, str) else None

    def ok(self, *needs: str) -> bool:
        """True when nothing a rule with these needs reads is missing or malformed."""
        if not self.bad:
            return True
        for need in needs:
            path, each = need_path(need)
            for bad in self.bad:
                if (bad[: len(path)] == path and not each) or path[: len(bad)] == bad:
                    return False
        return True

    def sound(self, *pointer: str | int) -> bool:
        """Whether the value at ``pointer`` (and everything in it) can be trusted."""
        return not self.bad or not any(_overlaps(pointer, bad) for bad in self.bad)

    def get(self, name: str) -> Any:
        """The field's value when it is sound (None when absent or unsound)."""
        if not self.bad or self.sound(name):
            return self.raw.get(name)
        return None

    def items(self, name: str) -> Iterator[tuple[int, Any]]:
        """The sound items of a list field, with their index."""
        values = self.raw.get(name)
        if not isinstance(values, list) or (name,) in self.bad:
            return iter(())
        if not self.bad:
            return enumerate(values)
        return ((j, value) for j, value in enumerate(values) if self.sound(name, j))

    def unsound_items(self, name: str) -> int:
        """How many items of a list field ``items`` passes over."""
        return len({bad[1] for bad in self.bad if len(bad) > 1 and bad[0] == name})

    def citations(self) -> Iterator[tuple[str, Pointer]]:
        """Each sound citation of the entry's ``sources``: the source id and its pointer."""
        for j, item in self.items("sources"):
            if isinstance(item, str):
                yield item, ("sources", j)
            elif isinstance(item, dict) and isinstance(item.get("source"), str):
                yield item["source"], ("sources", j, "source")

    def problem(self, sub: Pointer, code: Code, message: str, *, key: bool = False) -> Problem:
        return self.doc.problem((*self.pointer, *sub), code, message, key=key)

    def skip(self) -> Skip:
        return Skip(self.doc.display)

    def line(self) -> int:
        return self.doc.position(self.pointer)[0]


@dataclass
class Index:
    """Every entry by kind and id (the first of a duplicated id), and today's date."""

    today: date
    entries: dict[EntryKind, list[Entry]] = field(default_factory=dict)
    by_id: dict[EntryKind, dict[str, Entry]] = field(default_factory=dict)
    # False when a file of that kind could not be read (or its list was damaged): whether
    # an entry is cited or used by nobody cannot be known.
    complete: dict[EntryKind, bool] = field(default_factory=dict)
    # Kinds with an entry whose id is missing or malformed: a reference to an id that is not
    # found may be a reference to that entry, so "unknown id" would be a guess.
    unsure_ids: set[EntryKind] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)

    def all(self, kind: EntryKind) -> list[Entry]:
        return self.entries.get(kind, [])

    def find(self, kind: EntryKind, entry_id: str) -> Entry | None:
        return self.by_id.get(kind, {}).get(entry_id)

    def knows(self, kind: EntryKind, entry_id: str) -> bool | None:
        """Whether the id exists; None when that cannot be known (an unreadable file, or
        an entry of that kind without a sound id)."""
        if entry_id in self.by_id.get(kind, {}):
            return True
        if not self.complete.get(kind, False) or kind in self.unsure_ids:
            return None
        return False


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


def date_is_unknown(entry: Entry, name: str) -> bool:
    """A date field that is missing-but-required, malformed or impossible: not the same as
    a date that is null (undated)."""
    if not entry.ok(name):
        return True
    return entry.raw.get(name) is not None and sound_date(entry, name) is None
