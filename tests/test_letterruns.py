"""The shapes run per letter, each letter's findings kept in the cache
(vngkb.validate.letterruns): an unchanged letter is not validated again, and the report
is the same as a run without the cache, also when one letter has a violation and the
other letter's findings come from the cache. The KB: the shipped letter and the
synthetic 2021 letter (tests/data/brieven/synthetische-ledenbrief-2021)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import DATA
from vngkb.core import diskcache
from vngkb.core.paths import KB_DIR, KB_VARIABLE
from vngkb.kb.load import default_files
from vngkb.validate import letterruns, validation
from vngkb.validate.validation import Report, validate

LETTER = "synthetische-ledenbrief-2021"
FOLDER = DATA / "brieven" / LETTER
SHIPPED = "ledenbrief-miljoenennota-2020"
# One process runs this module's tests under pytest-xdist: the warm cache is made once.
pytestmark = pytest.mark.xdist_group("letterruns")


@dataclass(frozen=True)
class Home:
    """Where this module's tests keep their KB: *root*, the one folder every test's KB is
    copied to (a run's cache key holds its files' paths, so a cache made for this folder
    serves every test), *pristine*, the KB of two letters as shipped, and *warm*, the
    cache of one validation of it."""

    root: Path
    pristine: Path
    warm: Path


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    base = tmp_path_factory.mktemp("letterruns")
    found = Home(base / "kb", base / "pristine", base / "warm-cache")
    shutil.copytree(KB_DIR, found.pristine)
    (found.pristine / LETTER).mkdir()
    for path in [*sorted((FOLDER / "kb").glob("*.ttl")), FOLDER / "bron.txt"]:
        shutil.copy(path, found.pristine / LETTER / path.name)
    shutil.copytree(found.pristine, found.root)
    with pytest.MonkeyPatch.context() as patched:
        patched.setenv(KB_VARIABLE, str(found.root))
        patched.setenv("VNGKB_CACHE_DIR", str(found.warm))
        validate(default_files())
    return found


@pytest.fixture
def two_letters(home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped KB and the 2021 letter's folder, as shipped, in use as the KB; an empty
    cache of its own."""
    shutil.rmtree(home.root)
    shutil.copytree(home.pristine, home.root)
    monkeypatch.setenv(KB_VARIABLE, str(home.root))
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "cache"))
    return home.root


@pytest.fixture
def warm_cache(home: Home, two_letters: Path, tmp_path: Path) -> None:
    """The test's cache holds the findings of both letters as shipped (one validation,
    made once for the module: a test that starts from it saves two runs of the shapes)."""
    shutil.copytree(home.warm, tmp_path / "cache")


