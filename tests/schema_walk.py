"""What the committed JSON Schemas say a fact file holds, read from the schemas themselves.

Used by the generated tests (``test_matrix.py``, ``test_differential.py``) so that they follow
the schemas instead of a copy of their field lists: every kind of mapping a fact file holds
(the file itself, a claim, a source, an entity, a series, a figure, a citation), its
required fields and the JSON types each field allows, and where each one is in real data.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing.kinds import kind_of
from briefing.load import parse_text

SCHEMAS = Path(__file__).resolve().parent.parent / "scripts" / "briefing" / "schemas"
Pointer = tuple[str | int, ...]

# PyYAML's C parser and emitter when present (the matrix dumps and parses hundreds of files).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A value of each JSON type, for "the wrong type".
SAMPLES: dict[str, Any] = {
    "string": "some text",
    "integer": 7,
    "number": 1.5,
    "boolean": True,
    "null": None,
    "array": ["some-text"],
    "object": {"some": "text"},
}


def schema_of(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    names = {int: "integer", float: "number", str: "string", list: "array", dict: "object"}
    return next((n for t, n in names.items() if isinstance(value, t)), "null")


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        *_, name = node["$ref"].split("/")
        node = root["definitions"][name]
    return node


def _branches(node: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    node = _resolve(node, root)
    for key in ("oneOf", "anyOf"):
        if key in node:
            return [_resolve(b, root) for b in node[key]]
    return [node]


def allowed_types(node: dict[str, Any], root: dict[str, Any]) -> set[str]:
    """The JSON types a value may have under ``node`` (every branch of a oneOf)."""
    types: set[str] = set()
    for branch in _branches(node, root):
        kind = branch.get("type")
        types.update(kind if isinstance(kind, list) else [kind] if kind else SAMPLES)
    if "number" in types:
        types.add("integer")
    return types


@dataclass(frozen=True)
class ObjectKind:
    """One kind of mapping a file holds, e.g. ``topic:claim`` or ``topic:claim.figure``."""

    name: str
    schema: dict[str, Any]
    root: dict[str, Any]

    @property
    def required(self) -> list[str]:
        return list(self.schema.get("required", []))

    @property
    def properties(self) -> dict[str, dict[str, Any]]:
        return dict(self.schema.get("properties", {}))


def _name(node: dict[str, Any], fallback: str) -> str:
    """A definition's own name (``claim``, ``citation``), else ``fallback``."""
    return node["$ref"].split("/")[-1] if "$ref" in node else fallback


def instances(
    data: Any, node: dict[str, Any], root: dict[str, Any], name: str, pointer: Pointer = ()
) -> Iterator[tuple[ObjectKind, Pointer, dict[str, Any]]]:
    """Every mapping in ``data`` with the object schema that applies to it."""
    fitting = [b for b in _branches(node, root) if json_type(data) in allowed_types(b, root)]
    if not fitting:
        return
    branch = fitting[0]
    if isinstance(data, dict) and "properties" in branch:
        yield ObjectKind(name, branch, root), pointer, data
        for key, value in data.items():
            sub = branch["properties"].get(key)
            if sub is not None:
                yield from instances(value, sub, root, _name(sub, f"{name}.{key}"), (*pointer, key))
    elif isinstance(data, list) and "items" in branch:
        items = branch["items"]
        for i, item in enumerate(data):
            yield from instances(item, items, root, _name(items, name), (*pointer, i))


@dataclass(frozen=True)
class FactFile:
    name: str
    kind: str
    text: str
    data: Any

    @classmethod
    def read(cls, path: Path) -> FactFile:
        text = path.read_text(encoding="utf-8")
        data, problems = parse_text(text, path.name)
        assert not problems, problems
        return cls(path.name, kind_of(path.name), text, data)

    def objects(self) -> Iterator[tuple[ObjectKind, Pointer, dict[str, Any]]]:
        root = schema_of(self.kind)
        yield from instances(self.data, root, root, f"{self.kind} file")


def dump(data: Any) -> str:
    """Fact data as YAML text that ``briefing`` reads back as the same data."""
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=10_000)


def mutated(data: Any, pointer: Pointer, change: Any) -> Any:
    """A deep copy of ``data`` with ``change(mapping)`` applied to the mapping at ``pointer``."""
    copied = copy.deepcopy(data)
    target = copied
    for part in pointer:
        target = target[part]
    change(target)
    return copied


def line_of(text: str, pointer: Pointer) -> int:
    """The 1-based line of the node at ``pointer`` in YAML ``text`` (PyYAML's own composer,
    independent of the validator's position lookup)."""
    node = yaml.compose(text, Loader=_LOADER)
    for part in pointer:
        if isinstance(node, yaml.MappingNode):
            node = next(v for k, v in node.value if k.value == str(part))
        else:
            node = node.value[int(part)]
    return node.start_mark.line + 1
