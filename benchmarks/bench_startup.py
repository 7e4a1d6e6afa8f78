"""Time the start of the ``vngkb`` command and of ``import vngkb`` against a baseline
process that imports only click (which the CLI cannot do without).

Run with `make bench`. Each line is the median wall time of a fresh Python process
(so it includes the interpreter's own start), the baseline's, and the ratio; run
twice interleaved so that a busy machine slows both alike. Python's bytecode cache is
allowed here (PYTHONDONTWRITEBYTECODE unset), as on a user's machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

REPEAT = 20

CASES = {
    "import vngkb": "import vngkb",
    "import vngkb.cli.commands": "import vngkb.cli.commands",
    "vngkb --help": "import sys; sys.argv = ['vngkb', '--help']\n"
                    "from vngkb.cli.commands import main\n"
                    "try:\n    main()\nexcept SystemExit:\n    pass",
}
BASELINE = "import click"


def _run(code: str) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    for name, code in CASES.items():
        _run(code)  # write the bytecode cache first
        own: list[float] = []
        base: list[float] = []
        for _ in range(REPEAT):
            own.append(_run(code))
            base.append(_run(BASELINE))
        mine, theirs = statistics.median(own), statistics.median(base)
        print(f"{name:<18} {mine * 1000:7.1f} ms   baseline (import click) "
              f"{theirs * 1000:7.1f} ms   ratio {mine / theirs:5.2f}")


if __name__ == "__main__":
    main()
