"""``make mutation``: run mutmut on the modules where a silent bug costs most, then print
the mutation score per module and every surviving mutant.

Why mutmut: it mutates the source in a copy (``mutants/``), runs only the tests that
cover each mutated function (it records that once), runs mutants in parallel, and keeps
its results per file, so a run on the modules below takes minutes, not hours, on two
cores. The configuration is in pyproject.toml (``[tool.mutmut]``).

Scores count "killed" (a test failed, crashed or timed out) against every mutant that
was checked; "no tests" (no test covers the mutated code) counts as surviving.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
KILLED = {"killed", "timeout", "segfault", "caught by type check", "suspicious"}


def _status_by_exit_code() -> dict[int | None, str]:
    from mutmut.__main__ import status_by_exit_code  # type: ignore[attr-defined]

    return {code: str(status) for code, status in status_by_exit_code.items()}


def report() -> tuple[dict[str, Counter[str]], list[str]]:
    """Per module: mutants by status; and the names of the surviving mutants."""
    statuses = _status_by_exit_code()
    per_module: dict[str, Counter[str]] = {}
    survivors: list[str] = []
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        module = str(meta.relative_to(MUTANTS)).removesuffix(".meta")
        data = json.loads(meta.read_text(encoding="utf-8"))
        counts: Counter[str] = Counter()
        for name, code in data["exit_code_by_key"].items():
            status = statuses.get(code, "killed" if code else "survived")
            if status == "not checked":
                continue
            counts["killed" if status in KILLED else status] += 1
            if status not in KILLED:
                survivors.append(f"{name}: {status}")
        if counts:
            per_module[module] = counts
    return per_module, survivors


def main() -> int:
    if "--report-only" not in sys.argv:
        run = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", "2"],
                             cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
        if run.returncode not in (0, 1):
            print(f"mutmut run ended with exit code {run.returncode}", file=sys.stderr)
            return run.returncode
    per_module, survivors = report()
    if not per_module:
        print("no mutation results in mutants/: run `make mutation`", file=sys.stderr)
        return 2
    total_killed = total = 0
    print(f"{'module':<36} {'mutants':>8} {'killed':>7} {'score':>7}")
    for module, counts in per_module.items():
        checked = sum(counts.values())
        total += checked
        total_killed += counts["killed"]
        print(f"{module:<36} {checked:>8} {counts['killed']:>7} "
              f"{100 * counts['killed'] / checked:>6.1f}%")
    print(f"{'all':<36} {total:>8} {total_killed:>7} {100 * total_killed / total:>6.1f}%")
    print(f"\n{len(survivors)} surviving mutants (`mutmut show NAME` shows the change):")
    for survivor in survivors:
        print("  " + survivor)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
