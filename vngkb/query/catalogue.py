"""The canned questions: ``queries/*.rq`` files with a grlc-style ``#+ key: value``
YAML header, and their typed parameters.

Parameters follow the grlc/BASIL variable convention, so the same file runs in grlc:
``?_jaar_xsd_gYear`` is parameter ``jaar``, an ``xsd:gYear`` literal; ``?_ministerie_iri``
an IRI; ``?_zoekterm_nl`` a Dutch literal; ``?_aantal_integer`` an integer;
``?_bedrag_xsd_decimal`` a decimal; ``?_datum_xsd_date`` a calendar date
(``2021-01-01``); ``?_naam`` a plain literal; two underscores
(``?__thema_iri``) make a parameter optional. The header keys are grlc's (``summary``,
``description``, ``tags``, ``defaults``, ``enumerate``) plus our ``params`` block, which
says what grlc cannot: a description, and for IRIs where their value must come from
(``scheme:`` a SKOS concept scheme, or ``class:`` with ``namespace:`` for the members
of a class), so that a short name (``kritisch``, ``jeugd``) or an abbreviation the KB
knows (``SPUK``, ``VWS``) is accepted and an unknown value lists the allowed ones;
``minimum``/``maximum`` for numbers and ``maxLength`` for strings.
Values are checked and turned into RDF terms here; the backend binds them.

>>> p = Parameter(name="jaar", variable="_jaar_xsd_gYear", kind="year")
>>> p.to_term("2020")
Term(kind='literal', value='2020', datatype='http://www.w3.org/2001/XMLSchema#gYear', lang=None)
>>> p.to_term("20x0")
Traceback (most recent call last):
...
vngkb.core.errors.ParameterError: parameter jaar: '20x0' is geen jaartal (vier cijfers, bv. 2020)
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from vngkb.core import diskcache
from vngkb.core.errors import (
    InputError,
    ParameterError,
    UnknownQuestionError,
    shorten,
)
from vngkb.core.paths import QUERIES_DIR
from vngkb.i18n import did_you_mean, t
from vngkb.rdf.namespaces import ID, PREFIXES, XSD
from vngkb.rdf.terms import Term

if TYPE_CHECKING:
    from vngkb.query.store import Backend

ParamKind = Literal["year", "integer", "decimal", "iri", "string", "date"]

_PARAM_VARIABLE = re.compile(r"\?(__?[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)")
# re.ASCII: without it \d also matches Arabic-Indic, full-width and other digits, which
# int() accepts but the KB's years and numbers never use.
_YEAR = re.compile(r"\d{4}", re.ASCII)
#: A calendar date as xsd:date writes it, without a time zone: ``2021-01-01``.
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_INTEGER = re.compile(r"[+-]?\d{1,18}", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(\d{1,18}([.,]\d{0,12})?|[.,]\d{1,12})([eE][+-]?\d{1,2})?",
                      re.ASCII)
_LANG = re.compile(r"[a-z]{2,3}")
_HTTP_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
#: Longest question name (file names are short; longer input is not looked up).
MAX_NAME_LENGTH = 100
#: Longest accepted string value: longer input is rejected, not truncated.
MAX_STRING_LENGTH = 200

_TYPE_LABELS = {"year": "year (xsd:gYear)", "integer": "integer (xsd:integer)",
                "decimal": "decimal (xsd:decimal)", "iri": "IRI",
                "date": "date (xsd:date, YYYY-MM-DD)"}


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
    #: For IRIs: the SKOS scheme the value must belong to, as an IRI; with
    #: :attr:`member_class` the namespace the members' IRIs share. A short name is the
    #: part of the member's IRI after ``scheme + "/"``.
    scheme: str | None = None
    #: For IRIs: the class whose instances are the allowed values (instead of a scheme).
    member_class: str | None = None
    #: The allowed values: short names for IRIs, the literal values otherwise.
    allowed: tuple[str, ...] = ()
    #: Other names the KB gives an allowed IRI (``skos:notation``, ``skos:altLabel``),
    #: as (alias, short name) pairs; matched without regard to case.
    aliases: tuple[tuple[str, str], ...] = ()
    #: The header names the parameter under ``enumerate`` without values: grlc (and we)
    #: take the allowed values from the KB.
    enumerated_from_kb: bool = False
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_length: int = MAX_STRING_LENGTH

    @property
    def type_label(self) -> str:
        if self.kind == "string" and self.lang:
            return f"string@{self.lang}"
        return self.kind

    @property
    def type_description(self) -> str:
        """The type in words, for help texts and the generated docs."""
        if self.kind == "string":
            what = f"string (literal @{self.lang})" if self.lang else "string (plain literal)"
            return f"{what}, at most {self.max_length} characters"
        label = _TYPE_LABELS[self.kind]
        if self.kind == "iri" and self.member_class:
            return f"{label}, an instance of <{self.member_class}>"
        if self.kind == "iri" and self.scheme and not self.member_class:
            return f"{label} from the SKOS scheme <{self.scheme}>"
        return label

    @property
    def range_text(self) -> str:
        """``between 1 and 10`` and the like, or empty."""
        if self.minimum is not None and self.maximum is not None:
            return f"between {self.minimum} and {self.maximum}"
        if self.minimum is not None:
            return f"at least {self.minimum}"
        if self.maximum is not None:
            return f"at most {self.maximum}"
        return ""

    def to_term(self, raw: str) -> Term:
        """Check *raw* and return it as an RDF term."""
        value = raw.strip()
        if self.kind == "year":
            if not _YEAR.fullmatch(value):
                raise ParameterError(t("not_a_year", name=self.name, value=_shown(raw)))
            self._check_allowed(value)
            self._check_range(raw, Decimal(value))
            return Term("literal", value, datatype=XSD + "gYear")
        if self.kind == "integer":
            if not _INTEGER.fullmatch(value):
                raise ParameterError(t("not_an_integer", name=self.name, value=_shown(raw)))
            self._check_allowed(str(int(value)))
            self._check_range(raw, Decimal(int(value)))
            return Term("literal", str(int(value)), datatype=XSD + "integer")
        if self.kind == "decimal":
            return self._decimal(raw, value)
        if self.kind == "date":
            return self._date(raw, value)
        if self.kind == "iri":
            return Term("iri", self._iri(value))
        if len(raw) > self.max_length:
            raise ParameterError(t("too_long", name=self.name, length=len(raw),
                                   most=self.max_length))
        if not value:
            raise ParameterError(t("empty_value", name=self.name))
        self._check_allowed(raw)
        return Term("literal", raw, lang=self.lang)

    def _decimal(self, raw: str, value: str) -> Term:
        if value.lower() in ("nan", "inf", "-inf", "+inf", "infinity", "-infinity"):
            raise ParameterError(t("not_finite", name=self.name, value=_shown(raw)))
        if not _DECIMAL.fullmatch(value):
            raise ParameterError(t("not_a_number", name=self.name, value=_shown(raw)))
        # The pattern admits only what Decimal reads (no NaN, no infinity, bounded exponent).
        number = Decimal(value.replace(",", "."))
        self._check_range(raw, number)
        return Term("literal", format(number, "f"), datatype=XSD + "decimal")

    def _date(self, raw: str, value: str) -> Term:
        """An existing calendar date, ``YYYY-MM-DD`` in ASCII digits.

        >>> p = Parameter(name="datum", variable="_datum_xsd_date", kind="date")
        >>> p.to_term("2021-01-01").value
        '2021-01-01'
        >>> p.to_term("2021-02-30")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        vngkb.core.errors.ParameterError: parameter datum: '2021-02-30' is geen datum ...
        """
        match = _DATE.fullmatch(value)
        try:
            if match is None:
                raise ValueError
            date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise ParameterError(t("not_a_date", name=self.name, value=_shown(raw))) from None
        self._check_allowed(value)
        return Term("literal", value, datatype=XSD + "date")

    def _check_range(self, raw: str, number: Decimal) -> None:
        too_low = self.minimum is not None and number < self.minimum
        too_high = self.maximum is not None and number > self.maximum
        if too_low or too_high:
            raise ParameterError(t("out_of_range", name=self.name, value=_shown(raw.strip()),
                                   range=self._range_words()))

    def _range_words(self) -> str:
        """``tussen 1 en 10`` and the like, in the current language."""
        if self.minimum is not None and self.maximum is not None:
            return t("range_between", low=self.minimum, high=self.maximum)
        if self.minimum is not None:
            return t("range_at_least", low=self.minimum)
        return t("range_at_most", high=self.maximum)

    def _check_allowed(self, value: str) -> None:
        if self.allowed and value not in self.allowed:
            raise self._not_allowed(value)

    def _not_allowed(self, value: str) -> ParameterError:
        """The error for a value outside :attr:`allowed`: the allowed values, the other
        names the KB knows for them, and the closest ones ("bedoelde u ...?")."""
        also = sorted({alias for alias, _ in self.aliases}, key=str.lower)
        message = t("not_one_of", name=self.name, value=shorten(value),
                    allowed=_listed(self.allowed, 160),
                    also=t("also_accepted", names=_listed(also, 80)) if also else "")
        # A number is not misspelt: '11' for chapter 1 to 10 gets no "did you mean '1'?".
        hint = None if value.isascii() and value.isdigit() else did_you_mean(
            value, [*self.allowed, *also])
        return ParameterError(f"{message}; {hint}" if hint else message)

    def _iri(self, value: str) -> str:
        if self.allowed:
            short = self.short_name(value)
            if short is None:
                raise self._not_allowed(value)
            # Members of a class without a namespace are allowed by their full IRI.
            return f"{self.scheme}/{short}" if self.scheme else short
        if not _HTTP_IRI.fullmatch(value):
            raise ParameterError(t("not_an_iri", name=self.name, value=_shown(value)))
        # The store's own IRI rules (percent-encoding, characters, host syntax), so that
        # a value it would refuse is a parameter error, not an engine error.
        import pyoxigraph as ox

        try:
            ox.NamedNode(value)
        except ValueError as error:
            raise ParameterError(t("invalid_iri", name=self.name, value=_shown(value),
                                   reason=_cut(str(error)))) from None
        return value

    def short_name(self, value: str) -> str | None:
        """The allowed short name *value* stands for (a short name, the full IRI or an
        alias, ignoring case), or None."""
        candidate = value.removeprefix(self.scheme + "/") if self.scheme else value
        if candidate in self.allowed:
            return candidate
        folded = value.casefold()
        for short in self.allowed:
            if short.casefold() == folded:
                return short
        # An alias by itself or after the namespace (an IRI from before the letter was
        # part of it: ``.../maatregel/jeugd``).
        names = {folded, candidate.casefold()}
        for alias, short in self.aliases:
            if alias.casefold() in names and short in self.allowed:
                return short
        return None


#: The tag of the questions that compare letters (docs/letters.md): they take two letters
#: (``eerder`` and ``brief``), a measure of a later letter, or run over every letter, and
#: answer nothing of interest about a KB of one letter.
LETTERS_TAG = "brieven"
#: The parameter of a question across letters that names the earlier letter: it defaults
#: to the letter before the newest (:func:`with_newest_letter`).
EARLIER_LETTER = "eerder"


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
    #: Dutch phrasings of the question (header key ``examples``), which teach
    #: ``vngkb interpret`` to recognise it.
    examples: tuple[str, ...] = ()
    #: Column headings the header declares (``#+ columns:``): variable → {"nl": ..,
    #: "en": ..}; other columns get theirs from :data:`vngkb.i18n.COLUMNS`.
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def compares_letters(self) -> bool:
        """Whether the question compares letters (tag :data:`LETTERS_TAG`): its answers
        need a KB of two or more letters."""
        return LETTERS_TAG in self.tags

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        names = [p.name for p in self.parameters]
        hint = t("parameters_are", names=", ".join(names) or "-")
        close = did_you_mean(name, names)
        raise ParameterError(t("no_parameter", question=self.name, name=shorten(name),
                               hint=f"{close} {hint}" if close else hint))

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
                raise ParameterError(t("required", question=self.name, name=parameter.name,
                                       type=parameter.type_label))
            bound[parameter.variable] = parameter.to_term(str(raw))
        return bound


def _listed(names: Sequence[str], budget: int) -> str:
    """*names* joined with commas, as many as fit in *budget* characters (at least one),
    then "… (N in totaal)": a parameter with hundreds of allowed values stays a line a
    person can read (``vngkb ask NAME --help`` lists them all).

    >>> from vngkb.i18n import set_lang
    >>> set_lang("nl")
    >>> _listed(["jeugd", "wmo", "participatie"], 12)
    'jeugd, wmo, … (3 in totaal)'
    >>> _listed(["jeugd", "wmo"], 100)
    'jeugd, wmo'
    >>> set_lang(None)
    """
    shown: list[str] = []
    for name in names:
        if shown and len(", ".join([*shown, name])) > budget:
            return ", ".join(shown) + ", … " + t("help_in_all", n=len(names))
        shown.append(name)
    return ", ".join(shown)


def _shown(raw: str) -> str:
    """A value as an error message quotes it: in quotes, escaped, cut after 80 characters
    with its length (a megabyte of input must not become a megabyte of message)."""
    from vngkb.core.errors import shorten

    return shorten(raw)


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
    if suffix == "xsd_date":
        return name, "date", None
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
    header = "\n".join(lines)
    # PyYAML costs a quarter of a cold `vngkb ask` to import; a header already read is
    # taken from the cache (named by the header's text) as JSON instead
    # (benchmarks/bench_tricks.py measures it).
    name = f"kopregels-{diskcache.key('kopregels', header)}.json"
    cached = diskcache.read(name)
    if cached is not None:
        try:
            data = json.loads(cached)
        except ValueError:
            data = None  # a damaged entry: read the header again
        if isinstance(data, dict):
            return data
    data = _yaml_header(header, path)
    try:
        encoded = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return data  # a value JSON cannot hold (a date): not cached
    if json.loads(encoded) == data:  # only what comes back the same (no integer keys)
        diskcache.write(name, encoded.encode("utf-8"))
    return data


def _yaml_header(header: str, path: Path) -> dict[str, Any]:
    import yaml

    # libyaml's safe loader when PyYAML has it: the same documents, ten times faster.
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(header, Loader=loader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        # One line: YAML's own message spans several, with marks in its input (the
        # header without its "#+"), which the file name and line above replace.
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise InputError(f"{path}{line}: bad '#+' header: {problem}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: the '#+' header must be 'key: value' lines")
    return data


def _iri_of(name: str) -> str:
    """A header IRI: absolute, ``prefix:local`` with a known prefix, or relative to ``id/``."""
    if name.startswith(("http://", "https://")):
        return name
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return ID + name


def _scheme_iri(scheme: str) -> str:
    return _iri_of(scheme)


def _enumerations(header: Mapping[str, Any]) -> tuple[dict[str, list[str]], set[str]]:
    """grlc's ``enumerate``: ``- name: [values]`` lists values, a bare ``- name`` asks for
    the values to be looked up in the data."""
    listed: dict[str, list[str]] = {}
    looked_up: set[str] = set()
    for item in header.get("enumerate") or []:
        if isinstance(item, dict):
            for key, values in item.items():
                listed[str(key)] = [str(v) for v in values or []]
        else:
            looked_up.add(str(item))
    return listed, looked_up


def _number(spec: Mapping[str, Any], key: str) -> Decimal | None:
    value = spec.get(key)
    return None if value is None else Decimal(str(value))


def parse_question(path: Path, allowed_values: Mapping[str, tuple[str, ...]] | None = None
                   ) -> Question:
    """Read one ``.rq`` file. *allowed_values* maps scheme IRIs to their short names."""
    from vngkb.rdf.files import MAX_TEXT_BYTES, read_file_text

    text = read_file_text(path, limit=MAX_TEXT_BYTES)
    header = _header(text, path)
    specs = header.get("params") or {}
    defaults: dict[str, str] = {}
    for item in header.get("defaults") or []:
        if isinstance(item, dict):
            defaults.update({str(k): str(v) for k, v in item.items()})
    listed, looked_up = _enumerations(header)
    parameters: list[Parameter] = []
    seen: set[str] = set()
    for match in _PARAM_VARIABLE.finditer(text):
        variable = match.group(1)
        if variable in seen or _is_in_comment(text, match.start()):
            continue
        seen.add(variable)
        name, kind, lang = _kind_of(variable)
        spec = specs.get(name) or {}
        scheme = spec.get("scheme") or spec.get("namespace")
        scheme_iri = _scheme_iri(str(scheme)) if scheme else None
        member_class = _iri_of(str(spec["class"])) if spec.get("class") else None
        allowed = tuple((allowed_values or {}).get(scheme_iri or "", ()))
        if not allowed and name in listed:
            prefix = (scheme_iri or "") + "/"
            allowed = tuple(v.removeprefix(prefix) if scheme_iri else v for v in listed[name])
        parameters.append(Parameter(
            name=name, variable=variable, kind=kind, lang=lang,
            optional=variable.startswith("__"),
            default=defaults.get(name), description=str(spec.get("description", "")).strip(),
            scheme=scheme_iri, member_class=member_class, allowed=allowed,
            enumerated_from_kb=name in looked_up,
            minimum=_number(spec, "minimum"), maximum=_number(spec, "maximum"),
            max_length=int(spec.get("maxLength", MAX_STRING_LENGTH))))
    # The header's order, not the text's: the text orders its patterns for the engine
    # (the letter first), while help, forms and examples keep the order users read.
    declared = {str(name): index for index, name in enumerate(specs)}
    parameters.sort(key=lambda parameter: declared.get(parameter.name, len(declared)))
    return Question(
        name=path.stem, path=path, query=text, labels=_column_labels(header, path),
        summary=str(header.get("summary", "")).strip(),
        description=str(header.get("description", "")).strip(),
        tags=tuple(str(t) for t in header.get("tags") or ()), parameters=tuple(parameters),
        examples=_examples(header, path))


def _examples(header: Mapping[str, Any], path: Path) -> tuple[str, ...]:
    """The header's ``examples``: a YAML list of phrasings (strings)."""
    examples = header.get("examples") or []
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        raise InputError(f"{path}: '#+ examples:' must be a list of phrasings (strings)")
    return tuple(e.strip() for e in examples if e.strip())


