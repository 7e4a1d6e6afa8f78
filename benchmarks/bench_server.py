"""Load test of `vngkb serve`'s SPARQL endpoint against a bare Oxigraph server.

Both servers run here on 127.0.0.1 with the same data (the KB dumped as N-Quads) and
get the same queries, in four mixes: the canned questions bound to their defaults (made
self-contained: every prefix declared), where query work dominates; look-ups of every
statement about a measure, where per-request overhead does; and each of the two again
with every text new (a comment, or a LIMIT, of its own), so that nothing is answered
from a cache, and the look-ups once more with every structure new (variables of their
own; before the guard read SPARQL's lexical grammar, it parsed each new structure).
First
the answers of every query (a sample of the new texts) are compared; then, per mix,
each server gets many concurrent keep-alive clients for a fixed time (and at most a
fixed number of requests), after a short warm-up with other texts for the cold mix.
Throughput (requests/s), latency (p50, p95, p99) and the servers' CPU time per request
(with their child processes, from /proc) are printed for both, and the ratios.
Everything stops by itself; both servers are stopped at the end.

`vngkb serve` keeps answers in a cache (vngkb/server/answer_cache.py): in the two
repeating mixes it answers repeated texts from it, which the output says. It is started
with --max-waiting of the number of clients per process, so that, as in Oxigraph, a query
waits for a worker instead of getting a 503 at once, and with --processes 4 (two HTTP
processes per core here): Oxigraph answers each connection in a thread of its own, so on
a busy machine both get more than one share of the CPU. Canned questions that
take longer than --slow-ms in the embedded engine alone are checked but left out of
the load (and listed): with 32 clients, a few multi-second queries would make the run
measure only them. Queries whose GET would pass Oxigraph's 8 KiB header limit are sent
to both servers as POST.

Run with `make bench-server` (options: `--clients 32 --duration 10 --max-requests
50000 --workers N --processes 4 --mix all|questions|lookups`). The load generator is one
asyncio process on the same machine, so the numbers are a comparison on this machine,
not absolute capacities.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vngkb.core.errors import VngkbError  # noqa: E402
from vngkb.kb.layers import load_kb  # noqa: E402
from vngkb.query import catalogue  # noqa: E402
from vngkb.query.catalogue import with_allowed_values  # noqa: E402
from vngkb.query.store import EmbeddedStore, bind_as_values, prefix_block  # noqa: E402

ACCEPT = "application/sparql-results+json"
#: Longest the whole run may take beyond the load phases (start-up, checks), seconds.
SLACK = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def question_queries(backend: EmbeddedStore) -> list[str]:
    """The canned questions with their defaults, as self-contained text."""
    texts = []
    for question in catalogue.load_catalogue().values():
        try:
            question = with_allowed_values(question, backend)
            text = bind_as_values(question.query, question.bindings({}))
        except VngkbError:
            continue  # a question without defaults for every parameter
        texts.append(prefix_block() + text)
    return texts


def lookup_queries(backend: EmbeddedStore) -> list[str]:
    """What a measure page needs: every statement about one measure (all 90 of them)."""
    measures = backend.select("SELECT ?m WHERE { ?m a def:Maatregel } ORDER BY ?m").rows
    return [f"SELECT ?p ?o WHERE {{ <{row[0].value}> ?p ?o }}" for row in measures
            if row[0] is not None]


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        try:
            urllib.request.urlopen(probe, timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up in {seconds} s")


#: Oxigraph's server refuses a request whose headers pass 8 KiB: a query whose GET line
#: would not fit is sent to both servers as a POST (application/sparql-query) instead.
MAX_GET_LINE = 7 * 1024


def query_get_target(path: str, query: str) -> str | None:
    """The request target of a GET for *query*, or None when it is too long for one."""
    target = f"{path}?{urllib.parse.urlencode({'query': query})}"
    return target if len(target) <= MAX_GET_LINE else None


def answer(url: str, query: str) -> list[dict[str, object]] | bool:
    split = urllib.parse.urlsplit(url)
    target = query_get_target(split.path, query)
    if target is not None:
        request = urllib.request.Request(f"{split.scheme}://{split.netloc}{target}",
                                         headers={"Accept": ACCEPT})
    else:
        request = urllib.request.Request(url, data=query.encode("utf-8"), method="POST",
                                         headers={"Accept": ACCEPT,
                                                  "Content-Type": "application/sparql-query"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            data = json.loads(response.read())
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()[:300]
        sys.exit(f"bench_server: {url} answered {error.code} ({detail}) to:\n{query}")
    if "boolean" in data:
        return bool(data["boolean"])
    return sorted(data["results"]["bindings"], key=lambda b: json.dumps(b, sort_keys=True))


# --- the load generator -----------------------------------------------------------------

@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one HTTP/1.1 response; (status, whether the server keeps the connection).
    The head is read in one call and split here: a call per header line cost the load
    generator, which shares the machine's CPUs with the server, about a tenth more CPU
    time per request (against Oxigraph 0.048-0.052 ms, now 0.044-0.046)."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if not error.partial:
            raise ConnectionError("connection closed") from None
        raise
    status_line, *lines = head[:-4].split(b"\r\n")
    status = int(status_line.split()[1])
    length: int | None = None
    chunked = False
    keep = True
    for line in lines:
        name, _, value = line.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and value == "close":
            keep = False
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        keep = False
    return status, keep


async def _client(port: int, requests: Iterator[bytes], deadline: float, budget: list[int],
                  tally: Tally) -> None:
    reader = writer = None
    while time.perf_counter() < deadline and budget[0] > 0:
        budget[0] -= 1
        request = next(requests)
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            assert reader is not None
            start = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status, keep = await _read_response(reader)
            tally.latencies.append(time.perf_counter() - start)
            tally.statuses[status] = tally.statuses.get(status, 0) + 1
            if status != 200:
                tally.errors += 1
            if not keep:
                writer.close()
                writer = None
        except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError):
            tally.errors += 1
            if writer is not None:
                writer.close()
            writer = None
    if writer is not None:
        writer.close()


def _request(path: str, text: str) -> bytes:
    """One HTTP/1.1 request for *text*: a GET, or a POST when it is too long for one."""
    target = query_get_target(path, text)
    if target is not None:
        return (f"GET {target} HTTP/1.1\r\n"
                f"Host: 127.0.0.1\r\nAccept: {ACCEPT}\r\n\r\n").encode("ascii")
    body = text.encode("utf-8")
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {ACCEPT}\r\n"
            f"Content-Type: application/sparql-query\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode("ascii") + body


def _requests(path: str, texts: Sequence[str]) -> list[bytes]:
    return [_request(path, text) for text in texts]


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    #: CPU seconds the server (with its worker processes) used in the run, when known.
    cpu: float | None = None
    #: Responses by HTTP status.
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


async def _load(port: int, path: str, texts: Sequence[str], clients: int, seconds: float,
                max_requests: int) -> tuple[Tally, float]:
    requests = cycle(_requests(path, texts))
    tally = Tally()
    budget = [max_requests]
    start = time.perf_counter()
    await asyncio.wait_for(
        asyncio.gather(*(_client(port, requests, start + seconds, budget, tally)
                         for _ in range(clients))),
        timeout=seconds + 60)
    return tally, time.perf_counter() - start


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user and system) of process *pid* and every process under it, from
    /proc (None where there is no /proc)."""
    proc = Path("/proc")
    if not (proc / str(pid) / "stat").exists():
        return None
    parent: dict[int, int] = {}
    used: dict[int, int] = {}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # ended meanwhile
        child = int(stat.parent.name)
        parent[child] = int(fields[1])
        used[child] = int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    family = {pid}
    grew = True
    while grew:
        more = {child for child, up in parent.items() if up in family} - family
        grew = bool(more)
        family |= more
    return sum(used.get(member, 0) for member in family) / os.sysconf("SC_CLK_TCK")


