"""How vngkb grows with the KB: synthetic KBs of 10x and 100x the shipped one, measured
beside the shipped one (1x).

SYNTHETIC DATA. A KB of factor F has F times the shipped KB's triples: the shipped
ontology and kb/ (and computed figures) plus as many synthetic letters as that takes. A
bigger real KB would hold more letters, each valid on its own, so each synthetic letter
K (K = 2, 3, ...) is a copy of the letter's measures (def:Maatregel), the amounts they
own (def:Bedrag) and the disagreements (def:Tegenstrijdigheid) between at least two of
those amounts, changed so that it is a letter of its own:
- every copied resource has a suffixed slug (``maatregel/X-synthetisch-K``), its title
  or label marked "(synthetische kopie K)" and an rdfs:comment saying it is not from the
  letter;
- its source (dct:source) is ``bron/synthetisch-K``, a def:Brondocument whose title and
  rdfs:comment say it is synthetic;
- every amount's value is the original plus K euro, so no two letters state the same
  sums, while amounts linked inside one copy (def:zelfdeGeldAls, def:deelVan, ...) keep
  the same relation between their values (equal stays equal);
- links to amounts that are not copied (those of the foreword and of an amendment of
  the real letter: their owners are not measures) are left out, in both directions: a
  synthetic letter's money is not the same money as, part of, or followed by the real
  letter's, and with values K euro apart no check asks for such a relation.
Line numbers stay those of the letter (the shapes bound them to its 2 511 lines). So the
QC checks that pair measures or amounts report nothing across letters, and what
`validate` finds grows linearly: per synthetic letter, the warnings of the measures it
copies (no instrument, no year, as in the letter) and one violation per copied measure
and amount, as the shipped shapes require the letter as the source of every measure and
amount (a KB of more letters would widen that rule). Written as N-Triples (valid Turtle)
to a temporary folder that is removed at the end (split into files of at most
CHUNK_TRIPLES triples, as the reader limits each file); never into kb/.

Measured at each factor, in this process unless said otherwise:
- load: the KB files plus the computed finance layer into the embedded store;
- every canned question with its defaults (median of RUNS runs, embedded store);
- validate (1x and 10x; a new process, as `vngkb validate FILES` runs);
- `vngkb serve` throughput on the canned questions (its own process, CLIENTS clients,
  SECONDS seconds), against which nothing is compared: the growth is the point.

Run with `make bench-scale` (`--factors 1 10`, `--no-serve`, `--runs N` to shorten;
`make bench-scale SCALE_ARGS="--only validate --runs 3"` times `validate` alone, 3 runs
at 1x and 10x, wall and CPU time).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence, Set
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ask import median_time  # noqa: E402
from benchmarks.bench_server import free_port, load, question_queries, wait_until_up  # noqa: E402
from vngkb.core.errors import VngkbError  # noqa: E402
from vngkb.kb.layers import load_kb  # noqa: E402
from vngkb.kb.load import default_files  # noqa: E402
from vngkb.query import catalogue  # noqa: E402
from vngkb.query.catalogue import with_allowed_values  # noqa: E402
from vngkb.query.store import EmbeddedStore  # noqa: E402
from vngkb.rdf.namespaces import DCT, DEF, ID, RDF, RDFS, SCHEMA  # noqa: E402

FACTORS = (1, 10, 100)
#: Factors at which `validate` runs (pySHACL is the slow part; 100x is not a target).
VALIDATE_FACTORS = (1, 10)
RUNS = 5
CLIENTS = 8
SECONDS = 5.0
#: Triples per synthetic file: well inside vngkb.rdf.turtle's per-file limits.
CHUNK_TRIPLES = 50_000
SOURCE, VALUE = ox.NamedNode(DCT + "source"), ox.NamedNode(SCHEMA + "value")
TITLE, LABEL = ox.NamedNode(DCT + "title"), ox.NamedNode(RDFS + "label")
VNGKB = str(Path(sys.executable).parent / "vngkb")

SERVE_SCRIPT = """
import sys
from pathlib import Path
import uvicorn
from vngkb.kb.layers import load_kb
from vngkb.rdf.namespaces import BASE
from vngkb.server.app import create_app
# No answer cache: the same canned questions again and again would measure the cache,
# not how the queries grow with the KB.
app = create_app(load_kb([Path(p) for p in sys.argv[2:]]), base=BASE, timeout=60,
                 max_rows=10_000, cache_bytes=0)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def synthetic_copies(factor: int) -> list[bytes]:
    """N-Triples of enough synthetic letters (see the module docstring) to make the KB
    *factor* times as large (in triples, computed figures included), in chunks of at
    most :data:`CHUNK_TRIPLES` triples (one file each, as kb/ has one file per chapter,
    each within the reader's per-file limits)."""
    if factor < 2:
        return []
    shipped = load_kb(computed=False)
    letter = _letter(shipped)
    copied = {q.subject for q in letter}
    foreign = _subjects(shipped, "Bedrag") - copied
    per_copy = len(_copy(letter, copied, foreign, 2))
    copies = round((factor - 1) * len(load_kb()) / per_copy)
    triples = [t for copy in range(2, copies + 2)
               for t in _copy(letter, copied, foreign, copy)]
    chunks = []
    for start in range(0, len(triples), CHUNK_TRIPLES):
        data = ox.serialize(triples[start:start + CHUNK_TRIPLES],
                            format=ox.RdfFormat.N_TRIPLES)
        assert isinstance(data, bytes)
        chunks.append(data)
    return chunks


