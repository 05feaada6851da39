"""What the pages need besides the facts: the build's date and time, the settings, and where
each fact file can be edited. Its own module so that the CLI can make one without importing
the renderer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from .settings import Settings


@dataclass(frozen=True)
class RenderOptions:
    """What the pages need besides the facts."""

    today: date = field(default_factory=date.today)
    edit_url: str | None = None  # e.g. https://github.com/OWNER/REPO/blob/main/
    # When each fact file last changed ({file name: date}); empty: the build date.
    updated: Mapping[str, date] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    generated_at: datetime | None = None  # the build's time (SOURCE_DATE_EPOCH)
