"""`vngkb serve`'s app (vngkb.server.app), served in-process (tests/web.py: the app's
lifespan and its query worker processes run, no socket), without a browser: the SPARQL
1.1 Protocol, content negotiation, dereferenceable URIs, the pages and their links, the
canned questions, and the endpoint's limits."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph as ox
import pytest

from tests.web import (
    MEASURE,
    SLOW_QUERY,
    InProcess,
    direct,
    fetch,
    links_of,
    solutions,
    sparql_get,
    triples_of,
)
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.query import catalogue
from vngkb.query.catalogue import with_allowed_values
from vngkb.query.output import render
from vngkb.query.store import EmbeddedStore
from vngkb.rdf.namespaces import BASE
from vngkb.server import create_app
from vngkb.server.pool import Job, Outcome

OTHER_BASE = "https://data.example.org/kb"


@pytest.fixture(scope="module")
def store(backend: EmbeddedStore) -> ox.Store:
    return backend.store


@pytest.fixture(scope="module")
def server(store: ox.Store) -> Iterator[str]:
    """The server with the defaults (two query workers)."""
    with InProcess(create_app(store, workers=2)) as live:
        yield live.url


@pytest.fixture(scope="module")
def limited(store: ox.Store) -> Iterator[str]:
    """A server with a one-second time limit, five rows at most and one worker."""
    with InProcess(create_app(store, timeout=1.0, max_rows=5, workers=1)) as live:
        yield live.url


@pytest.fixture(scope="module")
def rebased(store: ox.Store) -> Iterator[str]:
    """The same KB served under another base."""
    with InProcess(create_app(store, base=OTHER_BASE + "/", workers=1)) as live:
        yield live.url


# --- the SPARQL protocol ------------------------------------------------------------------

SELECT_MEASURES = ("PREFIX def: <https://w3id.org/vngkb/def/> "
                   "PREFIX dct: <http://purl.org/dc/terms/> "
                   "SELECT ?m ?title WHERE { ?m a def:Maatregel ; dct:title ?title } ORDER BY ?m")


def test_get_select_as_json(server: str, store: ox.Store) -> None:
    reply = sparql_get(server, SELECT_MEASURES)
    assert reply.status == 200
    assert reply.type == "application/sparql-results+json"
    assert reply.json()["head"]["vars"] == ["m", "title"]
    assert solutions(reply, ox.QueryResultsFormat.JSON) == direct(store, SELECT_MEASURES)
    assert len(reply.json()["results"]["bindings"]) == 90


def test_post_form_and_direct_body(server: str, store: ox.Store) -> None:
    want = direct(store, SELECT_MEASURES)
    form = fetch(f"{server}/sparql", data=urllib.parse.urlencode(
        {"query": SELECT_MEASURES}).encode(), content_type="application/x-www-form-urlencoded")
    assert form.status == 200 and solutions(form, ox.QueryResultsFormat.JSON) == want
    body = fetch(f"{server}/sparql", data=SELECT_MEASURES.encode(),
                 content_type="application/sparql-query; charset=utf-8",
                 accept="application/sparql-results+xml")
    assert body.status == 200 and body.type == "application/sparql-results+xml"
    assert solutions(body, ox.QueryResultsFormat.XML) == want


def test_default_prefixes_are_known(server: str) -> None:
    reply = sparql_get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?m a def:Maatregel }")
    assert reply.status == 200
    assert reply.json()["results"]["bindings"][0]["n"]["value"] == "90"


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
     "application/sparql-results+xml"),
])
def test_select_result_formats(server: str, store: ox.Store, accept: str, media: str) -> None:
    reply = sparql_get(server, SELECT_MEASURES, accept=accept)
    assert reply.status == 200 and reply.type == media
    want = direct(store, SELECT_MEASURES)
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(reply.text)))
        assert rows[0] == ["m", "title"]
        assert rows[1:] == [[t.value for t in row] for row in want]
    else:
        fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
               "application/sparql-results+xml": ox.QueryResultsFormat.XML,
               "text/tab-separated-values": ox.QueryResultsFormat.TSV}[media]
        assert solutions(reply, fmt) == want


@pytest.mark.parametrize("accept", ["application/sparql-results+json",
                                    "application/sparql-results+xml"])
def test_ask(server: str, accept: str) -> None:
    yes = sparql_get(server, "ASK { ?m a def:Maatregel }", accept=accept)
    no = sparql_get(server, "ASK { ?m a def:Nonsense }", accept=accept)
    assert yes.status == no.status == 200 and yes.type == accept
    fmt = ox.QueryResultsFormat.JSON if "json" in accept else ox.QueryResultsFormat.XML
    assert bool(ox.parse_query_results(yes.body, format=fmt)) is True
    assert bool(ox.parse_query_results(no.body, format=fmt)) is False


GRAPH_QUERIES = [
    f"CONSTRUCT WHERE {{ <https://w3id.org/vngkb/id/maatregel/{LB}/laaggeletterdheid> ?p ?o }}",
    "DESCRIBE <https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/laaggeletterdheid>",
]


@pytest.mark.parametrize("query", GRAPH_QUERIES)
@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    (None, ox.RdfFormat.TURTLE),
])
def test_graph_results(server: str, store: ox.Store, query: str, accept: str | None,
                       fmt: ox.RdfFormat) -> None:
    reply = sparql_get(server, query, accept=accept)
    assert reply.status == 200 and reply.type == fmt.media_type
    got = triples_of(reply.body, fmt)
    result = store.query(query)
    assert isinstance(result, ox.QueryTriples)
    assert got == set(result)
    assert len(got) > 10


@pytest.mark.parametrize(("query", "accept"), [
    (SELECT_MEASURES, "text/turtle"),
    (SELECT_MEASURES, "image/png"),
    ("ASK {}", "text/csv"),
    (GRAPH_QUERIES[0], "text/csv"),
    (GRAPH_QUERIES[0], "application/sparql-results+json"),
])
def test_unsupported_accept_is_406(server: str, query: str, accept: str) -> None:
    reply = sparql_get(server, query, accept=accept)
    assert reply.status == 406
    assert "available:" in reply.text


def test_malformed_query_is_400_with_the_parser_message(server: str) -> None:
    reply = sparql_get(server, "SELECT * WHERE { ?s ?p }")
    assert reply.status == 400
    assert reply.text.startswith("SPARQL syntax error:")
    assert re.search(r"\b1:\d+", reply.text)  # the engine's line and column


@pytest.mark.parametrize("request_kind", ["query", "update-param", "update-body", "form"])
def test_updates_are_403(server: str, store: ox.Store, request_kind: str) -> None:
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"
    if request_kind == "query":
        reply = sparql_get(server, update)
    elif request_kind == "update-param":
        reply = fetch(f"{server}/sparql?" + urllib.parse.urlencode({"update": update}))
    elif request_kind == "update-body":
        reply = fetch(f"{server}/sparql", data=update.encode(),
                      content_type="application/sparql-update")
    else:
        reply = fetch(f"{server}/sparql", data=urllib.parse.urlencode({"update": update}).encode(),
                      content_type="application/x-www-form-urlencoded")
    assert reply.status == 403
    assert "read-only" in reply.text
    assert not list(store.quads_for_pattern(ox.NamedNode("http://example.org/a"), None, None))


def test_service_is_refused(server: str) -> None:
    reply = sparql_get(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> "
                               "{ ?s ?p ?o } }")
    assert reply.status == 403
    assert "SERVICE is not allowed" in reply.text


def test_other_bad_requests(server: str) -> None:
    assert fetch(f"{server}/sparql", accept="application/sparql-results+json").status == 400
    assert sparql_get(server, "   ").status == 400
    twice = fetch(f"{server}/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert twice.status == 400 and "once" in twice.text
    wrong_type = fetch(f"{server}/sparql", data=b"ASK {}", content_type="text/plain")
    assert wrong_type.status == 415
    assert fetch(f"{server}/sparql", method="DELETE").status == 405
    huge = fetch(f"{server}/sparql", data=("ASK {} #" + "x" * 200_000).encode(),
                 content_type="application/sparql-query")
    assert huge.status == 413


def test_browser_without_query_gets_the_description_with_the_editor(server: str) -> None:
    reply = fetch(f"{server}/sparql", accept="text/html,*/*;q=0.8")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/html")
    assert '<a href="/query">query-editor</a>' in reply.text
    assert "sd:SPARQL11Query" in reply.text


def test_cors_lets_other_sites_query(server: str) -> None:
    reply = fetch(f"{server}/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}),
                  headers={"Origin": "https://example.org"})
    assert reply.status == 200
    assert reply.headers["access-control-allow-origin"] == "*"


# --- limits -------------------------------------------------------------------------------

def test_time_limit_stops_the_query_and_the_server_stays_up(limited: str) -> None:
    start = time.monotonic()
    slow = sparql_get(limited, SLOW_QUERY)
    took = time.monotonic() - start
    assert slow.status == 503
    assert "timed out" in slow.text and "1 s" in slow.text
    assert took < 10
    # The killed worker is replaced; the next queries are answered (the only worker
    # was the one killed, so this also waits for its replacement).
    for _ in range(3):
        again = sparql_get(limited, "SELECT (COUNT(*) AS ?n) WHERE { ?m a def:Maatregel }")
        assert again.status == 200
        assert again.json()["results"]["bindings"][0]["n"]["value"] == "90"
    assert fetch(f"{limited}/").status == 200


def test_concurrent_queries_during_a_slow_one(store: ox.Store) -> None:
    """A slow query occupies one worker; other clients are still answered. (The time
    limit is a minute, so that the slow query ends in time on a loaded machine too.)"""
    results: list[int] = []

    with InProcess(create_app(store, timeout=60.0, workers=2)) as live:
        def slow() -> None:  # about 3 s of work for one worker
            results.append(sparql_get(live.url, "SELECT (COUNT(*) AS ?n) WHERE { "
                                      "?a a def:Maatregel . ?b ?p ?o . ?c a def:Hoofdstuk "
                                      "FILTER(STR(?o) > STR(?a)) }").status)

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.3)
        for _ in range(5):
            assert sparql_get(live.url, "ASK { ?m a def:Maatregel }").status == 200
        assert thread.is_alive()  # the five were answered while the slow one ran
        thread.join(120)
    assert results == [200]


def test_max_rows_truncates_and_says_so(limited: str) -> None:
    many = sparql_get(limited, "SELECT * WHERE { ?s ?p ?o }")
    assert many.status == 200
    assert len(many.json()["results"]["bindings"]) == 5
    assert many.headers["vngkb-truncated"] == "true"
    assert many.headers["vngkb-max-rows"] == "5"
    csv_rows = list(csv.reader(io.StringIO(
        sparql_get(limited, "SELECT * WHERE { ?s ?p ?o }", accept="text/csv").text)))
    assert len(csv_rows) == 6
    triples = sparql_get(limited, "CONSTRUCT WHERE { ?s ?p ?o }",
                         accept="application/n-triples")
    assert len(triples_of(triples.body, ox.RdfFormat.N_TRIPLES)) == 5
    assert triples.headers["vngkb-truncated"] == "true"
    few = sparql_get(limited, "SELECT ?m WHERE { ?m a def:Maatregel } LIMIT 5")
    assert len(few.json()["results"]["bindings"]) == 5
    assert few.headers.get("vngkb-truncated") is None


def test_bad_settings_are_refused(store: ox.Store) -> None:
    from vngkb.core.errors import InputError

    with pytest.raises(InputError):
        create_app(store, timeout=0)
    with pytest.raises(InputError):
        create_app(store, max_rows=0)
    with pytest.raises(InputError):
        create_app(store, base="ftp://example.org/kb")


# --- dereferenceable URIs -----------------------------------------------------------------

def test_id_redirects_to_doc(server: str) -> None:
    reply = fetch(f"{server}/id/maatregel/{LB}/laaggeletterdheid", accept="text/turtle")
    assert reply.status == 303
    assert reply.headers["location"] == MEASURE


def test_unknown_things_are_404_with_a_link_home(server: str) -> None:
    for path in (f"/id/maatregel/{LB}/bestaat-niet", "/doc/maatregel/bestaat-niet", "/def/Nonsense",
                 "/nergens", "/ministerie/mnre0000", "/vragen/bestaat-niet",
                 "/resource?iri=http%3A%2F%2Fexample.org%2Fx"):
        reply = fetch(server + path, accept="text/html")
        assert reply.status == 404, path
        assert 'href="/"' in reply.text, path


@pytest.mark.parametrize(("accept", "media"), [
    ("text/html", "text/html"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    (None, "text/html"),
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("text/turtle;q=0.5, application/n-triples", "application/n-triples"),
])
def test_doc_content_negotiation(server: str, accept: str | None, media: str) -> None:
    reply = fetch(server + MEASURE, accept=accept)
    assert reply.status == 200 and reply.type == media
    assert "Accept" in reply.headers.get("vary", "")
    if media != "text/html":
        fmt = ox.RdfFormat.from_media_type(media)
        assert fmt is not None
        triples = triples_of(reply.body, fmt)
        subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
        assert BASE + "/id/maatregel/ledenbrief-miljoenennota-2020/laaggeletterdheid" in subjects


@pytest.mark.parametrize(("ext", "fmt"), [("ttl", ox.RdfFormat.TURTLE),
                                          ("jsonld", ox.RdfFormat.JSON_LD),
                                          ("nt", ox.RdfFormat.N_TRIPLES)])
def test_doc_by_extension(server: str, store: ox.Store, ext: str, fmt: ox.RdfFormat) -> None:
    reply = fetch(f"{server}{MEASURE}.{ext}", accept="text/html")
    assert reply.status == 200 and reply.type == fmt.media_type
    got = triples_of(reply.body, fmt)
    iri = ox.NamedNode(BASE + "/id/maatregel/ledenbrief-miljoenennota-2020/laaggeletterdheid")
    about = {ox.Triple(q.subject, q.predicate, q.object)
             for q in store.quads_for_pattern(iri, None, None)}
    pointing = {ox.Triple(q.subject, q.predicate, q.object)
                for q in store.quads_for_pattern(None, None, iri)}
    assert got == about | pointing


def test_jsonld_is_compacted_with_the_shipped_context(server: str) -> None:
    """JSON-LD by content negotiation is compacted with the context the export ships
    (``/download/context.jsonld``), not expanded: short keys a person or a JSON tool
    reads, and the same triples (test_doc_by_extension reads them back)."""
    reply = fetch(server + MEASURE, accept="application/ld+json")
    assert reply.type == "application/ld+json"
    document = reply.json()
    shipped = fetch(server + "/download/context.jsonld").json()
    assert document["@context"] == shipped["@context"]
    assert shipped["@context"]["dct"] == "http://purl.org/dc/terms/"
    nodes = document.get("@graph", [document])
    [measure] = [n for n in nodes if n.get("@id") == BASE + "/id/maatregel/"
                 "ledenbrief-miljoenennota-2020/laaggeletterdheid"]
    assert "dct:title" in measure and "def:standpunt" in measure
    assert not any(key.startswith("http") for node in nodes for key in node)
    assert "@type" in measure


def test_doc_unsupported_accept_is_406(server: str) -> None:
    assert fetch(server + MEASURE, accept="image/png").status == 406


def test_vocabulary(server: str) -> None:
    page = fetch(f"{server}/def/", accept="text/html")
    assert page.status == 200
    for name in ("def:Maatregel", "def:Bedrag", "def:standpunt", "def:citaat"):
        assert name in page.text
    assert fetch(f"{server}/def").status == 301
    turtle = fetch(f"{server}/def/", accept="text/turtle")
    triples = triples_of(turtle.body, ox.RdfFormat.TURTLE)
    assert ox.Triple(ox.NamedNode(BASE + "/def/Maatregel"),
                     ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                     ox.NamedNode("http://www.w3.org/2002/07/owl#Class")) in triples
    assert fetch(f"{server}/def.nt").type == "application/n-triples"
    term = fetch(f"{server}/def/Maatregel", accept="text/html")
    assert term.status == 200
    assert "kabinetsmaatregel" in term.text and "cabinet measure" in term.text
    term_ttl = fetch(f"{server}/def/Maatregel.ttl")
    assert term_ttl.type == "text/turtle"
    assert fetch(f"{server}/def/Maatregel", accept="image/png").status == 406


# --- pages --------------------------------------------------------------------------------

def test_measure_page(server: str) -> None:
    page = fetch(server + MEASURE, accept="text/html")
    assert page.status == 200
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    html = page.text
    assert "<h1>Laaggeletterdheid</h1>" in html
    # The amounts table: value, per, years, instrument, recipient, qualifier, quote, lines.
    table = html[html.index('<table class="amounts">'):]
    table = table[:table.index("</table>")]
    assert table.count("<tr id=") == 3
    for expected in ("€ 60.000.000", "€ 5.000.000", "€ 7.300.000", "per jaar", "2020–",
                     "/doc/instrument/decentralisatie-uitkering",
                     "/doc/instrument/specifieke-uitkering", "centrumgemeenten",
                     "oplopend tot", "regel 1368", "regels 1368–1369",
                     "een decentralisatie-uitkering van € 5 miljoen oplopend tot"):
        assert expected in table, expected
    links = links_of(html)
    for expected in (f"/doc/hoofdstuk/{LB}/onderwijs-cultuur-en-sport", "/ministerie/mnre1109",
                     "https://identifier.overheid.nl/tooi/id/ministerie/mnre1109",
                     "https://wetten.overheid.nl/BWBR0015703", "/doc/standpunt/neutraal",
                     "/doc/bron/ledenbrief-miljoenennota-2020",
                     MEASURE + ".ttl", MEASURE + ".jsonld", MEASURE + ".nt"):
        assert expected in links, expected
    assert "regels 1348–1374" in html  # the measure's source lines
    assert "De specifieke uitkering volwasseneneducatie" in html  # the stance passage


def test_every_measure_chapter_ministry_and_instrument_page(server: str) -> None:
    listing = fetch(f"{server}/maatregelen", accept="text/html").text
    measures = sorted({h for h in links_of(listing) if h.startswith("/doc/maatregel/")})
    assert len(measures) == 90
    for path in measures:
        page = fetch(server + path, accept="text/html")
        assert page.status == 200, path
        assert "<h2>Bedragen</h2>" in page.text, path
    home = fetch(f"{server}/", accept="text/html").text
    chapters = {h for h in links_of(home) if h.startswith("/doc/hoofdstuk/")}
    ministries = {h for h in links_of(home) if h.startswith("/ministerie/")}
    instruments = {h for h in links_of(fetch(f"{server}/instrumenten").text)
                   if h.startswith("/doc/instrument/")}
    assert len(chapters) == 10 and len(ministries) == 12 and len(instruments) >= 15
    for path in sorted(chapters | ministries | instruments):
        assert fetch(server + path, accept="text/html").status == 200, path


def test_pages_link_to_each_other(server: str) -> None:
    """Every link on the site that stays on the site works (crawled from the home page)."""
    seen: set[str] = set()
    queue = ["/"]
    while queue and len(seen) < 2000:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        reply = fetch(server + path, accept="text/html")
        if reply.status == 301:  # a page of an IRI from before the series: its successor
            assert path.startswith("/doc/"), path
            queue.append(reply.headers["Location"])
            continue
        assert reply.status == 200, f"{path}: {reply.status}"
        if reply.type != "text/html":
            continue
        for link in links_of(reply.text):
            link = link.split("#", 1)[0]
            if (link.startswith("/") and not link.startswith(("//", "/sparql", "/static"))
                    and link not in seen and "format=" not in link):
                queue.append(link)
    assert len(seen) > 300  # measures, amounts, chapters, concepts, terms, questions


@pytest.mark.parametrize(("old", "new"), [
    ("/id/maatregel/woningbouw", f"/id/maatregel/{LB}/woningbouw"),
    ("/doc/maatregel/woningbouw", f"/doc/maatregel/{LB}/woningbouw"),
    ("/doc/bedrag/woningbouw-totaal.ttl", f"/doc/bedrag/{LB}/woningbouw-totaal.ttl"),
    ("/doc/hoofdstuk/financien", f"/doc/hoofdstuk/{LB}/financien"),
    ("/id/voorwoord", f"/id/voorwoord/{LB}"),
])
def test_an_iri_from_before_the_series_moved_permanently(server: str, old: str,
                                                         new: str) -> None:
    reply = fetch(server + old, accept="text/html")
    assert (reply.status, reply.headers["Location"]) == (301, new)
    assert fetch(server + new, accept="text/turtle").status in (200, 303)


def test_a_never_known_iri_is_not_redirected(server: str) -> None:
    for path in ("/id/maatregel/bestaat-niet", "/doc/maatregel/bestaat-niet"):
        assert fetch(server + path, accept="text/html").status == 404, path


def test_ministry_chapter_and_instrument_pages(server: str) -> None:
    ministry = fetch(f"{server}/ministerie/mnre1109", accept="text/html").text
    assert "Ministerie van Onderwijs, Cultuur en Wetenschap" in ministry
    assert "https://identifier.overheid.nl/tooi/id/ministerie/mnre1109" in links_of(ministry)
    assert MEASURE in links_of(ministry)
    chapter = fetch(f"{server}/doc/hoofdstuk/{LB}/onderwijs-cultuur-en-sport").text
    assert MEASURE in links_of(chapter) and "/ministerie/mnre1109" in links_of(chapter)
    instrument = fetch(f"{server}/doc/instrument/decentralisatie-uitkering").text
    assert MEASURE in links_of(instrument)
    assert f"/doc/bedrag/{LB}/laaggeletterdheid-du-2020" in links_of(instrument)
    law = fetch(f"{server}/resource?" + urllib.parse.urlencode(
        {"iri": "https://wetten.overheid.nl/BWBR0015703"})).text
    assert "Participatiewet" in law and "https://wetten.overheid.nl/BWBR0015703" in law
    assert MEASURE in links_of(law)
    law_ttl = fetch(f"{server}/resource?" + urllib.parse.urlencode(
        {"iri": "https://wetten.overheid.nl/BWBR0015703", "format": "ttl"}))
    assert law_ttl.type == "text/turtle"


def test_static_assets_are_local(server: str) -> None:
    for name in ("yasgui.min.js", "yasgui.min.css", "yasgui.LICENSE.txt", "query.js",
                 "style.css"):
        assert fetch(f"{server}/static/{name}").status == 200, name
    page = fetch(f"{server}/query").text
    assert all(not link.startswith(("http:", "https:", "//")) for link in links_of(page))


# --- canned questions ---------------------------------------------------------------------

QUESTION = "decentralisatie-uitkeringen-per-startjaar"


def test_question_list_and_forms(server: str, backend: EmbeddedStore) -> None:
    listing = fetch(f"{server}/vragen").text
    names = sorted(catalogue.load_catalogue())
    for name in names:
        assert f"/vragen/{name}" in links_of(listing), name
        form = fetch(f"{server}/vragen/{name}")
        assert form.status == 200, name
        # The answer at once; the form only where a value can be chosen (one letter is
        # no choice).
        question = catalogue.with_allowed_values(catalogue.load_catalogue()[name], backend)
        choosable = [p for p in question.parameters
                     if p.optional or len(p.allowed) != 1]
        assert ('<form method="get"' in form.text) == bool(choosable), name
        # A question that compares letters would compare the one letter with itself: the
        # page says so instead of answering.
        alone = question.compares_letters
        assert ('<section id="answer">' in form.text) != alone, name
        assert ("Deze vraag vergelijkt twee brieven; deze KB bevat er één." in form.text
                ) == alone, name


def test_question_page_shows_headings_in_words_and_amounts_in_euros(server: str) -> None:
    page = fetch(f"{server}/vragen/bedragen-per-ministerie?ministerie=VWS").text
    head = page[page.index('<table class="results sortable'):page.index("</thead>")]
    assert '<th scope="col" class="num" data-column="laatsteJaar">laatste jaar</th>' in head
    assert '<th scope="col" data-column="ontvanger">ontvanger</th>' in head
    assert '<th scope="col" class="num" data-column="eersteRegel">eerste regel</th>' in head
    assert ">laatsteJaar<" not in head
    # The amounts of the jeugd measure, as the letter prints them (lines 2161-2164).
    assert '<td class="num" data-sort="20000000"><span>€ 20.000.000</span></td>' in page
    assert '<td class="num" data-sort="1020000000"><span>€ 1.020.000.000</span></td>' in page
    shown = re.sub(r' data-sort="[^"]*"', "", page.split("</thead>")[1])
    assert "20000000" not in shown  # sorted by the value, shown formatted


def test_question_page_keeps_percentages_out_of_euros(server: str) -> None:
    page = fetch(f"{server}/vragen/accres-per-jaar?jaar=2020").text
    assert "<span>€ 835.400.000</span>" in page  # nominaal accres, eenheid EUR
    assert "<span>3,13</span>" in page and "€ 3,13" not in page  # accrespercentage, %


def test_question_runs_with_typed_parameters(server: str, backend: EmbeddedStore) -> None:
    page = fetch(f"{server}/vragen/{QUESTION}?" + urllib.parse.urlencode({"jaar": "2020"}))
    assert page.status == 200
    assert "Laaggeletterdheid" in page.text
    question = with_allowed_values(catalogue.find_question(QUESTION), backend)
    want = backend.select(question.query, question.bindings({"jaar": "2020"}))
    assert page.text.count("<tr><td>") == len(want.rows) > 0
    csv_reply = fetch(f"{server}/vragen/{QUESTION}?jaar=2020&format=csv")
    assert csv_reply.type == "text/csv"
    assert csv_reply.text.rstrip("\n") == render(want.columns, want.values(), "csv")
    json_reply = fetch(f"{server}/vragen/{QUESTION}?jaar=2020&format=json")
    assert json_reply.type == "application/json"
    assert [r["titel"] for r in json_reply.json()] == [r["titel"] for r in want.records()]
    assert f"/vragen/{QUESTION}?jaar=2020&amp;format=csv" in page.text


def test_question_with_scheme_parameter(server: str) -> None:
    name = "maatregelen-per-standpunt"
    form = fetch(f"{server}/vragen/{name}").text
    assert '<select id="param-standpunt"' in form and 'value="kritisch"' in form
    kritisch = fetch(f"{server}/vragen/{name}?standpunt=kritisch&format=json").json()
    positief = fetch(f"{server}/vragen/{name}?standpunt=positief&format=json").json()
    assert kritisch and positief and kritisch != positief


def test_every_question_answers_with_its_defaults(server: str) -> None:
    for name in sorted(catalogue.load_catalogue()):
        reply = fetch(f"{server}/vragen/{name}?run=1")
        assert reply.status in (200, 400), name
        if reply.status == 400:  # a required parameter without a default
            assert "required" in reply.text, name


def test_bad_parameter_values_are_400_and_escaped(server: str) -> None:
    hostile = "<script>alert(1)</script>"
    page = fetch(f"{server}/vragen/{QUESTION}?" + urllib.parse.urlencode({"jaar": hostile}))
    assert page.status == 400
    assert "is geen jaartal" in page.text
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    unknown = fetch(f"{server}/vragen/{QUESTION}?nonsense=1&format=csv")
    assert unknown.status == 400 and "geen parameter" in unknown.text
    assert fetch(f"{server}/vragen/{QUESTION}?format=xlsx").status == 400


def test_date_parameter_form_and_bad_date(server: str) -> None:
    """A date parameter is a date field; an impossible date is a 400 naming the parameter."""
    name = "inwerkingtreding-op-datum"
    form = fetch(f"{server}/vragen/{name}").text
    assert 'id="param-datum"' in form and 'type="date"' in form
    rows = fetch(f"{server}/vragen/{name}?datum=2021-01-01&format=json").json()
    assert [r["onderwerp"] for r in rows] == ["Omgevingswet"]
    bad = fetch(f"{server}/vragen/{name}?" + urllib.parse.urlencode({"datum": "2021-02-30"}))
    assert bad.status == 400 and "is geen datum" in bad.text


# --- another base -------------------------------------------------------------------------

def test_served_under_another_base(rebased: str, server: str) -> None:
    reply = fetch(f"{rebased}/id/maatregel/ledenbrief-miljoenennota-2020/laaggeletterdheid")
    assert reply.status == 303 and reply.headers["location"] == MEASURE
    ntriples = fetch(f"{rebased}{MEASURE}.nt").text
    assert f"<{OTHER_BASE}/id/maatregel/{LB}/laaggeletterdheid>" in ntriples
    assert f"<{OTHER_BASE}/def/bedrag>" in ntriples
    assert "w3id.org/vngkb" not in ntriples
    count = sparql_get(rebased, f"PREFIX def: <{OTHER_BASE}/def/> "
                                "SELECT (COUNT(*) AS ?n) WHERE { ?m a def:Maatregel }")
    assert count.json()["results"]["bindings"][0]["n"]["value"] == "90"
    default_prefix = sparql_get(rebased, "ASK { ?m a def:Maatregel }")
    assert default_prefix.json()["boolean"] is True
    for name in ("maatregelen-per-standpunt", QUESTION, "bedragen-van-maatregel"):
        here = fetch(f"{rebased}/vragen/{name}?run=1&format=json").json()
        there = fetch(f"{server}/vragen/{name}?run=1&format=json").json()
        assert len(here) == len(there) > 0, name
        assert json.dumps(here).replace(OTHER_BASE, BASE) == json.dumps(there), name
    page = fetch(f"{rebased}{MEASURE}").text
    assert f"{OTHER_BASE}/id/maatregel/ledenbrief-miljoenennota-2020/laaggeletterdheid" in page


def _params(url: str) -> Mapping[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)


def test_question_links_to_the_editor(server: str) -> None:
    page = fetch(f"{server}/vragen/{QUESTION}?jaar=2021").text
    editor = next(link for link in links_of(page) if link.startswith("/query?"))
    query = _params(editor)["query"][0]
    assert "VALUES ?_jaar_xsd_gYear {" in query and '"2021"^^' in query
    assert sparql_get(server, query).status == 200


# --- look-ups answered without the hop to a worker -------------------------------------
# (which texts are look-ups: tests/test_server_sparql.py)

def test_lookups_skip_the_workers_and_answer_the_same(store: ox.Store) -> None:
    measure = "https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/woningbouw"
    lookup = f"SELECT ?p ?o WHERE {{ <{measure}> ?p ?o }}"
    app = create_app(store, max_rows=5, workers=1)
    with InProcess(app) as live:
        through_workers = sparql_get(live.url, lookup + " LIMIT 999 # via a worker")

        async def refuse(job: Job) -> Outcome:
            return Outcome.error(500, "no worker may be asked")

        app.state.pool.run = refuse
        direct_reply = sparql_get(live.url, lookup)
        other = sparql_get(live.url, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    assert (through_workers.status, direct_reply.status, other.status) == (200, 200, 500)
    full = direct(store, lookup)
    assert len(full) > 5
    for reply in (through_workers, direct_reply):  # the row limit holds on both paths
        rows = solutions(reply, ox.QueryResultsFormat.JSON)
        assert len(rows) == 5 and all(row in full for row in rows)
        assert reply.headers["Vngkb-Truncated"] == "true"


# --- one language per page ----------------------------------------------------------------

def test_pages_are_dutch_by_default_and_english_when_the_server_is(server: str) -> None:
    from vngkb import i18n

    def words(url: str) -> tuple[int, str]:
        reply = fetch(url)
        return reply.status, reply.text

    status, dutch = words(f"{server}/vragen/totalen-per-jaar?run=1")
    assert status == 200 and '<html lang="nl">' in dutch
    assert ">Vragen</a>" in dutch and "<h2>Antwoord</h2>" in dutch and "6 rijen" in dutch
    assert '<th scope="col" class="num" data-column="jaar">jaar</th>' in dutch
    i18n.set_lang("en")
    try:
        status, english = words(f"{server}/vragen/totalen-per-jaar?run=1")
        missing_status, missing = words(f"{server}/vragen/totalen-per-jar")
    finally:
        i18n.set_lang(None)
    assert status == 200 and '<html lang="en">' in english
    assert ">Questions</a>" in english and "<h2>Answer</h2>" in english
    assert "6 rows" in english
    assert '<th scope="col" class="num" data-column="jaar">year</th>' in english
    assert ">Vragen<" not in english and "Antwoord" not in english
    assert missing_status == 404
    assert "The question &#39;totalen-per-jar&#39; is not in the knowledge base. Did you mean " \
           "&#39;totalen-per-jaar&#39;" in missing


def test_unknown_question_page_suggests_the_closest(server: str) -> None:
    reply = fetch(f"{server}/vragen/maatregelen-per-thma")
    assert reply.status == 404
    assert "staat niet in de kennisbank. Bedoelde u &#39;maatregelen-per-thema&#39;" in reply.text


def test_measure_home_search_vraag_and_service_pages_follow_the_language(server: str) -> None:
    # The pages' own words switch; titles, quotes and the letter's lines stay as written.
    from vngkb import i18n

    paths = (MEASURE, "/", "/zoeken?q=warmtefonds", "/zoeken?q=zwerfkeitjes",
             "/vraag?tekst=Welke+maatregelen+vindt+de+VNG%3F",
             "/sparql")
    dutch = [fetch(f"{server}{path}", accept="text/html").text for path in paths]
    i18n.set_lang("en")
    try:
        english = [fetch(f"{server}{path}", accept="text/html").text for path in paths]
    finally:
        i18n.set_lang(None)
    measure, home, search, nothing, vraag, service = english
    assert "<dt>Standpunt VNG</dt>" in dutch[0] and "<h2>Wat wil het kabinet?</h2>" in dutch[0]
    # Concepts by their English names (the KB's skos:prefLabel@en), ministries as written.
    assert "<h2>The VNG&#39;s stance: neutral</h2>" in measure
    assert "<h2>Standpunt van de VNG: neutraal</h2>" in dutch[0]
    assert ">decentralisation grant</a>" in measure and ">decentralisatie-uitkering</a>" in dutch[0]
    assert ">Ministerie van Onderwijs, Cultuur en Wetenschap</a>" in measure
    assert "<dt>VNG stance</dt>" in measure and "<h2>What does the cabinet intend?</h2>" in measure
    assert "<h2>The letter, lines 1348–1374</h2>" in measure
    assert "<h2>De brief, regels 1348–1374</h2>" in dutch[0]
    assert '<th class="num">Amount</th><th>Per</th><th>Years</th>' in measure
    assert "<h1>Laaggeletterdheid</h1>" in measure and ">(lines 1367–1368)</a>" in measure
    for word in ("<dt>Standpunt VNG", "<h2>Bedragen", "<h2>Wat wil", ">(regels 13", ">Zoek<",
                 "<th>Ontvanger", "<dt>Hoofdstuk"):
        assert word not in measure
    assert "<h1>The VNG&#39;s member letters on the Miljoenennota</h1>" in home
    assert "<h1>De ledenbrieven van de VNG bij de Miljoenennota</h1>" in dutch[1]
    assert "<h2>Chapters</h2>" in home and ">Search</button>" in home
    assert "<p>2 hits for <q>warmtefonds</q>.</p>" in search
    assert "<p>2 treffers voor <q>warmtefonds</q>.</p>" in dutch[2]
    assert '<span class="kind">foreword</span>' in search
    assert '<span class="kind">voorwoord</span>' in dutch[2]
    assert "line 14; amount</span>" in search and "regel 14; bedrag</span>" in dutch[2]
    assert "<p>No hits for <q>zwerfkeitjes</q>.</p>" in nothing
    assert "<p>Geen treffers voor <q>zwerfkeitjes</q>.</p>" in dutch[3]
    assert "question → maatregelen-per-standpunt" in vraag
    assert "Answered with the question" in vraag and "(default)" in vraag
    assert "Beantwoord met de vraag" in dutch[4] and "(standaard)" in dutch[4]
    assert "<h1>SPARQL endpoint</h1>" in service and "<h2>Service description</h2>" in service
    assert "<h1>SPARQL-endpoint</h1>" in dutch[5] and "<h2>Servicebeschrijving</h2>" in dutch[5]


# --- Updates refused layer by layer ------------------------------------------------------
# Three mechanisms keep the endpoint read-only: the request handler refuses an update
# before any worker is asked; a worker parses every query and refuses an update; and the
# worker's engine call (Store.query) cannot run an update at all. Each is shown to hold
# with the others out of the way: the handler here, the worker's parse and the engine call
# in tests/test_server_pool.py.

UPDATE = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"


@pytest.mark.parametrize("text", [UPDATE, "delete where { ?s ?p ?o }",
                                  "PREFIX x: <http://x/> # SELECT\nCLEAR ALL"])
def test_the_handler_alone_refuses_updates(store: ox.Store, text: str) -> None:
    app = create_app(store, workers=1)
    asked: list[Job] = []

    async def record(job: Job) -> Outcome:
        asked.append(job)
        return Outcome.error(500, "no worker may be asked")

    with InProcess(app) as live:
        app.state.pool.run = record
        reply = sparql_get(live.url, text)
    assert (reply.status, asked) == (403, [])


# --- A KB of two letters: the pages list them, say which letter, and take ?brief= -----------

@pytest.fixture(scope="module")
def two_letter_site(two_letters_kb: object) -> Iterator[object]:
    """The site of the shipped letter plus the synthetic 2021 letter (the KB folder in
    use for the requests too: the search index, the letters' texts, the accres file)."""
    from pathlib import Path

    from starlette.testclient import TestClient

    from vngkb.core.paths import kb_in_use
    from vngkb.kb.layers import load_kb

    assert isinstance(two_letters_kb, Path)
    with kb_in_use(two_letters_kb), TestClient(create_app(load_kb(), workers=1)) as client:
        yield client


def _words(html: str) -> list[str]:
    """The page's text lines, without tags (entities as the page has them)."""
    return [line.strip() for line in re.sub(r"<[^>]+>", "", html).splitlines() if line.strip()]


NEW_LETTER = ("Brief: Ledenbrief Miljoenennota 2021 (synthetisch, voor tests) "
              "(synthetische-ledenbrief-2021) · synthetische-ledenbrief-2021")
OLD_LETTER = f"Brief: Ledenbrief Miljoenennota 2020 ({LB}) · {LB}"


def test_the_home_page_lists_the_letters_and_shows_one(two_letter_site: object) -> None:
    client: Any = two_letter_site
    page = client.get("/")
    assert page.status_code == 200
    words = _words(page.text)
    assert NEW_LETTER in words  # the newest by default
    listed = re.findall(r'<ul class="letters">(.*?)</ul>', page.text, re.S)[0]
    assert _words(listed.replace("</li>", "</li>\n")) == [
        "Ledenbrief Miljoenennota 2021 (synthetisch, voor tests) (synthetische-ledenbrief-2021)"
        " · begrotingsjaar 2021 · synthetische-ledenbrief-2021 (nieuwste)",
        f"Ledenbrief Miljoenennota 2020 ({LB}) · begrotingsjaar 2020 · {LB}"]
    # The counts are the letter's: 29 measures and 43 amounts in 2021 (gold.json), 90 in 2020.
    assert "29 maatregelen" in page.text and "43 bedragen" in page.text
    old = client.get("/?brief=2020")
    assert OLD_LETTER in _words(old.text) and "90 maatregelen" in old.text


@pytest.mark.parametrize("path", ["/", "/maatregelen", "/zoeken?q=woningbouw",
                                  "/vraag?tekst=Welke+maatregelen+zijn+er%3F"])
@pytest.mark.parametrize(("value", "shown"), [
    ("2019", "&#39;2019&#39;"), ('"><script>', "&#39;&#34;&gt;&lt;script&gt;&#39;"),
    ("２０２１", "&#39;２０２１&#39;"), ("x" * 5000, None)])
def test_an_unknown_letter_is_a_400_that_lists_the_letters(
        two_letter_site: object, path: str, value: str, shown: str | None) -> None:
    client: Any = two_letter_site
    page = client.get(path + ("&" if "?" in path else "?") + urllib.parse.urlencode(
        {"brief": value}))
    assert page.status_code == 400
    assert "<script>" not in page.text.split("<body", 1)[1].replace("<script src=", "")
    known = f"de KB kent {LB} (2020), synthetische-ledenbrief-2021 (2021)"
    assert known in page.text
    if shown is not None:
        assert f"brief {shown} staat niet in de KB; {known}" in page.text


def test_measures_search_and_vraag_are_of_the_letter_chosen(two_letter_site: object) -> None:
    client: Any = two_letter_site
    measures = client.get("/maatregelen")
    assert NEW_LETTER in _words(measures.text)
    assert "/doc/maatregel/synthetische-ledenbrief-2021/woningbouw" in measures.text
    assert f"/doc/maatregel/{LB}/" not in measures.text
    old = client.get("/maatregelen?brief=" + LB)
    assert OLD_LETTER in _words(old.text) and "/synthetische-ledenbrief-2021/" not in old.text
    # "Woningbouwimpuls": 2021 line 232 (the measure's intention); 2020 the Woningbouw measure.
    found = client.get("/zoeken?q=woningbouwimpuls")
    assert NEW_LETTER in _words(found.text)
    assert 'value="synthetische-ledenbrief-2021" selected' in found.text
    assert "regel 232" in found.text
    old = client.get("/zoeken?q=woningbouwimpuls&brief=2020")
    assert OLD_LETTER in _words(old.text) and f'value="{LB}" selected' in old.text
    asked = client.get("/vraag?" + urllib.parse.urlencode(
        {"tekst": "Welke DU's starten komend jaar?"}))
    assert NEW_LETTER in _words(asked.text)
    assert ("vraag → decentralisatie-uitkeringen-per-startjaar, jaar=2021, "
            "brief=synthetische-ledenbrief-2021 (standaard)") in asked.text
    asked = client.get("/vraag?" + urllib.parse.urlencode(
        {"tekst": "Welke DU's starten komend jaar?", "brief": LB}))
    assert OLD_LETTER in _words(asked.text)
    assert f"jaar=2020, brief={LB}</code>" in asked.text


def test_the_accres_and_measure_pages_name_their_letter(two_letter_site: object) -> None:
    client: Any = two_letter_site
    assert OLD_LETTER in _words(client.get("/accres").text)  # only 2020 has accres tables
    assert OLD_LETTER in _words(client.get("/accres?brief=2020").text)
    page = client.get("/accres?brief=2021")
    assert page.status_code == 400
    # Its tables are in the KB (for the questions across letters), but of circulaires the
    # finance module does not model: the page shows the letters whose tables it computes.
    assert ("brief synthetische-ledenbrief-2021 heeft geen accrestabellen die vngkb "
            f"narekent in de KB; wel: {LB} (2020)") in page.text
    page = client.get("/doc/maatregel/synthetische-ledenbrief-2021/woningbouw")
    assert page.status_code == 200
    # Its source is the 2021 letter, and its lines are that letter's text (228: the title).
    assert 'href="/doc/bron/synthetische-ledenbrief-2021"' in page.text
    assert re.search(r"228</td>\s*<td[^>]*>\s*Woningbouw", page.text)
