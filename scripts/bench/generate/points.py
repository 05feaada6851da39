"""The claims that are points of a series: actuals (some revised: a preliminary figure
superseded by the final one), targets set ahead of their period, and one point per car model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .context import Context
from .pick import choose, recent_day
from .records import FIRST_DAY, LAST_DAY, Claim, Entity, Figure, Series
from .series import ACTUAL_QUALIFIERS, TARGET_QUALIFIERS, Period, Plan, rounded_down, trend
from .text import CONNECTORS, Number, capitalised, figure_phrase, period_words


@dataclass(frozen=True)
class Home:
    """A series, what it is about and the topic most of its points go to."""

    series: Series
    plan: Plan
    about: Entity | None  # None: one point per car model
    topic: int

    @property
    def target(self) -> bool:
        return self.series.measure == "target"


@dataclass(frozen=True)
class Point:
    """One figure to state: for a period (or a car model), on a day, with its wording."""

    about: Entity
    period: Period | None
    day: date
    value: Number
    qualifier: str
    status: str
    kind: str = "event"
    suffix: str = ""  # of the claim id


def _text(ctx: Context, home: Home, point: Point) -> str:
    plan, name = home.plan, point.about.name
    figure = figure_phrase(ctx.rng, point.value.written, plan.unit, plan.scale, point.qualifier)
    if point.period is None:
        return f"{capitalised(plan.what.format(name=name))} {ctx.rng.choice(CONNECTORS)} {figure}"
    if home.target:
        return f"{name} set a target of {figure} for {point.period.name}"
    when = period_words(point.period.name)
    return (
        f"{capitalised(plan.what.format(name=name))} {when} {ctx.rng.choice(CONNECTORS)} {figure}"
    )


def claim_for(ctx: Context, home: Home, point: Point) -> Claim:
    """The claim that states ``point`` of ``home``'s series."""
    plan, period = home.plan, point.period
    return Claim(
        id=f"{home.series.id}-{period.name.lower() if period else point.about.id}{point.suffix}",
        topic=ctx.topic_near(home.topic),
        statement=_text(ctx, home, point) + ctx.tail() + ".",
        status=point.status,
        kind=point.kind,
        sources=ctx.citations_after(point.day, primary=point.status == "confirmed"),
        day=point.day,
        subjects=[point.about.id],
        tags=[plan.per, "target" if home.target else plan.slug.split("-")[0]],
        figure=Figure(
            point.value.value,
            plan.unit,
            plan.scale,
            point.qualifier,
            series=home.series.id,
            period=period.name if period else None,
        ),
    )


def _confirmed(ctx: Context) -> str:
    return "confirmed" if ctx.rng.random() < 0.75 else "reported"


def actual_points(ctx: Context, home: Home, window: list[Period]) -> list[Claim]:
    """One claim per period; some periods first had a preliminary figure, now superseded."""
    assert home.about is not None
    found: list[Claim] = []
    for period, value in zip(window, trend(ctx, home.plan, len(window)), strict=True):
        day = min(LAST_DAY, period.last + timedelta(days=ctx.rng.randint(3, 40)))
        early = rounded_down(value, home.plan.decimals)
        first = None
        if early is not None and ctx.rng.random() < 0.15 and (LAST_DAY - period.last).days > 50:
            day = period.last + timedelta(days=ctx.rng.randint(1, 5))
            qualifier = ctx.rng.choice(("more-than", "about"))
            preliminary = Point(
                home.about, period, day, early, qualifier, "reported", suffix="-early"
            )
            first = claim_for(ctx, home, preliminary)
            day += timedelta(days=ctx.rng.randint(5, 40))
        qualifier = choose(ctx.rng, ACTUAL_QUALIFIERS)
        final = claim_for(
            ctx, home, Point(home.about, period, day, value, qualifier, _confirmed(ctx))
        )
        if first is not None:
            first.superseded_by = final.id
            found.append(first)
        found.append(final)
    return found


def target_points(ctx: Context, home: Home, window: list[Period]) -> list[Claim]:
    """Targets, each set some months before its year began."""
    assert home.about is not None
    found = []
    for period, value in zip(window, trend(ctx, home.plan, len(window)), strict=True):
        day = period.first - timedelta(days=ctx.rng.randint(20, 300))
        day = min(LAST_DAY, max(FIRST_DAY, day))
        kind = "state" if ctx.rng.random() < 0.8 else "view"
        qualifier = choose(ctx.rng, TARGET_QUALIFIERS)
        point = Point(home.about, period, day, value, qualifier, "forecast", kind)
        found.append(claim_for(ctx, home, point))
    return found


def model_points(ctx: Context, home: Home, products: list[Entity]) -> list[Claim]:
    """One claim per car model, its only product subject."""
    found = []
    for product, value in zip(products, trend(ctx, home.plan, len(products)), strict=True):
        qualifier = choose(ctx.rng, ACTUAL_QUALIFIERS)
        point = Point(product, None, recent_day(ctx.rng), value, qualifier, _confirmed(ctx))
        found.append(claim_for(ctx, home, point))
    return found
