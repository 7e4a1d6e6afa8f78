"""The letter's structure from its lines: page footers, the Voorwoord, the accres
analysis, the chapters (numbered headings, and one whose heading the PDF lost), the
measures (title, "Wat wil het kabinet?", "Wat betekent dit voor gemeenten?", first and
last line), the motions and the abbreviation list.

Line numbers are 1-based and refer to the text ingest writes as ``bron.txt``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from vngkb.ingest.woordenschat import Woordenschat
from vngkb.rdf.namespaces import TOOI_MINISTERIE
from vngkb.rdf.sourcetext import joined_text

#: "Wat wil het kabinet?" and its spelling variants ("Wat wilt het kabinet", no "het").
WIL = re.compile(r"^\s*Wat\s+wilt?\s+(?:het\s+|dit\s+)?kabinet\b\s*\??\s*$", re.IGNORECASE)
#: "Wat betekent dit voor (de) gemeenten?" and variants ("dat", "het", no question mark).
BETEKENT = re.compile(r"^\s*Wat\s+betekent\s+(?:dit|dat|het)\s+voor\s+(?:de\s+)?gemeenten?\b"
                      r"\s*\??\s*$", re.IGNORECASE)
#: A numbered chapter heading: "1<TAB> Financiën", "Hoofdstuk 3 Justitie", "4. Onderwijs",
#: "HOOFDSTUK 5: Defensie", "6 – Financiën".
_CHAPTER = re.compile(r"^\s*(?:(?i:Hoofdstuk)\s+)?(\d{1,2})(?:\s*\t\s*|\s*[:–-]\s*|[.)]?\s+)"
                      r"(\S.*?)\s*$")
#: Unnumbered section headings of the template, by the words they start with.
_SECTIONS = (
    ("voorwoord", re.compile(r"^\s*Voorwoord\s*$", re.IGNORECASE)),
    ("accres", re.compile(r"^\s*(?:\d{1,2}\s*\t\s*)?Analyse\s+(?:van\s+het\s+)?accres\b",
                          re.IGNORECASE)),
    ("moties", re.compile(r"^\s*(?:\d{1,2}\s*\t\s*)?(?:Aangenomen\s+)?Moties\b.{0,60}$",
                          re.IGNORECASE)),
    ("afkortingen", re.compile(r"^\s*(?:\d{1,2}\s*\t\s*)?(?:Veel\s+)?(?:gebruikte\s+)?"
                               r"afkortingen\s*:?\s*$", re.IGNORECASE)),
)
#: The PDF footer of VNG letters ("Vereniging van Nederlandse Gemeenten16") and a page
#: number alone on its line ("12", "Pagina 3 van 40").
_FOOTER = re.compile(r"^\s*(?:Vereniging van Nederlandse Gemeenten\s*\d+|(?:pagina\s*)?\d{1,3}"
                     r"(?:\s*(?:/|van)\s*\d{1,3})?)\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
_TITLE_MAX_LINES = 3
_TITLE_MAX_CHARS = 110


@dataclass
class Hoofdstuk:
    number: int
    name: str
    ministry: str  # TOOI IRI
    first: int
    last: int = 0
    heading_lines: tuple[int, int] = (0, 0)
    #: why: "kop" (a printed heading) or the evidence for a lost heading
    rule: str = "kop"
    lost: bool = False


@dataclass
class Maatregel:
    title: str
    first: int  # the title's first line
    title_last: int
    wil: int  # line of "Wat wil het kabinet?"
    betekent: int  # line of "Wat betekent dit voor gemeenten?" (0: missing)
    last: int = 0
    chapter: int = 0  # index into Structuur.chapters
    title_rule: str = ""
    ministries: list[str] = field(default_factory=list)  # every ministry the text names


@dataclass
class Sectie:
    kind: str
    first: int
    last: int
    title: str


@dataclass
class Structuur:
    lines: list[str]
    footers: set[int]
    sections: list[Sectie]
    chapters: list[Hoofdstuk]
    measures: list[Maatregel]

    def section(self, kind: str) -> Sectie | None:
        return next((s for s in self.sections if s.kind == kind), None)

    def text_lines(self, first: int, last: int) -> list[str]:
        """Lines *first*..*last*, footers blanked (so that joining skips them)."""
        return ["" if n in self.footers else self.lines[n - 1] for n in range(first, last + 1)]


def line(lines: Sequence[str], n: int) -> str:
    return lines[n - 1] if 1 <= n <= len(lines) else ""


def find_footers(lines: Sequence[str]) -> set[int]:
    """Line numbers of page footers: the VNG footer, page numbers alone, and any short line
    that repeats three or more times with only its digits changing (a running footer or
    header) and is not a template marker."""
    footers = {n for n, text in enumerate(lines, 1) if text.strip() and _FOOTER.match(text)}
    shapes: Counter[str] = Counter()
    for text in lines:
        stripped = text.strip()
        if (stripped and len(stripped) < 90 and not WIL.match(text) and not BETEKENT.match(text)
                and "://" not in stripped):
            shapes[re.sub(r"\d+", "#", stripped)] += 1
    repeated = {shape for shape, count in shapes.items() if count >= 3}
    for n, text in enumerate(lines, 1):
        stripped = text.strip()
        if stripped and "://" not in stripped and re.sub(r"\d+", "#", stripped) in repeated:
            footers.add(n)
    return footers | find_footnotes(lines, footers)


#: A footnote at the foot of a page: its number, then its text ("3 Zie de brief van ...").
_FOOTNOTE = re.compile(r"^\s*([0-9]{1,2})\s+\S")
_FOOTNOTE_REACH = 80  # lines between a footnote mark and its note, at most
_FOOTNOTE_LINES = 3  # lines of one note, at most


def find_footnotes(lines: Sequence[str], footers: set[int]) -> set[int]:
    """Line numbers of footnotes: a run of lines at the foot of a page (nothing but blank
    lines between its end and a page footer or header) of which each note starts with a
    number *k* that an earlier line, at most 80 lines up, glues to a word as a footnote
    mark ("miljoen3", "gemeenten.3"); a note may run over up to three lines."""
    found: set[int] = set()
    for foot in sorted(footers):
        n = foot - 1
        while n >= 1 and not line(lines, n).strip():
            n -= 1
        run: list[int] = []
        while n >= 1 and n not in footers and line(lines, n).strip() and len(run) < 12:
            run.append(n)
            match = _FOOTNOTE.match(line(lines, n))
            if match and _marked(lines, n, match.group(1)):
                found.update(run[-_FOOTNOTE_LINES:])
                run = []
            n -= 1
    return found


def _marked(lines: Sequence[str], note: int, number: str) -> bool:
    mark = re.compile(rf"[^\W\d_][.,;:)’”]?{number}(?![0-9])")
    return any(mark.search(line(lines, n)) and not WIL.match(line(lines, n))
               for n in range(max(1, note - _FOOTNOTE_REACH), note))


def ministry_of(name: str, vocab: Woordenschat) -> str | None:
    """The TOOI ministry a chapter name or phrase names: the longest cue that matches."""
    best: tuple[int, str] | None = None
    for cue in vocab.of("ministerie"):
        for match in cue.pattern.finditer(name):
            length = match.end() - match.start()
            if best is None or length > best[0]:
                best = (length, TOOI_MINISTERIE + "mnre" + cue.value)
    return best[1] if best else None


def ministries_named(text: str, vocab: Woordenschat) -> list[str]:
    """Every ministry *text* names, in order of first mention."""
    found: list[tuple[int, str]] = []
    for cue in vocab.of("ministerie"):
        match = cue.pattern.search(text)
        if match:
            found.append((match.start(), TOOI_MINISTERIE + "mnre" + cue.value))
    seen: list[str] = []
    for _, iri in sorted(found):
        if iri not in seen:
            seen.append(iri)
    return seen


def _is_blank(lines: Sequence[str], n: int, footers: set[int]) -> bool:
    return n in footers or not line(lines, n).strip()


def _title(lines: Sequence[str], wil: int, footers: set[int], floor: int) -> tuple[int, int, str]:
    """The title above the marker on line *wil*: (first line, last line, rule). The title
    is the end of the block of text above the marker: its last line, and the lines before
    it up to the previous blank line, as long as none of them ends a sentence (a title
    over two lines); a line that starts with a space after a sentence end is a title glued
    to the previous paragraph by a page break."""
    last = wil - 1
    while last > floor and _is_blank(lines, last, footers):
        last -= 1
    first = last
    rule = "titel: tekstblok boven 'Wat wil het kabinet?'"
    while first - 1 > floor and not _is_blank(lines, first - 1, footers):
        above = line(lines, first - 1).rstrip()
        if (_SENTENCE_END.search(above) or last - first + 1 >= _TITLE_MAX_LINES
                or len(above.strip()) > _TITLE_MAX_CHARS or _CHAPTER.match(above)):
            if line(lines, first).startswith(" ") or _SENTENCE_END.search(above):
                rule = ("titel: aan de vorige alinea vastgeplakt door een paginawissel"
                        if line(lines, first).startswith(" ") else rule)
            break
        first -= 1
    return first, last, rule


def _heading_name(lines: Sequence[str], n: int, rest: str, footers: set[int]) -> tuple[str, int]:
    """A heading's name, with a continuation line ("Binnenlandse Zaken en" /
    "Koninkrijksrelaties"): (name, last line of the heading)."""
    name, last = rest.strip(), n
    following = line(lines, n + 1).strip()
    if (following and n + 1 not in footers and not _SENTENCE_END.search(name)
            and len(following) < 60 and not WIL.match(following)
            and _is_blank(lines, n + 2, footers)
            and (name.endswith((" en", ",")) or following[:1].islower() or len(name) < 40)):
        name, last = f"{name} {following}", n + 1
    return re.sub(r"\s+", " ", name), last


#: An entry of a table of contents: a heading's words, then its page number.
_CONTENTS_ENTRY = re.compile(r"(?:\s|\.{2,}|\t)\d{1,3}\s*$")


def _sections(lines: Sequence[str], footers: set[int]) -> list[tuple[str, int, int, str]]:
    """The template's unnumbered sections, each at its first heading; an entry of the
    table of contents ("Moties en amendementen 31") only when no heading follows."""
    found: list[tuple[str, int, int, str]] = []
    for n, text in enumerate(lines, 1):
        if n in footers or len(text.strip()) > 70:
            continue
        for kind, pattern in _SECTIONS:
            if not pattern.match(text):
                continue
            earlier = next((f for f in found if f[0] == kind), None)
            if earlier is not None and not _CONTENTS_ENTRY.search(line(lines, earlier[1])):
                continue
            if earlier is not None:
                if _CONTENTS_ENTRY.search(text):
                    continue
                found.remove(earlier)
            name, last = _heading_name(lines, n, text.strip().lstrip("0123456789\t "), footers)
            found.append((kind, n, last, name))
    return found


def _chapter_headings(lines: Sequence[str], footers: set[int],
                      vocab: Woordenschat) -> list[Hoofdstuk]:
    chapters: list[Hoofdstuk] = []
    for n, text in enumerate(lines, 1):
        match = _CHAPTER.match(text)
        if not match or len(text.strip()) > 80:
            continue
        if n in footers and any(line(lines, k).strip() == text.strip() for k in range(1, n)):
            continue  # a running page header that repeats the heading printed before
        number = int(match.group(1))
        if _CONTENTS_ENTRY.search(match.group(2)):
            continue  # "1. Financiën 5": the table of contents, not the heading
        name, last = _heading_name(lines, n, match.group(2), footers)
        ministry = ministry_of(name, vocab)
        if ministry is None or not 1 <= number <= 30 or _SENTENCE_END.search(name):
            continue
        chapters.append(Hoofdstuk(number=number, name=name, ministry=ministry, first=n,
                                  heading_lines=(n, last)))
    return chapters


def parse(lines: Sequence[str], vocab: Woordenschat) -> Structuur:
    """The structure of the letter *lines*."""
    footers = find_footers(lines)
    section_heads = _sections(lines, footers)
    chapters = _chapter_headings(lines, footers, vocab)
    heading_lines = {n for _, a, b, _ in section_heads for n in range(a, b + 1)}
    heading_lines |= {n for c in chapters for n in range(c.heading_lines[0],
                                                         c.heading_lines[1] + 1)}
    wil_lines = [n for n, text in enumerate(lines, 1) if WIL.match(text)]
    betekent_lines = [n for n, text in enumerate(lines, 1) if BETEKENT.match(text)]
    measures: list[Maatregel] = []
    floor = 0
    for i, wil in enumerate(wil_lines):
        barrier = max([h for h in heading_lines if h < wil] + [floor])
        first, title_last, rule = _title(lines, wil, footers, barrier)
        title_text = " ".join(line(lines, n).strip() for n in range(first, title_last + 1))
        next_wil = wil_lines[i + 1] if i + 1 < len(wil_lines) else len(lines) + 1
        betekent = next((b for b in betekent_lines if wil < b < next_wil), 0)
        measures.append(Maatregel(title=_clean_title(title_text), first=first,
                                  title_last=title_last, wil=wil, betekent=betekent,
                                  title_rule=rule))
        floor = wil
    # Boundaries: a measure ends before the next measure's title, heading or section.
    starts = sorted({m.first for m in measures} | {c.first for c in chapters}
                    | {s[1] for s in section_heads} | {len(lines) + 1})
    for m in measures:
        end = next(s for s in starts if s > m.first) - 1
        while end > m.wil and _is_blank(lines, end, footers):
            end -= 1
        m.last = end
    sections = _section_ranges(lines, footers, section_heads, chapters, measures)
    _assign_chapters(lines, footers, chapters, measures, sections, vocab)
    return Structuur(list(lines), footers, sections, chapters, measures)


def _clean_title(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _section_ranges(lines: Sequence[str], footers: set[int],
                    heads: list[tuple[str, int, int, str]], chapters: list[Hoofdstuk],
                    measures: list[Maatregel]) -> list[Sectie]:
    starts = sorted({h[1] for h in heads} | {c.first for c in chapters}
                    | {m.first for m in measures} | {len(lines) + 1})
    sections: list[Sectie] = []
    for kind, first, _, title in heads:
        end = next(s for s in starts if s > first) - 1
        while end > first and _is_blank(lines, end, footers):
            end -= 1
        sections.append(Sectie(kind, first, end, title))
    if not any(s.kind == "voorwoord" for s in sections):
        # No heading: the text before the first section or chapter is the foreword when it
        # holds prose (a letter that opens with "Voorwoord" lost in the PDF).
        first_start = min(starts)
        if first_start > 3:
            sections.append(Sectie("voorwoord", 1, first_start - 1, "Voorwoord"))
    return sorted(sections, key=lambda s: s.first)


def _assign_chapters(lines: Sequence[str], footers: set[int], chapters: list[Hoofdstuk],
                     measures: list[Maatregel], sections: list[Sectie],
                     vocab: Woordenschat) -> None:
    for m in measures:
        text = " ".join(line(lines, n) for n in range(m.first, m.last + 1))
        m.ministries = ministries_named(text, vocab)
    chapters.sort(key=lambda c: c.first)
    for m in measures:
        m.chapter = max((i for i, c in enumerate(chapters) if c.first < m.first), default=-1)
    if chapters:
        # the last chapter, and a chapter after which one number is missing ("6", then
        # "8"): a heading lost in the middle, from the back so that indexes stay right
        for index in range(len(chapters) - 1, -1, -1):
            if index == len(chapters) - 1:
                _find_lost_chapter(lines, chapters, measures, vocab, index)
            elif chapters[index + 1].number == chapters[index].number + 2:
                # the missing number is evidence enough: no page break needed
                _find_lost_chapter(lines, chapters, measures, vocab, index, page_break=False)
    ends = sorted({c.first for c in chapters} | {s.first for s in sections if s.kind in
                  ("moties", "afkortingen")} | {len(lines) + 1})
    for i, c in enumerate(chapters):
        own = [m for m in measures if m.chapter == i]
        end = next((e for e in ends if e > c.first), len(lines) + 1) - 1
        if own:
            end = max(end if end >= own[-1].last else own[-1].last, own[-1].last)
        while end > c.first and _is_blank(lines, end, footers):
            end -= 1
        c.last = end


def _find_lost_chapter(lines: Sequence[str], chapters: list[Hoofdstuk],
                       measures: list[Maatregel], vocab: Woordenschat, index: int,
                       page_break: bool = True) -> None:
    """A chapter whose heading the PDF lost: at the end of chapter *index*, a run of
    measures (the first starting after a page break) that never names the chapter's
    ministry while one of them names another ministry or budget chapter (the page break
    is not needed when the next chapter's number shows one missing). It gets the next
    number and the ministry the run names; its name is that ministry's budget chapter as
    printed ("hoofdstuk Buitenlandse Handel ..."), else the ministry's name."""
    last_index = index
    own = [m for m in measures if m.chapter == last_index]
    chapter = chapters[last_index]
    for k in range(1, len(own) - 1):
        run = own[k:]
        start = run[0]
        if page_break and not line(lines, start.first).startswith(" "):
            continue  # a chapter starts on a new page: a page break before its first title
        if any(chapter.ministry in m.ministries for m in run):
            continue
        named = Counter(iri for m in run for iri in m.ministries if iri != chapter.ministry)
        if not named:
            continue
        ministry = named.most_common(1)[0][0]
        if not page_break and ministry not in start.ministries:
            continue  # without a page break, the run's first measure names its ministry
        text = joined_text(lines[start.first - 1:run[-1].last])
        printed = re.search(r"hoofdstuk\s+([A-Z][\w ]+?(?:en [A-Z]\w+)?)(?=\s+(?:zijn|is|van|"
                            r"wordt|worden)\b|[.,])", text)
        name = printed.group(1).strip() if printed else vocab.ministries.get(
            ministry, ministry).removeprefix("Ministerie van ")
        new = Hoofdstuk(number=chapter.number + 1, name=name, ministry=ministry,
                        first=start.first, heading_lines=(start.first, start.first),
                        rule=("hoofdstuk zonder kop: " + (
                            "vanaf een paginawissel" if page_break else
                            f"na hoofdstuk {chapter.number} ontbreekt nummer "
                            f"{chapter.number + 1}; vanaf deze paragraaf") + " noemen de "
                              f"paragrafen {vocab.ministries.get(ministry, ministry)} en "
                              "nooit het ministerie van het vorige hoofdstuk"
                              + (f"; naam gedrukt: 'hoofdstuk {name}'" if printed else "")),
                        lost=True)
        chapters.insert(last_index + 1, new)
        for m in measures:
            if m.chapter > last_index:
                m.chapter += 1
        for m in run:
            m.chapter = last_index + 1
        return
