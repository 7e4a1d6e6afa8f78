"""Sentences of a passage (vngkb.ingest.passage): where a sentence ends, with the footnote
marks and bullets of a letter's PDF text, and the lines each sentence spans."""

from __future__ import annotations

import pytest

from vngkb.ingest.passage import Passage

CASES = [
    # a footnote mark glued to the full stop ends the sentence with it
    (["Het kabinet trekt € 5 miljoen uit.3 Dat is te weinig."],
     ["Het kabinet trekt € 5 miljoen uit.", "Dat is te weinig."]),
    (["Het kabinet trekt € 5 miljoen uit.² Dat is te weinig."],
     ["Het kabinet trekt € 5 miljoen uit.", "Dat is te weinig."]),
    # a bullet starts a sentence, whether or not the item before ends in a full stop
    (["Het kabinet wil:", "• een fonds voor wijken", "• een regeling voor dorpen"],
     ["Het kabinet wil:", "• een fonds voor wijken", "• een regeling voor dorpen"]),
    (["Het kabinet wil:", "\uf0b7 een fonds voor wijken", "\uf0b7 een regeling"],
     ["Het kabinet wil:", "\uf0b7 een fonds voor wijken", "\uf0b7 een regeling"]),
    # no end after an abbreviation, also with a number after it, nor inside a figure
    (["Zie Kamerstuk 35 300, nr. 12 Het kabinet schrijft dat."],
     ["Zie Kamerstuk 35 300, nr. 12 Het kabinet schrijft dat."]),
    (["Het gaat om € 1.3 miljoen in artikel 2.3 van de wet."],
     ["Het gaat om € 1.3 miljoen in artikel 2.3 van de wet."]),
    # "mln." and "mld." end a sentence before a capital, not before a lower-case word
    (["Het gaat om € 0,2 mld. Het kabinet wil meer."],
     ["Het gaat om € 0,2 mld.", "Het kabinet wil meer."]),
    (["Het gaat om € 5 mln. per jaar."], ["Het gaat om € 5 mln. per jaar."]),
    # three digits after a full stop are no footnote mark
    (["Het kabinet trekt € 5 miljoen uit.123 Dat is te weinig."],
     ["Het kabinet trekt € 5 miljoen uit.123 Dat is te weinig."]),
]


@pytest.mark.parametrize(("lines", "expected"), CASES)
def test_sentences(lines: list[str], expected: list[str]) -> None:
    assert [z.text for z in Passage.of(lines, 1).sentences()] == expected


def test_bullet_sentences_keep_their_lines() -> None:
    lines = ["Het kabinet wil:", "", "• een fonds voor", "  wijken", "• een regeling"]
    found = [(z.first, z.last) for z in Passage.of(lines, 20).sentences()]
    assert found == [(20, 20), (22, 23), (24, 24)]
