"""Every compared year or amount of a canned question at its boundary, one below and one
above, with the answer the letter gives (line numbers of
``sources/ledenbrief-miljoenennota-2020.txt`` in the comments).

Boundaries tested elsewhere are not repeated: bedragen-vanaf's minimum
(tests/test_api.py), bedragen-lopend-vanaf's last year and one-off year and
grootste-bedragen-voor-ontvanger's minimum at and above € 177,9 miljoen
(tests/test_vragen_nieuw.py), inwerkingtreding-in-jaar (tests/test_inwerkingtreding.py).
"""

from __future__ import annotations

import pytest

from vngkb import api
from vngkb.core.errors import ParameterError
from vngkb.core.paths import SHIPPED_LETTER as LB

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
