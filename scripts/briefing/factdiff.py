"""What a change does to the facts, as a structured diff: old facts, new facts → ``FactDiff``.

Pure (``compare``): works on raw loaded data (``rawfacts``) so it can describe a change even
to facts that do not validate, and compares every field of every record generically, so a
field or a kind of fact file added to the schema later is diffed without a change here.

Claims get sections of their own for what readers notice most: added (with their sources),
removed, reworded (word by word), status changed (a status raised with no new source is
flagged, see ``STATUS_RANK``), re-sourced (sources added, removed, locators changed),
superseded, no longer superseded ("now current again") and moved to another topic. Every other
changed field of a claim, source, entity or other record is listed old → new, and so are the
headers of topic files (title, summary, order …) and a change of the order of records in a
file. ``diff_refs`` reads the two versions from git (``gitfacts``); ``factdiff_md`` and
``to_json`` present the result.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Literal, NotRequired, TypedDict

from .dates import PartialDate
from .gitfacts import GitError, TreeReader, git, read_worktree
from .kinds import LIST_KEYS
from .rawfacts import Entry, Facts, FileFacts, Record, merge, parse_facts, parse_file
from .updated import newest
from .vocab import STATUS_RANK

__all__ = [
    "STATUS_RANK",
    "FactDiff",
    "Facts",
    "GitError",
    "compare",
    "diff_refs",
    "to_json",
    "to_markdown",
]

CLAIMS = LIST_KEYS["topic"]
SOURCES = LIST_KEYS["sources"]
_ABSENT: Any = object()  # a field that is not there at all (unlike one set to null)


class FieldChange(TypedDict):
    """A field that differs; ``before``/``after`` are missing where the field is not set."""

    field: str  # dotted inside a mapping: "figure.value"
    before: NotRequired[Any]
    after: NotRequired[Any]


class ClaimBrief(TypedDict):
    id: str
    topic: str
    status: Any
    as_of: str | None
    statement: str
    sources: list[str]


class CitationInfo(TypedDict):
    """A source of an added claim, described from the new facts' source registry."""

    source: str
    locator: Any
    registered: bool
    title: Any
    publisher: Any
    published: Any
    url: Any


class ClaimAdded(ClaimBrief):
    citations: list[CitationInfo]
    other: Record  # every field not in the brief: figure, subjects, tags …


class WordRun(TypedDict):
    op: Literal["same", "removed", "added"]
    text: str


class ClaimReworded(ClaimBrief):
    before: str
    words: list[WordRun]
    spacing_only: bool


class StatusChange(ClaimBrief):
    before: Any
    raised: bool
    raised_without_new_source: bool


class CitationChange(TypedDict):
    source: str
    fields: list[FieldChange]


class ClaimResourced(ClaimBrief):
    added: list[str]
    removed: list[str]
    changed: list[CitationChange]
    order_before: list[str] | None  # set when only the order (or a repeat) changed


class ClaimMoved(ClaimBrief):
    before: str  # the topic it was in


class ClaimSuperseded(ClaimBrief):
    before: Any  # what superseded it before (for "now current again", what did)
    superseded_by: Any


class RecordChange(TypedDict):
    id: str
    fields: list[FieldChange]


class ClaimChanged(ClaimBrief):
    fields: list[FieldChange]  # the fields without a section of their own


class RecordBrief(TypedDict):
    id: str
    file: str
    data: Record


class FileChange(TypedDict):
    file: str
    topic: str | None
    fields: list[FieldChange]


class Reordered(TypedDict):
    file: str
    before: list[str]  # the ids both versions hold, in their old order
    after: list[str]
    moved: list[str]  # the ones that changed places


class Unreadable(TypedDict):
    file: str
    side: Literal["base", "head"]
    problem: str


@dataclass
class RecordSections:
    """Records of one kind other than claims (sources, entities …) added, removed, changed."""

    added: list[RecordBrief] = field(default_factory=list)
    removed: list[RecordBrief] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)


