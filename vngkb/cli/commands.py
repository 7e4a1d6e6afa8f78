"""The ``vngkb`` command: thin click commands over :mod:`vngkb.api`."""

from __future__ import annotations

import gettext
import os
import re
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    import datetime

from vngkb.core.errors import InputError, MissingExtraError, VngkbError, shorten
from vngkb.core.paths import KB_VARIABLE, restore_kb, use_kb
from vngkb.core.version import __version__
from vngkb.i18n import (
    LANGS,
    LOCALE_DIR,
    N_,
    _,
    current_lang,
    did_you_mean,
    format_number,
    set_lang,
    statistic_label,
    t,
)
from vngkb.query.output import (
    FORMATS,
    HUMAN_FORMATS,
    RESULT_FORMATS,
    render,
    render_result,
    to_json,
)

F = TypeVar("F", bound=Callable[..., Any])

#: click's own messages (usage errors, "Missing argument", ...) go through the standard
#: library's gettext in its global domain; that domain is click's catalogue beside
#: vngkb's (Dutch in locale/nl/LC_MESSAGES/click.po; English is click's own text).
CLICK_DOMAIN = "click"
gettext.bindtextdomain(CLICK_DOMAIN, LOCALE_DIR)
gettext.textdomain(CLICK_DOMAIN)
#: The variable gettext reads the language from before any other.
_GETTEXT_LANGUAGE = "LANGUAGE"


def _click_speaks(lang: str) -> None:
    """Let click's messages speak *lang* (gettext takes it from ``LANGUAGE``)."""
    os.environ[_GETTEXT_LANGUAGE] = lang


class SafePath(click.Path):
    """A path option or argument; a NUL character (which no file name can hold, and which
    makes the operating system calls raise) is a usage error."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if "\x00" in str(value):
            self.fail(t("nul_in_file_name"), param, ctx)
        if isinstance(value, str) and not value:
            # Path("") is the current folder: an empty name must not silently mean it.
            self.fail(t("empty_file_name"), param, ctx)
        return super().convert(value, param, ctx)


def _default_format() -> str:
    return "table" if sys.stdout.isatty() else "csv"


def format_option(func: F) -> F:
    return option("--format", "-f", "fmt", type=click.Choice(FORMATS),
                  default=None, help=N_("Uitvoerformaat (standaard: table op een terminal, "
                                        "anders csv)."))(func)


def result_format_option(func: F) -> F:
    """``--format`` with the SPARQL 1.1 JSON results format, and ``--iris``."""
    func = option("--iris", is_flag=True,
                  help=N_("Toon volledige IRI's in de formaten table en markdown (standaard: "
                          "ingekort, bv. maatregel/jeugd)."))(func)
    return option("--format", "-f", "fmt", type=click.Choice(RESULT_FORMATS),
                  default=None, help=N_("Uitvoerformaat (standaard: table op een terminal, "
                                        "anders csv); sparql-json is het W3C-formaat SPARQL 1.1 "
                                        "JSON results."))(func)


def _http_url(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An endpoint URL: http or https with a host, nothing else (a file:// URL would
    make the SPARQL client read a local file); checked by the one HTTP client."""
    if value is None:
        return None
    from vngkb.query.http import check_url

    return check_url(value, param.opts[0] if param.opts else "--endpoint")


def endpoint_option(func: F) -> F:
    return option("--endpoint", metavar="URL", default=None, callback=_http_url,
                  help=N_("Vraag een SPARQL 1.1-endpoint op afstand in plaats van de ingebouwde "
                          "store.")
                  )(func)


#: The help of ``--letter`` for the commands whose default is the newest letter.
_NEWEST_LETTER = N_("De brief: id, IRI of begrotingsjaar (standaard de nieuwste brief in de KB).")


def brief_option(func: F, help_text: str = _NEWEST_LETTER) -> F:
    """``--letter`` (alias ``--brief``): the letter a command is about, named the same way
    by every command (:func:`vngkb.query.letters.choose`)."""
    return option("--letter", "--brief", "brief", metavar="LETTER", multiple=True,
                  callback=_one_letter, help=help_text)(func)


def _one_letter(_ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
                ) -> str | None:
    """The one ``--letter`` given (None: none); given twice is a mistake to say, not "the
    last one wins"."""
    if len(values) > 1:
        raise click.BadParameter(t("letter_twice", first=shorten(values[0]),
                                   second=shorten(values[1])), param=param)
    return values[0] if values else None


def _say_letter(line: str, fmt: str) -> None:
    """The line that says which letter a result is about: above a table for people, on
    stderr when stdout is for machines (it then holds only the data)."""
    # In Markdown a paragraph of its own, so that the table after it stays a table.
    click.echo(line + ("\n" if fmt == "markdown" else ""), err=fmt not in HUMAN_FORMATS)


def _fail(error: VngkbError) -> None:
    from vngkb.core.errors import QuerySyntaxError

    message = str(error)
    if isinstance(error, QuerySyntaxError) and _stderr_is_terminal():
        # One error, shown as a person reads it: what and where, the line, a caret.
        message = error.display
    click.echo(f"vngkb: {message}", err=True)
    sys.exit(error.exit_code)


def _stderr_is_terminal() -> bool:
    """Whether standard error is a terminal (elsewhere every error is one line)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


#: click's own help headings, in the current language.
_HEADINGS = {"Options": "options", "Commands": "commands", "Arguments": "arguments"}


class _Formatter(click.HelpFormatter):
    """Help in the current language: "Gebruik:", "Opties", "Commando's"."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, t("usage") + " " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        key = _HEADINGS.get(heading)
        super().write_heading(t(key) if key else heading)


class _Context(click.Context):
    formatter_class = _Formatter


