"""Which amount counts in which year, and why: the one rule for every total of money.

Computed once here, from the amounts of the KB, and published as data (``def:Telling``
in the computed graph, see :func:`telling_quads`): ``vngkb totals``, ``bedragen-in-jaar``
and every ``totalen-*`` question read those triples instead of each applying the rule in
its own way. The rule, per letter (each letter's money is counted on its own):

* Only money made available counts (``soort-bedrag:beschikbaar``). Everything else never
  does: asked for, proposed, shortfall, cut, limits, previous levels, money not yet
  committed, and estimates (``raming``: an estimate of a budget is not money granted;
  always left out, with the kind as the reason, so it is signposted, never silently).
* Only yearly figures count: an amount per year in every year from its first to its
  last, a one-off amount in its one year. An amount per year without a last year is
  carried forward to the last year of the letter's accres Tabel 1, or to the year before
  a later level of the same money starts (``def:opgevolgdDoor``, or the next value of its
  series, ``def:inReeks``: a series counts one value per year, never their sum). An
  amount per year with only a last year counts in that year, the one the text fixes.
* A part (``def:deelVan``) is left out in a year in which one of its totals counts.
* A mention of the same money (``def:zelfdeGeldAls``) or a summary that states it
  differently (``def:afwijkendeVermeldingVan``) is left out in a year in which the money
  it points to counts, with a pointer to the amount that carries it; in a year the
  mention names and the other does not count (the chapter gives no yearly figure for
  it), the mention counts itself: no euro is lost.

Each amount gets one :class:`Telling` per year its years touch (per year it counts or
is left out, with the rule and, when left out for other money, the amount that carries
that money), or one without a year when it names none.

>>> a = Vermelding("a", Decimal(5), "beschikbaar", "jaar", 2020, None)
>>> b = Vermelding("b", Decimal(7), "beschikbaar", "jaar", 2021, 2021, afwijkend="c")
>>> c = Vermelding("c", Decimal(20), "beschikbaar", "totaal", 2020, 2022)
>>> [(t.bedrag, t.jaar, t.telt, t.regel) for t in toereken([a, b, c], 2022)]
... # doctest: +NORMALIZE_WHITESPACE
[('a', 2020, True, 'gedrukt'), ('a', 2021, True, 'doorgeteld'), ('a', 2022, True, 'doorgeteld'),
 ('b', 2021, True, 'samenvatting'),
 ('c', 2020, False, 'geen-jaarbedrag'), ('c', 2021, False, 'geen-jaarbedrag'),
 ('c', 2022, False, 'geen-jaarbedrag')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox

from vngkb.rdf.namespaces import DCT, DEF, ID, PROV, RDF, XSD

#: The kinds of money (notations of the ``soort-bedrag`` scheme) that count: only money
#: made available. Every other kind never counts, estimates (``raming``) included, and is
#: left out with its kind as the reason (``niet-beschikbaar``); so is an amount without a
#: kind. docs/money.md lists each kind with this treatment, and a test holds the two
#: together.
TELLENDE_SOORTEN = frozenset({"beschikbaar"})
#: The rules that make an amount count in a year.
TELT = ("gedrukt", "afgeleid", "doorgeteld", "alleen-laatste-jaar", "samenvatting")
#: The rules that leave a mention out of a year.
TELT_NIET = ("niet-beschikbaar", "zelfde-geld", "deel-van-geteld-geheel", "geen-jaarbedrag",
             "eenmalig-over-meer-jaren", "geen-eerste-jaar", "geen-jaar")


@dataclass(frozen=True)
class Vermelding:
    """One amount as the rule sees it (IRIs as strings, kinds and periods by notation)."""

    iri: str
    waarde: Decimal
    soort: str | None
    per: str
    eerste: int | None
    laatste: int | None
    structureel: bool | None = None
    zelfde: str | None = None
    afwijkend: str | None = None
    delen_van: tuple[str, ...] = ()
    opgevolgd_door: tuple[str, ...] = ()
    #: The first year was not printed but read by a rule (``def:eersteJaarBepaling``).
    eerste_afgeleid: bool = False
    #: The series (``def:inReeks``) of which this amount is one value.
    reeks: str | None = None

    @property
    def verwijst_naar(self) -> str | None:
        """The amount whose money this mention states again, if any."""
        return self.zelfde or self.afwijkend


@dataclass(frozen=True)
class Telling:
    """Whether amount *bedrag* counts in year *jaar* (None: it names no year), by which
    rule (:data:`TELT`, :data:`TELT_NIET`), and the amount that carries its money in that
    year when it is left out for it (*draagt*)."""

    bedrag: str
    jaar: int | None
    telt: bool
    regel: str
    draagt: str | None = None


@dataclass(frozen=True)
class EigenJaren:
    """The years in which an amount counts as a yearly figure of its own, by *regel*; with
    *open_einde*, every year after the first is carried forward (``doorgeteld``)."""

    jaren: range
    regel: str
    open_einde: bool = False

    def regel_in(self, jaar: int) -> str:
        return "doorgeteld" if self.open_einde and jaar > self.jaren.start else self.regel


def eigen_jaren(v: Vermelding, tabel_laatste: int,
                index: dict[str, Vermelding]) -> EigenJaren | str:
    """The years in which *v* counts as a yearly figure of its own; or the rule that keeps
    it out of every year."""
    if v.soort not in TELLENDE_SOORTEN:
        return "niet-beschikbaar"
    if v.per not in ("jaar", "eenmalig"):
        return "geen-jaarbedrag"
    if v.eerste is None:
        if v.laatste is not None and v.per == "jaar":
            return EigenJaren(range(v.laatste, v.laatste + 1), "alleen-laatste-jaar")
        return "geen-eerste-jaar" if v.laatste is not None else "geen-jaar"
    if v.per == "eenmalig" and v.laatste not in (None, v.eerste):
        return "eenmalig-over-meer-jaren"
    regel = "afgeleid" if v.eerste_afgeleid else "gedrukt"
    if v.laatste is not None or v.per == "eenmalig":
        return EigenJaren(range(v.eerste, (v.laatste or v.eerste) + 1), regel)
    later = [index[o].eerste for o in v.opgevolgd_door if o in index]
    if v.reeks is not None:  # the next value of its series starts a later level
        later += [w.eerste for w in index.values() if w.reeks == v.reeks
                  and w.eerste is not None and w.eerste > v.eerste]
    einde = min([tabel_laatste, *[j - 1 for j in later if j is not None]])
    return EigenJaren(range(v.eerste, max(einde, v.eerste) + 1), regel, open_einde=True)


def genoemde_jaren(v: Vermelding, tabel_laatste: int) -> range:
    """The years the text's years of *v* touch: from its first (or only) year to its last,
    an open end to the last year of the tables."""
    if v.eerste is None and v.laatste is None:
        return range(0)
    start = v.eerste if v.eerste is not None else v.laatste
    assert start is not None
    end = v.laatste if v.laatste is not None else max(tabel_laatste, start)
    return range(start, end + 1)


def _geheel_en_delen(iri: str, index: dict[str, Vermelding]) -> list[str]:
    """*iri*, every total it is part of and every part of it, at any depth."""
    delen: dict[str, list[str]] = {}
    for v in index.values():
        for geheel in v.delen_van:
            delen.setdefault(geheel, []).append(v.iri)
    seen: list[str] = []
    todo = [iri]
    while todo:
        current = todo.pop(0)
        if current in seen or current not in index:
            continue
        seen.append(current)
        todo += list(index[current].delen_van) + delen.get(current, [])
    return seen


def toereken(vermeldingen: Sequence[Vermelding], tabel_laatste: int) -> list[Telling]:
    """The :class:`Telling` of every amount of one letter, in the order given, each
    amount's years ascending. *tabel_laatste*: the last year of the letter's accres
    Tabel 1, where an open end stops."""
    index = {v.iri: v for v in vermeldingen}
    eigen = {v.iri: eigen_jaren(v, tabel_laatste, index) for v in vermeldingen}

    def eigen_telt(iri: str, jaar: int) -> bool:
        own = eigen.get(iri)
        return isinstance(own, EigenJaren) and jaar in own.jaren

    # 1. Amounts that are no mention of other money: their own years, less the years in
    # which a total they are part of counts.
    telt: dict[tuple[str, int], str] = {}
    for v in vermeldingen:
        own = eigen[v.iri]
        if v.verwijst_naar is None and isinstance(own, EigenJaren):
            for jaar in own.jaren:
                if not any(eigen_telt(w, jaar) for w in _wholes(v, index)):
                    telt[(v.iri, jaar)] = own.regel_in(jaar)

    def drager(iri: str, jaar: int) -> str | None:
        """The amount that carries the money of *iri* in *jaar*: itself, a total or a part
        of it, following mentions of the same money."""
        seen: set[str] = set()
        todo = [iri]
        while todo:
            current = todo.pop(0)
            if current in seen:
                continue
            seen.add(current)
            for kin in _geheel_en_delen(current, index) or [current]:
                if (kin, jaar) in telt:
                    return kin
                pointed = index[kin].verwijst_naar if kin in index else None
                if pointed is not None:
                    todo.append(pointed)
        return None

    # 2. Mentions of other money: left out where that money counts; where it does not
    # (in a year the mention names), the mention counts itself.
    for v in vermeldingen:
        own = eigen[v.iri]
        if v.verwijst_naar is not None and isinstance(own, EigenJaren):
            for jaar in own.jaren:
                if drager(v.verwijst_naar, jaar) is None and not any(
                        (w, jaar) in telt for w in _wholes(v, index)):
                    telt[(v.iri, jaar)] = "samenvatting"

    uit: list[Telling] = []
    for v in vermeldingen:
        own = eigen[v.iri]
        # A yearly figure is listed in the years it counts in (an open end stops at a
        # later level); anything else in the years its text names.
        jaren = own.jaren if isinstance(own, EigenJaren) else genoemde_jaren(v, tabel_laatste)
        if not jaren:
            if v.verwijst_naar in index and v.soort in TELLENDE_SOORTEN:
                uit.append(Telling(v.iri, None, False, "zelfde-geld", v.verwijst_naar))
            else:
                uit.append(Telling(v.iri, None, False,
                                   own if isinstance(own, str) else "geen-jaar"))
            continue
        for jaar in jaren:
            regel = telt.get((v.iri, jaar))
            if regel is not None:
                uit.append(Telling(v.iri, jaar, True, regel))
                continue
            if v.verwijst_naar is not None and (
                    carrier := drager(v.verwijst_naar, jaar)) is not None and (
                    v.soort in TELLENDE_SOORTEN or isinstance(own, EigenJaren)):
                uit.append(Telling(v.iri, jaar, False, "zelfde-geld", carrier))
                continue
            whole = next((w for w in _wholes(v, index) if (w, jaar) in telt), None)
            if whole is not None and isinstance(own, EigenJaren):
                uit.append(Telling(v.iri, jaar, False, "deel-van-geteld-geheel", whole))
                continue
            reden = own if isinstance(own, str) else "geen-jaarbedrag"
            uit.append(Telling(v.iri, jaar, False, reden))
    return uit


def _wholes(v: Vermelding, index: dict[str, Vermelding]) -> list[str]:
    """Every total *v* is a part of, directly or through other totals."""
    seen: list[str] = []
    todo = list(v.delen_van)
    while todo:
        iri = todo.pop(0)
        if iri in index and iri not in seen:
            seen.append(iri)
            todo += index[iri].delen_van
    return seen


def jaren_van(tellingen: Iterable[Telling]) -> list[int]:
    """Every year the tellingen name, ascending."""
    return sorted({t.jaar for t in tellingen if t.jaar is not None})


# --- from and to RDF ------------------------------------------------------------------

_PREFIXES = """PREFIX def: <https://w3id.org/vngkb/def/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

