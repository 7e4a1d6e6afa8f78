"""What each CLI command does, as library functions: the CLI parses arguments, calls
one of these, and prints."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vngkb import catalogue
from vngkb.catalogue import Question
from vngkb.errors import InputError
from vngkb.paths import QUERIES_DIR
from vngkb.store import Backend, ResultTable, open_backend
from vngkb.stats import StatRow
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
    """Fill in the allowed short names of IRI parameters tied to a SKOS scheme."""
    if not any(p.scheme for p in question.parameters):
        return question
    members: dict[str, list[str]] = {}
    for row in backend.select(catalogue.scheme_members_query()).rows:
        scheme, concept = row[0], row[1]
        if scheme is not None and concept is not None:
            members.setdefault(scheme.value, []).append(
                concept.value.removeprefix(scheme.value + "/"))
    parameters = tuple(
        dataclasses.replace(p, allowed=tuple(members.get(p.scheme, ()))) if p.scheme else p
        for p in question.parameters)
    return dataclasses.replace(question, parameters=parameters)


def question(name: str, directory: Path = QUERIES_DIR) -> Question:
    """The canned question *name* (its metadata, without running it)."""
    return catalogue.find_question(name, directory)


def ask(name: str, values: Mapping[str, str], endpoint: str | None = None,
        directory: Path = QUERIES_DIR) -> ResultTable:
    """Answer canned question *name* with parameter *values* (strings, checked and typed)."""
    found = catalogue.find_question(name, directory)
    # Check what can be checked before the store is loaded, so bad input fails fast;
    # values from a SKOS scheme are checked once the scheme's members are known.
    for key, raw in values.items():
        parameter = found.parameter(key)
        if not parameter.scheme:
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
