"""One language per screen: the texts people read (column headings, messages, help),
in Dutch by default and in English with ``--lang en`` or ``VNGKB_LANG=en``.

Dutch is the source language: every text is written in Dutch in the code, and that text
is the msgid of a gettext catalogue (``vngkb/i18n/locale/LANG/LC_MESSAGES/vngkb.po``,
extracted and compiled with Babel: ``make translations``). :func:`_`, :func:`ngettext`
and :func:`pgettext` give a text in the current language; the standard library's
:mod:`gettext` reads the compiled ``.mo`` files, so Babel is needed only to build them.
:func:`t` gives a message of :data:`MESSAGES` by its key. Column headings of query
answers come from :data:`COLUMNS` (the SPARQL variable ``laatsteJaar`` reads "laatste
jaar" / "last year"); a variable not listed there is split into words. Machine formats
(CSV, TSV, JSON) keep the documented column names.

>>> set_lang("nl")
>>> t("rows", n=2)
'(2 rijen)'
>>> column_label("laatsteJaar")
'laatste jaar'
>>> column_label("eenOnbekendeKolom")
'een onbekende kolom'
>>> set_lang("en")
>>> column_label("laatsteJaar"), _("Niet gevonden")
('last year', 'Not found')
>>> format_number(Decimal("1000000.50"))
'1,000,000.50'
>>> set_lang(None)
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from vngkb.core import errors as _errors
from vngkb.core.errors import InputError

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"
#: The environment variable that picks the language when no ``--lang`` is given.
LANG_VARIABLE = "VNGKB_LANG"
#: The compiled catalogues: ``LOCALE_DIR/LANG/LC_MESSAGES/DOMAIN.mo`` (package data).
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "vngkb"

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


_catalogues: dict[str, gettext.NullTranslations] = {}


def catalogue(lang: str | None = None) -> gettext.NullTranslations:
    """The compiled catalogue of *lang* (None: the current language), read once; a
    missing one gives the Dutch source texts."""
    lang = lang or current_lang()
    found = _catalogues.get(lang)
    if found is None:
        found = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
        _catalogues[lang] = found
    return found


def _(message: str) -> str:
    """*message* (Dutch, as written in the code) in the current language."""
    return catalogue().gettext(message)


def _in(lang: str | None, message: str) -> str:
    """*message* in *lang* (None: the current language), for texts whose language is
    not the screen's (the endpoint's protocol errors are English)."""
    return catalogue(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message, as *n* asks, in the current language."""
    return catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """*message* in the current language, where *context* tells apart the same Dutch
    word with different translations (a column ``regel`` is a line, a row kind a row)."""
    return catalogue().pgettext(context, message)


def N_(message: str) -> str:
    """Mark *message* for the catalogue where it is written; translated where it is
    shown (with :func:`_`)."""
    return message


def NC_(context: str, message: str) -> str:
    """:func:`N_` with a context (translated with :func:`pgettext`)."""
    return message


