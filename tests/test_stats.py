from __future__ import annotations

from pathlib import Path

from tests.letter_counts import DERIVED_YEAR_READINGS, KINDS_OF_AMOUNT, MEASURES_PER_CHAPTER
from tests.two_letters import vngkb
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.kb.load import default_files
from vngkb.query.store import EmbeddedStore
from vngkb.reports.stats import StatRow, kb_stats
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


# --- a KB of several letters: each letter counted on its own -----------------------------

SYNTHETIC = "synthetische-ledenbrief-2021"
#: The synthetic 2021 letter (tests/data/brieven/synthetische-ledenbrief-2021/bron.txt, its
#: "Wat wil het kabinet?" sections and the amounts printed under them; gold.json agrees).
SYNTHETIC_MEASURES_PER_CHAPTER = {"1": 3, "2": 4, "3": 4, "4": 4, "5": 2, "6": 2, "7": 2,
                                  "8": 4, "9": 2, "10": 2, "totaal": 29}
SYNTHETIC_STANCES = {"positief": 7, "kritisch": 6, "gemengd": 5, "afwachtend": 5,
                     "bezorgd": 4, "neutraal": 2}
SYNTHETIC_KINDS = {"beschikbaar": 31, "raming": 3, "aangevraagd": 2, "tekort": 2,
                   "oud-niveau": 1, "voorgesteld": 1, "korting": 1, "grensbedrag": 1,
                   "mogelijk": 1}


def _counts(rows: list[StatRow], statistic: str, letter: str) -> dict[str, int]:
    return {r.key: r.count for r in rows if r.statistic == statistic and r.brief == letter}


def test_each_row_names_its_letter(backend: EmbeddedStore) -> None:
    assert {r.brief for r in kb_stats(backend)} == {LB}


def test_two_letters_are_counted_apart(backend: EmbeddedStore,
                                       two_letters: EmbeddedStore) -> None:
    rows = kb_stats(two_letters)
    # oldest letter first, and its counts are those of the KB of that letter alone
    assert [r.brief for r in rows] == sorted((r.brief for r in rows),
                                             key=lambda letter: letter != LB)
    assert [r for r in rows if r.brief == LB] == kb_stats(backend)
    assert _counts(rows, "maatregelen per hoofdstuk", SYNTHETIC) == (
        SYNTHETIC_MEASURES_PER_CHAPTER)
    assert _counts(rows, "maatregelen per hoofdstuk", LB)["totaal"] == 90  # not 119
    assert _counts(rows, "bedragen per hoofdstuk", SYNTHETIC)["totaal"] == 43
    assert _counts(rows, "standpunten", SYNTHETIC) == SYNTHETIC_STANCES
    assert _counts(rows, "soorten bedrag", SYNTHETIC) == SYNTHETIC_KINDS
    assert _counts(rows, "tegenstrijdigheden", SYNTHETIC) == {}


def test_one_letter_of_two(backend: EmbeddedStore, two_letters: EmbeddedStore) -> None:
    from vngkb.query.letters import BRON

    assert kb_stats(two_letters, BRON + LB) == kb_stats(backend)
    later = kb_stats(two_letters, BRON + SYNTHETIC)
    assert {r.brief for r in later} == {SYNTHETIC}
    assert later == [r for r in kb_stats(two_letters) if r.brief == SYNTHETIC]
    assert kb_stats(two_letters, BRON + "ledenbrief-miljoenennota-2019") == []


def test_the_command_counts_per_letter(two_letters_kb: Path, own_kb_variable: None) -> None:
    code, out, err = vngkb("--kb", str(two_letters_kb), "stats", "-f", "csv")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:2] == ["statistic,key,count,brief", f"maatregelen per hoofdstuk,1,3,{LB}"]
    assert f"maatregelen per hoofdstuk,totaal,90,{LB}" in lines
    assert f"maatregelen per hoofdstuk,totaal,29,{SYNTHETIC}" in lines
    for value in ("2021", SYNTHETIC, f"https://w3id.org/vngkb/id/bron/{SYNTHETIC}"):
        code, out, _ = vngkb("--kb", str(two_letters_kb), "stats", "-f", "csv",
                              "--letter", value)
        assert code == 0
        assert out.splitlines()[:2] == ["statistic,key,count,brief",
                                        f"maatregelen per hoofdstuk,1,3,{SYNTHETIC}"]
        assert {line.rpartition(",")[2] for line in out.splitlines()[1:]} == {SYNTHETIC}
    code, out, _ = vngkb("--kb", str(two_letters_kb), "stats", "-f", "json", "--letter", LB)
    assert code == 0 and out.startswith('[\n  {\n    "statistic": "maatregelen per hoofdstuk"')
    assert vngkb("--kb", str(two_letters_kb), "stats", "--letter", "2019") == (
        2, "", f"vngkb: brief '2019' staat niet in de KB; de KB kent {LB} (2020), "
               f"{SYNTHETIC} (2021)\n")


def test_a_remote_endpoint_of_two_letters(oxigraph_two_letters_endpoint: str,
                                          two_letters: EmbeddedStore) -> None:
    from vngkb import api

    assert api.stats(oxigraph_two_letters_endpoint) == kb_stats(two_letters)
    assert api.stats(oxigraph_two_letters_endpoint, brief=SYNTHETIC) == [
        r for r in kb_stats(two_letters) if r.brief == SYNTHETIC]
