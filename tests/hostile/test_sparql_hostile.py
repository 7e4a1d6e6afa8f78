"""Hostile SPARQL through the query check, the network lock and ``vngkb query``:
no query reaches another host, every limit holds before the engine, and every error
is one line with exit code 2 (never a traceback or a crash)."""

from __future__ import annotations

import contextlib
import errno
import socket
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from tests.hostile.inputs import Recorder, service_disguises
from tests.sparql_oracle import assert_agrees, mutated_texts
from vngkb.cli.commands import main
from vngkb.core.errors import NetworkLockError, QueryError, QueryLimitError, QueryRefusedError
from vngkb.sandbox import guard as sparqlguard
from vngkb.sandbox import isolated, netlock

DISGUISES = service_disguises("http://127.0.0.1:{port}/sparql")
#: Disguises also sent through the whole CLI in the fast suite (all of them: slow suite).
CLI_SAMPLE = [0, 3, 5, 7, 10, 13, 19, 22, 24, 27, 29, 43]


def aimed(template: str, recorder: Recorder) -> str:
    port = recorder.url.split(":")[2].split("/")[0]
    return template.replace("{port}", port)


def cli(*args: str, stdin: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(code: int, err: str, *, expected_code: int = 2) -> None:
    assert code == expected_code, err
    assert "Traceback" not in err
    assert err.startswith("vngkb: ")
    assert err.count("\n") == 1, err


# --- layer 1: the parse ---------------------------------------------------------------

@pytest.mark.parametrize("template", DISGUISES)
def test_parse_layer_alone_refuses_every_disguise(template: str, recorder: Recorder) -> None:
    """Without any network lock (this test process has none), the parse refuses."""
    before = len(recorder.requests)
    with pytest.raises(QueryError):
        sparqlguard.analyse_query(aimed(template, recorder))
    assert len(recorder.requests) == before


@pytest.mark.parametrize("template", DISGUISES)
def test_quick_scan_and_parse_refuse_every_disguise(template: str,
                                                    recorder: Recorder) -> None:
    with pytest.raises(QueryError):
        sparqlguard.check_query(aimed(template, recorder))


@pytest.mark.parametrize("text", [
    'SELECT ?service WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { }" }',
    "SELECT * WHERE { ?s <http://x/SERVICE> ?o }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { }",
    "SELECT * WHERE { ?s ?p ?o }\n# SERVICE\r",
    "SELECT * WHERE { ?s ?p '''SERVICE\r<http://127.0.0.1:9/>''' }",
    "SELECT ?SERVICE WHERE { ?SERVICE ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o < 5 && ?o > 1) }",
    "ASK { <http://x/a> ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1",
    "DESCRIBE <http://x/service>",
    "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
])
def test_lookalikes_are_not_service(text: str) -> None:
    info = sparqlguard.check_query(text)
    assert info.service is False


@pytest.mark.parametrize("text", [
    "PREFIX : <http://127.0.0.1:9/> SELECT * { SERVICE:sparql { ?s ?p ?o } }",
    "PREFIX : <http://127.0.0.1:9/> SELECT * { service:sparql { ?s ?p ?o } }",
    # Harmless here, but a prefix that spells SERVICE is refused everywhere (fail closed):
    # before "{" Oxigraph reads it as the keyword and ":sparql" as its target.
    "PREFIX SERVICE: <http://x/> SELECT * WHERE { ?s SERVICE:SERVICE ?o }",
])
def test_a_prefixed_name_that_spells_service_is_refused(text: str) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        sparqlguard.check_query(text)


@pytest.mark.parametrize(("text", "message"), [
    ("INSERT DATA { <http://x/a> <http://x/b> 1 }", "updates are refused"),
    ("# SELECT\nDELETE WHERE { ?s ?p ?o }", "updates are refused"),
    ("LOAD <http://127.0.0.1:9/data.ttl>", "updates are refused"),
    ("CLEAR ALL", "updates are refused"),
    ("PREFIX p: <http://x/> WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
     "updates are refused"),
    ("SELECT * { ?s ?p ?o } ; INSERT DATA { <http://x/a> <http://x/b> 1 }", "syntax error"),
])
def test_updates_are_refused_by_the_parse(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        sparqlguard.check_query(text)


@pytest.mark.parametrize(("text", "allowed"), [
    ("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", True),
    ("SELECT * { SERVICE <https://example.org/sparql> { ?s ?p ?o } }", True),
    ("SELECT * { SERVICE <file:///etc/passwd> { ?s ?p ?o } }", False),
    ("SELECT * { SERVICE <FILE:///etc/passwd> { ?s ?p ?o } }", False),
    ("BASE <file:///etc/> SELECT * { SERVICE <passwd> { ?s ?p ?o } }", False),
    ("PREFIX f: <file:///etc/> SELECT * { SERVICE f:passwd { ?s ?p ?o } }", False),
    ("SELECT * { SERVICE ?x { ?s ?p ?o } }", False),
    ("SELECT * { SERVICE <ftp://127.0.0.1/x> { ?s ?p ?o } }", False),
])
def test_allowed_service_only_reaches_web_endpoints(text: str, allowed: bool) -> None:
    if allowed:
        assert sparqlguard.check_query(text, allow_service=True).service is True
    else:
        with pytest.raises(QueryRefusedError):
            sparqlguard.check_query(text, allow_service=True)


# --- layer 2: the operating system ----------------------------------------------------

LOCKED_PROBE = textwrap.dedent("""
    import socket, sys
    from vngkb.sandbox.netlock import lock_network
    port = int(sys.argv[1])
    lock_network()
    outcomes = []
    for family, kind, address in [
            (socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", port)),
            (socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.1", port)),
            (socket.AF_INET6, socket.SOCK_STREAM, ("::1", port))]:
        try:
            with socket.socket(family, kind) as sock:
                sock.settimeout(5)
                sock.connect(address)
                outcomes.append("connected")
        except PermissionError:
            outcomes.append("refused")
        except OSError as error:
            outcomes.append(f"other {error.errno}")
    try:
        socket.socket(getattr(socket, "AF_PACKET", 17), socket.SOCK_RAW)
        outcomes.append("packet")
    except PermissionError:
        outcomes.append("refused")
    a, b = socket.socketpair()
    a.sendall(b"x")
    outcomes.append("unix" if b.recv(1) == b"x" else "no unix")
    print(" ".join(outcomes))
""")


@pytest.mark.skipif(not netlock.supported(), reason="the network lock is Linux x86_64/aarch64")
def test_locked_process_cannot_open_a_tcp_connection_to_a_local_listener() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        # The same listener is reachable from an unlocked process: the lock is the cause.
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        done = subprocess.run([sys.executable, "-c", LOCKED_PROBE, str(port)],
                              capture_output=True, text=True, timeout=60, check=True)
        listener.settimeout(0.5)
        accepted, _ = listener.accept()  # the unlocked connection above
        accepted.close()
        with pytest.raises(TimeoutError):
            listener.accept()  # and nothing from the locked process
    assert done.stdout.split() == ["refused", "refused", "refused", "refused", "unix"]


@pytest.mark.skipif(not netlock.supported(), reason="the network lock is Linux x86_64/aarch64")
def test_locked_process_cannot_set_up_io_uring() -> None:
    probe = textwrap.dedent("""
        import ctypes, ctypes.util
        from vngkb.sandbox.netlock import lock_network
        lock_network()
        libc = ctypes.CDLL(None, use_errno=True)
        params = ctypes.create_string_buffer(120)
        result = libc.syscall(425, 4, params)
        print(result, ctypes.get_errno())
    """)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.split() == ["-1", str(errno.EACCES)]


def test_lock_fails_closed_on_an_unknown_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("platform.machine", lambda: "riscv64")
    monkeypatch.delenv(netlock.ALLOW_UNLOCKED, raising=False)
    assert netlock.supported() is False
    with pytest.raises(NetworkLockError, match=netlock.ALLOW_UNLOCKED):
        netlock.lock_or_allowed()
    monkeypatch.setenv(netlock.ALLOW_UNLOCKED, "1")
    assert netlock.lock_or_allowed() is False


@pytest.mark.skipif(not netlock.supported(), reason="the network lock is Linux x86_64/aarch64")
@pytest.mark.parametrize("index", CLI_SAMPLE)
def test_os_layer_alone_stops_the_engine_fetching(index: int, recorder: Recorder) -> None:
    """With the parse skipped, the query process still cannot reach the recorder."""
    before = len(recorder.requests)
    text = aimed(DISGUISES[index], recorder)
    try:
        isolated.run_isolated(text, timeout=60, guard=False)
    except QueryError as error:
        assert "\n" not in str(error)
    assert len(recorder.requests) == before


def test_unlocked_engine_really_fetches(recorder: Recorder) -> None:
    """The control for the tests above: without either layer, Oxigraph does fetch."""
    import pyoxigraph as ox

    before = len(recorder.requests)
    list(ox.Store().query(aimed(DISGUISES[0], recorder)))  # type: ignore[arg-type]
    assert len(recorder.requests) == before + 1


# --- through `vngkb query` ------------------------------------------------------------

@pytest.mark.parametrize("index", CLI_SAMPLE)
def test_cli_query_refuses_service(index: int, recorder: Recorder) -> None:
    before = len(recorder.requests)
    code, out, err = cli("query", "-", stdin=aimed(DISGUISES[index], recorder))
    assert_one_line_error(code, err)
    assert out == ""
    assert len(recorder.requests) == before


@pytest.mark.hostile_slow
@pytest.mark.parametrize("template", DISGUISES)
def test_cli_query_refuses_every_disguise(template: str, recorder: Recorder) -> None:
    before = len(recorder.requests)
    code, _, err = cli("query", "-", stdin=aimed(template, recorder))
    assert_one_line_error(code, err)
    assert len(recorder.requests) == before


@pytest.mark.hostile_slow
@pytest.mark.skipif(not netlock.supported(), reason="the network lock is Linux x86_64/aarch64")
@pytest.mark.parametrize("template", DISGUISES)
def test_os_layer_alone_for_every_disguise(template: str, recorder: Recorder) -> None:
    before = len(recorder.requests)
    try:
        isolated.run_isolated(aimed(template, recorder), timeout=60, guard=False)
    except QueryError as error:
        assert "\n" not in str(error)
    assert len(recorder.requests) == before


def test_cli_allow_service_fetches_only_when_asked(recorder: Recorder) -> None:
    before = len(recorder.requests)
    text = f"SELECT * {{ SERVICE <{recorder.url}> {{ ?s ?p ?o }} }}"
    code, _, err = cli("query", "-", "-f", "csv", stdin=text)
    assert_one_line_error(code, err)
    assert len(recorder.requests) == before
    code, out, err = cli("query", "-", "-f", "csv", "--allow-service", stdin=text)
    assert (code, out.strip()) == (0, "o,p,s"), err
    assert len(recorder.requests) == before + 1


# --- limits before the engine ---------------------------------------------------------

def nested(opening: str, depth: int) -> str:
    closing = {"{": "}", "[": "]", "(": ")"}[opening]
    return "SELECT * WHERE { FILTER(" + opening * depth + closing * depth + ") }"


@pytest.mark.parametrize("opening", ["{", "[", "("])
@pytest.mark.parametrize(("depth", "refused"), [(62, False), (63, True), (64, True)])
def test_nesting_limit_boundary(opening: str, depth: int, refused: bool) -> None:
    """Two levels come from the query itself: 62 more make 64 (the limit), 63 make 65."""
    text = nested(opening, depth)
    assert sparqlguard.scan(text).depth == depth + 2
    if refused:
        with pytest.raises(QueryLimitError, match="64 levels"):
            sparqlguard.check_limits(text)
    else:
        assert sparqlguard.check_limits(text).depth == 64


@pytest.mark.parametrize(("unions", "refused"), [(499, False), (500, False), (501, True)])
def test_union_limit_boundary(unions: int, refused: bool) -> None:
    text = "SELECT * WHERE { {} " + "UNION {} " * unions + "}"
    if refused:
        with pytest.raises(QueryLimitError, match="UNION branches than the limit of 500"):
            sparqlguard.check_limits(text)
    else:
        assert sparqlguard.check_limits(text).unions == unions


@pytest.mark.parametrize(("length", "refused"), [(99_999, False), (100_000, False),
                                                 (100_001, True)])
def test_length_limit_boundary(length: int, refused: bool) -> None:
    head = "ASK {} #"
    text = head + "x" * (length - len(head))
    assert len(text) == length
    if refused:
        with pytest.raises(QueryLimitError, match="100000 characters"):
            sparqlguard.check_limits(text)
    else:
        sparqlguard.check_limits(text)


@pytest.mark.parametrize(("text", "depth", "unions"), [
    ('SELECT * { ?s ?p "{{{{ UNION" }', 1, 0),
    ("SELECT * { ?s ?p '''{{{\r(((''' }", 1, 0),
    ("SELECT * { ?s ?p 'a\\'{{' }", 1, 0),
    ("SELECT * { ?s <http://x/((UNION> ?o }", 1, 0),
    ("SELECT * { ?s ?p ?o } # {{{{ UNION", 1, 0),
    ("SELECT * { ?s ?p ?o } # x\r{{ UNION {", 3, 1),
    ("SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > (1)) }", 3, 0),
    ("SELECT * { ?s ?p ?UNION . ?s ex:UNION ?o }", 1, 0),
    ("SELECT * { {} uNiOn {} }", 2, 1),
])
def test_scanner_follows_the_lexical_rules(text: str, depth: int, unions: int) -> None:
    shape = sparqlguard.scan(text)
    assert (shape.depth, shape.unions) == (depth, unions)


@pytest.mark.parametrize(("text", "limit"), [
    ("SELECT * WHERE " + "{" * 5000 + "}" * 5000, "64 niveaus"),
    (nested("[", 5000), "64 niveaus"),
    (nested("(", 5000), "64 niveaus"),
    ("SELECT * WHERE { FILTER(" + "(" * 30_000, "64 niveaus"),
    ("SELECT * WHERE { {} " + "UNION{}" * 14_000 + "}", "grens van 500"),
    ("SELECT * WHERE { " + " UNION ".join(["{?s ?p ?o}"] * 20_000) + "}", "100000 tekens"),
    ("ASK {} #" + "x" * 200_000, "100000 tekens"),
    ("", "de query is leeg"),
    ("   \n\t ", "de query is leeg"),
])
def test_cli_limits(text: str, limit: str) -> None:
    code, out, err = cli("query", "-", stdin=text)
    assert_one_line_error(code, err)
    assert limit in err and out == ""


@pytest.mark.parametrize(("text", "limit"), [
    (nested("{", 100), "the query nests brackets deeper than the limit of 64 levels"),
    ("SELECT * WHERE { {} " + "UNION{}" * 600 + "}",
     "the query has more UNION branches than the limit of 500"),
    ("ASK {} #" + "x" * 200_000, "the query is longer than the limit of 100000 characters"),
    ("  ", "the query is empty"),
    ("INSERT DATA { <http://x/a> <http://x/b> 1 }",
     "SPARQL updates are refused: queries are read-only"),
    ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE is not allowed"),
])
def test_cli_limits_in_english(text: str, limit: str) -> None:
    code, out, err = cli("--lang", "en", "query", "-", stdin=text)
    assert_one_line_error(code, err)
    assert err == f"vngkb: {limit}\n" or (limit.startswith("SERVICE") and limit in err)
    assert out == ""


def test_cli_time_limit() -> None:
    """A 3-way count over the whole KB runs for minutes on any machine; --timeout 0.5
    stops it."""
    text = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    code, out, err = cli("query", "-", "--timeout", "0.5", stdin=text)
    assert_one_line_error(code, err)
    assert "tijdgrens van 0.5 s" in err and out == ""
    code, out, err = cli("--lang", "en", "query", "-", "--timeout", "0.5", stdin=text)
    assert_one_line_error(code, err)
    assert "time limit of 0.5 s" in err and out == ""


def test_cli_memory_limit() -> None:
    """A 4-way cartesian product needs far more than 300 MiB: the process stops, and the
    terminal gets one line (whichever limit it meets first)."""
    text = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    code, out, err = cli("query", "-", "--max-memory", "300", "--timeout", "20", stdin=text)
    assert_one_line_error(code, err)
    assert "geheugengrens van 300 MiB" in err or "tijdgrens" in err
    assert out == ""


@pytest.mark.parametrize("args", [
    ("--timeout", "0"), ("--timeout", "-1"), ("--timeout", "nan"), ("--timeout", "1e400"),
    ("--max-memory", "1"), ("--max-memory", "99999999999"),
])
def test_cli_limit_options_are_checked(args: tuple[str, ...]) -> None:
    code, _, err = cli("query", "-", *args, stdin="ASK {}")
    assert code == 2 and "Traceback" not in err


# --- evaluation errors: one line, exit 2 ----------------------------------------------

@pytest.mark.parametrize(("text", "message"), [
    ("SELECT * { BIND(<http://x/f>(1) AS ?x) }", "custom function"),
    ("SELECT * { SERVICE <file:///etc/passwd> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * { SERVICE ?unbound { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * { BIND(<http://a/%zz> AS ?x) }", "SPARQL-syntaxfout"),
    ("SELECT * { BIND(<http://[::1> AS ?x) }", "SPARQL-syntaxfout"),
    ("SELECT * { ?s ?p }", "SPARQL-syntaxfout"),
    ("SELECT * { ?s ?p ?o FILTER(REGEX(?o, \"(\")) }", ""),
    ("SELECT * { ?s ?p \"\\uD800\" }", ""),
    ("SELECT * { ?s ?p \"\\U0011FFFF\" }", "SPARQL-syntaxfout"),
    ("SELECT (<http://www.w3.org/2001/XMLSchema#integer>(\"x\" ) AS ?x) {}", ""),
])
def test_cli_evaluation_errors_are_one_line(text: str, message: str) -> None:
    code, _, err = cli("query", "-", "-f", "csv", stdin=text)
    if code == 0:  # an engine may answer some of these with no row: never a crash
        assert err == "" and not message
        return
    assert_one_line_error(code, err)
    assert message in err


@pytest.mark.parametrize("data", [b"\xff\xfe", b"ASK {} # \xc3\x28", b"ASK { \xed\xa0\x80 }",
                                  b"\xc0\xaf", b"ASK {} \xe2\x82", b"\x00\x00\xfe\xff"])
def test_cli_query_not_utf8(data: bytes) -> None:
    code, out, err = cli("query", "-", stdin=data)
    assert_one_line_error(code, err)
    assert "is geen UTF-8-tekst" in err and out == ""
    code, out, err = cli("--lang", "en", "query", "-", stdin=data)
    assert_one_line_error(code, err)
    assert "is not UTF-8 text" in err and out == ""


@pytest.mark.parametrize("name", ["a" * 300, "a" * 201, "x" * 5000, "../" * 100 + "etc",
                                  "vraag\x00nul", "vr\u00e4ag", "\u0661\u0662"])
def test_cli_odd_question_names(name: str) -> None:
    code, out, err = cli("ask", name)
    assert_one_line_error(code, err)
    assert "geen vraag met de naam" in err and out == ""
    assert len(err) < 2000
    code, out, err = cli("--lang", "en", "ask", name)
    assert_one_line_error(code, err)
    assert "no question named" in err and out == ""


@pytest.mark.parametrize("value", [
    "http://a/%zz", "http://[::1", "http://a/%", "http://a/%4", "http://a b/",
    "http://a/\u0000", "http://a/<x>", "http://a/{x}", "http://a/\"", "https://[zz]/",
    "http://a/" + "x" * 10_000 + "%zz",
])
def test_cli_ask_bad_iri_parameter(value: str) -> None:
    code, out, err = cli("ask", "bedragen-van-maatregel", "-p", f"maatregel={value}")
    assert_one_line_error(code, err)
    assert "parameter maatregel" in err and out == ""
    assert len(err) < 400


# --- mutations: disguises we did not write ----------------------------------------------

MUTATIONS = ["\r", "\n", "#", "'", '"', "'''", '"""', "\\", "<", ">", "{", "}", "(", ")",
             " ", "\\u000d", "\\u000a", "\\u0022", "\\u0027", "\\u0023", "\\u003c", "\\u003e",
             "ex:", ":", ".", ";", "?", "$", "SERVICE", "service", "SILENT", "GRAPH", "\\'",
             '\\"', "\\#", "%", "\t", "\x0c", "\x00", "\u00a0", "\u2028", "a", "1"]


def mutated(seed: int, count: int, recorder: Recorder) -> list[str]:
    """*count* disguises, each changed at a few random places (seeded: repeatable)."""
    import random

    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        text = aimed(rng.choice(DISGUISES), recorder)
        for _ in range(rng.randint(1, 4)):
            at = rng.randint(0, len(text))
            if rng.random() < 0.3:
                text = text[:at] + text[at + rng.randint(1, 3):]
            else:
                text = text[:at] + rng.choice(MUTATIONS) + text[at:]
        queries.append(("PREFIX ex: <http://x/> " if rng.random() < 0.3 else "") + text)
    return queries


def assert_refused_or_harmless(queries: list[str], recorder: Recorder,
                               check: object) -> None:
    """Each query is refused by *check*, or, run by the engine with no lock at all,
    fetches nothing: what the check lets through cannot reach another host."""
    import pyoxigraph as ox

    assert callable(check)
    let_through = 0
    for text in queries:
        try:
            check(text)
        except QueryError:
            continue
        let_through += 1
        before = len(recorder.requests)
        with contextlib.suppress(SyntaxError, OSError, RuntimeError, ValueError):
            list(ox.Store().query(text))  # type: ignore[arg-type]
        assert len(recorder.requests) == before, text
    assert let_through < len(queries)


def test_mutated_disguises_against_quick_scan_and_parse(recorder: Recorder) -> None:
    queries = mutated(2026, 2000, recorder)
    assert len(queries) == 2000
    assert_refused_or_harmless(queries, recorder, sparqlguard.check_query)


@pytest.mark.hostile_slow
def test_mutated_disguises_against_the_parse_alone(recorder: Recorder) -> None:
    def parse_only(text: str) -> object:
        sparqlguard.check_limits(text)
        return sparqlguard.analyse_query(text)

    queries = mutated(9, 400, recorder)
    assert len(queries) == 400
    assert_refused_or_harmless(queries, recorder, parse_only)


def test_mutated_disguises_after_many_approved_structures(recorder: Recorder) -> None:
    """Verdicts remembered by structure (:func:`sparqlguard.query_structure`) let no
    disguise through: every disguise with GRAPH for SERVICE is approved first, then the
    disguises and their mutations are checked again."""
    approved = 0
    for template in DISGUISES:
        harmless = aimed(template, recorder).replace("SERVICE", "GRAPH").replace(
            "service", "graph")
        with contextlib.suppress(QueryError):
            sparqlguard.check_query(harmless)
            approved += 1
    assert approved >= 30  # of 45 (the others spell GRAPH with escapes, or do not parse)
    for template in DISGUISES:
        with pytest.raises(QueryError):
            sparqlguard.check_query(aimed(template, recorder))
    assert_refused_or_harmless(mutated(4242, 1000, recorder), recorder,
                               sparqlguard.check_query)


# --- the query process dies with `vngkb query` ----------------------------------------

def _children(parent: int) -> list[int]:
    """The processes whose parent is *parent* (from /proc)."""
    import os

    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.append(int(entry))
    return found


def _running(pid: int) -> bool:
    """Whether *pid* exists and is not a zombie (a zombie runs nothing)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
@pytest.mark.parametrize("spawn", [False, True])
def test_the_query_process_dies_with_vngkb_query(spawn: bool, tmp_path: object) -> None:
    """Issue 24's reproduction: `vngkb query` killed with SIGKILL while its query runs;
    its query process is gone within a second. *spawn*: the child started as a new
    interpreter (as where a fork is not safe) instead of a fork."""
    import signal
    import time

    text = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    program = textwrap.dedent(f"""
        import sys
        from vngkb.sandbox import isolated
        isolated.run_isolated(sys.stdin.read(), timeout=20, fork={not spawn})
    """)
    command = ([sys.executable, "-c", program] if spawn
               else [sys.executable, "-m", "vngkb", "query", "-", "--timeout", "20"])
    parent = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        assert parent.stdin is not None
        parent.stdin.write(text.encode())
        parent.stdin.close()
        deadline = time.monotonic() + 30
        children: list[int] = []
        while not children and time.monotonic() < deadline:
            children = [pid for pid in _children(parent.pid) if _running(pid)]
            time.sleep(0.05)
        assert children, "no query process started"
        time.sleep(1)  # it is running the query now
        assert all(_running(pid) for pid in children)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        killed = time.monotonic()
        while any(_running(pid) for pid in children) and time.monotonic() < killed + 1:
            time.sleep(0.02)
        assert not any(_running(pid) for pid in children)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


# --- the guard against rdflib's grammar, many more texts (tests/test_guard.py) ----

@pytest.mark.hostile_slow
@settings(max_examples=6000, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(mutated_texts())
def test_many_mutated_texts_get_the_oracles_verdict(case: tuple[str, bool]) -> None:
    text, allow_service = case
    assert_agrees(text, allow_service=allow_service)