#: Messages and fixed texts: key → the Dutch text, the msgid of the catalogue; the
#: English is in locale/en/LC_MESSAGES/vngkb.po. :func:`t` looks a key up.
MESSAGES: dict[str, str] = {
    "rows": N_("({n} rijen)"),
    "kb_missing": N_("die map bestaat niet"),
    "letter_line": N_("Brief: {letter}"),
    "letter_unknown": N_("brief {value} staat niet in de KB; de KB kent {known}"),
    "letter_ambiguous": N_("brief {value}: meer dan één brief heeft dat begrotingsjaar "
                           "({known}); geef het id"),
    "letter_lacks": N_("brief {letter} heeft geen {what} in de KB; wel: {known}"),
    "letter_none_having": N_("geen brief in de KB heeft {what}; de KB kent {known}"),
    "letter_none": N_("de KB bevat geen brief (def:Brondocument)"),
    "letter_none_before": N_("er is geen brief vóór {letter}; de KB kent {known}"),
    "letter_accres": N_("accrestabellen die vngkb narekent"),
    "letter_choose": N_("de KB bevat meer dan één brief; kies er een met --letter: {known}"),
    "letter_no_text": N_("brief {letter} heeft geen tekst: geen {own} of {shared}"),
    "source_text_and_letter": N_("--text en --letter samen: --text is een andere tekst dan "
                                 "die van de brief; geef er één"),
    "letter_twice": N_("één brief per keer: {first} en {second} gegeven"),
    "kb_more_problems": N_(" (en {n} meer; vngkb validate toont ze)"),
    "kb_not_folder": N_("is geen map (geef de map van een kennisbank)"),
    "kb_unreadable": N_("kan de map niet lezen: {reason}"),
    "kb_empty": N_("de map is leeg; een kennisbank heeft een map per brief met Turtle-bestanden"),
    "kb_no_letter": N_("geen brief: geen map met Turtle-bestanden (een map per brief, genoemd "
                       "naar de brief)"),
    "kb_loose_files": N_("Turtle-bestanden los in de map ({names}); zet ze in de map van hun "
                         "brief of in gedeeld/"),
    "kb_bad_letter_name": N_("map {name} is geen brief-id (kleine letters, cijfers, streepjes)"),
    "record": N_("-- rij {n} --"),
    "row": N_("({n} rij)"),
    "did_you_mean": N_("bedoelde u {names}?"),
    "or": N_("of"),
    "unknown_question": N_("geen vraag met de naam {name}; {hint}"),
    "known_questions": N_("bekende vragen: {names}"),
    "unknown_command": N_("geen commando {name}; {hint}"),
    "known_commands": N_("commando's: {names}"),
    "no_parameter": N_("vraag {question} heeft geen parameter {name} ({hint})"),
    "parameters_are": N_("parameters: {names}"),
    "option_twice": N_("{option} {name} is meer dan eens gegeven; geef elke naam één keer"),
    "validate_verdict": N_("{triples} triples: {verdict} ({violations} overtreding(en), "
                           "{warnings} waarschuwing(en){hint})"),
    "validate_conforms": N_("voldoet"),
    "validate_no_letter": N_("geen KB: de {files} bestand(en) bevatten geen brief "
                             "(def:Brondocument); er valt niets te valideren"),
    "validate_fails": N_("voldoet NIET"),
    "validate_hint": N_("; --warnings toont ze"),
    "given_twice": N_("parameter {name} is meer dan eens gegeven ({first}, {second}); geef hem "
                      "één keer"),
    "not_one_of": N_("parameter {name}: {value} is niet een van: {allowed}{also}"),
    "also_accepted": N_("; ook goed: {names}"),
    "not_a_year": N_("parameter {name}: {value} is geen jaartal (vier cijfers, bv. 2020)"),
    "not_a_date": N_("parameter {name}: {value} is geen datum (JJJJ-MM-DD, bv. 2021-01-01)"),
    "endpoint_no_turtle": N_("SPARQL-endpoint {url} stuurde geen Turtle: {reason}"),
    "not_an_integer": N_("parameter {name}: {value} is geen geheel getal"),
    "not_a_number": N_("parameter {name}: {value} is geen getal"),
    "not_finite": N_("parameter {name}: {value} is geen eindig getal"),
    "too_long": N_("parameter {name}: de waarde is {length} tekens lang; hooguit {most} mag"),
    "empty_value": N_("parameter {name}: de waarde is leeg"),
    "out_of_range": N_("parameter {name}: {value} ligt niet {range}"),
    "range_between": N_("tussen {low} en {high}"),
    "range_at_least": N_("op of boven {low}"),
    "range_at_most": N_("op of onder {high}"),
    "invalid_iri": N_("parameter {name}: {value} is geen geldige IRI: {reason}"),
    "not_an_iri": N_("parameter {name}: {value} is geen http(s)-IRI"),
    "required": N_("vraag {question}: parameter {name} ({type}) is verplicht"),
    "expected_pair": N_("{option} {item}: verwacht NAAM=WAARDE{example}"),
    "pair_example": N_(", bv. {example}"),
    "empty_query": N_("de query is leeg"),
    "syntax_error": N_("SPARQL-syntaxfout op regel {line}, kolom {column}: {reason}"),
    "expected": N_("verwacht"),
    "expected_one_of": N_("verwacht een van"),
    "endpoint_unreachable": N_("kan {url} niet bereiken: {reason}"),
    # vngkb.query.http: the one HTTP client
    "http_failed": N_("{url}: {detail}"),
    "http_timeout": N_("geen volledig antwoord binnen {seconds} s"),
    "http_too_big": N_("antwoord groter dan {limit} bytes, het meeste dat wordt gelezen (meer: "
                       "zet {variable} op een aantal MiB)"),
    "http_redirect_elsewhere": N_("verwijst door (HTTP {status}) naar {target}; een "
                                  "doorverwijzing naar een andere host, poort of een ander "
                                  "schema wordt niet gevolgd"),
    "http_too_many_redirects": N_("meer dan {most} doorverwijzingen"),
    "http_bad_answer": N_("geen geldig HTTP-antwoord ({kind}: {reason})"),
    "http_bad_max": N_("{variable}={value}: geef een geheel aantal MiB van minstens 1"),
    "endpoint_bad_answer": N_("SPARQL-endpoint {url} stuurde een antwoord van de verkeerde "
                              "vorm: {reason}"),
    "endpoint_http": N_("SPARQL-endpoint {url} antwoordt met HTTP {status}: {reason}"),
    "endpoint_no_json": N_("SPARQL-endpoint {url} stuurde geen SPARQL JSON: {reason}"),
    "endpoint_not_found": N_("SPARQL-endpoint {url} niet gevonden (HTTP 404): {reason}"),
    "endpoint_unauthorized": N_("SPARQL-endpoint {url} weigert toegang (HTTP 401): {reason}"),
    "endpoint_rejected": N_("endpoint {url} weigerde de query: {reason}"),
    "syntax_error_plain": N_("SPARQL-syntaxfout: {reason}"),
    "extra_missing": N_("{what} heeft de extra '{extra}' nodig ({module} ontbreekt): pip "
                        "install -e '.[{extra}]'"),
    "what_plot": N_("tekenen (--plot)"),
    "what_serve": N_("serveren"),
    "what_pandas": N_("to_dataframe()"),
    "plot_written": N_("grafiek geschreven naar {path}"),
    "serving": N_("vngkb: serveert http://{host}:{port}/ (SPARQL op /sparql); Ctrl-C stopt"),
    "serve_processes_unsupported": N_("--processes: meer dan één HTTP-proces kan hier niet "
                                      "(geen fork); gebruik 1"),
    "audit_failed": N_("{n} gedrukt(e) cijfer(s) niet gereproduceerd:"),
    "audit_unchecked": N_("{n} gedrukt(e) cijfer(s) niet te controleren: een invoer ontbreekt "
                          "in de gedrukte cijfers van de brief:"),
    "audit_unchecked_line": N_("- {check}: invoer {missing} ontbreekt; {where}"),
    "audit_line": N_("- {check}: verwacht {expected}, gedrukt {printed} (verschil {difference} "
                     "{unit}); {where}"),
    "audit_where_cell": N_("{table}, {series}, rij '{row}', kolom {year} ({lines})"),
    "audit_where_text": N_("tekst, {lines}: '{quote}'"),
    "audit_line_one": N_("regel {line}"),
    "audit_lines": N_("regels {first}-{last}"),
    "audit_column": N_("kolom {year}"),
    "audit_columns": N_("kolommen {first}-{last}"),
    "audit_versus": N_("{first} tegenover {second}"),
    "audit_restated": N_("{quantity} {year} in de tekst = {where}"),
    "audit_computed": N_("{quantity} (berekend)"),
    "audit_assumed_plafond": N_("aangenomen verband: de brief zegt alleen dat het plafond van "
                                "2019 groeide met het accres van 6% (regel 181)"),
    # Web pages (vngkb serve): error pages; the pages' own words are in their templates.
    "web_not_found": N_("Niet gevonden"),
    "web_not_found_text": N_("{what} staat niet in de kennisbank."),
    "web_this_page": N_("Deze pagina"),
    "web_the_question": N_("De vraag {name!r}"),
    "web_error": N_("Fout {status}"),
    "web_went_wrong": N_("Er ging iets mis."),
    "dcat_issued_after_modified": N_("--issued {issued} ligt na --modified {modified}"),
    # vngkb ask NAME --help
    "help_parameters": N_("Parameters (-p NAAM=WAARDE):"),
    "help_optional": N_("optioneel"),
    "help_required": N_("verplicht"),
    "help_default": N_("standaard {value}"),
    "help_in_all": N_("({n} in totaal)"),
    "help_allowed": N_("toegestaan: {values}"),
    "help_also": N_("ook: {values}"),
    "help_no_parameters": N_("Geen parameters."),
    "help_tags": N_("Labels: {tags}"),
    "help_example": N_("Voorbeeld:"),
    "help_iri_of": N_("IRI van een {cls}"),
    "help_iri_from": N_("IRI uit het schema {scheme}"),
    "help_string": N_("tekst{lang}, hooguit {most} tekens"),
    "help_type_year": N_("jaartal (xsd:gYear)"),
    "help_type_integer": N_("geheel getal (xsd:integer)"),
    "help_type_decimal": N_("getal (xsd:decimal)"),
    "help_type_iri": N_("IRI"),
    # vngkb export
    "export_wrote": N_("{path} geschreven ({media_type}, {size} bytes)"),
    "export_done": N_("{triples} triples in {graphs} benoemde grafen, basis {base}"),
    "export_placeholder": N_("vngkb: waarschuwing: dcat.ttl heeft een plaatshouder "
                             "{placeholder}; geef --contact-email of --contact-url"),
    "export_recommended": N_("vngkb: waarschuwing: dcat.ttl heeft geen {what}, die DCAT-AP-NL "
                             "aanbeveelt; geef {option}"),
    "usage": N_("Gebruik:"),
    "options": N_("Opties"),
    "commands": N_("Commando's"),
    "arguments": N_("Argumenten"),
    "help_option": N_("Toon deze hulp en stop."),
    # vngkb.sandbox.guard: what a query may be (the endpoint answers machines in English)
    "guard_length": N_("de query is langer dan de grens van {limit} tekens"),
    "guard_nesting": N_("de query nest haakjes dieper dan de grens van {limit} niveaus"),
    "guard_unions": N_("de query heeft meer UNION-takken dan de grens van {limit}"),
    "guard_update": N_("SPARQL-updates worden geweigerd: queries zijn alleen-lezen"),
    "guard_service": N_("SERVICE is niet toegestaan: queries worden niet naar andere endpoints "
                        "gestuurd (gefedereerde query)"),
    "guard_service_scheme": N_("SERVICE <{iri}> wordt geweigerd: alleen http- en https-endpoints"),
    "guard_service_iri": N_("SERVICE heeft zijn endpoint nodig als volledige "
                            "<http(s)://...>-IRI (geen variabele of prefixnaam)"),
    "guard_syntax": N_("SPARQL-syntaxfout: {detail}"),
    "guard_empty": N_("de query is leeg"),
    "guard_code_point": N_("ongeldige escape van een codepunt {escape}"),
    "guard_not_a_query": N_("geen query ({name})"),
    "guard_token": N_("{what} is geen SPARQL (geen sleutelwoord, naam, term of teken)"),
    "guard_unpaired": N_("{what} hoort bij geen ander haakje"),
    "guard_separator": N_("';' buiten alle haakjes scheidt update-opdrachten; een query is er "
                          "een"),
    # vngkb.sandbox.isolated: vngkb query in a child process
    "isolated_timeout": N_("de query liep langer dan de tijdgrens van {limit:g} s (--timeout); "
                           "maak hem selectiever of voeg een LIMIT toe"),
    "isolated_crash": N_("de query stopte zijn proces ({how}); hij had waarschijnlijk meer "
                         "nodig dan de geheugengrens van {limit} MiB (--max-memory){detail}"),
    "isolated_out_of_memory": N_("geheugen op"),
    "isolated_signal": N_("signaal {name}"),
    "isolated_exit_code": N_("afsluitcode {code}"),
    "isolated_bad_timeout": N_("--timeout {value}: geef een aantal seconden groter dan 0"),
    "isolated_bad_memory": N_("--max-memory {value}: geef een aantal MiB groter dan 0"),
    "query_failed": N_("query mislukt: {reason}"),
    # vngkb.rdf.turtle: reading and parsing a Turtle file
    "ttl_syntax": N_("{where}: Turtle-syntaxfout: {what}"),
    "ttl_give_turtle": N_("geef een Turtle-bestand"),
    "ttl_too_many": N_("{path}: {count} triples; hooguit {most} in één bestand"),
    "ttl_term_too_long": N_("{where}: een term van {length} tekens ({start}); hooguit {iri} "
                            "voor een IRI en {literal} voor een literal"),
    # vngkb export
    "export_cannot_write_in": N_("kan niet schrijven in {path}: {reason}"),
    "export_cannot_write": N_("kan {path} niet schrijven: {reason}"),
    "export_not_a_folder": N_("{path} bestaat en is geen map"),
    "export_cannot_create": N_("kan {path} niet aanmaken: {reason}"),
    "export_not_a_folder_name": N_("geen mapnaam"),
    "export_interrupted": N_("export onderbroken door signaal {signal}; er is niets geschreven"),
    "export_unknown_format": N_("onbekend exportformaat {name!r}; formaten: {formats}"),
    "base_not_iri": N_("basis {base} is geen absolute http(s)-IRI zonder query of fragment "
                       "(bijvoorbeeld https://data.example.org/vngkb)"),
    "dcat_not_email": N_("contact-e-mail {value} is geen e-mailadres"),
    "dcat_not_iri": N_("{label} {value} is geen absolute http(s)-IRI"),
    "dcat_no_publisher": N_("de naam van de uitgever is leeg"),
    "dcat_publisher_iri": N_("uitgever-IRI"),
    "dcat_contact_url": N_("contact-URL"),
    "dcat_licence": N_("licentie"),
    "dcat_download_url": N_("download-URL"),
    "dcat_endpoint_url": N_("endpoint-URL"),
    "dcat_landing_page": N_("landingspagina"),
    "dcat_documentation_url": N_("documentatie-URL"),
    # vngkb publish
    "publish_not_http": N_("{what} {url} is geen http(s)-URL"),
    "publish_graph_store": N_("Graph Store-endpoint"),
    "publish_query_endpoint": N_("query-endpoint"),
    "publish_prune_needs_query": N_("oude grafen opruimen vraagt een query-endpoint om ze op te "
                                    "sommen"),
    "publish_graph_not_iri": N_("graaf {graph} is geen absolute IRI"),
    "publish_failed_at": N_("publiceren naar {endpoint} mislukte bij graaf {graph} ({failure}); "
                            "{done} van {total} grafen waren daarvoor vervangen{rest}"),
    "publish_others_unchanged": N_(", de andere zijn zoals ze waren"),
    "publish_cannot_delete": N_("kan oude graaf {graph} niet verwijderen uit {endpoint}: "
                                "{failure}"),
    "publish_count_differs": N_("na het publiceren heeft {endpoint} {held} triples in graaf "
                                "{graph}, niet de {sent} die gestuurd zijn"),
    "publish_default_hidden": N_("gepubliceerd, maar de standaardgraaf van {endpoint} toont de "
                                 "data niet (geen {triple} buiten GRAPH), dus queries zonder "
                                 "GRAPH vinden niets; maak de standaardgraaf de vereniging van "
                                 "de benoemde grafen. {fix}"),
    "publish_default_fix": N_("Oxigraph: start hem met 'oxigraph serve --union-default-graph'; "
                              "Fuseki: zet 'tdb2:unionDefaultGraph true' op de dataset; of "
                              "publiceer in de standaardgraaf van een store zonder zo'n optie"),
    # vngkb accres --plot, file name options
    "plot_format": N_("{path}: de grafiek wordt geschreven als .svg of .png, niet {suffix}"),
    "nul_in_file_name": N_("een bestandsnaam kan geen NUL-teken bevatten"),
    "empty_file_name": N_("een lege naam is geen bestand of map"),
    "option_empty": N_("{option} is leeg; geef een waarde of laat de optie weg"),
    # vngkb.rdf.files: a query read from a file or standard input
    "read_failed": N_("kan {what} niet lezen: {reason}"),
    "larger_than": N_("{what} is groter dan {limit} bytes, het meeste dat wordt aangenomen"),
    "not_utf8": N_("{what} is geen UTF-8-tekst (byte 0x{byte:02x} op positie {position})"),
    "what_the_query": N_("de query"),
    # vngkb.rdf.files: every file a command reads
    "file_cannot_read": N_("{path}: kan niet lezen: {reason}"),
    "serve_export_not_a_folder": N_("--export {path}: geen map"),
    "serve_export_no_dcat": N_("--export {path}: er staat geen {dcat} in (schrijf er een met vngkb "
                         "export --out)"),
    "serve_export_unreadable": N_("--export {path}: {reason}"),
    "file_not_a_file_name": N_("geen bestandsnaam"),
    "file_too_big": N_("{path}: groter dan {limit} bytes ({mb} MB), het meeste dat wordt "
                       "aangenomen"),
    "file_not_regular": N_("{path}: geen gewoon bestand ({kind})"),
    "file_kind_folder": N_("een map"),
    "file_kind_pipe": N_("een pipe"),
    "file_kind_socket": N_("een socket"),
    "file_kind_device": N_("een apparaat"),
    # vngkb (cli.py): usage errors, Ctrl-C, endpoint URLs
    "see_help": N_("{command}: {message} (zie 'vngkb {command} --help')"),
    "interrupted": N_("onderbroken"),
    "not_http_url": N_("{option} {value}: verwacht een http://- of https://-URL met een host"),
    # vngkb.core.errors.shorten: echoed input cut to 80 characters
    "characters": N_("({n} tekens)"),
    "number_too_large": N_("(een getal te groot om af te drukken)"),
    # vngkb accres --set and the finance library (vngkb/finance)
    "fin_unknown": N_("onbekende financiële invoer {text}: geen grootheid {quantity}{hint}"),
    "fin_year_ascii": N_("financiële invoer {text}: het jaar moet vier ASCII-cijfers zijn, bv. "
                         "2020"),
    "fin_form": N_("onbekende financiële invoer {text}: verwacht grootheid[.reeks][.jaar]"),
    "fin_series": N_("financiële invoer {text}: onbekende reeks {series} (reeksen van "
                     "{quantity}: {allowed})"),
    "fin_none": N_("geen"),
    "fin_needs_year": N_("financiële invoer {text} heeft een jaar nodig, bv. {example!r}"),
    "fin_year_outside": N_("financiële invoer {text}: jaar {year} ligt buiten de tabellen "
                           "({first}-{last})"),
    "fin_no_year": N_("financiële invoer {text}: {quantity} heeft geen jaar"),
    "fin_float": N_("financiële invoer {label}: {raw} is een {kind}; geef een Decimal, een int "
                    "of een tekst zoals '2.15'"),
    "fin_too_large": N_("financiële invoer {label}: {raw} is te groot"),
    "fin_empty": N_("financiële invoer {label}: de waarde is leeg"),
    "fin_not_plain": N_("financiële invoer {label}: {raw} is geen gewoon decimaal getal (bv. "
                        "2.15 of -1,5; hooguit 6 decimalen, geen exponent)"),
    "fin_not_number": N_("financiële invoer {label}: {raw} is geen getal"),
    "fin_not_finite": N_("financiële invoer {label}: {raw} is geen eindig getal"),
    "fin_outside": N_("financiële invoer {label}: {value} ligt buiten {range} ({unit})"),
    "fin_divides": N_("{message}; het model deelt erdoor"),
    "fin_range": N_("{low} tot {high}"),
    "fin_not_zero": N_(", niet 0"),
    "fin_unit_euro": N_("euro"),
    "fin_unit_percent": N_("procent"),
    "fin_names_are_strings": N_("financiële invoer {text}: namen zijn teksten"),
    "fin_no_table_1": N_("kb/accres.ttl heeft geen cijfers van Tabel 1"),
    "fin_no_published": N_("de gedrukte cijfers van de brief hebben geen cijfer voor invoer "
                           "{figure!r}"),
    "fin_no_table_3": N_("kb/accres.ttl mist in Tabel 3 'Aandeel gemeenten' of 'Vrijval aan GF "
                         "en PF' voor {year}"),
    "fin_unknown_figure": N_("onbekend financieel cijfer {figure!r}"),
    # Web pages: the letter chooser.
    "web_letter": N_("Brief"),
}


