"""The layout of a KB folder: one folder per letter, named by the letter's id, holding
its Turtle files (and drafts in ``concept/``, and its text as ``bron.txt`` where it is
not the shipped one), and a folder ``gedeeld/`` for what the letters share. A folder
``ontology/`` beside them stands in for the shipped ontology files of the same name.

    kb/
      gedeeld/wetten.ttl
      ledenbrief-miljoenennota-2020/brief.ttl, h01-financien.ttl, ...
      ledenbrief-miljoenennota-2020/concept/*.ttl     (drafts, when there are any)

The folder in use is the shipped ``kb/`` unless ``--kb DIR`` or ``VNGKB_KB_DIR`` names
another (:func:`vngkb.core.paths.kb_dir`). A folder that is not a KB is refused with one
line (an :class:`~vngkb.core.errors.InputError`, exit 2):

>>> from vngkb.core.paths import KB_DIR
>>> kb_folder(KB_DIR).letters
('ledenbrief-miljoenennota-2020',)
>>> kb_folder(KB_DIR / "README.md")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
vngkb.core.errors.InputError: --kb '.../kb/README.md': ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from vngkb.core.errors import InputError, shorten
from vngkb.core.paths import (
    DRAFT_FOLDER,
    KB_DIR,
    LETTER_SOURCE_NAME,
    ONTOLOGY_DIR,
    ONTOLOGY_FOLDER,
    SHARED_FOLDER,
    SOURCES_DIR,
    kb_dir,
    turtle_files,
)
from vngkb.i18n import t
from vngkb.rdf.namespaces import ID

#: A letter's id (its folder's name): lowercase, readable, as the IRIs carry it.
LETTER_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
#: Kinds of things a letter states: their IRIs carry the letter, type first
#: (``{base}/id/{kind}/{letter}/{slug}``; the foreword is ``id/voorwoord/{letter}``).
#: Everything else in ``id/`` is shared (themes, instruments, laws, motions, ...).
LETTER_KINDS = ("maatregel", "bedrag", "hoofdstuk", "accres", "accres-berekend",
                "accresreden", "dataset", "afkorting", "inwerkingtreding",
                "tegenstrijdigheid", "voorwaarde", "voorwoord", "berekening", "telling",
                "reeks")
#: Kinds whose IRI is the letter alone (``id/voorwoord/{letter}``).
_ONE_PER_LETTER = ("voorwoord",)


def letter_of_iri(iri: str) -> str | None:
    """The letter an IRI of a letter's content carries; None for a shared thing, and for
    an IRI of a letter's kind without a letter (an IRI from before the series, which
    only says what replaced it).

    >>> letter_of_iri(ID + "maatregel/ledenbrief-miljoenennota-2020/woningbouw")
    'ledenbrief-miljoenennota-2020'
    >>> letter_of_iri(ID + "voorwoord/ledenbrief-miljoenennota-2020")
    'ledenbrief-miljoenennota-2020'
    >>> [letter_of_iri(ID + "maatregel/woningbouw"), letter_of_iri(ID + "thema/jeugd")]
    [None, None]
    """
    if not iri.startswith(ID):
        return None
    kind, _, rest = iri[len(ID):].partition("/")
    if kind not in LETTER_KINDS or not rest:
        return None
    if kind in _ONE_PER_LETTER:
        return rest if "/" not in rest else None
    letter, slash, inner = rest.partition("/")
    return letter if slash and inner and letter else None


def letter_of_bron(iri: str) -> str | None:
    """The id of the letter *iri* is the ``bron`` IRI of, else None."""
    if not iri.startswith(ID + "bron/"):
        return None
    letter = iri[len(ID + "bron/"):]
    return letter if LETTER_ID.fullmatch(letter) else None


@dataclass(frozen=True)
class KbFolder:
    """A checked KB folder: its letters (by id, sorted) and where their files are."""

    root: Path
    letters: tuple[str, ...]

    def letter_dir(self, letter: str) -> Path:
        return self.root / letter

    @property
    def shared_dir(self) -> Path:
        return self.root / SHARED_FOLDER

    def ontology_files(self) -> list[Path]:
        """The shipped ontology files, each replaced by the KB folder's own file of the
        same name where it has one, then the KB folder's other ontology files."""
        own = {p.name: p for p in turtle_files(self.root / ONTOLOGY_FOLDER)}
        shipped = turtle_files(ONTOLOGY_DIR)
        files = [own.pop(p.name, p) for p in shipped]
        return files + sorted(own.values())

    def letter_files(self, letter: str) -> list[Path]:
        """The letter's curated files, then its drafts."""
        folder = self.letter_dir(letter)
        return turtle_files(folder, folder / DRAFT_FOLDER)

    def shared_files(self) -> list[Path]:
        """The shipped shared files (the laws and their BWB ids), each replaced by the KB
        folder's own file of the same name where it has one, then its other shared files:
        what persists across letters is there for a KB of drafts too, as the ontology is."""
        own = {p.name: p for p in turtle_files(self.shared_dir)}
        shipped = turtle_files(KB_DIR / SHARED_FOLDER)
        files = [own.pop(p.name, p) for p in shipped]
        return files + sorted(own.values())

    def kb_files(self) -> list[Path]:
        """The shared files, then each letter's."""
        files = self.shared_files()
        for letter in self.letters:
            files.extend(self.letter_files(letter))
        return files

    def files(self) -> list[Path]:
        """Everything a query sees: ontology, shared files, letters (with drafts)."""
        return self.ontology_files() + self.kb_files()

    def accres_files(self) -> list[Path]:
        """Each letter's published accres figures (``accres.ttl``), where it has them."""
        found = [self.letter_dir(letter) / "accres.ttl" for letter in self.letters]
        return [path for path in found if path.is_file()]

    def source(self, letter: str) -> Path:
        """The letter's text: ``bron.txt`` in its folder, else ``sources/{letter}.txt``."""
        own = self.letter_dir(letter) / LETTER_SOURCE_NAME
        return own if own.is_file() else SOURCES_DIR / f"{letter}.txt"

    def letter_of(self, path: Path) -> str | None:
        """The letter whose folder holds *path* (its drafts included), or None."""
        try:
            parts = path.resolve().relative_to(self.root.resolve()).parts
        except ValueError:
            return None
        return parts[0] if len(parts) > 1 and parts[0] in self.letters else None


