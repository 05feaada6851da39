"""Stage 4: the Briefing as Markdown pages (Jinja2 templates), plus the MkDocs nav.

Pure: takes the model, returns ``{relative path: text}``. Fact text is escaped by default
(Jinja2 autoescape); statements go through ``markup.to_html``, which lets only emphasis, code
and http(s) links through. Fact text never lands where Markdown would interpret it: pages put
it in raw HTML blocks, and the few Markdown contexts (headings, front matter) use ``md`` and
``yaml_str``, which neutralise every character Markdown or its extensions treat specially.
"""

from __future__ import annotations

import functools
import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from . import markup
from .dates import PartialDate
from .history import History
from .layout import GENERATED_DIR, NAV_FILE, PAGES, topic_page
from .load import gc_paused
from .model import STATUSES, Briefing, Claim, Source, Topic

TEMPLATES = Path(__file__).parent / "templates"

STATUS_LABELS = {
    "confirmed": "Confirmed",
    "reported": "Reported",
    "disputed": "Disputed",
    "forecast": "Forecast",
    "speculation": "Speculation",
}
STATUS_MEANINGS = {
    "confirmed": "stated by the party concerned or an official record",
    "reported": "reported by media, not confirmed by the party concerned",
    "disputed": "reported, but denied or contradicted",
    "forecast": "an expectation, target or projection",
    "speculation": "conjecture, presented as such by the source",
}
# Where each page lives; links between pages are computed from these paths.
_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|:~^=$&\"'%@")


@dataclass(frozen=True)
class RenderOptions:
    """What the pages need besides the facts."""

    today: date = field(default_factory=date.today)
    edit_url: str | None = None  # e.g. https://github.com/OWNER/REPO/blob/main/


def page_url(page: str) -> str:
    """The directory URL MkDocs gives a page (``use_directory_urls``), without a leading /."""
    stem = page[: -len(".md")] if page.endswith(".md") else page
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/" if page.endswith(".md") else stem


def relative_url(from_page: str, to: str, anchor: str | None = None) -> str:
    """A link from ``from_page`` to page or file ``to`` that works on any host path."""
    return _page_link(from_page, to) + (f"#{anchor}" if anchor else "")


# Pages link to the same few targets thousands of times (every claim link, every citation),
# and relpath calls os.getcwd() twice per call: compute each pair once. Our paths are
# relative and never climb with "..", so the result does not depend on the working directory.
@functools.lru_cache(maxsize=16384)
def _page_link(from_page: str, to: str) -> str:
    here = page_url(from_page) if from_page.endswith(".md") else posixpath.dirname(from_page)
    here = here or "."
    target = page_url(to) if to.endswith(".md") else to
    rel = posixpath.relpath(target or ".", here.rstrip("/") or ".")
    if to.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return rel


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


