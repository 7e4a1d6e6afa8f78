"""Words and stems: the one tokenizer that both the index and the user's terms go through,
so that a term matches exactly the words of the letter that share its stem.

A word is a run of letters and digits (``\\w`` without the underscore): hyphens, quotes,
braces and every other sign separate words, so ``decentralisatie-uitkering`` is two words
and nothing a user types can become search-engine syntax. Stems come from the Snowball
Dutch stemmer (Porter's algorithm for Dutch), after lower-casing; accents are dropped
after stemming, so ``financiele`` finds ``financiële``.

>>> stems("De gemeenten krijgen financiële middelen")
['de', 'gemeent', 'krijg', 'financiel', 'middel']
>>> stems("gemeente") == stems("gemeenten")
True
>>> stems("jeugd") == stems("jeugdhulp")
False
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

import snowballstemmer

# Letters and digits; '_' is a word character to Python's \w, not to us.
_WORD = re.compile(r"[^\W_]+")
# Snowball's classic Dutch algorithm: its newer "dutch" strips the ge- prefix
# ("gemeente" -> "meen") and stems "maatregel" and "maatregelen" apart.
_STEMMER = snowballstemmer.stemmer("dutch_porter")


class Word(NamedTuple):
    """A word of a text: where it stands (``text[start:end]``) and its stem."""

    start: int
    end: int
    stem: str


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one word (lower-cased, accents dropped after stemming).

    >>> stem("Woningen"), stem("uitkeringen"), stem("Financiële")
    ('woning', 'uitker', 'financiel')
    """
    stemmed = _STEMMER.stemWord(word.lower())
    # Only letters and digits stay, so a stem can never hold a quote or an operator.
    return "".join(_WORD.findall(_strip_accents(stemmed)))


def words(text: str) -> Iterator[Word]:
    """The words of *text*, with their positions and stems."""
    for match in _WORD.finditer(text):
        stemmed = stem(match.group())
        if stemmed:
            yield Word(match.start(), match.end(), stemmed)


def stems(text: str) -> list[str]:
    """The stems of the words of *text*, in order."""
    return [w.stem for w in words(text)]
