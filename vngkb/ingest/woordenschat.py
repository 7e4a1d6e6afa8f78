"""The shared vocabularies ingest may read, and nothing else (no peeking): the cue words
of ``woorden.tsv``, the ministries (``ontology/ministeries.ttl``), the SKOS schemes
(``ontology/schemes.ttl``, ``ontology/accres.ttl``: instruments, recipients, themes,
circulars, quantities) and the law list with BWB ids (``kb/gedeeld/wetten.ttl``). No other file of
``kb/`` is opened: the curated sentences, titles and amounts of a letter are never data
for drafting another (or the same) letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from vngkb.core.paths import KB_DIR, ONTOLOGY_DIR, SHARED_FOLDER
from vngkb.rdf.namespaces import RDFS, SKOS, WETTEN

WOORDEN_FILE = Path(__file__).with_name("woorden.tsv")
#: The only file of kb/ ingest reads: the laws and their BWB ids (shared, not a letter's).
LAW_LIST = KB_DIR / SHARED_FOLDER / "wetten.ttl"
_VOCABULARY_FILES = (ONTOLOGY_DIR / "ministeries.ttl", ONTOLOGY_DIR / "schemes.ttl",
                     ONTOLOGY_DIR / "zoeklabels.ttl", ONTOLOGY_DIR / "accres.ttl")


@dataclass(frozen=True)
class Cue:
    """One row of ``woorden.tsv``: a pattern that says *value* in *category*."""

    category: str
    value: str
    pattern: re.Pattern[str]
    text: str


@dataclass
class Woordenschat:
    cues: dict[str, list[Cue]] = field(default_factory=dict)
    #: scheme name (instrument, ontvanger, thema, circulaire, grootheid) → [(IRI, labels)]
    concepts: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)
    #: TOOI IRI → official label
    ministries: dict[str, str] = field(default_factory=dict)
    #: law IRI → (label, BWB id)
    laws: dict[str, tuple[str, str]] = field(default_factory=dict)

    def of(self, category: str) -> list[Cue]:
        return self.cues.get(category, [])


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


def read_cues(path: Path = WOORDEN_FILE) -> dict[str, list[Cue]]:
    cues: dict[str, list[Cue]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, value, pattern = line.split("\t")
        if category == "ministerie":
            # Abbreviations as printed ("BZ" is not "bz"); names in any case ("Algemene
            # zaken" in a letter's abbreviation list).
            parts = [p if len(p) <= 5 else f"(?i:{p})" for p in pattern.split("|")]
            compiled = re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")
        else:
            compiled = _compile(pattern)
        cues.setdefault(category, []).append(Cue(category, value, compiled, pattern))
    return cues


def _store() -> ox.Store:
    store = ox.Store()
    for path in (*_VOCABULARY_FILES, LAW_LIST):
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


_SCHEMES = {
    "instrument": "https://w3id.org/vngkb/id/instrument",
    "ontvanger": "https://w3id.org/vngkb/id/ontvanger",
    "thema": "https://w3id.org/vngkb/id/thema",
    "circulaire": "https://w3id.org/vngkb/id/circulaire",
    "grootheid": "https://w3id.org/vngkb/id/grootheid",
}


@cache
def woordenschat() -> Woordenschat:
    """The shared vocabularies, read once per process."""
    store = _store()
    vocab = Woordenschat(cues=read_cues())
    for name, scheme in _SCHEMES.items():
        rows = store.query(
            f"SELECT ?c (GROUP_CONCAT(?l; separator='\\u0001') AS ?ls) WHERE {{ "
            f"?c <{SKOS}inScheme> <{scheme}> . "
            f"OPTIONAL {{ ?c <{SKOS}prefLabel>|<{SKOS}altLabel>|<{SKOS}hiddenLabel> ?l "
            f"FILTER(lang(?l) = 'nl' || lang(?l) = '') }} }} GROUP BY ?c ORDER BY ?c")
        entries: list[tuple[str, list[str]]] = []
        for row in rows:  # type: ignore[union-attr]
            labels = [label for label in str(row["ls"].value).split("\u0001") if label]
            entries.append((row["c"].value, labels))
        vocab.concepts[name] = entries
    for row in store.query(  # type: ignore[union-attr]
            "SELECT ?m ?l WHERE { ?m a <https://identifier.overheid.nl/tooi/def/ont/"
            f"Ministerie> ; <{RDFS}label> ?l }}"):
        vocab.ministries[row["m"].value] = row["l"].value
    for row in store.query(  # type: ignore[union-attr]
            f"SELECT ?w ?l ?id WHERE {{ ?w a <https://w3id.org/vngkb/def/Wet> ; <{RDFS}label> ?l ;"
            " <http://purl.org/dc/terms/identifier> ?id }"):
        if row["w"].value.startswith(WETTEN):
            vocab.laws[row["w"].value] = (row["l"].value, row["id"].value)
    return vocab
