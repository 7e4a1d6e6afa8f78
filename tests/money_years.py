"""The amounts that count in 2020 and 2021, typed in from the letter (each with its value as
printed and the words that state it), shared by tests/test_totals.py and
tests/test_telling.py."""

from __future__ import annotations

from decimal import Decimal


def mln(printed: str) -> Decimal:
    """'€ 177,9 miljoen' as printed ('177,9') -> 177900000."""
    return Decimal(printed.replace(".", "").replace(",", ".")) * 1_000_000


# (amount, value as printed in miljoen, the words of the letter that state it)
IN_2020 = [
    ("woningbouw-rijksbijdrage-per-jaar", "250", "vier x € 250 miljoen van 2020-2023"),
    ("cybercrime-en-cybersecurity-ncsa-2020", "95",
     "In 2020 is € 95 miljoen beschikbaar voor de uitvoering van de NCSA."),
    # "vanaf 2019 structureel": no last year, carried forward.
    ("cybercrime-en-cybersecurity-personeel-jenv", "4",
     "€ 4 miljoen, oplopend tot € 6 miljoen per jaar voor cybersecurity worden binnen het "
     "ministerie van Justitie en Veiligheid (JenV) vanaf 2019 structureel ingezet voor extra "
     "personeel."),
    ("laaggeletterdheid-du-2020", "5",
     "Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen"),
    ("cultuur-proeftuinen", "1,4",
     "ontvangen 15 regio’s in 2019 en 2020 extra rijksgeld ten behoeve van culturele "
     "proeftuinen. In 11 gevallen loopt de bijdrage via de centrumgemeenten met een bedrag "
     "van jaarlijks ongeveer € 1,4 miljoen als decentralisatie-uitkering in het Gemeentefonds."),
    ("cultuur-bibliotheeklocaties", "1",
     "Hiervoor is er van 2020 tot en met 2022 een decentralisatie-uitkering van € 1 miljoen "
     "per jaar beschikbaar."),
    # The streekomroepen (€ 3 miljoen) and samenwerking (€ 4,5 miljoen) shares of 2020 are
    # parts of this € 7,5 miljoen and are not added again.
    ("media-omroepen-2020", "7,5", "€ 7,5 miljoen in 2020"),
    # "komend jaar" in this letter on the 2020 budget is 2020.
    ("maatschappelijk-verantwoord-inkopen-pilots", "1",
     "Om dit te stimuleren trekt het kabinet komend jaar € 1 miljoen uit."),
    ("klimaatakkoord-aardgasvrije-wijken-2020", "68", "waarvan € 68 miljoen voor 2020."),
    ("regio-deals-regionale-opgaven-2020", "168,1",
     "Het gaat hier voornamelijk om de middelen voor de regionale opgaven (€ 168,1 miljoen "
     "in 2020)."),
    ("werkgevers-en-werkzoekenden-perspectief-op-werk-2020", "35",
     "In 2020 krijgen de 35 arbeidsmarkregio’s opnieuw een extra financiële impuls van € 35 "
     "miljoen voor het inmiddels gestarte programma Perspectief op Werk."),
    ("werkgevers-en-werkzoekenden-arbeidsmarktregios-2020", "7",
     "Voor 2020 is voor versterking van de 35 arbeidsmarktregio’s eenmalig € 7 miljoen. "
     "beschikbaar."),
    ("inburgering-huidige-doelgroep-2020", "20",
     "Om ook de huidige doelgroep de nodige ondersteuning te bieden stelt het kabinet in 2020 "
     "€ 20 miljoen beschikbaar aan gemeenten."),
    # The foreword's "In 2020 krijgen gemeenten 420 miljoen extra" is the same money stated
    # differently (kb/tegenstrijdigheden.ttl); the chapter's tranche counts.
    ("jeugd-tweede-tranche-2020", "300",
     "In 2020 ontvangen de gemeenten de tweede tranche van € 300 miljoen."),
    ("jeugd-gezinshuizen-2020", "6,1", "(in 2020 € 6,1 miljoen extra)"),
    # "per 2019": no last year, carried forward.
    ("abonnementstarief-compensatie", "145",
     "Gemeenten krijgen in het gemeentefonds per 2019 € 145 miljoen als compensatie voor de "
     "meerkosten en inkomstenderving."),
    ("wet-bevorderen-samenwerking-en-rechtmatige-zorg-programma-rechtmatige-zorg-2020", "1,1",
     "In 2020 continueert het ministerie van VWS de uitvoering van de acties en maatregelen "
     "uit dit programma met € 1,1 miljoen."),
    ("geweld-hoort-nergens-thuis-projectenpool-2020-2021", "3",
     "Ook voor de jaren 2020 en 2021 is elk jaar € 3 miljoen beschikbaar voor projectaanvragen"),
    # Chapter 1 prints € 178 miljoen for the same budget; this figure counts. The "€ 22
    # miljoen meer dan eerder begroot" is part of it.
    ("sport-spuk-budget-2020", "177,9",
     "In totaal is in 2020 hiervoor € 177,9 miljoen beschikbaar"),
    ("sport-lokale-sportakkoorden", "10",
     "Er is in de jaren 2019 tot en met 2021 jaarlijks € 10 miljoen beschikbaar voor de opzet "
     "en uitwerking van lokale sportakkoorden."),
    ("preventie-2020", "42,97",
     "In 2020 stelt het kabinet daartoe € 42,97 miljoen ter beschikking."),
    ("aanbesteden-programma-2020", "3,9",
     "Voor het meerjarige programma Inkoop en Aanbesteden Sociaal Domein reserveert het "
     "kabinet voor 2020 € 3,9 miljoen."),
    # The foreword's climate money: chapter 6 gives the warmtefonds (€ 250 miljoen) no
    # year, so the foreword's yearly figure carries that money in 2020 (no euro lost).
    ("voorwoord-klimaat-2020", "200",
     "Ook voor het klimaat trekt het kabinet extra geld uit: 200 miljoen in 2020"),
]
# 250 + 95 + 4 + 5 + 1,4 + 1 + 7,5 + 1 + 68 + 168,1 + 35 + 7 + 20 + 300 + 6,1 + 145 + 1,1
# + 3 + 177,9 + 10 + 42,97 + 3,9 + 200 = € 1.552,97 miljoen, 23 amounts; of which carried
# forward (no last year): 4 + 145 = € 149 miljoen. (Before the one counting rule: 22
# amounts, € 1.352,97 miljoen, the foreword's 200 left out with the fund in no year.)
TOTAAL_2020 = mln("1.552,97")

