"""The synthetic KBs of benchmarks/scale.py model a bigger KB: more letters, each as
valid as the real one, so what `validate` finds grows linearly, not with the square."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.scale import own_cache, write_kb
from vngkb.kb.layers import load_kb
from vngkb.kb.load import default_files
from vngkb.rdf.namespaces import DEF, RDF
from vngkb.validate.validation import Finding, short, validate


def _measures_and_their_amounts() -> tuple[list[str], list[str]]:
    shipped = load_kb(computed=False)
    measures = [q.subject for q in shipped.quads_for_pattern(
        None, ox.NamedNode(RDF + "type"), ox.NamedNode(DEF + "Maatregel"), ox.DefaultGraph())]
    amounts = {str(q.object.value) for m in measures for q in shipped.quads_for_pattern(
        m, ox.NamedNode(DEF + "bedrag"), None, ox.DefaultGraph())
        if isinstance(q.object, ox.NamedNode)}
    return ([short(m.value) for m in measures if isinstance(m, ox.NamedNode)],
            [short(a) for a in sorted(amounts)])


def test_the_2x_kb_finds_per_letter_what_the_1x_kb_finds(tmp_path: Path) -> None:
    files = write_kb(2, tmp_path)
    assert files[:len(default_files())] == default_files()
    synthetic = files[len(default_files()):]
    assert synthetic and all(p.parent == tmp_path for p in synthetic)
    assert all(p.read_bytes().startswith(b"# SYNTHETIC") for p in synthetic)
    once = validate(default_files()).findings
    assert len(once) == 31 and all(f.severity == "Warning" for f in once)
    twice = validate(files)
    letters = {f.focus.rsplit("-synthetisch-", 1)[1] for f in twice.findings
               if "-synthetisch-" in f.focus}
    # Four synthetic letters beside the real one: 2x the triples of the 1x KB, which holds
    # the computed tellingen too (each copy adds its written triples and its tellingen).
    assert letters == {"2", "3", "4", "5"}
    # The amounts of measures only: those of the foreword and the amendment (and the
    # one of a motion) are not copied.
    measures, amounts = _measures_and_their_amounts()
    assert (len(measures), len(amounts)) == (90, 91)
    expected = set(once)
    for letter in sorted(letters):
        suffix = f"-synthetisch-{letter}"
        expected |= {Finding(f.severity, f.focus + suffix, f.path, f.message_nl,
                             f.message_en, f.value) for f in once}
        # A copy keeps the real letter in its IRI, so the shapes require the real letter
        # as its source: one violation per copied resource, no pair findings across
        # letters.
        expected |= {Finding("Violation", m + suffix, "dct:source",
                             "Maatregel: bron (dct:source) moet de eigen brief zijn",
                             "Measure: source (dct:source) must be its own letter")
                     for m in measures}
        expected |= {Finding("Violation", a + suffix, "dct:source",
                             "Bedrag: bron (dct:source) moet de eigen brief zijn",
                             "Amount: source (dct:source) must be its own letter")
                     for a in amounts}
    assert len(twice.findings) == len(set(twice.findings))
    assert set(twice.findings) == expected
    assert len(twice.findings) == 31 * 5 + (90 + 91) * 4


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