def _refuse(directory: Path, key: str, **fields: str) -> InputError:
    return InputError(f"--kb {shorten(str(directory))}: " + t(key, **fields))


def kb_folder(directory: Path | None = None) -> KbFolder:
    """The KB folder *directory* (default: the one in use), checked: it exists, is a
    folder, and holds at least one letter folder with Turtle files; no Turtle file lies
    loose at its top, and every other folder is named like a letter."""
    root = kb_dir() if directory is None else directory
    try:
        if not root.exists():
            raise _refuse(root, "kb_missing")
        if not root.is_dir():
            raise _refuse(root, "kb_not_folder")
        entries = sorted(root.iterdir())
    except OSError as error:  # a name too long for the file system, no permission, ...
        raise _refuse(root, "kb_unreadable", reason=str(error.strerror)) from None
    loose = [p.name for p in entries if p.suffix == ".ttl" and p.is_file()]
    if loose:
        raise _refuse(root, "kb_loose_files", names=shorten(", ".join(loose)))
    letters = []
    for entry in entries:
        if not entry.is_dir() or entry.name.startswith((".", "_")) or entry.name in (
                SHARED_FOLDER, ONTOLOGY_FOLDER):
            continue
        if not LETTER_ID.fullmatch(entry.name):
            raise _refuse(root, "kb_bad_letter_name", name=shorten(entry.name))
        if turtle_files(entry, entry / DRAFT_FOLDER):
            letters.append(entry.name)
    if not letters:
        raise _refuse(root, "kb_no_letter" if entries else "kb_empty")
    return KbFolder(root=root, letters=tuple(letters))
