"""Hostile requests to the endpoint and the question pages: no request makes the
server contact another host, limits give 400/413, evaluation errors 400, never a 500;
the wait queue is bounded and a half-open client is timed out."""

from __future__ import annotations

import asyncio
import socket
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.hostile.inputs import Recorder, service_disguises
from tests.web import GuardedLiveServer, Reply, fetch
from vngkb.query.store import EmbeddedStore
from vngkb.sandbox import netlock
from vngkb.server.app import create_app
from vngkb.server.pool import HOLD_MARK, Job, WorkerPool

DISGUISES = service_disguises("http://127.0.0.1:{port}/sparql")
SAMPLE = [0, 3, 5, 7, 10, 13, 19, 22, 24, 27, 29, 43]
needs_lock = pytest.mark.skipif(not netlock.supported(),
                                reason="the network lock is Linux x86_64/aarch64")


def aimed(template: str, recorder: Recorder) -> str:
    port = recorder.url.split(":")[2].split("/")[0]
    return template.replace("{port}", port)


@pytest.fixture(scope="module")
def store(backend: EmbeddedStore) -> ox.Store:
    return backend.store


@pytest.fixture(scope="module")
def guarded(store: ox.Store) -> Iterator[str]:
    """Both layers on, as served."""
    with GuardedLiveServer(create_app(store, workers=1)) as live:
        yield live.url


@pytest.fixture(scope="module")
def lock_only(store: ox.Store) -> Iterator[str]:
    """The parse layer off: only the operating-system lock stands in the way."""
    with GuardedLiveServer(create_app(store, workers=1, guard=False)) as live:
        yield live.url


@pytest.fixture(scope="module")
def parse_only(store: ox.Store) -> Iterator[str]:
    """The network lock off: only the parse stands in the way."""
    with GuardedLiveServer(create_app(store, workers=1, network_lock=False)) as live:
        yield live.url


def get(server: str, query: str) -> Reply:
    return fetch(f"{server}/sparql?" + urllib.parse.urlencode({"query": query}))


def assert_clean(reply: Reply, *statuses: int) -> None:
    assert reply.status in statuses, (reply.status, reply.text[:300])
    assert reply.status != 500
    assert "Traceback" not in reply.text


# --- SERVICE: nothing reaches the recorder --------------------------------------------

@pytest.mark.parametrize("template", DISGUISES)
def test_sparql_get_refuses_every_disguise(guarded: str, recorder: Recorder,
                                           template: str) -> None:
    before = len(recorder.requests)
    assert_clean(get(guarded, aimed(template, recorder)), 400, 403)
    assert len(recorder.requests) == before


@pytest.mark.parametrize("index", SAMPLE)
@pytest.mark.parametrize("how", ["form", "body"])
def test_sparql_post_refuses_disguises(guarded: str, recorder: Recorder, index: int,
                                       how: str) -> None:
    before = len(recorder.requests)
    text = aimed(DISGUISES[index], recorder)
    if how == "form":
        reply = fetch(f"{guarded}/sparql", data=urllib.parse.urlencode({"query": text}).encode(),
                      content_type="application/x-www-form-urlencoded")
    else:
        reply = fetch(f"{guarded}/sparql", data=text.encode(),
                      content_type="application/sparql-query")
    assert_clean(reply, 400, 403)
    assert len(recorder.requests) == before


@needs_lock
@pytest.mark.parametrize("template", DISGUISES)
def test_os_layer_alone_on_the_endpoint(lock_only: str, recorder: Recorder,
                                        template: str) -> None:
    """With the parse off, queries reach the engine, which cannot reach the network
    (SERVICE SILENT answers with no rows; others fail with 400)."""
    before = len(recorder.requests)
    assert_clean(get(lock_only, aimed(template, recorder)), 200, 400)
    assert len(recorder.requests) == before


@pytest.mark.parametrize("template", DISGUISES)
def test_parse_layer_alone_on_the_endpoint(parse_only: str, recorder: Recorder,
                                           template: str) -> None:
    before = len(recorder.requests)
    assert_clean(get(parse_only, aimed(template, recorder)), 400, 403)
    assert len(recorder.requests) == before


@pytest.mark.parametrize("index", SAMPLE)
def test_question_pages_do_not_fetch(guarded: str, recorder: Recorder, index: int) -> None:
    """A disguise given as a parameter value is a value (bound as an RDF term), never
    query text."""
    before = len(recorder.requests)
    value = aimed(DISGUISES[index], recorder)
    for page in (f"/vragen/bedragen-van-maatregel?{urllib.parse.urlencode({'maatregel': value})}",
                 f"/vragen/bedragen-van-maatregel?{urllib.parse.urlencode({'maatregel': value})}"
                 "&format=csv"):
        assert_clean(fetch(guarded + page), 400)
    assert len(recorder.requests) == before


