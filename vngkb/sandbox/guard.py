"""What a user's SPARQL query may be, checked before any engine sees it.

One pass of SPARQL's lexical grammar (:mod:`vngkb.sandbox.lexer`, after the ``\\u`` and
``\\U`` escapes are resolved, as a parser does first) gives everything the checks need,
in microseconds:

1. :func:`check_limits`: a query too long, nesting brackets too deep or with too many
   ``UNION`` branches is refused (deep nesting crashes the engine: a segmentation
   fault in Oxigraph).
2. :func:`analyse_query`: the query form (the first keyword after the prologue); an
   update is refused, and so is a ``SERVICE`` keyword token unless the caller allows
   it (then only towards a full ``<http(s)://...>`` IRI as written). A text the lexical
   grammar cannot read (a character no token starts with, a word that is no keyword,
   a string without its end) is refused: the check fails closed. So are brackets that
   do not pair and a ``;`` outside every bracket (an update's separator). Whatever else
   is wrong with a query is the engine's to say: Oxigraph parses every query again
   before it runs it, accepting no update.

``tests/sparql_oracle.py`` keeps rdflib's SPARQL 1.1 grammar as the oracle: the tests
give both the hostile cases, every canned question and thousands of random and mutated
texts, and require the same verdict (see ``tests/test_guard.py``).

Messages come from :mod:`vngkb.i18n` (keys ``guard_*``). Every check takes *lang*:
English by default, because the SPARQL endpoint's plain-text protocol errors (HTTP 4xx
bodies) are for machines and stay English; the CLI passes ``lang=None``, the user's
language.

This is the first layer only. The processes that evaluate queries also have no network
(:mod:`vngkb.sandbox.netlock`), so a difference between this check and the engine's
parser cannot open the way to another host.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from vngkb.core.errors import QueryError, QueryLimitError, QueryRefusedError, QuerySyntaxError
from vngkb.i18n import t_in
from vngkb.sandbox import lexer

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

#: Longest query text accepted (characters).
MAX_QUERY_LENGTH = 100_000
#: Deepest nesting of ``{``, ``[`` and ``(`` together.
MAX_NESTING = 64
#: Most ``UNION`` keywords in one query.
MAX_UNIONS = 500

#: The language of the checks' messages unless the caller asks for another: English,
#: for the endpoint's protocol errors.
PROTOCOL_LANG = "en"


def protocol_message(key: str) -> str:
    """The check's message *key* (``service``, ``update``: the key of
    :data:`vngkb.i18n.MESSAGES` without ``guard_``) as the endpoint sends it."""
    return t_in(PROTOCOL_LANG, f"guard_{key}")


@dataclass(frozen=True)
class QueryShape:
    """What the lexical pass saw: nesting depth, ``UNION`` count, the query form (or
    that the text is an update) and whether a ``SERVICE`` keyword occurs."""

    depth: int
    unions: int
    form: QueryForm | None
    update: bool
    service: bool = False


@dataclass(frozen=True)
class QueryInfo:
    """The verdict on a query that may run: its form, and whether it uses ``SERVICE``."""

    form: QueryForm
    service: bool


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class _BadEscape(Exception):
    """A ``\\U`` escape of no code point (raised in the lexical pass, worded by the
    caller in its language)."""


def _character(match: re.Match[str]) -> str:
    code = int(match.group(1) or match.group(2), 16)
    if code > 0x10FFFF:
        raise _BadEscape(match.group())
    return chr(code)


def expand_escapes(text: str, lang: str | None = PROTOCOL_LANG) -> str:
    """*text* with SPARQL's ``\\u`` and ``\\U`` escapes resolved, as a parser sees it.

    >>> expand_escapes("\\u0053ERVICE")
    'SERVICE'
    """
    try:
        return _ESCAPE.sub(_character, text) if "\\" in text else text
    except _BadEscape as error:
        raise _escape_error(error, lang) from None


def _escape_error(error: _BadEscape, lang: str | None) -> QuerySyntaxError:
    return QuerySyntaxError(t_in(lang, "guard_syntax", detail=t_in(
        lang, "guard_code_point", escape=str(error))))


@functools.lru_cache(maxsize=1024)
def _reading(text: str) -> tuple[str, lexer.Reading]:
    """*text* with its escapes resolved, and the lexical pass over it (remembered: the
    endpoint checks the limits and then the query, and clients send texts again)."""
    expanded = _ESCAPE.sub(_character, text) if "\\" in text else text
    return expanded, lexer.read(expanded)


def _read(text: str, lang: str | None) -> tuple[str, lexer.Reading]:
    try:
        return _reading(text)
    except _BadEscape as error:
        raise _escape_error(error, lang) from None


def _is_update(reading: lexer.Reading) -> bool:
    """An update: its first keyword starts an update operation, or the text is a
    prologue and nothing else (an update of no operations)."""
    if reading.first is not None:
        return reading.first in lexer.UPDATE_KEYWORDS
    return not reading.beyond_prologue and reading.error is None


def _shape(reading: lexer.Reading) -> QueryShape:
    """The shape: an update when an update keyword comes first (a prologue alone is
    one too, but the full check says so: :func:`analyse_query`)."""
    form = reading.first if reading.first in lexer.QUERY_FORMS else None
    return QueryShape(reading.depth, reading.unions, form,  # type: ignore[arg-type]
                      reading.first in lexer.UPDATE_KEYWORDS, bool(reading.services))


def scan(text: str, lang: str | None = PROTOCOL_LANG) -> QueryShape:
    """Nesting depth, ``UNION`` count, query form of *text*, whether it is an update
    and whether a ``SERVICE`` keyword occurs (escapes resolved first).

    >>> scan('PREFIX s: <http://x/> # {\\rSELECT * { { ?s ?p "{" } UNION { ?s ?p ?o } }')
    QueryShape(depth=2, unions=1, form='SELECT', update=False, service=False)
    >>> scan("insert data { <a:b> <a:c> 1 }").update
    True
    >>> scan("ASK { \\u0053ERVICE <http://x/> {} }").service
    True
    """
    return _shape(_read(text, lang)[1])


def check_limits(text: str, *, max_length: int = MAX_QUERY_LENGTH,
                 max_nesting: int = MAX_NESTING, max_unions: int = MAX_UNIONS,
                 lang: str | None = PROTOCOL_LANG) -> QueryShape:
    """The shape of *text*, or :class:`QueryLimitError` naming the limit it exceeds.

    >>> check_limits("SELECT * WHERE " + "{" * 65 + "}" * 65)
    Traceback (most recent call last):
    vngkb.core.errors.QueryLimitError: the query nests brackets deeper than the limit of 64 levels
    """
    if len(text) > max_length:
        raise QueryLimitError(t_in(lang, "guard_length", limit=max_length), "length")
    if not text.strip():
        raise QueryError(t_in(lang, "guard_empty"))
    shape = scan(text, lang)
    if shape.depth > max_nesting:
        raise QueryLimitError(t_in(lang, "guard_nesting", limit=max_nesting), "nesting")
    if shape.unions > max_unions:
        raise QueryLimitError(t_in(lang, "guard_unions", limit=max_unions), "unions")
    return shape


def analyse_query(text: str, *, allow_service: bool = False,
                  lang: str | None = PROTOCOL_LANG) -> QueryInfo:
    """The form of query *text*, and whether it uses ``SERVICE``.

    Raises :class:`QueryRefusedError` for an update, or for ``SERVICE`` unless
    *allow_service* (and then for a ``SERVICE`` to anything but a full http(s) IRI);
    :class:`QuerySyntaxError` (with the line, the column and a caret display) for a
    text the lexical grammar cannot read, brackets that do not pair, a ``;`` outside
    every bracket, or no query form. Check :func:`check_limits` first.

    >>> analyse_query("PREFIX ex: <http://x/> SELECT * { ?s ex:p ?o }")
    QueryInfo(form='SELECT', service=False)
    >>> analyse_query("ASK { # x\\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    vngkb.core.errors.QueryRefusedError: SERVICE is not allowed: queries are not sent to other endpoints (federated query)
    """  # noqa: E501
    expanded, reading = _read(text, lang)
    if _is_update(reading):
        raise QueryRefusedError(t_in(lang, "guard_update"))
    if reading.services and not allow_service:
        raise QueryRefusedError(t_in(lang, "guard_service"))
    if reading.error is not None:
        offset, what = reading.error
        raise _syntax_error(expanded, offset, t_in(lang, "guard_token", what=what), lang)
    for target in reading.services:  # allowed: still only to web endpoints, never files
        if not target.startswith("<"):
            raise QueryRefusedError(t_in(lang, "guard_service_iri"))
        if not lexer.is_web_iri(target):
            raise QueryRefusedError(t_in(lang, "guard_service_scheme", iri=target[1:81]
                                         .removesuffix(">")))
    form = reading.first
    if form not in lexer.QUERY_FORMS:
        raise QuerySyntaxError(t_in(lang, "guard_syntax", detail=t_in(
            lang, "guard_not_a_query", name=(form or "")[:40])))
    if reading.structure is not None:
        offset, what = reading.structure
        key = "guard_separator" if what == "';'" else "guard_unpaired"
        raise _syntax_error(expanded, offset, t_in(lang, key, what=what), lang)
    return QueryInfo(form, bool(reading.services))  # type: ignore[arg-type]


def _syntax_error(text: str, offset: int, reason: str, lang: str | None) -> QuerySyntaxError:
    """A syntax error at *offset* of *text*: one line naming the line and column, and
    for a terminal that line of the query with a caret under the column."""
    from vngkb.i18n.errortext import caret_display

    line_no = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    head = t_in(lang, "syntax_error", line=line_no, column=column, reason=reason)
    return QuerySyntaxError(head, display=caret_display(text, line_no, column, head))


def check_shape(text: str, *, allow_service: bool = False,
                lang: str | None = PROTOCOL_LANG) -> QueryShape:
    """:func:`check_limits`, and the refusals of an update or (unless allowed) a
    ``SERVICE``: what the endpoint answers before it hands a query to a worker."""
    shape = check_limits(text, lang=lang)
    if shape.update:
        raise QueryRefusedError(t_in(lang, "guard_update"))
    if shape.service and not allow_service:
        raise QueryRefusedError(t_in(lang, "guard_service"))
    return shape


def check_query(text: str, *, allow_service: bool = False,
                lang: str | None = PROTOCOL_LANG) -> QueryInfo:
    """:func:`check_limits`, then :func:`analyse_query`: the whole check."""
    check_shape(text, allow_service=allow_service, lang=lang)
    return analyse_query(text, allow_service=allow_service, lang=lang)
