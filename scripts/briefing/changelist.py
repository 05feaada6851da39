"""What one change to the facts lists on the What's new page and in the Atom feed.

Each kind of change is a :class:`Listing`: the items shown (at most ``limit``) and how many
more there are, so a long change is cut, never silently truncated. Derived per change:

- ``added``, ``status_changed``, ``superseded``, ``unsuperseded``, ``reworded``,
  ``sources_changed``, ``removed``, ``moved``, ``claims_changed``: claim items of the diff;
- ``records``: for sources, entities … the counts added, removed and changed, zeros left out;
- ``topics``: the topic pages (or files) added, removed or whose header changed.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from .factdiff import FactDiff


@dataclass(frozen=True, slots=True)
class Listing:
    """The items of one kind of change that are shown, and how many are left out."""

    items: tuple[Any, ...]
    more: int = 0

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True, slots=True)
class ChangeList:
    """Everything one change lists, each kind of claim change cut at the same limit."""

    added: Listing
    status_changed: Listing
    superseded: Listing
    unsuperseded: Listing
    reworded: Listing
    sources_changed: Listing
    removed: Listing
    moved: Listing
    claims_changed: Listing
    records: tuple[tuple[str, tuple[tuple[int, str], ...]], ...]
    topics: tuple[str, ...]


# Each kind of claim change a ChangeList lists: its fields that hold a Listing.
CLAIM_KINDS = tuple(f.name for f in fields(ChangeList) if f.type == "Listing")


def listing(items: list[Any], limit: int) -> Listing:
    """The first ``limit`` items and the count of the rest."""
    return Listing(tuple(items[:limit]), max(0, len(items) - limit))


def change_list(diff: FactDiff, limit: int) -> ChangeList:
    """What a change lists: each kind of claim change, record counts and topic pages."""
    records = []
    for key, sections in sorted(diff.records.items()):
        counts = [(len(sections.added), "added"), (len(sections.removed), "removed")]
        counts.append((len(sections.changed), "changed"))
        shown = tuple((n, what) for n, what in counts if n)
        if shown:
            records.append((key, shown))
    files = diff.topics_added + diff.topics_removed + diff.headers_changed
    claims = {kind: listing(getattr(diff, kind), limit) for kind in CLAIM_KINDS}
    topics = tuple(change["topic"] or change["file"] for change in files)
    return ChangeList(**claims, records=tuple(records), topics=topics)
