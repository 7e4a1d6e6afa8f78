"""The endpoint's request handling (vngkb.server.sparql) on its own: a scripted pool
stands in for the worker processes, so that each case shows exactly which job reached
the pool (or that none did) and which response the handler made of the pool's answer."""

from __future__ import annotations

import asyncio
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

import pyoxigraph as ox
import pytest
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.sandbox import guard as sparqlguard
from vngkb.server import sparql
from vngkb.server.answer_cache import LookupAnswerer, ResponseCache
from vngkb.server.pool import TEXT, Job, Outcome
from vngkb.server.sparql import EndpointConfig, QueryInfo, analyse, is_lookup

SELECT = "SELECT * WHERE { ?s ?p ?o }"
ASK = "ASK { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT WHERE { ?s ?p ?o }"
JSON = "application/sparql-results+json"
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused\n"
NO_QUERY = ("no query: send ?query=... (GET), a form with query=... or an "
            "application/sparql-query body (POST)\n")
SUBJECT = "https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/investeringsfonds"
LOOKUP = f"SELECT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o }}"


class ScriptedPool:
    """Answers every job with *outcome* and keeps the jobs it was given."""

    def __init__(self, outcome: Outcome, guard: bool = True) -> None:
        self.outcome = outcome
        self.guard = guard
        self.prefixes: dict[str, str] = {}
        self.jobs: list[Job] = []

    async def run(self, job: Job) -> Outcome:
        self.jobs.append(job)
        return self.outcome


ANSWER = Outcome(200, JSON, b'{"answer": 1}')


class Client:
    """Calls :func:`sparql.handle` the way Starlette would, with a request made from an
    ASGI scope, and returns the handler's response (no HTTP library needed)."""

    def __init__(self, pool: ScriptedPool, config: EndpointConfig,
                 local: ox.Store | None = None, cache: ResponseCache | None = None) -> None:
        # The server answers look-ups from its own copy of the store through a
        # LookupAnswerer, with the pool's prefixes.
        self.pool, self.config, self.cache = pool, config, cache
        self.local = None if local is None else LookupAnswerer(local, pool.prefixes)

    def request(self, method: str, params: Mapping[str, str] | Sequence[tuple[str, str]] = (),
                *, headers: Mapping[str, str] | None = None, content: bytes = b"",
                data: Mapping[str, str] | None = None,
                raw_query_string: bytes | None = None) -> Response:
        all_headers = dict(headers or {})
        if data is not None:
            content = urllib.parse.urlencode(data).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        scope = {"type": "http", "method": method, "path": "/sparql", "root_path": "",
                 "scheme": "http", "server": ("127.0.0.1", 80),
                 "query_string": (urllib.parse.urlencode(params).encode()
                                  if raw_query_string is None else raw_query_string),
                 "headers": [(k.lower().encode(), v.encode("latin-1"))
                             for k, v in all_headers.items()]}

        async def receive() -> dict[str, object]:
            return {"type": "http.request", "body": content, "more_body": False}

        request = Request(scope, receive)
        return asyncio.run(sparql.handle(request, self.pool, self.config,  # type: ignore[arg-type]
                                         self.local, self.cache))

    def get(self, params: Mapping[str, str] | Sequence[tuple[str, str]] = (),
            headers: Mapping[str, str] | None = None) -> Response:
        return self.request("GET", params, headers=headers)

    def post(self, params: Mapping[str, str] | Sequence[tuple[str, str]] = (), **kwargs: Any
             ) -> Response:
        return self.request("POST", params, **kwargs)


def text_of(response: Response) -> str:
    return bytes(response.body).decode("utf-8")


@pytest.fixture
def pool() -> ScriptedPool:
    return ScriptedPool(ANSWER)


@pytest.fixture
def client(pool: ScriptedPool) -> Client:
    return Client(pool, EndpointConfig(max_rows=7, base_iri="https://w3id.org/vngkb/"))


def _job(query: str, fmt: str | None, **kwargs: object) -> Job:
    return Job(query=query, fmt=fmt, max_rows=7, base_iri="https://w3id.org/vngkb/",
               **kwargs)  # type: ignore[arg-type]


# --- What reaches the pool --------------------------------------------------------------

