"""The query guard: its messages (English for the endpoint, whose protocol errors
machines read; the user's language for the CLI; a syntax error is one line, with a
caret display for a terminal), and its verdicts against rdflib's SPARQL grammar as the
oracle (tests/sparql_oracle.py) on every hostile case, every canned question and many
random and mutated texts."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.inputs import service_disguises
from tests.sparql_oracle import (
    CANNED,
    PIECES,
    URL,
    assert_agrees,
    guard_verdict,
    mutated_texts,
    verdict,
)
from vngkb.core.errors import QueryLimitError, QueryRefusedError, QuerySyntaxError
from vngkb.i18n import set_lang
from vngkb.sandbox import guard as sparqlguard
from vngkb.sandbox import lexer


def test_the_endpoints_messages_are_english_whatever_the_language() -> None:
    set_lang("nl")
    try:
        with pytest.raises(QueryRefusedError) as refused:
            sparqlguard.check_query("ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
        assert str(refused.value) == sparqlguard.protocol_message("service")
        assert str(refused.value).startswith("SERVICE is not allowed")
    finally:
        set_lang(None)


@pytest.mark.parametrize(("lang", "message"), [
    ("nl", "de query nest haakjes dieper dan de grens van 64 niveaus"),
    ("en", "the query nests brackets deeper than the limit of 64 levels"),
])
def test_the_cli_gets_the_users_language(lang: str, message: str) -> None:
    set_lang(lang)
    try:
        with pytest.raises(QueryLimitError, match=message):
            sparqlguard.check_shape("SELECT * {" + "{" * 64 + "}" * 65, lang=None)
        with pytest.raises(QueryLimitError, match=message):  # the language given
            sparqlguard.check_limits("SELECT * " + "{" * 65 + "}" * 65, lang=lang)
    finally:
        set_lang(None)


@pytest.mark.parametrize(("query", "line", "column", "reason"), [
    ("PREFIX x: <http://x/>\nSELECT * WHERE { ?s ?p 'o }", 2, 24, "\"'\" is not SPARQL"),
    ("SELECT * WHERE { ?s ?p trueSERVICE }", 1, 24, "'trueSERVICE' is not SPARQL"),
    ("SELECT * WHERE { ?s ?p ?o ", 1, 27, "'{' has no matching bracket"),
    ("SELECT * WHERE { ?s ?p ?o ]", 1, 27, "']' has no matching bracket"),
    ("SELECT * { ?s ?p ?o } ; INSERT DATA { <a:b> <a:c> 1 }", 1, 23, "';' outside every"),
])
def test_a_syntax_error_is_one_line_with_a_caret_display(query: str, line: int, column: int,
                                                         reason: str) -> None:
    with pytest.raises(QuerySyntaxError) as error:
        sparqlguard.analyse_query(query)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"SPARQL syntax error at line {line}, column {column}: {reason}")
    head, shown, caret = error.value.display.split("\n")
    assert head == message
    assert shown == f"{line:>3} | " + query.split("\n")[line - 1].rstrip()
    assert caret == " " * (len("  1 | ") + column - 1) + "^"


def test_a_syntax_error_in_dutch() -> None:
    with pytest.raises(QuerySyntaxError) as error:
        sparqlguard.analyse_query("SELECT * WHERE { ?s ?p ?o } LIMIT 1 @", lang="nl")
    assert str(error.value).startswith("SPARQL-syntaxfout op regel 1, kolom 37: '@' is geen "
                                       "SPARQL")
    assert error.value.display.startswith("SPARQL-syntaxfout op regel 1, kolom 37")


@pytest.mark.parametrize("text", ["PREFIX x: <http://x/>", "BASE <http://x/> PREFIX : <a:>",
                                  "WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                  "drop all", "Load <http://x/a>"])
def test_updates_are_refused(text: str) -> None:
    """A prologue alone is an update of no operations, as rdflib reads it."""
    with pytest.raises(QueryRefusedError, match="updates are refused"):
        sparqlguard.analyse_query(text)
    assert verdict(text) == ("update",)


def test_not_a_query_form() -> None:
    with pytest.raises(QuerySyntaxError, match=r"not a query \(UNION\)"):
        sparqlguard.analyse_query("UNION { }")
    with pytest.raises(QuerySyntaxError, match=r"not a query \(\)"):
        sparqlguard.analyse_query("PREFIX x: <a:> ?x")


# --- the same verdicts as rdflib's grammar ------------------------------------------

@pytest.mark.parametrize("allow_service", [False, True])
@pytest.mark.parametrize("text", service_disguises(URL))
def test_every_service_disguise_gets_the_oracles_verdict(text: str,
                                                         allow_service: bool) -> None:
    expected = assert_agrees(text, allow_service=allow_service)
    if not allow_service:
        assert expected in (("service",), ("syntax",))
        assert guard_verdict(text) == ("service",)  # whatever rdflib makes of the rest


def test_every_canned_question_gets_the_oracles_verdict() -> None:
    assert len(CANNED) >= 100
    for text in CANNED:
        assert assert_agrees(text)[0] == "ok", text


def _keeping_the_query(text: str, rng: random.Random) -> str:
    """*text* written another way that keeps every token (as the lexer reads them: the
    oracle then judges both): comments and white space as other white space, comments
    that spell SERVICE and other line ends, keywords in other cases, letters of keywords
    as escapes; and a filter or pattern that spells SERVICE without being it."""
    out = []
    for match in lexer._TOKEN.finditer(text):
        kind, part = match.lastgroup, match.group()
        if kind in ("space", "comment"):
            part = rng.choice([" ", "\t", " # SERVICE <" + URL + ">\n", "\r", " #\r", "\n"])
        elif kind == "word" and part.upper() in lexer.KEYWORDS and part != "a":
            part = "".join(c.lower() if rng.random() < 0.5 else c.upper() for c in part)
            if rng.random() < 0.2:
                at = rng.randrange(len(part))
                part = part[:at] + f"\\u{ord(part[at]):04X}" + part[at + 1:]
        out.append(part)
    result = "".join(out)
    brace = result.find("{")
    if brace >= 0:
        extra = rng.choice(["FILTER(?zz<?yy) ", "?zz ?yy 'SERVICE' . ",
                            "?zz <urn:SERVICE> ?yy . ", "FILTER(?zz<?yy&&?yy>?zz) ",
                            "BIND(?zz AS ?SERVICE) ", ""])
        result = result[:brace + 1] + " " + extra + result[brace + 1:]
    return result


@pytest.mark.parametrize("seed", range(4))
def test_canned_questions_rewritten_keep_the_oracles_verdict(seed: int) -> None:
    rng = random.Random(seed)
    texts = CANNED[seed::8]
    assert len(texts) >= 12
    for text in texts:
        assert assert_agrees(_keeping_the_query(text, rng))[0] == "ok"


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(mutated_texts())
def test_mutated_texts_get_the_oracles_verdict(case: tuple[str, bool]) -> None:
    text, allow_service = case
    assert_agrees(text, allow_service=allow_service)


#: Token soup: texts of SPARQL's pieces in any order, mostly not queries.
SOUP = st.lists(st.sampled_from([*PIECES, "SELECT * {", "}", "?s ?p ?o", ".", "WHERE",
                                  "CONSTRUCT", "DESCRIBE", "LIMIT 5"]),
                min_size=1, max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(SOUP, st.booleans())
def test_token_soup_gets_the_oracles_verdict(text: str, allow_service: bool) -> None:
    assert_agrees(text, allow_service=allow_service)


def test_checks_are_remembered_per_text() -> None:
    """The endpoint checks the limits, then the query: one lexical pass for both."""
    sparqlguard._reading.cache_clear()
    text = "SELECT * { ?s ?p ?o } LIMIT 3"
    sparqlguard.check_limits(text)
    sparqlguard.check_query(text)
    info = sparqlguard._reading.cache_info()
    assert (info.misses, info.hits) == (1, 2)
