"""Hostile files for ``vngkb validate``: devices, pipes, folders, oversized files and
terms, ill-typed literals (violations with file and line, no rdflib traceback), and a
file given alone is checked in the context of the shipped ontology, shapes and KB."""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import re
import shutil
import warnings
from pathlib import Path

import pytest

from tests.hostile.cli_helpers_input import Outcome, assert_refused, run_cli
from vngkb.core.paths import ONTOLOGY_DIR, SHIPPED_LETTER_DIR
from vngkb.core.paths import SHIPPED_LETTER as LB
from vngkb.kb.load import MAX_FILE_BYTES, MAX_TRIPLES, default_files
from vngkb.rdf import literals
from vngkb.rdf.literals import MAX_IRI_CHARS, MAX_LITERAL_CHARS, ill_typed_reason
from vngkb.rdf.namespaces import XSD
from vngkb.validate import validation
from vngkb.validate.validation import with_shipped

# --- files that are refused before parsing -----------------------------------------


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.ttl"
    os.mkfifo(path)
    return path


def _big(tmp: Path) -> Path:
    path = tmp / "big.ttl"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: no 20 MB written
    return path


def _exactly_max(tmp: Path) -> Path:
    path = tmp / "max.ttl"
    body = b"<http://e/s> <http://e/p> <http://e/o> .\n"
    with path.open("wb") as stream:
        stream.write(body)
        stream.write(b"#" * (MAX_FILE_BYTES - len(body) - 1) + b"\n")
    return path


REFUSED = [
    ("/dev/zero", "geen gewoon bestand (een apparaat)"),
    ("/dev/urandom", "geen gewoon bestand (een apparaat)"),
    ("/dev/null", "geen gewoon bestand (een apparaat)"),
    ("FOLDER", "geen gewoon bestand (een map)"),
    ("FIFO", "geen gewoon bestand (een pipe)"),
    ("MISSING", "kan niet lezen: No such file or directory"),
    ("LONGNAME", "kan niet lezen: File name too long"),
    ("BIG", f"groter dan {MAX_FILE_BYTES} bytes"),
    ("IRI", f"hooguit {MAX_IRI_CHARS} voor een IRI"),
    ("LITERAL", f"{MAX_LITERAL_CHARS} voor een literal"),
    ("NESTED", f"hooguit {MAX_TRIPLES} in één bestand"),
    ("LIST", f"hooguit {MAX_TRIPLES} in één bestand"),
    ("MANY", f"hooguit {MAX_TRIPLES} in één bestand"),
    ("SYNTAX", "Turtle-syntaxfout"),
    ("BINARY", "Turtle-syntaxfout"),
    ("LATIN1", "Turtle-syntaxfout"),
    ("UNCLOSED", "Turtle-syntaxfout"),
]


def _path_for(case: str, tmp: Path) -> Path:
    if case.startswith("/"):
        return Path(case)
    makers = {
        "FOLDER": lambda: tmp,
        "FIFO": lambda: _fifo(tmp),
        "MISSING": lambda: tmp / "nope.ttl",
        "LONGNAME": lambda: tmp / ("a" * 300 + ".ttl"),
        "BIG": lambda: _big(tmp),
    }
    if case in makers:
        return makers[case]()
    path = tmp / "case.ttl"
    contents = {
        "IRI": b"<http://e/" + b"a" * 10_000_000 + b"> <http://e/p> 1 .\n",
        "LITERAL": b'<http://e/s> <http://e/p> """' + b"abcdefghi\n" * 20_000 + b'""" .\n',
        "NESTED": (b"<http://e/s> <http://e/p> " + b"[ <http://e/p> " * 100_001 + b"1"
                   + b" ]" * 100_001 + b" .\n"),
        "LIST": b"<http://e/s> <http://e/p> " + b"( " * 60_000 + b"1" + b" )" * 60_000 + b" .\n",
        "MANY": b"".join(b"<http://e/s> <http://e/p> %d .\n" % i for i in range(100_001)),
        "SYNTAX": b"<http://e/s> <http://e/p> .\n",
        "BINARY": bytes(range(256)) * 100,
        "LATIN1": '<http://e/s> <http://e/p> "caf\xe9" .\n'.encode("latin-1"),
        "UNCLOSED": b'<http://e/s> <http://e/p> "' + b"x" * 1000,
    }
    path.write_bytes(contents[case])
    return path


