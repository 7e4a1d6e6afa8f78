"""Serving under another base: the KB's own ``{id,doc,def}`` IRIs (base
``https://w3id.org/vngkb``) rewritten to a publisher's base, in the data and in the
server's own trusted query texts (the canned questions and their defaults).

>>> rebase_iri("https://w3id.org/vngkb/id/maatregel/woningbouw", "https://data.example.nl/kb")
'https://data.example.nl/kb/id/maatregel/woningbouw'
>>> rebase_iri("https://identifier.overheid.nl/tooi/id/ministerie/mnre1109", "https://x.nl")
'https://identifier.overheid.nl/tooi/id/ministerie/mnre1109'
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pyoxigraph as ox

from vngkb.kb.graphs import Rebaser, normalise_base
from vngkb.query.catalogue import Parameter, Question
from vngkb.rdf.namespaces import BASE, PREFIXES

_OWN = BASE + "/"

#: The check of a ``--base`` value is the export's: one rule for every publication.
check_base = normalise_base


def rebase_iri(iri: str, base: str) -> str:
    """*iri* under *base* when it is one of the KB's own IRIs, else unchanged."""
    return Rebaser(base).iri(iri)


def rebase_text(text: str, base: str) -> str:
    """A trusted text (a canned query, a default value) with the KB's IRIs under *base*."""
    return text if base == BASE else text.replace(_OWN, base + "/")


def prefixes(base: str) -> dict[str, str]:
    """The prefixes every query may use, under *base*."""
    return {name: rebase_text(iri, base) for name, iri in PREFIXES.items()}


def rebase_store(store: ox.Store, base: str) -> ox.Store:
    """*store* itself for the KB's own base, else a copy with every own IRI rewritten
    (the export's :class:`vngkb.kb.graphs.Rebaser` does the terms)."""
    if base == BASE:
        return store
    rebase = Rebaser(base)
    copy = ox.Store()
    copy.extend(ox.Quad(rebase.subject(q.subject), rebase.node(q.predicate),
                        rebase.object(q.object),
                        rebase.node(q.graph_name) if isinstance(q.graph_name, ox.NamedNode)
                        else q.graph_name)
                for q in store)
    return copy


def _rebase_parameter(parameter: Parameter, base: str) -> Parameter:
    changes: dict[str, Any] = {f.name: rebase_text(getattr(parameter, f.name), base)
                               for f in dataclasses.fields(parameter)
                               if isinstance(getattr(parameter, f.name), str)}
    return dataclasses.replace(parameter, **changes)


def rebase_question(question: Question, base: str) -> Question:
    """*question* with its query text and the IRIs of its parameters (defaults, schemes,
    classes: every text field) under *base*."""
    if base == BASE:
        return question
    parameters = tuple(_rebase_parameter(p, base) for p in question.parameters)
    return dataclasses.replace(question, query=rebase_text(question.query, base),
                               parameters=parameters)
