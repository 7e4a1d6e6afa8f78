"""SPARQL 1.1's lexical grammar (the terminals of section 19.8), read in one pass: what
the query check (:mod:`vngkb.sandbox.guard`) needs to know without building a parse tree.

Whether a query uses ``SERVICE`` is a lexical question. After the ``\\u``/``\\U``
escapes are resolved (as every SPARQL parser does first), a ``SERVICE`` keyword is a
token of its own or it is not there: inside a string, an IRI, a comment, a prefixed
name, a variable, a blank node label or a language tag it is part of another token.
So is the query form: the first keyword after the prologue.

The reader is exact and fails closed: a character no terminal can start with, a word
that is no keyword (``trueSERVICE``: Oxigraph reads ``true`` then ``SERVICE``, since
its keywords need no word boundary), or a string without its end, is an error, and the
guard refuses the query.

One place in SPARQL is not decided by the longest match: ``<``. In ``FILTER(?a<?b)``
a parser that reads by context (Oxigraph, rdflib) sees the operator less-than, where
the longest match sees an IRI if a ``>`` follows before a space, so that
``FILTER(?a<?b)SERVICE?u#>`` hides a ``SERVICE`` from a plain tokenizer. Wherever an
IRI follows a token that could end an operand inside parentheses (where expressions
are), the reader also reads on from the ``<`` as an operator, until both readings meet
again at the start of a token, and a ``SERVICE`` in any reading counts.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

# The character classes of section 19.8 (PN_CHARS_BASE, PN_CHARS_U, PN_CHARS), as
# alternatives of an ASCII class and a class of other characters. Python compiles a
# class of wide ranges below U+10000 slowly (tens of milliseconds, on every start), so
# the pattern every text is read with takes any non-ASCII character in their place, and
# a name, variable or blank node label that holds one is checked against the exact
# classes afterwards (:func:`_exact`, compiled on first use).
_BASE_WIDE = ("\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
              "\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF"
              "\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_CHARS_WIDE = _BASE_WIDE + "\u00B7\u0300-\u036F\u203F-\u2040"


def _terms(wide: str, chars_wide: str) -> dict[str, str]:
    """The patterns of the terminals that hold names, with *wide* and *chars_wide*
    standing for the non-ASCII parts of PN_CHARS_BASE and PN_CHARS."""
    base = f"(?:[A-Za-z]|{wide})"
    u = f"(?:[A-Za-z_]|{wide})"
    chars = f"(?:[A-Za-z_\\-0-9]|{chars_wide})"
    plx = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
    prefix = f"{base}(?:(?:{chars}|\\.)*{chars})?"
    local = f"(?:{u}|[:0-9]|{plx})(?:(?:{chars}|[.:]|{plx})*(?:{chars}|:|{plx}))?"
    return {
        "variable": f"[?$](?:{u}|[0-9])(?:{u}|[0-9]|{chars_wide})*",
        "blank": f"_:(?:{u}|[0-9])(?:(?:{chars}|\\.)*{chars})?",
        "name": f"(?:{prefix})?:(?:{local})?",
    }


_ANY_WIDE = "[^\\x00-\\x7f]"
_FAST = _terms(_ANY_WIDE, _ANY_WIDE)
_ECHAR = r"""\\[tbnrf\\"']"""
_EXPONENT = r"[eE][+-]?[0-9]+"

# One alternative per terminal; at a given start, the alternatives that can match
# there are tried longest first (a long string before a short one, a number with an
# exponent before one without, a prefixed name before a word). "error": any other
# character, which no terminal starts with.
_TOKEN = re.compile(f"""
    (?P<space>[ \\t\\r\\n]+)
  | (?P<comment>\\#[^\\r\\n]*)
  | (?P<iri><[^<>"{{}}|^`\\\\\\x00-\\x20]*>)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}))*'''
              |\"\"\"(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}))*\"\"\"
              |'(?:[^'\\\\\\n\\r]|{_ECHAR})*'
              |"(?:[^"\\\\\\n\\r]|{_ECHAR})*")
  | (?P<variable>{_FAST["variable"]})
  | (?P<blank>{_FAST["blank"]})
  | (?P<name>{_FAST["name"]})
  | (?P<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
  | (?P<number>[0-9]+\\.[0-9]*{_EXPONENT}|\\.[0-9]+{_EXPONENT}|[0-9]+{_EXPONENT}
              |[0-9]*\\.[0-9]+|[0-9]+)
  | (?P<word>[^\\W0-9]\\w*)
  | (?P<open>[{{(\\[])
  | (?P<close>[}})\\]])
  | (?P<punct>\\^\\^|&&|\\|\\||!=|<=|>=|[;,.*=<>!+\\-/^|?])
  | (?P<error>.)
""", re.VERBOSE | re.DOTALL)


@functools.cache
def _exact(kind: str) -> re.Pattern[str]:
    """The exact pattern of terminal *kind* (a name, variable or blank node label)."""
    return re.compile(_terms(f"[{_BASE_WIDE}]", f"[{_CHARS_WIDE}]")[kind])


#: SPARQL 1.1's keywords (section 19.8, matched in any case) and the function names of
#: its built-in calls. ``a`` is a keyword only in lower case.
KEYWORDS = frozenset({
    "BASE", "PREFIX", "SELECT", "DISTINCT", "REDUCED", "AS", "CONSTRUCT", "WHERE", "DESCRIBE",
    "ASK", "FROM", "NAMED", "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "LIMIT",
    "OFFSET", "VALUES", "LOAD", "SILENT", "INTO", "CLEAR", "DROP", "CREATE", "ADD", "TO",
    "MOVE", "COPY", "INSERT", "DATA", "DELETE", "WITH", "USING", "DEFAULT", "ALL", "GRAPH",
    "OPTIONAL", "SERVICE", "BIND", "UNDEF", "MINUS", "UNION", "FILTER", "EXISTS", "NOT", "IN",
    "TRUE", "FALSE", "STR", "LANG", "LANGMATCHES", "DATATYPE", "BOUND", "IRI", "URI", "BNODE",
    "RAND", "ABS", "CEIL", "FLOOR", "ROUND", "CONCAT", "STRLEN", "UCASE", "LCASE",
    "ENCODE_FOR_URI", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "YEAR",
    "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ", "NOW", "UUID", "STRUUID",
    "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "COALESCE", "IF", "STRLANG", "STRDT",
    "SAMETERM", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC", "REGEX", "SUBSTR",
    "REPLACE", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "SEPARATOR"
})
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
#: The keywords an update operation starts with.
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY",
                             "MOVE", "ADD", "WITH"})
