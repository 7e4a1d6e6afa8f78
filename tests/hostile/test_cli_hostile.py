"""Hostile command lines: usage errors, endpoint URLs, question names and parameter
values. Each case asserts the exit code, one line on stderr and no traceback."""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import click
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.cli_helpers_input import Outcome, assert_refused, run_cli
from vngkb.cli import commands as cli
from vngkb.core import errors
from vngkb.core.errors import ParameterError, shorten
from vngkb.query import catalogue
from vngkb.query.catalogue import Parameter
from vngkb.query.store import EmbeddedStore, bind_as_values
from vngkb.rdf.terms import Term, from_oxigraph
from vngkb.sandbox.guard import MAX_QUERY_LENGTH

QUESTION = "decentralisatie-uitkeringen-per-startjaar"
VNGKB = str(Path(sys.executable).with_name("vngkb"))
#: Most bytes of a query file ``vngkb query`` reads (four bytes per character of the
#: longest query accepted, and one more character).
QUERY_BYTES = 4 * MAX_QUERY_LENGTH + 4

# --- usage errors ------------------------------------------------------------------

USAGE_ERRORS = [
    (["ask"], "Ontbrekend argument"),
    (["ask", "--bogus"], "Geen optie"),
    (["ask", QUESTION, "-p"], "vraagt een waarde"),
    (["nope"], "geen commando 'nope'"),
    (["validat"], "bedoelde u 'validate'?"),
    (["questoins"], "bedoelde u 'questions'?"),
    (["accres", "--table", "9"], "--table"),
    (["accres", "--table", "x"], "--table"),
    (["accres", "--format", "pdf"], "--format"),
    (["accres", "--set"], "vraagt een waarde"),
    (["export"], "--out"),
    (["export", "-o"], "vraagt een waarde"),
    (["export", "-o", "x", "--format", "rdfxml"], "--format"),
    (["query"], "Ontbrekend argument"),
    (["--bogus"], "Geen optie"),
    (["x" * 10_000], "tekens)"),
    (["\x00"], "geen commando"),
    (["{}"], "geen commando"),
    (["ask", QUESTION, "--format", "nope"], "--format"),
    (["serve", "--port", "99999"], "--port"),
    (["serve", "--port", "-1"], "--port"),
    (["serve", "--timeout", "0"], "--timeout"),
    (["publish"], "--endpoint"),
    (["publish", "--endpoint", "http://127.0.0.1:9/store", "--timeout", "abc"], "--timeout"),
    (["validate", "--shapes"], "vraagt een waarde"),
    (["questions", "extra"], "Onverwacht extra argument"),
    (["docs", "--x"], "Geen optie"),
    (["ask", QUESTION, "--format", "x" * 5000], "tekens)"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=lambda v: repr(v)[:40])
def test_usage_error_is_one_line_exit_2(args: list[str], message: str) -> None:
    assert_refused(run_cli(*args), contains=message)


@pytest.mark.parametrize(("args", "message"), [
    (["ask"], "vngkb: ask: Missing argument 'NAME'. (see 'vngkb ask --help')"),
    (["ask", "--bogus"], "vngkb: ask: No such option '--bogus'."),
    (["nope"], "vngkb: no command 'nope'; commands: accres, ask, "),
    (["validat"], "did you mean 'validate'?"),
    (["accres", "--set"], "Option '--set' requires an argument."),
    (["questions", "extra"], "Got unexpected extra argument (extra)"),
    (["x" * 10_000], "… (10000 characters)"),
])
def test_usage_error_in_english(args: list[str], message: str) -> None:
    assert_refused(run_cli(*args, lang="en"), contains=message)


def test_usage_error_names_the_commands_help_in_dutch() -> None:
    outcome = run_cli("ask")
    assert_refused(outcome, contains="vngkb: ask: Ontbrekend argument 'NAME'. "
                   "(zie 'vngkb ask --help')")


def test_bare_command_prints_the_help() -> None:
    outcome = run_cli()
    assert outcome.code == 2
    assert "Commando's:" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    english = run_cli(lang="en")
    assert english.code == 2
    assert "Commands:" in english.stderr


@pytest.mark.parametrize("args", [["--help"], ["ask", "--help"], ["--version"]])
def test_help_and_version_still_exit_0(args: list[str]) -> None:
    outcome = run_cli(*args)
    assert outcome.code == 0
    assert outcome.stdout.strip()
    assert outcome.stderr == ""


# --- endpoint URLs -----------------------------------------------------------------

BAD_ENDPOINTS = [
    "file:///etc/passwd", "file://localhost/etc/passwd", "FILE:///etc/passwd", "ftp://x/",
    "gopher://127.0.0.1:70/", "http://", "http:///sparql", "", " ", "javascript:alert(1)",
    "//127.0.0.1/sparql", "127.0.0.1:7878/sparql", "data:text/plain,x", "http://a b/",
    "http://\x00/", "x" * 10_000, "https://" + "a" * 5000 + "\n", "jar:file:///x!/",
]


@pytest.mark.parametrize("url", BAD_ENDPOINTS, ids=lambda v: repr(v)[:30])
@pytest.mark.parametrize("command", [["ask", QUESTION], ["stats"]])
def test_endpoint_accepts_only_http_urls(command: list[str], url: str) -> None:
    assert_refused(run_cli(*command, "--endpoint", url), contains="verwacht een http://")


def test_file_endpoint_in_a_real_process_gives_no_warning() -> None:
    done = subprocess.run([VNGKB, "ask", QUESTION, "--endpoint", "file:///etc/passwd"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONWARNINGS": "always"})
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "vngkb: --endpoint 'file:///etc/passwd': verwacht een http://- of https://-URL met "
        "een host"]
    assert done.stdout == ""
    english = subprocess.run([VNGKB, "--lang", "en", "ask", QUESTION, "--endpoint",
                              "file:///etc/passwd"], capture_output=True, text=True,
                             timeout=120, env={**os.environ, "PYTHONWARNINGS": "always"})
    assert english.returncode == 2
    assert english.stderr.splitlines() == [
        "vngkb: --endpoint 'file:///etc/passwd': expected an http:// or https:// URL with "
        "a host"]


# --- question names ----------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "x" * 300, "a" * 100_000, "../etc/passwd", "Decentralisatie", "ASK", "", "\x00",
    "naam met spatie", "ü", "queries/" + QUESTION, QUESTION + ".rq", QUESTION + "\n",
    "-" + QUESTION, "a" * 101,
], ids=lambda v: repr(v)[:30])
def test_unknown_question_name(name: str) -> None:
    assert_refused(run_cli("ask", "--", name), contains="geen vraag met de naam")


