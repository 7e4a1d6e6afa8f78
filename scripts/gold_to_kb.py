"""Write a synthetic test letter's KB files from its hand-checked answer key.

    .venv/bin/python scripts/gold_to_kb.py tests/data/brieven/synthetische-ledenbrief-2021

reads ``gold.json`` (the chapters, measures, stances, themes, amounts and accres table
cells typed in by hand and checked line by line against ``bron.txt``; see that folder's
README) and writes ``kb/brief.ttl``, ``kb/maatregelen.ttl`` and ``kb/accres.ttl`` beside
it, in the layout of a letter's folder (docs/letters.md). Nothing is added that the answer
key does not say: a measure's chapter ministry is its chapter's, ``def:vervolgVan`` names
the shipped letter's measure whose title the key gives, a measure's intention and
consequences are the texts under its headings "Wat wil het kabinet?" and "Wat betekent
... voor gemeenten?" in ``bron.txt`` (within the key's lines of the measure), the table
cells become observations of the quantities the shipped vocabulary has
(:data:`QUANTITIES`), and what neither holds (effect types) is left out. Run again after
editing the key.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from vngkb.rdf import sourcetext

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "kb" / "ledenbrief-miljoenennota-2020"
ID = "https://w3id.org/vngkb/id/"
DCT_TITLE = "http://purl.org/dc/terms/title"
MAATREGEL = "https://w3id.org/vngkb/def/Maatregel"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

PREFIXES = """@prefix def: <https://w3id.org/vngkb/def/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix tooi: <https://identifier.overheid.nl/tooi/id/ministerie/> .
@prefix soort-bedrag: <https://w3id.org/vngkb/id/soort-bedrag/> .
@prefix jaarbepaling: <https://w3id.org/vngkb/id/jaarbepaling/> .
@prefix instrument: <https://w3id.org/vngkb/id/instrument/> .
@prefix standpunt: <https://w3id.org/vngkb/id/standpunt/> .
@prefix periode: <https://w3id.org/vngkb/id/periode/> .
@prefix ontvanger: <https://w3id.org/vngkb/id/ontvanger/> .
@prefix thema: <https://w3id.org/vngkb/id/thema/> .
"""

#: A table row of the key -> the quantity (``id/grootheid/...``) its cells measure. Rows
#: whose quantity the vocabulary has no concept for (Accres ongewijzigd beleid, Effect
#: onderuitputting, Verschil met meicirculaire, Werkelijk accres) are left out.
QUANTITIES = {"Nominaal accres": "nominaal-accres", "Accrespercentage": "accrespercentage",
              "Opschalingskorting": "opschalingskorting", "Plafond BCF": "plafond-bcf",
              "Declaraties": "declaraties-bcf", "Vrijval aan GF en PF": "vrijval-gf-pf",
              "Aandeel gemeenten": "aandeel-gemeenten"}
#: The key's circulaire (the heading of its half of the table) -> (id, Dutch label,
#: English label). They are not in the shipped scheme (no shipped letter prints them), so
#: the letter's accres file declares them.
CIRCULAIRES = {
    "meicirculaire 2020": ("meicirculaire-2020", "Meicirculaire 2020", "May 2020 circular"),
    "septembercirculaire 2020": ("septembercirculaire-2020", "Septembercirculaire 2020",
                                 "September 2020 circular"),
    "Miljoenennota 2021": ("miljoenennota-2021", "Miljoenennota 2021",
                           "2021 budget memorandum")}


def _text(value: str) -> str:
    """*value* as a Turtle string (JSON escapes are Turtle escapes for these texts)."""
    return json.dumps(value, ensure_ascii=False)


def _shipped(kind: str) -> dict[str, str]:
    """The shipped letter's measures by title, or its chapters by number."""
    store = ox.Store()
    for path in sorted(SHIPPED.glob("*.ttl")):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    if kind == "maatregel":
        query = (f"SELECT ?k ?m WHERE {{ ?m <{RDF_TYPE}> <{MAATREGEL}> ; "
                 f"<{DCT_TITLE}> ?k }}")
    else:
        query = ("SELECT ?k ?m WHERE { ?m <https://w3id.org/vngkb/def/nummer> ?k ; "
                 "a <https://w3id.org/vngkb/def/Hoofdstuk> }")
    rows = store.query(query)
    assert isinstance(rows, ox.QuerySolutions)
    found: dict[str, str] = {}
    for row in rows:
        key, iri = row["k"], row["m"]
        assert isinstance(key, ox.Literal) and isinstance(iri, ox.NamedNode)
        found[key.value] = iri.value
    return found


