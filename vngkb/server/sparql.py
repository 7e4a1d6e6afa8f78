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

import functools
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple
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


def _query_params(query_string: bytes) -> dict[str, list[str]]:
    """The parameters of a request's query string."""
    try:  # from the raw query string: cheaper than building the request's URL
        text = query_string.decode("utf-8")
    except UnicodeDecodeError:
        raise _ProtocolError(400, "the query string is not UTF-8") from None
    return parse_qs(text, keep_blank_values=True) if text else {}


async def _parameters(method: str, query_string: bytes, content_type: str | None,
                      read_body: Callable[[], Awaitable[bytes]]
                      ) -> tuple[dict[str, list[str]], str | None]:
    """The protocol parameters and, for a direct POST, the body as the query."""
    params = _query_params(query_string)
    if method != "POST":
        return params, None
    content_type = (content_type or "").split(";")[0].strip().lower()
    body = await read_body()
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


@functools.lru_cache(maxsize=256)
def _chosen(accept: str | None, form: QueryForm) -> str | None:
    """The result format for a *form* query and an Accept header (None: 406); clients
    send the same few headers again and again, so each is read once."""
    offers = OFFERS[form]
    chosen = best_match(accept, list(offers))
    return None if chosen is None else offers[chosen]


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return best_match(accept, ["application/sparql-results+json", "text/html"]) == "text/html"


