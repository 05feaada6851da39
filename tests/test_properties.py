"""Properties of statement rendering, with Hypothesis: whatever an editor writes, the page gets
no element or attribute the statement did not ask for.

A statement may ask for ``em``, ``strong``, ``code`` and ``a`` with an http(s) ``href`` (plus
our ``rel``); everything else it contains must arrive as text. Checked on
``markup.to_html`` alone (any text at all) and through every generated page
(``render.render_pages`` on a small Briefing, valid statements only).
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import markup
from briefing.dates import PartialDate
from briefing.load import Corpus, load_dir
from briefing.model import Briefing, Citation, Claim, Entity, Figure, Source, Topic
from briefing.render import RenderOptions, render_pages
from briefing.validate import validate

from .conftest import MINI

TODAY = date(2026, 11, 24)
ALLOWED = {"em", "strong", "code", "a"}
REL = "nofollow noopener"

# Statements: text, markup and hostile fragments, glued together in any order.
PIECES = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=alert(1)>',
    "'><b>",
    "</p></article>",
    "<!--",
    "-->",
    "{{ 7*7 }}",
    "{% raw %}",
    '{ onclick="x" }',
    "{: #id .class }",
    "[x][1]",
    "[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "--8<-- ",
    ":material-alert:",
    "&lt;b&gt;",
    "&amp;",
    "&#60;",
    "\\*",
    "\\",
    "javascript:",
    " onmouseover=",
]
URLS = st.sampled_from(
    [
        "https://example.org/a",
        "HTTPS://Example.org/b?q=1&r=2",
        "http://example.org/c#frag",
        'https://example.org/"onmouseover="alert(1)',
        "https://example.org/'><svg/onload=alert(1)>",
        "https://example.org/&lt;x&gt;",
        "javascript:alert(1)",
        "data:text/html,x",
        "//evil.example.org",
        "example.org",
    ]
)
_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    min_size=0,
    max_size=12,
)
_PUNCTUATION = st.sampled_from(list("<>&\"'`*_[]()\\{}#!:|~=-%@$^ /;"))


def _fragment(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        _TEXT,
        _PUNCTUATION,
        st.sampled_from(PIECES),
        inner.map(lambda t: f"*{t}*"),
        inner.map(lambda t: f"**{t}**"),
        inner.map(lambda t: f"_{t}_"),
        inner.map(lambda t: f"`{t}`"),
        st.tuples(inner, URLS).map(lambda p: f"[{p[0]}]({p[1]})"),
    )


_INNER = st.lists(
    st.one_of(_TEXT, _PUNCTUATION, st.sampled_from(PIECES)), min_size=1, max_size=4
).map("".join)
STATEMENTS = st.lists(_fragment(_INNER), min_size=1, max_size=10).map("".join)


# Attributes whose value legitimately carries fact text, as data for briefing.js (what a
# topic page's citations share, as CSL-JSON): checked to parse as JSON, then compared as one
# placeholder so that a changed text is not mistaken for a changed element.
DATA_ATTRIBUTES = {"data-csl"}


def _normalised(attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    out = []
    for name, value in attrs:
        if name in DATA_ATTRIBUTES:
            assert isinstance(json.loads(value or "")["container-title"], str)  # never markup
            value = "<data>"
        out.append((name, value))
    return out


class Elements(HTMLParser):
    """Start tags with their attributes, and the text, of an HTML fragment or page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(_normalised(attrs)))))
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append(("<!--comment-->", ()))


