from __future__ import annotations

from pathlib import Path

from briefing import load
from briefing.errors import Code


def parse(text: str):
    return load.parse_text(text, "f.yaml")


def test_dates_stay_text_so_impossible_ones_reach_the_validator():
    data, problems = parse("published: 2023-02-30\nretrieved: 2023-10-13\n")
    assert problems == []
    assert data == {"published": "2023-02-30", "retrieved": "2023-10-13"}


def test_duplicate_keys_are_reported_with_their_position_and_first_value_kept():
    data, problems = parse("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    assert data == {"a": 1, "b": {"c": 2}}
    assert [(p.code, p.line, p.col) for p in problems] == [
        (Code.DUPLICATE_KEY, 4, 3),
        (Code.DUPLICATE_KEY, 5, 1),
    ]
    assert "duplicate key 'c'" in problems[0].message


def test_python_tags_are_refused_not_executed():
    data, problems = parse("x: !!python/object/apply:os.system ['echo hacked']\n")
    assert [p.code for p in problems] == [Code.UNSUPPORTED_TAG]
    assert data == {"x": None}


def test_custom_and_binary_tags_are_refused():
    _, problems = parse("a: !custom 1\nb: !!binary aGVsbG8=\n")
    assert [(p.code, p.line) for p in problems] == [
        (Code.UNSUPPORTED_TAG, 1),
        (Code.UNSUPPORTED_TAG, 2),
    ]


def test_aliases_are_refused_and_never_expanded():
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        text += f"{level}: &{level} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    _, problems = parse(text)
    assert {p.code for p in problems} == {Code.ALIAS}
    assert len(problems) < 20


def test_syntax_error_has_the_position_of_the_problem():
    _, problems = parse("title: ok\nsummary: 'unclosed\nclaims: []\n")
    assert len(problems) == 1
    assert problems[0].code is Code.YAML_SYNTAX
    assert problems[0].line >= 2


def test_an_unclosed_quote_is_reported_where_it_opens():
    text = (
        'title: Plans\nclaims:\n  - id: a\n    as_of: "2023-08\n    status: reported\n'
        '    sources: [x]\n  - id: b\n    as_of: "2024"\n    status: reported\n'
    )
    _, problems = parse(text)
    assert [(p.line, p.col) for p in problems] == [(4, 12)]  # not where YAML gave up
    assert "quote here seems never closed (YAML gave up at 8:" in problems[0].message


def test_a_colon_in_a_plain_value_gets_a_hint():
    _, problems = parse("title: Plans\nsummary: Xiaomi: cars\nclaims: []\n")
    assert (problems[0].line, problems[0].col) == (2, 16)
    assert "a value that contains ': ' must be in quotes" in problems[0].message


def test_a_closed_quote_spanning_lines_is_not_blamed():
    _, problems = parse('title: "Plans\n  two"\nsummary: a: b\nclaims: []\n')
    assert problems[0].line == 3 and "never closed" not in problems[0].message


def test_tab_indentation_gets_a_hint():
    _, problems = parse("a:\n\t- b\n")
    assert problems[0].code is Code.YAML_SYNTAX
    assert "tabs" in problems[0].message
    assert problems[0].line == 2


def test_a_tab_between_tokens_is_refused_as_yamllint_and_check_jsonschema_refuse_it():
    """libyaml reads "title<TAB>: x" as title: x; PyYAML's scanner, yamllint and
    check-jsonschema refuse it (found by tests/test_differential.py)."""
    data, problems = parse("title\t: Plans\nsummary: S\nclaims: []\n")
    assert data is None and [(p.line, p.col, p.code) for p in problems] == [
        (1, 6, Code.YAML_SYNTAX)
    ]
    assert "put a space here, not a tab" in problems[0].message
    _, problems = parse("title: Plans\nsummary: a\tb\nclaims: []\n")
    assert (problems[0].line, problems[0].col) == (2, 11) and "quote" in problems[0].message
    _, problems = parse("title: Plans\t\nsummary: S\nclaims: []\n")
    assert problems[0].line == 1 and "delete the tab at the end" in problems[0].message
    data, problems = parse('title: "a\ttab in quotes"\nsummary: S\nclaims: []\n')
    assert problems == [] and data["title"] == "a\ttab in quotes"


def test_bom_and_crlf_are_accepted(tmp_path: Path):
    path = tmp_path / "t.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: T\r\nsummary: S\r\nclaims: []\r\n")
    doc = load.load_file(path, tmp_path)
    assert doc.problems == ()
    assert doc.data == {"title": "T", "summary": "S", "claims": []}


