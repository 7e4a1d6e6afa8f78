"""Counts of the shipped letter, typed in from it, that more than one view of the KB
must give (the flat view, the totals, the stats)."""

#: The measures of each chapter of the letter (90 in all).
MEASURES_PER_CHAPTER = {1: 3, 2: 25, 3: 14, 4: 5, 5: 9, 6: 5, 7: 3, 8: 13, 9: 9, 10: 4}

#: The kinds of the 100 amounts, read from the words of the letter.
KINDS_OF_AMOUNT = {
    # "verhoogd van € 152 miljoen"
    "oud-niveau": 1,
    # "€ 228 miljoen aan aanvragen", "€ 74 miljoen meer aangevraagd", "€ 30 miljoen lucht
    # in de aanvragen"
    "aangevraagd": 3,
    # "Het voorlopige budget voor de gebundelde uitkering 2020 bedraagt € 6,1 miljard"
    "raming": 1,
    # "De uitname uit het Gemeentefonds ... € 18 miljoen per jaar"
    "korting": 1,
    # "15 streekomroep-pilots voorgesteld voor 2 x € 6 miljoen"; the amendment "ingediend
    # voor een budget van € 26 miljoen"
    "voorgesteld": 2,
    # regio deals "minimaal € 5 miljoen tot maximaal € 40 miljoen"; projectaanvragen
    # "vanaf € 25.000 tot € 100.000"; "maximale bijdrage van € 17,50" and "€19 per maand"
    "grensbedrag": 6,
    # "rest een gemeentelijk tekort van € 18 miljoen"
    "tekort": 1,
    # "Mogelijk kan ook een overschot van € 7 miljoen ... overgeheveld worden"
    "mogelijk": 1,
    # the other 84 of the 100 amounts
    "beschikbaar": 84,
}

#: Years derived by a reading rule (all other years are printed): MVI "komend jaar" (first
#: and last year 2020); regionale omroepen "in 2019 een tweejarige subsidieregeling" (2019
#: and 2020) and combinatiefuncties "per 2019 een vierjarenuitkering" (last year 2022);
#: the cultuurstelsel 2021-2024 (2021 and 2024).
DERIVED_YEAR_READINGS = {"komend-jaar": 2, "looptijd-vanaf": 3, "periode-in-paragraaf": 2}
