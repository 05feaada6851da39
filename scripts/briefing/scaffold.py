"""``briefing new``: append a well-formed skeleton claim or source to the right fact file.

The skeleton is inserted as text right after the last item of the list, so the file's
comments, quoting and layout stay exactly as they were. It deliberately does not pass the
check until it is filled in (no source yet, placeholder statement), so it cannot be merged
by accident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .failure import BriefingError
from .kinds import SOURCES_FILE, kind_of
from .load import SafeLoader
from .vocab import CLAIM_KINDS, SOURCE_KINDS, STATUSES

# What a skeleton says until an editor fills it in; the validator refuses both (E313).
CLAIM_PLACEHOLDER = "Write one sentence in your own words."
TITLE_PLACEHOLDER = "The document's title as published"
# A skeleton's id: the prefix, a hyphen and a number (``fresh_id``).
SOURCE_ID_PREFIX = "source"


def claim_id_prefix(topic: str) -> str:
    """What a skeleton claim's id starts with in the topic ``topic``."""
    return f"{topic}-claim"


def _plain(text: str) -> str:
    """Text as compared with a placeholder: case, spacing, curly quotes and a closing full
    stop (or a missing one) make no difference."""
    text = " ".join(text.replace("\u2019", "'").casefold().split())
    return text.rstrip(" .…!")


_PLACEHOLDERS = frozenset(_plain(text) for text in (CLAIM_PLACEHOLDER, TITLE_PLACEHOLDER))


_LONGEST = max(map(len, _PLACEHOLDERS)) + 8  # room for spaces and a full stop


def is_placeholder_text(text: str) -> bool:
    """Whether ``text`` is (nearly) a skeleton's placeholder text."""
    return len(text) <= _LONGEST and _plain(text) in _PLACEHOLDERS


def is_skeleton_id(entry_id: str, prefixes: Iterable[str]) -> bool:
    """Whether ``entry_id`` is a numbered skeleton id made from one of ``prefixes``, as
    ``briefing new`` writes them (``partnerships-claim-3``, ``source-2``); a real id that
    merely ends in a number, such as ``xiaomi-patent-claim-2024``, is not."""
    prefix, _, number = entry_id.rpartition("-")
    return number.isdigit() and number.isascii() and prefix in set(prefixes)


class ScaffoldError(BriefingError):
    """The skeleton cannot be added (unknown topic, unreadable file...)."""


@dataclass(frozen=True)
class Added:
    path: Path
    line: int
    id: str


def _sequence(text: str, key: str) -> yaml.Node | None:
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as exc:
        raise ScaffoldError(f"the file is not valid YAML; run `make check` first ({exc})") from exc
    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value_node in root.value:
        if key_node.value == key:
            node: yaml.Node = value_node
            return node
    return None


def _existing_ids(facts_dir: Path) -> set[str]:
    ids: set[str] = set()
    for path in facts_dir.glob("*.yaml"):
        ids.update(re.findall(r"^\s*-?\s*id:\s*['\"]?([a-z0-9-]+)", path.read_text("utf-8"), re.M))
    return ids


def fresh_id(prefix: str, taken: set[str]) -> str:
    n = 1
    while f"{prefix}-{n}" in taken:
        n += 1
    return f"{prefix}-{n}"


def _last_scalar_end(node: yaml.Node) -> int:
    """Where the last value inside ``node`` ends (a collection's own end mark can lie
    several lines further, at the next token)."""
    if isinstance(node, yaml.ScalarNode):
        return node.end_mark.index
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            children.extend((key, value))
    elif isinstance(node, yaml.SequenceNode):
        children.extend(node.value)
    if not children:
        return node.end_mark.index
    return max(_last_scalar_end(child) for child in children)


def _append(path: Path, key: str, item_lines: list[str]) -> int:
    """Insert a block-sequence item after the last item of ``key``; return its first line."""
    text = path.read_text(encoding="utf-8")
    node = _sequence(text, key)
    if node is None:
        raise ScaffoldError(f"{path}: no top-level '{key}:' list to add to")
    if not isinstance(node, yaml.SequenceNode):
        raise ScaffoldError(f"{path}: '{key}' is not a list")
    if node.flow_style or not node.value:
        # `claims: []` (or a flow list): turn it into a block list holding the new item.
        indent = "  "
        block = "\n" + "\n".join(indent + line for line in item_lines) + "\n"
        start, end = node.start_mark.index, node.end_mark.index
        if node.value:
            raise ScaffoldError(f"{path}: write '{key}' as a block list (one '- ' per line)")
        new_text = text[:start].rstrip(" ") + block.lstrip(" ") + text[end:].lstrip("\n")
        line = text[:start].count("\n") + 2
    else:
        column = node.value[0].start_mark.column - 2
        indent = " " * max(column, 0)
        end = _last_scalar_end(node.value[-1])
        # Skip to the end of the line the last item ends on.
        line_end = text.find("\n", end)
        insert_at = len(text) if line_end == -1 else line_end + 1
        prefix = "" if text[:insert_at].endswith("\n") else "\n"
        block = prefix + "\n".join(indent + line for line in item_lines) + "\n"
        new_text = text[:insert_at] + block + text[insert_at:]
        line = new_text[: insert_at + len(prefix)].count("\n") + 1
    newline = "\r\n" if "\r\n" in path.read_bytes().decode("utf-8", "replace") else "\n"
    path.write_text(new_text, encoding="utf-8", newline=newline)
    return line


def new_claim(facts_dir: Path, topic: str) -> Added:
    path = facts_dir / f"{topic}.yaml"
    if not path.is_file() or kind_of(path.name) != "topic":
        known = sorted(p.stem for p in facts_dir.glob("*.yaml") if kind_of(p.name) == "topic")
        raise ScaffoldError(
            f"no topic {topic!r}; topics are: {', '.join(known)} (a new topic is a new file: "
            "see 'Adding a topic' in the editors' guide)"
        )
    claim_id = fresh_id(claim_id_prefix(topic), _existing_ids(facts_dir))
    lines = [
        f"- id: {claim_id}  # rename: the claim's permanent link, e.g. xiaomi-su7-launch-2024",
        f"  statement: {CLAIM_PLACEHOLDER}",
        f"  status: reported  # {' | '.join(STATUSES)}",
        f"  kind: event  # {' | '.join(CLAIM_KINDS)}",
        '  # as_of: "YYYY-MM"  # the time the statement describes',
        "  sources: []  # add at least one source id from sources.yaml",
    ]
    return Added(path, _append(path, "claims", lines), claim_id)


def new_source(facts_dir: Path) -> Added:
    path = facts_dir / SOURCES_FILE
    if not path.is_file():
        raise ScaffoldError(f"{path} does not exist")
    source_id = fresh_id(SOURCE_ID_PREFIX, _existing_ids(facts_dir))
    lines = [
        f"- id: {source_id}  # rename, e.g. cnevpost-ndrc-approval",
        f"  title: {TITLE_PLACEHOLDER}",
        "  publisher: null  # who published it; null when unknown",
        "  url: null  # http(s) address exactly as found; null when unknown",
        '  published: null  # "YYYY-MM-DD" shown on the page; null when undated',
        '  retrieved: "YYYY-MM-DD"  # today',
        f"  kind: news  # {' | '.join(SOURCE_KINDS)}",
        "  # copy_of: Reuters  # the outlet whose report this page copies, if any",
    ]
    return Added(path, _append(path, "sources", lines), source_id)
