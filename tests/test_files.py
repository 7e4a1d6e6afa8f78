"""vngkb.rdf.files.shown: how a message shows a path, at the bounds and hostile."""

from __future__ import annotations

from pathlib import Path

import pytest

from vngkb.core.errors import ECHO_LIMIT, shorten
from vngkb.rdf.files import shown


@pytest.mark.parametrize("length", [ECHO_LIMIT - 1, ECHO_LIMIT])
def test_a_short_printable_path_is_shown_whole(length: int) -> None:
    path = "/" + "d" * (length - len("//x.ttl")) + "/x.ttl"
    assert len(path) == length
    assert shown(path) == path
    assert shown(Path(path)) == path


@pytest.mark.parametrize("length", [ECHO_LIMIT + 1, 1000, 1_000_000])
def test_a_long_printable_path_is_shown_by_its_end(length: int) -> None:
    path = "/" + "d" * (length - len("//h01-financiën.ttl")) + "/h01-financiën.ttl"
    text = shown(path)
    assert len(text) == ECHO_LIMIT
    assert text.startswith("…") and text.endswith("/h01-financiën.ttl")


@pytest.mark.parametrize("path", ["/kb/a\x00b.ttl", "/kb/a\nb.ttl", "/kb/\x1b[31mrood.ttl",
                                  "/kb/" + "\x07" * 1000])
def test_control_characters_are_escaped_and_bounded(path: str) -> None:
    text = shown(path)
    assert text == shorten(path)
    assert text.isprintable() and "\n" not in text
    assert len(text) <= ECHO_LIMIT + len("… (1004 tekens)")
