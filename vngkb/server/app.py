"""The ASGI application: :func:`create_app` builds it for a store and a base.

Routes (paths are the URI strategy's, for whatever base the server is given):

- ``/sparql``: the SPARQL 1.1 Protocol endpoint (see :mod:`vngkb.server.sparql`);
- ``/id/...``: 303 to ``/doc/...``; ``/doc/...``: HTML, or Turtle, JSON-LD and
  N-Triples by Accept header or by extension (``.ttl``, ``.jsonld``, ``.nt``);
- ``/def/`` and ``/def/{term}``: the vocabulary, documented in HTML, or as RDF;
- ``/ministerie/{code}``, ``/resource?iri=``: things with an official identifier
  elsewhere (TOOI ministries, BWB laws);
- ``/``, ``/maatregelen``, ``/ministeries``, ``/instrumenten``: overviews;
- ``/zoeken?q=``: the ranked full-text search (:mod:`vngkb.search`);
- ``/accres``: Tabel 1-3 printed beside computed, with the chart (see
  :mod:`vngkb.server.accres`);
- ``/vragen`` and ``/vragen/{name}``: the canned questions with a form (CSV and JSON
  by ``?format=``); ``/query``: a YASGUI editor on ``/sparql``; ``/static``: assets;
- ``/download/{file}``, ``/dcat.ttl``, ``/void.ttl``, ``/.well-known/void``: the files of
  ``vngkb export`` (see :mod:`vngkb.server.publication`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from vngkb import i18n
from vngkb.core.errors import InputError, VngkbError
from vngkb.core.paths import QUERIES_DIR
from vngkb.core.version import __version__
from vngkb.publish import dcat
from vngkb.publish.void import VoidFacts
from vngkb.query import catalogue
from vngkb.query.catalogue import Parameter, Question, with_allowed_values
from vngkb.query.letters import Letter
from vngkb.query.output import render, to_json
from vngkb.query.store import EmbeddedStore, ResultTable, bind_as_values
from vngkb.rdf.namespaces import BASE, TOOI_MINISTERIE, XSD
from vngkb.rdf.terms import Term
from vngkb.sandbox import guard as sparqlguard
from vngkb.server import answer_cache, description, publication, questionpage, sparql
from vngkb.server.conneg import best_match
from vngkb.server.pool import WorkerPool
from vngkb.server.publication import WELL_KNOWN_VOID, Publication
from vngkb.server.rebase import check_base, prefixes, rebase_question, rebase_store
from vngkb.server.resources import Link, Site, Text, Value
from vngkb.vraag import Router
from vngkb.vraag.tekst import routering_regels

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: Safe defaults: a query may run 10 s and return 10,000 rows (or triples).
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000

#: Page formats by extension and by media type.
RDF_FORMATS = {"ttl": ("text/turtle", ox.RdfFormat.TURTLE),
               "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
               "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES)}
PAGE_OFFERS = ["text/html", "application/xhtml+xml", "text/turtle", "application/ld+json",
               "application/n-triples"]
_EXTENSION_OF = {media: ext for ext, (media, _) in RDF_FORMATS.items()}

#: Content Security Policy of every HTML page: nothing is loaded from elsewhere.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'")

EXAMPLE_QUERY = """PREFIX def: <{defns}>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>

