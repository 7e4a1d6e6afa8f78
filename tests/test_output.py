from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from vngkb.output import render

COLUMNS = ["titel", "waarde", "jaar"]
ROWS: list[list[Any]] = [["Laaggeletterdheid", Decimal("7300000.0"), 2024],
                         ["Media | omroep", None, None]]


@pytest.mark.parametrize(("fmt", "expected"), [
    ("csv", "titel,waarde,jaar\nLaaggeletterdheid,7300000.0,2024\nMedia | omroep,,"),
    ("tsv", "titel\twaarde\tjaar\nLaaggeletterdheid\t7300000.0\t2024\nMedia | omroep\t\t"),
    ("markdown", "| titel | waarde | jaar |\n| --- | ---: | ---: |\n"
                 "| Laaggeletterdheid | 7300000.0 | 2024 |\n| Media \\| omroep |  |  |"),
    ("table", "titel                 waarde  jaar\n"
              "-----------------  ---------  ----\n"
              "Laaggeletterdheid  7300000.0  2024\n"
              "Media | omroep\n(2 rows)"),
])
def test_formats(fmt: str, expected: str) -> None:
    assert render(COLUMNS, ROWS, fmt) == expected


def test_json_records_keep_numbers() -> None:
    assert json.loads(render(COLUMNS, ROWS, "json")) == [
        {"titel": "Laaggeletterdheid", "waarde": 7300000, "jaar": 2024},
        {"titel": "Media | omroep", "waarde": None, "jaar": None}]


def test_table_wraps_long_text() -> None:
    text = render(["t"], [["woord " * 30]], "table")
    assert max(len(line) for line in text.splitlines()) <= 60


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render(COLUMNS, ROWS, "xml")
