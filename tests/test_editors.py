"""The editors' workflow: schemas, skeletons, diffs, CI workflows and linters."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from briefing import schema
from briefing.kinds import kind_of
from briefing.load import load_dir
from briefing.validate import validate

from .conftest import FACTS, MINI, ROOT, run_briefing

VENV_BIN = Path(shutil.which("python") or "").parent
SCHEMAS = ROOT / "scripts" / "briefing" / "schemas"


def tool(name: str) -> str:
    for candidate in (ROOT / ".venv" / "bin" / name, Path(shutil.which(name) or "")):
        if candidate.is_file():
            return str(candidate)
    pytest.skip(f"{name} is not installed")


# Schemas ------------------------------------------------------------------------------------


def test_validator_uses_the_committed_schema_files():
    assert schema.SCHEMA_DIR.resolve() == SCHEMAS.resolve()
    for kind in schema.KINDS:
        committed = json.loads((SCHEMAS / f"{kind}.schema.json").read_text())
        assert schema.schema(kind) == committed


@pytest.mark.parametrize("path", sorted(FACTS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_fact_file_names_its_schema(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    kind = kind_of(path.name)
    target = (path.parent / match.group(1)).resolve()
    assert target == (SCHEMAS / f"{kind}.schema.json").resolve()


def _walk(node, where="#"):
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{where}/{i}")


@pytest.mark.parametrize("kind", schema.KINDS)
def test_schemas_describe_every_field_and_enum_value(kind):
    for where, node in _walk(schema.schema(kind)):
        for name, prop in (node.get("properties") or {}).items():
            assert prop.get("description"), f"{where}/properties/{name} has no description"
        if "enum" in node:
            assert len(node.get("enumDescriptions", [])) == len(node["enum"]), where


def test_editor_tools_and_the_validator_agree(tmp_path: Path):
    """check-jsonschema with the committed schema says what `briefing check` says."""
    checker = tool("check-jsonschema")
    cases = {
        "valid.yaml": (MINI / "plans.yaml").read_text(),
        "bad-status.yaml": (MINI / "plans.yaml").read_text().replace("confirmed", "certain"),
        "unknown-field.yaml": (MINI / "plans.yaml").read_text().replace("subjects:", "subjectz:"),
        "no-sources.yaml": (MINI / "plans.yaml").read_text().replace("[wire-copy]", "[]"),
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text)
        data = yaml.safe_load(text)
        ours = schema.is_valid("topic", data)
        theirs = subprocess.run(
            [checker, "--schemafile", str(SCHEMAS / "topic.schema.json"), str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (theirs.returncode == 0) == ours == (name == "valid.yaml"), name


# briefing new --------------------------------------------------------------------------------


def test_new_claim_appends_a_skeleton_and_keeps_the_file(facts_dir):
    folder = facts_dir()
    before = (folder / "plans.yaml").read_text()
    result = run_briefing("new", "claim", "--topic", "plans", "--facts", str(folder))
    assert result.returncode == 0, result.stderr
    assert "plans-claim-1" in result.stdout
    after = (folder / "plans.yaml").read_text()
    assert after.startswith(before)  # comments and layout untouched
    assert "  - id: plans-claim-1  # rename" in after[len(before) :]
    problems = validate(load_dir(folder, folder.parent))
    # It fails until it has a real id, a statement and a source.
    assert sorted(p.code.value for p in problems) == ["E207", "E313", "E313"]
    again = run_briefing("new", "claim", "--topic", "plans", "--facts", str(folder))
    assert "plans-claim-2" in again.stdout


def test_new_claim_in_a_list_that_is_not_last_or_is_empty(facts_dir):
    text = "title: T\nclaims: []\nsummary: S\n"
    folder = facts_dir({"empty.yaml": text})
    assert run_briefing("new", "claim", "--topic", "empty", "--facts", str(folder)).returncode == 0
    data = yaml.safe_load((folder / "empty.yaml").read_text())
    assert data["summary"] == "S" and data["claims"][0]["id"] == "empty-claim-1"
    text = "title: T\nclaims:\n  - id: a\n    statement: S.\n\n# trailing comment\nsummary: S\n"
    folder = facts_dir({"other.yaml": text})
    assert run_briefing("new", "claim", "--topic", "other", "--facts", str(folder)).returncode == 0
    written = (folder / "other.yaml").read_text()
    assert "# trailing comment" in written
    assert [c["id"] for c in yaml.safe_load(written)["claims"]] == ["a", "other-claim-1"]


def test_new_source_and_unknown_topic(facts_dir):
    folder = facts_dir()
    result = run_briefing("new", "source", "--facts", str(folder))
    assert result.returncode == 0
    data = yaml.safe_load((folder / "sources.yaml").read_text())
    assert data["sources"][-1]["id"] == "source-1"
    result = run_briefing("new", "claim", "--topic", "nope", "--facts", str(folder))
    assert result.returncode == 1 and "topics are: market, plans (" in result.stderr
    for registry in ("series", "sources", "entities"):  # files, but not topics
        result = run_briefing("new", "claim", "--topic", registry, "--facts", str(folder))
        assert result.returncode == 1 and f"no topic '{registry}'" in result.stderr


# briefing diff ------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Editor", "-c", "user.email=e@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "facts")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "facts")
    return tmp_path


def change_facts(repo: Path) -> None:
    plans = repo / "facts" / "plans.yaml"
    text = plans.read_text()
    text = text.replace("status: speculation", "status: reported")
    text = text.replace("would build **electric cars**", "would build electric cars and SUVs")
    text = text.replace("sources: [wire-copy, undated-article]", "sources: [wire-copy, new-src]")
    text += (
        "  - id: plans-new\n    statement: A new claim.\n    status: forecast\n"
        "    sources: [new-src]\n"
    )
    plans.write_text(text)
    market = repo / "facts" / "market.yaml"
    market.write_text(market.read_text().split("  - id: market-growth")[0])
    sources = repo / "facts" / "sources.yaml"
    sources.write_text(
        sources.read_text().replace("publisher: Example Daily", "publisher: Example Times")
        + "  - id: new-src\n    title: New\n    publisher: null\n    url: null\n"
        '    published: null\n    retrieved: "2026-11-24"\n'
    )


def test_diff_between_two_commits(repo: Path):
    change_facts(repo)
    git(repo, "commit", "-qam", "change")
    result = run_briefing("diff", "HEAD~1", "HEAD", "--facts", "facts", cwd=repo)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("## Fact changes: `HEAD~1` → `HEAD`")
    assert "**1 claim added, 1 claim removed, 1 claim reworded, 1 status changed" in out
    assert "`plans-partner`: speculation → **reported**" in out
    assert "`plans-own-factory`: + `new-src`, − `undated-article`" in out
    assert "### Sources added" in out and "`new-src`: New" in out
    assert "publisher: Example Daily → Example Times" in out
    assert "`market-growth` (market, **forecast**)" in out


def test_diff_against_the_working_tree_as_json(repo: Path):
    change_facts(repo)
    result = run_briefing("diff", "HEAD", "--format", "json", "--facts", "facts", cwd=repo)
    data = json.loads(result.stdout)
    assert data["head"] == "working tree"
    assert [c["id"] for c in data["claims_added"]] == ["plans-new"]
    assert data["status_changed"][0]["before"] == "speculation"
    assert [s["id"] for s in data["sources_added"]] == ["new-src"]


def test_diff_escapes_markdown_in_fact_text(repo: Path):
    plans = repo / "facts" / "plans.yaml"
    plans.write_text(
        plans.read_text().replace(
            "It is speculated", "<img src=x onerror=alert(1)> @team [x](javascript:y) It is"
        )
    )
    out = run_briefing("diff", "HEAD", "--facts", "facts", cwd=repo).stdout
    assert re.search(r"(?<!\\)<img", out) is None
    assert "\\<img" in out and "\\@team" in out


def test_diff_with_a_bad_ref(repo: Path):
    result = run_briefing("diff", "no-such-ref", "--facts", "facts", cwd=repo)
    assert result.returncode == 1 and "briefing diff:" in result.stderr


# CI workflows and linters ------------------------------------------------------------------

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflow_files_pass_the_workflow_schema_and_zizmor():
    checker = tool("check-jsonschema")
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--min-severity", "low", str(ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_are_least_privilege_and_pinned():
    for path in WORKFLOWS:
        flow = yaml.safe_load(path.read_text())
        triggers = flow.get(True, flow.get("on"))  # YAML 1.1 reads `on` as true
        assert "pull_request_target" not in triggers, path.name
        assert flow["permissions"] == {"contents": "read"}, path.name
        assert "concurrency" in flow, path.name
        for job_name, job in flow["jobs"].items():
            granted = job.get("permissions", {})
            if path.name == "deploy.yml" and job_name == "deploy":
                assert granted == {"pages": "write", "id-token": "write"}
            else:
                assert not granted, (path.name, job_name)
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step
                run = step.get("run", "")
                assert "pip install" not in run and "mkdocs" not in run  # make targets only


def test_deploy_publishes_with_the_pages_actions():
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert "actions/upload-pages-artifact@" in text and "actions/deploy-pages@" in text
    assert "make site" in text


def test_yamllint_accepts_the_fact_files_and_workflows():
    result = subprocess.run(
        [
            tool("yamllint"),
            "--strict",
            "-c",
            str(ROOT / ".yamllint.yaml"),
            "facts",
            ".github",
            ".pre-commit-config.yaml",
            "mkdocs.yml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_pre_commit_hooks_run_the_project_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert ".venv/bin/briefing check" in entries
    assert any(entry.startswith(".venv/bin/yamllint") for entry in entries)


def test_make_check_alone_installs_what_the_hooks_run(tmp_path):
    """The hooks call .venv/bin/briefing and .venv/bin/yamllint: `make check` on a machine
    with no virtualenv yet installs both, from hash-locked files, and not the test extras."""
    result = subprocess.run(
        ["make", "--dry-run", "check", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    installs = [line for line in result.stdout.splitlines() if "pip install" in line]
    assert any("--require-hashes --no-deps -r requirements.lock" in line for line in installs)
    assert any(
        "--require-hashes --no-deps -r requirements-editor.lock" in line for line in installs
    )
    assert not any("requirements-test.lock" in line for line in installs)
    editor_lock = (ROOT / "requirements-editor.lock").read_text()
    assert re.search(r"^yamllint==[\d.]+ \\\n    --hash=sha256:", editor_lock, re.MULTILINE)


def test_templates_ask_for_sources():
    pr = (ROOT / ".github" / "pull_request_template.md").read_text()
    assert "Source id" in pr
    issue = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "wrong-fact.yml").read_text())
    assert any(item["id"] == "evidence" for item in issue["body"])


def test_editors_guide_lists_every_error_code():
    from briefing.errors import Code

    guide = (ROOT / "docs" / "contributing.md").read_text()
    for code in Code:
        assert f"| {code.value} |" in guide, code


def test_diff_keeps_ids_and_urls_inert(repo: Path):
    plans = repo / "facts" / "plans.yaml"
    plans.write_text(
        plans.read_text().replace("id: plans-cars", 'id: "x` <img src=x onerror=alert(1)> `"')
    )
    sources = repo / "facts" / "sources.yaml"
    sources.write_text(
        sources.read_text()
        + (
            "  - id: evil\n    title: T\n    publisher: null\n"
            '    url: "https://a.example/> <img src=//evil/p.png>"\n'
            '    published: null\n    retrieved: "2026-11-24"\n'
        )
    )
    out = run_briefing("diff", "HEAD", "--facts", "facts", cwd=repo).stdout
    assert re.search(r"(?<!\\)<img", out.replace("`x' <img src=x onerror=alert(1)> '`", "")) is None
    assert "`x' <img src=x onerror=alert(1)> '`" in out  # inside a code span, inert
    assert "<https://a.example/>" not in out


def test_diff_counts_moves_and_date_changes(repo: Path):
    plans = repo / "facts" / "plans.yaml"
    plans.write_text(plans.read_text().replace('as_of: "2021-03"', 'as_of: "2021-04"'))
    out = run_briefing("diff", "HEAD", "--facts", "facts", cwd=repo).stdout
    assert "**1 claim with other changes (as of), 1 file header changed.**" in out
    assert "`plans-cars`: as of: 2021-03 → 2021-04" in out
    # April 2021 starts after 30 March 2021: the topic's newest fact moves with it.
    assert "`plans`: newest fact: 2021-03-30 → 2021-04" in out


def test_make_check_runs_what_ci_runs_on_the_fact_files(tmp_path: Path):
    """One `make check` reports the validator's problems and yamllint's (CI enforces both),
    every one of them, and fails; the same copy, fixed, passes."""
    for name in ("Makefile", "pyproject.toml", ".yamllint.yaml", "mkdocs.yml"):
        shutil.copy2(ROOT / name, tmp_path / name)  # copy2: the install stamps stay newer
    for lock in ROOT.glob("requirements*.lock"):
        shutil.copy2(lock, tmp_path / lock.name)
    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    plans = tmp_path / "facts" / "partnerships.yaml"
    good = plans.read_text()
    bad = good.replace("status: reported", "status: rumoured", 1).replace("\n", "   \n", 1)
    plans.write_text(bad)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}

    def make_check() -> subprocess.CompletedProcess[str]:
        command = ["make", "--no-print-directory", "check"]
        return subprocess.run(
            command, cwd=tmp_path, capture_output=True, text=True, check=False, env=env
        )

    result = make_check()
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "E203" in out  # the validator
    assert "facts/partnerships.yaml:1:" in out and "trailing spaces" in out  # yamllint
    assert "pip install" not in out  # nothing reinstalled in the copy
    plans.write_text(good)
    result = make_check()
    assert result.returncode == 0, result.stdout + result.stderr
