"""Supersession chains of two or three claims, each successor dated later; half of them stay
in one topic, the others cross topics."""

from __future__ import annotations

import itertools
import random
from datetime import date

from .records import Claim


def _chain(rng: random.Random, source: list[Claim], length: int, taken: set[str]) -> list[Claim]:
    """Up to ``length`` claims from ``source``, not yet in a chain, on different days."""
    chain: list[Claim] = []
    days: set[date] = set()
    while source and len(chain) < length:
        claim = source.pop()
        if claim.id in taken or claim.day in days:
            continue
        chain.append(claim)
        days.add(claim.day)
        taken.add(claim.id)
    return sorted(chain, key=lambda c: c.day)


def _point(claim: Claim) -> bool:
    """A point of a series: its revisions are chained by the series (points.py)."""
    return claim.figure is not None and claim.figure.series is not None


def link_chains(rng: random.Random, claims: list[Claim], share: float = 0.06) -> int:
    """Link about ``share`` of ``claims`` (those dated to the day) to a later successor; the
    number of links made."""
    pool = [c for c in claims if c.precision == "day" and c.superseded_by is None and not _point(c)]
    rng.shuffle(pool)
    by_topic: dict[int, list[Claim]] = {}
    for claim in pool:
        by_topic.setdefault(claim.topic, []).append(claim)
    wanted, linked = int(len(claims) * share), 0
    taken: set[str] = set()
    while linked < wanted and pool:
        topics = [topic for topic, left in by_topic.items() if len(left) >= 2]
        one_topic = bool(topics) and rng.random() < 0.5
        source = by_topic[rng.choice(topics)] if one_topic else pool
        chain = _chain(rng, source, rng.choice((2, 2, 2, 3)), taken)
        if len(chain) < 2:
            if one_topic:
                continue  # that topic's list got shorter: the loop ends
            break
        for earlier, later in itertools.pairwise(chain):
            earlier.superseded_by = later.id
            linked += 1
    return linked
