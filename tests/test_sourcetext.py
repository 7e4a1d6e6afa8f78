from __future__ import annotations

import pytest

from vngkb import sourcetext


@pytest.mark.parametrize(("lines", "expected"), [
    (["Om het woningte-", "kort aan te pakken"], "Om het woningtekort aan te pakken"),
    (["uit het BTW-com-", "pensatiefonds"], "uit het BTW-compensatiefonds"),
    (["zowel coalitie- als", "oppositiepartijen"], "zowel coalitie- als oppositiepartijen"),
    (["bestrijding van fraude-", "en misbruik"], "bestrijding van fraude- en misbruik"),
    (["De financieringssys-", "", "tematiek wordt"], "De financieringssystematiek wordt"),
    ([" leading space", "€\u00a06,1 miljard"], "leading space € 6,1 miljard"),
    (["Een investering van", "", "Vereniging van Nederlandse Gemeenten16", "", "€ 50 miljoen"],
     "Een investering van € 50 miljoen"),
])
def test_joined_text(lines: list[str], expected: str) -> None:
    assert sourcetext.joined_text(lines) == expected


def test_paragraphs_keep_blank_line_breaks() -> None:
    lines = ["Eerste alinea loopt", "door.", "", "Tweede alinea."]
    assert sourcetext.paragraphs(lines) == "Eerste alinea loopt door.\n\nTweede alinea."


def test_contains_is_exact_about_words() -> None:
    lines = ["Het budget voor 2020 bedraagt € 178 miljoen."]
    assert sourcetext.contains(lines, "bedraagt  € 178\nmiljoen")
    assert not sourcetext.contains(lines, "bedraagt € 177,9 miljoen")


def test_line_range_is_one_based_and_inclusive() -> None:
    assert sourcetext.line_range(["a", "b", "c", "d"], 2, 3) == ["b", "c"]


def test_shipped_source_is_the_letter_the_kb_describes() -> None:
    """kb/ line numbers are identifiers into exactly this text."""
    import hashlib

    from vngkb.paths import SOURCE_FILE, SOURCE_SHA256

    assert SOURCE_FILE.name == sourcetext.SOURCE_NAME
    assert hashlib.sha256(SOURCE_FILE.read_bytes()).hexdigest() == SOURCE_SHA256
    assert len(sourcetext.read_lines(SOURCE_FILE)) == 2512
