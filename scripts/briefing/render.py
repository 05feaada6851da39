"""Stage 4: the Briefing as Markdown pages (Jinja2 templates), plus the MkDocs nav.

Pure: takes the model, returns ``{relative path: text}``. Fact text is escaped by default
(Jinja2 autoescape); statements go through ``markup.to_html``, which lets only emphasis, code
and http(s) links through. Fact text never lands where Markdown would interpret it: pages put
it in raw HTML blocks, and the few Markdown contexts (headings, front matter) use ``md`` and
``yaml_str``, which neutralise every character Markdown or its extensions treat specially.

What each page shows is selected here, in Python; the templates only lay it out.
"""

from __future__ import annotations

import contextlib
import functools
import json
import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

from markupsafe import Markup, escape

from . import claimstable, markup, paging, parallel, tables, tracking, vocab
from .changelist import ChangeList, change_list
from .charts import ChartData, all_charts, key
from .chartsvg import chart_svg
from .dates import PartialDate, chronological_key, rfc3339
from .factdiff import FactDiff
from .freshness import Freshness, freshness
from .history import History
from .layout import (
    CLAIMS_INDEX,
    CLAIMS_PER_PAGE,
    DATA_FILES,
    GENERATED_DIR,
    ICONS_CSS,
    NAV_FILE,
    NOT_IN_NAV,
    PAGES,
    claims_page,
    entity_page,
    series_csv,
    topic_page,
)
from .listpages import ListPages
from .load import gc_paused
from .model import Briefing, Claim, Source, Topic
from .renderoptions import RenderOptions
from .updated import newest_fact, page_updated
from .urls import page_url, relative_url

TEMPLATES = Path(__file__).parent / "templates"
_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|:~^=$&\"'%@")
# Where a citation printed in the page puts the site's address when it is not known (no
# site_url): the claim's path follows, and briefing.js fills in the real address.
UNKNOWN_SITE = "[this site's address]"


def md(value: Any) -> Markup:
    """Text for a Markdown context: every character Markdown could act on becomes an entity."""
    text = " ".join(str(value).split())
    return Markup("".join(f"&#{ord(ch)};" if ch in _MD_SPECIAL else ch for ch in text))


def yaml_str(value: Any) -> Markup:
    """A double-quoted YAML scalar (JSON is YAML) for front matter and the nav file.

    MkDocs and Material print page titles and descriptions into <title>, the navigation and
    <meta> without escaping them, so the text is HTML-escaped here, before it leaves us.
    """
    text = str(escape(" ".join(str(value).split())))
    return Markup(json.dumps(text, ensure_ascii=False))


def json_ld(value: Any) -> Markup:
    """JSON for a <script type="application/ld+json"> block; cannot close the element."""
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def date_label(value: PartialDate | None, unknown: str = "undated") -> str:
    return value.display if value is not None else unknown


def long_date(value: date) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"


@dataclass(frozen=True)
class Citations:
    """A page's numbered sources: numbers by first appearance, and who cites each."""

    numbers: dict[str, int]
    citing: dict[str, list[Claim]]

    def of(self, claim: Claim) -> list[str]:
        """The claim's sources in the order of their numbers ([1][2][4], never [1][4][2])."""
        return sorted(claim.distinct_source_ids, key=self.numbers.__getitem__)


def number_citations(claims: Iterable[Claim]) -> Citations:
    numbers: dict[str, int] = {}
    citing: dict[str, list[Claim]] = {}
    for claim in claims:
        for source_id in claim.distinct_source_ids:
            numbers.setdefault(source_id, len(numbers) + 1)
            citing.setdefault(source_id, []).append(claim)
    return Citations(numbers, citing)


def timeline_key(claim: Claim) -> tuple[tuple[int, int, int], str]:
    """Oldest first; a year-only or month-only date after the fuller dates inside it."""
    assert claim.as_of is not None
    return (chronological_key(claim.as_of), claim.id)


