"""The content-keyed cache on disk: where it lives, keys that cannot collide, entries
written whole or not at all, and a cache that is off or unusable is simply skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vngkb.core import diskcache


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
    (tmp_path / "entry").mkdir()  # a folder that is not one of ours: rename fails
    (tmp_path / "entry" / "inhoud").write_text("blijft")
    diskcache.write("entry", b"data", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry"]
    assert (tmp_path / "entry" / "inhoud").read_text() == "blijft"


def test_a_folder_where_an_entry_of_ours_was_is_replaced(tmp_path: Path) -> None:
    name = _name("kb")
    (tmp_path / name).mkdir()  # damage: a folder where the entry's file was
    (tmp_path / name / "inhoud").write_text("weg")
    assert diskcache.read(name, tmp_path) is None
    diskcache.write(name, b"data", tmp_path)
    assert diskcache.read(name, tmp_path) == b"data"


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(source: str, target: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        diskcache.write("entry", b"data", tmp_path)
    assert list(tmp_path.iterdir()) == []


# --- a bounded folder -------------------------------------------------------------------

def _name(kind: str, extension: str = ".nq") -> str:
    """An entry name as vngkb gives it: kind, hex key, extension."""
    return f"{kind}-{diskcache.key(kind)}{extension}"


def _entry(folder: Path, name: str, size: int, age: float) -> Path:
    """An entry of *size* bytes last used *age* seconds ago."""
    import time

    path = folder / name
    path.write_bytes(b"x" * size)
    os.utime(path, (time.time() - age, time.time() - age))
    return path


@pytest.mark.parametrize(("limit", "removed"), [
    (300, []),  # exactly the limit: nothing goes
    (299, ["oud"]),  # one byte over: the least recently used goes
    (200, ["oud"]),
    (199, ["oud", "midden"]),
    (0, ["oud", "midden", "nieuw"]),
])
def test_prune_removes_the_least_recently_used_down_to_the_limit(
        tmp_path: Path, limit: int, removed: list[str]) -> None:
    for kind, age in (("nieuw", 1), ("oud", 300), ("midden", 100)):
        _entry(tmp_path, _name(kind), 100, age)
    assert diskcache.prune(tmp_path, max_bytes=limit) == [_name(k) for k in removed]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        _name(k) for k in {"nieuw", "oud", "midden"} - set(removed))


def test_a_read_marks_an_entry_as_used(tmp_path: Path) -> None:
    import time

    for kind, age in (("gelezen", 300), ("ongelezen", 100)):
        diskcache.write(_name(kind), b"x" * 100, tmp_path)
        os.utime(tmp_path / _name(kind), (time.time() - age, time.time() - age))
    assert diskcache.read(_name("gelezen"), tmp_path) == b"x" * 100
    assert diskcache.prune(tmp_path, max_bytes=150) == [_name("ongelezen")]


def test_a_database_folder_counts_with_its_files_and_goes_whole(tmp_path: Path) -> None:
    import time

    database = tmp_path / _name("kb", ".oxigraph")
    database.mkdir()
    for name in ("000001.sst", "CURRENT"):
        (database / name).write_bytes(b"x" * 100)
    os.utime(database, (time.time() - 500, time.time() - 500))
    _entry(tmp_path, _name("kb"), 150, 10)
    assert diskcache.prune(tmp_path, max_bytes=349) == [database.name]
    assert not database.exists()
    assert diskcache.prune(tmp_path, max_bytes=150) == []


def test_temporaries_go_only_when_left_behind(tmp_path: Path) -> None:
    left = _entry(tmp_path, f".{_name('kb')}.abc.tmp", 10, diskcache.TEMPORARY_AGE + 60)
    writing = _entry(tmp_path, f".{_name('kb', '')}.oxigraph.def.tmp", 10,
                     diskcache.TEMPORARY_AGE - 60)
    assert diskcache.prune(tmp_path, max_bytes=0) == [left.name]
    assert writing.exists()  # another process is writing it: never counted or removed


@pytest.mark.parametrize("name", [
    "scriptie.pdf", "kb-1.nq", "KB-" + "0" * 64 + ".nq", "kb-" + "0" * 64 + ".nq.bak",
    ".verborgen.tmp", ".kb-123.tmp", "kb-" + "g" * 64, "-" + "0" * 64,
    "kb-" + "0" * 64 + ".n\nq", "kb-\u0661" + "0" * 63,
])
def test_prune_never_touches_what_vngkb_did_not_write(tmp_path: Path, name: str) -> None:
    """$VNGKB_CACHE_DIR may name a folder that holds other files too."""
    other = _entry(tmp_path, name, 1000, 10 * diskcache.TEMPORARY_AGE)
    folder = tmp_path / "map-kb-0000"
    folder.mkdir()
    assert diskcache.prune(tmp_path, max_bytes=0) == []
    assert other.exists() and folder.exists()


def test_the_first_write_and_every_big_one_prune(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diskcache, "MAX_BYTES", 250)
    monkeypatch.setattr(diskcache, "PRUNE_AFTER_BYTES", 150)
    _entry(tmp_path, _name("oud"), 100, 300)
    _entry(tmp_path, _name("ouder"), 100, 600)
    diskcache.write(_name("nieuw"), b"y" * 100, tmp_path)  # the process's first write
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([_name("nieuw"), _name("oud")])
    diskcache.write(_name("klein"), b"y" * 149, tmp_path)  # one byte under: no prune
    assert len(list(tmp_path.iterdir())) == 3
    diskcache.write(_name("groot"), b"y" * 150, tmp_path)  # at the size: a prune
    assert sorted(p.name for p in tmp_path.iterdir()) == [_name("groot")]


def test_prune_of_a_missing_or_switched_off_folder_removes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert diskcache.prune(tmp_path / "nergens") == []
    monkeypatch.setenv("VNGKB_CACHE_DIR", "")
    assert diskcache.prune() == []
