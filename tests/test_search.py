"""Full-text search (vngkb.search, ``vngkb search``): stemming, synonyms from the schemes,
word boundaries, phrases, all/any, ranking, hostile terms, and the cached index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from vngkb.cli.commands import main
from vngkb.core.errors import InputError
from vngkb.core.paths import KB_DIR, ONTOLOGY_DIR, turtle_files
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.kb.load import default_files
from vngkb.query.store import EmbeddedStore
from vngkb.rdf.namespaces import ID
from vngkb.rdf.sourcetext import joined_text
from vngkb.search import Hit, zoek
from vngkb.search.index import gather, open_index
from vngkb.search.query import MAX_CHARS, MAX_TERMS, match_expression, parse_terms


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test's index lives in one temporary cache, never in the user's."""
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def slugs(hits: list[Hit]) -> list[str]:
    return [h.slug for h in hits]


def test_stemming_finds_the_singular_through_the_plural(source_lines: list[str]) -> None:
    hits = zoek("woningen", limit=1000)
    assert slugs(hits) == ["woningbouw", "asiel-en-migratie", "ondermijning",
                           "kwaliteit-van-bouwen"]
    first = hits[0]
    assert "sneller een **woning** kunnen vinden" in first.snippet_text()
    assert (first.field, first.first_line, first.last_line, first.line) == (
        "voornemen", 562, 610, 567)
    assert "sneller een woning kunnen vinden" in source_lines[567 - 1]


def test_synonym_from_the_schemes_finds_the_letters_word() -> None:
    # The letter says "jeugdzorg" only in the Voorwoord, and "jeugdhulp" in chapter 9.
    hits = zoek("jeugdzorg", limit=1000)
    jeugd = hits[0]
    assert (jeugd.slug, jeugd.title, jeugd.line) == ("jeugd", "Jeugd", 2165)
    assert "passende **jeugdhulp** te blijven bieden" in jeugd.snippet_text()
    assert {"aanbesteden", "meer-zorgafspraken-in-de-regio"} <= set(slugs(hits))


def test_without_the_synonym_data_jeugdzorg_finds_nothing(tmp_path: Path) -> None:
    """The synonyms are data: drop the hiddenLabels and the expansion is gone."""
    copy = _copy_kb(tmp_path)
    schemes = copy / "ontology" / "schemes.ttl"
    text = schemes.read_text(encoding="utf-8")
    line = '<https://w3id.org/vngkb/id/thema/jeugd> skos:hiddenLabel "jeugdhulp"@nl, ' \
           '"jeugdzorg"@nl .\n'
    assert line in text
    schemes.write_text(text.replace(line, ""), encoding="utf-8")
    files = turtle_files(copy / "ontology", copy / "kb" / "gedeeld", copy / "kb" / LB)
    assert zoek("jeugdzorg", files=files, cache=tmp_path / "cache") == []
    assert "jeugd" in slugs(zoek("jeugdhulp", files=files, cache=tmp_path / "cache"))


def test_abbreviation_in_the_schemes_finds_the_written_out_instrument() -> None:
    # instrument:decentralisatie-uitkering has skos:altLabel "DU".
    hits = zoek("DU bibliotheeklocatie")
    assert slugs(hits) == ["cultuur"]
    assert "**decentralisatie-uitkering**" in hits[0].snippet_text()


def test_accents_do_not_matter() -> None:
    assert zoek("financiele", limit=1000) == zoek("financiële", limit=1000)
    hits = zoek("financiële", limit=1000)
    assert len(hits) == 18
    for hit in hits:
        assert "**financiële**" in hit.snippet_text().lower()


def test_a_motion_hit_names_the_measure_it_is_about() -> None:
    code, out, _ = run("zoek", "interventieteam")
    assert code == 0
    assert out.splitlines()[0] == NAMED.rstrip("\n")
    assert out.splitlines()[1] == (
        "1. motie: Motie van de leden Pieter Heerma en Dijkhoff over inrichten van een")
    assert out.splitlines()[2] == (
        "   interventieteam ondermijning (over ondermijning — Ondermijning) (regels")


