"""Both backends give the same answers, and a bound value can never become syntax."""

from __future__ import annotations

import re

import pytest

from vngkb import catalogue
from vngkb.catalogue import with_allowed_values
from vngkb.errors import EndpointError, ParameterError, QueryError
from vngkb.store import EmbeddedStore, RemoteEndpoint, bind_as_values, outer_group_start
from vngkb.terms import Term

from .test_catalogue import HOSTILE


def test_values_block_goes_inside_the_outer_group() -> None:
    query = 'PREFIX x: <http://x/{a}> # a { in a comment\nSELECT ?s WHERE { ?s ?p "{" }'
    bound = bind_as_values(query, {"p": Term("iri", "http://x/p")})
    assert bound == ('PREFIX x: <http://x/{a}> # a { in a comment\nSELECT ?s WHERE { '
                     'VALUES (?p) { (<http://x/p>) }\n ?s ?p "{" }')


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


def test_every_parameter_is_tried() -> None:
    assert len(PARAMETERS) == 32
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
    # The query text is the original plus one VALUES row holding this one term.
    text = bind_as_values(question.query, {parameter.variable: bound})
    at = outer_group_start(question.query)
    assert text[:at] == question.query[:at]
    assert text.endswith(question.query[at:])
    assert text[at:len(text) - len(question.query) + at].strip() == (
        f"VALUES (?{parameter.variable}) {{ ({bound.n3()}) }}")
    # And it runs: a value that matches nothing yields no rows.
    assert backend.select(question.query, {parameter.variable: bound}).rows == []


@pytest.mark.parametrize("name", sorted(catalogue.load_catalogue()))
def test_remote_endpoint_gives_the_same_answer(backend: EmbeddedStore,
                                               oxigraph_endpoint: str, name: str) -> None:
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
                       match=r"kan SPARQL-endpoint http://127\.0\.0\.1:9/sparql niet bereiken"):
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
        '<https://w3id.org/vngkb/id/maatregel/gebundelde-uitkering> '
        '<http://purl.org/dc/terms/title> "Gebundelde uitkering"@nl .',
        '<https://w3id.org/vngkb/id/maatregel/investeringsfonds> '
        '<http://purl.org/dc/terms/title> "Investeringsfonds"@nl .',
        '<https://w3id.org/vngkb/id/maatregel/specifieke-uitkering-stimulering-sport> '
        '<http://purl.org/dc/terms/title> "Specifieke uitkering Stimulering Sport"@nl .']


def test_remote_construct_is_the_same_graph(backend: EmbeddedStore,
                                            oxigraph_endpoint: str) -> None:
    remote = RemoteEndpoint(oxigraph_endpoint).select(CONSTRUCT)
    assert remote.triples == backend.select(CONSTRUCT).triples


class _Failing:
    """A local HTTP server that answers every request with *status* and an HTML page."""

    def __init__(self, status: int, body: bytes) -> None:
        import http.server
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.send_response(status)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return self.url

    def __exit__(self, *args: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize(("status", "body", "message"), [
    (503, b"<html><h1>503</h1><p>Onderhoud tot 14:00</p></html>",
     "antwoordt met HTTP 503: Onderhoud tot 14:00"),
    (403, b"", "antwoordt met HTTP 403: Forbidden"),
    (500, b"Error\n\nQuery evaluation failed: " + b"x" * 1000,
     "weigerde de query: Query evaluation failed: xxx"),
])
def test_an_endpoints_own_error_message_is_passed_on(status: int, body: bytes,
                                                     message: str) -> None:
    with _Failing(status, body) as url, pytest.raises((EndpointError, QueryError)) as error:
        RemoteEndpoint(url, timeout=5).select("ASK {}")
    text = str(error.value)
    assert message in text
    assert "\n" not in text and len(text) < 300
    assert error.value.exit_code == (2 if status == 500 else 3)
