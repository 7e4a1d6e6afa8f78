"""Publishing is checked end to end: after the PUTs, the store's default graph must show
the published data, or the publish fails with one line saying how to fix the store.

Real Oxigraph servers: one started with ``--union-default-graph`` (the ``oxigraph_store``
fixture) and one without it, whose default graph is empty however many named graphs it
holds, as a Fuseki dataset without ``unionDefaultGraph``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests import oxigraph
from tests.oxigraph import OxigraphServer
from tests.web import free_port
from vngkb.cli.commands import main
from vngkb.core.errors import EndpointError
from vngkb.publish.graph_store import DefaultGraphHidden, publish
from vngkb.query.store import RemoteEndpoint

GRAPH = "https://example.org/vngkb/graaf/alles"


@pytest.fixture
def oxigraph_without_union(tmp_path: Path) -> Iterator[OxigraphServer]:
    """An empty read-write Oxigraph server whose default graph is its own graph only."""
    port = free_port()
    urls = OxigraphServer(store=f"http://127.0.0.1:{port}/store",
                          query=f"http://127.0.0.1:{port}/query")
    with oxigraph.running([oxigraph.binary(), "serve", "--location", str(tmp_path / "db"),
                   "--bind", f"127.0.0.1:{port}"], urls.query):
        yield urls


def _measures_in_default_graph(query: str) -> int:
    table = RemoteEndpoint(query).select(
        "SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/vngkb/def/Maatregel> }")
    value = table.rows[0][0]
    assert value is not None
    return int(value.value)


def test_a_store_whose_default_graph_shows_the_data_passes(
        oxigraph_store: OxigraphServer) -> None:
    report = publish(oxigraph_store.store, query_endpoint=oxigraph_store.query)
    assert report.verified
    assert _measures_in_default_graph(oxigraph_store.query) > 0


def test_a_store_whose_default_graph_hides_the_data_fails(
        oxigraph_without_union: OxigraphServer) -> None:
    with pytest.raises(DefaultGraphHidden) as error:
        publish(oxigraph_without_union.store, query_endpoint=oxigraph_without_union.query)
    message = str(error.value)
    assert f"de standaardgraaf van {oxigraph_without_union.query} toont de data niet" in message
    assert "--union-default-graph" in message and "unionDefaultGraph" in message
    assert "\n" not in message
    # The graphs were written whole (the check comes after), and the error says so.
    assert error.value.done and all(g.status in (200, 201, 204) for g in error.value.done)
    assert _measures_in_default_graph(oxigraph_without_union.query) == 0
    assert isinstance(error.value, EndpointError)


def test_one_named_graph_is_hidden_too(oxigraph_without_union: OxigraphServer) -> None:
    with pytest.raises(DefaultGraphHidden):
        publish(oxigraph_without_union.store, graph=GRAPH,
                query_endpoint=oxigraph_without_union.query)


def test_without_a_query_endpoint_nothing_is_checked(
        oxigraph_without_union: OxigraphServer) -> None:
    report = publish(oxigraph_without_union.store)
    assert not report.verified and report.graphs


def test_cli_says_so_in_one_line_and_exits_non_zero(
        oxigraph_without_union: OxigraphServer) -> None:
    result = CliRunner().invoke(main, ["publish", "--endpoint", oxigraph_without_union.store,
                                       "--query-endpoint", oxigraph_without_union.query])
    assert result.exit_code == 3
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith("vngkb: gepubliceerd, maar de standaardgraaf van ")
    assert "Traceback" not in result.output


def test_doctests() -> None:
    import doctest

    from vngkb.publish import graph_store as module

    failures, tried = doctest.testmod(module)
    assert tried >= 2
    assert failures == 0
