"""The stance vngkb.ingest.duiding drafts from "Wat betekent dit voor gemeenten?": the
cue words of woorden.tsv, the weight of the VNG's own voice, approval beside objection,
concern or a turn, requests, weak cues and no cue at all; each with the words it rests on
and the sentences it quotes. Table-driven, exact drafts."""

from __future__ import annotations

import pytest

from vngkb.ingest.duiding import stance
from vngkb.ingest.passage import Passage
from vngkb.ingest.woordenschat import woordenschat

# section text, then (stance, rule, quoted sentences)
CASES = [
    ("Wij zijn blij met de extra middelen.",
     ("positief", "standpunt positief: 'blij' (VNG)", ["Wij zijn blij met de extra middelen."])),
    ("De VNG steunt de Spreidingswet.",
     ("positief", "standpunt positief: 'steunt' (VNG)", ["De VNG steunt de Spreidingswet."])),
    # approval, then a turn ("maar ... tijdelijk") in the same sentence: mixed
    ("Wij zijn positief over de middelen, maar die zijn tijdelijk.",
     ("gemengd", "standpunt gemengd: 'positief' (VNG), 'maar die zijn tijdelijk' (VNG)",
      ["Wij zijn positief over de middelen, maar die zijn tijdelijk."])),
    # any ", maar" after approval turns ...
    ("Wij waarderen de inzet, maar de korte looptijd maakt het lastig om mensen aan te nemen.",
     ("gemengd", "standpunt gemengd: 'waarderen' (VNG), 'maar' (VNG)",
      ["Wij waarderen de inzet, maar de korte looptijd maakt het lastig om mensen aan te "
       "nemen."])),
    # ... before it, or in a later sentence, it does not
    ("Wij zijn blij met de regeling. Gemeenten melden zich, maar later.",
     ("positief", "standpunt positief: 'blij' (VNG)", ["Wij zijn blij met de regeling."])),
    ("Het is laat, maar wij zijn blij met de regeling.",
     ("positief", "standpunt positief: 'blij' (VNG)",
      ["Het is laat, maar wij zijn blij met de regeling."])),
    # objections in other words
    ("Dit is een sigaar uit eigen doos en wij wijzen deze maatregel af.",
     ("kritisch", "standpunt kritisch: 'sigaar uit eigen doos' (VNG)",
      ["Dit is een sigaar uit eigen doos en wij wijzen deze maatregel af."])),
    ("Wij zijn hier sterk op tegen.",
     ("kritisch", "standpunt kritisch: 'zijn hier sterk op tegen' (VNG)",
      ["Wij zijn hier sterk op tegen."])),
    ("Wij zijn het hier fundamenteel mee oneens.",
     ("kritisch", "standpunt kritisch: 'oneens' (VNG)", ["Wij zijn het hier fundamenteel mee "
                                                          "oneens."])),
    ("Wij zijn het hier niet mee eens.",
     ("kritisch", "standpunt kritisch: 'niet mee eens' (VNG)", ["Wij zijn het hier niet mee "
                                                                "eens."])),
    ("Wij vinden dit een verkapte korting.",
     ("kritisch", "standpunt kritisch: 'verkapte korting' (VNG)",
      ["Wij vinden dit een verkapte korting."])),
    ("Wij vinden dit een slechte keuze.",
     ("kritisch", "standpunt kritisch: 'slechte keuze' (VNG)",
      ["Wij vinden dit een slechte keuze."])),
    # "slecht" describing something is no objection
    ("De slechtst geïsoleerde woningen krijgen voorrang.",
     ("neutraal", "standpunt neutraal: geen woord van oordeel in 'Wat betekent dit voor "
                  "gemeenten?'", ["De slechtst geïsoleerde woningen krijgen voorrang."])),
    # "maar ook" adds, it does not turn
    ("Wij zijn positief over de middelen, maar ook over de aanpak.",
     ("positief", "standpunt positief: 'positief' (VNG)",
      ["Wij zijn positief over de middelen, maar ook over de aanpak."])),
    # a turn before the approval is not a turn against it
    ("Dit is geen structureel geld, maar het is tijdelijk. Het geld is welkom.",
     ("positief", "standpunt positief: 'welkom'", ["Het geld is welkom."])),
    # approval beside an objection: mixed
    ("Het extra geld is welkom. Wij vinden de korting te hoog.",
     ("gemengd", "standpunt gemengd: 'welkom', 'te hoog' (VNG)",
      ["Het extra geld is welkom.", "Wij vinden de korting te hoog."])),
    # the VNG's own voice weighs double
    ("Het budget is te laag. Wij maken ons zorgen over de uitvoering.",
     ("bezorgd", "standpunt bezorgd: 'maken ons zorgen' (VNG)",
      ["Wij maken ons zorgen over de uitvoering."])),
    ("Wij vinden het budget te laag. Gemeenten maken zich zorgen over de uitvoering.",
     ("kritisch", "standpunt kritisch: 'te laag' (VNG)", ["Wij vinden het budget te laag."])),
    # approval and concern: as much of each gives mixed, else the heavier wins
    ("Het is goed dat er geld komt. Er is zorg over de uitvoering.",
     ("gemengd", "standpunt gemengd: 'goed dat', 'zorg over'",
      ["Het is goed dat er geld komt.", "Er is zorg over de uitvoering."])),
    ("Wij zijn blij dat er geld komt. Er is zorg over de uitvoering.",
     ("positief", "standpunt positief: 'blij' (VNG)", ["Wij zijn blij dat er geld komt."])),
    ("Het geld is welkom. Wij maken ons grote zorgen over de uitvoering.",
     ("bezorgd", "standpunt bezorgd: 'maken ons grote zorgen' (VNG)",
      ["Wij maken ons grote zorgen over de uitvoering."])),
    # a request: an objection only when no other word of judgement stands
    ("Wij vragen het kabinet om meer geld.",
     ("kritisch", "standpunt kritisch: 'Wij vragen' (VNG)",
      ["Wij vragen het kabinet om meer geld."])),
    ("De pilots juichen wij toe. Wel dringen we aan op snelheid.",
     ("positief", "standpunt positief: 'juichen' (VNG)", ["De pilots juichen wij toe."])),
    ("Wij wachten de uitwerking af en vragen het kabinet om snelheid.",
     ("afwachtend", "standpunt afwachtend: 'wachten de uitwerking af' (VNG)",
      ["Wij wachten de uitwerking af en vragen het kabinet om snelheid."])),
    # a weak cue decides only when nothing else does
    ("Wij zijn hierover in gesprek met het ministerie.",
     ("afwachtend", "standpunt afwachtend: 'in gesprek' (VNG)",
      ["Wij zijn hierover in gesprek met het ministerie."])),
    ("Wij zijn hierover in gesprek met het ministerie. Het bedrag is te laag.",
     ("kritisch", "standpunt kritisch: 'te laag'", ["Het bedrag is te laag."])),
    # no word of judgement (and "zorgen voor" is a verb, no concern): neutral, the first
    # sentence quoted
    ("Gemeenten zorgen voor de uitvoering. Zij kunnen zich melden bij het loket.",
     ("neutraal", "standpunt neutraal: geen woord van oordeel in 'Wat betekent dit voor "
                  "gemeenten?'", ["Gemeenten zorgen voor de uitvoering."])),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_stance(text: str, expected: tuple[str, str, list[str]]) -> None:
    passage = Passage.of([text], 5)
    found = stance(passage, woordenschat())
    assert (found.stance, found.rule, [z.text for z in found.passages]) == expected
    for zin in found.passages:
        assert (zin.first, zin.last) == (5, 5)


def test_stance_words_are_read_across_line_ends() -> None:
    passage = Passage.of(["Wij maken ons grote", "zorgen over de uitvoering."], 10)
    found = stance(passage, woordenschat())
    assert (found.stance, found.rule) == ("bezorgd",
                                          "standpunt bezorgd: 'maken ons grote zorgen' (VNG)")
    assert [(z.first, z.last) for z in found.passages] == [(10, 11)]
