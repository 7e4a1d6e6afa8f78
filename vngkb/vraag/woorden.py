"""The words ``vngkb interpret`` knows besides the questions' ``#+ examples`` and the KB's
labels: stop words, years in words, amount units, cue words. They are data, in
``queries/vraag-woorden.tsv`` (soort, woorden, waarde), so that adding a synonym is
editing that file, not the code.

Years in words count from the budget year of the letter a question is about
(:meth:`Woorden.met_basisjaar`), never from a constant:

>>> w = lees_woorden()
>>> w.jaren
{}
>>> w.met_basisjaar(2020).jaren["volgend jaar"], w.met_basisjaar(2021).jaren["komend jaar"]
('2021', '2021')
>>> w.brieven["in de brief van"], w.brieven["vorig jaar"]
('jaar', 'vorige')
>>> "de" in w.stopwoorden
True
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from vngkb.core.errors import InputError
from vngkb.core.paths import QUERIES_DIR
from vngkb.text.dutch import STOP_WORDS

#: The data file (see its header for the kinds of rows).
WOORDEN_FILE = QUERIES_DIR / "vraag-woorden.tsv"

_SOORTEN = ("stopwoord", "jaar", "brief", "eenheid", "valuta", "ondergrens", "zoeken",
            "waarde", "hoofdstuk", "vraagwoord", "toon")
#: A ``jaar`` row's value: years after (+) or before (-) the letter's budget year.
_VERSCHUIVING = re.compile(r"[+-][0-9]")
#: A ``brief`` row's value: a budget year follows, or the letter before.
_BRIEF_WAARDEN = ("jaar", "vorige")


@dataclass(frozen=True)
class Woorden:
    """The rows of the words file, by kind; keys are lower-case word sequences."""

    #: The shared Dutch stop words and the file's (words that say nothing about a question).
    stopwoorden: frozenset[str] = frozenset()
    #: Years in words, as years: empty until :meth:`met_basisjaar` names the letter's
    #: budget year they count from.
    jaren: dict[str, str] = field(default_factory=dict)
    #: Years in words: how many years after the letter's budget year each means.
    verschuivingen: dict[str, int] = field(default_factory=dict)
    #: Words that name the letter: "jaar" (its budget year follows) or "vorige".
    brieven: dict[str, str] = field(default_factory=dict)
    eenheden: dict[str, int] = field(default_factory=dict)
    valuta: frozenset[str] = frozenset()
    ondergrens: tuple[str, ...] = ()
    zoeken: tuple[str, ...] = ()
    #: words → (parameter name, value)
    waarden: dict[str, tuple[str, str]] = field(default_factory=dict)
    hoofdstuk: frozenset[str] = frozenset()
    #: Words that ask (wat, waar, hoeveel, ...): never a search term.
    vraagwoorden: frozenset[str] = frozenset()
    #: Words that ask what the letter says about something ("wat zegt de brief over"):
    #: with a measure, the answer is ``vngkb show``.
    toon: tuple[str, ...] = ()
    #: The file's text (part of the index cache's key).
    bron: str = ""

    def met_basisjaar(self, jaar: int) -> Woorden:
        """These words with their years in words counted from budget year *jaar* (the
        year of the letter the question is about)."""
        return dataclasses.replace(self, jaren={words: str(jaar + shift) for words, shift
                                                in self.verschuivingen.items()})


def _longest_first(items: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(items), key=lambda s: (-len(s.split()), -len(s), s)))


@functools.cache
def lees_woorden(path: Path = WOORDEN_FILE) -> Woorden:
    """Read the words file; a malformed row names its file and line."""
    rows: dict[str, list[tuple[str, str]]] = {s: [] for s in _SOORTEN}
    from vngkb.rdf.files import read_file_text

    text = read_file_text(path)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("soort\t"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or cells[0] not in rows or not cells[1].strip():
            raise InputError(f"{path}:{number}: expected 'soort<TAB>woorden<TAB>waarde' "
                             f"with soort one of {', '.join(_SOORTEN)}")
        rows[cells[0]].append((cells[1].strip().lower(), cells[2].strip()))
    waarden: dict[str, tuple[str, str]] = {}
    for words, value in rows["waarde"]:
        name, sep, literal = value.partition("=")
        if not sep or not name or not literal:
            raise InputError(f"{path}: waarde row {words!r}: expected parameter=waarde")
        waarden[words] = (name, literal)
    eenheden: dict[str, int] = {}
    for words, value in rows["eenheid"]:
        if not value.isascii() or not value.isdigit():
            raise InputError(f"{path}: eenheid row {words!r}: {value!r} is not a number")
        eenheden[words] = int(value)
    for words, value in rows["jaar"]:
        if not _VERSCHUIVING.fullmatch(value):
            raise InputError(f"{path}: jaar row {words!r}: {value!r} is not +N or -N (years "
                             "from the letter's budget year)")
    for words, value in rows["brief"]:
        if value not in _BRIEF_WAARDEN:
            raise InputError(f"{path}: brief row {words!r}: {value!r} is not one of "
                             f"{', '.join(_BRIEF_WAARDEN)}")
    return Woorden(
        stopwoorden=STOP_WORDS | {w for w, _ in rows["stopwoord"]},
        verschuivingen={words: int(value) for words, value in rows["jaar"]},
        brieven=dict(rows["brief"]), eenheden=eenheden,
        valuta=frozenset(w for w, _ in rows["valuta"]),
        ondergrens=_longest_first([w for w, _ in rows["ondergrens"]]),
        zoeken=_longest_first([w for w, _ in rows["zoeken"]]),
        waarden=waarden, hoofdstuk=frozenset(w for w, _ in rows["hoofdstuk"]),
        vraagwoorden=frozenset(w for w, _ in rows["vraagwoord"]),
        toon=_longest_first([w for w, _ in rows["toon"]]), bron=text)
