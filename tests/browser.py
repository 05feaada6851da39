"""Playwright driving Debian's Chromium against a built site served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

# A phone as the tests hold one: 390 px wide, touch, mobile viewport rules.
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """One headless Chromium (a module should start only one: Playwright's sync API allows
    a single instance per thread)."""
    path = chromium_path()
    if path is None:
        pytest.skip("Debian's chromium is not installed (make test installs it when it can)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def browser_context(**options: object) -> Iterator[object]:
    with chromium() as browser:
        context = browser.new_context(**options)
        try:
            yield context
        finally:
            context.close()


class Watch:
    """Console errors, page errors and requests leaving the site's origin."""

    def __init__(self, page: object, base: str) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith(base) or r.url.startswith("data:")
                else self.foreign.append(r.url)
            ),
        )


def search(page, query: str):
    """Type into Material's search box until its index (built in a web worker) answers."""
    box = page.locator("input.md-search__input")
    box.click()
    results = page.locator(".md-search-result__item")
    for _ in range(20):
        box.fill(query)
        # Material searches on key events; CJK text typed by IME sends none, so press a key.
        box.press("End")
        try:
            results.first.wait_for(timeout=1500)
            return results
        except Exception:  # the worker was not ready yet: type again
            continue
    raise AssertionError(f"search for {query!r} found nothing")
