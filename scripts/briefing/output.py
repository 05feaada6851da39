"""Writing generated files: only when their content changed, and nothing stale left behind.

Unchanged files keep their modification time, so ``mkdocs serve`` does not rebuild in a loop.
The generator owns ``docs/briefing/`` (anything there it did not write is removed) and a
fixed list of files at the top of ``docs/``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .layout import GENERATED_DIR, OWNED_ROOT_FILES


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]


def write_atomic(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        Path(tmp).chmod(0o644)  # mkstemp makes 0600; generated pages are ordinary files
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, content: str) -> bool:
    try:
        if path.read_text(encoding="utf-8") == content:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    write_atomic(path, content)
    return True


def write_generated(
    docs_dir: Path, files: dict[str, str], unchanged: Mapping[str, str] | None = None
) -> WriteReport:
    """Make the generator's part of ``docs_dir`` hold exactly ``files``. ``unchanged``: what
    this process wrote last time; a text that is the very same object is not compared again
    (the preview keeps the pages an edit did not touch)."""
    written = write_files(docs_dir, files, unchanged)
    return WriteReport(written.written, written.unchanged, remove_stale(docs_dir, files))


def write_files(
    docs_dir: Path, files: Mapping[str, str], unchanged: Mapping[str, str] | None = None
) -> WriteReport:
    """Write the files whose content changed (``write_generated`` without the clean-up)."""
    last = unchanged or {}
    written: list[str] = []
    unchanged_now: list[str] = []
    for rel, content in sorted(files.items()):
        if last.get(rel) is content and (docs_dir / rel).is_file():
            unchanged_now.append(rel)
        elif write_if_changed(docs_dir / rel, content):
            written.append(rel)
        else:
            unchanged_now.append(rel)
    return WriteReport(tuple(written), tuple(unchanged_now), ())


def remove_stale(docs_dir: Path, keep: Collection[str]) -> tuple[str, ...]:
    """Remove what the generator owns in ``docs_dir`` but ``keep`` does not name."""
    removed: list[str] = []
    owned = docs_dir / GENERATED_DIR
    if owned.is_dir():
        for path in sorted(owned.rglob("*"), reverse=True):
            rel = path.relative_to(docs_dir).as_posix()
            if path.is_dir():
                if not any(path.iterdir()):
                    path.rmdir()
            elif rel not in keep:
                path.unlink()
                removed.append(rel)
    for name in OWNED_ROOT_FILES:
        path = docs_dir / name
        if name not in keep and path.exists():
            path.unlink()
            removed.append(name)
        for half_written in docs_dir.glob(f".{name}.*"):  # write_atomic's, if it was killed
            half_written.unlink(missing_ok=True)
    return tuple(removed)


def merged(reports: Iterable[WriteReport]) -> WriteReport:
    """One report of several writes (of different files, or of the same files twice, as the
    preview does): written once is written, removed once is removed, the rest unchanged."""
    reports = list(reports)
    written = {rel for report in reports for rel in report.written}
    removed = {rel for report in reports for rel in report.removed}
    unchanged = {rel for report in reports for rel in report.unchanged} - written - removed
    return WriteReport(tuple(sorted(written)), tuple(sorted(unchanged)), tuple(sorted(removed)))
