"""The pages in a real headless Chromium (Debian's chromium, driven by Selenium through
Debian's chromedriver; nothing is downloaded): a measure page renders its amounts, a
canned question runs from its form, a SPARQL query runs from the YASGUI editor.

The server runs on 127.0.0.1 on a free port in a thread. Without chromium and
chromedriver the tests skip and say so; CI installs both (.ci/run).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.pagetext import PAGES
from tests.web import MEASURE, LiveServer
from vngkb.query.store import EmbeddedStore
from vngkb.server import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="headless browser tests need Debian's chromium and chromium-driver "
               "(apt-get install -y chromium chromium-driver; .ci/run installs them)"),
    # One process runs this module's tests under pytest-xdist: Chromium starts once.
    pytest.mark.xdist_group("browser"),
]


#: Chromium's switches as this machine needs them: headless, no sandbox (root), and
#: none of its own calls home, which the closed network would refuse.
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-extensions",
                  "--window-size=1280,1024")


@pytest.fixture(scope="module")
def site(backend: EmbeddedStore) -> Iterator[str]:
    with LiveServer(create_app(backend.store, workers=1)) as live:
        yield live.url


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    assert CHROMIUM is not None and CHROMEDRIVER is not None
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # Both paths are given, so Selenium Manager has nothing to look up or download.
    service = Service(executable_path=CHROMEDRIVER, log_output=subprocess.DEVNULL)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(chromium: WebDriver) -> WebDriver:
    """The module's Chromium with its console log emptied: each test reads only what its
    own pages logged (the width test visits pages that answer 400 and 404 on purpose,
    and xdist does not keep the file's order)."""
    console_errors(chromium)
    return chromium


def wait(driver: WebDriver, seconds: float = 30) -> WebDriverWait[WebDriver]:
    return WebDriverWait(driver, seconds)


def console_errors(driver: WebDriver) -> list[str]:
    """Errors the page logged (failed loads, CSP violations, exceptions)."""
    entries: list[dict[str, Any]] = driver.get_log("browser")  # type: ignore[no-untyped-call]
    return [e["message"] for e in entries
            if e.get("level") == "SEVERE" and "favicon.ico" not in e["message"]]


def test_measure_page_renders_its_amounts(browser: WebDriver, site: str) -> None:
    browser.get(site + MEASURE)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Laaggeletterdheid"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.amounts tbody tr")
    assert len(rows) == 3
    assert all(row.is_displayed() and row.size["height"] > 0 for row in rows)
    values = [row.find_element(By.CSS_SELECTOR, "td.value").text for row in rows]
    assert values == ["€ 60.000.000", "€ 5.000.000", "€ 7.300.000"]
    cells = [c.text for c in rows[2].find_elements(By.TAG_NAME, "td")]
    assert cells[1:8] == ["per jaar", "2024", "", "decentralisatie-uitkering",
                          "centrumgemeenten", "oplopend tot",
                          "een decentralisatie-uitkering van € 5 miljoen oplopend tot € 7,3 "
                          "miljoen in 2024"]
    stance = browser.find_element(By.CSS_SELECTOR, "dd.stance").text
    assert stance == "neutraal"
    # The pages link to each other: from the amount's instrument to its page.
    rows[1].find_element(By.LINK_TEXT, "decentralisatie-uitkering").click()
    wait(browser).until(ec.title_contains("decentralisatie-uitkering"))
    assert browser.current_url.endswith("/doc/instrument/decentralisatie-uitkering")
    assert browser.find_elements(By.LINK_TEXT, "Laaggeletterdheid")
    assert console_errors(browser) == []


