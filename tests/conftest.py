"""Shared fixtures: fact sets written to temporary folders, and one built site per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts"
MINI = ROOT / "tests" / "fixtures" / "mini"
BRIEFING = [sys.executable, "-m", "briefing.cli"]

# Builds in the tests are dated 31 December 2026: after every date in the facts (a fact
# dated later fails the check as "in the future", so move this on when the facts do).
os.environ.setdefault("SOURCE_DATE_EPOCH", "1798675200")
# The memo of sound fact files (briefing/memo.py) in a folder of this test run's own, so the
# tests neither read nor leave memos in the project's .cache/.
os.environ["BRIEFING_CACHE"] = tempfile.mkdtemp(prefix="briefing-memo-")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output (review the diff before committing)",
    )


def run_briefing(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user would, in a child process (``env``: variables to add)."""
    return subprocess.run(
        [*BRIEFING, *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=None if env is None else {**os.environ, **env},
    )


@pytest.fixture
def facts_dir(tmp_path: Path) -> Callable[..., Path]:
    """Copy a fact set (the mini one unless ``base`` says) to a temp folder, then write the
    given files over it: ``{"plans.yaml": text}``; a file whose text is None is deleted."""

    def make(files: Mapping[str, str | None] | None = None, base: Path = MINI) -> Path:
        target = tmp_path / "facts"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(base, target)
        for name, text in (files or {}).items():
            path = target / name
            if text is None:
                path.unlink()
            else:
                path.write_text(text, encoding="utf-8")
        return target

    return make


def project_copy(tmp: Path, facts: Path = FACTS) -> Path:
    """A copy of what a build reads: mkdocs.yml, the hand-written docs and the facts."""
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", tmp / "overrides")
    shutil.copytree(
        ROOT / "docs",
        tmp / "docs",
        ignore=shutil.ignore_patterns(
            "briefing", "index.md", "how-to-read.md", "facts.json", "claims.csv", "datapackage.json"
        ),
    )
    shutil.copytree(facts, tmp / "facts")
    return tmp


def build(
    project: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_briefing("build", *extra, cwd=project, env=env)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real facts built once into a temporary project; returns its site/ folder."""
    project = project_copy(tmp_path_factory.mktemp("project"))
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def mini_pages() -> dict[str, str]:
    """Every file generated from the mini fact set (with "suggest a correction" links)."""
    from datetime import date

    from briefing.pipeline import check, generate
    from briefing.render import RenderOptions

    options = RenderOptions(
        today=date(2026, 11, 24), edit_url="https://github.com/example/briefing/blob/main/"
    )
    return generate(check(MINI, today=date(2026, 11, 24), lines=True), options)