def _subjects(store: ox.Store, kind: str) -> set[ox.NamedNode | ox.BlankNode | ox.Triple]:
    return {q.subject for q in store.quads_for_pattern(
        None, ox.NamedNode(RDF + "type"), ox.NamedNode(DEF + kind), ox.DefaultGraph())}


def _objects(store: ox.Store, subjects: Iterable[ox.NamedNode | ox.BlankNode | ox.Triple],
             predicate: str) -> set[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]:
    return {q.object for s in subjects for q in store.quads_for_pattern(
        s, ox.NamedNode(DEF + predicate), None, ox.DefaultGraph())}


def _letter(shipped: ox.Store) -> list[ox.Quad]:
    """The triples one synthetic letter copies: those of every measure, the amounts it
    owns, and each disagreement between at least two of those amounts."""
    measures = _subjects(shipped, "Maatregel")
    amounts = _objects(shipped, measures, "bedrag")
    disagreements = {d for d in _subjects(shipped, "Tegenstrijdigheid")
                     if len(_objects(shipped, [d], "uitspraak") & amounts) >= 2}
    copied = measures | amounts | disagreements
    return [q for q in shipped.quads_for_pattern(None, None, None, ox.DefaultGraph())
            if q.subject in copied]


def _copy(letter: Sequence[ox.Quad], copied: Set[object], foreign: Set[object],
          copy: int) -> list[ox.Triple]:
    """Synthetic letter number *copy*: the triples of *letter* (about the *copied*
    subjects) renamed, re-sourced and with their amounts' values raised by *copy* euro,
    plus its source document; links to the *foreign* amounts (of the real letter's
    foreword or amendments) are left out."""
    suffix = f"-synthetisch-{copy}"
    source = ox.NamedNode(f"{ID}bron/synthetisch-{copy}")
    marker = ox.Literal(f"Synthetische kopie {copy} voor de schaalmeting "
                        "(benchmarks/scale.py); niet uit de brief.", language="nl")
    triples = [
        ox.Triple(source, ox.NamedNode(RDF + "type"), ox.NamedNode(DEF + "Brondocument")),
        ox.Triple(source, ox.NamedNode(DCT + "title"), ox.Literal(
            f"Synthetische brief {copy}", language="nl")),
        ox.Triple(source, ox.NamedNode(RDFS + "comment"), ox.Literal(
            f"Synthetische brief {copy}: kopieën van de maatregelen en bedragen van de "
            "ledenbrief voor de schaalmeting (benchmarks/scale.py); geen echte bron.",
            language="nl"))]
    marked = set()
    for quad in letter:
        assert isinstance(quad.subject, ox.NamedNode)  # kb/ names every resource it copies
        subject = ox.NamedNode(quad.subject.value + suffix)
        obj = quad.object
        if obj in copied:
            assert isinstance(obj, ox.NamedNode)
            obj = ox.NamedNode(obj.value + suffix)
        elif obj in foreign:
            continue  # a link to an amount of the real letter's foreword or amendment
        elif quad.predicate == SOURCE:
            obj = source
        elif quad.predicate == VALUE and isinstance(obj, ox.Literal):
            obj = ox.Literal(str(Decimal(obj.value) + copy), datatype=obj.datatype)
        elif quad.predicate in (TITLE, LABEL) and isinstance(obj, ox.Literal):
            obj = ox.Literal(f"{obj.value} (synthetische kopie {copy})",
                             language=obj.language)
        assert not isinstance(obj, ox.Triple)
        triples.append(ox.Triple(subject, quad.predicate, obj))
        if quad.predicate.value == RDF + "type" and subject not in marked:
            marked.add(subject)
            triples.append(ox.Triple(subject, ox.NamedNode(RDFS + "comment"), marker))
    return triples


