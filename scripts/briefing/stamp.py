"""``briefing checked ID…``: record that an editor verified claims today.

The date is written into each claim's ``checked`` field as text, in place: an existing value
is replaced where it stands, or a new ``checked:`` line goes right after the claim's
``status:`` line (or its ``as_of:`` line when there is one), indented like its neighbours.
Every other byte of the file (comments, quoting, blank lines, line endings) stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from .dates import PartialDate
from .failure import BriefingError
from .kinds import LIST_KEYS, kind_of
from .load import SafeLoader


class StampError(BriefingError):
    """A claim to stamp cannot be found or edited."""


@dataclass(frozen=True)
class Stamped:
    claim_id: str
    path: Path
    line: int


def _claim_nodes(text: str) -> dict[str, yaml.MappingNode]:
    root = yaml.compose(text, Loader=SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return {}
    found: dict[str, yaml.MappingNode] = {}
    for key, value in root.value:
        if key.value == LIST_KEYS["topic"] and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.MappingNode):
                    ids = [v.value for k, v in item.value if k.value == "id"]
                    if ids and isinstance(ids[0], str):
                        found[ids[0]] = item
    return found


def _edit(text: str, node: yaml.MappingNode, stamp: str) -> tuple[str, int]:
    """The text with the claim's checked date set, and the line of the date (1-based)."""
    if node.flow_style:
        raise StampError("the claim is written as a flow mapping {…}; write it as a block")
    fields = {k.value: (k, v) for k, v in node.value}
    if "checked" in fields:
        value = fields["checked"][1]
        start, end = value.start_mark.index, value.end_mark.index
        return text[:start] + stamp + text[end:], value.start_mark.line + 1
    after = fields.get("as_of") or fields.get("kind") or fields.get("status")
    if after is None:
        raise StampError("the claim has no status: line to put the date after")
    key, value = after
    line_end = text.find("\n", value.end_mark.index)
    line_end = len(text) if line_end == -1 else line_end
    newline = "\r\n" if text[line_end - 1 : line_end] == "\r" else "\n"
    at = line_end - (1 if newline == "\r\n" else 0)
    indent = " " * key.start_mark.column
    insert = f"{newline}{indent}checked: {stamp}"
    return text[:at] + insert + text[at:], key.start_mark.line + 2


def _refuse_date(claim_id: str, node: yaml.MappingNode, when: date) -> None:
    """StampError when ``when`` is before the time the claim describes (its ``as_of``)."""
    as_of = next((v.value for k, v in node.value if k.value == "as_of"), None)
    try:
        described = PartialDate.parse(as_of) if isinstance(as_of, str) else None
    except ValueError:
        return  # an unreadable as_of is the check's to report
    if described is not None and when < described.earliest():
        raise StampError(
            f"{claim_id}: {when.isoformat()} is before the claim's own date ({described.iso}); "
            "a claim can only be checked after the time it describes"
        )


def _claims_by_file(
    facts_dir: Path, claim_ids: list[str], when: date
) -> dict[Path, tuple[str, list[str]]]:
    """Each topic file holding some of ``claim_ids``: its text and the ids it holds, once
    every claim found accepts ``when`` as its checked date."""
    found: dict[Path, tuple[str, list[str]]] = {}
    for path in sorted(facts_dir.glob("*.yaml")):
        if kind_of(path.name) != "topic":
            continue
        raw = path.read_bytes().decode("utf-8")
        try:
            nodes = _claim_nodes(raw)
        except yaml.YAMLError as exc:
            raise StampError(f"{path}: not valid YAML; run `make check` first") from exc
        hits = [cid for cid in claim_ids if cid in nodes]
        for claim_id in hits:
            _refuse_date(claim_id, nodes[claim_id], when)
        if hits:
            found[path] = (raw, hits)
    return found


def stamp_checked(
    facts_dir: Path, claim_ids: list[str], when: date, today: date | None = None
) -> list[Stamped]:
    """Set ``checked`` of each claim to ``when``. StampError names any id not found and
    refuses a date in the future or before a claim's own date; nothing is written then."""
    if when > (today or date.today()):
        raise StampError(f"{when.isoformat()} is in the future; a check is dated when it is done")
    wanted = list(dict.fromkeys(claim_ids))
    files = _claims_by_file(facts_dir, wanted, when)
    missing = [cid for cid in wanted if not any(cid in hits for _, hits in files.values())]
    if missing:
        raise StampError(f"no claim with id {', '.join(map(repr, missing))} in {facts_dir}/")
    stamp = f'"{when.isoformat()}"'
    done: list[Stamped] = []
    for path, (raw, hits) in files.items():
        nodes = _claim_nodes(raw)
        # Edit from the end of the file backwards, so earlier positions stay valid.
        for claim_id in sorted(hits, key=lambda c: nodes[c].start_mark.index, reverse=True):
            raw, _ = _edit(raw, nodes[claim_id], stamp)
        path.write_bytes(raw.encode("utf-8"))
        after = _claim_nodes(raw)
        done.extend(Stamped(cid, path, after[cid].start_mark.line + 1) for cid in hits)
    return sorted(done, key=lambda s: (str(s.path), s.line))
