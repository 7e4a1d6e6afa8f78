"""A stretch of the letter as one text, with the source line of every character.

Lines are joined as :func:`vngkb.rdf.sourcetext.joined_text` joins them (a word
hyphenated across a line end is one word again, white space folded), so that a quote
cut from a passage stands in the source as the project's quote check reads it. Footer
lines are skipped: a quote is never cut across one (see :meth:`Passage.quote`).

>>> p = Passage.of(["Om het woningte-", "kort aan te pakken.", "", "Dan een zin."], 10)
>>> p.text
'Om het woningtekort aan te pakken. Dan een zin.'
>>> [(s.text, s.first, s.last) for s in p.sentences()]
[('Om het woningtekort aan te pakken.', 10, 11), ('Dan een zin.', 13, 13)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from vngkb.rdf.sourcetext import _ELISION_NEXT, _LINE_END_HYPHEN

#: A footnote mark a PDF's text glues to the word before it ("miljoen3", "gemeenten.12",
#: "beleid²"): one or two digits, or superscript digits.
FOOTNOTE_MARK = r"[0-9]{1,2}(?![0-9])|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]{1,2}"
# A sentence ends at . ! ? or ; (and a footnote mark after it) before a space and a
# capital, a digit, € or a quote mark, not after the abbreviations letters use ("o.a.",
# "bijv.", "nr.", "c.s."; "mln." and "mld." before a capital do end one: "… € 0,2 mld. Het
# kabinet …"); and before a bullet ("• ", "▪ ", and U+F0B7 of a PDF's symbol font),
# whether or not the item before it ends in a full stop.
_SENTENCE_BREAK = re.compile(rf"(?<=[.!?;])(?:{FOOTNOTE_MARK})?\s+(?=[A-ZÀ-ÝŠŽ€0-9(‘“'\"•])"
                             r"|\s+(?=[•▪●◦■‣⁃\uf0b7\uf0a7]\s)")
_ABBREVIATION = re.compile(r"(?:\b(?:o\.a|bijv|bv|nr|c\.s|e\.a|d\.w\.z|m\.n|i\.p\.v|t\.o\.v|"
                           r"art|ca|resp|jl|incl|excl|zgn|m\.b\.t|i\.c\.m|vs)\.)$",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Zin:
    """A sentence of a passage: its text, offsets in the passage, and its lines."""

    text: str
    start: int
    end: int
    first: int
    last: int


@dataclass(frozen=True)
class Passage:
    text: str
    #: source line of each character of :attr:`text`
    line_of: tuple[int, ...]
    #: lines that are footers (cut a quote there)
    footers: frozenset[int] = frozenset()

    @classmethod
    def of(cls, lines: Sequence[str], first: int, footers: frozenset[int] = frozenset()
           ) -> Passage:
        """The lines *lines*, the first of which is source line *first*."""
        chars: list[str] = []
        owners: list[int] = []
        previous = ""
        for offset, raw in enumerate(lines):
            number = first + offset
            stripped = re.sub(r"\s+", " ", raw.replace("\u00a0", " ")).strip()
            if number in footers or not stripped:
                continue
            if chars and _LINE_END_HYPHEN.search(previous) and not _ELISION_NEXT.match(stripped):
                chars.pop()
                owners.pop()  # the hyphen goes; the word continues on this line
            elif chars:
                chars.append(" ")
                owners.append(number)
            chars.extend(stripped)
            owners.extend([number] * len(stripped))
            previous = stripped
        return cls("".join(chars), tuple(owners), footers)

    def line_at(self, offset: int) -> int:
        return self.line_of[min(max(offset, 0), len(self.line_of) - 1)]

    def sentences(self) -> Iterator[Zin]:
        start = 0
        for match in _SENTENCE_BREAK.finditer(self.text):
            if _ABBREVIATION.search(self.text[max(0, match.start() - 8):match.start()]):
                continue
            yield self._zin(start, match.start())
            start = match.end()
        if start < len(self.text):
            yield self._zin(start, len(self.text))

    def _zin(self, start: int, end: int) -> Zin:
        return Zin(self.text[start:end], start, end, self.line_at(start), self.line_at(end - 1))

    def quote(self, start: int, end: int, keep: int) -> tuple[str, int, int]:
        """The text from *start* to *end* as a quote with its first and last line, cut
        where a footer line lies inside it (keeping the side that holds offset *keep*):
        the project's quote check does not skip footers it does not know."""
        start, end = max(0, start), min(len(self.text), end)
        for offset in range(start + 1, end):
            a, b = self.line_of[offset - 1], self.line_of[offset]
            if any(n in self.footers for n in range(a + 1, b)):
                if offset <= keep:
                    start = offset
                else:
                    end = offset
                    break
        text = self.text[start:end].strip()
        lead = len(self.text[start:end]) - len(self.text[start:end].lstrip())
        start += lead
        return text, self.line_at(start), self.line_at(start + len(text) - 1)
