"""vngkb as a client of other people's servers (``--endpoint``, ``publish``, the Python
API), against the scripted server of tests/scripted.py lying on 127.0.0.1: every lie
ends in one printable line and exit code 3 (2 for a bad URL), within the deadline, with
bounded memory and no redirect followed to another host or scheme."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
import pytest

import vngkb
import vngkb.api
from tests.hostile.cli_helpers_input import Outcome, assert_refused, run_cli
from tests.scripted import Reply, Request, ScriptedServer
from vngkb.core.errors import EndpointError, InputError, ParameterError, VngkbError
from vngkb.query.http import MAX_REDIRECTS, check_url, exchange
from vngkb.query.store import EmbeddedStore, RemoteEndpoint
from vngkb.rdf.namespaces import XSD

QUESTION = ["ask", "bedragen-in-jaar", "-p", "jaar=2020", "-f", "csv"]
QUERY = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
OK_JSON = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
#: The --timeout of the commands that have one. A server that drips gets a shorter one
#: (DRIP_TIMEOUT): still above the pause between two of its bytes, so only a deadline
#: for the whole exchange, not one per read, ends it.
TIMEOUT = "2"
DRIP_TIMEOUT = "0.5"


def _command(kind: str, url: str, timeout: str = TIMEOUT) -> tuple[list[str], str | None]:
    """The command line of *kind* aimed at *url*, and its standard input."""
    if kind == "ask":
        return [*QUESTION, "--endpoint", url], None
    if kind == "query":
        return ["query", "-", "--endpoint", url, "--timeout", timeout, "-f", "csv"], QUERY
    return ["publish", "--endpoint", url, "--timeout", timeout], None


def _run(kind: str, url: str, env: dict[str, str] | None = None,
         timeout: str = TIMEOUT) -> Outcome:
    from click.testing import CliRunner

    from vngkb.cli.commands import main

    args, stdin = _command(kind, url, timeout)
    result = CliRunner().invoke(main, args, input=stdin, env=env)
    return Outcome(result.exit_code, result.stdout, result.stderr, result.exception)


def _assert_printable(outcome: Outcome) -> None:
    line = outcome.stderr.rstrip("\n")
    assert line.isprintable(), repr(line)
    assert "\x1b" not in outcome.stderr and "\x00" not in outcome.stderr


# --- transport: what the server sends, byte by byte -----------------------------------

HEADERS_OK = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"

TRANSPORT: list[tuple[str, Reply, str]] = [
    ("drip-status-line", Reply(raw=HEADERS_OK + b"Content-Length: %d\r\n\r\n"
                               % len(OK_JSON) + OK_JSON, drip=0.2),
     f"geen volledig antwoord binnen {DRIP_TIMEOUT} s"),
    ("drip-body", Reply(raw=HEADERS_OK + b"Content-Length: 4000\r\n\r\n" + b" " * 4000,
                        drip=0.05), f"geen volledig antwoord binnen {DRIP_TIMEOUT} s"),
    ("huge-content-length", Reply(raw=HEADERS_OK + b"Content-Length: 99999999999999\r\n\r\n"
                                  + b"{"), "antwoord groter dan"),
    ("endless-body", Reply(raw=HEADERS_OK + b"\r\n", endless=b"x" * 65536),
     "antwoord groter dan"),
    ("endless-chunked", Reply(raw=HEADERS_OK + b"Transfer-Encoding: chunked\r\n\r\n",
                              endless=b"10000\r\n" + b"x" * 65536 + b"\r\n"),
     "antwoord groter dan"),
    ("garbage-status", Reply(raw=b"HTTP/1.1 2\x1b]0;pwned\x07\r\nX\x00Y\r\n\r\n"),
     "geen geldig HTTP-antwoord"),
    ("escape-status", Reply(raw=b"\x1b[31mHALLO\x1b[0m\r\n\r\n"), "geen geldig HTTP-antwoord"),
    ("nul-status", Reply(raw=b"HTTP/1.1 503 \x00Bo\x1b[2Jom\r\nContent-Length: 0\r\n\r\n"),
     "HTTP 503"),  # NUL and a terminal sequence in the reason: shown escaped
    ("endless-header", Reply(raw=HEADERS_OK + b"X-Long: " + b"a" * 200_000 + b"\r\n\r\n"),
     "geen geldig HTTP-antwoord"),
    ("many-headers", Reply(raw=HEADERS_OK + b"".join(b"X-%d: 1\r\n" % i for i in range(500))
                           + b"\r\n"), "geen geldig HTTP-antwoord"),
    ("hang-up", Reply(raw=b""), "geen geldig HTTP-antwoord"),
    ("redirect-other-host", Reply(status=302, headers=(("Location",
                                                        "http://127.0.0.2:9/sparql"),)),
     "verwijst door (HTTP 302) naar http://127.0.0.2:9/sparql"),
    ("redirect-ftp", Reply(status=301, headers=(("Location", "ftp://127.0.0.1/kb"),)),
     "naar ftp://127.0.0.1/kb"),
    ("redirect-file", Reply(status=307, headers=(("Location", "file:///etc/passwd"),)),
     "naar file:///etc/passwd"),
    ("redirect-other-port", Reply(status=308, headers=(("Location",
                                                        "http://127.0.0.1:1/sparql"),)),
     "naar http://127.0.0.1:1/sparql"),
    ("redirect-escape", Reply(status=302, headers=(("Location",
                                                    "http://x.example/\x1b]0;t\x07"),)),
     "naar http://x.example/\\x1b]0;t\\x07"),
    ("redirect-loop", Reply(status=302, headers=(("Location", "/sparql"),)),
     f"meer dan {MAX_REDIRECTS} doorverwijzingen"),
    ("error-page-escapes", Reply(status=503, content_type="text/plain",
                                 body=b"\x1b]0;pwned\x07busy\r\nX-Evil: 1\x00"), "\\x1b]0;pwned"),
]


def _transport_cases() -> Iterator[tuple[str, str, Reply, str]]:
    for case, reply, message in TRANSPORT:
        for kind in ("ask", "query", "publish"):
            # ask has no --timeout (30 s): the drips are for the commands that have one.
            if not (kind == "ask" and reply.drip):
                yield kind, case, reply, message


@pytest.mark.parametrize(("kind", "case", "reply", "message"), list(_transport_cases()),
                         ids=[f"{k}-{c}" for k, c, _, _ in _transport_cases()])
def test_a_lying_server_is_one_printable_line_exit_3(kind: str, case: str, reply: Reply,
                                                     message: str) -> None:
    env = {"VNGKB_MAX_RESPONSE_MB": "1"}
    with ScriptedServer(reply) as server:
        start = time.monotonic()
        outcome = _run(kind, server.url, env, DRIP_TIMEOUT if reply.drip else TIMEOUT)
        took = time.monotonic() - start
    assert_refused(outcome, 3, contains=message if kind != "publish" else "")
    _assert_printable(outcome)
    assert took < 30  # the drips alone would take minutes; the endless body forever
    if kind == "publish" and message:
        assert message in outcome.stderr


@pytest.mark.parametrize("case", ["drip-status-line", "drip-body"])
@pytest.mark.parametrize("kind", ["query", "publish"])
def test_the_timeout_bounds_the_whole_exchange(kind: str, case: str) -> None:
    """``--timeout 0.5`` against a server that sends a byte every 0.05-0.2 s (which
    would take 26 to 200 s): the command ends soon after 0.5 s, not after the drip."""
    reply = dict((c, r) for c, r, _ in TRANSPORT)[case]
    with ScriptedServer(reply) as server:
        start = time.monotonic()
        outcome = _run(kind, server.url, timeout=DRIP_TIMEOUT)
        took = time.monotonic() - start
    assert outcome.code == 3, outcome.stderr
    assert "binnen 0.5 s" in outcome.stderr
    assert 0.5 <= took < 5, took


def test_a_slow_answer_within_the_timeout_is_read() -> None:
    """The other side of the deadline: an answer dripped over some 0.3 s (one byte every
    2 ms) within ``--timeout 1.5`` is read whole and answered."""
    reply = Reply(raw=HEADERS_OK + b"Content-Length: %d\r\n\r\n" % len(OK_JSON) + OK_JSON,
                  drip=0.002)
    with ScriptedServer(reply) as server:
        outcome = _run("query", server.url, timeout="1.5")
    assert (outcome.code, outcome.stdout) == (0, "s\n"), outcome.stderr


def test_a_redirect_within_the_origin_is_followed() -> None:
    def script(request: Request) -> Reply:
        if request.path == "/sparql":
            return Reply(status=307, headers=(("Location", "/elders"),))
        return Reply(body=OK_JSON)

    with ScriptedServer(script) as server:
        outcome = _run("query", server.url)
    assert (outcome.code, outcome.stdout) == (0, "s\n"), outcome.stderr


@pytest.mark.parametrize(("limit_mb", "size", "refused"), [
    (1, 1024 * 1024 - 60, False), (1, 1024 * 1024 + 1, True)])
def test_the_answer_bound_at_its_edge(limit_mb: int, size: int, refused: bool,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_MAX_RESPONSE_MB", str(limit_mb))
    body = OK_JSON[:-1] + b" " * (size - len(OK_JSON)) + b"}"
    assert len(body) == size
    with ScriptedServer(Reply(body=body)) as server:
        if refused:
            with pytest.raises(EndpointError, match="groter dan 1048576 bytes"):
                exchange("POST", server.url, body=b"", timeout=5)
        else:
            assert exchange("POST", server.url, body=b"", timeout=5).body == body


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5", "٣", "9" * 50, " "])
def test_a_bad_bound_is_one_line_exit_2(value: str) -> None:
    with ScriptedServer(Reply(body=OK_JSON)) as server:
        outcome = _run("query", server.url, {"VNGKB_MAX_RESPONSE_MB": value})
    if not value.strip():  # empty: the default bound
        assert outcome.code == 0
    else:
        assert_refused(outcome, 2, contains="VNGKB_MAX_RESPONSE_MB")


# --- answers of the wrong shape, for every command that reads one -----------------------

@pytest.fixture(scope="module")
def truth(backend: EmbeddedStore) -> Callable[[Request], dict[str, Any]]:
    def answer(request: Request) -> dict[str, Any]:
        result = backend.store.query(request.query)
        assert isinstance(result, (ox.QuerySolutions, ox.QueryBoolean))
        data = result.serialize(format=ox.QueryResultsFormat.JSON)
        assert data is not None
        loaded: dict[str, Any] = json.loads(data)
        return loaded
    return answer


def _bindings(d: dict[str, Any]) -> list[dict[str, Any]]:
    return list(d.get("results", {}).get("bindings", []))


def _rename(d: dict[str, Any]) -> dict[str, Any]:
    if d["head"].get("vars"):
        old = d["head"]["vars"][0]
        d["head"]["vars"][0] = old + "_x"
        for b in _bindings(d):
            if old in b:
                b[old + "_x"] = b.pop(old)
    return d


def _drop(d: dict[str, Any]) -> dict[str, Any]:
    if d["head"].get("vars"):
        gone = d["head"]["vars"].pop()
        for b in _bindings(d):
            b.pop(gone, None)
    return d


def _add(d: dict[str, Any]) -> dict[str, Any]:
    d["head"].setdefault("vars", []).append("extra")
    return d


def _nan(d: dict[str, Any]) -> dict[str, Any]:
    for b in _bindings(d):
        for term in b.values():
            if term.get("datatype", XSD + "string") != XSD + "string":
                term["value"] = "NaN"
    return d


def _plain(d: dict[str, Any]) -> dict[str, Any]:
    for b in _bindings(d):
        for term in b.values():
            if term["type"] == "literal":
                term.pop("datatype", None)
                term["value"] = "NaN"
    return d


def _iri(d: dict[str, Any]) -> dict[str, Any]:
    for b in _bindings(d):
        for key in list(b):
            b[key] = {"type": "uri", "value": "http://x.example/"}
    return d


LIES: dict[str, Callable[[dict[str, Any]], dict[str, Any]] | bytes] = {
    "renamed-column": _rename,
    "missing-column": _drop,
    "added-column": _add,
    "typed-nan": _nan,
    "deeply-nested": b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":' + b"[" * 100_000
                     + b"]" * 100_000 + b"}]}}",
    "nested-array": b"[" * 1_000_000,
    "not-json": b"<html>\x1b[2J</html>",
    "boolean-for-select": b'{"head":{},"boolean":true}',
    "boolean-as-string": b'{"head":{},"boolean":"yes"}',
    "unknown-term-type": b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"x",'
                         b'"value":"1"}}]}}',
    "number-as-value": b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal",'
                       b'"value":1}}]}}',
    "bad-iri": b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"uri",'
               b'"value":"not an iri\\u001b"}}]}}',
    "undeclared-variable": b'{"head":{"vars":["n"]},"results":{"bindings":[{"m":{"type":'
                           b'"literal","value":"1"}}]}}',
}
#: Lies of value, not of shape: refused where the command computes with the values.
VALUE_LIES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "plain-nan": _plain, "iri-everywhere": _iri}
READERS = {
    "ask": QUESTION,
    "toon": ["toon", "investeringsfonds"],
    "totalen": ["totalen", "-f", "csv"],
    "totalen-jaar": ["totalen", "--jaar", "2020", "-f", "csv"],
    "stats": ["stats", "-f", "csv"],
    "measures": ["measures", "-f", "json"],
}
#: Where each value lie meets a computation (an IRI in every cell makes the totals over
#: all years an empty table, which is an answer, not an error).
COMPUTING = {"plain-nan": ["totalen", "totalen-jaar", "stats"],
             "iri-everywhere": ["totalen-jaar", "stats"]}


def _lying(truth: Callable[[Request], dict[str, Any]], lie: Any) -> Callable[[Request], Reply]:
    def script(request: Request) -> Reply:
        body = lie if isinstance(lie, bytes) else json.dumps(lie(truth(request))).encode()
        return Reply(body=body)
    return script


def _shape_cases() -> Iterator[tuple[str, str]]:
    for lie in LIES:
        for reader in READERS:
            yield lie, reader
    for lie in VALUE_LIES:
        for reader in COMPUTING[lie]:
            yield lie, reader


@pytest.mark.parametrize(("lie", "reader"), list(_shape_cases()))
def test_an_answer_of_the_wrong_shape_is_one_line_exit_3(
        lie: str, reader: str, truth: Callable[[Request], dict[str, Any]]) -> None:
    told = LIES.get(lie) or VALUE_LIES[lie]
    with ScriptedServer(_lying(truth, told)) as server:
        outcome = run_cli(*READERS[reader], "--endpoint", server.url)
    assert_refused(outcome, 3, contains=f"SPARQL-endpoint {server.url}")
    _assert_printable(outcome)


@pytest.mark.parametrize("reader", list(READERS))
def test_the_truth_is_answered_as_the_embedded_store_does(
        reader: str, truth: Callable[[Request], dict[str, Any]]) -> None:
    """The same server telling the truth: each reader gives the embedded store's output
    (so the refusals above are the lies', not the reader's)."""
    with ScriptedServer(_lying(truth, lambda d: d)) as server:
        remote = run_cli(*READERS[reader], "--endpoint", server.url)
    local = run_cli(*READERS[reader])
    # stderr holds nothing, or for the totals the letter they are about (stdout is CSV).
    named = ("Brief: Ledenbrief Miljoenennota 2020 (ledenbrief-miljoenennota-2020)\n"
             if READERS[reader][0] == "totalen" else "")
    assert (remote.code, remote.stderr) == (0, named)
    assert local.stderr == named
    # measures too: an amount's quotes are joined in a fixed order, whatever the store's
    assert remote.stdout == local.stdout and local.stdout


def _nan_counts(d: dict[str, Any]) -> dict[str, Any]:
    """Only the counts (xsd:integer) lie; the letters' years and names stay true."""
    for b in _bindings(d):
        for term in b.values():
            if term.get("datatype") == XSD + "integer":
                term["value"] = "NaN"
    return d


