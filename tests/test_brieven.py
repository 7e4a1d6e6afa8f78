"""A KB of two letters: the shipped ledenbrief on the Miljoenennota 2020 and the synthetic
letter of 2021 (tests/data/brieven/synthetische-ledenbrief-2021: its text, its
hand-checked answer key gold.json, and the KB files scripts/gold_to_kb.py wrote from that
key). The synthetic letter's files say what its text says, and the two letters load as one
KB whose questions answer about the newest letter unless told otherwise. Every expected
answer is typed in: the 2021 side from gold.json, the 2020 side from the shipped kb/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.conftest import SYNTHETIC_FOLDER as FOLDER
from tests.conftest import SYNTHETIC_LETTER as LETTER
from vngkb.cli.commands import main
from vngkb.core.paths import KB_VARIABLE
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.rdf import sourcetext

DEF = "https://w3id.org/vngkb/def/"


@pytest.fixture(scope="module")
def two_letters(two_letters_kb: Path) -> Path:
    """The shipped KB and the synthetic 2021 letter's folder (its KB files and text)."""
    return two_letters_kb


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(KB_VARIABLE, raising=False)


def ask(kb: Path | None, name: str, *params: str) -> list[dict[str, Any]]:
    args = ([] if kb is None else ["--kb", str(kb)]) + ["ask", name, "-f", "json"]
    for param in params:
        args += ["-p", param]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


# --- The synthetic letter's KB files say what its text says -------------------------------

def _letter_store() -> ox.Store:
    store = ox.Store()
    for path in sorted((FOLDER / "kb").glob("*.ttl")):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def _values(store: ox.Store, predicate: str) -> list[tuple[str, str, int, int]]:
    """(subject, text, first line, last line) for each *predicate* text of the letter."""
    rows = store.query(
        f"SELECT ?s ?t ?a ?b WHERE {{ ?s <{predicate}> ?t ; <{DEF}eersteRegel> ?a ; "
        f"<{DEF}laatsteRegel> ?b }}")
    assert isinstance(rows, ox.QuerySolutions)
    found = []
    for row in rows:
        subject, text, first, last = row["s"], row["t"], row["a"], row["b"]
        assert isinstance(subject, ox.NamedNode) and isinstance(text, ox.Literal)
        assert isinstance(first, ox.Literal) and isinstance(last, ox.Literal)
        found.append((subject.value, text.value, int(first.value), int(last.value)))
    return found


@pytest.mark.parametrize(("predicate", "count"), [
    (DEF + "citaat", 43), (DEF + "standpuntPassage", 33),
    ("http://purl.org/dc/terms/title", 29),
])
def test_every_quote_passage_and_title_stands_at_its_lines(predicate: str, count: int) -> None:
    lines = sourcetext.read_lines(FOLDER / "bron.txt")
    found = _values(_letter_store(), predicate)
    assert len(found) == count
    for subject, text, first, last in found:
        assert sourcetext.contains(sourcetext.line_range(lines, first, last), text), subject


def test_the_letter_is_synthetic_and_says_so() -> None:
    lines = sourcetext.read_lines(FOLDER / "bron.txt")
    assert "synthetisch" in lines[2].lower()
    assert "Synthetische brief voor tests" in (FOLDER / "kb" / "brief.ttl").read_text(
        encoding="utf-8")


def test_the_two_letters_load_as_one_kb(two_letters: Path) -> None:
    rows = ask(two_letters, "maatregelen-per-hoofdstuk", "hoofdstuk=1")
    # Without a letter: the newest, the synthetic 2021 letter (gold.json, chapter 1).
    assert [r["naam"] for r in rows] == ["gebundelde-uitkering",
                                         "compensatie-meerkosten-coronacrisis",
                                         "hersteloperatie-kinderopvangtoeslag"]
    shipped = ask(two_letters, "maatregelen-per-hoofdstuk", "hoofdstuk=1", f"brief={LB}")
    assert [r["naam"] for r in shipped] == [r["naam"] for r in ask(
        None, "maatregelen-per-hoofdstuk", "hoofdstuk=1")]


def test_the_continuations_are_checked_and_hold(two_letters: Path) -> None:
    # 17 measures of 2021 continue one of 2020 (gold.json vervolg_van_2020): each link
    # points to a measure of an earlier letter, so the letter checks find nothing (nor a
    # file of one letter about another, ids or budget years).
    text = "".join(p.read_text(encoding="utf-8") for p in (FOLDER / "kb").glob("*.ttl"))
    assert text.count("def:vervolgVan") == 17
    result = CliRunner().invoke(main, ["--kb", str(two_letters), "validate"])
    assert "niet in een eerdere brief" not in result.stdout
    assert "hoort bij brief" not in result.stdout and "dezelfde id" not in result.stdout
    assert "begrotingsjaren" not in result.stdout


