"""When each fact file last changed, from git: the pages' "Updated" dates.

One ``git log`` over the facts folder gives, for every file, the date of the newest commit
that touched it. A file changed since the last commit (or never committed) is dated by the
build date, so a preview shows today and a build of committed facts is reproducible.
Without git (a tarball), nothing is known and the pages fall back to the build date.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path


def _git(facts_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(facts_dir), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def committed(facts_dir: Path) -> dict[str, date] | None:
    """``{file name: date of the newest commit that touched it}``; None without git."""
    log = _git(facts_dir, "log", "--format=%x00%ct", "--name-only", "--", ".")
    if log is None:
        return None
    changed: dict[str, date] = {}
    for block in log.split("\x00")[1:]:
        stamp, _, names = block.partition("\n")
        when = datetime.fromtimestamp(int(stamp), tz=UTC).date()
        for name in names.split():
            changed.setdefault(Path(name).name, when)
    return changed


def head(facts_dir: Path) -> str | None:
    """The commit checked out (the history and the dates above change only with it)."""
    out = _git(facts_dir, "rev-parse", "HEAD")
    return out.strip() if out else None


def last_changed(
    facts_dir: Path, build_day: date, known: dict[str, date] | None = None
) -> dict[str, date]:
    """``{file name: date of its last change}`` for the fact files git knows of; ``known`` is
    ``committed(facts_dir)`` when the caller has it already (the preview keeps it)."""
    known = committed(facts_dir) if known is None else known
    if known is None:
        return {}
    changed = dict(known)
    status = _git(facts_dir, "status", "--porcelain", "--untracked-files=all", "--", ".") or ""
    for line in status.splitlines():
        name = Path(line[3:].strip().strip('"')).name
        if name.endswith(".yaml"):
            changed[name] = build_day
    for path in facts_dir.glob("*.yaml"):
        changed.setdefault(path.name, build_day)
    return changed
