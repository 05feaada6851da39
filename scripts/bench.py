#!/usr/bin/env python3
"""Benchmark the briefing pipeline on a large synthetic fact set (``make bench``).

Generates a deterministic synthetic briefing (by default 10,000 claims in 50 topic files citing
1,000 sources, plus an entities file; 5,000 and 20,000 claims too) in the exact fact-file
format, checks that each passes ``briefing check``, then measures and prints Markdown tables:

1. ``briefing check`` wall time (a child process, interpreter start included) on ./facts and
   on the synthetic sets;
2. the same schema check by ``check-jsonschema`` on the same files, and the ratio;
3. load, validate, model and render timed apart in a fresh interpreter;
4. ``briefing build`` versus a plain ``mkdocs build --strict`` of the same rendered pages with
   the same mkdocs.yml (run in pairs), the build's own process, and ``briefing render`` with
   the facts in git (the "What's new" history);
5. check, render and build at every size, to show how cost grows;
6. the raw and gzipped weight of the biggest pages and of the search index;

and the targets of project issue 7, each met or missed. Every phase interleaves the sizes
run by run, so that a busy moment on a shared machine does not skew the ratios.

Peak memory is the command's own peak resident set (GNU ``time -f %M`` where installed, see
``run``) and, for builds, the sampled sum of the processes alive together.

Usage: ``python scripts/bench.py [--quick] [--sizes 5000,10000,20000] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import functools
import gc
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCHEMAS = ROOT / "scripts" / "briefing" / "schemas"

# Targets of project issue 7.
TARGET_CHECK_10K = 1.0  # seconds, wall, interpreter start included
TARGET_CHECK_DEFAULT = 0.3  # seconds
TARGET_VS_CHECK_JSONSCHEMA = 3.0  # times faster
TARGET_BUILD_OVERHEAD = 0.15  # over a plain mkdocs build of the same pages
TARGET_GROWTH = 2.2  # 20k claims cost at most 2.2 times 10k claims
TARGET_BUILD_MEMORY = 500_000_000  # bytes

from bench.generate import BASE_CLAIMS, Synthetic, generate  # noqa: E402

# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


def say(message: str) -> None:
    """Progress on stderr; stdout is kept for the Markdown report."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Run:
    seconds: float  # wall
    cpu: float  # user + system time of the child and its waited-for children
    peak_rss: int  # bytes: the largest process of the child's tree
    output: str
    tree_rss: int = 0  # bytes: the largest sum over the tree's processes alive together


class TreeMemory(threading.Thread):
    """Samples the summed resident memory of a process and its descendants (Linux /proc).

    ``ru_maxrss`` gives the peak of the largest single process; while ``briefing build``
    waits for MkDocs both processes hold memory, so this sums them every 200 ms (a scan of
    /proc costs a few milliseconds, kept small beside the build it watches).
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()
        self.page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def _tree_rss(self) -> int:
        parents: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    stat = Path(entry.path, "stat").read_text()
                    parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
        tree, frontier = {self.pid}, [self.pid]
        while frontier:
            parent = frontier.pop()
            children = [pid for pid, ppid in parents.items() if ppid == parent]
            tree.update(children)
            frontier.extend(children)
        total = 0
        for pid in tree:
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self.page
            except (OSError, ValueError, IndexError):
                continue
        return total

    def run(self) -> None:
        while not self.done.wait(0.2):
            self.peak = max(self.peak, self._tree_rss())


@functools.cache
def gnu_time() -> str | None:
    """GNU time, when installed: it reports the command's own peak RSS (see ``run``)."""
    path = shutil.which("time") or "/usr/bin/time"
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
        try:
            done = subprocess.run(
                [path, "-f", "%M", "-o", report.name, "true"], capture_output=True, check=False
            )
        except OSError:
            return None
        return path if done.returncode == 0 and report.read().strip().isdigit() else None


