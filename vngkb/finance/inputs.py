"""The what-if inputs of ``vngkb accres --set``: every name the model accepts (canonical
and the per-circulaire shorthand), its printed value, unit and accepted range.

>>> rows = input_rows()
>>> [tuple(r) for r in rows if r.invoer == "inflatiecorrectie.mev-2020.2020"]
[('inflatiecorrectie.mev-2020.2020', Decimal('2.05'), '%', '-10 tot 100')]
>>> [r.gedrukt for r in rows if r.invoer == "inflatiecorrectie.2020"]
[None]
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from vngkb.finance.model import (
    QUANTITIES,
    input_names,
    model,
    parse_name,
    published_values,
    range_of,
)

#: Column names of :func:`input_rows`.
INPUT_COLUMNS = ("invoer", "gedrukt", "eenheid", "bereik")


class InputRow(NamedTuple):
    """One input name; *gedrukt* is the figure the letter prints for it, None where it
    prints none (a computed figure such as the municipal key, or a shorthand that
    stands for every series)."""

    invoer: str
    gedrukt: Decimal | None
    eenheid: str
    bereik: str


def input_rows(kb_file: Path | None = None) -> list[InputRow]:
    """Every input name in table order, canonical names first, then the shorthands."""
    printed = published_values(kb_file)
    names = input_names(kb_file)
    years = model(kb_file).years
    rows = []
    for text in names:
        quantity = parse_name(text, years)[0].quantity
        rows.append(InputRow(text, printed.get(text), QUANTITIES[quantity].unit,
                             range_of(quantity).text()))
    return rows
