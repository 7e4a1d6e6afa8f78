"""Search latency: ``vngkb.search.zoek`` (SQLite FTS5 over the cached index) against the
baseline of the same kind of question in SPARQL, the canned ``zoek-in-teksten`` (plain
substring match in the measures' texts) on an already loaded embedded store.

Run with `make bench`. Measured in this one process: the index build (cold, into an empty
cache), opening the cached index and searching (what each `vngkb search` does after the
first), and the SPARQL baseline on a loaded store; each line prints the median and the
ratio to the baseline.
"""

from __future__ import annotations

import functools
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ask import median_time  # noqa: E402  (one timing rule for every benchmark)

#: Terms that appear in the letter: one word, a frequent word, a phrase, and a synonym.
TERMS = ["uitvoeringstoets", "gemeenten", '"extra middelen"', "jeugdzorg"]


def main() -> None:
    from vngkb.kb.load import default_files, load_store
    from vngkb.query import catalogue
    from vngkb.query.store import EmbeddedStore
    from vngkb.search import zoek
    from vngkb.search.index import open_index

    question = catalogue.find_question("zoek-in-teksten")
    backend = EmbeddedStore(load_store())
    files = default_files()

    def sparql(term: str) -> int:
        bindings = question.bindings({"zoekterm": term.strip('"')})
        return len(backend.select(question.query, bindings).rows)

    with tempfile.TemporaryDirectory() as cache:
        def build() -> None:
            for old in Path(cache).glob("zoekindex-*"):
                old.unlink()
            open_index(files, Path(cache)).close()

        build_time = median_time(build, 3)
        print(f"index build (cold cache)      {build_time * 1000:8.1f} ms")
        for term in TERMS:
            hits = len(zoek(term, files=files, cache=Path(cache), limit=1000))
            rows = sparql(term)
            ours = median_time(functools.partial(zoek, term, files=files,
                                                 cache=Path(cache)), 30)
            base = median_time(functools.partial(sparql, term), 30)
            print(f"zoek {term:<22} {ours * 1000:8.2f} ms ({hits:3d} hits)   "
                  f"SPARQL zoek-in-teksten {base * 1000:8.2f} ms ({rows:3d} rows)   "
                  f"ratio {ours / base:5.2f}")


if __name__ == "__main__":
    main()
