"""What a user's SPARQL query may be, checked before any engine sees it.

Two checks, in the order they run:

1. :func:`check_limits`, a cheap scanner that follows SPARQL's lexical rules (comments
   end at a line feed *or* a carriage return; four string quotings with escapes; IRIs)
   and refuses a query that is too long, nests brackets too deep or has too many
   ``UNION`` branches. It runs in linear time on any input, so it can guard the parser:
   deep nesting crashes both the engine (a segmentation fault in Oxigraph) and a
   recursive parser.
2. :func:`analyse_query`, a real SPARQL 1.1 parse (rdflib's grammar), which tells the
   query form and finds every ``SERVICE`` pattern in the parse tree, however it is
   written (escapes, comments, case, nesting). An update, or a ``SERVICE`` the caller
   did not allow, is refused. A query this grammar does not accept is refused too,
   whatever another engine would make of it: the parse fails closed. Its approvals are
   remembered by the text's structure (:func:`query_structure`: the text less its
   string contents, absolute IRIs, integers, comments and spacing), so that a text
   like one approved before, a look-up of another subject or a canned question with
   other values, costs no parse; a text with the letters of ``SERVICE`` anywhere, or
   with a backslash, is always parsed itself.

Messages come from :mod:`vngkb.i18n` (keys ``guard_*``). Every check takes *lang*:
English by default, because the SPARQL endpoint's plain-text protocol errors (HTTP 4xx
bodies) are for machines and stay English; the CLI passes ``lang=None``, the user's
language.

This is the first layer only. The processes that evaluate queries also have no network
(:mod:`vngkb.sandbox.netlock`), so a difference between this parser and the engine's cannot
open the way to another host.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from vngkb.core.errors import QueryError, QueryLimitError, QueryRefusedError, QuerySyntaxError
from vngkb.i18n import MESSAGES as _TEXTS
from vngkb.i18n import t_in

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

#: Longest query text accepted (characters).
MAX_QUERY_LENGTH = 100_000
#: Deepest nesting of ``{``, ``[`` and ``(`` together.
MAX_NESTING = 64
#: Most ``UNION`` keywords in one query.
MAX_UNIONS = 500

#: The messages in English, as the endpoint sends them (key without ``guard_``); the
#: texts in both languages are in :data:`vngkb.i18n.MESSAGES`.
MESSAGES = {key.removeprefix("guard_"): pair[1] for key, pair in _TEXTS.items()
            if key.startswith("guard_")}
#: The language of the checks' messages unless the caller asks for another: English,
#: for the endpoint's protocol errors.
PROTOCOL_LANG = "en"

_UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY",
                              "MOVE", "ADD", "WITH"})
_QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
_PROLOGUE = frozenset({"BASE", "PREFIX"})
_OPEN = {"{": "}", "[": "]", "(": ")"}
_CLOSE = frozenset(_OPEN.values())
# An IRI reference as SPARQL defines it (IRIREF); anything else after '<' is an operator.
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z_][\w\-.]*(?::[^\s{}()\[\],;\"'<>#]*)?|:[^\s{}()\[\],;\"'<>#]*")
_VARIABLE = re.compile(r"[?$]\w*")


@dataclass(frozen=True)
class QueryShape:
    """What the cheap scanner saw: nesting depth, ``UNION`` count and the first keyword
    (the query form, or an update keyword), before any parse."""

    depth: int
    unions: int
    form: QueryForm | None
    update: bool
    #: A ``SERVICE`` keyword token: a quick refusal before the parse, which remains the
    #: check that counts (it also finds what this scan cannot).
    service: bool = False


def _string_end(text: str, i: int) -> int:
    """Index after the string literal starting at *i* (any of SPARQL's four quotings);
    an unterminated string runs to the end."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        j = i + 3
        while j < len(text):
            if text[j] == "\\":
                j += 2
            elif text.startswith(quote * 3, j):
                return j + 3
            else:
                j += 1
        return len(text)
    j = i + 1
    while j < len(text):
        char = text[j]
        if char == "\\":
            j += 2
        elif char == quote or char in "\r\n":
            return j + 1
        else:
            j += 1
    return len(text)


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of the tokens that matter to the limits: brackets and words."""
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char == "#":  # a comment ends at either end-of-line character
            while i < end and text[i] not in "\r\n":
                i += 1
        elif char in "\"'":
            i = _string_end(text, i)
        elif char == "<":
            iri = _IRIREF.match(text, i)
            i = iri.end() if iri else i + 1
        elif char in "?$":
            variable = _VARIABLE.match(text, i)
            i = variable.end() if variable else i + 1
        elif char in _OPEN or char in _CLOSE:
            yield "bracket", char
            i += 1
        elif char.isalpha() or char in "_:":
            word = _WORD.match(text, i)
            if word is None:
                i += 1
                continue
            yield "word", word.group()
            i = word.end()
        else:
            i += 1


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def expand_escapes(text: str, lang: str | None = PROTOCOL_LANG) -> str:
    """*text* with SPARQL's ``\\u`` and ``\\U`` escapes resolved, as a parser sees it.

    >>> expand_escapes("\\u0053ERVICE")
    'SERVICE'
    """
    def character(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF:
            raise QuerySyntaxError(t_in(lang, "guard_syntax", detail=t_in(
                lang, "guard_code_point", escape=match.group())))
        return chr(code)

    return _ESCAPE.sub(character, text) if "\\" in text else text


def scan(text: str, lang: str | None = PROTOCOL_LANG) -> QueryShape:
    """Nesting depth, ``UNION`` count, first keyword of *text* and whether a
    ``SERVICE`` keyword occurs (linear time; escapes resolved first).

    >>> scan('PREFIX s: <http://x/> # {\\rSELECT * { { ?s ?p "{" } UNION { ?s ?p ?o } }')
    QueryShape(depth=2, unions=1, form='SELECT', update=False, service=False)
    >>> scan("insert data { <a:b> <a:c> 1 }").update
    True
    >>> scan("ASK { \\u0053ERVICE <http://x/> {} }").service
    True
    """
    depth = deepest = unions = 0
    form: QueryForm | None = None
    update = decided = service = False
    for kind, token in _tokens(expand_escapes(text, lang)):
        if kind == "bracket":
            if token in _OPEN:
                depth += 1
                deepest = max(deepest, depth)
            else:
                depth = max(depth - 1, 0)
            continue
        if ":" in token:
            continue
        upper = token.upper()
        if upper == "UNION":
            unions += 1
        elif upper == "SERVICE":
            service = True
        if decided or upper in _PROLOGUE:
            continue
        decided = True
        if upper in _QUERY_FORMS:
            form = upper  # type: ignore[assignment]
        elif upper in _UPDATE_KEYWORDS:
            update = True
    return QueryShape(deepest, unions, form, update, service)


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


@dataclass(frozen=True)
class QueryInfo:
    """What the parse found: the query form and whether any ``SERVICE`` occurs."""

    form: QueryForm
    service: bool


_FORM_OF_PARSE = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
                  "DescribeQuery": "DESCRIBE"}
#: The recursive-descent grammar needs deep Python recursion for long (not only deeply
#: nested) queries: it runs in a thread with a large stack, and a recursion limit that
#: grows with the text (so that a short query that sends the grammar into endless
#: recursion, such as a SERVICE nested in a SERVICE, fails quickly).
_PARSE_STACK = 512 * 1024 * 1024
_PARSE_RECURSION = 200_000
_PARSE_RECURSION_BASE = 8_000
_parse_lock = threading.Lock()


def _in_deep_thread(function: Any, text: str) -> Any:
    """``function(text)`` in a thread whose stack allows deep recursion; its exception
    is raised here."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = function(text)
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error

    with _parse_lock:  # stack size and recursion limit are process-wide settings
        old_stack = threading.stack_size(_PARSE_STACK)
        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(min(_PARSE_RECURSION, _PARSE_RECURSION_BASE + 2 * len(text)))
        try:
            thread = threading.Thread(target=target, name="sparql-parse", daemon=True)
            thread.start()
        finally:
            threading.stack_size(old_stack)
        thread.join()
        sys.setrecursionlimit(old_limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _nodes(tree: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree (iteratively: trees can be deep)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(node)


def _one_line(message: str, limit: int = 200) -> str:
    line = " ".join(message.split())
    return line if len(line) <= limit else line[:limit - 1] + "…"


def analyse_query(text: str, *, allow_service: bool = False,
                  lang: str | None = PROTOCOL_LANG) -> QueryInfo:
    """See :func:`_analyse` (remembered for the last 1,024 texts up to 10,000
    characters that pass: clients send the same queries again, and the parse costs
    tens of milliseconds)."""
    if lang is None:  # the current language, fixed here so that the cache keys on it
        from vngkb.i18n import current_lang

        lang = current_lang()
    if len(text) > _REMEMBERED_LENGTH:
        return _analyse.__wrapped__(text, allow_service, lang)
    structure = query_structure(text)
    if structure is not None:
        with _approved_lock:
            known = _approved.get((structure, allow_service))
            if known is not None:
                _approved.move_to_end((structure, allow_service))
                return known
    info = _analyse(text, allow_service, lang)
    if structure is not None:
        with _approved_lock:
            _approved[(structure, allow_service)] = info
            while len(_approved) > _APPROVED_STRUCTURES:
                _approved.popitem(last=False)
    return info


_REMEMBERED_LENGTH = 10_000
#: How many approved structures (:func:`query_structure`) are remembered.
_APPROVED_STRUCTURES = 4096
_approved: OrderedDict[tuple[str, bool], QueryInfo] = OrderedDict()
_approved_lock = threading.Lock()  # the endpoint may check queries from several threads

# The parts of a query text that :func:`query_structure` stands in for: comments and
# white space, string literals (without escapes: texts with a backslash have no
# structure), absolute IRIs, and integers where a number starts.
_STRUCTURE_PARTS = re.compile(r"""
    (?P<space>(?:[ \t\r\n]|\#[^\r\n]*)+)
  | (?P<long>\"\"\"(?:(?!\"\"\").)*\"\"\"|'''(?:(?!''').)*''')
  | (?P<short>"[^"\r\n]*"|'[^'\r\n]*')
  | (?P<open>["'])
  | (?P<iri><[A-Za-z][A-Za-z0-9+.\-]*:[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<keep><[^<>"{}|^`\\\x00-\x20]*>)
  | (?<=[ \t\r\n({\[,;=<>!*/+|&])(?P<number>[0-9]+)
""", re.VERBOSE | re.DOTALL)
_STAND_INS = {"iri": "<>", "number": "0"}


def query_structure(text: str) -> str | None:
    """What the parse of *text* depends on, with the parts it does not depend on
    replaced by stand-ins: comments and white space (one space), the content of string
    literals, absolute IRIs (``<>``) and integers (``0``); a line end stays a line
    end, as it ends a comment. None for a text that may only ever be judged by a parse
    of its own: one with a backslash (escapes, which can spell any keyword), one
    holding the letters of ``SERVICE`` anywhere in any case (also inside a name, string
    or IRI), or one with an unterminated string.

    Two texts with the same structure have the same parse apart from those values, so
    a verdict of the parse (the query form; no update, no ``SERVICE``) holds for both.
    Whatever this function overlooks, a text it gives a structure can never use
    ``SERVICE``: it does not contain the word. And the engine parses every query again
    before it runs it, accepting no update.

    >>> query_structure("SELECT ?p ?o WHERE { <https://w3id.org/vngkb/id/x> ?p ?o } LIMIT 5")
    'SELECT ?p ?o WHERE { <> ?p ?o } LIMIT 0'
    >>> query_structure('ASK { ?s ?p "a" }  # 2') == query_structure('ASK {\t?s ?p "b" }')
    True
    >>> query_structure("SELECT * { SeRvIcE <http://x/> { } }") is None
    True
    """
    if "\\" in text or "SERVICE" in text.upper() or "service" in text.casefold():
        return None

    def stand_in(match: re.Match[str]) -> str:
        kind = match.lastgroup
        assert kind is not None
        part = match.group()
        if kind == "space":  # a line end (after a comment too) stays one
            return " " if "\r" not in part and "\n" not in part else "\n"
        if kind in ("long", "short"):
            return part[0] * (6 if kind == "long" else 2)
        if kind == "open":
            raise _Unterminated
        if kind == "keep":  # a relative IRI, or what only looks like one
            return part
        return _STAND_INS[kind]

    try:
        return _STRUCTURE_PARTS.sub(stand_in, text).strip()
    except _Unterminated:
        return None


class _Unterminated(Exception):
    """A string literal without its closing quote (:func:`query_structure`)."""


@functools.lru_cache(maxsize=1024)
def _analyse(text: str, allow_service: bool = False, lang: str = PROTOCOL_LANG) -> QueryInfo:
    """Parse *text* as a SPARQL 1.1 query: its form, and whether it uses ``SERVICE``.

    Raises :class:`QueryRefusedError` for an update, or for ``SERVICE`` unless
    *allow_service*; :class:`QuerySyntaxError` (with the line, the column and a caret
    display) when it does not parse. Check
    :func:`check_limits` first: the parser is not meant for unbounded input.

    >>> analyse_query("PREFIX ex: <http://x/> SELECT * { ?s ex:p ?o }")
    QueryInfo(form='SELECT', service=False)
    >>> analyse_query("ASK { # x\\rSERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    vngkb.core.errors.QueryRefusedError: SERVICE is not allowed: queries are not sent to other endpoints (federated query)
    """  # noqa: E501
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import Query, UpdateUnit, expandUnicodeEscapes

    def parse_query(source: str) -> Any:
        return Query.parse_string(source, parse_all=True)

    def parse_update(source: str) -> Any:
        return UpdateUnit.parse_string(source, parse_all=True)

    # SPARQL resolves \u and \U escapes before it parses (once: done here, so that the
    # grammar is called directly and does not do it again). Both end-of-line characters
    # end a comment; rdflib's grammar knows only the line feed, so give it line feeds
    # (this changes no token outside comments and long strings).
    try:
        normalised = expandUnicodeEscapes(text).replace("\r", "\n")
    except (ValueError, OverflowError) as error:
        raise QuerySyntaxError(t_in(lang, "guard_syntax", detail=_one_line(str(error)))
                               ) from None
    try:
        tree = _in_deep_thread(parse_query, normalised)
    except (ParseBaseException, RecursionError, ValueError, TypeError, KeyError,
            AttributeError, IndexError) as error:
        try:
            _in_deep_thread(parse_update, normalised)
        except Exception:
            raise _syntax_error(normalised, error, lang) from None
        raise QueryRefusedError(t_in(lang, "guard_update")) from None
    services = [node for node in _nodes(tree)
                if getattr(node, "name", None) == "ServiceGraphPattern"]
    if services and not allow_service:
        raise QueryRefusedError(t_in(lang, "guard_service"))
    for node in services:  # allowed: still only to web endpoints, never local files
        term = node.get("term")
        if type(term).__name__ != "URIRef":
            raise QueryRefusedError(t_in(lang, "guard_service_iri"))
        if not str(term).lower().startswith(("http://", "https://")):
            raise QueryRefusedError(t_in(lang, "guard_service_scheme", iri=str(term)[:80]))
    name = getattr(tree[-1], "name", "")
    form = _FORM_OF_PARSE.get(name)
    if form is None:
        raise QuerySyntaxError(t_in(lang, "guard_syntax",
                                    detail=t_in(lang, "guard_not_a_query", name=name)))
    return QueryInfo(form, bool(services))  # type: ignore[arg-type]


def check_shape(text: str, *, allow_service: bool = False,
                lang: str | None = PROTOCOL_LANG) -> QueryShape:
    """:func:`check_limits`, and the quick refusals the scan allows (an update keyword
    first, a ``SERVICE`` keyword anywhere): what can be checked without parsing."""
    shape = check_limits(text, lang=lang)
    if shape.update:
        raise QueryRefusedError(t_in(lang, "guard_update"))
    if shape.service and not allow_service:
        raise QueryRefusedError(t_in(lang, "guard_service"))
    return shape


def check_query(text: str, *, allow_service: bool = False,
                lang: str | None = PROTOCOL_LANG) -> QueryInfo:
    """:func:`check_shape`, then :func:`analyse_query` (the parse)."""
    check_shape(text, allow_service=allow_service, lang=lang)
    return analyse_query(text, allow_service=allow_service, lang=lang)


def _syntax_error(text: str, error: BaseException, lang: str | None) -> QuerySyntaxError:
    """The parser's *error* as one line (the parser's own words, which name the line
    and column), and for a terminal the line and column where the grammar gave up, the
    query line and a caret under the column."""
    from pyparsing import ParseBaseException

    from vngkb.i18n.errortext import caret_display

    line = t_in(lang, "guard_syntax", detail=_one_line(str(error)))
    if not isinstance(error, ParseBaseException):
        return QuerySyntaxError(line)
    head = t_in(lang, "syntax_error", line=error.lineno, column=error.col,
                reason=_one_line(str(error.msg)))
    return QuerySyntaxError(line, display=caret_display(text, error.lineno, error.col, head))
