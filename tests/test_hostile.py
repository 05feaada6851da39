"""Nothing dangerous reaches the page: a whole site built from facts full of payloads.

Every text field of the facts carries HTML, script, Jinja, MkDocs and Markdown tricks that the
validator lets through (they are only text). The built site is checked twice: statically
(every HTML file parsed: no event-handler attribute, no script: URL, no injected element) and
in Chromium (every page opened, citations hovered, search used: no dialog, ``window.__pwned``
never set, nothing in the live DOM). Payloads the validator must refuse are checked apart.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.errors import Code
from briefing.load import load_dir
from briefing.validate import validate

from .browser import Watch, browser_context, search, serve
from .conftest import MINI, build, project_copy

# Text the validator accepts: on the page each must show as the very same text.
PAYLOADS = {
    "script": "<script>window.__pwned=1</script>",
    "img": '<img src=x onerror="window.__pwned=1">',
    "svg": '"><svg onload=window.__pwned=1>',
    "svg-single": "'><svg/onload=window.__pwned=1>",
    "iframe": '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    "close-tags": "</p></article></div><script>window.__pwned=1</script>",
    "html-block": '<div onmouseover="window.__pwned=1" style="position:fixed;inset:0">x</div>',
    "comment": "<!-- <script>window.__pwned=1</script> -->",
    "style": "<style>body{display:none}</style>",
    "base": '<base href="https://evil.example.org/">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
    "jinja": "{{ 7*7 }}",
    "jinja-raw": "{% raw %}{{ 7*7 }}{% endraw %}{% if true %}x{% endif %}",
    "attr-list": '{ onclick="window.__pwned=1" }',
    "attr-list-colon": '{: onclick="window.__pwned=1" #evil .evil }',
    "md-reference": "[x][1] [1]: javascript:window.__pwned=1",
    "md-autolink": "<javascript:window.__pwned=1>",
    "md-image": "![x](https://evil.example.org/x.png)",
    "md-link-quotes": '[quoted](https://example.org/"onmouseover="window.__pwned=1)',
    "md-html-in-strong": "**<b onmouseover=window.__pwned=1>bold</b>**",
    "snippet": '--8<-- "/etc/passwd"',
    "emoji": ":material-alert: :smile:",
    "entities": "&lt;script&gt;window.__pwned=1&lt;/script&gt; &#60;b&#62;",
}
# Text the validator must refuse (so it never reaches a build).
REJECTED_LINKS = {
    "javascript": "[click](javascript:alert(1))",
    "javascript-mixed-case": "[click](JaVaScRiPt:alert(1))",
    "javascript-spaced": "[click]( javascript:alert(1))",
    "javascript-angle": "[click](<javascript:alert(1)>)",
    "data": "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "vbscript": "[click](vbscript:msgbox(1))",
    "file": "[click](file:///etc/passwd)",
    "scheme-less": "[click](evil.example.org)",
    "protocol-relative": "[click](//evil.example.org)",
    "entity-encoded": "[click](&#106;avascript:alert(1))",
}
REJECTED_URLS = (
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example.org/",
    "evil.example.org",
    'https://example.org/" onmouseover="alert(1)',
)
ALL_TEXT = " ".join(PAYLOADS.values())
PLAIN_TITLE = "Hostile input"
PLAIN_SUMMARY = "Every field of this page carries a payload."
BAD_URL = 'https://example.org/"><svg/onload=window.__pwned=1>'


def hostile_facts(folder: Path, *, title: str = PLAIN_TITLE, summary: str = PLAIN_SUMMARY) -> None:
    """Write a valid fact set with a payload in every text field."""
    folder.mkdir(parents=True)

    def dump(name: str, data: dict[str, Any]) -> None:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
        (folder / name).write_text(text, encoding="utf-8")

    dump(
        "sources.yaml",
        {
            "sources": [
                {
                    "id": "s-one",
                    "title": PAYLOADS["script"] + PAYLOADS["jinja"] + PAYLOADS["attr-list"],
                    "publisher": PAYLOADS["img"] + PAYLOADS["attr-list-colon"],
                    "url": BAD_URL,
                    "published": "2021-03-30",
                    "retrieved": "2026-11-24",
                    "kind": "news",
                    "copy_of": PAYLOADS["svg-single"] + PAYLOADS["attr-list"],
                    "relays": ["e-one"],
                    "notes": ALL_TEXT,
                },
                {
                    "id": "s-two",
                    "title": PAYLOADS["svg"] + PAYLOADS["entities"],
                    "publisher": PAYLOADS["md-reference"],
                    "url": "HTTPS://Example.org/two",
                    "published": None,
                    "retrieved": "2026-11-24",
                    "notes": PAYLOADS["html-block"] + PAYLOADS["snippet"],
                },
            ]
        },
    )
    dump(
        "entities.yaml",
        {
            "entities": [
                {
                    "id": "e-one",
                    "name": PAYLOADS["script"] + PAYLOADS["attr-list"],
                    "native_name": PAYLOADS["img"] + PAYLOADS["jinja"],
                    "kind": "company",
                    "aliases": [PAYLOADS["script"], PAYLOADS["md-reference"], "北汽"],
                    "description": ALL_TEXT[:600],
                    "website": BAD_URL,
                    "sources": [{"source": "s-one", "locator": PAYLOADS["img"][:200]}],
                },
                {
                    "id": "e-two",
                    "name": PAYLOADS["emoji"] + PAYLOADS["snippet"],
                    "kind": "person",
                    "description": PAYLOADS["svg-single"],
                    "sources": ["s-two"],
                },
            ]
        },
    )
    claims: list[dict[str, Any]] = [
        {
            "id": f"c-{name}",
            "statement": f"Payload {name}: {text} end.",
            "status": "reported",
            "kind": "event",
            "as_of": "2021",
            "sources": [{"source": "s-one", "locator": text[:200]}, "s-two"],
            "subjects": ["e-one", "e-two"],
            "tags": [name],
        }
        for name, text in PAYLOADS.items()
    ]
    claims += [
        {
            "id": "c-figure",
            "statement": "About 1.5 million cars, " + PAYLOADS["img"] + PAYLOADS["attr-list"],
            "status": "reported",
            "kind": "event",
            "as_of": "2021",
            "sources": ["s-one"],
            "figure": {
                "value": 1.5,
                "scale": "million",
                "unit": "vehicles",
                "qualifier": "about",
                "series": "payload-series",
            },
        },
        {
            "id": "c-latest",
            "statement": "Latest: *see* [the **report**](https://example.org/a) `<b>code</b>`.",
            "status": "confirmed",
            "kind": "state",
            "as_of": "2021-03",
            "sources": ["s-one"],
            "subjects": ["e-one"],
        },
        {
            "id": "c-earlier",
            "statement": "Earlier: " + PAYLOADS["svg"],
            "status": "reported",
            "kind": "state",
            "as_of": "2021-01",
            "sources": [{"source": "s-one", "locator": PAYLOADS["close-tags"]}],
            "superseded_by": "c-latest",
        },
    ]
    dump(
        "payloads.yaml",
        {
            "title": title,
            "summary": summary,
            "order": 1,
            "review_after_days": 30,
            "claims": claims,
        },
    )
    dump(
        "series.yaml",
        {
            "series": [
                {
                    "id": "payload-series",
                    "title": PAYLOADS["script"] + PAYLOADS["jinja"],
                    "unit": "vehicles",
                    "measure": "actual",
                    "per": "year",
                    "description": PAYLOADS["img"] + PAYLOADS["md-reference"],
                }
            ]
        },
    )
    dump(
        "more.yaml",
        {
            "title": title + " (more)",
            "summary": summary,
            "order": 2,
            "claims": [
                {
                    "id": "m-current",
                    "statement": PAYLOADS["entities"] + " " + PAYLOADS["md-html-in-strong"],
                    "status": "forecast",
                    "kind": "state",
                    "sources": ["s-two"],
                },
                {
                    "id": "m-moved",
                    "statement": "Moved: " + PAYLOADS["script"],
                    "status": "speculation",
                    "kind": "view",
                    "as_of": "2021-02",
                    "sources": ["s-one"],
                    "superseded_by": "c-latest",
                },
            ],
        },
    )


def build_hostile(root: Path, **texts: str) -> Path:
    project = project_copy(root, MINI)
    shutil.rmtree(project / "facts")
    hostile_facts(project / "facts", **texts)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_EDIT_URL", "https://github.com/example/briefing/blob/main/")
        result = build(project)
    if result.returncode != 0:
        pytest.fail(result.stdout + result.stderr)
    return project / "site"


# Built once per worker: the tests that use it are all in the "browser" xdist group.
@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile"))


# Static checks: every built HTML file ------------------------------------------------------
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
FORBIDDEN_TAGS = {"img", "iframe", "object", "embed", "style", "base", "frame", "template"}
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


class Dangers(HTMLParser):
    """Everything in an HTML file that could run or load something a fact put there."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = f"line {self.getpos()[0]}: <{tag}>"
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"{where} element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{where} {name}={value!r}")
            if name in URL_ATTRIBUTES and value and SCRIPT_URL.match(value):
                self.found.append(f"{where} {name}={value!r}")
            if name == "http-equiv":
                self.found.append(f"{where} http-equiv")
            if name in ("id", "class") and value and "evil" in value.split():
                self.found.append(f"{where} {name}={value!r} (attr_list applied)")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "__pwned" in data:
            self.found.append(f"line {self.getpos()[0]}: script holding a payload")


