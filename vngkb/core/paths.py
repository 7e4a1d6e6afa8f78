"""Where vngkb's data lives: ``ontology/``, ``kb/``, ``queries/``, ``sources/`` and
``publication/``, and which KB folder is in use: the shipped ``kb/``, or the one
``--kb DIR`` or ``VNGKB_KB_DIR`` names (see :mod:`vngkb.kb.layout` and docs/letters.md).

In the source tree (an editable install, ``make install``) they are the project's own
folders beside the package. A wheel (``pip install .``, pipx) carries copies of them
inside the package, in ``vngkb/_data/`` (``setup.py`` puts them there when it builds), so
an installed vngkb knows the same KB, shapes and questions as the source tree.

>>> (DATA_ROOT / "queries").is_dir() and (DATA_ROOT / "kb").is_dir()
True
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

#: The folder name of the data inside an installed package.
PACKAGED_DATA = "_data"


def _data_root() -> Path:
    """The packaged copy where there is one (a wheel), else the source tree's folders."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / PACKAGED_DATA
    return packaged if packaged.is_dir() else package.parent


#: The folder that holds ontology/, kb/, queries/, sources/ and publication/.
DATA_ROOT = _data_root()
ONTOLOGY_DIR = DATA_ROOT / "ontology"
KB_DIR = DATA_ROOT / "kb"
QUERIES_DIR = DATA_ROOT / "queries"
CHECKS_DIR = QUERIES_DIR / "checks"
SOURCES_DIR = DATA_ROOT / "sources"
PUBLICATION_DIR = DATA_ROOT / "publication"
#: The id of the one real letter the project ships (its folder in kb/, its source text).
SHIPPED_LETTER = "ledenbrief-miljoenennota-2020"
#: The folder of a KB that holds what the letters share (laws, ...), not a letter.
SHARED_FOLDER = "gedeeld"
#: The folder of a KB whose Turtle files stand in for the shipped ontology files of the
#: same name (and add to them).
ONTOLOGY_FOLDER = "ontology"
#: The folder inside a letter's folder with drafted (not yet confirmed) statements.
DRAFT_FOLDER = "concept"
#: The name of a letter's source text inside its own folder (else ``sources/{letter}.txt``).
LETTER_SOURCE_NAME = "bron.txt"
#: The shipped letter's text, shipped with the project (see ``sources/README.md``).
SOURCE_FILE = SOURCES_DIR / f"{SHIPPED_LETTER}.txt"
#: Its SHA-256: line numbers in kb/ are only valid for exactly this text.
SOURCE_SHA256 = "e7501f2b2a0ecb3faa912f635583770e558fd4afb63b65d414e477f26ea48dda"
#: The shipped letter's published accres figures (the finance module's default input).
#: The shipped letter's folder in kb/.
SHIPPED_LETTER_DIR = KB_DIR / SHIPPED_LETTER
ACCRES_FILE = SHIPPED_LETTER_DIR / "accres.ttl"
#: The environment variable naming the KB folder when no ``--kb`` is given.
KB_VARIABLE = "VNGKB_KB_DIR"



def use_kb(directory: Path | None) -> str | None:
    """Use the KB in *directory* from now on, in this process and the processes it starts
    (query sandboxes, server workers): it is put in ``VNGKB_KB_DIR``, as an absolute path.
    Returns the variable's value before, for :func:`restore_kb`. Checked where it is
    opened (:func:`vngkb.kb.layout.kb_folder`)."""
    before = os.environ.get(KB_VARIABLE)
    if directory is not None:
        os.environ[KB_VARIABLE] = str(directory.absolute())
    return before


def restore_kb(before: str | None) -> None:
    """Put ``VNGKB_KB_DIR`` back as :func:`use_kb` found it."""
    if before is None:
        os.environ.pop(KB_VARIABLE, None)
    else:
        os.environ[KB_VARIABLE] = before


@contextlib.contextmanager
def kb_in_use(directory: Path | None) -> Iterator[None]:
    """Use the KB in *directory* (None: the one in use) within the block."""
    before = use_kb(directory)
    try:
        yield
    finally:
        restore_kb(before)


def kb_dir() -> Path:
    """The KB folder in use: ``VNGKB_KB_DIR`` (set by ``--kb``), else the shipped ``kb/``."""
    value = os.environ.get(KB_VARIABLE, "")
    return Path(value) if value.strip() else KB_DIR


def accres_file() -> Path:
    """The published accres figures the finance module reads unless told otherwise: the
    shipped letter's ``accres.ttl`` in the KB in use, else that of the last letter folder
    (by id) that has one (the model's relations are those of the shipped letter's
    circulaires; see docs/letters.md)."""
    root = kb_dir()
    own = root / SHIPPED_LETTER / "accres.ttl"
    if own.is_file() or not root.is_dir():
        return own
    found = sorted(p for p in root.glob("*/accres.ttl")
                   if p.parent.name not in (SHARED_FOLDER, ONTOLOGY_FOLDER))
    return found[-1] if found else own


def turtle_files(*dirs: Path) -> list[Path]:
    """The ``*.ttl`` files of *dirs*, each directory's in name order."""
    files: list[Path] = []
    for directory in dirs:
        files.extend(sorted(directory.glob("*.ttl")))
    return files
