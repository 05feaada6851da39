"""Schema errors as plain-language problems: what is wrong with a value's shape, and where.

``jsonschema`` lists every error of a part of a file; each one becomes a ``Problem`` with the
position of the value (or of the key, for an unknown key) and a message an editor can act on.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .errors import Code, Problem
from .load import Document, Pointer

if TYPE_CHECKING:  # pragma: no cover - jsonschema is imported only when there are errors
    import jsonschema

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "null": "null",
    "boolean": "true or false",
}


def type_name(value: Any) -> str:
    """How an editor would describe the value they wrote."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    names = {int: "a whole number", float: "a number", str: "text", list: "a list"}
    for python_type, name in names.items():
        if isinstance(value, python_type):
            return name
    return "a mapping" if isinstance(value, dict) else type(value).__name__


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _expected(schema_type: Any) -> str:
    types = schema_type if isinstance(schema_type, list) else [schema_type]
    return " or ".join(_TYPE_NAMES.get(t, str(t)) for t in types)


def field_name(path: Iterable[Any]) -> str:
    parts = [p for p in path if isinstance(p, str)]
    return parts[-1] if parts else "the file"


def missing_field(error: jsonschema.ValidationError) -> str:
    """The name of the required field a ``required`` error is about."""
    return error.message.split("'")[1] if "'" in error.message else "?"


Explain = Callable[["Document", Pointer, "jsonschema.ValidationError"], list[Problem]]


def _schema(error: jsonschema.ValidationError) -> Mapping[str, Any]:
    """The schema of the keyword that failed (jsonschema types it loosely)."""
    return error.schema if isinstance(error.schema, Mapping) else {}


def _instance(error: jsonschema.ValidationError) -> Any:
    return error.instance


def _expected_value(error: jsonschema.ValidationError) -> Any:
    return error.validator_value


def _required(doc: Document, pointer: Pointer, error: jsonschema.ValidationError) -> list[Problem]:
    what = "the file" if not pointer else f"this {field_name(pointer) or 'entry'} entry"
    if pointer and isinstance(pointer[-1], int):
        what = "this entry"
    return [
        doc.problem(
            pointer,
            Code.MISSING_FIELD,
            f"missing required field {missing_field(error)!r} in {what}",
        )
    ]


def _unknown(doc: Document, pointer: Pointer, error: jsonschema.ValidationError) -> list[Problem]:
    known = list((_schema(error).get("properties") or {}).keys())
    return [
        doc.problem(
            (*pointer, extra),
            Code.UNKNOWN_FIELD,
            f"unknown field {extra!r}{did_you_mean(extra, known)}; "
            f"allowed here: {', '.join(known)}",
            key=True,
        )
        for extra in sorted(set(_instance(error)) - set(known), key=str)
    ]


def _type(doc: Document, pointer: Pointer, error: jsonschema.ValidationError) -> list[Problem]:
    return [
        doc.problem(
            pointer,
            Code.WRONG_TYPE,
            f"{field_name(pointer)}: expected {_expected(error.validator_value)}, "
            f"got {type_name(error.instance)}",
        )
    ]


def _enum(doc: Document, pointer: Pointer, error: jsonschema.ValidationError) -> list[Problem]:
    options = [str(o) for o in _expected_value(error)]
    return [
        doc.problem(
            pointer,
            Code.BAD_VALUE,
            f"{field_name(pointer)}: {error.instance!r} is not allowed"
            f"{did_you_mean(error.instance, options)}; use one of {', '.join(options)}",
        )
    ]


def _empty(doc: Document, pointer: Pointer, error: jsonschema.ValidationError) -> list[Problem]:
    name = field_name(pointer)
    hint = "; cite at least one source" if name == "sources" else ""
    return [doc.problem(pointer, Code.EMPTY, f"{name} must not be empty{hint}")]


def _too_long(doc: Document, pointer: Pointer, error: jsonschema.ValidationError) -> list[Problem]:
    return [
        doc.problem(
            pointer,
            Code.TOO_LONG,
            f"{field_name(pointer)} is {len(_instance(error)):,} characters; the limit is "
            f"{error.validator_value:,}",
        )
    ]


