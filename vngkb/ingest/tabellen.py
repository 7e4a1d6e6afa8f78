"""Euro amounts in a table inside a measure: a header of consecutive years over rows of a
label and one figure per year, or rows of a year and its figure. Each printed cell is an
amount of its column's (or row's) year, quoted by its row; the table's lines are kept out
of the prose the other amounts are read from (see :func:`vngkb.ingest.bedragen.read_amounts`),
where a figure would take the year of the next column.

A table is money when a euro sign or a scale word stands in it or in its caption ("x € 1
mln", "bedragen in miljoenen euro"); without one its figures are counts and no amounts.

>>> from vngkb.ingest.woordenschat import woordenschat
>>> lines = ["Extra middelen jeugd (x € 1 mln)", "            2025   2026   2027",
...          "Jeugdzorg     100    150    200", "Korting       -20    -20    -20"]
>>> found, taken = read_tables(lines, 10, frozenset(), woordenschat())
>>> [(str(a.value), a.first_year, a.kind) for a in found]
[('100000000', 2025, 'beschikbaar'), ('150000000', 2026, 'beschikbaar'), \
('200000000', 2027, 'beschikbaar'), ('20000000', 2025, 'korting'), \
('20000000', 2026, 'korting'), ('20000000', 2027, 'korting')]
>>> sorted(taken), found[0].quote
([10, 11, 12, 13], 'Jeugdzorg 100 150 200')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from vngkb.ingest.bedragen import Bedrag, _cues
from vngkb.ingest.woordenschat import Woordenschat

_YEAR = r"(?:199[0-9]|20[0-9][0-9])"
#: A header: a short label, then two or more years, and maybe a column of the total.
_HEADER = re.compile(rf"^(?P<label>\D{{0,60}}?)\s*(?P<years>{_YEAR}(?:\s+{_YEAR})+)"
                     r"(?P<total>\s+(?:totaal|cumulatief))?\s*$", re.IGNORECASE)
_SCALE_WORD = r"mln\.?|mld\.?|mrd\.?|miljoen|miljard"
#: One cell: a figure with an optional sign, euro and scale; "-" or "–" alone is empty.
_CELL = re.compile(rf"(?<!\S)(?P<sign>[-−–]\s?)?(?P<euro>€\s?)?(?P<open>\()?"
                   rf"(?P<num>[0-9]{{1,3}}(?:\.[0-9]{{3}})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?)"
                   rf"(?P<close>\))?(?:\s?(?P<scale>{_SCALE_WORD}))?(?!\S)|(?<!\S)[-–](?!\S)",
                   re.IGNORECASE)
#: The unit a caption or header gives a table's figures: (pattern, factor, words).
_UNITS = (
    (re.compile(r"x\s*€\s*1\s*(?:mld|mrd|miljard)|in\s+(?:€\s*)?(?:mld|mrd|miljarden)\b|"
                r"€\s*(?:mld|mrd)\b", re.IGNORECASE), Decimal(10) ** 9),
    (re.compile(r"x\s*€\s*1\s*(?:mln|miljoen)|in\s+(?:€\s*)?(?:mln|miljoenen)\b|"
                r"€\s*mln\b|miljoenen\s+euro", re.IGNORECASE), Decimal(10) ** 6),
    (re.compile(r"x\s*€\s*1\.000\b|in\s+duizenden|x\s*€\s*1000\b", re.IGNORECASE),
     Decimal(1000)),
)
_SCALES = {"mln": Decimal(10) ** 6, "miljoen": Decimal(10) ** 6, "mld": Decimal(10) ** 9,
           "mrd": Decimal(10) ** 9, "miljard": Decimal(10) ** 9}
_CAPTION_LINES = 3


def _consecutive(years: list[int]) -> bool:
    return all(b == a + 1 for a, b in pairwise(years))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _cells(text: str) -> tuple[str, list[re.Match[str]]] | None:
    """A row's label and cells, if the text after the label is cells only."""
    cells = list(_CELL.finditer(text))
    if not cells:
        return None
    label = text[:cells[0].start()].strip()
    rest = _CELL.sub("", text[cells[0].start():])
    if rest.strip():
        return None
    return label, cells


def _unit(text: str) -> tuple[Decimal, str] | None:
    for pattern, factor in _UNITS:
        m = pattern.search(text)
        if m:
            return factor, m.group(0)
    return None


