"""The stages in order: load → validate → model → render. Used by the CLI and the tests."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from .errors import FactsError
from .export import ExportOptions, data_files
from .frontmatter import check_front_matter
from .history import History, fact_history
from .layout import topic_page
from .load import load_dir
from .model import Briefing, Claim, build_model
from .output import WriteReport, write_generated
from .render import RenderOptions, page_url, render_pages
from .updated import last_changed
from .validate import validate_report


def build_time() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` for reproducible builds (UTC, whole seconds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit() and int(epoch) > 0:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


def build_date() -> date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    return build_time().date()


def check(facts_dir: Path, *, today: date | None = None, lines: bool = False) -> Briefing:
    """Load and validate; the model on success, ``FactsError`` with every problem otherwise."""
    corpus = load_dir(facts_dir)
    report = validate_report(corpus, today=today)
    if report.problems:
        raise FactsError(report.problems, report.notes())
    return build_model(corpus, claim_lines=lines)


def generate(
    briefing: Briefing, options: RenderOptions, history: History | None = None
) -> dict[str, str]:
    """Every file the generator owns under ``docs/``: pages, navigation and data."""
    files = render_pages(briefing, options, history)
    files.update(data_files(briefing, export_options(briefing, options)))
    return files


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
    files = generate(briefing, options, history)
    return RenderResult(briefing, write_generated(docs_dir, files))
