"""An export interrupted by a signal leaves no temporary files (SIGTERM, SIGHUP, SIGINT:
removed before the process ends), the previous files stay intact, and after a SIGKILL
the next successful export removes the stale ones it recognises as its own (and
nothing else). Hostile output folders are one line and exit 2."""

from __future__ import annotations

import doctest
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.cli_helpers_input import assert_refused, run_cli
from vngkb.publish import export as export_module
from vngkb.publish.export import PAUSE_ENV, TEMP_SUFFIX, stale_temp_files

# One process runs this module's tests under pytest-xdist: the finished export is made once.
pytestmark = pytest.mark.xdist_group("export-hostile")

VNGKB = str(Path(sys.executable).with_name("vngkb"))
#: Files of other programs (and look-alikes) that an export must never remove.
FOREIGN = [".vngkb.ttl.notours", "notes.tmp", ".other.abcd1234" + TEMP_SUFFIX,
           ".vngkb.ttl.abc" + TEMP_SUFFIX, "vngkb.ttl.abcd1234" + TEMP_SUFFIX]


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)
                  and p.name not in FOREIGN)


def _default_signals() -> None:
    """The export's signals as a terminal gives them: a suite started in the background
    or under nohup passes SIGINT or SIGHUP on ignored, and an ignored signal stays
    ignored by the export (as it should), which is not what these tests are about."""
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, signal.SIG_DFL)


