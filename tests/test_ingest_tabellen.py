"""Amounts in a table inside a measure (vngkb.ingest.tabellen): a header of years over
rows of figures, rows of a year and a figure, the unit from the caption or the cells, a
column of the total, and what is no table of money. Exact drafts."""

from __future__ import annotations

from vngkb.ingest.tabellen import read_tables
from vngkb.ingest.woordenschat import woordenschat


def drafts(lines: list[str], first: int = 40) -> tuple[list[tuple[object, ...]], list[int]]:
    found, taken = read_tables(lines, first, frozenset(), woordenschat())
    return ([(str(a.value), a.first_year, a.last_year, a.per, a.kind, a.quote, a.first_line,
              a.last_line) for a in found], sorted(taken))


def test_years_in_the_header_and_the_unit_in_the_caption() -> None:
    lines = ["Het kabinet verdeelt het geld als volgt.", "",
             "Tabel 2. Middelen jeugd (bedragen x € 1 mln)",
             "                     2025     2026     2027",
             "Extra middelen       300      300,5    1.200",
             "Taakstelling         -100     -200     -",
             "", "Dit is de verdeling."]
    found, taken = drafts(lines)
    assert found == [
        ("300000000", 2025, 2025, "jaar", "beschikbaar", "Extra middelen 300 300,5 1.200", 44, 44),
        ("300500000", 2026, 2026, "jaar", "beschikbaar", "Extra middelen 300 300,5 1.200", 44, 44),
        ("1200000000", 2027, 2027, "jaar", "beschikbaar", "Extra middelen 300 300,5 1.200", 44,
         44),
        ("100000000", 2025, 2025, "jaar", "korting", "Taakstelling -100 -200 -", 45, 45),
        ("200000000", 2026, 2026, "jaar", "korting", "Taakstelling -100 -200 -", 45, 45),
    ]
    assert taken == [42, 43, 44, 45]  # the caption too: its "€ 1 mln" is no amount
    amounts, _ = read_tables(lines, 40, frozenset(), woordenschat())
    assert amounts[0].rules["jaar"] == "jaar: kolom 2025 van de tabel (kop op regel 43)"
    assert amounts[0].rules["schaal"] == "schaal: 'x € 1 mln' bij de tabel"
    assert amounts[3].rules["soortBedrag"] == "soort korting: 'Taakstelling' in de rij"


def test_euro_and_scale_in_the_cells_and_a_column_of_the_total() -> None:
    lines = ["Jaar           2025        2026        totaal",
             "Jeugdzorg      € 15 mln    € 20 mln    € 35 mln"]
    found, taken = drafts(lines, 1)
    quote = "Jeugdzorg € 15 mln € 20 mln € 35 mln"
    assert found == [("15000000", 2025, 2025, "jaar", "beschikbaar", quote, 2, 2),
                     ("20000000", 2026, 2026, "jaar", "beschikbaar", quote, 2, 2),
                     ("35000000", 2025, 2026, "totaal", "beschikbaar", quote, 2, 2)]
    assert taken == [1, 2]


def test_a_caption_a_blank_line_and_a_page_header_above_the_rows() -> None:
    # as a PDF's text gives a table: the caption, a blank line, the header, a running page
    # header (a footer: blank here) between the header and the rows
    lines = ["Tabel 2. Middelen jeugd (in miljoenen euro)", "", "          2025     2026",
             "VNG  |  Ledenbrief  |  pagina 6", "", "Extra middelen     150      250"]
    found, taken = read_tables(lines, 1, frozenset({4}), woordenschat())
    assert [(str(a.value), a.first_year, a.quote, a.first_line) for a in found] == [
        ("150000000", 2025, "Extra middelen 150 250", 6),
        ("250000000", 2026, "Extra middelen 150 250", 6)]
    assert sorted(taken) == [1, 2, 3, 4, 5, 6]


def test_rows_of_a_year_and_its_figure() -> None:
    lines = ["Tekort op de BUIG (in miljoenen euro)", "2025    12,5", "2026    € 14 mln",
             "2027    16"]
    found, taken = drafts(lines, 7)
    assert [(v, a, b, kind) for v, a, b, _, kind, *_ in found] == [
        ("12500000", 2025, 2025, "tekort"), ("14000000", 2026, 2026, "tekort"),
        ("16000000", 2027, 2027, "tekort")]
    assert taken == [7, 8, 9, 10]


def test_what_is_no_table_of_money() -> None:
    # no euro sign or scale anywhere: counts (fte, places), not money
    assert drafts(["Extra fte politie", "          2025   2026", "Agenten   100    200"]) == (
        [], [])
    # years that do not follow each other are no header
    assert drafts(["(x € 1 mln)", "          2025   2027", "Jeugd     100    200"]) == ([], [])
    # one row of a year is a sentence's figure, not a table
    assert drafts(["(x € 1 mln)", "2025    12,5", "Verder geen bedragen."]) == ([], [])
    # a row with another number of cells than the header has years is no row of it
    assert drafts(["(x € 1 mln)", "          2025   2026", "Jeugd     100"]) == ([], [])
    # prose after a header is no row
    assert drafts(["Van 2025 2026 naar de toekomst", "Het kabinet trekt geld uit."]) == ([], [])
