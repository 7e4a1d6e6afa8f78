"""The audit of the letter's arithmetic and the tables of published beside computed
figures (vngkb.finance.audit): every kind of check with its exact text, the thresholds
of a check (equal at the printed precision, one unit off), and the table rows.

Expected figures are typed in from the letter (line numbers beside them) or derived by
hand in the comment beside the assertion."""

from __future__ import annotations

import doctest
from decimal import Decimal
from pathlib import Path

import pytest

from tests.accres_figures import EXPECTED_CHAIN_DIFFERENCES, EXPECTED_DISCREPANCIES
from vngkb import finance
from vngkb.core.errors import FinanceError
from vngkb.finance import model as m
from vngkb.finance.audit import (
    AUDIT_COLUMNS,
    Check,
    Row,
    _plafond_checks,
    _printed_engine,
    _what,
    _where,
    accres_rows,
    audit,
    audit_checks,
    rows,
    unchecked,
)
from vngkb.finance.published import DEFAULT_KB_FILE, Observation, PublishedData, load

D = Decimal
MEI, SEPT = "meicirculaire-2019", "septembercirculaire-2019"
YEARS = [2019, 2020, 2021, 2022, 2023, 2024]


@pytest.fixture(autouse=True)
def _dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VNGKB_LANG", raising=False)


def _checks() -> dict[tuple[str, str], Check]:
    return {(c.check, c.where): c for c in audit_checks()}


def _check(check: str, where_starts: str) -> Check:
    found = [c for (name, where), c in _checks().items()
             if name == check and where.startswith(where_starts)]
    assert len(found) == 1, (check, where_starts, found)
    return found[0]


# --- the tables -----------------------------------------------------------------------------

def test_only_tables_1_to_3() -> None:
    for table in (0, 4):
        with pytest.raises(FinanceError) as raised:
            rows(table=table)
        assert str(raised.value) == f"no table {table}: choose 1, 2 or 3"


def test_tabel_2_rows() -> None:
    table = rows(table=2)
    # 2 forecasts × 3 rows × 6 years, in the order of the table (lines 144-158).
    assert len(table) == 36
    assert table[0] == Row("cep-2019", 2019, "loonindex", D("2.50"), D("2.50"), D("0.00"))
    assert [(r.circulaire, r.quantity) for r in table[::6]] == [
        ("cep-2019", "loonindex"), ("cep-2019", "materieelindex"),
        ("cep-2019", "inflatiecorrectie"), ("mev-2020", "loonindex"),
        ("mev-2020", "materieelindex"), ("mev-2020", "inflatiecorrectie")]
    assert [r.year for r in table[:6]] == YEARS
    # 0,5 × 2,20% + 0,5 × 1,70% = 1,95%, printed 1,85% (line 150): difference +0,10.
    assert table[17] == Row("cep-2019", 2024, "inflatiecorrectie", D("1.85"), D("1.95"),
                             D("0.10"))


def test_tabel_1_rows_use_the_forecast_each_circulaire_applies() -> None:
    table = {(r.circulaire, r.quantity, r.year): r for r in accres_rows()}
    # 2 circulaires × 8 rows × 6 years
    assert len(table) == 96
    # The inflatiecorrectie of Tabel 1 is the Tabel 2 cell of the forecast it applies:
    # CEP 2019 for the meicirculaire (1,70%, line 150), MEV 2020 for the septembercirculaire
    # from 2020 (2,05%, line 158) and CEP 2019 for its 2019 (1,95%, line 150).
    assert table[(MEI, "inflatiecorrectie", 2020)].published == D("1.70")
    assert table[(SEPT, "inflatiecorrectie", 2020)].published == D("2.05")
    assert table[(SEPT, "inflatiecorrectie", 2019)].published == D("1.95")
    # Not printed for the meicirculaire: rounded to the precision of the quantity.
    # 942.710 (line 71) − 60.000 (line 83) = 882.710 thousand; the volume percentage
    # 882.710 × 7,30 / 1.286.315 = 5,0097% -> 5,01.
    volume = table[(MEI, "werkelijk-volume-accres", 2019)]
    assert (volume.published, volume.computed, volume.difference) == (None, D("882710000"), None)
    assert table[(MEI, "volume-accrespercentage", 2019)].computed == D("5.01")
    assert table[(MEI, "opschalingskorting", 2019)].published is None
    # Printed and reproduced: 695.578 (line 81).
    assert table[(SEPT, "reeel-accres", 2020)] == Row(
        SEPT, 2020, "reeel-accres", D("695578000"), D("695578000"), D("0"))


