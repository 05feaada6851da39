"""Addresses of generated pages: the directory URLs MkDocs gives them, and relative links
between them that work on any host path."""

from __future__ import annotations

import functools
import posixpath


def page_url(page: str) -> str:
    """The directory URL MkDocs gives a page (``use_directory_urls``), without a leading /."""
    stem = page[: -len(".md")] if page.endswith(".md") else page
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/" if page.endswith(".md") else stem


def relative_url(from_page: str, to: str, anchor: str | None = None) -> str:
    """A link from ``from_page`` to page or file ``to`` that works on any host path."""
    return _page_link(from_page, to) + (f"#{anchor}" if anchor else "")


# Pages link to the same few targets thousands of times (every claim link, every citation),
# and relpath calls os.getcwd() twice per call: compute each pair once. Our paths are
# relative and never climb with "..", so the result does not depend on the working directory.
@functools.lru_cache(maxsize=16384)
def _page_link(from_page: str, to: str) -> str:
    here = page_url(from_page) if from_page.endswith(".md") else posixpath.dirname(from_page)
    here = here or "."
    target = page_url(to) if to.endswith(".md") else to
    rel = posixpath.relpath(target or ".", here.rstrip("/") or ".")
    if to.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return rel
