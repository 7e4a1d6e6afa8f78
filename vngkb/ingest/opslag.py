"""The letter's folder in a KB: ``{out}/{id}/bron.txt`` (the text the line numbers refer
to), the draft in ``{out}/{id}/concept/*.ttl``, and the confirmed statements in
``{out}/{id}/*.ttl``, which ingest reads and never writes.

A statement is confirmed when a confirmed file holds a triple with the same subject and
property; a resource is confirmed whole when a confirmed file gives its ``rdf:type``.
Ingest then drafts nothing for it: a confirmed (or corrected) value is never overwritten.
Writing is all or nothing: the new draft is written beside the old and swapped in.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from vngkb.core.errors import InputError
from vngkb.core.paths import KB_DIR
from vngkb.i18n import _

CONCEPT = "concept"
SOURCE = "bron.txt"
CONFIRMED_FILE = "bevestigd.ttl"
#: The properties that mark a draft, not facts about the letter.
DRAFT_MARKS = {URIRef(PROV.wasGeneratedBy), URIRef("https://w3id.org/vngkb/def/regel"),
               URIRef("https://w3id.org/vngkb/def/zekerheid")}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_id(value: str, option: str = "--id") -> str:
    if not _ID.match(value) or len(value) > 100:
        from vngkb.core.errors import shorten

        raise InputError(_("--id {value}: een id is een slug van kleine letters, cijfers en "
                           "streepjes (bv. ledenbrief-miljoenennota-2021)").format(
                               value=shorten(value)).replace("--id", option, 1))
    return value


def _parse(path: Path) -> Graph:
    from vngkb.rdf.turtle import parse_file

    data, _ = parse_file(path)  # size, regular file and syntax checked as for kb/
    graph = Graph()
    graph.parse(data=data, format="turtle")
    return graph


def confirmed_files(letter_dir: Path) -> list[Path]:
    return sorted(p for p in letter_dir.glob("*.ttl") if p.is_file())


def confirmed_graph(letter_dir: Path) -> Graph:
    graph = Graph()
    for path in confirmed_files(letter_dir):
        graph += _parse(path)
    return graph


def check_out(out: Path, letter: str) -> Path:
    """The letter's folder under *out*, after refusing the shipped kb/, a file, and a
    folder whose confirmed statements are about another letter."""
    try:
        if out.exists() and not out.is_dir():
            raise InputError(_("--out {path}: is een bestand, geen map").format(path=out))
        resolved = out.resolve()
        kb = KB_DIR.resolve()
    except OSError as error:
        raise InputError(_("{path}: kan niet "
                           "worden gelezen: "
                           "{reason}").format(path=out, reason=error.strerror)) from None
    if resolved == kb or kb in resolved.parents:
        raise InputError(_("--out {path}: dat is de meegeleverde kb/; een concept komt in een "
                           "eigen map").format(path=out))
    letter_dir = out / letter
    bron = URIRef(f"https://w3id.org/vngkb/id/bron/{letter}")
    for path in confirmed_files(letter_dir) if letter_dir.is_dir() else []:
        for source in set(_parse(path).objects(None, DCTERMS.source)):
            if source != bron:
                raise InputError(_("--out {path}: {file} bevat bevestigde uitspraken over een "
                                   "andere brief ({other}); kies een andere map of een ander "
                                   "--id").format(path=out, file=path.name,
                                                  other=str(source).rsplit("/", 1)[-1]))
    return letter_dir


def without_confirmed(files: dict[str, Graph], confirmed: Graph) -> None:
    """Drop from the draft every statement a confirmed file already makes (same subject
    and property), every statement about a resource confirmed whole, and the draft marks
    of a resource left with nothing drafted."""
    whole = set(confirmed.subjects(RDF.type, None))
    pairs = {(s, p) for s, p, _ in confirmed}
    for graph in files.values():
        for s, p, o in list(graph):
            if s in whole or ((s, p) in pairs and p not in DRAFT_MARKS and p != RDF.type):
                graph.remove((s, p, o))
        for s in set(graph.subjects()):
            if not any(p not in DRAFT_MARKS for p in graph.predicates(s)):
                graph.remove((s, None, None))


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def serialise(graph: Graph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")


def write(letter_dir: Path, lines: list[str], files: dict[str, Graph]) -> None:
    """Write the source text and swap in the new draft (never touching confirmed files)."""
    letter_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=letter_dir, prefix=".concept-"))
    try:
        for name, graph in sorted(files.items()):
            if len(graph):
                (staging / name).write_bytes(serialise(graph))
        _atomic_write(letter_dir / SOURCE, ("\n".join(lines) + "\n").encode("utf-8"))
        concept = letter_dir / CONCEPT
        old = None
        if concept.exists():
            old = letter_dir / f".concept-old-{os.getpid()}"
            concept.rename(old)
        staging.rename(concept)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def concept_files(letter_dir: Path) -> list[Path]:
    return sorted((letter_dir / CONCEPT).glob("*.ttl"))


def letter_dirs(folder: Path) -> list[Path]:
    """The letter folders at *folder*: itself when it holds a draft, else its children
    that do."""
    if (folder / CONCEPT).is_dir():
        return [folder]
    return sorted(p for p in folder.iterdir() if (p / CONCEPT).is_dir()) \
        if folder.is_dir() else []


def move_to_confirmed(letter_dir: Path, triples: Iterable[tuple[URIRef, URIRef, object]]
                      ) -> tuple[int, Path]:
    """Move *triples* from the draft files to ``bevestigd.ttl`` (draft marks left out)."""
    wanted = {t for t in triples if t[1] not in DRAFT_MARKS}
    target = letter_dir / CONFIRMED_FILE
    confirmed = _parse(target) if target.exists() else Graph()
    for path in concept_files(letter_dir):
        graph = _parse(path)
        changed = False
        for triple in list(graph):
            if triple in wanted:
                graph.remove(triple)
                confirmed.add(triple)
                changed = True
        if changed:
            for prefix, ns in graph.namespaces():
                confirmed.bind(prefix, ns, override=False)
            for s in set(graph.subjects()):
                if not any(p not in DRAFT_MARKS for p in graph.predicates(s)):
                    graph.remove((s, None, None))
            _atomic_write(target, serialise(confirmed))
            _atomic_write(path, serialise(graph))
    return len(wanted), target