def dangers(site: Path) -> dict[str, list[str]]:
    found = {}
    for path in sorted(site.rglob("*.html")):
        parser = Dangers()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.found:
            found[path.relative_to(site).as_posix()] = parser.found
    return found


def test_every_payload_passes_validation(tmp_path: Path):
    """The built set really holds the payloads: none was refused (or silently dropped)."""
    hostile_facts(tmp_path / "facts")
    assert validate(load_dir(tmp_path / "facts", tmp_path), today=date(2026, 11, 24)) == []


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_no_built_html_carries_a_live_payload(hostile_site: Path):
    assert dangers(hostile_site) == {}


@pytest.mark.slow
@pytest.mark.xdist_group("browser")
def test_payloads_stay_text_in_the_data_files(hostile_site: Path):
    data = json.loads((hostile_site / "facts.json").read_text(encoding="utf-8"))
    statements = {c["id"]: c["statement"] for c in data["claims"]}
    for name, text in PAYLOADS.items():
        assert statements[f"c-{name}"] == f"Payload {name}: {text} end."
    assert "root:x:0:0" not in "".join(p.read_text() for p in hostile_site.rglob("*.html"))


@pytest.mark.parametrize("link", REJECTED_LINKS.values(), ids=REJECTED_LINKS.keys())
def test_dangerous_statement_links_are_refused(facts_dir, link: str):
    claim = (
        "  - id: plans-link\n    statement: 'See "
        + link.replace("'", "''")
        + ".'\n    status: reported\n    kind: event\n    sources: [wire-copy]\n"
    )
    folder = facts_dir()
    plans = folder / "plans.yaml"
    text = plans.read_text(encoding="utf-8")
    plans.write_text(text + claim, encoding="utf-8")
    problems = validate(load_dir(folder, folder.parent), today=date(2026, 11, 24))
    statement_line = text.count("\n") + 2
    assert [(p.code, p.line) for p in problems] == [(Code.BAD_LINK, statement_line)], problems


