"""Problems found in fact files: a position, a stable code and a message."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .failure import BriefingError


class Code(StrEnum):
    """Stable error codes. The editors' guide lists every one; never renumber."""

    # Files and YAML
    FILE_UNREADABLE = "E100"
    YAML_SYNTAX = "E101"
    DUPLICATE_KEY = "E102"
    UNSUPPORTED_TAG = "E103"
    ALIAS = "E104"
    EMPTY_FILE = "E105"
    NOT_UTF8 = "E106"
    FILE_TOO_LARGE = "E107"
    UNEXPECTED_FILE = "E108"
    SYMLINK_OUTSIDE = "E109"
    MISSING_FILE = "E110"
    # Shape (JSON Schema)
    MISSING_FIELD = "E200"
    UNKNOWN_FIELD = "E201"
    WRONG_TYPE = "E202"
    BAD_VALUE = "E203"
    BAD_ID = "E204"
    BAD_DATE = "E205"
    BAD_URL = "E206"
    EMPTY = "E207"
    TOO_LONG = "E208"
    CONTROL_CHARACTER = "E209"
    # References and content
    DUPLICATE_ID = "E300"
    UNKNOWN_SOURCE = "E301"
    UNKNOWN_ENTITY = "E302"
    UNKNOWN_CLAIM = "E303"
    SUPERSEDED_CYCLE = "E304"
    UNCITED_SOURCE = "E305"
    AS_OF_AFTER_SOURCES = "E306"
    SUCCESSOR_NOT_LATER = "E307"
    FUTURE_DATE = "E308"
    BAD_LINK = "E309"
    DUPLICATE_CITATION = "E310"
    RETRIEVED_BEFORE_PUBLISHED = "E311"
    CHECKED_BEFORE_AS_OF = "E312"
    PLACEHOLDER = "E313"
    STATUS_NOT_EARNED = "E314"
    KIND_CONTRADICTS_STATUS = "E315"
    FIGURE_NOT_IN_STATEMENT = "E316"
    QUALIFIER_MISMATCH = "E317"
    UNKNOWN_SERIES = "E318"
    SERIES_UNIT_MISMATCH = "E319"
    SERIES_PERIOD_MISMATCH = "E320"
    DUPLICATE_SERIES_POINT = "E321"
    UNUSED_SERIES = "E322"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the facts. ``line`` and ``col`` are 1-based; 0 means unknown."""

    path: str
    line: int
    col: int
    code: Code
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code.value} {self.message}"

    def format_github(self) -> str:
        def esc(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(text: str) -> str:
            return esc(text).replace(":", "%3A").replace(",", "%2C")

        return (
            f"::error file={prop(self.path)},line={self.line},col={self.col},"
            f"title={prop(self.code.value)}::{esc(self.message)}"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code.value,
            "message": self.message,
        }


def sort_key(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.path, problem.line, problem.col, problem.code.value)


def format_problems(
    problems: list[Problem], fmt: str = "text", notes: Sequence[SkipNote] = ()
) -> str:
    """Every problem, one per line, in file order, then a count and the checks that could
    not run (text format); JSON is ``{"problems": [...], "skipped": [...]}``; GitHub gets
    the problems as error annotations and the skip notes as notices."""
    ordered = sorted(problems, key=sort_key)
    if fmt == "json":
        return json.dumps(
            {"problems": [p.as_dict() for p in ordered], "skipped": [n.as_dict() for n in notes]},
            ensure_ascii=False,
            indent=2,
        )
    if fmt == "github":
        return "\n".join([*(p.format_github() for p in ordered), *(n.github() for n in notes)])
    lines = [p.format() for p in ordered]
    files = len({p.path for p in ordered})
    noun = "problem" if len(ordered) == 1 else "problems"
    lines.append(f"Found {len(ordered)} {noun} in {files} file{'s' if files != 1 else ''}.")
    lines.extend(note.text for note in notes)
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class SkipNote:
    """Checks of one file that could not run until the problems are fixed (``checks`` is
    None when none could: the file could not be read)."""

    path: str
    checks: int | None

    @property
    def text(self) -> str:
        if self.checks is None:
            what = "All checks"
        else:
            what = f"{self.checks} check{'s' if self.checks != 1 else ''}"
        return f"{what} in {self.path} skipped until the problems above are fixed."

    def github(self) -> str:
        path = self.path.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        return f"::notice file={path},title=Checks skipped::{self.text}"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "checks": self.checks, "message": self.text}


class FactsError(BriefingError):
    """Raised by a stage that cannot go on; carries every problem found so far, and the
    checks that could not run because of them."""

    def __init__(self, problems: list[Problem], notes: Sequence[SkipNote] = ()) -> None:
        super().__init__(f"{len(problems)} problem(s) in the facts")
        self.problems = sorted(problems, key=sort_key)
        self.notes = tuple(notes)

    def report(self, fmt: str = "text") -> str:
        return format_problems(self.problems, fmt, self.notes)