def _violations(kb: Path) -> dict[tuple[str, str], int]:
    """(letter, field or check) -> how many violations `vngkb validate` reports."""
    result = CliRunner().invoke(main, ["--kb", str(kb), "validate"])
    found: dict[tuple[str, str], int] = {}
    for line in result.stdout.splitlines()[:-1]:
        assert line.startswith("Violation: "), line
        head, _, message = line.removeprefix("Violation: ").partition(": ")
        focus, _, field = head.partition(" ")  # no field: the check's name or message
        letter = focus.split("/")[1]
        field = field or message.split(" (")[0]
        found[(letter, field)] = found.get((letter, field), 0) + 1
    return found


def test_the_shapes_hold_each_letter_to_its_own_text(two_letters: Path) -> None:
    # Each fact's source is its own letter and its lines are lines of that letter's text
    # (631 for 2021, 2512 for 2020): nothing of that is reported. What the 2021 letter's
    # key does not hold (intention, consequences, themes, effect types) is.
    assert _violations(two_letters) == {
        (LETTER, "def:voornemen"): 29, (LETTER, "def:gevolgVoorGemeenten"): 29,
        (LETTER, "def:thema"): 29, (LETTER, "def:effecttype"): 29,
        (LETTER, "QC check gelijk-bedrag-zonder-verband"): 1}


@pytest.mark.parametrize(("line", "reported"), [(631, False), (632, True)])
def test_a_line_past_the_end_of_its_letter_is_reported(two_letters: Path, tmp_path: Path,
                                                        line: int, reported: bool) -> None:
    # The 2021 text has 631 lines; the same number is a line of the 2020 letter.
    kb = tmp_path / "kb"
    shutil.copytree(two_letters, kb)
    path = kb / LETTER / "maatregelen.ttl"
    text = path.read_text(encoding="utf-8")
    old = "def:eersteRegel 231 ; def:laatsteRegel 232 ;"
    assert text.count(old) == 1
    path.write_text(text.replace(old, f"def:eersteRegel 231 ; def:laatsteRegel {line} ;"),
                    encoding="utf-8")
    found = _violations(kb)
    assert found.get((LETTER, "def:laatsteRegel"), 0) == (1 if reported else 0)


# --- Questions across letters (tag "brieven"), answers typed in from the two texts ----------
# The 2021 side from tests/data/brieven/synthetische-ledenbrief-2021/bron.txt (its titles,
# stance sentences and line numbers), the 2020 side from sources/ledenbrief-*.txt.

S21 = f"https://w3id.org/vngkb/id/maatregel/{LETTER}/"
L20 = f"https://w3id.org/vngkb/id/maatregel/{LB}/"


def test_new_measures_of_the_2021_letter(two_letters: Path) -> None:
    # The 12 measures of 2021 that continue none of 2020: title line, chapter, stance.
    expected = [
        ("Compensatie meerkosten coronacrisis", 1, "gemengd", 147, 161),
        ("Hersteloperatie kinderopvangtoeslag", 1, "positief", 163, 176),
        ("Herijking verdeling gemeentefonds", 2, "afwachtend", 180, 193),
        ("Verkiezingen tijdens de coronacrisis", 2, "kritisch", 214, 227),
        ("Boa’s en handhaving in de openbare ruimte", 3, "bezorgd", 279, 291),
        ("Steun lokale culturele infrastructuur", 4, "gemengd", 338, 351),
        ("Zwerfafval en statiegeld", 5, "positief", 385, 396),
        ("Stikstof en natuurherstel", 7, "bezorgd", 456, 468),
        ("Tijdelijke overbruggingsregeling zelfstandig ondernemers (Tozo)", 8, "gemengd",
         517, 528),
        ("Beschermd wonen en maatschappelijke opvang", 9, "afwachtend", 547, 559),
        ("Internationale samenwerking van gemeenten", 10, "neutraal", 560, 571),
        ("Europese herstelfaciliteit", 10, "neutraal", 573, 584),
    ]
    for params in ((), (f"brief={LETTER}",)):  # the newest letter by default
        rows = ask(two_letters, "nieuwe-maatregelen", *params)
        assert [(r["titel"], r["hoofdstuk"], r["standpunt"], r["eersteRegel"],
                 r["laatsteRegel"]) for r in rows] == expected
    assert rows[0]["maatregel"] == S21 + "compensatie-meerkosten-coronacrisis"


def test_every_measure_of_the_oldest_letter_is_new(two_letters: Path) -> None:
    rows = ask(two_letters, "nieuwe-maatregelen", f"brief={LB}")
    everything = ask(two_letters, "maatregelen-per-standpunt", f"brief={LB}",
                     "standpunt=kritisch")
    assert len(rows) == 90
    assert {r["maatregel"] for r in everything} < {r["maatregel"] for r in rows}