def test_tabel_3_rows() -> None:
    table = rows(table=3)
    # plafond, declaraties, vrijval, aandeel × 6 years, groei plafond from 2020 (5).
    assert len(table) == 29
    growth = [r for r in table if r.quantity == "groei-plafond-bcf"]
    # 3.671.278 / 3.519.703 − 1 = 4,31% (line 199), not printed in the table.
    assert growth[0] == Row("miljoenennota-2020", 2020, "groei-plafond-bcf", None, D("4.31"),
                              None)
    assert [r.year for r in growth] == [2020, 2021, 2022, 2023, 2024]


def test_a_what_if_shows_in_the_rows() -> None:
    table = {(r.circulaire, r.quantity, r.year): r
            for r in rows({"opschalingskorting.2020": 80_000_000}, table=1)}
    # 695.578 − 80.000 = 615.578 against the printed 625.578 (line 85): −10.000 thousand.
    volume = table[(SEPT, "werkelijk-volume-accres", 2020)]
    assert (volume.computed, volume.difference) == (D("615578000"), D("-10000000"))


# --- the checks -----------------------------------------------------------------------------

def test_a_check_passes_only_when_equal_at_the_printed_precision() -> None:
    equal = Check("x", "w", "t", D("4.31"), D("4.31"), "%", "o")
    assert equal.ok and equal.difference == D("0")
    for printed in (D("4.30"), D("4.32")):  # one unit of the printed precision either side
        off = Check("x", "w", "t", D("4.31"), printed, "%", "o")
        assert not off.ok
        assert off.difference == D("4.31") - printed
    assert equal.row() == ("x", "w", "t", D("4.31"), D("4.31"), D("0"), "%", "")
    assert AUDIT_COLUMNS == ("check", "what", "where", "expected", "printed", "difference",
                               "unit", "note")


def test_a_table_cell_check() -> None:
    check = _check("reeel-accres.septembercirculaire-2019.2020", "Tabel 1")
    assert check.what == ("reëel accres = nominaal accres × reëel accrespercentage / "
                          "accrespercentage")
    assert check.where == ("Tabel 1, Septembercirculaire 2019, rij 'Reëel accres', kolom 2020 "
                           "(regel 81)")
    # 1.244.014 × 2,60 / 4,65 = 695.578 thousand (lines 75-81)
    assert (check.expected, check.printed, check.unit) == (D("695578000"), D("695578000"), "EUR")
    assert check.observation == ("https://w3id.org/vngkb/id/accres/ledenbrief-miljoenennota-2020/septembercirculaire-2019/"
                                 "reeel-accres/2020")
    assert not check.assumed and check.note == ""


def test_a_check_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_LANG", "en")
    where = {c.check: c.where for c in audit_checks()}
    assert where["reeel-accres.septembercirculaire-2019.2020"] == (
        "Tabel 1, Septembercirculaire 2019, row 'Reëel accres', column 2020 (line 81)")
    assert where["declaraties-bcf.2019"] == "text, lines 182-183: '€ 3.427,8 miljoen'"


