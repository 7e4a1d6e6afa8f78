"""Every canned question answers exactly what the letter says.

One row per question (some questions have two) with parameter values and the exact
expected answer. Numbers and quotes are read from the source text and written the way
the letter prints them (``mln("177,9")`` is "€ 177,9 miljoen", ``dzd("1.286.315")`` a
Tabel 1 figure in thousands of euros, ``pct("3,13%")`` a percentage), with the line
numbers where they stand; long texts (the effect on municipalities) are the source's
line ranges, resolved from the source text when it is available. Where the answer is a
curation choice (a stance, a demand, which concept an amount gets), it is read from the
KB's Turtle files with rdflib, independently of the SPARQL engine, and checked against
the text by the quote tests. Also: enumerated parameters reject unknown values with the
allowed ones, the header enumerations agree with the KB, and every question answers
with its defaults.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import rdflib
from click.testing import CliRunner

from vngkb import api
from vngkb.cli.commands import main
from vngkb.core.errors import ParameterError
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.core.paths import kb_in_use
from vngkb.kb.load import default_files
from vngkb.query import catalogue
from vngkb.query.store import EmbeddedStore
from vngkb.rdf import sourcetext

ID = "https://w3id.org/vngkb/id/"
DEF = "https://w3id.org/vngkb/def/"
TOOI = "https://identifier.overheid.nl/tooi/id/ministerie/"
TK = "https://www.tweedekamer.nl/kamerstukken/moties/detail?id="

JAAR, TOTAAL, EENMALIG, ONBEKEND = "per jaar", "totaal over een periode", "eenmalig", "onbekend"


def m(slug: str) -> str:
    return f"{ID}maatregel/ledenbrief-miljoenennota-2020/{slug}"


def b(slug: str) -> str:
    return f"{ID}bedrag/ledenbrief-miljoenennota-2020/{slug}"


def _number(printed: str) -> Decimal:
    """A number as the letter prints it: '.' groups thousands, ',' is the decimal sign."""
    return Decimal(printed.strip().replace(".", "").replace(",", "."))


def mln(printed: str) -> Decimal:
    """'€ 177,9 miljoen' -> 177900000."""
    return _number(printed) * 1_000_000


def mld(printed: str) -> Decimal:
    """'€ 6,1 miljard' -> 6100000000."""
    return _number(printed) * 1_000_000_000


def dzd(printed: str) -> Decimal:
    """A figure of Tabel 1 or 3, printed in thousands of euros."""
    return _number(printed) * 1000


def pct(printed: str) -> Decimal:
    """'3,13%' -> 3.13."""
    return _number(printed.rstrip("%"))


@dataclass(frozen=True)
class Src:
    """The text of source lines *first*-*last* as the KB stores a section's text
    (paragraphs, hyphenation joined); resolved when the source text is available."""

    first: int
    last: int


@dataclass(frozen=True)
class Fragment:
    """The search fragment around the first occurrence of *term* in source lines
    *first*-*last*: up to 59 characters before and 60 after, '…' where it is cut."""

    first: int
    last: int
    term: str


@dataclass(frozen=True)
class FromKb:
    """A value read from the KB's Turtle files by *compute* (curation choices)."""

    compute: Callable[[rdflib.Graph], Any]


def fragment(text: str, term: str) -> str:
    before = text.lower().index(term.lower())
    start = before - 59 if before > 60 else 1
    end = before + len(term) + 60
    return (("…" if start > 1 else "") + text[start - 1:end]
            + ("…" if end < len(text) else ""))


@dataclass(frozen=True)
class Case:
    name: str
    params: dict[str, str]
    columns: list[str]
    rows: list[list[Any]] | FromKb
    id: str = ""


# --- Curation read from the KB files (rdflib, not the engine under test) ----------------

D = rdflib.Namespace(DEF)
SKOS = rdflib.namespace.SKOS


def _int(node: object) -> int:
    return int(str(node))


def _nl(g: rdflib.Graph, node: object, predicate: rdflib.URIRef) -> str:
    """The Dutch literal of *node*'s *predicate*."""
    return next(str(x) for x in g.objects(node, predicate)  # type: ignore[arg-type]
                if isinstance(x, rdflib.Literal) and x.language == "nl")
STANDPUNTEN = ["positief", "kritisch", "bezorgd", "gemengd", "neutraal", "afwachtend"]


def _standpunten_per_hoofdstuk(g: rdflib.Graph) -> list[list[Any]]:
    rows = []
    for chapter in sorted(g.subjects(rdflib.RDF.type, D.Hoofdstuk),
                          key=lambda h: _int(g.value(h, D.nummer))):
        stances = Counter(str(g.value(mm, D.standpunt)).rsplit("/", 1)[1]
                          for mm in g.subjects(D.hoofdstuk, chapter))
        rows.append([_int(g.value(chapter, D.nummer)), str(g.value(chapter, rdflib.RDFS.label)),
                     *[stances[s] for s in STANDPUNTEN], sum(stances.values())])
    return rows


def _eisen_overzicht(g: rdflib.Graph) -> list[list[Any]]:
    rows = []
    for eis in set(g.objects(None, D.eis)):
        measures = set(g.subjects(D.eis, eis))
        critical = [mm for mm in measures
                    if g.value(mm, D.standpunt) == rdflib.URIRef(f"{ID}standpunt/kritisch")]
        label = _nl(g, eis, SKOS.prefLabel)
        rows.append([label, len(measures), len(critical), str(eis)])
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def _passages(stance: str) -> Callable[[rdflib.Graph], list[list[Any]]]:
    def compute(g: rdflib.Graph) -> list[list[Any]]:
        rows: list[tuple[int, str, str, list[Any]]] = []
        for mm in g.subjects(D.standpunt, rdflib.URIRef(f"{ID}standpunt/{stance}")):
            for passage in g.objects(mm, D.standpuntPassage):
                rows.append((_int(g.value(mm, D.eersteRegel)), str(mm), str(passage),
                             [str(mm), str(g.value(mm, rdflib.DCTERMS.title)),
                              _int(g.value(g.value(mm, D.hoofdstuk), D.nummer)), str(passage)]))
        return [r[3] for r in sorted(rows, key=lambda r: (r[0], r[1], r[2]))]
    return compute


def _hoofdstukken(g: rdflib.Graph) -> list[list[Any]]:
    # Read from the text: the chapter headings, their lines, the number of "Wat wil het
    # kabinet?" sections; the ministry names are the official TOOI labels. The number of
    # amounts is a curation choice, read from the KB.
    printed = [
        (1, "Financiën", "Ministerie van Financiën", 3, 216, 264, "financien"),
        (2, "Binnenlandse Zaken en Koninkrijksrelaties",
         "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", 25, 265, 898,
         "binnenlandse-zaken"),
        (3, "Justitie en Veiligheid", "Ministerie van Justitie en Veiligheid", 14, 899, 1301,
         "justitie-en-veiligheid"),
        (4, "Onderwijs, Cultuur en Sport", "Ministerie van Onderwijs, Cultuur en Wetenschap",
         5, 1302, 1445, "onderwijs-cultuur-en-sport"),
        (5, "Infrastructuur en Waterstaat", "Ministerie van Infrastructuur en Waterstaat", 9,
         1446, 1631, "infrastructuur-en-waterstaat"),
        (6, "Economische Zaken en Klimaat", "Ministerie van Economische Zaken en Klimaat", 5,
         1632, 1781, "economische-zaken-en-klimaat"),
        (7, "Landbouw, Natuur en Voedselkwaliteit",
         "Ministerie van Landbouw, Natuur en Voedselkwaliteit", 3, 1782, 1843,
         "landbouw-natuur-en-voedselkwaliteit"),
        (8, "Sociale Zaken en Werkgelegenheid", "Ministerie van Sociale Zaken en Werkgelegenheid",
         13, 1844, 2154, "sociale-zaken-en-werkgelegenheid"),
        (9, "Volksgezondheid, Welzijn en Sport", "Ministerie van Volksgezondheid, Welzijn en Sport",
         9, 2155, 2408, "volksgezondheid-welzijn-en-sport"),
        (10, "Buitenlandse Zaken / Buitenlandse Handel en Ontwikkelingssamenwerking",
         "Ministerie van Buitenlandse Zaken", 4, 2409, 2470, "buitenlandse-zaken"),
    ]
    rows = []
    for number, title, ministry, measures, first, last, slug in printed:
        iri = rdflib.URIRef(f"{ID}hoofdstuk/ledenbrief-miljoenennota-2020/{slug}")
        amounts = {a for mm in g.subjects(D.hoofdstuk, iri) for a in g.objects(mm, D.bedrag)}
        rows.append([number, title, ministry, measures, len(amounts), first, last, str(iri)])
    return rows


# --- The expected answers ------------------------------------------------------------------

AMOUNT_COLUMNS = ["titel", "waarde", "per", "eersteJaar", "laatsteJaar", "ontvanger", "citaat",
                  "eersteRegel", "laatsteRegel", "maatregel", "bedrag"]
SOURCE_COLUMNS = ["titel", "waarde", "per", "eersteJaar", "laatsteJaar", "instrument", "citaat",
                  "eersteRegel", "laatsteRegel", "bron", "bedrag"]
INSTRUMENT_COLUMNS = [*SOURCE_COLUMNS[:5], "ontvanger", *SOURCE_COLUMNS[6:]]
MEASURE_COLUMNS = ["titel", "hoofdstuk", "standpunt", "eersteRegel", "laatsteRegel", "maatregel"]

SPUK = "Specifieke uitkering Stimulering Sport"
CYBER = "Digitale veiligheid: Cybercrime en cybersecurity"
WERKGEVERS = "Werkgevers en werkzoekenden moeten elkaar makkelijker en sneller kunnen vinden"
GEWELD = "Geweld hoort nergens thuis (huiselijk geweld en kindermishandeling)"
IN_JAAR_COLUMNS = ["titel", "waarde", "per", "eersteJaar", "laatsteJaar", "doorgeteld",
                   "structureel", "instrument", "ontvanger", "citaat", "eersteRegel",
                   "laatsteRegel", "bron", "bedrag", "telregel"]
AVIM_MOTIE = ("Motie van de leden Segers en Asscher over structureel tien miljoen euro extra ten "
              "behoeve van de Afdeling Vreemdelingenpolitie, Identificatie en Mensenhandel (AVIM)")
AVIM = ("structureel tien miljoen euro extra ten behoeve van de Afdeling Vreemdelingenpolitie, "
        "Identificatie en Mensenhandel (AVIM)")
CYBER_JENV = ("€ 4 miljoen, oplopend tot € 6 miljoen per jaar voor cybersecurity worden binnen het "
              "ministerie van Justitie en Veiligheid (JenV) vanaf 2019 structureel ingezet voor "
              "extra personeel.")
REGIO_OMVANG = ("Daarnaast moeten zij minimaal 50% co-financieren, met een omvang van minimaal "
                "€ 5 miljoen tot maximaal € 40 miljoen.")
SPORT_2020 = "In totaal is in 2020 hiervoor € 177,9 miljoen beschikbaar"
SPORT_GEDEKT = ("In totaal is in 2020 hiervoor € 177,9 miljoen beschikbaar, € 22 miljoen meer dan "
                "eerder begroot")
SPORT_74 = ("De lokale overheden hebben echter € 74 miljoen meer aangevraagd dan oorspronkelijk "
            "door het Rijk begroot.")
JEUGD_1020 = ("Het kabinet had al in de voorjaarsnota 2019 €1.020 miljoen, waarvan 20 miljoen voor "
              "liquiditeitssteun bij instellingen waar gevaar voor continuïteit van zorg dreigt, "
              "toegezegd aan de gemeenten ter compensatie van de tekorten in de periode 2019-2021.")
JEUGD_300 = "In 2020 ontvangen de gemeenten de tweede tranche van € 300 miljoen."

SPUK_ROWS: list[list[Any]] = [
    [SPUK, mln("185"), JAAR, 2019, 2019, "gemeenten", "naar € 185 miljoen", 224, 224,
     m("specifieke-uitkering-stimulering-sport"), b("spuk-sport-budget-2019")],
    [SPUK, mln("152"), JAAR, 2019, 2019, "gemeenten", "in 2019 wordt verhoogd van € 152 miljoen",
     224, 224, m("specifieke-uitkering-stimulering-sport"), b("spuk-sport-budget-2019-oud")],
    [SPUK, mln("178"), JAAR, 2020, 2020, "gemeenten",
     "Het budget voor 2020 bedraagt € 178 miljoen.", 225, 225,
     m("specifieke-uitkering-stimulering-sport"), b("spuk-sport-budget-2020")],
    [SPUK, mln("228"), JAAR, 2019, 2019, "gemeenten",
     "Gemeenten hebben in 2019 namelijk voor € 228 miljoen aan aanvragen ingediend.", 228, 229,
     m("specifieke-uitkering-stimulering-sport"), b("spuk-sport-aanvragen-2019")],
]
GEBUNDELD_ROW: list[Any] = [
    "Gebundelde uitkering", mld("6,1"), JAAR, 2020, 2020, "gemeenten",
    "Het voorlopige budget voor de gebundelde uitkering 2020 bedraagt € 6,1 miljard.", 258, 259,
    m("gebundelde-uitkering"), b("gebundelde-uitkering-2020")]