def test_canned_question_runs_from_its_form(browser: WebDriver, site: str) -> None:
    browser.get(site + "/vragen/decentralisatie-uitkeringen-per-startjaar")
    # The answer at once, with the default year (2020), the form above it.
    first = browser.find_element(By.CSS_SELECTOR, "#answer table.results")
    first_titles = {row.find_elements(By.TAG_NAME, "td")[0].text
                    for row in first.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert {"Cultuur", "Laaggeletterdheid"} <= first_titles
    # The one-choice parameter (one letter) is not asked.
    assert not browser.find_elements(By.ID, "param-brief")
    year = browser.find_element(By.ID, "param-jaar")
    year.clear()
    year.send_keys("2024")
    browser.find_element(By.ID, "run").click()
    # The default answer is already there: wait for the new page, then for its answer.
    wait(browser).until(ec.url_contains("jaar=2024"))
    table = wait(browser).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "#answer table.results")))
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    titles = {row.find_elements(By.TAG_NAME, "td")[0].text for row in rows}
    assert titles == {"Laaggeletterdheid"}
    csv_link = browser.find_element(By.ID, "csv").get_attribute("href") or ""
    assert "jaar=2024" in csv_link and "format=csv" in csv_link

    browser.get(site + "/vragen/maatregelen-per-standpunt")
    Select(browser.find_element(By.ID, "param-standpunt")).select_by_value("positief")
    browser.find_element(By.ID, "run").click()
    wait(browser).until(ec.url_contains("standpunt=positief"))
    table = wait(browser).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "#answer table.results")))
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) > 0
    assert console_errors(browser) == []


QUERY = ("PREFIX def: <https://w3id.org/vngkb/def/> PREFIX dct: <http://purl.org/dc/terms/> "
         "SELECT ?titel WHERE { ?m a def:Maatregel ; dct:title ?titel . "
         "FILTER(CONTAINS(?titel, \"geletterd\")) } ORDER BY ?titel")


def test_sparql_query_runs_from_the_yasgui_editor(browser: WebDriver, site: str) -> None:
    browser.get(site + "/query")
    editor = wait(browser).until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "#yasgui .CodeMirror")))
    # Replace the example query by typing into the editor, then press its run button.
    editor.click()
    field = editor.find_element(By.CSS_SELECTOR, "textarea")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(QUERY)
    typed = browser.execute_script("return window.yasgui.getTab().getYasqe().getValue()")
    assert typed == QUERY
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    cell = wait(browser).until(ec.presence_of_element_located(
        (By.XPATH, "//div[contains(@class,'yasr')]//td[contains(., 'Laaggeletterdheid')]")))
    assert cell.is_displayed()
    summary = browser.find_element(By.CSS_SELECTOR, ".yasr_response_chip").text
    assert summary.startswith("1 resultaat in ")
    assert console_errors(browser) == []


#: One row of every kind of value: a thing (shown by its label), a whole number over
#: 10.000, a year-sized count, a decimal, a boolean and a text with a language tag.
VALUES_QUERY = (
    "PREFIX def: <https://w3id.org/vngkb/def/> PREFIX dct: <http://purl.org/dc/terms/> "
    "SELECT ?maatregel ?groot ?klein ?waarde ?ja ?titel WHERE { "
    "BIND(<https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/"
    "laaggeletterdheid> AS ?maatregel) ?maatregel dct:title ?titel . "
    "BIND(1286315000 AS ?groot) BIND(2020 AS ?klein) BIND(1234567.25 AS ?waarde) "
    "BIND(true AS ?ja) }")


def test_sparql_results_are_values_and_labels_people_read(browser: WebDriver,
                                                          site: str) -> None:
    """The editor shows a thing by its label, linking to its page here, numbers in
    Dutch notation, ja/nee, texts without quotes or tags (the RDF term in the tooltip),
    and its own words in Dutch where YASGUI lets them be set."""
    browser.get(site + "/query")
    wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#yasgui .CodeMirror")))
    browser.execute_script("var y = window.yasgui.getTab().getYasqe(); y.setValue(arguments[0]);"
                           " y.query();", VALUES_QUERY)
    link = wait(browser).until(ec.presence_of_element_located(
        (By.XPATH, "//div[contains(@class,'yasr')]//td//a"
                   "[normalize-space(.)='Laaggeletterdheid']")))
    assert link.get_attribute("href") == (
        site + "/doc/maatregel/ledenbrief-miljoenennota-2020/laaggeletterdheid")
    row = [td.text for td in browser.find_elements(
        By.CSS_SELECTOR, ".yasr table.dataTable tbody tr:first-child td")]
    assert row == ["1", "Laaggeletterdheid", "1.286.315.000", "2020", "1.234.567,25", "ja",
                   "Laaggeletterdheid"]
    table = browser.find_element(By.CSS_SELECTOR, ".yasr table.dataTable").text
    assert "^^" not in table and "integer" not in table and '"' not in table
    tooltip = browser.find_element(
        By.XPATH, "//td//span[normalize-space(.)='1.286.315.000']").get_attribute("title")
    assert tooltip == '"1286315000"^^<http://www.w3.org/2001/XMLSchema#integer>'
    # Dutch where the editor allows it.
    assert browser.find_element(By.CSS_SELECTOR, ".yasr_response_chip").text.startswith(
        "1 resultaat in ")
    assert browser.find_element(By.CSS_SELECTOR, ".tableFilter").get_attribute(
        "placeholder") == "Zoek in de resultaten"
    plugins = browser.find_element(By.CSS_SELECTOR, ".yasr_header").text
    assert "Tabel" in plugins and "Antwoord" in plugins
    assert "Vraag" in browser.find_element(By.CSS_SELECTOR, ".tabsList").text
    assert console_errors(browser) == []


