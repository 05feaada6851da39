"""The synthetic records written as fact files, formatted the way editors write them: one
key a line, long text folded, short lists in flow style, the schema named on the first line."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from pathlib import Path

from .records import Citation, Claim, Entity, Figure, Series, Source

SCHEMA_LINE = "# yaml-language-server: $schema=../scripts/briefing/schemas/{}.schema.json"


def quoted(text: str) -> str:
    """A double-quoted YAML scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def block(key: str, text: str, indent: int) -> list[str]:
    """``key: value`` on one line, or a folded block (``>-``) for long text."""
    pad = " " * indent
    if len(text) + len(key) + indent + 2 <= 92:
        return [f"{pad}{key}: {quoted(text)}"]
    lines = textwrap.wrap(text, width=90 - indent - 2, break_long_words=False)
    return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in lines)]


def flow(items: Iterable[str]) -> str:
    return "[" + ", ".join(quoted(i) if not i.isascii() or " " in i else i for i in items) + "]"


def citations(items: list[Citation], indent: int) -> list[str]:
    pad = " " * indent
    out = [f"{pad}sources:"]
    for c in items:
        if c.locator:
            out += [f"{pad}  - source: {c.source}", f"{pad}    locator: {c.locator}"]
        else:
            out.append(f"{pad}  - {c.source}")
    return out


def optional(key: str, value: str | None, indent: int = 4) -> list[str]:
    return [] if value is None else [f"{' ' * indent}{key}: {quoted(value)}"]


def entity_lines(e: Entity) -> list[str]:
    out = [
        f"  - id: {e.id}",
        f"    name: {quoted(e.name)}",
        *optional("native_name", e.native_name),
    ]
    out.append(f"    kind: {e.kind}")
    if e.aliases:
        out.append(f"    aliases: {flow(e.aliases)}")
    if e.description:
        out += block("description", e.description, 4)
    out += optional("website", e.website)
    return out + citations(e.sources, 4)


def source_lines(s: Source) -> list[str]:
    out = [f"  - id: {s.id}", *block("title", s.title, 4)]
    out.append(f"    publisher: {quoted(s.publisher) if s.publisher else 'null'}")
    out.append(f"    url: {s.url or 'null'}")
    out.append(
        f'    published: "{s.published.isoformat()}"' if s.published else "    published: null"
    )
    out.append(f'    retrieved: "{s.retrieved.isoformat()}"')
    out.append(f"    kind: {s.kind}")
    out += optional("copy_of", s.copy_of)
    if s.relays:
        out.append(f"    relays: {flow(s.relays)}")
    return out + (block("notes", s.notes, 4) if s.notes else [])


def series_lines(s: Series) -> list[str]:
    out = [f"  - id: {s.id}", f"    title: {quoted(s.title)}", f"    unit: {s.unit}"]
    out += [f"    measure: {s.measure}", f"    per: {s.per}"]
    if s.target_for:
        out.append(f"    target_for: {s.target_for}")
    return out + block("description", s.description, 4)


def figure_line(f: Figure) -> str:
    parts = [f"value: {f.value!r}"]
    if f.scale != "one":
        parts.append(f"scale: {f.scale}")
    parts += [f"unit: {f.unit}", f"qualifier: {f.qualifier}"]
    if f.series:
        parts.append(f"series: {f.series}")
    if f.period:
        parts.append(f'period: "{f.period}"')
    return "    figure: {" + ", ".join(parts) + "}"


def claim_lines(c: Claim) -> list[str]:
    out = [f"  - id: {c.id}", *block("statement", c.statement, 4)]
    out += [f"    status: {c.status}", f"    kind: {c.kind}"]
    if c.as_of:
        out.append(f'    as_of: "{c.as_of}"')
    if c.checked:
        out.append(f'    checked: "{c.checked.isoformat()}"')
    out += citations(c.sources, 4)
    if c.subjects:
        out.append(f"    subjects: {flow(c.subjects)}")
    if c.tags:
        out.append(f"    tags: {flow(c.tags)}")
    if c.superseded_by:
        out.append(f"    superseded_by: {c.superseded_by}")
    if c.figure:
        out.append(figure_line(c.figure))
    return [*out, ""]


def registry(path: Path, kind: str, key: str, entries: Iterable[list[str]]) -> Path:
    """A registry file (sources, entities, series): the schema line, the key, the entries."""
    out = [SCHEMA_LINE.format(kind), f"{key}:"]
    for lines in entries:
        out += lines
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def topic_file(path: Path, head: list[str], claims: Iterable[Claim]) -> Path:
    out = [SCHEMA_LINE.format("topic"), *head, "claims:"]
    for claim in claims:
        out += claim_lines(claim)
    path.write_text("\n".join(out), encoding="utf-8")
    return path