def test_non_utf8_bytes_are_located(tmp_path: Path):
    path = tmp_path / "t.yaml"
    path.write_bytes(b"title: ok\nsummary: caf\xe9\n")
    doc = load.load_file(path, tmp_path)
    assert [(p.code, p.line, p.col) for p in doc.problems] == [(Code.NOT_UTF8, 2, 13)]


def test_empty_and_comment_only_files(tmp_path: Path):
    for text in ("", "# only a comment\n"):
        path = tmp_path / "t.yaml"
        path.write_text(text)
        assert [p.code for p in load.load_file(path, tmp_path).problems] == [Code.EMPTY_FILE]


def test_position_finds_keys_and_values(tmp_path: Path):
    path = tmp_path / "t.yaml"
    path.write_text("title: T\nclaims:\n  - id: a\n    status: bogus\n")
    doc = load.load_file(path, tmp_path)
    assert doc.position(("claims", 0, "status")) == (4, 13)
    assert doc.position(("claims", 0, "status"), key=True) == (4, 5)
    assert doc.position(("claims", 5)) == (3, 3)  # falls back to the deepest node found


def test_folder_problems(tmp_path: Path):
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "notes.txt").write_text("hello")
    (facts / "topic.yml").write_text("a: 1")
    outside = tmp_path / "secret.yaml"
    outside.write_text("a: 1")
    (facts / "link.yaml").symlink_to(outside)
    corpus = load.load_dir(facts, tmp_path)
    found = {(p.path, p.code) for p in corpus.all_problems}
    assert ("facts/notes.txt", Code.UNEXPECTED_FILE) in found
    assert ("facts/topic.yml", Code.UNEXPECTED_FILE) in found
    assert ("facts/link.yaml", Code.SYMLINK_OUTSIDE) in found
    assert ("facts/sources.yaml", Code.MISSING_FILE) in found
    assert ("facts/entities.yaml", Code.MISSING_FILE) in found
    assert corpus.documents == ()


def test_a_missing_facts_folder_says_what_to_do(tmp_path: Path, monkeypatch):
    facts = tmp_path / "facts"
    monkeypatch.chdir(tmp_path)
    (problem,) = load.load_dir(facts / "facts", tmp_path).all_problems  # not there at all
    assert problem.code is Code.MISSING_FILE and "give --facts DIR" in problem.message
    facts.mkdir()
    (facts / "sources.yaml").write_text("sources: []\n")
    monkeypatch.chdir(facts)  # an editor inside facts/ runs the check
    (problem,) = load.load_dir(Path("facts"), facts).all_problems
    assert "you are inside it: run briefing from the folder above" in problem.message


def test_claim_line_scan_agrees_with_yaml_positions():
    """The cheap text scan behind "suggest a correction" links finds the same lines as the
    YAML parser, on the real facts and on items written with quotes or comments."""
    from briefing.model import _item_lines

    from .conftest import FACTS

    corpus = load.load_dir(FACTS, FACTS.parent)
    checked = 0
    for doc in corpus.documents:
        if doc.kind != "topic":
            continue
        lines = _item_lines(doc.text)
        for i, raw in enumerate(doc.data["claims"]):
            assert lines[raw["id"]] == doc.position(("claims", i))[0], raw["id"]
            checked += 1
    assert checked > 50
    text = "claims:\n  - id: 'a'  # first\n    statement: x\n  -   id: \"b\"\n"
    assert _item_lines(text) == {"a": 2, "b": 4}


def _careful(text: str):
    """The document built by the careful constructor alone (no fast path)."""
    loader = load._FactLoader(text, "f.yaml")
    try:
        return loader.get_single_data(), loader.problems
    finally:
        loader.dispose()


def test_the_fast_path_builds_what_the_careful_loader_builds():
    """`parse_text` builds plain documents on a fast path; on every fact file, fixture and
    corpus case that parses, it must give the same data and problems as the careful one."""
    import yaml

    from .conftest import FACTS, MINI, ROOT

    compared = 0
    paths = [
        *FACTS.glob("*.yaml"),
        *MINI.glob("*.yaml"),
        *(ROOT / "tests" / "cases").glob("*.yaml"),
    ]
    for path in paths:
        try:
            text = path.read_bytes().decode("utf-8-sig")
            expected = _careful(text)
        except (UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
            continue  # not a document the fast path could build either
        data, problems = parse(text)
        assert (data, [(p.line, p.col, p.code) for p in problems]) == (
            expected[0],
            [(p.line, p.col, p.code) for p in expected[1]],
        ), path.name
        compared += 1
    assert compared > 100
