"""Both backends give the same answers, and a bound value can never become syntax."""

from __future__ import annotations

import json
import re
import threading

import pytest

from tests.hostile.inputs import HOSTILE
from tests.scripted import ScriptedServer
from vngkb.core.errors import EndpointError, ParameterError, QueryError
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.query import catalogue, store
from vngkb.query.catalogue import with_allowed_values
from vngkb.query.store import (
    EmbeddedStore,
    RemoteEndpoint,
    bind_as_values,
    groups,
    outer_group_start,
)
from vngkb.rdf.namespaces import PREFIXES, XSD
from vngkb.rdf.terms import Term


def test_values_block_goes_inside_the_outer_group() -> None:
    query = 'PREFIX x: <http://x/{a}> # a { in a comment\nSELECT ?s WHERE { ?s ?p "{" }'
    bound = bind_as_values(query, {"p": Term("iri", "http://x/p")})
    assert bound == ('PREFIX x: <http://x/{a}> # a { in a comment\nSELECT ?s WHERE { '
                     'VALUES ?p { <http://x/p> }\n ?s ?p "{" }')


def test_query_without_group_is_an_error() -> None:
    with pytest.raises(QueryError):
        outer_group_start("ASK")


@pytest.mark.parametrize("raw", [h for h in HOSTILE if len(h) <= catalogue.MAX_STRING_LENGTH])
def test_hostile_literal_is_one_term(backend: EmbeddedStore, raw: str) -> None:
    """A hostile string is bound as one literal: the query still parses, the variable is
    bound to exactly that string, and nothing else changes."""
    query = "SELECT ?x WHERE { BIND(STR(?_x_nl) AS ?x) }"
    table = backend.select(query, {"_x_nl": Term("literal", raw, lang="nl")})
    assert table.columns == ["x"]
    assert table.values() == [[raw]]


def _hostile_value_for(parameter: catalogue.Parameter, raw: str) -> str:
    return raw if parameter.kind != "iri" else "https://w3id.org/vngkb/id/x" + raw


#: Every (question, parameter) of the catalogue.
PARAMETERS = sorted((q.name, p.name) for q in catalogue.load_catalogue().values()
                    for p in q.parameters)
#: Index in HOSTILE of the one value that is only too long (10,000 times "x").
LONG = 5


def _is_bound(parameter: catalogue.Parameter, index: int) -> bool:
    """Whether HOSTILE[index] is accepted for *parameter*, by the documented rules: a
    number, year or date must look like one (none of them does); an IRI must be an http(s) IRI
    without spaces, quotes or brackets, and one of the listed members when the header
    lists them; a string at most 200 characters and one of the listed values if listed."""
    if parameter.kind in ("year", "integer", "decimal", "date"):
        return False
    if parameter.allowed:
        return False
    if parameter.kind == "iri":
        return index == LONG
    return index != LONG


def _without_braces(text: str) -> str:
    return "".join(text.replace("{", "").replace("}", "").split())


def test_every_parameter_is_tried() -> None:
    # 39 (the four totalen-* questions take an optional jaar, two of them the ontvanger
    # too), and the letter (brief) of 41 questions about one letter; and the parameters of
    # the questions across letters.
    across = {name for name, q in catalogue.load_catalogue().items() if q.compares_letters}
    assert len([n for n, _ in PARAMETERS if n not in across]) == 39 + 41
    assert len([n for n, _ in PARAMETERS if n in across]) == sum(
        len(catalogue.find_question(name).parameters) for name in across)
    assert len(HOSTILE) == 6 and HOSTILE[LONG] == "x" * 10_000


@pytest.mark.parametrize(("name", "parameter_name"), PARAMETERS)
@pytest.mark.parametrize("index", range(len(HOSTILE)))
def test_every_question_rejects_or_neutralises_hostile_values(
        backend: EmbeddedStore, name: str, parameter_name: str, index: int) -> None:
    question = catalogue.find_question(name)
    parameter = question.parameter(parameter_name)
    value = _hostile_value_for(parameter, HOSTILE[index])
    if not _is_bound(parameter, index):
        with pytest.raises(ParameterError, match=f"parameter {parameter.name}:"):
            question.bindings({parameter.name: value})
        return
    bound = question.bindings({parameter.name: value})[parameter.variable]
    assert bound.value == (value if parameter.kind == "string" else value.strip())
    # The query text is the original plus one VALUES block holding this one term.
    text = bind_as_values(question.query, {parameter.variable: bound})
    at = outer_group_start(question.query)
    assert text[:at] == question.query[:at]
    assert text.endswith(question.query[at:])
    assert text[at:len(text) - len(question.query) + at].strip() == (
        f"VALUES ?{parameter.variable} {{ {bound.n3()} }}")
    # The embedded store's form adds the same block in nested groups, and braces around a
    # group that is one sub-select: nothing else.
    nested = bind_as_values(question.query, {parameter.variable: bound}, nested=True)
    block = f" VALUES (?{parameter.variable}) {{ ({bound.n3()}) }}\n"
    assert nested.count(block) >= 1
    assert _without_braces(nested.replace(block, "")) == _without_braces(question.query)
    # And it runs: a value that matches nothing yields no rows.
    assert backend.select(question.query, {parameter.variable: bound}).rows == []