def test_get_passes_the_job_and_the_answer(client: Client, pool: ScriptedPool) -> None:
    response = client.get({"query": SELECT}, headers={"Accept": JSON})
    assert pool.jobs == [_job(SELECT, "json")]
    assert response.status_code == 200
    assert response.body == b'{"answer": 1}'
    assert response.headers["content-type"] == JSON
    assert response.headers["vary"] == "Accept"
    assert "retry-after" not in response.headers
    assert "vngkb-truncated" not in response.headers
    assert "vngkb-max-rows" not in response.headers


def test_graphs_of_the_request_go_with_the_job(client: Client, pool: ScriptedPool) -> None:
    client.get([("query", SELECT), ("default-graph-uri", "http://x/a"),
                                  ("default-graph-uri", "http://x/b"),
                                  ("named-graph-uri", "http://x/c")],
               headers={"Accept": JSON})
    assert pool.jobs == [_job(SELECT, "json", default_graphs=("http://x/a", "http://x/b"),
                              named_graphs=("http://x/c",))]


@pytest.mark.parametrize(("query", "accept", "fmt"), [
    (SELECT, JSON, "json"),
    (SELECT, "application/sparql-results+xml", "xml"),
    (SELECT, "text/csv", "csv"),
    (SELECT, "text/tab-separated-values", "tsv"),
    (SELECT, "application/json", "json"),
    (SELECT, "text/xml", "xml"),
    (SELECT, "*/*", "json"),
    (SELECT, "text/csv;q=0.5, application/sparql-results+xml", "xml"),
    (ASK, "application/xml", "xml"),
    (ASK, "*/*", "json"),
    (CONSTRUCT, "text/turtle", "turtle"),
    (CONSTRUCT, "application/json", "jsonld"),
    (CONSTRUCT, "application/n-triples", "ntriples"),
    (CONSTRUCT, "*/*", "turtle"),
    ("DESCRIBE <http://x/a>", "application/ld+json", "jsonld"),
])
def test_the_format_follows_the_accept_header(client: Client, pool: ScriptedPool,
                                              query: str, accept: str, fmt: str) -> None:
    assert client.get({"query": query},
                      headers={"Accept": accept}).status_code == 200
    assert pool.jobs == [_job(query, fmt)]


def test_a_query_of_no_known_form_is_left_to_the_worker(client: Client,
                                                        pool: ScriptedPool) -> None:
    # No form keyword: no media type is chosen here; the worker's parse answers it.
    query = "PREFIX x: <http://x/>"
    assert client.get({"query": query},
                      headers={"Accept": "text/csv"}).status_code == 200
    assert pool.jobs == [_job(query, None)]


@pytest.mark.parametrize(("query", "accept", "available"), [
    (SELECT, "text/turtle", "application/sparql-results+json, application/sparql-results+xml, "
                            "text/csv, text/tab-separated-values"),
    (ASK, "text/csv", "application/sparql-results+json, application/sparql-results+xml"),
    (CONSTRUCT, JSON, "text/turtle, application/ld+json, application/n-triples"),
])
def test_no_acceptable_media_type_is_406(client: Client, pool: ScriptedPool, query: str,
                                         accept: str, available: str) -> None:
    response = client.get({"query": query}, headers={"Accept": accept})
    form = query.split()[0]
    assert response.status_code == 406
    assert text_of(response) == (f"cannot answer a {form} query in the media types of the Accept "
                             f"header; available: {available}\n")
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert pool.jobs == []


@pytest.mark.parametrize(("outcome", "headers"), [
    (Outcome(503, "text/plain; charset=utf-8", b"busy\n", retry_after=0),
     {"retry-after": "0"}),
    (Outcome(503, "text/plain; charset=utf-8", b"busy\n", retry_after=5),
     {"retry-after": "5"}),
    (Outcome(200, JSON, b"{}", truncated=True),
     {"vngkb-truncated": "true", "vngkb-max-rows": "7"}),
])
def test_headers_of_the_outcome(outcome: Outcome, headers: dict[str, str]) -> None:
    pool = ScriptedPool(outcome)
    client = Client(pool, EndpointConfig(max_rows=7))
    response = client.get({"query": SELECT}, headers={"Accept": JSON})
    assert response.status_code == outcome.status
    assert response.body == outcome.body
    assert response.headers["content-type"] == outcome.media_type
    assert {k: v for k, v in response.headers.items()
            if k in ("retry-after", "vngkb-truncated", "vngkb-max-rows")} == headers
    assert pool.jobs == [Job(query=SELECT, fmt="json", max_rows=7)]


