"""Published beside computed figures, and the audit of the letter's arithmetic.

The audit recomputes every figure the letter prints that follows from other printed
figures, each from the *printed* figures it depends on (so that one misprint shows up
once, not again in everything computed from it), and compares at the printed precision
(thousands of euros in the tables, 0,01% for percentages, € 0,1 miljoen for
"€ 218,3 miljoen", 0,1% for "gemiddeld 1,6%", ...). A figure repeated in the text is
compared with the table cell it repeats.

:func:`rows` instead follows the whole chain from the published inputs, so a misprinted
input shows up in every figure computed from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from vngkb.core.errors import MissingInputError
from vngkb.finance.model import (
    BRONNEN,
    CIRCULAIRES,
    MILJOENENNOTA,
    QUANTITIES,
    SEPT,
    Engine,
    Model,
    Overrides,
    compute,
    index_source,
    model,
    name,
    name_of,
    round_to,
)
from vngkb.finance.published import Observation
from vngkb.i18n import t

ROW_COLUMNS = ("circulaire", "year", "quantity", "published", "computed", "difference")

_TABLE_QUANTITIES: dict[int, tuple[str, ...]] = {
    1: ("nominaal-accres", "accrespercentage", "inflatiecorrectie", "reeel-accrespercentage",
        "reeel-accres", "opschalingskorting", "werkelijk-volume-accres",
        "volume-accrespercentage"),
    2: ("loonindex", "materieelindex", "inflatiecorrectie"),
    3: ("plafond-bcf", "groei-plafond-bcf", "declaraties-bcf", "vrijval-gf-pf",
        "aandeel-gemeenten"),
}
_TABLE_SERIES: dict[int, tuple[str, ...]] = {1: CIRCULAIRES, 2: BRONNEN, 3: (MILJOENENNOTA,)}


class Row(NamedTuple):
    """One figure of a table: the printed value (None where the table prints none) and
    the computed one rounded to the printed precision; amounts in euros, percentages in
    percent. ``difference`` is computed − published."""

    circulaire: str
    year: int
    quantity: str
    published: Decimal | None
    computed: Decimal
    difference: Decimal | None


def _table_cell(m: Model, quantity: str, series: str, year: int) -> Observation | None:
    if quantity == "inflatiecorrectie" and series in CIRCULAIRES:
        series = index_source(series, year, m.years[0])
    return m.data.find(quantity, series, year)


def rows(overrides: Overrides | None = None, *, table: int = 1,
         kb_file: Path | None = None) -> list[Row]:
    """Tabel *table* (1: accres per circulaire, 2: price indices, 3: BCF) with every
    figure published and computed, the computed ones from the published inputs and
    *overrides*. Tabel 1 also has the rows the letter leaves out for the meicirculaire
    (inflatiecorrectie, opschalingskorting, volume-accres)."""
    if table not in _TABLE_QUANTITIES:
        from vngkb.core.errors import FinanceError

        raise FinanceError(f"no table {table}: choose 1, 2 or 3")
    m = model(kb_file)
    result = compute(overrides, kb_file=kb_file)
    out: list[Row] = []
    for series in _TABLE_SERIES[table]:
        for quantity in _TABLE_QUANTITIES[table]:
            spec = QUANTITIES[quantity]
            key_series = series if series in spec.series else None
            for year, value in result.series(quantity, key_series).items():
                cell = _table_cell(m, quantity, series, year)
                computed = round_to(value, cell.decimals if cell else spec.decimals)
                published = cell.value if cell else None
                difference = None if published is None else computed - published
                out.append(Row(series, year, quantity, published, computed, difference))
    return out


def accres_rows(overrides: Overrides | None = None, *, kb_file: Path | None = None) -> list[Row]:
    """Tabel 1 for both circulaires: see :func:`rows`."""
    return rows(overrides, kb_file=kb_file)


# --- Audit -------------------------------------------------------------------------

AUDIT_COLUMNS = ("check", "what", "where", "expected", "printed", "difference", "unit", "note")


@dataclass(frozen=True)
class Check:
    """One printed figure recomputed from other printed figures.

    ``expected`` is the recomputed value rounded to the printed precision, ``printed``
    the value as printed (both in euros or percent, see ``unit``). ``assumed`` marks a
    relation the letter does not state (explained in ``note``)."""

    check: str
    what: str
    where: str
    expected: Decimal
    printed: Decimal
    unit: str
    observation: str
    assumed: bool = False
    note: str = ""

    @property
    def ok(self) -> bool:
        """Whether the printed figure is reproduced."""
        return self.expected == self.printed

    @property
    def difference(self) -> Decimal:
        """Expected minus printed."""
        return self.expected - self.printed

    def row(self) -> tuple[str, str, str, Decimal, Decimal, Decimal, str, str]:
        """The check as a row of :data:`AUDIT_COLUMNS`."""
        return (self.check, self.what, self.where, self.expected, self.printed,
                self.difference, self.unit, self.note)


#: A check that fails.
Discrepancy = Check


def _where(m: Model, obs: Observation) -> str:
    if obs.in_table:
        table = m.data.label(obs.dataset).partition(".")[0]
        return t("audit_where_cell", table=table, series=m.data.label(obs.circulaire),
                 row=obs.row, year=obs.year, lines=_lines(obs))
    return t("audit_where_text", lines=_lines(obs), quote=obs.quote)


def _lines(obs: Observation) -> str:
    """``regel 81`` or ``regels 180-181`` (``line``/``lines`` in English)."""
    if obs.first_line == obs.last_line:
        return t("audit_line_one", line=obs.first_line)
    return t("audit_lines", first=obs.first_line, last=obs.last_line)


def _what(m: Model, key: str, obs: Observation, restated: bool) -> str:
    label = m.data.label
    if restated:
        source = m.sources[key]
        return t("audit_restated", quantity=label(obs.quantity), year=obs.year,
                 where=_where(m, source).split(" (")[0])
    q, first, last = obs.quantity, m.years[0], m.years[-1]
    formulas = {
        "inflatiecorrectie": "inflatiecorrectie = loongevoeligheid × a + prijsgevoeligheid × b "
                             "(0,5 × a + 0,5 × b)",
        "reeel-accrespercentage": "reëel accrespercentage = accrespercentage − inflatiecorrectie "
                                  f"({label(index_source(obs.circulaire, obs.year, first))})",
        "reeel-accres": "reëel accres = nominaal accres × reëel accrespercentage / "
                        "accrespercentage",
        "werkelijk-volume-accres": "werkelijk volume-accres = reëel accres − opschalingskorting",
        "volume-accrespercentage": "volume-accres in % = werkelijk volume-accres × "
                                   "accrespercentage / nominaal accres",
        "gemiddeld-volume-accrespercentage": f"gemiddelde van volume-accres in % {first}-{last}",
        "bijstelling-nominaal-accres": f"nominaal accres {obs.year}: septembercirculaire − "
                                       "meicirculaire",
        "bijstelling-accrespercentage": f"accrespercentage {obs.year}: septembercirculaire − "
                                        "meicirculaire (procentpunt)",
        "doorwerking-bijstelling-vorig-jaar": f"deel van de toename {obs.year} door de lagere "
                                              f"raming {obs.year - 1} = −bijstelling "
                                              f"{obs.year - 1}",
        "declaraties-bcf": f"declaraties = declaraties {first} × (1 + groei declaraties)"
                           f"^{obs.year - first}",
        "vrijval-gf-pf": "vrijval aan GF en PF = plafond BCF − declaraties",
        "aandeel-gemeenten": f"aandeel gemeenten = vrijval × verdeelsleutel (aandeel / vrijval "
                             f"{first}, Tabel 3)",
        "advies-vrijval-gemeenten": f"maximale vrijval per jaar = aandeel gemeenten {first}",
    }
    return formulas.get(q, t("audit_computed", quantity=label(q)))


def _printed_engine(m: Model) -> Engine:
    """An engine in which every computed figure a table prints takes its printed value,
    so that each check uses the printed figures it depends on."""
    probe = Engine(m)
    printed = {key: obs.value for key, obs in m.sources.items()
               if obs.in_table and probe.has_rule(key)}
    return Engine(m, printed)


def _definitional(m: Model) -> set[str]:
    """Figures the model derives its unprinted parameters from, which therefore
    reproduce by construction: the first-year municipal share (source of the key)."""
    return {name("aandeel-gemeenten", None, m.years[0])}


def reproducible(m: Model) -> list[tuple[Observation, str, bool]]:
    """Every published figure the model computes or that repeats a table cell:
    ``(figure, name, is_restatement)``, in source order."""
    probe = Engine(m)
    definitional = _definitional(m)
    found: list[tuple[Observation, str, bool]] = []
    for obs in sorted(m.data.observations, key=lambda o: (o.first_line, o.year, o.quote)):
        key = name_of(obs, m.years)
        if key is None:
            continue
        if probe.has_rule(key):
            if obs.in_table and key in definitional:
                continue
            found.append((obs, key, False))
        elif obs is not m.sources[key]:
            found.append((obs, key, True))
    return found


@dataclass(frozen=True)
class Unchecked:
    """A printed figure the audit cannot recompute: an input it needs is not among the
    letter's published figures (``missing``), as in a draft whose reading missed it."""

    check: str
    where: str
    missing: str


