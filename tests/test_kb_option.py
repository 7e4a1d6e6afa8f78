"""``vngkb --kb DIR`` (and ``VNGKB_KB_DIR``, and ``vngkb.ask(..., kb=DIR)``): every command
works on the KB in DIR instead of the shipped kb/. DIR here is a copy of the shipped KB
with one title and one printed accres figure changed, so each command shows which KB it
read; a folder that is not a KB is one line and exit 2 (vngkb.kb.layout)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import vngkb
from tests.oxigraph import OxigraphServer
from tests.web import fetch, free_port
from vngkb.cli.commands import main
from vngkb.core.errors import InputError
from vngkb.core.paths import KB_DIR, KB_VARIABLE
from vngkb.core.paths import SHIPPED_LETTER as LB

TITLE = 'dct:title "Investeringsfonds"@nl'
COPY_TITLE = "Investeringsfonds (kopie)"
#: One amount counted in 2020 (cybercrime en cybersecurity, personnel), 1000 more.
AMOUNT = "schema:value 4000000.0 ;"
COPY_AMOUNT = "schema:value 4001000.0 ;"
#: Nominal accres 2019 of the meicirculaire 2019 as printed (1.286.315), changed by 1000.
PRINTED = 'def:waarde "1286315000"^^xsd:decimal'
COPY_PRINTED = 'def:waarde "1286316000"^^xsd:decimal'


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped KB with the Investeringsfonds renamed and one accres figure changed."""
    folder = tmp_path_factory.mktemp("kopie") / "kb"
    shutil.copytree(KB_DIR, folder)
    _replace_once(folder / LB / "h01-financien.ttl", TITLE, f'dct:title "{COPY_TITLE}"@nl')
    _replace_once(folder / LB / "accres.ttl", PRINTED, COPY_PRINTED)
    _replace_once(folder / LB / "h03-justitie-en-veiligheid.ttl", AMOUNT, COPY_AMOUNT)
    return folder


@pytest.fixture(scope="module")
def module_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache of this module's tests: named by content, so each KB they read is loaded
    into it once, not once per test."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def own_cache(module_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(module_cache))
    monkeypatch.delenv(KB_VARIABLE, raising=False)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


# Each command: its arguments, and a text its output has from the copy (and not from the
# shipped KB, checked below by running it without --kb).
COMMANDS = [
    (["toon", "investeringsfonds"], COPY_TITLE),
    (["zoek", "investeringsfonds", "-f", "json"], COPY_TITLE),
    (["ask", "bedragen-van-maatregel", "-p", "maatregel=cybercrime-en-cybersecurity", "-f",
      "csv"], "4001000"),
    (["ask", "maatregelen-per-hoofdstuk", "-p", "hoofdstuk=1", "-f", "csv"], COPY_TITLE),
    (["vraag", "Wat zegt de brief over investeringsfonds?", "-f", "csv"], COPY_TITLE),
    (["measures", "-f", "csv"], COPY_TITLE),
    (["query", "-"], COPY_TITLE),
    (["totalen", "--jaar", "2020", "-f", "csv"],
     f"bedrag/{LB}/cybercrime-en-cybersecurity-personeel-jenv,4001000,"),
    (["accres", "-f", "csv"], "meicirculaire-2019,2019,nominaal-accres,1286316000,"),
    (["audit", "-f", "csv"], "reeel-accres.meicirculaire-2019.2019,"),
]


@pytest.mark.parametrize(("args", "expected"), COMMANDS, ids=lambda a: str(a)[:30])
def test_every_command_reads_the_kb_it_is_given(copy: Path, args: list[str],
                                                 expected: str) -> None:
    stdin = 'PREFIX dct: <http://purl.org/dc/terms/> SELECT ?t WHERE { ?m dct:title ?t }'
    result = CliRunner().invoke(main, ["--kb", str(copy), *args],
                                input=stdin if args == ["query", "-"] else None)
    assert result.exit_code in (0, 1), result.output  # audit: 1 as a figure changed
    assert expected in result.stdout, result.output[-2000:]
    shipped = CliRunner().invoke(main, args, input=stdin if args == ["query", "-"] else None)
    assert expected not in shipped.stdout


def test_the_environment_variable_names_the_kb_too(copy: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KB_VARIABLE, str(copy))
    code, out, _ = run("toon", "investeringsfonds")
    assert code == 0 and COPY_TITLE in out


def test_kb_holds_for_one_command_line(copy: Path) -> None:
    assert COPY_TITLE in run("--kb", str(copy), "toon", "investeringsfonds")[1]
    assert KB_VARIABLE not in os.environ
    assert COPY_TITLE not in run("toon", "investeringsfonds")[1]


def test_validate_checks_the_kb_it_is_given(copy: Path, tmp_path: Path) -> None:
    broken = tmp_path / "kapot"
    shutil.copytree(copy, broken)
    _replace_once(broken / LB / "h01-financien.ttl", f'dct:title "{COPY_TITLE}"@nl ;', "")
    code, out, _ = run("--kb", str(broken), "validate")
    assert code == 1
    assert f"Violation: maatregel/{LB}/investeringsfonds dct:title" in out
    assert run("--kb", str(copy), "validate")[0] == 0


