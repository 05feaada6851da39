"""``briefing diff`` as Markdown for a pull-request comment, from ``templates/factdiff.md.j2``.

Markdown, not HTML, so Jinja2's autoescape does not apply: instead every value reaches the
page through one of the filters below, which neutralise it. Text (``md``) has every character
Markdown or HTML acts on backslash-escaped, ids and other values go in code spans they cannot
leave (``code``), and only a safe URL becomes an autolink (``url``): fact text, ids and URLs
can never add a link, an image, a mention or HTML to the comment.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from .factdiff import ClaimResourced, FactDiff, FieldChange, WordRun, word_diff
from .markup import is_safe_url

TEMPLATE = Path(__file__).parent / "templates" / "factdiff.md.j2"
# How known fields are named; any other field is shown by its key.
FIELD_LABELS = {
    "as_of": "as of",
    "superseded_by": "superseded by",
    "native_name": "native name",
    "review_after_days": "review after days",
    "copy_of": "copy of",
}
URL_FIELDS = frozenset(("url", "website"))
# Headings for the kinds of record other than claims, by list key (others use the key).
RECORD_NAMES = {
    "sources": ("source", "sources"),
    "entities": ("entity", "entities"),
    "series": ("series", "series"),
}
CONTEXT_WORDS = 6  # unchanged words kept on each side of a change in a rewording
LONG = 24  # a text field whose old and new words together are more is shown word by word


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


def _quote(statement: Any, limit: int = 160) -> str:
    text = " ".join(str(statement).split())
    return _md(text if len(text) <= limit else text[: limit - 1] + "…")


def _label(name: Any) -> str:
    return _md(".".join(FIELD_LABELS.get(part, part) for part in str(name).split(".")))


def _value(value: Any, name: Any = "") -> str:
    """Any YAML value as inert text; URLs (by field name) as autolinks when safe."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        inner = (f"{_label(k)}: {_value(v, k)}" for k, v in value.items())
        return "{" + ", ".join(inner) + "}"
    if isinstance(value, list):
        return ", ".join(_value(v, name) for v in value) if value else "(empty list)"
    if str(name).rsplit(".", 1)[-1] in URL_FIELDS:
        return _url(value)
    return _md(value)


def _change(change: FieldChange) -> str:
    """``field: old → new``; a field that is not set shows as "(not set)", a long text
    word by word."""
    name = change["field"]
    old, new = change.get("before"), change.get("after")
    if isinstance(old, str) and isinstance(new, str) and len(f"{old} {new}".split()) > LONG:
        return f"{_label(name)}: {_words(word_diff(old, new))}"
    before = _value(change["before"], name) if "before" in change else "(not set)"
    after = _value(change["after"], name) if "after" in change else "(not set)"
    return f"{_label(name)}: {before} → {after}"


def _changes(changes: list[FieldChange]) -> str:
    return "; ".join(_change(c) for c in changes)


def _resourced(item: ClaimResourced) -> str:
    """A claim's citations: ``+ `new`, − `old`; `kept` locator: p. 4 → p. 5``."""
    parts = [f"+ {_code(s)}" for s in item["added"]]
    parts += [f"− {_code(s)}" for s in item["removed"]]
    text = ", ".join(parts)
    changed = "; ".join(
        f"{_code(c['source'])} " + ", ".join(_change(f) for f in c["fields"])
        for c in item["changed"]
    )
    text = "; ".join(part for part in (text, changed) if part)
    if item["order_before"] is not None:
        before = ", ".join(_code(s) for s in item["order_before"])
        text = f"listed as {before} → " + ", ".join(_code(s) for s in item["sources"])
    return text


def _fields(record: dict[Any, Any], skip: tuple[str, ...] = ("id",)) -> str:
    """Every field of a record but ``skip``, as ``field: value; …``."""
    return "; ".join(f"{_label(k)}: {_value(v, k)}" for k, v in record.items() if k not in skip)


def _context(words: list[str], after_change: bool, before_change: bool) -> list[str]:
    """Unchanged words of a rewording: only ``CONTEXT_WORDS`` next to each change are kept."""
    n = CONTEXT_WORDS
    if after_change and before_change and len(words) > 2 * n:
        return [*words[:n], "…", *words[-n:]]
    if after_change and not before_change and len(words) > n:
        return [*words[:n], "…"]
    if before_change and not after_change and len(words) > n:
        return ["…", *words[-n:]]
    return words


def _words(runs: list[WordRun]) -> str:
    """A rewording word by word: ~~removed~~ **added**, long unchanged runs shortened."""
    out: list[str] = []
    for n, run in enumerate(runs):
        if run["op"] == "removed":
            out.append(f"~~{_md(run['text'])}~~")
        elif run["op"] == "added":
            out.append(f"**{_md(run['text'])}**")
        else:
            kept = _context(run["text"].split(), n > 0, n < len(runs) - 1)
            out.append(_md(" ".join(kept)))
    return " ".join(out)


def _record_name(list_key: str, plural: bool = True) -> str:
    one, many = RECORD_NAMES.get(list_key, (list_key, list_key))
    return many if plural else one


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# The summary line: (section, one, many), in the order the sections are shown.
CLAIM_SECTIONS = (
    ("added", "claim added", "claims added"),
    ("removed", "claim removed", "claims removed"),
    ("reworded", "claim reworded", "claims reworded"),
    ("status_changed", "status changed", "statuses changed"),
    ("sources_changed", "claim re-sourced", "claims re-sourced"),
    ("superseded", "claim superseded", "claims superseded"),
    ("unsuperseded", "claim current again", "claims current again"),
    ("moved", "claim moved", "claims moved"),
)
FILE_SECTIONS = (
    ("topics_added", "topic added", "topics added"),
    ("topics_removed", "topic removed", "topics removed"),
    ("headers_changed", "file header changed", "file headers changed"),
    ("reordered", "file reordered", "files reordered"),
)


def summary(diff: FactDiff) -> list[str]:
    """``["1 claim added", "2 sources changed", …]`` for every section with something in it."""
    out = [
        _count(len(getattr(diff, name)), one, many)
        for name, one, many in CLAIM_SECTIONS
        if getattr(diff, name)
    ]
    if diff.claims_changed:
        names = (c["field"].split(".")[0] for item in diff.claims_changed for c in item["fields"])
        which = ", ".join(_label(name) for name in dict.fromkeys(names))
        n = len(diff.claims_changed)
        out.append(_count(n, "claim", "claims") + f" with other changes ({which})")
    for list_key, sections in sorted(diff.records.items()):
        one, many = _record_name(list_key, False), _record_name(list_key)
        for part in ("added", "removed", "changed"):
            items = getattr(sections, part)
            if items:
                out.append(_count(len(items), f"{one} {part}", f"{many} {part}"))
    out += [
        _count(len(getattr(diff, name)), one, many)
        for name, one, many in FILE_SECTIONS
        if getattr(diff, name)
    ]
    return out


@functools.cache
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE.parent),
        autoescape=False,  # Markdown: the filters below neutralise every value instead
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=_md,
        code=_code,
        url=_url,
        quote=_quote,
        label=_label,
        value=_value,
        changes=_changes,
        resourced=_resourced,
        fields=_fields,
        words=_words,
        record_name=_record_name,
    )
    return env.get_template(TEMPLATE.name)


def to_markdown(diff: FactDiff) -> str:
    text = _template().render(diff=diff, summary=summary(diff))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