@pytest.mark.parametrize(("case", "message"), REFUSED, ids=[c for c, _ in REFUSED])
def test_refused_file_is_one_line_exit_2(case: str, message: str, tmp_path: Path) -> None:
    outcome = run_cli("validate", str(_path_for(case, tmp_path)))
    assert_refused(outcome, contains=message)
    assert outcome.stdout == ""


@pytest.mark.parametrize(("case", "message"), [
    ("/dev/zero", "/dev/zero: not a regular file (a device); give a Turtle file"),
    ("FOLDER", "not a regular file (a folder)"),
    ("MISSING", "cannot read: No such file or directory"),
    ("BIG", f"larger than {MAX_FILE_BYTES} bytes"),
    ("IRI", f"at most {MAX_IRI_CHARS} for an IRI"),
    ("MANY", f"at most {MAX_TRIPLES} are accepted in one file"),
    ("SYNTAX", "Turtle syntax error"),
])
def test_refused_file_in_english(case: str, message: str, tmp_path: Path) -> None:
    outcome = run_cli("validate", str(_path_for(case, tmp_path)), lang="en")
    assert_refused(outcome, contains=message)
    assert outcome.stdout == ""


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    from vngkb.kb.load import read_turtle

    assert len(read_turtle(_exactly_max(tmp_path))) == MAX_FILE_BYTES


def _stale_fstat(monkeypatch: pytest.MonkeyPatch, reported: int) -> None:
    """Make fstat report *reported* bytes, as for a file that grew after it was asked."""
    real = os.fstat

    def fstat(handle: int) -> os.stat_result:
        info = real(handle)
        fields = list(info)
        fields[6] = reported  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", fstat)


