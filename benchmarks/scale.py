"""How vngkb grows with the KB: synthetic KBs of 10x and 100x the shipped one, measured
beside the shipped one (1x).

SYNTHETIC DATA. A KB of factor F has about F times the shipped KB's triples: a folder laid
out as kb/ (docs/letters.md) with the shipped letter and as many synthetic letters as that
takes. A bigger real KB would hold more letters, each valid on its own, so each synthetic
letter K (K = 2, 3, ...) is a letter of its own, made from the shipped letter's statements
(its chapters, measures, amounts, foreword, entries into force, conditions,
disagreements, abbreviations, motions and amendments, and the laws its files describe):
- its id is ``synthetisch-K``, its folder ``synthetisch-K/``, and every IRI of the letter's
  content carries it (``maatregel/synthetisch-K/woningbouw``); its motions and amendments
  are motions of its own (``motie/X-synthetisch-K``: made-up motions, so that no
  question about the real letter finds them); its titles and labels are
  marked "(synthetische kopie K)" and each resource has an rdfs:comment saying it is not
  from the letter;
- it is declared as ``bron/synthetisch-K``, a def:Brondocument whose title and
  rdfs:comment say it is synthetic, with budget year 2021 - K (2019, 2018, ...: earlier
  than the shipped letter, so the questions' default letter stays the shipped one), and
  every fact's source (dct:source) is that letter;
- its text (``bron.txt``) is the shipped letter's text, so its line numbers and quotes
  stand where they stood;
- every amount's value is the original plus K euro, while amounts linked inside one
  letter (def:zelfdeGeldAls, def:deelVan, ...) keep the same relation between their
  values (equal stays equal);
- what it does not copy: the accres tables and their reasons (the finance module would
  compute each letter's figures again) and the IRIs replaced before the series; a link
  to any of those is left out.
So each synthetic letter validates as the shipped letter does (the same warnings, under
its own IRIs), and what `validate` finds grows linearly. Written as N-Triples (valid
Turtle) to a temporary folder that is removed at the end; never into kb/.

Measured at each factor, in this process unless said otherwise:
- load: the KB files plus the computed finance layer into the embedded store;
- every canned question with its defaults (median of RUNS runs, embedded store);
- validate (1x and 10x; a new process, `vngkb --kb DIR validate`);
- `vngkb serve` throughput on the canned questions (its own process, CLIENTS clients,
  SECONDS seconds), against which nothing is compared: the growth is the point.

Run with `make bench-scale` (`--factors 1 10`, `--no-serve`, `--runs N` to shorten;
`make bench-scale SCALE_ARGS="--only validate --runs 3"` times `validate` alone, 3 runs
at 1x and 10x, wall and CPU time and peak memory: with an empty cache, again with nothing
changed, after one letter's file changed, and with an empty cache bound to one core, the
baseline in the same run).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ask import median_time  # noqa: E402
from benchmarks.bench_server import free_port, load, question_queries, wait_until_up  # noqa: E402
from vngkb.core.errors import VngkbError  # noqa: E402
from vngkb.core.paths import (  # noqa: E402
    KB_DIR,
    LETTER_SOURCE_NAME,
    SHIPPED_LETTER,
    SOURCE_FILE,
)
from vngkb.kb.layers import load_kb  # noqa: E402
from vngkb.kb.layout import kb_folder, letter_of_iri  # noqa: E402
from vngkb.kb.load import default_files  # noqa: E402
from vngkb.query import catalogue  # noqa: E402
from vngkb.query.catalogue import with_allowed_values  # noqa: E402
from vngkb.query.store import EmbeddedStore  # noqa: E402
from vngkb.rdf.namespaces import DCT, DEF, ID, RDF, RDFS, SCHEMA, XSD  # noqa: E402

FACTORS = (1, 10, 100)
#: Factors at which `validate` runs by default (`--factors 1 10 100` adds 100x).
VALIDATE_FACTORS = (1, 10)
RUNS = 5
CLIENTS = 8
SECONDS = 5.0
LETTER_IRI = f"{ID}bron/{SHIPPED_LETTER}"
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


#: The shipped letter's files a synthetic letter does not copy (see the docstring).
NOT_COPIED = ("accres.ttl", "accres-redenen.ttl", "vervangen.ttl")


def synthetic_copies(factor: int) -> list[bytes]:
    """N-Triples of enough synthetic letters (see the module docstring) to make the KB
    about *factor* times as large (in triples, computed figures included): one item per
    letter, letter K = 2, 3, ... in turn."""
    if factor < 2:
        return []
    letter, copied = _letter()
    per_copy = len(_copy(letter, copied, 2))
    copies = max(1, round((factor - 1) * len(load_kb(default_files())) / per_copy))
    chunks = []
    for copy in range(2, copies + 2):
        data = ox.serialize(_copy(letter, copied, copy), format=ox.RdfFormat.N_TRIPLES)
        assert isinstance(data, bytes)
        chunks.append(data)
    return chunks


def _letter() -> tuple[list[ox.Quad], set[str]]:
    """The shipped letter's statements a synthetic letter copies (from its folder, but for
    :data:`NOT_COPIED`), and the IRIs of the letter's content they describe."""
    quads: list[ox.Quad] = []
    for path in sorted((KB_DIR / SHIPPED_LETTER).glob("*.ttl")):
        if path.name in NOT_COPIED:
            continue
        store = ox.Store()
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        quads += [q for q in store if isinstance(q.subject, ox.NamedNode)
                  and q.subject.value != LETTER_IRI]
    subjects = {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}
    return quads, {s for s in subjects if letter_of_iri(s) == SHIPPED_LETTER}


