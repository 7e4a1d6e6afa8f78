"""Answering the endpoint's frequent requests cheaply: a bounded cache of complete
answers, and look-ups written by Oxigraph's own result serialisers.

The served store is read-only for the whole life of the server (workers only ever
call ``Store.query``, and nothing in the server writes to it), so the answer to the
same query text, in the same result format and over the same graphs, is always the
same, unless the query asks for something that changes from call to call (``NOW()``,
``RAND()``, ``UUID()``, ``STRUUID()``, ``BNODE()``): those are never cached. Only
successful answers (200) are kept, so a text is only ever answered from the cache
after the worker's parse (:mod:`vngkb.sandbox.guard`) or the look-up pattern accepted
it; the limits and the quick refusals still run on every request before the cache
is asked.

An answer is kept the second time its request is answered, not the first: most texts
of a public endpoint come once (each query a person writes, each look-up a client
makes of a new text), and keeping those answers cost a new look-up a tenth of its time
and pushed out answers asked again (the requests seen once are counted by their
hashes, a bounded number of them).

>>> cache = ResponseCache(max_bytes=10, max_entries=2)
>>> key = AnswerKey("ASK {}", "json")
>>> cache.get(key) is None
True
>>> cache.put(key, Outcome(200, "application/sparql-results+json", b"true"))
False
>>> cache.put(key, Outcome(200, "application/sparql-results+json", b"true"))
True
>>> cache.get(key).body
b'true'
>>> cache.put(AnswerKey("ASK {}", "xml"), Outcome(200, "text/xml", b"x" * 11))
False
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import NamedTuple

import pyoxigraph as ox

from vngkb.core.errors import QueryError
from vngkb.sandbox import guard as sparqlguard
from vngkb.server.pool import MEDIA_TYPES, Job, Outcome

#: Default size of the answer cache: at most this many bytes of answers in all, this
#: many answers, and no single answer larger than a sixteenth of the whole.
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
DEFAULT_CACHE_ENTRIES = 4096

# Functions whose value differs between two runs of the same query: an answer that uses
# one is not the answer to the next request. Matched as words anywhere in the text,
# escapes resolved (a match inside a string or IRI only costs a cache miss).
_VOLATILE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)\b", re.IGNORECASE | re.ASCII)


def is_repeatable(text: str) -> bool:
    """Whether running *text* again on the same store gives the same answer.

    >>> is_repeatable("SELECT ?p ?o WHERE { <urn:x> ?p ?o }")
    True
    >>> is_repeatable("SELECT (now() AS ?t) {}")
    False
    >>> is_repeatable("SELECT (\\\\u0052AND() AS ?r) {}")
    False
    """
    try:
        expanded = sparqlguard.expand_escapes(text)
    except QueryError:  # an escape of no character: it will not run anyway
        return False
    return _VOLATILE.search(expanded) is None


class AnswerKey(NamedTuple):
    """What an answer depends on, apart from the (fixed) store and endpoint limits (a
    tuple: made and hashed twice for every request, in C)."""

    query: str
    fmt: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @classmethod
    def of(cls, job: Job) -> AnswerKey:
        return cls(job.query, job.fmt, job.default_graphs, job.named_graphs)


#: An answer is kept the time its request is answered for this time (see above).
KEEP_AFTER = 2
#: Requests answered but not kept yet, counted at most (per entry the cache can hold).
_COUNTED_PER_ENTRY = 4


class ResponseCache:
    """The most recently used successful answers, bounded in number and in bytes;
    an answer is kept the *keep_after*-th time its request is answered (1: the first).

    Used from the server's event loop only (one thread), so it needs no lock."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES,
                 max_entries: int = DEFAULT_CACHE_ENTRIES,
                 keep_after: int = KEEP_AFTER) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.keep_after = keep_after
        # Requests answered and not kept yet: the hash of their key, and how often (a
        # collision only keeps an answer a request early). Oldest first out.
        self._answered: dict[int, int] = {}
        self.max_answer = max(max_bytes // 16, 1) if max_bytes >= 16 else max_bytes
        self._answers: OrderedDict[AnswerKey, Outcome] = OrderedDict()
        self.size = 0  # bytes held
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, key: AnswerKey) -> Outcome | None:
        """The kept answer for *key* (now the most recently used), or None."""
        outcome = self._answers.get(key)
        if outcome is None:
            self.misses += 1
            return None
        self._answers.move_to_end(key)
        self.hits += 1
        return outcome

    def put(self, key: AnswerKey, outcome: Outcome) -> bool:
        """Keep *outcome* for *key* when it is a success, repeatable and small enough,
        and its request has now been answered *keep_after* times; whether it was kept.
        The least recently used answers make room."""
        cost = len(outcome.body) + len(key.query)
        if outcome.status != 200 or cost > self.max_answer or self.max_entries < 1:
            return False
        if self.keep_after > 1:
            counted = hash(key)
            times = self._answered.pop(counted, 0) + 1
            if times < self.keep_after:
                self._answered[counted] = times
                if len(self._answered) > self.max_entries * _COUNTED_PER_ENTRY:
                    del self._answered[next(iter(self._answered))]
                return False
        if not is_repeatable(key.query):
            return False
        old = self._answers.pop(key, None)
        if old is not None:
            self.size -= len(old.body) + len(key.query)
        self._answers[key] = outcome
        self.size += cost
        while self.size > self.max_bytes or len(self._answers) > self.max_entries:
            dropped_key, dropped = self._answers.popitem(last=False)
            self.size -= len(dropped.body) + len(dropped_key.query)
        return True