def test_unknown_question_suggests_the_closest() -> None:
    assert_refused(run_cli("ask", QUESTION[:-2]), contains=f"bedoelde u {QUESTION!r}?")


# --- parameter values --------------------------------------------------------------

BAD_YEARS = [
    "٢٠٢٠", "２０２０", "²⁰²⁰", "𝟐𝟎𝟐𝟎", "۲۰۲۰", "२०२०", "2020\x00", "20 20", "+2020",
    "-2020", "20200", "202", "", " ", "9" * 5000, '2020"', "{2020}", "2020'", "\u200b2020",
    "2020\u200b", "2O20", "2020.0", "2,020", "MMXX", "0x7E4", "2020^^xsd:gYear",
    '2020" } UNION { ?s ?p ?o', "２0２0",
]


@pytest.mark.parametrize("year", BAD_YEARS, ids=repr)
def test_bad_year_is_one_line_exit_2(year: str) -> None:
    outcome = run_cli("ask", QUESTION, "-p", f"jaar={year}")
    assert_refused(outcome, contains="parameter jaar")


@pytest.mark.parametrize("pairs", [
    ["jaar=2019", "jaar=2020"],
    ["jaar=2020", "jaar=2020"],
    ["jaar=2020", " jaar=2019"],
])
def test_repeated_parameter_is_an_error(pairs: list[str]) -> None:
    args = [a for p in pairs for a in ("-p", p)]
    assert_refused(run_cli("ask", QUESTION, *args), contains="is meer dan eens gegeven")


@pytest.mark.parametrize(("kind", "value"), [
    ("integer", "1" * 19), ("integer", "١"), ("integer", "1e3"), ("integer", "NaN"),
    ("integer", "１"), ("decimal", "1e400"), ("decimal", "1" * 19), ("decimal", "NaN"),
    ("decimal", "Infinity"), ("decimal", "-inf"), ("decimal", "١٫٥"), ("decimal", "1_000"),
    ("decimal", "1e-999999"), ("decimal", ""), ("string", "x" * 201), ("string", " "),
])
def test_bad_number_or_string_parameter(kind: str, value: str) -> None:
    parameter = Parameter(name="p", variable="_p", kind=kind)  # type: ignore[arg-type]
    with pytest.raises(ParameterError) as raised:
        parameter.to_term(value)
    assert "\n" not in str(raised.value)
    assert len(str(raised.value)) < 200


def test_huge_value_is_echoed_cut() -> None:
    outcome = run_cli("ask", QUESTION, "-p", "jaar=" + "9" * 1_000_000)
    assert_refused(outcome, contains="(1000000 tekens)")
    assert len(outcome.stderr) < 200


