"""Totals per year that a finance officer can reconcile by hand.

Only money made available (``def:soortBedrag soort-bedrag:beschikbaar``) is summed,
and each euro once:

* a repeat (``def:zelfdeGeldAls``) or a diverging mention of the same money
  (``def:afwijkendeVermeldingVan``) is left out; the mention it points to counts;
* a part (``def:deelVan``) is left out in a year in which its total is itself counted
  (totals are counted, their parts only where the total is not: a total over a period
  is never a yearly figure, so its yearly parts count instead);
* only yearly figures are summed: amounts per year (``periode:jaar``) in every year from
  their first to their last year, and one-off amounts (``periode:eenmalig``) whose first
  and last year are the same. An amount per year with a first year and no last year
  (structural, "vanaf 2021", "per 2019") is open-ended: it is carried forward to the
  last year of the accres tables (Tabel 1 of ``kb/accres.ttl``, 2019-2024), or to the
  year before a later level of the same money (``def:opgevolgdDoor``) starts.

Every mention that is left out is listed with the reason, per year where its years
touch that year and otherwise once, so the figure can be checked against the letter.

>>> span = Jaarbereik(2021, 2024, open_einde=True)
>>> span.bevat(2021), span.bevat(2025)
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from vngkb.core.errors import ParameterError
from vngkb.query.store import Backend

SOORT = "https://w3id.org/vngkb/id/soort-bedrag/"
PERIODE = "https://w3id.org/vngkb/id/periode/"
BEDRAG = "https://w3id.org/vngkb/id/bedrag/"

#: Dutch column headers of ``vngkb totalen``.
KOLOMMEN = ["jaar", "regel", "bedrag", "waarde", "toelichting"]

# Messages in one place (Dutch; the reasons are data a curator reads next to the letter).
REDEN_SOORT = "niet beschikbaar gesteld (soort: {soort})"
REDEN_ZELFDE = "zelfde geld als {ander}"
REDEN_AFWIJKEND = "afwijkende vermelding van {ander} (zie tegenstrijdigheden)"
REDEN_DEEL = "deel van {geheel}, dat in dit jaar al meetelt"
REDEN_PER = "geen jaarbedrag (per: {per})"
REDEN_EENMALIG_JAREN = "eenmalig over meer jaren: niet aan één jaar toe te rekenen"
REDEN_GEEN_EERSTE = "geen eerste jaar in de tekst"
REDEN_GEEN_JAAR = "geen jaar in de tekst"
TOELICHTING_TOTAAL = "waarvan € {open} doorgeteld (open einde, tot en met {tot})"
TOELICHTING_OPEN = "doorgeteld: de tekst noemt geen laatste jaar (vanaf {eerste})"
FOUT_JAAR = "--jaar {waarde!r}: geen jaartal (vier cijfers 0-9)"
FOUT_JAAR_BUITEN = "--jaar {jaar}: geen jaar van de tabellen of de bedragen ({eerste}-{laatste})"
FOUT_JAAR_EN = "--jaar {waarde!r}: not a year (four digits 0-9)"
FOUT_JAAR_BUITEN_EN = "--jaar {jaar}: not a year of the tables or the amounts ({eerste}-{laatste})"


def _fout(nl: str, en: str) -> str:
    """The error message in the current language."""
    from vngkb.i18n import current_lang

    return en if current_lang() == "en" else nl

_AMOUNTS = """
SELECT ?bedrag ?waarde ?soort ?per ?eerste ?laatste ?structureel ?zelfde ?afwijkend
       ?eersteRegel
