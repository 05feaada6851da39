"""Git plumbing for the fact history: run git, find the facts folder inside its repository,
read the fact files at a commit (each file version parsed once) or on disk.

Knows nothing about what a fact file means: callers pass the parser. Used by ``briefing diff``
(``factdiff``) and the "What's new" history (``history``).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


class GitError(Exception):
    """git failed or is missing; the message is one line, fit for the terminal."""


def _one_line(text: str, fallback: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else fallback


def git(repo: Path, *args: str) -> str:
    """The output of ``git -C repo ARGS``; ``GitError`` when git fails or cannot run."""
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            errors="replace",  # a non-UTF-8 file in history is shown, not fatal
            check=False,
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror or exc}") from exc
    if result.returncode != 0:
        raise GitError(_one_line(result.stderr, f"git {' '.join(args)} failed"))
    return result.stdout


def repo_prefix(facts_dir: Path) -> tuple[Path, str]:
    """The repository root and the facts folder's path inside it."""
    root = Path(git(facts_dir, "rev-parse", "--show-toplevel").strip())
    try:
        rel = facts_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError as exc:
        raise GitError(f"{facts_dir} is not inside the git repository {root}") from exc
    return root, "" if rel == "." else rel


def read_worktree(facts_dir: Path) -> dict[str, str]:
    """``{file name: text}`` of the fact files as they are on disk."""
    try:
        return {
            p.name: p.read_bytes().decode("utf-8-sig", errors="replace")
            for p in sorted(facts_dir.glob("*.yaml"))
            if p.is_file()
        }
    except OSError as exc:
        raise GitError(f"cannot read {facts_dir}: {exc.strerror or exc}") from exc


class TreeReader(Generic[T]):
    """Fact files at git commits, each file version (blob) read and parsed once however many
    commits contain it: a long history costs the files that changed, not the commits.

    ``parse(file name, text)`` turns one file into whatever the caller needs; a file version
    that did not change between two commits comes back as the very same object.
    """

    def __init__(self, facts_dir: Path, parse: Callable[[str, str], T]) -> None:
        self.root, self.rel = repo_prefix(facts_dir)
        self._parse = parse
        self._blobs: dict[tuple[str, str], T] = {}

    def files_at(self, ref: str) -> dict[str, T]:
        """``{file name: parsed}`` for the ``*.yaml`` files of the facts folder at ``ref``."""
        listing = git(self.root, "ls-tree", "-z", f"{ref}:{self.rel}")
        parsed: dict[str, T] = {}
        for line in filter(None, listing.split("\0")):
            meta, _, name = line.partition("\t")
            kind, blob = meta.split()[1:3]
            if kind != "blob" or not name.endswith(".yaml"):
                continue
            if (blob, name) not in self._blobs:
                text = git(self.root, "cat-file", "blob", blob).removeprefix("\ufeff")
                self._blobs[(blob, name)] = self._parse(name, text)
            parsed[name] = self._blobs[(blob, name)]
        return parsed
