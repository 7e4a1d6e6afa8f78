"""The messages of ``vngkb ingest`` and ``vngkb review``, in Dutch and English (the
language chosen with ``--lang``). Kept here, beside the code that raises them, so that the
ingest package adds no keys to :mod:`vngkb.i18n`'s shared table."""

from __future__ import annotations

from typing import Any

from vngkb.i18n import current_lang

#: key → (Dutch, English)
BERICHTEN: dict[str, tuple[str, str]] = {
    "leeg": ("{path}: het bestand is leeg", "{path}: the file is empty"),
    "onleesbaar": ("{path}: kan niet worden gelezen: {reason}",
                   "{path}: cannot be read: {reason}"),
    "binair": ("{path}: geen tekst (binaire gegevens bij byte {position}); geef een .txt of .pdf",
               "{path}: not text (binary data at byte {position}); give a .txt or .pdf"),
    "geen_utf8": ("{path}: geen UTF-8-tekst (byte {position})",
                  "{path}: not UTF-8 text (byte {position})"),
    "pdf_kapot": ("{path}: de PDF kan niet worden gelezen: {reason}",
                  "{path}: the PDF cannot be read: {reason}"),
    "pdf_zonder_tekst": ("{path}: de PDF heeft geen tekstlaag ({pages} pagina's zonder tekst; "
                         "een scan moet eerst door OCR)",
                         "{path}: the PDF has no text layer ({pages} pages without text; a "
                         "scan needs OCR first)"),
    "geen_sjabloon": ("{path}: geen enkele maatregel volgens het sjabloon (geen regel 'Wat wil "
                      "het kabinet?'); is dit een ledenbrief?",
                      "{path}: no measure in the template (no line 'Wat wil het kabinet?'); "
                      "is this a ledenbrief?"),
    "ongeldig_id": ("--id {value}: een id is een slug van kleine letters, cijfers en "
                    "streepjes (bv. ledenbrief-miljoenennota-2021)",
                    "--id {value}: an id is a slug of lowercase letters, digits and hyphens "
                    "(e.g. ledenbrief-miljoenennota-2021)"),
    "ongeldige_basis": ("--base {value}: geen http(s)-IRI zonder spaties",
                        "--base {value}: not an http(s) IRI without spaces"),
    "meegeleverde_kb": ("--out {path}: dat is de meegeleverde kb/; een concept komt in een "
                        "eigen map",
                        "--out {path}: that is the shipped kb/; a draft goes into a folder "
                        "of its own"),
    "andere_brief": ("--out {path}: {file} bevat bevestigde uitspraken over een andere brief "
                     "({other}); kies een andere map of een ander --id",
                     "--out {path}: {file} holds confirmed statements about another letter "
                     "({other}); choose another folder or another --id"),
    "out_is_bestand": ("--out {path}: is een bestand, geen map",
                       "--out {path}: is a file, not a folder"),
    "vorige_ontbreekt": ("--vorige {value}: geen brief met dat id in {path}",
                         "--vorige {value}: no letter with that id in {path}"),
    "vorige_zelf": ("--vorige {value}: dat is dezelfde brief als --id",
                    "--vorige {value}: that is the same letter as --id"),
    "geen_concept": ("{path}: geen concept van ingest (geen map concept/ met Turtle)",
                     "{path}: no draft by ingest (no folder concept/ with Turtle)"),
    "onbekend_voorstel": ("--bevestig {value}: geen voorgestelde waarde met die naam in het "
                          "concept",
                          "--bevestig {value}: no drafted value by that name in the draft"),
    "ongeldige_eigenschap": ("--bevestig {value}: verwacht IRI of IRI EIGENSCHAP (bv. "
                             "bedrag:x def:soortBedrag)",
                             "--bevestig {value}: expected IRI or IRI PROPERTY (e.g. "
                             "bedrag:x def:soortBedrag)"),
    "bevestigd": ("{n} uitspraak/uitspraken bevestigd in {file}",
                  "{n} statement(s) confirmed in {file}"),
    "geschreven": ("{id}: {measures} maatregelen, {amounts} bedragen, {chapters} hoofdstukken "
                   "in {path}",
                   "{id}: {measures} measures, {amounts} amounts, {chapters} chapters in "
                   "{path}"),
}


def bericht(key: str, **values: Any) -> str:
    """The message *key* in the current language, filled in with *values*."""
    pair = BERICHTEN[key]
    return (pair[1] if current_lang() == "en" else pair[0]).format(**values)
