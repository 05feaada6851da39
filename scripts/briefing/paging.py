"""Which page holds what on the pages that list many things: Sources, Entities, Timeline and
Print. Each stays one page while it holds at most ``budget`` lines (layout.LINES_PER_PAGE)
and is split past it, so no page grows with the briefing:

- Sources: every record on the Sources page; past the budget, the records in pages by
  publisher (``sources/page-N``) and the Sources page an index of publishers.
- Entities: an index, and a page per entity (its claims in parts past the budget).
- Timeline: every dated claim on one page; past the budget, a page per year (in parts when a
  year alone is over it) and the Timeline page an index of years.
- Print: the whole briefing on one page; past the budget, a page per topic (in parts) and the
  Print page an index of them.

Pure: takes the model, returns the plan; the renderer lays each part out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from . import layout
from .dates import chronological_key
from .model import Briefing, Claim, Source

T = TypeVar("T")


@dataclass(frozen=True)
class Part(Generic[T]):
    """One page of a list: its path under docs/, what it holds, and where it stands."""

    page: str
    items: tuple[T, ...]
    number: int  # from 1
    count: int  # pages of the same list

    @property
    def first(self) -> bool:
        return self.number == 1


def split(items: Iterable[T], budget: int, weight: Callable[[T], int]) -> list[tuple[T, ...]]:
    """``items`` in order, in runs of at most ``budget`` lines (an item heavier than the
    budget gets a run of its own). Never empty: no items make one empty run."""
    runs: list[list[T]] = [[]]
    used = 0
    for item in items:
        lines = weight(item)
        if runs[-1] and used + lines > budget:
            runs.append([])
            used = 0
        runs[-1].append(item)
        used += lines
    return [tuple(run) for run in runs]


def parts(
    items: Iterable[T], budget: int, page: Callable[[int], str], weight: Callable[[T], int]
) -> tuple[Part[T], ...]:
    runs = split(items, budget, weight)
    return tuple(Part(page(n), run, n, len(runs)) for n, run in enumerate(runs, start=1))


def _one(_: object) -> int:
    return 1


def newest_first(claims: Iterable[Claim]) -> list[Claim]:
    """Dated claims newest first (a year-only date after the fuller dates inside it), then
    undated ones."""
    dated = sorted((c for c in claims if c.as_of), key=_timeline_key, reverse=True)
    return dated + [c for c in claims if c.as_of is None]


def _timeline_key(claim: Claim) -> tuple[tuple[int, int, int], str]:
    assert claim.as_of is not None
    return (chronological_key(claim.as_of), claim.id)


def publisher_key(source: Source) -> tuple[int, str, str]:
    """Sources by publisher (unknown last), then title."""
    publisher = source.publisher or ""
    return (0 if publisher else 1, publisher.casefold(), source.title.casefold())


@dataclass(frozen=True)
class Plan:
    """Where everything of the long lists goes."""

    budget: int
    # Source records in pages by publisher; empty when the Sources page holds them all.
    sources: tuple[Part[Source], ...]
    source_page: dict[str, str]  # source id -> the page of its record
    entities: dict[str, tuple[Part[Claim], ...]]  # entity id -> its page and its parts
    # The timeline by year, newest first: (year, its parts); empty when it is one page.
    years: tuple[tuple[int, tuple[Part[Claim], ...]], ...]
    dated: tuple[Claim, ...]  # every dated claim, newest first
    # The print edition by topic: (topic slug, its parts); empty when it is one page.
    print_topics: tuple[tuple[str, tuple[Part[Claim], ...]], ...]

    def publishers(self) -> list[tuple[str | None, list[Part[Source]], int]]:
        """Publishers in order, the pages holding their records, and how many they have."""
        found: dict[str | None, tuple[list[Part[Source]], list[int]]] = {}
        for part in self.sources:
            for source in part.items:
                pages, count = found.setdefault(source.publisher, ([], [0]))
                if part not in pages:
                    pages.append(part)
                count[0] += 1
        return [(name, pages, count[0]) for name, (pages, count) in found.items()]


def _source_weight(briefing: Briefing) -> Callable[[Source], int]:
    return lambda source: 2 + len(briefing.citing(source.id))


def _print_weight(briefing: Briefing) -> Callable[[Claim], int]:
    """A printed claim, the earlier claims under it and (at most) an endnote per source."""
    return lambda claim: 1 + len(briefing.history(claim.id)) + len(claim.sources)


def _sources(briefing: Briefing, budget: int) -> tuple[Part[Source], ...]:
    weight = _source_weight(briefing)
    if sum(weight(s) for s in briefing.sources) <= budget:
        return ()
    ordered = sorted(briefing.sources, key=publisher_key)
    return parts(ordered, budget, layout.sources_page, weight)


def _years(dated: Sequence[Claim], budget: int) -> tuple[tuple[int, tuple[Part[Claim], ...]], ...]:
    if len(dated) <= budget:
        return ()
    by_year: dict[int, list[Claim]] = {}
    for claim in dated:
        assert claim.as_of is not None
        by_year.setdefault(claim.as_of.year, []).append(claim)
    return tuple(
        (year, parts(claims, budget, functools.partial(layout.timeline_page, year), _one))
        for year, claims in by_year.items()
    )


def _print_topics(
    briefing: Briefing, budget: int
) -> tuple[tuple[str, tuple[Part[Claim], ...]], ...]:
    weight = _print_weight(briefing)
    if sum(weight(c) for c in briefing.current_claims) <= budget:
        return ()
    return tuple(
        (t.slug, parts(t.current, budget, functools.partial(layout.print_page, t.slug), weight))
        for t in briefing.topics
    )


def plan(briefing: Briefing, budget: int = layout.LINES_PER_PAGE) -> Plan:
    sources = _sources(briefing, budget)
    whole = layout.PAGES["sources"]
    source_page = {s.id: whole for s in briefing.sources}
    source_page.update({s.id: part.page for part in sources for s in part.items})
    entities = {
        e.id: parts(
            newest_first(briefing.about(e.id)),
            budget,
            functools.partial(layout.entity_page, e.id),
            _one,
        )
        for e in briefing.entities
    }
    dated = tuple(newest_first(c for c in briefing.claims if c.as_of))
    return Plan(
        budget=budget,
        sources=sources,
        source_page=source_page,
        entities=entities,
        years=_years(dated, budget),
        dated=dated,
        print_topics=_print_topics(briefing, budget),
    )
