"""`briefing checked ID…` writes the date and nothing else."""

from __future__ import annotations

import difflib
from datetime import date

from briefing.pipeline import check

from .conftest import run_briefing


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_stamping_inserts_or_replaces_only_the_date(facts_dir):
    folder = facts_dir()
    plans, market = folder / "plans.yaml", folder / "market.yaml"
    before_plans, before_market = plans.read_text(), market.read_text()
    result = run_briefing(
        "checked",
        "plans-own-factory",
        "market-growth",
        "--date",
        "2026-11-20",
        "--facts",
        str(folder),
    )
    assert result.returncode == 0, result.stderr
    assert "plans.yaml:24: plans-own-factory checked 2026-11-20" in result.stdout
    assert changed_lines(before_plans, plans.read_text()) == [
        '-    checked: "2021-04-01"',
        '+    checked: "2026-11-20"',
    ]
    assert changed_lines(before_market, market.read_text()) == ['+    checked: "2026-11-20"']
    # The stamped facts still validate, and the model reads the dates.
    briefing = check(folder, today=date(2026, 11, 24))
    assert briefing.claim("market-growth").checked.iso == "2026-11-20"


def test_stamping_keeps_crlf_line_endings_and_comments(facts_dir):
    folder = facts_dir()
    plans = folder / "plans.yaml"
    text = plans.read_text().replace('    as_of: "2021-03"\n', '    as_of: "2021-03"  # odd\n')
    plans.write_bytes(text.replace("\n", "\r\n").encode())
    result = run_briefing("checked", "plans-cars", "--date", "2026-11-20", "--facts", str(folder))
    assert result.returncode == 0, result.stderr
    raw = plans.read_bytes().decode()
    assert '    as_of: "2021-03"  # odd\r\n    checked: "2026-11-20"\r\n' in raw
    assert "\n" not in raw.replace("\r\n", "")


def test_an_unknown_id_changes_nothing_and_says_so(facts_dir):
    folder = facts_dir()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run_briefing("checked", "no-such-claim", "--facts", str(folder))
    assert result.returncode == 1
    assert "no claim with id 'no-such-claim'" in result.stderr
    assert "Traceback" not in result.stderr
    assert before == {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_date_the_check_would_refuse_is_not_written(facts_dir):
    folder = facts_dir()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    future = run_briefing("checked", "plans-cars", "--date", "2999-01-01", "--facts", str(folder))
    assert future.returncode == 1 and "Traceback" not in future.stderr
    assert "2999-01-01 is in the future" in future.stderr
    # plans-cars is dated March 2021: a check in 2020 cannot have verified it. The other
    # claim named (in another file) must not be stamped either.
    early = run_briefing(
        "checked", "market-growth", "plans-cars", "--date", "2020-01-01", "--facts", str(folder)
    )
    assert early.returncode == 1 and "Traceback" not in early.stderr
    assert "plans-cars: 2020-01-01 is before the claim's own date (2021-03)" in early.stderr
    assert before == {p.name: p.read_bytes() for p in folder.iterdir()}
