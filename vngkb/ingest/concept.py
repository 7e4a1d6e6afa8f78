"""The draft KB of one letter as RDF, in the curated KB's model.

Every drafted resource carries ``prov:wasGeneratedBy`` the letter's ingest activity, a
``def:regel`` text per drafted value ("soortBedrag: soort beschikbaar: 'uitgetrokken'")
naming the rule or cue that produced it, and ``def:zekerheid`` (0-1), by which ``vngkb
review`` orders what it shows. Confirmed statements are not drafted again (see
:mod:`vngkb.ingest.opslag`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from vngkb.core.version import __version__
from vngkb.ingest import duiding
from vngkb.ingest.bedragen import Bedrag, read_amounts
from vngkb.ingest.bijlagen import Afkorting, Motie, Tabelcel
from vngkb.ingest.passage import Passage, Zin
from vngkb.ingest.structuur import Maatregel, Structuur
from vngkb.ingest.tabellen import read_tables
from vngkb.ingest.woordenschat import Woordenschat
from vngkb.rdf.namespaces import BASE, TOOI_MINISTERIE
from vngkb.rdf.sourcetext import joined_text

DEF = Namespace(BASE + "/def/")
SCHEMA = Namespace("https://schema.org/")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
UNIT = Namespace("http://qudt.org/vocab/unit/")
ID = BASE + "/id/"
PREFIXES = {"def": str(DEF), "dct": str(DCTERMS), "prov": str(PROV), "schema": str(SCHEMA),
            "skos": str(SKOS), "xsd": str(XSD), "rdfs": str(RDFS), "qb": str(QB),
            "tooi": TOOI_MINISTERIE, "bwb": "https://wetten.overheid.nl/",
            "soort-bedrag": ID + "soort-bedrag/", "periode": ID + "periode/",
            "jaarbepaling": ID + "jaarbepaling/", "instrument": ID + "instrument/",
            "ontvanger": ID + "ontvanger/", "kwalificatie": ID + "kwalificatie/",
            "standpunt": ID + "standpunt/", "effecttype": ID + "effecttype/",
            "thema": ID + "thema/", "status": ID + "status/", "wet": ID + "wet/",
            "sdmx-attribute": str(SDMX_ATTRIBUTE), "unit": str(UNIT),
            "circulaire": ID + "circulaire/", "grootheid": ID + "grootheid/"}


def slug(text: str, limit: int = 60) -> str:
    """A readable, stable slug: ASCII, lowercase, words joined by hyphens.

    >>> slug("Veiligheidsregio’s: € 4,8 miljoen (Caribisch gebied)")
    'veiligheidsregios-4-8-miljoen-caribisch-gebied'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", re.sub(r"['’]", "", ascii_text.lower())).strip("-")
    if len(words) > limit:
        words = words[:limit].rsplit("-", 1)[0]
    return words or "x"


def value_slug(value: Decimal) -> str:
    """The value as words for a slug.

    >>> value_slug(Decimal(1200000000)), value_slug(Decimal(750000)), value_slug(Decimal("17.5"))
    ('1-2-miljard', '750000-euro', '17-5-euro')
    """
    for size, word in ((Decimal(10) ** 9, "miljard"), (Decimal(10) ** 6, "miljoen")):
        if value >= size:
            return slug(f"{(value / size).normalize():f} {word}")
    return slug(f"{value.normalize():f} euro")


@dataclass
class Unieke:
    """Slugs made unique within a kind by a counter ("-2", "-3")."""

    used: Counter[str] = field(default_factory=Counter)

    def __call__(self, kind: str, base: str) -> str:
        key = f"{kind}/{base}"
        self.used[key] += 1
        return base if self.used[key] == 1 else f"{base}-{self.used[key]}"


@dataclass
class Concept:
    """The draft: one graph per file name under ``concept/``."""

    letter: str
    files: dict[str, Graph] = field(default_factory=dict)
    measures: int = 0
    amounts: int = 0
    chapters: int = 0

    def graph(self, name: str) -> Graph:
        if name not in self.files:
            g = Graph()
            for prefix, ns in PREFIXES.items():
                g.bind(prefix, ns, override=True)
            self.files[name] = g
        return self.files[name]


class Bouwer:
    """Builds the draft of one letter from its structure."""

    def __init__(self, letter: str, structure: Structuur, vocab: Woordenschat,
                 budget_year: int | None, extractor: str, source_format: str) -> None:
        self.letter = letter
        self.s = structure
        self.vocab = vocab
        self.budget_year = budget_year
        self.concept = Concept(letter)
        self.unique = Unieke()
        self.bron = URIRef(f"{ID}bron/{letter}")
        self.activity = URIRef(f"{ID}ingest/{letter}")
        self.extractor = extractor
        self.source_format = source_format
        self.g: Graph = self.concept.graph("brief.ttl")
        #: per amount IRI: (value, years, section kind, measure IRI)
        self.amount_index: list[tuple[URIRef, Bedrag, str, URIRef]] = []
        self.measure_iris: list[URIRef] = []

    # --- helpers -----------------------------------------------------------------------

    def iri(self, kind: str, name: str, *, shared: bool = False) -> URIRef:
        unique = self.unique(kind, slug(name))
        return URIRef(f"{ID}{kind}/{unique}" if shared else f"{ID}{kind}/{self.letter}/{unique}")

    def drafted(self, g: Graph, subject: URIRef, rules: Iterable[str], certainty: float) -> None:
        g.add((subject, PROV.wasGeneratedBy, self.activity))
        for rule in rules:
            g.add((subject, DEF.regel, Literal(rule)))
        g.add((subject, DEF.zekerheid, Literal(Decimal(str(round(certainty, 2))))))

    def lines(self, g: Graph, subject: URIRef, first: int, last: int) -> None:
        g.add((subject, DEF.eersteRegel, Literal(first)))
        g.add((subject, DEF.laatsteRegel, Literal(last)))
        g.add((subject, DCTERMS.source, self.bron))

    def passage(self, first: int, last: int) -> Passage:
        return Passage.of(self.s.lines[first - 1:last], first, frozenset(self.s.footers))

    def text(self, first: int, last: int) -> str:
        """Lines as the curated KB quotes them (sourcetext's joining, so the quote check
        reads the same text)."""
        return joined_text(self.s.lines[first - 1:last])

    # --- the letter ----------------------------------------------------------------------

    def build(self, motions: list[Motie], abbreviations: list[Afkorting],
              cells: list[Tabelcel]) -> Concept:
        g = self.g
        g.add((self.activity, RDF.type, PROV.Activity))
        g.add((self.activity, RDFS.label, Literal(f"vngkb ingest ({__version__})")))
        g.add((self.activity, PROV.used, self.bron))
        if self.extractor:
            g.add((self.activity, DEF.extractor, Literal(self.extractor)))
        g.add((self.bron, RDF.type, DEF.Brondocument))
        g.add((self.bron, RDFS.label, Literal("bron.txt")))
        g.add((self.bron, DCTERMS.format, Literal("text/plain")))
        if self.budget_year:
            g.add((self.bron, DCTERMS.title, Literal(f"Ledenbrief Miljoenennota "
                                                     f"{self.budget_year}", lang="nl")))
            g.add((self.bron, DEF.begrotingsjaar, Literal(str(self.budget_year),
                                                          datatype=XSD.gYear)))
        g.add((self.bron, RDFS.comment, Literal(
            f"Tekst van de brief; regelnummers in het concept verwijzen naar dit bestand "
            f"({len(self.s.lines)} regels). Bron: {self.source_format}"
            + (f", tekst door {self.extractor}" if self.extractor else "") + ".", lang="nl")))
        self.drafted(g, self.bron, [f"begrotingsjaar: {self.budget_rule}"], 0.8)
        chapter_iris = self.chapters()
        for m in self.s.measures:
            self.measure(m, chapter_iris)
        self.foreword()
        write_motions(self, motions)
        write_abbreviations(self, abbreviations)
        write_tables(self, cells)
        self.same_money()
        return self.concept

    budget_rule = ""

    def chapters(self) -> list[URIRef]:
        iris = []
        for c in self.s.chapters:
            iri = self.iri("hoofdstuk", c.name)
            iris.append(iri)
            g = self.g
            g.add((iri, RDF.type, DEF.Hoofdstuk))
            g.add((iri, DEF.nummer, Literal(c.number)))
            g.add((iri, RDFS.label, Literal(c.name, lang="nl")))
            g.add((iri, DEF.ministerie, URIRef(c.ministry)))
            self.lines(g, iri, c.first, c.last)
            rule = ("hoofdstuk: genummerde kop op regel "
                    f"{c.heading_lines[0]}" if not c.lost else c.rule)
            if c.lost:
                g.add((iri, RDFS.comment, Literal(c.rule, lang="nl")))
            self.drafted(g, iri, [rule, f"ministerie: uit de naam '{c.name}'"],
                         0.9 if not c.lost else 0.5)
            self.concept.chapters += 1
        return iris

    def _file_of(self, m: Maatregel) -> str:
        c = self.s.chapters[m.chapter] if m.chapter >= 0 else None
        return f"h{c.number:02d}-{slug(c.name, 40)}.ttl" if c else "zonder-hoofdstuk.ttl"

    def measure(self, m: Maatregel, chapter_iris: list[URIRef]) -> None:
        if m.chapter < 0:
            return  # a template section before any chapter: no ministry to give it
        chapter = self.s.chapters[m.chapter]
        g = self.concept.graph(self._file_of(m))
        iri = self.iri("maatregel", m.title)
        self.measure_iris.append(iri)
        g.add((iri, RDF.type, DEF.Maatregel))
        g.add((iri, DCTERMS.title, Literal(m.title, lang="nl")))
        g.add((iri, DEF.hoofdstuk, chapter_iris[m.chapter]))
        g.add((iri, DEF.verantwoordelijkMinisterie, URIRef(chapter.ministry)))
        rules = [f"titel: {m.title_rule}", "verantwoordelijkMinisterie: het ministerie van "
                 "het hoofdstuk"]
        for other in m.ministries:
            if other != chapter.ministry:
                g.add((iri, DEF.betrokkenMinisterie, URIRef(other)))
        if any(o != chapter.ministry for o in m.ministries):
            rules.append("betrokkenMinisterie: genoemd in de paragraaf")
        effect_end = m.last
        intent_last = (m.betekent - 1 if m.betekent else m.last)
        intent = self.text(m.wil + 1, intent_last)
        if intent:
            g.add((iri, DEF.voornemen, Literal(intent, lang="nl")))
        effect_text = self.text(m.betekent + 1, effect_end) if m.betekent else ""
        if effect_text:
            g.add((iri, DEF.gevolgVoorGemeenten, Literal(effect_text, lang="nl")))
        self.lines(g, iri, m.first, m.last)
        self.concept.measures += 1
        # amounts: the prose without the tables' lines, then the tables' cells
        footers = frozenset(self.s.footers)
        in_tables, table_lines = read_tables(self.s.lines[m.wil:m.last], m.wil + 1, footers,
                                             self.vocab)
        body = Passage.of(self.s.lines[m.wil:m.last], m.wil + 1, footers | table_lines)
        # (appended: followedBy and partOf are indexes into the prose's list)
        amounts = read_amounts(body, self.vocab, self.budget_year) + in_tables
        amount_iris = self.amounts(g, iri, m.title, amounts, "maatregel")
        kinds = [a.kind for a in amounts]
        # stance, effects, themes
        effect_passage = (self.passage(m.betekent + 1, m.last) if m.betekent
                          else self.passage(m.wil + 1, m.last))
        st = duiding.stance(effect_passage, self.vocab)
        g.add((iri, DEF.standpunt, URIRef(f"{ID}standpunt/{st.stance}")))
        for zin in st.passages:
            text, _, _ = effect_passage.quote(zin.start, zin.end, zin.start)
            g.add((iri, DEF.standpuntPassage, Literal(text, lang="nl")))
        rules.append(f"standpunt: {st.rule}")
        full = body.text
        for effect, rule in duiding.effects(effect_passage.text, kinds, self.vocab):
            g.add((iri, DEF.effecttype, URIRef(f"{ID}effecttype/{effect}")))
            rules.append(f"effecttype: {rule}")
        for theme, rule in duiding.themes(m.title + " " + full, chapter.ministry, self.vocab):
            g.add((iri, DEF.thema, URIRef(f"{ID}thema/{theme}")))
            rules.append(f"thema: {rule}")
        years = sorted({y for a in amounts for y in (a.first_year, a.last_year) if y})
        for year in years:
            g.add((iri, DEF.jaar, Literal(str(year), datatype=XSD.gYear)))
        instruments = sorted({a.instrument for a in amounts if a.instrument})
        for inst in instruments:
            g.add((iri, DEF.instrument, URIRef(f"{ID}instrument/{inst}")))
        for a_iri in amount_iris:
            g.add((iri, DEF.bedrag, a_iri))
        laws = duiding.laws(body, self.vocab)
        law_iris = {}
        for law in laws:
            law_iri = self.law(law)
            law_iris[id(law)] = law_iri
            g.add((iri, DEF.wet, law_iri))
            rules.append(f"wet: {law.rule}")
        for entry in duiding.entries(body, laws, self.vocab):
            self.entry(g, iri, entry, law_iris, body)
        for cond in duiding.conditions(body, self.vocab):
            self.condition(g, iri, m.title, cond, body)
        self.drafted(g, iri, rules, min(0.9, 0.5 + 0.4 * st.certainty))

    def amounts(self, g: Graph, owner: URIRef, name: str, amounts: list[Bedrag],
                section: str) -> list[URIRef]:
        iris: list[URIRef] = []
        for a in amounts:
            years = "-".join(str(y) for y in dict.fromkeys([a.first_year, a.last_year]) if y)
            iri = self.iri("bedrag", f"{slug(name, 40)}-{value_slug(a.value)}"
                           + (f"-{years}" if years else ""))
            iris.append(iri)
            g.add((iri, RDF.type, DEF.Bedrag))
            g.add((iri, SCHEMA.value, Literal(a.value, datatype=XSD.decimal)))
            g.add((iri, SCHEMA.currency, Literal("EUR")))
            g.add((iri, DEF.soortBedrag, URIRef(f"{ID}soort-bedrag/{a.kind}")))
            g.add((iri, DEF.per, URIRef(f"{ID}periode/{a.per}")))
            if a.first_year:
                g.add((iri, DEF.eersteJaar, Literal(str(a.first_year), datatype=XSD.gYear)))
                g.add((iri, DEF.eersteJaarBepaling, URIRef(f"{ID}jaarbepaling/"
                                                           f"{a.first_year_rule}")))
            if a.last_year:
                g.add((iri, DEF.laatsteJaar, Literal(str(a.last_year), datatype=XSD.gYear)))
                g.add((iri, DEF.laatsteJaarBepaling, URIRef(f"{ID}jaarbepaling/"
                                                            f"{a.last_year_rule}")))
            if a.structural is not None:
                g.add((iri, DEF.structureel, Literal(a.structural)))
            if a.qualifier:
                g.add((iri, DEF.kwalificatie, URIRef(f"{ID}kwalificatie/{a.qualifier}")))
            if a.instrument:
                g.add((iri, DEF.instrument, URIRef(f"{ID}instrument/{a.instrument}")))
            if a.recipient:
                g.add((iri, DEF.ontvanger, URIRef(f"{ID}ontvanger/{a.recipient}")))
            g.add((iri, DEF.citaat, Literal(a.quote)))
            self.lines(g, iri, a.first_line, a.last_line)
            rules = [f"waarde: '{a.printed}'"] + [f"{k}: {v}" for k, v in a.rules.items()
                                                  if k != "vorm"]
            self.drafted(g, iri, rules, a.certainty)
            self.amount_index.append((iri, a, section, owner))
            self.concept.amounts += 1
        for i, a in enumerate(amounts):
            if a.followed_by is not None and a.followed_by < len(iris):
                g.add((iris[i], DEF.opgevolgdDoor, iris[a.followed_by]))
                g.add((iris[i], DEF.regel, Literal("opgevolgdDoor: 'oplopend' tussen de "
                                                   "twee bedragen")))
            if a.part_of is not None and a.part_of < len(iris):
                g.add((iris[i], DEF.deelVan, iris[a.part_of]))
                g.add((iris[i], DEF.regel, Literal("deelVan: 'waarvan' of 'n x' na het "
                                                   "totaal")))
        return iris

    def law(self, law: duiding.Wetvermelding) -> URIRef:
        if law.known:
            return URIRef(law.known)
        iri = URIRef(f"{ID}wet/{slug(law.name)}")
        g = self.concept.graph("wetten.ttl")
        if (iri, RDF.type, DEF.Wet) not in g:
            g.add((iri, RDF.type, DEF.Wet))
            g.add((iri, RDFS.label, Literal(law.name, lang="nl")))
            self.drafted(g, iri, [law.rule], 0.4)
        return iri

    def entry(self, g: Graph, measure: URIRef, e: duiding.Inwerkingtreding,
              law_iris: dict[int, URIRef], body: Passage) -> None:
        iri = self.iri("inwerkingtreding", f"{e.label[:40]}-{e.date}")
        g.add((measure, DEF.inwerkingtreding, iri))
        g.add((iri, RDF.type, DEF.Inwerkingtreding))
        g.add((iri, RDFS.label, Literal(e.label, lang="nl")))
        if e.law is not None and id(e.law) in law_iris:
            g.add((iri, DEF.wet, law_iris[id(e.law)]))
        g.add((iri, DEF.datum, Literal(e.date, datatype=XSD[e.datatype])))
        g.add((iri, DEF.ingangsjaar, Literal(str(e.year), datatype=XSD.gYear)))
        g.add((iri, DEF.inwerkingtredingsstatus,
               URIRef(f"{ID}inwerkingtredingsstatus/{e.status}")))
        self.quote(g, iri, e.zin, body)
        self.drafted(g, iri, [e.rule], 0.4)

    def condition(self, g: Graph, measure: URIRef, title: str, c: duiding.Voorwaarde,
                  body: Passage) -> None:
        iri = self.iri("voorwaarde", f"{slug(title, 40)}-{c.kind}")
        g.add((measure, DEF.voorwaarde, iri))
        g.add((iri, RDF.type, DEF.Voorwaarde))
        g.add((iri, DEF.soortVoorwaarde, URIRef(f"{ID}voorwaardesoort/{c.kind}")))
        if c.minimum is not None:
            g.add((iri, DEF.minimum, Literal(Decimal(str(c.minimum)))))
        if c.maximum is not None:
            g.add((iri, DEF.maximum, Literal(Decimal(str(c.maximum)))))
        if c.unit:
            g.add((iri, DEF.eenheid, Literal(c.unit)))
        self.quote(g, iri, c.zin, body)
        self.drafted(g, iri, [c.rule], 0.3)

    def quote(self, g: Graph, iri: URIRef, zin: Zin, passage: Passage) -> None:
        text, first, last = passage.quote(zin.start, zin.end, zin.start)
        g.add((iri, DEF.citaat, Literal(text)))
        self.lines(g, iri, first, last)

    def foreword(self) -> None:
        section = self.s.section("voorwoord")
        if section is None:
            return
        g = self.concept.graph("voorwoord.ttl")
        iri = URIRef(f"{ID}voorwoord/{self.letter}")
        g.add((iri, RDF.type, DEF.Voorwoord))
        g.add((iri, RDFS.label, Literal("Voorwoord", lang="nl")))
        self.lines(g, iri, section.first, section.last)
        amounts = read_amounts(self.passage(section.first + 1, section.last), self.vocab,
                               self.budget_year)
        for a_iri in self.amounts(g, iri, "voorwoord", amounts, "voorwoord"):
            g.add((iri, DEF.bedrag, a_iri))
        self.drafted(g, iri, ["voorwoord: de kop 'Voorwoord' of de tekst vóór de eerste "
                              "sectie"], 0.8)

    def same_money(self) -> None:
        """Proposed links between mentions of the same money: within a measure, a repeat
        (same value, same years) points to the first mention; in the foreword, a mention
        points to the chapter's mention of the same value whose years overlap (the
        chapter's mention counts, the foreword repeats it)."""
        by_owner: dict[URIRef, list[tuple[URIRef, Bedrag]]] = {}
        for iri, a, _, owner in self.amount_index:
            by_owner.setdefault(owner, []).append((iri, a))
        for items in by_owner.values():
            for i, (iri, a) in enumerate(items):
                for first_iri, b in items[:i]:
                    if (a.value == b.value and (a.first_year, a.last_year)
                            == (b.first_year, b.last_year) and a.kind == b.kind):
                        self._link(iri, first_iri, "zelfdeGeldAls: zelfde waarde en jaren in "
                                                   "dezelfde paragraaf")
                        break
        chapter_amounts = [(iri, a) for iri, a, section, _ in self.amount_index
                           if section == "maatregel"]
        for iri, a, section, _ in self.amount_index:
            if section != "voorwoord":
                continue
            for other_iri, b in chapter_amounts:
                if a.value == b.value and _overlap(a, b):
                    self._link(iri, other_iri, "zelfdeGeldAls: zelfde waarde en overlappende "
                                               "jaren in voorwoord en hoofdstuk")
                    break

        # Equal values with overlapping years left unlinked: proposed as different money
        # (another measure, or another kind in the same one), for the curator to check.
        linked = {(s, o) for g in self.concept.files.values() for p in
                  (DEF.zelfdeGeldAls, DEF.deelVan, DEF.opgevolgdDoor, DEF.anderGeldDan)
                  for s, o in g.subject_objects(p)}
        canonical = {s: o for s, o in linked}
        for i, (iri, a, _, _) in enumerate(self.amount_index):
            for other, b, _, _ in self.amount_index[:i]:
                if a.value != b.value or not _overlap(a, b):
                    continue
                if ((iri, other) in linked or (other, iri) in linked
                        or canonical.get(iri) == canonical.get(other, other)
                        or canonical.get(other) == canonical.get(iri, iri)):
                    continue
                g = self._graph_of(iri)
                g.add((iri, DEF.anderGeldDan, other))
                g.add((iri, DEF.regel, Literal("anderGeldDan: zelfde waarde, maar een andere "
                                               "maatregel of soort (na te kijken)")))
                linked.add((iri, other))

    def _graph_of(self, amount: URIRef) -> Graph:
        return next(g for g in self.concept.files.values() if (amount, RDF.type, DEF.Bedrag)
                    in g)

    def _link(self, repeat: URIRef, canonical: URIRef, rule: str) -> None:
        for g in self.concept.files.values():
            if (repeat, RDF.type, DEF.Bedrag) in g:
                if (repeat, DEF.zelfdeGeldAls, None) not in g:
                    g.add((repeat, DEF.zelfdeGeldAls, canonical))
                    g.add((repeat, DEF.regel, Literal(rule)))
                return


def _overlap(a: Bedrag, b: Bedrag) -> bool:
    """Whether the years of *a* and *b* overlap, as the QC check gelijk-bedrag-zonder-verband
    reads them: a missing first year is open towards the past, a missing last year open
    towards the future; two amounts without years overlap, one with and one without do not.

    >>> from decimal import Decimal
    >>> def b(first, last):
    ...     return Bedrag(Decimal(1), 0, 0, "", first_year=first, last_year=last)
    >>> _overlap(b(None, 2030), b(2022, 2022)), _overlap(b(2025, None), b(2030, 2030))
    (True, True)
    >>> _overlap(b(2021, 2022), b(2023, 2023)), _overlap(b(None, None), b(2023, 2023))
    (False, False)
    """
    if a.first_year is None and a.last_year is None:
        return b.first_year is None and b.last_year is None
    if b.first_year is None and b.last_year is None:
        return False
    a1 = a.first_year if a.first_year is not None else 0
    a2 = a.last_year if a.last_year is not None else 9999
    b1 = b.first_year if b.first_year is not None else 0
    b2 = b.last_year if b.last_year is not None else 9999
    return a1 <= b2 and b1 <= a2


# --- the parts outside the measures (read by vngkb.ingest.bijlagen) --------------------


@dataclass
class _Lookup:
    entries: list[tuple[str, list[str]]] = field(default_factory=list)

    def find(self, label: str) -> str | None:
        wanted = _norm(label)
        for iri, labels in self.entries:
            if any(_norm(x) == wanted for x in labels):
                return iri
        for iri, labels in self.entries:
            if any(wanted and (_norm(x).endswith(wanted) or (
                    wanted.endswith(_norm(x))
                    and not _CHANGE_OF.search(wanted[:-len(_norm(x))])))
                   for x in labels if len(_norm(x)) > 5):
                return iri
        return None


#: Words before a known quantity's name that make it another quantity: "Verschil
#: nominaal accres" is the change of the nominaal accres, not the accres itself.
_CHANGE_OF = re.compile(r"\b(?:verschil|groei|mutatie|bijstelling|toename|afname|stijging|"
                        r"daling|wijziging)\b")


def _norm(text: str) -> str:
    text = re.sub(r"^[a-z]\.\s*", "", text.strip().lower())
    text = re.sub(r"\s+\d+(?:,\d+)?\s*x\s*[a-z].*$", "", text)  # "0,5 x a + 0,5 x b"
    return re.sub(r"[^a-z0-9%ë]+", " ", text).strip()


def write_motions(b: Bouwer, found: list[Motie]) -> None:
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


def _new_concept(b: Bouwer, g: Graph, iri: URIRef, scheme: str, label: str) -> None:
    g.add((iri, RDF.type, SKOS.Concept))
    g.add((iri, SKOS.inScheme, URIRef(f"{ID}{scheme}")))
    g.add((iri, SKOS.prefLabel, Literal(label, lang="nl")))
    b.drafted(g, iri, [f"{scheme}: nieuw concept uit de tabel"], 0.5)
