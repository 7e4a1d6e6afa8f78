"""vngkb.server.connections.CoalescingTransport: a response's head and body go out in one
write, nothing is lost or reordered, and held bytes are sent at the end of the turn of
the event loop or before the connection closes. And the answers the protocol gives at
once: the same bytes as the app's, in the order of the requests."""

from __future__ import annotations

import asyncio
from typing import Any

from vngkb.server.connections import CoalescingTransport, GuardedProtocol


class Recording(asyncio.Transport):
    """A transport that notes what is done to it."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.events: list[str] = []
        self.closing = False

    def write(self, data: Any) -> None:
        assert not self.closing, "written after close"
        self.writes.append(bytes(data))
        self.events.append("write")

    def close(self) -> None:
        self.closing = True
        self.events.append("close")

    def abort(self) -> None:
        self.closing = True
        self.events.append("abort")

    def is_closing(self) -> bool:
        return self.closing

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 1234)}.get(name, default)

    def get_write_buffer_size(self) -> int:
        return 7


def run(steps: Any) -> Recording:
    """Run *steps(transport)* (a coroutine function) on a fresh event loop."""
    inner = Recording()

    async def main() -> None:
        await steps(CoalescingTransport(inner, asyncio.get_running_loop()))
        await asyncio.sleep(0)  # one more turn: anything still held goes out

    asyncio.run(main())
    return inner


def test_head_and_body_go_out_in_one_write() -> None:
    async def steps(transport: CoalescingTransport) -> None:
        transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        transport.write(memoryview(b"{}"))

    assert run(steps).writes == [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"]


def test_a_lone_write_goes_out_at_the_end_of_the_turn() -> None:
    seen: list[list[bytes]] = []

    async def steps(transport: CoalescingTransport) -> None:
        transport.write(b"head")
        assert isinstance(transport.inner, Recording)
        seen.append(list(transport.inner.writes))
        assert transport.get_write_buffer_size() == 7 + 4
        await asyncio.sleep(0)
        seen.append(list(transport.inner.writes))

    assert run(steps).writes == [b"head"]
    assert seen == [[], [b"head"]]


def test_many_writes_keep_their_order() -> None:
    parts = [bytes([65 + n]) * (n + 1) for n in range(7)]

    async def steps(transport: CoalescingTransport) -> None:
        for n, part in enumerate(parts):
            transport.write(part)
            if n == 3:
                await asyncio.sleep(0)

    inner = run(steps)
    assert b"".join(inner.writes) == b"".join(parts)
    assert len(inner.writes) == 4  # (A, BB), (CCC, DDDD), (EEEEE, FFFFFF), GGGGGGG


def test_close_sends_what_is_held_first() -> None:
    async def steps(transport: CoalescingTransport) -> None:
        transport.write(b"last words")
        transport.close()
        assert transport.is_closing()

    inner = run(steps)
    assert inner.writes == [b"last words"] and inner.events == ["write", "close"]


def test_nothing_is_written_once_the_connection_is_closing() -> None:
    async def steps(transport: CoalescingTransport) -> None:
        transport.write(b"held")
        assert isinstance(transport.inner, Recording)
        transport.inner.closing = True  # the client went away

    assert run(steps).writes == []


def test_abort_drops_what_is_held() -> None:
    async def steps(transport: CoalescingTransport) -> None:
        transport.write(b"held")
        transport.abort()

    inner = run(steps)
    assert inner.writes == [] and inner.events == ["abort"]


def test_the_rest_is_the_inner_transports() -> None:
    async def steps(transport: CoalescingTransport) -> None:
        assert transport.get_extra_info("peername") == ("127.0.0.1", 1234)
        assert transport.get_extra_info("socket", "none") == "none"
        transport.writelines([b"a", b"b"])

    assert run(steps).writes == [b"ab"]


# --- answers given at once: the same bytes as through the app -----------------------------

def _exchange(port: int, payload: bytes) -> bytes:
    """Everything the server sends back on one connection for *payload* (its last request
    asks to close the connection), with each Date header's value blanked."""
    import re
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(payload)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return re.sub(rb"date: [^\r]*\r\n", b"date: -\r\n", b"".join(chunks))


def test_answers_at_once_are_the_apps_answers_to_the_byte(backend: Any) -> None:
    import re
    import urllib.parse

    from tests.web import GuardedLiveServer
    from vngkb.core.paths import SHIPPED_LETTER
    from vngkb.server.app import create_app

    subject = f"https://w3id.org/vngkb/id/maatregel/{SHIPPED_LETTER}/woningbouw"

    def get(query: str | None, *headers: str, version: str = "1.1") -> bytes:
        target = "/sparql" if query is None else \
            "/sparql?" + urllib.parse.urlencode({"query": query})
        lines = [f"GET {target} HTTP/{version}", "Host: 127.0.0.1", *headers, "", ""]
        return "\r\n".join(lines).encode()

    lookup = f"SELECT ?p ?o WHERE {{ <{subject}> ?p ?o }}"
    pipelined = b"".join([
        get(lookup + " LIMIT 1000"), get(lookup + " LIMIT 1000"),  # new, then kept
        get("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"),
        get("INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
        get(lookup, "Accept: image/png"), get(lookup, "Origin: https://elders.example"),
        get("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"),  # a worker's, then at once: in order
        get(lookup + " LIMIT 999"), get(None, "Accept: text/turtle"),
        get(lookup, "Accept: text/csv", "Connection: close")])
    app = create_app(backend.store, workers=1)
    given: list[int] = []
    with GuardedLiveServer(app) as live:
        protocol = live.server.config.http
        assert isinstance(protocol, type) and issubclass(protocol, GuardedProtocol)
        quick = protocol.quick
        assert quick is not None

        def counted(*args: Any) -> Any:
            answer = quick(*args)
            given.append(answer is not None)
            return answer

        protocol.quick = staticmethod(counted)
        at_once = [_exchange(live.port, pipelined),
                   _exchange(live.port, get(lookup + " LIMIT 7", version="1.0"))]
        protocol.quick = None
        through_app = [_exchange(live.port, pipelined),
                       _exchange(live.port, get(lookup + " LIMIT 7", version="1.0"))]
    assert at_once == through_app
    statuses = [int(status) for status in re.findall(rb"HTTP/1.1 (\d{3}) [A-Z]", at_once[0])]
    assert statuses == [200, 200, 403, 403, 406, 200, 200, 200, 200, 200]
    assert at_once[0].count(b"connection: close") == 1
    assert at_once[1].startswith(b"HTTP/1.1 200 OK") and b"connection: close" in at_once[1]
    # Asked at once: the first seven (the worker's query is not answered at once); the
    # three after it arrived while it ran, so they wait their turn through the app; the
    # HTTP/1.0 request on its own connection is answered at once.
    assert given == [True, True, True, True, True, True, False, True]