def _column_labels(header: Mapping[str, Any], path: Path) -> dict[str, dict[str, str]]:
    """The ``columns:`` header: ``variable: label`` (Dutch) or ``variable: {nl: label,
    en: label}``.

    >>> _column_labels({"columns": {"bijstellingTekst": {"nl": "bijstelling", "en": "adj."},
    ...                             "x": "iks"}}, Path("q.rq"))
    {'bijstellingTekst': {'nl': 'bijstelling', 'en': 'adj.'}, 'x': {'nl': 'iks'}}
    """
    declared = header.get("columns") or {}
    if not isinstance(declared, dict):
        raise InputError(f"{path}: '#+ columns:' must map variables to labels")
    labels: dict[str, dict[str, str]] = {}
    for variable, label in declared.items():
        entry = {"nl": label} if isinstance(label, str) else label
        if (not isinstance(entry, dict) or not entry
                or not all(k in ("nl", "en") and isinstance(v, str) and v.strip()
                           for k, v in entry.items())):
            raise InputError(f"{path}: '#+ columns:' {variable}: give a label, or nl: and "
                             "en: labels")
        labels[str(variable)] = {str(k): str(v).strip() for k, v in entry.items()}
    return labels


def _is_in_comment(text: str, index: int) -> bool:
    """Whether *index* is inside a ``#`` comment (a ``#`` in an IRI or string does not
    start one)."""
    line_start = text.rfind("\n", 0, index) + 1
    line = text[line_start:index]
    line = re.sub(r"<[^<>\s]*>", "", line)
    line = re.sub(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'", "", line)
    return "#" in line


def question_files(directory: Path = QUERIES_DIR) -> list[Path]:
    """The canned questions' files (QC checks live in ``checks/`` and are not questions)."""
    return sorted(directory.glob("*.rq"))


def load_catalogue(directory: Path = QUERIES_DIR,
                   allowed_values: Mapping[str, tuple[str, ...]] | None = None
                   ) -> dict[str, Question]:
    """Every canned question by name."""
    return {q.name: q for q in (parse_question(p, allowed_values)
                                for p in question_files(directory))}


#: Longest question name looked up (a longer one cannot name a file).
MAX_QUESTION_NAME = 200


def _cut(value: str, limit: int = 80) -> str:
    """*value* cut to *limit* characters for an error message."""
    return value if len(value) <= limit else value[:limit - 1] + "…"


def find_question(name: str, directory: Path = QUERIES_DIR,
                  allowed_values: Mapping[str, tuple[str, ...]] | None = None) -> Question:
    """The question called *name*; a clear error lists the known names otherwise."""
    path = directory / f"{name}.rq"
    # The length bound comes first: a name longer than the file system allows would make
    # is_file() raise instead of answering False.
    if (len(name) > MAX_NAME_LENGTH or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name)
            or not path.is_file()):
        known = [p.stem for p in question_files(directory)]
        hint = (did_you_mean(name[:MAX_NAME_LENGTH], known)
                or t("known_questions", names=", ".join(known)))
        raise UnknownQuestionError(t("unknown_question", name=shorten(name), hint=hint))
    return parse_question(path, allowed_values)


