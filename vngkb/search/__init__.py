"""Ranked full-text search over every text of the KB (``vngkb search``, the web's /zoeken).

The canned question ``zoek-in-teksten`` (SPARQL, plain substring match in the measures'
intentions and effects) stays for endpoints; this is the ranked search, with Dutch
stemming, word boundaries, phrases, synonyms from the schemes and BM25 ranking.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vngkb.search.query import Hit, Mode, run

if TYPE_CHECKING:
    from vngkb.query.letters import Letter

__all__ = ["Hit", "Mode", "zoek", "zoek_in_brief"]


def _source_lines(iri: str) -> tuple[str, ...]:
    """The lines of the letter *iri* is in (the shipped letter's for a shared thing), to
    find each snippet's line; none if they are unreadable (hits then carry their text's
    line range only)."""
    from vngkb.core.paths import SOURCE_FILE
    from vngkb.kb.layout import kb_folder, letter_of_iri

    letter = letter_of_iri(iri)
    return _lines_of(SOURCE_FILE if letter is None else kb_folder().source(letter))


@functools.lru_cache(maxsize=8)
def _lines_of(path: Path) -> tuple[str, ...]:
    from vngkb.core.errors import InputError
    from vngkb.rdf.sourcetext import read_source

    try:
        return tuple(read_source(path))
    except InputError:
        return ()


def zoek(terms: str, *, mode: str = "all", limit: int = 20,
         files: Sequence[Path] | None = None, cache: Path | None = None,
         brief: str | None = None) -> list[Hit]:
    """Search the texts of one letter of the KB for *terms*; the best *limit* hits, best
    first.

    *terms*: words, and phrases in double quotes; each is stemmed (Dutch Snowball), so
    ``woningen`` finds ``woning``, and matches whole words only. A term that is a label of
    a concept in the schemes also finds the concept's other labels (``jeugdzorg`` finds
    ``jeugdhulp``). *mode* ``"all"`` (default): every term must occur in a hit; ``"any"``:
    at least one. *limit*: 1 to 1000. *files*: the Turtle files to search (default: the
    shipped ontology and KB); *cache*: where the index is kept (default:
    :func:`vngkb.search.index.cache_dir`); *brief*: the letter (id, IRI or budget year,
    :func:`vngkb.query.letters.choose`; default the newest). Raises
    :class:`vngkb.core.errors.InputError` for terms without a word, over 500 characters or
    20 terms, a bad mode or limit, or a letter the KB does not hold.

    >>> [h.slug for h in zoek("woningbouwimpuls")][:1]
    ['woningbouw']
    """
    return zoek_in_brief(terms, mode=mode, limit=limit, files=files, cache=cache,
                         brief=brief)[1]


def zoek_in_brief(terms: str, *, mode: str = "all", limit: int = 20,
                  files: Sequence[Path] | None = None, cache: Path | None = None,
                  brief: str | None = None) -> tuple[Letter | None, list[Hit]]:
    """:func:`zoek`, with the letter searched (None only for files that declare no
    letter, which are then searched whole)."""
    from vngkb.query.letters import choose
    from vngkb.search.index import index_letters, open_index

    connection = open_index(files, cache)
    try:
        every = index_letters(connection)
        letter = choose(every, brief) if every or brief is not None else None
        return letter, run(connection, terms, mode=mode, limit=limit,
                           source_lines=_source_lines,
                           letter=None if letter is None else letter.id)
    finally:
        connection.close()
