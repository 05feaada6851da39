"""The fact changes recorded in git: one entry per commit that touched ``facts/``.

Feeds the "What's new" page and the Atom feed. Where there is no git history (a tarball, a
shallow CI checkout of one commit), the history is empty and the pages say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .factdiff import FactDiff, GitError, _git, _prefix, compare, parse_facts, read_tree

MAX_ENTRIES = 50


@dataclass(frozen=True)
class Change:
    commit: str
    when: datetime
    subject: str
    diff: FactDiff

    @property
    def short(self) -> str:
        return self.commit[:10]


@dataclass(frozen=True)
class History:
    changes: tuple[Change, ...]
    available: bool
    note: str = ""


def fact_history(facts_dir: Path, limit: int = MAX_ENTRIES) -> History:
    try:
        root, rel = _prefix(facts_dir)
        log = _git(root, "log", f"-{limit + 1}", "--format=%H %ct %s", "--", rel or ".")
    except (GitError, ValueError, OSError):
        return History((), False, "No git history is available for the facts in this build.")
    lines = [line for line in log.splitlines() if line.strip()]
    if not lines:
        return History((), False, "The facts have no committed history yet.")
    changes: list[Change] = []
    commits = [line.split(" ", 2) for line in lines]
    for sha, stamp, *subject in commits[:limit]:
        try:
            parent_files = read_tree(facts_dir, f"{sha}^")
        except GitError:
            parent_files = {}  # the first commit: everything was added
        diff = compare(
            parse_facts(parent_files),
            parse_facts(read_tree(facts_dir, sha)),
            f"{sha[:10]}^",
            sha[:10],
        )
        if diff.empty:
            continue
        when = datetime.fromtimestamp(int(stamp), tz=UTC)
        changes.append(Change(sha, when, subject[0] if subject else "", diff))
    return History(tuple(changes), True)
