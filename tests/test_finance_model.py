"""The accres model (vngkb.finance.model) at its edges: figure names, rounding (exact
ties, negative values), the accepted range of every input at its boundaries, and the
errors for a KB file that lacks what the model needs.

Every expected figure is typed in from the letter (line numbers beside it) or derived by
hand in the comment beside the assertion; none is computed by the code under test."""

from __future__ import annotations

import doctest
from decimal import Decimal
from pathlib import Path

import pytest

from vngkb import finance
from vngkb.core.errors import FinanceError, InputError, MissingInputError
from vngkb.finance import model as m
from vngkb.finance.model import CIRCULAIRES, name
from vngkb.finance.published import DEFAULT_KB_FILE, Observation, PublishedData

D = Decimal
MEI, SEPT = m.CIRCULAIRES
YEARS = (2019, 2020, 2021, 2022, 2023, 2024)  # the columns of Tabel 1-3 (lines 62, 197)
E11 = D(100_000_000_000)  # € 100 miljard, the limit of every amount


@pytest.fixture(autouse=True)
def _dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VNGKB_LANG", raising=False)


# --- names ------------------------------------------------------------------------------

@pytest.mark.parametrize(("parts", "expected"), [
    (("groei-declaraties", None, None), "groei-declaraties"),
    (("opschalingskorting", None, 2021), "opschalingskorting.2021"),
    (("gemiddeld-volume-accrespercentage", SEPT, None),
     "gemiddeld-volume-accrespercentage.septembercirculaire-2019"),
    (("reeel-accres", MEI, 2024), "reeel-accres.meicirculaire-2019.2024"),
])
def test_name_joins_the_parts_that_are_given(parts: tuple[str, str | None, int | None],
                                             expected: str) -> None:
    assert m.name(*parts) == expected


def test_all_names_of_two_years_in_table_order() -> None:
    names = m.all_names((2019, 2020))
    assert names[:4] == ["nominaal-accres.meicirculaire-2019.2019",
                         "nominaal-accres.meicirculaire-2019.2020",
                         "nominaal-accres.septembercirculaire-2019.2019",
                         "nominaal-accres.septembercirculaire-2019.2020"]
    # A quantity that needs the year before starts in the second year.
    assert [n for n in names if n.startswith("doorwerking")] == [
        "doorwerking-bijstelling-vorig-jaar.2020"]
    assert [n for n in names if n.startswith("groei-plafond-bcf")] == ["groei-plafond-bcf.2020"]
    assert [n for n in names if n.startswith("gemiddeld")] == [
        "gemiddeld-volume-accrespercentage.meicirculaire-2019",
        "gemiddeld-volume-accrespercentage.septembercirculaire-2019"]
    assert names[-1] == "advies-vrijval-gemeenten"


def test_all_names_of_the_six_table_years() -> None:
    # By hand, series × years per quantity: 8 quantities with 2 series × 6 years (96:
    # nominaal-accres, accrespercentage, loonindex, materieelindex, reeel-accrespercentage,
    # reeel-accres, werkelijk-volume-accres, volume-accrespercentage), inflatiecorrectie
    # 4 × 6 (24), 7 quantities without series × 6 years (42), doorwerking and
    # groei-plafond-bcf from the second year (2 × 5), gemiddeld per circulaire (2) and
    # 5 scalars: 96 + 24 + 42 + 10 + 2 + 5 = 179.
    names = m.all_names(YEARS)
    assert len(names) == 179
    assert len(set(names)) == 179


@pytest.mark.parametrize(("text", "key", "shorthand"), [
    ("inflatiecorrectie.septembercirculaire-2019.2020",
     ("inflatiecorrectie", SEPT, 2020), False),
    ("inflatiecorrectie.2020", ("inflatiecorrectie", None, 2020), True),
    ("  opschalingskorting.2024\t", ("opschalingskorting", None, 2024), False),
    ("gemiddeld-volume-accrespercentage", ("gemiddeld-volume-accrespercentage", None, None), True),
    ("gemiddeld-volume-accrespercentage.meicirculaire-2019",
     ("gemiddeld-volume-accrespercentage", MEI, None), False),
    ("groei-declaraties", ("groei-declaraties", None, None), False),
    ("doorwerking-bijstelling-vorig-jaar.2020",
     ("doorwerking-bijstelling-vorig-jaar", None, 2020), False),
    ("loonindex.mev-2020.2019", ("loonindex", "mev-2020", 2019), False),
])
def test_parse_name(text: str, key: tuple[str, str | None, int | None],
                    shorthand: bool) -> None:
    assert m.parse_name(text, YEARS) == (m.Key(*key), shorthand)


