"""Euro amounts in a passage: value, years, period, structural or not, qualifier,
instrument, recipient and kind of money, each with the words that decided it.

Phrasings read: ``€ 1,2 miljard``, ``€ 4.8 miljoen`` (a dot before fewer than three
digits is a decimal point), ``€ 750.000``, ``€ 17,50``, ``300 miljoen euro``, ``420
miljoen extra``, ``een miljard``, ``tien miljoen euro``, ranges (``€ 25.000 tot €
100.000``, ``tussen € 5 en 10 miljoen``) and series (``200 miljoen in 2020, oplopend naar
295 miljoen in 2021``). Money without a figure ("honderden miljoenen") is no amount.

>>> from vngkb.ingest.woordenschat import woordenschat
>>> p = Passage.of(["Ook trekt het kabinet 200 miljoen uit in 2020, oplopend naar",
...                 "295 miljoen in 2021."], 1)
>>> found = read_amounts(p, woordenschat(), 2020)
>>> [(str(a.value), a.first_year, a.last_year, a.kind) for a in found]
[('200000000', 2020, 2020, 'beschikbaar'), ('295000000', 2021, 2021, 'beschikbaar')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from vngkb.ingest.passage import FOOTNOTE_MARK, Passage, Zin
from vngkb.ingest.telwoorden import PATTERN as TELWOORD
from vngkb.ingest.telwoorden import telwoord
from vngkb.ingest.woordenschat import Woordenschat

_SCALES = {"miljard": Decimal(10) ** 9, "mld": Decimal(10) ** 9, "mrd": Decimal(10) ** 9,
           "miljoen": Decimal(10) ** 6, "mln": Decimal(10) ** 6, "duizend": Decimal(1000)}
_DIGITS = r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:[.,][0-9]+)?"
_SCALE = r"miljard|miljoen|mln\.?|mld\.?|mrd\.?|duizend"
#: What may follow "5 miljoen" without "euro" for it to be money: punctuation, the end,
#: or a word of the money phrasings ("420 miljoen extra", "300 miljoen in 2021"); any
#: other word makes it a count ("2,5 miljoen laaggeletterden", "1 miljoen inwoners").
_MONEY_NEXT = re.compile(r"^\s*(?:$|[.,;:)!?(]|(?:extra|voor|in|per|aan|naar|uit|beschikbaar|"
                         r"structureel|incidenteel|eenmalig|oplopend|en|tot|van|is|wordt|"
                         r"worden|te|bij|om|die|dat|meer|minder|bedraagt|gaat|komt|jaarlijks|"
                         r"erbij|bovenop|ten|waarvan|als|op|via|vanaf|gereserveerd|"
                         r"uitgetrokken|vrijgemaakt|toegekend|ingezet|geïnvesteerd)\b)",
                         re.IGNORECASE)
#: A figure that refers back: "Deze € 1 miljoen", "de toegezegde € 53 miljoen".
_REFERS_BACK = re.compile(r"\b(?:deze|dit|die|dat|de|het)\s+(?:[a-zà-ÿ]+(?:de|te|en)\s+)?$",
                          re.IGNORECASE)
_YEAR = r"(?:199[0-9]|20[0-9][0-9])"
#: More euros than any budget holds: such a figure is a run of digits, not an amount.
_MOST = Decimal(10) ** 15
#: Years that name a document or circular, not when money is spent.
_DOCUMENT_YEAR = re.compile(r"(?:circulaire|CEP|MEV|Miljoenennota|Miljoennota|nota|brief|"
                            r"notitie|Voorjaarsnota|Najaarsnota|jaarrekening|begroting|"
                            r"akkoord|agenda|Verkenning|Plan|Jaarverslag|Kamerbrief)\s*$",
                            re.IGNORECASE)
_LENGTH_WORDS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
                 "negen": 9, "tien": 10}


@dataclass
class Jaren:
    first: int | None = None
    last: int | None = None
    #: reading of each year: gedrukt, komend-jaar, looptijd-vanaf
    first_rule: str = "gedrukt"
    last_rule: str = "gedrukt"
    #: how the years were written: "los", "lijst", "reeks", "vanaf", "tot", "relatief"
    form: str = "los"
    start: int = 0
    end: int = 0
    words: str = ""


@dataclass
class Bedrag:
    value: Decimal
    start: int  # offsets of the figure in the passage
    end: int
    printed: str
    quote: str = ""
    first_line: int = 0
    last_line: int = 0
    first_year: int | None = None
    last_year: int | None = None
    first_year_rule: str = "gedrukt"
    last_year_rule: str = "gedrukt"
    per: str = "onbekend"
    structural: bool | None = None
    qualifier: str | None = None
    instrument: str | None = None
    recipient: str | None = None
    kind: str = "beschikbaar"
    #: property → the rule or cue that gave its value (def:regel)
    rules: dict[str, str] = field(default_factory=dict)
    #: how sure the reading is, 0-1 (review lists the surest first)
    certainty: float = 0.5
    #: a later level of this money ("oplopend naar"): index in the passage's list
    followed_by: int | None = None
    #: a rate per unit ("€ 15 per inwoner"): restated, it is stated again, not a repeat
    rate: bool = False
    #: offset of the year expression the amount took (-1: none)
    year_at: int = -1
    #: the total this amount is a part of ("waarvan", "vier x"): index in the list
    part_of: int | None = None


def _number(text: str, vocab: Woordenschat) -> Decimal | None:
    words = {c.value: c.pattern for c in vocab.of("getal")}
    for value, pattern in words.items():
        if pattern.fullmatch(text):
            return Decimal(value)
    spelled = telwoord(text)
    if spelled is not None:
        return Decimal(spelled)
    if len(text) > 30:
        return None  # no amount is printed with more digits
    try:
        if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?", text):
            return Decimal(text.replace(".", "").replace(",", "."))
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def _word_numbers(vocab: Woordenschat) -> str:
    """The number words: the vocabulary's ("een", "anderhalf") and every Dutch number
    word below a thousand ("zeshonderd", "vijfentwintig")."""
    return "|".join([*(c.text for c in vocab.of("getal")), TELWOORD])


def _amount_pattern(vocab: Woordenschat) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<euro>€\s?)?(?<![\w.,])(?P<num>{_DIGITS}|(?:{_word_numbers(vocab)}))"
        rf"(?:(?![\w])|(?=(?:{_SCALE})(?!\w)))"  # "€15mln": a scale glued to the figure
        rf"(?:\s?(?P<scale>{_SCALE})(?:{FOOTNOTE_MARK})?(?!\w))?"
        rf"(?P<euro2>\s?(?:euro(?:'s)?|EUR)(?:{FOOTNOTE_MARK})?(?!\w))?",
        re.IGNORECASE)


def find_figures(passage: Passage, vocab: Woordenschat) -> list[Bedrag]:
    """Every figure in *passage* that is money, with its value in euros."""
    text = passage.text
    found: list[Bedrag] = []
    matches = list(_amount_pattern(vocab).finditer(text))
    for i, match in enumerate(matches):
        euro, scale, euro2 = match.group("euro"), match.group("scale"), match.group("euro2")
        num = match.group("num")
        is_word = not num[0].isdigit()
        if not euro and not scale and i + 1 < len(matches) and re.search(
                r"\btussen(?:\s+de)?\s*$", text[max(0, match.start() - 12):match.start()]):
            # "tussen 35 en 40 miljoen euro": the lower figure of a range takes the scale
            # and the euro of the upper one
            nxt = matches[i + 1]
            if (nxt.group("scale") and nxt.group("euro2") and re.fullmatch(
                    r"\s*en\s*", text[match.end():nxt.start()])):
                scale, euro2 = nxt.group("scale"), nxt.group("euro2")
        if not euro and not scale and not is_word and i + 1 < len(matches) \
                and not re.fullmatch(_YEAR, num):
            # "structureel 25 tot 30 miljoen euro": the lower figure of a range takes the
            # scale (and euro) of the upper one
            nxt = matches[i + 1]
            low, high = _number(num, vocab), _number(nxt.group("num"), vocab)
            if nxt.group("scale") and (nxt.group("euro") or nxt.group("euro2")) and \
                    low is not None and high is not None and low < high and \
                    re.fullmatch(r"\s*(?:tot|à|-|–)\s*", text[match.end():nxt.start()]):
                scale, euro2 = nxt.group("scale"), nxt.group("euro2") or nxt.group("euro")
        if is_word and not scale:
            continue
        if not euro and not euro2 and (not scale or not _MONEY_NEXT.match(text[match.end():])):
            continue
        value = _number(num, vocab)
        if value is None:
            continue
        if scale is None and euro and i + 1 < len(matches):
            # "€ 5 tot 10 miljoen", "€ 1 à 2 miljard": the first figure takes the scale
            nxt = matches[i + 1]
            between = text[match.end():nxt.start()]
            if nxt.group("scale") and re.fullmatch(r"\s*(?:tot|à|-|–|en|of)\s*(?:€\s?)?",
                                                   between):
                scale = nxt.group("scale")
        if scale:
            value *= _SCALES[scale.rstrip(".").lower()]
        if not 0 < value < _MOST:
            continue  # zero, or more than any budget (a run of digits, not an amount)
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() \
            else value.normalize()
        if _REFERS_BACK.search(text[max(0, match.start() - 30):match.start()]) and any(
                earlier.value == value for earlier in found):
            continue  # a mention of money the passage named before: not a new amount
        found.append(Bedrag(value=value, start=match.start(), end=match.end(),
                            printed=match.group(0).strip()))
    return _join_ranges(found, text)


#: Between the two figures of a range: "€ 10 tot € 15 miljoen", "€ 1 à 2 miljard".
_RANGE_BETWEEN = re.compile(r"\s*(?:tot|à|-|–)\s*(?:€\s?)?")


#: A verb of change before "van € X tot € Y": a change of level, not a range.
_CHANGE = re.compile(r"\b(?:stij\w*|steeg|gestegen|daal\w*|daalde|gedaald|verhoog\w*|verlaag\w*|"
                     r"groei\w*|loopt|lopen|liep|neemt|nemen|gaat|gaan|wordt|worden|werd|"
                     r"verander\w*|verschuif\w*|gaan?|opgehoogd|teruggebracht|bijgesteld)\b",
                     re.IGNORECASE)


def _join_ranges(found: list[Bedrag], text: str) -> list[Bedrag]:
    """One amount for a range ("€ 10 tot € 15 miljoen", "tussen de € 500 en € 600
    miljoen", "subsidies van € 150.000 tot € 600.000"): its lower figure, with the upper
    one in its rules, since the range is one statement of money, not two. "van € X tot €
    Y" after a verb of change ("stijgt van € 5 tot € 8 miljoen") is a change of level and
    "vanaf € X tot € Y" a lower and an upper limit: two amounts each."""
    joined: list[Bedrag] = []
    skip = False
    for i, low in enumerate(found):
        high = found[i + 1] if i + 1 < len(found) else None
        if skip:
            skip = False
            continue
        if high is not None and high.value > low.value:
            between = text[low.end:high.start]
            before = text[max(0, low.start - 12):low.start]
            ranged = (_RANGE_BETWEEN.fullmatch(between) and (
                "à" in between or not re.search(r"\bvan(?:af)?\s*$", before) or (
                    re.search(r"\bvan\s*$", before) and "tot" in between and not _CHANGE.search(
                        text[max(0, low.start - 80):low.start])))) or (
                re.fullmatch(r"\s*en\s*(?:€\s?)?", between)
                and re.search(r"\btussen(?:\s+de)?\s*$", before))
            if ranged:
                low.rules["bandbreedte"] = (f"bandbreedte: '{low.printed}{between}"
                                            f"{high.printed}' (één bedrag, de ondergrens)")
                low.end = high.end
                skip = True
        joined.append(low)
    return joined


def _year_expressions(zin: Zin, text: str, budget_year: int | None,
                      vocab: Woordenschat) -> list[Jaren]:
    """The year expressions of a sentence, with their offsets in the passage."""
    found: list[Jaren] = []
    taken: list[tuple[int, int]] = []
    s = zin.text

    def add(j: Jaren, start: int, end: int) -> None:
        if any(a < end and start < b for a, b in taken):
            return
        j.start, j.end, j.words = zin.start + start, zin.start + end, s[start:end]
        taken.append((start, end))
        found.append(j)

    for m in re.finditer(rf"(?:\b(?:van|vanaf|in de periode|voor de periode|over de periode|"
                         rf"periode|de jaren|in|voor)\s+)?({_YEAR})\s*(?:-|–|t/m|tot en met|"
                         rf"tot)\s*({_YEAR})\b", s):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b:
            add(Jaren(a, b, form="reeks"), m.start(), m.end())
    for m in re.finditer(rf"\b(?:zowel\s+)?({_YEAR})((?:\s*,\s*{_YEAR})*)\s+(?:en|of|als)\s+"
                         rf"({_YEAR})\b", s):
        years = [int(y) for y in re.findall(_YEAR, m.group(0))]
        add(Jaren(min(years), max(years), form="lijst"), m.start(), m.end())
    n_jarig = re.compile(r"\b(twee|drie|vier|vijf|zes|zeven|acht|negen|tien|[0-9])[- ]?"
                         r"(?:jarig|jarige|jaren\w*)\b", re.IGNORECASE)
    for m in re.finditer(rf"\b(?:vanaf|per|met ingang van|sinds)\s+(?:[0-9]{{1,2}}\s+\w+\s+)?"
                         rf"({_YEAR})\b", s, re.IGNORECASE):
        start = int(m.group(1))
        length = n_jarig.search(s)
        if length:
            n = _LENGTH_WORDS.get(length.group(1).lower()) or int(length.group(1))
            add(Jaren(start, start + n - 1, "gedrukt", "looptijd-vanaf", form="looptijd"),
                m.start(), m.end())
        else:
            add(Jaren(start, None, form="vanaf"), m.start(), m.end())
    for m in re.finditer(rf"\b(?:tot en met|t/m|uiterlijk)\s+({_YEAR})\b", s, re.IGNORECASE):
        add(Jaren(None, int(m.group(1)), form="tot"), m.start(), m.end())
    # (a year followed by ".4" is a year with a footnote mark; "2.021,5" is no year)
    for m in re.finditer(rf"(?<![0-9.,€])\b({_YEAR})\b(?!\s*(?:miljoen|miljard)|,[0-9]|"
                         rf"\.[0-9]{{3}})", s):
        if _DOCUMENT_YEAR.search(s[max(0, m.start() - 30):m.start()]):
            continue
        year = int(m.group(1))
        length = n_jarig.search(s[max(0, m.start() - 60):m.end() + 60])
        if length and re.search(rf"\b(?:in|per|vanaf)\s+{year}", s):
            n = _LENGTH_WORDS.get(length.group(1).lower()) or int(length.group(1))
            add(Jaren(year, year + n - 1, "gedrukt", "looptijd-vanaf", form="looptijd"),
                m.start(), m.end())
        else:
            add(Jaren(year, year), m.start(), m.end())
    if budget_year is not None:
        for cue in vocab.of("jaarwoord"):
            for m in cue.pattern.finditer(s):
                year = budget_year + int(cue.value)
                since = re.search(r"\b(?:vanaf|per|met ingang van)\s+$", s[:m.start()],
                                  re.IGNORECASE)
                if since:  # "vanaf volgend jaar": from that year on, no end
                    add(Jaren(year, None, "komend-jaar", form="vanaf"), since.start(), m.end())
                else:
                    add(Jaren(year, year, "komend-jaar", "komend-jaar", form="relatief"),
                        m.start(), m.end())
    return sorted(found, key=lambda j: j.start)


def _nearest(cues: list[tuple[int, int, str, str]], start: int, end: int,
             limit: int) -> tuple[str, str, int] | None:
    """The cue nearest to the figure at *start*..*end* within *limit* characters:
    (value, words, distance)."""
    best: tuple[str, str, int] | None = None
    for a, b, value, words in cues:
        distance = start - b if b <= start else (a - end if a >= end else 0)
        if distance <= limit and (best is None or distance < best[2]):
            best = (value, words, distance)
    return best


def _cues(vocab: Woordenschat, category: str, text: str, offset: int
          ) -> list[tuple[int, int, str, str]]:
    found = []
    for cue in vocab.of(category):
        for m in cue.pattern.finditer(text):
            found.append((offset + m.start(), offset + m.end(), cue.value, m.group(0)))
    return found


def concept_patterns(vocab: Woordenschat, scheme: str) -> list[tuple[re.Pattern[str], str]]:
    """Patterns for the labels of a scheme's concepts ("subsidie(regeling)" reads
    "subsidie" and "subsidieregeling")."""
    patterns: list[tuple[re.Pattern[str], str]] = []
    for iri, labels in vocab.concepts.get(scheme, []):
        variants: set[str] = set()
        for label in labels:
            variants.add(re.sub(r"\s*\([^)]*\)", "", label).strip())
            variants.add(re.sub(r"[()]", "", label).strip())
        for variant in sorted(variants, key=len, reverse=True):
            if len(variant) < 2:
                continue
            flags = 0 if variant.isupper() else re.IGNORECASE
            patterns.append((re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)", flags),
                             iri.rsplit("/", 1)[1]))
    return patterns


def _concept_cues(patterns: list[tuple[re.Pattern[str], str]], text: str, offset: int
                  ) -> list[tuple[int, int, str, str]]:
    return [(offset + m.start(), offset + m.end(), slug, m.group(0))
            for pattern, slug in patterns for m in pattern.finditer(text)]


#: A request by the VNG or others ("wij vragen", "gevraagd", "pleiten voor", "moet het
#: Rijk"), not the other cues of kind voorgesteld ("stelt voor" is also "stelt ...
#: beschikbaar").
_REQUEST = re.compile(r"vraag|vragen|gevraagd|pleit|moet", re.IGNORECASE)
#: The cues of kind grensbedrag that qualify a figure (a limit, a rate per unit) rather
#: than name the money.
_LIMIT_WORD = re.compile(r"(?:ten minste|tenminste|minimaal|maximaal|minimale|maximale|ten "
                         r"hoogste|niet (?:meer|minder) dan|per \S.*)", re.IGNORECASE)
#: A noun whose amount the figure is: "een tekort van (gemeenten van) ten minste €".
_HEAD_NOUN = re.compile(r"\b(?:een|het|de)\s+(?P<noun>[^\W\d_]+)\s+(?:van\s+[^\W\d_]+\s+)?van\s+"
                        r"(?:(?:ten minste|minimaal|maximaal|ruim|bijna|ongeveer|circa|ca\.|"
                        r"naar schatting)\s+)?(?:€\s?)?$", re.IGNORECASE)
#: How close (characters, in its clause) another kind's cue must stand to overrule a limit.
_YIELD_REACH = 25
#: Kinds whose cue must stand close to the figure (characters) to decide it.
_KIND_REACH = {"grensbedrag": 30, "oud-niveau": 60, "mogelijk": 60, "raming": 70,
               "aangevraagd": 90, "voorgesteld": 120, "tekort": 80, "korting": 80}
#: Certainty of each reading (the kinds that are rarer are less sure).
_KIND_CERTAINTY = {"beschikbaar": 0.8, "aangevraagd": 0.7, "tekort": 0.6, "korting": 0.6,
                   "grensbedrag": 0.6, "raming": 0.6, "voorgesteld": 0.5, "oud-niveau": 0.7,
                   "mogelijk": 0.4}


def read_amounts(passage: Passage, vocab: Woordenschat, budget_year: int | None
                 ) -> list[Bedrag]:
    """The amounts of *passage*, each read from its sentence."""
    figures = find_figures(passage, vocab)
    if not figures:
        return []
    instruments = concept_patterns(vocab, "instrument")
    recipients = concept_patterns(vocab, "ontvanger")
    text = passage.text
    periods = _named_periods(text)
    previous: Zin | None = None  # the sentence before, when it holds no figure
    for zin in passage.sentences():
        mine = [a for a in figures if zin.start <= a.start < zin.end]
        if not mine:
            previous = zin
            continue
        years = _year_expressions(zin, text, budget_year, vocab)
        announced = (_announced_years(previous, zin, passage, budget_year, vocab)
                     if not years and previous is not None else None)
        previous = None
        kinds = {k: _cues(vocab, "soort", zin.text, zin.start) for k in ("soort",)}["soort"]
        for i, amount in enumerate(mine):
            previous_end = mine[i - 1].end if i else zin.start
            next_start = mine[i + 1].start if i + 1 < len(mine) else zin.end
            rising = bool(i and re.search(_RISING,
                                          text[previous_end:amount.start]))
            # the other amounts of the sentence are this one's parts or later levels
            alone = all(other is amount or (k > i and (_is_part(other, text) or
                                                       _rises(other, mine, text)))
                        for k, other in enumerate(mine))
            if i and _is_part(amount, text):
                amount.part_of = figures.index(mine[i - 1])
            amount.quote, amount.first_line, amount.last_line = passage.quote(
                zin.start, zin.end, amount.start)
            # years after a "waarvan" part are the part's, not the total's
            parts = [(o.start, o.end + 60) for o in mine[i + 1:] if _is_part(o, text)
                     and re.search(r"(?:waarvan|daarvan|hiervan)\s*(?:€\s?)?$",
                                   text[max(0, o.start - 12):o.start])]
            _read_kind(amount, kinds, text, previous_end, next_start,
                       listed=i + 1 >= len(mine) or bool(_LISTED.fullmatch(
                           text[amount.end:next_start])))
            if rising and mine[i - 1].kind != amount.kind:
                # a later level of a series is the same kind of money as its first level
                amount.kind, amount.certainty = mine[i - 1].kind, mine[i - 1].certainty
                amount.rules["soortBedrag"] = (f"soort {amount.kind}: het eindniveau van een "
                                               f"reeks, als het beginniveau")
            total = bool(i and _TOTAL_OF.search(text[max(0, amount.start - 40):amount.start]))
            rate = bool(_RATE.search(text[max(previous_end, amount.start - 60):
                                          min(next_start, amount.end + 25)]))
            amount.rate = rate
            _read_years(amount, years, text, previous_end,
                        next_start if i + 1 < len(mine) else 10**9, alone, rising, parts,
                        total, rate, mine[i - 1].year_at if i else -1)
            if not years and not rising and amount.first_year is None:
                _years_from_context(amount, zin, text, periods, announced)
            _read_simple(amount, vocab, zin, text, previous_end, next_start)
            inst = _nearest(_concept_cues(instruments, zin.text, zin.start), amount.start,
                            amount.end, 400)
            if inst:
                amount.instrument = inst[0]
                amount.rules["instrument"] = f"instrument: '{inst[1]}' in de zin"
            rec = _nearest(_concept_cues(recipients, zin.text, zin.start), amount.start,
                           amount.end, 400)
            if rec:
                amount.recipient = rec[0]
                amount.rules["ontvanger"] = f"ontvanger: '{rec[1]}' in de zin"
            if rising:
                mine[i - 1].followed_by = figures.index(amount)
        _read_breakdown(mine, figures, text)
    return drop_repeats(figures, passage)


def _read_breakdown(mine: list[Bedrag], figures: list[Bedrag], text: str) -> None:
    """A total followed by its parts per year ("in totaal € 105 miljoen: € 20 miljoen in
    2023, € 35 miljoen in 2024 en € 50 miljoen in 2025"): when the parts that follow it,
    each of one year, add up to the total exactly, the total runs from the first to the
    last of their years and each part is a part of it (def:deelVan)."""
    for i, total in enumerate(mine):
        if total.first_year is not None or total.part_of is not None or not re.match(
                r"\s*(?::|,?\s*(?:namelijk|te weten|verdeeld als)\b)", text[total.end:]):
            continue
        parts: list[Bedrag] = []
        running = Decimal(0)
        for part in mine[i + 1:]:
            if part.first_year is None or part.first_year != part.last_year:
                break
            parts.append(part)
            running += part.value
            if running >= total.value:
                break
        if len(parts) < 2 or running != total.value:
            continue
        total.first_year = min(p.first_year for p in parts if p.first_year is not None)
        total.last_year = max(p.last_year for p in parts if p.last_year is not None)
        total.first_year_rule = total.last_year_rule = "gedrukt"
        total.per = "totaal"
        total.rules["jaar"] = (f"jaar: de {len(parts)} delen per jaar na het bedrag, "
                               f"samen precies het bedrag")
        total.rules["per"] = "totaal: uitgesplitst in delen per jaar"
        for part in parts:
            part.part_of = figures.index(total)


def drop_repeats(amounts: list[Bedrag], passage: Passage) -> list[Bedrag]:
    """Without the later mentions of money the passage already named (same value, in a
    later sentence, with no other years): "bij € 1 miljard woningbouwimpuls" in "Wat
    betekent dit voor gemeenten?" repeats the € 1 miljard of "Wat wil het kabinet?". The
    first mention notes the repeat in its rules. A rate per unit ("€ 15 per inwoner") is
    no money of its own to repeat: each statement of it is drafted."""
    kept: list[Bedrag] = []
    index: dict[int, int] = {}
    for i, a in enumerate(amounts):
        earlier = next((k for k in kept if k.value == a.value and k.last_line < a.first_line
                        and a.first_year is None and a.last_year is None
                        and a.kind == k.kind and not a.rate), None)
        if earlier is not None:
            earlier.rules["herhaling"] = (f"herhaald op regel {a.first_line}: "
                                          f"'{a.printed}' (geen nieuw bedrag)")
            continue
        index[i] = len(kept)
        kept.append(a)
    for a in kept:
        a.followed_by = index.get(a.followed_by) if a.followed_by is not None else None
        a.part_of = index.get(a.part_of) if a.part_of is not None else None
    return kept


def _is_part(amount: Bedrag, text: str) -> bool:
    """'waarvan € 68 miljoen', 'vier x € 250 miljoen': a part of the amount before."""
    return bool(re.search(r"(?:waarvan|daarvan|hiervan|(?:[0-9]+|twee|drie|vier|vijf|zes|"
                          r"tien)\s*x)\s*(?:(?:ruim|ongeveer|circa|maximaal)\s+)?(?:€\s?)?$",
                          text[max(0, amount.start - 25):amount.start], re.IGNORECASE))


def _rises(amount: Bedrag, mine: list[Bedrag], text: str) -> bool:
    i = mine.index(amount)
    return bool(i and re.search(_RISING,
                                text[mine[i - 1].end:amount.start]))


def _read_years(amount: Bedrag, years: list[Jaren], text: str, previous_end: int,
                next_start: int, alone: bool, rising: bool,
                parts: list[tuple[int, int]], total: bool = False, rate: bool = False,
                taken: int = -1) -> None:
    """The years of *amount*: a year expression right after it (closer to it than to the
    next amount), else the nearest one before it in the sentence, else (for the only
    amount of the sentence) the one year expression after it. The end level of a series
    ("oplopend tot € 6 miljoen") takes only a year printed right after it, or one between
    the two levels that the first did not take (*taken*: "€ 1,1 miljard ..., dat in 2027
    oploopt tot € 1,5 miljard"); the total an
    earlier amount brings about ("... € 22 miljoen toegevoegd ... tot een totaal van € 50
    miljoen", *total*) does not take the years printed before that earlier amount: they
    are the addition's, and the total holds money of other years too; nor does a rate per
    unit (*rate*: "per woning een bijdrage van € 12.000"), which is no budget of those
    years."""
    # a year after the next semicolon is another clause's ("€ 5,8 miljard; het bedrag
    # voor latere jaren wordt in 2023 vastgesteld")
    upper = _clause(text, amount.start, amount.end, 0, len(text))[1]
    years = [j for j in years if j.start < upper]
    right = [j for j in years if amount.end <= j.start < next_start and j.start - amount.end
             <= 60 and (j.start - amount.end <= next_start - j.end or next_start >= 10**9
                        or re.match(r"\s*(?:[,;)]|en\b)", text[j.end:next_start]))]
    left = [j for j in years if previous_end <= j.end <= amount.start]
    before = [j for j in years if j.end <= amount.start]
    after = [j for j in years if j.start >= amount.end]
    if right and left and _CLAUSE_TURN.search(text[amount.end:right[0].start]):
        # a year right before the figure beats one after it behind a comma or a
        # conjunction, which opens another clause: "in 2022 over € 260 miljoen ... en vanaf
        # 2025 ... over € 1 miljard", "in 2022 en 2023 samen 51 miljoen euro vrij, via een
        # regeling die in 2022 opengaat"
        right = []
    if re.search(r"\b(?:daarna|vervolgens|nadien)\b", text[previous_end:amount.start],
                 re.IGNORECASE):
        # "€ 35 miljoen in 2027 en daarna structureel € 40 miljoen": after the years
        # before it, which are not its own
        left, before = [], []
    chosen, where = None, ""
    if right:
        chosen, where = right[0], "direct na het bedrag"
    elif rising:
        own = [j for j in left if j.start != taken]
        if own:
            chosen, where = own[-1], "tussen beginniveau en eindniveau"
    elif left:
        chosen, where = left[-1], "vóór het bedrag in de zin"
    elif before and not total and not rate:
        chosen, where = before[-1], "eerder in de zin"
    elif after and alone and len(years) == 1 and not any(
            a <= after[0].start <= b for a, b in parts):
        chosen, where = after[0], "verder in de zin (het enige jaar en bedrag)"
    if chosen is None:
        amount.rules["jaar"] = ("geen jaar direct na het eindniveau van een reeks: open gelaten"
                                if rising else "geen jaar bij het totaal, alleen bij het "
                                "bedrag dat eraan bijdraagt: open gelaten" if total and before
                                else "geen jaar in de zin: open gelaten")
        return
    amount.first_year, amount.last_year = chosen.first, chosen.last
    amount.first_year_rule, amount.last_year_rule = chosen.first_rule, chosen.last_rule
    amount.rules["jaar"] = f"jaar: '{chosen.words}' {where}"
    amount.rules["vorm"] = chosen.form
    amount.year_at = chosen.start
    # "vanaf 2025 jaarlijks € 28 miljoen beschikbaar, tot en met 2029": an open start and
    # an open end around the figure in its clause make one period
    own = [j for j in years if previous_end <= j.start and j.end <= min(next_start, upper)]
    if chosen.form == "vanaf":
        end = next((j for j in own if j.form == "tot" and j.start > chosen.end), None)
        if end is not None and end.last is not None and chosen.first is not None \
                and end.last >= chosen.first:
            amount.last_year, amount.last_year_rule = end.last, end.last_rule
            amount.rules["jaar"] = f"jaar: '{chosen.words}' … '{end.words}' {where}"
            amount.rules["vorm"] = "reeks"
    elif chosen.form == "tot":
        start = next((j for j in reversed(own) if j.form == "vanaf" and j.end < chosen.start),
                     None)
        if start is not None and start.first is not None and chosen.last is not None \
                and start.first <= chosen.last:
            amount.first_year, amount.first_year_rule = start.first, start.first_rule
            amount.rules["jaar"] = f"jaar: '{start.words}' … '{chosen.words}' {where}"
            amount.rules["vorm"] = "reeks"


#: Words of a series' later level: "oplopend tot", "dat in 2027 oploopt tot".
_RISING = r"oplopend|oplopen|oploopt|loopt op|groeiend|groeit|stijgend|stijgt"
#: What opens another clause between a figure and a year after it.
_CLAUSE_TURN = re.compile(r"[,;(]|\b(?:en|of|maar|terwijl)\b", re.IGNORECASE)
#: A rate per unit that is not a span of time: "per woning", "per gerealiseerde woning",
#: "per inwoner" (not "per jaar", "per maand").
_RATE = re.compile(r"\bper\s+(?:[^\W\d_]+e\s+)?(?!(?:jaar|maand|week|kwartaal|kalenderjaar|"
                   r"dag|schooljaar|periode|vier weken|\d)\b)[^\W\d_]{3,}", re.IGNORECASE)
#: The total an earlier amount of the sentence brings about: "tot een totaal van € 50
#: miljoen", "naar een totaalbedrag van", "tot in totaal".
_TOTAL_OF = re.compile(r"\b(?:tot|naar|op)\s+(?:een\s+|in\s+)?(?:totaal|totaalbedrag|totale\s+"
                       r"(?:omvang|bedrag|investering|bijdrage))\s*(?:van\s+)?(?:(?:ruim|"
                       r"ongeveer|circa|bijna)\s+)?(?:€\s?)?$", re.IGNORECASE)
#: Between two figures listed together, which share the words after the second ("€ 5
#: miljoen in 2021 en € 8 miljoen in 2022 gekort"): a few words ending in a conjunction.
_LISTED = re.compile(r"\s*(?:[^\s.;:]+\s+){0,4}?(?:en|of|,|tot|à|-|–)\s*(?:(?:ruim|ongeveer|"
                     r"circa|bijna|maximaal)\s+)?(?:€\s?)?", re.IGNORECASE)
#: A noun phrase named by a period: "het cultuurstelsel 2021-2024", "de nieuwe
#: subsidieperiode 2025-2028" (the noun, its years).
_NAMED_PERIOD = re.compile(rf"\b(?:het|de|een|dit|deze)\s+(?:[^\W\d_]+e\s+)?"
                           rf"([^\W\d_]{{5,}})\s+({_YEAR})\s*(?:-|–|t/m|tot en met)\s*"
                           rf"({_YEAR})\b", re.IGNORECASE)
_NOT_A_NAME = {"jaren", "jaar", "periode", "looptijd", "begroting"}
#: A reference back to a noun: "het nieuwe stelsel", "deze periode".
_REFERENCE = re.compile(r"\b(?:het|de|dit|deze|dat)\s+(?:(?:nieuwe|huidige|genoemde|komende|"
                        r"volgende)\s+)?([^\W\d_]{5,})\b", re.IGNORECASE)
#: Money named without a figure: "extra rijksgeld", "middelen", "een bijdrage".
_MONEY_WORD = re.compile(r"\b(?:[^\W\d_]*geld|middelen|bijdrage|budget|investering|"
                         r"uitkering|subsidie)\b", re.IGNORECASE)


#: Money given: a verb of receiving or making available.
_GIVEN = re.compile(r"\b(?:ontvang\w*|krijg\w*|beschikbaar|uitgetrokken|trekt|trekken|"
                    r"reserveert|gereserveerd|investeert|geïnvesteerd|toegekend|kent|"
                    r"vrijgemaakt|maakt)\b", re.IGNORECASE)
_DATE = re.compile(r"\b[0-9]{1,2}\s+[^\W\d_]+\s+" + _YEAR)


def _named_periods(text: str) -> list[tuple[int, str, Jaren]]:
    """The noun phrases of *text* named by a period: (offset, noun, years)."""
    found = []
    for m in _NAMED_PERIOD.finditer(text):
        noun, first, last = m.group(1).lower(), int(m.group(2)), int(m.group(3))
        if noun not in _NOT_A_NAME and first <= last:
            found.append((m.start(), noun, Jaren(first, last, form="reeks", words=m.group(0))))
    return found


def _announced_years(previous: Zin, zin: Zin, passage: Passage, budget_year: int | None,
                     vocab: Woordenschat) -> Jaren | None:
    """The years of money the sentence before *zin* announces without a figure ("... ontvangen
    15 regio's in 2019 en 2020 extra rijksgeld ...", then "... met een bedrag van jaarlijks
    € 1,4 miljoen"): its one year expression, when it names money given (a verb of
    receiving or making available) and no figure, stands in the same paragraph (no blank
    line between), and says in which years ("in 2019 en 2020"), not from or until when."""
    gap = range(previous.last + 1, zin.first)
    if any(n not in passage.footers for n in gap) or not _MONEY_WORD.search(previous.text) \
            or not _GIVEN.search(previous.text):
        return None
    years = _year_expressions(previous, passage.text, budget_year, vocab)
    if len(years) != 1 or years[0].form not in ("los", "lijst", "reeks") or re.search(
            r"\b(?:tot|sinds|vanaf|per|na|voor)\s*$", previous.text[
                :years[0].start - previous.start]) or _DATE.search(years[0].words):
        # "vanaf 2025", "tot 2027", "per 1 januari 2025": when a rule starts or ends, not
        # the years of the money
        return None
    return years[0]


def _years_from_context(amount: Bedrag, zin: Zin, text: str,
                        periods: list[tuple[int, str, Jaren]], announced: Jaren | None) -> None:
    """Years for an amount whose sentence prints none: the period of a noun named earlier
    in the passage that the sentence refers back to ("het cultuurstelsel 2021-2024" ...
    "Aan het nieuwe stelsel kan € 29 miljoen meer worden besteed"), else the years of the
    money the sentence before announced without a figure."""
    for ref in _REFERENCE.finditer(text, zin.start, zin.end):
        word = ref.group(1).lower()
        named = [p for p in periods if p[0] < zin.start and p[1].endswith(word)]
        if named:
            years = named[-1][2]
            amount.first_year, amount.last_year = years.first, years.last
            amount.rules["jaar"] = (f"jaar: '{ref.group(0)}' verwijst naar '{years.words}' "
                                    "eerder in de tekst")
            amount.rules["vorm"] = years.form
            return
    if announced is not None:
        amount.first_year, amount.last_year = announced.first, announced.last
        amount.first_year_rule, amount.last_year_rule = (announced.first_rule,
                                                         announced.last_rule)
        amount.rules["jaar"] = (f"jaar: '{announced.words}' in de zin ervoor, die het geld "
                                "zonder bedrag aankondigt")
        amount.rules["vorm"] = announced.form


def _clause(text: str, start: int, end: int, lower: int, upper: int) -> tuple[int, int]:
    """The clause of the figure at *start*..*end*: the stretch between the semicolons
    around it, within *lower*..*upper* ("een fonds van € 9 miljoen per jaar; het maximum
    per aanvraag is € 250.000": the maximum is the second clause's)."""
    semicolon = text.rfind(";", lower, start)
    after = text.find(";", end, upper)
    return (semicolon + 1 if semicolon >= 0 else lower, after if after >= 0 else upper)


def _read_kind(amount: Bedrag, kinds: list[tuple[int, int, str, str]], text: str,
               previous_end: int, next_start: int, listed: bool = True) -> None:
    lower, upper = _clause(text, amount.start, amount.end, 0, len(text))
    kinds = [c for c in kinds if lower <= c[0] and c[1] <= upper]
    if not listed:
        # a cue after the next figure of the sentence is that figure's ("Hiervan wordt € 22
        # miljoen gedekt en het Rijk ziet € 30 miljoen lucht in de aanvragen"), unless the
        # two figures are listed together and share it
        kinds = [c for c in kinds if c[0] < next_start]
    previous_end, next_start = max(previous_end, lower), min(next_start, upper)
    before = text[max(previous_end, amount.start - 40):amount.start]
    after = text[amount.end:min(next_start, amount.end + 40)]
    if re.search(r"\bvan\s+(?:(?:gemiddeld|ongeveer|circa|ruim|bijna)\s+)?(?:€\s*)?$",
                 " " + before) and re.match(
            rf"\s*(?:(?:in|voor)\s+{_YEAR}\s+)?(?:naar|tot)\s(?!en met)", after):
        amount.kind = "oud-niveau"
        amount.rules["soortBedrag"] = "soort oud-niveau: 'van … naar …'"
        amount.certainty = _KIND_CERTAINTY["oud-niveau"]
        return
    best: tuple[str, str, int] | None = None
    # a cue before the previous figure of the sentence is that figure's ("aanvragen in
    # voor € 1,4 miljard, terwijl er € 340 miljoen te verdelen was")
    own_cues = [c for c in kinds if c[1] > previous_end]
    for kind, reach in _KIND_REACH.items():
        own = [c for c in own_cues if c[2] == kind]
        if kind == "oud-niveau":  # "verhoogd van € X": the level before, so the cue before it
            own = [c for c in own if c[1] <= amount.start and "naar" not in
                   text[c[1]:amount.start] and "€" not in text[c[1]:amount.start - 2]]
        near = _nearest(own, amount.start, amount.end, reach)
        if near and (best is None or near[2] < best[2]):
            best = near
    if best is not None and best[0] == "grensbedrag" and _LIMIT_WORD.fullmatch(best[1]):
        # a word of a limit or a rate ("ten minste", "per inwoner") yields to another kind's
        # cue within that cue's reach: "ten minste € 1,7 miljard tekortkomen", "gemiddeld €
        # 900 kosten per aanvraag"
        other = [near for kind in _KIND_REACH if kind not in ("grensbedrag", "oud-niveau")
                 and (near := _nearest([c for c in own_cues if c[2] == kind and not re.search(
                     r"[.:;]", text[min(c[1], amount.end):max(c[0], amount.start)])],
                     amount.start, amount.end, _YIELD_REACH))]
        if other:
            best = min(other, key=lambda near: near[2])
    # the noun the figure is the amount of ("een tekort van gemeenten van ten minste €
    # 1,7 miljard") names its kind, whatever verb stands nearer
    window = max(lower, previous_end, amount.start - 60)
    head = _HEAD_NOUN.search(text[window:amount.start])
    if head:
        noun = [c for c in kinds if c[2] in ("tekort", "korting", "raming") and
                c[0] <= window + head.start("noun") < c[1]]
        if noun:
            best = (noun[0][2], noun[0][3], 0)
    plain_near = _nearest([c for c in kinds if c[2] == "beschikbaar"], amount.start,
                          amount.end, 400)
    if best is not None and plain_near is not None and plain_near[2] + 15 < best[2]:
        best = None  # a money-made-available cue much closer than the other kind's cue
    # A request before the figure in its clause ("Wij vragen het kabinet om ten minste
    # € 30 miljoen", "gevraagd om ... € 1,2 mld extra te reserveren") governs it: the
    # limit or the money named inside the request is what is asked for.
    asked = [c for c in kinds if c[2] == "voorgesteld" and c[1] <= amount.start
             and _REQUEST.search(c[3])]
    if asked and (best is None or best[0] in ("grensbedrag", "beschikbaar")):
        request = _nearest(asked, amount.start, amount.end, _KIND_REACH["voorgesteld"])
        if request is not None:
            best = request
    if best is not None:
        amount.kind = best[0]
        amount.rules["soortBedrag"] = f"soort {best[0]}: '{best[1]}'"
    else:
        plain = _nearest([c for c in kinds if c[2] == "beschikbaar"], amount.start,
                         amount.end, 400)
        amount.kind = "beschikbaar"
        amount.rules["soortBedrag"] = (f"soort beschikbaar: '{plain[1]}'" if plain else
                                       "soort beschikbaar: geen andere aanwijzing in de zin")
    amount.certainty = _KIND_CERTAINTY[amount.kind] - (0.0 if best or amount.kind !=
                                                       "beschikbaar" else 0.2)


def _read_simple(amount: Bedrag, vocab: Woordenschat, zin: Zin, text: str, previous_end: int,
                 next_start: int) -> None:
    before = text[max(previous_end, amount.start - 30):amount.start]
    for cue in vocab.of("kwalificatie"):
        matches = list(cue.pattern.finditer(before))
        m = matches[-1] if matches else None
        if m is not None and not before[m.end():].strip(" €"):
            amount.qualifier = cue.value
            amount.rules["kwalificatie"] = f"kwalificatie: '{m.group(0)}' vóór het bedrag"
            break
    own = _cues(vocab, "periode", zin.text, zin.start)
    period = _nearest(own, amount.start, amount.end, 80)
    form = amount.rules.get("vorm", "")
    if period:
        amount.per = period[0]
        amount.rules["per"] = f"per {period[0]}: '{period[1]}'"
    elif amount.first_year is not None and amount.first_year == amount.last_year:
        amount.per = "jaar"
        amount.rules["per"] = "per jaar: één jaar genoemd"
    elif form == "lijst":
        amount.per = "jaar"
        amount.rules["per"] = "per jaar: de jaren opgesomd ('in 2021 en 2022')"
    elif form in ("reeks", "looptijd"):
        amount.per = "totaal"
        amount.rules["per"] = "totaal: een periode genoemd zonder 'per jaar'"
    elif form == "vanaf":
        amount.per = "jaar"
        amount.rules["per"] = "per jaar: 'vanaf' een jaar, zonder einde"
    else:
        amount.rules["per"] = "per onbekend: de zin zegt het niet"
    structural = _nearest(_cues(vocab, "structureel", zin.text, zin.start), amount.start,
                          amount.end, 120)
    if structural:
        amount.structural = structural[0] == "true"
        amount.rules["structureel"] = f"structureel {structural[0]}: '{structural[1]}'"
        if amount.structural and amount.per == "onbekend":
            amount.per = "jaar"
            amount.rules["per"] = f"per jaar: '{structural[1]}'"
