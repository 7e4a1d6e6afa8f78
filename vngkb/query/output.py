"""Render a result table (column names and rows of plain Python values) as an
aligned text table, CSV, TSV, JSON records or Markdown; and a query's result table
(RDF terms) in those formats or as SPARQL 1.1 JSON results.

In the table and Markdown formats (for people) the headings are words in the chosen
language (:func:`vngkb.i18n.column_label`) and decimals are in its notation; the table
fits the terminal's width (``COLUMNS``, else 80). CSV, TSV and JSON are for machines and
keep column names and plain numbers.

>>> from vngkb.i18n import set_lang
>>> set_lang("nl")
>>> print(render(["jaar", "waarde"], [[2020, Decimal("5000000.0")]], "markdown"))
| jaar | waarde |
| ---: | ---: |
| 2020 | 5.000.000 |
>>> set_lang(None)
>>> short_iri("https://w3id.org/vngkb/id/maatregel/jeugd")
'maatregel/jeugd'
>>> short_iri("https://identifier.overheid.nl/tooi/id/ministerie/mnre1025")
'tooi:mnre1025'
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vngkb.i18n import column_label, format_number, t
from vngkb.rdf.namespaces import ID, PREFIXES, TOOI_MINISTERIE, WETTEN

if TYPE_CHECKING:
    from vngkb.query.store import ResultTable

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

#: Width at which the table format wraps long text cells (narrower when the terminal is).
TABLE_CELL_WIDTH = 60
#: Terminal width when it cannot be found out (and ``COLUMNS`` is not set).
DEFAULT_WIDTH = 80
#: Narrowest width a table is drawn for.
MIN_WIDTH = 20
#: Lines of one cell in the table format; longer text is cut with an ellipsis.
MAX_CELL_LINES = 6
#: Narrowest a text column gets when the table must fit a narrow terminal; when even
#: that does not fit, each row is shown as a block of "heading  value" lines.
MIN_COLUMN_WIDTH = 10
_GAP = "  "
#: A word as a table breaks text: up to a space, or up to and with a ``/`` or ``-``.
_WORD = re.compile(r"[^\s/-]+[/-]?|[/-]")
#: Bold and underlined heading on a terminal.
_EMPHASIS = ("\x1b[1;4m", "\x1b[0m")


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


def terminal_width() -> int:
    """Columns of the terminal: ``COLUMNS`` if set, else the terminal's, else 80."""
    import shutil  # here: it pulls in the compression modules, which the CLI's start skips

    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def _emphasis_wanted() -> bool:
    # Escape codes only for a terminal, and never when NO_COLOR is set (no-color.org).
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def render(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, *,
           width: int | None = None, emphasis: bool | None = None,
           labels: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """Render rows in one of :data:`FORMATS`. The table fits *width* (default: the
    terminal's); *emphasis* (default: on a terminal) makes the headings bold and
    underlined instead of ruling them off; *labels* are headings a question declares."""
    if fmt == "json":
        return to_json([dict(zip(columns, row, strict=True)) for row in rows])
    if fmt in ("csv", "tsv"):
        import csv  # each format imports what it needs: the command's start stays short

        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell_text(v) for v in row])
        return buffer.getvalue().rstrip("\n")
    headings = [column_label(c, labels) for c in columns]
    if fmt == "markdown":
        return _markdown(headings, rows)
    if fmt == "table":
        # Narrower than 20 columns nothing is readable; draw for 20 then.
        return _table(headings, rows, max(terminal_width() if width is None else width,
                                          MIN_WIDTH),
                      _emphasis_wanted() if emphasis is None else emphasis)
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


def render_result(table: ResultTable, fmt: str, *, iris: bool = False,
                  width: int | None = None,
                  labels: Mapping[str, Mapping[str, str]] | None = None) -> str:
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
    return render(table.columns, rows, fmt, width=width, labels=labels)


def _human_text(value: Any) -> str:
    """A cell for people: numbers (not years or line numbers, which are integers) in
    the language's notation."""
    if isinstance(value, (Decimal, float)) and not isinstance(value, bool):
        return format_number(value)
    return cell_text(value)