def test_a_count_of_nan_is_refused_naming_the_column(
        truth: Callable[[Request], dict[str, Any]]) -> None:
    with ScriptedServer(_lying(truth, _nan_counts)) as server:
        outcome = run_cli("stats", "-f", "csv", "--endpoint", server.url)
    assert_refused(outcome, 3, contains="'NaN': not an xsd:integer")


# --- URLs: http and https only, in the CLI and the Python API ---------------------------

BAD_URLS = ["file:///etc/passwd", "ftp://127.0.0.1/kb", "gopher://127.0.0.1/", "http://",
            "http:///sparql", "//127.0.0.1/sparql", "127.0.0.1:7878/query", "http://[::1",
            "http://127.0.0.1:99999/", "http://127.0.0.1:x/", "http://a b/",
            "http://127.0.0.1/\x1b[31m", "http://127.0.0.1/\udce9",
            "http://127.0.0.1/" + "a" * 3000, "javascript:alert(1)", "data:text/plain,x", ""]


@pytest.mark.parametrize("url", BAD_URLS, ids=lambda u: repr(u)[:30])
@pytest.mark.parametrize("command", [["stats"], ["toon", "jeugd"], ["totalen"], ["measures"],
                                     ["vraag", "Welke DU's starten in 2020?"]])
