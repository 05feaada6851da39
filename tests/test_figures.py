"""Figures as their sources gave them: every figure of the real facts appears in its statement
with its qualifier's words (checked here with a formatter of our own, not figtext's), and
figtext finds any number written in the usual ways with the qualifier it was written with."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from briefing import figtext, vocab
from briefing.pipeline import check

from .conftest import FACTS

SCALE_WORDS = {"one": "", "thousand": "thousand", "million": "million", "billion": "billion"}
CURRENCY = r"(?:USD\s*|US\$|\$|¥|CNY\s*|RMB\s*)?"


def real_figures() -> list[tuple[str, str, dict]]:
    """(claim id, statement, figure) of every claim with a figure, read straight from YAML."""
    found = []
    for path in sorted(Path(FACTS).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for claim in data.get("claims") or ():
            if claim.get("figure"):
                statement = " ".join(str(claim["statement"]).split())
                found.append((claim["id"], statement, claim["figure"]))
    return found


def number_pattern(value: int | float) -> str:
    """The value as people may write it: 410000 as 410,000 or 410000; 34.4 as 34.4 or 34.40."""
    text = format(Decimal(repr(value)), "f") if isinstance(value, float) else str(value)
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}"
    number = f"(?:{re.escape(grouped)}|{whole})"
    if fraction.strip("0"):
        number += re.escape("." + fraction.rstrip("0")) + "0*"
    return rf"(?<![\d.,]){number}(?![\d]|[.,]\d)"


def appears(statement: str, figure: dict) -> bool:
    """The figure's number (and scale word) is in the statement, right after its qualifier's
    words, or, for an exact figure, after no qualifying word."""
    qualifier = figure.get("qualifier", "exact")
    scale = SCALE_WORDS[figure.get("scale", "one")]
    number = number_pattern(figure["value"])
    number += rf"\s+{scale}\b" if scale else r"(?!\s+(?:thousand|million|billion)\b)"
    every = [w for words in vocab.QUALIFIER_WORDS.values() for w in words]
    for match in re.finditer(CURRENCY + number, statement):
        before = statement[: match.start()].rstrip().lower()
        said = [w for w in every if re.search(rf"(?:^|\W){re.escape(w)}$", before)]
        if qualifier == "exact" and not said:
            return True
        if qualifier != "exact" and set(said) & set(vocab.QUALIFIER_WORDS[qualifier]):
            return True
    return False


FIGURES = real_figures()


def test_the_real_facts_have_figures_of_every_common_kind():
    assert len(FIGURES) >= 40
    qualifiers = {figure.get("qualifier", "exact") for _, _, figure in FIGURES}
    assert {"exact", "about", "more-than", "almost"} <= qualifiers


@pytest.mark.parametrize(("claim", "statement", "figure"), FIGURES, ids=[f[0] for f in FIGURES])
def test_every_real_figure_appears_in_its_statement_with_its_qualifier(claim, statement, figure):
    plain = re.sub(r"\*\*|__|`|\[([^\]]*)\]\([^)]*\)", r"\1", statement)
    assert appears(plain, figure), (claim, figure, plain)


def test_the_independent_check_catches_a_lost_or_wrong_qualifier():
    said = "Xiaomi delivered more than 410,000 cars and 34.40 million in all."
    assert appears(said, {"value": 410000, "qualifier": "more-than"})
    assert not appears(said, {"value": 410000})  # exported as exact: the words are lost
    assert not appears(said, {"value": 410000, "qualifier": "about"})
    assert not appears(said, {"value": 41000, "qualifier": "more-than"})
    assert appears(said, {"value": 34.4, "scale": "million"})
    assert not appears(said, {"value": 34.4})  # the scale word is part of the number


def test_cards_print_the_qualifier_the_statement_uses():
    briefing = check(FACTS, today=date(2026, 12, 31))
    shown = {c.id: c.figure.display for c in briefing.claims if c.figure}
    assert shown["xiaomi-cumulative-deliveries-february-2026"] == "close to 600,000 vehicles"
    assert shown["xiaomi-deliveries-january-2026"] == "just over 39,000 vehicles"
    assert shown["xiaomi-deliveries-2025"] == "more than 410,000 vehicles"
    assert shown["caam-2025-vehicle-sales"] == "34.40 million vehicles"  # as written, not 34.4
    for claim in briefing.claims:
        if claim.figure and claim.figure.words:
            assert claim.figure.words in claim.statement.lower()


# Round trip: a number written with a qualifier's words is found with that qualifier ----------
QUALIFIED = [(q, w) for q, words in vocab.QUALIFIER_WORDS.items() for w in words]


@st.composite
def written_figures(draw):
    places = draw(st.integers(0, 3))
    units = draw(st.integers(1, 999_999_999 if places == 0 else 99_999))
    value = Decimal(units).scaleb(-places)
    text = f"{value:,.{places}f}"
    if places and draw(st.booleans()):
        text += "0"  # "34.40": a trailing zero the source wrote
    qualifier, words = draw(st.sampled_from([("exact", ""), *QUALIFIED]))
    scale = draw(st.sampled_from(list(SCALE_WORDS)))
    return value, text, qualifier, words, scale


@settings(max_examples=300, deadline=None)
@given(written_figures(), st.sampled_from(["cars", "orders", "yuan", "%"]))
def test_figtext_finds_a_written_number_with_its_qualifier(figure, noun):
    value, text, qualifier, words, scale = figure
    assume(value != 2025)  # the statement's year would be a second, true, occurrence
    number = f"{words} {text}".strip()
    scaled = f"{number} {SCALE_WORDS[scale]}".strip()
    statement = f"In 2025 the company reported {scaled} {noun}, it said."
    number_value = (
        int(value) if value == value.to_integral_value() and "." not in text else float(value)
    )
    found = figtext.find(statement, number_value, scale)
    assert [(w.text, w.qualifier, w.words) for w in found] == [(text, qualifier, words)]
    for other in set(SCALE_WORDS) - {scale}:  # "34.40 million" is never 34.40, nor 34.40 billion
        assert figtext.find(statement, number_value, other) == []
    shown = figtext.display(number_value, "vehicles", scale, qualifier, text, words)
    assert shown.startswith(scaled)


def test_a_quarters_result_is_dated_by_its_quarter_on_the_page():
    briefing = check(FACTS, today=date(2026, 12, 31))
    q3 = briefing.claim("xiaomi-deliveries-q3-2025")
    assert q3.as_of is not None and q3.as_of.iso == "2025-09"
    assert q3.date_label == "Q3 2025"
    yearly = briefing.claim("xiaomi-deliveries-2025")  # a year's figure keeps its own date
    assert yearly.date_label == yearly.as_of.display
    for claim in briefing.claims:  # every label is the claim's date or a quarter holding it
        if claim.as_of and claim.date_label != claim.as_of.display:
            assert claim.figure and claim.figure.period and claim.date_label.startswith("Q")
