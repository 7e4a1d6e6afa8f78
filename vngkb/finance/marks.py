"""Which rows of the accres tables follow from a printed figure that does not reproduce.

The audit names the printed figures the letter got wrong (e.g. the inflation correction
of 2024, printed as 1,85 where its own indices give 1,95). Every figure the letter
computed from such a figure carries the error along; :func:`marks` says, per row of
:func:`~vngkb.finance.rows`, which failing figures it depends on (itself included), so
that ``vngkb accres`` can mark those rows.

>>> from vngkb.finance import rows
>>> table = rows()
>>> marked = [(r.circulaire, r.quantity, r.year) for r, m in zip(table, marks(table)) if m]
>>> ("septembercirculaire-2019", "reeel-accrespercentage", 2024) in marked
True
>>> ("septembercirculaire-2019", "reeel-accrespercentage", 2023) in marked
False
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vngkb.finance.audit import Row, not_reproduced
from vngkb.finance.model import QUANTITIES, Engine, Overrides, model, name, run


def _closure(engine: Engine, key: str, seen: dict[str, frozenset[str]]) -> frozenset[str]:
    """*key* and every figure it is computed from, directly or not."""
    if key not in seen:
        seen[key] = frozenset({key})  # guards against a cycle while this one is built
        found = {key}
        for dep in engine.deps.get(key, ()):
            found |= _closure(engine, dep, seen)
        seen[key] = frozenset(found)
    return seen[key]


def row_name(row: Row) -> str:
    """The figure name of a table row (``reeel-accres.septembercirculaire-2019.2024``)."""
    spec = QUANTITIES[row.quantity]
    return name(row.quantity, row.circulaire if row.circulaire in spec.series else None,
                row.year)


def marks(table: Sequence[Row], overrides: Overrides | None = None, *,
          kb_file: Path | None = None) -> list[tuple[str, ...]]:
    """For each row of *table*: the names of the printed figures that do not reproduce
    (audit failures of a relation the letter states) and that the row follows from,
    computed with the same what-if *overrides*; empty for a clean row."""
    m = model(kb_file)
    engine = run(m, m.normalise(overrides))
    failing = {check.check for check in not_reproduced(kb_file=kb_file)}
    seen: dict[str, frozenset[str]] = {}
    out: list[tuple[str, ...]] = []
    for row in table:
        key = row_name(row)
        engine.get(key)
        out.append(tuple(sorted(failing & _closure(engine, key, seen))))
    return out
