"""`vngkb export`: every format round-trips to the same answers, one named graph per
part, --base leaves nothing of the default base, writing is all or nothing, and the
DCAT-AP-NL description conforms to its shapes."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.answers import Answer, assert_same_answers, union_of_graphs
from vngkb.cli.commands import EXPORT_FORMATS, main
from vngkb.core.errors import InputError, ValidationFailed
from vngkb.core.paths import KB_DIR
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.kb.graphs import DEFAULT_BASE, build_dataset
from vngkb.publish import dcat, void
from vngkb.publish import export as export_module
from vngkb.publish.export import CONTEXT_FILE, DCAT_FILE, FORMATS, export
from vngkb.query.store import EmbeddedStore
from vngkb.rdf.namespaces import DCT, RDF, XSD

# One process runs this module's tests under pytest-xdist: the module's three exports are made once.
pytestmark = pytest.mark.xdist_group("export")

OTHER_BASE = "https://data.example.org/kb/vngkb"
ALL_FILES = sorted([f.filename for f in FORMATS.values()]
                   + [CONTEXT_FILE, DCAT_FILE, void.VOID_FILE])
#: Every value a publisher alone can give, so that no recommended property is missing.
PUBLISHER = dcat.DcatOptions(
    publisher_name="Gemeente Voorbeeld", contact_email="open.data@voorbeeld.nl",
    endpoint_url="https://data.voorbeeld.nl/vngkb/sparql",
    landing_page="https://data.voorbeeld.nl/vngkb/",
    documentation_url="https://data.voorbeeld.nl/vngkb/docs")


# --- Fixtures ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export of everything, in the default base."""
    out = tmp_path_factory.mktemp("export")
    export(out)
    return out