@pytest.mark.parametrize(("text", "message"), [
    # The year is the last part; a year outside the tables names the valid span, which
    # starts a year later for a quantity that needs the year before.
    ("inflatiecorrectie.2018", "financiële invoer 'inflatiecorrectie.2018': jaar 2018 ligt "
     "buiten de tabellen (2019-2024)"),
    ("inflatiecorrectie.2025", "financiële invoer 'inflatiecorrectie.2025': jaar 2025 ligt "
     "buiten de tabellen (2019-2024)"),
    ("groei-plafond-bcf.2019", "financiële invoer 'groei-plafond-bcf.2019': jaar 2019 ligt "
     "buiten de tabellen (2020-2024)"),
    ("nominaal-accres.meicirculaire-2019", "financiële invoer "
     "'nominaal-accres.meicirculaire-2019' heeft een jaar nodig, bv. "
     "'nominaal-accres.meicirculaire-2019.2024'"),
    ("opschalingskorting", "financiële invoer 'opschalingskorting' heeft een jaar nodig, bv. "
     "'opschalingskorting.2024'"),
    ("loongevoeligheid.2020", "financiële invoer 'loongevoeligheid.2020': loongevoeligheid "
     "heeft geen jaar"),
    # A part that is neither a series nor a year: an empty last part is a series.
    ("inflatiecorrectie.", "financiële invoer 'inflatiecorrectie.': onbekende reeks '' "
     "(reeksen van inflatiecorrectie: meicirculaire-2019, septembercirculaire-2019, "
     "cep-2019, mev-2020)"),
    ("inflatiecorrectie.abcd", "financiële invoer 'inflatiecorrectie.abcd': onbekende reeks "
     "'abcd' (reeksen van inflatiecorrectie: meicirculaire-2019, septembercirculaire-2019, "
     "cep-2019, mev-2020)"),
    ("plafond-bcf.miljoenennota-2020.2020", "financiële invoer "
     "'plafond-bcf.miljoenennota-2020.2020': onbekende reeks 'miljoenennota-2020' (reeksen "
     "van plafond-bcf: geen)"),
    ("inflatiecorrectie.2020.cep-2019", "onbekende financiële invoer "
     "'inflatiecorrectie.2020.cep-2019': verwacht grootheid[.reeks][.jaar]"),
    ("inflatiecorrectie.½", "financiële invoer 'inflatiecorrectie.½': het jaar moet vier "
     "ASCII-cijfers zijn, bv. 2020"),
    ("bestaat-niet", "onbekende financiële invoer 'bestaat-niet': geen grootheid "
     "'bestaat-niet'"),
    ("loonindexx.cep-2019.2020", "onbekende financiële invoer 'loonindexx.cep-2019.2020': geen "
     "grootheid 'loonindexx'; bedoelde u 'loonindex'?"),
])
def test_parse_name_refuses_with_its_message(text: str, message: str) -> None:
    with pytest.raises(FinanceError) as raised:
        m.parse_name(text, YEARS)
    assert str(raised.value) == message


# --- rounding ----------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "decimals", "expected"), [
    # Exact ties round away from zero (half up), for positive and negative values.
    ("2.5", 0, "3"), ("-2.5", 0, "-3"), ("3.5", 0, "4"), ("-3.5", 0, "-4"),
    ("0.125", 2, "0.13"), ("-0.125", 2, "-0.13"),
    ("2.45", 1, "2.5"), ("-2.45", 1, "-2.5"),
    ("1500", -3, "2000"), ("-1500", -3, "-2000"), ("2500", -3, "3000"),
    # One step either side of a tie.
    ("2.4999", 0, "2"), ("2.5001", 0, "3"), ("-2.4999", 0, "-2"), ("-2.5001", 0, "-3"),
    ("1499.999", -3, "1000"), ("-1499.999", -3, "-1000"),
    # € 218,3 miljoen (line 94) from −218.343 thousand, and 1,6% from the average.
    ("-218343000", -5, "-218300000"), ("1.58", 1, "1.6"),
    # Precision is kept where asked: 2,05% stays "2.05", 6% "6" (line 181).
    ("2.05", 2, "2.05"), ("6.06", 0, "6"), ("7.3", 2, "7.30"),
    # A whole amount that rounds to nothing is 0, not "-0" (nor "-0E+3").
    ("-0.4", 0, "0"), ("-400", -3, "0"), ("-0.5", 0, "-1"),
])
def test_round_to_half_up_away_from_zero(value: str, decimals: int, expected: str) -> None:
    rounded = m.round_to(D(value), decimals)
    # The exact text as well: an amount has no exponent ("2000", not "2E+3").
    assert str(rounded) == expected


def test_round_to_whole_amounts_are_integral_decimals() -> None:
    assert repr(m.round_to(D("942710308.2"), -3)) == "Decimal('942710000')"
    assert repr(m.round_to(D("3.7695"), 2)) == "Decimal('3.77')"
    assert repr(m.round_to(D("0.5"), 0)) == "Decimal('1')"


