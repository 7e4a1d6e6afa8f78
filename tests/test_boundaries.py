"""Every compared year or amount of a canned question at its boundary, one below and one
above, with the answer the letter gives (line numbers of
``sources/ledenbrief-miljoenennota-2020.txt`` in the comments).

The researchers' questions (the second half of this file) are tried the same way: their
exact answers are rows of ``CASES`` in ``tests/test_api.py``; here every compared
parameter is tried at a boundary value taken from the letter, one below and one above,
and every way of naming a law gives the same answer.

Boundaries tested elsewhere are not repeated: bedragen-vanaf's minimum
(tests/test_api.py), inwerkingtreding-in-jaar (tests/test_inwerkingtreding.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from tests.web import InProcess, fetch
from vngkb import api
from vngkb.cli.commands import main
from vngkb.core.errors import ParameterError
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.query.store import EmbeddedStore
from vngkb.server import create_app

ID = "https://w3id.org/vngkb/id/"


def _column(name: str, params: dict[str, str], column: str) -> list[str]:
    """The last part of the IRIs in *column* of the answer, in its order."""
    table = api.ask(name, params)
    index = table.columns.index(column)
    return [str(row[index]).rsplit("/", 1)[-1] for row in table.values()]


# --- bedragen-in-jaar: first year <= jaar <= last year -------------------------------------

#: Every amount counted in 2019, the first year any amount of the letter counts in:
#: SPUK sport "naar € 185 miljoen" (224), cybersecurity "€ 4 miljoen ... vanaf 2019
#: structureel" (926), culturele proeftuinen "in 2019 en 2020 ... jaarlijks ongeveer € 1,4
#: miljoen" (1399-1400), media "€ 3 miljoen te besteden in de laatste maanden van 2019"
#: (1434), abonnementstarief "per 2019 € 145 miljoen" (2203), sportakkoorden "in de jaren
#: 2019 tot en met 2021 jaarlijks € 10 miljoen" (2363).
IN_2019 = ["spuk-sport-budget-2019", "cybercrime-en-cybersecurity-personeel-jenv",
           "cultuur-proeftuinen", "media-omroepen-2019", "abonnementstarief-compensatie",
           "sport-lokale-sportakkoorden"]


YEARS = range(2018, 2026)


@pytest.fixture(scope="module")
def in_year() -> dict[int, list[dict[str, object]]]:
    """The answer of bedragen-in-jaar for every year from 2018 to 2025 (asked once)."""
    return {jaar: api.ask("bedragen-in-jaar", {"jaar": str(jaar)}).records() for jaar in YEARS}


@pytest.fixture(scope="module")
def counted(in_year: dict[int, list[dict[str, object]]]) -> dict[int, list[str]]:
    """The amounts bedragen-in-jaar counts, per year, in the answer's order."""
    return {jaar: [str(r["bedrag"]).removeprefix(ID + f"bedrag/{LB}/") for r in records]
            for jaar, records in in_year.items()}


@pytest.mark.parametrize(("jaar", "expected"), [
    ("2018", []),
    ("2019", IN_2019),
    # 2024 is the last year of the accres tables: open-ended amounts count up to it and
    # no further; no amount of the letter names a later year.
    ("2025", []),
])
def test_amounts_in_a_year_at_the_ends(counted: dict[int, list[str]], jaar: str,
                                       expected: list[str]) -> None:
    assert counted[int(jaar)] == expected