@pytest.fixture(scope="module")
def for_publisher(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export of the N-Quads and the descriptions, with every value a publisher gives."""
    out = tmp_path_factory.mktemp("export-publisher")
    export(out, formats=["nquads"], options=PUBLISHER)
    return out


@pytest.fixture(scope="module")
def rebased(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export-rebased")
    export(out, base=OTHER_BASE + "/")
    return out


def _load(path: Path, fmt: ox.RdfFormat | None = None) -> ox.Store:
    """*path* loaded into a fresh store (format from the file name by default)."""
    fmt = fmt or ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    assert fmt is not None
    store = ox.Store()
    store.load(path=str(path), format=fmt)
    return store


# --- The files ------------------------------------------------------------------------

def test_export_writes_every_format_and_the_description(exported: Path) -> None:
    assert sorted(p.name for p in exported.iterdir()) == ALL_FILES
    assert tuple(FORMATS) == EXPORT_FORMATS


@pytest.mark.parametrize("filename", ["vngkb.nq", "vngkb.trig"])
def test_dataset_formats_round_trip_to_the_same_answers(
        canned_answers: list[Answer], exported: Path, filename: str) -> None:
    """Export, load into a fresh store (union default graph), ask every question."""
    store = _load(exported / filename)
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert assert_same_answers(canned_answers, union_of_graphs(store)) > 0


@pytest.mark.parametrize("filename", ["vngkb.ttl", "vngkb.nt"])
def test_graph_formats_round_trip_to_the_same_answers(
        backend: EmbeddedStore, canned_answers: list[Answer], exported: Path,
        filename: str) -> None:
    store = _load(exported / filename)
    assert len(store) == len(backend.store)
    assert assert_same_answers(canned_answers, EmbeddedStore(store)) > 0


def _canonical(ntriples: bytes) -> set[ox.Quad]:
    """The triples of *ntriples* with their blank nodes named by RDF Dataset
    Canonicalization (RDFC-1.0): two graphs give the same set exactly when they are
    isomorphic."""
    dataset = ox.Dataset(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def test_jsonld_uses_the_published_context_and_holds_the_same_graph(exported: Path) -> None:
    import rdflib

    document = json.loads((exported / "vngkb.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == CONTEXT_FILE
    context = json.loads((exported / CONTEXT_FILE).read_text(encoding="utf-8"))["@context"]
    assert context["def"] == DEFAULT_BASE + "/def/"
    # Parsed from the file by rdflib's JSON-LD processor, the relative context reference
    # resolves to the file beside it. The graphs are compared by canonical blank node
    # names (Oxigraph's RDFC-1.0, a tenth of the CPU time of rdflib's isomorphic()).
    from_jsonld = rdflib.Graph().parse(exported / "vngkb.jsonld", format="json-ld")
    from_ntriples = _canonical((exported / "vngkb.nt").read_bytes())
    assert len(from_jsonld) == len(from_ntriples)
    assert _canonical(from_jsonld.serialize(format="nt", encoding="utf-8")) == from_ntriples


def test_one_named_graph_per_part(exported: Path) -> None:
    dataset = build_dataset()
    store = _load(exported / "vngkb.nq", ox.RdfFormat.N_QUADS)
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {p.graph for p in dataset.parts}
    names = {p.name for p in dataset.parts}
    assert {"ontologie/vngkb", "ontologie/schemes", f"kb/{LB}/h01-financien", f"kb/{LB}/accres",
            "berekend/accres"} <= names
    for part in dataset.parts:
        assert part.graph == f"{DEFAULT_BASE}/id/graaf/{part.name}"
        held = len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(part.graph))))
        assert held == part.triples, part.name
    # Each triple is in exactly one graph: the union is the KB, without duplicates.
    assert len(store) == len({q.triple for q in store}) == dataset.triples


def test_base_rewrites_every_own_iri(backend: EmbeddedStore, rebased: Path) -> None:
    for path in rebased.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "https://w3id.org/vngkb" not in text, path.name
    store = _load(rebased / "vngkb.nq", ox.RdfFormat.N_QUADS)
    assert len(store) == len(backend.store)
    own = 0
    for quad in store:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode) and term.value.startswith(OTHER_BASE):
                assert term.value[len(OTHER_BASE):].split("/")[1] in ("id", "def", "doc")
                own += 1
    assert own > len(store)  # every quad has at least its graph name in the new base
    measure = ox.NamedNode(OTHER_BASE + "/id/maatregel/ledenbrief-miljoenennota-2020/woningbouw")
    assert list(store.quads_for_pattern(measure, ox.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(
            OTHER_BASE + "/def/Maatregel"), None))
    context = json.loads((rebased / CONTEXT_FILE).read_text(encoding="utf-8"))["@context"]
    assert context["def"] == OTHER_BASE + "/def/"
    assert context["vid"] == OTHER_BASE + "/id/"


def test_malformed_base_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="geen absolute http"):
        export(tmp_path, base="w3id.org/elsewhere")
    assert not list(tmp_path.iterdir())


# --- All or nothing -------------------------------------------------------------------

def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_failed_export_leaves_previous_files_intact(
        exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(exported, tmp_path, dirs_exist_ok=True)  # a previous export of all
    before = _snapshot(tmp_path)

    def broken(_dataset: object) -> bytes:
        raise RuntimeError("serialiser failed midway")

    # JSON-LD comes after Turtle and N-Triples: two files are already staged.
    monkeypatch.setitem(export_module.SERIALISERS, "jsonld", broken)
    with pytest.raises(RuntimeError, match="midway"):
        export(tmp_path, base=OTHER_BASE)
    assert _snapshot(tmp_path) == before  # same files, same bytes, no temporary files


def test_nonconforming_description_leaves_previous_files_intact(
        exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(exported, tmp_path, dirs_exist_ok=True)  # a previous export of all
    before = _snapshot(tmp_path)
    describe: Callable[..., bytes] = dcat.describe

    def without_licence(*args: Any, **kwargs: Any) -> bytes:
        turtle = describe(*args, **kwargs)
        return b"\n".join(line for line in turtle.splitlines() if b"dct:license" not in line)

    monkeypatch.setattr(dcat, "describe", without_licence)
    with pytest.raises(ValidationFailed, match=r"licentie \(dct:license"):
        export(tmp_path, base=OTHER_BASE)
    assert _snapshot(tmp_path) == before


def test_export_to_a_file_is_an_input_error(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(InputError, match="is geen map"):
        export(target)


def test_files_are_readable_by_others(exported: Path) -> None:
    for path in exported.iterdir():
        assert path.stat().st_mode & 0o044, path.name


# --- The DCAT description -------------------------------------------------------------

def _description(folder: Path) -> ox.Store:
    return _load(folder / DCAT_FILE, ox.RdfFormat.TURTLE)


def _objects(store: ox.Store, subject: str | None, predicate: str) -> list[str]:
    node = None if subject is None else ox.NamedNode(subject)
    return [str(getattr(q.object, "value", q.object))
            for q in store.quads_for_pattern(node, ox.NamedNode(predicate), None, None)]


def test_description_conforms_to_dcat_ap_nl(exported: Path) -> None:
    assert [f for f in dcat.check((exported / DCAT_FILE).read_bytes())
            if f.severity == "Violation"] == []


def test_description_states_each_file_truthfully(exported: Path) -> None:
    store = _description(exported)
    distributions = _objects(store, f"{DEFAULT_BASE}/id/dataset/vngkb",
                             dcat.DCAT + "distribution")
    assert len(distributions) == len(FORMATS)
    for distribution in distributions:
        [url] = _objects(store, distribution, dcat.DCAT + "downloadURL")
        assert url.startswith(DEFAULT_BASE + "/download/")
        data = (exported / url.rsplit("/", 1)[1]).read_bytes()
        assert _objects(store, distribution, dcat.DCAT + "byteSize") == [str(len(data))]
        [checksum] = [q.object for q in store.quads_for_pattern(
            ox.NamedNode(distribution), ox.NamedNode(dcat.SPDX + "checksum"), None, None)]
        assert isinstance(checksum, ox.BlankNode)
        assert [str(q.object) for q in store.quads_for_pattern(
            checksum, ox.NamedNode(dcat.SPDX + "checksumValue"), None, None)] == [
                f'"{hashlib.sha256(data).hexdigest()}"^^<{XSD}hexBinary>']
        [media_type] = _objects(store, distribution, dcat.DCAT + "mediaType")
        fmt = next(f for f in FORMATS.values() if url.endswith("/" + f.filename))
        assert media_type == dcat.IANA + fmt.media_type
        assert _objects(store, distribution, DCT + "license") == [dcat.DEFAULT_LICENSE]


def test_description_marks_its_placeholder_until_a_contact_is_given(tmp_path: Path) -> None:
    default = (tmp_path / "a")
    report = export(default, formats=["nquads"])
    assert report.placeholders == ["contact e-mail"]
    text = (default / DCAT_FILE).read_text(encoding="utf-8")
    assert dcat.PLACEHOLDER_EMAIL in text and "Placeholder" in text
    given = tmp_path / "b"
    report = export(given, formats=["nquads"], options=dcat.DcatOptions(
        publisher_name="Gemeente Voorbeeld", contact_email="open.data@voorbeeld.nl",
        download_url="https://files.voorbeeld.nl/vngkb"))
    assert report.placeholders == []
    store = _description(given)
    assert "example.invalid" not in (given / DCAT_FILE).read_text(encoding="utf-8")
    assert _objects(store, None, dcat.VCARD + "hasEmail") == ["mailto:open.data@voorbeeld.nl"]
    assert sorted(_objects(store, None, dcat.FOAF + "name")) == [
        "Gemeente Voorbeeld", dcat.VNG_NAME]
    assert _objects(store, None, dcat.DCAT + "downloadURL") == [
        "https://files.voorbeeld.nl/vngkb/vngkb.nq"]


@pytest.mark.parametrize(("drop", "message"), [
    (b"dcat:theme", "thema (dcat:theme)"),
    (b"dct:license", "licentie (dct:license"),
    (b"dcat:byteSize", "bestandsgrootte (dcat:byteSize"),
    (b"dcat:contactPoint", "contactpunt (dcat:contactPoint"),
    (b"dct:identifier", "identificator (dct:identifier)"),
    (b"vcard:hasEmail", "e-mailadres (vcard:hasEmail)"),
])
def test_shapes_catch_a_missing_mandatory_property(exported: Path, drop: bytes,
                                                   message: str) -> None:
    turtle = (exported / DCAT_FILE).read_bytes()
    broken = b"\n".join(line for line in turtle.splitlines() if drop not in line)
    findings = dcat.check(broken)
    assert any(message in f.message_nl for f in findings), findings


def test_bad_contact_email_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is geen e-mailadres"):
        export(tmp_path, options=dcat.DcatOptions(contact_email="nobody"))


# --- The command ----------------------------------------------------------------------

def test_cli_export(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--out", str(tmp_path / "out"),
                                       "-f", "turtle", "-f", "jsonld",
                                       "--contact-url", "https://voorbeeld.nl/contact"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        CONTEXT_FILE, DCAT_FILE, "vngkb.jsonld", "vngkb.ttl", void.VOID_FILE]
    assert " geschreven (" in result.stdout and "benoemde grafen, basis https://w3id.org/vngkb" in (
        result.stdout)
    assert result.stderr.splitlines() == [
        f"vngkb: waarschuwing: dcat.ttl heeft geen {what}, die DCAT-AP-NL aanbeveelt; "
        f"geef {option}" for what, option in (
            ("dcat:accessService", "--endpoint-url"), ("dcat:landingPage", "--landing-page"),
            ("foaf:page", "--documentation-url"))]


def test_cli_export_warns_about_the_placeholder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "-o", str(tmp_path), "-f", "nquads"])
    assert result.exit_code == 0
    assert result.stderr.startswith("vngkb: waarschuwing: dcat.ttl heeft een plaatshouder "
                                    "contact")


@pytest.mark.parametrize(("args", "message"), [
    (["--base", "not-an-iri"], "vngkb: basis 'not-an-iri' is geen absolute http(s)-IRI"),
    (["--license", "EUPL"], "vngkb: licentie 'EUPL' is geen absolute http(s)-IRI"),
])
def test_cli_export_bad_input_is_one_line(tmp_path: Path, args: list[str],
                                          message: str) -> None:
    result = CliRunner().invoke(main, ["export", "-o", str(tmp_path), *args])
    assert result.exit_code == 2
    assert result.stderr.strip() == message or result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_cli_export_bad_input_in_english(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "export", "-o", str(tmp_path),
                                       "--license", "EUPL"])
    assert result.exit_code == 2
    assert result.stderr == "vngkb: licence 'EUPL' is not an absolute http(s) IRI\n"
    assert not list(tmp_path.iterdir())


# --- Reproducible dumps, VoID, recommended DCAT-AP-NL properties ---------------------

def _export_in_new_process(out: Path, seed: str) -> dict[str, str]:
    """Export in a fresh interpreter with its own hash seed: SHA-256 of every file."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run([sys.executable, "-c", "from vngkb.cli.commands import main; main()",
                    "export", "-o", str(out),
                    "--endpoint-url", "https://data.voorbeeld.nl/vngkb/sparql"],
                   check=True, capture_output=True, env=env)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}


