"""Searching the index: the user's terms become stems, and stems become an FTS5 MATCH
expression made of double-quoted tokens only, so that no term (quotes, braces, ``NEAR``,
``*``, ``^``, ``:``, ``-``, AND/OR/NOT) can change the query: they are words or nothing.

Terms are words separated by spaces, or phrases in double quotes. A term equal to a label
of a concept in the schemes (``skos:prefLabel``, ``altLabel``, ``hiddenLabel``) is searched
as any of that concept's labels: ``jeugdzorg`` also finds ``jeugdhulp``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from vngkb.core.errors import InputError
from vngkb.i18n import _
from vngkb.kb.layout import letter_of_iri
from vngkb.search.index import TEXT_WEIGHT, TITLE_WEIGHT
from vngkb.text.dutch import STOP_WORDS, Word, forms, stems, words

Mode = Literal["all", "any"]

#: Most characters in the terms, and most terms: enough for any question, and a bound on
#: the work one request can cause.
MAX_CHARS = 500
MAX_TERMS = 20
#: Words of context on each side of the first match in a snippet.
CONTEXT_WORDS = 12


_TERM = re.compile(r'"([^"]*)"|([^\s"]+)')


@dataclass(frozen=True)
class Term:
    """One user term: its alternatives, each a sequence of stems (a phrase when longer
    than one), the first being what the user typed, the others its synonyms."""

    text: str
    alternatives: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Hit:
    """One search result.

    ``iri``/``kind``/``title``: what was found (a measure, the Voorwoord, a motion or
    amendment, an accres table); ``measure``/``measure_title``: the measure it is about
    (the measure itself, or the one a motion concerns; None otherwise), ``slug`` its short
    name; ``snippet``: the best matching text as (text, marked) pieces; ``field``: which
    text that is (titel, voornemen, gevolg, standpunt, bedrag, ...); ``first_line`` and
    ``last_line``: the source lines of that text; ``line``: the line of the first marked
    word, when it can be found in the source; ``score``: BM25 relevance (higher is better).
    """

    iri: str
    kind: str
    title: str
    measure: str | None
    measure_title: str | None
    snippet: tuple[tuple[str, bool], ...]
    field: str
    first_line: int
    last_line: int
    line: int | None
    score: float
    #: The id of the letter the hit is in (None: a shared thing no letter states).
    letter: str | None = None

    @property
    def slug(self) -> str:
        """The short name: the last segment of the measure's IRI (or the hit's own); the
        kind for what a letter has once (``id/voorwoord/{letter}``: ``voorwoord``)."""
        target = (self.measure or self.iri).rstrip("/")
        head, _, last = target.rpartition("/")
        return head.rsplit("/", 1)[-1] if last == letter_of_iri(target) else last

    def snippet_text(self, before: str = "**", after: str = "**") -> str:
        """The snippet with each marked word between *before* and *after*."""
        return "".join(f"{before}{t}{after}" if marked else t for t, marked in self.snippet)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready record (the snippet marked with ``**``)."""
        return {"slug": self.slug, "titel": self.measure_title or self.title,
                "soort": self.kind, "iri": self.iri, "maatregel": self.measure,
                "tekst": self.field, "fragment": self.snippet_text(),
                "eersteRegel": self.first_line, "laatsteRegel": self.last_line,
                "regel": self.line, "score": round(self.score, 4), "brief": self.letter}


def parse_terms(terms: str) -> list[list[str]]:
    """The user's terms as lists of stems: one list per word, one per quoted phrase.

    >>> parse_terms('woningen "warmte fonds" NEAR(x*) {} jeugd-hulp woningen')
    [['woning'], ['warmt', 'fond'], ['near', 'x'], ['jeugd', 'hulp']]
    >>> parse_terms('de woningen van "de brief"'), parse_terms('de')
    ([['woning'], ['de', 'brief']], [['de']])
    """
    if len(terms) > MAX_CHARS:
        raise InputError(_("zoektermen: {count} tekens, "
                           "hoogstens {max} toegestaan").format(count=len(terms), max=MAX_CHARS))
    parsed: list[list[str]] = []
    stop: list[list[str]] = []
    for match in _TERM.finditer(terms):
        phrase, word = match.groups()
        if phrase is not None:
            if found := stems(phrase):
                parsed.append(list(found))
        # A bare word with inner signs ("decentralisatie-uitkering") is a phrase of
        # its parts: the same words, side by side, as the letter writes them.
        elif found := stems(word):
            parsed.append(list(found))
            if len(found) == 1 and forms(word)[0] in STOP_WORDS:
                stop.append(parsed[-1])
    # A stop word on its own ("de", "van") is left out when other terms remain: with
    # --any it would find nearly every text, and with all terms it narrows nothing.
    if len(stop) < len(parsed):
        parsed = [t for t in parsed if not any(t is s for s in stop)]
    if not parsed:
        raise InputError(_("zoektermen: geen woord om naar te zoeken (alleen letters en cijfers "
                           "tellen)"))
    # A repeated term says nothing new and must not weigh more in the ranking.
    parsed = [list(t) for t in dict.fromkeys(tuple(t) for t in parsed)]
    if len(parsed) > MAX_TERMS:
        raise InputError(_("zoektermen: {count} "
                           "termen, hoogstens {max} "
                           "toegestaan").format(count=len(parsed), max=MAX_TERMS))
    return parsed


