"""The SPARQL 1.1 Protocol endpoint (``/sparql``): request parsing, the limits checked
before any parse, content negotiation, and the answer from the worker pool.

Read-only by construction: workers only ever call ``Store.query``. Updates are still
recognised so that they get a clear 403 instead of a syntax error. ``SERVICE`` is
refused (403) by the real parse each worker makes before running a query
(:mod:`vngkb.sandbox.guard`), and the workers have no network at all
(:mod:`vngkb.sandbox.netlock`): this endpoint does not federate, so no query can make the
server fetch from other hosts.

Look-ups of one subject's statements are answered by the server process itself, after
the same parse (:class:`~vngkb.server.answer_cache.LookupAnswerer`), and repeated requests
from a cache of answers (:class:`~vngkb.server.answer_cache.ResponseCache`), which is only
asked after the limits, the quick refusals and content negotiation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vngkb.core.errors import QueryError, QueryLimitError
from vngkb.sandbox import guard as sparqlguard
from vngkb.sandbox.guard import QueryForm
from vngkb.server.answer_cache import AnswerKey, LookupAnswerer, ResponseCache
from vngkb.server.conneg import best_match
from vngkb.server.pool import MEDIA_TYPES, TEXT, Job, Outcome, WorkerPool

#: Longest query text accepted (characters); longer gets 413.
MAX_QUERY_LENGTH = sparqlguard.MAX_QUERY_LENGTH


# A look-up of one resource's statements, as a measure page or a client does:
# ``SELECT ?p ?o WHERE { <iri> ?p ?o }`` (any variable names, or ``*``; a LIMIT). Its answer
# is bounded by the statements about one subject, so it cannot run long: the server
# answers it from its own read-only copy of the store, without the hop to a worker
# process (which is most of the time of such a request; benchmarks/bench_server_stages.py).
_LOOKUP = re.compile(r"""\s*SELECT\s+(?:\*|\?\w+\s+\?\w+)\s+(?:WHERE\s*)?
    \{\s*<[^<>"{}|^`\\\x00-\x20]*>\s+\?\w+\s+\?\w+\s*\.?\s*\}
    \s*(?:LIMIT\s+\d{1,9}\s*)?""", re.IGNORECASE | re.VERBOSE | re.ASCII)


def is_lookup(text: str) -> bool:
    """Whether *text* is exactly a look-up of one subject's statements.

    >>> is_lookup("SELECT ?p ?o WHERE { <https://w3id.org/vngkb/id/x> ?p ?o }")
    True
    >>> is_lookup("SELECT ?p ?o WHERE { ?s ?p ?o }")
    False
    """
    return _LOOKUP.fullmatch(text) is not None


@dataclass(frozen=True)
class QueryInfo:
    """What the text of a request is, as far as choosing a media type needs to know
    (from the cheap scan; the worker parses the query before running it)."""

    form: QueryForm | None
    update: bool = False


def analyse(text: str) -> QueryInfo:
    """The query form, or that it is an update, from the first keyword.

    >>> analyse('PREFIX s: <http://x/select> # ASK\\nSELECT * { ?s ?p "DELETE" }')
    QueryInfo(form='SELECT', update=False)
    >>> analyse("insert data { <a:b> <a:c> 1 }").update
    True
    """
    shape = sparqlguard.scan(text)
    return QueryInfo(shape.form, shape.update)


#: Media types the endpoint answers with, per query form, in order of preference, and
#: the result format each stands for.
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
ASK_TYPES = {k: v for k, v in SELECT_TYPES.items() if v in ("json", "xml")}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "ntriples",
    "application/x-turtle": "turtle",
    "application/json": "jsonld",
}
OFFERS: dict[QueryForm, dict[str, str]] = {
    "SELECT": SELECT_TYPES, "ASK": ASK_TYPES, "CONSTRUCT": GRAPH_TYPES, "DESCRIBE": GRAPH_TYPES}


@dataclass(frozen=True)
class EndpointConfig:
    """The endpoint's limits (the time limit is the worker pool's), the base IRI of
    relative IRIs in queries, and what answers a GET without a query (the service
    description)."""

    max_rows: int
    base_iri: str | None = None
    #: The service description for a GET without a query, or None when the Accept header
    #: takes none of its media types (then the answer is 400: no query).
    describe: Callable[[Request], Response | None] | None = None


def _error(status: int, message: str) -> Response:
    return Response(message + "\n", status_code=status, media_type=TEXT)


def _single(values: Mapping[str, list[str]], key: str) -> str | None:
    found = values.get(key)
    if not found:
        return None
    if len(found) > 1:
        raise _ProtocolError(400, f"give the '{key}' parameter once, not {len(found)} times")
    return found[0]


class _ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def _parameters(request: Request) -> tuple[dict[str, list[str]], str | None]:
    """The protocol parameters and, for a direct POST, the body as the query."""
    try:  # from the raw query string: cheaper than building the request's URL
        query_string = request.scope.get("query_string", b"").decode("utf-8")
    except UnicodeDecodeError:
        raise _ProtocolError(400, "the query string is not UTF-8") from None
    params = parse_qs(query_string, keep_blank_values=True)
    if request.method != "POST":
        return params, None
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _ProtocolError(400, "the request body is not UTF-8") from None
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs(text, keep_blank_values=True)
        for key, values in form.items():
            params.setdefault(key, []).extend(values)
        return params, None
    if content_type == "application/sparql-query":
        return params, text
    if content_type == "application/sparql-update":
        raise _ProtocolError(403, "this endpoint is read-only: SPARQL updates are refused")
    raise _ProtocolError(415, "POST a query as application/x-www-form-urlencoded (query=...) "
                              "or as application/sparql-query")


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return best_match(accept, ["application/sparql-results+json", "text/html"]) == "text/html"


async def handle(request: Request, pool: WorkerPool, config: EndpointConfig,
                 local: LookupAnswerer | None = None,
                 cache: ResponseCache | None = None) -> Response:
    """Answer one SPARQL Protocol request; a look-up (:func:`is_lookup`) from *local*,
    the same data as the workers', when given; a repeated request from *cache* when
    given (after the limits and quick refusals, which every request meets)."""
    try:
        params, body_query = await _parameters(request)
        if "update" in params:
            raise _ProtocolError(403, "this endpoint is read-only: SPARQL updates are refused")
        query = body_query if body_query is not None else _single(params, "query")
    except _ProtocolError as error:
        return _error(error.status, str(error))
    if query is None:
        described = config.describe(request) if (request.method == "GET"
                                                  and config.describe is not None) else None
        if described is not None:
            return described
        if request.method == "GET" and _wants_html(request):
            return RedirectResponse("/query", status_code=303)
        return _error(400, "no query: send ?query=... (GET), a form with query=... or an "
                           "application/sparql-query body (POST)")
    try:
        shape = sparqlguard.check_limits(query)
    except QueryLimitError as error:
        return _error(413 if error.limit == "length" else 400, str(error))
    except QueryError as error:
        return _error(400, str(error))
    info = QueryInfo(shape.form, shape.update)
    if info.update:
        return _error(403, "this endpoint is read-only: SPARQL updates are refused")
    if shape.service and pool.guard:  # quick; the worker's parse finds every other way
        return _error(403, sparqlguard.protocol_message("service"))
    fmt: str | None = None
    if info.form is not None:
        offers = OFFERS[info.form]
        chosen = best_match(request.headers.get("accept"), list(offers))
        if chosen is None:
            available = ", ".join(dict.fromkeys(MEDIA_TYPES[f].split(";")[0]
                                                for f in offers.values()))
            return _error(406, f"cannot answer a {info.form} query in the media types of "
                               f"the Accept header; available: {available}")
        fmt = offers[chosen]
    job = Job(query=query, fmt=fmt, max_rows=config.max_rows,
              default_graphs=tuple(params.get("default-graph-uri", ())),
              named_graphs=tuple(params.get("named-graph-uri", ())),
              base_iri=config.base_iri)
    key = AnswerKey.of(job) if cache is not None else None
    cached = cache.get(key) if cache is not None and key is not None else None
    outcome: Outcome
    if cached is not None:
        outcome = cached
    elif local is not None and not job.default_graphs and not job.named_graphs \
            and is_lookup(query):
        outcome = local.answer(job)
    else:
        outcome = await pool.run(job)
    if cached is None and cache is not None and key is not None:
        cache.put(key, outcome)
    headers = {"Vary": "Accept"}
    if outcome.retry_after is not None:
        headers["Retry-After"] = str(outcome.retry_after)
    if outcome.truncated:
        headers["Vngkb-Truncated"] = "true"
        headers["Vngkb-Max-Rows"] = str(config.max_rows)
    return Response(outcome.body, status_code=outcome.status, media_type=outcome.media_type,
                    headers=headers)