def surely_recent(claim: Claim) -> tuple[date, tuple[int, int, int], str]:
    """Newest-first key for the few claims a summary picks: by the earliest day the claim's
    date allows, then as on the timeline."""
    assert claim.as_of is not None
    return (claim.as_of.earliest(), chronological_key(claim.as_of), claim.id)


@dataclass(frozen=True)
class Cite:
    """A claim's citation: "“statement” (status, as of …). Site, Topic. URL. Sources: …".
    briefing.js builds its CSL-JSON and BibTeX from these parts, read from the page, and
    from what the page's claims share (``page_csl``)."""

    statement: str  # plain text
    status: str  # "confirmed, as of March 2021"
    where: str  # the site and the topic
    url: str  # the claim's permanent address (relative when the site's address is unknown)
    shown: str  # the address as the plain-text citation gives it: absolute, or honest about it
    sources: str  # its sources, with publisher and date


class _Helpers:
    """What the templates may ask about the facts, for every page."""

    def __init__(self, briefing: Briefing, options: RenderOptions) -> None:
        self.briefing = briefing
        self.options = options
        self.placement = {c.id: briefing.head(c).topic for c in briefing.claims}
        self._fresh: dict[str, Freshness] = {}

    def fresh(self, claim: Claim) -> Freshness:
        tracking.note("claim", claim.id)  # what freshness reads, noted even when cached
        tracking.note("topic", claim.topic)
        for source_id in claim.source_ids:
            tracking.note("source", source_id)
        if claim.id not in self._fresh:
            self._fresh[claim.id] = freshness(
                self.briefing, claim, self.options.today, self.options.settings.review_after_days
            )
        return self._fresh[claim.id]

    def publishers(self, claim: Claim) -> int:
        """How many independent publishers back the claim: a copy counts as its original,
        and a source of unknown publisher cannot be shown to be independent."""
        return len(
            {
                " ".join(source.original.casefold().split())
                for source in self.briefing.sources_of(claim)
                if source.original
            }
        )

    def cited(self, claim: Claim, cites: Citations) -> list[tuple[Source, int, str | None]]:
        """The claim's sources as the page numbers them, in order, with their locators."""
        locators = {c.source: c.locator for c in reversed(claim.sources)}
        return [
            (self.briefing.source(sid), cites.numbers[sid], locators[sid])
            for sid in cites.of(claim)
        ]

    def weak(self, claim: Claim) -> bool:
        """Every source of the claim is undated or of unknown publisher."""
        return all(
            s.published is None or s.publisher is None for s in self.briefing.sources_of(claim)
        )

    def edit_link(self, claim: Claim) -> str | None:
        tracking.note("line", claim.id)
        if not self.options.edit_url or not claim.path:
            return None
        anchor = f"#L{claim.line}" if claim.line else ""
        return f"{self.options.edit_url.rstrip('/')}/{claim.path}{anchor}"

    def updated(self, topic: Topic | None = None) -> date:
        """When the topic's file (or, for None, any fact file) last changed."""
        path = None if topic is None else topic.path
        tracking.note("updated", "" if path is None else Path(path).name)
        return page_updated(self.options.updated, self.options.today, path)

    def claim_path(self, claim: Claim) -> str:
        """The claim's address from the site's root: ``briefing/topic/#claim-id``."""
        return f"{page_url(topic_page(self.placement[claim.id]))}#{claim.id}"

    def claim_url(self, claim: Claim, page: str) -> str:
        """The claim's permanent address: absolute when the site's address is known."""
        site_url = self.options.settings.site_url
        if site_url:
            return site_url + self.claim_path(claim)
        return relative_url(page, topic_page(self.placement[claim.id]), claim.id)

    def cite(self, claim: Claim, page: str) -> Cite:
        """How to cite the claim: plain text, in the page (briefing.js adds CSL-JSON)."""
        url = self.claim_url(claim, page)
        topic = self.briefing.topic(claim.topic)
        status = vocab.STATUS_BY_NAME[claim.status].label.lower()
        when = f", as of {claim.as_of.display}" if claim.as_of else ""
        sources = "; ".join(
            f"{s.title} ({s.publisher or 'publisher unknown'}, {date_label(s.published)})"
            for s in self.briefing.sources_of(claim)
        )
        settings = self.options.settings
        where = f"{settings.site_name}, {topic.title}"
        shown = url if settings.site_url else f"{UNKNOWN_SITE}/{self.claim_path(claim)}"
        return Cite(markup.to_plain(claim.statement), status + when, where, url, shown, sources)

    def page_csl(self, topic: Topic) -> str:
        """CSL-JSON that every claim of a topic page shares: its container, author, date."""
        settings = self.options.settings
        csl = {
            "container-title": f"{settings.site_name}: {topic.title}",
            "author": [{"literal": settings.feed_author}],
            "issued": {"date-parts": [list(self._updated_parts(topic))]},
        }
        return json.dumps(csl, ensure_ascii=False, sort_keys=True)

    def _updated_parts(self, topic: Topic) -> tuple[int, int, int]:
        updated = self.updated(topic)
        return (updated.year, updated.month, updated.day)

    @staticmethod
    def lang(text: str) -> str:
        """The language tag of a name: Chinese when it holds Han characters."""
        return "zh" if any("\u3400" <= ch <= "\u9fff" for ch in text) else "en"

    @staticmethod
    def newest_fact(claims: Iterable[Claim]) -> PartialDate | None:
        return newest_fact(claims)


