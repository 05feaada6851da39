"""The site's settings, declared once: read from ``mkdocs.yml`` (as plain YAML; the engine is
never imported), each with its type and default, with environment variables as overrides.

``mkdocs.yml`` is where MkDocs users expect ``site_name``, ``site_url``, ``repo_url``,
``edit_uri`` and ``docs_dir``; the briefing's own settings live under ``extra.briefing``::

    extra:
      briefing:
        feed_id: tag:xiaomi-ev-briefing,2026:feed
        feed_author: Xiaomi EV briefing editors
        history_depth: 50
        review_after_days: 365
        license: {id: CC-BY-4.0, name: ..., url: ...}
        lines_per_page: 800     # optional: where long lists split (layout.LINES_PER_PAGE)

Overrides: mkdocs.yml reads ``BRIEFING_SITE_URL``, ``BRIEFING_REPO_URL`` and
``BRIEFING_EDIT_URI`` through ``!ENV`` (the workflows set them from the repository and
commit they build); ``BRIEFING_EDIT_URL`` replaces the whole base of "suggest a correction"
links. ``edit_uri`` is MkDocs' path to the docs folder in the repository
(``blob/main/docs/``); fact files sit beside that folder, so their links swap ``docs_dir``
for the repository root (``blob/main/`` + ``facts/FILE.yaml#Lline``).
When neither ``BRIEFING_SITE_URL`` nor ``mkdocs.yml`` gives the site's address, the CLI
takes GitHub Pages' address of the GitHub repository it builds (``with_default_site_url``,
``githubrepo.py``); with no such repository the address stays unknown ("").
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .githubrepo import pages_url
from .layout import LINES_PER_PAGE


@dataclass(frozen=True)
class License:
    id: str = "CC-BY-4.0"
    name: str = "Creative Commons Attribution 4.0 International"
    url: str = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Settings:
    site_name: str = "Xiaomi EV briefing"
    site_url: str = ""  # the published address, ending in "/"; "" when unknown
    repo_url: str = ""
    edit_uri: str = ""  # e.g. "blob/main/docs/": MkDocs' path to docs_dir in the repository
    docs_dir: str = "docs"
    feed_id: str = "tag:xiaomi-ev-briefing,2026:feed"
    feed_author: str = "Xiaomi EV briefing editors"
    history_depth: int = 50  # fact commits read for What's new and the feed
    review_after_days: int = 365  # review period of topics that set none (pages and audit)
    lines_per_page: int = LINES_PER_PAGE  # long lists split into pages past this (paging.py)
    license: License = field(default_factory=License)

    @property
    def edit_url(self) -> str | None:
        """The base of "suggest a correction" links, or None when none can be made."""
        explicit = os.environ.get("BRIEFING_EDIT_URL")
        if explicit:
            return explicit
        if self.repo_url and self.edit_uri:
            return self.repo_url.rstrip("/") + "/" + _repo_root(self.edit_uri, self.docs_dir)
        return None


def _repo_root(edit_uri: str, docs_dir: str) -> str:
    """``blob/main/docs/`` -> ``blob/main/``: the repository root at the same ref."""
    parts = [p for p in edit_uri.split("/") if p]
    if parts and parts[-1] == Path(docs_dir).name:
        parts.pop()
    return "".join(f"{p}/" for p in parts)


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without its engine: tags such as !ENV or !!python/name become text."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' ``!ENV VAR`` / ``!ENV [VAR, OTHER, default]``: the first variable set."""
    names: list[Any] = (
        [loader.construct_scalar(node)]
        if isinstance(node, yaml.ScalarNode)
        else loader.construct_sequence(node)  # type: ignore[arg-type]
    )
    *variables, default = names if len(names) > 1 else [*names, None]
    for name in variables:
        if str(name) in os.environ:  # as MkDocs reads it: a variable set empty counts
            return os.environ[str(name)]
    return default


_AnyTagLoader.add_constructor("!ENV", _env)
_AnyTagLoader.add_multi_constructor("!", _untagged)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(data: dict[str, Any], key: str, default: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else default


def _number(data: dict[str, Any], key: str, default: int) -> int:
    value = data.get(key)
    return (
        value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default
    )


def load_settings(config: Path = Path("mkdocs.yml")) -> Settings:
    """The settings of ``config``; defaults for anything it does not set (or no file)."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    extra = _mapping(_mapping(data.get("extra")).get("briefing"))
    defaults = Settings()
    lic = _mapping(extra.get("license"))
    site_url = _text(data, "site_url", "") if "site_url" in data else ""
    site_url = site_url or os.environ.get("BRIEFING_SITE_URL", "")
    return Settings(
        site_name=_text(data, "site_name", defaults.site_name),
        site_url=site_url.rstrip("/") + "/" if site_url else "",
        repo_url=_text(data, "repo_url", ""),
        edit_uri=_text(data, "edit_uri", ""),
        docs_dir=_text(data, "docs_dir", defaults.docs_dir),
        feed_id=_text(extra, "feed_id", defaults.feed_id),
        feed_author=_text(extra, "feed_author", defaults.feed_author),
        history_depth=_number(extra, "history_depth", defaults.history_depth),
        review_after_days=_number(extra, "review_after_days", defaults.review_after_days),
        lines_per_page=_number(extra, "lines_per_page", defaults.lines_per_page),
        license=License(
            id=_text(lic, "id", License.id),
            name=_text(lic, "name", License.name),
            url=_text(lic, "url", License.url),
        ),
    )


def with_default_site_url(settings: Settings, repository: str | None) -> Settings:
    """``settings``, with GitHub Pages' address of ``repository`` (``OWNER/NAME``) as the
    site's address when none is set: where the deploy workflow publishes it."""
    if settings.site_url or not repository:
        return settings
    return replace(settings, site_url=pages_url(repository))
