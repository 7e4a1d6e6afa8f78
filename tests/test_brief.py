"""Questions about one letter (the `brief` parameter): another letter in the KB changes no
answer about the ledenbrief, and a question asked about the other letter answers about
that letter alone. The other letters are benchmarks/scale.py's synthetic ones (copies of
the letter under their own id and IRIs, every value raised by K euro), never the letter
itself."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from benchmarks.scale import synthetic_copies
from vngkb.core.errors import ParameterError
from vngkb.kb.layers import load_kb
from vngkb.query import catalogue
from vngkb.query.store import EmbeddedStore
from vngkb.rdf.terms import Term

ID = "https://w3id.org/vngkb/id/"
LEDENBRIEF = ID + "bron/ledenbrief-miljoenennota-2020"
#: Questions about the letter's content; the others name a table or a measure, or
#: compare letters (tag "brieven": tests/test_brieven.py).
ABOUT_A_LETTER = sorted(name for name, q in catalogue.load_catalogue().items()
                        if any(p.name == "brief" for p in q.parameters)
                        and not q.compares_letters)


@pytest.fixture(scope="module")
def several_letters() -> EmbeddedStore:
    """The KB with the synthetic letters of a KB twice its size (letters 2, 3, ...)."""
    store = load_kb()
    for chunk in synthetic_copies(2):
        store.load(chunk, format=ox.RdfFormat.N_TRIPLES)
    return EmbeddedStore(store)


def test_the_questions_about_a_letter() -> None:
    assert len(ABOUT_A_LETTER) == 41
    for name in ABOUT_A_LETTER:
        brief = catalogue.find_question(name).parameter("brief")
        assert (brief.default, brief.member_class) == (
            LEDENBRIEF, "https://w3id.org/vngkb/def/Brondocument"), name


@pytest.mark.parametrize("name", ABOUT_A_LETTER)
def test_another_letter_changes_no_answer_about_the_ledenbrief(
        backend: EmbeddedStore, several_letters: EmbeddedStore, name: str) -> None:
    question = catalogue.with_allowed_values(catalogue.find_question(name), several_letters)
    bindings = question.bindings({})
    alone = backend.select(question.query, bindings).values()
    beside = several_letters.select(question.query, bindings).values()
    assert beside == alone
    assert alone, f"{name} has no rows with its defaults"


@pytest.mark.parametrize(("name", "values"), [
    ("bedragen-per-ontvanger", {}),
    ("bedragen-vanaf", {"minimum": "0"}),
    ("specifieke-uitkeringen", {}),
])
def test_a_question_about_the_other_letter_gives_its_amounts(
        backend: EmbeddedStore, several_letters: EmbeddedStore, name: str,
        values: dict[str, str]) -> None:
    """Letter 2's rows are exactly the ledenbrief's rows of the amounts it copies, each
    amount under letter 2's IRI and 2 euro higher."""
    question = catalogue.with_allowed_values(catalogue.find_question(name), several_letters)
    columns = backend.select(question.query, question.bindings(values)).columns
    bedrag, waarde = columns.index("bedrag"), columns.index("waarde")
    ledenbrief = backend.select(question.query, question.bindings(values)).values()
    copied = _copied_amounts(several_letters)
    expected = sorted((_in_letter_2(row[bedrag]), Decimal(str(row[waarde])) + 2)
                      for row in ledenbrief if _in_letter_2(row[bedrag]) in copied)
    other = several_letters.select(question.query, question.bindings(
        {**values, "brief": "synthetisch-2"})).values()
    assert sorted((str(row[bedrag]), row[waarde]) for row in other) == expected
    assert len(expected) >= 3


def _in_letter_2(amount: object) -> str:
    """The IRI of *amount* of the ledenbrief in synthetic letter 2."""
    return str(amount).replace("/ledenbrief-miljoenennota-2020/", "/synthetisch-2/")


def _copied_amounts(letters: EmbeddedStore) -> set[str]:
    table = letters.select(
        "SELECT ?b WHERE { ?b <http://purl.org/dc/terms/source> ?s }",
        {"s": Term("iri", ID + "bron/synthetisch-2")})
    return {str(row[0]) for row in table.values()}


def test_an_unknown_letter_is_refused_with_the_known_ones(
        several_letters: EmbeddedStore) -> None:
    question = catalogue.with_allowed_values(catalogue.find_question("wetten"),
                                             several_letters)
    with pytest.raises(ParameterError, match="ledenbrief-miljoenennota-2020"):
        question.bindings({"brief": "ledenbrief-2021"})
