"""The shapes run per letter, each letter's result kept in the cache.

A letter's shapes see that letter's files and the files the letters share (the ontology,
the schemes, ``gedeeld/``, any file outside a letter's folder), never another letter's:
what a shape checks is one letter's statements. Each run's findings are kept in the cache
(:mod:`vngkb.core.diskcache`) under a key of everything they are computed from: the name
and content of every file of the run, the shapes' content, the number of lines of the
letter's text, the source of the code that validates (this package, the finance module
that computes the figures and tellingen the shapes also check, the KB layout that tells a
letter's IRIs, the reading of Turtle) and the versions of pySHACL and rdflib. An
unchanged letter is not validated again; a changed file, shape or rule gives a new key.
Checks that compare letters (the QC checks of ``queries/checks/``,
:mod:`vngkb.kb.letterchecks`) run once on the whole KB, elsewhere.

The letters not in the cache run in child processes where that is safe
(:func:`workers`), while the caller does the work on the whole KB (:class:`Forked`):
one worker per core, which converts the shared files and the shapes once and then runs
its share of the letters one after the other, each letter in a fork of its own, so that
a letter's run starts from that state and leaves nothing behind.
A letter's findings are the same whichever process computes them.

>>> runs([(Path("ontology/vngkb.ttl"), b"")], lambda path: None)
[LetterRun(letter='', files=[(PosixPath('ontology/vngkb.ttl'), b'')])]
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from vngkb.core import diskcache
from vngkb.core.processes import can_fork, cores

#: A file as read: its path and bytes.
Read = tuple[Path, bytes]
#: One finding as the cache keeps it: severity, focus, path, Dutch and English message,
#: value (the fields of :class:`vngkb.validate.validation.Finding`).
Row = tuple[str, str, str, str, str, str]
#: Changes whenever what an entry holds changes.
ENTRY_VERSION = 1
_PACKAGE = Path(__file__).resolve().parents[1]
#: The code whose source is part of every key.
_CODE = ("validate", "finance", "kb", "rdf")


@dataclass(frozen=True)
class LetterRun:
    """The files one run of the shapes sees: a letter's (``letter`` its id; empty for the
    one run of files that lie in no letter's folder) and the shared ones."""

    letter: str
    files: list[Read]


def runs(read: Iterable[Read], letter_of: Callable[[Path], str | None]) -> list[LetterRun]:
    """The runs of the shapes over the *read* data files: one per letter (by
    *letter_of*, the letter whose folder holds a file), each with the files of no
    letter; or, when no file is a letter's, one run of them all."""
    shared: list[Read] = []
    letters: dict[str, list[Read]] = {}
    for item in read:
        letter = letter_of(item[0])
        if letter is None:
            shared.append(item)
        else:
            letters.setdefault(letter, []).append(item)
    if not letters:
        return [LetterRun("", shared)]
    return [LetterRun(letter, shared + files) for letter, files in sorted(letters.items())]


@functools.cache
def code_digest() -> bytes:
    """A hash of the code that validates and of pySHACL's and rdflib's versions (read
    from their metadata: importing pySHACL is a fifth of a second)."""
    from importlib.metadata import PackageNotFoundError, version

    parts: list[bytes] = []
    for package in ("pyshacl", "rdflib", "pyoxigraph"):
        try:
            parts.append(f"{package} {version(package)}".encode())
        except PackageNotFoundError:
            parts.append(f"{package} ?".encode())
    for folder in _CODE:
        for path in sorted((_PACKAGE / folder).glob("*.py")):
            parts += [f"{folder}/{path.name}".encode(), diskcache.digest(path.read_bytes())]
    return diskcache.digest(b"\n".join(parts))


def run_key(run: LetterRun, shapes: Sequence[bytes], line_counts: Mapping[str, int],
            code: bytes, known: dict[Path, tuple[str, bytes]] | None = None) -> str:
    """The cache key of *run*'s findings: its files (name and content), the *shapes*
    files' content, the *line_counts* the run uses and the *code* digest. *known*: each
    file's location and content digest as the keys of the runs of one validation found
    them (a file's bytes are the same in each of its runs), filled here: the shared
    files are in every run."""
    known = {} if known is None else known
    parts: list[str | bytes] = [f"validatie {ENTRY_VERSION} {run.letter}", code]
    for path, data in run.files:
        found = known.get(path)
        if found is None:
            # The base IRI of a file is its location: relative IRIs resolve against it.
            found = known[path] = (path.resolve().as_uri(), diskcache.digest(data))
        parts += found
    parts += ["shapes", *(diskcache.digest(data) for data in shapes)]
    parts += ["regels", json.dumps(sorted(line_counts.items()))]
    return diskcache.key(*parts)


def file_key(path: Path, data: bytes, code: bytes) -> str:
    """The cache key of the checks of one file on its own (the length of its IRIs and
    literals, the types of its literals): the name *path* it is given by (its findings
    name it), its location (the base of its relative IRIs), its content *data* and the
    *code* digest."""
    return diskcache.key(f"bestand {ENTRY_VERSION}", code, str(path),
                         path.resolve().as_uri(), diskcache.digest(data))


