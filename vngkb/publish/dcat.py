"""The DCAT-AP-NL description of the exported dataset and its distributions (``dcat.ttl``),
and its check against ``publication/shapes-dcat-ap-nl.ttl``.

Profile: DCAT-AP-NL 3.0 (Geonovum, based on DCAT-AP 3.0); the shapes file says which of
its requirements are checked. Values come from the KB, the export itself (sizes,
checksums, download URLs) or the publisher's options; nothing is made up: the licence
defaults to CC0 1.0 (:data:`DEFAULT_LICENSE`) and the contact e-mail to a placeholder
under the reserved ``.invalid`` domain, marked as such in the description and reported by
the export, until ``--contact-email`` or ``--contact-url`` is given.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from vngkb.core.errors import InputError, ValidationFailed, shorten
from vngkb.core.paths import PUBLICATION_DIR
from vngkb.core.version import __version__
from vngkb.i18n import t
from vngkb.kb.graphs import normalise_base
from vngkb.rdf.namespaces import DCT, RDF, RDFS, SKOS, XSD
from vngkb.validate.validation import Finding, shacl_findings

SHAPES_FILE = PUBLICATION_DIR / "shapes-dcat-ap-nl.ttl"

DCAT = "http://www.w3.org/ns/dcat#"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SPDX = "http://spdx.org/rdf/terms#"
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"

#: CC0 1.0, in the EU licence list: the licence Dutch open government data is published
#: under by default (data.overheid.nl, the "open, tenzij" policy), so that another
#: government can merge the data without a chain of attributions. It covers what vngkb
#: adds (the structure, identifiers, classifications, computed figures), not the
#: letter's own words: the quotes are the VNG's text, quoted under the Dutch right to
#: quote (Auteurswet art. 15a) with their source; :data:`QUOTES_RIGHTS` says so.
DEFAULT_LICENSE = EU + "licence/CC0"
#: The writer of the letter (the dataset's content): the Vereniging van Nederlandse
#: Gemeenten. No official identifier for the VNG is known here, so it gets one in the
#: dataset's own namespace, with its name and home page.
VNG_NAME = "Vereniging van Nederlandse Gemeenten"
VNG_HOMEPAGE = "https://vng.nl/"
DEFAULT_PUBLISHER_NAME = "Project vngkb"
#: Reserved domain (RFC 2606): never a real address, so never mistaken for one.
PLACEHOLDER_EMAIL = "vngkb@example.invalid"
#: Economy and finance; Government and public sector (EU data themes).
THEMES = (EU + "data-theme/ECON", EU + "data-theme/GOVE")
#: The KB's texts are Dutch (the letter) with Dutch and English labels.
LANGUAGES = (EU + "language/NLD", EU + "language/ENG")
#: Keywords of the dataset and of its SPARQL service.
KEYWORDS = ("Miljoenennota", "ledenbrief", "VNG", "gemeenten", "gemeentefonds", "accres",
            "rijksbegroting")
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"

PREFIXES = {
    "dcat": DCAT, "dct": DCT, "foaf": FOAF, "vcard": VCARD, "spdx": SPDX, "rdfs": RDFS,
    "xsd": XSD, "skos": SKOS, "data-theme": EU + "data-theme/", "file-type": EU + "file-type/",
    "access-right": EU + "access-right/", "licence": EU + "licence/",
    "language": EU + "language/", "country": EU + "country/", "iana": IANA,
}

#: The kinds of IRI the description mints under ``{base}/id/`` (the VoID description
#: adds ``dataset`` and ``graaf``): a server describes them from the published files.
MINTED_KINDS = ("catalogus", "dataset", "distributie", "organisatie", "contactpunt",
                "graaf", "bron", "dienst", "rechten")

_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\".]+(?:\.[^@\s<>\".]+)+")
_HTTP = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


@dataclass(frozen=True)
class DcatOptions:
    """What the publisher says about themselves; the defaults are honest placeholders."""

    publisher_name: str = DEFAULT_PUBLISHER_NAME
    publisher_iri: str | None = None
    contact_email: str | None = None
    contact_url: str | None = None
    license: str = DEFAULT_LICENSE
    #: Where the files will be downloadable (a folder URL); default ``{base}/download/``.
    download_url: str | None = None
    #: The public SPARQL endpoint serving the KB (``vngkb serve``'s ``/sparql``), described
    #: as a ``dcat:DataService``; only the publisher knows where it runs.
    endpoint_url: str | None = None
    #: The dataset's landing page (``dcat:landingPage``), e.g. ``vngkb serve``'s home page.
    landing_page: str | None = None
    #: A page documenting the dataset (``foaf:page``), e.g. the project's README.
    documentation_url: str | None = None
    #: When the dataset was first published (``dct:issued``) and last changed
    #: (``dct:modified``); by default the day of the export (see :func:`export_day`).
    issued: datetime.date | None = None
    modified: datetime.date | None = None

    def checked(self) -> DcatOptions:
        """The options, with a clear error for a malformed e-mail address or IRI."""
        email = self.contact_email
        if email is not None:
            email = email.removeprefix("mailto:")
            if not _EMAIL.fullmatch(email):
                raise InputError(t("dcat_not_email", value=shorten(self.contact_email)))
        for label, value in (("dcat_publisher_iri", self.publisher_iri),
                             ("dcat_contact_url", self.contact_url),
                             ("dcat_licence", self.license),
                             ("dcat_download_url", self.download_url),
                             ("dcat_endpoint_url", self.endpoint_url),
                             ("dcat_landing_page", self.landing_page),
                             ("dcat_documentation_url", self.documentation_url)):
            if value is not None and not _HTTP.fullmatch(value):
                raise InputError(t("dcat_not_iri", label=t(label), value=shorten(value)))
        if not self.publisher_name.strip():
            raise InputError(t("dcat_no_publisher"))
        modified = self.modified or export_day()
        issued = self.issued or modified
        if issued > modified:
            raise InputError(t("dcat_issued_after_modified", issued=issued.isoformat(),
                               modified=modified.isoformat()))
        return DcatOptions(self.publisher_name.strip(), self.publisher_iri, email,
                           self.contact_url, self.license, self.download_url,
                           self.endpoint_url, self.landing_page, self.documentation_url,
                           issued, modified)

    @property
    def placeholders(self) -> list[str]:
        """The values in the description that still are placeholders."""
        return [] if self.contact_email or self.contact_url else ["contact e-mail"]

    @property
    def missing(self) -> list[tuple[str, str]]:
        """Recommended DCAT-AP-NL properties only the publisher can fill and did not: each
        as (property, the option that gives it). The description leaves them out."""
        return [(what, option) for what, option, value in (
            ("dcat:accessService", "--endpoint-url", self.endpoint_url),
            ("dcat:landingPage", "--landing-page", self.landing_page),
            ("foaf:page", "--documentation-url", self.documentation_url),
        ) if not value]


def export_day() -> datetime.date:
    """The day of the export: ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention,
    so that a rebuild gives the same bytes) when set, else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isascii() or not epoch.isdigit() or len(epoch) > 12:
            raise InputError(f"SOURCE_DATE_EPOCH={shorten(epoch)}: expected seconds "
                             "since 1970 (ASCII digits)")
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.datetime.now(tz=datetime.UTC).date()


