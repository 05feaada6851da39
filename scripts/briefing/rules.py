"""The validator's rules, one function each, listed at the end of this module.

A rule looks at one entry (a claim, a source, an entity or a series) and the index of every
entry, and yields the problems it finds. It declares the fields it reads: when one of them is
missing or wrongly shaped (already reported as a schema problem), the rule is skipped for that
entry and the skip is counted, never silently lost. Rules over the whole corpus (supersession
chains, uncited sources, series points) come last. Adding a rule is adding a function and a
line to ``ENTRY_RULES`` or ``CORPUS_RULES``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from . import figtext, markup
from .dates import Period, parse_cached, parse_period
from .entries import Entry, Index, citation_ids, sound_date
from .errors import Code, Problem
from .kinds import EntryKind
from .layout import RESERVED_PREFIXES
from .scaffold import PLACEHOLDER_ID, PLACEHOLDER_TEXTS
from .shape import did_you_mean
from .vocab import PRIMARY_SOURCE_KINDS, QUALIFIER_WORDS

_LINK_TARGET = re.compile(r"\]\(\s*<?\s*([^)\s>]*)")
Check = Callable[[Entry, Index], Iterator[Problem]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A check of one kind of entry that reads the fields in ``needs``."""

    kind: EntryKind
    needs: tuple[str, ...]
    check: Check

    @property
    def name(self) -> str:
        return self.check.__name__


# Shared pieces ---------------------------------------------------------------------------------
def date_problem(entry: Entry, name: str) -> Problem | None:
    """A date field that is not a real date, or lies after today."""
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
    return entry.problem(
        (name,),
        Code.FUTURE_DATE,
        f"{name}: {parsed.iso} is in the future; facts describe what has happened (a target "
        "or expectation is a claim with status 'forecast')",
    )


def citation_problems(entry: Entry, index: Index) -> Iterator[Problem]:
    """Unknown and repeated sources in an entry's ``sources`` list."""
    seen: set[str] = set()
    for _, source_id, sub in citation_ids(entry.raw.get("sources")):
        pointer = ("sources", *sub)
        if index.knows("source", source_id) is False:
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
        seen.add(source_id)


def placeholder_problem(entry: Entry, name: str, what_to_write: str) -> Problem | None:
    value = entry.get(name)
    if isinstance(value, str) and " ".join(value.split()) in PLACEHOLDER_TEXTS:
        return entry.problem(
            (name,), Code.PLACEHOLDER, f"{name} is still the skeleton's text; {what_to_write}"
        )
    return None


# Claims ----------------------------------------------------------------------------------------
def claim_id_is_free(entry: Entry, index: Index) -> Iterator[Problem]:
    claim_id = entry.id or ""
    if claim_id.startswith(RESERVED_PREFIXES):
        yield entry.problem(
            ("id",),
            Code.BAD_ID,
            f"claim id {claim_id!r} starts with a prefix the pages use for their own anchors "
            f"({', '.join(RESERVED_PREFIXES)}); choose another id",
        )
    elif PLACEHOLDER_ID.fullmatch(claim_id):
        yield entry.problem(
            ("id",),
            Code.PLACEHOLDER,
            f"id {claim_id!r} is the skeleton's numbered id; name the claim by what it says, "
            "e.g. 'xiaomi-su7-launch-2024' (it becomes the claim's permanent link)",
        )


def statement_is_written(entry: Entry, index: Index) -> Iterator[Problem]:
    problem = placeholder_problem(
        entry, "statement", "write the claim as one sentence in your own words"
    )
    if problem:
        yield problem


def claim_dates_are_real(entry: Entry, index: Index) -> Iterator[Problem]:
    for name in ("as_of", "checked"):
        problem = date_problem(entry, name) or future_problem(entry, name, index.today)
        if problem:
            yield problem
    as_of, checked = sound_date(entry, "as_of"), sound_date(entry, "checked")
    if as_of and checked and checked.latest() < as_of.earliest():
        yield entry.problem(
            ("checked",),
            Code.CHECKED_BEFORE_AS_OF,
            f"checked {checked.iso} is before the claim's own date ({as_of.iso}); a claim can "
            "only be checked after the time it describes",
        )


def claim_citations_resolve(entry: Entry, index: Index) -> Iterator[Problem]:
    yield from citation_problems(entry, index)


def as_of_not_after_sources(entry: Entry, index: Index) -> Iterator[Problem]:
    claim_date = sound_date(entry, "as_of")
    if claim_date is None or claim_date.earliest() > index.today:
        return  # no date, or one in the future (reported as such)
    dated = []
    for _, source_id, _ in citation_ids(entry.raw.get("sources")):
        source = index.find("source", source_id)
        published = sound_date(source, "published") if source else None
        if published is not None:
            dated.append(published)
    if dated and claim_date > max(dated).truncate(claim_date.precision):
        latest = max(dated)
        yield entry.problem(
            ("as_of",),
            Code.AS_OF_AFTER_SOURCES,
            f"as_of {claim_date.iso} is later than every dated source (latest published "
            f"{latest.iso}); a claim cannot describe a time after its sources were written",
        )