def test_the_letters_abbreviation_list_is_synonym_data() -> None:
    # kb/afkortingen.ttl: "IenW Infrastructuur en Waterstaat" (line 2507).
    hits = zoek("IenW")
    first = hits[0]
    assert first.slug == "circulaire-economie"
    assert "voor **Infrastructuur en Waterstaat**" in first.snippet_text()
    assert "**IenW**" in " ".join(h.snippet_text() for h in hits)


def test_a_title_hit_ranks_above_a_passing_mention() -> None:
    ranked = slugs(zoek("cultuur", limit=1000))
    assert ranked[0] == "cultuur"
    assert ranked.index("cultuur") < ranked.index("sport") < len(ranked)
    assert ranked.index("cultuur") < ranked.index("media")


def _measure(slug: str, title: str, text: str, line: int) -> str:
    return (f'<https://w3id.org/vngkb/id/maatregel/{LB}/{slug}> a def:Maatregel ; '
            f'dct:title "{title}"@nl ; def:voornemen "{text}"@nl ; '
            f"def:eersteRegel {line} ; def:laatsteRegel {line + 1} .\n")


def test_title_weight_beats_a_longer_text_mention(tmp_path: Path) -> None:
    """Same word once in one title and once in another text: the title wins; without a
    title weight, the shorter text would (BM25 favours short documents)."""
    kb = tmp_path / "mini.ttl"
    kb.write_text("@prefix def: <https://w3id.org/vngkb/def/> .\n"
                  "@prefix dct: <http://purl.org/dc/terms/> .\n"
                  + _measure("a", "Bibliotheken", "Een lange tekst over iets heel anders dan "
                             "boeken, met veel woorden die er niet toe doen.", 10)
                  + _measure("b", "Overig", "Ook de bibliotheek.", 20), encoding="utf-8")
    hits = zoek("bibliotheek", files=[kb], cache=tmp_path)
    assert slugs(hits) == ["a", "b"]
    assert hits[0].score > hits[1].score
    assert (hits[0].field, hits[0].snippet_text()) == ("titel", "**Bibliotheken**")
    assert (hits[1].field, hits[1].snippet_text()) == ("voornemen", "Ook de **bibliotheek**.")


def test_never_matches_inside_a_word() -> None:
    # The letter has "Archiefwet" and "archiefbewaarplaats", never "archief" alone.
    assert zoek("archief") == []
    assert "archiefwet" in slugs(zoek("archiefwet"))
    assert "archiefwet" not in slugs(zoek("wet", limit=1000))
    # "jeugd" is not "jeugdhulp" by itself: only the synonym data joins them.
    assert parse_terms("jeugd") != parse_terms("jeugdhulp")


def test_phrase_needs_the_words_side_by_side() -> None:
    phrase = set(slugs(zoek('"extra middelen"', limit=1000)))
    both = set(slugs(zoek("extra middelen", limit=1000)))
    assert len(phrase) == 7
    assert len(both) == 22
    assert phrase < both
    hits = zoek('"extra middelen" gemeenten', limit=1000)
    assert hits[0].slug == "intensivering-handhaving-sociaal-domein"
    assert "aan **gemeenten** **extra middelen** beschikbaar" in hits[0].snippet_text()


def test_all_terms_by_default_any_on_request() -> None:
    assert zoek("archiefwet warmtefonds") == []
    assert zoek("archiefwet warmtefonds", mode="any") == zoek(
        "archiefwet warmtefonds", mode="any")  # stable order
    assert slugs(zoek("archiefwet warmtefonds", mode="any")) == [
        "archiefwet", "voorwoord", "klimaatakkoord"]
    voorwoord = zoek("warmtefonds")[0]
    assert (voorwoord.kind, voorwoord.field, voorwoord.first_line, voorwoord.last_line,
            voorwoord.line) == ("voorwoord", "bedrag", 13, 14, 14)