def number(value: float) -> str:
    """26.275 → "26.275", 215900 → "215,900", 1e20 → "1e+20"."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = f"{value:,}"
    if isinstance(value, float) and "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return text


def date_label(value: PartialDate | None, unknown: str = "undated") -> str:
    return value.display if value is not None else unknown


class _Renderer:
    def __init__(self, briefing: Briefing, options: RenderOptions, history: History) -> None:
        self.briefing = briefing
        self.options = options
        self.history = history
        import jinja2  # here, not at the top: `briefing check` never renders

        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(
            # A statement is shown on several pages (its topic, the timeline, sources,
            # entities): parse each once per render. typed: Markup and str differ here.
            inline=functools.lru_cache(maxsize=None, typed=True)(markup.to_html),
            plain=functools.lru_cache(maxsize=None, typed=True)(markup.to_plain),
            md=md,
            yaml_str=yaml_str,
            json_ld=json_ld,
            number=number,
            date=date_label,
        )
        self.icons = {
            path.stem: Markup(
                path.read_text(encoding="utf-8")
                .strip()
                .replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
            )
            for path in sorted((TEMPLATES / "icons").glob("*.svg"))
        }
        self.placement = self._placements()

    def _placements(self) -> dict[str, str]:
        """The topic page each claim is shown on: its own, or its latest successor's."""
        placed: dict[str, str] = {}
        for claim in self.briefing.claims:
            head = claim
            seen = {claim.id}
            while head.superseded_by and head.superseded_by not in seen:
                seen.add(head.superseded_by)
                head = self.briefing.claim(head.superseded_by)
            placed[claim.id] = head.topic
        return placed

    # Helpers available to every template -------------------------------------------------
    def context(self, page: str, **extra: Any) -> dict[str, Any]:
        briefing = self.briefing

        def link(to: str, anchor: str | None = None) -> str:
            return relative_url(page, PAGES.get(to, to), anchor)

        def doc_link(to: str) -> str:
            """A Markdown link target: relative to the source file, checked by MkDocs."""
            return posixpath.relpath(PAGES.get(to, to), posixpath.dirname(page) or ".")

        def claim_link(claim: Claim) -> str:
            return relative_url(page, topic_page(self.placement[claim.id]), claim.id)

        def source_link(source: Source) -> str:
            return relative_url(page, PAGES["sources"], source.id)

        def topic_link(topic: Topic) -> str:
            return relative_url(page, topic_page(topic.slug))

        return {
            "briefing": briefing,
            "page": page,
            "options": self.options,
            "statuses": STATUSES,
            "status_labels": STATUS_LABELS,
            "status_meanings": STATUS_MEANINGS,
            "icons": self.icons,
            "link": link,
            "doc_link": doc_link,
            "claim_link": claim_link,
            "source_link": source_link,
            "topic_link": topic_link,
            "entity_link": lambda entity_id: link("entities", entity_id),
            "publishers": self.publishers,
            "is_stale": self.is_stale,
            "edit_link": self.edit_link,
            **extra,
        }

    def publishers(self, claim: Claim) -> int:
        """How many independent publishers back the claim (unknown ones count apart)."""
        names = set()
        for source_id in dict.fromkeys(claim.source_ids):
            source = self.briefing.source(source_id)
            names.add(source.publisher.casefold() if source.publisher else f"?{source.id}")
        return len(names)

    def is_stale(self, claim: Claim, topic: Topic) -> PartialDate | None:
        """The date that makes the claim out of date, or None when it is fresh enough."""
        age = claim.days_unchecked(self.options.today)
        if topic.review_after_days is None or age is None or age <= topic.review_after_days:
            return None
        return claim.last_checked

    def edit_link(self, claim: Claim) -> str | None:
        if not self.options.edit_url or not claim.path:
            return None
        anchor = f"#L{claim.line}" if claim.line else ""
        return f"{self.options.edit_url.rstrip('/')}/{claim.path}{anchor}"

    def citations(self, claims: Iterable[Claim]) -> dict[str, int]:
        """Citation numbers for a page: sources numbered by first appearance."""
        numbers: dict[str, int] = {}
        for claim in claims:
            for source_id in claim.source_ids:
                numbers.setdefault(source_id, len(numbers) + 1)
        return numbers

    def render(self, template: str, page: str, **extra: Any) -> str:
        return self.env.get_template(template).render(self.context(page, **extra))

    # Pages ----------------------------------------------------------------------------------
    def pages(self) -> dict[str, str]:
        briefing = self.briefing
        out: dict[str, str] = {}
        for topic in briefing.topics:
            page = topic_page(topic.slug)
            current = [c for c in topic.claims if c.superseded_by is None]
            shown = briefing.with_history(current)
            moved = [
                c for c in topic.claims if c.superseded_by and self.placement[c.id] != topic.slug
            ]
            stale = [c for c in current if self.is_stale(c, topic)]
            out[page] = self.render(
                "topic.md.j2",
                page,
                topic=topic,
                current=current,
                moved=moved,
                stale=stale,
                numbers=self.citations(shown),
            )
        glance = [(topic, self.key_claims(topic)) for topic in briefing.topics]
        out[PAGES["home"]] = self.render(
            "home.md.j2", PAGES["home"], glance=glance, figures=self.key_figures()
        )
        out[PAGES["sources"]] = self.render("sources.md.j2", PAGES["sources"])
        out[PAGES["timeline"]] = self.render(
            "timeline.md.j2", PAGES["timeline"], dated=self.timeline()
        )
        out[PAGES["entities"]] = self.render("entities.md.j2", PAGES["entities"])
        out[PAGES["data"]] = self.render("data.md.j2", PAGES["data"])
        out[PAGES["whatsnew"]] = self.render(
            "whatsnew.md.j2",
            PAGES["whatsnew"],
            history=self.history,
            limit=25,
            claim_ref=lambda item: self.claim_ref(PAGES["whatsnew"], item),
        )
        out["feed.xml"] = self.render(
            "feed.xml.j2",
            "feed.xml",
            history=self.history,
            limit=25,
            updated=(
                self.history.changes[0].when
                if self.history.changes
                else datetime(*self.options.today.timetuple()[:3], tzinfo=UTC)
            ).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        printed = briefing.with_history(c for topic in briefing.topics for c in topic.claims)
        out[PAGES["print"]] = self.render(
            "print.md.j2", PAGES["print"], numbers=self.citations(printed)
        )
        out[NAV_FILE] = self.render("nav.yml.j2", NAV_FILE, topic_page=topic_page)
        return out

    def claim_ref(self, page: str, item: dict[str, Any]) -> Markup:
        """A claim of a past change: a link when it still exists, plain text otherwise."""
        text = escape(markup.to_plain(item["statement"]))
        if item["id"] not in self.placement:
            return Markup(text)
        url = relative_url(page, topic_page(self.placement[item["id"]]), item["id"])
        return Markup(f'<a href="{escape(url)}">{text}</a>')

    def key_claims(self, topic: Topic, limit: int = 4) -> list[Claim]:
        """The most recent current claims of a topic (undated ones last)."""
        current = [c for c in topic.claims if c.superseded_by is None]
        dated = sorted(
            (c for c in current if c.as_of),
            key=lambda c: c.as_of,
            reverse=True,  # type: ignore[arg-type, return-value]
        )
        return (dated + [c for c in current if not c.as_of])[:limit]

    def key_figures(self, limit: int = 6) -> list[Claim]:
        current = [c for c in self.briefing.claims if c.figure and c.superseded_by is None]
        current.sort(key=lambda c: (c.as_of or PartialDate(0), c.id), reverse=True)
        return current[:limit]

    def timeline(self) -> list[Claim]:
        dated = [c for c in self.briefing.claims if c.as_of is not None]
        topic_rank = {t.slug: i for i, t in enumerate(self.briefing.topics)}
        return sorted(dated, key=lambda c: (c.as_of, topic_rank[c.topic], c.id))  # type: ignore[arg-type, return-value]


def render_pages(
    briefing: Briefing, options: RenderOptions | None = None, history: History | None = None
) -> dict[str, str]:
    """Every generated page, keyed by its path under ``docs/``."""
    history = history or History((), "No git history was given to this build.")
    with gc_paused():  # see load.gc_paused: a tenth of the time on large briefings
        return _Renderer(briefing, options or RenderOptions(), history).pages()


__all__ = ["GENERATED_DIR", "PAGES", "RenderOptions", "escape", "render_pages"]