# Bedragen per maatregel, grootste eerst
SELECT ?maatregel ?titel ?bedrag ?waarde WHERE {{
  ?maatregel a def:Maatregel ; dct:title ?titel ; def:bedrag ?bedrag .
  ?bedrag schema:value ?waarde .
}}
ORDER BY DESC(?waarde)
LIMIT 25
"""


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.globals["version"] = __version__
    # The pages' own words in the language chosen when the server started (--lang).
    env.globals.update({"_": i18n._, "ngettext": i18n.ngettext, "pgettext": i18n.pgettext})
    env.globals["lang"] = i18n.current_lang
    from vngkb.i18n import format_amount, format_number
    from vngkb.search.render import field_label, kind_label

    # Numbers as people read them: 11.343 triples, € 1.000.000.000.
    env.filters["number"] = format_number
    env.filters["amount"] = format_amount
    from vngkb.server.questionpage import mark_literals

    env.filters["literals"] = mark_literals
    env.globals["search_kind"] = kind_label  # kinds of hit and their texts, per language
    env.globals["search_field"] = field_label
    return env


class _Pages:
    """The handlers, closed over one site (store, base, catalogue, templates)."""

    def __init__(self, store: ox.Store, base: str, pool: WorkerPool, max_rows: int,
                 timeout: float, cache_bytes: int = answer_cache.DEFAULT_CACHE_BYTES,
                 publication: Publication | None = None) -> None:
        self.site = Site(store, base)
        self.publication = publication or Publication(base)
        self.base = base
        self.pool = pool
        self.backend = EmbeddedStore(store)
        self.prefixes = prefixes(base)
        # /sparql: look-ups from the server's own copy, repeated requests from a cache
        # of answers (the store does not change while the server runs).
        self.lookups = answer_cache.LookupAnswerer(store, pool.prefixes)
        self.answers = answer_cache.ResponseCache(cache_bytes) if cache_bytes > 0 else None
        self.endpoint = sparql.EndpointConfig(max_rows=max_rows,
                                              base_iri=description.base_iri(base),
                                              describe=self.service_description)
        self._void: VoidFacts | None = None  # the served store's VoID counts, on first use
        self.timeout = timeout
        self.env = _env()
        self.questions: dict[str, Question] = {}
        self._router: Router | None = None  # the vraag router, built on the first /vraag
        self._letters: list[Letter] | None = None  # the KB's letters, read on first use
        #: The letters of the KB's folder with their accres.ttl (None: none), for /accres.
        self._accres_letters: dict[Letter, Path | None] | None = None
        self.accres_views: dict[str, dict[str, Any]] = {}
        for name, question in catalogue.load_catalogue(QUERIES_DIR).items():
            rebased = rebase_question(question, base)
            if base != BASE:  # queries may rely on the default prefixes: give them rebased
                rebased = _with_prefixes(rebased, base)
            self.questions[name] = with_allowed_values(rebased, self.backend)

    # --- helpers -------------------------------------------------------------------------

    def html(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        body = self.env.get_template(template).render(base=self.base, **context)
        return HTMLResponse(body, status_code=status,
                            headers={"Content-Security-Policy": CSP, "Vary": "Accept"})

    def not_found(self, what: str, hint: str | None = None) -> HTMLResponse:
        message = i18n.t("web_not_found_text", what=what)
        return self.html("error.html", status=404, title=i18n.t("web_not_found"),
                         message=f"{message} {hint[:1].upper()}{hint[1:]}" if hint else message)

    def rdf(self, triples: list[ox.Triple], ext: str) -> Response:
        media, fmt = RDF_FORMATS[ext]
        if ext == "jsonld":
            # Compacted with the context the export ships (context.jsonld), given in full
            # so that the answer reads on its own: dct:title, not its full IRI.
            from vngkb.publish.export import compact_jsonld, context_document

            body = compact_jsonld(triples, self.base, context_document(self.base)["@context"])
            return Response(body, media_type=media, headers={"Vary": "Accept"})
        body = ox.serialize(triples, format=fmt,
                            prefixes=self.prefixes if ext == "ttl" else None) or b""
        charset = "; charset=utf-8" if media.startswith("text/") else ""
        return Response(body, media_type=media + charset, headers={"Vary": "Accept"})

    @staticmethod
    def negotiate(request: Request, ext: str | None) -> str | None:
        """'html', an RDF extension, or None (406)."""
        if ext is not None:
            return ext
        chosen = best_match(request.headers.get("accept"), PAGE_OFFERS)
        if chosen is None:
            return None
        return _EXTENSION_OF.get(chosen, "html")

    def not_acceptable(self) -> Response:
        return Response("406 Not Acceptable: this page is available as text/html, "
                        "text/turtle, application/ld+json and application/n-triples\n",
                        status_code=406, media_type="text/plain; charset=utf-8")

    def resource_response(self, request: Request, iri: str, ext: str | None,
                          alternate: str,
                          page: Callable[[], Response] | None = None) -> Response:
        """The page of *iri*: HTML (*page*, else the view of its kind), or its
        description as RDF."""
        fmt = self.negotiate(request, ext)
        if fmt is None:
            return self.not_acceptable()
        site = self.knower(iri)
        if site is None:
            return self.not_found(f"<{iri}>")
        if fmt != "html":
            return self.rdf(site.describe(iri), fmt)
        if page is not None:
            return page()
        kind = site.kind(iri)
        view: Callable[[str], dict[str, Any]] = getattr(site, kind)
        return self.html(f"{kind}.html", r=view(iri), iri=iri, alternates=_alternates(alternate))

    def knower(self, iri: str) -> Site | None:
        """The site that describes *iri*: the KB's, or (for the catalogue, datasets,
        distributions, graphs ... that ``dcat.ttl`` and ``void.ttl`` mint) the published
        descriptions'; None when neither does."""
        if self.site.exists(iri):
            return self.site
        kind = iri[len(self.site.id):].partition("/")[0] if iri.startswith(self.site.id) else ""
        if kind in dcat.MINTED_KINDS:
            described = self.publication.site()
            if described.has_subject(iri):
                return described
        return None

    # --- routes --------------------------------------------------------------------------

    @property
    def letters(self) -> list[Letter]:
        """The KB's letters, oldest first."""
        if self._letters is None:
            from vngkb.query.letters import letters

            self._letters = letters(self.backend)
        return self._letters

    def chosen_letter(self, request: Request) -> Letter | None:
        """The letter ``?brief=`` names (id, IRI or budget year, as ``--letter`` takes
        it), else the newest; None for a KB without letters. An unknown letter raises
        :class:`LetterError` (the page answers 400 with its one line)."""
        from vngkb.query.letters import choose

        value = request.query_params.get("brief")
        if not self.letters and value is None:
            return None
        return choose(self.letters, value)

    def letter_error(self, problem: InputError) -> HTMLResponse:
        return self.html("error.html", status=400, title=i18n.t("web_letter"),
                         message=str(problem))

    def home(self, request: Request) -> Response:
        try:
            letter = self.chosen_letter(request)
        except InputError as problem:
            return self.letter_error(problem)
        shown = None if letter is None else letter.id
        return self.html("home.html", counts=self.site.counts(shown),
                         chapters=self.site.chapters(shown),
                         ministries=self.site.ministries(shown),
                         instruments=self.site.instruments(shown),
                         questions=list(self.questions.values()),
                         letters=self.letters, letter=letter)

    def measures(self, request: Request) -> Response:
        try:
            letter = self.chosen_letter(request)
        except InputError as problem:
            return self.letter_error(problem)
        return self.html("measures.html",
                         measures=self.site.measures(None if letter is None else letter.id),
                         letters=self.letters, letter=letter)

    def published_file(self, name: str) -> Response:
        path = self.publication.file(name)
        if path is None:
            return self.not_found(f"/download/{name[:200]}")
        return FileResponse(path, media_type=publication.media_type(name))

    def download(self, request: Request) -> Response:
        return self.published_file(request.path_params["name"])

    def accres(self, request: Request) -> Response:
        # The letter: ?brief= among those with modelled accres tables (as `vngkb accres`),
        # else the newest that has them. Computed once per letter and language: the tables
        # and the chart depend only on the letter's accres.ttl; statuses and reasons are in
        # the page's language.
        from vngkb import finance
        from vngkb.query.letters import accres_file, choose, folder_letters

        if self._accres_letters is None:  # read once: the letters and their accres files
            # Only tables the finance module models (as `vngkb accres`): another letter's
            # are printed figures without computed ones, which the questions show.
            found = {x: accres_file(x) for x in folder_letters()}
            self._accres_letters = {x: path if path is not None and finance.models(path)
                                    else None for x, path in found.items()}
        files = self._accres_letters
        try:
            letter = choose(list(files), request.query_params.get("brief"),
                            having=lambda x: files[x] is not None,
                            what=i18n.t("letter_accres"))
        except InputError as problem:
            return self.letter_error(problem)
        kb_file = files[letter]
        lang = i18n.current_lang()
        key = f"{lang} {letter.id}"
        if key not in self.accres_views:
            from vngkb.server import accres

            self.accres_views[key] = {"tables": accres.letter_tables(kb_file),
                                      "not_reproduced": accres.not_reproduced(kb_file),
                                      "checks": accres.audit_rows(kb_file),
                                      "audit_value": accres.audit_value,
                                      "chart": accres.chart_svg(kb_file),
                                      "no_chart": i18n._(
                                          "De grafiek (dezelfde als `vngkb accres --plot`) "
                                          "heeft matplotlib nodig: pip install 'vngkb[plot]'.")}
        with_tables = [x for x, path in files.items() if path is not None]
        return self.html("accres.html", letter=letter, letters=with_tables,
                         **self.accres_views[key])

    def ministries(self, request: Request) -> Response:
        return self.html("ministries.html", ministries=self.site.ministries())

    def instruments(self, request: Request) -> Response:
        return self.html("instruments.html", instruments=self.site.instruments())

    def moved(self, path: str, folder: str, ext: str | None = None) -> Response | None:
        """A permanent redirect (301) from the page of a replaced IRI to its successor's
        (``/id/maatregel/woningbouw`` to ``/id/maatregel/{letter}/woningbouw``), or None."""
        successor = self.site.replacement(self.site.iri_for_doc(path))
        if successor is None or not successor.startswith(self.site.id):
            return None
        target = folder + quote(successor[len(self.site.id):], safe="/")
        return RedirectResponse(target + (f".{ext}" if ext else ""), status_code=301)

    def id_redirect(self, request: Request) -> Response:
        path: str = request.path_params["path"]
        moved = self.moved(path, "/id/")
        if moved is not None:
            return moved
        if self.knower(self.site.iri_for_doc(path)) is None:
            return self.not_found(f"<{self.site.iri_for_doc(path)}>")
        target = "/doc/" + quote(path, safe="/")
        return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})

    def doc(self, request: Request) -> Response:
        path, ext = _split_extension(request.path_params["path"])
        moved = self.moved(path, "/doc/", ext)
        if moved is not None:
            return moved
        alternate = "/doc/" + quote(path, safe="/")
        return self.resource_response(request, self.site.iri_for_doc(path), ext, alternate)

    def ministry(self, request: Request) -> Response:
        code: str = request.path_params["code"]
        code, ext = _split_extension(code)
        return self.resource_response(request, TOOI_MINISTERIE + code, ext,
                                      "/ministerie/" + code)

    def external(self, request: Request) -> Response:
        iri = request.query_params.get("iri", "")
        ext = request.query_params.get("format")
        if ext is not None and ext not in RDF_FORMATS and ext != "html":
            return self.not_acceptable()
        if not iri or not self.site.has_subject(iri):
            return self.not_found(f"<{iri}>" if iri else i18n.t("web_this_page"))
        return self.resource_response(request, iri, ext,
                                      "/resource?" + urlencode({"iri": iri}))

    def vocabulary(self, request: Request) -> Response:
        ext = request.path_params.get("ext")
        if ext is not None and ext not in RDF_FORMATS:
            return self.not_found(f"/def.{ext}")
        fmt = self.negotiate(request, ext)
        if fmt is None:
            return self.not_acceptable()
        if fmt != "html":
            return self.rdf(self.site.vocabulary_triples(), fmt)
        return self.html("vocabulary.html", v=self.site.vocabulary(), iri=self.site.defns,
                         alternates=_alternates("/def"))

    def term(self, request: Request) -> Response:
        name, ext = _split_extension(request.path_params["name"])
        iri = self.site.iri_for_def(name)
        alternate = "/def/" + quote(name, safe="/")
        return self.resource_response(request, iri, ext, alternate, page=lambda: self.html(
            "term.html", t=self.site.term(iri), r=self.site.resource(iri), iri=iri,
            alternates=_alternates(alternate)))

    def question_list(self, request: Request) -> Response:
        return self.html("questions.html", questions=list(self.questions.values()),
                         plain=questionpage.plain)

    def question(self, request: Request) -> Response:
        name: str = request.path_params["name"]
        question = self.questions.get(name)
        if question is None:
            return self.not_found(i18n.t("web_the_question", name=name[:200]),
                                  i18n.did_you_mean(name, list(self.questions)))
        params = request.query_params
        fmt = params.get("format", "html")
        if fmt not in ("html", "csv", "json"):
            return Response("unknown format: choose html, csv or json\n", status_code=400,
                            media_type="text/plain; charset=utf-8")
        try:  # a repeated parameter (?jaar=2019&jaar=2020) is refused, not "last one wins"
            values = catalogue.single_values(
                (k, v) for k, v in params.multi_items()
                if k not in ("format", "run") and not (v == "" and _is_parameter(question, k)))
        except InputError as problem:
            return Response(f"{problem}\n", status_code=400,
                            media_type="text/plain; charset=utf-8")
        # Like Datasette: the answer at once with the defaults, the form above it for
        # other values; only a question with a required value and no default waits.
        ready = all(p.optional or p.default is not None or p.name in values
                    for p in question.parameters)
        # A question that compares letters, on a KB of one letter, would compare that
        # letter with itself: the page says so and waits for an explicit request.
        alone = question.compares_letters and len(self.letters) < 2
        note = i18n._("Deze vraag vergelijkt twee brieven; deze KB bevat er één.") \
            if alone else None
        ready = ready and not alone
        submitted = fmt != "html" or "run" in params or bool(values) or ready
        table: ResultTable | None = None
        error = None
        bound_query = None
        if submitted:
            try:
                bindings = question.bindings(values)
                bound_query = bind_as_values(question.query, bindings)
                table = self.backend.select(question.query, bindings)
            except InputError as problem:
                error = str(problem)
        if fmt != "html":
            if error is not None or table is None:
                return Response(f"{error}\n", status_code=400,
                                media_type="text/plain; charset=utf-8")
            return _table_response(table, fmt)
        shown = {p.name: values.get(p.name, p.default or "") for p in question.parameters}
        links = {f: f"/vragen/{name}?" + urlencode({**values, "format": f})
                 for f in ("csv", "json")} if table is not None else {}
        editor = ("/query?" + urlencode({"query": bound_query})) if bound_query else None
        return self.html(
            "question.html", status=400 if error else 200, q=question, shown=shown,
            description=questionpage.plain(question.description),
            fields=[self._field(p) for p in question.parameters], error=error,
            table=self._table_view(table, question) if table is not None else None,
            links=links, editor=editor, note=note)

    def vraag(self, request: Request) -> Response:
        """``/vraag?tekst=...``: a question in plain Dutch, routed to a canned question
        (see :mod:`vngkb.vraag`); the page shows which one, with which values, and the
        answer, or says it is not sure and shows the text search."""
        tekst = request.query_params.get("tekst", "")
        chosen = request.query_params.get("brief")
        letters: dict[str, Any] = {
            "letters": self.letters,
            "letter": next((x for x in self.letters if x.id == chosen), None)}
        if not tekst.strip():  # the page itself, before a question: the box, no error
            return self.html("vraag.html", tekst=tekst, error=None, routering=None, **letters)
        if self._router is None:
            self._router = Router(list(self.questions.values()), self.backend)
        try:
            antwoord = self._router.beantwoord(tekst, self.backend, chosen)
        except InputError as problem:
            return self.html("vraag.html", status=400, tekst=tekst, error=str(problem),
                             routering=None, **letters)
        letters["letter"] = antwoord.routering.brief
        routering = antwoord.routering
        link = None
        if routering.zeker:
            link = f"/vragen/{routering.vraag.name}?" + urlencode({**routering.waarden,
                                                                   "run": "1"})
        return self.html("vraag.html", tekst=tekst, error=None, **letters,
                         regels=routering_regels(antwoord),
                         routering=routering, link=link, zoekterm=antwoord.zoekterm,
                         kandidaten=routering.kandidaten[:3],
                         table=self._table_view(antwoord.tabel, routering.vraag
                                                if routering.zeker else None))

    def _field(self, parameter: Parameter) -> dict[str, Any]:
        """How the form asks for *parameter*."""
        options: list[tuple[str, str]] = []
        suggestions: list[tuple[str, str]] = []
        if parameter.allowed and parameter.kind == "iri":
            # Members of a class without a namespace (laws) are allowed by their full IRI.
            options = [(a, self.site.label(f"{parameter.scheme}/{a}" if parameter.scheme
                                           else a)) for a in parameter.allowed]
        elif parameter.allowed:
            options = [(a, a) for a in parameter.allowed]
        elif parameter.kind == "iri" and parameter.default:
            kinds = self.site.types(parameter.default)
            same = sorted({i for t in kinds for i in self.site.of_type(t)})
            suggestions = sorted(((i, self.site.label(i)) for i in same),
                                 key=lambda pair: pair[1].lower())
        # One possible value is no choice: the form does not ask (the value still holds).
        only = len(options) == 1 and not parameter.optional
        return {"p": parameter, "options": options, "suggestions": suggestions,
                "only": only, "help": questionpage.plain(parameter.description)}

    def _table_view(self, table: ResultTable, question: Question | None = None
                    ) -> dict[str, Any]:
        """The answer for the page: headings in words (``laatste jaar``, not
        ``laatsteJaar``), numbers right-aligned in Dutch notation, amounts as € 1.000.000."""
        from vngkb.i18n import EURO_COLUMNS, column_label

        if table.boolean is not None:
            return {"boolean": table.boolean, "columns": [], "rows": []}
        numeric = [bool(table.rows) and all(_is_number(row[i]) for row in table.rows)
                   for i in range(len(table.columns))]
        unit = table.columns.index("eenheid") if "eenheid" in table.columns else None
        rows = []
        for row in table.rows:
            unit_term = None if unit is None else row[unit]
            in_euros = unit_term is None or unit_term.value == "EUR"
            rows.append([None if t is None else self._cell(
                t, euro=in_euros and column in EURO_COLUMNS)
                for column, t in zip(table.columns, row, strict=True)])
        labels = question.labels if question is not None else {}
        columns = [{"name": c, "label": column_label(c, labels), "numeric": n}
                   for c, n in zip(table.columns, numeric, strict=True)]
        # A title beside the IRI it titles (titel or maatregelTitel beside maatregel) is
        # shown once: the link to the IRI's page carries the title. CSV and JSON keep both.
        shown = [i for i, c in enumerate(table.columns)
                 if not _titles_a_link(c, table) and not self._repeats_a_link(i, rows)]
        return {"boolean": None, "columns": [columns[i] for i in shown],
                "rows": [[row[i] for i in shown] for row in rows]}

    @staticmethod
    def _repeats_a_link(column: int, rows: list[list[Value | None]]) -> bool:
        """True when every cell of *column* is text that a link in its row shows too."""
        if not rows or not any(isinstance(row[column], Text) for row in rows):
            return False
        def shown_by(other: int, row: list[Value | None]) -> bool:
            cell, link = row[column], row[other]
            return cell is None or (isinstance(cell, Text) and isinstance(link, Link)
                                    and cell.text == link.label)

        return any(other != column and all(shown_by(other, row) for row in rows)
                   for other in range(len(rows[0])))

    def _cell(self, term: Term, *, euro: bool = False) -> Value:
        from vngkb.i18n import format_amount, format_number

        if term.kind == "iri":
            return self.site.link(term.value)
        if term.kind == "bnode":
            return Text("_:" + term.value)
        datatype = term.datatype.rsplit("#", 1)[-1] if term.datatype else None
        if datatype in ("decimal", "double", "integer", "float"):
            value = term.to_python()
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10_000:
                return Text(term.value, sort=term.value)  # years, line numbers, counts
            if isinstance(value, (Decimal, float, int)) and not isinstance(value, bool):
                # Numbers as people write them (1.286.315), sorted by their value.
                return Text(format_amount(value) if euro else format_number(value),
                            sort=term.value)
        if datatype in ("integer", "decimal", "gYear", "boolean", "double", "float"):
            datatype = None  # plain to read in a table of answers
        return Text(term.value, term.lang, datatype)

    def search(self, request: Request) -> Response:
        """``/zoeken?q=TERMEN[&wijze=any]``: the ranked full-text search of vngkb.search."""
        from vngkb.search import zoek

        terms = request.query_params.get("q", "")
        mode = "any" if request.query_params.get("wijze") == "any" else "all"
        context: dict[str, Any] = {"zoekterm": terms, "wijze": mode, "hits": None,
                                   "error": None, "letters": self.letters, "letter": None}
        try:
            letter = self.chosen_letter(request)
            context["letter"] = letter
            if terms.strip():
                context["hits"] = [(hit, _doc_path(hit.iri), _doc_path(hit.measure))
                                   for hit in zoek(terms, mode=mode, limit=50,
                                                   brief=None if letter is None
                                                   else letter.id)]
        except InputError as error:
            context["error"] = str(error)
        return self.html("search.html", status=400 if context["error"] else 200, **context)

    def query_page(self, request: Request) -> Response:
        example = EXAMPLE_QUERY.format(defns=self.site.defns)
        return self.html("query.html", example=example, timeout=self.timeout,
                         max_rows=self.endpoint.max_rows)

    def service_description(self, request: Request) -> Response | None:
        """``GET /sparql`` without a query: the SPARQL 1.1 Service Description (Turtle by
        default, JSON-LD, or a page for a browser), with the VoID of the default graph and
        the limits this server enforces."""
        if self._void is None:
            self._void = description.void_of(self.backend.store, self.base)
        endpoint = str(request.url.replace(query="", fragment=""))
        try:
            ox.NamedNode(endpoint)
        except ValueError:  # a Host header no IRI can hold: name the endpoint by the base
            endpoint = description.base_iri(self.base)
        limits = description.Limits(max_rows=self.endpoint.max_rows, timeout=self.timeout,
                                    max_query_length=sparqlguard.MAX_QUERY_LENGTH)
        triples = description.service_triples(endpoint, self.base, self._void, limits)
        chosen = best_match(request.headers.get("accept"),
                            ["text/turtle", "application/ld+json", "text/html"])
        if chosen == "text/html":
            return self.html("service.html", turtle=description.turtle(triples).decode(),
                             endpoint=endpoint, limits=limits,
                             base_iri=description.base_iri(self.base),
                             triples=self._void.triples)
        if chosen == "application/ld+json":
            return Response(description.jsonld(triples), media_type="application/ld+json",
                            headers={"Vary": "Accept"})
        if chosen is None:  # a client that wants results: it forgot the query
            return None
        return Response(description.turtle(triples), media_type="text/turtle; charset=utf-8",
                        headers={"Vary": "Accept"})

    async def sparql_reply(self, method: str, query_string: bytes, accept: str | None,
                           content_type: str | None,
                           read_body: Callable[[], Awaitable[bytes]]) -> sparql.Reply | None:
        """The endpoint's answer (:func:`vngkb.server.sparql.reply`), for the lane
        that takes ``/sparql`` past the rest of the site (:class:`~vngkb.server.sparql.Lane`)."""
        return await sparql.reply(method, query_string, accept, content_type, read_body,
                                  self.pool, self.endpoint, self.lookups, self.answers)

    def sparql_now(self, query_string: bytes, accept: str | None) -> sparql.Reply | None:
        """The endpoint's answer to a ``GET`` when the server gives it without waiting
        (:func:`vngkb.server.sparql.quick_reply`), or None."""
        return sparql.quick_reply(query_string, accept, self.pool, self.endpoint,
                                  self.lookups, self.answers)

    async def sparql(self, request: Request) -> Response:
        return await sparql.handle(request, self.pool, self.endpoint, local=self.lookups,
                                   cache=self.answers)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status == 404:
            return self.not_found(i18n.t("web_this_page"))
        return self.html("error.html", status=status, title=i18n.t("web_error", status=status),
                         message=getattr(exc, "detail", "") or i18n.t("web_went_wrong"))


