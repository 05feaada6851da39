"""``briefing serve``: a live preview that tells the truth.

The engine's own development server (``mkdocs serve``, ``properdocs serve`` or ``zensical
serve``) runs as a child process in its own process group and rebuilds whenever ``docs/``
changes; this process renders the facts into ``docs/`` whenever a fact file changes.

While the facts have problems, every served page shows a banner listing them: the problems are
written to ``docs/preview-status.js`` (a draft in mkdocs.yml, so never part of a built site),
which the preview's overlay configuration loads and ``docs/assets/briefing.js`` shows, as text.
A fresh clone whose facts fail gets a placeholder home page, so the preview starts anyway and
fills in once the facts are fixed. SIGINT, SIGTERM and SIGHUP stop the child's whole process
group before this process exits.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import yaml

from .addresses import Address, check_free
from .build import folder_lock
from .child import Child, Rebuilds, ServerError
from .engines import Engine, engine_env, overlay
from .errors import FactsError
from .failure import describe_os_error
from .layout import GENERATED_DIR, NAV_FILE, PAGES
from .output import WriteReport, write_generated, write_if_changed
from .pipeline import Live, render_live
from .render import RenderOptions

STATUS_FILE = "preview-status.js"  # under docs/; mkdocs.yml lists it in draft_docs
PREVIEW_CONFIG = ".briefing-preview.yml"  # beside mkdocs.yml while the preview runs
PREVIEW_LOCK = ".briefing-preview.lock"  # held by the one preview of a project
PREVIEW_SITE = ".site-preview"  # Zensical's preview output (MkDocs uses a temporary folder)
POLL_SECONDS = 0.2
REBUILD_PATIENCE = 20.0  # seconds to wait at most for the rebuild of the edited pages
NAVIGATION_NOTE = "# navigation: "

PLACEHOLDER_HOME = """\
---
title: The briefing is not built yet
---

# The briefing is not built yet

The fact files have problems: the banner above lists them, and so does the terminal running
the preview. Fix them and save; this page then reloads with the briefing.
"""


class _Stop(Exception):
    """A signal asked the preview to stop."""


def status_script(problems: Sequence[str]) -> str:
    """The preview's status for docs/assets/briefing.js: JSON data, shown there as text."""
    data = json.dumps({"problems": list(problems)}, ensure_ascii=True)
    return (
        "// Written by `briefing serve` while it runs; never part of a built site.\n"
        f"window.briefingPreviewStatus = {data};\n"
        "if (window.briefingShowPreviewStatus) { window.briefingShowPreviewStatus(); }\n"
    )


def write_status(docs_dir: Path, problems: Sequence[str]) -> None:
    write_if_changed(docs_dir / STATUS_FILE, status_script(problems))


def ensure_pages(docs_dir: Path) -> None:
    """Give the engine a site to serve when nothing was ever rendered (a fresh clone whose
    facts fail): a placeholder home page and a navigation of the hand-written pages."""
    if (docs_dir / NAV_FILE).exists():
        return
    owned = {PAGES["home"]}
    hand_written = sorted(
        path.relative_to(docs_dir).as_posix()
        for path in docs_dir.rglob("*.md")
        if path.relative_to(docs_dir).parts[0] != GENERATED_DIR
        and path.relative_to(docs_dir).as_posix() not in owned
    )
    nav = yaml.safe_dump({"nav": [{"Home": PAGES["home"]}, *hand_written]}, sort_keys=False)
    write_generated(docs_dir, {NAV_FILE: nav, PAGES["home"]: PLACEHOLDER_HOME})


def render(
    facts: Path,
    docs_dir: Path,
    options: RenderOptions,
    live: Live,
    rebuilds: Rebuilds | None = None,
) -> list[str]:
    """Render the facts into docs/; the problems to show (none when all went well). ``live``
    keeps what did not change since the last render (pipeline.Live); with ``rebuilds``, the
    pages of the edited topics are written first and the engine's rebuild of them awaited
    before anything else is written (its dirty build must not see a page change mid-way)."""

    def write_first(write: Callable[[], WriteReport]) -> WriteReport:
        assert rebuilds is not None
        rebuilds.expect()
        report = write()
        if report.written:
            rebuilds.wait(REBUILD_PATIENCE)
        return report

    paced = rebuilds is not None and rebuilds.messages is not None
    try:
        with folder_lock(docs_dir):
            done = render_live(facts, docs_dir, options, live, write_first if paced else None)
            report = done.report
    except FactsError as error:
        print(error.report(), file=sys.stderr, flush=True)
        print("The preview shows these problems on every page until they are fixed.", flush=True)
        return [problem.format() for problem in error.problems]
    except OSError as error:
        problem = f"the pages could not be written: {describe_os_error(error)}"
        print(problem, file=sys.stderr, flush=True)
        return [problem]
    print(f"Rendered {len(report.written)} changed file(s) into {docs_dir}/.", flush=True)
    return []