# --- POST ---------------------------------------------------------------------------------

def test_post_a_form(client: Client, pool: ScriptedPool) -> None:
    response = client.post({"default-graph-uri": "http://x/a"}, data={"query": ASK},
                           headers={"Accept": JSON})
    assert response.status_code == 200
    assert pool.jobs == [_job(ASK, "json", default_graphs=("http://x/a",))]


def test_a_form_and_the_url_together_give_the_query_twice(client: Client,
                                                          pool: ScriptedPool) -> None:
    response = client.post({"query": ASK}, data={"query": ASK})
    assert response.status_code == 400
    assert text_of(response) == "give the 'query' parameter once, not 2 times\n"
    assert pool.jobs == []


@pytest.mark.parametrize("content_type", ["application/sparql-query",
                                          "Application/SPARQL-Query; charset=utf-8",
                                          " application/sparql-query ;charset=UTF-8"])
def test_post_a_query_body(client: Client, pool: ScriptedPool, content_type: str) -> None:
    response = client.post(content="ASK { ?s ?p \"é\" }".encode(),
                           headers={"Content-Type": content_type, "Accept": JSON})
    assert response.status_code == 200
    assert pool.jobs == [_job("ASK { ?s ?p \"é\" }", "json")]


def test_a_query_body_wins_over_a_query_in_the_url(client: Client,
                                                   pool: ScriptedPool) -> None:
    client.post({"query": SELECT}, content=ASK.encode(),
                headers={"Content-Type": "application/sparql-query", "Accept": JSON})
    assert pool.jobs == [_job(ASK, "json")]


@pytest.mark.parametrize(("content_type", "body", "status", "message"), [
    ("application/sparql-update", b"CLEAR ALL", 403, READ_ONLY),
    ("application/sparql-update; charset=utf-8", b"ASK {}", 403, READ_ONLY),
    ("text/plain", ASK.encode(), 415,
     "POST a query as application/x-www-form-urlencoded (query=...) or as "
     "application/sparql-query\n"),
    ("", ASK.encode(), 415,
     "POST a query as application/x-www-form-urlencoded (query=...) or as "
     "application/sparql-query\n"),
    ("application/sparql-query", b"ASK { \xff }", 400, "the request body is not UTF-8\n"),
    ("application/x-www-form-urlencoded", b"query=\xff", 400,
     "the request body is not UTF-8\n"),
    ("application/x-www-form-urlencoded", b"update=CLEAR+ALL", 403, READ_ONLY),
    ("application/x-www-form-urlencoded", b"query=ASK+%7B%7D&query=ASK+%7B%7D", 400,
     "give the 'query' parameter once, not 2 times\n"),
])
def test_post_refusals(client: Client, pool: ScriptedPool, content_type: str, body: bytes,
                       status: int, message: str) -> None:
    response = client.post(content=body, headers={"Content-Type": content_type})
    assert (response.status_code, text_of(response)) == (status, message)
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert pool.jobs == []


# --- Refused before the pool ----------------------------------------------------------------