def unchecked(*, kb_file: Path | None = None) -> list[Unchecked]:
    """The printed figures the audit leaves out because an input is missing, each with
    that input; empty for a letter whose figures hold every input."""
    return _audit(kb_file)[1]


def audit_checks(*, kb_file: Path | None = None) -> list[Check]:
    """Every check of the audit, passing or not (without the :func:`unchecked` ones)."""
    return _audit(kb_file)[0]


def _audit(kb_file: Path | None) -> tuple[list[Check], list[Unchecked]]:
    m = model(kb_file)
    engine = _printed_engine(m)
    checks: list[Check] = []
    left_out: list[Unchecked] = []
    for obs, key, restated in reproducible(m):
        # A restatement repeats a published input, which evaluates to its table cell.
        try:
            value = engine.evaluate(key)
        except MissingInputError as missing:
            left_out.append(Unchecked(key, _where(m, obs), missing.figure))
            continue
        checks.append(Check(key, _what(m, key, obs, restated), _where(m, obs),
                            round_to(value, obs.decimals), obs.value, obs.unit, obs.iri))
    checks.extend(_plafond_checks(m, engine))
    return checks, left_out


def _plafond_checks(m: Model, engine: Engine) -> list[Check]:
    """The BCF ceiling against the accres percentage it should grow by.

    The letter says only that the 2019 ceiling is higher 'door het accrespercentage van
    6% in 2019' (line 181); that the later ceilings of the Miljoenennota grow by the
    septembercirculaire's accres percentage is an assumption, compared at the printed
    0,01%."""
    checks: list[Check] = []
    for year in m.years[1:]:
        ceiling = m.data.find("plafond-bcf", MILJOENENNOTA, year)
        previous = m.data.find("plafond-bcf", MILJOENENNOTA, year - 1)
        accres = m.data.find("accrespercentage", SEPT, year)
        if ceiling is None or previous is None or accres is None:
            continue
        growth = engine.get(name("groei-plafond-bcf", None, year))
        checks.append(Check(
            name("groei-plafond-bcf", None, year),
            f"groei plafond BCF {year - 1}-{year} = accrespercentage {year} "
            f"({m.data.label(SEPT)})",
            t("audit_versus", first=_where(m, ceiling).replace(
                t("audit_column", year=year), t("audit_columns", first=year - 1, last=year)),
              second=_where(m, accres)),
            round_to(growth, accres.decimals), accres.value, "%", ceiling.iri, assumed=True,
            note=t("audit_assumed_plafond")))
    return checks


def audit(*, kb_file: Path | None = None) -> list[Discrepancy]:
    """The printed figures that do not follow from the other printed figures."""
    return [check for check in audit_checks(kb_file=kb_file) if not check.ok]


def not_reproduced(*, kb_file: Path | None = None) -> list[Discrepancy]:
    """The printed figures that do not reproduce: the audit's failures of a relation the
    letter states. A failing check of an assumed relation (``assumed``) is shown by the
    audit but is not the letter's error, so it is not one of them."""
    return [check for check in audit(kb_file=kb_file) if not check.assumed]


def not_reproduced_count(*, kb_file: Path | None = None) -> int:
    """How many printed figures do not reproduce (:func:`not_reproduced`): the one number
    ``vngkb audit``, ``vngkb accres`` and the web's accres page show.

    >>> not_reproduced_count()
    2
    """
    return len(not_reproduced(kb_file=kb_file))
