"""One measure with everything the KB and the letter say about it (``vngkb show NAME``, and
the passages on its web page): fields, amounts, stance with its passages, VNG demands,
laws, motions, and the letter's own lines for it, numbered.

The measure is named by short name (``woningbouw``), title (case and accents do not
matter), ``maatregel:woningbouw`` or IRI; every query binds the measure as an RDF term.
"""

from __future__ import annotations

import difflib
import json
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from vngkb.core.errors import InputError
from vngkb.i18n import N_, _, current_lang
from vngkb.query.store import Backend
from vngkb.rdf.namespaces import ID
from vngkb.rdf.terms import Term

MEASURE_NS = ID + "maatregel/"


def _in_lang(query: str) -> str:
    """*query* with its concept labels asked in the current language (``"$lang"``); the
    tag is one of :data:`vngkb.i18n.LANGS`, never text from the user."""
    return query.replace('"$lang"', f'"{current_lang()}"')


@dataclass(frozen=True)
class Counting:
    """Whether an amount counts in the years *first*..*last* (both None: in no year), by
    which counting rule (its label), and through which amount when left out for it; read
    from the ``def:Telling`` triples of the computed graph (:mod:`vngkb.finance.telling`)."""

    first: int | None
    last: int | None
    counts: bool
    rule: str
    via: str | None


@dataclass
class Amount:
    """An amount of the measure, as the KB has it: one per amount, with every quote the
    KB gives for it (one amount quoted twice is still one amount)."""

    iri: str
    value: Decimal
    per: str | None
    first_year: int | None
    last_year: int | None
    recipient: str | None
    instrument: str | None
    qualification: str | None
    kind: str | None
    quotes: list[str]
    first_line: int
    last_line: int
    structural: bool | None = None
    first_rule: str | None = None
    last_rule: str | None = None
    counting: list[Counting] = field(default_factory=list)
    #: The series (``def:inReeks``) the amount is one value of, if any.
    series: Series | None = None


@dataclass(frozen=True)
class Series:
    """A series of values per year from one passage (``def:Reeks``): its IRI, its label,
    and its values (the amounts) with their years, in the order of their first year."""

    iri: str
    label: str
    values: tuple[tuple[str, Decimal, int | None, int | None], ...]


@dataclass
class Passage:
    """A passage the stance is read from, with the lines where the letter has it (None
    when it cannot be found within the measure's lines)."""

    text: str
    lines: tuple[int, int] | None


@dataclass
class EntryIntoForce:
    """An entry into force the letter states for the measure."""

    label: str
    date: str | None
    status: str | None
    quote: str
    first_line: int
    last_line: int


@dataclass
class Condition:
    """A condition of funding the letter states for the measure."""

    kind: str
    minimum: Decimal | None
    maximum: Decimal | None
    unit: str | None
    applies_to: str | None
    quote: str
    first_line: int
    last_line: int


@dataclass
class Motion:
    """A motion or amendment about the measure."""

    iri: str
    title: str
    identifier: str | None
    status: str | None
    first_line: int
    last_line: int


