"""Stage 2: every problem in the facts, found before anything is built.

Shape is checked against the committed JSON Schemas; then the checks a schema cannot express:
real calendar dates, unique ids across files, references that resolve, supersession chains,
links in statements, and content rules (every source cited, no claim dated after its sources).
Nothing stops at the first problem: the caller gets them all, each with its position.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from . import markup, schema
from .dates import PartialDate, parse_cached
from .errors import Code, Problem
from .layout import RESERVED_PREFIXES, RESERVED_SLUGS
from .load import LIST_KEYS, Corpus, Document, Pointer, gc_paused

if TYPE_CHECKING:  # pragma: no cover - jsonschema is imported only when there are errors
    import jsonschema

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Invisible characters that make a blank text look filled in (zero-width spaces and joiners).
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")
_LINK_TARGET = re.compile(r"\]\(\s*<?\s*([^)\s>]*)")
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "null": "null",
    "boolean": "true or false",
}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _expected(schema_type: Any) -> str:
    types = schema_type if isinstance(schema_type, list) else [schema_type]
    return " or ".join(_TYPE_NAMES.get(t, t) for t in types)


def _field(path: Iterable[Any]) -> str:
    parts = [p for p in path if isinstance(p, str)]
    return parts[-1] if parts else "the file"


def _schema_problems(doc: Document) -> list[Problem]:
    """Turn jsonschema's errors into positioned, plain-language problems."""
    problems: list[Problem] = []
    for error in _leaf_errors(schema.errors(doc.kind, doc.data)):
        pointer: Pointer = tuple(error.absolute_path)
        validator, sub = error.validator, error.schema
        if validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else "?"
            present = [k for k in error.instance if isinstance(k, str)]
            if difflib.get_close_matches(missing, present, n=1, cutoff=0.6):
                continue  # a misspelt key: its E201 "did you mean" says all there is to say
            what = "the file" if not pointer else f"this {_field(pointer) or 'entry'} entry"
            problems.append(
                doc.problem(
                    pointer,
                    Code.MISSING_FIELD,
                    f"missing required field {missing!r} in {what}",
                )
            )
        elif validator == "additionalProperties":
            known = list((sub.get("properties") or {}).keys())
            for extra in sorted(set(error.instance) - set(known), key=str):
                problems.append(
                    doc.problem(
                        (*pointer, extra),
                        Code.UNKNOWN_FIELD,
                        f"unknown field {extra!r}{did_you_mean(extra, known)}; "
                        f"allowed here: {', '.join(known)}",
                        key=True,
                    )
                )
        elif validator == "type":
            problems.append(
                doc.problem(
                    pointer,
                    Code.WRONG_TYPE,
                    f"{_field(pointer)}: expected {_expected(error.validator_value)}, "
                    f"got {_type_name(error.instance)}",
                )
            )
        elif validator == "enum":
            options = [str(o) for o in error.validator_value]
            problems.append(
                doc.problem(
                    pointer,
                    Code.BAD_VALUE,
                    f"{_field(pointer)}: {error.instance!r} is not allowed"
                    f"{did_you_mean(error.instance, options)}; use one of {', '.join(options)}",
                )
            )
        elif validator in ("minItems", "minLength"):
            problems.append(
                doc.problem(
                    pointer,
                    Code.EMPTY,
                    f"{_field(pointer)} must not be empty"
                    + ("; cite at least one source" if _field(pointer) == "sources" else ""),
                )
            )
        elif validator == "maxLength":
            problems.append(
                doc.problem(
                    pointer,
                    Code.TOO_LONG,
                    f"{_field(pointer)} is {len(error.instance):,} characters; the limit is "
                    f"{error.validator_value:,}",
                )
            )
        elif validator in ("minimum", "maximum"):
            problems.append(
                doc.problem(
                    pointer,
                    Code.BAD_VALUE,
                    f"{_field(pointer)}: {error.instance!r} is out of range ({validator} "
                    f"{error.validator_value})",
                )
            )
        else:
            problems.append(_pattern_problem(doc, pointer, error))
    return problems


