"""How vngkb grows with the KB: synthetic KBs of 10x and 100x the shipped one, measured
beside the shipped one (1x).

SYNTHETIC DATA. A KB of factor F has F times the shipped KB's triples: the shipped
ontology and kb/ (and computed figures) plus as many copies of every measure
(def:Maatregel) and every amount (def:Bedrag) as that takes: the same triples under
suffixed slugs (``maatregel/X-synthetisch-K``), each copy's title marked "(synthetische
kopie K)" and an rdfs:comment saying it is not from the letter. Same shapes, same
chapters, same line numbers (so the QC check for overlapping measures reports every
copy: that work is part of what is measured). Written as N-Triples (valid Turtle) to a
temporary folder that is removed at the end (split into files of at most
CHUNK_TRIPLES triples, as the reader limits each file); never into kb/.

Measured at each factor, in this process unless said otherwise:
- load: the KB files plus the computed finance layer into the embedded store;
- every canned question with its defaults (median of RUNS runs, embedded store);
- validate (1x and 10x; a new process, as `vngkb validate FILES` runs);
- `vngkb serve` throughput on the canned questions (its own process, CLIENTS clients,
  SECONDS seconds), against which nothing is compared: the growth is the point.

Run with `make bench-scale` (`--factors 1 10`, `--no-serve`, `--runs N` to shorten).
"""

from __future__ import annotations

import argparse
import functools
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

from benchmarks.bench_server import free_port, load, question_queries, wait_until_up  # noqa: E402
from vngkb import catalogue  # noqa: E402
from vngkb.catalogue import with_allowed_values  # noqa: E402
from vngkb.errors import VngkbError  # noqa: E402
from vngkb.kb import default_files  # noqa: E402
from vngkb.layers import load_kb  # noqa: E402
from vngkb.namespaces import DCT, DEF, ID, RDF, RDFS  # noqa: E402
from vngkb.store import EmbeddedStore  # noqa: E402

FACTORS = (1, 10, 100)
#: Factors at which `validate` runs (pySHACL is the slow part; 100x is not a target).
VALIDATE_FACTORS = (1, 10)
RUNS = 5
CLIENTS = 8
SECONDS = 5.0
#: Triples per synthetic file: well inside vngkb.turtle's per-file limits.
CHUNK_TRIPLES = 50_000
COPIED = (ID + "maatregel/", ID + "bedrag/")
VNGKB = str(Path(sys.executable).parent / "vngkb")

