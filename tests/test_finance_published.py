"""The finance module: the published accres and BCF figures (kb/accres.ttl), their
recomputation, what-ifs, the audit of the letter's arithmetic, the computed RDF and the
plot."""

from __future__ import annotations

import doctest
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest
import rdflib

from vngkb import finance
from vngkb.core.errors import FinanceError, InputError, MissingExtraError
from vngkb.core.paths import SOURCE_FILE
from vngkb.finance import model as model_module
from vngkb.finance import published as published_module
from vngkb.finance.model import CIRCULAIRES, model, name
from vngkb.finance.published import DEFAULT_KB_FILE, DEFAULT_ONTOLOGY_FILE, load
from vngkb.rdf import sourcetext

ROOT = Path(__file__).resolve().parents[1]
SOURCE = SOURCE_FILE
TABLES = Path(__file__).parent / "data" / "finance" / "tabellen.txt"
SHAPES = ROOT / "ontology" / "shapes-accres.ttl"
DEF = rdflib.Namespace("https://w3id.org/vngkb/def/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
MEI, SEPT = CIRCULAIRES
D = Decimal

#: The printed figures that do not follow from the other printed figures: the audit
#: must report exactly these, (recomputed at the printed precision, printed).
EXPECTED_DISCREPANCIES = {
    # Tabel 2: 0,5 × 2,20% + 0,5 × 1,70% = 1,95%, printed 1,85% (CEP 2019 and MEV 2020);
    # the 2024 reëel accrespercentages are computed with the printed 1,85%.
    "inflatiecorrectie.cep-2019.2024": (D("1.95"), D("1.85")),
    "inflatiecorrectie.mev-2020.2024": (D("1.95"), D("1.85")),
    # Assumed relation: the BCF ceiling grows by the septembercirculaire accrespercentage
    # (3.671.278 / 3.519.703 = +4,31%, not 4,65%; then 3,28% vs 3,30%, 3,02% vs 3,03%).
    "groei-plafond-bcf.2020": (D("4.31"), D("4.65")),
    "groei-plafond-bcf.2021": (D("3.28"), D("3.30")),
    "groei-plafond-bcf.2022": (D("3.02"), D("3.03")),
}

#: Rows of the full chain (inputs -> every figure) that differ from the printed table:
#: the 2024 inflatiecorrectie computed from the indices, and what follows from it.
EXPECTED_CHAIN_DIFFERENCES = {
    (1, MEI, "inflatiecorrectie", 2024): D("0.10"),
    (1, MEI, "reeel-accrespercentage", 2024): D("-0.10"),
    (1, MEI, "reeel-accres", 2024): D("-29087000"),  # 415.937 vs 445.024
    (1, SEPT, "inflatiecorrectie", 2024): D("0.10"),
    (1, SEPT, "reeel-accrespercentage", 2024): D("-0.10"),
    (1, SEPT, "reeel-accres", 2024): D("-29471000"),  # 430.274 vs 459.745
    (1, SEPT, "werkelijk-volume-accres", 2024): D("-29471000"),
    (1, SEPT, "volume-accrespercentage", 2024): D("-0.10"),  # 1,00% vs 1,10%
    (2, "cep-2019", "inflatiecorrectie", 2024): D("0.10"),
    (2, "mev-2020", "inflatiecorrectie", 2024): D("0.10"),
}


# --- Helpers ----------------------------------------------------------------------

def _dutch_number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", ".").rstrip("%"))


def _printed_rows() -> list[tuple[int, str, str, int, str, list[str]]]:
    """The fixture's table rows: (table, series, quantity, line, label+cells, cells)."""
    rows = []
    for line in TABLES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        table, series, quantity, number, text = (part.strip() for part in line.split("|"))
        pattern = r"(?<!\S)\d+,\d+%" if text.endswith("%") else r"(?<!\S)\d{1,3}(?:\.\d{3})*(?!\S)"
        cells = re.findall(pattern, text)
        rows.append((int(table), series, quantity, int(number), text, cells))
    return rows


def _kb_graph(*extra: Path) -> rdflib.Graph:
    # the letter's own declaration too: the shapes hold each figure's source to be a
    # def:Brondocument (pySHACL alone, without vngkb's per-letter filling-in)
    graph = rdflib.Graph()
    for path in (DEFAULT_KB_FILE, DEFAULT_KB_FILE.with_name("brief.ttl"),
                 DEFAULT_ONTOLOGY_FILE, *extra):
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def accres_source_lines() -> list[str]:
    return sourcetext.read_lines(SOURCE)


# --- The published figures -------------------------------------------------------------

def test_every_printed_table_cell_is_in_the_kb_with_its_value() -> None:
    data = load()
    rows = _printed_rows()
    assert len(rows) == 21
    for table, series, quantity, line, _text, cells in rows:
        assert len(cells) == 6, line
        for year, cell in zip(data.years, cells, strict=True):
            obs = data.find(quantity, series, year)
            assert obs is not None, (quantity, series, year)
            scale = 1 if cell.endswith("%") else 1000
            assert (obs.value, obs.quote, obs.first_line, obs.dataset) == (
                _dutch_number(cell) * scale, cell, line, f"accres-tabel-{table}")
    assert len([o for o in data.observations if o.in_table]) == 21 * 6


@pytest.mark.parametrize("obs", load().observations, ids=lambda o: o.iri.split("/id/")[1])
def test_value_unit_and_precision_follow_from_the_quote(obs: published_module.Observation) -> None:
    number = re.search(r"[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?%?", obs.quote)
    assert number is not None
    text = number.group(0)
    value = _dutch_number(text.lstrip("+-")) * obs.scale
    if text.startswith(("+", "-")):  # an explicit sign must be the value's sign
        assert obs.value == (-value if text.startswith("-") else value)
    else:  # a sign from the words around it ("neerwaartse bijstelling")
        assert abs(obs.value) == value
    digits = len(text.rstrip("%").split(",")[1]) if "," in text else 0
    assert obs.decimals == digits - len(str(obs.scale)) + 1
    assert obs.unit == ("%" if text.endswith("%") else "EUR")
    assert ("miljoen" in obs.quote) == (obs.scale == 1_000_000)
    if obs.unit == "EUR" and obs.in_table:
        assert obs.scale == 1000  # Tabel 1 and 3 are "in duizenden euro's"


def test_the_kb_conforms_to_the_accres_shapes() -> None:
    import pyshacl

    conforms, _graph, text = pyshacl.validate(
        _kb_graph(), shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"))
    assert conforms, text


def test_the_shapes_reject_a_figure_without_quote_or_year(tmp_path: Path) -> None:
    import pyshacl

    graph = _kb_graph()
    obs = rdflib.URIRef("https://w3id.org/vngkb/id/accres/ledenbrief-miljoenennota-2020/septembercirculaire-2019/reeel-accres/2020")
    graph.remove((obs, DEF.citaat, None))
    graph.add((obs, DEF.begrotingsjaar, rdflib.Literal("2021", datatype=rdflib.XSD.gYear)))
    conforms, results, _text = pyshacl.validate(
        graph, shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"))
    assert not conforms
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    found = {(str(results.value(r, sh.resultPath)).rsplit("/", 1)[1], m.language, str(m))
             for r in results.subjects(rdflib.RDF.type, sh.ValidationResult)
             for m in results.objects(r, sh.resultMessage)
             if results.value(r, sh.focusNode) == obs}
    assert found == {
        ("citaat", "nl", "Precies één citaat (de gedrukte tekst van het getal) vereist"),
        ("citaat", "en", "Exactly one quote (the printed text of the number) required"),
        ("begrotingsjaar", "nl", "Precies één begrotingsjaar (xsd:gYear) vereist"),
        ("begrotingsjaar", "en", "Exactly one budget year (xsd:gYear) required"),
    }


def test_every_quote_stands_in_its_line_range(accres_source_lines: list[str]) -> None:
    data = load()
    misplaced = [
        (o.iri, o.quote, o.first_line, o.last_line) for o in data.observations
        if not sourcetext.contains(
            sourcetext.line_range(accres_source_lines, o.first_line, o.last_line), o.quote)]
    assert misplaced == []
    # 126 table cells (Tabel 1: 66, Tabel 2: 36, Tabel 3: 24) and 21 figures in the text.
    assert len(data.observations) == 147


def test_every_table_cell_is_in_its_row_and_column(accres_source_lines: list[str]) -> None:
    data = load()
    for obs in (o for o in data.observations if o.in_table):
        line = sourcetext.fold(accres_source_lines[obs.first_line - 1])
        assert obs.row is not None and line.startswith(obs.row + " "), obs.iri
        pattern = (r"(?<!\S)\d+,\d+%" if obs.unit == "%" else r"(?<!\S)\d{1,3}(?:\.\d{3})*(?!\S)")
        cells = re.findall(pattern, line.removeprefix(obs.row))
        assert cells[obs.year - data.years[0]] == obs.quote, obs.iri


def test_the_table_fixture_matches_the_source(accres_source_lines: list[str]) -> None:
    for _table, _series, _quantity, line, text, _cells in _printed_rows():
        assert sourcetext.fold(accres_source_lines[line - 1]) == text


# --- Recomputing the tables -------------------------------------------------------------

def test_every_printed_cell_is_reproduced_or_a_known_difference() -> None:
    differences = {}
    for table in (1, 2, 3):
        for row in finance.rows(table=table):
            if row.difference is not None and row.difference != 0:
                differences[(table, row.circulaire, row.quantity, row.year)] = row.difference
    assert differences == EXPECTED_CHAIN_DIFFERENCES


def test_with_the_printed_inflatiecorrectie_every_accres_cell_is_reproduced() -> None:
    printed = {k: v for k, v in finance.published_values().items()
               if k.startswith("inflatiecorrectie.")}
    assert len(printed) == 12
    rows = finance.accres_rows(printed)
    assert [r for r in rows if r.difference not in (None, D(0))] == []
    # Every printed cell of Tabel 1 is compared: 4 rows × 6 (mei), 7 rows × 6 (sept),
    # and inflatiecorrectie from Tabel 2 for both.
    assert sum(r.published is not None for r in rows) == 24 + 42 + 12


def test_accres_rows_have_the_documented_columns_and_none_where_nothing_is_printed() -> None:
    rows = finance.accres_rows()
    assert rows[0]._fields == finance.ROW_COLUMNS
    mei_volume = [r for r in rows
                  if r.circulaire == MEI and r.quantity == "werkelijk-volume-accres"]
    assert [r.year for r in mei_volume] == [2019, 2020, 2021, 2022, 2023, 2024]
    assert all(r.published is None and r.difference is None for r in mei_volume)
    # 882.710 = 942.710 (reëel accres mei 2019) − 60.000 (opschalingskorting 2019)
    assert mei_volume[0].computed == D("882710000")


def test_bcf_rows_reproduce_tabel_3() -> None:
    rows = {(r.quantity, r.year): r for r in finance.rows(table=3)}
    assert rows[("declaraties-bcf", 2024)].computed == D("4170500000")
    assert rows[("aandeel-gemeenten", 2021)].computed == D("74116000")
    assert rows[("groei-plafond-bcf", 2020)].published is None
    assert all(r.difference in (None, D(0)) for r in rows.values())


def test_key_figures_of_the_chain() -> None:
    result = finance.compute()
    # Sept. 2019 uses CEP 2019 (1,95%), 2020 MEV 2020 (2,05%); mei uses CEP throughout.
    assert result["inflatiecorrectie.septembercirculaire-2019.2019"] == D("1.95")
    assert result["inflatiecorrectie.septembercirculaire-2019.2020"] == D("2.05")
    assert result["inflatiecorrectie.meicirculaire-2019.2020"] == D("1.70")
    assert result["bijstelling-nominaal-accres.2019"] == D("-218343000")
    assert result["bijstelling-nominaal-accres.2020"] == D("408614000")
    assert result["bijstelling-accrespercentage.2023"] == D("-0.28")
    assert finance.round_to(result["verdeelsleutel-gemeenten"], 4) == D("87.9888")
    assert finance.round_to(
        result["gemiddeld-volume-accrespercentage.septembercirculaire-2019"], 1) == D("1.6")
    assert result.series("declaraties-bcf")[2020] == D("3564960.88") * 1000


# --- The audit ----------------------------------------------------------------------------

def test_audit_finds_exactly_the_known_discrepancies() -> None:
    found = {d.check: (d.expected, d.printed) for d in finance.audit()}
    assert found == EXPECTED_DISCREPANCIES
    assumed = {d.check for d in finance.audit() if d.assumed}
    assert assumed == {k for k in EXPECTED_DISCREPANCIES if k.startswith("groei-plafond-bcf")}


@pytest.mark.parametrize("check", finance.audit_checks(), ids=lambda c: f"{c.check}@{c.where}")
def test_each_check(check: finance.Check) -> None:
    if check.check in EXPECTED_DISCREPANCIES:
        assert (check.expected, check.printed) == EXPECTED_DISCREPANCIES[check.check]
        assert not check.ok
    else:
        assert check.ok, check.row()


def test_audit_covers_every_derivable_printed_figure() -> None:
    data = load()
    m = model()
    engine = model_module.Engine(m)
    checked = {c.observation for c in finance.audit_checks()}
    inputs = {obs.iri for key, obs in m.sources.items() if not engine.has_rule(key)}
    share = data.find("aandeel-gemeenten", "miljoenennota-2020", 2019)
    assert share is not None
    definitional = {share.iri}  # the source of the municipal key
    not_modelled = {o.iri for o in data.observations if model_module.name_of(o, m.years) is None}
    everything = {o.iri for o in data.observations}
    assert everything - checked - inputs - definitional == not_modelled
    # The 2018 BCF release and the 2019 underspending estimates are printed facts that
    # no relation in the letter derives, so they have no place in the model.
    assert sorted(o.quote for o in data.observations if o.iri in not_modelled) == [
        "€ 1,2 miljard", "€ 1,5 miljard", "€ 1,7 miljard", "€ 39 miljoen"]
    assert len(finance.audit_checks()) == 83


def test_text_figures_are_checked_at_their_printed_precision() -> None:
    checks = {c.where.split(": ")[-1]: c for c in finance.audit_checks()
              if c.where.startswith("tekst")}
    assert checks["'€ 218,3 miljoen'"].expected == D("-218300000")
    assert checks["'€ 218 miljoen'"].expected == D("218000000")
    assert checks["'-0,28%'"].expected == D("-0.28")
    assert checks["'gemiddeld 1,6%'"].expected == D("1.6")
    assert checks["'accrespercentage van 6%'"].expected == D("6")
    assert checks["'€ 91,9 miljoen'"].what == "vrijval aan GF en PF = plafond BCF − declaraties"
    assert len(checks) == 14


def test_audit_reports_a_changed_figure(tmp_path: Path) -> None:
    kb = tmp_path / "accres.ttl"
    text = DEFAULT_KB_FILE.read_text(encoding="utf-8")
    assert text.count('"695578000"^^xsd:decimal') == 1
    kb.write_text(text.replace('"695578000"^^xsd:decimal', '"695579000"^^xsd:decimal'),
                  encoding="utf-8")
    found = {d.check: (d.expected, d.printed) for d in finance.audit(kb_file=kb)}
    assert found["reeel-accres.septembercirculaire-2019.2020"] == (D("695578000"), D("695579000"))
    # The volume-accres is checked from the printed reëel accres, so it now fails too.
    assert "werkelijk-volume-accres.septembercirculaire-2019.2020" in found


# --- What-if --------------------------------------------------------------------------

def test_what_if_inflatiecorrectie_changes_the_dependent_figures() -> None:
    base = finance.compute()
    key = "inflatiecorrectie.septembercirculaire-2019.2020"
    what_if = finance.compute({key: base[key] + D("0.10")})
    changed = {k for k in base.values if base[k] != what_if[k]}
    nominal = base["nominaal-accres.septembercirculaire-2019.2020"]
    percentage = base["accrespercentage.septembercirculaire-2019.2020"]
    delta = -nominal * D("0.10") / percentage  # 0,10 procentpunt of the base

    def diff(figure: str) -> Decimal:
        return what_if[figure] - base[figure]

    assert diff("reeel-accrespercentage.septembercirculaire-2019.2020") == D("-0.10")
    for figure in ("reeel-accres", "werkelijk-volume-accres"):
        assert finance.round_to(diff(f"{figure}.septembercirculaire-2019.2020"), 12) == \
            finance.round_to(delta, 12)
    assert finance.round_to(diff("reeel-accres.septembercirculaire-2019.2020"), 0) == \
        D("-26752989")
    volume = diff("volume-accrespercentage.septembercirculaire-2019.2020")
    assert finance.round_to(volume, 20) == D("-0.10")
    average = "gemiddeld-volume-accrespercentage.septembercirculaire-2019"
    assert finance.round_to(diff(average) * 6, 20) == D("-0.10")
    assert changed == {key} | {f"{q}.septembercirculaire-2019.2020" for q in (
        "reeel-accrespercentage", "reeel-accres", "werkelijk-volume-accres",
        "volume-accrespercentage")} | {average}
    assert what_if.overrides == {key: D("2.15")}


def test_shorthand_applies_to_every_series() -> None:
    what_if = finance.compute({"inflatiecorrectie.2020": "2,00"})
    assert what_if["reeel-accrespercentage.meicirculaire-2019.2020"] == D("1.13")
    assert what_if["reeel-accrespercentage.septembercirculaire-2019.2020"] == D("2.65")
    assert what_if["inflatiecorrectie.cep-2019.2020"] == D("2.00")
    # A canonical name given beside the shorthand wins for its series.
    both = finance.compute({"inflatiecorrectie.2020": D("2"),
                            "inflatiecorrectie.meicirculaire-2019.2020": D("3")})
    assert both["reeel-accrespercentage.meicirculaire-2019.2020"] == D("0.13")


def test_what_if_index_applies_where_the_circulaire_uses_that_forecast() -> None:
    base = finance.compute()
    mev = finance.compute({"loonindex.mev-2020.2020": D("2.70")})  # +0,20: +0,10 correction
    assert mev["inflatiecorrectie.mev-2020.2020"] == D("2.15")
    assert mev["reeel-accrespercentage.septembercirculaire-2019.2020"] == D("2.50")
    assert mev["reeel-accrespercentage.meicirculaire-2019.2020"] == base[
        "reeel-accrespercentage.meicirculaire-2019.2020"]
    cep = finance.compute({"loonindex.cep-2019.2019": D("2.70")})  # 2019: both use CEP
    assert cep["reeel-accrespercentage.meicirculaire-2019.2019"] == D("5.25")
    assert cep["reeel-accrespercentage.septembercirculaire-2019.2019"] == D("4.01")


def test_what_if_opschalingskorting_and_bcf() -> None:
    base = finance.compute()
    korting = finance.compute({"opschalingskorting.2021": 100_000_000})
    for circulaire in CIRCULAIRES:
        figure = name("werkelijk-volume-accres", circulaire, 2021)
        assert korting[figure] - base[figure] == D("-10000000")
    growth = finance.compute({"groei-declaraties": "3"})
    assert growth["declaraties-bcf.2020"] == D("3427847000") * D("1.03")
    assert growth["vrijval-gf-pf.2020"] == D("3671278000") - D("3427847000") * D("1.03")
    key = finance.compute({"verdeelsleutel-gemeenten": 100})
    assert key["aandeel-gemeenten.2022"] == key["vrijval-gf-pf.2022"]


def test_overriding_any_figure_with_its_own_value_changes_nothing() -> None:
    base = finance.compute()
    names = finance.input_names(shorthand=False)
    assert set(names) == set(base.values)
    for figure in names[::7]:
        assert finance.compute({figure: base[figure]}).values == base.values, figure


def test_input_names() -> None:
    names = finance.input_names()
    for expected in ("inflatiecorrectie.2020", "inflatiecorrectie.septembercirculaire-2019.2020",
                     "inflatiecorrectie.cep-2019.2024", "opschalingskorting.2021",
                     "loonindex.mev-2020.2020", "groei-declaraties", "verdeelsleutel-gemeenten",
                     "declaraties-bcf.2019",
                     "gemiddeld-volume-accrespercentage.meicirculaire-2019"):
        assert expected in names
    assert "doorwerking-bijstelling-vorig-jaar.2019" not in names  # needs the year before
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("overrides", "dutch", "english"), [
    ({"bestaat-niet.2020": 1}, "onbekende financiële invoer 'bestaat-niet.2020'",
     "unknown finance input 'bestaat-niet.2020'"),
    ({"inflatiecorectie.2020": 1}, "bedoelde u 'inflatiecorrectie'?",
     "did you mean 'inflatiecorrectie'?"),
    ({"inflatiecorrectie.2030": 1}, "'inflatiecorrectie.2030': jaar 2030 ligt buiten de "
     "tabellen (2019-2024)", "'inflatiecorrectie.2030': year 2030 is outside the tables "
     "(2019-2024)"),
    ({"doorwerking-bijstelling-vorig-jaar.2019": 1},
     "jaar 2019 ligt buiten de tabellen (2020-2024)",
     "year 2019 is outside the tables (2020-2024)"),
    ({"inflatiecorrectie.2020": "twee"}, "'inflatiecorrectie.2020': 'twee' is geen gewoon "
     "decimaal getal", "'inflatiecorrectie.2020': 'twee' is not a plain decimal number"),
    ({"inflatiecorrectie.2020": "NaN"}, "'inflatiecorrectie.2020': 'NaN' is geen gewoon "
     "decimaal getal", "'inflatiecorrectie.2020': 'NaN' is not a plain decimal number"),
    ({"inflatiecorrectie.2020": 2.1}, "'inflatiecorrectie.2020': 2.1 is een float",
     "'inflatiecorrectie.2020': 2.1 is a float"),
    ({"inflatiecorrectie.2020": None}, "'inflatiecorrectie.2020': None is geen getal",
     "'inflatiecorrectie.2020': None is not a number"),
    ({"opschalingskorting.2021": True}, "'opschalingskorting.2021': True is een boolean",
     "'opschalingskorting.2021': True is a boolean"),
    ({"nominaal-accres.junicirculaire.2020": 1}, "onbekende reeks 'junicirculaire'",
     "unknown series 'junicirculaire'"),
    ({"reeel-accres.septembercirculaire-2019": 1}, "'reeel-accres.septembercirculaire-2019' "
     "heeft een jaar nodig", "'reeel-accres.septembercirculaire-2019' needs a year"),
    ({"groei-declaraties.2020": 4}, "'groei-declaraties.2020': groei-declaraties heeft geen "
     "jaar", "'groei-declaraties.2020': groei-declaraties has no year"),
    ({"nominaal-accres.meicirculaire-2019.2020.x": 1}, "verwacht grootheid[.reeks][.jaar]",
     "expected quantity[.series][.year]"),
])
def test_bad_input_raises_a_one_line_finance_error(overrides: dict[str, object], dutch: str,
                                                    english: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for lang, message in (("nl", dutch), ("en", english)):
        monkeypatch.setenv("VNGKB_LANG", lang)
        with pytest.raises(FinanceError) as raised:
            finance.compute(overrides)  # type: ignore[arg-type]
        assert message in str(raised.value)
        assert "\n" not in str(raised.value)
        assert isinstance(raised.value, InputError)


def test_unknown_figure_of_a_result() -> None:
    with pytest.raises(FinanceError, match=r"onbekend financieel cijfer 'nominaal-accres\.2020'"):
        finance.compute()["nominaal-accres.2020"]


def test_an_incomplete_or_missing_kb_file_is_reported(tmp_path: Path) -> None:
    kb = tmp_path / "accres.ttl"
    text = DEFAULT_KB_FILE.read_text(encoding="utf-8")
    kb.write_text(text.replace('def:citaat "1.286.315" ;', "", 1), encoding="utf-8")
    with pytest.raises(FinanceError, match=r"meicirculaire-2019/nominaal-accres/2019 lacks quote"):
        finance.compute(kb_file=kb)
    with pytest.raises(FinanceError, match="not found"):
        finance.compute(kb_file=tmp_path / "missing.ttl")


# --- Computed RDF -----------------------------------------------------------------------

def test_computed_turtle_links_every_computed_figure_to_a_published_one() -> None:
    graph = rdflib.Graph().parse(data=finance.computed_turtle(), format="turtle")
    published = _kb_graph()
    computed = set(graph.subjects(rdflib.RDF.type, DEF.BerekendeAccreswaarneming))
    # One per audited printed figure; the five plafond checks compare with Tabel 1 instead.
    assert len(computed) == len(finance.audit_checks()) - 5 == 78
    for node in computed:
        targets = list(graph.objects(node, DEF.reproduceert))
        assert len(targets) == 1
        assert (targets[0], rdflib.RDF.type, DEF.Accreswaarneming) in published
        sources = list(graph.objects(node, PROV.wasDerivedFrom))
        assert sources
        assert all((s, rdflib.RDF.type, DEF.Accreswaarneming) in published for s in sources)
        activity = graph.value(node, PROV.wasGeneratedBy)
        assert (activity, rdflib.RDF.type, PROV.Activity) in graph
        assert "vngkb.finance.compute" in str(graph.value(activity, rdflib.RDFS.label))
        for dimension in (DEF.begrotingsjaar, DEF.circulaire, DEF.grootheid):
            assert graph.value(node, dimension) == published.value(targets[0], dimension)


def test_computed_figures_conform_to_the_shapes() -> None:
    import pyshacl

    graph = _kb_graph()
    graph.parse(data=finance.computed_turtle(), format="turtle")
    conforms, _graph, text = pyshacl.validate(
        graph, shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"))
    assert conforms, text


def test_sparql_puts_computed_beside_published() -> None:
    store = ox.Store()
    store.load(path=str(DEFAULT_KB_FILE), format=ox.RdfFormat.TURTLE)
    store.load(finance.computed_turtle().encode(), format=ox.RdfFormat.TURTLE)
    solutions = store.query("""
        PREFIX def: <https://w3id.org/vngkb/def/>
        SELECT ?name ?published ?rounded ?difference WHERE {
          ?c def:reproduceert ?p ; def:invoernaam ?name ; def:afgerondeWaarde ?rounded ;
             def:verschil ?difference .
          ?p def:waarde ?published .
          FILTER(?rounded != ?published)
        }""")
    assert isinstance(solutions, ox.QuerySolutions)
    found = {}
    for row in solutions:
        published, rounded, difference = (D(row[v].value) for v in ("published", "rounded",
                                                                    "difference"))
        assert rounded - published == difference
        found[row["name"].value] = difference
    expected = {name(q, s, y): d for (_t, s, q, y), d in EXPECTED_CHAIN_DIFFERENCES.items()
                if q != "inflatiecorrectie" or s in ("cep-2019", "mev-2020")}
    assert found == expected


def test_what_if_turtle_has_its_own_iris() -> None:
    plain = rdflib.Graph().parse(data=finance.computed_turtle(), format="turtle")
    what_if = rdflib.Graph().parse(
        data=finance.computed_turtle({"opschalingskorting.2024": 0}), format="turtle")
    assert not set(plain.subjects()) & set(what_if.subjects())
    activity = next(what_if.subjects(rdflib.RDF.type, PROV.Activity))
    assert "opschalingskorting.2024 = 0" in str(what_if.value(activity, rdflib.RDFS.comment))


def test_computed_turtle_does_not_import_rdflib_or_matplotlib() -> None:
    code = ("import sys; from vngkb import finance; finance.computed_turtle(); "
            "print(sorted(m for m in ('rdflib', 'matplotlib', 'pyshacl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


# --- Plot ---------------------------------------------------------------------------------

def test_plot_svg_has_every_series(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib not installed (extra 'plot')")
    path = finance.plot(tmp_path / "accres.svg")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    ids = {element.get("id") for element in root.iter()}
    texts = {"".join(element.itertext()) for element in root.iter("{http://www.w3.org/2000/svg}text")}
    for circulaire, label in ((MEI, "Meicirculaire 2019"), (SEPT, "Septembercirculaire 2019")):
        for quantity, quantity_label in (("nominaal-accres", "nominaal accres"),
                                         ("reeel-accres", "reëel accres"),
                                         ("werkelijk-volume-accres", "werkelijk volume-accres")):
            assert f"{quantity}.{circulaire}" in ids
            assert f"{quantity_label} – {label}" in texts
    assert "2024" in texts


def test_plot_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib not installed (extra 'plot')")
    path = finance.plot(tmp_path / "sub" / "accres.png", {"opschalingskorting.2024": 0})
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1080, 660)  # 9 × 5.5 inch at 120 dpi


def test_plot_refuses_other_formats(tmp_path: Path) -> None:
    with pytest.raises(FinanceError, match=r"\.svg of \.png"):
        finance.plot(tmp_path / "accres.pdf")


def test_plot_without_matplotlib_says_how_to_install(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(MissingExtraError, match=re.escape("pip install -e '.[plot]'")):
        finance.plot(tmp_path / "accres.svg")
    assert not (tmp_path / "accres.svg").exists()


# --- Docstrings ---------------------------------------------------------------------------

@pytest.mark.parametrize("module", [finance, model_module], ids=lambda m: m.__name__)
def test_doctests(module: ModuleType) -> None:
    failures, tried = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0
    assert failures == 0