@pytest.mark.parametrize(("params", "status", "message"), [
    ({"update": "CLEAR ALL"}, 403, READ_ONLY),
    ({"update": ""}, 403, READ_ONLY),
    ({"query": SELECT, "update": "CLEAR ALL"}, 403, READ_ONLY),
    ({"query": "INSERT DATA { <http://x/a> <http://x/b> 1 }"}, 403, READ_ONLY),
    ({"query": "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }"}, 403, READ_ONLY),
    ({"query": "ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}, 403,
     sparqlguard.protocol_message("service") + "\n"),
    ({"query": ""}, 400, "the query is empty\n"),
    ({"query": "   "}, 400, "the query is empty\n"),
    ({"query": "ASK " + "{" * 65 + "}" * 65}, 400,
     "the query nests brackets deeper than the limit of 64 levels\n"),
    ({"query": "ASK {" + " {} UNION" * 501 + " {} }"}, 400,
     "the query has more UNION branches than the limit of 500\n"),
    ({"query": "ASK {} #" + "x" * (sparql.MAX_QUERY_LENGTH - 7)}, 413,
     "the query is longer than the limit of 100000 characters\n"),
    ({"query": "ASK { \\UFFFFFFFF }"}, 400,
     "SPARQL syntax error: invalid code point escape \\UFFFFFFFF\n"),
])
def test_refused_before_the_pool(client: Client, pool: ScriptedPool,
                                 params: dict[str, str], status: int, message: str) -> None:
    response = client.post(data=params, headers={"Accept": JSON})
    assert (response.status_code, text_of(response)) == (status, message)
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert pool.jobs == []


def test_the_longest_query_reaches_the_pool(client: Client, pool: ScriptedPool) -> None:
    query = "ASK {} #" + "x" * (sparql.MAX_QUERY_LENGTH - 8)
    assert len(query) == sparql.MAX_QUERY_LENGTH
    response = client.post(data={"query": query}, headers={"Accept": JSON})
    assert response.status_code == 200
    assert pool.jobs == [_job(query, "json")]


def test_without_the_guard_service_is_left_to_the_workers() -> None:
    """With the workers' parse turned off (as some tests do to reach the second layer),
    this quick check does not refuse SERVICE either: the network lock must."""
    pool = ScriptedPool(ANSWER, guard=False)
    query = "ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    client = Client(pool, EndpointConfig(max_rows=7))
    response = client.get({"query": query}, headers={"Accept": JSON})
    assert response.status_code == 200
    assert pool.jobs == [Job(query=query, fmt="json", max_rows=7)]


# --- Without a query ------------------------------------------------------------------------

def _description(request: Request) -> Response | None:
    if "text/turtle" in request.headers.get("accept", ""):
        return PlainTextResponse("the service description", media_type="text/turtle")
    return None


@pytest.mark.parametrize(("method", "accept", "status", "text"), [
    ("GET", "text/turtle", 200, "the service description"),
    ("GET", "text/html", 303, ""),
    ("GET", "text/html,application/xhtml+xml,*/*;q=0.8", 303, ""),
    ("GET", JSON, 400, NO_QUERY),
    ("GET", "", 400, NO_QUERY),
    ("GET", "*/*", 400, NO_QUERY),
    ("POST", "text/turtle", 400, NO_QUERY),
    ("POST", "text/html", 400, NO_QUERY),
])
def test_without_a_query(method: str, accept: str, status: int, text: str) -> None:
    pool = ScriptedPool(ANSWER)
    client = Client(pool, EndpointConfig(max_rows=7, describe=_description))
    # A POST sends an empty form: the content type is right, the query is missing.
    response = client.request(method, headers={"Accept": accept},
                              data={} if method == "POST" else None)
    assert (response.status_code, text_of(response)) == (status, text)
    if status == 303:
        assert response.headers["location"] == "/query"
    assert pool.jobs == []


@pytest.mark.parametrize(("accept", "status"), [("text/turtle", 400), ("text/html", 303)])
def test_without_a_description(accept: str, status: int) -> None:
    client = Client(ScriptedPool(ANSWER), EndpointConfig(max_rows=7))
    assert client.get(headers={"Accept": accept}).status_code == status


# --- Look-ups from the server's own store ---------------------------------------------------

@pytest.fixture(scope="module")
def local() -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(SUBJECT), ox.NamedNode("http://purl.org/dc/terms/title"),
                      ox.Literal("Investeringsfonds", language="nl")))
    return store


def test_a_lookup_is_answered_without_the_pool(local: ox.Store) -> None:
    pool = ScriptedPool(ANSWER)
    client = Client(pool, EndpointConfig(max_rows=7), local)
    response = client.get({"query": LOOKUP}, headers={"Accept": "text/csv"})
    assert pool.jobs == []
    assert response.status_code == 200
    assert text_of(response) == "p,o\r\nhttp://purl.org/dc/terms/title,Investeringsfonds\r\n"


@pytest.mark.parametrize("params", [
    {"query": SELECT},  # not a look-up
    {"query": LOOKUP, "default-graph-uri": "http://x/g"},
    {"query": LOOKUP, "named-graph-uri": "http://x/g"},
])
def test_other_queries_go_to_the_pool(local: ox.Store, params: dict[str, str]) -> None:
    pool = ScriptedPool(ANSWER)
    client = Client(pool, EndpointConfig(max_rows=7), local)
    response = client.get(params, headers={"Accept": JSON})
    assert response.body == ANSWER.body
    assert len(pool.jobs) == 1 and pool.jobs[0].query == params["query"]


