from __future__ import annotations

from pathlib import Path

import pytest

from tests.two_letters import vngkb
from vngkb.rdf import sourcetext
from vngkb.rdf.files import shown


@pytest.mark.parametrize(("lines", "expected"), [
    (["Om het woningte-", "kort aan te pakken"], "Om het woningtekort aan te pakken"),
    (["uit het BTW-com-", "pensatiefonds"], "uit het BTW-compensatiefonds"),
    (["zowel coalitie- als", "oppositiepartijen"], "zowel coalitie- als oppositiepartijen"),
    (["bestrijding van fraude-", "en misbruik"], "bestrijding van fraude- en misbruik"),
    (["De financieringssys-", "", "tematiek wordt"], "De financieringssystematiek wordt"),
    ([" leading space", "€\u00a06,1 miljard"], "leading space € 6,1 miljard"),
    (["Een investering van", "", "Vereniging van Nederlandse Gemeenten16", "", "€ 50 miljoen"],
     "Een investering van € 50 miljoen"),
])
def test_joined_text(lines: list[str], expected: str) -> None:
    assert sourcetext.joined_text(lines) == expected


def test_paragraphs_keep_blank_line_breaks() -> None:
    lines = ["Eerste alinea loopt", "door.", "", "Tweede alinea."]
    assert sourcetext.paragraphs(lines) == "Eerste alinea loopt door.\n\nTweede alinea."


def test_contains_is_exact_about_words() -> None:
    lines = ["Het budget voor 2020 bedraagt € 178 miljoen."]
    assert sourcetext.contains(lines, "bedraagt  € 178\nmiljoen")
    assert not sourcetext.contains(lines, "bedraagt € 177,9 miljoen")


def test_line_range_is_one_based_and_inclusive() -> None:
    assert sourcetext.line_range(["a", "b", "c", "d"], 2, 3) == ["b", "c"]


def test_shipped_source_is_the_letter_the_kb_describes() -> None:
    """kb/ line numbers are identifiers into exactly this text."""
    import hashlib

    from vngkb.core.paths import SOURCE_FILE, SOURCE_SHA256

    assert SOURCE_FILE.name == sourcetext.SOURCE_NAME
    assert hashlib.sha256(SOURCE_FILE.read_bytes()).hexdigest() == SOURCE_SHA256
    assert len(sourcetext.read_lines(SOURCE_FILE)) == 2512


# --- the command: python -m vngkb.rdf.sourcetext and vngkb source ----------------------------

