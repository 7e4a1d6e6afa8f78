"""vngkb.query.letters: the one answer to "which letter" (``--letter`` of show, search,
totalen, accres and audit): a letter's id, IRI or budget year, the newest by default, and
an unknown or hostile value as one line that lists the letters the KB holds."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from click.testing import CliRunner

from vngkb.cli.commands import main
from vngkb.core.errors import LetterError
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.query import letters
from vngkb.query.letters import BRON, Letter, choose, folder_letters, previous, source_file

A = Letter(2020, LB, BRON + LB, "Ledenbrief Miljoenennota 2020")
B = Letter(2021, "synthetische-ledenbrief-2021", BRON + "synthetische-ledenbrief-2021",
           "Ledenbrief Miljoenennota 2021 (synthetisch, voor tests)")
C = Letter(2021, "voorjaarsnota-2021", BRON + "voorjaarsnota-2021", "")
KNOWN = f"{LB} (2020), synthetische-ledenbrief-2021 (2021)"


def test_doctests() -> None:
    failures, tried = doctest.testmod(letters)
    assert tried > 0 and failures == 0


@pytest.mark.parametrize(("value", "expected"), [
    (None, B), (LB, A), (LB.upper(), A), (BRON + LB, A), ("2020", A), ("2021", B),
    ("synthetische-ledenbrief-2021", B)])
def test_a_letter_is_named_by_id_iri_or_budget_year(value: str | None,
                                                    expected: Letter) -> None:
    assert choose([B, A], value) == expected


def test_the_default_is_the_newest_of_those_that_have_what_is_needed() -> None:
    assert choose([A, B], having=lambda letter: letter.year == 2020, what="x") == A
    with pytest.raises(LetterError) as caught:
        choose([A, B], having=lambda letter: False, what="accrestabellen")
    assert str(caught.value) == f"geen brief in de KB heeft accrestabellen; de KB kent {KNOWN}"
    with pytest.raises(LetterError) as caught:
        choose([A, B], "2021", having=lambda letter: letter.year == 2020, what="accrestabellen")
    assert str(caught.value) == ("brief synthetische-ledenbrief-2021 heeft geen accrestabellen "
                                 f"in de KB; wel: {LB} (2020)")
    with pytest.raises(LetterError, match=r"^de KB bevat geen brief \(def:Brondocument\)$"):
        choose([])


def test_a_year_two_letters_share_asks_for_the_id() -> None:
    assert choose([A, B, C]) == C  # equal years: the last id
    with pytest.raises(LetterError) as caught:
        choose([A, B, C], "2021")
    assert str(caught.value) == ("brief '2021': meer dan één brief heeft dat begrotingsjaar "
                                 "(synthetische-ledenbrief-2021 (2021), voorjaarsnota-2021 "
                                 "(2021)); geef het id")


def test_without_the_newest_a_kb_of_several_letters_asks_which() -> None:
    # For what belongs to one letter alone (its lines): no silent default among several.
    assert choose([A], newest=False) == A
    assert choose([A, B], "2021", newest=False) == B
    with pytest.raises(LetterError) as caught:
        choose([B, A], newest=False)
    assert str(caught.value) == ("de KB bevat meer dan één brief; kies er een met --letter: "
                                 f"{KNOWN}")
    with pytest.raises(LetterError, match=r"^de KB bevat geen brief \(def:Brondocument\)$"):
        choose([], newest=False)


def test_a_letters_text_is_its_own_or_the_shipped_file(two_letters_kb: Path) -> None:
    from vngkb.core.paths import SOURCE_FILE
    from vngkb.kb.layout import kb_folder

    folder = kb_folder(two_letters_kb)
    assert source_file(A, folder) == SOURCE_FILE
    assert source_file(B, folder) == two_letters_kb / B.id / "bron.txt"
    assert source_file(A) == SOURCE_FILE


def test_the_letter_before() -> None:
    assert previous([B, A], B) == A
    with pytest.raises(LetterError) as caught:
        previous([B, A], A)
    assert str(caught.value) == f"er is geen brief vóór {LB}; de KB kent {KNOWN}"


def test_the_shipped_kb_folder_holds_the_shipped_letter() -> None:
    assert folder_letters() == [A]


def test_a_letter_says_which_it_is() -> None:
    assert A.line() == f"Brief: Ledenbrief Miljoenennota 2020 ({LB})"
    assert C.line() == "Brief: voorjaarsnota-2021"


#: Values that name no letter: quotes and braces (as if pasted into a query), control
#: characters, digits that are not ASCII, a year off by one, spaces, the id twice, the
#: IRI with a slash, a huge value. Each is one line naming it (cut and escaped).
HOSTILE = [
    ('"', "'\"'"), ("'}", "\"'}\""), ("{brief}", "'{brief}'"),
    ('"> } ; DROP ALL ; {', "'\"> } ; DROP ALL ; {'"),
    ("\x00", "'\\x00'"), ("\x1b[31m2020", "'\\x1b[31m2020'"), (LB + "\n", f"'{LB}\\n'"),
    ("２０２０", "'２０２０'"), ("٢٠٢٠", "'٢٠٢٠'"), ("²⁰²⁰", "'²⁰²⁰'"), ("2019", "'2019'"),
    ("020", "'020'"), ("20200", "'20200'"), (" 2020", "' 2020'"), ("", "''"),
    (LB + LB, f"'{LB}{LB}'"), (BRON + LB + "/", f"'{BRON}{LB}/'"),
]


@pytest.mark.parametrize(("value", "shown"), HOSTILE, ids=repr)
def test_hostile_values_are_one_line(value: str, shown: str) -> None:
    with pytest.raises(LetterError) as caught:
        choose([A], value)
    assert str(caught.value) == f"brief {shown} staat niet in de KB; de KB kent {LB} (2020)"


def test_a_huge_value_is_cut_in_the_message() -> None:
    with pytest.raises(LetterError) as caught:
        choose([A], "2020" * 250_000)
    message = str(caught.value)
    assert message.startswith("brief '2020202020") and "(1000000 tekens)" in message
    assert len(message) < 250 and "\n" not in message


COMMANDS = [["show", "woningbouw"], ["totals"], ["accres"], ["audit"],
            ["search", "woningbouw"], ["interpret", "Welke DU's starten in 2020?"],
            ["measures"], ["stats"], ["source", "1"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize(("value", "shown"), [HOSTILE[3], HOSTILE[5], HOSTILE[7],
                                              ("x" * 5000, None)], ids=repr)
def test_every_command_refuses_a_hostile_letter_in_one_line(
        command: list[str], value: str, shown: str | None) -> None:
    result = CliRunner().invoke(main, [*command, "--letter", value])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("vngkb: brief ")
    assert result.stderr.endswith(f" staat niet in de KB; de KB kent {LB} (2020)\n")
    if shown is not None:
        assert result.stderr == f"vngkb: brief {shown} staat niet in de KB; de KB kent " \
            f"{LB} (2020)\n"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_repeating_the_option_is_refused(command: list[str]) -> None:
    # Not "the last one wins": two letters given is a mistake, even the same one twice.
    for values in (["2019", LB], [LB, LB]):
        result = CliRunner().invoke(main, [*command, "--letter", values[0],
                                           "--brief", values[1]])  # the alias counts too
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"vngkb: {command[0]}: Ongeldige waarde voor '--letter' / '--brief': één brief "
            f"per keer: '{values[0]}' en '{values[1]}' gegeven (zie 'vngkb {command[0]} "
            "--help')\n")


@pytest.fixture(scope="module")
def three_letters_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The KB of two letters and a third with the synthetic letter's budget year (2021),
    declared and nothing else."""
    from tests.two_letters import copy_two_letters

    root = copy_two_letters(tmp_path_factory.mktemp("drie-brieven") / "kb")
    (root / C.id).mkdir()
    (root / C.id / "brief.ttl").write_text(
        f"<{C.iri}> a <https://w3id.org/vngkb/def/Brondocument> ; "
        '<https://w3id.org/vngkb/def/begrotingsjaar> '
        '"2021"^^<http://www.w3.org/2001/XMLSchema#gYear> .\n', encoding="utf-8")
    return root


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_command_asks_for_the_id_of_a_year_two_letters_share(
        command: list[str], three_letters_kb: Path, own_kb_variable: None) -> None:
    from tests.two_letters import vngkb

    assert vngkb("--kb", str(three_letters_kb), *command, "--letter", "2021") == (
        2, "", "vngkb: brief '2021': meer dan één brief heeft dat begrotingsjaar "
               "(synthetische-ledenbrief-2021 (2021), voorjaarsnota-2021 (2021)); geef het id\n")
