"""``vngkb interpret``: routing of Dutch questions to canned questions (measured on
tests/data/vragen.tsv), parameters from words, the not-sure fall-back, hostile input,
``--uitleg``, and exact answers for a few routed questions."""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests import DATA
from vngkb.cli.commands import main
from vngkb.core.errors import InputError
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.query import catalogue
from vngkb.query.store import EmbeddedStore
from vngkb.rdf.namespaces import ID
from vngkb.vraag import DREMPEL, MAX_TEKST, Router, Routering, is_zeker
from vngkb.vraag.parameters import Labels, vind
from vngkb.vraag.woorden import lees_woorden

VRAGEN = DATA / "vragen.tsv"


@dataclasses.dataclass(frozen=True)
class Geval:
    vraag: str
    verwacht: str
    parameters: dict[str, str]
    apart: bool


def gevallen() -> list[Geval]:
    rows = []
    for line in VRAGEN.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("vraag\t"):
            continue
        vraag, verwacht, params, apart = line.split("\t")
        values = dict(p.split("=", 1) for p in params.split(";") if p)
        rows.append(Geval(vraag, verwacht, values, apart == "ja"))
    return rows


@pytest.fixture(scope="module", autouse=True)
def index_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The index cache in a directory of its own, not the user's."""
    directory = tmp_path_factory.mktemp("vraag-cache")
    before = os.environ.get("VNGKB_CACHE_DIR")
    os.environ["VNGKB_CACHE_DIR"] = str(directory)
    yield directory
    if before is None:
        del os.environ["VNGKB_CACHE_DIR"]
    else:
        os.environ["VNGKB_CACHE_DIR"] = before


@pytest.fixture(scope="module")
def router(backend: EmbeddedStore) -> Router:
    return Router(list(catalogue.load_catalogue().values()), backend)


@pytest.fixture(scope="module")
def routed(router: Router) -> list[tuple[Geval, Routering]]:
    """Each text of the routing table with its routing (routed once for the module)."""
    return [(geval, router.route(geval.vraag)) for geval in gevallen()]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def run_machine(*args: str) -> tuple[int, list[str], list[str]]:
    """``vngkb interpret`` in a machine format: the exit code, the lines on stderr (the
    routing) and on stdout (only the data)."""
    code, out, err = run(*args)
    return code, err.splitlines(), out.splitlines()


# --- the routing table ----------------------------------------------------------------

def test_the_table_is_large_enough_and_names_real_questions() -> None:
    rows = gevallen()
    names = set(catalogue.load_catalogue())
    assert len(rows) >= 80
    assert sum(g.apart for g in rows) >= 30
    # "toon": the text asks what the letter says about a measure (vngkb show).
    assert {g.verwacht for g in rows} - {"toon"} <= names
    assert names - {g.verwacht for g in rows} == set(), "every question is asked at least once"
    examples = {e.casefold() for q in catalogue.load_catalogue().values() for e in q.examples}
    copies = [g.vraag for g in rows if g.vraag.casefold() in examples]
    assert copies == ["Welke decentralisatie-uitkeringen beginnen in 2020?"], (
        "only the issue's own example may be both a test phrasing and a header example")


def gerouteerd(routering: Routering) -> str:
    """Where a text went: the question's name, or ``toon`` for a measure shown whole."""
    return "toon" if routering.toon is not None else routering.vraag.name


def test_routing_accuracy(routed: list[tuple[Geval, Routering]],
                          capsys: pytest.CaptureFixture[str]) -> None:
    rows = [geval for geval, _ in routed]
    wrong = []
    for geval, routering in routed:
        if gerouteerd(routering) != geval.verwacht or not routering.zeker:
            wrong.append((geval, gerouteerd(routering), routering.zeker))
    held_out = [g for g in rows if g.apart]
    wrong_held_out = [w for w in wrong if w[0].apart]
    overall = 1 - len(wrong) / len(rows)
    held = 1 - len(wrong_held_out) / len(held_out)
    with capsys.disabled():
        print(f"\nrouting: {overall:.1%} of {len(rows)} overall, {held:.1%} of "
              f"{len(held_out)} held out")
        for geval, got, zeker in wrong:
            print(f"  wrong{' (held out)' if geval.apart else ''}: {geval.vraag!r} → {got}"
                  f"{'' if zeker else ' (not sure)'}, expected {geval.verwacht}")
    assert overall >= 0.95
    assert held >= 0.90


