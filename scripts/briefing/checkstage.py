"""The first stages, load → validate → model: all that ``briefing check`` needs, so that it
imports nothing of rendering, export or the engines (pipeline.py goes on from here)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from .errors import FactsError
from .load import Document, load_dir
from .model import Briefing, build_model
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


def check(
    facts_dir: Path,
    *,
    today: date | None = None,
    lines: bool = False,
    read: Callable[[Path, Path], Document] | None = None,
) -> Briefing:
    """Load and validate; the model on success, ``FactsError`` with every problem otherwise."""
    corpus = load_dir(facts_dir, read=read)
    report = validate_report(corpus, today=today)
    if report.problems:
        raise FactsError(report.problems, report.notes())
    return build_model(corpus, claim_lines=lines)
