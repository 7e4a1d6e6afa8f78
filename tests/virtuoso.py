"""Start a private OpenLink Virtuoso (Debian's ``virtuoso-opensource``) on 127.0.0.1 for
the tests: a copy of the packaged ``virtuoso.ini`` whose database files live in a
temporary folder and whose SQL and HTTP ports are free ones; Graph Store writes granted
to the anonymous SPARQL user, which only a test instance may do (a real deployment
writes through ``/sparql-graph-crud-auth`` with a password)."""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: The packaged configuration the private copy starts from.
TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
#: Statements that let anonymous SPARQL requests write through /sparql-graph-crud.
GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL"; '
          "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")
#: Settings added to ``[Parameters]``. Virtuoso's optimizer samples the data and tries
#: join orders for every query it compiles (it keeps no plan of a SPARQL query sent over
#: HTTP): with the packaged defaults each canned question costs 0.1-3 s of CPU, nearly all
#: of it compiling, on a KB of some 10^4 triples that any join order answers in
#: milliseconds. Stopping once the best plan found is cheaper than the search so far, and
#: after the first complete plan, makes a question cost some 40 ms; the answers are the
#: same (a plan changes how Virtuoso joins, not what the query means).
OPTIMIZER = {"StopCompilerWhenXOverRunTime": "1", "MaxOptimizeLayouts": "1"}


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso: its Graph Store Protocol and SPARQL query URLs."""

    store: str
    query: str


def missing() -> str | None:
    """Why Virtuoso cannot be started here, or None."""
    for binary in ("virtuoso-t", "isql-vt"):
        if shutil.which(binary) is None:
            return (f"{binary} is missing: install Debian's virtuoso-opensource "
                    "(.ci/run does so with apt-get)")
    if not TEMPLATE.is_file():
        return f"{TEMPLATE} is missing (Debian's virtuoso-opensource installs it)"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def private_ini(template: str, folder: Path, sql_port: int, http_port: int) -> str:
    """*template* with its database files in *folder* and its servers on 127.0.0.1."""
    values = {
        ("Database", "DatabaseFile"): folder / "virtuoso.db",
        ("Database", "ErrorLogFile"): folder / "virtuoso.log",
        ("Database", "LockFile"): folder / "virtuoso.lck",
        ("Database", "TransactionFile"): folder / "virtuoso.trx",
        ("Database", "xa_persistent_file"): folder / "virtuoso.pxa",
        ("TempDatabase", "DatabaseFile"): folder / "virtuoso-temp.db",
        ("TempDatabase", "TransactionFile"): folder / "virtuoso-temp.trx",
        ("Parameters", "ServerPort"): f"127.0.0.1:{sql_port}",
        ("Parameters", "DirsAllowed"): f"., {folder}",
        ("HTTPServer", "ServerPort"): f"127.0.0.1:{http_port}",
    }
    lines, section, seen = [], "", set()
    for line in template.splitlines():
        if header := re.fullmatch(r"\s*\[(.+)\]\s*", line):
            section = header.group(1)
        elif (key := re.match(r"\s*(\w+)\s*=", line)) and (section, key.group(1)) in values:
            line = f"{key.group(1)} = {values[section, key.group(1)]}"
            seen.add((section, key.group(1)))
        lines.append(line)
        if section == "Parameters" and header:
            lines.extend(f"{key} = {value}" for key, value in OPTIMIZER.items())
    if set(values) - seen:
        raise RuntimeError(f"{TEMPLATE} lacks {sorted(set(values) - seen)}")
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def running(folder: Path) -> Iterator[Virtuoso]:
    """A fresh Virtuoso in *folder* until the block ends."""
    sql_port, http_port = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(private_ini(TEMPLATE.read_text(encoding="utf-8"), folder, sql_port,
                               http_port), encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    server = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(ini)],
                              cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):  # up to 30 s to start
            if server.poll() is not None:
                raise RuntimeError(f"virtuoso-t stopped; see {folder / 'virtuoso.log'}")
            try:
                urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("virtuoso-t did not answer within 30 s")
        subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={GRANTS}"],
                       check=True, capture_output=True, timeout=60)
        yield Virtuoso(store=f"{base}/sparql-graph-crud", query=f"{base}/sparql")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