CASES: list[Case] = [
    Case("decentralisatie-uitkeringen-per-startjaar", {"jaar": "2020"},
         ["maatregel", "titel", "bedrag", "waarde", "per", "laatsteJaar", "ontvanger", "citaat"], [
             [m("cultuur"), "Cultuur", b("cultuur-bibliotheeklocaties"), mln("1"), "jaar", 2022,
              "gemeenten", "Hiervoor is er van 2020 tot en met 2022 een decentralisatie-uitkering "
              "van € 1 miljoen per jaar beschikbaar."],
             [m("laaggeletterdheid"), "Laaggeletterdheid", b("laaggeletterdheid-du-2020"), mln("5"),
              "jaar", None, "centrumgemeenten",
              "Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen"]]),
    Case("bedragen-van-maatregel", {"maatregel": m("laaggeletterdheid")},
         ["bedrag", "waarde", "per", "eersteJaar", "laatsteJaar", "instrument", "ontvanger",
          "kwalificatie", "citaat"], [
             [b("laaggeletterdheid-spuk-volwasseneneducatie"), mln("60"), "onbekend", None, None,
              "specifieke-uitkering", "centrumgemeenten", "ruim",
              "De specifieke uitkering volwasseneneducatie van ruim € 60 miljoen aan de 35 "
              "Web-contactgemeenten wordt gecontinueerd."],
             [b("laaggeletterdheid-du-2020"), mln("5"), "jaar", 2020, None,
              "decentralisatie-uitkering", "centrumgemeenten", None,
              "Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen"],
             [b("laaggeletterdheid-du-2024"), mln("7,3"), "jaar", 2024, 2024,
              "decentralisatie-uitkering", "centrumgemeenten", "oplopend-tot",
              "een decentralisatie-uitkering van € 5 miljoen oplopend tot € 7,3 miljoen in 2024"]]),
    Case("maatregelen-per-ministerie", {"ministerie": TOOI + "mnre1090"},
         ["maatregel", "titel", "hoofdstuk", "standpunt", "eersteRegel"], [
             [m("specifieke-uitkering-stimulering-sport"), SPUK, 1, "kritisch", 218],
             [m("investeringsfonds"), "Investeringsfonds", 1, "afwachtend", 235],
             [m("gebundelde-uitkering"), "Gebundelde uitkering", 1, "afwachtend", 252]]),
    Case("maatregelen-per-standpunt", {"standpunt": "bezorgd"},
         ["maatregel", "titel", "hoofdstuk", "passage"], FromKb(_passages("bezorgd"))),
    Case("specifieke-uitkeringen", {}, AMOUNT_COLUMNS, [
        *SPUK_ROWS,
        ["Laaggeletterdheid", mln("60"), ONBEKEND, None, None, "centrumgemeenten",
         "De specifieke uitkering volwasseneneducatie van ruim € 60 miljoen aan de 35 "
         "Web-contactgemeenten wordt gecontinueerd.", 1367, 1368, m("laaggeletterdheid"),
         b("laaggeletterdheid-spuk-volwasseneneducatie")],
        ["Sport", mln("177,9"), JAAR, 2020, 2020, "gemeenten", SPORT_2020, 2359, 2359, m("sport"),
         b("sport-spuk-budget-2020")],
        ["Sport", mln("22"), JAAR, 2020, 2020, "gemeenten", "Hiervan wordt € 22 miljoen gedekt",
         2359, 2371, m("sport"), b("sport-spuk-gedekt")],
        ["Sport", mln("22"), JAAR, 2020, 2020, "gemeenten", SPORT_GEDEKT, 2359, 2371, m("sport"),
         b("sport-spuk-gedekt")],
        ["Sport", mln("74"), ONBEKEND, None, None, "gemeenten", SPORT_74, 2370, 2371, m("sport"),
         b("sport-spuk-meer-aangevraagd")],
        ["Sport", mln("30"), ONBEKEND, None, None, None,
         "het Rijk ziet € 30 miljoen lucht in de aanvragen", 2371, 2371, m("sport"),
         b("sport-spuk-lucht-in-aanvragen")],
        ["Sport", mln("18"), ONBEKEND, None, None, None,
         "rest een gemeentelijk tekort van € 18 miljoen", 2371, 2372, m("sport"),
         b("sport-spuk-tekort")]]),
    Case("bedragen-per-instrument", {"instrument": "fonds"}, INSTRUMENT_COLUMNS, [
             ["Voorwoord", mln("200"), JAAR, 2020, 2020, "inwoners en huishoudens",
              "Ook voor het klimaat trekt het kabinet extra geld uit: 200 miljoen in 2020", 12, 14,
              f"{ID}voorwoord/ledenbrief-miljoenennota-2020", b("voorwoord-klimaat-2020")],
             ["Voorwoord", mln("295"), JAAR, 2021, 2021, "inwoners en huishoudens",
              "oplopend naar 295 miljoen in 2021. Dit geld wordt besteed aan een warmtefonds, "
              "waarmee inwoners hun huis kunnen laten isoleren.", 13, 14, f"{ID}voorwoord/{LB}",
              b("voorwoord-klimaat-2021")],
             ["Klimaatakkoord", mln("250"), ONBEKEND, None, None, "inwoners en huishoudens",
              "een bedrag van € 250 miljoen gereserveerd voor een warmtefonds voor "
              "woningeigenaren.", 1661, 1662, m("klimaatakkoord"), b("klimaatakkoord-warmtefonds")],
         ], id="fonds"),
    Case("bedragen-per-instrument", {"instrument": "SPUK"}, INSTRUMENT_COLUMNS,
         [
             *SPUK_ROWS,
             ["Laaggeletterdheid", mln("60"), ONBEKEND, None, None, "centrumgemeenten",
              "De specifieke uitkering volwasseneneducatie van ruim € 60 miljoen aan de 35 "
              "Web-contactgemeenten wordt gecontinueerd.", 1367, 1368, m("laaggeletterdheid"),
              b("laaggeletterdheid-spuk-volwasseneneducatie")],
             ["Sport", mln("177,9"), JAAR, 2020, 2020, "gemeenten", SPORT_2020, 2359, 2359,
              m("sport"), b("sport-spuk-budget-2020")],
             ["Sport", mln("22"), JAAR, 2020, 2020, "gemeenten",
              "Hiervan wordt € 22 miljoen gedekt", 2359, 2371, m("sport"), b("sport-spuk-gedekt")],
             ["Sport", mln("22"), JAAR, 2020, 2020, "gemeenten", SPORT_GEDEKT, 2359, 2371,
              m("sport"), b("sport-spuk-gedekt")],
             ["Sport", mln("74"), ONBEKEND, None, None, "gemeenten", SPORT_74, 2370, 2371,
              m("sport"), b("sport-spuk-meer-aangevraagd")],
             ["Sport", mln("30"), ONBEKEND, None, None, None,
              "het Rijk ziet € 30 miljoen lucht in de aanvragen", 2371, 2371, m("sport"),
              b("sport-spuk-lucht-in-aanvragen")],
             ["Sport", mln("18"), ONBEKEND, None, None, None,
              "rest een gemeentelijk tekort van € 18 miljoen", 2371, 2372, m("sport"),
              b("sport-spuk-tekort")]], id="spuk-alias"),
    Case("bedragen-per-ministerie", {"ministerie": "LNV"}, AMOUNT_COLUMNS, [
        ["Veehouderij", mln("120"), TOTAAL, None, None, None,
         "Het kabinet heeft daarvoor in deze kabinetsperiode een bedrag van € 120 miljoen "
         "gereserveerd.", 1791, 1793, m("veehouderij"), b("veehouderij-saneringsregeling")],
        ["Veehouderij", mln("60"), ONBEKEND, None, None, None,
         "Daarnaast komen middelen beschikbaar voor brongerichte maatregelen in bestaande "
         "stalsystemen en de ontwikkeling van nieuwe stalsystemen (€ 60 miljoen).", 1793, 1795,
         m("veehouderij"), b("veehouderij-stalsystemen")],
        ["Regio Deals", mln("168,1"), JAAR, 2020, 2020, None,
         "Het gaat hier voornamelijk om de middelen voor de regionale opgaven (€ 168,1 miljoen "
         "in 2020).", 1831, 1832, m("regio-deals"), b("regio-deals-regionale-opgaven-2020")],
        ["Regio Deals", mln("950"), EENMALIG, None, None, "regio's",
         "De middelen worden beschikbaar gesteld vanuit de Regio Envelop en zijn eenmalig.",
         1832, 1840, m("regio-deals"), b("regio-deals-regio-envelop")],
        ["Regio Deals", mln("950"), EENMALIG, None, None, "regio's",
         "De minister van LNV coördineert in het kabinet de besluitvorming over de Regio Envelop "
         "(€ 950 miljoen). Die wordt in tranches uitgekeerd aan de regio’s.", 1832, 1840,
         m("regio-deals"), b("regio-deals-regio-envelop")],
        ["Regio Deals", mln("40"), ONBEKEND, None, None, None, REGIO_OMVANG, 1841, 1842,
         m("regio-deals"), b("regio-deals-omvang-maximaal")],
        ["Regio Deals", mln("5"), ONBEKEND, None, None, None, REGIO_OMVANG, 1841, 1842,
         m("regio-deals"), b("regio-deals-omvang-minimaal")]]),
    Case("bedragen-per-hoofdstuk", {"hoofdstuk": "1"}, AMOUNT_COLUMNS,
         [*SPUK_ROWS, GEBUNDELD_ROW]),
    # 2021: only money made available, each amount once (totalen-per-jaar adds these
    # up), by the counting rule (telregel). Open-ended amounts (first year, no last year)
    # are carried forward ("ja", doorgeteld). The foreword's 300 miljoen for 2021-2022 and
    # 295 miljoen climate money count ("samenvatting"): chapter 9 gives the € 1.020 miljoen
    # for 2019-2021 no 2021 figure, chapter 6 gives the warmtefonds no year. RES "€ 22,5
    # miljoen per jaar tot en met 2021" counts in its printed last year. Left out, among
    # others: € 4,5 miljoen samenwerking omroepen (part of the € 4,5 miljoen media amount).
    Case("bedragen-in-jaar", {"jaar": "2021"}, IN_JAAR_COLUMNS, [
        ["Voorwoord", mln("300"), JAAR, 2021, 2022, "nee", None, None, "gemeenten",
         "In 2021 en 2022 is dat 300 miljoen.", 12, 12, f"{ID}voorwoord/{LB}",
         b("voorwoord-jeugd-2021-2022"), "samenvatting"],
        ["Voorwoord", mln("295"), JAAR, 2021, 2021, "nee", None, "fonds",
         "inwoners en huishoudens", "oplopend naar 295 miljoen in 2021. Dit geld wordt besteed "
         "aan een warmtefonds, waarmee inwoners hun huis kunnen laten isoleren.", 13, 14,
         f"{ID}voorwoord/{LB}", b("voorwoord-klimaat-2021"), "samenvatting"],
        ["Woningbouw", mln("250"), JAAR, 2020, 2023, "nee", None, None, "gemeenten",
         "vier x € 250 miljoen van 2020-2023", 568, 568, m("woningbouw"),
         b("woningbouw-rijksbijdrage-per-jaar"), "gedrukt"],
        [CYBER, mln("4"), JAAR, 2019, None, "ja", "structureel", None, "het Rijk", CYBER_JENV,
         926, 928, m("cybercrime-en-cybersecurity"),
         b("cybercrime-en-cybersecurity-personeel-jenv"), "doorgeteld"],
        ["Laaggeletterdheid", mln("5"), JAAR, 2020, None, "ja", None, "decentralisatie-uitkering",
         "centrumgemeenten",
         "Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen", 1368,
         1368, m("laaggeletterdheid"), b("laaggeletterdheid-du-2020"), "doorgeteld"],
        ["Cultuur", mln("1"), JAAR, 2020, 2022, "nee", None, "decentralisatie-uitkering",
         "gemeenten", "Hiervoor is er van 2020 tot en met 2022 een decentralisatie-uitkering van "
         "€ 1 miljoen per jaar beschikbaar.", 1405, 1407, m("cultuur"),
         b("cultuur-bibliotheeklocaties"), "gedrukt"],
        ["Media", mln("4,5"), JAAR, 2021, 2021, "nee", "incidenteel", None, "publieke omroepen",
         "€ 4,5 miljoen in 2021", 1434, 1436, m("media"), b("media-omroepen-2021"), "gedrukt"],
        ["Klimaatakkoord", mln("22,5"), JAAR, None, 2021, "nee", None, None, "gemeenten",
         "Voor de Regionale Energiestrategieën (RES) komt er een bedrag beschikbaar van "
         "€ 22,5 miljoen per jaar tot en met 2021", 1649, 1651, m("klimaatakkoord"),
         b("klimaatakkoord-res"), "alleen-laatste-jaar"],
        [WERKGEVERS, mln("17"), JAAR, 2021, None, "nee", None, None, "regio's",
         "Uit de septembercirculaire van het kabinet blijkt dat vanaf 2021 jaarlijks € 17 "
         "miljoen beschikbaar komt voor ondersteuning van de arbeidsmarktregio’s.", 1885, 1886,
         m("werkgevers-en-werkzoekenden-vinden-elkaar"),
         b("werkgevers-en-werkzoekenden-arbeidsmarktregios-vanaf-2021"), "gedrukt"],
        ["Abonnementstarief", mln("145"), JAAR, 2019, None, "ja", None,
         "algemene uitkering (gemeentefonds)", "gemeenten",
         "Gemeenten krijgen in het gemeentefonds per 2019 € 145 miljoen als compensatie voor "
         "de meerkosten en inkomstenderving.", 2203, 2206, m("abonnementstarief"),
         b("abonnementstarief-compensatie"), "doorgeteld"],
        [GEWELD, mln("3"), JAAR, 2020, 2021, "nee", None, None, "centrumgemeenten",
         "Ook voor de jaren 2020 en 2021 is elk jaar € 3 miljoen beschikbaar voor "
         "projectaanvragen", 2337, 2339, m("geweld-hoort-nergens-thuis"),
         b("geweld-hoort-nergens-thuis-projectenpool-2020-2021"), "gedrukt"],
        ["Sport", mln("10"), JAAR, 2019, 2021, "nee", None, "decentralisatie-uitkering",
         "gemeenten", "Er is in de jaren 2019 tot en met 2021 jaarlijks € 10 miljoen beschikbaar "
         "voor de opzet en uitwerking van lokale sportakkoorden.", 2363, 2364, m("sport"),
         b("sport-lokale-sportakkoorden"), "gedrukt"]], id="2021"),
    # 2024, the last year of the accres tables: the open-ended amounts are still carried
    # forward; € 5 miljoen laaggeletterdheid has risen to € 7,3 miljoen ("oplopend tot
    # € 7,3 miljoen in 2024") and is counted at that level only.
    Case("bedragen-in-jaar", {"jaar": "2024"}, IN_JAAR_COLUMNS, [
        [CYBER, mln("4"), JAAR, 2019, None, "ja", "structureel", None, "het Rijk", CYBER_JENV,
         926, 928, m("cybercrime-en-cybersecurity"),
         b("cybercrime-en-cybersecurity-personeel-jenv"), "doorgeteld"],
        ["Laaggeletterdheid", mln("7,3"), JAAR, 2024, 2024, "nee", None,
         "decentralisatie-uitkering", "centrumgemeenten",
         "een decentralisatie-uitkering van € 5 miljoen oplopend tot € 7,3 miljoen in 2024",
         1368, 1369, m("laaggeletterdheid"), b("laaggeletterdheid-du-2024"), "gedrukt"],
        [WERKGEVERS, mln("17"), JAAR, 2021, None, "ja", None, None, "regio's",
         "Uit de septembercirculaire van het kabinet blijkt dat vanaf 2021 jaarlijks € 17 "
         "miljoen beschikbaar komt voor ondersteuning van de arbeidsmarktregio’s.", 1885, 1886,
         m("werkgevers-en-werkzoekenden-vinden-elkaar"),
         b("werkgevers-en-werkzoekenden-arbeidsmarktregios-vanaf-2021"), "doorgeteld"],
        ["Multidisciplinaire, keten verbindende projecten", mln("2,5"), JAAR, 2022, None, "ja",
         None, None, "gemeenten",
         "Een vraagpunt is nog wel de vorm van deze ondersteuning, begroot op 2,5 miljoen per "
         "jaar, voor gemeenten vanaf 2022.", 2047, 2048,
         m("multidisciplinaire-keten-verbindende-projecten"),
         b("multidisciplinaire-keten-verbindende-projecten-lsi-vanaf-2022"), "doorgeteld"],
        ["Abonnementstarief", mln("145"), JAAR, 2019, None, "ja", None,
         "algemene uitkering (gemeentefonds)", "gemeenten",
         "Gemeenten krijgen in het gemeentefonds per 2019 € 145 miljoen als compensatie voor "
         "de meerkosten en inkomstenderving.", 2203, 2206, m("abonnementstarief"),
         b("abonnementstarief-compensatie"), "doorgeteld"]], id="2024"),
    Case("bedragen-per-ontvanger", {"ontvanger": "politie"}, SOURCE_COLUMNS, [
        ["Voorwoord", mln("10"), JAAR, None, None, None,
         "En structureel tien miljoen euro komt ten behoeve van de Afdeling Vreemdelingenpolitie, "
         "Identificatie en Mensenhandel (AVIM).", 25, 26, f"{ID}voorwoord/{LB}",
         b("voorwoord-avim")],
        [CYBER, mln("13,8"), ONBEKEND, None, None, None,
         "De politie ontvangt daar bovenop € 13,8 miljoen extra op het gebied van digitalisering "
         "en cybercrime.", 925, 926, m("cybercrime-en-cybersecurity"),
         b("cybercrime-en-cybersecurity-politie")],
        ["Politie", mln("291"), JAAR, None, None, None,
         "Het kabinet investeert € 291 miljoen structureel in de politie.", 989, 989, m("politie"),
         b("politie-structureel")],
        ["Politie", mln("70,3"), ONBEKEND, None, None, None,
         "dienst speciale interventie (DSI) (€ 70,3 miljoen)", 993, 994, m("politie"),
         b("politie-dienst-speciale-interventie")],
        ["Politie", mln("9,9"), ONBEKEND, None, None, None,
         "extra investeringen in de gebiedsgebonden politiezorg (€ 9,9 miljoen)", 993, 993,
         m("politie"), b("politie-gebiedsgebonden-politiezorg")],
        ["Politie", mln("13,8"), ONBEKEND, None, None, None,
         "digitalisering en cybercrime (€ 13,8 miljoen)", 994, 994, m("politie"),
         b("politie-digitalisering-cybercrime")],
        ["Politie", mln("49,4"), ONBEKEND, None, None, None, "teams verkeer (€ 49,4 miljoen)", 994,
         994, m("politie"), b("politie-teams-verkeer")],
        [AVIM_MOTIE, mln("10"), JAAR, None, None, None, AVIM, 2488, 2490, f"{ID}motie/avim",
         b("motie-avim")]]),
    Case("bedragen-vanaf", {"minimum": "5e8"},
         ["titel", "waarde", "per", "eersteJaar", "laatsteJaar", "ontvanger", "eersteRegel",
          "laatsteRegel", "bron", "bedrag"], [
             ["Gebundelde uitkering", mld("6,1"), JAAR, 2020, 2020, "gemeenten", 258, 259,
              m("gebundelde-uitkering"), b("gebundelde-uitkering-2020")],
             ["Woningbouw", mld("2"), TOTAAL, None, None, None, 565, 565, m("woningbouw"),
              b("woningbouw-totaal")],
             ["Jeugd", mln("1.020"), TOTAAL, 2019, 2021, "gemeenten", 2161, 2163, m("jeugd"),
              b("jeugd-tekorten-2019-2021")],
             ["Voorwoord", mld("1"), ONBEKEND, None, None, None, 17, 19, f"{ID}voorwoord/{LB}",
              b("voorwoord-woningtekort")],
             ["Voorwoord", mld("1"), ONBEKEND, None, None, "woningcorporaties", 19, 20,
              f"{ID}voorwoord/ledenbrief-miljoenennota-2020", b("voorwoord-woningcorporaties")],
             ["Woningbouw", mld("1"), TOTAAL, 2020, 2023, "gemeenten", 568, 589, m("woningbouw"),
              b("woningbouw-rijksbijdrage")],
             ["Woningbouw", mld("1"), TOTAAL, None, None, "woningcorporaties", 595, 596,
              m("woningbouw"), b("woningbouw-heffingsvermindering-totaal")],
             ["Regio Deals", mln("950"), EENMALIG, None, None, "regio's", 1832, 1840,
              m("regio-deals"), b("regio-deals-regio-envelop")]]),
]