class _InLanguage:
    """A help text: kept as written (in Dutch, the catalogue's msgid) and read in the
    current language, so that one declaration serves every language."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = f"_{name}_as_written"

    def __get__(self, instance: object, owner: type | None = None) -> str | None:
        text: str | None = vars(instance).get(self.name) if instance is not None else None
        return _(text) if text else text

    def __set__(self, instance: object, value: str | None) -> None:
        vars(instance)[self.name] = value


class _Option(click.Option):
    """An option whose help speaks the current language."""

    help = _InLanguage()


def option(*param_decls: str, **attrs: Any) -> Callable[[F], F]:
    """:func:`click.option` for an option whose help speaks the current language."""
    return click.option(*param_decls, cls=_Option, **attrs)


class _Command(click.Command):
    """A command whose help speaks the current language."""

    context_class = _Context
    help = _InLanguage()

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        help_option = super().get_help_option(ctx)
        if help_option is not None:
            help_option.help = t("help_option")
        return help_option


#: Every command has an English name; the Dutch names they had before (``vngkb search``,
#: ``vngkb interpret``) keep working as aliases, and ``--help`` lists them beside the name.
ALIASES: dict[str, str] = {"interpret": "vraag", "search": "zoek", "show": "toon",
                           "source": "bron", "totals": "totalen"}
#: Alias → the command's name.
_NAME_OF = {alias: name for name, alias in ALIASES.items()}


class _Group(click.Group):
    """Turns library errors into one line on stderr and the error's exit code; knows
    each command by its name and by its alias (:data:`ALIASES`)."""

    context_class = _Context
    command_class = _Command
    help = _InLanguage()

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, _NAME_OF.get(cmd_name, cmd_name))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands with their help's first line; an alias in brackets after the
        name: ``search (zoek)``."""
        shown = [(name, command) for name in self.list_commands(ctx)
                 if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if not shown:
            return
        labels = [f"{name} ({ALIASES[name]})" if name in ALIASES else name
                  for name, _command in shown]
        limit = formatter.width - 6 - max(len(label) for label in labels)
        rows = [(label, command.get_short_help_str(limit))
                for label, (_name, command) in zip(labels, shown, strict=True)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            set_lang(None)  # VNGKB_LANG until --lang says otherwise
            _click_speaks(current_lang())
            return super().make_context(info_name, args, parent, **extra)
        except VngkbError as error:
            _fail(error)
            raise  # not reached: _fail exits

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        help_option = super().get_help_option(ctx)
        if help_option is not None:
            help_option.help = t("help_option")
        return help_option

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if (name and not name.startswith("-") and not ctx.resilient_parsing
                and self.get_command(ctx, name) is None):
            names = self.list_commands(ctx)
            hint = (did_you_mean(name, [*names, *_NAME_OF])
                    or t("known_commands", names=", ".join(names)))
            from vngkb.core.errors import shorten

            raise InputError(t("unknown_command", name=shorten(name), hint=hint))
        found, command, rest = super().resolve_command(ctx, args)
        # An alias runs under the command's name: its usage line teaches the name.
        return (command.name if command is not None else found), command, rest

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VngkbError as error:
            _fail(error)
        except BrokenPipeError:
            sys.exit(0)

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        """Click's usage errors (missing argument, bad option, unknown command) as one
        line ``vngkb: ...`` on stderr and exit 2, instead of click's usage block."""
        before = os.environ.get(KB_VARIABLE)
        language_before = os.environ.get(_GETTEXT_LANGUAGE)
        try:
            return self._main(args, prog_name, complete_var, standalone_mode, **extra)
        finally:
            set_lang(None)  # --lang holds for one command line, not for the process
            restore_kb(before)  # and so does --kb
            if language_before is None:  # and the language click speaks
                os.environ.pop(_GETTEXT_LANGUAGE, None)
            else:
                os.environ[_GETTEXT_LANGUAGE] = language_before

    def _main(self, args: Any, prog_name: str | None, complete_var: str | None,
              standalone_mode: bool, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:  # bare `vngkb`: the help
            click.echo(error.ctx.get_help() if error.ctx else "", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"vngkb: {usage_line(error)}", err=True)
            sys.exit(error.exit_code)
        except click.exceptions.Abort:  # Ctrl-C: the shell's code for SIGINT, 128 + 2
            click.echo(f"vngkb: {t('interrupted')}", err=True)
            sys.exit(130)
        except VngkbError as error:  # raised by an option callback, before invoke()
            _fail(error)
        sys.exit(code if isinstance(code, int) else 0)


def usage_line(error: click.ClickException) -> str:
    """*error*'s message on one line: the command it is about, lines folded, quoted
    input longer than 80 characters cut.

    >>> usage_line(click.UsageError("Missing argument 'NAME'."))
    "Missing argument 'NAME'."
    """
    from vngkb.core.errors import shorten

    message = " ".join(part.strip() for part in error.format_message().splitlines()
                       if part.strip())
    message = _LONG_QUOTED.sub(lambda m: shorten(m.group(1) or m.group(2)), message)
    context = getattr(error, "ctx", None)
    names: list[str] = []
    while context is not None and context.parent is not None:  # the root is always vngkb
        names.insert(0, context.info_name or "")
        context = context.parent
    if names:
        command = " ".join(names)
        message = t("see_help", command=command, message=message)
    return message


#: A quoted piece of a click message that is long enough to be echoed input.
_LONG_QUOTED = re.compile(r"'([^']{81,})'|\"([^\"]{81,})\"")


def _choose_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        set_lang(value)
        _click_speaks(value)


def _choose_kb(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        use_kb(value)


@click.group(cls=_Group, help=N_("De ledenbrieven van de VNG over de Miljoenennota, een reeks "
                                 "(één per jaar), als bevraagbare kennisbank."))
@option("--lang", type=click.Choice(LANGS), default=None, is_eager=True,
        expose_value=False, callback=_choose_lang,
        help=N_("Taal van tabellen, hulp en meldingen (standaard: VNGKB_LANG, anders nl)."))
@option("--kb", "kb", type=SafePath(path_type=Path), default=None, is_eager=True,
        expose_value=False, callback=_choose_kb, metavar="DIR",
        help=N_("De kennisbank in map DIR (een map per brief; standaard: VNGKB_KB_DIR, anders de "
                "meegeleverde kb/)."))
@click.version_option(__version__, prog_name="vngkb", cls=_Option,
                      help=N_("Toon de versie en stop."))
def main() -> None:
    if os.environ.get(KB_VARIABLE, "").strip():
        from vngkb.kb.layout import kb_folder

        kb_folder()  # a folder that is not a KB: one line and exit 2, before any command


@main.command(help=N_("Controleer Turtle-syntaxis, literaltypen, de SHACL-shapes en de "
                      "QC-controles (standaard: de meegeleverde KB). Gegeven FILES worden "
                      "gecontroleerd samen met de meegeleverde ontologie, shapes en de "
                      "KB-bestanden die ze niet vervangen, zodat één bewerkt bestand in zijn "
                      "samenhang gecontroleerd wordt.\n\nExitcode 0 als de KB voldoet, 1 bij "
                      "overtredingen, 2 bij onleesbare invoer."))
@click.argument("files", nargs=-1, type=SafePath(path_type=Path))
@option("--warnings", is_flag=True, help=N_("Toon elke waarschuwing, niet alleen het aantal."))
@option("--shapes", "shapes", multiple=True, type=SafePath(path_type=Path),
        metavar="FILE", help=N_("Meer SHACL-shapes om mee te controleren (herhaalbaar)."))
def validate(files: tuple[Path, ...], warnings: bool, shapes: tuple[Path, ...]) -> None:
    from vngkb.api import validate_kb

    report = validate_kb(list(files) if files else None, list(shapes))
    click.echo(report.text(warnings=warnings))
    if not report.conforms:
        sys.exit(1)


def _fill(text: str) -> str:
    """*text* wrapped to the terminal's width, continued lines indented."""
    import textwrap

    from vngkb.query.output import terminal_width

    return textwrap.fill(text, terminal_width(), subsequent_indent="  ",
                         break_on_hyphens=False)


def _print_table(table: Any, fmt: str | None, iris: bool = False,
                 labels: Any = None, endpoint: str | None = None) -> None:
    fmt = fmt or _default_format()
    if fmt in HUMAN_FORMATS and current_lang() == "en":
        from vngkb.api import in_english

        table = in_english(table, endpoint)  # the KB's English labels, for people only
    click.echo(render_result(table, fmt, iris=iris, labels=labels))


@main.command(help=N_("Voer een SPARQL-query uit QUERY_FILE uit ('-' voor standaardinvoer): "
                      "SELECT en ASK in het gekozen formaat, CONSTRUCT en DESCRIBE als "
                      "N-Triples."))
@click.argument("query_file", type=SafePath(dir_okay=True, allow_dash=True))
@result_format_option
@endpoint_option
@option("--timeout", type=click.FloatRange(min=0.1, max=86_400), default=60.0,
        show_default=True, help=N_("Seconden dat de query mag lopen; langer wordt gestopt."))
@option("--max-memory", "max_memory", type=click.IntRange(min=64, max=1_048_576),
        default=4096, show_default=True, metavar="MIB",
        help=N_("Geheugen (MiB adresruimte) dat de query mag gebruiken."))
@option("--allow-service", is_flag=True,
        help=N_("Laat SERVICE delen van de query naar andere endpoints sturen (standaard "
                "geweigerd; zonder deze vlag draait de query zonder netwerktoegang)."))
def query(query_file: str, fmt: str | None, iris: bool, endpoint: str | None,
          timeout: float, max_memory: int, allow_service: bool) -> None:
    from vngkb.api import run_query
    from vngkb.rdf.files import read_file_text, read_text
    from vngkb.sandbox.guard import MAX_QUERY_LENGTH

    # At most one character's worth of UTF-8 more than the limit: never the whole of a
    # huge (or endless, /dev/zero) input; a file is read by the one file reader (a FIFO
    # or a device is refused, not waited on).
    limit = 4 * MAX_QUERY_LENGTH + 4
    text = (read_text(sys.stdin, t("what_the_query"), limit=limit)
            if query_file == "-" else read_file_text(Path(query_file), limit=limit))
    _print_table(run_query(text, endpoint, timeout=timeout, max_memory_mb=max_memory,
                           allow_service=allow_service), fmt, iris, endpoint=endpoint)


@main.command(help=N_("Toon de vaste vragen."))
@format_option
def questions(fmt: str | None) -> None:
    from vngkb.api import list_questions

    rows = [[q["name"], q["summary"], q["parameters"]] for q in list_questions()]
    click.echo(render(["name", "summary", "parameters"], rows, fmt or _default_format()))


def _pairs(items: tuple[str, ...], option: str, example: str = "") -> dict[str, str]:
    """``NAME=VALUE`` option values as a dict; the value is kept as typed."""
    from vngkb.core.errors import shorten

    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(t("expected_pair", option=option, item=repr(item[:60]),
                               example=t("pair_example", example=example) if example else ""))
        if name.strip() in values:  # the same name twice is a mistake, not "last one wins"
            raise InputError(t("option_twice", option=option, name=shorten(name.strip())))
        values[name.strip()] = value
    return values


class _AskCommand(_Command):
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
            from vngkb.query.docs import question_help

            formatter.write(question_help(question(name, with_values=True)) + "\n\n")
        super().format_help(ctx, formatter)


@main.command(cls=_AskCommand, help=N_("Beantwoord de vaste vraag NAME (zie `vngkb questions`; "
                                       "`vngkb ask NAME --help` beschrijft de vraag en haar "
                                       "parameters)."))
@click.argument("name")
@option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
        help=N_("Een parameterwaarde (herhaalbaar)."))
@result_format_option
@endpoint_option
def ask(name: str, params: tuple[str, ...], fmt: str | None, iris: bool,
        endpoint: str | None) -> None:
    from vngkb.api import ask as ask_question
    from vngkb.api import question

    answer = ask_question(name, _pairs(params, "--param"), endpoint)
    _print_table(answer, fmt, iris, labels=question(name).labels, endpoint=endpoint)


@main.command(name="interpret", help=N_("Stel een vraag in gewone woorden: de best passende "
                                        "vraag uit de catalogus, met parameters uit de woorden. "
                                        "De eerste regel zegt welke vraag en welke waarden (bij "
                                        "csv, tsv, json en sparql-json op stderr, zodat de "
                                        "uitvoer alleen de data is); past geen vraag goed "
                                        "genoeg, dan wordt in de teksten gezocht. De vraag "
                                        "gaat over de nieuwste brief, de brief van --letter "
                                        "of die de tekst noemt (\"in de brief van 2021\", "
                                        "\"vorig jaar\": de brief daarvoor)."))
@click.argument("text", nargs=-1)
@option("--explain", "--uitleg", "uitleg", is_flag=True,
        help=N_("Toon waarom elke kandidaat zo scoorde (de beste 5, met de delen)."))
@result_format_option
@brief_option
@endpoint_option
def interpret(text: tuple[str, ...], uitleg: bool, fmt: str | None, iris: bool,
              brief: str | None, endpoint: str | None) -> None:
    from vngkb.api import vraag as beantwoord
    from vngkb.vraag.tekst import routering_regels, uitleg_regels

    antwoord = beantwoord(" ".join(text), endpoint, brief=brief)
    fmt = fmt or _default_format()
    # Machine formats hold only the data: the routing (and --uitleg) go to stderr there,
    # so that `vngkb interpret -f json ... | jq` parses; a table for people keeps them above.
    for_people = fmt in HUMAN_FORMATS
    for line in routering_regels(antwoord):
        click.echo(line, err=not for_people)
    if uitleg:
        for line in uitleg_regels(antwoord.routering):
            click.echo(line, err=not for_people)
    if antwoord.toon is not None and fmt in ("table", "markdown"):
        from vngkb.reports import measure_detail

        click.echo(measure_detail.as_markdown(antwoord.toon) if fmt == "markdown"
                   else measure_detail.as_text(antwoord.toon, width=_text_width()))
        return
    _print_table(antwoord.tabel, fmt, iris)


@main.command(help=N_("Druk queries/README.md af, gemaakt uit de catalogus (`vngkb docs > "
                      "queries/README.md`)."))
def docs() -> None:
    from vngkb.query.docs import catalogue_markdown

    click.echo(catalogue_markdown(), nl=False)


@main.command(help=N_("De accrestabellen berekend uit hun invoer, naast de gedrukte cijfers; * "
                      "markeert rijen die volgen uit een gedrukt cijfer dat niet reproduceert. "
                      "Standaard die van de nieuwste brief met accrestabellen."))
@format_option
@option("--table", "table", type=click.IntRange(1, 3), default=1, show_default=True,
        help=N_("1: accres (beide circulaires), 2: indexcijfers, 3: BTW-compensatiefonds."))
@option("--set", "settings", multiple=True, metavar="NAME=VALUE",
        help=N_("Wat-als: wijzig een invoer, bv. inflatiecorrectie.2020=2.5 (herhaalbaar)."))
@option("--plot", "plot_file", type=SafePath(path_type=Path), default=None,
        help=N_("Teken ook nominaal, reëel en volume-accres in FILE.svg of FILE.png."))
@option("--inputs", "list_inputs", is_flag=True,
        help=N_("Toon elke invoernaam die --set aanneemt, met de gedrukte waarde, eenheid en het "
                "toegestane bereik."))
@brief_option
def accres(fmt: str | None, table: int, settings: tuple[str, ...],
           plot_file: Path | None, list_inputs: bool, brief: str | None) -> None:
    from vngkb.api import accres as accres_rows
    from vngkb.api import accres_letter, accres_plot
    from vngkb.finance import ROW_COLUMNS

    fmt = fmt or _default_format()
    letter = accres_letter(brief)[0]
    if list_inputs:
        from vngkb.api import accres_inputs
        from vngkb.finance.inputs import INPUT_COLUMNS

        text = render(INPUT_COLUMNS, accres_inputs(brief=letter.id), fmt)
        _say_letter(letter.line(), fmt)
        click.echo(text)
        return
    overrides = _pairs(settings, "--set", "inflatiecorrectie.2020=2.5")
    if fmt in HUMAN_FORMATS:
        # For people: the table as the letter prints it; machines get the documented columns.
        from vngkb.api import accres_for_people

        text = accres_for_people(overrides, table, markdown=fmt == "markdown",
                                 width=_text_width(), brief=letter.id)
    else:
        text = render(ROW_COLUMNS, accres_rows(overrides, table, brief=letter.id), fmt)
    drawn = None if plot_file is None else accres_plot(plot_file, overrides, brief=letter.id)
    _say_letter(letter.line(), fmt)
    click.echo(text)
    if drawn is not None:
        click.echo(t("plot_written", path=drawn), err=True)


@main.command(help=N_("Herbereken elk gedrukt cijfer van de brief dat volgt uit andere gedrukte "
                      "cijfers.\n\nExitcode 0 als elk cijfer reproduceert, 1 als een gedrukt "
                      "cijfer dat niet doet (controles van een verband dat de brief zelf niet "
                      "noemt worden getoond, als aanname, maar laten de audit niet falen). "
                      "Standaard de nieuwste brief met accrestabellen."))
@format_option
@option("--all", "include_passing", is_flag=True,
        help=N_("Toon ook de controles die kloppen."))
@brief_option
def audit(fmt: str | None, include_passing: bool, brief: str | None) -> None:
    from vngkb.api import accres_letter, not_reproduced, unchecked
    from vngkb.api import audit as audit_checks
    from vngkb.finance import AUDIT_COLUMNS

    fmt = fmt or _default_format()
    letter = accres_letter(brief)[0]
    checks = audit_checks(include_passing, brief=letter.id)
    _say_letter(letter.line(), fmt)
    click.echo(render(AUDIT_COLUMNS, [c.row() for c in checks], fmt))
    left_out = unchecked(brief=letter.id)
    if left_out:
        # Figures a draft's reading left without an input: said, never silently dropped.
        lines = [t("audit_unchecked", n=len(left_out))]
        lines.extend(t("audit_unchecked_line", check=u.check, missing=u.missing, where=u.where)
                     for u in left_out)
        click.echo("\n".join(_fill(line) for line in lines), err=fmt not in HUMAN_FORMATS)
    failing = not_reproduced(brief=letter.id)
    if failing:
        # What did not reproduce and why, in words; on stderr when stdout is for machines.
        lines = [t("audit_failed", n=len(failing))]
        lines.extend(t("audit_line", check=c.check, expected=format_number(c.expected),
                       printed=format_number(c.printed),
                       difference=format_number(c.difference), unit=c.unit,
                       where=f"{c.what}; {c.where}") for c in failing)
        click.echo("\n".join(_fill(line) for line in lines), err=fmt not in HUMAN_FORMATS)
        sys.exit(1)


@main.command(help=N_("Tellingen voor beheerders: maatregelen en bedragen per hoofdstuk, "
                      "standpunten, effecttypen, instrumenten, wetten, tegenstrijdigheden en "
                      "maatregelen zonder een aanbevolen veld. Per brief geteld (kolom brief), "
                      "nooit opgeteld over brieven; met --letter alleen die brief."))
@format_option
@partial(brief_option, help_text=N_("Alleen deze brief: id, IRI of begrotingsjaar (standaard "
                                    "elke brief, elk apart geteld)."))
@endpoint_option
def stats(fmt: str | None, brief: str | None, endpoint: str | None) -> None:
    from vngkb.api import stats as kb_stats
    fmt = fmt or _default_format()
    label = statistic_label if fmt in HUMAN_FORMATS else str
    rows = [[label(r.statistic), r.key, r.count, r.brief]
            for r in kb_stats(endpoint, brief=brief)]
    click.echo(render(["statistic", "key", "count", "brief"], rows, fmt))


@main.command(help=N_("Elke maatregel met zijn bedragen (het platte overzicht dat andere tools "
                      "lezen), met de brief waarin hij staat (kolom brief), brief na brief."))
@option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
        help=N_("json: één object per maatregel; csv/tsv/table/markdown: één rij per bedrag."))
@partial(brief_option, help_text=N_("Alleen deze brief: id, IRI of begrotingsjaar (standaard "
                                    "elke brief)."))
@endpoint_option
def measures(fmt: str | None, brief: str | None, endpoint: str | None) -> None:
    from vngkb.api import measures as measure_records
    from vngkb.reports.measure_records import CSV_COLUMNS, amount_rows

    records = measure_records(endpoint, brief=brief)
    fmt = fmt or _default_format()
    if fmt == "json":
        click.echo(to_json(records))
    else:
        click.echo(render(CSV_COLUMNS, amount_rows(records), fmt))


@main.command(name="totals", help=N_("Totalen per jaar van beschikbaar gesteld geld, elk bedrag "
                                     "één keer.\n\nPer jaar het totaal en het aantal bedragen, "
                                     "elk bedrag dat meetelt (ook de bedragen zonder laatste "
                                     "jaar die doortellen tot en met het laatste jaar van de "
                                     "accrestabellen) en elke vermelding die niet meetelt, met "
                                     "de reden: niet beschikbaar gesteld (een aanvraag, tekort, "
                                     "korting, grensbedrag, raming, oud niveau), hetzelfde geld "
                                     "als een andere vermelding, een deel van een totaal dat al "
                                     "meetelt, of geen jaarbedrag of geen jaar. Zonder --year "
                                     "volgen de vermeldingen die in geen enkel jaar meetellen."))
@option("--year", "--jaar", "jaar", metavar="YEAR", default=None,
        help=N_("Alleen dit jaar (vier cijfers), met de bedragen die meetellen en die niet."))
@option("--recipient", "--ontvanger", "ontvanger", metavar="RECIPIENT", default=None,
        help=N_("Alleen het geld voor deze ontvanger of een smallere (gemeenten omvat "
                "centrumgemeenten), als korte naam (gemeenten, politie) of IRI."))
@brief_option
@format_option
@endpoint_option
def totals(jaar: str | None, ontvanger: str | None, brief: str | None, fmt: str | None,
            endpoint: str | None) -> None:
    from vngkb.api import letter as chosen_letter
    from vngkb.api import totalen as totalen_rows
    from vngkb.reports.totals import KOLOMMEN, koppen

    fmt = fmt or _default_format()
    letter = chosen_letter(brief, endpoint)
    # CSV/JSON keep the Dutch values and plain numbers; tables are for people.
    rows = totalen_rows(jaar, endpoint, ontvanger=ontvanger, brief=letter.id,
                        for_people=current_lang() if fmt in HUMAN_FORMATS else None)
    _say_letter(letter.line(), fmt)
    click.echo(render(KOLOMMEN, rows, fmt, labels=koppen()))


#: The dump formats of `vngkb export` (vngkb.publish.export.FORMATS; kept here so that the CLI
#: starts without importing the export machinery).
EXPORT_FORMATS = ("turtle", "ntriples", "jsonld", "trig", "nquads")


def _not_empty(_ctx: click.Context, param: click.Parameter, value: str | None
               ) -> str | None:
    """An option given empty (``--base ''``) is a mistake to say so, not a reason to
    fall back on the default."""
    if value is not None and not value.strip():
        raise InputError(t("option_empty", option=param.opts[0] if param.opts else "?"))
    return value


def base_option(func: F) -> F:
    return option("--base", metavar="IRI", default=None, callback=_not_empty,
                  help=N_("Basis van elke id/doc/def-IRI, in plaats van https://w3id.org/vngkb "
                          "(kb/ blijft zoals het is)."))(func)


@main.command(name="export", help=N_("Schrijf de hele KB (ontologie, schema's, data, berekende "
                                     "cijfers) als Turtle, N-Triples, JSON-LD (+ "
                                     "context.jsonld), TriG en N-Quads (één benoemde graaf per "
                                     "deel), met een VoID-beschrijving (void.ttl) en een "
                                     "DCAT-AP-NL-beschrijving (dcat.ttl), gecontroleerd met "
                                     "SHACL. Dezelfde KB en opties geven byte voor byte "
                                     "dezelfde bestanden."))
@option("--out", "-o", "out", required=True, metavar="DIR",
        type=SafePath(path_type=Path, file_okay=False),
        help=N_("Map om in te schrijven (wordt gemaakt; bestanden worden in één keer "
                "vervangen)."))
@base_option
@option("--format", "-f", "formats", multiple=True, type=click.Choice(EXPORT_FORMATS),
        help=N_("Een dumpformaat (herhaalbaar; standaard: alle)."))
@option("--publisher-name", metavar="NAME", default=None,
        help=N_("DCAT: naam van de uitgever (standaard: Project vngkb)."))
@option("--publisher-iri", metavar="IRI", default=None,
        help=N_("DCAT: IRI van de uitgever, bv. zijn TOOI-identificatie."))
@option("--contact-email", metavar="ADDRESS", default=None,
        help=N_("DCAT: e-mailadres van het contactpunt (standaard: een gemarkeerde "
                "plaatshouder)."))
@option("--contact-url", metavar="URL", default=None,
        help=N_("DCAT: webadres van het contactpunt."))
@option("--license", "license_iri", metavar="IRI", default=None,
        help=N_("DCAT: licentie van de distributies (standaard: CC0 1.0, de standaard voor open "
                "overheidsdata; de citaten uit de brief blijven tekst van de VNG)."))
@option("--issued", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
        metavar="JJJJ-MM-DD",
        help=N_("DCAT: datum van de eerste publicatie (standaard: de exportdatum)."))
@option("--modified", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
        metavar="JJJJ-MM-DD",
        help=N_("DCAT: datum van de laatste wijziging (standaard: de exportdatum, of "
                "SOURCE_DATE_EPOCH)."))
@option("--download-url", metavar="URL", default=None,
        help=N_("DCAT: URL van de map waar de bestanden staan (standaard: BASE/download/)."))
@option("--endpoint-url", metavar="URL", default=None,
        help=N_("DCAT/VoID: het openbare SPARQL-endpoint met de KB (/sparql van vngkb serve), "
                "beschreven als dcat:DataService."))
@option("--landing-page", metavar="URL", default=None,
        help=N_("DCAT: de landingspagina van de dataset (dcat:landingPage)."))
@option("--documentation-url", metavar="URL", default=None,
        help=N_("DCAT: een pagina met documentatie van de dataset (foaf:page)."))
def export_command(out: Path, base: str | None, formats: tuple[str, ...],
                   publisher_name: str | None, publisher_iri: str | None,
                   contact_email: str | None, contact_url: str | None,
                   license_iri: str | None, download_url: str | None,
                   endpoint_url: str | None, landing_page: str | None,
                   documentation_url: str | None, issued: datetime.datetime | None,
                   modified: datetime.datetime | None) -> None:
    from vngkb.kb.graphs import DEFAULT_BASE
    from vngkb.publish.dcat import DEFAULT_LICENSE, DEFAULT_PUBLISHER_NAME, DcatOptions
    from vngkb.publish.export import export

    options = DcatOptions(publisher_name=publisher_name or DEFAULT_PUBLISHER_NAME,
                          publisher_iri=publisher_iri, contact_email=contact_email,
                          contact_url=contact_url, license=license_iri or DEFAULT_LICENSE,
                          download_url=download_url, endpoint_url=endpoint_url,
                          landing_page=landing_page, documentation_url=documentation_url,
                          issued=issued.date() if issued else None,
                          modified=modified.date() if modified else None)
    report = export(out, base=DEFAULT_BASE if base is None else base, formats=formats,
                    options=options)
    for written in report.files:
        click.echo(t("export_wrote", path=written.path, media_type=written.media_type,
                     size=written.byte_size))
    click.echo(t("export_done", triples=report.triples, graphs=len(report.parts),
                 base=report.base))
    for placeholder in report.placeholders:
        click.echo(t("export_placeholder", placeholder=placeholder), err=True)
    for what, option in report.missing:
        click.echo(t("export_recommended", what=what, option=option), err=True)


@main.command(name="publish", help=N_("Zet de KB in een triple store en vervang elke benoemde "
                                      "graaf in zijn geheel (HTTP PUT)."))
@option("--endpoint", required=True, metavar="URL",
        help=N_("Het SPARQL 1.1 Graph Store Protocol-endpoint van de store (Oxigraph: "
                "http://HOST:7878/store, Fuseki: http://HOST:3030/DATASET/data)."))
@option("--graph", metavar="IRI", default=None,
        help=N_("Zet de hele KB in deze ene benoemde graaf in plaats van één per deel."))
@base_option
@option("--query-endpoint", metavar="URL", default=None,
        help=N_("Het SPARQL-query-endpoint van de store: controleer daarna de aantallen triples, "
                "of de standaardgraaf de data toont (anders exitcode 3), en toon verouderde "
                "grafen van ons."))
@option("--prune", is_flag=True,
        help=N_("Verwijder de verouderde grafen (onder BASE/id/graaf/) die deze publicatie niet "
                "schreef; vraagt --query-endpoint."))
@option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
        help=N_("Seconden voor elk verzoek, van verbinden tot het laatste byte van het antwoord."))
def publish_command(endpoint: str, graph: str | None, base: str | None,
                    query_endpoint: str | None, prune: bool, timeout: float) -> None:
    from vngkb.kb.graphs import DEFAULT_BASE
    from vngkb.publish.graph_store import PublishedGraph, publish

    def done(published: PublishedGraph) -> None:
        click.echo(f"replaced {published.graph} ({published.triples} triples, "
                   f"HTTP {published.status})")

    report = publish(endpoint, graph=graph, base=DEFAULT_BASE if base is None else base,
                     query_endpoint=query_endpoint, prune=prune, timeout=timeout,
                     on_graph=done)
    click.echo(f"published {report.triples} triples in {len(report.graphs)} graphs "
               f"to {report.endpoint}")
    if report.verified:
        click.echo(f"checked: {query_endpoint} holds exactly the triples sent")
    for stale in report.stale:
        state = "deleted" if stale in report.pruned else "left in place (--prune deletes it)"
        click.echo(f"stale graph {stale}: {state}")


@main.command(help=N_("Serveer de KB: SPARQL-endpoint op /sparql, pagina's en opvraagbare URI's."))
@option("--host", default="127.0.0.1", show_default=True,
        help=N_("Adres om op te luisteren (0.0.0.0: elke interface)."))
@option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
        help=N_("Poort om op te luisteren."))
