"""The weekly audit: which source URLs no longer answer, and which claims are due a review."""

from __future__ import annotations

import concurrent.futures
import textwrap
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date

from .freshness import Freshness, due_claims
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


def due_for_review(
    briefing: Briefing, today: date, default_period: int
) -> list[tuple[Claim, Freshness]]:
    """Current claims of a reviewed kind (states) not verified within their review period:
    their topic's, or ``default_period`` days for topics that set none."""
    return due_claims(briefing, today, default_period)


def report(
    links: list[LinkResult] | None, due: list[tuple[Claim, Freshness]], default_period: int
) -> str:
    lines = ["# Source audit", ""]
    if links is not None:
        broken = [r for r in links if not r.ok]
        lines += [f"## Source URLs: {len(links) - len(broken)} of {len(links)} answer", ""]
        for result in broken:
            why = f"HTTP {result.status}" if result.status else result.error
            lines.append(f"- `{result.source_id}` `{result.url.replace('`', '%60')}` — {why}")
        lines.append("")
    lines += [
        f"## Claims due for review: {len(due)}",
        "",
        "States (targets, plans, rankings, approvals awaited) not verified within their "
        f"topic's review period ({default_period} days where a topic sets none). Verify each "
        "against newer sources, then run `briefing checked ID`.",
        "",
    ]
    for claim, fresh in due:
        text = textwrap.shorten(to_plain(claim.statement), 120, placeholder=" …")
        text = text.replace("<", "&lt;").replace("`", "'")
        age = "undated" if fresh.age_days is None else f"{fresh.age_days} days"
        lines.append(
            f"- `{claim.path}:{claim.line}` `{claim.id}` ({age}; {fresh.note_inline()}): {text}"
        )
    return "\n".join(lines).rstrip() + "\n"