def test_routed_parameters_are_exactly_right(routed: list[tuple[Geval, Routering]]) -> None:
    checked = 0
    for geval, routering in routed:
        if gerouteerd(routering) != geval.verwacht:
            continue
        waarden = ({"maatregel": routering.toon.removeprefix(ID + "maatregel/")}
                   if routering.toon
                   else routering.waarden)
        assert waarden == geval.parameters, geval.vraag
        checked += 1
    assert checked >= 90


def test_same_words_same_answer(router: Router) -> None:
    first = router.route("Welke bedragen gaan naar de politie?")
    again = router.route("Welke bedragen gaan naar de politie?")
    assert [k.vraag.name for k in first.kandidaten] == [k.vraag.name for k in again.kandidaten]
    assert [k.score for k in first.kandidaten] == [k.score for k in again.kandidaten]


# --- parameters from words ------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("meer dan 100 miljoen", [("bedrag", "ondergrens", "100000000")]),
    ("boven de € 5 mln", [("bedrag", "ondergrens", "5000000")]),
    ("€ 1.020 miljoen", [("bedrag", "waarde", "1020000000")]),
    ("218,3 miljoen euro", [("bedrag", "waarde", "218300000")]),
    ("€ 17,50", [("bedrag", "waarde", "17.5")]),
    ("1 miljard", [("bedrag", "waarde", "1000000000")]),
    ("vanaf 2021", [("jaar", "jaar", "2021")]),
    ("volgend jaar", [("jaar", "jaar", "2021")]),
    ("komend jaar", [("jaar", "jaar", "2020")]),
    ("dit jaar", [("jaar", "jaar", "2020")]),
    ("hoofdstuk 4", [("hoofdstuk", "hoofdstuk", "4")]),
    ("in ٢٠٢٠ en ２０２０", []),  # non-ASCII digits are not a year
    ("1899 of 2100", []),
    ("1900 en 2099", [("jaar", "jaar", "1900"), ("jaar", "jaar", "2099")]),
    ("999999999999999 euro", [("bedrag", "waarde", "999999999999999")]),  # 15 digits
    ("2019-2024", [("jaar", "jaar", "2019"), ("jaar", "jaar", "2024")]),
    ("100 gemeenten", []),  # a number without unit or currency is no amount
    ("9999999999999999 miljoen", []),  # more than 15 digits: no amount
    ("eenmalige bedragen", [("waarde", "soort", "incidenteel")]),
])
def test_values_from_words(text: str, expected: list[tuple[str, str, str]]) -> None:
    # Years in words count from the budget year of the letter asked about: here 2020.
    found = vind(text, Labels(), lees_woorden().met_basisjaar(2020))
    assert [(v.soort, v.groep, v.waarde) for v in found] == expected


@pytest.mark.parametrize(("text", "name", "values"), [
    ("Welke maatregelen horen bij het ministerie van VWS?", "maatregelen-per-ministerie",
     {"ministerie": "mnre1025"}),
    ("Welke maatregelen vallen onder Justitie?", "maatregelen-per-ministerie",
     {"ministerie": "mnre1058"}),
    ("Bedragen als spuk", "bedragen-per-instrument", {"instrument": "specifieke-uitkering"}),
    ("Waar is de VNG kritisch over?", "maatregelen-per-standpunt", {"standpunt": "kritisch"}),
    ("Zoek naar 'jeugdhulp'", "zoek-in-teksten", {"zoekterm": "jeugdhulp"}),
])
def test_parameters_from_labels(router: Router, text: str, name: str,
                                values: dict[str, str]) -> None:
    routering = router.route(text)
    assert (routering.vraag.name, routering.waarden) == (name, values)


def test_a_needed_parameter_takes_its_default_and_says_so(router: Router) -> None:
    routering = router.route("Wat is het accres?")
    assert routering.vraag.name == "accres-per-jaar"
    assert routering.waarden == {}
    assert routering.regel() == "vraag → accres-per-jaar, jaar=2020 (standaard)"