@dataclass(frozen=True)
class DownloadFile:
    """One exported file, described as a distribution."""

    key: str
    filename: str
    media_type: str
    file_type: str
    title_nl: str
    title_en: str
    byte_size: int
    sha256: str
    see_also: tuple[str, ...] = ()


@dataclass(frozen=True)
class LetterFacts:
    """One letter of the KB (a ``def:Brondocument``): its own dataset in the catalogue."""

    #: The letter's IRI and its id (the last part of it: ``ledenbrief-miljoenennota-2020``).
    iri: str
    id: str
    #: The letter's title as the KB gives it (``dct:title``), else its id.
    title: str
    #: The named graphs of its files (``{base}/id/graaf/kb/{letter}/...``).
    graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class DatasetFacts:
    """What the description says about the dataset that comes from the KB itself."""

    base: str
    sources: tuple[str, ...] = ()
    graphs: tuple[str, ...] = ()
    #: The VoID description written beside the dumps (a file name), if any.
    void_file: str | None = None
    #: The letters, each described as a dataset of its own, part of the whole.
    letters: tuple[LetterFacts, ...] = ()


def letter_dataset(base: str, letter: str) -> str:
    """The IRI of the dataset of one letter: part of the dataset ``vngkb``.

    >>> letter_dataset("https://w3id.org/vngkb", "ledenbrief-miljoenennota-2020")
    'https://w3id.org/vngkb/id/dataset/vngkb/ledenbrief-miljoenennota-2020'
    """
    return f"{normalise_base(base)}/id/dataset/vngkb/{letter}"


