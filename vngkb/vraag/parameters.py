"""Parameter values from words: years (also "volgend jaar"), amounts ("meer dan 100
miljoen", "€ 5 mln"), chapters ("hoofdstuk 4", or its title), search terms (quoted, or
after "zoek naar"), and every concept the KB names with a label (``skos:prefLabel``,
``altLabel``, ``hiddenLabel``, ``notation``, ``rdfs:label``, ``dct:title``): ministries,
stances, themes, instruments, recipients, measures, demands, effect types.

Each value found is a :class:`Vondst`; :func:`vul_in` gives a question the values its
parameters can take, as the strings ``vngkb ask`` accepts (short names, years,
decimals), so they are checked, typed and bound as RDF terms on the usual path.

>>> from vngkb.vraag.woorden import lees_woorden
>>> [(v.soort, v.waarde) for v in vind("meer dan € 2,5 mln vanaf volgend jaar",
...                                      Labels(), lees_woorden().met_basisjaar(2020))]
[('bedrag', '2500000'), ('jaar', '2021')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from vngkb.query.catalogue import Parameter, Question
from vngkb.text.dutch import Token, fold, stems, tokens
from vngkb.text.dutch import forms as phrase_words
from vngkb.vraag.woorden import Woorden

#: Longest label, in words, that is looked for.
_MAX_LABEL_WORDS = 10
_QUOTES = "\"“”„«»‘’'"
_QUOTED = re.compile(r"(?:^|(?<=[\s(:]))[" + _QUOTES + r"]([^" + _QUOTES + r"\n]{1,100})["
                     + _QUOTES + r"](?=$|[\s?.!,;:)])")


@dataclass(frozen=True)
class Vondst:
    """A value found in the text.

    *soort* is ``concept`` (then *groep* is the scheme or namespace IRI and *waarde* the
    member's IRI), ``jaar``, ``bedrag`` (*groep* ``ondergrens`` after "meer dan" and the
    like), ``hoofdstuk``, ``waarde`` (*groep* the parameter) or ``zoekterm``."""

    soort: str
    groep: str
    waarde: str
    woorden: str
    #: The tokens it takes up: ``begin`` up to ``eind`` (exclusive).
    begin: int = 0
    eind: int = 0

    @property
    def slot(self) -> str:
        """The token that stands for this kind of value in the text model."""
        if self.soort == "concept":
            return "#" + self.groep.rstrip("/").rsplit("/", 1)[-1]
        if self.soort == "bedrag" and self.groep == "ondergrens":
            return "#ondergrens"
        if self.soort == "waarde":
            return "#" + self.groep
        return "#" + self.soort


@dataclass
class Labels:
    """The KB's labels: stems of a label → the (group, IRI) pairs it names, and the
    chapters' labels → their numbers."""

    concepten: dict[tuple[str, ...], set[tuple[str, str]]] = field(default_factory=dict)
    hoofdstukken: dict[tuple[str, ...], str] = field(default_factory=dict)

    @functools.cached_property
    def concept_lengtes(self) -> dict[str, list[int]]:
        """Label lengths by first word (built once, when the labels are complete)."""
        return _lengths_by_first_word(self.concepten)

    @functools.cached_property
    def hoofdstuk_lengtes(self) -> dict[str, list[int]]:
        return _lengths_by_first_word(self.hoofdstukken)

    @classmethod
    def uit_rijen(cls, concepten: Iterable[tuple[str, str]], groepen: Iterable[str],
                  hoofdstukken: Iterable[tuple[str, str]], stopwoorden: frozenset[str]
                  ) -> Labels:
        """Labels from (IRI, label) rows; an IRI belongs to the first of *groepen* (scheme
        or namespace IRIs) it starts with, and its local name counts as a label too."""
        prefixes = sorted({g.rstrip("/") + "/" for g in groepen}, key=len, reverse=True)
        labels = cls()
        for iri, label in concepten:
            groep = next((p for p in prefixes if iri.startswith(p)), None)
            if groep is None:
                continue
            for text in (label, iri.removeprefix(groep).replace("-", " ")):
                key = stems(text)
                if key and len(key) <= _MAX_LABEL_WORDS and not set(key) <= stopwoorden:
                    labels.concepten.setdefault(key, set()).add((groep.rstrip("/"), iri))
        for nummer, label in hoofdstukken:
            key = stems(label)
            if key:
                labels.hoofdstukken[key] = nummer
        return labels


def labels_state(labels: Labels) -> dict[str, Any]:
    """*labels* as plain JSON data (for the index cache)."""
    return {"concepten": [[list(k), sorted([list(p) for p in v])]
                          for k, v in sorted(labels.concepten.items())],
            "hoofdstukken": [[list(k), v] for k, v in sorted(labels.hoofdstukken.items())]}


def labels_from_state(state: Mapping[str, Any]) -> Labels:
    return Labels({tuple(k): {(str(g), str(i)) for g, i in v} for k, v in state["concepten"]},
                  {tuple(k): str(v) for k, v in state["hoofdstukken"]})