def test_two_exports_are_byte_identical(tmp_path: Path) -> None:
    first = _export_in_new_process(tmp_path / "a", "1")
    second = _export_in_new_process(tmp_path / "b", "2")
    assert sorted(first) == ALL_FILES
    assert first == second


def _blank_nodes(store: ox.Store) -> set[object]:
    return ({q.subject for q in store if isinstance(q.subject, ox.BlankNode)}
            | {q.object for q in store if isinstance(q.object, ox.BlankNode)})


def test_blank_node_labels_follow_the_data_not_the_parse() -> None:
    from vngkb.kb.load import default_files, load_file

    parsed = 0
    for path in default_files():  # each file parsed on its own: labels as the parser gives
        store = ox.Store()
        load_file(store, path)
        parsed += len(_blank_nodes(store))
    # SHACL property shapes and RDF lists in ontology/ (their number follows the shapes).
    assert parsed > 100
    one, two = build_dataset(), build_dataset()
    assert len(_blank_nodes(one.store)) == parsed  # relabelling merged none of them
    assert {str(q) for q in one.store} == {str(q) for q in two.store}


def test_void_counts_what_the_dataset_holds(exported: Path) -> None:
    dataset = build_dataset()
    store = _load(exported / void.VOID_FILE, ox.RdfFormat.TURTLE)
    subject = f"{DEFAULT_BASE}/id/dataset/vngkb"
    assert _objects(store, subject, void.VOID + "triples") == [str(dataset.triples)]
    assert _objects(store, subject, void.VOID + "triples") == [str(len(dataset.store))]
    subsets = _objects(store, subject, void.VOID + "subset")
    assert sorted(subsets) == sorted(p.graph for p in dataset.parts)
    for part in dataset.parts:
        assert _objects(store, part.graph, void.VOID + "triples") == [str(part.triples)]
    measures = {q.subject for q in dataset.store.quads_for_pattern(
        None, ox.NamedNode(RDF + "type"), ox.NamedNode(DEFAULT_BASE + "/def/Maatregel"), None)}
    [partition] = [q.subject for q in store.quads_for_pattern(
        None, ox.NamedNode(void.VOID + "class"), ox.NamedNode(DEFAULT_BASE + "/def/Maatregel"),
        None)]
    assert [str(q.object.value) for q in store.quads_for_pattern(  # type: ignore[union-attr]
        partition, ox.NamedNode(void.VOID + "entities"), None, None)] == [str(len(measures))]
    assert len(measures) == 90
    assert f"{DEFAULT_BASE}/id/maatregel/ledenbrief-miljoenennota-2020/woningbouw" in _objects(
        store, subject, void.VOID + "exampleResource")
    assert sorted(_objects(store, subject, void.VOID + "dataDump")) == sorted(
        f"{DEFAULT_BASE}/download/{f.filename}" for f in FORMATS.values())
    assert _objects(store, subject, void.VOID + "sparqlEndpoint") == []
    assert _objects(store, subject, void.VOID + "uriSpace") == [DEFAULT_BASE + "/id/"]


