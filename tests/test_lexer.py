"""SPARQL's lexical grammar as the guard reads it: each terminal where it ends, a
``SERVICE`` keyword in every reading and nowhere else, errors where no terminal fits."""

from __future__ import annotations

import pytest

from vngkb.sandbox import lexer

U = "<http://127.0.0.1:9/>"


@pytest.mark.parametrize(("text", "services"), [
    # part of another token: no keyword
    ("SELECT * { ?s ?p 'SERVICE' }", []),
    ('SELECT * { ?s ?p """a\n" SERVICE""" }', []),
    ("SELECT * { ?s ?p '''a'' SERVICE''' }", []),
    ('SELECT * { ?s ?p "a\\" SERVICE" }', []),
    ("SELECT * { ?s <SERVICE> ?o }", []),
    ("SELECT * { ?s ex:SERVICE ?o }", []),
    # A prefix that spells SERVICE counts, fail closed: before "{" Oxigraph reads it as
    # the keyword (see tests/hostile/test_sparql_hostile.py).
    ("SELECT * { ?s SERVICE: ?o }", [":"]),
    ("SELECT * { ?s ex:a.SERVICE ?o }", []),  # a dot inside a local name
    ("SELECT * { ?s ex:a\\.SERVICE ?o }", []),
    ("SELECT * { ?s ?p ?SERVICE }", []),
    ("SELECT * { ?s ?p $SERVICE }", []),
    ("SELECT * { ?s ?p _:SERVICE }", []),
    ("SELECT * { ?s ?p 'x'@en-SERVICE }", []),
    ("SELECT * { ?s ?p ?o } # SERVICE " + U + " {}", []),
    # a keyword token, however it is reached
    (f"SELECT * {{ SERVICE {U} {{}} }}", [U]),
    (f"SELECT * {{ sErViCe SiLeNt {U} {{}} }}", [U]),
    (f"SELECT * {{ # x\rSERVICE {U} {{}} }}", [U]),  # CR ends a comment
    (f"SELECT * {{ ?s ?p 1SERVICE{U}{{}} }}", [U]),  # a number, then the keyword
    ("SELECT * { ?s ?p 1.5e3SERVICE ?u {} }", ["?u"]),
    (f"SELECT * {{ ?s ?p ex:a. SERVICE {U} {{}} }}", [U]),  # a local name ends before '.'
    (f"SELECT * {{ ?s ?p 'x'@en SERVICE {U} {{}} }}", [U]),
    ("SELECT * { ?s ?p ?o SERVICE p:x {} }", ["p:x"]),
    ("SELECT * { SERVICE", [""]),
    ("SELECT * { ſervice <a:b> {} }", ["<a:b>"]),  # long s: upper-cased, as rdflib does
    # '<' read both ways where an operand ends before it
    ("SELECT * { FILTER(?a<?b)SERVICE?u#>\n{} }", ["?u"]),
    ("SELECT * { FILTER(1<2)SERVICE?u#>\n{} }", ["?u"]),
    ("SELECT * { FILTER(EXISTS{}<?b)SERVICE?u#>\n{} }", ["?u"]),
    ("SELECT * { FILTER(?a<'x>' SERVICE ?u {} '') }", ["?u"]),
    ("SELECT * { FILTER(?a<=?b)SERVICE?u#>\n{} }", ["?u"]),
    ("SELECT * { FILTER(?a<?b&&?c>?d) }", []),
    ("SELECT * { ?s ?p ?o FILTER(?o<?x>) }", []),
    ("SELECT * { ?s ?p (?a <b/service>) }", []),  # 'b' is no keyword: no such reading
    ("SELECT * { ?s ?p (?a <service>) }", [">"]),  # in a list: read both ways
    ("SELECT * { ?s ?p ?o . ?s <service> ?o }", []),  # no expression outside '('
    ("SELECT * { (?a <(>) ?s <SERVICE> ?o }", [">"]),  # after one, every reading
    ("SELECT * { FILTER(?a<?b)aSERVICE?u#>\n{} }", [""]),  # a glued word that hides it
    ("SELECT * { FILTER(?a<?c<?d)SERVICE?u#>\n{} }", ["?u"]),  # one '<' after another
    ("SELECT * { FILTER(?a<?c)<?d)SERVICE?u#>\n{} }", []),  # outside '(': an IRI only
])
def test_service_keywords(text: str, services: list[str]) -> None:
    assert lexer.read(text).services == services


@pytest.mark.parametrize(("text", "error"), [
    ("SELECT * { ?s ?p trueSERVICE }", (17, "'trueSERVICE'")),
    ("SELECT * { ?s ?p ?o SERVICESILENT <a:b> {} }", (20, "'SERVICESILENT'")),
    ("SELECT * { ?s ?p 'a\nb' }", (17, '"\'"')),
    ("SELECT * { ?s ?p 'a\\qb' }", (17, '"\'"')),
    ("SELECT * { ?s ?p ?o }\x0c", (21, "'\\x0c'")),
    ("SELECT * {\u00a0?s ?p ?o }", (10, "'\\xa0'")),
    ("SELECT * { ?s ?p ?o } LIMIT 1 &", (30, "'&'")),
    ("SELECT * { ?s A ?o }", (14, "'A'")),  # 'a' is a keyword in lower case only
    ("SELECT * { ?s ex:a\\q ?o }", (18, "'\\\\'")),
    ("SELECT * { ?s ?p _x }", (17, "'_x'")),
])
def test_what_no_terminal_reads_is_an_error(text: str, error: tuple[int, str]) -> None:
    assert lexer.read(text).error == error


@pytest.mark.parametrize(("text", "first", "depth", "unions", "structure"), [
    ("PREFIX p: <a:> BASE <b:> select * { { } union { [] } }", "SELECT", 3, 1, None),
    ("ask {}", "ASK", 1, 0, None),
    ("PREFIX p: <a:>", None, 0, 0, None),
    ("SELECT * { ?s ?p ?o } ; INSERT DATA {}", "SELECT", 1, 0, (22, "';'")),
    ("SELECT * { GROUP_CONCAT(?x ; SEPARATOR=',') }", "SELECT", 2, 0, None),
    ("SELECT * { ?s ?p ?o ]", "SELECT", 1, 0, (20, "']'")),
    ("SELECT * { (", "SELECT", 2, 0, (12, "'('")),
])
def test_form_depth_unions_structure(text: str, first: str | None, depth: int, unions: int,
                                     structure: tuple[int, str] | None) -> None:
    reading = lexer.read(text)
    assert (reading.first, reading.depth, reading.unions, reading.structure) == (
        first, depth, unions, structure)


@pytest.mark.parametrize(("token", "web"), [
    ("<http://x/>", True), ("<HTTPS://x/>", True), ("<file:///etc/passwd>", False),
    ("<ftp://x/>", False), ("<passwd>", False), ("?u", False), ("p:x", False),
    ("<http:x>", False),
])
def test_web_iri(token: str, web: bool) -> None:
    assert lexer.is_web_iri(token) is web


@pytest.mark.parametrize("text", [
    "<" * 100_000, "'" * 100_000, "'''" + "a" * 99_990, "(" * 50_000 + ")" * 50_000,
    "FILTER(?a" + "<?b)" * 25_000, "?a<a" * 25_000, '"' + "\\" * 99_000,
])
def test_hostile_texts_are_read_whole(text: str) -> None:
    """Long texts of one repeated piece: read to the end, and refused."""
    from vngkb.core.errors import QueryError
    from vngkb.sandbox.guard import analyse_query

    with pytest.raises(QueryError):
        analyse_query(text)
