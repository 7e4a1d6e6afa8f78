"""The shipped KB conforms; broken fixtures are rejected with messages that name the
measure and the field."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests import DATA
from vngkb.core.errors import InputError, KbSyntaxError
from vngkb.core.paths import CHECKS_DIR, ONTOLOGY_DIR, SHIPPED_LETTER_DIR, turtle_files
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.kb.load import default_files
from vngkb.query.store import EmbeddedStore
from vngkb.rdf.turtle import parse_file, read_turtle
from vngkb.validate.validation import short, validate


def test_shipped_kb_conforms() -> None:
    report = validate(default_files())
    assert report.conforms, report.text()
    assert [str(f) for f in report.findings if f.severity == "Violation"] == []


def _with(fixture: str) -> list[Path]:
    return [*turtle_files(ONTOLOGY_DIR), SHIPPED_LETTER_DIR / "brief.ttl", DATA / "kb" / fixture]


def test_broken_measure_is_rejected_with_named_fields() -> None:
    report = validate(_with("broken-measure.ttl"))
    assert not report.conforms
    found = {(f.focus, f.path, f.message_en) for f in report.findings
             if f.severity == "Violation"}
    assert found == {
        ("maatregel/ledenbrief-miljoenennota-2020/kapot", "def:standpunt",
         "Measure: exactly one VNG stance (def:standpunt) from the stance scheme required"),
        ("maatregel/ledenbrief-miljoenennota-2020/kapot", "def:verantwoordelijkMinisterie",
         "Measure: exactly one responsible ministry (def:verantwoordelijkMinisterie, TOOI) "
         "required"),
        ("maatregel/ledenbrief-miljoenennota-2020/kapot", "def:onbekendVeld", ""),
        (f"maatregel/{LB}/kapot", "", "Measure: line range lies outside its chapter's"),
        ("bedrag/ledenbrief-miljoenennota-2020/kapot", "schema:value",
         "Amount: value (schema:value) must be exactly one xsd:decimal greater than 0 (euros)"),
        ("bedrag/ledenbrief-miljoenennota-2020/kapot", "def:per",
         "Amount: period (def:per) missing or not in the period scheme"),
        ("bedrag/ledenbrief-miljoenennota-2020/kapot", "", "Amount: first year is after last year"),
        # The value that failed the period scheme is named on its own as well.
        ("standpunt/positief", "skos:inScheme", "Value is not in the perioden scheme"),
        (f"maatregel/{LB}/kapot", "", ""),  # the QC check maatregel-zonder-standpunt
    }
    dutch = {f.message_nl for f in report.findings if f.path == "def:standpunt"}
    assert dutch == {"Maatregel: precies één VNG-standpunt (def:standpunt) uit het schema "
                     "standpunten vereist"}


def test_syntax_error_names_file_and_line() -> None:
    with pytest.raises(KbSyntaxError, match=r"syntax-error\.ttl:7: Turtle-syntaxfout"):
        validate(_with("syntax-error.ttl"))


def test_qc_check_rows_are_violations(tmp_path: Path) -> None:
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "alles-violation.rq").write_text(
        "PREFIX def: <https://w3id.org/vngkb/def/>\n"
        "SELECT ?h WHERE { ?h a def:Hoofdstuk ; def:nummer 10 }")
    report = validate([*turtle_files(ONTOLOGY_DIR), SHIPPED_LETTER_DIR / "brief.ttl"],
                      checks_dir=checks)
    assert [(f.focus, f.message_nl) for f in report.findings] == [
        ("hoofdstuk/ledenbrief-miljoenennota-2020/buitenlandse-zaken", "QC check alles")]
    assert not report.conforms


def test_overlapping_measures_are_compared_within_their_source() -> None:
    # Measures are sections of one letter: two letters' line numbers are not comparable.
    report = validate([*turtle_files(ONTOLOGY_DIR), SHIPPED_LETTER_DIR / "brief.ttl",
                       DATA / "bronnen" / "overlap-per-bron.ttl"])
    overlaps = [(f.focus, f.value) for f in report.findings
                if f.message_nl == "QC check overlappende-maatregelen"]
    assert overlaps == [
        ("maatregel/andere-brief/ander-b", "ander=maatregel/andere-brief/ander-c"),
        (f"maatregel/{LB}/twee-bronnen-h", f"ander=maatregel/{LB}/twee-bronnen-i"),
        (f"maatregel/{LB}/zonder-bron-e", f"ander=maatregel/{LB}/zonder-bron-f"),
    ]


def test_equal_amounts_are_paired_by_value_not_by_spelling() -> None:
    # The check pairs amounts within buckets of equal numbers: 5.0, 5 and 5.0E0 are one
    # value; a cent above or below, the negative, and the text "5" are not.
    store = ox.Store()
    store.extend(parse_file(DATA / "bronnen" / "gelijke-waarden.ttl")[1])
    check = CHECKS_DIR / "gelijk-bedrag-zonder-verband-violation.rq"
    rows = EmbeddedStore(store).select(check.read_text(encoding="utf-8")).rows
    assert [tuple(short(t.value) if t is not None else "" for t in row) for row in rows] == [
        (f"bedrag/{LB}/decimaal", f"bedrag/{LB}/double", "5"),
        (f"bedrag/{LB}/decimaal", f"bedrag/{LB}/geheel", "5"),
        (f"bedrag/{LB}/double", f"bedrag/{LB}/geheel", "5"),
        (f"bedrag/{LB}/tekst-a", f"bedrag/{LB}/tekst-b", "vijf"),
    ]


def test_one_validation_run_reads_each_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`vngkb validate FILE` decides which shipped files FILE stands in for, then
    validates: every file is read and parsed once for both, with the same report."""
    from vngkb import api
    from vngkb.validate import validation

    given = [SHIPPED_LETTER_DIR / "h01-financien.ttl", DATA / "kb" / "broken-measure.ttl"]
    expected = validation.validate(validation.with_shipped(given))
    reads: list[Path] = []

    def counted(path: Path) -> bytes:
        reads.append(path.resolve())
        return read_turtle(path)

    monkeypatch.setattr(validation, "read_turtle", counted)
    report = api.validate_kb(given)
    assert report == expected
    assert not report.conforms
    assert len(reads) == len(set(reads))
    assert set(reads) >= {p.resolve() for p in given}


