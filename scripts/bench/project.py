"""Folders a measured build works in: a copy of what a build reads (``mkdocs.yml``, the
hand-written docs, the theme overrides), and facts committed to a throw-away repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from briefing.layout import GENERATED_DIR, OWNED_ROOT_FILES

from .generate import Synthetic
from .process import ROOT


def project_copy(target: Path) -> Path:
    """What a build reads besides the facts: mkdocs.yml, the hand-written docs/, overrides/."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(
        ROOT / "docs",
        target / "docs",
        ignore=shutil.ignore_patterns(GENERATED_DIR, *OWNED_ROOT_FILES),
        dirs_exist_ok=True,
    )
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", target / "overrides", dirs_exist_ok=True)
    return target


def git_repo(facts: Synthetic, target: Path, commits: int) -> Path:
    """The facts committed to a new repository, then ``commits`` one-claim edits.

    ``briefing render`` and ``build`` read the facts' git history for "What's new" and the
    feed; outside a repository (the other measurements) that step is skipped.
    """
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(facts.folder, target / "facts")
    git = ["git", "-C", str(target), "-c", "user.name=bench", "-c", "user.email=bench@invalid"]
    git += ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "facts"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Synthetic facts"], check=True)
    for path in facts.files["topic"][:commits]:
        edited = target / "facts" / path.name
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("status: reported", "status: disputed", 1), "utf-8")
        subprocess.run([*git, "commit", "-q", "-a", "-m", f"Dispute a claim in {path.stem}"])
    return target
