"""``briefing diff`` hides nothing a reader sees, checked on real git repositories.

Hypothesis edits the real facts or the mini fixture at random (a field deleted, changed or
added, a claim superseded or made current again, a locator changed, a record added, removed,
moved to another topic or swapped with its neighbour, a topic header changed), commits the
original and the edited version, and runs ``briefing diff BASE HEAD``. The oracle is what
readers get, computed without the diff code: ``facts.json`` of the checked model when both
versions validate, the raw loaded records otherwise. Whenever it differs, the diff must not
say "No change" and must name every claim, source, entity and topic that differs, in its
Markdown and in its JSON.
"""

from __future__ import annotations

import copy
import functools
import json
import subprocess
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from briefing.cli import main
from briefing.errors import FactsError
from briefing.export import facts_json
from briefing.load import LIST_KEYS, load_dir, parse_text
from briefing.pipeline import check, export_options
from briefing.render import RenderOptions

from .conftest import FACTS, MINI

Files = dict[str, Any]  # file name → loaded YAML data
Draw = Callable[..., Any]
KINDS = ("claims", "sources", "entities", "series")


@functools.cache
def _loaded(folder: Path) -> Files:
    out: Files = {}
    for path in sorted(folder.glob("*.yaml")):
        data, problems = parse_text(path.read_text(encoding="utf-8"), path.name)
        assert not problems, problems
        out[path.name] = data
    return out


def lists(files: Files, kind: str) -> list[list[Any]]:
    """The record lists of one kind: every topic's claims, or the one sources/entities list."""
    if kind == "claims":
        return [d["claims"] for n, d in sorted(files.items()) if isinstance(d.get("claims"), list)]
    return [files[f"{kind}.yaml"][kind]]


def pick(draw: Draw, files: Files, kind: str | None = None) -> tuple[list[Any], int]:
    """A record (a mapping, maybe left without fields by an earlier edit) and its list."""
    kind = kind or draw(st.sampled_from(KINDS))
    candidates = [
        (items, i)
        for items in lists(files, kind)
        for i in range(len(items))
        if isinstance(items[i], dict)
    ]
    return draw(st.sampled_from(candidates)) if candidates else ([{}], 0)