@dataclass
class MeasureView:
    """Everything ``vngkb show`` prints about one measure."""

    iri: str
    slug: str
    title: str
    chapter: int
    chapter_title: str
    ministry: str
    involved: list[str]
    intention: str
    effect: str
    effect_types: list[str]
    instruments: list[str]
    themes: list[str]
    years: list[int]
    stance: str | None
    passages: list[Passage]
    demands: list[str]
    laws: list[str]
    amounts: list[Amount] = field(default_factory=list)
    motions: list[Motion] = field(default_factory=list)
    entries: list[EntryIntoForce] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0
    lines: list[tuple[int, str]] = field(default_factory=list)
    #: The letter the measure is in (its id and title; empty for an IRI without one).
    letter: str = ""
    letter_title: str = ""

    @property
    def letter_label(self) -> str:
        """``Ledenbrief Miljoenennota 2020 (ledenbrief-miljoenennota-2020)``."""
        if self.letter and self.letter_title:
            return f"{self.letter_title} ({self.letter})"
        return self.letter or _("geen")

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready record (amounts as strings of the exact decimal value)."""
        return {
            "iri": self.iri, "slug": self.slug, "titel": self.title,
            "brief": {"id": self.letter, "titel": self.letter_title},
            "hoofdstuk": {"nummer": self.chapter, "titel": self.chapter_title},
            "ministerie": self.ministry, "betrokkenMinisteries": self.involved,
            "voornemen": self.intention, "gevolgVoorGemeenten": self.effect,
            "effecttypen": self.effect_types, "instrumenten": self.instruments,
            "themas": self.themes, "jaren": self.years, "standpunt": self.stance,
            "standpuntPassages": [
                {"tekst": p.text, "eersteRegel": p.lines[0] if p.lines else None,
                 "laatsteRegel": p.lines[1] if p.lines else None} for p in self.passages],
            "eisen": self.demands, "wetten": self.laws,
            "bedragen": [{
                "iri": a.iri, "waarde": str(a.value), "per": a.per, "eersteJaar": a.first_year,
                "laatsteJaar": a.last_year, "ontvanger": a.recipient,
                "instrument": a.instrument, "kwalificatie": a.qualification, "soort": a.kind,
                "structureel": a.structural, "eersteJaarBepaling": a.first_rule,
                "laatsteJaarBepaling": a.last_rule,
                "telling": [{"eersteJaar": c.first, "laatsteJaar": c.last, "telt": c.counts,
                             "telregel": c.rule, "geteldVia": c.via} for c in a.counting],
                "reeks": None if a.series is None else {
                    "iri": a.series.iri, "label": a.series.label,
                    "waarden": [{"bedrag": b, "waarde": str(v), "eersteJaar": f,
                                 "laatsteJaar": last} for b, v, f, last in a.series.values]},
                "citaat": a.quotes[0], "citaten": a.quotes,
                "eersteRegel": a.first_line, "laatsteRegel": a.last_line,
            } for a in self.amounts],
            "inwerkingtreding": [{"label": e.label, "datum": e.date, "status": e.status,
                                  "citaat": e.quote, "eersteRegel": e.first_line,
                                  "laatsteRegel": e.last_line} for e in self.entries],
            "voorwaarden": [{"soort": c.kind, "minimum": _opt_str(c.minimum),
                             "maximum": _opt_str(c.maximum), "eenheid": c.unit,
                             "geldtVoor": c.applies_to, "citaat": c.quote,
                             "eersteRegel": c.first_line, "laatsteRegel": c.last_line}
                            for c in self.conditions],
            "moties": [{"iri": m.iri, "titel": m.title, "nummer": m.identifier,
                        "status": m.status, "eersteRegel": m.first_line,
                        "laatsteRegel": m.last_line} for m in self.motions],
            "eersteRegel": self.first_line, "laatsteRegel": self.last_line,
            "regels": [{"nummer": n, "tekst": t} for n, t in self.lines],
        }


def euro(value: Decimal) -> str:
    """An amount in Dutch notation: thousands with dots, cents after a comma.

    >>> euro(Decimal("7300000.0")), euro(Decimal("1234.5")), euro(Decimal("-80800000"))
    ('€ 7.300.000', '€ 1.234,50', '€ -80.800.000')
    """
    if value == value.to_integral_value():
        text = f"{int(value):,}".replace(",", ".")
    else:
        whole, cents = f"{value:,.2f}".split(".")
        text = whole.replace(",", ".") + "," + cents
    if current_lang() == "en":  # English notation: 1,234.50
        text = text.translate(str.maketrans(",.", ".,"))
    return f"€ {text}"


def _fold(text: str) -> str:
    """Case and accents folded, white space single: how titles are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_MEASURES = """
SELECT ?m ?title WHERE { ?m a def:Maatregel ; dct:title ?title . } ORDER BY ?m
"""


def resolve(name: str, backend: Backend, brief: str | None = None) -> str:
    """The IRI of the measure *name*: short name (``woningbouw``), ``maatregel:`` name,
    ``{letter}/{slug}``, title or IRI. A short name or title that several letters use is
    the measure of letter *brief* (its id or IRI) when given, else of the newest letter
    that has it (:func:`vngkb.query.letters.letters`).

    A miss raises :class:`InputError` with the closest names (difflib)."""
    from vngkb.query.letters import letter_of_iri, letters

    wanted = name.strip()
    if not wanted:
        raise InputError(_("geef een maatregel: korte naam, titel of IRI"))
    order = {letter.id: rank for rank, letter in enumerate(letters(backend))}
    chosen = None if brief is None else brief.rstrip("/").rpartition("/")[2]
    measures = [(str(r["m"]), str(r["title"])) for r in backend.select(_MEASURES).records()]

    def rank(iri: str) -> tuple[bool, int, str]:
        letter = letter_of_iri(iri) or ""
        return (letter == chosen, order.get(letter, -1), iri)

    # Oldest first, so that the newest (or the chosen letter's) measure wins.
    measures.sort(key=lambda m: rank(m[0]))
    by_path = {iri[len(MEASURE_NS):]: iri for iri, _ in measures if iri.startswith(MEASURE_NS)}
    by_slug = {path.rpartition("/")[2]: iri for path, iri in by_path.items()}
    by_slug.update(by_path)
    by_title = {_fold(title): iri for iri, title in measures}
    iris = {iri for iri, _ in measures}
    for prefix in ("maatregel:", "maatregel/", MEASURE_NS):
        if wanted.startswith(prefix) and wanted[len(prefix):] in by_slug:
            return by_slug[wanted[len(prefix):]]
    if wanted in iris:
        return wanted
    if wanted in by_slug:
        return by_slug[wanted]
    if _fold(wanted) in by_title:
        return by_title[_fold(wanted)]
    if wanted.casefold() in by_slug:
        return by_slug[wanted.casefold()]
    shown = wanted if len(wanted) <= 60 else wanted[:60] + "…"
    message = _("geen maatregel {name!r}").format(name=shown)
    if len(wanted) <= 200:  # difflib is quadratic: no suggestions for a huge name
        close = difflib.get_close_matches(wanted.casefold(), list(by_slug), n=3, cutoff=0.6)
        titles = difflib.get_close_matches(_fold(wanted), list(by_title), n=3, cutoff=0.6)
        options = list(dict.fromkeys(
            [*close, *(by_title[t][len(MEASURE_NS):].rpartition("/")[2] for t in titles)]))[:3]
        if options:
            message += _("; bedoelt u: {options}?").format(options=", ".join(options))
    raise InputError(message)


