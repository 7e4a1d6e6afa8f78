"""The accres figures several test files expect: the printed figures the audit must report,
the rows of the full chain that differ from the printed tables, and the accres KB file as
an rdflib graph (with the letter's declaration and the ontology) for pySHACL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import rdflib

from vngkb.finance.model import CIRCULAIRES
from vngkb.finance.published import DEFAULT_KB_FILE, DEFAULT_ONTOLOGY_FILE

SHAPES = Path(__file__).resolve().parents[1] / "ontology" / "shapes-accres.ttl"
MEI, SEPT = CIRCULAIRES
D = Decimal

#: The printed figures that do not follow from the other printed figures: the audit
#: must report exactly these, (recomputed at the printed precision, printed).
EXPECTED_DISCREPANCIES = {
    # Tabel 2: 0,5 × 2,20% + 0,5 × 1,70% = 1,95%, printed 1,85% (CEP 2019 and MEV 2020);
    # the 2024 reëel accrespercentages are computed with the printed 1,85%.
    "inflatiecorrectie.cep-2019.2024": (D("1.95"), D("1.85")),
    "inflatiecorrectie.mev-2020.2024": (D("1.95"), D("1.85")),
    # Assumed relation: the BCF ceiling grows by the septembercirculaire accrespercentage
    # (3.671.278 / 3.519.703 = +4,31%, not 4,65%; then 3,28% vs 3,30%, 3,02% vs 3,03%).
    "groei-plafond-bcf.2020": (D("4.31"), D("4.65")),
    "groei-plafond-bcf.2021": (D("3.28"), D("3.30")),
    "groei-plafond-bcf.2022": (D("3.02"), D("3.03")),
}

#: Rows of the full chain (inputs -> every figure) that differ from the printed table:
#: the 2024 inflatiecorrectie computed from the indices, and what follows from it.
EXPECTED_CHAIN_DIFFERENCES = {
    (1, MEI, "inflatiecorrectie", 2024): D("0.10"),
    (1, MEI, "reeel-accrespercentage", 2024): D("-0.10"),
    (1, MEI, "reeel-accres", 2024): D("-29087000"),  # 415.937 vs 445.024
    (1, SEPT, "inflatiecorrectie", 2024): D("0.10"),
    (1, SEPT, "reeel-accrespercentage", 2024): D("-0.10"),
    (1, SEPT, "reeel-accres", 2024): D("-29471000"),  # 430.274 vs 459.745
    (1, SEPT, "werkelijk-volume-accres", 2024): D("-29471000"),
    (1, SEPT, "volume-accrespercentage", 2024): D("-0.10"),  # 1,00% vs 1,10%
    (2, "cep-2019", "inflatiecorrectie", 2024): D("0.10"),
    (2, "mev-2020", "inflatiecorrectie", 2024): D("0.10"),
}


def kb_graph(*extra: Path) -> rdflib.Graph:
    # the letter's own declaration too: the shapes hold each figure's source to be a
    # def:Brondocument (pySHACL alone, without vngkb's per-letter filling-in)
    graph = rdflib.Graph()
    for path in (DEFAULT_KB_FILE, DEFAULT_KB_FILE.with_name("brief.ttl"),
                 DEFAULT_ONTOLOGY_FILE, *extra):
        graph.parse(path, format="turtle")
    return graph
