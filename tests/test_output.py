"""Writing generated files (output.py): only what changed, nothing stale, one report."""

from __future__ import annotations

from pathlib import Path

from briefing.output import WriteReport, merged, remove_stale, write_files, write_generated


def test_only_changed_files_are_written_and_stale_ones_removed(tmp_path: Path):
    docs = tmp_path / "docs"
    first = write_generated(docs, {"briefing/a.md": "A", "briefing/b.md": "B"})
    assert first == WriteReport(("briefing/a.md", "briefing/b.md"), (), ())
    (docs / ".facts.json.x1y2").write_text("half written by a killed process")
    again = write_generated(docs, {"briefing/a.md": "A", "facts.json": "{}"})
    assert again == WriteReport(("facts.json",), ("briefing/a.md",), ("briefing/b.md",))
    assert sorted(p.name for p in docs.iterdir()) == ["briefing", "facts.json"]


def test_writing_and_cleaning_apart_is_writing_at_once(tmp_path: Path):
    files = {"briefing/a.md": "A", "briefing/lists/b.md": "B"}
    apart, at_once = tmp_path / "apart", tmp_path / "at-once"
    for docs in (apart, at_once):
        (docs / "briefing").mkdir(parents=True)
        (docs / "briefing" / "old.md").write_text("gone")
    halves = [write_files(apart, {k: v}) for k, v in files.items()]
    cleaned = WriteReport((), (), remove_stale(apart, files))
    assert merged([*halves, cleaned]) == write_generated(at_once, files)


def test_a_report_of_the_same_files_written_twice_counts_each_once():
    """The preview writes an edited topic first, then everything (pipeline.render_live)."""
    first = WriteReport(("briefing/a.md",), ("briefing/b.md", "briefing/c.md"), ())
    then = WriteReport(("briefing/b.md",), ("briefing/a.md",), ("briefing/c.md",))
    assert merged([first, then]) == WriteReport(
        ("briefing/a.md", "briefing/b.md"), (), ("briefing/c.md",)
    )
