"""vngkb.ingest.telwoorden: Dutch number words below a thousand, and what is none."""

from __future__ import annotations

import pytest

from vngkb.ingest.telwoorden import telwoord

CASES = [
    ("een", 1), ("negen", 9), ("tien", 10), ("elf", 11), ("negentien", 19),
    ("twintig", 20), ("eenentwintig", 21), ("tweeëntwintig", 22), ("negenennegentig", 99),
    ("honderd", 100), ("honderdeneen", 101), ("honderdtwintig", 120),
    ("zeshonderd", 600), ("tweehonderdvijftig", 250), ("negenhonderdnegenennegentig", 999),
    ("Zeshonderd", 600),
]

NOT_A_NUMBER = ["", "aandacht", "honderdduizend", "duizend", "twintigen", "eenhonderdhonderd",
                "tientwintig", "zes honderd", "٣", "6", "zeshonderd\n", "{tien}", "'tien'",
                "tien" * 200]


@pytest.mark.parametrize(("word", "value"), CASES)
def test_number_words(word: str, value: int) -> None:
    assert telwoord(word) == value


@pytest.mark.parametrize("word", NOT_A_NUMBER)
def test_not_a_number_word(word: str) -> None:
    assert telwoord(word) is None