def _is_motion(iri: str) -> bool:
    return iri.startswith((f"{ID}motie/", f"{ID}amendement/"))


def _renamed(iri: str, letter: str) -> str:
    """*iri* of the shipped letter's content as the IRI of the same thing in *letter*; a
    motion or amendment of the letter as one of its own (``motie/X-synthetisch-K``)."""
    if _is_motion(iri):
        return f"{iri}-{letter}"
    kind, _, rest = iri[len(ID):].partition("/")
    if rest == SHIPPED_LETTER:  # the foreword: id/voorwoord/{letter}
        return f"{ID}{kind}/{letter}"
    return f"{ID}{kind}/{letter}/{rest.removeprefix(SHIPPED_LETTER + '/')}"


def _copy(letter: Sequence[ox.Quad], copied: Set[str], copy: int) -> list[ox.Triple]:
    """Synthetic letter number *copy*: its declaration and the statements *letter* (about
    the *copied* IRIs, and shared things) renamed, re-sourced and with their amounts'
    values raised by *copy* euro; a link to the letter's content that is not copied (an
    accres figure) is left out."""
    name = f"synthetisch-{copy}"
    source = ox.NamedNode(f"{ID}bron/{name}")
    marker = ox.Literal(f"Synthetische kopie {copy} voor de schaalmeting "
                        "(benchmarks/scale.py); niet uit de brief.", language="nl")
    triples = [
        ox.Triple(source, ox.NamedNode(RDF + "type"), ox.NamedNode(DEF + "Brondocument")),
        ox.Triple(source, ox.NamedNode(DCT + "title"), ox.Literal(
            f"Synthetische brief {copy}", language="nl")),
        ox.Triple(source, ox.NamedNode(DEF + "begrotingsjaar"), ox.Literal(
            str(2021 - copy), datatype=ox.NamedNode(XSD + "gYear"))),
        ox.Triple(source, ox.NamedNode(RDFS + "comment"), ox.Literal(
            f"Synthetische brief {copy}: een kopie van de ledenbrief voor de schaalmeting "
            "(benchmarks/scale.py); geen echte bron.", language="nl"))]
    marked = set()
    for quad in letter:
        assert isinstance(quad.subject, ox.NamedNode)
        own = quad.subject.value in copied or _is_motion(quad.subject.value)
        subject = ox.NamedNode(_renamed(quad.subject.value, name)) if own else quad.subject
        obj = quad.object
        if isinstance(obj, ox.NamedNode) and letter_of_iri(obj.value) == SHIPPED_LETTER:
            if obj.value not in copied:
                continue  # an accres figure: not in this letter
            obj = ox.NamedNode(_renamed(obj.value, name))
        elif isinstance(obj, ox.NamedNode) and _is_motion(obj.value):
            obj = ox.NamedNode(_renamed(obj.value, name))
        elif isinstance(obj, ox.NamedNode) and obj.value == LETTER_IRI:
            obj = source
        elif quad.predicate == VALUE and isinstance(obj, ox.Literal):
            obj = ox.Literal(str(Decimal(obj.value) + copy), datatype=obj.datatype)
        elif own and quad.predicate in (TITLE, LABEL) and isinstance(obj, ox.Literal):
            obj = ox.Literal(f"{obj.value} (synthetische kopie {copy})",
                             language=obj.language)
        assert not isinstance(obj, ox.Triple)
        triples.append(ox.Triple(subject, quad.predicate, obj))
        if own and quad.predicate.value == RDF + "type" and subject not in marked:
            marked.add(subject)
            triples.append(ox.Triple(subject, ox.NamedNode(RDFS + "comment"), marker))
    return triples


