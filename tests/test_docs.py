"""The docs: queries/README.md is the text generated from the catalogue, `vngkb ask NAME
--help` describes the question, and README.md and docs/ name only commands, questions
and files that exist, show Python that gives what it shows, and build into a site."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vngkb.cli.commands import main
from vngkb.query import catalogue, docs


def test_committed_readme_is_the_generated_one() -> None:
    committed = docs.README.read_text(encoding="utf-8")
    assert committed == docs.catalogue_markdown(), (
        "queries/README.md is out of date: run `python -m vngkb.query.docs --write`")


def test_check_mode_reports_an_outdated_readme(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert docs.main(["--check"]) == 0
    stale = tmp_path / "README.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr(docs, "README", stale)
    assert docs.main(["--check"]) == 1


def test_readme_lists_every_question_with_example_and_parameters() -> None:
    text = docs.catalogue_markdown()
    for name, question in catalogue.load_catalogue().items():
        assert f"### {name}\n" in text
        assert f"](#{name})" in text
        assert f"\nvngkb ask {name}" in text
        for parameter in question.parameters:
            assert f"| `{parameter.name}` |" in text
    assert "## Where grlc's conventions stop" in text


def test_example_uses_short_names_and_defaults() -> None:
    question = catalogue.find_question("maatregelen-per-effecttype")
    assert docs.example_command(question) == (
        "vngkb ask maatregelen-per-effecttype -p effecttype=nieuwe-taak"
        " -p brief=ledenbrief-miljoenennota-2020")
    question = catalogue.find_question("zoek-in-teksten")
    assert docs.example_command(question) == (
        "vngkb ask zoek-in-teksten -p zoekterm=uitvoeringstoets"
        " -p brief=ledenbrief-miljoenennota-2020")


def test_ask_help_shows_the_question() -> None:
    result = CliRunner().invoke(main, ["ask", "bedragen-per-ministerie", "--help"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("bedragen-per-ministerie: Bedragen per ministerie\n")
    assert "ministerie: IRI van een tooiont:Ministerie; verplicht; standaard mnre1025" in out
    assert "toegestaan: mnre1010, mnre1013" in out
    assert "VWS = mnre1025" in out  # the abbreviation the KB gives the ministry
    assert "Voorbeeld:\n  vngkb ask bedragen-per-ministerie -p ministerie=mnre1025" in out
    assert "ask [OPTIONS] NAME" in out  # the generic options follow


def test_ask_help_after_options_and_for_a_year() -> None:
    result = CliRunner().invoke(main, ["ask", "-f", "csv", "accres-per-jaar", "--help"])
    assert result.exit_code == 0
    assert "jaar: jaartal (xsd:gYear); verplicht; standaard 2020" in result.stdout
    assert "toegestaan: 2019, 2020, 2021, 2022, 2023, 2024" in result.stdout
    english = CliRunner().invoke(main, ["--lang", "en", "ask", "accres-per-jaar", "--help"])
    assert "jaar: year (xsd:gYear); required; default 2020" in english.stdout
    assert "allowed: 2019, 2020, 2021, 2022, 2023, 2024" in english.stdout
    assert "Example:\n  vngkb ask accres-per-jaar -p jaar=2020" in english.stdout


def test_ask_help_without_a_name_is_the_generic_help() -> None:
    result = CliRunner().invoke(main, ["ask", "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Gebruik: ") and "ask [OPTIONS] NAME" in result.stdout


def test_ask_help_for_an_unknown_question_is_an_error() -> None:
    result = CliRunner().invoke(main, ["ask", "nope", "--help"])
    assert result.exit_code == 2
    assert result.stderr.startswith("vngkb: geen vraag met de naam 'nope'")


def test_docs_command_prints_the_readme() -> None:
    result = CliRunner().invoke(main, ["docs"])
    assert result.exit_code == 0
    assert result.stdout == docs.catalogue_markdown()


# --- the documentation: README.md, docs/ and the pages the site includes -------------------

ROOT = Path(__file__).resolve().parents[1]
#: The folder READMEs and other files the site includes (pymdownx.snippets in docs/*.md).
INCLUDED = ["queries/README.md", "kb/README.md", "ontology/README.md", "sources/README.md",
            "benchmarks/README.md", "benchmarks/scale-questions.md", "CHANGELOG.md"]
README_MAX_LINES = 200


def doc_files() -> list[Path]:
    return ([ROOT / "README.md"] + sorted((ROOT / "docs").rglob("*.md"))
            + [ROOT / name for name in INCLUDED])


_FENCE = re.compile(r"^(```|~~~)[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


def code_in(text: str) -> list[str]:
    """The code of a Markdown text: its fenced blocks, less their comments (prose), and
    its inline code spans."""
    blocks = [re.sub(r"(^|\s)#.*", "", m.group(2), flags=re.M) for m in _FENCE.finditer(text)]
    prose = _FENCE.sub("", text)
    return blocks + [m.group(2) for m in _SPAN.finditer(prose)]


# `vngkb COMMAND`, also as .venv/bin/vngkb or after `--lang en`; not vngkb.module or vngkb/.
_COMMAND = re.compile(r"(?<![\w./-])(?:\.venv/bin/)?vngkb(?: +--lang +\w+)? +([a-z][a-z-]*)\b")
# Options of `vngkb ask` that take a value, so the question's name is the next word.
_ASK_VALUED = {"-p", "--param", "-f", "--format", "--endpoint"}
_QUESTION_ELSEWHERE = [re.compile(r"vngkb\.ask\(\s*[\"']([a-z0-9-]+)[\"']"),
                       re.compile(r"/vragen/([a-z0-9][a-z0-9-]*)"),
                       re.compile(r"vraag → ([a-z0-9][a-z0-9-]*)")]


def commands_named(text: str) -> set[str]:
    """The sub-commands a Markdown text names in its code."""
    return {m.group(1) for code in code_in(text) for m in _COMMAND.finditer(code)}


def questions_named(text: str) -> set[str]:
    """The canned questions a Markdown text names in its code: `vngkb ask NAME` (after
    any options), `vngkb.ask("NAME")`, `/vragen/NAME` and vraag's `vraag → NAME`.
    Placeholders in capitals (NAME) are not names."""
    names: set[str] = set()
    for code in code_in(text):
        for line in code.splitlines():
            words = line.replace("--lang en ", "").replace("--lang nl ", "").split()
            for at, word in enumerate(words[:-1]):
                if word.endswith("vngkb") and words[at + 1] == "ask":
                    rest = iter(words[at + 2:])
                    for token in rest:
                        if token in _ASK_VALUED:
                            next(rest, None)
                        elif not token.startswith("-"):
                            if re.fullmatch(r"[a-z0-9][a-z0-9-]*", token):
                                names.add(token)
                            break
        for pattern in _QUESTION_ELSEWHERE:
            names.update(m.group(1) for m in pattern.finditer(code))
    return names


@pytest.mark.parametrize(("text", "commands", "questions"), [
    ("`vngkb search jeugdzorg`", {"search"}, set()),
    ("```sh\n.venv/bin/vngkb --lang en ask -f csv accres-per-jaar -p jaar=2020\n```",
     {"ask"}, {"accres-per-jaar"}),
    ("`vngkb ask NAME --help` and `vngkb ask -p jaar=2020 totalen-per-jaar`", {"ask"},
     {"totalen-per-jaar"}),
    ("vngkb frobnicate outside code, `import vngkb`, `vngkb.kb.load`, `vngkb/cli/`",
     set(), set()),
    ('```pycon\n>>> vngkb.ask("wetten")\n```\n`/vragen/moties-per-indiener`, '
     "`vraag → accres-per-jaar, jaar=2020`", set(), {"wetten", "moties-per-indiener",
                                                      "accres-per-jaar"}),
    ("`vngkb frobnicate --now`", {"frobnicate"}, set()),
    ("```sh\n# vngkb picks the question\nvngkb show x   # vngkb ask wetten\n```", {"show"},
     set()),
])
def test_the_extractors_find_what_the_text_names(text: str, commands: set[str],
                                                 questions: set[str]) -> None:
    assert commands_named(text) == commands
    assert questions_named(text) == questions


def test_every_command_in_the_docs_exists() -> None:
    context = click.Context(main)
    named = {path.relative_to(ROOT).as_posix(): commands_named(path.read_text("utf-8"))
             for path in doc_files()}
    assert {"ask", "interpret", "search", "show", "serve", "export"} <= named["README.md"]
    missing = {(doc, name) for doc, names in named.items() for name in names
               if main.get_command(context, name) is None}
    assert missing == set(), f"commands the CLI does not have: {sorted(missing)}"


def test_every_question_in_the_docs_exists() -> None:
    known = set(catalogue.load_catalogue())
    named = {path.relative_to(ROOT).as_posix(): questions_named(path.read_text("utf-8"))
             for path in doc_files()}
    assert "decentralisatie-uitkeringen-per-startjaar" in named["README.md"]
    assert len(set().union(*named.values())) >= 10
    missing = {(doc, name) for doc, names in named.items() for name in names
               if name not in known}
    assert missing == set(), f"questions the catalogue does not have: {sorted(missing)}"


_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")


def relative_links(text: str) -> list[str]:
    """The targets of a Markdown text's links that are files of this repository: not a
    URL, not an e-mail address, not an anchor of the same page; code is left out."""
    prose = _SPAN.sub("", _FENCE.sub("", text))
    return [target for target in _LINK.findall(prose)
            if not re.match(r"[a-z][a-z0-9+.-]*:", target) and not target.startswith("#")]


def test_the_link_finder_finds_relative_links_only() -> None:
    text = ("[a](docs/usage.md) [b](https://grlc.io) [c](#parameters) [d](../kb/README.md#x)"
            " `[e](in-code.md)` ![f](image.png) [g](mailto:x@example.org)")
    assert relative_links(text) == ["docs/usage.md", "../kb/README.md#x"]


def test_every_relative_link_resolves_to_a_file() -> None:
    broken = []
    count = 0
    for path in doc_files():
        for target in relative_links(path.read_text(encoding="utf-8")):
            count += 1
            if not (path.parent / target.split("#")[0]).exists():
                broken.append(f"{path.relative_to(ROOT)}: {target}")
    assert count >= 20  # the README alone links a dozen pages
    assert broken == []


def test_the_readme_is_short_and_has_the_quick_start() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= README_MAX_LINES
    assert "make run" in text and "make test" in text


def test_the_python_examples_in_the_docs_give_what_they_show() -> None:
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    examples = 0
    for path in doc_files():
        for number, block in enumerate(re.findall(r"^```pycon\n(.*?)^```", path.read_text(
                encoding="utf-8"), re.M | re.S)):
            test = parser.get_doctest(block, {}, f"{path.name}[{number}]", str(path), 0)
            examples += len(test.examples)
            runner.run(test)
    assert examples >= 8
    assert runner.summarize(verbose=False).failed == 0


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr
    # every page is reachable from the menu (mkdocs only notes a page left out of it)
    assert "not included in the \"nav\"" not in build.stderr, build.stderr
    assert (tmp_path / "catalogue" / "index.html").read_text(encoding="utf-8").count(
        "decentralisatie-uitkeringen-per-startjaar") >= 2  # the generated catalogue is in
