"""The one walker of supersession: from a claim, along ``superseded_by`` (forward, to the
claims that replaced it) or along the reverse links (backward, to the claims it replaced).

The model uses it on validated facts (no cycles, every id known); the validator uses it on raw
entries, where it reports the id met again when a chain loops back on itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Walk:
    start: str
    reached: tuple[str, ...]  # every id reached from ``start``, nearest first
    again: str | None  # the first id met a second time (a cycle), if any

    @property
    def chain(self) -> tuple[str, ...]:
        """``start`` and every id reached after it."""
        return (self.start, *self.reached)


def walk(start: str, following: Callable[[str], Iterable[str]]) -> Walk:
    """Breadth-first from ``start``: ``following(id)`` gives the ids one step on."""
    seen = {start}
    reached: list[str] = []
    queue = [start]
    while queue:
        for step in following(queue.pop(0)):
            if step in seen:
                return Walk(start, tuple(reached), step)
            seen.add(step)
            reached.append(step)
            queue.append(step)
    return Walk(start, tuple(reached), None)


def forward(successor: Callable[[str], str | None]) -> Callable[[str], Iterable[str]]:
    """``following`` for a walk along ``superseded_by``: at most one step from each id."""

    def following(claim_id: str) -> Iterable[str]:
        nxt = successor(claim_id)
        return () if nxt is None else (nxt,)

    return following
