"""What the query check (vngkb.sandbox.guard) costs for a text it has not seen, against
a parse of the same text with rdflib's SPARQL grammar (what the guard did before it
read SPARQL's lexical grammar instead), and against running the query.

For each canned question (bound to its defaults, with the prefix block, as the endpoint
gets it) and a few look-ups: the CPU time of the whole check (limits, form, update,
SERVICE) with its memory of texts emptied first, of rdflib's parse, and of the query on
the embedded store, all in this process. Run with ``.venv/bin/python
benchmarks/bench_guard.py`` (part of ``make bench``).
"""

from __future__ import annotations

import functools
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vngkb.core.paths import QUERIES_DIR
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.kb.layers import open_kb
from vngkb.query import catalogue
from vngkb.query.store import EmbeddedStore, bind_as_values, prefix_block
from vngkb.sandbox import guard


def cpu(function: Callable[[], object], repeat: int) -> float:
    """Median CPU seconds of *repeat* calls (of this thread)."""
    times = []
    for _ in range(repeat):
        started = time.thread_time()
        function()
        times.append(time.thread_time() - started)
    return statistics.median(times)


def rdflib_parse(text: str) -> object:
    from rdflib.plugins.sparql.parser import Query, expandUnicodeEscapes

    return Query.parse_string(expandUnicodeEscapes(text).replace("\r", "\n"), parse_all=True)


def new_text_check(text: str) -> object:
    guard._reading.cache_clear()  # a text not seen before
    return guard.check_query(text)


def main() -> None:
    store = EmbeddedStore(open_kb())
    texts = [prefix_block() + bind_as_values(q.query, q.bindings({}))
             for q in catalogue.load_catalogue(QUERIES_DIR).values()]
    canned = len(texts)
    texts += [f"SELECT ?p ?o WHERE {{ <https://w3id.org/vngkb/id/maatregel/{LB}/{name}> "
              "?p ?o }" for name in ("laaggeletterdheid", "digitalisering-rechtspraak")]
    rdflib_parse("ASK {}")  # builds the grammar
    threading.stack_size(512 * 1024 * 1024)  # rdflib's grammar recurses deeply
    results: dict[str, list[float]] = {"guard": [], "rdflib": [], "query": []}

    def measure() -> None:
        for text in texts:
            results["guard"].append(cpu(functools.partial(new_text_check, text), 21))
            results["rdflib"].append(cpu(functools.partial(rdflib_parse, text), 3))
            results["query"].append(cpu(functools.partial(store.select, text), 3))

    worker = threading.Thread(target=measure)
    worker.start()
    worker.join()
    sizes = [len(t) for t in texts[:canned]]
    print(f"{canned} canned questions ({min(sizes)}-{max(sizes)} characters, median "
          f"{statistics.median(sizes):.0f}) and {len(texts) - canned} look-ups, each a new "
          "text; CPU time, medians per text")
    for label, part in (("canned questions", slice(0, canned)),
                        ("look-ups", slice(canned, None))):
        ours = results["guard"][part]
        theirs = results["rdflib"][part]
        ran = results["query"][part]
        print(f"  {label:<17} guard {statistics.median(ours) * 1e3:7.3f} ms (most "
              f"{max(ours) * 1e3:.3f})   rdflib parse {statistics.median(theirs) * 1e3:7.2f} "
              f"ms (most {max(theirs) * 1e3:.1f})   ratio "
              f"{statistics.median(t / o for t, o in zip(theirs, ours, strict=True)):6.0f}x   "
              f"query {statistics.median(ran) * 1e3:7.2f} ms")


if __name__ == "__main__":
    main()
