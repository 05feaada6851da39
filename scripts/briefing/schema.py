"""The committed JSON Schemas (``schemas/*.schema.json``), loaded and compiled once.

The validator uses exactly these files, so what editors' tools check while typing and what
``briefing check`` enforces cannot disagree. It checks each file in parts: the file's own
fields (its *header*: a topic's title and summary, the list itself) and then every entry of
its list on its own, against the entry's definition in the same file, so that a problem in
one entry never hides a problem in another.

Valid facts only ever need the compiled fastjsonschema validators, so ``jsonschema`` (about a
third of ``briefing check``'s start-up on small fact sets) is imported only when there are
errors to list.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .kinds import BY_KIND, KINDS, Kind

if TYPE_CHECKING:  # pragma: no cover
    import jsonschema

__all__ = [
    "KINDS",
    "SCHEMA_DIR",
    "entry_errors",
    "header_errors",
    "is_valid",
    "is_valid_entry",
]

SCHEMA_DIR = Path(__file__).parent / "schemas"
Part = str  # "header" or an entry kind ("claim", "source", ...)


@functools.cache
def schema(kind: str) -> dict[str, Any]:
    """The committed schema of a file kind, exactly as in its file."""
    with (SCHEMA_DIR / f"{kind}.schema.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@functools.cache
def part_schema(kind: Kind, part: Part) -> dict[str, Any]:
    """The schema of one part of a file: its header, or one entry of its list."""
    whole = schema(kind)
    if part == "header":
        header = copy.deepcopy(whole)
        header["properties"][BY_KIND[kind].list_key].pop("items", None)
        return header
    return {
        "allOf": [{"$ref": f"#/definitions/{part}"}],
        "definitions": copy.deepcopy(whole.get("definitions", {})),
    }


@functools.cache
def fast_validator(kind: Kind, part: Part) -> Callable[[Any], Any]:
    """A compiled validator for the common, valid case (stops at the first error).

    Only its verdict is used (the messages come from jsonschema), so it is compiled without
    detailed messages: that makes compiling about three times faster.
    """
    import fastjsonschema  # here: a check whose files are all remembered (memo.py) needs none

    compiled: Callable[[Any], Any] = fastjsonschema.compile(
        part_schema(kind, part), detailed_exceptions=False
    )
    return compiled


@functools.cache
def full_validator(kind: Kind, part: Part) -> jsonschema.Draft7Validator:
    """The reference validator, used to list every error once the fast one found any."""
    import jsonschema

    return jsonschema.Draft7Validator(part_schema(kind, part))


@functools.cache
def _whole_validator(kind: Kind) -> Callable[[Any], Any]:
    import fastjsonschema

    compiled: Callable[[Any], Any] = fastjsonschema.compile(
        copy.deepcopy(schema(kind)), detailed_exceptions=False
    )
    return compiled


@functools.cache
def _invalid() -> type[Exception]:
    """fastjsonschema's verdict "invalid", loaded with the first compiled validator. An
    ``except`` clause names it only when something was raised: valid data never asks."""
    from fastjsonschema import JsonSchemaException

    return JsonSchemaException


def is_valid(kind: Kind, data: Any) -> bool:
    """Whether a whole file's data fits its schema (as editors' tools judge it)."""
    try:
        _whole_validator(kind)(data)
    except _invalid():
        return False
    return True


def is_valid_entry(kind: Kind, part: Part, data: Any) -> bool:
    try:
        fast_validator(kind, part)(data)
    except _invalid():
        return False
    return True


def entry_errors(kind: Kind, part: Part, data: Any) -> list[jsonschema.ValidationError]:
    return list(full_validator(kind, part).iter_errors(data))


def header_errors(kind: Kind, data: Any) -> list[jsonschema.ValidationError]:
    return entry_errors(kind, "header", data)
