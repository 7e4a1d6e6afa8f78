"""Where the time of one single-measure look-up through `vngkb serve` goes, stage by
stage, for the same queries (every statement about a measure, as in bench_server.py):

1. the query alone in Oxigraph (in process, rows read);
2. what a worker does: the query and writing the SPARQL JSON result (``execute``);
3. what the server does for a look-up itself: the guard (its reading remembered) and
   Oxigraph's own JSON writer (``LookupAnswerer.answer``);
4. the hop to a worker process and back (``WorkerPool.run``), which other queries pay;
5. the whole HTTP request to `vngkb serve`, one client, keep-alive (repeated texts:
   answered from its answer cache);
6. the same HTTP request to a bare Oxigraph server (`oxigraph serve-read-only`);
7. and 8. the HTTP requests of 5 and 6 with every text new (its own LIMIT): no cache
   of answers helps, and the guard reads every text;
9. the HTTP request of 5 with every structure new (variables of its own), as 7.

Each line is a median over RUNS requests, in microseconds, and its share of line 5.
Run with `make bench-server` (after the load test) or on its own. The machine's load
shows most in the HTTP lines.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_server import (  # noqa: E402
    Tally,
    _client,
    _requests,
    cold_lookup_queries,
    free_port,
    lookup_queries,
    new_structure_lookups,
    wait_until_up,
)
from vngkb.kb.layers import load_kb  # noqa: E402
from vngkb.query.store import EmbeddedStore  # noqa: E402
from vngkb.rdf.namespaces import PREFIXES  # noqa: E402
from vngkb.server.answer_cache import LookupAnswerer  # noqa: E402
from vngkb.server.pool import Job, WorkerPool, execute  # noqa: E402

RUNS = 1000


def median_us(run: Callable[[int], object], runs: int = RUNS) -> float:
    samples = []
    for i in range(runs):
        start = time.perf_counter()
        run(i)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


def http_us(port: int, path: str, texts: Sequence[str], runs: int = RUNS) -> float:
    """Median latency of *runs* sequential keep-alive requests (one client), the texts
    in turn."""
    tally = Tally()
    requests = iter(_requests(path, texts[:runs]) * (runs // len(texts) + 1))
    asyncio.run(_client(port, requests, time.perf_counter() + 120, [runs], tally))
    if tally.errors:
        raise SystemExit(f"bench_server_stages: {tally.errors} failed requests on {path}")
    return statistics.median(tally.latencies) * 1e6


def main() -> None:
    store = load_kb()
    texts = lookup_queries(EmbeddedStore(store))
    jobs = [Job(text, "json", 10_000) for text in texts]
    stages: dict[str, float] = {}
    stages["1 query alone (Oxigraph, in process)"] = median_us(
        lambda i: list(store.query(texts[i % len(texts)])))  # type: ignore[arg-type]
    stages["2 query + JSON result (worker's execute)"] = median_us(
        lambda i: execute(store, jobs[i % len(jobs)], PREFIXES))
    answerer = LookupAnswerer(store, PREFIXES)
    stages["3 the server's look-up (guard + Oxigraph's writer)"] = median_us(
        lambda i: answerer.answer(jobs[i % len(jobs)]))
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    assert data is not None
    pool = WorkerPool(data, size=1, timeout=30, prefixes=PREFIXES)
    pool.start()

    async def hops() -> float:
        samples = []
        for i in range(RUNS):
            start = time.perf_counter()
            await pool.run(jobs[i % len(jobs)])
            samples.append(time.perf_counter() - start)
        return statistics.median(samples) * 1e6

    try:
        # On the event loop `vngkb serve` runs on: uvicorn takes uvloop when installed.
        try:
            import uvloop
        except ImportError:
            stages["4 hop to a worker and back (pool.run)"] = asyncio.run(hops())
        else:
            stages["4 hop to a worker and back (pool.run)"] = uvloop.run(hops())
    finally:
        pool.close()
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    vngkb = str(Path(sys.executable).parent / "vngkb")
    servers = []
    with tempfile.TemporaryDirectory(prefix="bench-stages-") as tmp:
        try:
            dump = Path(tmp) / "kb.nq"
            store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
            subprocess.run([oxigraph, "load", "--location", f"{tmp}/db", "--file", str(dump)],
                           check=True, capture_output=True)
            ox_port, vngkb_port = free_port(), free_port()
            servers.append(subprocess.Popen(
                [vngkb, "serve", "--port", str(vngkb_port), "--workers", "1"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            servers.append(subprocess.Popen(
                [oxigraph, "serve-read-only", "--location", f"{tmp}/db",
                 "--bind", f"127.0.0.1:{ox_port}"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            wait_until_up(f"http://127.0.0.1:{vngkb_port}/sparql", servers[0])
            wait_until_up(f"http://127.0.0.1:{ox_port}/query", servers[1])
            http_us(vngkb_port, "/sparql", texts, 100)  # warm-up
            stages["5 HTTP to vngkb serve (1 worker)"] = http_us(vngkb_port, "/sparql", texts)
            stages["6 HTTP to oxigraph serve-read-only"] = http_us(ox_port, "/query", texts)
            cold = cold_lookup_queries(texts, RUNS, 5_000_000)
            stages["7 HTTP to vngkb serve, every text new"] = http_us(
                vngkb_port, "/sparql", cold)
            stages["8 HTTP to oxigraph, every text new"] = http_us(ox_port, "/query", cold)
            stages["9 HTTP to vngkb serve, every structure new"] = http_us(
                vngkb_port, "/sparql", new_structure_lookups(texts, RUNS, 5_000_000))
        finally:
            for server in servers:
                server.terminate()
                server.wait(10)
    whole = stages["5 HTTP to vngkb serve (1 worker)"]
    print(f"single-measure look-ups ({len(texts)} queries, round robin), medians of "
          f"{RUNS} requests")
    for label, value in stages.items():
        print(f"  {label:<52}{value:9.0f} us  {value / whole:6.0%} of 5")
    ours = stages["7 HTTP to vngkb serve, every text new"] - whole
    bare = (stages["8 HTTP to oxigraph, every text new"]
            - stages["6 HTTP to oxigraph serve-read-only"])
    parsed = stages["9 HTTP to vngkb serve, every structure new"] - whole
    print(f"  so: a text the server has not seen costs it {ours:.0f} us more (the query, "
          f"writing the answer), and {parsed:.0f} us when its structure is new too (the "
          f"guard's reading of it); Oxigraph {bare:.0f} us")


if __name__ == "__main__":
    main()
