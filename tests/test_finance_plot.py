"""vngkb.finance.plot: the accres series as SVG (every series, labelled) and PNG (its
size), other formats refused, and without matplotlib a line saying how to install it."""

from __future__ import annotations

import re
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from vngkb import finance
from vngkb.core.errors import FinanceError, MissingExtraError
from vngkb.finance.model import CIRCULAIRES

MEI, SEPT = CIRCULAIRES


def test_plot_svg_has_every_series(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib not installed (extra 'plot')")
    path = finance.plot(tmp_path / "accres.svg")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    ids = {element.get("id") for element in root.iter()}
    texts = {"".join(element.itertext()) for element in root.iter("{http://www.w3.org/2000/svg}text")}
    for circulaire, label in ((MEI, "Meicirculaire 2019"), (SEPT, "Septembercirculaire 2019")):
        for quantity, quantity_label in (("nominaal-accres", "nominaal accres"),
                                         ("reeel-accres", "reëel accres"),
                                         ("werkelijk-volume-accres", "werkelijk volume-accres")):
            assert f"{quantity}.{circulaire}" in ids
            assert f"{quantity_label} – {label}" in texts
    assert "2024" in texts


def test_plot_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib not installed (extra 'plot')")
    path = finance.plot(tmp_path / "sub" / "accres.png", {"opschalingskorting.2024": 0})
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1080, 660)  # 9 × 5.5 inch at 120 dpi


def test_plot_refuses_other_formats(tmp_path: Path) -> None:
    with pytest.raises(FinanceError, match=r"\.svg of \.png"):
        finance.plot(tmp_path / "accres.pdf")


def test_plot_without_matplotlib_says_how_to_install(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(MissingExtraError, match=re.escape("pip install -e '.[plot]'")):
        finance.plot(tmp_path / "accres.svg")
    assert not (tmp_path / "accres.svg").exists()