def run(
    command: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    expect: str | None = None,
    tree: bool = False,
) -> Run:
    """Run ``command`` as a child process; its wall time, CPU time, peak RSS and output.

    CPU time comes from ``os.wait4``. Its ``ru_maxrss`` cannot be used alone for memory: a
    child's peak counts the memory it had between fork and exec, a copy of this process
    (which holds whole briefings after the in-process runs). So the command runs under GNU
    ``time -f %M`` where available, whose own small process is what gets copied, and the
    peak it reports is the command's (the largest of it and its children); without GNU time
    the wait4 value, an upper bound, is used. With ``tree``, the summed memory of the
    processes alive together is also sampled.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.NamedTemporaryFile("r", suffix=".rss") as report,
    ):
        argv = [str(c) for c in command]
        launcher = gnu_time()
        if launcher:
            argv = [launcher, "-f", "%M", "-o", report.name, *argv]
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeMemory(proc.pid) if tree and Path("/proc/self/statm").exists() else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        if sampler:
            sampler.done.set()
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
        reported = report.read().split()
    if proc.returncode != 0 or (expect is not None and expect not in text):
        raise SystemExit(
            f"bench: command failed (exit {proc.returncode}): {' '.join(map(str, command))}\n"
            + text[-4000:]
        )
    if launcher and reported and reported[-1].isdigit():
        peak = int(reported[-1]) * 1024  # GNU time: KiB
    else:
        scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB
        peak = usage.ru_maxrss * scale
    tree_rss = max(sampler.peak, peak) if sampler else 0
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak, text, tree_rss)


@dataclass(frozen=True)
class Sample:
    wall: tuple[float, ...]
    cpu: tuple[float, ...] = ()
    peak_rss: int = 0
    tree_rss: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None

    @property
    def runs(self) -> int:
        return len(self.wall)


def sample(runs: Sequence[Run]) -> Sample:
    return Sample(
        tuple(r.seconds for r in runs),
        tuple(r.cpu for r in runs),
        max(r.peak_rss for r in runs),
        max(r.tree_rss for r in runs),
    )


def repeat(times: int, once: Callable[[], Run], *, warmup: bool = False) -> Sample:
    if warmup:
        once()
    return sample([once() for _ in range(times)])


def child_env(pycache: Path) -> dict[str, str]:
    """The environment of every measured command.

    Bytecode is cached (in ``pycache``, not in the source tree) even where the environment
    says ``PYTHONDONTWRITEBYTECODE``: users run with cached bytecode, and recompiling every
    module at each start would be measured instead of the pipeline.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.setdefault("SOURCE_DATE_EPOCH", "1798675200")
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def project_copy(target: Path) -> Path:
    """What a build reads besides the facts: mkdocs.yml and the hand-written docs/."""
    from briefing.output import OWNED_ROOT_FILES
    from briefing.render import GENERATED_DIR

    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(
        ROOT / "docs",
        target / "docs",
        ignore=shutil.ignore_patterns(GENERATED_DIR, *OWNED_ROOT_FILES),
        dirs_exist_ok=True,
    )
    if (ROOT / "overrides").is_dir():  # a theme custom_dir, should mkdocs.yml name one
        shutil.copytree(ROOT / "overrides", target / "overrides", dirs_exist_ok=True)
    return target


@dataclass
class InProcess:
    """Wall and CPU seconds of each stage, one entry per run."""

    wall: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)

    def add(self, stage: str, wall: float, cpu: float) -> None:
        self.wall.setdefault(stage, []).append(wall)
        self.cpu.setdefault(stage, []).append(cpu)

    def sample(self, stage: str) -> Sample:
        return Sample(tuple(self.wall[stage]), tuple(self.cpu[stage]))


STAGES = {
    "load": "load (in process)",
    "validate": "validate (in process)",
    "model": "model (in process)",
    "render": "render pages + data (in process)",
}


