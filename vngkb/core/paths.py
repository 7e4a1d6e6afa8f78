"""Where vngkb's data lives: ``ontology/``, ``kb/``, ``queries/``, ``sources/`` and
``publication/``.

In the source tree (an editable install, ``make install``) they are the project's own
folders beside the package. A wheel (``pip install .``, pipx) carries copies of them
inside the package, in ``vngkb/_data/`` (``setup.py`` puts them there when it builds), so
an installed vngkb knows the same KB, shapes and questions as the source tree.

>>> (DATA_ROOT / "queries").is_dir() and (DATA_ROOT / "kb").is_dir()
True
"""

from __future__ import annotations

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
#: The letter's text, shipped with the project (see ``sources/README.md``).
SOURCE_FILE = SOURCES_DIR / "ledenbrief-miljoenennota-2020.txt"
#: Its SHA-256: line numbers in kb/ are only valid for exactly this text.
SOURCE_SHA256 = "e7501f2b2a0ecb3faa912f635583770e558fd4afb63b65d414e477f26ea48dda"


def turtle_files(*dirs: Path) -> list[Path]:
    """The ``*.ttl`` files of *dirs*, each directory's in name order."""
    files: list[Path] = []
    for directory in dirs:
        files.extend(sorted(directory.glob("*.ttl")))
    return files