# --- the forecast a circulaire applies ----------------------------------------------------

@pytest.mark.parametrize(("circulaire", "year", "bron"), [
    # Lines 165-167: CEP 2019 for the current year (2019), MEV 2020 from 2020 on, for
    # the septembercirculaire; the meicirculaire uses CEP 2019 throughout.
    (SEPT, 2019, "cep-2019"), (SEPT, 2020, "mev-2020"), (SEPT, 2024, "mev-2020"),
    (MEI, 2019, "cep-2019"), (MEI, 2020, "cep-2019"), (MEI, 2024, "cep-2019"),
])
def test_index_source(circulaire: str, year: int, bron: str) -> None:
    assert m.index_source(circulaire, year, 2019) == bron


# --- values -------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("2,15", "2.15"), (" 2.15 ", "2.15"), ("+1", "1"), ("-.5", "-0.5"), (",5", "0.5"),
    ("-0", "-0"), ("1.123456", "1.123456"), ("999999999999999", "999999999999999"),
    ("999999999999999.999999", "999999999999999.999999"),
    (7, "7"), (-7, "-7"), (10 ** 15, "1000000000000000"), (-(10 ** 15), "-1000000000000000"),
    (D("2.15"), "2.15"), (D("1E+15"), "1E+15"), (D("-1E+15"), "-1E+15"),
])
def test_to_decimal_accepts(raw: object, expected: str) -> None:
    assert str(m.to_decimal("x", raw)) == expected


@pytest.mark.parametrize(("raw", "message"), [
    ("", "financiële invoer 'x': de waarde is leeg"),
    (" \t", "financiële invoer 'x': de waarde is leeg"),
    ("1.1234567", "financiële invoer 'x': '1.1234567' is geen gewoon decimaal getal (bv. 2.15 "
     "of -1,5; hooguit 6 decimalen, geen exponent)"),
    ("1000000000000000", "financiële invoer 'x': '1000000000000000' is geen gewoon decimaal "
     "getal (bv. 2.15 of -1,5; hooguit 6 decimalen, geen exponent)"),
    ("1.", "financiële invoer 'x': '1.' is geen gewoon decimaal getal (bv. 2.15 of -1,5; "
     "hooguit 6 decimalen, geen exponent)"),
    ("٢", "financiële invoer 'x': '٢' is geen gewoon decimaal getal (bv. 2.15 of -1,5; "
     "hooguit 6 decimalen, geen exponent)"),
    (10 ** 15 + 1, "financiële invoer 'x': 1000000000000001 is te groot"),
    (-(10 ** 15) - 1, "financiële invoer 'x': -1000000000000001 is te groot"),
    (D("1000000000000000.000001"), "financiële invoer 'x': "
     "Decimal('1000000000000000.000001') is te groot"),
    (D("-1E+16"), "financiële invoer 'x': Decimal('-1E+16') is te groot"),
    (D("Infinity"), "financiële invoer 'x': Decimal('Infinity') is geen eindig getal"),
    (D("NaN"), "financiële invoer 'x': Decimal('NaN') is geen eindig getal"),
    (D("sNaN"), "financiële invoer 'x': Decimal('sNaN') is geen eindig getal"),
    (2.5, "financiële invoer 'x': 2.5 is een float; geef een Decimal, een int of een tekst "
     "zoals '2.15'"),
    (False, "financiële invoer 'x': False is een boolean; geef een Decimal, een int of een "
     "tekst zoals '2.15'"),
    (None, "financiële invoer 'x': None is geen getal"),
    (b"1", "financiële invoer 'x': b'1' is geen getal"),
])
def test_to_decimal_refuses_with_its_message(raw: object, message: str) -> None:
    with pytest.raises(FinanceError) as raised:
        m.to_decimal("x", raw)
    assert str(raised.value) == message


# --- ranges -------------------------------------------------------------------------------

