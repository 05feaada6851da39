"""Random mutations of the real fact files against an independent oracle.

Hypothesis mutates one real fact file a few times, at the level of its YAML nodes (a key or
list item deleted, a list item duplicated, a value given another type, a text garbled, a key
misspelt) and at the level of its text (a line repeated, an odd character typed in), and
runs ``briefing check`` (the command's own ``main``, in process) on the result. It must never
raise and exit 0 or 1 only, print only ``path:line:col: CODE message`` lines, the count and
skip notes, and never pass a file that ``check-jsonschema`` (the independent oracle, a
different YAML parser and validator run on the committed schema) says breaks the schema.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from check_jsonschema import main as check_jsonschema
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from briefing.cli import main as briefing

from .conftest import FACTS
from .schema_walk import SAMPLES, SCHEMAS, FactFile, Pointer, dump

FILES = [FactFile.read(path) for path in sorted(FACTS.glob("*.yaml"))]
# Typed into the text or into a value: characters that mean something to YAML, invisible
# ones (NUL, a bidi override, YAML's extra line breaks), and text from other scripts. None
# that YAML 1.1 (ours) and 1.2 (the oracle's) read differently, such as "_" in a number.
ODD = ["\x00", "\x07", "\u202e", "\x85", "\u2028", "\t", '"', "'", ":", "#", "[", "{", "}",
       "-", " ", "\n", "&x", "*x", "!x", "%", "@", "`", "|", ">", "小米", "\U0001f697", ""]  # fmt: skip
_PROBLEM = re.compile(r"^facts/[^:]+:\d+:\d+: E\d{3} .+$")
_SUMMARY = re.compile(r"^(Found \d+ problems? in \d+ files?\.|(All|\d+) checks? in .+ skipped .+)$")


def _nodes(data: Any, pointer: Pointer = ()) -> Iterator[Pointer]:
    """Every node of the data (as its pointer), the root excepted."""
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        yield (*pointer, key)
        yield from _nodes(value, (*pointer, key))


def _parent(data: Any, pointer: Pointer) -> Any:
    for part in pointer[:-1]:
        data = data[part]
    return data


def _garble(text: str, draw: st.DrawFn) -> str:
    how = draw(st.sampled_from(["insert", "truncate", "case", "blank"]))
    at = draw(st.integers(0, len(text)))
    if how == "insert":
        return text[:at] + draw(st.sampled_from(ODD)) + text[at:]
    if how == "truncate":
        return text[:at]
    return text.swapcase() if how == "case" else draw(st.sampled_from(["", " ", "\u200b"]))


def _mutate_node(data: Any, draw: st.DrawFn) -> str:
    """One change to one node of ``data`` (in place); what it was, for the report."""
    nodes = list(_nodes(data))
    if not nodes:
        return "nothing left to change"
    pointer = nodes[draw(st.integers(0, len(nodes) - 1))]
    parent, key = _parent(data, pointer), pointer[-1]
    op = draw(st.sampled_from(["delete", "duplicate", "retype", "garble", "misspell"]))
    if op == "delete":
        del parent[key]
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(int(key), copy.deepcopy(parent[key]))
    elif op == "retype":
        parent[key] = copy.deepcopy(SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))])
    elif op == "garble" and isinstance(parent[key], str):
        parent[key] = _garble(parent[key], draw)
    elif op == "misspell" and isinstance(parent, dict):
        parent[_garble(str(key), draw) or "x"] = parent.pop(key)
    else:
        return f"{op} (not applicable) at {pointer}"
    return f"{op} at {pointer}"


def _mutate_text(text: str, draw: st.DrawFn) -> tuple[str, str]:
    lines = text.split("\n")
    n = draw(st.integers(0, len(lines) - 1))
    if draw(st.booleans()):
        lines.insert(n, lines[n])
        return "\n".join(lines), f"line {n + 1} repeated"
    at = draw(st.integers(0, len(lines[n])))
    char = draw(st.sampled_from(ODD))
    lines[n] = lines[n][:at] + char + lines[n][at:]
    return "\n".join(lines), f"{char!r} typed at line {n + 1}, column {at + 1}"


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    """A real fact file's name, its mutated text, and what was done to it."""
    fact_file = draw(st.sampled_from(FILES))
    data = copy.deepcopy(fact_file.data)
    done = [_mutate_node(data, draw) for _ in range(draw(st.integers(1, 3)))]
    text = dump(data)
    if draw(st.integers(0, 3)) == 0:
        text, what = _mutate_text(text, draw)
        done.append(what)
    return fact_file.name, text, done


def _run(command: Any, argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = command(
                argv, **({"standalone_mode": False} if command is check_jsonschema else {})
            )
        except SystemExit as exit_:  # argparse or click ending the command
            code = exit_.code
    return int(code or 0), out.getvalue()


def oracle_breaks(path: Path, kind: str) -> bool:
    """Whether check-jsonschema finds the file unreadable or against its schema."""
    code, output = _run(
        check_jsonschema, ["--schemafile", str(SCHEMAS / f"{kind}.schema.json"), str(path)]
    )
    assert code in (0, 1), output
    return code == 1


@pytest.fixture(scope="module")
def facts_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(FACTS, Path(tmp) / "facts")
        yield Path(tmp) / "facts"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation=mutations())
def test_a_mutated_fact_file_never_crashes_the_check_nor_passes_the_oracle(facts_copy, mutation):
    name, text, done = mutation
    note(f"{name}: {'; '.join(done)}")
    path = facts_copy / name
    original = path.read_bytes()
    path.write_text(text, encoding="utf-8")
    try:
        code, output = _run(briefing, ["check", "--facts", str(facts_copy)])
        note(output)
        assert "Traceback" not in output
        assert code in (0, 1), output
        if code == 1:
            for line in output.strip().splitlines():
                shown = line.replace(str(facts_copy.parent) + "/", "")
                assert _PROBLEM.match(shown) or _SUMMARY.match(shown), line
        kind = next(f.kind for f in FILES if f.name == name)
        breaks = oracle_breaks(path, kind)
        event(f"check-jsonschema {'refuses' if breaks else 'passes'}, briefing check exits {code}")
        if breaks:
            assert code == 1, f"check-jsonschema refuses {name}, briefing check passes it"
    finally:
        path.write_bytes(original)


def test_the_oracle_tells_a_broken_file_from_a_sound_one(facts_copy):
    """The differential test is not trivially true: the oracle passes the real files and
    refuses a file with a wrong type, and ``briefing check`` agrees."""
    for fact_file in FILES:
        assert not oracle_breaks(facts_copy / fact_file.name, fact_file.kind), fact_file.name
    path = facts_copy / "sources.yaml"
    original = path.read_bytes()
    try:
        path.write_text(original.decode().replace("title:", "title: 5 #", 1), encoding="utf-8")
        assert oracle_breaks(path, "sources")
        assert _run(briefing, ["check", "--facts", str(facts_copy)])[0] == 1
    finally:
        path.write_bytes(original)
