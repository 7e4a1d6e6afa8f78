"""The shipped SHACL shapes rewritten into shapes that give pySHACL the same results with
less work: a targeted node shape's property shapes run once for all focus nodes, and a
nested "this property has this value" shape becomes an ``sh:in`` of the nodes that have
it. The rewriting happens in memory; ``ontology/shapes.ttl`` stays as written.

The shapes' own meaning is what the tests hold these functions to: on the shipped KB and
on every broken fixture, pySHACL reports the same findings for the rewritten shapes as for
the shapes as written (tests/test_validation.py, tests/test_validation_reports.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from vngkb.kb.layout import letter_of_bron, letter_of_iri
from vngkb.rdf.namespaces import DCT, DEF, ID, SH

if TYPE_CHECKING:
    import rdflib


_TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")


def targets_of_their_own(shapes: rdflib.Graph) -> rdflib.Graph:
    """*shapes* with every property shape of a targeted node shape given that node
    shape's targets and run on its own; the same constraints on the same focus nodes,
    hence the same results, but pySHACL validates a node shape's ``sh:property`` once
    per focus node (at 10x over 160,000 shape runs), a targeted shape once for all of
    them. A closed node shape ignores the moved properties, as it allowed them before.
    A node shape that another shape refers to (``sh:node``) keeps its properties, as
    does a property shape that is not a blank node of one node shape only.

    >>> import rdflib
    >>> shapes = rdflib.Graph().parse(format="turtle", data='''
    ... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ... ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ;
    ...     sh:property [ sh:path ex:p ; sh:minCount 1 ] .''')
    >>> shapes = targets_of_their_own(shapes)
    >>> sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    >>> prop = shapes.value(predicate=sh.path, object=rdflib.URIRef("http://example.org/p"))
    >>> shapes.value(prop, sh.targetClass)
    rdflib.term.URIRef('http://example.org/C')
    >>> node = rdflib.URIRef("http://example.org/S")
    >>> shapes.value(node, sh.property) is None
    True
    >>> list(rdflib.collection.Collection(shapes, shapes.value(node, sh.ignoredProperties)))
    [rdflib.term.URIRef('http://example.org/p')]
    """
    import rdflib
    from rdflib.collection import Collection

    sh = rdflib.Namespace(SH)
    for node in set(shapes.subjects(rdflib.RDF.type, sh.NodeShape)):
        aims = [(sh[t], o) for t in _TARGETS for o in shapes.objects(node, sh[t])]
        if not aims or (None, None, node) in shapes or (node, sh.deactivated, None) in shapes \
                or _is_class(shapes, node):  # a class's implicit target stays with it
            continue
        moved = []
        for prop in list(shapes.objects(node, sh.property)):
            if not isinstance(prop, rdflib.BNode) or len(set(shapes.subjects(None, prop))) != 1:
                continue
            shapes.remove((node, sh.property, prop))
            for target, aim in aims:
                shapes.add((prop, target, aim))
            path = shapes.value(prop, sh.path)
            if isinstance(path, rdflib.URIRef):
                moved.append(path)
        if moved and (node, sh.closed, rdflib.Literal(True)) in shapes:
            ignored = shapes.value(node, sh.ignoredProperties)
            if ignored is None or ignored == rdflib.RDF.nil:  # no list, or the empty one
                shapes.remove((node, sh.ignoredProperties, None))
                ignored = rdflib.BNode()
                shapes.add((node, sh.ignoredProperties, ignored))
            listed = Collection(shapes, ignored)
            for path in moved:
                listed.append(path)
    return shapes


def values_listed(shapes: rdflib.Graph, data: rdflib.Graph) -> rdflib.Graph:
    """*shapes* with each ``sh:node`` that only asks for one value of one property (such
    as ``def:PeriodeConcept``: ``skos:inScheme`` has the periods scheme) said as an
    ``sh:in`` of the nodes in *data* that have that value, for a targeted property
    shape with its own message; the nested shape's results (one per value that fails
    it) come from a copy targeted at exactly the values it was nested for. The same
    results, without one nested shape run per focus node and value (at 10x 30,000).

    >>> import rdflib
    >>> shapes = targets_of_their_own(rdflib.Graph().parse(format="turtle", data='''
    ... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ... ex:Kleur a sh:NodeShape ; sh:property [ sh:path ex:schema ; sh:hasValue ex:kleuren ] .
    ... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    ...     sh:property [ sh:path ex:kleur ; sh:node ex:Kleur ; sh:message "geen kleur" ] .'''))
    >>> data = rdflib.Graph().parse(format="turtle", data='''
    ... @prefix ex: <http://example.org/> .
    ... ex:rood ex:schema ex:kleuren . ex:a a ex:C ; ex:kleur ex:rood, ex:rond .''')
    >>> shapes = values_listed(shapes, data)
    >>> sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    >>> listed = shapes.value(predicate=sh.node, object=rdflib.URIRef("http://example.org/Kleur"))
    >>> listed is None
    True
    >>> [list(rdflib.collection.Collection(shapes, o)) for o in shapes.objects(None, sh["in"])]
    [[rdflib.term.URIRef('http://example.org/rood')]]
    >>> sorted(shapes.objects(None, sh.targetNode))
    [rdflib.term.URIRef('http://example.org/rond'), rdflib.term.URIRef('http://example.org/rood')]
    """
    import rdflib
    from rdflib.collection import Collection

    sh = rdflib.Namespace(SH)
    for prop, nested in list(shapes.subject_objects(sh.node)):
        asked = _one_value_asked(shapes, nested)
        path = shapes.value(prop, sh.path)
        if asked is None or not isinstance(path, rdflib.URIRef) \
                or len(set(shapes.objects(prop, sh.node))) != 1 \
                or (prop, sh.message, None) not in shapes \
                or (prop, sh.deactivated, None) in shapes \
                or not any((prop, sh[t], None) in shapes for t in _TARGETS) \
                or _is_class(shapes, prop):  # implicit targets: left to pySHACL
            continue
        predicate, value, check = asked
        values = {v for f in _focus_nodes(shapes, data, prop) for v in data.objects(f, path)}
        shapes.remove((prop, sh.node, nested))
        have = sorted(set(data.subjects(predicate, value)), key=str)  # a fixed order
        listed = rdflib.BNode() if have else rdflib.RDF.nil
        if have:
            Collection(shapes, listed, have)
        shapes.add((prop, sh["in"], listed))
        if values:  # the nested shape's own results, for the values it was run on
            copy, own = rdflib.BNode(), rdflib.BNode()
            shapes.add((copy, rdflib.RDF.type, sh.NodeShape))
            shapes.add((copy, sh.property, own))
            for p, o in shapes.predicate_objects(check):
                shapes.add((own, p, o))
            for v in values:
                shapes.add((copy, sh.targetNode, v))
    return shapes


#: On a property shape: the SHACL parameter filled in per letter (``ontology/vngkb.ttl``).
PER_LETTER = DEF + "perBrief"


def per_letter(shapes: rdflib.Graph, data: rdflib.Graph,
               line_counts: Mapping[str, int]) -> rdflib.Graph:
    """*shapes* with every property shape that says ``def:perBrief P`` given parameter P
    for each letter: one copy per letter, targeted at that letter's focus nodes, with
    ``sh:hasValue`` the letter itself (``bron/{letter}``, for the letter in the focus
    node's IRI) or ``sh:maxInclusive`` the number of lines of its text (*line_counts*, by
    letter id; for the letter in the focus node's IRI, else that of its one
    ``dct:source``). Focus nodes of no letter (or of a letter without a known text) keep
    the shape as written, without P. A shape with no targets of its own (see
    :func:`targets_of_their_own`) keeps the shape as written for all.

    >>> import rdflib
    >>> shapes = rdflib.Graph().parse(format="turtle", data='''
    ... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix def: <https://w3id.org/vngkb/def/> .
    ... [] sh:targetClass def:Bedrag ; sh:path def:laatsteRegel ; def:perBrief sh:maxInclusive .
    ... ''')
    >>> data = rdflib.Graph().parse(format="turtle", data='''
    ... @prefix def: <https://w3id.org/vngkb/def/> .
    ... <https://w3id.org/vngkb/id/bedrag/brief-a/x> a def:Bedrag ; def:laatsteRegel 12 .''')
    >>> shapes = per_letter(shapes, data, {"brief-a": 10})
    >>> sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    >>> [(str(target), int(shapes.value(s, sh.maxInclusive)))
    ...  for s, target in shapes.subject_objects(sh.targetNode)]
    [('https://w3id.org/vngkb/id/bedrag/brief-a/x', 10)]
    """
    import rdflib

    sh = rdflib.Namespace(SH)
    per = rdflib.URIRef(PER_LETTER)
    targets = {sh[t] for t in _TARGETS}
    for prop, parameter in list(shapes.subject_objects(per)):
        shapes.remove((prop, per, parameter))
        if parameter not in (sh.hasValue, sh.maxInclusive) \
                or not any((prop, t, None) in shapes for t in targets) \
                or _is_class(shapes, prop):
            continue
        groups: dict[rdflib.term.Node, list[rdflib.term.Node]] = {}
        unbound = []
        for node in sorted(_focus_nodes(shapes, data, prop), key=str):
            value = _letter_value(data, node, parameter == sh.hasValue, line_counts)
            if value is None:
                unbound.append(node)
            else:
                groups.setdefault(value, []).append(node)
        if not groups:
            continue
        said = [(p, o) for p, o in shapes.predicate_objects(prop) if p not in targets]
        for target in targets:
            shapes.remove((prop, target, None))
        for node in unbound:
            shapes.add((prop, sh.targetNode, node))
        for value, nodes in groups.items():
            copy = rdflib.BNode()
            for p, o in said:
                shapes.add((copy, p, o))
            shapes.add((copy, parameter, value))
            for node in nodes:
                shapes.add((copy, sh.targetNode, node))
    return shapes


def _letter_value(data: rdflib.Graph, node: rdflib.term.Node, source: bool,
                  line_counts: Mapping[str, int]) -> rdflib.term.Node | None:
    """The value of a per-letter parameter for focus node *node*: its letter (when
    *source*) or its letter's number of lines; None when it has none."""
    import rdflib
    from rdflib.namespace import XSD

    letter = letter_of_iri(str(node)) if isinstance(node, rdflib.URIRef) else None
    if source:
        return None if letter is None else rdflib.URIRef(f"{ID}bron/{letter}")
    if letter is None:
        said = rdflib.URIRef(DCT + "source")
        sources = {letter_of_bron(str(o)) for o in data.objects(node, said)}
        letter = sources.pop() if len(sources) == 1 else None
    count = line_counts.get(letter) if letter is not None else None
    return None if count is None else rdflib.Literal(count, datatype=XSD.integer)


