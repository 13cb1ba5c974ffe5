"""On CI every test runs: a test that skips for want of a tool or data fails there instead."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

SKIPPING = """
import pytest

missing = pytest.importorskip("no_such_module_anywhere", reason="an optional extra")

def test_never_runs():
    pass
"""
SKIPPING_INSIDE = """
import pytest

def test_skips():
    pytest.skip("no server configured")

def test_by_design():
    pytest.skip("this store keeps nothing between runs")
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(Path(__file__).with_name("conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_module_skip=SKIPPING, test_skips=SKIPPING_INSIDE)
    return pytester


def test_on_ci_a_skipped_test_or_module_fails(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    result = suite.runpytest_subprocess("-p", "no:cacheprovider", "--continue-on-collection-errors")
    result.assert_outcomes(failed=1, skipped=1, errors=1)
    result.stdout.fnmatch_lines(["*skipped on CI, where every test must run*"])


def test_elsewhere_a_test_skips_saying_why(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("HYPOTHESIS_PROFILE", raising=False)
    result = suite.runpytest_subprocess("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(skipped=3)