def _message(key: str, translations: gettext.NullTranslations) -> str:
    return translations.gettext(MESSAGES[key])


def t(key: str, **values: Any) -> str:
    """The message *key* in the current language, with *values* filled in."""
    return _message(key, catalogue()).format(**values)


def _echo_words(key: str, n: int) -> str:
    return t(key, n=n)


# shorten() (vngkb.core.errors) writes the length of cut input in the current language.
_errors.echo_words = _echo_words


def t_in(lang: str | None, key: str, **values: Any) -> str:
    """The message *key* in *lang* (None: the current language).

    >>> t_in("en", "guard_empty")
    'the query is empty'
    """
    return _message(key, catalogue(lang)).format(**values)


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


def statistic_label(statistic: str) -> str:
    """A statistic's name (Dutch, as :mod:`vngkb.reports.stats` gives it) in the current
    language (``ontbreekt: def:x`` → ``missing: def:x``).

    >>> set_lang("en")
    >>> statistic_label("ontbreekt: def:jaar"), statistic_label("wetten")
    ('missing: def:jaar', 'laws')
    >>> set_lang(None)
    """
    missing = "ontbreekt: "
    if statistic.startswith(missing):
        return pgettext("statistic", missing) + statistic.removeprefix(missing)
    return pgettext("statistic", statistic)


