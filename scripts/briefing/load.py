"""Stage 1: read the fact files safely into plain Python data.

Safe YAML only (the C loader when present), no implicit timestamps (dates stay text so the
validator can report impossible ones), duplicate keys, aliases and non-standard tags reported
rather than silently accepted. Node positions are not kept on the fast path: a ``Document``
re-composes its text only when a later stage asks where something is, because that only
happens when there is an error to report.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import characters, memo
from .errors import Code, Problem
from .kinds import (
    ENTITIES_FILE,
    FILE_KINDS,
    LIST_KEYS,
    SERIES_FILE,
    SOURCES_FILE,
    Kind,
    kind_of,
)

try:  # The C loader is about seven times faster; fall back quietly where it is missing.
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader
# The plain safe loader, for other modules that compose YAML (the skeleton writer).
SafeLoader = _Base

MAX_FILE_BYTES = 1024 * 1024
# Fact files need a handful of levels; a cap keeps deep nesting from exhausting the stack.
MAX_DEPTH = 32
__all__ = [
    "ENTITIES_FILE",
    "LIST_KEYS",
    "SERIES_FILE",
    "SOURCES_FILE",
    "Kind",
    "SafeLoader",
    "kind_of",
]
Pointer = tuple[str | int, ...]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)


def _tag_message(node: yaml.Node) -> str:
    return f"unsupported YAML tag {node.tag!r}; fact files use plain values only (remove the tag)"


class _FactLoader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader that records problems instead of guessing."""

    def __init__(self, stream: str, path: str) -> None:
        super().__init__(stream)
        self.path = path
        self.problems: list[Problem] = []
        self._reported: set[int] = set()
        self._depth = 0
        self._too_deep = False

    def _problem(self, mark: yaml.Mark | None, code: Code, message: str) -> None:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.problems.append(Problem(self.path, line, col, code, message))

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            # A second use of the same node can only come from an alias. Refusing it here
            # also keeps an alias "billion laughs" from ever being expanded.
            if id(node) not in self._reported:
                self._reported.add(id(node))
                self._problem(
                    node.start_mark,
                    Code.ALIAS,
                    "YAML anchors and aliases (&name / *name) are not allowed in fact files; "
                    "write the value out in full",
                )
            return None
        if node.tag not in _ALLOWED_TAGS:
            self._problem(node.start_mark, Code.UNSUPPORTED_TAG, _tag_message(node))
            self.constructed_objects[node] = None
            return None
        if self._depth >= MAX_DEPTH:
            if not self._too_deep:
                self._too_deep = True
                self._problem(
                    node.start_mark,
                    Code.YAML_SYNTAX,
                    f"the data is nested more than {MAX_DEPTH} levels deep; "
                    "fact files need only a few levels",
                )
            self.constructed_objects[node] = None
            return None
        self._depth += 1
        try:
            return super().construct_object(node, deep)
        except ValueError as exc:  # e.g. an integer of more than 4,300 digits
            self.recursive_objects.pop(node, None)
            self._problem(
                node.start_mark,
                Code.BAD_VALUE,
                f"this value cannot be read: {str(exc).split(';')[0]}",
            )
            self.constructed_objects[node] = None
            return None
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):  # pragma: no cover - PyYAML guarantees it
            return super().construct_mapping(node, deep)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(
                    key_node.start_mark, Code.ALIAS, "YAML merge keys (<<) are not allowed"
                )
                continue
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag not in _ALLOWED_TAGS:
                # A tagged key is refused, and read as the plain text it is written as.
                self._problem(key_node.start_mark, Code.UNSUPPORTED_TAG, _tag_message(key_node))
                key = key_node.value
            else:
                key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str | int | float | bool) and key is not None:
                self._problem(key_node.start_mark, Code.WRONG_TYPE, "a key must be plain text")
                continue
            if key in mapping:
                self._problem(
                    key_node.start_mark,
                    Code.DUPLICATE_KEY,
                    f"duplicate key {key!r} in this mapping (the first one is kept); "
                    "remove or rename one of them",
                )
                continue
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


# Dates stay strings: "2023-02-30" must reach the validator, not crash the loader.
_FactLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
for _tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:omap"):
    _FactLoader.add_constructor(
        _tag, lambda loader, node: loader.construct_mapping(node, deep=True)
    )


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Unusual(Exception):
    """The fast constructor met something only ``_FactLoader`` knows how to report."""


