"""One language per screen: Dutch by default, English with --lang en or VNGKB_LANG=en;
"bedoelde u ...?" for near misses; extras that are not installed."""

from __future__ import annotations

import doctest
import io
import os
import re
import string
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from vngkb import i18n
from vngkb.cli.commands import main
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.finance import marks
from vngkb.i18n import errortext
from vngkb.query import catalogue, output

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _wide_and_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wide enough that headings stay on one line; the language from the command line."""
    monkeypatch.setenv("COLUMNS", "1000")
    monkeypatch.delenv("VNGKB_LANG", raising=False)
    i18n.set_lang(None)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def headings(text: str) -> list[str]:
    """The column headings of a table (first line, after the line that names the letter
    where a command has one; columns are two spaces apart)."""
    lines = text.splitlines()
    if lines[0].startswith(("Brief: ", "Letter: ")):
        assert lines[0].endswith(f" ({LB})")
        lines = lines[1:]
    return re.split(r" {2,}", lines[0].strip())


@pytest.mark.parametrize("module", [i18n, output, catalogue, marks, errortext],
                         ids=lambda m: m.__name__)
def test_doctests(module: ModuleType) -> None:
    failures, tried = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0
    assert failures == 0


COMMAND_HEADINGS = [
    (["questions"], ["naam", "samenvatting", "parameters"], ["name", "summary", "parameters"]),
    (["stats"], ["statistiek", "sleutel", "aantal", "brief"],
     ["statistic", "key", "count", "letter"]),
    (["audit"], ["controle", "wat", "waar", "verwacht", "gedrukt", "verschil", "eenheid",
                 "opmerking"],
     ["check", "what", "where", "expected", "printed", "difference", "unit", "note"]),
    (["measures"], ["IRI", "titel", "hoofdstuk", "ministerie", "standpunt", "bedrag nr.",
                    "waarde", "per", "eerste jaar", "laatste jaar", "structureel",
                    "instrument", "ontvanger", "citaat", "eerste regel", "laatste regel",
                    "brief"],
     ["IRI", "title", "chapter", "ministry", "stance", "amount no.", "value", "per",
      "first year", "last year", "structural", "instrument", "recipient", "quote",
      "first line", "last line", "letter"]),
    (["ask", "bedragen-per-ministerie"],
     ["titel", "waarde", "per", "eerste jaar", "laatste jaar", "ontvanger", "citaat",
      "eerste regel", "laatste regel", "maatregel", "bedrag"],
     ["title", "value", "per", "first year", "last year", "recipient", "quote", "first line",
      "last line", "measure", "amount"]),
    (["query", "-"], ["aantal"], ["count"]),
]


@pytest.mark.parametrize(("args", "dutch", "english"), COMMAND_HEADINGS,
                         ids=[" ".join(c[0]) for c in COMMAND_HEADINGS])
def test_every_command_speaks_dutch_by_default_and_english_on_request(
        args: list[str], dutch: list[str], english: list[str]) -> None:
    stdin = "SELECT (COUNT(*) AS ?aantal) WHERE { ?m a def:Maatregel }"
    nl = CliRunner().invoke(main, [*args, "--format", "table"], input=stdin)
    en = CliRunner().invoke(main, ["--lang", "en", *args, "--format", "table"], input=stdin)
    env = CliRunner().invoke(main, [*args, "--format", "table"], input=stdin,
                             env={"VNGKB_LANG": "en"})
    assert headings(nl.stdout) == dutch
    assert headings(en.stdout) == english
    assert headings(env.stdout) == english
    # The row count under the table is in the same language.
    assert re.search(r"^\(\d+ rij(en)?\)$", nl.stdout, re.MULTILINE)
    assert re.search(r"^\(\d+ rows?\)$", en.stdout, re.MULTILINE)


def test_machine_formats_keep_their_documented_names_in_every_language() -> None:
    for lang in ("nl", "en"):
        code, out, _ = run("--lang", lang, "stats", "--format", "csv")
        assert code == 0
        assert out.splitlines()[0] == "statistic,key,count,brief"
        assert out.splitlines()[1].startswith("maatregelen per hoofdstuk,")


def test_stats_names_its_statistics_in_english_on_request() -> None:
    _, out, _ = run("--lang", "en", "stats", "--format", "table")
    assert "measures per chapter" in out and "maatregelen per hoofdstuk" not in out


def test_lang_option_wins_over_the_environment() -> None:
    code, out, _ = run("--lang", "nl", "stats", "--format", "table", env={"VNGKB_LANG": "en"})
    assert code == 0 and headings(out) == ["statistiek", "sleutel", "aantal", "brief"]


@pytest.mark.parametrize("value", ["fr", "EN-us", "nl\x1b[0m", "x" * 10_000])
def test_unknown_language_in_the_environment_is_one_line_and_exit_2(value: str) -> None:
    code, out, err = run("stats", env={"VNGKB_LANG": value})
    assert code == 2
    assert err.startswith("vngkb: VNGKB_LANG=") and "kies uit nl, en" in err
    assert len(err.strip().splitlines()) == 1 and len(err) < 200
    assert out == ""


def test_unknown_language_option_is_refused() -> None:
    code, _, err = run("--lang", "fr", "stats")
    assert code == 2 and "'fr' is niet een van 'nl', 'en'" in err


@pytest.mark.parametrize(("args", "dutch", "english"), [
    ([], "De ledenbrieven van de VNG over de Miljoenennota", "The VNG's member letters"),
    (["ask"], "Een parameterwaarde (herhaalbaar).", "A parameter value (repeatable)."),
    (["accres"], "Wat-als: wijzig een invoer", "What-if: change an input"),
    (["serve"], "Poort om op te luisteren.", "Port to listen on."),
    (["zoek"], "Hoogstens zoveel treffers.", "At most this many hits."),
    (["zoek"], "Zoek in alle teksten", "Search every text of the knowledge base"),
    (["toon"], "Toon een maatregel", "Show a measure (short name, title or IRI)"),
    (["bron"], "Een andere tekst dan die van een brief", "Another text than that of a letter"),
    (["bron"], "horen bij één brief", "Line numbers belong to one letter"),
    (["totalen"], "Alleen dit jaar (vier cijfers)", "Only this year (four digits)"),
    (["totalen"], "Totalen per jaar van", "Totals per year of money made available"),
    (["vraag"], "Toon waarom elke kandidaat", "Show why each candidate scored"),
    (["vraag"], "Stel een vraag in gewone woorden", "Ask a question in plain (Dutch) words"),
])
def test_help_in_the_chosen_language(args: list[str], dutch: str, english: str) -> None:
    _, nl, _ = run(*args, "--help")
    _, en, _ = run("--lang", "en", *args, "--help")
    assert nl.startswith("Gebruik: ") and "Opties:" in nl and "Toon deze hulp" in nl
    assert dutch in nl and english not in nl
    assert en.startswith("Usage: ") and "Options:" in en and "Show this message" in en
    assert english in en and dutch not in en
    # ... and back: --lang holds for one command line only.
    _, again, _ = run(*args, "--help")
    assert again == nl


# --- Did you mean ----------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["questons"], "vngkb: geen commando 'questons'; bedoelde u 'questions'?"),
    (["xyz"], "vngkb: geen commando 'xyz'; commando's: accres, ask, audit,"),
    (["ask", "maatregelen-per-thma"],
     "vngkb: geen vraag met de naam 'maatregelen-per-thma'; bedoelde u "
     "'maatregelen-per-thema'"),
    (["ask", "MAATREGELEN-PER-THEMA"],
     "vngkb: geen vraag met de naam 'MAATREGELEN-PER-THEMA'; bedoelde u "
     "'maatregelen-per-thema'?"),
    (["ask", "qqq"], "vngkb: geen vraag met de naam 'qqq'; bekende vragen: accres-"),
    (["ask", "maatregelen-per-thema", "-p", "tema=jeugd"],
     "vngkb: vraag maatregelen-per-thema heeft geen parameter 'tema' (bedoelde u 'thema'? "
     "parameters: thema, brief)"),
    (["ask", "maatregelen-per-thema", "-p", "zzz=jeugd"],
     "vngkb: vraag maatregelen-per-thema heeft geen parameter 'zzz' (parameters: thema, brief)"),
    (["ask", "maatregelen-per-thema", "-p", "thema=jeugt"],
     "is niet een van: bestuur, cultuur,"),
    (["ask", "maatregelen-per-standpunt", "-p", "standpunt=krities"],
     "; bedoelde u 'kritisch'?"),
    (["ask", "bedragen-per-ministerie", "-p", "ministerie=VWZ"], "bedoelde u 'VWS'?"),
])
def test_did_you_mean(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert out == ""


def test_no_suggestion_when_nothing_is_close() -> None:
    assert i18n.did_you_mean("voetbal", ["jeugd", "zorg"]) is None
    _, _, err = run("ask", "maatregelen-per-thema", "-p", "thema=voetbal")
    assert "bedoelde u" not in err


def test_did_you_mean_in_english() -> None:
    _, _, err = run("--lang", "en", "ask", "maatregelen-per-thma")
    assert err.startswith("vngkb: no question named 'maatregelen-per-thma'; did you mean "
                          "'maatregelen-per-thema'")


@pytest.mark.parametrize("name", ["a" * 1_000_000, "{x}\x00'\"", "٢٠٢٠"])
def test_hostile_command_names_give_one_short_line(name: str) -> None:
    code, _, err = run(name)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and len(err) < 400
    assert "Traceback" not in err


# --- Extras that are not installed --------------------------------------------------------

def test_plot_and_serve_extras_fail_the_same_way(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: object) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    plot_code, _, plot_err = run("accres", "--plot", f"{tmp_path}/accres.svg")
    serve_code, _, serve_err = run("serve", "--port", "0")
    assert plot_code == serve_code == 4
    assert plot_err == ("vngkb: tekenen (--plot) heeft de extra 'plot' nodig (matplotlib "
                        "ontbreekt): pip install -e '.[plot]'\n")
    assert serve_err == ("vngkb: serveren heeft de extra 'serve' nodig (uvicorn ontbreekt): "
                         "pip install -e '.[serve]'\n")


# --- audit and accres say what does not reproduce ----------------------------------------

def test_audit_prints_what_did_not_reproduce_before_exiting_1() -> None:
    code, out, err = run("audit", "--format", "table")
    assert code == 1
    assert err == ""
    summary = out[out.index("2 gedrukt(e) cijfer(s) niet gereproduceerd:"):]
    assert summary.count("\n- ") == 2
    assert "- inflatiecorrectie.cep-2019.2024: verwacht 1,95, gedrukt 1,85" in summary
    assert "(regel 150)" in summary and "(regel 158)" in summary


def test_audit_in_a_machine_format_keeps_stdout_parseable() -> None:
    code, out, err = run("audit", "--format", "json")
    assert code == 1
    assert out.lstrip().startswith("[") and out.rstrip().endswith("]")
    # The letter, then what did not reproduce: on stderr, so stdout stays JSON.
    assert err.startswith(f"Brief: Ledenbrief Miljoenennota 2020 ({LB})\n"
                          "2 gedrukt(e) cijfer(s) niet gereproduceerd:")


def test_accres_marks_rows_that_follow_from_a_figure_that_does_not_reproduce() -> None:
    code, out, _ = run("accres", "--format", "tsv")
    assert code == 0 and "\t*" not in out and "let op" not in out  # machines: unchanged
    code, out, _ = run("accres", "--format", "markdown")
    assert code == 0
    marked = [line for line in out.splitlines() if "\\*" in line]
    # The printed figures of 2024 that follow from the inflation correction: three in the
    # meicirculaire (it prints no volume-accres), five in the septembercirculaire.
    assert len(marked) == 8
    assert all(line.endswith("\\* |") and line.count("\\*") == 1 for line in marked)
    assert out.rstrip().splitlines()[-3:] == [
        "* volgt uit een gedrukt cijfer dat niet reproduceert: "
        "inflatiecorrectie.cep-2019.2024, inflatiecorrectie.mev-2020.2024.",
        "† berekend; de brief drukt deze rij hier niet.",
        "Niet gereproduceerd: 2 gedrukte cijfers van de brief (zie vngkb audit)."]


def test_accres_table_three_has_no_marks_and_no_legend() -> None:
    code, out, _ = run("accres", "--table", "3", "--format", "markdown")
    assert code == 0
    assert "\\*" not in out
    assert "volgt uit" not in out


def test_ask_uses_the_headings_the_question_declares() -> None:
    _, nl, _ = run("ask", "accres-bijstellingen", "--format", "markdown")
    _, en, _ = run("--lang", "en", "ask", "accres-bijstellingen", "--format", "markdown")
    assert nl.startswith("| jaar | nominaal accres mei | nominaal accres september | "
                         "bijstelling (tabel) | bijstelling (tekst) | % mei |")
    assert en.startswith("| year | nominal accres May | nominal accres September | "
                         "adjustment (table) | adjustment (text) | % May |")


@pytest.mark.parametrize(("args", "dutch", "english"), [
    (["ask"], "Ontbrekend argument 'NAME'.", "Missing argument 'NAME'."),
    (["accres", "--table", "5"],
     "Ongeldige waarde voor '--table': 5 ligt niet in het bereik 1<=x<=3.",
     "Invalid value for '--table': 5 is not in the range 1<=x<=3."),
    (["stats", "--formaat", "csv"], "Geen optie '--formaat'. Bedoelde u '--format'?",
     "No such option '--formaat'. Did you mean '--format'?"),
    (["stats", "--format", "xls"], "Ongeldige waarde voor '--format' / '-f': 'xls' is "
     "niet een van 'table', 'csv', 'tsv', 'json', 'markdown'.",
     "Invalid value for '--format' / '-f': 'xls' is not one of 'table', 'csv', "
     "'tsv', 'json', 'markdown'."),
])
def test_usage_errors_in_the_chosen_language(args: list[str], dutch: str,
                                             english: str) -> None:
    """One line (issue 9): the command, click's message in the language, and where the
    command's help is."""
    code, _, nl = run(*args)
    assert code == 2
    assert nl == f"vngkb: {args[0]}: {dutch} (zie 'vngkb {args[0]} --help')\n"
    code, _, en = run("--lang", "en", *args)
    assert code == 2
    assert en == f"vngkb: {args[0]}: {english} (see 'vngkb {args[0]} --help')\n"


