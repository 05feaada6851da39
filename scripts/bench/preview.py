"""Edit-to-visible time of ``briefing serve``: a fact file is saved with a changed statement,
and the clock runs until the served topic page's HTML shows the change (a browser's live
reload adds its own moment on top)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.layout import topic_page

from .fmt import short
from .plan import Bench
from .process import briefing_cmd, say
from .project import git_repo, project_copy
from .results import ServeResult

START_TIMEOUT = 900.0  # seconds: the first render and build of a large set, on a busy machine
EDIT_TIMEOUT = 600.0
SETTLE = 3.0  # seconds after a change shows: the server's follow-up rebuilds end
_STATEMENT = re.compile(r"^    statement: (?:\"|>-\n      )", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body: bytes = response.read()
            return body.decode("utf-8", errors="replace")
    except OSError:
        return None


def wait_for(check: Callable[[], bool], timeout: float, alive: Callable[[], bool]) -> float | None:
    """Seconds until ``check`` holds (polled every 50 ms); None on timeout or when the
    server is no longer ``alive``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout and alive():
        if check():
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def page_url(base: str, page: str) -> str:
    """The served address of a Markdown page (``use_directory_urls``)."""
    stem = page.removesuffix(".md")
    return base + ("" if stem == "index" else stem.removesuffix("/index") + "/")


def marked(text: str, old: str | None, new: str) -> str:
    """``text`` with the first statement starting with the word ``new`` (replacing ``old``)."""
    if old is not None:
        return text.replace(old, new, 1)
    match = _STATEMENT.search(text)
    if match is None:
        raise ValueError("no statement to edit")
    return text[: match.end()] + f"{new} " + text[match.end() :]


Popen = subprocess.Popen[bytes]


@contextlib.contextmanager
def serving(command: list[str | Path], cwd: Path, env: dict[str, str]) -> Iterator[Popen]:
    """``briefing serve`` as its own process group, stopped (SIGTERM, then SIGKILL to that
    group) on the way out."""
    with (cwd / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            [str(c) for c in command], cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            yield process
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@dataclass
class _Served:
    """A running preview and the topic page it is watched on."""

    process: Popen
    project: Path
    url: str

    def alive(self) -> bool:
        return self.process.poll() is None

    def shows(self, text: str, timeout: float) -> float | None:
        """Seconds until the page's HTML holds ``text``; None if it never did."""
        return wait_for(lambda: text in (fetch(self.url) or ""), timeout, self.alive)

    def why(self) -> str:
        if not self.alive():
            return f"the preview stopped: {last_line(self.project)}"
        return f"last said: {last_line(self.project)}"


def last_line(project: Path) -> str:
    lines = (project / "serve.log").read_text(errors="replace").strip().splitlines()
    return lines[-1][:200] if lines else "no output"


def edits(served: _Served, topic: Path, count: int, found: ServeResult) -> None:
    """Save ``count`` edits of the topic file one after the other, timing each."""
    old = None
    for k in range(1, count + 1):
        new = f"Benchedit{k}"
        topic.write_text(marked(topic.read_text("utf-8"), old, new), "utf-8")
        seconds = served.shows(new, EDIT_TIMEOUT)
        if seconds is None:
            found.failed = f"edit {k} not shown after {EDIT_TIMEOUT:.0f} s; {served.why()}"
            return
        found.edits.append(seconds)
        old = new
        time.sleep(SETTLE)


def time_edits(bench: Bench, n: int, engine: str) -> ServeResult:
    """Start the preview of size ``n`` with ``engine`` (facts in git, as an editor's are),
    then time the plan's edits."""
    found = ServeResult(engine, n)
    repo = git_repo(bench.results[n].facts, bench.work / f"serve-{n}-{engine}", bench.plan.commits)
    project = project_copy(bench.work / f"project-serve-{n}-{engine}")
    topic = sorted((repo / "facts").glob("topic-*.yaml"))[0]
    port = free_port()
    command = briefing_cmd("serve", "--engine", engine, "--facts", repo / "facts")
    command += ["--docs-dir", project / "docs", "--config", project / "mkdocs.yml"]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    url = page_url(f"http://127.0.0.1:{port}/", topic_page(topic.stem))
    with serving(command, project, bench.env) as process:
        served = _Served(process, project, url)
        found.start = wait_for(lambda: fetch(url) is not None, START_TIMEOUT, served.alive)
        if found.start is None:
            found.failed = f"no page after {START_TIMEOUT:.0f} s; {served.why()}"
        else:
            edits(served, topic, bench.plan.edits, found)
    return found


def measure_serve(bench: Bench) -> None:
    """Every engine at the smallest engine size (when the plan says so), the default engine
    at the reference size."""
    wanted = [(bench.base, bench.engines[0])]
    small = min(bench.sizes)
    if bench.plan.serve_all_engines:
        wanted = [(small, e) for e in bench.engines] + [w for w in wanted if w[0] != small]
    for n, engine in wanted:
        say(f"{short(n)}: briefing serve --engine {engine}, {bench.plan.edits} edits")
        bench.results[n].serve[engine] = time_edits(bench, n, engine)