@pytest.mark.parametrize("name", sorted(catalogue.load_catalogue()))
def test_remote_endpoint_gives_the_same_answer(request: pytest.FixtureRequest,
                                               name: str) -> None:
    # A question across letters is asked of a KB of two letters, on both sides.
    across = catalogue.find_question(name).compares_letters
    backend: EmbeddedStore = request.getfixturevalue("two_letters" if across else "backend")
    oxigraph_endpoint: str = request.getfixturevalue(
        "oxigraph_two_letters_endpoint" if across else "oxigraph_endpoint")
    question = with_allowed_values(catalogue.find_question(name), backend)
    bindings = question.bindings({})
    local = backend.select(question.query, bindings)
    remote = RemoteEndpoint(oxigraph_endpoint).select(question.query, bindings)
    assert remote.columns == local.columns
    assert remote.values() == local.values()
    assert local.rows, f"{name} has no answer with its defaults"


def test_unreachable_endpoint_is_one_clear_error() -> None:
    endpoint = RemoteEndpoint("http://127.0.0.1:9/sparql", timeout=2)
    with pytest.raises(EndpointError,
                       match=r"kan http://127\.0\.0\.1:9/sparql niet bereiken"):
        endpoint.select("ASK {}")


def test_malformed_query_is_a_query_error(backend: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match="SPARQL-syntaxfout op regel 1, kolom 25"):
        backend.select("SELECT * WHERE { ?s ?p }")


@pytest.mark.parametrize(("query", "line", "column"), [
    ("SELECT * WHERE { ?s ?p ?o } LIMIT x", "  1 | SELECT * WHERE { ?s ?p ?o } LIMIT x", 35),
    ("SELECT *\nWHERE {\n  ?s ?p ?o }\nLIMT 5", "  4 | LIMT 5", 7),
    # Past the end of the input: the caret goes after the last line with text.
    ("SELECT * WHERE { ?s ?p ?o \n\n", "  1 | SELECT * WHERE { ?s ?p ?o", 27),
])
def test_syntax_error_shows_the_line_with_a_caret(backend: EmbeddedStore, query: str,
                                                  line: str, column: int) -> None:
    with pytest.raises(QueryError) as error:
        backend.select(query)
    assert "\n" not in str(error.value)  # the message is one line; the caret is a display
    head, shown, caret = error.value.display.split("\n")  # type: ignore[attr-defined]
    assert head.startswith("SPARQL-syntaxfout op regel ") and f", kolom {column}: " in head
    assert shown == line
    assert caret == " " * (len("  1 | ") + column - 1) + "^"
    assert "..=" not in head and len(head) < 300  # no lists of character ranges



@pytest.mark.parametrize(("query", "reason"), [
    # the engine's own words after vngkb's prefix
    ("SELECT (<urn:f>(1) AS ?x) WHERE {}", r"[Cc]ustom function <urn:f> is not supported"),
    ("SELECT * WHERE { SERVICE ?x { ?s ?p ?o } }", r"service name is unbound"),
])
def test_an_evaluation_error_gives_the_engines_reason(backend: EmbeddedStore, query: str,
                                                       reason: str) -> None:
    with pytest.raises(QueryError) as error:
        backend.select(query)
    assert re.fullmatch(r"query mislukt: [^\n]*" + reason, str(error.value))

def test_remote_syntax_error_passes_the_endpoints_message_on(oxigraph_endpoint: str) -> None:
    with pytest.raises(QueryError) as error:
        RemoteEndpoint(oxigraph_endpoint).select("SELECT * WHERE { ?s ?p }")
    message = str(error.value)
    assert message.startswith(f"endpoint {oxigraph_endpoint} weigerde de query: ")
    reason = message.split(": ", 1)[1]
    assert re.search(r"error at \d+:25", reason) and "QueryBadFormed" not in reason
    assert len(reason) <= 200 and "\n" not in message


def test_missing_endpoint_is_an_endpoint_error(oxigraph_endpoint: str) -> None:
    missing = oxigraph_endpoint.replace("/query", "/nergens")
    with pytest.raises(EndpointError, match=r"niet gevonden \(HTTP 404\)") as error:
        RemoteEndpoint(missing).select("ASK {}")
    assert error.value.exit_code == 3


CONSTRUCT = ("CONSTRUCT { ?m dct:title ?t } WHERE { ?m def:hoofdstuk ?h ; dct:title ?t . "
             "?h def:nummer 1 }")


