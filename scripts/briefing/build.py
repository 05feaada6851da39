"""Stage 5: the site. The engine (MkDocs by default, see engines.py) builds the rendered
Markdown into a temporary folder; only a successful build replaces ``site/``, so a failed or
interrupted one never loses the last good site. Builds of the same site folder are serialised
with a lock.

The engine runs as a subprocess through its command line, so nothing here depends on its
internals.
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .engines import DEFAULT_ENGINE, ENGINES, Engine, clean_output, engine_env, overlay
from .failure import BriefingError

BUILD_PREFIX = ".site-build-"
OLD_PREFIX = ".site-old-"


class BuildError(BriefingError):
    """The engine failed; ``output`` is what it printed."""

    def __init__(self, output: str) -> None:
        super().__init__("the site did not build")
        self.output = output


@dataclass(frozen=True)
class SiteBuild:
    site_dir: Path
    output: str


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """One writer at a time for ``folder`` (a second one waits), across processes."""
    folder = folder.absolute()
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock_path = folder.parent / f".{folder.name}.lock"
    with lock_path.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _remove_leftovers(parent: Path, site_name: str) -> None:
    """Folders of builds that were killed half-way (we hold the lock, so none is running).

    A build killed between its two renames leaves no site folder but the previous site as
    ``.site-old-*``: that one is put back first, so the last good site is never lost.
    """
    site_dir = parent / site_name
    if not site_dir.exists():
        olds = sorted(parent.glob(f"{OLD_PREFIX}{site_name}-*"), key=lambda p: p.stat().st_mtime)
        if olds:
            olds[-1].rename(site_dir)
    for prefix in (BUILD_PREFIX, OLD_PREFIX):
        for stale in parent.glob(f"{prefix}{site_name}-*"):
            shutil.rmtree(stale, ignore_errors=True)


class BuildCalledOff(BriefingError):
    """``prepare`` said no (the facts have problems): the engine was stopped before it built."""


def _ready() -> bool:
    return True


def engine_build(
    engine: Engine,
    config_file: Path,
    out_dir: Path,
    *,
    strict: bool = True,
    env: Mapping[str, str] | None = None,
    prepare: Callable[[], bool] = _ready,
) -> str:
    """Run ``engine``'s build of ``config_file`` into ``out_dir``, with ``env`` added to its
    environment; its messages, cleaned. The engine's process starts first (launch.py) and
    builds once ``prepare`` (rendering the pages) has returned True; False calls the build
    off (BuildCalledOff)."""
    engine.require()
    config_file = config_file.resolve()
    child_env = {**engine_env(), **(env or {})}
    if not child_env.get("SOURCE_DATE_EPOCH", "").isdigit():
        # Unset (or empty): date the build now, as the pages do (pipeline.build_date).
        child_env["SOURCE_DATE_EPOCH"] = str(int(time.time()))
    with contextlib.ExitStack() as stack:
        if engine.site_dir_option:
            command = engine.build_command(config_file, out_dir, strict=strict)
        else:
            settings = {"site_dir": str(out_dir)}
            config = stack.enter_context(overlay(engine, config_file, settings))
            command = engine.build_command(config, None, strict=strict)
        launched = [sys.executable, "-m", "briefing.launch", *command[2:]]
        process = subprocess.Popen(
            launched,
            cwd=config_file.parent,
            env=child_env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        go = False
        try:
            go = prepare()
        finally:
            said, _ = process.communicate("go\n" if go else "")
    if not go:
        raise BuildCalledOff("the pages were not rendered")
    output = clean_output(said)
    if process.returncode != 0:
        raise BuildError(output or f"{engine.name} exited with status {process.returncode}")
    return output


def build_site(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    engine: Engine = ENGINES[DEFAULT_ENGINE],
    env: Mapping[str, str] | None = None,
    prepare: Callable[[], bool] = _ready,
) -> SiteBuild:
    """Build into a temporary folder beside ``site_dir``, then swap it in. ``prepare``
    (rendering the pages) runs while the engine starts; False calls the build off."""
    site_dir = site_dir.absolute()
    parent = site_dir.parent
    with folder_lock(site_dir):
        _remove_leftovers(parent, site_dir.name)
        tmp = Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{site_dir.name}-", dir=parent))
        try:
            output = engine_build(engine, config_file, tmp, strict=strict, env=env, prepare=prepare)
            tmp.chmod(0o755)
            if site_dir.exists():
                old = Path(tempfile.mkdtemp(prefix=f"{OLD_PREFIX}{site_dir.name}-", dir=parent))
                old.rmdir()
                site_dir.rename(old)
                tmp.rename(site_dir)
                shutil.rmtree(old, ignore_errors=True)
            else:
                tmp.rename(site_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return SiteBuild(site_dir, output)