@pytest.mark.parametrize(("bedrag", "counted_in"), [
    # "vier x € 250 miljoen van 2020-2023" (568).
    ("woningbouw-rijksbijdrage-per-jaar", [2020, 2021, 2022, 2023]),
    # "in 2019 en 2020 ... jaarlijks ongeveer € 1,4 miljoen" (1399-1400).
    ("cultuur-proeftuinen", [2019, 2020]),
    # "€ 4,5 miljoen in 2021" (1434-1436): once, in its year.
    ("media-omroepen-2021", [2021]),
    # "vanaf 2019 structureel" (926): carried forward to 2024, the tables' last year.
    ("cybercrime-en-cybersecurity-personeel-jenv", [2019, 2020, 2021, 2022, 2023, 2024]),
    # "per 2020 een decentralisatie-uitkering van € 5 miljoen oplopend tot € 7,3 miljoen
    # in 2024" (1368-1369): the € 5 miljoen runs until the € 7,3 miljoen takes over.
    ("laaggeletterdheid-du-2020", [2020, 2021, 2022, 2023]),
    ("laaggeletterdheid-du-2024", [2024]),
])
def test_an_amount_counts_from_its_first_to_its_last_year(
        counted: dict[int, list[str]], bedrag: str, counted_in: list[int]) -> None:
    assert [jaar for jaar in YEARS if bedrag in counted[jaar]] == counted_in


@pytest.mark.parametrize(("jaar", "carried"), [("2019", "nee"), ("2020", "ja"),
                                               ("2024", "ja")])
def test_carried_forward_only_after_the_first_year(
        in_year: dict[int, list[dict[str, object]]], jaar: str, carried: str) -> None:
    """The cybersecurity amount (926) names 2019 only; later years are carried forward."""
    rows = [r for r in in_year[int(jaar)]
            if r["bedrag"] == ID + f"bedrag/{LB}/cybercrime-en-cybersecurity-personeel-jenv"]
    assert [r["doorgeteld"] for r in rows] == [carried]


# --- Questions that compare a year for equality --------------------------------------------

@pytest.mark.parametrize(("jaar", "expected"), [
    ("2018", []),
    # Proeftuinen "in 2019 en 2020" (1399-1401), sportakkoorden "2019 tot en met 2021"
    # (2363-2364), combinatiefuncties "per 2019 een vierjarenuitkering van € 73 miljoen".
    ("2019", ["cultuur-proeftuinen", "sport-lokale-sportakkoorden",
              "sport-combinatiefuncties"]),
    # (2020 is a case of tests/test_api.py.) No decentralisatie-uitkering starts later.
    ("2021", []),
])
def test_decentralisatie_uitkeringen_per_startjaar_around_its_years(
        jaar: str, expected: list[str]) -> None:
    answer = _column("decentralisatie-uitkeringen-per-startjaar", {"jaar": jaar}, "bedrag")
    assert answer == expected


@pytest.mark.parametrize(("jaar", "expected"), [
    # Woningbouw: temporary homes "tussen 2020 en 2024" (602); laaggeletterdheid "€ 7,3
    # miljoen in 2024" (1369); cultuur: "het cultuurstelsel 2021-2024" (1382).
    ("2024", ["woningbouw", "laaggeletterdheid", "cultuur"]),
    # (2025 is a case of tests/test_api.py: the last year any measure names.)
    ("2026", []),
])
def test_measures_per_year_around_the_last_year(jaar: str, expected: list[str]) -> None:
    assert _column("maatregelen-per-jaar", {"jaar": jaar}, "maatregel") == expected


@pytest.mark.parametrize(("jaar", "expected"), [
    # (2022 is a case of tests/test_api.py: the last year a bill names.)
    ("2023", []),
    ("2021", ["vernieuwd-verkiezingsproces", "pensioen", "data-en-open-overheidsinformatie",
              "omgevingswet-aanvullingswet-bodem", "omgevingswet-aanvullingswet-bodem",
              "mensen-met-arbeidsbeperking-aan-werk", "inburgering",
              "wet-bevorderen-samenwerking-en-rechtmatige-zorg",
              "wet-bevorderen-samenwerking-en-rechtmatige-zorg",
              "wet-bevorderen-samenwerking-en-rechtmatige-zorg"]),
])
def test_bills_per_year_around_the_last_year(jaar: str, expected: list[str]) -> None:
    assert _column("wetsvoorstellen-per-jaar", {"jaar": jaar}, "maatregel") == expected


# --- Amount minimums --------------------------------------------------------------------