_FIELDS = """
SELECT ?title ?chapter ?chapterTitle ?ministry ?intention ?effect ?stance ?first ?last WHERE {
  ?m dct:title ?title ; def:hoofdstuk ?h ; def:verantwoordelijkMinisterie ?min ;
     def:eersteRegel ?first ; def:laatsteRegel ?last .
  # A letter whose curators have not yet typed these texts still shows its measures.
  OPTIONAL { ?m def:voornemen ?intention }
  OPTIONAL { ?m def:gevolgVoorGemeenten ?effect }
  ?h def:nummer ?chapter ; rdfs:label ?chapterTitle . FILTER(lang(?chapterTitle) = "nl")
  ?min rdfs:label ?ministry . FILTER(lang(?ministry) = "nl" || lang(?ministry) = "")
  OPTIONAL { ?m def:standpunt/skos:prefLabel ?stance . FILTER(lang(?stance) = "$lang") }
}
"""

# Labels of the measure's concepts, one list per property.
_LABELS = """
SELECT ?what ?label WHERE {
  {
    VALUES (?p ?what) { (def:effecttype "effecttype") (def:instrument "instrument")
                        (def:thema "thema") (def:eis "eis") }
    ?m ?p ?concept . ?concept skos:prefLabel ?label . FILTER(lang(?label) = "$lang")
  } UNION {
    ?m def:betrokkenMinisterie/rdfs:label ?label . BIND("betrokken" AS ?what)
    FILTER(lang(?label) = "nl" || lang(?label) = "")
  } UNION {
    ?m def:wet ?wet . ?wet rdfs:label ?name .
    OPTIONAL { ?wet dct:identifier ?id }
    BIND(IF(BOUND(?id), CONCAT(STR(?name), " (", STR(?id), ")"), STR(?name)) AS ?label)
    BIND("wet" AS ?what)
  } UNION {
    ?m def:standpuntPassage ?label . BIND("passage" AS ?what)
  } UNION {
    ?m def:jaar ?year . BIND(STR(?year) AS ?label) BIND("jaar" AS ?what)
  }
} ORDER BY ?what ?label
"""

_AMOUNTS = """
SELECT ?b ?value ?per ?firstYear ?lastYear ?recipient ?instrument ?qualification ?kind
       ?quote ?first ?last WHERE {
  ?m def:bedrag ?b . ?b schema:value ?value ; def:citaat ?quote ;
     def:eersteRegel ?first ; def:laatsteRegel ?last .
  OPTIONAL { ?b def:per/skos:prefLabel ?per . FILTER(lang(?per) = "$lang") }
  OPTIONAL { ?b def:eersteJaar ?firstYear }
  OPTIONAL { ?b def:laatsteJaar ?lastYear }
  OPTIONAL { ?b def:ontvanger/skos:prefLabel ?recipient . FILTER(lang(?recipient) = "$lang") }
  OPTIONAL { ?b def:instrument/skos:prefLabel ?instrument . FILTER(lang(?instrument) = "$lang") }
  OPTIONAL { ?b def:kwalificatie/skos:prefLabel ?qualification .
             FILTER(lang(?qualification) = "$lang") }
  OPTIONAL { ?b def:soortBedrag ?kindValue .
             OPTIONAL { ?kindValue skos:prefLabel ?kindLabel . FILTER(lang(?kindLabel) = "$lang") }
             BIND(COALESCE(?kindLabel, IF(isIRI(?kindValue), ?kindValue, STR(?kindValue)))
                  AS ?kind) }
} ORDER BY ?first ?b
"""