def in_process(facts: Path, times: int) -> InProcess:
    """load → validate → model (what ``pipeline.check`` does), then render, each timed."""
    from briefing import pipeline
    from briefing.load import load_dir
    from briefing.model import build_model
    from briefing.render import RenderOptions
    from briefing.validate import validate

    found = InProcess()
    options = RenderOptions(today=pipeline.build_date())
    for _ in range(times):
        gc.collect()
        marks = [(time.perf_counter(), time.process_time())]
        corpus = load_dir(facts)
        marks.append((time.perf_counter(), time.process_time()))
        problems = validate(corpus)
        marks.append((time.perf_counter(), time.process_time()))
        if problems:
            raise SystemExit(f"bench: the synthetic facts have {len(problems)} problem(s)")
        briefing = build_model(corpus)
        marks.append((time.perf_counter(), time.process_time()))
        files = pipeline.generate(briefing, options)
        marks.append((time.perf_counter(), time.process_time()))
        for stage, before, after in zip(STAGES, marks, marks[1:], strict=False):
            found.add(stage, after[0] - before[0], after[1] - before[1])
        del corpus, briefing, files
    return found


def in_child(facts: Path, times: int, env: dict[str, str]) -> InProcess:
    """``in_process`` in a fresh interpreter: sizes do not share one heap, and this process
    stays small (see ``run``)."""
    done = run([sys.executable, __file__, "--stage-times", facts, str(times)], env=env)
    data = json.loads(done.output.strip().splitlines()[-1])
    return InProcess(data["wall"], data["cpu"])


@dataclass(frozen=True)
class Weight:
    label: str
    path: str
    raw: int
    gzipped: int
    elements: int


def weigh(site: Path, label: str, rel: str) -> Weight | None:
    path = site / rel
    if not path.is_file():
        return None
    data = path.read_bytes()
    elements = len(re.findall(rb"<[A-Za-z]", data)) if rel.endswith(".html") else 0
    return Weight(label, rel, len(data), len(gzip.compress(data, compresslevel=6)), elements)


def site_weights(site: Path, topic_slugs: Sequence[str]) -> list[Weight]:
    """The biggest topic page, the other big pages and the search index."""
    found: list[Weight] = []
    topics = [w for slug in topic_slugs if (w := weigh(site, slug, f"briefing/{slug}/index.html"))]
    if topics:
        biggest = max(topics, key=lambda w: w.raw)
        found.append(replace(biggest, label=f"Biggest topic page ({biggest.label})"))
    for label, rel in (
        ("Sources", "briefing/sources/index.html"),
        ("Timeline", "briefing/timeline/index.html"),
        ("Entities", "briefing/entities/index.html"),
        ("Print (all claims)", "briefing/print/index.html"),
        ("Home", "index.html"),
        ("Search index", "search/search_index.json"),
    ):
        weight = weigh(site, label, rel)
        if weight is not None:
            found.append(weight)
    return found


# --------------------------------------------------------------------------------------------
# The benchmark
# --------------------------------------------------------------------------------------------


@dataclass
class SizeResult:
    facts: Synthetic
    yaml_bytes: int
    check: Sample | None = None
    in_process: InProcess | None = None
    build: Sample | None = None
    plain: Sample | None = None
    render_only: Run | None = None
    with_history: Run | None = None
    commits: int = 0
    cjs: Sample | None = None
    weights: list[Weight] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    check: int
    cjs: int
    render: int
    build: int
    other_build: int
    commits: int  # fact commits in the git-history measurement


FULL = Plan(check=5, cjs=3, render=3, build=3, other_build=1, commits=5)
QUICK = Plan(check=3, cjs=1, render=1, build=1, other_build=0, commits=2)


def briefing_cmd(*args: str | Path) -> list[str | Path]:
    return [BIN / "briefing", *args]


