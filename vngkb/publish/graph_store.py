"""Put the KB into an external triple store through the SPARQL 1.1 Graph Store HTTP
Protocol (GSP): ``PUT {endpoint}?graph={iri}`` per named graph.

A PUT replaces the graph whole, in one transaction of the store (Oxigraph, Fuseki,
GraphDB, Virtuoso), so a publish that fails midway leaves every graph either as it was
or fully replaced, never half written; the report says which graphs were replaced
before the failure. The graphs are those of :mod:`vngkb.kb.graphs` (one per part, each
triple in exactly one), or a single graph of the caller's choosing.

The body is N-Triples, sent as ``text/turtle`` (N-Triples is a subset of Turtle, and
Turtle is the format every GSP implementation accepts). With a query endpoint, the
publish is checked afterwards: the store must hold exactly the triples sent in each
graph, its default graph must show the published data (a query without ``GRAPH`` is how
every canned question and most users ask; a store that keeps named graphs out of the
default graph answers them with nothing), and graphs under ``{base}/id/graaf/`` that this
publish did not write (left over from an older KB) are reported, and deleted when asked to
prune.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from vngkb.core.errors import EndpointError, InputError, printable_line, shorten
from vngkb.core.version import __version__
from vngkb.i18n import t
from vngkb.kb.graphs import DEFAULT_BASE, KbDataset, build_dataset, graph_iri
from vngkb.query.http import HttpError, check_url, exchange
from vngkb.query.store import RemoteEndpoint, checked_use
from vngkb.rdf.namespaces import RDF

CONTENT_TYPE = "text/turtle; charset=utf-8"
DEFAULT_TIMEOUT = 60.0
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
_ERROR_DETAIL = 200
RDF_TYPE = RDF + "type"


@dataclass(frozen=True)
class PublishedGraph:
    """One graph replaced in the store."""

    graph: str
    source: str
    triples: int
    status: int


@dataclass
class PublishReport:
    """What a publish did."""

    endpoint: str
    graphs: list[PublishedGraph] = field(default_factory=list)
    #: True when the store's triple counts were checked through a query endpoint.
    verified: bool = False
    #: Graphs under ``{base}/id/graaf/`` in the store that this publish did not write.
    stale: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)


class PublishError(EndpointError):
    """The store refused or did not answer; ``done`` are the graphs replaced before."""

    def __init__(self, message: str, done: Sequence[PublishedGraph] = ()) -> None:
        super().__init__(message)
        self.done = list(done)


class DefaultGraphHidden(PublishError):
    """The data is in the store, but its default graph does not show it: queries without
    ``GRAPH`` (every canned question) would find nothing."""


class _HttpFailure(Exception):
    """One request failed: *detail* says how."""


def _check_url(url: str, what: str) -> str:
    try:
        return check_url(url, what)
    except InputError:
        raise InputError(t("publish_not_http", what=what, url=shorten(url))) from None


def gsp_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of *graph* (indirect identification, ``?graph=``).

    >>> gsp_url("http://localhost:7878/store", "https://w3id.org/vngkb/id/graaf/kb/brief")
    'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Fvngkb%2Fid%2Fgraaf%2Fkb%2Fbrief'
    """
    separator = "&" if "?" in endpoint else "?"
    return endpoint + separator + urllib.parse.urlencode({"graph": graph})


def _first_line(body: bytes) -> str:
    """The first line of *body* that is not blank, printable and cut."""
    for line in body.decode("utf-8", "replace").splitlines():
        if line.strip():
            return printable_line(line, _ERROR_DETAIL)
    return ""


def _request(method: str, url: str, data: bytes | None, timeout: float) -> int:
    """Send one request through the one HTTP client (:mod:`vngkb.query.http`: a deadline
    for the whole exchange, a bounded answer, no redirect elsewhere); the HTTP status, or
    :class:`_HttpFailure` saying what went wrong."""
    headers = {"User-Agent": f"vngkb/{__version__}"}
    if data is not None:
        headers["Content-Type"] = CONTENT_TYPE
    try:
        response = exchange(method, url, body=data, headers=headers, timeout=timeout)
    except HttpError as error:
        raise _HttpFailure(error.detail) from None
    if response.status >= 300:
        detail = _first_line(response.body[:2000])
        raise _HttpFailure(f"HTTP {response.status} {response.reason}"
                           + (f": {detail}" if detail else ""))
    return response.status


def _body(triples: Sequence[ox.Triple]) -> bytes:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None  # Oxigraph returns the bytes when given no output file
    return data


