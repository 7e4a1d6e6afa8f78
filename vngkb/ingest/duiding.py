"""What a measure's text says beyond its amounts: the VNG's stance (with the words it
rests on), effect types, themes, the laws it names (matched against the law list, or new
without an invented id), entries into force, and conditions of funding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vngkb.ingest.bedragen import concept_patterns
from vngkb.ingest.passage import Passage, Zin
from vngkb.ingest.woordenschat import Woordenschat

_MONTHS = {"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
           "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12}
#: Words that end a law's name ("de Wet X is ...", "de Wet X in 2021").
_LAW_STOP = {"is", "wordt", "worden", "zal", "zijn", "per", "in", "die", "dat", "om", "te",
             "door", "moet", "kan", "gaat", "treedt", "treden", "heeft", "ter", "tot", "bij",
             "als", "nog", "niet", "naar", "welke", "waarin", "waarmee", "waardoor", "dan",
             "ook", "al", "wel", "na", "aan", "uit", "onder", "over", "binnen", "zoals", "met",
             "wat", "we", "wij", "het", "de", "en", "of", "een", "voor", "op", "van",
             "aangekondigd", "aangenomen", "ingevoerd", "gewijzigd", "voorgesteld",
             "ingediend", "vastgesteld", "uitgesteld", "geregeld", "bepaald", "verplicht"}
_LAW_INNER = {"op", "de", "het", "van", "voor", "en", "inzake", "tot", "ter", "in"}


@dataclass
class Standpunt:
    stance: str
    passages: list[Zin]
    rule: str
    certainty: float


@dataclass
class Wetvermelding:
    name: str
    #: the law's IRI when it is on the law list, else None (a new law, no invented id)
    known: str | None
    bwb: str | None
    zin: Zin
    rule: str


@dataclass
class Inwerkingtreding:
    label: str
    date: str  # xsd lexical form
    datatype: str  # date, gYearMonth, gYear
    year: int
    status: str
    zin: Zin
    law: Wetvermelding | None
    rule: str


@dataclass
class Voorwaarde:
    kind: str
    zin: Zin
    rule: str
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None


@dataclass
class Duiding:
    stance: Standpunt
    effects: list[tuple[str, str]] = field(default_factory=list)  # (effect type, rule)
    themes: list[tuple[str, str]] = field(default_factory=list)  # (theme slug, rule)
    laws: list[Wetvermelding] = field(default_factory=list)
    entries: list[Inwerkingtreding] = field(default_factory=list)
    conditions: list[Voorwaarde] = field(default_factory=list)


#: A sentence in the VNG's own voice: its judgement, not a description of others'.
_OWN_VOICE = re.compile(r"\b(?:wij|we|ons|onze|VNG)\b", re.IGNORECASE)
#: The order in which stances win a tie of weights.
_TIE_ORDER = ("bezorgd", "kritisch", "positief", "afwachtend")


@dataclass
class _Hit:
    zin: Zin
    words: str
    weight: int
    offset: int  # of the words in the sentence


def _hits(effect: Passage, vocab: Woordenschat, category: str) -> dict[str, list[_Hit]]:
    """Per stance the sentences that hold one of its cue words (the first such cue per
    sentence), each weighing 2 in the VNG's own voice and 1 otherwise."""
    hits: dict[str, list[_Hit]] = {}
    for zin in effect.sentences():
        weight = 2 if _OWN_VOICE.search(zin.text) else 1
        for cue in vocab.of(category):
            m = cue.pattern.search(zin.text)
            if m:
                hits.setdefault(cue.value, []).append(_Hit(zin, m.group(0), weight, m.start()))
    return hits


def _weight(hits: list[_Hit]) -> int:
    return sum(h.weight for h in hits)


