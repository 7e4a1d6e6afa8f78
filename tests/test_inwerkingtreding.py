"""Entry into force, funding conditions and accres revision reasons: the shapes reject
broken facts with messages that name the node and the field, the date and year
questions select exactly at their boundaries, and a date parameter accepts only a real
calendar date written YYYY-MM-DD."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests import DATA
from vngkb import api
from vngkb.cli.commands import main
from vngkb.core.errors import ParameterError
from vngkb.core.paths import ONTOLOGY_DIR, SHIPPED_LETTER_DIR, turtle_files
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.query import catalogue
from vngkb.validate.validation import validate

ID = "https://w3id.org/vngkb/id/"


def _with(fixture: str) -> list[Path]:
    return [*turtle_files(ONTOLOGY_DIR), SHIPPED_LETTER_DIR / "brief.ttl", DATA / "kb" / fixture]


def test_broken_entry_into_force_condition_and_reason_are_rejected() -> None:
    report = validate(_with("broken-inwerkingtreding.ttl"))
    assert not report.conforms
    found = {(f.focus, f.path, f.message_en) for f in report.findings
             if f.severity == "Violation" and f.message_en}
    assert found == {
        ("inwerkingtreding/ledenbrief-miljoenennota-2020/kapot", "def:citaat",
         "Entry into force: exactly one quote (def:citaat) required"),
        ("inwerkingtreding/ledenbrief-miljoenennota-2020/kapot", "def:datum",
         "Entry into force: date (def:datum) must be exactly one xsd:date, xsd:gYearMonth or "
         "xsd:gYear"),
        ("inwerkingtreding/ledenbrief-miljoenennota-2020/kapot", "def:inwerkingtredingsstatus",
         "Entry into force: status (def:inwerkingtredingsstatus) missing or not in the "
         "entry-into-force status scheme"),
        (f"inwerkingtreding/{LB}/kapot", "", "Entry into force: belongs to no measure "
         "(def:inwerkingtreding)"),
        (f"inwerkingtreding/{LB}/jaar-ernaast", "", "Entry into force: belongs to no measure "
         "(def:inwerkingtreding)"),
        # The status that failed its scheme is named on its own as well.
        ("standpunt/positief", "skos:inScheme",
         "Value is not in the entry-into-force status scheme"),
        ("voorwaarde/ledenbrief-miljoenennota-2020/kapot", "def:soortVoorwaarde",
         "Condition: kind (def:soortVoorwaarde) missing or not in the condition kind scheme"),
        ("voorwaarde/ledenbrief-miljoenennota-2020/kapot", "def:eenheid",
         'Condition: unit (def:eenheid) must be "EUR", "%", "projecten" or "jaar"'),
        (f"voorwaarde/{LB}/kapot", "", "Condition: belongs to no measure (def:voorwaarde)"),
        (f"voorwaarde/{LB}/zonder-eenheid", "",
         "Condition: belongs to no measure (def:voorwaarde)"),
        ("accresreden/ledenbrief-miljoenennota-2020/kapot", "def:soortReden",
         "Accres reason: kind (def:soortReden) missing or not in the accres reason scheme"),
        ("accresredensoort/verzonnen", "skos:inScheme",
         "Value is not in the accres reason scheme"),
        ("accresreden/ledenbrief-miljoenennota-2020/kapot", "def:werking",
         "Accres reason: effect (def:werking) missing or not in the accres effect scheme"),
        ("accresreden/ledenbrief-miljoenennota-2020/kapot", "schema:value",
         "Accres reason: amount (schema:value) must be one xsd:decimal greater than 0 (euros)"),
        (f"accresreden/{LB}/kapot", "", "Accres reason: explains no revision (def:reden)"),
    }
    # The closed shape names the unknown property; the QC checks name the node and the
    # check: a year that is not the date's year, a minimum above the maximum, a bound
    # without a unit, a value that is no concept of any scheme.
    rest = {(f.focus, f.path, f.message_nl) for f in report.findings
            if f.severity == "Violation" and not f.message_en}
    assert rest == {
        ("voorwaarde/ledenbrief-miljoenennota-2020/kapot", "def:onbekendVeld",
         f'Node <https://w3id.org/vngkb/id/voorwaarde/{LB}/kapot> is closed. It cannot have value: '
         'Literal("x")'),
        (f"inwerkingtreding/{LB}/kapot", "", "QC check inwerkingtreding-jaar"),
        (f"inwerkingtreding/{LB}/jaar-ernaast", "", "QC check inwerkingtreding-jaar"),
        ("voorwaarde/ledenbrief-miljoenennota-2020/kapot", "", "QC check voorwaarde-grenzen"),
        (f"voorwaarde/{LB}/zonder-eenheid", "", "QC check voorwaarde-grenzen"),
        ("accresreden/ledenbrief-miljoenennota-2020/kapot", "", "QC check concept-buiten-schema"),
    }
    dutch = {f.message_nl for f in report.findings if f.path == "def:citaat"}
    assert dutch == {"Inwerkingtreding: precies één citaat (def:citaat) vereist"}


def _subjects(question: str, **params: str) -> list[str]:
    table = api.ask(question, params)
    column = table.columns.index("inwerkingtreding")
    subjects = []
    for row in table.rows:
        term = row[column]
        assert term is not None
        subjects.append(term.value.removeprefix(f"{ID}inwerkingtreding/ledenbrief-miljoenennota-2020/"))
    return subjects


@pytest.mark.parametrize(("jaar", "expected"), [
    # The earliest year the letter gives: "in 2019 een tweejarige subsidieregeling"
    # (1427), "in 2019 een eerste stap" (2193), then by day "per 1 januari 2019" (223),
    # "Sinds 1 januari 2019" (331); nothing the year before.
    ("2018", []),
    ("2019", ["subsidieregeling-regionale-publieke-media",
              "abonnementstarief-maatwerkvoorzieningen", "sportvrijstelling-omzetbelasting",
              "toegankelijke-stembureaus"]),
    # The latest: "per 2022 in werking kan treden" (439), "per 2022 pas een verplichting"
    # (1346), "opgeschort tot uiterlijk 1 januari 2022" (1957-1958, two laws: two rows);
    # nothing the year after.
    ("2022", ["pensioenstelsel", "voorschoolse-educatie-hbo", "quotumheffing",
              "quotumheffing"]),
    ("2023", []),
    # 2020: two with only a year, then by day: four on 1 januari, one on 1 augustus.
    ("2020", ["besluit-bijstandverlening-zelfstandigen", "abonnementstarief-wmo",
              "wet-arbeidsmarkt-in-balans", "wet-normalisering-rechtspositie-ambtenaren",
              "basisregistratie-ondergrond-tranche-2", "experiment-gesloten-coffeeshopketen",
              "voorschoolse-educatie-16-uur"]),
])
def test_entry_into_force_per_year_at_its_boundaries(jaar: str, expected: list[str]) -> None:
    assert _subjects("inwerkingtreding-in-jaar", jaar=jaar) == expected


@pytest.mark.parametrize(("datum", "expected"), [
    ("2019-12-31", []),
    ("2020-01-02", []),
    # "de implementatie is uitgesteld naar 1 augustus 2020" (1337).
    ("2020-08-01", ["voorschoolse-educatie-16-uur"]),
    ("2020-07-31", []),
    # A law with only a year ("in 2021 van kracht", 684) is not on a day of that year.
    ("2021-01-01", ["omgevingswet"]),
    ("2022-01-01", ["quotumheffing", "quotumheffing"]),
])
def test_entry_into_force_on_a_date_at_its_boundaries(datum: str, expected: list[str]) -> None:
    assert _subjects("inwerkingtreding-op-datum", datum=datum) == expected


@pytest.mark.parametrize("bad", [
    "2021-02-30", "2021-13-01", "2021-00-10", "0000-01-01", "2021-1-1", "20210101",
    "2021", "2021-01-01T00:00:00", "+2021-01-01", "2021-01-01Z", "'2021-01-01'",
    '"2021-01-01"', "{2021-01-01}", "2021-01-01\x00", "2021-01\x0b-01", "２０２１-01-01",
    "٢٠٢١-٠١-٠١", "2021-01-01 ; DROP", "9" * 10_000, "", "2021-01-01 2021-01-02",
])
def test_a_date_parameter_accepts_only_real_dates(bad: str) -> None:
    with pytest.raises(ParameterError, match=r"^parameter datum: .* is geen datum "
                       r"\(JJJJ-MM-DD, bv\. 2021-01-01\)$"):
        api.ask("inwerkingtreding-op-datum", {"datum": bad})


def test_a_bad_date_on_the_command_line_is_one_line_and_exit_2() -> None:
    result = CliRunner().invoke(main, ["ask", "inwerkingtreding-op-datum", "--param",
                                       "datum=2021-02-29"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "vngkb: parameter datum: '2021-02-29' is geen datum (JJJJ-MM-DD, bv. 2021-01-01)"]
    assert "Traceback" not in result.output


def test_a_leap_day_is_a_date() -> None:
    assert _subjects("inwerkingtreding-op-datum", datum="2020-02-29") == []


def test_the_date_question_declares_a_date_parameter() -> None:
    parameter = catalogue.find_question("inwerkingtreding-op-datum").parameter("datum")
    assert (parameter.kind, parameter.default, parameter.optional) == (
        "date", "2020-01-01", False)
    assert parameter.type_description == "date (xsd:date, YYYY-MM-DD)"
    term = parameter.to_term(" 2021-01-01 ")
    assert (term.value, term.datatype) == ("2021-01-01",
                                           "http://www.w3.org/2001/XMLSchema#date")


def test_a_bad_date_in_english_and_a_huge_one_cut_to_eighty_characters() -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "ask", "inwerkingtreding-op-datum",
                                       "--param", "datum=2021-02-29"])
    assert (result.exit_code, result.output.strip()) == (
        2, "vngkb: parameter datum: '2021-02-29' is not a date (YYYY-MM-DD, e.g. 2021-01-01)")
    huge = CliRunner().invoke(main, ["ask", "inwerkingtreding-op-datum", "--param",
                                     "datum=" + "9" * 10_000])
    assert huge.exit_code == 2
    line = huge.output.strip()
    assert line.startswith("vngkb: parameter datum: '99999")
    assert line.endswith("is geen datum (JJJJ-MM-DD, bv. 2021-01-01)")
    assert len(line) < 200