_AMOUNTS = _PREFIXES + """
SELECT ?brief ?bedrag ?waarde ?soort ?per ?eerste ?laatste ?structureel ?zelfde ?afwijkend
       ?bepaling ?reeks
WHERE {
  ?bedrag a def:Bedrag ; dct:source ?brief ; schema:value ?waarde ; def:per ?per ;
          def:eersteRegel ?regel .
  OPTIONAL { ?bedrag def:soortBedrag ?soort }
  OPTIONAL { ?bedrag def:eersteJaar ?eerste }
  OPTIONAL { ?bedrag def:laatsteJaar ?laatste }
  OPTIONAL { ?bedrag def:structureel ?structureel }
  OPTIONAL { ?bedrag def:zelfdeGeldAls ?zelfde }
  OPTIONAL { ?bedrag def:afwijkendeVermeldingVan ?afwijkend }
  OPTIONAL { ?bedrag def:eersteJaarBepaling ?bepaling }
  OPTIONAL { ?bedrag def:inReeks ?reeks }
}
ORDER BY ?brief ?regel ?bedrag
"""

_LINKS = _PREFIXES + """
SELECT ?bedrag ?relatie ?ander WHERE {
  VALUES ?relatie { def:deelVan def:opgevolgdDoor }
  ?bedrag a def:Bedrag ; ?relatie ?ander .
}
ORDER BY ?bedrag ?relatie ?ander
"""