@option("--base", "base", metavar="IRI", default=None, callback=_not_empty,
        help=N_("Basis van de geserveerde id/doc/def-IRI's, in plaats van "
                "https://w3id.org/vngkb; {base}/id/x wordt geserveerd op /id/x."))
@option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
        help=N_("Seconden dat een /sparql-query mag lopen; langere worden gestopt (503)."))
@option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
        help=N_("Hoogstens zoveel rijen (of triples) per /sparql-query; de rest wordt afgekapt "
                "en de header Vngkb-Truncated zegt dat."))
@option("--workers", type=click.IntRange(min=1), default=None,
        help=N_("Queryprocessen (standaard: het aantal CPU's, hoogstens 4)."))
@option("--max-waiting", type=click.IntRange(min=0), default=None,
        help=N_("/sparql-queries die op een vrij proces mogen wachten (standaard: 4 per proces); "
                "meer krijgen 503 met Retry-After."))
@option("--read-timeout", type=click.FloatRange(min=0.1), default=10.0,
        show_default=True, help=N_("Seconden die een client heeft om een heel verzoek te sturen."))
@option("--max-connections", type=click.IntRange(min=1), default=2048,
        show_default=True, help=N_("Hoogstens zoveel open verbindingen; bij de grens wordt de "
                                   "oudste die nog op zijn verzoek wacht gesloten."))
