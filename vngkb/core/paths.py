"""Where the project's data lives: ``ontology/``, ``kb/`` and ``queries/`` beside the
package (the project is installed in place with ``pip install -e .``)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
KB_DIR = PROJECT_ROOT / "kb"
QUERIES_DIR = PROJECT_ROOT / "queries"
CHECKS_DIR = QUERIES_DIR / "checks"
SOURCES_DIR = PROJECT_ROOT / "sources"
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
