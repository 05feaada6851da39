"""The pages that list many things: Sources, Entities, Timeline and Print, whole or split as
``paging.plan`` says, each as ``{path under docs/: Markdown}``. What each page shows is chosen
here; the templates lay it out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Protocol

from . import vocab
from .layout import PAGES
from .model import Briefing, Claim, Entity, Source, Topic
from .paging import Part, Plan
from .urls import relative_url
from .vocab import Term

# Search ranks a claim's entry above the records of sources and entities: Material multiplies
# a page's scores by its boost (topic pages 3); a title match weighs 1,000 times a text match,
# so a record that names the term in its title must still score below a claim that has it
# only in its text.
RECORD_BOOST = 0.001


class Renders(Protocol):
    briefing: Briefing

    def render(self, template: str, page: str, **extra: Any) -> str: ...

    def citations(self, claims: Sequence[Claim]) -> Any: ...


def _links(page: str, parts: Sequence[Part[Any]]) -> list[tuple[int, str]]:
    return [(part.number, relative_url(page, part.page)) for part in parts]


def _header(topic: Topic) -> Topic:
    """The topic without its claims: what a page that names the topic shows of it."""
    return replace(topic, claims=())


def _publisher(source: Source) -> str:
    return source.publisher or "Publisher unknown"


class ListPages:
    def __init__(self, renderer: Renders, plan: Plan) -> None:
        self.r = renderer
        self.briefing = renderer.briefing
        self.plan = plan

    def pages(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for build in (self.sources, self.entities, self.timeline, self.print_edition):
            out.update(build())
        return out

    def sources(self) -> dict[str, str]:
        whole = PAGES["sources"]
        parts = self.plan.sources
        if not parts:
            return {whole: self._records(whole, self.briefing.sources, 1, [(1, "./")])}
        out = {whole: self._publishers()}
        for part in parts:
            links = _links(part.page, parts)
            out[part.page] = self._records(part.page, part.items, part.number, links)
        return out

    def _records(
        self, page: str, records: Sequence[Source], number: int, pages: list[tuple[int, str]]
    ) -> str:
        return self.r.render(
            "sources.md.j2",
            page,
            records=records,
            number=number,
            pages=pages,
            first=_publisher(records[0]) if records else "",
            last=_publisher(records[-1]) if records else "",
            index_url=relative_url(page, PAGES["sources"]),
            boost=RECORD_BOOST,
        )

    def _publishers(self) -> str:
        whole = PAGES["sources"]
        publishers = []
        for name, pages, count in self.plan.publishers():
            where = []
            for part in pages:
                first = next(s for s in part.items if s.publisher == name)
                where.append((part.number, relative_url(whole, part.page, first.id)))
            publishers.append((name, count, where))
        return self.r.render(
            "sources-index.md.j2",
            whole,
            publishers=publishers,
            total=len(self.briefing.sources),
            pages=_links(whole, self.plan.sources),
        )

    def entities(self) -> dict[str, str]:
        index = PAGES["entities"]
        out: dict[str, str] = {}
        for entity in self.briefing.entities:
            parts = self.plan.entities[entity.id]
            for part in parts:
                out[part.page] = self.r.render(
                    "entity.md.j2",
                    part.page,
                    entity=entity,
                    claims=part.items,
                    number=part.number,
                    pages=_links(part.page, parts),
                    total=len(self.briefing.about(entity.id)),
                    index_url=relative_url(part.page, index),
                    boost=RECORD_BOOST,
                )
        out[index] = self.r.render("entities.md.j2", index, kinds=self._entity_kinds())
        return out

    def _entity_kinds(self) -> list[tuple[Term, list[tuple[Entity, str, int]]]]:
        """The entities by kind (in the vocabulary's order), each with its page and claims."""
        index = PAGES["entities"]
        kinds = []
        for term in vocab.ENTITY_KIND_TERMS:
            listed = [
                (
                    e,
                    relative_url(index, self.plan.entities[e.id][0].page),
                    len(self.briefing.about(e.id)),
                )
                for e in self.briefing.entities
                if e.kind == term.name
            ]
            if listed:
                kinds.append((term, listed))
        return kinds

    def timeline(self) -> dict[str, str]:
        whole = PAGES["timeline"]
        if not self.plan.years:
            return {whole: self._timeline_page(whole, self.plan.dated, year=None)}
        years = [(year, parts[0].page, parts) for year, parts in self.plan.years]
        out = {whole: self._years_index(years)}
        for year, _, parts in years:
            for part in parts:
                out[part.page] = self._timeline_page(
                    part.page, part.items, year=year, part=part, parts=parts, years=years
                )
        return out

    def _years_index(self, years: Sequence[tuple[int, str, Sequence[Part[Claim]]]]) -> str:
        whole = PAGES["timeline"]
        listed = [
            (
                year,
                relative_url(whole, first),
                sum(len(p.items) for p in parts),
                _links(whole, parts),
            )
            for year, first, parts in years
        ]
        return self.r.render(
            "timeline-index.md.j2",
            whole,
            total=len(self.plan.dated),
            claims=len(self.briefing.claims),
            years=listed,
        )

    def _timeline_page(
        self,
        page: str,
        dated: Sequence[Claim],
        *,
        year: int | None,
        part: Part[Claim] | None = None,
        parts: Sequence[Part[Claim]] = (),
        years: Sequence[tuple[int, str, Sequence[Part[Claim]]]] = (),
    ) -> str:
        return self.r.render(
            "timeline.md.j2",
            page,
            dated=dated,
            year=year,
            count=sum(len(p.items) for p in parts),
            number=part.number if part else 1,
            pages=_links(page, parts),
            years=[(y, relative_url(page, first), 0) for y, first, _ in years],
            index_url=relative_url(page, PAGES["timeline"]),
            total=len(self.plan.dated),
            claims=len(self.briefing.claims),
            topics=[(t.slug, t.title) for t in self.briefing.topics],
        )

    def print_edition(self) -> dict[str, str]:
        whole = PAGES["print"]
        briefing = self.briefing
        if not self.plan.print_topics:
            sections = [(_header(topic), topic.current) for topic in briefing.topics]
            return {whole: self._print_page(whole, sections, None)}
        out: dict[str, str] = {}
        listed = []
        for slug, parts in self.plan.print_topics:
            topic = briefing.topic(slug)
            listed.append((_header(topic), len(topic.current), _links(whole, parts)))
            for part in parts:
                links = _links(part.page, parts)
                out[part.page] = self._print_page(
                    part.page, [(_header(topic), part.items)], (part.number, links)
                )
        out[whole] = self.r.render("print-index.md.j2", whole, topics=listed)
        return out

    def _print_page(
        self,
        page: str,
        sections: Sequence[tuple[Any, Sequence[Claim]]],
        part: tuple[int, list[tuple[int, str]]] | None,
    ) -> str:
        printed = self.briefing.with_history(c for _, claims in sections for c in claims)
        return self.r.render(
            "print.md.j2",
            page,
            sections=sections,
            cites=self.r.citations(printed),
            part=part,
            index_url=relative_url(page, PAGES["print"]),
        )
