"""Hostile inputs that tests in and out of this folder send: parameter values that try
to break out of a query, the ``SERVICE`` disguises aimed at a :class:`Recorder` (the
``recorder`` fixture of tests/hostile/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Parameter values that try to end the literal or the pattern they are bound into.
HOSTILE = [
    '2020" } ; DROP ALL ; #',
    "\"'\\",
    "} UNION { ?s ?p ?o }",
    "> } ; INSERT DATA { <a> <b> <c> }",
    "line\nbreak\r\n",
    "x" * 10_000,
]


@dataclass
class Recorder:
    """An HTTP server on 127.0.0.1 that records the path of every request it gets."""

    url: str
    requests: list[str] = field(default_factory=list)


def service_disguises(url: str) -> list[str]:
    """Queries that use SERVICE on *url*, written every way we know to hide it."""
    host_escaped = url.replace("http", "\\u0068ttp", 1)
    prefix, _, local = url.rpartition("/")
    return [
        f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ service <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ sErViCe <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ # x\rSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ # x\r\nSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ #\\u000dSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ #\\U0000000DSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ #\\u000aSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVIC\\u0045 <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE <{host_escaped}> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://x/> SELECT * {{ ?s ex:a\\' ?o . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://x/> SELECT * {{ ?s ex:a\\' ?o # '\n SERVICE <{url}> "
        "{ ?s ?p ?o } }",
        f"PREFIX ex: <http://x/> SELECT * {{ ?s ex:a\\# ?o . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ ?s ?p 'a\\\\' . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f'SELECT * {{ ?s ?p """a""" . SERVICE <{url}> {{ ?s ?p ?o }} }}',
        f"SELECT * {{ ?s ?p 1 . SERVICE\t<{url}>{{?s ?p ?o}} }}",
        f"SELECT * {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        f"SELECT * {{ VALUES ?u {{ <{url}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
        "SELECT * { SERVICE ?unbound { ?s ?p ?o } }",
        f"SELECT * {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * {{ {{ SELECT * {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }} }} }}",
        f"SELECT * {{ GRAPH ?g {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ SERVICE <{url}> {{ GRAPH ?g {{ ?s ?p ?o }} }} }}",
        f"SELECT * FROM NAMED <{url}> {{ GRAPH <{url}> {{ ?s ?p ?o }} SERVICE <{url}> "
        "{ ?s ?p ?o } }",
        f"PREFIX s: <{url}> SELECT * {{ SERVICE s: {{ ?s ?p ?o }} }}",
        f"PREFIX s: <{prefix}/> SELECT * {{ SERVICE s:{local} {{ ?s ?p ?o }} }}",
        f"BASE <{url}> SELECT * {{ SERVICE <> {{ ?s ?p ?o }} }}",
        f"BASE <{prefix}/> SELECT * {{ SERVICE <{local}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ ?s ?p 1 MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ ?s ?p 1 FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ ?s ?p 1 FILTER NOT EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ {{ ?s ?p 1 }} UNION {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT (EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} AS ?x) {{ }}",
        f"CONSTRUCT {{ ?s ?p ?o }} {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"DESCRIBE ?s {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE <{url}> {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o }} GROUP BY ?s HAVING (EXISTS {{ SERVICE <{url}> "
        "{ ?s ?p ?o } })",
        "SELECT * { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
        "SELECT * { SERVICE <file:///dev/zero> { ?s ?p ?o } }",
    ]
