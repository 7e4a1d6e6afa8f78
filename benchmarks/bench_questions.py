"""Time every canned question on the embedded store, against rdflib's SPARQL engine on
the same graph in the same process.

The store is loaded once (its load time is printed); then each question, bound to its
default parameter values, runs RUNS times on Oxigraph and BASELINE_RUNS times on an
rdflib graph holding the same triples (the store's dump, computed accres figures
included), and the medians are printed as a table with their ratio. The row counts of
both engines are compared as a sanity check. Run with `make bench`.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

T = TypeVar("T")

#: Runs per question on the embedded store (the median is reported).
RUNS = 25
#: Runs per question on the rdflib baseline; one when a single run takes longer than
#: SLOW_BASELINE seconds.
BASELINE_RUNS = 3
SLOW_BASELINE = 2.0


def _median_ms(run: Callable[[], T], repeat: int) -> tuple[float, T]:
    """Median wall time of *repeat* (at least one) runs in milliseconds, and the result."""
    start = time.perf_counter()
    result = run()
    samples = [time.perf_counter() - start]
    for _ in range(repeat - 1):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, result


def main() -> int:
    import pyoxigraph as ox
    import rdflib

    from vngkb.kb.layers import load_kb
    from vngkb.query import catalogue
    from vngkb.query.output import render
    from vngkb.query.store import Bindings, EmbeddedStore, ResultTable, bind_as_values
    from vngkb.rdf.namespaces import PREFIXES

    start = time.perf_counter()
    store = EmbeddedStore(load_kb())
    load_ms = (time.perf_counter() - start) * 1000

    start = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(data=store.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()),
                format="nt")
    rdflib_load_ms = (time.perf_counter() - start) * 1000

    rows: list[list[Any]] = []
    total_ox = total_rdflib = compared_ox = 0.0
    mismatches: list[str] = []
    failures: list[str] = []
    for name in sorted(catalogue.load_catalogue()):
        question = catalogue.with_allowed_values(catalogue.find_question(name), store)
        bindings = question.bindings({})
        def embedded(q: catalogue.Question = question, b: Bindings = bindings) -> ResultTable:
            return store.select(q.query, b)

        ox_ms, table = _median_ms(embedded, RUNS)
        text = bind_as_values(question.query, bindings)

        def baseline(text: str = text) -> int:
            return len(list(graph.query(text, initNs=PREFIXES)))

        n_rows = len(table.rows)
        try:
            first_ms, count = _median_ms(baseline, 1)
            repeat = 1 if first_ms / 1000 > SLOW_BASELINE else BASELINE_RUNS
            rdflib_ms = _median_ms(baseline, repeat)[0] if repeat > 1 else first_ms
        except Exception as error:  # rdflib's engine fails on some valid queries
            failures.append(f"{name}: rdflib fails: {type(error).__name__}: {error}")
            rows.append([name, n_rows, round(ox_ms, 2), None, None])
            total_ox += ox_ms
            continue
        if count != n_rows:
            mismatches.append(f"{name}: oxigraph {n_rows} rows, rdflib {count}")
        total_ox += ox_ms
        total_rdflib += rdflib_ms
        compared_ox += ox_ms
        rows.append([name, n_rows, round(ox_ms, 2), round(rdflib_ms, 1),
                     round(rdflib_ms / ox_ms, 1) if ox_ms else None])

    print(f"embedded store: cold load of the KB {load_ms:.0f} ms (once); rdflib parse of the "
          f"same triples {rdflib_load_ms:.0f} ms")
    print(f"per question: median of {RUNS} runs on Oxigraph, of {BASELINE_RUNS} on rdflib "
          f"(1 if a run takes over {SLOW_BASELINE:g} s), default parameters\n")
    print(render(["question", "rows", "oxigraph_ms", "rdflib_ms", "rdflib/oxigraph"], rows,
                 "table"))
    timings = [float(r[2]) for r in rows]
    slowest = rows[timings.index(max(timings))]
    print(f"\nall {len(rows)} questions on Oxigraph: {total_ox:.1f} ms in all, median "
          f"{statistics.median(timings):.2f} ms, slowest {slowest[0]} ({slowest[2]} ms)")
    print(f"the {len(rows) - len(failures)} questions rdflib answers: {compared_ox:.1f} ms on "
          f"Oxigraph, {total_rdflib:.0f} ms on rdflib (ratio {total_rdflib / compared_ox:.0f}x)")
    for line in mismatches + failures:
        print(f"note: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