@option("--processes", type=click.IntRange(1, 64), default=1, show_default=True,
        help=N_("HTTP-processen die verzoeken beantwoorden; de queryprocessen en de "
                "verbindingsgrens worden over ze verdeeld."))
@option("--max-request-line", type=click.IntRange(min=1), default=16_384,
        show_default=True, metavar="BYTES",
        help=N_("Hoogstens zoveel bytes in het adres van een verzoek; langer krijgt 414."))
@option("--max-header", type=click.IntRange(min=1), default=16_384, show_default=True,
        metavar="BYTES", help=N_("Hoogstens zoveel bytes in één header (naam en waarde); langer "
                                 "krijgt 431."))
@option("--max-headers", type=click.IntRange(min=1), default=100, show_default=True,
        help=N_("Hoogstens zoveel headers per verzoek; meer krijgt 431."))
@option("--max-head", type=click.IntRange(min=1), default=32_768, show_default=True,
        metavar="BYTES", help=N_("Hoogstens zoveel bytes in de kop van een verzoek (verzoekregel "
                                 "en headers samen); langer krijgt 431."))
@option("--export", "export_dir", metavar="DIR", default=None,
        type=SafePath(path_type=Path, file_okay=False),
        help=N_("Serveer de bestanden van een eerdere vngkb export uit deze map op /download/, "
                "/dcat.ttl, /void.ttl en /.well-known/void (standaard: de server maakt de export "
                "zelf bij het eerste verzoek, op de geserveerde basis)."))
