"""The same thing has the same name across commands (docs/columns.md): the keys of
``vngkb measures --format json`` and of the amounts in ``vngkb show --format json`` are
documented names, and a name documented for the questions is a column of one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from vngkb.cli.commands import main
from vngkb.core.paths import QUERIES_DIR

DOC = Path(__file__).parent.parent / "docs" / "columns.md"


def documented() -> dict[str, str]:
    """Each documented name with the commands it is in (the table's third column)."""
    names: dict[str, str] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 3:
            for name in re.findall(r"`(\w+)`", cells[0]):
                names[name] = cells[2]
    return names


def keys(value: Any) -> set[str]:
    """Every key of every object in *value*, at any depth."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


def test_the_table_is_read() -> None:
    names = documented()
    assert len(names) == 35  # brief: the letter of a measure (toon) or a hit (search)
    assert names["eersteJaar"] == "measures, toon, questions"


def test_measures_json_keys_are_documented_names() -> None:
    result = CliRunner().invoke(main, ["measures", "--format", "json"])
    assert result.exit_code == 0
    found = keys(json.loads(result.stdout))
    # "label" is the ministry's name inside "ministerie" {iri, label}.
    assert found - {"label"} <= set(documented())
    assert {"waarde", "eersteJaar", "laatsteJaar", "citaat", "bedragen"} <= found


def test_toon_amount_keys_are_documented_names() -> None:
    result = CliRunner().invoke(main, ["toon", "woningbouw", "--format", "json"])
    assert result.exit_code == 0
    amounts = json.loads(result.stdout)["bedragen"]
    found = keys(amounts)
    assert found <= set(documented())
    assert {"waarde", "eersteJaar", "citaat", "citaten", "telling"} <= found


def test_toon_series_keys_are_documented_names() -> None:
    result = CliRunner().invoke(main, ["toon", "laaggeletterdheid", "--format", "json"])
    assert result.exit_code == 0
    found = keys(json.loads(result.stdout)["bedragen"])
    assert {"reeks", "waarden", "bedrag", "label"} <= found <= set(documented())


def test_measures_csv_columns_are_documented_names() -> None:
    result = CliRunner().invoke(main, ["measures", "--format", "csv"])
    assert result.exit_code == 0
    assert set(result.stdout.splitlines()[0].split(",")) <= set(documented())


def test_names_documented_for_the_questions_are_question_columns() -> None:
    columns: set[str] = set()
    for path in QUERIES_DIR.glob("*.rq"):
        select = re.search(r"^SELECT\b(.*?)\bWHERE\b", path.read_text(encoding="utf-8"),
                           re.MULTILINE | re.DOTALL)
        if select:
            columns |= set(re.findall(r"\?(\w+)\s*(?:\)|$|\s)", select.group(1)))
    in_questions = {name for name, where in documented().items() if "questions" in where}
    assert len(in_questions) == 19
    assert in_questions - columns == set()


def test_the_letter_is_named_brief_in_toon_and_search() -> None:
    shown = json.loads(CliRunner().invoke(main, ["show", "woningbouw", "-f", "json"]).stdout)
    assert shown["brief"] == {"id": "ledenbrief-miljoenennota-2020",
                              "titel": "Ledenbrief Miljoenennota 2020"}
    hits = json.loads(CliRunner().invoke(main, ["search", "woningbouw", "-f", "json"]).stdout)
    assert {hit["brief"] for hit in hits} == {"ledenbrief-miljoenennota-2020"}
    assert "brief" in documented()
