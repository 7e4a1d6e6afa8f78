"""``vngkb review``: what is still a draft, measure by measure, the surest first, each
value with its quote, lines and the rule that produced it; and ``--bevestig``, which
moves drafted statements into the letter's confirmed file ``bevestigd.ttl``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from vngkb.core.errors import InputError, shorten
from vngkb.i18n import _
from vngkb.ingest import opslag
from vngkb.ingest.concept import DEF, ID, PREFIXES


@dataclass
class Waarde:
    property: str
    values: list[str]


@dataclass
class Voorstel:
    """One drafted resource: its values, the rules that gave them, quote and lines."""

    iri: str
    kind: str
    label: str
    certainty: float
    first: int
    last: int
    quote: str
    values: list[Waarde]
    rules: list[str]


@dataclass
class Groep:
    """The drafted resources of one measure (or of the foreword, the motions, ...)."""

    iri: str
    label: str
    first: int
    items: list[Voorstel] = field(default_factory=list)


def short(term: object) -> str:
    text = str(term)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns) and "/" not in text[len(ns):]:
            return f"{prefix}:{text[len(ns):]}"
    return text.removeprefix(ID)


def _draft(letter_dir: Path) -> Graph:
    graph = Graph()
    for path in opslag.concept_files(letter_dir):
        graph += opslag._parse(path)
    return graph


def _int(graph: Graph, node: URIRef, prop: URIRef) -> int:
    value = graph.value(node, prop)
    return int(str(value)) if value is not None else 0


def _proposal(graph: Graph, node: URIRef) -> Voorstel:
    kind = short(graph.value(node, RDF.type) or "")
    label = next((str(graph.value(node, p)) for p in (DCTERMS.title, RDFS.label,
                  SKOS.notation, DEF.rij) if graph.value(node, p) is not None), short(node))
    values: dict[str, list[str]] = {}
    for p, o in sorted(graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
        if p in opslag.DRAFT_MARKS or p == RDF.type:
            continue
        text = str(o) if isinstance(o, Literal) else short(o)
        values.setdefault(short(p), []).append(text)
    quote = str(graph.value(node, DEF.citaat) or "")
    certainty = graph.value(node, DEF.zekerheid)
    return Voorstel(iri=str(node), kind=kind, label=label,
                    certainty=float(str(certainty)) if certainty is not None else 0.0,
                    first=_int(graph, node, DEF.eersteRegel),
                    last=_int(graph, node, DEF.laatsteRegel), quote=quote,
                    values=[Waarde(p, v) for p, v in values.items()],
                    rules=sorted(str(r) for r in graph.objects(node, DEF.regel)))


def review(folder: Path) -> list[Groep]:
    """The drafted resources of every letter folder at *folder*, grouped by measure."""
    letters = opslag.letter_dirs(folder)
    if not letters:
        raise InputError(_("{path}: geen concept van ingest (geen map "
                           "concept/ met Turtle)").format(path=folder))
    groups: list[Groep] = []
    for letter_dir in letters:
        graph = _draft(letter_dir)
        drafted = {s for s in graph.subjects(PROV.wasGeneratedBy, None)
                   if isinstance(s, URIRef)}
        owner: dict[URIRef, URIRef] = {}
        for prop in (DEF.bedrag, DEF.inwerkingtreding, DEF.voorwaarde):
            for s, o in graph.subject_objects(prop):
                if isinstance(s, URIRef) and isinstance(o, URIRef):
                    owner.setdefault(o, s)
        by_group: dict[URIRef, Groep] = {}
        for node in sorted(drafted, key=str):
            head = owner.get(node, node)
            if head not in by_group:
                label = str(graph.value(head, DCTERMS.title) or graph.value(head, RDFS.label)
                            or short(head))
                by_group[head] = Groep(str(head), label, _int(graph, head, DEF.eersteRegel))
            by_group[head].items.append(_proposal(graph, node))
        for group in by_group.values():
            group.items.sort(key=lambda v: (v.iri != group.iri, -v.certainty, v.first))
        groups.extend(sorted(by_group.values(), key=lambda g: (g.first == 0, g.first, g.iri)))
    return groups


def as_text(groups: list[Groep]) -> str:
    lines: list[str] = []
    for group in groups:
        lines.append(f"== {short(group.iri)}: {group.label} (regel {group.first})")
        for item in group.items:
            lines.append(f"  {short(item.iri)}  [{item.kind}]  zekerheid {item.certainty:.2f}"
                         f"  regels {item.first}-{item.last}")
            if item.quote:
                lines.append(f"    “{item.quote}”")
            for value in item.values:
                if value.property in ("def:citaat", "def:voornemen", "def:gevolgVoorGemeenten",
                                      "dct:source", "def:eersteRegel", "def:laatsteRegel"):
                    continue
                shown = ", ".join(v if len(v) < 90 else v[:87] + "..." for v in value.values)
                lines.append(f"    {value.property} {shown}")
            for rule in item.rules:
                lines.append(f"    ← {rule}")
    return "\n".join(lines)


def as_json(groups: list[Groep]) -> str:
    return json.dumps([asdict(g) for g in groups], ensure_ascii=False, indent=1)


def _resolve(term: str, graph: Graph) -> URIRef:
    if term.startswith(("http://", "https://")):
        return URIRef(term)
    if ":" in term:
        prefix, local = term.split(":", 1)
        if prefix in PREFIXES:
            return URIRef(PREFIXES[prefix] + local)
    if "/" in term:
        return URIRef(ID + term)
    return URIRef(PREFIXES["def"] + term)


def bevestig(folder: Path, specs: list[str]) -> list[tuple[int, Path]]:
    """Confirm drafted statements: each spec is ``IRI`` (every drafted value of that
    resource) or ``IRI PROPERTY`` (that one value). IRIs may be full, prefixed
    (``def:soortBedrag``) or the part after ``/id/`` (``bedrag/brief/slug``)."""
    letters = opslag.letter_dirs(folder)
    if not letters:
        raise InputError(_("{path}: geen concept van ingest (geen map "
                           "concept/ met Turtle)").format(path=folder))
    done: list[tuple[int, Path]] = []
    for spec in specs:
        parts = spec.split()
        if not 1 <= len(parts) <= 2:
            raise InputError(_("--bevestig {value}: verwacht IRI of IRI EIGENSCHAP (bv. bedrag:x "
                               "def:soortBedrag)").format(value=shorten(spec)))
        moved: tuple[int, Path] | None = None
        for letter_dir in letters:
            graph = _draft(letter_dir)
            subject = _resolve(parts[0], graph)
            if (subject, PROV.wasGeneratedBy, None) not in graph:
                continue
            prop = _resolve(parts[1], graph) if len(parts) == 2 else None
            triples = [(s, p, o) for s, p, o in graph.triples((subject, prop, None))
                       if isinstance(s, URIRef) and isinstance(p, URIRef)
                       and p not in opslag.DRAFT_MARKS]
            if triples:
                moved = opslag.move_to_confirmed(letter_dir, triples)
            break
        if moved is None:
            raise InputError(_("--bevestig {value}: geen voorgestelde waarde met die naam in het "
                               "concept").format(value=shorten(spec)))
        done.append(moved)
    return done