@dataclass
class FactDiff:
    base: str
    head: str
    added: list[ClaimAdded] = field(default_factory=list)
    removed: list[ClaimBrief] = field(default_factory=list)
    reworded: list[ClaimReworded] = field(default_factory=list)
    status_changed: list[StatusChange] = field(default_factory=list)
    sources_changed: list[ClaimResourced] = field(default_factory=list)
    superseded: list[ClaimSuperseded] = field(default_factory=list)
    unsuperseded: list[ClaimSuperseded] = field(default_factory=list)
    moved: list[ClaimMoved] = field(default_factory=list)
    claims_changed: list[ClaimChanged] = field(default_factory=list)
    records: dict[str, RecordSections] = field(default_factory=dict)  # by list key
    topics_added: list[FileChange] = field(default_factory=list)
    topics_removed: list[FileChange] = field(default_factory=list)
    headers_changed: list[FileChange] = field(default_factory=list)
    reordered: list[Reordered] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)  # a warning, not a change

    def records_of(self, list_key: str) -> RecordSections:
        """The sections of one kind of record (``sources``, ``entities`` …)."""
        return self.records.get(list_key) or RecordSections()

    @property
    def empty(self) -> bool:
        """Nothing changed (files that cannot be read are a warning, not a change)."""
        return not any(
            value
            for key, value in self.as_dict().items()
            if isinstance(value, list) and key != "unreadable"
        )

    def as_dict(self) -> dict[str, Any]:
        names = {"added": "claims_added", "removed": "claims_removed"}
        names |= {"reworded": "claims_reworded", "sources_changed": "claim_sources_changed"}
        out: dict[str, Any] = {}
        for spec in fields(self):
            if spec.name != "records":
                out[names.get(spec.name, spec.name)] = getattr(self, spec.name)
        for key, sections in sorted(self.records.items()):
            for part in ("added", "removed", "changed"):
                out[f"{key}_{part}"] = getattr(sections, part)
        return out


# Comparing values ------------------------------------------------------------------------