def publish(endpoint: str, *, graph: str | None = None, base: str = DEFAULT_BASE,
            query_endpoint: str | None = None, prune: bool = False,
            timeout: float = DEFAULT_TIMEOUT, files: Sequence[Path] | None = None,
            on_graph: Callable[[PublishedGraph], None] | None = None) -> PublishReport:
    """Replace each named graph of the KB (on *base*) in the store at *endpoint*, or put
    the whole KB into the one graph *graph*. *on_graph* hears of each graph when done."""
    _check_url(endpoint, t("publish_graph_store"))
    if query_endpoint is not None:
        _check_url(query_endpoint, t("publish_query_endpoint"))
    if prune and query_endpoint is None:
        raise InputError(t("publish_prune_needs_query"))
    if graph is not None and not _ABSOLUTE_IRI.fullmatch(graph):
        raise InputError(t("publish_graph_not_iri", graph=shorten(graph)))
    dataset = build_dataset(base, files)
    uploads = _uploads(dataset, graph)
    report = PublishReport(endpoint=endpoint)
    for index, (iri, source, triples) in enumerate(uploads):
        try:
            status = _request("PUT", gsp_url(endpoint, iri), _body(triples), timeout)
        except _HttpFailure as failure:
            done = report.graphs
            rest = t("publish_others_unchanged") if index + 1 < len(uploads) else ""
            raise PublishError(t("publish_failed_at", endpoint=endpoint, graph=iri,
                                 failure=failure, done=len(done), total=len(uploads),
                                 rest=rest), done) from None
        published = PublishedGraph(graph=iri, source=source, triples=len(triples),
                                   status=status)
        report.graphs.append(published)
        if on_graph is not None:
            on_graph(published)
    if query_endpoint is not None:
        _verify(report, dataset, query_endpoint, timeout)
        if prune:
            for stale in report.stale:
                try:
                    _request("DELETE", gsp_url(endpoint, stale), None, timeout)
                except _HttpFailure as failure:
                    if not str(failure).startswith("HTTP 404"):
                        raise PublishError(t("publish_cannot_delete", graph=stale,
                                             endpoint=endpoint, failure=failure),
                                           report.graphs) from None
                report.pruned.append(stale)
    return report


def _uploads(dataset: KbDataset, graph: str | None) -> list[tuple[str, str, list[ox.Triple]]]:
    if graph is not None:
        merged = [q.triple for q in dataset.store]
        return [(graph, "all parts", merged)]
    return [(part.graph, part.source, dataset.graph_triples(part)) for part in dataset.parts]


def _verify(report: PublishReport, dataset: KbDataset, query_endpoint: str,
            timeout: float) -> None:
    """Check the store holds what was sent; list graphs of ours that were not sent."""
    endpoint = RemoteEndpoint(query_endpoint, timeout=timeout)
    counts: dict[str, int] = {}
    with checked_use(endpoint):  # a count that is no number: one line, exit 3
        table = endpoint.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        for row in table.rows:
            if row[0] is not None and row[1] is not None:
                counts[row[0].value] = int(row[1].value)
    for published in report.graphs:
        held = counts.get(published.graph, 0)
        if held != published.triples:
            raise PublishError(t("publish_count_differs", endpoint=query_endpoint, held=held,
                                 graph=published.graph, sent=published.triples),
                               report.graphs)
    _check_default_graph(report, dataset, query_endpoint, timeout)
    ours = graph_iri(dataset.base, "")
    sent = {g.graph for g in report.graphs}
    report.stale = sorted(g for g in counts if g.startswith(ours) and g not in sent)
    report.verified = True


def _known_triple(dataset: KbDataset) -> ox.Triple:
    """A triple the publish sent: a measure's type when the KB has measures (the kind of
    triple every question reads), else the first triple of the first graph."""
    maatregel = ox.NamedNode(dataset.base + "/def/Maatregel")
    measures = list(dataset.store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), maatregel))
    if measures:
        return min((q.triple for q in measures), key=str)
    first: ox.Quad = next(iter(dataset.store))
    return first.triple


def default_graph_query(triple: ox.Triple) -> str:
    """ASK whether the default graph (no ``GRAPH``) holds *triple*.

    >>> t = ox.Triple(ox.NamedNode("http://example.org/m"),
    ...               ox.NamedNode("http://example.org/p"), ox.Literal("Jeugd", language="nl"))
    >>> default_graph_query(t)
    'ASK { <http://example.org/m> <http://example.org/p> "Jeugd"@nl }'
    """
    return f"ASK {{ {triple.subject} {triple.predicate} {triple.object} }}"


def _check_default_graph(report: PublishReport, dataset: KbDataset, query_endpoint: str,
                         timeout: float) -> None:
    if len(dataset.store) == 0:
        return
    triple = _known_triple(dataset)
    answer = RemoteEndpoint(query_endpoint, timeout=timeout).select(
        default_graph_query(triple))
    if not answer.boolean:
        raise DefaultGraphHidden(t(
            "publish_default_hidden", endpoint=query_endpoint,
            triple=f"{triple.subject} {triple.predicate} {triple.object}",
            fix=t("publish_default_fix")), report.graphs)