def load(name: str, port: int, path: str, texts: Sequence[str], clients: int, seconds: float,
         max_requests: int, *, warmup_texts: Sequence[str] | None = None,
         pid: int | None = None) -> Result:
    """A short warm-up (with *warmup_texts*, by default *texts*), then the measured run;
    the CPU time of the server *pid* in that run, when given."""
    asyncio.run(_load(port, path, warmup_texts or texts, clients, min(1.0, seconds / 5),
                      max_requests))
    before = cpu_seconds(pid) if pid is not None else None
    tally, elapsed = asyncio.run(_load(port, path, texts, clients, seconds, max_requests))
    after = cpu_seconds(pid) if pid is not None else None
    cpu = after - before if before is not None and after is not None else None
    return Result(name, len(tally.latencies), tally.errors, elapsed, tally.latencies, cpu,
                  tally.statuses)


@dataclass
class Mix:
    """Queries of one load run: *texts* for the measured run (round robin), others for
    the warm-up before it, and those whose answers are compared between the servers."""

    texts: list[str]
    warmup: list[str]
    checked: list[str]
    note: str


def cold_lookup_queries(lookups: Sequence[str], count: int, first: int) -> list[str]:
    """*count* different texts of the measure *lookups*, none seen before: each with its
    own LIMIT (from *first* up, far above any measure's statements, so the answers are
    the whole look-ups)."""
    return [f"{lookups[i % len(lookups)]} LIMIT {first + i}" for i in range(count)]


