"""vngkb.finance.telling: the one rule of which amount counts in which year, case by case
at the boundaries, and its triples in the KB (every mention accounted for, no euro lost).
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from tests import DATA
from vngkb.core.paths import KB_DIR, ONTOLOGY_DIR, turtle_files
from vngkb.finance.telling import Telling, Vermelding, telling_iri, toereken
from vngkb.kb.layers import load_kb
from vngkb.validate.validation import validate

D = Decimal


def v(iri: str, per: str = "jaar", eerste: int | None = 2020, laatste: int | None = 2020, *,
      soort: str = "beschikbaar", **links: object) -> Vermelding:
    return Vermelding(iri, D(1), soort, per, eerste, laatste, **links)  # type: ignore[arg-type]


def rows(tellingen: list[Telling]) -> list[tuple[str, int | None, bool, str, str | None]]:
    return [(t.bedrag, t.jaar, t.telt, t.regel, t.draagt) for t in tellingen]


CASES: list[tuple[str, list[Vermelding], list[tuple[str, int | None, bool, str, str | None]]]] = [
    ("printed years, first to last",
     [v("a", eerste=2020, laatste=2022)],
     [("a", 2020, True, "gedrukt", None), ("a", 2021, True, "gedrukt", None),
      ("a", 2022, True, "gedrukt", None)]),
    ("a derived first year says so",
     [v("a", eerste_afgeleid=True)],
     [("a", 2020, True, "afgeleid", None)]),
    ("an open end is carried to the last year of the tables, and no further",
     [v("a", eerste=2023, laatste=None)],
     [("a", 2023, True, "gedrukt", None), ("a", 2024, True, "doorgeteld", None)]),
    ("an open end that starts in the last year of the tables",
     [v("a", eerste=2024, laatste=None)],
     [("a", 2024, True, "gedrukt", None)]),
    ("an open end that starts after the tables still counts in its first year",
     [v("a", eerste=2026, laatste=None)],
     [("a", 2026, True, "gedrukt", None)]),
    ("an open end stops the year before a later level starts",
     [v("a", eerste=2020, laatste=None, opgevolgd_door=("b",)),
      v("b", eerste=2022, laatste=2022)],
     [("a", 2020, True, "gedrukt", None), ("a", 2021, True, "doorgeteld", None),
      ("b", 2022, True, "gedrukt", None)]),
    ("only the last year printed: counts in that year",
     [v("a", eerste=None, laatste=2021)],
     [("a", 2021, True, "alleen-laatste-jaar", None)]),
    ("a total with only its last year is no yearly amount",
     [v("a", per="totaal", eerste=None, laatste=2023)],
     [("a", 2023, False, "geen-jaarbedrag", None)]),
    ("no year at all",
     [v("a", eerste=None, laatste=None)],
     [("a", None, False, "geen-jaar", None)]),
    ("a one-off amount over two years is in neither",
     [v("a", per="eenmalig", eerste=2020, laatste=2021)],
     [("a", 2020, False, "eenmalig-over-meer-jaren", None),
      ("a", 2021, False, "eenmalig-over-meer-jaren", None)]),
    ("a one-off amount of one year counts in it",
     [v("a", per="eenmalig", eerste=2020, laatste=None)],
     [("a", 2020, True, "gedrukt", None)]),
    ("money that is not made available never counts (an estimate neither)",
     [v("a", soort="raming"), v("b", soort="aangevraagd", eerste=None, laatste=None)],
     [("a", 2020, False, "niet-beschikbaar", None), ("b", None, False, "niet-beschikbaar", None)]),
    ("a part is left out where its total counts, and counts where it does not",
     [v("geheel", eerste=2021, laatste=None), v("deel", eerste=2020, laatste=2022,
                                                 delen_van=("geheel",))],
     [("geheel", 2021, True, "gedrukt", None), ("geheel", 2022, True, "doorgeteld", None),
      ("geheel", 2023, True, "doorgeteld", None), ("geheel", 2024, True, "doorgeteld", None),
      ("deel", 2020, True, "gedrukt", None),
      ("deel", 2021, False, "deel-van-geteld-geheel", "geheel"),
      ("deel", 2022, False, "deel-van-geteld-geheel", "geheel")]),
    ("the same money: left out where the other counts, with a pointer",
     [v("a", eerste=2020, laatste=2021), v("b", eerste=2020, laatste=2020, zelfde="a")],
     [("a", 2020, True, "gedrukt", None), ("a", 2021, True, "gedrukt", None),
      ("b", 2020, False, "zelfde-geld", "a")]),
    ("a summary counts in a year for which the chapter gives no yearly amount",
     [v("hoofdstuk", per="totaal", eerste=2019, laatste=2021),
      v("voorwoord", eerste=2021, laatste=2022, afwijkend="hoofdstuk")],
     [("hoofdstuk", 2019, False, "geen-jaarbedrag", None),
      ("hoofdstuk", 2020, False, "geen-jaarbedrag", None),
      ("hoofdstuk", 2021, False, "geen-jaarbedrag", None),
      ("voorwoord", 2021, True, "samenvatting", None),
      ("voorwoord", 2022, True, "samenvatting", None)]),
    ("a summary defers to a part of the chapter's total that counts in its year",
     [v("totaal", per="totaal", eerste=2019, laatste=2021),
      v("tranche", eerste=2020, laatste=2020, delen_van=("totaal",)),
      v("voorwoord", eerste=2020, laatste=2020, afwijkend="tranche")],
     [("totaal", 2019, False, "geen-jaarbedrag", None),
      ("totaal", 2020, False, "geen-jaarbedrag", None),
      ("totaal", 2021, False, "geen-jaarbedrag", None),
      ("tranche", 2020, True, "gedrukt", None),
      ("voorwoord", 2020, False, "zelfde-geld", "tranche")]),
    ("a chain of mentions ends at the amount that counts",
     [v("a"), v("b", zelfde="a"), v("c", zelfde="b")],
     [("a", 2020, True, "gedrukt", None), ("b", 2020, False, "zelfde-geld", "a"),
      ("c", 2020, False, "zelfde-geld", "a")]),
    ("a mention without a year points to the money it repeats",
     [v("a"), v("b", eerste=None, laatste=None, zelfde="a")],
     [("a", 2020, True, "gedrukt", None), ("b", None, False, "zelfde-geld", "a")]),
    ("a mention of an amount outside the KB keeps its own reason",
     [v("b", eerste=None, laatste=None, zelfde="elders")],
     [("b", None, False, "geen-jaar", None)]),
]


@pytest.mark.parametrize(("case", "amounts", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_rule(case: str, amounts: list[Vermelding],
                  expected: list[tuple[str, int | None, bool, str, str | None]]) -> None:
    assert rows(toereken(amounts, 2024)) == expected


def test_a_loop_of_mentions_ends() -> None:
    # Curated data should not hold one, but a loop must not hang the rule: neither counts
    # through the other, so each counts in its own year ("samenvatting").
    tellingen = toereken([v("a", zelfde="b"), v("b", zelfde="a")], 2024)
    assert rows(tellingen) == [("a", 2020, True, "samenvatting", None),
                               ("b", 2020, False, "zelfde-geld", "a")]


def test_the_telling_iri_names_the_amount_and_the_year() -> None:
    bedrag = "https://w3id.org/vngkb/id/bedrag/jeugd-2020"
    assert telling_iri(bedrag, 2020) == "https://w3id.org/vngkb/id/telling/jeugd-2020/2020"
    assert telling_iri(bedrag, None) == "https://w3id.org/vngkb/id/telling/jeugd-2020"


# --- the shipped KB -------------------------------------------------------------------

Q = """PREFIX def: <https://w3id.org/vngkb/def/>
PREFIX schema: <https://schema.org/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def _select(store: ox.Store, text: str) -> list[list[str]]:
    solutions = store.query(Q + text)
    assert isinstance(solutions, ox.QuerySolutions)
    return [[term.value if term is not None else "" for term in row] for row in solutions]


