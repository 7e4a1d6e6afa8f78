"""``vngkb ingest``: a ledenbrief (text or PDF) becomes a reviewed draft KB.

Layered below the CLI: it reads the letter and the shared vocabularies (see
:mod:`vngkb.ingest.woordenschat`), never the curated statements of any letter.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "brief.txt").write_text("Zomaar een tekst.\\n", encoding="utf-8")
>>> ingest(folder / "brief.txt", "x", folder / "uit")  # doctest: +ELLIPSIS
Traceback (most recent call last):
vngkb.core.errors.InputError: ...brief.txt: geen enkele maatregel volgens het sjabloon ...
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from vngkb.core.errors import InputError
from vngkb.i18n import _
from vngkb.ingest import bijlagen, opslag
from vngkb.ingest.concept import Bouwer
from vngkb.ingest.invoer import read_letter
from vngkb.ingest.structuur import parse
from vngkb.ingest.woordenschat import woordenschat


@dataclass(frozen=True)
class Resultaat:
    letter_dir: Path
    measures: int
    amounts: int
    chapters: int
    budget_year: int | None

    def summary(self, letter: str) -> str:
        return _("{id}: {measures} maatregelen, {amounts} bedragen, {chapters} hoofdstukken in "
                 "{path}").format(id=letter, measures=self.measures, amounts=self.amounts,
                                  chapters=self.chapters, path=self.letter_dir)


def budget_year(lines: list[str]) -> tuple[int | None, str]:
    """The budget year the letter is about: the year it prints most often after
    "Miljoenennota" (or "Miljoennota"), else after "begroting"; None if neither."""
    text = " ".join(lines)
    for pattern, what in ((r"Miljoe?nennota\s+((?:19|20)\d\d)", "Miljoenennota"),
                          (r"(?:Rijks)?begroting\s+((?:19|20)\d\d)", "begroting")):
        years = Counter(int(y) for y in re.findall(pattern, text, re.IGNORECASE))
        if years:
            year, count = years.most_common(1)[0]
            return year, f"'{what} {year}' ({count}x in de tekst)"
    return None, "geen 'Miljoenennota JJJJ' of 'begroting JJJJ' in de tekst"


def ingest(letter: Path, letter_id: str, out: Path, *, vorige: str | None = None
           ) -> Resultaat:
    """Draft the KB of the letter at *letter* as ``{out}/{letter_id}``; confirmed
    statements there are kept. Raises :class:`InputError` (nothing written) for bad input."""
    opslag.check_id(letter_id)
    if vorige is not None:
        opslag.check_id(vorige, "--vorige")
        if vorige == letter_id:
            raise InputError(_("--vorige {value}: dat is dezelfde brief "
                               "als --id").format(value=vorige))
        if not (out / vorige).is_dir():
            raise InputError(_("--vorige {value}: geen brief met "
                               "dat id in {path}").format(value=vorige, path=out))
    letter_dir = opslag.check_out(out, letter_id)
    text = read_letter(letter)
    vocab = woordenschat()
    structure = parse(text.lines, vocab)
    if not structure.measures:
        raise InputError(_("{path}: geen enkele maatregel volgens het sjabloon (geen regel 'Wat "
                           "wil het kabinet?'); is dit een ledenbrief?").format(path=letter))
    year, rule = budget_year(text.lines)
    builder = Bouwer(letter_id, structure, vocab, year, text.extractor, text.format)
    builder.budget_rule = rule
    concept = builder.build(bijlagen.motions(structure),
                            bijlagen.abbreviations(structure, vocab),
                            bijlagen.tables(structure))
    if vorige is not None:
        from vngkb.ingest.vervolg import link_previous

        link_previous(builder, out / vorige)
    confirmed = opslag.confirmed_graph(letter_dir) if letter_dir.is_dir() else None
    if confirmed is not None:
        opslag.without_confirmed(concept.files, confirmed)
    opslag.write(letter_dir, text.lines, concept.files)
    return Resultaat(letter_dir, concept.measures, concept.amounts, concept.chapters, year)
