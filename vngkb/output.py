"""Render a result table (column names and rows of plain Python values) as an
aligned text table, CSV, TSV, JSON records or Markdown.

>>> print(render(["jaar", "bedrag"], [[2020, 5000000]], "markdown"))
| jaar | bedrag |
| ---: | ---: |
| 2020 | 5000000 |
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

FORMATS = ("table", "csv", "tsv", "json", "markdown")

#: Width at which the table format wraps long text cells.
TABLE_CELL_WIDTH = 60


def cell_text(value: Any) -> str:
    """The text of one cell: empty for missing values, plain notation for decimals."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (list, tuple)):
        return "; ".join(cell_text(v) for v in value)
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Whole euros stay integers; other decimals become JSON numbers.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def to_json(data: Any) -> str:
    """JSON text of nested lists/dicts holding Decimals, with non-ASCII kept readable."""
    return json.dumps(_json_value(data), ensure_ascii=False, indent=2)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def render(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """Render rows in one of :data:`FORMATS`."""
    if fmt == "json":
        return to_json([dict(zip(columns, row, strict=True)) for row in rows])
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell_text(v) for v in row])
        return buffer.getvalue().rstrip("\n")
    if fmt == "markdown":
        return _markdown(columns, rows)
    if fmt == "table":
        return _table(columns, rows)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _markdown(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    numeric = [bool(rows) and all(_is_number(r[i]) or r[i] is None for r in rows)
               for i in range(len(columns))]
    lines = ["| " + " | ".join(columns) + " |",
             "| " + " | ".join("---:" if n else "---" for n in numeric) + " |"]
    for row in rows:
        cells = [cell_text(v).replace("|", "\\|").replace("\n", " ") for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    wrapped: list[list[list[str]]] = []
    for row in rows:
        wrapped.append([textwrap.wrap(cell_text(v).replace("\n", " "), TABLE_CELL_WIDTH) or [""]
                        for v in row])
    widths = [len(c) for c in columns]
    for row_cells in wrapped:
        for i, lines in enumerate(row_cells):
            widths[i] = max(widths[i], *(len(line) for line in lines))
    numeric = [bool(rows) and all(_is_number(r[i]) or r[i] is None for r in rows)
               for i in range(len(columns))]

    def fmt_line(cells: Sequence[str]) -> str:
        parts = [c.rjust(w) if n else c.ljust(w)
                 for c, w, n in zip(cells, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [fmt_line(columns), "  ".join("-" * w for w in widths)]
    for row_cells in wrapped:
        height = max(len(lines) for lines in row_cells)
        for k in range(height):
            out.append(fmt_line([lines[k] if k < len(lines) else "" for lines in row_cells]))
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
