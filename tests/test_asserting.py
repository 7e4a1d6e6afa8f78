"""The plugin in tests/asserting.py: a test that passes without asserting fails."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

INI = """
[pytest]
enable_assertion_pass_hook = true
"""


@pytest.mark.parametrize(("body", "outcome"), [
    ("def test_it():\n    assert 1 + 1 == 2\n", {"passed": 1}),
    ("import pytest\ndef test_it():\n    with pytest.raises(ValueError):\n"
     "        int('x')\n", {"passed": 1}),
    ("def test_it():\n    pass\n", {"failed": 1}),
    ("def test_it():\n    for x in []:\n        assert x\n", {"failed": 1}),
    ("def test_it():\n    try:\n        int('x')\n    except ValueError:\n        return\n"
     "    assert False\n", {"failed": 1}),
    ("def test_it():\n    assert 1 == 2\n", {"failed": 1}),
    ("import pytest\ndef test_it():\n    pytest.skip('no')\n", {"skipped": 1}),
])
def test_a_test_must_assert(pytester: pytest.Pytester, body: str,
                            outcome: dict[str, int]) -> None:
    pytester.makeini(INI)
    pytester.makepyfile(test_case=body)
    result = pytester.runpytest("-p", "tests.asserting", "-p", "no:cacheprovider")
    result.assert_outcomes(**outcome)
    if outcome == {"failed": 1} and "1 == 2" not in body:
        result.stdout.fnmatch_lines(["*passed without asserting anything*"])
