"""The ``briefing`` command: check, render, build and serve the facts."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import __version__
from .addresses import parse_address
from .build import BuildCalledOff, BuildError, build_site, folder_lock
from .checkstage import build_date, build_time, check
from .engines import DEFAULT_ENGINE, ENGINES
from .errors import FactsError, format_problems
from .failure import BriefingError, describe_os_error
from .frontmatter import FrontMatterError
from .githubrepo import actions_repository, file_view_url, origin_repository
from .renderoptions import RenderOptions
from .settings import load_settings, with_default_site_url

DESCRIPTION = """\
Check, render and build the Xiaomi EV briefing from its fact files.

Every command works on ./facts and ./docs of the current directory unless told otherwise,
so it can check any copy of the facts. Exit status: 0 when all is well, 1 when the facts
have problems or the site does not build, 2 for a usage error."""


def _options(config: Path = Path("mkdocs.yml")) -> RenderOptions:
    """What the pages need: the settings, with the published address defaulting to GitHub
    Pages' address of the repository built (githubrepo.py) unless BRIEFING_SITE_URL is set
    (set empty: no address), and the build's date."""
    origin = origin_repository()
    pages = None if "BRIEFING_SITE_URL" in os.environ else actions_repository(os.environ) or origin
    settings = with_default_site_url(load_settings(config), pages)
    when = build_time()
    return RenderOptions(
        today=when.date(),
        edit_url=settings.edit_url or (file_view_url(origin) if origin else None),
        settings=settings,
        generated_at=when,
    )


def _report(error: FactsError, fmt: str) -> int:
    """The problems on standard output, in every format (``briefing check > report.txt``)."""
    print(error.report(fmt))
    return 1


def cmd_check(args: argparse.Namespace) -> int:
    try:
        briefing = check(args.facts)
    except FactsError as error:
        return _report(error, args.format)
    if args.format == "text":
        print(
            f"OK: {len(briefing.claims)} claims in {len(briefing.topics)} topics, "
            f"{len(briefing.sources)} sources, {len(briefing.entities)} entities."
        )
    elif args.format == "json":
        print(format_problems([], "json"))
    return 0


def _render(args: argparse.Namespace, options: RenderOptions | None = None) -> int:
    from .pipeline import render_to  # here: `briefing check` never imports the renderer

    try:
        result = render_to(args.facts, args.docs_dir, options or _options(args.config))
    except FactsError as error:
        return _report(error, "text")
    except FrontMatterError as error:
        print(error, file=sys.stderr)
        return 1
    report = result.report
    print(
        f"Rendered {len(report.written)} changed, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed file(s) in {args.docs_dir}/."
    )
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    with folder_lock(args.docs_dir):
        return _render(args)


def cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    # One build at a time renders into docs/ and builds from it: two builds started at once
    # never see each other's half-written pages.
    options = _options(args.config)
    # The engine's canonical links and Open Graph addresses follow the pages' site_url
    # (mkdocs.yml reads it as !ENV BRIEFING_SITE_URL). The engine's process starts first
    # and waits for the pages (launch.py).
    site_url = options.settings.site_url
    with folder_lock(args.docs_dir):
        try:
            built = build_site(
                args.config,
                args.site_dir,
                strict=not args.no_strict,
                engine=ENGINES[args.engine],
                env={"BRIEFING_SITE_URL": site_url} if site_url else {},
                prepare=lambda: _render(args, options) == 0,
            )
        except BuildCalledOff:
            print(f"Not built: {args.site_dir}/ is left as it was.", file=sys.stderr)
            return 1
        except BuildError as error:
            print(error.output, file=sys.stderr)
            print(f"The site did not build: {args.site_dir}/ is left as it was.", file=sys.stderr)
            return 1
    if built.output:
        print(built.output)
    print(f"Built {args.site_dir}/ in {time.perf_counter() - started:.1f} s.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The live preview (serve.py): render on every fact change, show problems on the pages."""
    from .serve import serve

    return serve(
        args.facts,
        args.docs_dir,
        args.config,
        parse_address(args.dev_addr),
        ENGINES[args.engine],
        _options(args.config),
    )


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_claim, new_source

    if args.what == "claim":
        if not args.topic:
            print("briefing new claim needs --topic TOPIC", file=sys.stderr)
            return 2
        added = new_claim(args.facts, args.topic)
    else:
        added = new_source(args.facts)
    print(
        f"Added {args.what} {added.id!r} at {added.path}:{added.line}; fill it in, then run "
        "`make check`."
    )
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .factdiff import GitError, diff_refs, to_json, to_markdown

    try:
        diff = diff_refs(args.facts, args.base, args.head)
    except GitError as error:
        print(f"briefing diff: {error}", file=sys.stderr)
        return 1
    text = to_json(diff) if args.format == "json" else to_markdown(diff)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from .audit import check_links, due_for_review, report

    try:
        briefing = check(args.facts, lines=True)
    except FactsError as error:
        return _report(error, "text")
    links = check_links(briefing, timeout=args.timeout) if args.check_urls else None
    period = args.max_age_days or load_settings().review_after_days
    due = due_for_review(briefing, build_date(), period)
    sys.stdout.write(report(links, due, period))
    broken = links is not None and any(not r.ok for r in links)
    return 1 if (broken and args.fail_on_broken) else 0


def cmd_checked(args: argparse.Namespace) -> int:
    from .stamp import StampError, stamp_checked

    when = args.date or date.today()
    try:
        stamped = stamp_checked(args.facts, args.ids, when)
    except StampError as error:
        print(f"briefing checked: {error}", file=sys.stderr)
        return 1
    for item in stamped:
        print(f"{item.path}:{item.line}: {item.claim_id} checked {when.isoformat()}")
    return 0


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


# Options, one small function each; the table below says which command takes which.
Options = Callable[[argparse.ArgumentParser], None]


def _facts(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--facts", type=Path, default=Path("facts"), help="folder of fact files (default: ./facts)"
    )


def _site(p: argparse.ArgumentParser) -> None:
    _facts(p)
    p.add_argument(
        "--docs-dir",
        type=Path,
        default=Path("docs"),
        help="docs folder the pages are generated into (default: ./docs)",
    )
    p.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="site configuration read by every engine (default: ./mkdocs.yml)",
    )