def _one_value_asked(shapes: rdflib.Graph, nested: rdflib.term.Node
                     ) -> tuple[rdflib.URIRef, rdflib.term.Node, rdflib.term.Node] | None:
    """(property, value, property shape) when node shape *nested* says nothing but
    "this property has this value" (``sh:property [ sh:path P ; sh:hasValue V ]``, a
    message allowed), else None."""
    import rdflib

    sh = rdflib.Namespace(SH)
    said = set(shapes.predicate_objects(nested))
    checks = [o for p, o in said if p == sh.property]
    if len(checks) != 1 or not {p for p, _ in said} <= {
            rdflib.RDF.type, rdflib.RDFS.label, rdflib.RDFS.comment, sh.property} \
            or (nested, rdflib.RDF.type, sh.NodeShape) not in shapes:  # so no targets
        return None
    check = checks[0]
    own = set(shapes.predicate_objects(check))
    predicate, values = shapes.value(check, sh.path), [o for p, o in own if p == sh.hasValue]
    if not isinstance(check, rdflib.BNode) or not isinstance(predicate, rdflib.URIRef) \
            or len(values) != 1 or len(set(shapes.subjects(None, check))) != 1 \
            or not {p for p, _ in own} <= {sh.path, sh.hasValue, sh.message}:
        return None
    return predicate, values[0], check


def _is_class(shapes: rdflib.Graph, node: rdflib.term.Node) -> bool:
    import rdflib

    return any((node, rdflib.RDF.type, kind) in shapes
               for kind in (rdflib.RDFS.Class, rdflib.OWL.Class))


def _focus_nodes(shapes: rdflib.Graph, data: rdflib.Graph, shape: rdflib.term.Node
                 ) -> set[rdflib.term.Node]:
    """The focus nodes of *shape*'s targets in *data*, as SHACL (and pySHACL) finds them:
    a class's instances include those of its subclasses."""
    import rdflib

    sh = rdflib.Namespace(SH)
    nodes: set[rdflib.term.Node] = set(shapes.objects(shape, sh.targetNode))
    for aimed in shapes.objects(shape, sh.targetClass):
        for kind in {aimed, *data.transitive_subjects(rdflib.RDFS.subClassOf, aimed)}:
            nodes.update(data.subjects(rdflib.RDF.type, kind))
    for predicate in shapes.objects(shape, sh.targetSubjectsOf):
        nodes.update(data.subjects(predicate, None))
    for predicate in shapes.objects(shape, sh.targetObjectsOf):
        nodes.update(data.objects(None, predicate))
    return nodes
