"""Continuity between letters: each measure of the new letter proposed as continuing
(``def:vervolgVan``) the most similar measure of an earlier letter in the same KB, by
title and text similarity (cosine of word counts, the title counted thrice)."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from vngkb.ingest import opslag

if TYPE_CHECKING:
    from vngkb.ingest.concept import Bouwer

#: Below this similarity no continuation is proposed.
THRESHOLD = 0.35
#: Words too common in letters to say two measures are alike.
_STOP = frozenset(re.findall(r"\w+", """de het een en van in op voor te met is dat die dit zijn
    wordt worden aan om door bij als ook of uit naar niet er we wij ze zij hun tot over nog
    meer dan kabinet gemeenten gemeente vng"""))


def words(text: str) -> Counter[str]:
    return Counter(w for w in re.findall(r"[a-zà-ÿ0-9]+", text.lower())
                   if w not in _STOP and len(w) > 2)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    common = set(a) & set(b)
    top = sum(a[w] * b[w] for w in common)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in
                                                                      b.values()))
    return top / norm if norm else 0.0


def profile(title: str, text: str) -> Counter[str]:
    counts = words(text)
    for w, n in words(title).items():
        counts[w] += 3 * n
    return counts


def measures_of(graph: Graph) -> dict[URIRef, Counter[str]]:
    from vngkb.ingest.concept import DEF

    result: dict[URIRef, Counter[str]] = {}
    for m in graph.subjects(RDF.type, DEF.Maatregel):
        assert isinstance(m, URIRef)
        title = " ".join(str(t) for t in graph.objects(m, DCTERMS.title))
        text = " ".join(str(t) for p in (DEF.voornemen, DEF.gevolgVoorGemeenten)
                        for t in graph.objects(m, p))
        result[m] = profile(title, text)
    return result


def link_previous(b: Bouwer, previous_dir: Path) -> None:
    from vngkb.ingest.concept import DEF

    earlier = Graph()
    for path in [*opslag.confirmed_files(previous_dir), *opslag.concept_files(previous_dir)]:
        earlier += opslag._parse(path)
    old = measures_of(earlier)
    if not old:
        return
    for graph in list(b.concept.files.values()):
        for m, counts in measures_of(graph).items():
            scored = sorted(((cosine(counts, c), o) for o, c in old.items()), reverse=True)
            score, best = scored[0]
            if score >= THRESHOLD:
                graph.add((m, DEF.vervolgVan, best))
                graph.add((m, DEF.regel, Literal(
                    f"vervolgVan: gelijkenis {score:.2f} van titel en tekst met "
                    f"{best.rsplit('/', 1)[-1]}")))
