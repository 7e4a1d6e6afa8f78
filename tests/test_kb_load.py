"""vngkb.kb.load: the default files of the KB, and a file that cannot be read or parsed
is one line naming the file (and the line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import DATA
from vngkb.core.errors import KbSyntaxError
from vngkb.kb.load import default_files, load_store


def test_default_files_cover_ontology_and_kb() -> None:
    names = {p.parent.name + "/" + p.name for p in default_files()}
    assert {"ontology/vngkb.ttl", "ontology/shapes.ttl",
            "ledenbrief-miljoenennota-2020/brief.ttl",
            "ledenbrief-miljoenennota-2020/h01-financien.ttl", "gedeeld/wetten.ttl"} <= names


def test_syntax_error_names_file_and_line() -> None:
    with pytest.raises(KbSyntaxError) as caught:
        load_store([DATA / "kb" / "syntax-error.ttl"])
    message = str(caught.value)
    assert message.startswith(f"{DATA / 'kb' / 'syntax-error.ttl'}:7: Turtle-syntaxfout:")
    assert "\n" not in message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(KbSyntaxError, match="kan niet lezen"):
        load_store([tmp_path / "absent.ttl"])
