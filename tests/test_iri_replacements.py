"""The IRIs of the shipped letter after the KB became a series of letters (issue 27):
everything the letter states carries the letter in its IRI, every IRI it had before
has exactly one replacement (``dct:isReplacedBy``), and nothing else is said about an
old IRI (so that no question finds it twice)."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from vngkb.core.paths import SHIPPED_LETTER
from vngkb.kb.layers import load_kb
from vngkb.query.letters import LETTER_KINDS, letter_of_iri
from vngkb.rdf.namespaces import DCT, DEF, ID, RDF

REPLACED_BY = ox.NamedNode(DCT + "isReplacedBy")


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load_kb()


def _replacements(store: ox.Store) -> list[tuple[str, str]]:
    return [(q.subject.value, q.object.value)  # type: ignore[union-attr]
            for q in store.quads_for_pattern(None, REPLACED_BY, None)]


def _iris(store: ox.Store, *, skip_replacements: bool) -> set[str]:
    found = set()
    for quad in store:
        if skip_replacements and quad.predicate == REPLACED_BY:
            continue
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(ID):
                found.add(term.value)
    return found


def _old_form(iri: str) -> str:
    """The IRI before the letter was added to it (``id/maatregel/woningbouw``)."""
    if iri == f"{ID}voorwoord/{SHIPPED_LETTER}":
        return ID + "voorwoord"
    return iri.replace(f"/{SHIPPED_LETTER}/", "/", 1)


def test_every_old_iri_has_exactly_one_replacement(store: ox.Store) -> None:
    pairs = _replacements(store)
    assert len(pairs) > 400  # the shipped letter's measures, amounts, tables, ...
    counts = Counter(old for old, _ in pairs)
    assert [old for old, n in counts.items() if n != 1] == []
    current = _iris(store, skip_replacements=True)
    # The replacement is a thing the KB describes, and the old IRI is in no other triple.
    assert [new for _, new in pairs if new not in current] == []
    assert [old for old, _ in pairs if old in current] == []
    # Each replacement is the old IRI with the letter, type first.
    assert [(old, new) for old, new in pairs if _old_form(new) != old] == []


def test_every_iri_of_the_letter_had_an_old_one(store: ox.Store) -> None:
    replaced = {new for _, new in _replacements(store)}
    # Tellingen (id/telling/...) and series (id/reeks/...) arrived with the letter already
    # in their IRIs.
    ours = {iri for iri in _iris(store, skip_replacements=True)
            if letter_of_iri(iri) == SHIPPED_LETTER
            and "/id/telling/" not in iri and "/id/reeks/" not in iri}
    assert len(ours) > 400
    assert sorted(ours - replaced) == []


def test_no_iri_of_letter_content_lacks_its_letter(store: ox.Store) -> None:
    letters = {q.subject.value.rpartition("/")[2]  # type: ignore[union-attr]
               for q in store.quads_for_pattern(None, ox.NamedNode(RDF + "type"),
                                                ox.NamedNode(DEF + "Brondocument"))}
    assert letters == {SHIPPED_LETTER}
    lacking = []
    for iri in _iris(store, skip_replacements=True):
        kind = iri[len(ID):].partition("/")[0]
        if kind in LETTER_KINDS and letter_of_iri(iri) not in letters:
            lacking.append(iri)
    assert lacking == []
    # The check can fail: an old IRI is letter content without a known letter.
    assert letter_of_iri(ID + "maatregel/woningbouw") not in letters


def test_shared_things_carry_no_letter(store: ox.Store) -> None:
    shared = [iri for iri in _iris(store, skip_replacements=True)
              if iri.startswith((ID + "thema/", ID + "instrument/", ID + "motie/", ID + "wet/"))]
    assert len(shared) > 50
    assert [iri for iri in shared if SHIPPED_LETTER in iri] == []