def test_only_http_urls_are_accepted_by_the_cli(command: list[str], url: str) -> None:
    assert_refused(run_cli(*command, "--endpoint", url), 2, contains="--endpoint")


@pytest.mark.parametrize("url", BAD_URLS, ids=lambda u: repr(u)[:30])
def test_only_http_urls_are_accepted_by_publish(url: str) -> None:
    assert_refused(run_cli("publish", "--endpoint", url), 2)


@pytest.mark.parametrize("url", BAD_URLS, ids=lambda u: repr(u)[:30])
def test_only_http_urls_are_accepted_by_the_python_api(url: str) -> None:
    with pytest.raises(InputError, match="endpoint"):
        vngkb.ask("bedragen-in-jaar", endpoint=url, jaar=2020)
    with pytest.raises(InputError, match="endpoint"):
        RemoteEndpoint(url)


def test_a_file_url_is_never_read() -> None:
    with pytest.raises(InputError):
        vngkb.ask("bedragen-in-jaar", endpoint="file:///etc/passwd", jaar=2020)
    assert check_url("https://example.org/sparql") == "https://example.org/sparql"


# --- the Python API: its own exceptions for every bad value ----------------------------

API_CASES: list[tuple[str, Callable[[], object], type[BaseException], str]] = [
    ("name-none", lambda: vngkb.ask(None), TypeError, "must be a str, not NoneType"),  # type: ignore[arg-type]
    ("name-int", lambda: vngkb.ask(123), TypeError, "not int"),  # type: ignore[arg-type]
    ("name-bytes", lambda: vngkb.ask(b"bedragen-in-jaar"), TypeError, "not bytes"),  # type: ignore[arg-type]
    ("name-surrogate", lambda: vngkb.ask("\udce9"), VngkbError, "geen vraag met de naam"),
    ("name-huge", lambda: vngkb.ask("a" * 10_000_000), VngkbError, "geen vraag met de naam"),
    ("value-huge-int", lambda: vngkb.ask("bedragen-in-jaar", jaar=10 ** 5000),
     ParameterError, "te groot"),
    ("value-surrogate", lambda: vngkb.ask("bedragen-in-jaar", jaar="\udce9"),
     ParameterError, "jaar"),
    ("value-none", lambda: vngkb.ask("bedragen-in-jaar", jaar=None), TypeError, "NoneType"),
    ("value-list", lambda: vngkb.ask("bedragen-in-jaar", jaar=[2020]), TypeError, "list"),
    ("value-bool", lambda: vngkb.ask("bedragen-in-jaar", jaar=True), TypeError, "bool"),
    ("value-nan", lambda: vngkb.ask("bedragen-in-jaar", jaar=float("nan")),
     ParameterError, "jaar"),
    ("value-decimal-inf", lambda: vngkb.ask("bedragen-in-jaar", jaar=Decimal("Infinity")),
     ParameterError, "jaar"),
    ("unknown-parameter", lambda: vngkb.ask("bedragen-in-jaar", onbekend=1), ParameterError,
     "onbekend"),
    ("endpoint-int", lambda: vngkb.ask("bedragen-in-jaar", endpoint=1), TypeError, "int"),  # type: ignore[arg-type]
    ("endpoint-bytes", lambda: vngkb.ask("bedragen-in-jaar", endpoint=b"http://x/"),  # type: ignore[arg-type]
     TypeError, "bytes"),
    ("endpoint-ftp", lambda: vngkb.ask("bedragen-in-jaar", endpoint="ftp://x/"), InputError,
     "ftp://x/"),
    ("api-query-none", lambda: vngkb.api.run_query(None), TypeError, "NoneType"),  # type: ignore[arg-type]
    ("api-query-file-endpoint", lambda: vngkb.api.run_query("ASK {}", "file:///etc/passwd"),
     InputError, "file:"),
    ("api-vraag-int", lambda: vngkb.api.vraag(5), TypeError, "int"),  # type: ignore[arg-type]
    ("api-totalen-int", lambda: vngkb.api.totalen(2020), TypeError, "int"),  # type: ignore[arg-type]
    ("api-stats-ftp", lambda: vngkb.api.stats("ftp://x/"), InputError, "ftp://x/"),
    ("api-measures-file", lambda: vngkb.api.measures("file:///etc/passwd"), InputError, "file:"),
    ("api-toon-none", lambda: vngkb.api.toon(None), TypeError, "NoneType"),  # type: ignore[arg-type]
    ("api-ask-value-int", lambda: vngkb.api.ask("bedragen-in-jaar", {"jaar": 2020}),  # type: ignore[dict-item]
     TypeError, "parameter jaar"),
]


