"""What each CLI command does, as library functions: the CLI parses arguments, calls
one of these, and prints."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vngkb import catalogue
from vngkb.catalogue import Question
from vngkb.errors import InputError, VngkbError
from vngkb.paths import QUERIES_DIR
from vngkb.stats import StatRow
from vngkb.store import Backend, ResultTable, open_backend
from vngkb.validation import Report


def validate_kb(files: list[Path] | None = None) -> Report:
    """SHACL and QC report for *files* (default: the shipped ontology and KB)."""
    from vngkb.kb import default_files
    from vngkb.validation import validate

    return validate(files if files is not None else default_files())


def run_query(text: str, endpoint: str | None = None) -> ResultTable:
    """Run any SELECT or ASK query."""
    if not text.strip():
        raise InputError("the query is empty")
    return open_backend(endpoint).select(text)


def with_allowed_values(question: Question, backend: Backend) -> Question:
    """Fill in the allowed short names (and the KB's abbreviations for them) of IRI
    parameters whose values come from a SKOS scheme or a class."""
    text = catalogue.members_query(question)
    if text is None:
        return question
    rows = [(r[0].value, r[1].value, None if r[2] is None else r[2].value)
            for r in backend.select(text).rows if r[0] is not None and r[1] is not None]
    return catalogue.with_members(question, rows)


def question(name: str, directory: Path = QUERIES_DIR, *,
             with_values: bool = False) -> Question:
    """The canned question *name* (its metadata, without running it); *with_values*
    fills in the allowed values of its scheme and class parameters from the shipped KB
    (left as the header has them if the KB cannot be loaded)."""
    found = catalogue.find_question(name, directory)
    if with_values:
        with contextlib.suppress(VngkbError):
            found = with_allowed_values(found, open_backend())
    return found


def ask(name: str, values: Mapping[str, str], endpoint: str | None = None,
        directory: Path = QUERIES_DIR) -> ResultTable:
    """Answer canned question *name* with parameter *values* (strings, checked and typed)."""
    found = catalogue.find_question(name, directory)
    # Check what can be checked before the store is loaded, so bad input fails fast;
    # values from a SKOS scheme are checked once the scheme's members are known.
    for key, raw in values.items():
        parameter = found.parameter(key)
        if not parameter.scheme and not parameter.member_class:
            parameter.to_term(raw)
    backend = open_backend(endpoint)
    found = with_allowed_values(found, backend)
    return backend.select(found.query, found.bindings(values))


def list_questions(directory: Path = QUERIES_DIR) -> list[dict[str, Any]]:
    """The catalogue: name, summary, tags and parameters of every question."""
    return [{"name": q.name, "summary": q.summary, "tags": list(q.tags),
             "parameters": [f"{p.name} ({p.type_label}"
                            + (f", default {p.default}" if p.default is not None else "") + ")"
                            for p in q.parameters]}
            for q in catalogue.load_catalogue(directory).values()]


def measures(endpoint: str | None = None) -> list[dict[str, Any]]:
    """The flat view of every measure (see :mod:`vngkb.measures`)."""
    from vngkb.measures import measure_records

    return measure_records(open_backend(endpoint))


def stats(endpoint: str | None = None) -> list[StatRow]:
    """Counts for curators (see :mod:`vngkb.stats`)."""
    from vngkb.stats import kb_stats

    return kb_stats(open_backend(endpoint))


def accres(overrides: Mapping[str, str], table: int = 1) -> list[list[Any]]:
    """Rows (:data:`vngkb.finance.ROW_COLUMNS`) of Tabel *table*, computed with the
    what-if *overrides* (input name → number as text)."""
    from vngkb import finance

    return [list(row) for row in finance.rows(dict(overrides) or None, table=table)]


def accres_plot(path: Path, overrides: Mapping[str, str]) -> Path:
    """Draw nominal, real and volume accres per year for both circulaires."""
    from vngkb import finance

    return finance.plot(path, dict(overrides) or None)


def audit(include_passing: bool = False) -> list[Any]:
    """Every check of the letter's arithmetic (or only the failing ones)."""
    from vngkb import finance

    return finance.audit_checks() if include_passing else list(finance.audit())


def totalen(jaar: str | None = None, endpoint: str | None = None) -> list[list[Any]]:
    """Rows (:data:`vngkb.totals.KOLOMMEN`) of the totals per year of money made
    available, each euro once, with every mention left out and why (see
    :mod:`vngkb.totals`); only year *jaar* (four digits) when given."""
    from vngkb import totals

    year = totals.parse_jaar(jaar) if jaar is not None else None
    return totals.totalen(open_backend(endpoint)).rows(year)
