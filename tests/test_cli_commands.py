"""The CLI: thin commands, one-line errors with exit codes, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests import DATA
from vngkb.cli.commands import main


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("args", "code", "message"), [
    (["ask", "nope"], 2, "vngkb: geen vraag met de naam 'nope'; bekende vragen: "),
    (["ask", "decentralisatie-uitkeringen-per-startjaar", "-p", "jaar=20x0"], 2,
     "vngkb: parameter jaar: '20x0' is geen jaartal (vier cijfers, bv. 2020)"),
    (["ask", "decentralisatie-uitkeringen-per-startjaar", "-p", "jr=2020"], 2,
     "vngkb: vraag decentralisatie-uitkeringen-per-startjaar heeft geen parameter 'jr' "
     "(bedoelde u 'jaar'? parameters: jaar, brief)"),
    (["ask", "decentralisatie-uitkeringen-per-startjaar", "-p", "2020"], 2,
     "vngkb: --param '2020': verwacht NAAM=WAARDE"),
    (["ask", "maatregelen-per-standpunt", "-p", "standpunt=boos"], 2,
     "vngkb: parameter standpunt: 'boos' is niet een van: afwachtend, bezorgd, gemengd, "
     "kritisch, neutraal, positief"),
    (["ask", "maatregelen-per-standpunt", "--endpoint", "http://127.0.0.1:9/sparql"], 3,
     "vngkb: kan http://127.0.0.1:9/sparql niet bereiken: Connection refused"),
    (["query", "-"], 2, "vngkb: de query is leeg"),
    (["validate", str(DATA / "kb" / "syntax-error.ttl")], 2,
     "syntax-error.ttl:7: Turtle-syntaxfout"),
])
def test_bad_input_is_one_line_and_an_exit_code(args: list[str], code: int,
                                                 message: str) -> None:
    exit_code, _out, err = run(*args, stdin="")
    assert exit_code == code
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_query_from_stdin_as_json() -> None:
    code, out, _ = run("query", "-", "--format", "json", stdin=(
        "SELECT ?n WHERE { ?h a def:Hoofdstuk ; def:nummer ?n } ORDER BY ?n"))
    assert code == 0
    assert [r["n"] for r in json.loads(out)] == list(range(1, 11))


def test_malformed_query_is_a_clear_error() -> None:
    """Not on a terminal (a pipe, a log): one line that says what and where."""
    code, _, err = run("query", "-", stdin="SELECT * WHERE { ?s ?p }")
    assert code == 2
    assert err.startswith("vngkb: SPARQL-syntaxfout op regel 1, kolom 25: ")
    assert len(err.strip().splitlines()) == 1
    code, _, err = run("--lang", "en", "query", "-", stdin="SELECT * WHERE { ?s ?p }")
    assert code == 2
    assert err.startswith("vngkb: SPARQL syntax error at line 1, column 25: ")
    assert len(err.strip().splitlines()) == 1


def test_malformed_query_on_a_terminal_shows_the_line_and_a_caret(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("vngkb.cli.commands._stderr_is_terminal", lambda: True)
    code, _, err = run("query", "-", stdin="PREFIX x: <http://x/>\nSELECT * WHERE { ?s ?p }")
    assert code == 2
    lines = err.splitlines()
    assert lines[0].startswith("vngkb: SPARQL-syntaxfout op regel 2, kolom 25: ")
    assert lines[1:] == ["  2 | SELECT * WHERE { ?s ?p }", " " * 30 + "^"]


def test_missing_endpoint_exits_3(oxigraph_endpoint: str) -> None:
    missing = oxigraph_endpoint.replace("/query", "/nergens")
    code, out, err = run("ask", "hoofdstukken", "--endpoint", missing)
    assert (code, out) == (3, "")
    assert err.startswith(f"vngkb: SPARQL-endpoint {missing} niet gevonden (HTTP 404)")
    assert len(err.strip().splitlines()) == 1


def test_ask_query_prints_boolean() -> None:
    code, out, _ = run("query", "-", stdin="ASK { ?m a def:Maatregel }")
    assert (code, out.strip()) == (0, "true")


def test_questions_lists_the_catalogue() -> None:
    code, out, _ = run("questions", "--format", "json")
    names = {q["name"] for q in json.loads(out)}
    assert code == 0
    assert "decentralisatie-uitkeringen-per-startjaar" in names


def test_validate_shipped_kb() -> None:
    code, out, _ = run("validate")
    assert code == 0, out
    last = out.strip().splitlines()[-1]
    assert " triples: voldoet (0 overtreding(en), " in last, out


def test_validate_broken_fixture_exits_1(tmp_path: Path) -> None:
    code, out, _ = run("validate", *[str(p) for p in sorted(Path("ontology").glob("*.ttl"))],
                       "kb/ledenbrief-miljoenennota-2020/brief.ttl",
                       str(DATA / "kb" / "broken-measure.ttl"))
    assert code == 1
    assert "maatregel/ledenbrief-miljoenennota-2020/kapot def:standpunt" in out
    assert out.strip().splitlines()[-1].startswith("voldoet NIET") is False
    assert "voldoet NIET" in out


def test_audit_reports_the_letters_discrepancies_and_fails() -> None:
    code, out, _ = run("audit", "--format", "json")
    assert code == 1
    rows = json.loads(out)
    assert {r["check"] for r in rows if not r["note"]} == {
        "inflatiecorrectie.cep-2019.2024", "inflatiecorrectie.mev-2020.2024"}


def test_accres_what_if_changes_dependent_figures() -> None:
    _, base, _ = run("accres", "--format", "json")
    code, changed, _ = run("accres", "--format", "json", "--set", "inflatiecorrectie.2020=2.5")
    assert code == 0

    def cell(rows: str, circulaire: str, quantity: str) -> object:
        return next(r["computed"] for r in json.loads(rows) if r["circulaire"] == circulaire
                    and r["year"] == 2020 and r["quantity"] == quantity)

    # Sept. 2020: real % = 4,65 - 2,05 (MEV) printed; with 2,5 it becomes 2,15.
    assert cell(base, "septembercirculaire-2019", "reeel-accrespercentage") == 2.6
    assert cell(changed, "septembercirculaire-2019", "reeel-accrespercentage") == 2.15
    assert cell(changed, "septembercirculaire-2019", "nominaal-accres") == cell(
        base, "septembercirculaire-2019", "nominaal-accres")


@pytest.mark.parametrize(("setting", "message"), [
    ("foo=1", "vngkb: onbekende financiële invoer 'foo'"),
    ("inflatiecorrectie.2020=abc", "'abc' is geen gewoon decimaal getal"),
    ("inflatiecorrectie.2031=1", "jaar 2031 ligt buiten de tabellen (2019-2024)"),
    ("inflatiecorrectie.2020", "verwacht NAAM=WAARDE"),
])
def test_accres_bad_input(setting: str, message: str) -> None:
    code, _, err = run("accres", "--set", setting)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


# --- command names: English, the former Dutch names as aliases ----------------------

ALIAS_PAIRS = [("interpret", "vraag"), ("search", "zoek"), ("show", "toon"),
               ("source", "bron"), ("totals", "totalen")]


def test_the_help_lists_each_alias_beside_its_command() -> None:
    code, out, _ = run("--help")
    assert code == 0
    rows = [line.split()[:2] for line in out.splitlines() if line.startswith("  ")]
    named = {row[0]: row[1] for row in rows if len(row) == 2 and row[1].startswith("(")}
    assert named == {name: f"({alias})" for name, alias in ALIAS_PAIRS}


def test_the_aliases_are_no_commands_of_their_own() -> None:
    from click import Context

    from vngkb.cli.commands import ALIASES

    assert sorted(ALIASES.items()) == sorted(ALIAS_PAIRS)
    names = main.list_commands(Context(main))
    assert [alias for alias in ALIASES.values() if alias in names] == []
    assert all(name in names for name in ALIASES)


@pytest.mark.parametrize(("name", "alias"), ALIAS_PAIRS)
def test_an_alias_is_the_command(name: str, alias: str) -> None:
    by_name = run("--lang", "en", name, "--help")
    by_alias = run("--lang", "en", alias, "--help")
    assert by_name == by_alias
    assert by_name[1].startswith(f"Usage: main {name} [OPTIONS]")  # main: CliRunner's name


@pytest.mark.parametrize(("english", "dutch"), [
    (["totals", "--year", "2021", "--recipient", "gemeenten", "--letter",
      "ledenbrief-miljoenennota-2020", "-f", "csv"],
     ["totalen", "--jaar", "2021", "--ontvanger", "gemeenten", "--brief",
      "ledenbrief-miljoenennota-2020", "-f", "csv"]),
    (["source", "--paragraphs", "37-38"], ["bron", "--alineas", "37-38"]),
    (["search", "--any", "--limit", "2", "archiefwet", "warmtefonds"],
     ["zoek", "--of", "--limiet", "2", "archiefwet", "warmtefonds"]),
])
def test_the_former_option_names_still_work(english: list[str], dutch: list[str]) -> None:
    by_english = run(*english)
    assert by_english[0] == 0
    assert by_english[1] != ""
    assert run(*dutch) == by_english


@pytest.mark.parametrize(("typed", "hint"), [
    ("zoke", "bedoelde u 'zoek'?"),
    ("shwo", "bedoelde u 'show'?"),
])
def test_a_misspelt_command_or_alias_gets_a_suggestion(typed: str, hint: str) -> None:
    assert run(typed) == (2, "", f"vngkb: geen commando '{typed}'; {hint}\n")