def _markdown(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    numeric = [bool(rows) and all(_is_number(r[i]) or r[i] is None for r in rows)
               for i in range(len(columns))]
    lines = ["| " + " | ".join(columns) + " |",
             "| " + " | ".join("---:" if n else "---" for n in numeric) + " |"]
    for row in rows:
        cells = [_human_text(v).replace("|", "\\|").replace("\n", " ") for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _column_widths(natural: list[int], content: list[int], header_word: list[int],
                   numeric: list[bool], width: int,
                   word: list[int] | None = None) -> list[int]:
    """Shrink columns until the table fits *width*: first headings wider than their
    column's values (a heading wraps at its spaces), then the widest text column, one
    character at a time (so text columns end up about equally wide), never below its
    longest word: text breaks between words. Where that is not enough the widths stay
    wider than *width* (the caller then shows one block per row)."""
    widths = list(natural)
    room = width - len(_GAP) * (len(widths) - 1)
    while sum(widths) > room:
        shrinkable = (
            [i for i, w in enumerate(widths) if w > max(content[i], header_word[i], 1)]
            or [i for i, w in enumerate(widths)
                if not numeric[i] and w > max(MIN_COLUMN_WIDTH, (word or content)[i])]
            or [i for i, w in enumerate(widths)
                if not numeric[i] and w > (word or content)[i]])
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _wrap_words(text: str, width: int) -> list[str]:
    """*text* in lines of at most *width*, broken between words (after a space, ``/`` or
    ``-``); a word is cut only where it alone is wider than *width*.

    >>> _wrap_words("Stimulering van de sport", 11)
    ['Stimulering', 'van de', 'sport']
    >>> _wrap_words("zie maatregel/multiprobleemhuishoudens nu", 12)
    ['zie', 'maatregel/', 'multiproblee', 'mhuishoudens', 'nu']
    """
    lines = [""]
    space = False
    for piece in re.findall(r"\s+|[^\s/-]*[/-]|[^\s/-]+", text):
        if piece.isspace():
            space = bool(lines[-1])
            continue
        gap = " " if space else ""
        space = False
        if lines[-1] and len(lines[-1]) + len(gap) + len(piece) > width:
            lines.append("")
            gap = ""
        lines[-1] += gap
        while len(lines[-1]) + len(piece) > width:  # one word wider than the column
            cut = width - len(lines[-1])
            lines[-1:] = [lines[-1] + piece[:cut], ""]
            piece = piece[cut:]
        lines[-1] += piece
    return [line for line in lines if line] or [""]


def _cell_lines(text: str, width: int) -> list[str]:
    """*text* wrapped to *width*, at most :data:`MAX_CELL_LINES` lines, cut with "…"."""
    lines = _wrap_words(text.replace("\n", " "), max(width, 1))
    if len(lines) > MAX_CELL_LINES:
        lines = lines[:MAX_CELL_LINES]
        lines[-1] = lines[-1][:width - 1].rstrip() + "…"
    return lines


def _table(headings: Sequence[str], rows: Sequence[Sequence[Any]], width: int,
           emphasis: bool) -> str:
    texts = [[_human_text(v) for v in row] for row in rows]
    numeric = [bool(rows) and all(_is_number(r[i]) or r[i] is None for r in rows)
               for i in range(len(headings))]
    content = [max([0] + [min(len(row[i].replace("\n", " ")), TABLE_CELL_WIDTH)
                          for row in texts]) for i in range(len(headings))]
    natural = [max(min(len(h), TABLE_CELL_WIDTH), c) for h, c in zip(headings, content,
                                                                     strict=True)]
    header_word = [max(len(word) for word in h.split() or [""]) for h in headings]
    word = [max([0] + [len(part) for row in texts for part in _WORD.findall(row[i])])
            for i in range(len(headings))]
    # A word wider than a cell may hold, or than the whole width, is the one thing cut.
    room = max(1, max(width, 1) - len(_GAP) * (len(headings) - 1))
    widths = _column_widths(natural, content, header_word, numeric, max(width, 1),
                            [min(w, TABLE_CELL_WIDTH, room) for w in word])
    # A heading may wrap at its spaces; values and heading words may not be cut below
    # a readable width.
    if sum(widths) + len(_GAP) * (len(widths) - 1) > max(width, 1) or any(
            not numeric[i] and w < min(MIN_COLUMN_WIDTH, max(content[i], header_word[i]))
            for i, w in enumerate(widths)):
        # Too many columns for the width: one block per row reads better than slivers.
        return _records(headings, texts, max(width, 1), emphasis)

    def fmt_line(cells: Sequence[str]) -> str:
        parts = [c.rjust(w) if n else c.ljust(w)
                 for c, w, n in zip(cells, widths, numeric, strict=True)]
        return _GAP.join(parts).rstrip()

    def block(cells: Sequence[str]) -> list[str]:
        wrapped = [_cell_lines(c, w) for c, w in zip(cells, widths, strict=True)]
        height = max(len(lines) for lines in wrapped)
        return [fmt_line([lines[k] if k < len(lines) else "" for lines in wrapped])
                for k in range(height)]

    out = block(headings)
    if emphasis:
        start, end = _EMPHASIS
        out = [start + line + end for line in out]
    else:
        out.append(fmt_line(["-" * w for w in widths]))
    for row in texts:
        out.extend(block(row))
    out.append(t("row" if len(rows) == 1 else "rows", n=len(rows)))
    return "\n".join(out)


def _records(headings: Sequence[str], texts: Sequence[Sequence[str]], width: int,
             emphasis: bool) -> str:
    """Each row as a block of "heading  value" lines under ``-- rij N --``, for tables
    with more columns than the width holds (as ``psql``'s expanded display)."""
    label_width = max(1, min(max(len(h) for h in headings), width // 3))
    value_width = max(1, width - label_width - len(_GAP))
    out: list[str] = []
    for number, row in enumerate(texts, start=1):
        title = t("record", n=number)
        out.append(_EMPHASIS[0] + title + _EMPHASIS[1] if emphasis else title[:width])
        for heading, value in zip(headings, row, strict=True):
            labels = _wrap_words(heading, label_width)
            values = _cell_lines(value, value_width)
            for k in range(max(len(labels), len(values))):
                label = labels[k] if k < len(labels) else ""
                text = values[k] if k < len(values) else ""
                out.append((label.ljust(label_width) + _GAP + text).rstrip())
    out.append(t("row" if len(texts) == 1 else "rows", n=len(texts)))
    return "\n".join(out)
