"""A pytest plugin: a test that passes without asserting anything fails.

A test case that can end without checking the code's result (a caught exception and
``continue``, a loop that runs zero times, a helper that returns early) says nothing
when it passes. This plugin counts, per test, the ``assert`` statements that passed
and the ``pytest.raises`` checks it entered, and fails a test that passed with none.

An assert is counted where pytest's rewritten assert asks whether anyone wants to hear of
its passing (``enable_assertion_pass_hook`` in pyproject.toml puts that question in every
rewritten assert, on the passing branch only). The plugin answers the question itself,
counting, and says no: implementing the ``pytest_assertion_pass`` hook instead would make
every passing assert build the report of a failure (the repr of both sides, a diff of two
long lists), which was 37% of the CPU time of tests/test_guard.py.

Loaded with ``-p tests.asserting`` (pyproject.toml's ``addopts``).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest
from _pytest.assertion import rewrite as _rewrite

_counts: dict[str, int] = {}
_current: list[str] = []


def _count() -> None:
    if _current:
        _counts[_current[-1]] = _counts.get(_current[-1], 0) + 1


def _passed() -> bool:
    """Called by every rewritten assert that passed: counts it, and tells pytest that no
    one needs its explanation."""
    _count()
    return False


_originals: list[tuple[Any, Any]] = []


def pytest_configure(config: pytest.Config) -> None:
    original = pytest.raises
    # Fails loudly (AttributeError) if pytest stops asking this question.
    _originals.append((original, _rewrite._check_if_assertion_pass_impl))

    def counting_raises(*args: Any, **kwargs: Any) -> Any:
        _count()
        return original(*args, **kwargs)

    pytest.raises = counting_raises
    _rewrite._check_if_assertion_pass_impl = _passed


def pytest_unconfigure(config: pytest.Config) -> None:
    if _originals:
        pytest.raises, _rewrite._check_if_assertion_pass_impl = _originals.pop()


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
