"""Totals that a finance officer can use: only money made available, each euro once.

The 2020 and 2021 totals are pinned to figures derived by hand from the letter: every
amount that goes in is listed with the words that state it and its value as printed, and
the test checks that those words are in the letter and are the amount's quote in the KB
(read with rdflib, not with the engine under test). The same figures must come out of
``vngkb.reports.totals`` and of the canned question ``totalen-per-jaar``. Also: the year
boundaries of open-ended amounts, the reasons for leaving mentions out, bad ``--jaar``
values, and broken amounts that the shapes and QC checks reject.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from tests import DATA
from tests.letter_counts import DERIVED_YEAR_READINGS, KINDS_OF_AMOUNT
from tests.money_years import IN_2020, IN_2021, TOTAAL_2020, TOTAAL_2021, mln
from vngkb import api
from vngkb.cli.commands import main
from vngkb.core.errors import ParameterError
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.kb.load import default_files
from vngkb.query.store import EmbeddedStore
from vngkb.rdf import sourcetext
from vngkb.reports.totals import Totalen, kort, parse_jaar, totalen
from vngkb.validate.validation import validate

BEDRAG = "https://w3id.org/vngkb/id/bedrag/ledenbrief-miljoenennota-2020/"
SCHEMA_VALUE = rdflib.URIRef("https://schema.org/value")
CITAAT = rdflib.URIRef("https://w3id.org/vngkb/def/citaat")

# Before issue 10 the same questions answered 22 amounts and € 7.498,47 miljoen for 2020
# (the € 6,1 miljard provisional budget, the € 22 miljoen part and € 178 miljoen chapter-1
# repeat of the sport budget, the streekomroepen and samenwerking shares counted twice,
# no open-ended amounts), and 6 amounts, € 273 miljoen, for 2021.


@pytest.fixture(scope="module")
def kb_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in default_files():
        graph.parse(path)
    return graph


@pytest.fixture(scope="module")
def sums(backend: EmbeddedStore) -> Totalen:
    return totalen(backend)


@pytest.mark.parametrize(("jaar", "derivation", "total", "carried"), [
    (2020, IN_2020, TOTAAL_2020, mln("149")),
    (2021, IN_2021, TOTAAL_2021, mln("154")),
])
def test_year_total_is_the_hand_derived_sum(
        jaar: int, derivation: list[tuple[str, str, str]], total: Decimal, carried: Decimal,
        sums: Totalen, backend: EmbeddedStore, kb_graph: rdflib.Graph,
        source_lines: list[str]) -> None:
    # The derivation itself: the letter's words, the KB's quote and value for each amount.
    for slug, printed, words in derivation:
        node = rdflib.URIRef(BEDRAG + slug)
        assert sourcetext.contains(source_lines, words), slug
        assert any(words in str(q) for q in kb_graph.objects(node, CITAAT)), slug
        assert Decimal(str(kb_graph.value(node, SCHEMA_VALUE))) == mln(printed), slug
    assert sum((mln(p) for _, p, _ in derivation), Decimal(0)) == total
    # vngkb.reports.totals: the same amounts, nothing else.
    year = sums.jaar(jaar)
    assert sorted(p.bedrag for p in year.meegeteld) == sorted(f"bedrag/{LB}/{s}"
                                                               for s, _, _ in derivation)
    assert (year.totaal, year.aantal, year.open_einde) == (total, len(derivation), carried)
    # The canned question gives the same figures.
    rows = {r[0]: r[1:4] for r in api.ask("totalen-per-jaar", {}).values()}
    assert rows[jaar] == [len(derivation), total, carried]


def test_question_and_module_agree_in_every_year(sums: Totalen) -> None:
    rows = {r[0]: r[1:] for r in api.ask("totalen-per-jaar", {}).values()}
    counted = {y.jaar: [y.aantal, y.totaal, y.open_einde, y.structureel, y.incidenteel]
               for y in sums.jaren if y.aantal}
    assert list(rows) == [2019, 2020, 2021, 2022, 2023, 2024]
    assert rows == counted


def test_left_out_mentions_carry_their_reason(sums: Totalen) -> None:
    left_out = {p.bedrag: p.toelichting for p in sums.jaar(2020).niet_meegeteld}
    assert left_out["bedrag/ledenbrief-miljoenennota-2020/voorwoord-jeugd-2020"] == (
        f"afwijkende vermelding van bedrag/{LB}/jeugd-tweede-tranche-2020 (zie tegenstrijdigheden)")
    assert left_out["bedrag/ledenbrief-miljoenennota-2020/gebundelde-uitkering-2020"] == (
        "niet beschikbaar gesteld (soort: raming)")
    assert left_out["bedrag/ledenbrief-miljoenennota-2020/sport-spuk-gedekt"] == (
        f"deel van bedrag/{LB}/sport-spuk-budget-2020, dat in dit jaar al meetelt")
    assert left_out["bedrag/ledenbrief-miljoenennota-2020/media-streekomroepen"] == (
        f"deel van bedrag/{LB}/media-omroepen-2020, dat in dit jaar al meetelt")
    assert left_out[f"bedrag/{LB}/jeugd-tekorten-2019-2021"] == "geen jaarbedrag (per: totaal)"
    never = {p.bedrag: p.toelichting for p in sums.in_geen_jaar}
    assert never["bedrag/ledenbrief-miljoenennota-2020/cybercrime-en-cybersecurity-politie"] == (
        "zelfde geld als bedrag/ledenbrief-miljoenennota-2020/politie-digitalisering-cybercrime")
    assert never[f"bedrag/{LB}/voorwoord-avim"] == f"zelfde geld als bedrag/{LB}/motie-avim"
    assert never[f"bedrag/{LB}/politie-structureel"] == "geen jaar in de tekst"
    assert never[f"bedrag/{LB}/sport-spuk-tekort"] == "niet beschikbaar gesteld (soort: tekort)"
    # Every amount is accounted for: counted in some year, or left out with a reason.
    everywhere = ({p.bedrag for y in sums.jaren for p in y.meegeteld + y.niet_meegeteld}
                  | set(never))
    assert len(everywhere) == 100


def test_open_ended_amounts_stop_at_the_tables_or_a_later_level(sums: Totalen) -> None:
    def counted(jaar: int) -> set[str]:
        return {p.bedrag for p in sums.jaar(jaar).meegeteld}

    # Tabel 1 runs 2019-2024: carried forward in 2024, not in 2025.
    assert "bedrag/ledenbrief-miljoenennota-2020/abonnementstarief-compensatie" in counted(2024)
    assert "bedrag/ledenbrief-miljoenennota-2020/abonnementstarief-compensatie" not in counted(2025)
    assert sums.jaar(2025).aantal == 0
    assert [p.bedrag for p in sums.jaar(2025).niet_meegeteld] == [
        "bedrag/ledenbrief-miljoenennota-2020/digitaal-stelsel-omgevingswet-investering-2020-2025"]
    # € 5 miljoen laaggeletterdheid until 2023; in 2024 the € 7,3 miljoen level.
    assert "bedrag/ledenbrief-miljoenennota-2020/laaggeletterdheid-du-2020" in counted(2023)
    assert "bedrag/ledenbrief-miljoenennota-2020/laaggeletterdheid-du-2020" not in counted(2024)
    assert "bedrag/ledenbrief-miljoenennota-2020/laaggeletterdheid-du-2024" in counted(2024)
    # The first year is stated, not carried: the carried sum of 2019 is zero.
    assert sums.jaar(2019).open_einde == 0


@pytest.mark.parametrize("jaar", ["2018", "2026"])
def test_a_year_outside_the_tables_and_amounts_is_refused(jaar: str) -> None:
    with pytest.raises(ParameterError, match=rf"--year {jaar}: geen jaar van de tabellen of "
                                             r"de bedragen \(2019-2025\)"):
        api.totalen(jaar)


def test_first_and_last_years_are_accepted() -> None:
    assert api.totalen("2019")[0][:4] == [2019, "totaal", "6 bedragen", mln("348,4")]
    assert api.totalen("2025")[0][:4] == [2025, "totaal", "0 bedragen", Decimal(0)]


@pytest.mark.parametrize("value", [
    "２０２１", "٢٠٢١", "2021 ", " 2021", "+2021", "-2021", "20210", "202", "", "2021\x00",
    "'2021'", "\"2021\"", "{2021}", "2021;", "9" * 400, "2021\n2022", "2021e0", "0x7e5"])
def test_hostile_year_values_are_one_line_and_exit_2(value: str) -> None:
    with pytest.raises(ParameterError):
        parse_jaar(value)
    result = CliRunner().invoke(main, ["totalen", "--jaar", value])
    assert result.exit_code == 2
    assert result.output.startswith("vngkb: --year ")
    assert "geen jaartal (vier cijfers 0-9)" in result.output
    assert "Traceback" not in result.output


def test_cli_prints_dutch_headers_and_the_year() -> None:
    result = CliRunner().invoke(main, ["totalen", "--jaar", "2021", "--format", "csv"])
    assert result.exit_code == 0, result.output
    # The letter is named on stderr: stdout holds only the CSV.
    assert result.stderr == f"Brief: Ledenbrief Miljoenennota 2020 ({LB})\n"
    lines = result.stdout.splitlines()
    assert lines[0] == "jaar,regel,bedrag,waarde,toelichting"
    assert lines[1] == ('2021,totaal,12 bedragen,1057000000,'
                        '"waarvan € 154000000 doorgeteld (open einde, tot en met 2024)"')
    assert sum(line.startswith("2021,meegeteld,") for line in lines) == 12
    assert (f"2021,meegeteld,bedrag/{LB}/klimaatakkoord-res,22500000,"
            "de tekst noemt alleen het laatste jaar") in lines


def test_broken_amounts_are_rejected_with_named_fields() -> None:
    report = validate([*default_files(), DATA / "kb" / "broken-amounts.ttl"])
    assert not report.conforms
    found = {(f.focus, f.path, f.message_en or f.message_nl, f.value) for f in report.findings
             if f.severity == "Violation"}
    assert found == {
        ("bedrag/ledenbrief-miljoenennota-2020/zonder-soort", "def:soortBedrag",
         "Amount: exactly one kind of amount (def:soortBedrag) from the kind-of-amount scheme "
         "required", ""),
        # A derived year without its rule: the first year has no reading at all.
        ("bedrag/ledenbrief-miljoenennota-2020/afgeleid-zonder-regel", "def:eersteJaarBepaling",
         "Amount: first year (def:eersteJaar) without its reading (def:eersteJaarBepaling): "
         "printed, or the reading rule it was derived by", ""),
        (f"bedrag/{LB}/zelfde-maar-anders", "", "QC check zelfde-geld-ongelijke-waarde",
         "zelfdeGeldAls=bedrag/ledenbrief-miljoenennota-2020/politie-gebiedsgebonden-politiezorg, "
         "reden=ongelijke waarde: 9900001 en 9900000"),
        (f"bedrag/{LB}/gelijk-a", "", "QC check gelijk-bedrag-zonder-verband",
         "ander=bedrag/ledenbrief-miljoenennota-2020/gelijk-b, waarde=333333"),
        ("bedrag/ledenbrief-miljoenennota-2020/afwijkend-zonder-uitleg", "",
         "QC check afwijkende-vermelding-zonder-tegenstrijdigheid",
         "afwijkendeVermeldingVan=bedrag/ledenbrief-miljoenennota-2020/politie-teams-verkeer"),
    }
    dutch = {f.message_nl for f in report.findings if f.path == "def:soortBedrag"}
    assert dutch == {"Bedrag: precies één soort bedrag (def:soortBedrag) uit het schema soorten "
                     "bedrag vereist"}


def _count(graph: rdflib.Graph, query: str) -> dict[str, int]:
    prefixes = "PREFIX def: <https://w3id.org/vngkb/def/>\n"
    return {str(row[0]): int(str(row[1]))  # type: ignore[index]
            for row in graph.query(prefixes + query)}


def test_kinds_of_amount_as_read_from_the_letter(kb_graph: rdflib.Graph) -> None:
    kinds = _count(kb_graph, """
        SELECT ?soort (COUNT(?b) AS ?n) WHERE { ?b a def:Bedrag ; def:soortBedrag ?s .
          BIND(STRAFTER(STR(?s), "soort-bedrag/") AS ?soort) } GROUP BY ?soort""")
    assert kinds == KINDS_OF_AMOUNT


def test_year_readings_printed_and_derived(kb_graph: rdflib.Graph) -> None:
    readings = _count(kb_graph, """
        SELECT ?regel (COUNT(*) AS ?n) WHERE {
          ?b def:eersteJaarBepaling|def:laatsteJaarBepaling ?r .
          BIND(STRAFTER(STR(?r), "jaarbepaling/") AS ?regel) } GROUP BY ?regel""")
    derived = {k: v for k, v in readings.items() if k != "gedrukt"}
    assert derived == DERIVED_YEAR_READINGS
    years = _count(kb_graph, """
        SELECT ?p (COUNT(*) AS ?n) WHERE {
          { ?b def:eersteJaar [] BIND("eerste" AS ?p) } UNION
          { ?b def:laatsteJaar [] BIND("laatste" AS ?p) } } GROUP BY ?p""")
    # Every year has exactly one reading (the shapes require it; counted here as well).
    assert sum(readings.values()) == years["eerste"] + years["laatste"]


def test_doctests() -> None:
    import doctest

    from vngkb.reports import totals

    failures, tried = doctest.testmod(totals)
    assert tried >= 5
    assert failures == 0


def test_cli_is_dutch_by_default_and_english_with_lang_en() -> None:
    # Headings, row kinds, reasons and counts switch; kinds of amount and periods get the
    # KB's English labels; names of amounts stay; CSV and JSON keep the Dutch values.
    nl = CliRunner().invoke(main, ["totalen", "--jaar", "2021", "-f", "markdown"]).output
    result = CliRunner().invoke(main, ["--lang", "en", "totalen", "--jaar", "2021",
                                       "-f", "markdown"])
    assert result.exit_code == 0, result.output
    en = result.output
    # The letter first (a paragraph of its own before the table), in each language.
    assert nl.startswith(f"Brief: Ledenbrief Miljoenennota 2020 ({LB})\n\n"
                         "| jaar | regel | bedrag | waarde | toelichting |\n")
    # Amounts in explanations in each language's notation.
    assert "| 2021 | totaal | 12 bedragen | 1.057.000.000 | waarvan € 154.000.000 doorgeteld " \
        in nl
    assert en.startswith(f"Letter: Ledenbrief Miljoenennota 2020 ({LB})\n\n"
                         "| year | row | amount | value | explanation |\n")
    assert ("| 2021 | total | 12 amounts | 1,057,000,000 | of which € 154,000,000 carried "
            "forward (open end, up to and including 2024) |\n") in en
    assert (f"| 2021 | counted | bedrag/{LB}/klimaatakkoord-res | 22,500,000 | "
            "the text names only the last year |\n") in en
    assert (f"| 2021 | counted | bedrag/{LB}/voorwoord-jeugd-2021-2022 | 300,000,000 | "
            f"counts itself: bedrag/{LB}/jeugd-tekorten-2019-2021 gives no yearly amount "
            "for this year |\n") in en
    assert f"| counted | bedrag/{LB}/cybercrime-en-cybersecurity-personeel-jenv | 4,000,000 | " \
        "carried forward: the text gives no last year (from 2019) |\n" in en
    assert "| not counted | " in en and "| niet meegeteld | " in nl
    for dutch in ("totaal", "meegeteld", "bedragen", "doorgeteld", "geen "):
        assert f"| {dutch}" not in en and f" {dutch} " not in en
    csv_en = CliRunner().invoke(main, ["--lang", "en", "totalen", "--jaar", "2021",
                                       "-f", "csv"]).stdout
    csv_nl = CliRunner().invoke(main, ["totalen", "--jaar", "2021", "-f", "csv"]).stdout
    assert csv_en == csv_nl


def test_cli_reasons_with_kind_and_period_in_english() -> None:
    en = CliRunner().invoke(main, ["--lang", "en", "totalen", "-f", "markdown"]).output
    assert "| in no year | " in en
    assert "| no yearly amount (per: total over a period) |\n" in en
    assert "| not made available (kind: requested) |\n" in en
    assert f"| same money as bedrag/{LB}/woningbouw-rijksbijdrage |\n" in en
    assert f"| differing mention of bedrag/{LB}/jeugd-tweede-tranche-2020 (see contradictions) |" \
        in en
    assert f"| part of bedrag/{LB}/media-omroepen-2020, which already counts in this year |\n" in en
    assert "| one-off over several years: not to be assigned to one year |\n" in en
    # Every Dutch explanation has its English form: no Dutch reason is left over.
    for nl_text in ("niet beschikbaar", "zelfde geld", "afwijkende", "deel van",
                    "jaarbedrag", "eenmalig", "in de tekst", "soort:", "telt zelf",
                    "alleen het laatste", "leesregel", "telt via"):
        assert nl_text not in en


def test_toelichting_en_leaves_unknown_text_alone() -> None:
    from vngkb.reports.totals import toelichting_en

    assert toelichting_en("iets anders") == "iets anders"
    assert toelichting_en("") == ""
    # A kind without an English label keeps its notation.
    assert toelichting_en("niet beschikbaar gesteld (soort: nieuw)") == \
        "not made available (kind: nieuw)"


def test_year_errors_in_english() -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "totalen", "--jaar", "２０２１"])
    assert (result.exit_code, result.output) == (
        2, "vngkb: --year '２０２１': not a year (four digits 0-9)\n")
    result = CliRunner().invoke(main, ["--lang", "en", "totalen", "--jaar", "1999"])
    assert result.exit_code == 2
    assert result.output.startswith("vngkb: --year 1999: not a year of the tables or the "
                                    "amounts (")


# --- one year assignment everywhere ----------------------------------------------------

_GROUPS = """PREFIX def: <https://w3id.org/vngkb/def/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?bedrag ?soort ?groep WHERE {
  { ?m def:bedrag ?bedrag ; a def:Maatregel ; def:verantwoordelijkMinisterie ?x .
    ?x rdfs:label ?groep . BIND("ministerie" AS ?soort) }
  UNION
  { ?m def:bedrag ?bedrag ; a def:Maatregel ; def:thema ?x .
    ?x skos:prefLabel ?groep . FILTER(lang(?groep) = "nl") BIND("thema" AS ?soort) }
  UNION
  { ?bedrag def:ontvanger ?x . ?x skos:prefLabel ?groep . FILTER(lang(?groep) = "nl")
    BIND("ontvanger" AS ?soort) }
}"""



#: Per totalen-* question: the kind of group and the column that names it.
_PER_GROUP = {"totalen-per-ministerie": ("ministerie", 1), "totalen-per-thema": ("thema", 0),
              "totalen-per-ontvanger": ("ontvanger", 0)}


def _per_group(answer: list[list[object]], col: int, jaar: int
               ) -> dict[str, tuple[int, Decimal]]:
    """group -> (count, total) of one year in a totalen-* answer (group in column *col*,
    then year, count, total)."""
    return {str(r[col]): (int(str(r[col + 2])), Decimal(str(r[col + 3])))
            for r in answer if r[col + 1] == jaar}


def test_one_year_assignment_in_every_answer(sums: Totalen, backend: EmbeddedStore) -> None:
    """Which amount counts in which year is the same in ``bedragen-in-jaar``, every
    ``totalen-*`` question (with and without ``jaar``) and ``vngkb totalen``: each is
    recomputed here from the amounts ``vngkb totalen`` counts in that year (with the
    ministries, themes and recipients read from the KB)."""
    groups: dict[str, dict[str, set[str]]] = {"ministerie": {}, "thema": {}, "ontvanger": {}}
    for bedrag, soort, groep in backend.select(_GROUPS).values():
        groups[str(soort)].setdefault(kort(str(bedrag)), set()).add(str(groep))
    value = {p.bedrag: p.waarde for y in sums.jaren for p in y.meegeteld}
    every_year = {r[0]: r for r in api.ask("totalen-per-jaar", {}).values()}
    all_years = {name: api.ask(name, {}).values() for name in _PER_GROUP}
    checked = 0
    for year in sums.jaren:
        counted = sorted(p.bedrag for p in year.meegeteld)
        # bedragen-in-jaar: one row per amount (its first quote), the amounts counted.
        listed = api.ask("bedragen-in-jaar", {"jaar": str(year.jaar)}).values()
        assert sorted(kort(str(r[13])) for r in listed) == counted, year.jaar
        # totalen-per-jaar, over all years and for the one year.
        one = api.ask("totalen-per-jaar", {"jaar": str(year.jaar)}).values()
        if counted:
            assert every_year[year.jaar][1:3] == [len(counted), year.totaal]
            assert one == [every_year[year.jaar]]
        else:
            assert year.jaar not in every_year and one == []
        # Per ministry, theme and recipient: each group's amounts of the year, each once.
        for name, (soort, col) in _PER_GROUP.items():
            expected: dict[str, tuple[int, Decimal]] = {}
            for bedrag in counted:
                for groep in groups[soort].get(bedrag, ()):
                    n, total = expected.get(groep, (0, Decimal(0)))
                    expected[groep] = (n + 1, total + value[bedrag])
            assert _per_group(all_years[name], col, year.jaar) == expected, (name, year.jaar)
            only = api.ask(name, {"jaar": str(year.jaar)}).values()
            assert len(only) == len(expected), (name, year.jaar)
            assert _per_group(only, col, year.jaar) == expected, (name, year.jaar)
            checked += 1
    assert [y.jaar for y in sums.jaren] == list(range(2019, 2026)) and checked == 7 * 3


def test_a_series_counts_one_value_per_year_per_ministry_theme_and_recipient() -> None:
    """"€ 5 miljoen oplopend tot € 7,3 miljoen in 2024" (Laaggeletterdheid, the only money
    of the theme onderwijs) is € 5 miljoen in 2020-2023 and € 7,3 miljoen in 2024, never
    12,3; "€ 4 miljoen, oplopend tot € 6 miljoen per jaar [...] vanaf 2019" (JenV; the year
    of the € 6 miljoen is not printed) is € 4 miljoen a year, never 10, beside the NCSA's
    "In 2020 is € 95 miljoen beschikbaar"."""
    onderwijs = [r[1:4] for r in api.ask("totalen-per-thema", {"thema": "onderwijs"}).values()]
    assert onderwijs == [[2020, 1, mln("5")], [2021, 1, mln("5")], [2022, 1, mln("5")],
                         [2023, 1, mln("5")], [2024, 1, mln("7,3")]]
    jenv = [r[2:5] for r in api.ask("totalen-per-ministerie", {}).values() if r[0] == 3]
    assert jenv == [[2019, 1, mln("4")], [2020, 2, mln("99")], [2021, 1, mln("4")],
                    [2022, 1, mln("4")], [2023, 1, mln("4")], [2024, 1, mln("4")]]
    # The Web-contactgemeenten (centrumgemeenten) of 2024: the series' 2024 value alone.
    centrum = api.ask("totalen-per-ontvanger", {"ontvanger": "centrumgemeenten",
                                                "jaar": "2024"}).values()
    assert [r[:4] for r in centrum] == [["centrumgemeenten", 2024, 1, mln("7,3")]]


@pytest.mark.parametrize("ontvanger", ["gemeenten", "centrumgemeenten", "politie"])
def test_every_totals_question_takes_the_recipient_with_the_narrower_ones(
        backend: EmbeddedStore, ontvanger: str) -> None:
    """With ``ontvanger`` each totalen-* question counts the amounts ``vngkb totals
    --recipient`` counts (that recipient and the narrower ones: gemeenten includes
    centrumgemeenten), per year, per ministry and per theme."""
    sums = totalen(backend, ontvanger=f"https://w3id.org/vngkb/id/ontvanger/{ontvanger}")
    groups: dict[str, dict[str, set[str]]] = {"ministerie": {}, "thema": {}, "ontvanger": {}}
    for bedrag, soort, groep in backend.select(_GROUPS).values():
        groups[str(soort)].setdefault(kort(str(bedrag)), set()).add(str(groep))
    value = {p.bedrag: p.waarde for y in sums.jaren for p in y.meegeteld}
    per_year = {r[0]: r[1:3] for r in api.ask("totalen-per-jaar",
                                               {"ontvanger": ontvanger}).values()}
    assert per_year == {y.jaar: [y.aantal, y.totaal] for y in sums.jaren if y.aantal}
    for name, (soort, col) in _PER_GROUP.items():
        if soort == "ontvanger":
            continue  # its rows are per recipient (tests/test_vragen_nieuw.py)
        answer = api.ask(name, {"ontvanger": ontvanger}).values()
        for year in sums.jaren:
            expected: dict[str, tuple[int, Decimal]] = {}
            for p in year.meegeteld:
                for groep in groups[soort].get(p.bedrag, ()):
                    n, total = expected.get(groep, (0, Decimal(0)))
                    expected[groep] = (n + 1, total + value[p.bedrag])
            assert _per_group(answer, col, year.jaar) == expected, (name, year.jaar)
    if ontvanger == "gemeenten":  # tests/test_vraag.py has these six amounts from the letter
        assert per_year[2022] == [6, mln("703,5")]


def test_a_letter_without_accres_tables_carries_open_ends_to_its_last_year(
        tmp_path: Path) -> None:
    # Without Tabel 1 the counting rule carries an open end to the last year the letter
    # prints (2025 in the 2020 letter: "tot en met 2025"); the explanation says that year,
    # not "tot en met 0"
    import shutil

    from vngkb.core.paths import KB_DIR

    folder = tmp_path / "kb"
    shutil.copytree(KB_DIR / LB, folder / LB)
    for name in ("accres.ttl", "accres-redenen.ttl"):
        (folder / LB / name).unlink()
    result = CliRunner().invoke(main, ["--kb", str(folder), "totals", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if ",totaal," in line]
    assert lines and all(line.endswith("tot en met 2025)\"") for line in lines), lines
    assert lines[1] == ('2020,totaal,23 bedragen,1552970000,"waarvan € 149000000 doorgeteld '
                        '(open einde, tot en met 2025)"')