def test_largest_amounts_just_below_a_boundary() -> None:
    """One euro below SPUK sport's € 177,9 miljoen for 2020 (2359) it is still in; the
    next larger amounts for gemeenten are not affected."""
    at = _column("grootste-bedragen-voor-ontvanger",
                 {"ontvanger": "gemeenten", "minimum": "177900000"}, "bedrag")
    below = _column("grootste-bedragen-voor-ontvanger",
                    {"ontvanger": "gemeenten", "minimum": "177899999"}, "bedrag")
    assert "sport-spuk-budget-2020" in at
    assert below == at


#: The letter's 100 amounts (bedragen-vanaf with minimum 0); the police's 6 (tests/test_api.py).
ALL_AMOUNTS = {"bedragen-vanaf": 100, "grootste-bedragen-voor-ontvanger": 6}


@pytest.mark.parametrize("name", ["bedragen-vanaf", "grootste-bedragen-voor-ontvanger"])
@pytest.mark.parametrize(("minimum", "accepted"), [
    ("0", True), ("-0", True), ("0,00", True), ("0.000000000001", True),
    ("-0.000000000001", False), ("-1", False),
])
def test_the_smallest_minimum_is_zero(name: str, minimum: str, accepted: bool) -> None:
    params = {"minimum": minimum}
    if name == "grootste-bedragen-voor-ontvanger":
        params["ontvanger"] = "politie"
    if accepted:
        assert len(api.ask(name, params).rows) == ALL_AMOUNTS[name]
    else:
        with pytest.raises(ParameterError,
                           match=rf"^parameter minimum: '{minimum}' ligt niet op of boven 0"):
            api.ask(name, params)


@pytest.mark.parametrize(("minimum", "smallest"), [
    # The smallest amount of the letter: the abonnementstarief "€ 17,50 per vier weken"
    # (2201); the next: "€ 19 per maand" (2201-2202).
    ("17.49", "abonnementstarief-maximale-bijdrage-2019"),
    ("17.5", "abonnementstarief-maximale-bijdrage-2019"),
    ("17.51", "abonnementstarief-maximale-bijdrage-2020"),
    ("19", "abonnementstarief-maximale-bijdrage-2020"),
])
def test_the_smallest_amounts_at_their_boundary(minimum: str, smallest: str) -> None:
    answer = _column("bedragen-vanaf", {"minimum": minimum}, "bedrag")
    assert answer[-1] == smallest
    assert len(answer) == (100 if minimum in ("17.49", "17.5") else 99)


# === The researchers' questions ===========================================================


def _bedragen(name: str, params: dict[str, str]) -> list[str]:
    """The amount IRIs (column ``bedrag``) of an answer, in its order."""
    table = api.ask(name, params)
    column = table.columns.index("bedrag")
    return [str(row[column]).removeprefix(ID + f"bedrag/{LB}/") for row in table.values()]


# --- grootste-bedragen-voor-ontvanger: minimum ----------------------------------------------

# Politie, digitalisering en cybercrime: "(€ 13,8 miljoen)" (regel 994); the next smaller
# amounts for the police are the AVIM motion's "tien miljoen" (regel 2488) and gebiedsgebonden
# politiezorg, € 9,9 miljoen (regel 993), below every minimum tried here.
POLITIE_GROOT = ["politie-structureel", "politie-dienst-speciale-interventie",
                 "politie-teams-verkeer"]


@pytest.mark.parametrize(("minimum", "expected"), [
    ("13799999", [*POLITIE_GROOT, "politie-digitalisering-cybercrime"]),
    ("13800000", [*POLITIE_GROOT, "politie-digitalisering-cybercrime"]),
    ("13800001", POLITIE_GROOT),
    # The same boundary written as the help text allows: a decimal comma and an exponent.
    ("13,8e6", [*POLITIE_GROOT, "politie-digitalisering-cybercrime"]),
])
def test_largest_amounts_for_a_recipient_at_the_minimum(minimum: str, expected: list[str]
                                                        ) -> None:
    answer = _bedragen("grootste-bedragen-voor-ontvanger",
                       {"ontvanger": "politie", "minimum": minimum})
    assert answer == expected


