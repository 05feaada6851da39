"""Every source address comes from the research notes, character for character (the
project's rule: no invented URL). The notes live beside the repository (../shared/research);
where they are absent, as on a machine with only the repository, there is nothing to compare."""

from __future__ import annotations

import re

import pytest
import yaml

from .conftest import FACTS, ROOT

NOTES = [ROOT.parent / "shared" / "research" / n for n in ("sources-found.md", "sources-2026.md")]
URL = re.compile(r"https?://[^\s|)>\]`\"]+")


def test_every_source_url_is_in_the_research_notes_as_written():
    if not all(path.exists() for path in NOTES):
        pytest.skip("the research notes are not beside this repository")
    noted = {url for path in NOTES for url in URL.findall(path.read_text(encoding="utf-8"))}
    sources = yaml.safe_load((FACTS / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    urls = {source["id"]: source["url"] for source in sources if source.get("url")}
    assert len(urls) > 60
    assert {sid: url for sid, url in urls.items() if url not in noted} == {}
