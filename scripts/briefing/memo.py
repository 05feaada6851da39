"""A memo of fact files already found sound, so that checking 10,000 claims stays fast.

Reading a fact file (YAML) and checking it on its own (its text, its header and every entry
against the schema) depend on nothing but the file: its name and its text. When a file passes
all of that with no problem at all, its data is kept here, under a key made of the file's name,
its text and the code that judged it (every module and schema of this package, and the
versions of Python and PyYAML). The next run that meets the same text takes the data back
instead of parsing and checking it again. Rules that read across files always run.

Only sound files are kept: a file with any problem is read and checked afresh every time, so
every problem is always found by the code that reports it. The memo lives in
``.cache/briefing/`` (``BRIEFING_CACHE`` names another folder; ``off`` turns it off), one file
per fact file, written whole or not at all; anything unreadable there is ignored. The
renderer keeps its compiled templates beside it (``template_folder``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_FOLDER = Path(".cache") / "briefing"


def folder() -> Path | None:
    """Where the memo lives, or None when it is turned off."""
    setting = os.environ.get("BRIEFING_CACHE")
    if setting is not None and setting.strip().lower() in ("", "off", "0", "no"):
        return None
    return Path(setting) if setting else DEFAULT_FOLDER


@functools.cache
def code_version() -> str:
    """A digest of everything that decides whether a file is sound."""
    digest = hashlib.sha256(f"{sys.version}|{yaml.__version__}".encode())
    for path in sorted([*_PACKAGE.glob("*.py"), *_PACKAGE.glob("schemas/*.json")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(display: str, text: str) -> str:
    digest = hashlib.sha256(code_version().encode())
    digest.update(display.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _slot(display: str) -> Path | None:
    where = folder()
    if where is None:
        return None
    name = hashlib.sha256(display.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return where / f"{name}.marshal"


def recall(display: str, memo_key: str) -> tuple[bool, Any]:
    """``(True, data)`` when the file with this key was found sound before."""
    slot = _slot(display)
    if slot is None:
        return False, None
    try:
        stored_key, data = marshal.loads(slot.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return False, None
    return (True, data) if stored_key == memo_key else (False, None)


def remember(display: str, memo_key: str, data: Any) -> None:
    """Keep the data of a sound file; never fails the check (the memo is only a shortcut)."""
    slot = _slot(display)
    if slot is None:
        return
    try:
        payload = marshal.dumps((memo_key, data))
        slot.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=slot.parent, prefix=".memo-")
    except (OSError, ValueError):  # unwritable folder, or a value marshal cannot keep
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        Path(temporary).replace(slot)
    except OSError:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()


def template_folder(compiler: str) -> Path | None:
    """Where the renderer keeps compiled templates (Jinja's bytecode cache): a folder of the
    memo, private to the user, named after the code that compiles them (``code_version``,
    which covers how the templates' environment is set up, and ``compiler``, the template
    engine's version), so a change of either never meets old bytecode. Folders of other
    versions are removed. None when the memo is turned off or the folder cannot be made."""
    where = folder()
    if where is None:
        return None
    version = hashlib.sha256(f"{code_version()}|{compiler}".encode()).hexdigest()[:16]
    mine = where / f"templates-{version}"
    try:
        mine.mkdir(mode=0o700, parents=True, exist_ok=True)
        for other in where.glob("templates-*"):
            if other != mine:
                shutil.rmtree(other, ignore_errors=True)
    except OSError:
        return None
    return mine
