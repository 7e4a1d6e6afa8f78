"""Every message of ``vngkb vraag`` in one place (Dutch; keys stay stable for a
translation)."""

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
    "uitleg-kop": "uitleg: score = {wv}·voorbeeld + {wd}·document + {wi}·ingevuld − "
                  "{wo}·ongebruikt; drempel {drempel}",
    "uitleg-termen": "  termen: {termen}",
    "uitleg-vondsten": "  waarden in de tekst: {vondsten}",
    "uitleg-kandidaat": "  {rang}. {naam}: {score:.3f} = voorbeeld {voorbeeld:.3f} "
                        "(\"{beste}\") + document {document:.3f} + ingevuld {ingevuld}"
                        " − ongebruikt {ongebruikt}",
}