def subjects_are_known(entry: Entry, index: Index) -> Iterator[Problem]:
    for j, subject in enumerate(entry.get("subjects") or ()):
        if index.knows("entity", subject) is False:
            yield entry.problem(
                ("subjects", j),
                Code.UNKNOWN_ENTITY,
                f"unknown entity {subject!r}{did_you_mean(subject, index.by_id['entity'])}; "
                "add it to facts/entities.yaml or fix the id",
            )


def statement_links_are_safe(entry: Entry, index: Index) -> Iterator[Problem]:
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


def forecast_is_not_an_event(entry: Entry, index: Index) -> Iterator[Problem]:
    if entry.raw["status"] == "forecast" and entry.raw["kind"] == "event":
        yield entry.problem(
            ("kind",),
            Code.KIND_CONTRADICTS_STATUS,
            "a forecast is about the future, so it cannot be an event: use kind 'state' (a "
            "target or expectation that holds until it changes) or 'view' (a source's judgement)",
        )


def confirmed_is_earned(entry: Entry, index: Index) -> Iterator[Problem]:
    """'confirmed' needs a primary source, a relayed statement of a subject, or two publishers."""
    if entry.raw["status"] != "confirmed":
        return
    sources = [index.find("source", sid) for _, sid, _ in citation_ids(entry.raw["sources"])]
    if any(s is None or not s.ok("kind", "publisher", "copy_of", "relays") for s in sources):
        return  # an unknown or unsound source: reported elsewhere, the rule cannot judge
    subjects = set(entry.get("subjects") or ())
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


def figure_is_finite(entry: Entry, index: Index) -> Iterator[Problem]:
    figure = entry.raw.get("figure")
    if figure and isinstance(figure["value"], float) and not math.isfinite(figure["value"]):
        yield entry.problem(
            ("figure", "value"),
            Code.BAD_VALUE,
            f"value: {figure['value']!r} is not a number a reader can use; write a finite number",
        )


def figure_is_as_written(entry: Entry, index: Index) -> Iterator[Problem]:
    """The value appears in the statement, with the qualifier's words before it."""
    figure = entry.raw.get("figure")
    if not figure or not math.isfinite(figure["value"]):
        return
    scale = figure.get("scale", "one")
    found = figtext.find(entry.raw["statement"], figure["value"], scale)
    qualifier = figure.get("qualifier", "exact")
    if not found:
        scale_words = "" if scale == "one" else f" followed by '{scale}'"
        yield entry.problem(
            ("figure", "value"),
            Code.FIGURE_NOT_IN_STATEMENT,
            f"value {figure['value']!r}{scale_words} does not appear in the statement; write "
            "the number in the statement as the source gives it and the same number here",
        )
    elif qualifier not in {w.qualifier for w in found}:
        said = found[0].qualifier
        words = "no qualifying words" if said == "exact" else f"'{said}' wording"
        expected = ", ".join(QUALIFIER_WORDS.get(qualifier, ("no qualifying words",)))
        yield entry.problem(
            ("figure",),
            Code.QUALIFIER_MISMATCH,
            f"qualifier {qualifier!r} does not match the statement, which has {words} before "
            f"{found[0].text}; set qualifier: {said}, or write the number as the source does "
            f"({expected})",
        )


def figure_fits_its_series(entry: Entry, index: Index) -> Iterator[Problem]:
    figure = entry.raw.get("figure")
    if not figure or "series" not in figure:
        return
    series = index.find("series", figure["series"])
    if series is None:
        if index.knows("series", figure["series"]) is False:
            yield entry.problem(
                ("figure", "series"),
                Code.UNKNOWN_SERIES,
                f"unknown series {figure['series']!r}"
                f"{did_you_mean(figure['series'], index.by_id.get('series', {}))}; "
                "add it to facts/series.yaml or fix the id",
            )
        return
    if not series.ok("unit", "per"):
        return
    if figure["unit"] != series.raw["unit"]:
        yield entry.problem(
            ("figure", "unit"),
            Code.SERIES_UNIT_MISMATCH,
            f"unit {figure['unit']!r} differs from the unit of series {figure['series']!r} "
            f"({series.raw['unit']!r}); one series uses one unit",
        )
    yield from _point_fits(entry, index, series)


def _point_fits(entry: Entry, index: Index, series: Entry) -> Iterator[Problem]:
    per = series.raw["per"]
    if per == "model":
        products = [s for s in entry.get("subjects") or () if _entity_kind(index, s) == "product"]
        if len(products) != 1:
            yield entry.problem(
                ("figure", "series"),
                Code.SERIES_PERIOD_MISMATCH,
                f"series {series.id!r} has one point per car model: name exactly one product "
                f"among the claim's subjects (found {len(products)})",
            )
        return
    period = point_period(entry)
    if period is None:
        if "period" not in entry.raw.get("figure", {}) and entry.raw.get("as_of") is None:
            yield entry.problem(
                ("figure",),
                Code.SERIES_PERIOD_MISMATCH,
                f'a point of series {series.id!r} needs a period: add period (e.g. "2025") '
                "or the claim's as_of",
            )
        return
    if period.precision != per:
        yield entry.problem(
            ("figure", "period") if "period" in entry.raw["figure"] else ("as_of",),
            Code.SERIES_PERIOD_MISMATCH,
            f"series {series.id!r} has one point per {per}, but this point covers a "
            f"{period.precision} ({period.display}); set figure period to a {per}",
        )