def _eis(slug: str) -> Callable[[rdflib.Graph], list[list[Any]]]:
    def compute(g: rdflib.Graph) -> list[list[Any]]:
        rows = []
        for mm in g.subjects(D.eis, rdflib.URIRef(f"{ID}eis/{slug}")):
            stance = g.value(mm, D.standpunt)
            label = _nl(g, stance, SKOS.prefLabel)
            for passage in g.objects(mm, D.standpuntPassage):
                first, last = _int(g.value(mm, D.eersteRegel)), _int(g.value(mm, D.laatsteRegel))
                rows.append([str(g.value(mm, rdflib.DCTERMS.title)),
                             _int(g.value(g.value(mm, D.hoofdstuk), D.nummer)), label,
                             str(passage), first, last, str(mm)])
        return sorted(rows, key=lambda r: (r[4], r[6], r[3]))
    return compute


def _wetten(g: rdflib.Graph) -> list[list[Any]]:
    rows = []
    for law in g.subjects(rdflib.RDF.type, D.Wet):
        label = str(g.value(law, rdflib.RDFS.label))
        bwb = g.value(law, rdflib.DCTERMS.identifier)
        for mm in g.subjects(D.wet, law):
            if (mm, rdflib.RDF.type, D.Maatregel) not in g:
                continue  # an entry into force names its law too
            rows.append([label, None if bwb is None else str(bwb),
                         str(g.value(mm, rdflib.DCTERMS.title)),
                         _int(g.value(g.value(mm, D.hoofdstuk), D.nummer)),
                         _int(g.value(mm, D.eersteRegel)), str(law), str(mm)])
    return sorted(rows, key=lambda r: (r[0].lower(), r[5], r[4], r[6]))


def _vindplaats_jeugd(g: rdflib.Graph) -> list[list[Any]]:
    jeugd = rdflib.URIRef(m("jeugd"))
    passages = sorted(str(p) for p in g.objects(jeugd, D.standpuntPassage))
    return [
        ["paragraaf", 2158, 2187, "Jeugd", None, None],
        *[["standpunt", None, None, p, None, None] for p in passages],
        ["bedrag", 2161, 2163, JEUGD_1020, mln("1.020"), b("jeugd-tekorten-2019-2021")],
        ["bedrag", 2161, 2162, "waarvan 20 miljoen voor liquiditeitssteun bij instellingen waar "
         "gevaar voor continuïteit van zorg dreigt", mln("20"), b("jeugd-liquiditeitssteun")],
        ["bedrag", 2163, 2164, JEUGD_300, mln("300"), b("jeugd-tweede-tranche-2020")],
        ["bedrag", 2174, 2175, "Het kabinet stelt hiervoor structureel €11,4 miljoen extra "
         "beschikbaar aan gemeenten", mln("11,4"), b("jeugd-gezinshuizen-structureel")],
        ["bedrag", 2175, 2175, "(in 2020 € 6,1 miljoen extra)", mln("6,1"),
         b("jeugd-gezinshuizen-2020")],
        ["voorwoord", 1, 38, "Voorwoord", None, f"{ID}voorwoord/ledenbrief-miljoenennota-2020"],
        ["amendement", 2492, 2495, "Amendement van GroenLinks (35300-XVI nr. 7)", None,
         f"{ID}amendement/expertisecentra-jeugdhulp"]]


MEI, SEPT = "Meicirculaire 2019", "Septembercirculaire 2019"
CEP, MEV = "Centraal Economisch Plan 2019", "Macro Economische Verkenning 2020"
VWS = "Ministerie van Volksgezondheid, Welzijn en Sport"


def _accres(circulaire: str, slug: str, grootheid: str, printed: str, line: int,
            computed: str | None = None) -> list[Any]:
    """One row of accres-per-jaar for 2020: the printed figure, and what it is recomputed as
    from the other printed figures (None for an input figure)."""
    value = pct(printed) if printed.endswith("%") else dzd(printed)
    if computed is None:
        calc: Any = None
        diff: Any = None
    else:
        calc = pct(computed) if computed.endswith("%") else dzd(computed)
        diff = calc - value
    return [circulaire, grootheid, value, "%" if printed.endswith("%") else "EUR", printed, line,
            calc, diff, f"{ID}accres/ledenbrief-miljoenennota-2020/{slug}/2020"]


def _inflatie(circulaire: str, slug: str, year: int, a: str, b_: str, printed: str,
              line: int) -> list[Any]:
    """A row of accres-controle for the inflatiecorrectie: '0,5 x a + 0,5 x b' (Tabel 2)
    from the two printed indices, rounded to two decimals, beside the printed value."""
    computed = (Decimal("0.5") * pct(a) + Decimal("0.5") * pct(b_)).quantize(Decimal("0.01"))
    return [circulaire, "inflatiecorrectie", year, pct(printed), computed, computed - pct(printed),
            printed, line, f"inflatiecorrectie.{slug}.{year}",
            f"{ID}accres/ledenbrief-miljoenennota-2020/{slug}/inflatiecorrectie/{year}"]


SPORT_AANVRAGEN = ("Aanvragen specifieke uitkering stimulering sport: € 76 of € 74 miljoen boven "
                   "de begroting")
SPORT_BUDGET = "Budget specifieke uitkering stimulering sport 2020: € 178 of € 177,9 miljoen"
JEUGD_2020 = "Extra geld jeugdzorg 2020: € 420 miljoen (voorwoord) of € 300 miljoen (hoofdstuk 9)"
SPORT_TEKORT = "Gemeentelijk tekort sport: € 74 - € 22 - € 30 is € 22 miljoen, gedrukt € 18 miljoen"
WARMTEFONDS = ("Warmtefonds: € 200 miljoen oplopend naar € 295 miljoen (voorwoord) of € 250 "
               "miljoen (hoofdstuk 6)")


def t(slug: str) -> str:
    return f"{ID}tegenstrijdigheid/ledenbrief-miljoenennota-2020/{slug}"


def _ministerie(chapter: int, name: str, jaar: int, amounts: Sequence[Decimal],
                structural: Sequence[Decimal] = (), incidental: Sequence[Decimal] = ()
                ) -> list[Any]:
    return [chapter, name, jaar, len(amounts), sum(amounts), sum(structural, Decimal(0)),
            sum(incidental, Decimal(0))]


BZK = "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
JENV = "Ministerie van Justitie en Veiligheid"
OCW = "Ministerie van Onderwijs, Cultuur en Wetenschap"
EZK = "Ministerie van Economische Zaken en Klimaat"
SZW = "Ministerie van Sociale Zaken en Werkgelegenheid"


def mlns(*printed: str) -> list[Decimal]:
    return [mln(p) for p in printed]


