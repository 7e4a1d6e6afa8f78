"""``vngkb interpret``: a Dutch question in plain words, answered by the canned question
that fits it, with the parameter values taken from the words.

The router (:class:`Router`) reads the catalogue (``queries/*.rq`` with their
``#+ examples``), the words file (``queries/vraag-woorden.tsv``) and the KB's labels,
scores every question (:mod:`vngkb.vraag.matcher`), and fills the parameters
(:mod:`vngkb.vraag.parameters`). Below the threshold it says so and searches the
texts instead (:mod:`vngkb.vraag.zoeken`). Nothing here pastes words into a query:
values go, as strings, through the catalogue's checks and are bound as RDF terms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vngkb.core.errors import InputError
from vngkb.query.catalogue import Question
from vngkb.query.store import Backend, ResultTable
from vngkb.rdf.namespaces import PREFIXES
from vngkb.vraag import cache
from vngkb.vraag.berichten import bericht
from vngkb.vraag.matcher import DREMPEL, Index, Kandidaat
from vngkb.vraag.parameters import Labels, Vondst, labels_from_state, labels_state
from vngkb.vraag.woorden import Woorden, lees_woorden

if TYPE_CHECKING:
    from vngkb.reports.measure_detail import MeasureView

#: Longest question text accepted, in characters.
MAX_TEKST = 1000


@dataclass(frozen=True)
class Routering:
    """Where a text was routed: the best candidates (best first), whether the best is
    good enough, its parameter values, and which of its parameters take their default."""

    tekst: str
    kandidaten: list[Kandidaat]
    vondsten: list[Vondst]
    termen: list[str]
    zeker: bool
    waarden: dict[str, str] = field(default_factory=dict)
    standaard: dict[str, str] = field(default_factory=dict)
    #: The measure (IRI) the text asks what the letter says about: answered by
    #: ``vngkb show`` instead of a canned question.
    toon: str | None = None

    @property
    def vraag(self) -> Question:
        return self.kandidaten[0].vraag

    def regel(self) -> str:
        """``vraag → NAME, jaar=2020 (standaard), ...``: what was asked, on one line
        (``vraag → toon NAME`` for a measure shown whole)."""
        if self.toon is not None:
            return bericht("regel").format(wat="toon " + self.toon.rstrip("/").rsplit("/", 1)[-1])
        parts = [self.vraag.name]
        for parameter in self.vraag.parameters:
            if parameter.name in self.waarden:
                parts.append(f"{parameter.name}={self.waarden[parameter.name]}")
            elif parameter.name in self.standaard:
                parts.append(bericht("standaard").format(
                    naam=parameter.name, waarde=self.standaard[parameter.name]))
        return bericht("regel").format(wat=", ".join(parts))


def is_zeker(score: float) -> bool:
    """Whether a best score is good enough to answer: at least :data:`DREMPEL`."""
    return score >= DREMPEL


def _short(question: Question, name: str, value: str) -> str:
    parameter = question.parameter(name)
    if parameter.kind == "iri" and parameter.scheme:
        return value.removeprefix(parameter.scheme.rstrip("/") + "/")
    return value


def controleer(tekst: str) -> str:
    """The text, checked: not empty, not too long; control characters become spaces."""
    if len(tekst) > MAX_TEKST:
        raise InputError(bericht("te-lang").format(lengte=len(tekst), max=MAX_TEKST))
    clean = "".join(" " if (ord(c) < 32 or 127 <= ord(c) < 160) else c for c in tekst)
    if not clean.strip():
        raise InputError(bericht("leeg"))
    return clean.strip()


def _label_rows(backend: Backend, groepen: list[str]) -> tuple[list[tuple[str, str]],
                                                               list[tuple[str, str]]]:
    """(IRI, label) for every member of a scheme or class a parameter takes values
    from; (chapter number, label) for every chapter."""
    skos, rdfs = PREFIXES["skos"], PREFIXES["rdfs"]
    dct, defns = PREFIXES["dct"], PREFIXES["def"]
    filters = " || ".join(f'STRSTARTS(STR(?x), "{g.rstrip("/")}/")' for g in groepen)
    concepts = backend.select(
        "SELECT DISTINCT ?x ?label WHERE { ?x "
        f"<{skos}prefLabel>|<{skos}altLabel>|<{skos}hiddenLabel>|<{skos}notation>|"
        f"<{rdfs}label>|<{dct}title> ?label . FILTER(isIRI(?x) && ({filters or 'false'}))"
        ' FILTER(lang(?label) = "" || langMatches(lang(?label), "nl")) }')
    chapters = backend.select(
        f"SELECT ?nummer ?label WHERE {{ ?h a <{defns}Hoofdstuk> ; <{defns}nummer> ?nummer ;"
        f" <{rdfs}label>|<{skos}hiddenLabel> ?label }}")
    rows = [(r[0].value, r[1].value) for r in concepts.rows
            if r[0] is not None and r[1] is not None]
    chapter_rows = [(r[0].value, r[1].value) for r in chapters.rows
                    if r[0] is not None and r[1] is not None]
    return rows, chapter_rows


class Router:
    """Routes Dutch texts to canned questions (build once, route many)."""

    def __init__(self, questions: list[Question], backend: Backend,
                 woorden: Woorden | None = None) -> None:
        self.woorden = woorden or lees_woorden()
        groepen = sorted({p.scheme for q in questions for p in q.parameters
                          if p.kind == "iri" and p.scheme})
        rows, chapter_rows = _label_rows(backend, groepen)
        key = cache.sleutel([*(q.name + "\n" + q.query for q in questions),
                             self.woorden.bron, json.dumps(sorted(rows)),
                             json.dumps(sorted(chapter_rows))])
        cached = cache.lees(key)
        if cached is not None:
            try:
                self.index = Index(questions, labels_from_state(cached["labels"]),
                                   self.woorden, cached["index"])
                return
            except (KeyError, TypeError, ValueError):
                pass  # a damaged cache file: build the index again
        labels = Labels.uit_rijen(rows, groepen, chapter_rows, self.woorden.stopwoorden)
        self.index = Index(questions, labels, self.woorden)
        cache.schrijf(key, {"labels": labels_state(labels), "index": self.index.state()})

    def route(self, tekst: str) -> Routering:
        """The best question for *tekst* (or, when unsure, the closest ones)."""
        clean = controleer(tekst)
        kandidaten, vondsten, termen = self.index.kandidaten(clean)
        if not termen:
            raise InputError(bericht("stopwoorden"))
        best = kandidaten[0]
        toon = self._toon(clean, vondsten)
        if toon is not None:
            return Routering(clean, kandidaten, vondsten, termen, True, toon=toon)
        waarden = dict(best.invulling.waarden)
        standaard = {p.name: _short(best.vraag, p.name, p.default)
                     for p in best.vraag.parameters
                     if p.name not in waarden and p.default is not None}
        return Routering(clean, kandidaten, vondsten, termen, is_zeker(best.score),
                         waarden, standaard)


    def _toon(self, tekst: str, vondsten: list[Vondst]) -> str | None:
        """The measure *tekst* asks what the letter says about ("wat zegt de brief over
        laaggeletterdheid"): one measure named and one of the words file's ``toon``
        phrases; else None."""
        from vngkb.text.dutch import tokens

        words = " " + " ".join(t.form for t in tokens(tekst)) + " "
        if not any(f" {phrase} " in words for phrase in self.woorden.toon):
            return None
        measures = {v.waarde for v in vondsten if v.slot == "#maatregel"}
        return measures.pop() if len(measures) == 1 else None

    def beantwoord(self, tekst: str, backend: Backend) -> Antwoord:
        """Route *tekst* and answer it from *backend*: the routed question with its
        values (checked and bound as RDF terms, as ``vngkb ask`` does), or, when the
        router is not sure, a search of the texts."""
        from vngkb.query.catalogue import with_allowed_values
        from vngkb.vraag.zoeken import zoek, zoekterm

        routering = self.route(tekst)
        if routering.toon is not None:
            from vngkb.reports.measure_detail import measure_view

            view = measure_view(routering.toon, backend)
            return Antwoord(routering, _toon_tabel(view), toon=view)
        if routering.zeker:
            found = with_allowed_values(routering.vraag, backend)
            return Antwoord(routering, backend.select(found.query,
                                                      found.bindings(routering.waarden)))
        term = zoekterm(routering.tekst, self.woorden)
        if term is None:
            raise InputError(bericht("niets-te-zoeken"))
        return Antwoord(routering, zoek(term, backend), term)


@dataclass(frozen=True)
class Antwoord:
    """The routing and the answer: the routed question's table, or (when *zoekterm* is
    set) the table of the text search, or (when *toon* is set) the measure as ``vngkb
    toon`` shows it, with its amounts as the table."""

    routering: Routering
    tabel: ResultTable
    zoekterm: str | None = None
    toon: MeasureView | None = None


def _toon_tabel(view: MeasureView) -> ResultTable:
    """The measure's amounts as a table (for a reader of tables, e.g. the web page)."""
    from vngkb.rdf.terms import Term

    columns = ["titel", "waarde", "per", "eersteJaar", "laatsteJaar", "citaat",
               "eersteRegel", "laatsteRegel", "bedrag"]

    def cell(value: object) -> Term | None:
        return None if value is None else Term("literal", str(value))

    rows = [[cell(view.title), cell(a.value), cell(a.per), cell(a.first_year),
             cell(a.last_year), cell(a.quotes[0]), cell(a.first_line), cell(a.last_line),
             Term("iri", a.iri)] for a in view.amounts]
    return ResultTable(columns=columns, rows=rows)


__all__ = ["DREMPEL", "MAX_TEKST", "Antwoord", "Router", "Routering", "controleer", "is_zeker"]