@pytest.mark.parametrize("reported", [0, 1, 40])
def test_a_file_that_grew_after_its_size_was_asked_is_read_whole(
        reported: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vngkb.kb.load import read_turtle

    path = tmp_path / "groeit.ttl"
    data = b"<http://e/s> <http://e/p> <http://e/o> .\n" * 3
    path.write_bytes(data)
    _stale_fstat(monkeypatch, reported)
    assert read_turtle(path) == data


@pytest.mark.parametrize(("extra", "refused"), [(0, False), (1, True)])
def test_a_file_that_grew_past_the_limit_after_its_size_was_asked(
        extra: int, refused: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vngkb.core.errors import KbSyntaxError
    from vngkb.kb.load import read_turtle

    path = _exactly_max(tmp_path)
    if extra:
        with path.open("ab") as stream:
            stream.write(b"#" * extra)
    _stale_fstat(monkeypatch, 100)
    if refused:
        with pytest.raises(KbSyntaxError, match=f"{MAX_FILE_BYTES} bytes"):
            read_turtle(path)
    else:
        assert len(read_turtle(path)) == MAX_FILE_BYTES


@pytest.mark.parametrize(("length", "accepted"), [
    (MAX_IRI_CHARS, True), (MAX_IRI_CHARS + 1, False)])
def test_iri_length_edge(length: int, accepted: bool, tmp_path: Path) -> None:
    from vngkb.core.errors import KbSyntaxError
    from vngkb.kb.load import parse_file

    path = tmp_path / "iri.ttl"
    iri = "http://e/" + "a" * (length - len("http://e/"))
    path.write_text(f"<{iri}> <http://e/p> 1 .\n", encoding="utf-8")
    if accepted:
        assert len(parse_file(path)[1]) == 1
    else:
        with pytest.raises(KbSyntaxError, match=r"iri\.ttl:1: een term van 4001 tekens"):
            parse_file(path)


# --- ill-typed literals --------------------------------------------------------------

ILL_TYPED = [
    ("abc", "integer"), ("1.5", "integer"), ("", "integer"), ("٣", "integer"),
    ("1e3", "decimal"), ("abc", "decimal"), ("1,5", "decimal"), ("2020x", "gYear"),
    ("20", "gYear"), ("٢٠٢٠", "gYear"), ("2019-02-29", "date"), ("2020-13-01", "date"),
    ("2020-1-1", "date"), ("yes", "boolean"), ("TRUE", "boolean"), ("2", "boolean"),
    ("-1", "nonNegativeInteger"), ("0", "positiveInteger"), ("300", "unsignedByte"),
    ("abc", "double"), ("2020-02-30T00:00:00", "dateTime"), ("2020-01-01T25:00:00", "dateTime"),
    ("2020-00", "gYearMonth"), ("9" * 40, "long"),
]
WELL_TYPED = [
    ("42", "integer"), (" 42 ", "integer"), ("-0", "integer"), ("2020", "gYear"),
    ("2020Z", "gYear"), ("2020-02-29", "date"), ("true", "boolean"), ("1", "boolean"),
    ("-0.5", "decimal"), (".5", "decimal"), ("1.5E3", "double"), ("INF", "double"),
    ("2020-09", "gYearMonth"), ("2020-09-17T24:00:00", "dateTime"), ("255", "unsignedByte"),
    ("9" * 40, "integer"), ("anything", "string"), ("x", "http://e/own-type"),
]


@pytest.fixture(scope="module")
def ill_typed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Outcome]:
    """One file with every ill-typed literal (one per line) and every well-typed one,
    validated once by itself (the CLI path with the shipped KB is the same code, and
    slower), with whatever it writes to stderr."""
    path = tmp_path_factory.mktemp("typed") / "typed.ttl"
    lines = [f"@prefix xsd: <{XSD}> ."]
    for i, (lexical, datatype) in enumerate(ILL_TYPED + WELL_TYPED):
        dt = f"<{datatype}>" if ":" in datatype else f"xsd:{datatype}"
        lines.append(f'<http://e/s{i}> <http://e/p> "{lexical}"^^{dt} .')
    # A letter, so the file is a KB to validate (one without is refused before checking).
    lines.append("<http://e/brief> a <https://w3id.org/vngkb/def/Brondocument> .")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), warnings.catch_warnings():
        warnings.simplefilter("always")  # a warning rdflib raises would reach stderr
        report = validation.validate([path])
    code = 0 if report.conforms else 1
    return path, Outcome(code, report.text() + "\n", stderr.getvalue(), None)


@pytest.mark.parametrize("index", range(len(ILL_TYPED)),
                         ids=[f"{lex!r}^^{dt}" for lex, dt in ILL_TYPED])
def test_ill_typed_literal_is_a_violation_with_file_and_line(
        ill_typed_report: tuple[Path, Outcome], index: int) -> None:
    path, outcome = ill_typed_report
    lexical, datatype = ILL_TYPED[index]
    assert outcome.code == 1
    expected = (f"Violation: http://e/s{index} http://e/p: {path}:{index + 2}: "
                f"waarde {lexical!r} is geen geldige xsd:{datatype}")
    assert [line for line in outcome.stdout.splitlines() if line.startswith(expected)], expected


def test_ill_typed_report_counts_exactly_those(ill_typed_report: tuple[Path, Outcome]) -> None:
    _path, outcome = ill_typed_report
    assert outcome.stderr == ""  # no rdflib warning or traceback
    assert f"voldoet NIET ({len(ILL_TYPED)} overtreding(en)" in outcome.stdout
    flagged = set(re.findall(r"http://e/s(\d+) ", outcome.stdout))
    assert flagged == {str(i) for i in range(len(ILL_TYPED))}


