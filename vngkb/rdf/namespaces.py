"""IRIs of the knowledge base: the NL URI strategy (``{base}/{id|doc|def}/...``) and
the vocabularies it reuses.

>>> DEF + "Maatregel"
'https://w3id.org/vngkb/def/Maatregel'
>>> mid("maatregel", "woningbouw")
'https://w3id.org/vngkb/id/maatregel/woningbouw'
"""

from __future__ import annotations

BASE = "https://w3id.org/vngkb"
DEF = BASE + "/def/"
ID = BASE + "/id/"
DOC = BASE + "/doc/"

TOOI_MINISTERIE = "https://identifier.overheid.nl/tooi/id/ministerie/"
TOOIONT = "https://identifier.overheid.nl/tooi/def/ont/"
WETTEN = "https://wetten.overheid.nl/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
QB = "http://purl.org/linked-data/cube#"
SH = "http://www.w3.org/ns/shacl#"

#: Prefixes known to every query (a query may declare its own as well).
PREFIXES: dict[str, str] = {
    "def": DEF,
    "vid": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "dct": DCT,
    "prov": PROV,
    "schema": SCHEMA,
    "qb": QB,
    "tooiont": TOOIONT,
}


def mid(kind: str, slug: str) -> str:
    """The ``id`` IRI of a thing of a given kind."""
    return f"{ID}{kind}/{slug}"
