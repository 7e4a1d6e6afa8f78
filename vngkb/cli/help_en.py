"""The ``vngkb`` command's help in English (``--lang en``): the Dutch help is written at
the commands themselves; :func:`localise` swaps the texts of every command and option
listed here, and back.

Keys are (command, parameter): the command's own help has parameter ``""``; command
``"*"`` gives an option's help wherever a command does not list its own.
"""

from __future__ import annotations

import sys

import click

from vngkb.i18n import current_lang, t

_FORMAT = "Output format (default: table on a terminal, csv otherwise)."
_RESULT_FORMAT = ("Output format (default: table on a terminal, csv otherwise); sparql-json "
                  "is the W3C SPARQL 1.1 JSON results format.")
_BASE = "Base for every id/doc/def IRI, instead of https://w3id.org/vngkb (kb/ is not changed)."

HELP_EN: dict[tuple[str, str], str] = {
    ("", ""): "The VNG ledenbrief on the Miljoenennota 2020 as a queryable knowledge base.",
    ("", "lang"): "Language of tables, help and messages (default: VNGKB_LANG, else nl).",
    ("*", "fmt"): _FORMAT,
    ("*", "iris"): ("Show full IRIs in the table and markdown formats (default: shortened, "
                    "e.g. maatregel/jeugd)."),
    ("*", "endpoint"): "Query a remote SPARQL 1.1 endpoint instead of the embedded store.",
    ("*", "base"): _BASE,
    ("*", "timeout"): ("Seconds for each request, from connecting to the last byte of the "
                       "answer."),
    ("validate", ""): ("Check Turtle syntax, literal types, the SHACL shapes and the QC checks "
                       "(default: the shipped KB). FILES given are checked together with the "
                       "shipped ontology, shapes and the KB files they do not replace, so one "
                       "edited file is checked in context.\n\nExit 0 when the KB conforms, 1 "
                       "on violations, 2 on unreadable input."),
    ("validate", "warnings"): "List every warning, not just their count.",
    ("validate", "shapes"): "More SHACL shapes to check with (repeatable).",
    ("query", ""): ("Run any SPARQL query from QUERY_FILE ('-' for standard input): SELECT and "
                    "ASK in the chosen format, CONSTRUCT and DESCRIBE as N-Triples."),
    ("query", "fmt"): _RESULT_FORMAT,
    ("questions", ""): "List the canned questions.",
    ("ask", ""): ("Answer the canned question NAME (see `vngkb questions`; `vngkb ask NAME "
                  "--help` describes the question and its parameters)."),
    ("ask", "fmt"): _RESULT_FORMAT,
    ("ask", "params"): "A parameter value (repeatable).",
    ("docs", ""): ("Print queries/README.md, generated from the catalogue "
                   "(`vngkb docs > queries/README.md`)."),
    ("accres", ""): ("The accres tables computed from their inputs, beside the published "
                     "figures; * marks rows that follow from a printed figure that does not "
                     "reproduce."),
    ("accres", "table"): "1: accres (both circulaires), 2: indices, 3: BTW-compensatiefonds.",
    ("accres", "settings"): ("What-if: change an input, e.g. inflatiecorrectie.2020=2.5 "
                             "(repeatable)."),
    ("accres", "plot_file"): "Also draw nominal, real and volume accres to FILE.svg or FILE.png.",
    ("accres", "list_inputs"): ("List every input name --set accepts, with its printed value, "
                                "unit and accepted range."),
    ("audit", ""): ("Recompute every figure the letter prints that follows from others it "
                    "prints.\n\nExit 0 when every figure reproduces, 1 when a printed figure "
                    "does not (checks of a relation the letter does not state itself are "
                    "reported, marked 'assumed', but do not fail the audit)."),
    ("audit", "include_passing"): "Show the checks that pass too.",
    ("stats", ""): ("Counts for curators: measures and amounts per chapter, stances, effect "
                    "types, instruments, laws, disagreements, and measures missing a "
                    "recommended field."),
    ("measures", ""): "Every measure with its amounts (the flat view other tools read).",
    ("measures", "fmt"): ("json: one object per measure; csv/tsv/table/markdown: one row per "
                          "amount."),
    ("export", ""): ("Write the whole KB (ontology, schemes, data, computed figures) as "
                     "Turtle, N-Triples, JSON-LD (+ context.jsonld), TriG and N-Quads (one "
                     "named graph per part), with a VoID description (void.ttl) and a "
                     "DCAT-AP-NL description (dcat.ttl) checked with SHACL. The same KB and "
                     "options give byte-identical files."),
    ("export", "endpoint_url"): ("DCAT/VoID: the public SPARQL endpoint serving the KB (vngkb "
                                 "serve's /sparql), described as a dcat:DataService."),
    ("export", "landing_page"): "DCAT: the dataset's landing page (dcat:landingPage).",
    ("export", "documentation_url"): "DCAT: a page documenting the dataset (foaf:page).",
    ("export", "out"): ("Folder to write to (created if missing; files are replaced all at "
                        "once)."),
    ("export", "formats"): "A dump format (repeatable; default: all).",
    ("export", "publisher_name"): "DCAT: the publisher's name (default: Project vngkb).",
    ("export", "publisher_iri"): "DCAT: the publisher's IRI, e.g. its TOOI identifier.",
    ("export", "contact_email"): ("DCAT: the contact point's e-mail (default: a marked "
                                  "placeholder)."),
    ("export", "contact_url"): "DCAT: the contact point's web address.",
    ("export", "license_iri"): ("DCAT: licence of the distributions (default: CC0 1.0, the "
                                "default for open government data; the letter's quotes stay "
                                "the VNG's text)."),
    ("export", "issued"): "DCAT: date of first publication (default: the day of the export).",
    ("export", "modified"): ("DCAT: date of the last change (default: the day of the export, "
                             "or SOURCE_DATE_EPOCH)."),
    ("export", "download_url"): ("DCAT: folder URL the files are published at (default: "
                                 "BASE/download/)."),
    ("publish", ""): ("Put the KB into a triple store, replacing each named graph whole "
                      "(HTTP PUT)."),
    ("publish", "endpoint"): ("The store's SPARQL 1.1 Graph Store Protocol endpoint "
                              "(Oxigraph: http://HOST:7878/store, Fuseki: "
                              "http://HOST:3030/DATASET/data)."),
    ("publish", "graph"): "Put the whole KB into this one named graph instead of one per part.",
    ("publish", "query_endpoint"): ("The store's SPARQL query endpoint: check the triple "
                                    "counts afterwards, that its default graph shows the data "
                                    "(else exit 3), and list stale graphs of ours."),
    ("publish", "prune"): ("Delete the stale graphs (under BASE/id/graaf/) this publish did not "
                           "write; needs --query-endpoint."),
    ("ingest", ""): ("Turn a ledenbrief (LETTER: .txt or .pdf) into a draft KB to review: "
                     "chapters, measures, amounts, laws, motions, abbreviations and accres "
                     "tables, each value with its quote, lines and the rule or word that gave "
                     "it.\n\nExit 0 when the draft is written, 2 on unusable input (then "
                     "nothing is written)."),
    ("ingest", "letter_id"): "The letter's id (slug), e.g. ledenbrief-miljoenennota-2021.",
    ("ingest", "out"): ("The KB folder: the draft goes to DIR/ID/concept/, the text to "
                        "DIR/ID/bron.txt; confirmed statements in DIR/ID/*.ttl are kept."),
    ("ingest", "vorige"): ("An earlier letter in DIR: propose for each measure the measure "
                           "there that it continues."),
    ("review", ""): ("What ingest's draft still proposes, measure by measure, the surest "
                     "first: each value with its quote, lines and the rule or word that gave "
                     "it."),
    ("review", "specs"): ("Confirm a drafted resource (all its values) or one value of it; "
                          "moves them to bevestigd.ttl (repeatable)."),
    ("review", "fmt"): "Output format.",
    ("serve", ""): "Serve the KB: SPARQL endpoint at /sparql, pages and dereferenceable URIs.",
    ("serve", "host"): "Address to listen on (0.0.0.0: every interface).",
    ("serve", "port"): "Port to listen on.",
    ("serve", "base"): ("Base of the id/doc/def IRIs served, instead of "
                        "https://w3id.org/vngkb; {base}/id/x is served at /id/x."),
    ("serve", "timeout"): "Seconds a /sparql query may run; longer ones are stopped (503).",
    ("serve", "max_rows"): ("Most result rows (or triples) of a /sparql query; the rest is cut "
                            "off and the response header Vngkb-Truncated says so."),
    ("serve", "workers"): "Query processes (default: the number of CPUs, at most 4).",
    ("serve", "max_waiting"): ("/sparql queries that may wait for a free worker (default: 4 per "
                               "worker); more are answered 503 with Retry-After."),
    ("serve", "read_timeout"): "Seconds a client has to send a whole request.",
    ("serve", "processes"): ("HTTP processes answering requests (default 1); the workers and "
                             "the connection cap are shared out among them."),
    ("serve", "max_connections"): ("Open connections at most; at the cap, the oldest one still "
                                   "waiting for its request is closed."),
    ("serve", "max_request_line"): ("Most bytes in a request's address; longer ones get 414."),
    ("serve", "max_header"): "Most bytes in one header (name and value); longer ones get 431.",
    ("serve", "max_headers"): "Most headers in one request; more get 431.",
    ("serve", "max_head"): ("Most bytes in a request's head (request line and headers "
                            "together); longer ones get 431."),
    ("query", "timeout"): "Seconds the query may run; longer ones are stopped.",
    ("query", "max_memory"): "Memory (MiB of address space) the query may use.",
    ("query", "allow_service"): ("Let SERVICE send parts of the query to other endpoints "
                                 "(refused by default; without this flag the query runs "
                                 "without network access)."),
    # The researcher's commands: search, a measure, the letter's lines, totals, questions.
    ("search", ""): ("Search every text of the knowledge base, ranked by relevance.\n\nWords "
                   "are stemmed (woningen finds woning), only whole words count, \"a "
                   "phrase\" between double quotes looks for those words side by side, and "
                   "synonyms from the schemes count (jeugdzorg finds jeugdhulp). Each hit: the "
                   "measure, a snippet with the terms between ** and the lines in the letter."),
    ("search", "any_term"): "Hits with any of the terms (default: with all terms).",
    ("search", "limit"): "At most this many hits.",
    ("search", "fmt"): "Output form.",
    ("show", ""): ("Show a measure (short name, title or IRI): fields, amounts, stance with "
                   "its passages, demands, laws, motions and the letter's numbered lines."),
    ("show", "fmt"): "Output form.",
    ("source", ""): ("The letter's lines LINES, numbered: FIRST LAST or FIRST-LAST (both "
                   "included); one number: that one line."),
    ("source", "alineas"): ("As paragraphs, the way the KB quotes (hyphenation at line ends "
                          "joined), instead of numbered lines."),
    ("source", "source"): "Another text than the shipped letter.",
    ("totals", ""): ("Totals per year of money made available, each amount once.\n\nPer "
                      "year the total and the number of amounts, each amount that counts "
                      "(also the amounts without a last year, carried forward up to and "
                      "including the last year of the accres tables) and each mention that "
                      "does not count, with the reason: not made available (a request, "
                      "shortfall, cut, limit, estimate, previous level), the same money as "
                      "another mention, a part of a total that already counts, or no yearly "
                      "amount or no year. Without --jaar the mentions that count in no year "
                      "follow."),
    ("totals", "jaar"): ("Only this year (four digits), with the amounts that count and "
                          "those that do not."),
    ("totals", "ontvanger"): ("Only the money for this recipient or a narrower one "
                               "(gemeenten includes centrumgemeenten), as a short name "
                               "(gemeenten, politie) or IRI."),
    ("totals", "brief"): ("The letter, as a short name or IRI (default: that of the totals "
                           "questions)."),
    ("interpret", ""): ("Ask a question in plain (Dutch) words: the best fitting question from the "
                    "catalogue, with parameters from the words. The first line says which "
                    "question and which values (on stderr with csv, tsv, json and "
                    "sparql-json, so that the output is only the data); when no question "
                    "fits well enough, the texts are searched."),
    ("interpret", "uitleg"): ("Show why each candidate scored as it did (the best 5, with the "
                              "parts)."),
}