@pytest.fixture
def shacl_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many triples each run of the shapes saw (one entry per run that was not
    taken from the cache); the runs in this process, so that they can be counted."""
    monkeypatch.setattr(letterruns, "workers", lambda jobs: 0)
    seen: list[int] = []
    real = validation._shacl

    def counted(store, shapes, counts):  # type: ignore[no-untyped-def]
        seen.append(len(store))
        return real(store, shapes, counts)

    monkeypatch.setattr(validation, "_shacl", counted)
    return seen


def _without_cache(monkeypatch: pytest.MonkeyPatch) -> Report:
    with monkeypatch.context() as patched:
        patched.setenv("VNGKB_CACHE_DIR", "")  # set but empty: no cache at all
        return validate(default_files())


def _entries(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in (tmp_path / "cache").glob("validatie-*.json"))


def _break_an_amount(root: Path) -> None:
    path = root / LETTER / "maatregelen.ttl"
    text = path.read_text(encoding="utf-8")
    old = 'schema:value "1000000000"^^xsd:decimal'
    assert text.count(old) == 1  # bedrag/.../woningbouw-1
    path.write_text(text.replace(old, 'schema:value "-5"^^xsd:decimal'), encoding="utf-8")


def test_an_unchanged_letter_is_not_validated_again(two_letters: Path, tmp_path: Path,
                                                    shacl_runs: list[int]) -> None:
    first = validate(default_files())
    assert len(shacl_runs) == 2  # one run per letter, each with the shared files
    assert len(_entries(tmp_path)) == 2
    again = validate(default_files())
    assert len(shacl_runs) == 2  # both letters' findings came from the cache
    assert again == first


def test_one_changed_letter_is_validated_alone_and_the_report_is_a_full_runs(
        two_letters: Path, warm_cache: None, tmp_path: Path, shacl_runs: list[int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    validate(default_files())
    assert shacl_runs == []  # both letters' findings from the cache
    kept = _entries(tmp_path)
    assert len(kept) == 2
    _break_an_amount(two_letters)
    cached = validate(default_files())
    assert len(shacl_runs) == 1  # the 2021 letter again; the 2020 letter from the cache
    assert len(set(_entries(tmp_path)) - set(kept)) == 1
    full = _without_cache(monkeypatch)
    assert len(shacl_runs) == 3
    assert cached == full
    assert cached.text(warnings=True) == full.text(warnings=True)
    broken = [f for f in cached.findings if f.path == "schema:value"]
    assert [(f.severity, f.focus) for f in broken] == [
        ("Violation", f"bedrag/{LETTER}/woningbouw-1")]
    # The cached letter's warnings are in the report as a full run gives them.
    assert sum(f.severity == "Warning" and f.focus.split("/")[1] == SHIPPED
               for f in cached.findings) == 31


def test_a_violation_of_the_cached_letter_is_reported_from_the_cache(
        two_letters: Path, shacl_runs: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    _break_an_amount(two_letters)
    first = validate(default_files())
    again = validate(default_files())
    assert len(shacl_runs) == 2
    assert again == first == _without_cache(monkeypatch)
    assert not again.conforms


def test_changed_shapes_validate_every_letter_again(two_letters: Path, warm_cache: None,
                                                    tmp_path: Path,
                                                    shacl_runs: list[int]) -> None:
    validate(default_files())
    assert shacl_runs == []  # both letters' findings from the cache
    shapes = tmp_path / "extra-shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                      "@prefix def: <https://w3id.org/vngkb/def/> .\n"
                      "def:X a sh:NodeShape ; sh:targetClass def:Hoofdstuk ;\n"
                      "    sh:property [ sh:path def:nummer ; sh:maxInclusive 9 ] .\n",
                      encoding="utf-8")
    report = validate(default_files(), shapes=[shapes])
    assert len(shacl_runs) == 2
    # Chapter 10 of both letters.
    assert sorted(f.focus for f in report.findings if f.path == "def:nummer") == [
        f"hoofdstuk/{SHIPPED}/buitenlandse-zaken", f"hoofdstuk/{LETTER}/buitenlandse-zaken"]


def test_a_changed_text_of_a_letter_validates_that_letter_again(
        two_letters: Path, warm_cache: None, shacl_runs: list[int]) -> None:
    validate(default_files())
    assert shacl_runs == []  # both letters' findings from the cache
    source = two_letters / LETTER / "bron.txt"
    source.write_text(source.read_text(encoding="utf-8") + "Een regel meer.\n",
                      encoding="utf-8")
    validate(default_files())
    assert len(shacl_runs) == 1


@pytest.mark.parametrize("damage", [b"not json", b"[1, 2]", b'[["a", "b"]]', b"{}"])
def test_an_entry_that_holds_no_findings_is_computed_again(
        two_letters: Path, warm_cache: None, tmp_path: Path, shacl_runs: list[int],
        damage: bytes) -> None:
    first = validate(default_files())
    assert shacl_runs == []  # both letters' findings from the cache
    for name in _entries(tmp_path):
        # Sealed as vngkb seals its entries, but not a list of findings.
        diskcache.write(name, damage)
    assert validate(default_files()) == first
    assert len(shacl_runs) == 2


def test_files_outside_any_letter_folder_are_one_run(tmp_path: Path) -> None:
    read: list[letterruns.Read] = [(tmp_path / "a.ttl", b""), (tmp_path / "b.ttl", b"")]
    assert letterruns.runs(read, lambda path: None) == [letterruns.LetterRun("", read)]


def test_each_letter_run_has_the_shared_files(tmp_path: Path) -> None:
    shared: letterruns.Read = (tmp_path / "o.ttl", b"")
    a: letterruns.Read = (tmp_path / "a" / "x.ttl", b"")
    b: letterruns.Read = (tmp_path / "b" / "x.ttl", b"")
    found = letterruns.runs([b, shared, a], lambda path: {"a": "brief-a", "b": "brief-b"}.get(
        path.parent.name))
    assert found == [letterruns.LetterRun("brief-a", [shared, a]),
                     letterruns.LetterRun("brief-b", [shared, b])]



def test_a_runs_key_is_the_same_with_the_files_known_from_other_runs(tmp_path: Path) -> None:
    shared: letterruns.Read = (tmp_path / "o.ttl", b"gedeeld")
    a: letterruns.Read = (tmp_path / "a" / "x.ttl", b"brief a")
    b: letterruns.Read = (tmp_path / "b" / "x.ttl", b"brief b")
    found = letterruns.runs([shared, a, b], lambda path: {"a": "brief-a", "b": "brief-b"}.get(
        path.parent.name))
    known: dict[Path, tuple[str, bytes]] = {}
    keys = [letterruns.run_key(run, [b"vormen"], {}, b"code", known) for run in found]
    assert keys == [letterruns.run_key(run, [b"vormen"], {}, b"code") for run in found]
    assert keys[0] != keys[1]
    assert sorted(known) == sorted(path for path, _ in (shared, a, b))
    assert known[shared[0]] == (shared[0].resolve().as_uri(), diskcache.digest(b"gedeeld"))

#: Validates the KB in use in a new interpreter, its letters in two child processes
#: whatever this machine's cores (a test process may run other threads, where vngkb does
#: not fork): prints how many jobs each fork of the letters got and the report.
_FORKED = """
import json
from vngkb.core.processes import can_fork
from vngkb.kb.load import default_files
from vngkb.validate import letterruns
from vngkb.validate.validation import validate

