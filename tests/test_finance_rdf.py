"""vngkb.finance.rdf: the computed figures as RDF, each linked to the published figure it
reproduces and the ones it is derived from, conforming to the accres shapes, beside the
published ones in SPARQL, with IRIs of their own for a what-if, and written without rdflib
or matplotlib."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import rdflib

from tests.accres_figures import EXPECTED_CHAIN_DIFFERENCES, SHAPES, kb_graph
from vngkb import finance
from vngkb.finance.model import name
from vngkb.finance.published import DEFAULT_KB_FILE

ROOT = Path(__file__).resolve().parents[1]
DEF = rdflib.Namespace("https://w3id.org/vngkb/def/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
D = Decimal


def test_computed_turtle_links_every_computed_figure_to_a_published_one() -> None:
    graph = rdflib.Graph().parse(data=finance.computed_turtle(), format="turtle")
    published = kb_graph()
    computed = set(graph.subjects(rdflib.RDF.type, DEF.BerekendeAccreswaarneming))
    # One per audited printed figure; the five plafond checks compare with Tabel 1 instead.
    assert len(computed) == len(finance.audit_checks()) - 5 == 78
    for node in computed:
        targets = list(graph.objects(node, DEF.reproduceert))
        assert len(targets) == 1
        assert (targets[0], rdflib.RDF.type, DEF.Accreswaarneming) in published
        sources = list(graph.objects(node, PROV.wasDerivedFrom))
        assert sources
        assert all((s, rdflib.RDF.type, DEF.Accreswaarneming) in published for s in sources)
        activity = graph.value(node, PROV.wasGeneratedBy)
        assert (activity, rdflib.RDF.type, PROV.Activity) in graph
        assert "vngkb.finance.compute" in str(graph.value(activity, rdflib.RDFS.label))
        for dimension in (DEF.begrotingsjaar, DEF.circulaire, DEF.grootheid):
            assert graph.value(node, dimension) == published.value(targets[0], dimension)


def test_computed_figures_conform_to_the_shapes() -> None:
    import pyshacl

    graph = kb_graph()
    graph.parse(data=finance.computed_turtle(), format="turtle")
    conforms, _graph, text = pyshacl.validate(
        graph, shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"))
    assert conforms, text


def test_sparql_puts_computed_beside_published() -> None:
    store = ox.Store()
    store.load(path=str(DEFAULT_KB_FILE), format=ox.RdfFormat.TURTLE)
    store.load(finance.computed_turtle().encode(), format=ox.RdfFormat.TURTLE)
    solutions = store.query("""
        PREFIX def: <https://w3id.org/vngkb/def/>
        SELECT ?name ?published ?rounded ?difference WHERE {
          ?c def:reproduceert ?p ; def:invoernaam ?name ; def:afgerondeWaarde ?rounded ;
             def:verschil ?difference .
          ?p def:waarde ?published .
          FILTER(?rounded != ?published)
        }""")
    assert isinstance(solutions, ox.QuerySolutions)
    found = {}
    for row in solutions:
        published, rounded, difference = (D(row[v].value) for v in ("published", "rounded",
                                                                    "difference"))
        assert rounded - published == difference
        found[row["name"].value] = difference
    expected = {name(q, s, y): d for (_t, s, q, y), d in EXPECTED_CHAIN_DIFFERENCES.items()
                if q != "inflatiecorrectie" or s in ("cep-2019", "mev-2020")}
    assert found == expected


def test_what_if_turtle_has_its_own_iris() -> None:
    plain = rdflib.Graph().parse(data=finance.computed_turtle(), format="turtle")
    what_if = rdflib.Graph().parse(
        data=finance.computed_turtle({"opschalingskorting.2024": 0}), format="turtle")
    assert not set(plain.subjects()) & set(what_if.subjects())
    activity = next(what_if.subjects(rdflib.RDF.type, PROV.Activity))
    assert "opschalingskorting.2024 = 0" in str(what_if.value(activity, rdflib.RDFS.comment))


def test_computed_turtle_does_not_import_rdflib_or_matplotlib() -> None:
    code = ("import sys; from vngkb import finance; finance.computed_turtle(); "
            "print(sorted(m for m in ('rdflib', 'matplotlib', 'pyshacl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