class _Once(dict[str, Markup]):
    """Markup that is the same on every page that uses it (made from a macro module whose
    links suit those pages), made the first time a page asks for it. What making it read
    (tracking.py) is noted again at every look-up, so each page that shows it depends on it,
    not only the first."""

    def __init__(self, make: Callable[[str], Markup]) -> None:
        super().__init__()
        self.make = make
        self.deps: dict[str, tuple[tracking.Dep, ...]] = {}

    def __getitem__(self, key: str) -> Markup:
        value = self.get(key)
        if value is None:
            with tracking.recording() as deps:
                value = self[key] = self.make(key)
            self.deps[key] = tuple(deps)
        tracking.note_all(self.deps[key])
        return value


class _Renderer:
    def __init__(
        self,
        briefing: Briefing,
        options: RenderOptions,
        history: History,
        memo: tracking.PageMemo | None = None,
    ) -> None:
        # With a memo (the preview), pages see the briefing through a tracker and a page
        # whose inputs did not change since the last render keeps its text (tracking.py).
        self.memo = memo
        self.briefing = briefing  # for choosing what each page shows
        # ... and as the templates and their helpers see it (tracked in the preview)
        view = tracking.TrackedBriefing(briefing) if memo else briefing
        self.view = cast(Briefing, view)
        self.options = options
        self.history = history
        self.helpers = _Helpers(self.view, options)
        self.env = _environment()
        self.charts = all_charts(briefing)
        self.plan = paging.plan(briefing, options.settings.lines_per_page)
        placement = self.helpers.placement
        topic_titles = {t.slug: t.title for t in briefing.topics}
        self.source_pages: Mapping[str, str] = self.plan.source_page
        self.topic_titles: Mapping[str, str] = topic_titles
        self.digests: tracking.Digests | None = None
        if memo is not None:
            changed = options.updated
            updated = {
                "updated": lambda name: (
                    changed.get(name) if name else max(changed.values(), default=None)
                )
            }
            self.digests = tracking.Digests(briefing, placement, self.plan.source_page, updated)
            self.helpers.placement = tracking.TrackedMap("placement", placement)
            self.source_pages = tracking.TrackedMap("source-page", self.plan.source_page)
            self.topic_titles = tracking.TrackedMap("topic-title", topic_titles)
            memo.start(replace(options, updated={}))  # when each file changed: per page
        # A status label, a source's publisher and date, an entity's link: thousands of times
        # the same markup, made once from their macros (_macros.j2) instead of once per claim.
        self.labels: Mapping[str, Markup] = {}
        self.suffixes: Mapping[str, Markup] = {}
        self.source_facts: Mapping[str, Markup] = {}
        self.chips: Mapping[str, Markup] = {}
        self.references: Mapping[str, Markup] = {}
        self.endnotes: Mapping[str, Markup] = {}
        # The modules below see the maps as they are when made (empty ones before their turn):
        # the macros made once read no map made after them.
        macros = self.env.get_template("_macros.j2").make_module(self.context(""))
        view = self.view
        self.labels = _Once(macros.status_label)
        self.suffixes = _Once(macros.status_suffix)
        self.source_facts = _Once(lambda sid: macros.source_facts(view.source(sid)))
        # Chips and references link to entity and source pages: made as a topic page (every
        # one is in the same folder).
        on_topics = self.env.get_template("_macros.j2").make_module(self.context(topic_page("_")))
        self.chips = _Once(lambda eid: on_topics.entity_chip(view.entity(eid)))
        self.references = _Once(lambda sid: on_topics.reference(view.source(sid)))
        self.endnotes = _Once(lambda sid: macros.endnote(view.source(sid)))
        self._lines: dict[str, _Once] = {}

    def claim_lines(self, page: str) -> _Once:
        """A claim's line on the list pages (_lists.j2's claim_line), made once for every
        page that reaches the topic pages by the same relative link."""
        base = relative_url(page, topic_page("_"))
        lines = self._lines.get(base)
        if lines is None:
            module = self.env.get_template("_lists.j2").make_module(self.context(page))
            view = self.view
            lines = self._lines[base] = _Once(lambda cid: module.claim_line(view.claim(cid)))
        return lines

    def citations(self, claims: Sequence[Claim]) -> Citations:
        return number_citations(claims)

    def context(self, page: str, **extra: Any) -> dict[str, Any]:
        placement = self.helpers.placement
        source_pages = self.source_pages

        def link(to: str, anchor: str | None = None) -> str:
            return relative_url(page, PAGES.get(to, to), anchor)

        def doc_link(to: str) -> str:
            """A Markdown link target: relative to the source file, checked by MkDocs."""
            return posixpath.relpath(PAGES.get(to, to), posixpath.dirname(page) or ".")

        def claim_link(claim: Claim) -> str:
            return relative_url(page, topic_page(placement[claim.id]), claim.id)

        def abs_link(to: str, anchor: str | None = None) -> str:
            """An absolute address when the site's is known (feeds), else a relative one."""
            site_url = self.options.settings.site_url
            if not site_url:
                return link(to, anchor)
            return site_url + page_url(PAGES.get(to, to)) + (f"#{anchor}" if anchor else "")

        return {
            "briefing": self.view,
            "page": page,
            "options": self.options,
            "vocab": vocab,
            "statuses": vocab.STATUS_TERMS,
            "data_files": DATA_FILES,
            "status_term": vocab.STATUS_BY_NAME.__getitem__,
            "source_kind": functools.partial(vocab.label, vocab.SOURCE_KIND_TERMS),
            "h": self.helpers,
            "link": link,
            "abs_link": abs_link,
            "doc_link": doc_link,
            "claim_link": claim_link,
            "source_link": lambda source: relative_url(page, source_pages[source.id], source.id),
            "topic_link": lambda topic: relative_url(page, topic_page(topic.slug)),
            "entity_link": lambda entity_id: relative_url(page, entity_page(entity_id)),
            "topic_titles": self.topic_titles,
            "labels": self.labels,
            "suffixes": self.suffixes,
            "facts_of": self.source_facts,
            "chips": self.chips,
            "references_of": self.references,
            "endnote_of": self.endnotes,
            "line_of": lambda claim: self.claim_lines(page)[claim.id],
            "chart_svg": chart_svg,
            "chart_key": key,
            "claim_of": self.view.claim,
            "series_link": lambda series_id: relative_url(page, series_csv(series_id)),
            "as_written": tables.as_written,
            **extra,
        }

    def render(self, template: str, page: str, **extra: Any) -> str:
        if self.memo is None or self.digests is None:
            return self._render(template, page, extra)
        with tracking.recording() as deps:
            key = (template, tracking.arguments(extra))
        text = self.memo.get(page, key, self.digests)
        if text is None:
            with tracking.recording() as more:
                text = self._render(template, page, extra)
            self.memo.put(page, key, deps | more, text, self.digests)
        return text

    def _render(self, template: str, page: str, extra: Mapping[str, Any]) -> str:
        text: str = self.env.get_template(template).render(self.context(page, **extra))
        return text

    def pages(self) -> dict[str, str]:
        return parallel.run_here(*self.jobs())

    def jobs(self) -> tuple[list[parallel.Job], list[parallel.Job]]:
        """What renders every page, in two groups by what their pages share (parallel.py):
        the topic pages with the print edition and the single pages (a claim's freshness,
        citations and history), and the lists (a claim's line in a list and its plain text:
        Sources, Entities, Timeline, All claims)."""
        lists = ListPages(self, self.plan)
        topics: list[parallel.Job] = [
            functools.partial(self._topic_page, t) for t in self.briefing.topics
        ]
        topics.append(lists.print_edition)
        for name, build in self._page_builders().items():
            topics.append(functools.partial(_one_page, PAGES.get(name, name), build))
        listed: list[parallel.Job] = [
            lists.sources,
            lists.entities,
            lists.timeline,
            self.all_claims,
        ]
        return topics, listed

    def _topic_page(self, topic: Topic) -> dict[str, str]:
        return {topic_page(topic.slug): self.topic(topic)}

    def _page_builders(self) -> dict[str, Callable[[], str]]:
        return {
            "home": self.home,
            "data": self.data_page,
            "figures": self.figures_page,
            "whatsnew": self.whatsnew,
            DATA_FILES["feed"]: self.feed,
            "how-to-read": lambda: self.render("how-to-read.md.j2", PAGES["how-to-read"]),
            NAV_FILE: lambda: self.render(
                "nav.yml.j2", NAV_FILE, topic_page=topic_page, pages=PAGES, not_in_nav=NOT_IN_NAV
            ),
            ICONS_CSS: self.icons_css,
        }

    def topic(self, topic: Topic) -> str:
        page = topic_page(topic.slug)
        current = topic.current
        shown = self.briefing.with_history(current)
        placement = self.helpers.placement
        return self.render(
            "topic.md.j2",
            page,
            topic=topic,
            current=current,
            figures=[c for c in current if c.figure],
            moved=[c for c in topic.claims if not c.current and placement[c.id] != topic.slug],
            due=[c for c in current if self.helpers.fresh(c).due],
            review_after_days=topic.review_after_days or self.options.settings.review_after_days,
            cites=number_citations(shown),
            updated=self.helpers.updated(topic),
            newest=self.helpers.newest_fact(current),
            charts=[c for c in self.charts if self.chart_topic(c) == topic.slug],
        )

    def chart_topic(self, data: ChartData) -> str:
        """The topic page a chart goes on: where most of the claims it draws are shown."""
        topics = [self.helpers.placement[claim_id] for claim_id in data.claims]
        return max(sorted(set(topics)), key=topics.count) if topics else ""

    def home(self) -> str:
        glance = [(topic, self.key_claims(topic)) for topic in self.briefing.topics]
        current = self.briefing.current_claims
        pair = tables.latest_pair(self.briefing)
        paired = {p.claim.id for p in (pair.target, pair.actual) if p} if pair else set()
        return self.render(
            "home.md.j2",
            PAGES["home"],
            glance=glance,
            pair=pair,
            figures=self.key_figures(limit=4 if pair else 6, skip=paired),  # the pair takes two
            updated=self.helpers.updated(),
            newest=self.helpers.newest_fact(current),
        )

    def figures_page(self) -> str:
        return self.render(
            "figures.md.j2",
            PAGES["figures"],
            charts=self.charts,
            models=tables.models_table(self.briefing),
            targets=tables.target_tables(self.briefing),
        )

    def all_claims(self) -> dict[str, str]:
        """The All claims table (newest first) in pages, and its index and rows as JSON."""
        claims = claimstable.table_order(self.briefing)
        choices = claimstable.filter_choices(self.briefing, claims)
        out = claimstable.index_files(
            self.briefing, claims, choices, lambda slug: page_url(topic_page(slug))
        )
        size = CLAIMS_PER_PAGE
        count = max(1, -(-len(claims) // size))
        for number in range(1, count + 1):
            page = claims_page(number)
            out[page] = self.render(
                "claims.md.j2",
                page,
                rows=claims[(number - 1) * size : number * size],
                number=number,
                pages=[(n, relative_url(page, claims_page(n))) for n in range(1, count + 1)],
                total=len(claims),
                choices=choices,
                index_url=relative_url(page, CLAIMS_INDEX),
            )
        return out

    def data_page(self) -> str:
        settings = self.options.settings
        updated = long_date(self.helpers.updated())
        where = f", {settings.site_url}" if settings.site_url else ""
        cite_text = (
            f"{settings.feed_author}. {settings.site_name}: claims and sources (dataset), "
            f"version of {updated}{where}. Licensed {settings.license.id}."
        )
        return self.render(
            "data.md.j2",
            PAGES["data"],
            series_files=[(s, series_csv(s.id)) for s in self.briefing.series],
            cite_text=cite_text,
        )

    def whatsnew(self) -> str:
        return self.render(
            "whatsnew.md.j2",
            PAGES["whatsnew"],
            history=self.history,
            listed=self.listed,
            claim_ref=lambda item: self.claim_ref(PAGES["whatsnew"], item),
        )

    def feed(self) -> str:
        changes = self.history.changes
        when = (
            changes[0].when
            if changes
            else datetime(*self.options.today.timetuple()[:3], tzinfo=UTC)
        )
        return self.render(
            "feed.xml.j2",
            DATA_FILES["feed"],
            history=self.history,
            listed=self.listed,
            updated=rfc3339(when),
        )

    def listed(self, diff: FactDiff) -> ChangeList:
        """What a change lists on What's new and in the feed, long lists cut at 25."""
        return change_list(diff, limit=25)

    def icons_css(self) -> str:
        """Every icon as a CSS mask, so a label costs a class, not an inline SVG."""
        rules = []
        for path in sorted((TEMPLATES / "icons").glob("*.svg")):
            svg = " ".join(path.read_text(encoding="utf-8").split()).replace('"', "'")
            svg = svg.replace("#", "%23")
            rules.append(f'.bf-icon--{path.stem}{{--bf-icon:url("data:image/svg+xml,{svg}")}}')
        return "/* Written by the briefing generator from templates/icons/; do not edit. */\n" + (
            "\n".join(rules) + "\n"
        )

    def claim_ref(self, page: str, item: dict[str, Any]) -> Markup:
        """A claim of a past change: a link when it still exists, plain text otherwise."""
        text = escape(markup.to_plain(item["statement"]))
        if item["id"] not in self.helpers.placement:
            return Markup(text)
        url = relative_url(page, topic_page(self.helpers.placement[item["id"]]), item["id"])
        return Markup(f'<a href="{escape(url)}">{text}</a>')

    def key_claims(self, topic: Topic, limit: int = 4) -> list[Claim]:
        """The most recent current claims of a topic (undated ones last). "Most recent" is
        what is surely recent: a date known only to the year counts from the year's start,
        so "during 2026" never outranks 19 March 2026 here (the timeline, which lists
        everything, puts it after the year's dated items)."""
        current = topic.current
        dated = sorted((c for c in current if c.as_of), key=surely_recent, reverse=True)
        return (dated + [c for c in current if not c.as_of])[:limit]

    def key_figures(
        self, limit: int = 6, skip: frozenset[str] | set[str] = frozenset()
    ) -> list[Claim]:
        """The newest current claims with a figure (but those in ``skip``)."""
        current = [c for c in self.briefing.current_claims if c.figure and c.id not in skip]
        current.sort(
            key=lambda c: (chronological_key(c.as_of or PartialDate(0)), c.id), reverse=True
        )
        return current[:limit]


def _environment() -> Any:
    import jinja2  # here, not at the top: `briefing check` never renders

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        # A statement is shown on several pages (its topic, the timeline, sources,
        # entities): parse each once per render. typed: Markup and str differ here.
        inline=functools.lru_cache(maxsize=None, typed=True)(markup.to_html),
        plain=functools.lru_cache(maxsize=None, typed=True)(markup.to_plain),
        md=md,
        yaml_str=yaml_str,
        json_ld=json_ld,
        date=date_label,
        long_date=long_date,
        rfc3339=rfc3339,
        status_word=status_word,
        backlink_mark=backlink_mark,
    )
    return env


def _bytecode_cache() -> Any:
    """Compiled templates kept between runs (memo.template_folder): a fifth of a second less
    for every build. An entry is keyed by its template's text and written whole or not at
    all; one that cannot be read or written is passed over. None when the memo is off."""
    import jinja2

    from .memo import template_folder

    where = template_folder(jinja2.__version__)
    if where is None:
        return None

    class Cache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a damaged entry: compile the template again
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):  # a read-only folder: render all the same
                super().dump_bytecode(bucket)

    return Cache(str(where))