def download_folder(base: str, options: DcatOptions) -> str:
    """The URL of the folder the files are published in (ends with a slash)."""
    folder = options.download_url or f"{normalise_base(base)}/download/"
    return folder if folder.endswith("/") else folder + "/"


def describe(facts: DatasetFacts, files: Sequence[DownloadFile],
             options: DcatOptions = DcatOptions()) -> bytes:
    """The DCAT-AP-NL description (Turtle) of the dataset and one distribution per file."""
    options = options.checked()
    base = normalise_base(facts.base)
    folder = download_folder(base, options)
    catalog = f"{base}/id/catalogus/vngkb"
    dataset = f"{base}/id/dataset/vngkb"
    agent = options.publisher_iri or f"{base}/id/organisatie/vngkb"
    vng = f"{base}/id/organisatie/vng"
    rights = f"{base}/id/rechten/citaten"
    contact = f"{base}/id/contactpunt/vngkb"
    vocabulary = f"{base}/def/"
    triples: list[ox.Triple] = []

    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    def add(s: str | ox.BlankNode, p: str, o: ox.NamedNode | ox.BlankNode | ox.Literal
            ) -> None:
        triples.append(ox.Triple(iri(s) if isinstance(s, str) else s, iri(p), o))

    def text(s: str, p: str, nl: str, en: str) -> None:
        add(s, p, ox.Literal(nl, language="nl"))
        add(s, p, ox.Literal(en, language="en"))

    add(catalog, RDF + "type", iri(DCAT + "Catalog"))
    text(catalog, DCT + "title", "Catalogus van vngkb", "vngkb catalogue")
    text(catalog, DCT + "description",
         "De datasets van vngkb, de kennisbank bij de ledenbrieven van de VNG over de "
         "Miljoenennota (een reeks, één brief per jaar): de hele kennisbank en elke brief "
         "apart.",
         "The datasets of vngkb, the knowledge base of the VNG's member letters on the "
         "Miljoenennota (a series, one letter a year): the whole knowledge base and each "
         "letter on its own.")
    add(catalog, DCT + "publisher", iri(agent))
    add(catalog, DCT + "creator", iri(agent))
    add(catalog, DCAT + "contactPoint", iri(contact))
    add(catalog, DCAT + "dataset", iri(dataset))

    add(dataset, RDF + "type", iri(DCAT + "Dataset"))
    text(dataset, DCT + "title", "Kennisbank VNG-ledenbrieven Miljoenennota",
         "Knowledge base of the VNG member letters on the Miljoenennota")
    text(dataset, DCT + "description",
         "De ledenbrieven van de Vereniging van Nederlandse Gemeenten (VNG) over de "
         "Miljoenennota als linked data: elke kabinetsmaatregel, elk bedrag, elk "
         "VNG-standpunt en de accrescijfers uit elke brief, elk feit met de regels van "
         "zijn brief waar het gelezen is; met de door vngkb herberekende accrescijfers, de "
         "vocabulaire, de SKOS-schema's en de SHACL-vormen. Eén benoemde graaf per "
         "bronbestand; elke brief is ook een dataset van zijn eigen.",
         "The member letters of the Association of Netherlands Municipalities (VNG) on the "
         "Miljoenennota as linked data: every cabinet measure, amount, VNG position and "
         "accres figure of each letter, each fact pointing to the lines of its letter "
         "where it was read; with the accres figures recomputed by vngkb, the vocabulary, "
         "the SKOS schemes and the SHACL shapes. One named graph per source file; each "
         "letter is also a dataset of its own.")
    def about(subject: str) -> None:
        """What the whole dataset and each letter's say alike."""
        add(subject, DCT + "identifier", ox.Literal(subject))
        add(subject, DCT + "publisher", iri(agent))
        # The VNG wrote the letter the data states; the publisher republishes it.
        add(subject, DCT + "creator", iri(vng))
        assert options.issued is not None and options.modified is not None  # checked()
        for predicate, day in (("issued", options.issued), ("modified", options.modified)):
            add(subject, DCT + predicate, ox.Literal(day.isoformat(),
                                                     datatype=iri(XSD + "date")))
        add(subject, DCT + "rights", iri(rights))
        add(subject, DCAT + "contactPoint", iri(contact))
        for theme in THEMES:
            add(subject, DCAT + "theme", iri(theme))
        add(subject, DCT + "accessRights", iri(EU + "access-right/PUBLIC"))
        for language in LANGUAGES:
            add(subject, DCT + "language", iri(language))
        add(subject, DCT + "spatial", iri(EU + "country/NLD"))
        # What the data follows: the vngkb vocabulary and its SHACL shapes (ontology/).
        add(subject, DCT + "conformsTo", iri(vocabulary))
        if options.landing_page:
            add(subject, DCAT + "landingPage", iri(options.landing_page))
        if options.documentation_url:
            add(subject, FOAF + "page", iri(options.documentation_url))

    about(dataset)
    for keyword in KEYWORDS:
        add(dataset, DCAT + "keyword", ox.Literal(keyword, language="nl"))
    add(dataset, DCAT + "version", ox.Literal(__version__))
    if facts.void_file:
        add(dataset, RDFS + "seeAlso", iri(folder + facts.void_file))
    for source in facts.sources:
        add(dataset, DCT + "source", iri(source))
        add(source, DCT + "creator", iri(vng))
    for graph in facts.graphs:
        add(dataset, DCT + "hasPart", iri(graph))
    # Each letter is a dataset of its own in the catalogue (its graphs, its source), part
    # of the whole; the dumps and the endpoint's default graph stay the union of all.
    letter_datasets: list[str] = []
    for letter in facts.letters:
        part = letter_dataset(base, letter.id)
        letter_datasets.append(part)
        add(catalog, DCAT + "dataset", iri(part))
        add(dataset, DCT + "hasPart", iri(part))
        add(part, DCT + "isPartOf", iri(dataset))
        add(part, RDF + "type", iri(DCAT + "Dataset"))
        text(part, DCT + "title", f"{letter.title}, in de kennisbank vngkb",
             f"{letter.title} (VNG member letter), in the vngkb knowledge base")
        text(part, DCT + "description",
             f"Wat de VNG-ledenbrief '{letter.title}' zegt, als linked data: zijn "
             "maatregelen, bedragen, standpunten en accrescijfers, elk feit met de regels "
             "van de brief waar het gelezen is. In de dumps met benoemde grafen (TriG, "
             "N-Quads) één graaf per bronbestand van de brief; de andere dumps en de "
             "standaardgraaf bevatten alle brieven samen.",
             f"What the VNG member letter '{letter.title}' says, as linked data: its "
             "measures, amounts, positions and accres figures, each fact pointing to the "
             "lines of the letter where it was read. In the dumps with named graphs (TriG, "
             "N-Quads) one graph per source file of the letter; the other dumps and the "
             "default graph hold all letters together.")
        about(part)
        add(part, DCT + "source", iri(letter.iri))
        for graph in letter.graphs:
            add(part, DCT + "hasPart", iri(graph))

    add(agent, RDF + "type", iri(FOAF + "Agent"))
    add(agent, FOAF + "name", ox.Literal(options.publisher_name))
    add(vng, RDF + "type", iri(FOAF + "Agent"))
    add(vng, FOAF + "name", ox.Literal(VNG_NAME, language="nl"))
    add(vng, FOAF + "homepage", iri(VNG_HOMEPAGE))
    add(rights, RDF + "type", iri(DCT + "RightsStatement"))
    text(rights, RDFS + "label",
         "De data staan onder de licentie van de distributies. De citaten (elk bedrag, "
         "standpunt en voornemen draagt de zin uit de brief waar het staat) zijn tekst van "
         "de Vereniging van Nederlandse Gemeenten, aangehaald met bron op grond van het "
         "citaatrecht (artikel 15a Auteurswet); die licentie geldt niet voor die tekst.",
         "The data are under the distributions' licence. The quotes (every amount, "
         "position and intention carries the sentence of the letter that states it) are "
         "text of the Association of Netherlands Municipalities, quoted with their source "
         "under the Dutch right to quote (article 15a Auteurswet); that licence does not "
         "cover that text.")

    add(contact, RDF + "type", iri(VCARD + "Kind"))
    add(contact, RDF + "type", iri(VCARD + "Organization"))
    add(contact, VCARD + "fn", ox.Literal(options.publisher_name))
    if options.contact_url:
        add(contact, VCARD + "hasURL", iri(options.contact_url))
    if options.contact_email or not options.contact_url:
        add(contact, VCARD + "hasEmail",
            iri("mailto:" + (options.contact_email or PLACEHOLDER_EMAIL)))
    if options.placeholders:
        text(contact, RDFS + "comment",
             "Plaatshouder: geef het echte adres op met vngkb export --contact-email of "
             "--contact-url.",
             "Placeholder: give the real address with vngkb export --contact-email or "
             "--contact-url.")

    service = f"{base}/id/dienst/sparql"
    if options.endpoint_url:
        _describe_service(add, text, service, options.endpoint_url, dataset, agent, contact,
                          options.license)

    # The classes of the reused values, as their authorities publish them: DCAT-AP-NL's
    # class-range shapes check them in the description itself.
    for language in LANGUAGES:
        add(language, RDF + "type", iri(DCT + "LinguisticSystem"))
    for theme in THEMES:
        add(theme, RDF + "type", iri(SKOS + "Concept"))
    add(vocabulary, RDF + "type", iri(DCT + "Standard"))
    if options.endpoint_url:
        add(SPARQL_PROTOCOL, RDF + "type", iri(DCT + "Standard"))

    for file in files:
        distribution = f"{base}/id/distributie/vngkb-{file.key}"
        url = iri(folder + file.filename)
        add(dataset, DCAT + "distribution", iri(distribution))
        # Every dump holds each letter's data: by name in the formats with named graphs,
        # merged with the other letters' in the rest.
        for part in letter_datasets:
            add(part, DCAT + "distribution", iri(distribution))
        add(distribution, RDF + "type", iri(DCAT + "Distribution"))
        text(distribution, DCT + "title", file.title_nl, file.title_en)
        add(distribution, DCAT + "accessURL", url)
        add(distribution, DCAT + "downloadURL", url)
        add(distribution, DCAT + "mediaType", iri(IANA + file.media_type))
        add(distribution, DCT + "format", iri(EU + "file-type/" + file.file_type))
        add(distribution, DCAT + "byteSize",
            ox.Literal(str(file.byte_size), datatype=iri(XSD + "nonNegativeInteger")))
        add(distribution, DCT + "license", iri(options.license))
        add(distribution, DCT + "conformsTo", iri(vocabulary))
        for language in LANGUAGES:
            add(distribution, DCT + "language", iri(language))
        if options.endpoint_url:
            add(distribution, DCAT + "accessService", iri(service))
        # A fixed label, so that the description is the same in every run.
        checksum = ox.BlankNode(f"controlesom-{file.key}")
        add(distribution, SPDX + "checksum", checksum)
        add(checksum, RDF + "type", iri(SPDX + "Checksum"))
        add(checksum, SPDX + "algorithm", iri(SPDX + "checksumAlgorithm_sha256"))
        add(checksum, SPDX + "checksumValue",
            ox.Literal(file.sha256, datatype=iri(XSD + "hexBinary")))
        for other in file.see_also:
            add(distribution, RDFS + "seeAlso", iri(folder + other))

    prefixes = dict(PREFIXES, **{kind: f"{base}/id/{kind}/" for kind in MINTED_KINDS})
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert data is not None  # Oxigraph returns the bytes when given no output file
    return data