#: The years of each letter's accres Tabel 1 (an open end is carried forward to its last).
_TABLE_YEARS = _PREFIXES + """
SELECT ?brief (MAX(?jaar) AS ?laatste) WHERE {
  ?set a qb:DataSet ; dct:source ?brief .
  FILTER(STRENDS(STR(?set), "accres-tabel-1"))
  ?obs qb:dataSet ?set ; def:begrotingsjaar ?j .
  BIND(xsd:integer(STR(?j)) AS ?jaar)
}
GROUP BY ?brief
"""


def _select(store: ox.Store, text: str) -> list[list[ox.NamedNode | ox.Literal | None]]:
    solutions = store.query(text)
    assert isinstance(solutions, ox.QuerySolutions)
    width = len(solutions.variables)
    return [[row[i] for i in range(width)] for row in solutions]


def _year(term: object) -> int | None:
    """The year of an ``xsd:gYear`` literal; None for anything else (an ill-typed value is
    the shapes' finding, not the rule's)."""
    if isinstance(term, ox.Literal) and re.fullmatch(r"[0-9]{4}", term.value[:4]):
        return int(term.value[:4])
    return None


def _decimal(term: object) -> Decimal | None:
    """The value of a numeric literal; None for one that is not a finite number."""
    try:
        value = Decimal(term.value) if isinstance(term, ox.Literal) else None
    except ArithmeticError:
        return None
    return value if value is not None and value.is_finite() else None


