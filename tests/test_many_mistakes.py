"""Twelve independent mistakes across seven files, all reported in one run of the check.

The mistakes of issue 10's closing note, planted in a copy of the real facts by position (the
YAML nodes of the entries chosen, so that the test follows the facts as they change): a claim
with a bad status and an unknown source, tags as text, a source retrieved before it was
published, a publisher deleted, a check date in the future, a check date before the claim's
own date, a status deleted next to tags, a number as a native name, a NUL byte in a
statement, and a skeleton from ``briefing new`` with its date and source filled in. Each
must be reported at its own ``path:line:col`` with its code, and nothing else.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from briefing.kinds import kind_of

from .conftest import FACTS, run_briefing
from .schema_walk import Pointer

Expected = tuple[str, int, int, str]
_REPORTED = re.compile(
    r"^facts/(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>E\d{3}) ", re.M
)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FactText:
    """One fact file's text, edited at the places of its YAML nodes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = path.read_text(encoding="utf-8")

    @property
    def data(self) -> Any:
        return yaml.load(self.text, Loader=_LOADER)

    def node(self, pointer: Pointer, *, key: bool = False) -> yaml.Node:
        node = yaml.compose(self.text, Loader=_LOADER)
        for i, part in enumerate(pointer):
            if isinstance(node, yaml.MappingNode):
                k, node = next((k, v) for k, v in node.value if k.value == part)
                if key and i == len(pointer) - 1:
                    return k
            else:
                node = node.value[part]
        return node

    def at(self, pointer: Pointer, code: str, *, key: bool = False) -> Expected:
        mark = self.node(pointer, key=key).start_mark
        return (self.path.name, mark.line + 1, mark.column + 1, code)

    def replace(self, pointer: Pointer, new: str) -> None:
        node = self.node(pointer)
        self.text = self.text[: node.start_mark.index] + new + self.text[node.end_mark.index :]

    def delete_line(self, pointer: Pointer) -> None:
        """Delete the line of a one-line ``key: value``."""
        lines = self.text.split("\n")
        del lines[self.node(pointer, key=True).start_mark.line]
        self.text = "\n".join(lines)

    def add_after(self, pointer: Pointer, line: str) -> None:
        """Add ``line`` (indented as the key) after a one-line ``key: value``."""
        key = self.node(pointer, key=True).start_mark
        lines = self.text.split("\n")
        lines.insert(key.line + 1, " " * key.column + line)
        self.text = "\n".join(lines)

    def save(self) -> None:
        self.path.write_text(self.text, encoding="utf-8")


def first(items: list[Any], test: Callable[[Any], bool], skip: int = 0) -> int:
    return [i for i, item in enumerate(items) if test(item)][skip]


Where = tuple[FactText, Pointer]  # a mistake's place, looked up once every edit is made


def _claim_mistakes(topics: list[FactText]) -> list[tuple[Where, str]]:
    found: list[tuple[Where, str]] = []
    # A bad status and an unknown source in the same claim.
    one = topics[0]
    cite = one.data["claims"][0]["sources"][0]
    cited: Pointer = ("claims", 0, "sources", 0, *(() if isinstance(cite, str) else ("source",)))
    one.replace(cited, (cite if isinstance(cite, str) else cite["source"]) + "x")
    one.replace(("claims", 0, "status"), "rumoured")
    found += [((one, ("claims", 0, "status")), "E203"), ((one, cited), "E301")]
    # Tags written as text, in another claim of the file.
    i = next(
        i
        for i, claim in enumerate(one.data["claims"])
        if i > 0 and claim.get("tags") and one.node(("claims", i, "tags")).flow_style
    )
    one.replace(("claims", i, "tags"), one.data["claims"][i]["tags"][0])
    found.append(((one, ("claims", i, "tags")), "E202"))
    # A check date in the future, and one before the claim's own date.
    two = topics[1]
    dated = [i for i, c in enumerate(two.data["claims"]) if "as_of" in c and "checked" not in c]
    two.add_after(("claims", dated[0], "as_of"), 'checked: "2099-01-01"')
    year = int(str(two.data["claims"][dated[1]]["as_of"])[:4])
    two.add_after(("claims", dated[1], "as_of"), f'checked: "{year - 3}-01-01"')
    found += [
        ((two, ("claims", dated[0], "checked")), "E308"),
        ((two, ("claims", dated[1], "checked")), "E312"),
    ]
    # A status deleted from a claim that has tags (tags ≈ status fooled the old check).
    three = topics[2]
    i = first(three.data["claims"], lambda c: "tags" in c)
    three.delete_line(("claims", i, "status"))
    found.append(((three, ("claims", i)), "E200"))
    return found


