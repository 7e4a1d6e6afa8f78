"""Hostile what-if inputs for ``vngkb accres --set`` and the finance library: every bad
value or name is one line on stderr and exit 2; values at the edges of the documented
ranges are accepted, one step beyond them refused."""

from __future__ import annotations

import csv
import doctest
import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.cli_helpers_input import assert_refused, run_cli
from vngkb import finance
from vngkb.core.errors import FinanceError
from vngkb.finance import inputs as inputs_module
from vngkb.finance import model as model_module
from vngkb.finance.model import QUANTITIES, RANGES, check_range, to_decimal

NAME = "inflatiecorrectie.2020"

# --- values ------------------------------------------------------------------------

BAD_VALUES = [
    "1e400", "1" * 30, "1e-999999", "NaN", "nan", "-NaN", "sNaN", "Infinity", "-Infinity",
    "inf", "+inf", "", " ", "\t", "1_000", "1_0", "1,000.5", "1.000,5", "0x10", "1e3", "1E3",
    "1.2.3", "--1", "+-1", ".", ",", "abc", '"1"', "'1'", "{1}", "1\x00", "\x00", "1 2",
    "1.1234567", "9" * 16, "9" * 5000, "é", "1/2", "½", "²", "٢", "٢٫٥", "２.５", "𝟙",
    "१", "−1", "1%", "None", "True", "\u200b1", "1\u200b", "0.0.0", "1e", "e1",
]


def _ascii_id(value: object) -> str:
    """A test id in plain ASCII: pytest escapes any other character, and an escaped id
    selected on the command line is not found in a second session of the same process
    (mutmut runs pytest in-process after collecting its statistics)."""
    return "".join(c if " " <= c <= "~" and c != "\\" else f"<U+{ord(c):04X}>"
                   for c in repr(value))[:60]


@pytest.mark.parametrize("value", BAD_VALUES, ids=_ascii_id)
def test_bad_value_is_one_line_exit_2(value: str) -> None:
    assert_refused(run_cli("accres", "--set", f"{NAME}={value}"), contains=NAME)


# The edges of the documented ranges: (name, value, accepted?).
EDGES = [
    (NAME, "-10", True), (NAME, "-10.000001", False), (NAME, "-11", False),
    (NAME, "100", True), (NAME, "100.000001", False), (NAME, "101", False),
    (NAME, "2,5", True),
    ("accrespercentage.meicirculaire-2019.2020", "0", False),
    ("accrespercentage.meicirculaire-2019.2020", "-0", False),
    ("accrespercentage.meicirculaire-2019.2020", "0.000001", True),
    ("accrespercentage.meicirculaire-2019.2020", "-100", True),
    ("accrespercentage.meicirculaire-2019.2020", "-100.000001", False),
    ("accrespercentage.meicirculaire-2019.2020", "100", True),
    ("accrespercentage.meicirculaire-2019.2020", "100.01", False),
    ("plafond-bcf.2020", "0", False), ("plafond-bcf.2020", "-1", False),
    ("plafond-bcf.2020", "1", True), ("plafond-bcf.2020", "100000000000", True),
    ("plafond-bcf.2020", "100000000001", False),
    ("opschalingskorting.2021", "-100000000000", True),
    ("opschalingskorting.2021", "-100000000001", False),
    ("loongevoeligheid", "-1", False), ("loongevoeligheid", "0", True),
    ("loongevoeligheid", "100", True), ("loongevoeligheid", "100.000001", False),
    ("verdeelsleutel-gemeenten", "100", True), ("verdeelsleutel-gemeenten", "100.1", False),
    ("groei-declaraties", "-100", True), ("groei-declaraties", "-101", False),
    ("declaraties-bcf.2019", "0", True), ("declaraties-bcf.2019", "-1", False),
]


@pytest.mark.parametrize(("name", "value", "accepted"), EDGES)
def test_range_edges(name: str, value: str, accepted: bool) -> None:
    outcome = run_cli("accres", "--format", "csv", "--set", f"{name}={value}")
    if accepted:
        assert outcome.code == 0, outcome.stderr
        assert outcome.stdout.startswith("circulaire,year,quantity")
        # stderr names the letter (stdout holds only the CSV), and nothing else.
        assert outcome.stderr == ("Brief: Ledenbrief Miljoenennota 2020 "
                                  "(ledenbrief-miljoenennota-2020)\n")
    else:
        assert_refused(outcome, contains="ligt buiten")


