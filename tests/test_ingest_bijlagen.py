"""The motions section read by vngkb.ingest.bijlagen: motions and amendments as bullets
("Motie van het lid X over Y.", "Amendement van het lid X over Y."), their submitters,
subjects and the text about them that follows."""

from __future__ import annotations

from vngkb.ingest.bijlagen import motions
from vngkb.ingest.structuur import parse
from vngkb.ingest.woordenschat import woordenschat

LETTER = [
    "1 Financiën", "", "Proef met wijken", "", "Wat wil het kabinet?", "Het kabinet wil een proef.",
    "", "Wat betekent dit voor gemeenten?", "Wij zijn blij met de proef.", "",
    " \t Moties en amendementen Algemene", "Politieke Beschouwingen", "",
    "Bij de Algemene Politieke Beschouwingen zijn de volgende moties aangenomen:",
    "•\t Motie van het lid Jansen c.s. over het schrappen van de korting (Kamerstuk 35 925,",
    "nr. 14). Aangenomen;", "",
    "Daarnaast is een amendement ingediend:",
    "•\t Amendement van het lid Van Dijk over de sportakkoorden (Kamerstuk 35 925 XVI, nr. 8).",
    "Het amendement wordt in week 48 in stemming gebracht.", "",
    "Het amendement vraagt om € 10 miljoen extra voor de sportakkoorden in 2022.",
]


def test_motions_and_an_amendment_as_bullets() -> None:
    found = motions(parse(LETTER, woordenschat()))
    assert [(m.amendment, m.submitters, m.subject, m.status, m.first, m.last) for m in found] == [
        (False, ["Jansen"], "het schrappen van de korting (Kamerstuk 35 925, nr. 14)",
         "aangenomen", 15, 16),
        (True, ["Van Dijk"], "de sportakkoorden (Kamerstuk 35 925 XVI, nr. 8)", "ingediend",
         19, 22)]
    amendment = found[1]
    assert amendment.title == ("Amendement van het lid Van Dijk over de sportakkoorden "
                               "(Kamerstuk 35 925 XVI, nr. 8)")
    # the paragraph about the amendment is its text: its money is read with it
    assert amendment.passage is not None and "€ 10 miljoen" in amendment.passage.text
