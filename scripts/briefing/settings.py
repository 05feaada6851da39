"""The site's settings, declared once: read from ``mkdocs.yml`` (as plain YAML; the engine is
never imported), each with its type and default, with environment variables as overrides.

``mkdocs.yml`` is where MkDocs users expect ``site_name``, ``site_url``, ``repo_url`` and
``edit_uri``; the briefing's own settings live under ``extra.briefing``::

    extra:
      briefing:
        feed_id: tag:xiaomi-ev-briefing,2026:feed
        feed_author: Xiaomi EV briefing editors
        history_depth: 50
        license: {id: CC-BY-4.0, name: ..., url: ...}
        lines_per_page: 800    # optional: where long lists split (layout.LINES_PER_PAGE)

Overrides: ``BRIEFING_SITE_URL`` (a fork's address), ``BRIEFING_EDIT_URL`` (where "suggest
a correction" links point); in GitHub Actions the edit links follow the repository built.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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
    edit_uri: str = ""  # e.g. "blob/main/": repo_url + edit_uri + file path
    feed_id: str = "tag:xiaomi-ev-briefing,2026:feed"
    feed_author: str = "Xiaomi EV briefing editors"
    history_depth: int = 50  # fact commits read for What's new and the feed
    lines_per_page: int = LINES_PER_PAGE  # long lists split into pages past this (paging.py)
    license: License = field(default_factory=License)

    @property
    def edit_url(self) -> str | None:
        """The base of "suggest a correction" links, or None when none can be made."""
        explicit = os.environ.get("BRIEFING_EDIT_URL")
        if explicit:
            return explicit
        server, repo = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
        if server and repo:
            return f"{server}/{repo}/blob/{os.environ.get('GITHUB_SHA') or 'HEAD'}/"
        if self.repo_url and self.edit_uri:
            return self.repo_url.rstrip("/") + "/" + self.edit_uri.strip("/") + "/"
        return None


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
        if os.environ.get(str(name)):
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
        feed_id=_text(extra, "feed_id", defaults.feed_id),
        feed_author=_text(extra, "feed_author", defaults.feed_author),
        history_depth=int(extra.get("history_depth") or defaults.history_depth),
        lines_per_page=max(1, int(extra.get("lines_per_page") or defaults.lines_per_page)),
        license=License(
            id=_text(lic, "id", License.id),
            name=_text(lic, "name", License.name),
            url=_text(lic, "url", License.url),
        ),
    )