def test_every_quantity_has_its_documented_range() -> None:
    # docs/finance.md, "Accepted values": amounts ± € 100 miljard (plafond-bcf and
    # declaraties-bcf at least 0, plafond-bcf not 0), accrespercentage −100..100 not 0,
    # indices and inflatiecorrectie −10..100, weights 0..100, other percentages −100..100.
    eur, pct = m.Range(-E11, E11), m.Range(D(-100), D(100))
    assert {
        "nominaal-accres": eur, "accrespercentage": m.Range(D(-100), D(100), nonzero=True),
        "loonindex": m.Range(D(-10), D(100)), "materieelindex": m.Range(D(-10), D(100)),
        "inflatiecorrectie": m.Range(D(-10), D(100)), "reeel-accrespercentage": pct,
        "reeel-accres": eur, "opschalingskorting": eur, "werkelijk-volume-accres": eur,
        "volume-accrespercentage": pct, "gemiddeld-volume-accrespercentage": pct,
        "bijstelling-nominaal-accres": eur, "bijstelling-accrespercentage": pct,
        "doorwerking-bijstelling-vorig-jaar": eur, "loongevoeligheid": m.Range(D(0), D(100)),
        "prijsgevoeligheid": m.Range(D(0), D(100)), "plafond-bcf": m.Range(D(0), E11, True),
        "groei-plafond-bcf": pct, "declaraties-bcf": m.Range(D(0), E11),
        "groei-declaraties": pct, "vrijval-gf-pf": eur,
        "verdeelsleutel-gemeenten": m.Range(D(0), D(100)), "aandeel-gemeenten": eur,
        "advies-vrijval-gemeenten": eur,
    } == {slug: m.range_of(slug) for slug in m.QUANTITIES} == m.RANGES


STEP = D("0.000001")  # the smallest step an override can take (6 decimals)

#: (quantity, lowest, highest) accepted, from the documented ranges.
BOUNDS = [
    ("nominaal-accres", -E11, E11), ("plafond-bcf", STEP, E11), ("declaraties-bcf", D(0), E11),
    ("accrespercentage", D(-100), D(100)), ("inflatiecorrectie", D(-10), D(100)),
    ("loonindex", D(-10), D(100)), ("loongevoeligheid", D(0), D(100)),
    ("verdeelsleutel-gemeenten", D(0), D(100)), ("groei-declaraties", D(-100), D(100)),
]


@pytest.mark.parametrize(("quantity", "low", "high"), BOUNDS)
def test_check_range_at_both_ends(quantity: str, low: Decimal, high: Decimal) -> None:
    assert m.check_range("x", quantity, low) == low
    assert m.check_range("x", quantity, high) == high
    assert m.check_range("x", quantity, low + STEP) == low + STEP
    assert m.check_range("x", quantity, high - STEP) == high - STEP
    for outside in (low - STEP, high + STEP):
        with pytest.raises(FinanceError, match="ligt buiten"):
            m.check_range("x", quantity, outside)


@pytest.mark.parametrize(("quantity", "value", "message"), [
    ("inflatiecorrectie", D("-10.000001"),
     "financiële invoer 'x': -10.000001 ligt buiten -10 tot 100 (procent)"),
    ("inflatiecorrectie", D("100.000001"),
     "financiële invoer 'x': 100.000001 ligt buiten -10 tot 100 (procent)"),
    ("opschalingskorting", D("-100000000001"), "financiële invoer 'x': -100000000001 ligt "
     "buiten -100000000000 tot 100000000000 (euro)"),
    ("declaraties-bcf", D("-0.000001"), "financiële invoer 'x': -0.000001 ligt buiten 0 tot "
     "100000000000 (euro)"),
    ("loongevoeligheid", D("-1"), "financiële invoer 'x': -1 ligt buiten 0 tot 100 (procent)"),
    ("groei-plafond-bcf", D("100.5"),
     "financiële invoer 'x': 100.5 ligt buiten -100 tot 100 (procent)"),
    ("plafond-bcf", D(0), "financiële invoer 'x': 0 ligt buiten 0 tot 100000000000, niet 0 "
     "(euro); het model deelt erdoor"),
    ("accrespercentage", D("-0"), "financiële invoer 'x': -0 ligt buiten -100 tot 100, niet 0 "
     "(procent); het model deelt erdoor"),
    ("accrespercentage", D("100.01"), "financiële invoer 'x': 100.01 ligt buiten -100 tot 100, "
     "niet 0 (procent)"),
])
def test_check_range_refuses_with_its_message(quantity: str, value: Decimal,
                                             message: str) -> None:
    with pytest.raises(FinanceError) as raised:
        m.check_range("x", quantity, value)
    assert str(raised.value) == message


@pytest.mark.parametrize("value", [STEP, -STEP])
def test_zero_is_refused_only_where_the_model_divides(value: Decimal) -> None:
    assert m.check_range("x", "accrespercentage", value) == value
    assert m.check_range("x", "bijstelling-accrespercentage", D(0)) == D(0)
    assert m.check_range("x", "declaraties-bcf", D(0)) == D(0)


def test_range_text_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_LANG", "en")
    assert m.range_of("accrespercentage").text() == "-100 to 100, not 0"
    assert m.range_of("inflatiecorrectie").text() == "-10 to 100"



# --- the published figures indexed by name -----------------------------------------------

ID = "https://w3id.org/vngkb/id/accres/ledenbrief-miljoenennota-2020/"


