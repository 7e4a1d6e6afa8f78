"""What ``vngkb interpret`` (and the web page) print about a routing, as lines."""

from __future__ import annotations

from vngkb.i18n import _
from vngkb.vraag import Antwoord, Routering
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
    lines = [_("vraag: geen vraag uit de catalogus past goed genoeg (beste score {score:.2f}, "
               "drempel {drempel:.2f}); de "
               "dichtstbijzijnde:").format(score=best.score, drempel=DREMPEL)]
    for kandidaat in routering.kandidaten[:ONZEKER_AANTAL]:
        lines.append(_("  {naam} ({score:.2f}): {samenvatting}").format(
            naam=kandidaat.vraag.name, score=kandidaat.score,
            samenvatting=kandidaat.vraag.summary))
    lines.append(_("zoeken in de teksten naar {term!r}:").format(term=antwoord.zoekterm))
    if routering.brief is not None:  # the search is of one letter: which
        lines.append(routering.brief.line())
    return lines


def uitleg_regels(routering: Routering) -> list[str]:
    """Why each of the best candidates scored as it did."""
    lines = [_("uitleg: score = {wv}·voorbeeld + {wd}·document + {wi}·ingevuld − {wo}·ongebruikt "
               "(een jaar: {wj}); drempel "
               "{drempel}").format(wv=W_VOORBEELD, wd=W_DOCUMENT, wi=W_INGEVULD,
                                            wo=W_ONGEBRUIKT, wj=W_JAAR_ONGEBRUIKT,
                                            drempel=DREMPEL),
             _("  termen: {termen}").format(termen=" ".join(routering.termen) or "–"),
             _("  waarden in de tekst: {vondsten}").format(vondsten="; ".join(
                 f"{v.woorden!r} → {v.slot} {v.waarde}" for v in routering.vondsten) or "–")]
    for rang, k in enumerate(routering.kandidaten[:UITLEG_AANTAL], start=1):
        lines.append(_("  {rang}. {naam}: {score:.3f} = voorbeeld {voorbeeld:.3f} (\"{beste}\") + "
                       "document {document:.3f} + ingevuld {ingevuld} − ongebruikt "
                       "{ongebruikt}").format(
            rang=rang, naam=k.vraag.name, score=k.score, voorbeeld=k.voorbeeld,
            beste=k.beste_voorbeeld, document=k.document, ingevuld=k.ingevuld,
            ongebruikt=len(k.ongebruikt)
            ) + (f" ({', '.join(k.ongebruikt)})" if k.ongebruikt else ""))
    return lines