# What the KB says about each amount beyond _AMOUNTS: structural, and the reading rule of
# its first and last year (def:eersteJaarBepaling, def:laatsteJaarBepaling).
_AMOUNT_RULES = """
SELECT ?b ?structural ?firstRule ?lastRule WHERE {
  ?m def:bedrag ?b .
  OPTIONAL { ?b def:structureel ?structural }
  OPTIONAL { ?b def:eersteJaarBepaling/skos:prefLabel ?firstRule .
             FILTER(lang(?firstRule) = "$lang") }
  OPTIONAL { ?b def:laatsteJaarBepaling/skos:prefLabel ?lastRule .
             FILTER(lang(?lastRule) = "$lang") }
}
"""

# The tellingen of the measure's amounts (the computed graph): per year, counted or not,
# by which rule, and through which amount.
_COUNTING = """
SELECT ?b ?year ?counts ?rule ?via WHERE {
  ?m def:bedrag ?b . ?t def:betreftBedrag ?b ; def:telt ?counts ;
     def:telregel/skos:prefLabel ?rule . FILTER(lang(?rule) = "$lang")
  OPTIONAL { ?t def:jaar ?year }
  OPTIONAL { ?t def:geteldVia ?via }
} ORDER BY ?b ?year
"""

# The series the measure's amounts are values of, with every value of each series.
_SERIES = """
SELECT ?b ?reeks ?label ?value ?waarde ?firstYear ?lastYear WHERE {
  ?m def:bedrag ?b . ?b def:inReeks ?reeks . ?reeks rdfs:label ?label .
  FILTER(lang(?label) = "$lang")
  ?value def:inReeks ?reeks ; schema:value ?waarde .
  OPTIONAL { ?value def:eersteJaar ?firstYear }
  OPTIONAL { ?value def:laatsteJaar ?lastYear }
} ORDER BY ?b ?firstYear ?value
"""

_ENTRIES = """
SELECT ?label ?date ?status ?quote ?first ?last WHERE {
  ?m def:inwerkingtreding ?i . ?i rdfs:label ?label ; def:citaat ?quote ;
     def:eersteRegel ?first ; def:laatsteRegel ?last .
  OPTIONAL { ?i def:datum ?date }
  OPTIONAL { ?i def:inwerkingtredingsstatus/skos:prefLabel ?status .
             FILTER(lang(?status) = "$lang") }
} ORDER BY ?first ?label
"""

_CONDITIONS = """
SELECT ?kind ?min ?max ?unit ?appliesTo ?quote ?first ?last WHERE {
  ?m def:voorwaarde ?v . ?v def:citaat ?quote ; def:eersteRegel ?first ;
     def:laatsteRegel ?last ;
     def:soortVoorwaarde/skos:prefLabel ?kind . FILTER(lang(?kind) = "$lang")
  OPTIONAL { ?v def:minimum ?min }
  OPTIONAL { ?v def:maximum ?max }
  OPTIONAL { ?v def:eenheid ?unit }
  OPTIONAL { ?v def:geldtVoor ?appliesTo }
} ORDER BY ?first ?quote
"""

_MOTIONS = """
SELECT ?x ?title ?identifier ?status ?first ?last WHERE {
  ?x def:betreft ?m ; dct:title|rdfs:label ?title ; def:eersteRegel ?first ;
     def:laatsteRegel ?last .
  FILTER(lang(?title) = "nl")
  FILTER EXISTS { VALUES ?class { def:Motie def:Amendement } ?x a ?class }
  OPTIONAL { ?x dct:identifier ?identifier }
  OPTIONAL { ?x def:status/skos:prefLabel ?status . FILTER(lang(?status) = "$lang") }
} ORDER BY ?first ?x
"""


def _opt_int(value: object) -> int | None:
    return None if value is None else int(str(value))


