"""The computed finance figures are a layer above the KB, cached on disk under a key made
from their inputs: a changed input gives the new figure, never a stale one; and the
module graph of vngkb/ has no import cycle."""

from __future__ import annotations

import ast
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from vngkb import finance
from vngkb.kb import layers
from vngkb.kb.load import ACCRES_FILE, load_store

# The computed reëel accres 2020 and how far it is from the published one (def:verschil).
REEEL_2020 = """
PREFIX def: <https://w3id.org/vngkb/def/>
SELECT ?waarde WHERE {
  ?o a def:BerekendeAccreswaarneming ; def:verschil ?waarde ; def:begrotingsjaar ?jaar ;
     def:grootheid <https://w3id.org/vngkb/id/grootheid/reeel-accres> ;
     def:circulaire <https://w3id.org/vngkb/id/circulaire/septembercirculaire-2019> .
  FILTER(str(?jaar) = "2020")
}"""


def _verschil_2020(turtle: bytes) -> Decimal:
    store = ox.Store()
    store.load(turtle, format=ox.RdfFormat.TURTLE)
    solutions = store.query(REEEL_2020)
    assert isinstance(solutions, ox.QuerySolutions)
    values = [Decimal(s["waarde"].value) for s in solutions]
    assert len(values) == 1, values
    return values[0]


def _changed_copy(tmp_path: Path) -> Path:
    text = ACCRES_FILE.read_text(encoding="utf-8")
    assert text.count('"695578000"^^xsd:decimal') == 1
    changed = tmp_path / "accres.ttl"
    changed.write_text(text.replace('"695578000"^^xsd:decimal', '"695579000"^^xsd:decimal'),
                       encoding="utf-8")
    return changed