def write_kb(factor: int, folder: Path) -> Path:
    """The KB folder of *factor* in *folder*: the shipped kb/ and, beyond 1x, the synthetic
    letters, each in its own folder with its text."""
    root = folder / "kb"
    shutil.copytree(KB_DIR, root, ignore=shutil.ignore_patterns("README*"))
    for number, chunk in enumerate(synthetic_copies(factor), start=2):
        letter = root / f"synthetisch-{number}"
        letter.mkdir()
        (letter / "brief.ttl").write_bytes(
            b"# SYNTHETIC: a copy of the letter for benchmarks/scale.py, not from it.\n"
            + chunk)
        shutil.copyfile(SOURCE_FILE, letter / LETTER_SOURCE_NAME)
    return root


def kb_files(root: Path) -> list[Path]:
    """The ontology and KB files of the KB folder *root*."""
    return kb_folder(root).files()


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


def validate_seconds(root: Path) -> float:
    return validate_run(root).wall


@dataclass(frozen=True)
class ValidateRun:
    """One `vngkb --kb DIR validate`: wall and CPU seconds (user + system; the machine
    may be shared, so wall time alone says little), peak memory (maximum resident set,
    MB) and the number of lines it printed (one a violation, and the verdict)."""

    wall: float
    cpu: float
    peak_mb: float
    lines: int