@pytest.mark.parametrize(("lexical", "datatype"), ILL_TYPED)
def test_ill_typed_reason_names_the_type(lexical: str, datatype: str) -> None:
    reason = ill_typed_reason(lexical, XSD + datatype)
    assert reason is not None and reason.startswith(f"not an xsd:{datatype}")


@pytest.mark.parametrize(("lexical", "datatype"), WELL_TYPED)
def test_well_typed_literal_passes(lexical: str, datatype: str) -> None:
    full = datatype if ":" in datatype else XSD + datatype
    assert ill_typed_reason(lexical, full) is None


# --- one file validated with the shipped rules (issue 11) ---------------------------

@pytest.mark.parametrize("path", sorted(SHIPPED_LETTER_DIR.glob("*.ttl")), ids=lambda p: p.name)
def test_each_shipped_file_alone_is_validated_as_the_whole_kb(path: Path) -> None:
    # The shipped KB conforms (tests/test_validation.py); one file of it given alone is
    # validated with exactly the same files, so it conforms too.
    assert sorted(with_shipped([path])) == sorted(default_files())


def test_a_shipped_file_alone_is_clean() -> None:
    outcome = run_cli("validate", str(SHIPPED_LETTER_DIR / "h01-financien.ttl"))
    assert outcome.code == 0, outcome.stdout[-2000:]
    assert "voldoet (0 overtreding(en)" in outcome.stdout


def test_an_edited_copy_beside_a_copied_ontology_is_checked_by_the_shipped_shapes(
        tmp_path: Path) -> None:
    shutil.copytree(ONTOLOGY_DIR, tmp_path / "ontology")
    (tmp_path / "ontology" / "shapes.ttl").write_text("", encoding="utf-8")  # no rules
    (tmp_path / "kb").mkdir()
    copy = tmp_path / "kb" / "h01-financien.ttl"
    lines = (SHIPPED_LETTER_DIR / "h01-financien.ttl").read_text(encoding="utf-8").splitlines()
    # The first measure's chapter: found by content, so that edits above it do not matter.
    start = lines.index("maatregel:specifieke-uitkering-stimulering-sport a def:Maatregel ;")
    drop = lines.index("    def:hoofdstuk hoofdstuk:financien ;", start)
    assert drop - start < 5
    copy.write_text("\n".join(lines[:drop] + lines[drop + 1:]) + "\n", encoding="utf-8")
    # --shapes adds a rule every measure breaks, and only for the measures of the copy
    shapes = tmp_path / "extra.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
<http://e/ExtraShape> a sh:NodeShape ;
    sh:targetNode
        <https://w3id.org/vngkb/id/maatregel/ledenbrief-miljoenennota-2020/investeringsfonds> ;
    sh:property [ sh:path <http://e/required> ; sh:minCount 1 ;
                  sh:message "extra regel"@nl ] .