def test_a_changed_input_gives_the_new_figure(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    copy = tmp_path / "origineel" / "accres.ttl"
    copy.parent.mkdir()
    copy.write_bytes(ACCRES_FILE.read_bytes())
    before = layers.computed_turtle(copy, cache=cache)
    assert len(list(cache.glob("berekend-*.ttl"))) == 1
    # The same input again is a cache hit, byte for byte.
    assert layers.computed_turtle(copy, cache=cache) == before
    copy.write_bytes(_changed_copy(tmp_path).read_bytes())  # same path, new content
    after = layers.computed_turtle(copy, cache=cache)
    assert len(list(cache.glob("berekend-*.ttl"))) == 2
    # The published figure went up by 1000 euros: the computed one is 1000 further off.
    assert _verschil_2020(after) == _verschil_2020(before) - 1000
    assert after == finance.computed_turtle(kb_file=copy).encode("utf-8")


def test_the_key_covers_every_input(tmp_path: Path) -> None:
    ontology = tmp_path / "accres-ontologie.ttl"
    ontology.write_bytes(layers.ACCRES_ONTOLOGY_FILE.read_bytes())
    key = layers.computed_key(ACCRES_FILE, ontology)
    assert key == layers.computed_key(ACCRES_FILE, layers.ACCRES_ONTOLOGY_FILE)
    assert layers.computed_key(_changed_copy(tmp_path), ontology) != key
    ontology.write_bytes(ontology.read_bytes() + b"\n# een regel erbij\n")
    assert layers.computed_key(ACCRES_FILE, ontology) != key
    # The finance module's own source is part of the key.
    sources = {p.name for p in layers.FINANCE_DIR.glob("*.py")}
    assert {"model.py", "published.py", "rdf.py"} <= sources


def test_a_damaged_or_unwritable_cache_is_not_trusted(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    good = layers.computed_turtle(ACCRES_FILE, cache=cache)
    (cached,) = cache.glob("berekend-*.ttl")
    cached.write_bytes(good[: len(good) // 2] + b" {\"\x07")  # cut off, broken Turtle
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(cache))
    store = ox.Store()
    layers.add_computed(store)
    expected = ox.Store()
    expected.load(good, format=ox.RdfFormat.TURTLE)
    assert len(store) == len(expected) > 0
    # A cache "folder" that is a file: the figures are computed, nothing is written.
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map")
    assert layers.computed_turtle(ACCRES_FILE, cache=blocked) == good
    assert blocked.read_text() == "geen map"


def test_the_kb_as_written_has_no_computed_figures() -> None:
    plain, full = load_store(), layers.load_kb()
    computed = ("PREFIX def: <https://w3id.org/vngkb/def/> "
                "ASK { ?o a def:BerekendeAccreswaarneming }")
    assert (bool(plain.query(computed)), bool(full.query(computed))) == (False, True)


def test_a_cache_hit_does_not_import_the_finance_module(tmp_path: Path) -> None:
    code = ("import sys; from vngkb.kb.layers import load_kb; load_kb(); "
            "print('vngkb.finance' in sys.modules)")
    env = {"VNGKB_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, check=True)
    assert (first.stdout.strip(), second.stdout.strip()) == ("True", "False")


# --- Import cycles ---------------------------------------------------------------------

def module_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Every module of *package* under *root* and the modules of *package* it imports,
    anywhere in its code (top level, in functions, under TYPE_CHECKING)."""
    names = {}
    for path in (root / package).rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        names[path] = (".".join(parts), is_package)
    modules = {name for name, _ in names.values()}
    graph: dict[str, set[str]] = {}
    for path, (name, is_package) in names.items():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".")
                    anchor = anchor if is_package else anchor[:-1]
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, *([base] if base else [])])
                imported.add(base)
                imported.update(f"{base}.{alias.name}" for alias in node.names)
        # A module's own packages are initialised before it: importing them is no cycle.
        graph[name] = {m for m in imported
                       if m in modules and m != name and not name.startswith(f"{m}.")}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of *graph* as a list of modules, or [] when it is acyclic."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[module] = 2
        path.pop()
        return []

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return []


def test_vngkb_has_no_import_cycle() -> None:
    graph = module_graph(Path(__file__).resolve().parents[1], "vngkb")
    assert len(graph) >= 30 and "vngkb.finance.published" in graph
    assert "vngkb.rdf.turtle" in graph["vngkb.finance.published"]
    assert "vngkb.finance" not in graph["vngkb.kb.load"]
    assert find_cycle(graph) == []


def test_the_cycle_finder_finds_cycles(tmp_path: Path) -> None:
    package = tmp_path / "pakket"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from pakket.sub import b\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "b.py").write_text("from ..c import x\n")
    (package / "c.py").write_text("import pakket.a\n")
    graph = module_graph(tmp_path, "pakket")
    assert graph["pakket.sub.b"] == {"pakket.c"}
    assert find_cycle(graph) == ["pakket.a", "pakket.sub.b", "pakket.c", "pakket.a"]
    (package / "c.py").write_text("import os\n")
    assert find_cycle(module_graph(tmp_path, "pakket")) == []


# --- The loaded KB, cached -------------------------------------------------------------

def _canonical(store: ox.Store) -> list[ox.Quad]:
    from vngkb.kb.graphs import canonical_blank_nodes

    return sorted(canonical_blank_nodes(store), key=str)


def _fresh(files: list[Path] | None = None) -> ox.Store:
    """The KB loaded without any cache (the cache switched off)."""
    import os

    before = os.environ.get("VNGKB_CACHE_DIR")
    os.environ["VNGKB_CACHE_DIR"] = ""
    try:
        return layers.load_kb(files)
    finally:
        if before is None:
            del os.environ["VNGKB_CACHE_DIR"]
        else:
            os.environ["VNGKB_CACHE_DIR"] = before


def test_the_cached_kb_is_the_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path))
    first = layers.load_kb()  # a miss: loaded from the files and written
    (entry,) = tmp_path.glob("kb-*.nq")
    second = layers.load_kb()  # a hit
    database = layers.open_kb()  # a miss for the database: built and renamed into place
    (folder,) = tmp_path.glob("kb-*.oxigraph")
    again = layers.open_kb()  # a hit: opened read-only
    expected = _canonical(_fresh())
    # 10 765 written triples (504 of them say which IRI replaced an old one; 17 describe
    # def:perBrief and its properties in the ontology; 118 the letter's four series, their
    # vocabulary and shape; 2 the label "plafond BCF"), 1 481 computed accres figures,
    # 1 059 of tellingen.
    assert len(expected) == len(first) == 13305
    for store in (first, second, database, again):
        assert _canonical(store) == expected
    assert entry.stem == folder.stem  # one key for both
    with pytest.raises(RuntimeError, match="read-write"):
        again.add(ox.Quad(ox.NamedNode("http://example.org/a"),
                          ox.NamedNode("http://example.org/b"), ox.Literal("c")))
    # Nothing half-written is left behind.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_changed_kb_file_is_never_served_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "cache"))
    from vngkb.kb.load import default_files

    copy = tmp_path / "h01-financien.ttl"
    original = next(p for p in default_files() if p.name == "h01-financien.ttl")
    copy.write_bytes(original.read_bytes())
    files = [*(p for p in default_files() if p != original), copy]
    before = layers.open_kb(files)
    label = ('PREFIX dct: <http://purl.org/dc/terms/> ASK { ?maatregel dct:title '
             '"Investeringsfonds (gewijzigd)"@nl }')
    assert bool(before.query(label)) is False
    text = copy.read_text(encoding="utf-8")
    assert text.count('dct:title "Investeringsfonds"@nl') == 1
    copy.write_text(text.replace('dct:title "Investeringsfonds"@nl',
                                 'dct:title "Investeringsfonds (gewijzigd)"@nl'),
                    encoding="utf-8")  # same path, new content
    assert bool(layers.open_kb(files).query(label)) is True
    assert bool(layers.load_kb(files).query(label)) is True
    assert len(list((tmp_path / "cache").glob("kb-*.oxigraph"))) == 2
    assert len(list((tmp_path / "cache").glob("kb-*.nq"))) == 2


def test_a_broken_file_is_reported_even_after_its_good_version_was_cached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vngkb.core.errors import KbSyntaxError

    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path / "cache"))
    good = tmp_path / "klein.ttl"
    good.write_text('<http://example.org/a> <http://example.org/b> "c" .\n', encoding="utf-8")
    computed = len(layers.load_kb([]))  # the finance layer's triples (no amounts, no tellingen)
    assert len(layers.open_kb([good])) == len(layers.load_kb([good])) == 1 + computed
    good.write_text('<http://example.org/a> <http://example.org/b> "c .\n', encoding="utf-8")
    for load in (layers.load_kb, layers.open_kb):
        with pytest.raises(KbSyntaxError, match=r"klein\.ttl:1"):
            load([good])


def test_a_damaged_cache_entry_is_not_trusted(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", str(tmp_path))
    expected = _canonical(_fresh())
    layers.load_kb()
    layers.open_kb()
    (entry,) = tmp_path.glob("kb-*.nq")
    entry.write_bytes(entry.read_bytes()[:5000] + b"<kapot")  # cut off mid-term
    (folder,) = tmp_path.glob("kb-*.oxigraph")
    for part in folder.iterdir():
        part.write_bytes(b"\x00kapot")
    assert _canonical(layers.load_kb()) == expected
    assert _canonical(layers.open_kb()) == expected


def test_no_cache_means_nothing_written(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNGKB_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert len(layers.open_kb()) == len(layers.load_kb()) == 13305
    assert list(tmp_path.iterdir()) == []


def test_a_second_ask_imports_neither_the_finance_module_nor_yaml(tmp_path: Path) -> None:
    code = ("import sys; from vngkb.api import ask; "
            "ask('decentralisatie-uitkeringen-per-startjaar', {'jaar': '2020'}); "
            "print(sorted(m for m in ('vngkb.finance', 'yaml') if m in sys.modules))")
    env = {"VNGKB_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["['vngkb.finance', 'yaml']", "[]"]