def measure_view(name: str, backend: Backend, source: Path | None = None,
                 brief: str | None = None) -> MeasureView:
    """Everything about the measure *name* (see :func:`resolve`), with its lines from
    *source* (default: its letter's text in the KB in use,
    :meth:`vngkb.kb.layout.KbFolder.source`). With *brief* (a letter's id, IRI or budget
    year, :func:`vngkb.query.letters.choose`) the measure must be in that letter; without
    it, a short name or title is the measure of the newest letter that has one."""
    from vngkb.query.letters import choose, letter_of_iri, letters
    from vngkb.rdf.sourcetext import locate, numbered_lines

    every = letters(backend)
    chosen = None if brief is None else choose(every, brief)
    iri = resolve(name, backend, None if chosen is None else chosen.id)
    letter_id = letter_of_iri(iri) or ""
    if chosen is not None and letter_id != chosen.id:
        shown = name.strip() if len(name.strip()) <= 60 else name.strip()[:60] + "…"
        raise InputError(_("geen maatregel {name!r} in "
                           "brief {letter}").format(name=shown, letter=chosen.id))
    letter_title = next((each.title for each in every if each.id == letter_id), "")
    if source is None:
        source = _letter_source(iri)
    bound = {"m": Term("iri", iri)}
    rows = backend.select(_in_lang(_FIELDS), bound).records()
    if not rows:
        raise InputError(_("geen maatregel {name!r}").format(name=name))
    row = rows[0]
    labels: dict[str, list[str]] = {}
    for r in backend.select(_in_lang(_LABELS), bound).records():
        labels.setdefault(str(r["what"]), []).append(str(r["label"]))
    amounts = _amounts(backend, bound)
    entries = [EntryIntoForce(str(r["label"]), _str(r["date"]), _str(r["status"]),
                              str(r["quote"]), int(str(r["first"])), int(str(r["last"])))
               for r in backend.select(_in_lang(_ENTRIES), bound).records()]
    conditions = [Condition(
        str(r["kind"]), _opt_decimal(r["min"]), _opt_decimal(r["max"]), _str(r["unit"]),
        _short(r["appliesTo"]), str(r["quote"]), int(str(r["first"])), int(str(r["last"])))
        for r in backend.select(_in_lang(_CONDITIONS), bound).records()]
    motions = [Motion(str(r["x"]), str(r["title"]), _str(r["identifier"]), _str(r["status"]),
                      int(str(r["first"])), int(str(r["last"])))
               for r in backend.select(_in_lang(_MOTIONS), bound).records()]
    first, last = int(str(row["first"])), int(str(row["last"]))
    lines = numbered_lines(first, last, source)
    texts = [text for _, text in lines]
    passages = [Passage(p, _shift(locate(texts, p, 1, len(texts)), first - 1))
                for p in labels.get("passage", [])]
    passages.sort(key=lambda p: (p.lines or (last + 1, 0), p.text))
    return MeasureView(
        iri=iri, slug=iri[len(MEASURE_NS):].rpartition("/")[2] if iri.startswith(MEASURE_NS)
        else iri,
        title=str(row["title"]), chapter=int(str(row["chapter"])),
        chapter_title=str(row["chapterTitle"]), ministry=str(row["ministry"]),
        involved=labels.get("betrokken", []), intention=_str(row["intention"]) or "",
        effect=_str(row["effect"]) or "", effect_types=labels.get("effecttype", []),
        instruments=labels.get("instrument", []), themes=labels.get("thema", []),
        years=sorted(int(y) for y in labels.get("jaar", [])), stance=_str(row["stance"]),
        passages=passages, demands=labels.get("eis", []),
        laws=labels.get("wet", []), amounts=amounts, motions=motions,
        entries=entries, conditions=conditions,
        first_line=first, last_line=last, lines=lines, letter=letter_id,
        letter_title=letter_title)


def _letter_source(iri: str) -> Path | None:
    """The text of the letter *iri* is in: its folder's ``bron.txt`` or
    ``sources/{letter}.txt`` (None, the shipped letter's, when the IRI carries none)."""
    from vngkb.kb.layout import kb_folder
    from vngkb.query.letters import letter_of_iri

    letter = letter_of_iri(iri)
    return None if letter is None else kb_folder().source(letter)


