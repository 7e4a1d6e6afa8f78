"""The full validation report is the same, line for line, as the one recorded in
tests/data/validation/ when the shapes still used SHACL-SPARQL per focus node: on the
shipped KB and on every broken fixture (alone and added to the whole KB)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import DATA
from vngkb.core.errors import InputError
from vngkb.core.paths import ONTOLOGY_DIR, SHIPPED_LETTER_DIR, turtle_files
from vngkb.kb.load import default_files
from vngkb.validate.validation import check_messages, validate

EXPECTED = DATA / "validation"
FIXTURES = sorted(p for p in (DATA / "kb").glob("*.ttl") if p.name != "syntax-error.ttl")


def _cases() -> dict[str, list[Path]]:
    cases = {"shipped": default_files()}
    for fixture in FIXTURES:
        cases[fixture.stem] = [*turtle_files(ONTOLOGY_DIR), SHIPPED_LETTER_DIR / "brief.ttl",
                               fixture]
        cases[f"{fixture.stem}-met-kb"] = [*default_files(), fixture]
    return cases


def test_every_fixture_has_a_recorded_report() -> None:
    assert len(FIXTURES) == 6
    recorded = {p.stem for p in EXPECTED.glob("*.txt")}
    assert recorded == set(_cases())


@pytest.mark.parametrize("case", sorted(_cases()))
def test_report_is_unchanged(case: str) -> None:
    report = validate(_cases()[case])
    expected = (EXPECTED / f"{case}.txt").read_text(encoding="utf-8")
    # The triple count follows the data (new vocabulary terms add triples); every finding,
    # message and count of findings must stay the same.
    assert _without_size(report.text(warnings=True) + "\n") == _without_size(expected)


def _without_size(report: str) -> str:
    """*report* with its "N triples:" count left out.

    >>> _without_size("8706 triples: voldoet")
    'N triples: voldoet'
    """
    import re

    return re.sub(r"^\d+ triples:", "N triples:", report, flags=re.MULTILINE)


def test_check_messages_need_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "x-violation.rq"
    with pytest.raises(InputError, match=r"x-violation\.rq: a check declares both"):
        check_messages(path, "#+ melding_nl: Fout\nSELECT * {}")
    with pytest.raises(InputError, match=r"x-violation\.rq:2: a check's header line"):
        check_messages(path, "#+ melding_nl: Fout\n#+ melding_nl: Fout\nSELECT * {}")
    with pytest.raises(InputError, match=r"x-violation\.rq:1: a check's header line"):
        check_messages(path, "#+ melding: {Fout\"\x07}\nSELECT * {}")
    assert check_messages(path, "# uitleg\nSELECT * {}") is None


def test_shipped_shapes_are_shacl_core() -> None:
    # SHACL-SPARQL constraints are parsed and run per focus node by pySHACL; rules that
    # need SPARQL are whole-graph checks in queries/checks/ instead.
    for path in ONTOLOGY_DIR.glob("shapes*.ttl"):
        assert "sh:sparql" not in path.read_text(encoding="utf-8"), path.name
