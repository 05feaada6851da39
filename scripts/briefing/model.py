"""Stage 3: the typed, immutable briefing built from validated data."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import figtext
from .chains import forward, walk
from .dates import PartialDate, Period, parse_cached, parse_period
from .load import Corpus, Document, gc_paused
from .vocab import SCALE_FACTORS, STATUSES, ClaimKind, Status

__all__ = ["STATUSES", "Briefing", "Citation", "Claim", "Entity", "Figure", "Series", "Source"]


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
    copy_of: str | None = None
    relays: tuple[str, ...] = ()
    date_note: str | None = None  # what dates a page that shows no date

    @property
    def original(self) -> str | None:
        """Who first published what this page says: the copied outlet, else the publisher."""
        return self.copy_of or self.publisher


@dataclass(frozen=True, slots=True)
class Citation:
    source: str
    locator: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    kind: str
    native_name: str | None = None
    description: str | None = None
    website: str | None = None
    aliases: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    title: str
    unit: str
    measure: str
    per: str
    target_for: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as its source gave it: value as written, scale, unit and qualifier."""

    value: int | float
    unit: str
    scale: str = "one"
    qualifier: str = "exact"
    series: str | None = None
    period: Period | None = None
    written: str = ""  # the number as the statement writes it, e.g. "34.40"
    words: str = ""  # the statement's qualifying words, e.g. "close to" (for "almost")

    @property
    def display(self) -> str:
        """The figure as its statement words it: "more than 410,000 vehicles", "close to
        600,000 vehicles", "about USD 10 billion"."""
        return figtext.display(
            self.value, self.unit, self.scale, self.qualifier, self.written, self.words
        )

    @property
    def number(self) -> str:
        """The number with its qualifying words and scale, without the unit: "more than
        410,000", "26.275 million", "47.9 %"."""
        return figtext.short(self.unit, self.scale, self.qualifier, self.written, self.words)

    @property
    def amount(self) -> int | float:
        """The value in units (26.275 million is 26275000), computed in decimal."""
        exact = Decimal(repr(self.value)) * SCALE_FACTORS[self.scale]
        return int(exact) if exact == exact.to_integral_value() else float(exact)


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    topic: str
    statement: str
    status: Status
    sources: tuple[Citation, ...]
    kind: ClaimKind = "event"
    as_of: PartialDate | None = None
    checked: PartialDate | None = None
    subjects: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    superseded_by: str | None = None
    figure: Figure | None = None
    path: str = ""
    line: int = 0

    @property
    def current(self) -> bool:
        """Not replaced by a later claim."""
        return self.superseded_by is None

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple([c.source for c in self.sources])

    @property
    def distinct_source_ids(self) -> tuple[str, ...]:
        """The sources the claim cites, each once (one cited twice, with two locators, is
        one source), in the order it first cites them."""
        return tuple(dict.fromkeys(c.source for c in self.sources))

    @property
    def source_count(self) -> int:
        return len(self.distinct_source_ids)

    @property
    def date_label(self) -> str:
        """The claim's date as readers see it: the quarter its figure covers when the claim
        is dated within it ("Q3 2025", not "September 2025", for a quarter's result), else its
        own date; "" when it has none."""
        if self.as_of is None:
            return ""
        period = self.figure.period if self.figure else None
        if (
            period is not None
            and period.precision == "quarter"
            and period.start <= self.as_of.earliest()
            and self.as_of.latest() <= period.end
        ):
            return period.display
        return self.as_of.display


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    title: str
    summary: str
    claims: tuple[Claim, ...]
    order: int = 1000
    review_after_days: int | None = None
    path: str = ""

    @property
    def current(self) -> tuple[Claim, ...]:
        """The topic's claims that no later claim replaced, in reading order."""
        return tuple(c for c in self.claims if c.current)