_PROLOGUE = frozenset({"BASE", "PREFIX"})
#: The terminals that may hold characters of the wide classes (see :func:`_exact`).
_NAMED = frozenset({"variable", "blank", "name"})
_PAIRS = {"}": "{", ")": "(", "]": "["}
#: Tokens after which ``<`` can only start an IRI: no operand ends there.
_NO_OPERAND_BEFORE = frozenset({"open", "punct", "word"})
_CONSTANTS = frozenset({"TRUE", "FALSE"})
#: A SERVICE target the caller may allow: a full http(s) IRI, as written.
_WEB_IRI = re.compile(r"<https?://", re.IGNORECASE)


@dataclass
class Reading:
    """What one pass over a query text found."""

    #: Deepest nesting of ``{``, ``(`` and ``[`` together, and ``UNION`` keywords.
    depth: int = 0
    unions: int = 0
    #: The first keyword after the prologue, upper-cased (None: there is none).
    first: str | None = None
    #: Whether anything but the prologue came before the end (no keyword at all).
    beyond_prologue: bool = False
    #: The first lexical error: (offset, what), or None.
    error: tuple[int, str] | None = None
    #: Each ``SERVICE`` keyword (in any reading): the token after it (after ``SILENT``),
    #: as written, or "" at the end.
    services: list[str] = field(default_factory=list)
    #: Brackets that do not pair, or a ``;`` outside every bracket (an update's
    #: separator; never in a query): (offset, what), or None.
    structure: tuple[int, str] | None = None


