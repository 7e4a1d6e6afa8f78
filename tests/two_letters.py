"""The synthetic second letter of the tests (tests/data/brieven/.../README.md) and a KB
folder of two letters: the ``two_letters_kb`` and ``two_letters`` fixtures of
tests/conftest.py build one per session."""

from __future__ import annotations

from pathlib import Path

from tests import DATA

#: The synthetic second letter for the tests (tests/data/brieven/.../README.md).
SYNTHETIC_LETTER = "synthetische-ledenbrief-2021"
SYNTHETIC_FOLDER = DATA / "brieven" / SYNTHETIC_LETTER


def copy_two_letters(root: Path) -> Path:
    """A KB folder *root* of two letters: a copy of the shipped kb/ and the synthetic
    2021 letter's folder (its KB files and its text, ``bron.txt``)."""
    import shutil

    from vngkb.core.paths import KB_DIR

    shutil.copytree(KB_DIR, root)
    letter = root / SYNTHETIC_LETTER
    letter.mkdir()
    for path in [*sorted((SYNTHETIC_FOLDER / "kb").glob("*.ttl")),
                 SYNTHETIC_FOLDER / "bron.txt"]:
        shutil.copy(path, letter / path.name)
    return root