def test_export_writes_the_kb_it_is_given(copy: Path, tmp_path: Path) -> None:
    code, _, err = run("--kb", str(copy), "export", "--out", str(tmp_path / "uit"),
                       "--format", "turtle")
    assert code == 0, err
    assert COPY_TITLE in (tmp_path / "uit" / "vngkb.ttl").read_text(encoding="utf-8")


def test_publish_sends_the_kb_it_is_given(copy: Path,
                                          oxigraph_store: OxigraphServer) -> None:
    code, _, err = run("--kb", str(copy), "publish", "--endpoint", oxigraph_store.store,
                       "--query-endpoint", oxigraph_store.query)
    assert code == 0, err
    reply = fetch(oxigraph_store.query + "?query=" + "ASK%20%7B%20%3Fm%20%3Chttp%3A%2F%2F"
                  "purl.org%2Fdc%2Fterms%2Ftitle%3E%20%22Investeringsfonds%20(kopie)%22%40nl"
                  "%20%7D", accept="application/sparql-results+json")
    assert reply.json()["boolean"] is True


@pytest.fixture
def served(copy: Path, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    command = [str(Path(sys.executable).parent / "vngkb"), "--kb", str(copy), "serve",
               "--port", str(port)]
    env = {**os.environ, "VNGKB_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, "vngkb serve ended while starting"
            assert time.monotonic() < deadline, "vngkb serve did not start"
            try:
                if fetch(f"{url}/sparql?query=ASK%7B%7D", timeout=5).status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        yield url
    finally:
        process.kill()
        process.wait(30)


def test_serve_serves_the_kb_it_is_given(served: str) -> None:
    page = fetch(f"{served}/doc/maatregel/{LB}/investeringsfonds", accept="text/html")
    assert page.status == 200 and COPY_TITLE in page.text


def test_ask_from_python_takes_a_kb(copy: Path) -> None:
    answer = vngkb.ask("maatregelen-per-hoofdstuk", kb=copy, hoofdstuk=1)
    assert COPY_TITLE in str(answer.rows)
    assert KB_VARIABLE not in os.environ
    shipped = vngkb.ask("maatregelen-per-hoofdstuk", hoofdstuk=1)
    assert COPY_TITLE not in str(shipped.rows)


# --- A folder that is not a KB ------------------------------------------------------------

def _not_a_kb(tmp_path: Path, case: str) -> Path:
    if case == "missing":
        return tmp_path / "bestaat-niet"
    if case == "file":
        path = tmp_path / "brief.ttl"
        path.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
        return path
    folder = tmp_path / "kb"
    folder.mkdir()
    if case == "no letter":
        (folder / "gedeeld").mkdir()
        (folder / "leeg").mkdir()  # a letter folder without Turtle files
    elif case == "loose file":
        (folder / "brief.ttl").write_text("", encoding="utf-8")
    elif case == "bad letter name":
        (folder / "Brief 2021!").mkdir()
    return folder


CASES = {
    "missing": "die map bestaat niet",
    "file": "is geen map",
    "empty": "de map is leeg",
    "no letter": "geen brief",
    "loose file": "brief.ttl",
    "bad letter name": "Brief 2021!",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_folder_that_is_not_a_kb_is_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    folder = _not_a_kb(tmp_path, case)
    for args in (["--kb", str(folder), "toon", "woningbouw"], ["--kb", str(folder), "validate"]):
        code, out, err = run(*args)
        assert code == 2, (case, out, err)
        assert out == "" and len(err.strip().splitlines()) == 1, err
        assert err.startswith("vngkb: --kb ") and CASES[case] in err, err
        assert "Traceback" not in err
    with pytest.raises(InputError, match="--kb "):
        vngkb.ask("maatregelen-per-hoofdstuk", kb=folder, hoofdstuk=1)
    assert KB_VARIABLE not in os.environ


@pytest.mark.parametrize("name", ['a"b', "x{y}", "regel\x01", "é" * 300, "-", "kb\nkb"])
def test_hostile_folder_names_are_refused_in_one_line(tmp_path: Path, name: str) -> None:
    code, out, err = run("--kb", str(tmp_path / name), "toon", "woningbouw")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("vngkb:"), err


# --- Shared files: the shipped ones unless the folder has its own ---------------------------

def test_shared_files_fall_back_to_the_shipped_ones(tmp_path: Path) -> None:
    from vngkb.kb.layout import kb_folder

    folder = tmp_path / "kb"
    shutil.copytree(KB_DIR / LB, folder / LB)
    shipped = (KB_DIR / "gedeeld" / "wetten.ttl").resolve()
    assert [p.resolve() for p in kb_folder(folder).shared_files()] == [shipped]
    # the folder's own file of the same name replaces the shipped one; another is added
    (folder / "gedeeld").mkdir()
    own = folder / "gedeeld" / "wetten.ttl"
    own.write_text((KB_DIR / "gedeeld" / "wetten.ttl").read_text(encoding="utf-8"),
                   encoding="utf-8")
    extra = folder / "gedeeld" / "zzz-extra.ttl"
    extra.write_text("", encoding="utf-8")
    assert kb_folder(folder).shared_files() == [own, extra]
