"""Parameters are typed, checked and bound as RDF terms; hostile values never become
query syntax."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from vngkb import catalogue
from vngkb.catalogue import Parameter
from vngkb.errors import InputError, ParameterError, UnknownQuestionError
from vngkb.namespaces import XSD
from vngkb.terms import Term

HOSTILE = [
    '2020" } ; DROP ALL ; #',
    "\"'\\",
    "} UNION { ?s ?p ?o }",
    "> } ; INSERT DATA { <a> <b> <c> }",
    "line\nbreak\r\n",
    "x" * 10_000,
]


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
    ("iri", "https://w3id.org/vngkb/id/maatregel/jeugd",
     Term("iri", "https://w3id.org/vngkb/id/maatregel/jeugd")),
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
    assert [(p.name, p.kind, p.default) for p in question.parameters] == [("jaar", "year", "2020")]
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

ID = "https://w3id.org/vngkb/id/"
TOOI = "https://identifier.overheid.nl/tooi/id/ministerie"


def test_enumerate_lists_full_iris_and_gives_short_names() -> None:
    question = catalogue.find_question("maatregelen-per-effecttype")
    (parameter,) = question.parameters
    assert parameter.scheme == ID + "effecttype"
    assert "nieuwe-taak" in parameter.allowed
    assert parameter.to_term("nieuwe-taak") == Term("iri", ID + "effecttype/nieuwe-taak")
    assert parameter.to_term(ID + "effecttype/kansen") == Term("iri", ID + "effecttype/kansen")
    assert parameter.to_term("Nieuwe-Taak").value == ID + "effecttype/nieuwe-taak"
    with pytest.raises(ParameterError, match=r"'boos' is niet een van: bekostiging, "):
        parameter.to_term("boos")


def test_class_parameter_with_namespace_and_aliases() -> None:
    question = catalogue.find_question("bedragen-per-ministerie")
    (parameter,) = question.parameters
    assert parameter.member_class == "https://identifier.overheid.nl/tooi/def/ont/Ministerie"
    assert parameter.scheme == TOOI
    assert len(parameter.allowed) == 12
    with_vws = catalogue.with_members(question, [
        (parameter.member_class, f"{TOOI}/mnre1025", "VWS"),
        (parameter.member_class, f"{TOOI}/mnre1090", None),
        (parameter.member_class, "https://elsewhere.example/mnre1", "X")])
    (parameter,) = with_vws.parameters
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
    assert catalogue.members_query(catalogue.find_question("hoofdstukken")) is None


def test_enumerate_from_the_data_and_optional_parameter() -> None:
    (parameter,) = catalogue.find_question("vindplaats-van-maatregel").parameters
    assert parameter.enumerated_from_kb and parameter.allowed == ()
    assert parameter.member_class == "https://w3id.org/vngkb/def/Maatregel"
    (optional,) = catalogue.find_question("accres-controle").parameters
    assert optional.optional and optional.default is None
    assert catalogue.find_question("accres-controle").bindings({}) == {}


def test_integer_range_and_enumerated_literals() -> None:
    (hoofdstuk,) = catalogue.find_question("bedragen-per-hoofdstuk").parameters
    assert hoofdstuk.to_term("10") == Term("literal", "10", datatype=XSD + "integer")
    with pytest.raises(ParameterError, match="'11' is niet een van: 1, 2, 3"):
        hoofdstuk.to_term("11")
    bare = Parameter(name="n", variable="_n_integer", kind="integer",
                     minimum=Decimal(1), maximum=Decimal(10))
    with pytest.raises(ParameterError, match="'0' ligt niet tussen 1 en 10"):
        bare.to_term("0")
    (soort,) = catalogue.find_question("structurele-en-incidentele-bedragen").parameters
    assert soort.to_term("incidenteel") == Term("literal", "incidenteel")
    with pytest.raises(ParameterError,
                       match="'tijdelijk' is niet een van: structureel, incidenteel"):
        soort.to_term("tijdelijk")
    (jaar,) = catalogue.find_question("accres-per-jaar").parameters
    with pytest.raises(ParameterError, match="'2030' is niet een van: 2019, 2020"):
        jaar.to_term("2030")


@pytest.mark.parametrize(("raw", "lexical"), [
    ("100000000", "100000000"), ("1e8", "100000000"), ("2,5", "2.5"), ("-218.3e6", "-218300000"),
    (" 0.5 ", "0.5"),
])
def test_decimals(raw: str, lexical: str) -> None:
    (minimum,) = catalogue.find_question("vindplaats-van-bedrag").parameters
    assert minimum.to_term(raw) == Term("literal", lexical, datatype=XSD + "decimal")


@pytest.mark.parametrize("raw", ["1e999", "1_000", "0x10", "Infinity", "1.2.3", ""])
def test_bad_decimals(raw: str) -> None:
    (minimum,) = catalogue.find_question("bedragen-vanaf").parameters
    with pytest.raises(ParameterError):
        minimum.to_term(raw)


def test_minimum_of_a_decimal() -> None:
    (minimum,) = catalogue.find_question("bedragen-vanaf").parameters
    with pytest.raises(ParameterError, match="'-5' ligt niet op of boven 0"):
        minimum.to_term("-5")


def test_string_length_and_emptiness() -> None:
    (zoekterm,) = catalogue.find_question("zoek-in-teksten").parameters
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


@pytest.mark.parametrize("columns", [
    "#+ columns: [a, b]",
    "#+ columns:\n#+   a: {fr: x}",
    "#+ columns:\n#+   a: {nl: ''}",
    "#+ columns:\n#+   a: 5",
])
def test_bad_column_labels_name_the_file(tmp_path: Path, columns: str) -> None:
    path = tmp_path / "q.rq"
    path.write_text(f"#+ summary: s\n{columns}\nSELECT ?a WHERE {{ ?a ?b ?c }}\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"q\.rq: '#\+ columns:'"):
        catalogue.parse_question(path)


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
    entry.write_text('{"summary": "uit de cache"}', encoding="utf-8")
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
    entry.write_bytes(damage)
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
