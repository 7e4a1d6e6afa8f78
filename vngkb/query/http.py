"""The one HTTP client of vngkb: every request it sends to another server (a remote
SPARQL endpoint with ``--endpoint``, a triple store with ``vngkb publish``) goes through
:func:`exchange`, which bounds what a server can do to the client.

- A deadline for the whole exchange: connecting, sending, the status line, every header
  and the whole body must be done within *timeout* seconds from the start (each socket
  read and write waits at most for what is left), so a server that sends one byte a
  second cannot keep a command running past its ``--timeout``.
- A bound on the answer: at most :func:`max_response_bytes` bytes (default
  :data:`DEFAULT_MAX_RESPONSE_MB` MiB, ``VNGKB_MAX_RESPONSE_MB`` changes it): a larger
  ``Content-Length`` is refused before the body is read, an endless body once it passes
  the bound. Headers are bounded by Python's HTTP client (lines of 64 KiB, 100 headers).
- Only ``http`` and ``https`` URLs with a host (:func:`check_url`); a redirect is
  followed only to the same scheme, host and port (at most :data:`MAX_REDIRECTS`), and
  a redirect elsewhere is refused with one line saying where it pointed.
- Whatever a server says is shown only through
  :func:`vngkb.core.errors.printable_line`: one line, printable, cut.

Every failure is an :class:`HttpError` (an :class:`vngkb.core.errors.EndpointError`,
exit code 3) of one line.
"""

from __future__ import annotations

import http.client
import os
import socket
import ssl
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from vngkb.core.errors import EndpointError, InputError, printable_line, shorten
from vngkb.i18n import t

#: Default bound on one answer, in MiB: an answer of the shipped KB's questions is at
#: most a few megabytes, and the whole KB as N-Quads under 3 MB.
DEFAULT_MAX_RESPONSE_MB = 32
#: The environment variable that changes the bound (a whole number of MiB, at least 1).
MAX_RESPONSE_VARIABLE = "VNGKB_MAX_RESPONSE_MB"
#: Redirects followed within the same scheme, host and port.
MAX_REDIRECTS = 5
#: Longest URL accepted.
MAX_URL_CHARS = 2000
_REDIRECTS = (301, 302, 303, 307, 308)
_READ_SIZE = 64 * 1024


def max_response_bytes() -> int:
    """The bound on one answer: ``VNGKB_MAX_RESPONSE_MB`` MiB, else
    :data:`DEFAULT_MAX_RESPONSE_MB`; a value that is not a whole number of at least 1
    is refused (exit 2)."""
    raw = os.environ.get(MAX_RESPONSE_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_MAX_RESPONSE_MB * 1024 * 1024
    if not (raw.isascii() and raw.isdigit() and 1 <= len(raw) <= 6 and int(raw) >= 1):
        raise InputError(t("http_bad_max", variable=MAX_RESPONSE_VARIABLE,
                           value=shorten(raw)))
    return int(raw) * 1024 * 1024


def check_url(url: object, what: str = "--endpoint") -> str:
    """*url* when it is an ``http`` or ``https`` URL with a host (and a port that parses),
    printable, without spaces and at most :data:`MAX_URL_CHARS` characters; else an
    :class:`InputError` naming *what* (a ``file:``, ``ftp:`` or relative URL would make
    a client read something else than a web server). Not a string: ``TypeError``.

    >>> check_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    >>> check_url("file:///etc/passwd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vngkb.core.errors.InputError: --endpoint 'file:///etc/passwd': ...
    """
    if not isinstance(url, str):
        raise TypeError(f"{what} must be a str, not {type(url).__name__}")
    plain = (len(url) <= MAX_URL_CHARS and url.isprintable()
             and not any(c.isspace() for c in url))
    try:
        parts = urlsplit(url) if plain else None
        if parts is not None:
            url.encode("utf-8")  # a lone surrogate (bytes that were not UTF-8)
            _ = parts.port  # a port that is no number, or out of range
    except (ValueError, UnicodeError):
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(t("not_http_url", option=what, value=shorten(url)))
    return url


class HttpError(EndpointError):
    """The exchange failed: the message names the URL; *detail* says only what went wrong
    (for a message that names the URL its own way)."""

    def __init__(self, url: str, detail: str, message: str = "") -> None:
        super().__init__(message or t("http_failed", url=url, detail=detail))
        self.detail = detail


@dataclass(frozen=True)
class Response:
    """A whole answer: status, headers (names in lower case), body, and the URL that
    gave it (after redirects)."""

    status: int
    reason: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    url: str = ""

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class _Deadline:
    """A socket whose every read and write waits at most until :attr:`deadline`."""

    deadline: float = float("inf")

    def _arm(self) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline")
        self.settimeout(left)  # type: ignore[attr-defined]

    def recv_into(self, *args: Any, **kwargs: Any) -> int:
        self._arm()
        return super().recv_into(*args, **kwargs)  # type: ignore[misc, no-any-return]

    def recv(self, *args: Any, **kwargs: Any) -> bytes:
        self._arm()
        return super().recv(*args, **kwargs)  # type: ignore[misc, no-any-return]

    def sendall(self, *args: Any, **kwargs: Any) -> None:
        self._arm()
        super().sendall(*args, **kwargs)  # type: ignore[misc]

    def send(self, *args: Any, **kwargs: Any) -> int:
        self._arm()
        return super().send(*args, **kwargs)  # type: ignore[misc, no-any-return]


class _PlainSocket(_Deadline, socket.socket):
    pass


class _TlsSocket(_Deadline, ssl.SSLSocket):
    pass


def _open_socket(deadline: float, address: tuple[str, int], *_: Any) -> socket.socket:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("deadline")
    raw = socket.create_connection(address, left)
    sock = _PlainSocket(raw.family, raw.type, raw.proto, fileno=raw.detach())
    sock.deadline = deadline
    sock.settimeout(max(deadline - time.monotonic(), 0.001))
    return sock


class _Connection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int | None, deadline: float) -> None:
        super().__init__(host, port, timeout=max(deadline - time.monotonic(), 0.001))
        self.deadline = deadline
        self._create_connection = (
            lambda address, *rest: _open_socket(deadline, address))


