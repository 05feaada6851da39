"""Random choices shared by the generator's modules: weighted picks over a vocabulary, days,
ids."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TypeVar

from .records import FIRST_DAY, LAST_DAY

T = TypeVar("T")


def covering(names: Sequence[str], values: Mapping[str, T]) -> dict[str, T]:
    """``values`` for exactly the vocabulary ``names`` (which briefing.vocab owns): a term
    added there and not covered here fails at once rather than never being generated."""
    if set(values) != set(names):
        missing, unknown = set(names) - set(values), set(values) - set(names)
        raise ValueError(f"not the vocabulary's terms: {missing=} {unknown=}")
    return {name: values[name] for name in names}


weights_for = covering


def choose(rng: random.Random, weights: Mapping[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def day_between(rng: random.Random, first: date = FIRST_DAY, last: date = LAST_DAY) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def recent_day(rng: random.Random) -> date:
    """A day between FIRST_DAY and LAST_DAY, more often recent (coverage grows over time)."""
    span = (LAST_DAY - FIRST_DAY).days
    return FIRST_DAY + timedelta(days=round(rng.triangular(0, span, span * 0.85)))


def slug(*parts: str) -> str:
    text = "-".join(p for p in parts if p).lower()
    kept = "".join(c if c.isascii() and c.isalnum() else "-" for c in text)
    return "-".join(filter(None, kept.split("-")))


def unique(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... when taken; recorded as taken."""
    found, n = wanted, 1
    while found in taken:
        n += 1
        found = f"{wanted}-{n}"
    taken.add(found)
    return found
