"""The web side of search and of a measure's passages: /zoeken, the search box on every
page, and the letter's numbered lines on a measure's page."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from tests.web import InProcess, fetch, links_of
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.query.store import EmbeddedStore
from vngkb.server import create_app


@pytest.fixture(scope="module")
def site(backend: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory,
         ) -> Iterator[str]:
    import os

    before = os.environ.get("VNGKB_CACHE_DIR")
    os.environ["VNGKB_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    store: ox.Store = backend.store
    try:
        with InProcess(create_app(store, workers=1)) as live:
            yield live.url
    finally:
        if before is None:
            del os.environ["VNGKB_CACHE_DIR"]
        else:
            os.environ["VNGKB_CACHE_DIR"] = before


def test_every_page_has_a_search_box(site: str) -> None:
    for path in ("/", "/maatregelen", "/doc/maatregel/ledenbrief-miljoenennota-2020/jeugd"):
        page = fetch(site + path, accept="text/html").text
        assert '<form class="search" action="/zoeken" method="get" role="search">' in page
        assert '<input type="search" name="q"' in page


def test_search_page_marks_the_terms_and_links_the_measure(site: str) -> None:
    reply = fetch(site + "/zoeken?q=jeugdzorg", accept="text/html")
    assert reply.status == 200
    page = reply.text
    assert "/doc/maatregel/ledenbrief-miljoenennota-2020/jeugd" in links_of(page)
    assert "passende <mark>jeugdhulp</mark> te blijven bieden" in page
    assert "regels 2158–2187, regel 2165; voornemen" in page
    assert 'value="jeugdzorg"' in page  # the box keeps the terms


def test_search_page_any_mode_and_no_hits(site: str) -> None:
    page = fetch(site + "/zoeken?q=archiefwet+warmtefonds&wijze=any").text
    assert "3 treffers voor" in page
    page = fetch(site + "/zoeken?q=archiefwet+warmtefonds").text
    assert "Geen treffers voor <q>archiefwet warmtefonds</q>." in page


@pytest.mark.parametrize(("terms", "message"), [
    ("{}", "zoektermen: geen woord om naar te zoeken"),
    ("x" * 5000, "zoektermen: 5000 tekens, hoogstens 500 toegestaan"),
    ("\u0000\u0001", "zoektermen: geen woord om naar te zoeken"),
])
def test_search_page_bad_terms_are_a_400_with_the_message(site: str, terms: str,
                                                          message: str) -> None:
    reply = fetch(site + "/zoeken?q=" + quote(terms))
    assert reply.status == 400
    assert f'<p class="error">{message}' in reply.text


def test_search_page_escapes_the_terms(site: str) -> None:
    terms = '<script>alert("x")</script> archiefwet'
    page = fetch(site + "/zoeken?q=" + quote(terms)).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(" in page


def test_search_page_without_terms_is_the_form(site: str) -> None:
    reply = fetch(site + "/zoeken")
    assert reply.status == 200
    assert "<h1>Zoeken in de brief</h1>" in reply.text
    assert "<ol class=\"hits\">" not in reply.text and "Geen treffers" not in reply.text


def test_measure_page_shows_the_letters_numbered_lines(site: str) -> None:
    page = fetch(site + f"/doc/maatregel/{LB}/laaggeletterdheid", accept="text/html").text
    assert "<h2>De brief, regels 1348–1374</h2>" in page
    assert ('<tr id="regel-1348"><td class="num">1348</td><td>Laaggeletterdheid</td></tr>'
            in page)
    assert ('<tr id="regel-1374"><td class="num">1374</td><td>bibliotheken e.a.</td></tr>'
            in page)
    assert page.count('<tr id="regel-') == 1374 - 1348 + 1
    # Each stance passage links to its first line in that table.
    assert ('wordt gecontinueerd. <a class="lines" href="#regel-1367">(regels 1367–1368)</a>'
            '</blockquote>') in page


def test_every_hit_links_to_a_page_that_exists(site: str) -> None:
    page = fetch(site + "/zoeken?q=2020+accres+motie+voorwoord&wijze=any").text
    targets = sorted({h for h in links_of(page[page.index('<ol class="hits">'):])
                      if h.startswith("/doc/")})
    kinds = {t.split("/")[2] for t in targets}
    assert {"maatregel", "dataset", "motie", "voorwoord"} <= kinds
    for target in targets:
        assert fetch(site + target, accept="text/html").status == 200, target
