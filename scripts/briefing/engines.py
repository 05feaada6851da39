"""The site engines: MkDocs (the default), ProperDocs (a maintained MkDocs 1.x fork) and
Zensical (Material's successor) all read ``mkdocs.yml``. Each runs as a child process of this
interpreter, so the generator imports none of them. This module owns their names, their
command lines, and the overlay configurations that adjust ``mkdocs.yml`` for one run.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .failure import BriefingError

DEFAULT_ENGINE = "mkdocs"
OVERLAY_PREFIX = ".briefing-"


class EngineMissing(BriefingError):
    """An optional engine that is not installed in this environment."""


@dataclass(frozen=True)
class Engine:
    name: str
    module: str
    # Takes --site-dir; Zensical has no such option, so an overlay sets ``site_dir``.
    site_dir_option: bool
    # INHERIT appends lists (Zensical's deepmerge) instead of replacing them (MkDocs).
    appends_lists: bool
    # Its server re-reads INHERITed files on every rebuild (Zensical only re-reads its own).
    rereads_inherited: bool
    # What its server prints when it starts a rebuild ("": nothing in particular) and when
    # it ends one; the preview waits for the rebuild of the edited topic's page before
    # writing the rest (MkDocs' `serve --dirty` may build a page that changed mid-build
    # without its text; Zensical's server takes longer the more files changed).
    rebuild_messages: tuple[str, tuple[str, ...]] | None = None

    def installed(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def require(self) -> None:
        if not self.installed():
            raise EngineMissing(
                f"{self.name} is not installed here; `make site ENGINE={self.name}` or "
                f"`make serve ENGINE={self.name}` installs it (pinned, from "
                f"requirements-{self.name}.lock)"
            )

    def build_command(self, config: Path, site_dir: Path | None, *, strict: bool) -> list[str]:
        command = [sys.executable, "-m", self.module, "build", "--config-file", str(config)]
        if site_dir is not None:
            command += ["--site-dir", str(site_dir)]
        if strict:
            command.append("--strict")
        if self.name == "zensical":
            command.append("--clean")  # no cache from an earlier build: build what is there
        return command

    def serve_command(self, config: Path, address: str) -> list[str]:
        command = [sys.executable, "-m", self.module, "serve", "--config-file", str(config)]
        command += ["--dev-addr", address]
        if self.name != "zensical":
            # The overlay inherits mkdocs.yml: watch it too (Zensical watches what it read).
            command += ["--watch", str(config.parent / "mkdocs.yml")]
            # Rebuild only the pages that changed (Zensical's server does so by itself); the
            # preview touches every page when the navigation changes (serve.py).
            command.append("--dirty")
        return command


_MKDOCS_LIKE: dict[str, Any] = {
    "site_dir_option": True,
    "appends_lists": False,
    "rereads_inherited": True,
    "rebuild_messages": ("Detected file changes", ("Reloading browsers", "ERROR")),
}
ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("mkdocs", "mkdocs", **_MKDOCS_LIKE),
        Engine("properdocs", "properdocs", **_MKDOCS_LIKE),
        Engine(
            "zensical",
            "zensical",
            site_dir_option=False,
            appends_lists=True,
            rereads_inherited=False,
            rebuild_messages=("", ("No issues found", "issue", "Error", "error")),
        ),
    )
}


def engine_env() -> dict[str, str]:
    """The environment an engine runs in: Material's MkDocs 2.0 notice is not ours to show."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its tags (``!ENV``, ``!!python/name:``)."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def config_setting(config: Path, key: str) -> Any:
    """A top-level setting of ``config`` or of the files it INHERITs (nearest wins)."""
    seen: set[Path] = set()
    path = config.resolve()
    while path not in seen:
        seen.add(path)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        if key in data:
            return data[key]
        parent = data.get("INHERIT")
        if not isinstance(parent, str):
            return None
        path = (path.parent / parent).resolve()
    return None


@contextlib.contextmanager
def overlay(
    engine: Engine,
    config: Path,
    settings: Mapping[str, Any],
    *,
    extra_javascript: tuple[str, ...] = (),
    name: str | None = None,
) -> Iterator[Path]:
    """A configuration beside ``config`` that INHERITs it and changes ``settings``; removed
    afterwards. It must sit in the project folder: paths in mkdocs.yml are relative to it, and
    Zensical builds only inside the folder of its configuration."""
    data: dict[str, Any] = {"INHERIT": config.name, **settings}
    if extra_javascript:
        base = (
            [] if engine.appends_lists else list(config_setting(config, "extra_javascript") or [])
        )
        data["extra_javascript"] = [*base, *extra_javascript]
    text = "# Written by `briefing` for one run of the engine; removed after it.\n"
    text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if name is None:
        fd, tmp = tempfile.mkstemp(prefix=OVERLAY_PREFIX, suffix=".yml", dir=config.parent)
        os.close(fd)
        path = Path(tmp)
    else:
        path = config.parent / name
    path.write_text(text, encoding="utf-8")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Progress messages of the Chinese word segmenter used by Material's search index.
_SEGMENTER = (
    "Building prefix dict",
    "Dumping model",
    "Loading model",
    "Prefix dict has been built",
)
# What a successful build says besides warnings: progress, not news.
_CHATTER = (*_SEGMENTER, "INFO", "Build started", "Build finished", "No issues found")


# What MkDocs says on every rebuild of `serve --dirty`, which the preview uses on purpose.
_DIRTY_NOTICE = "WARNING -  A 'dirty' build is being performed"


def is_progress(line: str) -> bool:
    """The search index's segmenter talking, or MkDocs' notice that the preview rebuilds only
    changed pages: not worth a line of the preview's output."""
    return line.startswith((*_SEGMENTER, _DIRTY_NOTICE))


def clean_output(text: str) -> str:
    """An engine's messages without colours, progress chatter or Python tracebacks (Zensical
    ends a failed build with one; its last line says why)."""
    kept: list[str] = []
    in_traceback = False
    for line in _ANSI.sub("", text).splitlines():
        if line.startswith("Traceback (most recent call last):"):
            in_traceback = True
            continue
        if in_traceback and (line.startswith(" ") or not line.strip()):
            continue
        in_traceback = False
        if line.strip() and not line.startswith(_CHATTER):
            kept.append(line)
    return "\n".join(kept)


def engine_names() -> tuple[str, ...]:
    return tuple(ENGINES)
