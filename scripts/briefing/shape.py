"""Schema errors as plain-language problems: what is wrong with a value's shape, and where.

``jsonschema`` lists every error of a part of a file; each one becomes a ``Problem`` with the
position of the value (or of the key, for an unknown key) and a message an editor can act on.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
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
    if _is_citation(pointer):
        what = "this citation"
    elif pointer and isinstance(pointer[-1], int):
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


def _no_branch(doc: Document, pointer: Pointer, error: jsonschema.ValidationError) -> list[Problem]:
    """A value whose type fits none of the forms a field allows."""
    types: list[str] = []
    for branch in _expected_value(error):
        kind = branch.get("type")
        types.extend(kind if isinstance(kind, list) else [kind] if kind else [])
    message = f"{field_name(pointer)}: expected {_expected(types)}, got {type_name(error.instance)}"
    if _is_citation(pointer):
        message = (
            "a citation is a source id or a mapping {source: ID, locator: TEXT}, not "
            f"{type_name(error.instance)}"
        )
    return [doc.problem(pointer, Code.WRONG_TYPE, message)]


def _is_citation(pointer: Pointer) -> bool:
    """An item of an entry's ``sources`` list (not an entry of sources.yaml's own list)."""
    return len(pointer) >= 4 and isinstance(pointer[-1], int) and pointer[-2] == "sources"


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
    "oneOf": _no_branch,
    "anyOf": _no_branch,
}


@dataclass(frozen=True, slots=True)
class Leaf:
    """One schema error to report: the error, where it is (relative to the part of the file
    that was validated) and the error code of the field it belongs to, if the schema says."""

    error: jsonschema.ValidationError
    pointer: Pointer
    code: str | None = None


# Errors about a value itself, most telling first: a field gets one problem, the first.
_VALUE_ORDER = ("type", "oneOf", "enum", "pattern", "minItems", "minLength", "maxLength")


def leaves(errors: Iterable[jsonschema.ValidationError]) -> list[Leaf]:
    """The errors to report: a oneOf replaced by the errors of the branch the value was
    meant for, and one error per value (``status: 5`` is the wrong type, not also an
    unknown status). Errors about keys (missing, unknown) are all kept."""
    found: list[Leaf] = []
    for error in errors:
        found.extend(_branch_errors(error))
    best: dict[Pointer, Leaf] = {}
    keys: list[Leaf] = []
    for leaf in found:
        validator = str(leaf.error.validator)
        if validator in ("required", "additionalProperties"):
            keys.append(leaf)
            continue
        kept = best.get(leaf.pointer)
        if kept is None or _rank(validator) < _rank(str(kept.error.validator)):
            best[leaf.pointer] = leaf
    chosen = {id(leaf) for leaf in (*keys, *best.values())}
    return [leaf for leaf in found if id(leaf) in chosen]


def _rank(validator: str) -> int:
    return _VALUE_ORDER.index(validator) if validator in _VALUE_ORDER else len(_VALUE_ORDER)


def problems(doc: Document, base: Pointer, found: Iterable[Leaf]) -> list[Problem]:
    """Every schema error of the part of ``doc`` at ``base``, as positioned problems."""
    out: list[Problem] = []
    for leaf in found:
        pointer: Pointer = (*base, *leaf.pointer)
        explain = _EXPLAIN.get(str(leaf.error.validator))
        if explain is None:
            out.extend(_pattern(doc, pointer, leaf.error, leaf.code))
        else:
            out.extend(explain(doc, pointer, leaf.error))
    return out


def bad_pointers(found: Iterable[Leaf]) -> frozenset[Pointer] | None:
    """The places in an entry that a rule cannot trust: a field that is missing (its
    pointer), or a value that is malformed. None when the entry itself is not a mapping.
    An unknown key makes nothing unsound: the fields around it are still what they say."""
    bad: set[Pointer] = set()
    for leaf in found:
        validator = leaf.error.validator
        if validator == "additionalProperties":
            continue
        if validator == "required":
            bad.add((*leaf.pointer, missing_field(leaf.error)))
        elif not leaf.pointer:
            return None
        else:
            bad.add(leaf.pointer)
    return frozenset(bad)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    names = {int: "integer", float: "number", str: "string", list: "array", dict: "object"}
    return next((n for t, n in names.items() if isinstance(value, t)), "null")


def _fits_type(branch: Mapping[str, Any], value: Any) -> bool:
    types = branch.get("type")
    if types is None:
        return True
    allowed = types if isinstance(types, list) else [types]
    kind = _json_type(value)
    return kind in allowed or (kind == "integer" and "number" in allowed)


def _branch_errors(error: jsonschema.ValidationError) -> Iterator[Leaf]:
    """The error itself, or for a oneOf/anyOf the errors of the branch whose type fits the
    value (a citation mapping is judged as a mapping: its missing ``source`` is reported).
    A value that fits no branch's type stays one oneOf error (reported as the wrong type)."""
    pointer: Pointer = tuple(error.absolute_path)
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        yield Leaf(error, pointer)
        return
    code = _schema(error).get("x-code")
    branches = _expected_value(error)
    fitting = [i for i, branch in enumerate(branches) if _fits_type(branch, error.instance)]
    if not fitting:
        yield Leaf(error, pointer, code)
        return
    for sub in error.context:
        if sub.relative_schema_path and sub.relative_schema_path[0] in fitting:
            yield from (
                Leaf(leaf.error, leaf.pointer, leaf.code or code) for leaf in _branch_errors(sub)
            )
