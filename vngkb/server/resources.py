"""What the HTML pages show: the resources of the KB read from the store as plain view
objects (links, texts, tables) for the templates, and their RDF descriptions.

The store is read-only while the server runs, so labels and types are read once.
Lookups use Oxigraph's quad index directly; an IRI from a URL is only ever a
``NamedNode`` in a pattern, never query text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from vngkb.i18n import current_lang
from vngkb.rdf.namespaces import DCT, RDF, RDFS, SCHEMA, SKOS, TOOI_MINISTERIE, TOOIONT, WETTEN

OWL = "http://www.w3.org/2002/07/owl#"
TYPE = RDF + "type"
LABEL_PREDICATES = (SKOS + "prefLabel", RDFS + "label", DCT + "title")
#: Language preference for labels and texts: Dutch, untagged, English, the rest.
LANGUAGES = {"nl": 0, None: 1, "en": 2}


@dataclass(frozen=True)
class Link:
    """A resource as a page shows it: its label, its page here, and (for things with
    an official identifier elsewhere: TOOI, wetten.overheid.nl) that page."""

    iri: str
    label: str
    href: str | None
    official: str | None = None


@dataclass(frozen=True)
class Text:
    """A literal as a page shows it."""

    text: str
    lang: str | None = None
    datatype: str | None = None
    #: The value to sort a column of answers by, where it differs from the text
    #: (``1286315000`` for ``€ 1.286.315.000``).
    sort: str | None = None


Value = Link | Text


def _readable_number(text: str, datatype: str | None) -> str:
    """A number of five digits or more as people read it (``2.000.000.000``); years,
    line numbers and other text as written.

    >>> _readable_number("2000000000", "decimal"), _readable_number("2020", "integer")
    ('2.000.000.000', '2020')
    """
    from vngkb.i18n import format_number

    if datatype not in ("decimal", "integer", "double", "float"):
        return text
    try:
        number = Decimal(text)
    except ArithmeticError:
        return text
    if not number.is_finite() or abs(number) < 10_000:
        return text
    return format_number(number)


def euro(value: Decimal) -> str:
    """Dutch notation of an amount in euros.

    >>> euro(Decimal("7300000.0")), euro(Decimal("1250.5"))
    ('€ 7.300.000', '€ 1.250,50')
    """
    text = f"{int(value):,}" if value == value.to_integral_value() else f"{value:,.2f}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def local_name(iri: str) -> str:
    """The last segment of *iri* (after ``#`` or ``/``)."""
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a KB text (they are separated by blank lines)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


class Site:
    """The KB in *store* (IRIs under *base*) as the pages see it."""

    def __init__(self, store: ox.Store, base: str) -> None:
        self.store = store
        self.base = base
        self.id = base + "/id/"
        self.doc = base + "/doc/"
        self.defns = base + "/def/"
        self._labels: dict[str, tuple[tuple[int, int], str]] = {}
        self._types: dict[str, set[str]] = defaultdict(set)
        for rank, predicate in enumerate(LABEL_PREDICATES):
            for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None):
                if not isinstance(quad.subject, ox.NamedNode):
                    continue
                obj = quad.object
                if not isinstance(obj, ox.Literal):
                    continue
                key = (rank, LANGUAGES.get(obj.language, 3))
                known = self._labels.get(quad.subject.value)
                if known is None or key < known[0]:
                    self._labels[quad.subject.value] = (key, obj.value)
        for quad in store.quads_for_pattern(None, ox.NamedNode(TYPE), None):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
                self._types[quad.subject.value].add(quad.object.value)
        # Concepts' and the vocabulary's English names, for pages in English (--lang en);
        # titles and names of ministries, laws and chapters stay as written.
        self._labels_en: dict[str, str] = {}
        for predicate in (SKOS + "prefLabel", RDFS + "label"):
            for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None):
                if (isinstance(quad.subject, ox.NamedNode)
                        and isinstance(quad.object, ox.Literal)
                        and quad.object.language == "en"):
                    self._labels_en.setdefault(quad.subject.value, quad.object.value)

    def d(self, name: str) -> str:
        """An IRI of the vocabulary (``def``) under this base."""
        return self.defns + name

    # --- addressing ------------------------------------------------------------------

    def href(self, iri: str) -> str | None:
        """The page of *iri* on this server, if it has one."""
        for prefix, path in ((self.id, "/doc/"), (self.doc, "/doc/"), (self.defns, "/def/")):
            if iri.startswith(prefix):
                return path + quote(iri[len(prefix):], safe="/")
        if iri.startswith(TOOI_MINISTERIE):
            return "/ministerie/" + quote(iri[len(TOOI_MINISTERIE):], safe="")
        if self.has_subject(iri):
            return "/resource?iri=" + quote(iri, safe="")
        return None

    def iri_for_doc(self, path: str) -> str:
        return self.id + path

    def iri_for_def(self, path: str) -> str:
        return self.defns + path

    @staticmethod
    def official(iri: str) -> str | None:
        """The official page of an identifier that is not ours (TOOI, BWB)."""
        if iri.startswith((TOOI_MINISTERIE, WETTEN)):
            return iri
        return None

    # --- reading -----------------------------------------------------------------------

    @staticmethod
    def _node(iri: str) -> ox.NamedNode | None:
        try:
            return ox.NamedNode(iri)
        except ValueError:
            return None

    def has_subject(self, iri: str) -> bool:
        node = self._node(iri)
        return node is not None and next(
            iter(self.store.quads_for_pattern(node, None, None)), None) is not None

    def replacement(self, iri: str) -> str | None:
        """The IRI that replaced *iri* (``dct:isReplacedBy``, followed to its end), or
        None when *iri* was not replaced: the old IRIs of the first letter, before the KB
        held a series of letters (docs/letters.md)."""
        seen: list[str] = []
        current = iri
        while len(seen) < 10:  # a chain, never a loop: bounded all the same
            node = self._node(current)
            if node is None:
                break
            found = next((q.object for q in self.store.quads_for_pattern(
                node, ox.NamedNode(DCT + "isReplacedBy"), None)
                if isinstance(q.object, ox.NamedNode)), None)
            if found is None or found.value in seen or found.value == iri:
                break
            seen.append(found.value)
            current = found.value
        return seen[-1] if seen else None

    def exists(self, iri: str) -> bool:
        """Whether the KB says anything about *iri* (as subject or object)."""
        node = self._node(iri)
        if node is None:
            return False
        return self.has_subject(iri) or next(
            iter(self.store.quads_for_pattern(None, None, node)), None) is not None

    def types(self, iri: str) -> set[str]:
        return self._types.get(iri, set())

    def label(self, iri: str) -> str:
        if iri in self._labels_en and current_lang() == "en":
            return self._labels_en[iri]
        known = self._labels.get(iri)
        return known[1] if known else local_name(iri)

    def link(self, term: Any) -> Link:
        if isinstance(term, ox.NamedNode):
            return Link(term.value, self.label(term.value), self.href(term.value),
                        self.official(term.value))
        if isinstance(term, str):
            return Link(term, self.label(term), self.href(term), self.official(term))
        return Link(str(term), str(term), None)

    def value(self, term: Any) -> Value:
        if isinstance(term, ox.Literal):
            datatype = None if term.language else local_name(term.datatype.value)
            return Text(_readable_number(term.value, datatype), term.language,
                        None if datatype == "string" else datatype)
        return self.link(term)

    def objects(self, iri: str, predicate: str) -> list[Any]:
        node = self._node(iri)
        if node is None:
            return []
        return list(dict.fromkeys(
            q.object for q in self.store.quads_for_pattern(node, ox.NamedNode(predicate), None)))

    def subjects(self, predicate: str, iri: str) -> list[str]:
        node = self._node(iri)
        if node is None:
            return []
        return list(dict.fromkeys(
            q.subject.value for q in self.store.quads_for_pattern(None, ox.NamedNode(predicate),
                                                                  node)
            if isinstance(q.subject, ox.NamedNode)))

    def texts(self, iri: str, predicate: str) -> list[str]:
        """Literal values, Dutch (or untagged) ones when there are any."""
        literals = [o for o in self.objects(iri, predicate) if isinstance(o, ox.Literal)]
        preferred = [o for o in literals if o.language in ("nl", None)]
        return [o.value for o in preferred or literals]

    def text_in(self, iri: str, predicate: str, lang: str) -> str | None:
        for obj in self.objects(iri, predicate):
            if isinstance(obj, ox.Literal) and obj.language == lang:
                return str(obj.value)
        return None

    def text(self, iri: str, predicate: str) -> str | None:
        found = self.texts(iri, predicate)
        return found[0] if found else None

    def number(self, iri: str, predicate: str) -> int | None:
        found = self.text(iri, predicate)
        try:
            return int(found) if found is not None else None
        except ValueError:
            return None

    def links(self, iri: str, predicate: str) -> list[Link]:
        found = [self.link(o) for o in self.objects(iri, predicate)
                 if isinstance(o, ox.NamedNode)]
        return sorted(found, key=lambda link: link.label.lower())

    def first_link(self, iri: str, predicate: str) -> Link | None:
        found = self.links(iri, predicate)
        return found[0] if found else None

    def lines(self, iri: str) -> tuple[int, int] | None:
        first = self.number(iri, self.d("eersteRegel"))
        last = self.number(iri, self.d("laatsteRegel"))
        return (first, last if last is not None else first) if first is not None else None

    def of_type(self, type_iri: str) -> list[str]:
        return sorted(iri for iri, types in self._types.items() if type_iri in types)

    def in_letter(self, iris: Iterable[str], letter: str | None) -> list[str]:
        """Those of *iris* that letter *letter* states (its id in their IRI; a chapter or
        measure of no letter counts for none); all of them when *letter* is None."""
        from vngkb.kb.layout import letter_of_iri

        return [iri for iri in iris if letter is None or letter_of_iri(iri) == letter]

    def _by_line(self, iris: Iterable[str]) -> list[str]:
        return sorted(iris, key=lambda i: ((self.lines(i) or (10**9, 0))[0], i))

    # --- page kinds ----------------------------------------------------------------------

    def kind(self, iri: str) -> str:
        """Which page template shows *iri*."""
        types = self.types(iri)
        if self.d("Maatregel") in types:
            return "measure"
        if self.d("Hoofdstuk") in types:
            return "chapter"
        if TOOIONT + "Ministerie" in types:
            return "ministry"
        if self.d("Wet") in types:
            return "law"
        if SKOS + "Concept" in types and self.id + "instrument" in {
                o.value for o in self.objects(iri, SKOS + "inScheme")}:
            return "instrument"
        return "resource"

    def measure_summary(self, iri: str) -> dict[str, Any]:
        chapter = self.first_link(iri, self.d("hoofdstuk"))
        return {"link": self.link(iri), "chapter": chapter,
                "chapter_number": self.number(chapter.iri, self.d("nummer")) if chapter else None,
                "ministry": self.first_link(iri, self.d("verantwoordelijkMinisterie")),
                "stance": self.first_link(iri, self.d("standpunt")),
                "amounts": len(self.objects(iri, self.d("bedrag"))),
                "lines": self.lines(iri)}

    def amount(self, iri: str) -> dict[str, Any]:
        value_text = self.text(iri, SCHEMA + "value")
        try:
            value = Decimal(value_text) if value_text is not None else None
        except InvalidOperation:
            value = None
        structural = self.text(iri, self.d("structureel"))
        owners = self.subjects(self.d("bedrag"), iri)
        return {
            "link": self.link(iri),
            "value": value,
            "value_text": euro(value) if value is not None else (value_text or ""),
            "currency": self.text(iri, SCHEMA + "currency"),
            "per": self.first_link(iri, self.d("per")),
            "first_year": self.text(iri, self.d("eersteJaar")),
            "last_year": self.text(iri, self.d("laatsteJaar")),
            "structural": {"true": "structureel", "1": "structureel", "false": "incidenteel",
                           "0": "incidenteel"}.get(structural or "", ""),
            "instrument": self.first_link(iri, self.d("instrument")),
            "recipients": self.links(iri, self.d("ontvanger")),
            "qualifier": self.first_link(iri, self.d("kwalificatie")),
            "quote": self.text(iri, self.d("citaat")) or "",
            "lines": self.lines(iri),
            "notes": self.texts(iri, RDFS + "comment"),
            "owners": [self.link(o) for o in owners],
        }

    def measure(self, iri: str) -> dict[str, Any]:
        d = self.d
        amounts = self._by_line(o.value for o in self.objects(iri, d("bedrag"))
                                if isinstance(o, ox.NamedNode))
        amount_set = set(amounts)
        disagreements = sorted({s for a in amounts for s in self.subjects(d("uitspraak"), a)})
        return {
            "link": self.link(iri),
            "title": self.text(iri, DCT + "title") or self.label(iri),
            "chapter": self.first_link(iri, d("hoofdstuk")),
            "ministry": self.first_link(iri, d("verantwoordelijkMinisterie")),
            "other_ministries": self.links(iri, d("betrokkenMinisterie")),
            "intention": paragraphs(self.text(iri, d("voornemen")) or ""),
            "effect": paragraphs(self.text(iri, d("gevolgVoorGemeenten")) or ""),
            "effect_types": self.links(iri, d("effecttype")),
            "stance": self.first_link(iri, d("standpunt")),
            "passages": self.texts(iri, d("standpuntPassage")),
            "demands": self.links(iri, d("eis")),
            "instruments": self.links(iri, d("instrument")),
            "laws": self.links(iri, d("wet")),
            "themes": self.links(iri, d("thema")),
            "years": sorted(self.texts(iri, d("jaar"))),
            "amounts": [self.amount(a) for a in amounts],
            "notes": self.texts(iri, RDFS + "comment"),
            "lines": self.lines(iri),
            "letter": letter_lines(self.lines(iri), _source_of(iri)),
            "passage_lines": passage_lines(self.texts(iri, d("standpuntPassage")),
                                           self.lines(iri), _source_of(iri)),
            "source": self.first_link(iri, DCT + "source"),
            "mentioned_in": sorted((self.link(s) for s in self.subjects(d("betreft"), iri)),
                                   key=lambda link: link.label),
            "disagreements": [{"link": self.link(s), "notes": self.texts(s, RDFS + "comment"),
                               "amounts": [self.link(a) for a in self._by_line(
                                   o.value for o in self.objects(s, d("uitspraak"))
                                   if isinstance(o, ox.NamedNode))],
                               "own": amount_set}
                              for s in disagreements],
        }

    def chapter(self, iri: str) -> dict[str, Any]:
        measures = self._by_line(self.subjects(self.d("hoofdstuk"), iri))
        return {"link": self.link(iri), "number": self.number(iri, self.d("nummer")),
                "ministry": self.first_link(iri, self.d("ministerie")),
                "lines": self.lines(iri), "notes": self.texts(iri, RDFS + "comment"),
                "source": self.first_link(iri, DCT + "source"),
                "measures": [self.measure_summary(m) for m in measures]}

    def chapters(self, letter: str | None = None) -> list[dict[str, Any]]:
        """The chapters (of letter *letter*, when given)."""
        found = [{"link": self.link(c), "number": self.number(c, self.d("nummer")),
                  "ministry": self.first_link(c, self.d("ministerie")),
                  "measures": len(self.subjects(self.d("hoofdstuk"), c))}
                 for c in self.in_letter(self.of_type(self.d("Hoofdstuk")), letter)]
        return sorted(found, key=lambda c: c["number"] or 0)

    def ministry(self, iri: str) -> dict[str, Any]:
        d = self.d
        abbreviations = self.texts(iri, SKOS + "altLabel")
        return {"link": self.link(iri), "tooi": iri, "abbreviations": abbreviations,
                "chapters": [self.link(c) for c in self.subjects(d("ministerie"), iri)],
                "responsible": [self.measure_summary(m) for m in self._by_line(
                    self.subjects(d("verantwoordelijkMinisterie"), iri))],
                "involved": [self.measure_summary(m) for m in self._by_line(
                    self.subjects(d("betrokkenMinisterie"), iri))]}

    def ministries(self, letter: str | None = None) -> list[dict[str, Any]]:
        """The ministries, each with its number of measures (in letter *letter*)."""
        found = [{"link": self.link(m), "abbreviations": self.texts(m, SKOS + "altLabel"),
                  "measures": len(self.in_letter(
                      self.subjects(self.d("verantwoordelijkMinisterie"), m), letter))}
                 for m in self.of_type(TOOIONT + "Ministerie")]
        return sorted(found, key=lambda m: m["link"].label)

    def instrument(self, iri: str) -> dict[str, Any]:
        d = self.d
        using = self.subjects(d("instrument"), iri)
        measures = [m for m in using if d("Maatregel") in self.types(m)]
        amounts = [a for a in using if d("Bedrag") in self.types(a)]
        return {"link": self.link(iri), "label_nl": self.text_in(iri, SKOS + "prefLabel", "nl"),
                "label_en": self.text_in(iri, SKOS + "prefLabel", "en"),
                "alt_labels": self.texts(iri, SKOS + "altLabel"),
                "definition": self.text(iri, SKOS + "definition"),
                "notation": self.text(iri, SKOS + "notation"),
                "scheme": self.first_link(iri, SKOS + "inScheme"),
                "measures": [self.measure_summary(m) for m in self._by_line(measures)],
                "amounts": [self.amount(a) for a in self._by_line(amounts)]}

    def instruments(self, letter: str | None = None) -> list[dict[str, Any]]:
        """The instruments, each with its numbers of measures and amounts (in letter
        *letter*)."""
        scheme = self.id + "instrument"
        found = [{"link": self.link(c),
                  "alt_labels": self.texts(c, SKOS + "altLabel"),
                  "measures": sum(1 for s in self.in_letter(
                      self.subjects(self.d("instrument"), c), letter)
                                  if self.d("Maatregel") in self.types(s)),
                  "amounts": sum(1 for s in self.in_letter(
                      self.subjects(self.d("instrument"), c), letter)
                                 if self.d("Bedrag") in self.types(s))}
                 for c in self.subjects(SKOS + "inScheme", scheme)]
        return sorted(found, key=lambda i: i["link"].label.lower())

    def law(self, iri: str) -> dict[str, Any]:
        return {"link": self.link(iri), "identifier": self.text(iri, DCT + "identifier"),
                "official": iri if iri.startswith(WETTEN) else None,
                "notes": self.texts(iri, RDFS + "comment"),
                "measures": [self.measure_summary(m) for m in self._by_line(
                    self.subjects(self.d("wet"), iri))]}

    def measures(self, letter: str | None = None) -> list[dict[str, Any]]:
        """The measures (of letter *letter*, when given), in the order of the letter."""
        return [self.measure_summary(m) for m in self._by_line(
            self.in_letter(self.of_type(self.d("Maatregel")), letter))]

    def resource(self, iri: str, limit: int = 500) -> dict[str, Any]:
        """Every statement about *iri* and the first *limit* that point to it."""
        node = self._node(iri)
        grouped: dict[str, list[Value]] = defaultdict(list)
        incoming: list[tuple[Link, Link]] = []
        if node is not None:
            for quad in self.store.quads_for_pattern(node, None, None):
                grouped[quad.predicate.value].append(self.value(quad.object))
            for quad in self.store.quads_for_pattern(None, None, node):
                if isinstance(quad.subject, ox.NamedNode):
                    incoming.append((self.link(quad.subject), self.link(quad.predicate)))
                if len(incoming) >= limit:
                    break
        properties = sorted(((self.link(p), list(dict.fromkeys(v))) for p, v in grouped.items()),
                            key=lambda pair: (pair[0].iri != TYPE, pair[0].label.lower()))
        incoming.sort(key=lambda pair: (pair[1].label.lower(), pair[0].label.lower()))
        return {"link": self.link(iri), "properties": properties, "incoming": incoming,
                "official": self.official(iri), "types": self.links(iri, TYPE),
                "comments": self.texts(iri, RDFS + "comment"), "limit": limit}

    # --- the vocabulary ------------------------------------------------------------------

    def term(self, iri: str) -> dict[str, Any]:
        return {"link": self.link(iri), "name": iri[len(self.defns):] or iri,
                "label_nl": self.text_in(iri, RDFS + "label", "nl"),
                "label_en": self.text_in(iri, RDFS + "label", "en"),
                "comment_nl": self.text_in(iri, RDFS + "comment", "nl"),
                "comment_en": self.text_in(iri, RDFS + "comment", "en"),
                "types": self.links(iri, TYPE), "domain": self.links(iri, RDFS + "domain"),
                "range": self.links(iri, RDFS + "range"),
                "superclasses": self.links(iri, RDFS + "subClassOf"),
                "superproperties": self.links(iri, RDFS + "subPropertyOf")}

    def vocabulary(self) -> dict[str, Any]:
        terms = sorted(iri for iri in self._types if iri.startswith(self.defns)
                       and iri != self.defns)
        sections: dict[str, list[dict[str, Any]]] = {"classes": [], "object_properties": [],
                                                     "datatype_properties": [], "other": []}
        for iri in terms:
            types = self.types(iri)
            if OWL + "Class" in types:
                sections["classes"].append(self.term(iri))
            elif OWL + "ObjectProperty" in types:
                sections["object_properties"].append(self.term(iri))
            elif OWL + "DatatypeProperty" in types:
                sections["datatype_properties"].append(self.term(iri))
            else:
                sections["other"].append(self.term(iri))
        ontology = self.defns
        return {"iri": ontology, "title": self.text(ontology, DCT + "title"),
                "title_en": self.text_in(ontology, DCT + "title", "en"),
                "description": self.text(ontology, DCT + "description"),
                "description_en": self.text_in(ontology, DCT + "description", "en"),
                "version": self.text(ontology, OWL + "versionInfo"), **sections}

    # --- RDF -------------------------------------------------------------------------------

    def _closure(self, subject: Any, seen: set[Any]) -> Iterator[ox.Triple]:
        for quad in self.store.quads_for_pattern(subject, None, None):
            yield ox.Triple(quad.subject, quad.predicate, quad.object)
            if isinstance(quad.object, ox.BlankNode) and quad.object not in seen:
                seen.add(quad.object)
                yield from self._closure(quad.object, seen)

    def describe(self, iri: str) -> list[ox.Triple]:
        """What the KB says about *iri* (with its blank nodes) and what points to it."""
        node = self._node(iri)
        if node is None:
            return []
        triples = list(self._closure(node, set()))
        triples.extend(ox.Triple(q.subject, q.predicate, q.object)
                       for q in self.store.quads_for_pattern(None, None, node))
        return list(dict.fromkeys(triples))

    def vocabulary_triples(self) -> list[ox.Triple]:
        """The whole vocabulary: every statement about a ``def`` IRI."""
        seen: set[Any] = set()
        triples: list[ox.Triple] = []
        subjects = {q.subject for q in self.store
                    if isinstance(q.subject, ox.NamedNode)
                    and q.subject.value.startswith(self.defns)}
        for subject in sorted(subjects, key=lambda s: s.value):
            triples.extend(self._closure(subject, seen))
        return list(dict.fromkeys(triples))

    def counts(self, letter: str | None = None) -> dict[str, int]:
        """Measures, amounts and chapters (of letter *letter*, when given), and the KB's
        statements."""
        return {"measures": len(self.in_letter(self.of_type(self.d("Maatregel")), letter)),
                "amounts": len(self.in_letter(self.of_type(self.d("Bedrag")), letter)),
                "chapters": len(self.in_letter(self.of_type(self.d("Hoofdstuk")), letter)),
                "statements": len(self.store)}