def test_largest_amounts_are_only_money_made_available_each_once() -> None:
    """Sport, 2020: the € 177,9 miljoen (regel 2359) counts; the "€ 178 miljoen" of regel
    225 is the same money and is left out; the € 228 miljoen applied for (regel 228) is not
    money made available."""
    answer = _bedragen("grootste-bedragen-voor-ontvanger",
                       {"ontvanger": "gemeenten", "minimum": "177900000"})
    assert "sport-spuk-budget-2020" in answer
    assert "spuk-sport-budget-2020" not in answer
    assert "spuk-sport-aanvragen-2019" not in answer
    assert "sport-spuk-budget-2020" not in _bedragen(
        "grootste-bedragen-voor-ontvanger", {"ontvanger": "gemeenten", "minimum": "177900001"})


@pytest.mark.parametrize("minimum", ["-1", "abc", "1e999", "nan", "{}", "'", "", "1" * 300])
def test_largest_amounts_reject_a_bad_minimum(minimum: str) -> None:
    with pytest.raises(ParameterError) as error:
        api.ask("grootste-bedragen-voor-ontvanger", {"ontvanger": "politie", "minimum": minimum})
    assert str(error.value).startswith("parameter minimum: ")


# --- bedragen-lopend-vanaf: jaar -----------------------------------------------------------

# Woningbouw: "vier x € 250 miljoen van 2020-2023" (regel 568), last year 2023.
# Laaggeletterdheid: "per 2020 een decentralisatie-uitkering van € 5 miljoen" (regel 1368),
# open-ended. Media: "€ 4,5 miljoen in 2021" (regels 1434-1436), one year.
@pytest.mark.parametrize(("jaar", "woningbouw"), [("2022", True), ("2023", True), ("2024", False)])
def test_running_amounts_at_the_last_year(jaar: str, woningbouw: bool) -> None:
    answer = _bedragen("bedragen-lopend-vanaf", {"jaar": jaar})
    assert ("woningbouw-rijksbijdrage-per-jaar" in answer) is woningbouw
    # Open-ended amounts run in every later year.
    assert "laaggeletterdheid-du-2020" in answer


@pytest.mark.parametrize(("jaar", "media"), [("2020", True), ("2021", True), ("2022", False)])
def test_running_amounts_of_a_single_year(jaar: str, media: bool) -> None:
    assert ("media-omroepen-2021" in _bedragen("bedragen-lopend-vanaf", {"jaar": jaar})) is media


# Only a last year: "€ 22,5 miljoen per jaar tot en met 2021" (RES, regels 1649-1651) and
# "tot en met 2023 een bedrag van € 75 miljoen" (fietsparkeren, regels 1655-1657).
@pytest.mark.parametrize(("jaar", "res", "fietsparkeren"), [
    ("2021", True, True), ("2022", False, True), ("2023", False, True), ("2024", False, False)])
def test_amounts_with_only_a_last_year_run_until_it(jaar: str, res: bool,
                                                    fietsparkeren: bool) -> None:
    answer = _bedragen("bedragen-lopend-vanaf", {"jaar": jaar})
    assert ("klimaatakkoord-res" in answer) is res
    assert ("klimaatakkoord-fietsparkeren" in answer) is fietsparkeren


def test_open_ended_amounts_run_far_beyond_the_tables() -> None:
    """After every printed last year only the open-ended amounts are left: the yearly
    amounts "per 2019", "vanaf 2019", "per 2020", "vanaf 2021" and "vanaf 2022"."""
    assert _bedragen("bedragen-lopend-vanaf", {"jaar": "2099"}) == [
        "cybercrime-en-cybersecurity-personeel-jenv", "laaggeletterdheid-du-2020",
        "werkgevers-en-werkzoekenden-arbeidsmarktregios-vanaf-2021",
        "multidisciplinaire-keten-verbindende-projecten-lsi-vanaf-2022",
        "abonnementstarief-compensatie"]