def test_description_with_the_publishers_values_has_no_warning(tmp_path: Path) -> None:
    report = export(tmp_path, formats=["turtle", "nquads"], options=PUBLISHER)
    assert report.placeholders == [] and report.missing == []
    assert dcat.check((tmp_path / DCAT_FILE).read_bytes()) == []
    store = _description(tmp_path)
    service = f"{DEFAULT_BASE}/id/dienst/sparql"
    assert _objects(store, service, dcat.DCAT + "endpointURL") == [PUBLISHER.endpoint_url]
    assert _objects(store, service, dcat.DCAT + "servesDataset") == [
        f"{DEFAULT_BASE}/id/dataset/vngkb"]
    assert len(_objects(store, None, dcat.DCAT + "accessService")) == 2
    assert _objects(store, f"{DEFAULT_BASE}/id/dataset/vngkb", dcat.DCAT + "landingPage") == [
        PUBLISHER.landing_page]
    assert _objects(store, f"{DEFAULT_BASE}/id/dataset/vngkb", "http://www.w3.org/2000/01/"
                    "rdf-schema#seeAlso") == [f"{DEFAULT_BASE}/download/void.ttl"]
    voids = _load(tmp_path / void.VOID_FILE, ox.RdfFormat.TURTLE)
    assert _objects(voids, None, void.VOID + "sparqlEndpoint") == [PUBLISHER.endpoint_url]