@pytest.mark.parametrize(("check", "where", "what", "expected"), [
    # Line 94: 1.067.972 − 1.286.315 = −218.343 thousand, "€ 218,3 miljoen" (a decrease).
    ("bijstelling-nominaal-accres.2019", "tekst, regel 94: '€ 218,3 miljoen'",
     "nominaal accres 2019: septembercirculaire − meicirculaire", D("-218300000")),
    # Line 97: −(−218.343) = 218 miljoen.
    ("doorwerking-bijstelling-vorig-jaar.2020", "tekst, regel 97: '€ 218 miljoen'",
     "deel van de toename 2020 door de lagere raming 2019 = −bijstelling 2019",
     D("218000000")),
    # Line 113: 3,48% − 3,76% = −0,28 procentpunt.
    ("bijstelling-accrespercentage.2023", "tekst, regel 113: '-0,28%'",
     "accrespercentage 2023: septembercirculaire − meicirculaire (procentpunt)", D("-0.28")),
    ("gemiddeld-volume-accrespercentage.septembercirculaire-2019",
     "tekst, regel 140: 'gemiddeld 1,6%'", "gemiddelde van volume-accres in % 2019-2024",
     D("1.6")),
    # Lines 183-184: 3.519.703 − 3.427.847 = 91.856 thousand, "€ 91,9 miljoen".
    ("vrijval-gf-pf.2019", "tekst, regels 183-184: '€ 91,9 miljoen'",
     "vrijval aan GF en PF = plafond BCF − declaraties", D("91900000")),
    ("aandeel-gemeenten.2019", "tekst, regel 184: '€ 80,8 miljoen'",
     "aandeel gemeenten = vrijval × verdeelsleutel (aandeel / vrijval 2019, Tabel 3)",
     D("80800000")),
    ("advies-vrijval-gemeenten", "tekst, regel 213: 'maximaal € 80,8 miljoen'",
     "maximale vrijval per jaar = aandeel gemeenten 2019", D("80800000")),
    # 3.427.847 × 1,04 = 3.564.960,88 -> 3.564.961 (line 201).
    ("declaraties-bcf.2020", "Tabel 3, Miljoenennota 2020, rij 'Declaraties', kolom 2020 "
     "(regel 201)", "declaraties = declaraties 2019 × (1 + groei declaraties)^1",
     D("3564961000")),
    ("declaraties-bcf.2024", "Tabel 3, Miljoenennota 2020, rij 'Declaraties', kolom 2024 "
     "(regel 201)", "declaraties = declaraties 2019 × (1 + groei declaraties)^5",
     D("4170500000")),
    ("inflatiecorrectie.mev-2020.2020", "Tabel 2, Macro Economische Verkenning 2020, rij "
     "'Inflatiecorrectie 0,5 x a + 0,5 x b', kolom 2020 (regel 158)",
     "inflatiecorrectie = loongevoeligheid × a + prijsgevoeligheid × b (0,5 × a + 0,5 × b)",
     D("2.05")),
    ("reeel-accrespercentage.meicirculaire-2019.2020", "Tabel 1, Meicirculaire 2019",
     "reëel accrespercentage = accrespercentage − inflatiecorrectie (Centraal Economisch "
     "Plan 2019)", D("1.43")),
    ("reeel-accrespercentage.septembercirculaire-2019.2020", "Tabel 1, Septembercirculaire",
     "reëel accrespercentage = accrespercentage − inflatiecorrectie (Macro Economische "
     "Verkenning 2020)", D("2.60")),
    ("werkelijk-volume-accres.septembercirculaire-2019.2019", "Tabel 1",
     "werkelijk volume-accres = reëel accres − opschalingskorting", D("664318000")),
    ("volume-accrespercentage.septembercirculaire-2019.2019", "Tabel 1",
     "volume-accres in % = werkelijk volume-accres × accrespercentage / nominaal accres",
     D("3.77")),
    ("aandeel-gemeenten.2020", "Tabel 3",
     "aandeel gemeenten = vrijval × verdeelsleutel (aandeel / vrijval 2019, Tabel 3)",
     D("93547000")),
])
def test_each_kind_of_check(check: str, where: str, what: str, expected: Decimal) -> None:
    found = _check(check, where)
    assert found.what == what
    assert found.expected == expected == found.printed
    assert where == found.where or found.where.startswith(where)


def test_a_figure_repeated_in_the_text_is_checked_against_its_cell() -> None:
    check = _check("plafond-bcf.2019", "tekst")
    assert check.what == ("plafond BTW-compensatiefonds 2019 in de tekst = Tabel 3, "
                          "Miljoenennota 2020, rij 'Plafond BCF', kolom 2019")
    assert check.where == "tekst, regels 180-181: '€ 3.519,7 miljoen'"
    # 3.519.703 thousand at the text's precision (€ 0,1 miljoen): 3.519,7 miljoen.
    assert (check.expected, check.printed) == (D("3519700000"), D("3519700000"))
    six = _check("accrespercentage.septembercirculaire-2019.2019", "tekst")
    assert six.where == "tekst, regel 181: 'accrespercentage van 6%'"
    assert (six.expected, six.printed, six.unit) == (D("6"), D("6"), "%")  # 6,06% (line 77)


