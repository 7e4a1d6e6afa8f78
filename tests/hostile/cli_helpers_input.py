"""Running the CLI in-process for the hostile-input tests, and the checks every case
makes: the exit code, one line on stderr starting ``vngkb:``, no traceback."""

from __future__ import annotations

from dataclasses import dataclass

from click.testing import CliRunner

from vngkb.cli.commands import main

#: Longest stderr line a refusal may print: the message (which may list the allowed
#: names) plus at most 80 characters of each echoed input (a few may be echoed, each cut).
MAX_ERROR_LINE = 2000


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def run_cli(*args: str, stdin: str | None = None, lang: str | None = None) -> Outcome:
    """``vngkb ARGS``; *lang* sets ``VNGKB_LANG`` (Dutch when None)."""
    env = {"VNGKB_LANG": lang} if lang else None
    result = CliRunner().invoke(main, list(args), input=stdin, env=env)
    return Outcome(result.exit_code, result.stdout, result.stderr, result.exception)


def assert_refused(outcome: Outcome, code: int = 2, *, contains: str = "") -> None:
    """The command refused its input cleanly: exit *code*, one short stderr line
    ``vngkb: ...`` (with *contains*), no traceback, nothing raised past the CLI."""
    assert outcome.code == code, (outcome.code, outcome.stderr, outcome.exception)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), \
        repr(outcome.exception)
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1, outcome.stderr
    assert lines[0].startswith("vngkb: "), lines[0]
    assert len(lines[0]) <= MAX_ERROR_LINE, len(lines[0])
    assert "Traceback" not in outcome.stderr + outcome.stdout
    assert contains in lines[0], (contains, lines[0])
