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
    words: str = ""  # the qualifying words as the statement has them, e.g. "close to"


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def qualifier_before(text: str) -> str:
    """The qualifier whose words end ``text`` (the text before a number), or "exact"."""
    return words_before(text)[0]


def words_before(text: str) -> tuple[str, str]:
    """The qualifier whose words end ``text`` and those words ("almost", "close to"), or
    ("exact", "")."""
    before = _CURRENCY.sub("", text.rstrip()).rstrip().lower()
    for phrase, name in _PHRASES:
        if before.endswith(phrase) and (
            len(before) == len(phrase) or not before[-len(phrase) - 1].isalnum()
        ):
            return name, phrase
    return "exact", ""


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
        qualifier, words = words_before(plain[: match.start()])
        written = Written(
            match.group("number"), qualifier, _scale_after(plain[match.end() :]), words
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
        if number == wanted and written.scale_word == scale_word
    ]


def display(
    value: float, unit: str, scale: str, qualifier: str, written: str, words: str = ""
) -> str:
    """The figure as a reader reads it: "more than 410,000 vehicles", "about USD 10 billion".

    ``words`` are the statement's own qualifying words ("close to", "just over"); without
    them the qualifier's usual words are used ("almost", "more than").
    """
    from .vocab import UNIT_TERMS

    number = scaled(written, scale)
    if unit in CURRENCY_UNITS:
        text = f"{unit} {number}" if unit == "USD" else f"{number} yuan"
    elif unit == "percent":
        text = f"{number} %"
    else:
        text = f"{number} {label(UNIT_TERMS, unit)}"
    return qualified(text, qualifier, words)


def short(unit: str, scale: str, qualifier: str, written: str, words: str = "") -> str:
    """The figure without its unit (a chart's label): "more than 410,000", "26.275 million";
    a percentage keeps its sign ("47.9 %")."""
    number = scaled(written, scale)
    return qualified(f"{number} %" if unit == "percent" else number, qualifier, words)


def scaled(written: str, scale: str) -> str:
    """The number and its scale word: "26.275 million", "410,000"."""
    scale_word = label(_SCALES, scale)
    return f"{written} {scale_word}" if scale_word else written


def qualified(text: str, qualifier: str, words: str = "") -> str:
    """``text`` after the qualifying words: "more than 410,000" (nothing for exact)."""
    from .vocab import QUALIFIER_TERMS

    words = words or label(QUALIFIER_TERMS, qualifier)
    return f"{words} {text}" if words else text


def plain_number(value: float) -> str:
    """26.275 → "26.275", 215900 → "215,900", 1e20 → "1e+20" (when no written form exists)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = f"{value:,}"
    if isinstance(value, float) and "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return text


# Words that end what a number counts: "88,898 orders for the SU7" counts "orders".
_COUNT_ENDS = frozenset(
    [
        "for",
        "in",
        "within",
        "of",
        "after",
        "on",
        "by",
        "from",
        "to",
        "at",
        "and",
        "with",
        "that",
        "which",
        "since",
        "during",
        "before",
    ]
)


def counted(statement: str, written: str) -> str:
    """What the number written as ``written`` counts, in the statement's words: "orders",
    "pre-orders", "locked orders" (at most three words; "" when nothing follows it)."""
    plain = markup.to_plain(statement)
    for match in _NUMBER.finditer(plain):
        if match.group("number") != written:
            continue
        words: list[str] = []
        for word in re.findall(r"[^\s,.;:()]+|[,.;:()]", plain[match.end() :]):
            if word.lower() in _COUNT_ENDS or not word[0].isalpha() or len(words) == 3:
                break
            words.append(word)
        return " ".join(words)
    return ""
