"""Availability of the endpoint under abuse (slow: ``make test-hostile`` runs these).

Slow queries are slow by construction, not by machine speed: they wait in their worker
until the test creates a file (the pool's ``hold`` hook). The figures (waits, counts)
are printed; run with ``-s`` to see them."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.web import GuardedLiveServer, Reply, fetch
from vngkb.query.store import EmbeddedStore
from vngkb.server.app import create_app
from vngkb.server.connections import connection_cap
from vngkb.server.pool import HOLD_MARK

pytestmark = pytest.mark.hostile_slow

CHEAP = ["/", "/maatregelen", "/ministeries", "/vragen",
         "/doc/maatregel/ledenbrief-miljoenennota-2020/laaggeletterdheid",
         "/vragen/bedragen-van-maatregel?format=csv", "/def/", "/query"]


@pytest.fixture(scope="module")
def store(backend: EmbeddedStore) -> ox.Store:
    return backend.store


def test_cheap_requests_are_not_stuck_behind_40_slow_queries(store: ox.Store,
                                                            tmp_path: Path) -> None:
    release = tmp_path / "release"
    app = create_app(store, workers=2, timeout=120.0, max_waiting=8, hold=release)
    with GuardedLiveServer(app) as live:
        slow: list[Reply] = []
        lock = threading.Lock()

        def send_slow() -> None:
            reply = fetch(f"{live.url}/sparql", data=(HOLD_MARK + "ASK {}").encode(),
                          content_type="application/sparql-query", timeout=300)
            with lock:
                slow.append(reply)

        threads = [threading.Thread(target=send_slow) for _ in range(40)]
        for thread in threads:
            thread.start()
        # Wait until every slow query is in: 2 held in workers, 8 waiting, 30 refused.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with lock:
                if len(slow) >= 30:
                    break
            time.sleep(0.05)
        with lock:
            refused = list(slow)
        assert len(refused) == 30
        assert {r.status for r in refused} == {503}
        assert {r.headers["Retry-After"] for r in refused} == {"120"}
        waits = []
        for path in CHEAP * 3:
            started = time.monotonic()
            reply = fetch(live.url + path, timeout=300)
            waits.append(time.monotonic() - started)
            assert reply.status == 200, path
        with lock:
            assert len(slow) == 30  # the held queries are all still held: nothing queued
        print(f"\ncheap request wait behind 40 slow queries (2 workers): "
              f"max {max(waits):.3f} s, mean {sum(waits) / len(waits):.3f} s over "
              f"{len(waits)} requests")
        release.touch()
        for thread in threads:
            thread.join(300)
    assert Counter(r.status for r in slow) == {503: 30, 200: 10}


@pytest.fixture()
def flood_server(store: ox.Store, request: pytest.FixtureRequest) -> Iterator[GuardedLiveServer]:
    cap: int = request.param
    with GuardedLiveServer(create_app(store, workers=1), read_timeout=10.0,
                           max_connections=cap) as live:
        yield live


@pytest.mark.parametrize("flood_server", [2048, connection_cap(2048, 1024)],
                         indirect=True, ids=["cap-2048", "cap-for-1024-files"])
def test_requests_answered_while_1000_half_open_connections_are_held(
        flood_server: GuardedLiveServer) -> None:
    held: list[socket.socket] = []
    try:
        for _ in range(1000):
            client = socket.create_connection(("127.0.0.1", flood_server.port), timeout=30)
            client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # headers never finished
            held.append(client)
        assert len(held) == 1000
        waits = []
        for path in CHEAP:
            started = time.monotonic()
            reply = fetch(flood_server.url + path, timeout=60)
            waits.append(time.monotonic() - started)
            assert reply.status == 200, path
        sparql = fetch(flood_server.url + "/sparql?query=ASK%7B%7D", timeout=60)
        assert sparql.status == 200
        print(f"\n{len(waits) + 1} requests answered while 1000 half-open connections "
              f"were held (cap {flood_server.max_connections}): "
              f"max {max(waits):.3f} s")
    finally:
        for client in held:
            client.close()


# --- endless headers: the server's memory -------------------------------------------------

def _status_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} for process {pid}")


def _flood(port: int, connections: int, seconds: float) -> dict[str, int]:
    """Keep *connections* connections sending heads that never end (half one endless
    header, half endless short header lines) for *seconds*; a connection the server
    closes is replaced by a new one. Counts of what happened."""
    import errno
    import selectors

    counts = Counter[str]()
    chunks = {0: b"a" * 4096, 1: b"X-Pad: aaaaaaaa\r\n" * 256}
    selector = selectors.DefaultSelector()

    def open_one(kind: int) -> None:
        client = socket.socket()
        client.setblocking(False)
        code = client.connect_ex(("127.0.0.1", port))
        assert code in (0, errno.EINPROGRESS), os.strerror(code)
        selector.register(client, selectors.EVENT_READ | selectors.EVENT_WRITE,
                          [kind, b"GET / HTTP/1.1\r\nHost: x\r\n" +
                           (b"X-Pad: " if kind == 0 else b"")])
        counts["opened"] += 1

    def close_one(client: socket.socket, kind: int, answer: bytes) -> None:
        selector.unregister(client)
        client.close()
        counts["431" if answer.startswith(b"HTTP/1.1 431 ") else "closed otherwise"] += 1
        open_one(kind)

    for i in range(connections):
        open_one(i % 2)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for key, events in selector.select(timeout=0.5):
            client = key.fileobj
            assert isinstance(client, socket.socket)
            state = key.data
            if events & selectors.EVENT_READ:  # an answer (431) or the end
                try:
                    answer = client.recv(4096)
                except OSError:
                    answer = b""
                close_one(client, state[0], answer)
                continue
            try:
                sent = client.send(state[1] or chunks[state[0]])
                counts["bytes sent"] += sent
                state[1] = state[1][sent:]
            except BlockingIOError:
                pass
            except OSError:
                close_one(client, state[0], b"")
    for key in list(selector.get_map().values()):
        assert isinstance(key.fileobj, socket.socket)
        key.fileobj.close()
    selector.close()
    return dict(counts)


def test_memory_under_1000_connections_sending_endless_headers() -> None:
    from tests.served import serving
    from vngkb.server.connections import raise_open_file_limit

    assert raise_open_file_limit() > 1100  # this process holds the 1,000 connections
    with serving("--workers", "1") as running:
        pid = running.process.pid
        for path in CHEAP:  # warm: every page's code loaded before the baseline
            assert fetch(running.url + path).status == 200
        _flood(running.port, 20, 1.0)
        before = _status_kib(pid, "VmRSS")
        # Reset the peak (VmHWM) to the current size: the peak then is the flood's.
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        answered: list[int] = []

        def ask_while_flooded() -> None:
            time.sleep(5)
            for path in CHEAP:
                answered.append(fetch(running.url + path, timeout=60).status)

        asker = threading.Thread(target=ask_while_flooded)
        asker.start()
        counts = _flood(running.port, 1000, 15.0)
        asker.join(120)
        peak = _status_kib(pid, "VmHWM")
    growth_mb = (peak - before) / 1024
    print(f"\nserver RSS {before / 1024:.1f} MB before, peak {peak / 1024:.1f} MB during 15 s "
          f"of 1000 connections sending endless headers: +{growth_mb:.1f} MB; {counts}")
    assert answered == [200] * len(CHEAP)  # and it answered others meanwhile
    assert counts["431"] > 1000  # every connection was refused at least once
    assert growth_mb < 50
