"""Every text the KB claims to have read stands in the source, in its line range."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from tests.conftest import DATA
from vngkb import quotes
from vngkb.kb import default_files, load_store


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
