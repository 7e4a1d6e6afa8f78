"""``vngkb`` on the command line: the console script and ``python -m vngkb``.

Start-up imports click and vngkb: tens of thousands of objects that live until the
process ends. Python's cyclic garbage collector would scan them again and again while
they are being created (a tenth of a cold ``vngkb ask``), so it is paused during the
imports; the imported objects are then set aside (:func:`gc.freeze`), so that later
collections, in a long ``vngkb serve`` or ``vngkb validate``, do not scan them either.
Without the freeze the pause costs more than it saves: the first collection after the
imports would scan every object they made. ``benchmarks/bench_tricks.py`` measures both.
"""

from __future__ import annotations

import gc


def main() -> None:
    """Run the ``vngkb`` command line (:func:`vngkb.cli.commands.main`)."""
    gc.disable()
    try:
        from vngkb.cli.commands import main as command_line
    finally:
        gc.freeze()
        gc.enable()
    command_line()


if __name__ == "__main__":
    main()
