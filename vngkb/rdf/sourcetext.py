"""The source text of the letter: line ranges as readable text, and checks that a
quote stands in the lines it claims.

The text was extracted from a PDF: page breaks leave a leading space, and words are
hyphenated across line ends (``woningte-`` / ``kort``). Comparison therefore joins
a line ending in a hyphen to the next line, and folds all white space.

>>> lines = ["Om het woningte-", "kort aan te pakken, trekt het kabinet", " een miljard euro uit."]
>>> joined_text(lines)
'Om het woningtekort aan te pakken, trekt het kabinet een miljard euro uit.'
>>> contains(lines, "het woningtekort aan te pakken")
True
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from vngkb.core.errors import InputError
from vngkb.i18n import _

#: The source's file name (shipped as ``sources/<name>``, see :mod:`vngkb.core.paths`).
SOURCE_NAME = "ledenbrief-miljoenennota-2020.txt"

_SPACE = re.compile(r"\s+")
# A hyphen at a line end joins a word broken across lines. A hyphen after a space
# ("coalitie- als") or a line ending in " -" is a real dash and keeps its space.
_LINE_END_HYPHEN = re.compile(r"(?<=[^\s-])-$")
# "fraude-" + "en misbruikbestrijding": an elided compound keeps its hyphen and space.
_ELISION_NEXT = re.compile(r"^(en|of|tot|en/of)\b")
# The PDF's page footer, left once in the middle of a sentence (line 641).
_PAGE_FOOTER = re.compile(r"^\s*Vereniging van Nederlandse Gemeenten\d+\s*$")


def read_lines(path: Path) -> list[str]:
    """The source's lines (without line ends); line *n* is ``lines[n - 1]``. The file is
    read by :func:`vngkb.rdf.files.read_file_text` (a regular UTF-8 file, bounded)."""
    from vngkb.rdf.files import read_file_text

    return read_file_text(path).split("\n")


def line_count(lines: Sequence[str]) -> int:
    """How many lines a text of *lines* (:func:`read_lines`) has: a line end at the very
    end starts no line of its own (``wc -l`` counts the ends, so it misses a last line
    without one).

    >>> [line_count(["a", "b"]), line_count(["a", "b", ""]), line_count([""])]
    [2, 2, 0]
    """
    return len(lines) - 1 if lines and lines[-1] == "" else len(lines)


def fold(text: str) -> str:
    """Fold runs of white space into one space and strip the ends."""
    return _SPACE.sub(" ", text).strip()


def without_page_footers(lines: Sequence[str]) -> list[str]:
    """*lines* without page footers and the blank lines around them.

    >>> without_page_footers(["Een investering van", "", "Vereniging van Nederlandse Gemeenten16",
    ...                       "", "€ 50 miljoen"])
    ['Een investering van', '€ 50 miljoen']
    """
    kept = list(lines)
    for i in [i for i, line in enumerate(kept) if _PAGE_FOOTER.match(line)]:
        start, end = i, i + 1
        while start > 0 and not kept[start - 1].strip():
            start -= 1
        while end < len(kept) and not kept[end].strip():
            end += 1
        kept[start:end] = [None] * (end - start)  # type: ignore[list-item]
    return [line for line in kept if line is not None]


def joined_text(lines: Sequence[str]) -> str:
    """Lines as one text: hyphenated line ends joined, white space folded.

    >>> joined_text(["bestrijding van fraude-", "en misbruik"])
    'bestrijding van fraude- en misbruik'
    """
    parts: list[str] = []
    for line in without_page_footers(lines):
        stripped = line.strip()
        if not stripped:
            continue  # a blank line (page break) can fall inside a hyphenated word
        if parts and _LINE_END_HYPHEN.search(parts[-1]) and not _ELISION_NEXT.match(stripped):
            parts[-1] = parts[-1][:-1] + stripped
        else:
            parts.append(stripped)
    return fold(" ".join(parts))


def paragraphs(lines: Sequence[str]) -> str:
    """Lines as paragraphs (blank lines kept as paragraph breaks), each paragraph joined."""
    blocks: list[list[str]] = [[]]
    for line in without_page_footers(lines):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1] and not _LINE_END_HYPHEN.search(blocks[-1][-1].strip()):
            blocks.append([])
    return "\n\n".join(joined_text(b) for b in blocks if b)


def paragraph_ranges(lines: Sequence[str], first: int, last: int
                     ) -> list[tuple[int, int, str]]:
    """The paragraphs of lines *first* to *last* (1-based, inclusive) with their lines:
    ``(first line, last line, text)``, the text joined as :func:`joined_text` does; a
    blank line ends a paragraph unless it falls inside a hyphenated word, a page footer is
    no paragraph.

    >>> paragraph_ranges(["a", "b-", "", "c", "", "d"], 1, 6)
    [(1, 4, 'a bc'), (6, 6, 'd')]
    """
    found: list[tuple[int, int, str]] = []
    block: list[tuple[int, str]] = []

    def close() -> None:
        text = joined_text([line for _, line in block])
        if text:
            found.append((block[0][0], block[-1][0], text))
        block.clear()

    for number in range(max(first, 1), min(last, len(lines)) + 1):
        line = lines[number - 1]
        if _PAGE_FOOTER.match(line):
            continue
        if line.strip():
            block.append((number, line))
        elif block and not _LINE_END_HYPHEN.search(block[-1][1].strip()):
            close()
    if block:
        close()
    return found


def line_range(lines: Sequence[str], first: int, last: int) -> list[str]:
    """Lines *first* to *last* inclusive (1-based)."""
    return list(lines[first - 1 : last])


def contains(lines: Sequence[str], quote: str) -> bool:
    """Whether *quote* (white space folded) stands in *lines* once hyphenation is joined."""
    return fold(quote) in joined_text(lines)


#: Longest line number accepted as text: any more digits is beyond every source anyway.
_MAX_DIGITS = 9
_NUMBER = re.compile(rf"[0-9]{{1,{_MAX_DIGITS}}}")
_RANGE = re.compile(r"([^-]*)-([^-]*)")


def parse_line_number(text: str) -> int:
    """A 1-based line number written with the ASCII digits 0-9 only.

    >>> parse_line_number("12")
    12
    >>> parse_line_number("١٢")
    Traceback (most recent call last):
    ...
    vngkb.core.errors.InputError: regelnummer '١٢' is geen getal (alleen de cijfers 0-9)
    """
    if not _NUMBER.fullmatch(text):
        # int() would accept Arabic-Indic or full-width digits, spaces and '_': not here.
        if text.isascii() and text.isdigit():
            raise InputError(_("regelnummer van {digits} cijfers ligt voorbij het einde van elke "
                               "bron").format(digits=len(text)))
        raise InputError(_("regelnummer {value!r} is geen getal (alleen "
                           "de cijfers 0-9)").format(value=text[:40]))
    number = int(text)
    if number == 0:
        raise InputError(_("regelnummer {value} bestaat niet: de eerste "
                           "regel is 1").format(value=text))
    return number


def parse_range(args: Sequence[str]) -> tuple[int, int]:
    """``FIRST``, ``FIRST LAST`` or ``FIRST-LAST`` as (first, last).

    >>> parse_range(["11-14"]), parse_range(["11", "14"]), parse_range(["11"])
    ((11, 14), (11, 14), (11, 11))
    """
    if len(args) == 1 and (match := _RANGE.fullmatch(args[0])):
        args = [match.group(1), match.group(2)]
    if len(args) not in (1, 2):
        raise InputError(_("gebruik: python -m vngkb.rdf.sourcetext [--alineas] [--bron BESTAND] "
                           "EERSTE [LAATSTE] (of EERSTE-LAATSTE)"))
    first = parse_line_number(args[0])
    last = parse_line_number(args[-1])
    if first > last:
        raise InputError(_("regels {first}-{last}: de eerste "
                           "regel ligt na de laatste").format(first=first, last=last))
    return first, last


def read_source(path: Path) -> list[str]:
    """:func:`read_lines`: a file that is not a regular file, too big, unreadable or not
    UTF-8 is an :class:`InputError` naming it."""
    return read_lines(path)


def numbered_lines(first: int, last: int, path: Path | None = None) -> list[tuple[int, str]]:
    """Lines *first* to *last* of the source (default: the shipped letter) with their numbers.

    >>> numbered_lines(37, 38)[0]
    (37, 'Jantine Kriens, ')
    """
    from vngkb.core.paths import SOURCE_FILE

    path = SOURCE_FILE if path is None else path
    lines = read_source(path)
    # The line end after the last line starts no line: the text has line_count() lines.
    if last > line_count(lines):
        raise InputError(_("regels {first}-{last}: de "
                           "bron {path} heeft {count} "
                           "regels").format(first=first, last=last, path=path,
                                                   count=line_count(lines)))
    return [(n, lines[n - 1]) for n in range(first, last + 1)]


def format_numbered(lines: Sequence[tuple[int, str]]) -> str:
    """Numbered lines, numbers right-aligned: ``  11  We wisten ...``.

    >>> print(format_numbered([(9, "a "), (10, "b")]))
     9  a
    10  b
    """
    width = len(str(lines[-1][0])) if lines else 1
    return "\n".join(f"{n:>{width}}  {text.rstrip()}" for n, text in lines)


def _parse_argv(argv: Sequence[str]) -> tuple[Path | None, bool, list[str]]:
    """(source, paragraphs, numbers) from the command line; the old form SOURCE FIRST LAST too."""
    source: Path | None = None
    as_paragraphs = False
    numbers: list[str] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("--alineas", "--paragraphs"):
            as_paragraphs = True
        elif arg in ("--bron", "--source"):
            if not args:
                raise InputError(_("optie {option} verwacht een waarde").format(option=arg))
            source = Path(args.pop(0))
        elif arg.startswith("--") or (arg.startswith("-") and not arg[1:2].isdigit()):
            raise InputError(_("onbekende optie {option!r}").format(option=arg[:40]))
        else:
            numbers.append(arg)
    if len(numbers) == 3 and source is None:  # the original form: SOURCE FIRST LAST
        source = Path(numbers.pop(0))
        as_paragraphs = True
    return source, as_paragraphs, numbers


def excerpt(numbers: Sequence[str], *, source: Path | None = None,
            as_paragraphs: bool = False) -> str:
    """Lines *numbers* (``FIRST``, ``FIRST LAST`` or ``FIRST-LAST``) of *source* (default:
    the shipped letter), numbered, or as paragraphs.

    >>> print(excerpt(["37-38"]))
    37  Jantine Kriens,
    38  Algemeen directeur Vereniging van Nederlandse Gemeenten
    """
    first, last = parse_range(numbers)
    lines = numbered_lines(first, last, source)
    if as_paragraphs:
        return paragraphs([text for _, text in lines])
    return format_numbered(lines)


def locate(lines: Sequence[str], quote: str, first: int, last: int) -> tuple[int, int] | None:
    """The shortest line range within *first*..*last* (1-based) whose text holds *quote*
    (hyphenation joined, white space folded), or None.

    >>> locate(["Intro.", "Om het woningte-", "kort aan te pakken.", "Slot."],
    ...        "het woningtekort aan", 1, 4)
    (2, 3)
    """
    wanted = fold(quote)
    last = min(last, len(lines))
    if not wanted or not contains(line_range(lines, first, last), wanted):
        return None
    for end in range(first, last + 1):  # the first line where the quote has ended ...
        if contains(line_range(lines, first, end), wanted):
            for start in range(end, first - 1, -1):  # ... and the last where it starts
                if contains(line_range(lines, start, end), wanted):
                    return start, end
    return None  # pragma: no cover - contains() on the whole range said it is there


def main(argv: Sequence[str]) -> int:
    """``python -m vngkb.rdf.sourcetext [--alineas] [--bron FILE] FIRST [LAST]``: print the
    letter's lines FIRST to LAST, numbered, or as paragraphs the way the KB quotes them.
    Bad input is one line on stderr and exit 2."""
    try:
        source, as_paragraphs, numbers = _parse_argv(argv)
        text = excerpt(numbers, source=source, as_paragraphs=as_paragraphs)
    except InputError as error:
        print(f"vngkb.rdf.sourcetext: {error}", file=sys.stderr)
        return error.exit_code
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head`: the reader has what it wants
        import os

        # Python flushes stdout again at exit: point it at /dev/null so that is quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
