"""The weekly audit: dead source URLs (against a server on 127.0.0.1) and claims due a review."""

from __future__ import annotations

import http.server
import threading
from datetime import date

import pytest

from briefing.audit import check_links, due_for_review, report
from briefing.pipeline import check

from .conftest import MINI


class Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path in ("/ok",) else 404)
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_link_check_reports_dead_urls(facts_dir, server):
    folder = facts_dir()
    text = (folder / "sources.yaml").read_text()
    text = text.replace("https://news.example.org/phone-maker-cars", f"{server}/ok")
    text = text.replace("https://stats.example.org/2023", f"{server}/gone")
    (folder / "sources.yaml").write_text(text)
    (folder / "plans.yaml").write_text(
        (folder / "plans.yaml")
        .read_text()
        .replace("https://news.example.org/phone-maker-cars", f"{server}/no-head")
    )
    results = {
        r.source_id: r for r in check_links(check(folder, today=date(2026, 11, 24)), timeout=5)
    }
    assert results["wire-copy"].ok and results["wire-copy"].status == 200
    assert not results["stats-office"].ok and results["stats-office"].status == 404
    out = report(list(results.values()), [], 365)
    assert "1 of 2 answer" in out and "`stats-office`" in out and "HTTP 404" in out


def test_claims_due_for_review():
    briefing = check(MINI, today=date(2026, 11, 24), lines=True)
    due = due_for_review(briefing, date(2026, 11, 24), 365)
    ids = [claim.id for claim, _ in due]
    # Undated states first (nothing to measure from), then the longest unverified.
    assert ids == ["market-growth", "plans-own-factory"]
    assert "plans-cars" not in ids  # an event never goes out of date
    assert "plans-partner" not in ids  # superseded: history, not due
    ages = {claim.id: fresh.age_days for claim, fresh in due}
    assert ages["plans-own-factory"] == (date(2026, 11, 24) - date(2021, 4, 1)).days
    assert ages["market-growth"] is None
    # A day after its check, the checked state is not due; the undated forecast still is.
    assert [c.id for c, _ in due_for_review(briefing, date(2021, 4, 2), 365)] == ["market-growth"]
    out = report(None, due, 365)
    assert "## Claims due for review: 2" in out
    assert "plans.yaml:24` `plans-own-factory` (" in out  # file:line of the claim
    assert "last checked 1 April 2021" in out  # month names keep their capital
    assert "never checked; its sources are undated" in out
