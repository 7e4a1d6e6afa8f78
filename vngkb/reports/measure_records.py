"""The flat view of every measure: one record per measure with its amounts, in the
JSON shape other tools read (``vngkb measures --format json``)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from vngkb.query.store import Backend

MEASURES_QUERY = """
SELECT ?m ?title ?chapter ?ministry ?ministryLabel ?stance ?first ?last
       (GROUP_CONCAT(DISTINCT ?instrumentLabel; separator="\\u001f") AS ?instruments)
       (GROUP_CONCAT(DISTINCT ?effectLabel; separator="\\u001f") AS ?effects)
       (GROUP_CONCAT(DISTINCT ?lawLabel; separator="\\u001f") AS ?laws)
WHERE {
  ?m a def:Maatregel ; dct:title ?title ; def:hoofdstuk/def:nummer ?chapter ;
     def:verantwoordelijkMinisterie ?ministry ; def:eersteRegel ?first ; def:laatsteRegel ?last .
  ?ministry rdfs:label ?ministryLabel .
  OPTIONAL { ?m def:standpunt/skos:prefLabel ?stance . FILTER(lang(?stance) = "nl") }
  OPTIONAL { ?m def:instrument/skos:prefLabel ?instrumentLabel .
             FILTER(lang(?instrumentLabel) = "nl") }
  OPTIONAL { ?m def:effecttype/skos:prefLabel ?effectLabel . FILTER(lang(?effectLabel) = "nl") }
  OPTIONAL { ?m def:wet/rdfs:label ?lawLabel }
}
GROUP BY ?m ?title ?chapter ?ministry ?ministryLabel ?stance ?first ?last
ORDER BY ?chapter ?first
"""

AMOUNTS_QUERY = """
SELECT ?m ?b ?value ?per ?firstYear ?lastYear ?structural ?instrument ?first
       (GROUP_CONCAT(DISTINCT ?recipientLabel; separator="; ") AS ?recipient)
       (GROUP_CONCAT(DISTINCT ?quote; separator=" … ") AS ?quotes)
WHERE {
  ?m a def:Maatregel ; def:bedrag ?b .
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
CSV_COLUMNS = ["id", "title", "chapter", "ministry", "stance", "amount_no", "value_eur", "per",
               "first_year", "last_year", "structural", "instrument", "recipient", "quote",
               "first_line", "last_line"]


def _split(value: object) -> list[str]:
    return sorted(s for s in str(value).split("\x1f") if s) if value else []


def measure_records(backend: Backend) -> list[dict[str, Any]]:
    """One record per measure, with exactly the keys of the published JSON shape."""
    amounts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in backend.select(AMOUNTS_QUERY).records():
        value = row["value"]
        amounts[str(row["m"])].append({
            "id": row["b"],
            "value_eur": value if isinstance(value, Decimal) else Decimal(str(value)),
            "per": row["per"],
            "first_year": row["firstYear"],
            "last_year": row["lastYear"],
            "structural": row["structural"],
            "instrument": row["instrument"],
            "recipient": row["recipient"] or None,
            "quote": row["quotes"],
        })
    records = []
    for row in backend.select(MEASURES_QUERY).records():
        measure_amounts = amounts.get(str(row["m"]), [])
        records.append({
            "id": row["m"],
            "title": row["title"],
            "chapter": row["chapter"],
            "ministry": {"iri": row["ministry"], "label": row["ministryLabel"]},
            "instruments": _split(row["instruments"]),
            "stance": row["stance"],
            "effect_types": _split(row["effects"]),
            "laws": _split(row["laws"]),
            "amounts": [{k: v for k, v in a.items() if k != "id"} for a in measure_amounts],
            "source": {"first_line": row["first"], "last_line": row["last"]},
        })
    return records


def amount_rows(records: list[dict[str, Any]]) -> list[list[Any]]:
    """Rows for the CSV view (one per amount; a measure without amounts gets one row)."""
    rows: list[list[Any]] = []
    for r in records:
        head = [r["id"], r["title"], r["chapter"], r["ministry"]["label"], r["stance"]]
        tail = [r["source"]["first_line"], r["source"]["last_line"]]
        if not r["amounts"]:
            rows.append([*head, *([None] * 9), *tail])
        for n, a in enumerate(r["amounts"], 1):
            rows.append([*head, n, a["value_eur"], a["per"], a["first_year"], a["last_year"],
                         a["structural"], a["instrument"], a["recipient"], a["quote"], *tail])
    return rows
