"""The docs are generated from the catalogue: queries/README.md must be the generated
text, and `vngkb ask NAME --help` describes the question."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from vngkb.cli.commands import main
from vngkb.query import catalogue, docs


def test_committed_readme_is_the_generated_one() -> None:
    committed = docs.README.read_text(encoding="utf-8")
    assert committed == docs.catalogue_markdown(), (
        "queries/README.md is out of date: run `python -m vngkb.query.docs --write`")


def test_check_mode_reports_an_outdated_readme(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert docs.main(["--check"]) == 0
    stale = tmp_path / "README.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr(docs, "README", stale)
    assert docs.main(["--check"]) == 1


def test_readme_lists_every_question_with_example_and_parameters() -> None:
    text = docs.catalogue_markdown()
    for name, question in catalogue.load_catalogue().items():
        assert f"### {name}\n" in text
        assert f"](#{name})" in text
        assert f"\nvngkb ask {name}" in text
        for parameter in question.parameters:
            assert f"| `{parameter.name}` |" in text
    assert "## Where grlc's conventions stop" in text


def test_example_uses_short_names_and_defaults() -> None:
    question = catalogue.find_question("maatregelen-per-effecttype")
    assert docs.example_command(question) == (
        "vngkb ask maatregelen-per-effecttype -p effecttype=nieuwe-taak"
        " -p brief=ledenbrief-miljoenennota-2020")
    question = catalogue.find_question("zoek-in-teksten")
    assert docs.example_command(question) == (
        "vngkb ask zoek-in-teksten -p zoekterm=uitvoeringstoets"
        " -p brief=ledenbrief-miljoenennota-2020")


def test_ask_help_shows_the_question() -> None:
    result = CliRunner().invoke(main, ["ask", "bedragen-per-ministerie", "--help"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("bedragen-per-ministerie: Bedragen per ministerie\n")
    assert "ministerie: IRI van een tooiont:Ministerie; verplicht; standaard mnre1025" in out
    assert "toegestaan: mnre1010, mnre1013" in out
    assert "VWS = mnre1025" in out  # the abbreviation the KB gives the ministry
    assert "Voorbeeld:\n  vngkb ask bedragen-per-ministerie -p ministerie=mnre1025" in out
    assert "ask [OPTIONS] NAME" in out  # the generic options follow


def test_ask_help_after_options_and_for_a_year() -> None:
    result = CliRunner().invoke(main, ["ask", "-f", "csv", "accres-per-jaar", "--help"])
    assert result.exit_code == 0
    assert "jaar: jaartal (xsd:gYear); verplicht; standaard 2020" in result.stdout
    assert "toegestaan: 2019, 2020, 2021, 2022, 2023, 2024" in result.stdout
    english = CliRunner().invoke(main, ["--lang", "en", "ask", "accres-per-jaar", "--help"])
    assert "jaar: year (xsd:gYear); required; default 2020" in english.stdout
    assert "allowed: 2019, 2020, 2021, 2022, 2023, 2024" in english.stdout
    assert "Example:\n  vngkb ask accres-per-jaar -p jaar=2020" in english.stdout


def test_ask_help_without_a_name_is_the_generic_help() -> None:
    result = CliRunner().invoke(main, ["ask", "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Gebruik: ") and "ask [OPTIONS] NAME" in result.stdout


def test_ask_help_for_an_unknown_question_is_an_error() -> None:
    result = CliRunner().invoke(main, ["ask", "nope", "--help"])
    assert result.exit_code == 2
    assert result.stderr.startswith("vngkb: geen vraag met de naam 'nope'")


def test_docs_command_prints_the_readme() -> None:
    result = CliRunner().invoke(main, ["docs"])
    assert result.exit_code == 0
    assert result.stdout == docs.catalogue_markdown()
