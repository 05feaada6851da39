"""``briefing render`` alone (the build's own process) and with the facts in git, which adds
reading their history for What's new and the feed."""

from __future__ import annotations

import shutil

from .fmt import short
from .plan import Bench
from .process import briefing_cmd, run, say
from .project import git_repo, project_copy


def measure_render(bench: Bench) -> None:
    b = bench.reference
    project = project_copy(bench.work / f"project-render-{bench.base}")
    say(f"{short(bench.base)}: briefing render alone, then with the facts in git")
    render = briefing_cmd("render", "--docs-dir", project / "docs", "--facts")
    b.render_only = run([*render, b.facts.folder], cwd=project, env=bench.env)
    if bench.plan.commits and shutil.which("git"):
        repo = git_repo(b.facts, bench.work / f"git-{bench.base}", bench.plan.commits)
        b.commits = bench.plan.commits
        b.with_history = run([*render, repo / "facts"], cwd=project, env=bench.env)
