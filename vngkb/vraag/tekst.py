"""What ``vngkb interpret`` (and the web page) print about a routing, as lines."""

from __future__ import annotations

from vngkb.vraag import Antwoord, Routering
from vngkb.vraag.berichten import bericht
from vngkb.vraag.matcher import (
    DREMPEL,
    W_DOCUMENT,
    W_INGEVULD,
    W_JAAR_ONGEBRUIKT,
    W_ONGEBRUIKT,
    W_VOORBEELD,
)

#: How many candidates ``--uitleg`` shows, and how many the not-sure message lists.
UITLEG_AANTAL = 5
ONZEKER_AANTAL = 3


def routering_regels(antwoord: Antwoord) -> list[str]:
    """The routing line (``vraag → NAME, jaar=2020``), or, when the router is not sure,
    the message, the closest questions and the search that answers instead."""
    routering = antwoord.routering
    if routering.zeker:
        return [routering.regel()]
    best = routering.kandidaten[0]
    lines = [bericht("onzeker").format(score=best.score, drempel=DREMPEL)]
    for kandidaat in routering.kandidaten[:ONZEKER_AANTAL]:
        lines.append(bericht("kandidaat").format(
            naam=kandidaat.vraag.name, score=kandidaat.score,
            samenvatting=kandidaat.vraag.summary))
    lines.append(bericht("zoeken").format(term=antwoord.zoekterm))
    if routering.brief is not None:  # the search is of one letter: which
        lines.append(routering.brief.line())
    return lines


def uitleg_regels(routering: Routering) -> list[str]:
    """Why each of the best candidates scored as it did."""
    lines = [bericht("uitleg-kop").format(wv=W_VOORBEELD, wd=W_DOCUMENT, wi=W_INGEVULD,
                                            wo=W_ONGEBRUIKT, wj=W_JAAR_ONGEBRUIKT,
                                            drempel=DREMPEL),
             bericht("uitleg-termen").format(termen=" ".join(routering.termen) or "–"),
             bericht("uitleg-vondsten").format(vondsten="; ".join(
                 f"{v.woorden!r} → {v.slot} {v.waarde}" for v in routering.vondsten) or "–")]
    for rang, k in enumerate(routering.kandidaten[:UITLEG_AANTAL], start=1):
        lines.append(bericht("uitleg-kandidaat").format(
            rang=rang, naam=k.vraag.name, score=k.score, voorbeeld=k.voorbeeld,
            beste=k.beste_voorbeeld, document=k.document, ingevuld=k.ingevuld,
            ongebruikt=len(k.ongebruikt)
            ) + (f" ({', '.join(k.ongebruikt)})" if k.ongebruikt else ""))
    return lines
