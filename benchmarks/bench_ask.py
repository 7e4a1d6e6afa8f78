"""Time a cold `vngkb ask` of the headline question against a baseline that parses the
same kb/ with rdflib and runs the same query with rdflib's own SPARQL engine.

Run with `make bench`. Both are measured in this process run, and the ratio printed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTION = "decentralisatie-uitkeringen-per-startjaar"
REPEAT = 5


def _time(run: Callable[[], object], repeat: int = REPEAT) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def cold_cli() -> None:
    """A fresh process, as a user runs it: import, load the KB, bind, query, print."""
    subprocess.run([str(Path(sys.executable).parent / "vngkb"), "ask", QUESTION,
                    "--param", "jaar=2020", "--format", "csv"],
                   check=True, capture_output=True)


def baseline_rdflib() -> int:
    """The same work in rdflib: parse kb/ and ontology/, run the same query and binding."""
    import rdflib

    from vngkb import catalogue
    from vngkb.kb import default_files
    from vngkb.namespaces import PREFIXES
    from vngkb.store import bind_as_values

    graph = rdflib.Graph()
    for path in default_files():
        graph.parse(path, format="turtle")
    question = catalogue.find_question(QUESTION)
    text = bind_as_values(question.query, question.bindings({"jaar": "2020"}))
    return len(list(graph.query(text, initNs=PREFIXES)))


def main() -> None:
    cli = _time(cold_cli)
    rdflib_time = _time(baseline_rdflib, repeat=3)
    print(f"cold `vngkb ask {QUESTION}` (new process, median of {REPEAT}): {cli * 1000:8.1f} ms")
    print(f"baseline rdflib parse + rdflib SPARQL (in process, median of 3): "
          f"{rdflib_time * 1000:8.1f} ms")
    print(f"ratio baseline / vngkb: {rdflib_time / cli:.1f}x")


if __name__ == "__main__":
    main()
