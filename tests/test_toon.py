"""``vngkb toon NAME`` (vngkb.reports.measure_detail): a measure with its fields, amounts, stance,
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
            "instrument decentralisatie-uitkering; regels 1368-1369): “een "
            "decentralisatie-uitkering van € 5 miljoen oplopend tot € 7,3 miljoen in 2024”\n"
            ) in out
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