def _notation(term: object) -> str | None:
    return term.value.rsplit("/", 1)[-1] if isinstance(term, ox.NamedNode) else None


def letters(store: ox.Store) -> dict[str, tuple[list[Vermelding], int]]:
    """Per letter (its ``def:Brondocument`` IRI): its amounts as the rule sees them, in the
    order of the letter, and the year where an open end stops (the last year of its
    accres Tabel 1; a letter without one: the last year its amounts print)."""
    links: dict[tuple[str, str], list[str]] = {}
    for bedrag, relatie, ander in _select(store, _LINKS):
        assert bedrag is not None and relatie is not None and ander is not None
        links.setdefault((bedrag.value, relatie.value.rsplit("/", 1)[-1]), []).append(
            ander.value)
    per_letter: dict[str, list[Vermelding]] = {}
    for (brief, bedrag, waarde, soort, per, eerste, laatste, structureel, zelfde, afwijkend,
         bepaling, reeks) in _select(store, _AMOUNTS):
        value = _decimal(waarde)
        if brief is None or bedrag is None or value is None:
            continue  # not an amount the rule can count; validation names what is wrong
        iri = bedrag.value
        amounts = per_letter.setdefault(brief.value, [])
        if amounts and amounts[-1].iri == iri:
            continue  # a second value of an optional property: the first one holds
        amounts.append(Vermelding(
            iri=iri, waarde=value, soort=_notation(soort),
            per=_notation(per) or "onbekend", eerste=_year(eerste), laatste=_year(laatste),
            structureel=None if structureel is None else structureel.value == "true",
            zelfde=None if zelfde is None else zelfde.value,
            afwijkend=None if afwijkend is None else afwijkend.value,
            delen_van=tuple(links.get((iri, "deelVan"), ())),
            opgevolgd_door=tuple(links.get((iri, "opgevolgdDoor"), ())),
            eerste_afgeleid=_notation(bepaling) not in (None, "gedrukt"),
            reeks=None if reeks is None else reeks.value))
    tables = {letter.value: int(last.value) for letter, last in _select(store, _TABLE_YEARS)
              if letter is not None and last is not None}
    out: dict[str, tuple[list[Vermelding], int]] = {}
    for letter_iri, amounts in per_letter.items():
        printed = [j for v in amounts for j in (v.eerste, v.laatste) if j is not None]
        out[letter_iri] = (amounts, tables.get(letter_iri, max(printed, default=0)))
    return out


