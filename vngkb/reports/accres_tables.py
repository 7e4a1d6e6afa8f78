"""The accres tables as the letter prints them, for people (``vngkb accres`` on a terminal
or as Markdown): per series the quantities down and the years across, euros in thousands
as the letter has them, percentages with ``%``, and under a row whose computed figures
differ from the printed ones the computed row and the difference (in thousands of euros,
or in percentage points for a percentage). A row that follows from a printed figure that
does not reproduce is marked ``*``; an active what-if is named above the tables.

Machines get the documented columns of :data:`vngkb.finance.ROW_COLUMNS` instead (csv,
tsv, json); this module only arranges the same rows.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from vngkb.finance.audit import Row
from vngkb.finance.model import QUANTITIES, model
from vngkb.i18n import N_, _, current_lang, format_number

#: The titles of the letter's tables (lines 61, 142 and 195).
TITLES: dict[int, str] = {
    1: N_("Tabel 1. Accressen algemene uitkering (in duizenden euro’s)"),
    2: N_("Tabel 2. Indexen prijspeil CEP 2019 en MEV 2020"),
    3: N_("Tabel 3. Ontwikkeling declaraties BCF en vrijval aan Gemeentefonds (in duizenden "
          "euro’s)"),
}


def title(table: int) -> str:
    """The title of Tabel *table* as the letter prints it (or in English)."""
    return _(TITLES[table])


def figure(quantity: str, value: Decimal, *, signed: bool = False) -> str:
    """A figure as the letter prints it: euros in thousands (``1.286.315``), percentages
    with two decimals and ``%`` (``7,30%``); *signed* for a difference (``+0,10``, in
    percentage points for a percentage, without ``%``).

    >>> figure("nominaal-accres", Decimal("1286315000")), figure("accrespercentage", Decimal("7.3"))
    ('1.286.315', '7,30%')
    >>> figure("inflatiecorrectie", Decimal("0.10"), signed=True)
    '+0,10'
    """
    spec = QUANTITIES[quantity]
    lang = "en" if current_lang() == "en" else "nl"
    if spec.unit == "%":
        text = format_number(value.quantize(Decimal(1).scaleb(-max(spec.decimals, 0))), lang)
        text = text if signed else text + "%"
    else:
        text = format_number((value / 1000).normalize() + 0, lang)
    return ("+" + text) if signed and value > 0 else text


@dataclass(frozen=True)
class Block:
    """One series of a table: its name, years, and rows of cells (label first)."""

    series: str
    years: list[int]
    rows: list[list[str]]
    #: Per row: None for a row always shown, or for a computed or difference row the
    #: years (column numbers, 1...) in which the figures differ: a run of years without
    #: any leaves it out.
    differs: list[set[int] | None]


def blocks(table: int, rows: Sequence[Row], marks: Sequence[tuple[str, ...]]) -> list[Block]:
    """The rows of :func:`vngkb.finance.rows` of Tabel *table* arranged per series,
    quantity by quantity, with a computed and a difference row under a quantity whose
    figures differ. Tabel 1's inflation correction is printed in Tabel 2 (each year
    from the forecast the circulaire used), and says so."""
    m = model()
    grouped: dict[str, dict[str, dict[int, tuple[Row, bool]]]] = {}
    for row, mark in zip(rows, marks, strict=True):
        grouped.setdefault(row.circulaire, {}).setdefault(row.quantity, {})[row.year] = (
            row, bool(mark))
    out: list[Block] = []
    for series, quantities in grouped.items():
        years = sorted({year for cells in quantities.values() for year in cells})
        lines: list[list[str]] = []
        differs: list[set[int] | None] = []
        for quantity, cells in quantities.items():
            label = m.data.label(quantity)
            label = label[:1].upper() + label[1:]
            printed = any(r.published is not None for r, _ in cells.values())
            if not printed:
                lines.append([_("{label} †").format(label=label),
                              *(figure(quantity, cells[y][0].computed) if y in cells else ""
                                for y in years)])
                differs.append(None)
                continue
            if table == 1 and quantity == "inflatiecorrectie":
                label = _("{label} (Tabel 2)").format(label=label)
            lines.append([label, *(_printed(quantity, cells.get(y)) for y in years)])
            differs.append(None)
            columns = {n for n, y in enumerate(years, 1)
                       if y in cells and cells[y][0].difference not in (None, 0)}
            if columns:
                difference = (_("  verschil (procentpunt)") if QUANTITIES[quantity].unit == "%"
                              else _("  verschil"))
                lines.append([_("  berekend"), *(figure(quantity, cells[y][0].computed)
                                                if y in cells else "" for y in years)])
                lines.append([difference, *(_difference(quantity, cells.get(y)) for y in years)])
                differs += [columns, columns]
        out.append(Block(m.data.label(series), years, lines, differs))
    return out


def _printed(quantity: str, cell: tuple[Row, bool] | None) -> str:
    if cell is None or cell[0].published is None:
        return ""
    return figure(quantity, cell[0].published) + ("*" if cell[1] else "")


def _difference(quantity: str, cell: tuple[Row, bool] | None) -> str:
    if cell is None or cell[0].difference is None:
        return ""
    return figure(quantity, cell[0].difference, signed=True)


def _text_block(block: Block, width: int) -> list[str]:
    """The block as aligned text no wider than *width*: when all years do not fit beside
    the labels, the years are split over several blocks, each with the labels."""
    head = [block.series, *(str(y) for y in block.years)]
    body = [head, *block.rows]
    widths = [max(len(r[i]) for r in body) for i in range(len(head))]
    chunks = _chunks(widths, width, len(head))
    if len(chunks) > 1:  # as many blocks, the years spread evenly over them (3 + 3)
        chunks = _chunks(widths, width, -(-(len(head) - 1) // len(chunks)) + 1)
    lines: list[str] = []
    for number, columns in enumerate(chunks):
        lines += [""] if number else []
        for r, differ in zip(body, [None, *block.differs], strict=True):
            if differ is not None and not differ & set(columns):
                continue
            # Figures are right-aligned under their year; a mark hangs right of it.
            cells = [r[0].ljust(widths[0])]
            cells += [(r[c] if r[c].endswith("*") else r[c] + " ").rjust(widths[c] + 1)
                      for c in columns]
            lines.append("  ".join(cells).rstrip())
    return lines


def _chunks(widths: list[int], width: int, most: int) -> list[list[int]]:
    """The year columns (1...) in runs that fit *width* beside the labels, at most
    *most* - 1 years a run."""
    chunks: list[list[int]] = [[]]
    used = widths[0]
    for column in range(1, len(widths)):
        # Each year takes its width, a space for a mark, and two spaces before it.
        need = widths[column] + 3
        if chunks[-1] and (used + need > width or len(chunks[-1]) == most - 1):
            chunks.append([])
            used = widths[0]
        chunks[-1].append(column)
        used += need
    return chunks


def _markdown_block(block: Block) -> list[str]:
    head = [block.series, *(str(y) for y in block.years)]
    return ["| " + " | ".join(head) + " |",
            "|" + "---|" + "---:|" * len(block.years),
            *("| " + " | ".join(c.replace("*", "\\*") or " " for c in r) + " |"
              for r in block.rows)]


def render(table: int, rows: Sequence[Row], marks: Sequence[tuple[str, ...]], *,
           overrides: Mapping[str, str], not_reproduced: int, markdown: bool = False,
           width: int = 80) -> str:
    """Tabel *table* for people: the title, the active what-if (*overrides*), one block per
    series, the legend of the marks and the count of printed figures that do not
    reproduce (*not_reproduced*, from :func:`vngkb.finance.not_reproduced_count`); as
    text no wider than *width*, or as Markdown."""
    out = (["## " + title(table)] if markdown
           else textwrap.wrap(title(table), width, break_on_hyphens=False))
    if overrides:
        settings = ", ".join(f"{name} = {_setting(value)}"
                             for name, value in sorted(overrides.items()))
        out += ["", ("**" + _("Wat-als actief: "
                              "{settings}; de "
                              "berekende cijfers "
                              "volgen daaruit.").format(settings=settings) + "**") if markdown
                else ">> " + _("Wat-als actief: {settings}; de "
                               "berekende cijfers volgen daaruit.").format(settings=settings)]
    found = blocks(table, rows, marks)
    for block in found:
        out += ["", *(_markdown_block(block) if markdown else _text_block(block, width))]
    out += [""]
    for line in [*legend(found, marks), count_line(not_reproduced)]:
        out += [line] if markdown else textwrap.wrap(line, width, break_on_hyphens=False)
    return "\n".join(out)


def legend(found: Sequence[Block], marks: Sequence[tuple[str, ...]]) -> list[str]:
    """What the marks of the *found* blocks mean: ``*`` (naming the printed figures that
    do not reproduce) and ``†`` (a row computed only), each where it is used."""
    names = sorted({name for mark in marks for name in mark})
    lines = [_("* volgt uit een gedrukt cijfer "
               "dat niet reproduceert: {names}.").format(names=", ".join(names))] if names else []
    if any(r[0].endswith("†") for block in found for r in block.rows):
        lines.append(_("† berekend; de brief drukt deze rij hier niet."))
    return lines


def count_line(not_reproduced: int) -> str:
    """The count of printed figures that do not reproduce, in words (the number is
    :func:`vngkb.finance.not_reproduced_count`)."""
    return _("Niet gereproduceerd: {n} gedrukte cijfers van de brief "
             "(zie vngkb audit).").format(n=not_reproduced)


def _setting(value: str) -> str:
    """A what-if value as given, in the notation of the language when it is a number."""
    try:
        number = Decimal(value)
    except ArithmeticError:
        return value
    if not number.is_finite():
        return value
    return format_number(number, "en" if current_lang() == "en" else "nl")
