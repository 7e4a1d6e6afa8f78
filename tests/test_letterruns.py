"""The shapes run per letter, each letter's findings kept in the cache
(vngkb.validate.letterruns): an unchanged letter is not validated again, and the report
is the same as a run without the cache, also when one letter has a violation and the
other letter's findings come from the cache. The KB: the shipped letter and the
synthetic 2021 letter (tests/data/brieven/synthetische-ledenbrief-2021)."""

from __future__ import annotations

import shutil
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


@pytest.fixture
def two_letters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped KB and the 2021 letter's folder, in use as the KB; a cache of its own."""
    root = tmp_path / "kb"
    shutil.copytree(KB_DIR, root)
    (root / LETTER).mkdir()
    for path in [*sorted((FOLDER / "kb").glob("*.ttl")), FOLDER / "bron.txt"]:
        shutil.copy(path, root / LETTER / path.name)
    monkeypatch.setenv(KB_VARIABLE, str(root))
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "cache"))
    return root


@pytest.fixture
def shacl_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many triples each run of the shapes saw (one entry per run that was not
    taken from the cache)."""
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
        two_letters: Path, tmp_path: Path, shacl_runs: list[int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    validate(default_files())
    kept = _entries(tmp_path)
    _break_an_amount(two_letters)
    cached = validate(default_files())
    assert len(shacl_runs) == 3  # the 2021 letter again; the 2020 letter from the cache
    assert len(set(_entries(tmp_path)) - set(kept)) == 1
    full = _without_cache(monkeypatch)
    assert len(shacl_runs) == 5
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


def test_changed_shapes_validate_every_letter_again(two_letters: Path, tmp_path: Path,
                                                    shacl_runs: list[int]) -> None:
    validate(default_files())
    shapes = tmp_path / "extra-shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                      "@prefix def: <https://w3id.org/vngkb/def/> .\n"
                      "def:X a sh:NodeShape ; sh:targetClass def:Hoofdstuk ;\n"
                      "    sh:property [ sh:path def:nummer ; sh:maxInclusive 9 ] .\n",
                      encoding="utf-8")
    report = validate(default_files(), shapes=[shapes])
    assert len(shacl_runs) == 4
    # Chapter 10 of both letters.
    assert sorted(f.focus for f in report.findings if f.path == "def:nummer") == [
        f"hoofdstuk/{SHIPPED}/buitenlandse-zaken", f"hoofdstuk/{LETTER}/buitenlandse-zaken"]


def test_a_changed_text_of_a_letter_validates_that_letter_again(
        two_letters: Path, shacl_runs: list[int]) -> None:
    validate(default_files())
    source = two_letters / LETTER / "bron.txt"
    source.write_text(source.read_text(encoding="utf-8") + "Een regel meer.\n",
                      encoding="utf-8")
    validate(default_files())
    assert len(shacl_runs) == 3


@pytest.mark.parametrize("damage", [b"not json", b"[1, 2]", b'[["a", "b"]]', b"{}"])
def test_an_entry_that_holds_no_findings_is_computed_again(
        two_letters: Path, tmp_path: Path, shacl_runs: list[int], damage: bytes) -> None:
    first = validate(default_files())
    for name in _entries(tmp_path):
        # Sealed as vngkb seals its entries, but not a list of findings.
        diskcache.write(name, damage)
    assert validate(default_files()) == first
    assert len(shacl_runs) == 4


def test_files_outside_any_letter_folder_are_one_run(tmp_path: Path) -> None:
    parsed: list[letterruns.Parsed] = [(tmp_path / "a.ttl", b"", ()), (tmp_path / "b.ttl", b"", ())]
    assert letterruns.runs(parsed, lambda path: None) == [letterruns.LetterRun("", parsed)]


def test_each_letter_run_has_the_shared_files(tmp_path: Path) -> None:
    shared: letterruns.Parsed = (tmp_path / "o.ttl", b"", ())
    a: letterruns.Parsed = (tmp_path / "a" / "x.ttl", b"", ())
    b: letterruns.Parsed = (tmp_path / "b" / "x.ttl", b"", ())
    found = letterruns.runs([b, shared, a], lambda path: {"a": "brief-a", "b": "brief-b"}.get(
        path.parent.name))
    assert found == [letterruns.LetterRun("brief-a", [shared, a]),
                     letterruns.LetterRun("brief-b", [shared, b])]
