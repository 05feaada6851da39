"""Every file the generator owns is git-ignored, so a build never leaves the tree dirty."""

from __future__ import annotations

import subprocess
from pathlib import Path

from briefing import layout

ROOT = Path(__file__).resolve().parent.parent


def test_every_generated_root_file_is_ignored() -> None:
    paths = [f"docs/{name}" for name in (*layout.OWNED_ROOT_FILES, layout.NAV_FILE)]
    paths.append(f"docs/{layout.GENERATED_DIR}/anything.md")
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    ignored = set(result.stdout.split())
    assert ignored == set(paths), f"not git-ignored: {sorted(set(paths) - ignored)}"
