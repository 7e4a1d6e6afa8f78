"""Parameters are typed, checked and bound as RDF terms; hostile values never become
query syntax."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.hostile.inputs import HOSTILE
from vngkb.core.errors import InputError, ParameterError, UnknownQuestionError
from vngkb.query import catalogue
from vngkb.query.catalogue import Parameter
from vngkb.query.store import EmbeddedStore
from vngkb.rdf.namespaces import XSD
from vngkb.rdf.terms import Term


@pytest.mark.parametrize(("variable", "name", "kind", "lang"), [
    ("_jaar_xsd_gYear", "jaar", "year", None),
    ("_ministerie_iri", "ministerie", "iri", None),
    ("_aantal_integer", "aantal", "integer", None),
    ("_bedrag_xsd_decimal", "bedrag", "decimal", None),
    ("_zoekterm_nl", "zoekterm", "string", "nl"),
    ("_naam", "naam", "string", None),
])
def test_grlc_variable_names_give_types(variable: str, name: str, kind: str,
                                        lang: str | None) -> None:
    assert catalogue._kind_of(variable) == (name, kind, lang)


@pytest.mark.parametrize(("kind", "raw", "expected"), [
    ("year", "2020", Term("literal", "2020", datatype=XSD + "gYear")),
    ("integer", " 42 ", Term("literal", "42", datatype=XSD + "integer")),
    ("decimal", "7,3", Term("literal", "7.3", datatype=XSD + "decimal")),
    ("iri", "https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/jeugd",
     Term("iri", "https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/jeugd")),
])
def test_values_become_typed_terms(kind: str, raw: str, expected: Term) -> None:
    parameter = Parameter(name="p", variable="_p", kind=kind)  # type: ignore[arg-type]
    assert parameter.to_term(raw) == expected


@pytest.mark.parametrize(("kind", "raw", "message"), [
    ("year", "20x0", "'20x0' is geen jaartal"),
    ("year", "2020 OR 1=1", "is geen jaartal"),
    ("integer", "12.5", "is geen geheel getal"),
    ("decimal", "NaN", "is geen eindig getal"),
    ("decimal", "abc", "is geen getal"),
    ("iri", "https://x/> } ; DROP ALL", "is geen http(s)-IRI"),
    ("iri", "javascript:alert(1)", "is geen http(s)-IRI"),
])
def test_bad_values_are_rejected(kind: str, raw: str, message: str) -> None:
    parameter = Parameter(name="p", variable="_p", kind=kind)  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match=re.escape(message)):
        parameter.to_term(raw)


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_strings_stay_literals_or_are_rejected(raw: str) -> None:
    parameter = Parameter(name="tekst", variable="_tekst_nl", kind="string", lang="nl")
    if len(raw) > catalogue.MAX_STRING_LENGTH:
        with pytest.raises(ParameterError, match="hooguit 200"):
            parameter.to_term(raw)
    else:
        assert parameter.to_term(raw) == Term("literal", raw, lang="nl")


def test_enumerated_iri_lists_allowed_values() -> None:
    parameter = Parameter(name="standpunt", variable="_standpunt_iri", kind="iri",
                          scheme="https://w3id.org/vngkb/id/standpunt",
                          allowed=("kritisch", "positief"))
    assert parameter.to_term("kritisch").value == "https://w3id.org/vngkb/id/standpunt/kritisch"
    assert parameter.to_term("https://w3id.org/vngkb/id/standpunt/positief").kind == "iri"
    with pytest.raises(ParameterError, match="is niet een van: kritisch, positief"):
        parameter.to_term("https://evil.example/standpunt/kritisch")


def test_catalogue_reads_headers() -> None:
    questions = catalogue.load_catalogue()
    question = questions["decentralisatie-uitkeringen-per-startjaar"]
    assert question.summary == "Decentralisatie-uitkeringen die in een jaar starten"
    assert [(p.name, p.kind, p.default) for p in question.parameters] == [
        ("jaar", "year", "2020"), ("brief", "iri", LEDENBRIEF)]
    assert "instrumenten" in question.tags
    for name, q in questions.items():
        assert q.summary, f"{name} has no summary"


def test_unknown_question_and_parameter() -> None:
    with pytest.raises(UnknownQuestionError,
                       match="geen vraag met de naam 'nope'; bekende vragen:"):
        catalogue.find_question("nope")
    with pytest.raises(UnknownQuestionError):
        catalogue.find_question("../pyproject")
    question = catalogue.find_question("decentralisatie-uitkeringen-per-startjaar")
    with pytest.raises(ParameterError, match="heeft geen parameter 'jr'"):
        question.bindings({"jr": "2020"})


# --- Enumerations, classes, aliases, ranges -------------------------------------------

#: The default of the letter parameter (brief) of every question about the letter.
LEDENBRIEF = "https://w3id.org/vngkb/id/bron/ledenbrief-miljoenennota-2020"


def _own(question: catalogue.Question) -> tuple[Parameter, ...]:
    """*question*'s parameters other than the letter it is about (brief)."""
    return tuple(p for p in question.parameters if p.name != "brief")

ID = "https://w3id.org/vngkb/id/"
TOOI = "https://identifier.overheid.nl/tooi/id/ministerie"


def test_enumerate_lists_full_iris_and_gives_short_names() -> None:
    question = catalogue.find_question("maatregelen-per-effecttype")
    (parameter,) = _own(question)
    assert parameter.scheme == ID + "effecttype"
    assert "nieuwe-taak" in parameter.allowed
    assert parameter.to_term("nieuwe-taak") == Term("iri", ID + "effecttype/nieuwe-taak")
    assert parameter.to_term(ID + "effecttype/kansen") == Term("iri", ID + "effecttype/kansen")
    assert parameter.to_term("Nieuwe-Taak").value == ID + "effecttype/nieuwe-taak"
    with pytest.raises(ParameterError, match=r"'boos' is niet een van: bekostiging, "):
        parameter.to_term("boos")


def test_class_parameter_with_namespace_and_aliases() -> None:
    question = catalogue.find_question("bedragen-per-ministerie")
    (parameter,) = _own(question)
    assert parameter.member_class == "https://identifier.overheid.nl/tooi/def/ont/Ministerie"
    assert parameter.scheme == TOOI
    assert len(parameter.allowed) == 12
    with_vws = catalogue.with_members(question, [
        (parameter.member_class, f"{TOOI}/mnre1025", "VWS"),
        (parameter.member_class, f"{TOOI}/mnre1090", None),
        (parameter.member_class, "https://elsewhere.example/mnre1", "X")])
    (parameter,) = _own(with_vws)
    assert parameter.allowed == ("mnre1025", "mnre1090")  # outside the namespace: left out
    assert parameter.to_term("vws") == Term("iri", f"{TOOI}/mnre1025")
    with pytest.raises(ParameterError,
                       match=r"'OCW' is niet een van: mnre1025, mnre1090; ook goed: VWS"):
        parameter.to_term("OCW")


