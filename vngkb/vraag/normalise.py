"""Dutch text as tokens for matching: lower case, accents folded, ``'s`` dropped, and
stemmed with a few suffix rules (plural *-en*, *-s*, *-heid*/*-heden*, inflected *-e*, then
the spelling of the bare stem: *jaar*/*jaren* → *jar*, *wetten* → *wet*, *positieve*
→ *positief*), so that *uitkeringen* meets *uitkering* and *financiën* meets
*financien*. Light on purpose: it only has to make a question and the catalogue's
phrasings meet, and it is fast enough to stem the catalogue on every run.

>>> [t.stam for t in tokens("Welke DU's starten in 2021?")]
['welk', 'du', 'start', 'in', '2021']
>>> [stem(w) for w in ("jaren", "jaar", "wetten", "positieve", "moties", "motie")]
['jar', 'jar', 'wet', 'positief', 'motie', 'motie']
>>> fold("Financiën")
'financien'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Letters and ASCII digits; an apostrophe joins "DU's", "regio's". Anything else
# (punctuation, control characters, non-ASCII digits) separates words.
_WORD = re.compile(r"(?:[^\W\d_]|[0-9])+(?:['’](?:[^\W\d_]|[0-9])+)?")
_VOWELS = "aeiouy"
_DOUBLE_VOWEL_END = re.compile(r"([aeou])\1([^aeiouy]+)$")


@dataclass(frozen=True)
class Token:
    """A word of the text: as typed, folded, stemmed, and where it stands."""

    tekst: str
    vorm: str
    stam: str
    begin: int
    eind: int


def fold(text: str) -> str:
    """Lower case without accents (``é`` → ``e``, ``ë`` → ``e``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The stem of a folded word (short words and numbers stay as they are)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith(("heden", "heid")) and len(word) > 7:
        word = word[:-5] if word.endswith("heden") else word[:-4]
    elif word.endswith("ies"):
        word = word[:-1]
    elif word.endswith("en") and len(word) > 4:
        word = word[:-2]
    elif len(word) > 4 and ((word.endswith("s") and not word.endswith("ss"))
                            or (word.endswith("e") and not word.endswith(("ie", "ee")))):
        word = word[:-1]
    if word.endswith("v"):
        word = word[:-1] + "f"
    elif word.endswith("z"):
        word = word[:-1] + "s"
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in _VOWELS:
        word = word[:-1]
    return _DOUBLE_VOWEL_END.sub(r"\1\2", word)


def tokens(text: str) -> tuple[Token, ...]:
    """The words of *text* in order."""
    return _tokens(text)


@functools.lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[Token, ...]:
    found = []
    for match in _WORD.finditer(text):
        typed = match.group()
        vorm = fold(typed)
        if "'" in vorm or "’" in vorm:
            vorm = vorm.replace("’", "'")
            vorm = vorm[:-2] if vorm.endswith("'s") else vorm
            vorm = vorm.replace("'", "")
        if vorm:
            found.append(Token(typed, vorm, stem(vorm), match.start(), match.end()))
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def vormen(text: str) -> tuple[str, ...]:
    """Just the folded words of *text* (for cue phrases)."""
    return tuple(t.vorm for t in tokens(text))


def stems(text: str) -> tuple[str, ...]:
    """Just the stems of *text* (for labels and cue words)."""
    return tuple(t.stam for t in tokens(text))