def test_without_a_local_store_a_lookup_goes_to_the_pool(client: Client,
                                                         pool: ScriptedPool) -> None:
    client.get({"query": LOOKUP}, headers={"Accept": JSON})
    assert pool.jobs == [_job(LOOKUP, "json")]


@pytest.mark.parametrize(("text", "lookup"), [
    (LOOKUP, True),
    (f"SELECT * WHERE {{ <{SUBJECT}> ?p ?o }}", True),
    (f"select * {{<{SUBJECT}> ?p ?o .}}", True),
    (f"  SELECT ?a ?b WHERE {{ <{SUBJECT}> ?a ?b }} LIMIT 100  ", True),
    (f"SELECT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o }} LIMIT 999999999", True),
    (f"SELECT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o }}\nLIMIT\n5\n", True),
    ("SELECT ?p ?o WHERE { <> ?p ?o }", True),
    (f"SELECT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o }} LIMIT 1000000000", False),
    (f"SELECT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o }} LIMIT", False),
    (f"SELECT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o }} OFFSET 5", False),
    (f"SELECT ?p WHERE {{ <{SUBJECT}> ?p ?o }}", False),
    (f"SELECT ?p ?o ?x WHERE {{ <{SUBJECT}> ?p ?o }}", False),
    (f"SELECT DISTINCT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o }}", False),
    (f"SELECT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o . ?o ?q ?r }}", False),
    (f"SELECT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o FILTER(true) }}", False),
    ("SELECT ?p ?o WHERE { <http://x/a b> ?p ?o }", False),
    ("SELECT ?p ?o WHERE { <http://x/{a}> ?p ?o }", False),
    ("SELECT ?p ?o WHERE { <http://x/\"> ?p ?o }", False),
    ("SELECT ?p ?o WHERE { <http://x/é> ?p ?o }", True),  # an IRI, not only a URI
    ("SELECT ?p ?o WHERE { ?s ?p ?o }", False),
    ("SELECT ?p ?o WHERE { x:a ?p ?o }", False),
    (f"ASK {{ <{SUBJECT}> ?p ?o }}", False),
    (f"PREFIX x: <http://x/> SELECT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o }}", False),
    (f"SELECT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o }} # comment", False),
    (f"SELECT ?p ?o WHERE {{ <{SUBJECT}> ?p ?o }}}}", False),
])
def test_is_lookup(text: str, lookup: bool) -> None:
    assert is_lookup(text) is lookup


@pytest.mark.parametrize(("text", "info"), [
    (SELECT, QueryInfo("SELECT", False)),
    ("prefix x: <http://x/ask> construct where { ?s ?p ?o }", QueryInfo("CONSTRUCT", False)),
    ("# SELECT\nDESCRIBE <http://x/a>", QueryInfo("DESCRIBE", False)),
    ("BASE <http://x/> ASK {}", QueryInfo("ASK", False)),
    ("DELETE WHERE { ?s ?p ?o }", QueryInfo(None, True)),
    ("WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", QueryInfo(None, True)),
    ("", QueryInfo(None, False)),
])
def test_analyse(text: str, info: QueryInfo) -> None:
    assert analyse(text) == info
    assert QueryInfo("SELECT") == QueryInfo("SELECT", update=False)


# --- Blank and missing values ---------------------------------------------------------------

def test_a_blank_query_in_the_url_is_an_empty_query(client: Client, pool: ScriptedPool) -> None:
    response = client.get({"query": ""}, headers={"Accept": JSON})
    assert (response.status_code, text_of(response)) == (400, "the query is empty\n")
    assert pool.jobs == []


def test_a_blank_update_in_the_url_is_refused(client: Client, pool: ScriptedPool) -> None:
    response = client.get({"update": ""}, headers={"Accept": JSON})
    assert (response.status_code, text_of(response)) == (403, READ_ONLY)


def test_a_post_without_a_content_type(client: Client, pool: ScriptedPool) -> None:
    response = client.request("POST", content=ASK.encode())
    assert response.status_code == 415
    assert text_of(response).startswith("POST a query as application/x-www-form-urlencoded")
    assert pool.jobs == []


@pytest.mark.parametrize(("accept", "status"), [
    ("text/html;q=0.5, application/sparql-results+json", 400),
    ("application/sparql-results+json;q=0.5, text/html", 303),
    ("application/*, text/html;q=0.9", 400),
])
def test_a_browser_is_sent_to_the_query_page_only_if_it_prefers_html(
        accept: str, status: int) -> None:
    client = Client(ScriptedPool(ANSWER), EndpointConfig(max_rows=7))
    assert client.get(headers={"Accept": accept}).status_code == status


