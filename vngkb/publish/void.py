"""The VoID description of the KB (``void.ttl``): how big it is, what it is made of and
where to get it, computed from the exported dataset itself, never written by hand.

VoID (W3C Interest Group Note, https://www.w3.org/TR/void/) is what harvesters, LOD
crawlers and SPARQL editors read to learn what a dataset holds: its size (triples,
entities, distinct subjects and objects), its classes and properties with their counts
(class and property partitions), the named graphs as subsets, example resources, the
vocabularies it uses, its URI space, its dumps and its SPARQL endpoint.

The same description is the default dataset in the endpoint's SPARQL service
description (:mod:`vngkb.server.description`).

>>> from vngkb.kb.graphs import build_dataset
>>> dataset = build_dataset()
>>> facts = void_facts(dataset.store, dataset.base)
>>> facts.triples == sum(facts.graph_triples.values())
True
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from vngkb.kb.graphs import KbDataset, Part, graph_iri
from vngkb.rdf.namespaces import DCT, RDF, RDFS, XSD

VOID = "http://rdfs.org/ns/void#"
FOAF = "http://xmlns.com/foaf/0.1/"
VOID_FILE = "void.ttl"

#: Resources a newcomer can start from (``void:exampleResource``), as paths under
#: ``{base}/id/``; only those the KB holds are listed.
EXAMPLES = ("maatregel/ledenbrief-miljoenennota-2020/woningbouw",
            "bedrag/ledenbrief-miljoenennota-2020/laaggeletterdheid-du-2020",
            "hoofdstuk/ledenbrief-miljoenennota-2020/financien",
            "bron/ledenbrief-miljoenennota-2020")


@dataclass(frozen=True)
class VoidFacts:
    """The counts a VoID description states, computed from a dataset."""

    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    classes: dict[str, int]
    properties: dict[str, int]
    graph_triples: dict[str, int]
    vocabularies: tuple[str, ...]
    examples: tuple[str, ...] = field(default=())


def _namespace(iri: str) -> str:
    """The namespace of *iri*: up to its last ``#`` or ``/``.

    >>> _namespace("http://www.w3.org/2004/02/skos/core#Concept")
    'http://www.w3.org/2004/02/skos/core#'
    """
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1]


def void_facts(store: ox.Store, base: str) -> VoidFacts:
    """Count what VoID describes in *store* (the KB on *base*; triples in named graphs
    are counted per graph, for the subsets)."""
    own = base + "/id/"
    subjects: set[object] = set()
    objects: set[object] = set()
    entities: set[str] = set()
    properties: Counter[str] = Counter()
    members: dict[str, set[str]] = {}
    per_graph: Counter[str] = Counter()
    triples: set[ox.Triple] = set()
    rdf_type = RDF + "type"
    for quad in store:
        triples.add(quad.triple)
        if isinstance(quad.graph_name, ox.NamedNode):
            per_graph[quad.graph_name.value] += 1
        subjects.add(quad.subject)
        objects.add(quad.object)
        properties[quad.predicate.value] += 1
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(own):
                entities.add(term.value)
        if quad.predicate.value == rdf_type and isinstance(quad.object, ox.NamedNode):
            members.setdefault(quad.object.value, set()).add(str(quad.subject))
    classes = {cls: len(found) for cls, found in members.items()}
    vocabularies = sorted({_namespace(p) for p in properties}
                          | {_namespace(c) for c in classes})
    examples = tuple(own + path for path in EXAMPLES if ox.NamedNode(own + path) in subjects)
    return VoidFacts(triples=len(triples), entities=len(entities),
                     distinct_subjects=len(subjects), distinct_objects=len(objects),
                     classes=dict(sorted(classes.items())),
                     properties=dict(sorted(properties.items())),
                     graph_triples=dict(sorted(per_graph.items())),
                     vocabularies=tuple(vocabularies), examples=examples)


def dataset_iri(base: str) -> str:
    """The dataset's IRI, the same in the DCAT and the VoID description."""
    return f"{base}/id/dataset/vngkb"


