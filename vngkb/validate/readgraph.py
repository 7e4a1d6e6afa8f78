"""The rdflib store the shapes read the data from: three dictionaries of dictionaries
(subject, predicate, object; predicate, object, subject; object, subject, predicate), a
graph that is filled once and then only read.

pySHACL looks up every value, type and class of the data through rdflib's store; the
general in-memory store (``Memory``) keeps each triple's contexts beside it, which costs a
third of a letter's run of the shapes in adding triples and looking them up. The shapes'
data has one graph (the default graph of the letter's files, :mod:`vngkb.validate.validation`),
so this store keeps no contexts. It says it is context- and graph-aware only because
pySHACL wraps the data in an rdflib ``Dataset``, which asks for that; it has one graph,
whatever context is asked for. Removing a triple is refused: nothing removes data while
the shapes read it.

>>> import rdflib
>>> graph = read_graph()
>>> a, p, b = (rdflib.URIRef(f"http://example.org/{x}") for x in "apb")
>>> _ = graph.add((a, p, b)).add((a, p, b)).add((b, p, rdflib.Literal(1)))
>>> len(graph), sorted(graph.objects(a, p)), sorted(graph.subjects(p, b))
(2, [rdflib.term.URIRef('http://example.org/b')], [rdflib.term.URIRef('http://example.org/a')])
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rdflib.store import Store

from vngkb.core.errors import VngkbError

if TYPE_CHECKING:
    import rdflib
    from rdflib.graph import _ContextType, _QuadType, _TriplePatternType, _TripleType

#: The contexts of every triple: none to tell apart.
_NO_CONTEXTS: tuple[Any, ...] = ()
_Index = dict[Any, dict[Any, dict[Any, None]]]


class ReadStore(Store):
    """See the module's docstring."""

    context_aware = True
    graph_aware = True
    formula_aware = False
    transaction_aware = False

    def __init__(self, configuration: str | None = None,
                 identifier: rdflib.term.Identifier | None = None) -> None:
        super().__init__(configuration)
        self.identifier = identifier
        self._spo: _Index = {}
        self._pos: _Index = {}
        self._osp: _Index = {}
        self._count = 0
        self._namespaces: dict[str, rdflib.URIRef] = {}
        self._prefixes: dict[rdflib.URIRef, str] = {}

    def add(self, triple: _TripleType, context: _ContextType | None = None,
            quoted: bool = False) -> None:
        s, p, o = triple
        objects = self._spo.setdefault(s, {}).setdefault(p, {})
        if o in objects:
            return
        objects[o] = None
        self._pos.setdefault(p, {}).setdefault(o, {})[s] = None
        self._osp.setdefault(o, {}).setdefault(s, {})[p] = None
        self._count += 1

    def addN(self, quads: Iterable[_QuadType]) -> None:
        add = self.add
        for s, p, o, _ in quads:
            add((s, p, o))

    def remove(self, triple: _TriplePatternType, context: _ContextType | None = None
               ) -> None:
        raise VngkbError("the shapes' data graph is read, not changed")

    def triples(self, triple_pattern: _TriplePatternType,
                context: _ContextType | None = None
                ) -> Iterator[tuple[_TripleType, Iterator[_ContextType | None]]]:
        s, p, o = triple_pattern
        none: Any = _NO_CONTEXTS
        if s is not None:
            by_predicate = self._spo.get(s)
            if by_predicate is None:
                return
            if p is not None:
                objects = by_predicate.get(p)
                if objects is None:
                    return
                if o is not None:
                    if o in objects:
                        yield (s, p, o), none
                    return
                for x in objects:
                    yield (s, p, x), none
                return
            for predicate, objects in by_predicate.items():
                if o is not None:
                    if o in objects:
                        yield (s, predicate, o), none
                    continue
                for x in objects:
                    yield (s, predicate, x), none
        elif p is not None:
            by_object = self._pos.get(p)
            if by_object is None:
                return
            if o is not None:
                for x in by_object.get(o, ()):
                    yield (x, p, o), none
                return
            for obj, subjects in by_object.items():
                for x in subjects:
                    yield (x, p, obj), none
        elif o is not None:
            for subject, predicates in self._osp.get(o, {}).items():
                for x in predicates:
                    yield (subject, x, o), none
        else:
            for subject, by_predicate in self._spo.items():
                for predicate, objects in by_predicate.items():
                    for x in objects:
                        yield (subject, predicate, x), none

    def __len__(self, context: _ContextType | None = None) -> int:
        return self._count

    def contexts(self, triple: _TripleType | None = None
                 ) -> Generator[_ContextType, None, None]:
        yield from ()

    def add_graph(self, graph: rdflib.Graph) -> None:
        """One graph: nothing to add."""

    def remove_graph(self, graph: rdflib.Graph) -> None:
        raise VngkbError("the shapes' data graph is read, not changed")

    def bind(self, prefix: str, namespace: rdflib.URIRef, override: bool = True) -> None:
        if not override and (prefix in self._namespaces or namespace in self._prefixes):
            return
        old_namespace = self._namespaces.pop(prefix, None)
        if old_namespace is not None:
            self._prefixes.pop(old_namespace, None)
        old_prefix = self._prefixes.pop(namespace, None)
        if old_prefix is not None:
            self._namespaces.pop(old_prefix, None)
        self._namespaces[prefix] = namespace
        self._prefixes[namespace] = prefix

    def namespace(self, prefix: str) -> rdflib.URIRef | None:
        return self._namespaces.get(prefix)

    def prefix(self, namespace: rdflib.URIRef) -> str | None:
        return self._prefixes.get(namespace)

    def namespaces(self) -> Iterator[tuple[str, rdflib.URIRef]]:
        return iter(list(self._namespaces.items()))


def read_graph() -> rdflib.Graph:
    """An empty rdflib graph on a :class:`ReadStore`."""
    import rdflib

    return rdflib.Graph(store=ReadStore())