# --- The raw query string ----------------------------------------------------------------

def test_a_query_string_that_is_not_utf8_is_400(client: Client, pool: ScriptedPool) -> None:
    raw = b"query=" + urllib.parse.quote(SELECT).encode() + b"&x=\xff\xfe"
    response = client.request("GET", raw_query_string=raw)
    assert (response.status_code, text_of(response)) == (400, "the query string is not UTF-8\n")
    assert pool.jobs == []


def test_the_same_query_in_a_utf8_query_string_reaches_the_pool(client: Client,
                                                                pool: ScriptedPool) -> None:
    raw = b"query=" + urllib.parse.quote(SELECT).encode() + b"&x=%C3%A9"
    response = client.request("GET", raw_query_string=raw)
    assert response.status_code == 200
    assert pool.jobs == [_job(SELECT, "json")]


# --- The answer cache: which requests it answers, which answers it keeps ----------------

@pytest.fixture
def cached_client(pool: ScriptedPool) -> Client:
    return Client(pool, EndpointConfig(max_rows=7, base_iri="https://w3id.org/vngkb/"),
                  cache=ResponseCache(keep_after=1))


def test_a_repeated_request_is_answered_from_the_cache(cached_client: Client,
                                                       pool: ScriptedPool) -> None:
    first = cached_client.get({"query": SELECT})
    second = cached_client.get({"query": SELECT})
    assert pool.jobs == [_job(SELECT, "json")]  # the second never reached the pool
    assert [(r.status_code, bytes(r.body), r.media_type) for r in (first, second)] \
        == [(200, b'{"answer": 1}', JSON)] * 2
    assert cached_client.cache is not None
    assert (len(cached_client.cache), cached_client.cache.hits,
            cached_client.cache.misses) == (1, 1, 1)


def test_another_text_or_format_is_not_the_cached_answer(cached_client: Client,
                                                         pool: ScriptedPool) -> None:
    cached_client.get({"query": SELECT})
    cached_client.get({"query": SELECT + " "})
    cached_client.get({"query": SELECT}, headers={"Accept": "text/csv"})
    assert pool.jobs == [_job(SELECT, "json"), _job(SELECT + " ", "json"),
                         _job(SELECT, "csv")]
    assert cached_client.cache is not None and len(cached_client.cache) == 3


def test_without_a_cache_every_request_reaches_the_pool(client: Client,
                                                        pool: ScriptedPool) -> None:
    client.get({"query": SELECT})
    client.get({"query": SELECT})
    assert pool.jobs == [_job(SELECT, "json")] * 2


def test_a_failed_answer_is_not_kept() -> None:
    failing = ScriptedPool(Outcome(503, "text/plain; charset=utf-8", b"busy\n", retry_after=2))
    client = Client(failing, EndpointConfig(max_rows=7, base_iri="https://w3id.org/vngkb/"),
                    cache=ResponseCache(keep_after=1))
    responses = [client.get({"query": SELECT}) for _ in range(2)]
    assert [(r.status_code, r.headers["retry-after"]) for r in responses] == [(503, "2")] * 2
    assert failing.jobs == [_job(SELECT, "json")] * 2
    assert client.cache is not None and len(client.cache) == 0


def test_a_refusal_never_reaches_the_cache(cached_client: Client, pool: ScriptedPool) -> None:
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    responses = [cached_client.get({"query": update}) for _ in range(2)]
    assert [(r.status_code, text_of(r)) for r in responses] == [(403, READ_ONLY)] * 2
    assert pool.jobs == []
    assert cached_client.cache is not None
    assert (len(cached_client.cache), cached_client.cache.hits,
            cached_client.cache.misses) == (0, 0, 0)


def test_no_accept_header_is_answered_in_json(client: Client, pool: ScriptedPool) -> None:
    response = client.get({"query": SELECT}, headers={})
    assert (response.status_code, response.media_type) == (200, JSON)
    assert pool.jobs == [_job(SELECT, "json")]


# --- the form of a query and its look-ups, on the texts the endpoint was given ----------

