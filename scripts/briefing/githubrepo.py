"""The GitHub repository the site is built from, when there is one, and what follows from it:
the address GitHub Pages publishes it at (where ``.github/workflows/deploy.yml`` puts it),
which is the default ``site_url``, and GitHub's view of a file, for "suggest a correction".

The repository is ``GITHUB_REPOSITORY`` in GitHub Actions (on github.com), else the ``origin``
remote of the working copy when it is on github.com; otherwise there is none and the site's
address is unknown unless ``BRIEFING_SITE_URL`` or ``mkdocs.yml`` gives it.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

_REMOTE = re.compile(
    r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)([\w.-]+/[\w.-]+?)(?:\.git)?/?$"
)
_REPOSITORY = re.compile(r"^[\w.-]+/[\w.-]+$")


def actions_repository(environ: Mapping[str, str]) -> str | None:
    """``OWNER/NAME`` of the repository a GitHub Actions run on github.com builds."""
    server = environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    repository = environ.get("GITHUB_REPOSITORY", "")
    if server != "https://github.com" or not _REPOSITORY.match(repository):
        return None
    return repository


def remote_repository(remote: str) -> str | None:
    """``OWNER/NAME`` of a github.com remote URL (https or ssh); None for any other."""
    match = _REMOTE.match(remote.strip())
    return match.group(1) if match else None


def origin_repository(cwd: Path | None = None) -> str | None:
    """``OWNER/NAME`` of the working copy's ``origin`` remote, when it is on github.com."""
    try:
        remote = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
            timeout=5,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return remote_repository(remote)


def pages_url(repository: str) -> str:
    """GitHub Pages' address of ``OWNER/NAME``: https://owner.github.io/NAME/, or the
    owner's own site for a repository named ``owner.github.io``."""
    owner, name = repository.split("/", 1)
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def file_view_url(repository: str) -> str:
    """The base of GitHub's view of the repository's files (append a path)."""
    return f"https://github.com/{repository}/blob/HEAD/"