def new_structure_lookups(lookups: Sequence[str], count: int, first: int) -> list[str]:
    """*count* look-ups whose structure is new too: each with variables of its own, so
    that no verdict kept by structure could serve it (the guard once kept those)."""
    return [lookups[i % len(lookups)].replace("?p", f"?p{first + i}")
            .replace("?o", f"?o{first + i}") for i in range(count)]


def cold_mix(vary: Callable[[Sequence[str], int, int], list[str]], texts: Sequence[str],
             count: int, note: str) -> Mix:
    """A mix of *count* texts made new by *vary* from *texts*, other new ones for the
    warm-up, and one new text per original for the comparison."""
    return Mix(vary(texts, count, 3_000_000), vary(texts, count, 2_000_000),
               vary(texts, len(texts), 1_000_000), note)


#: Different texts of each cold mix of canned questions (their requests are large).
COLD_TEXTS = 5000


def renamed(texts: Sequence[str], count: int, first: int) -> list[str]:
    """*count* texts, *texts* in turn, each made new by a comment with its own number."""
    return [f"{texts[i % len(texts)]}\n# {first + i}\n" for i in range(count)]


def engine_ms(backend: EmbeddedStore, text: str) -> float:
    """Milliseconds the embedded engine takes for *text* alone (rows read)."""
    start = time.perf_counter()
    list(backend.store.query(text))  # type: ignore[arg-type]
    return (time.perf_counter() - start) * 1000


