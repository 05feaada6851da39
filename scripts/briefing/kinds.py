"""The kinds of fact file: the one table that says which file holds what.

A fact file's kind comes from its name: the registries have fixed names, and every other
``*.yaml`` file in ``facts/`` is a topic (one briefing page, named by its slug).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["sources", "entities", "series", "topic"]
# What one item of a file's list is, as the validator and the messages name it.
EntryKind = Literal["source", "entity", "series", "claim"]


@dataclass(frozen=True, slots=True)
class FileKind:
    kind: Kind
    file_name: str | None  # None: any other name (topics)
    list_key: str  # the top-level key of the file's list of entries
    entry: EntryKind
    required: bool  # the facts folder must have this file


FILE_KINDS: Final[tuple[FileKind, ...]] = (
    FileKind("sources", "sources.yaml", "sources", "source", required=True),
    FileKind("entities", "entities.yaml", "entities", "entity", required=True),
    FileKind("series", "series.yaml", "series", "series", required=False),
    FileKind("topic", None, "claims", "claim", required=False),
)
BY_KIND: Final[dict[Kind, FileKind]] = {fk.kind: fk for fk in FILE_KINDS}
KINDS: Final[tuple[Kind, ...]] = tuple(fk.kind for fk in FILE_KINDS)
LIST_KEYS: Final[dict[Kind, str]] = {fk.kind: fk.list_key for fk in FILE_KINDS}
REGISTRY_FILES: Final[dict[str, Kind]] = {
    fk.file_name: fk.kind for fk in FILE_KINDS if fk.file_name is not None
}
SOURCES_FILE: Final = "sources.yaml"
ENTITIES_FILE: Final = "entities.yaml"
SERIES_FILE: Final = "series.yaml"


def kind_of(file_name: str) -> Kind:
    """The kind of the fact file called ``file_name`` (a topic unless it is a registry)."""
    return REGISTRY_FILES.get(file_name, "topic")
