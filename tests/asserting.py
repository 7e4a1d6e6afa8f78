"""A pytest plugin: a test that passes without asserting anything fails.

A test case that can end without checking the code's result (a caught exception and
``continue``, a loop that runs zero times, a helper that returns early) says nothing
when it passes. This plugin counts, per test, the ``assert`` statements that passed
(pytest's assertion-pass hook, enabled in pyproject.toml) and the ``pytest.raises``
checks it entered, and fails a test that passed with none.

Loaded with ``-p tests.asserting`` (pyproject.toml's ``addopts``).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

_counts: dict[str, int] = {}
_current: list[str] = []


def _count() -> None:
    if _current:
        _counts[_current[-1]] = _counts.get(_current[-1], 0) + 1


def pytest_assertion_pass(item: pytest.Item, lineno: int, orig: str, expl: str) -> None:
    _count()


_originals: list[Any] = []


def pytest_configure(config: pytest.Config) -> None:
    original = pytest.raises
    _originals.append(original)

    def counting_raises(*args: Any, **kwargs: Any) -> Any:
        _count()
        return original(*args, **kwargs)

    pytest.raises = counting_raises


def pytest_unconfigure(config: pytest.Config) -> None:
    if _originals:
        pytest.raises = _originals.pop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, Any, Any]:
    if not isinstance(item, pytest.Function):  # doctests check their output themselves
        return (yield)
    _current.append(item.nodeid)
    _counts[item.nodeid] = 0
    try:
        result = yield
    finally:
        _current.pop()
    if not _counts.get(item.nodeid):
        raise pytest.fail.Exception(
            f"{item.nodeid} passed without asserting anything: a test must check the "
            "code's result (assert, pytest.raises)", pytrace=False)
    return result