#: Result formats Oxigraph writes itself (the endpoint's own writers, in
#: :mod:`vngkb.server.results`, are for answers cut off at the row limit).
_NATIVE_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}


class LookupAnswerer:
    """Answers look-ups of one subject's statements (see
    :func:`vngkb.server.sparql.is_lookup`) from the server's read-only copy of the store.

    A look-up has at most as many rows as the subject with the most statements has
    statements; when that is within the row limit, no answer can be cut off, and
    Oxigraph writes the whole result itself (several times faster than building it in
    Python). Otherwise the worker's own :func:`~vngkb.server.pool.execute` answers."""

    def __init__(self, store: ox.Store, prefixes: dict[str, str] | None = None) -> None:
        self.store = store
        self.prefixes = prefixes
        self._most: int | None = None  # statements of the busiest subject, on first use

    def most_statements(self) -> int:
        """The largest number of statements any one subject has (in the default graph,
        which is what a look-up reads)."""
        if self._most is None:
            result = self.store.query(
                "SELECT (MAX(?n) AS ?most) WHERE { "
                "{ SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s } }")
            assert isinstance(result, ox.QuerySolutions)
            most = next(iter(result))[0]
            self._most = int(most.value) if isinstance(most, ox.Literal) else 0
        return self._most

    def answer(self, job: Job) -> Outcome:
        """The answer to the look-up *job* (whose text is a look-up, checked by the
        caller, without default or named graphs)."""
        from vngkb.server.pool import execute, refusal

        native = _NATIVE_FORMATS.get(job.fmt or "json")
        if native is None or self.most_statements() > job.max_rows:
            return execute(self.store, job, self.prefixes)
        refused = refusal(job.query)  # the same parse as in a worker, on every look-up
        if refused is not None:
            return refused
        try:  # a look-up names no prefix: the store is not given them (4 us a query)
            result = self.store.query(job.query, base_iri=job.base_iri)
        except (SyntaxError, ValueError, OSError):
            return execute(self.store, job, self.prefixes, guard=False)  # its message
        assert isinstance(result, ox.QuerySolutions)
        return Outcome(200, MEDIA_TYPES[job.fmt or "json"], result.serialize(format=native)
                       or b"")