@pytest.mark.parametrize(("text", "form", "update", "service"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT", False, False),
    ("prefix ex: <http://x/> ask { ?s ex:p 1 }", "ASK", False, False),
    ("BASE <http://x/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", False, False),
    ("DESCRIBE <http://x/a>", "DESCRIBE", False, False),
    ("# SELECT\nINSERT DATA { <http://x/a> <http://x/b> 1 }", None, True, False),
    ("PREFIX insert: <http://x/> DELETE WHERE { ?s insert:p ?o }", None, True, False),
    ("LOAD <http://example.org/data.ttl>", None, True, False),
    ('SELECT ?service WHERE { ?s ?p "SERVICE" . ?s <http://x/SERVICE> ?service }',
     "SELECT", False, False),
    ("SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }",
     "SELECT", False, True),
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o < 5 && ?o > 1) } # SERVICE", "SELECT", False, False),
])
def test_query_analysis(text: str, form: str | None, update: bool, service: bool) -> None:
    """The cheap scan tells the form (or an update); the parse finds SERVICE."""
    info = analyse(text)
    assert (info.form, info.update) == (form, update)
    if not update:
        assert sparqlguard.analyse_query(text, allow_service=True).service is service


@pytest.mark.parametrize(("text", "lookup"), [
    (f"SELECT ?p ?o WHERE {{ <https://w3id.org/vngkb/id/maatregel/{LB}/woningbouw> ?p ?o }}", True),
    ("select * { <urn:x> ?p ?o . } limit 10", True),
    ("  SELECT ?a ?b\nWHERE\n{\n<urn:x> ?a ?b }\n", True),
    ("SELECT ?p ?o WHERE { <urn:x> ?p ?o } # comment", False),
    ("SELECT ?p ?o WHERE { SERVICE <http://example.org/sparql> { <urn:x> ?p ?o } }", False),
    ("SELECT ?p ?o WHERE { <urn:x> ?p ?o . <urn:y> ?q ?r }", False),
    ("SELECT ?p ?o WHERE { ?s ?p ?o }", False),
    ("SELECT ?p ?o WHERE { <urn:x y> ?p ?o }", False),
    ("SELECT ?p ?o WHERE { <urn:x> ?p ?o } LIMIT 99999999999", False),
    ("PREFIX x: <urn:y> SELECT ?p ?o WHERE { <urn:x> ?p ?o }", False),
    ("SELECT ?p ?o WHERE { <urn:x> ?p ?o FILTER(1) }", False),
    ("SELECT ?p ?o WHERE { <urn:\u0661> ?p ?o }", True),
    ("SELECT ?p ?o WHERE { <urn:x\x07> ?p ?o }", False),
    ("INSERT DATA { <urn:x> <urn:p> <urn:o> }", False),
])
def test_which_queries_are_lookups(text: str, lookup: bool) -> None:
    assert is_lookup(text) is lookup


# --- the lane: /sparql past the rest of the site, with the same answer ------------------