# The letter has no one-off amount without a last year; a small made-up KB tries the rule
# that such an amount counts in its first year only, beside a yearly amount without one.
MADE_UP_KB = """
@prefix def: <https://w3id.org/vngkb/def/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix periode: <https://w3id.org/vngkb/id/periode/> .
@prefix soort: <https://w3id.org/vngkb/id/soort-bedrag/> .
@prefix bedrag: <https://w3id.org/vngkb/id/bedrag/> .
periode:eenmalig skos:prefLabel "eenmalig"@nl .
periode:jaar skos:prefLabel "per jaar"@nl .
soort:beschikbaar skos:prefLabel "beschikbaar gesteld"@nl .
<https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/proef> dct:title "Proef"@nl ;
    def:bedrag bedrag:eenmalig, bedrag:jaarlijks .
bedrag:eenmalig schema:value 1.0 ; def:per periode:eenmalig ;
    def:soortBedrag soort:beschikbaar ; def:eersteJaar "2020"^^xsd:gYear ;
    def:eersteRegel 1 ; def:laatsteRegel 1 ; dct:source <https://w3id.org/vngkb/id/bron/proef> .
bedrag:jaarlijks schema:value 2.0 ; def:per periode:jaar ;
    def:soortBedrag soort:beschikbaar ; def:eersteJaar "2020"^^xsd:gYear ;
    def:eersteRegel 2 ; def:laatsteRegel 2 ; dct:source <https://w3id.org/vngkb/id/bron/proef> .
"""


@pytest.mark.parametrize(("jaar", "expected"), [
    ("2019", ["eenmalig", "jaarlijks"]),
    ("2020", ["eenmalig", "jaarlijks"]),
    ("2021", ["jaarlijks"]),
])
def test_a_one_off_amount_without_a_last_year_runs_in_its_first_year_only(
        jaar: str, expected: list[str]) -> None:
    import pyoxigraph as ox

    from vngkb.query import catalogue

    store = ox.Store()
    store.load(MADE_UP_KB.encode(), format=ox.RdfFormat.TURTLE)
    question = catalogue.find_question("bedragen-lopend-vanaf")
    # The made-up letter, as the question's letter (brief).
    table = EmbeddedStore(store).select(question.query, question.bindings(
        {"jaar": jaar, "brief": "https://w3id.org/vngkb/id/bron/proef"}))
    column = table.columns.index("bedrag")
    assert [str(r[column]).rsplit("/", 1)[-1] for r in table.values()] == expected
    openness = {str(r[column]).rsplit("/", 1)[-1]: r[table.columns.index("openEinde")]
                for r in table.values()}
    assert openness.get("jaarlijks") == "ja"
    assert openness.get("eenmalig", "nee") == "nee"


@pytest.mark.parametrize("jaar", ["20x0", "99999", "", "2020'", "2020}", "2020\u0000"])
def test_running_amounts_reject_a_bad_year(jaar: str) -> None:
    with pytest.raises(ParameterError) as error:
        api.ask("bedragen-lopend-vanaf", {"jaar": jaar})
    assert str(error.value).startswith("parameter jaar: ")


# --- maatregelen-per-wet: every name of a law ----------------------------------------------

JEUGDWET = "https://wetten.overheid.nl/BWBR0034925"


@pytest.mark.parametrize("wet", [JEUGDWET, "BWBR0034925", "Jeugdwet", "jeugdwet"])
def test_a_law_with_a_bwb_id_by_any_name(wet: str) -> None:
    table = api.ask("maatregelen-per-wet", {"wet": wet})
    assert [row[1] for row in table.values()] == ["Wet bevorderen samenwerking en rechtmatige zorg"]


@pytest.mark.parametrize("wet", [ID + "wet/wahv", "wahv", "Wahv", "WAHV"])
def test_a_law_of_our_own_by_any_name(wet: str) -> None:
    table = api.ask("maatregelen-per-wet", {"wet": wet})
    assert [row[1] for row in table.values()] == ["Noodstopprocedure en sociale incasso"]


@pytest.mark.parametrize("wet", ["Jeugdwet 2015", "https://evil.example/wet", "BWBR0034925'",
                                 "{}", "wet\u0000", "x" * 1_000_000])
