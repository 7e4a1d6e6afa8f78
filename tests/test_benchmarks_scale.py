"""The synthetic KBs of benchmarks/scale.py model a bigger KB: more letters, each a letter
of its own (its id, budget year, text and IRIs) and as valid as the real one, so what
`validate` finds grows linearly, not with the square."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.scale import (
    change_one_letter,
    kb_files,
    own_cache,
    synthetic_copies,
    write_kb,
)
from vngkb.core.paths import KB_VARIABLE, SHIPPED_LETTER, SOURCE_FILE
from vngkb.kb.layers import load_kb
from vngkb.kb.load import default_files
from vngkb.rdf.namespaces import DCT, DEF, ID, SCHEMA
from vngkb.validate.validation import Finding, validate


def test_the_2x_kb_finds_per_letter_what_the_1x_kb_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_kb(2, tmp_path)
    letters = sorted(p.name for p in root.iterdir() if p.name.startswith("synthetisch-"))
    # Three synthetic letters beside the real one: about 2x the triples of the 1x KB.
    assert letters == ["synthetisch-2", "synthetisch-3", "synthetisch-4"]
    for letter in letters:
        folder = root / letter
        assert sorted(p.name for p in folder.iterdir()) == ["brief.ttl", "bron.txt"]
        assert (folder / "brief.ttl").read_bytes().startswith(b"# SYNTHETIC")
        assert (folder / "bron.txt").read_bytes() == SOURCE_FILE.read_bytes()
    once = validate(default_files()).findings
    assert len(once) == 31 and all(f.severity == "Warning" for f in once)
    monkeypatch.setenv(KB_VARIABLE, str(root))
    monkeypatch.setenv("VNGKB_CACHE_DIR", "")
    assert kb_files(root) == default_files()
    several = validate(default_files())
    # Each synthetic letter validates as the real one does: its warnings, under its own
    # IRIs (bedrag/synthetisch-K/... for bedrag/ledenbrief-miljoenennota-2020/...), and
    # no finding across letters.
    expected = set(once)
    for letter in letters:
        expected |= {Finding(f.severity, f.focus.replace(SHIPPED_LETTER, letter), f.path,
                             f.message_nl, f.message_en, f.value) for f in once}
    assert len(several.findings) == len(set(several.findings)) == 31 * 4
    assert set(several.findings) == expected


def test_a_synthetic_letter_is_a_letter_of_its_own(tmp_path: Path) -> None:
    store = ox.Store()
    store.load(synthetic_copies(2)[0], format=ox.RdfFormat.N_TRIPLES)
    letter = ox.NamedNode(ID + "bron/synthetisch-2")
    year = ox.NamedNode(DEF + "begrotingsjaar")
    assert [str(q.object) for q in store.quads_for_pattern(letter, year, None)] == [
        '"2019"^^<http://www.w3.org/2001/XMLSchema#gYear>']
    sources = {q.object for q in store.quads_for_pattern(
        None, ox.NamedNode(DCT + "source"), None)}
    assert sources == {letter}
    subjects = {q.subject.value for q in store if isinstance(q.subject, ox.NamedNode)}
    assert not [s for s in subjects if SHIPPED_LETTER in s]
    # Every amount is the real letter's plus 2 euro.
    real = load_kb(computed=False)
    value = ox.NamedNode(SCHEMA + "value")
    shipped = {q.subject.value.replace(SHIPPED_LETTER, "synthetisch-2"): _number(q.object)
               for q in real.quads_for_pattern(None, value, None)
               if isinstance(q.subject, ox.NamedNode) and "/bedrag/" in q.subject.value}
    copied = {q.subject.value: _number(q.object)
              for q in store.quads_for_pattern(None, value, None)
              if isinstance(q.subject, ox.NamedNode)}
    assert copied and all(copied[iri] == shipped[iri] + 2 for iri in copied)


def _number(term: object) -> Decimal:
    assert isinstance(term, ox.Literal)
    return Decimal(term.value)


@pytest.mark.parametrize(("factor", "changed"), [
    (1, f"{SHIPPED_LETTER}/h01-financien.ttl"),  # the first file with a measure
    (2, "synthetisch-2/brief.ttl"),
])
def test_changing_one_letter_changes_one_file(tmp_path: Path, factor: int,
                                              changed: str) -> None:
    root = write_kb(factor, tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    path = change_one_letter(root, 7)
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert [p for p in after if after[p] != before[p]] == [path]
    assert path == root / changed
    assert after[path].startswith(before[path])
    assert b"Bewerking 7 van de schaalmeting" in after[path]


def test_the_benchmark_keeps_its_cache_in_its_own_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vngkb.core import diskcache

    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "gebruiker"))
    with own_cache(str(tmp_path)):
        assert diskcache.cache_dir() == tmp_path / "cache"
    assert diskcache.cache_dir() == tmp_path / "gebruiker"
    monkeypatch.delenv("VNGKB_CACHE_DIR")
    with own_cache(str(tmp_path)):
        assert diskcache.cache_dir() == tmp_path / "cache"
    assert "VNGKB_CACHE_DIR" not in os.environ
