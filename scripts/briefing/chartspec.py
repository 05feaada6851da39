"""A chart's rows as a Vega-Lite specification (plain data; ``chartsvg`` draws it).

Marks are told apart by shape and line, never by colour alone: a result is a solid bar (or,
for the larger of two result series, an outlined one), the current target a dashed outline,
an earlier target a dotted line, and a period with no figure an empty slot saying so. Text,
axes and outlines use ``currentColor``, so they follow the page's light, dark or print
colours; the one fill colour is remapped for dark mode and print by ``briefing.css``.
"""

from __future__ import annotations

from typing import Any

from .charts import ChartData, ChartRow, plotted
from .figtext import qualified

# Measured at build time with a family no machine has, so Vega-Lite estimates text widths
# the same way everywhere (a reproducible build); ``chartsvg`` puts the page's fonts back.
MEASURE_FONT = "briefing-chart"
FILL = "#a8410c"  # the result bars (the site's orange); briefing.css remaps it for dark mode
STEP = 44  # pixels per sub-column (one series in one period), at the least
MIN_WIDTH = 300  # of the plot, for a chart of few bars
HEIGHT = 240
FONT_SIZE = 13
_PADDING = 0.2  # between periods, as a share of a period's width

CONFIG: dict[str, Any] = {
    "font": MEASURE_FONT,
    "background": None,
    "aria": False,
    "view": {"stroke": None},
    "padding": {"left": 4, "right": 12, "top": 8, "bottom": 4},
    "axis": {
        "labelColor": "currentColor",
        "titleColor": "currentColor",
        "domainColor": "currentColor",
        "tickColor": "currentColor",
        "gridColor": "currentColor",
        "gridOpacity": 0.18,
        "labelFontSize": FONT_SIZE,
        "titleFontSize": FONT_SIZE,
        "titleFontWeight": "normal",
    },
    "axisX": {"labelAngle": 0, "title": None, "domain": True, "ticks": False, "grid": False},
    "axisY": {"domain": False, "tickCount": 5},
    "text": {"fill": "currentColor", "fontSize": FONT_SIZE - 1},
}


def _datum(row: ChartRow, data: ChartData, column: str) -> dict[str, Any]:
    """A mark: the number over it is in the axis' scale, so without the scale word
    ("26.275"), and its qualifying words ("more than") go on a line above it."""
    gap = row.role == "gap"
    return {
        "period": row.period_label,
        "column": column,
        "role": row.role,
        "style": row.style,
        "y": plotted(row, data.scale),
        "number": row.label if gap else row.written + (" %" if data.unit == "percent" else ""),
        "words": "" if gap else qualified("", row.qualifier, row.words).strip(),
    }


def _columns(data: ChartData) -> list[str]:
    """Sub-columns of a period: one per result series, then one for its targets."""
    names = [name for _, name, _ in data.chart.series]
    if any(r.role in ("target", "earlier-target") for r in data.rows):
        names.append("Target")
    return names


def _column(row: ChartRow) -> str:
    return "Target" if row.role in ("target", "earlier-target") else row.name


def spec(data: ChartData) -> dict[str, Any]:
    """The Vega-Lite specification of the chart."""
    columns = _columns(data)
    values = [_datum(r, data, _column(r)) for r in data.rows]
    step = _step(values)
    x = {
        "field": "period",
        "type": "ordinal",
        "sort": list(data.period_labels),
        "scale": {"paddingInner": _PADDING, "paddingOuter": _PADDING / 2},
    }
    offset = {
        "field": "column",
        "type": "nominal",
        "sort": columns,
        "scale": {"paddingInner": 0.1},
    }
    y: dict[str, Any] = {"field": "y", "type": "quantitative", "title": data.axis_title}
    if max((v["y"] or 0) for v in values) >= 10_000:
        # 500k: short labels leave room for the bars on a phone (and 0 stays 0).
        y["axis"] = {"labelExpr": "datum.value === 0 ? '0' : format(datum.value, '~s')"}
    encoding = {"x": x, "xOffset": offset, "y": y}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": {"step": step},
        "height": HEIGHT,
        "config": CONFIG,
        "data": {"values": values},
        "encoding": encoding,
        "layer": [*_marks(step), *_labels()],
    }


def _step(values: list[dict[str, Any]]) -> int:
    """A sub-column wide enough for its longest label (about 0.55 em a character in the
    page's sans-serif fonts), and a plot of at least ``MIN_WIDTH``."""
    longest = max(max(len(v["number"]), len(v["words"])) for v in values if v["role"] != "gap")
    columns = len({(v["period"], v["column"]) for v in values})
    return max(STEP, MIN_WIDTH // columns, round(longest * 0.55 * (FONT_SIZE - 1)) + 8)


def _only(*roles: str, style: str | None = None) -> dict[str, Any]:
    test = " || ".join(f"datum.role === '{r}'" for r in roles)
    if style:
        test = f"({test}) && datum.style === '{style}'"
    return {"filter": test}


def _marks(step: int) -> list[dict[str, Any]]:
    line = step * 0.6
    return [
        {
            "name": "solid",
            "transform": [_only("actual", style="solid")],
            "mark": {"type": "bar", "fill": FILL},
        },
        {
            "name": "outlined",
            "transform": [_only("actual", style="outlined")],
            "mark": {"type": "bar", "fill": "none", "stroke": "currentColor", "strokeWidth": 1.5},
        },
        {
            "name": "target",
            "transform": [_only("target")],
            "mark": {
                "type": "bar",
                "fill": "none",
                "stroke": "currentColor",
                "strokeWidth": 2,
                "strokeDash": [6, 4],
            },
        },
        {
            "name": "earlier",
            "transform": [_only("earlier-target")],
            "mark": {
                "type": "point",
                "shape": "stroke",
                "size": line * line,
                "stroke": "currentColor",
                "strokeWidth": 2,
                "strokeDash": [2, 3],
                "opacity": 0.9,
            },
        },
    ]


def _labels() -> list[dict[str, Any]]:
    return [
        {
            "name": "values",
            "transform": [_only("actual", "target")],
            "mark": {"type": "text", "baseline": "bottom", "dy": -3},
            "encoding": {"text": {"field": "number"}},
        },
        {
            "name": "qualifiers",
            "transform": [_only("actual", "target"), {"filter": "datum.words !== ''"}],
            "mark": {"type": "text", "baseline": "bottom", "dy": -3 - FONT_SIZE - 1},
            "encoding": {"text": {"field": "words"}},
        },
        {
            "name": "gaps",
            "transform": [_only("gap"), {"calculate": "0", "as": "y"}],
            "mark": {
                "type": "text",
                "angle": 270,
                "align": "left",
                "baseline": "middle",
                "dx": 6,
                "fontStyle": "italic",
                "opacity": 0.8,
            },
            "encoding": {"text": {"field": "number"}},
        },
    ]
