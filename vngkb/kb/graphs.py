"""The knowledge base as a dataset of named graphs, on the base IRI a publisher chooses.

One named graph per part: each ontology and KB file, plus the figures the finance module
computes. Graph names follow the URI strategy, ``{base}/id/graaf/{folder}/{file}``:

>>> graph_iri(DEFAULT_BASE, "kb/ledenbrief-miljoenennota-2020/h01-financien")
'https://w3id.org/vngkb/id/graaf/kb/ledenbrief-miljoenennota-2020/h01-financien'

(``ontologie/vngkb``, ``ontologie/schemes``, ..., ``kb/gedeeld/wetten``, then each letter's
``kb/{letter}/h01-financien``, ..., and ``berekend/accres``). Each triple is put in exactly
one graph, the first part in load order that states it, so the union of the graphs is
the KB itself: a store whose union default graph keeps duplicates (Oxigraph does)
answers exactly like the embedded store.

*base* replaces ``https://w3id.org/vngkb`` in every IRI of the KB's own namespace
(``id``, ``doc``, ``def``) and in ``xsd:anyURI`` literals that hold one, without
touching kb/:

>>> Rebaser("https://data.example.org/vngkb").iri("https://w3id.org/vngkb/def/Maatregel")
'https://data.example.org/vngkb/def/Maatregel'
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from vngkb.core.errors import InputError, shorten
from vngkb.core.paths import DATA_ROOT, ONTOLOGY_DIR, ONTOLOGY_FOLDER, kb_dir
from vngkb.rdf.namespaces import BASE, PREFIXES, SH, XSD

DEFAULT_BASE = BASE
_OWN = BASE + "/"
_ANY_URI = XSD + "anyURI"
_BASE_PATTERN = re.compile(r"https?://[^\s<>\"{}|\\^`?#/]+(?:/[^\s<>\"{}|\\^`?#]*)?")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*)*")
COMPUTED_PART = "berekend/accres"

#: Prefixes of vocabularies the KB reuses beyond the query prefixes (for serialisations).
EXTRA_PREFIXES = {
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": SH,
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "unit": "http://qudt.org/vocab/unit/",
    "tooi": "https://identifier.overheid.nl/tooi/id/ministerie/",
}


#: Longest base accepted (characters): every IRI of the KB is the base and a path of at
#: most a few dozen characters, and an IRI is bounded (vngkb.rdf.literals).
MAX_BASE_CHARS = 1_000


def normalise_base(base: str) -> str:
    """*base* without a trailing slash, checked to be an absolute http(s) IRI of at most
    :data:`MAX_BASE_CHARS` characters, with a host that parses and only printable
    characters that are UTF-8 (a lone surrogate, from bytes that are not, is refused).

    >>> normalise_base("https://data.example.org/vngkb/")
    'https://data.example.org/vngkb'
    >>> normalise_base("http://[::1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vngkb.core.errors.InputError: ... 'http://[::1' ...
    """
    if not isinstance(base, str):
        raise TypeError(f"base must be a str, not {type(base).__name__}")
    value = base.strip().rstrip("/")
    if not (len(value) <= MAX_BASE_CHARS and value.isprintable()
            and _BASE_PATTERN.fullmatch(value) and _host_parses(value)):
        from vngkb.i18n import t

        raise InputError(t("base_not_iri", base=shorten(base)))
    return value


def _host_parses(value: str) -> bool:
    """Whether *value*'s host and port parse (``http://[::1`` does not) and the whole is
    UTF-8 and an IRI Oxigraph takes."""
    from urllib.parse import urlsplit

    try:
        value.encode("utf-8")
        parts = urlsplit(value)
        _ = parts.port  # raises ValueError for a port that is no number or out of range
        ox.NamedNode(value + "/id/x")
    except (ValueError, UnicodeError):
        return False
    return bool(parts.hostname)


def graph_iri(base: str, part: str) -> str:
    """The IRI of the named graph of *part* (``kb/{letter}/h01-financien``)."""
    return f"{base}/id/graaf/{part}"


class Rebaser:
    """Moves IRIs of the KB's own namespace onto another base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = normalise_base(base)
        self.active = self.base != DEFAULT_BASE

    def iri(self, value: str) -> str:
        if value.startswith(_OWN):
            return self.base + "/" + value[len(_OWN):]
        return self.base if value == BASE else value

    def node(self, node: ox.NamedNode) -> ox.NamedNode:
        if not self.active or not node.value.startswith(BASE):
            return node
        return ox.NamedNode(self.iri(node.value))

    def subject(self, term: ox.NamedNode | ox.BlankNode | ox.Triple
                ) -> ox.NamedNode | ox.BlankNode | ox.Triple:
        return self.node(term) if isinstance(term, ox.NamedNode) else term

    def object(self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
               ) -> ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple:
        if isinstance(term, ox.NamedNode):
            return self.node(term)
        if (self.active and isinstance(term, ox.Literal) and term.datatype.value == _ANY_URI
                and term.value.startswith(BASE)):
            return ox.Literal(self.iri(term.value), datatype=term.datatype)
        return term


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefix map of the serialisations and of the JSON-LD context, on *base*.

    Stable: it depends on the vocabularies, not on the data."""
    rebase = Rebaser(base)
    found = {name: rebase.iri(iri) for name, iri in PREFIXES.items()}
    found.update(EXTRA_PREFIXES)
    found["graaf"] = graph_iri(rebase.base, "")
    return found


def turtle_prefixes(dataset: KbDataset) -> dict[str, str]:
    """:func:`prefixes` plus one per kind of thing (``maatregel:``, ``bedrag:`` ...), so
    that Turtle and TriG read like the files in kb/."""
    found = prefixes(dataset.base)
    own = dataset.base + "/id/"
    kinds: set[str] = set()
    for quad in dataset.store:
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(own):
                kind, slash, _ = term.value[len(own):].partition("/")
                if slash:
                    kinds.add(kind)
    for kind in sorted(kinds):
        if re.fullmatch(r"[a-z][a-z0-9-]*", kind) and kind not in found:
            found[kind] = own + kind + "/"
    return found


@dataclass(frozen=True)
class Part:
    """One named graph of the dataset."""

    name: str
    graph: str
    source: str
    triples: int


@dataclass
class KbDataset:
    """The KB as quads: every triple in the named graph of the part that states it."""

    base: str
    store: ox.Store
    parts: list[Part] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(part.triples for part in self.parts)

    def graph_triples(self, part: Part) -> list[ox.Triple]:
        """The triples of one part's graph."""
        return [q.triple for q in self.store.quads_for_pattern(
            None, None, None, ox.NamedNode(part.graph))]

    def merged(self) -> ox.Store:
        """A store with every triple in its default graph (the KB as one graph)."""
        store = ox.Store()
        store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                     for q in self.store)
        return store