def entry_name(key: str, kind: str = "validatie") -> str:
    return f"{kind}-{key}.json"


def read(key: str, kind: str = "validatie") -> list[Row] | None:
    """The findings kept under *key* (of a letter's run, or with *kind* ``bestand`` of
    one file, :func:`file_key`), or None (not kept, the cache is off, or the entry is not
    a list of six strings per finding)."""
    data = diskcache.read(entry_name(key, kind))
    return None if data is None else _rows(data)


def _rows(data: bytes) -> list[Row] | None:
    """The findings in *data* (JSON, a list of six strings per finding), or None."""
    try:
        rows = json.loads(data)
    except ValueError:
        return None
    if not isinstance(rows, list) or not all(
            isinstance(row, list) and len(row) == 6 and all(isinstance(c, str) for c in row)
            for row in rows):
        return None
    return [(row[0], row[1], row[2], row[3], row[4], row[5]) for row in rows]


def write(key: str, rows: Sequence[Row], kind: str = "validatie") -> None:
    """Keep the findings *rows* under *key* (nothing when the cache is off)."""
    diskcache.write(entry_name(key, kind), _json(rows))


def _json(rows: Sequence[Row]) -> bytes:
    return json.dumps([list(row) for row in rows], ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


#: Job number N's findings (a letter's run of the shapes), given what the worker set up.
Run = Callable[[int], Sequence[Row]]


def workers(jobs: int) -> int:
    """How many child processes run *jobs* letters' shapes: none (they run in this
    process) when there is nothing to run, this process may not fork
    (:func:`vngkb.core.processes.can_fork`: another thread runs) or has one core; else
    one per core, at most one per letter (one letter's run still runs beside the
    caller's work on the whole KB)."""
    if jobs < 1 or cores() < 2 or not can_fork():
        return 0
    return min(cores(), jobs)


class Forked:
    """*jobs* jobs run in *count* forked worker processes while the caller goes on:
    each worker first calls *start* (the setting up the jobs share: in the worker, so
    that the caller does not wait for it), which gives the function that runs one job;
    then it takes the next job not yet taken (job 0 first: give the longest the lowest
    numbers) until none is left, each in a fork of its own (what *start* set up stays as
    it was for the next job, and each job's memory is given back when it ends), and
    leaves each job's findings in a file of a temporary folder. :meth:`results` waits
    for them; :meth:`cancel` stops them. A job that fails leaves no file (a worker whose
    *start* fails takes no job): its result is None, and the caller runs it itself
    (which raises its error there, as a run without children would)."""

    def __init__(self, start: Callable[[], Run], jobs: int, count: int) -> None:
        import multiprocessing

        self._jobs = jobs
        self._folder = Path(tempfile.mkdtemp(prefix="vngkb-validatie-"))
        self._pids: list[int] = []
        taken = multiprocessing.get_context("fork").Value("q", 0)  # shared by the workers
        try:
            for _ in range(count):
                pid = os.fork()
                if pid == 0:  # pragma: no cover (a child: its results are what is tested)
                    _worker(start, jobs, taken, self._folder)
                self._pids.append(pid)
                with contextlib.suppress(OSError):  # the worker may have done it first
                    os.setpgid(pid, pid)
        except BaseException:
            self.cancel()
            raise

    def results(self) -> list[list[Row] | None]:
        """Each job's findings, in order, once every worker has ended; None for a job
        that left none."""
        while self._pids:
            os.waitpid(self._pids[0], 0)
            self._pids.pop(0)
        found = []
        for index in range(self._jobs):
            path = self._folder / f"{index}.json"
            found.append(_rows(path.read_bytes()) if path.is_file() else None)
        shutil.rmtree(self._folder, ignore_errors=True)
        return found

    def cancel(self) -> None:
        """Stop the workers that still run, with the job each is running (each worker
        leads a process group of its own), and remove the folder."""
        for pid in self._pids:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self._pids = []
        shutil.rmtree(self._folder, ignore_errors=True)


def _worker(start: Callable[[], Run], jobs: int, taken: Any,
            folder: Path) -> NoReturn:  # pragma: no cover (runs in a child)
    code = 1
    try:
        # A process group of its own, which Forked.cancel stops as a whole (Ctrl-C at
        # the terminal goes to the caller, which cancels).
        os.setpgid(0, 0)
        # The objects the caller made are not this process's garbage: the collector
        # leaves them alone (and their pages shared with the caller).
        gc.freeze()
        run = start()
        while True:
            with taken.get_lock():
                index = taken.value
                taken.value = index + 1
            if index >= jobs:
                break
            _in_a_fork(run, index, folder / f"{index}.json")
        code = 0
    finally:
        os._exit(code)  # no exit handlers, buffers or cleanup of the caller's


def _in_a_fork(run: Run, index: int, path: Path) -> None:  # pragma: no cover (a child)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            written = path.with_suffix(".part")
            written.write_bytes(_json(run(index)))
            written.rename(path)
            code = 0
        finally:
            os._exit(code)
    os.waitpid(pid, 0)