def backlink_mark(index: int, count: int) -> str:
    """The mark of a reference's back-link to the ``index``-th claim citing it, Wikipedia's
    way: "^" for the only one, then a, b, c … (numbers after z)."""
    if count == 1:
        return "^"
    return "abcdefghijklmnopqrstuvwxyz"[index] if index < 26 else str(index + 1)


def status_word(status: str) -> str:
    """A status as a word inside a sentence: "confirmed", "reported"."""
    return vocab.STATUS_BY_NAME[status].label.lower()


def _one_page(path: str, build: Callable[[], str]) -> dict[str, str]:
    return {path: build()}


def render_live(
    briefing: Briefing,
    options: RenderOptions,
    history: History,
    memo: tracking.PageMemo,
    first: Iterable[str] = (),
) -> tuple[dict[str, str], Callable[[], dict[str, str]]]:
    """The preview's render in two steps: the pages of topics ``first`` (those an edit
    touched, so the engine's server can show them at once), then a function that renders
    the rest (only the pages whose inputs changed, tracking.py)."""
    wanted = set(first)
    with gc_paused():
        renderer = _Renderer(briefing, options, history, memo)
        pages = {topic_page(t.slug): renderer.topic(t) for t in briefing.topics if t.slug in wanted}

    def rest() -> dict[str, str]:
        with gc_paused():
            return renderer.pages()

    return pages, rest


