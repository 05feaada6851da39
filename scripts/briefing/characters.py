"""Invisible characters that have no place in a fact file: which ones, and where they are.

Three sorts, all reported as E209 at their own line and column (lines counted as an editor
counts them, at each ``\\n``):

- characters YAML cannot read at all (NUL, BEL, DEL, the C1 controls...): its reader stops at
  the first one, so they are found here, in the text, before it reads anything;
- characters YAML reads as a line break although editors show none (NEL U+0085, and the
  line and paragraph separators U+2028 / U+2029): left in, they shift every later line
  number and break the indentation;
- the bidirectional controls (U+202A-U+202E, U+2066-U+2069), which make a text display
  differently from what it holds, in the page and in a reviewed diff.

``scrub`` reports each one and returns the text without them, so the rest of the file is
still read and checked as it will be once they are deleted. ``CONTROL`` finds the same kinds
of character in values that reach the data through escapes (``"\\a"``, ``"\\u202e"``).
"""

from __future__ import annotations

import re
import unicodedata

from .errors import Code, Problem

# In a value (after YAML has read it): every control character but the tab and newline.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# In the text: YAML's own "non-printable" set, plus what it reads as line breaks or accepts
# silently. Tab, newline and carriage return (CRLF files) are ordinary text.
_REFUSED = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    "|[\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_LINE_BREAKS = frozenset("\x85\u2028\u2029")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


# Names of control characters (Unicode gives them none, only aliases Python cannot look up).
_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


def name(char: str) -> str:
    """The character's Unicode name and code point, e.g. 'RIGHT-TO-LEFT OVERRIDE, U+202E'."""
    code = f"U+{ord(char):04X}"
    label = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "")
    return f"{label}, {code}" if label else code


def describe(char: str) -> str:
    """What the character is and what to do about it, for a message."""
    if char in _LINE_BREAKS:
        return (
            f"an invisible line-break character ({name(char)}) that YAML reads as a new line "
            "although editors show none; delete it (press Enter for a real line break)"
        )
    if _BIDI.fullmatch(char):
        return (
            f"an invisible direction control ({name(char)}) that makes the text display "
            "differently from what it says; delete it"
        )
    return f"an invisible control character ({name(char)}) that YAML cannot read; delete it"


def scrub(text: str, display: str) -> tuple[str, list[Problem]]:
    """``text`` without the refused characters, and a problem at the place of each one."""
    if not _REFUSED.search(text):
        return text, []  # the usual case: one search over the text
    problems: list[Problem] = []
    for match in _REFUSED.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        problems.append(Problem(display, line, col, Code.CONTROL_CHARACTER, describe(match[0])))
    return _REFUSED.sub("", text), problems