def _part_name(path: Path) -> str:
    """``ontologie/{file}`` for an ontology file (shipped, or the KB folder's own),
    ``kb/{folder}/.../{file}`` for a file of the KB in use (``kb/{letter}/h01-financien``,
    ``kb/gedeeld/wetten``), else ``{folder}/{file}``."""
    resolved, root = path.resolve(), kb_dir().resolve()
    if resolved.parent in (ONTOLOGY_DIR.resolve(), root / ONTOLOGY_FOLDER):
        name = f"ontologie/{path.stem.lower()}"
    elif resolved.is_relative_to(root):
        inner = resolved.relative_to(root).with_suffix("")
        name = "kb/" + "/".join(part.lower() for part in inner.parts)
    else:
        name = f"{path.parent.name.lower()}/{path.stem.lower()}"
    if not _SLUG.fullmatch(name):
        raise InputError(f"{path}: cannot name a graph after this file "
                         "(use lowercase letters, digits and hyphens)")
    return name


def _source_label(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(DATA_ROOT))
    except ValueError:
        return str(path)


def build_dataset(base: str = DEFAULT_BASE, files: Sequence[Path] | None = None, *,
                  computed: bool = True) -> KbDataset:
    """The KB (*files*, default the shipped ontology and KB, plus the computed figures
    when *computed*) as named graphs on *base*."""
    from vngkb.kb.layers import add_computed, add_tellingen
    from vngkb.kb.load import default_files, load_file

    rebase = Rebaser(base)
    sources: list[tuple[str, str, ox.Store]] = []
    for path in default_files() if files is None else files:
        part_store = ox.Store()
        load_file(part_store, path)
        sources.append((_part_name(path), _source_label(path), part_store))
    if computed:
        from vngkb.kb.layers import accres_files

        part_store = ox.Store()
        add_computed(part_store, accres_files(default_files() if files is None else files))
        everything = ox.Store()
        for _, _, written in sources:
            everything.extend(written)
        add_tellingen(part_store, everything)
        if len(part_store):
            sources.append((COMPUTED_PART,
                            "vngkb.finance (computed from kb/accres.ttl and the amounts)",
                            part_store))
    names = [name for name, _, _ in sources]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise InputError(f"two files would share the graph {', '.join(twice)}")

    parts: list[Part] = []
    seen: set[ox.Triple] = set()
    every: list[ox.Quad] = []
    for name, source, part_store in sources:
        graph = ox.NamedNode(graph_iri(rebase.base, name))
        quads = []
        for quad in part_store:
            triple = ox.Triple(rebase.subject(quad.subject), rebase.node(quad.predicate),
                               rebase.object(quad.object))
            if triple in seen:
                continue
            seen.add(triple)
            quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
        every.extend(quads)
        parts.append(Part(name=name, graph=graph.value, source=source, triples=len(quads)))
    store = ox.Store()
    store.extend(canonical_blank_nodes(every))
    return KbDataset(base=rebase.base, store=store, parts=parts)