#: Datatypes shown as numbers (right-aligned) in a table of answers.
_NUMBER_TYPES = frozenset(XSD + t for t in ("integer", "decimal", "double", "float", "gYear"))


def _is_number(term: Term | None) -> bool:
    return term is None or (term.kind == "literal" and (term.datatype or "") in _NUMBER_TYPES)


def _titles_a_link(column: str, table: ResultTable) -> bool:
    """True for a column ``xTitel`` or ``xLabel`` beside a column ``x`` of IRIs."""
    for suffix in ("Titel", "Label"):
        if column.endswith(suffix) and column[:-len(suffix)] in table.columns:
            index = table.columns.index(column[:-len(suffix)])
            values = [row[index] for row in table.rows]
            return bool(values) and all(v is None or v.kind == "iri" for v in values)
    return False


def _doc_path(iri: str | None) -> str | None:
    """The page of a shipped KB IRI (``{BASE}/id/x`` is served at ``/doc/x``)."""
    prefix = BASE.rstrip("/") + "/id/"
    if iri is None or not iri.startswith(prefix):
        return None
    return "/doc/" + quote(iri[len(prefix):], safe="/")


def _is_parameter(question: Question, name: str) -> bool:
    return any(p.name == name for p in question.parameters)


def _with_prefixes(question: Question, base: str) -> Question:
    """*question* with the default prefixes, under *base*, declared in its text (the
    embedded backend's defaults are the KB's own base)."""
    block = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes(base).items())
    return dataclasses.replace(question, query=block + question.query)