def measure(
    results: dict[int, SizeResult], plan: Plan, env: dict[str, str], work: Path, base: int
) -> Sample:
    """Every measurement, each phase interleaving the sizes run by run; returns the check
    of ./facts.

    On a shared machine a busy minute then slows one run of every size rather than every
    run of one size, which would skew the ratios between sizes (and the medians less).
    """
    sizes = sorted(results)

    # Checks: ./facts as a user runs it, and every size; a warm-up run each, which must pass.
    checks: dict[int, tuple[list[str | Path], Path, str]] = {
        0: (briefing_cmd("check"), ROOT, "OK: "),
        **{
            n: (briefing_cmd("check", "--facts", results[n].facts.folder), work, f"OK: {n} ")
            for n in sizes
        },
    }
    say(f"briefing check x{plan.check} on ./facts and on {', '.join(map(short, sizes))}")
    runs: dict[int, list[Run]] = {n: [] for n in checks}
    for command, cwd, expect in checks.values():
        run(command, cwd=cwd, env=env, expect=expect)
    for _ in range(plan.check):
        for n, (command, cwd, expect) in checks.items():
            runs[n].append(run(command, cwd=cwd, env=env, expect=expect))
    for n in sizes:
        results[n].check = sample(runs[n])

    # check-jsonschema, at the reference size.
    b = results[base]
    schemas = [
        [BIN / "check-jsonschema", "--schemafile", SCHEMAS / f"{kind}.schema.json", *files]
        for kind, files in b.facts.files.items()
    ]

    def check_jsonschema() -> Run:
        done = [run(cmd, cwd=work, env=env, expect="ok") for cmd in schemas]
        return Run(
            sum(r.seconds for r in done),
            sum(r.cpu for r in done),
            max(r.peak_rss for r in done),
            "",
        )

    say(f"{short(base)}: check-jsonschema ({len(schemas)} calls) x{plan.cjs}")
    b.cjs = repeat(plan.cjs, check_jsonschema)

    # Stages in process: a fresh interpreter per run and size.
    say(f"load, validate, model and render in process x{plan.render} per size")
    for n in sizes:
        results[n].in_process = InProcess()
    for _ in range(plan.render):
        for n in sizes:
            one = in_child(results[n].facts.folder, 1, env)
            for stage in STAGES:
                results[n].in_process.add(stage, one.wall[stage][0], one.cpu[stage][0])

    # Builds: the reference size paired with a plain MkDocs build of the same pages.
    projects = {n: project_copy(work / f"project-{n}") for n in sizes}

    def build(n: int) -> Run:
        project = projects[n]
        command = briefing_cmd(
            "build",
            "--facts",
            results[n].facts.folder,
            "--docs-dir",
            project / "docs",
            "--config",
            project / "mkdocs.yml",
            "--site-dir",
            project / "site",
        )
        return run(command, cwd=project, env=env, expect="Built", tree=True)

    def plain() -> Run:
        project = projects[base]
        command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
        command += ["-f", project / "mkdocs.yml", "-d", project / "site-plain"]
        return run(command, cwd=project, env=env)

    say(
        f"briefing build x{plan.build} at {short(base)}, each followed by a plain mkdocs build"
        + (f"; x{plan.other_build} at the other sizes" if plan.other_build else "")
    )
    built: dict[int, list[Run]] = {n: [] for n in sizes}
    plains: list[Run] = []
    for i in range(plan.build):
        for n in sizes:
            if n == base:
                built[n].append(build(n))
                plains.append(plain())
            elif i < plan.other_build:
                built[n].append(build(n))
    for n in sizes:
        if built[n]:
            results[n].build = sample(built[n])
    b.plain = sample(plains)
    project = projects[base]
    b.weights = site_weights(project / "site", [p.stem for p in b.facts.files["topic"]])

    # The build's own process (check + render), alive while MkDocs runs; then the same with
    # the facts in git, which adds the history for "What's new".
    say(f"{short(base)}: briefing render alone, then with the facts in git")
    render = briefing_cmd("render", "--docs-dir", project / "docs", "--facts")
    b.render_only = run([*render, b.facts.folder], cwd=project, env=env)
    if plan.commits and shutil.which("git"):
        repo = git_repo(b.facts, work / f"git-{base}", plan.commits)
        b.commits = plan.commits
        b.with_history = run([*render, repo / "facts"], cwd=project, env=env)
    return sample(runs[0])