def test_a_file_that_fails_to_parse_fails_every_time(tmp_path: Path) -> None:
    from vngkb.validate.validation import ParseOnce

    broken = tmp_path / "kapot.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    parse = ParseOnce()
    for _ in range(2):
        with pytest.raises(KbSyntaxError, match=r"kapot\.ttl"):
            parse(broken)
    broken.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    assert len(parse(broken)[1]) == 1


@pytest.mark.parametrize("files", [
    [],                                       # nothing at all
    turtle_files(ONTOLOGY_DIR),               # the ontology and shapes, no letter
])
def test_a_kb_without_a_letter_is_an_error_not_conforming(files: list[Path]) -> None:
    with pytest.raises(InputError, match=r"geen KB: de \d+ bestand\(en\) bevatten geen brief"):
        validate(files, require_letter=True)
    assert validate(files).conforms  # a part of a KB (one file) is checked as it is


def test_the_cli_calls_an_empty_kb_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from vngkb.cli.commands import main
    from vngkb.kb import load

    monkeypatch.setattr(load, "default_files", lambda: turtle_files(ONTOLOGY_DIR))
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "geen KB" in result.output and "voldoet" not in result.output
    assert "Traceback" not in result.output


def test_equal_amounts_are_paired_by_value_within_one_letter() -> None:
    # gelijk-bedrag-zonder-verband finds its pairs through the value term (one per decimal
    # value) and compares a value of another type with every amount: the pairs are those
    # of equal value, whatever their type or spelling, within one letter; -5 is not 5.
    store = ox.Store()
    store.load(b'''@prefix def: <https://w3id.org/vngkb/def/> .
        @prefix schema: <https://schema.org/> . @prefix dct: <http://purl.org/dc/terms/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix b: <https://w3id.org/vngkb/id/bedrag/> .
        @prefix bron: <https://w3id.org/vngkb/id/bron/> .
        b:a a def:Bedrag ; schema:value 5.0 ; dct:source bron:x .
        b:b a def:Bedrag ; schema:value 5 ; dct:source bron:x .
        b:c a def:Bedrag ; schema:value "5.00"^^xsd:decimal ; dct:source bron:x .
        b:d a def:Bedrag ; schema:value 5.0 ; dct:source bron:y .
        b:e a def:Bedrag ; schema:value "vijf" .
        b:f a def:Bedrag ; schema:value "vijf" .
        b:g a def:Bedrag ; schema:value -5.0 ; dct:source bron:x .
        b:h a def:Bedrag ; schema:value 5.0e0 ; dct:source bron:x .''',
               format=ox.RdfFormat.TURTLE)
    table = EmbeddedStore(store).select(
        (CHECKS_DIR / "gelijk-bedrag-zonder-verband-violation.rq").read_text(encoding="utf-8"))
    pairs = sorted((str(row[0]).rsplit("/", 1)[1], str(row[1]).rsplit("/", 1)[1])
                   for row in table.values())
    assert pairs == [("a", "b"), ("a", "c"), ("a", "h"), ("b", "c"), ("b", "h"), ("c", "h"),
                     ("e", "f")]