WHERE {
  ?bedrag a def:Bedrag ; schema:value ?waarde ; def:per ?per ; def:eersteRegel ?eersteRegel .
  OPTIONAL { ?bedrag def:soortBedrag ?soort }
  OPTIONAL { ?bedrag def:eersteJaar ?e BIND(xsd:integer(STR(?e)) AS ?eerste) }
  OPTIONAL { ?bedrag def:laatsteJaar ?l BIND(xsd:integer(STR(?l)) AS ?laatste) }
  OPTIONAL { ?bedrag def:structureel ?structureel }
  OPTIONAL { ?bedrag def:zelfdeGeldAls ?zelfde }
  OPTIONAL { ?bedrag def:afwijkendeVermeldingVan ?afwijkend }
}
ORDER BY ?eersteRegel ?bedrag
"""

_LINKS = """
SELECT ?bedrag ?relatie ?ander WHERE {
  VALUES ?relatie { def:deelVan def:opgevolgdDoor }
  ?bedrag a def:Bedrag ; ?relatie ?ander .
}
ORDER BY ?bedrag ?relatie ?ander
"""

_TABLE_YEARS = """
SELECT (MIN(?jaar) AS ?eerste) (MAX(?jaar) AS ?laatste) WHERE {
  ?obs qb:dataSet <https://w3id.org/vngkb/id/dataset/accres-tabel-1> ;
       def:begrotingsjaar ?j .
  BIND(xsd:integer(STR(?j)) AS ?jaar)
}
"""

_PREFIXES = """PREFIX def: <https://w3id.org/vngkb/def/>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX qb: <http://purl.org/linked-data/cube#>
"""


def kort(iri: str) -> str:
    """An amount's IRI as ``bedrag/<slug>``.

    >>> kort("https://w3id.org/vngkb/id/bedrag/politie-structureel")
    'bedrag/politie-structureel'
    """
    return "bedrag/" + iri.removeprefix(BEDRAG) if iri.startswith(BEDRAG) else iri


def parse_jaar(waarde: str) -> int:
    """A year as four ASCII digits (no signs, spaces or other scripts' digits).

    >>> parse_jaar("2020")
    2020
    >>> parse_jaar("２０２０")
    Traceback (most recent call last):
    ...
    vngkb.core.errors.ParameterError: --jaar '２０２０': geen jaartal (vier cijfers 0-9)
    """
    if not re.fullmatch(r"[0-9]{4}", waarde):
        raise ParameterError(_fout(FOUT_JAAR, FOUT_JAAR_EN).format(waarde=waarde))
    return int(waarde)


@dataclass(frozen=True)
class Jaarbereik:
    """The years in which an amount is counted; *open_einde* when the text gives no
    last year and the amount is carried forward."""

    eerste: int
    laatste: int
    open_einde: bool = False

    def bevat(self, jaar: int) -> bool:
        return self.eerste <= jaar <= self.laatste


@dataclass(frozen=True)
class Vermelding:
    """One amount as the totals see it."""

    iri: str
    waarde: Decimal
    soort: str | None
    per: str
    eerste: int | None
    laatste: int | None
    structureel: bool | None
    zelfde: str | None
    afwijkend: str | None
    delen_van: tuple[str, ...] = ()
    opgevolgd_door: tuple[str, ...] = ()


@dataclass(frozen=True)
class Post:
    """One line of a year: an amount counted or left out, with its reason."""

    bedrag: str
    waarde: Decimal
    toelichting: str


@dataclass
class Jaartotaal:
    """The total of one year with the amounts in it and the mentions left out."""

    jaar: int
    meegeteld: list[Post] = field(default_factory=list)
    niet_meegeteld: list[Post] = field(default_factory=list)
    open_einde: Decimal = Decimal(0)
    structureel: Decimal = Decimal(0)
    incidenteel: Decimal = Decimal(0)

    @property
    def totaal(self) -> Decimal:
        return sum((p.waarde for p in self.meegeteld), Decimal(0))

    @property
    def aantal(self) -> int:
        return len(self.meegeteld)


@dataclass
class Totalen:
    """Totals per year, and the mentions that count in no year (with the reason)."""

    jaren: list[Jaartotaal]
    in_geen_jaar: list[Post]
    tabel_laatste: int

    def jaar(self, jaar: int) -> Jaartotaal:
        for item in self.jaren:
            if item.jaar == jaar:
                return item
        raise ParameterError(_fout(FOUT_JAAR_BUITEN, FOUT_JAAR_BUITEN_EN).format(
            jaar=jaar, eerste=self.jaren[0].jaar, laatste=self.jaren[-1].jaar))

    def rows(self, jaar: int | None = None) -> list[list[object]]:
        """Rows of :data:`KOLOMMEN`: per year a total line, the amounts counted and the
        mentions left out; then (for all years) the mentions that count in no year."""
        selected = [self.jaar(jaar)] if jaar is not None else self.jaren
        out: list[list[object]] = []
        for item in selected:
            out.append([item.jaar, "totaal", f"{item.aantal} bedragen", item.totaal,
                        TOELICHTING_TOTAAL.format(open=item.open_einde,
                                                  tot=self.tabel_laatste)])
            out += [[item.jaar, "meegeteld", p.bedrag, p.waarde, p.toelichting]
                    for p in item.meegeteld]
            out += [[item.jaar, "niet meegeteld", p.bedrag, p.waarde, p.toelichting]
                    for p in item.niet_meegeteld]
        if jaar is None:
            out += [[None, "in geen jaar", p.bedrag, p.waarde, p.toelichting]
                    for p in self.in_geen_jaar]
        return out


def _notation(iri: str | None, base: str) -> str | None:
    return None if iri is None else iri.removeprefix(base)


def vermeldingen(backend: Backend) -> list[Vermelding]:
    """Every amount with what the totals need, in the order of the letter."""
    links: dict[tuple[str, str], list[str]] = {}
    for bedrag, relatie, ander in backend.select(_PREFIXES + _LINKS).values():
        links.setdefault((str(bedrag), str(relatie).rsplit("/", 1)[-1]), []).append(str(ander))
    out = []
    for (bedrag, waarde, soort, per, eerste, laatste, structureel, zelfde, afwijkend,
         _regel) in backend.select(_PREFIXES + _AMOUNTS).values():
        iri = str(bedrag)
        out.append(Vermelding(
            iri=iri, waarde=Decimal(str(waarde)),
            soort=_notation(None if soort is None else str(soort), SOORT),
            per=str(_notation(str(per), PERIODE)),
            eerste=None if eerste is None else int(str(eerste)),
            laatste=None if laatste is None else int(str(laatste)),
            structureel=None if structureel is None else bool(structureel),
            zelfde=None if zelfde is None else str(zelfde),
            afwijkend=None if afwijkend is None else str(afwijkend),
            delen_van=tuple(links.get((iri, "deelVan"), ())),
            opgevolgd_door=tuple(links.get((iri, "opgevolgdDoor"), ()))))
    return out


def _reden_altijd(v: Vermelding) -> str | None:
    """Why *v* counts in no year at all, whatever the year (None: it may count)."""
    if v.soort != "beschikbaar":
        return REDEN_SOORT.format(soort=v.soort or "ontbreekt")
    if v.zelfde is not None:
        return REDEN_ZELFDE.format(ander=kort(v.zelfde))
    if v.afwijkend is not None:
        return REDEN_AFWIJKEND.format(ander=kort(v.afwijkend))
    if v.per not in ("jaar", "eenmalig"):
        return REDEN_PER.format(per=v.per)
    if v.eerste is None:
        return REDEN_GEEN_EERSTE if v.laatste is not None else REDEN_GEEN_JAAR
    if v.per == "eenmalig" and v.laatste != v.eerste:
        return REDEN_EENMALIG_JAREN
    return None


def telbereik(v: Vermelding, index: dict[str, Vermelding], tabel_laatste: int
              ) -> Jaarbereik | None:
    """The years in which *v* counts (before parts are left out), or None."""
    if _reden_altijd(v) is not None or v.eerste is None:
        return None
    if v.laatste is not None:
        return Jaarbereik(v.eerste, v.laatste)
    later = [index[o].eerste for o in v.opgevolgd_door
             if o in index and index[o].eerste is not None]
    einde = min([tabel_laatste, *[j - 1 for j in later if j is not None]])
    return Jaarbereik(v.eerste, max(einde, v.eerste), open_einde=True)


def genoemde_jaren(v: Vermelding, tabel_laatste: int) -> range:
    """The years the text's years of *v* touch (for listing it where it was left out)."""
    if v.eerste is None and v.laatste is None:
        return range(0)
    start = v.eerste if v.eerste is not None else v.laatste
    assert start is not None
    end = v.laatste if v.laatste is not None else max(tabel_laatste, start)
    return range(start, end + 1)


def _wholes(v: Vermelding, index: dict[str, Vermelding]) -> list[Vermelding]:
    """Every total *v* is a part of, directly or through other totals."""
    seen: list[Vermelding] = []
    todo = list(v.delen_van)
    while todo:
        iri = todo.pop(0)
        if iri in index and index[iri] not in seen:
            seen.append(index[iri])
            todo += index[iri].delen_van
    return seen


def totalen(backend: Backend) -> Totalen:
    """Totals per year over the KB in *backend* (see the module's docstring)."""
    items = vermeldingen(backend)
    index = {v.iri: v for v in items}
    (eerste_tabel, laatste_tabel), = backend.select(_PREFIXES + _TABLE_YEARS).values()
    tabel_eerste, tabel_laatste = int(str(eerste_tabel)), int(str(laatste_tabel))
    spans = {v.iri: telbereik(v, index, tabel_laatste) for v in items}
    years = set(range(tabel_eerste, tabel_laatste + 1))
    for v in items:
        years.update(genoemde_jaren(v, tabel_laatste))
    per_year = {jaar: Jaartotaal(jaar) for jaar in sorted(years)}
    in_geen_jaar: list[Post] = []
    for v in items:
        span = spans[v.iri]
        bedrag = kort(v.iri)
        if span is None:
            post = Post(bedrag, v.waarde, str(_reden_altijd(v)))
            touched = genoemde_jaren(v, tabel_laatste)
            if not touched:
                in_geen_jaar.append(post)
            for jaar in touched:
                per_year[jaar].niet_meegeteld.append(post)
            continue
        for jaar in range(span.eerste, span.laatste + 1):
            counted_whole = next((w for w in _wholes(v, index)
                                  if (s := spans[w.iri]) is not None and s.bevat(jaar)), None)
            if counted_whole is not None:
                per_year[jaar].niet_meegeteld.append(Post(
                    bedrag, v.waarde, REDEN_DEEL.format(geheel=kort(counted_whole.iri))))
                continue
            carried = span.open_einde and jaar > span.eerste
            year = per_year[jaar]
            year.meegeteld.append(Post(
                bedrag, v.waarde, TOELICHTING_OPEN.format(eerste=span.eerste) if carried else ""))
            if carried:
                year.open_einde += v.waarde
            if v.structureel is True:
                year.structureel += v.waarde
            elif v.structureel is False:
                year.incidenteel += v.waarde
    return Totalen(list(per_year.values()), in_geen_jaar, tabel_laatste)


# --- English for people (``--lang en``, table and Markdown); CSV and JSON keep the Dutch
# values above, which other tools read.

#: The headings of :data:`KOLOMMEN` where the general catalogue means something else
#: ("regel" is a line of the letter there, the kind of row here).
KOPPEN: dict[str, dict[str, str]] = {
    "regel": {"nl": "regel", "en": "row"},
    "toelichting": {"nl": "toelichting", "en": "explanation"},
}

#: Kinds of row in English.
REGELS_EN = {"totaal": "total", "meegeteld": "counted", "niet meegeteld": "not counted",
             "in geen jaar": "in no year"}

#: Each Dutch explanation above with its English form (same placeholders).
TEKSTEN_EN: list[tuple[str, str]] = [
    (REDEN_SOORT, "not made available (kind: {soort})"),
    (REDEN_ZELFDE, "same money as {ander}"),
    (REDEN_AFWIJKEND, "differing mention of {ander} (see contradictions)"),
    (REDEN_DEEL, "part of {geheel}, which already counts in this year"),
    (REDEN_PER, "no yearly amount (per: {per})"),
    (REDEN_EENMALIG_JAREN, "one-off over several years: not to be assigned to one year"),
    (REDEN_GEEN_EERSTE, "no first year in the text"),
    (REDEN_GEEN_JAAR, "no year in the text"),
    (TOELICHTING_TOTAAL, "of which € {open} carried forward (open end, up to and including "
                         "{tot})"),
    (TOELICHTING_OPEN, "carried forward: the text gives no last year (from {eerste})"),
    ("{n} bedragen", "{n} amounts"),
]

_PLACEHOLDER = re.compile(r"\\\{(\w+)(?:!r)?\\\}")
_PATRONEN = [(re.compile(_PLACEHOLDER.sub(r"(?P<\1>.+?)", re.escape(nl))), en)
             for nl, en in TEKSTEN_EN]

_LABELS_EN = f"""
SELECT ?c ?label WHERE {{
  ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?label . FILTER(lang(?label) = "en")
  FILTER(STRSTARTS(STR(?c), "{SOORT}") || STRSTARTS(STR(?c), "{PERIODE}"))
}}
"""


def toelichting_en(tekst: str, labels: dict[str, str] | None = None) -> str:
    """The English of an explanation, a row kind or an amount count of :meth:`Totalen.rows`;
    *labels* give the English of a kind of amount or period (notation → label).

    >>> toelichting_en("geen jaarbedrag (per: totaal)", {"periode/totaal": "total"})
    'no yearly amount (per: total)'
    >>> toelichting_en("waarvan € 149000000 doorgeteld (open einde, tot en met 2024)")
    'of which € 149,000,000 carried forward (open end, up to and including 2024)'
    >>> toelichting_en("22 bedragen"), toelichting_en("niet meegeteld")
    ('22 amounts', 'not counted')
    """
    if tekst in REGELS_EN:
        return REGELS_EN[tekst]
    labels = labels or {}
    for patroon, en in _PATRONEN:
        found = patroon.fullmatch(tekst)
        if found:
            values = found.groupdict()
            if "soort" in values:
                values["soort"] = labels.get("soort/" + values["soort"], values["soort"])
            if "per" in values:
                values["per"] = labels.get("periode/" + values["per"], values["per"])
            if "open" in values and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", values["open"]):
                from vngkb.i18n import format_number

                values["open"] = format_number(Decimal(values["open"]), "en")
            return en.format(**values)
    return tekst


def rows_en(rows: list[list[object]], backend: Backend) -> list[list[object]]:
    """*rows* of :meth:`Totalen.rows` with their texts in English (the KB's English labels
    for kinds of amount and periods); amounts and names of amounts stay as they are."""
    labels: dict[str, str] = {}
    for concept, label in backend.select(_PREFIXES + _LABELS_EN).values():
        iri = str(concept)
        for base, short in ((SOORT, "soort/"), (PERIODE, "periode/")):
            if iri.startswith(base):
                labels[short + iri.removeprefix(base)] = str(label)
    return [[toelichting_en(c, labels) if isinstance(c, str) and n in (1, 2, 4) else c
             for n, c in enumerate(row)] for row in rows]