def _asgi(app: Any, method: str, path: str = "/sparql", headers: Sequence[tuple[str, str]] = (),
          body: Sequence[bytes] = (b"",), query_string: bytes = b"query=ASK%7B%7D",
          root_path: str = "") -> list[dict[str, Any]]:
    """The messages *app* sends for one request (its body in the pieces of *body*; an
    empty *body* sequence: the client leaves before sending one)."""
    scope = {"type": "http", "method": method, "path": path, "root_path": root_path,
             "scheme": "http", "server": ("127.0.0.1", 80), "query_string": query_string,
             "headers": [(k.lower().encode(), v.encode("latin-1")) for k, v in headers]}
    pieces = [{"type": "http.request", "body": piece, "more_body": i < len(body) - 1}
              for i, piece in enumerate(body)] or [{"type": "http.disconnect"}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return pieces.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def _site(reply: sparql.Reply | None) -> Any:
    """What the rest of the site does with *reply*: a Starlette response (or a marker
    that the site answered), through the site's CORS middleware."""
    from starlette.middleware.cors import CORSMiddleware

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        response = (PlainTextResponse("the site", status_code=299) if reply is None else
                    Response(reply.body, status_code=reply.status,
                             media_type=reply.media_type, headers=reply.headers))
        await response(scope, receive, send)

    return CORSMiddleware(inner, allow_origins=["*"], allow_methods=["GET", "POST"],
                          allow_headers=["Accept", "Content-Type"],
                          expose_headers=list(sparql.CORS_EXPOSED))


@pytest.mark.parametrize("reply", [
    sparql.Reply(200, JSON, b'{"boolean": true}', {"Vary": "Accept"}),
    sparql.Reply(200, "text/csv; charset=utf-8", b"a\r\n1\r\n",
                 {"Vary": "Accept", "Vngkb-Truncated": "true", "Vngkb-Max-Rows": "1"}),
    sparql.Reply(503, TEXT, b"busy\n", {"Vary": "Accept", "Retry-After": "1"}),
    sparql.Reply(400, TEXT, b"bad\n", {}),
])
@pytest.mark.parametrize("origin", [None, "https://elders.example"])
def test_the_lane_answers_as_the_site_would_to_the_byte(reply: sparql.Reply,
                                                         origin: str | None) -> None:
    async def answer(*args: Any) -> sparql.Reply:
        return reply

    headers = [("Accept", JSON)] + ([("Origin", origin)] if origin else [])
    lane = sparql.Lane(_site(None), answer)
    assert _asgi(lane, "GET", headers=headers) == _asgi(_site(reply), "GET", headers=headers)
    assert [message["type"] for message in _asgi(lane, "GET", headers=headers)] == [
        "http.response.start", "http.response.body"]


@pytest.mark.parametrize("method,path,root_path", [
    ("HEAD", "/sparql", ""), ("OPTIONS", "/sparql", ""), ("GET", "/sparql/", ""),
    ("GET", "/query", ""), ("GET", "/sparql", "/prefix")])
def test_the_lane_leaves_everything_else_to_the_site(method: str, path: str,
                                                     root_path: str) -> None:
    asked: list[object] = []

    async def answer(*args: Any) -> sparql.Reply:
        asked.append(args)
        return sparql.Reply(200, JSON, b"{}", {})

    sent = _asgi(sparql.Lane(_site(None), answer), method, path, root_path=root_path)
    assert (sent[0]["status"], sent[1]["body"], asked) == (299, b"the site", [])


def test_a_get_without_a_query_goes_to_the_site(pool: ScriptedPool) -> None:
    async def answer(method: str, query_string: bytes, accept: str | None,
                     content_type: str | None, read_body: Any) -> sparql.Reply | None:
        return await sparql.reply(method, query_string, accept, content_type, read_body,
                                  pool, EndpointConfig(max_rows=10))  # type: ignore[arg-type]

    lane = sparql.Lane(_site(None), answer)
    assert _asgi(lane, "GET", query_string=b"")[0]["status"] == 299  # the description
    post = _asgi(lane, "POST", query_string=b"",
                 headers=[("Content-Type", "application/x-www-form-urlencoded")])
    assert (post[0]["status"], post[1]["body"]) == (400, NO_QUERY.encode())
    assert pool.jobs == []


def test_the_lane_reads_a_body_in_pieces_and_the_first_of_each_header(
        pool: ScriptedPool) -> None:
    async def answer(method: str, query_string: bytes, accept: str | None,
                     content_type: str | None, read_body: Any) -> sparql.Reply | None:
        return await sparql.reply(method, query_string, accept, content_type, read_body,
                                  pool, EndpointConfig(max_rows=10))  # type: ignore[arg-type]

    sent = _asgi(sparql.Lane(_site(None), answer), "POST", query_string=b"",
                 headers=[("Content-Type", "application/sparql-query"),
                          ("Content-Type", "text/plain"), ("Accept", "text/csv"),
                          ("Accept", JSON)],
                 body=[b"SELECT * WHERE ", b"{ ?s ?p ?o }"])
    assert sent[0]["status"] == 200
    assert [(job.query, job.fmt) for job in pool.jobs] == [(SELECT, "csv")]


def test_a_client_that_leaves_before_its_body_gets_nothing(pool: ScriptedPool) -> None:
    async def answer(method: str, query_string: bytes, accept: str | None,
                     content_type: str | None, read_body: Any) -> sparql.Reply | None:
        return await sparql.reply(method, query_string, accept, content_type, read_body,
                                  pool, EndpointConfig(max_rows=10))  # type: ignore[arg-type]

    sent = _asgi(sparql.Lane(_site(None), answer), "POST", query_string=b"",
                 headers=[("Content-Type", "application/sparql-query")], body=())
    assert (sent, pool.jobs) == ([], [])