def test_members_query_asks_for_schemes_and_classes() -> None:
    text = catalogue.members_query(catalogue.find_question("bedragen-per-ministerie"))
    assert text is not None and "<https://identifier.overheid.nl/tooi/def/ont/Ministerie>" in text
    text = catalogue.members_query(catalogue.find_question("maatregelen-per-thema"))
    assert text is not None and "inScheme" in text and f"<{ID}thema>" in text
    assert catalogue.members_query(catalogue.find_question("bcf-aandeel-per-jaar")) is None


def test_enumerate_from_the_data_and_optional_parameter() -> None:
    (parameter,) = _own(catalogue.find_question("vindplaats-van-maatregel"))
    assert parameter.enumerated_from_kb and parameter.allowed == ()
    assert parameter.member_class == "https://w3id.org/vngkb/def/Maatregel"
    (optional,) = _own(catalogue.find_question("accres-controle"))
    assert optional.optional and optional.default is None
    assert catalogue.find_question("accres-controle").bindings({}) == {}


def test_integer_range_and_enumerated_literals() -> None:
    (hoofdstuk,) = _own(catalogue.find_question("bedragen-per-hoofdstuk"))
    assert hoofdstuk.to_term("10") == Term("literal", "10", datatype=XSD + "integer")
    with pytest.raises(ParameterError, match="'11' is niet een van: 1, 2, 3"):
        hoofdstuk.to_term("11")
    bare = Parameter(name="n", variable="_n_integer", kind="integer",
                     minimum=Decimal(1), maximum=Decimal(10))
    with pytest.raises(ParameterError, match="'0' ligt niet tussen 1 en 10"):
        bare.to_term("0")
    (soort,) = _own(catalogue.find_question("structurele-en-incidentele-bedragen"))
    assert soort.to_term("incidenteel") == Term("literal", "incidenteel")
    with pytest.raises(ParameterError,
                       match="'tijdelijk' is niet een van: structureel, incidenteel"):
        soort.to_term("tijdelijk")
    (jaar,) = _own(catalogue.find_question("accres-per-jaar"))
    with pytest.raises(ParameterError, match="'2030' is niet een van: 2019, 2020"):
        jaar.to_term("2030")


@pytest.mark.parametrize(("raw", "lexical"), [
    ("100000000", "100000000"), ("1e8", "100000000"), ("2,5", "2.5"), ("-218.3e6", "-218300000"),
    (" 0.5 ", "0.5"),
])
def test_decimals(raw: str, lexical: str) -> None:
    (minimum,) = _own(catalogue.find_question("vindplaats-van-bedrag"))
    assert minimum.to_term(raw) == Term("literal", lexical, datatype=XSD + "decimal")


@pytest.mark.parametrize("raw", ["1e999", "1_000", "0x10", "Infinity", "1.2.3", ""])
def test_bad_decimals(raw: str) -> None:
    (minimum,) = _own(catalogue.find_question("bedragen-vanaf"))
    with pytest.raises(ParameterError):
        minimum.to_term(raw)


def test_minimum_of_a_decimal() -> None:
    (minimum,) = _own(catalogue.find_question("bedragen-vanaf"))
    with pytest.raises(ParameterError, match="'-5' ligt niet op of boven 0"):
        minimum.to_term("-5")


def test_string_length_and_emptiness() -> None:
    (zoekterm,) = _own(catalogue.find_question("zoek-in-teksten"))
    assert zoekterm.max_length == 100
    assert zoekterm.to_term("Omgevingswet") == Term("literal", "Omgevingswet", lang="nl")
    with pytest.raises(ParameterError, match="hooguit 100 mag"):
        zoekterm.to_term("x" * 101)
    with pytest.raises(ParameterError, match="de waarde is leeg"):
        zoekterm.to_term("   ")


def test_hash_in_an_iri_does_not_hide_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("SELECT ?x WHERE { ?x a <http://x/#C> ; ?p ?_naam_nl }\n", encoding="utf-8")
    assert [p.name for p in catalogue.parse_question(path).parameters] == ["naam"]
    path.write_text("SELECT ?x WHERE { ?x ?p ?o # ?_naam_nl\n}\n", encoding="utf-8")
    assert catalogue.parse_question(path).parameters == ()


HEADER_KEYS = {"summary", "description", "tags"}


@pytest.mark.parametrize("name", sorted(catalogue.load_catalogue()))
def test_every_question_has_a_complete_header(name: str) -> None:
    question = catalogue.find_question(name)
    header = catalogue._header(question.query, question.path)
    assert set(header) >= HEADER_KEYS, f"{name}: missing {HEADER_KEYS - set(header)}"
    assert question.summary and question.description and question.tags
    specs = header.get("params") or {}
    for parameter in question.parameters:
        assert parameter.description, f"{name}: parameter {parameter.name} has no description"
        assert parameter.name in specs
        assert parameter.optional or parameter.default is not None, (
            f"{name}: required parameter {parameter.name} has no default")
        if parameter.kind == "iri" and (parameter.scheme or parameter.member_class):
            assert parameter.allowed or parameter.enumerated_from_kb, (
                f"{name}: {parameter.name} takes a closed set of values but has no enumerate")
    assert "ORDER BY" in question.query, f"{name} has no ORDER BY"


def test_at_least_thirty_questions() -> None:
    assert len(catalogue.load_catalogue()) >= 30


# --- Column headings declared in the header ------------------------------------------------

def test_declared_column_labels() -> None:
    question = catalogue.find_question("accres-bijstellingen")
    assert question.labels["bijstellingTekst"] == {"nl": "bijstelling (tekst)",
                                                   "en": "adjustment (text)"}
    assert "jaar" not in question.labels  # from the common headings


@pytest.mark.parametrize(("columns", "message"), [
    ("#+ columns: [a, b]", "'#+ columns:' must map variables to labels"),
    ("#+ columns:\n#+   a: {fr: x}", "'#+ columns:' a: give a label, or nl: and en: labels"),
    ("#+ columns:\n#+   a: {nl: ''}", "'#+ columns:' a: give a label, or nl: and en: labels"),
    ("#+ columns:\n#+   a: 5", "'#+ columns:' a: give a label, or nl: and en: labels"),
    ("#+ columns:\n#+   a: {nl: b, de: c}",
     "'#+ columns:' a: give a label, or nl: and en: labels"),
])
def test_bad_column_labels_name_the_file(tmp_path: Path, columns: str, message: str) -> None:
    assert _parse_error(tmp_path, f"#+ summary: s\n{columns}\n") \
        == f"{tmp_path / 'q.rq'}: {message}"