def test_description_without_them_warns_once_per_missing_value(exported: Path) -> None:
    warnings = sorted(f.message_en for f in dcat.check((exported / DCAT_FILE).read_bytes()))
    # Once per dataset (the whole and the one letter) and per distribution.
    assert warnings == sorted(
        ["Dataset: documentation (foaf:page) recommended: give --documentation-url",
         "Dataset: landing page (dcat:landingPage) recommended: give --landing-page"] * 2
        + ["Distribution: access service (dcat:accessService) recommended: give "
           "--endpoint-url"] * len(FORMATS))


@pytest.mark.parametrize(("drop", "message"), [
    (b"dcat:endpointURL", "Dataservice: precies één endpoint-URL"),
    (b"dcat:endpointDescription", "Dataservice: precies één endpointbeschrijving"),
    (b"dcat:keyword", "Dataservice: trefwoord (dcat:keyword) aanbevolen"),
    (b"dct:conformsTo", "Distributie: schema (dct:conformsTo) aanbevolen"),
    (b"dct:creator", "Catalogus: vervaardiger (dct:creator) aanbevolen"),
])
def test_shapes_catch_a_missing_service_or_recommended_property(
        for_publisher: Path, drop: bytes, message: str) -> None:
    turtle = (for_publisher / DCAT_FILE).read_bytes()
    assert dcat.check(turtle) == []
    broken = b"\n".join(line for line in turtle.splitlines() if drop not in line)
    assert any(message in f.message_nl for f in dcat.check(broken))