def _spans(keys: Mapping[tuple[str, ...], object], lengths: Mapping[str, list[int]],
           words: Sequence[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Every (begin, end, key) where a key occurs in *words*; *lengths* gives, for each
    first word of a key, the lengths of the keys it starts."""
    found = []
    for i, word in enumerate(words):
        for n in lengths.get(word, ()):
            key = tuple(words[i:i + n])
            if len(key) == n and key in keys:
                found.append((i, i + n, key))
    return found


def _lengths_by_first_word(keys: Iterable[tuple[str, ...]]) -> dict[str, list[int]]:
    lengths: dict[str, set[int]] = {}
    for key in keys:
        lengths.setdefault(key[0], set()).add(len(key))
    return {w: sorted(ns, reverse=True) for w, ns in lengths.items()}


def _greedy(spans: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    """Leftmost-longest, non-overlapping spans (per group)."""
    chosen: list[tuple[int, int, str, str, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]), s[3])):
        if all(span[2] != c[2] or span[0] >= c[1] or span[1] <= c[0] for c in chosen):
            chosen.append(span)
    return chosen


def _phrase_at(vormen: Sequence[str], phrases: Iterable[str]) -> list[tuple[int, int, str]]:
    """(begin, end, phrase) for each word-aligned occurrence of a phrase."""
    by_first = _by_first_word(tuple(phrases))
    found = []
    for i, word in enumerate(vormen):
        for words, phrase in by_first.get(word, ()):
            if tuple(vormen[i:i + len(words)]) == words:
                found.append((i, i + len(words), phrase))
    return sorted(found, key=lambda f: (f[2], f[0]))


@functools.cache
def _by_first_word(phrases: tuple[str, ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in phrases:
        words = phrase_words(phrase)
        if words:
            index.setdefault(words[0], []).append((words, phrase))
    return index


def _amounts(text: str, woorden: Woorden) -> list[tuple[int, int, Decimal]]:
    """(start, end, euros) of each amount: a number with a currency sign or word, or
    with a unit (miljoen, mld, ...). Only ASCII digits; at most 15 of them."""
    pattern = _amount_pattern(tuple(sorted(woorden.eenheden)), tuple(sorted(woorden.valuta)))
    found = []
    for match in pattern.finditer(text):
        unit = match.group("unit")
        if not (match.group("v1") or unit or match.group("v2")):
            continue
        number = Decimal(match.group("getal").replace(".", "").replace(",", "."))
        if unit:
            number *= woorden.eenheden[unit.lower()]
        found.append((match.start("getal") if not match.group("v1") else match.start(),
                      match.end(), number))
    return found


@functools.cache
def _amount_pattern(eenheden: tuple[str, ...], valuta: tuple[str, ...]) -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in sorted(eenheden, key=len, reverse=True))
    signs = "|".join(re.escape(v) for v in sorted(valuta, key=len, reverse=True))
    return re.compile(
        rf"(?P<v1>(?:{signs})(?![^\W\d_]))?\s*"
        r"(?P<getal>(?<![0-9.,])(?:[0-9]{1,3}(?:\.[0-9]{3}){1,4}|[0-9]{1,15})(?:,[0-9]{1,6})?"
        r"(?![0-9]))"
        rf"(?:\s*(?P<unit>(?:{units}))(?![^\W\d_]))?(?:\s*(?P<v2>(?:{signs})(?![^\W\d_])))?",
        re.IGNORECASE)


def _decimal_text(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def vind(text: str, labels: Labels, woorden: Woorden) -> list[Vondst]:
    """Every value in *text*, in the order of the text."""
    toks = tokens(text)
    vormen = [t.form for t in toks]
    found: list[Vondst] = []
    used: set[int] = set()  # token indexes that belong to an amount or chapter number

    def index_of(offset: int) -> int:
        return next((i for i, t in enumerate(toks) if t.end > offset), len(toks))

    for start, end, number in _amounts(text, woorden):
        first, last = index_of(start), index_of(end)
        used.update(range(first, last))
        before = " ".join(vormen[max(0, first - 4):first])
        onder = any((" " + before).endswith(" " + fold(cue)) for cue in woorden.ondergrens)
        found.append(Vondst("bedrag", "ondergrens" if onder else "waarde",
                            _decimal_text(number), text[start:end].strip(), first, last))
    for i, token in enumerate(toks):
        if (token.form in woorden.hoofdstuk and i + 1 < len(toks)
                and toks[i + 1].form.isdigit() and len(toks[i + 1].form) <= 2):
            used.add(i + 1)
            found.append(Vondst("hoofdstuk", "hoofdstuk", str(int(toks[i + 1].form)),
                                f"{token.text} {toks[i + 1].text}", i, i + 2))
    for i, token in enumerate(toks):
        if (i not in used and len(token.form) == 4 and token.form.isdigit()
                and 1900 <= int(token.form) <= 2099):
            found.append(Vondst("jaar", "jaar", token.form, token.text, i, i + 1))
    for begin, end, phrase in _phrase_at(vormen, woorden.jaren):
        found.append(Vondst("jaar", "jaar", woorden.jaren[phrase], phrase, begin, end))
    for begin, end, phrase in _phrase_at(vormen, woorden.waarden):
        name, value = woorden.waarden[phrase]
        found.append(Vondst("waarde", name, value, phrase, begin, end))
    found.extend(_concepts(toks, labels))
    zoekterm = _zoekterm(text, toks, woorden)
    if zoekterm is not None:
        found.append(zoekterm)
    return sorted(found, key=lambda v: v.begin)


def _concepts(toks: Sequence[Token], labels: Labels) -> list[Vondst]:
    words = [t.stem for t in toks]
    spans: list[tuple[int, int, str, str, str]] = []
    for begin, end, key in _spans(labels.concepten, labels.concept_lengtes, words):
        for groep, iri in sorted(labels.concepten[key]):
            spans.append((begin, end, groep, iri, "concept"))
    for begin, end, key in _spans(labels.hoofdstukken, labels.hoofdstuk_lengtes, words):
        spans.append((begin, end, "hoofdstuk", labels.hoofdstukken[key], "hoofdstuk"))
    found = []
    for begin, end, groep, value, soort in _greedy(spans):
        words_typed = " ".join(t.text for t in toks[begin:end])
        found.append(Vondst(soort, groep, value, words_typed, begin, end))
    return found


def _zoekterm(text: str, toks: Sequence[Token], woorden: Woorden) -> Vondst | None:
    """A quoted phrase, or the words after a search cue ("zoek naar ...")."""
    vormen = [t.form for t in toks]
    quoted = _QUOTED.search(text)
    if quoted and quoted.group(1).strip():
        first = next((i for i, t in enumerate(toks) if t.end > quoted.start()), 0)
        last = next((i for i, t in enumerate(toks) if t.start >= quoted.end()), len(toks))
        return Vondst("zoekterm", "zoekterm", quoted.group(1).strip(), quoted.group(0),
                      first, last)
    for cue in woorden.zoeken:
        hits = _phrase_at(vormen, [cue])
        if hits:
            begin, end, _ = hits[0]
            rest = " ".join(w for w in vormen[end:] if w not in woorden.stopwoorden)
            if rest:
                return Vondst("zoekterm", "zoekterm", rest[:100], rest[:100], begin,
                              len(vormen))
    return None


@dataclass(frozen=True)
class Invulling:
    """The values a question takes from the text (as `vngkb ask` takes them), and the
    value found for each."""

    waarden: dict[str, str]
    bronnen: dict[str, Vondst]


def past(parameter: Parameter, vondst: Vondst, hoofdstuk_woorden: frozenset[str]) -> bool:
    """Whether *vondst* can be a value of *parameter*."""
    if parameter.kind == "year":
        return vondst.soort == "jaar"
    if parameter.kind == "iri":
        return (vondst.soort == "concept" and parameter.scheme is not None
                and vondst.groep == parameter.scheme.rstrip("/"))
    if parameter.kind == "integer":
        return vondst.soort == "hoofdstuk" and parameter.name in hoofdstuk_woorden
    if parameter.kind == "decimal":
        return vondst.soort == "bedrag"
    if parameter.lang:
        return vondst.soort == "zoekterm"
    return vondst.soort == "waarde" and vondst.groep == parameter.name


def slots_van(parameter: Parameter, hoofdstuk_woorden: frozenset[str]) -> set[str]:
    """The slot tokens of the values *parameter* can take."""
    if parameter.kind == "year":
        return {"#jaar"}
    if parameter.kind == "iri" and parameter.scheme:
        return {"#" + parameter.scheme.rstrip("/").rsplit("/", 1)[-1]}
    if parameter.kind == "integer" and parameter.name in hoofdstuk_woorden:
        return {"#hoofdstuk"}
    if parameter.kind == "decimal":
        return {"#bedrag", "#ondergrens"}
    if parameter.kind == "string" and parameter.lang:
        return {"#zoekterm"}
    return {"#" + parameter.name}


def vul_in(question: Question, vondsten: Sequence[Vondst], woorden: Woorden) -> Invulling:
    """The first fitting value for each parameter, as ``vngkb ask`` takes it."""
    waarden: dict[str, str] = {}
    bronnen: dict[str, Vondst] = {}
    for parameter in question.parameters:
        for vondst in vondsten:
            if past(parameter, vondst, woorden.hoofdstuk):
                value = vondst.waarde
                if parameter.kind == "iri" and parameter.scheme:
                    value = value.removeprefix(parameter.scheme.rstrip("/") + "/")
                waarden[parameter.name] = value
                bronnen[parameter.name] = vondst
                break
    return Invulling(waarden, bronnen)