def _amounts(backend: Backend, bound: dict[str, Term]) -> list[Amount]:
    """The measure's amounts, each once: the rows of one amount with several quotes are
    folded into one :class:`Amount` with its quotes in the order of the letter."""
    amounts: dict[str, Amount] = {}
    for r in backend.select(_in_lang(_AMOUNTS), bound).records():
        iri = str(r["b"])
        if iri in amounts:
            if str(r["quote"]) not in amounts[iri].quotes:
                amounts[iri].quotes.append(str(r["quote"]))
            continue
        amounts[iri] = Amount(
            iri=iri, value=Decimal(str(r["value"])), per=_str(r["per"]),
            first_year=_opt_int(r["firstYear"]), last_year=_opt_int(r["lastYear"]),
            recipient=_str(r["recipient"]), instrument=_str(r["instrument"]),
            qualification=_str(r["qualification"]), kind=_str(r["kind"]),
            quotes=[str(r["quote"])], first_line=int(str(r["first"])),
            last_line=int(str(r["last"])))
    for r in backend.select(_in_lang(_AMOUNT_RULES), bound).records():
        amount = amounts[str(r["b"])]
        if r["structural"] is not None:
            amount.structural = str(r["structural"]).lower() in ("true", "1")
        amount.first_rule, amount.last_rule = _str(r["firstRule"]), _str(r["lastRule"])
    for r in backend.select(_in_lang(_COUNTING), bound).records():
        year = _opt_int(r["year"])
        counting = amounts[str(r["b"])].counting
        counts, rule, via = str(r["counts"]).lower() in ("true", "1"), str(r["rule"]), \
            _short(r["via"])
        previous = counting[-1] if counting else None
        if (previous is not None and year is not None and previous.last == year - 1
                and (previous.counts, previous.rule, previous.via) == (counts, rule, via)):
            counting[-1] = Counting(previous.first, year, counts, rule, via)
        else:
            counting.append(Counting(year, year, counts, rule, via))
    series: dict[str, list[tuple[str, Decimal, int | None, int | None]]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for r in backend.select(_in_lang(_SERIES), bound).records():
        iri = str(r["b"])
        labels[iri] = (str(r["reeks"]), str(r["label"]))
        series.setdefault(iri, []).append((str(r["value"]), Decimal(str(r["waarde"])),
                                           _opt_int(r["firstYear"]), _opt_int(r["lastYear"])))
    for iri, values in series.items():
        # A value without a year (a level the text gives no year for) comes last.
        values.sort(key=lambda v: (v[2] is None, v[2] or 0, v[0]))
        amounts[iri].series = Series(labels[iri][0], labels[iri][1], tuple(values))
    return list(amounts.values())


def _series(series: Series) -> str:
    """``reeks Laaggeletterdheid ...: € 5.000.000 (vanaf 2020), € 7.300.000 (2024)``."""
    values = []
    for _iri, value, first, last in series.values:
        years = _years(Amount("", value, None, first, last, None, None, None, None, [], 0, 0))
        values.append(_("{value} ({years})").format(value=euro(value),
                                               years=years or _("jaar niet genoemd")))
    return _("reeks “{label}”: {values}").format(label=series.label, values=", ".join(values))


def _short(value: object) -> str | None:
    """An amount's IRI as ``bedrag/<name>``, as the totals name it; None stays None."""
    from vngkb.reports.totals import kort

    return None if value is None else kort(str(value))


def _opt_decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _opt_str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _shift(found: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return None if found is None else (found[0] + offset, found[1] + offset)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _years(amount: Amount) -> str | None:
    if amount.first_year is None and amount.last_year is None:
        return None
    if amount.first_year == amount.last_year:
        return str(amount.first_year)
    if amount.last_year is None:
        return _("vanaf {year}").format(year=amount.first_year)
    if amount.first_year is None:
        return _("tot en met {year}").format(year=amount.last_year)
    return f"{amount.first_year}-{amount.last_year}"


def line_ref(first: int, last: int) -> str:
    """``regel 12`` or ``regels 12-14``."""
    return (_("regel {line}").format(line=first) if first == last
            else _("regels {first}-{last}").format(first=first, last=last))


def _amount_facts(amount: Amount) -> list[str]:
    per = amount.per
    if per is not None and not per.startswith("per ") and "period" not in per:
        per = _("periode") + f" {per}"  # "periode onbekend" / "period unknown"
    facts = [per,
             _years(amount),
             _("soort") + f" {amount.kind}" if amount.kind else None,
             None if amount.structural is None else
             _("structureel") if amount.structural else _("incidenteel"),
             amount.qualification,
             _("ontvanger") + f" {amount.recipient}" if amount.recipient else None,
             _("instrument") + f" {amount.instrument}" if amount.instrument else None,
             line_ref(amount.first_line, amount.last_line)]
    return [f for f in facts if f]


def _year_rules(amount: Amount) -> str | None:
    """``eerste jaar 2020 (gedrukt); laatste jaar 2024 (gedrukt)``: each year with the
    rule that read it from the text (None when the KB gives neither)."""
    parts = [text.format(year=year, rule=rule)
             for text, year, rule in (
                 (_("eerste jaar {year} ({rule})"), amount.first_year, amount.first_rule),
                 (_("laatste jaar {year} ({rule})"), amount.last_year, amount.last_rule))
             if year is not None and rule is not None]
    return "; ".join(parts) or None


def _counting(counting: Counting) -> str:
    """``telling 2020-2023: telt niet, geen jaarbedrag``, ``telling 2021: telt niet, zelfde
    geld telt elders; telt via bedrag/x`` or ``telling: in geen jaar (geen jaar)``."""
    why = counting.rule + ("; " + _("telt via {amount}").format(amount=counting.via)
                           if counting.via else "")
    telling = _("telling")
    if counting.first is None:
        in_no_year = _("in geen jaar")
        return f"{telling}: {in_no_year} ({why})"
    years = (str(counting.first) if counting.first == counting.last
             else f"{counting.first}-{counting.last}")
    counts = _("telt") if counting.counts else _("telt niet")
    return f"{telling} {years}: {counts}, {why}"


def _amount_details(amount: Amount) -> list[str]:
    """The lines under an amount: its name, year rules and counting per year."""
    details = [kort_name(amount.iri)]
    rules = _year_rules(amount)
    details += [rules] if rules else []
    details += [_series(amount.series)] if amount.series is not None else []
    details += [_counting(c) for c in amount.counting]
    return details


def kort_name(iri: str) -> str:
    """An amount's IRI as ``bedrag/<name>`` (see :func:`vngkb.reports.totals.kort`)."""
    return _short(iri) or iri


MONTHS = (N_("januari"), N_("februari"), N_("maart"), N_("april"), N_("mei"), N_("juni"),
          N_("juli"), N_("augustus"), N_("september"), N_("oktober"), N_("november"),
          N_("december"))


def date_text(value: str) -> str:
    """A date for people: ``2019-01-01`` as ``1 januari 2019`` (``1 January 2019`` with
    --lang en); a year or anything else as it is.

    >>> date_text("2019-01-01"), date_text("2021")
    ('1 januari 2019', '2021')
    """
    parts = value.split("-")
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts) \
            or not 1 <= int(parts[1]) <= 12:
        return value
    month = _(MONTHS[int(parts[1]) - 1])
    return f"{int(parts[2])} {month} {parts[0]}"


def _entry(entry: EntryIntoForce) -> str:
    facts = [f for f in (entry.date and date_text(entry.date), entry.status,
                         line_ref(entry.first_line, entry.last_line)) if f]
    return f"{entry.label} ({'; '.join(facts)})"


def _number(value: Decimal, unit: str | None) -> str:
    if unit == "EUR":
        return euro(value)
    text = f"{value.normalize():f}"
    if current_lang() != "en":
        text = text.replace(".", ",")
    return text + ("" if unit is None else ("%" if unit == "%" else f" {unit}"))


def _condition(condition: Condition) -> str:
    facts = [
        _("minimaal {value}").format(value=_number(condition.minimum, condition.unit))
        if condition.minimum is not None else None,
        _("maximaal {value}").format(value=_number(condition.maximum, condition.unit))
        if condition.maximum is not None else None,
        _("geldt voor {amount}").format(amount=condition.applies_to)
        if condition.applies_to else None,
        line_ref(condition.first_line, condition.last_line)]
    return f"{condition.kind} ({'; '.join(f for f in facts if f)})"


def _joined(values: Sequence[object]) -> str:
    return ", ".join(str(v) for v in values) if values else _("geen")


def _summary(view: MeasureView) -> list[tuple[str, str]]:
    return [
        (_("Brief"), view.letter_label),
        (_("Hoofdstuk"), f"{view.chapter}. {view.chapter_title}"),
        (_("Ministerie"), view.ministry),
        *([(_("Betrokken"), _joined(view.involved))] if view.involved else []),
        (_("Standpunt VNG"), view.stance or _("geen")),
        (_("Gevolgen (typen)"), _joined(view.effect_types)),
        (_("Instrumenten"), _joined(view.instruments)),
        (_("Thema's"), _joined(view.themes)),
        (_("Jaren"), _joined(view.years)),
        (_("Eisen van de VNG"), _joined(view.demands)),
        (_("Wetten"), _joined(view.laws)),
    ]


def _passage(passage: Passage) -> str:
    where = f" ({line_ref(*passage.lines)})" if passage.lines else ""
    return f"{passage.text}{where}"


def _motion(motion: Motion) -> str:
    shown = motion.identifier and motion.identifier not in motion.title
    return (motion.title + (f" [{motion.identifier}]" if shown else "")
            + (f", {motion.status}" if motion.status else ""))


def _wrap(text: str, width: int, initial_indent: str = "",
          subsequent_indent: str = "") -> list[str]:
    # Dutch compounds keep their hyphens on one line ("Web-contactgemeenten").
    return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False,
                         initial_indent=initial_indent, subsequent_indent=subsequent_indent)