@pytest.mark.parametrize(("case", "call", "kind", "message"), API_CASES,
                         ids=[c for c, _, _, _ in API_CASES])
def test_the_python_api_raises_its_own_exceptions(case: str, call: Callable[[], object],
                                                   kind: type[BaseException],
                                                   message: str) -> None:
    with pytest.raises(kind) as raised:
        call()
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("count", [
    {"type": "literal", "value": "NaN"},
    {"type": "literal", "value": "NaN", "datatype": XSD + "integer"},
    {"type": "uri", "value": "http://x.example/"},
    {"type": "literal", "value": "1e999", "datatype": XSD + "double"},
])
def test_publish_refuses_a_count_that_is_no_number(count: dict[str, str]) -> None:
    """``publish --query-endpoint``: the store takes every graph (PUT 204), then its query
    endpoint counts the triples with a value that is no count."""
    graph = {"type": "uri", "value": "https://w3id.org/vngkb/id/graaf/kb/brief"}
    answer = json.dumps({"head": {"vars": ["g", "n"]},
                         "results": {"bindings": [{"g": graph, "n": count}]}}).encode()

    def script(request: Request) -> Reply:
        return Reply(status=204) if request.method == "PUT" else Reply(body=answer)

    with ScriptedServer(script) as server:
        outcome = run_cli("publish", "--endpoint", server.url, "--query-endpoint", server.url)
    assert_refused(outcome, 3, contains=f"SPARQL-endpoint {server.url}")