@pytest.mark.parametrize(("value", "expected"), [
    ("2020", "'2020'"), ("x" * 80, repr("x" * 80)), ("a\nb", "'a\\nb'"), (7, "7"),
])
def test_shorten_keeps_short_input_whole(value: object, expected: str) -> None:
    assert shorten(value) == expected


@pytest.mark.parametrize("length", [81, 82, 1000, 10_000_000])
def test_shorten_cuts_long_input_to_80(length: int) -> None:
    shown = shorten("y" * length)
    assert shown.startswith("'" + "y" * 78 + "'…")
    assert shown.endswith(f"({length} tekens)")


def test_shorten_bounds_escaped_control_characters() -> None:
    shown = shorten("\x00" * 1000)
    assert len(shown) <= 80 + len("… (1000 tekens)")


# --- the question pages of the server ----------------------------------------------

@pytest.fixture(scope="module")
def page_server(backend: EmbeddedStore) -> Iterator[str]:
    from tests.web import InProcess
    from vngkb.server import create_app

    with InProcess(create_app(backend.store, workers=1)) as live:
        yield live.url


@pytest.mark.parametrize("query", [
    [("jaar", "2019"), ("jaar", "2020")],
    [("jaar", "2020"), ("jaar", "2020")],
    [("jaar", "2019"), ("jaar", "2020"), ("format", "csv")],
    [("jaar", "2019"), ("jaar", "2020"), ("format", "json")],
])
def test_question_page_refuses_a_repeated_parameter(page_server: str,
                                                    query: list[tuple[str, str]]) -> None:
    from tests.web import fetch

    reply = fetch(f"{page_server}/vragen/{QUESTION}?" + urllib.parse.urlencode(query))
    assert reply.status == 400
    assert b"is meer dan eens gegeven" in reply.body


@pytest.mark.parametrize("year", ["٢٠٢٠", "２０２０", "²⁰²⁰"])
def test_question_page_refuses_non_ascii_years(page_server: str, year: str) -> None:
    from tests.web import fetch

    reply = fetch(f"{page_server}/vragen/{QUESTION}?"
                  + urllib.parse.urlencode({"jaar": year, "format": "csv"}))
    assert reply.status == 400
    assert b"is geen jaartal" in reply.body


# --- properties: any string is refused or bound as exactly one RDF term -------------

_EMPTY = EmbeddedStore(ox.Store())
_KINDS = [Parameter(name="jaar", variable="_jaar_xsd_gYear", kind="year"),
          Parameter(name="n", variable="_n_integer", kind="integer"),
          Parameter(name="b", variable="_b_xsd_decimal", kind="decimal"),
          Parameter(name="s", variable="_s", kind="string"),
          Parameter(name="t", variable="_t_nl", kind="string", lang="nl")]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.sampled_from(_KINDS))
def test_any_string_is_rejected_or_one_term(text: str, parameter: Parameter) -> None:
    try:
        term = parameter.to_term(text)
    except ParameterError as error:
        assert "\n" not in str(error)
        return
    if parameter.kind in ("year", "integer", "decimal"):
        assert term.value.isascii()
    # bound through the embedded store and through the query text: one row, one term
    for query in ("SELECT ?x WHERE { }", bind_as_values("SELECT ?x WHERE { }", {"x": term})):
        bindings = {"x": term} if "VALUES" not in query else None
        table = _EMPTY.select(query, bindings)
        assert len(table.rows) == 1
        assert table.rows[0] == [term]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["jaar", "thema", "x"]), st.text(max_size=5)),
                max_size=5))
def test_single_values_refuses_every_repeat(pairs: list[tuple[str, str]]) -> None:
    names = [name for name, _ in pairs]
    if len(set(names)) == len(names):
        assert catalogue.single_values(pairs) == dict(pairs)
    else:
        with pytest.raises(ParameterError, match="is meer dan eens gegeven"):
            catalogue.single_values(pairs)


def test_term_round_trip_helper_is_exact() -> None:
    term = Term("literal", 'a" } UNION { ?s ?p ?o', lang="nl")
    assert from_oxigraph(term.to_oxigraph()) == term


@pytest.mark.parametrize("module", [errors, catalogue, cli], ids=lambda m: m.__name__)
def test_doctests(module: object) -> None:
    failures, tried = doctest.testmod(module)  # type: ignore[arg-type]
    assert tried > 0
    assert failures == 0


# --- query text from a file or standard input ----------------------------------------