@pytest.fixture(scope="module")
def kb() -> ox.Store:
    return load_kb()


def test_every_amount_has_its_tellingen(kb: ox.Store) -> None:
    amounts = {r[0] for r in _select(kb, "SELECT ?b WHERE { ?b a def:Bedrag }")}
    counted = {r[0] for r in _select(kb, "SELECT ?b WHERE { ?t def:betreftBedrag ?b }")}
    assert len(amounts) == 100 and counted == amounts


@pytest.mark.parametrize("jaar", range(2019, 2026))
def test_each_year_every_mention_counts_or_defers(kb: ox.Store, jaar: int) -> None:
    """Per year: every mention whose years touch the year (an open end up to 2024) has a
    telling of that year; each either counts, or is left out, and one left out for other
    money names a carrier that counts in that same year."""
    touching = {r[0] for r in _select(kb, f"""
        SELECT ?b WHERE {{ ?b a def:Bedrag .
          OPTIONAL {{ ?b def:eersteJaar ?e }} OPTIONAL {{ ?b def:laatsteJaar ?l }}
          FILTER(BOUND(?e) || BOUND(?l))
          BIND(xsd:integer(STR(COALESCE(?e, ?l))) AS ?van)
          BIND(IF(BOUND(?l), xsd:integer(STR(?l)), 2024) AS ?tot)
          FILTER(?van <= {jaar} && {jaar} <= IF(?tot < ?van, ?van, ?tot)) }}""")}
    tellingen = _select(kb, f"""
        SELECT ?b ?telt ?regel ?via WHERE {{ ?t def:betreftBedrag ?b ; def:telt ?telt ;
          def:telregel ?regel ; def:jaar "{jaar}"^^xsd:gYear .
          OPTIONAL {{ ?t def:geteldVia ?via }} }}""")
    assert tellingen  # every year of the tables and the amounts has some
    counted = {b for b, telt, _, _ in tellingen if telt == "true"}
    left_out = {b for b, telt, _, _ in tellingen if telt == "false"}
    assert counted.isdisjoint(left_out)
    # An open end that stops at a later level has no telling after it: nothing else lacks one.
    successors = {r[0] for r in _select(kb, "SELECT ?b WHERE { ?b def:opgevolgdDoor ?o }")}
    assert touching - counted - left_out <= successors
    for bedrag, telt, regel, via in tellingen:
        if regel.endswith(("/zelfde-geld", "/deel-van-geteld-geheel")):
            assert telt == "false" and via in counted, (jaar, bedrag, via)


def test_no_euro_lost_check_fails_on_a_telling_that_defers_to_nothing() -> None:
    # A hand-written telling (the computed ones never do this): a mention left out of 2021
    # for money that does not count in 2021.
    fixture = DATA / "telling" / "telling-zonder-drager.ttl"
    report = validate([*turtle_files(ONTOLOGY_DIR, KB_DIR), fixture])
    lost = [f for f in report.findings if f.message_en and f.message_en.startswith(
        "No euro lost")]
    assert [(f.focus, f.value) for f in lost] == [("bedrag/voorwoord-jeugd-2021-2022", "2021")]
    assert report.findings and not report.conforms


def test_the_shipped_kb_loses_no_euro() -> None:
    report = validate(turtle_files(ONTOLOGY_DIR, KB_DIR))
    assert report.conforms
    assert not [f for f in report.findings if "euro" in (f.message_en or "")]
