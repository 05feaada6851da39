"""What each page read from the facts, so that a preview re-renders only the pages an edit
touches (``briefing serve``; a build renders everything).

While a page renders, every look-up it makes in the briefing (a claim, a source, an entity, a
topic, a claim's history or citing claims, where a claim is placed, which page holds a source)
is noted as a dependency. A page is rendered again when the values it was rendered with (its
template's arguments, compared by content) or any of its dependencies changed; otherwise its
last text is kept. ``tests/test_tracking.py`` checks that this always gives the same pages as a
full render, edit after edit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, TypeVar

from .model import Briefing, Claim, Entity, Source, Topic

T = TypeVar("T")

Dep = tuple[str, str]  # (kind, id): ("claim", "c1"), ("citing", "s1"), ("all", "claims")

_stack: list[set[Dep]] = []


def note(kind: str, key: str) -> None:
    """Record that the page being rendered read ``kind`` ``key``."""
    if _stack:
        _stack[-1].add((kind, key))


def note_all(deps: Iterable[Dep]) -> None:
    """Record several dependencies at once (markup made once and shown on many pages)."""
    if _stack:
        _stack[-1].update(deps)


def note_value(value: Any) -> None:
    """Record the records a look-up returned (one level into tuples and lists)."""
    if not _stack:
        return
    items = value if isinstance(value, tuple | list) else (value,)
    for item in items:
        if isinstance(item, Claim):
            _stack[-1].add(("claim", item.id))
        elif isinstance(item, Source):
            _stack[-1].add(("source", item.id))
        elif isinstance(item, Entity):
            _stack[-1].add(("entity", item.id))


@contextlib.contextmanager
def recording() -> Iterator[set[Dep]]:
    found: set[Dep] = set()
    _stack.append(found)
    try:
        yield found
    finally:
        _stack.pop()


class TrackedBriefing:
    """The briefing as pages see it: every look-up is noted (see ``note``)."""

    def __init__(self, briefing: Briefing) -> None:
        self.raw = briefing

    def _one(self, kind: str, key: str, value: T) -> T:
        note(kind, key)
        note_value(value)
        return value

    def source(self, source_id: str) -> Source:
        return self._one("source", source_id, self.raw.source(source_id))

    def entity(self, entity_id: str) -> Entity:
        return self._one("entity", entity_id, self.raw.entity(entity_id))

    def claim(self, claim_id: str) -> Claim:
        return self._one("claim", claim_id, self.raw.claim(claim_id))

    def topic(self, slug: str) -> Topic:
        return TrackedTopic(self.raw.topic(slug))  # type: ignore[return-value]

    @property
    def topics(self) -> tuple[Topic, ...]:
        note("all", "topics")  # which topics, in which order
        return tuple(TrackedTopic(t) for t in self.raw.topics)  # type: ignore[misc]

    def history(self, claim_id: str) -> tuple[Claim, ...]:
        return self._one("history", claim_id, self.raw.history(claim_id))

    def supersedes(self, claim_id: str) -> tuple[Claim, ...]:
        return self._one("supersedes", claim_id, self.raw.supersedes(claim_id))

    def citing(self, source_id: str) -> tuple[Claim, ...]:
        return self._one("citing", source_id, self.raw.citing(source_id))

    def about(self, entity_id: str) -> tuple[Claim, ...]:
        return self._one("about", entity_id, self.raw.about(entity_id))

    def points(self, series_id: str) -> tuple[Claim, ...]:
        return self._one("points", series_id, self.raw.points(series_id))

    def sources_of(self, claim: Claim) -> tuple[Source, ...]:
        return tuple(self.source(source_id) for source_id in claim.distinct_source_ids)

    def head(self, claim: Claim) -> Claim:
        return self.raw.head(claim)

    def with_history(self, claims: Iterable[Claim]) -> list[Claim]:
        return [shown for c in claims if c.current for shown in (c, *self.history(c.id))]

    def __getattr__(self, name: str) -> Any:
        """Whole collections (claims, topics, sources, entities, series, current_claims)."""
        note("all", name)
        return getattr(self.raw, name)


class TrackedTopic:
    """A topic as pages see it: its title and summary are one dependency, its claims another
    (a page listing topics by name does not change when a claim does)."""

    def __init__(self, topic: Topic) -> None:
        self.raw = topic

    def __getattr__(self, name: str) -> Any:
        whole = name in ("claims", "current")
        note("topic" if whole else "topic-head", self.raw.slug)
        return getattr(self.raw, name)


class TrackedMap(dict[str, Any]):
    """A look-up table whose reads are dependencies of kind ``kind``."""

    def __init__(self, kind: str, items: Mapping[str, Any]) -> None:
        super().__init__(items)
        self.kind = kind

    def __getitem__(self, key: str) -> Any:
        note(self.kind, key)
        return super().__getitem__(key)


# -- Comparing by content --------------------------------------------------------------------

_RECORDS: dict[type, tuple[str, str]] = {
    Claim: ("claim", "id"),
    Source: ("source", "id"),
    Entity: ("entity", "id"),
}


def arguments(value: Any) -> Any:
    """A page's template arguments as a comparable key: claims, sources and entities by their
    id (their content is noted as a dependency, compared once per render), a history by
    identity (the preview keeps it until the next commit), anything else by content."""
    kind = _RECORDS.get(type(value))
    if kind is not None:
        ref = getattr(value, kind[1])
        note(kind[0], ref)
        return (kind[0], ref)
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    if isinstance(value, tuple | list):
        return tuple(arguments(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, arguments(v)) for k, v in value.items())
    if isinstance(value, Topic):
        note("topic" if value.claims else "topic-head", value.slug)
        return ("topic", value.slug, bool(value.claims))
    if type(value).__name__ == "History":
        return ("history", id(value))
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(arguments(getattr(value, f.name)) for f in fields(value)))
    return value


def _said(claim: Claim) -> Claim:
    """The claim without where it is written (its file and line): what pages show of it."""
    return replace(claim, path="", line=0)


@dataclass
class Digests:
    """A digest of each dependency's value in one version of the briefing, made on demand.
    A digest is the hash of the value's content: pages compare their dependencies in O(1)."""

    briefing: Briefing
    placement: Mapping[str, str]
    source_page: Mapping[str, str]
    extra: Mapping[str, Callable[[str], Any]] = field(default_factory=dict)
    _done: dict[Dep, int] = field(default_factory=dict)
    _kinds: dict[str, Callable[[str], Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        b = self.briefing
        self._kinds = {  # records are frozen dataclasses: hashed by value
            "claim": lambda k: _said(b.claim(k)),
            "line": lambda k: (b.claim(k).path, b.claim(k).line),
            "source": lambda k: b.source(k),
            "entity": lambda k: b.entity(k),
            "topic": lambda k: (replace(b.topic(k), claims=()), *map(_said, b.topic(k).claims)),
            "topic-head": lambda k: replace(b.topic(k), claims=()),
            "history": lambda k: self._ids(b.history(k)),
            "supersedes": lambda k: self._ids(b.supersedes(k)),
            "citing": lambda k: self._ids(b.citing(k)),
            "about": lambda k: self._ids(b.about(k)),
            "points": lambda k: self._ids(b.points(k)),
            "placement": lambda k: self.placement[k],
            "topic-title": lambda k: b.topic(k).title,
            "source-page": lambda k: self.source_page[k],
            "all": lambda k: (
                tuple(t.slug for t in b.topics)
                if k == "topics"
                else tuple(_said(x) if isinstance(x, Claim) else x for x in getattr(b, k))
            ),
            **self.extra,
        }

    def values(self, deps: tuple[Dep, ...]) -> tuple[int, ...]:
        """The digests of ``deps``, in order."""
        for dep in set(deps).difference(self._done):
            self[dep]
        return tuple(map(self._done.__getitem__, deps))

    def __getitem__(self, dep: Dep) -> int:
        done = self._done.get(dep)
        if done is None:
            make = self._kinds[dep[0]]  # an unknown kind is a bug, not a change
            try:
                value = make(dep[1])
            except KeyError:
                value = KeyError  # gone: differs from any value it had
            done = self._done[dep] = hash(value)
        return done

    @staticmethod
    def _ids(claims: Iterable[Claim]) -> tuple[str, ...]:
        return tuple(c.id for c in claims)


@dataclass
class Rendered:
    key: Any
    deps: tuple[Dep, ...]  # what the page read
    values: tuple[int, ...]  # and the digest of each at the time
    text: str


@dataclass
class PageMemo:
    """The pages of the last render, with what each was rendered from; kept by the preview."""

    pages: dict[str, Rendered] = field(default_factory=dict)
    context: Any = None  # what every page depends on (the render options, the history)
    reused: int = 0
    rendered: int = 0

    def start(self, context: Any) -> None:
        """A new render; a change of what every page depends on forgets every page."""
        if context != self.context:
            self.pages.clear()
            self.context = context
        self.reused = self.rendered = 0

    def get(self, page: str, key: Any, now: Digests) -> str | None:
        """The page's last text, if it was rendered from the same arguments (``key``; the
        records it refers to are among its dependencies) and nothing it read has changed."""
        done = self.pages.get(page)
        if done is None or done.key != key:
            return None
        if now.values(done.deps) != done.values:
            return None
        self.reused += 1
        return done.text

    def put(self, page: str, key: Any, deps: set[Dep], text: str, now: Digests) -> None:
        self.rendered += 1
        ordered = tuple(deps)
        self.pages[page] = Rendered(key, ordered, now.values(ordered), text)