def expand(parsed: Sequence[Sequence[str]], connection: sqlite3.Connection) -> list[Term]:
    """Each parsed term with the labels of the concepts it names as alternatives."""
    expanded = []
    for term in parsed:
        key = " ".join(term)
        rows = connection.execute(
            "SELECT DISTINCT b.stems FROM synonym a JOIN synonym b ON a.concept = b.concept "
            "WHERE a.stems = ? ORDER BY b.stems", (key,)).fetchall()
        alternatives = [tuple(term)]
        alternatives += [tuple(r[0].split()) for r in rows if r[0] and r[0] != key]
        expanded.append(Term(key, tuple(alternatives)))
    return expanded


def _quoted(phrase: Sequence[str]) -> str:
    # Stems hold only letters and digits; doubling quotes keeps that true of the syntax
    # even if the tokenizer ever changed.
    return '"' + " ".join(s.replace('"', '""') for s in phrase) + '"'


def match_expression(terms: Sequence[Term], mode: Mode) -> str:
    """The FTS5 MATCH expression: quoted phrases, OR between alternatives, and AND or OR
    between terms.

    >>> match_expression([Term("a", (("jeugdzorg",), ("jeugdhulp",))), Term("b", (("x", "y"),))],
    ...                  "all")
    '("jeugdzorg" OR "jeugdhulp") AND ("x y")'
    """
    groups = ["(" + " OR ".join(_quoted(a) for a in t.alternatives) + ")" for t in terms]
    return (" AND " if mode == "all" else " OR ").join(groups)


def _phrase_matches(found: Sequence[Word], alternatives: Sequence[Sequence[str]],
                    positions: dict[str, list[int]]) -> list[tuple[int, int]]:
    """Index spans ``(i, j)`` in *found* where one of the *alternatives* stands;
    *positions*: where each stem of *found* stands."""
    spans = set()
    for alt in alternatives:
        for i in positions.get(alt[0], ()):
            if all(i + k < len(found) and found[i + k].stem == alt[k]
                   for k in range(1, len(alt))):
                spans.add((i, i + len(alt)))
    # One span per start: the longest alternative there.
    longest: dict[int, int] = {}
    for i, j in spans:
        longest[i] = max(j, longest.get(i, j))
    return sorted(longest.items())


def snippet(text: str, terms: Sequence[Term], found: Sequence[Word] | None = None,
            ) -> tuple[tuple[tuple[str, bool], ...], int, int]:
    """(pieces, number of terms found, offset of the first mark) for *text*: the window of
    words that holds the most terms, each matching word or phrase marked.

    >>> t = [Term("woning", (("woning",),))]
    >>> snippet("Meer woningen, sneller.", t)
    ((('Meer ', False), ('woningen', True), (', sneller.', False)), 1, 5)
    """
    found = list(words(text)) if found is None else found
    positions: dict[str, list[int]] = {}
    for n, word in enumerate(found):
        positions.setdefault(word.stem, []).append(n)
    marks: list[tuple[int, int, int]] = []  # (first word, after last word, term)
    for number, term in enumerate(terms):
        marks.extend((i, j, number)
                     for i, j in _phrase_matches(found, term.alternatives, positions))
    if not marks:
        return (), 0, -1
    marks.sort()
    matched_terms = len({m[2] for m in marks})

    def window(at: int) -> tuple[int, int]:
        return max(0, at - CONTEXT_WORDS), min(len(found), at + CONTEXT_WORDS * 2)

    # The window around the mark that shows the most different terms (earliest on a tie),
    # in one pass: a window starting at each mark, with a count of the terms inside it.
    first, best, inside = marks[0][0], 0, Counter[int]()
    right = 0
    left = 0
    for i, _start, _term in marks:
        lo, hi = window(i)
        while right < len(marks) and marks[right][0] < hi:
            inside[marks[right][2]] += 1
            right += 1
        while marks[left][0] < lo:
            inside[marks[left][2]] -= 1
            if not inside[marks[left][2]]:
                del inside[marks[left][2]]
            left += 1
        if len(inside) > best:
            first, best = i, len(inside)
    lo, hi = window(first)
    start = 0 if lo == 0 else found[lo].start
    end = len(text) if hi == len(found) else found[hi - 1].end
    pieces: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    at = start
    for i, j, _term in marks:
        if i < lo or j > hi or found[i].start < at:
            continue
        pieces.append((text[at:found[i].start], False))
        pieces.append((text[found[i].start:found[j - 1].end], True))
        at = found[j - 1].end
    pieces.append((text[at:end], False))
    if end < len(text):
        pieces.append(("…", False))
    first_mark = next(i for i, j, _ in marks if lo <= i and j <= hi)
    folded = tuple((re.sub(r"\s+", " ", t), m) for t, m in pieces if t)
    return folded, matched_terms, found[first_mark].start


