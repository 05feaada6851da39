"""How current each page is: when its fact file last changed (from git), and its newest fact.

Used alike by the pages ("Updated 5 January 2026 · newest fact January 2026") and by
``facts.json`` (``updated`` and ``newest_fact`` per topic and for the whole briefing).

One ``git log`` over the facts folder gives, for every file, the date of the newest commit
that touched it. A file changed since the last commit (or never committed) is dated by the
build date, so a preview shows today and a build of committed facts is reproducible.
Without git (a tarball), nothing is known and the pages fall back to the build date.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from .dates import PartialDate
from .model import Claim


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


def page_updated(changed: Mapping[str, date], today: date, fact_file: str | None = None) -> date:
    """When ``fact_file`` (a path or name; None: any fact file) last changed; ``today`` when
    git knows nothing of it."""
    if fact_file is not None:
        return changed.get(Path(fact_file).name, today)
    return max(changed.values(), default=today)


def newest_fact(claims: Iterable[Claim]) -> PartialDate | None:
    """The latest date a claim is known to describe (see ``newest``)."""
    return newest(c.as_of for c in claims if c.as_of is not None)


def newest(dates: Iterable[PartialDate]) -> PartialDate | None:
    """The newest of ``dates`` by when its span starts, so a fact of 19 March 2026 is newer
    than one known only as "2026"."""
    return max(dates, key=lambda d: (d.earliest(), d.precision != "year"), default=None)
