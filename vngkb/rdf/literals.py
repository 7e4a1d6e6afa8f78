"""Typed literals checked against the lexical rules of their XSD datatype, so that
``"abc"^^xsd:integer`` is a violation with file and line instead of a conversion
warning (and traceback) from rdflib, and terms too long for the SHACL engine are
refused before they reach it.

>>> ill_typed_reason("2020", XSD + "gYear") is None
True
>>> ill_typed_reason("٢٠٢٠", XSD + "gYear")
'not an xsd:gYear (e.g. 2020)'
>>> ill_typed_reason("2019-02-29", XSD + "date")
'not an xsd:date (no such day)'
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from vngkb.rdf.namespaces import XSD

#: Longest IRI (characters) and literal a file may contain; longer ones are refused
#: before parsing by rdflib and pySHACL, which would take minutes over them. The shipped
#: KB's longest IRI has about a hundred characters, its longest literal two thousand.
MAX_IRI_CHARS = 4_000
MAX_LITERAL_CHARS = 100_000

_TZ = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_YEAR = r"-?(?:[1-9][0-9]{3,}|0[0-9]{3})"
_DATE = _YEAR + r"-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?"
_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"


@functools.cache
def _compiled(regex: str) -> re.Pattern[str]:
    # On first use, not on import: most commands (a cold `vngkb ask`) check no literal,
    # and compiling every datatype's pattern would cost each start a millisecond.
    return re.compile(regex, re.ASCII)


def _pattern(regex: str) -> Callable[[str], bool]:
    return lambda text: _compiled(regex).fullmatch(text) is not None


def _integer(low: int | None, high: int | None) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        if not _compiled(r"[+-]?[0-9]+").fullmatch(text):
            return False
        if low is None and high is None:
            return True
        # A bound on the length first: int() of a 100,000-digit string is slow.
        if len(text.lstrip("+-").lstrip("0")) > 30:
            return False
        value = int(text)
        return (low is None or value >= low) and (high is None or value <= high)
    return check


def _dated(text: str) -> bool:
    match = re.match(_DATE, text, re.ASCII)
    if match is None:
        return False
    # The calendar repeats every 400 years, and 10,000 is a multiple of 400: the last
    # four digits of the year decide (and a year of any length stays cheap).
    year = int(text[:match.start("m") - 1].lstrip("-")[-4:])
    month, day = int(match.group("m")), int(match.group("d"))
    try:
        datetime.date(2000 + year % 400, month, day)
    except ValueError:
        return False
    return True


#: For each XSD datatype: a check of the lexical form, and an example for the message.
RULES: dict[str, tuple[Callable[[str], bool], str]] = {
    "integer": (_integer(None, None), "42"),
    "nonNegativeInteger": (_integer(0, None), "0"),
    "positiveInteger": (_integer(1, None), "1"),
    "nonPositiveInteger": (_integer(None, 0), "0"),
    "negativeInteger": (_integer(None, -1), "-1"),
    "long": (_integer(-2**63, 2**63 - 1), "42"),
    "int": (_integer(-2**31, 2**31 - 1), "42"),
    "short": (_integer(-2**15, 2**15 - 1), "42"),
    "byte": (_integer(-2**7, 2**7 - 1), "42"),
    "unsignedLong": (_integer(0, 2**64 - 1), "42"),
    "unsignedInt": (_integer(0, 2**32 - 1), "42"),
    "unsignedShort": (_integer(0, 2**16 - 1), "42"),
    "unsignedByte": (_integer(0, 2**8 - 1), "42"),
    "decimal": (_pattern(_DECIMAL), "1.5"),
    "double": (_pattern(_DECIMAL + r"(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN"), "1.5E3"),
    "float": (_pattern(_DECIMAL + r"(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN"), "1.5E3"),
    "boolean": (_pattern(r"true|false|1|0"), "true"),
    "gYear": (_pattern(_YEAR + _TZ), "2020"),
    "gYearMonth": (_pattern(_YEAR + r"-(?:0[1-9]|1[0-2])" + _TZ), "2020-09"),
    "date": (lambda t: _dated(t) and _pattern(_DATE + _TZ)(t), "2020-09-17"),
    "dateTime": (lambda t: _dated(t) and _pattern(_DATE + "T(?:" + _TIME + ")" + _TZ)(t),
                 "2020-09-17T12:00:00"),
}
_MESSAGES = {"date": "no such day", "dateTime": "no such day or time"}
#: XML Schema's whitespace rule ("collapse") for these types: surrounding spaces are allowed.
_XML_SPACE = " \t\r\n"


def ill_typed_reason(lexical: str, datatype: str) -> str | None:
    """Why *lexical* is not a valid form of *datatype*, or None when it is (or the
    datatype has no rule here)."""
    if not datatype.startswith(XSD):
        return None
    local = datatype[len(XSD):]
    rule = RULES.get(local)
    if rule is None:
        return None
    check, example = rule
    if check(lexical.strip(_XML_SPACE)):
        return None
    if local in _MESSAGES and _pattern(_DATE + ".*")(lexical.strip(_XML_SPACE)):
        return f"not an xsd:{local} ({_MESSAGES[local]})"
    return f"not an xsd:{local} (e.g. {example})"


@dataclass(frozen=True)
class IllTyped:
    """A literal whose lexical form does not fit its datatype, where it was found."""

    subject: str
    predicate: str
    lexical: str
    datatype: str
    reason: str
    line: int | None


def line_of(data: bytes, needle: str, *, datatype: str | None = None) -> int | None:
    """The first line of *data* where *needle* occurs (with *datatype*: as a quoted
    literal followed by ``^^`` and that datatype, full or prefixed), or None.

    >>> text = b'<a> <p> "abc"^^xsd:string .\\n<a> <q> "abc"^^xsd:integer .'
    >>> line_of(text, "abc", datatype=XSD + "integer")
    2
    """
    text = data.decode("utf-8", errors="replace")
    if datatype is not None:
        local = re.escape(datatype.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        pattern = re.compile(r"(\"\"\"|'''|\"|')" + re.escape(needle) + r"\1\s*\^\^\s*(?:<"
                             + re.escape(datatype) + r">|[\w.-]*:" + local + r"\b)")
        found = pattern.search(text)
        if found is not None:
            return text.count("\n", 0, found.start()) + 1
    index = text.find(needle[:200]) if needle else -1
    return None if index < 0 else text.count("\n", 0, index) + 1


def _term_text(term: object) -> str:
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)) else ""


def ill_typed(quads: Iterable[ox.Quad], data: bytes) -> list[IllTyped]:
    """Every ill-typed literal of *quads* (parsed from *data*), with its line."""
    found = []
    for quad in quads:
        literal = quad.object
        if not isinstance(literal, ox.Literal):
            continue
        reason = ill_typed_reason(literal.value, literal.datatype.value)
        if reason is not None:
            found.append(IllTyped(_term_text(quad.subject), quad.predicate.value,
                                  literal.value, literal.datatype.value, reason,
                                  line_of(data, literal.value, datatype=literal.datatype.value)))
    return found


def oversized_term(quads: Iterable[ox.Quad]) -> tuple[str, int] | None:
    """The first IRI or literal longer than the bounds, as (its start, its length)."""
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode) and len(term.value) > MAX_IRI_CHARS:
                return term.value, len(term.value)
            if isinstance(term, ox.Literal) and len(term.value) > MAX_LITERAL_CHARS:
                return term.value, len(term.value)
    return None
