"""The flat view of the measures: the published JSON shape and the counts of the letter."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.letter_counts import MEASURES_PER_CHAPTER
from tests.two_letters import vngkb
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.query.store import EmbeddedStore
from vngkb.rdf.namespaces import ID
from vngkb.reports.measure_records import amount_rows, measure_records

#: Measures per chapter, counted from the "Wat wil het kabinet?" sections of the letter.
MEASURE_KEYS = {"iri", "brief", "titel", "hoofdstuk", "ministerie", "instrumenten", "standpunt",
                "effecttypen", "wetten", "bedragen", "eersteRegel", "laatsteRegel"}
AMOUNT_KEYS = {"waarde", "per", "eersteJaar", "laatsteJaar", "structureel", "instrument",
               "ontvanger", "citaat"}


@pytest.fixture(scope="module")
def records(backend: EmbeddedStore) -> list[dict[str, Any]]:
    return measure_records(backend)


def test_ninety_measures_per_chapter(records: list[dict[str, Any]]) -> None:
    assert Counter(r["hoofdstuk"] for r in records) == MEASURES_PER_CHAPTER
    assert len(records) == 90


def test_json_shape(records: list[dict[str, Any]]) -> None:
    for record in records:
        assert set(record) == MEASURE_KEYS
        assert set(record["ministerie"]) == {"iri", "label"}
        assert record["ministerie"]["iri"].startswith(
            "https://identifier.overheid.nl/tooi/id/ministerie/mnre")
        assert record["eersteRegel"] <= record["laatsteRegel"]
        for amount in record["bedragen"]:
            assert set(amount) == AMOUNT_KEYS
            assert isinstance(amount["waarde"], Decimal) and amount["waarde"] > 0
            assert amount["per"] in {"jaar", "totaal", "eenmalig", "vier-weken", "maand",
                                     "onbekend"}
            assert amount["citaat"]


def test_csv_rows_one_per_amount(records: list[dict[str, Any]]) -> None:
    rows = amount_rows(records)
    expected = sum(max(1, len(r["bedragen"])) for r in records)
    assert len(rows) == expected


def _measure(records: list[dict[str, Any]], slug: str) -> dict[str, Any]:
    return next(r for r in records if r["iri"].endswith(f"/maatregel/{LB}/" + slug))


def test_chapter_one_as_read(records: list[dict[str, Any]]) -> None:
    sport = _measure(records, "specifieke-uitkering-stimulering-sport")
    assert sport["titel"] == "Specifieke uitkering Stimulering Sport"
    assert sport["ministerie"]["label"] == "Ministerie van Financiën"
    assert sport["standpunt"] == "kritisch"
    assert sport["wetten"] == ["Wet op de omzetbelasting 1968"]
    assert (sport["eersteRegel"], sport["laatsteRegel"]) == (218, 233)
    assert sorted((a["waarde"], a["eersteJaar"]) for a in sport["bedragen"]) == [
        (Decimal("152000000.0"), 2019), (Decimal("178000000.0"), 2020),
        (Decimal("185000000.0"), 2019), (Decimal("228000000.0"), 2019)]
    buig = _measure(records, "gebundelde-uitkering")
    assert [(a["waarde"], a["per"], a["eersteJaar"], a["instrument"])
            for a in buig["bedragen"]] == [
        (Decimal("6100000000.0"), "jaar", 2020, "gebundelde uitkering")]
    assert _measure(records, "investeringsfonds")["bedragen"] == []


#: Amounts read from the letter (slug, euros, per, first year, last year, instrument),
#: each checked against the printed words quoted in the comment.
AMOUNT_SAMPLES: list[tuple[str, str, str, int | None, int | None, str | None]] = [
    # 224 "in 2019 wordt verhoogd van € 152 miljoen naar € 185 miljoen"
    ("spuk-sport-budget-2019-oud", "152000000", "jaar", 2019, 2019, "specifieke-uitkering"),
    ("spuk-sport-budget-2019", "185000000", "jaar", 2019, 2019, "specifieke-uitkering"),
    # 225 "Het budget voor 2020 bedraagt € 178 miljoen."
    ("spuk-sport-budget-2020", "178000000", "jaar", 2020, 2020, "specifieke-uitkering"),
    # 259 "Het voorlopige budget voor de gebundelde uitkering 2020 bedraagt € 6,1 miljard."
    ("gebundelde-uitkering-2020", "6100000000", "jaar", 2020, 2020, "gebundelde-uitkering"),
    # 565 "Er komt € 2 miljard beschikbaar om de woningbouw te stimuleren."
    ("woningbouw-totaal", "2000000000", "totaal", None, None, None),
    # 568 "Daarvan is € 1 miljard (vier x € 250 miljoen van 2020-2023)"
    ("woningbouw-rijksbijdrage", "1000000000", "totaal", 2020, 2023, None),
    ("woningbouw-rijksbijdrage-per-jaar", "250000000", "jaar", 2020, 2023, None),
    # 574-575 "heffingsvermindering van € 100 miljoen per jaar voor tien jaar"
    ("woningbouw-heffingsvermindering-per-jaar", "100000000", "jaar", None, None, "heffing"),
    # 624 "Voor de periode 2020-2025 wordt er in totaal € 22 miljoen. toegevoegd"
    ("digitaal-stelsel-omgevingswet-investering-2020-2025", "22000000", "totaal", 2020, 2025,
     "rijksbegroting"),
    # 634 "Het gaat nu om € 18 miljoen per jaar."
    ("digitaal-stelsel-omgevingswet-uitname-beheer", "18000000", "jaar", None, None,
     "algemene-uitkering"),
    # 773 "De Investeringspost digitale overheid (€ 57 miljoen)"
    ("gemeenschappelijke-digitale-infrastructuur-investeringspost", "57000000", "onbekend",
     None, None, None),
    # 925 "In 2020 is € 95 miljoen beschikbaar voor de uitvoering van de NCSA."
    ("cybercrime-en-cybersecurity-ncsa-2020", "95000000", "jaar", 2020, 2020, None),
    # 926-928 "€ 4 miljoen, oplopend tot € 6 miljoen per jaar ... vanaf 2019 structureel"
    ("cybercrime-en-cybersecurity-personeel-jenv", "4000000", "jaar", 2019, None, None),
    # 989 "Het kabinet investeert € 291 miljoen structureel in de politie."
    ("politie-structureel", "291000000", "jaar", None, None, None),
    # 993-994 "dienst speciale interventie (DSI) (€ 70,3 miljoen)"
    ("politie-dienst-speciale-interventie", "70300000", "onbekend", None, None, None),
    # 1056 "Voor contraterrorisme stelt het kabinet € 13 miljoen extra per jaar beschikbaar."
    ("contraterrorisme-en-radicalisering-extra", "13000000", "jaar", None, None, None),
    # 1275 "Het kabinet zet €134 miljoen extra in op asiel en de migratieketen."
    ("asiel-en-migratie-extra", "134000000", "onbekend", None, None, None),
    # 1511-1512 "In totaal is € 4.8 miljoen beschikbaar voor drie tot negen projecten."
    ("klimaatadaptatie-pilots", "4800000", "totaal", None, None, "pilot"),
    # 1520-1522 "eenmalig (voor 2019 en 2020) een bedrag van € 80 miljoen"
    ("circulaire-economie-urgenda", "80000000", "eenmalig", 2019, 2020, "rijksbegroting"),
    # 1527-1528 "in totaal € 16 miljoen vrijgemaakt voor 2019 en 2020"
    ("circulaire-economie-transitieagendas", "16000000", "totaal", 2019, 2020, "rijksbegroting"),
    # 1646 "Voor de periode 2019 t/m 2021 € 120 miljoen totaal"
    ("klimaatakkoord-planmatig-starten", "120000000", "totaal", 2019, 2021, None),
    # 1649-1651 "€ 22,5 miljoen per jaar tot en met 2021"
    ("klimaatakkoord-res", "22500000", "jaar", None, 2021, None),
    # 1831-1832 "de regionale opgaven (€ 168,1 miljoen in 2020)"
    ("regio-deals-regionale-opgaven-2020", "168100000", "jaar", 2020, 2020, "rijksbegroting"),
    # 1368 "per 2020 een decentralisatie-uitkering van € 5 miljoen"
    ("laaggeletterdheid-du-2020", "5000000", "jaar", 2020, None, "decentralisatie-uitkering"),
    # 1368-1369 "oplopend tot € 7,3 miljoen in 2024"
    ("laaggeletterdheid-du-2024", "7300000", "jaar", 2024, 2024, "decentralisatie-uitkering"),
    # 1399-1401 "in 2019 en 2020 ... jaarlijks ongeveer € 1,4 miljoen als decentralisatie-uitkering"
    ("cultuur-proeftuinen", "1400000", "jaar", 2019, 2020, "decentralisatie-uitkering"),
    # 1406-1407 "van 2020 tot en met 2022 een decentralisatie-uitkering van € 1 miljoen per jaar"
    ("cultuur-bibliotheeklocaties", "1000000", "jaar", 2020, 2022, "decentralisatie-uitkering"),
    # 1429-1430 "in de periode 2019 tot en met 2021 in totaal € 15 miljoen"
    ("media-omroepen-2019-2021", "15000000", "totaal", 2019, 2021, None),
    # 1435 "€ 7,5 miljoen in 2020"
    ("media-omroepen-2020", "7500000", "jaar", 2020, 2020, None),
    # 1439-1440 "In 2020 en 2021 is jaarlijks € 4,5 miljoen beschikbaar"
    ("media-samenwerking-omroepen", "4500000", "jaar", 2020, 2021, None),
    # 12-13 "Ook voor het klimaat trekt het kabinet extra geld uit: 200 miljoen in 2020"
    ("voorwoord-klimaat-2020", "200000000", "jaar", 2020, 2020, "fonds"),
    # 2492-2493 "een budget van € 26 miljoen voor expertisecentra"
    ("amendement-expertisecentra-jeugdhulp", "26000000", "onbekend", None, None, None),
    # 1855-1856 "voor 2020 en 2021, incidenteel, een bedrag van € 53 miljoen"
    ("mensen-met-arbeidsbeperking-aan-werk-uitvoering-2020-2021", "53000000", "totaal",
     2020, 2021, None),
    # 1878-1880 "In 2020 krijgen de 35 arbeidsmarkregio’s opnieuw ... € 35 miljoen"
    ("werkgevers-en-werkzoekenden-perspectief-op-werk-2020", "35000000", "jaar", 2020, 2020,
     "programma"),
    # 1885-1886 "vanaf 2021 jaarlijks € 17 miljoen"
    ("werkgevers-en-werkzoekenden-arbeidsmarktregios-vanaf-2021", "17000000", "jaar", 2021,
     None, None),
    # 1887 "Voor 2020 ... eenmalig € 7 miljoen."
    ("werkgevers-en-werkzoekenden-arbeidsmarktregios-2020", "7000000", "eenmalig", 2020, 2020,
     None),
    # 1905-1906 "Er is € 60 miljoen per jaar aan middelen beschikbaar gekomen"
    ("leven-lang-ontwikkelen-middelen", "60000000", "jaar", None, None, None),
    # 2047-2048 "begroot op 2,5 miljoen per jaar, voor gemeenten vanaf 2022"
    ("multidisciplinaire-keten-verbindende-projecten-lsi-vanaf-2022", "2500000", "jaar", 2022,
     None, None),
    # 2066-2067 "stelt het kabinet in 2020 € 20 miljoen beschikbaar aan gemeenten"
    ("inburgering-huidige-doelgroep-2020", "20000000", "jaar", 2020, 2020, None),
    # 2161-2163 "€1.020 miljoen ... ter compensatie van de tekorten in de periode 2019-2021"
    ("jeugd-tekorten-2019-2021", "1020000000", "totaal", 2019, 2021, None),
    # 2201 "de maximale bijdrage van € 17,50 per vier weken in 2019"
    ("abonnementstarief-maximale-bijdrage-2019", "17.5", "vier-weken", 2019, 2019, None),
    # 2337-2338 "Ook voor de jaren 2020 en 2021 is elk jaar € 3 miljoen beschikbaar"
    ("geweld-hoort-nergens-thuis-projectenpool-2020-2021", "3000000", "jaar", 2020, 2021, None),
    # 2400-2401 "reserveert het kabinet voor 2020 € 3,9 miljoen"
    ("aanbesteden-programma-2020", "3900000", "jaar", 2020, 2020, "programma"),
]

_AMOUNT_QUERY = """
SELECT ?value ?per ?first ?last ?instrument WHERE {
  ?b schema:value ?value ; def:per/skos:notation ?per .
  OPTIONAL { ?b def:eersteJaar ?first } OPTIONAL { ?b def:laatsteJaar ?last }
  OPTIONAL { ?b def:instrument/skos:notation ?instrument }
}"""


@pytest.mark.parametrize(("slug", "value", "per", "first", "last", "instrument"),
                         AMOUNT_SAMPLES, ids=[row[0] for row in AMOUNT_SAMPLES])
def test_amount_as_printed(backend: EmbeddedStore, slug: str, value: str, per: str,
                           first: int | None, last: int | None, instrument: str | None) -> None:
    from vngkb.rdf.terms import Term

    table = backend.select(_AMOUNT_QUERY, {"b": Term("iri", f"{ID}bedrag/{LB}/{slug}")})
    assert table.values() == [[Decimal(value), per, first, last, instrument]]


def test_at_least_forty_amounts_sampled() -> None:
    assert len({row[0] for row in AMOUNT_SAMPLES}) >= 40


def test_every_measure_amount_is_listed(backend: EmbeddedStore,
                                        records: list[dict[str, Any]]) -> None:
    """The flat view holds every amount of every measure (the foreword's, the motion's
    and the amendment's belong to no measure and are answered by the questions)."""
    owned = backend.select(
        "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?m a def:Maatregel ; def:bedrag ?b }")
    assert sum(len(r["bedragen"]) for r in records) == owned.values()[0][0] == 91


# --- a KB of several letters: the column brief, letter by letter, --letter --------------

SYNTHETIC = "synthetische-ledenbrief-2021"
#: Measures per chapter of the synthetic 2021 letter ("Wat wil het kabinet?" sections of
#: tests/data/brieven/synthetische-ledenbrief-2021/bron.txt; gold.json agrees).
SYNTHETIC_PER_CHAPTER = {1: 3, 2: 4, 3: 4, 4: 4, 5: 2, 6: 2, 7: 2, 8: 4, 9: 2, 10: 2}
#: The synthetic letter's Jeugdzorg (lines 532-545): its two amounts as printed.
SYNTHETIC_JEUGDZORG = [
    # 535 "Gemeenten ontvangen in 2021 opnieuw € 300 miljoen extra voor de jeugdzorg"
    (Decimal("300000000"), "jaar", 2021, 2021, "gemeenten",
     "Gemeenten ontvangen in 2021 opnieuw € 300 miljoen extra voor de jeugdzorg"),
    # 542-543 "er is een tekort van € 1,7 miljard per jaar"
    (Decimal("1700000000"), "jaar", None, None, "gemeenten",
     "er is een tekort van € 1,7 miljard per jaar")]


def test_each_record_names_its_letter(records: list[dict[str, Any]]) -> None:
    assert {r["brief"] for r in records} == {LB}
    assert {row[-1] for row in amount_rows(records)} == {LB}


def test_two_letters_letter_by_letter(two_letters: EmbeddedStore,
                                      records: list[dict[str, Any]]) -> None:
    both = measure_records(two_letters)
    assert len(both) == 90 + 29
    assert [r["brief"] for r in both] == [LB] * 90 + [SYNTHETIC] * 29
    # the 2020 letter's records are those of the KB of that letter alone, in its order
    assert both[:90] == records
    later = both[90:]
    assert Counter(r["hoofdstuk"] for r in later) == SYNTHETIC_PER_CHAPTER
    jeugd = next(r for r in later if r["iri"] == f"{ID}maatregel/{SYNTHETIC}/jeugdzorg")
    assert (jeugd["titel"], jeugd["hoofdstuk"], jeugd["standpunt"]) == ("Jeugdzorg", 9,
                                                                      "kritisch")
    assert (jeugd["eersteRegel"], jeugd["laatsteRegel"]) == (532, 545)
    assert [(a["waarde"], a["per"], a["eersteJaar"], a["laatsteJaar"], a["ontvanger"],
             a["citaat"]) for a in jeugd["bedragen"]] == SYNTHETIC_JEUGDZORG
    assert sum(len(r["bedragen"]) for r in later) == 43
    # one row per amount, the letter in the last column
    rows = amount_rows(later)
    assert len(rows) == 43 + 3  # three measures without an amount
    assert {row[-1] for row in rows} == {SYNTHETIC}


def test_one_letter_of_two_by_its_iri(two_letters: EmbeddedStore,
                                      records: list[dict[str, Any]]) -> None:
    from vngkb.query.letters import BRON

    assert measure_records(two_letters, BRON + LB) == records
    later = measure_records(two_letters, BRON + SYNTHETIC)
    assert [r["brief"] for r in later] == [SYNTHETIC] * 29
    # an IRI of no letter: nothing, not every letter
    assert measure_records(two_letters, BRON + "ledenbrief-miljoenennota-2019") == []


COLUMNS_LINE = ("iri,titel,hoofdstuk,ministerie,standpunt,bedragNr,waarde,per,eersteJaar,"
                "laatsteJaar,structureel,instrument,ontvanger,citaat,eersteRegel,laatsteRegel,"
                "brief")


def test_the_command_on_two_letters(two_letters_kb: Path, own_kb_variable: None) -> None:
    import csv
    import io
    import json

    code, out, err = vngkb("--kb", str(two_letters_kb), "measures", "-f", "csv")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == COLUMNS_LINE
    rows = list(csv.DictReader(io.StringIO(out)))
    assert Counter(row["brief"] for row in rows) == {LB: 149, SYNTHETIC: 46}
    code, out, _ = vngkb("--kb", str(two_letters_kb), "measures", "-f", "csv",
                          "--letter", "2021")
    assert code == 0
    assert out.splitlines()[1] == (
        f"{ID}maatregel/{SYNTHETIC}/gebundelde-uitkering,Gebundelde uitkering,1,"
        "Ministerie van Financiën,bezorgd,1,7200000000,jaar,2021,2021,,specifieke uitkering,"
        "gemeenten,\"Het voorlopige budget voor de gebundelde uitkering 2021 bedraagt € 7,2 "
        f"miljard.\",131,145,{SYNTHETIC}")
    assert len(out.splitlines()) == 1 + 46
    code, out, _ = vngkb("--kb", str(two_letters_kb), "measures", "-f", "json",
                          "--brief", LB)
    assert code == 0 and {r["brief"] for r in json.loads(out)} == {LB}
    assert len(json.loads(out)) == 90
    code, out, _ = vngkb("--kb", str(two_letters_kb), "measures", "-f", "tsv",
                          "--letter", SYNTHETIC.upper())
    assert code == 0 and out.splitlines()[0].split("\t")[-1] == "brief"
    code, out, _ = vngkb("--kb", str(two_letters_kb), "measures", "-f", "markdown",
                          "--letter", "2021")
    assert code == 0 and out.splitlines()[0].endswith("| brief |")
    assert out.splitlines()[2].endswith(f"| {SYNTHETIC} |")
    code, out, _ = vngkb("--kb", str(two_letters_kb), "--lang", "en", "measures", "-f",
                          "table", "--letter", "2021")
    # a row too wide for a table is a record, field by field
    assert code == 0 and f"letter      {SYNTHETIC}" in out.splitlines()


def test_the_command_refuses_an_unknown_letter(two_letters_kb: Path,
                                               own_kb_variable: None) -> None:
    assert vngkb("--kb", str(two_letters_kb), "measures", "--letter", "2019") == (
        2, "", "vngkb: brief '2019' staat niet in de KB; de KB kent "
               f"{LB} (2020), {SYNTHETIC} (2021)\n")


def test_a_remote_endpoint_of_two_letters(oxigraph_two_letters_endpoint: str,
                                          two_letters: EmbeddedStore) -> None:
    from vngkb import api

    remote = api.measures(oxigraph_two_letters_endpoint, brief="2021")
    assert [(r["iri"], r["brief"]) for r in remote] == [
        (r["iri"], r["brief"]) for r in measure_records(two_letters)[90:]]
    assert [r["brief"] for r in api.measures(oxigraph_two_letters_endpoint)] == (
        [LB] * 90 + [SYNTHETIC] * 29)
