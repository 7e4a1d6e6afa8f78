"""``vngkb serve``: the KB as linked data over HTTP. A read-only SPARQL 1.1 endpoint,
dereferenceable ``id``/``doc``/``def`` URIs with content negotiation, and HTML pages
for measures, chapters, ministries, instruments, the vocabulary and the canned
questions. :func:`create_app` builds the ASGI application (see :mod:`.app`).

The package is imported lazily: the query worker processes import only
:mod:`vngkb.server.pool`, not the web framework.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vngkb.server.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from vngkb.server.app import create_app

        return create_app
    raise AttributeError(name)
