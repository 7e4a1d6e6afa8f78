"""The parts of a letter outside its measures: the adopted motions and amendments (with
their submitters and Kamerstuk numbers), the abbreviation list, and the accres tables
(every printed cell an observation with its line, in the model of ``kb/accres.ttl``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from vngkb.ingest.bedragen import read_amounts
from vngkb.ingest.passage import Passage
from vngkb.ingest.structuur import Structuur, ministry_of
from vngkb.ingest.woordenschat import Woordenschat

if TYPE_CHECKING:
    from vngkb.ingest.concept import Bouwer

_MOTION = re.compile(r"Motie\s+van\s+(?:het\s+lid|de\s+leden)\s+(?P<who>.+?)\s+over\s+"
                     r"(?P<subject>.+?)\.\s*(?P<status>Aangenomen|Verworpen|Aangehouden|"
                     r"Ingediend|Ingetrokken)?\s*[;.]?\s*$", re.IGNORECASE | re.DOTALL)
_AMENDMENT_SUBMITTER = re.compile(r"(?:heeft|hebben)\s+(?:het\s+lid\s+|de\s+leden\s+|de\s+fractie"
                                  r"\s+van\s+)?(?P<who>[A-Z][\w-]*(?:\s+(?:en\s+)?"
                                  r"[A-Z][\w-]*)*)\s+een\s+amendement\s*\((?P<id>[^)]{1,40})\)"
                                  r"\s*(?:ingediend\s+)?(?:voor\s+)?(?P<subject>[^.]*)")
_KAMERSTUK = re.compile(r"[?&]id=(\d{4}Z\d{4,6})")
_BULLET = re.compile(r"^\s*(?:[•·▪\-–*]|\d+[.)])\s*")
_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?%?|-?\d+(?:,\d+)?%?")
_YEARS_AT_END = re.compile(r"^(?P<label>.*?)\s*(?P<years>(?:(?:19|20)\d\d\s+){2,}(?:19|20)\d\d)"
                           r"\s*$")


@dataclass
class Motie:
    title: str
    submitters: list[str]
    subject: str
    status: str
    first: int
    last: int
    kamerstuk: str | None = None
    link: str | None = None
    amendment: bool = False
    passage: Passage | None = None
    rule: str = ""


@dataclass
class Afkorting:
    notation: str
    meaning: str
    ministry: str | None
    line: int
    quote: str


@dataclass
class Tabelcel:
    table: int
    caption: str
    caption_line: int
    header: str
    row: str
    year: int
    printed: str
    value: Decimal
    unit: str  # "EUR" or "PERCENT"
    decimals: int
    scale: int
    line: int
    rule: str = ""
    last_table_line: int = 0


def _names(text: str) -> list[str]:
    text = re.sub(r"\s+c\.s\.?$", "", text.strip())
    parts = re.split(r",\s*|\s+en\s+", text)
    return [p.strip() for p in parts if p.strip()]


def motions(structure: Structuur) -> list[Motie]:
    """The motions (one per bullet "Motie van het lid/de leden X over Y. Aangenomen;")
    and amendments of the motions section, with Kamerstuk numbers from the links printed
    below them, in order."""
    section = structure.section("moties")
    if section is None:
        return []
    lines = structure.lines
    items: list[tuple[int, int]] = []
    start = None
    for n in range(section.first + 1, section.last + 1):
        text = lines[n - 1]
        if (_BULLET.match(text) and "otie" in text) or re.match(r"^\s*Motie\s+van", text):
            if start is not None:
                items.append((start, _trim(structure, start, n - 1)))
            start = n
        elif start is not None and ("://" in text or re.match(r"^\s*(Daarnaast|Ook|Verder)",
                                                               text)):
            items.append((start, _trim(structure, start, n - 1)))
            start = None
    if start is not None:
        items.append((start, _trim(structure, start, section.last)))
    links = [(n, line) for n in range(section.first, section.last + 1)
             if "://" in (line := lines[n - 1])]
    result: list[Motie] = []
    for first, last in items:
        passage = Passage.of(lines[first - 1:last], first, frozenset(structure.footers))
        text = _BULLET.sub("", passage.text)
        m = _MOTION.search(text)
        if not m:
            continue
        status = (m.group("status") or "").lower()
        shift = len(passage.text) - len(text)  # the bullet taken off the front
        # the subject as a quote: cut where a page footer lies inside it
        subject = passage.quote(shift + m.start("subject"), shift + m.end("subject"),
                                shift + m.start("subject"))[0]
        result.append(Motie(title=re.sub(r"\.\s*(Aangenomen|Verworpen).*$", "", text).strip(),
                            submitters=_names(m.group("who")), subject=subject,
                            status="aangenomen" if status == "aangenomen" else "ingediend",
                            first=first, last=last, passage=passage,
                            rule="motie: 'Motie van ... over ...'"))
    motion_links = links  # printed below the motions, one per motion, in their order
    if len(motion_links) == len(result):
        for motion, (n, line) in zip(result, motion_links, strict=True):
            found = _KAMERSTUK.search(line)
            motion.kamerstuk = found.group(1) if found else None
            motion.link = line.strip() if line.strip().startswith("http") else None
            motion.rule += f"; Kamerstuk uit de link op regel {n} (in volgorde)"
    body = Passage.of(lines[section.first - 1:section.last], section.first,
                      frozenset(structure.footers))
    for zin in body.sentences():
        a = _AMENDMENT_SUBMITTER.search(zin.text)
        if a:
            result.append(Motie(title=f"Amendement van {a.group('who')} ({a.group('id')})",
                                submitters=_names(a.group("who")),
                                subject=a.group("subject").strip() or zin.text,
                                status="ingediend", first=zin.first, last=zin.last,
                                kamerstuk=a.group("id").strip(), amendment=True,
                                passage=Passage.of(lines[zin.first - 1:zin.last], zin.first,
                                                   frozenset(structure.footers)),
                                rule="amendement: '... heeft een amendement (nummer)'"))
    return result


def _trim(structure: Structuur, first: int, last: int) -> int:
    while last > first and (not structure.lines[last - 1].strip()
                            or last in structure.footers):
        last -= 1
    return last


def abbreviations(structure: Structuur, vocab: Woordenschat) -> list[Afkorting]:
    section = structure.section("afkortingen")
    if section is None:
        return []
    found: list[Afkorting] = []
    for n in range(section.first + 1, section.last + 1):
        text = structure.lines[n - 1]
        m = re.match(r"^\s*(\S{1,12})(?:\s*\t\s*|\s{2,}|\s+[-–:]\s+)(\S.*?)\s*$", text)
        if not m:
            continue
        meaning = m.group(2)
        found.append(Afkorting(m.group(1), meaning, ministry_of(meaning, vocab), n,
                               re.sub(r"\s+", " ", text).strip()))
    return found


def tables(structure: Structuur) -> list[Tabelcel]:
    """Every printed cell of the tables ("Tabel N. caption") in the accres analysis: a
    header line that ends in years, then rows of a label and one number per year."""
    section = structure.section("accres")
    if section is None:
        return []
    lines = structure.lines
    cells: list[Tabelcel] = []
    table, caption, caption_line, scale, header = 0, "", 0, 1000, ""
    years: list[int] = []
    scale_rule = ""
    for n in range(section.first, section.last + 1):
        text = re.sub(r"\s+", " ", lines[n - 1].replace("\u00a0", " ")).strip()
        cap = re.match(r"^Tabel\s+(\d+)[.:]?\s*(.*)$", text)
        if cap:
            table, caption, caption_line = int(cap.group(1)), text, n
            years, header = [], ""
            if re.search(r"duizenden", text, re.IGNORECASE):
                scale, scale_rule = 1000, "schaal 1000: 'in duizenden' in het bijschrift"
            elif re.search(r"miljoenen", text, re.IGNORECASE):
                scale, scale_rule = 1_000_000, "schaal 10^6: 'in miljoenen' in het bijschrift"
            else:
                scale, scale_rule = 1000, ("schaal 1000 aangenomen: het bijschrift noemt geen "
                                           "eenheid (na te kijken)")
            continue
        if not table or not text:
            continue
        head = _YEARS_AT_END.match(text)
        if head and len(head.group("years").split()) >= 3:
            printed = head.group("years").split()
            # "Meicirculaire 2019 2019 2020 ...": the columns are the increasing run at the
            # end; a year before it belongs to the header's label
            k = len(printed) - 1
            while k > 0 and int(printed[k - 1]) < int(printed[k]):
                k -= 1
            years = [int(y) for y in printed[k:]]
            header = (head.group("label") + " " + " ".join(printed[:k])).strip()
            continue
        if not years:
            continue
        numbers = list(_NUMBER.finditer(text))
        if len(numbers) < len(years):
            if re.match(r"^[A-Z]", text) and len(text) > 60:
                table, years = 0, []  # prose again: the table ended
            continue
        cells_of_row = numbers[-len(years):]
        label = text[:cells_of_row[0].start()].strip()
        if not label or not re.search(r"[A-Za-z]", label):
            continue
        for year, m in zip(years, cells_of_row, strict=True):
            printed = m.group(0)
            percent = printed.endswith("%")
            digits = printed.rstrip("%")
            decimals = len(digits.split(",")[1]) if "," in digits else 0
            number = Decimal(digits.replace(".", "").replace(",", "."))
            if percent:
                value, unit, precision, factor = number, "PERCENT", decimals, 1
            else:
                value = number * scale
                unit, factor = "EUR", scale
                precision = decimals - len(str(scale)) + 1
            cells.append(Tabelcel(table, caption, caption_line, header, label, year, printed,
                                  value, unit, precision, factor, n,
                                  "cel: kolom " + str(year) + " van de kop '" + header + "'"
                                  + ("" if percent else "; " + scale_rule)))
    return cells


@dataclass
class _Lookup:
    entries: list[tuple[str, list[str]]] = field(default_factory=list)

    def find(self, label: str) -> str | None:
        wanted = _norm(label)
        for iri, labels in self.entries:
            if any(_norm(x) == wanted for x in labels):
                return iri
        for iri, labels in self.entries:
            if any(wanted and (_norm(x).endswith(wanted) or wanted.endswith(_norm(x)))
                   for x in labels if len(_norm(x)) > 5):
                return iri
        return None


def _norm(text: str) -> str:
    text = re.sub(r"^[a-z]\.\s*", "", text.strip().lower())
    text = re.sub(r"\s+\d+(?:,\d+)?\s*x\s*[a-z].*$", "", text)  # "0,5 x a + 0,5 x b"
    return re.sub(r"[^a-z0-9%ë]+", " ", text).strip()


def write_motions(b: Bouwer, found: list[Motie]) -> None:
    from vngkb.ingest.concept import DEF, ID

    g = b.concept.graph("moties.ttl")
    for m in found:
        kind = "amendement" if m.amendment else "motie"
        iri = (URIRef(f"{ID}{kind}/{m.kamerstuk.lower().replace(' ', '-')}") if m.kamerstuk
               and not m.amendment else b.iri(kind, m.kamerstuk or m.subject))
        g.add((iri, RDF.type, DEF.Amendement if m.amendment else DEF.Motie))
        if m.amendment:
            g.add((iri, RDFS.label, Literal(m.title, lang="nl")))
        else:
            g.add((iri, DCTERMS.title, Literal(m.title, lang="nl")))
        if m.kamerstuk:
            g.add((iri, DCTERMS.identifier, Literal(m.kamerstuk)))
        for who in m.submitters:
            g.add((iri, DEF.indiener, Literal(who)))
        g.add((iri, DEF.onderwerp, Literal(m.subject, lang="nl")))
        g.add((iri, DEF.status, URIRef(f"{ID}status/{m.status}")))
        if m.link:
            g.add((iri, RDFS.seeAlso, URIRef(m.link)))
        b.lines(g, iri, m.first, m.last)
        if m.passage is not None:
            amounts = read_amounts(m.passage, b.vocab, b.budget_year)
            if m.amendment:
                for a in amounts:
                    a.kind = "voorgesteld"
                    a.rules["soortBedrag"] = "soort voorgesteld: een ingediend amendement"
            for a_iri in b.amounts(g, iri, m.subject, amounts, kind):
                g.add((iri, DEF.bedrag, a_iri))
        b.drafted(g, iri, [m.rule, f"indiener: {', '.join(m.submitters)}"], 0.8)


def write_abbreviations(b: Bouwer, found: list[Afkorting]) -> None:
    from vngkb.ingest.concept import DEF

    g = b.concept.graph("afkortingen.ttl")
    for a in found:
        if a.ministry is None:
            continue  # the shape wants the ministry it names; others stay in the text
        iri = b.iri("afkorting", a.notation)
        g.add((iri, RDF.type, DEF.Afkorting))
        g.add((iri, SKOS.notation, Literal(a.notation)))
        g.add((iri, SKOS.definition, Literal(a.meaning, lang="nl")))
        g.add((iri, DEF.betekent, URIRef(a.ministry)))
        g.add((iri, DEF.citaat, Literal(a.quote)))
        b.lines(g, iri, a.line, a.line)
        b.drafted(g, iri, ["afkorting: regel in de lijst 'afkortingen'",
                           f"betekent: '{a.meaning}' noemt een ministerie"], 0.7)


def write_tables(b: Bouwer, cells: list[Tabelcel]) -> None:
    from vngkb.ingest.concept import DEF, ID, QB, SDMX_ATTRIBUTE, UNIT, slug

    if not cells:
        return
    g = b.concept.graph("accres.ttl")
    circulars = _Lookup(b.vocab.concepts.get("circulaire", []))
    quantities = _Lookup(b.vocab.concepts.get("grootheid", []))
    made: set[URIRef] = set()
    for table in sorted({c.table for c in cells}):
        mine = [c for c in cells if c.table == table]
        ds = URIRef(f"{ID}dataset/{b.letter}/accres-tabel-{table}")
        g.add((ds, RDF.type, QB.DataSet))
        g.add((ds, QB.structure, URIRef(f"{ID}datastructuur/accres")))
        g.add((ds, RDFS.label, Literal(mine[0].caption, lang="nl")))
        g.add((ds, DEF.citaat, Literal(mine[0].caption)))
        b.lines(g, ds, mine[0].caption_line, max(c.line for c in mine))
        b.drafted(g, ds, [f"tabel: 'Tabel {table}' in de accresanalyse"], 0.8)
        for c in mine:
            circ = circulars.find(c.header)
            circ_iri = URIRef(circ) if circ else URIRef(f"{ID}circulaire/{slug(c.header)}")
            if circ is None and circ_iri not in made:
                made.add(circ_iri)
                _new_concept(b, g, circ_iri, "circulaire", c.header)
            qty = quantities.find(c.row)
            qty_iri = URIRef(qty) if qty else URIRef(f"{ID}grootheid/{slug(c.row)}")
            if qty is None and qty_iri not in made:
                made.add(qty_iri)
                _new_concept(b, g, qty_iri, "grootheid", c.row)
            obs = URIRef(f"{ID}accres/{b.letter}/{circ_iri.rsplit('/', 1)[1]}/"
                         f"{qty_iri.rsplit('/', 1)[1]}/{c.year}")
            g.add((obs, RDF.type, QB.Observation))
            g.add((obs, RDF.type, DEF.Accreswaarneming))
            g.add((obs, QB.dataSet, ds))
            g.add((obs, DEF.circulaire, circ_iri))
            g.add((obs, DEF.grootheid, qty_iri))
            g.add((obs, DEF.begrotingsjaar, Literal(str(c.year), datatype=XSD.gYear)))
            g.add((obs, DEF.waarde, Literal(c.value, datatype=XSD.decimal)))
            g.add((obs, SDMX_ATTRIBUTE.unitMeasure,
                   UNIT.CCY_EUR if c.unit == "EUR" else UNIT.PERCENT))
            g.add((obs, DEF.decimalen, Literal(c.decimals)))
            g.add((obs, DEF.schaal, Literal(c.scale)))
            g.add((obs, DEF.rij, Literal(c.row)))
            g.add((obs, DEF.citaat, Literal(c.printed)))
            b.lines(g, obs, c.line, c.line)
            b.drafted(g, obs, [c.rule, "grootheid: " + ("rij '" + c.row + "' = bekend concept"
                                                       if qty else "nieuw concept")],
                      0.9 if qty and circ else 0.6)


def _new_concept(b: Bouwer, g: object, iri: URIRef, scheme: str, label: str) -> None:
    from rdflib import Graph

    from vngkb.ingest.concept import ID

    assert isinstance(g, Graph)
    g.add((iri, RDF.type, SKOS.Concept))
    g.add((iri, SKOS.inScheme, URIRef(f"{ID}{scheme}")))
    g.add((iri, SKOS.prefLabel, Literal(label, lang="nl")))
    b.drafted(g, iri, [f"{scheme}: nieuw concept uit de tabel"], 0.5)
