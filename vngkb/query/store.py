"""Query backends: the embedded Oxigraph store and a remote SPARQL 1.1 endpoint,
behind one interface, so that the same query gives the same answer on either.

Parameters are bound as RDF terms, the same way for both backends (so that they give
the same answers): each term is serialised by Oxigraph (escaped N-Triples syntax)
into a ``VALUES`` block at the start of the query's outermost group, where every
pattern and filter of the query sees it, and of every nested group that names it (see
:func:`bind_as_values`). A value can therefore never become query
syntax. (Oxigraph's engine-side substitution, SEP-0007, would also do, but it only
binds variables that the SELECT projects, and a remote endpoint has no such API.)
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import pyoxigraph as ox

from vngkb.core.errors import EndpointError, QueryError
from vngkb.rdf.namespaces import PREFIXES
from vngkb.rdf.terms import Term, from_oxigraph

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
        text = bind_as_values(query, bindings or {}, nested=True)
        try:
            return self._select(text)
        except SyntaxError as error:
            from vngkb.core.errors import QuerySyntaxError
            from vngkb.i18n.errortext import syntax_error_parts

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


def _code_only(query: str) -> str:
    """*query* with its comments, IRIs and string literals blanked out (same length), so
    that braces, keywords and variables are found only where they are query syntax.

    >>> _code_only('SELECT ?a WHERE { ?a <http://x/{> "}" } # {')
    'SELECT ?a WHERE { ?a              " " }    '
    """
    parts: list[str] = []
    i = 0
    while i < len(query):
        char = query[i]
        if char == "#":
            newline = query.find("\n", i)
            end = len(query) if newline == -1 else newline
        elif char == "<" and query.find(">", i) != -1 and " " not in query[i:query.find(">", i)]:
            end = query.find(">", i) + 1
        elif char in "\"'":
            end = min(_skip_string(query, i), len(query))
            # The quotes stay (blank between them) so that a string still separates words.
            parts.append(char + " " * max(end - i - 2, 0) + (char if end - i >= 2 else ""))
            i = end
            continue
        else:
            parts.append(char)
            i += 1
            continue
        parts.append(" " * (end - i))
        i = end
    return "".join(parts)


def outer_group_start(query: str) -> int:
    """Index just after the ``{`` that opens the query's outermost WHERE group.

    Skips comments, IRIs and string literals so that a brace inside them does not count.

    >>> q = 'PREFIX x: <http://x/{}> SELECT ?a WHERE { ?a ?b "}" }'
    >>> q[outer_group_start(q):].strip()
    '?a ?b "}" }'
    """
    at = _code_only(query).find("{")
    if at == -1:
        raise QueryError("query has no WHERE group to bind parameters in")
    return at + 1


#: The keyword SELECT (not part of a name, variable or prefixed name).
_SELECT = re.compile(r"(?<![\w?$:.-])select(?![\w:-])", re.IGNORECASE)
#: What comes before the ``{`` of a VALUES data block (which is not a group).
_DATA_BLOCK = re.compile(r"(?<![\w?$:.-])values\s*(?:[?$]\w+|\((?:\s*[?$]\w+)*\s*\))\s*$",
                         re.IGNORECASE)
_BRACE = re.compile(r"[{}]")
#: The keyword VALUES (not part of a name or variable).
_VALUES = re.compile(r"(?<![\w?$:.-])values", re.IGNORECASE)


def _group_end(code: str, start: int) -> int:
    """Index of the ``}`` that closes the group whose body starts at *start*."""
    depth = 1
    for brace in _BRACE.finditer(code, start):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return brace.start()
    return len(code)


@functools.lru_cache(maxsize=256)
def _masked_groups(query: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The query's code (:func:`_code_only`) and its groups, kept per text: the server
    binds the same canned questions again and again, and the scan is Python's."""
    code = _code_only(query)
    outer = outer_group_start(query)
    found = [(outer, _group_end(code, outer))]
    # A brace opens a data block only right after VALUES and its variables, so only the
    # last VALUES before it can make it one.
    keywords = [m.start() for m in _VALUES.finditer(code)]
    for opening in _BRACE.finditer(code, outer):
        at = opening.start()
        if code[at] != "{":
            continue
        before = bisect.bisect_left(keywords, at)
        if before == 0 or not _DATA_BLOCK.match(code, keywords[before - 1], at):
            found.append((at + 1, _group_end(code, at + 1)))
    return code, tuple(found)