def _alternates(page: str) -> list[tuple[str, str, str]]:
    """(name, media type, URL) of each RDF version of the page at *page*."""
    names = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples"}
    return [(names[ext], media, f"{page}&format={ext}" if "?" in page else f"{page}.{ext}")
            for ext, (media, _) in RDF_FORMATS.items()]


def _split_extension(path: str) -> tuple[str, str | None]:
    stem, dot, ext = path.rpartition(".")
    if dot and ext in RDF_FORMATS and "/" not in ext:
        return stem, ext
    if dot and ext == "html":
        return stem, "html"
    return path, None


def _table_response(table: ResultTable, fmt: str) -> Response:
    if table.boolean is not None:
        if fmt == "json":
            return Response(to_json({"boolean": table.boolean}), media_type="application/json")
        return Response(f"{'true' if table.boolean else 'false'}\n",
                        media_type="text/csv; charset=utf-8")
    body = render(table.columns, table.values(), fmt) + "\n"
    media = "application/json" if fmt == "json" else "text/csv; charset=utf-8"
    return Response(body, media_type=media)


def _worker_count() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def create_app(store: ox.Store, *, base: str = BASE, timeout: float = DEFAULT_TIMEOUT,
               max_rows: int = DEFAULT_MAX_ROWS, workers: int | None = None,
               cache_bytes: int = answer_cache.DEFAULT_CACHE_BYTES,
               export_dir: Path | None = None, **pool_options: Any) -> Starlette:
    """The server for *store* (the KB with its own IRIs) published under *base*.

    *timeout* (seconds) and *max_rows* limit every ``/sparql`` query: a query that runs
    longer is stopped and answered with 503; results beyond *max_rows* rows (or triples)
    are cut off, which the ``Vngkb-Truncated: true`` response header says. *workers* is
    the number of query processes (default: the number of CPUs, at most 4).
    *cache_bytes* bounds the cache of ``/sparql`` answers (0: no cache; see
    :mod:`vngkb.server.answer_cache`).
    *export_dir* is a folder written by ``vngkb export`` to serve at ``/download/``,
    ``/dcat.ttl`` and ``/void.ttl``; without it the server runs the export itself on
    the first request of one of them (:mod:`vngkb.server.publication`).
    *pool_options* go to :class:`~vngkb.server.pool.WorkerPool` (``max_waiting``; and,
    for tests of each defence on its own, ``network_lock``, ``guard``, ``hold``).

    Refuses to start where query workers cannot lock themselves out of the network
    (see :mod:`vngkb.sandbox.netlock`), unless the environment explicitly allows it.
    """
    from vngkb.sandbox import netlock

    if not netlock.supported() and os.environ.get(netlock.ALLOW_UNLOCKED) != "1" \
            and pool_options.get("network_lock", True):
        raise VngkbError(f"cannot serve: query workers cannot be locked out of the network "
                         f"here; set {netlock.ALLOW_UNLOCKED}=1 to serve without that lock")
    if timeout <= 0:
        raise InputError("--timeout must be more than 0 seconds")
    if max_rows < 1:
        raise InputError("--max-rows must be at least 1")
    base = check_base(base)
    published = Publication(base, export_dir)  # a bad folder stops the start, not a request
    served = rebase_store(store, base)
    pool = WorkerPool(served.dump(format=ox.RdfFormat.N_QUADS) or b"",
                      size=workers or _worker_count(), timeout=timeout, prefixes=prefixes(base),
                      **pool_options)
    pages = _Pages(served, base, pool, max_rows, timeout, cache_bytes, published)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        import anyio.to_thread

        await anyio.to_thread.run_sync(pool.start)
        try:
            yield
        finally:
            pool.close()
            published.close()

    dcat_file, void_file = publication.DCAT_FILE, publication.VOID_FILE
    routes = [
        Route("/", pages.home),
        Route("/sparql", pages.sparql, methods=["GET", "POST"]),
        Route("/query", pages.query_page),
        Route("/maatregelen", pages.measures),
        Route("/accres", pages.accres),
        Route("/ministeries", pages.ministries),
        Route("/instrumenten", pages.instruments),
        Route("/zoeken", pages.search),
        Route("/vragen", pages.question_list),
        Route("/vragen/{name}", pages.question),
        Route("/vraag", pages.vraag),
        Route("/id/{path:path}", pages.id_redirect),
        Route("/doc/{path:path}", pages.doc),
        Route("/def", lambda request: RedirectResponse("/def/", status_code=301)),
        Route("/def/", pages.vocabulary),
        Route("/def.{ext}", pages.vocabulary),
        Route("/def/{name:path}", pages.term),
        Route("/ministerie/{code}", pages.ministry),
        Route("/resource", pages.external),
        Route("/download/{name}", pages.download),
        Route("/dcat.ttl", lambda request: pages.published_file(dcat_file)),
        Route("/void.ttl", lambda request: pages.published_file(void_file)),
        Route(WELL_KNOWN_VOID, lambda request: pages.published_file(void_file)),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [Middleware(sparql.Lane, answer=pages.sparql_reply),
                  Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                             allow_headers=["Accept", "Content-Type"],
                             expose_headers=list(sparql.CORS_EXPOSED))]
    handlers: Mapping[Any, Callable[..., Any]] = {HTTPException: pages.http_error}
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers=dict(handlers))
    app.state.pool = pool
    app.state.site = pages.site
    app.state.answers = pages.answers
    # GET /sparql answered by the HTTP protocol itself when it needs no worker
    # (vngkb.server.connections); the same answer as through the app.
    app.state.quick_answer = sparql.at_once(pages.sparql_now)
    return app


__all__ = ["DEFAULT_MAX_ROWS", "DEFAULT_TIMEOUT", "Link", "create_app"]
