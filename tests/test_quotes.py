"""Every text the KB claims to have read stands in the source, in its line range."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from tests import DATA
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.kb.load import default_files, load_store
from vngkb.validate import quotes


def test_every_kb_text_is_in_its_line_range(source_lines: list[str]) -> None:
    store = load_store(default_files())
    problems = quotes.check_store(store, source_lines)
    assert [str(p) for p in problems] == []


def test_every_amount_has_a_quote_and_lines(source_lines: list[str]) -> None:
    store = load_store(default_files())
    missing = store.query("""
        PREFIX def: <https://w3id.org/vngkb/def/>
        SELECT ?b WHERE { ?b a def:Bedrag .
          FILTER NOT EXISTS { ?b def:citaat ?q ; def:eersteRegel ?f ; def:laatsteRegel ?l } }""")
    assert isinstance(missing, ox.QuerySolutions)
    assert [row["b"] for row in missing] == []


def test_misplaced_quote_is_reported(source_lines: list[str], tmp_path: Path) -> None:
    problems = quotes.check_files(_source_copy(source_lines, tmp_path),
                                  [DATA / "kb" / "misplaced-quote.ttl"])
    assert sorted((p.node.rsplit("/", 1)[1], p.reason) for p in problems) == [
        ("verkeerde-regels", "found elsewhere in the source"),
        ("verzonnen", "not in the source"),
    ]


def _source_copy(lines: list[str], tmp_path: Path) -> Path:
    path = tmp_path / "source.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_fact_outside_its_measure_or_accres_text_is_reported(source_lines: list[str],
                                                               tmp_path: Path) -> None:
    """Entry into force, condition and accres reason must lie within the lines of what
    links them; the boundaries (first line of the accres text, last line of the measure)
    are inside, one line beyond is outside."""
    problems = quotes.check_files(_source_copy(source_lines, tmp_path),
                                  [DATA / "kb" / "misplaced-inwerkingtreding.ttl"])
    assert sorted((p.node.rsplit("/", 1)[1], p.first, p.last, p.reason) for p in problems) == [
        ("centrumgemeenten", 650, 653, "lies outside the lines of "
         f"https://w3id.org/vngkb/id/maatregel/{LB}/digitaal-stelsel-omgevingswet (612-649)"),
        ("coffeeshops", 1027, 1028, "lies outside the lines of "
         f"https://w3id.org/vngkb/id/maatregel/{LB}/digitaal-stelsel-omgevingswet (612-649)"),
        ("te-vroeg", 61, 89, "lies outside the lines of "
         "https://w3id.org/vngkb/id/dataset/ledenbrief-miljoenennota-2020/accres-tekst (89-215)"),
    ]


def test_every_entry_into_force_condition_and_reason_has_a_quote_and_lines() -> None:
    store = load_store(default_files())
    counts = store.query("""
        PREFIX def: <https://w3id.org/vngkb/def/>
        SELECT ?class (COUNT(?n) AS ?all) (SUM(IF(EXISTS {
            ?n def:citaat ?q ; def:eersteRegel ?f ; def:laatsteRegel ?l }, 1, 0)) AS ?quoted)
        WHERE { VALUES ?class { def:Inwerkingtreding def:Voorwaarde def:Accresreden }
                ?n a ?class }
        GROUP BY ?class ORDER BY ?class""")
    assert isinstance(counts, ox.QuerySolutions)
    rows = [(str(r["class"].value).rsplit("/", 1)[1], int(r["all"].value),
             int(r["quoted"].value)) for r in counts]
    # 23 entries into force, 14 accres reasons, 22 conditions: every one quoted.
    assert rows == [("Accresreden", 14, 14), ("Inwerkingtreding", 23, 23),
                    ("Voorwaarde", 22, 22)]