class _TlsConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int | None, deadline: float) -> None:
        context = ssl.create_default_context()
        context.sslsocket_class = _TlsSocket
        super().__init__(host, port, timeout=max(deadline - time.monotonic(), 0.001),
                         context=context)
        self.deadline = deadline
        self._create_connection = (
            lambda address, *rest: _open_socket(deadline, address))

    def connect(self) -> None:
        super().connect()
        if isinstance(self.sock, _TlsSocket):
            self.sock.deadline = self.deadline


def exchange(method: str, url: str, *, body: bytes | None = None,
             headers: dict[str, str] | None = None, timeout: float,
             max_bytes: int | None = None) -> Response:
    """Send one request and read the whole answer within *timeout* seconds, following
    redirects within the same origin; the answer whatever its status (the caller
    decides what a 4xx or 5xx means). Raises :class:`EndpointError` (one line) when the
    server cannot be reached, does not answer in time, answers too much, redirects
    elsewhere or does not speak HTTP."""
    check_url(url)
    limit = max_response_bytes() if max_bytes is None else max_bytes
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        answer = _one_exchange(method, current, body, headers or {}, deadline, timeout,
                               limit)
        location = answer.header("location")
        if answer.status not in _REDIRECTS or not location:
            return answer
        target = urljoin(current, location)
        if not _same_origin(current, target):
            raise HttpError(current, t("http_redirect_elsewhere", status=answer.status,
                                       target=printable_line(location)))
        current = target
    raise HttpError(url, t("http_too_many_redirects", most=MAX_REDIRECTS))


def _same_origin(first: str, second: str) -> bool:
    try:
        a, b = urlsplit(first), urlsplit(second)
        return (a.scheme.lower(), a.hostname, a.port) == (b.scheme.lower(), b.hostname, b.port)
    except ValueError:
        return False


def _one_exchange(method: str, url: str, body: bytes | None, headers: dict[str, str],
                  deadline: float, timeout: float, limit: int) -> Response:
    parts = urlsplit(url)
    connection_class = _TlsConnection if parts.scheme.lower() == "https" else _Connection
    host = parts.hostname or ""
    connection = connection_class(host, parts.port, deadline)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, target, body=body, headers=headers)
        response = connection.getresponse()
        length = response.getheader("Content-Length")
        if length is not None and length.strip().isdigit() and int(length) > limit:
            raise HttpError(url, t("http_too_big", limit=limit,
                                   variable=MAX_RESPONSE_VARIABLE))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = response.read(min(_READ_SIZE, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise HttpError(url, t("http_too_big", limit=limit,
                                       variable=MAX_RESPONSE_VARIABLE))
        return Response(status=response.status, reason=printable_line(response.reason or ""),
                        headers={k.lower(): v for k, v in response.getheaders()},
                        body=b"".join(chunks), url=url)
    except TimeoutError:
        raise HttpError(url, t("http_timeout", seconds=f"{timeout:g}")) from None
    except http.client.HTTPException as error:
        if time.monotonic() >= deadline:
            raise HttpError(url, t("http_timeout", seconds=f"{timeout:g}")) from None
        reason = printable_line(str(error) or type(error).__name__)
        raise HttpError(url, t("http_bad_answer", kind=type(error).__name__,
                               reason=reason)) from None
    except OSError as error:
        if time.monotonic() >= deadline:
            raise HttpError(url, t("http_timeout", seconds=f"{timeout:g}")) from None
        reason = printable_line(getattr(error, "strerror", None) or str(error)
                                or type(error).__name__)
        raise HttpError(url, reason, t("endpoint_unreachable", url=url, reason=reason)
                        ) from None
    except UnicodeError as error:  # a host name IDNA cannot encode
        reason = printable_line(str(error))
        raise HttpError(url, reason, t("endpoint_unreachable", url=url, reason=reason)
                        ) from None
    finally:
        connection.close()
