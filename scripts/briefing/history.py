"""The fact changes recorded in git: one entry per commit that touched ``facts/``.

Feeds the "What's new" page and the Atom feed. Where there is no git history (a tarball, a
shallow CI checkout of one commit), the history is empty and the pages say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .factdiff import FactDiff, compare
from .gitfacts import GitError, TreeReader, git
from .rawfacts import Facts, merge, parse_file
from .settings import Settings


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
    note: str = ""


def fact_history(facts_dir: Path, limit: int = Settings.history_depth) -> History:
    try:
        reader = TreeReader(facts_dir, parse_file)
        log = git(
            reader.root, "log", f"-{limit}", "--format=%H %P%x09%ct %s", "--", reader.rel or "."
        )
    except (GitError, ValueError, OSError):
        return History((), "No git history is available for the facts in this build.")
    parsed: dict[str, Facts] = {}

    def facts_at(ref: str) -> Facts:
        if ref not in parsed:
            try:
                parsed[ref] = merge(reader.files_at(ref))
            except GitError:
                parsed[ref] = Facts()  # the folder did not exist yet
        return parsed[ref]

    changes: list[Change] = []
    for line in log.splitlines():
        heads, _, rest = line.partition("\t")
        sha, *parents = heads.split()
        stamp, _, subject = rest.partition(" ")
        before = facts_at(parents[0]) if parents else Facts()
        diff = compare(before, facts_at(sha), f"{sha[:10]}^", sha[:10])
        if not diff.empty:
            when = datetime.fromtimestamp(int(stamp), tz=UTC)
            changes.append(Change(sha, when, subject, diff))
    if not changes:
        return History((), "The facts have no committed history yet.")
    return History(tuple(changes))
