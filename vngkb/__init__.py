"""vngkb: the VNG ledenbrief on the Miljoenennota 2020 as linked data.

For notebooks: ``vngkb.ask("bedragen-in-jaar", jaar=2020)`` answers a canned question
(see ``vngkb questions``) with typed values; see :class:`vngkb.query.answer.Answer`. Nothing
heavy is imported until a question is asked, so ``import vngkb`` stays cheap.
"""

from __future__ import annotations

from vngkb.core.version import __version__ as __version__

# Not typing.TYPE_CHECKING: importing typing would make `import vngkb` slower.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from vngkb.query.answer import Answer


def ask(name: str, endpoint: str | None = None, **parameters: object) -> Answer:
    """Answer canned question *name* with *parameters* (``jaar=2020``, ``thema="jeugd"``;
    values as Python values or text, checked as on the command line), from the shipped
    KB or a SPARQL *endpoint*. Raises :class:`vngkb.core.errors.VngkbError` subclasses on
    bad input (with a "bedoelde u ...?" where a name is close)."""
    from vngkb.api import ask as ask_question
    from vngkb.query.answer import Answer

    values = {key: str(value) for key, value in parameters.items()}
    return Answer.from_table(ask_question(name, values, endpoint))