def test_an_unknown_law_is_one_line_and_exit_2(wet: str) -> None:
    result = CliRunner().invoke(main, ["ask", "maatregelen-per-wet", "-p", f"wet={wet}"])
    assert result.exit_code == 2
    assert result.stderr.startswith("vngkb: parameter wet: ")
    assert "is niet een van: " in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    english = CliRunner().invoke(main, ["--lang", "en", "ask", "maatregelen-per-wet", "-p",
                                        f"wet={wet}"])
    assert english.exit_code == 2
    assert english.stderr.startswith("vngkb: parameter wet: ")
    assert "is not one of: " in english.stderr
    assert len(english.stderr.strip().splitlines()) == 1


def test_an_unknown_law_gets_one_suggestion_line() -> None:
    result = CliRunner().invoke(main, ["ask", "maatregelen-per-wet", "-p", "wet=Jeugdwet 2015"])
    assert result.stderr.startswith("vngkb: parameter wet: 'Jeugdwet 2015' is niet een van: "
                                    "https://w3id.org/vngkb/id/wet/")
    assert result.stderr.endswith("; bedoelde u 'Jeugdwet'?\n")
    assert result.stderr.count("bedoelde u") == 1


# --- totals per theme and per recipient: the optional filter --------------------------------

def test_totals_per_theme_for_one_theme_are_its_rows_of_all_themes() -> None:
    every = api.ask("totalen-per-thema", {}).values()
    jeugd = api.ask("totalen-per-thema", {"thema": "jeugd"}).values()
    assert len(jeugd) == 2
    assert jeugd == [row for row in every if row[0] == "jeugd"]


@pytest.mark.parametrize(("ontvanger", "rows_of", "years"), [
    ("regios", {"regio's"}, 5),
    ("centrumgemeenten", {"centrumgemeenten"}, 6),
    # gemeenten is broader than centrumgemeenten (skos:broader): both rows, per year.
    ("gemeenten", {"gemeenten", "centrumgemeenten"}, 12),
    # The police's yearly amounts name no year (structureel, no first year): no row.
    ("politie", set(), 0),
])
def test_totals_per_recipient_for_one_recipient_are_its_rows_of_all(
        ontvanger: str, rows_of: set[str], years: int) -> None:
    every = api.ask("totalen-per-ontvanger", {}).values()
    one = api.ask("totalen-per-ontvanger", {"ontvanger": ontvanger}).values()
    assert len(one) == years
    assert one == [row for row in every if row[0] in rows_of]


def test_motions_per_submitter_list_a_motion_under_each_submitter() -> None:
    """"Motie van de leden Segers en Asscher ... (AVIM)" (regel 2488) has two submitters."""
    table = api.ask("moties-per-indiener", {})
    avim = [row[0] for row in table.values() if str(row[-1]).endswith("/motie/avim")]
    assert avim == ["Asscher", "Segers"]


@pytest.fixture(scope="module")
def server(backend: EmbeddedStore) -> Iterator[str]:
    with InProcess(create_app(backend.store, workers=1)) as live:
        yield live.url


def test_the_law_question_page_names_the_laws(server: str) -> None:
    """The form of maatregelen-per-wet offers every law by its name, and a law given by
    its name answers (Jeugdwet: "Wet bevorderen samenwerking en rechtmatige zorg")."""
    form = fetch(f"{server}/vragen/maatregelen-per-wet").text
    assert '<option value="https://wetten.overheid.nl/BWBR0034925"' in form
    assert re.search(r'<option value="https://wetten.overheid.nl/BWBR0034925"[^>]*>\s*Jeugdwet',
                     form)
    answer = fetch(f"{server}/vragen/maatregelen-per-wet?wet=Jeugdwet&format=csv")
    assert answer.status == 200
    assert "Wet bevorderen samenwerking en rechtmatige zorg" in answer.text
    unknown = fetch(f"{server}/vragen/maatregelen-per-wet?wet=Nepwet&format=csv")
    assert unknown.status == 400
    assert unknown.text.startswith("parameter wet: 'Nepwet' is niet een van: ")