@pytest.mark.parametrize(("hostile", "plain"), [
    ('"archiefwet', "archiefwet"),
    ('archiefwet"', "archiefwet"),
    ("{archiefwet}", "archiefwet"),
    ("archiefwet*", "archiefwet"),
    ("^archiefwet", "archiefwet"),
    ("titel:archiefwet", '"titel archiefwet"'),  # signs inside a word: a phrase
    ("-archiefwet", "archiefwet"),
    ("NEAR(archiefwet warmtefonds)", '"near archiefwet" warmtefonds'),
    ("archiefwet OR warmtefonds", "archiefwet or warmtefonds"),
    ("archiefwet NOT warmtefonds", "archiefwet not warmtefonds"),
    ("\u0000archiefwet\u0000", "archiefwet"),
    ('""archiefwet""', "archiefwet"),
    ("archiefwet " * MAX_TERMS, "archiefwet"),
    ("\uff21rchiefwet", "archiefwet"),  # full-width A folds to A
])
def test_hostile_terms_are_just_words(hostile: str, plain: str) -> None:
    assert zoek(hostile, mode="any") == zoek(plain, mode="any")
    assert zoek(hostile) == zoek(plain)


def test_operator_words_are_searched_as_words() -> None:
    # "OR" is a word, not an operator: in the default all-terms mode it must occur too.
    assert zoek("archiefwet OR warmtefonds") == []
    assert zoek("AND OR NOT NEAR", mode="any") == []


