"""One language per screen: the texts people read (column headings, messages, help),
in Dutch by default and in English with ``--lang en`` or ``VNGKB_LANG=en``.

Every text has a key; :func:`t` gives it in the current language. Column headings of
query answers come from :data:`COLUMNS` (the SPARQL variable ``laatsteJaar`` reads
"laatste jaar" / "last year"); a variable not listed there is split into words.
Machine formats (CSV, TSV, JSON) keep the documented column names.

>>> set_lang("nl")
>>> t("rows", n=2)
'(2 rijen)'
>>> column_label("laatsteJaar")
'laatste jaar'
>>> column_label("eenOnbekendeKolom")
'een onbekende kolom'
>>> set_lang("en")
>>> column_label("laatsteJaar")
'last year'
>>> format_number(Decimal("1000000.50"))
'1,000,000.50'
>>> set_lang(None)
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from vngkb.core import errors as _errors
from vngkb.core.errors import InputError

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"
#: The environment variable that picks the language when no ``--lang`` is given.
LANG_VARIABLE = "VNGKB_LANG"

_chosen: str | None = None


def set_lang(lang: str | None) -> None:
    """Choose the language for this process (None: back to ``VNGKB_LANG`` or Dutch)."""
    global _chosen
    if lang is not None and lang not in LANGS:
        raise InputError(f"--lang {lang!r}: kies uit {', '.join(LANGS)}")
    _chosen = lang


def current_lang() -> str:
    """The language chosen by :func:`set_lang`, else ``VNGKB_LANG``, else Dutch."""
    if _chosen is not None:
        return _chosen
    value = os.environ.get(LANG_VARIABLE, "").strip().lower()
    if not value:
        return DEFAULT_LANG
    if value not in LANGS:
        raise InputError(f"{LANG_VARIABLE}={value[:20]!r}: kies uit {', '.join(LANGS)}")
    return value


def _pick(pair: tuple[str, str], lang: str | None = None) -> str:
    return pair[LANGS.index(lang or current_lang())]


#: Messages and fixed texts: key → (Dutch, English).
MESSAGES: dict[str, tuple[str, str]] = {
    "rows": ("({n} rijen)", "({n} rows)"),
    "kb_missing": ("die map bestaat niet", "no such folder"),
    "kb_more_problems": (" (en {n} meer; vngkb validate toont ze)",
                         " (and {n} more; vngkb validate lists them)"),
    "kb_not_folder": ("is geen map (geef de map van een kennisbank)",
                      "is not a folder (give the folder of a knowledge base)"),
    "kb_unreadable": ("kan de map niet lezen: {reason}", "cannot read the folder: {reason}"),
    "kb_empty": ("de map is leeg; een kennisbank heeft een map per brief met Turtle-bestanden",
                 "the folder is empty; a knowledge base has a folder per letter with Turtle "
                 "files"),
    "kb_no_letter": ("geen brief: geen map met Turtle-bestanden (een map per brief, genoemd "
                     "naar de brief)",
                     "no letter: no folder with Turtle files (one folder per letter, named "
                     "after the letter)"),
    "kb_loose_files": ("Turtle-bestanden los in de map ({names}); zet ze in de map van hun "
                       "brief of in gedeeld/",
                       "Turtle files loose in the folder ({names}); put them in their "
                       "letter's folder or in gedeeld/"),
    "kb_bad_letter_name": ("map {name} is geen brief-id (kleine letters, cijfers, "
                           "streepjes)",
                           "folder {name} is not a letter id (lowercase letters, digits, "
                           "hyphens)"),
    "record": ("-- rij {n} --", "-- row {n} --"),
    "row": ("({n} rij)", "({n} row)"),
    "did_you_mean": ("bedoelde u {names}?", "did you mean {names}?"),
    "or": ("of", "or"),
    "unknown_question": ("geen vraag met de naam {name}; {hint}",
                         "no question named {name}; {hint}"),
    "known_questions": ("bekende vragen: {names}", "known questions: {names}"),
    "unknown_command": ("geen commando {name}; {hint}", "no command {name}; {hint}"),
    "known_commands": ("commando's: {names}", "commands: {names}"),
    "no_parameter": ("vraag {question} heeft geen parameter {name} ({hint})",
                     "question {question} has no parameter {name} ({hint})"),
    "parameters_are": ("parameters: {names}", "parameters: {names}"),
    "option_twice": ("{option} {name} is meer dan eens gegeven; geef elke naam één keer",
                     "{option} {name} is given more than once; give each name once"),
    "validate_verdict": ("{triples} triples: {verdict} ({violations} overtreding(en), "
                         "{warnings} waarschuwing(en){hint})",
                         "{triples} triples: {verdict} ({violations} violation(s), "
                         "{warnings} warning(s){hint})"),
    "validate_conforms": ("voldoet", "conforms"),
    "validate_no_letter": ("geen KB: de {files} bestand(en) bevatten geen brief "
                           "(def:Brondocument); er valt niets te valideren",
                           "no KB: the {files} file(s) hold no letter (def:Brondocument); "
                           "there is nothing to validate"),
    "validate_fails": ("voldoet NIET", "does NOT conform"),
    "validate_hint": ("; --warnings toont ze", "; --warnings lists them"),
    "given_twice": ("parameter {name} is meer dan eens gegeven ({first}, {second}); geef hem "
                    "één keer",
                    "parameter {name} is given more than once ({first}, {second}); give it "
                    "once"),
    "not_one_of": ("parameter {name}: {value} is niet een van: {allowed}{also}",
                   "parameter {name}: {value} is not one of: {allowed}{also}"),
    "also_accepted": ("; ook goed: {names}", "; also accepted: {names}"),
    "not_a_year": ("parameter {name}: {value} is geen jaartal (vier cijfers, bv. 2020)",
                   "parameter {name}: {value} is not a year (four digits, e.g. 2020)"),
    "not_a_date": ("parameter {name}: {value} is geen datum (JJJJ-MM-DD, bv. 2021-01-01)",
                   "parameter {name}: {value} is not a date (YYYY-MM-DD, e.g. 2021-01-01)"),
    "endpoint_no_turtle": ("SPARQL-endpoint {url} stuurde geen Turtle: {reason}",
                           "SPARQL endpoint {url} sent no Turtle: {reason}"),
    "not_an_integer": ("parameter {name}: {value} is geen geheel getal",
                       "parameter {name}: {value} is not an integer"),
    "not_a_number": ("parameter {name}: {value} is geen getal",
                     "parameter {name}: {value} is not a number"),
    "not_finite": ("parameter {name}: {value} is geen eindig getal",
                   "parameter {name}: {value} is not a finite number"),
    "too_long": ("parameter {name}: de waarde is {length} tekens lang; hooguit {most} mag",
                 "parameter {name}: value is {length} characters long; at most {most} are "
                 "accepted"),
    "empty_value": ("parameter {name}: de waarde is leeg", "parameter {name}: the value is empty"),
    "out_of_range": ("parameter {name}: {value} ligt niet {range}",
                     "parameter {name}: {value} is not {range}"),
    "range_between": ("tussen {low} en {high}", "between {low} and {high}"),
    "range_at_least": ("op of boven {low}", "at least {low}"),
    "range_at_most": ("op of onder {high}", "at most {high}"),
    "invalid_iri": ("parameter {name}: {value} is geen geldige IRI: {reason}",
                    "parameter {name}: {value} is not a valid IRI: {reason}"),
    "not_an_iri": ("parameter {name}: {value} is geen http(s)-IRI",
                   "parameter {name}: {value} is not an http(s) IRI"),
    "required": ("vraag {question}: parameter {name} ({type}) is verplicht",
                 "question {question}: parameter {name} ({type}) is required"),
    "expected_pair": ("{option} {item}: verwacht NAAM=WAARDE{example}",
                      "{option} {item}: expected NAME=VALUE{example}"),
    "pair_example": (", bv. {example}", ", e.g. {example}"),
    "empty_query": ("de query is leeg", "the query is empty"),
    "syntax_error": ("SPARQL-syntaxfout op regel {line}, kolom {column}: {reason}",
                     "SPARQL syntax error at line {line}, column {column}: {reason}"),
    "expected": ("verwacht", "expected"),
    "expected_one_of": ("verwacht een van", "expected one of"),
    "endpoint_unreachable": ("kan {url} niet bereiken: {reason}",
                             "cannot reach {url}: {reason}"),
    # vngkb.query.http: the one HTTP client
    "http_failed": ("{url}: {detail}", "{url}: {detail}"),
    "http_timeout": ("geen volledig antwoord binnen {seconds} s",
                     "no complete answer within {seconds} s"),
    "http_too_big": ("antwoord groter dan {limit} bytes, het meeste dat wordt gelezen (meer: "
                     "zet {variable} op een aantal MiB)",
                     "answer larger than {limit} bytes, the most read (more: set {variable} "
                     "to a number of MiB)"),
    "http_redirect_elsewhere": ("verwijst door (HTTP {status}) naar {target}; een "
                                "doorverwijzing naar een andere host, poort of een ander "
                                "schema wordt niet gevolgd",
                                "redirects (HTTP {status}) to {target}; a redirect to another "
                                "host, port or scheme is not followed"),
    "http_too_many_redirects": ("meer dan {most} doorverwijzingen", "more than {most} redirects"),
    "http_bad_answer": ("geen geldig HTTP-antwoord ({kind}: {reason})",
                        "not a valid HTTP answer ({kind}: {reason})"),
    "http_bad_max": ("{variable}={value}: geef een geheel aantal MiB van minstens 1",
                     "{variable}={value}: give a whole number of MiB, at least 1"),
    "endpoint_bad_answer": ("SPARQL-endpoint {url} stuurde een antwoord van de verkeerde vorm: "
                            "{reason}", "SPARQL endpoint {url} sent an answer of the wrong "
                            "shape: {reason}"),
    "endpoint_http": ("SPARQL-endpoint {url} antwoordt met HTTP {status}: {reason}",
                      "SPARQL endpoint {url} answers HTTP {status}: {reason}"),
    "endpoint_no_json": ("SPARQL-endpoint {url} stuurde geen SPARQL JSON: {reason}",
                         "SPARQL endpoint {url} sent no SPARQL JSON: {reason}"),
    "endpoint_not_found": ("SPARQL-endpoint {url} niet gevonden (HTTP 404): {reason}",
                           "SPARQL endpoint {url} not found (HTTP 404): {reason}"),
    "endpoint_unauthorized": ("SPARQL-endpoint {url} weigert toegang (HTTP 401): {reason}",
                              "SPARQL endpoint {url} refuses access (HTTP 401): {reason}"),
    "endpoint_rejected": ("endpoint {url} weigerde de query: {reason}",
                          "endpoint {url} rejected the query: {reason}"),
    "syntax_error_plain": ("SPARQL-syntaxfout: {reason}", "SPARQL syntax error: {reason}"),
    "extra_missing": ("{what} heeft de extra '{extra}' nodig ({module} ontbreekt): "
                      "pip install -e '.[{extra}]'",
                      "{what} needs the '{extra}' extra ({module} is missing): "
                      "pip install -e '.[{extra}]'"),
    "what_plot": ("tekenen (--plot)", "plotting (--plot)"),
    "what_serve": ("serveren", "serving"),
    "what_pandas": ("to_dataframe()", "to_dataframe()"),
    "plot_written": ("grafiek geschreven naar {path}", "plot written to {path}"),
    "serving": ("vngkb: serveert http://{host}:{port}/ (SPARQL op /sparql); Ctrl-C stopt",
                "vngkb: serving http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops"),
    "serve_processes_unsupported": (
        "--processes: meer dan één HTTP-proces kan hier niet (geen fork); gebruik 1",
        "--processes: more than one HTTP process is not possible here (no fork); use 1"),
    "audit_failed": ("{n} gedrukt(e) cijfer(s) niet gereproduceerd:",
                     "{n} printed figure(s) do not reproduce:"),
    "audit_line": ("- {check}: verwacht {expected}, gedrukt {printed} (verschil {difference}"
                   " {unit}); {where}",
                   "- {check}: expected {expected}, printed {printed} (difference "
                   "{difference} {unit}); {where}"),
    "audit_where_cell": ("{table}, {series}, rij '{row}', kolom {year} ({lines})",
                         "{table}, {series}, row '{row}', column {year} ({lines})"),
    "audit_where_text": ("tekst, {lines}: '{quote}'", "text, {lines}: '{quote}'"),
    "audit_line_one": ("regel {line}", "line {line}"),
    "audit_lines": ("regels {first}-{last}", "lines {first}-{last}"),
    "audit_column": ("kolom {year}", "column {year}"),
    "audit_columns": ("kolommen {first}-{last}", "columns {first}-{last}"),
    "audit_versus": ("{first} tegenover {second}", "{first} vs {second}"),
    "audit_restated": ("{quantity} {year} in de tekst = {where}",
                       "{quantity} {year} in the text = {where}"),
    "audit_computed": ("{quantity} (berekend)", "{quantity} (computed)"),
    "audit_assumed_plafond": ("aangenomen verband: de brief zegt alleen dat het plafond van "
                              "2019 groeide met het accres van 6% (regel 181)",
                              "assumed relation: the letter only says the 2019 ceiling grew "
                              "by the 6% accres (line 181)"),
    # Web pages (vngkb serve): the site's frame, error pages and question pages.
    "web_measures": ("Maatregelen", "Measures"),
    "web_ministries": ("Ministeries", "Ministries"),
    "web_instruments": ("Instrumenten", "Instruments"),
    "web_questions": ("Vragen", "Questions"),
    "web_vocabulary": ("Vocabulaire", "Vocabulary"),
    "web_footer": ("de VNG-ledenbrief bij de Miljoenennota 2020 als linked data",
                   "the VNG member letter on the Miljoenennota 2020 as linked data"),
    "web_endpoint": ("SPARQL-endpoint", "SPARQL endpoint"),
    "web_home": ("Naar de startpagina", "To the home page"),
    "web_all_measures": ("alle maatregelen", "all measures"),
    "web_not_found": ("Niet gevonden", "Not found"),
    "web_not_found_text": ("{what} staat niet in de kennisbank.",
                           "{what} is not in the knowledge base."),
    "web_this_page": ("Deze pagina", "This page"),
    "web_the_question": ("De vraag {name!r}", "The question {name!r}"),
    "web_error": ("Fout {status}", "Error {status}"),
    "web_went_wrong": ("Er ging iets mis.", "Something went wrong."),
    "web_questions_intro": ("Kant-en-klare vragen aan de kennisbank. Elke vraag heeft "
                            "getypeerde parameters; het antwoord is er als tabel, CSV en JSON.",
                            "Ready-made questions to the knowledge base. Each question has "
                            "typed parameters; the answer comes as a table, CSV and JSON."),
    "web_question": ("Vraag", "Question"),
    "web_optional": ("optioneel", "optional"),
    "web_answer_button": ("Beantwoord", "Answer"),
    "web_answer": ("Antwoord", "Answer"),
    "web_download": ("Downloaden", "Download"),
    "web_open_editor": ("open in de SPARQL-editor", "open in the SPARQL editor"),
    "web_yes": ("ja", "yes"), "web_no": ("nee", "no"),
    "web_accres_link": ("Tabel 1-3 gedrukt en herberekend, met de grafiek",
                        "Tables 1-3 as printed and recomputed, with the chart"),
    "web_property": ("Eigenschap", "Property"), "web_value": ("Waarde", "Value"),
    "web_incoming": ("Verwijzingen hierheen", "Links to here"),
    "web_from": ("Van", "From"), "web_via": ("Via", "Via"),
    "web_first_n": ("De eerste {n}; de rest via", "The first {n}; the rest through"),
    "web_chapter_n": ('Hoofdstuk {n}', 'Chapter {n}'),
    "web_ministry_cap": ('Ministerie', 'Ministry'),
    "web_measures_responsible": (
        'Maatregelen waarvoor het verantwoordelijk is',
        'Measures it is responsible for'),
    "web_measures_also": (
        'Maatregelen waarbij het ook genoemd wordt',
        'Measures that also name it'),
    "web_none": ('Geen.', 'None.'),
    "web_abbreviation_letter": ('Afkorting in de brief', 'Abbreviation in the letter'),
    "web_abbreviation": ('Afkorting', 'Abbreviation'),
    "web_ministries_intro": (
        'Geïdentificeerd met hun TOOI-IRI (identifier.overheid.nl).',
        'Identified by their TOOI IRI (identifier.overheid.nl).'),
    "web_instruments_intro": (
        'Juridische en financiële instrumenten (SKOS-schema), met de maatregelen die ze noemen en'
        ' de bedragen die ze dragen.',
        'Legal and financial instruments (a SKOS scheme), with the measures that name them and '
        'the amounts they carry.'),
    "web_notation": ('Notatie', 'Notation'),
    "web_scheme": ('Schema', 'Scheme'),
    "web_definition": ('Definitie', 'Definition'),
    "web_in_english": ('Engels', 'English'),
    "web_measures_with_instrument": (
        'Maatregelen met dit instrument',
        'Measures with this instrument'),
    "web_amounts_of_instrument": (
        'Bedragen die dit instrument draagt',
        'Amounts this instrument carries'),
    "web_law_kind": ('Wet', 'Law'),
    "web_law_or_bill": ('Wet of wetsvoorstel', 'Law or bill'),
    "web_text": ('Tekst', 'Text'),
    "web_term": ('Term', 'Term'),
    "web_label": ('Label', 'Label'),
    "web_meaning": ('Betekenis', 'Meaning'),
    "web_domain_range": ('Domein → bereik', 'Domain → range'),
    "web_namespace": ('Namespace', 'Namespace'),
    "web_version": ('versie', 'version'),
    "web_classes": ('Klassen', 'Classes'),
    "web_object_properties": ('Objecteigenschappen', 'Object properties'),
    "web_datatype_properties": ('Gegevenseigenschappen', 'Datatype properties'),
    "web_other_terms": (
        'Overig (SHACL-vormen en andere termen)',
        'Other (SHACL shapes and other terms)'),
    "web_other": ('Overig', 'Other'),
    "web_subclass_of": ('Subklasse van', 'Subclass of'),
    "web_subproperty_of": ('Subeigenschap van', 'Subproperty of'),
    "web_domain": ('Domein', 'Domain'),
    "web_range": ('Bereik', 'Range'),
    "web_all_statements": ('Alle uitspraken', 'All statements'),
    "dcat_issued_after_modified": (
        "--issued {issued} ligt na --modified {modified}",
        "--issued {issued} is after --modified {modified}"),
    "web_how_answered": ("Hoe deze vraag wordt beantwoord (SPARQL)",
                         "How this question is answered (SPARQL)"),
    "web_rows": ("{n} rijen", "{n} rows"), "web_row": ("{n} rij", "{n} row"),
    # vngkb ask NAME --help
    "help_parameters": ("Parameters (-p NAAM=WAARDE):", "Parameters (-p NAME=VALUE):"),
    "help_optional": ("optioneel", "optional"), "help_required": ("verplicht", "required"),
    "help_default": ("standaard {value}", "default {value}"),
    "help_in_all": ("({n} in totaal)", "({n} in all)"),
    "help_allowed": ("toegestaan: {values}", "allowed: {values}"),
    "help_also": ("ook: {values}", "also: {values}"),
    "help_no_parameters": ("Geen parameters.", "No parameters."),
    "help_tags": ("Labels: {tags}", "Tags: {tags}"),
    "help_example": ("Voorbeeld:", "Example:"),
    "help_iri_of": ("IRI van een {cls}", "IRI of a {cls}"),
    "help_iri_from": ("IRI uit het schema {scheme}", "IRI from the scheme {scheme}"),
    "help_string": ("tekst{lang}, hooguit {most} tekens",
                    "string{lang}, at most {most} characters"),
    "help_type_year": ("jaartal (xsd:gYear)", "year (xsd:gYear)"),
    "help_type_integer": ("geheel getal (xsd:integer)", "integer (xsd:integer)"),
    "help_type_decimal": ("getal (xsd:decimal)", "decimal (xsd:decimal)"),
    "help_type_iri": ("IRI", "IRI"),
    # vngkb export
    "export_wrote": ("{path} geschreven ({media_type}, {size} bytes)",
                     "wrote {path} ({media_type}, {size} bytes)"),
    "export_done": ("{triples} triples in {graphs} benoemde grafen, basis {base}",
                    "{triples} triples in {graphs} named graphs, base {base}"),
    "export_placeholder": ("vngkb: waarschuwing: dcat.ttl heeft een plaatshouder "
                           "{placeholder}; geef --contact-email of --contact-url",
                           "vngkb: warning: dcat.ttl has a placeholder {placeholder}; "
                           "give --contact-email or --contact-url"),
    "export_recommended": ("vngkb: waarschuwing: dcat.ttl heeft geen {what}, die DCAT-AP-NL "
                           "aanbeveelt; geef {option}",
                           "vngkb: warning: dcat.ttl has no {what}, which DCAT-AP-NL "
                           "recommends; give {option}"),
    "usage": ("Gebruik:", "Usage:"),
    "options": ("Opties", "Options"),
    "commands": ("Commando's", "Commands"),
    "arguments": ("Argumenten", "Arguments"),
    "help_option": ("Toon deze hulp en stop.", "Show this message and exit."),
    "version_option": ("Toon de versie en stop.", "Show the version and exit."),
    "dataframe_needs_pandas": ("to_dataframe() heeft pandas nodig: pip install -e '.[pandas]'",
                               "to_dataframe() needs pandas: pip install -e '.[pandas]'"),
    # vngkb.sandbox.guard: what a query may be (the endpoint answers machines in English)
    "guard_length": ("de query is langer dan de grens van {limit} tekens",
                     "the query is longer than the limit of {limit} characters"),
    "guard_nesting": ("de query nest haakjes dieper dan de grens van {limit} niveaus",
                      "the query nests brackets deeper than the limit of {limit} levels"),
    "guard_unions": ("de query heeft meer UNION-takken dan de grens van {limit}",
                     "the query has more UNION branches than the limit of {limit}"),
    "guard_update": ("SPARQL-updates worden geweigerd: queries zijn alleen-lezen",
                     "SPARQL updates are refused: queries are read-only"),
    "guard_service": ("SERVICE is niet toegestaan: queries worden niet naar andere endpoints "
                      "gestuurd (gefedereerde query)",
                      "SERVICE is not allowed: queries are not sent to other endpoints "
                      "(federated query)"),
    "guard_service_scheme": ("SERVICE <{iri}> wordt geweigerd: alleen http- en "
                             "https-endpoints",
                             "SERVICE <{iri}> is refused: only http and https endpoints"),
    "guard_service_iri": ("SERVICE heeft zijn endpoint nodig als volledige <http(s)://...>-IRI "
                          "(geen variabele of prefixnaam)",
                          "SERVICE needs its endpoint as a full <http(s)://...> IRI (not a "
                          "variable or prefixed name)"),
    "guard_syntax": ("SPARQL-syntaxfout: {detail}", "SPARQL syntax error: {detail}"),
    "guard_empty": ("de query is leeg", "the query is empty"),
    "guard_code_point": ("ongeldige escape van een codepunt {escape}",
                         "invalid code point escape {escape}"),
    "guard_not_a_query": ("geen query ({name})", "not a query ({name})"),
    "guard_token": ("{what} is geen SPARQL (geen sleutelwoord, naam, term of teken)",
                    "{what} is not SPARQL (no keyword, name, term or sign)"),
    "guard_unpaired": ("{what} hoort bij geen ander haakje",
                       "{what} has no matching bracket"),
    "guard_separator": ("';' buiten alle haakjes scheidt update-opdrachten; een query is er "
                        "een", "';' outside every bracket separates update operations; a query "
                        "is one"),
    # vngkb.sandbox.isolated: vngkb query in a child process
    "isolated_timeout": ("de query liep langer dan de tijdgrens van {limit:g} s (--timeout); "
                         "maak hem selectiever of voeg een LIMIT toe",
                         "the query ran longer than the time limit of {limit:g} s (--timeout); "
                         "make it more selective or add a LIMIT"),
    "isolated_crash": ("de query stopte zijn proces ({how}); hij had waarschijnlijk meer nodig "
                       "dan de geheugengrens van {limit} MiB (--max-memory){detail}",
                       "the query stopped its process ({how}); it probably needed more than "
                       "the memory limit of {limit} MiB (--max-memory){detail}"),
    "isolated_out_of_memory": ("geheugen op", "out of memory"),
    "isolated_signal": ("signaal {name}", "signal {name}"),
    "isolated_exit_code": ("afsluitcode {code}", "exit code {code}"),
    "isolated_bad_timeout": ("--timeout {value}: geef een aantal seconden groter dan 0",
                             "--timeout {value}: give a number of seconds more than 0"),
    "isolated_bad_memory": ("--max-memory {value}: geef een aantal MiB groter dan 0",
                            "--max-memory {value}: give a number of MiB more than 0"),
    "query_failed": ("query mislukt: {reason}", "query failed: {reason}"),
    # vngkb.rdf.turtle: reading and parsing a Turtle file
    "ttl_syntax": ("{where}: Turtle-syntaxfout: {what}", "{where}: Turtle syntax error: {what}"),
    "ttl_give_turtle": ("geef een Turtle-bestand", "give a Turtle file"),
    "ttl_too_many": ("{path}: {count} triples; hooguit {most} in één bestand",
                     "{path}: {count} triples; at most {most} are accepted in one file"),
    "ttl_term_too_long": ("{where}: een term van {length} tekens ({start}); hooguit {iri} voor "
                          "een IRI en {literal} voor een literal",
                          "{where}: a term of {length} characters ({start}); at most {iri} "
                          "for an IRI and {literal} for a literal"),
    # vngkb export
    "export_cannot_write_in": ("kan niet schrijven in {path}: {reason}",
                               "cannot write in {path}: {reason}"),
    "export_cannot_write": ("kan {path} niet schrijven: {reason}",
                            "cannot write {path}: {reason}"),
    "export_not_a_folder": ("{path} bestaat en is geen map", "{path} exists and is not a folder"),
    "export_cannot_create": ("kan {path} niet aanmaken: {reason}",
                             "cannot create {path}: {reason}"),
    "export_not_a_folder_name": ("geen mapnaam", "not a folder name"),
    "export_interrupted": ("export onderbroken door signaal {signal}; er is niets geschreven",
                           "export interrupted by signal {signal}; nothing was written"),
    "export_unknown_format": ("onbekend exportformaat {name!r}; formaten: {formats}",
                              "unknown export format {name!r}; formats: {formats}"),
    "base_not_iri": ("basis {base} is geen absolute http(s)-IRI zonder query of fragment "
                     "(bijvoorbeeld https://data.example.org/vngkb)",
                     "base {base} is not an absolute http(s) IRI without query or fragment "
                     "(for example https://data.example.org/vngkb)"),
    "dcat_not_email": ("contact-e-mail {value} is geen e-mailadres",
                       "contact e-mail {value} is not an e-mail address"),
    "dcat_not_iri": ("{label} {value} is geen absolute http(s)-IRI",
                     "{label} {value} is not an absolute http(s) IRI"),
    "dcat_no_publisher": ("de naam van de uitgever is leeg", "the publisher name is empty"),
    "dcat_publisher_iri": ("uitgever-IRI", "publisher IRI"),
    "dcat_contact_url": ("contact-URL", "contact URL"), "dcat_licence": ("licentie", "licence"),
    "dcat_download_url": ("download-URL", "download URL"),
    "dcat_endpoint_url": ("endpoint-URL", "endpoint URL"),
    "dcat_landing_page": ("landingspagina", "landing page"),
    "dcat_documentation_url": ("documentatie-URL", "documentation URL"),
    # vngkb publish
    "publish_not_http": ("{what} {url} is geen http(s)-URL", "{what} {url} is not an http(s) URL"),
    "publish_graph_store": ("Graph Store-endpoint", "Graph Store endpoint"),
    "publish_query_endpoint": ("query-endpoint", "query endpoint"),
    "publish_prune_needs_query": ("oude grafen opruimen vraagt een query-endpoint om ze op te "
                                  "sommen",
                                  "pruning stale graphs needs a query endpoint to list them"),
    "publish_graph_not_iri": ("graaf {graph} is geen absolute IRI",
                              "graph {graph} is not an absolute IRI"),
    "publish_failed_at": ("publiceren naar {endpoint} mislukte bij graaf {graph} ({failure}); "
                          "{done} van {total} grafen waren daarvoor vervangen{rest}",
                          "publish to {endpoint} failed at graph {graph} ({failure}); {done} "
                          "of {total} graphs were replaced before it{rest}"),
    "publish_others_unchanged": (", de andere zijn zoals ze waren",
                                 ", the others are as they were"),
    "publish_cannot_delete": ("kan oude graaf {graph} niet verwijderen uit {endpoint}: "
                              "{failure}",
                              "cannot delete stale graph {graph} from {endpoint}: {failure}"),
    "publish_count_differs": ("na het publiceren heeft {endpoint} {held} triples in graaf "
                              "{graph}, niet de {sent} die gestuurd zijn",
                              "after publishing, {endpoint} holds {held} triples in graph "
                              "{graph}, not the {sent} sent"),
    "publish_default_hidden": ("gepubliceerd, maar de standaardgraaf van {endpoint} toont de "
                               "data niet (geen {triple} buiten GRAPH), dus queries zonder "
                               "GRAPH vinden niets; maak de standaardgraaf de vereniging van "
                               "de benoemde grafen. {fix}",
                               "published, but the default graph of {endpoint} does not show "
                               "the data (no {triple} outside GRAPH), so queries without "
                               "GRAPH find nothing; make the default graph the union of the "
                               "named graphs. {fix}"),
    "publish_default_fix": ("Oxigraph: start hem met 'oxigraph serve --union-default-graph'; "
                            "Fuseki: zet 'tdb2:unionDefaultGraph true' op de dataset; of "
                            "publiceer in de standaardgraaf van een store zonder zo'n optie",
                            "Oxigraph: start it with 'oxigraph serve --union-default-graph'; "
                            "Fuseki: set 'tdb2:unionDefaultGraph true' on the dataset; or "
                            "publish into the default graph of a store that has no such "
                            "option"),
    # vngkb accres --plot, file name options
    "plot_format": ("{path}: de grafiek wordt geschreven als .svg of .png, niet {suffix}",
                    "{path}: the plot is written as .svg or .png, not {suffix}"),
    "nul_in_file_name": ("een bestandsnaam kan geen NUL-teken bevatten",
                         "a file name cannot contain a NUL character"),
    "empty_file_name": ("een lege naam is geen bestand of map",
                        "an empty name is no file or folder"),
    "option_empty": ("{option} is leeg; geef een waarde of laat de optie weg",
                     "{option} is empty; give a value or leave the option out"),
    # vngkb.rdf.files: a query read from a file or standard input
    "read_failed": ("kan {what} niet lezen: {reason}", "cannot read {what}: {reason}"),
    "larger_than": ("{what} is groter dan {limit} bytes, het meeste dat wordt aangenomen",
                    "{what} is larger than {limit} bytes, the most accepted"),
    "not_utf8": ("{what} is geen UTF-8-tekst (byte 0x{byte:02x} op positie {position})",
                 "{what} is not UTF-8 text (byte 0x{byte:02x} at position {position})"),
    "what_the_query": ("de query", "the query"),
    # vngkb.rdf.files: every file a command reads
    "file_cannot_read": ("{path}: kan niet lezen: {reason}", "{path}: cannot read: {reason}"),
    "file_not_a_file_name": ("geen bestandsnaam", "not a file name"),
    "file_too_big": ("{path}: groter dan {limit} bytes ({mb} MB), het meeste dat wordt "
                     "aangenomen", "{path}: larger than {limit} bytes ({mb} MB), the most "
                     "accepted"),
    "file_not_regular": ("{path}: geen gewoon bestand ({kind})",
                         "{path}: not a regular file ({kind})"),
    "file_kind_folder": ("een map", "a folder"), "file_kind_pipe": ("een pipe", "a pipe"),
    "file_kind_socket": ("een socket", "a socket"),
    "file_kind_device": ("een apparaat", "a device"),
    # vngkb (cli.py): usage errors, Ctrl-C, endpoint URLs
    "see_help": ("{command}: {message} (zie 'vngkb {command} --help')",
                 "{command}: {message} (see 'vngkb {command} --help')"),
    "interrupted": ("onderbroken", "interrupted"),
    "not_http_url": ("{option} {value}: verwacht een http://- of https://-URL met een host",
                     "{option} {value}: expected an http:// or https:// URL with a host"),
    # vngkb.core.errors.shorten: echoed input cut to 80 characters
    "characters": ("({n} tekens)", "({n} characters)"),
    "number_too_large": ("(een getal te groot om af te drukken)",
                         "(a number too large to print)"),
    # vngkb accres --set and the finance library (vngkb/finance)
    "fin_unknown": ("onbekende financiële invoer {text}: geen grootheid {quantity}{hint}",
                    "unknown finance input {text}: no quantity {quantity}{hint}"),
    "fin_year_ascii": ("financiële invoer {text}: het jaar moet vier ASCII-cijfers zijn, "
                       "bv. 2020",
                       "finance input {text}: the year must be four ASCII digits, e.g. 2020"),
    "fin_form": ("onbekende financiële invoer {text}: verwacht grootheid[.reeks][.jaar]",
                 "unknown finance input {text}: expected quantity[.series][.year]"),
    "fin_series": ("financiële invoer {text}: onbekende reeks {series} (reeksen van "
                   "{quantity}: {allowed})",
                   "finance input {text}: unknown series {series} (series of {quantity}: "
                   "{allowed})"),
    "fin_none": ("geen", "none"),
    "fin_needs_year": ("financiële invoer {text} heeft een jaar nodig, bv. {example!r}",
                       "finance input {text} needs a year, e.g. {example!r}"),
    "fin_year_outside": ("financiële invoer {text}: jaar {year} ligt buiten de tabellen "
                         "({first}-{last})",
                         "finance input {text}: year {year} is outside the tables "
                         "({first}-{last})"),
    "fin_no_year": ("financiële invoer {text}: {quantity} heeft geen jaar",
                    "finance input {text}: {quantity} has no year"),
    "fin_float": ("financiële invoer {label}: {raw} is een {kind}; geef een Decimal, een int "
                  "of een tekst zoals '2.15'",
                  "finance input {label}: {raw} is a {kind}; give a Decimal, an int or a "
                  "string such as '2.15'"),
    "fin_too_large": ("financiële invoer {label}: {raw} is te groot",
                      "finance input {label}: {raw} is too large"),
    "fin_empty": ("financiële invoer {label}: de waarde is leeg",
                  "finance input {label}: the value is empty"),
    "fin_not_plain": ("financiële invoer {label}: {raw} is geen gewoon decimaal getal (bv. "
                      "2.15 of -1,5; hooguit 6 decimalen, geen exponent)",
                      "finance input {label}: {raw} is not a plain decimal number (e.g. "
                      "2.15 or -1,5; at most 6 decimals, no exponent)"),
    "fin_not_number": ("financiële invoer {label}: {raw} is geen getal",
                       "finance input {label}: {raw} is not a number"),
    "fin_not_finite": ("financiële invoer {label}: {raw} is geen eindig getal",
                       "finance input {label}: {raw} is not a finite number"),
    "fin_outside": ("financiële invoer {label}: {value} ligt buiten {range} ({unit})",
                    "finance input {label}: {value} is outside {range} ({unit})"),
    "fin_divides": ("{message}; het model deelt erdoor", "{message}; the model divides by it"),
    "fin_range": ("{low} tot {high}", "{low} to {high}"),
    "fin_not_zero": (", niet 0", ", not 0"),
    "fin_unit_euro": ("euro", "euro"), "fin_unit_percent": ("procent", "percent"),
    "fin_names_are_strings": ("financiële invoer {text}: namen zijn teksten",
                              "finance input {text}: names are strings"),
    "fin_no_table_1": ("kb/accres.ttl heeft geen cijfers van Tabel 1",
                       "kb/accres.ttl has no Tabel 1 figures"),
    "fin_no_published": ("kb/accres.ttl heeft geen gedrukt cijfer voor invoer {figure!r}",
                         "kb/accres.ttl has no published figure for input {figure!r}"),
    "fin_no_table_3": ("kb/accres.ttl mist in Tabel 3 'Aandeel gemeenten' of 'Vrijval aan GF "
                       "en PF' voor {year}",
                       "kb/accres.ttl lacks Tabel 3 'Aandeel gemeenten' or 'Vrijval aan GF "
                       "en PF' for {year}"),
    "fin_unknown_figure": ("onbekend financieel cijfer {figure!r}",
                           "unknown finance figure {figure!r}"),
    # Usage errors: where the command's help is.
    # Web pages: a measure, the home page, /zoeken, /vraag, /sparql.
    "web_measure_kind": ("Kabinetsmaatregel", "Cabinet measure"),
    "web_chapter": ("Hoofdstuk", "Chapter"), "web_chapter_short": ("Hfdst.", "Ch."),
    "web_chapters": ("Hoofdstukken", "Chapters"), "web_number": ("Nr.", "No."),
    "web_measure": ("Maatregel", "Measure"), "web_ministry": ("Ministerie", "Ministry"),
    "web_responsible_ministry": ("Verantwoordelijk ministerie", "Responsible ministry"),
    "web_also_named": ("Ook genoemd", "Also named"),
    "web_stance": ("Standpunt VNG", "VNG stance"),
    "web_demands": ("Eisen van de VNG", "VNG demands"), "web_laws": ("Wetten", "Laws"),
    "web_effect_types": ("Effect voor gemeenten", "Effect for municipalities"),
    "web_themes": ("Thema's", "Themes"), "web_years": ("Jaren", "Years"),
    "web_source": ("Bron", "Source"),
    "web_intention": ("Wat wil het kabinet?", "What does the cabinet intend?"),
    "web_effect": ("Wat betekent dit voor gemeenten?",
                   "What does this mean for municipalities?"),
    "web_stance_heading": ("Standpunt van de VNG: {stance}", "The VNG's stance: {stance}"),
    "web_not_recorded": ("niet vastgelegd", "not recorded"),
    "web_letter_lines": ("De brief, {lines}", "The letter, {lines}"),
    "web_lines": ("regels {first}–{last}", "lines {first}–{last}"),
    "web_line": ("regel {line}", "line {line}"),
    "web_amounts": ("Bedragen", "Amounts"), "web_amount": ("Bedrag", "Amount"),
    "web_no_amounts": ("De paragraaf noemt geen bedragen.", "The section names no amounts."),
    "web_disagreements": ("Tegenstrijdigheden", "Contradictions"),
    "web_mentioned_in": ("Genoemd in", "Mentioned in"), "web_notes": ("Toelichting", "Notes"),
    "web_owner": ("Bij", "With"), "web_per": ("Per", "Per"),
    "web_structural": ("Structureel", "Structural"),
    "web_instrument": ("Instrument", "Instrument"), "web_recipient": ("Ontvanger", "Recipient"),
    "web_qualification": ("Kwalificatie", "Qualification"), "web_quote": ("Citaat", "Quote"),
    "web_up_to": ("t/m {year}", "up to {year}"),
    "web_search_letter": ("Zoek in de brief", "Search the letter"),
    "web_search_button": ("Zoek", "Search"),
    "web_home_title": ("Kennisbank ledenbrief Miljoenennota 2020",
                       "Knowledge base of the member letter on the Miljoenennota 2020"),
    "web_home_heading": ("De VNG-ledenbrief bij de Miljoenennota 2020",
                         "The VNG member letter on the Miljoenennota 2020"),
    "web_home_lead": ("Elke kabinetsmaatregel, elk bedrag en elk VNG-standpunt uit de "
                      "ledenbrief als linked data, met bij elk feit de regels van de brief "
                      "waar het staat.",
                      "Every cabinet measure, every amount and every VNG stance in the member "
                      "letter as linked data, each fact with the lines of the letter where it "
                      "stands."),
    "web_home_counts": ("{measures} maatregelen, {amounts} bedragen, {chapters} hoofdstukken, "
                        "{statements} uitspraken (triples).",
                        "{measures} measures, {amounts} amounts, {chapters} chapters, "
                        "{statements} statements (triples)."),
    "web_ask_plain": ("Stel een vraag in gewone woorden",
                      "Ask a question in plain (Dutch) words"),
    "web_ask_button": ("Vraag", "Ask"),
    "web_all_measures_cap": ("Alle maatregelen", "All measures"),
    "web_the_accres": ("Het accres", "The accres"),
    "web_accres_entry": ("Tabel 1-3 gedrukt en herberekend, met de grafiek",
                         "Tables 1-3 as printed and recomputed, with the chart"),
    "web_questions_entry": ("kant-en-klare vragen met een formulier, als tabel, CSV of JSON",
                            "ready-made questions with a form, as a table, CSV or JSON"),
    "web_sparql_editor": ("SPARQL-editor", "SPARQL editor"),
    "web_at_endpoint": ("op het endpoint", "on the endpoint"),
    "web_vocabulary_entry": ("de begrippen van de kennisbank",
                             "the concepts of the knowledge base"),
    "web_instrument_counts": ("{measures} maatregelen, {amounts} bedragen",
                              "{measures} measures, {amounts} amounts"),
    "web_search_title": ("Zoeken", "Search"),
    "web_search_heading": ("Zoeken in de brief", "Search the letter"),
    "web_search_terms": ("Zoektermen", "Search terms"),
    "web_all_terms": ("alle termen", "all terms"), "web_any_term": ("een van de termen",
                                                                   "any of the terms"),
    "web_hit": ("{n} treffer voor", "{n} hit for"), "web_hits": ("{n} treffers voor",
                                                                 "{n} hits for"),
    "web_about": ("over", "about"), "web_no_hits": ("Geen treffers voor", "No hits for"),
    "web_plain_question": ("Vraag in gewone woorden", "Question in plain words"),
    "web_your_question": ("Uw vraag", "Your question"),
    "web_answered_with": ("Beantwoord met de vraag", "Answered with the question"),
    "web_with": ("met", "with"), "web_default": ("standaard", "default"),
    "web_change_values": ("Op die pagina kunt u de waarden aanpassen.",
                          "On that page you can change the values."),
    "web_searching_for": ("Zoeken in de teksten naar", "Searching the texts for"),
    # The accres page.
    "web_accres_title": ("Accres algemene uitkering", "Accres of the general grant"),
    "web_accres_heading": ("Het accres: Tabel 1-3 gedrukt en herberekend",
                           "The accres: Tables 1-3 as printed and recomputed"),
    "web_accres_lead": ("De cijfers van Tabel 1-3 van de brief zoals gedrukt, naast de cijfers "
                        "die vngkb uit de gedrukte invoer berekent (afgerond op de gedrukte "
                        "precisie; bedragen in euro's, de tabellen drukken duizenden euro's). "
                        "Een cijfer dat niet reproduceert is gemarkeerd, met de reden.",
                        "The figures of the letter's Tables 1-3 as printed, beside the figures "
                        "vngkb computes from the printed inputs (rounded to the printed "
                        "precision; amounts in euros, the tables print thousands of euros). A "
                        "figure that does not reproduce is marked, with the reason."),
    "web_accres_terminal": ("Hetzelfde in de terminal:", "The same in the terminal:"),
    "web_and": ("en", "and"),
    "web_accres_chart": ("Nominaal, reëel en volume-accres", "Nominal, real and volume accres"),
    "web_accres_figures": ("{n} cijfers", "{n} figures"),
    "web_accres_not_reproduced": ("{n} niet gereproduceerd", "{n} not reproduced"),
    "web_accres_all_reproduced": ("alle gedrukte cijfers gereproduceerd",
                                  "every printed figure reproduced"),
    "web_series": ("Reeks", "Series"), "web_year": ("Jaar", "Year"),
    "web_quantity": ("Grootheid", "Quantity"), "web_printed": ("Gedrukt", "Printed"),
    "web_computed": ("Berekend", "Computed"), "web_difference": ("Verschil", "Difference"),
    "web_status": ("Status", "Status"), "web_reason": ("Reden", "Reason"),
    "web_audit_heading": ("Controle van de rekenkunde van de brief",
                          "Check of the letter's arithmetic"),
    "web_audit_lead": ("Elk gedrukt cijfer dat uit andere gedrukte cijfers volgt, herberekend "
                       "uit die gedrukte cijfers ({ok} van {n} gereproduceerd; \"aangenomen\": "
                       "een verband dat de brief zelf niet noemt).",
                       "Every printed figure that follows from other printed figures, "
                       "recomputed from those printed figures ({ok} of {n} reproduced; "
                       "\"assumed\": a relation the letter does not state itself)."),
    "web_figure": ("Cijfer", "Figure"), "web_relation": ("Verband", "Relation"),
    "web_recomputed": ("Herberekend", "Recomputed"),
    "web_reproduced": ("gereproduceerd", "reproduced"),
    "web_not_reproduced": ("niet gereproduceerd", "not reproduced"),
    "web_not_reproduced_assumed": ("niet gereproduceerd (aangenomen verband)",
                                   "not reproduced (assumed relation)"),
}


def t(key: str, **values: Any) -> str:
    """The message *key* in the current language, with *values* filled in."""
    return _pick(MESSAGES[key]).format(**values)


def _echo_words(key: str, n: int) -> str:
    return t(key, n=n)


# shorten() (vngkb.core.errors) writes the length of cut input in the current language.
_errors.echo_words = _echo_words


def t_in(lang: str | None, key: str, **values: Any) -> str:
    """The message *key* in *lang* (None: the current language).

    >>> t_in("en", "guard_empty")
    'the query is empty'
    """
    return _pick(MESSAGES[key], lang).format(**values)


def did_you_mean(word: str, candidates: list[str] | tuple[str, ...]) -> str | None:
    """"bedoelde u X?" for the closest *candidates* to *word* (difflib), or None.

    >>> set_lang("nl")
    >>> did_you_mean("maatregelen-per-thma", ["maatregelen-per-thema", "wetten"])
    "bedoelde u 'maatregelen-per-thema'?"
    >>> did_you_mean("xyz", ["wetten"]) is None
    True
    >>> set_lang(None)
    """
    import difflib

    folded = {c.casefold(): c for c in candidates}
    key = word.casefold()[:200]
    close = ([key] if key in folded
             else difflib.get_close_matches(key, list(folded), n=3, cutoff=0.6))
    if not close:
        return None
    names = f" {t('or')} ".join(repr(folded[c]) for c in close)
    return t("did_you_mean", names=names)


#: The statistics of ``vngkb stats`` (Dutch names, as the library gives them) in English.
STATISTICS_EN: dict[str, str] = {
    "maatregelen per hoofdstuk": "measures per chapter",
    "bedragen per hoofdstuk": "amounts per chapter",
    "bedragen buiten de hoofdstukken": "amounts outside the chapters",
    "maatregelen zonder bedrag": "measures without an amount",
    "standpunten": "stances", "effecttypen": "effect types",
    "instrumenten (maatregelen)": "instruments (measures)",
    "instrumenten (bedragen)": "instruments (amounts)",
    "wetten": "laws", "tegenstrijdigheden": "contradictions",
}


def statistic_label(statistic: str) -> str:
    """A statistic's name in the current language (``ontbreekt: def:x`` → ``missing: def:x``).

    >>> set_lang("en")
    >>> statistic_label("ontbreekt: def:jaar"), statistic_label("wetten")
    ('missing: def:jaar', 'laws')
    >>> set_lang(None)
    """
    if current_lang() == "nl":
        return statistic
    if statistic.startswith("ontbreekt: "):
        return "missing: " + statistic.removeprefix("ontbreekt: ")
    return STATISTICS_EN.get(statistic, statistic)


#: Column headings: column or SPARQL variable name → (Dutch, English). Names used by
#: the commands' own tables (accres, audit, measures, stats, questions) and by the
#: canned questions' answers.
COLUMNS: dict[str, tuple[str, str]] = {
    # vngkb questions / stats
    "name": ("naam", "name"), "summary": ("samenvatting", "summary"),
    "parameters": ("parameters", "parameters"), "statistic": ("statistiek", "statistic"),
    "key": ("sleutel", "key"), "count": ("aantal", "count"),
    # vngkb accres
    "circulaire": ("circulaire", "circular"), "year": ("jaar", "year"),
    "quantity": ("grootheid", "quantity"), "published": ("gedrukt", "printed"),
    "computed": ("berekend", "computed"), "difference": ("verschil", "difference"),
    "mark": ("let op", "note"),
    # vngkb audit
    "check": ("controle", "check"), "what": ("wat", "what"), "where": ("waar", "where"),
    "expected": ("verwacht", "expected"), "printed": ("gedrukt", "printed"),
    "unit": ("eenheid", "unit"), "note": ("opmerking", "note"),
    # vngkb measures
    "id": ("id", "id"), "title": ("titel", "title"), "chapter": ("hoofdstuk", "chapter"),
    "ministry": ("ministerie", "ministry"), "stance": ("standpunt", "stance"),
    "amount_no": ("bedrag nr.", "amount no."), "value_eur": ("waarde (€)", "value (€)"),
    "per": ("per", "per"), "first_year": ("eerste jaar", "first year"),
    "last_year": ("laatste jaar", "last year"), "structural": ("structureel", "structural"),
    "instrument": ("instrument", "instrument"), "recipient": ("ontvanger", "recipient"),
    "quote": ("citaat", "quote"), "first_line": ("eerste regel", "first line"),
    "last_line": ("laatste regel", "last line"),
    # canned questions (SPARQL variables)
    "aandeelGemeenten": ("aandeel gemeenten", "municipalities' share"),
    "aantal": ("aantal", "count"), "afwachtend": ("afwachtend", "wait-and-see"),
    "bedrag": ("bedrag", "amount"), "bedragen": ("bedragen", "amounts"),
    "bedragNr": ("bedrag nr.", "amount no."),
    "berekend": ("berekend", "computed"), "bezorgd": ("bezorgd", "concerned"),
    "bijstellingTekst": ("bijstelling (tekst)", "adjustment (text)"),
    "bron": ("bron", "source"), "bwb": ("BWB-id", "BWB id"),
    "citaat": ("citaat", "quote"), "declaraties": ("declaraties", "claims"),
    "eenheid": ("eenheid", "unit"), "eersteJaar": ("eerste jaar", "first year"),
    "eersteRegel": ("eerste regel", "first line"), "eind": ("eind", "end"),
    "eis": ("eis", "demand"), "fragment": ("fragment", "fragment"),
    "gemengd": ("gemengd", "mixed"), "gepubliceerd": ("gedrukt", "printed"),
    "gevolg": ("gevolg", "effect"), "grootheid": ("grootheid", "quantity"),
    "hoofdstuk": ("hoofdstuk", "chapter"), "incidenteel": ("incidenteel", "one-off"),
    "invoernaam": ("invoernaam", "input name"), "iri": ("IRI", "IRI"),
    "jaar": ("jaar", "year"), "kritisch": ("kritisch", "critical"),
    "kwalificatie": ("kwalificatie", "qualification"),
    "laatsteJaar": ("laatste jaar", "last year"),
    "laatsteRegel": ("laatste regel", "last line"), "link": ("link", "link"),
    "maatregel": ("maatregel", "measure"), "maatregelTitel": ("maatregel", "measure"),
    "maatregelen": ("maatregelen", "measures"), "ministerie": ("ministerie", "ministry"),
    "naam": ("naam", "name"), "neutraal": ("neutraal", "neutral"),
    "nominaalMei": ("nominaal mei", "nominal May"),
    "nominaalSeptember": ("nominaal september", "nominal September"),
    "ontvanger": ("ontvanger", "recipient"),
    "opschalingskorting": ("opschalingskorting", "scaling cut"),
    "passage": ("passage", "passage"), "plafond": ("plafond", "ceiling"),
    "positief": ("positief", "positive"), "procentMei": ("% mei", "% May"),
    "procentSeptember": ("% september", "% September"),
    "reeelAccres": ("reëel accres", "real accres"), "regel": ("regel", "line"),
    "regelLoon": ("regel loon", "line wages"), "regelMaterieel": ("regel materieel",
                                                                  "line material"),
    "regelInflatie": ("regel inflatie", "line inflation"), "deelVan": ("deel van", "part of"),
    "soort": ("soort", "kind"), "standpunt": ("standpunt", "stance"),
    "start": ("start", "start"), "status": ("status", "status"),
    "structureel": ("structureel", "structural"),
    "tegenstrijdigheid": ("tegenstrijdigheid", "contradiction"),
    "tekst": ("tekst", "text"), "term": ("term", "term"), "titel": ("titel", "title"),
    "totaal": ("totaal", "total"), "verantwoordelijk": ("verantwoordelijk", "responsible"),
    "verschil": ("verschil", "difference"), "verschilProcent": ("verschil %", "difference %"),
    "volgorde": ("volgorde", "order"),
    "volumeAccresProcent": ("volume-accres %", "volume accres %"),
    "voor": ("voor", "for"), "vrijval": ("vrijval", "release"),
    "waarde": ("waarde", "value"), "waarvanKritisch": ("waarvan kritisch", "of which critical"),
    "werkelijkVolumeAccres": ("werkelijk volume-accres", "actual volume accres"),
    "wet": ("wet", "law"), "wetIri": ("wet (IRI)", "law (IRI)"),
    "wijzigingTekst": ("wijziging (tekst)", "change (text)"),
}

#: Columns whose numbers are amounts in euros (shown as € 1.000.000 on the web), unless
#: the row's ``eenheid`` says otherwise.
EURO_COLUMNS = frozenset({
    "waarde", "totaal", "structureel", "incidenteel", "nominaalMei", "nominaalSeptember",
    "bijstellingTekst", "plafond", "declaraties", "vrijval", "aandeelGemeenten", "reeelAccres",
    "opschalingskorting", "werkelijkVolumeAccres", "value_eur"})

_DUTCH_SEPARATORS = str.maketrans(",.", ".,")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def column_label(name: str, labels: Mapping[str, Mapping[str, str]] | None = None,
                 lang: str | None = None) -> str:
    """The heading of column *name*: from *labels* (a question's ``#+ columns:``
    header: name → {lang: label}), else :data:`COLUMNS`, else the name in words."""
    lang = lang or current_lang()
    declared = (labels or {}).get(name)
    if declared and lang in declared:
        return declared[lang]
    if name in COLUMNS:
        return _pick(COLUMNS[name], lang)
    return _CAMEL.sub(" ", name).replace("_", " ").lower()


def format_number(value: int | float | Decimal, lang: str | None = None) -> str:
    """A number in the notation of the language: 1.000.000,50 (nl), 1,000,000.50 (en).
    Whole amounts (1000 and up) and whole decimals written ``.0`` lose their fraction;
    other decimals keep their digits (a percentage 1,00 stays 1,00).

    >>> format_number(Decimal("7300000.0"), "nl")
    '7.300.000'
    >>> format_number(Decimal("-2.65"), "nl")
    '-2,65'
    >>> format_number(Decimal("999"), "nl"), format_number(Decimal("1000"), "nl")
    ('999', '1.000')
    >>> format_number(Decimal("1.00"), "nl"), format_number(Decimal("1000.00"), "nl")
    ('1,00', '1.000')
    """
    if (isinstance(value, Decimal) and value == value.to_integral_value()
            and (abs(value) >= 1000 or value.as_tuple().exponent == -1)):
        # 7300000.0 is how the KB writes whole euros; 1,00 (a percentage) keeps its digits
        value = value.quantize(Decimal(1))
    text = f"{value:,}" if not isinstance(value, float) else f"{value:,.6g}"
    if (lang or current_lang()) == "nl":
        text = text.translate(_DUTCH_SEPARATORS)
    return text


def format_amount(value: int | float | Decimal, lang: str | None = None) -> str:
    """An amount in euros: ``€ 1.000.000``.

    >>> format_amount(Decimal("1000000"), "nl")
    '€ 1.000.000'
    """
    return "€ " + format_number(value, lang)
