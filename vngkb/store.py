"""Query backends: the embedded Oxigraph store and a remote SPARQL 1.1 endpoint,
behind one interface, so that the same query gives the same answer on either.

Parameters are bound as RDF terms, the same way for both backends (so that they give
the same answers): each term is serialised by Oxigraph (escaped N-Triples syntax)
into a ``VALUES`` block at the start of the query's outermost group, where every
pattern and filter of the query sees it. A value can therefore never become query
syntax. (Oxigraph's engine-side substitution, SEP-0007, would also do, but it only
binds variables that the SELECT projects, and a remote endpoint has no such API.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox

from vngkb.errors import EndpointError, QueryError
from vngkb.namespaces import PREFIXES
from vngkb.terms import Term, from_oxigraph, from_sparql_json

Bindings = Mapping[str, Term]


@dataclass
class ResultTable:
    """The answer of a SELECT (columns and rows), an ASK (``boolean``), or a CONSTRUCT
    or DESCRIBE (``triples``: the graph as N-Triples, one triple a line, sorted)."""

    columns: list[str]
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: str | None = None

    def values(self) -> list[list[object]]:
        """Rows as plain Python values (see :meth:`Term.to_python`)."""
        return [[None if t is None else t.to_python() for t in row] for row in self.rows]

    def records(self) -> list[dict[str, object]]:
        """Rows as dictionaries keyed by column."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.values()]


def _sorted_ntriples(data: bytes, fmt: ox.RdfFormat) -> str:
    """A graph (in *fmt*) as sorted N-Triples, so that both backends print the same."""
    triples = ox.parse(data, format=fmt)
    lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert lines is not None
    return "".join(sorted(lines.decode("utf-8").splitlines(keepends=True)))


class Backend(Protocol):
    """Something that answers SPARQL queries (SELECT, ASK, CONSTRUCT, DESCRIBE)."""

    def select(self, query: str, bindings: Bindings | None = None) -> ResultTable:
        """Run *query* with *bindings* for its variables."""
        ...