def test_the_first_municipal_share_is_not_a_check() -> None:
    # The key is derived from the 2019 cells, so the 2019 cell reproduces by construction;
    # the text figure "€ 80,8 miljoen" (line 184) is still checked.
    assert [c.where for c in audit_checks() if c.check == "aandeel-gemeenten.2019"] == [
        "tekst, regel 184: '€ 80,8 miljoen'"]


def test_the_plafond_checks_are_assumed_relations() -> None:
    plafond = [c for c in audit_checks() if c.assumed]
    assert [c.check for c in plafond] == [f"groei-plafond-bcf.{y}" for y in YEARS[1:]]
    first = plafond[0]
    assert first.what == ("groei plafond BCF 2019-2020 = accrespercentage 2020 "
                          "(Septembercirculaire 2019)")
    assert first.where == ("Tabel 3, Miljoenennota 2020, rij 'Plafond BCF', kolommen 2019-2020 "
                           "(regel 199) tegenover Tabel 1, Septembercirculaire 2019, rij "
                           "'Accrespercentage', kolom 2020 (regel 77)")
    # 3.671.278 / 3.519.703 = +4,31% against the 4,65% accres of 2020 (lines 77, 199).
    assert (first.expected, first.printed, first.unit) == (D("4.31"), D("4.65"), "%")
    assert first.note == ("aangenomen verband: de brief zegt alleen dat het plafond van 2019 "
                          "groeide met het accres van 6% (regel 181)")
    assert first.observation == ("https://w3id.org/vngkb/id/accres/ledenbrief-miljoenennota-2020/miljoenennota-2020/"
                                 "plafond-bcf/2020")
    # 4.042.143 / 3.906.157 = +3,48%, the accres of 2023 (3,48%): reproduced.
    assert plafond[3].ok and plafond[3].expected == D("3.48")


def test_checks_are_in_source_order() -> None:
    checks = [c for c in audit_checks() if not c.assumed]
    lines = [int(c.where.split("regel")[1].lstrip("s ").split("-")[0].split(")")[0]
                 .split(":")[0]) for c in checks]
    assert lines == sorted(lines)
    assert lines[0] == 69 and lines[-1] == 213


def _kb_with(tmp_path: Path, changes: list[tuple[str, str, str]]) -> Path:
    """A copy of kb/accres.ttl in which, for each (subject under id/accres/, old, new),
    the subject's statement says *new* where it said *old* (exactly once)."""
    text = DEFAULT_KB_FILE.read_text(encoding="utf-8")
    for subject, old, new in changes:
        start = text.index(f"<https://w3id.org/vngkb/id/accres/ledenbrief-miljoenennota-2020/{subject}>")
        end = text.index(" .\n", start)
        assert text[start:end].count(old) == 1, (subject, old)
        text = text[:start] + text[start:end].replace(old, new) + text[end:]
    kb = tmp_path / "accres.ttl"
    kb.write_text(text, encoding="utf-8")
    return kb


def test_each_check_uses_the_printed_figures_it_depends_on(tmp_path: Path) -> None:
    # Tabel 1 sept. 2020 prints reëel accrespercentage 2,60% (line 79); print 2,70%:
    kb = _kb_with(tmp_path, [(f"{SEPT}/reeel-accrespercentage/2020",
                              '"2.60"^^xsd:decimal', '"2.70"^^xsd:decimal')])
    found = {c.check: (c.expected, c.printed) for c in audit(kb_file=kb)}
    # The percentage itself: 4,65% − 2,05% = 2,60%, printed 2,70%; the reëel accres is
    # recomputed from the printed 2,70%: 1.244.014 × 2,70 / 4,65 = 722.331 thousand,
    # printed 695.578 (line 81). Nothing else follows from the changed cell.
    assert found == {
        "reeel-accrespercentage.septembercirculaire-2019.2020": (D("2.60"), D("2.70")),
        "reeel-accres.septembercirculaire-2019.2020": (D("722331000"), D("695578000")),
        "inflatiecorrectie.cep-2019.2024": (D("1.95"), D("1.85")),
        "inflatiecorrectie.mev-2020.2024": (D("1.95"), D("1.85")),
        "groei-plafond-bcf.2020": (D("4.31"), D("4.65")),
        "groei-plafond-bcf.2021": (D("3.28"), D("3.30")),
        "groei-plafond-bcf.2022": (D("3.02"), D("3.03")),
    }


