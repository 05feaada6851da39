"""The site's published address (site_url): BRIEFING_SITE_URL, mkdocs.yml, else GitHub Pages'
address of the GitHub repository built; with it every page has a canonical link and og:url,
and the feed, the data files and the citations use absolute addresses."""

from __future__ import annotations

import csv
import os
import re
import subprocess
from pathlib import Path

import pytest

from briefing.githubrepo import actions_repository, pages_url, remote_repository
from briefing.settings import Settings, with_default_site_url

from .conftest import BRIEFING, MINI, project_copy

SITE_URL = "https://briefing.example.org/fork/"


@pytest.mark.parametrize(
    ("remote", "repository"),
    [
        ("https://github.com/Example-Owner/ev-briefing.git", "Example-Owner/ev-briefing"),
        ("https://github.com/example/ev-briefing", "example/ev-briefing"),
        ("git@github.com:example/ev.briefing.git", "example/ev.briefing"),
        ("ssh://git@github.com/example/ev-briefing.git\n", "example/ev-briefing"),
        ("https://gitlab.com/example/ev-briefing.git", None),
        ("/work/main", None),
        ("", None),
    ],
)
def test_the_github_repository_of_a_remote(remote, repository):
    assert remote_repository(remote) == repository


def test_github_pages_address_of_a_repository():
    assert pages_url("Example-Owner/ev-briefing") == "https://example-owner.github.io/ev-briefing/"
    assert pages_url("example/Example.github.io") == "https://example.github.io/"


def test_the_repository_of_a_github_actions_run():
    assert actions_repository({"GITHUB_REPOSITORY": "o/r"}) == "o/r"
    assert (
        actions_repository({"GITHUB_REPOSITORY": "o/r", "GITHUB_SERVER_URL": "https://github.com"})
        == "o/r"
    )
    # GitHub Enterprise Server publishes Pages elsewhere: no guess.
    env = {"GITHUB_REPOSITORY": "o/r", "GITHUB_SERVER_URL": "https://git.example.com"}
    assert actions_repository(env) is None
    assert actions_repository({}) is None


def test_a_set_address_wins_over_the_github_default():
    assert with_default_site_url(Settings(site_url=SITE_URL), "o/r").site_url == SITE_URL
    assert with_default_site_url(Settings(), "o/r").site_url == "https://o.github.io/r/"
    assert with_default_site_url(Settings(), None).site_url == ""


def child_env(**extra: str) -> dict[str, str]:
    """This environment without any site address of its own (CI sets GITHUB_REPOSITORY)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "BRIEFING_"))}
    return {**env, **extra}


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


def test_a_clone_of_a_github_repository_cites_its_pages_address(tmp_path: Path):
    project = project_copy(tmp_path, MINI)
    git(project, "init", "-q")
    git(project, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "facts")
    git(project, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "Facts")
    git(project, "remote", "add", "origin", "https://github.com/Example-Owner/ev-briefing.git")
    result = subprocess.run(
        [*BRIEFING, "render"], cwd=project, env=child_env(), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    home = "https://example-owner.github.io/ev-briefing/"
    feed = (project / "docs" / "feed.xml").read_text()
    links = re.findall(r'<link [^>]*href="([^"]+)"', feed)
    assert len(links) >= 3 and all(link.startswith(home) for link in links), links
    page = (project / "docs" / "briefing" / "plans.md").read_text()
    assert f'<span class="bf-cite-url">{home}briefing/plans/#plans-cars</span>' in page
    # BRIEFING_SITE_URL set empty: no address at all, and citations say so.
    env = child_env(BRIEFING_SITE_URL="")
    result = subprocess.run([*BRIEFING, "render"], cwd=project, env=env, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert home not in (project / "docs" / "feed.xml").read_text()
    page = (project / "docs" / "briefing" / "plans.md").read_text()
    assert '<span class="bf-cite-url">[this site&#39;s address]/briefing/plans/#plans-cars<' in page


@pytest.mark.slow
def test_with_a_site_url_every_page_is_canonical_and_the_feed_absolute(tmp_path: Path):
    project = project_copy(tmp_path, MINI)
    result = subprocess.run(
        [*BRIEFING, "build"],
        cwd=project,
        env=child_env(BRIEFING_SITE_URL=SITE_URL),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 10
    for path in pages:
        html = path.read_text()
        url = SITE_URL + path.parent.relative_to(site).as_posix() + "/"
        url = url.replace("/./", "/")
        assert f'<link rel="canonical" href="{url}">' in html, path
        assert f'<meta property="og:url" content="{url}">' in html, path
        assert (
            f'type="application/atom+xml" title="Xiaomi EV briefing: fact changes" href="{SITE_URL}feed.xml">'
            in html
        ), path
    feed = (site / "feed.xml").read_text()
    links = re.findall(r'<link [^>]*href="([^"]+)"', feed)
    assert links and all(link.startswith(SITE_URL) for link in links), links
    rows = list(csv.DictReader((site / "claims.csv").open(encoding="utf-8")))
    assert rows and all(row["url"].startswith(SITE_URL + "briefing/") for row in rows)
    plans = (site / "briefing" / "plans" / "index.html").read_text()
    assert f'<span class="bf-cite-url">{SITE_URL}briefing/plans/#plans-cars</span>' in plans
