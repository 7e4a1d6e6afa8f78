"""The parts of a letter outside its measures: the adopted motions and amendments (with
their submitters and Kamerstuk numbers), the abbreviation list, and the accres tables
(every printed cell an observation with its line, in the model of ``kb/accres.ttl``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from vngkb.ingest.passage import Passage
from vngkb.ingest.structuur import Structuur, ministry_of
from vngkb.ingest.woordenschat import Woordenschat

_MOTION = re.compile(r"(?P<kind>Motie|Amendement)\s+van\s+(?:het\s+lid|de\s+leden)\s+"
                     r"(?P<who>.+?)\s+over\s+(?P<subject>.+?)\.\s*(?P<status>Aangenomen|Verworpen|Aangehouden|"
                     r"Ingediend|Ingetrokken)?\s*[;.]?\s*$", re.IGNORECASE | re.DOTALL)
_AMENDMENT_SUBMITTER = re.compile(r"(?:heeft|hebben)\s+(?:het\s+lid\s+|de\s+leden\s+|de\s+fractie"
                                  r"\s+van\s+)?(?P<who>[A-Z][\w-]*(?:\s+(?:en\s+)?"
                                  r"[A-Z][\w-]*)*)\s+een\s+amendement\s*\((?P<id>[^)]{1,40})\)"
                                  r"\s*(?:ingediend\s+)?(?:voor\s+)?(?P<subject>[^.]*)")
#: A sentence's end inside a motion's text (not "nr. 8").
_SENTENCE_END = re.compile(r"(?<!\bnr)(?<!\bc\.s)\.\s+(?=[A-Z])")
_KAMERSTUK = re.compile(r"[?&]id=(\d{4}Z\d{4,6})")
_BULLET = re.compile(r"^\s*(?:[•·▪\-–*]|\d+[.)])\s*")
_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?%?|-?\d+(?:,\d+)?%?")
_YEARS_AT_END = re.compile(r"^(?P<label>.*?)\s*(?P<years>(?:(?:19|20)\d\d\s+){2,}(?:19|20)\d\d)"
                           r"\s*$")


@dataclass
class Motie:
    title: str
    submitters: list[str]
    subject: str
    status: str
    first: int
    last: int
    kamerstuk: str | None = None
    link: str | None = None
    amendment: bool = False
    passage: Passage | None = None
    rule: str = ""


@dataclass
class Afkorting:
    notation: str
    meaning: str
    ministry: str | None
    line: int
    quote: str


@dataclass
class Tabelcel:
    table: int
    caption: str
    caption_line: int
    header: str
    row: str
    year: int
    printed: str
    value: Decimal
    unit: str  # "EUR" or "PERCENT"
    decimals: int
    scale: int
    line: int
    rule: str = ""
    last_table_line: int = 0


def _names(text: str) -> list[str]:
    text = re.sub(r"\s+c\.s\.?$", "", text.strip())
    parts = re.split(r",\s*|\s+en\s+", text)
    return [p.strip() for p in parts if p.strip()]


def motions(structure: Structuur) -> list[Motie]:
    """The motions (one per bullet "Motie van het lid/de leden X over Y. Aangenomen;")
    and amendments of the motions section, with Kamerstuk numbers from the links printed
    below them, in order."""
    section = structure.section("moties")
    if section is None:
        return []
    lines = structure.lines
    items: list[tuple[int, int]] = []
    start = None
    for n in range(section.first + 1, section.last + 1):
        text = lines[n - 1]
        if (_BULLET.match(text) and ("otie" in text or "mendement van" in text)) or re.match(
                r"^\s*(?:Motie|Amendement)\s+van", text):
            if start is not None:
                items.append((start, _trim(structure, start, n - 1)))
            start = n
        elif start is not None and ("://" in text or re.match(r"^\s*(Daarnaast|Ook|Verder)",
                                                               text)):
            items.append((start, _trim(structure, start, n - 1)))
            start = None
    if start is not None:
        items.append((start, _trim(structure, start, section.last)))
    links = [(n, line) for n in range(section.first, section.last + 1)
             if "://" in (line := lines[n - 1])]
    result: list[Motie] = []
    for first, last in items:
        passage = Passage.of(lines[first - 1:last], first, frozenset(structure.footers))
        text = _BULLET.sub("", passage.text)
        m = _MOTION.search(text)
        if not m:
            continue
        status = (m.group("status") or "").lower()
        shift = len(passage.text) - len(text)  # the bullet taken off the front
        # the subject as a quote: cut where a page footer lies inside it
        # the subject ends at its sentence's end ("... (Kamerstuk 35 925, nr. 8). Het
        # amendement vraagt ...": what follows is about it, not its subject)
        end = m.end("subject")
        cut = _SENTENCE_END.search(text, m.start("subject"), end)
        if cut:
            end = cut.start()
        subject = passage.quote(shift + m.start("subject"), shift + end,
                                shift + m.start("subject"))[0]
        amendment = m.group("kind").lower() == "amendement"
        title = re.sub(r"\.\s*(Aangenomen|Verworpen).*$", "", text).strip()
        cut = _SENTENCE_END.search(title)
        result.append(Motie(title=title[:cut.start()] if cut and amendment else title,
                            submitters=_names(m.group("who")), subject=subject,
                            status="aangenomen" if status == "aangenomen" else "ingediend",
                            first=first, last=last, passage=passage, amendment=amendment,
                            rule=f"{m.group('kind').lower()}: '{m.group('kind')} van ... "
                                 "over ...'"))
    motion_links = links  # printed below the motions, one per motion, in their order
    if len(motion_links) == len(result):
        for motion, (n, line) in zip(result, motion_links, strict=True):
            found = _KAMERSTUK.search(line)
            motion.kamerstuk = found.group(1) if found else None
            motion.link = line.strip() if line.strip().startswith("http") else None
            motion.rule += f"; Kamerstuk uit de link op regel {n} (in volgorde)"
    body = Passage.of(lines[section.first - 1:section.last], section.first,
                      frozenset(structure.footers))
    for zin in body.sentences():
        a = _AMENDMENT_SUBMITTER.search(zin.text)
        if a:
            result.append(Motie(title=f"Amendement van {a.group('who')} ({a.group('id')})",
                                submitters=_names(a.group("who")),
                                subject=a.group("subject").strip() or zin.text,
                                status="ingediend", first=zin.first, last=zin.last,
                                kamerstuk=a.group("id").strip(), amendment=True,
                                passage=Passage.of(lines[zin.first - 1:zin.last], zin.first,
                                                   frozenset(structure.footers)),
                                rule="amendement: '... heeft een amendement (nummer)'"))
    return result


def _trim(structure: Structuur, first: int, last: int) -> int:
    while last > first and (not structure.lines[last - 1].strip()
                            or last in structure.footers):
        last -= 1
    return last


def abbreviations(structure: Structuur, vocab: Woordenschat) -> list[Afkorting]:
    section = structure.section("afkortingen")
    if section is None:
        return []
    found: list[Afkorting] = []
    for n in range(section.first + 1, section.last + 1):
        text = structure.lines[n - 1]
        m = re.match(r"^\s*(\S{1,12})(?:\s*\t\s*|\s{2,}|\s+[-–:]\s+)(\S.*?)\s*$", text)
        if not m:
            continue
        meaning = m.group(2)
        found.append(Afkorting(m.group(1), meaning, ministry_of(meaning, vocab), n,
                               re.sub(r"\s+", " ", text).strip()))
    return found


def tables(structure: Structuur) -> list[Tabelcel]:
    """Every printed cell of the tables ("Tabel N. caption") in the accres analysis: a
    header line that ends in years, then rows of a label and one number per year."""
    section = structure.section("accres")
    if section is None:
        return []
    lines = structure.lines
    cells: list[Tabelcel] = []
    table, caption, caption_line, scale, header = 0, "", 0, 1000, ""
    years: list[int] = []
    scale_rule = ""
    for n in range(section.first, section.last + 1):
        text = re.sub(r"\s+", " ", lines[n - 1].replace("\u00a0", " ")).strip()
        cap = re.match(r"^Tabel\s+(\d+)[.:]?\s*(.*)$", text)
        if cap:
            table, caption, caption_line = int(cap.group(1)), text, n
            years, header = [], ""
            if re.search(r"duizenden", text, re.IGNORECASE):
                scale, scale_rule = 1000, "schaal 1000: 'in duizenden' in het bijschrift"
            elif re.search(r"miljoenen", text, re.IGNORECASE):
                scale, scale_rule = 1_000_000, "schaal 10^6: 'in miljoenen' in het bijschrift"
            else:
                scale, scale_rule = 1000, ("schaal 1000 aangenomen: het bijschrift noemt geen "
                                           "eenheid (na te kijken)")
            continue
        if not table or not text:
            continue
        head = _YEARS_AT_END.match(text)
        if head and len(head.group("years").split()) >= 3:
            printed = head.group("years").split()
            # "Meicirculaire 2019 2019 2020 ...": the columns are the increasing run at the
            # end; a year before it belongs to the header's label
            k = len(printed) - 1
            while k > 0 and int(printed[k - 1]) < int(printed[k]):
                k -= 1
            years = [int(y) for y in printed[k:]]
            header = (head.group("label") + " " + " ".join(printed[:k])).strip()
            continue
        if not years:
            continue
        numbers = list(_NUMBER.finditer(text))
        if len(numbers) < len(years):
            if re.match(r"^[A-Z]", text) and len(text) > 60:
                table, years = 0, []  # prose again: the table ended
            continue
        cells_of_row = numbers[-len(years):]
        label = text[:cells_of_row[0].start()].strip()
        if not label or not re.search(r"[A-Za-z]", label):
            continue
        for year, m in zip(years, cells_of_row, strict=True):
            printed = m.group(0)
            percent = printed.endswith("%")
            digits = printed.rstrip("%")
            decimals = len(digits.split(",")[1]) if "," in digits else 0
            number = Decimal(digits.replace(".", "").replace(",", "."))
            if percent:
                value, unit, precision, factor = number, "PERCENT", decimals, 1
            else:
                value = number * scale
                unit, factor = "EUR", scale
                precision = decimals - len(str(scale)) + 1
            cells.append(Tabelcel(table, caption, caption_line, header, label, year, printed,
                                  value, unit, precision, factor, n,
                                  "cel: kolom " + str(year) + " van de kop '" + header + "'"
                                  + ("" if percent else "; " + scale_rule)))
    return cells
