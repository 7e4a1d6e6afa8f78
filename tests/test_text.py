"""The one text pipeline (vngkb/text/dutch.py) that the search and vngkb vraag share:
words, forms, stems, stop words. What each caller does with them is tested with it
(tests/test_search.py, tests/test_vraag.py)."""

from __future__ import annotations

import doctest

import pytest

from vngkb.text import dutch
from vngkb.text.dutch import STOP_WORDS, fold, stem, stems, tokens, words
from vngkb.vraag.woorden import lees_woorden


def test_doctests() -> None:
    failures, tried = doctest.testmod(dutch)
    assert (failures, tried) == (0, 6)


def test_an_apostrophe_joins_a_word_and_a_final_s_after_it_goes() -> None:
    assert [(t.text, t.form, t.stem, t.start, t.end) for t in tokens("DU's, regio’s en 'x'")] \
        == [("DU's", "du", "du", 0, 4), ("regio’s", "regio", "regio", 6, 13),
            ("en", "en", "en", 14, 16), ("x", "x", "x", 18, 19)]


def test_vraag_and_the_search_share_the_stop_words() -> None:
    woorden = lees_woorden()
    assert woorden.stopwoorden > STOP_WORDS
    assert {"graag", "brief", "welke"} <= woorden.stopwoorden - STOP_WORDS


@pytest.mark.parametrize(("plural", "singular"), [
    ("moties", "motie"), ("subsidies", "subsidie"), ("categorieën", "categorie"),
    ("gemeenten", "gemeente"), ("uitkeringen", "uitkering"), ("jaren", "jaar"),
    ("wetten", "wet"), ("positieve", "positief"), ("prijzen", "prijs"),
])
def test_a_plural_or_inflection_meets_its_word(plural: str, singular: str) -> None:
    assert stem(plural) == stem(singular)


@pytest.mark.parametrize("word", ["ies", "bies", "serie", "ieen", "reis", "v", "z", ""])
def test_short_words_keep_their_last_letters(word: str) -> None:
    # The plural and spelling rules leave words of three letters or fewer (and -ies or
    # -ieen words too short to be a plural) to the Snowball algorithm alone.
    assert stem(word) == {"ies": "ies", "bies": "bies", "serie": "serie", "ieen": "ieen",
                          "reis": "reis", "v": "v", "z": "z", "": ""}[word]


def test_a_stem_holds_only_letters_and_digits() -> None:
    text = 'NEAR(a* "b") x:y {z}^ -w \x00 ٢٠٢٠ DU’s_ü'
    assert [t.stem for t in tokens(text)] == ["near", "a", "b", "x", "y", "z", "w", "du", "u"]
    assert all(s.isalnum() and s.isascii() for s in stems(text))


def test_words_are_the_tokens_positions_and_stems() -> None:
    text = "De gemeenten, regio's en het Rijk."
    assert [tuple(w) for w in words(text)] == [(t.start, t.end, t.stem) for t in tokens(text)]
    assert [text[w.start:w.end] for w in words(text)] == ["De", "gemeenten", "regio's", "en",
                                                         "het", "Rijk"]


def test_fold_drops_accents_and_case() -> None:
    assert (fold("Financiën"), fold("ÉÉN"), fold("plain")) == ("financien", "een", "plain")