def _engine(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--engine",
        choices=tuple(ENGINES),
        default=DEFAULT_ENGINE,
        help="site engine reading mkdocs.yml (default: %(default)s; the others are "
        "installed by `make site ENGINE=...`)",
    )


def _check_format(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text (default), github (workflow annotations) or json",
    )


def _build(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site-dir", type=Path, default=Path("site"), help="where the built site goes")
    p.add_argument("--no-strict", action="store_true", help="do not fail on engine warnings")


def _serve(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        help="HOST:PORT to listen on (default %(default)s; 0.0.0.0:8000 for a phone on the "
        "same network)",
    )


def _new(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=("claim", "source"))
    p.add_argument("--topic", help="topic slug for a claim, e.g. partnerships")


def _diff(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", help="git ref to compare from, e.g. origin/main")
    p.add_argument("head", nargs="?", default=None, help="git ref (default: working tree)")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p.add_argument("--output", type=Path, help="write to this file instead of stdout")


def _checked(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="+", metavar="ID", help="claim ids")
    p.add_argument("--date", type=_iso_date, help="the date to record (default: today)")


def _audit(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-age-days",
        type=int,
        default=None,
        help="review period for topics that set no review_after_days (default: "
        "extra.briefing.review_after_days in mkdocs.yml, 365)",
    )
    p.add_argument("--check-urls", action="store_true", help="request every source URL")
    p.add_argument("--timeout", type=float, default=15.0, help="seconds per URL")
    p.add_argument("--fail-on-broken", action="store_true", help="exit 1 if a URL fails")


@dataclass(frozen=True)
class Command:
    name: str
    run: Callable[[argparse.Namespace], int]
    help: str
    description: str
    options: tuple[Options, ...]


COMMANDS: tuple[Command, ...] = (
    Command(
        "check",
        cmd_check,
        "validate the facts and print every problem",
        "Validate the fact files: YAML, shape (JSON Schema), references and content rules. "
        "Prints every problem as path:line:col: CODE message.",
        (_facts, _check_format),
    ),
    Command(
        "render",
        cmd_render,
        "write the generated Markdown pages and data into docs/",
        "Validate, then write the generated pages (docs/index.md, docs/briefing/) and data "
        "files; files are rewritten only when their content changes.",
        (_site,),
    ),
    Command(
        "build",
        cmd_build,
        "validate, render and build the site into site/",
        "Validate, render and build the site with the engine (MkDocs unless --engine says "
        "otherwise; --strict) into a temporary folder that replaces the site folder only when "
        "the build succeeded.",
        (_site, _engine, _build),
    ),
    Command(
        "serve",
        cmd_serve,
        "preview at http://127.0.0.1:8000, rebuilding on every change",
        "Render the pages, serve them with the engine's live-reloading server, and render "
        "again whenever a fact file changes. While the facts have problems, every page shows "
        "them in a banner (and the terminal lists them) until they are fixed.",
        (_site, _engine, _serve),
    ),
    Command(
        "new",
        cmd_new,
        "append a skeleton claim or source (with a fresh id) to the right file",
        "Append a well-formed skeleton claim (to facts/TOPIC.yaml) or source (to "
        "facts/sources.yaml) with a fresh unique id, keeping the file's comments and layout. "
        "The skeleton fails the check until you fill it in.",
        (_new, _facts),
    ),
    Command(
        "diff",
        cmd_diff,
        "show everything a change to the facts does, between two git refs",
        "Every claim, source, entity and topic added, removed or changed between BASE and "
        "HEAD (default: the working tree): rewordings word by word, statuses (a raise without "
        "a new source is flagged), supersession added or removed, figures, dates, URLs and "
        "every other field, old → new. Markdown fit for a pull-request comment, or JSON.",
        (_diff, _facts),
    ),
    Command(
        "checked",
        cmd_checked,
        "record that you verified claims today (sets their checked date)",
        "Set the checked date of each named claim to today (or --date), after you verified it "
        "against its sources and found that it still holds. Only the date is written: the "
        "files' comments and layout stay as they are.",
        (_checked, _facts),
    ),
    Command(
        "audit",
        cmd_audit,
        "list claims due for review and (optionally) source URLs that fail",
        "The weekly audit: claims of kind 'state' not verified within their topic's review "
        "period (file:line, with what is known of their last check), and with --check-urls "
        "every source URL that does not answer.",
        (_facts, _audit),
    ),
)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="briefing",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        p = sub.add_parser(command.name, help=command.help, description=command.description)
        p.set_defaults(func=command.run)
        for add in command.options:
            add(p)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. A failure the user can fix is one line on stderr and exit status 1
    (``BriefingError`` carries its own), never a traceback."""
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BriefingError as error:
        print(f"briefing {args.command}: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:
        print(f"briefing {args.command}: {describe_os_error(error)}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
