"""Synthetic sources of every kind: news (some copies of a wire story, some relaying a party's
own statement), analysis, and the primary kinds (press releases, official records, filings,
statistical releases) published by the invented parties themselves."""

from __future__ import annotations

import random
from datetime import timedelta

from briefing.vocab import PRIMARY_SOURCE_KINDS, SOURCE_KINDS

from .pick import choose, recent_day, slug, weights_for
from .records import LAST_DAY, Entity, Source
from .text import sentence
from .words import AGGREGATORS, ANALYSTS, NEWS_OUTLETS, OFFICIAL_PUBLISHERS, WIRE_SERVICES

KIND_WEIGHTS = weights_for(
    SOURCE_KINDS,
    {"news": 55, "press-release": 12, "official": 6, "filing": 7, "data": 10, "analysis": 10},
)
# Who publishes each primary kind: entities of these kinds (or, for some, a fixed publisher).
PUBLISHING_KINDS = {
    "press-release": ("company",),
    "official": ("government-body",),
    "filing": ("company",),
    "data": ("association", "international-body"),
}


def _publisher(rng: random.Random, kind: str, entities: list[Entity]) -> tuple[str | None, str]:
    """The publisher of a source of ``kind``, and the outlet it copies (or "")."""
    if kind == "news":
        if rng.random() < 0.15:
            return rng.choice(AGGREGATORS), rng.choice(WIRE_SERVICES)
        return (rng.choice(NEWS_OUTLETS) if rng.random() > 0.03 else None), ""
    if kind == "analysis":
        return rng.choice(ANALYSTS), ""
    parties = [e.name for e in entities if e.kind in PUBLISHING_KINDS[kind]]
    if kind in ("official", "filing") and (not parties or rng.random() < 0.3):
        return rng.choice(OFFICIAL_PUBLISHERS), ""
    return (rng.choice(parties) if parties else rng.choice(OFFICIAL_PUBLISHERS)), ""


def _relays(rng: random.Random, kind: str, entities: list[Entity]) -> list[str]:
    """A news page that carries a party's own statement (a post quoted in full, say)."""
    speakers = [e.id for e in entities if e.kind in ("company", "person", "government-body")]
    if kind != "news" or not speakers or rng.random() >= 0.1:
        return []
    return rng.sample(speakers, min(len(speakers), rng.choice((1, 1, 2))))


def _notes(rng: random.Random, source: Source, names: dict[str, str]) -> str | None:
    parts = []
    if source.copy_of:
        parts.append(f"Copy of a {source.copy_of} report.")
    if source.relays:
        parts.append(f"Carries a statement by {', '.join(names[e] for e in source.relays)}.")
    if source.published is None:
        parts.append("The page shows no date.")
    if rng.random() < 0.2:
        parts.append(sentence(rng, 60, 300))
    return " ".join(parts) or None


def make_source(
    rng: random.Random, i: int, entities: list[Entity], names: dict[str, str]
) -> Source:
    # The first sources take each kind in turn, so that every kind occurs.
    kind = SOURCE_KINDS[i - 1] if 0 < i <= len(SOURCE_KINDS) else choose(rng, KIND_WEIGHTS)
    publisher, copy_of = _publisher(rng, kind, entities)
    published = recent_day(rng) if rng.random() > 0.05 else None
    if i == 0:  # one statistical release on the last day: every claim date has a later source
        kind, published = "data", LAST_DAY
        publisher = next((e.name for e in entities if e.kind == "association"), publisher)
    start = published or recent_day(rng)
    retrieved = min(start + timedelta(days=rng.randint(0, 400)), LAST_DAY)
    outlet = slug(*(copy_of or publisher or "unknown").split()[:2])
    source_id = slug(outlet, rng.choice(_title_words(kind)), f"{i:05d}")
    url = None
    if rng.random() > 0.03:
        host = slug(publisher or f"news{i % 37}")
        url = f"https://{host}.example.com/{start:%Y/%m}/{source_id}"
    source = Source(
        source_id,
        sentence(rng, 40, 140),
        publisher,
        url,
        published,
        retrieved,
        kind,
        copy_of or None,
    )
    source.relays = _relays(rng, kind, entities)
    source.notes = _notes(rng, source, names)
    return source


def _title_words(kind: str) -> tuple[str, ...]:
    return ("release", "statement") if kind in PRIMARY_SOURCE_KINDS else ("report", "story", "note")


def make_sources(rng: random.Random, count: int, entities: list[Entity]) -> list[Source]:
    names = {e.id: e.name for e in entities}
    return [make_source(rng, i, entities, names) for i in range(count)]