def telling_iri(bedrag: str, jaar: int | None) -> str:
    """The IRI of the telling of *bedrag* in *jaar*: type first, then the amount's own path
    (which names its letter) and the year.

    >>> telling_iri("https://w3id.org/vngkb/id/bedrag/jeugd-2020", 2021)
    'https://w3id.org/vngkb/id/telling/jeugd-2020/2021'
    """
    path = bedrag.removeprefix(ID + "bedrag/")
    return f"{ID}telling/{path}" + ("" if jaar is None else f"/{jaar}")


def telling_quads(store: ox.Store) -> list[ox.Quad]:
    """The tellingen of every letter in *store*, as triples for the computed graph."""
    quads: list[ox.Quad] = []
    activity = ox.NamedNode(ID + "activiteit/telling")
    graph = ox.DefaultGraph()
    made: dict[str, ox.NamedNode] = {}  # each predicate's node made once

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        node = made.get(p)
        if node is None:
            node = made[p] = ox.NamedNode(p)
        quads.append(ox.Quad(s, node, o, graph))

    for brief, (amounts, tabel_laatste) in letters(store).items():
        for telling in toereken(amounts, tabel_laatste):
            node = ox.NamedNode(telling_iri(telling.bedrag, telling.jaar))
            add(node, RDF + "type", ox.NamedNode(DEF + "Telling"))
            add(node, DEF + "betreftBedrag", ox.NamedNode(telling.bedrag))
            if telling.jaar is not None:
                add(node, DEF + "jaar", ox.Literal(str(telling.jaar),
                                                   datatype=ox.NamedNode(XSD + "gYear")))
            add(node, DEF + "telt", ox.Literal("true" if telling.telt else "false",
                                               datatype=ox.NamedNode(XSD + "boolean")))
            add(node, DEF + "telregel", ox.NamedNode(ID + "telregel/" + telling.regel))
            if telling.draagt is not None:
                add(node, DEF + "geteldVia", ox.NamedNode(telling.draagt))
            add(node, DCT + "source", ox.NamedNode(brief))
            add(node, PROV + "wasGeneratedBy", activity)
    return quads