def _value(cell: re.Match[str], unit: Decimal | None) -> Decimal | None:
    """The cell's euros; None for an empty cell ("-") or a figure without a unit."""
    if cell.group("num") is None:
        return None
    try:
        number = Decimal(cell.group("num").replace(".", "").replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        return None
    scale = cell.group("scale")
    factor = _SCALES[scale.rstrip(".").lower()] if scale else unit
    if factor is None:
        return None
    value = number * factor
    if value <= 0:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def read_tables(lines: Sequence[str], first: int, footers: frozenset[int],
                vocab: Woordenschat) -> tuple[list[Bedrag], set[int]]:
    """The amounts of the tables in *lines* (source line *first* is ``lines[0]``) and the
    source lines the tables take."""
    found: list[Bedrag] = []
    taken: set[int] = set()
    texts = ["" if first + i in footers else _fold(t) for i, t in enumerate(lines)]
    i = 0
    while i < len(texts):
        used = _year_columns(texts, i, first, vocab, found) or _year_rows(
            texts, i, first, vocab, found)
        if used:
            # the table's lines, and the lines of its caption that give its unit or its
            # number ("Tabel 2 ... (x € 1 mln)"): no prose, and "€ 1 mln" no amount
            start, k = i, (i - 2 if i > 1 and not texts[i - 1] else i - 1)
            while k >= 0 and i - k <= _CAPTION_LINES + 1 and texts[k] and (
                    _unit(texts[k]) or re.match(r"Tabel\b", texts[k])):
                start, k = k, k - 1
            taken.update(range(first + start, first + used))
            i = used
        else:
            i += 1
    return found, taken


def _caption(texts: list[str], i: int) -> str:
    """The lines right above line *i*, or above the one blank line right above it (up to
    the blank line before them)."""
    above: list[str] = []
    k = i - 1 if i < 1 or texts[i - 1] else i - 2
    while k >= 0 and len(above) < _CAPTION_LINES and texts[k]:
        above.insert(0, texts[k])
        k -= 1
    return " ".join(above)


def _rows(texts: list[str], start: int) -> list[int]:
    """Indexes of the lines from *start* on that are table rows (blank lines between rows
    allowed)."""
    rows: list[int] = []
    k = start
    while k < len(texts):
        if not texts[k]:
            k += 1
            continue
        if _cells(texts[k]) is None:
            break
        rows.append(k)
        k += 1
    return rows


def _kind(label: str, caption: str, negative: bool, vocab: Woordenschat) -> tuple[str, str]:
    own = _cues(vocab, "soort", label, 0)
    if own:
        return own[0][2], f"soort {own[0][2]}: '{own[0][3]}' in de rij"
    if negative:
        return "korting", "soort korting: een negatief bedrag in de tabel"
    around = [c for c in _cues(vocab, "soort", caption, 0) if c[2] != "beschikbaar"]
    if around:
        return around[0][2], f"soort {around[0][2]}: '{around[0][3]}' boven de tabel"
    return "beschikbaar", "soort beschikbaar: een bedrag in de tabel, geen andere aanwijzing"


def _amount(value: Decimal, text: str, line: int, first_year: int, last_year: int,
            per: str, rules: dict[str, str], kind: tuple[str, str], printed: str) -> Bedrag:
    amount = Bedrag(value=value, start=0, end=0, printed=printed, quote=text,
                    first_line=line, last_line=line, first_year=first_year,
                    last_year=last_year, per=per, kind=kind[0], certainty=0.7)
    amount.rules.update(rules)
    amount.rules["soortBedrag"] = kind[1]
    return amount


def _year_columns(texts: list[str], i: int, first: int, vocab: Woordenschat,
                  found: list[Bedrag]) -> int:
    """A table whose header holds the years: the index after its last row, or 0."""
    head = _HEADER.match(texts[i])
    if not head:
        return 0
    years = [int(y) for y in head.group("years").split()]
    if not _consecutive(years):
        return 0
    total = bool(head.group("total"))
    caption = _caption(texts, i) + " " + head.group("label")
    rows: list[tuple[int, str, list[re.Match[str]]]] = []
    for k in _rows(texts, i + 1):
        parsed = _cells(texts[k])
        if parsed is not None and len(parsed[1]) in (len(years), len(years) + total):
            rows.append((k, *parsed))
    if not rows:
        return 0
    unit = _unit(caption)
    if unit is None and not any(c.group("euro") or c.group("scale") for _, _, cells in rows
                                for c in cells):
        return 0  # no euro: counts, not money
    columns = [*((y, y) for y in years), *([(years[0], years[-1])] if total else [])]
    for k, label, cells in rows:
        for (a, b), cell in zip(columns, cells, strict=False):
            value = _value(cell, unit[0] if unit else None)
            if value is None:
                continue
            negative = bool(cell.group("sign") or cell.group("open"))
            where = f"kolom {a}" if a == b else f"kolom totaal {a}-{b}"
            rules = {"jaar": f"jaar: {where} van de tabel (kop op regel {first + i})",
                     "per": "per jaar: een kolom per jaar" if a == b else
                     "totaal: de kolom totaal over de jaren van de tabel"}
            if unit and not cell.group("scale"):
                rules["schaal"] = f"schaal: '{unit[1]}' bij de tabel"
            found.append(_amount(value, texts[k], first + k, a, b,
                                 "jaar" if a == b else "totaal", rules,
                                 _kind(label, caption, negative, vocab), cell.group(0)))
    return rows[-1][0] + 1


def _year_rows(texts: list[str], i: int, first: int, vocab: Woordenschat,
               found: list[Bedrag]) -> int:
    """A table of rows that each start with a year and hold one figure: the index after
    its last row, or 0."""
    rows: list[tuple[int, int, re.Match[str]]] = []
    k = i
    while k < len(texts):
        m = re.match(rf"^({_YEAR})\s+(\S.*)$", texts[k])
        parsed = _cells(m.group(2)) if m else None
        if m is None or parsed is None or parsed[0] or len(parsed[1]) != 1:
            break
        rows.append((k, int(m.group(1)), parsed[1][0]))
        k += 1
    if len(rows) < 2 or not _consecutive([year for _, year, _ in rows]):
        return 0
    unit = _unit(_caption(texts, i))
    if unit is None and not any(c.group("euro") or c.group("scale") for _, _, c in rows):
        return 0
    for k, year, cell in rows:
        value = _value(cell, unit[0] if unit else None)
        if value is None:
            continue
        rules = {"jaar": f"jaar: de rij {year} van de tabel", "per": "per jaar: een rij per jaar"}
        if unit and not cell.group("scale"):
            rules["schaal"] = f"schaal: '{unit[1]}' bij de tabel"
        found.append(_amount(value, texts[k], first + k, year, year, "jaar", rules,
                             _kind("", _caption(texts, i), bool(cell.group("sign")), vocab),
                             cell.group(0)))
    return rows[-1][0] + 1