def _wrapped(text: str, width: int, indent: str = "") -> list[str]:
    """*text* wrapped at *width*, paragraph by paragraph (blank lines kept)."""
    out: list[str] = []
    for number, paragraph in enumerate(text.split("\n\n")):
        out += [""] if number else []
        out += _wrap(paragraph, width, initial_indent=indent,
                             subsequent_indent=indent) or [""]
    return out


def as_text(view: MeasureView, width: int = 80) -> str:
    """The measure for a terminal: title, fields, texts, amounts, motions, numbered lines."""
    from vngkb.rdf.sourcetext import format_numbered

    key_width = max(len(k) for k, _ in _summary(view)) + 2
    heading = f"{view.title} ({view.slug})"
    out = [heading, "=" * min(len(heading), width)]
    for key, value in _summary(view):
        lines = _wrap(value, width, initial_indent=f"{key + ':':<{key_width}}",
                              subsequent_indent=" " * key_width)
        out += lines
    out += ["", _("Wat wil het kabinet?"), *_wrapped(view.intention or _("geen"), width),
            "", _("Wat betekent dit voor gemeenten?"), *_wrapped(view.effect or _("geen"), width)]
    if view.passages:
        out += ["", _("Standpunt blijkt uit") + ":"]
        for passage in view.passages:
            out += ["- " + line[2:] if n == 0 else line
                    for n, line in enumerate(_wrapped(_passage(passage), width, "  "))]
    if view.amounts:
        out += ["", _("Bedragen") + ":"]
        for a in view.amounts:
            out += _wrap(f"- {euro(a.value)} ({'; '.join(_amount_facts(a))})", width,
                                 subsequent_indent="  ")
            for detail in _amount_details(a):
                out += _wrap(detail, width, initial_indent="  ", subsequent_indent="    ")
            for quote in a.quotes:
                out += _wrap(f"“{quote}”", width, initial_indent="  ",
                             subsequent_indent="   ")
    if view.entries:
        out += ["", _("Inwerkingtreding") + ":"]
        for e in view.entries:
            out += _wrap(f"- {_entry(e)}", width, subsequent_indent="  ")
            out += _wrap(f"“{e.quote}”", width, initial_indent="  ", subsequent_indent="   ")
    if view.conditions:
        out += ["", _("Voorwaarden van financiering") + ":"]
        for c in view.conditions:
            out += _wrap(f"- {_condition(c)}", width, subsequent_indent="  ")
            out += _wrap(f"“{c.quote}”", width, initial_indent="  ", subsequent_indent="   ")
    if view.motions:
        out += ["", _("Moties en amendementen") + ":"]
        for m in view.motions:
            out += _wrap(f"- {_motion(m)} ({line_ref(m.first_line, m.last_line)})", width,
                         subsequent_indent="  ")
    out += ["", _("De brief, regels "
                  "{first}-{last}").format(first=view.first_line, last=view.last_line) + ":",
            format_numbered(view.lines)]
    return "\n".join(out)