class _FastBuilder:
    """Plain data for a composed document that uses only plain values, as ``_FactLoader``
    would build it, but several times faster: no generators, no per-node bookkeeping, and
    string values (most nodes) taken straight from their parent's loop.

    Raises ``_Unusual`` at the first alias, tag, merge key, odd key, duplicate key or too
    deep nesting, and the caller then constructs the document with ``_FactLoader`` itself,
    which reports the problem exactly as before.
    """

    def __init__(self, loader: _FactLoader, text: str) -> None:
        self.scalars = loader.yaml_constructors
        self.loader = loader
        # An alias is the same node met twice. Without an anchor (&) in the text there can
        # be no alias (an undefined one fails to compose), so nodes need tracking only then.
        self.track = "&" in text
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, depth: int) -> Any:
        if depth >= MAX_DEPTH:  # too deep: the careful constructor reports it
            raise _Unusual
        if self.track:
            if id(node) in self.seen:
                raise _Unusual
            self.seen.add(id(node))
        tag, kind = node.tag, type(node)
        if kind is yaml.ScalarNode:
            if tag == _STR:
                return node.value
            if tag in _ALLOWED_TAGS:  # int, float, bool, null
                return self.scalars[tag](self.loader, node)
            raise _Unusual
        if depth + 1 >= MAX_DEPTH and node.value:
            raise _Unusual
        if kind is yaml.MappingNode and tag == _MAP:
            return self.mapping(node, depth + 1)
        if kind is yaml.SequenceNode and tag == _SEQ:
            return self.sequence(node, depth + 1)
        raise _Unusual

    def mapping(self, node: yaml.Node, child: int) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        plain = not self.track
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise _Unusual
            if plain and key_node.tag == _STR:
                key = key_node.value
            else:
                key = self.build(key_node, child)
                if not isinstance(key, str | int | float | bool | None):
                    raise _Unusual
            if key in mapping:
                raise _Unusual
            if plain and value_node.tag == _STR and type(value_node) is yaml.ScalarNode:
                mapping[key] = value_node.value
            else:
                mapping[key] = self.build(value_node, child)
        return mapping

    def sequence(self, node: yaml.Node, child: int) -> list[Any]:
        if self.track:
            return [self.build(item, child) for item in node.value]
        scalar = yaml.ScalarNode
        return [
            item.value if item.tag == _STR and type(item) is scalar else self.build(item, child)
            for item in node.value
        ]


def _fast_construct(loader: _FactLoader, root: yaml.Node, text: str) -> Any:
    """``_FastBuilder``'s data for the document, or ``_Unusual`` on anything else at all."""
    try:
        return _FastBuilder(loader, text).build(root, 0)
    except Exception as exc:  # anything at all: let the careful constructor decide
        raise _Unusual from exc


