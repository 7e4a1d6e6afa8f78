"""vngkb.server.answer_cache: the cache of complete /sparql answers (bounded, only successes,
only repeatable queries, never before the limits and refusals) and look-ups written by
Oxigraph's own serialisers (the same solutions as the worker's writer, the row limit
kept)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.web import InProcess, direct, solutions, sparql_get
from vngkb.query.store import EmbeddedStore
from vngkb.server import answer_cache as answers
from vngkb.server.answer_cache import AnswerKey, LookupAnswerer, ResponseCache, is_repeatable
from vngkb.server.app import create_app
from vngkb.server.pool import Job, Outcome, execute

MEASURE = "https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/woningbouw"
LOOKUP = f"SELECT ?p ?o WHERE {{ <{MEASURE}> ?p ?o }}"
JSON = "application/sparql-results+json"


def ok(body: bytes) -> Outcome:
    return Outcome(200, JSON, body)


@pytest.fixture(scope="module")
def store(backend: EmbeddedStore) -> ox.Store:
    return backend.store


# --- the cache on its own -------------------------------------------------------------

def test_the_cache_keeps_the_most_recently_used_within_its_count() -> None:
    cache = ResponseCache(max_bytes=1000, max_entries=2, keep_after=1)
    one, two, three = (AnswerKey(f"ASK {{ <urn:{n}> ?p ?o }}", "json") for n in "abc")
    assert cache.put(one, ok(b"1")) and cache.put(two, ok(b"2"))
    assert cache.get(one) == ok(b"1")  # one is now the most recently used
    assert cache.put(three, ok(b"3"))
    assert (cache.get(one), cache.get(two), cache.get(three)) == (ok(b"1"), None, ok(b"3"))
    assert len(cache) == 2 and (cache.hits, cache.misses) == (3, 1)


def test_the_cache_keeps_at_most_its_bytes() -> None:
    key = AnswerKey("ASK {}", "json")  # 6 characters of query text count too
    cache = ResponseCache(max_bytes=16 * 100, max_entries=1000, keep_after=1)
    assert cache.max_answer == 100
    assert cache.put(AnswerKey("ASK {}", "xml"), ok(b"x" * 94))  # 100 bytes: at the bound
    assert not cache.put(key, ok(b"x" * 95))  # 101: one above
    assert cache.put(key, ok(b"x" * 93))
    assert cache.size == 199
    for n in range(40):  # many more bytes than it may hold: the oldest go
        cache.put(AnswerKey(f"ASK {{ <urn:{n:02}> ?p ?o }}", "json"), ok(b"y" * 50))
    assert cache.size <= 1600 and cache.get(key) is None
    assert cache.size == sum(len(k.query) + len(o.body) for k, o in cache._answers.items())


def test_the_cache_replaces_an_answer_without_counting_it_twice() -> None:
    cache = ResponseCache(max_bytes=1600, max_entries=10, keep_after=1)
    key = AnswerKey("ASK {}", "json")
    cache.put(key, ok(b"abc"))
    cache.put(key, ok(b"de"))
    assert cache.size == 8 and len(cache) == 1 and cache.get(key) == ok(b"de")


@pytest.mark.parametrize("status", [400, 403, 404, 500, 503])
def test_only_successes_are_kept(status: int) -> None:
    cache = ResponseCache()
    key = AnswerKey("SELECT * { ?s ?p ?o }", "json")
    assert not cache.put(key, Outcome.error(status, "no"))
    assert cache.get(key) is None and len(cache) == 0


@pytest.mark.parametrize(("text", "repeatable"), [
    ("SELECT (NOW() AS ?t) {}", False),
    ("SELECT (rand() AS ?r) {}", False),
    ("SELECT (UUID() AS ?u) {}", False),
    ("SELECT (StrUuid() AS ?u) {}", False),
    ("SELECT (BNODE() AS ?b) {}", False),
    ("SELECT (\\u004EOW() AS ?t) {}", False),  # N written as an escape: still NOW
    ("SELECT (\\U0000006eow() AS ?t) {}", False),
    ('SELECT * { ?s ?p "now" }', False),  # a word in a string: only a cache miss
    ("SELECT ?nowhere { ?nowhere ?p ?o }", True),
    ("SELECT ?p ?o WHERE { <urn:random> ?p ?o }", True),
    ("SELECT (\\uZZZZ AS ?x) {}", True),  # not an escape: left as it is
    ("SELECT * { ?s ?p ?o } # \\U00110000", False),  # no such code point
])
def test_which_queries_may_be_answered_again(text: str, repeatable: bool) -> None:
    assert is_repeatable(text) is repeatable
    cache = ResponseCache(keep_after=1)
    assert cache.put(AnswerKey(text, "json"), ok(b"{}")) is repeatable


def test_an_answer_is_kept_the_second_time_it_is_given() -> None:
    cache = ResponseCache(max_entries=2)
    assert cache.keep_after == 2
    one, two = AnswerKey("ASK { <urn:a> ?p ?o }", "json"), AnswerKey("ASK {}", "json")
    assert not cache.put(one, ok(b"1")) and cache.get(one) is None  # once: not kept
    assert not cache.put(two, ok(b"2"))
    assert cache.put(one, ok(b"1")) and cache.get(one) == ok(b"1")  # twice: kept
    assert not cache.put(AnswerKey("ASK {}", "xml"), ok(b"2"))  # another key: its own count
    assert not cache.put(one, Outcome.error(500, "no"))  # a failure counts for nothing


def test_the_requests_answered_once_are_counted_at_most_four_per_entry() -> None:
    cache = ResponseCache(max_entries=2)
    first = AnswerKey("ASK { <urn:0> ?p ?o }", "json")
    for n in range(9):  # nine requests answered once, eight counted: the oldest forgotten
        cache.put(AnswerKey(f"ASK {{ <urn:{n}> ?p ?o }}", "json"), ok(b"x"))
    assert len(cache._answered) == 8
    assert not cache.put(first, ok(b"x"))  # counted again from one
    assert cache.put(AnswerKey("ASK { <urn:8> ?p ?o }", "json"), ok(b"x"))


def test_a_key_is_the_text_the_format_and_the_graphs() -> None:
    cache = ResponseCache(keep_after=1)
    cache.put(AnswerKey.of(Job(LOOKUP, "json", 10)), ok(b"json"))
    assert cache.get(AnswerKey.of(Job(LOOKUP, "json", 10))) == ok(b"json")
    assert cache.get(AnswerKey.of(Job(LOOKUP, "xml", 10))) is None
    assert cache.get(AnswerKey.of(Job(LOOKUP + " ", "json", 10))) is None
    assert cache.get(AnswerKey.of(Job(LOOKUP, "json", 10, default_graphs=("urn:g",)))) is None
    assert cache.get(AnswerKey.of(Job(LOOKUP, "json", 10, named_graphs=("urn:g",)))) is None


# --- look-ups written by Oxigraph ---------------------------------------------------

def test_the_busiest_subject_is_counted(store: ox.Store) -> None:
    most = direct(store, "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s "
                         "ORDER BY DESC(?n) LIMIT 1")[0][1]
    assert LookupAnswerer(store).most_statements() == int(most.value) > 20
    assert LookupAnswerer(ox.Store()).most_statements() == 0


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_native_look_ups_give_the_workers_solutions(store: ox.Store, fmt: str) -> None:
    answerer = LookupAnswerer(store)
    measures = [row[0].value for row in direct(store, "SELECT ?m WHERE { ?m a "
                "<https://w3id.org/vngkb/def/Maatregel> }")]
    assert len(measures) == 90
    results_format = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}[fmt]
    for measure in measures:
        job = Job(f"SELECT ?p ?o WHERE {{ <{measure}> ?p ?o }}", fmt, 10_000)
        native, written = answerer.answer(job), execute(store, job)
        assert (native.status, native.media_type, native.truncated) == \
            (200, written.media_type, False)
        parsed = [ox.parse_query_results(o.body, format=results_format) for o in
                  (native, written)]
        assert all(isinstance(p, ox.QuerySolutions) for p in parsed)
        rows = [sorted(str([s[0], s[1]]) for s in p) for p in parsed]  # type: ignore[union-attr]
        assert rows[0] == rows[1] and len(rows[0]) > 5


def test_the_row_limit_decides_who_writes_a_look_up(store: ox.Store,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    answerer = LookupAnswerer(store)
    most = answerer.most_statements()
    busiest = direct(store, "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s "
                            "ORDER BY DESC(?n) LIMIT 1")[0][0].value
    text = f"SELECT ?p ?o WHERE {{ <{busiest}> ?p ?o }}"
    calls: list[Job] = []

    def counted(*args: object, **kwargs: object) -> Outcome:
        job = args[1]
        assert isinstance(job, Job)
        calls.append(job)
        return execute(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("vngkb.server.pool.execute", counted)
    at = answerer.answer(Job(text, "json", most))  # at the limit: nothing can be cut off
    assert not calls and not at.truncated
    below = answerer.answer(Job(text, "json", most - 1))  # one below: the worker's writer
    assert len(calls) == 1 and below.truncated
    above = answerer.answer(Job(text, "json", most + 1))
    assert len(calls) == 1 and not above.truncated
    answerer.answer(Job(text, "csv", most + 1))  # a format Oxigraph's writer is not used for
    assert len(calls) == 2


def test_every_native_look_up_meets_the_guard(store: ox.Store,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def refuse(query: str) -> Outcome:
        seen.append(query)
        return Outcome.error(403, "refused by the guard")

    monkeypatch.setattr("vngkb.server.pool.refusal", refuse)
    outcome = LookupAnswerer(store).answer(Job(LOOKUP, "json", 10_000))
    assert (outcome.status, seen) == (403, [LOOKUP])


# --- through the server -------------------------------------------------------------

def test_repeated_requests_are_answered_from_the_cache(store: ox.Store) -> None:
    app = create_app(store, workers=1)
    question = "SELECT ?s WHERE { ?s a <https://w3id.org/vngkb/def/Maatregel> } LIMIT 3"
    with InProcess(app) as live:
        first = sparql_get(live.url, question)
        lookup = sparql_get(live.url, LOOKUP)
        assert (sparql_get(live.url, question).body, sparql_get(live.url, LOOKUP).body) \
            == (first.body, lookup.body)  # answered twice: now kept

        async def refuse(job: Job) -> Outcome:
            return Outcome.error(500, "no worker may be asked")

        app.state.pool.run = refuse
        again = sparql_get(live.url, question)
        lookup_again = sparql_get(live.url, LOOKUP)
        as_xml = sparql_get(live.url, question, accept="application/sparql-results+xml")
        other = sparql_get(live.url, question + " # another text")
    cache = app.state.answers
    assert (first.status, again.status, as_xml.status, other.status) == (200, 200, 500, 500)
    assert first.body == again.body and lookup.body == lookup_again.body
    assert len(solutions(again, ox.QueryResultsFormat.JSON)) == 3
    assert (cache.hits, len(cache)) == (2, 2)


def test_refusals_and_limits_meet_every_request_again(store: ox.Store) -> None:
    app = create_app(store, workers=1)
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    hidden = "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    deep = "SELECT * WHERE " + "{" * 65 + "}" * 65
    with InProcess(app) as live:
        replies = [sparql_get(live.url, text).status
                   for text in (service, hidden, update, deep) for _ in range(2)]
        volatile = [sparql_get(live.url, "SELECT (STRUUID() AS ?u) {}") for _ in range(2)]
    assert replies == [403, 403, 403, 403, 403, 403, 400, 400]
    assert all(r.status == 200 for r in volatile)
    assert volatile[0].json() != volatile[1].json()  # a new UUID each time, not a kept one
    assert (app.state.answers.hits, len(app.state.answers)) == (0, 0)


def test_no_cache_when_it_is_given_no_room(store: ox.Store) -> None:
    app = create_app(store, workers=1, cache_bytes=0)
    with InProcess(app) as live:
        replies = [sparql_get(live.url, LOOKUP) for _ in range(2)]
    assert app.state.answers is None
    assert [r.status for r in replies] == [200, 200] and replies[0].body == replies[1].body


def test_the_default_room() -> None:
    assert answers.DEFAULT_CACHE_BYTES == 64 * 1024 * 1024
    assert ResponseCache().max_answer == 4 * 1024 * 1024
