"""Dutch number words ("telwoorden") below a thousand, as letters write them before
"miljoen" or "miljard": ``tien``, ``vijfentwintig``, ``zeshonderd``,
``tweehonderdvijftig``, ``drieëntachtig``. Written as one word, the way Dutch spells
them; a figure in digits is read elsewhere.

>>> [telwoord(w) for w in ("zeshonderd", "vijfentwintig", "drieëntachtig", "honderdtwintig")]
[600, 25, 83, 120]
>>> telwoord("tweehonderdvijftig"), telwoord("negentien"), telwoord("zevenhonderd")
(250, 19, 700)
>>> telwoord("honderdduizend") is None, telwoord("aandacht") is None
(True, True)
"""

from __future__ import annotations

import re

_UNITS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
          "zeven": 7, "acht": 8, "negen": 9}
_TEENS = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
          "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19}
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
         "zeventig": 70, "tachtig": 80, "negentig": 90}


def _alternation(words: dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_BELOW_100 = (rf"(?:{_alternation(_TEENS)}|(?:(?:{_alternation(_UNITS)})(?:en|ën))?"
              rf"(?:{_alternation(_TENS)})|{_alternation(_UNITS)})")
#: One number word below a thousand (the pattern does not check word boundaries).
PATTERN = rf"(?:(?:(?:{_alternation(_UNITS)})?honderd(?:en)?{_BELOW_100}?)|{_BELOW_100})"
_WHOLE = re.compile(PATTERN, re.IGNORECASE)


def _below_100(word: str) -> int:
    if word in _TEENS:
        return _TEENS[word]
    if word in _UNITS:
        return _UNITS[word]
    for tens, value in _TENS.items():
        if word.endswith(tens):
            unit = word[: -len(tens)]
            if not unit:
                return value
            return value + _UNITS[unit[:-2]]  # "vijf" + "en" + "twintig"
    raise ValueError(word)


def telwoord(word: str) -> int | None:
    """The value of *word*, a Dutch number word below 1000, or None."""
    word = word.lower()
    if not _WHOLE.fullmatch(word):
        return None
    if "honderd" in word:
        before, _, after = word.partition("honderd")
        hundreds = _UNITS[before] if before else 1
        after = after[2:] if after.startswith("en") and after[2:] else after
        return hundreds * 100 + (_below_100(after) if after else 0)
    return _below_100(word)
