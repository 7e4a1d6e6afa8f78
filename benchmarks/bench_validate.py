"""Time `vngkb validate` on the shipped KB against the same pySHACL run on the shapes as
they were before validation was made fast (benchmarks/data/shapes*-baseline.ttl:
SHACL-SPARQL constraints, parsed and run by pySHACL per focus node, advanced mode, the
graph handed over as N-Triples), both in a new process, as a user runs them.

Run with `make bench-validate` (also part of `make bench`). Prints the median, the spread
(min-max) of RUNS runs each, and the ratio; both runs must report the same findings.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 3
VNGKB = str(Path(sys.executable).parent / "vngkb")

BASELINE_SCRIPT = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from benchmarks.bench_validate import baseline_report
print(baseline_report())
"""


def baseline_report() -> str:
    """The report as validation made it before: old shapes, SHACL-SPARQL, N-Triples."""
    import pyoxigraph as ox
    import rdflib

    from vngkb.core.paths import CHECKS_DIR
    from vngkb.kb.layers import add_computed
    from vngkb.kb.load import default_files, load_file
    from vngkb.validate import validation

    data_store, shapes_store = ox.Store(), ox.Store()
    for path in default_files():
        if not validation.is_shapes_file(path):
            load_file(data_store, path)
    for path in sorted((ROOT / "benchmarks" / "data").glob("shapes*-baseline.ttl")):
        load_file(shapes_store, path)
    add_computed(data_store)

    def graph(store: ox.Store) -> rdflib.Graph:
        parsed = rdflib.Graph()
        parsed.parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES,
                                     from_graph=ox.DefaultGraph()), format="nt")
        return parsed

    findings = validation.shacl_findings(graph(data_store), graph(shapes_store),
                                         advanced=True, allow_warnings=True)
    _shape_like, qc = validation._checks(data_store, CHECKS_DIR)
    report = validation.Report(findings=tuple(findings + qc), triples=len(data_store))
    return report.text(warnings=True)


def timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed: {done.stderr.strip()}")
    return elapsed, done.stdout


def main() -> None:
    ours, theirs = [], []
    ours_out = theirs_out = ""
    for _ in range(RUNS):
        elapsed, ours_out = timed([VNGKB, "validate", "--warnings"])
        ours.append(elapsed)
        elapsed, theirs_out = timed([sys.executable, "-c", BASELINE_SCRIPT])
        theirs.append(elapsed)
    if ours_out.strip() != theirs_out.strip():
        raise SystemExit("the two validations report different findings")
    median, base = statistics.median(ours), statistics.median(theirs)
    print(f"vngkb validate, shipped KB, new process, {RUNS} runs (median, min-max)")
    print(f"  vngkb (SHACL Core + whole-graph checks) {median:6.2f} s "
          f"({min(ours):.2f}-{max(ours):.2f})")
    print(f"  baseline (shapes before, SHACL-SPARQL)  {base:6.2f} s "
          f"({min(theirs):.2f}-{max(theirs):.2f})")
    print(f"  ratio {base / median:.1f}x")


if __name__ == "__main__":
    main()
