"""``vngkb show NAME`` (vngkb.reports.measure_detail): a measure with its fields, amounts, stance,
motions and its own numbered lines of the letter."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from vngkb.cli.commands import main
from vngkb.core.errors import InputError
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.query.store import EmbeddedStore
from vngkb.reports.measure_detail import euro, measure_view, resolve


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_toon_prints_the_measures_numbered_lines(source_lines: list[str]) -> None:
    code, out, err = run("toon", "laaggeletterdheid")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    start = lines.index("De brief, regels 1348-1374:")
    numbered = lines[start + 1:]
    assert len(numbered) == 1374 - 1348 + 1
    assert numbered[0] == "1348  Laaggeletterdheid"
    assert numbered[-1] == "1374  bibliotheken e.a."
    assert numbered[19] == ("1367  De specifieke uitkering volwasseneneducatie van ruim €\u00a060 "
                            "miljoen aan de 35 Web-contactgemeenten")
    for text in numbered:
        number, _, rest = text.partition("  ")
        assert rest == source_lines[int(number) - 1].rstrip()


def test_toon_prints_fields_stance_amounts() -> None:
    _, out, _ = run("toon", "laaggeletterdheid")
    assert out.startswith("Laaggeletterdheid (laaggeletterdheid)\n")
    assert "Hoofdstuk:        4. Onderwijs, Cultuur en Sport\n" in out
    assert "Standpunt VNG:    neutraal\n" in out
    assert "Wetten:           Participatiewet (BWBR0015703)\n" in out
    assert "Jaren:            2020, 2024\n" in out
    assert ("- € 5.000.000 (per jaar; vanaf 2020; soort beschikbaar gesteld; ontvanger\n"
            "  centrumgemeenten; instrument decentralisatie-uitkering; regel 1368)\n") in out
    assert ("- € 60.000.000 (periode onbekend; soort beschikbaar gesteld; ruim; ontvanger\n"
            "  centrumgemeenten;") in out
    assert "“Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen”" in out


def test_toon_text_fits_80_columns_apart_from_the_letters_own_lines() -> None:
    _, out, _ = run("toon", "woningbouw")
    lines = out.splitlines()
    start = lines.index("De brief, regels 562-610:")
    assert max(len(line) for line in lines[:start]) <= 80


def test_toon_gives_each_stance_passage_its_lines() -> None:
    _, out, _ = run("toon", "laaggeletterdheid")
    assert ("Standpunt blijkt uit:\n"
            "- De specifieke uitkering volwasseneneducatie van ruim € 60 miljoen aan de 35\n"
            "  Web-contactgemeenten wordt gecontinueerd. (regels 1367-1368)\n"
            "- Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen\n"
            "  oplopend tot € 7,3 miljoen in 2024. (regels 1368-1369)\n") in out


def test_every_stance_passage_stands_in_its_measures_lines(backend: EmbeddedStore) -> None:
    measures = [str(r["m"]) for r in backend.select(
        "SELECT ?m WHERE { ?m a def:Maatregel }").records()]
    assert len(measures) == 90
    passages = [(view.slug, p) for view in (measure_view(m, backend) for m in measures)
                for p in view.passages]
    assert len(passages) == 165
    assert [(slug, p.text) for slug, p in passages if p.lines is None] == []
    for view in (measure_view("archiefwet", backend),):
        assert [p.lines for p in view.passages] == [(1312, 1313), (1313, 1313)]


def test_toon_lists_the_motions_about_the_measure() -> None:
    _, out, _ = run("toon", "jeugd")
    assert ("- Amendement van GroenLinks (35300-XVI nr. 7), ingediend, nog niet in stemming\n"
            "  (regels 2492-2495)\n") in out


@pytest.mark.parametrize("name", [
    "laaggeletterdheid", "LAAGGELETTERDHEID", "  Laaggeletterdheid ",
    "maatregel:laaggeletterdheid",
    "https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/laaggeletterdheid"])
def test_resolve_by_slug_title_prefix_or_iri(name: str, backend: EmbeddedStore) -> None:
    assert resolve(name, backend) == "https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/laaggeletterdheid"


@pytest.mark.parametrize("name", ["Artificiële intelligentie", "artificiele INTELLIGENTIE"])
def test_title_ignores_case_and_accents(name: str, backend: EmbeddedStore) -> None:
    assert resolve(name, backend).endswith(f"/maatregel/{LB}/artificiele-intelligentie")


@pytest.mark.parametrize(("name", "message"), [
    ("woningbouwx", "vngkb: geen maatregel 'woningbouwx'; bedoelt u: woningbouw?"),
    ("Woningbow", "vngkb: geen maatregel 'Woningbow'; bedoelt u: woningbouw?"),
    ("zzzz", "vngkb: geen maatregel 'zzzz'"),
    ("", "vngkb: geef een maatregel: korte naam, titel of IRI"),
    ('wo"ning{bouw}', "vngkb: geen maatregel 'wo\"ning{bouw}'; bedoelt u: woningbouw?"),
    ("jeugd\u0000", "vngkb: geen maatregel 'jeugd\\x00'; bedoelt u: jeugd?"),
    ("https://example.org/x> } ; DROP",
     "vngkb: geen maatregel 'https://example.org/x> } ; DROP'"),
    ("x" * 1_000_000, "vngkb: geen maatregel 'xxxxxxxxxx"),
    ("\u0661\u0662", "vngkb: geen maatregel '\u0661\u0662'"),
])
def test_unknown_measure_is_one_line_with_suggestions(name: str, message: str) -> None:
    code, out, err = run("toon", name)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert len(err.splitlines()) == 1
    assert len(err) < 200
    if "bedoelt" not in message:
        assert "bedoelt" not in err


def test_toon_json_has_the_amounts_and_passages() -> None:
    code, out, _ = run("toon", "laaggeletterdheid", "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert record["slug"] == "laaggeletterdheid"
    assert [(a["waarde"], a["eersteJaar"], a["laatsteJaar"], a["eersteRegel"])
            for a in record["bedragen"]] == [("60000000", None, None, 1367),
                                             ("5000000", 2020, None, 1368),
                                             ("7300000", 2024, 2024, 1368)]
    assert record["standpunt"] == "neutraal"
    assert record["standpuntPassages"] == [
        {"tekst": "De specifieke uitkering volwasseneneducatie van ruim € 60 miljoen aan de 35 "
                  "Web-contactgemeenten wordt gecontinueerd.",
         "eersteRegel": 1367, "laatsteRegel": 1368},
        {"tekst": "Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen "
                  "oplopend tot € 7,3 miljoen in 2024.",
         "eersteRegel": 1368, "laatsteRegel": 1369}]
    assert record["regels"][0] == {"nummer": 1348, "tekst": "Laaggeletterdheid"}
    assert len(record["regels"]) == 27


def test_toon_markdown() -> None:
    code, out, _ = run("toon", "laaggeletterdheid", "-f", "markdown")
    assert code == 0
    assert out.startswith("# Laaggeletterdheid\n")
    assert "- **Standpunt VNG**: neutraal\n" in out
    assert ("- **€ 7.300.000** (per jaar; 2024; soort beschikbaar gesteld; oplopend tot; "
            "ontvanger centrumgemeenten; "
            "instrument decentralisatie-uitkering; regels 1368-1369)\n"
            "  - bedrag/ledenbrief-miljoenennota-2020/laaggeletterdheid-du-2024\n"
            "  - eerste jaar 2024 (gedrukt); laatste jaar 2024 (gedrukt)\n"
            "  - reeks “Laaggeletterdheid: de decentralisatie-uitkering per jaar”: € 5.000.000 "
            "(vanaf 2020), € 7.300.000 (2024)\n"
            "  - telling 2024: telt, gedrukt jaar\n"
            "  - “een decentralisatie-uitkering van € 5 miljoen oplopend tot € 7,3 miljoen in "
            "2024”\n") in out
    assert "## De brief, regels 1348-1374\n\n```text\n1348  Laaggeletterdheid\n" in out


def test_kind_of_amount_is_shown(backend: EmbeddedStore) -> None:
    # All three of Laaggeletterdheid's amounts are money made available ("wordt
    # gecontinueerd", "krijgen zij ... een decentralisatie-uitkering", lines 1367-1369).
    view = measure_view("laaggeletterdheid", backend)
    assert [a.kind for a in view.amounts] == ["beschikbaar gesteld"] * 3
    from vngkb.reports.measure_detail import as_text

    assert "- € 5.000.000 (per jaar; vanaf 2020; soort beschikbaar gesteld;" in as_text(view)


@pytest.mark.parametrize(("value", "text"), [
    ("0", "€ 0"), ("999", "€ 999"), ("1000", "€ 1.000"), ("1001", "€ 1.001"),
    ("999999.99", "€ 999.999,99"), ("1000000.0", "€ 1.000.000"),
    ("1020000000", "€ 1.020.000.000"),
    ("0.5", "€ 0,50"),
])
def test_euro_in_dutch_notation(value: str, text: str) -> None:
    assert euro(Decimal(value)) == text


def test_library_raises_its_own_error(backend: EmbeddedStore) -> None:
    with pytest.raises(InputError, match="bedoelt u: woningbouw"):
        measure_view("woningbouwx", backend)


def test_toon_is_dutch_by_default_and_english_with_lang_en() -> None:
    # Field labels and concept values (the KB's English skos:prefLabel) switch; the
    # chapter, ministry, texts and quotes stay as the letter wrote them.
    _, nl, _ = run("toon", "laaggeletterdheid")
    code, en, err = run("--lang", "en", "toon", "laaggeletterdheid")
    assert (code, err) == (0, "")
    assert "Standpunt VNG:    neutraal\n" in nl
    assert "Chapter:         4. Onderwijs, Cultuur en Sport\n" in en
    assert "VNG stance:      neutral\n" in en
    assert "Laws:            Participatiewet (BWBR0015703)\n" in en
    assert "Years:           2020, 2024\n" in en
    assert "\nWhat does the cabinet intend?\n" in en
    assert "\nStance read from:\n" in en
    assert "  Web-contactgemeenten wordt gecontinueerd. (lines 1367-1368)\n" in en
    assert ("- € 5,000,000 (per year; from 2020; kind made available; recipient central\n"
            "  municipalities; instrument decentralisation grant; line 1368)\n") in en
    assert "- € 60,000,000 (period unknown; kind made available; more than;" in en
    assert "“Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen”" in en
    assert "\nThe letter, lines 1348-1374:\n1348  Laaggeletterdheid\n" in en
    for dutch in ("Hoofdstuk:", "Standpunt VNG", "Bedragen:", "soort ", "ontvanger "):
        assert dutch not in en


def test_toon_motion_status_and_markdown_in_english() -> None:
    _, en, _ = run("--lang", "en", "toon", "jeugd")
    assert ("- Amendement van GroenLinks (35300-XVI nr. 7), submitted, not yet voted on\n"
            "  (lines 2492-2495)\n") in en
    _, md, _ = run("--lang", "en", "toon", "laaggeletterdheid", "-f", "markdown")
    assert "- **VNG stance**: neutral\n" in md
    assert "## The letter, lines 1348-1374\n" in md
    assert "- **€ 7,300,000** (per year; 2024; kind made available; rising to; " in md


def test_toon_json_keeps_its_keys_in_english() -> None:
    _, nl, _ = run("toon", "laaggeletterdheid", "--format", "json")
    _, en, _ = run("--lang", "en", "toon", "laaggeletterdheid", "--format", "json")
    dutch, english = json.loads(nl), json.loads(en)
    assert list(dutch) == list(english)
    assert (dutch["standpunt"], english["standpunt"]) == ("neutraal", "neutral")
    assert english["bedragen"][1]["waarde"] == "5000000"


def test_unknown_measure_in_english() -> None:
    code, out, err = run("--lang", "en", "toon", "woningbouwx")
    assert (code, out) == (2, "")
    assert err == "vngkb: no measure 'woningbouwx'; did you mean: woningbouw?\n"


def test_every_concept_value_of_every_measure_has_an_english_label(
        backend: EmbeddedStore) -> None:
    # An English label missing in the KB would silently drop a value from the English view.
    from vngkb.i18n import set_lang

    measures = [str(r["m"]) for r in backend.select(
        "SELECT ?m WHERE { ?m a def:Maatregel }").records()]
    assert len(measures) == 90
    try:
        for name in measures:
            set_lang("nl")
            dutch = measure_view(name, backend)
            set_lang("en")
            english = measure_view(name, backend)
            for what in ("effect_types", "instruments", "themes", "demands"):
                assert len(getattr(dutch, what)) == len(getattr(english, what)), (name, what)
            assert (dutch.stance is None) == (english.stance is None), name
            assert [(a.per is None, a.recipient is None, a.instrument is None,
                     a.qualification is None, a.kind is None) for a in dutch.amounts] == [
                (a.per is None, a.recipient is None, a.instrument is None,
                 a.qualification is None, a.kind is None) for a in english.amounts], name
            assert [m.status is None for m in dutch.motions] == [
                m.status is None for m in english.motions], name
    finally:
        set_lang(None)


# The amounts of a measure as ``vngkb show`` prints them, each amount once with every quote
# under it, its year rules, and per year whether it counts (def:Telling, computed graph).
# Typed in from the letter: Laaggeletterdheid lines 1367-1369 (€ 5 miljoen per 2020 rising
# to € 7,3 miljoen in 2024: the open end carried to 2023, the next level in 2024),
# Woningbouw lines 565-603 (€ 1 miljard quoted twice is one amount, "vier x € 250 miljoen
# van 2020-2023" is what counts; three conditions), Specifieke uitkering stimulering sport
# lines 222-229 (the 2020 budget counts through the Sport section's amount; € 152 miljoen
# is the old level, € 228 miljoen applications; in force per 1 januari 2019).
AMOUNTS_LAAGGELETTERDHEID = [
    'Bedragen:',
    '- € 60.000.000 (periode onbekend; soort beschikbaar gesteld; ruim; ontvanger',
    '  centrumgemeenten; instrument specifieke uitkering; regels 1367-1368)',
    '  bedrag/ledenbrief-miljoenennota-2020/laaggeletterdheid-spuk-volwasseneneducatie',
    '  telling: in geen jaar (geen jaarbedrag)',
    '  “De specifieke uitkering volwasseneneducatie van ruim € 60 miljoen aan de 35',
    '   Web-contactgemeenten wordt gecontinueerd.”',
    '- € 5.000.000 (per jaar; vanaf 2020; soort beschikbaar gesteld; ontvanger',
    '  centrumgemeenten; instrument decentralisatie-uitkering; regel 1368)',
    '  bedrag/ledenbrief-miljoenennota-2020/laaggeletterdheid-du-2020',
    '  eerste jaar 2020 (gedrukt)',
    '  reeks “Laaggeletterdheid: de decentralisatie-uitkering per jaar”: € 5.000.000',
    '    (vanaf 2020), € 7.300.000 (2024)',
    '  telling 2020: telt, gedrukt jaar',
    '  telling 2021-2023: telt, doorgeteld (open einde)',
    '  “Daarnaast krijgen zij per 2020 een decentralisatie-uitkering van € 5 miljoen”',
    '- € 7.300.000 (per jaar; 2024; soort beschikbaar gesteld; oplopend tot;',
    '  ontvanger centrumgemeenten; instrument decentralisatie-uitkering; regels',
    '  1368-1369)',
    '  bedrag/ledenbrief-miljoenennota-2020/laaggeletterdheid-du-2024',
    '  eerste jaar 2024 (gedrukt); laatste jaar 2024 (gedrukt)',
    '  reeks “Laaggeletterdheid: de decentralisatie-uitkering per jaar”: € 5.000.000',
    '    (vanaf 2020), € 7.300.000 (2024)',
    '  telling 2024: telt, gedrukt jaar',
    '  “een decentralisatie-uitkering van € 5 miljoen oplopend tot € 7,3 miljoen in',
    '   2024”',
]

AMOUNTS_WONINGBOUW = [
    'Bedragen:',
    '- € 2.000.000.000 (totaal over een periode; soort beschikbaar gesteld; regel',
    '  565)',
    '  bedrag/ledenbrief-miljoenennota-2020/woningbouw-totaal',
    '  telling: in geen jaar (geen jaarbedrag)',
    '  “Er komt € 2 miljard beschikbaar om de woningbouw te stimuleren. Dit is in',
    '   twee gelijke delen gesplitst.”',
    '- € 1.000.000.000 (totaal over een periode; 2020-2023; soort beschikbaar',
    '  gesteld; ontvanger gemeenten; regels 568-589)',
    '  bedrag/ledenbrief-miljoenennota-2020/woningbouw-rijksbijdrage',
    '  eerste jaar 2020 (gedrukt); laatste jaar 2023 (gedrukt)',
    '  telling 2020-2023: telt niet, geen jaarbedrag',
    '  “Daarvan is € 1 miljard (vier x € 250 miljoen van 2020-2023) een rijksbijdrage',
    '   om onder voorwaarden betaalbare woningen te bouwen in schaarstegebieden”',
    '  “Gemeenten in schaarstegebieden zullen baat hebben bij € 1 miljard',
    '   woningbouwimpuls van het Rijk”',
    '- € 250.000.000 (per jaar; 2020-2023; soort beschikbaar gesteld; ontvanger',
    '  gemeenten; regel 568)',
    '  bedrag/ledenbrief-miljoenennota-2020/woningbouw-rijksbijdrage-per-jaar',
    '  eerste jaar 2020 (gedrukt); laatste jaar 2023 (gedrukt)',
    '  telling 2020-2023: telt, gedrukt jaar',
    '  “vier x € 250 miljoen van 2020-2023”',
    '- € 100.000.000 (per jaar; soort beschikbaar gesteld; structureel; ontvanger',
    '  woningcorporaties; instrument heffing of heffingsvermindering; regels 574-575)',
    '  bedrag/ledenbrief-miljoenennota-2020/woningbouw-heffingsvermindering-per-jaar',
    '  telling: in geen jaar (geen jaar)',
    '  “in de verhuurderheffing een structurele heffingsvermindering van € 100',
    '   miljoen per jaar voor tien jaar”',
    '- € 1.000.000.000 (totaal over een periode; soort beschikbaar gesteld; ontvanger',
    '  woningcorporaties; instrument heffing of heffingsvermindering; regels 595-596)',
    '  bedrag/ledenbrief-miljoenennota-2020/woningbouw-heffingsvermindering-totaal',
    '  telling: in geen jaar (geen jaarbedrag)',
    '  “Het tweede miljard is bedoeld voor woningcorporaties en verhuurders die',
    '   betaalbare woningen bouwen in schaarstegebieden.”',
    '  “De verhuurderheffing is nog steeds vele malen hoger dan dit miljard.”',
    '',
    'Voorwaarden van financiering:',
    '- looptijd (maximaal 15 jaar; regels 580-581)',
    '  “Voor de aanstaande bouw van tijdelijke woningen geldt een vrijstelling van de',
    '   verhuurderheffing voor de komende 15 jaar.”',
    '- wie mag aanvragen (geldt voor',
    '  bedrag/ledenbrief-miljoenennota-2020/woningbouw-rijksbijdrage; regels 592-593)',
    '  “Het is goed dat deze bedragen beschikbaar worden gesteld, maar dit geldt',
    '   alleen voor gemeenten in schaarstegebieden.”',
    '- inhoudelijke eis (regels 602-603)',
    '  “Gemeenten moeten opletten dat de bouw van tijdelijke woningen tussen 2020 en',
    '   2024 plaatsvindt en dat ze na 15 jaar worden verwijderd.”',
]

AMOUNTS_SPORT = [
    'Bedragen:',
    '- € 185.000.000 (per jaar; 2019; soort beschikbaar gesteld; ontvanger gemeenten;',
    '  instrument specifieke uitkering; regel 224)',
    '  bedrag/ledenbrief-miljoenennota-2020/spuk-sport-budget-2019',
    '  eerste jaar 2019 (gedrukt); laatste jaar 2019 (gedrukt)',
    '  telling 2019: telt, gedrukt jaar',
    '  “naar € 185 miljoen”',
    '- € 152.000.000 (per jaar; 2019; soort oud niveau; ontvanger gemeenten;',
    '  instrument specifieke uitkering; regel 224)',
    '  bedrag/ledenbrief-miljoenennota-2020/spuk-sport-budget-2019-oud',
    '  eerste jaar 2019 (gedrukt); laatste jaar 2019 (gedrukt)',
    '  telling 2019: telt niet, niet beschikbaar gesteld',
    '  “in 2019 wordt verhoogd van € 152 miljoen”',
    '- € 178.000.000 (per jaar; 2020; soort beschikbaar gesteld; ontvanger gemeenten;',
    '  instrument specifieke uitkering; regel 225)',
    '  bedrag/ledenbrief-miljoenennota-2020/spuk-sport-budget-2020',
    '  eerste jaar 2020 (gedrukt); laatste jaar 2020 (gedrukt)',
    '  telling 2020: telt niet, zelfde geld telt elders; telt via',
    '    bedrag/ledenbrief-miljoenennota-2020/sport-spuk-budget-2020',
    '  “Het budget voor 2020 bedraagt € 178 miljoen.”',
    '- € 228.000.000 (per jaar; 2019; soort aangevraagd; ontvanger gemeenten;',
    '  instrument specifieke uitkering; regels 228-229)',
    '  bedrag/ledenbrief-miljoenennota-2020/spuk-sport-aanvragen-2019',
    '  eerste jaar 2019 (gedrukt); laatste jaar 2019 (gedrukt)',
    '  telling 2019: telt niet, niet beschikbaar gesteld',
    '  “Gemeenten hebben in 2019 namelijk voor € 228 miljoen aan aanvragen',
    '   ingediend.”',
    '',
    'Inwerkingtreding:',
    '- verruiming van de sportvrijstelling in de Wet omzetbelasting (1 januari 2019;',
    '  ingegaan; regels 222-223)',
    '  “de verruiming van de sportvrijstelling in de Wet omzetbelasting per 1 januari',
    '   2019”',
]

AMOUNTS_SPORT_EN = [
    'Amounts:',
    '- € 185,000,000 (per year; 2019; kind made available; recipient municipalities;',
    '  instrument specific grant; line 224)',
    '  bedrag/ledenbrief-miljoenennota-2020/spuk-sport-budget-2019',
    '  first year 2019 (printed); last year 2019 (printed)',
    '  counting 2019: counts, printed year',
    '  “naar € 185 miljoen”',
    '- € 152,000,000 (per year; 2019; kind previous level; recipient municipalities;',
    '  instrument specific grant; line 224)',
    '  bedrag/ledenbrief-miljoenennota-2020/spuk-sport-budget-2019-oud',
    '  first year 2019 (printed); last year 2019 (printed)',
    '  counting 2019: does not count, not made available',
    '  “in 2019 wordt verhoogd van € 152 miljoen”',
    '- € 178,000,000 (per year; 2020; kind made available; recipient municipalities;',
    '  instrument specific grant; line 225)',
    '  bedrag/ledenbrief-miljoenennota-2020/spuk-sport-budget-2020',
    '  first year 2020 (printed); last year 2020 (printed)',
    '  counting 2020: does not count, same money counts elsewhere; counts through',
    '    bedrag/ledenbrief-miljoenennota-2020/sport-spuk-budget-2020',
    '  “Het budget voor 2020 bedraagt € 178 miljoen.”',
    '- € 228,000,000 (per year; 2019; kind requested; recipient municipalities;',
    '  instrument specific grant; lines 228-229)',
    '  bedrag/ledenbrief-miljoenennota-2020/spuk-sport-aanvragen-2019',
    '  first year 2019 (printed); last year 2019 (printed)',
    '  counting 2019: does not count, not made available',
    '  “Gemeenten hebben in 2019 namelijk voor € 228 miljoen aan aanvragen',
    '   ingediend.”',
    '',
    'Entry into force:',
    '- verruiming van de sportvrijstelling in de Wet omzetbelasting (1 January 2019;',
    '  in force; lines 222-223)',
    '  “de verruiming van de sportvrijstelling in de Wet omzetbelasting per 1 januari',
    '   2019”',
]


def _section(out: str, heading: str, end: str) -> list[str]:
    lines = out.splitlines()
    start = lines.index(heading)
    stop = next(n for n in range(start, len(lines)) if lines[n].startswith(end))
    return lines[start:stop - 1]


@pytest.mark.parametrize(("args", "expected"), [
    (("toon", "laaggeletterdheid"), AMOUNTS_LAAGGELETTERDHEID),
    (("toon", "woningbouw"), AMOUNTS_WONINGBOUW),
    (("toon", "specifieke-uitkering-stimulering-sport"), AMOUNTS_SPORT),
    (("--lang", "en", "toon", "specifieke-uitkering-stimulering-sport"), AMOUNTS_SPORT_EN),
])
def test_toon_shows_every_field_of_each_amount_once(args: tuple[str, ...],
                                                    expected: list[str]) -> None:
    code, out, err = run(*args)
    assert (code, err) == (0, "")
    heading = "Amounts:" if "en" in args else "Bedragen:"
    assert _section(out, heading, "The letter," if "en" in args else "De brief,") == expected


def test_toon_json_has_each_amount_once_with_its_quotes_and_counting() -> None:
    code, out, _ = run("toon", "woningbouw", "--format", "json")
    assert code == 0
    amounts = json.loads(out)["bedragen"]
    assert len(amounts) == len({a["iri"] for a in amounts}) == 5
    rijksbijdrage, = (a for a in amounts if a["iri"].endswith("/woningbouw-rijksbijdrage"))
    assert rijksbijdrage["citaten"] == [
        "Daarvan is € 1 miljard (vier x € 250 miljoen van 2020-2023) een rijksbijdrage om "
        "onder voorwaarden betaalbare woningen te bouwen in schaarstegebieden",
        "Gemeenten in schaarstegebieden zullen baat hebben bij € 1 miljard woningbouwimpuls "
        "van het Rijk"]
    assert rijksbijdrage["citaat"] == rijksbijdrage["citaten"][0]
    assert (rijksbijdrage["eersteJaarBepaling"], rijksbijdrage["laatsteJaarBepaling"]) == (
        "gedrukt", "gedrukt")
    assert rijksbijdrage["telling"] == [{"eersteJaar": 2020, "laatsteJaar": 2023,
                                         "telt": False, "telregel": "geen jaarbedrag",
                                         "geteldVia": None}]
    per_jaar, = (a for a in amounts
                 if a["iri"].endswith("/woningbouw-heffingsvermindering-per-jaar"))
    assert per_jaar["structureel"] is True
    assert [c["soort"] for c in json.loads(out)["voorwaarden"]] == [
        "looptijd", "wie mag aanvragen", "inhoudelijke eis"]


def test_quotes_of_every_amount_shown_stand_in_the_letter(backend: EmbeddedStore,
                                                          source_lines: list[str]) -> None:
    flat = " ".join(" ".join(source_lines).split()).replace("\u00a0", " ")
    view = measure_view("woningbouw", backend)
    quotes = [q for a in view.amounts for q in a.quotes]
    assert len(quotes) == 7
    for quote in quotes:
        assert " ".join(quote.split()) in flat, quote
