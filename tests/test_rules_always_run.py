"""The validator's rules always run: nothing hides another problem, nothing lands elsewhere.

One test per way the check could be fooled (the audit of issue 10 called them B1-B8), each on
a copy of the mini or the real fact set with a few lines edited as an editor would.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from briefing.errors import Code
from briefing.load import load_dir
from briefing.validate import Report, validate_report

from .conftest import FACTS, MINI, run_briefing

TODAY = date(2026, 12, 31)
Edits = dict[str, list[tuple[str, str]]]


def edited(tmp_path: Path, edits: Edits, base: Path = MINI) -> Path:
    """A copy of ``base`` with each (old, new) replaced once in the named file."""
    facts = tmp_path / "facts"
    shutil.copytree(base, facts)
    for name, changes in edits.items():
        path = facts / name
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return facts


def report_for(facts: Path) -> Report:
    return validate_report(load_dir(facts, facts.parent), today=TODAY)


def found(report: Report) -> list[tuple[str, int, int, str]]:
    return sorted(
        (p.path.removeprefix("facts/"), p.line, p.col, p.code.value) for p in report.problems
    )


def at(facts: Path, name: str, text: str, code: str, skip: int = 0) -> tuple[str, int, int, str]:
    """Where ``text`` first is in ``name`` (plus ``skip`` characters), as ``found`` lists it."""
    lines = (facts / name).read_text("utf-8").split("\n")
    line, col = next((i, line.index(text)) for i, line in enumerate(lines, 1) if text in line)
    return (name, line, col + 1 + skip, code)


# B1: the skip note ----------------------------------------------------------------------------
def test_a_rule_that_cannot_run_is_counted_and_the_note_printed(tmp_path):
    facts = edited(
        tmp_path,
        {"sources.yaml": [('published: "2024-01-12"', "published: 2024")]},
    )
    report = report_for(facts)
    assert found(report) == [at(facts, "sources.yaml", "published: 2024", "E202", skip=11)]
    # published_is_real and retrieved_not_before_published in the source; the date of the
    # claim citing it (as_of_not_after_sources) in market.yaml.
    assert [n.text for n in report.notes()] == [
        "1 check in facts/market.yaml skipped until the problems above are fixed.",
        "2 checks in facts/sources.yaml skipped until the problems above are fixed.",
    ]


def test_the_skip_note_in_every_output_format(tmp_path):
    edited(tmp_path, {"plans.yaml": [("status: confirmed", "status: confimed")]})
    text = run_briefing("check", "--facts", "facts", cwd=tmp_path)
    assert text.returncode == 1
    assert text.stdout.splitlines()[-2:] == [
        "Found 1 problem in 1 file.",
        "2 checks in facts/plans.yaml skipped until the problems above are fixed.",
    ]
    as_json = run_briefing("check", "--facts", "facts", "--format", "json", cwd=tmp_path)
    data = json.loads(as_json.stdout)
    assert [p["code"] for p in data["problems"]] == ["E203"]
    assert data["skipped"] == [
        {
            "path": "facts/plans.yaml",
            "checks": 2,
            "message": "2 checks in facts/plans.yaml skipped until the problems above are fixed.",
        }
    ]
    github = run_briefing("check", "--facts", "facts", "--format", "github", cwd=tmp_path)
    assert github.stdout.splitlines()[-1] == (
        "::notice file=facts/plans.yaml,title=Checks skipped::2 checks in facts/plans.yaml "
        "skipped until the problems above are fixed."
    )
    shutil.rmtree(tmp_path / "facts")
    edited(tmp_path, {})
    ok = run_briefing("check", "--facts", "facts", "--format", "json", cwd=tmp_path)
    assert ok.returncode == 0 and json.loads(ok.stdout) == {"problems": [], "skipped": []}


def test_a_file_that_cannot_be_parsed_says_all_its_checks_were_skipped(tmp_path):
    facts = edited(
        tmp_path,
        {
            "market.yaml": [("title: Market", 'title: "Market')],
            "plans.yaml": [("status: confirmed", "status: confimed")],
        },
    )
    report = report_for(facts)
    assert [(p.path, p.code) for p in report.problems] == [
        ("facts/market.yaml", Code.YAML_SYNTAX),
        ("facts/plans.yaml", Code.BAD_VALUE),
    ]
    assert [n.text for n in report.notes()] == [
        "All checks in facts/market.yaml skipped until the problems above are fixed.",
        "2 checks in facts/plans.yaml skipped until the problems above are fixed.",
    ]


def test_a_valid_fact_set_has_no_note(tmp_path):
    report = report_for(edited(tmp_path, {}))
    assert report.problems == [] and report.notes() == []


# B2: a problem the loader can live with hides nothing else in the file -------------------------
def test_a_duplicate_key_hides_nothing_else_in_the_file(tmp_path):
    facts = edited(
        tmp_path,
        {
            "plans.yaml": [
                ("    kind: event\n", "    kind: event\n    kind: state\n"),
                ("status: speculation", "status: rumoured"),
                ("sources: [wire-copy, undated-article]", "sources: [wire-copy, undated-artcle]"),
            ]
        },
    )
    assert found(report_for(facts)) == [
        at(facts, "plans.yaml", "kind: state", "E102"),
        at(facts, "plans.yaml", "rumoured", "E203"),
        at(facts, "plans.yaml", "undated-artcle", "E301"),
    ]


def test_a_duplicate_id_key_makes_references_uncertain_not_wrong(tmp_path):
    # Which of the two ids is meant cannot be known: a citation of either is not "unknown".
    facts = edited(
        tmp_path,
        {
            "sources.yaml": [("  - id: wire-copy\n", "  - id: wire-copy\n    id: wire-copy-2\n")],
            "plans.yaml": [("sources: [wire-copy]", "sources: [wire-copy-2]")],
        },
    )
    report = report_for(facts)
    assert found(report) == [at(facts, "sources.yaml", "id: wire-copy-2", "E102")]
    assert report.notes()


def test_an_unreadable_character_is_reported_where_it_is_and_the_rest_checked(tmp_path):
    facts = edited(
        tmp_path,
        {
            "plans.yaml": [
                ("would build", "would\x00 build"),
                ("status: speculation", "status: rumoured"),
            ]
        },
    )
    assert found(report_for(facts)) == [
        at(facts, "plans.yaml", "\x00", "E209"),
        at(facts, "plans.yaml", "rumoured", "E203"),
    ]


def test_a_tag_is_reported_once_and_the_rest_checked(tmp_path):
    facts = edited(
        tmp_path,
        {
            "plans.yaml": [
                ('as_of: "2021-03"', 'as_of: !!timestamp "2021-03"'),
                ("status: speculation", "status: rumoured"),
            ]
        },
    )
    assert found(report_for(facts)) == [
        at(facts, "plans.yaml", "!!timestamp", "E103"),
        at(facts, "plans.yaml", "rumoured", "E203"),
    ]


# B3: a rule skips only what it cannot read ----------------------------------------------------
def test_a_malformed_published_does_not_hide_a_future_retrieved(tmp_path):
    facts = edited(
        tmp_path,
        {
            "sources.yaml": [
                (
                    'published: "2024-01-12"\n    retrieved: "2026-11-24"',
                    'published: 2024\n    retrieved: "2031-01-01"',
                )
            ]
        },
    )
    assert found(report_for(facts)) == [
        at(facts, "sources.yaml", "published: 2024", "E202", skip=11),
        at(facts, "sources.yaml", '"2031-01-01"', "E308"),
    ]


def test_a_malformed_as_of_does_not_hide_a_future_checked(tmp_path):
    facts = edited(
        tmp_path,
        {
            "plans.yaml": [
                ('checked: "2021-04-01"', 'checked: "2031-01-01"'),
                ('as_of: "2021-03-30"', "as_of: [2021]"),
            ]
        },
    )
    assert found(report_for(facts)) == [
        at(facts, "plans.yaml", "[2021]", "E202"),
        at(facts, "plans.yaml", '"2031-01-01"', "E308"),
    ]


def test_one_malformed_citation_does_not_hide_an_unknown_one_next_to_it(tmp_path):
    facts = edited(
        tmp_path,
        {
            "plans.yaml": [
                (
                    "sources: [wire-copy, undated-article]",
                    "sources: [{locator: p. 2}, Bad_Id, 7, wire-cpy]",
                )
            ]
        },
    )
    report = report_for(facts)
    assert found(report) == [
        at(facts, "plans.yaml", "{locator", "E200"),
        at(facts, "plans.yaml", "Bad_Id", "E204"),
        at(facts, "plans.yaml", "7, ", "E202"),
        at(facts, "plans.yaml", "wire-cpy", "E301"),
    ]
    messages = [p.message for p in sorted(report.problems, key=lambda p: p.col)]
    assert messages[0] == "missing required field 'source' in this citation"  # B6
    assert "did you mean 'wire-copy'" in messages[3]


def test_a_misspelt_citation_key_leaves_its_source_checked(tmp_path):
    facts = edited(
        tmp_path,
        {
            "plans.yaml": [
                (
                    "      - source: undated-article\n        locator:",
                    "      - source: undated-artcle\n        locatr:",
                )
            ]
        },
    )
    report = report_for(facts)
    assert found(report) == [
        at(facts, "plans.yaml", "undated-artcle", "E301"),
        at(facts, "plans.yaml", "locatr", "E201"),
    ]
    assert any("did you mean 'locator'" in p.message for p in report.problems)


# B4: a problem in one entry never lands on another --------------------------------------------
def test_unsound_data_of_one_entry_fires_no_rule_about_another(tmp_path):
    # The audit's four edits: 9 problems were reported for 4 mistakes, five of them on
    # healthy entries (E306, E320 twice, E319, E322).
    facts = edited(
        tmp_path,
        {
            "entities.yaml": [
                (
                    "  - id: su7\n    name: Xiaomi SU7\n    kind: product\n",
                    "  - id: su7\n    name: Xiaomi SU7\n",
                )
            ],
            "series.yaml": [
                (
                    "    title: Xiaomi car deliveries per year\n    unit: vehicles\n",
                    "    title: Xiaomi car deliveries per year\n",
                )
            ],
            "sources.yaml": [
                (
                    '    published: "2026-02-28"\n    retrieved: "2026-11-25"',
                    '    retrieved: "2026-11-25"',
                )
            ],
            "market-outlook.yaml": [("figure: {value: 12.89,", 'figure: {value: "12.9",')],
        },
        base=FACTS,
    )
    report = report_for(facts)
    assert sorted((p.path, p.code.value) for p in report.problems) == [
        ("facts/entities.yaml", "E200"),
        ("facts/market-outlook.yaml", "E202"),
        ("facts/series.yaml", "E200"),
        ("facts/sources.yaml", "E200"),
    ]
    assert report.notes()  # what could not be judged is said


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("sources.yaml", "  - id: wire-copy\n"),
        ("entities.yaml", "  - id: phone-maker\n"),
        ("plans.yaml", "  - id: plans-own-factory\n"),
        ("series.yaml", "  - id: market-sales\n"),
    ],
)
def test_a_deleted_id_is_reported_once_not_at_every_reference(tmp_path, name, entry):
    facts = edited(tmp_path, {name: [(entry, "  -\n")]})
    report = report_for(facts)
    line = (facts / name).read_text("utf-8").split("\n").index("  -") + 2
    assert found(report) == [(name, line, 5, "E200")], [p.format() for p in report.problems]
    assert report.problems[0].message == "missing required field 'id' in this entry"


def test_a_reference_is_still_judged_where_it_is_certain(tmp_path):
    # A source without an id cannot be told from a typo; a duplicate citation can.
    facts = edited(
        tmp_path,
        {
            "sources.yaml": [("  - id: stats-office\n", "  -\n")],
            "plans.yaml": [
                ("sources: [wire-copy, undated-article]", "sources: [wire-copy, wire-copy]")
            ],
        },
    )
    assert sorted(p.code for p in report_for(facts).problems) == [
        Code.MISSING_FIELD,
        Code.DUPLICATE_CITATION,
    ]


# B5, B6: one problem per field, and the right one ---------------------------------------------
@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("status: confirmed", "status: 5", "status: expected text, got a whole number"),
        ("kind: event", "kind: [event]", "kind: expected text, got a list"),
        (
            'as_of: "2021-03"',
            "as_of: true",
            "as_of: expected text or a whole number, got true/false",
        ),
        ("sources: [wire-copy]", "sources: wire-copy", "sources: expected a list, got text"),
    ],
)
def test_a_wrong_type_is_one_problem(tmp_path, old, new, expected):
    facts = edited(tmp_path, {"plans.yaml": [(old, new)]})
    report = report_for(facts)
    assert [p.message for p in report.problems] == [expected]


# B7: invisible characters at their own line and column -----------------------------------------
@pytest.mark.parametrize(
    ("char", "words"),
    [
        ("\u202e", "direction control (RIGHT-TO-LEFT OVERRIDE, U+202E)"),
        ("\u2066", "direction control (LEFT-TO-RIGHT ISOLATE, U+2066)"),
        ("\x85", "line-break character (NEXT LINE, U+0085)"),
        ("\u2028", "line-break character (LINE SEPARATOR, U+2028)"),
        ("\x07", "control character (BELL, U+0007) that YAML cannot read"),
    ],
)
def test_an_invisible_character_is_reported_at_its_own_line_and_column(tmp_path, char, words):
    # In the second line of a folded statement, and a real problem further down.
    facts = edited(
        tmp_path,
        {
            "market.yaml": [
                (
                    'statement: The market is expected to grow <fast> & "far".',
                    "statement: >-\n      The market is expected\n      to grow"
                    + char
                    + " <fast>.",
                ),
                ("tags: [growth]", "tags: [Growth]"),
            ]
        },
    )
    report = report_for(facts)
    assert found(report) == [
        at(facts, "market.yaml", char, "E209"),
        at(facts, "market.yaml", "Growth", "E204"),
    ]
    assert words in report.problems[0].message


def test_an_escaped_control_character_is_reported_at_its_value(tmp_path):
    facts = edited(tmp_path, {"market.yaml": [('grow <fast> & "far".', 'grow \\u202e fast."')]})
    facts.joinpath("market.yaml").write_text(
        facts.joinpath("market.yaml")
        .read_text()
        .replace("statement: The market", 'statement: "The market'),
    )
    report = report_for(facts)
    assert found(report) == [at(facts, "market.yaml", '"The market', "E209")]
    assert "RIGHT-TO-LEFT OVERRIDE" in report.problems[0].message


# B8: placeholders as the skeleton writes them, and near misses ---------------------------------
def test_skeleton_ids_are_only_the_skeletons_own(tmp_path):
    claim = (
        "  - id: {id}\n    statement: The phone maker filed a patent.\n    status: reported\n"
        '    kind: event\n    as_of: "2021-03"\n    sources: [wire-copy]\n'
    )
    for claim_id, refused in [
        ("plans-claim-2", True),
        ("market-claim-1", True),
        ("xiaomi-patent-claim-2024", False),
        ("plans-claim-two", False),
        ("claim-3", False),
    ]:
        facts = edited(
            tmp_path / claim_id,
            {"plans.yaml": [("claims:\n", "claims:\n" + claim.format(id=claim_id))]},
        )
        codes = [p.code for p in report_for(facts).problems]
        assert codes == ([Code.PLACEHOLDER] if refused else []), claim_id


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        (
            "plans.yaml",
            "It is speculated that the phone maker wants a partner to build its cars.",
            "Write one sentence in your own words",
        ),
        (
            "plans.yaml",
            "It is speculated that the phone maker wants a partner to build its cars.",
            "  write one sentence in  your own words. ",
        ),
        ("sources.yaml", "title: Car sales in 2023", "title: The document’s title as published."),
    ],
)
def test_near_miss_placeholder_text_is_caught(tmp_path, name, old, new):
    facts = edited(tmp_path, {name: [(old, new)]})
    assert sorted(p.code for p in report_for(facts).problems) == [Code.PLACEHOLDER]
