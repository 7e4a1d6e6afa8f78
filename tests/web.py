"""HTTP for the tests: :func:`fetch` sends one request and returns its answer, whoever
serves the address.

An app is served one of two ways. :class:`InProcess` runs it inside the test process
(Starlette's TestClient: the app's lifespan, its query workers and every middleware run,
but no socket, no uvicorn); :func:`fetch` reaches it through an address of its own,
``http://in-process-N.test``, so a test reads the same whether its server is in-process
or real. :class:`LiveServer` serves it with uvicorn on a real socket of 127.0.0.1, for
what only a real server shows: HTTP parsing, connections, timeouts and processes."""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from html.parser import HTMLParser
from typing import Any, Self

import pyoxigraph as ox
import uvicorn
from starlette.applications import Starlette
from starlette.testclient import TestClient

#: A query that runs for minutes: a triple cross product of the whole KB, counted.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: The page of one measure of the letter.
MEASURE = "/doc/maatregel/ledenbrief-miljoenennota-2020/laaggeletterdheid"


# --- an answer ----------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def type(self) -> str:
        return (self.headers.get("content-type") or "").split(";")[0]

    def json(self) -> Any:
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)

#: The in-process apps by the address :func:`fetch` knows them by.
_IN_PROCESS: dict[str, TestClient] = {}
_NUMBERS = itertools.count(1)


def fetch(url: str, *, accept: str | None = None, data: bytes | None = None,
          content_type: str | None = None, method: str | None = None,
          timeout: float = 60, headers: dict[str, str] | None = None) -> Reply:
    """One HTTP request (*headers* added to it); errors and redirects are answers too."""
    headers = dict(headers or {})
    if accept is not None:
        headers["Accept"] = accept
    if content_type is not None:
        headers["Content-Type"] = content_type
    parts = urllib.parse.urlsplit(url)
    client = _IN_PROCESS.get(f"{parts.scheme}://{parts.netloc}")
    if client is not None:
        response = client.request(method or ("POST" if data is not None else "GET"), url,
                                  content=data, headers=headers)
        message = Message()
        for name, value in response.headers.multi_items():
            message[name] = value
        return Reply(response.status_code, message, response.content)
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


def sparql_get(server: str, query: str, accept: str | None = None) -> Reply:
    return fetch(f"{server}/sparql?" + urllib.parse.urlencode({"query": query}), accept=accept)


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- serving an app -----------------------------------------------------------------------


class InProcess:
    """*app* served inside the test process, at :attr:`url` for :func:`fetch`; its
    lifespan (the query workers) runs from ``with`` to the end of the block."""

    def __init__(self, app: Starlette) -> None:
        self.url = f"http://in-process-{next(_NUMBERS)}.test"
        self.client = TestClient(app, base_url=self.url, raise_server_exceptions=False,
                                 follow_redirects=False)

    def __enter__(self) -> InProcess:
        self.client.__enter__()
        _IN_PROCESS[self.url] = self.client
        return self

    def __exit__(self, *exc: object) -> None:
        del _IN_PROCESS[self.url]
        self.client.__exit__(*exc)


class LiveServer:
    """*app* served by uvicorn on 127.0.0.1 (a port the OS picks) in a daemon thread;
    with *config*, as :func:`vngkb.server.connections.server_config` sets it up (the
    request read timeout and the connection cap of ``vngkb serve``)."""

    def __init__(self, app: Starlette, config: uvicorn.Config | None = None) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.port = int(self.socket.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        config = config or uvicorn.Config(app, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run,
                                       kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self) -> Self:
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


class GuardedLiveServer(LiveServer):
    """*app* served on a real socket the way ``vngkb serve`` serves it: with the request
    read timeout and the connection cap."""

    def __init__(self, app: Starlette, *, read_timeout: float = 10.0,
                 max_connections: int = 2048) -> None:
        from vngkb.server.connections import server_config

        self.max_connections = max_connections
        super().__init__(app, server_config(app, read_timeout=read_timeout,
                                            max_connections=max_connections,
                                            log_level="warning", lifespan="on"))


# --- reading pages ------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


# --- reading SPARQL answers ---------------------------------------------------------------


def solutions(reply: Reply, fmt: ox.QueryResultsFormat) -> list[list[Any]]:
    parsed = ox.parse_query_results(reply.body, format=fmt)
    assert isinstance(parsed, ox.QuerySolutions)
    names = [v.value for v in parsed.variables]
    return [[s[n] for n in names] for s in parsed]


def triples_of(body: bytes, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)}


def direct(store: ox.Store, query: str) -> list[list[Any]]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [[s[n] for n in names] for s in result]
