"""The accres of the algemene uitkering and the BTW-compensatiefonds (Tabel 1-3 of the
letter): recompute the printed figures from the published inputs in ``kb/accres.ttl``,
try what-ifs, audit the letter's arithmetic, export the computed figures as RDF, plot.

Names of figures and inputs are ``<quantity>[.<series>][.<year>]``; see
:mod:`vngkb.finance.model` for the scheme and the relations.

>>> [d.check for d in audit()]  # doctest: +NORMALIZE_WHITESPACE
['inflatiecorrectie.cep-2019.2024', 'inflatiecorrectie.mev-2020.2024',
 'groei-plafond-bcf.2020', 'groei-plafond-bcf.2021', 'groei-plafond-bcf.2022']
"""

from __future__ import annotations

from vngkb.finance.audit import (
    AUDIT_COLUMNS,
    ROW_COLUMNS,
    Check,
    Discrepancy,
    Row,
    Unchecked,
    accres_rows,
    audit,
    audit_checks,
    not_reproduced,
    not_reproduced_count,
    rows,
    unchecked,
)
from vngkb.finance.model import (
    Result,
    compute,
    input_names,
    models,
    name,
    published_values,
    round_to,
)
from vngkb.finance.plot import plot
from vngkb.finance.rdf import computed_turtle

__all__ = [
    "AUDIT_COLUMNS",
    "ROW_COLUMNS",
    "Check",
    "Discrepancy",
    "Result",
    "Row",
    "Unchecked",
    "accres_rows",
    "audit",
    "audit_checks",
    "compute",
    "computed_turtle",
    "input_names",
    "models",
    "name",
    "not_reproduced",
    "not_reproduced_count",
    "plot",
    "published_values",
    "round_to",
    "rows",
    "unchecked",
]