def groups(query: str) -> list[tuple[int, int]]:
    """(start, end) of the body of every group of the WHERE clause, the outermost first:
    the nested groups (OPTIONAL, MINUS, UNION, FILTER EXISTS, sub-selects), not the data
    blocks of VALUES.

    >>> q = 'SELECT * WHERE { ?a ?b ?c OPTIONAL { ?a ?d "{" } VALUES ?e { 1 } }'
    >>> [q[s:e] for s, e in groups(q)][1:]
    [' ?a ?d "{" ']
    """
    return list(_masked_groups(query)[1])


def _values_block(names: Sequence[str], bindings: Bindings, together: bool) -> str:
    """The ``VALUES`` of *names*: in one block (*together*), or one block per variable,
    as Virtuoso 7 fails to compile a block that binds two variables which both fix a
    triple pattern (error SP031), while Oxigraph plans separate blocks badly (a join of
    the blocks first: five times slower at 100x)."""
    if together:
        return ("VALUES (" + " ".join("?" + n for n in names) + ") { ("
                + " ".join(bindings[n].n3() for n in names) + ") }\n")
    return " ".join(f"VALUES ?{n} {{ {bindings[n].n3()} }}" for n in names) + "\n"


def bind_as_values(query: str, bindings: Bindings, nested: bool = False) -> str:
    """*query* with ``VALUES`` binding each variable at the start of its outermost group,
    where every pattern and filter sees it: one block per variable (the portable form).

    With *nested*, every nested group that names a bound variable (an OPTIONAL, a MINUS,
    a sub-select, ...) gets a block too, for the variables it names. Oxigraph evaluates
    such a group on its own, without the bindings around it, and only then joins it:
    without its own block a group answers for every value first, which grows with the
    KB (benchmarks/README.md). Each group's variables are then bound in one block. The
    answer is the same when the query uses the variable in a nested group only to
    narrow what joins back (which the Virtuoso parity test checks for every canned
    question): the nested rows with another value would not join. The embedded store
    binds so; a remote endpoint gets
    the plain form, which Virtuoso 7 evaluates correctly where it mishandles blocks in
    sub-selects and MINUS.

    >>> from vngkb.rdf.terms import Term
    >>> bind_as_values("SELECT ?x WHERE { ?x ?p ?y }", {"y": Term("literal", 'a" }')})
    'SELECT ?x WHERE { VALUES ?y { "a\\\\" }" }\\n ?x ?p ?y }'
    >>> print(bind_as_values("SELECT * WHERE { ?x ?p ?z OPTIONAL { ?x ?q ?y } }",
    ...                      {"y": Term("iri", "http://y"), "z": Term("iri", "http://z")},
    ...                      nested=True))
    SELECT * WHERE { VALUES (?y ?z) { (<http://y> <http://z>) }
     ?x ?p ?z OPTIONAL { VALUES (?y) { (<http://y>) }
     ?x ?q ?y } }
    """
    if not bindings:
        return query
    code, found = _masked_groups(query)
    inserts: list[tuple[int, str]] = []
    for number, (start, end) in enumerate(found if nested else found[:1]):
        names = list(bindings) if number == 0 else [
            n for n in bindings if re.search(r"[?$]" + re.escape(n) + r"(?!\w)", code[start:end])]
        if not names:
            continue
        block = " " + _values_block(names, bindings, together=nested)
        if _SELECT.match(code[start:end].lstrip()):
            # A group that is one sub-select can hold nothing else: the sub-select goes
            # into a group of its own beside the VALUES.
            inserts += [(start, block + "{"), (end, "} ")]
        else:
            inserts.append((start, block))
    for at, text in sorted(inserts, reverse=True):
        query = query[:at] + text + query[at:]
    return query


