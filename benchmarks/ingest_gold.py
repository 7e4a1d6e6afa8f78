"""`vngkb ingest` measured against typed-in answer keys: letters with a `gold.json`
beside their text (tests/data/brieven/*/), which ingest was not written against.

For each letter: ingest its `bron.txt` into a temporary folder, read the draft, and
compare it with the gold answer key:
- measures found with both boundaries within 2 lines, and measures the draft invents;
- euro amounts: recall (a gold amount drafted with its value on its lines and both years
  right), precision (drafted amounts that are in the gold: value on its lines, a range's
  upper bound counting as its own), kind of money right among the found ones;
- the proposed stance right among the found measures;
- the time ingest took (one run, a new process as a user runs it).

Run: `.venv/bin/python benchmarks/ingest_gold.py [FOLDER ...]` (default: every folder under
tests/data/brieven/ with a gold.json).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
VNGKB = str(Path(sys.executable).parent / "vngkb")
LETTERS = ROOT / "tests" / "data" / "brieven"
DEF = "https://w3id.org/vngkb/def/"
SCHEMA = "https://schema.org/"
#: How far a boundary may be off and still count as found (the issue's measure).
MARGIN = 2


@dataclass(frozen=True)
class Drafted:
    """One drafted amount: value, years, kind, lines."""

    value: Decimal
    first_year: int | None
    last_year: int | None
    kind: str | None
    first_line: int
    last_line: int


def _gold_amounts(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """Every euro amount of the answer key: in the measures, the Voorwoord, the accres
    analysis and the motions."""
    amounts: list[dict[str, Any]] = []
    for measure in gold["maatregelen"]:
        amounts.extend(measure["bedragen"])
    for key in ("voorwoord_bedragen", "accres_bedragen"):
        amounts.extend(gold.get(key) or [])
    for motion in gold.get("moties") or []:
        amounts.extend(motion.get("bedragen") or [])
    return amounts


def _local(term: ox.NamedNode | ox.Literal | None) -> str | None:
    return None if term is None else term.value.rstrip("/").rsplit("/", 1)[-1]


def _year(term: object) -> int | None:
    return int(str(term.value)[:4]) if isinstance(term, ox.Literal) else None


def read_draft(folder: Path) -> tuple[list[tuple[str, int, int, str | None]], list[Drafted]]:
    """(measures as (title, first line, last line, stance), amounts) of a drafted letter."""
    store = ox.Store()
    for path in sorted(folder.rglob("*.ttl")):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    def select(text: str) -> ox.QuerySolutions:
        solutions = store.query(text)
        assert isinstance(solutions, ox.QuerySolutions)
        return solutions

    measures = [(str(row["t"].value), int(row["f"].value), int(row["l"].value),
                 _local(row["s"]))
                for row in select(
        f"""SELECT ?t ?f ?l ?s WHERE {{ ?m a <{DEF}Maatregel> ;
              <http://purl.org/dc/terms/title> ?t ; <{DEF}eersteRegel> ?f ;
              <{DEF}laatsteRegel> ?l . OPTIONAL {{ ?m <{DEF}standpunt> ?s }} }}""")]
    amounts = [Drafted(Decimal(row["v"].value), _year(row["e"]), _year(row["z"]),
                       _local(row["k"]), int(row["f"].value), int(row["l"].value))
               for row in select(
        f"""SELECT ?v ?e ?z ?k ?f ?l WHERE {{ ?b a <{DEF}Bedrag> ; <{SCHEMA}value> ?v ;
              <{DEF}eersteRegel> ?f ; <{DEF}laatsteRegel> ?l .
              OPTIONAL {{ ?b <{DEF}eersteJaar> ?e }} OPTIONAL {{ ?b <{DEF}laatsteJaar> ?z }}
              OPTIONAL {{ ?b <{DEF}soortBedrag> ?k }} }}""")]
    return measures, amounts


def _on_lines(line: int, amount: Drafted) -> bool:
    return amount.first_line - 1 <= line <= amount.last_line + 1


def measure(folder: Path) -> dict[str, str]:
    """The figures for one letter folder (``bron.txt`` and ``gold.json``)."""
    gold: dict[str, Any] = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        run = subprocess.run([VNGKB, "ingest", str(folder / "bron.txt"), "--id", gold["id"],
                              "--out", out], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if run.returncode != 0:
            raise SystemExit(f"ingest failed on {folder.name}: {run.stderr.strip()}")
        measures, amounts = read_draft(Path(out))
    found = stance_right = 0
    matched: set[int] = set()
    for m in gold["maatregelen"]:
        hits = [i for i, (_, first, last, _) in enumerate(measures)
                if abs(first - m["eerste_regel"]) <= MARGIN
                and abs(last - m["laatste_regel"]) <= MARGIN]
        if hits:
            found += 1
            matched.add(hits[0])
            stance_right += measures[hits[0]][3] == m["standpunt"]
    golden = _gold_amounts(gold)
    recalled = kind_right = 0
    for a in golden:
        value = Decimal(str(a["waarde"]))
        same = [d for d in amounts if d.value == value and _on_lines(int(a["regel"]), d)]
        if any(d.first_year == a["eerste_jaar"] and d.last_year == a["laatste_jaar"]
               for d in same):
            recalled += 1
        kind_right += any(d.kind == a["soort"] for d in same)
    values_at = {(Decimal(str(a[key])), int(a.get(key + "_regel", a["regel"])))
                 for a in golden for key in ("waarde", "tot") if a.get(key) is not None}
    invented = [d for d in amounts
                if not any(v == d.value and _on_lines(line, d) for v, line in values_at)]
    kept = len(amounts) - len(invented)
    return {
        "letter": gold["id"],
        "measures": f"{found}/{len(gold['maatregelen'])}",
        "measures invented": str(len(measures) - len(matched)),
        "amount recall": f"{recalled}/{len(golden)} ({100 * recalled / len(golden):.0f}%)",
        "amount precision": f"{kept}/{len(amounts)} ({100 * kept / max(len(amounts), 1):.0f}%)",
        "kind right": f"{kind_right}/{len(golden)}",
        "stance right": f"{stance_right}/{found}",
        "seconds": f"{seconds:.2f}",
    }


def main(argv: list[str]) -> int:
    folders = ([Path(a) for a in argv] if argv else
               sorted(p.parent for p in LETTERS.glob("*/gold.json")))
    rows = [measure(folder) for folder in folders]
    if not rows:
        raise SystemExit(f"no letter with a gold.json under {LETTERS}")
    keys = list(rows[0])
    print(" | ".join(keys))
    for row in rows:
        print(" | ".join(str(row[k]) for k in keys))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
