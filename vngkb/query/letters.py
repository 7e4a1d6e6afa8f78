"""The letters in a KB (each a ``def:Brondocument``) in the order of their budget year,
for the questions and commands that pick one (the newest by default) or compare two.

A letter's id is the last part of its IRI (``ledenbrief-miljoenennota-2020``); what it
states carries that id in its IRIs (``id/maatregel/{letter}/{slug}``), see
docs/letters.md.

>>> from vngkb.rdf.namespaces import ID
>>> letter_of_iri(ID + "maatregel/ledenbrief-miljoenennota-2020/woningbouw")
'ledenbrief-miljoenennota-2020'
>>> letter_of_iri(ID + "thema/jeugd") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from vngkb.kb.layout import LETTER_KINDS, letter_of_iri
from vngkb.query.store import Backend
from vngkb.rdf.namespaces import ID

__all__ = ["BRON", "LETTER_KINDS", "Letter", "letter_of_iri", "letters", "newest"]

BRON = ID + "bron/"

_LETTERS = """
SELECT ?brief ?jaar ?titel WHERE {
  ?brief a <https://w3id.org/vngkb/def/Brondocument> .
  OPTIONAL { ?brief <https://w3id.org/vngkb/def/begrotingsjaar> ?jaar }
  OPTIONAL { ?brief <http://purl.org/dc/terms/title> ?titel }
}"""


@dataclass(frozen=True, order=True)
class Letter:
    """One letter: ordered by budget year (a letter without one first), then id."""

    year: int
    id: str
    iri: str
    title: str


def letters(backend: Backend) -> list[Letter]:
    """Every letter in the KB, oldest first (:class:`Letter` order)."""
    found: dict[str, Letter] = {}
    for iri, year, title in backend.select(_LETTERS).rows:
        if iri is None or iri.kind != "iri":
            continue
        number = int(year.value[:4]) if year is not None and year.value[:4].isdigit() else 0
        letter = Letter(year=number, id=iri.value.rstrip("/").rpartition("/")[2],
                        iri=iri.value, title="" if title is None else title.value)
        known = found.get(iri.value)
        if known is None or letter > known:
            found[iri.value] = letter
    return sorted(found.values())


def newest(backend: Backend) -> Letter | None:
    """The letter with the latest budget year (of equal years, the last id), or None."""
    every = letters(backend)
    return every[-1] if every else None
