"""The question box of the web pages: ``/vraag?tekst=...`` shows the routed question,
its values and the answer, or says it is not sure and shows the text search."""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterator

import pytest

from tests.web import InProcess, fetch
from vngkb.query.store import EmbeddedStore
from vngkb.server import create_app


@pytest.fixture(scope="module")
def server(backend: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[str]:
    before = os.environ.get("VNGKB_CACHE_DIR")
    os.environ["VNGKB_CACHE_DIR"] = str(tmp_path_factory.mktemp("vraag-cache"))
    with InProcess(create_app(backend.store, workers=1)) as live:
        yield live.url
    if before is None:
        del os.environ["VNGKB_CACHE_DIR"]
    else:
        os.environ["VNGKB_CACHE_DIR"] = before


def ask(server: str, tekst: str) -> tuple[int, str]:
    reply = fetch(f"{server}/vraag?" + urllib.parse.urlencode({"tekst": tekst}))
    return reply.status, reply.text


def test_home_page_has_the_question_box(server: str) -> None:
    page = fetch(f"{server}/").text
    assert '<form method="get" action="/vraag"' in page
    assert 'name="tekst"' in page


def test_a_routed_question_shows_question_values_and_table(server: str) -> None:
    status, page = ask(server, "Welke decentralisatie-uitkeringen beginnen in 2020?")
    assert status == 200
    assert ("<code>vraag → decentralisatie-uitkeringen-per-startjaar, jaar=2020, "
            "brief=ledenbrief-miljoenennota-2020 (standaard)</code>") in page
    assert ('href="/vragen/decentralisatie-uitkeringen-per-startjaar?jaar=2020&amp;run=1"'
            in page)
    assert '<p class="count">2 rijen</p>' in page
    assert "Laaggeletterdheid" in page and "Cultuur" in page


def test_a_default_is_named_on_the_page(server: str) -> None:
    status, page = ask(server, "Wat is het accres?")
    assert status == 200
    assert "<code>jaar=2020</code> (standaard)" in page


def test_not_sure_lists_closest_and_searches(server: str) -> None:
    status, page = ask(server, "Hoe zit het met schuldhulpverlening?")
    assert status == 200
    assert "geen vraag uit de catalogus past goed genoeg" in page
    assert page.count('<li><a href="/vragen/') == 3
    assert "Zoeken in de teksten naar <q>schuldhulpverlening</q>" in page
    assert '<p class="count">3 rijen</p>' in page


def test_the_page_without_a_question_is_the_box_without_an_error(server: str) -> None:
    for tekst in ("", "   "):
        status, page = ask(server, tekst)
        assert status == 200
        assert '<form method="get" action="/vraag"' in page
        assert 'class="error"' not in page and "<h2>" not in page


@pytest.mark.parametrize(("tekst", "message"), [
    ("de het een", "alleen stopwoorden"),
    ("x" * 5000, "de tekst is 5000 tekens lang"),
])
def test_bad_text_is_a_400_with_one_message(server: str, tekst: str, message: str) -> None:
    status, page = ask(server, tekst)
    assert status == 400
    assert '<p class="error" role="alert">' in page and message in page


def test_the_text_is_escaped_on_the_page(server: str) -> None:
    status, page = ask(server, 'Welke bedragen gaan naar <script>alert("x")</script> politie?')
    assert status == 200
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
