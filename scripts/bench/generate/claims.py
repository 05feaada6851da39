"""The synthetic briefing's ordinary claims: every status and kind, dated no later than their
sources, some checked, some with a figure, and 'confirmed' only where the sources earn it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from briefing.vocab import CLAIM_KINDS, PRIMARY_SOURCE_KINDS, QUALIFIERS, STATUSES, UNITS

from .context import Context
from .pick import choose, covering, day_between, slug, weights_for
from .records import FIRST_DAY, LAST_DAY, Claim, Figure, Source
from .text import CONNECTORS, figure_phrase, number, sentence, words
from .words import WORDS

STATUS_WEIGHTS = weights_for(
    STATUSES, {"confirmed": 40, "reported": 35, "disputed": 5, "forecast": 12, "speculation": 8}
)
# What a claim is about, by its status: a forecast is never an event.
KIND_WEIGHTS = {
    "forecast": weights_for(CLAIM_KINDS, {"event": 0, "state": 70, "view": 30}),
    "speculation": weights_for(CLAIM_KINDS, {"event": 10, "state": 40, "view": 50}),
    "other": weights_for(CLAIM_KINDS, {"event": 60, "state": 30, "view": 10}),
}
QUALIFIER_WEIGHTS = weights_for(
    QUALIFIERS,
    {"exact": 55, "about": 15, "more-than": 10, "at-least": 5, "up-to": 5, "fewer-than": 5,
     "almost": 5},
)  # fmt: skip
PRECISIONS = {"day": 60, "month": 25, "year": 10, "": 5}


@dataclass(frozen=True)
class Magnitude:
    """The values a figure of one unit takes, in the scale the statement writes."""

    low: float
    high: float
    scale: str = "one"
    decimals: int = 0


MAGNITUDES = covering(
    UNITS,
    {
        "vehicles": (Magnitude(1, 30, "million", 2), Magnitude(1_000, 900_000)),
        "vehicles-per-year": (Magnitude(50_000, 500_000),),
        "orders": (Magnitude(10, 300, "thousand"), Magnitude(5_000, 300_000)),
        "CNY": (
            Magnitude(1, 50, "billion", 1),
            Magnitude(100_000, 600_000),
            Magnitude(10, 900, "million", 1),
        ),
        "USD": (Magnitude(0.2, 20, "billion", 2), Magnitude(50, 900, "million")),
        "percent": (Magnitude(0.5, 80, decimals=1),),
        "years": (Magnitude(1, 15),),
    },
)


def standalone_figure(ctx: Context, i: int) -> tuple[Figure, str]:
    """A figure of any unit and qualifier (the first claims take each in turn, so that every
    one occurs), and the words that state it."""
    unit = UNITS[i] if i < len(UNITS) else ctx.rng.choice(UNITS)
    options = MAGNITUDES[unit]
    size = options[i % len(options)] if i < len(UNITS) else ctx.rng.choice(options)
    value = number(Decimal(repr(ctx.rng.uniform(size.low, size.high))), size.decimals)
    qualifier = QUALIFIERS[i] if i < len(QUALIFIERS) else choose(ctx.rng, QUALIFIER_WEIGHTS)
    text = figure_phrase(ctx.rng, value.written, unit, size.scale, qualifier)
    return Figure(value.value, unit, size.scale, qualifier), text


def _statement(ctx: Context, figure_text: str | None) -> str:
    if figure_text is None:
        return sentence(ctx.rng, 80, 250, names=ctx.names, markup=True)
    lead = " ".join(words(ctx.rng, 30, 120))
    lead = lead[0].upper() + lead[1:]
    return f"{lead} {ctx.rng.choice(CONNECTORS)} {figure_text}{ctx.tail()}."


def _cited(ctx: Context, first: Source) -> list[Source]:
    cited = [first]
    for _ in range(ctx.rng.choices((0, 1, 2), weights=(55, 30, 15))[0]):
        extra = ctx.rng.choice(ctx.pool.all)
        if all(extra.id != s.id for s in cited):
            cited.append(extra)
    return cited


def general_claim(ctx: Context, i: int, topic: int, first: Source) -> Claim:
    """Claim ``i``, citing ``first`` (so that every source is cited) and maybe others; dated
    up to four months before its newest source."""
    rng = ctx.rng
    status = STATUSES[i] if i < len(STATUSES) else choose(rng, STATUS_WEIGHTS)
    with_figure = i < max(len(UNITS), len(QUALIFIERS)) or rng.random() < 0.07
    figure, figure_text = standalone_figure(ctx, i) if with_figure else (None, None)
    claim = Claim(
        id=slug(f"c{i:05d}", rng.choice(WORDS), rng.choice(WORDS)),
        topic=topic,
        statement=_statement(ctx, figure_text),
        status=status,
        kind=choose(rng, KIND_WEIGHTS.get(status, KIND_WEIGHTS["other"])),
        sources=[ctx.citation(s) for s in _cited(ctx, first)],
        day=LAST_DAY,
        precision=choose(rng, PRECISIONS) or None,
        subjects=[e.id for e in rng.sample(ctx.entities, rng.choice((0, 1, 1, 2, 3)))],
        tags=sorted({rng.choice(WORDS) for _ in range(rng.randint(0, 3))}),
        figure=figure,
    )
    if status == "confirmed":
        earn(ctx, claim)
    published = [ctx.pool.by_id[c.source].published for c in claim.sources]
    newest = max((d for d in published if d is not None), default=LAST_DAY)
    claim.day = max(FIRST_DAY, newest - timedelta(days=rng.randint(0, 120)))
    if rng.random() < 0.2:
        claim.checked = day_between(rng, claim.day, LAST_DAY)
    return claim


def earned(ctx: Context, claim: Claim) -> bool:
    """What the validator asks of 'confirmed' (briefing.rules.confirmed_is_earned)."""
    sources = [ctx.pool.by_id[c.source] for c in claim.sources]
    if any(s.kind in PRIMARY_SOURCE_KINDS for s in sources):
        return True
    if any(set(claim.subjects) & set(s.relays) for s in sources):
        return True
    return len({" ".join(o.casefold().split()) for s in sources if (o := s.outlet)}) >= 2


def earn(ctx: Context, claim: Claim) -> None:
    """Cite what a confirmed claim needs, as editors do: a page carrying a subject's own
    statement, a second independent outlet or a primary source. Adding a source never makes
    the claim's date later than its sources."""
    rng, pool, roll = ctx.rng, ctx.pool, ctx.rng.random()
    if roll < 0.35 and pool.relaying:
        source = rng.choice(pool.relaying)
        if not set(source.relays) & set(claim.subjects):
            claim.subjects.append(rng.choice(source.relays))
    elif roll < 0.7:
        outlets = {pool.by_id[c.source].outlet for c in claim.sources}
        others = [s for s in rng.sample(pool.all, min(20, len(pool.all))) if s.outlet]
        source = next((s for s in others if s.outlet not in outlets), rng.choice(pool.primary))
    else:
        source = rng.choice(pool.primary)
    _add(ctx, claim, source)
    if not earned(ctx, claim):
        _add(ctx, claim, next(s for s in pool.primary if not _cites(claim, s)))


def _cites(claim: Claim, source: Source) -> bool:
    return any(c.source == source.id for c in claim.sources)


def _add(ctx: Context, claim: Claim, source: Source) -> None:
    if not _cites(claim, source):
        claim.sources.append(ctx.citation(source))