CASES += [
    # Per chapter and year, the money that counts in that year by the one counting rule
    # (def:Telling): the yearly amounts of tests/test_totals.py and the totalen-per-jaar case
    # below, each under its measure's ministry. Totals over a period, amounts of unknown
    # period and yearly amounts without a year count in no year, so they are in no row
    # (before issue 26 each ministry had one "per jaar" row that added a series' values and
    # years together: JenV's 4 and its later 6, the 2019 and 2020 SPUK budgets). The
    # foreword's money has no ministry.
    Case("totalen-per-ministerie", {},
         ["hoofdstuk", "ministerie", "jaar", "aantal", "totaal", "structureel", "incidenteel"], [
             # SPUK sport 2019 "verhoogd naar € 185 miljoen" (not the old 152, the 228 applied
             # for).
             _ministerie(1, "Ministerie van Financiën", 2019, mlns("185")),
             # Woningbouw: "vier x € 250 miljoen van 2020-2023".
             *[_ministerie(2, BZK, jaar, mlns("250")) for jaar in (2020, 2021, 2022, 2023)],
             # JenV cybersecurity € 4 miljoen "vanaf 2019 structureel" (carried to 2024); NCSA
             # € 95 miljoen in 2020.
             _ministerie(3, JENV, 2019, mlns("4"), structural=mlns("4")),
             _ministerie(3, JENV, 2020, mlns("95", "4"), structural=mlns("4")),
             *[_ministerie(3, JENV, jaar, mlns("4"), structural=mlns("4"))
               for jaar in (2021, 2022, 2023, 2024)],
             # 2019: proeftuinen 1,4, media 3 (tijdelijk). 2020: laaggeletterdheid 5 (per
             # 2020), proeftuinen 1,4, bibliotheken 1, media 7,5. 2021: 5, 1, media 4,5.
             # 2022: 5, 1. 2023: 5. 2024: laaggeletterdheid at 7,3.
             _ministerie(4, OCW, 2019, mlns("1,4", "3"), incidental=mlns("3")),
             _ministerie(4, OCW, 2020, mlns("5", "1,4", "1", "7,5"), incidental=mlns("7,5")),
             _ministerie(4, OCW, 2021, mlns("5", "1", "4,5"), incidental=mlns("4,5")),
             _ministerie(4, OCW, 2022, mlns("5", "1")),
             _ministerie(4, OCW, 2023, mlns("5")),
             _ministerie(4, OCW, 2024, mlns("7,3")),
             # Maatschappelijk verantwoord inkopen: "komend jaar € 1 miljoen" (2020).
             _ministerie(5, "Ministerie van Infrastructuur en Waterstaat", 2020, mlns("1")),
             # Aardgasvrije wijken "€ 68 miljoen voor 2020"; RES "€ 22,5 miljoen per jaar tot
             # en met 2021": only the last year is printed, and counts.
             _ministerie(6, EZK, 2020, mlns("68")),
             _ministerie(6, EZK, 2021, mlns("22,5")),
             # Regio deals: regionale opgaven € 168,1 miljoen in 2020.
             _ministerie(7, "Ministerie van Landbouw, Natuur en Voedselkwaliteit", 2020,
                         mlns("168,1")),
             # 2020: Perspectief op Werk 35, arbeidsmarktregio's eenmalig 7, inburgering 20.
             # From 2021 arbeidsmarktregio's 17 per year; from 2022 LSI 2,5 per year.
             _ministerie(8, SZW, 2020, mlns("35", "7", "20"), incidental=mlns("7")),
             _ministerie(8, SZW, 2021, mlns("17")),
             *[_ministerie(8, SZW, jaar, mlns("17", "2,5")) for jaar in (2022, 2023, 2024)],
             # 2019: abonnementstarief 145 (per 2019), sportakkoorden 10. 2020: jeugd 300
             # (tijdelijk), gezinshuizen 6,1, 145, rechtmatige zorg 1,1, geweld 3, SPUK 177,9,
             # 10, preventie 42,97, aanbesteden 3,9. 2021: 145, geweld 3, 10. Then 145.
             _ministerie(9, VWS, 2019, mlns("145", "10")),
             _ministerie(9, VWS, 2020, mlns("300", "6,1", "145", "1,1", "3", "177,9", "10",
                                           "42,97", "3,9"), incidental=mlns("300")),
             _ministerie(9, VWS, 2021, mlns("145", "3", "10")),
             *[_ministerie(9, VWS, jaar, mlns("145")) for jaar in (2022, 2023, 2024)],
         ]),
    # Each year: money made available, each euro once, amounts per year (and one-off amounts
    # of one year); open-ended amounts carried forward to 2024, the last year of Tabel 1.
    # (aantal, totaal, waarvan open einde, structureel, incidenteel.) The same derivation,
    # quote by quote, is in tests/test_totals.py for 2020 and 2021.
    Case("totalen-per-jaar", {},
         ["jaar", "aantal", "totaal", "openEinde", "structureel", "incidenteel"], [
             # SPUK sport 185 (verhoogd; not the old 152 nor the 228 applied for); JenV
             # cybersecurity 4 (vanaf 2019, structureel); proeftuinen 1,4; media 3 (laatste
             # maanden van 2019, tijdelijk); abonnementstarief 145 (per 2019); sport 10.
             # Not: streekomroepen 3 (part of the media 3 for 2019).
             [2019, 6, sum(mlns("185", "4", "1,4", "3", "145", "10")), 0, mln("4"), mln("3")],
             # Woningbouw 250, NCSA 95, JenV 4 (carried), laaggeletterdheid 5, proeftuinen 1,4,
             # bibliotheken 1, media 7,5, MVI 1 ("komend jaar"), aardgasvrije wijken 68, regio
             # deals 168,1, Perspectief op Werk 35, arbeidsmarktregio's eenmalig 7, inburgering
             # 20, jeugd 300, gezinshuizen 6,1, abonnementstarief 145 (carried), rechtmatige
             # zorg 1,1, geweld 3, sport 177,9 en 10, preventie 42,97, aanbesteden 3,9.
             # And the foreword's "200 miljoen in 2020" for the warmtefonds: chapter 6 gives
             # the fund's € 250 miljoen no year, so the foreword's yearly figure counts.
             [2020, 23, sum(mlns("250", "95", "4", "5", "1,4", "1", "7,5", "1", "68", "168,1",
                                 "35", "7", "20", "300", "6,1", "145", "1,1", "3", "177,9",
                                 "10", "42,97", "3,9", "200")),
              sum(mlns("4", "145")), mln("4"), sum(mlns("7,5", "7", "300"))],
             # Woningbouw 250, JenV 4, laaggeletterdheid 5, bibliotheken 1, media 4,5,
             # arbeidsmarktregio's 17 (vanaf 2021), abonnementstarief 145, geweld 3, sport 10.
             # And the foreword's youth money "In 2021 en 2022 is dat 300 miljoen" (chapter 9
             # gives the € 1.020 miljoen for 2019-2021 no 2021 figure), its climate money
             # "oplopend naar 295 miljoen in 2021" (the fund has no year in chapter 6), and
             # RES "€ 22,5 miljoen per jaar tot en met 2021" (only the last year printed).
             [2021, 12, sum(mlns("250", "4", "5", "1", "4,5", "17", "145", "3", "10", "300",
                                 "295", "22,5")),
              sum(mlns("4", "5", "145")), mln("4"), mln("4,5")],
             # Woningbouw 250, JenV 4, laaggeletterdheid 5, bibliotheken 1, arbeidsmarktregio's
             # 17, LSI 2,5 (vanaf 2022), abonnementstarief 145.
             # And the foreword's youth money for 2022 (300).
             [2022, 8, sum(mlns("250", "4", "5", "1", "17", "2,5", "145", "300")),
              sum(mlns("4", "5", "17", "145")), mln("4"), 0],
             [2023, 6, sum(mlns("250", "4", "5", "17", "2,5", "145")),
              sum(mlns("4", "5", "17", "2,5", "145")), mln("4"), 0],
             # Laaggeletterdheid now at 7,3 ("oplopend tot € 7,3 miljoen in 2024").
             [2024, 5, sum(mlns("4", "7,3", "17", "2,5", "145")),
              sum(mlns("4", "17", "2,5", "145")), mln("4"), 0]]),
    Case("structurele-en-incidentele-bedragen", {"soort": "structureel"},
         [*AMOUNT_COLUMNS[:-2], "bron", "bedrag"], [
             ["Voorwoord", mln("10"), JAAR, None, None, "politie",
              "En structureel tien miljoen euro komt ten behoeve van de Afdeling "
              "Vreemdelingenpolitie, Identificatie en Mensenhandel (AVIM).", 25, 26,
              f"{ID}voorwoord/ledenbrief-miljoenennota-2020", b("voorwoord-avim")],
             ["Woningbouw", mln("100"), JAAR, None, None, "woningcorporaties",
              "in de verhuurderheffing een structurele heffingsvermindering van € 100 miljoen per "
              "jaar voor tien jaar", 574, 575, m("woningbouw"),
              b("woningbouw-heffingsvermindering-per-jaar")],
             [CYBER, mln("4"), JAAR, 2019, None, "het Rijk", CYBER_JENV, 926, 928,
              m("cybercrime-en-cybersecurity"), b("cybercrime-en-cybersecurity-personeel-jenv")],
             [CYBER, mln("6"), JAAR, None, None, "het Rijk", CYBER_JENV, 926, 928,
              m("cybercrime-en-cybersecurity"),
              b("cybercrime-en-cybersecurity-personeel-jenv-oplopend")],
             ["Politie", mln("291"), JAAR, None, None, "politie",
              "Het kabinet investeert € 291 miljoen structureel in de politie.", 989, 989,
              m("politie"), b("politie-structureel")],
             ["Mensenhandel", mln("1"), JAAR, None, None, None,
              "Voor de opvang van slachtoffers mensenhandel komt € 1 miljoen structureel "
              "beschikbaar.", 1137, 1137, m("mensenhandel"), b("mensenhandel-opvang-slachtoffers")],
             ["Jeugd", mln("11,4"), JAAR, None, None, "gemeenten",
              "Het kabinet stelt hiervoor structureel €11,4 miljoen extra beschikbaar aan "
              "gemeenten", 2174, 2175, m("jeugd"), b("jeugd-gezinshuizen-structureel")],
             [AVIM_MOTIE, mln("10"), JAAR, None, None, "politie", AVIM, 2488, 2490,
              f"{ID}motie/avim", b("motie-avim")]]),
    Case("maatregelen-per-effecttype", {"effecttype": "nieuwe-taak"}, MEASURE_COLUMNS, [
        ["BRP en reisdocumenten", 2, "bezorgd", 831, 857, m("brp-en-reisdocumenten")],
        ["Basisregistratie ondergrond", 2, "neutraal", 859, 874, m("basisregistratie-ondergrond")],
        ["Omgevingswet: Aanvullingswet bodem", 5, "kritisch", 1460, 1481,
         m("omgevingswet-aanvullingswet-bodem")],
        ["Klimaatakkoord", 6, "afwachtend", 1635, 1685, m("klimaatakkoord")],
        ["Kwaliteit (en toezicht daarop) van kinderopvang en voorschoolse educatie in Caribisch "
         "gebied", 8, "neutraal", 1995, 2018,
         m("kinderopvang-en-voorschoolse-educatie-caribisch-gebied")],
        ["Inburgering", 8, "kritisch", 2058, 2079, m("inburgering")]]),
    Case("nieuwe-taken-zonder-geld", {},
         ["titel", "hoofdstuk", "standpunt", "eersteRegel", "laatsteRegel", "gevolg",
          "maatregel"], [
             ["BRP en reisdocumenten", 2, "bezorgd", 831, 857, Src(842, 857),
              m("brp-en-reisdocumenten")],
             ["Basisregistratie ondergrond", 2, "neutraal", 859, 874, Src(868, 874),
              m("basisregistratie-ondergrond")],
             ["Omgevingswet: Aanvullingswet bodem", 5, "kritisch", 1460, 1481, Src(1473, 1481),
              m("omgevingswet-aanvullingswet-bodem")]]),
    Case("eisen-van-de-vng", {"eis": "compensatie"},
         ["titel", "hoofdstuk", "standpunt", "passage", "eersteRegel", "laatsteRegel", "maatregel"],
         FromKb(_eis("compensatie"))),
    Case("eisen-overzicht", {}, ["eis", "maatregelen", "waarvanKritisch", "iri"],
         FromKb(_eisen_overzicht)),
    Case("standpunten-per-hoofdstuk", {},
         ["hoofdstuk", "titel", *STANDPUNTEN, "totaal"], FromKb(_standpunten_per_hoofdstuk)),
    Case("maatregelen-per-thema", {"thema": "sport"},
         ["titel", "hoofdstuk", "standpunt", "bedragen", "eersteRegel", "laatsteRegel",
          "maatregel"], [
             [SPUK, 1, "kritisch", 4, 218, 233, m("specifieke-uitkering-stimulering-sport")],
             # Sport: 177,9; 22; 10; 73; 74; 30; 18; 7.
             ["Sport", 9, "kritisch", 8, 2344, 2373, m("sport")]]),
    Case("hoofdstukken", {},
         ["hoofdstuk", "titel", "ministerie", "maatregelen", "bedragen", "eersteRegel",
          "laatsteRegel", "iri"], FromKb(_hoofdstukken)),
    Case("maatregelen-per-hoofdstuk", {"hoofdstuk": "10"},
         ["titel", "naam", "standpunt", "bedragen", "eersteRegel", "laatsteRegel", "maatregel"], [
             ["China", "china", "neutraal", 0, 2409, 2423, m("china")],
             ["Duurzame economische ontwikkeling, handel en investeringen",
              "duurzame-economische-ontwikkeling-handel-en-investeringen", "afwachtend", 0, 2425,
              2438, m("duurzame-economische-ontwikkeling-handel-en-investeringen")],
             ["Vrede, Veiligheid en duurzame ontwikkeling",
              "vrede-veiligheid-en-duurzame-ontwikkeling", "kritisch", 0, 2440, 2458,
              m("vrede-veiligheid-en-duurzame-ontwikkeling")],
             ["Multilaterale samenwerking en de sustainable development goals",
              "multilaterale-samenwerking-en-de-sustainable-development-goals", "neutraal", 0,
              2460, 2470, m("multilaterale-samenwerking-en-de-sustainable-development-goals")]]),
    Case("betrokken-ministeries", {"ministerie": "EZK"},
         ["titel", "hoofdstuk", "verantwoordelijk", "standpunt", "eersteRegel", "laatsteRegel",
          "maatregel"], [
             # "De minister van EZK komt voor het einde van 2019 met een brede agenda" (241).
             ["Investeringsfonds", 1, "Ministerie van Financiën", "afwachtend", 235, 250,
              m("investeringsfonds")]]),
    Case("maatregelen-per-instrument", {"instrument": "regio-deal"},
         ["titel", "hoofdstuk", "standpunt", "bedragen", "eersteRegel", "laatsteRegel",
          "maatregel"], [
             # "regiodeals" (273) among the instruments of samenwerking; no amount.
             ["Interbestuurlijke samenwerking", 2, "positief", 0, 268, 294,
              m("interbestuurlijke-samenwerking")],
             # Regio Envelop € 950 miljoen; omvang minimaal € 5 tot maximaal € 40 miljoen.
             ["Regio Deals", 7, "positief", 3, 1821, 1843, m("regio-deals")]]),
    Case("maatregelen-per-jaar", {"jaar": "2025"}, MEASURE_COLUMNS, [
        # "125.000 banen voor arbeidsbeperkten in de periode tot en met 2025" (487-488).
        ["Subsidie BZK ten behoeve van de Banenafspraak", 2, "neutraal", 484, 496,
         m("subsidie-bzk-banenafspraak")],
        # "Voor de periode 2020-2025 wordt er in totaal € 22 miljoen." (624).
        ["Digitaal Stelsel Omgevingswet", 2, "gemengd", 612, 649,
         m("digitaal-stelsel-omgevingswet")]]),
    Case("wetten", {}, ["wet", "bwb", "titel", "hoofdstuk", "eersteRegel", "wetIri", "maatregel"],
         FromKb(_wetten)),
    Case("wetsvoorstellen-per-jaar", {"jaar": "2022"},
         ["titel", "hoofdstuk", "standpunt", "wet", "eersteRegel", "laatsteRegel", "maatregel"], [
             # "zodat het nieuwe wettelijke en fiscale kader per 2022 in werking kan treden" (439).
             ["Pensioen", 2, "bezorgd", None, 428, 451, m("pensioen")],
             # "quotumheffing opgeschort tot uiterlijk 1 januari 2022" (1957-1958).
             *[["Wet banenafspraak en quotum arbeidsbeperkten", 8, "positief", wet, 1950, 1966,
                m("wet-banenafspraak-en-quotum-arbeidsbeperkten")]
               for wet in ["Wet banenafspraak en quotum arbeidsbeperkten",
                           "wetsvoorstel deactivering en uitstel quotumheffing",
                           "wetsvoorstel vereenvoudiging van de Wet banenafspraak"]]]),
    Case("zoek-in-teksten", {"zoekterm": "UitvoeringsToets"},
         ["titel", "tekst", "fragment", "hoofdstuk", "eersteRegel", "laatsteRegel", "maatregel"], [
             ["Data en (open) overheidsinformatie", "voornemen",
              Fragment(674, 689, "uitvoeringstoets"), 2, 671, 704,
              m("data-en-open-overheidsinformatie")],
             ["eID en Wet Digitale Overheid", "gevolg voor gemeenten",
              Fragment(801, 808, "uitvoeringstoets"), 2, 791, 808,
              m("eid-en-wet-digitale-overheid")],
             ["Archiefwet", "gevolg voor gemeenten", Fragment(1312, 1313, "uitvoeringstoets"), 4,
              1304, 1313, m("archiefwet")],
             ["Wet bevorderen samenwerking en rechtmatige zorg", "gevolg voor gemeenten",
              Fragment(2223, 2235, "uitvoeringstoets"), 9, 2209, 2235,
              m("wet-bevorderen-samenwerking-en-rechtmatige-zorg")]]),
    Case("moties-en-amendementen", {},
         ["soort", "titel", "status", "maatregelTitel", "waarde", "eersteRegel", "laatsteRegel",
          "link", "iri", "maatregel"], [
             ["motie", "Motie van het lid Pieter Heerma c.s. over een parlementair onderzoek over "
              "de oorzaken van problemen bij uitvoeringsorganisaties", "aangenomen",
              "Dienstverlening en uitvoering", None, 2476, 2478, TK + "2019Z17541&did=2019D36525",
              f"{ID}motie/parlementair-onderzoek-uitvoeringsorganisaties",
              m("dienstverlening-en-uitvoering")],
             ["motie", "Motie van de leden Pieter Heerma en Dijkhoff over inrichten van een "
              "interventieteam ondermijning", "aangenomen", "Ondermijning", None, 2479, 2481,
              TK + "2019Z17542&did=2019D36526", f"{ID}motie/interventieteam-ondermijning",
              m("ondermijning")],
             ["motie", "Motie van de leden Asscher en Pieter Heerma over bestuurlijke boetes voor "
              "verhuurders die doelbewust te hoge huren vragen", "aangenomen", None, None, 2482,
              2484, TK + "2019Z17555&did=2019D36539", f"{ID}motie/bestuurlijke-boetes-verhuurders",
              None],
             ["motie", "Motie van het lid Segers c.s. over aanpassingen van de trap-op-trap-af "
              "systematiek bij gemeentebudgetten", "aangenomen", None, None, 2485, 2487, None,
              f"{ID}motie/trap-op-trap-af", None],
             ["motie", AVIM_MOTIE, "aangenomen", None, mln("10"), 2488, 2490,
              TK + "2019Z17558&did=2019D36542", f"{ID}motie/avim", None],
             ["amendement", "Amendement van GroenLinks (35300-XVI nr. 7)",
              "ingediend, nog niet in stemming", "Jeugd", mln("26"), 2492, 2495, None,
              f"{ID}amendement/expertisecentra-jeugdhulp", m("jeugd")]]),
    Case("vindplaats-van-maatregel", {"maatregel": "jeugd"},
         ["soort", "eersteRegel", "laatsteRegel", "tekst", "waarde", "iri"],
         FromKb(_vindplaats_jeugd)),
    Case("vindplaats-van-bedrag", {"waarde": "300000000"},
         ["titel", "waarde", "citaat", "eersteRegel", "laatsteRegel", "bron", "bedrag"], [
             ["Voorwoord", mln("300"), "In 2021 en 2022 is dat 300 miljoen.", 12, 12,
              f"{ID}voorwoord/ledenbrief-miljoenennota-2020", b("voorwoord-jeugd-2021-2022")],
             ["Jeugd", mln("300"), JEUGD_300, 2163, 2164, m("jeugd"),
              b("jeugd-tweede-tranche-2020")]], id="300-miljoen"),
    Case("vindplaats-van-bedrag", {"waarde": "218,3e6"},
         ["titel", "waarde", "citaat", "eersteRegel", "laatsteRegel", "bron", "bedrag"], [
             # "een neerwaartse bijstelling van het accres met € 218,3 miljoen" (94).
             ["Bedragen en percentages in de tekst van de accresanalyse", -mln("218,3"),
              "€ 218,3 miljoen", 94, 94, f"{ID}dataset/ledenbrief-miljoenennota-2020/accres-tekst",
              f"{ID}accres/ledenbrief-miljoenennota-2020/tekst/septembercirculaire-2019/bijstelling-nominaal-accres/2019"]],
         id="accres-bijstelling"),
    Case("accres-per-jaar", {"jaar": "2020"},
         ["circulaire", "grootheid", "waarde", "eenheid", "citaat", "regel", "berekend",
          "verschil", "iri"], [
             _accres(MEI, "meicirculaire-2019/nominaal-accres", "nominaal accres", "835.400", 65),
             _accres(MEI, "meicirculaire-2019/accrespercentage", "accrespercentage", "3,13%", 67),
             # 3,13% - inflatiecorrectie CEP 2019 voor 2020 (1,70%) = 1,43%.
             _accres(MEI, "meicirculaire-2019/reeel-accrespercentage", "reëel accrespercentage",
                     "1,43%", 69, computed="1,43%"),
             # 835.400 x 1,43 / 3,13 = 381.668,4.
             _accres(MEI, "meicirculaire-2019/reeel-accres", "reëel accres", "381.668", 71,
                     computed="381.668"),
             _accres(SEPT, "septembercirculaire-2019/nominaal-accres", "nominaal accres",
                     "1.244.014", 75),
             _accres(SEPT, "septembercirculaire-2019/accrespercentage", "accrespercentage",
                     "4,65%", 77),
             # 4,65% - inflatiecorrectie MEV 2020 voor 2020 (2,05%) = 2,60%.
             _accres(SEPT, "septembercirculaire-2019/reeel-accrespercentage",
                     "reëel accrespercentage", "2,60%", 79, computed="2,60%"),
             # 1.244.014 x 2,60 / 4,65 = 695.578,0.
             _accres(SEPT, "septembercirculaire-2019/reeel-accres", "reëel accres", "695.578", 81,
                     computed="695.578"),
             _accres(SEPT, "septembercirculaire-2019/opschalingskorting", "opschalingskorting",
                     "70.000", 83),
             # 695.578 - 70.000 = 625.578.
             _accres(SEPT, "septembercirculaire-2019/werkelijk-volume-accres",
                     "werkelijk volume-accres", "625.578", 85, computed="625.578"),
             # 625.578 / (1.244.014 / 4,65%) = 2,338%.
             _accres(SEPT, "septembercirculaire-2019/volume-accrespercentage", "volume-accres in %",
                     "2,34%", 87, computed="2,34%")]),
    Case("volume-accres-per-jaar", {},
         ["jaar", "reeelAccres", "opschalingskorting", "werkelijkVolumeAccres",
          "volumeAccresProcent"], [
             # Tabel 1, septembercirculaire 2019, regels 81, 83, 85 en 87.
             [2019, dzd("724.318"), dzd("60.000"), dzd("664.318"), pct("3,77%")],
             [2020, dzd("695.578"), dzd("70.000"), dzd("625.578"), pct("2,34%")],
             [2021, dzd("300.905"), dzd("90.000"), dzd("210.905"), pct("0,77%")],
             [2022, dzd("304.582"), dzd("110.000"), dzd("194.582"), pct("0,69%")],
             [2023, dzd("465.945"), dzd("130.000"), dzd("335.945"), pct("1,18%")],
             [2024, dzd("459.745"), dzd("135.000"), dzd("324.745"), pct("1,10%")]]),
    Case("bcf-aandeel-per-jaar", {},
         ["jaar", "plafond", "declaraties", "vrijval", "aandeelGemeenten"], [
             # Tabel 3, regels 199-205.
             [2019, dzd("3.519.703"), dzd("3.427.847"), dzd("91.856"), dzd("80.823")],
             [2020, dzd("3.671.278"), dzd("3.564.961"), dzd("106.317"), dzd("93.547")],
             [2021, dzd("3.791.793"), dzd("3.707.559"), dzd("84.234"), dzd("74.116")],
             [2022, dzd("3.906.157"), dzd("3.855.862"), dzd("50.295"), dzd("44.254")],
             [2023, dzd("4.042.143"), dzd("4.010.096"), dzd("32.047"), dzd("28.198")],
             [2024, dzd("4.180.137"), dzd("4.170.500"), dzd("9.637"), dzd("8.479")]]),
    Case("accres-bijstellingen", {},
         ["jaar", "nominaalMei", "nominaalSeptember", "verschil", "bijstellingTekst", "procentMei",
          "procentSeptember", "verschilProcent", "wijzigingTekst"], [
             # Tabel 1 (regels 65, 67, 75, 77); the text: "een neerwaartse bijstelling van het
             # accres met € 218,3 miljoen" (94), "met € 408,6 miljoen flink toe" (97), "met
             # € 204,7 miljoen naar boven bijgesteld" (106), "+0,08%, -0,28% en +0,03%" (113).
             [2019, dzd("1.286.315"), dzd("1.067.972"), dzd("-218.343"), -mln("218,3"),
              pct("7,30%"), pct("6,06%"), pct("-1,24%"), None],
             [2020, dzd("835.400"), dzd("1.244.014"), dzd("408.614"), mln("408,6"),
              pct("3,13%"), pct("4,65%"), pct("1,52%"), None],
             [2021, dzd("697.978"), dzd("902.715"), dzd("204.737"), mln("204,7"),
              pct("2,56%"), pct("3,30%"), pct("0,74%"), None],
             [2022, dzd("820.567"), dzd("854.522"), dzd("33.955"), None,
              pct("2,95%"), pct("3,03%"), pct("0,08%"), pct("+0,08%")],
             [2023, dzd("1.057.415"), dzd("994.778"), dzd("-62.637"), None,
              pct("3,76%"), pct("3,48%"), pct("-0,28%"), pct("-0,28%")],
             [2024, dzd("983.124"), dzd("1.004.955"), dzd("21.831"), None,
              pct("3,38%"), pct("3,41%"), pct("0,03%"), pct("+0,03%")]]),
    Case("accres-controle", {"grootheid": "inflatiecorrectie"},
         ["circulaire", "grootheid", "jaar", "gepubliceerd", "berekend", "verschil", "citaat",
          "regel", "invoernaam", "iri"], [
             # Tabel 2: 0,5 x 2,20% + 0,5 x 1,70% = 1,95%, printed 1,85% (CEP and MEV, 2024).
             _inflatie(CEP, "cep-2019", 2024, "2,20%", "1,70%", "1,85%", 150),
             _inflatie(MEV, "mev-2020", 2024, "2,20%", "1,70%", "1,85%", 158),
             _inflatie(CEP, "cep-2019", 2019, "2,50%", "1,40%", "1,95%", 150),
             _inflatie(CEP, "cep-2019", 2020, "1,90%", "1,50%", "1,70%", 150),
             _inflatie(CEP, "cep-2019", 2021, "2,60%", "1,80%", "2,20%", 150),
             _inflatie(CEP, "cep-2019", 2022, "2,20%", "1,70%", "1,95%", 150),
             _inflatie(CEP, "cep-2019", 2023, "2,00%", "1,70%", "1,85%", 150),
             _inflatie(MEV, "mev-2020", 2019, "3,30%", "1,50%", "2,40%", 158),
             _inflatie(MEV, "mev-2020", 2020, "2,50%", "1,60%", "2,05%", 158),
             _inflatie(MEV, "mev-2020", 2021, "2,60%", "1,80%", "2,20%", 158),
             _inflatie(MEV, "mev-2020", 2022, "2,20%", "1,70%", "1,95%", 158),
             _inflatie(MEV, "mev-2020", 2023, "2,00%", "1,70%", "1,85%", 158)]),
    Case("tegenstrijdigheden", {},
         ["tegenstrijdigheid", "titel", "waarde", "citaat", "eersteRegel", "laatsteRegel", "bedrag",
          "iri"], [
             [SPORT_AANVRAGEN, SPUK, mln("152"), "in 2019 wordt verhoogd van € 152 miljoen", 224,
              224, b("spuk-sport-budget-2019-oud"), t("spuk-sport-aanvragen")],
             [SPORT_AANVRAGEN, SPUK, mln("228"),
              "Gemeenten hebben in 2019 namelijk voor € 228 miljoen aan aanvragen ingediend.", 228,
              229, b("spuk-sport-aanvragen-2019"), t("spuk-sport-aanvragen")],
             [SPORT_AANVRAGEN, "Sport", mln("74"), SPORT_74, 2370, 2371,
              b("sport-spuk-meer-aangevraagd"), t("spuk-sport-aanvragen")],
             [SPORT_BUDGET, SPUK, mln("178"), "Het budget voor 2020 bedraagt € 178 miljoen.", 225,
              225, b("spuk-sport-budget-2020"), t("spuk-sport-budget-2020")],
             [SPORT_BUDGET, "Sport", mln("177,9"), SPORT_2020, 2359, 2359,
              b("sport-spuk-budget-2020"), t("spuk-sport-budget-2020")],
             [JEUGD_2020, "Voorwoord", mln("420"), "In 2020 krijgen gemeenten 420 miljoen extra.",
              11, 12, b("voorwoord-jeugd-2020"), t("jeugd-2020")],
             [JEUGD_2020, "Voorwoord", mln("300"), "In 2021 en 2022 is dat 300 miljoen.", 12, 12,
              b("voorwoord-jeugd-2021-2022"), t("jeugd-2020")],
             [JEUGD_2020, "Jeugd", mln("1.020"), JEUGD_1020, 2161, 2163,
              b("jeugd-tekorten-2019-2021"), t("jeugd-2020")],
             [JEUGD_2020, "Jeugd", mln("300"), JEUGD_300, 2163, 2164,
              b("jeugd-tweede-tranche-2020"), t("jeugd-2020")],
             [SPORT_TEKORT, "Sport", mln("22"), "Hiervan wordt € 22 miljoen gedekt", 2359, 2371,
              b("sport-spuk-gedekt"), t("sport-tekort")],
             [SPORT_TEKORT, "Sport", mln("22"), SPORT_GEDEKT, 2359, 2371, b("sport-spuk-gedekt"),
              t("sport-tekort")],
             [SPORT_TEKORT, "Sport", mln("74"), SPORT_74, 2370, 2371,
              b("sport-spuk-meer-aangevraagd"), t("sport-tekort")],
             [SPORT_TEKORT, "Sport", mln("30"), "het Rijk ziet € 30 miljoen lucht in de aanvragen",
              2371, 2371, b("sport-spuk-lucht-in-aanvragen"), t("sport-tekort")],
             [SPORT_TEKORT, "Sport", mln("18"), "rest een gemeentelijk tekort van € 18 miljoen",
              2371, 2372, b("sport-spuk-tekort"), t("sport-tekort")],
             [WARMTEFONDS, "Voorwoord", mln("200"),
              "Ook voor het klimaat trekt het kabinet extra geld uit: 200 miljoen in 2020", 12, 14,
              b("voorwoord-klimaat-2020"), t("warmtefonds")],
             [WARMTEFONDS, "Voorwoord", mln("295"),
              "oplopend naar 295 miljoen in 2021. Dit geld wordt besteed aan een warmtefonds, "
              "waarmee inwoners hun huis kunnen laten isoleren.", 13, 14,
              b("voorwoord-klimaat-2021"), t("warmtefonds")],
             [WARMTEFONDS, "Klimaatakkoord", mln("250"),
              "een bedrag van € 250 miljoen gereserveerd voor een warmtefonds voor "
              "woningeigenaren.", 1661, 1662, b("klimaatakkoord-warmtefonds"), t("warmtefonds")]]),
]


