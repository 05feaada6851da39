"""A chart as static, accessible SVG, drawn at build time by Vega-Lite (``vl-convert``).

Vega-Lite draws every mark; this module only makes its output fit the page: the root
``<svg>`` becomes one image (``role="img"``) named by its ``<title>`` (``aria-labelledby``)
and described by its ``<desc>``, every period in words (``aria-describedby``); Vega's own
per-mark ARIA roles are dropped (an image's parts are not separate objects), and text is set
in the page's system fonts (it was measured with a font no machine has, so that every build
measures it alike). Nothing is loaded from
anywhere: the data is inline and ``vl-convert`` may fetch no URL. The same specification
gives the same bytes.
"""

from __future__ import annotations

import functools
import json
import re

from markupsafe import Markup, escape

from .charts import ChartData
from .chartspec import MEASURE_FONT, spec

# The fonts Material uses when it loads none (mkdocs.yml `font: false`).
PAGE_FONTS = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"
_ROOT = re.compile(r"^<svg\b[^>]*>")
_SIZE = re.compile(r'\b(width|height|viewBox)="([^"]*)"')
_MARK_ARIA = re.compile(r' (?:role|aria-roledescription|aria-label)="[^"]*"')


def chart_svg(data: ChartData) -> Markup:
    """The chart as inline SVG (one line, so it sits in a Markdown raw HTML block)."""
    raw = _draw(json.dumps(spec(data), sort_keys=True))
    return accessible(raw, data.chart.id, data.chart.title, data.description())


@functools.lru_cache(maxsize=64)
def _draw(spec_json: str) -> str:
    """Vega-Lite's SVG of a specification (cached: ``briefing serve`` renders again and again)."""
    import vl_convert  # here, not at the top: `briefing check` never draws

    drawn: str = vl_convert.vegalite_to_svg(json.loads(spec_json), allowed_base_urls=[])
    return drawn


def accessible(raw: str, chart_id: str, title: str, description: str) -> Markup:
    """Vega's SVG as one named, described image in the page's fonts."""
    root = _ROOT.match(raw)
    if root is None:
        raise ValueError("Vega-Lite's output does not start with an <svg> element")
    size = dict(_SIZE.findall(root.group(0)))
    body = _MARK_ARIA.sub("", raw[root.end() :]).replace("\n", " ")
    body = body.replace(f'font-family="{MEASURE_FONT}"', f'font-family="{PAGE_FONTS}"')
    attrs: dict[str, str | None] = {
        "xmlns": "http://www.w3.org/2000/svg",
        "class": "bf-chart__svg",
        "width": size.get("width", ""),
        "height": size.get("height", ""),
        "viewBox": size.get("viewBox", ""),
        "xmlns:xlink": "http://www.w3.org/1999/xlink" if "xlink:" in body else None,
        "role": "img",
        "aria-labelledby": f"{chart_id}-title",
        "aria-describedby": f"{chart_id}-desc",
    }
    start = "<svg " + " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items() if v) + ">"
    named = (
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    return Markup(start + named + body)
