"""The rules about a claim's figure and the series it is a point of, one function each.

Each reads only the parts of the figure it names in ``rules.ENTRY_RULES`` (``figure.value``,
``figure.series``...), so a malformed value does not hide a wrong unit. What a rule reads of
another entry (the series, the subjects' entities) must be sound too: when it is not, the
rule says nothing about this claim (``Skip``) rather than judge it on a guess.
"""

from __future__ import annotations

import math

from . import figtext
from .dates import Period, parse_period
from .entries import Entry, Found, Index
from .errors import Code
from .shape import did_you_mean
from .vocab import QUALIFIER_WORDS


def figure_is_finite(entry: Entry, index: Index) -> Found:
    figure = entry.raw.get("figure")
    if figure and isinstance(figure["value"], float) and not math.isfinite(figure["value"]):
        yield entry.problem(
            ("figure", "value"),
            Code.BAD_VALUE,
            f"value: {figure['value']!r} is not a number a reader can use; write a finite number",
        )


def figure_period_is_real(entry: Entry, index: Index) -> Found:
    figure = entry.raw.get("figure")
    if not figure or figure.get("period") is None:
        return
    try:
        parse_period(figure["period"])
    except ValueError as exc:
        yield entry.problem(("figure", "period"), Code.BAD_DATE, f"period: {exc}")


def figure_is_as_written(entry: Entry, index: Index) -> Found:
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


def _series_id(entry: Entry) -> str | None:
    figure = entry.raw.get("figure")
    return figure.get("series") if isinstance(figure, dict) else None


def figure_series_is_known(entry: Entry, index: Index) -> Found:
    series_id = _series_id(entry)
    if series_id is None:
        return
    known = index.knows("series", series_id)
    if known is None:
        yield entry.skip()
    elif not known:
        yield entry.problem(
            ("figure", "series"),
            Code.UNKNOWN_SERIES,
            f"unknown series {series_id!r}"
            f"{did_you_mean(series_id, index.by_id.get('series', {}))}; "
            "add it to facts/series.yaml or fix the id",
        )


def figure_unit_fits_its_series(entry: Entry, index: Index) -> Found:
    series_id = _series_id(entry)
    series = index.find("series", series_id) if series_id else None
    if series is None:
        return  # no series, or an unknown one (reported by figure_series_is_known)
    if not series.ok("unit"):
        yield entry.skip()
        return
    unit = entry.raw["figure"]["unit"]
    if unit != series.raw["unit"]:
        yield entry.problem(
            ("figure", "unit"),
            Code.SERIES_UNIT_MISMATCH,
            f"unit {unit!r} differs from the unit of series {series_id!r} "
            f"({series.raw['unit']!r}); one series uses one unit",
        )


def figure_point_fits_its_series(entry: Entry, index: Index) -> Found:
    series_id = _series_id(entry)
    series = index.find("series", series_id) if series_id else None
    if series is None:
        return
    if not series.ok("per"):
        yield entry.skip()
    elif series.raw["per"] == "model":
        yield from _one_product(entry, index, series)
    else:
        yield from _period_fits(entry, series)


def _one_product(entry: Entry, index: Index, series: Entry) -> Found:
    products = subject_products(entry, index)
    if products is None:
        yield entry.skip()
    elif len(products) != 1:
        yield entry.problem(
            ("figure", "series"),
            Code.SERIES_PERIOD_MISMATCH,
            f"series {series.id!r} has one point per car model: name exactly one product "
            f"among the claim's subjects (found {len(products)})",
        )


def _period_fits(entry: Entry, series: Entry) -> Found:
    per = series.raw["per"]
    figure = entry.raw["figure"]
    period = point_period(entry)
    if period is None:
        if "period" not in figure and entry.raw.get("as_of") is None:
            yield entry.problem(
                ("figure",),
                Code.SERIES_PERIOD_MISMATCH,
                f'a point of series {series.id!r} needs a period: add period (e.g. "2025") '
                "or the claim's as_of",
            )
        return
    if period.precision != per:
        yield entry.problem(
            ("figure", "period") if "period" in figure else ("as_of",),
            Code.SERIES_PERIOD_MISMATCH,
            f"series {series.id!r} has one point per {per}, but this point covers a "
            f"{period.precision} ({period.display}); set figure period to a {per}",
        )


def subject_products(entry: Entry, index: Index) -> list[str] | None:
    """The claim's subjects that are products; None when that cannot be known (a subject
    that is malformed, unknown, or whose own kind is unsound)."""
    if entry.unsound_items("subjects") or not entry.ok("subjects[]"):
        return None
    products = []
    for _, subject in entry.items("subjects"):
        entity = index.find("entity", subject)
        if entity is None or not entity.ok("kind"):
            return None
        if entity.raw["kind"] == "product":
            products.append(subject)
    return products


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
