"""The flat view of every measure: one record per measure with its amounts, in the
JSON shape other tools read (``vngkb measures --format json``). Each record names the
letter the measure is in (``brief``, the letter's id), the records of a KB of several
letters come letter by letter (oldest first), and the view can be of one letter."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from vngkb.query.letters import letters
from vngkb.query.store import Backend
from vngkb.rdf.terms import Term

MEASURES_QUERY = """
SELECT ?m ?brief ?title ?chapter ?ministry ?ministryLabel ?stance ?first ?last
       (GROUP_CONCAT(DISTINCT ?instrumentLabel; separator="\\u001f") AS ?instruments)
       (GROUP_CONCAT(DISTINCT ?effectLabel; separator="\\u001f") AS ?effects)
       (GROUP_CONCAT(DISTINCT ?lawLabel; separator="\\u001f") AS ?laws)
WHERE {
  ?m a def:Maatregel ; dct:source ?brief ; dct:title ?title ; def:hoofdstuk/def:nummer ?chapter ;
     def:verantwoordelijkMinisterie ?ministry ; def:eersteRegel ?first ; def:laatsteRegel ?last .
  ?ministry rdfs:label ?ministryLabel .
  OPTIONAL { ?m def:standpunt/skos:prefLabel ?stance . FILTER(lang(?stance) = "nl") }
  OPTIONAL { ?m def:instrument/skos:prefLabel ?instrumentLabel .
             FILTER(lang(?instrumentLabel) = "nl") }
  OPTIONAL { ?m def:effecttype/skos:prefLabel ?effectLabel . FILTER(lang(?effectLabel) = "nl") }
  OPTIONAL { ?m def:wet/rdfs:label ?lawLabel }
}
GROUP BY ?m ?brief ?title ?chapter ?ministry ?ministryLabel ?stance ?first ?last
ORDER BY ?chapter ?first
"""

AMOUNTS_QUERY = """
SELECT ?m ?b ?value ?per ?firstYear ?lastYear ?structural ?instrument ?first
       (GROUP_CONCAT(DISTINCT ?recipientLabel; separator="; ") AS ?recipient)
       (GROUP_CONCAT(DISTINCT ?quote; separator="\\u001f") AS ?quotes)
WHERE {
  ?m a def:Maatregel ; dct:source ?brief ; def:bedrag ?b .
  ?b schema:value ?value ; def:per/skos:notation ?per ; def:citaat ?quote ; def:eersteRegel ?first .
  OPTIONAL { ?b def:eersteJaar ?firstYear }
  OPTIONAL { ?b def:laatsteJaar ?lastYear }
  OPTIONAL { ?b def:structureel ?structural }
  OPTIONAL { ?b def:instrument/skos:prefLabel ?instrument . FILTER(lang(?instrument) = "nl") }
  OPTIONAL { ?b def:ontvanger/skos:prefLabel ?recipientLabel .
             FILTER(lang(?recipientLabel) = "nl") }
}
GROUP BY ?m ?b ?value ?per ?firstYear ?lastYear ?structural ?instrument ?first
ORDER BY ?m ?first ?b
"""

#: Columns of ``vngkb measures --format csv``: one row per amount.
#: The names are the ones every command and question uses for the same thing
#: (docs/columns.md): ``eersteJaar`` here is ``?eersteJaar`` in the questions and
#: ``eersteJaar`` in ``vngkb show --format json``.
#: ``brief`` (the letter's id) comes last, so the columns before it keep their places.
CSV_COLUMNS = ["iri", "titel", "hoofdstuk", "ministerie", "standpunt", "bedragNr", "waarde",
               "per", "eersteJaar", "laatsteJaar", "structureel", "instrument", "ontvanger",
               "citaat", "eersteRegel", "laatsteRegel", "brief"]


def _split(value: object) -> list[str]:
    return sorted(s for s in str(value).split("\x1f") if s) if value else []


def measure_records(backend: Backend, brief: str | None = None) -> list[dict[str, Any]]:
    """One record per measure, with exactly the keys of the published JSON shape: of
    every letter, oldest letter first (each in the order of its chapters and lines), or
    of the letter whose IRI is *brief* only (bound as an IRI, never written into the
    query)."""
    bound = {} if brief is None else {"brief": Term("iri", brief)}
    order = {letter.iri: n for n, letter in enumerate(letters(backend))}
    amounts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in backend.select(AMOUNTS_QUERY, bound).records():
        value = row["value"]
        amounts[str(row["m"])].append({
            "iri": row["b"],
            "waarde": value if isinstance(value, Decimal) else Decimal(str(value)),
            "per": row["per"],
            "eersteJaar": row["firstYear"],
            "laatsteJaar": row["lastYear"],
            "structureel": row["structural"],
            "instrument": row["instrument"],
            "ontvanger": row["recipient"] or None,
            # An amount's quotes in a fixed order: the store joins them in an order of
            # its own, which changed when another letter was loaded beside.
            "citaat": " … ".join(_split(row["quotes"])),
        })
    ordered: list[tuple[int, dict[str, Any]]] = []
    for row in backend.select(MEASURES_QUERY, bound).records():
        measure_amounts = amounts.get(str(row["m"]), [])
        ordered.append((order.get(str(row["brief"]), len(order)), {
            "iri": row["m"],
            "brief": str(row["brief"]).rstrip("/").rpartition("/")[2],
            "titel": row["title"],
            "hoofdstuk": row["chapter"],
            "ministerie": {"iri": row["ministry"], "label": row["ministryLabel"]},
            "instrumenten": _split(row["instruments"]),
            "standpunt": row["stance"],
            "effecttypen": _split(row["effects"]),
            "wetten": _split(row["laws"]),
            "bedragen": [{k: v for k, v in a.items() if k != "iri"} for a in measure_amounts],
            "eersteRegel": row["first"],
            "laatsteRegel": row["last"],
        }))
    # Letter by letter; sorted() is stable, so each letter keeps its chapters and lines.
    return [record for _, record in sorted(ordered, key=lambda pair: pair[0])]


def amount_rows(records: list[dict[str, Any]]) -> list[list[Any]]:
    """Rows for the CSV view (one per amount; a measure without amounts gets one row)."""
    rows: list[list[Any]] = []
    for r in records:
        head = [r["iri"], r["titel"], r["hoofdstuk"], r["ministerie"]["label"], r["standpunt"]]
        tail = [r["eersteRegel"], r["laatsteRegel"], r["brief"]]
        if not r["bedragen"]:
            rows.append([*head, *([None] * 9), *tail])
        for n, a in enumerate(r["bedragen"], 1):
            rows.append([*head, n, a["waarde"], a["per"], a["eersteJaar"], a["laatsteJaar"],
                         a["structureel"], a["instrument"], a["ontvanger"], a["citaat"], *tail])
    return rows
