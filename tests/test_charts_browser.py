"""The charts and comparison tables in Chromium: each chart is an image with an accessible
name, drawn at a visible size in light and dark mode and in print, next to a table whose
links land on their claims, with nothing loaded from another origin and no JavaScript needed.
Screenshots of each chart and table (light and dark, desktop and 390 px) go to SCREENSHOTS."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefing.charts import CHARTS

from .browser import Watch, chromium, serve
from .conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SCREENSHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS") or ROOT / "tests" / "screenshots")
FIGURES = "briefing/figures/"
WIDTHS = {"desktop": 1280, "phone": 390}
# Element screenshots without the sticky header drawn over them.
UNSTICK = ".md-header { position: relative !important; }"


@pytest.fixture(scope="module")
def browser(built_site: Path):
    with serve(built_site) as base, chromium() as browser:
        yield base, browser


def open_page(browser, path, scheme="light", width=1280, **options):
    base, chrome = browser
    context = chrome.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, **options
    )
    page = context.new_page()
    watch = Watch(page, base)
    page.goto(base + path)
    return context, page, watch


def chart_image(page, chart):
    image = page.get_by_role("img", name=chart.title, exact=True)
    assert image.count() == 1, chart.id
    return image


def drawn_size(image) -> tuple[float, float]:
    box = image.bounding_box()
    return (box["width"], box["height"]) if box else (0, 0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_each_chart_is_a_named_image_drawn_in_light_and_dark(browser, scheme, width):
    context, page, watch = open_page(browser, FIGURES, scheme, WIDTHS[width])
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    page.add_style_tag(content=UNSTICK)
    SCREENSHOTS.mkdir(exist_ok=True)
    for chart in CHARTS:
        image = chart_image(page, chart)
        image.scroll_into_view_if_needed()
        assert image.is_visible()
        w, h = drawn_size(image)
        assert w > 200 and h > 120, (chart.id, w, h)
        # The description names every period the chart covers.
        desc = image.evaluate("svg => svg.querySelector('desc').textContent")
        assert desc.startswith("Bar chart, ")
        # Text and bars take the scheme's colours: legible on its background.
        text = image.evaluate("svg => getComputedStyle(svg.querySelector('text')).fill")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert text != background
        assert (text == "rgb(0, 0, 0)" or text.startswith("rgba(0, 0, 0")) == (scheme == "light")
        page.locator(f"[id='{chart.id}']").screenshot(
            path=str(SCREENSHOTS / f"chart-{chart.id.removeprefix('chart-')}-{scheme}-{width}.png")
        )
    for i, table in enumerate(("targets", "models")):
        page.locator(".bf-compare").nth(i).screenshot(
            path=str(SCREENSHOTS / f"table-{table}-{scheme}-{width}.png")
        )
    width_now = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width_now[0] <= width_now[1], width_now  # the page itself never scrolls sideways
    assert watch.errors == [] and watch.foreign == []
    context.close()


def test_the_result_bars_change_colour_with_the_scheme(browser):
    fills = {}
    for scheme in ("light", "dark"):
        context, page, _ = open_page(browser, FIGURES, scheme)
        image = chart_image(page, CHARTS[0])
        fills[scheme] = image.evaluate(
            "svg => getComputedStyle(svg.querySelector('.solid_marks path')).fill"
        )
        context.close()
    assert fills["light"] != fills["dark"]


def test_charts_print_in_dark_ink_at_a_visible_size(browser):
    context, page, _ = open_page(browser, FIGURES, "dark")
    page.emulate_media(media="print")
    for chart in CHARTS:
        image = chart_image(page, chart)
        assert image.is_visible()
        w, h = drawn_size(image)
        assert w > 200 and h > 120, (chart.id, w, h)
        text = image.evaluate("svg => getComputedStyle(svg.querySelector('text')).fill")
        assert text == "rgb(0, 0, 0)", text
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    context.close()


def test_charts_need_no_javascript_and_load_nothing_from_elsewhere(browser):
    context, page, watch = open_page(browser, FIGURES, java_script_enabled=False)
    for chart in CHARTS:
        assert chart_image(page, chart).is_visible()
    assert watch.foreign == []
    context.close()


def test_each_chart_sits_on_its_topic_page_with_a_table_linking_its_claims(browser, built_site):
    claims = {c["id"]: c for c in json.loads((built_site / "facts.json").read_text())["claims"]}
    places = {"company-profile": 2, "market-outlook": 2}
    context, page, watch = open_page(browser, "")
    for topic, count in places.items():
        page.goto(browser[0] + f"briefing/{topic}/")
        figures = page.locator("figure.bf-chart")
        assert figures.count() == count
        for i in range(count):
            figure = figures.nth(i)
            assert figure.get_by_role("img").count() == 1
            links = figure.locator("table a")
            assert links.count() >= 3
            for j in range(links.count()):
                anchor = links.nth(j).get_attribute("href").split("#", 1)[1]
                assert anchor in claims
                assert page.locator(f"[id='{anchor}']").count() == 1  # lands on this page
            csv_links = figure.locator("a[href$='.csv']")
            assert csv_links.count() >= 1
            response = page.request.get(
                browser[0] + f"briefing/{topic}/" + csv_links.first.get_attribute("href")
            )
            assert response.ok and response.text().startswith("series,period,")
    assert watch.errors == [] and watch.foreign == []
    context.close()


def test_the_home_page_pairs_the_latest_target_with_its_result(browser):
    context, page, _ = open_page(browser, "")
    pair = page.locator(".bf-figure--pair")
    assert pair.count() == 1
    text = pair.inner_text()
    assert "2025" in text and "more than 400,000" in text and "more than 410,000" in text
    assert page.locator(".bf-figures > .bf-figure").count() == 5  # the pair, then 4 newest
    context.close()
