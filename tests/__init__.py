"""The tests of vngkb; :data:`DATA` is the folder of their fixtures."""

from pathlib import Path

#: The test fixtures (KB files, letters, expected reports).
DATA = Path(__file__).parent / "data"
