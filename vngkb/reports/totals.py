"""Totals per year that a finance officer can reconcile by hand.

Which amount counts in which year, and why, is decided once, by the one rule of
:mod:`vngkb.finance.telling`, and published as ``def:Telling`` triples in the computed
graph; this module only reads them (from the embedded store or a remote endpoint that
holds the published KB) and lays them out per year: the amounts counted, and every
mention left out with its reason and, where its money counts through another amount,
that amount.

>>> kort("https://w3id.org/vngkb/id/bedrag/politie-structureel")
'bedrag/politie-structureel'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from vngkb.core.errors import ParameterError
from vngkb.i18n import LANGS, N_, NC_, _, catalogue
from vngkb.query.store import Backend
from vngkb.rdf.terms import Term

SOORT = "https://w3id.org/vngkb/id/soort-bedrag/"
PERIODE = "https://w3id.org/vngkb/id/periode/"
BEDRAG = "https://w3id.org/vngkb/id/bedrag/"
TELREGEL = "https://w3id.org/vngkb/id/telregel/"
ONTVANGER = "https://w3id.org/vngkb/id/ontvanger/"

#: Dutch column headers of ``vngkb totals``.
KOLOMMEN = ["jaar", "regel", "bedrag", "waarde", "toelichting"]

# Messages in one place (Dutch; the reasons are data a curator reads next to the letter;
# their English is in the catalogue, for people's tables: :func:`toelichting_en`).
REDEN_SOORT = N_("niet beschikbaar gesteld (soort: {soort})")
REDEN_ZELFDE = N_("zelfde geld als {ander}")
REDEN_AFWIJKEND = N_("afwijkende vermelding van {ander} (zie tegenstrijdigheden)")
REDEN_VIA = N_("{reden}; telt via {drager}")
REDEN_DEEL = N_("deel van {geheel}, dat in dit jaar al meetelt")
REDEN_PER = N_("geen jaarbedrag (per: {per})")
REDEN_EENMALIG_JAREN = N_("eenmalig over meer jaren: niet aan één jaar toe te rekenen")
REDEN_GEEN_EERSTE = N_("geen eerste jaar in de tekst")
REDEN_GEEN_JAAR = N_("geen jaar in de tekst")
TOELICHTING_TOTAAL = N_("waarvan € {open} doorgeteld (open einde, tot en met {tot})")
TOELICHTING_OPEN = N_("doorgeteld: de tekst noemt geen laatste jaar (vanaf {eerste})")
TOELICHTING_AFGELEID = N_("jaar afgeleid met een leesregel")
TOELICHTING_LAATSTE = N_("de tekst noemt alleen het laatste jaar")
TOELICHTING_SAMENVATTING = N_("telt zelf: {ander} geeft voor dit jaar geen jaarbedrag")
FOUT_JAAR = N_("--year {waarde!r}: geen jaartal (vier cijfers 0-9)")
FOUT_JAAR_BUITEN = N_("--year {jaar}: geen jaar van de tabellen of de bedragen "
                      "({eerste}-{laatste})")
FOUT_GEEN_BRIEF = N_("de KB bevat geen brief met tellingen")


_PREFIXES = """PREFIX def: <https://w3id.org/vngkb/def/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX qb: <http://purl.org/linked-data/cube#>
"""

#: The newest letter (by its budget year) that has tellingen.
_LETTER = """
SELECT ?brief WHERE {
  ?brief a def:Brondocument .
  OPTIONAL { ?brief def:begrotingsjaar ?jaar }
  FILTER EXISTS { ?telling a def:Telling ; dct:source ?brief }
}
ORDER BY DESC(?jaar) ?brief
LIMIT 1
"""

_TELLINGEN = """
SELECT ?bedrag ?jaar ?telt ?regel ?via ?waarde ?soort ?per ?eerste ?structureel ?zelfde
       ?afwijkend ?eersteRegel
