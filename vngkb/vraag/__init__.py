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

import dataclasses
import functools
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vngkb.core.errors import InputError, LetterError
from vngkb.i18n import _
from vngkb.query.catalogue import Question
from vngkb.query.letters import Letter, choose, letter_of_iri, letters, previous
from vngkb.query.store import Backend, ResultTable
from vngkb.rdf.namespaces import PREFIXES
from vngkb.vraag import cache
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
    #: The letter the question is about (None: a KB without letters), and whether it was
    #: chosen (``--letter``, or named in the text) rather than the newest by default.
    brief: Letter | None = None
    brief_gekozen: bool = False

    @property
    def vraag(self) -> Question:
        return self.kandidaten[0].vraag

    def regel(self) -> str:
        """``vraag → NAME, jaar=2020 (standaard), ...``: what was asked, on one line
        (``vraag → toon NAME`` for a measure shown whole)."""
        if self.toon is not None:
            # The letter too: a machine format's table of amounts does not name it.
            letter = letter_of_iri(self.toon)
            of = f", brief={letter}" if letter else ""
            return _("vraag → {wat}").format(
                wat="toon " + self.toon.rstrip("/").rsplit("/", 1)[-1] + of)
        parts = [self.vraag.name]
        for parameter in self.vraag.parameters:
            if parameter.name in self.waarden:
                parts.append(f"{parameter.name}={self.waarden[parameter.name]}")
            elif parameter.name in self.standaard:
                parts.append(_("{naam}={waarde} (standaard)").format(
                    naam=parameter.name, waarde=self.standaard[parameter.name]))
        return _("vraag → {wat}").format(wat=", ".join(parts))


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
        raise InputError(_("vraag: de tekst is {lengte} tekens lang; hoogstens {max} tekens "
                           "worden aangenomen").format(lengte=len(tekst), max=MAX_TEKST))
    clean = "".join(" " if (ord(c) < 32 or 127 <= ord(c) < 160) else c for c in tekst)
    if not clean.strip():
        raise InputError(_("vraag: de tekst is leeg; stel een vraag in woorden, bijvoorbeeld "
                           "\"Welke decentralisatie-uitkeringen beginnen in 2020?\""))
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
        #: The KB's letters, oldest first: the question's letter is chosen among them.
        self.brieven = letters(backend)
        woorden = woorden or lees_woorden()
        # Years in words count from the newest letter's budget year unless a question
        # names another letter (see route).
        self.woorden = (woorden.met_basisjaar(self.brieven[-1].year)
                        if self.brieven and not woorden.jaren else woorden)
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

    def route(self, tekst: str, brief: str | None = None) -> Routering:
        """The best question for *tekst* (or, when unsure, the closest ones), about a
        letter of the KB: *brief* (``--letter``: id, IRI or budget year), else the newest.
        "in de brief van 2021" names a letter by its budget year (when *brief* is given it
        must be that letter); "vorig jaar" and "de vorige brief" name the letter before it,
        or, in a question that compares two letters, the earlier of the two. The letter's
        budget year is the one years in words count from ("komend jaar"), and a question
        with a letter parameter asks about it. Errors are :class:`LetterError` lines that
        list the letters of the KB."""
        from vngkb.vraag.brief import genoemd

        clean = controleer(tekst)
        basis = choose(self.brieven, brief) if self.brieven or brief is not None else None
        found = genoemd(clean, self.woorden) if basis is not None else None
        letter, gekozen = basis, brief is not None
        before = None
        if found is not None:
            clean = found.rest
            if found.vorige:
                before = self._voor(basis)
            else:
                letter, gekozen = choose(self.brieven, str(found.jaar)), True
                if brief is not None and letter != basis:
                    raise LetterError(_("vraag: de tekst noemt de brief van {tekst}, --letter "
                                        "brief {brief}; kies één brief").format(
                        tekst=found.jaar, brief=basis.id if basis else brief))
        years_of = before or letter
        woorden = (self.woorden if years_of is None
                   else self.woorden.met_basisjaar(years_of.year))
        kandidaten, vondsten, termen = self.index.kandidaten(clean, woorden)
        if not termen:
            raise InputError(_("vraag: de tekst bevat geen woorden om op te zoeken (alleen "
                               "stopwoorden)"))
        best = kandidaten[0]
        letter_class = PREFIXES["def"] + "Brondocument"
        others = [p.name for p in best.vraag.parameters
                  if p.member_class == letter_class and p.name != "brief"]
        eerder: dict[str, str] = {}
        if found is not None and found.vorige:
            if others or best.vraag.compares_letters:
                # A comparison: "vorig jaar" is its earlier letter, the one before the base
                # (a measure's changes compare it with the measure it continues).
                if before is not None and brief is not None and others:
                    eerder = {others[0]: before.id}
            elif before is None:
                assert basis is not None
                previous(self.brieven, basis)  # raises: no letter before the base
            else:
                letter, gekozen = before, True
        toon = self._toon(clean, vondsten)
        if toon is not None:
            return Routering(clean, kandidaten, vondsten, termen, True, toon=toon,
                             brief=letter, brief_gekozen=gekozen)
        waarden = dict(best.invulling.waarden) | eerder
        standaard = {p.name: _short(best.vraag, p.name, p.default)
                     for p in best.vraag.parameters
                     if p.name not in waarden and p.default is not None}
        if letter is not None:
            waarden = self._van_brief(best.vraag, waarden, letter, gekozen)
        for p in best.vraag.parameters:
            if p.member_class == letter_class and letter is not None and p.name == "brief" \
                    and p.name not in waarden:
                # The question's letter: the chosen one, else the newest (not the header's
                # default, which is the shipped letter for grlc).
                if gekozen:
                    waarden[p.name] = letter.id
                    standaard.pop(p.name, None)
                else:
                    standaard[p.name] = letter.id
        return Routering(clean, kandidaten, vondsten, termen, is_zeker(best.score),
                         waarden, standaard, brief=letter, brief_gekozen=gekozen)

    def _voor(self, letter: Letter | None) -> Letter | None:
        """The letter before *letter* in the KB, or None."""
        if letter is None:
            return None
        earlier = [each for each in self.brieven if each < letter]
        return earlier[-1] if earlier else None

    @functools.cached_property
    def _iris(self) -> frozenset[str]:
        """Every IRI the labels name (a measure of each letter among them)."""
        return frozenset(iri for pairs in self.index.labels.concepten.values()
                         for _, iri in pairs)

    def _van_brief(self, vraag: Question, waarden: dict[str, str], letter: Letter,
                   gekozen: bool) -> dict[str, str]:
        """*waarden* with each thing of a letter (``{letter}/{slug}``, a measure) replaced
        by the thing of the same slug in *letter* when it has one; by default (not
        *gekozen*) in the newest letter that has one."""
        order = [letter] if gekozen else list(reversed(self.brieven))
        ids = {each.id for each in self.brieven}
        result = dict(waarden)
        for name, value in waarden.items():
            parameter = vraag.parameter(name)
            first, slash, slug = value.partition("/")
            if parameter.kind != "iri" or not parameter.scheme or not slash or first not in ids:
                continue
            for each in order:
                if f"{parameter.scheme.rstrip('/')}/{each.id}/{slug}" in self._iris:
                    result[name] = f"{each.id}/{slug}"
                    break
        return result

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

    def beantwoord(self, tekst: str, backend: Backend, brief: str | None = None) -> Antwoord:
        """Route *tekst* and answer it from *backend*: the routed question with its
        values (checked and bound as RDF terms, as ``vngkb ask`` does), or, when the
        router is not sure, a search of the texts; about letter *brief* or the one the
        text names (:meth:`kies_brief`)."""
        from vngkb.query.catalogue import with_allowed_values
        from vngkb.vraag.zoeken import zoek, zoekterm

        routering = self.route(tekst, brief)
        chosen = routering.brief.id if routering.brief is not None else None
        if routering.toon is not None:
            from vngkb.reports.measure_detail import measure_view

            # The measure of that short name in the chosen letter, else in the newest
            # letter that has one (as `vngkb show NAME` finds it).
            name = (routering.toon.rstrip("/").rpartition("/")[2] if routering.brief
                    else routering.toon)
            view = measure_view(name, backend,
                                brief=chosen if routering.brief_gekozen else None)
            routering = dataclasses.replace(routering, toon=view.iri)
            return Antwoord(routering, _toon_tabel(view), toon=view)
        if routering.zeker:
            found = with_allowed_values(routering.vraag, backend)
            return Antwoord(routering, backend.select(found.query,
                                                      found.bindings(routering.waarden)))
        term = zoekterm(routering.tekst, self.woorden)
        if term is None:
            raise InputError(_("vraag: geen vraag past, en de tekst bevat geen woord om op te "
                               "zoeken"))
        return Antwoord(routering, zoek(term, backend, brief=chosen), term)


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
