"""vngkb.server.conneg: the media type an Accept header asks for among the ones offered,
by q-value, with wildcards, and none for a header that accepts none of them."""

from __future__ import annotations

from vngkb.server.conneg import best_match


def test_accept_header_negotiation() -> None:
    offers = ["application/sparql-results+json", "text/csv"]
    assert best_match(None, offers) == offers[0]
    assert best_match("", offers) == offers[0]
    assert best_match("text/csv", offers) == "text/csv"
    assert best_match("text/*;q=0.9, application/sparql-results+json;q=0.5", offers) == "text/csv"
    assert best_match("*/*;q=0.1, text/csv;q=0", offers) == offers[0]
    assert best_match("image/png, text/html", offers) is None
    assert best_match("text/csv;q=bogus, nonsense", offers) is None