WHERE {
  ?telling a def:Telling ; dct:source ?brief ; def:betreftBedrag ?bedrag ; def:telt ?telt ;
           def:telregel ?regel .
  ?bedrag schema:value ?waarde ; def:eersteRegel ?eersteRegel .
  OPTIONAL { ?telling def:jaar ?j BIND(xsd:integer(STR(?j)) AS ?jaar) }
  OPTIONAL { ?telling def:geteldVia ?via }
  OPTIONAL { ?bedrag def:soortBedrag ?soort }
  OPTIONAL { ?bedrag def:per ?per }
  OPTIONAL { ?bedrag def:eersteJaar ?e BIND(xsd:integer(STR(?e)) AS ?eerste) }
  OPTIONAL { ?bedrag def:structureel ?structureel }
  OPTIONAL { ?bedrag def:zelfdeGeldAls ?zelfde }
  OPTIONAL { ?bedrag def:afwijkendeVermeldingVan ?afwijkend }
}
ORDER BY ?eersteRegel ?bedrag ?jaar
"""

#: The amounts for a recipient or any narrower one (``skos:broader``: centrumgemeenten are
#: gemeenten).
_VOOR_ONTVANGER = """
SELECT DISTINCT ?bedrag WHERE {
  ?bedrag a def:Bedrag ; dct:source ?brief ; def:ontvanger ?o .
  ?o skos:broader* ?ontvanger .
}
"""

_TABLE_YEARS = """
SELECT (MIN(?jaar) AS ?eerste) (MAX(?jaar) AS ?laatste) WHERE {
  ?set a qb:DataSet ; dct:source ?brief .
  FILTER(STRENDS(STR(?set), "accres-tabel-1"))
  ?obs qb:dataSet ?set ; def:begrotingsjaar ?j .
  BIND(xsd:integer(STR(?j)) AS ?jaar)
}
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
    vngkb.core.errors.ParameterError: --year '２０２０': geen jaartal (vier cijfers 0-9)
    """
    if not re.fullmatch(r"[0-9]{4}", waarde):
        raise ParameterError(_(FOUT_JAAR).format(waarde=waarde))
    return int(waarde)


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
        raise ParameterError(_(FOUT_JAAR_BUITEN).format(
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


def _notation(iri: object, base: str) -> str | None:
    return None if iri is None else str(iri).removeprefix(base)


def _int(value: object) -> int | None:
    return None if value is None else int(str(value))


def toelichting(regel: str, *, soort: str | None, per: str | None, eerste: int | None,
                zelfde: str | None, afwijkend: str | None, via: str | None) -> str:
    """The Dutch explanation of a telling's rule (:mod:`vngkb.finance.telling`).

    >>> toelichting("zelfde-geld", soort="beschikbaar", per="jaar", eerste=2020,
    ...             zelfde=None, afwijkend=BEDRAG + "a", via=BEDRAG + "b")
    'afwijkende vermelding van bedrag/a (zie tegenstrijdigheden); telt via bedrag/b'
    """
    ander = zelfde or afwijkend
    if regel == "zelfde-geld":
        reden = (REDEN_ZELFDE.format(ander=kort(zelfde)) if zelfde else
                 REDEN_AFWIJKEND.format(ander=kort(str(afwijkend))))
        return reden if via in (None, ander) else REDEN_VIA.format(reden=reden,
                                                                     drager=kort(str(via)))
    texts = {
        "gedrukt": "",
        "afgeleid": TOELICHTING_AFGELEID,
        "doorgeteld": TOELICHTING_OPEN.format(eerste=eerste),
        "alleen-laatste-jaar": TOELICHTING_LAATSTE,
        "samenvatting": TOELICHTING_SAMENVATTING.format(ander=kort(str(ander))),
        "niet-beschikbaar": REDEN_SOORT.format(soort=soort or "ontbreekt"),
        "deel-van-geteld-geheel": REDEN_DEEL.format(geheel=kort(str(via))),
        "geen-jaarbedrag": REDEN_PER.format(per=per),
        "eenmalig-over-meer-jaren": REDEN_EENMALIG_JAREN,
        "geen-eerste-jaar": REDEN_GEEN_EERSTE,
        "geen-jaar": REDEN_GEEN_JAAR,
    }
    return texts[regel]


def _letter(backend: Backend, brief: str | None) -> str:
    if brief is not None:
        return brief
    found = backend.select(_PREFIXES + _LETTER).values()
    if not found:
        raise ParameterError(_(FOUT_GEEN_BRIEF))
    return str(found[0][0])


def totalen(backend: Backend, *, brief: str | None = None,
            ontvanger: str | None = None) -> Totalen:
    """Totals per year of letter *brief* (an IRI; default the newest letter) in *backend*,
    read from its tellingen; with *ontvanger* (a recipient's IRI) only the amounts for that
    recipient or a narrower one."""
    letter = _letter(backend, brief)
    bound = {"brief": Term("iri", letter)}
    allowed: set[str] | None = None
    if ontvanger is not None:
        allowed = {str(r[0]) for r in backend.select(
            _PREFIXES + _VOOR_ONTVANGER,
            {**bound, "ontvanger": Term("iri", ontvanger)}).values()}
    (eerste_tabel, laatste_tabel), = backend.select(_PREFIXES + _TABLE_YEARS, bound).values()
    years: set[int] = set()
    tabel_laatste = 0
    if eerste_tabel is not None and laatste_tabel is not None:
        tabel_laatste = int(str(laatste_tabel))
        years.update(range(int(str(eerste_tabel)), tabel_laatste + 1))
    per_year: dict[int, Jaartotaal] = {}
    in_geen_jaar: list[Post] = []
    rows = backend.select(_PREFIXES + _TELLINGEN, bound).values()
    for (bedrag, jaar, telt, regel, via, waarde, soort, per, eerste, structureel, zelfde,
         afwijkend, _regel) in rows:
        if allowed is not None and str(bedrag) not in allowed:
            continue
        rule = str(_notation(regel, TELREGEL))
        post = Post(kort(str(bedrag)), Decimal(str(waarde)), toelichting(
            rule, soort=_notation(soort, SOORT), per=_notation(per, PERIODE),
            eerste=_int(eerste), zelfde=None if zelfde is None else str(zelfde),
            afwijkend=None if afwijkend is None else str(afwijkend),
            via=None if via is None else str(via)))
        year = _int(jaar)
        if year is None:
            in_geen_jaar.append(post)
            continue
        years.add(year)
        item = per_year.setdefault(year, Jaartotaal(year))
        if str(telt).lower() not in ("true", "1"):
            item.niet_meegeteld.append(post)
            continue
        item.meegeteld.append(post)
        if rule == "doorgeteld":
            item.open_einde += post.waarde
        if structureel is not None:
            if str(structureel).lower() in ("true", "1"):
                item.structureel += post.waarde
            else:
                item.incidenteel += post.waarde
    if not tabel_laatste and years:
        # A letter without accres tables: open ends run to its last year with money, as
        # the counting rule carries them (vngkb.finance.telling), not "tot en met 0".
        tabel_laatste = max(years)
    jaren = [per_year.get(j, Jaartotaal(j)) for j in sorted(years)]
    return Totalen(jaren, in_geen_jaar, tabel_laatste)


# --- English for people (``--lang en``, table and Markdown); CSV and JSON keep the Dutch
# values above, which other tools read.

#: The headings of :data:`KOLOMMEN` where the general catalogue means something else
#: ("regel" is a line of the letter there, the kind of row here).
KOPPEN = (NC_("totals", "regel"), NC_("totals", "toelichting"))


def koppen() -> dict[str, dict[str, str]]:
    """The headings of :data:`KOPPEN` in each language (name → {language: heading})."""
    return {name: {lang: catalogue(lang).pgettext("totals", name) for lang in LANGS}
            for name in KOPPEN}


#: Kinds of row.
REGELS = (NC_("totals", "totaal"), NC_("totals", "meegeteld"), NC_("totals", "niet meegeteld"),
          NC_("totals", "in geen jaar"))

#: Each Dutch explanation above (translated with the same placeholders).
TEKSTEN = [REDEN_SOORT, REDEN_ZELFDE, REDEN_AFWIJKEND, REDEN_VIA, REDEN_DEEL, REDEN_PER,
           REDEN_EENMALIG_JAREN, REDEN_GEEN_EERSTE, REDEN_GEEN_JAAR, TOELICHTING_TOTAAL,
           TOELICHTING_OPEN, TOELICHTING_AFGELEID, TOELICHTING_LAATSTE,
           TOELICHTING_SAMENVATTING, N_("{n} bedragen")]

_PLACEHOLDER = re.compile(r"\\\{(\w+)(?:!r)?\\\}")
_PATRONEN = [(re.compile(_PLACEHOLDER.sub(r"(?P<\1>.+?)", re.escape(nl))), nl)
             for nl in TEKSTEN]

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
    english = catalogue("en")
    if tekst in REGELS:
        return english.pgettext("totals", tekst)
    labels = labels or {}
    for patroon, nl in _PATRONEN:
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
            return english.gettext(nl).format(**values)
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


_EURO = re.compile(r"€ (-?[0-9]+(?:\.[0-9]+)?)")


def rows_for_people(rows: list[list[object]], backend: Backend, lang: str
                    ) -> list[list[object]]:
    """*rows* of :meth:`Totalen.rows` as a table for people shows them: in English with
    the KB's English labels (``lang`` ``en``), and the euro amounts inside explanations in
    the language's number notation (``€ 154.000.000``, ``€ 154,000,000``).

    >>> row = [2021, "totaal", "9 bedragen", 1, "waarvan € 154000000 doorgeteld"]
    >>> rows_for_people([row], None, "nl")[0][4]  # type: ignore[arg-type]
    'waarvan € 154.000.000 doorgeteld'
    """
    if lang == "en":
        return rows_en(rows, backend)
    from vngkb.i18n import format_number

    def dutch(text: object) -> object:
        if not isinstance(text, str):
            return text
        return _EURO.sub(lambda m: "€ " + format_number(Decimal(m.group(1)), "nl"), text)

    return [[dutch(cell) if n == 4 else cell for n, cell in enumerate(row)] for row in rows]
