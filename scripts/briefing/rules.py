"""The validator's rules, one function each, listed at the end of this module.

A rule looks at one entry (a claim, a source, an entity or a series) and the index of every
entry, and yields the problems it finds. It declares what it reads (``needs``): a field
(``"as_of"``), a part of one (``"figure.unit"``) or a list judged item by item
(``"sources[]"``). When something it reads is missing or malformed (already reported as a
schema problem), the rule is skipped for that entry, or that item, and the skip is counted,
never silently lost. What a rule reads of *another* entry (a cited source's date, a series'
unit) must be sound too; when it is not, the rule yields ``Skip`` instead of judging this
entry on a guess, so a problem in one entry never lands on another. Rules over the whole
corpus (supersession chains, uncited sources, series points) are in ``corpus_rules.py``.
Adding a rule is adding a function and a line to ``ENTRY_RULES`` or ``CORPUS_RULES``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from . import markup
from .dates import parse_cached
from .entries import Entry, Found, Index, date_is_unknown, sound_date
from .errors import Code, Problem
from .figure_rules import (
    figure_is_as_written,
    figure_is_finite,
    figure_period_is_real,
    figure_point_fits_its_series,
    figure_series_is_known,
    figure_unit_fits_its_series,
)
from .kinds import EntryKind
from .layout import RESERVED_PREFIXES
from .scaffold import SOURCE_ID_PREFIX, claim_id_prefix, is_placeholder_text, is_skeleton_id
from .shape import did_you_mean
from .vocab import PRIMARY_SOURCE_KINDS

_LINK_TARGET = re.compile(r"\]\(\s*<?\s*([^)\s>]*)")
Check = Callable[[Entry, Index], Found]


@dataclass(frozen=True, slots=True)
class Rule:
    """A check of one kind of entry that reads what ``needs`` names."""

    kind: EntryKind
    needs: tuple[str, ...]
    check: Check

    @property
    def name(self) -> str:
        return self.check.__name__


# Shared pieces ---------------------------------------------------------------------------------
def dates_in_order(
    entry: Entry, earlier: str, later: str, code: Code, what: str, advice: str
) -> Found:
    """``later`` (a date field) is not wholly before ``earlier``; partial dates are given the
    benefit of the doubt (a month is judged by its last day against the other's first)."""
    first, second = sound_date(entry, earlier), sound_date(entry, later)
    if first and second and second.latest() < first.earliest():
        yield entry.problem(
            (later,), code, f"{later} {second.iso} is before {what} ({first.iso}); {advice}"
        )


def date_problem(entry: Entry, name: str) -> Problem | None:
    """A date field that is not a real date."""
    value = entry.get(name)
    if value is None:
        return None
    try:
        parsed = parse_cached(value)
    except ValueError as exc:
        return entry.problem((name,), Code.BAD_DATE, f"{name}: {exc}")
    if parsed.year < 1:  # the pattern lets 0000 through, but no calendar has a year 0
        return entry.problem((name,), Code.BAD_DATE, f"{name}: {value!r} is not a date (no year 0)")
    return None


def future_problem(entry: Entry, name: str, today: date) -> Problem | None:
    parsed = sound_date(entry, name)
    if parsed is None or parsed.earliest() <= today:
        return None
    advice = _FUTURE.get(name, "give a date that has passed")
    return entry.problem(
        (name,), Code.FUTURE_DATE, f"{name}: {parsed.iso} is in the future; {advice}"
    )


# What to write instead of a future date, by field.
_FUTURE = {
    "as_of": "give the time the claim describes as it is known today; a target or "
    "expectation is dated when it was stated (status 'forecast'), its period goes in its "
    "figure",
    "checked": "give the day you verified the claim (today at the latest)",
    "published": "give the date the source itself shows",
    "retrieved": "give the day you read the page (today at the latest)",
}


def real_date(entry: Entry, name: str, index: Index) -> Found:
    problem = date_problem(entry, name) or future_problem(entry, name, index.today)
    if problem:
        yield problem


def citation_problems(entry: Entry, index: Index) -> Found:
    """Unknown and repeated sources in an entry's ``sources`` list."""
    seen: set[str] = set()
    for source_id, pointer in entry.citations():
        known = index.knows("source", source_id)
        if known is False:
            yield entry.problem(
                pointer,
                Code.UNKNOWN_SOURCE,
                f"unknown source {source_id!r}{did_you_mean(source_id, index.by_id['source'])}; "
                "add it to facts/sources.yaml or fix the id",
            )
        elif source_id in seen:
            yield entry.problem(
                pointer,
                Code.DUPLICATE_CITATION,
                f"source {source_id!r} is cited twice by this "
                f"{'claim' if entry.kind == 'claim' else entry.kind}",
            )
        elif known is None:
            yield entry.skip()  # the sources file could not be read, or an id is missing there
        seen.add(source_id)


def entities_are_known(entry: Entry, index: Index, name: str) -> Found:
    """Each item of the list ``name`` is the id of an entity."""
    for j, entity_id in entry.items(name):
        known = index.knows("entity", entity_id)
        if known is None:
            yield entry.skip()
        elif not known:
            yield entry.problem(
                (name, j),
                Code.UNKNOWN_ENTITY,
                f"unknown entity {entity_id!r}{did_you_mean(entity_id, index.by_id['entity'])}; "
                "add it to facts/entities.yaml or fix the id",
            )


def placeholder_problem(entry: Entry, name: str, what_to_write: str) -> Problem | None:
    value = entry.get(name)
    if isinstance(value, str) and is_placeholder_text(value):
        return entry.problem(
            (name,), Code.PLACEHOLDER, f"{name} is still the skeleton's text; {what_to_write}"
        )
    return None


# Claims ----------------------------------------------------------------------------------------
def claim_id_is_free(entry: Entry, index: Index) -> Found:
    claim_id = entry.id or ""
    if claim_id.startswith(RESERVED_PREFIXES):
        yield entry.problem(
            ("id",),
            Code.BAD_ID,
            f"claim id {claim_id!r} starts with a prefix the pages use for their own anchors "
            f"({', '.join(RESERVED_PREFIXES)}); choose another id",
        )
    elif claim_id[-1:].isdigit() and is_skeleton_id(
        claim_id, map(claim_id_prefix, index.topics | {entry.doc.slug})
    ):
        yield entry.problem(
            ("id",),
            Code.PLACEHOLDER,
            f"id {claim_id!r} is the skeleton's numbered id; name the claim by what it says, "
            "e.g. 'xiaomi-su7-launch-2024' (it becomes the claim's permanent link)",
        )


def statement_is_written(entry: Entry, index: Index) -> Found:
    problem = placeholder_problem(
        entry, "statement", "write the claim as one sentence in your own words"
    )
    if problem:
        yield problem


def as_of_is_real(entry: Entry, index: Index) -> Found:
    yield from real_date(entry, "as_of", index)


def checked_is_real(entry: Entry, index: Index) -> Found:
    yield from real_date(entry, "checked", index)


def checked_not_before_as_of(entry: Entry, index: Index) -> Found:
    yield from dates_in_order(
        entry,
        "as_of",
        "checked",
        Code.CHECKED_BEFORE_AS_OF,
        "the claim's own date",
        "a claim can only be checked after the time it describes",
    )


def claim_citations_resolve(entry: Entry, index: Index) -> Found:
    yield from citation_problems(entry, index)


def as_of_not_after_sources(entry: Entry, index: Index) -> Found:
    claim_date = sound_date(entry, "as_of")
    if claim_date is None or claim_date.earliest() > index.today:
        return  # no date, or one that is impossible or in the future (reported as such)
    dated = []
    for source_id, _ in entry.citations():
        source = index.find("source", source_id)
        if source is None or date_is_unknown(source, "published"):
            yield entry.skip()  # a source whose date is unknown may be the latest one
            return
        published = sound_date(source, "published")
        if published is not None:
            dated.append(published)
    if entry.unsound_items("sources"):
        yield entry.skip()
    elif dated and claim_date > max(dated).truncate(claim_date.precision):
        latest = max(dated)
        yield entry.problem(
            ("as_of",),
            Code.AS_OF_AFTER_SOURCES,
            f"as_of {claim_date.iso} is later than every dated source (latest published "
            f"{latest.iso}); a claim cannot describe a time after its sources were written",
        )


def subjects_are_known(entry: Entry, index: Index) -> Found:
    yield from entities_are_known(entry, index, "subjects")


def statement_links_are_safe(entry: Entry, index: Index) -> Found:
    statement = entry.raw["statement"]
    if "[" not in statement and "](" not in statement:
        return  # no link syntax, nothing to parse (the usual case)
    for target in _LINK_TARGET.findall(statement) + markup.links(statement):
        if not markup.is_safe_url(target):
            yield entry.problem(
                ("statement",),
                Code.BAD_LINK,
                f"link target {target!r} is not an http(s) URL; statements may link only to "
                "http:// or https:// addresses",
            )
            return


def forecast_is_not_an_event(entry: Entry, index: Index) -> Found:
    if entry.raw["status"] == "forecast" and entry.raw["kind"] == "event":
        yield entry.problem(
            ("kind",),
            Code.KIND_CONTRADICTS_STATUS,
            "a forecast is about the future, so it cannot be an event: use kind 'state' (a "
            "target or expectation that holds until it changes) or 'view' (a source's judgement)",
        )


def confirmed_is_earned(entry: Entry, index: Index) -> Found:
    """'confirmed' needs a primary source, a relayed statement of a subject, or two publishers."""
    if entry.raw["status"] != "confirmed":
        return
    sources = [index.find("source", source_id) for source_id, _ in entry.citations()]
    unsound = entry.unsound_items("sources") or entry.unsound_items("subjects")
    if unsound or any(
        s is None or not s.ok("kind", "publisher", "copy_of", "relays") for s in sources
    ):
        yield entry.skip()  # an unknown or unsound source: reported elsewhere
        return
    subjects = {subject for _, subject in entry.items("subjects")}
    publishers = set()
    for source in sources:
        assert source is not None
        if source.raw.get("kind") in PRIMARY_SOURCE_KINDS:
            return
        if subjects.intersection(source.raw.get("relays") or ()):
            return
        publisher = source.raw.get("copy_of") or source.raw.get("publisher")
        if publisher:
            publishers.add(" ".join(str(publisher).casefold().split()))
    if len(publishers) >= 2:
        return
    yield entry.problem(
        ("status",),
        Code.STATUS_NOT_EARNED,
        "status 'confirmed' is not earned by these sources: cite a press release, official "
        "record, filing or statistical release, or a source whose `relays` names one of the "
        "claim's subjects, or a second independent publisher (a copy counts as its original); "
        f"otherwise use 'reported' (independent publishers found: {len(publishers)})",
    )


# Sources ---------------------------------------------------------------------------------------
def source_id_is_written(entry: Entry, index: Index) -> Found:
    if is_skeleton_id(entry.id or "", (SOURCE_ID_PREFIX,)):
        yield entry.problem(
            ("id",),
            Code.PLACEHOLDER,
            f"id {entry.id!r} is the skeleton's numbered id; name the source by publisher and "
            "subject, e.g. 'cnevpost-ndrc-approval'",
        )


def title_is_written(entry: Entry, index: Index) -> Found:
    problem = placeholder_problem(
        entry, "title", "copy the document's own title (or describe it when it has none)"
    )
    if problem:
        yield problem


def published_is_real(entry: Entry, index: Index) -> Found:
    yield from real_date(entry, "published", index)


def retrieved_is_real(entry: Entry, index: Index) -> Found:
    yield from real_date(entry, "retrieved", index)


def retrieved_not_before_published(entry: Entry, index: Index) -> Found:
    yield from dates_in_order(
        entry,
        "published",
        "retrieved",
        Code.RETRIEVED_BEFORE_PUBLISHED,
        "the source was published",
        "check both dates",
    )


def relayed_parties_are_known(entry: Entry, index: Index) -> Found:
    yield from entities_are_known(entry, index, "relays")


# Entities and series ---------------------------------------------------------------------------
def entity_citations_resolve(entry: Entry, index: Index) -> Found:
    yield from citation_problems(entry, index)


def target_series_is_known(entry: Entry, index: Index) -> Found:
    target_for = entry.get("target_for")
    if target_for is None:
        return
    known = index.knows("series", target_for)
    actual = index.find("series", target_for)
    if known is False:
        yield entry.problem(
            ("target_for",),
            Code.UNKNOWN_SERIES,
            f"target_for names unknown series {target_for!r}"
            f"{did_you_mean(target_for, index.by_id.get('series', {}))}",
        )
    elif actual is None or not actual.ok("unit"):
        yield entry.skip()  # that series' id or unit is unsound: reported there
    elif entry.raw["measure"] != "target" or actual.raw["unit"] != entry.raw["unit"]:
        yield entry.problem(
            ("target_for",),
            Code.SERIES_UNIT_MISMATCH,
            "target_for belongs on a series with measure 'target' and the same unit as the "
            f"series it sets targets for ({target_for!r})",
        )


_FIGURE_POINT = ("figure.series", "figure.period", "as_of", "subjects[]")
ENTRY_RULES: tuple[Rule, ...] = (
    Rule("claim", ("id",), claim_id_is_free),
    Rule("claim", ("statement",), statement_is_written),
    Rule("claim", ("as_of",), as_of_is_real),
    Rule("claim", ("checked",), checked_is_real),
    Rule("claim", ("as_of", "checked"), checked_not_before_as_of),
    Rule("claim", ("sources[]",), claim_citations_resolve),
    Rule("claim", ("as_of", "sources[]"), as_of_not_after_sources),
    Rule("claim", ("subjects[]",), subjects_are_known),
    Rule("claim", ("statement",), statement_links_are_safe),
    Rule("claim", ("status", "kind"), forecast_is_not_an_event),
    Rule("claim", ("status", "sources[]", "subjects[]"), confirmed_is_earned),
    Rule("claim", ("figure.value",), figure_is_finite),
    Rule("claim", ("figure.period",), figure_period_is_real),
    Rule(
        "claim",
        ("figure.value", "figure.scale", "figure.qualifier", "statement"),
        figure_is_as_written,
    ),
    Rule("claim", ("figure.series",), figure_series_is_known),
    Rule("claim", ("figure.series", "figure.unit"), figure_unit_fits_its_series),
    Rule("claim", _FIGURE_POINT, figure_point_fits_its_series),
    Rule("source", ("id",), source_id_is_written),
    Rule("source", ("title",), title_is_written),
    Rule("source", ("published",), published_is_real),
    Rule("source", ("retrieved",), retrieved_is_real),
    Rule("source", ("published", "retrieved"), retrieved_not_before_published),
    Rule("source", ("relays[]",), relayed_parties_are_known),
    Rule("entity", ("sources[]",), entity_citations_resolve),
    Rule("series", ("target_for", "measure", "unit"), target_series_is_known),
)
