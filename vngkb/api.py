"""What each CLI command does, as library functions: the CLI parses arguments, calls
one of these, and prints."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vngkb.core.errors import InputError, VngkbError
from vngkb.core.paths import QUERIES_DIR
from vngkb.i18n import t
from vngkb.query import catalogue
from vngkb.query.catalogue import Question, with_allowed_values
from vngkb.query.store import ResultTable, checked_use, open_backend

if TYPE_CHECKING:  # imported where used: `ask` loads neither
    from vngkb.query.letters import Letter
    from vngkb.reports.stats import StatRow
    from vngkb.validate.validation import Report

if TYPE_CHECKING:
    from vngkb.vraag import Antwoord


def _require_str(value: object, what: str) -> str:
    """*value* when it is a ``str``; a wrong Python type is a ``TypeError`` naming
    *what*, not an error from deep inside."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


def _require_endpoint(endpoint: object) -> str | None:
    """*endpoint* (None: the embedded store) when it is an http(s) URL with a host:
    ``file:``, ``ftp:`` and the like are an :class:`InputError`, never opened."""
    if endpoint is None:
        return None
    from vngkb.query.http import check_url

    return check_url(endpoint, "endpoint")


def validate_kb(files: list[Path] | None = None, shapes: list[Path] | None = None) -> Report:
    """SHACL and QC report for *files* (default: the shipped ontology and KB), each
    with the shipped files it does not stand in for (so a single file is checked by
    the shipped shapes), and the extra *shapes* files."""
    from vngkb.kb.load import default_files, read_turtle
    from vngkb.validate.validation import ParseOnce, validate, with_shipped

    for path in [*(files or []), *(shapes or [])]:
        # Refused here, one line, before any code resolves the path (a symlink loop
        # would end there in a RuntimeError) or opens it again.
        read_turtle(path)
    parse = ParseOnce()
    return validate(with_shipped(files, parse) if files else default_files(),
                    shapes=shapes or [], parse=parse, require_letter=True)


def run_query(text: str, endpoint: str | None = None, *, timeout: float | None = None,
              max_memory_mb: int | None = None, allow_service: bool = False) -> ResultTable:
    """Run any query. On the embedded store it runs in a child process with a time
    limit, a memory bound and no network (:mod:`vngkb.sandbox.isolated`); ``SERVICE`` is
    refused unless *allow_service* (then the child keeps the network)."""
    from vngkb.sandbox import guard as sparqlguard
    from vngkb.sandbox import isolated

    _require_str(text, "the query")
    endpoint = _require_endpoint(endpoint)
    if not text.strip():
        raise InputError(t("empty_query"))
    # Limits and the quick refusals here, so that such a query starts no process; the
    # query process parses the query (within its time limit) before it runs it.
    sparqlguard.check_shape(text, allow_service=allow_service, lang=None)
    if endpoint:
        from vngkb.query.store import RemoteEndpoint

        sparqlguard.analyse_query(text, allow_service=allow_service, lang=None)
        # The whole exchange within --timeout; the columns are whatever the query asks.
        return RemoteEndpoint(endpoint, timeout=30.0 if timeout is None else timeout,
                              check_columns=False).select(text)
    return isolated.run_isolated(
        text, timeout=isolated.DEFAULT_TIMEOUT if timeout is None else timeout,
        max_memory_mb=isolated.DEFAULT_MAX_MEMORY_MB if max_memory_mb is None
        else max_memory_mb, allow_service=allow_service)


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
    _require_str(name, "the question name")
    for key, raw in values.items():
        _require_str(key, "a parameter name")
        _require_str(raw, f"parameter {key}")
    endpoint = _require_endpoint(endpoint)
    found = catalogue.find_question(name, directory)
    # Check what can be checked before the store is loaded, so bad input fails fast;
    # values from a SKOS scheme are checked once the scheme's members are known.
    for key, raw in values.items():
        parameter = found.parameter(key)
        if not parameter.scheme and not parameter.member_class:
            parameter.to_term(raw)
    backend = open_backend(endpoint)
    with checked_use(backend):
        found = with_allowed_values(found, backend)
        return backend.select(found.query, found.bindings(values))