@pytest.mark.parametrize(("source", "stdin", "message"), [
    ("-", "SELECT * WHERE { ?s ?p \"\udce9\" }", "is geen UTF-8-tekst (byte 0xe9"),
    ("/dev/zero", None, "/dev/zero: geen gewoon bestand (een apparaat)"),
    ("-", "#" * (QUERY_BYTES + 1), f"is groter dan {QUERY_BYTES} bytes"),
    ("-", "", "de query is leeg"),
    ("-", " \n\t", "de query is leeg"),
    ("/nonexistent.rq", None, "/nonexistent.rq: kan niet lezen: No such file"),
    ("/", None, "/: geen gewoon bestand (een map)"),
])
def test_bad_query_input(source: str, stdin: str | None, message: str) -> None:
    data = None if stdin is None else stdin.encode("utf-8", errors="surrogateescape")
    result = CliRunner().invoke(cli.main, ["query", source], input=data)
    outcome = Outcome(result.exit_code, result.stdout, result.stderr, result.exception)
    assert_refused(outcome, contains=message)


# --- export, publish and plot options ---------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["export", "-o", "OUT", "--base", "x" * 10_000], "basis 'xxx"),
    (["export", "-o", "OUT", "--base", "file:///etc"], "basis 'file:///etc'"),
    (["export", "-o", "OUT", "--base", "https://e.org/kb?x=1"], "zonder query"),
    (["export", "-o", "OUT", "--contact-email", "a" * 5000], "is geen e-mailadres"),
    (["export", "-o", "OUT", "--contact-email", "a@b\nc"], "is geen e-mailadres"),
    (["export", "-o", "OUT", "--publisher-iri", "javascript:alert(1)"], "uitgever-IRI"),
    (["export", "-o", "OUT", "--license", "file:///etc/passwd"], "licentie"),
    (["export", "-o", "OUT", "--download-url", "ftp://x/"], "download-URL"),
    (["export", "-o", "OUT", "--contact-url", "http://" + "a" * 5000 + " x"], "contact-URL"),
    (["publish", "--endpoint", "file:///etc/passwd"], "is geen http(s)-URL"),
    (["publish", "--endpoint", "x" * 10_000], "tekens)"),
    (["publish", "--endpoint", "http://127.0.0.1:9/store", "--graph", "not an iri"],
     "is geen absolute IRI"),
    (["accres", "--plot", "OUT/" + "p" * 200 + ".pdf"], "geschreven als .svg of .png"),
])
def test_bad_export_publish_plot_option(args: list[str], message: str,
                                        tmp_path: Path) -> None:
    args = [a.replace("OUT", str(tmp_path)) for a in args]
    outcome = run_cli(*args)
    assert_refused(outcome, contains=message)
    assert not any(tmp_path.iterdir())  # nothing written


@pytest.mark.parametrize("args", [
    ["query", "a\x00b"], ["validate", "a\x00b"], ["validate", "--shapes", "x\x00"],
    ["export", "-o", "a\x00b"], ["accres", "--plot", "p\x00.svg"],
])
def test_nul_in_a_file_name_is_a_usage_error(args: list[str]) -> None:
    assert_refused(run_cli(*args), contains="kan geen NUL-teken bevatten")


def test_nul_in_a_file_name_through_the_library() -> None:
    from vngkb.core.errors import InputError
    from vngkb.kb.load import read_turtle
    from vngkb.publish.export import export

    with pytest.raises(InputError, match="geen bestandsnaam"):
        read_turtle(Path("a\x00b"))
    with pytest.raises(InputError, match="geen mapnaam"):
        export(Path("a\x00b"), formats=["turtle"])


@pytest.mark.parametrize("quote", ["'", '"'])
def test_usage_line_cuts_long_quoted_input(quote: str) -> None:
    line = cli.usage_line(click.UsageError(f"bad {quote}{'y' * 200}{quote} here"))
    assert line == f"bad '{'y' * 78}'… (200 tekens) here"


@pytest.mark.parametrize(("item", "message"), [
    ("x" * 10_000 + "=1", "heeft geen parameter 'xxx"),
    ("{}=1", "heeft geen parameter '{}'"),
    ("\x00=1", "heeft geen parameter '\\x00'"),
    ("jaar\x00=2020", "heeft geen parameter 'jaar\\x00'"),
    ("JAAR=2020", "heeft geen parameter 'JAAR'"),
    ("=2020", "verwacht NAAM=WAARDE"),
    ("jaar", "verwacht NAAM=WAARDE"),
    ("x" * 10_000, "verwacht NAAM=WAARDE"),
])
def test_bad_parameter_name(item: str, message: str) -> None:
    outcome = run_cli("ask", QUESTION, "-p", item)
    assert_refused(outcome, contains=message)
    assert "x" * 81 not in outcome.stderr


@pytest.mark.parametrize("name", ["x" * 300, "../x", "\x00", "{}"], ids=repr)
def test_help_of_an_unknown_question(name: str) -> None:
    assert_refused(run_cli("ask", name, "--help"), contains="geen vraag met de naam")
