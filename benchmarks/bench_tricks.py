"""What each start-up measure of a cold ``vngkb ask`` buys: the headline question in a
new process, as shipped and with one measure undone, interleaved in this one run.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_tricks.py [ROUNDS]``).
Each variant is the same command line started the same way (``python -c``); each round
runs every variant once, in turn, so that a busy machine slows them alike. Printed: the
median wall and CPU time of each (CPU with the processes it starts) and the ratio to the
shipped code; a ratio above 1 is what the measure buys. The measures:

- **the collector paused while the command line is imported, then** ``gc.freeze``
  (``vngkb/__main__.py``); undone: the command line started without either, and with
  the pause only (then the first collection after the imports scans every object they
  made);
- **cache keys with CPython's** ``_blake2`` **instead of** ``hashlib``
  (``vngkb/core/diskcache.py``); undone: ``hashlib`` imported, the import it avoids;
- **a question's** ``#+`` **header kept in the cache as JSON** (``kopregels-KEY.json``,
  ``vngkb/query/catalogue.py``); undone: those entries neither read nor written, so the
  header is parsed with PyYAML on every run.
"""

from __future__ import annotations

import ctypes
import functools
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_ask import QUESTION  # noqa: E402
from benchmarks.bench_query import measured  # noqa: E402

ROUNDS = 15
ARGV = ["vngkb", "ask", QUESTION, "--param", "jaar=2020", "--format", "csv"]
SHIPPED = "from vngkb.__main__ import main\nmain()\n"
NO_HEADER_CACHE = """
from vngkb.core import diskcache
_read, _write = diskcache.read, diskcache.write
diskcache.read = lambda name, *a: None if name.startswith("kopregels-") else _read(name, *a)
diskcache.write = lambda name, *a: None if name.startswith("kopregels-") else _write(name, *a)
"""
VARIANTS = {
    "as shipped": SHIPPED,
    "without the gc pause and freeze": "from vngkb.cli.commands import main\nmain()\n",
    "the gc pause without the freeze": "import gc\ngc.disable()\n"
                                       "from vngkb.cli.commands import main\n"
                                       "gc.enable()\nmain()\n",
    "hashlib instead of _blake2": "import hashlib\n" + SHIPPED,
    "headers parsed with YAML each run": NO_HEADER_CACHE + SHIPPED,
}


def _run(code: str) -> None:
    subprocess.run([sys.executable, "-c", f"import sys\nsys.argv = {ARGV!r}\n{code}"],
                   check=True, capture_output=True)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    env_note = "cache dir " + (os.environ.get("VNGKB_CACHE_DIR") or "default")
    for code in VARIANTS.values():
        _run(code)  # fill the cache and the byte code, as any earlier run does
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in VARIANTS}
    for _ in range(rounds):
        for name, code in VARIANTS.items():
            samples[name].append(measured(functools.partial(_run, code), repeat=1))
    medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
               for name, runs in samples.items()}
    wall0, cpu0 = medians["as shipped"]
    print(f"cold `vngkb ask {QUESTION}`, {rounds} interleaved rounds, medians ({env_note})")
    for name, (wall, cpu) in medians.items():
        print(f"  {name:<36} wall {wall * 1000:6.1f} ms ({wall / wall0:4.2f})   "
              f"CPU {cpu * 1000:6.1f} ms ({cpu / cpu0:4.2f})")


if __name__ == "__main__":
    main()