def _describe_service(add: Callable[..., None], text: Callable[..., None], service: str,
                      endpoint: str, dataset: str, agent: str, contact: str,
                      license_iri: str) -> None:
    """The public SPARQL endpoint as a ``dcat:DataService`` serving the dataset. Its
    endpoint description is the endpoint itself: a GET without a query answers with the
    SPARQL service description."""
    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    add(service, RDF + "type", iri(DCAT + "DataService"))
    text(service, DCT + "title", "SPARQL-endpoint van vngkb", "vngkb SPARQL endpoint")
    text(service, DCT + "description",
         "Alleen-lezen SPARQL 1.1-endpoint met de kennisbank bij de ledenbrieven van de VNG "
         "over de Miljoenennota; een GET zonder query geeft de servicebeschrijving.",
         "Read-only SPARQL 1.1 endpoint holding the knowledge base of the VNG member "
         "letters on the Miljoenennota; a GET without a query returns the service "
         "description.")
    add(service, DCT + "identifier", ox.Literal(service))
    add(service, DCAT + "endpointURL", iri(endpoint))
    add(service, DCAT + "endpointDescription", iri(endpoint))
    add(service, DCAT + "servesDataset", iri(dataset))
    add(service, DCT + "conformsTo", iri(SPARQL_PROTOCOL))
    add(service, DCT + "accessRights", iri(EU + "access-right/PUBLIC"))
    add(service, DCT + "license", iri(license_iri))
    add(service, DCT + "publisher", iri(agent))
    add(service, DCT + "creator", iri(agent))
    add(service, DCAT + "contactPoint", iri(contact))
    for theme in THEMES:
        add(service, DCAT + "theme", iri(theme))
    for keyword in KEYWORDS:
        add(service, DCAT + "keyword", ox.Literal(keyword, language="nl"))
    for language in LANGUAGES:
        add(service, DCT + "language", iri(language))


def check(turtle: bytes) -> list[Finding]:
    """The violations of *turtle* (a DCAT description) against the DCAT-AP-NL shapes."""
    import rdflib

    data = rdflib.Graph().parse(data=turtle, format="turtle")
    shapes = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    return shacl_findings(data, shapes, shorten=str)


def require_conformance(turtle: bytes) -> None:
    """Raise :class:`ValidationFailed` naming the first problems when *turtle* does not
    conform to the DCAT-AP-NL shapes."""
    violations = [f for f in check(turtle) if f.severity == "Violation"]
    if violations:
        shown = "; ".join(str(f) for f in violations[:3])
        more = f" (and {len(violations) - 3} more)" if len(violations) > 3 else ""
        raise ValidationFailed(
            f"the DCAT description does not conform to DCAT-AP-NL: {shown}{more}")
