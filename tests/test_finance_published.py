"""vngkb.finance.published: the published accres and BCF figures (kb/accres.ttl), each
with its value, unit and precision following from its quote, in its line, row and column
of the letter, and conforming to the accres shapes."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib

from tests.accres_figures import SHAPES, kb_graph
from vngkb.core.paths import SOURCE_FILE
from vngkb.finance import published as published_module
from vngkb.finance.published import load
from vngkb.rdf import sourcetext

SOURCE = SOURCE_FILE
TABLES = Path(__file__).parent / "data" / "finance" / "tabellen.txt"
DEF = rdflib.Namespace("https://w3id.org/vngkb/def/")


# --- Helpers ----------------------------------------------------------------------

def _dutch_number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", ".").rstrip("%"))


def _printed_rows() -> list[tuple[int, str, str, int, str, list[str]]]:
    """The fixture's table rows: (table, series, quantity, line, label+cells, cells)."""
    rows = []
    for line in TABLES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        table, series, quantity, number, text = (part.strip() for part in line.split("|"))
        pattern = r"(?<!\S)\d+,\d+%" if text.endswith("%") else r"(?<!\S)\d{1,3}(?:\.\d{3})*(?!\S)"
        cells = re.findall(pattern, text)
        rows.append((int(table), series, quantity, int(number), text, cells))
    return rows


@pytest.fixture(scope="module")
def accres_source_lines() -> list[str]:
    return sourcetext.read_lines(SOURCE)


# --- The published figures -------------------------------------------------------------

def test_every_printed_table_cell_is_in_the_kb_with_its_value() -> None:
    data = load()
    rows = _printed_rows()
    assert len(rows) == 21
    for table, series, quantity, line, _text, cells in rows:
        assert len(cells) == 6, line
        for year, cell in zip(data.years, cells, strict=True):
            obs = data.find(quantity, series, year)
            assert obs is not None, (quantity, series, year)
            scale = 1 if cell.endswith("%") else 1000
            assert (obs.value, obs.quote, obs.first_line, obs.dataset) == (
                _dutch_number(cell) * scale, cell, line, f"accres-tabel-{table}")
    assert len([o for o in data.observations if o.in_table]) == 21 * 6


@pytest.mark.parametrize("obs", load().observations, ids=lambda o: o.iri.split("/id/")[1])
def test_value_unit_and_precision_follow_from_the_quote(obs: published_module.Observation) -> None:
    number = re.search(r"[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?%?", obs.quote)
    assert number is not None
    text = number.group(0)
    value = _dutch_number(text.lstrip("+-")) * obs.scale
    if text.startswith(("+", "-")):  # an explicit sign must be the value's sign
        assert obs.value == (-value if text.startswith("-") else value)
    else:  # a sign from the words around it ("neerwaartse bijstelling")
        assert abs(obs.value) == value
    digits = len(text.rstrip("%").split(",")[1]) if "," in text else 0
    assert obs.decimals == digits - len(str(obs.scale)) + 1
    assert obs.unit == ("%" if text.endswith("%") else "EUR")
    assert ("miljoen" in obs.quote) == (obs.scale == 1_000_000)
    if obs.unit == "EUR" and obs.in_table:
        assert obs.scale == 1000  # Tabel 1 and 3 are "in duizenden euro's"


def test_the_kb_conforms_to_the_accres_shapes() -> None:
    import pyshacl

    conforms, _graph, text = pyshacl.validate(
        kb_graph(), shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"))
    assert conforms, text


def test_the_shapes_reject_a_figure_without_quote_or_year(tmp_path: Path) -> None:
    import pyshacl

    graph = kb_graph()
    obs = rdflib.URIRef("https://w3id.org/vngkb/id/accres/ledenbrief-miljoenennota-2020/septembercirculaire-2019/reeel-accres/2020")
    graph.remove((obs, DEF.citaat, None))
    graph.add((obs, DEF.begrotingsjaar, rdflib.Literal("2021", datatype=rdflib.XSD.gYear)))
    conforms, results, _text = pyshacl.validate(
        graph, shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"))
    assert not conforms
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    found = {(str(results.value(r, sh.resultPath)).rsplit("/", 1)[1], m.language, str(m))
             for r in results.subjects(rdflib.RDF.type, sh.ValidationResult)
             for m in results.objects(r, sh.resultMessage)
             if results.value(r, sh.focusNode) == obs}
    assert found == {
        ("citaat", "nl", "Precies één citaat (de gedrukte tekst van het getal) vereist"),
        ("citaat", "en", "Exactly one quote (the printed text of the number) required"),
        ("begrotingsjaar", "nl", "Precies één begrotingsjaar (xsd:gYear) vereist"),
        ("begrotingsjaar", "en", "Exactly one budget year (xsd:gYear) required"),
    }


def test_every_quote_stands_in_its_line_range(accres_source_lines: list[str]) -> None:
    data = load()
    misplaced = [
        (o.iri, o.quote, o.first_line, o.last_line) for o in data.observations
        if not sourcetext.contains(
            sourcetext.line_range(accres_source_lines, o.first_line, o.last_line), o.quote)]
    assert misplaced == []
    # 126 table cells (Tabel 1: 66, Tabel 2: 36, Tabel 3: 24) and 21 figures in the text.
    assert len(data.observations) == 147


def test_every_table_cell_is_in_its_row_and_column(accres_source_lines: list[str]) -> None:
    data = load()
    for obs in (o for o in data.observations if o.in_table):
        line = sourcetext.fold(accres_source_lines[obs.first_line - 1])
        assert obs.row is not None and line.startswith(obs.row + " "), obs.iri
        pattern = (r"(?<!\S)\d+,\d+%" if obs.unit == "%" else r"(?<!\S)\d{1,3}(?:\.\d{3})*(?!\S)")
        cells = re.findall(pattern, line.removeprefix(obs.row))
        assert cells[obs.year - data.years[0]] == obs.quote, obs.iri


def test_the_table_fixture_matches_the_source(accres_source_lines: list[str]) -> None:
    for _table, _series, _quantity, line, text, _cells in _printed_rows():
        assert sourcetext.fold(accres_source_lines[line - 1]) == text
