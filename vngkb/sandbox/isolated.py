"""Run a user's SPARQL query on the embedded store in a child process, so that no query
can crash, hang or exhaust the caller (``vngkb query``).

A query inside Oxigraph cannot be interrupted, and some queries make the engine die
outright (a deep nesting overflows its stack; a cartesian product allocates until the
allocator aborts). The child process has a memory bound (``RLIMIT_AS``) and a time
limit (it is killed when over), takes the network away from itself
(:mod:`vngkb.sandbox.netlock`) unless ``SERVICE`` is explicitly allowed, and parses the query
(:mod:`vngkb.sandbox.guard`) before it loads the data. Whatever happens to it, the caller
gets a :class:`~vngkb.core.errors.QueryError` with one line, or the result.

The child is a plain ``python -c`` subprocess talking over its standard input and
output (as the server's query workers do), not ``multiprocessing``, whose spawn would
re-run the caller's ``__main__``.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import subprocess
import sys
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from vngkb.core.errors import InputError, QueryError, QuerySyntaxError, VngkbError
from vngkb.i18n import current_lang, set_lang, t
from vngkb.query.store import ResultTable

#: Defaults of ``vngkb query``: seconds and mebibytes.
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_MEMORY_MB = 4096


_CHILD_COMMAND = "from vngkb.sandbox.isolated import child_main; child_main()"


def _one_line(text: str, limit: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1] + "…"


def child_main() -> None:
    """The child: read the settings and the query, answer once, exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which kills us
    inbox = Connection(os.dup(0))
    outbox = Connection(os.dup(1))
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    settings: dict[str, Any] = inbox.recv()
    text: str = inbox.recv()
    set_lang(settings.get("lang"))  # the caller's --lang: messages in its language
    try:
        outbox.send(("ok", _answer(text, settings)))
    except QuerySyntaxError as error:
        outbox.send(("error", type(error).__name__, str(error), error.display))
    except VngkbError as error:
        outbox.send(("error", type(error).__name__, str(error)))
    except MemoryError:
        outbox.send(("error", "QueryError", t(
            "isolated_crash", how=t("isolated_out_of_memory"), limit=settings["max_memory_mb"],
            detail="")))
    except Exception as error:  # whatever the engine raises is the query's error
        outbox.send(("error", "QueryError", _one_line(t("query_failed", reason=error))))


def _answer(text: str, settings: dict[str, Any]) -> ResultTable:
    allow_service = bool(settings.get("allow_service"))
    if not allow_service:
        from vngkb.sandbox.netlock import lock_or_allowed

        lock_or_allowed()
    from vngkb.sandbox.guard import check_limits, check_query

    # The parse (of a query within the size and nesting limits) comes first: its thread
    # reserves a large stack, which should not count against the query's memory.
    syntax: QuerySyntaxError | None = None
    if settings.get("guard", True):
        try:
            check_query(text, allow_service=allow_service, lang=None)
        except QuerySyntaxError as error:
            syntax = error
    else:  # tests of the network lock on its own
        check_limits(text, lang=None)
    limit = int(settings["max_memory_mb"]) * 1024 * 1024
    if sys.platform != "win32":
        import resource

        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if syntax is not None:
        raise _engine_syntax_error(text) or syntax
    from vngkb.kb.load import load_store
    from vngkb.query.store import EmbeddedStore

    return EmbeddedStore(load_store()).select(text)


def _engine_syntax_error(text: str) -> QuerySyntaxError | None:
    """The engine's own words for a query the guard's parser refused: Oxigraph names
    the line and column where the query stops making sense, shown with a caret. None
    when the engine parses it (a difference between the parsers: the guard's refusal
    stands). Only ever called in the child, without network and within its limits; the
    engine's answer on an empty store is not read."""
    import pyoxigraph as ox

    from vngkb.i18n.errortext import syntax_error_parts
    from vngkb.rdf.namespaces import PREFIXES

    try:
        ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as error:
        return QuerySyntaxError(*syntax_error_parts(text, str(error)))
    except Exception:  # an evaluation error: it did parse
        return None
    return None


def _error_class(name: str) -> type[VngkbError]:
    from vngkb.core import errors

    found = getattr(errors, name, None)
    return found if isinstance(found, type) and issubclass(found, VngkbError) else QueryError


def run_isolated(text: str, *, timeout: float = DEFAULT_TIMEOUT,
                 max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
                 allow_service: bool = False, guard: bool = True) -> ResultTable:
    """The answer of query *text* on the shipped KB, computed in a child process that
    may run *timeout* seconds and use *max_memory_mb* MiB of address space. (*guard*
    False skips the parse, leaving the network lock alone: for its tests only.)"""
    if not math.isfinite(timeout) or timeout <= 0:
        raise InputError(t("isolated_bad_timeout", value=timeout))
    if max_memory_mb < 1:
        raise InputError(t("isolated_bad_memory", value=max_memory_mb))
    package_root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([sys.executable, "-c", _CHILD_COMMAND],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=errors, env=env, start_new_session=True)
        assert process.stdin is not None and process.stdout is not None
        inbox = Connection(os.dup(process.stdout.fileno()))
        outbox = Connection(os.dup(process.stdin.fileno()))
        process.stdout.close()
        process.stdin.close()
        answered, reply = False, None
        try:
            outbox.send({"allow_service": allow_service, "max_memory_mb": max_memory_mb,
                         "guard": guard, "lang": current_lang()})
            outbox.send(text)
            answered = inbox.poll(timeout)
            reply = inbox.recv() if answered else None
        except (EOFError, OSError):
            reply, answered = None, True
        finally:
            if process.poll() is None and not answered:
                process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(5)
            if process.poll() is None:
                process.kill()
                process.wait()
            inbox.close()
            outbox.close()
        if not answered:
            raise QueryError(t("isolated_timeout", limit=timeout))
        if reply is None:
            errors.seek(0)
            last = [line for line in errors.read()[-2000:].decode("utf-8", "replace")
                    .splitlines() if line.strip()]
            detail = f": {_one_line(last[-1], 120)}" if last else ""
            code = process.returncode
            how = (t("isolated_signal", name=signal.Signals(-code).name)
                   if code is not None and code < 0
                   and -code in signal.Signals._value2member_map_
                   else t("isolated_exit_code", code=code))
            raise QueryError(t("isolated_crash", how=how, limit=max_memory_mb, detail=detail))
    if reply[0] == "ok":
        table: ResultTable = reply[1]
        return table
    if reply[1] == "QuerySyntaxError" and len(reply) > 3:
        raise QuerySyntaxError(reply[2], display=reply[3])
    raise _error_class(reply[1])(reply[2])
