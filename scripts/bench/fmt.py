"""Numbers as the report writes them, and Markdown table rows."""

from __future__ import annotations


def short(claims: int) -> str:
    """10000 → "10k"; 1234 → "1,234"."""
    return f"{claims // 1000}k" if claims >= 1000 and claims % 1000 == 0 else f"{claims:,}"


def secs(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def mb(value: int) -> str:
    return f"{value / 1e6:.1f} MB" if value >= 1e5 else f"{value / 1e3:.0f} kB"


def mbytes(value: int) -> str:
    return f"{value / 1e6:.0f} MB"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def header(*names: str, align: str = "") -> list[str]:
    """A table's header and its rule; ``align`` has one letter per column, "l" or "r"."""
    rule = ["--:" if (align[i : i + 1] or "l") == "r" else "---" for i in range(len(names))]
    return [row(*names), row(*rule)]
