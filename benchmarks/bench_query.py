"""A cold ``vngkb query FILE`` (a small SELECT, in a new process, as a researcher runs
it) against a baseline that parses the same KB files with rdflib and runs the same
query with rdflib's engine, and against a cold ``vngkb ask``, all in this one run.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_query.py``). Wall time
and CPU time, medians. ``vngkb query`` leaves its query process to end on its own once
it has the answer; this benchmark makes itself the subreaper of what it starts
(``PR_SET_CHILD_SUBREAPER``, Linux), so that process's CPU time is counted too.
"""

from __future__ import annotations

import compileall
import ctypes
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ask import QUESTION, VNGKB  # noqa: E402

QUERY = """SELECT ?maatregel ?naam WHERE {
  ?maatregel a def:Maatregel ; dct:title ?naam .
} ORDER BY ?naam LIMIT 10
"""

BASELINE_SCRIPT = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import rdflib
from vngkb.kb.load import default_files
from vngkb.rdf.namespaces import PREFIXES
graph = rdflib.Graph()
for path in default_files():
    graph.parse(path, format="turtle")
print(len(list(graph.query({QUERY!r}, initNs=PREFIXES))))
"""


def _reap_all() -> None:
    """Wait for every process this one is the parent or subreaper of (their CPU time
    then counts in RUSAGE_CHILDREN)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def measured(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system, of every process *run*
    starts) of *repeat* runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run()
        walls.append(time.perf_counter() - start)
        _reap_all()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    compileall.compile_dir(ROOT / "vngkb", quiet=1)
    with tempfile.NamedTemporaryFile("w", suffix=".rq", delete=False) as file:
        file.write(QUERY)
    try:
        def query() -> None:
            done = subprocess.run([VNGKB, "query", file.name, "--format", "csv"],
                                  check=True, capture_output=True, text=True)
            assert len(done.stdout.splitlines()) == 11, done.stdout

        def ask() -> None:
            subprocess.run([VNGKB, "ask", QUESTION, "--param", "jaar=2020", "--format",
                            "csv"], check=True, capture_output=True)

        def baseline() -> None:
            done = subprocess.run([sys.executable, "-c", BASELINE_SCRIPT], check=True,
                                  capture_output=True, text=True)
            assert done.stdout.strip() == "10", done.stdout

        query()  # fills the cache, as any first run does
        ours = measured(query, repeat=9)
        theirs = measured(baseline, repeat=3)
        asked = measured(ask, repeat=9)
    finally:
        os.unlink(file.name)
    print("cold `vngkb query FILE` (a small SELECT), medians")
    for label, index in (("wall", 0), ("CPU", 1)):
        print(f"  {label:<4} vngkb query {ours[index] * 1000:7.1f} ms   "
              f"rdflib {theirs[index] * 1000:7.1f} ms   ratio "
              f"{theirs[index] / ours[index]:5.1f}x   (vngkb ask {asked[index] * 1000:6.1f} ms:"
              f" query/ask {ours[index] / asked[index]:4.2f})")


if __name__ == "__main__":
    main()
