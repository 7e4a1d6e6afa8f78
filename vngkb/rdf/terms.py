"""RDF terms as the library hands them around, whichever backend produced them, and
their conversion to plain Python values for output.

>>> t = Term("literal", "7300000.0", datatype=XSD + "decimal")
>>> t.to_python()
Decimal('7300000.0')
>>> Term("literal", "2024", datatype=XSD + "gYear").to_python()
2024
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import pyoxigraph as ox

from vngkb.rdf.namespaces import XSD

TermKind = Literal["iri", "literal", "bnode"]

_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte",
                                     "nonNegativeInteger", "positiveInteger",
                                     "negativeInteger", "nonPositiveInteger",
                                     "unsignedInt", "unsignedLong")}


@dataclass(frozen=True)
class Term:
    """An IRI, literal or blank node."""

    kind: TermKind
    value: str
    datatype: str | None = None
    lang: str | None = None

    def to_python(self) -> str | int | float | bool | Decimal:
        """The value a table cell or a JSON document shows for this term."""
        if self.kind == "bnode":
            return "_:" + self.value
        if self.kind == "iri" or self.datatype is None:
            return self.value
        try:
            if self.datatype in _INTEGER_TYPES:
                return int(self.value)
            if self.datatype == XSD + "decimal":
                return Decimal(self.value)
            if self.datatype in (XSD + "double", XSD + "float"):
                return float(self.value)
            if self.datatype == XSD + "boolean":
                return self.value in ("true", "1")
            if self.datatype == XSD + "gYear":
                return int(self.value)
        except (ValueError, ArithmeticError):  # decimal.InvalidOperation is no ValueError
            return self.value
        return self.value

    def to_oxigraph(self) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        """The same term as a pyoxigraph term (raises ValueError on an invalid IRI)."""
        if self.kind == "iri":
            return ox.NamedNode(self.value)
        if self.kind == "bnode":
            return ox.BlankNode(self.value)
        if self.lang:
            return ox.Literal(self.value, language=self.lang)
        if self.datatype:
            return ox.Literal(self.value, datatype=ox.NamedNode(self.datatype))
        return ox.Literal(self.value)

    def n3(self) -> str:
        """N-Triples syntax, escaped by Oxigraph's serialiser."""
        return str(self.to_oxigraph())


def from_oxigraph(term: object) -> Term:
    """Convert a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return Term("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        lang = term.language
        datatype = None if lang else term.datatype.value
        if datatype == XSD + "string":
            datatype = None
        return Term("literal", term.value, datatype=datatype, lang=lang)
    raise TypeError(f"unsupported term {term!r}")


def from_sparql_json(binding: dict[str, str]) -> Term:
    """Convert one binding of the SPARQL 1.1 JSON results format."""
    kind = binding["type"]
    if kind == "uri":
        return Term("iri", binding["value"])
    if kind == "bnode":
        return Term("bnode", binding["value"])
    datatype = binding.get("datatype")
    if datatype == XSD + "string":
        datatype = None
    return Term("literal", binding["value"], datatype=datatype, lang=binding.get("xml:lang"))