def _obs(quantity: str, circulaire: str, year: int, value: str, *, dataset: str = "accres-tabel-1",
         line: int = 64) -> Observation:
    """A published figure for a model built by hand (the real ones come from the KB)."""
    return Observation(f"{ID}{dataset}/{circulaire}/{quantity}/{year}/{line}", dataset,
                       circulaire, quantity, year, None, D(value), "EUR", -3, 1000, value,
                       line, line, None)


def test_a_kb_without_tabel_1_is_refused() -> None:
    with pytest.raises(FinanceError) as raised:
        m.Model.from_data(PublishedData((), {}))
    assert str(raised.value) == "kb/accres.ttl heeft geen cijfers van Tabel 1"


@pytest.mark.parametrize(("obs", "expected"), [
    (_obs("nominaal-accres", MEI, 2020, "1"), "nominaal-accres.meicirculaire-2019.2020"),
    # A quantity without series takes none, whatever the circulaire of the figure.
    (_obs("plafond-bcf", "miljoenennota-2020", 2020, "1"), "plafond-bcf.2020"),
    # A scalar takes no year, whatever the year of the figure (line 164: 2019).
    (_obs("loongevoeligheid", "vng-berekening", 2019, "50"), "loongevoeligheid"),
    (_obs("doorwerking-bijstelling-vorig-jaar", SEPT, 2020, "1"),
     "doorwerking-bijstelling-vorig-jaar.2020"),
    # Not in the model: an unknown quantity, a series the quantity does not have, a year
    # outside the tables (the 2018 BCF release, line 177), the first year of a quantity
    # that needs the year before.
    (_obs("onderuitputting", MEI, 2019, "1"), None),
    (_obs("nominaal-accres", "miljoenennota-2020", 2020, "1"), None),
    (_obs("plafond-bcf", "miljoenennota-2020", 2018, "1"), None),
    (_obs("plafond-bcf", "miljoenennota-2020", 2025, "1"), None),
    (_obs("doorwerking-bijstelling-vorig-jaar", SEPT, 2019, "1"), None),
])
def test_name_of_a_published_figure(obs: Observation, expected: str | None) -> None:
    assert m.name_of(obs, YEARS) == expected


def test_a_table_cell_is_the_source_before_the_text_that_repeats_it() -> None:
    model = m.model()
    # Plafond BCF 2019: "€ 3.519,7 miljoen" in the text (lines 180-181) and 3.519.703 in
    # Tabel 3 (line 199): the cell is the source although the text comes first.
    assert model.sources["plafond-bcf.2019"].first_line == 199
    assert model.sources["plafond-bcf.2019"].value == D("3519703000")
    assert [o.first_line for o in model.printed["plafond-bcf.2019"]] in ([199, 180], [180, 199])
    assert model.years == YEARS


def test_the_first_line_decides_between_two_text_figures() -> None:
    data = PublishedData((
        _obs("nominaal-accres", MEI, 2019, "1"),
        _obs("opschalingskorting", SEPT, 2019, "7", dataset="accres-tekst", line=90),
        _obs("opschalingskorting", SEPT, 2019, "5", dataset="accres-tekst", line=80),
        _obs("opschalingskorting", SEPT, 2019, "6", dataset="accres-tekst", line=85),
    ), {})
    model = m.Model.from_data(data)
    assert model.years == (2019,)
    assert model.sources["opschalingskorting.2019"].value == D("5")
    assert len(model.printed["opschalingskorting.2019"]) == 3


def test_a_figure_without_a_published_input_is_reported() -> None:
    model = m.Model.from_data(PublishedData((_obs("nominaal-accres", MEI, 2019, "1"),), {}))
    engine = m.Engine(model)
    assert engine.get("nominaal-accres.meicirculaire-2019.2019") == D("1")
    with pytest.raises(MissingInputError) as missing:
        engine.get("accrespercentage.meicirculaire-2019.2019")
    assert str(missing.value) == ("de gedrukte cijfers van de brief hebben geen cijfer voor "
                                  "invoer 'accrespercentage.meicirculaire-2019.2019'")
    assert missing.value.figure == "accrespercentage.meicirculaire-2019.2019"
    with pytest.raises(FinanceError) as raised:
        engine.get("verdeelsleutel-gemeenten")
    assert str(raised.value) == ("kb/accres.ttl mist in Tabel 3 'Aandeel gemeenten' of "
                                 "'Vrijval aan GF en PF' voor 2019")
    assert m.verdeelsleutel_sources(model) == ()


