"""A chart of the nominal, real and volume accres per year for both circulaires."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from vngkb.core.errors import FinanceError, shorten
from vngkb.finance.model import CIRCULAIRES, Overrides, compute, model
from vngkb.i18n import current_lang, format_number

#: The plotted quantities with their line styles.
SERIES = (("nominaal-accres", "-"), ("reeel-accres", "--"), ("werkelijk-volume-accres", ":"))
_COLOURS = ("tab:blue", "tab:orange")
_MILLION = Decimal(1_000_000)


def tick(value: float) -> str:
    """An axis value in the notation of the language (``1.200``, ``-0,5``; English
    ``1,200``), as every number for people.

    >>> tick(1200.0), tick(-0.5)
    ('1.200', '-0,5')
    """
    number = Decimal(str(round(value, 2)))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return format_number(number, "en" if current_lang() == "en" else "nl")


def plot(path: Path | str, overrides: Overrides | None = None, *,
         kb_file: Path | None = None, title: str | None = None) -> Path:
    """Draw nominaal, reëel and werkelijk volume-accres per year (in millions of euros)
    for both circulaires to *path* (``.svg`` or ``.png``); return the path.

    Each line has the SVG id ``<quantity>.<circulaire>`` and a legend label naming both.
    The meicirculaire prints no opschalingskorting; its volume-accres uses the
    septembercirculaire's. Needs matplotlib (``pip install -e '.[plot]'``)."""
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png"):
        from vngkb.i18n import t

        raise FinanceError(t("plot_format", path=shorten(str(target)),
                             suffix=shorten(target.suffix)))
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError as error:
        from vngkb.core.errors import MissingExtraError
        from vngkb.i18n import t

        raise MissingExtraError(t("extra_missing", what=t("what_plot"), extra="plot",
                                  module=(error.name or "matplotlib").partition(".")[0])
                                ) from None

    m = model(kb_file)
    result = compute(overrides, kb_file=kb_file)
    figure = Figure(figsize=(9, 5.5), layout="constrained")
    axes = figure.add_subplot()
    for circulaire, colour in zip(CIRCULAIRES, _COLOURS, strict=True):
        for quantity, style in SERIES:
            values = result.series(quantity, circulaire)
            # Floats only for drawing; every figure is computed in Decimal.
            (line,) = axes.plot(list(values), [float(v / _MILLION) for v in values.values()],
                                linestyle=style, marker="o", color=colour,
                                label=f"{m.data.label(quantity)} – {m.data.label(circulaire)}")
            line.set_gid(f"{quantity}.{circulaire}")
    axes.axhline(0, color="grey", linewidth=0.8)
    axes.set_xticks(list(result.years))
    from matplotlib.ticker import FuncFormatter

    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _position: tick(y)))
    axes.set_xlabel("jaar")
    axes.set_ylabel("miljoen euro")
    axes.grid(True, alpha=0.3)
    figure.legend(loc="outside lower center", ncols=2, fontsize="small")
    heading = title or "Accres algemene uitkering: nominaal, reëel en volume"
    if result.overrides:
        assumptions = sorted(result.overrides.items())
        lang = "en" if current_lang() == "en" else "nl"
        heading += "\nwat-als: " + ", ".join(f"{k} = {format_number(Decimal(str(v)), lang)}"
                                             for k, v in assumptions)
    axes.set_title(heading)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "vngkb"}):
            figure.savefig(target, format=fmt, dpi=120,
                           metadata={"Date": None} if fmt == "svg" else None)
    except OSError as error:
        raise FinanceError(f"{target}: cannot write the plot: {error.strerror}") from None
    return target