def letter_ttl(gold: dict[str, Any]) -> str:
    letter = gold["id"]
    bron = f"<{ID}bron/{letter}>"
    chapters = _shipped("hoofdstuk")
    lines = [f"# The synthetic letter {letter} (made up for tests; see README.md), from",
             "# gold.json by scripts/gold_to_kb.py. Line numbers refer to bron.txt.",
             PREFIXES,
             f"{bron} a def:Brondocument ;",
             f"    dct:title {_text(gold['titel'])}@nl ;",
             f'    def:begrotingsjaar "{gold["begrotingsjaar"]}"^^xsd:gYear ;',
             '    dct:format "text/plain" ;',
             '    rdfs:label "bron.txt" ;',
             f'    rdfs:comment "Synthetische brief voor tests; de VNG schreef hem niet '
             f'({gold["regels"]} regels)."@nl .', ""]
    for chapter in gold["hoofdstukken"]:
        slug = chapters[str(chapter["nummer"])].rsplit("/", 1)[1]
        lines += [f"<{ID}hoofdstuk/{letter}/{slug}> a def:Hoofdstuk ; "
                  f"def:nummer {chapter['nummer']} ;",
                  f"    rdfs:label {_text(chapter['titel'])}@nl ; "
                  f"def:ministerie tooi:{chapter['ministerie']} ;",
                  f"    def:eersteRegel {chapter['eerste_regel']} ; "
                  f"def:laatsteRegel {chapter['laatste_regel']} ;",
                  f"    dct:source {bron} .", ""]
    return "\n".join(lines)


def quote_lines(lines: list[str], quote: str, first: int, last: int) -> tuple[int, int]:
    """The narrowest range of *lines* around *first*-*last* (the key's lines of the
    amount: where its euro sign stands) that holds *quote*: a sentence runs over lines."""
    spans = sorted(((a, b) for a in range(max(1, first - 4), first + 1)
                    for b in range(last, min(len(lines), last + 4) + 1)),
                   key=lambda span: span[1] - span[0])
    for a, b in spans:
        if sourcetext.contains(sourcetext.line_range(lines, a, b), quote):
            return a, b
    raise SystemExit(f"quote not at lines {first}-{last}: {quote!r}")


def _amount(letter: str, slug: str, amount: dict[str, Any], source: list[str]) -> list[str]:
    bron = f"<{ID}bron/{letter}>"
    lines = [f"<{ID}bedrag/{letter}/{slug}> a def:Bedrag ;",
             f'    schema:value "{amount["waarde"]}"^^xsd:decimal ; schema:currency "EUR" ;',
             f"    def:soortBedrag soort-bedrag:{amount['soort']} ; "
             f"def:per periode:{amount['per']} ;"]
    for field, prop in (("eerste_jaar", "eersteJaar"), ("laatste_jaar", "laatsteJaar")):
        if amount[field] is not None:
            lines.append(f'    def:{prop} "{amount[field]}"^^xsd:gYear ; '
                         f"def:{prop}Bepaling jaarbepaling:gedrukt ;")
    if amount["structureel"] is not None:
        lines.append(f"    def:structureel {str(amount['structureel']).lower()} ;")
    for field, prefix in (("ontvanger", "ontvanger"), ("instrument", "instrument")):
        if amount[field] is not None:
            lines.append(f"    def:{field} {prefix}:{amount[field]} ;")
    notes = []
    if amount.get("tot"):
        notes.append(f"Een bereik: van {amount['waarde']} tot {amount['tot']} euro.")
    if amount.get("reeks"):
        notes.append("Een reeks: " + ", ".join(f"{step['jaar']}: {step['waarde']}"
                                               for step in amount["reeks"]) + " euro.")
    if amount.get("opmerking"):
        notes.append(amount["opmerking"])
    if notes:
        lines.append(f"    rdfs:comment {_text(' '.join(notes))}@nl ;")
    last = max([amount["regel"], amount.get("tot_regel") or 0,
                *(step["regel"] for step in amount.get("reeks") or [])])
    first, last = quote_lines(source, amount["citaat"], amount["regel"], last)
    lines += [f"    def:citaat {_text(amount['citaat'])} ;",
              f"    def:eersteRegel {first} ; def:laatsteRegel {last} ; "
              f"dct:source {bron} .", ""]
    return lines


