"""Each kind of validation problem, with the line it is reported on."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.errors import Code
from briefing.load import load_dir
from briefing.validate import validate

TODAY = date(2026, 11, 24)

TOPIC = """\
# yaml-language-server: $schema=../../../scripts/briefing/schemas/topic.schema.json
title: Plans
summary: What the phone maker plans.
claims:
{claims}"""


def claims_text(*blocks: str) -> str:
    return TOPIC.format(claims="".join(blocks))


def problems_for(facts_dir, files):
    folder = facts_dir(files)
    return [
        (p.path.split("/")[-1], p.line, p.code)
        for p in validate(load_dir(folder, folder.parent), today=TODAY)
    ]


def messages_for(facts_dir, files):
    folder = facts_dir(files)
    return [p.format() for p in validate(load_dir(folder, folder.parent), today=TODAY)]


def test_the_mini_fact_set_is_valid(facts_dir):
    assert problems_for(facts_dir, {}) == []


GOOD = """\
  - id: plans-cars
    statement: The phone maker announced it would build cars.
    status: reported
    kind: event
    as_of: "2021-03"
    sources: [wire-copy]
  - id: plans-partner
    statement: It wants a partner.
    status: speculation
    kind: view
    sources: [undated-article, stats-office]
"""


@pytest.mark.parametrize(
    ("claim", "line", "code", "words"),
    [
        (
            "  - id: x\n    status: reported\n    kind: event\n    sources: [wire-copy]\n",
            16,
            Code.MISSING_FIELD,
            "missing required field 'statement'",
        ),
        (
            "  - id: x\n    statment: S.\n    statement: S.\n    status: reported\n    kind: event\n"
            "    sources: [wire-copy]\n",
            17,
            Code.UNKNOWN_FIELD,
            "did you mean 'statement'",
        ),
        (
            "  - id: x\n    statement: [a list]\n    status: reported\n    kind: event\n    sources: [wire-copy]\n",
            17,
            Code.WRONG_TYPE,
            "expected text, got a list",
        ),
        (
            "  - id: x\n    statement: S.\n    status: confimed\n    kind: event\n    sources: [wire-copy]\n",
            18,
            Code.BAD_VALUE,
            "did you mean 'confirmed'",
        ),
        (
            "  - id: Bad_Id\n    statement: S.\n    status: reported\n    kind: event\n    sources: [wire-copy]\n",
            16,
            Code.BAD_ID,
            "not a valid id",
        ),
        (
            "  - id: x\n    statement: S.\n    status: reported\n    kind: event\n    as_of: 2023-13\n"
            "    sources: [wire-copy]\n",
            20,
            Code.BAD_DATE,
            "has no month 13",
        ),
        (
            '  - id: x\n    statement: S.\n    status: reported\n    kind: event\n    as_of: "2021-02-30"\n'
            "    sources: [wire-copy]\n",
            20,
            Code.BAD_DATE,
            "not a real day",
        ),
        (
            "  - id: x\n    statement: S.\n    status: reported\n    kind: event\n    as_of: last year\n"
            "    sources: [wire-copy]\n",
            20,
            Code.BAD_DATE,
            "is not a date",
        ),
        (
            "  - id: x\n    statement: S.\n    status: reported\n    kind: event\n    sources: []\n",
            20,
            Code.EMPTY,
            "cite at least one source",
        ),
        (
            "  - id: x\n    statement: S.\n    status: reported\n    kind: event\n    sources: [wire-cpy]\n",
            20,
            Code.UNKNOWN_SOURCE,
            "did you mean 'wire-copy'",
        ),
        (
            "  - id: x\n    statement: S.\n    status: reported\n    kind: event\n    sources: [wire-copy]\n"
            "    subjects: [phone-makr]\n",
            21,
            Code.UNKNOWN_ENTITY,
            "did you mean 'phone-maker'",
        ),
        (
            "  - id: x\n    statement: S.\n    status: reported\n    kind: event\n    sources: [wire-copy]\n"
            "    superseded_by: nowhere\n",
            21,
            Code.UNKNOWN_CLAIM,
            "unknown claim 'nowhere'",
        ),
        (
            "  - id: x\n    statement: S.\n    status: reported\n    kind: event\n    sources: [wire-copy]\n"
            "    superseded_by: x\n",
            21,
            Code.SUPERSEDED_CYCLE,
            "cannot supersede itself",
        ),
        (
            "  - id: plans-cars\n    statement: S.\n    status: reported\n    kind: event\n    sources: [wire-copy]\n",
            16,
            Code.DUPLICATE_ID,
            "already used at facts/plans.yaml:5",
        ),
        (
            "  - id: x\n    statement: '   '\n    status: reported\n    kind: event\n    sources: [wire-copy]\n",
            17,
            Code.EMPTY,
            "only white space",
        ),
        (
            '  - id: x\n    statement: "bell\\a"\n    status: reported\n    kind: event\n    sources: [wire-copy]\n',
            17,
            Code.CONTROL_CHARACTER,
            "control character",
        ),
        (
            "  - id: x\n    statement: See [it](javascript:alert(1)).\n    status: reported\n    kind: event\n"
            "    sources: [wire-copy]\n",
            17,
            Code.BAD_LINK,
            "'javascript:alert",
        ),
        (
            '  - id: x\n    statement: S.\n    status: reported\n    kind: event\n    as_of: "2099"\n'
            "    sources: [wire-copy]\n",
            20,
            Code.FUTURE_DATE,
            "in the future",
        ),
        (
            '  - id: x\n    statement: S.\n    status: reported\n    kind: event\n    as_of: "2022"\n'
            "    sources: [wire-copy]\n",
            20,
            Code.AS_OF_AFTER_SOURCES,
            "later than every dated",
        ),
        (
            "  - id: x\n    statement: S.\n    status: reported\n    kind: event\n"
            "    sources: [wire-copy, wire-copy]\n",
            20,
            Code.DUPLICATE_CITATION,
            "cited twice",
        ),
    ],
)
def test_claim_problems(facts_dir, claim, line, code, words):
    folder = facts_dir({"plans.yaml": claims_text(GOOD, claim)})
    problems = validate(load_dir(folder, folder.parent), today=TODAY)
    assert [(p.line, p.code) for p in problems] == [(line, code)], [p.format() for p in problems]
    assert words in problems[0].message


def test_every_problem_is_reported_at_once(facts_dir):
    bad = (
        "  - id: x\n    statement: S.\n    status: nope\n    kind: event\n    sources: [wire-copy]\n"
        "  - id: y\n    statement: S.\n    status: reported\n    kind: event\n    sources: [missing]\n"
        "    subjects: [nobody]\n"
    )
    found = problems_for(facts_dir, {"plans.yaml": claims_text(GOOD, bad)})
    # A schema problem in one entry hides nothing: the other entry's references are checked.
    assert found == [
        ("plans.yaml", 18, Code.BAD_VALUE),
        ("plans.yaml", 25, Code.UNKNOWN_SOURCE),
        ("plans.yaml", 26, Code.UNKNOWN_ENTITY),
    ]
    sources = "sources:\n  - id: s\n    title: T\n"
    found = problems_for(facts_dir, {"sources.yaml": sources})
    codes = [c for _, _, c in found]
    assert codes.count(Code.MISSING_FIELD) == 4
    # Ids are still read from the broken file, so citations (six by claims, two by entities)
    # are checked against them.
    assert codes.count(Code.UNKNOWN_SOURCE) == 8


def test_supersession_cycle_and_successor_dates(facts_dir):
    cycle = (
        '  - id: a\n    statement: S.\n    status: reported\n    kind: event\n    as_of: "2021"\n'
        "    sources: [wire-copy]\n    superseded_by: b\n"
        '  - id: b\n    statement: S.\n    status: reported\n    kind: event\n    as_of: "2021"\n'
        "    sources: [wire-copy]\n    superseded_by: a\n"
    )
    found = problems_for(facts_dir, {"plans.yaml": claims_text(GOOD, cycle)})
    assert [c for _, _, c in found] == [Code.SUPERSEDED_CYCLE]
    not_later = (
        '  - id: a\n    statement: S.\n    status: reported\n    kind: event\n    as_of: "2021-03"\n'
        "    sources: [wire-copy]\n    superseded_by: b\n"
        '  - id: b\n    statement: S.\n    status: reported\n    kind: event\n    as_of: "2021-03-01"\n'
        "    sources: [wire-copy]\n"
    )
    found = problems_for(facts_dir, {"plans.yaml": claims_text(GOOD, not_later)})
    assert found == [("plans.yaml", 22, Code.SUCCESSOR_NOT_LATER)]


def test_source_problems(facts_dir):
    sources = """\
