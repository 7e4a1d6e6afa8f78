"""The site as people read it: every page type rendered in-process (Starlette's
TestClient) and read by :mod:`tests.pagetext`, in Dutch and in English, failing on any
Python repr, unformatted number, internal label, twice-shown column or word of the other
language. The same pages are measured in Chromium at 1280 px by tests/test_browser.py
(:data:`tests.pagetext.PAGES`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from tests.pagetext import BARE_NUMBER, PAGES, problems
from vngkb import i18n
from vngkb.core.paths import QUERIES_DIR, SOURCE_FILE
from vngkb.query import catalogue
from vngkb.query.store import EmbeddedStore
from vngkb.server import create_app

#: Digit runs the letter itself prints (a Kamerstuk number, a typo in a law's name): a
#: quote keeps them as printed.
PRINTED = frozenset(m.group() for m in BARE_NUMBER.finditer(SOURCE_FILE.read_text("utf-8")))

@pytest.fixture(scope="module")
def client(backend: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(backend.store, workers=1)) as test_client:
        yield test_client


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("path", "status"), PAGES)
def test_page_shows_people_no_program_text(client: TestClient, path: str, status: int,
                                           lang: str) -> None:
    i18n.set_lang(lang)
    reply = client.get(path, headers={"Accept": "text/html"})
    assert reply.status_code == status, reply.text[:300]
    assert reply.headers["content-type"].startswith("text/html")
    found = problems(reply.text, lang, printed=PRINTED, rdf_terms=path.startswith("/def/"))
    assert not found, "\n".join(["", *found])


def test_every_canned_question_is_crawled() -> None:
    names = {path.removeprefix("/vragen/") for path, _ in PAGES if path.startswith("/vragen/")}
    assert set(catalogue.load_catalogue(QUERIES_DIR)) <= names


@pytest.mark.parametrize(("lang", "path", "title", "heading"), [
    ("en", "/", "Knowledge base of the member letters on the Miljoenennota",
     "The VNG&#39;s member letters on the Miljoenennota"),
    ("nl", "/", "Kennisbank ledenbrieven Miljoenennota",
     "De ledenbrieven van de VNG bij de Miljoenennota"),
    ("en", "/maatregelen", "Measures", "Measures"),
    ("nl", "/maatregelen", "Maatregelen", "Maatregelen"),
    ("en", "/instrumenten", "Instruments", "Instruments"),
    ("nl", "/instrumenten", "Instrumenten", "Instrumenten"),
])
def test_titles_speak_the_language_and_of_the_series(client: TestClient, lang: str,
                                                     path: str, title: str,
                                                     heading: str) -> None:
    i18n.set_lang(lang)
    page = client.get(path, headers={"Accept": "text/html"}).text
    assert f"<title>{title} · vngkb</title>" in page
    assert f"<h1>{heading}</h1>" in page


def test_the_measures_page_counts_in_the_language(client: TestClient) -> None:
    i18n.set_lang("en")
    assert "<p>90 cabinet measures, in the order of the letter.</p>" in client.get(
        "/maatregelen", headers={"Accept": "text/html"}).text
    i18n.set_lang("nl")
    assert "<p>90 kabinetsmaatregelen, in de volgorde van de brief.</p>" in client.get(
        "/maatregelen", headers={"Accept": "text/html"}).text
