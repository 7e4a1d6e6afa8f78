"""What the query check costs, against running the query itself.

For each canned question (bound to its defaults) and a few look-ups: the time of the
cheap scan (limits), of the full parse (first time, and again, remembered), and of
running the query on the embedded store, all in this process; printed as ratios to the
query's own time. Run with ``.venv/bin/python benchmarks/bench_guard.py``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from vngkb.core.paths import QUERIES_DIR
from vngkb.kb.load import load_store
from vngkb.query import catalogue
from vngkb.query.store import EmbeddedStore, bind_as_values, prefix_block
from vngkb.sandbox import guard as sparqlguard


def timed(function: Callable[[], object], repeat: int = 5) -> float:
    """Median seconds of *repeat* calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    store = EmbeddedStore(load_store())
    texts = []
    for question in catalogue.load_catalogue(QUERIES_DIR).values():
        bindings = question.bindings({})
        texts.append(prefix_block() + bind_as_values(question.query, bindings))
    texts.append("SELECT * WHERE { <https://w3id.org/vngkb/id/maatregel/laaggeletterdheid> "
                 "?p ?o }")
    scan: list[float] = []
    cold: list[float] = []
    warm: list[float] = []
    run: list[float] = []
    for text in texts:
        def limits(t: str = text) -> object:
            return sparqlguard.check_limits(t)

        def first_parse(t: str = text) -> object:
            sparqlguard._analyse.cache_clear()
            return sparqlguard.analyse_query(t)

        def parse(t: str = text) -> object:
            return sparqlguard.analyse_query(t)

        def query(t: str = text) -> object:
            return store.select(t)

        scan.append(timed(limits))
        cold.append(timed(first_parse, repeat=3))
        warm.append(timed(parse))
        run.append(timed(query))
    total = sum(run)
    print(f"{len(texts)} queries; running them takes {total * 1000:.1f} ms in all")
    for name, values in (("scan (limits)", scan), ("parse, first time", cold),
                         ("parse, remembered", warm)):
        print(f"{name:20} {sum(values) * 1000:8.1f} ms  = {sum(values) / total:6.2f} x the "
              "queries' own time")


if __name__ == "__main__":
    main()
