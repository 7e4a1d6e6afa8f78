"""The canned questions: ``queries/*.rq`` files with a grlc-style ``#+ key: value``
YAML header, and their typed parameters.

Parameters follow the grlc/BASIL variable convention, so the same file runs in grlc:
``?_jaar_xsd_gYear`` is parameter ``jaar``, an ``xsd:gYear`` literal; ``?_ministerie_iri``
an IRI; ``?_zoekterm_nl`` a Dutch literal; ``?_aantal_integer`` an integer;
``?_naam`` a plain literal. The header adds what grlc cannot say: a description, a
default, and for IRIs the SKOS scheme or class their value must come from.
Values are checked and turned into RDF terms here; the backend binds them.

>>> p = Parameter(name="jaar", variable="_jaar_xsd_gYear", kind="year")
>>> p.to_term("2020")
Term(kind='literal', value='2020', datatype='http://www.w3.org/2001/XMLSchema#gYear', lang=None)
>>> p.to_term("20x0")
Traceback (most recent call last):
...
vngkb.errors.ParameterError: parameter jaar: '20x0' is not a year (four digits, e.g. 2020)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import yaml

from vngkb.errors import InputError, ParameterError, UnknownQuestionError
from vngkb.namespaces import ID, PREFIXES, XSD
from vngkb.paths import QUERIES_DIR
from vngkb.terms import Term

ParamKind = Literal["year", "integer", "decimal", "iri", "string"]

_PARAM_VARIABLE = re.compile(r"\?(__?[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)")
_YEAR = re.compile(r"\d{4}")
_INTEGER = re.compile(r"[+-]?\d{1,18}")
_LANG = re.compile(r"[a-z]{2,3}")
#: Longest accepted string value: longer input is rejected, not truncated.
MAX_STRING_LENGTH = 200


@dataclass(frozen=True)
class Parameter:
    """One parameter of a canned question."""

    name: str
    variable: str
    kind: ParamKind
    lang: str | None = None
    optional: bool = False
    default: str | None = None
    description: str = ""
    #: For IRIs: the SKOS scheme (or class) the value must belong to, as an IRI.
    scheme: str | None = None
    #: For IRIs in a scheme: short names (the part after the scheme IRI) that are allowed.
    allowed: tuple[str, ...] = ()

    @property
    def type_label(self) -> str:
        if self.kind == "string" and self.lang:
            return f"string@{self.lang}"
        return self.kind

    def to_term(self, raw: str) -> Term:
        """Check *raw* and return it as an RDF term."""
        value = raw.strip()
        if self.kind == "year":
            if not _YEAR.fullmatch(value):
                raise ParameterError(
                    f"parameter {self.name}: {raw!r} is not a year (four digits, e.g. 2020)")
            return Term("literal", value, datatype=XSD + "gYear")
        if self.kind == "integer":
            if not _INTEGER.fullmatch(value):
                raise ParameterError(f"parameter {self.name}: {raw!r} is not an integer")
            return Term("literal", str(int(value)), datatype=XSD + "integer")
        if self.kind == "decimal":
            try:
                number = Decimal(value.replace(",", "."))
            except InvalidOperation:
                raise ParameterError(f"parameter {self.name}: {raw!r} is not a number") from None
            if not number.is_finite():
                raise ParameterError(f"parameter {self.name}: {raw!r} is not a finite number")
            return Term("literal", format(number, "f"), datatype=XSD + "decimal")
        if self.kind == "iri":
            return Term("iri", self._iri(value))
        if len(raw) > MAX_STRING_LENGTH:
            raise ParameterError(
                f"parameter {self.name}: value is {len(raw)} characters long; "
                f"at most {MAX_STRING_LENGTH} are accepted")
        return Term("literal", raw, lang=self.lang)

    def _iri(self, value: str) -> str:
        if self.allowed:
            short = value.removeprefix(self.scheme + "/") if self.scheme else value
            if short not in self.allowed:
                raise ParameterError(
                    f"parameter {self.name}: {value!r} is not one of: {', '.join(self.allowed)}")
            return f"{self.scheme}/{short}"
        if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value):
            raise ParameterError(f"parameter {self.name}: {value!r} is not an http(s) IRI")
        return value


@dataclass(frozen=True)
class Question:
    """A canned question: a SPARQL query with metadata and parameters."""

    name: str
    path: Path
    query: str
    summary: str
    description: str = ""
    tags: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    columns: tuple[str, ...] = field(default=())

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise ParameterError(
            f"question {self.name} has no parameter {name!r} (parameters: {known})")

    def bindings(self, values: Mapping[str, str]) -> dict[str, Term]:
        """Checked RDF terms for every parameter: given values, else defaults."""
        for name in values:
            self.parameter(name)
        bound: dict[str, Term] = {}
        for parameter in self.parameters:
            raw = values.get(parameter.name, parameter.default)
            if raw is None:
                if parameter.optional:
                    continue
                raise ParameterError(f"question {self.name}: parameter {parameter.name} "
                                     f"({parameter.type_label}) is required")
            bound[parameter.variable] = parameter.to_term(str(raw))
        return bound


def _kind_of(variable: str) -> tuple[str, ParamKind, str | None]:
    """Name, kind and language of a grlc parameter variable (without the ``?``)."""
    body = variable.lstrip("_")
    name, _, suffix = body.partition("_")
    if suffix == "iri":
        return name, "iri", None
    if suffix == "integer":
        return name, "integer", None
    if suffix == "xsd_gYear":
        return name, "year", None
    if suffix == "xsd_decimal":
        return name, "decimal", None
    if suffix == "":
        return name, "string", None
    if _LANG.fullmatch(suffix):
        return name, "string", suffix
    raise InputError(f"parameter variable ?{variable}: unsupported type suffix {suffix!r}")


def _header(text: str, path: Path) -> dict[str, Any]:
    lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            lines.append(line[2:].removeprefix(" "))
        elif line.strip() and not line.startswith("#"):
            break
    try:
        data = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise InputError(f"{path}{line}: bad '#+' header: {error}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: the '#+' header must be 'key: value' lines")
    return data


def _scheme_iri(scheme: str) -> str:
    if scheme.startswith("http"):
        return scheme
    return ID + scheme


def parse_question(path: Path, allowed_values: Mapping[str, tuple[str, ...]] | None = None
                   ) -> Question:
    """Read one ``.rq`` file. *allowed_values* maps scheme IRIs to their short names."""
    text = path.read_text(encoding="utf-8")
    header = _header(text, path)
    specs = header.get("params") or {}
    defaults: dict[str, str] = {}
    for item in header.get("defaults") or []:
        if isinstance(item, dict):
            defaults.update({str(k): str(v) for k, v in item.items()})
    parameters: list[Parameter] = []
    seen: set[str] = set()
    for match in _PARAM_VARIABLE.finditer(text):
        variable = match.group(1)
        if variable in seen or _is_in_comment(text, match.start()):
            continue
        seen.add(variable)
        name, kind, lang = _kind_of(variable)
        spec = specs.get(name) or {}
        scheme = spec.get("scheme")
        scheme_iri = _scheme_iri(scheme) if scheme else None
        allowed = (allowed_values or {}).get(scheme_iri or "", ())
        parameters.append(Parameter(
            name=name, variable=variable, kind=kind, lang=lang,
            optional=variable.startswith("__"),
            default=defaults.get(name), description=str(spec.get("description", "")),
            scheme=scheme_iri, allowed=tuple(allowed)))
    return Question(
        name=path.stem, path=path, query=text,
        summary=str(header.get("summary", "")), description=str(header.get("description", "")),
        tags=tuple(str(t) for t in header.get("tags") or ()), parameters=tuple(parameters))


def _is_in_comment(text: str, index: int) -> bool:
    line_start = text.rfind("\n", 0, index) + 1
    return "#" in text[line_start:index]


def question_files(directory: Path = QUERIES_DIR) -> list[Path]:
    """The canned questions' files (QC checks live in ``checks/`` and are not questions)."""
    return sorted(directory.glob("*.rq"))


def load_catalogue(directory: Path = QUERIES_DIR,
                   allowed_values: Mapping[str, tuple[str, ...]] | None = None
                   ) -> dict[str, Question]:
    """Every canned question by name."""
    return {q.name: q for q in (parse_question(p, allowed_values)
                                for p in question_files(directory))}


def find_question(name: str, directory: Path = QUERIES_DIR,
                  allowed_values: Mapping[str, tuple[str, ...]] | None = None) -> Question:
    """The question called *name*; a clear error lists the known names otherwise."""
    path = directory / f"{name}.rq"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) or not path.is_file():
        known = ", ".join(p.stem for p in question_files(directory))
        raise UnknownQuestionError(f"no question named {name!r}; known questions: {known}")
    return parse_question(path, allowed_values)


def scheme_members_query() -> str:
    """SPARQL listing every concept of every scheme (for enumerated IRI parameters)."""
    return ("SELECT ?scheme ?concept WHERE { ?concept <" + PREFIXES["skos"]
            + "inScheme> ?scheme } ORDER BY ?scheme ?concept")
