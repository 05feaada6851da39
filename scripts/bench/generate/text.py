"""Synthetic text: sentences with some markup and Chinese names, and figures written out the
way the validator reads them back (``briefing.figtext``)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from briefing.vocab import QUALIFIER_WORDS, SCALE_TERMS, label

from .words import WORDS

# Words that may stand right before a number written with no qualifier.
CONNECTORS = ("reached", "totalled", "came to", "stood at", "amounted to")
_MONTH_NAMES = "January February March April May June July August September October November "
_MONTH_NAMES += "December"
_MONTHS = tuple(_MONTH_NAMES.split())
_ORDINALS = ("first", "second", "third", "fourth")


def words(rng: random.Random, low: int, high: int) -> list[str]:
    """Plain words whose joined length lies between ``low`` and ``high`` characters."""
    target = rng.randint(low, high)
    found: list[str] = []
    length = 0
    while True:
        word = rng.choice(WORDS)
        if length + len(word) + 1 > target:
            return found or [word]
        found.append(word)
        length += len(word) + 1


def mark_up(rng: random.Random, found: list[str], names: tuple[str, ...]) -> list[str]:
    """Now and then one word in emphasis, strong, code, a link or a Chinese name."""
    if len(found) <= 6:
        return found
    roll, i = rng.random(), rng.randrange(1, len(found) - 2)
    marked = found[:]
    if roll < 0.08:
        marked[i] = f"*{found[i]}*"
    elif roll < 0.12:
        marked[i] = f"**{found[i]}**"
    elif roll < 0.14:
        marked[i] = f"`{found[i]}`"
    elif roll < 0.18:
        marked[i : i + 2] = [f"[{found[i]} {found[i + 1]}](https://example.org/{found[i]})"]
    elif roll < 0.25 and names:
        marked[i] = rng.choice(names)
    return marked


def sentence(
    rng: random.Random, low: int, high: int, *, names: tuple[str, ...] = (), markup: bool = False
) -> str:
    """A sentence of ``low`` to ``high`` characters ending with a full stop."""
    found = words(rng, low, high - 1)
    if markup:
        found = mark_up(rng, found, names)
    text = " ".join(found)
    text = text[0].upper() + text[1:] + "."
    while len(text) > high and " " in text:  # markup can overshoot: drop words from the end
        text = text[: text[:-1].rstrip().rfind(" ")] + "."
    return text


@dataclass(frozen=True)
class Number:
    """A number as the statement writes it and as the figure stores it."""

    value: int | float
    written: str


def number(amount: Decimal, decimals: int) -> Number:
    """``amount`` rounded to ``decimals`` places: "410,000", "34.40"."""
    rounded = round(amount, decimals)
    if decimals == 0:
        return Number(int(rounded), f"{int(rounded):,}")
    return Number(float(rounded), f"{rounded:,.{decimals}f}")


def figure_phrase(rng: random.Random, written: str, unit: str, scale: str, qualifier: str) -> str:
    """How a statement writes a figure: "more than 410,000 cars", "about USD 1.2 billion"."""
    scale_word = label(SCALE_TERMS, scale)
    amount = f"{written} {scale_word}" if scale_word else written
    if unit == "USD":
        text = f"USD {amount}"
    elif unit == "CNY":
        text = f"{amount} yuan"
    elif unit == "percent":
        text = f"{amount} %"
    elif unit == "vehicles":
        text = f"{amount} {rng.choice(('vehicles', 'cars'))}"
    elif unit == "vehicles-per-year":
        text = f"{amount} cars a year"
    else:
        text = f"{amount} {unit}"
    if qualifier == "exact":
        return text
    return f"{rng.choice(QUALIFIER_WORDS[qualifier])} {text}"


def period_words(period: str) -> str:
    """ "2024" → "in 2024"; "2024-Q3" → "in the third quarter of 2024"; "2024-03" → "in
    March 2024"."""
    year, _, rest = period.partition("-")
    if not rest:
        return f"in {year}"
    if rest.startswith("Q"):
        return f"in the {_ORDINALS[int(rest[1]) - 1]} quarter of {year}"
    return f"in {_MONTHS[int(rest) - 1]} {year}"


def capitalised(text: str) -> str:
    return text[0].upper() + text[1:]
