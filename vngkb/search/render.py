"""Search hits as text for a terminal, as Markdown and as JSON (``vngkb search``)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from vngkb.i18n import current_lang
from vngkb.search.query import Hit

#: Words of the output, in one place.
WORDS: dict[str, str] = {
    "none": "Geen treffers voor: {terms}",
    "lines": "regels {first}-{last}",
    "line": "regel {line}",
    "about": " (over {slug} — {title})",
}
#: What each kind of hit is called.
KINDS: dict[str, str] = {"maatregel": "maatregel", "voorwoord": "voorwoord", "motie": "motie",
                         "amendement": "amendement", "accres": "accrestabel"}

#: The same in English (``--lang en``); JSON keeps the Dutch field names.
WORDS_EN: dict[str, str] = {
    "none": "No hits for: {terms}",
    "lines": "lines {first}-{last}",
    "line": "line {line}",
    "about": " (about {slug} — {title})",
}
KINDS_EN: dict[str, str] = {"maatregel": "measure", "voorwoord": "foreword", "motie": "motion",
                            "amendement": "amendment", "accres": "accres table"}
#: The texts a hit can be found in (index.FIELD_ORDER), as the English screen names them.
FIELDS_EN: dict[str, str] = {
    "titel": "title", "voornemen": "intention", "gevolg": "effect", "standpunt": "stance",
    "bedrag": "amount", "eis": "demand", "wet": "law", "onderwerp": "subject",
    "indiener": "submitter", "rij": "row", "citaat": "quote"}


def _w(key: str) -> str:
    return (WORDS_EN if current_lang() == "en" else WORDS)[key]


def kind_label(kind: str) -> str:
    """What a kind of hit is called in the current language."""
    return (KINDS_EN if current_lang() == "en" else KINDS).get(kind, kind)


def field_label(name: str) -> str:
    """The name of the text a hit is in, in the current language."""
    return FIELDS_EN.get(name, name) if current_lang() == "en" else name


def _where(hit: Hit) -> str:
    where = (_w("line").format(line=hit.first_line) if hit.first_line == hit.last_line
             else _w("lines").format(first=hit.first_line, last=hit.last_line))
    if hit.line is not None and hit.first_line != hit.last_line:
        where += ", " + _w("line").format(line=hit.line)
    return f"{where}; {field_label(hit.field)}"


def _heading(hit: Hit) -> str:
    kind = kind_label(hit.kind)
    if hit.kind == "maatregel":
        return f"{hit.slug} — {hit.title}"
    about = (_w("about").format(slug=hit.slug, title=hit.measure_title)
             if hit.measure_title else "")
    return f"{kind}: {hit.title}{about}"


def as_text(hits: Sequence[Hit], terms: str, width: int = 80) -> str:
    """Numbered hits: heading, where (lines, text), snippet with **marks**, wrapped at
    *width* columns.

    An empty result is one line that says so."""
    if not hits:
        return _w("none").format(terms=terms)
    lines: list[str] = []
    digits = len(str(len(hits)))
    indent = " " * (digits + 2)
    for n, hit in enumerate(hits, 1):
        lines += _wrap(f"{n:>{digits}}. {_heading(hit)} ({_where(hit)})", width, indent)
        lines += _wrap(indent + hit.snippet_text(), width, indent)
    return "\n".join(lines)


def _wrap(text: str, width: int, indent: str) -> list[str]:
    # Compounds keep their hyphens on one line; a word longer than the line stays whole.
    return textwrap.wrap(text, max(width, len(indent) + 20), subsequent_indent=indent,
                         break_on_hyphens=False, break_long_words=False)


def as_markdown(hits: Sequence[Hit], terms: str) -> str:
    """A Markdown list: heading in bold, then the snippet."""
    if not hits:
        return _w("none").format(terms=terms)
    return "\n".join(f"1. **{_heading(hit)}** ({_where(hit)}): {hit.snippet_text()}"
                     for hit in hits)


def as_json(hits: Sequence[Hit]) -> str:
    """A JSON list of :meth:`Hit.as_dict` records."""
    return json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=2)
