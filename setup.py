"""The wheel carries vngkb's data: ``kb/``, ``ontology/``, ``queries/``, ``sources/`` and
``publication/`` are copied into the package as ``vngkb/_data/`` (see vngkb/core/paths.py),
so ``pip install .``, a wheel and pipx give the same tool as the editable install. Those
folders stay at the project's top level, where curators and users look for them.
Everything else is configured in pyproject.toml."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = ("kb", "ontology", "queries", "sources", "publication")


class BuildPyWithData(build_py):
    """``build_py`` that also copies the data folders into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the folders where they are
            return
        for folder in DATA_FOLDERS:
            self.copy_tree(folder, str(Path(self.build_lib) / "vngkb" / "_data" / folder))


setup(cmdclass={"build_py": BuildPyWithData})