#: Dutch labels of the KB's concepts and terms with their English labels.
_ENGLISH_LABELS = """
SELECT DISTINCT ?nl ?en WHERE {
  VALUES ?property { skos:prefLabel rdfs:label }
  ?thing ?property ?nl, ?en .
  FILTER(lang(?nl) = "nl" && lang(?en) = "en")
}"""


def in_english(table: ResultTable, endpoint: str | None = None) -> ResultTable:
    """*table* with every Dutch label of a concept or term that the KB also labels in
    English (``kritisch`` → ``critical``) replaced by that label; other text (titles,
    quotes) stays as the letter wrote it."""
    from dataclasses import replace

    from vngkb.rdf.terms import Term

    if not table.rows:
        return table
    labels: dict[str, str] = {}
    backend = open_backend(endpoint)
    with checked_use(backend):
        for nl, en in backend.select(_ENGLISH_LABELS).rows:
            if nl is not None and en is not None:
                labels.setdefault(nl.value, en.value)

    def english(term: Term | None) -> Term | None:
        if term is None or term.kind != "literal" or term.lang != "nl":
            return term
        found = labels.get(term.value)
        return term if found is None else Term("literal", found, lang="en")

    return replace(table, rows=[[english(term) for term in row] for row in table.rows])


def list_questions(directory: Path = QUERIES_DIR) -> list[dict[str, Any]]:
    """The catalogue: name, summary, tags and parameters of every question."""
    return [{"name": q.name, "summary": q.summary, "tags": list(q.tags),
             "parameters": [f"{p.name} ({p.type_label}"
                            + (", " + t("help_default", value=p.default)
                               if p.default is not None else "") + ")"
                            for p in q.parameters]}
            for q in catalogue.load_catalogue(directory).values()]


def measures(endpoint: str | None = None, *, brief: str | None = None
             ) -> list[dict[str, Any]]:
    """The flat view of every measure (see :mod:`vngkb.reports.measure_records`), each
    naming its letter (``brief``); with *brief* (id, IRI or budget year, as
    :func:`vngkb.query.letters.choose` reads it) only that letter's measures."""
    from vngkb.query.letters import choose, letters
    from vngkb.reports.measure_records import measure_records

    brief = None if brief is None else _require_str(brief, "brief")
    backend = open_backend(_require_endpoint(endpoint))
    with checked_use(backend):
        chosen = None if brief is None else choose(letters(backend), brief)
        return measure_records(backend, None if chosen is None else chosen.iri)


def stats(endpoint: str | None = None, *, brief: str | None = None) -> list[StatRow]:
    """Counts for curators (see :mod:`vngkb.reports.stats`), per letter (each row names
    its letter); with *brief* (id, IRI or budget year) only that letter's counts."""
    from vngkb.query.letters import choose, letters
    from vngkb.reports.stats import kb_stats

    brief = None if brief is None else _require_str(brief, "brief")
    backend = open_backend(_require_endpoint(endpoint))
    with checked_use(backend):
        chosen = None if brief is None else choose(letters(backend), brief)
        return kb_stats(backend, None if chosen is None else chosen.iri)


def accres_letter(brief: str | None = None) -> tuple[Letter, Path]:
    """The letter whose accres tables ``vngkb accres`` and ``vngkb audit`` read, and its
    ``accres.ttl``: the letter *brief* names (id, IRI or budget year, as
    :func:`vngkb.query.letters.choose` reads it), else the newest letter that has accres
    tables the finance module models (:func:`vngkb.finance.models`: those of the
    circulaires of 2019; another letter's tables are printed figures only, which the
    questions show). Read from the KB's folders, without loading the KB. A letter the KB
    does not hold, or one without such tables, is a
    :class:`~vngkb.core.errors.LetterError`."""
    from vngkb import finance
    from vngkb.kb.layout import kb_folder
    from vngkb.query.letters import accres_file, choose, folder_letters

    folder = kb_folder()

    def modelled(each: Letter) -> bool:
        path = accres_file(each, folder)
        return path is not None and finance.models(path)

    letter = choose(folder_letters(folder), None if brief is None else _require_str(
        brief, "brief"), having=modelled, what=t("letter_accres"))
    path = accres_file(letter, folder)
    assert path is not None  # choose() kept only letters that have one
    return letter, path


