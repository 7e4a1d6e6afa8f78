"""The accres page: Tabel 1-3 as the letter prints them (quantities down, years across,
euros in thousands, percentages with ``%``; under a row whose figures do not reproduce the
computed row and the difference, in percentage points for a percentage), built by the
same function as ``vngkb accres`` (:func:`vngkb.reports.accres_tables.blocks`); each
figure that does not reproduce with the reason; the count of printed figures that do not
reproduce (:func:`vngkb.finance.not_reproduced_count`, the one number ``vngkb audit`` and
``vngkb accres`` show); the audit of the letter's arithmetic; and the chart of
``vngkb accres --plot`` as inline SVG (when matplotlib is installed).

>>> euro(Decimal("1286315000"))
'€ 1.286.315.000'
>>> euro(Decimal("-29087000"))
'−€ 29.087.000'
>>> procent(Decimal("1.95"))
'1,95%'
>>> procent(Decimal("-0.10"), signed=True)
'−0,10%'
>>> procentpunt(Decimal("-0.10"))
'−0,10 procentpunt'
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from vngkb import finance
from vngkb.core.errors import FinanceError
from vngkb.finance.model import CIRCULAIRES, QUANTITIES, Model, index_source, model
from vngkb.finance.published import Observation
from vngkb.i18n import _
from vngkb.reports import accres_tables
from vngkb.reports.accres_tables import Block

#: Tabel 1 is per circulaire, Tabel 2 per CPB-raming, Tabel 3 of the Miljoenennota.
TABELLEN = {1: "Tabel 1. Accressen algemene uitkering (meicirculaire en septembercirculaire "
               "2019)",
            2: "Tabel 2. Indexen prijspeil CEP 2019 en MEV 2020",
            3: "Tabel 3. BTW-compensatiefonds (Miljoenennota 2020)"}

_ID = "https://w3id.org/vngkb/id/"


def _english() -> bool:
    from vngkb.i18n import current_lang

    return current_lang() == "en"


def _group(digits: str) -> str:
    return re.sub(r"(?<=\d)(?=(\d{3})+$)", "," if _english() else ".", digits)


def euro(value: Decimal) -> str:
    """An amount in euros in the page's notation (whole euros): ``€ 1.286.315.000``, in
    English ``€ 1,286,315,000``."""
    sign = "−" if value < 0 else ""
    return f"{sign}€ {_group(str(abs(int(value))))}"


def procent(value: Decimal, *, signed: bool = False) -> str:
    """A percentage in the page's notation, two decimals (``1,95%``, in English
    ``1.95%``)."""
    sign = "−" if value < 0 else ("+" if signed and value > 0 else "")
    number = f"{abs(value):.2f}"
    return f"{sign}{number if _english() else number.replace('.', ',')}%"


def procentpunt(value: Decimal) -> str:
    """A difference between two percentages, in percentage points (1,53% − 1,43% is
    0,10 procentpunt, not 0,10%)."""
    unit = _("procentpunt")
    sign = "−" if value < 0 else ("+" if value > 0 else "")
    number = f"{abs(value):.2f}"
    return f"{sign}{number if _english() else number.replace('.', ',')} {unit}"


def audit_value(value: Decimal, unit: str) -> str:
    """An audit check's value in its unit (``%`` or euros) as people read it."""
    return procent(value) if unit == "%" else euro(value)


def _formatted(quantity: str, value: Decimal) -> str:
    return procent(value) if QUANTITIES[quantity].unit == "%" else euro(value)


@dataclass(frozen=True)
class Figure:
    """One figure of a table on the page."""

    reeks: str
    jaar: int
    grootheid: str
    gedrukt: str
    berekend: str
    verschil: str
    status: str
    reproduceert: bool
    reden: str
    #: The page of the printed figure (``/doc/accres/...``), or None where none is printed.
    pagina: str | None


@dataclass(frozen=True)
class Table:
    nummer: int
    titel: str
    figures: list[Figure]

    @property
    def afwijkend(self) -> int:
        return sum(1 for f in self.figures if not f.reproduceert)


def _cell(m: Model, table: int, quantity: str, series: str, year: int) -> Observation | None:
    if table == 1 and quantity == "inflatiecorrectie" and series in CIRCULAIRES:
        series = index_source(series, year, m.years[0])
    return m.data.find(quantity, series, year)


def _page(iri: str) -> str | None:
    return "/doc/" + iri.removeprefix(_ID) if iri.startswith(_ID) else None


