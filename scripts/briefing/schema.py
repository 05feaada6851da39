"""The committed JSON Schemas (``schemas/*.schema.json``), loaded and compiled once.

The validator uses exactly these files, so what editors' tools check while typing and what
``briefing check`` enforces cannot disagree.

Valid facts only ever need the compiled fastjsonschema validator, so ``jsonschema`` (about a
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

import fastjsonschema

if TYPE_CHECKING:  # pragma: no cover
    import jsonschema

SCHEMA_DIR = Path(__file__).parent / "schemas"
KINDS = ("sources", "entities", "topic")


@functools.cache
def schema(kind: str) -> dict[str, Any]:
    with (SCHEMA_DIR / f"{kind}.schema.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@functools.cache
def fast_validator(kind: str) -> Callable[[Any], Any]:
    """A compiled validator for the common, valid case (stops at the first error).

    Only its verdict is used (the messages come from jsonschema), so it is compiled without
    detailed messages: that makes compiling about three times faster.
    """
    try:
        return fastjsonschema.compile(copy.deepcopy(schema(kind)), detailed_exceptions=False)
    except TypeError:  # pragma: no cover - fastjsonschema before detailed_exceptions
        return fastjsonschema.compile(copy.deepcopy(schema(kind)))


@functools.cache
def full_validator(kind: str) -> jsonschema.Draft7Validator:
    """The reference validator, used to list every error once the fast one found any."""
    import jsonschema

    return jsonschema.Draft7Validator(schema(kind))


def is_valid(kind: str, data: Any) -> bool:
    try:
        fast_validator(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def errors(kind: str, data: Any) -> list[jsonschema.ValidationError]:
    return list(full_validator(kind).iter_errors(data))