def test_first_line_names_the_question_and_values() -> None:
    code, routing, data = run_machine("vraag", "Welke decentralisatie-uitkeringen beginnen "
                                      "in 2020?", "--format", "csv")
    assert code == 0
    # The routing goes to stderr in a machine format: stdout is only the data.
    assert routing == ["vraag → decentralisatie-uitkeringen-per-startjaar, jaar=2020"
                       ", brief=ledenbrief-miljoenennota-2020 (standaard)"]
    assert data[0] == "maatregel,titel,bedrag,waarde,per,laatsteJaar,ontvanger,citaat"


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_tables_for_people_keep_the_routing_line_above(fmt: str) -> None:
    code, out, err = run("vraag", "Welke decentralisatie-uitkeringen beginnen in 2020?",
                         "--format", fmt)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == ("vraag → decentralisatie-uitkeringen-per-startjaar, "
                                   "jaar=2020, brief=ledenbrief-miljoenennota-2020 "
                                   "(standaard)")


@pytest.mark.parametrize("fmt", ["json", "sparql-json"])
def test_json_output_parses_as_json(fmt: str) -> None:
    import json

    code, out, err = run("vraag", "Welke decentralisatie-uitkeringen beginnen in 2020?",
                         "--format", fmt)
    assert code == 0
    assert err.startswith("vraag → decentralisatie-uitkeringen-per-startjaar")
    assert json.loads(out)  # the whole of stdout is one JSON document, not empty


# --- exact answers of routed questions ---------------------------------------------

def test_exact_answer_decentralisatie_uitkeringen_2020() -> None:
    code, routing, data = run_machine("vraag", "Welke DU's starten in 2020?", "--format", "tsv")
    assert code == 0
    lines = routing + data
    assert routing[0] == ("vraag → decentralisatie-uitkeringen-per-startjaar, jaar=2020"
                        ", brief=ledenbrief-miljoenennota-2020 (standaard)")
    rows = [line.split("\t") for line in lines[2:]]
    # Source lines 1406-1407 and 1368: "van 2020 tot en met 2022 een decentralisatie-uitkering
    # van € 1 miljoen per jaar", "per 2020 een decentralisatie-uitkering van € 5 miljoen".
    assert [(r[1], r[3], r[6], r[7]) for r in rows] == [
        ("Cultuur", "1000000", "gemeenten", "Hiervoor is er van 2020 tot en met 2022 een "
         "decentralisatie-uitkering van € 1 miljoen per jaar beschikbaar."),
        ("Laaggeletterdheid", "5000000", "centrumgemeenten",
         "Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen")]


def test_exact_answer_vindplaats_of_an_amount() -> None:
    code, routing, data = run_machine("vraag", "Waar noemt de brief € 80,8 miljoen?",
                                      "--format", "tsv")
    assert code == 0
    lines = routing + data
    assert routing[0] == ("vraag → vindplaats-van-bedrag, waarde=80800000"
                        ", brief=ledenbrief-miljoenennota-2020 (standaard)")
    rows = [line.split("\t") for line in lines[2:]]
    assert [(r[2], r[3]) for r in rows] == [("€ 80,8 miljoen", "184"),
                                            ("maximaal € 80,8 miljoen", "213")]


def test_exact_answer_measures_of_a_ministry() -> None:
    code, routing, data = run_machine("vraag", "Welke maatregelen vallen onder het "
                                      "ministerie van Infrastructuur en Waterstaat?",
                                      "--format", "csv")
    assert code == 0
    lines = routing + data
    assert routing[0] == ("vraag → maatregelen-per-ministerie, ministerie=mnre1130"
                        ", brief=ledenbrief-miljoenennota-2020 (standaard)")
    titles = [line.split(",")[1] for line in lines[2:]]
    assert titles == ["Omgevingswet: Aanvullingswet geluid", "Omgevingswet: Aanvullingswet bodem",
                      "Verkeersveiligheid", "Klimaatadaptatie", "Circulaire economie", "Afval",
                      "Asbest in gebouwen", "Mobility as a Service",
                      "Maatschappelijk Verantwoord Inkopen"]


# --- not sure: say so, list the closest, search ------------------------------------

@pytest.mark.parametrize(("score", "zeker"), [
    (DREMPEL, True), (DREMPEL - 1e-9, False), (DREMPEL + 1e-9, True)])
