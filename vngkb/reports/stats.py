"""Counts over the KB for curators: measures per chapter, amounts, stances, effect
types, instruments, laws, kinds of amount, year readings, and the measures missing a
field the shapes recommend (the ``sh:Warning`` property shapes on ``def:Maatregel``)."""

from __future__ import annotations

from dataclasses import dataclass

from vngkb.i18n import NC_
from vngkb.query.store import Backend

#: Each statistic by its Dutch name (marked for the catalogue: the English screen names it
#: through :func:`vngkb.i18n.statistic_label`) and its query.
_COUNTS = {
    NC_("statistic", "maatregelen per hoofdstuk"): """
        SELECT ?key (COUNT(DISTINCT ?m) AS ?n) WHERE {
          ?m a def:Maatregel ; def:hoofdstuk/def:nummer ?key } GROUP BY ?key ORDER BY ?key""",
    NC_("statistic", "bedragen per hoofdstuk"): """
        SELECT ?key (COUNT(DISTINCT ?b) AS ?n) WHERE {
          ?m a def:Maatregel ; def:hoofdstuk/def:nummer ?key .
          OPTIONAL { ?m def:bedrag ?b } } GROUP BY ?key ORDER BY ?key""",
    NC_("statistic", "bedragen buiten de hoofdstukken"): """
        SELECT ?key (COUNT(DISTINCT ?b) AS ?n) WHERE {
          ?o def:bedrag ?b ; a ?class . FILTER(?class != def:Maatregel)
          BIND(STRAFTER(STR(?class), STR(def:)) AS ?key) } GROUP BY ?key ORDER BY ?key""",
    NC_("statistic", "maatregelen zonder bedrag"): """
        SELECT ?key (COUNT(?m) AS ?n) WHERE {
          ?m a def:Maatregel ; def:hoofdstuk/def:nummer ?key .
          FILTER NOT EXISTS { ?m def:bedrag ?b } } GROUP BY ?key ORDER BY ?key""",
    NC_("statistic", "standpunten"): """
        SELECT ?key (COUNT(?m) AS ?n) WHERE {
          ?m a def:Maatregel ; def:standpunt/skos:notation ?key } GROUP BY ?key ORDER BY ?key""",
    NC_("statistic", "effecttypen"): """
        SELECT ?key (COUNT(?m) AS ?n) WHERE {
          ?m a def:Maatregel ; def:effecttype/skos:notation ?key } GROUP BY ?key ORDER BY ?key""",
    NC_("statistic", "instrumenten (maatregelen)"): """
        SELECT ?key (COUNT(?m) AS ?n) WHERE {
          ?m a def:Maatregel ; def:instrument/skos:notation ?key } GROUP BY ?key ORDER BY ?key""",
    NC_("statistic", "instrumenten (bedragen)"): """
        SELECT ?key (COUNT(?b) AS ?n) WHERE {
          ?b a def:Bedrag ; def:instrument/skos:notation ?key } GROUP BY ?key ORDER BY ?key""",
    NC_("statistic", "wetten"): """
        SELECT ?key (COUNT(?m) AS ?n) WHERE {
          ?m a def:Maatregel ; def:wet/rdfs:label ?key } GROUP BY ?key ORDER BY ?key""",
    NC_("statistic", "soorten bedrag"): """
        SELECT ?key (COUNT(?b) AS ?n) WHERE {
          ?b a def:Bedrag ; def:soortBedrag/skos:notation ?key } GROUP BY ?key ORDER BY ?key""",
    NC_("statistic", "jaarbepalingen"): """
        SELECT ?key (COUNT(*) AS ?n) WHERE {
          ?b a def:Bedrag .
          { ?b def:eersteJaarBepaling ?r } UNION { ?b def:laatsteJaarBepaling ?r }
          ?r skos:notation ?key } GROUP BY ?key ORDER BY ?key""",
    NC_("statistic", "tegenstrijdigheden"): """
        SELECT ?key (COUNT(?u) AS ?n) WHERE {
          ?t a def:Tegenstrijdigheid ; rdfs:label ?key ; def:uitspraak ?u }
        GROUP BY ?key ORDER BY ?key""",
}

_MISSING_RECOMMENDED = """
SELECT ?path ?m WHERE {
  ?shape sh:targetClass def:Maatregel ; sh:property ?property .
  ?property sh:path ?path ; sh:minCount ?min ; sh:severity sh:Warning .
  ?m a def:Maatregel .
  FILTER NOT EXISTS { ?m ?path ?value }
} ORDER BY ?path ?m
"""


@dataclass(frozen=True)
class StatRow:
    """One counted value of one statistic."""

    statistic: str
    key: str
    count: int


def kb_stats(backend: Backend) -> list[StatRow]:
    """Every statistic as rows (statistic, key, count), then the measures missing a
    recommended field (statistic ``ontbreekt: <property>``, key the measure, count 1)."""
    rows: list[StatRow] = []
    for statistic, query in _COUNTS.items():
        table = backend.select(query)
        for key, count in table.values():
            rows.append(StatRow(statistic, str(key), int(str(count))))
        if statistic.endswith("per hoofdstuk"):
            rows.append(StatRow(statistic, "totaal",
                                sum(r.count for r in rows if r.statistic == statistic)))
    for path, measure in backend.select(
            "PREFIX sh: <http://www.w3.org/ns/shacl#>\n" + _MISSING_RECOMMENDED).values():
        name = str(path).rsplit("/", 1)[-1]
        rows.append(StatRow(NC_("statistic", "ontbreekt: ") + f"def:{name}",
                            str(measure).rsplit("/", 1)[-1], 1))
    return rows
