"""``make mutation``: run mutmut on the modules where a silent bug costs most, then write
the report (score per module and every surviving mutant) to ``docs/mutation.md``.

Why mutmut: it mutates the source in a copy (``mutants/``), runs only the tests that
cover each mutated function (it records that once), runs mutants in parallel, and keeps
its results per file, so a run on the modules below takes minutes, not hours, on two
cores. The configuration is in pyproject.toml (``[tool.mutmut]``).

Scores count "killed" (a test failed, crashed or timed out) against every mutant that
was checked; "no tests" (no test covers the mutated code) counts as surviving.

``--report-only`` writes the report from the results mutmut stored in ``mutants/`` by an
earlier run, without running anything.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
REPORT = ROOT / "docs" / "mutation.md"
KILLED = {"killed", "timeout", "segfault", "caught by type check", "suspicious"}

Scores = dict[str, Counter[str]]


def _status_by_exit_code() -> dict[int | None, str]:
    from mutmut.__main__ import status_by_exit_code  # type: ignore[attr-defined]

    return {code: str(status) for code, status in status_by_exit_code.items()}


def results(mutants: Path, statuses: Mapping[int | None, str]) -> tuple[Scores, list[str]]:
    """Per module: mutants by status; and the surviving mutants as ``name: status``,
    from the ``*.py.meta`` files mutmut writes under *mutants*. Mutants not checked yet
    are left out of both."""
    per_module: Scores = {}
    survivors: list[str] = []
    for meta in sorted(mutants.rglob("*.py.meta")):
        module = meta.relative_to(mutants).as_posix().removesuffix(".meta")
        data = json.loads(meta.read_text(encoding="utf-8"))
        counts: Counter[str] = Counter()
        for name, code in sorted(data["exit_code_by_key"].items()):
            status = statuses.get(code, "killed" if code else "survived")
            if status == "not checked":
                continue
            counts["killed" if status in KILLED else status] += 1
            if status not in KILLED:
                survivors.append(f"{name}: {status}")
        if counts:
            per_module[module] = counts
    return per_module, survivors


def render(per_module: Scores, survivors: Sequence[str], *, day: datetime.date,
           mutmut_version: str, cores: int) -> str:
    """The report as Markdown: how it was made, the score table, the survivors."""
    lines = [
        "# Mutation report",
        "",
        "<!-- Written by `make mutation` (scripts/mutation.py); do not edit by hand. -->",
        "",
        f"Run of {day.isoformat()}: `make mutation` (mutmut {mutmut_version}, "
        f"`mutmut run --max-children 2`) on {cores} cores. The modules are "
        "`[tool.mutmut] only_mutate` in pyproject.toml, each measured against its own "
        "tests only (`pytest_add_cli_args_test_selection`); how to read this: "
        "[tests](tests.md#mutation-testing).",
        "",
        "| module | mutants | killed | score |",
        "|---|---:|---:|---:|",
    ]
    total = total_killed = 0
    for module, counts in per_module.items():
        checked = sum(counts.values())
        total += checked
        total_killed += counts["killed"]
        lines.append(f"| `{module}` | {checked:,} | {counts['killed']:,} | "
                     f"{100 * counts['killed'] / checked:.1f}% |")
    lines.append(f"| all | {total:,} | {total_killed:,} | "
                 f"{100 * total_killed / total:.1f}% |")
    lines += ["", f"## Surviving mutants ({len(survivors)})", ""]
    if survivors:
        lines.append("`mutmut show NAME` shows the change.")
        lines.append("")
        lines += [f"- `{survivor}`" for survivor in survivors]
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if "--report-only" not in args:
        run = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", "2"],
                             cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
        if run.returncode not in (0, 1):
            print(f"mutmut run ended with exit code {run.returncode}", file=sys.stderr)
            return run.returncode
    per_module, survivors = results(MUTANTS, _status_by_exit_code())
    if not per_module:
        print("no mutation results in mutants/: run `make mutation`", file=sys.stderr)
        return 2
    report = render(per_module, survivors, day=datetime.date.today(),
                    mutmut_version=version("mutmut"), cores=os.cpu_count() or 1)
    REPORT.write_text(report, encoding="utf-8")
    print(f"{REPORT.relative_to(ROOT)}: {len(per_module)} modules, "
          f"{len(survivors)} surviving mutants")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
