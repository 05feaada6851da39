"""Every engine (MkDocs, ProperDocs, Zensical) builds the real facts from the same mkdocs.yml,
and the site works in Chromium: status labels and citation previews on a topic page, search,
the timeline filter, nothing loaded from another origin, no console error.

An engine that cannot be installed fails here rather than being skipped: `make test`
installs every engine from its lock file.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from briefing.engines import ENGINES

from .browser import Watch, chromium, search, serve
from .conftest import ROOT, build, project_copy

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("engines")]
STATUSES = {"Confirmed", "Reported", "Disputed", "Forecast", "Speculation"}
# Where each engine writes its search index, and how it names the entries' text.
SEARCH_INDEX = {
    "mkdocs": ("search/search_index.json", "docs"),
    "properdocs": ("search/search_index.json", "docs"),
    "zensical": ("search.json", "items"),
}


# As the workflows build: the header links the repository, corrections open its fact files.
REPOSITORY = {
    "BRIEFING_REPO_URL": "https://github.com/example/xiaomi-ev-briefing",
    "BRIEFING_EDIT_URI": "blob/0123abc/docs/",
}


@pytest.fixture(scope="module", params=sorted(ENGINES))
def engine_site(request, tmp_path_factory) -> tuple[str, Path]:
    """The real facts built by one engine (each engine once per test session)."""
    engine = request.param
    assert ENGINES[engine].installed(), f"{engine} is not installed: run make test"
    project = project_copy(tmp_path_factory.mktemp(f"project-{engine}"))
    result = build(project, "--engine", engine, env=REPOSITORY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return engine, project / "site"


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def site_page(engine_site, browser):
    """A served copy of the engine's site, a fresh page and a watch on it."""
    engine, site = engine_site
    with serve(site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        watch = Watch(page, base)
        yield base, page, watch
        context.close()
    assert watch.errors == [], f"{engine}: console errors {watch.errors}"
    assert watch.foreign == [], f"{engine}: requests to other origins {watch.foreign}"


def test_the_real_facts_build_with_every_page(engine_site):
    engine, site = engine_site
    claims = json.loads((site / "facts.json").read_text())["claims"]
    topics = {claim["topic"] for claim in claims}
    html = "".join((site / "briefing" / t / "index.html").read_text() for t in sorted(topics))
    for claim in claims:  # superseded ones are shown under their successor, maybe elsewhere
        assert f'id="{claim["id"]}"' in html, (engine, claim["id"])
    assert html.count('class="bf-status ') >= len(claims)
    for page in ("timeline", "sources", "entities", "whats-new", "data", "print"):
        assert (site / "briefing" / page / "index.html").is_file(), (engine, page)
    for name in ("index.html", "404.html", "claims.csv", "feed.xml", "assets/briefing.js"):
        assert (site / name).is_file(), (engine, name)
    # Generator files that are not pages, and the preview's status, are never published.
    assert not (site / "briefing" / "nav.yml").exists()
    assert not (site / "preview-status.js").exists()


def test_the_search_index_holds_claims_but_not_the_repeating_pages(engine_site):
    engine, site = engine_site
    path, key = SEARCH_INDEX[engine]
    entries = json.loads((site / path).read_text())[key]
    locations = {entry["location"].split("#", 1)[0] for entry in entries}
    assert "briefing/partnerships/" in locations
    # `search: exclude` front matter: the timeline and print pages repeat the topic pages.
    assert "briefing/timeline/" not in locations
    assert "briefing/print/" not in locations
    assert any("Brilliance" in entry["text"] for entry in entries)
    # Charts and their tables are left out (data-search-exclude): their claims are indexed.
    assert "briefing/figures/" in locations
    for entry in entries:
        assert (
            "Bar chart, " not in entry["text"] and "The figures of the chart" not in entry["text"]
        )


def test_topic_page_shows_statuses_and_citation_previews(site_page):
    base, page, _ = site_page
    page.goto(base + "briefing/partnerships/")
    labels = page.locator("article.bf-claim .bf-status__text")
    assert labels.count() > 0
    assert {labels.nth(i).inner_text() for i in range(labels.count())} <= STATUSES
    cite = page.locator("a.bf-cite").first
    title = cite.get_attribute("data-title")
    cite.hover()
    page.locator(".bf-tip").wait_for()
    assert title in page.locator(".bf-tip").inner_text()
    page.mouse.move(0, 0)
    assert page.locator(".bf-tip").count() == 0
    cite.focus()
    assert title in page.locator(".bf-tip").inner_text()


def search_results(engine: str, page, query: str):
    """Type into the engine's search box; its results. Zensical has its own search dialog (a
    button opens it, in a shadow root, which Playwright's locators reach into)."""
    if engine != "zensical":
        return search(page, query)
    page.locator(".md-search__button").click()
    box = page.get_by_role("combobox", name="Search")
    results = page.get_by_role("listbox", name="Search results").get_by_role("option")
    for _ in range(20):
        box.fill(query)
        box.press("End")
        try:
            results.first.wait_for(timeout=1500)
            return results
        except Exception:  # the index was not loaded yet: type again
            continue
    raise AssertionError(f"search for {query!r} found nothing")


@pytest.mark.parametrize("query", ["Brilliance", "雷军"])
def test_search_finds_a_claim(engine_site, site_page, query):
    engine, _ = engine_site
    base, page, _ = site_page
    page.goto(base + "how-to-read/")
    results = search_results(engine, page, query)
    assert query in results.first.inner_text()
    results.first.click()  # to the page that holds it
    page.wait_for_url(lambda url: "/how-to-read/" not in url)
    page.wait_for_load_state()
    assert query in page.locator("article").first.inner_text()


def test_timeline_filter_hides_and_counts_without_reloading(site_page):
    base, page, _ = site_page
    page.goto(base + "briefing/timeline/")
    page.evaluate("window.__stayed = true")
    total = page.locator(".bf-timeline__item").count()
    views = page.locator(".bf-timeline__item[data-kind=view]").count()
    visible = "document.querySelectorAll('.bf-timeline__item:not([hidden])').length"
    assert total > 0 and page.evaluate(visible) == total - views  # views are not events
    page.locator("input[name=status][value=confirmed]").uncheck()
    confirmed = page.locator(
        ".bf-timeline__item[data-status=confirmed]:not([data-kind=view])"
    ).count()
    assert 0 < confirmed < total
    shown = total - views - confirmed
    assert page.evaluate(visible) == shown
    count = page.locator(".bf-filter__count").inner_text()
    assert count == f"{shown} of {total} claims shown, newest first"
    assert page.evaluate("window.__stayed") is True


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_failed_build_is_reported_and_keeps_the_last_good_site(tmp_path: Path, engine: str):
    project = project_copy(tmp_path)
    assert build(project, "--engine", engine).returncode == 0
    before = (project / "site" / "index.html").read_bytes()
    guide = project / "docs" / "contributing.md"
    guide.write_text(guide.read_text() + "\n[a link to nowhere](no-such-page.md)\n")
    result = build(project, "--engine", engine)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "no-such-page.md" in output
    assert "Traceback" not in output and "\x1b[" not in output
    assert output.strip().endswith("The site did not build: site/ is left as it was.")
    assert (project / "site" / "index.html").read_bytes() == before
    assert not list(project.glob(".briefing-*.yml"))  # the overlay went with the build


def make_dry_run(tmp_path: Path, *args: str) -> str:
    """What make would run on a machine without a virtualenv (nothing is run)."""
    result = subprocess.run(
        ["make", "--dry-run", *args, f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_make_installs_an_engine_on_first_use(tmp_path: Path, engine: str):
    site = make_dry_run(tmp_path, "site", f"ENGINE={engine}")
    assert f"--require-hashes --no-deps -r requirements-{engine}.lock" in site
    assert f"briefing build --engine {engine}" in site
    serve = make_dry_run(tmp_path, "serve", f"ENGINE={engine}", "ADDR=0.0.0.0:8001")
    assert f"-r requirements-{engine}.lock" in serve
    assert f"briefing serve --engine {engine} --dev-addr 0.0.0.0:8001" in serve


def test_make_defaults_to_mkdocs_and_make_test_installs_every_engine(tmp_path: Path):
    site = make_dry_run(tmp_path, "site")
    assert "briefing build --engine mkdocs" in site
    assert "requirements-zensical.lock" not in site and "requirements-properdocs.lock" not in site
    assert "briefing serve --engine mkdocs --dev-addr 127.0.0.1:8000" in make_dry_run(
        tmp_path, "serve"
    )
    test = make_dry_run(tmp_path, "test")
    for lock in ("test", "editor", "properdocs", "zensical"):
        assert f"--require-hashes --no-deps -r requirements-{lock}.lock" in test, lock


def test_every_lock_pins_the_runtime_packages_alike():
    """Each extra's lock is constrained by requirements.lock: shared packages match."""

    def pins(name: str) -> dict[str, str]:
        """name → version; a package pinned per Python version keeps its last pin."""
        text = (ROOT / name).read_text()
        return dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==([^ ;\\\n]+)", text, re.MULTILINE))

    runtime = pins("requirements.lock")
    for extra in ("test", "editor", "properdocs", "zensical"):
        locked = pins(f"requirements-{extra}.lock")
        shared = runtime.keys() & locked.keys()
        assert shared, extra
        assert {name: locked[name] for name in shared} == {n: runtime[n] for n in shared}, extra
    assert pins("requirements-zensical.lock")["zensical"] == "0.0.73"
    assert pins("requirements-properdocs.lock")["properdocs"].startswith("1.6.")


def test_the_repository_is_linked_without_asking_its_host(engine_site):
    """repo_url gives a header link and "Suggest a correction" links to the fact files, and
    no script asks GitHub's API about the repository (a request to another origin)."""
    engine, site = engine_site
    home = (site / "index.html").read_text()
    assert f'href="{REPOSITORY["BRIEFING_REPO_URL"]}"' in home, engine
    assert 'data-md-component="source"' not in home, engine
    topic = (site / "briefing" / "partnerships" / "index.html").read_text()
    edit = re.search(r'class="bf-edit[^"]*" href="([^"]+)"', topic)
    assert edit is not None, engine
    base = REPOSITORY["BRIEFING_REPO_URL"] + "/blob/0123abc/facts/partnerships.yaml#L"
    assert edit.group(1).startswith(base), (engine, edit.group(1))