#: The 17 measures of 2020 that a 2021 measure continues (gold.json vervolg_van_2020).
CONTINUED_2020 = {
    "gebundelde-uitkering", "investeringsfonds", "regionale-samenwerking-wgr", "archiefwet",
    "ondermijning", "mensenhandel", "veiligheidsregios", "laaggeletterdheid", "media",
    "verkeersveiligheid", "klimaatakkoord", "regio-deals", "woningbouw",
    "verbeteringen-van-het-stelsel", "werkgevers-en-werkzoekenden-vinden-elkaar",
    "inburgering", "jeugd"}
#: The other 73 measures of 2020, in the order of that letter: the 2021 letter no longer
#: mentions them.
DROPPED_2020 = (
    "specifieke-uitkering-stimulering-sport",
    "interbestuurlijke-samenwerking",
    "vernieuwd-verkiezingsproces",
    "toegankelijke-verkiezingen",
    "digitale-democratie",
    "weerbaar-bestuur",
    "rechtspositie-politieke-ambtsdragers",
    "pensioen",
    "arbeidsmarktbeleid-en-duurzame-inzetbaarheid",
    "subsidie-bzk-banenafspraak",
    "kwaliteit-van-bouwen",
    "nationale-omgevingsvisie",
    "digitaal-stelsel-omgevingswet",
    "informatieveiligheid",
    "data-en-open-overheidsinformatie",
    "digitale-inclusie",
    "dienstverlening-en-uitvoering",
    "digitale-dienstverlening",
    "gemeenschappelijke-digitale-infrastructuur",
    "eid-en-wet-digitale-overheid",
    "stelsel-van-basisregistraties",
    "brp-en-reisdocumenten",
    "basisregistratie-ondergrond",
    "regie-op-gegevens",
    "digitalisering-rechtspraak",
    "cybercrime-en-cybersecurity",
    "politie",
    "gesloten-coffeeshopketen",
    "contraterrorisme-en-radicalisering",
    "prostitutie-en-seksuele-misdrijven",
    "samenwerking-zorg-welzijn-veiligheid-en-strafrecht",
    "re-integratie-ex-gedetineerden",
    "multiprobleemhuishoudens",
    "noodstopprocedure-en-sociale-incasso",
    "asiel-en-migratie",
    "passend-onderwijs",
    "cultuur",
    "omgevingswet-aanvullingswet-geluid",
    "omgevingswet-aanvullingswet-bodem",
    "klimaatadaptatie",
    "circulaire-economie",
    "afval",
    "asbest-in-gebouwen",
    "mobility-as-a-service",
    "maatschappelijk-verantwoord-inkopen",
    "koolstofdioxide-en-aardwarmte",
    "connectiviteit-en-5g",
    "digitale-vaardigheden",
    "artificiele-intelligentie",
    "veehouderij",
    "duurzame-landbouw-en-veenweidengebieden",
    "mensen-met-arbeidsbeperking-aan-werk",
    "leven-lang-ontwikkelen",
    "wet-banenafspraak-en-quotum-arbeidsbeperkten",
    "herziening-bijstandverlening-zelfstandigen",
    "kinderopvang-en-voorschoolse-educatie-caribisch-gebied",
    "intensivering-handhaving-sociaal-domein",
    "multidisciplinaire-keten-verbindende-projecten",
    "brede-schuldenaanpak",
    "werkende-armen",
    "diversiteit-en-inclusie",
    "abonnementstarief",
    "wet-bevorderen-samenwerking-en-rechtmatige-zorg",
    "juiste-zorg-op-de-juiste-plek",
    "meer-zorgafspraken-in-de-regio",
    "geweld-hoort-nergens-thuis",
    "sport",
    "preventie",
    "aanbesteden",
    "china",
    "duurzame-economische-ontwikkeling-handel-en-investeringen",
    "vrede-veiligheid-en-duurzame-ontwikkeling",
    "multilaterale-samenwerking-en-de-sustainable-development-goals",
)


def test_measures_the_later_letter_no_longer_mentions(two_letters: Path) -> None:
    rows = ask(two_letters, "niet-meer-genoemde-maatregelen")  # 2020 -> 2021 by default
    assert tuple(r["naam"] for r in rows) == DROPPED_2020
    assert len(DROPPED_2020) == 73 and not CONTINUED_2020 & set(DROPPED_2020)
    assert (rows[0]["titel"], rows[0]["hoofdstuk"], rows[0]["standpunt"],
            rows[0]["eersteRegel"], rows[0]["maatregel"]) == (
        "Specifieke uitkering Stimulering Sport", 1, "kritisch", 218,
        L20 + "specifieke-uitkering-stimulering-sport")
    every_2020 = ask(two_letters, "nieuwe-maatregelen", f"brief={LB}")
    assert {r["naam"] for r in every_2020} == CONTINUED_2020 | set(DROPPED_2020)
    # The letters the other way round, or a letter with itself: nothing continues them.
    assert len(ask(two_letters, "niet-meer-genoemde-maatregelen", f"eerder={LETTER}",
                   f"brief={LB}")) == 29
    assert len(ask(two_letters, "niet-meer-genoemde-maatregelen", f"eerder={LB}",
                   f"brief={LB}")) == 90
