"""The letters in a KB (each a ``def:Brondocument``) in the order of their budget year,
for the questions and commands that pick one (the newest by default) or compare two.

:func:`choose` is the one answer to "which letter": every command that takes
``--brief`` (toon, zoek, vraag, totalen, accres, audit) and the web pages resolve the
user's value through it, so a letter is named the same way everywhere (its id, its IRI
or its budget year) and an unknown one is the same one-line error listing the letters
the KB holds.

A letter's id is the last part of its IRI (``ledenbrief-miljoenennota-2020``); what it
states carries that id in its IRIs (``id/maatregel/{letter}/{slug}``), see
docs/letters.md.

>>> from vngkb.rdf.namespaces import ID
>>> letter_of_iri(ID + "maatregel/ledenbrief-miljoenennota-2020/woningbouw")
'ledenbrief-miljoenennota-2020'
>>> letter_of_iri(ID + "thema/jeugd") is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vngkb.core.errors import LetterError, shorten
from vngkb.core.paths import DRAFT_FOLDER, LETTER_SOURCE_NAME
from vngkb.i18n import t
from vngkb.kb.layout import LETTER_KINDS, KbFolder, kb_folder, letter_of_iri
from vngkb.query.store import Backend
from vngkb.rdf.namespaces import DCT, DEF, ID

__all__ = ["BRON", "LETTER_KINDS", "Letter", "choose", "folder_letters", "letter_of_iri",
           "letters", "newest", "previous", "source_file"]

#: The longest value of ``--brief`` that is looked at (an id is at most 100 characters,
#: its IRI some 140): a longer one is unknown without being compared.
MAX_BRIEF = 300

BRON = ID + "bron/"

_LETTERS = """
SELECT ?brief ?jaar ?titel WHERE {
  ?brief a <https://w3id.org/vngkb/def/Brondocument> .
  OPTIONAL { ?brief <https://w3id.org/vngkb/def/begrotingsjaar> ?jaar }
  OPTIONAL { ?brief <http://purl.org/dc/terms/title> ?titel }
}"""


@dataclass(frozen=True, order=True)
class Letter:
    """One letter: ordered by budget year (a letter without one first), then id."""

    year: int
    id: str
    iri: str
    title: str

    def label(self) -> str:
        """``Ledenbrief Miljoenennota 2020 (ledenbrief-miljoenennota-2020)``: how a result
        says which letter it is about."""
        return f"{self.title} ({self.id})" if self.title else self.id

    def line(self) -> str:
        """The line a result for people starts with: ``Brief: {label}``."""
        return t("letter_line", letter=self.label())


def letters(backend: Backend) -> list[Letter]:
    """Every letter in the KB, oldest first (:class:`Letter` order)."""
    found: dict[str, Letter] = {}
    for iri, year, title in backend.select(_LETTERS).rows:
        if iri is None or iri.kind != "iri":
            continue
        number = int(year.value[:4]) if year is not None and year.value[:4].isdigit() else 0
        letter = Letter(year=number, id=iri.value.rstrip("/").rpartition("/")[2],
                        iri=iri.value, title="" if title is None else title.value)
        known = found.get(iri.value)
        if known is None or letter > known:
            found[iri.value] = letter
    return sorted(found.values())


def newest(backend: Backend) -> Letter | None:
    """The letter with the latest budget year (of equal years, the last id), or None."""
    every = letters(backend)
    return every[-1] if every else None


def previous(every: Sequence[Letter], letter: Letter) -> Letter:
    """The letter before *letter* in *every* (oldest first): "vorig jaar", "de vorige
    brief". A :class:`LetterError` when *letter* is the oldest."""
    ordered = sorted(every)
    at = ordered.index(letter)
    if at == 0:
        raise LetterError(t("letter_none_before", letter=letter.id, known=_known(ordered)))
    return ordered[at - 1]


def _known(every: Sequence[Letter]) -> str:
    """``ledenbrief-miljoenennota-2020 (2020), ...``: the letters an error lists."""
    return ", ".join(f"{letter.id} ({letter.year})" if letter.year else letter.id
                     for letter in sorted(every)) or "-"


def _matches(letter: Letter, value: str) -> bool:
    if value.casefold() == letter.id.casefold() or value == letter.iri:
        return True
    return len(value) == 4 and value.isascii() and value.isdigit() and int(value) == letter.year


def choose(every: Sequence[Letter], brief: str | None = None, *,
           having: Callable[[Letter], bool] | None = None, what: str = "",
           newest: bool = True) -> Letter:
    """The letter *brief* names among *every*: its id (any case), its IRI, or its budget
    year (four digits, when one letter has it). Without *brief*, the newest letter (of
    those *having* what the command needs, when given); with ``newest=False`` the one
    letter of a KB of one, and for a KB of several an error that lists them (a command
    whose answer would silently be another letter's, such as the lines of a text).

    Errors are one line (:class:`LetterError`, exit code 2) and list the letters the KB
    holds: an unknown letter, a year that several letters have, a letter without *what*
    (the text of *having*, e.g. "accrestabellen"), a KB without any letter, no letter
    named among several (``newest=False``).

    >>> a = Letter(2020, "ledenbrief-miljoenennota-2020", BRON + "ledenbrief-miljoenennota-2020",
    ...            "Ledenbrief Miljoenennota 2020")
    >>> b = Letter(2021, "synthetische-ledenbrief-2021", BRON + "synthetische-ledenbrief-2021", "")
    >>> [choose([a, b]).year, choose([a, b], "2020").year, choose([a, b], b.iri).year]
    [2021, 2020, 2021]
    >>> choose([a, b], "2019")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vngkb.core.errors.LetterError: brief '2019' staat niet in de KB; de KB kent ...
    """
    ordered = sorted(every)
    usable = [letter for letter in ordered if having is None or having(letter)]
    if brief is None:
        if not usable:
            raise LetterError(t("letter_none_having", what=what, known=_known(ordered))
                              if ordered and what else t("letter_none"))
        if not newest and len(usable) > 1:
            raise LetterError(t("letter_choose", known=_known(usable)))
        return usable[-1]
    if not isinstance(brief, str):
        raise TypeError(f"brief must be a str, not {type(brief).__name__}")
    found = [] if len(brief) > MAX_BRIEF else [each for each in ordered
                                                   if _matches(each, brief)]
    if not found:
        raise LetterError(t("letter_unknown", value=shorten(brief), known=_known(ordered)))
    if len(found) > 1:
        raise LetterError(t("letter_ambiguous", value=shorten(brief), known=_known(found)))
    letter = found[0]
    if having is not None and not having(letter):
        raise LetterError(t("letter_lacks", letter=letter.id, what=what,
                            known=_known(usable)))
    return letter


def folder_letters(folder: KbFolder | None = None) -> list[Letter]:
    """The letters of the KB folder in use (or *folder*), oldest first, read from their
    folders without loading the KB: each letter's declaration (``bron:{letter}`` with its
    ``def:begrotingsjaar`` and ``dct:title``), looked for in ``brief.ttl`` first. For the
    commands that read a letter's files directly (``vngkb accres``, ``vngkb audit``)."""
    import pyoxigraph as ox

    folder = kb_folder() if folder is None else folder
    found = []
    for letter_id in folder.letters:
        iri = BRON + letter_id
        files = folder.letter_files(letter_id)
        files.sort(key=lambda p: p.name != "brief.ttl")
        year, title = 0, ""
        for path in files:
            try:
                quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
            except (OSError, SyntaxError, ValueError):
                continue  # loading the KB reports it, with its line
            for quad in quads:
                if not isinstance(quad.subject, ox.NamedNode) or quad.subject.value != iri:
                    continue
                value = quad.object.value
                if quad.predicate.value == DEF + "begrotingsjaar" and value[:4].isdigit():
                    year = int(value[:4])
                elif quad.predicate.value == DCT + "title" and not title:
                    title = value
            if year:
                break
        found.append(Letter(year=year, id=letter_id, iri=iri, title=title))
    return sorted(found)


def source_file(letter: Letter, folder: KbFolder | None = None) -> Path:
    """The letter's text, whose lines its statements' ``def:eersteRegel`` and
    ``def:laatsteRegel`` count: ``bron.txt`` in its folder, else ``sources/{letter}.txt``
    (:meth:`vngkb.kb.layout.KbFolder.source`, the file the shapes measure the letter's
    lines against). A letter without a text is a :class:`LetterError`.

    >>> source_file(folder_letters()[0]).name
    'ledenbrief-miljoenennota-2020.txt'
    """
    folder = kb_folder() if folder is None else folder
    path = folder.source(letter.id)
    if not path.is_file():
        from vngkb.rdf.files import shown

        raise LetterError(t("letter_no_text", letter=letter.id,
                            own=shown(folder.letter_dir(letter.id) / LETTER_SOURCE_NAME),
                            shared=shown(path)))
    return path


def accres_file(letter: Letter, folder: KbFolder | None = None) -> Path | None:
    """The letter's published accres figures (its ``accres.ttl``), or, for a letter
    without them, the draft's (``concept/accres.ttl``: every printed cell as ``vngkb
    ingest`` read it, so ``vngkb audit`` checks a new letter's arithmetic before it is
    confirmed), or None."""
    folder = kb_folder() if folder is None else folder
    for path in (folder.letter_dir(letter.id) / "accres.ttl",
                 folder.letter_dir(letter.id) / DRAFT_FOLDER / "accres.ttl"):
        if path.is_file():
            return path
    return None