def _snapshot(folder: Path) -> tuple[tuple[str, int, int], ...]:
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return ()
    found = []
    for path in entries:
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGINT (Ctrl-C), SIGTERM and SIGHUP end the preview; the first one only, so a second
    Ctrl-C cannot interrupt the clean-up that stops the engine."""
    fired: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        if not fired:
            fired.append(signum)
            raise _Stop

    wanted = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.signal(sig, stop) for sig in wanted}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def _only_preview(config: Path, address: Address) -> Iterator[None]:
    """One preview per project: two would share docs/ and the preview's configuration."""
    with (config.parent / PREVIEW_LOCK).open("a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            where = lock.read().strip() or "another address"
            raise ServerError(
                f"another preview of this project is running at {where}; use that one, or "
                "stop it first (Ctrl-C in its terminal)"
            ) from None
        lock.truncate(0)
        lock.write(f"{address.url()}\n")
        lock.flush()
        yield


def _touch_pages(docs_dir: Path) -> None:
    """Mark every page as changed, so that the engine's next (dirty) build rebuilds them all."""
    now = time.time_ns()
    for page in docs_dir.rglob("*.md"):
        with contextlib.suppress(OSError):
            os.utime(page, ns=(now, now))


@dataclass
class _Preview:
    """What the watch loop keeps up to date: the pages, the status and (for engines that do
    not re-read the navigation file mkdocs.yml inherits) the overlay configuration."""

    facts: Path
    docs_dir: Path
    options: RenderOptions
    engine: Engine
    config: Path
    seen: tuple[tuple[str, int, int], ...] = ()
    navigation: str = ""
    live: Live = field(default_factory=Live)
    rebuilds: Rebuilds | None = None  # the engine's server, once it runs

    def update(self) -> None:
        self.seen = _snapshot(self.facts)
        problems = render(self.facts, self.docs_dir, self.options, self.live, self.rebuilds)
        ensure_pages(self.docs_dir)
        write_status(self.docs_dir, problems)
        if not self.engine.rereads_inherited:
            self._touch_config()
        elif self._navigation_changed():
            _touch_pages(self.docs_dir)

    def _navigation_changed(self) -> bool:
        """MkDocs' and ProperDocs' servers rebuild only changed pages (--dirty): a new or
        renamed topic changes the navigation of every page."""
        try:
            digest = hashlib.sha256((self.docs_dir / NAV_FILE).read_bytes()).hexdigest()
        except OSError:
            return False
        changed = bool(self.navigation) and digest != self.navigation
        self.navigation = digest
        return changed

    def _touch_config(self) -> None:
        """Zensical reads INHERIT once, but reloads when its own configuration changes: a new
        or removed topic changes docs/briefing/nav.yml, so note its digest there."""
        try:
            digest = hashlib.sha256((self.docs_dir / NAV_FILE).read_bytes()).hexdigest()
        except OSError:
            return
        if self.navigation and digest != self.navigation:
            text = self.config.read_text(encoding="utf-8").split(NAVIGATION_NOTE, 1)[0]
            self.config.write_text(f"{text}{NAVIGATION_NOTE}{digest}\n", encoding="utf-8")
        self.navigation = digest

    def watch(self, child: Child) -> None:
        """Render again whenever a fact file changes; an edit made while the engine started
        is not missed (``seen`` was taken before the first render)."""
        while child.running():
            time.sleep(POLL_SECONDS)
            if _snapshot(self.facts) != self.seen:
                self.update()
        raise ServerError(
            f"{self.engine.name} serve stopped on its own ({child.reason()}); "
            "start the preview again"
        )


def serve(
    facts: Path,
    docs_dir: Path,
    config: Path,
    address: Address,
    engine: Engine,
    options: RenderOptions,
) -> int:
    """Run the preview until a signal stops it (0) or the engine's server dies (ServerError)."""
    engine.require()
    config = config.absolute()
    with _only_preview(config, address), _stop_on_signals(), contextlib.ExitStack() as cleanup:
        check_free(address)
        try:
            settings: dict[str, object] = {"strict": False}
            if not engine.site_dir_option:
                settings["site_dir"] = PREVIEW_SITE
                cleanup.callback(shutil.rmtree, config.parent / PREVIEW_SITE, ignore_errors=True)
            javascript = (STATUS_FILE,)
            preview_config = cleanup.enter_context(
                overlay(engine, config, settings, extra_javascript=javascript, name=PREVIEW_CONFIG)
            )
            preview = _Preview(facts, docs_dir, options, engine, preview_config)
            cleanup.callback((docs_dir / STATUS_FILE).unlink, missing_ok=True)
            preview.update()
            command = engine.serve_command(preview_config, str(address))
            child = Child(
                command,
                cwd=config.parent,
                env=engine_env(),
                name=engine.name,
                rebuild_messages=engine.rebuild_messages,
            )
            cleanup.callback(child.stop)
            child.wait_until_listening(address)
            preview.rebuilds = child.rebuilds
            print(f"Preview at {address.url()} ({engine.name}); Ctrl-C stops it.", flush=True)
            if address.local()[0] != address.host:
                mine = f"this computer's address, port {address.port}"
                print(f"Other devices on your network: {mine}.", flush=True)
            preview.watch(child)
        except _Stop:
            pass  # the clean-up above stops the engine's server
    print("Preview stopped.", flush=True)
    return 0
