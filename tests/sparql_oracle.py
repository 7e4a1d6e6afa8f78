"""rdflib's SPARQL 1.1 grammar as the oracle of the query check
(:mod:`vngkb.sandbox.guard`): a real parse, which finds every ``SERVICE`` pattern in the
parse tree. The guard decides by SPARQL's lexical grammar alone; the tests require
the same verdict from both (:func:`verdict`, :func:`guard_verdict`).

The verdicts: ``("ok", form, service)`` for a query that may run, ``("update",)``,
``("service",)`` (refused: ``SERVICE`` not allowed, or to no web endpoint), and
``("syntax",)``, ``("limit",)`` or ``("empty",)``.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import strategies as st

from tests.hostile.inputs import service_disguises
from vngkb.core.errors import QueryError, QueryLimitError, QueryRefusedError, QuerySyntaxError
from vngkb.sandbox import guard

Verdict = tuple[Any, ...]

_FORM_OF_PARSE = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
                  "DescribeQuery": "DESCRIBE"}
# The recursive-descent grammar needs deep Python recursion for long queries: it runs in
# a thread with a large stack.
_STACK = 512 * 1024 * 1024
_lock = threading.Lock()


def _in_deep_thread(function: Any, text: str) -> Any:
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = function(text)
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error

    with _lock:
        old_stack = threading.stack_size(_STACK)
        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(min(200_000, 8_000 + 2 * len(text)))
        try:
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
        finally:
            threading.stack_size(old_stack)
        thread.join()
        sys.setrecursionlimit(old_limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _nodes(tree: Any) -> Iterator[Any]:
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(node)


@functools.lru_cache(maxsize=256)
def _parsed(normalised: str) -> Any:
    """rdflib's parse of *normalised*: the query's tree, or "update" or "syntax". Kept for
    the next verdict on the same text (the tests ask with and without ``allow_service``);
    the tree is only read."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import Query, UpdateUnit

    try:
        return _in_deep_thread(lambda s: Query.parse_string(s, parse_all=True), normalised)
    except (ParseBaseException, RecursionError, ValueError, TypeError, KeyError,
            AttributeError, IndexError):
        try:
            _in_deep_thread(lambda s: UpdateUnit.parse_string(s, parse_all=True), normalised)
        except Exception:
            return "syntax"
        return "update"


def verdict(text: str, *, allow_service: bool = False) -> Verdict:
    """rdflib's verdict on *text*, after the guard's limits (which protect the
    recursive parser)."""
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    try:
        guard.check_limits(text)
    except QueryLimitError:
        return ("limit",)
    except QuerySyntaxError:  # an escape of no code point
        return ("syntax",)
    except QueryError:  # empty: rdflib's grammar would take it as an empty update
        return ("empty",)
    try:
        # Both end-of-line characters end a comment; rdflib's grammar knows only the
        # line feed (this changes no token outside comments and long strings).
        normalised = expandUnicodeEscapes(text).replace("\r", "\n")
    except (ValueError, OverflowError):
        return ("syntax",)
    tree = _parsed(normalised)
    if isinstance(tree, str):
        return (tree,)
    services = [node for node in _nodes(tree)
                if getattr(node, "name", None) == "ServiceGraphPattern"]
    if services and not allow_service:
        return ("service",)
    for node in services:
        term = node.get("term")
        if type(term).__name__ != "URIRef" or not str(term).lower().startswith(
                ("http://", "https://")):
            return ("service",)
    form = _FORM_OF_PARSE.get(getattr(tree[-1], "name", ""))
    if form is None:
        return ("syntax",)
    return ("ok", form, bool(services))


def guard_verdict(text: str, *, allow_service: bool = False) -> Verdict:
    """The guard's verdict on *text*, in the same terms."""
    try:
        info = guard.check_query(text, allow_service=allow_service)
    except QueryLimitError:
        return ("limit",)
    except QueryRefusedError as error:
        return ("update",) if str(error) == guard.protocol_message("update") else ("service",)
    except QuerySyntaxError:
        return ("syntax",)
    except QueryError:
        return ("empty",)
    return ("ok", info.form, info.service)