def _command(*args: str) -> tuple[int, str, str]:
    """Run ``python -m vngkb.rdf.sourcetext ARGS`` in-process; (exit code, stdout, stderr)."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = sourcetext.main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("args", [["11", "12"], ["11-12"]])
def test_command_prints_numbered_lines_of_the_shipped_letter(args: list[str]) -> None:
    code, out, err = _command(*args)
    assert (code, err) == (0, "")
    assert out == (
        "11  We wisten natuurlijk al dat er geld gereserveerd zou worden voor de jeugdzorg. "
        "In 2020 krijgen\n"
        "12  gemeenten 420 miljoen extra. In 2021 en 2022 is dat 300 miljoen. Ook voor het "
        "klimaat trekt het\n")


def test_command_numbers_align_across_a_power_of_ten() -> None:
    code, out, _ = _command("9", "10")
    assert code == 0
    assert out.splitlines()[0].startswith(" 9  ") and out.splitlines()[1].startswith("10  ")


def test_command_prints_paragraphs_as_the_kb_quotes_them() -> None:
    code, out, _ = _command("--alineas", "17-19")
    assert code == 0
    assert "Om het woningtekort aan te pakken, trekt het kabinet een miljard euro uit." in out


def test_command_keeps_the_original_source_first_last_form() -> None:
    from vngkb.core.paths import SOURCE_FILE

    code, out, _ = _command(str(SOURCE_FILE), "37", "38")
    assert (code, out) == (0, "Jantine Kriens, Algemeen directeur Vereniging van Nederlandse "
                              "Gemeenten\n")


def test_command_last_line_of_the_file_is_in_range_and_one_more_is_not() -> None:
    # 2512 lines: the last is a space with no line end after it
    assert _command("2512")[0] == 0
    code, _, err = _command("2512-2513")
    assert code == 2
    assert err.endswith("heeft 2512 regels\n")


@pytest.mark.parametrize(("args", "message"), [
    (["0"], "regelnummer 0 bestaat niet: de eerste regel is 1"),
    (["1", "0"], "regelnummer 0 bestaat niet"),
    (["5", "4"], "regels 5-4: de eerste regel ligt na de laatste"),
    (["5-4"], "regels 5-4: de eerste regel ligt na de laatste"),
    (["\u0661\u0662"], "regelnummer '\u0661\u0662' is geen getal (alleen de cijfers 0-9)"),
    (["\uff11"], "is geen getal"),
    (["1_0"], "regelnummer '1_0' is geen getal"),
    ([" 12"], "is geen getal"),
    (["-3"], "regelnummer '' is geen getal"),
    (["1-2-3"], "regelnummer '1-2-3' is geen getal"),
    (["12\u0000"], "is geen getal"),
    (['"{}*'], "is geen getal"),
    (["9" * 9], "regels 999999999-999999999: de bron "),
    (["9" * 10], "regelnummer van 10 cijfers ligt voorbij het einde van elke bron"),
    (["9" * 1_000_000], "regelnummer van 1000000 cijfers"),
    (["x" * 1_000_000], "is geen getal"),
    ([], "gebruik: python -m vngkb.rdf.sourcetext"),
    (["1", "2", "3", "4"], "gebruik: python -m vngkb.rdf.sourcetext"),
    (["--bron"], "optie --bron verwacht een waarde"),
    (["--wat", "1"], "onbekende optie '--wat'"),
    (["--bron", "/niet/hier.txt", "1"], "/niet/hier.txt: kan niet lezen: No such file"),
])
def test_command_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    code, out, err = _command(*args)
    assert (code, out) == (2, "")
    assert message in err
    assert len(err.splitlines()) == 1
    assert len(err) < 300


def test_command_repeated_number_is_that_one_line() -> None:
    assert _command("12", "12") == _command("12") == _command("12-12")
    assert _command("12")[1].startswith("12  gemeenten 420 miljoen extra.")


def test_command_rejects_a_directory_as_source(tmp_path: Path) -> None:
    code, out, err = _command("--bron", str(tmp_path), "1")
    assert (code, out) == (2, "")
    assert err == f"vngkb.rdf.sourcetext: {tmp_path}: geen gewoon bestand (een map)\n"


def test_command_rejects_a_source_that_is_not_utf8(tmp_path: Path) -> None:
    # the message shows a path of more than 80 characters by its end (as under
    # pytest-xdist, whose temporary folders are longer)
    latin = tmp_path / "brief.txt"
    latin.write_bytes("financi\u00eble\n".encode("latin-1"))
    code, _, err = _command("--bron", str(latin), "1")
    assert code == 2
    assert err == (f"vngkb.rdf.sourcetext: {shown(latin)} is geen UTF-8-tekst "
                   "(byte 0xeb op positie 7)\n")


def test_command_reads_another_source(tmp_path: Path) -> None:
    other = tmp_path / "brief.txt"
    other.write_text("een\ntwee\ndrie\n", encoding="utf-8")
    assert _command("--bron", str(other), "2-3")[1] == "2  twee\n3  drie\n"


def test_vngkb_bron_is_the_same_command() -> None:
    from click.testing import CliRunner

    from vngkb.cli.commands import main

    result = CliRunner().invoke(main, ["bron", "37", "38"])
    assert result.exit_code == 0
    assert result.stdout == ("37  Jantine Kriens,\n"
                             "38  Algemeen directeur Vereniging van Nederlandse Gemeenten\n")
    paragraphs = CliRunner().invoke(main, ["bron", "--alineas", "37-38"])
    assert paragraphs.stdout == ("Jantine Kriens, Algemeen directeur Vereniging van "
                                 "Nederlandse Gemeenten\n")
    bad = CliRunner().invoke(main, ["bron", "2600"])
    assert bad.exit_code == 2
    assert bad.stderr.startswith("vngkb: regels 2600-2600: de bron ")
    assert "Traceback" not in bad.stderr


def test_command_into_a_closed_pipe_is_quiet() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        f"{sys.executable} -m vngkb.rdf.sourcetext 1-2512 | head -n 1", shell=True,
        capture_output=True, text=True, check=False)
    assert done.stdout == "   1   \t Voorwoord\n"  # line 1 is " \t Voorwoord"
    assert done.stderr == ""


@pytest.mark.parametrize(("quote", "first", "last", "expected"), [
    ("het woningtekort aan", 1, 4, (2, 3)),
    ("Intro.", 1, 4, (1, 1)),
    ("Slot.", 1, 4, (4, 4)),
    ("Slot.", 1, 3, None),          # outside the range
    ("Intro.", 2, 4, None),
    ("het woningtekort", 1, 2, None),  # the quote runs on past the range
    ("kort aan te pakken", 1, 4, (3, 3)),
    ("", 1, 4, None),
    ("Slot.", 1, 99, (4, 4)),        # a range past the end is cut at the end
])
def test_locate_finds_the_shortest_range(quote: str, first: int, last: int,
                                         expected: tuple[int, int] | None) -> None:
    lines = ["Intro.", "Om het woningte-", "kort aan te pakken.", "Slot."]
    assert sourcetext.locate(lines, quote, first, last) == expected


@pytest.mark.parametrize(("args", "dutch", "english"), [
    (["2600"], "regels 2600-2600: de bron ", "lines 2600-2600: the source "),
    (["5", "3"], "regels 5-3: de eerste regel ligt na de laatste",
     "lines 5-3: the first line comes after the last"),
    (["x"], "regelnummer 'x' is geen getal (alleen de cijfers 0-9)",
     "line number 'x' is not a number (only the digits 0-9)"),
    (["0"], "regelnummer 0 bestaat niet: de eerste regel is 1",
     "line number 0 does not exist: the first line is 1"),
])
def test_bron_errors_are_dutch_by_default_and_english_with_lang_en(
        args: list[str], dutch: str, english: str) -> None:
    from click.testing import CliRunner

    from vngkb.cli.commands import main

    nl = CliRunner().invoke(main, ["bron", *args])
    en = CliRunner().invoke(main, ["--lang", "en", "bron", *args])
    assert (nl.exit_code, en.exit_code) == (2, 2)
    assert nl.stderr.startswith(f"vngkb: {dutch}")
    assert en.stderr.startswith(f"vngkb: {english}")
    assert len(en.stderr.splitlines()) == 1


# --- vngkb source --letter: the text of one letter of the KB -------------------------------

#: Lines 14-15 of the synthetic 2021 letter's text (tests/data/brieven/.../bron.txt).
SYNTHETIC_14_15 = (
    "14  Voor de jeugdzorg krijgen gemeenten in 2021 opnieuw 300 miljoen extra. Dat is welkom, "
    "maar\n"
    "15  niet genoeg: het onderzoek naar de financiering van de jeugdzorg laat zien dat "
    "gemeenten jaar-\n")
#: Lines 37-38 of the shipped letter.
SHIPPED_37_38 = ("37  Jantine Kriens,\n"
                 "38  Algemeen directeur Vereniging van Nederlandse Gemeenten\n")
LB = "ledenbrief-miljoenennota-2020"
SYNTHETIC = "synthetische-ledenbrief-2021"
TWO = f"{LB} (2020), {SYNTHETIC} (2021)"


def _letter_folder(root: Path, letter: str, year: str, text: str | None) -> None:
    """A letter's folder that declares the letter (and its text as ``bron.txt``): all
    ``vngkb source`` reads of a KB."""
    folder = root / letter
    folder.mkdir(parents=True)
    (folder / "brief.ttl").write_text(
        f'<https://w3id.org/vngkb/id/bron/{letter}> a <https://w3id.org/vngkb/def/Brondocument> ;'
        f' <https://w3id.org/vngkb/def/begrotingsjaar> "{year}"'
        '^^<http://www.w3.org/2001/XMLSchema#gYear> .\n', encoding="utf-8")
    if text is not None:
        (folder / "bron.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("letter", [[], ["--letter", "2020"], ["--letter", LB],
                                    ["--brief", LB.upper()],
                                    ["--letter", f"https://w3id.org/vngkb/id/bron/{LB}"]])
def test_source_of_the_shipped_kb_needs_no_letter(letter: list[str]) -> None:
    assert vngkb("source", "37", "38", *letter) == (0, SHIPPED_37_38, "")


def test_source_of_two_letters_asks_which(two_letters_kb: Path, own_kb_variable: None) -> None:
    assert vngkb("--kb", str(two_letters_kb), "source", "14", "15") == (
        2, "", f"vngkb: de KB bevat meer dan één brief; kies er een met --letter: {TWO}\n")
    assert vngkb("--lang", "en", "--kb", str(two_letters_kb), "source", "14")[2] == (
        f"vngkb: the KB holds more than one letter; choose one with --letter: {TWO}\n")


@pytest.mark.parametrize("value", ["2021", SYNTHETIC, f"https://w3id.org/vngkb/id/bron/{SYNTHETIC}"])
def test_source_prints_the_chosen_letters_own_text(two_letters_kb: Path, own_kb_variable: None,
                                                   value: str) -> None:
    code, out, err = vngkb("--kb", str(two_letters_kb), "source", "14-15", "--letter", value)
    assert (code, out) == (0, SYNTHETIC_14_15)
    # stdout holds the lines alone; which letter they are of is said on stderr
    assert err == ("Brief: Ledenbrief Miljoenennota 2021 (synthetisch, voor tests) "
                   f"({SYNTHETIC})\n")


def test_source_of_the_other_letter_of_two(two_letters_kb: Path, own_kb_variable: None) -> None:
    code, out, err = vngkb("--kb", str(two_letters_kb), "source", "37", "38", "--letter", "2020")
    assert (code, out) == (0, SHIPPED_37_38)
    assert err == f"Brief: Ledenbrief Miljoenennota 2020 ({LB})\n"
    code, out, _ = vngkb("--kb", str(two_letters_kb), "source", "--paragraphs", "14-15",
                          "--letter", "2021")
    assert (code, out) == (0, "Voor de jeugdzorg krijgen gemeenten in 2021 opnieuw 300 miljoen "
                              "extra. Dat is welkom, maar niet genoeg: het onderzoek naar de "
                              "financiering van de jeugdzorg laat zien dat gemeenten jaar-\n")


def test_source_lines_past_the_chosen_letters_end(two_letters_kb: Path,
                                                  own_kb_variable: None) -> None:
    # The synthetic letter has 631 lines (each ended by a line end, the last one too: no
    # 632nd line), the shipped one 2512: line 700 is in one only.
    assert vngkb("--kb", str(two_letters_kb), "source", "700", "--letter", LB)[0] == 0
    code, out, err = vngkb("--kb", str(two_letters_kb), "source", "700", "--letter", "2021")
    assert (code, out) == (2, "")
    assert err.startswith("vngkb: regels 700-700: de bron ")
    assert err.endswith("/bron.txt heeft 631 regels\n") and err.count("\n") == 1
    assert vngkb("--kb", str(two_letters_kb), "source", "631", "--letter", "2021")[0] == 0
    assert vngkb("--kb", str(two_letters_kb), "source", "632", "--letter", "2021")[0] == 2


def test_a_kb_of_one_other_letter_prints_that_letters_text(tmp_path: Path,
                                                           own_kb_variable: None) -> None:
    _letter_folder(tmp_path, "brief-a", "2030", "een\ntwee\ndrie\n")
    assert vngkb("--kb", str(tmp_path), "source", "2-3") == (0, "2  twee\n3  drie\n", "")
    assert vngkb("--kb", str(tmp_path), "source", "2", "--letter", "2030") == (
        0, "2  twee\n", "")


def test_an_unknown_letter_and_a_year_of_two_letters(tmp_path: Path,
                                                     own_kb_variable: None) -> None:
    _letter_folder(tmp_path, "brief-a", "2021", "a\n")
    _letter_folder(tmp_path, "brief-b", "2021", "b\n")
    _letter_folder(tmp_path, "brief-c", "2022", "c\n")
    known = "brief-a (2021), brief-b (2021), brief-c (2022)"
    kb = ["--kb", str(tmp_path), "source", "1"]
    assert vngkb(*kb, "--letter", "2021") == (
        2, "", "vngkb: brief '2021': meer dan één brief heeft dat begrotingsjaar "
               "(brief-a (2021), brief-b (2021)); geef het id\n")
    assert vngkb(*kb, "--letter", "2019") == (
        2, "", f"vngkb: brief '2019' staat niet in de KB; de KB kent {known}\n")
    assert vngkb(*kb, "--letter", "brief-b") == (0, "1  b\n", "Brief: brief-b\n")
    assert vngkb(*kb) == (2, "", "vngkb: de KB bevat meer dan één brief; kies er een met "
                                  f"--letter: {known}\n")


def test_a_letter_without_a_text(tmp_path: Path, own_kb_variable: None) -> None:
    from vngkb.core.paths import SOURCES_DIR

    _letter_folder(tmp_path, "brief-a", "2021", None)
    own, shared = shown(tmp_path / "brief-a" / "bron.txt"), shown(SOURCES_DIR / "brief-a.txt")
    assert vngkb("--kb", str(tmp_path), "source", "1") == (
        2, "", f"vngkb: brief brief-a heeft geen tekst: geen {own} of {shared}\n")


@pytest.mark.parametrize(("value", "shown_value"), [
    ('"', "'\"'"), ("'}", "\"'}\""), ("{brief}", "'{brief}'"),
    ('"> } ; DROP ALL ; {', "'\"> } ; DROP ALL ; {'"), ("\x1b[31m2020", "'\\x1b[31m2020'"),
    (LB + "\n", f"'{LB}\\n'"), ("\x00", "'\\x00'"), ("２０２１", "'２０２１'"),
    ("٢٠٢١", "'٢٠٢١'"), ("²⁰²¹", "'²⁰²¹'"), ("", "''"), (" 2021", "' 2021'"),
], ids=repr)
def test_source_refuses_a_hostile_letter_in_one_line(two_letters_kb: Path,
                                                     own_kb_variable: None, value: str,
                                                     shown_value: str) -> None:
    assert vngkb("--kb", str(two_letters_kb), "source", "1", "--letter", value) == (
        2, "", f"vngkb: brief {shown_value} staat niet in de KB; de KB kent {TWO}\n")


def test_source_refuses_a_huge_letter_in_one_line(two_letters_kb: Path,
                                                  own_kb_variable: None) -> None:
    code, out, err = vngkb("--kb", str(two_letters_kb), "source", "1", "--letter",
                            "2021" * 250_000)
    assert (code, out) == (2, "")
    assert err.startswith("vngkb: brief '2021202120") and "(1000000 tekens)" in err
    assert err.endswith(f" staat niet in de KB; de KB kent {TWO}\n") and err.count("\n") == 1


def test_source_takes_one_letter_and_not_with_another_text(two_letters_kb: Path,
                                                           own_kb_variable: None) -> None:
    kb = ["--kb", str(two_letters_kb), "source", "1"]
    for values in (["2020", "2021"], ["2021", "2021"]):
        assert vngkb(*kb, "--letter", values[0], "--brief", values[1]) == (
            2, "", "vngkb: source: Ongeldige waarde voor '--letter' / '--brief': één brief per "
                   f"keer: '{values[0]}' en '{values[1]}' gegeven (zie 'vngkb source --help')\n")
    other = two_letters_kb.parent / "andere.txt"
    other.write_text("een\n", encoding="utf-8")
    assert vngkb(*kb, "--text", str(other), "--letter", "2021") == (
        2, "", "vngkb: --text en --letter samen: --text is een andere tekst dan die van de "
               "brief; geef er één\n")
    # --text alone reads that text, also on a KB of several letters
    assert vngkb(*kb, "--text", str(other)) == (0, "1  een\n", "")