#: The Dutch texts as the commands were declared, kept when English replaces them.
_DUTCH: dict[tuple[int, str], str | None] = {}


def _swap(owner: object, attribute: str, english: str | None) -> None:
    key = (id(owner), attribute)
    if key not in _DUTCH:
        _DUTCH[key] = getattr(owner, attribute)
    text = english if english is not None and current_lang() == "en" else _DUTCH[key]
    setattr(owner, attribute, text)


def localise(group: click.Group) -> None:
    """Give *group* and its commands the help texts of the current language."""
    commands: list[tuple[str, click.Command]] = [("", group), *group.commands.items()]
    for name, command in commands:
        _swap(command, "help", HELP_EN.get((name, "")))
        for param in command.params:
            if not isinstance(param, click.Option) or param.name is None:
                continue
            if param.name == "version":
                param.help = t("version_option")
                continue
            english = HELP_EN.get((name, param.name), HELP_EN.get(("*", param.name)))
            _swap(param, "help", english)


#: click's own messages (usage errors, file checks) in Dutch. click looks its texts up
#: through gettext; :func:`speak_click` puts this table in between. A text click does
#: not have (another click version) simply stays English.
CLICK_NL: dict[str, str] = {
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "Missing {param_type}": "Ontbrekend: {param_type}",
    "Missing parameter: {param_name}": "Ontbrekende parameter: {param_name}",
    "Missing command.": "Geen commando gegeven.",
    "No such option {name!r}.": "Geen optie {name!r}.",
    "No such command {name!r}.": "Geen commando {name!r}.",
    "Did you mean {possibility}?": "Bedoelde u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelde u een van: {possibilities}?)",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Option {name!r} requires an argument.": "Optie {name!r} vraagt een waarde.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} vraagt {nargs} waarden.",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "{value!r} is not {choice}.": "{value!r} is niet {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "Could not open file {filename!r}: {message}":
        "Kan bestand {filename!r} niet openen: {message}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "file": "Bestand", "directory": "Map", "path": "Pad",
    "default: {default}": "standaard: {default}",
    "Aborted!": "Afgebroken!",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
}

_CLICK_MODULES = ("click.core", "click.exceptions", "click.parser", "click.types",
                  "click.decorators", "click.formatting", "click.termui")


def _gettext(message: str) -> str:
    return CLICK_NL.get(message, message) if current_lang() == "nl" else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def _as_written(message: str) -> str:
    return message


def texts_as_written() -> None:
    """Let click take its texts as written until :func:`speak_click`: while vngkb's
    commands are declared, click names a path parameter and the version option's help
    through gettext, and every gettext look-up imports :mod:`locale` and searches the disk
    for catalogues (about 2 ms of each start). Taken as written they are what gettext
    gives when it finds no catalogue, and the language is not known yet then anyway.

    >>> import click.types
    >>> texts_as_written()
    >>> click.types._("path")
    'path'
    """
    for name in ("click.types", "click.decorators"):
        module = sys.modules.get(name)
        if module is not None and hasattr(module, "_"):
            setattr(module, "_", _as_written)  # noqa: B010 (a name mypy cannot see)


def speak_click() -> None:
    """Route click's message look-ups through :data:`CLICK_NL` (in the current language)."""
    import importlib

    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "_"):
            setattr(module, "_", _gettext)  # noqa: B010 (a name mypy cannot see)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", _ngettext)  # noqa: B010
