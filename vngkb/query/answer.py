"""Answers for Python use (notebooks): ``vngkb.ask("naam", jaar=2020)`` gives an
:class:`Answer`, a list of records (dicts) with typed values: ``Decimal`` for amounts,
``int`` for years, counts and line numbers, ``str`` for text and IRIs, ``date`` for
dates, ``bool`` for booleans.

>>> from decimal import Decimal
>>> from vngkb.rdf.terms import Term
>>> answer = Answer.from_table(ResultTable(columns=["jaar", "waarde"], rows=[[
...     Term("literal", "2020", datatype=XSD + "gYear"),
...     Term("literal", "1000000.50", datatype=XSD + "decimal")]]))
>>> answer[0]
{'jaar': 2020, 'waarde': Decimal('1000000.50')}
>>> answer.columns, answer.rows
(('jaar', 'waarde'), [(2020, Decimal('1000000.50'))])
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from vngkb.query.store import ResultTable
from vngkb.rdf.namespaces import XSD
from vngkb.rdf.terms import Term

Record = dict[str, Any]


def parameter_text(name: str, value: object) -> str:
    """A parameter value given from Python as the text the question checks (as typed on
    the command line): a ``str`` as it is, an ``int``, ``float`` or ``Decimal`` as its
    digits, a ``date`` in ISO form. An integer too large to write out (over 4,300
    digits) is a :class:`ParameterError`; any other type (``None``, a list, bytes) a
    ``TypeError``.

    >>> parameter_text("jaar", 2020), parameter_text("datum", datetime.date(2019, 9, 17))
    ('2020', '2019-09-17')
    >>> parameter_text("jaar", None)
    Traceback (most recent call last):
    ...
    TypeError: parameter jaar: expected str, int, float, Decimal or date, not NoneType
    """
    from decimal import Decimal

    if isinstance(value, str):
        return value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:  # Python's limit on the digits of an int written out
            from vngkb.core.errors import ParameterError, shorten
            from vngkb.i18n import t

            raise ParameterError(t("not_a_number", name=name, value=shorten(value))) from None
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"parameter {name}: expected str, int, float, Decimal or date, "
                    f"not {type(value).__name__}")


def typed_value(term: Term | None) -> Any:
    """The Python value of one answer cell (None when unbound).

    >>> typed_value(Term("literal", "2019-09-17", datatype=XSD + "date"))
    datetime.date(2019, 9, 17)
    >>> typed_value(Term("iri", "https://w3id.org/vngkb/id/maatregel/jeugd"))
    'https://w3id.org/vngkb/id/maatregel/jeugd'
    """
    if term is None:
        return None
    try:
        if term.datatype == XSD + "date":
            return datetime.date.fromisoformat(term.value)
        if term.datatype == XSD + "dateTime":
            return datetime.datetime.fromisoformat(term.value)
    except ValueError:
        return term.value
    return term.to_python()


@dataclass(frozen=True)
class Answer(Sequence[Record]):
    """The rows of an answer as records (column → typed value), in the answer's order."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    @classmethod
    def from_table(cls, table: ResultTable) -> Answer:
        """The answer of a SELECT query (an ASK gives one column ``antwoord``)."""
        if table.boolean is not None:
            return cls(("antwoord",), [(table.boolean,)])
        return cls(tuple(table.columns),
                   [tuple(typed_value(term) for term in row) for row in table.rows])

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> list[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | list[Record]:
        if isinstance(index, slice):
            return [dict(zip(self.columns, row, strict=True)) for row in self.rows[index]]
        return dict(zip(self.columns, self.rows[index], strict=True))

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Record]:
        return (dict(zip(self.columns, row, strict=True)) for row in self.rows)

    def column(self, name: str) -> list[Any]:
        """The values of one column, top to bottom."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def to_dataframe(self) -> Any:  # a pandas.DataFrame; pandas is optional, so untyped
        """The answer as a pandas DataFrame (needs the ``pandas`` extra:
        ``pip install -e '.[pandas]'``); amounts stay ``Decimal`` (exact)."""
        import importlib

        try:
            # By name, so that type checking does not need pandas (an optional extra).
            pandas = importlib.import_module("pandas")
        except ImportError as error:
            from vngkb.core.errors import MissingExtraError
            from vngkb.i18n import t

            raise MissingExtraError(t("extra_missing", what=t("what_pandas"), extra="pandas",
                                      module=error.name or "pandas")) from None
        return pandas.DataFrame.from_records(self.rows, columns=list(self.columns))

    def __repr__(self) -> str:
        from vngkb.query.output import render

        return render(list(self.columns), self.rows, "table", emphasis=False)
