"""``briefing diff`` on edited copies of the mini facts: every change a reader would see is
named, in the section a reviewer looks for it, and nothing in the facts can break out of the
Markdown. Pure (``compare`` on parsed texts) except where git itself is the point."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

from briefing.factdiff import STATUS_RANK, compare, diff_refs, to_json, to_markdown
from briefing.gitfacts import GitError, TreeReader, repo_prefix
from briefing.model import STATUSES
from briefing.rawfacts import parse_facts, parse_file

from .conftest import MINI, run_briefing


def mini_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(MINI.glob("*.yaml"))}


Edit = tuple[str, str] | list[tuple[str, str]] | str | None


def edited(edits: Mapping[str, Edit]) -> dict[str, str]:
    """The mini texts with ``{"plans.yaml": (old, new)}`` replacements (or a list of them),
    whole new texts, or None to delete the file."""
    texts = mini_texts()
    for name, edit in edits.items():
        if edit is None:
            del texts[name]
        elif isinstance(edit, str):
            texts[name] = edit
        else:
            for old, new in edit if isinstance(edit, list) else [edit]:
                assert old in texts[name], (name, old)
                texts[name] = texts[name].replace(old, new, 1)
    return texts


def markdown(edits: Mapping[str, Edit]) -> str:
    return to_markdown(compare(parse_facts(mini_texts()), parse_facts(edited(edits))))


UNSUPERSEDE = ("    superseded_by: plans-own-factory\n", "")


def test_no_change_says_so_and_json_has_every_section():
    diff = compare(parse_facts(mini_texts()), parse_facts(mini_texts()))
    assert diff.empty
    assert "No change to the facts." in to_markdown(diff)
    data = __import__("json").loads(to_json(diff))
    for key in ("claims_added", "unsuperseded", "claims_changed", "entities_changed"):
        assert data[key] == []


def test_a_superseded_claim_made_current_again_has_its_own_section():
    out = markdown({"plans.yaml": UNSUPERSEDE})
    assert "1 claim current again" in out and "No change" not in out
    assert "### Now current again" in out
    assert "- `plans-partner` is no longer superseded by `plans-own-factory`" in out
    assert "### Superseded" not in out


def test_superseding_and_changing_the_successor_are_told_apart():
    out = markdown(
        {"market.yaml": ("    tags: [growth]\n", "    tags: [growth]\n    superseded_by: x\n")}
    )
    assert "- `market-growth` is now superseded by `x`" in out
    out = markdown(
        {"plans.yaml": ("superseded_by: plans-own-factory", "superseded_by: plans-cars")}
    )
    assert "`plans-partner` is now superseded by `plans-cars` (was `plans-own-factory`)" in out


def test_a_figure_change_is_shown_old_to_new():
    out = markdown(
        {
            "market.yaml": (
                "{value: 30.094, scale: million, unit: vehicles, series: market-sales}",
                "{value: 30.1, scale: million, unit: orders, series: market-sales}",
            )
        }
    )
    assert "`market-sales-2023`: figure.value: 30.094 → 30.1; figure.unit: vehicles → orders" in out
    figure = "{value: 30.094, scale: million, unit: vehicles, series: market-sales}"
    out = markdown({"market.yaml": (f"    figure: {figure}\n", "")})
    assert f"figure: {figure} → (not set)" in out


def test_a_status_raised_without_a_new_source_is_flagged():
    raised = markdown({"plans.yaml": ("status: speculation", "status: confirmed")})
    assert (
        "`plans-partner`: speculation → **confirmed** ⚠️ **raised without a new source**" in raised
    )
    with_source = markdown(
        {
            "plans.yaml": [
                ("status: speculation", "status: confirmed"),
                (
                    "      - source: undated-article\n",
                    "      - source: stats-office\n      - source: undated-article\n",
                ),
            ]
        }
    )
    assert "speculation → **confirmed**" in with_source
    assert "raised without a new source" not in with_source
    lowered = markdown({"plans.yaml": ("status: confirmed", "status: reported")})
    assert "confirmed → **reported**" in lowered and "raised without" not in lowered
    sideways = markdown({"plans.yaml": ("status: speculation", "status: forecast")})
    assert "speculation → **forecast**" in sideways and "raised without" not in sideways


def test_status_ranking_covers_every_status():
    assert set(STATUS_RANK) == set(STATUSES)
    assert STATUS_RANK["confirmed"] > STATUS_RANK["reported"] > STATUS_RANK["disputed"]
    assert STATUS_RANK["speculation"] == STATUS_RANK["forecast"] == STATUS_RANK["disputed"]


def test_a_rewording_is_shown_word_by_word():
    out = markdown({"plans.yaml": ("would build **electric cars**.", "would build electric SUVs.")})
    line = next(x for x in out.splitlines() if x.startswith("- `plans-cars`"))
    assert "~~\\*\\*electric cars\\*\\*.~~ **electric SUVs.**" in line
    assert "announced it would build" in line  # the unchanged words around the change stay
    spacing = markdown(
        {
            "plans.yaml": (
                "statement: The phone maker announced",
                "statement: |-\n      The phone maker\n      announced",
            )
        }
    )
    assert "`plans-cars`: spacing or line breaks only" in spacing


def test_a_long_unchanged_run_is_shortened_around_the_change():
    words = " ".join(f"w{i}" for i in range(40))
    texts = edited({"market.yaml": ("The market is expected", f"{words} The market is expected")})
    longer = edited(
        {"market.yaml": ("The market is expected", f"{words} The market is not expected")}
    )
    out = to_markdown(compare(parse_facts(texts), parse_facts(longer)))
    assert (
        "- `market-growth`: … w37 w38 w39 The market is **not** expected to grow \\<fast\\>" in out
    )
    assert "w10" not in out


def test_an_added_claim_lists_its_sources_with_locator_url_publisher_and_date():
    new_claim = (
        "  - id: market-new\n    statement: New.\n    status: reported\n"
        "    sources:\n      - source: stats-office\n        locator: table 2\n"
        "      - unknown-src\n    tags: [fresh]\n"
    )
    out = markdown({"market.yaml": ("claims:\n", "claims:\n" + new_claim)})
    assert "- `market-new` (market, **reported**): New." in out
    assert (
        "  - source `stats-office` (table 2): Car sales in 2023 — Statistics Office, 2024-01-12 "
        "<https://stats.example.org/2023>" in out
    )
    assert "  - source `unknown-src`: not in the source registry" in out
    assert "  - tags: fresh" in out


def test_entity_and_source_fields_are_diffed():
    out = markdown(
        {
            "entities.yaml": ("native_name: 手机公司", "native_name: 小米"),
            "sources.yaml": (
                "url: https://stats.example.org/2023",
                "url: https://stats.example.org/v2",
            ),
        },
    )
    assert "### Entities changed" in out
    assert "- `phone-maker`: native name: 手机公司 → 小米" in out
    assert (
        "- `stats-office`: url: <https://stats.example.org/2023> → <https://stats.example.org/v2>"
        in out
    )
    out = markdown(
        {"entities.yaml": ("  - id: car-market\n", "  - id: car-market\n    aliases: [autos]\n")}
    )
    assert "- `car-market`: aliases: (not set) → autos" in out
    out = markdown(
        {"entities.yaml": ("  - id: car-market\n    name: The car market\n    kind: market\n", "")}
    )
    assert (
        "### Entities removed" in out
        and "- `car-market`: name: The car market; kind: market" in out
    )


@pytest.mark.parametrize(
    ("edit", "shown"),
    [
        (
            ("subjects: [car-market]", "subjects: [car-market, phone-maker]"),
            "subjects: car-market → car-market, phone-maker",
        ),
        (("tags: [growth]", "tags: []"), "tags: growth → (empty list)"),
        (('as_of: "2023"', 'as_of: "2023-06"'), "as of: 2023 → 2023-06"),
        (
            ("    tags: [growth]\n", "    tags: [growth]\n    mood: outlook\n"),
            "mood: (not set) → outlook",
        ),
    ],
)
def test_other_claim_fields_are_shown_old_to_new(edit, shown):
    out = markdown({"market.yaml": edit})
    assert "### Other claim fields changed" in out and shown in out


def test_locator_change_and_citation_order():
    out = markdown({"plans.yaml": ("locator: paragraph 4", "locator: paragraph 5")})
    assert "- `plans-partner`: `undated-article` locator: paragraph 4 → paragraph 5" in out
    out = markdown(
        {
            "plans.yaml": (
                "sources: [wire-copy, undated-article]",
                "sources: [undated-article, wire-copy]",
            )
        }
    )
    assert "listed as `wire-copy`, `undated-article` → `undated-article`, `wire-copy`" in out


def test_moves_topic_headers_and_order():
    plans, market = mini_texts()["plans.yaml"], mini_texts()["market.yaml"]
    block = plans[plans.index("  - id: plans-cars") : plans.index("  - id: plans-partner")]
    out = markdown(
        {
            "plans.yaml": plans.replace(block, "").replace("title: Plans", "title: Roadmap"),
            "market.yaml": market.replace("claims:\n", "claims:\n" + block),
        },
    )
    assert "- `plans-cars`: plans → market" in out
    assert "- `plans`: title: Plans → Roadmap" in out
    swapped = market.replace("  - id: market-growth", "  - id: tmp").replace(
        "  - id: market-sales-2023", "  - id: market-growth"
    )
    out = markdown({"market.yaml": swapped.replace("  - id: tmp", "  - id: market-sales-2023")})
    assert "### Order changed" in out


def test_topic_files_added_and_removed():
    topic = "title: Talks\nsummary: Who talks.\nclaims: []\n"
    out = markdown({"talks.yaml": topic, "plans.yaml": None})
    assert "- `talks`: title: Talks; summary: Who talks." in out
    assert "### Topics removed" in out and "- `plans`: title: Plans" in out
    assert "`plans-cars` (plans, **confirmed**, as of 2021-03)" in out  # its claims, removed


def test_an_unreadable_file_is_a_warning_not_a_removal():
    out = markdown({"market.yaml": "claims: [\n"})
    assert "⚠️ `market.yaml` cannot be read at `head`: YAML syntax" in out
    assert "(what changed in it is not shown until it can be read)" in out
    assert "removed" not in out and "(not set)" not in out  # its claims and header are unknown
    # A change in a readable file next to it is still shown.
    out = markdown(
        {"market.yaml": "claims: [\n", "plans.yaml": ("status: speculation", "status: forecast")}
    )
    assert "⚠️ `market.yaml`" in out and "speculation → **forecast**" in out
    # Broken at the base, fixed at the head: nothing is shown as added either.
    broken = compare(parse_facts(edited({"market.yaml": "claims: [\n"})), parse_facts(mini_texts()))
    assert broken.unreadable[0]["side"] == "base" and broken.added == []


def test_every_kind_of_fact_file_is_diffed():
    base = "series:\n  - id: deliveries\n    title: Deliveries\n    unit: cars\n"
    head = base.replace("unit: cars", "unit: vehicles") + "  - id: orders\n    title: Orders\n"
    out = to_markdown(
        compare(
            parse_facts(edited({"series.yaml": base})), parse_facts(edited({"series.yaml": head}))
        )
    )
    assert "### Series added" in out and "- `orders`: title: Orders" in out
    assert "### Series changed" in out and "- `deliveries`: unit: cars → vehicles" in out
    assert parse_file("series.yaml", base).list_key == "series"


def test_unknown_fields_and_ids_stay_inert_in_every_section():
    evil = "x](javascript:alert(1)) <img src=x onerror=alert(1)> @all ~~s~~ **b** `c`"
    out = markdown(
        {
            "market.yaml": (
                "    tags: [growth]\n",
                f"    tags: [growth]\n    '<b>{evil}': '{evil}'\n",
            ),
            "entities.yaml": (
                "kind: market",
                f"kind: market\n    website: 'https://a.example/ <script>'\n    note: '{evil}'",
            ),
            "plans.yaml": ("title: Plans", f"title: '{evil}'"),
            "sources.yaml": (
                "    kind: data\n",
                f"    kind: data\n  - id: evil\n    title: '{evil}'\n"
                "    url: 'https://a.example/> <img src=//evil/p.png>'\n",
            ),
        },
    )
    out += markdown({"plans.yaml": ("would build **electric cars**.", f"would build {evil}.")})
    assert re.search(r"(?<!\\)<(img|b|script)", out) is None
    assert re.search(r"(?<!\\)\]\(", out) is None and re.search(r"(?<!\\)@all", out) is None
    assert "<https://a.example/ <script>>" not in out
    assert "\\~\\~s\\~\\~" in out


# git ------------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=E", "-c", "user.email=e@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "facts").mkdir()
    for name, text in mini_texts().items():
        (tmp_path / "facts" / name).write_text(text, encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "facts")
    return tmp_path


def test_the_cli_shows_current_again_and_a_figure_between_commits(repo: Path):
    for name, text in edited(
        {"plans.yaml": UNSUPERSEDE, "market.yaml": ("value: 30.094", "value: 30.1")}
    ).items():
        (repo / "facts" / name).write_text(text, encoding="utf-8")
    git(repo, "commit", "-qam", "edit")
    result = run_briefing("diff", "HEAD~1", "HEAD", "--facts", "facts", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "### Now current again" in result.stdout
    assert "`market-sales-2023`: figure.value: 30.094 → 30.1" in result.stdout
    data = __import__("json").loads(
        run_briefing(
            "diff", "HEAD~1", "HEAD", "--format", "json", "--facts", "facts", cwd=repo
        ).stdout
    )
    assert [c["id"] for c in data["unsuperseded"]] == ["plans-partner"]
    assert data["claims_changed"][0]["fields"] == [
        {"field": "figure.value", "before": 30.094, "after": 30.1}
    ]


def test_a_file_version_is_parsed_once_across_commits(repo: Path):
    (repo / "facts" / "plans.yaml").write_text(edited({"plans.yaml": UNSUPERSEDE})["plans.yaml"])
    git(repo, "commit", "-qam", "edit")
    reader = TreeReader(repo / "facts", parse_file)
    old, new = reader.files_at("HEAD~1"), reader.files_at("HEAD")
    assert old["market.yaml"] is new["market.yaml"]
    assert old["plans.yaml"] is not new["plans.yaml"]
    assert repo_prefix(repo / "facts")[1] == "facts"


def test_git_failures_are_one_line_git_errors(repo: Path, tmp_path_factory: pytest.TempPathFactory):
    with pytest.raises(GitError) as caught:
        diff_refs(repo / "facts", "no-such-ref", None)
    assert "\n" not in str(caught.value) and str(caught.value)
    outside = tmp_path_factory.mktemp("not-a-repo")
    with pytest.raises(GitError):
        diff_refs(outside, "HEAD", None)
    from briefing.factdiff import GitError as reexported

    assert reexported is GitError and not issubclass(GitError, (OSError, ValueError))


def test_whats_new_and_the_feed_show_a_claim_current_again(repo: Path):
    from briefing.history import fact_history
    from briefing.pipeline import check
    from briefing.render import render_pages

    (repo / "facts" / "plans.yaml").write_text(edited({"plans.yaml": UNSUPERSEDE})["plans.yaml"])
    git(repo, "commit", "-qam", "The partner report stands again")
    history = fact_history(repo / "facts")
    assert [c.subject for c in history.changes] == ["The partner report stands again", "facts"]
    assert [i["id"] for i in history.changes[0].diff.unsuperseded] == ["plans-partner"]
    pages = render_pages(check(repo / "facts"), history=history)
    page = pages["briefing/whats-new.md"]
    assert 'Current again (no longer superseded): <a href="../plans/#plans-partner">' in page
    assert "Current again: It is speculated" in pages["feed.xml"]
    assert "<li>Sources: 3 added.</li>" in page and "<li>Entities: 2 added.</li>" in page


def test_a_long_text_field_is_shown_word_by_word():
    notes = "Carries no date, publisher or address; its content matches a wire report."
    longer = f"{notes} It was found in an archive of 2021 wire copy kept by a library in Paris."
    edit = longer.replace("a library in Paris", "the national library")
    base = edited({"sources.yaml": (notes, longer)})
    out = to_markdown(
        compare(parse_facts(base), parse_facts(edited({"sources.yaml": (notes, edit)})))
    )
    assert (
        "- `undated-article`: notes: … of 2021 wire copy kept by ~~a library in Paris.~~ **the national library.**"
        in out
    )


def test_a_topic_whose_newest_fact_moves_says_so():
    """The topic page's "newest fact" is derived from its claims' dates: a reviewer sees it
    change on the topic as well as on the claim."""
    base = mini_texts()
    head = edited({"plans.yaml": ('as_of: "2021-03-30"', 'as_of: "2021-04-02"')})
    diff = compare(parse_facts(base), parse_facts(head))
    headers = {item["topic"]: item["fields"] for item in diff.headers_changed}
    assert headers["plans"] == [
        {"field": "newest fact", "before": "2021-03-30", "after": "2021-04-02"}
    ]
    assert "market" not in headers
    assert "newest fact: 2021-03-30 → 2021-04-02" in to_markdown(diff)
