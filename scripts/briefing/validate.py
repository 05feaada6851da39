"""Stage 2: every problem in the facts, found before anything is built.

Each file is checked in parts: its header against its schema, then every entry of its list
on its own (a claim, a source, an entity, a series), so that a problem in one entry never
hides a problem in another. A file the loader could read in part (a duplicate key, a tag,
an invisible character) is checked too, with what the loader had to drop or guess marked
unsound. Then the rules (``rules.py``) run on every entry, each as long as what it reads is
sound, and the rules over the whole corpus (``corpus_rules.py``). A check that cannot run is
counted, and the count is reported ("N checks in FILE skipped until ...").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import memo, schema, shape
from .characters import CONTROL
from .characters import name as char_name
from .corpus_rules import CORPUS_RULES
from .entries import Entry, Index, Skip
from .errors import Code, Problem, SkipNote
from .kinds import BY_KIND, FILE_KINDS, EntryKind
from .layout import RESERVED_SLUGS
from .load import Corpus, Document, Pointer, gc_paused
from .rules import ENTRY_RULES, Rule

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Invisible characters that make a blank text look filled in (zero-width spaces and joiners).
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")


@dataclass
class Report:
    """Every problem, and per file how many checks could not run because of them."""

    problems: list[Problem]
    skipped: Counter[str] = field(default_factory=Counter)
    unread: set[str] = field(default_factory=set)  # files none of whose entries was checked

    def add(self, found: Iterable[Problem | Skip]) -> None:
        for item in found:
            if isinstance(item, Skip):
                self.skipped[item.path] += 1
            else:
                self.problems.append(item)

    def notes(self) -> list[SkipNote]:
        """Per file, the checks that could not run ("3 checks in facts/partnerships.yaml
        skipped until the problems above are fixed.")."""
        return [
            SkipNote(path, None if path in self.unread else self.skipped[path])
            for path in sorted(self.unread | {p for p, n in self.skipped.items() if n})
        ]


def validate(corpus: Corpus, *, today: date | None = None) -> list[Problem]:
    """Every problem in ``corpus``; an empty list means the facts can be built."""
    return validate_report(corpus, today=today).problems


def validate_report(corpus: Corpus, *, today: date | None = None) -> Report:
    with gc_paused():
        return _validate(corpus, today or date.today())


def _validate(corpus: Corpus, today: date) -> Report:
    loaded = corpus.all_problems
    report = Report(list(loaded))
    index = Index(today)
    index.topics.update(doc.slug for doc in corpus.documents if doc.kind == "topic")
    for doc in corpus.documents:
        _check_document(doc, index, report)
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
        report.add(corpus_rule(index))
    report.problems[len(loaded) :] = _without_echoes(corpus, report.problems[len(loaded) :])
    return report


def _check_document(doc: Document, index: Index, report: Report) -> None:
    file_kind = BY_KIND[doc.kind]
    kind = file_kind.entry
    if doc.data is None:
        index.complete[kind] = False
        if any(p.code is not Code.EMPTY_FILE for p in doc.problems):
            report.unread.add(doc.display)  # it could not be read at all
        return
    damaged = doc.damaged()
    before = (len(report.problems), report.skipped[doc.display])
    if not doc.sound:  # a file the memo knows as sound was checked on its own before
        report.problems.extend(_text_problems(doc))
        report.problems.extend(_document_problems(doc))
    listed = doc.data.get(file_kind.list_key) if isinstance(doc.data, dict) else None
    if not isinstance(listed, list) or (file_kind.list_key,) in damaged:
        index.complete[kind] = False  # entries are missing, or may be
    if not isinstance(listed, list):
        report.unread.add(doc.display)
    for entry in _entries(doc, damaged, index, report):
        _register(index, entry, report.problems)
    found_sound = before == (len(report.problems), report.skipped[doc.display])
    if not doc.sound and found_sound and not doc.problems and doc.memo_key:
        memo.remember(doc.display, doc.memo_key, doc.data)


def _without_echoes(corpus: Corpus, found: list[Problem]) -> list[Problem]:
    """``found`` without the problems at the very place of a loader problem: a value the
    loader refused (a tag, an alias) is reported once, not again as "got null"."""
    marks = {(doc.display, *mark) for doc in corpus.documents for mark in doc.marks}
    if not marks:
        return found
    return [p for p in found if (p.path, p.line, p.col) not in marks]


_RULES_BY_KIND: dict[str, list[Rule]] = {}
for _rule in ENTRY_RULES:
    _RULES_BY_KIND.setdefault(_rule.kind, []).append(_rule)


def _run(rule: Rule, entries: list[Entry], index: Index, report: Report) -> None:
    """The rule on every entry; a check counts as skipped when it could not run, or ran
    without what it needed of an item (a malformed citation) or of another entry."""
    needs = rule.needs
    lists = [need.removesuffix("[]") for need in needs if need.endswith("[]")]
    for entry in entries:
        if entry.bad and not entry.ok(*needs):
            report.skipped[entry.doc.display] += 1
            continue
        partial = bool(entry.bad) and any(map(entry.unsound_items, lists))
        for found in rule.check(entry, index):
            if isinstance(found, Skip):
                partial = True
            else:
                report.problems.append(found)
        if partial:
            report.skipped[entry.doc.display] += 1


def _document_problems(doc: Document) -> list[Problem]:
    """The file's own fields (all but its list's entries) against its schema."""
    problems: list[Problem] = []
    if doc.kind == "topic":
        problems.extend(_slug_problems(doc))
    if not schema.is_valid_entry(doc.kind, "header", doc.data):
        leaves = shape.leaves(schema.header_errors(doc.kind, doc.data))
        problems.extend(shape.problems(doc, (), leaves))
    return problems


def _entries(doc: Document, damaged: set[Pointer], index: Index, report: Report) -> Iterator[Entry]:
    """Each entry of the file's list, checked against its schema definition on its own."""
    file_kind = BY_KIND[doc.kind]
    items = doc.data.get(file_kind.list_key) if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return  # reported by the header's schema; the index marks the kind incomplete
    kind: EntryKind = file_kind.entry
    for i, raw in enumerate(items):
        pointer: Pointer = (file_kind.list_key, i)
        bad: frozenset[Pointer] | None = frozenset()
        if not doc.sound and not schema.is_valid_entry(doc.kind, kind, raw):
            leaves = shape.leaves(schema.entry_errors(doc.kind, kind, raw))
            report.problems.extend(shape.problems(doc, pointer, leaves))
            bad = shape.bad_pointers(leaves)
        lost = {d[2:] for d in damaged if d[:2] == pointer}
        if bad is None or () in lost:
            # Not a mapping: no field of it can be trusted, and its id is unknown.
            report.skipped[doc.display] += len(_RULES_BY_KIND.get(kind, ()))
            index.complete[kind] = False
            index.unsure_ids.add(kind)
            continue
        yield Entry(doc, kind, pointer, raw, bad | lost)


def _register(index: Index, entry: Entry, problems: list[Problem]) -> None:
    """Add the entry to the index; a second use of an id is reported and not indexed."""
    index.entries.setdefault(entry.kind, []).append(entry)
    table = index.by_id.setdefault(entry.kind, {})
    entry_id = entry.id
    if entry_id is None:
        index.unsure_ids.add(entry.kind)  # references to it cannot be told from typos
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
        not CONTROL.search(joined)
        and "" not in map(str.strip, strings)
        and not _INVISIBLE.search(joined)
    ):
        return []
    problems: list[Problem] = []
    for pointer, value in _walk_strings(doc.data):
        bad = CONTROL.search(value.replace("\n", " ").replace("\t", " "))
        if bad:
            problems.append(
                doc.problem(
                    pointer,
                    Code.CONTROL_CHARACTER,
                    f"{shape.field_name(pointer)} contains an invisible control character "
                    f"({char_name(bad.group())}); delete it",
                )
            )
        elif value and not _INVISIBLE.sub("", value).strip():  # "" fails its schema
            problems.append(
                doc.problem(pointer, Code.EMPTY, f"{shape.field_name(pointer)} is only white space")
            )
    return problems
