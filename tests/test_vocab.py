"""One owner per vocabulary: every enum of the committed schemas is a vocabulary of
briefing/vocab.py, with the same values, order and meanings; the status names agree
everywhere vocab.py spells them."""

from __future__ import annotations

import typing

import pytest

from briefing import schema, vocab

TERMS = {
    name: terms
    for name, terms in vars(vocab).items()
    if name.endswith("_TERMS") and isinstance(terms, tuple)
}


def _enums(node, where="#"):
    if isinstance(node, dict):
        if "enum" in node:
            yield where, node
        for key, value in node.items():
            yield from _enums(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _enums(value, f"{where}/{i}")


@pytest.mark.parametrize("kind", schema.KINDS)
def test_every_schema_enum_is_a_vocabulary_word_for_word(kind):
    found = list(_enums(schema.schema(kind)))
    assert found, f"{kind}: no enum at all?"
    for where, node in found:
        owners = [n for n, terms in TERMS.items() if [t.name for t in terms] == node["enum"]]
        assert owners, f"{kind} {where}: {node['enum']} is no vocabulary of vocab.py"
        terms = TERMS[owners[0]]
        assert node.get("enumDescriptions") == [t.meaning for t in terms], (kind, where)


def test_the_status_names_agree_wherever_they_are_spelled():
    names = tuple(t.name for t in vocab.STATUS_TERMS)
    assert typing.get_args(vocab.Status) == names
    assert names == vocab.STATUSES
    assert set(vocab.STATUS_RANK) == set(names)
    assert all(t.label and t.meaning and t.standard for t in vocab.STATUS_TERMS)
    kinds = tuple(t.name for t in vocab.CLAIM_KIND_TERMS)
    assert typing.get_args(vocab.ClaimKind) == kinds
    assert set(kinds) >= vocab.REVIEWED_KINDS
    assert set(vocab.SOURCE_KINDS) >= vocab.PRIMARY_SOURCE_KINDS
    assert set(vocab.QUALIFIER_WORDS) == set(vocab.QUALIFIERS) - {"exact"}
    assert set(vocab.SCALE_FACTORS) == set(vocab.SCALES)
    assert set(vocab.UNITS) >= vocab.CURRENCY_UNITS