def test_zero_where_the_model_divides_says_so() -> None:
    assert_refused(run_cli("accres", "--set", "accrespercentage.septembercirculaire-2019.2021=0"),
                   contains="het model deelt erdoor")


# --- names -------------------------------------------------------------------------

BAD_NAMES = [
    ("inflatiecorrectie.²⁰²⁰", "vier ASCII-cijfers"),
    ("inflatiecorrectie.٢٠٢٠", "vier ASCII-cijfers"),
    ("inflatiecorrectie.２０２０", "vier ASCII-cijfers"),
    ("inflatiecorrectie.۲۰۲۰", "vier ASCII-cijfers"),
    ("inflatiecorrectie.२०२०", "vier ASCII-cijfers"),
    ("inflatiecorrectie." + "9" * 5000, "financiële invoer"),
    ("inflatiecorrectie.020", "financiële invoer"),
    ("inflatiecorrectie.20200", "financiële invoer"),
    ("inflatiecorrectie.-2020", "financiële invoer"),
    ("inflatiecorrectie.+2020", "financiële invoer"),
    ("inflatiecorrectie..2020", "financiële invoer"),
    ("inflatiecorrectie.meicirculaire-2019.2020.2020", "financiële invoer"),
    ("inflatiecorrectie.2020\x00", "financiële invoer"),
    ("nominaal-accres", "heeft een jaar nodig"),
    (".", "onbekende financiële invoer"),
    ("..", "onbekende financiële invoer"),
    ('"', "onbekende financiële invoer"),
    ("{}", "onbekende financiële invoer"),
    ("x" * 10_000, "onbekende financiële invoer"),
    ("ïnflatiecorrectie.2020", "onbekende financiële invoer"),
    ("inflatiecorrectie.2018", "ligt buiten de tabellen"),
    ("inflatiecorrectie.2025", "ligt buiten de tabellen"),
    ("groei-declaraties.2020", "heeft geen jaar"),
]


@pytest.mark.parametrize(("name", "message"), BAD_NAMES, ids=_ascii_id)
def test_bad_name_is_one_line_exit_2(name: str, message: str) -> None:
    assert_refused(run_cli("accres", "--set", f"{name}=1"), contains=message)


@pytest.mark.parametrize(("setting", "message"), [
    ("inflatiecorrectie.٢٠٢٠=1", "finance input 'inflatiecorrectie.٢٠٢٠': the year must be "
     "four ASCII digits, e.g. 2020"),
    ("{}=1", "unknown finance input '{}': no quantity '{}'"),
    ("nominaal-accres=1", "finance input 'nominaal-accres' needs a year"),
    ("inflatiecorrectie.2018=1", "year 2018 is outside the tables (2019-2024)"),
    ("groei-declaraties.2020=1", "groei-declaraties has no year"),
    (f"{NAME}=1e400", f"finance input '{NAME}': '1e400' is not a plain decimal number"),
    (f"{NAME}=101", f"finance input '{NAME}': 101 is outside -10 to 100 (percent)"),
    ("accrespercentage.meicirculaire-2019.2020=0", "0 is outside -100 to 100, not 0 "
     "(percent); the model divides by it"),
    (f"{NAME}={'7' * 1_000_000}", "… (1000000 characters)"),
    ("=1", "--set '=1': expected NAME=VALUE"),
])
def test_finance_errors_in_english(setting: str, message: str) -> None:
    assert_refused(run_cli("accres", "--set", setting, lang="en"), contains=message)


@pytest.mark.parametrize(("setting", "message"), [
    (f"{NAME}=101", f"financiële invoer '{NAME}': 101 ligt buiten -10 tot 100 (procent)"),
    ("accrespercentage.meicirculaire-2019.2020=0", "0 ligt buiten -100 tot 100, niet 0 "
     "(procent); het model deelt erdoor"),
    ("inflatiecorrectie.٢٠٢٠=1", "financiële invoer 'inflatiecorrectie.٢٠٢٠': het jaar moet "
     "vier ASCII-cijfers zijn, bv. 2020"),
])
def test_finance_errors_in_dutch_in_full(setting: str, message: str) -> None:
    assert_refused(run_cli("accres", "--set", setting), contains=message)


def test_repeated_set_in_english() -> None:
    assert_refused(run_cli("accres", "--set", f"{NAME}=1", "--set", f"{NAME}=2", lang="en"),
                   contains=f"--set '{NAME}' is given more than once; give each name once")