def test_english_uses_the_kbs_english_labels_for_people_only() -> None:
    _, en, _ = run("--lang", "en", "ask", "maatregelen-per-thema", "-p", "thema=onderwijs",
                   "--format", "markdown")
    _, nl, _ = run("ask", "maatregelen-per-thema", "-p", "thema=onderwijs",
                   "--format", "markdown")
    _, csv_en, _ = run("--lang", "en", "ask", "maatregelen-per-thema", "-p",
                       "thema=onderwijs", "--format", "csv")
    assert "| (Passend) Onderwijs | 4 | critical |" in en  # title as written, stance in English
    assert "| (Passend) Onderwijs | 4 | kritisch |" in nl
    assert "(Passend) Onderwijs,4,kritisch," in csv_en  # machines get the data as it is
    _, accres, _ = run("--lang", "en", "ask", "accres-per-jaar", "--format", "markdown")
    assert "| May 2019 circular | nominal accres | 835,400,000 | EUR |" in accres


@pytest.mark.parametrize("width", [80, 93, 94, 120])
def test_accres_keeps_its_words_whole(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    """The accres tables fit the screen without cutting a word ("meicirculair|e-2019",
    issue 30) at every width around the boundaries."""
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, _ = run("accres", "--format", "table")
    assert code == 0
    lines = out.splitlines()
    # The tables as the letter prints them (quantities down, years across), the years
    # split over blocks where the screen is narrow; every word whole.
    assert lines[0] == f"Brief: Ledenbrief Miljoenennota 2020 ({LB})"
    assert lines[1].startswith("Tabel 1.") and "-- rij" not in out
    assert max(len(line) for line in lines) <= width
    assert not any(line.rstrip().endswith(("meicirculair", "septembercirculai"))
                   for line in lines)
    assert sum(line.rstrip().endswith("*") for line in lines) == 8


def test_every_command_and_option_has_english_help() -> None:
    # A command added without its English help would mix Dutch into an English screen.
    import click

    english = i18n.catalogue("en")
    texts = [(name, "", vars(command)["_help_as_written"])
             for name, command in [("", main), *main.commands.items()]]
    texts += [(name, param.name or "", vars(param)["_help_as_written"])
              for name, command in [("", main), *main.commands.items()]
              for param in command.params if isinstance(param, click.Option)]
    assert [(name, param) for name, param, dutch in texts
            if not dutch or english.gettext(dutch) == dutch] == []
    assert len(main.commands) >= 17 and len(texts) > 80


# --- the catalogues (vngkb/i18n/locale, `make translations`) ---------------------------

LOCALE = i18n.LOCALE_DIR


def _read_po(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def _fields(text: str) -> set[str]:
    """The ``{name}`` fields of a message (with their conversion and format)."""
    return {f"{name}!{conversion}:{spec}"
            for _, name, spec, conversion in string.Formatter().parse(text) if name is not None}


def test_the_english_catalogue_is_complete() -> None:
    """Every text of the template has an English translation, with the same fields."""
    template = _read_po(LOCALE / "vngkb.pot")
    english = _read_po(LOCALE / "en" / "LC_MESSAGES" / "vngkb.po")
    wanted = {(m.context, m.id) for m in template if m.id}
    assert len(wanted) > 500
    translated = {(m.context, m.id): m.string for m in english
                  if m.id and "fuzzy" not in m.flags
                  and (all(m.string) if isinstance(m.string, tuple | list) else m.string)}
    assert sorted(wanted - set(translated), key=str) == []
    assert sorted(set(translated) - wanted, key=str) == []  # nothing stale
    assert [key for key, text in translated.items()
            if isinstance(text, str) and isinstance(key[1], str)
            and _fields(text) != _fields(key[1])] == []


def test_the_template_holds_every_text_of_the_code(tmp_path: Path) -> None:
    """`make translations` was run: extracting now gives the texts of vngkb.pot."""
    fresh = tmp_path / "fresh.pot"
    found = re.search(r"^BABEL_KEYWORDS := (.*)$", (ROOT / "Makefile").read_text("utf-8"),
                      re.MULTILINE)
    assert found is not None
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "-q", "extract", "-F",
                    str(ROOT / "babel.cfg"), *found.group(1).split(), "-o", str(fresh), "."],
                   cwd=ROOT, check=True)
    texts = {(m.context, m.id) for m in _read_po(fresh) if m.id}
    assert texts == {(m.context, m.id) for m in _read_po(LOCALE / "vngkb.pot") if m.id}


