"""The letter as lines of text: a ``.txt`` read as UTF-8, a PDF through pypdf.

Whatever comes in, what goes out is the text that ingest writes as the letter's source
file (``bron.txt``): every line number in the draft refers to it. Hostile input is
refused with one line naming the file: empty, binary, not UTF-8, too big, a PDF that
does not open or has no text layer.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from vngkb.core.errors import InputError
from vngkb.i18n import _
from vngkb.rdf.files import read_file

#: The most bytes read from a letter (a real ledenbrief PDF is about 1 MB, its text 200 kB).
MAX_BYTES = 50_000_000
#: Control characters other than tab, line feed, carriage return and form feed: text
#: holding one is binary, not a letter.
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class Tekst:
    """The letter's text and how it was obtained."""

    lines: list[str]
    #: "text/plain" or "application/pdf"
    format: str
    #: the library that extracted a PDF's text, with its version ("pypdf 5.1.0"); "" for text
    extractor: str = ""


def _shown(path: Path) -> str:
    return str(path)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, read by the one file reader (:func:`vngkb.rdf.files.read_file`:
    a regular file within the bound; loops, FIFOs and devices refused), and not empty."""
    data = read_file(path, limit=MAX_BYTES)
    if not data.strip():
        raise InputError(_("{path}: het bestand is leeg").format(path=_shown(path)))
    return data


#: The typographic ligatures a PDF's text layer keeps ("ﬁnanciën"), as their letters.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
#: A soft hyphen: at a line end it marks a word hyphenated there, inside a line nothing.
_SOFT_HYPHEN_END = re.compile("\u00ad[ \t]*$", re.MULTILINE)


def normalise(text: str) -> list[str]:
    r"""*text* as lines: line ends unified, form feeds (page breaks) as line ends, no BOM,
    no trailing line end (the last line is the last line of text); ligatures as their
    letters and a soft hyphen at a line end as a hyphen (elsewhere dropped), as a PDF's
    text layer may give them.

    >>> normalise("\ufeffDe ﬁnanciën van ge\u00ad\nmeen\u00adten\r\nzijn\fgoed\n\n")
    ['De financiën van ge-', 'meenten', 'zijn', 'goed']
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _SOFT_HYPHEN_END.sub("-", text.translate(_LIGATURES)).replace("\u00ad", "")
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def from_text(path: Path, data: bytes) -> Tekst:
    binary = _BINARY.search(data)
    if binary:
        raise InputError(_("{path}: geen tekst (binaire gegevens bij byte {position}); geef een "
                           ".txt of .pdf").format(path=_shown(path), position=binary.start()))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(_("{path}: geen UTF-8-tekst (byte {position})").format(
            path=_shown(path), position=error.start)) from None
    return Tekst(normalise(text), "text/plain")


def from_pdf(path: Path, data: bytes) -> Tekst:
    """The text layer of a PDF, page by page. pypdf: pure Python (no compiled code to
    build, no system library), actively maintained, and its plain extraction keeps the
    reading order of a text-only letter."""
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError,
            RecursionError, AssertionError, IndexError, ZeroDivisionError) as error:
        raise InputError(_("{path}: de PDF kan niet worden gelezen: {reason}").format(
            path=_shown(path), reason=str(error)[:80] or type(error).__name__)) from None
    if not any(page.strip() for page in pages):
        raise InputError(_("{path}: de PDF heeft geen tekstlaag ({pages} pagina's zonder tekst; "
                           "een scan moet eerst "
                           "door OCR)").format(path=_shown(path), pages=len(pages)))
    text = "\n".join(page.rstrip("\n") for page in pages)
    return Tekst(normalise(text), "application/pdf", f"pypdf {pypdf.__version__}")


def read_letter(path: Path) -> Tekst:
    """The letter at *path*: a PDF when its bytes say so, otherwise UTF-8 text."""
    data = read_bytes(path)
    if data.lstrip()[:5] == _PDF_MAGIC:
        return from_pdf(path, data)
    return from_text(path, data)
