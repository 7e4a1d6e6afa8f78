"""Content negotiation: pick the media type to answer with from an ``Accept`` header
(RFC 9110, section 12.5.1), given the types the server can produce.

Each offer is matched against the most specific media range that covers it, and the
offer with the highest quality wins; ties go to the server's order of preference.
No ``Accept`` header, or an empty one, means anything.

>>> best_match("text/html,application/xhtml+xml,*/*;q=0.8", ["text/turtle", "text/html"])
'text/html'
>>> best_match("application/n-triples, text/*;q=0.5", ["text/turtle", "application/n-triples"])
'application/n-triples'
>>> best_match("image/png", ["text/turtle"]) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header."""

    type: str
    subtype: str
    quality: float

    def matches(self, media_type: str) -> int:
        """How specifically this range covers *media_type*: 3 exactly, 2 ``type/*``,
        1 ``*/*``, 0 not at all."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 1
        if self.type != main:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of *header*; malformed elements are skipped."""
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for element in header.split(","):
        media, *params = (part.strip() for part in element.split(";"))
        main, slash, sub = media.lower().partition("/")
        if not slash or not main or not sub:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append(MediaRange(main, sub, quality))
    return ranges


def quality_of(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The quality the client gives *media_type* (0 when no range covers it)."""
    best_specificity, quality = 0, 0.0
    for media_range in ranges:
        specificity = media_range.matches(media_type)
        if specificity > best_specificity:
            best_specificity, quality = specificity, media_range.quality
    return quality


def best_match(header: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers, or None when it accepts none of them (a 406)."""
    ranges = parse_accept(header)
    best: str | None = None
    best_quality = 0.0
    for offer in offers:
        quality = quality_of(ranges, offer)
        if quality > best_quality:
            best, best_quality = offer, quality
    return best
