"""Fixtures of the hostile-input suite: a recorder that notes every request any
process makes to it on 127.0.0.1, and the SERVICE disguises aimed at it."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

# The helper's asserts count as the test's checks (tests/asserting.py) only when pytest
# rewrites them: register it before any test module imports it.
pytest.register_assert_rewrite("tests.hostile.cli_helpers_input")


@dataclass
class Recorder:
    """An HTTP server on 127.0.0.1 that records the path of every request it gets."""

    url: str
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def recorder() -> Iterator[Recorder]:
    found: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _record(self) -> None:
            found.append(f"{self.command} {self.path}")
            body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _record

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Recorder(f"http://127.0.0.1:{server.server_address[1]}/sparql", found)
    finally:
        server.shutdown()
        server.server_close()


def service_disguises(url: str) -> list[str]:
    """Queries that use SERVICE on *url*, written every way we know to hide it."""
    host_escaped = url.replace("http", "\\u0068ttp", 1)
    prefix, _, local = url.rpartition("/")
    return [
        f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ service <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ sErViCe <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ # x\rSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ # x\r\nSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ #\\u000dSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ #\\U0000000DSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ #\\u000aSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVIC\\u0045 <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE <{host_escaped}> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://x/> SELECT * {{ ?s ex:a\\' ?o . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://x/> SELECT * {{ ?s ex:a\\' ?o # '\n SERVICE <{url}> "
        "{ ?s ?p ?o } }",
        f"PREFIX ex: <http://x/> SELECT * {{ ?s ex:a\\# ?o . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ ?s ?p 'a\\\\' . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f'SELECT * {{ ?s ?p """a""" . SERVICE <{url}> {{ ?s ?p ?o }} }}',
        f"SELECT * {{ ?s ?p 1 . SERVICE\t<{url}>{{?s ?p ?o}} }}",
        f"SELECT * {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        f"SELECT * {{ VALUES ?u {{ <{url}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
        "SELECT * { SERVICE ?unbound { ?s ?p ?o } }",
        f"SELECT * {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * {{ {{ SELECT * {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }} }} }}",
        f"SELECT * {{ GRAPH ?g {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ SERVICE <{url}> {{ GRAPH ?g {{ ?s ?p ?o }} }} }}",
        f"SELECT * FROM NAMED <{url}> {{ GRAPH <{url}> {{ ?s ?p ?o }} SERVICE <{url}> "
        "{ ?s ?p ?o } }",
        f"PREFIX s: <{url}> SELECT * {{ SERVICE s: {{ ?s ?p ?o }} }}",
        f"PREFIX s: <{prefix}/> SELECT * {{ SERVICE s:{local} {{ ?s ?p ?o }} }}",
        f"BASE <{url}> SELECT * {{ SERVICE <> {{ ?s ?p ?o }} }}",
        f"BASE <{prefix}/> SELECT * {{ SERVICE <{local}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ ?s ?p 1 MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ ?s ?p 1 FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ ?s ?p 1 FILTER NOT EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ {{ ?s ?p 1 }} UNION {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT (EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} AS ?x) {{ }}",
        f"CONSTRUCT {{ ?s ?p ?o }} {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"DESCRIBE ?s {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE <{url}> {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o }} GROUP BY ?s HAVING (EXISTS {{ SERVICE <{url}> "
        "{ ?s ?p ?o } })",
        "SELECT * { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
        "SELECT * { SERVICE <file:///dev/zero> { ?s ?p ?o } }",
    ]


class GuardedLiveServer:
    """*app* served in a daemon thread on 127.0.0.1 the way ``vngkb serve`` serves it:
    with the request read timeout and the connection cap."""

    def __init__(self, app: object, *, read_timeout: float = 10.0,
                 max_connections: int = 2048) -> None:
        import socket

        import uvicorn

        from vngkb.server.connections import server_config

        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.port = int(self.socket.getsockname()[1])
        self.max_connections = max_connections
        self.url = f"http://127.0.0.1:{self.port}"
        config = server_config(app, read_timeout=read_timeout,
                               max_connections=max_connections, log_level="warning",
                               lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run,
                                       kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self) -> GuardedLiveServer:
        import time

        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)
        self.socket.close()
