"""Where a figure's number is written in its statement, and with which qualifying words.

A figure keeps what the source said: its value must appear in the statement as written
("410,000", "34.40 million", "47.9 %") and its qualifier must agree with the words right
before the number ("more than 410,000" is ``more-than``). The validator uses this to hold
figures to their statements; the renderer uses it to print a card exactly as the statement
writes the number.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from . import markup
from .vocab import CURRENCY_UNITS, QUALIFIER_WORDS, label
from .vocab import SCALE_TERMS as _SCALES

# A number as people write it: 410,000 / 26.275 / 10 / 34.40 / 17th (not part of a word,
# a date or a code).
_NUMBER = re.compile(
    r"(?<![\w.,/-])(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:st|nd|rd|th)?"
    r"(?![\w/-]|[.,]\d)"
)
# Words that may stand between a qualifier and the number: a currency or a sign.
_CURRENCY = re.compile(r"(?:\b(?:USD|CNY|RMB|US\$|yuan)\s*|[$¥€])$", re.IGNORECASE)
_PHRASES = sorted(
    ((phrase, name) for name, phrases in QUALIFIER_WORDS.items() for phrase in phrases),
    key=lambda item: -len(item[0]),
)


@dataclass(frozen=True, slots=True)
class Written:
    """One occurrence of a number in a statement."""

    text: str  # as written, e.g. "410,000" or "34.40"
    qualifier: str  # "exact" or the qualifier whose words stand right before it
    scale_word: str  # "million", "billion", "thousand" or "" right after it


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def qualifier_before(text: str) -> str:
    """The qualifier whose words end ``text`` (the text before a number), or "exact"."""
    before = _CURRENCY.sub("", text.rstrip()).rstrip().lower()
    for phrase, name in _PHRASES:
        if before.endswith(phrase) and (
            len(before) == len(phrase) or not before[-len(phrase) - 1].isalnum()
        ):
            return name
    return "exact"


def _scale_after(text: str) -> str:
    match = re.match(r"\s*(thousand|million|billion)\b", text)
    return match.group(1) if match else ""


@functools.lru_cache(maxsize=8192)
def occurrences(statement: str) -> tuple[tuple[Decimal, Written], ...]:
    """Every number written in the statement (markup removed), with its qualifier."""
    plain = markup.to_plain(statement)
    found = []
    for match in _NUMBER.finditer(plain):
        value = _decimal(match.group("number"))
        if value is None:
            continue
        written = Written(
            match.group("number"),
            qualifier_before(plain[: match.start()]),
            _scale_after(plain[match.end() :]),
        )
        found.append((value, written))
    return tuple(found)


def find(statement: str, value: float, scale: str = "one") -> list[Written]:
    """The occurrences of ``value`` (in ``scale``) in the statement."""
    try:
        wanted = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return []
    scale_word = label(_SCALES, scale)
    return [
        written
        for number, written in occurrences(statement)
        if number == wanted and (scale == "one" or written.scale_word == scale_word)
    ]


def display(value: float, unit: str, scale: str, qualifier: str, written: str) -> str:
    """The figure as a reader reads it: "more than 410,000", "about USD 10 billion"."""
    from .vocab import QUALIFIER_TERMS, UNIT_TERMS

    number = written
    scale_word = label(_SCALES, scale)
    if scale_word:
        number = f"{number} {scale_word}"
    if unit in CURRENCY_UNITS:
        text = f"{unit} {number}" if unit == "USD" else f"{number} yuan"
    elif unit == "percent":
        text = f"{number} %"
    else:
        text = f"{number} {label(UNIT_TERMS, unit)}"
    words = label(QUALIFIER_TERMS, qualifier)
    return f"{words} {text}" if words else text


def plain_number(value: float) -> str:
    """26.275 → "26.275", 215900 → "215,900", 1e20 → "1e+20" (when no written form exists)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = f"{value:,}"
    if isinstance(value, float) and "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return text
