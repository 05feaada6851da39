"""Stage 2: every problem in the facts, found before anything is built.

Each file is checked in parts: its header against its schema, then every entry of its list
on its own (a claim, a source, an entity, a series), so that a problem in one entry never
hides a problem in another. Then the rules (``rules.py``) run on every entry, each as long as
the fields it reads are sound, and the rules over the whole corpus (``corpus_rules.py``).
A rule that cannot run is counted, and the count is reported ("N checks skipped").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import schema, shape
from .corpus_rules import CORPUS_RULES
from .entries import Entry, Index
from .errors import Code, Problem
from .kinds import BY_KIND, FILE_KINDS, EntryKind
from .layout import RESERVED_SLUGS
from .load import Corpus, Document, Pointer, gc_paused
from .rules import ENTRY_RULES, Rule

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Invisible characters that make a blank text look filled in (zero-width spaces and joiners).
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")


@dataclass
class Report:
    """Every problem, and per file how many rule checks could not run because of them."""

    problems: list[Problem]
    skipped: Counter[str] = field(default_factory=Counter)

    def notes(self) -> list[str]:
        return [
            f"{count} check{'s' if count != 1 else ''} in {path} skipped until the problems "
            "above are fixed."
            for path, count in sorted(self.skipped.items())
        ]


def validate(corpus: Corpus, *, today: date | None = None) -> list[Problem]:
    """Every problem in ``corpus``; an empty list means the facts can be built."""
    return validate_report(corpus, today=today).problems


def validate_report(corpus: Corpus, *, today: date | None = None) -> Report:
    with gc_paused():
        return _validate(corpus, today or date.today())


def _validate(corpus: Corpus, today: date) -> Report:
    report = Report(corpus.all_problems)
    index = Index(today)
    for doc in corpus.documents:
        if doc.problems:
            index.complete[BY_KIND[doc.kind].entry] = False
            continue
        report.problems.extend(_text_problems(doc))
        report.problems.extend(_document_problems(doc))
        listed = doc.data.get(BY_KIND[doc.kind].list_key) if isinstance(doc.data, dict) else None
        if not isinstance(listed, list):
            index.complete[BY_KIND[doc.kind].entry] = False
        for entry in _entries(doc, report):
            _register(index, entry, report.problems)
    present = {doc.kind for doc in corpus.documents}
    for fk in FILE_KINDS:
        # A registry that is missing altogether (reported as E110) leaves its ids unknown.
        index.complete.setdefault(fk.entry, fk.kind in present or not fk.required)
        index.entries.setdefault(fk.entry, [])
        index.by_id.setdefault(fk.entry, {})
    for kind, entries in index.entries.items():
        for rule in _RULES_BY_KIND.get(kind, ()):
            _run(rule, entries, index, report)
    for corpus_rule in CORPUS_RULES:
        report.problems.extend(corpus_rule(index))
    return report


_RULES_BY_KIND: dict[str, list[Rule]] = {}
for _rule in ENTRY_RULES:
    _RULES_BY_KIND.setdefault(_rule.kind, []).append(_rule)


def _run(rule: Rule, entries: list[Entry], index: Index, report: Report) -> None:
    needs = rule.needs
    for entry in entries:
        if entry.bad and not entry.ok(*needs):
            report.skipped[entry.doc.display] += 1
            continue
        report.problems.extend(rule.check(entry, index))


def _document_problems(doc: Document) -> list[Problem]:
    """The file's own fields (all but its list's entries) against its schema."""
    problems: list[Problem] = []
    if doc.kind == "topic":
        problems.extend(_slug_problems(doc))
    if not schema.is_valid_entry(doc.kind, "header", doc.data):
        problems.extend(shape.problems(doc, (), schema.header_errors(doc.kind, doc.data)))
    return problems


def _entries(doc: Document, report: Report) -> Iterator[Entry]:
    """Each entry of the file's list, checked against its schema definition on its own."""
    if not isinstance(doc.data, dict):
        return
    file_kind = BY_KIND[doc.kind]
    items = doc.data.get(file_kind.list_key)
    if not isinstance(items, list):
        return  # reported by the header's schema; the index marks the kind incomplete
    kind: EntryKind = file_kind.entry
    for i, raw in enumerate(items):
        pointer: Pointer = (file_kind.list_key, i)
        if schema.is_valid_entry(doc.kind, kind, raw):
            yield Entry(doc, kind, pointer, raw)
            continue
        errors = schema.entry_errors(doc.kind, kind, raw)
        report.problems.extend(shape.problems(doc, pointer, errors))
        bad = shape.bad_fields(errors)
        if bad is None:
            report.skipped[doc.display] += len(_RULES_BY_KIND.get(kind, ()))
            continue
        yield Entry(doc, kind, pointer, raw, bad)


def _register(index: Index, entry: Entry, problems: list[Problem]) -> None:
    """Add the entry to the index; a second use of an id is reported and not indexed."""
    index.entries.setdefault(entry.kind, []).append(entry)
    table = index.by_id.setdefault(entry.kind, {})
    entry_id = entry.raw.get("id")
    if not isinstance(entry_id, str):
        return
    first = table.get(entry_id)
    if first is None:
        table[entry_id] = entry
        return
    problems.append(
        entry.problem(
            ("id",),
            Code.DUPLICATE_ID,
            f"{entry.kind} id {entry_id!r} is already used at {first.doc.display}:"
            f"{first.doc.position((*first.pointer, 'id'))[0]}; ids must be unique",
        )
    )


def _slug_problems(doc: Document) -> list[Problem]:
    if not _ID.fullmatch(doc.slug):
        message = (
            f"topic file name {doc.slug!r} is not a valid page slug; name the file in "
            "lower-case words joined by hyphens, e.g. market-outlook.yaml"
        )
    elif doc.slug in RESERVED_SLUGS:
        message = f"topic file name {doc.slug!r} is the name of a generated page; rename the file"
    else:
        return []
    return [Problem(doc.display, 1, 1, Code.BAD_ID, message)]


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
    """Invisible control characters and text that is only white space, at their own line."""
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
                    f"{shape.field_name(pointer)} contains an invisible control character "
                    f"({name}); delete it",
                )
            )
        elif value and not _INVISIBLE.sub("", value).strip():  # "" fails its schema
            problems.append(
                doc.problem(pointer, Code.EMPTY, f"{shape.field_name(pointer)} is only white space")
            )
    return problems