def serve(host: str, port: int, base: str | None, timeout: float, max_rows: int,
          workers: int | None, max_waiting: int | None, read_timeout: float,
          max_connections: int, processes: int, max_request_line: int, max_header: int,
          max_headers: int, max_head: int, export_dir: Path | None) -> None:
    try:
        import uvicorn  # noqa: F401  (the extra itself, even when vngkb.server is loaded)

        from vngkb.server import connections
        from vngkb.server.app import create_app
    except ImportError as error:
        # The package to install, not the submodule that failed (uvicorn.protocols).
        raise MissingExtraError(t("extra_missing", what=t("what_serve"), extra="serve",
                                  module=(error.name or "uvicorn").partition(".")[0])
                                ) from None
    from vngkb.kb.layers import load_kb
    from vngkb.rdf.namespaces import BASE
    from vngkb.server import processes as http_processes

    if processes > 1:  # each process gets its share of the workers (see that module)
        if not http_processes.supported():
            raise InputError(t("serve_processes_unsupported"))
        workers = http_processes.workers_each(workers, processes)
        if max_waiting is not None:
            max_waiting = http_processes.share(max_waiting, processes)
    head_limits = connections.HeadLimits(request_line=max_request_line, header=max_header,
                                         headers=max_headers, head=max_head)
    app = create_app(load_kb(), base=BASE if base is None else base, timeout=timeout,
                     max_rows=max_rows, workers=workers, max_waiting=max_waiting,
                     export_dir=export_dir)
    click.echo(t("serving", host=host, port=port), err=True)
    if processes > 1:
        sys.exit(http_processes.serve(app, host=host, port=port, processes=processes,
                                      read_timeout=read_timeout,
                                      max_connections=max_connections,
                                      head_limits=head_limits))
    connections.run(app, host=host, port=port, read_timeout=read_timeout,
                    max_connections=max_connections, head_limits=head_limits)