def test_construct_gives_sorted_ntriples(backend: EmbeddedStore) -> None:
    table = backend.select(CONSTRUCT)
    assert table.triples is not None
    lines = table.triples.splitlines()
    assert lines == sorted(lines)
    assert lines == [
        '<https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/gebundelde-uitkering> '
        '<http://purl.org/dc/terms/title> "Gebundelde uitkering"@nl .',
        '<https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/investeringsfonds> '
        '<http://purl.org/dc/terms/title> "Investeringsfonds"@nl .',
        f'<https://w3id.org/vngkb/id/maatregel/{LB}/specifieke-uitkering-stimulering-sport> '
        '<http://purl.org/dc/terms/title> "Specifieke uitkering Stimulering Sport"@nl .']


def test_remote_construct_is_the_same_graph(backend: EmbeddedStore,
                                            oxigraph_endpoint: str) -> None:
    remote = RemoteEndpoint(oxigraph_endpoint).select(CONSTRUCT)
    assert remote.triples == backend.select(CONSTRUCT).triples


@pytest.mark.parametrize(("status", "body", "message"), [
    (503, b"<html><h1>503</h1><p>Onderhoud tot 14:00</p></html>",
     "antwoordt met HTTP 503: Onderhoud tot 14:00"),
    (403, b"", "antwoordt met HTTP 403: Forbidden"),
    (500, b"Error\n\nQuery evaluation failed: " + b"x" * 1000,
     "weigerde de query: Query evaluation failed: xxx"),
])
def test_an_endpoints_own_error_message_is_passed_on(status: int, body: bytes,
                                                     message: str) -> None:
    with _Scripted(status, "text/html", body) as server, \
            pytest.raises((EndpointError, QueryError)) as error:
        RemoteEndpoint(server.url, timeout=5).select("ASK {}")
    text = str(error.value)
    assert message in text
    assert "\n" not in text and len(text) < 300
    assert error.value.exit_code == (2 if status == 500 else 3)


# --- String literals, comments and IRIs before the outer group ---------------------------

@pytest.mark.parametrize(("text", "end"), [
    ('"abc" {', 5),
    ("'abc' {", 5),
    ('"" {', 2),
    ("'' {", 2),
    ('"it\'s" {', 6),  # the other quote does not end it
    ('"a\\"b" {', 6),  # an escaped quote does not end it
    ('"a\\\\" {', 5),  # an escaped backslash does not escape the quote after it
    ('"a\\n{" {', 6),
    ('"""a"b""" {', 9),
    ("'''a'b''' {", 9),
    ('"""""" {', 6),  # empty long string
    ("'''''' {", 6),
    ('"""a""b""" {', 10),  # two quotes do not end a long string
    ('"""a\\"""" {', 9),  # an escaped quote inside, then the closing three
    ('"""a\\""" b""" {', 13),  # escaped closing quotes, the string goes on
    ('"""{"{\'\'\'x""" {', 13),
    ('"""never closed {', 17),  # to the end of the text
    ('"never closed {', 16),  # one past the end: no group can follow
    ('"ends in a backslash\\', 23),  # the escape reaches past the end
    ('"""a""" + """b""" {', 7),  # the first closing quotes, not the last
    ('"""a\\""" b""" x """c""" {', 13),
    ('"""a\\b', 6),  # never closed, a backslash before the last character
])
def test_skip_string(text: str, end: int) -> None:
    assert store._skip_string(text, 0) == end


def test_skip_string_from_the_middle() -> None:
    text = 'x "a" "b" y'
    assert store._skip_string(text, 2) == 5
    assert store._skip_string(text, 6) == 9