_PERCENT = "% "

#: Column headings: column or SPARQL variable name → its Dutch heading (English in the
#: catalogue, context "column"). Names used by the commands' own tables (accres, audit,
#: measures, stats, questions) and by the canned questions' answers.
COLUMNS: dict[str, str] = {
    # vngkb questions / stats
    "name": NC_("column", "naam"),
    "summary": NC_("column", "samenvatting"),
    "parameters": NC_("column", "parameters"),
    "statistic": NC_("column", "statistiek"),
    "key": NC_("column", "sleutel"),
    "count": NC_("column", "aantal"),
    "brief": NC_("column", "brief"),
    # vngkb accres
    "circulaire": NC_("column", "circulaire"),
    "year": NC_("column", "jaar"),
    "quantity": NC_("column", "grootheid"),
    "published": NC_("column", "gedrukt"),
    "computed": NC_("column", "berekend"),
    "difference": NC_("column", "verschil"),
    "mark": NC_("column", "let op"),
    # vngkb audit
    "check": NC_("column", "controle"),
    "what": NC_("column", "wat"),
    "where": NC_("column", "waar"),
    "expected": NC_("column", "verwacht"),
    "printed": NC_("column", "gedrukt"),
    "unit": NC_("column", "eenheid"),
    "note": NC_("column", "opmerking"),
    # vngkb measures
    "id": NC_("column", "id"),
    "title": NC_("column", "titel"),
    "chapter": NC_("column", "hoofdstuk"),
    "ministry": NC_("column", "ministerie"),
    "stance": NC_("column", "standpunt"),
    "amount_no": NC_("column", "bedrag nr."),
    "value_eur": NC_("column", "waarde (€)"),
    "per": NC_("column", "per"),
    "first_year": NC_("column", "eerste jaar"),
    "last_year": NC_("column", "laatste jaar"),
    "structural": NC_("column", "structureel"),
    "instrument": NC_("column", "instrument"),
    "recipient": NC_("column", "ontvanger"),
    "quote": NC_("column", "citaat"),
    "first_line": NC_("column", "eerste regel"),
    "last_line": NC_("column", "laatste regel"),
    # canned questions (SPARQL variables)
    "aandeelGemeenten": NC_("column", "aandeel gemeenten"),
    "aantal": NC_("column", "aantal"),
    "afwachtend": NC_("column", "afwachtend"),
    "bedrag": NC_("column", "bedrag"),
    "bedragen": NC_("column", "bedragen"),
    "bedragNr": NC_("column", "bedrag nr."),
    "berekend": NC_("column", "berekend"),
    "bezorgd": NC_("column", "bezorgd"),
    "bijstellingTekst": NC_("column", "bijstelling (tekst)"),
    "bron": NC_("column", "bron"),
    "bwb": NC_("column", "BWB-id"),
    "citaat": NC_("column", "citaat"),
    "declaraties": NC_("column", "declaraties"),
    "eenheid": NC_("column", "eenheid"),
    "eersteJaar": NC_("column", "eerste jaar"),
    "eersteRegel": NC_("column", "eerste regel"),
    "eind": NC_("column", "eind"),
    "eis": NC_("column", "eis"),
    "fragment": NC_("column", "fragment"),
    "gemengd": NC_("column", "gemengd"),
    "gepubliceerd": NC_("column", "gedrukt"),
    "gevolg": NC_("column", "gevolg"),
    "grootheid": NC_("column", "grootheid"),
    "hoofdstuk": NC_("column", "hoofdstuk"),
    "incidenteel": NC_("column", "incidenteel"),
    "invoernaam": NC_("column", "invoernaam"),
    "iri": NC_("column", "IRI"),
    "jaar": NC_("column", "jaar"),
    "kritisch": NC_("column", "kritisch"),
    "kwalificatie": NC_("column", "kwalificatie"),
    "laatsteJaar": NC_("column", "laatste jaar"),
    "laatsteRegel": NC_("column", "laatste regel"),
    "link": NC_("column", "link"),
    "maatregel": NC_("column", "maatregel"),
    "maatregelTitel": NC_("column", "maatregel"),
    "maatregelen": NC_("column", "maatregelen"),
    "ministerie": NC_("column", "ministerie"),
    "naam": NC_("column", "naam"),
    "neutraal": NC_("column", "neutraal"),
    "nominaalMei": NC_("column", "nominaal mei"),
    "nominaalSeptember": NC_("column", "nominaal september"),
    "ontvanger": NC_("column", "ontvanger"),
    "opschalingskorting": NC_("column", "opschalingskorting"),
    "passage": NC_("column", "passage"),
    "plafond": NC_("column", "plafond"),
    "positief": NC_("column", "positief"),
    # "% " stays outside the msgid: Babel would read "% s" as a %-format placeholder.
    "procentMei": _PERCENT + NC_("column", "mei"),
    "procentSeptember": _PERCENT + NC_("column", "september"),
    "reeelAccres": NC_("column", "reëel accres"),
    "regel": NC_("column", "regel"),
    "regelLoon": NC_("column", "regel loon"),
    "regelMaterieel": NC_("column", "regel materieel"),
    "regelInflatie": NC_("column", "regel inflatie"),
    "deelVan": NC_("column", "deel van"),
    "soort": NC_("column", "soort"),
    "standpunt": NC_("column", "standpunt"),
    "start": NC_("column", "start"),
    "status": NC_("column", "status"),
    "structureel": NC_("column", "structureel"),
    "tegenstrijdigheid": NC_("column", "tegenstrijdigheid"),
    "tekst": NC_("column", "tekst"),
    "term": NC_("column", "term"),
    "titel": NC_("column", "titel"),
    "totaal": NC_("column", "totaal"),
    "verantwoordelijk": NC_("column", "verantwoordelijk"),
    "verschil": NC_("column", "verschil"),
    "verschilProcent": NC_("column", "verschil %"),
    "volgorde": NC_("column", "volgorde"),
    "volumeAccresProcent": NC_("column", "volume-accres %"),
    "voor": NC_("column", "voor"),
    "vrijval": NC_("column", "vrijval"),
    "waarde": NC_("column", "waarde"),
    "waarvanKritisch": NC_("column", "waarvan kritisch"),
    "werkelijkVolumeAccres": NC_("column", "werkelijk volume-accres"),
    "wet": NC_("column", "wet"),
    "wetIri": NC_("column", "wet (IRI)"),
    "wijzigingTekst": NC_("column", "wijziging (tekst)"),
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
        heading = COLUMNS[name]
        unit = _PERCENT if heading.startswith(_PERCENT) else ""
        return unit + catalogue(lang).pgettext("column", heading.removeprefix(unit))
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
