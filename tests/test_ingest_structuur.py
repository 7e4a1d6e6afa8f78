"""The structure vngkb.ingest.structuur reads from a letter's lines, laid out as a PDF's
text: footnotes at the foot of a page are footers (kept out of titles and quotes), and a
running page header that repeats a chapter's heading does not hide the heading."""

from __future__ import annotations

from vngkb.ingest.structuur import find_footers, find_footnotes, parse
from vngkb.ingest.woordenschat import woordenschat


def page(mark: str = "miljoen3", note: list[str] | None = None, gap: int = 0) -> list[str]:
    return ["1 Financiën", "", "Proef met wijken", "", "Wat wil het kabinet?",
            f"Het kabinet trekt € 5 {mark} uit voor een proef.", *[""] * gap,
            "Wat betekent dit voor gemeenten?", "Wij zijn blij met de proef.", "",
            *(note if note is not None else ["3 Zie de brief van de minister van BZK van",
                                              "12 juni 2019."]),
            "", "Pagina 1 van 9"]


def test_a_footnote_at_the_foot_of_a_page_is_a_footer() -> None:
    lines = page()
    assert lines[9:11] == ["3 Zie de brief van de minister van BZK van", "12 juni 2019."]
    footers = find_footers(lines)
    assert footers == {10, 11, 13}
    structure = parse(lines, woordenschat())
    (measure,) = structure.measures
    assert (measure.title, measure.first, measure.last) == ("Proef met wijken", 3, 8)


def test_what_is_no_footnote() -> None:
    # without the mark in the text above, a numbered line at the foot of a page is text
    assert find_footnotes(page(mark="miljoen"), {13}) == set()
    # nor when the mark stands more than 80 lines above the note
    far = page(gap=80)
    assert find_footnotes(far, {len(far)}) == set()
    assert find_footnotes(page(gap=70), {83}) == {80, 81}
    # a note counts three lines at most: the fourth is text
    long_note = page(note=["3 Zie de brief van", "de minister van", "BZK van 12", "juni 2019."])
    assert find_footnotes(long_note, {15}) == {10, 11, 12}


def test_a_running_header_that_repeats_the_chapter_heading() -> None:
    lines: list[str] = []
    for title in ("Proef met wijken", "Proef met dorpen", "Proef met steden"):
        lines += ["2 Justitie en Veiligheid", "", title, "", "Wat wil het kabinet?",
                  f"Het kabinet wil een {title.lower()}.", "",
                  "Wat betekent dit voor gemeenten?", f"Wij zijn blij met de {title.lower()}.", ""]
    structure = parse(lines, woordenschat())
    assert {11, 21} <= structure.footers
    assert [(c.number, c.name, c.first) for c in structure.chapters] == [
        (2, "Justitie en Veiligheid", 1)]
    assert [(m.title, m.first, m.last, m.chapter) for m in structure.measures] == [
        ("Proef met wijken", 3, 9, 0), ("Proef met dorpen", 13, 19, 0),
        ("Proef met steden", 23, 29, 0)]


def test_chapter_headings_as_a_pdf_prints_them() -> None:
    lines: list[str] = []
    for heading, title in (("HOOFDSTUK 5: Defensie", "Proef met kazernes"),
                           ("6 – Financiën", "Proef met fondsen"),
                           ("Hoofdstuk 7 - Justitie en Veiligheid", "Proef met rechters"),
                           # no ministry named: a numbered line, no heading
                           ("8: Zie de bijlage", "Proef met bijlagen")):
        lines += [heading, "", title, "", "Wat wil het kabinet?", f"Het kabinet wil {title}.",
                  "", "Wat betekent dit voor gemeenten?", f"Wij zijn blij met {title}.", ""]
    structure = parse(lines, woordenschat())
    assert [(c.number, c.name, c.first) for c in structure.chapters] == [
        (5, "Defensie", 1), (6, "Financiën", 11), (7, "Justitie en Veiligheid", 21)]
    assert [m.chapter for m in structure.measures] == [0, 1, 2, 2]


def test_a_table_of_contents_is_no_heading() -> None:
    contents = ["Inhoud", "", "Voorwoord 2", "1. Financiën 5", "Moties en amendementen 9",
                "Pagina 1/9", ""]
    body = ["1. Financiën", "", "Proef met wijken", "", "Wat wil het kabinet?",
            "Het kabinet wil een proef.", "", "Wat betekent dit voor gemeenten?",
            "Wij zijn blij met de proef.", "", "Moties en amendementen", "",
            "Er zijn geen moties."]
    structure = parse(contents + body, woordenschat())
    assert [(c.number, c.name, c.first) for c in structure.chapters] == [(1, "Financiën", 8)]
    moties = structure.section("moties")
    assert moties is not None and (moties.first, moties.last) == (18, 20)
    # with no heading after it, an entry of the contents is all there is
    alone = parse(contents + body[:10], woordenschat()).section("moties")
    assert alone is not None and alone.first == 5


def test_a_chapter_heading_lost_in_the_middle() -> None:
    # chapter 2's heading is lost: chapter 1 is followed by chapter 3, and from the measure
    # that names the ministry of LNV on, no measure names Financiën
    lines: list[str] = []
    for heading, title, text in (
            ("1 Financiën", "Proef met fondsen", "Het ministerie van Financiën wil een proef."),
            (None, "Proef met wijken", "Het kabinet wil een proef met wijken."),
            (None, "Proef met boeren", "Het ministerie van LNV wil een proef met boeren."),
            (None, "Proef met bossen", "Het kabinet wil een proef met bossen."),
            ("3 Justitie en Veiligheid", "Proef met rechters", "Het kabinet wil rechters.")):
        lines += ([heading, ""] if heading else []) + [
            title, "", "Wat wil het kabinet?", text, "", "Wat betekent dit voor gemeenten?",
            f"Wij zijn blij met de {title.lower()}.", ""]
    structure = parse(lines, woordenschat())
    assert [(c.number, c.name, c.first, c.lost) for c in structure.chapters] == [
        (1, "Financiën", 1, False), (2, "Landbouw, Natuur en Voedselkwaliteit", 19, True),
        (3, "Justitie en Veiligheid", 35, False)]
    assert [m.chapter for m in structure.measures] == [0, 0, 1, 1, 2]
    assert "na hoofdstuk 1 ontbreekt nummer 2" in structure.chapters[1].rule
    # with no number missing, the same run stays in its chapter
    renumbered = [x.replace("3 Justitie", "2 Justitie") for x in lines]
    assert [c.number for c in parse(renumbered, woordenschat()).chapters] == [1, 2]
