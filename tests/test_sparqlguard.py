"""The query guard's messages: English for the endpoint (machines read its protocol
errors), the user's language for the CLI; a syntax error is one line, with a caret
display for a terminal."""

from __future__ import annotations

import random
import re

import pytest

from vngkb.core.errors import QueryLimitError, QueryRefusedError, QuerySyntaxError
from vngkb.i18n import set_lang
from vngkb.sandbox import guard as sparqlguard


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


# --- verdicts remembered by structure ---------------------------------------------------

@pytest.mark.parametrize(("first", "second", "same"), [
    # what only fills a place: string content, absolute IRIs, integers, white space
    ('ASK { ?s ?p "a" }', "ASK {\t?s  ?p \"bcd\" }", True),
    ("ASK { ?s ?p 'a' }", "ASK { ?s ?p '' }", True),
    ('ASK { ?s ?p """a\nb""" }', 'ASK { ?s ?p """""" }', True),
    ("SELECT * { <http://a/x> ?p ?o } LIMIT 5", "SELECT * { <urn:y> ?p ?o } LIMIT 123456", True),
    ("SELECT * { ?s ?p ?o } # one", "SELECT * { ?s ?p ?o } # two", True),
    ("SELECT * {?s ?p 1.5e3}", "SELECT * {?s ?p 22.5e3}", True),  # where a number starts
    ("SELECT * {?s ?p 1.5}", "SELECT * {?s ?p 1.25}", False),
    # what the parse depends on
    ('ASK { ?s ?p "a" }', "ASK { ?s ?p 'a' }", False),  # another kind of string
    ('ASK { ?s ?p "a" }', 'ASK { ?s ?p """a""" }', False),
    ("SELECT * { ?s ?p ?o }", "SELECT * { ?s ?p ?x }", False),  # variables stay
    ("SELECT * { ?s ex:a ?o }", "SELECT * { ?s ex:b ?o }", False),  # names stay
    ("SELECT * { <#a> ?p ?o }", "SELECT * { <#b> ?p ?o }", False),  # relative IRIs stay
    ("SELECT * {?x1 ?p ?o}", "SELECT * {?x2 ?p ?o}", False),  # digits in a name stay
    ("SELECT * {?s ?p 1.5}", "SELECT * {?s ?p 1 .5}", False),
    ("SELECT * {?s ?p 1}", "SELECT * {?s ?p -1}", False),
    ("ASK { ?s ?p ?o } # c\n}", "ASK { ?s ?p ?o } # c }", False),  # a line end ends a comment
    ("SELECT * { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", False),
])
def test_query_structure_keeps_what_the_parse_depends_on(first: str, second: str,
                                                          same: bool) -> None:
    one, other = sparqlguard.query_structure(first), sparqlguard.query_structure(second)
    assert one is not None and other is not None
    assert (one == other) is same


@pytest.mark.parametrize("text", [
    "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * { sErViCe <http://127.0.0.1:9/> { ?s ?p ?o } }",
    'SELECT * { ?s ?p "a service" }',  # the letters anywhere, even where harmless
    "SELECT * { ?s <http://x/SERVICE> ?o }",
    "SELECT ?services { ?services ?p ?o }",
    "SELECT * { \u017fERVICE <http://x/> { } }",  # long s, upper-cased by some parsers
    "SELECT * { SERV\u0131CE <http://x/> { } }",  # dotless i, the same
    "SELECT * { \\u0053ERVICE <http://x/> { } }",  # an escape: any backslash
    'SELECT * { ?s ?p "a\\"b" }',
    'SELECT * { ?s ?p "a }',  # an unterminated string
    "SELECT * { ?s ?p 'a\n' }",
    'SELECT * { ?s ?p """a }',
])
def test_a_text_that_may_only_be_judged_by_its_own_parse_has_no_structure(
        text: str) -> None:
    assert sparqlguard.query_structure(text) is None


