"""The published figures of the accres analysis, read from ``kb/accres.ttl`` (and their
labels from ``ontology/accres.ttl``) with Oxigraph.

Nothing here knows a table value: every number comes from the Turtle.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from vngkb.core.errors import FinanceError
from vngkb.core.paths import ACCRES_FILE, ONTOLOGY_DIR, accres_file
from vngkb.rdf.namespaces import DEF, ID, QB, RDFS, SKOS

#: The published figures and the vocabulary with their labels.
DEFAULT_KB_FILE = ACCRES_FILE
DEFAULT_ONTOLOGY_FILE = ONTOLOGY_DIR / "accres.ttl"

SDMX_UNIT = "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure"
UNIT_EUR = "http://qudt.org/vocab/unit/CCY_EUR"
UNIT_PERCENT = "http://qudt.org/vocab/unit/PERCENT"
_UNITS = {UNIT_EUR: "EUR", UNIT_PERCENT: "%"}

#: Datasets of the published figures; the tables are the primary source of a figure
#: that the text repeats.
TABLE_DATASETS = ("accres-tabel-1", "accres-tabel-2", "accres-tabel-3")
TEXT_DATASET = "accres-tekst"

_OBSERVATIONS = f"""
SELECT ?obs ?ds ?circ ?q ?year ?lastYear ?value ?unit ?dec ?scale ?quote ?first ?last ?row
WHERE {{
  ?obs a <{DEF}Accreswaarneming> .
  OPTIONAL {{ ?obs <{QB}dataSet> ?ds }}
  OPTIONAL {{ ?obs <{DEF}circulaire> ?circ }}
  OPTIONAL {{ ?obs <{DEF}grootheid> ?q }}
  OPTIONAL {{ ?obs <{DEF}begrotingsjaar> ?year }}
  OPTIONAL {{ ?obs <{DEF}laatsteBegrotingsjaar> ?lastYear }}
  OPTIONAL {{ ?obs <{DEF}waarde> ?value }}
  OPTIONAL {{ ?obs <{SDMX_UNIT}> ?unit }}
  OPTIONAL {{ ?obs <{DEF}decimalen> ?dec }}
  OPTIONAL {{ ?obs <{DEF}schaal> ?scale }}
  OPTIONAL {{ ?obs <{DEF}citaat> ?quote }}
  OPTIONAL {{ ?obs <{DEF}eersteRegel> ?first }}
  OPTIONAL {{ ?obs <{DEF}laatsteRegel> ?last }}
  OPTIONAL {{ ?obs <{DEF}rij> ?row }}
}}"""

_LABELS = f"""
SELECT ?s ?label WHERE {{
  {{ ?s <{SKOS}prefLabel> ?label }} UNION {{ ?s <{RDFS}label> ?label }}
  FILTER(langMatches(lang(?label), "nl"))
}}"""

_REQUIRED = ("ds", "circ", "q", "year", "value", "unit", "dec", "scale", "quote", "first", "last")


@dataclass(frozen=True)
class Observation:
    """One published figure (a ``def:Accreswaarneming``)."""

    iri: str
    dataset: str
    circulaire: str
    quantity: str
    year: int
    last_year: int | None
    value: Decimal
    unit: str
    decimals: int
    scale: int
    quote: str
    first_line: int
    last_line: int
    row: str | None

    @property
    def in_table(self) -> bool:
        """Whether the figure is a cell of Tabel 1, 2 or 3 (not a figure in the text)."""
        return self.dataset in TABLE_DATASETS

    @property
    def lines(self) -> str:
        """``"line 81"`` or ``"lines 180-181"``."""
        if self.first_line == self.last_line:
            return f"line {self.first_line}"
        return f"lines {self.first_line}-{self.last_line}"


@dataclass(frozen=True)
class PublishedData:
    """All published figures, with Dutch labels of datasets and concepts by slug."""

    observations: tuple[Observation, ...]
    labels: Mapping[str, str]

    def label(self, slug: str) -> str:
        """The Dutch label of a dataset, circulaire or quantity slug (the slug if none)."""
        return self.labels.get(slug, slug)

    def find(self, quantity: str, circulaire: str, year: int, *,
             in_table: bool = True) -> Observation | None:
        """The table cell (or, with ``in_table=False``, text figure) with these dimensions."""
        for obs in self.observations:
            if (obs.quantity, obs.circulaire, obs.year, obs.in_table) == (
                    quantity, circulaire, year, in_table):
                return obs
        return None

    @property
    def years(self) -> tuple[int, ...]:
        """The columns of Tabel 1 (2019-2024)."""
        return tuple(sorted({o.year for o in self.observations if o.dataset == TABLE_DATASETS[0]}))


def _slug(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _text(term: object) -> str:
    assert isinstance(term, (ox.NamedNode, ox.Literal))
    return str(term.value)


def _observation(row: ox.QuerySolution, kb_file: Path) -> Observation:
    iri = _text(row["obs"])
    missing = [name for name in _REQUIRED if row[name] is None]
    if missing:
        raise FinanceError(f"{kb_file}: {iri} lacks {', '.join(missing)}")
    unit = _text(row["unit"])
    if unit not in _UNITS:
        raise FinanceError(f"{kb_file}: {iri} has unknown unit {unit}")
    try:
        value = Decimal(_text(row["value"]))
        numbers = [int(_text(row[name])) for name in ("year", "dec", "scale", "first", "last")]
        last_year = None if row["lastYear"] is None else int(_text(row["lastYear"]))
    except (InvalidOperation, ValueError) as error:
        raise FinanceError(f"{kb_file}: {iri} has a malformed number: {error}") from None
    year, decimals, scale, first, last = numbers
    # Show the printed precision (Oxigraph gives "7.3" for "7.30"), unless the value has
    # more digits than that, which the tests report.
    exponent = Decimal(1).scaleb(-max(decimals, 0))
    if value == value.quantize(exponent):
        value = value.quantize(exponent)
    return Observation(
        iri=iri, dataset=_slug(_text(row["ds"])), circulaire=_slug(_text(row["circ"])),
        quantity=_slug(_text(row["q"])), year=year, last_year=last_year, value=value,
        unit=_UNITS[unit], decimals=decimals, scale=scale, quote=_text(row["quote"]),
        first_line=first, last_line=last,
        row=None if row["row"] is None else _text(row["row"]))


def _load_file(store: ox.Store, path: Path) -> None:
    from vngkb.rdf.turtle import load_file  # names file and line on a syntax error

    if not path.is_file():
        raise FinanceError(f"{path}: not found (the finance module reads the published figures "
                           "from it)")
    load_file(store, path)


@functools.lru_cache(maxsize=4)
def _load_cached(kb_file: Path, ontology_file: Path, _stamp: tuple[int, int]) -> PublishedData:
    store = ox.Store()
    _load_file(store, kb_file)
    if ontology_file.is_file():
        _load_file(store, ontology_file)
    solutions = store.query(_OBSERVATIONS)
    assert isinstance(solutions, ox.QuerySolutions)
    observations: dict[str, Observation] = {}
    for row in solutions:
        obs = _observation(row, kb_file)
        if obs.iri in observations:
            raise FinanceError(f"{kb_file}: {obs.iri} has more than one value for a field")
        observations[obs.iri] = obs
    labels_result = store.query(_LABELS)
    assert isinstance(labels_result, ox.QuerySolutions)
    labels: dict[str, str] = {}
    for row in labels_result:
        subject = _text(row["s"])
        if subject.startswith(ID):
            labels.setdefault(_slug(subject), _text(row["label"]))
    ordered = sorted(observations.values(),
                     key=lambda o: (o.dataset, o.first_line, o.circulaire, o.quantity, o.year))
    return PublishedData(tuple(ordered), labels)


def load(kb_file: Path | None = None, ontology_file: Path | None = None) -> PublishedData:
    """The published figures of *kb_file* (default: :func:`vngkb.core.paths.accres_file`,
    in the KB in use), cached until the files change."""
    kb = (kb_file or accres_file()).resolve()
    onto = (ontology_file or DEFAULT_ONTOLOGY_FILE).resolve()
    stamp = (kb.stat().st_mtime_ns if kb.exists() else 0,
             onto.stat().st_mtime_ns if onto.exists() else 0)
    return _load_cached(kb, onto, stamp)
