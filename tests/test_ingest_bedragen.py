"""Amounts read by vngkb.ingest.bedragen: every phrasing, years (open stays open),
period, kind of money and the words that decided it. Table-driven."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vngkb.ingest.bedragen import read_amounts
from vngkb.ingest.passage import Passage
from vngkb.ingest.woordenschat import woordenschat

# sentence, then per amount: (value, first year, last year, kind)
CASES = [
    ("Het kabinet trekt € 1,2 miljard uit in 2021.",
     [("1200000000", 2021, 2021, "beschikbaar")]),
    ("Gemeenten krijgen 300 miljoen euro extra in 2021 en 2022.",
     [("300000000", 2021, 2022, "beschikbaar")]),
    ("Om het woningtekort aan te pakken, trekt het kabinet een miljard euro uit.",
     [("1000000000", None, None, "beschikbaar")]),
    ("En structureel tien miljoen euro komt ten behoeve van de AVIM.",
     [("10000000", None, None, "beschikbaar")]),
    ("Voor klimaatadaptatie is € 4.8 miljoen beschikbaar voor drie tot negen projecten.",
     [("4800000", None, None, "beschikbaar")]),
    ("Projecten krijgen maximaal € 750.000 per aanvraag.",
     [("750000", None, None, "grensbedrag")]),
    ("Het plafond bedraagt € 3.519,7 miljoen in 2019.",
     [("3519700000", 2019, 2019, "grensbedrag")]),
    # a range is one statement of money: its lower figure, the range in the rules
    ("Wij ramen de meerkosten tussen de € 20 en € 30 miljoen.",
     [("20000000", None, None, "raming")]),
    ("Uit onderzoek blijkt dat de kosten tussen 35 en 40 miljoen euro per jaar liggen.",
     [("35000000", None, None, "raming")]),
    ("Er zijn tussen 35 en 40 miljoen inwoners.", []),
    ("Die kosten ramen wij op € 10 tot € 15 miljoen per jaar.",
     [("10000000", None, None, "raming")]),
    # "vanaf € X tot € Y" is a lower and an upper limit, "van € X tot € Y" a change of
    # level: two amounts each
    ("Projecten krijgen een bedrag vanaf € 25.000 tot € 100.000.",
     [("25000", None, None, "grensbedrag"), ("100000", None, None, "grensbedrag")]),
    ("Het budget stijgt in 2022 van € 5 miljoen tot € 8 miljoen.",
     [("5000000", 2022, 2022, "oud-niveau"), ("8000000", 2022, 2022, "beschikbaar")]),
    # "van € X tot en met 2035" is no change of level
    ("Het fonds heeft een omvang van € 24,3 miljard tot en met 2035.",
     [("24300000000", None, 2035, "beschikbaar")]),
    # cues of the kinds that split a verb or name a motion
    ("Het kabinet verlaagt de specifieke uitkering met € 60 miljoen per jaar vanaf 2025.",
     [("60000000", 2025, None, "korting")]),
    ("In de eerste tranche vroegen gemeenten samen voor € 340 miljoen aan.",
     [("340000000", None, None, "aangevraagd")]),
    ("Wij vragen het nieuwe kabinet om het fonds met ten minste € 1,5 miljard te verhogen.",
     [("1500000000", None, None, "voorgesteld")]),
    ("Motie van de leden A en B over structureel twintig miljoen euro voor mantelzorgers.",
     [("20000000", None, None, "voorgesteld")]),
    ("De meerkosten bedragen volgens ons onderzoek € 250 miljoen per jaar.",
     [("250000000", None, None, "raming")]),
    # number words of any size below a thousand, written as one word
    ("Het kabinet trekt zeshonderd miljoen euro uit voor statushouders.",
     [("600000000", None, None, "beschikbaar")]),
    ("Er komt tweehonderdvijftig miljoen euro extra.",
     [("250000000", None, None, "beschikbaar")]),
    ("Er komt vijfentwintig miljoen euro extra.",
     [("25000000", None, None, "beschikbaar")]),
    # a request governs the limit and the money named inside it
    ("Wij vragen het kabinet om ten minste € 30 miljoen per jaar voor gemeenten.",
     [("30000000", None, None, "voorgesteld")]),
    ("Wij hebben om € 2,5 miljard voor 2023 gevraagd.",
     [("2500000000", 2023, 2023, "voorgesteld")]),
    # a request in another clause does not: the cabinet's money stays money made available
    ("Het kabinet trekt € 30 miljoen uit; wij vragen het kabinet om meer.",
     [("30000000", None, None, "beschikbaar")]),
    # kind cues and years stay inside the clause (up to a semicolon)
    ("Gemeenten kunnen een bijdrage aanvragen uit een fonds van € 9 miljoen per jaar; het "
     "maximum per aanvraag is € 250.000.",
     [("9000000", None, None, "beschikbaar"), ("250000", None, None, "grensbedrag")]),
    ("Het Rijk reserveert voor de periode 2023-2030 in totaal € 5,8 miljard; het bedrag voor "
     "latere jaren wordt in 2023 vastgesteld.",
     [("5800000000", 2023, 2030, "beschikbaar")]),
    ("Gemeenten verwachten een besparing van hooguit € 45 miljoen.",
     [("45000000", None, None, "raming")]),
    ("Een aanvraag mag niet hoger zijn dan € 1.250.000 per accommodatie.",
     [("1250000", None, None, "grensbedrag")]),
    ("De vrijstelling wordt verruimd tot € 1.200 per jaar.",
     [("1200", None, None, "grensbedrag")]),
    # "vanaf volgend jaar": from the budget year on, no end
    ("Het kabinet stelt vanaf volgend jaar jaarlijks € 12 miljoen beschikbaar.",
     [("12000000", 2021, None, "beschikbaar")]),
    # the later level of a series is the same kind of money as its first level
    ("Het kabinet wil in 2024 een taakstelling van € 511 miljoen, oplopend naar bijna € 1 "
     "miljard structureel vanaf 2028.",
     [("511000000", 2024, 2024, "korting"), ("1000000000", 2028, None, "korting")]),
    # a total followed by its parts per year, which add up to it exactly
    ("Gemeenten ontvangen in totaal € 105 miljoen: € 20 miljoen in 2023, € 35 miljoen in "
     "2024 en € 50 miljoen in 2025.",
     [("105000000", 2023, 2025, "beschikbaar"), ("20000000", 2023, 2023, "beschikbaar"),
      ("35000000", 2024, 2024, "beschikbaar"), ("50000000", 2025, 2025, "beschikbaar")]),
    # parts that do not add up to the figure before them leave its years open (boundary:
    # one euro short)
    ("Gemeenten ontvangen in totaal € 105 miljoen: € 20 miljoen in 2023, € 35 miljoen in "
     "2024 en € 49.999.999 in 2025.",
     [("105000000", None, None, "beschikbaar"), ("20000000", 2023, 2023, "beschikbaar"),
      ("35000000", 2024, 2024, "beschikbaar"), ("49999999", 2025, 2025, "beschikbaar")]),
    ("Ook trekt het kabinet 200 miljoen uit in 2020, oplopend naar 295 miljoen in 2021.",
     [("200000000", 2020, 2020, "beschikbaar"), ("295000000", 2021, 2021, "beschikbaar")]),
    ("Het budget wordt in 2019 verhoogd van € 152 miljoen naar € 185 miljoen.",
     [("152000000", 2019, 2019, "oud-niveau"), ("185000000", 2019, 2019, "beschikbaar")]),
    ("Gemeenten hebben in 2019 voor € 228 miljoen aan aanvragen ingediend.",
     [("228000000", 2019, 2019, "aangevraagd")]),
    ("Er rest een gemeentelijk tekort van € 18 miljoen.",
     [("18000000", None, None, "tekort")]),
    ("Het kabinet doet een uitname uit het gemeentefonds van € 4 miljoen.",
     [("4000000", None, None, "korting")]),
    ("Vanaf 2022 komt jaarlijks € 17 miljoen beschikbaar.",
     [("17000000", 2022, None, "beschikbaar")]),
    # money gemeenten can apply for is money made available; money applied for is not
    ("Gemeenten kunnen komend jaar € 1 miljoen aanvragen voor pilots.",
     [("1000000", 2021, 2021, "beschikbaar")]),
    ("Gemeenten hebben € 74 miljoen meer aangevraagd dan begroot.",
     [("74000000", None, None, "aangevraagd")]),
    ("Het betreft per 2019 een vierjarenuitkering van € 73 miljoen.",
     [("73000000", 2019, 2022, "beschikbaar")]),
    ("Er is een totaalbedrag van € 400 miljoen beschikbaar, waarvan € 68 miljoen voor 2020.",
     [("400000000", None, None, "beschikbaar"), ("68000000", 2020, 2020, "beschikbaar")]),
    # the noun the figure is the amount of names its kind, over a nearer verb or limit word
    ("Wij verwachten een tekort van gemeenten van ten minste € 1,7 miljard per jaar.",
     [("1700000000", None, None, "tekort")]),
    # (a noun of another kind does not: the limit word stays)
    ("Wij verwachten een bijdrage van ten minste € 1,7 miljard per jaar.",
     [("1700000000", None, None, "grensbedrag")]),
    ("Onze raming van de kosten komt uit op ten minste € 110 miljoen.",
     [("110000000", None, None, "raming")]),
    # a tariff per month or per four weeks is a limit, as the curated KB has both
    ("De maximale bijdrage is € 17,50 per vier weken in 2019 en €19 per maand in 2020.",
     [("17.5", 2019, 2019, "grensbedrag"), ("19", 2020, 2020, "grensbedrag")]),
    # an old level ("was"), an estimate of a difference ("miljoen hoger"), a cost left to
    # the municipalities (a shortfall)
    ("Het budget was € 7,19 miljard.", [("7190000000", None, None, "oud-niveau")]),
    ("Het bedrag is € 40 tot € 55 miljoen hoger dan gedacht.",
     [("40000000", None, None, "raming")]),
    ("Het verschil, € 32,4 miljoen, komt dan voor rekening van gemeenten.",
     [("32400000", None, None, "tekort")]),
    # a kind cue after the next figure of the sentence is that figure's ...
    ("Hiervan wordt € 22 miljoen gedekt en het Rijk ziet € 30 miljoen lucht in de "
     "aanvragen.",
     [("22000000", None, None, "beschikbaar"), ("30000000", None, None, "aangevraagd")]),
    # ... unless the two figures are listed together and share it
    ("Het kabinet wil € 5 miljoen in 2021 en € 8 miljoen in 2022 bezuinigen.",
     [("5000000", 2021, 2021, "korting"), ("8000000", 2022, 2022, "korting")]),
    ("Gemeenten hebben € 5 miljoen en € 8 miljoen aangevraagd.",
     [("5000000", None, None, "aangevraagd"), ("8000000", None, None, "aangevraagd")]),
    # the total an earlier amount brings about does not take that amount's years ...
    ("Voor de periode 2020-2025 wordt er in totaal € 22 miljoen toegevoegd aan de begroting "
     "tot een totaal van € 50 miljoen.",
     [("22000000", 2020, 2025, "beschikbaar"), ("50000000", None, None, "beschikbaar")]),
    ("In 2021 komt er € 3 miljoen bij, naar een totaalbedrag van € 12 miljoen.",
     [("3000000", 2021, 2021, "beschikbaar"), ("12000000", None, None, "beschikbaar")]),
    # ... but a year printed right after the total is its own
    ("In 2021 komt er € 3 miljoen bij, tot een totaal van € 12 miljoen in 2022.",
     [("3000000", 2021, 2021, "beschikbaar"), ("12000000", 2022, 2022, "beschikbaar")]),
    # a footnote mark a PDF glues to the scale, the euro or the year is no digit of them
    ("Het kabinet trekt € 5 miljoen3 uit in 2021.",
     [("5000000", 2021, 2021, "beschikbaar")]),
    ("Gemeenten krijgen 300 miljoen euro² extra in 2021.4 Het kabinet wil meer.",
     [("300000000", 2021, 2021, "beschikbaar")]),
    # (a year with three digits after its dot is no year)
    ("Gemeenten krijgen € 2.021.500 extra.", [("2021500", None, None, "beschikbaar")]),
    # "mln." and "mld." end a sentence before a capital: the next sentence's year is not
    # this amount's
    ("Het gaat om € 0,2 mld. Het kabinet wil dit in 2026 verhogen.",
     [("200000000", None, None, "beschikbaar")]),
    ("De korting loopt op tot € 0,2 mld. in 2026.",
     [("200000000", 2026, 2026, "korting")]),
    # a scale glued to the figure
    ("Het kabinet reserveert €15mln voor 2025 en €2,5mld voor 2026.",
     [("15000000", 2025, 2025, "beschikbaar"), ("2500000000", 2026, 2026, "beschikbaar")]),
    # "van € X in 2025 naar € Y in 2026": the first is the level before
    ("Het budget daalt van € 40 mln. in 2025 naar € 30 mln. in 2026.",
     [("40000000", 2025, 2025, "oud-niveau"), ("30000000", 2026, 2026, "beschikbaar")]),
    # a year right before the figure beats one after it behind a comma or conjunction ...
    ("Gemeenten beschikken dan in 2022 over € 260 miljoen meer en vanaf 2025 over € 1 "
     "miljard per jaar.",
     [("260000000", 2022, 2022, "beschikbaar"), ("1000000000", 2025, None, "beschikbaar")]),
    ("Het kabinet maakt in 2022 en 2023 samen 51 miljoen euro vrij, via een regeling die "
     "in 2022 opengaat.",
     [("51000000", 2022, 2023, "beschikbaar")]),
    # ... but not one in a relative clause about the figure itself
    ("De korting van € 674 miljoen die vanaf 2026 structureel drukt, blijft staan na de "
     "jaren 2022 tot en met 2025.",
     [("674000000", 2026, None, "korting")]),
    # a rate per unit takes no year of an earlier figure of the sentence (one per year does)
    ("Het kabinet stelt in 2021 en 2022 in totaal € 100 miljoen beschikbaar, waarvan "
     "gemeenten per gerealiseerde woning een bijdrage van € 12.000 kunnen aanvragen.",
     [("100000000", 2021, 2022, "beschikbaar"), ("12000", None, None, "grensbedrag")]),
    ("Het kabinet stelt in 2021 en 2022 in totaal € 100 miljoen beschikbaar, waarvan € 10 "
     "miljoen per jaar voor pilots.",
     [("100000000", 2021, 2022, "beschikbaar"), ("10000000", 2021, 2022, "beschikbaar")]),
    # kinds: a cut named by a compound, an average as an estimate, a rate per unit as a
    # limit, and a limit or rate that yields to another kind's cue close by in its clause
    ("Het kabinet handhaaft de opschalingskorting van € 675 miljoen.",
     [("675000000", None, None, "korting")]),
    ("Een vestiging kost gemiddeld € 250.000 per jaar.",
     [("250000", None, None, "raming")]),
    ("Gemeenten krijgen een vergoeding van € 1,25 per kiesgerechtigde.",
     [("1.25", None, None, "grensbedrag")]),
    ("Gemeenten komen ten minste € 1,7 miljard per jaar tekort.",
     [("1700000000", None, None, "tekort")]),
    ("De vergoeding van € 650 per aanvraag dekt de kosten niet: gemeenten maakten gemiddeld "
     "€ 900 kosten per aanvraag.",
     [("650", None, None, "grensbedrag"), ("900", None, None, "raming")]),
    # (the new level of an average is an average too, which the cues do not see: a known
    # miss, the 2025 letter's answer key has it as raming)
    ("Het budget daalt van gemiddeld € 10.500 naar € 9.100.",
     [("10500", None, None, "oud-niveau"), ("9100", None, None, "beschikbaar")]),
    # a demand governs the limit inside it; money below what is needed falls short; money
    # that weighs on the fund is a cut
    ("Volgens de commissie moet het Rijk gemeenten voor 2022 ten minste € 1,6 miljard extra "
     "geven.", [("1600000000", 2022, 2022, "voorgesteld")]),
    ("Het bedrag ligt € 300 miljoen onder wat de commissie noodzakelijk acht.",
     [("300000000", None, None, "tekort")]),
    ("De maatregel drukt vanaf 2025 met bijna € 1 miljard per jaar op de algemene uitkering.",
     [("1000000000", 2025, None, "korting")]),
    # "à" makes a range also after "van"; "daarna" takes no year of the clause before
    ("Wij gaan uit van € 55 à € 60 miljoen per jaar.",
     [("55000000", None, None, "beschikbaar")]),
    ("Gemeenten ontvangen € 35 miljoen in 2027 en daarna structureel € 40 miljoen per jaar.",
     [("35000000", 2027, 2027, "beschikbaar"), ("40000000", None, None, "beschikbaar")]),
    # the end level of a series takes a year between the levels that the first did not
    ("Er is in 2026 een tekort van € 1,1 miljard, dat in 2027 oploopt tot bijna € 1,5 "
     "miljard.",
     [("1100000000", 2026, 2026, "tekort"), ("1500000000", 2027, 2027, "tekort")]),
    ("Er is een tekort van € 1,1 miljard in 2026, oplopend tot € 1,5 miljard.",
     [("1100000000", 2026, 2026, "tekort"), ("1500000000", None, None, "tekort")]),
    # an open start and an open end around the figure make one period
    ("Het kabinet stelt vanaf 2025 jaarlijks € 28 miljoen beschikbaar, tot en met 2029.",
     [("28000000", 2025, 2029, "beschikbaar")]),
    # the lower figure of a range takes the unit printed after the upper one; a year is
    # no lower figure
    ("Het kabinet trekt structureel 25 tot 30 miljoen euro uit.",
     [("25000000", None, None, "beschikbaar")]),
    ("De kosten stijgen van € 150 miljoen in 2022 tot € 260 miljoen in 2026.",
     [("150000000", 2022, 2022, "oud-niveau"), ("260000000", 2026, 2026, "beschikbaar")]),
    # "van € X tot € Y" is a range, unless a verb of change stands before it
    ("Gemeenten kunnen een subsidie van € 150.000 tot € 600.000 krijgen.",
     [("150000", None, None, "beschikbaar")]),
    # a second amount of the sentence that is no such total shares the years before it
    ("Voor de periode 2020-2025 wordt € 22 miljoen toegevoegd en € 50 miljoen gereserveerd.",
     [("22000000", 2020, 2025, "beschikbaar"), ("50000000", 2020, 2025, "beschikbaar")]),
]

# texts in which no euro amount stands
NO_AMOUNT = [
    "Er zijn 2,5 miljoen laaggeletterden in ons land.",
    "Eerdere berekeningen gaven aan dat er honderden miljoenen euro's per jaar nodig zijn.",
    "In 2021 wonen er 1,5 miljoen mensen in de regio.",
    "Het accrespercentage is 3,13% in de meicirculaire 2019.",
    "",
    "€",
    "€ miljoen",
    "Er zijn 15mln inwoners.",
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_amounts(sentence: str, expected: list[tuple[str, int | None, int | None, str]]
                 ) -> None:
    found = read_amounts(Passage.of([sentence], 7), woordenschat(), 2021)
    assert [(a.value, a.first_year, a.last_year, a.kind) for a in found] == [
        (Decimal(v), first, last, kind) for v, first, last, kind in expected]
    for a in found:
        assert a.quote and a.quote in sentence  # the exact words of the source
        assert (a.first_line, a.last_line) == (7, 7)
        assert a.rules["soortBedrag"].startswith(f"soort {a.kind}")


@pytest.mark.parametrize("text", NO_AMOUNT)
def test_no_amount(text: str) -> None:
    assert read_amounts(Passage.of([text], 1), woordenschat(), 2021) == []


def test_relative_year_resolves_against_the_budget_year() -> None:
    sentence = ["Gemeenten krijgen komend jaar € 5 miljoen."]
    for budget_year in (2020, 2031):
        (amount,) = read_amounts(Passage.of(sentence, 1), woordenschat(), budget_year)
        assert (amount.first_year, amount.last_year) == (budget_year, budget_year)
        assert amount.first_year_rule == "komend-jaar"
    (unknown,) = read_amounts(Passage.of(sentence, 1), woordenschat(), None)
    assert unknown.first_year is None  # no budget year: the year stays open


def test_amount_over_a_line_break_and_hyphenation() -> None:
    lines = ["De gemeenten ontvangen een bijdrage van €", "13,8 miljoen voor de woningte-",
             "kortaanpak."]
    (amount,) = read_amounts(Passage.of(lines, 40), woordenschat(), 2020)
    assert amount.value == Decimal(13800000)
    assert (amount.first_line, amount.last_line) == (40, 42)
    assert "woningtekortaanpak" in amount.quote


def test_repeat_is_not_a_new_amount() -> None:
    referring = ["Het kabinet stelt € 53 miljoen beschikbaar.",
                 "Wij overleggen over de besteding van de toegezegde € 53 miljoen."]
    found = read_amounts(Passage.of(referring, 1), woordenschat(), 2020)
    assert [a.value for a in found] == [Decimal(53000000)]
    repeated = ["Het kabinet stelt € 53 miljoen beschikbaar.", "",
                "Gemeenten krijgen dus € 53 miljoen extra."]
    found = read_amounts(Passage.of(repeated, 1), woordenschat(), 2020)
    assert [a.value for a in found] == [Decimal(53000000)]
    assert "herhaald op regel 3" in found[0].rules["herhaling"]
    other_year = ["Het kabinet stelt € 53 miljoen beschikbaar.", "In 2022 volgt € 53 miljoen."]
    assert len(read_amounts(Passage.of(other_year, 1), woordenschat(), 2020)) == 2


def test_a_rate_stated_again_is_drafted_again() -> None:
    lines = ["De verliezen zijn beperkt tot maximaal € 15 per inwoner per jaar.", "",
             "Wie € 15 per inwoner verliest, verliest veel."]
    found = read_amounts(Passage.of(lines, 1), woordenschat(), 2022)
    assert [(a.value, a.first_line, a.rate) for a in found] == [
        (Decimal(15), 1, True), (Decimal(15), 3, True)]


def test_huge_and_odd_figures() -> None:
    text = ["€ " + "9" * 400 + " miljard en € ١٢ miljoen en € 0 miljoen en € 2 miljoen."]
    found = read_amounts(Passage.of(text, 1), woordenschat(), 2020)
    # a run of 400 digits, Arabic-Indic digits and zero are no amount; € 2 miljoen is
    assert [a.value for a in found] == [Decimal(2000000)]


def _years(lines: list[str], budget_year: int = 2020) -> list[tuple[str, int | None,
                                                                     int | None]]:
    return [(str(a.value), a.first_year, a.last_year)
            for a in read_amounts(Passage.of(lines, 1), woordenschat(), budget_year)]


def test_a_reference_back_to_a_noun_named_by_a_period_gives_its_years() -> None:
    text = ["Volgend jaar wordt het cultuurstelsel 2021-2024 vastgesteld. Het wordt breder.",
            "Aan het nieuwe stelsel kan € 29 miljoen meer worden besteed."]
    (amount,) = read_amounts(Passage.of(text, 1), woordenschat(), 2020)
    assert (amount.value, amount.first_year, amount.last_year) == (Decimal(29000000), 2021,
                                                                   2024)
    assert amount.rules["jaar"] == ("jaar: 'het nieuwe stelsel' verwijst naar 'het "
                                    "cultuurstelsel 2021-2024' eerder in de tekst")
    assert amount.quote == "Aan het nieuwe stelsel kan € 29 miljoen meer worden besteed."
    # another noun, a period without a noun phrase, or a year of the sentence's own: no link
    assert _years([text[0], "Aan het nieuwe fonds kan € 29 miljoen meer worden besteed."]) == [
        ("29000000", None, None)]
    assert _years(["In de jaren 2021-2024 wordt gebouwd.",
                   "Aan deze jaren wordt € 29 miljoen besteed."]) == [("29000000", None, None)]
    assert _years([text[0], "Aan het nieuwe stelsel kan in 2026 € 29 miljoen meer worden "
                   "besteed."]) == [("29000000", 2026, 2026)]


def test_money_announced_without_a_figure_gives_the_next_sentence_its_years() -> None:
    text = ["Vijftien regio's ontvangen in 2019 en 2020 extra rijksgeld voor proeftuinen.",
            "In 11 gevallen loopt de bijdrage via de centrumgemeenten met een bedrag van",
            "jaarlijks ongeveer € 1,4 miljoen."]
    (amount,) = read_amounts(Passage.of(text, 1), woordenschat(), 2020)
    assert (amount.first_year, amount.last_year, amount.per) == (2019, 2020, "jaar")
    assert amount.rules["jaar"] == ("jaar: '2019 en 2020' in de zin ervoor, die het geld "
                                    "zonder bedrag aankondigt")
    assert (amount.first_line, amount.last_line) == (2, 3)
    # not across a blank line (another paragraph) ...
    assert _years([text[0], "", *text[1:]]) == [("1400000", None, None)]
    # ... nor from a sentence that names no money, or one with a figure of its own ...
    assert _years(["Vijftien regio's starten in 2019 en 2020 met proeftuinen.", *text[1:]]) \
        == [("1400000", None, None)]
    assert _years(["Vijftien regio's ontvangen in 2019 en 2020 € 3 miljoen extra rijksgeld.",
                   *text[1:]]) == [("3000000", 2019, 2020), ("1400000", None, None)]
    # ... nor from a date on which a rule starts, nor from two year expressions ...
    assert _years(["Het kabinet wil per 1 januari 2025 terug naar een eigen bijdrage.",
                   "Dit levert een besparing van € 87 miljoen op."]) == [
        ("87000000", None, None)]
    # ... nor from years that say from or until when, nor from money not given
    assert _years(["Het kabinet maakt de middelen vanaf 2025 structureel en geeft ze.",
                   "Gemeenten ontvangen daarvoor € 100 miljoen per jaar."]) == [
        ("100000000", None, None)]
    assert _years(["Het kabinet stelt de eigen bijdrage uit tot 2027.",
                   "Tot die tijd blijft het tarief van € 21,80 per maand gelden."]) == [
        ("21.8", None, None)]
    assert _years(["Regio's houden in 2019 en 2020 extra rijksgeld over.", *text[1:]]) == [
        ("1400000", None, None)]
    assert _years(["Regio's ontvangen in 2019 en 2020 extra geld, en vanaf 2023 meer.",
                   *text[1:]]) == [("1400000", None, None)]
