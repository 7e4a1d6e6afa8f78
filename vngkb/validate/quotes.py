"""Check that every text the KB claims to have read stands in the source, in the
line range the KB gives for it.

Checked properties: ``def:citaat``, ``def:standpuntPassage``, ``def:voornemen``,
``def:gevolgVoorGemeenten`` and ``def:onderwerp``, each against the lines
``def:eersteRegel``..``def:laatsteRegel`` of the node that carries it. A node that
belongs to another (an entry into force or a funding condition to its measure, an accres
reason to the accres text of the revision it explains) must also lie within that
other's lines, so its quote is read from the right section.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from vngkb.rdf import sourcetext
from vngkb.rdf.namespaces import DEF

CHECKED_PROPERTIES = ("citaat", "standpuntPassage", "voornemen", "gevolgVoorGemeenten",
                      "onderwerp")

_QUERY = f"""
SELECT ?node ?prop ?text ?first ?last WHERE {{
  VALUES ?prop {{ {" ".join(f"<{DEF}{p}>" for p in CHECKED_PROPERTIES)} }}
  ?node ?prop ?text .
  OPTIONAL {{ ?node <{DEF}eersteRegel> ?first ; <{DEF}laatsteRegel> ?last . }}
}}"""


#: Which node a fact-bearing node must lie within: the measure that links it, or for an
#: accres reason the dataset (the accres text) of the revision that links it.
_CONTAINMENT_QUERY = f"""
SELECT ?node ?parent ?first ?last ?pfirst ?plast WHERE {{
  {{ ?parent <{DEF}inwerkingtreding>|<{DEF}voorwaarde> ?node }}
  UNION
  {{ ?revision <{DEF}reden> ?node .
     ?revision <http://purl.org/linked-data/cube#dataSet> ?parent }}
  ?node <{DEF}eersteRegel> ?first ; <{DEF}laatsteRegel> ?last .
  ?parent <{DEF}eersteRegel> ?pfirst ; <{DEF}laatsteRegel> ?plast .
  FILTER(?first < ?pfirst || ?last > ?plast)
}}"""


@dataclass(frozen=True)
class QuoteProblem:
    """A text that is not where the KB says it was read."""

    node: str
    prop: str
    text: str
    first: int | None
    last: int | None
    reason: str

    def __str__(self) -> str:
        where = f"lines {self.first}-{self.last}" if self.first is not None else "no line range"
        short = self.text if len(self.text) <= 70 else self.text[:67] + "..."
        return f"{self.node} def:{self.prop} ({where}): {self.reason}: {short!r}"


def check_store(store: ox.Store, source_lines: Sequence[str]) -> list[QuoteProblem]:
    """Every checked text in *store* that is missing from its line range."""
    problems: list[QuoteProblem] = []
    solutions = store.query(_QUERY)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        node, prop, text = row["node"], row["prop"], row["text"]
        first_term, last_term = row["first"], row["last"]
        prop_name = str(prop.value).removeprefix(DEF)
        value = str(text.value)
        if first_term is None or last_term is None:
            problems.append(QuoteProblem(str(node.value), prop_name, value, None, None,
                                         "node has no def:eersteRegel/def:laatsteRegel"))
            continue
        first, last = int(first_term.value), int(last_term.value)
        lines = sourcetext.line_range(source_lines, first, last)
        if not sourcetext.contains(lines, value):
            reason = ("found elsewhere in the source" if sourcetext.contains(source_lines, value)
                      else "not in the source")
            problems.append(QuoteProblem(str(node.value), prop_name, value, first, last, reason))
    return problems + _outside_parent(store)


def _outside_parent(store: ox.Store) -> list[QuoteProblem]:
    """Nodes whose line range is not within that of the node they belong to."""
    solutions = store.query(_CONTAINMENT_QUERY)
    assert isinstance(solutions, ox.QuerySolutions)
    problems = []
    for row in solutions:
        parent = str(row["parent"].value)
        where = f"{int(row['pfirst'].value)}-{int(row['plast'].value)}"
        problems.append(QuoteProblem(
            str(row["node"].value), "eersteRegel", "", int(row["first"].value),
            int(row["last"].value), f"lies outside the lines of {parent} ({where})"))
    return problems


def check_files(source: Path, files: Iterable[Path]) -> list[QuoteProblem]:
    """Load Turtle *files* and check their texts against *source*."""
    store = ox.Store()
    for path in files:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return check_store(store, sourcetext.read_lines(source))


def main(argv: Sequence[str]) -> int:
    """``python -m vngkb.validate.quotes SOURCE FILE.ttl...``: list misplaced texts; exit 1
    if any."""
    if len(argv) < 2:
        print("usage: python -m vngkb.validate.quotes SOURCE FILE.ttl [FILE.ttl ...]",
              file=sys.stderr)
        return 2
    problems = check_files(Path(argv[0]), [Path(a) for a in argv[1:]])
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