# --- Entry into force, accres revision reasons, funding conditions ---------------------------
# Every row typed in from the letter: the quote, its lines, the date as printed (a year when
# the text gives only a year), the law the text names.

def iwt(slug: str) -> str:
    return f"{ID}inwerkingtreding/ledenbrief-miljoenennota-2020/{slug}"


def vw(slug: str) -> str:
    return f"{ID}voorwaarde/ledenbrief-miljoenennota-2020/{slug}"


def rd(slug: str) -> str:
    return f"{ID}accresreden/ledenbrief-miljoenennota-2020/{slug}"


BIJSTELLING_2019, BIJSTELLING_2020, BIJSTELLING_2021 = -mln("218,3"), mln("408,6"), mln("204,7")
VERLAGEND, VERHOGEND = "verlagend of dempend", "verhogend"
REGIO, REGIO_ENVELOP = "Regio Deals", b("regio-deals-regio-envelop")
DERDE_TRANCHE = ("De derde (en laatste) tranche is 9 september opengesteld en sluit op "
                 "1 december 2019.")
GEWELD = "Geweld hoort nergens thuis (huiselijk geweld en kindermishandeling)"
POOL = b("geweld-hoort-nergens-thuis-projectenpool-2020-2021")
ROUTE = "aanvraag- of verdeelroute"

