"""Render a result table (column names and rows of plain Python values) as an
aligned text table, CSV, TSV, JSON records or Markdown; and a query's result table
(RDF terms) in those formats or as SPARQL 1.1 JSON results.

>>> print(render(["jaar", "bedrag"], [[2020, 5000000]], "markdown"))
| jaar | bedrag |
| ---: | ---: |
| 2020 | 5000000 |
>>> short_iri("https://w3id.org/vngkb/id/maatregel/jeugd")
'maatregel/jeugd'
>>> short_iri("https://identifier.overheid.nl/tooi/id/ministerie/mnre1025")
'tooi:mnre1025'
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vngkb.namespaces import ID, PREFIXES, TOOI_MINISTERIE, WETTEN

if TYPE_CHECKING:
    from vngkb.store import ResultTable

FORMATS = ("table", "csv", "tsv", "json", "markdown")
#: Formats of a query's answer: :data:`FORMATS` and the W3C SPARQL 1.1 JSON results.
RESULT_FORMATS = (*FORMATS, "sparql-json")
#: Formats for people, in which IRIs are shortened unless asked otherwise.
HUMAN_FORMATS = ("table", "markdown")

#: Namespaces shortened in the human formats: our own things to ``kind/slug``, the
#: rest to ``prefix:local``. Longest namespace first.
_SHORT_NAMESPACES: list[tuple[str, str]] = sorted(
    [(ID, ""), (TOOI_MINISTERIE, "tooi:"), (WETTEN, "bwb:")]
    + [(iri, f"{prefix}:") for prefix, iri in PREFIXES.items() if iri != ID],
    key=lambda pair: -len(pair[0]))

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


def short_iri(iri: str) -> str:
    """A CURIE-like short form of *iri* (``maatregel/jeugd``, ``tooi:mnre1025``,
    ``def:Maatregel``), or *iri* itself outside the known namespaces."""
    for namespace, prefix in _SHORT_NAMESPACES:
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and all(c not in local for c in "?#&="):
            return prefix + local
    return iri


def sparql_json(table: ResultTable) -> str:
    """The answer in the W3C SPARQL 1.1 Query Results JSON Format: ``head.vars`` and
    ``results.bindings`` (unbound variables left out), each term with its ``type``,
    ``value``, and ``datatype`` or ``xml:lang``; an ASK answer as ``boolean``."""
    if table.boolean is not None:
        return json.dumps({"head": {}, "boolean": table.boolean}, indent=2)
    bindings = []
    for row in table.rows:
        binding: dict[str, dict[str, str]] = {}
        for column, term in zip(table.columns, row, strict=True):
            if term is None:
                continue
            kind = {"iri": "uri", "literal": "literal", "bnode": "bnode"}[term.kind]
            item = {"type": kind, "value": term.value}
            if term.lang:
                item["xml:lang"] = term.lang
            elif term.datatype:
                item["datatype"] = term.datatype
            binding[column] = item
        bindings.append(binding)
    return json.dumps({"head": {"vars": list(table.columns)}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=2)


def render_result(table: ResultTable, fmt: str, *, iris: bool = False) -> str:
    """Render a query's answer in one of :data:`RESULT_FORMATS`. In the table and
    Markdown formats IRIs are shortened (see :func:`short_iri`) unless *iris*."""
    if table.triples is not None:
        return table.triples.rstrip("\n")  # a graph: N-Triples, whatever the format
    if fmt == "sparql-json":
        return sparql_json(table)
    if table.boolean is not None:
        return to_json(table.boolean) if fmt == "json" else ("true" if table.boolean else "false")
    if fmt in HUMAN_FORMATS and not iris:
        rows: list[list[Any]] = [
            [None if t is None else short_iri(t.value) if t.kind == "iri" else t.to_python()
             for t in row] for row in table.rows]
    else:
        rows = table.values()
    return render(table.columns, rows, fmt)


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
