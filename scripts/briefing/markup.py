"""The small inline Markdown that statements may use, parsed by us and rendered safely.

Allowed: ``*em*``/``_em_``, ``**strong**``, ```code```, ``[text](https://…)`` and backslash
escapes. Everything else, HTML included, is text. The parser is total: every string parses,
so the renderer can never fail on an editor's input and the validator reports bad links.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # the checks only need plain text: markupsafe is loaded to render
    from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    tag: str  # "em" or "strong"
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    children: tuple[Node, ...]


Node = Text | Code | Span | Link

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("escape", re.compile(r"\\([\\`*_\[\]()])")),
    ("code", re.compile(r"`([^`]+)`")),
    ("strong", re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")),
    ("em", re.compile(r"\*(?=[^\s*])([^*]+?)(?<=\S)\*")),
    ("em", re.compile(r"(?<![0-9A-Za-z_])_(?=[^\s_])([^_]+?)(?<=\S)_(?![0-9A-Za-z_])")),
    ("link", re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)")),
)
_SPECIAL = re.compile(r"[\\`*_\[]")


def is_safe_url(url: str) -> bool:
    """True for absolute http(s) URLs with a host; the only links we ever emit."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc)


# A statement is parsed for its topic page, the lists, the table, the citation and the data
# files: once per text (the nodes are immutable), with room for 10,000s of claims.
@functools.lru_cache(maxsize=1 << 16)
def parse(text: str) -> tuple[Node, ...]:
    nodes: list[Node] = []
    buffer: list[str] = []
    pos = 0
    while pos < len(text):
        special = _SPECIAL.search(text, pos)
        if special is None:
            buffer.append(text[pos:])
            break
        buffer.append(text[pos : special.start()])
        pos = special.start()
        for kind, rule in _RULES:
            match = rule.match(text, pos)
            if match is None:
                continue
            if kind == "escape":
                buffer.append(match.group(1))
            else:
                if buffer:
                    nodes.append(Text("".join(buffer)))
                    buffer = []
                if kind == "code":
                    nodes.append(Code(match.group(1)))
                elif kind == "link":
                    nodes.append(Link(match.group(2), parse(match.group(1))))
                else:
                    nodes.append(Span(kind, parse(match.group(1))))
            pos = match.end()
            break
        else:
            buffer.append(text[pos])
            pos += 1
    if buffer:
        nodes.append(Text("".join(buffer)))
    return _merge(nodes)


def _merge(nodes: list[Node]) -> tuple[Node, ...]:
    merged: list[Node] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            merged.append(node)
    return tuple(merged)


def links(text: str) -> list[str]:
    """Every link target in ``text``, in order (for validation)."""
    found: list[str] = []

    def walk(nodes: tuple[Node, ...]) -> None:
        for node in nodes:
            if isinstance(node, Link):
                found.append(node.url)
                walk(node.children)
            elif isinstance(node, Span):
                walk(node.children)

    walk(parse(text))
    return found


def _html(nodes: tuple[Node, ...]) -> str:
    from markupsafe import escape

    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(str(escape(node.text)))
        elif isinstance(node, Code):
            out.append(f"<code>{escape(node.text)}</code>")
        elif isinstance(node, Span):
            out.append(f"<{node.tag}>{_html(node.children)}</{node.tag}>")
        elif is_safe_url(node.url):
            out.append(
                f'<a href="{escape(node.url.strip())}" rel="nofollow noopener">'
                f"{_html(node.children)}</a>"
            )
        else:  # Never reached for validated facts; shown as text if it were.
            out.append(_html(node.children))
    return "".join(out)


def to_html(text: str) -> Markup:
    """Inline HTML for ``text``: only em, strong, code and http(s) links; all else escaped."""
    from markupsafe import Markup

    return Markup(_html(parse(text)))


def _plain(nodes: tuple[Node, ...]) -> str:
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text | Code):
            parts.append(node.text)
        else:
            parts.append(_plain(node.children))
    return "".join(parts)


def to_plain(text: str) -> str:
    """The statement as plain text, markup removed (for CSV, feeds and tooltips)."""
    return _plain(parse(text))
