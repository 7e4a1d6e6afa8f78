"""The reader of tests/pagetext.py: each leak it must find, and what it must leave
alone (a page people read is never clean by accident of a blind checker)."""

from __future__ import annotations

import pytest

from tests import DATA
from tests.pagetext import problems


def page(body: str, lang: str = "nl") -> str:
    return f'<!doctype html><html lang="{lang}"><body><main>{body}</main></body></html>'


@pytest.mark.parametrize(("body", "found"), [
    ("<th>{'name': 'thema', 'numeric': False}</th>", "Python repr \"{'\""),
    ('<input name="q" value="None">', "Python repr 'None' in a box"),
    ("<p>waarde Decimal('12')</p>", "Python repr 'Decimal('"),
    ("<td>[]</td>", "Python repr '[]'"),
    ("<td>2000000000</td>", "unformatted number '2000000000'"),
    ("<td>€ 1000</td>", "unformatted number '€ 1000'"),
    ('<a title="1000000000 EUR">€ 1 miljard</a>', "unformatted number '1000000000'"),
    ("<label>jaar <small>(year)</small></label>", "internal label '(year)'"),
    ("<label>brief <small>(iri)</small></label>", "internal label '(iri)'"),
    ("<p>telt (def:soortBedrag soort-bedrag:beschikbaar)</p>", "RDF term 'def:soortBedrag'"),
    ("<h2>Amounts</h2>", "English word 'Amounts' on a nl page"),
    ("<table><tr><th>maatregel</th><th>maatregel</th></tr></table>",
     "column 'maatregel' shown twice in one table"),
    ("<table><tr><th>maatregel</th><th>titel</th></tr>"
     "<tr><td><a href='/a'>Cultuur</a></td><td>Cultuur</td></tr>"
     "<tr><td><a href='/b'>Jeugd</a></td><td>Jeugd</td></tr></table>",
     "column 'titel' repeats column 1 cell for cell"),
])
def test_each_leak_is_found(body: str, found: str) -> None:
    assert any(p.startswith(found) for p in problems(page(body))), problems(page(body))


@pytest.mark.parametrize(("body", "lang", "found"), [
    ("<h2>Bedragen</h2>", "en", "Dutch word 'Bedragen' on a en page"),
    ("<th>jaar</th>", "en", "Dutch word 'jaar' on a en page"),
    ("<button>Search</button>", "nl", "English word 'Search' on a nl page"),
])
def test_a_word_of_the_other_language_in_the_interface(body: str, lang: str,
                                                       found: str) -> None:
    assert [p for p in problems(page(body, lang)) if p.startswith(found)]


@pytest.mark.parametrize("body", [
    "<p>In 2020 krijgen gemeenten € 1.286.315.000; regels 2158–2187.</p>",  # years, lines
    "<td>BWBR0015703</td><td>mnre1034</td>",  # codes, not amounts
    "<td>9999</td><td>0,123456</td><td>1.000</td>",
    '<input name="minimum" value="100000000">',  # what is typed into a box
    "<pre>SELECT ?x WHERE { ?x def:soortBedrag ?y } # None []</pre>",  # code is not prose
    "<p>bijvoorbeeld <code>100000000</code> of <code>1e8</code></p>",
    '<h2 lang="en">Amounts</h2>',  # marked as the other language: data, not interface
    "<p>The amounts</p>",  # prose that is data (the letter's text) is not the interface
    "<table><tr><th>eerste jaar</th><th>laatste jaar</th></tr>"
    "<tr><td>2020</td><td>2020</td></tr><tr><td>2021</td><td>2021</td></tr></table>",
    '<a href="https://wetten.overheid.nl/BWBR0007376">wet</a>',
])
def test_what_people_may_read(body: str) -> None:
    assert problems(page(body)) == []


def test_the_letters_own_digits_are_allowed_only_when_named() -> None:
    body = "<td>Besluit bijstandverlening zelfstandigen 20014</td>"
    assert problems(page(body)) == ["unformatted number '20014' in "
                                    "'jstandverlening zelfstandigen 20014'"]
    assert problems(page(body), printed=frozenset({"20014"})) == []


def test_vocabulary_pages_may_name_rdf_terms() -> None:
    body = "<p>zie def:laatsteBegrotingsjaar</p>"
    assert problems(page(body)) and problems(page(body), rdf_terms=True) == []


def test_the_free_question_page_before_issue_30_fails() -> None:
    """/vraag as it was rendered before issue 30 (kept in tests/data): the headings were
    Python dicts and the search box said None."""
    old = (DATA / "page-vraag-before-issue-30.html").read_text(encoding="utf-8")
    found = problems(old)
    assert "Python repr 'None' in a box: 'None'" in found
    assert sum(p.startswith("Python repr \"{'\"") for p in found) == 6
