"""The shapes rewritten for pySHACL (vngkb.validate.shapeplan) find exactly what the shapes as
written find, on small graphs made to reach each rule of the rewriting."""

from __future__ import annotations

from vngkb.validate.shapeplan import per_letter, targets_of_their_own, values_listed
from vngkb.validate.validation import shacl_findings


def test_property_shapes_with_targets_of_their_own_find_the_same() -> None:
    import rdflib

    shapes_text = """
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://w3id.org/vngkb/id/> .
        ex:S a sh:NodeShape ; sh:targetNode ex:goed, ex:kapot ; sh:closed true ;
            sh:ignoredProperties () ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "p ontbreekt"@nl ] ;
            sh:property [ sh:path ex:q ; sh:maxCount 1 ; sh:severity sh:Warning ;
                          sh:message "q te vaak"@nl ] ;
            sh:property [ sh:path ex:r ; sh:node ex:N ; sh:message "r niet N"@nl ] .
        ex:N a sh:NodeShape ; sh:property [ sh:path ex:s ; sh:minCount 1 ] ."""
    data = rdflib.Graph().parse(format="turtle", data="""
        @prefix ex: <https://w3id.org/vngkb/id/> .
        ex:goed ex:p 1 ; ex:q 1 ; ex:r ex:n .  ex:n ex:s 1 .
        ex:kapot ex:q 1, 2 ; ex:r ex:goed ; ex:onbekend 1 .""")
    nested = shacl_findings(data, rdflib.Graph().parse(format="turtle", data=shapes_text),
                            allow_warnings=True)
    flat = shacl_findings(data, targets_of_their_own(
        rdflib.Graph().parse(format="turtle", data=shapes_text)), allow_warnings=True)
    assert flat == nested
    # The closed shape still allows the moved p, q and r; the nested ex:N result of
    # ex:goed (the value of kapot's r) is pySHACL's, either way.
    assert [(f.severity, f.focus, f.path, f.message_nl) for f in flat] == [
        ("Violation", "goed", "s", "Less than 1 values on ex:goed->ex:s"),
        ("Violation", "kapot", "onbekend",
         'Node ex:kapot is closed. It cannot have value: Literal("1", datatype=xsd:integer)'),
        ("Violation", "kapot", "p", "p ontbreekt"),
        ("Violation", "kapot", "r", "r niet N"),
        ("Warning", "kapot", "q", "q te vaak"),
    ]


def test_scheme_shapes_said_as_lists_find_the_same() -> None:
    import rdflib

    shapes_text = """
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://w3id.org/vngkb/id/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ex:Kleur a sh:NodeShape ; sh:property [ sh:path skos:inScheme ;
            sh:hasValue ex:kleuren ; sh:message "geen kleur"@nl ] .
        ex:Vorm a sh:NodeShape ; sh:property [ sh:path skos:inScheme ; sh:hasValue ex:vormen ;
            sh:minCount 2 ; sh:message "geen vorm"@nl ] .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:kleur ; sh:node ex:Kleur ; sh:message "kleur?"@nl ] ;
            sh:property [ sh:path ex:vorm ; sh:node ex:Vorm ; sh:message "vorm?"@nl ] ."""
    # ex:b is a focus node through the subclass; ex:los is none: its bad colour is not
    # checked, with or without the list.
    data = rdflib.Graph().parse(format="turtle", data="""
        @prefix ex: <https://w3id.org/vngkb/id/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:rood skos:inScheme ex:kleuren . ex:rond skos:inScheme ex:vormen .
        ex:D rdfs:subClassOf ex:C .
        ex:a a ex:C ; ex:kleur ex:rood, ex:rond, "rood" ; ex:vorm ex:rond .
        ex:b a ex:D ; ex:kleur ex:nergens .
        ex:los ex:kleur ex:vierkant .""")

    def findings(listed: bool) -> list[tuple[str, str, str, str]]:
        shapes = targets_of_their_own(rdflib.Graph().parse(format="turtle", data=shapes_text))
        if listed:
            shapes = values_listed(shapes, data)
        return sorted((f.focus, f.path, f.message_nl, f.value)
                      for f in shacl_findings(data, shapes, allow_warnings=True))

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    shapes = values_listed(targets_of_their_own(
        rdflib.Graph().parse(format="turtle", data=shapes_text)), data)
    assert len(list(shapes.objects(None, sh["in"]))) == 1  # ex:Kleur's, not ex:Vorm's
    assert len(list(shapes.objects(None, sh.node))) == 1
    assert findings(listed=True) == findings(listed=False) == [
        ("a", "kleur", "kleur?", "rond"),
        ("a", "kleur", "kleur?", "rood"),  # the literal "rood"
        ("a", "vorm", "vorm?", "rond"),  # ex:Vorm asks more than a value: still nested
        ("b", "kleur", "kleur?", "nergens"),
        ("nergens", "skos:inScheme", "geen kleur", ""),
        ("rond", "skos:inScheme", "geen kleur", ""),
        ("rond", "skos:inScheme", "geen vorm", ""),
        ("rood", "skos:inScheme", "geen kleur", ""),
    ]


