"""The last good site is never lost: killed builds, repeated builds and simultaneous builds."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import BRIEFING, MINI, build, project_copy

pytestmark = pytest.mark.slow
EPOCH = "1798675200"


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path inside the site."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def leftovers(parent: Path) -> list[str]:
    return sorted(
        p.name for p in parent.iterdir() if p.name.startswith((".site-build-", ".site-old-"))
    )


def start_build(project: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.Popen(
        [*BRIEFING, "build"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: MkDocs is killed with it
    )


def mkdocs_running(pid: int) -> bool:
    """True once the build process has started MkDocs (Linux: read from /proc)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return any(b"mkdocs" in Path(f"/proc/{c}/cmdline").read_bytes() for c in children)
    except OSError:
        return False


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One build of the real facts, the output the other builds must equal."""
    project = project_copy(tmp_path_factory.mktemp("reference"))
    process = start_build(project)
    output = process.communicate(timeout=120)[0].decode()
    assert process.returncode == 0, output
    return snapshot(project / "site")


def test_a_build_killed_half_way_leaves_the_last_good_site(tmp_path: Path):
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to see when MkDocs runs")
    project = project_copy(tmp_path, MINI)
    first = build(project)
    assert first.returncode == 0, first.stderr
    before = snapshot(project / "site")
    plans = project / "facts" / "plans.yaml"
    plans.write_text(
        plans.read_text(encoding="utf-8").replace("would build", "would one day build"),
        encoding="utf-8",
    )
    process = start_build(project)
    try:
        deadline = time.monotonic() + 60
        while not mkdocs_running(process.pid):
            assert process.poll() is None, "the build ended before MkDocs started"
            assert time.monotonic() < deadline, "MkDocs never started"
            time.sleep(0.01)
        time.sleep(0.4)  # well inside MkDocs: it takes over a second to build
        assert process.poll() is None, "the build ended before it could be killed"
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert leftovers(tmp_path), "the killed build should have left its temporary folder"
    assert snapshot(project / "site") == before
    again = build(project)
    assert again.returncode == 0, again.stderr
    assert leftovers(tmp_path) == []
    page = (project / "site" / "briefing" / "plans" / "index.html").read_text(encoding="utf-8")
    assert "would one day build" in page


def test_a_build_killed_between_the_two_renames_keeps_the_last_site(tmp_path: Path):
    project = project_copy(tmp_path, MINI)
    assert build(project).returncode == 0
    before = snapshot(project / "site")
    # Exactly what SIGKILL leaves after the first rename of the swap and before the second.
    (project / "site").rename(tmp_path / ".site-old-site-killed")
    (project / "docs" / "contributing.md").write_text("[broken](missing-page.md)\n")
    result = build(project)
    assert result.returncode == 1, result.stderr  # MkDocs fails: nothing new to swap in
    assert (project / "site").is_dir(), "the last good site is gone"
    assert snapshot(project / "site") == before


def test_two_builds_of_the_same_facts_are_byte_identical(
    tmp_path: Path, reference: dict[str, bytes]
):
    project = project_copy(tmp_path)  # another folder than the reference build's
    for _ in range(2):  # in a second folder, and again in that folder over its own site
        process = start_build(project)
        output = process.communicate(timeout=120)[0].decode()
        assert process.returncode == 0, output
        built = snapshot(project / "site")
        for name in (
            "sitemap.xml",
            "sitemap.xml.gz",
            "search/search_index.json",
            "facts.json",
            "index.html",
        ):
            assert name in built
            assert built[name] == reference[name], name
        assert sorted(built) == sorted(reference)
        different = [name for name in built if built[name] != reference[name]]
        assert different == []


def test_two_builds_at_once_both_succeed_and_the_site_is_whole(
    tmp_path: Path, reference: dict[str, bytes]
):
    project = project_copy(tmp_path)
    processes = [start_build(project), start_build(project)]
    outputs = [p.communicate(timeout=180)[0].decode() for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert all("Traceback" not in output for output in outputs)
    built = snapshot(project / "site")
    assert sorted(built) == sorted(reference)
    assert [name for name in built if built[name] != reference[name]] == []
    assert leftovers(tmp_path) == []
