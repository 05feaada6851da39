"""What a change does to the facts: claims added, removed, reworded, re-rated or re-sourced,
sources added, removed or changed. Works on raw loaded data (so it can describe a change
even to facts that do not validate) read from git refs or the working tree."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .load import ENTITIES_FILE, SOURCES_FILE, parse_text
from .markup import is_safe_url

SOURCE_FIELDS = ("title", "publisher", "url", "published", "retrieved", "kind", "notes")


class GitError(Exception):
    pass


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        errors="replace",  # a non-UTF-8 file in history is shown, not fatal
        check=False,
    )
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def repo_prefix(facts_dir: Path) -> tuple[Path, str]:
    """The repository root and the facts folder's path inside it."""
    root = Path(git(facts_dir, "rev-parse", "--show-toplevel").strip())
    rel = facts_dir.resolve().relative_to(root.resolve()).as_posix()
    return root, rel


def read_worktree(facts_dir: Path) -> dict[str, str]:
    """``{file name: text}`` of the facts as they are on disk."""
    return {
        p.name: p.read_bytes().decode("utf-8-sig", errors="replace")
        for p in sorted(facts_dir.glob("*.yaml"))
        if p.is_file()
    }


@dataclass
class Facts:
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)


def _source_ids(raw: Any) -> list[str]:
    out = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            out.append(str(item.get("source")))
        else:
            out.append(str(item))
    return out


def parse_file(name: str, text: str) -> Facts:
    """The claims or sources of one fact file (entities do not enter the diff)."""
    facts = Facts()
    data, _ = parse_text(text, name)
    if not isinstance(data, dict):
        return facts
    if name == SOURCES_FILE:
        for raw in data.get("sources") or []:
            if isinstance(raw, dict) and "id" in raw:
                facts.sources[str(raw["id"])] = raw
    elif name != ENTITIES_FILE:
        topic = name.removesuffix(".yaml")
        for raw in data.get("claims") or []:
            if isinstance(raw, dict) and "id" in raw:
                facts.claims[str(raw["id"])] = {**raw, "topic": topic}
    return facts


def merge(parts: list[Facts]) -> Facts:
    facts = Facts()
    for part in parts:
        facts.claims.update(part.claims)
        facts.sources.update(part.sources)
    return facts


def parse_facts(files: dict[str, str]) -> Facts:
    return merge([parse_file(name, text) for name, text in sorted(files.items())])


class TreeReader:
    """Facts at git commits, each file version (blob) read and parsed once however many
    commits contain it: a long history costs the files that changed, not the commits."""

    def __init__(self, facts_dir: Path) -> None:
        self.root, self.rel = repo_prefix(facts_dir)
        self._blobs: dict[tuple[str, str], Facts] = {}

    def facts_at(self, ref: str) -> Facts:
        listing = git(self.root, "ls-tree", f"{ref}:{self.rel}" if self.rel else f"{ref}:")
        parts = []
        for line in listing.splitlines():
            meta, _, name = line.partition("\t")
            kind, blob = meta.split()[1:3]
            if kind != "blob" or not name.endswith(".yaml"):
                continue
            if (blob, name) not in self._blobs:
                text = git(self.root, "cat-file", "blob", blob).removeprefix("\ufeff")
                self._blobs[(blob, name)] = parse_file(name, text)
            parts.append(self._blobs[(blob, name)])
        return merge(parts)


@dataclass
class FactDiff:
    base: str
    head: str
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    reworded: list[dict[str, Any]] = field(default_factory=list)
    status_changed: list[dict[str, Any]] = field(default_factory=list)
    sources_changed: list[dict[str, Any]] = field(default_factory=list)
    superseded: list[dict[str, Any]] = field(default_factory=list)
    moved: list[dict[str, Any]] = field(default_factory=list)
    dated: list[dict[str, Any]] = field(default_factory=list)
    sources_added: list[dict[str, Any]] = field(default_factory=list)
    sources_removed: list[dict[str, Any]] = field(default_factory=list)
    source_fields_changed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(value for key, value in self.as_dict().items() if isinstance(value, list))

    def as_dict(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "head": self.head,
            "claims_added": self.added,
            "claims_removed": self.removed,
            "claims_reworded": self.reworded,
            "status_changed": self.status_changed,
            "claim_sources_changed": self.sources_changed,
            "superseded": self.superseded,
            "moved": self.moved,
            "as_of_changed": self.dated,
            "sources_added": self.sources_added,
            "sources_removed": self.sources_removed,
            "sources_changed": self.source_fields_changed,
        }