@dataclass(frozen=True)
class _Index:
    """Look-up tables of a Briefing, built once."""

    claims: tuple[Claim, ...]
    source: dict[str, Source]
    entity: dict[str, Entity]
    series: dict[str, Series]
    claim: dict[str, Claim]
    topic: dict[str, Topic]
    citing: dict[str, tuple[Claim, ...]]
    supersedes: dict[str, tuple[Claim, ...]]
    about: dict[str, tuple[Claim, ...]]
    points: dict[str, tuple[Claim, ...]]
    # Answers worked out on first asking (pages ask each thousands of times).
    history: dict[str, tuple[Claim, ...]] = field(default_factory=dict)
    head: dict[str, Claim] = field(default_factory=dict)
    sources_of: dict[str, tuple[Source, ...]] = field(default_factory=dict)


def _grouped(
    claims: Iterable[Claim], keys: Callable[[Claim], Iterable[str]]
) -> dict[str, tuple[Claim, ...]]:
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        for key in dict.fromkeys(keys(claim)):
            groups.setdefault(key, []).append(claim)
    return {key: tuple(value) for key, value in groups.items()}


def _build_index(briefing: Briefing) -> _Index:
    claims = tuple(c for t in briefing.topics for c in t.claims)
    return _Index(
        claims=claims,
        source={s.id: s for s in briefing.sources},
        entity={e.id: e for e in briefing.entities},
        series={s.id: s for s in briefing.series},
        claim={c.id: c for c in claims},
        topic={t.slug: t for t in briefing.topics},
        citing=_grouped(claims, lambda c: c.source_ids),
        supersedes=_grouped(claims, lambda c: (c.superseded_by,) if c.superseded_by else ()),
        about=_grouped(claims, lambda c: c.subjects),
        points=_grouped(
            claims, lambda c: (c.figure.series,) if c.figure and c.figure.series else ()
        ),
    )


@dataclass(frozen=True)
class Briefing:
    sources: tuple[Source, ...]
    entities: tuple[Entity, ...]
    topics: tuple[Topic, ...]
    series: tuple[Series, ...] = ()
    _index: _Index = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", _build_index(self))

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self._index.claims

    @property
    def current_claims(self) -> tuple[Claim, ...]:
        """Every claim no later claim replaced: what the briefing says today."""
        return tuple(c for c in self._index.claims if c.current)

    def source(self, source_id: str) -> Source:
        return self._index.source[source_id]

    def entity(self, entity_id: str) -> Entity:
        return self._index.entity[entity_id]

    def claim(self, claim_id: str) -> Claim:
        return self._index.claim[claim_id]

    def topic(self, slug: str) -> Topic:
        return self._index.topic[slug]

    def one_series(self, series_id: str) -> Series:
        return self._index.series[series_id]

    def citing(self, source_id: str) -> tuple[Claim, ...]:
        """Claims that cite the source, in page order."""
        return self._index.citing.get(source_id, ())

    def supersedes(self, claim_id: str) -> tuple[Claim, ...]:
        """Earlier claims that this claim replaced."""
        return self._index.supersedes.get(claim_id, ())

    def about(self, entity_id: str) -> tuple[Claim, ...]:
        return self._index.about.get(entity_id, ())

    def points(self, series_id: str) -> tuple[Claim, ...]:
        """Every claim whose figure is a point of the series (superseded ones included)."""
        return self._index.points.get(series_id, ())

    def sources_of(self, claim: Claim) -> tuple[Source, ...]:
        """The claim's sources, each once, in the order it cites them."""
        ours = self._index.claim.get(claim.id) is claim  # not a copy: the answer can be kept
        known = self._index.sources_of.get(claim.id) if ours else None
        if known is None:
            known = tuple(self.source(sid) for sid in claim.distinct_source_ids)
            if ours:
                self._index.sources_of[claim.id] = known
        return known

    def head(self, claim: Claim) -> Claim:
        """The claim that replaced this one at the end of its chain (itself when current)."""
        known = self._index.head.get(claim.id)
        if known is None:
            found = walk(claim.id, forward(lambda cid: self.claim(cid).superseded_by))
            known = self._index.head[claim.id] = self.claim(found.chain[-1])
        return known

    def with_history(self, claims: Iterable[Claim]) -> list[Claim]:
        """The current claims among ``claims``, each followed by the claims it replaced."""
        return [
            shown for claim in claims if claim.current for shown in (claim, *self.history(claim.id))
        ]

    def history(self, claim_id: str) -> tuple[Claim, ...]:
        """Every claim this one replaced, directly or through a chain, latest first."""
        known = self._index.history.get(claim_id)
        if known is None:
            found = walk(claim_id, lambda cid: (c.id for c in self.supersedes(cid)))
            known = self._index.history[claim_id] = tuple(self.claim(c) for c in found.reached)
        return known


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
        url=str(raw["url"]).strip() if raw.get("url") else None,
        published=_date(raw.get("published")),
        retrieved=_date(raw.get("retrieved")),
        kind=raw.get("kind"),
        notes=_text(raw.get("notes")),
        copy_of=_text(raw.get("copy_of")),
        relays=tuple(raw.get("relays") or ()),
        date_note=_text(raw.get("date_note")),
    )


