"""The memo of sound fact files: the same answer with or without it, always."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing import memo
from briefing.load import load_dir
from briefing.validate import validate

from .conftest import FACTS, MINI
from .test_cases import CASES

pytestmark = pytest.mark.xdist_group("memo")


@pytest.fixture
def memo_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "memo"
    monkeypatch.setenv("BRIEFING_CACHE", str(folder))
    return folder


def run(facts: Path) -> tuple[list[str], list[bool]]:
    corpus = load_dir(facts)
    return [p.format() for p in validate(corpus)], [d.sound for d in corpus.documents]


def test_sound_files_are_recalled_and_judged_the_same(memo_dir, tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    first, recalled = run(facts)
    assert first == [] and not any(recalled)
    assert len(list(memo_dir.glob("*.marshal"))) == len(recalled)
    again, recalled = run(facts)
    assert again == [] and all(recalled)  # every file came from the memo
    # An edit makes that file new again; a problem keeps it out of the memo.
    topic = facts / "partnerships.yaml"
    topic.write_text(topic.read_text().replace("status: disputed", "status: rumoured", 1))
    broken, recalled = run(facts)
    assert any(" E203 " in line for line in broken)
    assert recalled.count(False) == 1
    assert run(facts)[0] == broken and run(facts)[1].count(False) == 1


def test_every_corpus_case_gives_the_same_problems_with_a_warm_memo(memo_dir, tmp_path):
    """The 100-case corpus, each case checked cold then warm: identical answers."""
    for case in sorted(CASES.glob("*.yaml")):
        facts = tmp_path / case.stem
        shutil.copytree(MINI, facts)
        shutil.copy(case, facts / "other.yaml")
        cold, _ = run(facts)
        warm, _ = run(facts)
        assert warm == cold, case.name


def test_a_damaged_or_stale_memo_is_ignored(memo_dir, tmp_path, monkeypatch):
    facts = tmp_path / "facts"
    shutil.copytree(MINI, facts)
    run(facts)
    for slot in memo_dir.glob("*.marshal"):
        slot.write_bytes(b"not a memo")
    problems, recalled = run(facts)
    assert problems == [] and not any(recalled)
    # Code that judges differently is a new key: nothing recalled.
    monkeypatch.setattr(memo, "code_version", lambda: "another version of the checks")
    assert not any(run(facts)[1])


def test_the_memo_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", "off")
    facts = tmp_path / "facts"
    shutil.copytree(MINI, facts)
    run(facts)
    assert not any(run(facts)[1])
