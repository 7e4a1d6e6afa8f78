"""`vngkb publish`: into a real Oxigraph server through the Graph Store Protocol, then
every canned question answers as the embedded store does; stores that are down, refuse,
fail or hang give one clear line."""

from __future__ import annotations

import http.server
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from tests.answers import Answer, assert_same_answers
from tests.oxigraph import OxigraphServer
from vngkb.cli.commands import main
from vngkb.core.errors import EndpointError, InputError
from vngkb.kb.graphs import build_dataset, graph_iri
from vngkb.publish.graph_store import PublishError, gsp_url, publish
from vngkb.query.store import EmbeddedStore, RemoteEndpoint

OTHER_BASE = "https://data.example.org/kb/vngkb"
PARTS = len(build_dataset().parts)


def _graph_counts(query_url: str) -> dict[str, int]:
    table = RemoteEndpoint(query_url).select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {str(row[0]): int(str(row[1])) for row in table.values()}


# --- Into a real store ------------------------------------------------------------------

def test_publish_then_every_question_answers_as_embedded(
        backend: EmbeddedStore, canned_answers: list[Answer],
        oxigraph_store: OxigraphServer) -> None:
    report = publish(oxigraph_store.store, query_endpoint=oxigraph_store.query)
    assert report.verified
    assert len(report.graphs) == PARTS
    assert report.triples == len(backend.store)
    assert all(g.status in (200, 201, 204) for g in report.graphs)
    counts = _graph_counts(oxigraph_store.query)
    assert counts == {g.graph: g.triples for g in report.graphs}
    assert assert_same_answers(canned_answers, RemoteEndpoint(oxigraph_store.query)) > 0


def test_publishing_again_replaces_each_graph_whole(
        backend: EmbeddedStore, oxigraph_store: OxigraphServer) -> None:
    publish(oxigraph_store.store)
    first = _graph_counts(oxigraph_store.query)
    again = publish(oxigraph_store.store, query_endpoint=oxigraph_store.query)
    assert _graph_counts(oxigraph_store.query) == first
    assert sum(first.values()) == again.triples == len(backend.store)


def test_stale_graphs_are_reported_and_pruned(oxigraph_store: OxigraphServer) -> None:
    stale = graph_iri("https://w3id.org/vngkb", "kb/h11-verdwenen")
    foreign = "https://example.org/someone-elses-graph"
    for graph in (stale, foreign):
        request = urllib.request.Request(
            gsp_url(oxigraph_store.store, graph), method="PUT",
            data=b"<https://example.org/a> <https://example.org/b> 1 .",
            headers={"Content-Type": "text/turtle"})
        urllib.request.urlopen(request, timeout=10).close()
    report = publish(oxigraph_store.store, query_endpoint=oxigraph_store.query)
    assert report.stale == [stale]
    assert report.pruned == []
    report = publish(oxigraph_store.store, query_endpoint=oxigraph_store.query, prune=True)
    assert report.pruned == [stale]
    counts = _graph_counts(oxigraph_store.query)
    assert stale not in counts
    assert foreign in counts  # only graphs under {base}/id/graaf/ are ours to delete


def test_publish_into_one_graph(backend: EmbeddedStore, canned_answers: list[Answer],
                                oxigraph_store: OxigraphServer) -> None:
    graph = "https://example.org/graphs/vngkb"
    report = publish(oxigraph_store.store, graph=graph, query_endpoint=oxigraph_store.query)
    assert [(g.graph, g.triples) for g in report.graphs] == [(graph, len(backend.store))]
    assert _graph_counts(oxigraph_store.query) == {graph: len(backend.store)}
    assert assert_same_answers(canned_answers, RemoteEndpoint(oxigraph_store.query)) > 0


def test_publish_on_another_base(oxigraph_store: OxigraphServer) -> None:
    report = publish(oxigraph_store.store, base=OTHER_BASE,
                     query_endpoint=oxigraph_store.query)
    assert all(g.graph.startswith(OTHER_BASE + "/id/graaf/") for g in report.graphs)
    table = RemoteEndpoint(oxigraph_store.query).select(
        "ASK { ?s ?p ?o FILTER(CONTAINS(STR(?s), 'w3id.org/vngkb') "
        "|| CONTAINS(STR(?p), 'w3id.org/vngkb') || CONTAINS(STR(?o), 'w3id.org/vngkb')) }")
    assert table.boolean is False


