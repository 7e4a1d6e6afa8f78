"""The accres and BCF model: every figure of Tabel 1-3 as a named quantity, computed
from the published inputs in ``kb/accres.ttl``, with what-if overrides by name.

The specification (figure names, relations, units and the accepted range of every
override, :data:`RANGES`) is in docs/finance.md.

>>> result = compute()
>>> result["reeel-accrespercentage.septembercirculaire-2019.2020"]
Decimal('2.60')
>>> what_if = compute({"inflatiecorrectie.septembercirculaire-2019.2020": Decimal("2.15")})
>>> what_if["reeel-accrespercentage.septembercirculaire-2019.2020"]
Decimal('2.50')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal, NamedTuple

from vngkb.core.errors import FinanceError, MissingInputError, shorten
from vngkb.finance.published import Observation, PublishedData, load
from vngkb.i18n import did_you_mean, t

CIRCULAIRES = ("meicirculaire-2019", "septembercirculaire-2019")
BRONNEN = ("cep-2019", "mev-2020")
MEI, SEPT = CIRCULAIRES
CEP, MEV = BRONNEN
#: The heading of Tabel 3 (BCF), its series in the KB.
MILJOENENNOTA = "miljoenennota-2020"

#: Overrides: a Decimal, an int, or a string such as ``"2.15"`` or ``"2,15"``.
OverrideValue = Decimal | int | str
Overrides = Mapping[str, OverrideValue]


@dataclass(frozen=True)
class Quantity:
    """What a quantity name may take: its series, whether it has a year, its unit, and
    the precision of a computed figure that has no printed counterpart."""

    slug: str
    unit: Literal["EUR", "%"]
    series: tuple[str, ...] = ()
    yearly: bool = True
    decimals: int = 2
    #: 1 when the quantity starts in the second year (it needs the previous year).
    from_second_year: bool = False


_QUANTITY_LIST = (
    Quantity("nominaal-accres", "EUR", CIRCULAIRES, decimals=-3),
    Quantity("accrespercentage", "%", CIRCULAIRES),
    Quantity("loonindex", "%", BRONNEN),
    Quantity("materieelindex", "%", BRONNEN),
    Quantity("inflatiecorrectie", "%", CIRCULAIRES + BRONNEN),
    Quantity("reeel-accrespercentage", "%", CIRCULAIRES),
    Quantity("reeel-accres", "EUR", CIRCULAIRES, decimals=-3),
    Quantity("opschalingskorting", "EUR", decimals=-3),
    Quantity("werkelijk-volume-accres", "EUR", CIRCULAIRES, decimals=-3),
    Quantity("volume-accrespercentage", "%", CIRCULAIRES),
    Quantity("gemiddeld-volume-accrespercentage", "%", CIRCULAIRES, yearly=False),
    Quantity("bijstelling-nominaal-accres", "EUR", decimals=-3),
    Quantity("bijstelling-accrespercentage", "%"),
    Quantity("doorwerking-bijstelling-vorig-jaar", "EUR", decimals=-3, from_second_year=True),
    Quantity("loongevoeligheid", "%", yearly=False, decimals=0),
    Quantity("prijsgevoeligheid", "%", yearly=False, decimals=0),
    Quantity("plafond-bcf", "EUR", decimals=-3),
    Quantity("groei-plafond-bcf", "%", from_second_year=True),
    Quantity("declaraties-bcf", "EUR", decimals=-3),
    Quantity("groei-declaraties", "%", yearly=False, decimals=0),
    Quantity("vrijval-gf-pf", "EUR", decimals=-3),
    Quantity("verdeelsleutel-gemeenten", "%", yearly=False, decimals=4),
    Quantity("aandeel-gemeenten", "EUR", decimals=-3),
    Quantity("advies-vrijval-gemeenten", "EUR", yearly=False, decimals=-5),
)
QUANTITIES: dict[str, Quantity] = {q.slug: q for q in _QUANTITY_LIST}


class Key(NamedTuple):
    """A parsed figure name."""

    quantity: str
    series: str | None
    year: int | None


def name(quantity: str, series: str | None = None, year: int | None = None) -> str:
    """The name of a figure.

    >>> name("reeel-accres", "septembercirculaire-2019", 2020)
    'reeel-accres.septembercirculaire-2019.2020'
    >>> name("groei-declaraties")
    'groei-declaraties'
    """
    return ".".join([quantity] + ([series] if series else []) + ([str(year)] if year else []))


def round_to(value: Decimal, decimals: int) -> Decimal:
    """*value* rounded half up (away from zero) to *decimals* places; negative *decimals*
    round to tens, hundreds, thousands, ...

    >>> round_to(Decimal("942710308.2"), -3)
    Decimal('942710000')
    >>> round_to(Decimal("3.7695"), 2)
    Decimal('3.77')
    >>> round_to(Decimal("-218343000"), -5)
    Decimal('-218300000')
    """
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return Decimal(int(rounded)) if decimals <= 0 else rounded


def index_source(circulaire: str, year: int, first_year: int) -> str:
    """The CPB forecast whose price indices a circulaire applies in *year*.

    >>> index_source("septembercirculaire-2019", 2019, 2019)
    'cep-2019'
    >>> index_source("septembercirculaire-2019", 2020, 2019)
    'mev-2020'
    """
    if circulaire == SEPT and year > first_year:
        return MEV
    return CEP


def _years_of(quantity: Quantity, years: tuple[int, ...]) -> tuple[int, ...]:
    return years[1:] if quantity.from_second_year else years


def all_names(years: tuple[int, ...]) -> list[str]:
    """Every canonical figure name for the table *years*, in table order."""
    names: list[str] = []
    for quantity in _QUANTITY_LIST:
        for series in quantity.series or (None,):
            if quantity.yearly:
                names.extend(name(quantity.slug, series, y) for y in _years_of(quantity, years))
            else:
                names.append(name(quantity.slug, series))
    return names


def parse_name(text: str, years: tuple[int, ...]) -> tuple[Key, bool]:
    """The key of a figure name and whether it is a shorthand (series left out).

    Raises :class:`FinanceError` naming the input when it is not a figure of the model.
    """
    parts = text.strip().split(".")
    quantity = QUANTITIES.get(parts[0])
    if quantity is None:
        close = did_you_mean(parts[0], list(QUANTITIES))  # it reads at most 200 characters
        raise FinanceError(t("fin_unknown", text=shorten(text), quantity=shorten(parts[0]),
                             hint=f"; {close}" if close else ""))
    rest = parts[1:]
    year: int | None = None
    if rest and _YEAR.fullmatch(rest[-1]):
        year = int(rest.pop())
    elif rest and _looks_numeric(rest[-1]):
        # str.isdigit() and int() accept superscript, Arabic-Indic and full-width digits.
        raise FinanceError(t("fin_year_ascii", text=shorten(text)))
    series = rest.pop(0) if rest else None
    if rest:
        raise FinanceError(t("fin_form", text=shorten(text)))
    if series is not None and series not in quantity.series:
        allowed = ", ".join(quantity.series) or t("fin_none")
        raise FinanceError(t("fin_series", text=shorten(text), series=shorten(series),
                             quantity=quantity.slug, allowed=allowed))
    if quantity.yearly:
        if year is None:
            raise FinanceError(t("fin_needs_year", text=shorten(text),
                                 example=name(quantity.slug, series, years[-1])))
        valid = _years_of(quantity, years)
        if year not in valid:
            raise FinanceError(t("fin_year_outside", text=shorten(text), year=year,
                                 first=valid[0], last=valid[-1]))
    elif year is not None:
        raise FinanceError(t("fin_no_year", text=shorten(text), quantity=quantity.slug))
    shorthand = series is None and bool(quantity.series)
    return Key(quantity.slug, series, year), shorthand


def to_decimal(label: str, raw: object) -> Decimal:
    """A finite Decimal from an override value; floats are refused (money is exact).

    >>> to_decimal("x", "2,15")
    Decimal('2.15')
    >>> to_decimal("x", "1e400")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vngkb.core.errors.FinanceError: financiële invoer 'x': '1e400' is geen gewoon decimaal getal ...
    """
    if isinstance(raw, (bool, float)):
        kind = "float" if isinstance(raw, float) else "boolean"
        raise FinanceError(t("fin_float", label=shorten(label), raw=shorten(raw), kind=kind))
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        if abs(raw) > _LARGEST:
            raise FinanceError(t("fin_too_large", label=shorten(label), raw=shorten(raw)))
        value = Decimal(raw)
    elif isinstance(raw, str):
        text = raw.strip()
        if not text:
            raise FinanceError(t("fin_empty", label=shorten(label)))
        if not _NUMBER.fullmatch(text):
            raise FinanceError(t("fin_not_plain", label=shorten(label), raw=shorten(raw)))
        value = Decimal(text.replace(",", "."))
    else:
        raise FinanceError(t("fin_not_number", label=shorten(label), raw=shorten(raw)))
    if not value.is_finite():
        raise FinanceError(t("fin_not_finite", label=shorten(label), raw=shorten(raw)))
    if abs(value) > _LARGEST:
        raise FinanceError(t("fin_too_large", label=shorten(label), raw=shorten(raw)))
    return value


def _looks_numeric(text: str) -> bool:
    """Whether *text* is made of digits of any script (which are not years unless ASCII)."""
    # unicodedata.numeric covers every character str.isdigit() and str.isdecimal() accept.
    return bool(text) and all(unicodedata.numeric(c, -1) != -1 for c in text)


#: A plain decimal number in ASCII (``re.ASCII``: ``\d`` would match any script): at most
#: 15 digits before the decimal mark and 6 after it, so at most 23 characters.
_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,15}(?:[.,][0-9]{1,6})?|[.,][0-9]{1,6})", re.ASCII)
_YEAR = re.compile(r"[0-9]{4}", re.ASCII)
_LARGEST = Decimal(10) ** 15

_EUR_LIMIT = Decimal(100_000_000_000)
_HUNDRED = Decimal(100)


class Range(NamedTuple):
    """The plausible values of a quantity: *low* to *high* inclusive, and whether 0 is
    refused (the model divides by it)."""

    low: Decimal
    high: Decimal
    nonzero: bool = False

    def text(self) -> str:
        """The range in words, in the current language, e.g. ``-100 tot 100, niet 0``."""
        return (t("fin_range", low=self.low, high=self.high)
                + (t("fin_not_zero") if self.nonzero else ""))


def range_of(slug: str) -> Range:
    """The plausible values of the quantity *slug* (see "Accepted values" above).

    >>> range_of("plafond-bcf")
    Range(low=Decimal('0'), high=Decimal('100000000000'), nonzero=True)
    """
    if QUANTITIES[slug].unit == "EUR":
        low = Decimal(0) if slug in ("plafond-bcf", "declaraties-bcf") else -_EUR_LIMIT
        return Range(low, _EUR_LIMIT, nonzero=slug == "plafond-bcf")
    if slug == "accrespercentage":
        return Range(-_HUNDRED, _HUNDRED, nonzero=True)
    if slug in ("loonindex", "materieelindex", "inflatiecorrectie"):
        return Range(Decimal(-10), _HUNDRED)
    if slug in ("loongevoeligheid", "prijsgevoeligheid", "verdeelsleutel-gemeenten"):
        return Range(Decimal(0), _HUNDRED)
    return Range(-_HUNDRED, _HUNDRED)


def check_range(label: str, quantity: str, value: Decimal) -> Decimal:
    """*value* when it is in the plausible range of *quantity*, else a FinanceError.

    >>> check_range("accrespercentage.meicirculaire-2019.2020", "accrespercentage",
    ...             Decimal(0))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vngkb.core.errors.FinanceError: financiële invoer '...': 0 ligt buiten -100 tot 100, niet 0 ...
    """
    allowed = range_of(quantity)
    unit = t("fin_unit_euro" if QUANTITIES[quantity].unit == "EUR" else "fin_unit_percent")
    outside = t("fin_outside", label=shorten(label), value=value, range=allowed.text(),
                unit=unit)
    if allowed.nonzero and value == 0:
        raise FinanceError(t("fin_divides", message=outside))
    if not allowed.low <= value <= allowed.high:
        raise FinanceError(outside)
    return value


def name_of(obs: Observation, years: tuple[int, ...]) -> str | None:
    """The model name of a published figure, or None if the model has no such figure
    (e.g. the 2018 BCF release)."""
    quantity = QUANTITIES.get(obs.quantity)
    if quantity is None:
        return None
    series = obs.circulaire if quantity.series else None
    if series is not None and series not in quantity.series:
        return None
    year = obs.year if quantity.yearly else None
    if year is not None and year not in _years_of(quantity, years):
        return None
    return name(quantity.slug, series, year)


#: The plausible values of each quantity (see "Accepted values" above).
RANGES: dict[str, Range] = {q.slug: range_of(q.slug) for q in _QUANTITY_LIST}


@dataclass(frozen=True)
class Model:
    """The published inputs indexed by name: the data every computation starts from."""

    data: PublishedData
    years: tuple[int, ...]
    #: For each name, the published figure that is its source: the table cell, or the
    #: text figure where no table prints it.
    sources: Mapping[str, Observation]
    #: All published figures by name (table cells and text figures).
    printed: Mapping[str, tuple[Observation, ...]]

    @classmethod
    def from_data(cls, data: PublishedData) -> Model:
        """Index *data* by figure name."""
        years = data.years
        if not years:
            raise FinanceError(t("fin_no_table_1"))
        printed: dict[str, list[Observation]] = {}
        for obs in data.observations:
            key = name_of(obs, years)
            if key is not None:
                printed.setdefault(key, []).append(obs)
        sources = {key: min(found, key=lambda o: (not o.in_table, o.first_line))
                   for key, found in printed.items()}
        return cls(data, years, sources, {k: tuple(v) for k, v in printed.items()})

    def names(self) -> list[str]:
        """Every canonical figure name."""
        return all_names(self.years)

    def normalise(self, overrides: Overrides | None) -> dict[str, Decimal]:
        """Overrides by canonical name; a shorthand applies to every series, and a
        canonical name given as well wins."""
        result: dict[str, Decimal] = {}
        exact: dict[str, Decimal] = {}
        for text, raw in (overrides or {}).items():
            if not isinstance(text, str):
                raise FinanceError(t("fin_names_are_strings", text=shorten(text)))
            key, shorthand = parse_name(text, self.years)
            value = check_range(text, key.quantity, to_decimal(text, raw))
            if shorthand:
                for series in QUANTITIES[key.quantity].series:
                    result[name(key.quantity, series, key.year)] = value
            else:
                exact[name(*key)] = value
        result.update(exact)
        return result


@dataclass
class Engine:
    """Evaluates figures lazily, each once, recording what each was computed from."""

    model: Model
    overrides: Mapping[str, Decimal] = field(default_factory=dict)
    values: dict[str, Decimal] = field(default_factory=dict)
    deps: dict[str, frozenset[str]] = field(default_factory=dict)
    _stack: list[set[str]] = field(default_factory=list)

    def get(self, key: str) -> Decimal:
        """The value of figure *key*: its override, else its rule, else its published input."""
        if self._stack:
            self._stack[-1].add(key)
        if key not in self.values:
            if key in self.overrides:
                self.values[key] = self.overrides[key]
                self.deps[key] = frozenset()
            else:
                self.values[key] = self.evaluate(key)
        return self.values[key]

    def evaluate(self, key: str) -> Decimal:
        """The value of *key* by its rule (or published input), ignoring an override of
        *key* itself (but not of what it is computed from)."""
        self._stack.append(set())
        try:
            value = _rule(self, parse_name(key, self.model.years)[0])
            if value is None:
                value = self._published(key)
        finally:
            self.deps[key] = frozenset(self._stack.pop())
        return value

    def has_rule(self, key: str) -> bool:
        """Whether *key* is computed (rather than a published input)."""
        return _has_rule(parse_name(key, self.model.years)[0], self.model.years)

    def _published(self, key: str) -> Decimal:
        obs = self.model.sources.get(key)
        if obs is None:
            raise MissingInputError(t("fin_no_published", figure=key), key)
        return obs.value


def _has_rule(key: Key, years: tuple[int, ...]) -> bool:
    quantity, _, year = key
    if quantity == "declaraties-bcf":
        return year != years[0]
    return quantity not in _INPUTS


#: Quantities that are always published inputs.
_INPUTS = frozenset({"nominaal-accres", "accrespercentage", "loonindex", "materieelindex",
                     "opschalingskorting", "loongevoeligheid", "prijsgevoeligheid", "plafond-bcf",
                     "groei-declaraties"})


def _rule(e: Engine, key: Key) -> Decimal | None:
    """The relation that computes *key*, or None for a published input."""
    q, s, y = key
    years = e.model.years
    if not _has_rule(key, years):
        return None
    hundred = Decimal(100)
    if q == "inflatiecorrectie":
        assert s is not None
        assert y is not None
        if s in BRONNEN:
            return (e.get("loongevoeligheid") * e.get(name("loonindex", s, y))
                    + e.get("prijsgevoeligheid") * e.get(name("materieelindex", s, y))) / hundred
        return e.get(name(q, index_source(s, y, years[0]), y))
    if q == "reeel-accrespercentage":
        return e.get(name("accrespercentage", s, y)) - e.get(name("inflatiecorrectie", s, y))
    if q == "reeel-accres":
        return (e.get(name("nominaal-accres", s, y)) * e.get(name("reeel-accrespercentage", s, y))
                / e.get(name("accrespercentage", s, y)))
    if q == "werkelijk-volume-accres":
        return e.get(name("reeel-accres", s, y)) - e.get(name("opschalingskorting", None, y))
    if q == "volume-accrespercentage":
        base = e.get(name("nominaal-accres", s, y)) / e.get(name("accrespercentage", s, y))
        return e.get(name("werkelijk-volume-accres", s, y)) / base
    if q == "gemiddeld-volume-accrespercentage":
        total = sum((e.get(name("volume-accrespercentage", s, year)) for year in years),
                    Decimal(0))
        return total / len(years)
    if q == "bijstelling-nominaal-accres":
        return e.get(name("nominaal-accres", SEPT, y)) - e.get(name("nominaal-accres", MEI, y))
    if q == "bijstelling-accrespercentage":
        return e.get(name("accrespercentage", SEPT, y)) - e.get(name("accrespercentage", MEI, y))
    if q == "doorwerking-bijstelling-vorig-jaar":
        assert y is not None
        return -e.get(name("bijstelling-nominaal-accres", None, y - 1))
    if q == "groei-plafond-bcf":
        assert y is not None
        return (e.get(name("plafond-bcf", None, y)) / e.get(name("plafond-bcf", None, y - 1))
                - 1) * hundred
    if q == "declaraties-bcf":
        # Compounded from the first-year estimate (line 193: "groei aan declaraties met 4%
        # per jaar"), not from the rounded cells of the years between.
        assert y is not None
        growth = 1 + e.get("groei-declaraties") / hundred
        return e.get(name(q, None, years[0])) * growth ** (y - years[0])
    if q == "vrijval-gf-pf":
        return e.get(name("plafond-bcf", None, y)) - e.get(name("declaraties-bcf", None, y))
    if q == "verdeelsleutel-gemeenten":
        return _verdeelsleutel(e)
    if q == "aandeel-gemeenten":
        return e.get(name("vrijval-gf-pf", None, y)) * e.get("verdeelsleutel-gemeenten") / hundred
    assert q == "advies-vrijval-gemeenten"  # the last quantity with a rule
    return e.get(name("aandeel-gemeenten", None, years[0]))


def _verdeelsleutel(e: Engine) -> Decimal:
    """The municipal share of the BCF release, in percent. Not printed: derived from the
    Tabel 3 cells of the first year (aandeel gemeenten / vrijval aan GF en PF), which
    reproduce every later year; the rounded text figures (80,8 / 91,9) do not."""
    first = e.model.years[0]
    share = e.model.data.find("aandeel-gemeenten", MILJOENENNOTA, first)
    release = e.model.data.find("vrijval-gf-pf", MILJOENENNOTA, first)
    if share is None or release is None:
        raise FinanceError(t("fin_no_table_3", year=first))
    return share.value / release.value * Decimal(100)


def verdeelsleutel_sources(model: Model) -> tuple[Observation, ...]:
    """The published figures the municipal key is derived from."""
    first = model.years[0]
    found = (model.data.find("aandeel-gemeenten", MILJOENENNOTA, first),
             model.data.find("vrijval-gf-pf", MILJOENENNOTA, first))
    return tuple(o for o in found if o is not None)


@dataclass(frozen=True)
class Result:
    """Every figure of the model, by name, with the published figures it derives from."""

    values: Mapping[str, Decimal]
    overrides: Mapping[str, Decimal]
    #: For each name, the IRIs of the published input figures it was computed from
    #: (none for an overridden figure).
    derived_from: Mapping[str, tuple[str, ...]]
    computed: frozenset[str]
    years: tuple[int, ...]

    def __getitem__(self, key: str) -> Decimal:
        try:
            return self.values[key]
        except KeyError:
            raise FinanceError(t("fin_unknown_figure", figure=key)) from None

    def value(self, quantity: str, series: str | None = None, year: int | None = None) -> Decimal:
        """The figure with these parts of its name."""
        return self[name(quantity, series, year)]

    def series(self, quantity: str, series: str | None = None) -> dict[int, Decimal]:
        """A yearly quantity as ``{year: value}``."""
        spec = QUANTITIES[quantity]
        return {y: self.value(quantity, series, y) for y in _years_of(spec, self.years)}


def models(kb_file: Path | None = None) -> bool:
    """Whether the model applies to the letter of *kb_file*: its Tabel 1 has the
    circulaires the model's relations are written for (:data:`CIRCULAIRES`, those of
    the ledenbrief on the Miljoenennota 2020). Other letters' figures are published
    figures without computed ones (docs/letters.md)."""
    data = load(kb_file)
    return {o.circulaire for o in data.observations if o.dataset == "accres-tabel-1"} == set(
        CIRCULAIRES)


def model(kb_file: Path | None = None) -> Model:
    """The model of the published figures in *kb_file* (default ``kb/accres.ttl``)."""
    return Model.from_data(load(kb_file))


def input_names(kb_file: Path | None = None, *, shorthand: bool = True) -> list[str]:
    """Every name :func:`compute` accepts as an override, canonical names first in table
    order, then (with *shorthand*) the forms without series."""
    m = model(kb_file)
    names = m.names()
    if shorthand:
        for quantity in _QUANTITY_LIST:
            if quantity.series and quantity.yearly:
                names.extend(name(quantity.slug, None, y) for y in _years_of(quantity, m.years))
            elif quantity.series:
                names.append(quantity.slug)
    return names


def published_values(kb_file: Path | None = None) -> dict[str, Decimal]:
    """The printed value of every figure the tables (or, failing those, the text) print,
    by name; usable as overrides, e.g. to compute with the printed inflation correction."""
    return {key: obs.value for key, obs in model(kb_file).sources.items()}


def run(m: Model, overrides: Mapping[str, Decimal]) -> Engine:
    """Evaluate every figure of *m* with canonical *overrides*."""
    engine = Engine(m, overrides)
    for key in m.names():
        engine.get(key)
    return engine


def compute(overrides: Overrides | None = None, *, kb_file: Path | None = None) -> Result:
    """Compute every figure from the published inputs, with what-if *overrides* by name
    (see the module docstring for names); an unknown name, a value that is not a number
    or a year outside the tables raises :class:`~vngkb.core.errors.FinanceError`."""
    m = model(kb_file)
    canonical = m.normalise(overrides)
    engine = run(m, canonical)
    derived: dict[str, tuple[str, ...]] = {}

    def sources(key: str) -> tuple[str, ...]:
        if key not in derived:
            if key in canonical:
                found: Iterable[str] = ()
            elif key == "verdeelsleutel-gemeenten":
                found = (o.iri for o in verdeelsleutel_sources(m))
            elif not engine.has_rule(key):
                found = (m.sources[key].iri,)
            else:
                # Every evaluated figure has its dependencies recorded.
                found = (iri for dep in engine.deps[key] for iri in sources(dep))
            derived[key] = tuple(sorted(set(found)))
        return derived[key]

    for key in engine.values:
        sources(key)
    computed = frozenset(k for k in engine.values if k not in canonical and engine.has_rule(k))
    return Result(dict(engine.values), canonical, derived, computed, m.years)