def elements(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser


def assert_asked_for(tag: str, attrs: tuple[tuple[str, str | None], ...], statements: list[str]):
    """One element that markup may produce, and only if a statement asked for it."""
    assert tag in ALLOWED, (tag, attrs)
    joined = " ".join(statements)
    if tag != "a":
        assert attrs == (), (tag, attrs)
        marker = {"em": ("*", "_"), "strong": ("**",), "code": ("`",)}[tag]
        assert any(m in joined for m in marker), (tag, statements)
        return
    values = dict(attrs)
    assert set(values) == {"href", "rel"}, attrs
    assert values["rel"] == REL
    href = values["href"] or ""
    parts = urlsplit(href)
    assert parts.scheme.lower() in ("http", "https") and parts.netloc, href
    asked = {url.strip() for s in statements for url in markup.links(s)}
    assert href in asked, (href, asked)


def check_to_html(statement: str) -> None:
    out = str(markup.to_html(statement))
    parsed = elements(out)
    for tag, attrs in parsed.tags:
        assert_asked_for(tag, attrs, [statement])
    assert parsed.open == [], out  # every element it opens, it closes
    # Nothing is lost or added as text either: the visible text is the statement's own.
    assert "".join(parsed.text) == markup.to_plain(statement)


@settings(max_examples=300, deadline=None)
@given(STATEMENTS)
def test_to_html_emits_only_what_the_statement_asked_for(statement: str):
    check_to_html(statement)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_to_html_is_total_and_safe_on_any_text(text: str):
    check_to_html(text)


# Through the templates ----------------------------------------------------------------------
_BASE = load_dir(MINI, MINI.parent)
_PLANS = next(i for i, doc in enumerate(_BASE.documents) if doc.slug == "plans")


def is_valid(statement: str) -> bool:
    """What ``briefing check`` says of the statement in the mini fact set's first claim."""
    doc = _BASE.documents[_PLANS]
    data = dict(doc.data)
    data["claims"] = [dict(doc.data["claims"][0], statement=statement), *doc.data["claims"][1:]]
    documents = list(_BASE.documents)
    documents[_PLANS] = dataclasses.replace(doc, data=data)
    corpus = Corpus(_BASE.root, tuple(documents), _BASE.problems)
    return not validate(corpus, today=TODAY)


VALID_STATEMENTS = STATEMENTS.map(lambda s: " ".join(s.split())).filter(is_valid)

SOURCE = Source(
    id="s-one",
    title="A source",
    publisher="A publisher",
    url="https://example.org/source",
    published=PartialDate(2021, 3, 30),
    retrieved=PartialDate(2026, 11, 24),
    kind="news",
    notes=None,
)
ENTITY = Entity(id="e-one", name="An entity", kind="company")


def briefing_with(statements: list[str]) -> Briefing:
    """One topic: a claim per statement (the first with a figure and an earlier version)."""
    claims = [
        Claim(
            id=f"c-{i}",
            topic="topic",
            statement=statement,
            status="reported",
            sources=(Citation("s-one", "page 1"),),
            as_of=PartialDate(2021, 3),
            subjects=("e-one",),
            figure=Figure(1.5, "units") if i == 0 else None,
            path="facts/topic.yaml",
        )
        for i, statement in enumerate(statements)
    ]
    claims.append(
        Claim(
            id="c-earlier",
            topic="topic",
            statement=statements[-1],
            status="speculation",
            sources=(Citation("s-one"),),
            as_of=PartialDate(2021, 1),
            superseded_by="c-0",
            path="facts/topic.yaml",
        )
    )
    topic = Topic(slug="topic", title="Topic", summary="A summary.", claims=tuple(claims))
    return Briefing((SOURCE,), (ENTITY,), (topic,))


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates shared by every Environment: rendering, not compiling, is tested."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="module", autouse=True)
def _compiled_templates_once():
    cache = _MemoryBytecodeCache()
    original = jinja2.Environment.__init__

    def init(self, *args, **kwargs):
        kwargs.setdefault("bytecode_cache", cache)
        original(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Environment, "__init__", init)
        yield


def _pages(statements: list[str]) -> dict[str, Elements]:
    pages = render_pages(briefing_with(statements), RenderOptions(today=TODAY))
    # JSON files (the All claims rows) are data for briefing.js, never parsed as markup.
    return {path: elements(text) for path, text in pages.items() if not path.endswith(".json")}


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(st.lists(VALID_STATEMENTS, min_size=1, max_size=4))
def test_pages_hold_no_element_a_statement_did_not_ask_for(statements: list[str]):
    plain = [f"Statement number {i}." for i in range(len(statements))]
    baseline = _pages(plain)
    hostile = _pages(statements)
    assert baseline.keys() == hostile.keys()
    for path, page in hostile.items():
        before, after = Counter(baseline[path].tags), Counter(page.tags)
        assert before - after == Counter(), (path, "template elements lost or changed")
        for tag, attrs in (after - before).elements():
            assert_asked_for(tag, attrs, statements)
