"""Synthetic series of figures (per year, quarter, month and car model; actuals and targets)
with the values their points take."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from briefing.vocab import QUALIFIERS

from .context import Context
from .pick import weights_for
from .text import Number, number

ACTUAL_QUALIFIERS = weights_for(
    QUALIFIERS,
    {
        "exact": 70,
        "about": 10,
        "more-than": 8,
        "at-least": 4,
        "up-to": 0,
        "fewer-than": 0,
        "almost": 8,
    },
)
TARGET_QUALIFIERS = weights_for(
    QUALIFIERS,
    {
        "exact": 40,
        "about": 15,
        "more-than": 10,
        "at-least": 25,
        "up-to": 10,
        "fewer-than": 0,
        "almost": 0,
    },
)
LAST_PERIOD_END = date(2026, 9, 30)  # points describe periods reported by LAST_DAY


@dataclass(frozen=True)
class Plan:
    """A kind of series: what it counts, per what, in which range of values."""

    slug: str
    title: str  # "{name}" is the entity the series is about
    what: str  # how a statement names the quantity
    unit: str
    per: str
    low: float
    high: float
    about: str  # the kind of entity the series is about ("product": one point per model)
    scale: str = "one"
    decimals: int = 0
    step: int = 1  # whole values are multiples of this
    target: bool = False  # also a series of targets for it


PLANS = (
    Plan("deliveries-annual", "{name} deliveries per year", "{name}'s deliveries", "vehicles",
         "year", 20_000, 600_000, "company", target=True),
    Plan("deliveries-quarterly", "{name} deliveries per quarter", "{name}'s deliveries",
         "vehicles", "quarter", 5_000, 150_000, "company"),
    Plan("deliveries-monthly", "{name} deliveries per month", "{name}'s deliveries", "vehicles",
         "month", 1_000, 50_000, "company"),
    Plan("nev-share-annual", "Share of electric cars in {name} per year",
         "the share of electric cars in {name}", "percent", "year", 5, 60, "market", decimals=1),
    Plan("revenue-quarterly", "{name} revenue per quarter", "{name}'s revenue", "CNY",
         "quarter", 1, 40, "company", scale="billion", decimals=2),
    Plan("starting-price", "Starting price of each car model", "the starting price of the {name}",
         "CNY", "model", 150_000, 500_000, "product", step=100),
    Plan("first-orders", "First orders for each car model", "first orders for the {name}",
         "orders", "model", 10_000, 250_000, "product"),
    Plan("capacity-annual", "{name} production capacity per year",
         "{name}'s production capacity", "vehicles-per-year", "year", 50_000, 400_000, "company",
         step=10_000),
    Plan("revenue-annual", "{name} revenue per year", "{name}'s revenue", "USD", "year", 0.5, 30,
         "company", scale="billion", decimals=1),
)  # fmt: skip


@dataclass(frozen=True)
class Period:
    name: str  # "2024", "2024-Q3", "2024-03"
    first: date
    last: date


def periods(per: str, first_year: int, last_year: int) -> list[Period]:
    found = []
    for year in range(first_year, last_year + 1):
        if per == "year":
            found.append(Period(str(year), date(year, 1, 1), date(year, 12, 31)))
        for q in range(1, 5) if per == "quarter" else ():
            end = date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
            found.append(Period(f"{year}-Q{q}", date(year, 3 * q - 2, 1), end))
        for m in range(1, 13) if per == "month" else ():
            end = date(year, m, calendar.monthrange(year, m)[1])
            found.append(Period(f"{year}-{m:02d}", date(year, m, 1), end))
    return [p for p in found if p.last <= LAST_PERIOD_END or per == "year"]


def trend(ctx: Context, plan: Plan, count: int) -> list[Number]:
    """``count`` values that grow with some noise, within the plan's range."""
    rng = ctx.rng
    value, growth = rng.uniform(plan.low, (plan.low + plan.high) / 2), rng.uniform(1.0, 1.3)
    found = []
    for _ in range(count):
        amount = Decimal(repr(min(plan.high, value) * rng.uniform(0.9, 1.1)))
        if plan.decimals == 0:
            amount = max(1, int(amount) // plan.step) * Decimal(plan.step)
        found.append(number(amount, plan.decimals))
        value *= growth
    return found


def rounded_down(value: Number, decimals: int) -> Number | None:
    """A preliminary figure: two significant digits (or one decimal fewer), rounded down;
    None when that leaves nothing."""
    amount = Decimal(value.written.replace(",", ""))
    if decimals:
        step = Decimal(1).scaleb(1 - decimals)
        found = number(amount.quantize(step, ROUND_FLOOR), decimals - 1)
    else:
        digits = max(0, len(str(int(amount))) - 2)
        found = number(Decimal((int(amount) // 10**digits) * 10**digits), 0)
    return found if found.value else None