def test_the_rows_read_the_kb_file_they_are_given(tmp_path: Path) -> None:
    # Print 695.579 for the reëel accres (line 81) and 70.001 for the opschalingskorting
    # 2020 (line 83) in a copy.
    kb = _kb_with(tmp_path, [
        (f"{SEPT}/reeel-accres/2020", '"695578000"^^', '"695579000"^^'),
        (f"{SEPT}/opschalingskorting/2020", '"70000000"^^', '"70001000"^^')])
    for table in (rows(kb_file=kb), accres_rows(kb_file=kb)):
        found = {(r.circulaire, r.quantity, r.year): r for r in table}
        # Published from the copy; computed from its inputs: 695.578 − 70.001 = 625.577.
        assert found[(SEPT, "reeel-accres", 2020)].difference == D("-1000")
        assert found[(SEPT, "werkelijk-volume-accres", 2020)] == Row(
            SEPT, 2020, "werkelijk-volume-accres", D("625578000"), D("625577000"), D("-1000"))


def test_a_misprinted_text_figure_shows_up_once(tmp_path: Path) -> None:
    # "€ 218,3 miljoen" (line 94) as if it read € 217,3 miljoen. The doorwerking in 2020
    # ("€ 218 miljoen", line 97) is checked from the Tabel 1 cells, not from this figure:
    # −(1.067.972 − 1.286.315) = 218.343 thousand -> 218 miljoen, still reproduced.
    kb = _kb_with(tmp_path, [(f"tekst/{SEPT}/bijstelling-nominaal-accres/2019",
                              '"-218300000"^^', '"-217300000"^^')])
    found = {c.check: (c.expected, c.printed) for c in audit(kb_file=kb)}
    assert found == {
        "bijstelling-nominaal-accres.2019": (D("-218300000"), D("-217300000")),
        "inflatiecorrectie.cep-2019.2024": (D("1.95"), D("1.85")),
        "inflatiecorrectie.mev-2020.2024": (D("1.95"), D("1.85")),
        "groei-plafond-bcf.2020": (D("4.31"), D("4.65")),
        "groei-plafond-bcf.2021": (D("3.28"), D("3.30")),
        "groei-plafond-bcf.2022": (D("3.02"), D("3.03")),
    }


def test_a_computed_figure_without_a_formula_is_named_by_its_label() -> None:
    model = m.model()
    obs = Observation("x", "accres-tabel-3", "miljoenennota-2020", "groei-plafond-bcf", 2020,
                      None, D("4.31"), "%", 2, 1, "4,31%", 199, 199, None)
    # The label of the quantity (ontology/accres.ttl) and "(berekend)".
    assert _what(model, "groei-plafond-bcf.2020", obs, False) == "groei plafond BCF (berekend)"


def test_a_plafond_check_needs_both_ceilings_and_the_accres() -> None:
    data = m.model().data
    # Without the Tabel 3 ceiling of 2022 (line 199), the growth 2021-2022 and 2022-2023
    # cannot be checked; 2020, 2021 and 2024 still are.
    kept = tuple(o for o in data.observations
                 if not (o.quantity == "plafond-bcf" and o.year == 2022))
    assert len(kept) == len(data.observations) - 1
    model = m.Model.from_data(PublishedData(kept, data.labels))
    checks = _plafond_checks(model, _printed_engine(model))
    assert [c.check for c in checks] == ["groei-plafond-bcf.2020", "groei-plafond-bcf.2021",
                                         "groei-plafond-bcf.2024"]
    # Without the accrespercentage of 2021 (Tabel 1, sept., line 77) that year is skipped.
    kept = tuple(o for o in data.observations if not (
        o.quantity == "accrespercentage" and o.circulaire == SEPT and o.year == 2021))
    model = m.Model.from_data(PublishedData(kept, data.labels))
    checks = _plafond_checks(model, _printed_engine(model))
    assert [c.check for c in checks] == [f"groei-plafond-bcf.{y}" for y in (2020, 2022, 2023,
                                                                            2024)]


