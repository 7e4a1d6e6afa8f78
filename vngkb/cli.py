"""The ``vngkb`` command: thin click commands over :mod:`vngkb.api`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from vngkb import __version__
from vngkb.errors import InputError, VngkbError
from vngkb.output import FORMATS, RESULT_FORMATS, render, render_result, to_json

F = TypeVar("F", bound=Callable[..., Any])


def _default_format() -> str:
    return "table" if sys.stdout.isatty() else "csv"


def format_option(func: F) -> F:
    return click.option("--format", "-f", "fmt", type=click.Choice(FORMATS),
                        default=None, help="Output format (default: table on a terminal, "
                        "csv otherwise).")(func)


def result_format_option(func: F) -> F:
    """``--format`` with the SPARQL 1.1 JSON results format, and ``--iris``."""
    func = click.option("--iris", is_flag=True,
                        help="Show full IRIs in the table and markdown formats (default: "
                        "shortened, e.g. maatregel/jeugd).")(func)
    return click.option("--format", "-f", "fmt", type=click.Choice(RESULT_FORMATS),
                        default=None, help="Output format (default: table on a terminal, "
                        "csv otherwise); sparql-json is the W3C SPARQL 1.1 JSON results "
                        "format.")(func)


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


def _print_table(table: Any, fmt: str | None, iris: bool = False) -> None:
    click.echo(render_result(table, fmt or _default_format(), iris=iris))


@main.command()
@click.argument("query_file", type=click.File("r", encoding="utf-8"))
@result_format_option
@endpoint_option
def query(query_file: Any, fmt: str | None, iris: bool, endpoint: str | None) -> None:
    """Run any SPARQL query from QUERY_FILE ('-' for standard input): SELECT and ASK in
    the chosen format, CONSTRUCT and DESCRIBE as N-Triples."""
    from vngkb.api import run_query

    _print_table(run_query(query_file.read(), endpoint), fmt, iris)


@main.command()
@format_option
def questions(fmt: str | None) -> None:
    """List the canned questions."""
    from vngkb.api import list_questions

    rows = [[q["name"], q["summary"], q["parameters"]] for q in list_questions()]
    click.echo(render(["name", "summary", "parameters"], rows, fmt or _default_format()))


def _pairs(items: tuple[str, ...], option: str, example: str = "") -> dict[str, str]:
    """``NAME=VALUE`` option values as a dict; the value is kept as typed."""
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"{option} {item!r}: expected NAME=VALUE{example}")
        values[name.strip()] = value
    return values


class _AskCommand(click.Command):
    """``vngkb ask NAME --help`` shows the question's description and parameters
    before the generic options."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if any(a in ctx.help_option_names for a in args):
            takes_value = {name for p in self.params if isinstance(p, click.Option)
                           and not p.is_flag for name in (*p.opts, *p.secondary_opts)}
            skip = False
            for arg in args:
                if skip:
                    skip = False
                elif arg in takes_value:
                    skip = True
                elif not arg.startswith("-"):
                    ctx.meta["vngkb.question"] = arg
                    break
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        name = ctx.meta.get("vngkb.question")
        if name:
            from vngkb.api import question
            from vngkb.docs import question_help

            formatter.write(question_help(question(name, with_values=True)) + "\n\n")
        super().format_help(ctx, formatter)


@main.command(cls=_AskCommand)
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter value (repeatable).")
@result_format_option
@endpoint_option
def ask(name: str, params: tuple[str, ...], fmt: str | None, iris: bool,
        endpoint: str | None) -> None:
    """Answer the canned question NAME (see `vngkb questions`; `vngkb ask NAME --help`
    describes the question and its parameters)."""
    from vngkb.api import ask as ask_question

    _print_table(ask_question(name, _pairs(params, "--param"), endpoint), fmt, iris)


@main.command()
def docs() -> None:
    """Print queries/README.md, generated from the catalogue
    (`vngkb docs > queries/README.md`)."""
    from vngkb.docs import catalogue_markdown

    click.echo(catalogue_markdown(), nl=False)


@main.command()
@format_option
@click.option("--table", "table", type=click.IntRange(1, 3), default=1, show_default=True,
              help="1: accres (both circulaires), 2: indices, 3: BTW-compensatiefonds.")