@pytest.fixture
def counted_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the parse itself sees, with the remembered verdicts emptied."""
    parsed: list[str] = []
    real = sparqlguard._analyse.__wrapped__

    def counting(text: str, allow_service: bool = False,
                 lang: str = sparqlguard.PROTOCOL_LANG) -> sparqlguard.QueryInfo:
        parsed.append(text)
        return real(text, allow_service, lang)

    counting.__wrapped__ = counting  # type: ignore[attr-defined]  # texts too long to keep
    monkeypatch.setattr(sparqlguard, "_analyse", counting)
    monkeypatch.setattr(sparqlguard, "_approved", type(sparqlguard._approved)())
    return parsed


def test_a_verdict_holds_for_every_text_of_the_same_structure(
        counted_parses: list[str]) -> None:
    first = "SELECT ?p ?o WHERE { <https://w3id.org/vngkb/id/a> ?p ?o } LIMIT 10"
    assert sparqlguard.analyse_query(first) == sparqlguard.QueryInfo("SELECT", False)
    for limit in range(11, 21):
        text = f"SELECT ?p ?o WHERE {{ <https://w3id.org/vngkb/id/b{limit}> ?p ?o }} " \
               f"LIMIT {limit}"
        assert sparqlguard.analyse_query(text) == sparqlguard.QueryInfo("SELECT", False)
    assert counted_parses == [first]  # one parse for eleven texts
    sparqlguard.analyse_query("ASK { ?s ?p ?o }")
    assert len(counted_parses) == 2  # another structure: parsed


def test_only_approved_verdicts_are_remembered(counted_parses: list[str]) -> None:
    bad = "SELECT * WHERE { ?s ?p }"
    for _ in range(2):
        with pytest.raises(QuerySyntaxError):
            sparqlguard.analyse_query(bad)
    with pytest.raises(QueryRefusedError):  # an update of the same shape twice
        sparqlguard.analyse_query('INSERT DATA { <urn:a> <urn:b> "c" }')
    with pytest.raises(QueryRefusedError):
        sparqlguard.analyse_query('INSERT DATA { <urn:x> <urn:y> "z" }')
    assert counted_parses == [bad, bad, 'INSERT DATA { <urn:a> <urn:b> "c" }',
                              'INSERT DATA { <urn:x> <urn:y> "z" }']
    assert len(sparqlguard._approved) == 0


def test_service_is_parsed_every_time_whatever_was_approved(
        counted_parses: list[str]) -> None:
    sparqlguard.analyse_query("SELECT * { <http://127.0.0.1:9/> ?p ?o }")
    for text in ["SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                 "SELECT * { SERVICE <http://127.0.0.2:9/> { ?s ?p ?o } }"]:
        with pytest.raises(QueryRefusedError, match="SERVICE is not allowed"):
            sparqlguard.analyse_query(text)
    assert len(counted_parses) == 3
    sparqlguard.analyse_query("SELECT * { ?s ?p 'service' }")  # the letters: parsed
    sparqlguard.analyse_query("SELECT * { ?s ?p 'service' }", allow_service=True)
    assert len(counted_parses) == 5


def test_remembered_structures_are_bounded(counted_parses: list[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sparqlguard, "_APPROVED_STRUCTURES", 3)
    for n in range(5):
        sparqlguard.analyse_query(f"SELECT ?v{n} {{ ?v{n} ?p ?o }}")
    assert len(sparqlguard._approved) == 3
    sparqlguard.analyse_query("SELECT ?v0 { ?v0 ?p ?o }")  # forgotten: parsed again
    sparqlguard.analyse_query("SELECT ?v4 { ?v4 ?p ?o }")  # remembered
    assert len(counted_parses) == 6


def test_a_text_over_the_remembered_length_is_parsed_each_time(
        counted_parses: list[str]) -> None:
    text = "SELECT * { ?s ?p ?o } #" + "x" * sparqlguard._REMEMBERED_LENGTH
    for _ in range(2):
        sparqlguard.analyse_query(text)
    assert len(counted_parses) == 2
    assert len(sparqlguard._approved) == 0


def _varied(text: str, rng: random.Random) -> str:
    """*text* with every part :func:`sparqlguard.query_structure` stands in for
    replaced by another value of its kind (white space keeps its line ends)."""
    def other(match: re.Match[str]) -> str:
        kind, part = match.lastgroup, match.group()
        letters = "abc xyz-é0'\"{}#<>?"
        if kind == "space":
            if "\n" in part or "\r" in part:
                return rng.choice(["\n", "\r\n", " # {x} <y> 'z'\n", "\t\r"])
            return rng.choice([" ", "\t", "   "])
        if kind == "short":
            content = "".join(rng.choice(letters.replace(part[0], "")) for _ in range(5))
            return part[0] + content + part[0]
        if kind == "long":
            return part[:3] + "a\n} # " + rng.choice(letters) + part[:3]
        if kind == "iri":
            return f"<{rng.choice(['http', 'https', 'urn'])}:x/{rng.randint(0, 10**6)}#y>"
        if kind == "number":
            return str(rng.randint(0, 10**9))
        return part

    return sparqlguard._STRUCTURE_PARTS.sub(other, text)


def test_texts_of_one_structure_get_the_same_verdict_from_the_parse() -> None:
    """The claim :func:`sparqlguard.query_structure` rests on, tried on every canned
    question: texts that differ only in what it stands in for parse the same way."""
    from vngkb.query.catalogue import load_catalogue

    rng = random.Random(13)
    parse = sparqlguard._analyse.__wrapped__
    questions = [q.query for q in load_catalogue().values()]
    assert len(questions) >= 50
    varied = 0
    for text in questions:
        structure = sparqlguard.query_structure(text)
        assert structure is not None, text
        verdict = parse(text)
        variant = _varied(text, rng)
        assert sparqlguard.query_structure(variant) == structure
        varied += variant != text
        assert parse(variant) == verdict, variant
    assert varied == len(questions)


def test_remembered_structures_stay_whole_under_threads(counted_parses: list[str],
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """Threads that check queries at once (evicting each other's structures) all get
    their verdicts, and the bound holds."""
    import threading

    monkeypatch.setattr(sparqlguard, "_APPROVED_STRUCTURES", 4)
    failures: list[BaseException] = []

    def check(offset: int) -> None:
        try:
            for n in range(60):
                name = f"?v{(n * 7 + offset) % 12}"
                info = sparqlguard.analyse_query(f"SELECT {name} {{ {name} ?p ?o }} LIMIT {n}")
                assert info == sparqlguard.QueryInfo("SELECT", False)
        except BaseException as error:  # handed to the test below
            failures.append(error)

    threads = [threading.Thread(target=check, args=(offset,)) for offset in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(sparqlguard._approved) == 4
    assert 12 <= len(counted_parses) <= 360
