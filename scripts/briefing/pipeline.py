"""The stages in order: load → validate → model → render. Used by the CLI and the tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from .errors import FactsError
from .export import data_files
from .history import History, fact_history
from .load import load_dir
from .model import Briefing, build_model
from .output import WriteReport, write_generated
from .render import RenderOptions, render_pages
from .validate import validate


def build_date() -> date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit() and int(epoch) > 0:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def check(facts_dir: Path, *, today: date | None = None, lines: bool = False) -> Briefing:
    """Load and validate; the model on success, ``FactsError`` with every problem otherwise."""
    corpus = load_dir(facts_dir)
    problems = validate(corpus, today=today)
    if problems:
        raise FactsError(problems)
    return build_model(corpus, claim_lines=lines)


def generate(
    briefing: Briefing, options: RenderOptions, history: History | None = None
) -> dict[str, str]:
    """Every file the generator owns under ``docs/``: pages, navigation and data."""
    files = render_pages(briefing, options, history)
    files.update(data_files(briefing))
    return files


@dataclass(frozen=True)
class RenderResult:
    briefing: Briefing
    report: WriteReport


def render_to(facts_dir: Path, docs_dir: Path, options: RenderOptions) -> RenderResult:
    briefing = check(facts_dir, lines=options.edit_url is not None)
    history = fact_history(facts_dir)
    files = generate(briefing, options, history)
    return RenderResult(briefing, write_generated(docs_dir, files))
