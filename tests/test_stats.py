from __future__ import annotations

from tests.letter_counts import DERIVED_YEAR_READINGS, KINDS_OF_AMOUNT, MEASURES_PER_CHAPTER
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.kb.load import default_files
from vngkb.query.store import EmbeddedStore
from vngkb.reports.stats import kb_stats
from vngkb.validate.validation import validate


def test_measures_per_chapter_and_total(backend: EmbeddedStore) -> None:
    rows = [r for r in kb_stats(backend) if r.statistic == "maatregelen per hoofdstuk"]
    counts = {r.key: r.count for r in rows}
    assert counts == {**{str(k): v for k, v in MEASURES_PER_CHAPTER.items()}, "totaal": 90}


def test_every_stance_is_counted_once_per_measure(backend: EmbeddedStore) -> None:
    stances = [r for r in kb_stats(backend) if r.statistic == "standpunten"]
    assert sum(r.count for r in stances) == 90
    assert {r.key for r in stances} <= {"positief", "kritisch", "bezorgd", "gemengd",
                                        "neutraal", "afwachtend"}


def test_missing_recommended_fields_match_the_shacl_warnings(backend: EmbeddedStore) -> None:
    missing = {(r.statistic.removeprefix("ontbreekt: "), r.key)
               for r in kb_stats(backend) if r.statistic.startswith("ontbreekt: ")}
    warnings = {(f.path, f.focus.removeprefix(f"maatregel/{LB}/"))
                for f in validate(default_files()).findings if f.severity == "Warning"}
    assert missing == warnings
    assert missing, "the letter leaves some instruments and years unnamed"


def test_disagreements_are_listed(backend: EmbeddedStore) -> None:
    rows = [r for r in kb_stats(backend) if r.statistic == "tegenstrijdigheden"]
    assert len(rows) == 5
    assert all(r.count >= 2 for r in rows)


def test_kinds_of_amount_and_year_readings_are_counted(backend: EmbeddedStore) -> None:
    rows = kb_stats(backend)
    kinds = {r.key: r.count for r in rows if r.statistic == "soorten bedrag"}
    assert kinds == KINDS_OF_AMOUNT
    readings = {r.key: r.count for r in rows if r.statistic == "jaarbepalingen"}
    assert {k: v for k, v in readings.items() if k != "gedrukt"} == DERIVED_YEAR_READINGS