@pytest.mark.parametrize("url", REJECTED_URLS)
def test_dangerous_source_urls_are_refused(facts_dir, url: str):
    sources = (MINI / "sources.yaml").read_text(encoding="utf-8")
    old = "url: https://stats.example.org/2023"
    line = sources[: sources.index(old)].count("\n") + 1
    folder = facts_dir({"sources.yaml": sources.replace(old, "url: " + json.dumps(url), 1)})
    problems = validate(load_dir(folder, folder.parent), today=date(2026, 11, 24))
    assert [(p.code, p.line) for p in problems] == [(Code.BAD_URL, line)], problems


@pytest.mark.slow
def test_topic_titles_and_summaries_are_inert_in_title_nav_and_meta(tmp_path: Path):
    site = build_hostile(
        tmp_path,
        title=PAYLOADS["script"] + PAYLOADS["jinja"],
        summary=PAYLOADS["svg"] + " " + PAYLOADS["img"],
    )
    assert dangers(site) == {}


# In the browser ----------------------------------------------------------------------------
DOM_DANGERS = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) found.push(el.tagName + " " + name);
      if (/^\\s*(javascript|vbscript|data):/i.test(attr.value)
          && ["href", "src", "action", "formaction", "xlink:href", "data"].includes(name)) {
        found.push(el.tagName + " " + name + "=" + attr.value);
      }
    }
    if (["IMG", "IFRAME", "OBJECT", "EMBED", "BASE"].includes(el.tagName)) found.push(el.tagName);
  }
  return found;
}"""


def pages(site: Path) -> Iterator[str]:
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        yield rel[: -len("index.html")] if rel.endswith("index.html") else rel


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_no_payload_runs_in_the_browser(hostile_site: Path):
    urls = list(pages(hostile_site))
    assert len(urls) >= 10
    with serve(hostile_site) as base, browser_context() as context:
        dialogs: list[str] = []
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        watch = Watch(page, base)
        for url in urls:
            page.goto(base + url)
            page.wait_for_load_state("load")
            for cite in page.locator("a.bf-cite").all()[:6]:  # citation previews (JS)
                cite.hover()
                cite.focus()
            page.mouse.move(5, 5)
            assert page.evaluate("() => window.__pwned") is None, url
            assert page.evaluate(DOM_DANGERS) == [], url
        # The statements read exactly as written: no Jinja, Markdown or entity expansion.
        page.goto(base + "briefing/payloads/")
        for name in ("jinja", "jinja-raw", "attr-list", "snippet", "emoji", "entities"):
            text = page.locator(f"h3#c-{name}.bf-claim__statement").text_content()
            # The heading ends with the claim's status, for screen readers and search.
            assert text == f"Payload {name}: {PAYLOADS[name]} end. — Reported", text
        assert (
            "49" not in page.locator("article.bf-claim", has=page.locator("#c-jinja")).inner_text()
        )
        page.locator("a.bf-cite").first.hover()
        assert page.locator("#bf-tip strong").inner_text().startswith("<script>")
        # Material's search renders results from the index: they must stay text too.
        results = search(page, "pwned")
        assert results.count() >= 1
        assert page.evaluate("() => window.__pwned") is None
        assert page.evaluate(DOM_DANGERS) == []
        assert dialogs == []
        assert watch.foreign == [], watch.foreign
        assert watch.errors == [], watch.errors
        page.close()