def stance(effect: Passage, vocab: Woordenschat) -> Standpunt:
    """The VNG's stance read from "Wat betekent dit voor gemeenten?".

    Every sentence is searched for the stance cue words of ``woorden.tsv``; a sentence in
    the VNG's own voice (wij, we, ons, VNG) weighs 2, another 1. Words of approval beside
    words of objection, or followed by a turn ("..., maar ... niet") in the same or a
    later sentence, or by a plain ", maar" in their own sentence, give "gemengd"; beside
    words of concern they give "gemengd" when both weigh the same. Otherwise the
    heaviest stance wins (ties: bezorgd, kritisch, positief, afwachtend); when no such
    word stands, a request of the VNG ("wij vragen het kabinet", "dringen aan op")
    counts as an objection, then weak cues ("in gesprek", "risico") decide; no cue at
    all gives "neutraal" (the section informs). The rule names the
    words, and the passages are the sentences that hold them."""
    hits = _hits(effect, vocab, "standpunt")
    approval = hits.get("positief", [])
    if approval:
        first = approval[0]
        turns = [h for h in _hits(effect, vocab, "standpunttegen").get("gemengd", [])
                 if (h.zin.start, h.offset) > (first.zin.start, first.offset - 1)]
        # a plain ", maar" turns only the sentence of the approval before it
        turns += [h for h in _hits(effect, vocab, "standpuntmaar").get("gemengd", [])
                  if any(a.zin == h.zin and a.offset < h.offset for a in approval)]
        against = hits.get("kritisch", []) + turns
        concern = hits.get("bezorgd", [])
        if concern and _weight(concern) == _weight(approval):
            against += concern  # as much concern as approval (else the heavier wins)
        if against:
            against.sort(key=lambda h: (h.zin.start, h.offset))
            return _standpunt("gemengd", [first, against[0]], len(against) + len(approval))
    if not any(hits.values()):
        hits = _hits(effect, vocab, "standpuntverzoek")
    if not any(hits.values()):
        hits = _hits(effect, vocab, "standpuntzwak")
        if not hits:
            sentences = list(effect.sentences())
            return Standpunt("neutraal", sentences[:1],
                             "standpunt neutraal: geen woord van oordeel in 'Wat betekent "
                             "dit voor gemeenten?'", 0.3)
    best = max(_TIE_ORDER, key=lambda k: (_weight(hits.get(k, [])), -_TIE_ORDER.index(k)))
    chosen = sorted(hits[best], key=lambda h: -h.weight)[:2]
    chosen.sort(key=lambda h: h.zin.start)
    return _standpunt(best, chosen, sum(len(v) for v in hits.values()))


def _standpunt(chosen: str, used: list[_Hit], count: int) -> Standpunt:
    words = ", ".join(f"'{h.words}'" + (" (VNG)" if h.weight > 1 else "") for h in used)
    passages: list[Zin] = []
    for hit in used:
        if hit.zin not in passages:
            passages.append(hit.zin)
    certainty = 0.6 if count >= 2 else 0.4
    return Standpunt(chosen, passages, f"standpunt {chosen}: {words}", certainty)


def effects(text: str, amount_kinds: list[str], vocab: Woordenschat) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if "beschikbaar" in amount_kinds:
        found.append(("extra-middelen", "effecttype extra-middelen: een bedrag dat beschikbaar "
                                        "komt"))
    for cue in vocab.of("effecttype"):
        m = cue.pattern.search(text)
        if m and cue.value not in [f[0] for f in found]:
            found.append((cue.value, f"effecttype {cue.value}: '{m.group(0)}'"))
    if not found:
        found.append(("geen-direct-effect", "effecttype geen-direct-effect: geen aanwijzing"))
    return found[:3]


def themes(text: str, ministry: str, vocab: Woordenschat) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    counts: dict[str, tuple[int, str]] = {}
    for pattern, slug in concept_patterns(vocab, "thema"):
        hits = pattern.findall(text)
        if hits:
            previous = counts.get(slug, (0, ""))
            counts[slug] = (previous[0] + len(hits), previous[1] or hits[0])
    for slug, (n, word) in sorted(counts.items(), key=lambda kv: -kv[1][0])[:2]:
        found.append((slug, f"thema {slug}: '{word}' ({n}x)"))
    code = ministry.rsplit("mnre", 1)[-1]
    default = next((c.text for c in vocab.of("ministerthema") if c.value == code), None)
    if not found and default:
        found.append((default, f"thema {default}: het thema van het ministerie van het "
                               "hoofdstuk"))
    return found