CASES += [
    Case("inwerkingtreding-in-jaar", {"jaar": "2021"},
         ["onderwerp", "datum", "status", "wet", "titel", "hoofdstuk", "citaat", "eersteRegel",
          "laatsteRegel", "inwerkingtreding"], [
             # Year-only dates first ("2021" sorts before "2021-01-01"), then in letter order.
             ["herijkte verdeling van het gemeentefonds", 2021, "gepland", None,
              "Interbestuurlijke samenwerking", 2,
              "Het is de bedoeling dat de herijkte verdeling van het gemeentefonds in 2021 "
              "ingaat.", 293, 294, iwt("herijkte-verdeling-gemeentefonds")],
             # The bill is described, not named: no law.
             ["nieuwe regels en verplichtingen voor de vaststelling van de verkiezingsuitslag",
              2021, "gepland", None, "Een vernieuwd verkiezingsproces", 2,
              "Het kabinet heeft een wetsvoorstel in voorbereiding tot verbetering van de "
              "kwaliteit van de vaststelling van de verkiezingsuitslag. De nieuwe regels en "
              "verplichtingen moeten in 2021 gaan gelden.", 310, 312,
              iwt("regels-vaststelling-verkiezingsuitslag")],
             ["wettelijke experimenten met nieuwe, handzame stembiljetten", 2021, "gepland", None,
              "Een vernieuwd verkiezingsproces", 2,
              "Ook wil het kabinet vanaf 2021 wettelijke experimenten mogelijk maken met nieuwe, "
              "handzame stembiljetten.", 312, 313, iwt("experimenten-nieuwe-stembiljetten")],
             ["Wet kwaliteitsborging voor het bouwen (stapsgewijze invoering)", 2021, "gefaseerd",
              "Wet kwaliteitsborging voor het bouwen", "Kwaliteit van bouwen", 2,
              "In 2020 zal het ministerie van BZK voorbereidingen treffen voor de stapsgewijze "
              "invoering in 2021.", 506, 507, iwt("wet-kwaliteitsborging-voor-het-bouwen")],
             ["Wet open overheid", 2021, "gepland", "Wet open overheid",
              "Data en (open) overheidsinformatie", 2,
              "In 2019 is de voorbereiding gestart van de implementatie van de Wet open overheid "
              "(Woo), die in 2021 van kracht moet worden.", 683, 684, iwt("wet-open-overheid")],
             # "cultuurstelsel 2021-2024": the year is in the system's name.
             ["cultuurstelsel 2021-2024", 2021, "gepland", None, "Cultuur", 4,
              "Volgend jaar wordt het cultuurstelsel 2021-2024 vastgesteld.", 1381, 1382,
              iwt("cultuurstelsel-2021-2024")],
             ["impulsregeling voor een klimaatbestendige inrichting", 2021, "gepland", None,
              "Klimaatadaptatie", 5,
              "In 2021 zal een impulsregeling geopend worden waarop gemeenten aanspraak kunnen "
              "maken.", 1507, 1507, iwt("impulsregeling-klimaatadaptatie")],
             ["nieuw inburgeringsstelsel", 2021, "gepland", None, "Inburgering", 8,
              "Het kabinet werkt aan een nieuw inburgeringstelsel dat per 2021 in moet gaan.",
              2061, 2061, iwt("inburgeringsstelsel")],
             ["Omgevingswet", "2021-01-01", "gepland", "Omgevingswet",
              "Digitaal Stelsel Omgevingswet", 2,
              "met als doel inwerkingtreding van de Omgevingswet op 1 januari 2021.", 617, 618,
              iwt("omgevingswet")]]),
    Case("inwerkingtreding-op-datum", {"datum": "2020-01-01"},
         ["onderwerp", "status", "wet", "titel", "hoofdstuk", "citaat", "eersteRegel",
          "laatsteRegel", "inwerkingtreding"], [
             ["Wet arbeidsmarkt in balans", "gepland", "Wet arbeidsmarkt in balans",
              "Arbeidsmarktbeleid en duurzame inzetbaarheid", 2,
              "Zo wil het kabinet met de Wet arbeidsmarkt in balans (Wab) vanaf 1 januari 2020 "
              "een eerlijkere arbeidsmarkt creëren", 456, 457, iwt("wet-arbeidsmarkt-in-balans")],
             # "vanaf 1 januari a.s." in a letter of autumn 2019 (see the KB's comment).
             ["Wet normalisering rechtspositie ambtenaren (behalve voor de veiligheidsregio’s)",
              "gepland", "Wet normalisering rechtspositie ambtenaren",
              "Arbeidsmarktbeleid en duurzame inzetbaarheid", 2,
              "gemeenteambtenaren vanaf 1 januari a.s. ook onder het civiele arbeidsrecht vallen. "
              "De Wet normalisering rechtspositie ambtenaren (Wnra) heeft dan zijn intrede gedaan "
              "met uitzondering van de veiligheidsregio’s.", 469, 471,
              iwt("wet-normalisering-rechtspositie-ambtenaren")],
             ["registratieobjecten van de Basisregistratie Ondergrond, tranche 2 van 4",
              "gefaseerd", None, "Basisregistratie ondergrond", 2,
              "De invoering van de registratieobjecten van de BRO is opgedeeld in vier tranches, "
              "waarbij tranche 2 op 1 januari 2020 in werking treedt.", 873, 874,
              iwt("basisregistratie-ondergrond-tranche-2")],
             ["wet- en regelgeving rond het experiment met de gesloten coffeeshopketen",
              "verwacht", None, "Gesloten coffeeshopketen", 3,
              "De wet- en regelgeving rond het experiment met de gesloten coffeeshopketen treedt "
              "naar verwachting op 1 januari 2020 in werking.", 1027, 1028,
              iwt("experiment-gesloten-coffeeshopketen")]]),
    Case("accres-bijstelling-redenen", {},
         ["jaar", "bijstelling", "soort", "werking", "bedrag", "citaat", "eersteRegel",
          "laatsteRegel", "reden"], [
             # 2019: "een neerwaartse bijstelling van het accres met € 218,3 miljoen" (94).
             [2019, BIJSTELLING_2019, "onderuitputting", VERLAGEND, None,
              "een aanvullende raming voor de onderuitputting op de rijksbegroting door "
              "uitgestelde investeringen", 90, 91,
              rd("2019-onderuitputting-uitgestelde-investeringen")],
             [2019, BIJSTELLING_2019, "reservering of kasschuif", VERLAGEND, None,
              "een reservering voor uitgaven woningmarkt in latere jaren", 91, 92,
              rd("2019-reservering-woningmarkt")],
             [2019, BIJSTELLING_2019, "aanpassing uitgavenplafond", VERLAGEND, None,
              "Ook de versnelde beëindiging van de gaswinning in Groningen heeft een negatief "
              "effect op het accres.", 92, 93, rd("2019-gaswinning-groningen")],
             [2019, BIJSTELLING_2019, "onderuitputting", VERLAGEND, mld("1,2"),
              "Het ministerie van Financiën raamt hiervoor nu naast € 1,2 miljard aan "
              "onderuitputting op consumptieve uitgaven", 117, 118,
              rd("2019-onderuitputting-consumptieve-uitgaven")],
             [2019, BIJSTELLING_2019, "onderuitputting", VERLAGEND, mld("1,7"),
              "ook € 1,7 miljard aan onderuitputting op investeringsuitgaven. Dit houdt mede "
              "verband met de stikstofproblematiek.", 118, 119,
              rd("2019-onderuitputting-investeringsuitgaven")],
             # 2020: "met € 408,6 miljoen flink toe" (97).
             [2020, BIJSTELLING_2020, "doorwerking bijstelling vorig jaar", VERHOGEND, mln("218"),
              "Maar die toename komt voor ruim de helft (€ 218 miljoen) door de lagere raming "
              "van het accres 2019 en betekent geen hogere algemene uitkering.", 97, 98,
              rd("2020-doorwerking-accres-2019")],
             [2020, BIJSTELLING_2020, "uitgaven door akkoorden", VERHOGEND, None,
              "meer uitgaven op de rijksbegroting als gevolg van het pensioenakkoord, het "
              "klimaatakkoord", 99, 100, rd("2020-pensioen-en-klimaatakkoord")],
             [2020, BIJSTELLING_2020, "reservering of kasschuif", VERHOGEND, None,
              "de hogere investeringen in de woningmarkt, bereikbaarheid en defensie door het "
              "doorschuiven van geld uit 2019", 100, 101, rd("2020-doorschuiven-investeringen")],
             [2020, BIJSTELLING_2020, "raming inflatiecorrectie", VERHOGEND, None,
              "een hogere raming van de inflatiecorrectie in de Macro Economische Verkenning 2020 "
              "ten opzichte van het Centraal Economisch Plan 2019", 101, 102,
              rd("2020-inflatiecorrectie-mev")],
             [2020, BIJSTELLING_2020, "aanpassing uitgavenplafond", VERLAGEND, None,
              "De toename van het accres wordt daarbij gedempt door de versnelde beëindiging van "
              "de gaswinning. Daarom vindt juist een neerwaartse aanpassing van het "
              "uitgavenplafond van de rijksbegroting plaats.", 102, 104,
              rd("2020-gaswinning-uitgavenplafond")],
             [2020, BIJSTELLING_2020, "raming inflatiecorrectie", VERHOGEND, None,
              "Voor het uitkeringsjaar 2020 leidt voornamelijk een hogere raming van de "
              "loonontwikkeling tot een opwaartse bijstelling van het accres ten opzichte van de "
              "meicirculaire.", 169, 170, rd("2020-loonontwikkeling")],
             # 2021: "met € 204,7 miljoen naar boven bijgesteld" (106).
             [2021, BIJSTELLING_2021, "uitgaven door akkoorden", VERHOGEND, None,
              "Dit wordt eveneens veroorzaakt door de hogere uitgaven op de rijksbegroting door "
              "het pensioenakkoord, het klimaatakkoord", 106, 108,
              rd("2021-pensioen-en-klimaatakkoord")],
             [2021, BIJSTELLING_2021, "reservering of kasschuif", VERHOGEND, None,
              "het doorschuiven van geld voor investeringen in de woningmarkt, bereikbaarheid en "
              "defensie", 108, 109, rd("2021-doorschuiven-investeringen")],
             [2021, BIJSTELLING_2021, "aanpassing uitgavenplafond", VERLAGEND, None,
              "De versnelde beëindiging van de gaswinning dempt eveneens in 2021 de toename van "
              "het accres, omdat het uitgavenplafond van het Rijk daarvoor naar beneden wordt "
              "bijgesteld.", 109, 110, rd("2021-gaswinning-uitgavenplafond")]]),
    Case("voorwaarden-van-financiering", {},
         ["titel", "hoofdstuk", "soort", "minimum", "maximum", "eenheid", "datum", "bedrag",
          "citaat", "eersteRegel", "laatsteRegel", "voorwaarde"], [
             ["Woningbouw", 2, "looptijd", None, 15, "jaar", None, None,
              "Voor de aanstaande bouw van tijdelijke woningen geldt een vrijstelling van de "
              "verhuurderheffing voor de komende 15 jaar.", 580, 581,
              vw("tijdelijke-woningen-vrijstelling-15-jaar")],
             ["Woningbouw", 2, "wie mag aanvragen", None, None, None, None,
              b("woningbouw-rijksbijdrage"),
              "Het is goed dat deze bedragen beschikbaar worden gesteld, maar dit geldt alleen "
              "voor gemeenten in schaarstegebieden.", 592, 593,
              vw("woningbouw-alleen-schaarstegebieden")],
             ["Woningbouw", 2, "inhoudelijke eis", None, None, None, None, None,
              "Gemeenten moeten opletten dat de bouw van tijdelijke woningen tussen 2020 en 2024 "
              "plaatsvindt en dat ze na 15 jaar worden verwijderd.", 602, 603,
              vw("tijdelijke-woningen-bouwperiode")],
             ["Prostitutie en seksuele misdrijven", 3, "looptijd", None, 4, "jaar", None, None,
              "De opgestelde Regeling uitstapprogramma’s prostituees III biedt gemeentelijke "
              "overheden en maatschappelijke organisaties de mogelijkheid van maximaal vier jaar "
              "subsidie voor het ontwikkelen, uitvoeren en uitbreiden van uitstapprogramma’s.",
              1115, 1117, vw("uitstapprogrammas-maximaal-vier-jaar")],
             ["Cultuur", 4, ROUTE, None, None, None, None, b("cultuur-proeftuinen"),
              "In 11 gevallen loopt de bijdrage via de centrumgemeenten met een bedrag van "
              "jaarlijks ongeveer € 1,4 miljoen als decentralisatie-uitkering in het "
              "Gemeentefonds.", 1399, 1401, vw("proeftuinen-via-centrumgemeenten")],
             ["Cultuur", 4, ROUTE, None, None, None, None, None,
              "De overige al beschikbare extra gelden voor toegankelijkheid worden als subsidies "
              "verdeeld via het Fonds voor Cultuurparticipatie.", 1401, 1402,
              vw("toegankelijkheid-via-fonds-cultuurparticipatie")],
             ["Media", 4, ROUTE, None, None, None, None, b("media-streekomroepen"),
              "Het tijdelijke extra rijksgeld voor de streekomroepen wordt naar verwachting "
              "verdeeld via het Stimuleringsfonds voor de Lokale Journalistiek, dat een "
              "verkenning uitvoert naar criteria.", 1440, 1442, vw("streekomroepen-verdeling")],
             ["Klimaatadaptatie", 5, "inhoudelijke eis", None, None, None, None, None,
              "Voorwaarde daarvoor is een afgeronde stresstest en risicodialoog en een "
              "uitvoeringsprogramma, zoals afgesproken in het Deltaprogramma.", 1508, 1509,
              vw("impulsregeling-klimaatadaptatie-voorwaarde")],
             ["Klimaatadaptatie", 5, "aantal projecten", 3, 9, "projecten", None,
              b("klimaatadaptatie-pilots"),
              "In totaal is € 4.8 miljoen beschikbaar voor drie tot negen projecten.", 1511, 1512,
              vw("klimaatadaptatie-pilots-aantal")],
             ["Klimaatadaptatie", 5, ROUTE, None, None, None, None, b("klimaatadaptatie-pilots"),
              "Voor de pilots wordt binnenkort een uitvraag gedaan waar gemeenten op in kunnen "
              "schrijven.", 1511, 1511, vw("klimaatadaptatie-pilots-uitvraag")],
             ["Maatschappelijk Verantwoord Inkopen", 5, ROUTE, None, None, None, None,
              b("maatschappelijk-verantwoord-inkopen-pilots"),
              "Deze € 1 miljoen is – naar wij hebben begrepen – bestemd als subsidie voor pilots "
              "met klimaatneutraal en circulair inkopen. Gemeenten kunnen hiervoor een aanvraag "
              "doen.", 1627, 1628, vw("mvi-pilots-aanvraag")],
             ["Klimaatakkoord", 6, "cofinanciering", None, None, None, None,
              b("klimaatakkoord-fietsparkeren"),
              "Om ketenmobiliteit te stimuleren wordt tot en met 2023 een bedrag van € 75 miljoen "
              "via cofinanciering beschikbaar gesteld om knelpunten rond fietsparkeren bij "
              "stations aan te pakken", 1655, 1657, vw("fietsparkeren-cofinanciering")],
             [REGIO, 7, "tranche", None, None, None, None, REGIO_ENVELOP,
              "Die wordt in tranches uitgekeerd aan de regio’s.", 1834, 1834,
              vw("regio-envelop-tranches")],
             [REGIO, 7, ROUTE, None, None, None, None, REGIO_ENVELOP,
              "Regio’s, waaronder ook gemeenten, kunnen via de RVO een voorstel indienen bij het "
              "ministerie van LNV.", 1838, 1839, vw("regio-deals-voorstel-via-rvo")],
             [REGIO, 7, "inhoudelijke eis", None, None, None, None, REGIO_ENVELOP,
              "Regio’s moeten aan enkele criteria voldoen die bijdragen aan de brede welvaart.",
              1840, 1841, vw("regio-deals-criteria")],
             [REGIO, 7, "cofinanciering", pct("50%"), None, "%", None, REGIO_ENVELOP,
              "Daarnaast moeten zij minimaal 50% co-financieren", 1841, 1841,
              vw("regio-deals-cofinanciering")],
             [REGIO, 7, "omvang per aanvraag", mln("5"), mln("40"), "EUR", None, REGIO_ENVELOP,
              "met een omvang van minimaal € 5 miljoen tot maximaal € 40 miljoen.", 1841, 1842,
              vw("regio-deals-omvang")],
             # "9 september" without a year, in the sentence that closes on 1 december 2019.
             [REGIO, 7, "openingsdatum", None, None, None, "2019-09-09", REGIO_ENVELOP,
              DERDE_TRANCHE, 1842, 1843, vw("regio-deals-derde-tranche-open")],
             [REGIO, 7, "sluitingsdatum", None, None, None, "2019-12-01", REGIO_ENVELOP,
              DERDE_TRANCHE, 1842, 1843, vw("regio-deals-derde-tranche-sluit")],
             ["Jeugd", 9, "tranche", None, None, None, 2020, b("jeugd-tekorten-2019-2021"),
              "In 2020 ontvangen de gemeenten de tweede tranche van € 300 miljoen.", 2163, 2164,
              vw("jeugd-tweede-tranche")],
             [GEWELD, 9, "omvang per aanvraag", _number("25.000"), _number("100.000"), "EUR",
              None, POOL,
              "Ook voor de jaren 2020 en 2021 is elk jaar € 3 miljoen beschikbaar voor "
              "projectaanvragen voor een bedrag vanaf € 25.000 tot € 100.000.", 2337, 2339,
              vw("projectenpool-omvang-per-aanvraag")],
             [GEWELD, 9, "wie mag aanvragen", None, None, None, None, POOL,
              "Hierbij kunnen alleen centrumgemeenten een aanvraag doen.", 2339, 2339,
              vw("projectenpool-alleen-centrumgemeenten")]]),
]