def _pattern_problem(doc: Document, pointer: Pointer, error: jsonschema.ValidationError) -> Problem:
    code = Code(error.schema.get("x-code") or error.parent_schema_code or "E203")  # type: ignore[attr-defined]
    name = _field(pointer)
    value = error.instance
    if code is Code.BAD_ID or (code is Code.BAD_VALUE and name in ("id", "source")):
        return doc.problem(
            pointer,
            Code.BAD_ID,
            f"{name}: {value!r} is not a valid id; use lower-case words joined by hyphens, "
            "e.g. 'xiaomi-su7-launch'",
        )
    if code is Code.BAD_DATE:
        return doc.problem(
            pointer,
            Code.BAD_DATE,
            f"{name}: {value!r} is not a date; write YYYY-MM-DD"
            + (" (or YYYY / YYYY-MM for as_of)" if name == "as_of" else "")
            + " in quotes",
        )
    if code is Code.BAD_URL:
        return doc.problem(
            pointer,
            Code.BAD_URL,
            f"{name}: {value!r} is not an http(s) URL; only http:// and https:// addresses "
            "are allowed (or null when unknown)",
        )
    if name in ("sources",) or (pointer and isinstance(pointer[-1], int)):
        return doc.problem(
            pointer,
            Code.WRONG_TYPE,
            "a citation is a source id or a mapping {source: ID, locator: TEXT}",
        )
    return doc.problem(pointer, Code.BAD_VALUE, f"{name}: {error.message}")


def _leaf_errors(
    errors: Iterable[jsonschema.ValidationError],
) -> Iterator[jsonschema.ValidationError]:
    """Replace oneOf/anyOf errors by the most relevant error of their branches."""
    import jsonschema.exceptions

    for error in errors:
        if error.validator in ("oneOf", "anyOf") and error.context:
            code = error.schema.get("x-code")
            best = jsonschema.exceptions.best_match(error.context)
            if best.validator == "type" and isinstance(error.instance, str | int):
                # A string that fits no branch: report it as its field's own kind of error.
                best = next((e for e in error.context if e.validator == "pattern"), best)
            best.parent_schema_code = code  # type: ignore[attr-defined]
            best.path = error.path
            yield best
        else:
            error.parent_schema_code = None  # type: ignore[attr-defined]
            yield error