def prefix_block() -> str:
    """PREFIX declarations for the prefixes every query may use."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def _converted_rows(solutions: ox.QuerySolutions, width: int) -> list[list[Term | None]]:
    """The rows of *solutions* as :class:`Term` lists. A big answer repeats few terms
    (labels, periods, ministries), so each distinct term is converted once and shared
    (a Term is immutable): a third of the time of a 1 000-row answer went to converting
    the same terms again (benchmarks/scale.py)."""
    converted: dict[object, Term] = {}
    rows: list[list[Term | None]] = []
    for solution in solutions:
        row: list[Term | None] = []
        for i in range(width):
            term = solution[i]
            if term is None:
                row.append(None)
                continue
            known = converted.get(term)
            if known is None:
                known = converted[term] = from_oxigraph(term)
            row.append(known)
        rows.append(row)
    return rows


class EmbeddedStore:
    """The in-process Oxigraph store."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def select(self, query: str, bindings: Bindings | None = None) -> ResultTable:
        text = bind_as_values(query, bindings or {})
        try:
            return self._select(text)
        except SyntaxError as error:
            from vngkb.errors import QuerySyntaxError
            from vngkb.errortext import syntax_error_parts

            raise QuerySyntaxError(*syntax_error_parts(text, str(error))) from None
        except (OSError, RuntimeError, ValueError, TypeError, OverflowError) as error:
            # The engine's evaluation errors (unknown function, SERVICE that cannot be
            # reached, unbound service name, ...): the query's fault, one line.
            from vngkb.i18n import t

            raise QueryError(_one_line(t("query_failed", reason=error))) from None

    def _select(self, text: str) -> ResultTable:
        result = self.store.query(text, prefixes=PREFIXES)
        if isinstance(result, ox.QueryBoolean):
            return ResultTable(columns=[], boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            data = result.serialize(format=ox.RdfFormat.N_TRIPLES)
            assert data is not None
            return ResultTable(columns=[], triples=_sorted_ntriples(data,
                                                                   ox.RdfFormat.N_TRIPLES))
        columns = [v.value for v in result.variables]
        return ResultTable(columns=columns, rows=_converted_rows(result, len(columns)))


def _one_line(message: str, limit: int = 200) -> str:
    """*message* on one line, cut to *limit* characters (engine errors may quote the
    query)."""
    line = " ".join(message.split())
    return line if len(line) <= limit else line[:limit - 1] + "…"


def _skip_string(text: str, i: int) -> int:
    """Index after the string literal that starts at *i* (any of SPARQL's four quotings)."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        while end != -1 and text[end - 1] == "\\":
            end = text.find(quote * 3, end + 1)
        return len(text) if end == -1 else end + 3
    j = i + 1
    while j < len(text) and text[j] != quote:
        j += 2 if text[j] == "\\" else 1
    return j + 1


def outer_group_start(query: str) -> int:
    """Index just after the ``{`` that opens the query's outermost WHERE group.

    Skips comments, IRIs and string literals so that a brace inside them does not count.

    >>> q = 'PREFIX x: <http://x/{}> SELECT ?a WHERE { ?a ?b "}" }'
    >>> q[outer_group_start(q):].strip()
    '?a ?b "}" }'
    """
    i = 0
    while i < len(query):
        char = query[i]
        if char == "#":
            newline = query.find("\n", i)
            i = len(query) if newline == -1 else newline + 1
        elif char == "<" and query.find(">", i) != -1 and " " not in query[i:query.find(">", i)]:
            i = query.find(">", i) + 1
        elif char in "\"'":
            i = _skip_string(query, i)
        elif char == "{":
            return i + 1
        else:
            i += 1
    raise QueryError("query has no WHERE group to bind parameters in")


def bind_as_values(query: str, bindings: Bindings) -> str:
    """*query* with a ``VALUES`` block binding each variable, for endpoints that take text.

    >>> from vngkb.terms import Term
    >>> bind_as_values("SELECT ?x WHERE { ?x ?p ?y }", {"y": Term("literal", 'a" }')})
    'SELECT ?x WHERE { VALUES (?y) { ("a\\\\" }") }\\n ?x ?p ?y }'
    """
    if not bindings:
        return query
    names = list(bindings)
    block = ("VALUES (" + " ".join("?" + n for n in names) + ") { ("
             + " ".join(bindings[n].n3() for n in names) + ") }\n")
    at = outer_group_start(query)
    return query[:at] + " " + block + query[at:]


class RemoteEndpoint:
    """A SPARQL 1.1 endpoint reached over HTTP through SPARQLWrapper."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.url = url
        self.timeout = timeout

    def select(self, query: str, bindings: Bindings | None = None) -> ResultTable:
        from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper  # only remote use pays for it
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        text = prefix_block() + bind_as_values(query, bindings or {})
        client = SPARQLWrapper(self.url)
        client.setQuery(text)
        graph_result = client.queryType in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat(TURTLE if graph_result else JSON)
        client.setTimeout(int(self.timeout))
        client.setMethod("POST")
        try:
            data = client.queryAndConvert()
        except SPARQLWrapperException as error:
            raise _endpoint_error(self.url, error) from None
        except OSError as error:  # URLError, HTTP errors, socket timeouts, refused connections
            raise _unreachable(self.url, error) from None
        except ValueError as error:
            from vngkb.i18n import t

            raise EndpointError(t("endpoint_no_json", url=self.url,
                                  reason=str(error)[:200])) from None
        except TypeError:  # JSON, but no object (SPARQLWrapper refuses a list or a string)
            from vngkb.i18n import t

            raise EndpointError(t("endpoint_no_json", url=self.url, reason="-")) from None
        if graph_result and isinstance(data, bytes):
            try:
                return ResultTable(columns=[], triples=_sorted_ntriples(data,
                                                                       ox.RdfFormat.TURTLE))
            except SyntaxError as error:
                from vngkb.i18n import t

                raise EndpointError(t("endpoint_no_turtle", url=self.url, reason=error)
                                    ) from None
        if not isinstance(data, dict):
            from vngkb.i18n import t

            raise EndpointError(t("endpoint_no_json", url=self.url, reason="-"))
        if "boolean" in data:
            return ResultTable(columns=[], boolean=bool(data["boolean"]))
        columns = list(data["head"]["vars"])
        rows = [[from_sparql_json(b[c]) if c in b else None for c in columns]
                for b in data["results"]["bindings"]]
        return ResultTable(columns=columns, rows=rows)


def _unreachable(url: str, error: OSError) -> EndpointError:
    """An endpoint that cannot be reached, or answers with an HTTP error SPARQLWrapper
    does not name (403, 502, 503, ...): with the endpoint's own message if it sent one."""
    import urllib.error

    from vngkb.errortext import endpoint_text
    from vngkb.i18n import t

    if isinstance(error, urllib.error.HTTPError):
        try:
            body = error.read()
        except OSError:
            body = b""
        reason = endpoint_text(body) if body.strip() else str(error.reason)
        return EndpointError(t("endpoint_http", url=url, status=error.code, reason=reason))
    reason = str(getattr(error, "reason", error))[:200]
    return EndpointError(t("endpoint_unreachable", url=url, reason=reason))


def _endpoint_error(url: str, error: Exception) -> QueryError | EndpointError:
    """The endpoint's own message (from the response SPARQLWrapper quotes in its text);
    a missing endpoint (404) or refused access (401) is an endpoint error (exit 3)."""
    import ast

    from vngkb.errortext import endpoint_text
    from vngkb.i18n import t

    summary, _, response = str(error).partition("\n\nResponse:\n")
    try:
        body = ast.literal_eval(response) if response else summary
    except (ValueError, SyntaxError):
        body = response
    reason = endpoint_text(body if isinstance(body, (bytes, str)) else str(body))
    kind = type(error).__name__
    if kind == "EndPointNotFound":
        return EndpointError(t("endpoint_not_found", url=url, reason=reason))
    if kind == "Unauthorized":
        return EndpointError(t("endpoint_unauthorized", url=url, reason=reason))
    return QueryError(t("endpoint_rejected", url=url, reason=reason))


def open_backend(endpoint: str | None = None) -> Backend:
    """The remote endpoint at *endpoint*, or the embedded store with the shipped KB."""
    if endpoint:
        return RemoteEndpoint(endpoint)
    from vngkb.layers import open_kb

    return EmbeddedStore(open_kb())
