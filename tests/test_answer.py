"""The Python API for notebooks: ``vngkb.ask`` with typed values, the example in docs/usage.md,
``to_dataframe`` with and without pandas, and a cheap ``import vngkb``."""

from __future__ import annotations

import datetime
import doctest
import subprocess
import sys
import types
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import vngkb
from vngkb.core.errors import MissingExtraError, ParameterError, UnknownQuestionError
from vngkb.query import answer as answer_module
from vngkb.query.answer import Answer, typed_value
from vngkb.query.store import ResultTable
from vngkb.rdf.namespaces import XSD
from vngkb.rdf.terms import Term

#: The page whose "Python (notebooks)" section shows the API.
USAGE = Path(__file__).parent.parent / "docs" / "usage.md"


def test_ask_returns_typed_values() -> None:
    answer = vngkb.ask("bedragen-per-ministerie", ministerie="VWS")
    first = answer[0]
    assert first["titel"] == "Jeugd"
    assert first["waarde"] == Decimal("20000000") and isinstance(first["waarde"], Decimal)
    assert (first["eersteRegel"], first["laatsteRegel"]) == (2161, 2162)
    assert isinstance(first["eersteRegel"], int)
    assert first["maatregel"] == "https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/jeugd"
    assert first["eersteJaar"] is None  # unbound stays None
    second = answer[1]
    assert (second["eersteJaar"], second["laatsteJaar"]) == (2019, 2021)
    assert isinstance(second["eersteJaar"], int)


def test_parameters_may_be_python_values_and_are_checked() -> None:
    as_int = vngkb.ask("decentralisatie-uitkeringen-per-startjaar", jaar=2020)
    as_text = vngkb.ask("decentralisatie-uitkeringen-per-startjaar", jaar="2020")
    assert as_int == as_text
    assert as_int.column("titel") == ["Cultuur", "Laaggeletterdheid"]
    with pytest.raises(ParameterError, match="bedoelde u 'jaar'"):
        vngkb.ask("decentralisatie-uitkeringen-per-startjaar", jr=2020)
    with pytest.raises(UnknownQuestionError, match="bedoelde u 'totalen-per-jaar'"):
        vngkb.ask("totalen-per-jar")


def test_answer_is_a_list_of_records() -> None:
    answer = vngkb.ask("totalen-per-jaar")
    assert len(answer) == 6 == len(list(answer)) == len(answer[:])
    assert answer.column("jaar") == [2019, 2020, 2021, 2022, 2023, 2024]
    # 2020: 23 amounts, € 1.552,97 miljoen of which € 149 miljoen carried forward from
    # open-ended amounts (the derivation is written out in tests/test_totals.py).
    row = answer[1]
    assert (row["jaar"], row["aantal"], row["totaal"], row["openEinde"]) == (
        2020, 23, Decimal("1552970000"), Decimal("149000000"))
    assert isinstance(row["jaar"], int) and isinstance(row["totaal"], Decimal)
    assert "1.552.970.000" in repr(answer)


@pytest.mark.parametrize(("term", "value"), [
    (Term("literal", "2019-09-17", datatype=XSD + "date"), datetime.date(2019, 9, 17)),
    (Term("literal", "2019-09-17T10:00:00", datatype=XSD + "dateTime"),
     datetime.datetime(2019, 9, 17, 10)),
    (Term("literal", "not a date", datatype=XSD + "date"), "not a date"),
    (Term("literal", "7300000.0", datatype=XSD + "decimal"), Decimal("7300000.0")),
    (Term("literal", "2020", datatype=XSD + "gYear"), 2020),
    (Term("literal", "true", datatype=XSD + "boolean"), True),
    (Term("literal", "Jeugd", lang="nl"), "Jeugd"),
    (None, None),
])
def test_typed_values(term: Term | None, value: object) -> None:
    assert typed_value(term) == value
    assert type(typed_value(term)) is type(value)


def test_ask_query_answer_has_one_column() -> None:
    assert list(Answer.from_table(ResultTable(columns=[], boolean=True))) == [
        {"antwoord": True}]


def test_to_dataframe_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError) as error:
        vngkb.ask("totalen-per-jaar").to_dataframe()
    assert str(error.value) == ("to_dataframe() heeft de extra 'pandas' nodig (pandas "
                                "ontbreekt): pip install -e '.[pandas]'")
    assert error.value.exit_code == 4


def test_to_dataframe_hands_pandas_the_typed_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, Any]] = []

    class DataFrame:
        @classmethod
        def from_records(cls, rows: Any, columns: Any) -> str:
            calls.append((rows, columns))
            return "frame"

    monkeypatch.setitem(sys.modules, "pandas", types.SimpleNamespace(DataFrame=DataFrame))
    answer = vngkb.ask("totalen-per-jaar")
    assert answer.to_dataframe() == "frame"
    assert calls == [(answer.rows, ["jaar", "aantal", "totaal", "openEinde", "structureel",
                                    "incidenteel"])]


def test_the_usage_example_runs() -> None:
    text = USAGE.read_text(encoding="utf-8")
    section = text[text.index("## Python (notebooks)"):]
    block = section[section.index("```pycon") + len("```pycon"):]
    block = block[:block.index("```")]
    test = doctest.DocTestParser().get_doctest(block, {}, "usage", str(USAGE), 0)
    assert len(test.examples) == 6
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False) == doctest.TestResults(0, 6)


def test_import_vngkb_loads_nothing_heavy() -> None:
    code = ("import sys, vngkb; heavy = [m for m in ('pyoxigraph', 'rdflib', 'click', "
            "'yaml', 'vngkb.query.store', 'vngkb.api') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_doctests() -> None:
    failures, tried = doctest.testmod(answer_module)
    assert tried > 0 and failures == 0
