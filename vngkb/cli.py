"""The ``vngkb`` command: thin click commands over :mod:`vngkb.api`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from vngkb import __version__
from vngkb.errors import InputError, VngkbError
from vngkb.output import FORMATS, render, to_json

F = TypeVar("F", bound=Callable[..., Any])


def _default_format() -> str:
    return "table" if sys.stdout.isatty() else "csv"


def format_option(func: F) -> F:
    return click.option("--format", "-f", "fmt", type=click.Choice(FORMATS),
                        default=None, help="Output format (default: table on a terminal, "
                        "csv otherwise).")(func)


def endpoint_option(func: F) -> F:
    return click.option("--endpoint", metavar="URL", default=None,
                        help="Query a remote SPARQL 1.1 endpoint instead of the embedded store."
                        )(func)


def _fail(error: VngkbError) -> None:
    click.echo(f"vngkb: {error}", err=True)
    sys.exit(error.exit_code)


class _Group(click.Group):
    """Turns library errors into one line on stderr and the error's exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VngkbError as error:
            _fail(error)
        except BrokenPipeError:
            sys.exit(0)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="vngkb")
def main() -> None:
    """The VNG ledenbrief on the Miljoenennota 2020 as a queryable knowledge base."""


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--warnings", is_flag=True, help="List every warning, not just their count.")
def validate(files: tuple[Path, ...], warnings: bool) -> None:
    """Check Turtle syntax, the SHACL shapes and the QC checks (default: the shipped KB).

    Exit 0 when the KB conforms, 1 on violations, 2 on unreadable input."""
    from vngkb.api import validate_kb

    report = validate_kb(list(files) if files else None)
    click.echo(report.text(warnings=warnings))
    if not report.conforms:
        sys.exit(1)


def _print_table(table: Any, fmt: str | None) -> None:
    if table.boolean is not None:
        click.echo("true" if table.boolean else "false")
        return
    click.echo(render(table.columns, table.values(), fmt or _default_format()))


@main.command()
@click.argument("query_file", type=click.File("r", encoding="utf-8"))
@format_option
@endpoint_option
def query(query_file: Any, fmt: str | None, endpoint: str | None) -> None:
    """Run any SPARQL SELECT or ASK query from QUERY_FILE ('-' for standard input)."""
    from vngkb.api import run_query

    _print_table(run_query(query_file.read(), endpoint), fmt)


@main.command()
@format_option
def questions(fmt: str | None) -> None:
    """List the canned questions."""
    from vngkb.api import list_questions

    rows = [[q["name"], q["summary"], q["parameters"]] for q in list_questions()]
    click.echo(render(["name", "summary", "parameters"], rows, fmt or _default_format()))


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise InputError(f"--param {item!r}: expected NAME=VALUE")
        values[name.strip()] = value
    return values


@main.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value (repeatable).")
@format_option
@endpoint_option
def ask(name: str, params: tuple[str, ...], fmt: str | None, endpoint: str | None) -> None:
    """Answer the canned question NAME (see `vngkb questions`)."""
    from vngkb.api import ask as ask_question

    _print_table(ask_question(name, _parse_params(params), endpoint), fmt)


@main.command()
@format_option
@endpoint_option
def stats(fmt: str | None, endpoint: str | None) -> None:
    """Counts for curators: measures and amounts per chapter, stances, effect types,
    instruments, laws, disagreements, and measures missing a recommended field."""
    from vngkb.api import stats as kb_stats

    rows = [[r.statistic, r.key, r.count] for r in kb_stats(endpoint)]
    click.echo(render(["statistic", "key", "count"], rows, fmt or _default_format()))


@main.command()
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
              help="json: one object per measure; csv/tsv/table/markdown: one row per amount.")
@endpoint_option
def measures(fmt: str | None, endpoint: str | None) -> None:
    """Every measure with its amounts (the flat view other tools read)."""
    from vngkb.api import measures as measure_records
    from vngkb.measures import CSV_COLUMNS, amount_rows

    records = measure_records(endpoint)
    fmt = fmt or _default_format()
    if fmt == "json":
        click.echo(to_json(records))
    else:
        click.echo(render(CSV_COLUMNS, amount_rows(records), fmt))