def _canon(value: Any) -> Any:
    """A form of a YAML value where equal means the same to a reader: 1, 1.0 and true differ,
    the order of a mapping's keys does not."""
    if isinstance(value, dict):
        return ("map", frozenset((_canon(k), _canon(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(_canon(v) for v in value))
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def same(a: Any, b: Any) -> bool:
    return a is b or bool(_canon(a) == _canon(b))


def _change(name: str, before: Any, after: Any) -> FieldChange:
    change: FieldChange = {"field": name}
    if before is not _ABSENT:
        change["before"] = before
    if after is not _ABSENT:
        change["after"] = after
    return change


def field_changes(before: Mapping[Any, Any], after: Mapping[Any, Any]) -> list[FieldChange]:
    """Every field that differs, old → new; inside mappings on both sides, field by field."""
    out: list[FieldChange] = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key, _ABSENT), after.get(key, _ABSENT)
        if same(old, new):
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            out.extend(
                {**inner, "field": f"{key}.{inner['field']}"} for inner in field_changes(old, new)
            )
        else:
            out.append(_change(str(key), old, new))
    return out


def word_diff(before: str, after: str) -> list[WordRun]:
    """The statement word by word: runs of words kept, removed and added."""
    old, new = before.split(), after.split()
    runs: list[WordRun] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append({"op": "same", "text": " ".join(old[i1:i2])})
            continue
        if i2 > i1:
            runs.append({"op": "removed", "text": " ".join(old[i1:i2])})
        if j2 > j1:
            runs.append({"op": "added", "text": " ".join(new[j1:j2])})
    return runs


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _citations(raw: Any) -> list[Record]:
    """A claim's ``sources`` as ``{"source": id, …}`` mappings (a bare id is one too)."""
    out: list[Record] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            out.append({**item, "source": _text(item.get("source"))})
        else:
            out.append({"source": _text(item)})
    return out


def _brief(record_id: str, entry: Entry) -> ClaimBrief:
    data = entry.data
    as_of = data.get("as_of")
    return {
        "id": record_id,
        "topic": entry.file.removesuffix(".yaml"),
        "status": data.get("status"),
        "as_of": None if as_of is None else str(as_of),
        "statement": _text(data.get("statement")),
        "sources": [c["source"] for c in _citations(data.get("sources"))],
    }


# Claims ----------------------------------------------------------------------------------


def _citation_info(citation: Record, registry: Mapping[str, Entry]) -> CitationInfo:
    entry = registry.get(citation["source"])
    source = entry.data if entry is not None else {}
    return {
        "source": citation["source"],
        "locator": citation.get("locator"),
        "registered": entry is not None,
        "title": source.get("title"),
        "publisher": source.get("publisher"),
        "published": source.get("published"),
        "url": source.get("url"),
    }


_BRIEF_FIELDS = frozenset(("id", "statement", "status", "as_of", "sources"))


def _added(record_id: str, entry: Entry, registry: Mapping[str, Entry]) -> ClaimAdded:
    citations = _citations(entry.data.get("sources"))
    other = {k: v for k, v in entry.data.items() if k not in _BRIEF_FIELDS}
    return {
        **_brief(record_id, entry),
        "citations": [_citation_info(c, registry) for c in citations],
        "other": other,
    }


def _reworded(diff: FactDiff, brief: ClaimBrief, old: Record, new: Record) -> bool:
    before, after = old.get("statement"), new.get("statement")
    if not (isinstance(before, str) and isinstance(after, str)):
        return False
    words = word_diff(before, after)
    spacing_only = all(run["op"] == "same" for run in words)
    diff.reworded.append(
        {**brief, "before": _text(before), "words": words, "spacing_only": spacing_only}
    )
    return True


def _status(diff: FactDiff, brief: ClaimBrief, old: Record, new: Record) -> bool:
    before, after = old.get("status", _ABSENT), new.get("status", _ABSENT)
    if before is _ABSENT or after is _ABSENT:
        return False
    ranks = [STATUS_RANK.get(s) if isinstance(s, str) else None for s in (before, after)]
    raised = None not in ranks and ranks[1] > ranks[0]  # type: ignore[operator]
    cited_before = {c["source"] for c in _citations(old.get("sources"))}
    new_sources = [s for s in brief["sources"] if s not in cited_before]
    diff.status_changed.append(
        {
            **brief,
            "before": before,
            "raised": raised,
            "raised_without_new_source": raised and not new_sources,
        }
    )
    return True


def _first_by_source(citations: list[Record]) -> dict[str, Record]:
    out: dict[str, Record] = {}
    for citation in citations:
        out.setdefault(citation["source"], citation)
    return out


def _resourced(diff: FactDiff, brief: ClaimBrief, old: Record, new: Record) -> bool:
    raw_before, raw_after = old.get("sources", []), new.get("sources", [])
    if not (isinstance(raw_before, list) and isinstance(raw_after, list)):
        return False
    before = _first_by_source(_citations(raw_before))
    after = _first_by_source(_citations(raw_after))
    changed: list[CitationChange] = [
        {"source": source, "fields": found}
        for source, citation in after.items()
        if source in before and (found := field_changes(before[source], citation))
    ]
    added = [s for s in after if s not in before]
    removed = [s for s in before if s not in after]
    order = None if added or removed or changed else [c["source"] for c in _citations(raw_before)]
    diff.sources_changed.append(
        {**brief, "added": added, "removed": removed, "changed": changed, "order_before": order}
    )
    return True


def _supersession(diff: FactDiff, brief: ClaimBrief, old: Record, new: Record) -> bool:
    before, after = old.get("superseded_by"), new.get("superseded_by")
    if after:
        diff.superseded.append({**brief, "before": before or None, "superseded_by": after})
    elif before:
        diff.unsuperseded.append({**brief, "before": before, "superseded_by": None})
    return bool(before or after)


# The fields of a claim with a section of their own; any other field is listed old → new.
_CLAIM_SECTIONS = {
    "statement": _reworded,
    "status": _status,
    "sources": _resourced,
    "superseded_by": _supersession,
}


def _claim_changed(diff: FactDiff, record_id: str, old: Entry, new: Entry) -> None:
    if old.file == new.file and same(old.data, new.data):
        return
    brief = _brief(record_id, new)
    if old.file != new.file:
        diff.moved.append({**brief, "before": old.file.removesuffix(".yaml")})
    keys = dict.fromkeys([*old.data, *new.data])
    changed = [k for k in keys if not same(old.data.get(k, _ABSENT), new.data.get(k, _ABSENT))]
    rest = [
        k
        for k in changed
        if k not in _CLAIM_SECTIONS or not _CLAIM_SECTIONS[k](diff, brief, old.data, new.data)
    ]
    if rest:
        before = {k: old.data[k] for k in rest if k in old.data}
        after = {k: new.data[k] for k in rest if k in new.data}
        diff.claims_changed.append({**brief, "fields": field_changes(before, after)})


def _compare_claims(diff: FactDiff, old: Facts, new: Facts) -> None:
    before, after = old.records.get(CLAIMS, {}), new.records.get(CLAIMS, {})
    registry = new.records.get(SOURCES, {})
    for record_id, entry in after.items():
        previous = before.get(record_id)
        if previous is None:
            diff.added.append(_added(record_id, entry, registry))
        else:
            _claim_changed(diff, record_id, previous, entry)
    diff.removed = [_brief(i, e) for i, e in before.items() if i not in after]


# Other records, files ------------------------------------------------------------------------


def _compare_records(
    sections: RecordSections, before: Mapping[str, Entry], after: Mapping[str, Entry]
) -> None:
    for record_id, entry in after.items():
        previous = before.get(record_id)
        if previous is None:
            sections.added.append({"id": record_id, "file": entry.file, "data": entry.data})
            continue
        changes = field_changes(previous.data, entry.data)
        if previous.file != entry.file:
            changes.insert(0, _change("file", previous.file, entry.file))
        if changes:
            sections.changed.append({"id": record_id, "fields": changes})
    sections.removed = [
        {"id": i, "file": e.file, "data": e.data} for i, e in before.items() if i not in after
    ]


def _reordered(before: FileFacts, after: FileFacts) -> Reordered | None:
    """The records both versions of a file hold, when they are not in the same order."""
    common = {i for i, _ in before.records} & {i for i, _ in after.records}
    old = [i for i, _ in before.records if i in common]
    new = [i for i, _ in after.records if i in common]
    if old == new:
        return None
    kept = SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
    stayed = {i for block in kept for i in new[block.b : block.b + block.size]}
    moved = [i for i in new if i not in stayed]
    return {"file": after.name, "before": old, "after": new, "moved": moved}


def _newest_fact(facts: FileFacts) -> str | None:
    """What a topic page calls its "newest fact": the newest date its current claims
    describe (derived, so a reworded date shows on the topic as well as on the claim)."""
    dates = []
    for _, data in facts.records:
        if data.get("superseded_by") is None and isinstance(data.get("as_of"), str | int):
            try:
                dates.append(PartialDate.parse(data["as_of"]))
            except ValueError:
                continue
    found = newest(dates)
    return None if found is None else found.iso


def _header_changes(before: FileFacts | None, after: FileFacts | None) -> list[FieldChange]:
    changes = field_changes(before.header if before else {}, after.header if after else {})
    if before is not None and after is not None and after.topic is not None:
        old, new = _newest_fact(before), _newest_fact(after)
        if old != new:
            changes.append(_change("newest fact", old, new))
    return changes


def _compare_files(diff: FactDiff, old: Facts, new: Facts) -> None:
    for name in sorted(set(old.files) | set(new.files)):
        before, after = old.files.get(name), new.files.get(name)
        either = after or before
        if either is None:  # pragma: no cover - the name came from one of them
            continue
        changes = _header_changes(before, after)
        item: FileChange = {"file": name, "topic": either.topic, "fields": changes}
        if either.topic is not None and before is None:
            diff.topics_added.append(item)
        elif either.topic is not None and after is None:
            diff.topics_removed.append(item)
        elif changes:
            diff.headers_changed.append(item)
        if before is not None and after is not None and (moved := _reordered(before, after)):
            diff.reordered.append(moved)


def _unreadable(old: Facts, new: Facts) -> list[Unreadable]:
    sides: tuple[tuple[Literal["base", "head"], Facts], ...] = (("base", old), ("head", new))
    return [
        {"file": name, "side": side, "problem": part.problem}
        for side, facts in sides
        for name, part in sorted(facts.files.items())
        if part.problem is not None
    ]


def _set_aside(old: Facts, new: Facts, names: set[str]) -> tuple[Facts, Facts]:
    """Both versions with the files ``names`` as one of them can read them: what a file that
    cannot be read holds is unknown, so none of its records is shown as added or removed."""

    def readable(name: str) -> FileFacts | None:
        parts = (facts.files.get(name) for facts in (new, old))
        return next((p for p in parts if p is not None and p.problem is None), None)

    def with_readable(facts: Facts) -> Facts:
        files = dict(facts.files)
        for name in names:
            part = readable(name)
            if part is None:
                files.pop(name, None)
            else:
                files[name] = part
        return merge(files)

    return with_readable(old), with_readable(new)


def compare(old: Facts, new: Facts, base: str = "base", head: str = "head") -> FactDiff:
    """Everything that differs between two versions of the facts."""
    diff = FactDiff(base, head, unreadable=_unreadable(old, new))
    if diff.unreadable:
        old, new = _set_aside(old, new, {item["file"] for item in diff.unreadable})
    _compare_claims(diff, old, new)
    kinds = {k for k in LIST_KEYS.values() if k != CLAIMS} | set(old.records) | set(new.records)
    for list_key in sorted(kinds - {CLAIMS}):
        before, after = old.records.get(list_key, {}), new.records.get(list_key, {})
        diff.records[list_key] = RecordSections()
        _compare_records(diff.records[list_key], before, after)
    _compare_files(diff, old, new)
    return diff


def known_ref(root: Path, ref: str) -> None:
    """``GitError`` in plain words when ``ref`` names no commit of the repository."""
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(f"unknown git ref {ref!r}: give a branch, tag or commit") from None


def diff_refs(facts_dir: Path, base: str, head: str | None) -> FactDiff:
    """The facts at git ref ``base`` against ``head`` (a ref, or None for the working tree)."""
    reader = TreeReader(facts_dir, parse_file)
    for ref in (base, head):
        if ref is not None:
            known_ref(reader.root, ref)
    old = merge(reader.files_at(base))
    new = merge(reader.files_at(head)) if head else parse_facts(read_worktree(facts_dir))
    return compare(old, new, base, head or "working tree")


def to_json(diff: FactDiff) -> str:
    return json.dumps(diff.as_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


def to_markdown(diff: FactDiff) -> str:
    """The diff as Markdown for a pull-request comment (see ``factdiff_md``)."""
    from .factdiff_md import to_markdown as render  # here: factdiff_md imports this module

    return render(diff)