# --- Headers read once, then from the cache -------------------------------------------

HEADER_QUERY = "#+ summary: s\n{extra}SELECT ?a WHERE {{ ?a ?b ?c }} ORDER BY ?a\n"


def test_a_header_is_read_once_and_then_taken_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "q.rq"
    path.write_text(HEADER_QUERY.format(extra="#+ tags: [a, 'b: c']\n"), encoding="utf-8")
    first = catalogue._header(path.read_text(encoding="utf-8"), path)
    (entry,) = (tmp_path / "cache").glob("kopregels-*.json")
    assert first == {"summary": "s", "tags": ["a", "b: c"]}
    # A hit does not parse YAML at all: a different "cached" value proves where it came from.
    from vngkb.core import diskcache

    diskcache.write(entry.name, b'{"summary": "uit de cache"}', tmp_path / "cache")
    assert catalogue._header(path.read_text(encoding="utf-8"), path) == {
        "summary": "uit de cache"}
    # A changed header is a new key.
    path.write_text(HEADER_QUERY.format(extra="#+ tags: [a]\n"), encoding="utf-8")
    assert catalogue._header(path.read_text(encoding="utf-8"), path) == {
        "summary": "s", "tags": ["a"]}
    assert len(list((tmp_path / "cache").glob("kopregels-*.json"))) == 2


@pytest.mark.parametrize(("damage", "expected"), [
    (b"{kapot", {"summary": "s"}),         # not JSON
    (b"[1, 2]", {"summary": "s"}),         # JSON, not a header
    (b"\xff\xfe", {"summary": "s"}),       # not UTF-8
])
def test_a_damaged_header_entry_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              damage: bytes, expected: dict[str, str]) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "q.rq"
    path.write_text(HEADER_QUERY.format(extra=""), encoding="utf-8")
    catalogue._header(path.read_text(encoding="utf-8"), path)
    (entry,) = (tmp_path / "cache").glob("kopregels-*.json")
    # Sealed as vngkb writes it (raw damage fails the seal: tests/hostile/test_cache_hostile),
    # so that what reads the entry's JSON is what is tested.
    from vngkb.core import diskcache

    diskcache.write(entry.name, damage, tmp_path / "cache")
    assert catalogue._header(path.read_text(encoding="utf-8"), path) == expected


@pytest.mark.parametrize(("extra", "expected"), [
    # YAML reads a date, which JSON cannot hold
    ("#+ datum: 2020-01-01\n", {"summary": "s", "datum": date(2020, 1, 1)}),
    # an integer key, which JSON would turn into a string
    ("#+ params:\n#+   1: een\n", {"summary": "s", "params": {1: "een"}}),
])
def test_a_header_json_cannot_hold_exactly_is_not_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str,
        expected: dict[str, object]) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "q.rq"
    path.write_text(HEADER_QUERY.format(extra=extra), encoding="utf-8")
    for _ in range(2):
        assert catalogue._header(path.read_text(encoding="utf-8"), path) == expected
    assert list((tmp_path / "cache").glob("kopregels-*.json")) == []


