"""The benchmark's synthetic briefing (``scripts/bench/generate``) passes ``briefing check`` and
keeps the shape that makes it a fair stand-in for real facts, so it cannot silently rot again
when the fact schema or the validator's rules change."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.generate import generate
from briefing import vocab
from briefing.load import load_dir
from briefing.validate import validate

from .conftest import run_briefing

CJK = re.compile("[\u4e00-\u9fff]")
MARKUP = {
    "emphasis": re.compile(r"(?<!\*)\*[^*\s][^*]*\*(?!\*)"),
    "strong": re.compile(r"\*\*[^*]+\*\*"),
    "code": re.compile(r"`[^`]+`"),
    "link": re.compile(r"\[[^\]]+\]\(https://"),
}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("bench") / "facts", 300).folder


def read(folder: Path, name: str, key: str) -> list[dict[str, Any]]:
    return yaml.load((folder / name).read_text("utf-8"), Loader=yaml.CSafeLoader)[key]


def claims_of(folder: Path) -> list[dict[str, Any]]:
    found = []
    for path in sorted(folder.glob("topic-*.yaml")):
        for claim in read(folder, path.name, "claims"):
            found.append({**claim, "topic": path.stem})
    return found


def test_the_small_set_passes_briefing_check(small: Path):
    done = run_briefing("check", "--facts", str(small))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "OK: 300 claims in 3 topics, 30 sources, 40 entities.\n"


@pytest.mark.slow
@pytest.mark.parametrize("claims", [1_000, 5_000, 10_000, 20_000])
def test_every_benchmark_size_passes_the_validator(tmp_path: Path, claims: int):
    made = generate(tmp_path / "facts", claims)
    corpus = load_dir(made.folder)
    assert [p.format() for p in validate(corpus)] == []
    assert sum(len(doc.data["claims"]) for doc in corpus.documents if doc.kind == "topic") == claims


def test_every_term_of_every_vocabulary_occurs(small: Path):
    claims = claims_of(small)
    figures = [c["figure"] for c in claims if "figure" in c]
    series = read(small, "series.yaml", "series")
    found = {
        "statuses": ({c["status"] for c in claims}, vocab.STATUSES),
        "claim kinds": ({c["kind"] for c in claims}, vocab.CLAIM_KINDS),
        "source kinds": ({s["kind"] for s in read(small, "sources.yaml", "sources")}, vocab.SOURCE_KINDS),
        "entity kinds": ({e["kind"] for e in read(small, "entities.yaml", "entities")}, vocab.ENTITY_KINDS),
        "units": ({f["unit"] for f in figures}, vocab.UNITS),
        "scales": ({f.get("scale", "one") for f in figures}, vocab.SCALES),
        "qualifiers": ({f.get("qualifier", "exact") for f in figures}, vocab.QUALIFIERS),
        "measures": ({s["measure"] for s in series}, vocab.MEASURES),
        "points per": ({s["per"] for s in series}, vocab.PERS),
    }  # fmt: skip
    assert {name: sorted(seen) for name, (seen, _) in found.items()} == {
        name: sorted(terms) for name, (_, terms) in found.items()
    }


def test_sources_copy_and_relay_and_entities_cite_sources(small: Path):
    sources = read(small, "sources.yaml", "sources")
    entities = read(small, "entities.yaml", "entities")
    assert any(s.get("copy_of") for s in sources)
    assert any(s.get("relays") for s in sources)
    assert all(e["sources"] for e in entities)
    assert any(CJK.search(e.get("native_name", "")) for e in entities)
    assert any(CJK.search(alias) for e in entities for alias in e.get("aliases", ()))
    assert any(not CJK.search(alias) for e in entities for alias in e.get("aliases", ()))


def test_series_have_points_and_every_point_period_is_its_series_kind(small: Path):
    series = {s["id"]: s for s in read(small, "series.yaml", "series")}
    points = Counter(
        c["figure"]["series"] for c in claims_of(small) if "series" in c.get("figure", {})
    )
    assert set(points) == set(series)
    assert any(s.get("target_for") in series for s in series.values())
    shapes = {"year": r"\d{4}", "quarter": r"\d{4}-Q[1-4]", "month": r"\d{4}-\d\d"}
    for claim in claims_of(small):
        figure = claim.get("figure", {})
        if "series" in figure and series[figure["series"]]["per"] in shapes:
            assert re.fullmatch(shapes[series[figure["series"]]["per"]], figure["period"])


def test_supersession_chains_within_and_across_topics_and_series(small: Path):
    claims = claims_of(small)
    by_id = {c["id"]: c for c in claims}
    superseded = [c for c in claims if "superseded_by" in c]
    assert any(by_id[c["superseded_by"]]["topic"] == c["topic"] for c in superseded)
    assert any(by_id[c["superseded_by"]]["topic"] != c["topic"] for c in superseded)
    assert any("series" in c.get("figure", {}) for c in superseded)  # a revised figure
    successors = Counter(c["superseded_by"] for c in superseded)
    assert any(c["id"] in successors and "superseded_by" in c for c in claims)  # chains of three


def test_statements_carry_markup_chinese_names_and_their_figures(small: Path):
    claims = claims_of(small)
    statements = [c["statement"] for c in claims]
    for name, pattern in MARKUP.items():
        assert any(pattern.search(s) for s in statements), name
    assert any(CJK.search(s) for s in statements)
    assert any("checked" in c for c in claims)
    assert {len(str(c["as_of"])) for c in claims if "as_of" in c} == {4, 7, 10}
    assert any("as_of" not in c for c in claims)


def test_the_same_size_and_seed_write_the_same_bytes(small: Path, tmp_path: Path):
    again = generate(tmp_path / "facts", 300).folder
    names = sorted(p.name for p in small.glob("*.yaml"))
    assert names == sorted(p.name for p in again.glob("*.yaml"))
    assert all((small / n).read_bytes() == (again / n).read_bytes() for n in names)