def test_the_key_needs_both_tabel_3_cells() -> None:
    for present in ("aandeel-gemeenten", "vrijval-gf-pf"):
        data = PublishedData((_obs("nominaal-accres", MEI, 2019, "1"),
                              _obs(present, "miljoenennota-2020", 2019, "80823000",
                                   dataset="accres-tabel-3", line=205)), {})
        model = m.Model.from_data(data)
        with pytest.raises(FinanceError, match="mist in Tabel 3"):
            m.Engine(model).get("verdeelsleutel-gemeenten")
        assert len(m.verdeelsleutel_sources(model)) == 1


def test_the_key_is_aandeel_over_vrijval_of_the_first_year() -> None:
    model = m.model()
    # 80.823 / 91.856 (Tabel 3, 2019, lines 203 and 205) = 87,9888...%
    key = m.Engine(model).get("verdeelsleutel-gemeenten")
    assert m.round_to(key, 6) == D("87.988809")
    assert [o.iri for o in m.verdeelsleutel_sources(model)] == [
        f"{ID}miljoenennota-2020/aandeel-gemeenten/2019",
        f"{ID}miljoenennota-2020/vrijval-gf-pf/2019"]


# --- the engine ---------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "rule"), [
    ("nominaal-accres.meicirculaire-2019.2019", False), ("loongevoeligheid", False),
    ("plafond-bcf.2020", False), ("groei-declaraties", False),
    ("declaraties-bcf.2019", False), ("declaraties-bcf.2020", True),
    ("inflatiecorrectie.cep-2019.2020", True), ("verdeelsleutel-gemeenten", True),
    ("advies-vrijval-gemeenten", True), ("groei-plafond-bcf.2020", True),
])
def test_has_rule(key: str, rule: bool) -> None:
    assert m.Engine(m.model()).has_rule(key) is rule


def test_the_engine_records_what_each_figure_is_computed_from() -> None:
    engine = m.Engine(m.model(), {"inflatiecorrectie.cep-2019.2020": D("2")})
    mei = "meicirculaire-2019.2020"
    # 3,13% − 2% (the override) = 1,13%
    assert engine.get(f"reeel-accrespercentage.{mei}") == D("1.13")
    assert engine.deps[f"reeel-accrespercentage.{mei}"] == {
        f"accrespercentage.{mei}", f"inflatiecorrectie.{mei}"}
    assert engine.deps[f"inflatiecorrectie.{mei}"] == {"inflatiecorrectie.cep-2019.2020"}
    assert engine.deps["inflatiecorrectie.cep-2019.2020"] == frozenset()
    assert engine.deps[f"accrespercentage.{mei}"] == frozenset()
    # evaluate ignores the override of the figure itself: 0,5 × 1,90% + 0,5 × 1,50%
    # (Tabel 2, CEP 2019, 2020, lines 146-148) = 1,70%.
    assert engine.evaluate("inflatiecorrectie.cep-2019.2020") == D("1.70")
    assert engine.deps["inflatiecorrectie.cep-2019.2020"] == {
        "loongevoeligheid", "prijsgevoeligheid", "loonindex.cep-2019.2020",
        "materieelindex.cep-2019.2020"}
    assert engine.get("inflatiecorrectie.cep-2019.2020") == D("2")


# --- figures of the letter ----------------------------------------------------------------

def test_figures_that_need_the_year_before() -> None:
    result = m.compute()
    # Doorwerking 2020 = −(1.067.972 − 1.286.315) thousand (Tabel 1, 2019, lines 64, 74):
    # "€ 218 miljoen" (line 97); 2021 = −(1.244.014 − 835.400) = −408.614 thousand.
    assert result.series("doorwerking-bijstelling-vorig-jaar") == {
        2020: D("218343000"), 2021: D("-408614000"), 2022: D("-204737000"),
        2023: D("-33955000"), 2024: D("62637000")}
    # Groei plafond BCF 2020 = 3.671.278 / 3.519.703 − 1 (Tabel 3, line 199) = 4,3065%.
    assert m.round_to(result["groei-plafond-bcf.2020"], 4) == D("4.3065")
    assert sorted(result.series("groei-plafond-bcf")) == [2020, 2021, 2022, 2023, 2024]


def test_bcf_figures() -> None:
    result = m.compute()
    # Declaraties 2019 = 3.427.847 (line 201, an input); 2021 = 3.427.847 × 1,04² =
    # 3.707.559,3... thousand; vrijval = plafond − declaraties; advies = aandeel 2019.
    assert result["declaraties-bcf.2019"] == D("3427847000")
    assert result["declaraties-bcf.2021"] == D("3427847000") * D("1.0816")
    assert result["vrijval-gf-pf.2019"] == D("3519703000") - D("3427847000")
    assert result["aandeel-gemeenten.2019"] == D("80823000")
    assert result["advies-vrijval-gemeenten"] == D("80823000")
    assert result.value("plafond-bcf", None, 2024) == D("4180137000")


