"""The fall-back when no canned question fits: search the texts of the KB.

Uses the project's full-text search, ``vngkb.search.zoek(terms, mode=..., limit=...)``,
when it is installed, and otherwise the canned question ``zoek-in-teksten`` (a plain
substring search in the measures' texts), with the search term bound as a literal.
"""

from __future__ import annotations

import dataclasses
import importlib
from typing import Any

from vngkb import catalogue
from vngkb.store import Backend, ResultTable
from vngkb.terms import Term
from vngkb.vraag.normalise import tokens
from vngkb.vraag.woorden import Woorden

#: The canned question searched when ``vngkb.search`` is not there.
ZOEKVRAAG = "zoek-in-teksten"
#: Longest search term passed on (the canned question takes at most 100 characters).
MAX_ZOEKTERM = 100


def zoekterm(tekst: str, woorden: Woorden) -> str | None:
    """The word of *tekst* most worth searching for: the longest that is not a stop
    word or a number (the substring search takes one term), or None.

    >>> from vngkb.vraag.woorden import lees_woorden
    >>> zoekterm("Wat is er met de bibliotheken?", lees_woorden())
    'bibliotheken'
    """
    words = [t.tekst.lower() for t in tokens(tekst)
             if t.vorm not in woorden.stopwoorden and not t.vorm.isdigit() and len(t.vorm) > 2]
    if not words:
        return None
    return max(words, key=lambda w: (len(w), -words.index(w)))[:MAX_ZOEKTERM]


def _search_module() -> Any:
    try:
        return importlib.import_module("vngkb.search")
    except ImportError:
        return None


def _hits_table(hits: list[Any]) -> ResultTable:
    """The project search's hits as a table (one column per field of a hit)."""
    if hits and dataclasses.is_dataclass(hits[0]):
        columns = [f.name for f in dataclasses.fields(hits[0])]
        rows = [[None if getattr(h, c) is None else Term("literal", str(getattr(h, c)))
                 for c in columns] for h in hits]
        return ResultTable(columns=columns, rows=rows)
    return ResultTable(columns=["treffer"], rows=[[Term("literal", str(h))] for h in hits])


def zoek(term: str, backend: Backend) -> ResultTable:
    """Search the KB's texts for *term*."""
    module = _search_module()
    if module is not None and hasattr(module, "zoek"):
        return _hits_table(list(module.zoek(term, mode="all", limit=20)))
    question = catalogue.find_question(ZOEKVRAAG)
    return backend.select(question.query, question.bindings({"zoekterm": term}))
