"""The package's layout: the folders by job, and the module names that no linter sees
(the Python code the child processes are started with)."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

from vngkb.sandbox import runner

PACKAGE = Path(__file__).resolve().parents[1] / "vngkb"

#: The only modules allowed at the package's root: the package, ``python -m vngkb`` and
#: the library facade the CLI and notebooks call.
ROOT_MODULES = {"__init__.py", "__main__.py", "api.py"}


def test_child_process_command_imports_what_exists() -> None:
    tree = ast.parse(runner._WORKER_COMMAND)
    imports = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert len(imports) == 1
    module = importlib.import_module(imports[0].module or "")
    for alias in imports[0].names:
        assert callable(getattr(module, alias.name)), (imports[0].module, alias.name)


def test_the_child_process_command_names_its_own_module() -> None:
    # The one command both `vngkb query` and the endpoint start their workers with.
    assert re.fullmatch(rf"from {re.escape(runner.__name__)} import \w+; \w+\(\)",
                        runner._WORKER_COMMAND)


def test_the_root_holds_only_the_entry_modules() -> None:
    assert {p.name for p in PACKAGE.glob("*.py")} == ROOT_MODULES


def test_every_folder_is_a_package_with_a_docstring() -> None:
    folders = sorted(p for p in PACKAGE.iterdir() if p.is_dir() and p.name not in
                     {"__pycache__", "static", "templates"})
    assert len(folders) >= 10
    for folder in folders:
        init = folder / "__init__.py"
        assert init.is_file(), folder
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), folder


def test_no_test_module_imports_another_or_a_conftest() -> None:
    """Tests share helpers through the modules of tests/ that hold no tests, and fixtures
    through conftest.py, never by importing a test module (which runs its module-level
    work again and ties unrelated files together) or a conftest."""
    tests = PACKAGE.parent / "tests"
    found, read = [], 0
    for path in sorted(tests.rglob("*.py")):
        read += 1
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                module = "." * node.level + (node.module or "")
                modules = [module] + [f"{module}.{alias.name}" for alias in node.names]
            else:
                continue
            for module in modules:
                name = module.rsplit(".", 1)[-1]
                if name.startswith("test_") or name == "conftest":
                    found.append(f"{path.relative_to(tests)}:{node.lineno} {module}")
    assert read > 50
    assert found == []
