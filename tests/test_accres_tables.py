"""``vngkb accres`` for people (vngkb.reports.accres_tables): the tables as the letter
prints them, quantities down and years across, euros in thousands, percentages, the
differences in thousands or percentage points, the what-if named on screen, and one count
of the printed figures that do not reproduce (vngkb.finance.not_reproduced_count)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from vngkb import api, finance
from vngkb.cli.commands import main
from vngkb.reports.accres_tables import figure

DATA = Path(__file__).parent / "data"
#: A figure as the letter prints it: 1.286.315, 7,30%, -29.087, +0,10.
FIGURE = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?%?\*?")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (("accres", "-f", "table"), "accres-tabel-1.txt"),
    (("accres", "-f", "table", "--table", "2"), "accres-tabel-2.txt"),
    (("accres", "-f", "table", "--table", "3"), "accres-tabel-3.txt"),
    (("accres", "-f", "table", "--set", "inflatiecorrectie.2020=2.5"),
     "accres-tabel-1-wat-als.txt"),
    (("--lang", "en", "accres", "-f", "table", "--table", "2"), "accres-tabel-2-en.txt"),
])
def test_accres_prints_the_tables_as_the_letter(args: tuple[str, ...], expected: str) -> None:
    code, out, err = run(*args)
    assert (code, err) == (0, "")
    assert out == (DATA / expected).read_text(encoding="utf-8")


# The letter's own table lines: Tabel 1 (lines 61-87), Tabel 2 (142-158), Tabel 3
# (195-205). Tabel 1 also shows each circulaire's inflation correction, which the letter
# prints in Tabel 2 (the septembercirculaire's from two forecasts: 2019 from the CEP,
# later years from the MEV), so only its 2024 figure is checked here.
@pytest.mark.parametrize(("table", "ranges", "rows"), [
    (1, [(61, 87)], 11), (2, [(142, 158)], 6), (3, [(195, 205)], 4)])
def test_every_printed_row_is_the_letters_row(table: int, ranges: list[tuple[int, int]],
                                               rows: int, source_lines: list[str]) -> None:
    letter = {tuple(FIGURE.findall(line.replace("\u00a0", " ")))[-6:]
              for first, last in ranges for line in source_lines[first - 1:last]}
    code, out, _ = run("accres", "-f", "markdown", "--table", str(table))
    assert code == 0
    # The rows of printed figures (Markdown: every year in one row): not the computed rows
    # under them (indented), not the rows the letter does not print here (†, Tabel 2).
    printed = [[cell.strip() for cell in line.strip("|").split("|")]
               for line in out.splitlines()
               if line.startswith("| ") and not line.startswith("|   ")
               and "†" not in line and "Tabel 2" not in line]
    assert len(printed) == rows + len([p for p in printed if p[1] == "2019"])
    for cells in printed:
        figures = tuple(cell.replace("\\*", "") for cell in cells[1:])
        assert figures in letter or figures == ("2019", "2020", "2021", "2022", "2023",
                                                "2024"), cells


@pytest.mark.parametrize(("args", "title"), [
    (("accres", "-f", "table"), "Tabel 1. Accressen algemene uitkering (in duizenden euro’s)"),
    (("--lang", "en", "accres", "-f", "table"),
     "Table 1. Accres of the general grant (in thousands of euros)"),
])
def test_accres_speaks_the_language(args: tuple[str, ...], title: str) -> None:
    code, out, _ = run(*args)
    assert code == 0
    # The letter first, in the same language, then the table's title.
    assert out.splitlines()[0].endswith(" Miljoenennota 2020 (ledenbrief-miljoenennota-2020)")
    assert out.splitlines()[0].startswith("Brief: " if title.startswith("Tabel") else "Letter: ")
    assert out.splitlines()[1] == title
    english = CliRunner().invoke(main, ["accres", "-f", "table"], env={"VNGKB_LANG": "en"})
    assert english.stdout.splitlines()[1].startswith("Table 1.")


def test_the_what_if_is_named_on_screen() -> None:
    _, out, _ = run("accres", "-f", "markdown", "--set", "inflatiecorrectie.2020=2.5")
    assert ("**Wat-als actief: inflatiecorrectie.2020 = 2,5; de berekende cijfers volgen "
            "daaruit.**") in out
    _, plain, _ = run("accres", "-f", "table")
    assert "Wat-als" not in plain


def test_machines_keep_the_documented_columns() -> None:
    _, out, _ = run("accres", "-f", "csv")
    assert out.splitlines()[0] == ",".join(finance.ROW_COLUMNS)
    assert "Wat-als" not in out and "Niet gereproduceerd" not in out


def test_not_reproduced_count_is_one_number_everywhere() -> None:
    # Tabel 2 prints 1,85% for 2024 in both forecasts where 0,5 x 2,20 + 0,5 x 1,70 = 1,95
    # (lines 148 and 154): two printed figures do not reproduce.
    assert finance.not_reproduced_count() == api.not_reproduced_count() == 2
    assert [c.check for c in finance.not_reproduced()] == [
        "inflatiecorrectie.cep-2019.2024", "inflatiecorrectie.mev-2020.2024"]
    code, audit_out, _ = run("audit", "-f", "table")
    assert code == 1
    assert "\n2 gedrukt(e) cijfer(s) niet gereproduceerd:\n" in audit_out
    for table in ("1", "2", "3"):
        _, out, _ = run("accres", "-f", "table", "--table", table)
        assert out.rstrip().endswith(
            "Niet gereproduceerd: 2 gedrukte cijfers van de brief (zie vngkb audit).")


@pytest.mark.parametrize(("quantity", "value", "signed", "text"), [
    ("nominaal-accres", "1286315000", False, "1.286.315"),
    ("reeel-accres", "-29087000", True, "-29.087"),
    ("reeel-accres", "0", True, "0"),
    ("opschalingskorting", "135000000", False, "135.000"),
    ("accrespercentage", "7.3", False, "7,30%"),
    ("inflatiecorrectie", "0.10", True, "+0,10"),
    ("inflatiecorrectie", "-0.1", True, "-0,10"),
])
def test_figure_as_the_letter_prints_it(quantity: str, value: str, signed: bool,
                                        text: str) -> None:
    assert figure(quantity, Decimal(value), signed=signed) == text


def test_plot_axes_in_dutch_notation(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib not installed (extra 'plot')")
    svg = finance.plot(tmp_path / "accres.svg", {"inflatiecorrectie.2020": Decimal("2.5")}
                       ).read_text(encoding="utf-8")
    assert ">1.000</text>" in svg and ">1.200</text>" in svg
    assert ">1,000</text>" not in svg
    assert "inflatiecorrectie.cep-2019.2020 = 2,5" in svg
