"""`vngkb serve --processes N` (vngkb.server.processes): N forked HTTP processes on the
port (on Linux a listening socket each, elsewhere one shared), each with its own share
of the query workers, every query still
refused or answered as with one process, and all of them gone after a signal to the
parent or when one of them dies."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.served import Served, children_of, gone, serving
from tests.web import fetch, sparql_get
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.server import processes
from vngkb.server.processes import share, workers_each

pytestmark = pytest.mark.skipif(not processes.supported() or not Path("/proc").is_dir(),
                                reason="needs fork and /proc (Linux)")

LOOKUP = f"SELECT ?p ?o WHERE {{ <https://w3id.org/vngkb/id/maatregel/{LB}/woningbouw> ?p ?o }}"


def listening_inodes(port: int) -> set[str]:
    """The inodes of the sockets listening on 127.0.0.1:*port*."""
    return {fields[9] for fields in (line.split() for line in
                                     Path("/proc/net/tcp").read_text().splitlines()[1:])
            if fields[1].endswith(f":{port:04X}") and fields[3] == "0A"}


def sockets_of(pid: int) -> set[str]:
    found = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[8:-1])
    return found


@pytest.fixture
def served() -> Iterator[Served]:
    with serving("--processes", "2", "--workers", "2") as running:
        yield running


@pytest.mark.parametrize(("total", "processes_", "each"), [
    (2048, 2, 1024), (2049, 2, 1024), (2047, 2, 1023), (3, 4, 1), (0, 2, 1)])
def test_limits_are_shared_out(total: int, processes_: int, each: int) -> None:
    assert share(total, processes_) == each


def test_one_process_keeps_the_workers_as_given() -> None:
    assert workers_each(None, 1) is None and workers_each(3, 1) == 3
    assert workers_each(4, 2) == 2 and workers_each(5, 2) == 2 and workers_each(1, 2) == 1


def test_processes_listen_on_the_port_and_answer_like_one(served: Served) -> None:
    http = children_of(served.process.pid)
    assert len(http) == 2
    assert [len(children_of(child)) for child in http] == [1, 1]  # two workers, one each
    inodes = listening_inodes(served.port)
    listening = [inodes & sockets_of(child) for child in http]
    if processes.spread():  # a socket of its own each, so the kernel spreads connections
        assert len(inodes) == 2 and all(len(own) == 1 for own in listening)
        assert listening[0] != listening[1]
    else:  # one socket, shared
        assert len(inodes) == 1 and listening == [inodes, inodes]
    assert not inodes & sockets_of(served.process.pid)  # the parent only waits
    for _ in range(3):  # repeated: a refusal is never remembered as an answer
        lookup = sparql_get(served.url, LOOKUP)
        assert lookup.status == 200 and len(lookup.json()["results"]["bindings"]) > 10
        hidden = "SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
        assert sparql_get(served.url, hidden).status == 403
        assert sparql_get(served.url, "DELETE WHERE { ?s ?p ?o }").status == 403
        question = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert sparql_get(served.url, question).json()["results"]["bindings"][0]["n"][
            "value"] == sparql_get(served.url, question + " # again").json()[
            "results"]["bindings"][0]["n"]["value"]
    page = fetch(f"{served.url}/maatregelen")
    assert page.status == 200 and "woningbouw" in page.text
    huge = fetch(f"{served.url}/sparql", data=("ASK {} #" + "x" * 200_000).encode(),
                 content_type="application/sparql-query")
    assert huge.status == 413  # the limits hold in every process


def test_a_signal_to_the_parent_stops_every_process(served: Served) -> None:
    family = served.family()
    assert len(family) == 5  # parent, two HTTP processes, a worker each
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(30) == 0
    assert gone(family)


def test_when_one_process_dies_the_rest_stop(served: Served) -> None:
    family = served.family()
    os.kill(children_of(served.process.pid)[0], signal.SIGKILL)
    assert served.process.wait(30) != 0
    assert gone(family)


def test_another_program_cannot_take_the_port(served: Served) -> None:
    import socket

    with socket.socket() as other, pytest.raises(OSError):
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        other.bind(("127.0.0.1", served.port))


@pytest.mark.skipif(not processes.spread(), reason="the kernel spreads connections on Linux")
def test_each_process_gets_a_listening_socket_of_its_own() -> None:
    import socket

    bound = socket.socket()
    bound.bind(("127.0.0.1", 0))
    assert processes.listeners(bound, 1) == [bound]
    port = bound.getsockname()[1]
    bound.close()
    bound = socket.socket()
    bound.bind(("127.0.0.1", port))
    made = processes.listeners(bound, 3)
    try:
        assert bound.fileno() == -1  # closed: the port is theirs
        assert len({sock.fileno() for sock in made}) == 3
        assert {sock.getsockname() for sock in made} == {("127.0.0.1", port)}
        assert all(sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) for sock in made)
    finally:
        for sock in made:
            sock.close()