def read(text: str) -> Reading:
    """One pass over *text* (escapes already resolved).

    >>> read("PREFIX s: <http://x/> SELECT * { ?s s:p 'SERVICE' } # SERVICE").services
    []
    >>> r = read("ASK { sErViCe SILENT <http://x/> { ?s ?p ?o } }")
    >>> r.first, r.services
    ('ASK', ['<http://x/>'])
    >>> read("SELECT * { BIND(1 AS ?u) FILTER(?a<?b)SERVICE?u#>\\n{} }").services
    ['?u']
    >>> read("SELECT * { ?s ?p trueSERVICE <http://x/> {} }").error
    (17, "'trueSERVICE'")
    >>> read("PREFIX : <http://x/> SELECT * { SERVICE:sparql { ?s ?p ?o } }").services
    [':sparql']
    """
    reading = Reading()
    stack: list[str] = []
    starts: list[int] = []  # where a token starts, in the main reading
    forks: list[int] = []  # where an operator reading of '<' starts
    previous = "open"  # the kind of the last token that is not space or a comment
    after_service = False
    decided = False
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "error"
        if kind == "space" or kind == "comment":
            continue
        start = match.start()
        starts.append(start)
        token = match.group()
        if kind in _NAMED and not token.isascii() and not _exact(kind).fullmatch(token):
            kind = "error"
        if after_service and not (kind == "word" and token.upper() == "SILENT"):
            reading.services.append(token)
            after_service = False
        if kind == "word":
            upper = token.upper()
            if upper not in KEYWORDS and token != "a":
                kind = "error"
            else:
                if upper == "UNION":
                    reading.unions += 1
                elif upper == "SERVICE":
                    after_service = True
                if not decided and upper not in _PROLOGUE:
                    decided = True
                    reading.first = upper
                if upper in _CONSTANTS:
                    kind = "number"  # an operand, like a literal
        elif not decided and kind not in ("iri", "name"):
            reading.beyond_prologue = True
        prefix = token.partition(":")[0] if kind == "name" else ""
        if prefix.isascii() and prefix.upper() == "SERVICE":  # keywords are ASCII
            # A prefixed name whose prefix spells SERVICE: Oxigraph reads "SERVICE:p {"
            # as the keyword and the name ":p" (found by the oracle sweep), so it counts
            # as a SERVICE to ":p", fail closed (a prefix called "service" is refused).
            reading.services.append(token[len("SERVICE"):])
        if kind == "open":
            stack.append(token)
            if len(stack) > reading.depth:
                reading.depth = len(stack)
        elif kind == "close":
            if stack and stack[-1] == _PAIRS[token]:
                stack.pop()
            elif reading.structure is None:
                reading.structure = (start, repr(token))
        elif kind == "punct" and token == ";" and not stack and reading.structure is None:
            reading.structure = (start, "';'")
        elif kind == "iri" and previous not in _NO_OPERAND_BEFORE \
                and (forks or (stack and stack[-1] == "(")):
            # An operator reading only inside '(' (no expression is elsewhere), as long
            # as every reading has the same brackets: until the first other reading.
            forks.append(start + 1)
        elif kind == "error" and reading.error is None:
            reading.error = (start, repr(token[:40]))
        previous = kind
    if after_service:
        reading.services.append("")
    if stack and reading.structure is None:
        reading.structure = (len(text), repr(stack[-1]))
    if forks:
        reading.services += _other_readings(text, forks, set(starts))
    return reading


def _other_readings(text: str, forks: list[int], starts: set[int]) -> list[str]:
    """The ``SERVICE`` keywords (with the token after each) of the readings that take
    the ``<`` before each of *forks* as an operator, each read until it meets a token
    start of another reading (from there on the readings are the same, but for an IRI
    right there: read both ways too). A reading that runs into something no terminal
    matches ends: no parser can take it, unless it hides a ``SERVICE`` in a word."""
    found: list[str] = []
    pending = list(forks)
    explored: set[int] = set()
    seen = starts
    while pending:
        at = pending.pop()
        if at in explored:
            continue
        explored.add(at)
        after_service = False
        for match in _TOKEN.finditer(text, at):
            kind = match.lastgroup or "error"
            if kind == "space" or kind == "comment":
                continue
            start, token = match.start(), match.group()
            if kind in _NAMED and not token.isascii() and not _exact(kind).fullmatch(token):
                kind = "error"
            if kind == "iri":
                pending.append(start + 1)
            if start in seen and start != at and not after_service:
                break  # the readings meet: the same from here on
            seen.add(start)
            if after_service and not (kind == "word" and token.upper() == "SILENT"):
                found.append(token)
                after_service = False
            if kind == "word":
                upper = token.upper()
                if upper == "SERVICE":
                    after_service = True
                elif upper not in KEYWORDS and token != "a":
                    if "SERVICE" in upper:
                        found.append("")
                    break
            elif kind == "error":
                break
        else:
            if after_service:
                found.append("")
    return found


def is_web_iri(token: str) -> bool:
    """Whether a ``SERVICE`` target as written is a full http(s) IRI."""
    return _WEB_IRI.match(token) is not None and token.endswith(">")