# --- New questions: laws, running amounts, recipients, shortfalls, motions, indices ----

MOTIE_UITVOERING = ("Motie van het lid Pieter Heerma c.s. over een parlementair onderzoek over de "
    "oorzaken van problemen bij uitvoeringsorganisaties")
MOTIE_ONDERMIJNING = ("Motie van de leden Pieter Heerma en Dijkhoff over inrichten van een "
    "interventieteam ondermijning")
MOTIE_BOETES = ("Motie van de leden Asscher en Pieter Heerma over bestuurlijke boetes voor "
    "verhuurders die doelbewust te hoge huren vragen")
MOTIE_TRAP = ("Motie van het lid Segers c.s. over aanpassingen van de trap-op-trap-af "
    "systematiek bij gemeentebudgetten")
MOTIE_AVIM = ("Motie van de leden Segers en Asscher over structureel tien miljoen euro extra "
    "ten behoeve van de Afdeling Vreemdelingenpolitie, Identificatie en Mensenhandel "
    "(AVIM)")
NIEUW_COLUMNS_1 = ["titel", "waarde", "per", "soort", "eersteJaar", "laatsteJaar", "openEinde",
    "ontvanger", "eersteRegel", "laatsteRegel", "bron", "bedrag"]
NIEUW_COLUMNS_2 = ["titel", "waarde", "per", "eersteJaar", "laatsteJaar", "deelVan", "eersteRegel",
    "laatsteRegel", "bron", "bedrag"]
NIEUW_COLUMNS_3 = ["titel", "hoofdstuk", "eisen", "standpunt", "bedragen", "eersteRegel",
    "laatsteRegel", "maatregel"]
NIEUW_COLUMNS_4 = ["maatregelTitel", "soort", "titel", "indieners", "eersteRegel", "laatsteRegel",
    "maatregel", "iri"]
NIEUW_COLUMNS_5 = ["indiener", "soort", "titel", "status", "maatregelTitel", "eersteRegel",
    "laatsteRegel", "iri"]
NIEUW_COLUMNS_6 = ["raming", "jaar", "loonindex", "materieelindex", "inflatiecorrectie",
    "regelLoon", "regelMaterieel", "regelInflatie", "circulaire"]
TOTAL_COLUMNS_THEMA = ["thema", "jaar", "aantal", "totaal", "structureel", "incidenteel"]
TOTAL_COLUMNS_ONTVANGER = ["ontvanger", "jaar", "aantal", "totaal", "structureel", "incidenteel"]

CASES += [
    # Jeugd, per year by the counting rule: 2020 the € 300 miljoen tweede tranche
    # (incidenteel, regel 2163), gezinshuizen € 6,1 miljoen (2175), rechtmatige zorg 1,1
    # (2213), geweld hoort nergens thuis 3 (2337), aanbesteden 3,9 (2400); 2021 geweld 3.
    # Not in a year: the € 1.020 miljoen for 2019-2021 (a total over a period), the
    # gezinshuizen' structurele € 11,4 miljoen (no year printed).
    Case("totalen-per-thema", {"thema": "jeugd"}, TOTAL_COLUMNS_THEMA, [
        ["jeugd", 2020, 5, sum(mlns("300", "6,1", "1,1", "3", "3,9")), 0, mln("300")],
        ["jeugd", 2021, 1, mln("3"), 0, 0]]),
    # Sport: SPUK 185 in 2019 (224), 177,9 in 2020 (2359), lokale sportakkoorden 10 in
    # 2019-2021 (2363). Not: 152 (old level), 228 and 74 (applied for), 178 (the same money
    # as 177,9), 22 (part of the 177,9), combinatiefuncties 73 (no period).
    Case("totalen-per-thema", {"thema": "sport"}, TOTAL_COLUMNS_THEMA, [
        ["sport", 2019, 2, sum(mlns("185", "10")), 0, 0],
        ["sport", 2020, 2, sum(mlns("177,9", "10")), 0, 0],
        ["sport", 2021, 1, mln("10"), 0, 0]]),
    # Regio's (the arbeidsmarktregio's): 2020 Perspectief op Werk € 35 miljoen (regel 1879)
    # and "eenmalig € 7 miljoen" (1887); "vanaf 2021 jaarlijks € 17 miljoen" (1886), carried
    # to 2024. (The police's amounts name no year, so politie has no row at all: see
    # tests/test_boundaries.py.)
    Case("totalen-per-ontvanger", {"ontvanger": "regios"}, TOTAL_COLUMNS_ONTVANGER, [
        ["regio's", 2020, 2, sum(mlns("35", "7")), 0, mln("7")],
        *[["regio's", jaar, 1, mln("17"), 0, 0] for jaar in (2021, 2022, 2023, 2024)]]),
    # Centrumgemeenten: proeftuinen "jaarlijks ongeveer € 1,4 miljoen" in 2019 and 2020
    # (regel 1400), laaggeletterdheid "per 2020 ... € 5 miljoen oplopend tot € 7,3 miljoen
    # in 2024" (1368), geweld hoort nergens thuis € 3 miljoen in 2020 and 2021 (2337).
    Case("totalen-per-ontvanger", {"ontvanger": "centrumgemeenten"}, TOTAL_COLUMNS_ONTVANGER, [
        ["centrumgemeenten", 2019, 1, mln("1,4"), 0, 0],
        ["centrumgemeenten", 2020, 3, sum(mlns("1,4", "5", "3")), 0, 0],
        ["centrumgemeenten", 2021, 2, sum(mlns("5", "3")), 0, 0],
        ["centrumgemeenten", 2022, 1, mln("5"), 0, 0],
        ["centrumgemeenten", 2023, 1, mln("5"), 0, 0],
        ["centrumgemeenten", 2024, 1, mln("7,3"), 0, 0]]),
    Case("maatregelen-per-wet", {"wet": "Jeugdwet"},
     ["wet", "titel", "hoofdstuk", "standpunt", "eersteRegel", "laatsteRegel", "maatregel"], [
        ["Jeugdwet", "Wet bevorderen samenwerking en rechtmatige zorg", 9, "neutraal", 2209, 2235,
         m("wet-bevorderen-samenwerking-en-rechtmatige-zorg")],
    ]),
    Case("maatregelen-per-wet", {},
     ["wet", "titel", "hoofdstuk", "standpunt", "eersteRegel", "laatsteRegel", "maatregel"], [
        ["Omgevingswet", "Nationale omgevingsvisie", 2, "kritisch", 527, 560,
         m("nationale-omgevingsvisie")],
        ["Omgevingswet", "Digitaal Stelsel Omgevingswet", 2, "gemengd", 612, 649,
         m("digitaal-stelsel-omgevingswet")],
        ["Omgevingswet", "Omgevingswet: Aanvullingswet geluid", 5, "bezorgd", 1448, 1458,
         m("omgevingswet-aanvullingswet-geluid")],
        ["Omgevingswet", "Omgevingswet: Aanvullingswet bodem", 5, "kritisch", 1460, 1481,
         m("omgevingswet-aanvullingswet-bodem")],
    ]),
    Case("bedragen-lopend-vanaf", {"jaar": "2024"},
     NIEUW_COLUMNS_1, [
        ["Digitaal Stelsel Omgevingswet", mln("22"), "totaal over een periode",
         "beschikbaar gesteld", 2020, 2025, "nee", "het Rijk", 624, 625,
         m("digitaal-stelsel-omgevingswet"),
         b("digitaal-stelsel-omgevingswet-investering-2020-2025")],
        ["Digitale veiligheid: Cybercrime en cybersecurity", mln("4"), "per jaar",
         "beschikbaar gesteld", 2019, None, "ja", "het Rijk", 926, 928,
         m("cybercrime-en-cybersecurity"), b("cybercrime-en-cybersecurity-personeel-jenv")],
        ["Laaggeletterdheid", mln("5"), "per jaar", "beschikbaar gesteld", 2020, None, "ja",
         "centrumgemeenten", 1368, 1368, m("laaggeletterdheid"), b("laaggeletterdheid-du-2020")],
        ["Laaggeletterdheid", mln("7,3"), "per jaar", "beschikbaar gesteld", 2024, 2024, "nee",
         "centrumgemeenten", 1368, 1369, m("laaggeletterdheid"), b("laaggeletterdheid-du-2024")],
        ["Cultuur", mln("29"), "onbekend", "beschikbaar gesteld", 2021, 2024, "nee", None, 1385,
         1386, m("cultuur"), b("cultuur-cultuurstelsel")],
        ["Werkgevers en werkzoekenden moeten elkaar makkelijker en sneller kunnen vinden",
         mln("17"), "per jaar", "beschikbaar gesteld", 2021, None, "ja", "regio's", 1885, 1886,
         m("werkgevers-en-werkzoekenden-vinden-elkaar"),
         b("werkgevers-en-werkzoekenden-arbeidsmarktregios-vanaf-2021")],
        ["Multidisciplinaire, keten verbindende projecten", mln("2,5"), "per jaar",
         "beschikbaar gesteld", 2022, None, "ja", "gemeenten", 2047, 2048,
         m("multidisciplinaire-keten-verbindende-projecten"),
         b("multidisciplinaire-keten-verbindende-projecten-lsi-vanaf-2022")],
        ["Abonnementstarief", mln("145"), "per jaar", "beschikbaar gesteld", 2019, None, "ja",
         "gemeenten", 2203, 2206, m("abonnementstarief"), b("abonnementstarief-compensatie")],
    ]),
    Case("grootste-bedragen-voor-ontvanger", {"ontvanger": "politie", "minimum": "0"},
     NIEUW_COLUMNS_2, [
        ["Politie", mln("291"), "per jaar", None, None, None, 989, 989, m("politie"),
         b("politie-structureel")],
        ["Politie", mln("70,3"), "onbekend", None, None, None, 993, 994, m("politie"),
         b("politie-dienst-speciale-interventie")],
        ["Politie", mln("49,4"), "onbekend", None, None, None, 994, 994, m("politie"),
         b("politie-teams-verkeer")],
        ["Politie", mln("13,8"), "onbekend", None, None, None, 994, 994, m("politie"),
         b("politie-digitalisering-cybercrime")],
        [MOTIE_AVIM,
         mln("10"), "per jaar", None, None, None, 2488, 2490, ID + "motie/avim", b("motie-avim")],
        ["Politie", mln("9,9"), "onbekend", None, None, None, 993, 993, m("politie"),
         b("politie-gebiedsgebonden-politiezorg")],
    ]),
    Case("maatregelen-zonder-genoeg-geld", {},
     NIEUW_COLUMNS_3, [
        ["Specifieke uitkering Stimulering Sport", 1, "(volledige) compensatie", "kritisch", 4, 218,
         233, m("specifieke-uitkering-stimulering-sport")],
        ["Rechtspositie politieke ambtsdragers", 2, "extra of structurele middelen", "kritisch", 0,
         404, 426, m("rechtspositie-politieke-ambtsdragers")],
        ["Data en (open) overheidsinformatie", 2, "(volledige) compensatie", "afwachtend", 0, 671,
         704, m("data-en-open-overheidsinformatie")],
        ["Gemeenschappelijke Digitale Infrastructuur", 2, "extra of structurele middelen",
         "afwachtend", 1, 770, 789, m("gemeenschappelijke-digitale-infrastructuur")],
        ["Ondermijning", 3, "extra of structurele middelen", "positief", 0, 951, 984,
         m("ondermijning")],
        ["Politie", 3, "extra of structurele middelen", "gemengd", 5, 986, 1022, m("politie")],
        ["Gesloten coffeeshopketen", 3, "(volledige) compensatie", "kritisch", 0, 1024, 1051,
         m("gesloten-coffeeshopketen")],
        ["(Passend) Onderwijs", 4, "extra of structurele middelen", "kritisch", 0, 1315, 1346,
         m("passend-onderwijs")],
        ["Media", 4, "extra of structurele middelen", "afwachtend", 8, 1413, 1445, m("media")],
        ["Omgevingswet: Aanvullingswet bodem", 5, "extra of structurele middelen", "kritisch", 0,
         1460, 1481, m("omgevingswet-aanvullingswet-bodem")],
        ["Verkeersveiligheid", 5, "extra of structurele middelen", "kritisch", 0, 1483, 1497,
         m("verkeersveiligheid")],
        ["Klimaatakkoord", 6, "(volledige) compensatie", "afwachtend", 7, 1635, 1685,
         m("klimaatakkoord")],
        ["Veehouderij", 7, "extra of structurele middelen", "positief", 2, 1785, 1804,
         m("veehouderij")],
        ["Duurzame landbouw en veenweidengebieden", 7, "extra of structurele middelen", "neutraal",
         0, 1806, 1819, m("duurzame-landbouw-en-veenweidengebieden")],
        ["Intensivering van handhaving sociaal domein", 8, "extra of structurele middelen",
         "gemengd", 0, 2020, 2040, m("intensivering-handhaving-sociaal-domein")],
        ["Multidisciplinaire, keten verbindende projecten", 8, "extra of structurele middelen",
         "positief", 1, 2042, 2057, m("multidisciplinaire-keten-verbindende-projecten")],
        ["Inburgering", 8, "extra of structurele middelen", "kritisch", 1, 2058, 2079,
         m("inburgering")],
        ["Jeugd", 9, "extra of structurele middelen", "gemengd", 5, 2158, 2187, m("jeugd")],
        ["Abonnementstarief", 9, "(volledige) compensatie", "afwachtend", 3, 2189, 2207,
         m("abonnementstarief")],
        ["Juiste zorg op de juiste plek", 9, "extra of structurele middelen", "gemengd", 0, 2237,
         2262, m("juiste-zorg-op-de-juiste-plek")],
        ["Meer zorgafspraken in de regio", 9, "extra of structurele middelen", "gemengd", 0, 2264,
         2307, m("meer-zorgafspraken-in-de-regio")],
        ["Sport", 9, "(volledige) compensatie", "kritisch", 8, 2344, 2373, m("sport")],
    ]),
    Case("moties-per-maatregel", {},
     NIEUW_COLUMNS_4, [
        ["Dienstverlening en uitvoering", "motie",
         MOTIE_UITVOERING,
         "Pieter Heerma", 2476, 2478, m("dienstverlening-en-uitvoering"),
         ID + "motie/parlementair-onderzoek-uitvoeringsorganisaties"],
        ["Ondermijning", "motie",
         MOTIE_ONDERMIJNING,
         "Dijkhoff, Pieter Heerma", 2479, 2481, m("ondermijning"),
         ID + "motie/interventieteam-ondermijning"],
        ["Jeugd", "amendement", "Amendement van GroenLinks (35300-XVI nr. 7)", "GroenLinks", 2492,
         2495, m("jeugd"), ID + "amendement/expertisecentra-jeugdhulp"],
    ]),
    Case("moties-per-indiener", {},
     NIEUW_COLUMNS_5, [
        ["Asscher", "motie",
         MOTIE_BOETES,
         "aangenomen", None, 2482, 2484, ID + "motie/bestuurlijke-boetes-verhuurders"],
        ["Asscher", "motie",
         MOTIE_AVIM,
         "aangenomen", None, 2488, 2490, ID + "motie/avim"],
        ["Dijkhoff", "motie",
         MOTIE_ONDERMIJNING,
         "aangenomen", "Ondermijning", 2479, 2481, ID + "motie/interventieteam-ondermijning"],
        ["GroenLinks", "amendement", "Amendement van GroenLinks (35300-XVI nr. 7)",
         "ingediend, nog niet in stemming", "Jeugd", 2492, 2495,
         ID + "amendement/expertisecentra-jeugdhulp"],
        ["Pieter Heerma", "motie",
         MOTIE_UITVOERING,
         "aangenomen", "Dienstverlening en uitvoering", 2476, 2478,
         ID + "motie/parlementair-onderzoek-uitvoeringsorganisaties"],
        ["Pieter Heerma", "motie",
         MOTIE_ONDERMIJNING,
         "aangenomen", "Ondermijning", 2479, 2481, ID + "motie/interventieteam-ondermijning"],
        ["Pieter Heerma", "motie",
         MOTIE_BOETES,
         "aangenomen", None, 2482, 2484, ID + "motie/bestuurlijke-boetes-verhuurders"],
        ["Segers", "motie",
         MOTIE_TRAP,
         "aangenomen", None, 2485, 2487, ID + "motie/trap-op-trap-af"],
        ["Segers", "motie",
         MOTIE_AVIM,
         "aangenomen", None, 2488, 2490, ID + "motie/avim"],
    ]),
    Case("inflatie-index-per-circulaire", {},
     NIEUW_COLUMNS_6, [
        ["Centraal Economisch Plan 2019", 2019, pct("2,5%"), pct("1,4%"), pct("1,95%"), 146, 148,
         150, ID + "circulaire/cep-2019"],
        ["Centraal Economisch Plan 2019", 2020, pct("1,9%"), pct("1,5%"), pct("1,7%"), 146, 148,
         150, ID + "circulaire/cep-2019"],
        ["Centraal Economisch Plan 2019", 2021, pct("2,6%"), pct("1,8%"), pct("2,2%"), 146, 148,
         150, ID + "circulaire/cep-2019"],
        ["Centraal Economisch Plan 2019", 2022, pct("2,2%"), pct("1,7%"), pct("1,95%"), 146, 148,
         150, ID + "circulaire/cep-2019"],
        ["Centraal Economisch Plan 2019", 2023, pct("2%"), pct("1,7%"), pct("1,85%"), 146, 148, 150,
         ID + "circulaire/cep-2019"],
        ["Centraal Economisch Plan 2019", 2024, pct("2,2%"), pct("1,7%"), pct("1,85%"), 146, 148,
         150, ID + "circulaire/cep-2019"],
        ["Macro Economische Verkenning 2020", 2019, pct("3,3%"), pct("1,5%"), pct("2,4%"), 154, 156,
         158, ID + "circulaire/mev-2020"],
        ["Macro Economische Verkenning 2020", 2020, pct("2,5%"), pct("1,6%"), pct("2,05%"), 154,
         156, 158, ID + "circulaire/mev-2020"],
        ["Macro Economische Verkenning 2020", 2021, pct("2,6%"), pct("1,8%"), pct("2,2%"), 154, 156,
         158, ID + "circulaire/mev-2020"],
        ["Macro Economische Verkenning 2020", 2022, pct("2,2%"), pct("1,7%"), pct("1,95%"), 154,
         156, 158, ID + "circulaire/mev-2020"],
        ["Macro Economische Verkenning 2020", 2023, pct("2%"), pct("1,7%"), pct("1,85%"), 154, 156,
         158, ID + "circulaire/mev-2020"],
        ["Macro Economische Verkenning 2020", 2024, pct("2,2%"), pct("1,7%"), pct("1,85%"), 154,
         156, 158, ID + "circulaire/mev-2020"],
    ]),
]


