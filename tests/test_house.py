"""The house's rules, held by tests so they stay true: small functions, readable templates
that say what they expect."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

CODE = [ROOT / "scripts" / "briefing", ROOT / "scripts" / "bench"]
TEMPLATES = sorted((ROOT / "scripts" / "briefing" / "templates").glob("*.j2"))


def functions() -> list[tuple[str, int]]:
    found = []
    for folder in CODE:
        for path in sorted(folder.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    size = (node.end_lineno or node.lineno) - node.lineno + 1
                    found.append((f"{path.relative_to(ROOT)}:{node.name}", size))
    return found


def test_no_function_is_over_60_lines():
    sizes = functions()
    assert len(sizes) > 500
    assert {name: size for name, size in sizes if size > 60} == {}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_a_template_says_what_it_expects_and_stays_readable(template: Path):
    text = template.read_text(encoding="utf-8")
    assert text.startswith("{#"), "open with a comment that lists the template's context"
    long = [n for n, line in enumerate(text.splitlines(), 1) if len(line) > 200]
    assert long == [], f"lines over 200 characters: {long}"