def tables(kb_file: Path | None = None) -> list[Table]:
    """Tabel 1-3 with every figure printed and computed, and why one does not reproduce
    (of the letter whose ``accres.ttl`` is *kb_file*; default the finance module's)."""
    m = model(kb_file)
    failing = list(finance.audit(kb_file=kb_file))
    by_observation = {check.observation: check for check in failing}
    out = []
    for number in (1, 2, 3):
        figures = []
        for row in finance.rows(table=number, kb_file=kb_file):
            cell = _cell(m, number, row.quantity, row.circulaire, row.year)
            reeks = m.data.label(row.circulaire)
            if row.published is None:
                status, ok, reden = _("niet gedrukt (alleen berekend)"), True, ""
            elif row.difference == 0:
                status, ok, reden = _("gereproduceerd"), True, ""
            else:
                status, ok = _("niet gereproduceerd"), False
                source = (index_source(row.circulaire, row.year, m.years[0])
                          if row.circulaire in CIRCULAIRES else None)
                reden = _reason(row.year, source, cell, by_observation, failing)
            figures.append(Figure(
                reeks=reeks, jaar=row.year, grootheid=m.data.label(row.quantity),
                gedrukt="" if row.published is None else _formatted(row.quantity,
                                                                     row.published),
                berekend=_formatted(row.quantity, row.computed),
                verschil="" if row.difference is None else (
                    procentpunt(row.difference)
                    if QUANTITIES[row.quantity].unit == "%" else euro(row.difference)),
                status=status, reproduceert=ok, reden=reden,
                pagina=_page(cell.iri) if cell is not None else None))
        out.append(Table(number, TABELLEN[number], figures))
    return out


@dataclass(frozen=True)
class LetterTable:
    """One of Tabel 1-3 as the letter prints it, with the figures that do not reproduce."""

    nummer: int
    titel: str
    #: One block per series (:class:`vngkb.reports.accres_tables.Block`).
    blocks: list[Block]
    #: What the marks (``*``, ``†``) mean, where they are used.
    legend: list[str]
    #: The figures of the table that do not reproduce, each with its reason.
    afwijkend: list[Figure]


def letter_tables(kb_file: Path | None = None) -> list[LetterTable]:
    """Tabel 1-3 laid out as ``vngkb accres`` prints them (the same blocks), with the
    figures of :func:`tables` that do not reproduce."""
    from vngkb.finance.marks import marks

    out = []
    for table in tables(kb_file):
        rows = finance.rows(table=table.nummer, kb_file=kb_file)
        row_marks = marks(rows, kb_file=kb_file)
        found = accres_tables.blocks(table.nummer, rows, row_marks)
        out.append(LetterTable(table.nummer, accres_tables.title(table.nummer), found,
                               accres_tables.legend(found, row_marks),
                               [f for f in table.figures if not f.reproduceert]))
    return out


def not_reproduced(kb_file: Path | None = None) -> str:
    """The count of printed figures that do not reproduce, in words."""
    return accres_tables.count_line(finance.not_reproduced_count(kb_file=kb_file))


def _reason(year: int, source: str | None, cell: Observation | None,
            by_observation: dict[str, finance.Check], failing: list[finance.Check]) -> str:
    """Why a printed figure differs from the computed one: its own audit check, else the
    printed figures of the same year that do not reproduce and that it follows from."""
    if cell is not None and cell.iri in by_observation:
        check = by_observation[cell.iri]
        unit = "%" if check.unit == "%" else "EUR"
        show = procent if unit == "%" else euro
        return _("{what}: herberekend "
                 "{expected}, gedrukt "
                 "{printed}").format(what=check.what, expected=show(check.expected),
                                      printed=show(check.printed))
    # A circulaire's figures of a year follow from the indices of its CPB forecast.
    causes = [c.check for c in failing if not c.assumed and source is not None
              and c.check.endswith(f".{source}.{year}")]
    if causes:
        return _("volgt uit {names}, die niet reproduceert").format(names=", ".join(causes))
    return _("wijkt af van het gedrukte cijfer; het rekenmodel volgt de keten vanaf de gedrukte "
             "invoer")


def audit_rows(kb_file: Path | None = None) -> list[finance.Check]:
    """Every check of the letter's arithmetic, the failing ones first."""
    return sorted(finance.audit_checks(kb_file=kb_file), key=lambda c: (c.ok, c.check))


def chart_svg(kb_file: Path | None = None) -> str | None:
    """The chart of ``vngkb accres --plot`` as an inline ``<svg>`` element, or None when
    matplotlib is not installed."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "accres.svg"
        try:
            finance.plot(path, kb_file=kb_file)
        except FinanceError:
            return None
        text = path.read_text(encoding="utf-8")
    # Inline in HTML: no XML declaration or DOCTYPE, only the <svg> element.
    return text[text.index("<svg"):]