def test_cli_publish_reports_graphs_and_counts(oxigraph_store: OxigraphServer) -> None:
    result = CliRunner().invoke(main, ["publish", "--endpoint", oxigraph_store.store,
                                       "--query-endpoint", oxigraph_store.query])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.startswith("replaced https://w3id.org/vngkb/id/graaf/") for line in lines
               ) == PARTS
    assert any(line.startswith("published ") and f"in {PARTS} graphs" in line
               for line in lines)
    assert f"checked: {oxigraph_store.query} holds exactly the triples sent" in lines


# --- Stores that fail -------------------------------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers PUT as the server's ``behaviour`` says."""

    def do_PUT(self) -> None:
        server = self.server
        assert isinstance(server, _FakeStore)
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        server.requests += 1
        behaviour = server.behaviour
        if behaviour == "ok-then-500" and server.requests <= 2:
            self.send_response(204)
            self.end_headers()
        elif behaviour in ("500", "ok-then-500"):
            body = b"Internal error\nthe store is out of disk space\n"
            self.send_response(500)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif behaviour == "hang":
            server.release.wait(10)
        elif behaviour == "hang-up":
            self.close_connection = True  # no status line at all

    def log_message(self, format: str, *args: object) -> None:
        pass


class _FakeStore(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, behaviour: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.behaviour = behaviour
        self.requests = 0
        self.release = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/store"


@contextmanager
def _fake_store(behaviour: str) -> Iterator[_FakeStore]:
    server = _FakeStore(behaviour)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


def _closed_port() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/store"


def _one_line(error: BaseException) -> str:
    text = str(error)
    assert "\n" not in text
    return text


def test_store_that_is_down() -> None:
    url = _closed_port()
    with pytest.raises(EndpointError) as caught:
        publish(url, timeout=5)
    message = _one_line(caught.value)
    assert message.startswith(f"publiceren naar {url} mislukte bij graaf ")
    assert "(Connection refused); 0 van" in message


def test_store_that_answers_500() -> None:
    with _fake_store("500") as store, pytest.raises(EndpointError) as caught:
        publish(store.url, timeout=5)
    message = _one_line(caught.value)
    assert "(HTTP 500 Internal Server Error: Internal error)" in message


def test_failure_midway_says_which_graphs_were_replaced() -> None:
    with _fake_store("ok-then-500") as store, pytest.raises(PublishError) as caught:
        publish(store.url, timeout=5)
    dataset = build_dataset()
    assert [g.graph for g in caught.value.done] == [p.graph for p in dataset.parts[:2]]
    message = _one_line(caught.value)
    assert f"mislukte bij graaf {dataset.parts[2].graph} (HTTP 500" in message
    assert f"2 van {PARTS} grafen waren daarvoor vervangen, de andere zijn zoals ze waren" in (
        message)


def test_store_that_does_not_answer_times_out() -> None:
    started = time.monotonic()
    with _fake_store("hang") as store, pytest.raises(EndpointError) as caught:
        publish(store.url, timeout=0.5)
    assert time.monotonic() - started < 8
    assert "(geen volledig antwoord binnen 0.5 s" in _one_line(caught.value)


def test_store_that_hangs_up() -> None:
    with _fake_store("hang-up") as store, pytest.raises(EndpointError) as caught:
        publish(store.url, timeout=5)
    assert f"publiceren naar {store.url} mislukte bij graaf" in _one_line(caught.value)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"endpoint": "localhost:7878/store"}, "is geen http(s)-URL"),
    ({"endpoint": "http://127.0.0.1:9/store", "prune": True}, "vraagt een query-endpoint"),
    ({"endpoint": "http://127.0.0.1:9/store", "graph": "not an iri"}, "is geen absolute IRI"),
])
def test_bad_arguments_are_input_errors(kwargs: dict[str, object], message: str) -> None:
    # A copy: the parametrised dict is shared by every run of this case in the process.
    options = dict(kwargs)
    endpoint = str(options.pop("endpoint"))
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        publish(endpoint, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("behaviour", ["down", "500", "hang"])
def test_cli_publish_failure_is_one_line_and_exit_3(behaviour: str) -> None:
    if behaviour == "down":
        result = CliRunner().invoke(main, ["publish", "--endpoint", _closed_port()])
    else:
        with _fake_store(behaviour) as store:
            result = CliRunner().invoke(main, ["publish", "--endpoint", store.url,
                                               "--timeout", "0.5"])
    assert result.exit_code == 3
    assert result.stderr.startswith("vngkb: publiceren naar http://127.0.0.1:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_cli_publish_failure_in_english() -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "publish", "--endpoint",
                                       _closed_port()])
    assert result.exit_code == 3
    assert result.stderr.startswith("vngkb: publish to http://127.0.0.1:")
    assert "(Connection refused); 0 of " in result.stderr
    assert "graphs were replaced before it, the others are as they were\n" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