def _sections(source: list[str], first: int, last: int) -> tuple[str, str]:
    """The texts of a measure at lines *first*-*last* of *source* under its headings "Wat
    wil het kabinet?" (the intention) and "Wat betekent ... voor gemeenten?" (the
    consequences), as the letter prints them: lines joined, hyphenation undone."""
    lines = source[first - 1:last]
    asks = [n for n, line in enumerate(lines) if line.strip().startswith("Wat wil")]
    means = [n for n, line in enumerate(lines) if line.strip().startswith("Wat betekent")]
    if len(asks) != 1 or len(means) != 1 or not asks[0] < means[0]:
        raise SystemExit(f"no one 'Wat wil' and 'Wat betekent' in lines {first}-{last}")
    return (sourcetext.joined_text(lines[asks[0] + 1:means[0]]),
            sourcetext.joined_text(lines[means[0] + 1:]))


def measures_ttl(gold: dict[str, Any], source: list[str]) -> str:
    letter = gold["id"]
    bron = f"<{ID}bron/{letter}>"
    earlier = _shipped("maatregel")
    chapters = {c["nummer"]: c for c in gold["hoofdstukken"]}
    chapter_slugs = _shipped("hoofdstuk")
    lines = [f"# The measures of the synthetic letter {letter} and their amounts, from",
             "# gold.json by scripts/gold_to_kb.py. Line numbers refer to bron.txt.",
             PREFIXES]
    for measure in gold["maatregelen"]:
        iri = f"<{ID}maatregel/{letter}/{measure['slug']}>"
        chapter = chapters[measure["hoofdstuk"]]
        chapter_slug = chapter_slugs[str(measure["hoofdstuk"])].rsplit("/", 1)[1]
        amounts = [f"{measure['slug']}-{n}" for n in range(1, len(measure["bedragen"]) + 1)]
        passages = [measure["standpunt_passage"]] + ([measure["standpunt_passage_2"]]
                                                    if measure.get("standpunt_passage_2")
                                                    else [])
        lines += [f"{iri} a def:Maatregel ;",
                  f"    dct:title {_text(measure['titel'])}@nl ;",
                  f"    def:hoofdstuk <{ID}hoofdstuk/{letter}/{chapter_slug}> ;",
                  f"    def:verantwoordelijkMinisterie tooi:{chapter['ministerie']} ;",
                  f"    def:standpunt standpunt:{measure['standpunt']} ;",
                  "    def:standpuntPassage "
                  + ", ".join(f"{_text(p)}@nl" for p in passages) + " ;"]
        intention, consequences = _sections(source, measure["eerste_regel"],
                                            measure["laatste_regel"])
        lines += [f"    def:voornemen {_text(intention)}@nl ;",
                  f"    def:gevolgVoorGemeenten {_text(consequences)}@nl ;"]
        if measure["vervolg_van_2020"] is not None:
            lines.append(f"    def:vervolgVan <{earlier[measure['vervolg_van_2020']]}> ;")
        if measure.get("themas"):
            lines.append("    def:thema " + ", ".join(f"thema:{t}" for t in measure["themas"])
                         + " ;")
        if amounts:
            lines.append("    def:bedrag " + ", ".join(f"<{ID}bedrag/{letter}/{a}>"
                                                      for a in amounts) + " ;")
        lines += [f"    def:eersteRegel {measure['eerste_regel']} ; "
                  f"def:laatsteRegel {measure['laatste_regel']} ;",
                  f"    dct:source {bron} .", ""]
        for slug, amount in zip(amounts, measure["bedragen"], strict=True):
            lines += _amount(letter, slug, amount, source)
    return "\n".join(lines)


