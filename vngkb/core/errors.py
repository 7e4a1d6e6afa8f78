"""Exceptions of the library. The CLI turns each into a one-line message and an
exit code; library code never prints or exits."""

from __future__ import annotations

from collections.abc import Callable


class VngkbError(Exception):
    """Base class: a problem the user can fix, with a message that says what and where."""

    exit_code = 1


class InputError(VngkbError):
    """Unreadable or malformed input: a file, a query, a parameter value."""

    exit_code = 2


class KbSyntaxError(InputError):
    """A Turtle file in kb/ or ontology/ does not parse."""


class QueryError(InputError):
    """A SPARQL query is malformed or fails to run."""


class ParameterError(InputError):
    """A question parameter is unknown, missing or has a value of the wrong type."""


class LetterError(InputError):
    """A letter (``--brief``) that the KB does not hold, or that lacks what the command
    needs (accres tables); the message lists the letters that would do."""


class UnknownQuestionError(InputError):
    """No canned question has this name."""


class EndpointError(VngkbError):
    """A remote SPARQL endpoint cannot be reached or answers with an error."""

    exit_code = 3


class ValidationFailed(VngkbError):
    """The KB does not conform to the SHACL shapes."""

    exit_code = 1


class FinanceError(InputError):
    """A finance input is unknown, not numeric, or for a year outside the tables."""


class MissingInputError(FinanceError):
    """A computation needs a published input the letter's figures do not hold (a draft
    whose reading missed it, or a letter that does not print it); ``figure`` names it."""

    def __init__(self, message: str, figure: str) -> None:
        super().__init__(message)
        self.figure = figure


class MissingExtraError(VngkbError):
    """An optional extra (plot, serve, pandas) is not installed; the message names the
    install command."""

    exit_code = 4


#: The most characters of user input a message echoes.
ECHO_LIMIT = 80


def _english_echo_words(key: str, n: int) -> str:
    return f"({n} characters)" if key == "characters" else "(a number too large to print)"


#: The words :func:`shorten` adds (key ``characters`` or ``number_too_large``, and the
#: length). :mod:`vngkb.i18n` puts its own, in the current language, when it is loaded:
#: this module cannot import it, because i18n raises the errors defined here.
echo_words: Callable[[str, int], str] = _english_echo_words


def shorten(value: object, limit: int = ECHO_LIMIT) -> str:
    """*value* as a message echoes it: quoted, control characters escaped (``repr``),
    and when longer than *limit* characters cut, with ``…`` and the full length (in the
    current language).

    >>> from vngkb.i18n import set_lang
    >>> set_lang("nl")
    >>> shorten("2020")
    "'2020'"
    >>> shorten("a" * 500)[-30:]
    "aaaaaaaaaaaaaaa'… (500 tekens)"
    >>> len(shorten(chr(0) * 500)) <= 80 + 20
    True
    >>> set_lang(None)
    """
    if not isinstance(value, str):
        try:
            shown = repr(value)
        except ValueError:  # an int too large to print (Python's digit limit)
            return echo_words("number_too_large", 0)
        return (shown if len(shown) <= limit
                else f"{shown[:limit]}… {echo_words('characters', len(shown))}")
    quoted = repr(value)
    if len(quoted) <= limit + 2:
        return quoted
    cut = ""
    for char in value:
        if len(repr(cut + char)) > limit:
            break
        cut += char
    return f"{cut!r}… {echo_words('characters', len(value))}"


class QuerySyntaxError(QueryError):
    """A query does not parse. Its message is one line; *display* is how a terminal
    shows it: a first line that says what and where, then the query line and a caret
    under the column (``vngkb query`` and ``ask`` on a terminal)."""

    def __init__(self, message: str, display: str = "") -> None:
        super().__init__(message)
        self.display = display or message


class QueryLimitError(QueryError):
    """A query exceeds a limit checked before it is parsed (size, nesting, UNIONs)."""

    def __init__(self, message: str, limit: str = "") -> None:
        super().__init__(message)
        #: Which limit: "length", "nesting" or "unions".
        self.limit = limit


class QueryRefusedError(QueryError):
    """A query asks for what is never done: an update, or SERVICE where not allowed."""


class NetworkLockError(VngkbError):
    """The operating-system network lock for query processes cannot be installed."""


def printable_line(text: str | bytes, limit: int = 200) -> str:
    """*text* (another program's words: a server's status line, error page or header)
    as one printable line of at most *limit* characters: bytes decoded as UTF-8 (what is
    not, replaced), line ends and tabs made spaces, every other character that is not
    printable (NUL, ESC and the terminal sequences it starts, bidirectional overrides)
    shown as its escape, runs of spaces folded, and the rest cut with ``…``.

    >>> printable_line(b"HTTP/1.1 200 OK\\r\\n\\x1b]0;pwned\\x07X\\x00Y")
    'HTTP/1.1 200 OK \\\\x1b]0;pwned\\\\x07X\\\\x00Y'
    >>> printable_line("a" * 300, limit=10)
    'aaaaaaaaa…'
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    shown = "".join(
        char if char.isprintable() else " " if char in "\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
        else f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
        if ord(char) < 0x10000 else f"\\U{ord(char):08x}" for char in text[:limit * 10])
    shown = " ".join(shown.split())
    return shown if len(shown) <= limit else shown[:limit - 1] + "…"