def test_threshold_boundary(score: float, zeker: bool) -> None:
    assert is_zeker(score) is zeker


def test_not_sure_lists_closest_and_searches() -> None:
    code, routing, data = run_machine("vraag", "Hoe zit het met schuldhulpverlening?",
                                      "--format", "csv")
    assert code == 0
    assert len(routing) == 6 and data[0] == "titel,tekst,fragment,eersteRegel,laatsteRegel,slug"
    # The search is of one letter, which the last routing line names.
    assert routing[5] == f"Brief: Ledenbrief Miljoenennota 2020 ({LB})"
    lines = routing[:5] + data
    assert lines[0].startswith("vraag: geen vraag uit de catalogus past goed genoeg "
                               "(beste score ")
    assert all(line.startswith("  ") and ": " in line for line in lines[1:4])
    assert lines[4] == "zoeken in de teksten naar 'schuldhulpverlening':"
    assert lines[5] == "titel,tekst,fragment,eersteRegel,laatsteRegel,slug"
    # Ranked: the measure whose intention names the Wgs comes first.
    assert [line.split(",")[0] for line in lines[6:]] == [
        "Brede Schuldenaanpak", "Regie op gegevens", "Noodstopprocedure en sociale incasso"]


def test_not_sure_asks_the_ranked_search_for_the_chosen_word(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import vngkb.search

    calls: list[tuple[str, str, int, str | None]] = []
    real = vngkb.search.zoek

    def zoek(terms: str, *, mode: str = "all", limit: int = 20,
             brief: str | None = None) -> list[Any]:
        calls.append((terms, mode, limit, brief))
        return real(terms, mode=mode, limit=1, brief=brief)

    monkeypatch.setattr(vngkb.search, "zoek", zoek)
    code, out, _ = run("vraag", "Hoe zit het met schuldhulpverlening?", "--format", "csv")
    assert code == 0
    assert calls == [("schuldhulpverlening", "all", 20, LB)]  # the newest letter's texts
    assert out.splitlines()[-1].startswith("Brede Schuldenaanpak,voornemen,")


# --- bad and hostile input -----------------------------------------------------------

@pytest.mark.parametrize(("text", "message"), [
    ("", "vngkb: vraag: de tekst is leeg"),
    ("   \t ", "vngkb: vraag: de tekst is leeg"),
    ("\x00\x01\x07\x7f", "vngkb: vraag: de tekst is leeg"),
    ("de het een van", "vngkb: vraag: de tekst bevat geen woorden om op te zoeken"),
    ("?!?! ... ,,,", "vngkb: vraag: de tekst bevat geen woorden om op te zoeken"),
    ("x" * (1024 * 1024), f"vngkb: vraag: de tekst is {1024 * 1024} tekens lang; hoogstens "
     f"{MAX_TEKST}"),
    ("a" * (MAX_TEKST + 1), f"vngkb: vraag: de tekst is {MAX_TEKST + 1} tekens lang"),
    ("12 34 56", "vngkb: vraag: de tekst bevat geen woorden om op te zoeken"),
    ("xq zz", "vngkb: vraag: geen vraag past, en de tekst bevat geen woord om op te zoeken"),
])
def test_nothing_to_answer_is_one_line_and_exit_2(text: str, message: str) -> None:
    code, out, err = run("vraag", text)
    assert code == 2
    assert out == ""
    assert err.startswith(message)
    assert err.count("\n") == 1 and "Traceback" not in err


def test_longest_accepted_text_is_answered(router: Router) -> None:
    text = ("Welke bedragen gaan naar de politie? " * 100)[:MAX_TEKST]
    assert len(text) == MAX_TEKST
    assert router.route(text).vraag.name == "bedragen-per-ontvanger"
    with pytest.raises(InputError):
        router.route(text + "x")


@pytest.mark.parametrize("text", [
    'Welke bedragen gaan naar "} ; DROP ALL ; SELECT * WHERE { ?s ?p ?o',
    "Zoek naar '\"} UNION { ?s ?p ?o }'",
    "Zoek naar \"<http://example.org/> }\"",
    "Welke maatregelen {{ }} ${jaar} %s \\u0022 in 2020?",
    "Bedragen van meer dan 99999999999999999999999 miljoen",
    "Welke bedragen zijn meer dan ١٠٠ miljoen?",
    "What is the weather in Amsterdam tomorrow?",
    "Welke Welke Welke " * 50 + "2020",
    "maatregel\x00jeugd\x07\x1b[31m",
    "Ρωσικά κείμενα 東京 🙂 مرحبا",
])
def test_hostile_text_never_breaks_out(text: str) -> None:
    code, out, err = run("vraag", text, "--format", "csv")
    assert code in (0, 2)
    assert "Traceback" not in out + err
    if code == 2:
        assert out == "" and err.count("\n") == 1
    else:
        assert err.splitlines()[0].startswith("vraag")
        assert not out.startswith("vraag")


def test_search_term_with_quotes_is_bound_as_a_literal(router: Router) -> None:
    routering = router.route("Zoek naar '} ; DROP ALL {'")
    assert routering.vraag.name == "zoek-in-teksten"
    assert routering.waarden == {"zoekterm": "} ; DROP ALL {"}
    code, out, _ = run("vraag", "Zoek naar '} ; DROP ALL {'", "--format", "csv")
    assert code == 0
    assert out.splitlines() == [
        "titel,tekst,fragment,hoofdstuk,eersteRegel,laatsteRegel,maatregel"]


def test_a_routed_value_the_question_rejects_is_one_line() -> None:
    code, out, err = run("vraag", "Welke maatregelen staan in hoofdstuk 11?")
    assert code == 2
    assert out == ""
    assert err == ("vngkb: parameter hoofdstuk: '11' is niet een van: "
                   "1, 2, 3, 4, 5, 6, 7, 8, 9, 10\n")
    code, out, err = run("--lang", "en", "vraag", "Welke maatregelen staan in hoofdstuk 11?")
    assert (code, out) == (2, "")
    # No spelling hint for a number: "11" is not a misspelt "1".
    assert err == ("vngkb: parameter hoofdstuk: '11' is not one of: "
                   "1, 2, 3, 4, 5, 6, 7, 8, 9, 10\n")


# --- --uitleg -----------------------------------------------------------------------

def test_uitleg_shows_the_top_five_with_score_parts() -> None:
    code, routing, data = run_machine("vraag", "Welke bedragen gaan naar woningcorporaties?",
                                      "--uitleg", "--format", "csv")
    assert code == 0
    assert len(routing) == 9  # the routing and the explanation: on stderr beside csv
    lines = routing + data
    assert lines[0] == ("vraag → bedragen-per-ontvanger, ontvanger=woningcorporaties"
                        ", brief=ledenbrief-miljoenennota-2020 (standaard)")
    assert lines[1].startswith("uitleg: score = ")
    assert lines[2] == "  termen: bedrag gan woningcorporatie #ontvanger"
    assert lines[3] == "  waarden in de tekst: 'woningcorporaties' → #ontvanger " \
        "https://w3id.org/vngkb/id/ontvanger/woningcorporaties"
    ranked = lines[4:9]
    assert [line.split(".")[0].strip() for line in ranked] == ["1", "2", "3", "4", "5"]
    assert ranked[0].startswith("  1. bedragen-per-ontvanger: ")
    assert all(" = voorbeeld " in line and " + document " in line and " + ingevuld " in line
               and " − ongebruikt " in line for line in ranked)
    scores = [float(line.split(": ")[1].split(" ")[0]) for line in ranked]
    assert scores == sorted(scores, reverse=True)
    assert lines[9].startswith("titel,waarde,per,")  # the table of bedragen-per-ontvanger


# --- the words file ------------------------------------------------------------------

def test_words_file_errors_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "woorden.tsv"
    path.write_text("soort\twoorden\twaarde\nstopwoord\tde\t\nbestaat-niet\tx\t\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"woorden.tsv:3: expected 'soort<TAB>woorden"):
        lees_woorden(path)
    # A year in words is counted from the letter's budget year, never a fixed year.
    for value in ("20x1", "2021", "+", "+10", "１"):
        path.write_text(f"jaar\tvolgend jaar\t{value}\n", encoding="utf-8")
        with pytest.raises(InputError, match=f"'{re.escape(value)}' is not \\+N or -N"):
            lees_woorden(path)
    path.write_text("brief\tin de brief van\t2021\n", encoding="utf-8")
    with pytest.raises(InputError, match="brief row 'in de brief van': '2021' is not one of "
                                         "jaar, vorige"):
        lees_woorden(path)


@pytest.mark.parametrize("module", ["vngkb.vraag.parameters", "vngkb.vraag.woorden",
                                    "vngkb.vraag.zoeken"])
def test_doctests(module: str) -> None:
    import doctest
    import importlib

    failures, tried = doctest.testmod(importlib.import_module(module))
    assert (failures, tried > 0) == (0, True)


# --- the index cache -----------------------------------------------------------------

def _routes(router: Router) -> list[tuple[str, dict[str, str], list[float]]]:
    texts = [g.vraag for g in gevallen()[:25]]
    return [(r.vraag.name, r.waarden, [k.score for k in r.kandidaten])
            for r in map(router.route, texts)]


def test_the_cached_index_routes_exactly_as_a_fresh_one(
        backend: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    questions = list(catalogue.load_catalogue().values())
    monkeypatch.setenv("VNGKB_CACHE_DIR", "")
    fresh = Router(questions, backend)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path))
    first = Router(questions, backend)
    files = list(tmp_path.iterdir())
    assert [f.name.startswith("vraag-index-") for f in files] == [True]
    cached = Router(questions, backend)
    assert _routes(fresh) == _routes(first) == _routes(cached)
    files[0].write_text('{"sleutel": "', encoding="utf-8")  # a damaged file
    assert _routes(Router(questions, backend)) == _routes(fresh)


def test_an_unwritable_cache_is_skipped(backend: EmbeddedStore, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(blocker / "cache"))
    router = Router(list(catalogue.load_catalogue().values()), backend)
    assert router.route("Welke bedragen gaan naar de politie?").waarden == {
        "ontvanger": "politie"}
    assert blocker.read_text(encoding="utf-8") == "not a directory"


# --- one language per screen ----------------------------------------------------------

def test_routing_line_is_dutch_by_default_and_english_with_lang_en() -> None:
    # The routing stays Dutch (the questions are Dutch); what vraag says about it switches.
    _, nl_data, nl = run("vraag", "Welke maatregelen vindt de VNG?", "--format", "csv")
    code, en_data, en = run("--lang", "en", "vraag", "Welke maatregelen vindt de VNG?",
                            "--format", "csv")
    assert code == 0
    assert nl.splitlines()[0] == "vraag → maatregelen-per-standpunt, standpunt=kritisch " \
        "(standaard), brief=ledenbrief-miljoenennota-2020 (standaard)"
    assert en.splitlines()[0] == "question → maatregelen-per-standpunt, " \
        "standpunt=kritisch (default), brief=ledenbrief-miljoenennota-2020 (default)"
    assert en_data == nl_data  # CSV keeps its documented names


def test_not_sure_and_uitleg_in_english() -> None:
    code, out, err = run("--lang", "en", "vraag", "Hoe zit het met schuldhulpverlening?",
                         "--uitleg", "--format", "csv")
    assert code == 0
    lines = err.splitlines()
    assert lines[0].startswith("vraag: no question in the catalogue fits well enough "
                               "(best score ")
    assert ", threshold 0.40); the closest:" in lines[0]
    assert lines[4] == "searching the texts for 'schuldhulpverlening':"
    assert lines[5] == f"Letter: Ledenbrief Miljoenennota 2020 ({LB})"
    assert lines[6].startswith("explanation: score = 0.5·example + 0.3·document + ")
    assert lines[6].endswith("·unused (a year: 0.15); threshold 0.4")
    assert lines[7].startswith("  terms: ")
    assert lines[8].startswith("  values in the text: ")
    assert " = example " in lines[9] and " + filled in " in lines[9] and " − unused " in lines[9]
    assert "uitleg" not in out and "zoeken in" not in out


@pytest.mark.parametrize(("text", "message"), [
    ("", "vraag: the text is empty; ask a question in words (in Dutch), for example "
         "\"Welke decentralisatie-uitkeringen beginnen in 2020?\""),
    ("de het een", "vraag: the text has no words to search for (only stop words)"),
])
def test_bad_questions_in_english(text: str, message: str) -> None:
    assert run("--lang", "en", "vraag", text) == (2, "", f"vngkb: {message}\n")


# --- question words, toon, accres ------------------------------------------------------

@pytest.mark.parametrize(("text", "term"), [
    ("Waarover gaat het bij sport?", "sport"),
    ("Hoeveel wordt er bezuinigd?", "bezuinigd"),
    ("Waar staat iets over gaswinning?", "gaswinning"),
    ("Welke hoeveel waarom?", None),
    ("Wanneer waarover waarin?", None),
])
def test_the_fallback_never_searches_a_question_word(text: str, term: str | None) -> None:
    from vngkb.vraag.zoeken import zoekterm

    woorden = lees_woorden()
    assert {"wat", "waar", "hoeveel", "welke"} <= woorden.vraagwoorden
    assert zoekterm(text, woorden) == term


@pytest.mark.parametrize(("text", "slug"), [
    ("Wat zegt de brief over laaggeletterdheid?", "laaggeletterdheid"),
    ("wat staat er in de brief over woningbouw", "woningbouw"),
    ("Wat schrijft de VNG over de maatregel jeugd?", "jeugd"),
])
def test_what_the_letter_says_about_a_measure_is_toon(text: str, slug: str) -> None:
    code, out, err = run("vraag", text, "--format", "table")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"vraag → toon {slug}, brief={LB}"
    _, toon, _ = run("toon", slug)
    assert "\n".join(lines[1:]) == toon.rstrip("\n")


def test_toon_answer_for_machines_is_the_amounts_table() -> None:
    # Machine formats: the routing on stderr, only the data on stdout.
    code, err, lines = run_machine("vraag", "Wat zegt de brief over laaggeletterdheid?",
                                   "--format", "csv")
    assert code == 0
    assert err == [f"vraag → toon laaggeletterdheid, brief={LB}"]
    assert lines[0] == ("titel,waarde,per,eersteJaar,laatsteJaar,citaat,eersteRegel,"
                        "laatsteRegel,bedrag")
    assert len(lines) == 1 + 3  # the three amounts of lines 1367-1369


def test_without_a_toon_phrase_a_measure_goes_to_its_question() -> None:
    code, err, _ = run_machine("vraag", "Waar gaat de brief in op de maatregel Klimaatakkoord?",
                               "--format", "csv")
    assert code == 0
    assert err == ["vraag → vindplaats-van-maatregel, "
                   "maatregel=ledenbrief-miljoenennota-2020/klimaatakkoord"]


def test_the_opschalingskorting_of_a_year_is_answered_from_the_accres_data() -> None:
    # Tabel 1, line 83: "Opschalingskorting 60.000 70.000 90.000 110.000 130.000 135.000"
    code, err, lines = run_machine("vraag", "hoeveel is de opschalingskorting in 2022",
                                   "--format", "csv")
    assert code == 0
    assert err == ["vraag → accres-per-jaar, jaar=2022"]
    assert [line for line in lines if ",opschalingskorting," in line] == [
        "Septembercirculaire 2019,opschalingskorting,110000000,EUR,110.000,83,,,"
        "https://w3id.org/vngkb/id/accres/ledenbrief-miljoenennota-2020/"
        "septembercirculaire-2019/opschalingskorting/2022"]


#: The money for gemeenten (and narrower recipients: centrumgemeenten) that counts in 2022,
#: as the letter states it: (value as printed in miljoen, the words of the letter).
GEMEENTEN_2022 = [
    ("300", "In 2021 en 2022 is dat 300 miljoen."),
    ("250", "vier x € 250 miljoen van 2020-2023"),
    # "per 2019", no last year: carried forward to 2022.
    ("145", "Gemeenten krijgen in het gemeentefonds per 2019 € 145 miljoen als compensatie"),
    # The 35 Web-contactgemeenten (centrumgemeenten), "per 2020", carried forward.
    ("5", "Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen"),
    ("1", "Hiervoor is er van 2020 tot en met 2022 een decentralisatie-uitkering van € 1 "
          "miljoen per jaar beschikbaar."),
    ("2,5", "begroot op 2,5 miljoen per jaar, voor gemeenten vanaf 2022."),
]


def test_a_year_in_the_text_weighs_above_what_a_question_cannot_take(
        router: Router, source_lines: list[str]) -> None:
    """"hoeveel geld gaat er in 2022 naar gemeenten" is answered for 2022: by the total
    of that year for gemeenten, not by the amounts for gemeenten of every year (a question
    without a year) nor by another year."""
    from decimal import Decimal

    from vngkb.rdf import sourcetext

    for _, words in GEMEENTEN_2022:
        assert sourcetext.contains(source_lines, words), words
    total = sum(Decimal(v.replace(",", ".")) for v, _ in GEMEENTEN_2022) * 1_000_000
    assert total == Decimal("703500000")
    code, err, lines = run_machine("vraag", "hoeveel geld gaat er in 2022 naar gemeenten",
                                   "--format", "csv")
    assert code == 0
    assert err == ["vraag → totalen-per-jaar, jaar=2022, ontvanger=gemeenten, "
                   "brief=ledenbrief-miljoenennota-2020 (standaard)"]
    # 6 amounts, € 703,5 miljoen, of which 145 + 5 carried forward (no last year).
    assert lines == ["jaar,aantal,totaal,openEinde,structureel,incidenteel",
                     f"2022,{len(GEMEENTEN_2022)},{int(total)},150000000,0,0"]
    # The question that lists amounts per recipient cannot take the year: it ranks below.
    ranked = [k.vraag.name for k in router.route(
        "hoeveel geld gaat er in 2022 naar gemeenten").kandidaten]
    assert ranked.index("totalen-per-jaar") < ranked.index("bedragen-per-ontvanger")


@pytest.mark.parametrize(("tekst", "regel"), [
    # A year in the text replaces nothing but the year: the other values stay.
    ("Welk geld gaat in 2021 naar centrumgemeenten?",
     "vraag → totalen-per-ontvanger, jaar=2021, ontvanger=centrumgemeenten, "
     "brief=ledenbrief-miljoenennota-2020 (standaard)"),
    ("Hoeveel geld per ministerie in 2022?",
     "vraag → totalen-per-ministerie, jaar=2022, brief=ledenbrief-miljoenennota-2020 "
     "(standaard)"),
    # Without a year, every year.
    ("Hoeveel geld per ministerie?",
     "vraag → totalen-per-ministerie, brief=ledenbrief-miljoenennota-2020 (standaard)"),
])
def test_the_totals_questions_take_the_year_of_the_text(tekst: str, regel: str) -> None:
    code, err, _ = run_machine("vraag", tekst, "--format", "csv")
    assert (code, err) == (0, [regel])


# --- which letter the words name (vngkb.vraag.brief) -----------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Welke DU's starten in de brief van 2021?", (2021, False, "Welke DU's starten de brief?")),
    ("in de ledenbrief 2020 over jeugd", (2020, False, "de brief over jeugd")),
    ("IN DE BRIEF VAN 2021", (2021, False, "de brief")),
    ("de vorige brief over woningbouw", (None, True, "de brief over woningbouw")),
    ("Wat zei de VNG vorig jaar?", (None, True, "Wat zei de VNG de brief?")),
    # Not a letter: no year after the words, or not four ASCII digits.
    ("Wat zegt de brief over woningbouw?", None),
    ("in de brief van ２０２１", None), ("in de brief van ٢٠٢١", None),
    ("in de brief van 20210", None), ("in de brief van 202", None),
    ("in de brief van '2021'", (2021, False, "de brief'")),  # the quote is no word
    ("brief", None), ("", None), ("vorig", None),
])
def test_the_letter_a_text_names(text: str, expected: tuple[int | None, bool, str] | None
                                 ) -> None:
    from vngkb.vraag.brief import genoemd

    found = genoemd(text, lees_woorden())
    assert (None if found is None else tuple(found)) == expected


def test_the_letter_words_are_data(tmp_path: Path) -> None:
    from vngkb.vraag.brief import genoemd

    path = tmp_path / "woorden.tsv"
    path.write_text("brief\tin het schrijven van\tjaar\nbrief\thet vorige schrijven\tvorige\n",
                    encoding="utf-8")
    woorden = lees_woorden(path)
    assert tuple(genoemd("in het schrijven van 2021", woorden) or ()) == (2021, False,
                                                                          "de brief")
    assert tuple(genoemd("het vorige schrijven", woorden) or ()) == (None, True, "de brief")
    assert genoemd("in de brief van 2021", woorden) is None
