from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from vngkb.namespaces import XSD
from vngkb.output import render, render_result, short_iri
from vngkb.store import ResultTable
from vngkb.terms import Term, from_sparql_json

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


# --- Query answers: terms, SPARQL 1.1 JSON results, shortened IRIs ---------------------

MAATREGEL = "https://w3id.org/vngkb/id/maatregel/jeugd"
ANSWER = ResultTable(
    columns=["maatregel", "titel", "waarde", "jaar", "ontbreekt"],
    rows=[[Term("iri", MAATREGEL), Term("literal", "Jeugd", lang="nl"),
           Term("literal", "300000000.0", datatype=XSD + "decimal"),
           Term("literal", "2020", datatype=XSD + "gYear"), None],
          [Term("bnode", "b0"), Term("literal", "plain"), None, None, None]])


def test_sparql_json_is_the_w3c_results_format() -> None:
    assert json.loads(render_result(ANSWER, "sparql-json")) == {
        "head": {"vars": ["maatregel", "titel", "waarde", "jaar", "ontbreekt"]},
        "results": {"bindings": [
            {"maatregel": {"type": "uri", "value": MAATREGEL},
             "titel": {"type": "literal", "value": "Jeugd", "xml:lang": "nl"},
             "waarde": {"type": "literal", "value": "300000000.0",
                        "datatype": XSD + "decimal"},
             "jaar": {"type": "literal", "value": "2020", "datatype": XSD + "gYear"}},
            {"maatregel": {"type": "bnode", "value": "b0"},
             "titel": {"type": "literal", "value": "plain"}}]}}


def test_sparql_json_of_an_ask_query() -> None:
    assert json.loads(render_result(ResultTable(columns=[], boolean=True), "sparql-json")) == {
        "head": {}, "boolean": True}
    assert render_result(ResultTable(columns=[], boolean=False), "table") == "false"


def test_sparql_json_round_trips_through_the_remote_reader() -> None:
    data = json.loads(render_result(ANSWER, "sparql-json"))
    rows = [[from_sparql_json(b[c]) if c in b else None for c in data["head"]["vars"]]
            for b in data["results"]["bindings"]]
    assert rows == ANSWER.rows


@pytest.mark.parametrize(("iri", "short"), [
    (MAATREGEL, "maatregel/jeugd"),
    ("https://identifier.overheid.nl/tooi/id/ministerie/mnre1025", "tooi:mnre1025"),
    ("https://wetten.overheid.nl/BWBR0015703", "bwb:BWBR0015703"),
    ("https://w3id.org/vngkb/def/Maatregel", "def:Maatregel"),
    ("http://www.w3.org/2004/02/skos/core#prefLabel", "skos:prefLabel"),
    ("https://www.tweedekamer.nl/kamerstukken/moties/detail?id=2019Z17541",
     "https://www.tweedekamer.nl/kamerstukken/moties/detail?id=2019Z17541"),
])
def test_short_iris(iri: str, short: str) -> None:
    assert short_iri(iri) == short


def test_table_and_markdown_shorten_iris_unless_asked() -> None:
    assert render_result(ANSWER, "table").splitlines()[2].startswith(
        "maatregel/jeugd  Jeugd  300000000.0  2020")
    assert "| maatregel/jeugd | Jeugd |" in render_result(ANSWER, "markdown")
    assert render_result(ANSWER, "table", iris=True).splitlines()[2].startswith(MAATREGEL)
    # Machine formats keep the full IRI.
    assert render_result(ANSWER, "csv").splitlines()[1].startswith(MAATREGEL + ",Jeugd,")
    assert json.loads(render_result(ANSWER, "json"))[0]["maatregel"] == MAATREGEL