def _start_paused(out: Path, marker: Path) -> subprocess.Popen[bytes]:
    """An export of Turtle to *out* that stops after its first temporary file until
    *marker* exists; returns once that file is there."""
    process = subprocess.Popen([VNGKB, "export", "-o", str(out), "-f", "turtle"],
                               env={**os.environ, PAUSE_ENV: str(marker)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=_default_signals)
    deadline = time.monotonic() + 120
    while not _temp_files(out):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the export never wrote a temporary file"
        time.sleep(0.05)
    return process


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A folder holding a finished export (and foreign files), and its vngkb.ttl."""
    out = tmp_path_factory.mktemp("export")
    done = subprocess.run([VNGKB, "export", "-o", str(out), "-f", "turtle"],
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for name in FOREIGN:
        (out / name).write_text("not ours", encoding="utf-8")
    return out, (out / "vngkb.ttl").read_bytes()


@pytest.mark.parametrize(("signum", "returncode"), [
    (signal.SIGTERM, -signal.SIGTERM), (signal.SIGHUP, -signal.SIGHUP), (signal.SIGINT, 130)])
def test_catchable_signal_removes_the_temporary_files(
        previous: tuple[Path, bytes], tmp_path: Path, signum: int, returncode: int) -> None:
    out, before = previous
    process = _start_paused(out, tmp_path / "never")
    assert len(_temp_files(out)) == 1
    process.send_signal(signum)
    _stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == returncode, stderr
    assert b"Traceback" not in stderr
    if signum == signal.SIGINT:
        assert stderr.decode().splitlines()[-1] == "vngkb: onderbroken"
    assert _temp_files(out) == []
    assert (out / "vngkb.ttl").read_bytes() == before  # the previous export is intact
    for name in FOREIGN:
        assert (out / name).read_text(encoding="utf-8") == "not ours"


def test_sigkill_leaves_files_the_next_export_removes(previous: tuple[Path, bytes],
                                                      tmp_path: Path) -> None:
    out, before = previous
    process = _start_paused(out, tmp_path / "never")
    process.kill()
    process.communicate(timeout=120)
    stale = _temp_files(out)
    assert len(stale) == 1  # SIGKILL cannot be caught: the file stays ...
    assert [p.name for p in stale_temp_files(out)] == stale
    assert (out / "vngkb.ttl").read_bytes() == before
    done = subprocess.run([VNGKB, "export", "-o", str(out), "-f", "turtle"],
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _temp_files(out) == []  # ... until the next export removes it
    for name in FOREIGN:  # and nothing that is not its own
        assert (out / name).read_text(encoding="utf-8") == "not ours"


def test_resumed_export_finishes_and_cleans_up(previous: tuple[Path, bytes],
                                               tmp_path: Path) -> None:
    out, _ = previous
    marker = tmp_path / "go"
    process = _start_paused(out, marker)
    marker.write_text("", encoding="utf-8")
    _stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert _temp_files(out) == []
    assert (out / "vngkb.ttl").stat().st_size > 1000


@pytest.mark.parametrize(("folder", "message"), [
    ("LONG", "File name too long"),
    ("LONGCHILD", "File name too long"),
    ("FILE", "is een bestand"),
    ("/dev/null", "bestaat en is geen map"),
    ("/dev/null/x", "niet aanmaken: "),
    ("/proc/version/x", "niet aanmaken: "),
])
def test_bad_output_folder_is_one_line(folder: str, message: str, tmp_path: Path) -> None:
    if folder == "LONG":
        path = tmp_path / ("a" * 300)
    elif folder == "LONGCHILD":
        path = tmp_path / ("a" * 300) / "b"
    elif folder == "FILE":
        path = tmp_path / "file"
        path.write_text("x", encoding="utf-8")
    else:
        path = Path(folder)
    outcome = run_cli("export", "-o", str(path), "-f", "turtle")
    assert_refused(outcome, contains=message)
    if folder.startswith(("LONG",)):
        assert "tekens)" in outcome.stderr  # the 300-character name is cut


@pytest.mark.parametrize(("folder", "message"), [
    ("/dev/null", "/dev/null exists and is not a folder"),
    ("/dev/null/x", "cannot create /dev/null/x: "),
])
def test_bad_output_folder_in_english(folder: str, message: str) -> None:
    assert_refused(run_cli("export", "-o", folder, "-f", "turtle", lang="en"), contains=message)


def test_doctests() -> None:
    failures, tried = doctest.testmod(export_module)
    assert tried > 0
    assert failures == 0


def test_an_ignored_hangup_stays_ignored(previous: tuple[Path, bytes], tmp_path: Path) -> None:
    # Under nohup SIGHUP is ignored: the export must not stop on it.
    out, _ = previous
    marker = tmp_path / "go"
    process = subprocess.Popen(
        [sys.executable, "-c", "import signal, sys; signal.signal(signal.SIGHUP, "
         "signal.SIG_IGN); from vngkb.cli.commands import main; sys.argv = ['vngkb', 'export', "
         f"'-o', {str(out)!r}, '-f', 'turtle']; main()"],
        env={**os.environ, PAUSE_ENV: str(marker)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not _temp_files(out):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGHUP)
    time.sleep(0.5)
    assert process.poll() is None  # still running
    marker.write_text("", encoding="utf-8")
    _stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert _temp_files(out) == []


@pytest.mark.parametrize("name", sorted(export_module.written_names()))
def test_a_stale_temporary_of_every_written_file_is_removed(name: str,
                                                           previous: tuple[Path, bytes]) -> None:
    """What a SIGKILL can leave at any moment of an export, for each of its files (the
    VoID file's was once never removed): the next export removes it."""
    out, _ = previous
    stale = out / f".{name}.k3x9_a2b{TEMP_SUFFIX}"
    stale.write_bytes(b"half")
    assert stale in stale_temp_files(out)
    # In this process: what removes the stale files is the export, not its process (a
    # process of its own is the SIGKILL test's).
    export_module.export(out, formats=["turtle"])
    assert not stale.exists()
    for foreign in FOREIGN:
        assert (out / foreign).read_text(encoding="utf-8") == "not ours"


BAD_BASES = [
    ("http://[::1", "basis 'http://[::1'"),
    ("http://[::1]x/", "is geen absolute http(s)-IRI"),
    ("http://x:99999/", "is geen absolute http(s)-IRI"),
    ("http://x:port/", "is geen absolute http(s)-IRI"),
    ("http://x/\udcff", "is geen absolute http(s)-IRI"),
    ("http://x/" + "a" * 100_000, "(100009 tekens)"),
    ("http://x/\x1b]0;t\x07", "is geen absolute http(s)-IRI"),
    ("http://x/\u202e", "is geen absolute http(s)-IRI"),
    ("ftp://x/", "is geen absolute http(s)-IRI"),
    ("file:///etc", "is geen absolute http(s)-IRI"),
    ("http://x/a b", "is geen absolute http(s)-IRI"),
    ("http://x/?q", "is geen absolute http(s)-IRI"),
    ("", "--base is leeg"),
    ("   ", "--base is leeg"),
]


@pytest.mark.parametrize(("base", "message"), BAD_BASES, ids=lambda v: repr(v)[:30])
@pytest.mark.parametrize("command", ["export", "publish"])
def test_a_bad_base_is_one_line_exit_2(command: str, base: str, message: str,
                                       tmp_path: Path) -> None:
    where = (["-o", str(tmp_path / "out")] if command == "export"
             else ["--endpoint", "http://127.0.0.1:9/store"])
    outcome = run_cli(command, *where, "--base", base)
    assert_refused(outcome, contains=message)
    assert not (tmp_path / "out").exists()  # nothing written, not even the folder


def test_an_empty_output_folder_is_an_error_not_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = run_cli("export", "-o", "", "-f", "turtle")
    assert_refused(outcome, contains="een lege naam is geen bestand of map")
    assert list(tmp_path.iterdir()) == []
