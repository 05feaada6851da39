"""The All claims table's data: its order, its filter choices and its rows as JSON files.

The pages themselves are rendered by ``render`` (``claims.md.j2``, ``CLAIMS_PER_PAGE`` rows
each, for readers without JavaScript). For filtering and sorting every claim in the browser,
``briefing.js`` reads a small index (``CLAIMS_INDEX``: statuses, topics, entities with their
other names, month names and the list of row files) and then the row files, each at most
``CLAIMS_ROWS_BYTES``. A row is a compact array (see ``FIELDS``) whose status, topic and
entities are numbers into the index's lists, so 10,000 claims cost about 2.5 MB in all and
no single file is over a quarter of a megabyte.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from . import markup, vocab
from .dates import MONTHS, chronological_key
from .layout import CLAIMS_INDEX, CLAIMS_ROWS_BYTES, claims_rows
from .model import Briefing, Claim, Entity

# What each row array holds, in order (written into the index for readers of the file).
FIELDS = ("id", "statement", "status", "topic", "date", "entities", "sources")


def table_order(briefing: Briefing) -> list[Claim]:
    """Every current claim, newest first (undated ones last), ties by id."""
    return sorted(
        briefing.current_claims,
        key=lambda c: (chronological_key(c.as_of) if c.as_of else (0, 0, 0), c.id),
        reverse=True,
    )


@dataclass(frozen=True)
class Choices:
    """What the table can be filtered by besides status and topic."""

    entities: tuple[Entity, ...]  # the entities the claims are about, by name
    years: tuple[int, ...]  # the years the claims are dated in, oldest first


def filter_choices(briefing: Briefing, claims: Iterable[Claim]) -> Choices:
    claims = list(claims)
    named = {subject for claim in claims for subject in claim.subjects}
    entities = sorted(
        (briefing.entity(entity_id) for entity_id in named),
        key=lambda e: (e.name.casefold(), e.id),
    )
    years = sorted({claim.as_of.year for claim in claims if claim.as_of})
    return Choices(tuple(entities), tuple(years))


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def pack(rows: Iterable[str], budget: int = CLAIMS_ROWS_BYTES) -> list[str]:
    """JSON arrays of the given JSON ``rows``, in order, each at most ``budget`` bytes of
    UTF-8 (a single row larger than that gets a file of its own)."""
    files: list[str] = []
    chunk: list[str] = []
    size = 3  # "[", "]" and the newline
    for row in rows:
        cost = len(row.encode("utf-8")) + 1  # the row and its comma
        if chunk and size + cost > budget:
            files.append("[" + ",".join(chunk) + "]\n")
            chunk, size = [], 3
        chunk.append(row)
        size += cost
    if chunk or not files:
        files.append("[" + ",".join(chunk) + "]\n")
    return files


def index_files(
    briefing: Briefing,
    claims: list[Claim],
    choices: Choices,
    topic_href: Callable[[str], str],
) -> dict[str, str]:
    """The index and the row files, keyed by their paths under ``docs/``.

    ``topic_href`` gives a topic's page address relative to the site's root."""
    statuses = [term.name for term in vocab.STATUS_TERMS]
    topics = [topic.slug for topic in briefing.topics]
    entities = [entity.id for entity in choices.entities]
    status_at = {name: i for i, name in enumerate(statuses)}
    topic_at = {slug: i for i, slug in enumerate(topics)}
    entity_at = {entity_id: i for i, entity_id in enumerate(entities)}
    rows = (
        _dump(
            [
                claim.id,
                markup.to_plain(claim.statement),
                status_at[claim.status],
                topic_at[claim.topic],
                claim.as_of.iso if claim.as_of else "",
                [entity_at[subject] for subject in claim.subjects],
                claim.source_count,
            ]
        )
        for claim in claims
    )
    out = {claims_rows(n): text for n, text in enumerate(pack(rows), start=1)}
    here = posixpath.dirname(CLAIMS_INDEX)
    index = {
        "count": len(claims),
        "fields": FIELDS,
        "statuses": [[t.name, t.label] for t in vocab.STATUS_TERMS],
        "topics": [[t.slug, t.title, topic_href(t.slug)] for t in briefing.topics],
        "entities": [
            [e.id, e.name, [n for n in (e.native_name, *e.aliases) if n]] for e in choices.entities
        ],
        "months": list(MONTHS[1:]),
        "rows": [posixpath.relpath(path, here) for path in out],
    }
    out[CLAIMS_INDEX] = _dump(index) + "\n"
    return out