def _walk_strings(data: Any, pointer: Pointer = ()) -> Iterator[tuple[Pointer, str]]:
    if isinstance(data, str):
        yield pointer, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _walk_strings(value, (*pointer, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk_strings(value, (*pointer, index))


def _collect_strings(data: Any) -> list[str]:
    """The same strings as ``_walk_strings`` (in another order), without their pointers."""
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _text_problems(doc: Document) -> list[Problem]:
    # Fast path: one search over all the file's strings; the walk with pointers below runs
    # only when there is something to report. (Newlines are not control characters here.)
    strings = _collect_strings(doc.data)
    joined = "\n".join(strings)
    if (
        not _CONTROL.search(joined)
        and "" not in map(str.strip, strings)
        and not _INVISIBLE.search(joined)
    ):
        return []
    problems: list[Problem] = []
    for pointer, value in _walk_strings(doc.data):
        bad = _CONTROL.search(value.replace("\n", " ").replace("\t", " "))
        if bad:
            name = unicodedata.name(bad.group(), f"U+{ord(bad.group()):04X}")
            problems.append(
                doc.problem(
                    pointer,
                    Code.CONTROL_CHARACTER,
                    f"{_field(pointer)} contains an invisible control character ({name}); "
                    "delete it",
                )
            )
        elif value and not _INVISIBLE.sub("", value).strip():  # "" fails its schema
            problems.append(
                doc.problem(pointer, Code.EMPTY, f"{_field(pointer)} is only white space")
            )
    return problems


@dataclass
class _Registry:
    """Ids seen so far, with where they were defined."""

    sources: dict[str, tuple[Document, Pointer]]
    entities: dict[str, tuple[Document, Pointer]]
    claims: dict[str, tuple[Document, Pointer, dict[str, Any]]]
    # False when a file of that kind could not be read: "unknown id" would only be noise.
    complete: dict[str, bool]


def _date_problem(
    doc: Document, pointer: Pointer, value: Any, today: date
) -> tuple[PartialDate | None, Problem | None]:
    try:
        parsed = parse_cached(value)
    except ValueError as exc:
        return None, doc.problem(pointer, Code.BAD_DATE, f"{_field(pointer)}: {exc}")
    if parsed.year < 1:  # the pattern lets 0000 through, but no calendar has a year 0
        return None, doc.problem(
            pointer, Code.BAD_DATE, f"{_field(pointer)}: {value!r} is not a date (no year 0)"
        )
    if parsed.earliest() > today:
        return parsed, doc.problem(
            pointer,
            Code.FUTURE_DATE,
            f"{_field(pointer)}: {parsed.iso} is in the future; facts describe what has "
            "happened (a target or expectation is a claim with status 'forecast')",
        )
    return parsed, None


def _collect_ids(docs: list[Document], problems: list[Problem]) -> _Registry:
    registry = _Registry({}, {}, {}, {})

    def register(
        table: dict[str, Any], entry_id: str, doc: Document, pointer: Pointer, what: str
    ) -> bool:
        if entry_id in table:
            first = table[entry_id][0]
            line, _ = first.position(table[entry_id][1])
            problems.append(
                doc.problem(
                    pointer,
                    Code.DUPLICATE_ID,
                    f"{what} id {entry_id!r} is already used at {first.display}:{line}; "
                    "ids must be unique",
                )
            )
            return False
        return True

    # Ids are collected from every readable file, even one with other problems, so that a
    # typo elsewhere in sources.yaml does not hide an unknown citation (or invent one).
    for doc in docs:
        key = LIST_KEYS[doc.kind]
        items = doc.data.get(key)
        for i, raw in enumerate(items if isinstance(items, list) else []):
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
                continue
            pointer = (key, i, "id")
            if doc.kind == "sources":
                if register(registry.sources, raw["id"], doc, pointer, "source"):
                    registry.sources[raw["id"]] = (doc, pointer)
            elif doc.kind == "entities":
                if register(registry.entities, raw["id"], doc, pointer, "entity"):
                    registry.entities[raw["id"]] = (doc, pointer)
            elif register(registry.claims, raw["id"], doc, pointer, "claim"):
                registry.claims[raw["id"]] = (doc, (key, i), raw)
    return registry


def _check_sources(docs: list[Document], today: date, problems: list[Problem]) -> dict[str, Any]:
    """Dates of every source (parsed), keyed by id."""
    published: dict[str, PartialDate | None] = {}
    for doc in docs:
        if doc.kind != "sources":
            continue
        for i, raw in enumerate(doc.data["sources"]):
            parsed = None
            for name in ("published", "retrieved"):
                if raw.get(name) is not None:
                    value, problem = _date_problem(doc, ("sources", i, name), raw[name], today)
                    if problem:
                        problems.append(problem)
                    if name == "published":
                        parsed = value
            published.setdefault(raw["id"], parsed)
    return published


def _check_claims(
    docs: list[Document],
    registry: _Registry,
    published: dict[str, PartialDate | None],
    today: date,
    problems: list[Problem],
) -> None:
    cited: set[str] = set()
    as_of: dict[str, PartialDate | None] = {}
    for doc in docs:
        if doc.kind != "topic":
            continue
        if not _ID.fullmatch(doc.slug):
            problems.append(
                Problem(
                    doc.display,
                    1,
                    1,
                    Code.BAD_ID,
                    f"topic file name {doc.slug!r} is not a valid page slug; name the file "
                    "in lower-case words joined by hyphens, e.g. market-outlook.yaml",
                )
            )
        elif doc.slug in RESERVED_SLUGS:
            problems.append(
                Problem(
                    doc.display,
                    1,
                    1,
                    Code.BAD_ID,
                    f"topic file name {doc.slug!r} is the name of a generated page; "
                    "rename the file",
                )
            )
        for i, raw in enumerate(doc.data["claims"]):
            base: Pointer = ("claims", i)
            if raw["id"].startswith(RESERVED_PREFIXES):
                problems.append(
                    doc.problem(
                        (*base, "id"),
                        Code.BAD_ID,
                        f"claim id {raw['id']!r} starts with a prefix the pages use for their "
                        f"own anchors ({', '.join(RESERVED_PREFIXES)}); choose another id",
                    )
                )
            claim_date: PartialDate | None = None
            for name in ("as_of", "checked"):
                if raw.get(name) is not None:
                    value, problem = _date_problem(doc, (*base, name), raw[name], today)
                    if problem:
                        problems.append(problem)
                    if name == "as_of" and problem is None:
                        claim_date = value
            as_of.setdefault(raw["id"], claim_date)
            seen: set[str] = set()
            dated: list[PartialDate] = []
            for j, item in enumerate(raw["sources"]):
                source_id = item if isinstance(item, str) else item["source"]
                if source_id in registry.sources and source_id not in seen:  # the usual case
                    seen.add(source_id)
                    cited.add(source_id)
                    when = published.get(source_id)
                    if when is not None:
                        dated.append(when)
                    continue
                pointer = (*base, "sources", j) + (() if isinstance(item, str) else ("source",))
                if source_id not in registry.sources:
                    if not registry.complete["sources"]:
                        continue
                    problems.append(
                        doc.problem(
                            pointer,
                            Code.UNKNOWN_SOURCE,
                            f"unknown source {source_id!r}"
                            f"{did_you_mean(source_id, registry.sources)}; "
                            "add it to facts/sources.yaml or fix the id",
                        )
                    )
                    continue
                if source_id in seen:
                    problems.append(
                        doc.problem(
                            pointer,
                            Code.DUPLICATE_CITATION,
                            f"source {source_id!r} is cited twice by this claim",
                        )
                    )
                seen.add(source_id)
                cited.add(source_id)
                if published.get(source_id) is not None:
                    dated.append(published[source_id])  # type: ignore[arg-type]
            if claim_date is not None and dated:
                latest = max(dated)
                if claim_date > latest.truncate(claim_date.precision):
                    problems.append(
                        doc.problem(
                            (*base, "as_of"),
                            Code.AS_OF_AFTER_SOURCES,
                            f"as_of {claim_date.iso} is later than every dated source "
                            f"(latest published {latest.iso}); a claim cannot describe a "
                            "time after its sources were written",
                        )
                    )
            for j, subject in enumerate(raw.get("subjects") or ()):
                if subject not in registry.entities and registry.complete["entities"]:
                    problems.append(
                        doc.problem(
                            (*base, "subjects", j),
                            Code.UNKNOWN_ENTITY,
                            f"unknown entity {subject!r}"
                            f"{did_you_mean(subject, registry.entities)}; "
                            "add it to facts/entities.yaml or fix the id",
                        )
                    )
            figure = raw.get("figure")
            if figure and isinstance(figure["value"], float) and not math.isfinite(figure["value"]):
                problems.append(
                    doc.problem(
                        (*base, "figure", "value"),
                        Code.BAD_VALUE,
                        f"value: {figure['value']!r} is not a number a reader can use; "
                        "write a finite number",
                    )
                )
            statement = raw["statement"]
            if "[" not in statement and "](" not in statement:
                continue  # no link syntax, nothing to parse (the usual case)
            for target in _LINK_TARGET.findall(statement) + markup.links(statement):
                if not markup.is_safe_url(target):
                    problems.append(
                        doc.problem(
                            (*base, "statement"),
                            Code.BAD_LINK,
                            f"link target {target!r} is not an http(s) URL; statements may "
                            "link only to http:// or https:// addresses",
                        )
                    )
                    break
    _check_supersession(registry, as_of, problems)
    for source_id, (doc, pointer) in registry.sources.items():
        if source_id not in cited and registry.complete["cited"]:
            problems.append(
                doc.problem(
                    pointer,
                    Code.UNCITED_SOURCE,
                    f"source {source_id!r} is cited by no claim; cite it or remove it",
                )
            )


def _check_supersession(
    registry: _Registry, as_of: dict[str, PartialDate | None], problems: list[Problem]
) -> None:
    reported_cycles: set[frozenset[str]] = set()
    for claim_id, (doc, base, raw) in registry.claims.items():
        successor = raw.get("superseded_by")
        if not isinstance(successor, str):
            continue  # absent, or a wrong type already reported by the schema
        pointer = (*base, "superseded_by")
        if successor == claim_id:
            problems.append(
                doc.problem(pointer, Code.SUPERSEDED_CYCLE, "a claim cannot supersede itself")
            )
            continue
        if successor not in registry.claims:
            if not registry.complete["topic"]:
                continue
            problems.append(
                doc.problem(
                    pointer,
                    Code.UNKNOWN_CLAIM,
                    f"superseded_by names unknown claim {successor!r}"
                    f"{did_you_mean(successor, registry.claims)}",
                )
            )
            continue
        chain = [claim_id]
        current: str | None = successor
        while current is not None and current in registry.claims and current not in chain:
            chain.append(current)
            current = registry.claims[current][2].get("superseded_by")
        if current in chain:
            cycle = frozenset(chain[chain.index(current) :])
            if cycle not in reported_cycles and claim_id in cycle:
                reported_cycles.add(cycle)
                problems.append(
                    doc.problem(
                        pointer,
                        Code.SUPERSEDED_CYCLE,
                        "superseded_by forms a cycle: "
                        + " → ".join([*chain[chain.index(current) :], current]),
                    )
                )
            continue
        earlier, later = as_of.get(claim_id), as_of.get(successor)
        if earlier is not None and (later is None or later.latest() <= earlier.earliest()):
            problems.append(
                doc.problem(
                    pointer,
                    Code.SUCCESSOR_NOT_LATER,
                    f"the successor {successor!r} must be dated later than this claim "
                    f"({earlier.iso}); it is " + (later.iso if later else "undated"),
                )
            )


def validate(corpus: Corpus, *, today: date | None = None) -> list[Problem]:
    """Every problem in ``corpus``; an empty list means the facts can be built."""
    with gc_paused():
        return _validate(corpus, today=today)


def _validate(corpus: Corpus, *, today: date | None = None) -> list[Problem]:
    today = today or date.today()
    problems = corpus.all_problems
    shaped: list[Document] = []
    for doc in corpus.documents:
        if doc.problems:
            continue
        valid = schema.is_valid(doc.kind, doc.data)
        if not valid:
            found = _schema_problems(doc)
            problems.extend(found)
            if not isinstance(doc.data, dict):
                continue
        text_problems = _text_problems(doc)
        problems.extend(text_problems)
        if valid:
            shaped.append(doc)
    # Ids come from every readable file; the other reference checks need the shapes to be
    # right and run on every file that is.
    # (A file whose list is not a list, e.g. sources keyed by id, has no readable ids.)
    readable = [
        d
        for d in corpus.documents
        if not d.problems
        and isinstance(d.data, dict)
        and isinstance(d.data.get(LIST_KEYS[d.kind]), list)
    ]
    registry = _collect_ids(readable, problems)
    readable_ids = {id(doc) for doc in readable}
    for kind in ("sources", "entities", "topic"):
        registry.complete[kind] = all(
            id(doc) in readable_ids for doc in corpus.documents if doc.kind == kind
        ) and (kind == "topic" or any(doc.kind == kind for doc in corpus.documents))
    shaped_ids = {id(doc) for doc in shaped}
    # Whether every citation could be read, so that "cited by no claim" is true.
    registry.complete["cited"] = all(
        id(d) in shaped_ids for d in corpus.documents if d.kind == "topic"
    )
    published = _check_sources(shaped, today, problems)
    _check_claims(shaped, registry, published, today, problems)
    return problems
