"""The published dataset on the server: the files ``vngkb export`` writes, served where
their DCAT and VoID descriptions say they are.

- ``/download/FILE``: every file of the export (the dumps, ``context.jsonld``,
  ``void.ttl``, ``dcat.ttl``) with its media type; a name the export does not write is
  404, so no path reaches anything else;
- ``/dcat.ttl`` and ``/void.ttl``: the two descriptions;
- ``/.well-known/void``: the VoID description (RFC 5785, VoID section 7.2);
- the IRIs the descriptions mint (``/id/catalogus/...``, ``/id/dataset/...``,
  ``/id/distributie/...``, ``/id/graaf/...``, ...) are described from them, as HTML or RDF,
  by the server's resource pages (:meth:`Publication.site`).

Where the files come from, in this order:

1. a folder given with ``vngkb serve --export DIR``: the files of an earlier
   ``vngkb export`` (with the publisher's own options), served as they are;
2. otherwise the server runs the export itself, once, on the first request of one of
   those paths: into a temporary folder removed when the server stops, on the served
   base, with the served ``/sparql`` as the SPARQL endpoint and the served home page as
   the landing page, so every URL of the descriptions under the base answers.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

import pyoxigraph as ox

from vngkb.core.errors import InputError
from vngkb.i18n import t
from vngkb.publish import dcat, export, void
from vngkb.rdf.files import shown
from vngkb.server.resources import Site

#: The well-known path of a VoID description.
WELL_KNOWN_VOID = "/.well-known/void"
DCAT_FILE = export.DCAT_FILE
VOID_FILE = void.VOID_FILE


def media_type(name: str) -> str:
    """The media type of an exported file, with the charset of the text ones.

    >>> media_type("vngkb.nt"), media_type("dcat.ttl")
    ('application/n-triples', 'text/turtle; charset=utf-8')
    """
    media = export.media_type_of(name)
    return media + "; charset=utf-8" if media.startswith("text/") else media


def check_folder(folder: Path) -> Path:
    """*folder* when it holds an export (at least its ``dcat.ttl``), else a one-line
    :class:`InputError` naming it."""
    where = shown(folder)
    try:
        if not folder.is_dir():
            raise InputError(t("serve_export_not_a_folder", path=where))
        if not (folder / export.DCAT_FILE).is_file():
            raise InputError(t("serve_export_no_dcat", path=where, dcat=export.DCAT_FILE))
    except (OSError, ValueError) as error:
        raise InputError(t("serve_export_unreadable", path=where,
                           reason=getattr(error, "strerror", None) or error)) from None
    return folder


class Publication:
    """The export served by one server on *base* (see the module docstring)."""

    def __init__(self, base: str, folder: Path | None = None) -> None:
        self.base = base
        self._given = None if folder is None else check_folder(folder)
        self._built: Path | None = None
        self._lock = threading.Lock()
        self._site: Site | None = None

    def folder(self) -> Path:
        """The folder with the files: the given one, or the export built on first use."""
        if self._given is not None:
            return self._given
        with self._lock:
            if self._built is None:
                built = Path(tempfile.mkdtemp(prefix="vngkb-serve-export-"))
                try:
                    export.export(built, base=self.base, options=dcat.DcatOptions(
                        endpoint_url=f"{self.base}/sparql", landing_page=f"{self.base}/"))
                except BaseException:
                    shutil.rmtree(built, ignore_errors=True)
                    raise
                self._built = built
            return self._built

    def file(self, name: str) -> Path | None:
        """The exported file called *name*, or None (not a name the export writes, or
        not in the folder)."""
        if name not in export.written_names():
            return None
        path = self.folder() / name
        return path if path.is_file() else None

    def site(self) -> Site:
        """The resources the descriptions (``dcat.ttl``, ``void.ttl``) describe, as the
        pages read them."""
        with self._lock:
            if self._site is not None:
                return self._site
        store = ox.Store()
        for name in (export.DCAT_FILE, void.VOID_FILE):
            path = self.file(name)
            if path is not None:
                store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        with self._lock:
            self._site = Site(store, self.base)
            return self._site

    def close(self) -> None:
        """Remove the folder the server built (a given folder is left alone)."""
        with self._lock:
            if self._built is not None:
                shutil.rmtree(self._built, ignore_errors=True)
                self._built = None


__all__ = ["DCAT_FILE", "VOID_FILE", "WELL_KNOWN_VOID", "Publication", "check_folder", "media_type"]