def test_a_bad_header_is_an_error_every_time(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "q.rq"
    path.write_text(HEADER_QUERY.format(extra="#+ tags: [a\n"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError, match=r"q\.rq:\d+: bad '#\+' header"):
            catalogue.parse_question(path)
    assert not (tmp_path / "cache").exists() or list((tmp_path / "cache").iterdir()) == []



@pytest.mark.parametrize(("header", "message"), [
    # YAML names the line: the file's line
    ("#+ summary: s\n#+   bad: indent\n",
     ":2: bad '#+' header: mapping values are not allowed in this context"),
    ("#+ summary: s\n#+ tags: [a, \"b\n",
     ":2: bad '#+' header: found unexpected end of stream"),
    # a control character: YAML names no line
    ("#+ summary: s\x07\n", ": bad '#+' header: unacceptable character #x0007: "
                            "control characters are not allowed"),
])
def test_a_bad_header_is_one_line_with_the_line_when_yaml_knows_it(
        tmp_path: Path, header: str, message: str) -> None:
    assert _parse_error(tmp_path, header) == f"{tmp_path / 'q.rq'}{message}"


def _parse_error(tmp_path: Path, header: str) -> str:
    """The error of reading a question made of *header* and a query."""
    path = tmp_path / "q.rq"
    path.write_text(header + "SELECT ?a WHERE { ?a ?b ?c }\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        catalogue.parse_question(path)
    return str(raised.value)


def test_a_header_that_is_not_key_value_lines(tmp_path: Path) -> None:
    assert _parse_error(tmp_path, "#+ - a\n#+ - b\n") \
        == f"{tmp_path / 'q.rq'}: the '#+' header must be 'key: value' lines"


# --- Finding a question by name --------------------------------------------------------

QUESTION_TEXT = "#+ summary: s\nSELECT ?a WHERE {{ ?a ?b ?c }}\n"


@pytest.mark.parametrize(("name", "found"), [
    ("a" * catalogue.MAX_NAME_LENGTH, True),         # the longest name
    ("a" * (catalogue.MAX_NAME_LENGTH + 1), False),  # one longer, though the file exists
    ("Vraag", False),  # a file of that name exists, but names are lower case
    ("-vraag", False),  # nor may a name begin with a hyphen
    ("vraag-2", True),
])
def test_question_names(tmp_path: Path, name: str, found: bool) -> None:
    (tmp_path / f"{name}.rq").write_text(QUESTION_TEXT.format(), encoding="utf-8")
    if found:
        assert catalogue.find_question(name, tmp_path).name == name
    else:
        with pytest.raises(UnknownQuestionError):
            catalogue.find_question(name, tmp_path)


def test_an_unknown_name_without_a_close_one_lists_the_known_names(tmp_path: Path) -> None:
    for name in ("wmo", "jeugdzorg"):
        (tmp_path / f"{name}.rq").write_text(QUESTION_TEXT.format(), encoding="utf-8")
    with pytest.raises(UnknownQuestionError) as raised:
        catalogue.find_question("zzzzzz", tmp_path)
    assert str(raised.value) == ("geen vraag met de naam 'zzzzzz'; "
                                 "bekende vragen: jeugdzorg, wmo")


def test_find_question_passes_the_allowed_values_on(tmp_path: Path) -> None:
    (tmp_path / "per-thema.rq").write_text(
        "#+ summary: s\n#+ enumerate:\n#+   - thema\n"
        "SELECT ?m WHERE { ?m <urn:thema> ?_thema_iri }\n", encoding="utf-8")
    allowed = {"": ("jeugd", "wmo")}
    question = catalogue.find_question("per-thema", tmp_path, allowed)
    assert [p.allowed for p in question.parameters] == [("jeugd", "wmo")]
    assert [p.allowed for p in catalogue.find_question("per-thema", tmp_path).parameters] \
        == [()]


def test_an_optional_parameter_without_a_value_leaves_the_next_bound(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("#+ summary: s\n#+ defaults:\n#+   - jaar: 2020\n"
                    "SELECT ?m WHERE { ?m <urn:a> ?__tekst . ?m <urn:j> ?_jaar_xsd_gYear }\n",
                    encoding="utf-8")
    question = catalogue.parse_question(path)
    assert [(p.name, p.optional) for p in question.parameters] == [("tekst", True),
                                                                  ("jaar", False)]
    assert question.bindings({}) == {
        "_jaar_xsd_gYear": Term("literal", "2020", datatype=XSD + "gYear")}


# --- Exact values and messages of every kind of parameter ----------------------------------

YEAR = Parameter(name="jaar", variable="_jaar_xsd_gYear", kind="year",
                 minimum=Decimal(2019), maximum=Decimal(2024))
NUMBER = Parameter(name="n", variable="_n_integer", kind="integer")
AMOUNT = Parameter(name="bedrag", variable="_bedrag_xsd_decimal", kind="decimal")
DATE = Parameter(name="datum", variable="_datum_xsd_date", kind="date")
TEXT = Parameter(name="tekst", variable="_tekst_nl", kind="string", lang="nl")
LINK = Parameter(name="link", variable="_link_iri", kind="iri")


@pytest.mark.parametrize(("parameter", "raw", "expected"), [
    (YEAR, "2019", Term("literal", "2019", datatype=XSD + "gYear")),
    (YEAR, " 2024\n", Term("literal", "2024", datatype=XSD + "gYear")),
    (NUMBER, " +7 ", Term("literal", "7", datatype=XSD + "integer")),
    (NUMBER, "-0", Term("literal", "0", datatype=XSD + "integer")),
    (NUMBER, "007", Term("literal", "7", datatype=XSD + "integer")),
    (NUMBER, "9" * 18, Term("literal", "9" * 18, datatype=XSD + "integer")),
    (AMOUNT, "1E+2", Term("literal", "100", datatype=XSD + "decimal")),
    (AMOUNT, "5.", Term("literal", "5", datatype=XSD + "decimal")),
    (AMOUNT, ",5", Term("literal", "0.5", datatype=XSD + "decimal")),
    (AMOUNT, "-1e-2", Term("literal", "-0.01", datatype=XSD + "decimal")),
    (DATE, "2021-01-31", Term("literal", "2021-01-31", datatype=XSD + "date")),
    (DATE, "2020-02-29", Term("literal", "2020-02-29", datatype=XSD + "date")),
    (DATE, " 2021-12-05 ", Term("literal", "2021-12-05", datatype=XSD + "date")),
    (TEXT, " twee woorden ", Term("literal", " twee woorden ", lang="nl")),
    (TEXT, "x" * 200, Term("literal", "x" * 200, lang="nl")),
    (LINK, " https://x.example/a ", Term("iri", "https://x.example/a")),
])
def test_exact_terms(parameter: Parameter, raw: str, expected: Term) -> None:
    assert parameter.to_term(raw) == expected


@pytest.mark.parametrize(("parameter", "raw", "message"), [
    (YEAR, "20x0", "parameter jaar: '20x0' is geen jaartal (vier cijfers, bv. 2020)"),
    (YEAR, "٢٠٢٠", "parameter jaar: '٢٠٢٠' is geen jaartal (vier cijfers, bv. 2020)"),
    (YEAR, "2018", "parameter jaar: '2018' ligt niet tussen 2019 en 2024"),
    (YEAR, "2025", "parameter jaar: '2025' ligt niet tussen 2019 en 2024"),
    (NUMBER, "12.5", "parameter n: '12.5' is geen geheel getal"),
    (NUMBER, "9" * 19, f"parameter n: '{'9' * 19}' is geen geheel getal"),
    (AMOUNT, "inf", "parameter bedrag: 'inf' is geen eindig getal"),
    (AMOUNT, "INF", "parameter bedrag: 'INF' is geen eindig getal"),
    (AMOUNT, "-inf", "parameter bedrag: '-inf' is geen eindig getal"),
    (AMOUNT, "+Inf", "parameter bedrag: '+Inf' is geen eindig getal"),
    (AMOUNT, "Infinity", "parameter bedrag: 'Infinity' is geen eindig getal"),
    (AMOUNT, "-infinity", "parameter bedrag: '-infinity' is geen eindig getal"),
    (AMOUNT, " NaN ", "parameter bedrag: ' NaN ' is geen eindig getal"),
    (AMOUNT, "+infinity", "parameter bedrag: '+infinity' is geen getal"),
    (AMOUNT, "abc", "parameter bedrag: 'abc' is geen getal"),
    (AMOUNT, "1e100", "parameter bedrag: '1e100' is geen getal"),
    (DATE, "2021-02-30", "parameter datum: '2021-02-30' is geen datum (JJJJ-MM-DD, "
                         "bv. 2021-01-01)"),
    (DATE, "0000-01-01", "parameter datum: '0000-01-01' is geen datum (JJJJ-MM-DD, "
                         "bv. 2021-01-01)"),
    (DATE, "2021-1-1", "parameter datum: '2021-1-1' is geen datum (JJJJ-MM-DD, "
                       "bv. 2021-01-01)"),
    (TEXT, "x" * 201, "parameter tekst: de waarde is 201 tekens lang; hooguit 200 mag"),
    (TEXT, " \t\n", "parameter tekst: de waarde is leeg"),
    (TEXT, "", "parameter tekst: de waarde is leeg"),
    (LINK, "ftp://x.example/a", "parameter link: 'ftp://x.example/a' is geen http(s)-IRI"),
    (LINK, "http://x.example/a b", "parameter link: 'http://x.example/a b' is geen http(s)-IRI"),
])
def test_exact_messages(parameter: Parameter, raw: str, message: str) -> None:
    with pytest.raises(ParameterError) as error:
        parameter.to_term(raw)
    assert str(error.value) == message


def test_an_iri_the_store_refuses_is_a_parameter_error() -> None:
    with pytest.raises(ParameterError) as error:
        LINK.to_term("http://x.example/%zz")
    # The reason is the store's own (pyoxigraph's wording).
    assert str(error.value) == ("parameter link: 'http://x.example/%zz' is geen geldige IRI: "
                                "Invalid IRI percent encoding '%zz'")


@pytest.mark.parametrize(("minimum", "maximum", "raw", "message"), [
    (Decimal(1), Decimal(10), "0", "parameter n: '0' ligt niet tussen 1 en 10"),
    (Decimal(1), Decimal(10), " 11 ", "parameter n: '11' ligt niet tussen 1 en 10"),
    (Decimal(1), None, "0", "parameter n: '0' ligt niet op of boven 1"),
    (None, Decimal(5), "6", "parameter n: '6' ligt niet op of onder 5"),
])
def test_range_messages(minimum: Decimal | None, maximum: Decimal | None, raw: str,
                        message: str) -> None:
    parameter = Parameter(name="n", variable="_n_integer", kind="integer", minimum=minimum,
                          maximum=maximum)
    with pytest.raises(ParameterError) as error:
        parameter.to_term(raw)
    assert str(error.value) == message


@pytest.mark.parametrize(("minimum", "maximum", "raw"), [
    (Decimal(1), Decimal(10), "1"), (Decimal(1), Decimal(10), "10"),
    (Decimal(1), None, "1"), (Decimal(1), None, "999"), (None, Decimal(5), "5"),
    (None, Decimal(5), "-999"),
])
def test_range_bounds_are_inclusive(minimum: Decimal | None, maximum: Decimal | None,
                                    raw: str) -> None:
    parameter = Parameter(name="n", variable="_n_integer", kind="integer", minimum=minimum,
                          maximum=maximum)
    assert parameter.to_term(raw).value == raw


@pytest.mark.parametrize(("minimum", "maximum", "text"), [
    (Decimal(1), Decimal(10), "between 1 and 10"), (Decimal(1), None, "at least 1"),
    (None, Decimal(5), "at most 5"), (None, None, ""),
])
def test_range_text(minimum: Decimal | None, maximum: Decimal | None, text: str) -> None:
    assert Parameter(name="n", variable="_n", kind="integer", minimum=minimum,
                     maximum=maximum).range_text == text


def test_a_date_from_a_list() -> None:
    parameter = dataclasses.replace(DATE, allowed=("2021-01-01",))
    assert parameter.to_term("2021-01-01").value == "2021-01-01"
    with pytest.raises(ParameterError) as error:
        parameter.to_term("2021-01-02")
    assert str(error.value) == ("parameter datum: '2021-01-02' is niet een van: 2021-01-01; "
                                "bedoelde u '2021-01-01'?")


def test_an_integer_from_a_list_is_compared_as_a_number() -> None:
    parameter = dataclasses.replace(NUMBER, allowed=("1", "2"))
    assert parameter.to_term("01").value == "1"
    with pytest.raises(ParameterError) as error:
        parameter.to_term("3")
    assert str(error.value) == "parameter n: '3' is niet een van: 1, 2"  # no "did you mean"


def test_a_year_from_a_list() -> None:
    parameter = dataclasses.replace(YEAR, allowed=("2019", "2020"))
    assert parameter.to_term("2020").value == "2020"
    with pytest.raises(ParameterError) as error:
        parameter.to_term("2021")
    assert str(error.value) == "parameter jaar: '2021' is niet een van: 2019, 2020"


# --- Allowed values: the message lists them, their other names and the closest ----------

STANCE = Parameter(name="standpunt", variable="_standpunt_iri", kind="iri",
                   scheme=ID + "standpunt", allowed=("kritisch", "positief"))


@pytest.mark.parametrize(("parameter", "raw", "message"), [
    (STANCE, "kritsch",
     "parameter standpunt: 'kritsch' is niet een van: kritisch, positief; "
     "bedoelde u 'kritisch'?"),
    (STANCE, "boos", "parameter standpunt: 'boos' is niet een van: kritisch, positief"),
    # Other names sort without regard to case.
    (dataclasses.replace(STANCE, aliases=(("b", "kritisch"), ("A", "positief"),
                                          ("c", "kritisch"))),
     "zzz", "parameter standpunt: 'zzz' is niet een van: kritisch, positief; "
            "ook goed: A, b, c"),
    (dataclasses.replace(STANCE, aliases=(("a", "kritisch"), ("B", "positief"))),
     "zzz", "parameter standpunt: 'zzz' is niet een van: kritisch, positief; ook goed: a, B"),
    (dataclasses.replace(STANCE, aliases=(("Krit", "kritisch"),)),
     "krut", "parameter standpunt: 'krut' is niet een van: kritisch, positief; "
             "ook goed: Krit; bedoelde u 'Krit'?"),
    # A non-ASCII digit is not a number: it may be misspelt.
    (dataclasses.replace(STANCE, allowed=("1", "2")), "١",
     "parameter standpunt: '١' is niet een van: 1, 2"),
])
def test_not_allowed_messages(parameter: Parameter, raw: str, message: str) -> None:
    with pytest.raises(ParameterError) as error:
        parameter.to_term(raw)
    assert str(error.value) == message


def _names(lengths: list[int]) -> tuple[str, ...]:
    return tuple(chr(ord("a") + i) * n for i, n in enumerate(lengths))


@pytest.mark.parametrize(("lengths", "cut"), [
    # Joined with ", " these are exactly 160 characters: all are listed.
    ([14] * 9 + [16], False),
    # 161 characters: the last one is left out.
    ([14] * 9 + [17], True),
])
def test_allowed_values_are_listed_up_to_160_characters(lengths: list[int], cut: bool) -> None:
    allowed = _names(lengths)
    parameter = Parameter(name="p", variable="_p", kind="string", allowed=allowed)
    with pytest.raises(ParameterError) as error:
        parameter.to_term("0")
    listed = ", ".join(allowed[:-1]) + ", … (10 in totaal)" if cut else ", ".join(allowed)
    assert str(error.value) == f"parameter p: '0' is niet een van: {listed}"


@pytest.mark.parametrize(("lengths", "cut"), [([38, 40], False), ([38, 41], True)])
def test_other_names_are_listed_up_to_80_characters(lengths: list[int], cut: bool) -> None:
    aliases = tuple((name, "x") for name in _names(lengths))
    parameter = Parameter(name="p", variable="_p", kind="iri", allowed=("x",),
                          scheme="http://s.example", aliases=aliases)
    with pytest.raises(ParameterError) as error:
        parameter.to_term("0")
    names = [name for name, _ in aliases]
    listed = names[0] + ", … (2 in totaal)" if cut else ", ".join(names)
    assert str(error.value) == f"parameter p: '0' is niet een van: x; ook goed: {listed}"


@pytest.mark.parametrize(("names", "budget", "expected"), [
    (["jeugd", "wmo"], 10, "jeugd, wmo"),
    (["jeugd", "wmo"], 9, "jeugd, … (2 in totaal)"),
    (["jeugd", "wmo", "participatie"], 12, "jeugd, wmo, … (3 in totaal)"),
    (["een-heel-lange-naam"], 3, "een-heel-lange-naam"),  # at least one
    ([], 10, ""),
])
def test_listed(names: list[str], budget: int, expected: str) -> None:
    assert catalogue._listed(names, budget) == expected


def test_short_names() -> None:
    assert STANCE.short_name(ID + "standpunt/kritisch") == "kritisch"
    assert STANCE.short_name("POSITIEF") == "positief"
    assert STANCE.short_name(ID + "standpunt/boos") is None
    without_scheme = Parameter(name="wet", variable="_wet_iri", kind="iri",
                               allowed=("https://x.example/a", "a"))
    assert without_scheme.short_name("https://x.example/a") == "https://x.example/a"
    assert without_scheme.short_name("/a") is None  # no scheme: nothing is cut off
    assert without_scheme.to_term("a") == Term("iri", "a")


# --- Questions, parameters by name, the catalogue ----------------------------------------

def test_unknown_parameter_messages() -> None:
    question = catalogue.find_question("decentralisatie-uitkeringen-per-startjaar")
    with pytest.raises(ParameterError) as error:
        question.bindings({"xyz": "2020"})
    assert str(error.value) == ("vraag decentralisatie-uitkeringen-per-startjaar heeft geen "
                                "parameter 'xyz' (parameters: jaar, brief)")
    with pytest.raises(ParameterError) as error:
        question.bindings({"jaaar": "2020"})
    assert str(error.value) == ("vraag decentralisatie-uitkeringen-per-startjaar heeft geen "
                                "parameter 'jaaar' (bedoelde u 'jaar'? parameters: jaar, brief)")
    with pytest.raises(ParameterError) as error:
        catalogue.find_question("bcf-aandeel-per-jaar").bindings({"jaar": "2020"})
    assert str(error.value) == ("vraag bcf-aandeel-per-jaar heeft geen parameter 'jaar' "
                                "(parameters: -)")
    with pytest.raises(ParameterError) as error:
        catalogue.find_question("grootste-bedragen-voor-ontvanger").bindings({"xyz": "1"})
    assert str(error.value) == ("vraag grootste-bedragen-voor-ontvanger heeft geen parameter "
                                "'xyz' (parameters: ontvanger, minimum, brief)")


def test_a_required_parameter_without_a_value() -> None:
    question = catalogue.find_question("decentralisatie-uitkeringen-per-startjaar")
    (jaar,) = _own(question)
    bare = dataclasses.replace(question, parameters=(dataclasses.replace(jaar, default=None),
                                                     question.parameter("brief")))
    with pytest.raises(ParameterError) as error:
        bare.bindings({})
    assert str(error.value) == ("vraag decentralisatie-uitkeringen-per-startjaar: parameter "
                                "jaar (year) is verplicht")
    assert bare.bindings({"jaar": "2021"}) == {
        "_jaar_xsd_gYear": Term("literal", "2021", datatype=XSD + "gYear"),
        "_brief_iri": Term("iri", LEDENBRIEF)}
    assert question.bindings({}) == {
        "_jaar_xsd_gYear": Term("literal", "2020", datatype=XSD + "gYear"),
        "_brief_iri": Term("iri", LEDENBRIEF)}


@pytest.mark.parametrize(("pairs", "expected"), [
    ([], {}),
    ([("jaar", "2019"), ("thema", "jeugd")], {"jaar": "2019", "thema": "jeugd"}),
    ([("jaar", "")], {"jaar": ""}),
])
def test_single_values(pairs: list[tuple[str, str]], expected: dict[str, str]) -> None:
    assert catalogue.single_values(pairs) == expected


def test_a_value_given_twice() -> None:
    with pytest.raises(ParameterError) as error:
        catalogue.single_values([("jaar", "2019"), ("thema", "x"), ("jaar", "2020")])
    assert str(error.value) == ("parameter 'jaar' is meer dan eens gegeven ('2019', '2020'); "
                                "geef hem één keer")


@pytest.mark.parametrize(("name", "iri"), [
    ("http://x.example/a", "http://x.example/a"),
    ("https://x.example/a:b", "https://x.example/a:b"),
    ("skos:Concept", "http://www.w3.org/2004/02/skos/core#Concept"),
    ("def:a:b", "https://w3id.org/vngkb/def/a:b"),
    ("onbekend:x", ID + "onbekend:x"),
    ("thema", ID + "thema"),
])
def test_header_iris(name: str, iri: str) -> None:
    assert catalogue._iri_of(name) == iri


@pytest.mark.parametrize(("value", "limit", "expected"), [
    ("x" * 80, 80, "x" * 80), ("x" * 81, 80, "x" * 79 + "…"), ("abcd", 3, "ab…"),
])
def test_cut(value: str, limit: int, expected: str) -> None:
    assert catalogue._cut(value, limit) == expected


def test_cut_defaults_to_80() -> None:
    assert catalogue._cut("x" * 81) == "x" * 79 + "…"
    assert catalogue._cut("x" * 80) == "x" * 80


def test_allowed_values_from_the_data_reach_every_question() -> None:
    allowed = {ID + "thema": ("a", "b")}
    questions = catalogue.load_catalogue(allowed_values=allowed)
    (thema,) = _own(questions["maatregelen-per-thema"])
    assert thema.allowed == ("a", "b")
    assert catalogue.load_catalogue()["maatregelen-per-thema"].parameters[0].allowed != ("a", "b")


def test_scheme_members_query(backend: EmbeddedStore) -> None:
    text = catalogue.scheme_members_query()
    assert text == ("SELECT ?scheme ?concept WHERE { ?concept "
                    "<http://www.w3.org/2004/02/skos/core#inScheme> ?scheme } "
                    "ORDER BY ?scheme ?concept")
    rows = backend.select(text).values()
    assert [ID + "standpunt", ID + "standpunt/kritisch"] in rows


# --- with_members: allowed values and other names from the data ----------------------------

WET_CLASS = "https://w3id.org/vngkb/def/Wet"


def test_members_of_a_class_without_a_namespace() -> None:
    """Laws: allowed by their full IRI, also known by their label and the last part of
    their IRI."""
    question = catalogue.Question(name="q", path=Path("q.rq"), query="", summary="", parameters=(
        Parameter(name="minimum", variable="_minimum_xsd_decimal", kind="decimal"),
        Parameter(name="wet", variable="_wet_iri", kind="iri", member_class=WET_CLASS)))
    filled = catalogue.with_members(question, [
        (WET_CLASS, "https://wetten.overheid.nl/BWBR0001/", "Gemeentewet"),
        (WET_CLASS, ID + "wet/jeugdwet", None),
        (WET_CLASS, ID + "wet/jeugdwet", "jeugdwet"),
        (WET_CLASS, ID + "wet/WMOX", None),
        ("http://other.example/C", "http://other.example/x", "X")])
    minimum, wet = filled.parameters
    assert minimum == question.parameters[0]
    assert wet.allowed == ("https://w3id.org/vngkb/id/wet/WMOX",
                           "https://w3id.org/vngkb/id/wet/jeugdwet",
                           "https://wetten.overheid.nl/BWBR0001/")
    assert wet.aliases == (
        ("WMOX", "https://w3id.org/vngkb/id/wet/WMOX"),
        ("jeugdwet", "https://w3id.org/vngkb/id/wet/jeugdwet"),
        ("BWBR0001", "https://wetten.overheid.nl/BWBR0001/"),
        ("Gemeentewet", "https://wetten.overheid.nl/BWBR0001/"))
    assert wet.to_term("gemeentewet") == Term("iri", "https://wetten.overheid.nl/BWBR0001/")


def test_members_of_a_scheme_have_only_their_own_other_names() -> None:
    question = catalogue.Question(name="q", path=Path("q.rq"), query="", summary="", parameters=(
        STANCE, dataclasses.replace(STANCE, name="tekst", kind="string", allowed=()),
        dataclasses.replace(STANCE, name="ander", scheme=ID + "ander", allowed=("z",))))
    filled = catalogue.with_members(question, [
        (ID + "standpunt", ID + "standpunt/kritisch", "krit"),
        (ID + "standpunt", ID + "standpunt/neutraal", None),
        (ID + "standpunt", "http://elders.example/standpunt/x", None)])
    stance, text, other = filled.parameters
    assert stance.allowed == ("kritisch", "neutraal")
    assert stance.aliases == (("krit", "kritisch"),)
    assert text == question.parameters[1]  # not an IRI parameter: left alone
    assert other == question.parameters[2]  # no rows for its scheme: left alone


@pytest.mark.parametrize(("text", "names"), [
    ("SELECT ?x WHERE { ?x ?p ?o\n# ?_naam_nl\n}\n", []),  # a comment from the line's start
    ('SELECT ?x WHERE { ?x ?p "#" ; ?q ?_naam_nl }\n', ["naam"]),  # "#" in a string
    ("SELECT ?x WHERE { ?x ?p '#' ; ?q ?_naam_nl }\n", ["naam"]),
    ("SELECT ?x WHERE { ?x ?p ?_naam_nl } # ?_jaar_xsd_gYear\n", ["naam"]),
])
def test_parameters_outside_comments(tmp_path: Path, text: str, names: list[str]) -> None:
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    assert [p.name for p in catalogue.parse_question(path).parameters] == names


def test_a_parameter_name_may_start_with_an_x() -> None:
    assert catalogue._kind_of("_Xnaam") == ("Xnaam", "string", None)
    assert catalogue._kind_of("__Xjaar_xsd_gYear") == ("Xjaar", "year", None)


def test_an_unknown_type_suffix_names_the_variable() -> None:
    with pytest.raises(InputError) as error:
        catalogue._kind_of("_a_b_c")
    assert str(error.value) == "parameter variable ?_a_b_c: unsupported type suffix 'b_c'"


# --- The query for allowed values, and what the KB gives for it ----------------------------

SKOS = "http://www.w3.org/2004/02/skos/core#"
BRONDOCUMENT = "https://w3id.org/vngkb/def/Brondocument"
ALIASES = (f" OPTIONAL {{ ?member <{SKOS}notation>|<{SKOS}altLabel> ?alias }} }}"
           " ORDER BY ?group ?member ?alias")


@pytest.mark.parametrize(("name", "parts"), [
    ("maatregelen-per-thema",
     f"{{ VALUES ?group {{ <{ID}thema> }} ?member <{SKOS}inScheme> ?group }} UNION "
     f"{{ VALUES ?group {{ <{BRONDOCUMENT}> }} ?member a ?group }}"),
    ("bedragen-per-ministerie",
     "{ VALUES ?group { <https://identifier.overheid.nl/tooi/def/ont/Ministerie> "
     f"<{BRONDOCUMENT}> }} ?member a ?group }}"),
    ("maatregelen-per-wet",
     f"{{ VALUES ?group {{ <{BRONDOCUMENT}> <{WET_CLASS}> }} ?member a ?group }} UNION "
     f"{{ VALUES ?group {{ <{WET_CLASS}> }} ?member a ?group ; "
     "<http://www.w3.org/2000/01/rdf-schema#label> ?alias }"),
])
def test_members_query_text(name: str, parts: str) -> None:
    assert catalogue.members_query(catalogue.find_question(name)) == (
        "SELECT ?group ?member ?alias WHERE { " + parts + ALIASES)


def test_members_query_of_several_schemes_and_classes() -> None:
    question = catalogue.Question(name="q", path=Path("q.rq"), query="", summary="", parameters=(
        STANCE, dataclasses.replace(STANCE, name="thema", scheme=ID + "thema"),
        Parameter(name="wet", variable="_wet_iri", kind="iri", member_class=WET_CLASS),
        Parameter(name="m", variable="_m_iri", kind="iri", member_class="http://x.example/M"),
        Parameter(name="tekst", variable="_tekst", kind="string", member_class="http://x/N")))
    assert catalogue.members_query(question) == (
        "SELECT ?group ?member ?alias WHERE { "
        f"{{ VALUES ?group {{ <{ID}standpunt> <{ID}thema> }} ?member <{SKOS}inScheme> ?group }}"
        f" UNION {{ VALUES ?group {{ <http://x.example/M> <{WET_CLASS}> }} ?member a ?group }}"
        f" UNION {{ VALUES ?group {{ <http://x.example/M> <{WET_CLASS}> }} ?member a ?group ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?alias }" + ALIASES)


def test_allowed_values_from_the_kb(backend: EmbeddedStore) -> None:
    stance = catalogue.with_allowed_values(catalogue.find_question("maatregelen-per-standpunt"),
                                           backend)
    (parameter,) = _own(stance)
    assert parameter.allowed == ("afwachtend", "bezorgd", "gemengd", "kritisch", "neutraal",
                                 "positief")
    assert parameter.aliases == ()
    laws = catalogue.with_allowed_values(catalogue.find_question("maatregelen-per-wet"),
                                         backend)
    (parameter,) = _own(laws)
    assert len(parameter.allowed) == 37
    assert parameter.allowed[:2] == (ID + "wet/aanvullingswet-bodem",
                                     ID + "wet/aanvullingswet-geluid")
    assert parameter.aliases[:4] == (
        ("Aanvullingswet bodem", ID + "wet/aanvullingswet-bodem"),
        ("aanvullingswet-bodem", ID + "wet/aanvullingswet-bodem"),
        ("Aanvullingswet geluid", ID + "wet/aanvullingswet-geluid"),
        ("aanvullingswet-geluid", ID + "wet/aanvullingswet-geluid"))
    question = catalogue.find_question("bcf-aandeel-per-jaar")
    assert catalogue.with_allowed_values(question, backend) is question


# --- Every key of a header, read into its place ------------------------------------------

FULL_HEADER = Path(__file__).parent / "data" / "vragen" / "volledige-kop.rq"


def test_every_header_key_lands_in_its_place() -> None:
    # Read by hand from tests/data/vragen/volledige-kop.rq: "#+" lines with and without a
    # space after the "+", a plain comment and a blank line inside the header, a
    # repeated variable, and a "#+" line after the query that is not part of the header.
    question = catalogue.parse_question(FULL_HEADER)
    thema = "https://w3id.org/vngkb/id/thema"
    assert question == catalogue.Question(
        name="volledige-kop", path=FULL_HEADER, query=FULL_HEADER.read_text(encoding="utf-8"),
        summary="Een vraag met elke sleutel van de kop",
        description="Elke sleutel van de kop, om te zien dat elke waarde op haar plaats komt.",
        tags=("a", "b"),
        parameters=(
            Parameter(name="jaar", variable="_jaar_xsd_gYear", kind="year", default="2020",
                      description="Het jaar.", minimum=Decimal(2019), maximum=Decimal(2024)),
            Parameter(name="tekst", variable="__tekst", kind="string", optional=True,
                      max_length=12),
            Parameter(name="thema", variable="_thema_iri", kind="iri", scheme=thema,
                      allowed=("jeugd", "wmo")),
            # a listed value is shortened by its scheme's prefix only when there is one
            Parameter(name="pad", variable="_pad", kind="string", allowed=("/a", "b"))),
        examples=("Welke jaren?", "Welke thema's?"),
        labels={"m": {"nl": "maatregel"}, "j": {"nl": "jaar", "en": "year"}})


def test_a_header_without_optional_keys(tmp_path: Path) -> None:
    path = tmp_path / "kaal.rq"
    path.write_text("SELECT ?a WHERE { ?a ?b ?c }\n", encoding="utf-8")
    question = catalogue.parse_question(path)
    assert (question.summary, question.description, question.tags, question.parameters,
            question.examples, dict(question.labels)) == ("", "", (), (), (), {})


@pytest.mark.parametrize(("header", "message"), [
    ("#+ examples: een zin\n", "'#+ examples:' must be a list of phrasings (strings)"),
    ("#+ examples: [een, 2]\n", "'#+ examples:' must be a list of phrasings (strings)"),
])
def test_bad_examples_are_exact_errors(tmp_path: Path, header: str,
                                                   message: str) -> None:
    assert _parse_error(tmp_path, header) == f"{tmp_path / 'q.rq'}: {message}"


def test_a_header_is_read_without_libyaml_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # PyYAML built without libyaml has no CSafeLoader: its pure-Python loader reads the
    # same header.
    import yaml

    monkeypatch.setenv("VNGKB_CACHE_DIR", "")  # no cache: the header is parsed
    with_libyaml = catalogue.parse_question(FULL_HEADER)
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    assert not hasattr(yaml, "CSafeLoader")
    assert catalogue.parse_question(FULL_HEADER) == with_libyaml


def test_parameters_follow_the_header_not_the_text() -> None:
    # tests/data/vragen/volgorde-van-de-kop.rq: the text names brief, los, thema, ook,
    # jaar; the header declares jaar, brief, thema. Declared ones come in the header's
    # order, the undeclared after them in the text's order.
    question = catalogue.parse_question(
        Path(__file__).parent / "data" / "vragen" / "volgorde-van-de-kop.rq")
    assert [p.name for p in question.parameters] == ["jaar", "brief", "thema", "los", "ook"]


@pytest.mark.parametrize(("name", "expected"), [
    # Texts that now open with the letter; the headers declare the letter last.
    ("decentralisatie-uitkeringen-per-startjaar", ["jaar", "brief"]),
    ("wetsvoorstellen-per-jaar", ["jaar", "brief"]),
    ("grootste-bedragen-voor-ontvanger", ["ontvanger", "minimum", "brief"]),
    ("vindplaats-van-bedrag", ["waarde", "brief"]),
    # A text that named the letter first already; its header declares it last.
    ("zoek-in-teksten", ["zoekterm", "brief"]),
    ("wetten", ["brief"]),
])
def test_shipped_parameters_keep_the_header_order(name: str, expected: list[str]) -> None:
    question = catalogue.find_question(name)
    assert [p.name for p in question.parameters] == expected


#: The letter's pattern; a question across letters may open with its earlier letter.
_LETTER_PATTERN = re.compile(r"  \?\w+ dct:source \?_(brief|eerder)_iri \.")


def test_the_letter_opens_the_outer_group() -> None:
    # The embedded engine joins a group's patterns in the order written: a question
    # whose outer group names the letter names it first (comments aside), or it reads
    # every letter's rows before it keeps one letter's (benchmarks/README.md, "The letter first").
    checked = 0
    for path in catalogue.question_files():
        lines = path.read_text(encoding="utf-8").splitlines()
        if not any(_LETTER_PATTERN.fullmatch(line) for line in lines):
            continue  # the letter only in nested groups, or not a parameter
        where = lines.index("WHERE {")
        body = [line for line in lines[where + 1:] if not line.lstrip().startswith("#")]
        assert _LETTER_PATTERN.fullmatch(body[0]), path.name
        checked += 1
    # Every question that takes the letter (totalen-per-thema too): 38 about one letter,
    # and the questions across letters that open with one of their letters.
    assert checked == 38 + sum(catalogue.find_question(path.stem).compares_letters
                               and _LETTER_PATTERN.search(path.read_text(encoding="utf-8"))
                               is not None for path in catalogue.question_files())