def source_letter(brief: str | None = None) -> tuple[Letter, Path, int]:
    """The letter whose text ``vngkb source`` prints, that text's file, and how many
    letters the KB holds: the letter *brief* names (id, IRI or budget year, as
    :func:`vngkb.query.letters.choose` reads it); without *brief*, the one letter of a
    KB of one. Line numbers belong to one letter's text, so on a KB of several letters
    a missing *brief* is a :class:`~vngkb.core.errors.LetterError` listing them, as is
    an unknown letter or one without a text (:func:`vngkb.query.letters.source_file`).
    Read from the KB's folders, without loading the KB."""
    from vngkb.kb.layout import kb_folder
    from vngkb.query.letters import choose, folder_letters, source_file

    folder = kb_folder()
    every = folder_letters(folder)
    letter = choose(every, None if brief is None else _require_str(brief, "brief"),
                    newest=False)
    return letter, source_file(letter, folder), len(every)


def accres(overrides: Mapping[str, str], table: int = 1, *,
           brief: str | None = None) -> list[list[Any]]:
    """Rows (:data:`vngkb.finance.ROW_COLUMNS`) of Tabel *table* of letter *brief*
    (:func:`accres_letter`), computed with the what-if *overrides* (input name → number
    as text)."""
    from vngkb import finance

    _, kb_file = accres_letter(brief)
    return [list(row) for row in finance.rows(dict(overrides) or None, table=table,
                                              kb_file=kb_file)]


def accres_marks(overrides: Mapping[str, str], table: int = 1, *, brief: str | None = None
                 ) -> tuple[list[list[Any]], list[tuple[str, ...]]]:
    """The rows of :func:`accres` and, for each, the printed figures that do not
    reproduce and that the row follows from (see :mod:`vngkb.finance.marks`)."""
    from vngkb import finance
    from vngkb.finance.marks import marks

    _, kb_file = accres_letter(brief)
    table_rows = finance.rows(dict(overrides) or None, table=table, kb_file=kb_file)
    return ([list(row) for row in table_rows],
            marks(table_rows, dict(overrides) or None, kb_file=kb_file))


def accres_for_people(overrides: Mapping[str, str], table: int = 1, *,
                      markdown: bool = False, width: int = 80,
                      brief: str | None = None) -> str:
    """Tabel *table* as the letter prints it (quantities down, years across, units, the
    what-if named, rows marked that follow from a figure that does not reproduce, and the
    count of those figures), as text no wider than *width* or as Markdown; see
    :mod:`vngkb.reports.accres_tables`."""
    from vngkb import finance
    from vngkb.reports.accres_tables import render

    _, kb_file = accres_letter(brief)
    rows, marks = accres_marks(overrides, table, brief=brief)
    return render(table, [finance.Row(*row) for row in rows], marks,
                  overrides=overrides,
                  not_reproduced=finance.not_reproduced_count(kb_file=kb_file),
                  markdown=markdown, width=width)


def accres_plot(path: Path, overrides: Mapping[str, str], *, brief: str | None = None) -> Path:
    """Draw nominal, real and volume accres per year for both circulaires."""
    from vngkb import finance

    _, kb_file = accres_letter(brief)
    return finance.plot(path, dict(overrides) or None, kb_file=kb_file)


def accres_inputs(*, brief: str | None = None) -> list[list[Any]]:
    """Every what-if input name with its printed value, unit and accepted range
    (:data:`vngkb.finance.inputs.INPUT_COLUMNS`)."""
    from vngkb.finance.inputs import input_rows

    _, kb_file = accres_letter(brief)
    return [list(row) for row in input_rows(kb_file)]


def audit(include_passing: bool = False, *, brief: str | None = None) -> list[Any]:
    """Every check of the arithmetic of letter *brief* (:func:`accres_letter`), or only
    the failing ones."""
    from vngkb import finance

    _, kb_file = accres_letter(brief)
    return (finance.audit_checks(kb_file=kb_file) if include_passing
            else list(finance.audit(kb_file=kb_file)))


def unchecked(*, brief: str | None = None) -> list[Any]:
    """The printed figures of letter *brief* that the audit cannot recompute because an
    input is missing from its published figures (a draft's reading missed it), each with
    that input (:class:`vngkb.finance.Unchecked`)."""
    from vngkb import finance

    _, kb_file = accres_letter(brief)
    return finance.unchecked(kb_file=kb_file)