@click.option("--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="What-if: change an input, e.g. inflatiecorrectie.2020=2.5 (repeatable).")
@click.option("--plot", "plot_file", type=click.Path(path_type=Path), default=None,
              help="Also draw nominal, real and volume accres to FILE.svg or FILE.png.")
def accres(fmt: str | None, table: int, settings: tuple[str, ...],
           plot_file: Path | None) -> None:
    """The accres tables computed from their inputs, beside the published figures."""
    from vngkb.api import accres as accres_rows
    from vngkb.api import accres_plot
    from vngkb.finance import ROW_COLUMNS

    overrides = _pairs(settings, "--set", ", e.g. inflatiecorrectie.2020=2.5")
    click.echo(render(ROW_COLUMNS, accres_rows(overrides, table), fmt or _default_format()))
    if plot_file is not None:
        click.echo(f"plot written to {accres_plot(plot_file, overrides)}", err=True)


@main.command()
@format_option
@click.option("--all", "include_passing", is_flag=True, help="Show the checks that pass too.")
def audit(fmt: str | None, include_passing: bool) -> None:
    """Recompute every figure the letter prints that follows from others it prints.

    Exit 0 when every figure reproduces, 1 when a printed figure does not (checks of a
    relation the letter does not state itself are reported, marked 'assumed', but do
    not fail the audit)."""
    from vngkb.api import audit as audit_checks
    from vngkb.finance import AUDIT_COLUMNS

    checks = audit_checks(include_passing)
    click.echo(render(AUDIT_COLUMNS, [c.row() for c in checks], fmt or _default_format()))
    if any(not c.ok and not c.assumed for c in checks):
        sys.exit(1)


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


@main.command()
@click.option("--jaar", metavar="JAAR", default=None,
              help="Alleen dit jaar (vier cijfers), met de bedragen die meetellen en die niet.")
@format_option
@endpoint_option
def totalen(jaar: str | None, fmt: str | None, endpoint: str | None) -> None:
    """Totalen per jaar van beschikbaar gesteld geld, elk bedrag één keer.

    Per jaar het totaal en het aantal bedragen, elk bedrag dat meetelt (ook de bedragen
    zonder laatste jaar die doortellen tot en met het laatste jaar van de accrestabellen)
    en elke vermelding die niet meetelt, met de reden: niet beschikbaar gesteld (een
    aanvraag, tekort, korting, grensbedrag, raming, oud niveau), hetzelfde geld als een
    andere vermelding, een deel van een totaal dat al meetelt, of geen jaarbedrag of geen
    jaar. Zonder --jaar volgen de vermeldingen die in geen enkel jaar meetellen."""
    from vngkb.api import totalen as totalen_rows
    from vngkb.totals import KOLOMMEN

    click.echo(render(KOLOMMEN, totalen_rows(jaar, endpoint), fmt or _default_format()))


#: The dump formats of `vngkb export` (vngkb.export.FORMATS; kept here so that the CLI
#: starts without importing the export machinery).
EXPORT_FORMATS = ("turtle", "ntriples", "jsonld", "trig", "nquads")


def base_option(func: F) -> F:
    return click.option("--base", metavar="IRI", default=None,
                        help="Base for every id/doc/def IRI, instead of "
                        "https://w3id.org/vngkb (kb/ is not changed).")(func)


@main.command(name="export")
@click.option("--out", "-o", "out", required=True, metavar="DIR",
              type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write to (created if missing; files are replaced all at once).")
@base_option
@click.option("--format", "-f", "formats", multiple=True, type=click.Choice(EXPORT_FORMATS),
              help="A dump format (repeatable; default: all).")
@click.option("--publisher-name", metavar="NAME", default=None,
              help="DCAT: the publisher's name (default: Project vngkb).")
@click.option("--publisher-iri", metavar="IRI", default=None,
              help="DCAT: the publisher's IRI, e.g. its TOOI identifier.")
@click.option("--contact-email", metavar="ADDRESS", default=None,
              help="DCAT: the contact point's e-mail (default: a marked placeholder).")
@click.option("--contact-url", metavar="URL", default=None,
              help="DCAT: the contact point's web address.")
@click.option("--license", "license_iri", metavar="IRI", default=None,
              help="DCAT: licence of the distributions (default: EUPL-1.2, the "
              "project's licence).")
@click.option("--download-url", metavar="URL", default=None,
              help="DCAT: folder URL the files are published at (default: BASE/download/).")
def export_command(out: Path, base: str | None, formats: tuple[str, ...],
                   publisher_name: str | None, publisher_iri: str | None,
                   contact_email: str | None, contact_url: str | None,
                   license_iri: str | None, download_url: str | None) -> None:
    """Write the whole KB (ontology, schemes, data, computed figures) as Turtle,
    N-Triples, JSON-LD (+ context.jsonld), TriG and N-Quads (one named graph per part),
    with a DCAT-AP-NL description (dcat.ttl) checked with SHACL."""
    from vngkb.dcat import DEFAULT_LICENSE, DEFAULT_PUBLISHER_NAME, DcatOptions
    from vngkb.export import export
    from vngkb.graphs import DEFAULT_BASE

    options = DcatOptions(publisher_name=publisher_name or DEFAULT_PUBLISHER_NAME,
                          publisher_iri=publisher_iri, contact_email=contact_email,
                          contact_url=contact_url, license=license_iri or DEFAULT_LICENSE,
                          download_url=download_url)
    report = export(out, base=base or DEFAULT_BASE, formats=formats, options=options)
    for written in report.files:
        click.echo(f"wrote {written.path} ({written.media_type}, {written.byte_size} bytes)")
    click.echo(f"{report.triples} triples in {len(report.parts)} named graphs, "
               f"base {report.base}")
    for placeholder in report.placeholders:
        click.echo(f"vngkb: warning: dcat.ttl has a placeholder {placeholder}; "
                   "give --contact-email or --contact-url", err=True)


@main.command(name="publish")
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's SPARQL 1.1 Graph Store Protocol endpoint "
              "(Oxigraph: http://HOST:7878/store, Fuseki: http://HOST:3030/DATASET/data).")
@click.option("--graph", metavar="IRI", default=None,
              help="Put the whole KB into this one named graph instead of one per part.")
@base_option
@click.option("--query-endpoint", metavar="URL", default=None,
              help="The store's SPARQL query endpoint: check the triple counts afterwards, "
              "that its default graph shows the data (else exit 3), and list stale graphs "
              "of ours.")
@click.option("--prune", is_flag=True,
              help="Delete the stale graphs (under BASE/id/graaf/) this publish did not "
              "write; needs --query-endpoint.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds to wait for each request.")
def publish_command(endpoint: str, graph: str | None, base: str | None,
                    query_endpoint: str | None, prune: bool, timeout: float) -> None:
    """Put the KB into a triple store, replacing each named graph whole (HTTP PUT)."""
    from vngkb.graphs import DEFAULT_BASE
    from vngkb.publish import PublishedGraph, publish

    def done(published: PublishedGraph) -> None:
        click.echo(f"replaced {published.graph} ({published.triples} triples, "
                   f"HTTP {published.status})")

    report = publish(endpoint, graph=graph, base=base or DEFAULT_BASE,
                     query_endpoint=query_endpoint, prune=prune, timeout=timeout,
                     on_graph=done)
    click.echo(f"published {report.triples} triples in {len(report.graphs)} graphs "
               f"to {report.endpoint}")
    if report.verified:
        click.echo(f"checked: {query_endpoint} holds exactly the triples sent")
    for stale in report.stale:
        state = "deleted" if stale in report.pruned else "left in place (--prune deletes it)"
        click.echo(f"stale graph {stale}: {state}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--base", "base", metavar="IRI", default=None,
              help="Base of the id/doc/def IRIs served, instead of https://w3id.org/vngkb; "
              "{base}/id/x is served at /id/x.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a /sparql query may run; longer ones are stopped (503).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Most result rows (or triples) of a /sparql query; the rest is cut off "
              "and the response header Vngkb-Truncated says so.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Query processes (default: the number of CPUs, at most 4).")
def serve(host: str, port: int, base: str | None, timeout: float, max_rows: int,
          workers: int | None) -> None:
    """Serve the KB: SPARQL endpoint at /sparql, pages and dereferenceable URIs."""
    try:
        import uvicorn

        from vngkb.server.app import create_app
    except ImportError as error:
        raise VngkbError(f"serving needs the serve extra ({error.name} is missing): "
                         "pip install 'vngkb[serve]'") from None
    from vngkb.kb import load_store
    from vngkb.namespaces import BASE

    app = create_app(load_store(), base=base or BASE, timeout=timeout, max_rows=max_rows,
                     workers=workers)
    click.echo(f"vngkb: serving http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