@main.command(name="source", help=N_("De regels LINES van de tekst van een brief, genummerd: "
                                     "EERSTE LAATSTE of EERSTE-LAATSTE (beide inbegrepen); één "
                                     "getal: die ene regel. Regelnummers horen bij één brief: "
                                     "bevat de KB er meer dan één, kies dan met --letter."))
@click.argument("lines", nargs=-1, required=True)
@option("--paragraphs", "--alineas", "alineas", is_flag=True,
        help=N_("Als alinea's, zoals de KB citeert (afbrekingen aan het regeleinde "
                "samengevoegd), in plaats van genummerde regels."))
@option("--text", "--bron", "source", metavar="FILE", type=SafePath(path_type=Path),
        default=None, help=N_("Een andere tekst dan die van een brief in de KB."))
@partial(brief_option, help_text=N_("De brief: id, IRI of begrotingsjaar (standaard de enige "
                                    "brief in de KB)."))
def source_command(lines: tuple[str, ...], alineas: bool, source: Path | None,
                   brief: str | None) -> None:
    from vngkb.rdf.sourcetext import excerpt

    if source is not None and brief is not None:
        raise InputError(t("source_text_and_letter"))
    said = None
    if source is None:
        from vngkb.api import source_letter

        letter, source, count = source_letter(brief)
        said = letter.line() if count > 1 else None
    text = excerpt(lines, source=source, as_paragraphs=alineas)
    if said is not None:
        # Which letter's lines these are; stdout holds the lines alone.
        click.echo(said, err=True)
    click.echo(text)