@pytest.mark.parametrize(("drop", "message"), [
    (b"dct:LinguisticSystem", "Dataservice: taal (dct:language) is geen dct:LinguisticSystem"),
    (b"skos:Concept", "Dataservice: thema (dcat:theme) is geen skos:Concept"),
    (b"dct:Standard", "Dataservice: voldoet aan (dct:conformsTo) is geen dct:Standard"),
])
def test_shapes_check_the_class_of_the_service_values(for_publisher: Path, drop: bytes,
                                                      message: str) -> None:
    turtle = (for_publisher / DCAT_FILE).read_bytes()
    broken = b"\n".join(line for line in turtle.splitlines() if drop not in line)
    assert message in {f.message_nl for f in dcat.check(broken)}


#: Geonovum's DCAT-AP-NL 3.0 shapes, copied unchanged (source and licence in its README).
GEONOVUM_SHAPES = Path(__file__).parent / "data" / "dcat-ap-nl-300"


def _geonovum_results(turtle: bytes) -> dict[str, list[str]]:
    """Every result (violation or warning) of each of Geonovum's four shape files on
    *turtle*: the file name and the messages of its results."""
    import pyshacl
    import rdflib

    data = rdflib.Graph().parse(data=turtle, format="turtle")
    files = sorted(GEONOVUM_SHAPES.glob("dcat-ap-nl-SHACL*.ttl"))
    assert [f.name for f in files] == [
        "dcat-ap-nl-SHACL-aanbevolen.ttl", "dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl",
        "dcat-ap-nl-SHACL-klassebereik.ttl", "dcat-ap-nl-SHACL.ttl"]
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    found: dict[str, list[str]] = {}
    for path in files:
        shapes = rdflib.Graph().parse(path, format="turtle")
        _, report, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True)
        found[path.name] = sorted(
            f"{report.value(r, sh.resultSeverity)}: {report.value(r, sh.focusNode)} "
            f"{report.value(r, sh.resultPath)} {report.value(r, sh.resultMessage)}"
            for r in report.subjects(rdflib.RDF.type, sh.ValidationResult))
    return found


def test_geonovum_shapes_no_violation_and_no_warning(for_publisher: Path) -> None:
    """Geonovum's own DCAT-AP-NL 3.0 shapes (mandatory, class range, code lists,
    recommended) give no result at all, neither violation nor warning, on the description
    written with the publisher's options."""
    results = _geonovum_results((for_publisher / DCAT_FILE).read_bytes())
    assert results == {name: [] for name in results}


def test_geonovum_shapes_see_what_is_missing(for_publisher: Path) -> None:
    """The same shapes do find a dataset without its publisher (a violation) and one
    without its landing page (a warning): the check above can fail."""
    turtle = (for_publisher / DCAT_FILE).read_bytes()
    lines = turtle.splitlines()
    dataset = lines.index(next(line for line in lines if line.startswith(b"dataset:vngkb a ")))
    broken = b"\n".join(
        line for i, line in enumerate(lines)
        if not (i > dataset and line.strip().startswith((b"dct:publisher", b"dcat:landingPage"))
                and i < dataset + 40))
    results = _geonovum_results(broken)
    assert any("Violation" in r and "publisher" in r for r in results["dcat-ap-nl-SHACL.ttl"])
    assert any("Warning" in r and "landingPage" in r
               for r in results["dcat-ap-nl-SHACL-aanbevolen.ttl"])


DATASET = f"{DEFAULT_BASE}/id/dataset/vngkb"


def test_the_vng_wrote_the_letter_and_the_publisher_publishes_it(for_publisher: Path) -> None:
    store = _description(for_publisher)
    vng = f"{DEFAULT_BASE}/id/organisatie/vng"
    assert _objects(store, DATASET, DCT + "creator") == [vng]
    assert _objects(store, vng, dcat.FOAF + "name") == [dcat.VNG_NAME]
    [publisher] = _objects(store, DATASET, DCT + "publisher")
    assert publisher != vng
    assert _objects(store, publisher, dcat.FOAF + "name") == [PUBLISHER.publisher_name]
    [source] = _objects(store, DATASET, DCT + "source")
    assert _objects(store, source, DCT + "creator") == [vng]


