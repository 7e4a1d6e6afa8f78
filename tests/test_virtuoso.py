"""A second production triple store: `vngkb publish` loads the KB into OpenLink Virtuoso
through its Graph Store endpoint, and every canned question, with its defaults and with
each allowed parameter value, answers there exactly as on the embedded store. A Virtuoso
is started once for each KB (the shipped one, two letters); without it the tests skip and
say why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import virtuoso
from tests.answers import Answer, answers_of, assert_same_answers
from vngkb.core.paths import kb_in_use
from vngkb.kb.graphs import build_dataset
from vngkb.publish.graph_store import publish
from vngkb.query import catalogue
from vngkb.query.store import EmbeddedStore, RemoteEndpoint

# Under pytest-xdist one process runs the tests of each Virtuoso, which starts once
# there: the shipped KB's and the two letters' servers start and answer in parallel.
# xdist hands out groups of several tests before single tests (--loadscope-reorder):
# each group has two, so that these long runs start early, not at the suite's end.
ONE_LETTER = pytest.mark.xdist_group("virtuoso")
TWO_LETTERS = pytest.mark.xdist_group("virtuoso-twee-brieven")
#: Questions asked of Virtuoso at a time: it answers each on a thread of its own, so the
#: comparison uses a free core while this test's process reads the answers.
CONCURRENT = 4


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[virtuoso.Virtuoso]:
    """A private Virtuoso on 127.0.0.1 with the KB published into it."""
    reason = virtuoso.missing()
    if reason is not None:
        pytest.skip(reason)
    with virtuoso.running(tmp_path_factory.mktemp("virtuoso")) as server:
        report = publish(server.store, query_endpoint=server.query)
        assert len(report.graphs) == len(build_dataset().parts)
        yield server


@ONE_LETTER
def test_every_question_answers_as_embedded(canned_answers: list[Answer],
                                            published: virtuoso.Virtuoso) -> None:
    assert assert_same_answers(canned_answers, RemoteEndpoint(published.query),
                               concurrent=CONCURRENT) > 300


@pytest.fixture(scope="module")
def published_two_letters(tmp_path_factory: pytest.TempPathFactory,
                          two_letters_kb: Path) -> Iterator[virtuoso.Virtuoso]:
    """A second private Virtuoso with the KB of two letters published into it."""
    reason = virtuoso.missing()
    if reason is not None:
        pytest.skip(reason)
    with virtuoso.running(tmp_path_factory.mktemp("virtuoso-twee-brieven")) as server, \
            kb_in_use(two_letters_kb):
        publish(server.store, query_endpoint=server.query)
        yield server


@TWO_LETTERS
def test_every_question_across_letters_answers_as_embedded(
        two_letters: EmbeddedStore, published_two_letters: virtuoso.Virtuoso) -> None:
    # The questions that compare letters, with each allowed value, on the KB of the
    # shipped and the synthetic 2021 letter.
    across = {name for name, q in catalogue.load_catalogue().items() if q.compares_letters}
    expected = [a for a in answers_of(two_letters) if a.name in across]
    assert sum(len(a.table.rows) for a in expected) > 1000
    assert assert_same_answers(expected, RemoteEndpoint(published_two_letters.query),
                               across, concurrent=CONCURRENT) > 100


def _published_triples(server: virtuoso.Virtuoso) -> int:
    table = RemoteEndpoint(server.query).select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/vngkb/')) }")
    (count,) = table.rows[0]
    assert count is not None
    return int(count.value)


@ONE_LETTER
def test_virtuoso_holds_exactly_the_published_triples(backend: EmbeddedStore,
                                                      published: virtuoso.Virtuoso) -> None:
    assert _published_triples(published) == len(backend.store)


@TWO_LETTERS
def test_virtuoso_holds_exactly_the_two_letters_triples(
        two_letters: EmbeddedStore, published_two_letters: virtuoso.Virtuoso) -> None:
    assert _published_triples(published_two_letters) == len(two_letters.store)


def test_private_ini_moves_files_and_ports() -> None:
    template = ("[Database]\nDatabaseFile = /var/x.db\nErrorLogFile = /var/x.log\n"
                "LockFile = /var/x.lck\nTransactionFile = /var/x.trx\n"
                "xa_persistent_file = /var/x.pxa\n[TempDatabase]\nDatabaseFile = /var/t.db\n"
                "TransactionFile = /var/t.trx\n[Parameters]\nServerPort = 1111\n"
                "DirsAllowed = .\n[HTTPServer]\nServerPort = 8890\n")
    ini = virtuoso.private_ini(template, Path("/tmp/v"), 2001, 2002)
    assert "/var/" not in ini
    assert "ServerPort = 127.0.0.1:2001\n" in ini and "ServerPort = 127.0.0.1:2002\n" in ini
    # The optimizer's limits go into [Parameters], not into the section after it.
    parameters = ini.partition("[Parameters]\n")[2].partition("[HTTPServer]")[0]
    assert parameters == ("StopCompilerWhenXOverRunTime = 1\nMaxOptimizeLayouts = 1\n"
                          "ServerPort = 127.0.0.1:2001\nDirsAllowed = ., /tmp/v\n")
    with pytest.raises(RuntimeError, match="lacks"):
        virtuoso.private_ini("[Database]\n", Path("/tmp/v"), 1, 2)
