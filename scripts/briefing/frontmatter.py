"""Hand-written pages must have valid front matter: MkDocs silently prints a broken block as
text (and drops the page's title and description), while Zensical refuses the page. The
check runs before every render, so a broken page fails the build with its position."""

from __future__ import annotations

from pathlib import Path

import yaml

from .failure import BriefingError
from .layout import GENERATED_DIR, OWNED_ROOT_FILES


class FrontMatterError(BriefingError):
    """One or more hand-written pages have front matter that is not valid YAML."""


def _problem(path: Path, text: str) -> str | None:
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 4)
    if end == -1:
        return f"{path}:1:1: the front matter opened here is never closed with ---"
    try:
        data = yaml.safe_load(text[4 : end + 1])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        what = getattr(exc, "problem", None) or "invalid YAML"
        return f"{path}:{line}:{col}: front matter is not valid YAML ({what}); quote the value"
    if data is not None and not isinstance(data, dict):
        return f"{path}:2:1: front matter must be key: value lines"
    return None


def check_front_matter(docs_dir: Path) -> None:
    """Raise FrontMatterError naming every hand-written page whose front matter is broken."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.startswith(GENERATED_DIR + "/") or rel in OWNED_ROOT_FILES:
            continue
        problem = _problem(path, path.read_text(encoding="utf-8"))
        if problem:
            problems.append(problem)
    if problems:
        raise FrontMatterError("\n".join(problems))
