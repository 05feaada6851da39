"""Settings come from mkdocs.yml (read without the engine), with the environment as override."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.settings import Settings, load_settings

from .conftest import ROOT

CONFIG = """\
site_name: A briefing
site_url: !ENV [BRIEFING_SITE_URL, ""]
repo_url: !ENV [BRIEFING_REPO_URL, "https://github.com/owner/repo"]
edit_uri: {edit_uri}
docs_dir: {docs_dir}
theme:
  name: material
extra:
  briefing:
    feed_id: "tag:example.org,2026:feed"
    history_depth: 7
    review_after_days: 200
"""


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for name in (
        "BRIEFING_SITE_URL",
        "BRIEFING_REPO_URL",
        "BRIEFING_EDIT_URI",
        "BRIEFING_EDIT_URL",
    ):
        monkeypatch.delenv(name, raising=False)

    def write(edit_uri: str = "blob/main/docs/", docs_dir: str = "docs") -> Path:
        path = tmp_path / "mkdocs.yml"
        path.write_text(CONFIG.format(edit_uri=edit_uri, docs_dir=docs_dir), encoding="utf-8")
        return path

    return write


def test_correction_links_open_the_fact_files_beside_the_docs(config):
    settings = load_settings(config())
    assert settings.site_name == "A briefing"
    assert settings.repo_url == "https://github.com/owner/repo"
    assert settings.edit_url == "https://github.com/owner/repo/blob/main/"
    assert load_settings(config("edit/v2/site/", "site")).edit_url == (
        "https://github.com/owner/repo/edit/v2/"
    )


def test_the_environment_overrides_the_file(config, monkeypatch):
    monkeypatch.setenv("BRIEFING_SITE_URL", "https://fork.example.org/briefing")
    monkeypatch.setenv("BRIEFING_REPO_URL", "https://github.com/fork/repo")
    settings = load_settings(config())
    assert settings.site_url == "https://fork.example.org/briefing/"
    assert settings.edit_url == "https://github.com/fork/repo/blob/main/"
    monkeypatch.setenv("BRIEFING_EDIT_URL", "https://git.example.org/x/")
    assert load_settings(config()).edit_url == "https://git.example.org/x/"


def test_no_repository_means_no_correction_links(config, monkeypatch):
    monkeypatch.setenv("BRIEFING_REPO_URL", "")  # set, though empty: MkDocs reads it so too
    assert load_settings(config()).repo_url == ""
    assert load_settings(config()).edit_url is None
    monkeypatch.delenv("BRIEFING_REPO_URL")
    assert load_settings(config(edit_uri='""')).repo_url == "https://github.com/owner/repo"
    assert load_settings(config(edit_uri='""')).edit_url is None


def test_the_briefing_settings_are_read(config):
    settings = load_settings(config())
    assert settings.feed_id == "tag:example.org,2026:feed"
    assert settings.history_depth == 7
    assert settings.review_after_days == 200


def test_the_project_settings_are_the_defaults_written_down(monkeypatch):
    """mkdocs.yml and the typed defaults agree, so a missing file changes nothing."""
    for name in (
        "BRIEFING_SITE_URL",
        "BRIEFING_REPO_URL",
        "BRIEFING_EDIT_URI",
        "BRIEFING_EDIT_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    assert load_settings(ROOT / "mkdocs.yml") == Settings()
    assert load_settings(ROOT / "no-such-file.yml") == Settings()
