"""The fact files as plain data, for comparing two versions of them.

Nothing is validated and nothing is dropped: a version that does not pass ``briefing check``
can still be described. Every file is split into its records (claims, sources, entities, or
whatever list ``load.LIST_KEYS`` names for the file's kind), each keyed by its id, and its
header (everything else at the top of the file: a topic's title, summary, order …). File
kinds come from ``load`` so a new kind of fact file is read here without a change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import load
from .kinds import LIST_KEYS, kind_of

Record = dict[Any, Any]


@dataclass(frozen=True)
class Entry:
    """One record and the file it is in (a claim's file is its topic)."""

    file: str
    data: Record


@dataclass(frozen=True)
class FileFacts:
    """One fact file: its kind, the key of its record list, its records and its header."""

    name: str
    kind: str
    list_key: str | None
    records: tuple[tuple[str, Record], ...] = ()
    header: Record = field(default_factory=dict)
    problem: str | None = None  # why the file could not be read at all

    @property
    def topic(self) -> str | None:
        """The topic slug, for a topic file."""
        return self.name.removesuffix(".yaml") if self.kind == "topic" else None


@dataclass
class Facts:
    """Every record by list key (``claims``, ``sources`` …) and id, and every file by name."""

    records: dict[str, dict[str, Entry]] = field(default_factory=dict)
    files: dict[str, FileFacts] = field(default_factory=dict)


def _record_id(item: Any, position: int, name: str) -> str:
    if isinstance(item, dict):
        value = item.get("id")
        if isinstance(value, str | int | float) and not isinstance(value, bool) and value != "":
            return str(value)
    return f"(entry {position} of {name} without an id)"


def _records(items: list[Any], name: str) -> tuple[tuple[str, Record], ...]:
    return tuple(
        (
            _record_id(item, position, name),
            item if isinstance(item, dict) else {"(value)": item},
        )
        for position, item in enumerate(items, start=1)
    )


def parse_file(name: str, text: str) -> FileFacts:
    """Split one fact file into records and header (``name`` decides its kind)."""
    kind = kind_of(name)
    list_key = LIST_KEYS.get(kind)
    data, problems = load.parse_text(text, name)
    if data is None:
        problem = problems[0].message if problems else None
        return FileFacts(name, kind, list_key, problem=problem)
    if not isinstance(data, dict):
        return FileFacts(name, kind, list_key, header={"(file content)": data})
    items = data.get(list_key) if list_key is not None else None
    if not isinstance(items, list):
        return FileFacts(name, kind, list_key, header=dict(data))
    header = {key: value for key, value in data.items() if key != list_key}
    return FileFacts(name, kind, list_key, _records(items, name), header)


def merge(files: Mapping[str, FileFacts] | Iterable[FileFacts]) -> Facts:
    """Every file's records under their list key; a repeated id gets a numbered suffix."""
    parts = files.values() if isinstance(files, Mapping) else files
    facts = Facts()
    for part in sorted(parts, key=lambda p: p.name):
        facts.files[part.name] = part
        if part.list_key is None:
            continue
        found = facts.records.setdefault(part.list_key, {})
        for record_id, data in part.records:
            key, n = record_id, 1
            while key in found:
                n += 1
                key = f"{record_id} (#{n})"
            found[key] = Entry(part.name, data)
    return facts


def parse_facts(files: Mapping[str, str]) -> Facts:
    """``{file name: text}`` to Facts."""
    return merge([parse_file(name, text) for name, text in files.items()])