def as_markdown(view: MeasureView) -> str:
    """The measure as Markdown; the letter's lines in a fenced block."""
    from vngkb.rdf.sourcetext import format_numbered

    out = [f"# {view.title}", "", f"`{view.slug}` — <{view.iri}>", ""]
    out += [f"- **{k}**: {v}" for k, v in _summary(view)]
    out += ["", "## " + _("Wat wil het kabinet?"), "", view.intention or _("geen"), "",
            "## " + _("Wat betekent dit voor gemeenten?"), "", view.effect or _("geen")]
    if view.passages:
        out += ["", "## " + _("Standpunt blijkt uit"), ""] + [f"> {_passage(p)}\n"
                                                         for p in view.passages]
    if view.amounts:
        out += ["", "## " + _("Bedragen"), ""]
        for a in view.amounts:
            out += [f"- **{euro(a.value)}** ({'; '.join(_amount_facts(a))})"]
            out += [f"  - {detail}" for detail in _amount_details(a)]
            out += [f"  - “{quote}”" for quote in a.quotes]
    if view.entries:
        out += ["", "## " + _("Inwerkingtreding"), ""]
        out += [f"- {_entry(e)}: “{e.quote}”" for e in view.entries]
    if view.conditions:
        out += ["", "## " + _("Voorwaarden van financiering"), ""]
        out += [f"- {_condition(c)}: “{c.quote}”" for c in view.conditions]
    if view.motions:
        out += ["", "## " + _("Moties en amendementen"), ""]
        out += [f"- {_motion(m)} ({line_ref(m.first_line, m.last_line)})"
                for m in view.motions]
    letter_lines = _("De brief, regels {first}-{last}").format(first=view.first_line,
                                                            last=view.last_line)
    out += ["", f"## {letter_lines}", "",
            "```text", format_numbered(view.lines), "```"]
    return "\n".join(out)


def as_json(view: MeasureView) -> str:
    """The measure as one JSON object (see :meth:`MeasureView.as_dict`)."""
    return json.dumps(view.as_dict(), ensure_ascii=False, indent=2)