""", encoding="utf-8")
    copied = [str(p) for p in (tmp_path / "ontology").glob("*.ttl")]
    outcome = run_cli("validate", str(copy), *copied, "--shapes", str(shapes))
    assert outcome.code == 1, outcome.stdout[-2000:]
    assert (f"Violation: maatregel/{LB}/specifieke-uitkering-stimulering-sport def:hoofdstuk: "
            "Maatregel: hoofdstuk (def:hoofdstuk) ontbreekt of is dubbel") in outcome.stdout
    assert (f"Violation: maatregel/{LB}/investeringsfonds http://e/required: extra regel"
            in outcome.stdout)
    assert "voldoet NIET (2 overtreding(en)" in outcome.stdout


def test_the_copy_replaces_the_shipped_file_it_stands_in_for(tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere.ttl"  # another name: found by the resources it describes
    shutil.copy(SHIPPED_LETTER_DIR / "h01-financien.ttl", copy)
    files = with_shipped([copy])
    assert SHIPPED_LETTER_DIR / "h01-financien.ttl" not in files
    assert copy in files
    assert len(files) == len(default_files())


def test_refused_shapes_file(tmp_path: Path) -> None:
    assert_refused(run_cli("validate", "--shapes", "/dev/zero"), contains="/dev/zero")


@pytest.mark.parametrize("module", [literals, validation], ids=lambda m: m.__name__)
def test_doctests(module: object) -> None:
    failures, tried = doctest.testmod(module)  # type: ignore[arg-type]
    assert tried > 0
    assert failures == 0


@pytest.mark.parametrize(("count", "accepted"), [
    (MAX_TRIPLES - 1, True), (MAX_TRIPLES, True), (MAX_TRIPLES + 1, False)])
def test_triple_count_edge(count: int, accepted: bool, tmp_path: Path) -> None:
    from vngkb.core.errors import KbSyntaxError
    from vngkb.kb.load import parse_file

    path = tmp_path / "many.ttl"
    path.write_bytes(b"".join(b"<http://e/s> <http://e/p> %d .\n" % i for i in range(count)))
    if accepted:
        assert len(parse_file(path)[1]) == count
    else:
        with pytest.raises(KbSyntaxError, match=f"{count} triples; hooguit {MAX_TRIPLES}"):
            parse_file(path)


# --- one file reader for every command that reads a file ---------------------------------

def _special(case: str, tmp: Path) -> Path:
    """A file no command may read: a symlink loop, a FIFO, a device, a 3 GB sparse file,
    a folder, a missing file, a link to a device."""
    if case == "loop":
        path = tmp / "loop.ttl"
        path.symlink_to(path.name)
        return path
    if case == "fifo":
        return _fifo(tmp)
    if case == "sparse-3gb":
        path = tmp / "sparse.ttl"
        with path.open("wb") as stream:
            stream.truncate(3 * 1024 ** 3)  # sparse: no 3 GB written
        return path
    if case == "folder":
        return tmp
    if case == "missing":
        return tmp / "nope.ttl"
    if case == "link-to-zero":
        path = tmp / "zero.ttl"
        path.symlink_to("/dev/zero")
        return path
    return Path(case)


SPECIAL = {
    "loop": "Too many levels of symbolic links",
    "fifo": "geen gewoon bestand (een pipe)",
    "/dev/zero": "geen gewoon bestand (een apparaat)",
    "/dev/urandom": "geen gewoon bestand (een apparaat)",
    "link-to-zero": "geen gewoon bestand (een apparaat)",
    "sparse-3gb": "groter dan",
    "folder": "geen gewoon bestand (een map)",
    "missing": "No such file or directory",
}
READERS = {
    "validate": lambda path: ["validate", str(path)],
    "validate-shapes": lambda path: ["validate", "--shapes", str(path)],
    "bron": lambda path: ["bron", "--bron", str(path), "1"],
    "query": lambda path: ["query", str(path)],
}


@pytest.mark.parametrize("case", list(SPECIAL))
@pytest.mark.parametrize("reader", list(READERS))
def test_every_command_refuses_what_is_no_regular_file(reader: str, case: str,
                                                       tmp_path: Path) -> None:
    path = _special(case, tmp_path)
    outcome = run_cli(*READERS[reader](path))
    assert_refused(outcome, contains=SPECIAL[case])
    assert outcome.stdout == ""


@pytest.mark.parametrize("reader", ["bron", "query"])
def test_a_file_just_over_the_bound_is_refused(reader: str, tmp_path: Path) -> None:
    from vngkb.sandbox.guard import MAX_QUERY_LENGTH

    limit = MAX_FILE_BYTES if reader == "bron" else 4 * MAX_QUERY_LENGTH + 4
    path = tmp_path / "big.txt"
    with path.open("wb") as stream:
        stream.truncate(limit + 1)
    assert_refused(run_cli(*READERS[reader](path)), contains=f"groter dan {limit} bytes")
