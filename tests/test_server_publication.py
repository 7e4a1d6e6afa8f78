"""The dataset resolves: ``vngkb serve`` serves the files of ``vngkb export`` where its
DCAT and VoID descriptions say they are, and every URL of those descriptions under the
served base answers 200 with the right media type (vngkb.server.publication)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from starlette.testclient import TestClient

from vngkb.core.errors import InputError
from vngkb.publish import dcat
from vngkb.publish.export import export, written_names
from vngkb.query.store import EmbeddedStore
from vngkb.rdf.files import shown
from vngkb.rdf.namespaces import BASE
from vngkb.server import create_app
from vngkb.server.publication import Publication, check_folder, media_type

DCAT = rdflib.Namespace(dcat.DCAT)
FOAF = rdflib.Namespace(dcat.FOAF)
SPDX = rdflib.Namespace(dcat.SPDX)
IANA = dcat.IANA


@pytest.fixture(scope="module")
def client(backend: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(backend.store, workers=1)) as test_client:
        yield test_client


def _graph(client: TestClient, path: str) -> rdflib.Graph:
    reply = client.get(path)
    assert reply.status_code == 200, (path, reply.text[:200])
    assert reply.headers["content-type"] == "text/turtle; charset=utf-8"
    return rdflib.Graph().parse(data=reply.content, format="turtle")


def _served(url: str) -> str | None:
    """The path on the served site of *url*, or None when it lies elsewhere."""
    return url[len(BASE):] or "/" if url == BASE or url.startswith(BASE + "/") else None


def _expected_media(described: rdflib.Graph) -> dict[str, str]:
    """What each URL of the descriptions must answer with: a file its dcat:mediaType,
    a landing page or documentation page HTML, anything else Turtle by negotiation."""
    expected: dict[str, str] = {}
    for node in set(described.subjects()) | set(described.objects()):
        if isinstance(node, rdflib.URIRef) and _served(str(node)) is not None:
            # A file beside the dumps (rdfs:seeAlso: the context, the VoID) by its kind.
            ext = str(node).rpartition(".")[2] if "/download/" in str(node) else ""
            expected[str(node)] = {"jsonld": "application/ld+json"}.get(ext, "text/turtle")
    for distribution in described.subjects(rdflib.RDF.type, DCAT.Distribution):
        media = str(described.value(distribution, DCAT.mediaType)).removeprefix(IANA)
        for predicate in (DCAT.downloadURL, DCAT.accessURL):
            for url in described.objects(distribution, predicate):
                expected[str(url)] = media
    for predicate in (DCAT.landingPage, FOAF.page):
        for url in described.objects(None, predicate):
            expected[str(url)] = "text/html"
    return expected


def test_every_url_of_dcat_and_void_resolves(client: TestClient) -> None:
    described = _graph(client, "/dcat.ttl") + _graph(client, "/void.ttl")
    expected = _expected_media(described)
    # Each kind of URL is there: the files, the descriptions' own IRIs, the KB's
    # resources, the vocabulary, the endpoint and the landing page.
    paths = {_served(url) for url in expected}
    assert {f"/download/{name}" for name in ("vngkb.ttl", "vngkb.nt", "vngkb.jsonld",
                                              "vngkb.trig", "vngkb.nq", "void.ttl",
                                              "context.jsonld")} <= paths
    assert {"/", "/sparql", "/def/", "/id/catalogus/vngkb", "/id/dataset/vngkb",
            "/id/distributie/vngkb-turtle", "/id/organisatie/vng", "/id/rechten/citaten",
            "/id/dienst/sparql", "/id/contactpunt/vngkb",
            "/id/dataset/vngkb/ledenbrief-miljoenennota-2020",
            "/id/maatregel/ledenbrief-miljoenennota-2020/woningbouw",
            "/id/graaf/kb/ledenbrief-miljoenennota-2020/brief"} <= paths
    failures = []
    for url, media in sorted(expected.items()):
        path = _served(url)
        assert path is not None
        reply = client.get(path, headers={"Accept": media})
        served = reply.headers.get("content-type", "").split(";")[0]
        if reply.status_code != 200 or served != media:
            failures.append(f"{url}: {reply.status_code} {served} (expected 200 {media})")
    assert not failures, "\n".join(failures)


def test_downloads_are_the_files_described(client: TestClient) -> None:
    described = _graph(client, "/dcat.ttl")
    distributions = list(described.subjects(rdflib.RDF.type, DCAT.Distribution))
    assert len(distributions) == 5
    for distribution in distributions:
        url = str(described.value(distribution, DCAT.downloadURL))
        path = _served(url)
        assert path is not None and path.startswith("/download/")
        body = client.get(path).content
        size = int(str(described.value(distribution, DCAT.byteSize)))
        checksum = described.value(described.value(distribution, SPDX.checksum),
                                   SPDX.checksumValue)
        assert (len(body), hashlib.sha256(body).hexdigest()) == (size, str(checksum)), url


def test_descriptions_at_their_three_places(client: TestClient) -> None:
    void_file = client.get("/void.ttl")
    assert client.get("/.well-known/void").content == void_file.content
    assert client.get("/download/void.ttl").content == void_file.content
    assert client.get("/download/dcat.ttl").content == client.get("/dcat.ttl").content
    assert client.get("/download/context.jsonld").headers["content-type"] == \
        "application/ld+json"
    # The built export describes the served endpoint and home page.
    text = client.get("/dcat.ttl").text
    assert f"dcat:endpointURL <{BASE}/sparql>" in text
    assert f"dcat:landingPage <{BASE}/>" in text


def test_description_resources_as_pages(client: TestClient) -> None:
    page = client.get("/id/catalogus/vngkb", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert str(page.url).endswith("/doc/catalogus/vngkb")
    assert "Catalogus van vngkb" in page.text
    assert client.get("/doc/distributie/vngkb-nquads.ttl").headers["content-type"] == \
        "text/turtle; charset=utf-8"


@pytest.mark.parametrize("path", [
    "/download/", "/download/vngkb.csv", "/download/..%2Fpyproject.toml",
    "/download/.vngkb.ttl.abcd_123.vngkb-export.tmp", "/download/%00",
    "/download/vngkb.ttl/x", "/doc/catalogus/bestaat-niet", "/id/distributie/nergens",
    "/doc/dataset/vngkb-anders", "/.well-known/void.ttl",
])
def test_other_paths_are_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_media_types_of_every_written_file() -> None:
    assert {name: media_type(name) for name in sorted(written_names())} == {
        "context.jsonld": "application/ld+json",
        "dcat.ttl": "text/turtle; charset=utf-8",
        "vngkb.jsonld": "application/ld+json",
        "vngkb.nq": "application/n-quads",
        "vngkb.nt": "application/n-triples",
        "vngkb.trig": "application/trig",
        "vngkb.ttl": "text/turtle; charset=utf-8",
        "void.ttl": "text/turtle; charset=utf-8",
    }


def test_a_given_export_folder_is_served_as_it_is(backend: EmbeddedStore,
                                                  tmp_path: Path) -> None:
    folder = tmp_path / "uit"
    export(folder, formats=["turtle"], options=dcat.DcatOptions(
        publisher_name="Gemeente Voorbeeld", contact_email="data@voorbeeld.example"))
    app = create_app(backend.store, workers=1, export_dir=folder)
    with TestClient(app) as client:
        assert client.get("/dcat.ttl").content == (folder / "dcat.ttl").read_bytes()
        assert client.get("/download/vngkb.ttl").content == \
            (folder / "vngkb.ttl").read_bytes()
        assert client.get("/download/vngkb.nt").status_code == 404  # not exported
    assert (folder / "dcat.ttl").is_file()  # the server leaves a given folder alone


def test_the_built_export_is_removed_when_the_server_stops() -> None:
    published = Publication(BASE)
    folder = published.folder()
    assert sorted(p.name for p in folder.iterdir()) == sorted(written_names())
    published.close()
    assert not folder.exists()


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p / "nergens", "--export {}: geen map"),
    (lambda p: p, "--export {}: er staat geen dcat.ttl in (schrijf er een met vngkb export "
                  "--out)"),
    (lambda p: (p / "bestand").write_text("x") and p / "bestand", "--export {}: geen map"),
])
def test_a_folder_without_an_export_is_one_line(tmp_path: Path, make: object,
                                                message: str) -> None:
    folder = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(InputError) as raised:
        check_folder(folder)
    assert str(raised.value) == message.format(shown(folder))


def test_serve_with_a_folder_without_an_export_is_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from vngkb.cli.commands import main

    result = CliRunner().invoke(main, ["serve", "--port", "0", "--export", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == (f"vngkb: --export {shown(tmp_path)}: er staat geen dcat.ttl in "
                             "(schrijf er een met vngkb export --out)\n")
    english = CliRunner().invoke(main, ["--lang", "en", "serve", "--port", "0", "--export",
                                        str(tmp_path / "nergens")])
    assert english.exit_code == 2
    assert english.output == f"vngkb: --export {shown(tmp_path / 'nergens')}: not a folder\n"