class Reply(NamedTuple):
    """The endpoint's answer to one request, before it becomes an HTTP response."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str]


def _refused(status: int, message: str) -> Reply:
    return Reply(status, TEXT, (message + "\n").encode("utf-8"), {})


@dataclass(frozen=True)
class _Pending:
    """A query for a worker, and the key of its answer in the cache."""

    job: Job
    key: AnswerKey | None


def _settle(method: str, params: dict[str, list[str]], body_query: str | None,
            accept: str | None, pool: WorkerPool, config: EndpointConfig,
            local: LookupAnswerer | None, cache: ResponseCache | None
            ) -> Reply | _Pending | None:
    """What the server process answers itself (the limits, the refusals, content
    negotiation, a cached answer, a look-up), or the query for a worker, or None for a
    GET without a query."""
    try:
        if "update" in params:
            raise _ProtocolError(403, "this endpoint is read-only: SPARQL updates are refused")
        query = body_query if body_query is not None else _single(params, "query")
    except _ProtocolError as error:
        return _refused(error.status, str(error))
    if query is None:
        if method == "GET":
            return None
        return _refused(400, NO_QUERY)
    try:
        shape = sparqlguard.check_limits(query)
    except QueryLimitError as error:
        return _refused(413 if error.limit == "length" else 400, str(error))
    except QueryError as error:
        return _refused(400, str(error))
    if shape.update:
        return _refused(403, "this endpoint is read-only: SPARQL updates are refused")
    if shape.service and pool.guard:  # quick; the worker's parse finds every other way
        return _refused(403, sparqlguard.protocol_message("service"))
    fmt: str | None = None
    if shape.form is not None:
        fmt = _chosen(accept, shape.form)
        if fmt is None:
            offers = OFFERS[shape.form]
            available = ", ".join(dict.fromkeys(MEDIA_TYPES[f].split(";")[0]
                                                for f in offers.values()))
            return _refused(406, f"cannot answer a {shape.form} query in the media types of "
                                 f"the Accept header; available: {available}")
    job = Job(query=query, fmt=fmt, max_rows=config.max_rows,
              default_graphs=tuple(params.get("default-graph-uri", ())),
              named_graphs=tuple(params.get("named-graph-uri", ())),
              base_iri=config.base_iri)
    key = AnswerKey.of(job) if cache is not None else None
    if cache is not None and key is not None:
        cached = cache.get(key)
        if cached is not None:
            return _reply_of(cached, config)
    if local is not None and not job.default_graphs and not job.named_graphs \
            and is_lookup(query):
        outcome = local.answer(job)
        if cache is not None and key is not None:
            cache.put(key, outcome)
        return _reply_of(outcome, config)
    return _Pending(job, key)


def _reply_of(outcome: Outcome, config: EndpointConfig) -> Reply:
    headers = {"Vary": "Accept"}
    if outcome.retry_after is not None:
        headers["Retry-After"] = str(outcome.retry_after)
    if outcome.truncated:
        headers["Vngkb-Truncated"] = "true"
        headers["Vngkb-Max-Rows"] = str(config.max_rows)
    return Reply(outcome.status, outcome.media_type, outcome.body, headers)


async def reply(method: str, query_string: bytes, accept: str | None,
                content_type: str | None, read_body: Callable[[], Awaitable[bytes]],
                pool: WorkerPool, config: EndpointConfig,
                local: LookupAnswerer | None = None,
                cache: ResponseCache | None = None) -> Reply | None:
    """The answer to one SPARQL Protocol request (*accept* and *content_type*: its
    headers; *read_body*: its body), or None for a GET without a query (the caller
    describes the service, or sends a browser to the editor). A look-up
    (:func:`is_lookup`) is answered from *local*, the same data as the workers', when
    given; a repeated request from *cache* when given (after the limits and quick
    refusals, which every request meets)."""
    try:
        params, body_query = await _parameters(method, query_string, content_type, read_body)
    except _ProtocolError as error:
        return _refused(error.status, str(error))
    settled = _settle(method, params, body_query, accept, pool, config, local, cache)
    if not isinstance(settled, _Pending):
        return settled
    outcome = await pool.run(settled.job)
    if cache is not None and settled.key is not None:
        cache.put(settled.key, outcome)
    return _reply_of(outcome, config)


def quick_reply(query_string: bytes, accept: str | None, pool: WorkerPool,
                config: EndpointConfig, local: LookupAnswerer | None = None,
                cache: ResponseCache | None = None) -> Reply | None:
    """The answer to a ``GET`` with *query_string* when the server process gives it
    at once (:func:`reply` without waiting: a refusal, a cached answer, a look-up), or
    None when it needs a worker or there is no query."""
    try:
        params = _query_params(query_string)
    except _ProtocolError as error:
        return _refused(error.status, str(error))
    settled = _settle("GET", params, None, accept, pool, config, local, cache)
    return None if isinstance(settled, _Pending) else settled


NO_QUERY = ("no query: send ?query=... (GET), a form with query=... or an "
            "application/sparql-query body (POST)")


async def handle(request: Request, pool: WorkerPool, config: EndpointConfig,
                 local: LookupAnswerer | None = None,
                 cache: ResponseCache | None = None) -> Response:
    """Answer one SPARQL Protocol request (:func:`reply`) as a Starlette response."""
    answer = await reply(request.method, request.scope.get("query_string", b""),
                         request.headers.get("accept"), request.headers.get("content-type"),
                         request.body, pool, config, local, cache)
    if answer is None:  # a GET without a query
        described = config.describe(request) if config.describe is not None else None
        if described is not None:
            return described
        if _wants_html(request):
            return RedirectResponse("/query", status_code=303)
        return _error(400, NO_QUERY)
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type,
                    headers=answer.headers)


#: The CORS policy of the whole site (any origin may read it; the endpoint's own headers
#: readable too), for :class:`~starlette.middleware.cors.CORSMiddleware` and the lane.
CORS_EXPOSED = ("Vngkb-Truncated", "Vngkb-Max-Rows")
_CORS_SIMPLE = [(b"access-control-allow-origin", b"*"),
                (b"access-control-expose-headers", ", ".join(CORS_EXPOSED).encode("ascii"))]

#: What the lane asks for one request: (method, query string, Accept, Content-Type, the
#: body's reader) to the endpoint's :func:`reply`.
Answerer = Callable[[str, bytes, "str | None", "str | None", Callable[[], Awaitable[bytes]]],
                    Awaitable["Reply | None"]]


def response_headers(answer: Reply, cross_origin: bool) -> list[tuple[bytes, bytes]]:
    """The headers of *answer* as the site sends them: Starlette's response, then the
    site's CORS middleware (*cross_origin*: the request has an ``Origin`` header), in
    their order."""
    headers = [(b"vary", b"Accept, Origin") if name == "Vary"
               else (name.lower().encode("latin-1"), value.encode("latin-1"))
               for name, value in answer.headers.items()]
    headers.append((b"content-length", str(len(answer.body)).encode("ascii")))
    headers.append((b"content-type", answer.media_type.encode("latin-1")))
    if cross_origin:
        headers.extend(_CORS_SIMPLE)
    if "Vary" not in answer.headers:
        headers.append((b"vary", b"Origin"))
    return headers


def at_once(now: Callable[[bytes, str | None], Reply | None]
            ) -> Callable[[bytes, bytes, list[tuple[bytes, bytes]]],
                          tuple[int, list[tuple[bytes, bytes]], bytes] | None]:
    """The endpoint's answers given at once (a
    :data:`vngkb.server.connections.QuickAnswer`): a ``GET /sparql`` that *now* (the
    server's :func:`quick_reply`: query string, Accept) answers, with the headers the
    site sends (:func:`response_headers`); None for any other request."""

    def quick(path: bytes, query_string: bytes, headers: list[tuple[bytes, bytes]]
              ) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        if path != b"/sparql":
            return None
        accept: str | None = None
        origin = False
        seen_accept = False
        for name, value in headers:  # the first Accept, as Starlette reads it
            if name == b"accept" and not seen_accept:
                accept, seen_accept = value.decode("latin-1"), True
            elif name == b"origin":
                origin = True
        answer = now(query_string, accept)
        if answer is None:
            return None
        return answer.status, response_headers(answer, origin), answer.body

    return quick


class _Disconnected(Exception):
    """The client left before its request's body arrived."""


class Lane:
    """ASGI middleware that takes ``GET`` and ``POST /sparql`` straight to the endpoint
    (*answer*, :func:`reply` with the server's pool, limits, look-ups and cache), past
    the routing, the other middleware and the request and response objects of the rest
    of the site, which cost a cheap request more than its answer
    (benchmarks/bench_server_stages.py). The answer is the same, to the byte and header:
    what Starlette's response and the site's CORS middleware would add, it adds (a test
    compares the two ways). Everything else, and a ``GET`` without a query (the service
    description), goes on to *app*."""

    def __init__(self, app: Callable[..., Awaitable[None]], answer: Answerer) -> None:
        self.app = app
        self.answer = answer

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Awaitable[Any]],
                       send: Callable[[Any], Awaitable[None]]) -> None:
        method = scope.get("method")
        if scope["type"] != "http" or scope["path"] != "/sparql" or scope.get("root_path") \
                or method not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        accept = content_type = origin = None
        for name, value in scope["headers"]:  # the first of each, as Starlette reads them
            if name == b"accept":
                accept = value.decode("latin-1") if accept is None else accept
            elif name == b"content-type":
                content_type = value.decode("latin-1") if content_type is None else content_type
            elif name == b"origin":
                origin = value if origin is None else origin

        async def read_body() -> bytes:
            chunks = []
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise _Disconnected
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    return b"".join(chunks)

        try:
            answer = await self.answer(method, scope.get("query_string", b""), accept,
                                       content_type, read_body)
        except _Disconnected:
            return
        if answer is None:  # a GET without a query: the service description
            await self.app(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": answer.status,
                    "headers": response_headers(answer, origin is not None)})
        await send({"type": "http.response.body", "body": answer.body})
