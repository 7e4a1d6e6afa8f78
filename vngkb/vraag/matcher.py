"""Which canned question a Dutch text asks: TF-IDF over each question's summary,
description, tags, name and ``#+ examples``, plus evidence from the parameter values the
text contains.

Every text (the user's and the catalogue's) becomes the stems of its words that are not
stop words (words, stems and stop words as the search has them: :mod:`vngkb.text.dutch`),
plus one *slot token* per kind of value found in it (``#jaar``, ``#bedrag``,
``#ministerie``, ``#thema``, ...), so "bedragen voor woningcorporaties" shares
``#ontvanger`` with "Geld voor centrumgemeenten". A question scores

    score = W_VOORBEELD · best cosine with one of its examples (or its summary)
          + W_DOCUMENT  · share of the text's terms (weighted by IDF) in all its text
          + W_INGEVULD  · parameters the text gives a value for
          − W_ONGEBRUIKT · kinds of value in the text it has no parameter for
                           (a year: W_JAAR_ONGEBRUIKT)

and the best question is answered when its score reaches :data:`DREMPEL`. A year in the
text weighs more than other values: a question that cannot take it answers for every
year (or for its default year) instead of the one asked, so "hoeveel geld gaat er in 2022
naar gemeenten" goes to a question that takes the year.
Deterministic: ties go to the question name that sorts first.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vngkb.query.catalogue import Question
from vngkb.text.dutch import stems, tokens
from vngkb.vraag.parameters import Invulling, Labels, Vondst, slots_van, vind, vul_in
from vngkb.vraag.woorden import Woorden

W_VOORBEELD = 0.5
W_DOCUMENT = 0.3
W_INGEVULD = 0.04
W_ONGEBRUIKT = 0.05
#: The weight of a year in the text that a question has no parameter for.
W_JAAR_ONGEBRUIKT = 0.15
#: Below this score the router says it is not sure and falls back to searching.
DREMPEL = 0.4

Vector = dict[str, float]


def termen(text: str, labels: Labels, woorden: Woorden,
           slots: frozenset[str] = frozenset()) -> tuple[list[str], list[Vondst]]:
    """The terms of *text* and its values. Terms are the stems of its words that are not
    stop words, plus one slot token per kind of value found; the words of a value whose
    slot is in *slots* (a question's parameters) are left out, so that a question's
    phrasings stand for any value of their parameters ("Welke maatregelen gaan over
    #thema") and the same words in the user's text do not count twice."""
    vondsten = vind(text, labels, woorden)
    covered = {i for v in vondsten if v.slot in slots for i in range(v.begin, v.eind)}
    # Numbers count through their slot (#jaar, #bedrag, #hoofdstuk), not as words.
    words = [t.stem for i, t in enumerate(tokens(text))
             if t.form not in woorden.stopwoorden and not t.form.isdigit() and i not in covered]
    return words + sorted(_slots(vondsten, slots)), vondsten


def _slots(vondsten: Iterable[Vondst], slots: frozenset[str]) -> set[str]:
    """The slot tokens of *vondsten*; where words are a value for one of *slots*, the
    other readings of the same words ("jeugd": a theme and a measure) do not count."""
    kept = [v for v in vondsten if v.slot in slots]
    taken = {i for v in kept for i in range(v.begin, v.eind)}
    kept += [v for v in vondsten if v.slot not in slots
             and not taken.intersection(range(v.begin, v.eind))]
    return {v.slot for v in kept}


def _vector(terms: Iterable[str], idf: Mapping[str, float], unknown: float) -> Vector:
    counts = Counter(terms)
    return {t: (1 + math.log(n)) * idf.get(t, unknown) for t, n in counts.items()}


def _cosine(a: Vector, b: Vector) -> float:
    if not a or not b:
        return 0.0
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


@dataclass(frozen=True)
class Kandidaat:
    """One question's score for a text, in parts (for ``--uitleg``)."""

    vraag: Question
    voorbeeld: float
    beste_voorbeeld: str
    document: float
    ingevuld: int
    ongebruikt: tuple[str, ...]
    invulling: Invulling

    @property
    def score(self) -> float:
        return (W_VOORBEELD * self.voorbeeld + W_DOCUMENT * self.document
                + W_INGEVULD * self.ingevuld
                - sum(W_JAAR_ONGEBRUIKT if slot == "#jaar" else W_ONGEBRUIKT
                      for slot in self.ongebruikt))


class Index:
    """The catalogue, ready to be matched against."""

    def __init__(self, questions: Sequence[Question], labels: Labels, woorden: Woorden,
                 state: Mapping[str, Any] | None = None):
        self.labels = labels
        self.woorden = woorden
        self.questions = sorted(questions, key=lambda q: q.name)
        if state is not None:
            self._restore(state)
            return
        documents: dict[str, list[str]] = {}
        phrasings: dict[str, list[tuple[str, list[str]]]] = {}
        self.slots: dict[str, frozenset[str]] = {}
        for q in self.questions:
            slots = frozenset(s for p in q.parameters for s in slots_van(p, woorden.hoofdstuk))
            self.slots[q.name] = slots
            phrasings[q.name] = [(text, termen(text, labels, woorden, slots)[0])
                                 for text in (q.summary, *q.examples)]
            rest = [q.description, " ".join(q.tags), q.name.replace("-", " ")]
            documents[q.name] = [t for text in rest
                                 for t in termen(text, labels, woorden, slots)[0]]
            for _, terms in phrasings[q.name]:
                documents[q.name].extend(terms)
            documents[q.name].extend(phrasings[q.name][0][1])  # the summary counts twice
        n = len(documents)
        # Document frequency over the phrasings (summary and examples), not the long
        # descriptions, which name nearly everything once: there "maatregel" and "bedrag"
        # would be too common to tell the questions about measures and amounts apart.
        df = Counter(t for items in phrasings.values()
                     for t in {t for _, terms in items for t in terms})
        self.idf = {t: math.log((n + 1) / (d + 1)) + 1 for t, d in df.items()}
        self.unknown = math.log(n + 1) + 1
        self.documents = {name: set(terms) for name, terms in documents.items()}
        self.phrasings = {name: [(text, _vector(terms, self.idf, self.unknown))
                                 for text, terms in items]
                          for name, items in phrasings.items()}

    def state(self) -> dict[str, Any]:
        """The index as plain JSON data (see :mod:`vngkb.vraag.cache`)."""
        return {"slots": {n: sorted(s) for n, s in self.slots.items()}, "idf": self.idf,
                "unknown": self.unknown,
                "documents": {n: sorted(d) for n, d in self.documents.items()},
                "phrasings": {n: [[t, v] for t, v in items]
                              for n, items in self.phrasings.items()}}

    def _restore(self, state: Mapping[str, Any]) -> None:
        self.slots = {n: frozenset(s) for n, s in state["slots"].items()}
        self.idf = dict(state["idf"])
        self.unknown = float(state["unknown"])
        self.documents = {n: set(d) for n, d in state["documents"].items()}
        self.phrasings = {n: [(str(t), dict(v)) for t, v in items]
                          for n, items in state["phrasings"].items()}
        if set(self.slots) != {q.name for q in self.questions}:
            raise ValueError("the cached index is for another catalogue")

    def _coverage(self, query: Vector, name: str) -> float:
        """The IDF-weighted share of the query's terms that occur in the question's text."""
        total = sum(query.values())
        found = sum(w for t, w in query.items() if t in self.documents[name])
        return found / total if total else 0.0

    def kandidaten(self, text: str, woorden: Woorden | None = None
                   ) -> tuple[list[Kandidaat], list[Vondst], list[str]]:
        """Every question scored for *text*, best first; the values found; the terms.
        *woorden*: the words with the years of the letter asked about (default the
        index's own)."""
        woorden = self.woorden if woorden is None else woorden
        terms, vondsten = termen(text, self.labels, woorden)
        queries: dict[frozenset[str], Vector] = {}
        result = []
        for q in self.questions:
            own = self.slots[q.name]
            if own not in queries:
                queries[own] = _vector(termen(text, self.labels, woorden, own)[0],
                                       self.idf, self.unknown)
            query = queries[own]
            best_text, best = max(((t, _cosine(query, v)) for t, v in self.phrasings[q.name]),
                                  key=lambda item: item[1])
            invulling = vul_in(q, vondsten, woorden)
            # A value the question has no parameter for counts against it, unless the
            # question's own text names it (the SPUK question and "spuks").
            unused = tuple(sorted(
                slot for slot in _slots(vondsten, own) - own
                if not any(v.slot == slot and set(stems(v.woorden)) <= self.documents[q.name]
                           for v in vondsten)))
            result.append(Kandidaat(q, best, best_text, self._coverage(query, q.name),
                                    len(invulling.waarden), unused, invulling))
        result.sort(key=lambda k: (-round(k.score, 9), k.vraag.name))
        return result, vondsten, terms
