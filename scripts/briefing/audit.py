"""The weekly audit: which source URLs no longer answer, and which claims are due a review."""

from __future__ import annotations

import concurrent.futures
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date

from .markup import to_plain
from .model import Briefing, Claim

USER_AGENT = "xiaomi-ev-briefing-link-check/1.0 (+source audit)"


@dataclass(frozen=True)
class LinkResult:
    source_id: str
    url: str
    status: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


def check_url(url: str, timeout: float = 15.0) -> tuple[int | None, str | None]:
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, None
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD: ask again with GET
            return exc.code, None
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return None, str(reason)
    return None, "no answer"


def check_links(briefing: Briefing, workers: int = 8, timeout: float = 15.0) -> list[LinkResult]:
    targets = [(s.id, s.url) for s in briefing.sources if s.url]
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(lambda t: check_url(t[1], timeout), targets))
    return [
        LinkResult(i, u, status, error)
        for (i, u), (status, error) in zip(targets, answers, strict=True)
    ]


def due_for_review(briefing: Briefing, today: date, max_age_days: int) -> list[tuple[Claim, int]]:
    """Current claims whose last check (or, lacking one, as_of) is older than the limit."""
    due = []
    for claim in briefing.claims:
        age = claim.days_unchecked(today)
        if claim.superseded_by is None and age is not None and age > max_age_days:
            due.append((claim, age))
    return sorted(due, key=lambda item: (-item[1], item[0].id))


def report(links: list[LinkResult] | None, due: list[tuple[Claim, int]], max_age_days: int) -> str:
    lines = ["# Source audit", ""]
    if links is not None:
        broken = [r for r in links if not r.ok]
        lines += [f"## Source URLs: {len(links) - len(broken)} of {len(links)} answer", ""]
        for result in broken:
            why = f"HTTP {result.status}" if result.status else result.error
            lines.append(f"- `{result.source_id}` `{result.url.replace('`', '%60')}` — {why}")
        lines.append("")
    lines += [f"## Claims not checked in the last {max_age_days} days: {len(due)}", ""]
    for claim, age in due:
        text = to_plain(claim.statement)[:120].replace("<", "&lt;")
        lines.append(f"- `{claim.id}` ({claim.topic}, {age} days): {text}")
    return "\n".join(lines).rstrip() + "\n"