# --- limits and evaluation errors ------------------------------------------------------

@pytest.mark.parametrize(("text", "status", "message"), [
    ("SELECT * WHERE " + "{" * 5000 + "}" * 5000, 400, "64 levels"),
    ("SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }", 400, "64 levels"),
    ("SELECT * WHERE { ?s ?p " + "[ ?a " * 3000 + "]" * 3000 + " }", 400, "64 levels"),
    ("SELECT * WHERE { {} " + "UNION{}" * 14_000 + "}", 400, "limit of 500"),
    ("ASK {} #" + "x" * 100_000, 413, "100000 characters"),
    ("SELECT * WHERE " + "{" * 64 + "}" * 64, 200, ""),
    ("SELECT * WHERE " + "{" * 65 + "}" * 65, 400, "64 levels"),
])
def test_limits_before_the_engine(guarded: str, text: str, status: int, message: str) -> None:
    reply = fetch(f"{guarded}/sparql", data=text.encode(),
                  content_type="application/sparql-query")
    assert_clean(reply, status)
    assert message in reply.text


@pytest.mark.parametrize(("text", "status"), [
    ("SELECT * { BIND(<http://x/f>(1) AS ?x) }", 400),
    ("SELECT * { SERVICE <file:///etc/passwd> { ?s ?p ?o } }", 403),
    ("SELECT * { SERVICE ?unbound { ?s ?p ?o } }", 403),
    ("SELECT * { BIND(<http://a/%zz> AS ?x) }", 400),
    ("SELECT * { ?s ?p }", 400),
    ("SELECT * { ?s ?p \"\\U0011FFFF\" }", 400),
])
def test_evaluation_errors_are_400(guarded: str, text: str, status: int) -> None:
    assert_clean(get(guarded, text), status)


@needs_lock
@pytest.mark.parametrize("text", [
    "SELECT * { BIND(<http://x/f>(1) AS ?x) }",
    "SELECT * { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    "SELECT * { SERVICE ?unbound { ?s ?p ?o } }",
])
def test_engine_errors_are_400_without_the_parse(lock_only: str, text: str) -> None:
    assert_clean(get(lock_only, text), 400)


BAD_IRIS = ["http://a/%zz", "http://[::1", "http://a/%", "http://a/%4", "http://a b/",
            "http://a/<x>", "http://a/{x}", 'http://a/"', "https://[zz]/",
            "http://a/" + "x" * 5000 + "%zz"]


@pytest.mark.parametrize("value", BAD_IRIS)
@pytest.mark.parametrize("fmt", ["html", "csv", "json"])
def test_question_page_bad_iri_parameter(guarded: str, value: str, fmt: str) -> None:
    query = urllib.parse.urlencode({"maatregel": value, "format": fmt})
    reply = fetch(f"{guarded}/vragen/bedragen-van-maatregel?{query}")
    assert_clean(reply, 400)
    assert "maatregel" in reply.text


@pytest.mark.parametrize("name", ["a" * 300, "a" * 201, "%00", "..%2f..%2fetc",
                                  "x" * 5000, "vr%C3%A4ag"])
def test_question_page_odd_names(guarded: str, name: str) -> None:
    reply = fetch(f"{guarded}/vragen/{name}")
    assert_clean(reply, 404)
    assert len(reply.body) < 20_000


# --- admission control ---------------------------------------------------------------

@pytest.fixture()
def held_pool(store: ox.Store, tmp_path: Path) -> Iterator[tuple[WorkerPool, Path]]:
    release = tmp_path / "release"
    pool = WorkerPool(store.dump(format=ox.RdfFormat.N_QUADS) or b"", size=1, timeout=2.0,
                      max_waiting=1, hold=release)
    pool.start()
    try:
        yield pool, release
    finally:
        release.touch()
        pool.close()


def test_full_queue_is_503_with_retry_after(held_pool: tuple[WorkerPool, Path]) -> None:
    pool, release = held_pool
    slow = Job(HOLD_MARK + "ASK {}", "json", max_rows=10)

    async def scenario() -> list[tuple[int, int | None]]:
        running = asyncio.ensure_future(pool.run(slow))
        await asyncio.sleep(0.2)
        waiting = asyncio.ensure_future(pool.run(Job("ASK {}", "json", max_rows=10)))
        await asyncio.sleep(0.2)
        refused = await pool.run(Job("ASK {}", "json", max_rows=10))  # the queue is full
        release.touch()
        done = [await running, await waiting]
        return [(refused.status, refused.retry_after)] + [(o.status, o.retry_after)
                                                            for o in done]

    assert asyncio.run(scenario()) == [(503, 2), (200, None), (200, None)]