@pytest.mark.parametrize(("query", "rest"), [
    ("SELECT * WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
    ("SELECT * {?s ?p ?o}", "?s ?p ?o}"),
    ('SELECT ("{" AS ?x) WHERE { ?s ?p ?o }', " ?s ?p ?o }"),
    ("SELECT ('{' AS ?x) WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
    ('SELECT ("""{ " {""" AS ?x) WHERE { ?s ?p ?o }', " ?s ?p ?o }"),
    ("SELECT ('''{ ' {''' AS ?x) WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
    ('SELECT ("\\"{" AS ?x) WHERE { ?s ?p ?o }', " ?s ?p ?o }"),
    ("# { comment\nSELECT * WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
    ("#{\n#{\nSELECT * WHERE { ?o }", " ?o }"),
    ("# a comment with a \" quote\nASK { ?o }", " ?o }"),
    ("PREFIX x: <http://x/{}#> SELECT * WHERE { ?o }", " ?o }"),
    ("BASE <http://x/{> ASK { ?o }", " ?o }"),
    ("PREFIX x: <http://x/\"> ASK { ?o }", " ?o }"),  # a quote inside an IRI
    ("PREFIX x: <http://x/#> ASK { ?o }", " ?o }"),  # a hash inside an IRI
    # "<" as less-than: a space before the next ">" shows it is no IRI.
    ("SELECT (1 < 2 AS ?x) WHERE { ?s ?p \"x>\" }", " ?s ?p \"x>\" }"),
    # "<" with no ">" anywhere after it.
    ("SELECT (1 <2 AS ?x) WHERE { ?s ?p ?o }", " ?s ?p ?o }"),
    ("SELECT (2<1 AS ?x) WHERE { ?o }", " ?o }"),
    # A brace right after the "{" ... no IRI starts at the brace itself.
    ("ASK {<http://x/a> ?p ?o}", "<http://x/a> ?p ?o}"),
    # "<" without a ">" after it, though one comes before it, and no spaces.
    ("PREFIX a:<http://a/>SELECT(1<2)WHERE{?s?p?o}", "?s?p?o}"),
    # "<" as less-than with an IRI before it and a ">" in a string after it.
    ('PREFIX a: <http://a/> SELECT (1 < 2 AS ?x) WHERE { ?s ?p "x>" }', ' ?s ?p "x>" }'),
    # An IRI with a brace, and a ">" later on.
    ('PREFIX a: <http://a/{> ASK { ?s ?p "x>" }', ' ?s ?p "x>" }'),
    # The group right after an IRI.
    ("SELECT * FROM <http://x/g>{?s ?p ?o}", "?s ?p ?o}"),
])
def test_outer_group_start(query: str, rest: str) -> None:
    assert query[outer_group_start(query):] == rest


@pytest.mark.parametrize("query", [
    "ASK",
    "",
    "# { only a comment",
    'SELECT ("{" AS ?x)',
    "SELECT ('{ ' AS ?x)",
    'SELECT ("""{""" AS ?x)',
    '"never closed {',
    '"""never closed {',
    "PREFIX x: <http://x/{>",
])
def test_no_outer_group_is_a_query_error(query: str) -> None:
    with pytest.raises(QueryError, match=r"^query has no WHERE group to bind parameters in$"):
        outer_group_start(query)


def test_bind_without_bindings_leaves_the_query_alone() -> None:
    assert bind_as_values("ASK", {}) == "ASK"  # no group needed when nothing is bound
    assert bind_as_values("ASK { ?s ?p ?o }", {}) == "ASK { ?s ?p ?o }"


def test_bind_several_variables_in_their_order() -> None:
    bound = bind_as_values("SELECT * WHERE { ?a ?b ?c }", {
        "c": Term("literal", "2020", datatype="http://www.w3.org/2001/XMLSchema#gYear"),
        "a": Term("iri", "http://x/a"),
        "b": Term("literal", "x'y\"z{}", lang="nl")})
    assert bound == ('SELECT * WHERE { '
                     'VALUES ?c { "2020"^^<http://www.w3.org/2001/XMLSchema#gYear> } '
                     'VALUES ?a { <http://x/a> } VALUES ?b { "x\'y\\"z{}"@nl }\n ?a ?b ?c }')
    # The embedded store's form: one block, the variables in their order.
    nested = bind_as_values("SELECT * WHERE { ?a ?b ?c }", {
        "c": Term("literal", "2020", datatype="http://www.w3.org/2001/XMLSchema#gYear"),
        "a": Term("iri", "http://x/a")}, nested=True)
    assert nested == ('SELECT * WHERE { VALUES (?c ?a) { '
                      '("2020"^^<http://www.w3.org/2001/XMLSchema#gYear> <http://x/a>) }\n'
                      ' ?a ?b ?c }')


@pytest.mark.parametrize(("raw", "expected"), [
    ('"', '"\\""'), ("'", "\"'\""), ("\\", '"\\\\"'), ("}", '"}"'), ("\n\r\t", '"\\n\\r\\t"'),
    ("\x00\x1f", '"\\u0000\\u001F"'), ("é€", '"é€"'), ("٢٠٢٠", '"٢٠٢٠"'),
    ('""" } #', '"\\"\\"\\" } #"'), ("'''", "\"'''\""),
])
def test_bound_literal_text(raw: str, expected: str) -> None:
    bound = bind_as_values("ASK { ?s ?p ?x }", {"x": Term("literal", raw)})
    assert bound == "ASK { VALUES ?x { " + expected + " }\n ?s ?p ?x }"


@pytest.mark.parametrize("raw", ['"', "'", "\\", "}", "\n\r\t", "\x00\x1f", "é€", '""" } #',
                                 "'''", "{" * 50, "x" * 5000])
def test_bound_literal_comes_back_exactly(backend: EmbeddedStore, raw: str) -> None:
    query = "SELECT ?x ?n WHERE { BIND(STRLEN(?v) AS ?n) BIND(?v AS ?x) }"
    table = backend.select(query, {"v": Term("literal", raw)})
    assert table.values() == [[raw, len(raw)]]


@pytest.mark.parametrize("query", [
    'SELECT ?x WHERE { BIND(?v AS ?x) }',
    "PREFIX x: <http://x/a#> # { \nSELECT ?x WHERE { BIND(?v AS ?x) }",
    'SELECT ?x ("{" AS ?y) WHERE { BIND(?v AS ?x) }',
    "SELECT ?x ('''{''' AS ?y) WHERE { BIND(?v AS ?x) }",
])
def test_the_bound_value_is_seen_by_the_query(backend: EmbeddedStore, query: str) -> None:
    table = backend.select(query, {"v": Term("literal", "7", datatype=XSD + "integer")})
    assert table.values()[0][0] == 7
    assert len(table.rows) == 1


# --- Results of the embedded store ----------------------------------------------------

def test_unbound_cells_are_none(backend: EmbeddedStore) -> None:
    table = backend.select("SELECT ?a ?b WHERE { VALUES ?a { 1 2 } } ORDER BY ?a")
    assert table.columns == ["a", "b"]
    assert table.rows == [[Term("literal", "1", datatype=XSD + "integer"), None],
                          [Term("literal", "2", datatype=XSD + "integer"), None]]
    assert table.values() == [[1, None], [2, None]]
    assert table.records() == [{"a": 1, "b": None}, {"a": 2, "b": None}]
    assert table.boolean is None and table.triples is None


@pytest.mark.parametrize(("query", "answer"), [("ASK { }", True),
                                                ("ASK { FILTER(false) }", False)])
def test_ask(backend: EmbeddedStore, query: str, answer: bool) -> None:
    table = backend.select(query)
    assert table.boolean is answer
    assert table.columns == [] and table.rows == [] and table.triples is None


def test_describe_gives_sorted_ntriples(backend: EmbeddedStore) -> None:
    table = backend.select("DESCRIBE <https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/investeringsfonds>")
    assert table.triples is not None and table.columns == [] and table.boolean is None
    lines = table.triples.splitlines(keepends=True)
    assert lines == sorted(lines) and all(line.endswith(" .\n") for line in lines)
    assert ('<https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/investeringsfonds> '
            '<http://purl.org/dc/terms/title> "Investeringsfonds"@nl .\n') in lines


def test_records_need_as_many_cells_as_columns() -> None:
    table = store.ResultTable(columns=["a", "b"], rows=[[Term("literal", "x")]])
    with pytest.raises(ValueError):
        table.records()


def test_an_evaluation_error_is_one_line(backend: EmbeddedStore) -> None:
    with pytest.raises(QueryError) as error:
        backend.select("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    message = str(error.value)
    assert message.startswith("query mislukt: ")
    assert "\n" not in message and len(message) <= 200


@pytest.mark.parametrize(("message", "expected"), [
    ("a\n b\t\tc  ", "a b c"),
    ("x" * 200, "x" * 200),
    ("x" * 201, "x" * 199 + "…"),
    ("x" * 199 + "\n", "x" * 199),
    ("", ""),
])
def test_one_line(message: str, expected: str) -> None:
    assert store._one_line(message) == expected


def test_one_line_with_a_limit() -> None:
    assert store._one_line("abcdef", limit=4) == "abc…"
    assert store._one_line("abcd", limit=4) == "abcd"


def test_prefix_block_declares_every_prefix() -> None:
    lines = store.prefix_block().splitlines(keepends=True)
    assert len(lines) == len(PREFIXES)
    assert f"PREFIX xsd: <{XSD}>\n" in lines
    assert all(line.startswith("PREFIX ") and line.endswith(">\n") for line in lines)


def test_open_backend() -> None:
    remote = store.open_backend("http://127.0.0.1:9/sparql")
    assert isinstance(remote, RemoteEndpoint)
    assert remote.url == "http://127.0.0.1:9/sparql" and remote.timeout == 30.0
    assert isinstance(store.open_backend(None), EmbeddedStore)
    assert isinstance(store.open_backend(""), EmbeddedStore)


# --- The remote endpoint against a scripted server -------------------------------------

def _Scripted(status: int, content_type: str, body: bytes,
              hold: threading.Event | None = None) -> ScriptedServer:
    """One scripted response for every request (see tests/scripted.py)."""
    return ScriptedServer(status=status, content_type=content_type, body=body, hold=hold)


JSON_RESULTS = "application/sparql-results+json"
INTEGER = XSD + "integer"


def test_remote_select_sends_prefixes_and_bound_values_by_post() -> None:
    answer = {"head": {"vars": ["a", "b"]}, "results": {"bindings": [
        {"a": {"type": "literal", "value": "1", "datatype": INTEGER}},
        {"a": {"type": "uri", "value": "http://x/a"},
         "b": {"type": "literal", "value": "t", "xml:lang": "nl"}}]}}
    with _Scripted(200, JSON_RESULTS, json.dumps(answer).encode()) as server:
        table = RemoteEndpoint(server.url, timeout=5).select(
            "SELECT ?a ?b WHERE { ?a ?p ?b }", {"p": Term("iri", "http://x/p")})
    assert table.columns == ["a", "b"]
    assert table.rows == [[Term("literal", "1", datatype=INTEGER), None],
                          [Term("iri", "http://x/a"), Term("literal", "t", lang="nl")]]
    assert table.boolean is None and table.triples is None
    ((method, accept, form),) = server.requests
    assert method == "POST"
    assert JSON_RESULTS in accept and "turtle" not in accept
    assert form["query"] == [store.prefix_block() + "SELECT ?a ?b WHERE { "
                             "VALUES ?p { <http://x/p> }\n ?a ?p ?b }"]


@pytest.mark.parametrize(("answer", "boolean"), [(True, True), (False, False)])
def test_remote_ask(answer: bool, boolean: bool) -> None:
    body = json.dumps({"head": {}, "boolean": answer}).encode()
    with _Scripted(200, JSON_RESULTS, body) as server:
        table = RemoteEndpoint(server.url, timeout=5).select("ASK { ?s ?p ?o }")
    assert table.boolean is boolean
    assert table.columns == [] and table.rows == []


@pytest.mark.parametrize("form", ["CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                  "DESCRIBE <http://x/a>"])
def test_remote_graph_answers_are_asked_as_turtle(form: str) -> None:
    turtle = b"<http://x/b> <http://x/p> 2 .\n<http://x/a> <http://x/p> \"z\" .\n"
    with _Scripted(200, "text/turtle", turtle) as server:
        table = RemoteEndpoint(server.url, timeout=5).select(form)
    assert table.triples == ('<http://x/a> <http://x/p> "z" .\n'
                             '<http://x/b> <http://x/p> "2"^^<' + INTEGER + "> .\n")
    assert table.columns == [] and table.boolean is None
    ((method, accept, _),) = server.requests
    assert method == "POST" and "text/turtle" in accept and JSON_RESULTS not in accept


def test_remote_bad_turtle_is_an_endpoint_error() -> None:
    with _Scripted(200, "text/turtle", b"<http://x/a> <http://x/p> .") as server, \
            pytest.raises(EndpointError) as error:
        RemoteEndpoint(server.url, timeout=5).select("CONSTRUCT WHERE { ?s ?p ?o }")
    prefix = f"SPARQL-endpoint {server.url} stuurde geen Turtle: "
    # the parser's own reason, which names where the Turtle went wrong
    assert re.fullmatch(re.escape(prefix) + r".*line 1 column 27.*", str(error.value))
    assert error.value.exit_code == 3


@pytest.mark.parametrize(("body", "reason"), [
    (b"not json at all", "Parser error at line 1"),
    (b"[1, 2]", "SPARQL JSON results must be an object"),
    (b'"text"', "SPARQL JSON results must be an object"),
])
def test_remote_answer_that_is_no_sparql_json(body: bytes, reason: str) -> None:
    with _Scripted(200, JSON_RESULTS, body) as server, pytest.raises(EndpointError) as error:
        RemoteEndpoint(server.url, timeout=5).select("SELECT * WHERE { ?s ?p ?o }")
    prefix = f"SPARQL-endpoint {server.url} stuurde geen SPARQL JSON: "
    assert str(error.value).startswith(prefix)
    assert str(error.value)[len(prefix):].startswith(reason)
    assert error.value.exit_code == 3


def test_remote_refused_access_is_an_endpoint_error() -> None:
    with _Scripted(401, "text/plain", b"log eerst in") as server, \
            pytest.raises(EndpointError) as error:
        RemoteEndpoint(server.url, timeout=5).select("ASK {}")
    assert str(error.value).startswith(
        f"SPARQL-endpoint {server.url} weigert toegang (HTTP 401): ")
    assert error.value.exit_code == 3


def test_remote_timeout_is_the_endpoints_own() -> None:
    """The endpoint never answers until the test is done: the client gives up after its
    own time limit (0.3 s here), whatever the speed of the machine."""
    hold = threading.Event()
    with _Scripted(200, JSON_RESULTS, b"{}", hold=hold) as server:
        try:
            with pytest.raises(EndpointError) as error:
                RemoteEndpoint(server.url, timeout=0.3).select("ASK {}")
        finally:
            hold.set()
    assert str(error.value) == f"{server.url}: geen volledig antwoord binnen 0.3 s"


@pytest.mark.filterwarnings("ignore:unknown response content type")
def test_remote_answer_in_another_media_type() -> None:
    with _Scripted(200, "text/html", b"<html>hallo</html>") as server, \
            pytest.raises(EndpointError) as error:
        RemoteEndpoint(server.url, timeout=5).select("SELECT * WHERE { ?s ?p ?o }")
    assert str(error.value) == (f"SPARQL-endpoint {server.url} stuurde geen SPARQL JSON: "
                                "Content-Type text/html")


# --- Endpoint errors: each status as one line -------------------------------------------

@pytest.mark.parametrize(("status", "body", "message", "kind"), [
    (404, b"Geen endpoint hier", "niet gevonden (HTTP 404): Geen endpoint hier", EndpointError),
    (401, b"Log eerst in", "weigert toegang (HTTP 401): Log eerst in", EndpointError),
    (400, b"Parse error at 1:5", "weigerde de query: Parse error at 1:5", QueryError),
    (414, b"URI too long", "weigerde de query: URI too long", QueryError),
    (403, b"", "antwoordt met HTTP 403: Forbidden", EndpointError),
    (502, b"<html><h1>Bad Gateway</h1></html>", "antwoordt met HTTP 502: Bad Gateway",
     EndpointError),
    (503, b"\x1b]0;pwned\x07busy\r\nX-Evil: 1\x00", "antwoordt met HTTP 503: "
     "\\x1b]0;pwned\\x07busy X-Evil: 1\\x00", EndpointError),
])
def test_endpoint_statuses_are_one_line(status: int, body: bytes, message: str,
                                        kind: type[Exception]) -> None:
    with _Scripted(status, "text/plain", body) as server, \
            pytest.raises((EndpointError, QueryError)) as error:
        RemoteEndpoint(server.url, timeout=5).select("ASK {}")
    assert type(error.value) is kind
    assert str(error.value).endswith(message)
    assert str(error.value).isprintable()


def test_the_default_backend_holds_the_kb() -> None:
    table = store.open_backend().select(
        f"SELECT ?t WHERE {{ <https://w3id.org/vngkb/id/maatregel/{LB}/investeringsfonds> "
        "dct:title ?t }")
    assert table.values() == [["Investeringsfonds"]]


def test_repeated_terms_are_converted_once_and_keep_their_kind_type_and_language() -> None:
    import pyoxigraph as ox

    data = ox.Store()
    data.load(b'<http://x/a> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer>, '
              b'"1", "1"@nl, <http://x/a>, _:b .', format=ox.RdfFormat.TURTLE)
    table = EmbeddedStore(data).select("SELECT ?s ?o ?none WHERE { ?s <http://x/p> ?o }")
    objects = [row[1] for row in table.rows if row[1] is not None]
    assert {(t.kind, t.value, t.datatype, t.lang) for t in objects if t.kind != "bnode"} == {
        ("iri", "http://x/a", None, None), ("literal", "1", None, None),
        ("literal", "1", None, "nl"), ("literal", "1", XSD + "integer", None)}
    assert [t.kind for t in objects].count("bnode") == 1
    assert all(row[2] is None for row in table.rows) and len(table.rows) == 5
    # The subject, the same in every row, is one shared object (and equals the object IRI).
    assert len({id(row[0]) for row in table.rows}) == 1
    assert table.rows[0][0] == Term("iri", "http://x/a")


def test_an_unbound_column_leaves_the_columns_after_it_in_place() -> None:
    import pyoxigraph as ox

    data = ox.Store()
    data.load(b'<http://x/a> <http://x/p> "1" . <http://x/b> <http://x/p> "2" ; '
              b'<http://x/q> "z" .', format=ox.RdfFormat.TURTLE)
    table = EmbeddedStore(data).select(
        "SELECT ?q ?s ?o WHERE { ?s <http://x/p> ?o OPTIONAL { ?s <http://x/q> ?q } } "
        "ORDER BY ?s")
    assert table.rows == [
        [None, Term("iri", "http://x/a"), Term("literal", "1")],
        [Term("literal", "z"), Term("iri", "http://x/b"), Term("literal", "2")]]


# --- The embedded store's form: a block in every nested group that names the variable ---

B = " VALUES (?b) { (<http://b>) }\n"


@pytest.mark.parametrize(("query", "expected"), [
    # OPTIONAL, MINUS, UNION, FILTER NOT EXISTS: each group that names ?b gets a block.
    ("SELECT * { ?a ?p ?c OPTIONAL { ?a ?q ?b } }",
     f"SELECT * {{{B} ?a ?p ?c OPTIONAL {{{B} ?a ?q ?b }} }}"),
    ("SELECT * { ?a ?p ?c MINUS { ?a ?q ?b } FILTER NOT EXISTS { ?a ?r ?b } }",
     f"SELECT * {{{B} ?a ?p ?c MINUS {{{B} ?a ?q ?b }} FILTER NOT EXISTS {{{B} ?a ?r ?b }} }}"),
    ("SELECT * { { ?a ?p ?b } UNION { ?a ?q ?c } }",
     f"SELECT * {{{B} {{{B} ?a ?p ?b }} UNION {{ ?a ?q ?c }} }}"),
    # A group that does not name ?b, or names another variable that starts alike: none.
    ("SELECT * { ?a ?p ?b OPTIONAL { ?a ?q ?bb } }",
     f"SELECT * {{{B} ?a ?p ?b OPTIONAL {{ ?a ?q ?bb }} }}"),
    # ?b only in a string, an IRI or a comment of the group: not named.
    ('SELECT * { ?a ?p ?b OPTIONAL { ?a ?q "?b {" } }',
     f'SELECT * {{{B} ?a ?p ?b OPTIONAL {{ ?a ?q "?b {{" }} }}'),
    ("SELECT * { ?a ?p ?b OPTIONAL { ?a <http://x/?b> ?c # ?b {\n } }",
     f"SELECT * {{{B} ?a ?p ?b OPTIONAL {{ ?a <http://x/?b> ?c # ?b {{\n }} }}"),
    # $b is ?b.
    ("SELECT * { ?a ?p ?c OPTIONAL { ?a ?q $b } }",
     f"SELECT * {{{B} ?a ?p ?c OPTIONAL {{{B} ?a ?q $b }} }}"),
    # The data block of a VALUES is not a group.
    ("SELECT * { VALUES ?x { <http://x> } VALUES (?y ?b) { (1 <http://b>) } ?x ?p ?b }",
     f"SELECT * {{{B} VALUES ?x {{ <http://x> }} VALUES (?y ?b) {{ (1 <http://b>) }} "
     "?x ?p ?b }"),
    # A sub-select gets a block; a group that is one sub-select holds it beside the block.
    ("SELECT * { { SELECT ?a WHERE { ?a ?p ?b } } }",
     f"SELECT * {{{B} {{{B}{{ SELECT ?a WHERE {{{B} ?a ?p ?b }} }} }} }}"),
    ("SELECT * WHERE { SELECT ?a { ?a ?p ?b } }",
     f"SELECT * WHERE {{{B}{{ SELECT ?a {{{B} ?a ?p ?b }} }} }}"),
])
def test_nested_binding(query: str, expected: str) -> None:
    bound = bind_as_values(query, {"b": Term("iri", "http://b")}, nested=True)
    assert bound == expected
    # The plain form binds in the outermost group only.
    assert bind_as_values(query, {"b": Term("iri", "http://b")}).count("VALUES ?b {") == 1


@pytest.mark.parametrize("raw", ['"', "} { SELECT", "x' } OPTIONAL { ?s ?p ?o", "{" * 50,
                                 "?b", "VALUES ?b { 1 }"])
def test_nested_binding_of_a_hostile_literal_answers_as_the_plain_one(
        backend: EmbeddedStore, raw: str) -> None:
    """A literal with braces, quotes or query words is one term in every block: the query
    parses, and both forms give the same answer."""
    query = ("SELECT ?x WHERE { BIND(STR(?b) AS ?x) OPTIONAL { BIND(?b AS ?y) } "
             "MINUS { SELECT ?x WHERE { BIND(CONCAT(?b, ?b) AS ?x) } } }")
    bindings = {"b": Term("literal", raw)}
    assert backend.select(query, bindings).values() == [[raw]]
    assert backend.select(bind_as_values(query, bindings)).values() == [[raw]]


@pytest.mark.parametrize(("query", "bodies"), [
    # A data block is not a group, whatever its variables are called.
    ("SELECT * WHERE { VALUES ?values { 1 } OPTIONAL { ?a ?b ?c } }", [" ?a ?b ?c "]),
    ("SELECT * WHERE { VALUES (?a ?values) { (1 2) } { ?a ?b ?c } }", [" ?a ?b ?c "]),
    ("SELECT * WHERE { values\n(\n?a\n)\n{ (1) } MINUS { ?a ?b ?c } }", [" ?a ?b ?c "]),
    # VALUES inside a name or variable does not make the next brace a data block.
    ("SELECT * WHERE { ?x ?values { ?a ?b ?c } }", [" ?a ?b ?c "]),
    ("SELECT * WHERE { ?x :values { ?a ?b ?c } }", [" ?a ?b ?c "]),
    ("SELECT * WHERE { ?x ex:values.x { ?a ?b ?c } }", [" ?a ?b ?c "]),
    # Only the last VALUES before a brace counts.
    ("SELECT * WHERE { VALUES ?a { 1 } ?a ?b ?c { ?c ?d ?e } }", [" ?c ?d ?e "]),
    ("SELECT * WHERE { { ?a ?b ?c } VALUES ?a { 1 } }", [" ?a ?b ?c "]),
    # Nested groups, each with its own closing brace; an unclosed one runs to the end.
    ("SELECT * WHERE { OPTIONAL { ?a ?b ?c { ?d ?e ?f } } }",
     [" ?a ?b ?c { ?d ?e ?f } ", " ?d ?e ?f "]),
    ("SELECT * WHERE { OPTIONAL { ?a ?b ?c", [" ?a ?b ?c"]),
])
def test_nested_groups_are_told_from_data_blocks(query: str, bodies: list[str]) -> None:
    assert [query[start:end] for start, end in groups(query)[1:]] == bodies
