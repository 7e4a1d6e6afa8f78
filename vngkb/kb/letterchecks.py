"""Checks of a KB of many letters that need its folders: each letter's files state
things about that letter only (and about shared things, read in that letter: their
``dct:source`` is that letter), each letter folder declares its
letter (``bron:{letter} a def:Brondocument`` with one ``def:begrotingsjaar``), no two
letters share an id, and a measure continues (``def:vervolgVan``) a measure of an earlier
letter. :mod:`vngkb.validate.validation` reports every problem with file and
line; loading a KB with such a problem fails before anything is loaded or cached."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from vngkb.i18n import N_, _in
from vngkb.kb.layout import KbFolder, letter_of_bron, letter_of_iri
from vngkb.rdf.namespaces import DCT, DEF, ID, RDF

_TYPE = RDF + "type"
_LETTER_CLASS = DEF + "Brondocument"
_YEAR = DEF + "begrotingsjaar"
_REPLACED_BY = DCT + "isReplacedBy"
_CONTINUES = DEF + "vervolgVan"
_SOURCE = DCT + "source"
_UNKNOWN = "\x00"  # no letter id looks like this
_MEASURE = DEF + "Maatregel"
_PREFIX = re.compile(r"@prefix\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>"
                     r"|PREFIX\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>")


@dataclass(frozen=True)
class LetterProblem:
    """One problem: where (file and line, or a letter's folder), about what, and what."""

    path: Path
    line: int | None
    subject: str
    #: The message in Dutch (a msgid of the catalogue) and the values it names.
    message: str
    values: Mapping[str, object]

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def text(self, lang: str = "nl") -> str:
        return f"{self.where}: {_in(lang, self.message).format(**self.values)}"


def _line(data: bytes, iri: str) -> int | None:
    """The first line of *data* (Turtle) that names *iri*, in full or by a prefix."""
    text = data.decode("utf-8", errors="replace")
    forms = [f"<{iri}>"]
    for match in _PREFIX.finditer(text):
        name = match[1] if match[2] is not None else match[3]
        namespace = match[2] if match[2] is not None else match[4]
        if namespace and iri.startswith(namespace) and len(iri) > len(namespace):
            local = re.escape(iri[len(namespace):])
            forms.append(rf"(?<![\w:-]){re.escape(name or '')}:{local}(?![\w-])")
    for pattern in forms:
        found = re.search(pattern if pattern.startswith("(") else re.escape(pattern), text)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return None


def letter_problems(folder: KbFolder,
                    parsed: Iterable[tuple[Path, bytes, Sequence[ox.Quad]]]
                    ) -> list[LetterProblem]:
    """The problems of the letters of *folder* in the *parsed* files (path, bytes, quads)."""
    problems: list[LetterProblem] = []
    declared: dict[str, list[tuple[Path, bytes]]] = {}
    years: dict[str, set[str]] = {}
    year_values: dict[str, set[str]] = {}  # the same, by lexical value
    measures: set[str] = set()
    continued: list[tuple[Path, bytes, str, str, str]] = []
    letters_of: dict[str, str | None] = {}
    for path, data, quads in parsed:
        measures.update(q.subject.value for q in quads if q.predicate.value == _TYPE
                        and isinstance(q.subject, ox.NamedNode)
                        and isinstance(q.object, ox.NamedNode) and q.object.value == _MEASURE)
        own = folder.letter_of(path)
        if own is None:
            continue
        continued.extend((path, data, own, q.subject.value, q.object.value) for q in quads
                         if q.predicate.value == _CONTINUES
                         and isinstance(q.subject, ox.NamedNode)
                         and isinstance(q.object, ox.NamedNode))
        # A letter declared here: reported below as two letters with one id if it is
        # another folder's letter, not once more as a statement about another letter.
        reported = {q.subject.value for q in quads if q.predicate.value == _TYPE
                    and isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)
                    and q.object.value == _LETTER_CLASS and letter_of_bron(q.subject.value)}
        for iri in reported:
            declared.setdefault(str(letter_of_bron(iri)), []).append((path, data))
        for quad in quads:
            subject = quad.subject
            # An IRI from before the series says only what replaced it (it has no letter).
            if not isinstance(subject, ox.NamedNode):
                continue
            predicate = quad.predicate.value  # each read of a term's part makes a new str
            if predicate == _REPLACED_BY:
                continue
            iri = subject.value
            about = letters_of.get(iri, _UNKNOWN)
            if about is _UNKNOWN:  # once per subject: a subject has a dozen triples
                about = letters_of[iri] = letter_of_iri(iri) or letter_of_bron(iri)
            if predicate == _YEAR and about == own and letter_of_bron(iri) == own:
                year = quad.object
                years.setdefault(about, set()).add(str(year))
                if isinstance(year, ox.Literal):
                    year_values.setdefault(about, set()).add(year.value)
            if about is None or about == own:
                named = quad.object if predicate == _SOURCE else None
                source = letter_of_bron(named.value) if isinstance(named, ox.NamedNode) \
                    else None
                if source is not None and source != own and iri not in reported:
                    # A fact of this folder read in another letter: a statement about it.
                    reported.add(iri)
                    short = iri.removeprefix(ID)
                    problems.append(LetterProblem(
                        path, _line(data, f"{ID}bron/{source}") or _line(data, iri),
                        short,
                        N_("{short} heeft brief {source} als bron (dct:source), maar staat "
                           "in de map van brief {own}"),
                        {"short": short, "source": source, "own": own}))
                continue
            if iri in reported:
                continue
            reported.add(iri)
            short = iri.removeprefix(ID)
            problems.append(LetterProblem(
                path, _line(data, iri), short,
                N_("{short} hoort bij brief {about}, maar staat in de map van brief {own}"),
                {"short": short, "about": about, "own": own}))
    for letter in folder.letters:
        iri = f"{ID}bron/{letter}"
        places = declared.get(letter, [])
        if not any(folder.letter_of(path) == letter for path, _ in places):
            problems.append(LetterProblem(
                folder.letter_dir(letter), None, f"bron/{letter}",
                N_("de map van brief {letter} declareert de brief niet (<{iri}> a "
                   "def:Brondocument met def:begrotingsjaar)"), {"letter": letter, "iri": iri}))
            continue
        others = sorted({str(folder.letter_of(path)) for path, _ in places} - {letter})
        for path, data in places:
            if folder.letter_of(path) != letter:
                problems.append(LetterProblem(
                    path, _line(data, iri), f"bron/{letter}",
                    N_("twee brieven met dezelfde id {letter}: ook gedeclareerd in de map "
                       "van {others}"), {"letter": letter, "others": ", ".join(others)}))
        found = years.get(letter, set())
        if len(found) != 1:
            path, data = next((p, d) for p, d in places if folder.letter_of(p) == letter)
            problems.append(LetterProblem(
                path, _line(data, iri), f"bron/{letter}",
                N_("brief {letter} heeft {n} begrotingsjaren (def:begrotingsjaar); precies "
                   "één hoort (twee brieven met dezelfde id?)"),
                {"letter": letter, "n": len(found)}))
    problems += _continuations(continued, measures, year_values)
    return sorted(problems, key=lambda p: (str(p.path), p.line or 0, p.subject))