def _source_of(iri: str) -> Path | None:
    """The text of the letter *iri* is in (its folder's ``bron.txt`` or
    ``sources/{letter}.txt``); None (the shipped letter's) for an IRI of no letter."""
    from vngkb.core.errors import InputError
    from vngkb.kb.layout import kb_folder, letter_of_iri

    letter = letter_of_iri(iri)
    if letter is None:
        return None
    try:
        return kb_folder().source(letter)
    except InputError:
        return None


def letter_lines(lines: tuple[int, int] | None, source: Path | None = None
                 ) -> list[tuple[int, str]]:
    """The letter's own lines *lines* (first, last) of *source* (default the shipped
    letter's text), numbered; none when the range or the source cannot be read (the page
    shows the KB's facts either way)."""
    from vngkb.core.errors import InputError
    from vngkb.rdf.sourcetext import numbered_lines

    if lines is None:
        return []
    try:
        return [(n, text.rstrip()) for n, text in numbered_lines(*lines, source)]
    except InputError:
        return []


def passage_lines(passages: Iterable[str], lines: tuple[int, int] | None,
                  source: Path | None = None) -> dict[str, tuple[int, int]]:
    """Where each stance passage stands within the measure's lines (those found) of
    *source* (default the shipped letter's text)."""
    from vngkb.rdf.sourcetext import locate

    numbered = letter_lines(lines, source)
    if not numbered:
        return {}
    texts = [text for _, text in numbered]
    offset = numbered[0][0] - 1
    found = {p: locate(texts, p, 1, len(texts)) for p in passages}
    return {p: (at[0] + offset, at[1] + offset) for p, at in found.items() if at is not None}
