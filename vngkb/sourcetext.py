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

#: The source's file name (shipped as ``sources/<name>``, see :mod:`vngkb.paths`).
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
    """The source's lines (without line ends); line *n* is ``lines[n - 1]``."""
    return path.read_text(encoding="utf-8").split("\n")


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


def line_range(lines: Sequence[str], first: int, last: int) -> list[str]:
    """Lines *first* to *last* inclusive (1-based)."""
    return list(lines[first - 1 : last])


def contains(lines: Sequence[str], quote: str) -> bool:
    """Whether *quote* (white space folded) stands in *lines* once hyphenation is joined."""
    return fold(quote) in joined_text(lines)


def main(argv: Sequence[str]) -> int:
    """``python -m vngkb.sourcetext SOURCE FIRST LAST``: print a line range as paragraphs."""
    if len(argv) != 3:
        print("usage: python -m vngkb.sourcetext SOURCE FIRST LAST", file=sys.stderr)
        return 2
    lines = read_lines(Path(argv[0]))
    print(paragraphs(line_range(lines, int(argv[1]), int(argv[2]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