def write_kb(factor: int, folder: Path) -> list[Path]:
    """The files of the KB of *factor*: the shipped ones and, beyond 1x, the copies."""
    files = default_files()
    for number, chunk in enumerate(synthetic_copies(factor), start=1):
        copies = folder / f"synthetisch-{factor}x-{number}.ttl"
        copies.write_bytes(b"# SYNTHETIC: copies for benchmarks/scale.py, not from the "
                           b"letter.\n" + chunk)
        files = [*files, copies]
    return files


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
        times[name] = 1000 * median_time(
            functools.partial(backend.select, question.query, bindings), runs)
    return times


@contextlib.contextmanager
def own_cache(folder: str) -> Iterator[None]:
    """vngkb's cache in *folder* (this process and the processes it starts), not in the
    user's: the synthetic KBs' entries are hundreds of megabytes."""
    before = os.environ.get("VNGKB_CACHE_DIR")
    os.environ["VNGKB_CACHE_DIR"] = str(Path(folder) / "cache")
    try:
        yield
    finally:
        if before is None:
            del os.environ["VNGKB_CACHE_DIR"]
        else:
            os.environ["VNGKB_CACHE_DIR"] = before


def validate_seconds(files: Sequence[Path]) -> float:
    return validate_run(files)[0]


def validate_run(files: Sequence[Path]) -> tuple[float, float, int]:
    """`vngkb validate FILES` in a new process: wall seconds, the child's CPU seconds
    (user + system; the machine may be shared, so wall time alone says little) and the
    number of lines it printed (one a violation, and the verdict)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([VNGKB, "validate", *map(str, files)],
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"scale: vngkb validate failed: {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, len(done.stdout.splitlines())


def validate_only(factors: Sequence[int], runs: int) -> None:
    """`--only validate`: *runs* runs of `vngkb validate` at each factor, as a table of
    median, lowest and highest wall and CPU seconds."""
    print("| KB | triples | lines printed | wall s, median (min-max) | CPU s, median (min-max) |")
    print("|---|---:|---:|---|---|")
    with tempfile.TemporaryDirectory(prefix="vngkb-scale-") as tmp, own_cache(tmp):
        for factor in factors:
            folder = Path(tmp) / f"{factor}x"
            folder.mkdir()
            files = write_kb(factor, folder)
            triples = len(load_kb(files))
            results = [validate_run(files) for _ in range(runs)]
            walls, cpus = [r[0] for r in results], [r[1] for r in results]
            print(f"| {factor}x | {triples} | {results[0][2]} | "
                  f"{statistics.median(walls):.1f} ({min(walls):.1f}-{max(walls):.1f}) | "
                  f"{statistics.median(cpus):.1f} ({min(cpus):.1f}-{max(cpus):.1f}) |",
                  flush=True)


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
    parser.add_argument("--factors", type=int, nargs="+")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--no-serve", action="store_true", help="skip the server runs")
    parser.add_argument("--only", choices=["validate"],
                        help="only this figure, --runs times at each factor (default 1 10)")
    parser.add_argument("--questions", nargs="+", default=[], metavar="NAME",
                        help="measure only these canned questions")
    args = parser.parse_args(argv)
    if args.only == "validate":
        validate_only(sorted(set(args.factors or VALIDATE_FACTORS)), args.runs)
        return
    factors = sorted(set(args.factors or FACTORS))
    rows: dict[str, list[str]] = {}
    loads, triples, serves, validations = [], [], [], []
    questions: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="vngkb-scale-") as tmp, own_cache(tmp):
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
