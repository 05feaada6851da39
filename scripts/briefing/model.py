"""Stage 3: the typed, immutable briefing built from validated data."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from .dates import PartialDate, parse_cached
from .load import Corpus, Document, gc_paused

STATUSES = ("confirmed", "reported", "disputed", "forecast", "speculation")


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str | None
    url: str | None
    published: PartialDate | None
    retrieved: PartialDate | None
    kind: str | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    kind: str
    native_name: str | None = None
    description: str | None = None
    website: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    locator: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    value: int | float
    unit: str


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    topic: str
    statement: str
    status: str
    sources: tuple[Citation, ...]
    as_of: PartialDate | None = None
    checked: PartialDate | None = None
    subjects: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    superseded_by: str | None = None
    figure: Figure | None = None
    path: str = ""
    line: int = 0

    @property
    def last_checked(self) -> PartialDate | None:
        """When the claim was last verified: its check date, or lacking one its as_of."""
        return self.checked or self.as_of

    def days_unchecked(self, today: date) -> int | None:
        reference = self.last_checked
        return None if reference is None else (today - reference.latest()).days

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple([c.source for c in self.sources])


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    title: str
    summary: str
    claims: tuple[Claim, ...]
    order: int = 1000
    review_after_days: int | None = None
    path: str = ""


@dataclass(frozen=True)
class Briefing:
    sources: tuple[Source, ...]
    entities: tuple[Entity, ...]
    topics: tuple[Topic, ...]
    _index: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        claims = tuple(c for t in self.topics for c in t.claims)
        citing: dict[str, list[Claim]] = {s.id: [] for s in self.sources}
        supersedes: dict[str, list[Claim]] = {}
        about: dict[str, list[Claim]] = {e.id: [] for e in self.entities}
        for claim in claims:
            for source_id in dict.fromkeys(claim.source_ids):
                citing.setdefault(source_id, []).append(claim)
            if claim.superseded_by:
                supersedes.setdefault(claim.superseded_by, []).append(claim)
            for subject in claim.subjects:
                about.setdefault(subject, []).append(claim)
        index = {
            "claims": claims,
            "source": {s.id: s for s in self.sources},
            "entity": {e.id: e for e in self.entities},
            "claim": {c.id: c for c in claims},
            "topic": {t.slug: t for t in self.topics},
            "citing": {k: tuple(v) for k, v in citing.items()},
            "supersedes": {k: tuple(v) for k, v in supersedes.items()},
            "about": {k: tuple(v) for k, v in about.items()},
        }
        object.__setattr__(self, "_index", MappingProxyType(index))

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self._index["claims"]

    def source(self, source_id: str) -> Source:
        return self._index["source"][source_id]

    def entity(self, entity_id: str) -> Entity:
        return self._index["entity"][entity_id]

    def claim(self, claim_id: str) -> Claim:
        return self._index["claim"][claim_id]

    def topic(self, slug: str) -> Topic:
        return self._index["topic"][slug]

    def citing(self, source_id: str) -> tuple[Claim, ...]:
        """Claims that cite the source, in page order."""
        return self._index["citing"].get(source_id, ())

    def supersedes(self, claim_id: str) -> tuple[Claim, ...]:
        """Earlier claims that this claim replaced."""
        return self._index["supersedes"].get(claim_id, ())

    def about(self, entity_id: str) -> tuple[Claim, ...]:
        return self._index["about"].get(entity_id, ())

    def with_history(self, claims: Iterable[Claim]) -> list[Claim]:
        """The current claims among ``claims``, each followed by the claims it replaced."""
        return [
            shown
            for claim in claims
            if claim.superseded_by is None
            for shown in (claim, *self.history(claim.id))
        ]

    def history(self, claim_id: str) -> tuple[Claim, ...]:
        """Every claim this one replaced, directly or through a chain, latest first."""
        seen: list[Claim] = []
        queue = list(self.supersedes(claim_id))
        while queue:
            earlier = queue.pop(0)
            if earlier not in seen:
                seen.append(earlier)
                queue.extend(self.supersedes(earlier.id))
        return tuple(seen)


def _date(value: Any) -> PartialDate | None:
    return None if value is None else parse_cached(value)


def _text(value: Any) -> str | None:
    return None if value is None else " ".join(str(value).split())


def _citation(item: Any) -> Citation:
    if isinstance(item, str):
        return Citation(item)
    return Citation(item["source"], _text(item.get("locator")))


def _source(raw: Mapping[str, Any]) -> Source:
    return Source(
        id=raw["id"],
        title=_text(raw["title"]) or "",
        publisher=_text(raw.get("publisher")),
        url=raw.get("url").strip() if raw.get("url") else None,
        published=_date(raw.get("published")),
        retrieved=_date(raw.get("retrieved")),
        kind=raw.get("kind"),
        notes=_text(raw.get("notes")),
    )


def _entity(raw: Mapping[str, Any]) -> Entity:
    return Entity(
        id=raw["id"],
        name=_text(raw["name"]) or "",
        kind=raw["kind"],
        native_name=_text(raw.get("native_name")),
        description=_text(raw.get("description")),
        website=raw.get("website"),
    )


def _claim(doc: Document, raw: Mapping[str, Any], line: int) -> Claim:
    figure = raw.get("figure")
    return Claim(
        id=raw["id"],
        topic=doc.slug,
        statement=_text(raw["statement"]) or "",
        status=raw["status"],
        sources=tuple(_citation(item) for item in raw["sources"]),
        as_of=_date(raw.get("as_of")),
        checked=_date(raw.get("checked")),
        subjects=tuple(raw.get("subjects") or ()),
        tags=tuple(raw.get("tags") or ()),
        superseded_by=raw.get("superseded_by"),
        figure=Figure(figure["value"], _text(figure["unit"]) or "") if figure else None,
        path=doc.display,
        line=line,
    )


_ITEM_ID = re.compile(r"^[ \t]*-[ \t]+id:[ \t]*[\"']?([a-z0-9-]+)[\"']?[ \t]*(?:#.*)?$", re.M)


def _item_lines(text: str) -> dict[str, int]:
    """Line of each ``- id: x`` list item, found by a text scan (composing the YAML again
    costs far more); a claim written another way falls back to the YAML position."""
    found: dict[str, int] = {}
    for match in _ITEM_ID.finditer(text):
        found.setdefault(match.group(1), text.count("\n", 0, match.start()) + 1)
    return found


def build_model(corpus: Corpus, *, claim_lines: bool = False) -> Briefing:
    """The Briefing for a corpus that validated cleanly.

    ``claim_lines`` looks up each claim's line in its file (for "suggest a correction"
    links); it is off on the check-only path.
    """
    with gc_paused():
        return _build_model(corpus, claim_lines=claim_lines)


def _build_model(corpus: Corpus, *, claim_lines: bool) -> Briefing:
    sources: list[Source] = []
    entities: list[Entity] = []
    topics: list[Topic] = []
    for doc in corpus.documents:
        if doc.kind == "sources":
            sources.extend(_source(raw) for raw in doc.data["sources"])
        elif doc.kind == "entities":
            entities.extend(_entity(raw) for raw in doc.data["entities"])
        else:
            data = doc.data
            lines = _item_lines(doc.text) if claim_lines else {}
            claims = tuple(
                _claim(
                    doc,
                    raw,
                    (lines.get(raw["id"]) or doc.position(("claims", i))[0]) if claim_lines else 0,
                )
                for i, raw in enumerate(data["claims"])
            )
            topics.append(
                Topic(
                    slug=doc.slug,
                    title=_text(data["title"]) or doc.slug,
                    summary=_text(data["summary"]) or "",
                    claims=claims,
                    order=data.get("order", 1000),
                    review_after_days=data.get("review_after_days"),
                    path=doc.display,
                )
            )
    topics.sort(key=lambda t: (t.order, t.slug))
    return Briefing(tuple(sources), tuple(entities), tuple(topics))
