"""Search hits as text for a terminal, as Markdown and as JSON (``vngkb search``)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from vngkb.i18n import NC_, _, pgettext
from vngkb.search.query import Hit

#: What each kind of hit is called (the index's kinds are Dutch words).
KINDS: dict[str, str] = {"maatregel": NC_("kind of hit", "maatregel"),
                         "voorwoord": NC_("kind of hit", "voorwoord"),
                         "motie": NC_("kind of hit", "motie"),
                         "amendement": NC_("kind of hit", "amendement"),
                         "accres": NC_("kind of hit", "accrestabel")}
#: The texts a hit can be found in (index.FIELD_ORDER), named by their Dutch names; JSON
#: keeps these names in every language.
FIELDS = (NC_("field", "titel"), NC_("field", "voornemen"), NC_("field", "gevolg"),
          NC_("field", "standpunt"), NC_("field", "bedrag"), NC_("field", "eis"),
          NC_("field", "wet"), NC_("field", "onderwerp"), NC_("field", "indiener"),
          NC_("field", "rij"), NC_("field", "citaat"))


def kind_label(kind: str) -> str:
    """What a kind of hit is called in the current language."""
    return pgettext("kind of hit", KINDS[kind]) if kind in KINDS else kind


def field_label(name: str) -> str:
    """The name of the text a hit is in, in the current language."""
    return pgettext("field", name) if name in FIELDS else name


def _where(hit: Hit) -> str:
    where = (_("regel {line}").format(line=hit.first_line) if hit.first_line == hit.last_line
             else _("regels {first}-{last}").format(first=hit.first_line, last=hit.last_line))
    if hit.line is not None and hit.first_line != hit.last_line:
        where += ", " + _("regel {line}").format(line=hit.line)
    return f"{where}; {field_label(hit.field)}"


def _heading(hit: Hit) -> str:
    kind = kind_label(hit.kind)
    if hit.kind == "maatregel":
        return f"{hit.slug} — {hit.title}"
    about = (_(" (over {slug} — {title})").format(slug=hit.slug, title=hit.measure_title)
             if hit.measure_title else "")
    return f"{kind}: {hit.title}{about}"


def as_text(hits: Sequence[Hit], terms: str, width: int = 80) -> str:
    """Numbered hits: heading, where (lines, text), snippet with **marks**, wrapped at
    *width* columns.

    An empty result is one line that says so."""
    if not hits:
        return _("Geen treffers voor: {terms}").format(terms=terms)
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
        return _("Geen treffers voor: {terms}").format(terms=terms)
    return "\n".join(f"1. **{_heading(hit)}** ({_where(hit)}): {hit.snippet_text()}"
                     for hit in hits)


def as_json(hits: Sequence[Hit]) -> str:
    """A JSON list of :meth:`Hit.as_dict` records."""
    return json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=2)