@pytest.mark.parametrize("po", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")),
                         ids=lambda path: "/".join(path.parts[-3:]))
def test_the_compiled_catalogues_are_those_of_the_po_files(po: Path) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _read_po(po))
    assert po.with_suffix(".mo").read_bytes() == compiled.getvalue()


def test_click_still_has_every_message_the_dutch_catalogue_translates() -> None:
    import click

    source = "".join(path.read_text("utf-8") for path in Path(click.__file__).parent.glob("*.py"))
    ids = [text for m in _read_po(LOCALE / "nl" / "LC_MESSAGES" / "click.po") if m.id
           for text in ([m.id] if isinstance(m.id, str) else m.id)]
    assert len(ids) > 30
    assert [text for text in ids if f'"{text}"' not in source] == []


def test_click_speaks_the_chosen_language_and_leaves_the_environment_as_it_was(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    assert run("--lang", "en", "stats", "--formaat")[2].startswith(
        "vngkb: stats: No such option '--formaat'.")
    assert run("stats", "--formaat")[2].startswith("vngkb: stats: Geen optie '--formaat'.")
    assert os.environ["LANGUAGE"] == "de"
    monkeypatch.delenv("LANGUAGE")
    run("--lang", "en", "stats", "--formaat")
    assert "LANGUAGE" not in os.environ


def test_a_missing_catalogue_gives_the_dutch_source_texts() -> None:
    assert i18n.catalogue("en").gettext("Niet gevonden") == "Not found"
    assert i18n.catalogue("nl").gettext("Niet gevonden") == "Niet gevonden"
    assert i18n.catalogue("en").gettext("geen tekst van de catalogus") == (
        "geen tekst van de catalogus")


def test_command_listing_is_english_with_lang_en() -> None:
    _, nl, _ = run("--help")
    _, en, _ = run("--lang", "en", "--help")
    for name, dutch, english in [("search", "Zoek in alle teksten", "Search every text"),
                                 ("show", "Toon een maatregel", "Show a measure"),
                                 ("totals", "Totalen per jaar", "Totals per year"),
                                 ("interpret", "Stel een vraag", "Ask a question"),
                                 ("source", "De regels LINES", "The letter's lines")]:
        assert any(line.split()[:1] == [name] and dutch in line for line in nl.splitlines())
        assert any(line.split()[:1] == [name] and english in line for line in en.splitlines())


def test_the_validate_verdict_in_both_languages() -> None:
    from vngkb.validate.validation import Finding, Report

    report = Report(findings=(Finding("Violation", f"maatregel/{LB}/x", "dct:title", "ontbreekt",
                                      "missing"),), triples=12)
    assert report.text().splitlines()[-1] == (
        "12 triples: voldoet NIET (1 overtreding(en), 0 waarschuwing(en))")
    i18n.set_lang("en")
    try:
        assert report.text().splitlines()[-1] == (
            "12 triples: does NOT conform (1 violation(s), 0 warning(s))")
    finally:
        i18n.set_lang(None)


def test_no_text_to_translate_hides_inside_an_f_string() -> None:
    """Babel does not read inside f-strings (before Python 3.12): a ``_("...")`` there
    would never reach the catalogue and stay Dutch on an English screen."""
    import ast

    hidden = []
    for path in sorted((ROOT / "vngkb").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for text in ast.walk(tree):
            if isinstance(text, ast.JoinedStr):
                hidden += [f"{path.relative_to(ROOT)}:{call.lineno}" for call in ast.walk(text)
                           if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                           and call.func.id in ("_", "N_", "NC_", "pgettext", "ngettext")
                           and any(isinstance(a, ast.Constant) for a in call.args)]
    assert hidden == []
