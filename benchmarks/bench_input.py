"""What the input checks cost, and what they save. Run with
``.venv/bin/python benchmarks/bench_input.py``; everything is measured in this run.

1. Loading the shipped KB with the checks (bounded read, parse to a list, term-length
   bound, literal typing) against Oxigraph's own ``Store.load`` of the same files.
2. Refusing a file with a 10 MB IRI, against handing a 10 MB literal of the same size
   (below the file bound, split over lines) to rdflib's N-Triples parser, the first step
   of the SHACL validation that the bound now keeps such terms from (cut off after a
   time limit: before the bound it took minutes).
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ask import median_time  # noqa: E402  (one timing rule for every benchmark)


def load_checked() -> None:
    import pyoxigraph as ox

    from vngkb.kb.load import default_files, parse_file
    from vngkb.rdf.literals import ill_typed

    store = ox.Store()
    for path in default_files():
        data, quads = parse_file(path)
        ill_typed(quads, data)
        store.extend(quads)


def load_plain() -> None:
    import pyoxigraph as ox

    from vngkb.kb.load import default_files

    store = ox.Store()
    for path in default_files():
        store.load(path.read_bytes(), format=ox.RdfFormat.TURTLE,
                   base_iri=path.resolve().as_uri())


def main() -> None:
    from vngkb.core.errors import KbSyntaxError
    from vngkb.kb.load import parse_file

    checked, plain = median_time(load_checked, 7), median_time(load_plain, 7)
    print(f"load shipped KB: checked {checked * 1000:.1f} ms, Store.load {plain * 1000:.1f} ms, "
          f"ratio {checked / plain:.2f}")

    with tempfile.TemporaryDirectory() as folder:
        huge = Path(folder) / "iri.ttl"
        huge.write_text(f"<http://e/{'a' * 10_000_000}> <http://e/p> 1 .\n", encoding="utf-8")

        def refuse() -> None:
            try:
                parse_file(huge)
            except KbSyntaxError:
                return
            raise AssertionError("a 10 MB IRI was accepted")

        refused = median_time(refuse, 3)
        literal = ('<http://e/s> <http://e/p> "' + "abcdefghij" * 1_000_000 + '" .\n')
        limit = 10.0
        finished = threading.Event()

        def rdflib_parse() -> None:
            import rdflib

            rdflib.Graph().parse(data=literal, format="nt")
            finished.set()

        start = time.perf_counter()
        worker = threading.Thread(target=rdflib_parse, daemon=True)
        worker.start()
        worker.join(limit)
        spent = time.perf_counter() - start
        cut = "" if finished.is_set() else f" (stopped at the {limit:.0f} s limit)"
        print(f"10 MB term: refused in {refused * 1000:.1f} ms; rdflib parse of a 10 MB "
              f"literal {spent:.1f} s{cut}; ratio {spent / refused:.0f}x")


if __name__ == "__main__":
    main()