ILL_TYPED = '<urn:a> <urn:b> "abc"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'


@pytest.fixture
def own_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A cache of the test's own, and each check of one file on its own counted: the
    bound on term lengths ("terms") and the literal types ("types")."""
    from vngkb.rdf import turtle
    from vngkb.rdf.literals import oversized_term as terms
    from vngkb.validate import validation

    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "cache"))
    done: list[str] = []
    types = validation.literal_findings

    def counted_types(path: Path, data: bytes, quads: list[ox.Quad]) -> list[object]:
        done.append("types")
        return types(path, data, quads)  # type: ignore[return-value]

    def counted_terms(quads: list[ox.Quad]) -> tuple[str, int] | None:
        done.append("terms")
        return terms(quads)

    monkeypatch.setattr(validation, "literal_findings", counted_types)
    monkeypatch.setattr(turtle, "oversized_term", counted_terms)
    return done


def _typed(path: Path) -> list[str]:
    from vngkb.validate.validation import ParseOnce

    return [f.message_nl for f in ParseOnce().literal_findings(path)]


def test_an_unchanged_files_own_checks_come_from_the_cache(
        tmp_path: Path, own_checks: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "slecht.ttl"
    bad.write_text(ILL_TYPED, encoding="utf-8")
    expected = [f"{bad}:1: waarde 'abc' is geen geldige xsd:integer"]
    assert _typed(bad) == expected
    assert own_checks == ["terms", "types"]
    assert _typed(bad) == expected  # a new run: from the cache
    assert own_checks == ["terms", "types"]
    bad.write_text(ILL_TYPED + ILL_TYPED.replace("abc", "def"), encoding="utf-8")
    assert _typed(bad) == [*expected, f"{bad}:2: waarde 'def' is geen geldige xsd:integer"]
    assert own_checks == ["terms", "types"] * 2  # a changed file is checked again
    copy = tmp_path / "kopie.ttl"
    copy.write_bytes(bad.read_bytes())
    # The same bytes by another name: the findings name it, so an entry of its own.
    assert _typed(copy) == [f"{copy}:1: waarde 'abc' is geen geldige xsd:integer",
                            f"{copy}:2: waarde 'def' is geen geldige xsd:integer"]
    assert own_checks == ["terms", "types"] * 3
    monkeypatch.setenv("VNGKB_CACHE_DIR", "")  # no cache: checked every time
    assert _typed(copy) == _typed(copy)
    assert own_checks == ["terms", "types"] * 5


def test_a_too_long_term_is_refused_every_time_and_never_kept(
        tmp_path: Path, own_checks: list[str]) -> None:
    from vngkb.rdf.literals import MAX_IRI_CHARS
    from vngkb.validate.validation import ParseOnce

    long = tmp_path / "lang.ttl"
    long.write_text(f"<urn:{'a' * MAX_IRI_CHARS}> <urn:b> <urn:c> .\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(KbSyntaxError, match=r"lang\.ttl:1"):
            ParseOnce()(long)
    assert own_checks == ["terms", "terms"]
    assert list((tmp_path / "cache").glob("bestand-*")) == []


def test_a_report_with_the_files_checks_from_the_cache_is_a_full_runs(
        tmp_path: Path, own_checks: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "slecht.ttl"
    bad.write_text(ILL_TYPED, encoding="utf-8")
    first = validate([bad])
    again = validate([bad])
    assert own_checks.count("types") == 1
    monkeypatch.setenv("VNGKB_CACHE_DIR", "")
    assert first == again == validate([bad])
    assert [f.message_nl for f in again.findings if f.path] == [
        f"{bad}:1: waarde 'abc' is geen geldige xsd:integer"]
    assert not again.conforms
