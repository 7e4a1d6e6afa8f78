"""Counts over the KB for curators: measures per chapter, amounts, stances, effect
types, instruments, laws, kinds of amount, year readings, and the measures missing a
field the shapes recommend (the ``sh:Warning`` property shapes on ``def:Maatregel``).
Each letter is counted on its own (what a letter states is its ``dct:source``): a KB of
two letters has two counts of measures per chapter, never their sum."""

from __future__ import annotations

from dataclasses import dataclass

from vngkb.i18n import NC_
from vngkb.query.letters import letters
from vngkb.query.store import Backend
from vngkb.rdf.terms import Term

#: Each statistic by its Dutch name (marked for the catalogue: the English screen names it
#: through :func:`vngkb.i18n.statistic_label`) and its query: counts per letter (``?brief``,
#: the ``dct:source`` of what is counted), which a binding of ``?brief`` narrows to one.
_COUNTS = {
    NC_("statistic", "maatregelen per hoofdstuk"): """
        SELECT ?brief ?key (COUNT(DISTINCT ?m) AS ?n) WHERE {
          ?m a def:Maatregel ; dct:source ?brief ; def:hoofdstuk/def:nummer ?key }
        GROUP BY ?brief ?key ORDER BY ?brief ?key""",
    NC_("statistic", "bedragen per hoofdstuk"): """
        SELECT ?brief ?key (COUNT(DISTINCT ?b) AS ?n) WHERE {
          ?m a def:Maatregel ; dct:source ?brief ; def:hoofdstuk/def:nummer ?key .
          OPTIONAL { ?m def:bedrag ?b } } GROUP BY ?brief ?key ORDER BY ?brief ?key""",
    NC_("statistic", "bedragen buiten de hoofdstukken"): """
        SELECT ?brief ?key (COUNT(DISTINCT ?b) AS ?n) WHERE {
          ?o def:bedrag ?b ; a ?class . ?b dct:source ?brief . FILTER(?class != def:Maatregel)
          BIND(STRAFTER(STR(?class), STR(def:)) AS ?key) }
        GROUP BY ?brief ?key ORDER BY ?brief ?key""",
    NC_("statistic", "maatregelen zonder bedrag"): """
        SELECT ?brief ?key (COUNT(?m) AS ?n) WHERE {
          ?m a def:Maatregel ; dct:source ?brief ; def:hoofdstuk/def:nummer ?key .
          FILTER NOT EXISTS { ?m def:bedrag ?b } } GROUP BY ?brief ?key ORDER BY ?brief ?key""",
    NC_("statistic", "standpunten"): """
        SELECT ?brief ?key (COUNT(?m) AS ?n) WHERE {
          ?m a def:Maatregel ; dct:source ?brief ; def:standpunt/skos:notation ?key }
        GROUP BY ?brief ?key ORDER BY ?brief ?key""",
    NC_("statistic", "effecttypen"): """
        SELECT ?brief ?key (COUNT(?m) AS ?n) WHERE {
          ?m a def:Maatregel ; dct:source ?brief ; def:effecttype/skos:notation ?key }
        GROUP BY ?brief ?key ORDER BY ?brief ?key""",
    NC_("statistic", "instrumenten (maatregelen)"): """
        SELECT ?brief ?key (COUNT(?m) AS ?n) WHERE {
          ?m a def:Maatregel ; dct:source ?brief ; def:instrument/skos:notation ?key }
        GROUP BY ?brief ?key ORDER BY ?brief ?key""",
    NC_("statistic", "instrumenten (bedragen)"): """
        SELECT ?brief ?key (COUNT(?b) AS ?n) WHERE {
          ?b a def:Bedrag ; dct:source ?brief ; def:instrument/skos:notation ?key }
        GROUP BY ?brief ?key ORDER BY ?brief ?key""",
    NC_("statistic", "wetten"): """
        SELECT ?brief ?key (COUNT(?m) AS ?n) WHERE {
          ?m a def:Maatregel ; dct:source ?brief ; def:wet/rdfs:label ?key }
        GROUP BY ?brief ?key ORDER BY ?brief ?key""",
    NC_("statistic", "soorten bedrag"): """
        SELECT ?brief ?key (COUNT(?b) AS ?n) WHERE {
          ?b a def:Bedrag ; dct:source ?brief ; def:soortBedrag/skos:notation ?key }
        GROUP BY ?brief ?key ORDER BY ?brief ?key""",
    NC_("statistic", "jaarbepalingen"): """
        SELECT ?brief ?key (COUNT(*) AS ?n) WHERE {
          ?b a def:Bedrag ; dct:source ?brief .
          { ?b def:eersteJaarBepaling ?r } UNION { ?b def:laatsteJaarBepaling ?r }
          ?r skos:notation ?key } GROUP BY ?brief ?key ORDER BY ?brief ?key""",
    NC_("statistic", "tegenstrijdigheden"): """
        SELECT ?brief ?key (COUNT(?u) AS ?n) WHERE {
          ?t a def:Tegenstrijdigheid ; rdfs:label ?key ; def:uitspraak ?u .
          ?u dct:source ?brief }
        GROUP BY ?brief ?key ORDER BY ?brief ?key""",
}

_MISSING_RECOMMENDED = """
SELECT ?brief ?path ?m WHERE {
  ?shape sh:targetClass def:Maatregel ; sh:property ?property .
  ?property sh:path ?path ; sh:minCount ?min ; sh:severity sh:Warning .
  ?m a def:Maatregel ; dct:source ?brief .
  FILTER NOT EXISTS { ?m ?path ?value }
} ORDER BY ?brief ?path ?m
"""


@dataclass(frozen=True)
class StatRow:
    """One counted value of one statistic, in one letter (its id)."""

    statistic: str
    key: str
    count: int
    brief: str


def kb_stats(backend: Backend, brief: str | None = None) -> list[StatRow]:
    """Every statistic as rows (statistic, key, count, letter), then the measures missing
    a recommended field (statistic ``ontbreekt: <property>``, key the measure, count 1):
    letter by letter, oldest first, each letter's counts its own (a chapter's total is
    one letter's); only the letter whose IRI is *brief* when given (bound as an IRI)."""
    bound = {} if brief is None else {"brief": Term("iri", brief)}
    every = letters(backend)
    ids = {letter.iri: letter.id for letter in every}
    order = {letter.iri: n for n, letter in enumerate(every)}
    found: dict[str, list[StatRow]] = {}

    def add(iri: object, statistic: str, key: str, count: int) -> None:
        letter = str(iri)
        found.setdefault(letter, []).append(StatRow(
            statistic, key, count, ids.get(letter, letter.rstrip("/").rpartition("/")[2])))

    for statistic, query in _COUNTS.items():
        counted: dict[str, int] = {}
        for letter, key, count in backend.select(query, bound).values():
            add(letter, statistic, str(key), int(str(count)))
            counted[str(letter)] = counted.get(str(letter), 0) + int(str(count))
        if statistic.endswith("per hoofdstuk"):
            for letter, total in counted.items():
                add(letter, statistic, "totaal", total)
    for letter, path, measure in backend.select(
            "PREFIX sh: <http://www.w3.org/ns/shacl#>\n" + _MISSING_RECOMMENDED, bound).values():
        name = str(path).rsplit("/", 1)[-1]
        add(letter, NC_("statistic", "ontbreekt: ") + f"def:{name}",
            str(measure).rsplit("/", 1)[-1], 1)
    return [row for letter in sorted(found, key=lambda iri: (order.get(iri, len(order)), iri))
            for row in found[letter]]
