"""The stages in order: load → validate → model → render. Used by the CLI and the tests."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from . import parallel, render
from .checkstage import check
from .export import ExportOptions, data_files
from .frontmatter import check_front_matter
from .history import History, fact_history
from .layout import topic_page
from .load import Document, gc_paused, load_file
from .model import Briefing, Claim
from .output import WriteReport, merged, remove_stale, write_files, write_generated
from .render import RenderOptions, page_jobs, page_url, render_pages
from .tracking import PageMemo
from .updated import committed, head, last_changed


def generate(
    briefing: Briefing,
    options: RenderOptions,
    history: History | None = None,
    memo: PageMemo | None = None,
) -> dict[str, str]:
    """Every file the generator owns under ``docs/``: pages, navigation and data."""
    return render_pages(briefing, options, history, memo, more=[_export(briefing, options)])


def _export(briefing: Briefing, options: RenderOptions) -> Callable[[], dict[str, str]]:
    """What makes the data files (export.py)."""
    return functools.partial(data_files, briefing, export_options(briefing, options))


def write_pages(
    briefing: Briefing, options: RenderOptions, history: History, docs_dir: Path
) -> WriteReport:
    """``generate``'s files written into ``docs_dir`` (only those that changed) and nothing
    stale left; on two cores the lists and the data files are rendered and written by a
    forked process (parallel.py) while this one does the rest."""
    with gc_paused():
        topics, listed = page_jobs(briefing, options, history)
        keep = functools.partial(write_files, docs_dir)
        mine, theirs = parallel.run(topics, [*listed, _export(briefing, options)], keep)
    names = {rel for r in (mine, theirs) for rel in (*r.written, *r.unchanged)}
    return merged([mine, theirs, WriteReport((), (), remove_stale(docs_dir, names))])


def export_options(briefing: Briefing, options: RenderOptions) -> ExportOptions:
    site_url = options.settings.site_url

    def claim_url(claim: Claim) -> str:
        if not site_url:
            return ""
        page = topic_page(briefing.head(claim).topic)
        return f"{site_url}{page_url(page)}#{claim.id}"

    return ExportOptions(
        generated_at=options.generated_at or datetime(*options.today.timetuple()[:3], tzinfo=UTC),
        settings=options.settings,
        claim_url=claim_url,
        updated=options.updated,
    )


@dataclass(frozen=True)
class RenderResult:
    briefing: Briefing
    report: WriteReport


def render_to(facts_dir: Path, docs_dir: Path, options: RenderOptions) -> RenderResult:
    briefing = check(facts_dir, today=options.today, lines=options.edit_url is not None)
    check_front_matter(docs_dir)
    history = fact_history(facts_dir, options.settings.history_depth)
    if not options.updated:
        options = replace(options, updated=last_changed(facts_dir, options.today))
    return RenderResult(briefing, write_pages(briefing, options, history, docs_dir))


# From this many claims the preview writes an edited topic's page before the others: a
# rebuild of every changed page then takes seconds (at 10,000 claims, 2-3 s against 1 s),
# while on a small briefing one write and one rebuild is quicker and reloads the page once.
FIRST_PASS_CLAIMS = 2_000


@dataclass
class Live:
    """What the preview keeps from one render to the next, so that an edit costs what it
    touches: the fact files as last read, the facts' git history and dates (until the next
    commit), and the pages with what each was made from (tracking.PageMemo)."""

    memo: PageMemo = field(default_factory=PageMemo)
    files: dict[Path, tuple[tuple[int, int], Document]] = field(default_factory=dict)
    head: str | None = None
    history: History | None = None
    committed: dict[str, date] | None = None
    written: dict[str, str] = field(default_factory=dict)
    fresh: list[Document] = field(default_factory=list)  # files read anew this time

    def read(self, path: Path, base: Path) -> Document:
        """A fact file, read again only when its size or modification time changed."""
        try:
            stat = path.stat()
        except OSError:
            return load_file(path, base)
        key = (stat.st_mtime_ns, stat.st_size)
        known = self.files.get(path)
        if known is None or known[0] != key:
            known = self.files[path] = (key, load_file(path, base))
            self.fresh.append(known[1])
        return known[1]

    def git(self, facts_dir: Path, depth: int) -> History:
        """The facts' history and commit dates, read again only after a commit."""
        now = head(facts_dir)
        if self.history is None or now != self.head:
            self.head, self.history = now, fact_history(facts_dir, depth)
            self.committed = committed(facts_dir)
        return self.history


def render_live(
    facts_dir: Path,
    docs_dir: Path,
    options: RenderOptions,
    live: Live,
    write_first: Callable[[Callable[[], WriteReport]], WriteReport] | None = None,
) -> RenderResult:
    """``render_to`` for the preview: only what the edit touched is read, rendered, written.
    With ``write_first``, on a large briefing (``FIRST_PASS_CLAIMS``), the topic pages of the
    fact files that changed are written first, through it (the preview waits there for the
    engine's rebuild of them), then the rest; otherwise everything at once (one rebuild)."""
    lines = options.edit_url is not None
    live.fresh.clear()
    briefing = check(facts_dir, today=options.today, lines=lines, read=live.read)
    check_front_matter(docs_dir)
    history = live.git(facts_dir, options.settings.history_depth)
    if not options.updated:
        known = live.committed or {}
        options = replace(options, updated=last_changed(facts_dir, options.today, known))
    edited = {doc.slug for doc in live.fresh if doc.slug}
    first, rest = render.render_live(briefing, options, history, live.memo, edited)
    reports = []
    if live.written and write_first is not None and len(briefing.claims) >= FIRST_PASS_CLAIMS:
        first_files = {**live.written, **first}
        reports.append(write_first(lambda: write_generated(docs_dir, first_files, live.written)))
    files = {**rest(), **_export(briefing, options)()}
    reports.append(write_generated(docs_dir, files, unchanged=live.written))
    live.written = files
    return RenderResult(briefing, merged(reports))