@pytest.mark.parametrize(("terms", "message"), [
    ("", "zoektermen: geen woord om naar te zoeken"),
    ('"" {} * ^ : - ()', "zoektermen: geen woord om naar te zoeken"),
    ("\u0000\u0001\t\n", "zoektermen: geen woord om naar te zoeken"),
    ("x" * (MAX_CHARS + 1), f"zoektermen: {MAX_CHARS + 1} tekens, hoogstens {MAX_CHARS}"),
    ("x" * 1_000_000, "zoektermen: 1000000 tekens, hoogstens 500 toegestaan"),
    (" ".join(f"w{n}" for n in range(MAX_TERMS + 1)),
     f"zoektermen: {MAX_TERMS + 1} termen, hoogstens {MAX_TERMS}"),
])
def test_terms_without_words_or_too_long_are_errors(terms: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        zoek(terms)
    assert str(caught.value).startswith(message)


def test_longest_terms_allowed_are_searched() -> None:
    at_limit = "archiefwet " + "x" * (MAX_CHARS - len("archiefwet "))
    assert len(at_limit) == MAX_CHARS
    assert zoek(at_limit, mode="any")[0].slug == "archiefwet"


def test_most_terms_allowed_are_searched() -> None:
    terms = " ".join([*(f"zwerf{n}" for n in range(MAX_TERMS - 1)), "archiefwet"])
    assert len(parse_terms(terms)) == MAX_TERMS
    assert slugs(zoek(terms, mode="any")) == ["archiefwet"]
    assert zoek(terms) == []  # all terms: the made-up words are not in the letter


def test_non_ascii_digits_are_no_word() -> None:
    # Only ASCII digits make numbers (vngkb vraag reads years from them): other digits
    # separate words, as signs do, and never stand for 2020.
    with pytest.raises(InputError, match="geen woord om naar te zoeken"):
        zoek("\u0662\u0660\u0662\u0660")
    assert len(zoek("2020 \u0662\u0660\u0662\u0660", limit=1000)) == 66
    assert len(zoek("2020", limit=1000)) == 66  # as test_limit_boundaries


def test_stop_words_are_left_out_of_a_search_with_other_terms() -> None:
    assert parse_terms("de woningen van het Rijk") == [["woning"], ["rijk"]]
    assert parse_terms('"van het Rijk"') == [["van", "het", "rijk"]]  # a phrase keeps them
    assert parse_terms("van het") == [["van"], ["het"]]  # nothing else: searched as typed
    assert slugs(zoek("de woningen", limit=1000)) == slugs(zoek("woningen", limit=1000))


# 66 units name 2020: measures, motions, the Voorwoord and all four accres units (three of
# them only since the paragraphs of the analysis are indexed: before, 63).
@pytest.mark.parametrize(("limit", "count"), [(1, 1), (2, 2), (1000, 66)])
def test_limit_boundaries(limit: int, count: int) -> None:
    assert len(zoek("2020", limit=limit)) == count


@pytest.mark.parametrize(("mode", "limit", "message"), [
    ("all", 0, "aantal hits 0: kies een getal van 1 tot en met 1000"),
    ("all", 1001, "aantal hits 1001"),
    ("beide", 20, "zoekwijze 'beide': kies 'all'"),
])
def test_bad_mode_or_limit(mode: str, limit: int, message: str) -> None:
    with pytest.raises(InputError, match=message):
        zoek("archiefwet", mode=mode, limit=limit)


def test_match_expression_holds_quoted_tokens_only() -> None:
    terms = parse_terms('NEAR(a "b c") d:e {f}* ^g -h')
    from vngkb.search.query import Term

    expression = match_expression([Term(" ".join(t), (tuple(t),)) for t in terms], "all")
    assert expression == '("near a") AND ("b c") AND ("d e") AND ("f") AND ("g") AND ("h")'


def _copy_kb(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ONTOLOGY_DIR, copy / "ontology")
    shutil.copytree(KB_DIR, copy / "kb")
    return copy


def test_index_is_rebuilt_when_a_kb_text_changes(tmp_path: Path) -> None:
    copy = _copy_kb(tmp_path)
    files = turtle_files(copy / "ontology", copy / "kb" / "gedeeld", copy / "kb" / LB)
    cache = tmp_path / "cache"
    assert zoek("zwerfkeitjes", files=files, cache=cache) == []
    assert zoek("archiefwet", files=files, cache=cache)[0].slug == "archiefwet"
    assert len(list(cache.glob("zoekindex-*.sqlite"))) == 1  # built once, then reused
    chapter = copy / "kb" / LB / "h04-onderwijs-cultuur-en-sport.ttl"
    text = chapter.read_text(encoding="utf-8")
    assert text.count('dct:title "Archiefwet"@nl') == 1
    chapter.write_text(text.replace('dct:title "Archiefwet"@nl',
                                    'dct:title "Archiefwet en zwerfkeitjes"@nl'),
                       encoding="utf-8")
    hits = zoek("zwerfkeitjes", files=files, cache=cache)
    assert [(h.slug, h.title) for h in hits] == [("archiefwet", "Archiefwet en zwerfkeitjes")]
    assert len(list(cache.glob("zoekindex-*.sqlite"))) == 2
    assert list(cache.glob(".zoekindex-*")) == []  # no temporary file left behind


def test_only_the_newest_indexes_are_kept(tmp_path: Path) -> None:
    import os

    from vngkb.search.index import KEEP_INDEXES

    old = [tmp_path / f"zoekindex-oud{n}.sqlite" for n in range(KEEP_INDEXES)]
    for age, path in enumerate(old, 1):
        path.write_bytes(b"")
        os.utime(path, (1_000_000_000 - age, 1_000_000_000 - age))  # old[0] the newest
    other = tmp_path / "berekend-x.ttl"  # other files in the cache are not ours
    other.write_bytes(b"")
    zoek("archiefwet", cache=tmp_path)
    kept = sorted(p.name for p in tmp_path.glob("zoekindex-*.sqlite"))
    assert len(kept) == KEEP_INDEXES
    assert [p.name for p in old[:KEEP_INDEXES - 1]] == [k for k in kept if "oud" in k]
    assert other.exists()


def test_unwritable_cache_builds_the_index_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert zoek("archiefwet", cache=blocker / "cache")[0].slug == "archiefwet"


def test_corrupt_cached_index_is_rebuilt(tmp_path: Path) -> None:
    files = [Path(p) for p in default_files()]
    open_index(files, tmp_path).close()
    (index,) = tmp_path.glob("zoekindex-*.sqlite")
    index.write_bytes(b"not sqlite")
    assert zoek("archiefwet", files=files, cache=tmp_path)[0].slug == "archiefwet"


# --- vngkb search ---------------------------------------------------------------------

def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


#: The line above the hits that names the letter searched (the newest: the shipped one).
NAMED = "Brief: Ledenbrief Miljoenennota 2020 (ledenbrief-miljoenennota-2020)\n"
NAMED_EN = "Letter: Ledenbrief Miljoenennota 2020 (ledenbrief-miljoenennota-2020)\n"


def test_cli_prints_ranked_hits_with_lines_and_marks() -> None:
    code, out, _ = run("zoek", "warmtefonds")
    assert code == 0
    assert out == NAMED + (
        "1. voorwoord: Voorwoord (regels 13-14, regel 14; bedrag)\n"
        "   oplopend naar 295 miljoen in 2021. Dit geld wordt besteed aan een\n"
        "   **warmtefonds**, waarmee inwoners hun huis kunnen laten isoleren.\n"
        "2. klimaatakkoord — Klimaatakkoord (regels 1635-1685, regel 1661; voornemen)\n"
        "   …Duurzame Energie (ISDE) en een bedrag van € 250 miljoen gereserveerd voor\n"
        "   een **warmtefonds** voor woningeigenaren.\n")


def test_cli_text_fits_80_columns() -> None:
    code, out, _ = run("zoek", "gemeenten", "-n", "1000")
    assert code == 0
    assert out.count("\n") > 86 * 2  # 86 hits, each a heading and a snippet
    assert max(len(line) for line in out.splitlines()) <= 80


def test_cli_any_and_limit_and_json() -> None:
    import json

    code, out, _ = run("zoek", "--of", "archiefwet", "warmtefonds", "-n", "2", "-f", "json")
    assert code == 0
    records = json.loads(out)
    assert [(r["slug"], r["regel"]) for r in records] == [("archiefwet", 1307),
                                                          ("voorwoord", 14)]


def test_cli_no_hits_says_so() -> None:
    assert run("zoek", "zwerfkeitjes") == (0, NAMED + "Geen treffers voor: zwerfkeitjes\n",
                                           "")


@pytest.mark.parametrize("terms", ["{}", "x" * 1_000_000, "\u0000"])
def test_cli_bad_terms_are_one_line_and_exit_2(terms: str) -> None:
    code, out, err = run("zoek", terms)
    assert (code, out) == (2, "")
    assert err.startswith("vngkb: zoektermen: ")
    assert len(err.splitlines()) == 1


def test_cli_is_dutch_by_default_and_english_with_lang_en() -> None:
    # Headings, line references, kinds of hit and the text a hit was found in switch;
    # titles and snippets stay as the letter wrote them.
    _, nl, _ = run("zoek", "warmtefonds")
    code, en, err = run("--lang", "en", "zoek", "warmtefonds")
    assert (code, err) == (0, "")
    assert nl.startswith(NAMED + "1. voorwoord: Voorwoord (regels 13-14, regel 14; bedrag)\n")
    assert en == NAMED_EN + (
        "1. foreword: Voorwoord (lines 13-14, line 14; amount)\n"
        "   oplopend naar 295 miljoen in 2021. Dit geld wordt besteed aan een\n"
        "   **warmtefonds**, waarmee inwoners hun huis kunnen laten isoleren.\n"
        "2. klimaatakkoord — Klimaatakkoord (lines 1635-1685, line 1661; intention)\n"
        "   …Duurzame Energie (ISDE) en een bedrag van € 250 miljoen gereserveerd voor\n"
        "   een **warmtefonds** voor woningeigenaren.\n")
    _, motion, _ = run("--lang", "en", "zoek", "interventieteam", "-f", "markdown")
    assert motion.startswith(
        NAMED_EN + "\n1. **motion: Motie van de leden Pieter Heerma en Dijkhoff over "
        "inrichten van een "
        "interventieteam ondermijning (about ondermijning — Ondermijning)** "
        "(lines 2479-2481, line 2479; subject): inrichten van een **interventieteam** "
        "ondermijning\n")


def test_cli_json_keeps_its_keys_in_english() -> None:
    import json

    _, nl, _ = run("zoek", "warmtefonds", "-f", "json")
    _, en, _ = run("--lang", "en", "zoek", "warmtefonds", "-f", "json")
    assert json.loads(nl) == json.loads(en)


def test_cli_no_hits_and_bad_terms_in_english() -> None:
    assert run("--lang", "en", "zoek", "zwerfkeitjes") == (
        0, NAMED_EN + "No hits for: zwerfkeitjes\n", "")
    assert run("--lang", "en", "zoek", "{}") == (
        2, "", "vngkb: search terms: no word to search for (only letters and digits count)\n")
    code, _, err = run("zoek", "{}")
    assert (code, err) == (
        2, "vngkb: zoektermen: geen woord om naar te zoeken (alleen letters en cijfers tellen)\n")


# The accres analysis (letter lines 39-215) is searched in the letter's own paragraphs,
# each with its lines: a word that stands only there is found, on the line it stands on.
@pytest.mark.parametrize(("term", "lines", "line", "iri"), [
    # 45 "door onderuitputting op of een overschrijding" (the paragraph 42-49)
    ("onderuitputting", (42, 49), 45, "dataset/ledenbrief-miljoenennota-2020/accres-tekst"),
    # 53 "meicirculaire 2019 de eindafrekening van het accres voor het jaar 2018"
    ("eindafrekening", (51, 59), 53, "dataset/ledenbrief-miljoenennota-2020/accres-tekst"),
    # 92 "Ook de versnelde beëindiging van de gaswinning in Groningen"
    ("gaswinning", (89, 94), 92, "dataset/ledenbrief-miljoenennota-2020/accres-tekst"),
    # 124 "Door de onderuitputting valt het accres 2019 wel flink lager uit en dat zal
    # leiden tot exploitatietekorten"
    ("exploitatietekorten", (124, 125), 124, "dataset/ledenbrief-miljoenennota-2020/accres-tekst"),
])
def test_accres_analysis_passages_are_found_with_their_lines(
        term: str, lines: tuple[int, int], line: int, iri: str,
        source_lines: list[str]) -> None:
    hits = zoek(term)
    assert hits, term
    best = hits[0]
    assert (best.iri, best.field, (best.first_line, best.last_line), best.line) == (
        ID + iri, "alinea", lines, line)
    assert term in source_lines[line - 1]


def test_each_paragraph_of_the_accres_analysis_is_indexed_once_with_its_lines(
        backend: EmbeddedStore, source_lines: list[str]) -> None:
    units, _ = gather(backend, source_lines)
    paragraphs = sorted((p.first_line, p.last_line, p.text, u.iri.rsplit("/", 1)[-1])
                        for u in units for p in u.parts if p.field == "alinea")
    # From the heading after the Voorwoord (line 39) to the last line of the analysis (215).
    assert paragraphs[0][:3] == (39, 40, "Analyse accres algemene uitkering gemeentefonds")
    assert paragraphs[-1][1] == 215
    assert len({(first, last) for first, last, _, _ in paragraphs}) == len(paragraphs) == 47
    for first, last, text, _ in paragraphs:
        assert joined_text(source_lines[first - 1:last]) == text
    # A paragraph of a table goes with that table, the rest with the analysis text.
    assert {(first, unit) for first, _, _, unit in paragraphs if first in (61, 63, 142, 195,
                                                                            89)} == {
        (61, "accres-tabel-1"), (63, "accres-tabel-1"), (142, "accres-tabel-2"),
        (195, "accres-tabel-3"), (89, "accres-tekst")}


def test_without_the_letter_no_paragraphs_are_indexed(backend: EmbeddedStore) -> None:
    units, _ = gather(backend)
    assert not [p for u in units for p in u.parts if p.field == "alinea"]