def _entity(raw: Mapping[str, Any]) -> Entity:
    return Entity(
        id=raw["id"],
        name=_text(raw["name"]) or "",
        kind=raw["kind"],
        native_name=_text(raw.get("native_name")),
        description=_text(raw.get("description")),
        website=raw.get("website"),
        aliases=tuple(_text(a) or "" for a in raw.get("aliases") or ()),
        sources=tuple(_citation(item) for item in raw.get("sources") or ()),
    )


def _series(raw: Mapping[str, Any]) -> Series:
    return Series(
        id=raw["id"],
        title=_text(raw["title"]) or raw["id"],
        unit=raw["unit"],
        measure=raw["measure"],
        per=raw["per"],
        target_for=raw.get("target_for"),
        description=_text(raw.get("description")),
    )


def _figure(raw: Mapping[str, Any], statement: str, as_of: Any) -> Figure:
    scale = raw.get("scale", "one")
    qualifier = raw.get("qualifier", "exact")
    found = figtext.find(statement, raw["value"], scale)
    # The occurrence with the figure's qualifier (the validator made sure there is one).
    written = next((w for w in found if w.qualifier == qualifier), None)
    period = raw.get("period", as_of)
    return Figure(
        value=raw["value"],
        unit=raw["unit"],
        scale=scale,
        qualifier=qualifier,
        series=raw.get("series"),
        period=None if period is None else parse_period(period),
        written=written.text if written else figtext.plain_number(raw["value"]),
        words=written.words if written else "",
    )


def _claim(doc: Document, raw: Mapping[str, Any], line: int) -> Claim:
    figure = raw.get("figure")
    statement = _text(raw["statement"]) or ""
    return Claim(
        id=raw["id"],
        topic=doc.slug,
        statement=statement,
        status=raw["status"],
        kind=raw["kind"],
        sources=tuple(_citation(item) for item in raw["sources"]),
        as_of=_date(raw.get("as_of")),
        checked=_date(raw.get("checked")),
        subjects=tuple(raw.get("subjects") or ()),
        tags=tuple(raw.get("tags") or ()),
        superseded_by=raw.get("superseded_by"),
        figure=_figure(figure, statement, raw.get("as_of")) if figure else None,
        path=doc.display,
        line=line,
    )


_ITEM_ID = re.compile(r"^[ \t]*-[ \t]+id:[ \t]*[\"']?([a-z0-9-]+)[\"']?[ \t]*(?:#.*)?$", re.M)


def _item_lines(text: str) -> dict[str, int]:
    """Line of each ``- id: x`` list item, found by a text scan (composing the YAML again
    costs far more); a claim written another way falls back to the YAML position."""
    found: dict[str, int] = {}
    line, counted = 1, 0  # lines counted once, from one item to the next
    for match in _ITEM_ID.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found.setdefault(match.group(1), line)
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
    series: list[Series] = []
    topics: list[Topic] = []
    for doc in corpus.documents:
        if doc.kind == "sources":
            sources.extend(_source(raw) for raw in doc.data["sources"])
        elif doc.kind == "entities":
            entities.extend(_entity(raw) for raw in doc.data["entities"])
        elif doc.kind == "series":
            series.extend(_series(raw) for raw in doc.data["series"])
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
    return Briefing(tuple(sources), tuple(entities), tuple(topics), tuple(series))
