"""The computed figures as RDF Data Cube observations of their own, each beside the
published figure it should reproduce. Serialised with Oxigraph only (this runs when the
CLI loads the store, so it must not import rdflib)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from vngkb.core.version import __version__
from vngkb.finance.audit import reproducible
from vngkb.finance.model import Overrides, compute, model, round_to
from vngkb.finance.published import SDMX_UNIT, UNIT_EUR, UNIT_PERCENT
from vngkb.rdf.namespaces import DEF, ID, PROV, QB, RDF, RDFS, XSD

#: Base of the computed observations; the rest of the IRI is the published figure's
#: (which starts with its letter: ``accres-berekend/{letter}/...``).
COMPUTED_BASE = ID + "accres-berekend/"
#: The computed data set and the computation, per letter: ``{DATASET}/{letter}/...``.
DATASET_BASE = ID + "dataset/"
ACTIVITY_BASE = ID + "berekening/"
_PUBLISHED_BASE = ID + "accres/"
_STRUCTURE = ID + "datastructuur/accres-berekend"
_PUBLISHED_DATASETS = ("accres-tabel-1", "accres-tabel-2", "accres-tabel-3", "accres-tekst")
_PREFIXES = {
    "def": DEF, "qb": QB, "prov": PROV, "rdfs": RDFS, "xsd": XSD,
    "sdmx-attribute": SDMX_UNIT.rsplit("#", 1)[0] + "#", "unit": "http://qudt.org/vocab/unit/",
    "circulaire": ID + "circulaire/", "grootheid": ID + "grootheid/", "dataset": ID + "dataset/",
}


def letter_of(published: str) -> str:
    """The letter (its id) whose figure *published* is: the IRI's first part after
    ``id/accres/``, as every IRI of a letter's content carries its letter.

    >>> letter_of(ID + "accres/ledenbrief-miljoenennota-2020/cep-2019/inflatiecorrectie/2019")
    'ledenbrief-miljoenennota-2020'
    """
    return published.removeprefix(_PUBLISHED_BASE).partition("/")[0]


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _decimal(value: Decimal) -> ox.Literal:
    text = format(value.quantize(Decimal("0.000001")).normalize(), "f")
    return ox.Literal(text, datatype=_iri(XSD + "decimal"))


def _typed(value: object, datatype: str) -> ox.Literal:
    return ox.Literal(str(value), datatype=_iri(XSD + datatype))


def _what_if_tag(overrides: dict[str, Decimal]) -> str:
    text = ";".join(f"{k}={v}" for k, v in sorted(overrides.items()))
    return "wat-als-" + hashlib.sha256(text.encode()).hexdigest()[:12]


def computed_triples(overrides: Overrides | None = None, *,
                     kb_file: Path | None = None) -> list[ox.Triple]:
    """The triples of :func:`computed_turtle`."""
    m = model(kb_file)
    result = compute(overrides, kb_file=kb_file)
    canonical = dict(result.overrides)
    letter = letter_of(m.data.observations[0].iri) if m.data.observations else ""
    activity = f"{ACTIVITY_BASE}{letter}/vngkb-finance-compute"
    dataset, base = f"{DATASET_BASE}{letter}/accres-berekend", COMPUTED_BASE
    if canonical:
        tag = _what_if_tag(canonical)
        activity, dataset = f"{activity}-{tag}", f"{dataset}-{tag}"
        base = f"{COMPUTED_BASE}{tag}/"
    a, t = _iri(RDF + "type"), []

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        t.append(ox.Triple(_iri(s), _iri(p), o))

    def nl_en(s: str, p: str, nl: str, en: str) -> None:
        add(s, p, ox.Literal(nl, language="nl"))
        add(s, p, ox.Literal(en, language="en"))

    add(activity, a.value, _iri(PROV + "Activity"))
    nl_en(activity, RDFS + "label", f"vngkb.finance.compute (vngkb {__version__})",
          f"vngkb.finance.compute (vngkb {__version__})")
    for slug in _PUBLISHED_DATASETS:
        add(activity, PROV + "used", _iri(f"{DATASET_BASE}{letter}/{slug}"))
    if canonical:
        assumptions = "; ".join(f"{k} = {v}" for k, v in sorted(canonical.items()))
        nl_en(activity, RDFS + "comment", f"Wat-als-berekening met {assumptions}",
              f"What-if computation with {assumptions}")
    add(dataset, a.value, _iri(QB + "DataSet"))
    add(dataset, QB + "structure", _iri(_STRUCTURE))
    add(dataset, PROV + "wasGeneratedBy", _iri(activity))
    nl_en(dataset, RDFS + "label", "Berekende accrescijfers (vngkb.finance)",
          "Computed accres figures (vngkb.finance)")

    for obs, key, _restated in reproducible(m):
        s = base + obs.iri.removeprefix(_PUBLISHED_BASE)
        value = result[key]
        rounded = round_to(value, obs.decimals)
        add(s, a.value, _iri(QB + "Observation"))
        add(s, a.value, _iri(DEF + "BerekendeAccreswaarneming"))
        add(s, QB + "dataSet", _iri(dataset))
        add(s, DEF + "begrotingsjaar", _typed(obs.year, "gYear"))
        if obs.last_year is not None:
            add(s, DEF + "laatsteBegrotingsjaar", _typed(obs.last_year, "gYear"))
        add(s, DEF + "circulaire", _iri(f"{ID}circulaire/{obs.circulaire}"))
        add(s, DEF + "grootheid", _iri(f"{ID}grootheid/{obs.quantity}"))
        add(s, DEF + "waarde", _decimal(value))
        add(s, SDMX_UNIT, _iri(UNIT_EUR if obs.unit == "EUR" else UNIT_PERCENT))
        add(s, DEF + "decimalen", _typed(obs.decimals, "integer"))
        add(s, DEF + "afgerondeWaarde", _decimal(rounded))
        add(s, DEF + "verschil", _decimal(rounded - obs.value))
        add(s, DEF + "invoernaam", ox.Literal(key))
        add(s, DEF + "reproduceert", _iri(obs.iri))
        sources: Iterable[str] = result.derived_from.get(key, ())
        for source in sources:
            add(s, PROV + "wasDerivedFrom", _iri(source))
        add(s, PROV + "wasGeneratedBy", _iri(activity))
    return t


def computed_turtle(overrides: Overrides | None = None, *, kb_file: Path | None = None) -> str:
    """Turtle of the computed figures: one ``def:BerekendeAccreswaarneming`` per published
    figure the model reproduces (``def:reproduceert``), with its value, its value rounded
    to the printed precision, the difference, ``prov:wasDerivedFrom`` the published input
    figures and ``prov:wasGeneratedBy`` the computation. With *overrides* (a what-if) the
    IRIs get a tag, so that the result can sit beside the plain computation."""
    data = ox.serialize(computed_triples(overrides, kb_file=kb_file),
                        format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)
    assert isinstance(data, bytes)
    return data.decode("utf-8")
