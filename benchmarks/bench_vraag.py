"""`vngkb interpret`: routing accuracy on tests/data/vragen.tsv and the time per question.

Run with `make bench`. Measured in this one run:
- accuracy: overall and on the held-out phrasings (never used to write `#+ examples`),
  and how many routed questions got exactly the expected parameter values;
- routing alone, per question, on a router that is already built (median);
- building the router (catalogue, words file, KB labels, index) in process;
- cold, a new process as a user runs it: `vngkb interpret "..."` against its baseline, the
  same answer asked by name with `vngkb ask NAME -p ...`, so the ratio is the cost of
  asking in words. The goal is under 300 ms cold.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ask import median_time  # noqa: E402  (one timing rule for every benchmark)

VNGKB = str(Path(sys.executable).parent / "vngkb")
VRAGEN = ROOT / "tests" / "data" / "vragen.tsv"
TEXT = "Welke decentralisatie-uitkeringen beginnen in 2020?"
ASK = ["ask", "decentralisatie-uitkeringen-per-startjaar", "--param", "jaar=2020"]


def rows() -> list[tuple[str, str, dict[str, str], bool]]:
    found = []
    for line in VRAGEN.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("vraag\t"):
            continue
        vraag, verwacht, params, apart = line.split("\t")
        found.append((vraag, verwacht, dict(p.split("=", 1) for p in params.split(";") if p),
                      apart == "ja"))
    return found


def main() -> None:
    from vngkb.kb.load import load_store
    from vngkb.query import catalogue
    from vngkb.query.store import EmbeddedStore
    from vngkb.rdf.namespaces import ID
    from vngkb.vraag import Router

    backend = EmbeddedStore(load_store())
    questions = list(catalogue.load_catalogue().values())
    build = median_time(lambda: Router(questions, backend), repeat=5)
    router = Router(questions, backend)
    table = rows()
    right = right_held = exact = 0
    for vraag, verwacht, params, apart in table:
        routering = router.route(vraag)
        # Where it went, as tests/test_vraag.py counts it: a text asking what the letter
        # says about a measure goes to `vngkb toon` with that measure.
        if routering.toon is not None:
            waarheen = "toon"
            waarden = {"maatregel": routering.toon.removeprefix(ID + "maatregel/")}
        else:
            waarheen, waarden = routering.vraag.name, routering.waarden
        ok = routering.zeker and waarheen == verwacht
        right += ok
        right_held += ok and apart
        exact += ok and waarden == params
    held = sum(apart for *_, apart in table)
    per_question = median_time(lambda: [router.route(r[0]) for r in table], repeat=5) / len(table)
    cold = median_time(lambda: subprocess.run([VNGKB, "vraag", TEXT, "--format", "csv"],
                                              check=True, capture_output=True), repeat=7)
    cold_ask = median_time(lambda: subprocess.run([VNGKB, *ASK, "--format", "csv"],
                                                  check=True, capture_output=True), repeat=7)
    print(f"vngkb interpret: routing accuracy {right}/{len(table)} = {right / len(table):.1%} "
          f"overall, {right_held}/{held} = {right_held / held:.1%} held out; "
          f"parameters exactly right {exact}/{right}")
    print(f"{'route one question (router built)':<38} {per_question * 1000:8.2f} ms")
    print(f"{'build the router (in process)':<38} {build * 1000:8.2f} ms")
    print(f"{'cold, new process: vngkb interpret':<38} {cold * 1000:8.2f} ms   "
          f"vngkb ask {cold_ask * 1000:8.2f} ms   ratio {cold / cold_ask:5.2f}x "
          f"(goal: vraag < 300 ms)")


if __name__ == "__main__":
    main()