#: Every table wider than the element that holds it, and a page wider than the window.
_OVERFLOW = """
const wide = [];
document.querySelectorAll("table").forEach(function (table, i) {
  const room = table.parentElement.clientWidth;
  const width = table.getBoundingClientRect().width;
  if (width > room + 1) {
    wide.push("table " + (i + 1) + " (" + table.className + "): " + Math.round(width) +
              " px in " + room + " px");
  }
});
if (document.documentElement.scrollWidth > window.innerWidth + 1) {
  wide.push("page: " + document.documentElement.scrollWidth + " px in " +
            window.innerWidth + " px");
}
return wide;
"""


def test_no_table_is_wider_than_its_container_at_1280_px(browser: WebDriver,
                                                         site: str) -> None:
    """Every page type of tests/test_site.py, as Chromium lays it out 1280 px wide."""
    browser.set_window_size(1280, 1024)
    assert browser.execute_script("return window.innerWidth") == 1280
    wide: list[str] = []
    for path, _ in PAGES:
        browser.get(site + path)
        wide += [f"{path}: {w}" for w in browser.execute_script(_OVERFLOW)]
    assert not wide, "\n".join(["", *wide])


def test_answer_columns_sort_by_value(browser: WebDriver, site: str) -> None:
    """A heading is a button: amounts sort by their value (not their text: € 9.000.000 is
    less than € 10.000.000), again the other way; text in Dutch order."""
    browser.get(site + "/vragen/bedragen-vanaf")
    table = browser.find_element(By.CSS_SELECTOR, "#answer table.results")
    headings = [th.get_attribute("data-column") for th in
                table.find_elements(By.CSS_SELECTOR, "thead th")]
    column = headings.index("waarde")

    def values() -> list[int]:
        return [int(float(td.get_attribute("data-sort") or "nan"))
                for td in table.find_elements(
                    By.CSS_SELECTOR, f"tbody tr td:nth-child({column + 1})")]

    button = table.find_elements(By.CSS_SELECTOR, "thead th button.sort")[column]
    button.click()
    ascending = values()
    assert len(ascending) > 2 and ascending == sorted(ascending)
    assert table.find_elements(By.CSS_SELECTOR, "thead th")[column].get_attribute(
        "aria-sort") == "ascending"
    button.click()
    assert values() == sorted(ascending, reverse=True)
    assert console_errors(browser) == []


def test_sparql_editor_in_english_when_the_server_is(browser: WebDriver, site: str) -> None:
    from vngkb import i18n

    i18n.set_lang("en")
    try:
        browser.get(site + "/query")
        wait(browser).until(ec.presence_of_element_located(
            (By.CSS_SELECTOR, "#yasgui .CodeMirror")))
    finally:
        i18n.set_lang(None)
    browser.execute_script("var y = window.yasgui.getTab().getYasqe(); y.setValue(arguments[0]);"
                           " y.query();", VALUES_QUERY)
    wait(browser).until(ec.presence_of_element_located(
        (By.XPATH, "//div[contains(@class,'yasr')]//td//a"
                   "[normalize-space(.)='Laaggeletterdheid']")))
    row = [td.text for td in browser.find_elements(
        By.CSS_SELECTOR, ".yasr table.dataTable tbody tr:first-child td")]
    assert row[2:6] == ["1,286,315,000", "2020", "1,234,567.25", "yes"]
    assert browser.find_element(By.CSS_SELECTOR, ".yasr_response_chip").text.startswith(
        "1 result in ")
    assert console_errors(browser) == []