SERVE_SCRIPT = """
import sys
from pathlib import Path
import uvicorn
from vngkb.layers import load_kb
from vngkb.namespaces import BASE
from vngkb.server.app import create_app
# No answer cache: the same canned questions again and again would measure the cache,
# not how the queries grow with the KB.
app = create_app(load_kb([Path(p) for p in sys.argv[2:]]), base=BASE, timeout=60,
                 max_rows=10_000, cache_bytes=0)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def synthetic_copies(factor: int) -> list[bytes]:
    """N-Triples of enough copies of every measure and amount of the shipped KB to make
    it *factor* times as large (in triples, computed figures included), in chunks of at
    most :data:`CHUNK_TRIPLES` triples (one file each, as kb/ has one file per chapter,
    each within the reader's per-file limits)."""
    if factor < 2:
        return []
    shipped = load_kb(computed=False)
    # Every measure and the amounts it owns (amounts of the foreword or an amendment stay
    # single: their owners are not copied).
    measures = {q.subject for q in shipped.quads_for_pattern(
        None, ox.NamedNode(RDF + "type"), ox.NamedNode(DEF + "Maatregel"), ox.DefaultGraph())}
    amounts = {q.object for m in measures for q in shipped.quads_for_pattern(
        m, ox.NamedNode(DEF + "bedrag"), None, ox.DefaultGraph())}
    copied = [q for q in shipped.quads_for_pattern(None, None, None, ox.DefaultGraph())
              if q.subject in measures or q.subject in amounts]
    per_copy = len(copied) + len({q.subject for q in copied
                                  if q.predicate.value == RDF + "type"})  # + comments
    copies = round((factor - 1) * len(load_kb()) / per_copy)
    title, comment, types = ox.NamedNode(DCT + "title"), ox.NamedNode(RDFS + "comment"), set()
    triples: list[ox.Triple] = []
    for copy in range(2, copies + 2):
        suffix = f"-synthetisch-{copy}"

        def renamed(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple,
                    suffix: str = suffix) -> ox.NamedNode | ox.BlankNode | ox.Literal:
            if term in measures or term in amounts:
                assert isinstance(term, ox.NamedNode) and term.value.startswith(COPIED)
                return ox.NamedNode(term.value + suffix)
            assert not isinstance(term, ox.Triple)
            return term

        for quad in copied:
            subject, obj = renamed(quad.subject), renamed(quad.object)
            assert isinstance(subject, ox.NamedNode)
            if quad.predicate == title and isinstance(obj, ox.Literal):
                obj = ox.Literal(f"{obj.value} (synthetische kopie {copy})",
                                 language=obj.language)
            triples.append(ox.Triple(subject, quad.predicate, obj))
            if quad.predicate.value == RDF + "type" and subject not in types:
                types.add(subject)
                triples.append(ox.Triple(subject, comment, ox.Literal(
                    f"Synthetische kopie {copy} voor de schaalmeting (benchmarks/scale.py); "
                    "niet uit de brief.", language="nl")))
    chunks = []
    for start in range(0, len(triples), CHUNK_TRIPLES):
        data = ox.serialize(triples[start:start + CHUNK_TRIPLES],
                            format=ox.RdfFormat.N_TRIPLES)
        assert isinstance(data, bytes)
        chunks.append(data)
    return chunks


def write_kb(factor: int, folder: Path) -> list[Path]:
    """The files of the KB of *factor*: the shipped ones and, beyond 1x, the copies."""
    files = default_files()
    for number, chunk in enumerate(synthetic_copies(factor), start=1):
        copies = folder / f"synthetisch-{factor}x-{number}.ttl"
        copies.write_bytes(b"# SYNTHETIC: copies for benchmarks/scale.py, not from the "
                           b"letter.\n" + chunk)
        files = [*files, copies]
    return files


def median_ms(run: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def question_times(backend: EmbeddedStore, runs: int,
                   only: Sequence[str] = ()) -> dict[str, float]:
    times = {}
    for name, question in sorted(catalogue.load_catalogue().items()):
        if only and name not in only:
            continue  # --questions: measure just these
        try:
            question = with_allowed_values(question, backend)
            bindings = question.bindings({})
        except VngkbError:
            continue  # a question without defaults for every parameter
        times[name] = median_ms(functools.partial(backend.select, question.query, bindings),
                                runs)
    return times


def validate_seconds(files: Sequence[Path]) -> float:
    start = time.perf_counter()
    done = subprocess.run([VNGKB, "validate", *map(str, files)], capture_output=True,
                          text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"scale: vngkb validate failed: {done.stderr.strip()}")
    return time.perf_counter() - start


def serve_throughput(files: Sequence[Path], backend: EmbeddedStore) -> float:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVE_SCRIPT, str(port), *map(str, files)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/sparql", server, seconds=600)
        result = load("vngkb serve", port, "/sparql", question_queries(backend), CLIENTS,
                      SECONDS, 1_000_000)
        if result.errors:
            raise SystemExit(f"scale: {result.errors} failed requests to vngkb serve")
        return result.throughput
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()


def growth(values: Sequence[float]) -> str:
    """Each figure as a multiple of the 1x one: how it grows."""
    return " / ".join(f"{v / values[0]:.1f}x" for v in values) if values[0] else "-"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factors", type=int, nargs="+", default=list(FACTORS))
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--no-serve", action="store_true", help="skip the server runs")
    parser.add_argument("--questions", nargs="+", default=[], metavar="NAME",
                        help="measure only these canned questions")
    args = parser.parse_args(argv)
    factors = sorted(set(args.factors))
    rows: dict[str, list[str]] = {}
    loads, triples, serves, validations = [], [], [], []
    questions: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="vngkb-scale-") as tmp:
        for factor in factors:
            files = write_kb(factor, Path(tmp))
            start = time.perf_counter()
            store = load_kb(files)
            loads.append((time.perf_counter() - start) * 1000)
            triples.append(len(store))
            backend = EmbeddedStore(store)
            questions[factor] = question_times(backend, args.runs, args.questions)
            if factor in VALIDATE_FACTORS:
                validations.append(validate_seconds(files))
            if not args.no_serve:
                serves.append(serve_throughput(files, backend))
            print(f"{factor}x done: {len(store)} triples", file=sys.stderr)
    header = [f"{f}x" for f in factors]
    rows["triples"] = [str(t) for t in triples]
    rows["load, ms"] = [f"{v:.0f}" for v in loads]
    for name in questions[factors[0]]:
        rows[f"{name}, ms"] = [f"{questions[f][name]:.1f}" for f in factors]
    rows["validate, s"] = [f"{v:.1f}" for v in validations] + \
        ["-"] * (len(factors) - len(validations))
    if serves:
        rows["serve, canned questions, req/s"] = [f"{v:.0f}" for v in serves]
    grown = {"triples": growth(triples), "load, ms": growth(loads),
             "validate, s": growth(validations), "serve, canned questions, req/s":
             growth(serves) if serves else ""}
    for name in questions[factors[0]]:
        grown[f"{name}, ms"] = growth([questions[f][name] for f in factors])
    slowest = max(questions[factors[-1]].items(), key=lambda item: item[1])
    print(f"| figure | {' | '.join(header)} | growth |")
    print(f"|---|{'---|' * len(header)}---|")
    for label, values in rows.items():
        print(f"| {label} | {' | '.join(values)} | {grown.get(label, '')} |")
    print(f"\nslowest canned question at {factors[-1]}x: {slowest[0]} {slowest[1]:.1f} ms "
          f"(medians of {args.runs} runs; validate and serve: one run each)")


if __name__ == "__main__":
    main()