def _one_core() -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def validate_run(root: Path, *, one_core: bool = False) -> ValidateRun:
    """`vngkb --kb ROOT validate` in a new process; *one_core*: bound to one core, so
    that it runs every letter's shapes in its own process (the baseline of the letters
    run in child processes, one per core)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([VNGKB, "--kb", str(root), "validate"], stdout=out,
                                 stderr=err, preexec_fn=_one_core if one_core else None)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        printed, problem = out.read().decode(), err.read().decode()
    if child.returncode not in (0, 1):
        raise SystemExit(f"scale: vngkb validate failed: {problem.strip()}")
    # ru_maxrss is in kilobytes on Linux.
    return ValidateRun(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                       len(printed.splitlines()))


def change_one_letter(root: Path, edit: int) -> Path:
    """Change one file of one synthetic letter (of the shipped one at 1x): a comment on
    its first measure, numbered *edit*, so that each change is a new content."""
    letters = sorted(p for p in root.iterdir() if p.name.startswith("synthetisch-"))
    folder = letters[0] if letters else root / SHIPPED_LETTER
    for path in sorted(folder.glob("*.ttl")):  # the first file with a measure
        store = ox.Store()
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        measures = [q.subject.value for q in store.quads_for_pattern(
            None, ox.NamedNode(RDF + "type"), ox.NamedNode(DEF + "Maatregel"))
            if isinstance(q.subject, ox.NamedNode)]
        if measures:
            break
    else:
        raise SystemExit(f"scale: no measure in {folder}")
    measure = min(measures)
    with path.open("a", encoding="utf-8") as changed:
        changed.write(f'\n<{measure}> <{RDFS}comment> "Bewerking {edit} van de '
                      'schaalmeting."@nl .\n')
    return path


#: The situations `--only validate` measures: an empty cache, the cache of the run before
#: with nothing changed, and the cache of the run before with one letter's file changed;
#: and, as the baseline in the same run, an empty cache on one core (every letter's
#: shapes in the one process, as before they ran in child processes).
MODES = ("cold", "unchanged", "one letter changed", "cold, one core")


def _measured(results: dict[str, list[ValidateRun]], mode: str, done: ValidateRun,
              label: str) -> None:
    """Keep *done* under *mode*, and say it at once (a long run can be followed)."""
    results[mode].append(done)
    print(f"{label}, {mode}: wall {done.wall:.1f} s, CPU {done.cpu:.1f} s, "
          f"peak {done.peak_mb:.0f} MB", file=sys.stderr, flush=True)


def validate_only(factors: Sequence[int], runs: int, baseline: bool = True) -> None:
    """`--only validate`: *runs* runs of `vngkb --kb DIR validate` at each factor in each
    of :data:`MODES`, as a table of median, lowest and highest wall and CPU seconds and
    the highest peak memory."""
    print("| KB | letters | triples | cache | lines printed | wall s, median (min-max) | "
          "CPU s, median (min-max) | peak MB, max |")
    print("|---|---:|---:|---|---:|---|---|---:|")
    with tempfile.TemporaryDirectory(prefix="vngkb-scale-") as tmp, own_cache(tmp):
        cache = Path(tmp) / "cache"
        for factor in factors:
            folder = Path(tmp) / f"{factor}x"
            folder.mkdir()
            root = write_kb(factor, folder)
            letters = len(kb_folder(root).letters)
            triples = len(load_kb(kb_files(root)))
            results: dict[str, list[ValidateRun]] = {mode: [] for mode in MODES}
            for run in range(runs):
                label = f"{factor}x run {run + 1}"
                shutil.rmtree(cache, ignore_errors=True)
                _measured(results, "cold", validate_run(root), label)
                _measured(results, "unchanged", validate_run(root), label)
                change_one_letter(root, run)
                _measured(results, "one letter changed", validate_run(root), label)
                if baseline and hasattr(os, "sched_setaffinity"):
                    shutil.rmtree(cache, ignore_errors=True)
                    _measured(results, "cold, one core", validate_run(root, one_core=True),
                              label)
            for mode in MODES:
                done = results[mode]
                if not done:
                    continue
                walls, cpus = [r.wall for r in done], [r.cpu for r in done]
                print(f"| {factor}x | {letters} | {triples} | {mode} | {done[0].lines} | "
                      f"{statistics.median(walls):.1f} ({min(walls):.1f}-{max(walls):.1f}) | "
                      f"{statistics.median(cpus):.1f} ({min(cpus):.1f}-{max(cpus):.1f}) | "
                      f"{max(r.peak_mb for r in done):.0f} |", flush=True)
            shutil.rmtree(folder)


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
    parser.add_argument("--no-baseline", action="store_true",
                        help="--only validate: skip the cold runs on one core")
    parser.add_argument("--questions", nargs="+", default=[], metavar="NAME",
                        help="measure only these canned questions")
    args = parser.parse_args(argv)
    if args.only == "validate":
        validate_only(sorted(set(args.factors or VALIDATE_FACTORS)), args.runs,
                      baseline=not args.no_baseline)
        return
    factors = sorted(set(args.factors or FACTORS))
    rows: dict[str, list[str]] = {}
    loads, triples, serves, validations = [], [], [], []
    questions: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="vngkb-scale-") as tmp, own_cache(tmp):
        for factor in factors:
            folder = Path(tmp) / f"{factor}x"
            folder.mkdir()
            root = write_kb(factor, folder)
            files = kb_files(root)
            start = time.perf_counter()
            store = load_kb(files)
            loads.append((time.perf_counter() - start) * 1000)
            triples.append(len(store))
            backend = EmbeddedStore(store)
            questions[factor] = question_times(backend, args.runs, args.questions)
            if factor in VALIDATE_FACTORS:
                validations.append(validate_seconds(root))
            if not args.no_serve:
                serves.append(serve_throughput(files, backend))
            print(f"{factor}x done: {len(store)} triples", file=sys.stderr)
            del store, backend
            shutil.rmtree(folder)
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