def _entity_kind(index: Index, entity_id: str) -> str | None:
    entity = index.find("entity", entity_id)
    return entity.raw.get("kind") if entity else None


def point_period(entry: Entry) -> Period | None:
    """The period a claim's figure covers (its period, or its as_of), when sound."""
    figure = entry.raw.get("figure") or {}
    value = figure.get("period", entry.get("as_of"))
    if value is None or isinstance(value, bool):
        return None
    try:
        return parse_period(value)
    except ValueError:
        return None


def figure_period_is_real(entry: Entry, index: Index) -> Iterator[Problem]:
    figure = entry.raw.get("figure")
    if not figure or figure.get("period") is None:
        return
    try:
        parse_period(figure["period"])
    except ValueError as exc:
        yield entry.problem(("figure", "period"), Code.BAD_DATE, f"period: {exc}")


# Sources ---------------------------------------------------------------------------------------
def source_is_filled_in(entry: Entry, index: Index) -> Iterator[Problem]:
    if PLACEHOLDER_ID.fullmatch(entry.id or ""):
        yield entry.problem(
            ("id",),
            Code.PLACEHOLDER,
            f"id {entry.id!r} is the skeleton's numbered id; name the source by publisher and "
            "subject, e.g. 'cnevpost-ndrc-approval'",
        )
    problem = placeholder_problem(
        entry, "title", "copy the document's own title (or describe it when it has none)"
    )
    if problem:
        yield problem


def source_dates_are_real(entry: Entry, index: Index) -> Iterator[Problem]:
    for name in ("published", "retrieved"):
        problem = date_problem(entry, name) or future_problem(entry, name, index.today)
        if problem:
            yield problem
    published, retrieved = sound_date(entry, "published"), sound_date(entry, "retrieved")
    if published and retrieved and retrieved.latest() < published.earliest():
        yield entry.problem(
            ("retrieved",),
            Code.RETRIEVED_BEFORE_PUBLISHED,
            f"retrieved {retrieved.iso} is before the source was published ({published.iso}); "
            "check both dates",
        )


def relayed_parties_are_known(entry: Entry, index: Index) -> Iterator[Problem]:
    for j, entity_id in enumerate(entry.get("relays") or ()):
        if index.knows("entity", entity_id) is False:
            yield entry.problem(
                ("relays", j),
                Code.UNKNOWN_ENTITY,
                f"unknown entity {entity_id!r}{did_you_mean(entity_id, index.by_id['entity'])}; "
                "add it to facts/entities.yaml or fix the id",
            )


# Entities and series ---------------------------------------------------------------------------
def entity_citations_resolve(entry: Entry, index: Index) -> Iterator[Problem]:
    yield from citation_problems(entry, index)


def target_series_is_known(entry: Entry, index: Index) -> Iterator[Problem]:
    target_for = entry.get("target_for")
    if target_for is None:
        return
    actual = index.find("series", target_for)
    if actual is None:
        yield entry.problem(
            ("target_for",),
            Code.UNKNOWN_SERIES,
            f"target_for names unknown series {target_for!r}"
            f"{did_you_mean(target_for, index.by_id.get('series', {}))}",
        )
    elif entry.raw.get("measure") != "target" or actual.raw.get("unit") != entry.raw.get("unit"):
        yield entry.problem(
            ("target_for",),
            Code.SERIES_UNIT_MISMATCH,
            "target_for belongs on a series with measure 'target' and the same unit as the "
            f"series it sets targets for ({target_for!r})",
        )


ENTRY_RULES: tuple[Rule, ...] = (
    Rule("claim", ("id",), claim_id_is_free),
    Rule("claim", ("statement",), statement_is_written),
    Rule("claim", ("as_of", "checked"), claim_dates_are_real),
    Rule("claim", ("sources",), claim_citations_resolve),
    Rule("claim", ("as_of", "sources"), as_of_not_after_sources),
    Rule("claim", ("subjects",), subjects_are_known),
    Rule("claim", ("statement",), statement_links_are_safe),
    Rule("claim", ("status", "kind"), forecast_is_not_an_event),
    Rule("claim", ("status", "sources", "subjects"), confirmed_is_earned),
    Rule("claim", ("figure",), figure_is_finite),
    Rule("claim", ("figure",), figure_period_is_real),
    Rule("claim", ("figure", "statement"), figure_is_as_written),
    Rule("claim", ("figure", "as_of", "subjects"), figure_fits_its_series),
    Rule("source", ("id", "title"), source_is_filled_in),
    Rule("source", ("published", "retrieved"), source_dates_are_real),
    Rule("source", ("relays",), relayed_parties_are_known),
    Rule("entity", ("sources",), entity_citations_resolve),
    Rule("series", ("target_for", "measure", "unit"), target_series_is_known),
)