def _continuations(continued: Sequence[tuple[Path, bytes, str, str, str]], measures: set[str],
                   years: dict[str, set[str]]) -> list[LetterProblem]:
    """A problem for each *continued* link (file, bytes, the folder's letter, measure,
    the measure it continues) to no measure of the KB, or to one of the same or a later
    letter (by budget year; a letter without exactly one has a problem of its own)."""
    problems = []
    for path, data, own, measure, earlier in continued:
        mine = letter_of_iri(measure) or own
        theirs = letter_of_iri(earlier)
        short, other = measure.removeprefix(ID), earlier.removeprefix(ID)
        year, their_year = _one(years.get(mine)), _one(years.get(theirs or ""))
        values: dict[str, object] = {"short": short, "other": other}
        if earlier not in measures:
            message = N_("{short} is een vervolg (def:vervolgVan) van {other}, die niet in "
                         "een eerdere brief staat: {other} is geen maatregel in de KB")
        elif theirs == mine:
            message = N_("{short} is een vervolg (def:vervolgVan) van {other}, die niet in "
                         "een eerdere brief staat: {other} staat in dezelfde brief")
        elif year is not None and their_year is not None and int(their_year) >= int(year):
            message = N_("{short} is een vervolg (def:vervolgVan) van {other}, die niet in "
                         "een eerdere brief staat: {other} staat in brief {theirs} "
                         "({their_year}), niet eerder dan deze ({year})")
            values.update(theirs=theirs, their_year=their_year, year=year)
        else:
            continue
        problems.append(LetterProblem(
            path, _line(data, earlier) or _line(data, measure), short, message, values))
    return problems


def _one(found: set[str] | None) -> str | None:
    """The one budget year in *found*, if it holds exactly one that is a year."""
    if not found or len(found) != 1:
        return None
    year = next(iter(found))
    return year if year.isascii() and year.isdigit() else None