def _brief(claim: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": claim["id"],
        "topic": claim["topic"],
        "status": claim.get("status"),
        "as_of": None if claim.get("as_of") is None else str(claim["as_of"]),
        "statement": " ".join(str(claim.get("statement", "")).split()),
        "sources": _source_ids(claim.get("sources")),
    }


def compare(old: Facts, new: Facts, base: str = "base", head: str = "head") -> FactDiff:
    diff = FactDiff(base, head)
    for claim_id, claim in new.claims.items():
        if claim_id not in old.claims:
            diff.added.append(_brief(claim))
            continue
        before = old.claims[claim_id]
        brief = _brief(claim)
        if " ".join(str(before.get("statement", "")).split()) != brief["statement"]:
            diff.reworded.append({**brief, "before": _brief(before)["statement"]})
        if before.get("status") != claim.get("status"):
            diff.status_changed.append({**brief, "before": before.get("status")})
        old_ids, new_ids = _source_ids(before.get("sources")), brief["sources"]
        if old_ids != new_ids:
            diff.sources_changed.append(
                {
                    **brief,
                    "added": [s for s in new_ids if s not in old_ids],
                    "removed": [s for s in old_ids if s not in new_ids],
                }
            )
        if before.get("superseded_by") != claim.get("superseded_by") and claim.get("superseded_by"):
            diff.superseded.append({**brief, "superseded_by": claim["superseded_by"]})
        if before["topic"] != claim["topic"]:
            diff.moved.append({**brief, "before": before["topic"]})
        if str(before.get("as_of")) != str(claim.get("as_of")):
            diff.dated.append(
                {**brief, "before": None if before.get("as_of") is None else str(before["as_of"])}
            )
    diff.removed = [_brief(c) for i, c in old.claims.items() if i not in new.claims]
    for source_id, source in new.sources.items():
        if source_id not in old.sources:
            diff.sources_added.append({"id": source_id, **_source_brief(source)})
            continue
        changed = {
            name: {"before": old.sources[source_id].get(name), "after": source.get(name)}
            for name in SOURCE_FIELDS
            if str(old.sources[source_id].get(name)) != str(source.get(name))
        }
        if changed:
            diff.source_fields_changed.append({"id": source_id, "fields": changed})
    diff.sources_removed = [
        {"id": i, **_source_brief(s)} for i, s in old.sources.items() if i not in new.sources
    ]
    return diff


def _source_brief(source: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": source.get("title"),
        "publisher": source.get("publisher"),
        "published": None if source.get("published") is None else str(source["published"]),
        "url": source.get("url"),
    }


def diff_refs(facts_dir: Path, base: str, head: str | None) -> FactDiff:
    """The facts at git ref ``base`` against ``head`` (a ref, or None for the working tree)."""
    reader = TreeReader(facts_dir)
    old = reader.facts_at(base)
    new = reader.facts_at(head) if head else parse_facts(read_worktree(facts_dir))
    return compare(old, new, base, head or "working tree")


def _md(text: Any) -> str:
    """Text for a Markdown comment: no HTML, no mentions, no link or emphasis syntax."""
    out = str(text)
    for ch in "\\`*_{}[]()<>#|!~@":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _code(value: Any) -> str:
    """An id or other value in a code span, which it can never leave."""
    return "`" + (" ".join(str(value).replace("`", "'").split()) or " ") + "`"


def _url(url: Any) -> str:
    text = str(url)
    if is_safe_url(text) and not any(c in text for c in "<> \t\n"):
        return f"<{text}>"
    return _md(text)


def _quote(statement: str, limit: int = 160) -> str:
    text = statement if len(statement) <= limit else statement[: limit - 1] + "…"
    return _md(text)


