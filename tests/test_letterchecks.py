"""The checks of a KB of many letters (vngkb.kb.letterchecks): a file of one letter stating
things about another (or naming another letter as its source), one letter id declared
twice, a letter folder without (or with two) budget years, an undeclared letter, and a
measure continuing one of the same or a later letter, or no measure. ``vngkb validate``
reports each with file and line; loading such a KB fails with one line, before anything
is loaded or cached. The letters here are made up (two tiny letters, a and b), in the
tests and in the hostile KBs of tests/data/brieven-fout (see its README)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests import DATA
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


# --- Hostile KBs in tests/data/brieven-fout: each one problem, its line typed in ---------

HOSTILE = DATA / "brieven-fout"
HOSTILE_CASES = {
    "twee-brieven-een-id":
        "brief-b/brief.ttl:11: twee brieven met dezelfde id brief-a: ook gedeclareerd in de "
        "map van brief-b",
    "vervolg-van-latere-brief":
        "brief-a/maatregelen.ttl:12: maatregel/brief-a/x is een vervolg (def:vervolgVan) van "
        "maatregel/brief-b/x, die niet in een eerdere brief staat: maatregel/brief-b/x staat "
        "in brief brief-b (2021), niet eerder dan deze (2020)",
    "vervolg-in-dezelfde-brief":
        "brief-b/maatregelen.ttl:12: maatregel/brief-b/x is een vervolg (def:vervolgVan) van "
        "maatregel/brief-b/y, die niet in een eerdere brief staat: maatregel/brief-b/y staat "
        "in dezelfde brief",
    "vervolg-van-geen-maatregel":
        "brief-b/maatregelen.ttl:12: maatregel/brief-b/x is een vervolg (def:vervolgVan) van "
        "maatregel/brief-a/bestaat-niet, die niet in een eerdere brief staat: "
        "maatregel/brief-a/bestaat-niet is geen maatregel in de KB",
    "bestand-over-andere-brief":
        "brief-b/maatregelen.ttl:12: maatregel/brief-a/y hoort bij brief brief-a, maar staat "
        "in de map van brief brief-b",
    "bron-van-andere-brief":
        "brief-b/maatregelen.ttl:14: motie/m heeft brief brief-a als bron (dct:source), maar "
        "staat in de map van brief brief-b",
}


def _letter_lines(root: Path) -> tuple[int, list[str]]:
    """validate's exit code and its letter problems (Dutch, files relative to *root*)."""
    result = CliRunner().invoke(main, ["--kb", str(root), "validate"])
    found = []
    for line in result.stdout.splitlines():
        dutch = line.split(" | ")[0]  # "Violation: FOCUS: FILE:LINE: message"
        _, at, where = dutch.partition(f": {root}/")
        if at:
            found.append(where)
    return result.exit_code, found


def test_the_hostile_kbs_differ_from_a_good_one_in_one_file() -> None:
    good = {p.relative_to(HOSTILE / "goed"): p.read_bytes()
            for p in (HOSTILE / "goed").rglob("*.ttl")}
    assert _letter_lines(HOSTILE / "goed")[1] == []
    for case in HOSTILE_CASES:
        files = {p.relative_to(HOSTILE / case): p.read_bytes()
                 for p in (HOSTILE / case).rglob("*.ttl")}
        assert files.keys() == good.keys(), case
        assert sum(files[name] != good[name] for name in good) == 1, case


@pytest.mark.parametrize("case", sorted(HOSTILE_CASES))
def test_validate_reports_each_hostile_kb_with_file_and_line(case: str) -> None:
    code, found = _letter_lines(HOSTILE / case)
    assert (code, found) == (1, [HOSTILE_CASES[case]])


@pytest.mark.parametrize("case", sorted(HOSTILE_CASES))
def test_a_hostile_kb_is_not_loaded_half(tmp_path: Path, case: str) -> None:
    root = HOSTILE / case
    result = CliRunner().invoke(main, ["--kb", str(root), "ask", "hoofdstukken"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"vngkb: {root}/{HOSTILE_CASES[case]}\n"
    assert not list((tmp_path / "cache").glob("kb-*"))  # nothing cached, half or whole
