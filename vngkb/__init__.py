"""vngkb: the VNG member letters (ledenbrieven) on the Miljoenennota as linked data, a
series of letters (the shipped KB holds the letter on the Miljoenennota 2020).

For notebooks: ``vngkb.ask("bedragen-in-jaar", jaar=2020)`` answers a canned question
(see ``vngkb questions``) with typed values; see :class:`vngkb.query.answer.Answer`. Nothing
heavy is imported until a question is asked, so ``import vngkb`` stays cheap.
"""

from __future__ import annotations

from vngkb.core.version import __version__ as __version__

# Not typing.TYPE_CHECKING: importing typing would make `import vngkb` slower.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from os import PathLike

    from vngkb.query.answer import Answer


def ask(name: str, endpoint: str | None = None, kb: str | PathLike[str] | None = None,
        **parameters: object) -> Answer:
    """Answer canned question *name* with *parameters* (``jaar=2020``, ``thema="jeugd"``;
    values as Python values or text, checked as on the command line), from the shipped
    KB, the KB in folder *kb* (as ``vngkb --kb DIR``; see docs/letters.md) or a SPARQL
    *endpoint*. Raises :class:`vngkb.core.errors.VngkbError` subclasses on bad input (with
    a "bedoelde u ...?" where a name is close; a *kb* that is not a KB folder is an
    :class:`~vngkb.core.errors.InputError`), and ``TypeError`` for a value of a type no
    parameter takes (``None``, a list)."""
    from pathlib import Path

    from vngkb.api import ask as ask_question
    from vngkb.core.paths import kb_in_use
    from vngkb.query.answer import Answer, parameter_text

    values = {key: parameter_text(key, value) for key, value in parameters.items()}
    with kb_in_use(None if kb is None else Path(kb)):
        if kb is not None:
            from vngkb.kb.layout import kb_folder

            kb_folder()
        return Answer.from_table(ask_question(name, values, endpoint))
