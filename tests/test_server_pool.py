"""vngkb.server.pool: a worker's answer in every result format (read back exactly), its
errors and refusals as answers rather than deaths, and the pool keeping its workers
through a cancelled query and a killed worker."""

from __future__ import annotations

import asyncio
import csv
import io
import time

import pyoxigraph as ox
import pytest

from tests.web import SLOW_QUERY, direct
from vngkb.query.store import EmbeddedStore
from vngkb.server.pool import Job, WorkerPool, execute

UPDATE = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"


@pytest.fixture(scope="module")
def store(backend: EmbeddedStore) -> ox.Store:
    return backend.store


@pytest.fixture(scope="module")
def odd_store() -> ox.Store:
    """Terms that stress the result formats: languages, datatypes, blank nodes, tabs,
    quotes, newlines, markup and unbound values."""
    store = ox.Store()
    store.load(b"""
        @prefix ex: <http://example.org/> .
        ex:a ex:p "tab\\there, \\"quoted\\"\\nand a new line" , "Gemeente"@nl ,
                  "7300000.0"^^<http://www.w3.org/2001/XMLSchema#decimal> , _:b , 42 ,
                  "<b>markup</b> & more" .
        ex:c ex:q ex:a .
    """, format=ox.RdfFormat.TURTLE)
    return store


QUERY_WITH_GAPS = ("SELECT ?s ?o ?x WHERE { ?s <http://example.org/p> ?o "
                   "OPTIONAL { ?x <http://example.org/q> ?s } } ORDER BY STR(?o)")


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_formats_read_back_exactly(odd_store: ox.Store, fmt: str) -> None:
    outcome = execute(odd_store, Job(QUERY_WITH_GAPS, fmt, max_rows=100))
    assert outcome.status == 200 and not outcome.truncated
    parsed = ox.parse_query_results(outcome.body, format={
        "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
        "tsv": ox.QueryResultsFormat.TSV}[fmt])
    assert isinstance(parsed, ox.QuerySolutions)
    got = [[s[v] for v in ("s", "o", "x")] for s in parsed]
    want = direct(odd_store, QUERY_WITH_GAPS)
    assert len(got) == len(want) == 6
    for got_row, want_row in zip(got, want, strict=True):
        for g, w in zip(got_row, want_row, strict=True):
            if isinstance(w, ox.BlankNode):
                assert isinstance(g, ox.BlankNode)
            else:
                assert g == w


def test_select_csv_is_plain_values(odd_store: ox.Store) -> None:
    outcome = execute(odd_store, Job(QUERY_WITH_GAPS, "csv", max_rows=100))
    rows = list(csv.reader(io.StringIO(outcome.body.decode("utf-8"))))
    assert rows[0] == ["s", "o", "x"]
    values = {r[1] for r in rows[1:]}
    assert 'tab\there, "quoted"\nand a new line' in values
    assert {"Gemeente", "42", "<b>markup</b> & more"} <= values
    assert any(v.startswith("7300000") for v in values)  # the decimal's canonical form
    assert b"\r\n" in outcome.body


def test_worker_reports_errors_without_dying(odd_store: ox.Store) -> None:
    bad = execute(odd_store, Job("SELECT * WHERE { ?s ?p }", "json", max_rows=10))
    assert bad.status == 400 and b"SPARQL syntax error" in bad.body
    graph = execute(odd_store, Job("SELECT * WHERE { ?s ?p ?o }", "json", max_rows=10,
                                   default_graphs=("not an iri",)))
    assert graph.status == 400


def test_pool_survives_a_cancelled_query_and_a_dead_worker(store: ox.Store) -> None:
    """A query whose client went away still ends (here: by the time limit) before its
    worker is reused; a worker found dead is replaced before it is given a query, so
    the next query is answered (by the replacement), not refused."""
    pool = WorkerPool(store.dump(format=ox.RdfFormat.N_QUADS) or b"", size=1, timeout=1.0)
    ask = Job("ASK { ?s ?p ?o }", "json", max_rows=10)

    async def scenario() -> list[int]:
        slow = asyncio.ensure_future(pool.run(Job(SLOW_QUERY, "json", max_rows=10)))
        await asyncio.sleep(0.3)
        slow.cancel()
        with pytest.raises(asyncio.CancelledError):
            await slow
        first = await pool.run(ask)
        if first.status == 503:  # it waited out the cancelled query's limit: not run
            assert b"was not run" in first.body
            deadline = time.monotonic() + 60
            while len(pool._workers) != 1 and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            first = await pool.run(ask)
        statuses = [first.status]
        (worker,) = pool._workers
        worker.process.kill()
        worker.process.wait()
        statuses.append((await pool.run(ask)).status)
        statuses.append((await pool.run(ask)).status)
        return statuses

    try:
        pool.start()
        assert asyncio.run(scenario()) == [200, 200, 200]
        assert pool.alive == 1
    finally:
        pool.close()


# --- Updates refused by the worker ------------------------------------------------------
# The endpoint is read-only by three mechanisms, each shown to hold with the others out of
# the way: the request handler (tests/test_server_app.py), and here the worker's parse of
# every query and its engine call (Store.query), which cannot run an update at all.

@pytest.mark.parametrize("text", [UPDATE, "# x\rINSERT DATA { <http://example.org/a> "
                                          "<http://example.org/b> 1 }",
                                  "LOAD <http://127.0.0.1:9/data.ttl>"])
def test_the_worker_alone_refuses_updates(text: str) -> None:
    copy = ox.Store()
    copy.add(ox.Quad(ox.NamedNode("http://example.org/x"), ox.NamedNode("http://example.org/p"),
                     ox.Literal("1")))
    guarded = execute(copy, Job(query=text, fmt=None, max_rows=10))
    assert guarded.status == 403
    # Without the worker's parse, the engine call itself cannot change the store.
    unguarded = execute(copy, Job(query=text, fmt=None, max_rows=10), guard=False)
    assert unguarded.status == 400
    assert len(copy) == 1 and not list(copy.quads_for_pattern(
        ox.NamedNode("http://example.org/a"), None, None))
