"""The checks of a KB of many letters (vngkb.kb.letterchecks, and the QC check
vervolg-van-eerdere-brief): a file of one letter stating things about another, one letter
id declared twice, a letter folder without (or with two) budget years, an undeclared
letter, and a measure continuing one of the same or a later letter. ``vngkb validate``
reports each with file and line; loading such a KB fails with one line, before anything
is loaded or cached. The letters here are made up (two tiny letters, a and b)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from vngkb.cli.commands import main
from vngkb.core.paths import KB_VARIABLE

HEAD = """@prefix def: <https://w3id.org/vngkb/def/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix bron: <https://w3id.org/vngkb/id/bron/> .
"""


def _letter(year: str | None, letter: str) -> str:
    budget = f' ;\n    def:begrotingsjaar "{year}"^^xsd:gYear' if year else ""
    return (HEAD + f'bron:{letter} a def:Brondocument ;\n    dct:title "Brief {letter}"@nl'
            f"{budget} .\n")


def _measure(letter: str, slug: str, extra: str = "") -> str:
    return (f"@prefix m{letter}: <https://w3id.org/vngkb/id/maatregel/{letter}/> .\n"
            f'm{letter}:{slug} a def:Maatregel ;\n    dct:title "{slug}"@nl ;\n'
            f"    dct:source bron:{letter}{extra} .\n")


def _kb(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "kb"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _good() -> dict[str, str]:
    return {"brief-a/brief.ttl": _letter("2020", "brief-a"),
            "brief-a/maatregelen.ttl": HEAD + _measure("brief-a", "x"),
            "brief-b/brief.ttl": _letter("2021", "brief-b"),
            "brief-b/maatregelen.ttl": HEAD + _measure("brief-b", "x")}


def validate(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["--kb", str(root), "validate"])
    return result.exit_code, [line for line in result.stdout.splitlines()
                              if "brief-a" in line or "brief-b" in line]


def load(root: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--kb", str(root), "ask", "maatregelen-per-hoofdstuk",
                                       "-p", "hoofdstuk=1"])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(KB_VARIABLE, raising=False)


def test_two_good_letters_have_no_letter_problem(tmp_path: Path) -> None:
    root = _kb(tmp_path, _good())
    _, lines = validate(root)
    assert [line for line in lines if "brief-a/" in line and "hoort bij" in line] == []
    assert not [line for line in lines if "begrotingsjaren" in line or "declareert" in line]
    code, _, err = load(root)
    assert code == 0, err


# Each case: the files changed from the good KB, and the one line validate gives (file and
# line as FILE:LINE, with FILE relative to the KB folder).
CASES = {
    "a file of one letter about another": (
        {"brief-b/maatregelen.ttl": HEAD + _measure("brief-b", "x") + _measure("brief-a", "y")},
        "brief-b/maatregelen.ttl:10: maatregel/brief-a/y hoort bij brief brief-a, maar staat "
        "in de map van brief brief-b"),
    "two letters with one id": (
        {"brief-b/brief.ttl": _letter("2021", "brief-b") + _letter("2019", "brief-a")},
        "brief-b/brief.ttl:12: twee brieven met dezelfde id brief-a: ook gedeclareerd in de "
        "map van brief-b"),
    "no budget year": (
        {"brief-b/brief.ttl": _letter(None, "brief-b")},
        "brief-b/brief.ttl:5: brief brief-b heeft 0 begrotingsjaren (def:begrotingsjaar); "
        "precies één hoort"),
    "two budget years": (
        {"brief-b/brief.ttl": _letter("2021", "brief-b")
         + 'bron:brief-b def:begrotingsjaar "2022"^^xsd:gYear .\n'},
        "brief-b/brief.ttl:5: brief brief-b heeft 2 begrotingsjaren (def:begrotingsjaar); "
        "precies één hoort"),
    "an undeclared letter": (
        {"brief-b/brief.ttl": HEAD + "# nothing declared\n"},
        "brief-b: de map van brief brief-b declareert de brief niet"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_letter_problem_is_one_violation_with_file_and_line(tmp_path: Path,
                                                                  case: str) -> None:
    changed, expected = CASES[case]
    root = _kb(tmp_path, {**_good(), **changed})
    code, lines = validate(root)
    assert code == 1
    found = [line for line in lines if expected in line.replace(str(root) + "/", "")]
    assert len(found) == 1, lines
    assert found[0].startswith("Violation: ")


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_kb_with_a_letter_problem_is_not_loaded(tmp_path: Path, case: str) -> None:
    changed, expected = CASES[case]
    root = _kb(tmp_path, {**_good(), **changed})
    code, out, err = load(root)
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert expected.split(":", 1)[0] in err.replace(str(root) + "/", "")
    assert not list((tmp_path / "cache").glob("kb-*"))  # nothing cached half


@pytest.mark.parametrize(("link", "reported"), [
    ("brief-a", False),  # 2021 continues 2020: the order is right
    ("brief-b", True),   # the same letter
])
def test_a_measure_continues_one_of_an_earlier_letter(tmp_path: Path, link: str,
                                                      reported: bool) -> None:
    continued = f" ;\n    def:vervolgVan <https://w3id.org/vngkb/id/maatregel/{link}/" \
                f"{'x' if link == 'brief-a' else 'y'}>"
    files = {**_good(), "brief-b/maatregelen.ttl":
             HEAD + _measure("brief-b", "x", continued) + _measure("brief-b", "y")}
    _, lines = validate(_kb(tmp_path, files))
    flagged = [line for line in lines if "vervolg-van-eerdere-brief" in line
               or "niet in een eerdere brief" in line]
    assert bool(flagged) is reported, lines


def test_a_later_letters_measure_is_no_earlier_one(tmp_path: Path) -> None:
    continued = " ;\n    def:vervolgVan <https://w3id.org/vngkb/id/maatregel/brief-b/x>"
    files = {**_good(), "brief-a/maatregelen.ttl":
             HEAD + _measure("brief-a", "x", continued)}
    _, lines = validate(_kb(tmp_path, files))
    assert [line for line in lines if "maatregel/brief-a/x" in line
            and "niet in een eerdere brief" in line], lines
