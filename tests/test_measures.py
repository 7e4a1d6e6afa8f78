"""The flat view of the measures: the published JSON shape and the counts of the letter."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import pytest

from vngkb.measures import amount_rows, measure_records
from vngkb.store import EmbeddedStore

#: Measures per chapter, counted from the "Wat wil het kabinet?" sections of the letter.
MEASURES_PER_CHAPTER = {1: 3, 2: 25, 3: 14, 4: 5, 5: 9, 6: 5, 7: 3, 8: 13, 9: 9, 10: 4}

MEASURE_KEYS = {"id", "title", "chapter", "ministry", "instruments", "stance", "effect_types",
                "laws", "amounts", "source"}
AMOUNT_KEYS = {"value_eur", "per", "first_year", "last_year", "structural", "instrument",
               "recipient", "quote"}


@pytest.fixture(scope="module")
def records(backend: EmbeddedStore) -> list[dict[str, Any]]:
    return measure_records(backend)


def test_ninety_measures_per_chapter(records: list[dict[str, Any]]) -> None:
    assert Counter(r["chapter"] for r in records) == MEASURES_PER_CHAPTER
    assert len(records) == 90


def test_json_shape(records: list[dict[str, Any]]) -> None:
    for record in records:
        assert set(record) == MEASURE_KEYS
        assert set(record["ministry"]) == {"iri", "label"}
        assert record["ministry"]["iri"].startswith(
            "https://identifier.overheid.nl/tooi/id/ministerie/mnre")
        assert set(record["source"]) == {"first_line", "last_line"}
        assert record["source"]["first_line"] <= record["source"]["last_line"]
        for amount in record["amounts"]:
            assert set(amount) == AMOUNT_KEYS
            assert isinstance(amount["value_eur"], Decimal) and amount["value_eur"] > 0
            assert amount["per"] in {"jaar", "totaal", "eenmalig", "vier-weken", "maand",
                                     "onbekend"}
            assert amount["quote"]


def test_csv_rows_one_per_amount(records: list[dict[str, Any]]) -> None:
    rows = amount_rows(records)
    expected = sum(max(1, len(r["amounts"])) for r in records)
    assert len(rows) == expected


def _measure(records: list[dict[str, Any]], slug: str) -> dict[str, Any]:
    return next(r for r in records if r["id"].endswith("/maatregel/" + slug))


def test_chapter_one_as_read(records: list[dict[str, Any]]) -> None:
    sport = _measure(records, "specifieke-uitkering-stimulering-sport")
    assert sport["title"] == "Specifieke uitkering Stimulering Sport"
    assert sport["ministry"]["label"] == "Ministerie van Financiën"
    assert sport["stance"] == "kritisch"
    assert sport["laws"] == ["Wet op de omzetbelasting 1968"]
    assert sport["source"] == {"first_line": 218, "last_line": 233}
    assert sorted((a["value_eur"], a["first_year"]) for a in sport["amounts"]) == [
        (Decimal("152000000.0"), 2019), (Decimal("178000000.0"), 2020),
        (Decimal("185000000.0"), 2019), (Decimal("228000000.0"), 2019)]
    buig = _measure(records, "gebundelde-uitkering")
    assert [(a["value_eur"], a["per"], a["first_year"], a["instrument"])
            for a in buig["amounts"]] == [
        (Decimal("6100000000.0"), "jaar", 2020, "gebundelde uitkering")]
    assert _measure(records, "investeringsfonds")["amounts"] == []
