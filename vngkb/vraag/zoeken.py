"""The fall-back when no canned question fits: search the texts of the KB.

Uses the project's full-text search, :func:`vngkb.search.zoek`, with the word of the
question most worth searching for.
"""

from __future__ import annotations

from typing import Any

from vngkb.query.store import Backend, ResultTable
from vngkb.rdf.terms import Term
from vngkb.text.dutch import tokens
from vngkb.vraag.woorden import Woorden

#: The canned question searched when ``vngkb.search`` is not there.
ZOEKVRAAG = "zoek-in-teksten"
#: Longest search term passed on (the canned question takes at most 100 characters).
MAX_ZOEKTERM = 100


def zoekterm(tekst: str, woorden: Woorden) -> str | None:
    """The word of *tekst* most worth searching for: the longest that is not a stop
    word, a question word (wat, waar, hoeveel, ...) or a number, or None.

    >>> from vngkb.vraag.woorden import lees_woorden
    >>> zoekterm("Wat is er met de bibliotheken?", lees_woorden())
    'bibliotheken'
    >>> zoekterm("Waarover gaat het bij sport?", lees_woorden())
    'sport'
    """
    words = [t.text.lower() for t in tokens(tekst)
             if t.form not in woorden.stopwoorden and t.form not in woorden.vraagwoorden
             and not t.form.isdigit() and len(t.form) > 2]
    if not words:
        return None
    return max(words, key=lambda w: (len(w), -words.index(w)))[:MAX_ZOEKTERM]


#: The columns of the search's hits shown as the answer, in this order.
KOLOMMEN = ("titel", "tekst", "fragment", "eersteRegel", "laatsteRegel", "slug")


def _hits_table(hits: list[Any]) -> ResultTable:
    """The search's hits as a table (:data:`KOLOMMEN` of each hit's record)."""
    records = [hit.as_dict() for hit in hits]
    rows = [[None if r[c] is None else Term("literal", str(r[c])) for c in KOLOMMEN]
            for r in records]
    return ResultTable(columns=list(KOLOMMEN), rows=rows)


def zoek(term: str, backend: Backend, brief: str | None = None) -> ResultTable:
    """Search the texts of letter *brief* (default the newest) for *term* with the
    project's ranked full-text search (:func:`vngkb.search.zoek`: stemming, synonyms,
    whole words), best hits first. *backend* is not used: the search index is built from
    the KB's files."""
    from vngkb.search import zoek as zoek_in_index

    return _hits_table(zoek_in_index(term, mode="all", limit=20, brief=brief))
