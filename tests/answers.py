"""Every canned question asked of two stores: the embedded store's answers, computed
once per session (the ``canned_answers`` fixture of tests/conftest.py), against another
store's (an export read back, an Oxigraph or Virtuoso server published into)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, cast

import pyoxigraph as ox

from vngkb.core.errors import ParameterError
from vngkb.query import catalogue
from vngkb.query.catalogue import with_allowed_values
from vngkb.query.store import Backend, Bindings, EmbeddedStore, ResultTable


class UnionDefaultGraph:
    """Stands in for an ``ox.Store`` in :class:`EmbeddedStore`: queries see the union of
    the named graphs, as an Oxigraph server with ``--union-default-graph`` does."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def query(self, query: str, **options: Any) -> Any:
        return self.store.query(query, use_default_graph_as_union=True, **options)


def union_of_graphs(store: ox.Store) -> EmbeddedStore:
    """The embedded backend over *store*, querying the union of its named graphs."""
    return EmbeddedStore(cast("ox.Store", UnionDefaultGraph(store)))


def question_runs(backend: Backend) -> list[tuple[str, catalogue.Question, dict[str, str]]]:
    """Every canned question with its defaults, and once with each allowed value of each
    parameter (scheme members, class members, enumerations)."""
    runs: list[tuple[str, catalogue.Question, dict[str, str]]] = []
    for name, found in sorted(catalogue.load_catalogue().items()):
        question = with_allowed_values(found, backend)
        required = {p.name: p.allowed[0] for p in question.parameters
                    if p.default is None and not p.optional and p.allowed}
        sets = [required] + [{**required, p.name: value}
                             for p in question.parameters for value in p.allowed]
        runs.extend((name, question, values) for values in sets)
    return runs


@dataclass(frozen=True)
class Answer:
    """One run of a canned question (its name and values) and the expected store's answer."""

    name: str
    values: dict[str, str]
    query: str
    bindings: Bindings
    table: ResultTable


def answers_of(expected: Backend) -> list[Answer]:
    """Every run of :func:`question_runs` (a required parameter without a default or
    allowed values left out) with *expected*'s answer."""
    answers = []
    for name, question, values in question_runs(expected):
        try:
            bindings = question.bindings(values)
        except ParameterError:
            continue  # a required parameter without default or allowed values
        answers.append(Answer(name, values, question.query, bindings,
                              expected.select(question.query, bindings)))
    return answers


def _sorted_rows(table: ResultTable) -> list[str]:
    return sorted(repr(row) for row in table.values())


def assert_same_answers(expected: list[Answer], actual: Backend,
                        questions: set[str] | None = None, *, concurrent: int = 1) -> int:
    """Every canned question (or each of *questions*) gives the same columns and the same
    rows on *actual* as in *expected* (from :func:`answers_of`); returns the number of
    runs compared. With *concurrent* above 1, that many questions are asked of *actual*
    at a time (a server answers them on its own threads); every answer is still compared
    here, in order."""
    chosen = [a for a in expected if questions is None or a.name in questions]
    if concurrent == 1:
        return _compare(chosen, (actual.select(a.query, a.bindings) for a in chosen),
                        questions)
    pool = ThreadPoolExecutor(max_workers=concurrent)
    try:
        return _compare(chosen, pool.map(lambda a: actual.select(a.query, a.bindings),
                                         chosen), questions)
    finally:
        pool.shutdown(cancel_futures=True)  # a failed comparison waits for no more


def _compare(chosen: list[Answer], answers: Iterator[ResultTable],
             questions: set[str] | None) -> int:
    compared = rows = 0
    answered: set[str] = set()
    for answer, got in zip(chosen, answers, strict=True):
        want = answer.table
        assert got.columns == want.columns, f"{answer.name} {answer.values}"
        assert got.boolean == want.boolean, f"{answer.name} {answer.values}"
        assert _sorted_rows(got) == _sorted_rows(want), f"{answer.name} {answer.values}"
        compared += 1
        rows += len(want.rows)
        answered.add(answer.name)
    assert answered == (set(catalogue.load_catalogue()) if questions is None
                        else questions), "some questions never ran"
    assert rows, "no question had an answer: nothing was compared"
    return compared
