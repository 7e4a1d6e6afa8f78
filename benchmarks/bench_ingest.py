"""How good is ``vngkb ingest``? Ingest the 2020 letter from its text alone (the ingest
reads only the letter and the shared vocabularies), then — only after drafting — compare
the draft with the curated KB of kb/:

- measures found: a curated measure with a drafted one whose first and last line are each
  within 2 lines;
- amounts, recall: curated amounts with a drafted amount of the same value, the same first
  and last year (an open year open on both sides) and lines within 2 of the curated lines;
- amounts, precision: drafted amounts that are such a match of a curated amount (one
  drafted amount counts once);
- kind of money and stance: among the matched amounts and measures, the share with the
  curated kind and stance;
- time: ingest of the letter (about 2,500 lines), median of runs in this process, with the
  time to read the text as the baseline.

Run: ``.venv/bin/python benchmarks/bench_ingest.py [--missers] [LETTER KB_DIR|GOLD.json]``
(defaults: the shipped letter and kb/; a gold.json is a typed-in answer key such as
tests/data/brieven/*/gold.json; --missers lists the amounts not recalled and the extra ones).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vngkb.ingest import ingest  # noqa: E402
from vngkb.ingest.concept import DEF, SCHEMA  # noqa: E402

TOLERANCE = 2


@dataclass(frozen=True)
class Measure:
    iri: str
    title: str
    first: int
    last: int
    stance: str


@dataclass(frozen=True)
class Amount:
    iri: str
    value: Decimal
    first_year: int | None
    last_year: int | None
    kind: str
    first: int
    last: int


def _local(term: object) -> str:
    return str(term).rsplit("/", 1)[-1]


def _year(graph: Graph, node: URIRef, prop: URIRef) -> int | None:
    value = graph.value(node, prop)
    return int(str(value)) if value is not None else None


def read(graph: Graph) -> tuple[list[Measure], list[Amount]]:
    measures = []
    for m in graph.subjects(RDF.type, DEF.Maatregel):
        assert isinstance(m, URIRef)
        measures.append(Measure(str(m), str(graph.value(m, DCTERMS.title)),
                                int(str(graph.value(m, DEF.eersteRegel))),
                                int(str(graph.value(m, DEF.laatsteRegel))),
                                _local(graph.value(m, DEF.standpunt))))
    amounts = []
    for a in graph.subjects(RDF.type, DEF.Bedrag):
        assert isinstance(a, URIRef)
        amounts.append(Amount(str(a), Decimal(str(graph.value(a, SCHEMA.value))),
                              _year(graph, a, DEF.eersteJaar), _year(graph, a, DEF.laatsteJaar),
                              _local(graph.value(a, DEF.soortBedrag)),
                              int(str(graph.value(a, DEF.eersteRegel))),
                              int(str(graph.value(a, DEF.laatsteRegel)))))
    return measures, amounts


def load(files: list[Path]) -> Graph:
    graph = Graph()
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def near(a: Amount, b: Amount) -> bool:
    return a.first - TOLERANCE <= b.last and b.first - TOLERANCE <= a.last


def compare(gold: tuple[list[Measure], list[Amount]], draft: Graph
            ) -> dict[str, tuple[int, int]]:
    gold_measures, gold_amounts = gold
    draft_measures, draft_amounts = read(draft)
    found = 0
    stance_right = 0
    for gm in gold_measures:
        match = next((d for d in draft_measures if abs(d.first - gm.first) <= TOLERANCE
                      and abs(d.last - gm.last) <= TOLERANCE), None)
        if match:
            found += 1
            stance_right += match.stance == gm.stance
    recalled = 0
    kind_right = 0
    value_found = 0
    used: set[str] = set()
    for g in gold_amounts:
        same_value = [d for d in draft_amounts if d.value == g.value and near(d, g)]
        if same_value:
            value_found += 1
        exact = [d for d in same_value if (d.first_year, d.last_year)
                 == (g.first_year, g.last_year) and d.iri not in used]
        if exact:
            recalled += 1
            used.add(exact[0].iri)
            kind_right += exact[0].kind == g.kind
    true_drafts = sum(1 for d in draft_amounts if any(
        g.value == d.value and near(d, g) and (d.first_year, d.last_year)
        == (g.first_year, g.last_year) for g in gold_amounts))
    return {
        "maatregelen gevonden (grenzen ±2 regels)": (found, len(gold_measures)),
        "standpunt juist (van gevonden maatregelen)": (stance_right, found),
        "bedragen: waarde gevonden (zonder jaren)": (value_found, len(gold_amounts)),
        "bedragen recall (waarde én jaren)": (recalled, len(gold_amounts)),
        "bedragen precisie (waarde én jaren)": (true_drafts, len(draft_amounts)),
        "soort geld juist (van recall-treffers)": (kind_right, recalled),
    }


def misses(gold: tuple[list[Measure], list[Amount]], draft: Graph) -> list[str]:
    """The curated amounts not recalled, for reading (value, years, lines, kind)."""
    _, gold_amounts = gold
    _, draft_amounts = read(draft)
    out = []
    for g in sorted(gold_amounts, key=lambda a: a.first):
        same = [d for d in draft_amounts if d.value == g.value and near(d, g)]
        if not any((d.first_year, d.last_year) == (g.first_year, g.last_year) for d in same):
            got = ", ".join(f"{d.first_year}-{d.last_year}" for d in same) or "niet gevonden"
            out.append(f"  {g.first}-{g.last} {g.value} {g.first_year}-{g.last_year} "
                       f"({_local(g.iri)}): {got}")
    for g in sorted(gold_amounts, key=lambda a: a.first):
        for d in draft_amounts:
            if (d.value == g.value and near(d, g) and (d.first_year, d.last_year)
                    == (g.first_year, g.last_year) and d.kind != g.kind):
                out.append(f"  soort: {g.first} {g.value} {g.kind} -> {d.kind}")
    for d in sorted(draft_amounts, key=lambda a: a.first):
        if not any(g.value == d.value and near(d, g) and (d.first_year, d.last_year)
                   == (g.first_year, g.last_year) for g in gold_amounts):
            out.append(f"  extra: {d.first}-{d.last} {d.value} {d.first_year}-{d.last_year} "
                       f"({_local(d.iri)})")
    return out


def from_gold(path: Path) -> tuple[list[Measure], list[Amount]]:
    """Measures and amounts of a typed-in answer key (tests/data/brieven/*/gold.json):
    the measures' amounts, the foreword's and the motions' (the accres text's amounts are
    accres observations in the KB's model, not amounts)."""
    import json

    gold = json.loads(path.read_text(encoding="utf-8"))

    def amount(a: dict[str, object], where: str) -> Amount:
        line = int(str(a["regel"]))
        return Amount(where, Decimal(str(a["waarde"])),
                      int(str(a["eerste_jaar"])) if a.get("eerste_jaar") else None,
                      int(str(a["laatste_jaar"])) if a.get("laatste_jaar") else None,
                      str(a["soort"]), line, line)

    def parts(a: dict[str, object], where: str) -> list[Amount]:
        # A total's series per year ("reeks") are amounts of their own: the KB models the
        # parts of a total as amounts with def:deelVan, as the curated 2020 KB does.
        line = int(str(a["regel"]))
        series = a.get("reeks") or []
        assert isinstance(series, list)
        return [Amount(f"{where}/reeks{k}", Decimal(str(e["waarde"])), int(e["jaar"]),
                       int(e["jaar"]), str(a["soort"]), line, line)
                for k, e in enumerate(series)]

    measures, amounts = [], []
    for m in gold["maatregelen"]:
        measures.append(Measure(m["slug"], m["titel"], m["eerste_regel"], m["laatste_regel"],
                                m["standpunt"]))
        for i, a in enumerate(m["bedragen"]):
            amounts += [amount(a, f"{m['slug']}/{i}"), *parts(a, f"{m['slug']}/{i}")]
    amounts += [amount(a, f"voorwoord/{i}") for i, a in enumerate(gold["voorwoord_bedragen"])]
    for k, motion in enumerate(gold["moties"]):
        amounts += [amount(a, f"motie{k}/{i}") for i, a in enumerate(motion.get("bedragen", []))]
    return measures, amounts


def main(argv: list[str]) -> int:
    show_misses = "--missers" in argv
    argv = [a for a in argv if a != "--missers"]
    letter = Path(argv[1]) if len(argv) > 1 else ROOT / "sources" / \
        "ledenbrief-miljoenennota-2020.txt"
    kb = Path(argv[2]) if len(argv) > 2 else ROOT / "kb"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        times, baseline = [], []
        for _ in range(5):
            start = time.perf_counter()
            letter.read_text(encoding="utf-8").split("\n")
            baseline.append(time.perf_counter() - start)
            start = time.perf_counter()
            result = ingest(letter, "bench", out)
            times.append(time.perf_counter() - start)
        draft = load(sorted((result.letter_dir / "concept").glob("*.ttl")))
        lines = len(letter.read_text(encoding="utf-8").split("\n"))
    # Only now, after drafting, is the curated KB read.
    gold = from_gold(kb) if kb.suffix == ".json" else read(load(sorted(kb.rglob("*.ttl"))))
    figures = compare(gold, draft)
    print(f"vngkb ingest {letter.name} ({lines} regels) tegen de gecureerde KB ({kb.name}/)")
    print(f"{'maat':<46} {'gevonden':>10} {'aandeel':>8}")
    for name, (hit, total) in figures.items():
        share = f"{100 * hit / total:.1f}%" if total else "-"
        print(f"{name:<46} {f'{hit}/{total}':>10} {share:>8}")
    median = statistics.median(times)
    print(f"{'tijd ingest (mediaan van 5)':<46} {median:>9.2f}s "
          f"({median / statistics.median(baseline):.0f}x het lezen van de tekst)")
    if show_misses:
        print("bedragen niet (juist) gevonden:")
        print("\n".join(misses(gold, draft)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