counted = []
real = letterruns.Forked

class Counted(real):
    def __init__(self, start, jobs, count):
        counted.append(jobs)
        super().__init__(start, jobs, count)

assert can_fork()
letterruns.Forked = Counted
letterruns.workers = lambda jobs: min(2, jobs)
report = validate(default_files())
print(json.dumps({"forked": counted, "report": report.text(warnings=True)}))
"""


def _forked() -> tuple[list[int], str]:
    done = subprocess.run([sys.executable, "-c", _FORKED], capture_output=True, text=True,
                          check=True, timeout=600)
    answer = json.loads(done.stdout)
    return answer["forked"], answer["report"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_letters_run_in_child_processes_give_the_report_of_a_run_in_this_one(
        two_letters: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_an_amount(two_letters)
    forked, cold = _forked()
    assert forked == [2]  # both letters, with an empty cache, each in a child
    assert len(_entries(tmp_path)) == 2
    monkeypatch.setattr(letterruns, "workers", lambda jobs: 0)
    in_this_process = _without_cache(monkeypatch)
    assert cold == in_this_process.text(warnings=True)
    assert [(f.severity, f.focus) for f in in_this_process.findings
            if f.path == "schema:value"] == [("Violation", f"bedrag/{LETTER}/woningbouw-1")]
    # One letter changed: it alone runs, in a child, and the report is still a full run's.
    path = two_letters / SHIPPED / "h01-financien.ttl"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    forked, changed = _forked()
    assert forked == [1]
    assert changed == cold
    assert len(_entries(tmp_path)) == 3


ROW: letterruns.Row = ("Warning", "maatregel/a", "def:x", "nl", "en", "")


def _numbered() -> letterruns.Run:
    def run(index: int) -> list[letterruns.Row]:
        if index == 3:
            raise RuntimeError("kapot")
        return [("Violation", f"f{index}", "", "", "", str(index))]
    return run


def _failing_start() -> letterruns.Run:
    raise RuntimeError("kapot")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_forked_jobs_give_their_results_in_order_and_none_for_a_failed_one() -> None:
    forked = letterruns.Forked(_numbered, 5, 2)
    assert forked.results() == [[("Violation", f"f{n}", "", "", "", str(n))] if n != 3
                                else None for n in range(5)]
    assert letterruns.Forked(lambda: lambda index: [ROW] * index, 2, 1).results() == [
        [], [ROW]]
    assert letterruns.Forked(_failing_start, 3, 2).results() == [None, None, None]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_cancel_stops_the_workers_and_their_running_job(tmp_path: Path) -> None:
    started = tmp_path / "started"

    def slow(index: int) -> list[letterruns.Row]:
        started.write_text(str(os.getpid()))
        time.sleep(60)
        return []

    forked = letterruns.Forked(lambda: slow, 1, 1)
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    job = int(started.read_text())
    forked.cancel()
    while time.monotonic() < deadline:
        try:
            os.kill(job, 0)
        except ProcessLookupError:
            break
        time.sleep(0.01)
    else:
        pytest.fail("the job still runs")
    assert forked.results() == [None]


def test_workers_only_where_a_fork_may_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(letterruns, "can_fork", lambda: True)
    monkeypatch.setattr(letterruns, "cores", lambda: 2)
    assert [letterruns.workers(jobs) for jobs in (0, 1, 2, 27)] == [0, 1, 2, 2]
    monkeypatch.setattr(letterruns, "cores", lambda: 1)
    assert letterruns.workers(27) == 0
    monkeypatch.setattr(letterruns, "cores", lambda: 4)
    monkeypatch.setattr(letterruns, "can_fork", lambda: False)
    assert letterruns.workers(27) == 0