SECTIONS = (
    ("added", "claim added", "claims added"),
    ("removed", "claim removed", "claims removed"),
    ("reworded", "claim reworded", "claims reworded"),
    ("status_changed", "status changed", "statuses changed"),
    ("sources_changed", "claim re-sourced", "claims re-sourced"),
    ("superseded", "claim superseded", "claims superseded"),
    ("moved", "claim moved", "claims moved"),
    ("dated", "as-of date changed", "as-of dates changed"),
    ("sources_added", "source added", "sources added"),
    ("sources_removed", "source removed", "sources removed"),
    ("source_fields_changed", "source changed", "sources changed"),
)


def to_markdown(diff: FactDiff) -> str:
    lines = [f"## Fact changes: {_code(diff.base)} → {_code(diff.head)}", ""]
    counts = [(len(getattr(diff, name)), one, many) for name, one, many in SECTIONS]
    summary = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
    if not summary:
        lines.append("No change to the facts.")
        return "\n".join(lines) + "\n"
    lines += ["**" + ", ".join(summary) + ".**", ""]

    def section(title: str, items: list[dict[str, Any]], render: Any) -> None:
        if items:
            lines.extend([f"### {title}", ""])
            lines.extend(f"- {render(item)}" for item in items)
            lines.append("")

    def claim(item: dict[str, Any]) -> str:
        when = f", as of {_md(item['as_of'])}" if item.get("as_of") else ""
        head = f"{_code(item['id'])} ({_md(item['topic'])}, **{_md(item['status'])}**{when})"
        return f"{head}: {_quote(item['statement'])}"

    def ids(values: list[str]) -> str:
        return ", ".join(_code(v) for v in values)

    section("Claims added", diff.added, lambda i: f"{claim(i)} — sources: {ids(i['sources'])}")
    section("Claims removed", diff.removed, claim)
    section(
        "Status changed",
        diff.status_changed,
        lambda i: (
            f"{_code(i['id'])}: {_md(i['before'])} → **{_md(i['status'])}** — "
            f"{_quote(i['statement'])}"
        ),
    )
    section(
        "Reworded",
        diff.reworded,
        lambda i: f"{_code(i['id'])}: ~~{_quote(i['before'])}~~ → {_quote(i['statement'])}",
    )
    section(
        "Sources of a claim changed",
        diff.sources_changed,
        lambda i: (
            f"{_code(i['id'])}: "
            + ", ".join(
                [f"+ {_code(s)}" for s in i["added"]] + [f"− {_code(s)}" for s in i["removed"]]
                or ["reordered"]
            )
        ),
    )
    section(
        "Superseded",
        diff.superseded,
        lambda i: f"{_code(i['id'])} is now superseded by {_code(i['superseded_by'])}",
    )
    section(
        "Moved to another topic",
        diff.moved,
        lambda i: f"{_code(i['id'])}: {_md(i['before'])} → {_md(i['topic'])}",
    )
    section(
        "As-of date changed",
        diff.dated,
        lambda i: f"{_code(i['id'])}: {_md(i['before'] or 'none')} → {_md(i['as_of'] or 'none')}",
    )

    def source(item: dict[str, Any]) -> str:
        return (
            f"{_code(item['id'])}: {_md(item['title'])} — "
            f"{_md(item['publisher'] or 'publisher unknown')}, "
            f"{_md(item['published'] or 'undated')}"
            + (f" {_url(item['url'])}" if item.get("url") else "")
        )

    section("Sources added", diff.sources_added, source)
    section("Sources removed", diff.sources_removed, source)
    section(
        "Sources changed",
        diff.source_fields_changed,
        lambda i: (
            f"{_code(i['id'])}: "
            + "; ".join(
                f"{_md(name)}: {_md(v['before'])} → {_md(v['after'])}"
                for name, v in i["fields"].items()
            )
        ),
    )
    return "\n".join(lines).rstrip() + "\n"


def to_json(diff: FactDiff) -> str:
    return json.dumps(diff.as_dict(), ensure_ascii=False, indent=2) + "\n"