def test_a_shape_that_is_a_class_keeps_its_property_shapes() -> None:
    # Its instances are focus nodes without a target triple (an implicit target): a
    # moved property shape would not reach them.
    import rdflib

    shapes = targets_of_their_own(rdflib.Graph().parse(format="turtle", data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://w3id.org/vngkb/id/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:K a sh:NodeShape, rdfs:Class ; sh:targetNode ex:x ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ] .
        ex:L a sh:NodeShape ; sh:targetNode ex:x ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
    """))
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert shapes.value(rdflib.URIRef("https://w3id.org/vngkb/id/K"), sh.property) is not None
    assert shapes.value(rdflib.URIRef("https://w3id.org/vngkb/id/L"), sh.property) is None


PER_LETTER_SHAPES = """
    @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix def: <https://w3id.org/vngkb/def/> .
    @prefix dct: <http://purl.org/dc/terms/> .
    def:S a sh:NodeShape ; sh:targetClass def:Maatregel, def:Motie ;
        sh:property [ sh:path dct:source ; sh:maxCount 1 ; sh:class def:Brondocument ;
                      PARAMETER_SOURCE sh:message "bron?"@nl ] ;
        sh:property [ sh:path def:laatsteRegel ; sh:minInclusive 1 ;
                      PARAMETER_LINES sh:message "regel?"@nl ] ."""
PER_LETTER_DATA = """
    @prefix def: <https://w3id.org/vngkb/def/> . @prefix dct: <http://purl.org/dc/terms/> .
    @prefix bron: <https://w3id.org/vngkb/id/bron/> .
    @prefix a: <https://w3id.org/vngkb/id/maatregel/brief-a/> .
    @prefix b: <https://w3id.org/vngkb/id/maatregel/brief-b/> .
    bron:brief-a a def:Brondocument . bron:brief-b a def:Brondocument .
    a:goed a def:Maatregel ; dct:source bron:brief-a ; def:laatsteRegel 10 .
    a:te-ver a def:Maatregel ; dct:source bron:brief-a ; def:laatsteRegel 11 .
    a:andere-bron a def:Maatregel ; dct:source bron:brief-b ; def:laatsteRegel 11 .
    b:goed a def:Maatregel ; dct:source bron:brief-b ; def:laatsteRegel 20 .
    b:te-ver a def:Maatregel ; dct:source bron:brief-b ; def:laatsteRegel 21 .
    <https://w3id.org/vngkb/id/motie/m> a def:Motie ; dct:source bron:brief-a ;
        def:laatsteRegel 11 .
    <https://w3id.org/vngkb/id/motie/zonder-brief> a def:Motie ; def:laatsteRegel 99 ."""


def test_per_letter_parameters_hold_each_focus_node_to_its_own_letter() -> None:
    import rdflib

    data = rdflib.Graph().parse(format="turtle", data=PER_LETTER_DATA)
    text = PER_LETTER_SHAPES.replace("PARAMETER_SOURCE", "def:perBrief sh:hasValue ;") \
        .replace("PARAMETER_LINES", "def:perBrief sh:maxInclusive ;")
    shapes = per_letter(targets_of_their_own(rdflib.Graph().parse(format="turtle", data=text)),
                        data, {"brief-a": 10, "brief-b": 20})
    found = sorted((f.focus, f.path, f.message_nl, f.value)
                   for f in shacl_findings(data, shapes, allow_warnings=True))
    # brief-a has 10 lines and brief-b 20; a measure's source is its own letter and its
    # lines are its own letter's, whatever its source; a motion (no letter in its IRI) is
    # held to its source's lines, one without a source to none.
    assert found == [
        ("maatregel/brief-a/andere-bron", "dct:source", "bron?", ""),
        ("maatregel/brief-a/andere-bron", "def:laatsteRegel", "regel?", "11"),
        ("maatregel/brief-a/te-ver", "def:laatsteRegel", "regel?", "11"),
        ("maatregel/brief-b/te-ver", "def:laatsteRegel", "regel?", "21"),
        ("motie/m", "def:laatsteRegel", "regel?", "11"),
    ]
    # Without vngkb (the parameters not filled in), the rest of each shape still holds.
    plain = rdflib.Graph().parse(format="turtle", data=PER_LETTER_SHAPES.replace(
        "PARAMETER_SOURCE", "").replace("PARAMETER_LINES", ""))
    assert shacl_findings(data, plain, allow_warnings=True) == []


def test_a_letter_without_a_known_text_has_no_line_bound() -> None:
    import rdflib

    data = rdflib.Graph().parse(format="turtle", data=PER_LETTER_DATA)
    text = PER_LETTER_SHAPES.replace("PARAMETER_SOURCE", "").replace(
        "PARAMETER_LINES", "def:perBrief sh:maxInclusive ;")
    shapes = per_letter(targets_of_their_own(rdflib.Graph().parse(format="turtle", data=text)),
                        data, {"brief-b": 20})
    assert sorted(f.focus for f in shacl_findings(data, shapes, allow_warnings=True)) == [
        "maatregel/brief-b/te-ver"]
