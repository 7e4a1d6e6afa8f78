"""vngkb: the VNG ledenbrief on the Miljoenennota 2020 as linked data.

For notebooks: ``vngkb.ask("bedragen-in-jaar", jaar=2020)`` answers a canned question
(see ``vngkb questions``) with typed values; see :class:`vngkb.answer.Answer`. Nothing
heavy is imported until a question is asked, so ``import vngkb`` stays cheap.
"""

from __future__ import annotations

# Not typing.TYPE_CHECKING: importing typing would make `import vngkb` slower.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from vngkb.answer import Answer

__version__ = "0.1.0"


def ask(name: str, endpoint: str | None = None, **parameters: object) -> Answer:
    """Answer canned question *name* with *parameters* (``jaar=2020``, ``thema="jeugd"``;
    values as Python values or text, checked as on the command line), from the shipped
    KB or a SPARQL *endpoint*. Raises :class:`vngkb.errors.VngkbError` subclasses on
    bad input (with a "bedoelde u ...?" where a name is close)."""
    from vngkb.answer import Answer
    from vngkb.api import ask as ask_question

    values = {key: str(value) for key, value in parameters.items()}
    return Answer.from_table(ask_question(name, values, endpoint))