@pytest.mark.parametrize("settings_", [
    ["inflatiecorrectie.2020=1", "inflatiecorrectie.2020=2"],
    ["inflatiecorrectie.2020=1", "inflatiecorrectie.2020=1"],
    ["inflatiecorrectie.2020=1", " inflatiecorrectie.2020 =2"],
    ["loongevoeligheid=50", "groei-declaraties=4", "loongevoeligheid=40"],
])
def test_repeated_set_is_an_error(settings_: list[str]) -> None:
    args = [a for s in settings_ for a in ("--set", s)]
    assert_refused(run_cli("accres", *args), contains="is meer dan eens gegeven")


@pytest.mark.parametrize("item", ["=1", " =1", "inflatiecorrectie.2020", "", "\x00"])
def test_set_without_name_value(item: str) -> None:
    assert_refused(run_cli("accres", "--set", item), contains="verwacht NAAM=WAARDE")


def test_a_megabyte_value_is_echoed_cut() -> None:
    outcome = run_cli("accres", "--set", f"{NAME}={'7' * 1_000_000}")
    assert_refused(outcome, contains="(1000000 tekens)")
    assert len(outcome.stderr) < 300


# --- accres --inputs ---------------------------------------------------------------

def test_inputs_lists_every_name_with_value_and_unit() -> None:
    outcome = run_cli("accres", "--inputs", "--format", "csv")
    assert outcome.code == 0, outcome.stderr
    lines = list(csv.reader(io.StringIO(outcome.stdout)))
    assert lines[0] == ["invoer", "gedrukt", "eenheid", "bereik"]
    rows = {line[0]: line[1:] for line in lines[1:]}
    assert list(rows) == finance.input_names()
    # canonical and per-circulaire forms, with the printed figure where there is one
    assert rows["inflatiecorrectie.mev-2020.2020"] == ["2.05", "%", "-10 tot 100"]
    assert rows["inflatiecorrectie.2020"] == ["", "%", "-10 tot 100"]
    assert rows["nominaal-accres.septembercirculaire-2019.2019"][1:] == [
        "EUR", "-100000000000 tot 100000000000"]
    assert rows["accrespercentage.meicirculaire-2019.2020"][2] == "-100 tot 100, niet 0"
    assert all(unit in ("EUR", "%") for _, unit, _ in rows.values())


def test_every_listed_input_is_accepted_at_its_printed_value() -> None:
    printed = {r.invoer: r.gedrukt for r in inputs_module.input_rows() if r.gedrukt is not None}
    assert len(printed) > 100
    result = finance.compute(printed)
    assert result["reeel-accrespercentage.septembercirculaire-2019.2020"] == Decimal("2.60")


# --- properties --------------------------------------------------------------------

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_any_string_is_a_finance_error_or_a_finite_value_in_range(text: str) -> None:
    for quantity in ("inflatiecorrectie", "accrespercentage", "plafond-bcf",
                     "loongevoeligheid", "nominaal-accres"):
        try:
            value = check_range(quantity, quantity, to_decimal(quantity, text))
        except FinanceError as error:
            assert "\n" not in str(error)
            assert len(str(error)) < 400
            continue
        assert value.is_finite()
        allowed = RANGES[quantity]
        assert allowed.low <= value <= allowed.high
        assert not (allowed.nonzero and value == 0)
        assert text.strip().isascii()


@settings(max_examples=200, deadline=None)
@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_any_decimal_is_an_error_or_in_range(number: Decimal) -> None:
    try:
        value = check_range("x", "inflatiecorrectie", to_decimal("x", number))
    except FinanceError:
        assert not number.is_finite() or not Decimal(-10) <= number <= Decimal(100)
    else:
        assert value == number and Decimal(-10) <= value <= Decimal(100)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_name_is_an_error_or_a_model_input(text: str) -> None:
    m = model_module.model()
    try:
        key, _ = model_module.parse_name(text, m.years)
    except FinanceError as error:
        assert "\n" not in str(error)
        return
    assert key.quantity in QUANTITIES
    assert key.year is None or key.year in m.years


@pytest.mark.parametrize("module", [model_module, inputs_module], ids=lambda m: m.__name__)
def test_doctests(module: object) -> None:
    failures, tried = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)  # type: ignore[arg-type]
    assert tried > 0
    assert failures == 0
