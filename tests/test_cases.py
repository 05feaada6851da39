"""The corpus of broken and hostile fact files (tests/cases/): each one is reported, none raised.

A case is one file, ``tests/cases/<name>.yaml``, written into a copy of the mini fact set
(``tests/fixtures/mini``). Its opening comments say what it is and what must happen::

    # A claim with two statuses.             what the case is about
    # file: other.yaml                       where it goes in facts/ (a new file or a mini one)
    # expect: other.yaml:11:5 E102           one line per problem, path:line[:col] code; "ok"
    #                                        for input that must be accepted
    # write: latin-1                         optional: how it is written (see ``WRITERS``)
    # plant: market.yaml                     optional: where the independent problem goes
    # says: tabs                             optional: words a message about the file holds
    # via: cli                               optional: also run the real ``briefing check``
    # append: series.yaml                    optional: add the lines marked ``#| `` to the
    #|   - id: model-price                   end of that mini file (a series, an entity the
    #|     ...                               case needs); the expected lines stay the case's

The comments are part of the file, so the expected lines are the case file's own line numbers.
Every case also gets an independent problem planted in another file (an unknown field, see
``PLANTS``), and the exact set of problems must be the expected ones plus that one: a broken
file neither hides another file's problem nor adds noise.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import tracemalloc
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from briefing.errors import Code
from briefing.load import MAX_FILE_BYTES, load_dir
from briefing.validate import validate

from .conftest import MINI, run_briefing

CASES = Path(__file__).parent / "cases"
TODAY = date(2026, 11, 24)
_DIRECTIVE = re.compile(r"^# (file|expect|write|plant|says|via|append): ?(.*)$")
_EXPECT = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+)(?::(?P<col>\d+))? (?P<code>E\d{3})$")
_REPORTED = re.compile(r"^facts/(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>E\d{3}) ", re.M)

Found = tuple[str, int, int, str]  # (path under facts/, line, col, code)
Expected = tuple[str, int, int | None, str]  # col None: any column


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    file: str = "other.yaml"
    expect: tuple[Expected, ...] = ()
    write: str = "text"
    plant: str = "entities.yaml"
    says: tuple[str, ...] = ()
    cli: bool = False
    append: tuple[str, str] | None = None  # (mini file, text added at its end)
    directives: dict[str, list[str]] = field(default_factory=dict, compare=False)


def parse_case(path: Path) -> Case:
    text = path.read_text(encoding="utf-8")
    directives: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _DIRECTIVE.match(line)
        if match:
            directives.setdefault(match.group(1), []).append(match.group(2).strip())
    expect: list[Expected] = []
    for item in directives.get("expect", []):
        if item in ("ok", "TODO"):
            continue
        match = _EXPECT.match(item)
        assert match, f"{path.name}: cannot read '# expect: {item}'"
        col = match.group("col")
        expect.append(
            (
                match.group("path"),
                int(match.group("line")),
                int(col) if col else None,
                match.group("code"),
            )
        )
    assert directives.get("expect"), f"{path.name}: no '# expect:' line"
    added = "".join(f"{line[3:]}\n" for line in text.splitlines() if line.startswith("#| "))
    return Case(
        name=path.stem,
        text=text,
        file=directives.get("file", ["other.yaml"])[0],
        expect=tuple(expect),
        write=directives.get("write", ["text"])[0],
        plant=directives.get("plant", ["entities.yaml"])[0],
        says=tuple(directives.get("says", [])),
        cli=directives.get("via", [""])[0] == "cli",
        append=(directives["append"][0], added) if "append" in directives else None,
        directives=directives,
    )


ALL = [parse_case(p) for p in sorted(CASES.glob("*.yaml"))]
BY_NAME = {case.name: case for case in ALL}


# The independent problem every case carries: an unknown field in another file.
def _insert_after(name: str, after: str, line: str) -> str:
    text = (MINI / name).read_text(encoding="utf-8")
    assert after in text
    return text.replace(after, after + line, 1)


PLANTS: dict[str, tuple[str, Expected]] = {
    "entities.yaml": (
        _insert_after("entities.yaml", "    name: Phone Maker Corp.\n", "    nickname: Phoney\n"),
        ("entities.yaml", 5, 5, "E201"),
    ),
    "market.yaml": (
        _insert_after("market.yaml", "title: Market\n", "colour: red\n"),
        ("market.yaml", 3, 1, "E201"),
    ),
}


def _pad_past_limit(text: str) -> bytes:
    line = "# " + "padding " * 12 + "\n"
    return (text + line * (MAX_FILE_BYTES // len(line) + 2)).encode("utf-8")


# How a case's text is put into facts/: ``write_case(case, facts, outside)``.
WRITERS = {
    "text": lambda text: text.encode("utf-8"),
    "empty": lambda text: b"",
    "latin-1": lambda text: text.encode("latin-1"),
    "bom-crlf": lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
    "pad-past-limit": _pad_past_limit,
}


def write_case(case: Case, facts: Path, outside: Path) -> None:
    target = facts / case.file
    target.parent.mkdir(parents=True, exist_ok=True)
    if case.write == "remove":
        target.unlink()
    elif case.write == "symlink-outside":
        outside.mkdir(exist_ok=True)
        real = outside / case.file
        real.write_text(case.text, encoding="utf-8")
        target.unlink(missing_ok=True)
        target.symlink_to(real)
    elif case.write == "dangling-symlink":
        target.symlink_to(facts / "no-such-file.yaml")
    else:
        target.write_bytes(WRITERS[case.write](case.text))


def make_facts(case: Case, root: Path) -> Path:
    """The mini fact set with the case written in and the independent problem planted."""
    facts = root / "facts"
    shutil.copytree(MINI, facts)
    plant_text, _ = PLANTS[case.plant]
    assert case.plant != case.file, f"{case.name}: the plant must go in another file"
    (facts / case.plant).write_text(plant_text, encoding="utf-8")
    if case.append:
        name, text = case.append
        assert name not in (case.file, case.plant), f"{case.name}: append to a third file"
        with (facts / name).open("a", encoding="utf-8") as fh:
            fh.write(text)
    write_case(case, facts, root / "outside")
    return facts


def expected(case: Case) -> list[Expected]:
    return [*case.expect, PLANTS[case.plant][1]]


def assert_matches(case: Case, found: list[Found]) -> None:
    """``found`` holds exactly the expected problems (a column of None matches any)."""
    missing: list[Expected] = []
    left = list(found)
    for path, line, col, code in expected(case):
        for item in left:
            if item[0] == path and item[1] == line and item[3] == code and col in (None, item[2]):
                left.remove(item)
                break
        else:
            missing.append((path, line, col, code))
    assert not missing and not left, (
        f"{case.name}: missing {missing}, unexpected {left}; reported {sorted(found)}"
    )


def _under_facts(path: str) -> str:
    return path.split("facts/", 1)[1] if "facts/" in path else path


@pytest.mark.parametrize("case", ALL, ids=[c.name for c in ALL])
def test_case_is_reported_where_expected(case: Case, tmp_path: Path):
    facts = make_facts(case, tmp_path)
    problems = validate(load_dir(facts, tmp_path), today=TODAY)  # never raises
    assert_matches(case, [(_under_facts(p.path), p.line, p.col, p.code.value) for p in problems])
    for words in case.says:
        about = [p.message for p in problems if _under_facts(p.path) == case.file]
        assert any(words in message for message in about), (words, about)


CLI_CASES = [case for case in ALL if case.cli]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c.name for c in CLI_CASES])
def test_case_through_the_cli(case: Case, tmp_path: Path):
    make_facts(case, tmp_path)
    started = time.perf_counter()
    result = run_briefing("check", "--facts", "facts", cwd=tmp_path)
    elapsed = time.perf_counter() - started
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, output
    found = [
        (m["path"], int(m["line"]), int(m["col"]), m["code"])
        for m in _REPORTED.finditer(result.stdout)
    ]
    assert_matches(case, found)
    count = len(found)
    assert f"Found {count} problem{'s' if count != 1 else ''} in " in result.stdout, output
    assert elapsed < 20, f"{case.name}: briefing check took {elapsed:.1f} s"


def test_the_corpus_is_large_and_covers_every_error_code():
    assert len(ALL) >= 45
    assert len(CLI_CASES) >= 12
    codes = {code for case in ALL for *_, code in case.expect}
    assert codes == {code.value for code in Code}, {c.value for c in Code} - codes
    accepted = [case.name for case in ALL if not case.expect]
    assert {"file-bom-crlf-accepted", "url-http-and-mixed-case-accepted"} <= set(accepted)
    for case in ALL:
        unknown = set(case.directives) - {
            "file", "expect", "write", "plant", "says", "via", "append"
        }  # fmt: skip
        assert not unknown, case.name
        assert case.write in {*WRITERS, "remove", "symlink-outside", "dangling-symlink"}
        assert case.plant in PLANTS


def test_billion_laughs_is_refused_quickly_and_in_little_memory(tmp_path: Path):
    facts = make_facts(BY_NAME["alias-billion-laughs"], tmp_path)
    tracemalloc.start()
    try:
        started = time.perf_counter()
        problems = validate(load_dir(facts, tmp_path), today=TODAY)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert {p.code for p in problems} == {Code.ALIAS, Code.UNKNOWN_FIELD}
    assert elapsed < 1.0, f"{elapsed:.2f} s"
    assert peak < 50 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"


def test_a_python_tag_is_never_executed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    facts = make_facts(BY_NAME["tag-python-object-apply"], tmp_path)
    problems = validate(load_dir(facts, tmp_path), today=TODAY)
    assert Code.UNSUPPORTED_TAG in {p.code for p in problems}
    assert calls == []