def test_the_chain_of_one_year() -> None:
    result = m.compute()
    sept = "septembercirculaire-2019.2021"
    # Tabel 1, sept. 2021 (lines 74-87): 3,30% − 2,20% (MEV 2020, line 158) = 1,10%;
    # 902.715 × 1,10 / 3,30 = 300.905; − 90.000 = 210.905; 210.905 / (902.715 / 3,30) =
    # 0,771%.
    assert result[f"inflatiecorrectie.{sept}"] == D("2.20")
    assert result[f"reeel-accrespercentage.{sept}"] == D("1.10")
    assert result[f"reeel-accres.{sept}"] == D("300905000")
    assert result[f"werkelijk-volume-accres.{sept}"] == D("210905000")
    assert m.round_to(result[f"volume-accrespercentage.{sept}"], 4) == D("0.7710")
    # Bijstelling accrespercentage 2022: 3,03% − 2,95% = +0,08% (line 113).
    assert result["bijstelling-accrespercentage.2022"] == D("0.08")


def test_the_average_volume_percentage() -> None:
    printed = {f"inflatiecorrectie.{bron}.{year}": value for bron, values in (
        ("cep-2019", ("1.95", "1.70", "2.20", "1.95", "1.85", "1.85")),  # line 150
        ("mev-2020", ("2.40", "2.05", "2.20", "1.95", "1.85", "1.85")),  # line 158
    ) for year, value in zip(YEARS, values, strict=True)}
    result = m.compute(printed)
    # Werkelijk volume-accres × accrespercentage / nominaal accres (Tabel 1, sept.,
    # lines 74-85): 664.318 × 6,06 / 1.067.972 = 3,7695; 625.578 × 4,65 / 1.244.014 =
    # 2,3383; 210.905 × 3,30 / 902.715 = 0,7710; 194.582 × 3,03 / 854.522 = 0,6900;
    # 335.945 × 3,48 / 994.778 = 1,1752; 324.745 × 3,41 / 1.004.955 = 1,1019; the sum
    # 9,8459 / 6 = 1,6410: "gemiddeld 1,6%" (line 140).
    average = result["gemiddeld-volume-accrespercentage.septembercirculaire-2019"]
    assert m.round_to(average, 3) == D("1.641")
    assert m.round_to(result["volume-accrespercentage.septembercirculaire-2019.2019"],
                      4) == D("3.7695")


# --- results ------------------------------------------------------------------------------

def test_result_parts() -> None:
    result = m.compute({"opschalingskorting.2021": 0})
    assert result.years == YEARS
    assert result.overrides == {"opschalingskorting.2021": D(0)}
    assert result.derived_from["opschalingskorting.2021"] == ()
    assert result.derived_from["verdeelsleutel-gemeenten"] == (
        f"{ID}miljoenennota-2020/aandeel-gemeenten/2019",
        f"{ID}miljoenennota-2020/vrijval-gf-pf/2019")
    assert result.derived_from["reeel-accrespercentage.meicirculaire-2019.2020"] == (
        f"{ID}cep-2019/loonindex/2020", f"{ID}cep-2019/materieelindex/2020",
        f"{ID}meicirculaire-2019/accrespercentage/2020",
        f"{ID}tekst/vng-berekening/loongevoeligheid/2019",
        f"{ID}tekst/vng-berekening/prijsgevoeligheid/2019")
    assert result.derived_from["nominaal-accres.meicirculaire-2019.2019"] == (
        f"{ID}meicirculaire-2019/nominaal-accres/2019",)
    assert "opschalingskorting.2021" not in result.computed  # overridden
    assert "nominaal-accres.meicirculaire-2019.2019" not in result.computed  # an input
    assert "declaraties-bcf.2019" not in result.computed
    assert {"declaraties-bcf.2020", "verdeelsleutel-gemeenten",
            "reeel-accres.meicirculaire-2019.2019"} <= result.computed
    inputs = [k for k in result.values if k not in result.computed]
    # nominaal-accres, accrespercentage, loonindex, materieelindex (4 × 12), opschalingskorting
    # (6, one overridden), loon- and prijsgevoeligheid (2), plafond-bcf (6), groei-declaraties
    # and declaraties-bcf 2019 (2): 48 + 6 + 2 + 6 + 2 = 64.
    assert len(inputs) == 64
    assert len(result.computed) == 179 - 64


def test_unknown_figure_of_a_result() -> None:
    with pytest.raises(FinanceError) as raised:
        m.compute().value("reeel-accres", None, 2020)
    assert str(raised.value) == "onbekend financieel cijfer 'reeel-accres.2020'"