def canonical_blank_nodes(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """*quads* with every blank node labelled after its place in the graph, so that the
    same data gives the same labels in every run (the parser's labels are random).

    Each blank node's label is a hash of what surrounds it, refined until stable (colour
    refinement): its graph, its outgoing and incoming edges, with the labels of
    neighbouring blank nodes of the previous round. Blank nodes that end with the same
    hash are interchangeable (the same content in the same place, as in SHACL's nested
    property shapes), so numbering them in any order serialises the same.

    >>> a, b = ox.BlankNode(), ox.BlankNode()
    >>> p, o = ox.NamedNode("http://x/p"), ox.Literal("1")
    >>> first = canonical_blank_nodes([ox.Quad(a, p, o)])
    >>> again = canonical_blank_nodes([ox.Quad(b, p, o)])
    >>> first == again
    True
    """
    quads = list(quads)
    blanks: dict[ox.BlankNode, int] = {}
    for quad in quads:
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.BlankNode):
                blanks.setdefault(term, len(blanks))
    if not blanks:
        return quads
    edges: dict[ox.BlankNode, list[tuple[str, ox.Quad]]] = defaultdict(list)
    for quad in quads:
        if isinstance(quad.subject, ox.BlankNode):
            edges[quad.subject].append(("out", quad))
        if isinstance(quad.object, ox.BlankNode):
            edges[quad.object].append(("in", quad))
    colour = {node: "" for node in blanks}

    def key(term: object) -> str:
        return "_:" + colour[term] if isinstance(term, ox.BlankNode) else str(term)

    distinct = 1
    for _ in range(len(blanks) + 1):
        refined = {}
        for node in blanks:
            signature = sorted(
                f"{way} {key(q.predicate)} {key(q.object if way == 'out' else q.subject)} "
                f"{q.graph_name}" for way, q in edges[node])
            text = colour[node] + "\n" + "\n".join(signature)
            refined[node] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
        colour = refined
        now = len(set(colour.values()))
        if now == distinct:
            break
        distinct = now
    labels: dict[ox.BlankNode, ox.BlankNode] = {}
    used: dict[str, int] = defaultdict(int)
    for node in sorted(blanks, key=lambda n: colour[n]):
        count = used[colour[node]]
        used[colour[node]] += 1
        labels[node] = ox.BlankNode(f"b{colour[node]}" + (f"n{count}" if count else ""))

    def relabel(term: object) -> object:
        return labels[term] if isinstance(term, ox.BlankNode) else term

    return [ox.Quad(relabel(q.subject), q.predicate, relabel(q.object),  # type: ignore[arg-type]
                    q.graph_name) for q in quads]