def scheme_members_query() -> str:
    """SPARQL listing every concept of every scheme (for enumerated IRI parameters)."""
    return ("SELECT ?scheme ?concept WHERE { ?concept <" + PREFIXES["skos"]
            + "inScheme> ?scheme } ORDER BY ?scheme ?concept")


def members_query(question: Question) -> str | None:
    """SPARQL listing the allowed IRIs (``?group ?member``) of the question's IRI
    parameters and their aliases (``?alias``: notation, alternative label); None when
    no parameter takes its values from a scheme or class."""
    schemes = sorted({p.scheme for p in question.parameters
                      if p.kind == "iri" and p.scheme and not p.member_class})
    classes = sorted({p.member_class for p in question.parameters
                      if p.kind == "iri" and p.member_class})
    if not schemes and not classes:
        return None
    skos = PREFIXES["skos"]
    parts = []
    if schemes:
        parts.append("{ VALUES ?group { " + " ".join(f"<{s}>" for s in schemes)
                     + " } ?member <" + skos + "inScheme> ?group }")
    if classes:
        parts.append("{ VALUES ?group { " + " ".join(f"<{c}>" for c in classes)
                     + " } ?member a ?group }")
    # Members of a class without a namespace (laws: wetten.overheid.nl IRIs and our own)
    # are also known by their label.
    labelled = sorted({p.member_class for p in question.parameters
                       if p.kind == "iri" and p.member_class and not p.scheme})
    if labelled:
        parts.append("{ VALUES ?group { " + " ".join(f"<{c}>" for c in labelled)
                     + " } ?member a ?group ; <" + PREFIXES["rdfs"] + "label> ?alias }")
    return ("SELECT ?group ?member ?alias WHERE { " + " UNION ".join(parts)
            + f" OPTIONAL {{ ?member <{skos}notation>|<{skos}altLabel> ?alias }} }}"
            " ORDER BY ?group ?member ?alias")