class RemoteEndpoint:
    """A SPARQL 1.1 endpoint reached over HTTP: SPARQLWrapper builds the request (the
    SPARQL protocol: query type, ``Accept``, the form of a POST), :mod:`vngkb.query.http`
    sends it (a deadline for the whole exchange, a bound on the answer, no redirect
    elsewhere), and Oxigraph's own parser reads the answer, so that every answer is
    checked before it is used: a SPARQL JSON document of the right structure (every term
    of a known type, every variable declared), a boolean that is a boolean, Turtle that
    parses, literals whose lexical form fits their XSD datatype (a count of ``"NaN"`` is
    refused) and, with *check_columns*, exactly the columns the query projects (in its
    order). Each failure is an :class:`EndpointError` of one line (exit code 3)."""

    def __init__(self, url: str, timeout: float = 30.0, *, max_bytes: int | None = None,
                 check_columns: bool = True) -> None:
        from vngkb.query.http import check_url

        self.url = check_url(url)
        self.timeout = timeout
        self.max_bytes = max_bytes
        #: Whether the answer must have the columns the query projects: the library's
        #: own questions, whose answers the reports use; a user's query is shown as sent.
        self.check_columns = check_columns

    def select(self, query: str, bindings: Bindings | None = None) -> ResultTable:
        from vngkb.i18n import t
        from vngkb.query.http import Response

        text = prefix_block() + bind_as_values(query, bindings or {})
        client = _sparql_client(self.url, self._send)
        client.setQuery(text)
        graph_result = client.queryType in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat("turtle" if graph_result else "json")
        client.setMethod("POST")
        response = client.query().response
        assert isinstance(response, Response)
        if graph_result:
            try:
                return ResultTable(columns=[], triples=_sorted_ntriples(response.body,
                                                                       ox.RdfFormat.TURTLE))
            except (SyntaxError, ValueError) as error:
                raise EndpointError(t("endpoint_no_turtle", url=self.url,
                                      reason=_answer_reason(error))) from None
        kind = response.header("content-type").partition(";")[0].strip().lower()
        if kind and "json" not in kind:
            raise EndpointError(t("endpoint_no_json", url=self.url,
                                  reason=f"Content-Type {_printable(kind, 80)}"))
        try:
            boolean, columns, rows = _parsed_json(response.body)
        except (SyntaxError, ValueError) as error:
            raise EndpointError(t("endpoint_no_json", url=self.url,
                                  reason=_answer_reason(error))) from None
        if (boolean is not None) != (client.queryType == "ASK"):
            # A yes or no to a SELECT, or rows to an ASK: not an answer to the query.
            raise EndpointError(t("endpoint_bad_answer", url=self.url, reason=(
                "boolean" if boolean is not None else "rows") + f" for {client.queryType}"))
        if boolean is not None:
            return ResultTable(columns=[], boolean=boolean)
        _check_literals(self.url, columns, rows)
        if self.check_columns:
            columns, rows = _expected_columns(self.url, text, columns, rows)
        return ResultTable(columns=columns, rows=rows)

    def _send(self, method: str, url: str, body: bytes | None,
              headers: dict[str, str]) -> object:
        """Send one request of SPARQLWrapper's through the one HTTP client; an answer
        that is not a success is an error of one line (a rejected query exit 2)."""
        from vngkb.i18n import t
        from vngkb.i18n.errortext import endpoint_text
        from vngkb.query.http import exchange

        response = exchange(method, url, body=body, headers=headers, timeout=self.timeout,
                            max_bytes=self.max_bytes)
        if 200 <= response.status < 300:
            return response
        reason = endpoint_text(response.body) if response.body.strip() else response.reason
        if response.status in (400, 414, 500):  # the query's fault, as the protocol says
            raise QueryError(t("endpoint_rejected", url=self.url, reason=reason))
        if response.status == 404:
            raise EndpointError(t("endpoint_not_found", url=self.url, reason=reason))
        if response.status == 401:
            raise EndpointError(t("endpoint_unauthorized", url=self.url, reason=reason))
        raise EndpointError(t("endpoint_http", url=self.url, status=response.status,
                              reason=reason))


def _parsed_json(body: bytes) -> tuple[bool | None, list[str], list[list[Term | None]]]:
    """A SPARQL JSON results document read by Oxigraph's parser (strict, and not
    recursive: deep nesting is refused, not a RecursionError): the boolean, or the
    columns and rows. No Oxigraph object outlives this call (they must be freed on the
    thread that made them, and an error's traceback would keep them)."""
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    try:
        if isinstance(parsed, ox.QueryBoolean):
            return bool(parsed), [], []
        columns = [v.value for v in parsed.variables]
        return None, columns, _converted_rows(parsed, len(columns))
    except (SyntaxError, ValueError) as error:  # a row that does not parse (read lazily)
        reason = str(error) or type(error).__name__
    del parsed
    raise SyntaxError(reason)


