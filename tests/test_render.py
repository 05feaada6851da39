"""Rendered pages against golden files (``pytest --update-golden`` rewrites them; review the
diff before committing)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefing.render import RenderOptions, md, relative_url

GOLDEN = Path(__file__).parent / "golden"
OPTIONS = RenderOptions(
    today=date(2026, 11, 24), edit_url="https://github.com/example/briefing/blob/main/"
)


@pytest.fixture(scope="module")
def files(mini_pages) -> dict[str, str]:
    return mini_pages


def golden_names() -> list[str]:
    """The mini fact set's generated files (tests/golden/charts/ holds the real charts' data,
    checked by test_charts.py)."""
    return sorted(
        p.relative_to(GOLDEN).as_posix()
        for p in GOLDEN.rglob("*")
        if p.is_file() and not p.relative_to(GOLDEN).as_posix().startswith("charts/")
    )


def test_every_generated_file_has_a_golden_file(files, request):
    if request.config.getoption("--update-golden"):
        for rel, content in files.items():
            target = GOLDEN / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    assert sorted(files) == golden_names()


@pytest.mark.parametrize("rel", golden_names())
def test_matches_golden(files, rel):
    assert files[rel] == (GOLDEN / rel).read_text(encoding="utf-8")


def test_fact_text_is_escaped(files):
    page = files["briefing/market.md"]
    assert "expected to grow &lt;fast&gt; &amp; &#34;far&#34;." in page
    assert "<fast>" not in page


def test_claims_show_status_date_and_numbered_citations(files):
    page = files["briefing/plans.md"]
    assert 'id="plans-cars"' in page
    assert "bf-status--confirmed" in page
    assert '<time datetime="2021-03">March 2021</time>' in page
    # [n] goes to the page's own reference list, which links back to the claims citing it.
    assert '<a class="bf-cite" href="#ref-wire-copy"' in page
    assert ">[1]</a>" in page
    assert '<li id="ref-wire-copy" value="1">' in page
    assert '<a href="#plans-cars" aria-label="Back to claim 1 citing this source">a</a>' in page


def test_superseded_claims_are_kept_as_history_under_their_successor(files):
    page = files["briefing/plans.md"]
    successor = page.index('id="plans-own-factory"')
    earlier = page.index('id="plans-partner"')
    assert successor < earlier
    assert "Earlier:" in page[successor:]
    home = files["index.md"]
    assert "wants a partner" not in home  # not in the at-a-glance summaries


def test_only_states_are_marked_due_and_never_with_a_false_last_checked(files):
    page = files["briefing/plans.md"]
    factory = page[page.index('id="plans-own-factory"') :]
    factory = factory[: factory.index("bf-earlier")]
    assert "Due for review: last checked 1 April 2021" in factory  # a checked state
    cars = page[page.index('id="plans-cars"') : page.index('id="plans-own-factory"')]
    assert "bf-due" not in cars and "checked" not in cars  # an event never goes stale
    assert "1 due for review" in page
    market = files["briefing/market.md"]
    growth = market[market.index('id="market-growth"') :]
    # The market topic sets no review period: the site's default (mkdocs.yml's
    # extra.briefing.review_after_days, as `briefing audit` uses) applies to its states.
    assert "Due for review: never checked; its sources are undated" in growth
    assert "reviewed every 365 days" in growth


def test_undated_source_is_shown_as_undated(files):
    page = files["briefing/sources.md"]
    start = page.index('id="undated-article"')
    entry = page[start : page.index("</article>", start)]
    # One readable line a search snippet can show: no field labels run into their values.
    assert (
        '<p class="bf-source__facts">Publisher unknown, undated (content matches a wire report '
        "of March 2021) · News.</p>"
    ) in entry
    assert "No address on record" in entry


def test_suggest_a_correction_links_to_the_claim_line(files):
    page = files["briefing/plans.md"]
    block = page[page.index('id="plans-cars"') :]
    edit = 'href="https://github.com/example/briefing/blob/main/tests/fixtures/mini/plans.yaml#L7"'
    assert edit in block[: block.index("</article>")]


def test_markdown_context_escaping():
    assert str(md("a *b* {#x onclick=y} <i>")) == (
        "a &#42;b&#42; &#123;&#35;x onclick&#61;y&#125; &#60;i&#62;"
    )


@pytest.mark.parametrize(
    ("src", "dst", "anchor", "expected"),
    [
        ("index.md", "briefing/sources.md", "x", "briefing/sources/#x"),
        ("briefing/plans.md", "briefing/sources.md", "x", "../sources/#x"),
        ("briefing/plans.md", "how-to-read.md", None, "../../how-to-read/"),
        ("briefing/data.md", "facts.json", None, "../../facts.json"),
        ("index.md", "index.md", None, "./"),
    ],
)
def test_relative_urls(src, dst, anchor, expected):
    assert relative_url(src, dst, anchor) == expected


def test_compiled_templates_are_kept_and_never_in_the_way(files, tmp_path, monkeypatch):
    """Compiled templates are kept beside the check's memo between runs; a cache folder that
    cannot be made or written, or one turned off, renders the same pages."""
    import jinja2.bccache

    from briefing.pipeline import check, generate

    mini = Path(__file__).parent / "fixtures" / "mini"

    def render() -> dict[str, str]:
        return generate(check(mini, today=OPTIONS.today, lines=True), OPTIONS)

    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE", str(cache))
    assert render() == files
    kept = sorted(cache.glob("templates-*/*"))
    assert len(kept) >= 5  # one per template the pages use
    assert render() == files  # from the kept bytecode
    for path in kept:
        path.write_bytes(jinja2.bccache.bc_magic + b"damaged")
    assert render() == files  # a damaged entry is compiled again

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only file system")

    for path in kept:
        path.unlink()
    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", refuse)
    assert render() == files
    monkeypatch.undo()

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    for setting in (str(blocked / "cache"), "off"):
        monkeypatch.setenv("BRIEFING_CACHE", setting)
        assert render() == files
    assert not list(tmp_path.glob("**/templates-*/*.cache"))


def test_two_cores_write_the_same_files(files, monkeypatch, tmp_path):
    """A build renders and writes the lists and the data files in a forked process
    (pipeline.write_pages, parallel.py): the same files, and nothing stale left."""
    import os

    from briefing.history import History
    from briefing.pipeline import check, write_pages

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    mini = Path(__file__).parent / "fixtures" / "mini"
    briefing = check(mini, today=OPTIONS.today, lines=True)
    docs = tmp_path / "docs"
    stale = docs / "briefing" / "gone.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("a page of a topic since removed")
    report = write_pages(
        briefing, OPTIONS, History((), "No git history was given to this build."), docs
    )
    on_disk = {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
        for p in docs.rglob("*")
        if p.is_file()
    }
    assert on_disk == files
    assert sorted(report.written) == sorted(files) and report.removed == ("briefing/gone.md",)
    again = write_pages(
        briefing, OPTIONS, History((), "No git history was given to this build."), docs
    )
    assert again.written == () and sorted(again.unchanged) == sorted(files)


def test_a_failed_child_has_its_pages_rendered_here(monkeypatch, tmp_path, capsys):
    import os

    from briefing import parallel

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parent = os.getpid()
    tried = tmp_path / "the child tried"

    def lists() -> dict[str, str]:
        if os.getpid() != parent:
            tried.write_text("yes")
            raise RuntimeError("the child fails")
        return {"lists.md": "b"}

    mine, theirs = parallel.run([lambda: {"topic.md": "a"}], [lists], sorted)
    assert (mine, theirs) == (["topic.md"], ["lists.md"])
    assert tried.exists()  # the child did run, failed, and its pages were made here
    assert "rendering them here" in capsys.readouterr().err


def test_the_child_writes_its_own_pages_and_sends_back_only_its_answer(monkeypatch):
    import os

    from briefing import parallel

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parent = os.getpid()

    def lists() -> dict[str, str]:
        return {"lists.md": "made by the child" if os.getpid() != parent else "made here"}

    mine, theirs = parallel.run([lambda: {"topic.md": "a"}], [lists], dict)
    assert mine == {"topic.md": "a"} and theirs == {"lists.md": "made by the child"}


def test_nothing_is_written_when_either_group_fails_to_render(monkeypatch, tmp_path):
    import os

    from briefing import parallel

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    written = tmp_path / "written"
    written.mkdir()

    def keep(files: dict[str, str]) -> list[str]:
        for name, text in files.items():
            (written / name).write_text(text)
        return sorted(files)

    def broken() -> dict[str, str]:
        raise RuntimeError("a template bug")

    with pytest.raises(RuntimeError, match="a template bug"):
        parallel.run([broken], [lambda: {"lists.md": "b"}], keep)
    assert list(written.iterdir()) == []