def with_members(question: Question, rows: Iterable[tuple[str, str, str | None]]) -> Question:
    """*question* with the allowed values of its scheme and class parameters taken from
    *rows* (group IRI, member IRI, alias or None), as :func:`members_query` returns them."""
    members: dict[str, dict[str, set[str]]] = {}
    for group, member, alias in rows:
        names = members.setdefault(group, {}).setdefault(member, set())
        if alias:
            names.add(alias)
    parameters = []
    for p in question.parameters:
        key = p.member_class or p.scheme
        if p.kind != "iri" or not key or key not in members:
            parameters.append(p)
            continue
        prefix = f"{p.scheme}/" if p.scheme else ""
        allowed: list[str] = []
        aliases: list[tuple[str, str]] = []
        for member, names in sorted(members[key].items()):
            if not member.startswith(prefix):
                continue
            short = member.removeprefix(prefix)
            allowed.append(short)
            if not p.scheme:
                # Without a namespace the last part of the IRI is a short name too.
                names = names | {member.rstrip("/").rpartition("/")[2]}
            aliases.extend((alias, short) for alias in sorted(names) if alias != short)
        parameters.append(dataclasses.replace(p, allowed=tuple(allowed),
                                              aliases=tuple(aliases)))
    return dataclasses.replace(question, parameters=tuple(parameters))


