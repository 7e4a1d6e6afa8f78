"""Dutch text as words, folded forms and stems: the one text pipeline of vngkb. The
search (its index and the user's terms) and ``vngkb vraag`` (the question and the
catalogue's phrasings) both go through it, so a word is the same word, with the same
stem, to both.

- **Words.** A word is a run of letters and ASCII digits; an apostrophe between two
  runs joins them (``DU's``, ``regio's``). Hyphens, quotes, braces, other digits and
  every other sign separate words, so ``decentralisatie-uitkering`` is two words and
  nothing a user types can become search-engine syntax.
- **Forms.** A word's form is its folded spelling: lower case without accents, a final
  ``'s`` dropped and other apostrophes removed (``DU's`` → ``du``, ``Financiën`` →
  ``financien``): what cue phrases and stop words are compared with.
- **Stems.** Snowball's Dutch stemmer (Porter's algorithm for Dutch, the library
  ``snowballstemmer``) of the form, so ``uitkeringen`` meets ``uitkering`` and
  ``gemeenten`` meets ``gemeente``; a stem holds only letters and digits.
- **Stop words.** Dutch function words (articles, pronouns, prepositions, conjunctions,
  auxiliaries: :data:`STOP_WORDS`), which say nothing about what a text is about.
  ``vngkb vraag`` leaves them out of its matching (with the question words of its words
  file); the search leaves them out of a query that has other terms.

>>> stems("De gemeenten krijgen financiële middelen")
('de', 'gemeent', 'krijg', 'financiel', 'middel')
>>> [t.form for t in tokens("Welke DU's starten in 2021?")]
['welke', 'du', 'starten', 'in', '2021']
>>> stems("gemeente") == stems("gemeenten"), stems("jeugd") == stems("jeugdhulp")
(True, False)
>>> fold("Financiën")
'financien'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

import snowballstemmer

# Letters and ASCII digits; an apostrophe joins "DU's", "regio's". Anything else
# (punctuation, '_', control characters, non-ASCII digits) separates words.
_WORD = re.compile(r"(?:[^\W\d_]|[0-9])+(?:['’](?:[^\W\d_]|[0-9])+)?")
_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")
# Snowball's classic Dutch algorithm: its newer "dutch" strips the ge- prefix
# ("gemeente" -> "meen") and stems "maatregel" and "maatregelen" apart.
_STEMMER = snowballstemmer.stemmer("dutch_porter")

#: Dutch function words: articles, pronouns, prepositions, conjunctions and auxiliaries,
#: in their folded form. They say nothing about what a text is about.
STOP_WORDS = frozenset({
    "de", "het", "een", "en", "of", "van", "in", "op", "te", "dat", "die", "dit", "deze",
    "is", "zijn", "er", "ik", "je", "jij", "u", "we", "wij", "mij", "me", "mijn", "aan",
    "met", "voor", "naar", "bij", "over", "om", "als", "dan", "ook", "nog", "maar", "zo",
    "niet", "wel", "heeft", "hebben", "wordt", "worden", "word", "was", "waren", "zou",
    "zal", "ze", "zij", "hij", "hun", "uit", "door", "tot", "tegen", "onder", "al", "alle",
})


class Token(NamedTuple):
    """A word of a text: as typed (``text[start:end]``), its form and its stem."""

    text: str
    form: str
    stem: str
    start: int
    end: int


def fold(text: str) -> str:
    """Lower case without accents (``é`` → ``e``, ``ë`` → ``e``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one word (folded first; only letters and digits stay, so a stem can
    never hold a quote or an operator).

    >>> stem("Woningen"), stem("uitkeringen"), stem("Financiële"), stem("2020")
    ('woning', 'uitker', 'financiel', '2020')
    >>> [stem(w) for w in ("moties", "motie", "positieve", "positief", "prijzen", "prijs")]
    ['motie', 'motie', 'positief', 'positief', 'prijs', 'prijs']
    """
    form = fold(word)
    # Two plurals and two spelling changes the Porter algorithm leaves alone, so that
    # "moties" meets "motie", "categorieën" "categorie", "positieve" "positief" and
    # "prijzen" "prijs".
    if form.endswith("ies") and len(form) > 5:
        form = form[:-1]
    elif form.endswith("ieen") and len(form) > 6:
        form = form[:-2]
    stemmed = "".join(_LETTERS_AND_DIGITS.findall(fold(_STEMMER.stemWord(form))))
    if len(stemmed) > 2 and stemmed[-1] in "vz":
        stemmed = stemmed[:-1] + ("f" if stemmed[-1] == "v" else "s")
    return stemmed


class Word(NamedTuple):
    """What the search index keeps of a word: where it stands and its stem."""

    start: int
    end: int
    stem: str


def _tokenize(text: str) -> Iterator[Token]:
    for match in _WORD.finditer(text):
        typed = match.group()
        form = fold(typed)
        if "'" in form or "’" in form:
            form = form.replace("’", "'")
            form = form[:-2] if form.endswith("'s") else form
            form = form.replace("'", "")
        if form:
            stemmed = stem(form)
            if stemmed:
                yield Token(typed, form, stemmed, match.start(), match.end())


@functools.lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[Token, ...]:
    """The words of *text* in order, with their forms, stems and positions (kept for
    texts asked for again: the question's and the catalogue's phrasings)."""
    return tuple(_tokenize(text))


def words(text: str) -> Iterator[Word]:
    """The words of *text* with their positions and stems (for the texts of the KB,
    each read once: not kept)."""
    for token in _tokenize(text):
        yield Word(token.start, token.end, token.stem)


@functools.lru_cache(maxsize=4096)
def forms(text: str) -> tuple[str, ...]:
    """The forms of the words of *text*, in order (for cue phrases)."""
    return tuple(t.form for t in tokens(text))


def stems(text: str) -> tuple[str, ...]:
    """The stems of the words of *text*, in order."""
    return tuple(t.stem for t in tokens(text))
