"""Fixtures of the hostile-input suite: a recorder that notes every request any
process makes to it on 127.0.0.1 (the SERVICE disguises aimed at it are in
tests/hostile/inputs.py)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from tests.hostile.inputs import Recorder

# The helper's asserts count as the test's checks (tests/asserting.py) only when pytest
# rewrites them: register it before any test module imports it.
pytest.register_assert_rewrite("tests.hostile.cli_helpers_input")


@pytest.fixture(scope="session")
def recorder() -> Iterator[Recorder]:
    found: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _record(self) -> None:
            found.append(f"{self.command} {self.path}")
            body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _record

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Recorder(f"http://127.0.0.1:{server.server_address[1]}/sparql", found)
    finally:
        server.shutdown()
        server.server_close()