def with_allowed_values(question: Question, backend: Backend) -> Question:
    """Fill in the allowed short names (and the KB's abbreviations for them) of IRI
    parameters whose values come from a SKOS scheme or a class, as *backend* holds them."""
    text = members_query(question)
    if text is None:
        return question
    rows = [(r[0].value, r[1].value, None if r[2] is None else r[2].value)
            for r in backend.select(text).rows if r[0] is not None and r[1] is not None]
    return with_newest_letter(with_members(question, rows), backend)


def with_newest_letter(question: Question, backend: Backend) -> Question:
    """*question* whose letter parameters (class ``def:Brondocument``) default to the
    newest letter in *backend* (:func:`vngkb.query.letters.newest`) instead of the letter
    the header names (which grlc keeps as its default); the earlier letter of a question
    across letters (:data:`EARLIER_LETTER`) to the letter before the newest (the newest
    when the KB holds one letter)."""
    letter_class = PREFIXES["def"] + "Brondocument"
    by_letter = [p for p in question.parameters
                 if p.kind == "iri" and p.scheme and any("/" in a for a in p.allowed)]
    if not by_letter and not any(p.member_class == letter_class for p in question.parameters):
        return question
    from vngkb.query.letters import letters

    order = {letter.id: rank for rank, letter in enumerate(letters(backend))}
    parameters = []
    for p in question.parameters:
        if p.member_class == letter_class and order:
            ranked = sorted(order, key=lambda letter: order[letter])
            latest = ranked[-2] if p.name == EARLIER_LETTER and len(ranked) > 1 else ranked[-1]
            p = dataclasses.replace(p, default=f"{p.scheme}/{latest}" if p.scheme else p.default)
        elif p in by_letter:
            # A thing of a letter (``{letter}/{slug}``) is also known by its slug alone:
            # the thing of the newest letter that has one (docs/letters.md).
            newest_first = sorted((a for a in p.allowed if "/" in a),
                                  key=lambda a: -order.get(a.partition("/")[0], -1))
            slugs: dict[str, str] = {}
            for short in newest_first:
                slugs.setdefault(short.rpartition("/")[2], short)
            taken = set(p.allowed)
            extra = tuple((slug, short) for slug, short in sorted(slugs.items())
                          if slug not in taken)
            p = dataclasses.replace(p, aliases=p.aliases + extra)
        parameters.append(p)
    return dataclasses.replace(question, parameters=tuple(parameters))


def single_values(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Parameter values by name from (name, value) pairs, as a query string or repeated
    ``-p`` options give them; a name given twice is an error, not "the last one wins".

    >>> single_values([("jaar", "2019"), ("thema", "jeugd")])
    {'jaar': '2019', 'thema': 'jeugd'}
    >>> single_values([("jaar", "2019"), ("jaar", "2020")])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vngkb.core.errors.ParameterError: parameter 'jaar' is meer dan eens gegeven ...
    """
    values: dict[str, str] = {}
    for key, value in pairs:
        if key in values:
            raise ParameterError(t("given_twice", name=shorten(key), first=shorten(values[key]),
                                   second=shorten(value)))
        values[key] = value
    return values
