"""vngkb.finance.telling: the one rule of which amount counts in which year, case by case
at the boundaries, and its triples in the KB (every mention accounted for, no euro lost).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests import DATA
from tests.money_years import IN_2020, IN_2021
from vngkb.finance.telling import (
    TELLENDE_SOORTEN,
    Telling,
    Vermelding,
    telling_iri,
    toereken,
)
from vngkb.kb.layers import load_kb
from vngkb.kb.load import default_files
from vngkb.reports.totals import toelichting
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
    ("a series: an open end stops the year before the next value of its series",
     [v("a", eerste=2020, laatste=None, reeks="r"), v("b", eerste=2023, laatste=2023, reeks="r"),
      v("c", eerste=2022, laatste=None)],
     [("a", 2020, True, "gedrukt", None), ("a", 2021, True, "doorgeteld", None),
      ("a", 2022, True, "doorgeteld", None), ("b", 2023, True, "gedrukt", None),
      ("c", 2022, True, "gedrukt", None), ("c", 2023, True, "doorgeteld", None),
      ("c", 2024, True, "doorgeteld", None)]),
    ("a series whose later value has no year: the first is carried to the tables' end",
     [v("a", eerste=2023, laatste=None, reeks="r"), v("b", eerste=None, laatste=None, reeks="r")],
     [("a", 2023, True, "gedrukt", None), ("a", 2024, True, "doorgeteld", None),
      ("b", None, False, "geen-jaar", None)]),
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
    report = validate([*default_files(), fixture])
    lost = [f for f in report.findings if f.message_en and f.message_en.startswith(
        "No euro lost")]
    assert [(f.focus, f.value) for f in lost] == [
        ("bedrag/ledenbrief-miljoenennota-2020/voorwoord-jeugd-2021-2022", "2021")]
    assert report.findings and not report.conforms


def test_the_shipped_kb_loses_no_euro() -> None:
    report = validate(default_files())
    assert report.conforms
    assert not [f for f in report.findings if "euro" in (f.message_en or "")]


# --- each kind of money: one treatment, the same in the docs and the code ----------------

MONEY_DOC = Path(__file__).parents[1] / "docs" / "money.md"

#: Each kind of the scheme soort-bedrag, and whether it counts (docs/money.md, "Each kind
#: of money"): only money made available; estimates never.
KINDS = [("beschikbaar", True), ("aangevraagd", False), ("voorgesteld", False),
         ("tekort", False), ("korting", False), ("grensbedrag", False), ("raming", False),
         ("oud-niveau", False), ("mogelijk", False)]


def _documented_kinds() -> dict[str, str]:
    """kind -> treatment, from the table of docs/money.md under "Each kind of money"."""
    text = MONEY_DOC.read_text(encoding="utf-8")
    section = text.split("## Each kind of money", 1)[1].split("\n## ", 1)[0]
    return {m.group(1): m.group(2).strip()
            for m in re.finditer(r"^\| `([a-z-]+)` \|[^|]*\|([^|]*)\|$", section, re.M)}


def test_every_kind_of_the_scheme_is_in_the_table(kb: ox.Store) -> None:
    scheme = {r[0] for r in _select(kb, """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?n WHERE { ?c skos:inScheme <https://w3id.org/vngkb/id/soort-bedrag> ;
                             skos:notation ?n }""")}
    assert scheme == {kind for kind, _ in KINDS} == set(_documented_kinds())


@pytest.mark.parametrize(("kind", "counts"), KINDS, ids=[k for k, _ in KINDS])
@pytest.mark.parametrize("per", ["jaar", "eenmalig"])
def test_each_kind_has_one_treatment(kind: str, counts: bool, per: str) -> None:
    documented = _documented_kinds()[kind]
    assert documented.startswith("counts") if counts else documented.startswith("never")
    assert (kind in TELLENDE_SOORTEN) is counts
    # The same in every year and every shape of amount: printed years, an open end, only
    # a last year; and a mention of it does not make it count.
    years = ([(2020, 2021), (2023, None), (None, 2021)] if per == "jaar" else
             [(2020, None), (2022, 2022)])
    for eerste, laatste in years:
        tellingen = toereken([v("a", per=per, eerste=eerste, laatste=laatste, soort=kind),
                              v("b", per=per, eerste=eerste, laatste=laatste, soort=kind,
                                zelfde="a")], 2024)
        own = [t for t in tellingen if t.bedrag == "a"]
        assert own and all(t.telt is counts for t in own), (kind, eerste, laatste)
        if not counts:
            assert {t.regel for t in own} == {"niet-beschikbaar"}
            # Signposted: vngkb totalen names the kind as the reason.
            assert toelichting("niet-beschikbaar", soort=kind, per=per, eerste=eerste,
                               zelfde=None, afwijkend=None, via=None) == (
                f"niet beschikbaar gesteld (soort: {kind})")


def test_an_amount_without_a_kind_is_left_out_as_not_made_available() -> None:
    assert rows(toereken([Vermelding("a", D(1), None, "jaar", 2020, 2020)], 2024)) == [
        ("a", 2020, False, "niet-beschikbaar", None)]


def test_the_shipped_kinds_are_treated_as_documented(kb: ox.Store) -> None:
    """Every amount of the letter: it counts in some year only if it is money made
    available; every other kind is left out of every year as not made available."""
    found = _select(kb, """SELECT ?soort ?telt ?regel WHERE {
        ?t def:betreftBedrag ?b ; def:telt ?telt ; def:telregel ?regel .
        ?b def:soortBedrag ?soort }""")
    treated: dict[str, set[tuple[str, str]]] = {}
    for soort, telt, regel in found:
        treated.setdefault(soort.rsplit("/", 1)[1], set()).add((telt, regel.rsplit("/", 1)[1]))
    assert set(treated) == {kind for kind, _ in KINDS}
    for kind, counts in KINDS:
        if not counts:
            assert treated[kind] == {("false", "niet-beschikbaar")}, kind
    assert ("true", "gedrukt") in treated["beschikbaar"]


# --- every year of the letter, typed in from it ------------------------------------------

#: Amounts that count in several years (no last year, or a run of printed years).
JENV = ("cybercrime-en-cybersecurity-personeel-jenv", "4",
               "€ 4 miljoen, oplopend tot € 6 miljoen per jaar voor cybersecurity")
ABONNEMENT = ("abonnementstarief-compensatie", "145",
               "Gemeenten krijgen in het gemeentefonds per 2019 € 145 miljoen")
LAAGGELETTERDHEID = ("laaggeletterdheid-du-2020", "5",
               "Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen")
ARBEIDSMARKTREGIOS = ("werkgevers-en-werkzoekenden-arbeidsmarktregios-vanaf-2021", "17",
               "vanaf 2021 jaarlijks € 17 miljoen beschikbaar komt")
LSI = ("multidisciplinaire-keten-verbindende-projecten-lsi-vanaf-2022", "2,5",
               "begroot op 2,5 miljoen per jaar, voor gemeenten vanaf 2022.")
WONINGBOUW = ("woningbouw-rijksbijdrage-per-jaar", "250", "vier x € 250 miljoen van 2020-2023")

#: Per year: the amounts that count, as (slug, value as printed in miljoen, the letter's
#: words), for 2020 and 2021 those of tests/test_totals.py.
COUNTED: dict[int, list[tuple[str, str, str]]] = {
    2019: [
        ABONNEMENT,
        ("cultuur-proeftuinen", "1,4",
         "met een bedrag van jaarlijks ongeveer € 1,4 miljoen als decentralisatie-uitkering"),
        JENV,
        ("media-omroepen-2019", "3", "€ 3 miljoen te besteden in de laatste maanden van 2019"),
        ("sport-lokale-sportakkoorden", "10",
         "Er is in de jaren 2019 tot en met 2021 jaarlijks € 10 miljoen beschikbaar"),
        ("spuk-sport-budget-2019", "185", "naar € 185 miljoen"),
    ],
    2022: [
        ("voorwoord-jeugd-2021-2022", "300", "In 2021 en 2022 is dat 300 miljoen."),
        WONINGBOUW,
        JENV,
        LAAGGELETTERDHEID,
        ("cultuur-bibliotheeklocaties", "1",
         "van 2020 tot en met 2022 een decentralisatie-uitkering van € 1 miljoen per jaar"),
        ARBEIDSMARKTREGIOS,
        LSI,
        ABONNEMENT,
    ],
    2023: [
        WONINGBOUW,
        JENV,
        LAAGGELETTERDHEID,
        ARBEIDSMARKTREGIOS,
        LSI,
        ABONNEMENT,
    ],
    2024: [
        JENV,
        # The later level of the series: the € 5 miljoen stops in 2023.
        ("laaggeletterdheid-du-2024", "7,3",
         "een decentralisatie-uitkering van € 5 miljoen oplopend tot € 7,3 miljoen in 2024"),
        ARBEIDSMARKTREGIOS,
        LSI,
        ABONNEMENT,
    ],
    2025: [],
}

#: Per year: the mentions whose years touch it and that are left out, as (slug, rule, the
#: amount that carries their money in that year or None).
LEFT_OUT: dict[int, list[tuple[str, str, str | None]]] = {
    2019: [
        ("abonnementstarief-maximale-bijdrage-2019", "niet-beschikbaar", None),  # a limit
        ("circulaire-economie-transitieagendas", "geen-jaarbedrag", None),  # "in totaal"
        ("circulaire-economie-urgenda", "eenmalig-over-meer-jaren", None),  # 2019 and 2020
        ("jeugd-tekorten-2019-2021", "geen-jaarbedrag", None),  # 2019-2021 in total
        ("klimaatakkoord-planmatig-starten", "geen-jaarbedrag", None),
        ("media-omroepen-2019-2021", "geen-jaarbedrag", None),
        ("media-streekomroepen", "deel-van-geteld-geheel", "media-omroepen-2019"),
        ("media-subsidieregeling-regionale-omroepen", "geen-jaarbedrag", None),
        ("sport-combinatiefuncties", "geen-jaarbedrag", None),  # "vierjarenuitkering"
        ("spuk-sport-aanvragen-2019", "niet-beschikbaar", None),  # applications
        ("spuk-sport-budget-2019-oud", "niet-beschikbaar", None),  # "verhoogd van"
    ],
    2020: [
        ("voorwoord-jeugd-2020", "zelfde-geld", "jeugd-tweede-tranche-2020"),
        ("spuk-sport-budget-2020", "zelfde-geld", "sport-spuk-budget-2020"),
        ("gebundelde-uitkering-2020", "niet-beschikbaar", None),  # "voorlopige budget"
        ("woningbouw-rijksbijdrage", "geen-jaarbedrag", None),
        ("digitaal-stelsel-omgevingswet-investering-2020-2025", "geen-jaarbedrag", None),
        ("media-subsidieregeling-regionale-omroepen", "geen-jaarbedrag", None),
        ("media-omroepen-2019-2021", "geen-jaarbedrag", None),
        ("media-streekomroepen", "deel-van-geteld-geheel", "media-omroepen-2020"),
        ("media-samenwerking-omroepen", "deel-van-geteld-geheel", "media-omroepen-2020"),
        ("circulaire-economie-urgenda", "eenmalig-over-meer-jaren", None),
        ("circulaire-economie-transitieagendas", "geen-jaarbedrag", None),
        ("klimaatakkoord-planmatig-starten", "geen-jaarbedrag", None),
        ("mensen-met-arbeidsbeperking-aan-werk-uitvoering-2020-2021", "geen-jaarbedrag", None),
        ("jeugd-tekorten-2019-2021", "geen-jaarbedrag", None),
        ("abonnementstarief-maximale-bijdrage-2020", "niet-beschikbaar", None),
        ("geweld-hoort-nergens-thuis-projectaanvraag-maximaal", "niet-beschikbaar", None),
        ("geweld-hoort-nergens-thuis-projectaanvraag-minimaal", "niet-beschikbaar", None),
        ("sport-spuk-gedekt", "deel-van-geteld-geheel", "sport-spuk-budget-2020"),
        ("sport-combinatiefuncties", "geen-jaarbedrag", None),
    ],
    2021: [
        ("woningbouw-rijksbijdrage", "geen-jaarbedrag", None),
        ("digitaal-stelsel-omgevingswet-investering-2020-2025", "geen-jaarbedrag", None),
        ("cultuur-cultuurstelsel", "geen-jaarbedrag", None),
        ("media-omroepen-2019-2021", "geen-jaarbedrag", None),
        ("media-samenwerking-omroepen", "deel-van-geteld-geheel", "media-omroepen-2021"),
        ("klimaatakkoord-planmatig-starten", "geen-jaarbedrag", None),
        ("mensen-met-arbeidsbeperking-aan-werk-uitvoering-2020-2021", "geen-jaarbedrag", None),
        ("jeugd-tekorten-2019-2021", "geen-jaarbedrag", None),
        ("geweld-hoort-nergens-thuis-projectaanvraag-maximaal", "niet-beschikbaar", None),
        ("geweld-hoort-nergens-thuis-projectaanvraag-minimaal", "niet-beschikbaar", None),
        ("sport-combinatiefuncties", "geen-jaarbedrag", None),
    ],
    2022: [
        ("woningbouw-rijksbijdrage", "geen-jaarbedrag", None),
        ("digitaal-stelsel-omgevingswet-investering-2020-2025", "geen-jaarbedrag", None),
        ("cultuur-cultuurstelsel", "geen-jaarbedrag", None),
        ("sport-combinatiefuncties", "geen-jaarbedrag", None),
    ],
    2023: [
        ("woningbouw-rijksbijdrage", "geen-jaarbedrag", None),
        ("digitaal-stelsel-omgevingswet-investering-2020-2025", "geen-jaarbedrag", None),
        ("cultuur-cultuurstelsel", "geen-jaarbedrag", None),
        ("klimaatakkoord-fietsparkeren", "geen-jaarbedrag", None),  # "tot en met 2023"
    ],
    2024: [
        ("digitaal-stelsel-omgevingswet-investering-2020-2025", "geen-jaarbedrag", None),
        ("cultuur-cultuurstelsel", "geen-jaarbedrag", None),
    ],
    2025: [("digitaal-stelsel-omgevingswet-investering-2020-2025", "geen-jaarbedrag", None)],
}

#: Per year: the amounts whose open end stops before it at a later level of the same
#: money (that level counts instead, it is in COUNTED).
STOPPED = {2024: ["laaggeletterdheid-du-2020"]}

#: Per year: the sum of the amounts counted, in miljoen, as vngkb totalen prints it
#: (docs/money.md) and added up by hand from COUNTED.
TOTAL = {2019: "348,4", 2020: "1.552,97", 2021: "1.057", 2022: "724,5", 2023: "423,5",
         2024: "175,8", 2025: "0"}


def _mln(printed: str) -> Decimal:
    return Decimal(printed.replace(".", "").replace(",", ".")) * 1_000_000


@pytest.mark.parametrize("jaar", sorted(TOTAL))
def test_every_mention_of_a_year_counts_or_is_left_out_as_typed_in(
        kb: ox.Store, jaar: int, source_lines: list[str]) -> None:
    from vngkb.core.paths import SHIPPED_LETTER
    from vngkb.rdf import sourcetext

    counted = {2020: IN_2020, 2021: IN_2021}.get(jaar) or COUNTED[jaar]
    base = f"https://w3id.org/vngkb/id/bedrag/{SHIPPED_LETTER}/"
    facts = {b.removeprefix(base): (Decimal(w), cs.split("\x1f")) for b, w, cs in _select(
        kb, """SELECT ?b ?w (GROUP_CONCAT(?c; separator="\\u001f") AS ?cs) WHERE {
            ?b a def:Bedrag ; schema:value ?w ; def:citaat ?c } GROUP BY ?b ?w""")}
    # The typed-in words are the letter's and the amount's quote, the value as printed.
    for slug, printed, words in counted:
        assert sourcetext.contains(source_lines, words), slug
        assert any(words in quote for quote in facts[slug][1]), slug
        assert facts[slug][0] == _mln(printed), slug
    assert sum((_mln(p) for _, p, _ in counted), Decimal(0)) == _mln(TOTAL[jaar])
    # The tellingen of the year: exactly these, each either counted or left out.
    found = _select(kb, f"""SELECT ?b ?telt ?regel ?via WHERE {{
        ?t def:betreftBedrag ?b ; def:telt ?telt ; def:telregel ?regel ;
           def:jaar "{jaar}"^^xsd:gYear . OPTIONAL {{ ?t def:geteldVia ?via }} }}""")
    got_counted = sorted(b.removeprefix(base) for b, telt, _, _ in found if telt == "true")
    got_left = sorted((b.removeprefix(base), regel.rsplit("/", 1)[1],
                       via.removeprefix(base) or None)
                      for b, telt, regel, via in found if telt == "false")
    assert got_counted == sorted(slug for slug, _, _ in counted)
    assert got_left == sorted(LEFT_OUT[jaar])
    # Every mention of the year: counted, left out, or stopped at a later level; and the
    # money counted plus the money left out is the money of every mention.
    mentioned = {b.removeprefix(base) for (b,) in _select(kb, f"""SELECT ?b WHERE {{
        ?b a def:Bedrag .
        OPTIONAL {{ ?b def:eersteJaar ?e }} OPTIONAL {{ ?b def:laatsteJaar ?l }}
        FILTER(BOUND(?e) || BOUND(?l))
        BIND(xsd:integer(STR(COALESCE(?e, ?l))) AS ?van)
        BIND(IF(BOUND(?l), xsd:integer(STR(?l)), 2024) AS ?tot)
        FILTER(?van <= {jaar} && {jaar} <= IF(?tot < ?van, ?van, ?tot)) }}""")}
    left = {slug for slug, _, _ in LEFT_OUT[jaar]}
    typed = {slug for slug, _, _ in counted}
    assert typed.isdisjoint(left)
    assert mentioned == typed | left | set(STOPPED.get(jaar, []))
    assert (sum((facts[s][0] for s in typed), Decimal(0))
            + sum((facts[s][0] for s in left), Decimal(0))
            == sum((facts[s][0] for s in mentioned - set(STOPPED.get(jaar, []))),
                   Decimal(0)))
    # No mention left out without a counted amount carrying it, where it defers to one.
    for slug, regel, via in LEFT_OUT[jaar]:
        assert (via is not None) == (regel in ("zelfde-geld", "deel-van-geteld-geheel"))
        assert via is None or via in typed, (slug, via)


# --- series: one value per year ----------------------------------------------------------

#: The letter's series (def:inReeks), typed in: per year the one value that counts (value
#: in miljoen; None: none of its values counts in that year, its money counts elsewhere).
SERIES: dict[str, dict[int, str | None]] = {
    # "€ 5 miljoen oplopend tot € 7,3 miljoen in 2024" (lines 1368-1369)
    "laaggeletterdheid-du": {2020: "5", 2021: "5", 2022: "5", 2023: "5", 2024: "7,3"},
    # "€ 4 miljoen, oplopend tot € 6 miljoen per jaar" "vanaf 2019" (lines 926-928): the
    # year of the € 6 miljoen is not printed, so the € 4 miljoen is carried to 2024.
    "cybercrime-en-cybersecurity-personeel-jenv": {j: "4" for j in range(2019, 2025)},
    # "200 miljoen in 2020, oplopend naar 295 miljoen in 2021" (line 13)
    "voorwoord-klimaat": {2020: "200", 2021: "295"},
    # "In 2020 krijgen gemeenten 420 miljoen extra. In 2021 en 2022 is dat 300 miljoen."
    # (lines 11-12): 2020's money counts through chapter 9's tranche of € 300 miljoen.
    "voorwoord-jeugd": {2020: None, 2021: "300", 2022: "300"},
}


def test_each_series_counts_one_value_per_year(kb: ox.Store, source_lines: list[str]) -> None:
    from vngkb.rdf import sourcetext

    found = _select(kb, """SELECT ?reeks ?citaat ?jaar ?telt ?w WHERE {
        ?reeks a def:Reeks ; def:citaat ?citaat .
        ?b def:inReeks ?reeks ; schema:value ?w .
        ?t def:betreftBedrag ?b ; def:jaar ?jaar ; def:telt ?telt }""")
    per_year: dict[str, dict[int, list[Decimal]]] = {}
    for reeks, citaat, jaar, telt, waarde in found:
        assert sourcetext.contains(source_lines, citaat), reeks
        years = per_year.setdefault(reeks.rsplit("/", 1)[1], {})
        years.setdefault(int(jaar), [])
        if telt == "true":
            years[int(jaar)].append(Decimal(waarde))
    assert set(per_year) == set(SERIES)
    for reeks, expected in SERIES.items():
        assert per_year[reeks] == {j: [] if v is None else [_mln(v)]
                                   for j, v in expected.items()}, reeks


def test_a_series_counted_twice_in_a_year_fails_validation() -> None:
    fixture = DATA / "telling" / "reeks-twee-waarden.ttl"
    report = validate([*default_files(), fixture])
    twice = [(f.focus, f.value) for f in report.findings
             if f.message_en.startswith("Series: two values")]
    jenv = "bedrag/ledenbrief-miljoenennota-2020/cybercrime-en-cybersecurity-personeel-jenv"
    assert twice == [
        (jenv, f"2020 https://w3id.org/vngkb/id/{jenv}-oplopend"),
        (f"{jenv}-oplopend", f"2020 https://w3id.org/vngkb/id/{jenv}")]
    assert not report.conforms
