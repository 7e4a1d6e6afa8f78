"""A part is left out in the years in which its whole counts, also when the whole has no
last year and runs on to the last year of Tabel 1 (2024). The shipped KB has no part of
such an open whole, so these tests add one (tests/data/jaren/open-whole-with-part.ttl, a
fixture, not from the letter): a whole from 2021 on, a part of it from 2020 to 2022.
The questions were rewritten to stay fast at 100x the KB (benchmarks/scale.py); these
tests hold their answers on that case, at each year around the boundaries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests import DATA
from vngkb.kb.layers import load_kb
from vngkb.kb.load import default_files
from vngkb.query import catalogue
from vngkb.query.catalogue import with_allowed_values
from vngkb.query.store import EmbeddedStore

FIXTURE = DATA / "jaren" / "open-whole-with-part.ttl"
BEDRAG = "https://w3id.org/vngkb/id/bedrag/ledenbrief-miljoenennota-2020/"
GEHEEL, DEEL = BEDRAG + "proef-geheel", BEDRAG + "proef-deel"


@pytest.fixture(scope="module")
def with_open_whole() -> EmbeddedStore:
    return EmbeddedStore(load_kb([*default_files(), FIXTURE]))


def ask(backend: EmbeddedStore, name: str, values: dict[str, str]) -> list[dict[str, object]]:
    question = with_allowed_values(catalogue.load_catalogue()[name], backend)
    return backend.select(question.query, question.bindings(values)).records()


@pytest.mark.parametrize(("jaar", "counted", "doorgeteld"), [
    ("2019", [], None),
    ("2020", [DEEL], "nee"),      # the part's first year; the whole starts a year later
    ("2021", [GEHEEL], "nee"),    # the whole's first year: the part is left out
    ("2022", [GEHEEL], "ja"),     # the part's last year, still left out
    ("2023", [GEHEEL], "ja"),
    ("2024", [GEHEEL], "ja"),     # the last year of Tabel 1
    ("2025", [], None),           # past it: the open whole no longer counts
])
def test_bedragen_in_jaar_leaves_out_the_part_of_an_open_whole(
        with_open_whole: EmbeddedStore, backend: EmbeddedStore, jaar: str,
        counted: list[str], doorgeteld: str | None) -> None:
    rows = ask(with_open_whole, "bedragen-in-jaar", {"jaar": jaar})
    proef = [r for r in rows if r["bedrag"] in (GEHEEL, DEEL)]
    assert [r["bedrag"] for r in proef] == counted
    assert [r["doorgeteld"] for r in proef] == ([doorgeteld] if counted else [])
    # Everything else is the shipped answer, unchanged.
    shipped = ask(backend, "bedragen-in-jaar", {"jaar": jaar})
    assert [r for r in rows if r not in proef] == shipped


# (year, amounts added, euros added, of which carried on) by the fixture.
ADDED: dict[int, tuple[Decimal, Decimal, Decimal]] = {
    2019: (Decimal(0), Decimal(0), Decimal(0)),
    2020: (Decimal(1), Decimal(10_000_000), Decimal(0)),
    2021: (Decimal(1), Decimal(100_000_000), Decimal(0)),
    2022: (Decimal(1), Decimal(100_000_000), Decimal(100_000_000)),
    2023: (Decimal(1), Decimal(100_000_000), Decimal(100_000_000)),
    2024: (Decimal(1), Decimal(100_000_000), Decimal(100_000_000))}


def test_totalen_per_jaar_counts_the_open_whole_and_not_its_part(
        with_open_whole: EmbeddedStore, backend: EmbeddedStore) -> None:
    shipped = {int(str(r["jaar"])): r for r in ask(backend, "totalen-per-jaar", {})}
    rows = {int(str(r["jaar"])): r for r in ask(with_open_whole, "totalen-per-jaar", {})}
    assert sorted(rows) == sorted(shipped) == sorted(ADDED)
    for jaar, added in ADDED.items():
        before = tuple(Decimal(str(shipped[jaar][c])) for c in ("aantal", "totaal", "openEinde"))
        after = tuple(Decimal(str(rows[jaar][c])) for c in ("aantal", "totaal", "openEinde"))
        assert after == tuple(b + a for b, a in zip(before, added, strict=True)), jaar