def _range(doc: Document, pointer: Pointer, error: jsonschema.ValidationError) -> list[Problem]:
    return [
        doc.problem(
            pointer,
            Code.BAD_VALUE,
            f"{field_name(pointer)}: {error.instance!r} is out of range ({error.validator} "
            f"{error.validator_value})",
        )
    ]


def _pattern(
    doc: Document, pointer: Pointer, error: jsonschema.ValidationError, parent_code: str | None
) -> list[Problem]:
    code = Code(_schema(error).get("x-code") or parent_code or "E203")
    name, value = field_name(pointer), error.instance
    if code is Code.BAD_ID or (code is Code.BAD_VALUE and name in ("id", "source")):
        message = (
            f"{name}: {value!r} is not a valid id; use lower-case words joined by hyphens, "
            "e.g. 'xiaomi-su7-launch'"
        )
        return [doc.problem(pointer, Code.BAD_ID, message)]
    if code is Code.BAD_DATE:
        return [doc.problem(pointer, Code.BAD_DATE, _date_message(name, value))]
    if code is Code.BAD_URL:
        message = (
            f"{name}: {value!r} is not an http(s) URL; only http:// and https:// addresses "
            "are allowed (or null when unknown)"
        )
        return [doc.problem(pointer, Code.BAD_URL, message)]
    if name == "sources" or (pointer and isinstance(pointer[-1], int)):
        message = "a citation is a source id or a mapping {source: ID, locator: TEXT}"
        return [doc.problem(pointer, Code.WRONG_TYPE, message)]
    return [doc.problem(pointer, Code.BAD_VALUE, f"{name}: {error.message}")]


def _date_message(name: str, value: Any) -> str:
    forms = {
        "as_of": " (or YYYY / YYYY-MM for as_of)",
        "period": " (or YYYY / YYYY-Qn / YYYY-MM for a period)",
    }
    return f"{name}: {value!r} is not a date; write YYYY-MM-DD{forms.get(name, '')} in quotes"


_EXPLAIN: dict[str, Explain] = {
    "required": _required,
    "additionalProperties": _unknown,
    "type": _type,
    "enum": _enum,
    "minItems": _empty,
    "minLength": _empty,
    "maxLength": _too_long,
    "minimum": _range,
    "maximum": _range,
}


def problems(
    doc: Document, base: Pointer, errors: Iterable[jsonschema.ValidationError]
) -> list[Problem]:
    """Every schema error of the part of ``doc`` at ``base``, as positioned problems."""
    found: list[Problem] = []
    for error, parent_code in _leaf_errors(errors):
        pointer: Pointer = (*base, *error.absolute_path)
        explain = _EXPLAIN.get(str(error.validator))
        if explain is None:
            found.extend(_pattern(doc, pointer, error, parent_code))
        else:
            found.extend(explain(doc, pointer, error))
    return found


def bad_fields(errors: Iterable[jsonschema.ValidationError]) -> frozenset[str] | None:
    """The top-level fields of an entry that a rule cannot trust: missing or wrongly shaped.

    None when the entry itself is not a mapping (no field of it can be trusted).
    """
    bad: set[str] = set()
    for error in errors:
        path = list(error.absolute_path)
        if not path:
            if error.validator == "required":
                bad.add(missing_field(error))
            elif error.validator not in ("additionalProperties",):
                return None
        elif isinstance(path[0], str):
            bad.add(path[0])
    return frozenset(bad)


def _leaf_errors(
    errors: Iterable[jsonschema.ValidationError],
) -> Iterator[tuple[jsonschema.ValidationError, str | None]]:
    """Each error, with oneOf/anyOf errors replaced by the most relevant error of their
    branches (and the code of the field they belong to)."""
    import jsonschema.exceptions

    for error in errors:
        if error.validator not in ("oneOf", "anyOf") or not error.context:
            yield error, None
            continue
        best = jsonschema.exceptions.best_match(error.context)
        if best.validator == "type" and isinstance(error.instance, str | int):
            # A string that fits no branch: report it as its field's own kind of error.
            best = next((e for e in error.context if e.validator == "pattern"), best)
        best.path = error.path
        yield best, _schema(error).get("x-code")