sources:
  - id: undated-article
    title: T
    publisher: null
    url: javascript:alert(1)
    published: null
    retrieved: "2026-11-24"
  - id: wire-copy
    title: T
    publisher: P
    url: HTTPS://Example.org/a
    published: "2021-03-30"
    retrieved: "2026-11-24"
    relays: [phone-maker]
  - id: stats-office
    title: T
    publisher: P
    url: ftp://example.org/
    published: "2024-01-12"
    retrieved: 2026-11-24
    kind: blog
  - id: unused
    title: T
    publisher: P
    url: null
    published: null
    retrieved: "2026-11-24"
"""
    found = problems_for(facts_dir, {"sources.yaml": sources})
    assert found == [
        ("sources.yaml", 5, Code.BAD_URL),
        ("sources.yaml", 18, Code.BAD_URL),
        ("sources.yaml", 21, Code.BAD_VALUE),
        ("sources.yaml", 22, Code.UNCITED_SOURCE),
    ]
    sources = sources.replace("javascript:alert(1)", "null").replace("ftp:", "https:")
    found = problems_for(facts_dir, {"sources.yaml": sources.replace("kind: blog", "kind: data")})
    assert found == [("sources.yaml", 22, Code.UNCITED_SOURCE)]


def test_duplicate_ids_across_files(facts_dir):
    other = claims_text(
        "  - id: plans-cars\n    statement: Again.\n    status: reported\n    kind: event\n"
        "    sources: [wire-copy]\n"
    )
    found = messages_for(facts_dir, {"other.yaml": other})
    assert len(found) == 1
    assert found[0].startswith("facts/plans.yaml:7:9: E300 claim id 'plans-cars' is already used")
    assert "at facts/other.yaml:5" in found[0]


def test_a_list_where_a_mapping_belongs(facts_dir):
    found = messages_for(facts_dir, {"market.yaml": "- title: Market\n- claims: []\n"})
    assert found == [
        "facts/market.yaml:1:1: E202 the file: expected a mapping (key: value lines), got a list"
    ]


def test_topic_file_names_are_slugs(facts_dir):
    found = problems_for(
        facts_dir,
        {
            "Bad-Name.yaml": claims_text(
                "  - id: q\n    statement: S.\n    status: reported\n    kind: event\n    sources: [wire-copy]\n"
            )
        },
    )
    assert ("Bad-Name.yaml", 1, Code.BAD_ID) in found


def test_claim_ids_cannot_take_the_pages_own_anchors(facts_dir):
    claim = "  - id: section-claims\n    statement: S.\n    status: reported\n    kind: event\n    sources: [wire-copy]\n"
    found = messages_for(facts_dir, {"plans.yaml": claims_text(GOOD, claim)})
    assert len(found) == 1 and "E204 claim id 'section-claims' starts with a prefix" in found[0]