def render_pages(
    briefing: Briefing,
    options: RenderOptions | None = None,
    history: History | None = None,
    memo: tracking.PageMemo | None = None,
    *,
    more: Sequence[parallel.Job] = (),
) -> dict[str, str]:
    """Every generated page, keyed by its path under ``docs/``; with a memo of the last
    render, only the pages whose inputs changed are rendered again (tracking.py).
    ``more``: other files to make alongside (the data files)."""
    with gc_paused():  # see load.gc_paused: a tenth of the time on large briefings
        topics, listed = page_jobs(briefing, options, history, memo)
        return parallel.run_here(topics, listed, more)


def page_jobs(
    briefing: Briefing,
    options: RenderOptions | None = None,
    history: History | None = None,
    memo: tracking.PageMemo | None = None,
) -> tuple[list[parallel.Job], list[parallel.Job]]:
    """What renders every page, in two groups by what their pages share (``_Renderer.jobs``):
    a build renders the second in a forked process (pipeline.write_pages)."""
    history = history or History((), "No git history was given to this build.")
    return _Renderer(briefing, options or RenderOptions(), history, memo).jobs()


__all__ = [
    "GENERATED_DIR",
    "PAGES",
    "RenderOptions",
    "escape",
    "page_url",
    "relative_url",
    "render_live",
    "render_pages",
]
