"""Documentation generated from the catalogue: ``queries/README.md`` (every question with
its description, parameters and an example) and the help text of ``vngkb ask NAME
--help``. Regenerate the README with ``python -m vngkb.query.docs > queries/README.md`` (or
``vngkb docs``); ``python -m vngkb.query.docs --check`` exits 1 when it is out of date.

>>> q = find_question("accres-per-jaar")
>>> example_command(q)
'vngkb ask accres-per-jaar -p jaar=2020'
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from vngkb.core.paths import QUERIES_DIR
from vngkb.i18n import t
from vngkb.query.catalogue import Parameter, Question, find_question, load_catalogue

README = QUERIES_DIR / "README.md"

_INTRO = """\
# Canned questions

<!-- Generated from the `#+` headers of queries/*.rq by `python -m vngkb.query.docs`
     (or `vngkb docs > queries/README.md`); do not edit by hand:
     tests/test_docs.py fails when this file differs from the generated one. -->

The questions a policy researcher asks of the VNG ledenbrieven on the Miljoenennota,
as SPARQL queries with a grlc-style `#+` header. Ask one with

```sh
vngkb ask NAME [-p PARAMETER=VALUE ...] [--format table|csv|tsv|json|sparql-json|markdown]
vngkb ask NAME --help      # the question's description, parameters and allowed values
```

or add `--endpoint URL` to ask a SPARQL 1.1 endpoint that holds the same data. Answers
show labels where the KB has them and keep an IRI column where you need to follow a
link; in the table and Markdown formats IRIs are shortened (`maatregel/jeugd`,
`tooi:mnre1025`) unless you add `--iris`. Rows come in a fixed order (mostly the order
of the letter). A list of amounts has one row per quote, so an amount the letter states
twice (two quotes) appears twice, with the same `bedrag` IRI.

## Parameters

Parameters are typed by their variable name, following the grlc/BASIL convention:
`?_jaar_xsd_gYear` is a year, `?_hoofdstuk_integer` an integer, `?_minimum_xsd_decimal`
a decimal (`1e8`, `2,5` and `100000000` are all accepted), `?_maatregel_iri` an IRI,
`?_zoekterm_nl` a Dutch string; two underscores (`?__grootheid_iri`) make a parameter
optional. Every value is checked before the query runs and bound as one RDF term (a
`VALUES` row at the start of the query; on the embedded store also at the start of
every nested group that names the variable, which Oxigraph evaluates on its own), so a
value can never change the query. An IRI parameter whose values come from a SKOS scheme
or a class takes a short name (`kritisch`, `jeugd`, `mnre1025`), the full IRI, or an
abbreviation the KB gives it (`SPUK`, `DU`, `VWS`); an unknown value is rejected with the
list of allowed ones.

## One letter at a time

Every question about the letter's measures, amounts, stances and motions takes the
letter as parameter `brief` (a `def:Brondocument`, by default
`ledenbrief-miljoenennota-2020`, the only letter in the KB so far) and answers about that
letter alone. A KB of several letters (one per Miljoenennota) must not add up one year's
money as stated in two letters, and each question stays as fast as on one letter however
many letters the KB holds (`benchmarks/scale.py`). The questions about the accres tables
name their tables (data sets) and so one letter already; `bedragen-van-maatregel` and
`vindplaats-van-maatregel` name a measure, which belongs to one letter. A question's
outer group opens with the letter's pattern (`?maatregel dct:source ?_brief_iri`): the
embedded engine joins patterns in the order written, so a question that starts elsewhere
reads every letter's rows first. Its parameters are listed in the order of the header's
`params` block, whatever order the text needs.

## Where grlc's conventions stop

The same files run in [grlc](https://grlc.io) (it reads `summary`, `description`,
`tags`, `defaults`, `enumerate` and the parameter variables, and ignores our `params`
block), with these differences:

- **Binding.** grlc pastes the value into the query text (`"…"`, `<…>`) without
  escaping; vngkb binds it as an RDF term. For ordinary values the answers are the same;
  a value with a quote or `>` breaks grlc's query and cannot break ours.
- **What a value may be.** grlc cannot say that an IRI must come from a SKOS scheme or
  class, that a number has a minimum or maximum, or that a string has a maximum length;
  it only offers the `enumerate` list as a drop-down. Those checks, the short names and
  the abbreviations are vngkb's (the `params` block). In grlc, give the full IRI.
- **Enumerations.** `enumerate` lists full IRIs for IRI parameters, because grlc
  substitutes the value as `<value>`. A bare name (`- maatregel`) asks grlc (and vngkb)
  to take the values from the data; vngkb takes them from the scheme or class in
  `params`, so its help cannot list them without the KB. `maatregelen-per-standpunt`
  predates this convention: it lists short names, which grlc would substitute as
  relative IRIs (`<kritisch>`); give grlc the full IRI there.
- **Numbers.** vngkb accepts `1e8` and a decimal comma and binds the canonical
  `xsd:decimal`; grlc passes the text as typed, so give it plain `100000000` or `2.5`.
- **Optional parameters** (`?__name`) stay unbound when no value is given, in both.
- Every file declares its own `PREFIX`es, since grlc sends the query as it is.

## The questions
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def allowed_text(parameter: Parameter) -> str:
    """The allowed values of *parameter* in words (empty when any value of its type goes)."""
    if parameter.allowed:
        return ", ".join(parameter.allowed)
    if parameter.enumerated_from_kb and parameter.member_class and not parameter.scheme:
        return (f"the IRI, last part of the IRI or label of an instance of "
                f"`{parameter.member_class}` in the KB")
    if parameter.enumerated_from_kb and parameter.member_class:
        return (f"the short name (after `{parameter.scheme}/`) or IRI of an instance of "
                f"`{parameter.member_class}` in the KB")
    if parameter.enumerated_from_kb and parameter.scheme:
        return f"the short name or IRI of a concept of `{parameter.scheme}` in the KB"
    return parameter.range_text


def example_command(question: Question) -> str:
    """A ``vngkb ask`` command line for *question* with its default values."""
    parts = ["vngkb", "ask", question.name]
    for parameter in question.parameters:
        value = parameter.default
        if value is None and parameter.allowed and not parameter.optional:
            value = parameter.allowed[0]
        if value is None:
            continue
        if parameter.kind == "iri" and parameter.scheme and value.startswith(
                parameter.scheme + "/"):
            value = value.removeprefix(parameter.scheme + "/")
        parts += ["-p", f"{parameter.name}={_shell_quote(value)}"]
    return " ".join(parts)


def _shell_quote(value: str) -> str:
    if value and all(c.isalnum() or c in "-_.,/:=@%+" for c in value):
        return value
    return "'" + value.replace("'", "'\"'\"'") + "'"


def _parameter_markdown(question: Question) -> list[str]:
    if not question.parameters:
        return ["No parameters."]
    lines = ["| parameter | type | required | default | allowed values | description |",
             "| --- | --- | --- | --- | --- | --- |"]
    for p in question.parameters:
        default = "" if p.default is None else f"`{p.default}`"
        lines.append(f"| `{p.name}` | {_cell(p.type_description)} | "
                     f"{'no' if p.optional else 'yes'} | {default} | "
                     f"{_cell(allowed_text(p))} | {_cell(p.description)} |")
    return lines


def question_markdown(question: Question) -> str:
    """The README section of one question."""
    lines = [f"### {question.name}", "", f"**{question.summary}**", ""]
    if question.description:
        lines += [question.description, ""]
    if question.tags:
        lines += ["Tags: " + ", ".join(question.tags), ""]
    if question.examples:
        lines += ["Asked in Dutch (`vngkb interpret`): "
                  + "; ".join(f"“{_cell(e)}”" for e in question.examples), ""]
    lines += _parameter_markdown(question)
    lines += ["", "```sh", example_command(question), "```", ""]
    return "\n".join(lines)


def catalogue_markdown(questions: Sequence[Question] | None = None) -> str:
    """The whole ``queries/README.md``."""
    if questions is None:
        questions = list(load_catalogue().values())
    lines = [_INTRO, "| question | what it answers | parameters |", "| --- | --- | --- |"]
    for q in questions:
        params = ", ".join(f"`{p.name}`" for p in q.parameters) or "–"
        lines.append(f"| [{q.name}](#{q.name}) | {_cell(q.summary)} | {params} |")
    lines.append("")
    lines += [question_markdown(q) for q in questions]
    return "\n".join(lines).rstrip("\n") + "\n"


def question_help(question: Question, width: int = 79) -> str:
    """Plain-text help for ``vngkb ask NAME --help``: summary, description, parameters
    (type, required, default, allowed values) and an example."""

    def para(text: str, indent: str = "  ") -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, initial_indent=indent,
                             subsequent_indent=indent, break_on_hyphens=False,
                             break_long_words=False) or [indent.rstrip()]

    lines = [f"{question.name}: {question.summary}", ""]
    if question.description:
        lines += [*para(question.description), ""]
    if question.parameters:
        lines.append(t("help_parameters"))
        for p in question.parameters:
            facts = [_short_type(p), t("help_optional" if p.optional else "help_required")]
            if p.default is not None:
                facts.append(t("help_default", value=_short_value(p, p.default)))
            lines += textwrap.wrap(f"{p.name}: " + "; ".join(facts), width,
                                   initial_indent="  ", subsequent_indent="      ",
                                   break_on_hyphens=False, break_long_words=False)
            if p.description:
                lines += para(p.description, "      ")
            allowed = allowed_text(p)
            if len(p.allowed) > _MAX_LISTED:
                allowed = (", ".join(p.allowed[:_MAX_LISTED])
                           + ", … " + t("help_in_all", n=len(p.allowed)))
            if allowed:
                lines += para(t("help_allowed", values=allowed), "      ")
            if p.aliases:
                lines += para(t("help_also", values=", ".join(f"{a} = {s}"
                                                              for a, s in p.aliases)),
                              "      ")
    else:
        lines.append(t("help_no_parameters"))
    if question.tags:
        lines += ["", t("help_tags", tags=", ".join(question.tags))]
    lines += ["", t("help_example"), "  " + example_command(question)]
    return "\n".join(lines)


#: At most this many allowed values are listed in a help text.
_MAX_LISTED = 20


def _short_type(parameter: Parameter) -> str:
    """The type for a help text: ``IRI of a tooiont:Ministerie``, ``year`` and so on."""
    from vngkb.query.output import short_iri

    if parameter.kind == "iri" and parameter.member_class:
        return t("help_iri_of", cls=short_iri(parameter.member_class))
    if parameter.kind == "iri" and parameter.scheme:
        return t("help_iri_from", scheme=short_iri(parameter.scheme))
    if parameter.kind == "string":
        return t("help_string", lang=f"@{parameter.lang}" if parameter.lang else "",
                 most=parameter.max_length)
    return t("help_type_" + parameter.kind)


def _short_value(parameter: Parameter, value: str) -> str:
    if parameter.kind == "iri" and parameter.scheme:
        return value.removeprefix(parameter.scheme + "/")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m vngkb.query.docs [--check] [--write]``: print the README, check that the
    committed one is up to date (exit 1 if not), or write it."""
    args = list(sys.argv[1:] if argv is None else argv)
    text = catalogue_markdown()
    if "--check" in args:
        current = README.read_text(encoding="utf-8") if README.exists() else ""
        if current != text:
            print(f"{README} is out of date: run python -m vngkb.query.docs --write",
                  file=sys.stderr)
            return 1
        return 0
    if "--write" in args:
        Path(README).write_text(text, encoding="utf-8")
        return 0
    sys.stdout.write(text)
    return 0


__all__ = ["catalogue_markdown", "example_command", "find_question", "question_help",
           "question_markdown"]

if __name__ == "__main__":
    sys.exit(main())