def void_triples(subject: ox.NamedNode | ox.BlankNode, base: str, facts: VoidFacts, *,
                 parts: Sequence[Part] = (), dumps: Sequence[str] = (),
                 sparql_endpoint: str | None = None) -> list[ox.Triple]:
    """The VoID description of the KB on *base* as triples about *subject*; *parts*
    label the named-graph subsets. Partitions are blank nodes with labels derived from
    what they count, so the output is the same in every run."""
    triples: list[ox.Triple] = []

    def add(s: ox.NamedNode | ox.BlankNode, p: str,
            o: ox.NamedNode | ox.BlankNode | ox.Literal) -> None:
        triples.append(ox.Triple(s, ox.NamedNode(p), o))

    def count(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))

    def blank(kind: str, value: str) -> ox.BlankNode:
        return ox.BlankNode(f"{kind}-{hashlib.sha256(value.encode()).hexdigest()[:16]}")

    add(subject, RDF + "type", ox.NamedNode(VOID + "Dataset"))
    add(subject, DCT + "title", ox.Literal("Kennisbank VNG-ledenbrieven Miljoenennota",
                                           language="nl"))
    add(subject, DCT + "title", ox.Literal(
        "Knowledge base of the VNG member letters on the Miljoenennota", language="en"))
    add(subject, VOID + "uriSpace", ox.Literal(base + "/id/"))
    add(subject, VOID + "triples", count(facts.triples))
    add(subject, VOID + "entities", count(facts.entities))
    add(subject, VOID + "distinctSubjects", count(facts.distinct_subjects))
    add(subject, VOID + "distinctObjects", count(facts.distinct_objects))
    add(subject, VOID + "classes", count(len(facts.classes)))
    add(subject, VOID + "properties", count(len(facts.properties)))
    for vocabulary in facts.vocabularies:
        add(subject, VOID + "vocabulary", ox.NamedNode(vocabulary))
    for example in facts.examples:
        add(subject, VOID + "exampleResource", ox.NamedNode(example))
    for dump in dumps:
        add(subject, VOID + "dataDump", ox.NamedNode(dump))
    if sparql_endpoint:
        add(subject, VOID + "sparqlEndpoint", ox.NamedNode(sparql_endpoint))
    for cls, entities in facts.classes.items():
        partition = blank("klasse", cls)
        add(subject, VOID + "classPartition", partition)
        add(partition, VOID + "class", ox.NamedNode(cls))
        add(partition, VOID + "entities", count(entities))
    for prop, number in facts.properties.items():
        partition = blank("eigenschap", prop)
        add(subject, VOID + "propertyPartition", partition)
        add(partition, VOID + "property", ox.NamedNode(prop))
        add(partition, VOID + "triples", count(number))
    named = {part.graph: part for part in parts}
    for graph, number in facts.graph_triples.items():
        node = ox.NamedNode(graph)
        add(subject, VOID + "subset", node)
        add(node, RDF + "type", ox.NamedNode(VOID + "Dataset"))
        add(node, VOID + "triples", count(number))
        part = named.get(graph)
        if part is not None:
            add(node, RDFS + "label", ox.Literal(part.name))
            add(node, DCT + "source", ox.Literal(part.source))
    return triples


def describe(dataset: KbDataset, *, dumps: Sequence[str] = (),
             sparql_endpoint: str | None = None) -> bytes:
    """``void.ttl``: the VoID description of *dataset* as Turtle."""
    triples = void_triples(ox.NamedNode(dataset_iri(dataset.base)), dataset.base,
                           void_facts(dataset.store, dataset.base), parts=dataset.parts,
                           dumps=dumps, sparql_endpoint=sparql_endpoint)
    prefixes = {"void": VOID, "dct": DCT, "rdfs": RDFS, "xsd": XSD,
                "graaf": graph_iri(dataset.base, ""), "dataset": dataset.base + "/id/dataset/"}
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert data is not None  # Oxigraph returns the bytes when given no output file
    return data