def test_input_names_with_and_without_shorthand() -> None:
    canonical = m.input_names(shorthand=False)
    assert canonical == m.all_names(YEARS)
    names = m.input_names()
    # The shorthands: 9 yearly quantities with series × 6 years, and the average (1).
    assert len(names) == 179 + 9 * 6 + 1
    assert names[179:181] == ["nominaal-accres.2019", "nominaal-accres.2020"]
    assert names[-1] == "gemiddeld-volume-accrespercentage"
    assert "inflatiecorrectie.2024" in names[179:]
    assert "opschalingskorting.2024" not in names[179:]


def test_published_values() -> None:
    printed = m.published_values()
    assert printed["nominaal-accres.meicirculaire-2019.2019"] == D("1286315000")  # line 64
    assert printed["plafond-bcf.2019"] == D("3519703000")  # the cell (line 199)
    assert printed["loongevoeligheid"] == D("50")  # line 164
    assert printed["groei-declaraties"] == D("4")  # line 193
    assert printed["inflatiecorrectie.cep-2019.2024"] == D("1.85")  # line 150


# --- overrides ----------------------------------------------------------------------------

def test_a_name_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(FinanceError) as raised:
        m.compute({1: "2"})  # type: ignore[dict-item]
    assert str(raised.value) == "financiële invoer 1: namen zijn teksten"


def test_normalise_shorthand_and_canonical() -> None:
    model = m.model()
    assert model.normalise(None) == {}
    assert model.normalise({"gemiddeld-volume-accrespercentage": "1"}) == {
        "gemiddeld-volume-accrespercentage.meicirculaire-2019": D(1),
        "gemiddeld-volume-accrespercentage.septembercirculaire-2019": D(1)}
    # The canonical name wins whichever order they are given in.
    for overrides in ({"loonindex.2020": "1", "loonindex.mev-2020.2020": "2"},
                      {"loonindex.mev-2020.2020": "2", "loonindex.2020": "1"}):
        assert model.normalise(overrides) == {"loonindex.cep-2019.2020": D(1),
                                              "loonindex.mev-2020.2020": D(2)}
    assert model.normalise({"opschalingskorting.2021": -5}) == {
        "opschalingskorting.2021": D(-5)}


@pytest.mark.parametrize(("overrides", "message"), [
    ({"plafond-bcf.2020": 0}, "financiële invoer 'plafond-bcf.2020': 0 ligt buiten 0 tot "
     "100000000000, niet 0 (euro); het model deelt erdoor"),
    ({"loonindex.2020": "-10,5"}, "financiële invoer 'loonindex.2020': -10.5 ligt buiten -10 "
     "tot 100 (procent)"),
])
def test_compute_refuses_a_value_outside_the_range(overrides: dict[str, object],
                                                   message: str) -> None:
    with pytest.raises(FinanceError) as raised:
        m.compute(overrides)  # type: ignore[arg-type]
    assert str(raised.value) == message


# --- another KB file ----------------------------------------------------------------------

def _kb_with(tmp_path: Path, iri: str, old: str, new: str) -> Path:
    """A copy of kb/accres.ttl in which the figure *iri* has the value *new*."""
    text = DEFAULT_KB_FILE.read_text(encoding="utf-8")
    start = text.index(f"<{ID}{iri}>")
    end = text.index(" .\n", start)
    block = text[start:end]
    assert block.count(f'"{old}"^^xsd:decimal') == 1
    kb = tmp_path / "accres.ttl"
    kb.write_text(text[:start] + block.replace(f'"{old}"', f'"{new}"') + text[end:],
                  encoding="utf-8")
    return kb


def test_every_entry_point_reads_the_kb_file_it_is_given(tmp_path: Path) -> None:
    # Opschalingskorting 2020: 70.000 thousand (line 83); in the copy 70.001.
    kb = _kb_with(tmp_path, "septembercirculaire-2019/opschalingskorting/2020", "70000000",
                  "70001000")
    assert m.published_values(kb)["opschalingskorting.2020"] == D("70001000")
    assert m.published_values()["opschalingskorting.2020"] == D("70000000")
    # 1.244.014 × 2,60 / 4,65 = 695.577,720 thousand (lines 74-79) − 70.001 = 625.576,720
    volume = m.compute(kb_file=kb)["werkelijk-volume-accres.septembercirculaire-2019.2020"]
    assert m.round_to(volume, 0) == D("625576720")
    missing = tmp_path / "missing.ttl"
    for entry in (lambda: m.input_names(missing), lambda: m.published_values(missing),
                  lambda: m.model(missing)):
        with pytest.raises(FinanceError, match=r"missing\.ttl: not found"):
            entry()


# --- The chain and what-ifs, through the package's functions ---------------------------

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


def test_unknown_figure_of_a_result_by_its_name() -> None:
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


# --- Docstrings ---------------------------------------------------------------------------

def test_doctests() -> None:
    failures, tried = doctest.testmod(m, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0
    assert failures == 0
