"""The series of a synthetic briefing and their points, sized to the number of claims."""

from __future__ import annotations

from .context import Context
from .pick import slug, unique
from .points import Home, actual_points, model_points, target_points
from .records import Claim, Entity, Series
from .series import PLANS, Period, Plan, periods
from .text import sentence

# Years, quarters and months with points: (first year, last year) by what one point covers.
SPANS = {"year": (2019, 2025), "quarter": (2021, 2026), "month": (2022, 2026)}
TARGET_SPAN = (2021, 2026)


def window(ctx: Context, found: list[Period], size: int) -> list[Period]:
    """A run of ``size`` consecutive periods (all of them when there are fewer)."""
    if len(found) <= size:
        return found
    start = ctx.rng.randrange(len(found) - size + 1)
    return found[start : start + size]


def _series(
    ctx: Context,
    plan: Plan,
    about: Entity | None,
    taken: set[str],
    target_for: str | None = None,
) -> Series:
    name = about.name if about else "each car model"
    title = plan.title.format(name=name)
    if target_for:
        title = f"{name} delivery target per year"
    base = slug(about.id if about else "model", "target" if target_for else plan.slug)
    measure = "target" if target_for else "actual"
    description = sentence(ctx.rng, 40, 200)
    return Series(unique(base, taken), title, plan.unit, measure, plan.per, description, target_for)


def _targets(ctx: Context, home: Home, taken: set[str], size: int) -> tuple[Series, list[Claim]]:
    series = _series(ctx, home.plan, home.about, taken, target_for=home.series.id)
    target_home = Home(series, home.plan, home.about, home.topic)
    return series, target_points(ctx, target_home, window(ctx, periods("year", *TARGET_SPAN), size))


def make_series(ctx: Context, claims: int) -> tuple[list[Series], list[Claim]]:
    """About 6 % of the claims as points of series, every plan used when there is room."""
    budget = claims * 6 // 100
    count = max(min(len(PLANS), budget // 2), budget // 20)
    size = max(2, budget // max(1, count))
    products = [e for e in ctx.entities if e.kind == "product"]
    taken: set[str] = set()
    found: list[Series] = []
    points: list[Claim] = []
    for k in range(count):
        plan = PLANS[k % len(PLANS)]
        if plan.about == "product":
            if k >= len(PLANS) or not products:
                continue  # one series per model measure
            home = Home(_series(ctx, plan, None, taken), plan, None, k % ctx.topics)
            found.append(home.series)
            points += model_points(ctx, home, products[:size])
            continue
        candidates = [e for e in ctx.entities if e.kind == plan.about]
        if not candidates:
            continue
        about = candidates[k % len(candidates)]
        home = Home(_series(ctx, plan, about, taken), plan, about, k % ctx.topics)
        found.append(home.series)
        points += actual_points(ctx, home, window(ctx, periods(plan.per, *SPANS[plan.per]), size))
        if plan.target:
            target, claims_of_target = _targets(ctx, home, taken, size)
            found.append(target)
            points += claims_of_target
    return found, points
