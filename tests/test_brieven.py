"""A KB of two letters: the shipped ledenbrief on the Miljoenennota 2020 and the synthetic
letter of 2021 (tests/data/brieven/synthetische-ledenbrief-2021: its text, its
hand-checked answer key gold.json, and the KB files scripts/gold_to_kb.py wrote from that
key). The synthetic letter's files say what its text says, and the two letters load as one
KB whose questions answer about the newest letter unless told otherwise. Every expected
answer is typed in: the 2021 side from gold.json, the 2020 side from the shipped kb/."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.two_letters import SYNTHETIC_FOLDER as FOLDER
from tests.two_letters import SYNTHETIC_LETTER as LETTER
from vngkb.cli.commands import main
from vngkb.core.paths import KB_VARIABLE
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.rdf import sourcetext

DEF = "https://w3id.org/vngkb/def/"


@pytest.fixture(scope="module")
def two_letters(two_letters_kb: Path) -> Path:
    """The shipped KB and the synthetic 2021 letter's folder (its KB files and text)."""
    return two_letters_kb


@pytest.fixture(scope="module")
def module_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache of this module's tests: named by content, so each KB they read is loaded
    into it once, not once per test."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def own_cache(module_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(module_cache))
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
    # 43 amounts, and the accres tables: 2 headings and 54 cells (gold.json accres_cellen
    # of the rows the vocabulary has a quantity for).
    (DEF + "citaat", 43 + 2 + 54), (DEF + "standpuntPassage", 33),
    ("http://purl.org/dc/terms/title", 29), (DEF + "voornemen", 29),
    (DEF + "gevolgVoorGemeenten", 29),
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
    # (631 for 2021, 2512 for 2020): nothing of that is reported. What neither the 2021
    # letter's key nor its text holds (effect types) is, and one pair of equal amounts
    # whose relation the key does not state.
    assert _violations(two_letters) == {
        (LETTER, "def:effecttype"): 29,
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


# --- Every command takes the letter (--letter), and says which letter it answers about -----

NEW = f"Brief: Ledenbrief Miljoenennota 2021 (synthetisch, voor tests) ({LETTER})"
OLD = f"Brief: Ledenbrief Miljoenennota 2020 ({LB})"


def run(kb: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--kb", str(kb), *args])
    return result.exit_code, result.stdout, result.stderr


def test_toon_shows_the_newest_letters_measure_unless_told(two_letters: Path) -> None:
    # 2021 (bron.txt lines 228-248): "opnieuw € 1 miljard beschikbaar voor de
    # Woningbouwimpuls", "in 2021 ... € 100 miljoen", "aanvragen in voor € 1,4 miljard,
    # terwijl er € 340 miljoen te verdelen was".
    code, out, _ = run(two_letters, "show", "woningbouw", "-f", "json")
    view = json.loads(out)
    assert code == 0
    assert view["brief"] == {"id": LETTER,
                             "titel": "Ledenbrief Miljoenennota 2021 (synthetisch, voor tests)"}
    assert [(a["waarde"], a["eersteRegel"]) for a in view["bedragen"]] == [
        ("1000000000", 231), ("100000000", 239), ("1400000000", 243), ("340000000", 244)]
    assert (view["eersteRegel"], view["laatsteRegel"]) == (228, 248)
    assert view["regels"][0] == {"nummer": 228, "tekst": " Woningbouw"}
    # The same name in the 2020 letter (lines 562-610: "€ 2 miljard ... woningbouw").
    for brief in (LB, "2020", f"https://w3id.org/vngkb/id/bron/{LB}"):
        code, out, _ = run(two_letters, "show", "woningbouw", "--letter", brief, "-f", "json")
        view = json.loads(out)
        assert code == 0 and view["brief"]["id"] == LB
        assert view["iri"] == f"https://w3id.org/vngkb/id/maatregel/{LB}/woningbouw"
        assert [a["waarde"] for a in view["bedragen"]][:1] == ["2000000000"]
    code, out, _ = run(two_letters, "show", "woningbouw", "--letter", "2021")
    assert code == 0
    assert out.splitlines()[2:4] == [
        "Brief:            Ledenbrief Miljoenennota 2021 (synthetisch, voor tests)",
        f"                  ({LETTER})"]


def test_toon_of_a_measure_the_letter_lacks_is_one_line(two_letters: Path) -> None:
    # The Investeringsfonds is a 2020 measure only: found without --letter, not in 2021.
    code, out, _ = run(two_letters, "show", "investeringsfonds", "-f", "json")
    assert code == 0 and json.loads(out)["brief"]["id"] == LB
    code, out, err = run(two_letters, "show", "investeringsfonds", "--letter", "2021")
    assert (code, out) == (2, "")
    assert err == f"vngkb: geen maatregel 'investeringsfonds' in brief {LETTER}\n"
    # An IRI of the other letter is not that letter's measure either.
    code, _, err = run(two_letters, "show", f"maatregel/{LB}/woningbouw", "--letter", LETTER)
    assert code == 2 and err == f"vngkb: geen maatregel 'maatregel/{LB}/woningbouw' in " \
        f"brief {LETTER}\n"


def test_totalen_adds_one_letters_money_only(two_letters: Path) -> None:
    code, out, err = run(two_letters, "totals", "--jaar", "2021", "-f", "csv")
    assert code == 0 and err == NEW + "\n"
    lines = out.splitlines()
    # Every amount counted in 2021 is of the 2021 letter; "woningcorporaties in 2021 een
    # heffingsvermindering ... van € 100 miljoen" (lines 239-240) is one of them.
    counted = [line for line in lines if line.startswith("2021,meegeteld,")]
    assert len(counted) == 18
    assert all(f"bedrag/{LETTER}/" in line for line in counted)
    assert f"2021,meegeteld,bedrag/{LETTER}/woningbouw-2,100000000," in lines
    assert lines[1].startswith("2021,totaal,18 bedragen,9443350000,")
    # The 2020 letter's totals on the same KB are those of the shipped KB alone.
    code, out, err = run(two_letters, "totals", "--jaar", "2021", "--letter", "2020",
                         "-f", "csv")
    assert code == 0 and err == OLD + "\n"
    assert out.splitlines()[1] == ('2021,totaal,12 bedragen,1057000000,'
                                   '"waarvan € 154000000 doorgeteld (open einde, tot en met '
                                   '2024)"')
    assert f"/{LETTER}/" not in out


def test_accres_and_audit_take_the_newest_letter_with_accres_tables(two_letters: Path) -> None:
    # The 2021 letter's accres tables (Tabel 1 and 3, in the KB for the questions across
    # letters) are of the circulaires of 2020, which vngkb.finance does not model: by
    # default the 2020 letter's, named.
    code, out, err = run(two_letters, "accres", "-f", "csv")
    assert code == 0 and err == OLD + "\n"
    # Tabel 1 of the 2020 letter: "Nominaal accres 1.286.315" (meicirculaire, 2019).
    assert "meicirculaire-2019,2019,nominaal-accres,1286315000,1286315000,0" in out
    code, out, _ = run(two_letters, "accres", "-f", "table", "--letter", LB)
    assert code == 0 and out.splitlines()[0] == OLD
    code, out, err = run(two_letters, "accres", "--letter", "2021")
    assert (code, out) == (2, "")
    assert err == (f"vngkb: brief {LETTER} heeft geen accrestabellen die vngkb narekent in "
                   f"de KB; wel: {LB} (2020)\n")
    code, out, err = run(two_letters, "audit", "-f", "csv", "--letter", "2020")
    assert code == 1  # the two inflation corrections of 2024 (docs/finance.md)
    assert err.startswith(OLD + "\n2 gedrukt(e) cijfer(s) niet gereproduceerd:")
    code, _, err = run(two_letters, "audit", "--letter", LETTER)
    assert code == 2 and err.startswith(f"vngkb: brief {LETTER} heeft geen accrestabellen")


def test_search_searches_one_letter_and_names_it(two_letters: Path) -> None:
    # "Woningbouwimpuls" is in both letters (2021: lines 231-232 and 243; 2020: the
    # Woningbouw measure): each search finds its own letter's only.
    code, out, err = run(two_letters, "search", "woningbouwimpuls", "-f", "json")
    hits = json.loads(out)
    assert code == 0 and err == NEW + "\n"
    assert [(h["slug"], h["brief"], h["regel"]) for h in hits] == [
        ("woningbouw", LETTER, 232)]
    code, out, _ = run(two_letters, "search", "woningbouwimpuls", "--letter", "2020", "-f", "json")
    assert code == 0
    assert {(h["slug"], h["brief"]) for h in json.loads(out)} == {("woningbouw", LB)}
    # A word only the 2021 letter has: "Tozo" (line 517, the measure's title).
    code, out, _ = run(two_letters, "search", "tozo", "--letter", LB)
    assert (code, out) == (0, OLD + "\nGeen treffers voor: tozo\n")
    code, out, _ = run(two_letters, "search", "tozo", "-n", "1")
    assert code == 0 and out.splitlines()[0] == NEW
    assert out.splitlines()[1].startswith("1. tozo — ")


def interpret(kb: Path, *args: str) -> tuple[int, list[str], list[dict[str, Any]]]:
    """``vngkb interpret ... -f json``: exit code, routing lines (stderr), rows."""
    code, out, err = run(kb, "interpret", *args, "-f", "json")
    return code, err.splitlines(), json.loads(out) if code == 0 else []


def test_interpret_counts_years_in_words_from_the_letters_budget_year(two_letters: Path) -> None:
    # The newest letter is the 2021 one: "komend jaar" is 2021 there (its README). Its
    # decentralisatie-uitkeringen of 2021: "in 2021 via een decentralisatie-uitkering € 84
    # miljoen" (line 406-407), "€ 6,2 miljoen in 2021" (332), "in 2021 € 60 miljoen" (343),
    # "in 2021 ... eenmalig € 15 miljoen" (220), "In 2021 ... opnieuw € 35 miljoen" (477).
    code, routing, rows = interpret(two_letters, "Welke DU's starten komend jaar?")
    assert code == 0
    assert routing == [f"vraag → decentralisatie-uitkeringen-per-startjaar, jaar=2021, "
                       f"brief={LETTER} (standaard)"]
    assert [(r["titel"], r["waarde"]) for r in rows] == [
        ("Klimaatakkoord", 84000000), ("Laaggeletterdheid", 6200000),
        ("Steun lokale culturele infrastructuur", 60000000),
        ("Verkiezingen tijdens de coronacrisis", 15000000),
        ("Werkgevers en werkzoekenden moeten elkaar makkelijker en sneller kunnen vinden",
         35000000)]
    # The 2020 letter, named in the text, by --letter, or as the letter before the newest:
    # "komend jaar" is 2020 there, and the answer is the shipped letter's (Cultuur: "van
    # 2020 tot en met 2022 een decentralisatie-uitkering van € 1 miljoen per jaar").
    for args in (["Welke DU's starten komend jaar in de brief van 2020?"],
                 ["Welke DU's starten komend jaar?", "--letter", "2020"],
                 ["Welke DU's starten komend jaar volgens de vorige brief?"],
                 ["Welke DU's starten vorig jaar?"]):
        code, routing, rows = interpret(two_letters, *args)
        assert code == 0, args
        assert routing[0].startswith("vraag → decentralisatie-uitkeringen-per-startjaar, "
                                     "jaar=2020"), args
        assert routing[0].endswith(f"brief={LB}"), args
        assert (rows[0]["titel"], rows[0]["waarde"]) == ("Cultuur", 1000000)


def test_interpret_shows_the_measure_of_the_letter_asked_about(two_letters: Path) -> None:
    code, out, err = run(two_letters, "interpret", "Wat zegt de brief over woningbouw?",
                         "-f", "table")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"vraag → toon woningbouw, brief={LETTER}"
    assert "€ 1.000.000.000" in out  # "opnieuw € 1 miljard beschikbaar" (line 231)
    code, routing, rows = interpret(two_letters, "Wat zegt de vorige brief over woningbouw?")
    assert code == 0 and routing == [f"vraag → toon woningbouw, brief={LB}"]
    assert rows[0]["citaat"] == ("Er komt € 2 miljard beschikbaar om de woningbouw te "
                                 "stimuleren. Dit is in twee gelijke delen gesplitst.")


def test_interpret_reads_vorig_jaar_in_a_comparison_as_its_earlier_letter(
        two_letters: Path) -> None:
    # Not "ask about the 2020 letter": the 73 measures of 2020 the 2021 letter drops.
    text = "Welke maatregelen van de vorige brief zijn verdwenen?"
    code, routing, rows = interpret(two_letters, text)
    assert code == 0 and len(rows) == 73
    assert routing == [f"vraag → niet-meer-genoemde-maatregelen, eerder={LB} (standaard), "
                       f"brief={LETTER} (standaard)"]
    code, routing, rows = interpret(two_letters, text, "--letter", LETTER)
    assert code == 0 and len(rows) == 73
    assert routing == [f"vraag → niet-meer-genoemde-maatregelen, eerder={LB}, brief={LETTER}"]


def test_interpret_refuses_a_letter_it_cannot_choose(two_letters: Path) -> None:
    known = f"{LB} (2020), {LETTER} (2021)"
    code, out, err = run(two_letters, "interpret", "Welke DU's starten in de brief van 2019?")
    assert (code, out) == (2, "")
    assert err == f"vngkb: brief '2019' staat niet in de KB; de KB kent {known}\n"
    code, out, err = run(two_letters, "interpret", "--letter", LETTER,
                         "Welke DU's starten in de brief van 2020?")
    assert (code, out) == (2, "")
    assert err == (f"vngkb: vraag: de tekst noemt de brief van 2020, --letter brief {LETTER}; "
                   "kies één brief\n")
    code, out, err = run(two_letters, "interpret", "--letter", LB, "Welke DU's starten "
                         "vorig jaar?")
    assert (code, out) == (2, "")
    assert err == f"vngkb: er is geen brief vóór {LB}; de KB kent {known}\n"


def test_an_unknown_letter_lists_the_known_ones(two_letters: Path) -> None:
    known = f"{LB} (2020), {LETTER} (2021)"
    for command in (["show", "woningbouw"], ["totals"], ["accres"], ["audit"],
                    ["search", "woningbouw"], ["interpret", "Welke DU's starten in 2021?"]):
        code, out, err = run(two_letters, *command, "--letter", "2019")
        assert (code, out) == (2, ""), command
        assert err == f"vngkb: brief '2019' staat niet in de KB; de KB kent {known}\n"


def _cells(rows: list[dict[str, Any]], *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(row.get(column) for column in columns) for row in rows]


def test_what_changed_for_laaggeletterdheid(two_letters: Path) -> None:
    # 2020 (lines 1348-): a DU of € 5 miljoen from 2020 "oplopend tot € 7,3 miljoen in
    # 2024" (5 million counts in 2020-2023, 7.3 in 2024), instruments of the measure
    # SPUK, DU, programma, subsidie; neutral. 2021 (lines 323-): "€ 6,2 miljoen in 2021,
    # oplopend tot € 9,5 miljoen in 2024" (a series: its first value counts 2021-2024),
    # SPUK and DU at the amounts; positive.
    rows = ask(two_letters, "wijzigingen-van-maatregel", "maatregel=laaggeletterdheid")
    assert _cells(rows, "onderdeel", "jaar", "eerder", "later", "verschil") == [
        ("titel", None, "Laaggeletterdheid", "Laaggeletterdheid", None),
        ("standpunt", None, "neutraal", "positief", None),
        ("instrument", None, "decentralisatie-uitkering", "decentralisatie-uitkering", None),
        ("instrument", None, "programma", None, None),
        ("instrument", None, "specifieke-uitkering", "specifieke-uitkering", None),
        ("instrument", None, "subsidie", None, None),
        ("soort bedrag", None, "beschikbaar", "beschikbaar", None),
        ("geld", 2020, 5_000_000, 0, -5_000_000),
        ("geld", 2021, 5_000_000, 6_200_000, 1_200_000),
        ("geld", 2022, 5_000_000, 6_200_000, 1_200_000),
        ("geld", 2023, 5_000_000, 6_200_000, 1_200_000),
        ("geld", 2024, 7_300_000, 6_200_000, -1_100_000),
    ]
    # The short name is the newest letter's measure; the IRI says the same.
    assert ask(two_letters, "wijzigingen-van-maatregel",
               f"maatregel={S21}laaggeletterdheid") == rows


def test_what_changed_for_a_measure_under_a_new_title(two_letters: Path) -> None:
    # Jeugd (2020: € 300 miljoen tweede tranche and € 6,1 miljoen gezinshuizen in 2020;
    # mixed) became Jeugdzorg (2021: 300 miljoen in 2021, and a shortfall of 1,7 miljard
    # per year that does not count as money made available; critical).
    rows = ask(two_letters, "wijzigingen-van-maatregel", "maatregel=jeugdzorg")
    assert _cells(rows, "onderdeel", "jaar", "eerder", "later", "verschil") == [
        ("titel", None, "Jeugd", "Jeugdzorg", None),
        ("standpunt", None, "gemengd", "kritisch", None),
        ("soort bedrag", None, None, "tekort", None),
        ("soort bedrag", None, "beschikbaar", "beschikbaar", None),
        ("geld", 2020, 306_100_000, 0, -306_100_000),
        ("geld", 2021, 0, 300_000_000, 300_000_000),
    ]


@pytest.mark.parametrize("measure", [
    "tozo",  # new in 2021: it continues nothing
    f"{LB}/jeugd",  # of the oldest letter
])
def test_a_measure_that_continues_none_has_no_changes(two_letters: Path, measure: str) -> None:
    assert ask(two_letters, "wijzigingen-van-maatregel", f"maatregel={measure}") == []


def test_measures_whose_money_or_stance_changed(two_letters: Path) -> None:
    # The 17 continuations but the Nationaal Groeifonds (afwachtend both times; its
    # € 20 miljard over 2021-2025 and the Investeringsfonds' amounts count in no year).
    rows = ask(two_letters, "gewijzigde-maatregelen")
    assert _cells(rows, "maatregel", "eerderStandpunt", "standpunt", "jarenGeldGewijzigd",
                  "eersteRegel") == [
        (S21 + "gebundelde-uitkering", "afwachtend", "bezorgd", 1, 131),
        (S21 + "regionale-samenwerking", "gemengd", "kritisch", 0, 195),
        (S21 + "woningbouw", "gemengd", "gemengd", 4, 228),
        (S21 + "mensenhandel", "neutraal", "positief", 5, 251),
        (S21 + "ondermijning", "positief", "gemengd", 1, 265),
        (S21 + "veiligheidsregios", "neutraal", "kritisch", 0, 293),
        (S21 + "archiefwet", "afwachtend", "bezorgd", 0, 309),
        (S21 + "laaggeletterdheid", "neutraal", "positief", 5, 323),
        (S21 + "lokale-publieke-omroepen", "afwachtend", "afwachtend", 3, 353),
        (S21 + "verkeersveiligheid", "kritisch", "positief", 1, 369),
        (S21 + "klimaatakkoord", "afwachtend", "kritisch", 3, 400),
        (S21 + "regio-deals", "positief", "positief", 1, 441),
        (S21 + "werkgevers-en-werkzoekenden", "neutraal", "positief", 3, 472),
        (S21 + "participatiewet", "positief", "afwachtend", 1, 489),
        (S21 + "inburgering", "kritisch", "kritisch", 6, 503),
        (S21 + "jeugdzorg", "gemengd", "kritisch", 2, 532),
    ]
    assert (rows[-1]["titel"], rows[-1]["eerderTitel"], rows[-1]["vervolgVan"]) == (
        "Jeugdzorg", "Jeugd", L20 + "jeugd")
    # Named the other way round, nothing continues anything.
    assert ask(two_letters, "gewijzigde-maatregelen", f"eerder={LETTER}",
               f"brief={LB}") == []


def test_the_stance_on_a_theme_over_the_letters(two_letters: Path) -> None:
    # Theme jeugd: eight measures of 2020 and, in 2021, Jeugdzorg (critical), which
    # continues Jeugd (mixed in 2020).
    rows = ask(two_letters, "standpunten-over-thema-per-brief")
    assert _cells(rows, "jaar", "titel", "standpunt", "eerderStandpunt", "eersteRegel") == [
        (2020, "Multiprobleemhuishoudens", "positief", None, 1210),
        (2020, "(Passend) Onderwijs", "kritisch", None, 1315),
        (2020, "Kwaliteit (en toezicht daarop) van kinderopvang en voorschoolse educatie "
               "in Caribisch gebied", "neutraal", None, 1995),
        (2020, "Jeugd", "gemengd", None, 2158),
        (2020, "Wet bevorderen samenwerking en rechtmatige zorg", "neutraal", None, 2209),
        (2020, "Meer zorgafspraken in de regio", "gemengd", None, 2264),
        (2020, "Geweld hoort nergens thuis (huiselijk geweld en kindermishandeling)",
         "neutraal", None, 2309),
        (2020, "Aanbesteden", "neutraal", None, 2397),
        (2021, "Jeugdzorg", "kritisch", "gemengd", 532),
    ]
    assert (rows[-1]["maatregel"], rows[-1]["vervolgVan"]) == (S21 + "jeugdzorg",
                                                               L20 + "jeugd")
    rows = ask(two_letters, "standpunten-over-thema-per-brief", "thema=migratie")
    assert _cells(rows, "jaar", "titel", "standpunt", "eerderStandpunt", "eersteRegel") == [
        (2020, "Asiel en Migratie", "neutraal", None, 1272),
        (2020, "Inburgering", "kritisch", None, 2058),
        (2020, "Diversiteit & Inclusie", "neutraal", None, 2139),
        (2021, "Inburgering", "kritisch", "kritisch", 503),
    ]


#: Tabel 1 and Tabel 3 of both letters for 2020-2024 (the years both print): the 2020
#: letter's septembercirculaire 2019 (sources/ledenbrief-miljoenennota-2020.txt, lines
#: 73-85) and Miljoenennota 2020 (lines 199-205), the 2021 letter's septembercirculaire
#: 2020 (bron.txt, lines 62-68) and Miljoenennota 2021 (lines 118-124); thousands of
#: euros as printed, or percent.
ACCRES_2020_2021: dict[tuple[str, str], tuple[tuple[int | str, ...], tuple[int | str, ...]]] = {
    ("nominaal accres", "EUR"): ((1_244_014, 902_715, 854_522, 994_778, 1_004_955),
                                 (1_006_355, 1_132_017, 1_041_006, 1_120_384, 1_073_952)),
    ("accrespercentage", "%"): (("4.65", "3.3", "3.03", "3.48", "3.41"),
                                ("3.34", "3.63", "3.22", "3.36", "3.12")),
    ("opschalingskorting", "EUR"): ((70_000, 90_000, 110_000, 130_000, 135_000),
                                    (70_000, 90_000, 110_000, 130_000, 135_000)),
    ("plafond BTW-compensatiefonds", "EUR"): (
        (3_671_278, 3_791_793, 3_906_157, 4_042_143, 4_180_137),
        (3_671_278, 3_772_846, 3_889_115, 4_006_702, 4_131_560)),
    ("declaraties BTW-compensatiefonds", "EUR"): (
        (3_564_961, 3_707_559, 3_855_862, 4_010_096, 4_170_500),
        (3_590_000, 3_712_060, 3_838_270, 3_968_771, 4_103_709)),
    ("vrijval aan gemeentefonds en provinciefonds", "EUR"): (
        (106_317, 84_234, 50_295, 32_047, 9_637), (81_278, 60_786, 50_845, 37_931, 27_851)),
    ("aandeel gemeenten in de vrijval", "EUR"): (
        (93_547, 74_116, 44_254, 28_198, 8_479), (71_525, 53_492, 44_744, 33_379, 24_509)),
}


def test_the_accres_of_two_letters_side_by_side(two_letters: Path) -> None:
    rows = ask(two_letters, "accres-tussen-brieven")
    expected = []
    for (quantity, unit), (earlier, later) in ACCRES_2020_2021.items():
        for year, old, new in zip(range(2020, 2025), earlier, later, strict=True):
            scale = Decimal(1000) if unit == "EUR" else Decimal(1)
            old_value, new_value = Decimal(old) * scale, Decimal(new) * scale
            expected.append((quantity, year, unit, old_value, new_value,
                             new_value - old_value))
    assert [(r["grootheid"], r["jaar"], r["eenheid"], Decimal(str(r["eerder"])),
             Decimal(str(r["later"])), Decimal(str(r["verschil"]))) for r in rows] == expected
    circulaires = {(r["circulaireEerder"], r["circulaireLater"]) for r in rows}
    assert circulaires == {("Septembercirculaire 2019", "Septembercirculaire 2020"),
                           ("Miljoenennota 2020", "Miljoenennota 2021")}
    # vngkb.finance recomputes the 2020 letter's claims, release and municipal share
    # (Tabel 3 from the claims' growth; Tabel 1's septembercirculaire rows here are its
    # inputs) and nothing of the synthetic letter (it models the circulaires of 2019).
    assert [r["berekendEerder"] is not None for r in rows] == [False] * 20 + [True] * 15
    assert [r["berekendEerder"] for r in rows[20:25]] == [r["eerder"] for r in rows[20:25]]
    assert {r["berekendLater"] for r in rows} == {None}
    assert rows[0]["verschil"] == -237_659_000  # 1.006.355 - 1.244.014 thousand


def test_the_accres_of_a_letter_beside_itself_differs_nowhere(two_letters: Path) -> None:
    rows = ask(two_letters, "accres-tussen-brieven", f"eerder={LETTER}", f"brief={LETTER}")
    assert len(rows) == 7 * 6  # 2020-2025
    assert {r["verschil"] for r in rows} == {0}


#: The questions across letters, each with its exact answer above.
ACROSS_LETTERS = {"wijzigingen-van-maatregel", "gewijzigde-maatregelen", "nieuwe-maatregelen",
                  "niet-meer-genoemde-maatregelen", "accres-tussen-brieven",
                  "standpunten-over-thema-per-brief"}


def test_every_question_across_letters_is_answered_here() -> None:
    from vngkb.query import catalogue

    assert {name for name, question in catalogue.load_catalogue().items()
            if question.compares_letters} == ACROSS_LETTERS


def test_on_a_kb_of_one_letter_the_earlier_letter_is_that_letter() -> None:
    # The shipped KB: eerder and brief both default to the ledenbrief 2020, so no measure
    # of it is continued and nothing differs.
    assert len(ask(None, "niet-meer-genoemde-maatregelen")) == 90
    assert ask(None, "gewijzigde-maatregelen") == []
    assert {r["verschil"] for r in ask(None, "accres-tussen-brieven")} == {0}