# --- The tests -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kb_graph() -> rdflib.Graph:
    """The KB's Turtle files parsed by rdflib: curation choices, read independently."""
    graph = rdflib.Graph()
    for path in default_files():
        graph.parse(path, format="turtle")
    return graph


def _resolve(value: Any, request: pytest.FixtureRequest) -> Any:
    if isinstance(value, Src | Fragment):
        lines = request.getfixturevalue("source_lines")
        text = sourcetext.paragraphs(sourcetext.line_range(lines, value.first, value.last))
        return text if isinstance(value, Src) else fragment(text, value.term)
    return value


def _expected(case: Case, request: pytest.FixtureRequest) -> list[list[Any]]:
    if isinstance(case.rows, FromKb):
        return [list(r) for r in case.rows.compute(request.getfixturevalue("kb_graph"))]
    return [[_resolve(v, request) for v in row] for row in case.rows]


def _case_id(case: Case) -> str:
    return case.name + (f"[{case.id}]" if case.id else "")


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_canned_answer(backend: EmbeddedStore, case: Case, request: pytest.FixtureRequest
                       ) -> None:
    question = catalogue.with_allowed_values(catalogue.find_question(case.name), backend)
    table = backend.select(question.query, question.bindings(case.params))
    assert table.columns == case.columns
    expected = _expected(case, request)
    actual = table.values()
    for i, (got, want) in enumerate(zip(actual, expected, strict=False)):
        assert got == want, f"row {i + 1} of {case.name}"
    assert len(actual) == len(expected)
    assert expected, "an expected answer is never empty"


def test_every_question_has_a_canned_answer() -> None:
    # The questions across letters (tag "brieven") have theirs on a KB of two letters,
    # in tests/test_brieven.py.
    assert {c.name for c in CASES} == {name for name, q in catalogue.load_catalogue().items()
                                       if not q.compares_letters}


@pytest.mark.parametrize("name", sorted(catalogue.load_catalogue()))
def test_every_question_answers_with_its_defaults(name: str, two_letters_kb: Path) -> None:
    # A question across letters is asked of a KB of two letters (a KB of one has nothing
    # to compare).
    with kb_in_use(two_letters_kb if catalogue.find_question(name).compares_letters
                   else None):
        table = api.ask(name, {})
    assert table.rows, f"{name} gives no answer with its defaults"


#: Every (question, parameter) whose values come from a SKOS scheme or a class.
MEMBER_PARAMETERS = sorted(
    (q.name, p.name) for q in catalogue.load_catalogue().values() for p in q.parameters
    if p.kind == "iri" and (p.scheme or p.member_class))


def test_member_parameters_are_all_there() -> None:
    # 20 scheme and class parameters (the ontvanger of totalen-per-jaar, -ministerie and
    # -thema too), and the letter (brief) of 41 questions about one letter; the rest are
    # those of the questions across letters.
    across = {name for name, q in catalogue.load_catalogue().items() if q.compares_letters}
    assert len([n for n, _ in MEMBER_PARAMETERS if n not in across]) == 61
    assert len([n for n, _ in MEMBER_PARAMETERS if n in across]) == sum(
        1 for name in across for p in catalogue.find_question(name).parameters
        if p.kind == "iri" and (p.scheme or p.member_class))


@pytest.mark.parametrize(("name", "parameter"), MEMBER_PARAMETERS)
def test_header_enumerations_agree_with_the_kb(backend: EmbeddedStore, name: str,
                                               parameter: str) -> None:
    """The values an `#+ enumerate` lists for a scheme or class parameter (what grlc and the
    docs show) are exactly the scheme's or class's members in the KB."""
    listed = catalogue.find_question(name)
    header = listed.parameter(parameter)
    kb = catalogue.with_allowed_values(listed, backend).parameter(parameter)
    assert kb.allowed, f"{name}: no KB members for parameter {parameter}"
    assert sorted(header.allowed or kb.allowed) == sorted(kb.allowed), (
        f"{name}: `#+ enumerate` of {parameter} differs from the KB")


@pytest.mark.parametrize(("name", "parameter", "value", "allowed"), [
    ("maatregelen-per-standpunt", "standpunt", "boos",
     "afwachtend, bezorgd, gemengd, kritisch, neutraal, positief"),
    ("maatregelen-per-effecttype", "effecttype", "onbekend",
     "bekostiging, extra-middelen, geen-direct-effect, kansen, minder-middelen, nieuwe-taak, "
     "ondersteuning, samenwerking, uitvoeringslast, wetswijziging"),
    ("eisen-van-de-vng", "eis", "geld",
     "beleidsruimte, betrokkenheid, compensatie, duidelijkheid, extra-middelen, "
     "nakoming-afspraken, uitvoeringstoets, wetswijziging"),
    ("bedragen-per-ministerie", "ministerie", "FIN",
     "mnre1010, mnre1013, mnre1018, mnre1025, mnre1034, mnre1045, mnre1058, mnre1073, "
     "mnre1090, mnre1109, mnre1130, mnre1153"),
    ("bedragen-per-ontvanger", "ontvanger", "https://w3id.org/vngkb/id/ontvanger/banken",
     "centrumgemeenten, culturele-instellingen, gemeenten"),
    ("accres-controle", "grootheid", "accres", "aandeel-gemeenten, accrespercentage"),
    ("vindplaats-van-maatregel", "maatregel", "https://evil.example/maatregel/jeugd",
     "ledenbrief-miljoenennota-2020/aanbesteden, ledenbrief-miljoenennota-2020/abonnementstarief"),
    ("structurele-en-incidentele-bedragen", "soort", "tijdelijk", "structureel, incidenteel"),
    ("accres-per-jaar", "jaar", "2030", "2019, 2020, 2021, 2022, 2023, 2024"),
])
def test_unknown_enumerated_value_lists_the_allowed_ones(name: str, parameter: str, value: str,
                                                         allowed: str) -> None:
    with pytest.raises(ParameterError) as error:
        api.ask(name, {parameter: value})
    message = str(error.value)
    assert message.startswith(f"parameter {parameter}: {value!r} is niet een van: {allowed}")


def test_abbreviations_and_short_names_give_the_same_answer() -> None:
    full = api.ask("bedragen-per-ministerie", {"ministerie": TOOI + "mnre1025"})
    assert api.ask("bedragen-per-ministerie", {"ministerie": "VWS"}).rows == full.rows
    assert api.ask("bedragen-per-ministerie", {"ministerie": "mnre1025"}).rows == full.rows
    # OCW is not in the letter's abbreviation list (which prints "ONW") but is what its
    # text writes (lines 1313, 1351); both name the same ministry.
    ocw = api.ask("bedragen-per-ministerie", {"ministerie": TOOI + "mnre1109"}).rows
    assert api.ask("bedragen-per-ministerie", {"ministerie": "OCW"}).rows == ocw
    assert api.ask("bedragen-per-ministerie", {"ministerie": "ONW"}).rows == ocw
    du = api.ask("bedragen-per-instrument", {"instrument": "DU"})
    assert du.rows == api.ask("bedragen-per-instrument",
                              {"instrument": "decentralisatie-uitkering"}).rows


# --- The CLI end to end: formats, IRIs, errors ------------------------------------------------

def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ask_sparql_json_keeps_types_and_languages() -> None:
    code, out, _ = _run("ask", "maatregelen-per-thema", "-p", "thema=sport", "-f", "sparql-json")
    assert code == 0
    data = json.loads(out)
    assert data["head"]["vars"] == ["titel", "hoofdstuk", "standpunt", "bedragen", "eersteRegel",
                                    "laatsteRegel", "maatregel"]
    first = data["results"]["bindings"][0]
    assert first["titel"] == {"type": "literal", "value": SPUK, "xml:lang": "nl"}
    assert first["hoofdstuk"] == {"type": "literal", "value": "1",
                                  "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert first["maatregel"] == {"type": "uri",
                                  "value": m("specifieke-uitkering-stimulering-sport")}


def test_ask_table_shortens_iris_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # wide enough that only cells over 60 wrap
    code, out, _ = _run("ask", "maatregelen-per-thema", "-p", "thema=sport", "-f", "table")
    assert code == 0
    assert f"  maatregel/{LB}/sport\n" in out
    # A short IRI over the cell width (60) wraps at a hyphen, like any long text.
    assert f"  maatregel/{LB}/specifieke-\n" in out and " uitkering-stimulering-sport\n" in out
    assert "https://w3id.org" not in out
    code, out, _ = _run("ask", "maatregelen-per-thema", "-p", "thema=sport", "-f", "markdown",
                        "--iris")
    assert code == 0 and f"| {m('sport')} |" in out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "markdown", "table", "sparql-json"])
def test_every_format_renders_a_canned_answer(fmt: str) -> None:
    code, out, err = _run("ask", "volume-accres-per-jaar", "-f", fmt)
    assert (code, err) == (0, "")
    # Machines get plain numbers, people the Dutch notation.
    assert ("664.318.000" if fmt in ("markdown", "table") else "664318000") in out


def test_ask_with_a_bad_enumerated_value_is_one_line_and_exit_2() -> None:
    code, _, err = _run("ask", "maatregelen-per-thema", "-p", "thema=voetbal")
    assert code == 2
    assert err.startswith("vngkb: parameter thema: 'voetbal' is niet een van: bestuur, cultuur, ")
    assert len(err.strip().splitlines()) == 1


# --- The boundary of bedragen-vanaf's minimum -----------------------------------------
# The largest amounts of the letter: € 6,1 miljard gebundelde uitkering (line 259), € 2
# miljard for housing (565), € 1.020 miljoen for youth care (2161), and four mentions of
# exactly € 1 miljard (the foreword's two, lines 17-20, and housing's two halves). A
# minimum of exactly € 1 miljard keeps those four (>=); one euro more drops them.
ABOVE_A_MILLIARD = ["gebundelde-uitkering-2020", "woningbouw-totaal", "jeugd-tekorten-2019-2021"]
A_MILLIARD = ["voorwoord-woningtekort", "voorwoord-woningcorporaties", "woningbouw-rijksbijdrage",
              "woningbouw-heffingsvermindering-totaal"]


@pytest.mark.parametrize(("minimum", "expected"), [
    ("999999999", ABOVE_A_MILLIARD + A_MILLIARD),
    ("1000000000", ABOVE_A_MILLIARD + A_MILLIARD),
    ("1000000001", ABOVE_A_MILLIARD),
    ("6100000000", ["gebundelde-uitkering-2020"]),
    ("6100000001", []),
])
def test_bedragen_vanaf_at_its_boundary(minimum: str, expected: list[str]) -> None:
    table = api.ask("bedragen-vanaf", {"minimum": minimum})
    found = [str(row["bedrag"]).removeprefix(ID + f"bedrag/{LB}/") for row in table.records()]
    assert found == expected
