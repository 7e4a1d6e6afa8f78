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


def vngkb(*args: str) -> tuple[int, str, str]:
    """``vngkb ARGS`` in-process: (exit code, stdout, stderr). With ``--kb DIR`` the test
    takes the ``own_kb_variable`` fixture (tests/conftest.py), as ``--kb`` sets
    VNGKB_KB_DIR for the rest of the process."""
    from click.testing import CliRunner

    from vngkb.cli.commands import main

    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr
