"""What a question page shows people: the form without what they cannot choose, the
description without the RDF terms it names for SPARQL readers, and the answer's cells
with a key to sort them by.

>>> plain("Alleen geld dat beschikbaar wordt gesteld telt (def:soortBedrag "
...       "soort-bedrag:beschikbaar; geen raming), en elke euro één keer.")
'Alleen geld dat beschikbaar wordt gesteld telt, en elke euro één keer.'
>>> plain("De wet (wetten.overheid.nl of eigen IRI), het BWB-id.")
'De wet (wetten.overheid.nl of eigen IRI), het BWB-id.'
>>> plain("Een bedrag (def:bedrag) (def:x (y:z)) telt.")
'Een bedrag telt.'
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

#: A prefixed RDF name (``def:soortBedrag``, ``soort-bedrag:beschikbaar``), not a URL.
_PREFIXED = re.compile(r"(?<![\w/.-])[a-z][\w-]*:[A-Za-z][\w-]*(?!//)")
#: A parenthesised remark without parentheses inside it, and the space before it.
_REMARK = re.compile(r"\s*\(([^()]*)\)")


def plain(text: str) -> str:
    """*text* without the parenthesised remarks that name RDF terms: those are for
    readers of the SPARQL (shown beside it, one click away), not for people."""
    previous = None
    while previous != text:  # inner remarks first, then the ones that held them
        previous = text
        text = _REMARK.sub(lambda m: "" if _PREFIXED.search(m.group(1)) else
                           m.group(0).replace("(", "\0").replace(")", "\1"), text)
    return text.replace("\0", "(").replace("\1", ")")


#: A value as typed or stored (``100000000``, ``-218300000``, ``1e8``, ``2,5e6``): the
#: examples of what to type and the raw values that texts explain.
_LITERAL = re.compile(r"(?<![\w.,])-?(?:\d{5,}|\d+(?:,\d+)?e\d+)(?![\w,.]\d)")


def mark_literals(text: str) -> Markup:
    """*text* (escaped) with each value as typed or stored set as code, as the CLI's
    documentation writes them: ``bijvoorbeeld <code>100000000</code>, <code>1e8</code>``.

    >>> str(mark_literals("bijvoorbeeld 100000000, 1e8 of 2,5e6"))
    'bijvoorbeeld <code>100000000</code>, <code>1e8</code> of <code>2,5e6</code>'
    >>> str(mark_literals("1.286.315 is <x>"))
    '1.286.315 is &lt;x&gt;'
    """
    return Markup(_LITERAL.sub(lambda m: f"<code>{m.group()}</code>", str(escape(text))))


def has_rdf_terms(text: str) -> bool:
    """True when *text* names a prefixed RDF term (``def:wet``)."""
    return _PREFIXED.search(text) is not None


__all__ = ["has_rdf_terms", "mark_literals", "plain"]
