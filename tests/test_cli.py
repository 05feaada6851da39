from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import MINI, ROOT, run_briefing


def test_check_passes_on_the_real_facts():
    result = run_briefing("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_check_reports_every_problem_with_positions_and_exits_1(tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(MINI, facts)
    text = (facts / "plans.yaml").read_text()
    text = text.replace("status: confirmed", "status: confimed").replace(
        "sources: [wire-copy]", "sources: [wire-cpy]"
    )
    (facts / "plans.yaml").write_text(text)
    (facts / "notes.txt").write_text("x")
    result = run_briefing("check", "--facts", str(facts), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    # The bad status hides nothing: the unknown source in the same claim is reported too.
    assert lines[-2] == "Found 3 problems in 2 files."
    # What could not be judged is said: two status rules, and the claim's date against a
    # source that does not exist.
    assert lines[-1] == "3 checks in facts/plans.yaml skipped until the problems above are fixed."
    assert (
        lines[0] == "facts/notes.txt:1:1: E108 unexpected file: fact files end in .yaml; "
        "move other files out of facts/"
    )
    assert lines[1].startswith("facts/plans.yaml:9:13: E203 status: 'confimed' is not allowed")
    assert lines[2].startswith("facts/plans.yaml:12:15: E301 unknown source 'wire-cpy'")
    assert result.stderr == "" and "Traceback" not in result.stdout


def test_check_format_github(tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(MINI, facts)
    (facts / "market.yaml").write_text("title: [x\n")
    result = run_briefing("check", "--facts", "facts", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=facts/market.yaml,line=")


def test_help_explains_the_commands():
    result = run_briefing("--help")
    assert result.returncode == 0
    for command in ("check", "render", "build", "serve"):
        assert command in result.stdout
    result = run_briefing("build", "--help")
    assert "--site-dir" in result.stdout and "--facts" in result.stdout


def test_the_console_script_is_installed():
    assert (ROOT / ".venv" / "bin" / "briefing").exists() or shutil.which("briefing")


def test_a_second_make_run_reinstalls_nothing():
    """The install steps are stamped: with nothing changed, make has nothing to redo."""
    if not (ROOT / ".venv" / ".test-installed").exists():
        import pytest

        pytest.skip("not installed through make")
    result = subprocess.run(
        ["make", "--question", ".venv/.runtime-installed", ".venv/.test-installed"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def one_line_failure(result: subprocess.CompletedProcess[str], command: str) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"briefing {command}: ")
    return lines[0]


def test_diff_to_a_folder_that_does_not_exist_is_one_line(tmp_path):
    target = tmp_path / "missing" / "x.md"
    line = one_line_failure(run_briefing("diff", "HEAD", "--output", str(target)), "diff")
    assert line == f"briefing diff: {target}: No such file or directory"


def test_diff_against_an_unknown_ref_is_one_line_in_plain_words():
    line = one_line_failure(run_briefing("diff", "no-such-ref"), "diff")
    assert line == "briefing diff: unknown git ref 'no-such-ref': give a branch, tag or commit"


@pytest.mark.parametrize("command", ["render", "build"])
def test_docs_under_a_regular_file_is_one_line(tmp_path, command):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run_briefing(command, "--docs-dir", str(blocker / "docs"), cwd=ROOT)
    assert (
        one_line_failure(result, command)
        == f"briefing {command}: {blocker}: is a file, not a folder"
    )


def test_a_missing_engine_is_one_line(tmp_path):
    """An engine module the interpreter cannot find: what to run, not a traceback."""
    from briefing.engines import Engine, EngineMissing

    engine = Engine("nothing", "no_such_engine_module", True, False, rereads_inherited=True)
    with pytest.raises(EngineMissing, match="make site ENGINE=nothing"):
        engine.require()
