"""The wheel carries the data: built from the project's files, installed into a fresh
virtual environment and run from a folder outside the source tree, vngkb answers the
headline question and validates the shipped KB as the editable install does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

# One process runs this module's tests under pytest-xdist: the wheel is built once.
pytestmark = pytest.mark.xdist_group("packaging")

ROOT = Path(__file__).resolve().parents[1]
#: What a build reads: the package, its data folders, and the build configuration.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "vngkb", "kb",
                "ontology", "queries", "sources", "publication")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the fresh environment's ``vngkb`` script, the built wheel)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(origin, source / name)
    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "-w", str(work / "dist"), str(source)],
                   check=True, cwd=work)
    wheel = next((work / "dist").glob("vngkb-*.whl"))
    env = work / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    # The dependencies come from this environment's site-packages through a path file;
    # its editable finder (a .pth of its own) is not read from there, so only the wheel
    # provides vngkb.
    site = subprocess.run([str(env / "bin" / "python"), "-c",
                           "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([*pip, "--python", str(env / "bin" / "python"), "install", "--quiet",
                    "--no-deps", "--no-index", str(wheel)], check=True)
    return env / "bin" / "vngkb", wheel


def _run(script: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "XDG_CACHE_HOME": str(cwd / "cache"), "PYTHONPATH": ""}
    environment.pop("VNGKB_CACHE_DIR", None)
    return subprocess.run([str(script), *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=300)


def test_the_wheel_carries_the_data_folders(installed: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(installed[1]) as wheel:
        names = set(wheel.namelist())
    for folder in ("kb", "ontology", "queries", "sources", "publication"):
        shipped = {f"vngkb/_data/{p.relative_to(ROOT).as_posix()}"
                   for p in (ROOT / folder).rglob("*") if p.is_file()
                   and "__pycache__" not in p.parts}
        assert shipped and shipped <= names, folder


def test_the_wheel_carries_the_compiled_catalogues(installed: tuple[Path, Path],
                                                   tmp_path: Path) -> None:
    with zipfile.ZipFile(installed[1]) as wheel:
        names = set(wheel.namelist())
    catalogues = {path.relative_to(ROOT).as_posix()
                  for path in (ROOT / "vngkb" / "i18n" / "locale").rglob("*.mo")}
    assert catalogues == {f"vngkb/i18n/locale/{lang}/LC_MESSAGES/{domain}.mo"
                          for lang, domain in [("en", "vngkb"), ("nl", "vngkb"),
                                               ("nl", "click")]}
    assert catalogues <= names
    # vngkb's English, and click's own messages in Dutch, from the installed package
    english = _run(installed[0], "--lang", "en", "--help", cwd=tmp_path)
    assert "The VNG's member letters (ledenbrieven) on the Miljoenennota" in english.stdout
    dutch = _run(installed[0], "ask", cwd=tmp_path)
    assert (dutch.returncode, dutch.stderr) == (
        2, "vngkb: ask: Ontbrekend argument 'NAME'. (zie 'vngkb ask --help')\n")


def test_the_installed_wheel_answers_the_headline_question(
        installed: tuple[Path, Path], tmp_path: Path) -> None:
    result = _run(installed[0], "ask", "decentralisatie-uitkeringen-per-startjaar",
                  "--param", "jaar=2020", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("maatregel,titel,bedrag,waarde,")
    titles = sorted({line.split(",")[1] for line in lines[1:]})
    assert titles == ["Cultuur", "Laaggeletterdheid"]


def test_the_installed_wheel_validates_the_shipped_kb(
        installed: tuple[Path, Path], tmp_path: Path) -> None:
    result = _run(installed[0], "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "triples: voldoet (0 overtreding(en)" in result.stdout


def test_the_installed_vngkb_reads_its_own_copy_of_the_data(
        installed: tuple[Path, Path], tmp_path: Path) -> None:
    python = installed[0].parent / "python"
    result = subprocess.run([str(python), "-c", "from vngkb.core import paths; "
                             "print(paths.DATA_ROOT); print(paths.KB_DIR.is_dir())"],
                            cwd=tmp_path, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": ""})
    root, kb_found = result.stdout.splitlines()
    assert Path(root).is_relative_to(installed[0].parents[1])  # the fresh environment's
    assert Path(root).name == "_data" and "site-packages" in Path(root).parts
    assert kb_found == "True"
