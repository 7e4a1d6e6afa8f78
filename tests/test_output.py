from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from vngkb import i18n
from vngkb.query.output import MAX_CELL_LINES, render, render_result, short_iri
from vngkb.query.store import EmbeddedStore, ResultTable
from vngkb.rdf.namespaces import XSD
from vngkb.rdf.terms import Term, from_sparql_json


@pytest.fixture(autouse=True)
def _dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in the default language, whatever the environment says."""
    monkeypatch.delenv("VNGKB_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    i18n.set_lang(None)


COLUMNS = ["titel", "waarde", "jaar"]
ROWS: list[list[Any]] = [["Laaggeletterdheid", Decimal("7300000.0"), 2024],
                         ["Media | omroep", None, None]]


@pytest.mark.parametrize(("fmt", "expected"), [
    ("csv", "titel,waarde,jaar\nLaaggeletterdheid,7300000.0,2024\nMedia | omroep,,"),
    ("tsv", "titel\twaarde\tjaar\nLaaggeletterdheid\t7300000.0\t2024\nMedia | omroep\t\t"),
    ("markdown", "| titel | waarde | jaar |\n| --- | ---: | ---: |\n"
                 "| Laaggeletterdheid | 7.300.000 | 2024 |\n| Media \\| omroep |  |  |"),
    ("table", "titel                 waarde  jaar\n"
              "-----------------  ---------  ----\n"
              "Laaggeletterdheid  7.300.000  2024\n"
              "Media | omroep\n(2 rijen)"),
])
def test_formats(fmt: str, expected: str) -> None:
    assert render(COLUMNS, ROWS, fmt, width=80, emphasis=False) == expected


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
        "maatregel/jeugd  Jeugd  300.000.000  2020")
    assert "| maatregel/jeugd | Jeugd |" in render_result(ANSWER, "markdown")
    assert render_result(ANSWER, "table", iris=True).splitlines()[2].startswith(MAATREGEL)
    # Machine formats keep the full IRI.
    assert render_result(ANSWER, "csv").splitlines()[1].startswith(MAATREGEL + ",Jeugd,")
    assert json.loads(render_result(ANSWER, "json"))[0]["maatregel"] == MAATREGEL


# --- Tables for people: width, language, numbers, headings ------------------------------

LONG_ROWS: list[list[Any]] = [
    ["maatregel/" + "x" * 70, "Een lange titel " * 12, Decimal("1000000.50"), 2024,
     "https://www.tweedekamer.nl/kamerstukken/moties/detail?id=2019Z17541&did=" + "9" * 40]]


@pytest.mark.parametrize("width", [40, 79, 80, 81, 120])
def test_table_fits_the_width(width: int) -> None:
    text = render(["maatregel", "titel", "waarde", "jaar", "link"], LONG_ROWS, "table",
                  width=width, emphasis=False)
    lengths = [len(line) for line in text.splitlines()]
    assert max(lengths) <= width
    # The amount is right-aligned in Dutch notation and never wrapped.
    assert "1.000.000,50" in text


def test_table_width_from_columns_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    lines = render(["titel"], [["woord " * 40]], "table").splitlines()
    assert max(len(line) for line in lines) == 50  # the rule under the heading
    assert lines[2] == " ".join(["woord"] * 8)  # 47 characters: a ninth word does not fit
    assert len(lines) == 2 + 5 + 1


def test_very_long_text_is_cut_with_an_ellipsis() -> None:
    text = render(["titel"], [["woord " * 400]], "table", width=40, emphasis=False)
    body = text.splitlines()[2:-1]
    assert len(body) == MAX_CELL_LINES
    assert body[-1].endswith("…")
    assert max(len(line) for line in body) <= 40


def test_text_of_exactly_the_cell_limit_is_not_cut() -> None:
    text = render(["t"], [["a" * 38 * MAX_CELL_LINES]], "table", width=38, emphasis=False)
    assert "…" not in text
    assert len(text.splitlines()) == 2 + MAX_CELL_LINES + 1


def test_headings_are_underlined_on_a_terminal_and_ruled_off_otherwise() -> None:
    plain = render(["eersteJaar"], [[2020]], "table", emphasis=False).splitlines()
    assert plain[:2] == ["eerste jaar", "-----------"]
    styled = render(["eersteJaar"], [[2020]], "table", emphasis=True).splitlines()
    assert styled[0] == "\x1b[1;4meerste jaar\x1b[0m"
    assert styled[1] == "       2020"


@pytest.mark.parametrize(("value", "nl", "en"), [
    (Decimal("999"), "999", "999"),
    (Decimal("1000"), "1.000", "1,000"),
    (Decimal("1000000.50"), "1.000.000,50", "1,000,000.50"),
    (Decimal("-218343000"), "-218.343.000", "-218,343,000"),
    (Decimal("2.65"), "2,65", "2.65"),
    (Decimal("7300000.0"), "7.300.000", "7,300,000"),
])
def test_numbers_in_the_languages_notation(value: Decimal, nl: str, en: str) -> None:
    assert i18n.format_number(value, "nl") == nl
    assert i18n.format_number(value, "en") == en


def test_machine_formats_keep_names_and_plain_numbers() -> None:
    i18n.set_lang("en")
    try:
        assert render(["laatsteJaar", "waarde"], [[2020, Decimal("1000.5")]], "csv") == (
            "laatsteJaar,waarde\n2020,1000.5")
        assert render(["laatsteJaar"], [[2020]], "table", emphasis=False).splitlines()[0] == (
            "last year")
    finally:
        i18n.set_lang(None)


def test_declared_column_labels_come_first() -> None:
    labels = {"waarde": {"nl": "bedrag in euro", "en": "amount in euros"}}
    assert render(["waarde"], [[1]], "markdown", labels=labels).startswith(
        "| bedrag in euro |")


def test_every_canned_answer_fits_80_columns(backend: EmbeddedStore,
                                             two_letters: EmbeddedStore) -> None:
    """Each canned question, with its defaults, rendered as a table at 80 columns (the
    width of an unknown terminal): no line is longer. A question across letters is
    asked of a KB of two letters."""
    from vngkb.query import catalogue

    checked = 0
    for name in catalogue.load_catalogue():
        kb = two_letters if catalogue.find_question(name).compares_letters else backend
        question = catalogue.with_allowed_values(catalogue.find_question(name), kb)
        answer = kb.select(question.query, question.bindings({}))
        assert answer.rows, name
        for fmt_iris in (False, True):
            lines = render_result(answer, "table", iris=fmt_iris, width=80).splitlines()
            too_long = [line for line in lines if len(line) > 80]
            assert not too_long, f"{name}: {too_long[0]!r}"
        checked += 1
    assert checked == len(catalogue.question_files()) >= 37


def test_too_many_columns_become_one_block_per_row() -> None:
    columns = [f"kolom{i}" for i in range(12)]
    rows = [[f"waarde {i} van rij {r}" for i in range(12)] for r in (1, 2)]
    lines = render(columns, rows, "table", width=40, emphasis=False).splitlines()
    assert lines[0] == "-- rij 1 --"
    assert lines[1] == "kolom0   waarde 0 van rij 1"  # headings as wide as "kolom11"
    assert lines.index("-- rij 2 --") == 13
    assert lines[-1] == "(2 rijen)"
    assert max(len(line) for line in lines) <= 40


def test_a_table_that_fits_stays_a_table() -> None:
    # At its natural width (and one more) the table is unchanged; one less and a
    # column would have to be cut below its values' width, so rows become blocks.
    columns = [f"k{i}" for i in range(12)]
    rows = [[f"w{i:02d}" for i in range(12)]]
    natural = len("  ".join(["w00"] * 12))
    for width in (natural, natural + 1):
        lines = render(columns, rows, "table", width=width, emphasis=False).splitlines()
        assert lines[2] == "  ".join(f"w{i:02d}" for i in range(12))
    squeezed = render(columns, rows, "table", width=natural - 1, emphasis=False)
    assert squeezed.startswith("-- rij 1 --")


def test_names_and_iris_break_after_slashes_and_hyphens() -> None:
    lines = render(["maatregel"], [["maatregel/specifieke-uitkering-stimulering-sport"]],
                   "table", width=25, emphasis=False).splitlines()
    assert lines[2:-1] == ["maatregel/specifieke-", "uitkering-stimulering-", "sport"]


@pytest.mark.parametrize(("columns", "width"), [
    ("abc", 80), ("", 80), ("-5", 80), ("0", 80), ("٨٠", 80),
    ("1", 20), ("19", 20), ("20", 20), ("21", 21)])
def test_odd_columns_values(monkeypatch: pytest.MonkeyPatch, columns: str, width: int) -> None:
    """COLUMNS that is not a positive number means an unknown width (80 when not a
    terminal, as under pytest); below 20 the table is drawn for 20."""
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr("os.get_terminal_size", _no_terminal)
    text = render(["titel", "waarde"], [["Een titel van enige lengte", Decimal(1000)]], "table",
                  emphasis=False)
    assert max(len(line) for line in text.splitlines() if not line.startswith("(")) <= width
    assert "1.000" in text.replace("\n", "")


def _no_terminal(*args: object) -> object:
    raise OSError("not a terminal")


#: Two text columns whose longest words are "Stimulering" (11) and "gemeentefonds" (13)
#: beside a year: with the gap of 2 between columns the words fit from 11 + 2 + 13 +
#: 2 + 4 = 32 characters, the whole text from 24 + 2 + 21 + 2 + 4 = 53.
WORD_COLUMNS = ["titel", "instrument", "jaar"]
WORD_ROWS: list[list[Any]] = [["Stimulering van de sport", "via het gemeentefonds", 2020]]


@pytest.mark.parametrize(("width", "lines"), [
    # Wide enough for the whole text: one line per row.
    (53, ["titel                     instrument             jaar",
          "------------------------  ---------------------  ----",
          "Stimulering van de sport  via het gemeentefonds  2020"]),
    # One less: the widest text column gives a character, and breaks between words.
    (52, ["titel                    instrument             jaar",
          "-----------------------  ---------------------  ----",
          "Stimulering van de       via het gemeentefonds  2020",
          "sport"]),
    # Exactly the longest words: every word whole, broken between words.
    (32, ["titel        instrument     jaar",
          "-----------  -------------  ----",
          "Stimulering  via het        2020",
          "van de       gemeentefonds",
          "sport"]),
    # One less: no column may cut a word, so each row becomes a block.
    (31, ["-- rij 1 --",
          "titel       Stimulering van de",
          "            sport",
          "instrument  via het",
          "            gemeentefonds",
          "jaar        2020"]),
])
def test_table_wraps_at_word_boundaries(width: int, lines: list[str]) -> None:
    text = render(WORD_COLUMNS, WORD_ROWS, "table", width=width, emphasis=False)
    assert text.splitlines()[:-1] == lines
    assert "Stimulerin\n" not in text and "gemeentefond\n" not in text


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("Stimulering van de sport", 11, ["Stimulering", "van de", "sport"]),
    ("Stimulering van de sport", 12, ["Stimulering", "van de sport"]),
    ("Stimulering van de sport", 24, ["Stimulering van de sport"]),
    ("Stimulering van de sport", 23, ["Stimulering van de", "sport"]),
    # One word wider than the column: only then is it cut, at the column's width.
    ("Stimulering", 10, ["Stimulerin", "g"]),
    ("Multiprobleemhuishoudens zijn", 12, ["Multiproblee", "mhuishoudens", "zijn"]),
    ("maatregel/passend-onderwijs", 18, ["maatregel/passend-", "onderwijs"]),
    ("maatregel/passend-onderwijs", 17, ["maatregel/", "passend-onderwijs"]),
    ("a  b", 1, ["a", "b"]),
    ("", 5, [""]),
])
def test_cell_wrapping_at_the_boundary(text: str, width: int, lines: list[str]) -> None:
    from vngkb.query.output import _wrap_words

    assert _wrap_words(text, width) == lines
