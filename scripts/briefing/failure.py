"""The command line's one error policy. A failure the user can fix is a ``BriefingError``
carrying its exit status; ``briefing`` prints it as one line, never a traceback."""

from __future__ import annotations

from pathlib import Path


class BriefingError(Exception):
    """Something the user can fix; ``str(error)`` says what went wrong (and what to do)."""

    exit_code: int = 1


def describe_os_error(error: OSError) -> str:
    """``path: reason`` for a failed file operation, without Python's ``[Errno N]``."""
    reason = error.strerror or str(error)
    blocked = isinstance(error, FileExistsError | NotADirectoryError)
    if blocked and error.filename is not None and Path(error.filename).is_file():
        reason = "is a file, not a folder"
    names = [str(name) for name in (error.filename, error.filename2) if name is not None]
    return f"{' → '.join(names)}: {reason}" if names else reason