def test_data_licence_by_default_and_the_quotes_rights_stated(exported: Path) -> None:
    store = _description(exported)
    licences = set(_objects(store, None, DCT + "license"))
    assert licences == {dcat.EU + "licence/CC0"}
    [rights] = _objects(store, DATASET, DCT + "rights")
    labels = _objects(store, rights, "http://www.w3.org/2000/01/rdf-schema#label")
    assert any("artikel 15a Auteurswet" in label for label in labels)


@pytest.mark.parametrize(("epoch", "issued", "modified", "shown"), [
    ("1700000000", None, None, ("2023-11-14", "2023-11-14")),
    ("1700000000", datetime.date(2020, 1, 2), None, ("2020-01-02", "2023-11-14")),
    (None, datetime.date(2020, 1, 2), datetime.date(2020, 1, 2), ("2020-01-02", "2020-01-02")),
])
def test_issued_and_modified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             epoch: str | None, issued: datetime.date | None,
                             modified: datetime.date | None, shown: tuple[str, str]) -> None:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    export(tmp_path, formats=["nquads"], options=dataclasses.replace(
        PUBLISHER, issued=issued, modified=modified))
    store = _description(tmp_path)
    assert (_objects(store, DATASET, DCT + "issued"),
            _objects(store, DATASET, DCT + "modified")) == ([shown[0]], [shown[1]])


@pytest.mark.parametrize(("epoch", "issued", "modified", "message"), [
    (None, datetime.date(2021, 1, 1), datetime.date(2020, 1, 1),
     "--issued 2021-01-01 ligt na --modified 2020-01-01"),
    ("12e3", None, None, "SOURCE_DATE_EPOCH='12e3'"),
    ("١٧٠٠", None, None, "SOURCE_DATE_EPOCH='١٧٠٠'"),
    ("9" * 40, None, None, "SOURCE_DATE_EPOCH="),
])
def test_bad_dates_are_input_errors(monkeypatch: pytest.MonkeyPatch, epoch: str | None,
                                    issued: datetime.date | None,
                                    modified: datetime.date | None, message: str) -> None:
    if epoch is not None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(InputError, match=re.escape(message)):
        dataclasses.replace(PUBLISHER, issued=issued, modified=modified).checked()


def test_each_letter_is_a_dataset_of_its_own_in_the_catalogue(tmp_path: Path) -> None:
    export(tmp_path, formats=["turtle", "trig"], options=PUBLISHER)
    store = _description(tmp_path)
    letter = "ledenbrief-miljoenennota-2020"
    part = f"{DEFAULT_BASE}/id/dataset/vngkb/{letter}"
    assert sorted(_objects(store, f"{DEFAULT_BASE}/id/catalogus/vngkb",
                           dcat.DCAT + "dataset")) == [DATASET, part]
    assert _objects(store, part, DCT + "isPartOf") == [DATASET]
    assert part in _objects(store, DATASET, DCT + "hasPart")
    assert _objects(store, part, DCT + "source") == [f"{DEFAULT_BASE}/id/bron/{letter}"]
    # Its graphs are those of the letter's own files, and nothing else.
    files = sorted((KB_DIR / letter).glob("*.ttl"))
    assert len(files) == 21
    assert sorted(_objects(store, part, DCT + "hasPart")) == sorted(
        f"{DEFAULT_BASE}/id/graaf/kb/{letter}/{f.stem}" for f in files)
    # Every dump holds the letter's data (by name in TriG, merged in Turtle).
    assert sorted(_objects(store, part, dcat.DCAT + "distribution")) == [
        f"{DEFAULT_BASE}/id/distributie/vngkb-trig", f"{DEFAULT_BASE}/id/distributie/vngkb-turtle"]
    assert _objects(store, part, DCT + "creator") == [f"{DEFAULT_BASE}/id/organisatie/vng"]
    assert _objects(store, part, dcat.DCAT + "landingPage") == [PUBLISHER.landing_page]
    assert _objects(store, part, DCT + "title")[0].startswith("Ledenbrief Miljoenennota 2020")