def run(connection: sqlite3.Connection, terms: str, *, mode: str = "all", limit: int = 20,
        source_lines: Callable[[str], Sequence[str]] | None = None,
        letter: str | None = None) -> list[Hit]:
    """Search the index behind *connection*; see :func:`vngkb.search.zoek`.
    *source_lines* gives the lines of the letter a hit (its IRI) is in; with *letter* (an
    id), only what that letter states."""
    if mode not in ("all", "any"):
        raise InputError(_("zoekwijze {mode!r}: kies 'all' (alle termen) of 'any' (een van de "
                           "termen)").format(mode=str(mode)[:20]))
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 1000:
        raise InputError(_("aantal hits {limit}: kies een getal "
                           "van 1 tot en met 1000").format(limit=str(limit)[:20]))
    expanded = expand(parse_terms(terms), connection)
    expression = match_expression(expanded, "all" if mode == "all" else "any")
    try:
        rows = connection.execute(
            "SELECT fts.rowid, bm25(fts, ?, ?) AS rank FROM fts JOIN unit ON "
            "unit.id = fts.rowid WHERE fts MATCH ? AND (? IS NULL OR unit.letter = ?) "
            "ORDER BY rank, fts.rowid LIMIT ?",
            (TITLE_WEIGHT, TEXT_WEIGHT, expression, letter, letter, limit)).fetchall()
    except sqlite3.Error as error:  # cannot come from the terms: they are quoted tokens
        raise InputError(_("zoekindex: {error}").format(error=error)) from None
    return [_hit(connection, rowid, -rank, expanded, source_lines) for rowid, rank in rows]


def _hit(connection: sqlite3.Connection, rowid: int, score: float, terms: Sequence[Term],
         source_lines: Callable[[str], Sequence[str]] | None) -> Hit:
    iri, kind, title, measure, measure_title, letter = connection.execute(
        "SELECT iri, kind, title, measure, measure_title, letter FROM unit WHERE id = ?",
        (rowid,)).fetchone()
    best = 0
    chosen: tuple[tuple[tuple[str, bool], ...], str, int, int, str, int, list[Word]] | None = None
    for field, text, first, last, part_stems, part_words in connection.execute(
            "SELECT field, text, first_line, last_line, stems, words FROM part WHERE unit = ? "
            "ORDER BY seq", (rowid,)):
        present = set(part_stems.split())
        if not any(set(alt) <= present for term in terms for alt in term.alternatives):
            continue  # none of the terms in this part: no need to read it word by word
        found = [Word._make(w) for w in json.loads(part_words)]
        pieces, count, offset = snippet(text, terms, found)
        # Most terms first; among equals the earliest text after the title, which the
        # hit's heading shows anyway.
        if count > best or (count == best and chosen is not None and chosen[1] == "titel"):
            best = count
            chosen = (pieces, field, first, last, text, offset, found)
    if chosen is None:  # FTS5 matched what the snippets cannot show: show the title
        chosen = (((title, False),), "titel", 0, 0, title, -1, [])
    pieces, field, first, last, text, offset, found = chosen
    lines = source_lines(iri) if source_lines is not None else ()
    line = _locate(lines, first, last, text, offset, found) if lines else None
    return Hit(iri, kind, title, measure, measure_title, pieces, field, first, last, line,
               score, letter)


def _locate(lines: Sequence[str], first: int, last: int, text: str, offset: int,
            found: Sequence[Word]) -> int | None:
    """The source line (from *first* to *last*) of the word at *offset* in *text*: the
    first line there holding that word and the word before or after it, else the word."""
    if offset < 0 or first < 1:
        return None
    at = next(i for i, w in enumerate(found) if w.start == offset)
    word = text[found[at].start:found[at].end].lower()
    pattern = re.compile(r"(?<![^\W_])" + re.escape(word) + r"(?![^\W_])")
    candidates = [n for n in range(first, min(last, len(lines)) + 1)
                  if pattern.search(lines[n - 1].lower())]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    neighbours = [text[w.start:w.end].lower() for w in found[max(0, at - 1):at + 2]]
    for n in candidates:
        line = lines[n - 1].lower()
        if all(re.search(r"(?<![^\W_])" + re.escape(w) + r"(?![^\W_])", line + " "
                         + (lines[n].lower() if n < len(lines) else ""))
               for w in neighbours):
            return n
    return candidates[0]
