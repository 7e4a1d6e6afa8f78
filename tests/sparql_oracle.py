"""rdflib's SPARQL 1.1 grammar as the oracle of the query check
(:mod:`vngkb.sandbox.guard`): a real parse, which finds every ``SERVICE`` pattern in the
parse tree. The guard decides by SPARQL's lexical grammar alone; the tests require
the same verdict from both (:func:`verdict`, :func:`guard_verdict`).

The verdicts: ``("ok", form, service)`` for a query that may run, ``("update",)``,
``("service",)`` (refused: ``SERVICE`` not allowed, or to no web endpoint), and
``("syntax",)``, ``("limit",)`` or ``("empty",)``.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

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


def verdict(text: str, *, allow_service: bool = False) -> Verdict:
    """rdflib's verdict on *text*, after the guard's limits (which protect the
    recursive parser)."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import Query, UpdateUnit, expandUnicodeEscapes

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
    try:
        tree = _in_deep_thread(lambda s: Query.parse_string(s, parse_all=True), normalised)
    except (ParseBaseException, RecursionError, ValueError, TypeError, KeyError,
            AttributeError, IndexError):
        try:
            _in_deep_thread(lambda s: UpdateUnit.parse_string(s, parse_all=True), normalised)
        except Exception:
            return ("syntax",)
        return ("update",)
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