def _text_width() -> int:
    """The terminal's width (80 when not on a terminal), for text that wraps."""
    import shutil

    return shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80


@main.command(name="search", help=N_("Zoek in alle teksten van de kennisbank, gerangschikt naar "
                                     "relevantie.\n\nWoorden worden gestamd (woningen vindt "
                                     "woning), alleen hele woorden tellen, \"een zin\" tussen "
                                     "dubbele aanhalingstekens zoekt die woorden naast elkaar, "
                                     "en synoniemen uit de schema's tellen mee (jeugdzorg vindt "
                                     "jeugdhulp). Elke treffer: de maatregel, een fragment met "
                                     "de termen tussen ** en de regels in de brief. Er wordt in "
                                     "één brief gezocht: standaard de nieuwste."))
@click.argument("terms", nargs=-1, required=True)
@option("--any", "--of", "any_term", is_flag=True,
        help=N_("Treffers met een van de termen (standaard: met alle termen)."))
@option("--limit", "--limiet", "-n", "limit", type=click.IntRange(1, 1000), default=20,
        show_default=True, help=N_("Hoogstens zoveel treffers."))
@option("--format", "-f", "fmt", type=click.Choice(["text", "markdown", "json"]),
        default="text", show_default=True, help=N_("Uitvoervorm."))