IN_2021 = [
    ("woningbouw-rijksbijdrage-per-jaar", "250", "vier x € 250 miljoen van 2020-2023"),
    ("cybercrime-en-cybersecurity-personeel-jenv", "4",
     "€ 4 miljoen, oplopend tot € 6 miljoen per jaar voor cybersecurity worden binnen het "
     "ministerie van Justitie en Veiligheid (JenV) vanaf 2019 structureel ingezet voor extra "
     "personeel."),
    # "per 2020 ... € 5 miljoen oplopend tot € 7,3 miljoen in 2024": at least € 5 miljoen
    # until the € 7,3 miljoen of 2024.
    ("laaggeletterdheid-du-2020", "5",
     "Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen"),
    ("cultuur-bibliotheeklocaties", "1",
     "Hiervoor is er van 2020 tot en met 2022 een decentralisatie-uitkering van € 1 miljoen "
     "per jaar beschikbaar."),
    # The samenwerking share of 2021 (€ 4,5 miljoen) is this same part of the € 15 miljoen.
    ("media-omroepen-2021", "4,5", "€ 4,5 miljoen in 2021"),
    ("werkgevers-en-werkzoekenden-arbeidsmarktregios-vanaf-2021", "17",
     "Uit de septembercirculaire van het kabinet blijkt dat vanaf 2021 jaarlijks € 17 miljoen "
     "beschikbaar komt voor ondersteuning van de arbeidsmarktregio’s."),
    ("abonnementstarief-compensatie", "145",
     "Gemeenten krijgen in het gemeentefonds per 2019 € 145 miljoen als compensatie voor de "
     "meerkosten en inkomstenderving."),
    ("geweld-hoort-nergens-thuis-projectenpool-2020-2021", "3",
     "Ook voor de jaren 2020 en 2021 is elk jaar € 3 miljoen beschikbaar voor projectaanvragen"),
    ("sport-lokale-sportakkoorden", "10",
     "Er is in de jaren 2019 tot en met 2021 jaarlijks € 10 miljoen beschikbaar voor de opzet "
     "en uitwerking van lokale sportakkoorden."),
    # The foreword's youth money for 2021: chapter 9 gives no 2021 figure of the € 1.020
    # miljoen for 2019-2021 (a total over a period), so the foreword's carries it.
    ("voorwoord-jeugd-2021-2022", "300", "In 2021 en 2022 is dat 300 miljoen."),
    # The foreword's climate money for 2021, as for 2020.
    ("voorwoord-klimaat-2021", "295", "oplopend naar 295 miljoen in 2021"),
    # RES: only the last year is printed ("tot en met 2021"); the money counts in it.
    ("klimaatakkoord-res", "22,5",
     "Voor de Regionale Energiestrategieën (RES) komt er een bedrag beschikbaar van € 22,5 "
     "miljoen per jaar tot en met 2021"),
]
# 250 + 4 + 5 + 1 + 4,5 + 17 + 145 + 3 + 10 + 300 + 295 + 22,5 = € 1.057 miljoen, 12 amounts;
# carried forward: 4 + 5 + 145 = € 154 miljoen. (Before the one counting rule: 9 amounts,
# € 439,5 miljoen: the foreword's 300 and 295 and the RES € 22,5 miljoen were in no total.)
TOTAAL_2021 = mln("1.057")
