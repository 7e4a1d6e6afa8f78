"""scripts/mutation.py: the mutation report written from mutmut's stored results."""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from scripts import mutation

#: mutmut's exit codes as its status table has them (a subset).
STATUSES: dict[int | None, str] = {1: "killed", 0: "survived", 33: "no tests",
                                   36: "timeout", None: "not checked"}


def write_meta(folder: Path, module: str, codes: dict[str, int | None]) -> None:
    meta = folder / (module + ".meta")
    meta.parent.mkdir(parents=True, exist_ok=True)
    meta.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")


def test_results_count_per_module_and_name_the_survivors(tmp_path: Path) -> None:
    write_meta(tmp_path, "vngkb/rdf/terms.py", {"t__mutmut_2": 1, "t__mutmut_1": 36,
                                                "t__mutmut_3": None})
    write_meta(tmp_path, "vngkb/query/store.py", {"s__mutmut_1": 0, "s__mutmut_2": 33,
                                                  "s__mutmut_3": 1, "s__mutmut_4": 7})
    write_meta(tmp_path, "vngkb/core/paths.py", {"p__mutmut_1": None})
    per_module, survivors = mutation.results(tmp_path, STATUSES)
    assert per_module == {
        "vngkb/query/store.py": Counter({"killed": 2, "survived": 1, "no tests": 1}),
        "vngkb/rdf/terms.py": Counter({"killed": 2}),
    }
    assert survivors == ["s__mutmut_1: survived", "s__mutmut_2: no tests"]


def test_the_report_has_the_scores_the_total_and_every_survivor() -> None:
    per_module = {"vngkb/query/store.py": Counter({"killed": 3, "survived": 1}),
                  "vngkb/rdf/terms.py": Counter({"killed": 2})}
    report = mutation.render(per_module, ["s__mutmut_1: survived"],
                             day=datetime.date(2026, 12, 7), mutmut_version="3.8.1", cores=2)
    assert report.startswith("# Mutation report\n")
    assert "Run of 2026-12-07: `make mutation` (mutmut 3.8.1," in report
    assert "| `vngkb/query/store.py` | 4 | 3 | 75.0% |" in report
    assert "| `vngkb/rdf/terms.py` | 2 | 2 | 100.0% |" in report
    assert "| all | 6 | 5 | 83.3% |" in report
    assert "## Surviving mutants (1)" in report
    assert report.endswith("- `s__mutmut_1: survived`\n")


def test_no_survivors_says_so() -> None:
    report = mutation.render({"m.py": Counter({"killed": 1})}, [],
                             day=datetime.date(2026, 12, 7), mutmut_version="3.8.1", cores=2)
    assert report.endswith("## Surviving mutants (0)\n\nNone.\n")


def test_without_results_the_report_is_left_as_it_is(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    report = tmp_path / "mutation.md"
    report.write_text("the last report\n", encoding="utf-8")
    monkeypatch.setattr(mutation, "MUTANTS", tmp_path / "mutants")
    monkeypatch.setattr(mutation, "REPORT", report)
    assert mutation.main(["--report-only"]) == 2
    assert capsys.readouterr().err == "no mutation results in mutants/: run `make mutation`\n"
    assert report.read_text(encoding="utf-8") == "the last report\n"


def test_report_only_writes_the_report_from_stored_results(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    write_meta(tmp_path / "mutants", "vngkb/rdf/terms.py", {"t__mutmut_1": 1})
    monkeypatch.setattr(mutation, "ROOT", tmp_path)
    monkeypatch.setattr(mutation, "MUTANTS", tmp_path / "mutants")
    monkeypatch.setattr(mutation, "REPORT", tmp_path / "mutation.md")
    assert mutation.main(["--report-only"]) == 0
    assert "| `vngkb/rdf/terms.py` | 1 | 1 | 100.0% |" in (tmp_path / "mutation.md").read_text(
        encoding="utf-8")


def test_the_committed_report_adds_up() -> None:
    committed = mutation.REPORT.read_text(encoding="utf-8")
    assert committed.startswith("# Mutation report\n\n<!-- Written by `make mutation`")
    rows = re.findall(r"^\| `?([^`|]+)`? \| ([\d,]+) \| ([\d,]+) \| ([\d.]+)% \|$",
                      committed, re.M)
    numbers = {name: (int(mutants.replace(",", "")), int(killed.replace(",", "")),
                      float(score)) for name, mutants, killed, score in rows}
    total = numbers.pop("all")
    assert len(numbers) == len(mutation_modules())
    assert total[:2] == (sum(n[0] for n in numbers.values()), sum(n[1] for n in numbers.values()))
    for mutants, killed, score in [*numbers.values(), total]:
        assert score == round(100 * killed / mutants, 1)


def mutation_modules() -> list[str]:
    """The modules pyproject.toml has mutmut mutate."""
    with open(mutation.ROOT / "pyproject.toml", "rb") as config:
        return list(tomllib.load(config)["tool"]["mutmut"]["only_mutate"])
