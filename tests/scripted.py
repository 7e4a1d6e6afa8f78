"""The scripted HTTP server of the tests: on 127.0.0.1, it answers each request as a
script says, honest or lying. A :class:`Reply` is a status, a media type and a body, or
raw bytes (a garbage status line, an endless header), sent at once, one byte per
*drip* seconds, or followed by an endless body; *hold* makes it wait before answering.
The script is one reply for every request, or a function of the request (its method,
path, headers and decoded form), e.g. the embedded store's true answer, altered.

It keeps what it was sent: ``requests`` holds (method, Accept header, decoded form)."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

JSON_RESULTS = "application/sparql-results+json"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, list[str]]

    @property
    def query(self) -> str:
        return self.form.get("query", [""])[0]


@dataclass(frozen=True)
class Reply:
    status: int = 200
    content_type: str = JSON_RESULTS
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    #: Written as it is instead of a status line, headers and body.
    raw: bytes | None = None
    #: Seconds between two bytes of what is written (0: all at once).
    drip: float = 0.0
    #: After what is written, send this again and again until the client hangs up.
    endless: bytes = b""
    hold: threading.Event | None = field(default=None, compare=False)

    def wire(self) -> bytes:
        if self.raw is not None:
            return self.raw
        head = [f"HTTP/1.1 {self.status} {http.HTTPStatus(self.status).phrase}",
                f"Content-Type: {self.content_type}"]
        head += [f"{name}: {value}" for name, value in self.headers]
        if not self.endless and not any(n.lower() == "content-length" for n, _ in self.headers):
            head.append(f"Content-Length: {len(self.body)}")
        head.append("Connection: close")
        return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + self.body


Script = Reply | Callable[[Request], Reply]


class ScriptedServer:
    """Use as a context manager; ``url`` is its SPARQL URL (``/sparql``)."""

    def __init__(self, script: Script | None = None, *, status: int = 200,
                 content_type: str = JSON_RESULTS, body: bytes = b"",
                 hold: threading.Event | None = None) -> None:
        self.script: Script = script if script is not None else Reply(
            status, content_type, body, hold=hold)
        self.requests: list[tuple[str, str, dict[str, list[str]]]] = []
        self.stop = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length", 0) or 0)
                data = self.rfile.read(length).decode("utf-8", "replace")
                form = urllib.parse.parse_qs(data)
                outer.requests.append((self.command, self.headers.get("Accept", ""), form))
                request = Request(self.command, self.path,
                                  {k.lower(): v for k, v in self.headers.items()}, form)
                reply = outer.script if isinstance(outer.script, Reply) else outer.script(
                    request)
                if reply.hold is not None:
                    reply.hold.wait(30)
                self.close_connection = True
                # The client hanging up (OSError) is what a client under test should do.
                with contextlib.suppress(OSError):
                    outer.send(self, reply)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        # Polled every 10 ms for the stop (the default is 0.5 s): leaving the block, which
        # every test does, waits for the next poll.
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.01,),
                                       daemon=True)

    def send(self, handler: http.server.BaseHTTPRequestHandler, reply: Reply) -> None:
        data = reply.wire()
        if reply.drip:
            for i in range(len(data)):
                if self.stop.is_set():
                    return
                handler.wfile.write(data[i:i + 1])
                handler.wfile.flush()
                time.sleep(reply.drip)
        else:
            handler.wfile.write(data)
        deadline = time.monotonic() + 120  # never more than two minutes of it
        while reply.endless and not self.stop.is_set() and time.monotonic() < deadline:
            handler.wfile.write(reply.endless)

    def __enter__(self) -> ScriptedServer:
        self.thread.start()
        return self

    def __exit__(self, *args: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()
