"""The ``vngkb`` entry point (vngkb/__main__.py): the console script and ``python -m
vngkb`` run the same command line, with the garbage collector paused only while it is
imported."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest
from click.testing import CliRunner

import vngkb.cli.commands
from vngkb import __main__ as entry

ARGS = ["ask", "decentralisatie-uitkeringen-per-startjaar", "-p", "jaar=2020", "-f", "csv"]


def test_python_dash_m_answers_as_the_command_line_does() -> None:
    ran = subprocess.run([sys.executable, "-m", "vngkb", *ARGS], capture_output=True,
                         text=True, check=False)
    expected = CliRunner().invoke(vngkb.cli.commands.main, ARGS)
    assert (ran.returncode, ran.stderr) == (0, "")
    assert ran.stdout == expected.output
    assert ran.stdout.splitlines()[0] == (
        "maatregel,titel,bedrag,waarde,per,laatsteJaar,ontvanger,citaat")


def test_bad_input_through_the_entry_point_is_one_line_and_exit_2() -> None:
    ran = subprocess.run([sys.executable, "-m", "vngkb", "ask", "bestaat-niet"],
                         capture_output=True, text=True, check=False)
    assert ran.returncode == 2
    assert ran.stdout == ""
    assert ran.stderr.startswith("vngkb: geen vraag met de naam 'bestaat-niet'")
    assert ran.stderr.count("\n") == 1


def test_the_collector_runs_again_once_the_command_line_is_imported(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(vngkb.cli.commands, "main", lambda: seen.append(gc.isenabled()))
    try:
        entry.main()
    finally:
        gc.unfreeze()  # what the entry point set aside belongs to this test process
    assert seen == [True]
    assert gc.isenabled()


def test_the_collector_runs_again_when_the_import_fails(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(vngkb.cli.commands, "main")
    try:
        with pytest.raises(ImportError):
            entry.main()
    finally:
        gc.unfreeze()
    assert gc.isenabled()