def laws(passage: Passage, vocab: Woordenschat) -> list[Wetvermelding]:
    """Laws the passage names: a law of the list by its label (or its label without a
    year or with "op de" left out), else a name that looks like a law ("Wet ...",
    "...wet", "...wet 2015"), as a new law without an id."""
    known: list[tuple[re.Pattern[str], str, str, str]] = []
    for iri, (label, bwb) in vocab.laws.items():
        variants = {label, re.sub(r"\s+\d{4}$", "", label), label.replace(" op de ", " "),
                    re.sub(r"\s+\d{4}$", "", label.replace(" op de ", " "))}
        for variant in sorted(variants, key=len, reverse=True):
            known.append((re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)", re.IGNORECASE),
                          iri, label, bwb))
    found: list[Wetvermelding] = []
    seen: set[str] = set()
    for zin in passage.sentences():
        taken: list[tuple[int, int]] = []
        for pattern, iri, label, bwb in known:
            for m in pattern.finditer(zin.text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                if iri not in seen:
                    seen.add(iri)
                    found.append(Wetvermelding(label, iri, bwb, zin,
                                               f"wet: '{m.group(0)}' staat op de wettenlijst "
                                               f"({bwb})"))
        for m in re.finditer(r"(?<![\w-])(?:(Wet)((?:\s+[\w’'-]+){1,7})|([A-Z][\w-]*wet)"
                             r"(\s+\d{4})?)(?![\w-])", zin.text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if m.group(1):
                words = m.group(2).split()
                kept: list[str] = []
                for word in words:
                    bare = word.strip("’'").lower()
                    if bare in _LAW_STOP and not (kept and bare in _LAW_INNER):
                        break
                    kept.append(word)
                while kept and kept[-1].lower() in _LAW_INNER:
                    kept.pop()
                if not kept:
                    continue
                name = "Wet " + " ".join(kept)
            else:
                name = m.group(3) + (m.group(4) or "")
                if name.lower() in ("wet",):
                    continue
            name = name.rstrip(".,;:")
            key = name.lower()
            if key in seen:
                continue
            seen.add(key)
            taken.append((m.start(), m.end()))
            found.append(Wetvermelding(name, None, None, zin,
                                       f"wet: '{name}' (niet op de wettenlijst: nieuw, zonder "
                                       "BWB-id)"))
    return found


def _date(text: str) -> tuple[str, str, int] | None:
    m = re.search(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(20\d\d)\b", text)
    if m:
        day, month, year = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
        if 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}", "date", year
    m = re.search(r"\b(" + "|".join(_MONTHS) + r")\s+(20\d\d)\b", text)
    if m:
        return f"{int(m.group(2)):04d}-{_MONTHS[m.group(1)]:02d}", "gYearMonth", int(m.group(2))
    m = re.search(r"\b(?:in|per|vanaf|op|met ingang van|begin|eind|medio)\s+(20\d\d)\b", text)
    if m:
        return m.group(1), "gYear", int(m.group(1))
    return None


def entries(passage: Passage, found_laws: list[Wetvermelding], vocab: Woordenschat
            ) -> list[Inwerkingtreding]:
    """Sentences that say when a law, bill or system takes effect, with the date at the
    precision printed and the status the words give."""
    result: list[Inwerkingtreding] = []
    for zin in passage.sentences():
        status = None
        for cue in vocab.of("inwerking"):
            m = cue.pattern.search(zin.text)
            if m:
                status = (cue.value, m.group(0))
                break
        if status is None:
            continue
        date = _date(zin.text)
        if date is None:
            continue
        law = next((w for w in found_laws if w.zin == zin), None)
        label = law.name if law else re.sub(r"\s+", " ", zin.text[:80]).strip()
        result.append(Inwerkingtreding(label, date[0], date[1], date[2], status[0], zin, law,
                                       f"inwerkingtreding {status[0]}: '{status[1]}', datum "
                                       f"'{date[0]}'"))
    return result


def conditions(passage: Passage, vocab: Woordenschat) -> list[Voorwaarde]:
    result: list[Voorwaarde] = []
    for zin in passage.sentences():
        for cue in vocab.of("voorwaarde"):
            m = cue.pattern.search(zin.text)
            if not m:
                continue
            cond = Voorwaarde(cue.value, zin, f"voorwaarde {cue.value}: '{m.group(0)}'")
            pct = re.search(r"(minimaal|maximaal|ten minste|tenminste|hooguit)?\s*(\d+(?:,\d+)?)"
                            r"\s*(?:%|procent)", zin.text)
            if pct:
                value = float(pct.group(2).replace(",", "."))
                if pct.group(1) and pct.group(1).lower() in ("maximaal", "hooguit"):
                    cond.maximum = value
                else:
                    cond.minimum = value
                cond.unit = "%"
            result.append(cond)
            break
    return result
