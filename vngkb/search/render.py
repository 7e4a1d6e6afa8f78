"""Search hits as text for a terminal, as Markdown and as JSON (``vngkb zoek``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from vngkb.search.query import Hit

#: Words of the output, in one place.
WORDS: dict[str, str] = {
    "none": "Geen treffers voor: {terms}",
    "lines": "regels {first}-{last}",
    "line": "regel {line}",
    "about": " (over {title})",
}
#: What each kind of hit is called.
KINDS: dict[str, str] = {"maatregel": "maatregel", "voorwoord": "voorwoord", "motie": "motie",
                         "amendement": "amendement", "accres": "accrestabel"}


def _where(hit: Hit) -> str:
    where = (WORDS["line"].format(line=hit.first_line) if hit.first_line == hit.last_line
             else WORDS["lines"].format(first=hit.first_line, last=hit.last_line))
    if hit.line is not None and hit.first_line != hit.last_line:
        where += ", " + WORDS["line"].format(line=hit.line)
    return f"{where}; {hit.field}"


def _heading(hit: Hit) -> str:
    kind = KINDS.get(hit.kind, hit.kind)
    if hit.kind == "maatregel":
        return f"{hit.slug} — {hit.title}"
    about = WORDS["about"].format(title=hit.measure_title) if hit.measure_title else ""
    return f"{kind}: {hit.title}{about}"


def as_text(hits: Sequence[Hit], terms: str) -> str:
    """Numbered hits: heading, where (lines, text), snippet with **marks**.

    An empty result is one line that says so."""
    if not hits:
        return WORDS["none"].format(terms=terms)
    blocks = []
    width = len(str(len(hits)))
    for n, hit in enumerate(hits, 1):
        indent = " " * (width + 2)
        blocks.append(f"{n:>{width}}. {_heading(hit)} ({_where(hit)})\n"
                      f"{indent}{hit.snippet_text()}")
    return "\n".join(blocks)


def as_markdown(hits: Sequence[Hit], terms: str) -> str:
    """A Markdown list: heading in bold, then the snippet."""
    if not hits:
        return WORDS["none"].format(terms=terms)
    return "\n".join(f"1. **{_heading(hit)}** ({_where(hit)}): {hit.snippet_text()}"
                     for hit in hits)


def as_json(hits: Sequence[Hit]) -> str:
    """A JSON list of :meth:`Hit.as_dict` records."""
    return json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=2)
