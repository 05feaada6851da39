"""`briefing serve` (what `make serve` runs) drives the engine's real server: edits show up,
problems show on the pages until fixed, start-up failures are one line, and a stop leaves
nothing running."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from .browser import Watch, chromium
from .conftest import BRIEFING, project_copy

pytestmark = pytest.mark.slow
ENGINES = ["mkdocs", "properdocs", "zensical"]
PAGE = "briefing/partnerships/"
BEFORE = "looking for a carmaker to build its cars"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def wait_for(predicate, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError("timed out")


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Preview:
    """`briefing serve` in a project copy, its output in a file."""

    def __init__(self, project: Path, *args: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = project / "serve.log"
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [*BRIEFING, "serve", "--dev-addr", f"127.0.0.1:{self.port}", *args],
                cwd=project,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def output(self) -> str:
        return self.log.read_text()

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Signal the preview itself (not its group): it must stop its engine on its own."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            raise

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        for pid in children(self.process.pid):
            os.kill(pid, signal.SIGKILL)


def add_topic(project: Path, slug: str, title: str) -> None:
    """A copy of the motivations topic under new claim ids."""
    text = (project / "facts" / "motivations.yaml").read_text()
    text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"\b(id|superseded_by): ([a-z0-9-]+)", rf"\1: {slug}-\2", text)
    (project / "facts" / f"{slug}.yaml").write_text(text)


def goto(page, url: str) -> None:
    """Navigate, again if a live reload interrupted the navigation."""
    from playwright.sync_api import Error

    for _ in range(10):
        try:
            page.goto(url)
            return
        except Error as error:
            if not any(
                sign in str(error) for sign in ("interrupted by another navigation", "ERR_ABORTED")
            ):
                raise
            time.sleep(0.3)
    raise AssertionError(f"could not open {url}")


def shows(page, url: str, text: str) -> bool:
    """Whether the page at ``url``, opened afresh, shows ``text`` within a few seconds (an
    engine still rebuilding may answer a reload with a page that never gets the text)."""
    from playwright.sync_api import TimeoutError as Timeout

    goto(page, url)
    try:
        page.get_by_text(text).first.wait_for(timeout=5_000)
    except Timeout:
        return False
    return True


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.browser
@pytest.mark.xdist_group("serve")
@pytest.mark.parametrize("engine", ENGINES)
def test_the_preview_tells_the_truth(tmp_path: Path, engine: str):
    project = project_copy(tmp_path)  # the real facts: the default size
    plans = project / "facts" / "partnerships.yaml"
    good = plans.read_text()
    preview = Preview(project, "--engine", engine)
    try:
        wait_for(lambda: BEFORE in (fetch(preview.base + PAGE) or ""), 90)
        with chromium() as browser:
            page = browser.new_page()
            watch = Watch(page, preview.base)
            goto(page, preview.base + PAGE)
            assert page.locator("#bf-preview-status").count() == 0
            # An edit shows up by itself (live reload).
            replace(plans, "to build its cars", "to build vans")
            start = time.monotonic()
            page.get_by_text("carmaker to build vans").first.wait_for(timeout=30_000)
            print(f"{engine}: the page showed the edit {time.monotonic() - start:.2f} s after it")
            # A broken fact: every page shows the problems, as text, until it is fixed.
            replace(plans, "status: reported", 'status: "<img src=x onerror=window.pwned=1>"')
            banner = page.locator("#bf-preview-status")
            banner.wait_for(timeout=30_000)
            text = banner.inner_text()
            assert "problem" in text
            assert "facts/partnerships.yaml:" in text and "E203" in text
            assert "<img src=x onerror=window.pwned=1>" in text
            assert banner.locator("img").count() == 0
            assert page.evaluate("window.pwned") is None
            assert "carmaker to build vans" in page.content()  # the last good page stays
            goto(page, preview.base)
            assert "E203" in page.locator("#bf-preview-status").inner_text()
            # Fixed: the banner goes, the page is back.
            plans.write_text(good)
            page.locator("#bf-preview-status").wait_for(state="detached", timeout=30_000)
            # Zensical rebuilds file by file: the page may come back a moment after the banner
            # went (a reload notice sent while this page navigates is lost, so wait for it).
            wait_for(lambda: BEFORE in (fetch(preview.base + PAGE) or ""), 30)
            wait_for(lambda: shows(page, preview.base + PAGE, BEFORE), 30)
            assert page.locator("#bf-preview-status").count() == 0
            assert watch.foreign == []
            page.close()
        # A new topic changes the navigation that mkdocs.yml inherits: every page links it.
        add_topic(project, "new-topic", "A new topic")
        wait_for(lambda: "briefing/new-topic/" in (fetch(preview.base) or ""), 30)
        engine_pids = children(preview.process.pid)
        assert engine_pids
        assert preview.stop(signal.SIGTERM) == 0
    finally:
        preview.kill()
    assert not answers(preview.port)
    assert [pid for pid in engine_pids if alive(pid)] == []
    output = preview.output()
    assert "facts/partnerships.yaml:" in output and "E203" in output
    assert "Traceback" not in output
    assert not (project / "docs" / "preview-status.js").exists()
    assert not (project / ".briefing-preview.yml").exists()


@pytest.mark.xdist_group("serve")
def test_a_fresh_clone_with_a_fact_error_waits_for_the_fix(tmp_path: Path):
    project = project_copy(tmp_path)  # nothing rendered yet, as in a fresh clone
    assert not (project / "docs" / "briefing").exists()
    plans = project / "facts" / "partnerships.yaml"
    good = plans.read_text()
    plans.write_text("title: [broken\n")
    preview = Preview(project)
    try:
        wait_for(lambda: "not built yet" in (fetch(preview.base) or ""), 60)
        status = fetch(preview.base + "preview-status.js") or ""
        assert "facts/partnerships.yaml:2:1: E101" in status
        assert 'src="preview-status.js"' in (fetch(preview.base) or "")
        assert preview.process.poll() is None  # still running, watching for the fix
        second = run_serve(project, "--dev-addr", f"127.0.0.1:{free_port()}")
        assert second.returncode == 1
        assert second.stderr.strip() == (
            f"briefing serve: another preview of this project is running at {preview.base}; "
            "use that one, or stop it first (Ctrl-C in its terminal)"
        )
        plans.write_text(good)
        wait_for(lambda: BEFORE in (fetch(preview.base + PAGE) or ""), 60)
        wait_for(lambda: '"problems": []' in (fetch(preview.base + "preview-status.js") or ""), 30)
        engine_pids = children(preview.process.pid)
        assert preview.stop(signal.SIGINT) == 0  # Ctrl-C
    finally:
        preview.kill()
    assert not answers(preview.port)
    assert [pid for pid in engine_pids if alive(pid)] == []
    assert "Traceback" not in preview.output()


def run_serve(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BRIEFING, "serve", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_busy_port_is_one_line_and_exit_1(tmp_path: Path):
    project = project_copy(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_serve(project, "--dev-addr", f"127.0.0.1:{port}")
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"briefing serve: 127.0.0.1:{port} is already in use")
    assert "use --dev-addr 127.0.0.1:" in lines[0]


@pytest.mark.parametrize("address", ["8000", "127.0.0.1:http", "203.0.113.7:8000"])
def test_an_address_it_cannot_use_is_one_line_and_exit_1(tmp_path: Path, address: str):
    result = run_serve(project_copy(tmp_path), "--dev-addr", address)
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefing serve: "), lines
    assert "--dev-addr 127.0.0.1:8000" in lines[0]


@pytest.mark.xdist_group("serve")
def test_an_engine_that_dies_at_start_is_one_line_and_exit_1(tmp_path: Path):
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("name: material", "name: no-such-theme"))
    result = run_serve(project, "--dev-addr", f"127.0.0.1:{free_port()}")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("briefing serve: mkdocs serve stopped before serving")
    assert "no-such-theme" in lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / ".briefing-preview.yml").exists()
