"""The content-keyed cache on disk: where it lives, keys that cannot collide, entries
written whole or not at all, and a cache that is off or unusable is simply skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vngkb import diskcache


@pytest.mark.parametrize(("environment", "expected"), [
    ({"VNGKB_CACHE_DIR": "/tmp/eigen"}, Path("/tmp/eigen")),
    ({"VNGKB_CACHE_DIR": "", "XDG_CACHE_HOME": "/tmp/xdg"}, None),
    ({"VNGKB_CACHE_DIR": "   "}, None),
    ({"XDG_CACHE_HOME": "/tmp/xdg"}, Path("/tmp/xdg/vngkb")),
    ({"XDG_CACHE_HOME": "", "HOME": "/tmp/thuis"}, Path("/tmp/thuis/.cache/vngkb")),
    ({"HOME": "/tmp/thuis"}, Path("/tmp/thuis/.cache/vngkb")),
])
def test_where_the_cache_lives(monkeypatch: pytest.MonkeyPatch,
                               environment: dict[str, str], expected: Path | None) -> None:
    for name in ("VNGKB_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert diskcache.cache_dir() == expected


def test_keys_are_length_prefixed_so_parts_cannot_run_together() -> None:
    assert diskcache.key("ab", "c") != diskcache.key("a", "bc")
    assert diskcache.key("ab") != diskcache.key("a", "b")
    assert diskcache.key("a", b"a") == diskcache.key("a", "a")  # text is its UTF-8 bytes
    assert diskcache.key("é") == diskcache.key("é".encode())
    assert len(diskcache.key()) == 64
    assert diskcache.key() != diskcache.key("")


def test_a_write_then_read_gives_the_same_bytes(tmp_path: Path) -> None:
    data = bytes(range(256)) * 1000
    diskcache.write("entry.bin", data, tmp_path / "nieuw")
    assert diskcache.read("entry.bin", tmp_path / "nieuw") == data
    diskcache.write("entry.bin", b"vervangen", tmp_path / "nieuw")
    assert diskcache.read("entry.bin", tmp_path / "nieuw") == b"vervangen"
    assert sorted(p.name for p in (tmp_path / "nieuw").iterdir()) == ["entry.bin"]


def test_missing_or_unusable_folders_are_skipped(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")
    diskcache.write("entry", b"data", blocker)  # the folder is a file: nothing happens
    assert blocker.read_text() == "geen map"
    assert diskcache.read("entry", blocker) is None
    assert diskcache.read("entry", tmp_path / "bestaat-niet") is None
    monkeypatch.setenv("VNGKB_CACHE_DIR", "")
    diskcache.write("entry", b"data")
    assert diskcache.read("entry") is None


def test_an_entry_that_cannot_be_renamed_into_place_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "entry").mkdir()  # a folder where the entry should go: rename fails
    (tmp_path / "entry" / "inhoud").write_text("blijft")
    diskcache.write("entry", b"data", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry"]
    assert (tmp_path / "entry" / "inhoud").read_text() == "blijft"


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(source: str, target: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        diskcache.write("entry", b"data", tmp_path)
    assert list(tmp_path.iterdir()) == []