def changed_value(draw: Draw, value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + draw(st.sampled_from([1, 0.5, -3]))
    if isinstance(value, list):
        return [*value, "prop-extra"] if not value or draw(st.booleans()) else value[:-1]
    if isinstance(value, dict) and value:
        key = draw(st.sampled_from(sorted(value, key=str)))
        return {**value, key: changed_value(draw, value[key])}
    if isinstance(value, str) and value:
        return draw(st.sampled_from([value + " (edited)", value[::-1] + "x", "2025-06"]))
    return "now set"


def delete_field(draw: Draw, files: Files) -> None:
    items, i = pick(draw, files)
    if items[i]:
        del items[i][draw(st.sampled_from(sorted(items[i], key=str)))]


def change_field(draw: Draw, files: Files) -> None:
    items, i = pick(draw, files)
    if items[i]:
        key = draw(st.sampled_from(sorted(items[i], key=str)))
        items[i][key] = changed_value(draw, items[i][key])


NEW_FIELDS = {
    "claims": {
        "tags": ["prop-tag"],
        "checked": "2024-05-06",
        "figure": {"value": 7, "unit": "vehicles"},
        "subjects": ["prop-subject"],
        "kind": "prop-kind",
    },
    "sources": {"notes": "Prop note.", "copy_of": "prop-origin", "kind": "blog"},
    "entities": {"aliases": ["Prop"], "native_name": "小米", "website": "https://p.example/"},
    "series": {"description": "Prop.", "title": "Prop title", "per": "quarter"},
}


def add_field(draw: Draw, files: Files) -> None:
    kind = draw(st.sampled_from(KINDS))
    items, i = pick(draw, files, kind)
    key = draw(st.sampled_from(sorted(NEW_FIELDS[kind])))
    if key in items[i]:
        items[i][key] = changed_value(draw, items[i][key])
    else:
        items[i][key] = NEW_FIELDS[kind][key]


def ids(files: Files, kind: str) -> list[str]:
    found = [r.get("id") for lst in lists(files, kind) for r in lst if isinstance(r, dict)]
    return [i for i in found if isinstance(i, str)] or [f"prop-{kind}-id"]


def toggle_superseded(draw: Draw, files: Files) -> None:
    items, i = pick(draw, files, "claims")
    claim = items[i]
    if claim.get("superseded_by"):
        del claim["superseded_by"]
    else:
        claim["superseded_by"] = draw(st.sampled_from(ids(files, "claims")))


def change_locator(draw: Draw, files: Files) -> None:
    items, i = pick(draw, files, "claims")
    sources = items[i].get("sources")
    if not isinstance(sources, list) or not sources:
        items[i]["sources"] = sources = [draw(st.sampled_from(ids(files, "sources")))]
    n = draw(st.integers(0, len(sources) - 1))
    citation = sources[n] if isinstance(sources[n], dict) else {"source": sources[n]}
    locator = citation.get("locator")
    sources[n] = {**citation, "locator": f"{locator or 'page'} {draw(st.integers(1, 99))}"}


def add_entry(draw: Draw, files: Files) -> None:
    kind = draw(st.sampled_from(KINDS))
    target = draw(st.sampled_from(lists(files, kind)))
    new = {
        "claims": {"id": "prop-claim", "statement": "New.", "status": "forecast", "kind": "state"},
        "sources": {"id": "prop-source", "title": "New", "retrieved": "2025-01-02"},
        "entities": {"id": "prop-entity", "name": "New", "kind": "company"},
        "series": {
            "id": "prop-series",
            "title": "New",
            "unit": "vehicles",
            "measure": "actual",
            "per": "year",
        },
    }[kind]
    if kind in ("claims", "entities"):
        new["sources"] = [draw(st.sampled_from(ids(files, "sources")))]
    target.insert(draw(st.integers(0, len(target))), new)


def remove_entry(draw: Draw, files: Files) -> None:
    items, i = pick(draw, files)
    del items[i]


def move_claim(draw: Draw, files: Files) -> None:
    items, i = pick(draw, files, "claims")
    targets = [lst for lst in lists(files, "claims") if lst is not items]
    if targets:
        draw(st.sampled_from(targets)).append(items.pop(i))


def swap_neighbours(draw: Draw, files: Files) -> None:
    items, i = pick(draw, files)
    if i + 1 < len(items):
        items[i], items[i + 1] = items[i + 1], items[i]


def change_header(draw: Draw, files: Files) -> None:
    name = draw(st.sampled_from(sorted(n for n, d in files.items() if "claims" in d)))
    key = draw(st.sampled_from(["title", "summary", "order", "review_after_days"]))
    header = files[name]
    header[key] = changed_value(draw, header[key]) if key in header else 30


MUTATIONS = [
    delete_field,
    change_field,
    add_field,
    toggle_superseded,
    change_locator,
    add_entry,
    remove_entry,
    move_claim,
    swap_neighbours,
    change_header,
]


@st.composite
def edits(draw: Draw) -> tuple[Files, Files]:
    base = copy.deepcopy(_loaded(draw(st.sampled_from([MINI, FACTS]))))
    head = copy.deepcopy(base)
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        note(mutation.__name__)
        mutation(draw, head)
    return base, head


OPTIONS = RenderOptions(today=date(2026, 11, 24))


# The oracle: what readers get, without the diff code ----------------------------------------


def exported(folder: Path) -> dict[str, dict[str, str]] | None:
    """facts.json of the checked model, by kind and id; None when the facts do not validate."""
    try:
        briefing = check(folder)
    except FactsError:
        return None
    data = json.loads(facts_json(briefing, export_options(briefing, OPTIONS)))
    view: dict[str, dict[str, str]] = {"order": {"all": json.dumps(data, sort_keys=False)}}
    for kind in KINDS:
        view[kind] = {str(r["id"]): json.dumps(r, sort_keys=True) for r in data[kind]}
    view["topics"] = {t["slug"]: json.dumps(t, sort_keys=True) for t in data["topics"]}
    return view


def raw(folder: Path) -> dict[str, dict[str, str]]:
    """The loaded records by kind and id (claims with their topic), headers by topic."""
    view: dict[str, dict[str, str]] = {k: {} for k in (*KINDS, "topics", "order")}
    for doc in load_dir(folder).documents:
        key = LIST_KEYS[doc.kind]
        data = doc.data if isinstance(doc.data, dict) else {}
        items = data.get(key) if isinstance(data.get(key), list) else []
        for record in items:
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                where = {"topic": doc.slug} if key == "claims" else {}
                view[key][record["id"]] = json.dumps({**record, **where}, sort_keys=True)
        header = {k: v for k, v in data.items() if k != key}
        if doc.kind == "topic":
            view["topics"][doc.slug] = json.dumps(header, sort_keys=True)
        view["order"][doc.path.name] = json.dumps(data)
    return view


def differing(old: dict[str, dict[str, str]], new: dict[str, dict[str, str]]) -> set[str]:
    return {
        key
        for kind in (*KINDS, "topics")
        for key in set(old[kind]) | set(new[kind])
        if old[kind].get(key) != new[kind].get(key)
    }


# The test ---------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=E", "-c", "user.email=e@example.org", *args],
        check=True,
        capture_output=True,
    )


def write(folder: Path, files: Files) -> None:
    for path in folder.glob("*.yaml"):
        path.unlink()
    for name, data in files.items():
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
        (folder / name).write_text(text, encoding="utf-8")


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(change=edits())
def test_the_diff_names_everything_readers_see_change(tmp_path: Path, change: tuple[Files, Files]):
    base, head = change
    repo = Path(tempfile.mkdtemp(dir=tmp_path))
    facts = repo / "facts"
    facts.mkdir()
    git(repo, "init", "-q", "-b", "main")
    views = []
    for message, files in (("base", base), ("head", head)):
        write(facts, files)
        views.append((exported(facts), raw(facts)))
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--allow-empty", "-m", message)
    (old_json, old_raw), (new_json, new_raw) = views
    old, new = (old_json, new_json) if old_json and new_json else (old_raw, new_raw)
    out = {}
    for fmt in ("markdown", "json"):
        target = repo / f"diff.{fmt}"
        assert (
            main(
                [
                    "diff",
                    "HEAD~1",
                    "HEAD",
                    "--facts",
                    str(facts),
                    "--format",
                    fmt,
                    "--output",
                    str(target),
                ]
            )
            == 0
        )
        out[fmt] = target.read_text(encoding="utf-8")
    note(out["markdown"])
    if old == new:
        return
    assert "No change" not in out["markdown"]
    for key in differing(old, new):
        assert f"`{key}`" in out["markdown"], key
        assert json.dumps(key, ensure_ascii=False) in out["json"], key


def test_the_oracle_sees_an_invisible_edit_as_no_change(tmp_path: Path):
    """The oracle is not trivially "always different": the same facts give the same view."""
    for folder in (MINI, FACTS):
        write(tmp_path, copy.deepcopy(_loaded(folder)))
        assert exported(tmp_path) == exported(folder) is not None
        assert raw(tmp_path) == raw(folder)