def _nul_in_a_statement(topic: FactText) -> Expected:
    """A NUL byte typed into the first word of the first statement (after its first letter)."""
    node = topic.node(("claims", 0, "statement"))
    word = topic.data["claims"][0]["statement"].split()[0]
    index = topic.text.index(word, node.start_mark.index) + 1
    line = topic.text.count("\n", 0, index) + 1
    col = index - topic.text.rfind("\n", 0, index)
    topic.text = topic.text[:index] + "\x00" + topic.text[index:]
    return (topic.path.name, line, col, "E209")


def _registry_mistakes(sources: FactText, entities: FactText) -> list[tuple[Where, str]]:
    items = sources.data["sources"]
    i = first(items, lambda s: bool(s.get("published") and s.get("publisher")))
    year = int(str(items[i]["published"])[:4])
    sources.replace(("sources", i, "retrieved"), f'"{year - 2}-01-01"')
    j = next(j for j, s in enumerate(items) if j != i and s.get("publisher"))
    sources.delete_line(("sources", j, "publisher"))
    k = first(entities.data["entities"], lambda e: "native_name" in e)
    entities.replace(("entities", k, "native_name"), "123")
    return [
        ((sources, ("sources", i, "retrieved")), "E311"),
        ((sources, ("sources", j)), "E200"),
        ((entities, ("entities", k, "native_name")), "E202"),
    ]


def _skeleton(project: Path, topic: FactText, sources: FactText) -> list[tuple[Where, str]]:
    """``briefing new claim``, with its date and a source filled in, nothing else."""
    result = run_briefing(
        "new", "claim", "--topic", topic.path.stem, "--facts", "facts", cwd=project
    )
    assert result.returncode == 0, result.stderr
    topic.text = topic.path.read_text(encoding="utf-8")
    source = next(s for s in sources.data["sources"] if s.get("published"))
    topic.text = re.sub(r"# as_of: .*", f'as_of: "{str(source["published"])[:7]}"', topic.text)
    topic.text = re.sub(r"sources: \[\].*", f"sources: [{source['id']}]", topic.text)
    last = len(topic.data["claims"]) - 1
    return [
        ((topic, ("claims", last, "id")), "E313"),
        ((topic, ("claims", last, "statement")), "E313"),
    ]


def plant(project: Path) -> list[Expected]:
    """The twelve mistakes, planted in ``project/facts``; where each must be reported."""
    facts = project / "facts"
    topics = [FactText(p) for p in sorted(facts.glob("*.yaml")) if kind_of(p.name) == "topic"]
    sources, entities = FactText(facts / "sources.yaml"), FactText(facts / "entities.yaml")
    found = _claim_mistakes(topics) + _registry_mistakes(sources, entities)
    found += _skeleton(project, topics[4], sources)
    expected = [where[0].at(where[1], code) for where, code in found]
    expected.append(_nul_in_a_statement(topics[3]))
    for fact_text in (*topics, sources, entities):
        fact_text.save()
    return expected


def test_twelve_mistakes_in_seven_files_are_all_reported_in_one_run(tmp_path):
    shutil.copytree(FACTS, tmp_path / "facts")
    expected = plant(tmp_path)
    assert len(expected) == 12 and len({e[0] for e in expected}) == 7
    result = run_briefing("check", "--facts", "facts", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    reported = [
        (m["path"], int(m["line"]), int(m["col"]), m["code"])
        for m in _REPORTED.finditer(result.stdout)
    ]
    assert sorted(reported) == sorted(expected), result.stdout
    assert "Found 12 problems in 7 files." in result.stdout