def _sparql_client(url: str, send: Callable[[str, str, bytes | None, dict[str, str]],
                                             object]) -> Any:
    """A SPARQLWrapper client for *url* whose transport is *send* (the one HTTP client)
    instead of urllib's ``urlopen``, which has no deadline for the whole exchange and
    no bound on the answer, and follows redirects to any host and to ``ftp:``."""
    from SPARQLWrapper import SPARQLWrapper  # only remote use pays for it

    class Client(SPARQLWrapper):
        def _query(self) -> tuple[Any, str]:
            request = self._createRequest()
            data = request.data
            return (send(request.get_method(), request.full_url,
                         data if isinstance(data, bytes) else None,
                         dict(request.header_items())), self.returnFormat)

    return Client(url)


def _printable(text: str, limit: int = 200) -> str:
    from vngkb.core.errors import printable_line

    return printable_line(text, limit)


def _answer_reason(error: BaseException) -> str:
    return _printable(str(error) or type(error).__name__)


def _check_literals(url: str, columns: Sequence[str], rows: list[list[Term | None]]) -> None:
    """Refuse an answer with a literal whose lexical form does not fit its XSD datatype
    (an ``xsd:integer`` ``"NaN"``): every use of it would fail, or count wrong."""
    from vngkb.rdf.literals import ill_typed_reason

    checked: set[tuple[str, str]] = set()
    for row in rows:
        for column, term in zip(columns, row, strict=True):
            if term is None or term.datatype is None or (term.value, term.datatype) in checked:
                continue
            reason = ill_typed_reason(term.value, term.datatype)
            if reason is not None:
                from vngkb.i18n import t

                raise EndpointError(t("endpoint_bad_answer", url=url, reason=_printable(
                    f"?{column} {term.value!r}: {reason}")))
            checked.add((term.value, term.datatype))


#: The keyword SERVICE (not part of a name or variable).
_SERVICE = re.compile(r"(?<![\w?$:.-])service(?![\w:-])", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def projected_columns(text: str) -> tuple[str, ...] | None:
    """The variables a SELECT query *text* projects, in order, as Oxigraph plans it (on
    an empty store, nothing evaluated); None for another form, a query that does not
    parse, or one with SERVICE (which nothing here may evaluate)."""
    if _SERVICE.search(_code_only(text)):
        return None
    try:
        result = ox.Store().query(text)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        return None
    if not isinstance(result, ox.QuerySolutions):
        return None
    return tuple(v.value for v in result.variables)


def _expected_columns(url: str, text: str, columns: list[str],
                      rows: list[list[Term | None]]
                      ) -> tuple[list[str], list[list[Term | None]]]:
    """*columns* and *rows* in the order the query projects, or an error when the
    answer's columns are not exactly those (one missing, renamed or added)."""
    expected = projected_columns(text)
    if expected is None or list(expected) == columns:
        return columns, rows
    if sorted(expected) != sorted(columns):
        from vngkb.i18n import t

        missing = [c for c in expected if c not in columns]
        extra = [c for c in columns if c not in expected]
        reason = (f"columns {', '.join(columns) or '-'}; expected {', '.join(expected)}"
                  f" (missing: {', '.join(missing) or '-'}; unexpected: "
                  f"{', '.join(extra) or '-'})")
        raise EndpointError(t("endpoint_bad_answer", url=url, reason=_printable(reason)))
    order = [columns.index(c) for c in expected]
    return list(expected), [[row[i] for i in order] for row in rows]


@contextlib.contextmanager
def checked_use(backend: Backend) -> Iterator[None]:
    """While a report is built from *backend*'s answers: when *backend* is a remote
    endpoint, a value of the wrong kind that got past the checks of
    :meth:`RemoteEndpoint.select` (a count that is a plain ``"NaN"``, an IRI where an
    amount belongs) is an :class:`EndpointError` of one line naming the endpoint, not a
    traceback from deep inside the report. The embedded store's answers are the KB's
    own, checked by validation: an error there is a bug, and stays one."""
    if not isinstance(backend, RemoteEndpoint):
        yield
        return
    try:
        yield
    except (ValueError, TypeError, KeyError, IndexError, ArithmeticError, AttributeError,
            RecursionError) as error:
        from vngkb.i18n import t

        detail = str(error) if not isinstance(error, ArithmeticError) else ""
        raise EndpointError(t("endpoint_bad_answer", url=backend.url, reason=_printable(
            f"{type(error).__name__}" + (f": {detail}" if detail else "")))) from None


def open_backend(endpoint: str | None = None) -> Backend:
    """The remote endpoint at *endpoint*, or the embedded store with the shipped KB."""
    if endpoint:
        return RemoteEndpoint(endpoint)
    from vngkb.kb.layers import open_kb

    return EmbeddedStore(open_kb())