def not_reproduced_count(*, brief: str | None = None) -> int:
    """How many printed figures of the letter do not reproduce: the one number the
    audit, ``vngkb accres`` and the web's accres page show (see
    :func:`vngkb.finance.audit.not_reproduced_count`)."""
    from vngkb import finance

    _, kb_file = accres_letter(brief)
    return finance.not_reproduced_count(kb_file=kb_file)


def not_reproduced(*, brief: str | None = None) -> list[Any]:
    """The printed figures that do not reproduce (failing audit checks of a relation the
    letter states), whose number is :func:`not_reproduced_count`."""
    from vngkb import finance

    _, kb_file = accres_letter(brief)
    return finance.not_reproduced(kb_file=kb_file)


def letter(brief: str | None = None, endpoint: str | None = None) -> Letter:
    """The letter *brief* names in the KB (its id, IRI or budget year; default the
    newest): :func:`vngkb.query.letters.choose` over the letters of the KB (or of the
    endpoint). The one resolver of ``--brief`` for toon, zoek, vraag and totalen."""
    from vngkb.query.letters import choose, letters

    backend = open_backend(_require_endpoint(endpoint))
    with checked_use(backend):
        return choose(letters(backend), None if brief is None else _require_str(brief, "brief"))


def vraag(tekst: str, endpoint: str | None = None, *, brief: str | None = None) -> Antwoord:
    """Answer a Dutch question in plain words (a :class:`vngkb.vraag.Antwoord`: the
    routing and the table of the routed question, or of the text search when the
    router is not sure; see :mod:`vngkb.vraag`), about letter *brief* (id, IRI or budget
    year; default the newest, or the letter the text names: "in de brief van 2021",
    "vorig jaar")."""
    from vngkb.vraag import Router, controleer

    controleer(_require_str(tekst, "the question text"))  # fails before the store loads
    brief = None if brief is None else _require_str(brief, "brief")
    backend = open_backend(_require_endpoint(endpoint))
    with checked_use(backend):
        router = Router(list(catalogue.load_catalogue().values()), backend)
        return router.beantwoord(tekst, backend, brief)


def totalen(jaar: str | None = None, endpoint: str | None = None, *,
            ontvanger: str | None = None, brief: str | None = None,
            for_people: str | None = None) -> list[list[Any]]:
    """Rows (:data:`vngkb.reports.totals.KOLOMMEN`) of the totals per year of money made
    available, each euro once, with every mention left out and why (see
    :mod:`vngkb.reports.totals`); only year *jaar* (four digits) when given; only the money
    for recipient *ontvanger* or a narrower one when given; of letter *brief* (default the
    newest letter in the KB).
    *ontvanger* is checked as the question's parameter is (short names, abbreviations),
    *brief* as every command's letter is (:func:`letter`): one letter's money, never two
    letters' added up. With *for_people* (a language), the rows as a table for people
    shows them (:func:`vngkb.reports.totals.rows_for_people`)."""
    from vngkb.query.letters import choose, letters
    from vngkb.reports import totals

    year = totals.parse_jaar(_require_str(jaar, "jaar")) if jaar is not None else None
    brief = None if brief is None else _require_str(brief, "brief")
    backend = open_backend(_require_endpoint(endpoint))
    with checked_use(backend):
        chosen = choose(letters(backend), brief)
        question = catalogue.with_allowed_values(
            catalogue.find_question("totalen-per-jaar"), backend)
        given = {} if ontvanger is None else {"ontvanger": _require_str(ontvanger,
                                                                         "ontvanger")}
        bound = question.bindings(given)
        recipient = bound.get(question.parameter("ontvanger").variable)
        rows = totals.totalen(
            backend, brief=chosen.iri,
            ontvanger=None if recipient is None else recipient.value).rows(year)
        return rows if for_people is None else totals.rows_for_people(rows, backend,
                                                                        for_people)


def toon(naam: str, endpoint: str | None = None, *, brief: str | None = None) -> Any:
    """The view of one measure (short name, title or IRI) that ``vngkb show`` prints
    (a :class:`vngkb.reports.measure_detail.MeasureView`, which names its letter); with
    *brief*, the measure of that letter (id, IRI or budget year)."""
    from vngkb.reports import measure_detail

    naam = _require_str(naam, "the measure")
    brief = None if brief is None else _require_str(brief, "brief")
    backend = open_backend(_require_endpoint(endpoint))
    with checked_use(backend):
        return measure_detail.measure_view(naam, backend, brief=brief)