def git_repo(facts: Synthetic, target: Path, commits: int) -> Path:
    """The facts committed to a new repository, then ``commits`` one-claim edits.

    ``briefing render`` and ``build`` read the facts' git history for "What's new" and the
    feed; outside a repository (the other measurements) that step is skipped.
    """
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(facts.folder, target / "facts")
    git = ["git", "-C", str(target), "-c", "user.name=bench", "-c", "user.email=bench@invalid"]
    git += ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "facts"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Synthetic facts"], check=True)
    for path in facts.files["topic"][:commits]:
        edited = target / "facts" / path.name
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("status: reported", "status: confirmed", 1), "utf-8")
        subprocess.run([*git, "commit", "-q", "-a", "-m", f"Confirm a claim in {path.stem}"])
    return target


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{cpu}, {cores} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def load_average() -> str:
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover
        return "n/a"


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------


def memory(s: Sample) -> int:
    """A build's memory: its processes' summed peak where sampled, else the largest one."""
    return s.tree_rss or s.peak_rss


def short(claims: int) -> str:
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


def report(
    results: dict[int, SizeResult],
    base: int,
    default_check: Sample,
    plan: Plan,
    started: str,
    loads: tuple[str, str],
) -> str:
    b = results[base]
    out: list[str] = []
    facts = b.facts
    out += [
        f"Run {started} on {machine()}; load average before / after: {loads[0]} → {loads[1]}.",
        "",
        f"Synthetic set: {facts.claims:,} claims in {facts.topics} topics citing "
        f"{facts.sources:,} sources, {facts.entities} entities; {facts.superseded} claims "
        f"superseded, {facts.figures:,} with a figure; {mb(b.yaml_bytes)} of YAML. Wall times "
        "are medians (runs in brackets) and include interpreter start; CPU is user + system "
        "time of the process tree; peak is the largest process's resident set.",
        "",
        row("Measure", "Facts", "Wall (median)", "Wall (min)", "CPU (median)", "Peak RSS"),
        row("---", "---", "--:", "--:", "--:", "--:"),
    ]

    def sample_row(label: str, what: str, s: Sample | None) -> None:
        if s is not None:
            cpu = secs(s.cpu_median) if s.cpu else "–"
            rss = mbytes(s.peak_rss) if s.peak_rss else "–"
            if s.tree_rss > s.peak_rss:
                rss += f" (together {mbytes(s.tree_rss)})"
            out.append(
                row(label, what, f"{secs(s.median)} ({s.runs})", secs(min(s.wall)), cpu, rss)
            )

    size = f"{short(base)} claims"
    sample_row("`briefing check`", "./facts", default_check)
    sample_row("`briefing check`", size, b.check)
    sample_row("`check-jsonschema` (topic + sources + entities)", size, b.cjs)
    if b.in_process:
        for stage, label in STAGES.items():
            sample_row(label, size, b.in_process.sample(stage))
    sample_row("`briefing build`", size, b.build)
    sample_row("plain `mkdocs build --strict`, same pages", size, b.plain)
    if b.render_only is not None:
        r = b.render_only
        out.append(
            row(
                "`briefing render` (the build's own process)",
                size,
                f"{secs(r.seconds)} (1)",
                secs(r.seconds),
                secs(r.cpu),
                mbytes(r.peak_rss),
            )
        )
    if b.with_history is not None:
        r = b.with_history
        out.append(
            row(
                f"`briefing render`, facts in git ({b.commits} fact commits)",
                size,
                f"{secs(r.seconds)} (1)",
                secs(r.seconds),
                secs(r.cpu),
                mbytes(r.peak_rss),
            )
        )
    if b.with_history is not None and b.render_only is not None and b.commits:
        try:
            from briefing.history import MAX_ENTRIES
        except ImportError:  # pragma: no cover - an older pipeline without history
            MAX_ENTRIES = 50
        per_commit = (b.with_history.cpu - b.render_only.cpu) / b.commits
        out += [
            "",
            f"Reading the facts' git history costs {per_commit:.1f} s of CPU per fact commit "
            f"at {size}; with the {MAX_ENTRIES} commits the history reads at most, that is "
            f"about {per_commit * MAX_ENTRIES:.0f} s more for every `briefing build` and every "
            "re-render of `briefing serve`.",
        ]

    # Growth ----------------------------------------------------------------------------------
    out += [
        "",
        row(
            "Claims",
            "Topics",
            "Sources",
            "YAML",
            "`briefing check`",
            "render (in process)",
            "`briefing build`",
            "build memory",
        ),
        row("--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:"),
    ]
    for n, r in sorted(results.items()):
        render = r.in_process.sample("render").median if r.in_process else None
        out.append(
            row(
                f"{n:,}",
                r.facts.topics,
                f"{r.facts.sources:,}",
                mb(r.yaml_bytes),
                secs(r.check.median if r.check else None),
                secs(render),
                secs(r.build.median if r.build else None),
                mbytes(memory(r.build)) if r.build else "–",
            )
        )
    growth: dict[str, float] = {}
    for n, r in sorted(results.items()):
        if n <= base:
            continue
        factor = n / base
        ratios = {
            "check": r.check.median / b.check.median if r.check and b.check else None,
            "render": (
                r.in_process.sample("render").median / b.in_process.sample("render").median
                if r.in_process and b.in_process
                else None
            ),
            "build": r.build.median / b.build.median if r.build and b.build else None,
        }
        out.append(
            row(
                f"{short(n)} / {short(base)}",
                "",
                "",
                f"× {factor:g}",
                *(f"{v:.2f}×" if v is not None else "–" for v in ratios.values()),
                f"{memory(r.build) / memory(b.build):.2f}×" if r.build and b.build else "–",
            )
        )
        if factor == 2:
            growth = {k: v for k, v in ratios.items() if v is not None}

    # Weights ---------------------------------------------------------------------------------
    if b.weights:
        out += [
            "",
            row(f"Built page ({size})", "Raw", "gzip -6", "HTML elements"),
            row("---", "--:", "--:", "--:"),
        ]
        for w in b.weights:
            out.append(
                row(
                    f"{w.label}: `{w.path}`",
                    mb(w.raw),
                    mb(w.gzipped),
                    f"{w.elements:,}" if w.elements else "–",
                )
            )

    # Targets ---------------------------------------------------------------------------------
    out += ["", row("Target", "Result", "Verdict"), row("---", "---", "---")]
    if base == BASE_CLAIMS and b.check:
        v = b.check.median
        out.append(
            row(
                f"check of 10k claims ≤ {TARGET_CHECK_10K:g} s",
                secs(v),
                verdict(v <= TARGET_CHECK_10K),
            )
        )
    v = default_check.median
    out.append(
        row(
            f"check of ./facts ≤ {TARGET_CHECK_DEFAULT:g} s",
            secs(v),
            verdict(v <= TARGET_CHECK_DEFAULT),
        )
    )
    if b.cjs and b.check:
        ratio = b.cjs.median / b.check.median
        out.append(
            row(
                f"≥ {TARGET_VS_CHECK_JSONSCHEMA:g}× faster than check-jsonschema",
                f"{ratio:.1f}×",
                verdict(ratio >= TARGET_VS_CHECK_JSONSCHEMA),
            )
        )
    if b.build and b.plain:
        # Each build is paired with the plain build run right after it, so a busy minute on
        # the machine weighs on both sides of a ratio.
        pairs = list(zip(b.build.wall, b.plain.wall, strict=True))
        overhead = statistics.median(x / y - 1 for x, y in pairs)
        cpu = statistics.median(x / y - 1 for x, y in zip(b.build.cpu, b.plain.cpu, strict=True))
        own = ""
        if b.render_only is not None and b.plain.cpu_median:
            share = b.render_only.cpu / b.plain.cpu_median
            own = f"; the build's own process alone: {secs(b.render_only.cpu)} CPU, {share:.1%}"
        out.append(
            row(
                f"build overhead over plain MkDocs ≤ {TARGET_BUILD_OVERHEAD:.0%}",
                f"{overhead:+.1%} wall, {cpu:+.1%} CPU (median of {len(pairs)} paired runs{own})",
                verdict(overhead <= TARGET_BUILD_OVERHEAD),
            )
        )
    for name, value in growth.items():
        out.append(
            row(
                f"{name}: 2× the claims ≤ {TARGET_GROWTH:g}× the time",
                f"{value:.2f}×",
                verdict(value <= TARGET_GROWTH),
            )
        )
    if b.build:
        single = b.build.peak_rss
        together = b.build.tree_rss or single
        out.append(
            row(
                f"peak memory of the {size} build < {mbytes(TARGET_BUILD_MEMORY)}",
                f"{mbytes(together)} (processes alive together; largest one {mbytes(single)})",
                verdict(together < TARGET_BUILD_MEMORY),
            )
        )
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark check, render and build on synthetic facts (see README).",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: fewer runs, no size above 10k, builds at 10k only",
    )
    parser.add_argument(
        "--sizes",
        default="5000,10000,20000",
        help="claim counts, comma-separated (default %(default)s); "
        "10000 is the reference size when present",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="work in DIR and keep the generated facts and sites",
    )
    parser.add_argument("--stage-times", nargs=2, help=argparse.SUPPRESS)  # used by in_child
    args = parser.parse_args(argv)
    if args.stage_times:
        with tempfile.TemporaryDirectory() as warm:  # imports and first calls, not measured
            in_process(generate(Path(warm) / "facts", 100).folder, 1)
        found = in_process(Path(args.stage_times[0]), int(args.stage_times[1]))
        print(json.dumps({"wall": found.wall, "cpu": found.cpu}))
        return 0
    try:
        sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes whole numbers, e.g. 5000,10000,20000")
    plan = QUICK if args.quick else FULL
    if args.quick:
        sizes = [s for s in sizes if s <= BASE_CLAIMS] or sizes[:1]
    if not sizes or sizes[0] < 10:
        parser.error("sizes must be at least 10 claims")
    base = BASE_CLAIMS if BASE_CLAIMS in sizes else sizes[len(sizes) // 2]
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    loads_before = load_average()
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = child_env(work / "pycache")
    try:
        results: dict[int, SizeResult] = {}
        for n in sizes:
            folder = work / f"facts-{n}"
            shutil.rmtree(folder, ignore_errors=True)
            t = time.perf_counter()
            facts = generate(folder, n)
            size = sum(p.stat().st_size for p in folder.glob("*.yaml"))
            results[n] = SizeResult(facts, size)
            say(
                f"generated {n:,} claims in {facts.topics} topics ({mb(size)}) in "
                f"{time.perf_counter() - t:.1f} s"
            )
        # Warm-up: bytecode and jieba's dictionary cache, as on a machine that built before.
        say("warm-up: a build of ./facts")
        warm = project_copy(work / "project-warm-up")
        run(
            briefing_cmd(
                "build",
                "--facts",
                ROOT / "facts",
                "--docs-dir",
                warm / "docs",
                "--config",
                warm / "mkdocs.yml",
                "--site-dir",
                warm / "site",
            ),
            cwd=warm,
            env=env,
        )
        default_check = measure(results, plan, env, work, base)
        print(report(results, base, default_check, plan, started, (loads_before, load_average())))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
