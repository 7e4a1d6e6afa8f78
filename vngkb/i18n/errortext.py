"""Error texts people can act on: a SPARQL syntax error as the query line with a caret
under the column, and the gist of a remote endpoint's error page.

>>> from vngkb.i18n import set_lang
>>> set_lang("nl")
>>> print(syntax_error_text("SELECT * WHERE {\\n  ?s ?p\\n}", "error at 3:1: expected OPTIONAL"))
SPARQL-syntaxfout op regel 3, kolom 1: verwacht OPTIONAL
  3 | }
      ^
>>> endpoint_text(b"<html><body><h1>Parse error</h1><p>Line 1, col 9</p></body></html>")
'Parse error Line 1, col 9'
>>> set_lang(None)
"""

from __future__ import annotations

import html
import re

from vngkb.i18n import t

#: Longest reason or endpoint message passed on.
MAX_REASON = 200

_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
#: Character classes in a parser's "expected" list (``['0'..='9']``, ``[_]``), which
#: say nothing to a reader.
_CHAR_CLASS = re.compile(r",?\s*\[(?:'[^']*'\.\.='[^']*'|_)(?:,\s*'[^']*'\.\.='[^']*')*\]")
_TAG = re.compile(r"<[^>]*>")
#: Lines of an error page that carry no information of their own.
_BOILERPLATE = re.compile(r"^(error|fout|http.*|\d{3}.*|bad request|internal server error|"
                          r"<!doctype.*)$", re.IGNORECASE)


def _cut(text: str, limit: int = MAX_REASON) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _reason(raw: str) -> str:
    reason = _CHAR_CLASS.sub("", " ".join(raw.split()))
    reason = re.sub(r"expected one of ,\s*", "expected one of ", reason)
    reason = reason.replace("expected one of ", t("expected_one_of") + " ")
    reason = reason.replace("expected ", t("expected") + " ")
    return _cut(reason.strip(" ,") or raw.strip())


def syntax_error_text(query: str, message: str, width: int = 80) -> str:
    """The parser's *message* about *query* as "line L, column C: reason", then the line
    (cut around the column to *width*) and a caret under the column."""
    return syntax_error_parts(query, message, width)[1]


def syntax_error_parts(query: str, message: str, width: int = 80) -> tuple[str, str]:
    """Oxigraph's *message* about *query*: the one-line "line L, column C: reason", and
    that line followed by the query line and a caret (see :func:`syntax_error_text`)."""
    found = _POSITION.search(message)
    if found is None:
        plain = t("syntax_error_plain", reason=_cut(" ".join(message.split())))
        return plain, plain
    line_no, column = int(found.group(1)), int(found.group(2))
    lines = query.split("\n")
    if 1 < line_no <= len(lines) and not lines[line_no - 1].strip():
        # The end of the input: point after the last line that has something on it.
        line_no = max(n for n in range(1, line_no) if lines[n - 1].strip() or n == 1)
        column = len(lines[line_no - 1]) + 1
    head = t("syntax_error", line=line_no, column=column, reason=_reason(found.group(3)))
    return head, caret_display(query, line_no, column, head, width)


def caret_display(query: str, line_no: int, column: int, head: str, width: int = 80) -> str:
    """*head*, then line *line_no* of *query* (cut around *column* to *width*) and a
    caret under *column*; *head* alone when the query has no such line."""
    lines = query.split("\n")
    if not 1 <= line_no <= len(lines):
        return head
    text = lines[line_no - 1].replace("\t", " ")
    # Show a window of the line that holds the column, for lines wider than the screen.
    margin = f"{line_no:>3} | "
    room = max(width - len(margin), 20)
    start = max(0, min(column - 1 - room // 2, len(text) - room)) if len(text) > room else 0
    shown = text[start:start + room]
    caret = " " * (len(margin) + max(column - 1 - start, 0)) + "^"
    return f"{head}\n{margin}{shown.rstrip()}\n{caret}"


def endpoint_text(body: bytes | str) -> str:
    """The first line of an endpoint's error response that says something (tags and
    boilerplate such as "Error" or "HTTP 400" dropped), cut to 200 characters, every
    character that is not printable (NUL, ESC, ...) shown as its escape
    (:func:`vngkb.core.errors.printable_line`)."""
    from vngkb.core.errors import printable_line

    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = "\n".join(printable_line(line, 100_000) for line in text[:100_000].splitlines())
    text = html.unescape(_TAG.sub("\n", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    meaningful = [line for line in lines if line and not _BOILERPLATE.match(line)]
    if not meaningful:
        return _cut(" ".join(" ".join(lines).split()))
    # An HTML page splits one message over elements; join the first two short ones.
    first = meaningful[0]
    if len(meaningful) > 1 and len(first) < 40:
        first = f"{first} {meaningful[1]}"
    return _cut(first)