def test_a_row_is_rounded_at_the_precision_its_cell_is_printed_in(tmp_path: Path) -> None:
    # A copy in which Tabel 1 prints the reëel accres 2020 (sept.) in millions: 696.
    kb = _kb_with(tmp_path, [
        (f"{SEPT}/reeel-accres/2020", '"695578000"^^', '"696000000"^^'),
        (f"{SEPT}/reeel-accres/2020", "def:decimalen -3 ;", "def:decimalen -6 ;")])
    found = {(r.circulaire, r.quantity, r.year): r for r in rows(kb_file=kb)}
    # 695.577.720 euro rounded to millions: 696.000.000, as printed.
    assert found[(SEPT, "reeel-accres", 2020)] == Row(SEPT, 2020, "reeel-accres",
                                                      D("696000000"), D("696000000"), D("0"))
    # The other years keep the thousands: 300.905 (line 81).
    assert found[(SEPT, "reeel-accres", 2021)].computed == D("300905000")


def test_the_table_is_named_by_its_label_up_to_the_first_full_stop() -> None:
    obs = Observation("x", "accres-tabel-1", SEPT, "reeel-accres", 2020, None, D("695578000"),
                      "EUR", -3, 1000, "695.578", 81, 81, "Reëel accres")
    labels = {"accres-tabel-1": "Tabel 1. Accressen (in duizenden euro's). Bron: VNG",
              SEPT: "Septembercirculaire 2019"}
    model = m.Model.from_data(PublishedData((obs,), labels))
    assert _where(model, obs) == ("Tabel 1, Septembercirculaire 2019, rij 'Reëel accres', "
                                  "kolom 2020 (regel 81)")


def test_the_curated_letter_leaves_no_figure_unchecked() -> None:
    assert unchecked() == []


def test_a_missing_input_leaves_its_figures_unchecked(tmp_path: Path) -> None:
    # without the printed wage weight, the inflation corrections of Tabel 2 cannot be
    # recomputed: each is listed with that input, and every other check still runs
    text = DEFAULT_KB_FILE.read_text(encoding="utf-8")
    kept = [block for block in text.split("\n\n") if "grootheid:loongevoeligheid" not in block]
    assert len(kept) < len(text.split("\n\n"))
    kb_file = tmp_path / "accres.ttl"
    kb_file.write_text("\n\n".join(kept), encoding="utf-8")
    left_out = unchecked(kb_file=kb_file)
    assert {u.missing for u in left_out} == {"loongevoeligheid"}
    assert {u.check.split(".")[0] for u in left_out} == {"inflatiecorrectie"}
    assert len(audit_checks(kb_file=kb_file)) + len(left_out) == len(audit_checks())


# --- Recomputing the tables -------------------------------------------------------------

def test_every_printed_cell_is_reproduced_or_a_known_difference() -> None:
    differences = {}
    for table in (1, 2, 3):
        for row in finance.rows(table=table):
            if row.difference is not None and row.difference != 0:
                differences[(table, row.circulaire, row.quantity, row.year)] = row.difference
    assert differences == EXPECTED_CHAIN_DIFFERENCES


def test_with_the_printed_inflatiecorrectie_every_accres_cell_is_reproduced() -> None:
    printed = {k: v for k, v in finance.published_values().items()
               if k.startswith("inflatiecorrectie.")}
    assert len(printed) == 12
    rows = finance.accres_rows(printed)
    assert [r for r in rows if r.difference not in (None, D(0))] == []
    # Every printed cell of Tabel 1 is compared: 4 rows × 6 (mei), 7 rows × 6 (sept),
    # and inflatiecorrectie from Tabel 2 for both.
    assert sum(r.published is not None for r in rows) == 24 + 42 + 12


def test_accres_rows_have_the_documented_columns_and_none_where_nothing_is_printed() -> None:
    rows = finance.accres_rows()
    assert rows[0]._fields == finance.ROW_COLUMNS
    mei_volume = [r for r in rows
                  if r.circulaire == MEI and r.quantity == "werkelijk-volume-accres"]
    assert [r.year for r in mei_volume] == [2019, 2020, 2021, 2022, 2023, 2024]
    assert all(r.published is None and r.difference is None for r in mei_volume)
    # 882.710 = 942.710 (reëel accres mei 2019) − 60.000 (opschalingskorting 2019)
    assert mei_volume[0].computed == D("882710000")


