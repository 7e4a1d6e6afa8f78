"""Every message of ``vngkb interpret`` in one place (Dutch; keys stay stable for a
translation; English in BERICHTEN_EN)."""

from __future__ import annotations

BERICHTEN: dict[str, str] = {
    "regel": "vraag → {wat}",
    "standaard": "{naam}={waarde} (standaard)",
    "te-lang": "vraag: de tekst is {lengte} tekens lang; hoogstens {max} tekens worden "
               "aangenomen",
    "leeg": "vraag: de tekst is leeg; stel een vraag in woorden, bijvoorbeeld "
            "\"Welke decentralisatie-uitkeringen beginnen in 2020?\"",
    "stopwoorden": "vraag: de tekst bevat geen woorden om op te zoeken (alleen stopwoorden)",
    "onzeker": "vraag: geen vraag uit de catalogus past goed genoeg (beste score {score:.2f}, "
               "drempel {drempel:.2f}); de dichtstbijzijnde:",
    "kandidaat": "  {naam} ({score:.2f}): {samenvatting}",
    "zoeken": "zoeken in de teksten naar {term!r}:",
    "niets-te-zoeken": "vraag: geen vraag past, en de tekst bevat geen woord om op te zoeken",
    "brief-tegenstrijdig": "vraag: de tekst noemt de brief van {tekst}, --letter brief {brief}; "
                           "kies één brief",
    "uitleg-kop": "uitleg: score = {wv}·voorbeeld + {wd}·document + {wi}·ingevuld − "
                  "{wo}·ongebruikt (een jaar: {wj}); drempel {drempel}",
    "uitleg-termen": "  termen: {termen}",
    "uitleg-vondsten": "  waarden in de tekst: {vondsten}",
    "uitleg-kandidaat": "  {rang}. {naam}: {score:.3f} = voorbeeld {voorbeeld:.3f} "
                        "(\"{beste}\") + document {document:.3f} + ingevuld {ingevuld}"
                        " − ongebruikt {ongebruikt}",
}

#: The same messages in English (``--lang en``); the routing itself stays Dutch, as the
#: questions are.
BERICHTEN_EN: dict[str, str] = {
    "regel": "question → {wat}",
    "standaard": "{naam}={waarde} (default)",
    "te-lang": "vraag: the text is {lengte} characters long; at most {max} characters are "
               "accepted",
    "leeg": "vraag: the text is empty; ask a question in words (in Dutch), for example "
            "\"Welke decentralisatie-uitkeringen beginnen in 2020?\"",
    "stopwoorden": "vraag: the text has no words to search for (only stop words)",
    "onzeker": "vraag: no question in the catalogue fits well enough (best score "
               "{score:.2f}, threshold {drempel:.2f}); the closest:",
    "kandidaat": "  {naam} ({score:.2f}): {samenvatting}",
    "zoeken": "searching the texts for {term!r}:",
    "niets-te-zoeken": "vraag: no question fits, and the text has no word to search for",
    "brief-tegenstrijdig": "vraag: the text names the letter of {tekst}, --letter letter "
                           "{brief}; choose one letter",
    "uitleg-kop": "explanation: score = {wv}·example + {wd}·document + {wi}·filled in − "
                  "{wo}·unused (a year: {wj}); threshold {drempel}",
    "uitleg-termen": "  terms: {termen}",
    "uitleg-vondsten": "  values in the text: {vondsten}",
    "uitleg-kandidaat": "  {rang}. {naam}: {score:.3f} = example {voorbeeld:.3f} "
                        "(\"{beste}\") + document {document:.3f} + filled in {ingevuld}"
                        " − unused {ongebruikt}",
}


def bericht(sleutel: str) -> str:
    """The message *sleutel* in the current language.

    >>> from vngkb.i18n import set_lang
    >>> set_lang("en"); bericht("standaard"); set_lang(None)
    '{naam}={waarde} (default)'
    >>> bericht("standaard")
    '{naam}={waarde} (standaard)'
    """
    from vngkb.i18n import current_lang

    return (BERICHTEN_EN if current_lang() == "en" else BERICHTEN)[sleutel]
