"""How current a claim is, told apart in three dates.

- *described*: the time the claim is about (its ``as_of``);
- *known*: when it became known, the newest date among its dated sources;
- *checked*: when an editor last verified that it still holds (``checked``).

Only claims of a reviewed kind (a *state*: a target, a plan, an approval awaited, a ranking)
can go out of date. They are due for review when their topic sets a review period and the
newest of *checked* and *known* (lacking both, *described*) is older than that period. An
event (a launch, a crash, a result) and a source's view never go stale, nor does a target
for a period that has ended (a point of a series whose measure is "target": once its year is
over, nothing can change it; the actual result is a claim of its own). Nothing here ever
says "last checked" about a claim nobody checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import PartialDate
from .model import Briefing, Claim
from .vocab import REVIEWED_KINDS


@dataclass(frozen=True, slots=True)
class Freshness:
    reviewed: bool  # a state claim on a topic with a review period
    review_after_days: int | None
    described: PartialDate | None
    known: PartialDate | None
    checked: PartialDate | None
    age_days: int | None  # days since the reference date, counted from the build date

    @property
    def reference(self) -> PartialDate | None:
        """The date the claim's currency is counted from."""
        return self.checked or self.known or self.described

    @property
    def due(self) -> bool:
        """A reviewed claim whose reference is older than its period (or has none at all)."""
        if not self.reviewed or self.review_after_days is None:
            return False
        return self.age_days is None or self.age_days > self.review_after_days

    def note(self) -> str:
        """What is true about the claim's last verification, in one phrase."""
        if self.checked:
            return f"Last checked {self.checked.display}"
        if self.known:
            return f"Not re-checked since its source of {self.known.display}"
        if self.described:
            return (
                f"Not re-checked; its sources are undated (it describes {self.described.display})"
            )
        return "Never checked; its sources are undated"

    def note_inline(self) -> str:
        """The note to follow a colon: "Due for review: not re-checked since…"."""
        note = self.note()
        return note[:1].lower() + note[1:]


def newest_source_date(briefing: Briefing, claim: Claim) -> PartialDate | None:
    dates = [s.published for s in briefing.sources_of(claim) if s.published is not None]
    return max(dates) if dates else None


def target_period_ended(briefing: Briefing, claim: Claim, today: date) -> bool:
    """A target (a point of a series measuring targets) whose period is over by ``today``."""
    figure = claim.figure
    if figure is None or figure.series is None or figure.period is None:
        return False
    measure = briefing.one_series(figure.series).measure
    return measure == "target" and figure.period.end < today


def freshness(
    briefing: Briefing, claim: Claim, today: date, default_period: int | None = None
) -> Freshness:
    """How current ``claim`` is on ``today``; ``default_period`` applies to topics with none."""
    period = briefing.topic(claim.topic).review_after_days or default_period
    known = newest_source_date(briefing, claim)
    reference = claim.checked or known or claim.as_of
    reviewed = (
        claim.kind in REVIEWED_KINDS
        and claim.current
        and period is not None
        and not target_period_ended(briefing, claim, today)
    )
    return Freshness(
        reviewed=reviewed,
        review_after_days=period,
        described=claim.as_of,
        known=known,
        checked=claim.checked,
        age_days=None if reference is None else (today - reference.latest()).days,
    )


def due_claims(
    briefing: Briefing, today: date, default_period: int | None = None
) -> list[tuple[Claim, Freshness]]:
    """Every current claim due for review, the longest unverified first."""
    due = [
        (claim, fresh)
        for claim in briefing.current_claims
        if (fresh := freshness(briefing, claim, today, default_period)).due
    ]
    return sorted(due, key=lambda item: (-(item[1].age_days or 10**9), item[0].id))