def test_bcf_rows_reproduce_tabel_3() -> None:
    rows = {(r.quantity, r.year): r for r in finance.rows(table=3)}
    assert rows[("declaraties-bcf", 2024)].computed == D("4170500000")
    assert rows[("aandeel-gemeenten", 2021)].computed == D("74116000")
    assert rows[("groei-plafond-bcf", 2020)].published is None
    assert all(r.difference in (None, D(0)) for r in rows.values())


# --- The audit ----------------------------------------------------------------------------

def test_audit_finds_exactly_the_known_discrepancies() -> None:
    found = {d.check: (d.expected, d.printed) for d in finance.audit()}
    assert found == EXPECTED_DISCREPANCIES
    assumed = {d.check for d in finance.audit() if d.assumed}
    assert assumed == {k for k in EXPECTED_DISCREPANCIES if k.startswith("groei-plafond-bcf")}


@pytest.mark.parametrize("check", finance.audit_checks(), ids=lambda c: f"{c.check}@{c.where}")
def test_each_check(check: finance.Check) -> None:
    if check.check in EXPECTED_DISCREPANCIES:
        assert (check.expected, check.printed) == EXPECTED_DISCREPANCIES[check.check]
        assert not check.ok
    else:
        assert check.ok, check.row()


def test_audit_covers_every_derivable_printed_figure() -> None:
    data = load()
    model = m.model()
    engine = m.Engine(model)
    checked = {c.observation for c in finance.audit_checks()}
    inputs = {obs.iri for key, obs in model.sources.items() if not engine.has_rule(key)}
    share = data.find("aandeel-gemeenten", "miljoenennota-2020", 2019)
    assert share is not None
    definitional = {share.iri}  # the source of the municipal key
    not_modelled = {o.iri for o in data.observations if m.name_of(o, model.years) is None}
    everything = {o.iri for o in data.observations}
    assert everything - checked - inputs - definitional == not_modelled
    # The 2018 BCF release and the 2019 underspending estimates are printed facts that
    # no relation in the letter derives, so they have no place in the model.
    assert sorted(o.quote for o in data.observations if o.iri in not_modelled) == [
        "€ 1,2 miljard", "€ 1,5 miljard", "€ 1,7 miljard", "€ 39 miljoen"]
    assert len(finance.audit_checks()) == 83


def test_text_figures_are_checked_at_their_printed_precision() -> None:
    checks = {c.where.split(": ")[-1]: c for c in finance.audit_checks()
              if c.where.startswith("tekst")}
    assert checks["'€ 218,3 miljoen'"].expected == D("-218300000")
    assert checks["'€ 218 miljoen'"].expected == D("218000000")
    assert checks["'-0,28%'"].expected == D("-0.28")
    assert checks["'gemiddeld 1,6%'"].expected == D("1.6")
    assert checks["'accrespercentage van 6%'"].expected == D("6")
    assert checks["'€ 91,9 miljoen'"].what == "vrijval aan GF en PF = plafond BCF − declaraties"
    assert len(checks) == 14


def test_audit_reports_a_changed_figure(tmp_path: Path) -> None:
    kb = tmp_path / "accres.ttl"
    text = DEFAULT_KB_FILE.read_text(encoding="utf-8")
    assert text.count('"695578000"^^xsd:decimal') == 1
    kb.write_text(text.replace('"695578000"^^xsd:decimal', '"695579000"^^xsd:decimal'),
                  encoding="utf-8")
    found = {d.check: (d.expected, d.printed) for d in finance.audit(kb_file=kb)}
    assert found["reeel-accres.septembercirculaire-2019.2020"] == (D("695578000"), D("695579000"))
    # The volume-accres is checked from the printed reëel accres, so it now fails too.
    assert "werkelijk-volume-accres.septembercirculaire-2019.2020" in found


# --- The package's docstring (its example is the audit's result) ------------------------

def test_the_package_doctests() -> None:
    failures, tried = doctest.testmod(finance, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0
    assert failures == 0