@dataclass(frozen=True)
class Document:
    """One fact file's data, with its positions available on demand."""

    path: Path
    display: str
    kind: Kind
    text: str
    data: Any
    slug: str = ""
    problems: tuple[Problem, ...] = field(default=(), compare=False)
    # Where the loader refused or dropped something but could read the rest (a duplicate
    # key, a tag, an alias...): the values there cannot be trusted.
    marks: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    # The memo's key for this file's name and text (see memo.py), and whether its data came
    # from the memo, that is, the file was found sound before and needs no check of its own.
    memo_key: str | None = field(default=None, compare=False)
    sound: bool = field(default=False, compare=False)

    @functools.cached_property
    def _root(self) -> yaml.Node | None:
        try:
            return yaml.compose(self.text, Loader=_Base)
        except yaml.YAMLError:
            return None

    def node_at(self, pointer: Pointer, *, key: bool = False) -> yaml.Node | None:
        """The deepest YAML node on ``pointer`` (its key node if ``key`` and it is a key)."""
        node = self._root
        if node is None:
            return None
        for depth, part in enumerate(pointer):
            last = depth == len(pointer) - 1
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == str(part):
                        node = key_node if (last and key) else value_node
                        break
                else:
                    return node
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return node
                node = node.value[part]
            else:
                return node
        return node

    def damaged(self) -> set[Pointer]:
        """Every place in the data a loader problem (``marks``) is about."""
        if not self.marks or self._root is None:
            return set()
        found: dict[tuple[int, int], list[Pointer]] = {}
        _index_marks(self._root, (), found, set())
        return {pointer for mark in self.marks for pointer in found.get(mark, ())}

    def position(self, pointer: Pointer, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value (or key) at ``pointer``."""
        node = self.node_at(pointer, key=key)
        if node is None:
            return (1, 1)
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, pointer: Pointer, code: Code, message: str, *, key: bool = False) -> Problem:
        line, col = self.position(pointer, key=key)
        return Problem(self.display, line, col, code, message)


def _start(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _index_marks(
    node: yaml.Node, pointer: Pointer, found: dict[tuple[int, int], list[Pointer]], seen: set[int]
) -> None:
    """Map the position of every key and value under ``node`` to its pointer(s).

    A node reached through an alias is listed at each place it appears, but walked only
    once, so that nested aliases (a "billion laughs") cost no more than their text.
    """
    if id(node) in seen or len(pointer) > MAX_DEPTH:
        return
    seen.add(id(node))
    children: list[tuple[Pointer, yaml.Node]] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                child = (*pointer, key_node.value)
                found.setdefault(_start(key_node), []).append(child)
                children.append((child, value_node))
    elif isinstance(node, yaml.SequenceNode):
        children = [((*pointer, i), item) for i, item in enumerate(node.value)]
    for child, value_node in children:
        found.setdefault(_start(value_node), []).append(child)
        _index_marks(value_node, child, found, seen)


def _display(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def _mark(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (the previous state is restored).

    The stages allocate many objects that live long enough to be promoted to the oldest
    generation, so the collector kept re-scanning everything loaded so far; on large fact
    sets that was a fifth of the load time and a tenth of rendering. What they allocate holds
    no cycles worth collecting meanwhile: it is freed by reference counting (composing one
    file's node tree, for instance) or kept (the model). Used around each file's parse and
    around validation, the model and rendering.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_text(text: str, display: str) -> tuple[Any, list[Problem]]:
    """YAML text to plain data, with every problem the loader could see."""
    with gc_paused():
        return _parse_text(text, display)


_QUOTES = re.compile(r'(?<!\\)"')


def _syntax_problem(display: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error where the editor should look, with what to do about it."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(part for part in (exc.context, exc.problem) if part)
    lines = text.splitlines()
    start = exc.context_mark.line if exc.context_mark else 0
    lost = "expected key" in what or "expected ':'" in what  # YAML read on past the value
    quote = _unclosed_quote(lines, start, line - 1) if mark and lost else None
    if quote is not None:  # where the mistake most likely is, not where YAML gave up
        gave_up = f"YAML gave up at {line}:{col}: {what}"
        message = f"YAML syntax: a quote here seems never closed ({gave_up})"
        return Problem(display, *quote, Code.YAML_SYNTAX, message)
    hint = _syntax_hint(lines, exc)
    return Problem(display, line, col, Code.YAML_SYNTAX, f"YAML syntax: {what}{hint}")


def _unclosed_quote(lines: list[str], first: int, last: int) -> tuple[int, int] | None:
    """Line and column (1-based) of the first line from ``first`` to ``last`` (0-based) with an
    odd number of double quotes: most often a value whose closing quote was forgotten (YAML
    then reads on, and gives up lines later)."""
    for number in range(first, min(last + 1, len(lines))):
        quotes = list(_QUOTES.finditer(lines[number].split(" #", 1)[0]))
        if len(quotes) % 2:
            return number + 1, quotes[0].start() + 1
    return None


def _syntax_hint(lines: list[str], exc: yaml.MarkedYAMLError) -> str:
    """What an editor can do about a YAML syntax error, and where it began."""
    mark, context = exc.problem_mark or exc.context_mark, exc.context_mark
    if mark is None:
        return ""
    hint = ""
    line = lines[mark.line] if mark.line < len(lines) else ""
    if "\t" in line[: mark.column + 1]:
        if "\t" in line[: len(line) - len(line.lstrip())]:
            hint = "; indent with spaces, not tabs"
        elif not line[mark.column :].strip():
            hint = "; delete the tab at the end of the line"
        else:
            hint = "; put a space here, not a tab (or quote a value that holds one)"
    elif "mapping values are not allowed" in str(exc.problem):
        hint = "; a value that contains ': ' must be in quotes"
    if context is not None and context.line != mark.line:
        hint += f" (it started at line {context.line + 1}, column {context.column + 1})"
    return hint


def _scan_strictly(text: str) -> None:
    """Raise what PyYAML's own scanner finds in ``text``. libyaml (the fast loader) takes a
    tab as a space between tokens ("title\t: x"), where PyYAML, yamllint and check-jsonschema
    refuse it: a file with a tab is scanned again their way, so all of them agree."""
    for _ in yaml.scan(text, Loader=yaml.SafeLoader):
        pass


def _parse_text(text: str, display: str) -> tuple[Any, list[Problem]]:
    loader = _FactLoader(text, display)
    try:
        # As ``loader.get_single_data()``, with a fast path for documents of plain values.
        root = loader.get_single_node()
        data = None
        if root is not None:
            try:
                data = _fast_construct(loader, root, text)
            except _Unusual:
                data = loader.construct_document(root)
        if "\t" in text:
            _scan_strictly(text)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(display, text, exc)]
    except yaml.reader.ReaderError as exc:  # ``characters.scrub`` took these out before
        line, col = _mark(text, exc.position)
        return None, [Problem(display, line, col, Code.YAML_SYNTAX, f"YAML cannot read it: {exc}")]
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error we know is marked
        return None, [Problem(display, 1, 1, Code.YAML_SYNTAX, f"YAML: {exc}")]
    finally:
        loader.dispose()
    return data, loader.problems


def load_file(path: Path, base: Path) -> Document:
    """Read one fact file. Never raises for bad content: problems travel in the Document."""
    display = _display(path, base)
    kind = kind_of(path.name)
    slug = path.stem if kind == "topic" else ""

    def failed(code: Code, message: str, line: int = 1, col: int = 1) -> Document:
        problem = Problem(display, line, col, code, message)
        return Document(path, display, kind, "", None, slug, (problem,))

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return failed(
                Code.FILE_TOO_LARGE,
                f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (split the topic)",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return failed(Code.FILE_UNREADABLE, f"cannot read the file: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        return failed(
            Code.NOT_UTF8, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save as UTF-8", line, col
        )
    memo_key = memo.key(display, text)
    known, data = memo.recall(display, memo_key)
    if known:
        return Document(path, display, kind, text, data, slug, memo_key=memo_key, sound=True)
    text, unreadable = characters.scrub(text, display)
    data, problems = parse_text(text, display)
    marks = tuple((p.line, p.col) for p in problems) if data is not None else ()
    problems = unreadable + problems
    if not problems and data is None:
        problems = [
            Problem(
                display,
                1,
                1,
                Code.EMPTY_FILE,
                "the file holds no data (it is empty or only comments); fill it in or delete it",
            )
        ]
    return Document(path, display, kind, text, data, slug, tuple(problems), marks, memo_key)


@dataclass(frozen=True)
class Corpus:
    """Every fact file of a folder, plus problems with the folder itself."""

    root: Path
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]

    @property
    def all_problems(self) -> list[Problem]:
        found = list(self.problems)
        for doc in self.documents:
            found.extend(doc.problems)
        return found


def _no_facts_folder(facts_dir: Path, here: Path) -> str:
    """What to do when the facts folder is not where it was looked for from ``here``."""
    if here.name == facts_dir.name and any(here.glob("*.yaml")):
        where = "you are inside it: run briefing from the folder above, or give --facts ."
    else:
        where = "run briefing from the repository's root, or give --facts DIR"
    return f"the facts folder does not exist at {facts_dir.resolve()}; {where}"


def load_dir(
    facts_dir: Path, base: Path | None = None, read: Callable[[Path, Path], Document] | None = None
) -> Corpus:
    """Load ``facts_dir/*.yaml``; report anything else in the folder instead of skipping it.
    ``read`` reads one file (``load_file``; the preview keeps files it already read)."""
    read = read or load_file
    facts_dir = Path(facts_dir)
    base = Path.cwd() if base is None else base
    problems: list[Problem] = []
    documents: list[Document] = []
    if not facts_dir.is_dir():
        display = _display(facts_dir, base)
        problems.append(
            Problem(display, 0, 0, Code.MISSING_FILE, _no_facts_folder(facts_dir, base))
        )
        return Corpus(facts_dir, (), tuple(problems))
    real_root = facts_dir.resolve()
    for entry in sorted(facts_dir.iterdir()):
        display = _display(entry, base)
        if entry.is_symlink():
            target = entry.resolve()
            if not target.is_relative_to(real_root):
                problems.append(
                    Problem(
                        display,
                        1,
                        1,
                        Code.SYMLINK_OUTSIDE,
                        "this symbolic link points outside the facts folder; "
                        "replace it with the file itself",
                    )
                )
                continue
        if entry.is_dir():
            problems.append(
                Problem(display, 1, 1, Code.UNEXPECTED_FILE, "unexpected folder in facts/")
            )
            continue
        if entry.suffix != ".yaml":
            hint = (
                "rename it to .yaml"
                if entry.suffix == ".yml"
                else "fact files end in .yaml; move other files out of facts/"
            )
            problems.append(
                Problem(display, 1, 1, Code.UNEXPECTED_FILE, f"unexpected file: {hint}")
            )
            continue
        documents.append(read(entry, base))
    names = {doc.path.name for doc in documents}
    for required in (fk.file_name for fk in FILE_KINDS if fk.required and fk.file_name):
        if required not in names:
            display = _display(facts_dir / required, base)
            problems.append(Problem(display, 0, 0, Code.MISSING_FILE, f"{required} is missing"))
    return Corpus(facts_dir, tuple(documents), tuple(problems))
