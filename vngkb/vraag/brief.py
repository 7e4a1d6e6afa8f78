"""Which letter a question in words is about: "in de brief van 2021", "de vorige brief",
"vorig jaar" (the words file's ``brief`` rows, so that a phrasing is data). The letter
is then chosen through :func:`vngkb.query.letters.choose`, as ``--letter`` is.

>>> from vngkb.vraag.woorden import lees_woorden
>>> w = lees_woorden()
>>> genoemd("Welke DU's starten in de brief van 2021?", w)
Genoemd(jaar=2021, vorige=False, rest="Welke DU's starten de brief?")
>>> genoemd("Wat zei de VNG vorig jaar over jeugd?", w)
Genoemd(jaar=None, vorige=True, rest='Wat zei de VNG de brief over jeugd?')
>>> genoemd("Wat zegt de brief over woningbouw?", w) is None
True
"""

from __future__ import annotations

from typing import NamedTuple

from vngkb.text.dutch import forms, tokens
from vngkb.vraag.woorden import Woorden


class Genoemd(NamedTuple):
    """A letter named in a text: by its budget year, or as the letter before the chosen
    one; *rest* is the text with those words read as "de brief" (stop words, which keep
    a phrase such as "wat zegt de brief over" whole)."""

    jaar: int | None
    vorige: bool
    rest: str


def genoemd(tekst: str, woorden: Woorden) -> Genoemd | None:
    """The first letter *tekst* names (longest phrase first at each word), or None. A
    ``jaar`` phrase names a letter only when four ASCII digits follow it."""
    toks = tokens(tekst)
    vormen = [t.form for t in toks]
    phrases = sorted(((forms(words), value) for words, value in woorden.brieven.items()),
                     key=lambda item: -len(item[0]))
    for i in range(len(toks)):
        for phrase, value in phrases:
            n = len(phrase)
            if not phrase or tuple(vormen[i:i + n]) != phrase:
                continue
            if value == "vorige":
                end = toks[i + n - 1].end
                year = None
            else:
                following = toks[i + n] if i + n < len(toks) else None
                if following is None or not (len(following.form) == 4
                                             and following.form.isascii()
                                             and following.form.isdigit()):
                    continue
                end, year = following.end, int(following.form)
            rest = (tekst[:toks[i].start] + "de brief" + tekst[end:]).strip()
            return Genoemd(year, value == "vorige", rest)
    return None