# --- the guard against the oracle ------------------------------------------------------

#: A codepoint escape as SPARQL writes one (``\\u`` and four hex digits, ``\\U`` and eight).
_ESCAPE = re.compile(r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}")


def assert_agrees(text: str, *, allow_service: bool = False) -> Verdict:
    """The guard's verdict on *text* is the oracle's. Where the oracle's grammar
    refuses a text as a syntax error, the guard may let the engine say so (it checks the
    lexical grammar, not the syntax), or refuse it itself, for any reason; every other
    verdict is the same. (What the guard lets through, Oxigraph runs against a recorder
    in tests/hostile/test_sparql_hostile.py.) Returns the oracle's verdict."""
    expected = verdict(text, allow_service=allow_service)
    found = guard_verdict(text, allow_service=allow_service)
    if expected == ("syntax",):
        assert found[0] in ("syntax", "service", "update", "ok"), (text, found)
    elif found == ("syntax",) and not _ESCAPE.search(text):
        # Stricter than rdflib's grammar, which accepts some texts outside SPARQL's
        # lexical rules (``def:\\"x``: '"' is no PN_LOCAL_ESC): allowed only where the
        # engine refuses the text as well (the mutated texts aim at 127.0.0.1:9, which
        # Oxigraph never contacts, so a text it would run fails here with OSError).
        with pytest.raises(SyntaxError):
            ox.Store().query(text)
    elif found == ("syntax",):
        # A \\u or \\U escape: the guard resolves it everywhere first, as SPARQL 1.1
        # (section 19.2) says, so an escaped line end ends a comment; rdflib and Oxigraph
        # leave escapes in comments alone. Refusing such a text is the safe side.
        assert "#" in text
    else:
        assert found == expected, text
    return expected


URL = "http://127.0.0.1:9/sparql"


def _canned() -> list[str]:
    from vngkb.query import catalogue
    from vngkb.query.store import bind_as_values, prefix_block

    texts = []
    for question in catalogue.load_catalogue().values():
        texts += [question.query, prefix_block() + bind_as_values(question.query,
                                                                   question.bindings({}))]
    return texts


CANNED = _canned()


#: Pieces a mutation puts in: every way to hide or fake a token we know.
PIECES = ["\r", "\n", "#", "'", '"', "'''", '"""', "\\", "<", ">", "<=", "{", "}", "(",
          ")", "[", "]", " ", "\t", "\x0c", "\x00", "\u00a0", "\u2028", "\\u000d",
          "\\u000a", "\\u0022", "\\u0027", "\\u0023", "\\u003c", "\\u003e", "\\u0053",
          "\\U00000045", "ex:", ":", ".", ";", ",", "?", "$", "a", "1", "1.", ".5e3", "@en",
          "^^", "_:b", "SERVICE", "service", "SeRvIcE", "SILENT", "GRAPH", "SERVIC", "E",
          "\u017fervice", "true", "trueSERVICE", "\\'", '\\"', "\\#", "%", "%2", "ex:a.",
          "?a<?b", "FILTER(?a<?b)", "#>", "<" + URL + ">", "SERVICE <" + URL + "> { }",
          "SELECT", "ASK", "INSERT", "PREFIX p: <a:>", "UNION", "OPTIONAL", "VALUES ?x { 1 }",
          "'SERVICE'", "<SERVICE>", "?SERVICE", "ex:SERVICE", "# SERVICE\n"]
#: Texts to mutate: the disguises and the shorter canned questions.
SEEDS = service_disguises(URL) + [text for text in CANNED[::2] if len(text) < 2500]


@st.composite
def mutated_texts(draw: st.DrawFn) -> tuple[str, bool]:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.integers(0, 3)) == 0:
            text = text[:at] + text[at + draw(st.integers(1, 3)):]
        else:
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
    return text, draw(st.integers(0, 4)) == 0
