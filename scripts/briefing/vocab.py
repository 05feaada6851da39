"""Every closed vocabulary of the facts, with its labels and meanings: the one owner.

The JSON Schemas (``schemas/*.schema.json``) repeat these terms as ``enum`` with
``enumDescriptions`` so that editors' tools can complete them; a test checks that the schemas
say exactly what this module says. The model, the validator's messages, the templates, the
skeletons of ``briefing new`` and the How to read page all take them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal


@dataclass(frozen=True, slots=True)
class Term:
    """One value of a vocabulary: what editors write, what readers read, what it means."""

    name: str
    label: str
    meaning: str
    standard: str = ""  # a comparable standard readers may know (statuses only)


def _names(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(term.name for term in terms)


# Claim statuses --------------------------------------------------------------------------------
Status = Literal["confirmed", "reported", "disputed", "forecast", "speculation"]
STATUS_TERMS: Final = (
    Term(
        "confirmed",
        "Confirmed",
        "Stated by the party concerned or shown by an official record (a press release, "
        "filing, official page or statistical release, or a report that carries the party's "
        "own statement), or reported by at least two independent publishers.",
        '"Confirmed by other independent sources" (NATO/Admiralty credibility 1); on the record.',
    ),
    Term(
        "reported",
        "Reported",
        "Reported by the media, often from unnamed sources, and not confirmed by the party "
        "concerned.",
        '"Probably true" (credibility 2); single-source or unconfirmed reporting.',
    ),
    Term(
        "disputed",
        "Disputed",
        "Reported, but denied or contradicted by a party concerned or another credible source.",
        '"Doubtful" (credibility 4); a denied report.',
    ),
    Term(
        "forecast",
        "Forecast",
        "A target, expectation or projection about the future; a later claim records what "
        "happened.",
        "Estimative language: a judgement about the future, not a fact.",
    ),
    Term(
        "speculation",
        "Speculation",
        "Conjecture that the source itself presents as speculation.",
        '"Cannot be judged" (credibility 6); kept only because the source said it.',
    ),
)
STATUSES: Final[tuple[Status, ...]] = (
    "confirmed",
    "reported",
    "disputed",
    "forecast",
    "speculation",
)
STATUS_BY_NAME: Final[dict[str, Term]] = {term.name: term for term in STATUS_TERMS}
# How strongly a status asserts its claim, for flagging a status raised with no new source.
# Three tiers: speculation, forecast and disputed (0) < reported (1) < confirmed (2). Moving
# between statuses of one tier is a change but not a raise.
STATUS_RANK: Final[dict[str, int]] = {
    "speculation": 0,
    "forecast": 0,
    "disputed": 0,
    "reported": 1,
    "confirmed": 2,
}

# What a claim is about ------------------------------------------------------------------------
ClaimKind = Literal["event", "state", "view"]
CLAIM_KIND_TERMS: Final = (
    Term(
        "event",
        "Event",
        "Something that happened at a time: an announcement, a launch, a crash, a recall, a "
        "result or a figure for a period that has ended. It never goes out of date.",
    ),
    Term(
        "state",
        "State",
        "A situation that holds until it changes: a target, a plan, an approval awaited, a "
        "ranking, a role or an expectation. It is reviewed on its topic's review period.",
    ),
    Term(
        "view",
        "View",
        "A source's own judgement, opinion or background framing, attributed to it. It is "
        "kept out of the timeline's chronology.",
    ),
)
CLAIM_KINDS: Final = _names(CLAIM_KIND_TERMS)
# Kinds whose claims can go out of date and are reviewed.
REVIEWED_KINDS: Final = frozenset({"state"})

# Sources ----------------------------------------------------------------------------------------
SOURCE_KIND_TERMS: Final = (
    Term("news", "News", "A news report or article."),
    Term(
        "press-release",
        "Press release",
        "A statement issued by the company or organisation itself.",
    ),
    Term("official", "Official", "A government or regulator's own page or record."),
    Term(
        "filing",
        "Filing",
        "A stock-exchange or regulatory filing by the company itself.",
    ),
    Term(
        "data",
        "Data",
        "A statistical release by the body that compiles the statistics.",
    ),
    Term("analysis", "Analysis", "Commentary, research or market analysis."),
)
SOURCE_KINDS: Final = _names(SOURCE_KIND_TERMS)
# Kinds that are themselves the party's statement or an official record.
PRIMARY_SOURCE_KINDS: Final = frozenset({"press-release", "official", "filing", "data"})

# Entities ---------------------------------------------------------------------------------------
ENTITY_KIND_TERMS: Final = (
    Term("company", "Company", "A company or group of companies."),
    Term("person", "Person", "A person."),
    Term("government-body", "Government body", "A ministry, commission or regulator."),
    Term(
        "international-body",
        "International body",
        "An intergovernmental organisation, e.g. the International Energy Agency.",
    ),
    Term(
        "association",
        "Association",
        "An industry association, e.g. the carmakers' association that publishes statistics.",
    ),
    Term("market", "Market", "A market, e.g. China's car market."),
    Term("product", "Product", "A product, e.g. a car model."),
)
ENTITY_KINDS: Final = _names(ENTITY_KIND_TERMS)

# Figures ----------------------------------------------------------------------------------------
UNIT_TERMS: Final = (
    Term("vehicles", "vehicles", "Cars or vehicles sold, delivered, built or recalled."),
    Term("vehicles-per-year", "vehicles a year", "A production capacity."),
    Term("orders", "orders", "Orders, pre-orders or locked orders."),
    Term("CNY", "yuan", "Chinese yuan (renminbi)."),
    Term("USD", "US dollars", "United States dollars."),
    Term("percent", "%", "A percentage."),
    Term("years", "years", "A number of years."),
)
UNITS: Final = _names(UNIT_TERMS)
# Units written before the number ("USD 10 billion"), the rest after it ("10 vehicles").
CURRENCY_UNITS: Final = frozenset({"CNY", "USD"})

SCALE_TERMS: Final = (
    Term("one", "", "The value is the number itself."),
    Term("thousand", "thousand", "The value is in thousands."),
    Term("million", "million", "The value is in millions."),
    Term("billion", "billion", "The value is in billions."),
)
SCALES: Final = _names(SCALE_TERMS)
SCALE_FACTORS: Final[dict[str, int]] = {
    "one": 1,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}

# A qualifier says how exact the source's number is; its words are what the statement must
# show right before the number (checked by the validator; printed on cards and in data).
QUALIFIER_TERMS: Final = (
    Term("exact", "", "The number as stated, with no qualifier."),
    Term("about", "about", "An approximate number: about, around, roughly, some."),
    Term("more-than", "more than", "A lower bound: more than, over, above, just over."),
    Term("at-least", "at least", "An inclusive lower bound: at least, no fewer than."),
    Term("up-to", "up to", "An upper bound: up to, as many as."),
    Term("fewer-than", "fewer than", "An upper bound: fewer than, less than, under, below."),
    Term("almost", "almost", "Just below the number: almost, nearly, close to, just under."),
)
QUALIFIERS: Final = _names(QUALIFIER_TERMS)
QUALIFIER_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "about": ("about", "around", "roughly", "approximately", "some", "an estimated"),
    "more-than": ("more than", "over", "above", "just over", "in excess of", "exceeding"),
    "at-least": ("at least", "no fewer than", "no less than"),
    "up-to": ("up to", "as many as", "as much as"),
    "fewer-than": ("fewer than", "less than", "under", "below"),
    "almost": ("almost", "nearly", "close to", "just under", "approaching"),
}

# Series of figures ------------------------------------------------------------------------------
MEASURE_TERMS: Final = (
    Term("actual", "Actual", "What happened: a result, a count, a share."),
    Term("target", "Target", "What someone aimed for: a goal set in advance."),
)
MEASURES: Final = _names(MEASURE_TERMS)
PER_TERMS: Final = (
    Term("year", "per year", "One point per calendar year (period YYYY)."),
    Term("quarter", "per quarter", "One point per quarter (period YYYY-Qn)."),
    Term("month", "per month", "One point per month (period YYYY-MM)."),
    Term("model", "per model", "One point per car model (the claim's product subject)."),
)
PERS: Final = _names(PER_TERMS)


def label(terms: tuple[Term, ...], name: str) -> str:
    """The reader's word for ``name`` in ``terms`` (the name itself when unknown)."""
    return next((term.label for term in terms if term.name == name), name)


def meaning(terms: tuple[Term, ...], name: str) -> str:
    return next((term.meaning for term in terms if term.name == name), "")


# Charts and comparison tables ------------------------------------------------------------------
# What a mark on a chart (and a row of its data table) stands for. Targets and results are
# told apart by shape and dash, never by colour alone.
CHART_ROLE_TERMS: Final = (
    Term("actual", "Actual", "what happened (a solid bar, or an outlined one for a total)"),
    Term("target", "Target", "the target in force for the period (a dashed outline)"),
    Term(
        "earlier-target",
        "Earlier target",
        "a target for the period that a later one replaced when it was raised (a dotted line)",
    ),
    Term(
        "gap",
        "No figure",
        "none in the briefing's sources for the period, which is left empty (never interpolated)",
    ),
)
CHART_ROLES: Final = _names(CHART_ROLE_TERMS)
