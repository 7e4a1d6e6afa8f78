"""Time the headline question on the embedded store against a baseline that parses the
same kb/ with rdflib and runs the same query with rdflib's own SPARQL engine.

Run with `make bench`. Everything is measured in this one run, three ways:
cold (a new process each time, as a user runs the CLI), warm load + query in process,
and the query alone on an already loaded store. Each line prints both and the ratio.

Cold runs are measured as a user's second run sees them: the package's byte code is
compiled first (as pip does when it installs a package; where PYTHONDONTWRITEBYTECODE is
set, Python would otherwise compile every module on every start), and the KB is in the
cache of vngkb.kb.layers after the first run. Two more cold lines show the first run after
a KB change (an empty cache, so the KB files are parsed, checked and cached) and a run
with the cache switched off (``VNGKB_CACHE_DIR=``).
"""

from __future__ import annotations

import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTION = "decentralisatie-uitkeringen-per-startjaar"
VNGKB = str(Path(sys.executable).parent / "vngkb")

BASELINE_SCRIPT = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.bench_ask import baseline_load, baseline_query
print(len(baseline_query(baseline_load())))
"""


def median_time(run: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def median_cpu_time(run: Callable[[], object], repeat: int) -> float:
    """The median CPU time (user + system) of the child processes *run* starts: on a
    machine shared with other work it varies much less than the wall time."""
    samples = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        samples.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(samples)


def query_text() -> str:
    from vngkb.query import catalogue
    from vngkb.query.store import bind_as_values

    question = catalogue.find_question(QUESTION)
    return bind_as_values(question.query, question.bindings({"jaar": "2020"}))


def baseline_load() -> Any:
    import rdflib

    from vngkb.kb.load import default_files

    graph = rdflib.Graph()
    for path in default_files():
        graph.parse(path, format="turtle")
    return graph


def baseline_query(graph: Any) -> list[Any]:
    from vngkb.rdf.namespaces import PREFIXES

    return list(graph.query(query_text(), initNs=PREFIXES))


def vngkb_load() -> Any:
    from vngkb.kb.layers import load_kb
    from vngkb.query.store import EmbeddedStore

    return EmbeddedStore(load_kb())


def vngkb_query(backend: Any) -> list[Any]:
    return list(backend.select(query_text()).rows)


def line(label: str, ours: float, baseline: float) -> str:
    return (f"{label:<36} vngkb {ours * 1000:9.2f} ms   rdflib {baseline * 1000:9.2f} ms   "
            f"ratio {baseline / ours:7.1f}x")


def cold_ask(cache: str | None = None) -> None:
    """One `vngkb ask` in a new process; *cache*: the cache folder ("" = off), or a new
    empty folder for every run when it is "new"."""
    environment = dict(os.environ)
    with tempfile.TemporaryDirectory() as empty:
        if cache is not None:
            environment["VNGKB_CACHE_DIR"] = empty if cache == "new" else cache
        subprocess.run([VNGKB, "ask", QUESTION, "--param", "jaar=2020", "--format", "csv"],
                       check=True, capture_output=True, env=environment)


def main() -> None:
    compileall.compile_dir(ROOT / "vngkb", quiet=1)
    assert len(vngkb_query(vngkb_load())) == len(baseline_query(baseline_load()))
    cold_ask()  # fills the cache, as any first run does
    cold = median_time(cold_ask, repeat=5)
    cold_empty = median_time(lambda: cold_ask("new"), repeat=3)
    cold_off = median_time(lambda: cold_ask(""), repeat=3)
    def cold_baseline() -> None:
        subprocess.run([sys.executable, "-c", BASELINE_SCRIPT], check=True, capture_output=True)

    cold_base = median_time(cold_baseline, repeat=3)
    cold_cpu = median_cpu_time(cold_ask, repeat=5)
    cold_cpu_base = median_cpu_time(cold_baseline, repeat=3)
    warm = median_time(lambda: vngkb_query(vngkb_load()), repeat=5)
    warm_base = median_time(lambda: baseline_query(baseline_load()), repeat=3)
    backend, graph = vngkb_load(), baseline_load()
    query = median_time(lambda: vngkb_query(backend), repeat=50)
    query_base = median_time(lambda: baseline_query(graph), repeat=10)
    print(f"headline question {QUESTION} (jaar=2020), medians")
    print(line("cold, new process (CLI)", cold, cold_base))
    print(line("  the same, CPU time", cold_cpu, cold_cpu_base))
    print(line("  the same, first run (empty cache)", cold_empty, cold_base))
    print(line("  the same, cache off", cold_off, cold_base))
    print(line("load kb/ + query, in process", warm, warm_base))
    print(line("query only, store loaded", query, query_base))


if __name__ == "__main__":
    main()
