"""A deterministic synthetic briefing of any size that passes ``briefing check``.

``generate(folder, claims)`` writes topics, sources (news, some copies of a wire story or
relaying a party's statement, and every primary kind), entities of every kind (with sources,
some Chinese names and aliases), series of figures (per year, quarter, month and car model,
actuals and targets) and claims: every status and kind, dated no later than their sources,
some checked, with markup and Chinese names, figures written in their statements as the
validator reads them, and supersession chains within and across topics and series.
``python -m bench.generate DIR --claims N`` does the same from the command line.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from briefing.kinds import ENTITIES_FILE, SERIES_FILE, SOURCES_FILE

from . import write
from .chains import link_chains
from .claims import general_claim
from .context import Context
from .entities import cite, make_entities
from .pool import SourcePool
from .records import Claim, Entity, Series, Source, Synthetic
from .series_set import make_series
from .sources import make_sources
from .text import sentence
from .words import WORDS

SEED = 20261124
BASE_CLAIMS = 10_000

__all__ = ["BASE_CLAIMS", "SEED", "Made", "Synthetic", "generate", "make"]


def _topic_slots(topics: int, count: int, points: list[Claim]) -> list[int]:
    """The topic of each ordinary claim, in order, so that with the series' points every
    topic holds about as many claims."""
    per_topic = -(-count // topics)
    taken = [0] * topics
    for point in points:
        taken[point.topic] += 1
    slots = [t for t in range(topics) for _ in range(max(1, per_topic - taken[t]))]
    general = count - len(points)
    return sorted(slots[:general] + [i * topics // general for i in range(general - len(slots))])


def _claims(ctx: Context, count: int, points: list[Claim]) -> list[Claim]:
    """Ordinary claims citing every source in turn, then the series' points."""
    general = count - len(points)
    sources = ctx.pool.all
    if general < len(sources):
        raise ValueError("every source must be cited: need more claims than sources")
    order = sources[:]
    ctx.rng.shuffle(order)
    slots = _topic_slots(ctx.topics, count, points)
    found = [general_claim(ctx, i, slots[i], order[i % len(order)]) for i in range(general)]
    return found + points


def _topic_head(rng: random.Random, t: int) -> tuple[str, list[str]]:
    """A topic's slug and the lines before its claims."""
    word = rng.choice(WORDS)
    head = [
        f"title: {write.quoted(f'Topic {t}: {word} and {rng.choice(WORDS)}')}",
        *write.block("summary", sentence(rng, 100, 300, markup=True), 0),
        f"order: {t + 1}",
    ]
    if t % 3 == 0:
        head.append("review_after_days: 365")
    return f"topic-{t:03d}-{word}", head


def _write(folder: Path, rng: random.Random, made: Made) -> dict[str, list[Path]]:
    by_topic: dict[int, list[Claim]] = {}
    for claim in made.claims:
        by_topic.setdefault(claim.topic, []).append(claim)
    topics = []
    for t in range(made.topics):
        slug, head = _topic_head(rng, t)
        topics.append(write.topic_file(folder / f"{slug}.yaml", head, by_topic.get(t, [])))
    files = {"topic": topics}
    files["sources"] = [
        write.registry(
            folder / SOURCES_FILE, "sources", "sources", map(write.source_lines, made.sources)
        )
    ]
    files["entities"] = [
        write.registry(
            folder / ENTITIES_FILE, "entities", "entities", map(write.entity_lines, made.entities)
        )
    ]
    if made.series:
        files["series"] = [
            write.registry(
                folder / SERIES_FILE, "series", "series", map(write.series_lines, made.series)
            )
        ]
    return files


@dataclass
class Made:
    """Everything generated, before it is written."""

    topics: int
    entities: list[Entity]
    sources: list[Source]
    series: list[Series]
    claims: list[Claim]


def make(claims: int, topics: int, sources: int, entities: int, seed: int) -> Made:
    rng = random.Random(f"{seed}-{claims}")
    made_entities = make_entities(rng, entities)
    made_sources = make_sources(rng, sources, made_entities)
    cite(rng, made_entities, made_sources)
    ctx = Context(rng, topics, made_entities, SourcePool(made_sources))
    series, points = make_series(ctx, claims)
    rows = _claims(ctx, claims, points)
    link_chains(rng, rows)
    return Made(topics, made_entities, made_sources, series, rows)


def generate(
    folder: Path,
    claims: int = BASE_CLAIMS,
    *,
    topics: int | None = None,
    sources: int | None = None,
    entities: int | None = None,
    seed: int = SEED,
) -> Synthetic:
    """Write a valid synthetic fact set of ``claims`` claims into ``folder`` (created)."""
    topics = topics or max(min(3, claims // 10), claims // 200, 1)
    made = make(
        claims, topics, sources or max(1, claims // 10), entities or max(40, claims // 250), seed
    )
    folder.mkdir(parents=True, exist_ok=True)
    files = _write(folder, random.Random(f"{seed}-{claims}-files"), made)
    return Synthetic(
        folder=folder,
        claims=claims,
        topics=topics,
        sources=len(made.sources),
        entities=len(made.entities),
        series=len(made.series),
        superseded=sum(1 for c in made.claims if c.superseded_by),
        figures=sum(1 for c in made.claims if c.figure),
        points=sum(1 for c in made.claims if c.figure and c.figure.series),
        files=files,
    )