def test_query_that_waited_the_time_limit_is_not_run(
        held_pool: tuple[WorkerPool, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    pool, release = held_pool
    slow = Job(HOLD_MARK + "ASK {}", "json", max_rows=10)
    # The held query's own limit ends 0.2 s before the waiting query's, and its worker
    # is then replaced: a replacement that starts within those 0.2 s (one often does)
    # rightly runs the waiting query. Here replacements wait for the release, so the
    # only worker stays busy for the whole wait by construction, not by machine speed.
    spawn = pool._spawn

    def spawn_after_release() -> object:
        while not release.exists():
            time.sleep(0.02)
        return spawn()

    monkeypatch.setattr(pool, "_spawn", spawn_after_release)

    async def scenario() -> tuple[int, str, float, int]:
        loop = asyncio.get_running_loop()
        running = asyncio.ensure_future(pool.run(slow))
        await asyncio.sleep(0.2)
        asked = loop.time()
        waited = await pool.run(Job("ASK {}", "json", max_rows=10))
        wait = loop.time() - asked
        release.touch()
        first = await running
        return waited.status, waited.body.decode(), wait, first.status

    status, text, wait, first = asyncio.run(scenario())
    assert status == 503 and "was not run" in text
    assert wait >= pool.timeout  # it was refused only after waiting the whole limit
    assert first == 503  # the held query itself went over the limit and was stopped


def test_endpoint_sends_retry_after(store: ox.Store, tmp_path: Path) -> None:
    release = tmp_path / "release"
    app = create_app(store, workers=1, timeout=5.0, max_waiting=0, hold=release)
    with GuardedLiveServer(app) as live:
        replies: list[Reply] = []

        def slow() -> None:
            replies.append(fetch(f"{live.url}/sparql", data=(HOLD_MARK + "ASK {}").encode(),
                                 content_type="application/sparql-query"))

        import threading
        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.5)
        refused = get(live.url, "ASK {}")
        release.touch()
        thread.join(30)
    assert refused.status == 503 and refused.headers["Retry-After"] == "5"
    assert [r.status for r in replies] == [200]


# --- connections ----------------------------------------------------------------------

def test_half_open_client_is_timed_out(store: ox.Store) -> None:
    with GuardedLiveServer(create_app(store, workers=1), read_timeout=0.5) as live:
        with socket.create_connection(("127.0.0.1", live.port), timeout=30) as client:
            client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the rest
            started = time.monotonic()
            assert client.recv(100) == b""  # closed by the server
            assert time.monotonic() - started < 25
        with socket.create_connection(("127.0.0.1", live.port), timeout=30) as client:
            client.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
                           b"Content-Type: application/sparql-query\r\n\r\nASK")
            assert client.recv(100) == b""  # a body that never ends is timed out too
        assert fetch(f"{live.url}/maatregelen").status == 200


def test_connection_cap_closes_the_oldest_half_open(store: ox.Store) -> None:
    with GuardedLiveServer(create_app(store, workers=1), read_timeout=60.0,
                           max_connections=100) as live:
        clients = []
        try:
            for _ in range(150):  # more than the cap, none finishing its request
                client = socket.create_connection(("127.0.0.1", live.port), timeout=30)
                client.sendall(b"GET / HTTP/1.1\r\n")
                clients.append(client)
            reply = fetch(f"{live.url}/maatregelen", timeout=30)
            assert reply.status == 200
            clients[0].settimeout(30)
            assert clients[0].recv(100) == b""  # the oldest made room
        finally:
            for client in clients:
                client.close()


@pytest.mark.parametrize("target", [b"/sparql?query=ASK%7B%7D\xff", b"/sparql?query=\xc3\x28",
                                    b"/sparql?qu\xe9ry=ASK%7B%7D"])
def test_query_string_bytes_that_are_not_utf8_get_400(guarded: str, target: bytes) -> None:
    port = int(guarded.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
        client.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split()[1] == b"400", answer[:300]
    assert body == b"Invalid HTTP request received."  # the HTTP parser refuses them first
    assert fetch(f"{guarded}/sparql?query=ASK%7B%7D").status == 200  # and it serves on


@pytest.mark.parametrize("query_string", [b"query=ASK%7B%7D\xff", b"query=\xc3\x28",
                                          b"qu\xe9ry=ASK%7B%7D"])
def test_the_endpoint_itself_refuses_a_query_string_that_is_not_utf8(
        query_string: bytes) -> None:
    # Another ASGI server may pass such bytes on: the endpoint answers 400, not 500.
    import asyncio

    from starlette.requests import Request

    from vngkb.server.pool import WorkerPool
    from vngkb.server.sparql import EndpointConfig, handle

    scope = {"type": "http", "method": "GET", "path": "/sparql", "headers": [],
             "query_string": query_string}
    never_started = WorkerPool(b"", size=1, timeout=1)
    response = asyncio.run(handle(Request(scope), never_started, EndpointConfig(max_rows=10)))
    assert (response.status_code, response.body) == (400, b"the query string is not UTF-8\n")
