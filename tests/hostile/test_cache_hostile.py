"""Damaged cache entries: whatever the damage to an entry of the cache folder (a folder
where the file was, cut short, overwritten, empty, a FIFO, a link to /dev/zero or to
itself), the command that reads it gives the same answer as with a good cache, without
a traceback, and leaves a good entry in its place. Run as real processes: each reads the
cache afresh, as a user's next command does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from vngkb.core import diskcache

VNGKB = str(Path(sys.executable).parent / "vngkb")
COMMANDS = {
    "ask": ["ask", "bedragen-in-jaar", "-p", "jaar=2020", "-f", "csv"],
    "vraag": ["vraag", "Welke DU's starten in 2020?", "-f", "csv"],
    "zoek": ["zoek", "jeugd", "-f", "json"],
    "questions": ["questions", "-f", "csv"],  # reads every question's header
}
#: Each kind of entry, the command that reads it, and the entries removed first so that
#: it is read (the N-Quads are read only to build the database, the computed figures
#: only to build the N-Quads).
ENTRIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "kb-database": ("kb-*.oxigraph", "ask", ()),
    "kb-database-record": ("kb-*.sizes", "ask", ()),
    "kb-nquads": ("kb-*.nq", "ask", ("kb-*.oxigraph",)),
    "computed-figures": ("berekend-*.ttl", "ask", ("kb-*.oxigraph", "kb-*.nq")),
    "question-headers": ("kopregels-*.json", "questions", ()),
    "router-index": ("vraag-index-*.json", "vraag", ()),
    "search-index": ("zoekindex-*.sqlite", "zoek", ()),
    "search-index-record": ("zoekindex-*.sizes", "zoek", ()),
}


def _folder(path: Path) -> None:
    _clear(path)
    path.mkdir()
    (path / "inhoud").write_text("geen cache", encoding="utf-8")


def _clear(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def _truncated(path: Path) -> None:
    if path.is_dir():  # a database: every file cut to half
        for child in path.iterdir():
            with child.open("r+b") as stream:
                stream.truncate(child.stat().st_size // 2)
        return
    with path.open("r+b") as stream:
        stream.truncate(path.stat().st_size // 2)


def _garbage(path: Path) -> None:
    if path.is_dir():
        for child in path.iterdir():
            child.write_bytes(os.urandom(child.stat().st_size))
        return
    path.write_bytes(os.urandom(path.stat().st_size))


def _empty(path: Path) -> None:
    if path.is_dir():
        for child in path.iterdir():
            child.write_bytes(b"")
        return
    path.write_bytes(b"")


def _fifo(path: Path) -> None:
    _clear(path)
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    _clear(path)
    path.symlink_to("/dev/zero")


def _loop(path: Path) -> None:
    _clear(path)
    path.symlink_to(path.name)


def _unreadable(path: Path) -> None:
    path.chmod(0)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "folder": _folder, "truncated": _truncated, "garbage": _garbage, "empty": _empty,
    "fifo": _fifo, "dev-zero": _dev_zero, "symlink-loop": _loop, "unreadable": _unreadable,
}


def _run(command: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VNGKB_CACHE_DIR": str(cache)}
    return subprocess.run([VNGKB, *COMMANDS[command]], capture_output=True, text=True,
                          timeout=300, env=env, check=False)


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A cache every command has filled, and each command's output with it."""
    cache = tmp_path_factory.mktemp("warm") / "cache"
    outputs = {}
    for command in COMMANDS:
        done = _run(command, cache)
        assert done.returncode == 0, done.stderr
        outputs[command] = done.stdout
    return cache, outputs


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("entry", list(ENTRIES))
def test_a_damaged_entry_is_rebuilt(entry: str, damage: str, warm: tuple[Path, dict[str, str]],
                                    tmp_path: Path) -> None:
    source, outputs = warm
    cache = tmp_path / "cache"
    shutil.copytree(source, cache, symlinks=True)
    pattern, command, removed = ENTRIES[entry]
    for other in removed:
        for path in cache.glob(other):
            _clear(path)
    targets = sorted(cache.glob(pattern))
    assert targets, pattern
    for target in targets:
        DAMAGE[damage](target)
    done = _run(command, cache)
    assert (done.returncode, done.stderr.count("Traceback")) == (0, 0), done.stderr
    assert done.stdout == outputs[command]
    # What was damaged was removed, and the entry that took its place is good.
    for target in targets:
        if target.suffix in (".oxigraph", ".sqlite"):
            assert target.is_dir() == (target.suffix == ".oxigraph")
            assert diskcache.intact(target.name, cache), target.name
        elif not target.name.endswith(".sizes") or target.exists():
            assert diskcache.read(target.name, cache) is not None, target.name
    again = _run(command, cache)  # and the next run reads it as it is
    assert (again.returncode, again.stdout) == (0, outputs[command])
