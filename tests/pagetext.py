"""What a page shows people, and what must never be in it.

:func:`problems` reads an HTML page as a reader does (the text of the page and of the
attributes a browser shows: a box's ``value``, ``placeholder``, ``title``, an image's
``alt``) and names every leak of the program into it:

- a Python repr (``{'``, ``None``, ``Decimal(``, ``[]``, ``object at 0x``);
- an amount or count of five or more digits without separators, or a euro amount of
  four (``2020`` and ``regel 2158`` are years and line numbers, as the letter writes them);
- an RDF term by its prefixed name (``def:soortBedrag``) in the prose;
- an internal label (``(iri)``, ``(year)``, ``(string)``) or a heading shown twice in one
  table;
- a word of the other language in the page's interface (headings, labels, buttons,
  navigation, notes): the data (the letter's text, titles, quotes) is Dutch on both.

Code (``<pre>``, ``<code>``, ``<script>``, ``<template>``) is not read: the SPARQL text is
for people who read SPARQL.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from vngkb.core.paths import QUERIES_DIR
from vngkb.query import catalogue

#: Elements whose text is program text, not prose.
CODE = frozenset({"pre", "code", "script", "style", "template", "textarea", "svg"})
#: Elements that are the page's own interface (not data), where the language is checked.
INTERFACE = frozenset({"header", "footer", "nav", "th", "label", "button", "h2", "h3",
                       "caption", "summary", "small"})
#: Classes of paragraphs that are interface text too.
INTERFACE_CLASSES = frozenset({"kind", "count", "downloads", "lead", "note", "help"})
#: Attributes a browser shows.
SHOWN_ATTRIBUTES = ("value", "placeholder", "title", "alt", "aria-label")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                  "meta", "source", "track", "wbr"})

REPR = re.compile(r"\{'|\bNone\b|Decimal\(|\[\]|object at 0x|\bdatetime\.")
#: Five or more digits in a row not part of a code (BWBR0015703, mnre1034) or of a
#: formatted number (1.286.315), or four after a euro sign.
#: (used by the crawler to list the letter's own digit runs too)
BARE_NUMBER = re.compile(r"(?<![\w.,])\d{5,}(?![\w])|€\s?\d{4,}")
INTERNAL_LABEL = re.compile(r"\((?:iri|year|string|integer|decimal|date|literal)\)")
#: An RDF term by its prefixed name: for readers of SPARQL, who find it in the query.
RDF_TERM = re.compile(r"(?<![\w/.-])(?:def|dct|dcat|skos|schema|rdfs?|xsd|prov|qb|owl|"
                      r"soort-bedrag|eis|tooiont):[A-Za-z]\w*")

#: Words that are one language's and not the other's (``of``, ``de`` and ``per`` are in
#: both and so are not listed).
ENGLISH = frozenset({"the", "and", "with", "year", "years", "amount", "amounts", "measure",
                     "measures", "question", "questions", "answer", "search", "chapter",
                     "ministry", "which", "not", "yes", "optional", "default", "lines",
                     "line", "source", "download", "rows", "row"})
DUTCH = frozenset({"het", "een", "van", "en", "jaar", "jaren", "bedrag", "bedragen",
                   "maatregel", "maatregelen", "vraag", "vragen", "antwoord", "zoek",
                   "hoofdstuk", "ministerie", "welke", "niet", "ja", "nee", "regels",
                   "regel", "bron", "rijen", "rij", "standaard", "optioneel"})
WORD = re.compile(r"[^\W\d_]+")


class _Reader(HTMLParser):
    """Collects the shown text, the interface text and each table's headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []
        #: What is typed into a box: a repr is a leak there, 100000000 is not.
        self.typed: list[str] = []
        self.interface: list[str] = []
        self.tables: list[list[str]] = []
        #: Each table's body as rows of cell texts.
        self.bodies: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self.lang = ""
        # (tag, code?, interface?, lang): the language an element is marked in (``lang``)
        self._stack: list[tuple[str, bool, bool, str]] = []
        self._heading: list[str] | None = None

    def _in_code(self) -> bool:
        return any(code for _, code, _, _ in self._stack)

    def _in_interface(self) -> bool:
        """Interface text in the page's language (text marked as another language,
        ``<span lang="nl">`` on an English page, is data in that language)."""
        marked = next((lang for *_, lang in reversed(self._stack) if lang), self.lang)
        return marked == self.lang and any(interface for _, _, interface, _ in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang") or ""
        if not self._in_code():
            for name in SHOWN_ATTRIBUTES:
                if attributes.get(name) and not (tag == "input" and attributes.get("type")
                                                  == "hidden"):
                    (self.typed if tag == "input" and name == "value"
                     else self.shown).append(attributes[name] or "")
        if tag == "table":
            self.tables.append([])
            self.bodies.append([])
        if tag == "tr" and self.bodies:
            self.bodies[-1].append([])
        if tag == "td":
            self._cell = []
        if tag == "th":
            self._heading = []
        if tag in VOID:
            return
        classes = set((attributes.get("class") or "").split())
        self._stack.append((tag, tag in CODE,
                            tag in INTERFACE or bool(classes & INTERFACE_CLASSES),
                            attributes.get("lang") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self.bodies and self.bodies[-1]:
            self.bodies[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "th" and self._heading is not None and self.tables:
            self.tables[-1].append(" ".join("".join(self._heading).split()))
            self._heading = None
        for i in range(len(self._stack) - 1, -1, -1):  # forgive unclosed children
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_code():
            return
        self.shown.append(data)
        if self._in_interface():
            self.interface.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)


def problems(html: str, lang: str | None = None, *, printed: frozenset[str] = frozenset(),
             rdf_terms: bool = False) -> list[str]:
    """Every leak in *html* a reader would see, each as one line naming it (empty: none).
    *lang* is the page's language, by default its ``<html lang>``; *printed* are the
    long digit runs the letter itself prints (a Kamerstuk number, its typo ``20014``),
    which a quote must keep; *rdf_terms* allows prefixed names (the vocabulary's pages
    are about them)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    lang = lang or reader.lang or "nl"
    if reader.lang and reader.lang != lang:
        found_lang = [f"page says lang={reader.lang!r}, expected {lang!r}"]
    else:
        found_lang = []
    found: list[str] = found_lang
    for text in reader.typed:
        found += [f"Python repr {m.group()!r} in a box: {_around(text, m)!r}"
                  for m in REPR.finditer(text)]
    for text in reader.shown:
        found += [f"RDF term {m.group()!r} in {_around(text, m)!r}"
                  for m in RDF_TERM.finditer(text) if not rdf_terms]
        found += [f"Python repr {m.group()!r} in {_around(text, m)!r}"
                  for m in REPR.finditer(text)]
        found += [f"unformatted number {m.group()!r} in {_around(text, m)!r}"
                  for m in BARE_NUMBER.finditer(text) if m.group() not in printed]
        found += [f"internal label {m.group()!r} in {_around(text, m)!r}"
                  for m in INTERNAL_LABEL.finditer(text)]
    foreign = ENGLISH if lang == "nl" else DUTCH
    for text in reader.interface:
        found += [f"{'English' if lang == 'nl' else 'Dutch'} word {m.group()!r} on a "
                  f"{lang} page in {_around(text, m)!r}"
                  for m in WORD.finditer(text) if m.group().lower() in foreign]
    for headings in reader.tables:
        twice = sorted({h for h in headings if h and headings.count(h) > 1})
        found += [f"column {h!r} shown twice in one table" for h in twice]
    for headings, body in zip(reader.tables, reader.bodies, strict=True):
        rows = [row for row in body if row]
        if not rows or len({len(row) for row in rows}) != 1:
            continue
        columns = list(zip(*rows, strict=True))
        for i, column in enumerate(columns):
            for j in range(i):
                # Text, not figures: two columns of years may agree by the data.
                if column == columns[j] and len(rows) > 1 and any(
                        WORD.search(cell) for cell in column):
                    name = headings[i] if i < len(headings) else str(i + 1)
                    found.append(f"column {name!r} repeats column {j + 1} cell for cell")
    return found


def _around(text: str, match: re.Match[str]) -> str:
    start, end = max(0, match.start() - 30), match.end() + 30
    return " ".join(text[start:end].split())


#: One page of every type, with the status it must answer (tests/test_site.py reads
#: each, tests/test_browser.py lays each out in Chromium).
PAGES: list[tuple[str, int]] = [
    ("/", 200),
    ("/maatregelen", 200),
    ("/ministeries", 200),
    ("/instrumenten", 200),
    ("/vragen", 200),
    ("/doc/maatregel/woningbouw", 200),
    ("/doc/maatregel/jeugd", 200),
    ("/doc/hoofdstuk/binnenlandse-zaken", 200),
    ("/ministerie/mnre1034", 200),
    ("/resource?iri=https%3A%2F%2Fwetten.overheid.nl%2FBWBR0007376", 200),
    ("/doc/wet/gemoderniseerde-archiefwet", 200),
    ("/doc/instrument/decentralisatie-uitkering", 200),
    ("/doc/bedrag/woningbouw-totaal", 200),
    ("/doc/bron/ledenbrief-miljoenennota-2020", 200),
    ("/zoeken?q=jeugdzorg", 200),
    ("/zoeken?q=", 200),
    ("/vraag?tekst=hoeveel+geld+voor+jeugdzorg", 200),
    ("/vraag?tekst=welke+maatregelen+gaan+over+sport", 200),
    ("/vraag", 200),
    ("/vraag?tekst=%7B%7D", 400),
    ("/accres", 200),
    ("/doc/catalogus/vngkb", 200),
    ("/doc/dataset/vngkb/ledenbrief-miljoenennota-2020", 200),
    ("/doc/distributie/vngkb-turtle", 200),
    ("/def/", 200),
    ("/def/Maatregel", 200),
    ("/query", 200),
    ("/nergens", 404),
    ("/vragen/bestaat-niet", 404),
    ("/doc/maatregel/bestaat-niet", 404),
    ("/vragen/decentralisatie-uitkeringen-per-startjaar?jaar=twintig", 400),
] + [(f"/vragen/{name}", 200) for name in sorted(catalogue.load_catalogue(QUERIES_DIR))]