# --- the run ----------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32, help="concurrent connections")
    parser.add_argument("--duration", type=float, default=10.0,
                        help="seconds of load per server")
    parser.add_argument("--max-requests", type=int, default=50_000,
                        help="stop a server's run after this many requests")
    parser.add_argument("--workers", type=int, default=None,
                        help="query processes of vngkb serve (default: its own)")
    parser.add_argument("--processes", type=int, default=4,
                        help="HTTP processes of vngkb serve (its --processes; 1: the option "
                             "is not given)")
    parser.add_argument("--mix", choices=["all", "questions", "lookups"], default="all",
                        help="which mixes to run")
    parser.add_argument("--slow-ms", type=float, default=1000.0,
                        help="canned questions slower than this in the engine itself are "
                             "checked but left out of the load (listed)")
    args = parser.parse_args(argv)
    # Stopped from outside: still stop both servers (the finally below).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit("bench_server: stopped"))
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    vngkb = str(Path(sys.executable).parent / "vngkb")
    for binary, package in ((oxigraph, "oxigraph"), (vngkb, "vngkb")):
        if not Path(binary).exists():
            sys.exit(f"bench_server: {binary} not found: install the dev extras ({package})")

    backend = EmbeddedStore(load_kb())
    mixes: dict[str, Mix] = {}
    if args.mix in ("all", "questions"):
        questions = question_queries(backend)
        slow = {text: engine_ms(backend, text) for text in questions}
        slow = {text: ms for text, ms in slow.items() if ms > args.slow_ms}
        kept = [text for text in questions if text not in slow]
        note = "every answer is the same each time: vngkb serve's answer cache is warm"
        if slow:
            note += (f"; {len(slow)} questions slower than {args.slow_ms:g} ms in the "
                     f"engine itself (" + ", ".join(f"{ms:.0f} ms" for ms in slow.values())
                     + ") are checked but not in the load")
        mixes["canned questions"] = Mix(kept, kept, questions, note)
        mixes["canned questions, cold"] = cold_mix(
            renamed, kept, COLD_TEXTS,
            "every text new (a comment of its own): no answer cache")
    if args.mix in ("all", "lookups"):
        lookups = lookup_queries(backend)
        mixes["measure look-ups"] = Mix(
            lookups, lookups, lookups,
            "the same texts again and again: vngkb serve's answer cache is warm")
        mixes["measure look-ups, cold"] = cold_mix(
            cold_lookup_queries, lookups, args.max_requests,
            "every text new (its own LIMIT): no answer cache")
        mixes["measure look-ups, every structure new"] = cold_mix(
            new_structure_lookups, lookups, args.max_requests,
            "every text new in its structure too (variables of its own): no answer "
            "cache, the guard reads every text")
    servers: list[subprocess.Popen[bytes]] = []
    started = time.monotonic()
    results: dict[str, list[Result]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        dump = Path(tmp) / "kb.nq"
        backend.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
        try:
            subprocess.run([oxigraph, "load", "--location", f"{tmp}/db", "--file", str(dump)],
                           check=True, capture_output=True, timeout=SLACK)
            ox_port, vngkb_port = free_port(), free_port()
            servers.append(subprocess.Popen(
                [oxigraph, "serve-read-only", "--location", f"{tmp}/db",
                 "--bind", f"127.0.0.1:{ox_port}"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            # Queries wait for a worker as they wait in Oxigraph (which has no admission
            # limit): a 503 for the 9th waiting query would count as an answer.
            command = [vngkb, "serve", "--port", str(vngkb_port), "--timeout", "30",
                       "--max-waiting", str(args.clients * max(args.processes, 1))]
            if args.workers:
                command += ["--workers", str(args.workers)]
            if args.processes > 1:
                command += ["--processes", str(args.processes)]
            servers.append(subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL))
            ox_url = f"http://127.0.0.1:{ox_port}/query"
            vngkb_url = f"http://127.0.0.1:{vngkb_port}/sparql"
            wait_until_up(ox_url, servers[0])
            wait_until_up(vngkb_url, servers[1])

            for mix in mixes.values():  # same data, same queries: same answers
                for text in mix.checked:
                    if answer(ox_url, text) != answer(vngkb_url, text):
                        sys.exit(f"bench_server: the servers disagree on:\n{text}")
            print(" ".join(["vngkb", *command[1:]]).replace(str(vngkb_port), "PORT"))
            print(f"same answers from both servers to all "
                  f"{sum(len(m.checked) for m in mixes.values())} queries checked; "
                  f"{args.clients} clients, {args.duration:g} s or {args.max_requests} "
                  f"requests per server and mix")
            for name, mix in mixes.items():
                results[name] = [
                    load("vngkb serve", vngkb_port, "/sparql", mix.texts, args.clients,
                         args.duration, args.max_requests, warmup_texts=mix.warmup,
                         pid=servers[1].pid),
                    load("oxigraph serve-read-only", ox_port, "/query", mix.texts,
                         args.clients, args.duration, args.max_requests,
                         warmup_texts=mix.warmup, pid=servers[0].pid),
                ]
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                try:
                    server.wait(10)
                except subprocess.TimeoutExpired:
                    server.kill()

    failed = False
    for name, (ours, bare) in results.items():
        print(f"\n{name} ({len(set(mixes[name].texts))} queries, round robin; "
              f"{mixes[name].note})")
        print(f"  {'server':<26}{'requests':>9}{'errors':>8}{'req/s':>9}"
              f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'CPU ms/req':>11}")
        for r in (ours, bare):
            cpu = f"{r.cpu * 1000 / r.requests:>11.2f}" if r.cpu is not None and r.requests \
                else f"{'?':>11}"
            print(f"  {r.name:<26}{r.requests:>9}{r.errors:>8}{r.throughput:>9.0f}"
                  f"{r.percentile(50):>9.1f}{r.percentile(95):>9.1f}{r.percentile(99):>9.1f}"
                  f"{cpu}")
        print(f"  vngkb / oxigraph: throughput {ours.throughput / bare.throughput:.2f}x, "
              f"p50 latency {ours.percentile(50) / bare.percentile(50):.1f}x, "
              f"p95 latency {ours.percentile(95) / bare.percentile(95):.1f}x "
              f"(mean {statistics.fmean(ours.latencies) * 1000:.1f} vs "
              f"{statistics.fmean(bare.latencies) * 1000:.1f} ms)")
        failed = failed or bool(ours.errors or bare.errors)
        for r in (ours, bare):
            if r.errors:
                print(f"  {r.name}: {r.errors} errors; statuses {dict(sorted(r.statuses.items()))}")
        distinct = len(set(mixes[name].texts))
        if name.endswith("cold") and max(ours.requests, bare.requests) > distinct:
            print(f"  (not all cold: more requests than the {distinct} different texts)")
    print(f"\nthe whole run took {time.monotonic() - started:.0f} s")
    if failed:
        sys.exit("bench_server: some requests failed")


if __name__ == "__main__":
    main()
