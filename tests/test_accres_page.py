"""The accres on the web: ``/accres`` shows Tabel 1-3 as printed beside the computed
figures, marks the ones that do not reproduce with the reason, and has the chart of
``vngkb accres --plot`` inline (or a note without matplotlib); the home page and every
accres observation's page link to it. Served in-process, as in tests/test_server_app.py."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import pytest

from tests.web import InProcess, fetch
from vngkb import finance
from vngkb.api import accres_for_people
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.query.store import EmbeddedStore
from vngkb.server import accres, create_app

OBSERVATION = "/doc/accres/ledenbrief-miljoenennota-2020/meicirculaire-2019/reeel-accres/2024"


@pytest.fixture(scope="module")
def server(backend: EmbeddedStore) -> Iterator[str]:
    with InProcess(create_app(backend.store, workers=1)) as live:
        yield live.url


@pytest.fixture(scope="module")
def page(server: str) -> str:
    reply = fetch(f"{server}/accres")
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/html")
    return reply.text


def _rows(html: str) -> list[list[str]]:
    """The table rows of *html* as cell texts (tags removed)."""
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
        rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in cells])
    return rows


def _section(html: str, anchor: str) -> str:
    start = html.index(f'<section id="{anchor}">')
    return html[start:html.index("</section>", start)]


def test_the_three_tables_are_on_the_page(page: str) -> None:
    for number, title in [(1, "Tabel 1. Accressen algemene uitkering (in duizenden euro’s)"),
                          (2, "Tabel 2. Indexen prijspeil CEP 2019 en MEV 2020"),
                          (3, "Tabel 3. Ontwikkeling declaraties BCF en vrijval aan "
                              "Gemeentefonds (in duizenden euro’s)")]:
        assert title in _section(page, f"tabel-{number}")


def _printed_tables(section: str) -> str:
    """The tables laid out as the letter prints them (not the reasons below them)."""
    return "".join(re.findall(r'<table class="accres printed">.*?</table>', section,
                              flags=re.S))


def _cli_rows(table: int) -> list[list[str]]:
    """The rows ``vngkb accres --table N`` prints on a terminal wide enough for every
    year: cells are separated by two or more spaces."""
    text = accres_for_people({}, table, width=400)
    rows = []
    for line in text.splitlines()[2:]:
        if not line.strip() or line.startswith(("*", "†", "Niet gereproduceerd",
                                                 "Not reproduced")):
            continue
        rows.append(re.split(r"\s{2,}", line.strip()))
    return rows


@pytest.mark.parametrize("table", [1, 2, 3])
def test_the_tables_are_laid_out_as_vngkb_accres_prints_them(page: str, table: int) -> None:
    """Quantities down, years across, euros in thousands: cell for cell what the CLI
    prints (one table-building function for both), with the computed row and the
    difference under a row that does not reproduce."""
    rows = _rows(_printed_tables(_section(page, f"tabel-{table}")))
    # (A terminal line shows an empty cell as spaces only: compare the cells it shows.)
    assert [[c for c in r if c] for r in rows] == _cli_rows(table)
    assert len(rows) >= 6


def test_a_printed_figure_that_reproduces(page: str) -> None:
    """Tabel 1, meicirculaire 2019: nominaal accres 2019 "1.286.315" (thousands, line 64)."""
    rows = _rows(_printed_tables(_section(page, "tabel-1")))
    assert rows[0] == ["Meicirculaire 2019", "2019", "2020", "2021", "2022", "2023", "2024"]
    assert rows[1] == ["Nominaal accres", "1.286.315", "835.400", "697.978", "820.567",
                       "1.057.415", "983.124"]


def test_differences_of_percentages_are_percentage_points(page: str) -> None:
    """1,53% printed, 1,43% computed: the difference is 0,10 percentage point, not 0,10%
    (lines 68 and 150)."""
    rows = _rows(_printed_tables(_section(page, "tabel-1")))
    at = rows.index(["Reëel accrespercentage", "5,35%", "1,43%", "0,36%", "1,00%", "1,91%",
                     "1,53%*"])
    assert rows[at + 1] == ["berekend", "5,35%", "1,43%", "0,36%", "1,00%", "1,91%", "1,43%"]
    assert rows[at + 2] == ["verschil (procentpunt)", "0,00", "0,00", "0,00", "0,00", "0,00",
                            "-0,10"]
    differences = [r for number in (1, 2, 3)
                   for r in _rows(_printed_tables(_section(page, f"tabel-{number}")))
                   if r[0].startswith("verschil")]
    assert len(differences) == 10
    assert not any(cell.endswith("%") for r in differences for cell in r[1:])


def test_figures_that_do_not_reproduce_are_marked_with_the_reason(page: str) -> None:
    """Tabel 2 prints the 2024 inflatiecorrectie as 1,85% (lines 150 and 158) while
    0,5 x 2,20% + 0,5 x 1,70% = 1,95%; the reëel accrespercentage 2024 of Tabel 1 follows
    from it: 3,38% - 1,95% = 1,43% (meicirculaire, printed 1,53%, line 68) and
    3,41% - 1,95% = 1,46% (septembercirculaire, printed 1,56%, line 78)."""
    tabel1 = _rows(_section(page, "tabel-1"))
    assert ["Meicirculaire 2019", "2024", "reëel accrespercentage", "1,53%", "1,43%",
            "−0,10 procentpunt",
            "volgt uit inflatiecorrectie.cep-2019.2024, die niet reproduceert"] in tabel1
    assert ["Septembercirculaire 2019", "2024", "reëel accrespercentage", "1,56%", "1,46%",
            "−0,10 procentpunt",
            "volgt uit inflatiecorrectie.mev-2020.2024, die niet reproduceert"] in tabel1
    # The printed amount beside the computed one: "445.024" (line 70).
    assert ["Meicirculaire 2019", "2024", "reëel accres", "€ 445.024.000", "€ 415.937.000",
            "−€ 29.087.000",
            "volgt uit inflatiecorrectie.cep-2019.2024, die niet reproduceert"] in tabel1
    tabel2 = _rows(_section(page, "tabel-2"))
    reason = ("inflatiecorrectie = loongevoeligheid × a + prijsgevoeligheid × b "
              "(0,5 × a + 0,5 × b): herberekend 1,95%, gedrukt 1,85%")
    for forecast in ("Centraal Economisch Plan 2019", "Macro Economische Verkenning 2020"):
        assert [forecast, "2024", "inflatiecorrectie", "1,85%", "1,95%", "+0,10 procentpunt",
                reason] in tabel2


def _reasons(section: str) -> list[list[str]]:
    found = re.findall(r'<table class="accres reasons">.*?</table>', section, flags=re.S)
    return [r for table in found for r in _rows(table)[1:]]


def test_every_figure_that_does_not_reproduce_has_a_reason(page: str) -> None:
    marked = {number: _reasons(_section(page, f"tabel-{number}")) for number in (1, 2, 3)}
    # Tabel 1: inflatiecorrectie, reëel accrespercentage and reëel accres 2024 of both
    # circulaires, werkelijk volume-accres and volume-accres in % 2024 of the
    # septembercirculaire; Tabel 2: the two inflatiecorrecties 2024; Tabel 3: none.
    assert {n: len(rows) for n, rows in marked.items()} == {1: 8, 2: 2, 3: 0}
    assert all(len(r) == 7 and r[6] for rows in marked.values() for r in rows)
    # Each is marked * in the printed table above its reason.
    stars = [c for n in (1, 2, 3) for r in _rows(_printed_tables(_section(page, f"tabel-{n}")))
             for c in r[1:] if c.endswith("*")]
    assert len(stars) == 10


def test_one_count_of_printed_figures_that_do_not_reproduce(page: str) -> None:
    """The count is vngkb.finance.not_reproduced_count() (the two inflatiecorrecties of
    Tabel 2; the other eight follow from them), the number vngkb audit and vngkb accres
    show, at the top and in the audit; no other count of them is on the page."""
    assert finance.not_reproduced_count() == 2
    line = "Niet gereproduceerd: 2 gedrukte cijfers van de brief (zie vngkb audit)."
    assert page.count(line) == 2
    assert line in _section(page, "controle")
    assert line in accres_for_people({}, 1)
    assert not re.search(r"\d+ (?:cijfers )?niet gereproduceerd", page)


def test_the_audit_is_on_the_page(page: str) -> None:
    audit = _rows(_section(page, "controle"))
    assert any(r[0] == "inflatiecorrectie.cep-2019.2024" and r[4] == "niet gereproduceerd"
               for r in audit)


def test_the_chart_is_inline_svg(page: str) -> None:
    pytest.importorskip("matplotlib")
    chart = _section(page, "grafiek")
    assert "<svg" in chart and "<?xml" not in chart
    for series in ("nominaal-accres.meicirculaire-2019", "reeel-accres.septembercirculaire-2019",
                   "werkelijk-volume-accres.septembercirculaire-2019"):
        assert f'id="{series}"' in chart
    assert "<script" not in page


def test_without_matplotlib_the_page_has_a_note(backend: EmbeddedStore,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib fails
    assert accres.chart_svg() is None
    with InProcess(create_app(backend.store, workers=1)) as live:
        reply = fetch(f"{live.url}/accres")
    assert reply.status == 200
    chart = _section(reply.text, "grafiek")
    assert "<svg" not in chart
    assert "pip install &#39;vngkb[plot]&#39;" in chart


@pytest.mark.parametrize("path", [
    OBSERVATION,  # Tabel 1
    "/doc/accres/ledenbrief-miljoenennota-2020/cep-2019/loonindex/2019",  # Tabel 2
    "/doc/accres/ledenbrief-miljoenennota-2020/miljoenennota-2020/plafond-bcf/2020",  # T3
])
def test_accres_observation_pages_link_to_it(server: str, backend: EmbeddedStore,
                                             path: str) -> None:
    iri = "https://w3id.org/vngkb/id/" + path.removeprefix("/doc/")
    assert backend.store.query(
        f"ASK {{ <{iri}> a <https://w3id.org/vngkb/def/Accreswaarneming> }}")
    reply = fetch(f"{server}{path}")
    assert reply.status == 200
    assert 'href="/accres"' in reply.text


def test_home_links_to_it_and_other_pages_do_not(server: str) -> None:
    assert 'href="/accres"' in fetch(f"{server}/").text
    assert 'href="/accres"' not in fetch(f"{server}/doc/maatregel/{LB}/laaggeletterdheid").text


def test_doctests() -> None:
    import doctest

    failures, tried = doctest.testmod(accres)
    assert tried >= 4
    assert failures == 0



def test_the_page_is_english_when_the_server_is(server: str, page: str) -> None:
    # The page's own words and the reasons switch; the letter's table titles, series and
    # row names stay as printed.
    from vngkb import i18n

    i18n.set_lang("en")
    try:
        english = fetch(f"{server}/accres").text
    finally:
        i18n.set_lang(None)
    assert "<h1>Het accres: Tabel 1-3 gedrukt en herberekend</h1>" in page
    assert "<h1>The accres: Tables 1-3 as printed and recomputed</h1>" in english
    assert "<h2>Check of the letter&#39;s arithmetic</h2>" in english
    # The tables as vngkb --lang en accres prints them: English titles and notation,
    # the letter's own names of series and quantities.
    assert "Table 1. Accres of the general grant (in thousands of euros)" in english
    i18n.set_lang("en")
    try:
        assert [[c for c in r if c] for r in _rows(_printed_tables(
            _section(english, "tabel-1")))] == _cli_rows(1)
        assert "Not reproduced: 2 printed figures of the letter" in english
    finally:
        i18n.set_lang(None)
    tabel1 = _rows(_section(english, "tabel-1"))
    assert ["Meicirculaire 2019", "2024", "reëel accrespercentage", "1.53%", "1.43%",
            "−0.10 percentage point", "follows from inflatiecorrectie.cep-2019.2024, "
            "which does not reproduce"] in tabel1
    assert ["Meicirculaire 2019", "2024", "reëel accres", "€ 445,024,000", "€ 415,937,000",
            "−€ 29,087,000", "follows from inflatiecorrectie.cep-2019.2024, "
            "which does not reproduce"] in tabel1
    assert ["Series", "Year", "Quantity", "Printed", "Computed", "Difference",
            "Reason"] in tabel1
    audit = _rows(_section(english, "controle"))
    assert audit[0] == ["Figure", "Relation", "Recomputed", "Printed", "Status"]
    assert any(r[0] == "inflatiecorrectie.cep-2019.2024" and r[4] == "not reproduced"
               for r in audit)
    for dutch in ("gereproduceerd", "volgt uit", "herberekend", "<th>Reeks"):
        assert dutch not in english