@brief_option
def search_command(terms: tuple[str, ...], any_term: bool, limit: int, fmt: str,
                   brief: str | None) -> None:
    from vngkb.search import zoek_in_brief
    from vngkb.search.render import as_json, as_markdown, as_text

    text = " ".join(terms)
    letter, hits = zoek_in_brief(text, mode="any" if any_term else "all", limit=limit,
                                 brief=brief)
    if letter is not None:
        _say_letter(letter.line(), "table" if fmt == "text" else fmt)
    if fmt == "json":
        click.echo(as_json(hits))
    elif fmt == "markdown":
        click.echo(as_markdown(hits, text))
    else:
        click.echo(as_text(hits, text, width=_text_width()))


@main.command(name="show", help=N_("Toon een maatregel (korte naam, titel of IRI): de brief, "
                                   "velden, bedragen, standpunt met de passages, eisen, wetten, "
                                   "moties en de genummerde regels van de brief. Zonder --letter "
                                   "die van de nieuwste brief die de maatregel heeft."))
@click.argument("name")
@option("--format", "-f", "fmt", type=click.Choice(["text", "markdown", "json"]),
        default="text", show_default=True, help=N_("Uitvoervorm."))
@brief_option
@endpoint_option
def show_command(name: str, fmt: str, brief: str | None, endpoint: str | None) -> None:
    from vngkb.api import toon
    from vngkb.reports import measure_detail as measure_view

    view = toon(name, endpoint, brief=brief)
    if fmt == "text":
        click.echo(measure_view.as_text(view, width=_text_width()))
    else:
        click.echo(measure_view.as_json(view) if fmt == "json"
                   else measure_view.as_markdown(view))


@main.command(name="ingest", help=N_("Maak van een ledenbrief (LETTER: .txt of .pdf) een "
                                     "concept-KB om na te kijken: hoofdstukken, maatregelen, "
                                     "bedragen, wetten, moties, afkortingen en accrestabellen, "
                                     "elke waarde met zijn citaat, regels en de regel of het "
                                     "woord dat hem gaf.\n\nExitcode 0 als het concept "
                                     "geschreven is, 2 bij onbruikbare invoer (dan is niets "
                                     "geschreven)."))
@click.argument("letter", type=SafePath(path_type=Path))
@option("--id", "letter_id", required=True, metavar="ID",
        help=N_("Het id (slug) van de brief, bv. ledenbrief-miljoenennota-2021."))
@option("--out", "out", required=True, type=SafePath(path_type=Path), metavar="DIR",
        help=N_("De KB-map: het concept komt in DIR/ID/concept/, de tekst in DIR/ID/bron.txt; "
                "bevestigde uitspraken in DIR/ID/*.ttl blijven staan."))
@option("--vorige", default=None, metavar="ID",
        help=N_("Een eerdere brief in DIR: stel per maatregel voor welke maatregel daar hij "
                "voortzet."))
def ingest_command(letter: Path, letter_id: str, out: Path, vorige: str | None) -> None:
    from vngkb.ingest import ingest

    result = ingest(letter, letter_id, out, vorige=vorige)
    click.echo(result.summary(letter_id))


@main.command(name="review", help=N_("Wat in het concept van ingest nog voorstel is, per "
                                     "maatregel, het zekerste eerst: elke waarde met citaat, "
                                     "regels en de regel of het woord dat hem gaf."))
@click.argument("folder", type=SafePath(path_type=Path))
@option("--bevestig", "specs", multiple=True, metavar="'IRI [EIGENSCHAP]'",
        help=N_("Bevestig een voorgestelde bron (alle waarden) of één waarde ervan; verplaatst "
                "ze naar bevestigd.ttl (herhaalbaar)."))
@option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text",
        show_default=True, help=N_("Uitvoervorm."))
def review_command(folder: Path, specs: tuple[str, ...], fmt: str) -> None:
    from vngkb.ingest.review import as_json, as_text, bevestig, review

    if specs:
        for n, target in bevestig(folder, list(specs)):
            click.echo(_("{n} uitspraak/uitspraken bevestigd in {file}").format(n=n, file=target))
        return
    groups = review(folder)
    click.echo(as_json(groups) if fmt == "json" else as_text(groups))
