"""The query guard's messages: English for the endpoint (machines read its protocol
errors), the user's language for the CLI; a syntax error is one line, with a caret
display for a terminal."""

from __future__ import annotations

import pytest

from vngkb import sparqlguard
from vngkb.errors import QueryLimitError, QueryRefusedError, QuerySyntaxError
from vngkb.i18n import set_lang


def test_the_endpoints_messages_are_english_whatever_the_language() -> None:
    set_lang("nl")
    try:
        with pytest.raises(QueryRefusedError) as refused:
            sparqlguard.check_query("ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
        assert str(refused.value) == sparqlguard.MESSAGES["service"]
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


def test_a_syntax_error_is_one_line_with_a_caret_display() -> None:
    query = "PREFIX x: <http://x/>\nSELECT * WHERE { ?s ?p }"
    with pytest.raises(QuerySyntaxError) as error:
        sparqlguard.analyse_query(query)
    line = str(error.value)
    assert "\n" not in line
    assert line.startswith("SPARQL syntax error: Expected SelectQuery")
    head, shown, caret = error.value.display.split("\n")
    assert head.startswith("SPARQL syntax error at line 2, column ")
    assert shown == "  2 | SELECT * WHERE { ?s ?p }"
    column = int(head.split("column ")[1].split(":")[0])
    assert caret == " " * (len("  2 | ") + column - 1) + "^"


def test_a_syntax_error_in_dutch() -> None:
    with pytest.raises(QuerySyntaxError) as error:
        sparqlguard.analyse_query("SELECT * WHERE { ?s ?p }", lang="nl")
    assert str(error.value).startswith("SPARQL-syntaxfout: ")
    assert error.value.display.startswith("SPARQL-syntaxfout op regel 1, kolom ")
