"""Rules over the whole corpus: what only the entries together can show.

Supersession chains (a successor that exists, is no cycle and is dated later), sources cited
by nobody, series nobody charts, and two current points for one period of a series.
"""

from __future__ import annotations

from collections.abc import Callable

from .chains import forward, walk
from .entries import Entry, Found, Index, date_is_unknown, sound_date
from .errors import Code
from .figure_rules import point_period, subject_products
from .kinds import EntryKind
from .shape import did_you_mean

CorpusCheck = Callable[[Index], Found]


def _successor(index: Index, claim_id: str) -> str | None:
    """The raw ``superseded_by`` of a claim, when it names a claim that exists."""
    entry = index.find("claim", claim_id)
    nxt = None if entry is None else entry.get("superseded_by")
    return nxt if isinstance(nxt, str) and index.find("claim", nxt) is not None else None


def supersession_is_sound(index: Index) -> Found:
    reported_cycles: set[frozenset[str]] = set()
    for entry in index.all("claim"):
        successor, claim_id = entry.get("superseded_by"), entry.id
        if not isinstance(successor, str) or claim_id is None:
            continue  # absent, or a wrong type already reported by the schema
        pointer = ("superseded_by",)
        if successor == claim_id:
            yield entry.problem(pointer, Code.SUPERSEDED_CYCLE, "a claim cannot supersede itself")
            continue
        known = index.knows("claim", successor)
        if known is not True:
            if known is False:
                yield entry.problem(
                    pointer,
                    Code.UNKNOWN_CLAIM,
                    f"superseded_by names unknown claim {successor!r}"
                    f"{did_you_mean(successor, index.by_id.get('claim', {}))}",
                )
            else:
                yield entry.skip()  # a claim without a sound id may be the one named
            continue
        found = walk(claim_id, forward(lambda cid: _successor(index, cid)))
        chain, stop = list(found.chain), found.again
        if stop is not None:
            cycle = frozenset(chain[chain.index(stop) :])
            if cycle not in reported_cycles and claim_id in cycle:
                reported_cycles.add(cycle)
                loop = " → ".join([*chain[chain.index(stop) :], stop])
                yield entry.problem(
                    pointer, Code.SUPERSEDED_CYCLE, f"superseded_by forms a cycle: {loop}"
                )
            continue
        yield from _successor_is_later(entry, index, successor)


def _successor_is_later(entry: Entry, index: Index, successor_id: str) -> Found:
    successor = index.find("claim", successor_id)
    earlier = sound_date(entry, "as_of")
    if successor is None or earlier is None:
        return
    if date_is_unknown(successor, "as_of"):
        yield entry.skip()  # the successor's date is unsound: reported there
        return
    later = sound_date(successor, "as_of")
    if later is None or later.latest() <= earlier.earliest():
        yield entry.problem(
            ("superseded_by",),
            Code.SUCCESSOR_NOT_LATER,
            f"the successor {successor_id!r} must be dated later than this claim "
            f"({earlier.iso}); it is " + (later.iso if later else "undated"),
        )


def sources_are_cited(index: Index) -> Found:
    """Every source is cited by a claim or an entity (when every citation could be read)."""
    if not index.complete.get("claim") or not index.complete.get("entity"):
        return
    cited: set[str] = set()
    kinds: tuple[EntryKind, ...] = ("claim", "entity")
    for kind in kinds:
        for entry in index.all(kind):
            if not entry.ok("sources"):
                return  # a citation that cannot be read: "cited by no claim" may be false
            cited.update(source_id for source_id, _ in entry.citations())
    for source_id, entry in index.by_id.get("source", {}).items():
        if source_id not in cited:
            yield entry.problem(
                ("id",),
                Code.UNCITED_SOURCE,
                f"source {source_id!r} is cited by no claim or entity; cite it or remove it",
            )


def series_points_are_unique(index: Index) -> Found:
    """At most one current claim per period (or car model) of a series; no empty series."""
    seen: dict[tuple[str, str], Entry] = {}
    used: set[str] | None = set()
    for entry in index.all("claim"):
        if not entry.ok("figure.series"):
            used = None  # a figure whose series cannot be read may name any series
            continue
        figure = entry.raw.get("figure")
        if not isinstance(figure, dict) or not isinstance(figure.get("series"), str):
            continue
        if used is not None:
            used.add(figure["series"])
        if not entry.ok("superseded_by", "figure.period", "as_of", "subjects[]"):
            continue
        if entry.raw.get("superseded_by") is not None:
            continue
        key = _point_key(entry, index, figure["series"])
        if key is None:
            continue
        if key in seen:
            first = seen[key]
            yield entry.problem(
                ("figure", "series"),
                Code.DUPLICATE_SERIES_POINT,
                f"series {key[0]!r} already has a current point for {key[1]} "
                f"({first.id!r} at {first.doc.display}:{first.line()}); supersede the older "
                "claim with superseded_by",
            )
        else:
            seen[key] = entry
    if used is not None:
        yield from _unused_series(index, used)


def _point_key(entry: Entry, index: Index, series_id: str) -> tuple[str, str] | None:
    series = index.find("series", series_id)
    if series is None or not series.ok("per"):
        return None
    if series.raw["per"] == "model":
        products = subject_products(entry, index)
        return (series_id, products[0]) if products and len(products) == 1 else None
    period = point_period(entry)
    return None if period is None else (series_id, period.display)


def _unused_series(index: Index, used: set[str]) -> Found:
    if not index.complete.get("claim"):
        return
    for series_id, entry in index.by_id.get("series", {}).items():
        if series_id not in used:
            yield entry.problem(
                ("id",),
                Code.UNUSED_SERIES,
                f"series {series_id!r} has no points: no figure names it; use it or remove it",
            )


CORPUS_RULES: tuple[CorpusCheck, ...] = (
    supersession_is_sound,
    sources_are_cited,
    series_points_are_unique,
)