def _table_heading(source: list[str], table: int) -> tuple[int, str]:
    """The line and text of the heading of Tabel *table* in *source*."""
    for number, line in enumerate(source, 1):
        if line.startswith(f"Tabel {table}. "):
            return number, " ".join(line.split())
    raise SystemExit(f"no heading of Tabel {table}")


def accres_ttl(gold: dict[str, Any], source: list[str]) -> str:
    letter = gold["id"]
    bron = f"<{ID}bron/{letter}>"
    cells = [c for c in gold["accres_cellen"] if c["rij"] in QUANTITIES]
    lines = [f"# The accres tables of the synthetic letter {letter} (Tabel 1 and Tabel 3), from",
             "# gold.json by scripts/gold_to_kb.py: the cells of the rows whose quantity the",
             "# vocabulary has, as in the shipped letter's accres.ttl. Line numbers refer to",
             "# bron.txt.",
             PREFIXES.rstrip("\n"),
             "@prefix qb: <http://purl.org/linked-data/cube#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .",
             "@prefix unit: <http://qudt.org/vocab/unit/> .",
             "@prefix circulaire: <https://w3id.org/vngkb/id/circulaire/> .",
             "@prefix grootheid: <https://w3id.org/vngkb/id/grootheid/> .", ""]
    scheme = f"<{ID}circulaire>"
    for key, (slug, dutch, english) in CIRCULAIRES.items():
        if any(c["circulaire"] == key for c in cells):
            lines += [f"circulaire:{slug} a skos:Concept ; skos:inScheme {scheme} ;",
                      f"    skos:topConceptOf {scheme} ; skos:notation {_text(slug)} ;",
                      f"    skos:prefLabel {_text(dutch)}@nl, {_text(english)}@en ;",
                      f"    rdfs:label {_text(dutch)}@nl, {_text(english)}@en .", ""]
    for table in sorted({c["tabel"] for c in cells}):
        rows = [c["regel"] for c in gold["accres_cellen"] if c["tabel"] == table]
        first, heading = _table_heading(source, table)
        lines += [f"<{ID}dataset/{letter}/accres-tabel-{table}> a qb:DataSet ;",
                  f"    qb:structure <{ID}datastructuur/accres> ;",
                  f"    rdfs:label {_text(heading)}@nl ; def:citaat {_text(heading)} ;",
                  f"    def:eersteRegel {first} ; def:laatsteRegel {max(rows)} ; "
                  f"dct:source {bron} .", ""]
    for cell in cells:
        circulaire = CIRCULAIRES[cell["circulaire"]][0]
        quantity = QUANTITIES[cell["rij"]]
        percent = cell["gedrukt"].endswith("%")
        value = cell["waarde"] if percent else f"{int(cell['waarde']) * 1000}"
        unit, decimals, scale = ("PERCENT", 2, 1) if percent else ("CCY_EUR", -3, 1000)
        lines += [f"<{ID}accres/{letter}/{circulaire}/{quantity}/{cell['kolom']}> a "
                  "qb:Observation, def:Accreswaarneming ;",
                  f"    qb:dataSet <{ID}dataset/{letter}/accres-tabel-{cell['tabel']}> ;",
                  f"    def:circulaire circulaire:{circulaire} ; "
                  f"def:grootheid grootheid:{quantity} ;",
                  f'    def:begrotingsjaar "{cell["kolom"]}"^^xsd:gYear ;',
                  f'    def:waarde "{value}"^^xsd:decimal ; '
                  f"sdmx-attribute:unitMeasure unit:{unit} ; "
                  f"def:decimalen {decimals} ; def:schaal {scale} ;",
                  f"    def:rij {_text(cell['rij'])} ;",
                  f"    def:citaat {_text(cell['gedrukt'])} ; def:eersteRegel {cell['regel']} ; "
                  f"def:laatsteRegel {cell['regel']} ;",
                  f"    dct:source {bron} .", ""]
    return "\n".join(lines)


def main(folder: Path) -> None:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    out = folder / "kb"
    out.mkdir(exist_ok=True)
    (out / "brief.ttl").write_text(letter_ttl(gold), encoding="utf-8")
    source = sourcetext.read_lines(folder / "bron.txt")
    (out / "maatregelen.ttl").write_text(measures_ttl(gold, source), encoding="utf-8")
    (out / "accres.ttl").write_text(accres_ttl(gold, source), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
