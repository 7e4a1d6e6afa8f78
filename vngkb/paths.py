"""Where the project's data lives: ``ontology/``, ``kb/`` and ``queries/`` beside the
package (the project is installed in place with ``pip install -e .``)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
KB_DIR = PROJECT_ROOT / "kb"
QUERIES_DIR = PROJECT_ROOT / "queries"
CHECKS_DIR = QUERIES_DIR / "checks"


def turtle_files(*dirs: Path) -> list[Path]:
    """The ``*.ttl`` files of *dirs*, each directory's in name order."""
    files: list[Path] = []
    for directory in dirs:
        files.extend(sorted(directory.glob("*.ttl")))
    return files
